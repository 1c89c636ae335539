//! The event database through the `sitrep` binary: ingesting real archives twice, surviving a
//! `kill -9` mid-ingest, bad input, and the query commands.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{shared, sitrep, sitrep_at, stderr, stdout};
use sitrep_store::test_support::TempDatabase;

/// The ACLED March 2018 notes as JSON Lines (id, source, date, notes), `copies` times over with
/// distinct ids: the same event told by several documents.
fn acled_jsonl(dir: &Path, copies: usize) -> PathBuf {
    let rows = sitrep::eval::acled::read_rows(Path::new(&shared(
        "data/acled-2018-03/acled-syria-iraq-2018-03.csv",
    )))
    .expect("ACLED rows");
    assert!(rows.len() > 2000);
    let mut csv = csv::Reader::from_path(shared("data/acled-2018-03/acled-syria-iraq-2018-03.csv"))
        .expect("ACLED CSV");
    let headers = csv.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, source) = (col("event_id_cnty"), col("source"));
    let records: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("row")).collect();
    assert_eq!(records.len(), rows.len());
    let mut out = String::new();
    for copy in 0..copies {
        for (row, rec) in rows.iter().zip(&records) {
            let line = serde_json::json!({
                "id": format!("{}-{copy}", &rec[id]),
                "source": &rec[source],
                "published": sitrep::eval::acled::acled_date(&row.event_date),
                "text": row.notes,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    let path = dir.join(format!("acled-{copies}.jsonl"));
    std::fs::write(&path, out).expect("write JSON Lines");
    path
}

/// Row counts of the tables, and the events as comparable rows.
type Snapshot = (Vec<(String, u64)>, Vec<String>);

/// Row counts of every table, and the events as comparable rows (ids left out: a resumed run
/// may number them differently from a clean one), read through the store: the same on SQLite
/// and PostgreSQL.
fn snapshot(db: &str) -> Snapshot {
    let mut store = sitrep_store::open_read_only(db).expect("open");
    let c = store.counts().unwrap();
    let counts = [
        ("documents", c.documents),
        ("places", c.places),
        ("actors", c.actors),
        ("mentions", c.mentions),
        ("times", c.times),
        ("reports", c.reports),
        ("events", c.events),
    ]
    .map(|(t, n)| (t.to_string(), n))
    .to_vec();
    let mut events: Vec<String> = store
        .events(&sitrep_store::EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            let detail = store.event(e.id).unwrap().unwrap();
            let mut origins: Vec<String> =
                detail.report_list.iter().map(|r| r.document.origin.clone()).collect();
            origins.sort();
            let x = &e.event;
            format!(
                "{}|{:?}|{:?}|{:?}|{:?}|{}|{}|{}|{}",
                x.kind,
                x.actor1,
                x.actor2,
                x.place.as_ref().map(|p| &p.id),
                x.date.map(|d| d.start),
                x.status.as_str(),
                e.reports,
                e.sources,
                origins.join(" ")
            )
        })
        .collect();
    events.sort();
    (counts, events)
}

/// Documents stored so far (0 while the database does not exist yet).
fn stored(db: &str) -> u64 {
    sitrep_store::open_read_only(db).and_then(|mut s| s.counts()).map_or(0, |c| c.documents)
}

fn ingest_twice(db: &str, dir: &Path) {
    let acled = acled_jsonl(dir, 1);
    let inputs = [shared("data/wikipedia"), acled.display().to_string(), shared("examples")];
    let mut args = vec!["ingest"];
    args.extend(inputs.iter().map(String::as_str));
    let first = sitrep_at(db, &args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("0 already present, 0 failed"), "{}", stderr(&first));
    let once = snapshot(db);
    let docs = once.0[0].1;
    assert!(docs > 2300, "{once:?}");
    assert!(once.0[6].1 > 10_000 && once.0[6].1 < once.0[5].1, "{:?}", once.0);

    let second = sitrep_at(db, &args);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains(&format!("0 new, {docs} already present")),
        "{}",
        stderr(&second)
    );
    assert_eq!(snapshot(db), once);
}

#[test]
fn ingesting_the_archives_twice_gives_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    ingest_twice(dir.path().join("twice.db").to_str().unwrap(), dir.path());
}

#[test]
fn ingesting_the_archives_twice_gives_the_same_database_in_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let db = TempDatabase::new();
    ingest_twice(&db.url, dir.path());
}

fn killed_ingest_resumes(clean_db: &str, db: &str, dir: &Path) {
    let input = acled_jsonl(dir, 4);
    let input = input.to_str().unwrap();
    let clean = sitrep_at(clean_db, &["ingest", "--batch-size", "64", input]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let want = snapshot(clean_db);
    let total = want.0[0].1;

    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["--db", db, "ingest", "--batch-size", "64", input])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    // Wait for the first committed batches, then kill -9.
    let started = Instant::now();
    while stored(db) == 0 {
        assert!(started.elapsed() < Duration::from_secs(60), "no batch committed in a minute");
        assert!(child.try_wait().unwrap().is_none(), "the ingest ended before it was killed");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    let at_kill = stored(db);
    assert!(at_kill > 0 && at_kill < total, "killed with {at_kill} of {total} stored");
    assert_eq!(at_kill % 64, 0, "only whole batches are stored");

    let resumed = sitrep_at(db, &["ingest", "--batch-size", "64", input]);
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    assert!(
        stderr(&resumed).contains(&format!("{} new, {at_kill} already present", total - at_kill)),
        "{}",
        stderr(&resumed)
    );
    assert_eq!(snapshot(db), want);
}

#[test]
fn a_killed_ingest_resumes_to_exactly_the_right_database() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.db");
    let killed = dir.path().join("killed.db");
    killed_ingest_resumes(clean.to_str().unwrap(), killed.to_str().unwrap(), dir.path());
}

#[test]
fn a_killed_ingest_resumes_to_exactly_the_right_database_in_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, killed) = (TempDatabase::new(), TempDatabase::new());
    killed_ingest_resumes(&clean.url, &killed.url, dir.path());
}

/// The corpus of the many-worker tests: the ACLED notes three times over (distinct ids), the
/// Wikipedia campaign articles and the example article, over 5,000 documents.
fn worker_corpus(dir: &Path) -> Vec<String> {
    let acled = acled_jsonl(dir, 3);
    vec![shared("data/wikipedia"), acled.display().to_string(), shared("examples")]
}

/// The database as one `sitrep ingest` leaves it, after `sitrep merge` (which rebuilds the
/// events in an order of the documents' own, whoever stored them first).
fn single_run(inputs: &[String]) -> (TempDatabase, Snapshot) {
    let db = TempDatabase::new();
    let mut args = vec!["ingest"];
    args.extend(inputs.iter().map(String::as_str));
    let o = sitrep_at(&db.url, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sitrep_at(&db.url, &["merge"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let snap = snapshot(&db.url);
    assert!(snap.0[0].1 > 5000, "{:?}", snap.0);
    (db, snap)
}

#[test]
fn four_ingests_at_once_into_postgres_store_what_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = worker_corpus(dir.path());
    let (_single, want) = single_run(&inputs);

    let shared_db = TempDatabase::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_sitrep"))
                .args(["--db", &shared_db.url, "ingest", "--batch-size", "64"])
                .args(&inputs)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the binary runs")
        })
        .collect();
    let mut new = 0;
    for child in children {
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let said = stderr(&o);
        let n: u64 = said
            .split(" new,")
            .next()
            .and_then(|s| s.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {said}"));
        new += n;
    }
    assert_eq!(new, want.0[0].1, "every document stored by exactly one of the four");
    let o = sitrep_at(&shared_db.url, &["merge"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(snapshot(&shared_db.url), want);
}

#[test]
fn four_queue_workers_one_killed_store_what_one_ingest_does() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = worker_corpus(dir.path());
    let (_single, want) = single_run(&inputs);

    let db = TempDatabase::new();
    let mut args = vec!["ingest", "--enqueue"];
    args.extend(inputs.iter().map(String::as_str));
    let o = sitrep_at(&db.url, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{} queued", want.0[0].1)), "{}", stderr(&o));

    let worker = |name: &str| {
        Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["--db", &db.url, "work", "--batch-size", "32", "--lease", "3", "--worker", name])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs")
    };
    let mut doomed = worker("doomed");
    let others: Vec<_> = (1..4).map(|i| worker(&format!("w{i}"))).collect();
    // Kill one worker once documents are being stored.
    let started = Instant::now();
    while stored(&db.url) < 200 {
        assert!(started.elapsed() < Duration::from_secs(120), "nothing stored in two minutes");
        std::thread::sleep(Duration::from_millis(10));
    }
    doomed.kill().expect("SIGKILL");
    doomed.wait().unwrap();
    for w in others {
        let o = w.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("0 pending, 0 in work"), "{}", stderr(&o));
    }
    let o = sitrep_at(&db.url, &["merge"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(snapshot(&db.url), want);
}

#[test]
fn bad_files_are_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(inbox.join("more")).unwrap();
    std::fs::write(inbox.join("good.txt"), "Islamic State fighters attacked Raqqa.").unwrap();
    std::fs::write(inbox.join("binary.txt"), b"\x7fELF\x00\x00\x01\x02").unwrap();
    std::fs::write(inbox.join("latin1.txt"), b"Shelling hit Deir ez-Zor \xe9 city.").unwrap();
    std::fs::write(
        inbox.join("more/lines.jsonl"),
        "{\"id\": \"x1\", \"text\": \"Clashes in Mosul.\"}\n{broken\n{\"id\": \"x3\"}\n",
    )
    .unwrap();
    std::fs::write(inbox.join("more/big.txt"), "Aleppo ".repeat(1000)).unwrap();
    std::fs::write(inbox.join("feed.rss"), "<rss><channel><item><title>Raqqa").unwrap();
    std::fs::write(inbox.join("image.png"), b"\x89PNG\r\n").unwrap();
    let db = dir.path().join("bad.db");
    let o = sitrep(&db, &["ingest", "--max-document-bytes", "4000", inbox.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("binary.txt: binary data"), "{err}");
    assert!(err.contains("latin1.txt:1: invalid UTF-8"), "{err}");
    assert!(err.contains("lines.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("lines.jsonl:3: missing field `text`"), "{err}");
    assert!(err.contains("big.txt: document is 7000 bytes, over the limit of 4000"), "{err}");
    assert!(err.contains("feed.rss"), "{err}");
    assert!(!err.contains("image.png"), "files of unknown kinds are not read: {err}");
    // good.txt, latin1.txt (decoded with a warning) and x1.
    assert!(err.contains("3 new, 0 already present"), "{err}");
    let docs = sitrep(&db, &["documents", "--format", "jsonl"]);
    assert_eq!(stdout(&docs).lines().count(), 3, "{}", stdout(&docs));

    let missing = sitrep(&dir.path().join("none.db"), &["events"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("none.db: no database here"), "{}", stderr(&missing));
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "not a database ".repeat(100)).unwrap();
    let foreign = sitrep(&text, &["ingest", inbox.join("good.txt").to_str().unwrap()]);
    assert_eq!(foreign.status.code(), Some(2));
    assert!(stderr(&foreign).contains("notes.db: not a sitrep database"), "{}", stderr(&foreign));
    assert!(std::fs::read_to_string(&text).unwrap().starts_with("not a database"));
}

/// Three outlets' reports of one attack (written for this test) and the example article.
fn small_database(dir: &Path) -> PathBuf {
    let reports = dir.join("reports.jsonl");
    std::fs::write(
        &reports,
        r#"{"id": "a1", "source": "Deir Ezzor 24", "published": "2017-05-18", "text": "Islamic State fighters attacked Syrian army positions near Deir ez-Zor airport on Wednesday, the army said."}
{"id": "b1", "source": "Enab Baladi", "published": "2017-05-18", "text": "IS militants launched an attack on regime forces at Deir al-Zour military airport on Wednesday, local activists reported."}
{"id": "c1", "source": "SANA", "published": "2017-05-19", "text": "Army units repelled an attack by ISIS terrorists on their positions around Deir Ezzor airport yesterday, killing dozens of the attackers."}
"#,
    )
    .unwrap();
    let db = dir.join("small.db");
    let o = sitrep(
        &db,
        &[
            "ingest",
            reports.to_str().unwrap(),
            &shared("examples/race-to-deir-al-zour-2017-05-19.txt"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

#[test]
fn queries_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_database(dir.path());

    // --near by name, in another spelling: everything within the radius, nothing beyond.
    let near =
        sitrep(&db, &["events", "--near", "Dayr az-Zawr", "--radius", "50", "--format", "jsonl"]);
    assert!(near.status.success(), "{}", stderr(&near));
    let events: Vec<serde_json::Value> =
        stdout(&near).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.len() >= 3, "{events:?}");
    for e in &events {
        let (lat, lon) = (e["place"]["lat"].as_f64().unwrap(), e["place"]["lon"].as_f64().unwrap());
        assert!(sitrep_store_distance(lat, lon) <= 50.0, "{e}");
    }
    // The example article tells of the same attack: the event has the three outlets' reports
    // and the article's (which names no outlet).
    let attack = events
        .iter()
        .find(|e| e["sources"].as_u64() >= Some(3))
        .unwrap_or_else(|| panic!("no event with three sources: {events:#?}"));
    assert_eq!(attack["type"], "ASSAULT");
    assert_eq!(attack["source_names"], serde_json::json!(["Deir Ezzor 24", "Enab Baladi", "SANA"]));

    let id = attack["id"].to_string();
    let show = sitrep(&db, &["show", &id]);
    let text = stdout(&show);
    let sources = attack["sources"].as_u64().unwrap();
    assert!(text.contains(&format!("from {sources} documents, {sources} sources")), "{text}");
    for words in [
        "near Deir ez-Zor airport on Wednesday",
        "at Deir al-Zour military airport",
        "around Deir Ezzor airport yesterday",
    ] {
        assert!(text.contains(words), "{words:?} missing from {text}");
    }

    // ACLED CSV: one header, an ACLED actor name, all three sources.
    let csv_out = sitrep(&db, &["events", "--format", "acled-csv", "--type", "ASSAULT"]);
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    assert_eq!(reader.headers().unwrap().len(), sitrep::export::ACLED_COLUMNS.len());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| &r[4] != "event_type"), "a second header");
    let row = rows.iter().find(|r| r[0] == format!("sitrep-{id}-1")).expect("the attack's row");
    assert_eq!(&row[21], "Deir Ezzor 24; Enab Baladi; SANA");
    assert!(row[6].starts_with("Islamic State"), "{row:?}");

    let geo = sitrep(&db, &["events", "--format", "geojson"]);
    let fc: serde_json::Value = serde_json::from_slice(&geo.stdout).unwrap();
    assert!(fc["features"].as_array().unwrap().len() >= 10);
    let plover =
        sitrep(&db, &["events", "--format", "plover", "--actor", "Syrian Democratic Forces"]);
    let records: Vec<serde_json::Value> =
        stdout(&plover).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!records.is_empty());
    // The SDF and the units under it (the YPG).
    for r in &records {
        let ids = [&r["actor"]["id"], &r["recipient"]["id"]];
        assert!(ids.iter().any(|i| *i == "sdf" || *i == "ypg"), "{r}");
    }

    let table = stdout(&sitrep(&db, &["events", "--limit", "5"]));
    assert_eq!(table.lines().count(), 6, "{table}");
    let places = stdout(&sitrep(&db, &["places"]));
    assert!(places.contains("Deir ez-Zor"), "{places}");
    let actors = stdout(&sitrep(&db, &["actors", "--format", "jsonl"]));
    assert!(actors.contains("\"id\":\"islamic-state\""), "{actors}");

    let bad = sitrep(&db, &["events", "--since", "May 2017"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--since \"May 2017\": expected a date as YYYY-MM-DD"));
    let off = sitrep(&db, &["merge", "--off"]);
    assert!(stderr(&off).contains("merging off"), "{}", stderr(&off));
    let unmerged = stdout(&sitrep(&db, &["events", "--format", "jsonl"]));
    assert!(unmerged.lines().all(|l| l.contains("\"reports\":1,")), "{unmerged}");
}

/// Kilometres from Deir ez-Zor (GeoNames 170794).
fn sitrep_store_distance(lat: f64, lon: f64) -> f64 {
    let (lat0, lon0) = (35.33588f64, 40.14084f64);
    let (p1, p2) = (lat0.to_radians(), lat.to_radians());
    let a = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon - lon0).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}
