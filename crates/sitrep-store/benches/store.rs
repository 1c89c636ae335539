//! Store benchmarks. Run with `cargo bench -p sitrep-store`.
//!
//! - `ingest_*`: the whole ingest (read, extract on every core, write to a fresh SQLite file),
//!   counted in documents: `ingest_4kb_news` over the news articles of the LGL, TR-News and
//!   GeoVirus corpora in `../shared/data/geoparsing` cut into 4 KB documents;
//!   `ingest_4kb_campaign_prose` over the Wikipedia campaign articles cut likewise, far denser
//!   in events.
//! - `near_*`: `sitrep events --near "Deir ez-Zor" --radius 50` against a generated database of
//!   one million events spread over Syria and Iraq, a fifth of them clustered around fifty
//!   towns (Deir ez-Zor among them), as conflict data is.
//!
//! Each benchmark checks its answer, so a fast but broken build fails.

use std::io::Write;
use std::path::PathBuf;
use std::sync::LazyLock;

use common::near;
use divan::Bencher;
use divan::counter::ItemsCount;
use sitrep::{Extractor, Gazetteer};
use sitrep_store::{IngestConfig, Quiet, SqliteStore, Store};

mod common;

/// The allocator of the `sitrep` binary, so that the benchmark measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel)
}

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

/// Documents as one JSON Lines file in a temporary directory, with their count and bytes.
struct Corpus {
    _dir: tempfile::TempDir,
    path: PathBuf,
    count: usize,
    bytes: usize,
}

fn write_corpus(texts: impl IntoIterator<Item = String>) -> Corpus {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("news.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("news.jsonl"));
    let (mut count, mut bytes) = (0, 0);
    for text in texts {
        count += 1;
        bytes += text.len();
        let doc = serde_json::json!({"id": format!("news-{count}"), "text": text,
                                     "published": "2017-06-01", "source": "bench"});
        writeln!(out, "{doc}").expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    Corpus { _dir: dir, path, count, bytes }
}

/// Real news: the articles of the LGL, TR-News and GeoVirus corpora (local and international
/// news) joined and cut at sentence ends into documents of 4 KB (each ends at the first
/// sentence end past 4,000 bytes), the archive read three times over under other ids, as a
/// newsroom's wires repeat one another.
static NEWS: LazyLock<Corpus> = LazyLock::new(|| {
    let mut texts = Vec::new();
    for corpus in ["lgl.xml", "TR-News.xml", "GeoVirus.xml"] {
        let path = shared(&format!("geoparsing/{corpus}"));
        texts.extend(sitrep::eval::geoparsing::article_texts(&path).expect("geoparsing corpus"));
    }
    let mut docs = Vec::new();
    let mut chunk = String::new();
    for para in texts.iter().flat_map(|t| t.split("\n\n")) {
        // Cut at sentence ends, not paragraph breaks: many of these articles are one long
        // paragraph, which would make documents far longer than 4 KB.
        for sentence in para.trim().split_inclusive(". ") {
            chunk.push_str(sentence);
            if chunk.len() >= 4000 {
                docs.push(std::mem::take(&mut chunk));
            }
        }
        if !chunk.is_empty() {
            chunk.push_str("\n\n");
        }
    }
    let copies: Vec<String> =
        (0..3).flat_map(|round| docs.iter().map(move |d| format!("{d}\n\n({round})"))).collect();
    docs.extend(copies);
    write_corpus(docs)
});

/// War prose far denser in events than news: the campaign articles cut into documents of
/// about 4 KB at paragraph breaks (about 40 events each).
static CAMPAIGNS: LazyLock<Corpus> = LazyLock::new(|| {
    let mut texts = Vec::new();
    for p in sitrep::eval::campaign_articles(&shared("")).expect("../shared/data/wikipedia") {
        let text = std::fs::read_to_string(&p).expect("UTF-8 article");
        let mut chunk = String::new();
        for para in text.split("\n\n") {
            chunk.push_str(para);
            chunk.push_str("\n\n");
            if chunk.len() >= 4000 {
                texts.push(std::mem::take(&mut chunk));
            }
        }
    }
    write_corpus(texts)
});

fn ingest_corpus(bencher: Bencher, corpus: &Corpus) {
    let _ = &*EXTRACTOR;
    eprintln!(
        "{} documents, {} bytes, {} bytes each on average",
        corpus.count,
        corpus.bytes,
        corpus.bytes / corpus.count
    );
    bencher.counter(ItemsCount::new(corpus.count)).bench(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut store = SqliteStore::open(&dir.path().join("bench.db")).expect("store");
        let summary = sitrep_store::ingest(
            &mut store,
            &EXTRACTOR,
            std::slice::from_ref(&corpus.path),
            IngestConfig::default(),
            &Quiet,
        )
        .expect("ingest");
        assert_eq!(summary.stored.new, corpus.count);
        if std::env::var_os("SITREP_BENCH_PHASES").is_some() {
            eprintln!(
                "reading {:?}, extracting {:?}, writing {:?}, elapsed {:?}",
                summary.reading, summary.extracting, summary.writing, summary.elapsed
            );
        }
        assert!(summary.stored.reports > corpus.count / 2, "{summary:?}");
    });
}

#[divan::bench(sample_count = 5)]
fn ingest_4kb_news(bencher: Bencher) {
    ingest_corpus(bencher, &NEWS);
}

#[divan::bench(sample_count = 5)]
fn ingest_4kb_campaign_prose(bencher: Bencher) {
    ingest_corpus(bencher, &CAMPAIGNS);
}

/// A database of one million events, built once.
static MILLION: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("million.db");
    let mut store = SqliteStore::open(&path).expect("store");
    let conn = store.connection();
    let tx = conn.transaction().expect("transaction");
    tx.execute(
        "INSERT INTO documents (id, key, content_hash, origin, text, ingested_at)
         VALUES (1, 'bench', '', 'bench', '', '')",
        [],
    )
    .expect("insert");
    {
        let mut event = tx
            .prepare(
                "INSERT INTO events (id, type, actor1, actor2, place, lat, lon, date_start,
                   date_end, status, reports, documents, sources, first_report, source_names)
                 VALUES (?1, 'ASSAULT', 'syria-government', 'islamic-state', 'p', ?2, ?3, ?4, ?4,
                         'occurred', 1, 1, 1, ?1, '[\"bench\"]')",
            )
            .expect("prepare");
        let mut report = tx
            .prepare(
                "INSERT INTO reports (id, document, seq, event, source, json)
                 VALUES (?1, 1, ?1, ?1, 'bench', ?2)",
            )
            .expect("prepare");
        let mut location = tx
            .prepare("INSERT INTO event_locations VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?4)")
            .expect("prepare");
        common::million_events(&EXTRACTOR, |g| {
            event
                .execute(rusqlite::params![g.id, g.lat, g.lon, g.date.to_string()])
                .expect("insert");
            report.execute(rusqlite::params![g.id, g.json]).expect("insert");
            location.execute(rusqlite::params![g.id, g.lat, g.lon, g.days]).expect("insert");
        });
    }
    tx.commit().expect("commit");
    (dir, path)
});

/// The first page (100 newest), as `sitrep events` prints by default.
#[divan::bench(sample_count = 50)]
fn near_deir_ez_zor_50km_first_100(bencher: Bencher) {
    let mut store = SqliteStore::open_read_only(&MILLION.1).expect("store");
    bencher.bench_local(|| {
        let events = store.events(&near(Some(100))).expect("query");
        assert_eq!(events.len(), 100);
    });
}

/// Every event within 50 km.
#[divan::bench(sample_count = 10)]
fn near_deir_ez_zor_50km_all(bencher: Bencher) {
    let mut store = SqliteStore::open_read_only(&MILLION.1).expect("store");
    bencher.bench_local(|| {
        let events = store.events(&near(None)).expect("query");
        assert!(events.len() > 5_000, "{}", events.len());
    });
}
