//! The PostgreSQL backend's `sitrep events --near "Deir ez-Zor" --radius 50` on one million
//! events: the same generated events as `benches/store.rs` builds in SQLite (a fifth clustered
//! around fifty towns), in a database `sitrep_bench_million` on the server that
//! `SITREP_TEST_POSTGRES` names (built once, reused while it holds the million). Needs the
//! server; `scripts/postgres start DIR --durable` starts one:
//!
//! ```sh
//! SITREP_TEST_POSTGRES=$(scripts/postgres start /tmp/pg --durable) cargo bench -p sitrep-store --bench postgres
//! ```

use std::io::Write;
use std::sync::LazyLock;

use common::{EVENTS, Generated, million_events, near};
use divan::Bencher;
use sitrep::{Extractor, Gazetteer};
use sitrep_store::{PgStore, Store, grid_cell};

mod common;

fn main() {
    divan::main();
}

/// The URL of the million-event database, built on first use.
static MILLION: LazyLock<String> = LazyLock::new(|| {
    let server = std::env::var(sitrep_store::test_support::VARIABLE).unwrap_or_else(|_| {
        panic!(
            "{} is not set: this benchmark needs a PostgreSQL server (scripts/postgres start DIR \
             --durable prints its URL)",
            sitrep_store::test_support::VARIABLE
        )
    });
    let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b).to_string();
    let url = format!("{base}/sitrep_bench_million");
    if let Ok(mut store) = PgStore::connect_read_only(&url)
        && store.counts().is_ok_and(|c| c.events as i64 == EVENTS)
    {
        return url;
    }
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("server");
    admin
        .batch_execute("DROP DATABASE IF EXISTS sitrep_bench_million WITH (FORCE)")
        .expect("drop database");
    admin.batch_execute("CREATE DATABASE sitrep_bench_million").expect("create database");
    let mut store = PgStore::connect(&url).expect("store");
    let extractor = Extractor::new(Gazetteer::embedded());
    let client = store.client();
    let mut tx = client.transaction().expect("transaction");
    tx.batch_execute(
        "INSERT INTO documents (id, key, content_hash, origin, text, ingested_at)
         VALUES (1, 'bench', '', 'bench', '', '')",
    )
    .expect("document");
    let mut events = tx
        .copy_in(
            "COPY events (id, type, actor1, actor2, place, lat, lon, date_start, date_end, status,
                          reports, documents, sources, first_report, source_names, cell,
                          day_start, day_end, mergeable) FROM STDIN",
        )
        .expect("copy events");
    let mut reports: Vec<u8> = Vec::new();
    million_events(&extractor, |g| {
        let Generated { id, lat, lon, date, days, json } = g;
        writeln!(
            events,
            "{id}\tASSAULT\tsyria-government\tislamic-state\tp\t{lat}\t{lon}\t{date}\t{date}\toccurred\t1\t1\t1\t{id}\t[\"bench\"]\t{}\t{days}\t{days}\tf",
            grid_cell(lat, lon)
        )
        .expect("row");
        // COPY's text format escapes backslashes.
        writeln!(reports, "{id}\t1\t{id}\t{id}\tbench\t{}", json.replace('\\', "\\\\"))
            .expect("row");
    });
    events.finish().expect("copy events");
    let mut copy = tx
        .copy_in("COPY reports (id, document, seq, event, source, json) FROM STDIN")
        .expect("copy reports");
    copy.write_all(&reports).expect("reports");
    copy.finish().expect("copy reports");
    tx.batch_execute("ANALYZE").expect("analyze");
    tx.commit().expect("commit");
    url
});

/// The first page (100 newest), as `sitrep events` prints by default.
#[divan::bench(sample_count = 50)]
fn near_deir_ez_zor_50km_first_100(bencher: Bencher) {
    let mut store = PgStore::connect_read_only(&MILLION).expect("store");
    bencher.bench_local(|| {
        let events = store.events(&near(Some(100))).expect("query");
        assert_eq!(events.len(), 100);
    });
}

/// Every event within 50 km.
#[divan::bench(sample_count = 10)]
fn near_deir_ez_zor_50km_all(bencher: Bencher) {
    let mut store = PgStore::connect_read_only(&MILLION).expect("store");
    bencher.bench_local(|| {
        let events = store.events(&near(None)).expect("query");
        assert!(events.len() > 5_000, "{}", events.len());
    });
}
