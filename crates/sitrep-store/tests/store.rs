//! The store on real extraction output: reports merged across articles and unmerged again,
//! idempotent writes, queries, events read back as extracted, and failures that lose nothing.
//!
//! Every test of what a store does runs on both backends: `on_both!(name)` makes `name::sqlite`
//! and `name::postgres` from `fn name(store: &mut dyn Store)`. The PostgreSQL ones need a server
//! (`SITREP_TEST_POSTGRES`, which `./scripts/test` sets) and fail, saying so, without one.

use std::path::PathBuf;
use std::sync::LazyLock;

use sitrep::text::{ReadConfig, read_input};
use sitrep::{Document, Extractor, Gazetteer};
use sitrep_store::test_support::TempDatabase;
use sitrep_store::{
    DocumentFilter, Error, EventFilter, Ingested, MergeSettings, Near, PgStore, SqliteStore, Store,
};

/// Tests `fn $name(store: &mut dyn Store)` on an empty store of each backend.
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(&mut super::SqliteStore::in_memory().unwrap());
            }

            #[test]
            fn postgres() {
                let db = super::TempDatabase::new();
                super::$name(&mut super::PgStore::connect(&db.url).unwrap());
            }
        }
    };
}

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

/// Four short reports written for this test: three outlets on one attack on the Deir ez-Zor
/// airport, and one on an attack the same day in Palmyra, 130 km away.
const REPORTS: &str = r#"{"id": "a1", "source": "Deir Ezzor 24", "published": "2017-05-18", "text": "Islamic State fighters attacked Syrian army positions near Deir ez-Zor airport on Wednesday, the army said. The attack was repelled after heavy fighting."}
{"id": "b1", "source": "Enab Baladi", "published": "2017-05-18", "text": "IS militants launched an attack on regime forces at Deir al-Zour military airport on Wednesday, local activists reported."}
{"id": "c1", "source": "SANA", "published": "2017-05-19", "text": "Army units repelled an attack by ISIS terrorists on their positions around Deir Ezzor airport yesterday, killing dozens of the attackers."}
{"id": "d1", "source": "SANA", "published": "2017-05-19", "text": "Islamic State fighters attacked Syrian army positions in Palmyra on Wednesday."}
"#;

fn ingested(name: &str, bytes: &[u8]) -> Vec<Ingested> {
    let read = read_input(name, bytes, None, &ReadConfig::default());
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    read.documents
        .into_iter()
        .map(|d| {
            let a = EXTRACTOR.extract(&d);
            Ingested::new(name.to_string(), d, a)
        })
        .collect()
}

fn example_article() -> Vec<Ingested> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/race-to-deir-al-zour-2017-05-19.txt");
    ingested("race-to-deir-al-zour-2017-05-19.txt", &std::fs::read(path).expect("example"))
}

/// The airport attack as the store holds it.
fn airport_attack(store: &mut dyn Store) -> sitrep_store::StoredEvent {
    let all = store.events(&EventFilter::default()).unwrap();
    let found: Vec<_> = all
        .into_iter()
        .filter(|e| {
            e.event.place.as_ref().is_some_and(|p| p.id == "sitrep:sy-deir-ez-zor-airport")
                && e.event.actor1.as_deref() == Some("islamic-state")
                && e.event.actor2.as_deref() == Some("syria-armed-forces")
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().unwrap()
}

on_both!(reports_of_one_attack_from_three_outlets_become_one_event);
fn reports_of_one_attack_from_three_outlets_become_one_event(store: &mut dyn Store) {
    let outcome = store.write_batch(&ingested("reports.jsonl", REPORTS.as_bytes())).unwrap();
    assert_eq!(outcome.new, 4);
    assert!(outcome.merged >= 2, "{outcome:?}");

    let attack = airport_attack(store);
    assert_eq!((attack.documents, attack.sources), (3, 3), "{attack:#?}");
    assert_eq!(attack.source_names, ["Deir Ezzor 24", "Enab Baladi", "SANA"]);
    let detail = store.event(attack.id).unwrap().unwrap();
    let evidence: Vec<&str> =
        detail.report_list.iter().map(|r| r.event.evidence.text.as_str()).collect();
    assert_eq!(evidence.len() as u64, attack.reports);
    assert!(evidence.iter().any(|s| s.contains("Deir al-Zour military airport")), "{evidence:?}");
    assert!(evidence.iter().any(|s| s.contains("around Deir Ezzor airport yesterday")));

    // The Palmyra attack that day, reported by SANA too, stays apart.
    let palmyra = store
        .events(&EventFilter {
            near: Some(Near { lat: 34.56, lon: 38.27, km: 25.0 }),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(palmyra.len(), 1, "{palmyra:#?}");
    assert_eq!(palmyra[0].sources, 1);

    // Off: one event per report; on again: the same merge as before.
    let before = store.counts().unwrap();
    let off = store.remerge(MergeSettings { enabled: false, ..MergeSettings::default() }).unwrap();
    assert_eq!(off.events, off.reports);
    assert_eq!(off.reports, before.reports);
    assert!(store.events(&EventFilter::default()).unwrap().iter().all(|e| e.reports == 1));
    let on = store.remerge(MergeSettings::default()).unwrap();
    assert_eq!(on, before);
    assert_eq!(airport_attack(store).sources, 3);

    // A radius of zero still merges reports of the very same place; a gap of zero days does
    // not merge Wednesday with "yesterday" (Thursday) but does merge the two Wednesday reports.
    let strict = MergeSettings { enabled: true, radius_km: 0.0, days: 0 };
    store.remerge(strict).unwrap();
    assert_eq!(airport_attack(store).documents, 2);
    assert_eq!(store.merge_settings().unwrap(), strict);
}

on_both!(writing_the_same_documents_again_stores_nothing);
fn writing_the_same_documents_again_stores_nothing(store: &mut dyn Store) {
    let docs = example_article();
    let first = store.write_batch(&docs).unwrap();
    assert_eq!((first.new, first.present), (1, 0));
    let counts = store.counts().unwrap();
    assert!(counts.reports >= 20 && counts.places >= 10 && counts.actors >= 10, "{counts:?}");
    let again = store.write_batch(&docs).unwrap();
    assert_eq!((again.new, again.present, again.reports), (0, 1, 0));
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(
        store.contains(&[&docs[0].key, "url:https://example.org/none"]).unwrap(),
        [true, false]
    );
}

on_both!(stored_events_read_back_as_extracted);
fn stored_events_read_back_as_extracted(store: &mut dyn Store) {
    store.remerge(MergeSettings { enabled: false, ..MergeSettings::default() }).unwrap();
    let docs = example_article();
    store.write_batch(&docs).unwrap();
    let mut stored: Vec<_> = store.events(&EventFilter::default()).unwrap();
    stored.sort_by_key(|e| e.id);
    let extracted = &docs[0].analysis.events;
    assert_eq!(stored.len(), extracted.len());
    for (s, e) in stored.iter().zip(extracted) {
        assert_eq!(&s.event, e);
    }
    let doc = &store.documents(&DocumentFilter::default()).unwrap()[0];
    assert_eq!(doc.published.as_deref(), Some("2017-05-19"));
    assert_eq!(doc.reports as usize, extracted.len());
}

on_both!(filters_select_what_they_say);
fn filters_select_what_they_say(store: &mut dyn Store) {
    store.write_batch(&example_article()).unwrap();
    store.write_batch(&ingested("reports.jsonl", REPORTS.as_bytes())).unwrap();
    let all = store.events(&EventFilter::default()).unwrap();
    assert!(all.len() > 20);
    // Newest first, undated last.
    let dates: Vec<_> = all.iter().map(|e| e.event.date.map(|d| d.start)).collect();
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert!(dates[dated..].iter().all(Option::is_none));
    assert!(dates[..dated].windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    let mut check = |filter: EventFilter, ok: &dyn Fn(&sitrep_store::StoredEvent) -> bool| {
        let got = store.events(&filter).unwrap();
        let want = all.iter().filter(|e| ok(e)).count();
        assert!(want > 0, "nothing to select");
        assert_eq!(got.len(), want);
        assert!(got.iter().all(ok));
    };
    check(EventFilter { types: vec!["ASSAULT".into()], ..Default::default() }, &|e| {
        e.event.kind == "ASSAULT"
    });
    check(EventFilter { actors: vec!["sdf".into()], ..Default::default() }, &|e| {
        e.event.actor1.as_deref() == Some("sdf") || e.event.actor2.as_deref() == Some("sdf")
    });
    check(EventFilter { statuses: vec!["planned".into()], ..Default::default() }, &|e| {
        e.event.status == sitrep::events::Status::Planned
    });
    check(EventFilter { source: Some("SANA".into()), ..Default::default() }, &|e| {
        e.source_names.iter().any(|s| s == "SANA")
    });
    let day = jiff::civil::date(2017, 5, 17);
    check(EventFilter { since: Some(day), until: Some(day), ..Default::default() }, &|e| {
        e.event.date.is_some_and(|d| d.start <= day && d.end >= day)
    });
    let (lat, lon) = (35.336, 40.140);
    let close = |e: &sitrep_store::StoredEvent| {
        e.event
            .place
            .as_ref()
            .is_some_and(|p| sitrep_store::haversine_km(lat, lon, p.lat, p.lon) <= 50.0)
    };
    let near = Some(Near { lat, lon, km: 50.0 });
    check(EventFilter { near, ..Default::default() }, &close);
    check(EventFilter { near, types: vec!["ASSAULT".into()], ..Default::default() }, &|e| {
        close(e) && e.event.kind == "ASSAULT"
    });
    let first = store.events(&EventFilter { near, limit: Some(3), ..Default::default() }).unwrap();
    let every = store.events(&EventFilter { near, ..Default::default() }).unwrap();
    assert_eq!(first[..], every[..3]);
}

#[test]
fn a_full_disk_rolls_back_the_batch_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.write_batch(&ingested("reports.jsonl", REPORTS.as_bytes())).unwrap();
    let before = store.counts().unwrap();
    // Let the file grow by a few pages only: the example article needs more.
    let pages: i64 = store.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store.connection().pragma_update(None, "max_page_count", pages + 2).unwrap();
    let err = store.write_batch(&example_article()).unwrap_err();
    assert!(matches!(err, Error::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert_eq!(store.counts().unwrap(), before);
    drop(store);
    let mut reopened = SqliteStore::open(&path).unwrap();
    assert_eq!(reopened.counts().unwrap(), before);
    assert_eq!(airport_attack(&mut reopened).sources, 3);
}

#[test]
fn read_only_and_foreign_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    SqliteStore::open(&path).unwrap().write_batch(&example_article()).unwrap();
    let mut ro = SqliteStore::open_read_only(&path).unwrap();
    let before = ro.counts().unwrap();
    let err = ro.write_batch(&ingested("reports.jsonl", REPORTS.as_bytes())).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&format!("{}: the database is read-only", path.display())));
    assert_eq!(ro.counts().unwrap(), before);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Deir ez-Zor is not a database. ".repeat(200)).unwrap();
    let err = SqliteStore::open(&text).unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err:?}");
    assert!(std::fs::read_to_string(&text).unwrap().starts_with("Deir ez-Zor is not"));

    let empty = Document { text: String::new(), ..Document::default() };
    let a = EXTRACTOR.extract(&empty);
    let mut store = SqliteStore::in_memory().unwrap();
    assert_eq!(store.write_batch(&[Ingested::new("e".into(), empty, a)]).unwrap().new, 1);
}

on_both!(strikes_on_neighbouring_towns_stay_apart);
fn strikes_on_neighbouring_towns_stay_apart(store: &mut dyn Store) {
    // Written for this test: the same actor strikes Douma and Harasta (5 km apart) on one day;
    // two outlets tell of Douma, and two tell, without naming who, of shelling in Kafr Batna.
    let reports = r#"{"id": "s1", "source": "SOHR", "published": "2018-03-13", "text": "Russian warplanes carried out airstrikes on Douma on Monday."}
{"id": "s2", "source": "Smart News", "published": "2018-03-13", "text": "Russian warplanes carried out airstrikes on Harasta on Monday."}
{"id": "s3", "source": "Enab Baladi", "published": "2018-03-13", "text": "Russian jets struck Douma in Eastern Ghouta on Monday, residents said."}
{"id": "s4", "source": "Qasioun", "published": "2018-03-13", "text": "Shelling hit Kafr Batna on Monday."}
{"id": "s5", "source": "SMART", "published": "2018-03-14", "text": "Kafr Batna was shelled on Monday, killing two civilians."}
"#;
    store.write_batch(&ingested("ghouta.jsonl", reports.as_bytes())).unwrap();
    let events = store.events(&EventFilter::default()).unwrap();
    let sources = |town: &str| -> Vec<u64> {
        let mut s: Vec<u64> = events
            .iter()
            .filter(|e| e.event.place.as_ref().is_some_and(|p| p.name == town))
            .map(|e| e.sources)
            .collect();
        s.sort_unstable();
        s
    };
    assert_eq!(sources("Dūmā"), [2], "{events:#?}");
    assert_eq!(sources("Ḩarastā"), [1]);
    // One event told by both, and the killing only the second names.
    assert_eq!(sources("Kafr Baţnā"), [1, 2]);
}

on_both!(events_as_json_are_the_events_serialized);
fn events_as_json_are_the_events_serialized(store: &mut dyn Store) {
    store.write_batch(&example_article()).unwrap();
    store.write_batch(&ingested("reports.jsonl", REPORTS.as_bytes())).unwrap();
    for filter in [
        EventFilter::default(),
        EventFilter {
            near: Some(Near { lat: 35.336, lon: 40.140, km: 30.0 }),
            ..Default::default()
        },
        EventFilter { types: vec!["MOBILIZE".into()], ..Default::default() },
    ] {
        let parsed: Vec<serde_json::Value> = store
            .events_json(&filter)
            .unwrap()
            .iter()
            .map(|s| serde_json::from_str(s).unwrap())
            .collect();
        let events = store.events(&filter).unwrap();
        let expected: Vec<serde_json::Value> =
            events.iter().map(|e| serde_json::to_value(e).unwrap()).collect();
        assert!(!expected.is_empty());
        assert_eq!(parsed, expected);
    }
}

/// Every document of `docs`, as the store holds them: (key, reports), and the events as
/// (type, actors, place, dates, status, reports, documents, sources, keys of the documents).
fn snapshot(store: &mut dyn Store, docs: &[Ingested]) -> (Vec<String>, Vec<String>) {
    let mut keys: Vec<String> = docs.iter().map(|d| d.key.clone()).collect();
    keys.sort();
    keys.dedup();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    assert!(store.contains(&refs).unwrap().iter().all(|&c| c));
    let mut events: Vec<String> = store
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            let detail = store.event(e.id).unwrap().unwrap();
            let mut origins: Vec<String> = detail
                .report_list
                .iter()
                .map(|r| r.document.ext_id.clone().unwrap_or_default())
                .collect();
            origins.sort();
            format!(
                "{} {:?} {:?} {:?} {:?} {} {} {} {} {:?}",
                e.event.kind,
                e.event.actor1,
                e.event.actor2,
                e.event.place.as_ref().map(|p| &p.id),
                e.event.date,
                e.event.status.as_str(),
                e.reports,
                e.documents,
                e.sources,
                origins
            )
        })
        .collect();
    events.sort();
    (keys, events)
}

fn corpus() -> Vec<Ingested> {
    let mut docs = example_article();
    docs.extend(ingested("reports.jsonl", REPORTS.as_bytes()));
    // The same reports again under other ids: more documents telling the same events.
    docs.extend(ingested(
        "again.jsonl",
        REPORTS.replace("\"id\": \"", "\"id\": \"again-").as_bytes(),
    ));
    docs
}

#[test]
fn postgres_four_writers_at_once_store_each_document_once_and_merge_as_one() {
    let docs = corpus();
    let single = TempDatabase::new();
    let mut one = PgStore::connect(&single.url).unwrap();
    for d in &docs {
        one.write_batch(std::slice::from_ref(d)).unwrap();
    }
    let expected = snapshot(&mut one, &docs);

    let shared = TempDatabase::new();
    PgStore::connect(&shared.url).unwrap();
    let outcomes: Vec<sitrep_store::BatchOutcome> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|w| {
                let (url, docs) = (&shared.url, &docs);
                scope.spawn(move || {
                    let mut store = PgStore::connect(url).unwrap();
                    let mut out = sitrep_store::BatchOutcome::default();
                    // Each writer goes through every document, one per transaction, starting
                    // at a different place: they collide on every document.
                    for i in 0..docs.len() {
                        let d = &docs[(i + w) % docs.len()];
                        out += store.write_batch(std::slice::from_ref(d)).unwrap();
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let new: usize = outcomes.iter().map(|o| o.new).sum();
    let present: usize = outcomes.iter().map(|o| o.present).sum();
    assert_eq!(new, docs.len(), "{outcomes:?}");
    assert_eq!(present, 3 * docs.len());
    let mut store = PgStore::connect(&shared.url).unwrap();
    assert_eq!(store.counts().unwrap().documents as usize, docs.len());
    assert_eq!(store.counts().unwrap().reports, one.counts().unwrap().reports);
    // The writers stored documents in another order; rebuilt in the store's own order, the
    // events are those of one writer.
    store.remerge(MergeSettings::default()).unwrap();
    one.remerge(MergeSettings::default()).unwrap();
    assert_eq!(snapshot(&mut store, &docs), snapshot(&mut one, &docs));
    assert_eq!(snapshot(&mut one, &docs).0, expected.0);
}

#[test]
fn postgres_queue_hands_each_document_out_once_and_takes_back_abandoned_claims() {
    let db = TempDatabase::new();
    let mut store = PgStore::connect(&db.url).unwrap();
    let docs = corpus();
    let items: Vec<(String, String, Document)> =
        docs.iter().map(|d| (d.key.clone(), d.origin.clone(), d.document.clone())).collect();
    assert_eq!(store.enqueue(&items).unwrap(), docs.len());
    assert_eq!(store.enqueue(&items).unwrap(), 0, "queued twice");

    let mut other = PgStore::connect(&db.url).unwrap();
    let a = store.claim("a", 4, 1.0, 2).unwrap();
    let b = other.claim("b", 100, 60.0, 2).unwrap();
    assert_eq!(a.len(), 4);
    assert_eq!(a.len() + b.len(), docs.len());
    assert!(a.iter().all(|c| b.iter().all(|d| d.id != c.id)), "a document claimed twice");
    assert!(other.claim("b", 100, 60.0, 2).unwrap().is_empty());
    other.finish(&b.iter().map(|c| c.id).collect::<Vec<_>>()).unwrap();

    // "a" dies: once its lease runs out, its documents go to the next worker, a second time.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    let again = other.claim("c", 100, 60.0, 2).unwrap();
    let mut ids: Vec<i64> = again.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, a.iter().map(|c| c.id).collect::<Vec<_>>());
    assert!(again.iter().all(|c| c.attempts == 2));
    assert_eq!(again[0].document, a[0].document);
    // Failing on the last attempt gives up, with the reason kept.
    other.fail(again[0].id, "extraction failed: test", 2).unwrap();
    other.finish(&ids[1..]).unwrap();
    let counts = other.queue_counts().unwrap();
    assert_eq!((counts.pending, counts.working, counts.failed), (0, 0, 1));
    assert_eq!(counts.done as usize, docs.len() - 1);
    let failures = other.queue_failures().unwrap();
    assert_eq!(failures[0].2, "extraction failed: test");
    // Documents already stored are not queued again.
    other.write_batch(&docs[..1]).unwrap();
    let fresh = TempDatabase::new();
    let mut s = PgStore::connect(&fresh.url).unwrap();
    s.write_batch(&docs[..1]).unwrap();
    assert_eq!(s.enqueue(&items).unwrap(), docs.len() - 1);
}

#[test]
fn postgres_refuses_a_schema_newer_than_it_knows() {
    let db = TempDatabase::new();
    let mut store = PgStore::connect(&db.url).unwrap();
    store.client().batch_execute("UPDATE sitrep_schema SET version = 99").unwrap();
    let err = PgStore::connect(&db.url).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("upgrade sitrep"), "{err}");
}

#[test]
fn copies_between_backends_hold_the_same_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from.db");
    let docs = corpus();
    let mut sqlite = SqliteStore::open(&from).unwrap();
    sqlite.write_batch(&docs).unwrap();
    let expected = snapshot(&mut sqlite, &docs);
    drop(sqlite);

    let pg = TempDatabase::new();
    let tables = sitrep_store::copy::copy(from.to_str().unwrap(), &pg.url, &|_| {}).unwrap();
    assert_eq!(tables.len(), 9);
    assert!(tables.iter().all(|t| t.verified()), "{tables:#?}");
    assert!(tables.iter().find(|t| t.table == "reports").unwrap().rows > 20);
    let mut store = PgStore::connect(&pg.url).unwrap();
    assert_eq!(snapshot(&mut store, &docs), expected);
    // Queries by place use the rebuilt index; writes go on after the copied ids.
    let near = Some(Near { lat: 35.336, lon: 40.140, km: 30.0 });
    assert!(!store.events(&EventFilter { near, ..Default::default() }).unwrap().is_empty());
    let more = ingested("more.jsonl", REPORTS.replace("\"id\": \"", "\"id\": \"more-").as_bytes());
    let outcome = store.write_batch(&more).unwrap();
    assert_eq!(outcome.new, 4);
    assert!(outcome.merged >= 3, "{outcome:?}");

    // Back again into a new file; and never into a database that holds documents.
    let back = dir.path().join("back.db");
    let tables = sitrep_store::copy::copy(&pg.url, back.to_str().unwrap(), &|_| {}).unwrap();
    assert!(tables.iter().all(|t| t.verified()), "{tables:#?}");
    let err = sitrep_store::copy::copy(&pg.url, back.to_str().unwrap(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("copy into an empty database"), "{err}");
    let mut returned = SqliteStore::open(&back).unwrap();
    let mut all = docs.clone();
    all.extend(more);
    assert_eq!(snapshot(&mut returned, &all), snapshot(&mut store, &all));
    let outcome = returned
        .write_batch(&ingested(
            "last.jsonl",
            REPORTS.replace("\"id\": \"", "\"id\": \"last-").as_bytes(),
        ))
        .unwrap();
    assert!(outcome.merged >= 3, "merging goes on in the copy: {outcome:?}");
}
