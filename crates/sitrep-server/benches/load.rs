//! Load test of the API on loopback: event queries at a fixed rate for a fixed time, then the
//! latency percentiles and the errors. Run with
//! `cargo bench -p sitrep-server --bench load` (10 s); `SITREP_LOAD_SECS=60` for a full minute,
//! `SITREP_LOAD_RATE` to change the rate (default 1000 requests/s).
//!
//! The database is the Wikipedia campaign articles and the example article of `../shared`. The
//! queries cycle through the kinds an analyst's map makes: near a place (by name and by
//! coordinates), by actor, by type and date range, GeoJSON for the map. The client keeps a pool
//! of HTTP/1.1 keep-alive connections and sends each request at its scheduled time, so a slow
//! answer shows as latency, not as a lower rate (no coordinated omission).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sitrep::{Extractor, Gazetteer};
use sitrep_store::{IngestConfig, Quiet, SqliteStore};

const QUERIES: &[&str] = &[
    "/api/events?near=Deir%20ez-Zor&radius=50",
    "/api/events?near=35.95,39.01&radius=25&limit=50",
    "/api/events?actor=sdf&since=2017-06-01&until=2017-10-31",
    "/api/events?type=ASSAULT&since=2017-01-01&until=2017-12-31&limit=200",
    "/api/events?near=Mosul&radius=30&format=geojson",
    "/api/events?actor=Islamic%20State&near=Raqqa&radius=40",
];

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel)
}

/// One request on a keep-alive connection; the status code.
fn request(conn: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    write!(conn.get_mut(), "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n")?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        conn.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok(status)
}

fn main() {
    let secs: u64 =
        std::env::var("SITREP_LOAD_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let rate: u64 =
        std::env::var("SITREP_LOAD_RATE").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("load.db");
    let extractor = Extractor::new(Gazetteer::embedded());
    let mut store = SqliteStore::open(&db).unwrap();
    let files = [shared("data/wikipedia"), shared("examples")];
    let files = sitrep_store::collect_files(&files, &Quiet);
    sitrep_store::ingest(&mut store, &extractor, &files, IngestConfig::default(), &Quiet).unwrap();
    drop(store);
    let state =
        Arc::new(sitrep_server::AppState::open(db.to_str().unwrap(), 4, extractor).unwrap());

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    runtime.spawn(sitrep_server::serve(
        state,
        "127.0.0.1:0".parse().unwrap(),
        move |addr| tx.send(addr).unwrap(),
        async move {
            let _ = stop_rx.await;
        },
    ));
    let addr = rx.recv().unwrap();

    // Schedule: request n goes out at start + n / rate; workers take the next due request.
    let total = (secs * rate) as usize;
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now() + Duration::from_millis(200);
    let workers = 64;
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let next = Arc::clone(&next);
            std::thread::spawn(move || {
                let connect = || {
                    let tcp = TcpStream::connect(addr).expect("connect");
                    tcp.set_nodelay(true).expect("TCP_NODELAY");
                    BufReader::new(tcp)
                };
                let mut conn = connect();
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        break;
                    }
                    let due = start + Duration::from_nanos(n as u64 * 1_000_000_000 / rate);
                    if let Some(wait) = due.checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    match request(&mut conn, QUERIES[n % QUERIES.len()]) {
                        Ok(200) => {}
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = connect();
                        }
                    }
                    // Latency from when the request was due, not from when it was sent.
                    latencies.push(Instant::now().duration_since(due));
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().unwrap();
        latencies.extend(l);
        errors += e;
    }
    let elapsed = Instant::now().duration_since(start);
    let _ = stop_tx.send(());
    latencies.sort_unstable();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{} requests in {:.1} s ({:.0}/s offered {rate}/s): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, errors {errors}",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
}
