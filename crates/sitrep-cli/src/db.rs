//! The database commands: `ingest`, `events`, `show`, `documents`, `places`, `actors` (list)
//! and `merge`. Parsing and printing only; the work is in `sitrep-store`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use sitrep::Extractor;
use sitrep::text::{InputFormat, ReadConfig};
use sitrep_store::{
    DocumentFilter, EventFilter, IngestConfig, MergeSettings, Near, PgStore, Store, StoredEvent,
};

use sitrep_server::answers::ExportContext;
use sitrep_server::resolve;

use crate::GazetteerArgs;

#[derive(Args)]
pub struct IngestArgs {
    /// Files and directories (read recursively: .txt, .md, .html, .jsonl, .rss, .atom, .xml).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Read every file in this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = ["txt", "html", "jsonl", "rss", "atom"])]
    input_format: Option<String>,
    /// Documents per transaction: a killed ingest loses at most the batch it was writing.
    #[arg(long, default_value_t = 256)]
    batch_size: usize,
    /// Largest document accepted, in bytes; larger ones are reported and skipped.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_document_bytes: usize,
    /// Only queue the documents in the (PostgreSQL) database for `sitrep work`, on this
    /// machine or others, instead of extracting them here.
    #[arg(long)]
    enqueue: bool,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

#[derive(Args)]
pub struct WorkArgs {
    /// Documents claimed at a time and stored in one transaction.
    #[arg(long, default_value_t = 64)]
    batch_size: usize,
    /// Seconds a claim lasts; a worker that has not finished by then is taken for dead and
    /// another takes its documents.
    #[arg(long, default_value_t = 300.0, value_name = "SECONDS")]
    lease: f64,
    /// Claims of one document before it is marked failed.
    #[arg(long, default_value_t = 3)]
    max_attempts: i32,
    /// This worker's name in the queue (default: host:pid).
    #[arg(long)]
    worker: Option<String>,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    /// Aligned columns for people.
    Table,
    /// One event per line, with its counts of reports and sources.
    Jsonl,
    /// ACLED's CSV columns.
    AcledCsv,
    /// One GeoJSON FeatureCollection of the placed events.
    Geojson,
    /// POLECAT-style PLOVER JSON Lines.
    Plover,
}

#[derive(Args)]
pub struct EventsArgs {
    /// Events with this actor (id or name) as actor 1 or 2, or any actor under it (its units,
    /// members, components). Repeat for several.
    #[arg(long, value_name = "ACTOR")]
    actor: Vec<String>,
    /// PLOVER type (ASSAULT, FIGHT, MOVE, ...). Repeat for several.
    #[arg(long = "type", value_name = "TYPE")]
    kind: Vec<String>,
    /// Status (occurred, ongoing, planned, threatened, claimed, denied, negated, hypothetical).
    #[arg(long, value_name = "STATUS")]
    status: Vec<String>,
    /// Events placed near a place (a name in any spelling or script) or "LAT,LON".
    #[arg(long, value_name = "PLACE")]
    near: Option<String>,
    /// Radius for --near, in km.
    #[arg(long, default_value_t = 25.0, value_name = "KM")]
    radius: f64,
    /// Events ending on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Events starting on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Events with a report from this source (outlet).
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,
    /// At most this many, newest first; 0 for all. Default: 100 for the table, all otherwise.
    #[arg(long)]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventFormat::Table)]
    format: EventFormat,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Args)]
pub struct ListArgs {
    /// At most this many; 0 for all.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Args)]
pub struct DocumentsArgs {
    /// Only from this source.
    #[arg(long)]
    source: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Published on or before (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Args)]
pub struct ShowArgs {
    /// The event's id (the first column of `sitrep events`).
    id: i64,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct MergeArgs {
    /// Largest distance between two reports of one event, in km.
    #[arg(long, value_name = "KM")]
    radius_km: Option<f64>,
    /// Largest gap between the dates of two reports of one event, in days.
    #[arg(long)]
    days: Option<i64>,
    /// Keep every report as its own event.
    #[arg(long, conflicts_with = "on")]
    off: bool,
    /// Merge again after --off.
    #[arg(long)]
    on: bool,
}

/// Opens the database for writing: a PostgreSQL URL, else an SQLite file.
fn open(db: &str) -> Result<Box<dyn Store + Send>> {
    Ok(sitrep_store::open(db)?)
}

/// Opens an existing database for reading.
pub(crate) fn open_existing(db: &str) -> Result<Box<dyn Store + Send>> {
    if !sitrep_store::is_postgres(db) && !Path::new(db).exists() {
        bail!("{db}: no database here; run `sitrep ingest PATH...` first (or give --db)");
    }
    Ok(sitrep_store::open_read_only(db)?)
}

fn no_limit(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

pub(crate) fn parse_date(flag: &str, s: Option<&str>) -> Result<Option<jiff::civil::Date>> {
    Ok(resolve::date(flag, s)?)
}

/// Connects to the PostgreSQL database a command needs.
fn postgres(db: &str, command: &str) -> Result<PgStore> {
    if !sitrep_store::is_postgres(db) {
        bail!(
            "{command} needs a PostgreSQL database (--db postgres://user@host/dbname or \
             SITREP_DB); {db} is an SQLite file, which one process writes at a time"
        );
    }
    Ok(PgStore::connect(db)?)
}

pub fn ingest(db: &str, args: IngestArgs, extractor: Extractor) -> Result<ExitCode> {
    let progress = crate::output::BytesProgress::new();
    let files = sitrep_store::collect_files(&args.paths, &progress);
    if files.is_empty() {
        bail!("no files to ingest under {}", display_paths(&args.paths));
    }
    let config = IngestConfig {
        batch_size: args.batch_size,
        input_format: args.input_format.as_deref().and_then(InputFormat::parse),
        read: ReadConfig { max_document_bytes: args.max_document_bytes },
    };
    if args.enqueue {
        let mut store = postgres(db, "ingest --enqueue")?;
        let s = sitrep_store::enqueue(&mut store, &files, config, &progress)?;
        let q = store.queue_counts()?;
        eprintln!(
            "sitrep: {} files, {} documents: {} queued, {} already stored or queued, {} failed; \
             the queue holds {} pending, {} in work, {} done, {} failed",
            s.files,
            s.documents,
            s.queued,
            s.present,
            s.failed,
            q.pending,
            q.working,
            q.done,
            q.failed
        );
        return Ok(if s.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let mut store = open(db)?;
    let summary = sitrep_store::ingest(store.as_mut(), &extractor, &files, config, &progress)?;
    let counts = store.counts()?;
    let s = &summary.stored;
    eprintln!(
        "sitrep: {} files, {} documents: {} new, {} already present, {} failed; \
         {} reports: {} new events, {} merged into others; {:.1} MB in {:.2} s",
        summary.files,
        summary.documents,
        s.new,
        s.present,
        summary.failed,
        s.reports,
        s.events,
        s.merged,
        summary.bytes as f64 / 1e6,
        summary.elapsed.as_secs_f64(),
    );
    eprintln!(
        "sitrep: {} holds {} documents, {} reports, {} events",
        sitrep_store::redact(db),
        counts.documents,
        counts.reports,
        counts.events
    );
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn work(db: &str, args: WorkArgs, extractor: Extractor) -> Result<ExitCode> {
    let mut store = postgres(db, "work")?;
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "localhost".into());
    let config = sitrep_store::WorkConfig {
        worker: args.worker.unwrap_or_else(|| format!("{host}:{}", std::process::id())),
        batch_size: args.batch_size,
        lease: std::time::Duration::from_secs_f64(args.lease.max(1.0)),
        max_attempts: args.max_attempts.max(1),
    };
    let progress = crate::output::BytesProgress::new();
    let s = sitrep_store::work(&mut store, &extractor, &config, &progress)?;
    let q = store.queue_counts()?;
    eprintln!(
        "sitrep: worker {} took {} documents: {} new, {} already present, {} failed; \
         {} reports: {} new events, {} merged into others; {:.2} s",
        config.worker,
        s.claimed,
        s.stored.new,
        s.stored.present,
        s.failed,
        s.stored.reports,
        s.stored.events,
        s.stored.merged,
        s.elapsed.as_secs_f64()
    );
    eprintln!(
        "sitrep: the queue holds {} pending, {} in work, {} done, {} failed",
        q.pending, q.working, q.done, q.failed
    );
    for (origin, attempts, error) in store.queue_failures()?.iter().take(20) {
        eprintln!("sitrep: failed after {attempts} attempts: {origin}: {error}");
    }
    Ok(if q.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn copy(from: &str, to: &str) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let tables = sitrep_store::copy::copy(from, to, &|table| {
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            eprintln!("sitrep: copying {table}");
        }
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<10} {:>10} {:>10}  {:<16}  verified", "table", "rows", "copied", "sha256")?;
    let mut all = true;
    for t in &tables {
        all &= t.verified();
        writeln!(
            out,
            "{:<10} {:>10} {:>10}  {:<16}  {}",
            t.table,
            t.rows,
            t.rows_after,
            &t.checksum[..16],
            if t.verified() { "yes" } else { "NO" }
        )?;
    }
    let (from, to) = (sitrep_store::redact(from), sitrep_store::redact(to));
    if !all {
        bail!("{to} differs from {from} after the copy (see the table above)");
    }
    eprintln!(
        "sitrep: copied {from} to {to} in {:.1} s; every table verified",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// A `--near` value: "LAT,LON", else the best-known place of that name (loading the
/// gazetteer only then).
pub(crate) fn near_point<'a>(
    extractor: &dyn Fn() -> Result<&'a Extractor>,
    query: &str,
    km: f64,
) -> Result<Near> {
    let km = resolve::radius("--radius", km)?;
    let (lat, lon) = match resolve::coordinates("--near", query)? {
        Some(point) => point,
        None => resolve::place(extractor()?.gazetteer(), "--near", query)?,
    };
    Ok(Near { lat, lon, km })
}

/// `extractor` loads the gazetteer and dictionary when first called: a query by coordinates
/// and dates needs neither, and a query answers faster without loading them.
pub fn events(
    db: &str,
    args: EventsArgs,
    extractor: &dyn Fn() -> Result<&'static Extractor>,
) -> Result<ExitCode> {
    let mut actors = Vec::new();
    for a in &args.actor {
        actors.extend(resolve::actor_ids(extractor()?, "--actor", a)?);
    }
    let near = args.near.as_deref().map(|q| near_point(extractor, q, args.radius)).transpose()?;
    let limit = match (args.limit, args.format) {
        (Some(n), _) => no_limit(n),
        (None, EventFormat::Table) => Some(100),
        (None, _) => None,
    };
    let filter = EventFilter {
        actors,
        types: args.kind.iter().map(|t| t.to_ascii_uppercase()).collect(),
        statuses: args.status.iter().map(|s| s.to_ascii_lowercase()).collect(),
        near,
        since: parse_date("--since", args.since.as_deref())?,
        until: parse_date("--until", args.until.as_deref())?,
        source: args.source,
        limit,
    };
    let mut store = open_existing(db)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        EventFormat::Table => write_event_table(&mut out, &store.events(&filter)?)?,
        EventFormat::Jsonl => {
            // Passed on as stored, without parsing each event.
            for e in store.events_json(&filter)? {
                out.write_all(e.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        EventFormat::AcledCsv | EventFormat::Geojson | EventFormat::Plover => {
            let events = store.events(&filter)?;
            let context = ExportContext::load(store.as_mut())?;
            let exporter = sitrep::export::Exporter::new(extractor()?);
            let mut features = Vec::new();
            let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            if args.format == EventFormat::AcledCsv {
                csv.write_record(sitrep::export::ACLED_COLUMNS)?;
            }
            for e in &events {
                let analysis = context.analysis_of(e);
                match args.format {
                    EventFormat::AcledCsv => exporter.write_acled(&mut csv, &analysis)?,
                    EventFormat::Plover => {
                        for record in exporter.plover(&analysis) {
                            serde_json::to_writer(&mut out, &record)?;
                            out.write_all(b"\n")?;
                        }
                    }
                    _ => features.extend(exporter.geojson_features(&analysis)),
                }
            }
            if args.format == EventFormat::AcledCsv {
                out.write_all(&csv.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
            }
            if args.format == EventFormat::Geojson {
                let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
                serde_json::to_writer_pretty(&mut out, &fc)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn write_event_table(out: &mut impl Write, events: &[StoredEvent]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>7}  {:<10}  {:<12} {:<9} {:<20} {:<20} {:<18} {:>3}  evidence",
        "id", "date", "type", "status", "actor1", "actor2", "place", "src"
    )?;
    for e in events {
        let ev = &e.event;
        writeln!(
            out,
            "{:>7}  {:<10}  {:<12} {:<9} {:<20} {:<20} {:<18} {:>3}  {}",
            e.id,
            ev.date.map(|d| d.start.to_string()).unwrap_or_default(),
            ev.kind,
            ev.status.as_str(),
            clip(ev.actor1.as_deref().unwrap_or("-"), 20),
            clip(ev.actor2.as_deref().unwrap_or("-"), 20),
            clip(ev.place.as_ref().map_or("-", |p| p.name.as_str()), 18),
            e.sources,
            clip(ev.evidence.text.trim(), 90),
        )?;
    }
    Ok(())
}

pub fn show(db: &str, args: ShowArgs) -> Result<ExitCode> {
    let mut store = open_existing(db)?;
    let Some(detail) = store.event(args.id)? else {
        bail!("{}: no event {}", sitrep_store::redact(db), args.id);
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &detail)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &detail.event;
    let ev = &e.event;
    writeln!(out, "event {}: {}", e.id, ev.kind)?;
    writeln!(out, "  status   {}", ev.status.as_str())?;
    if let Some(d) = ev.date {
        writeln!(out, "  date     {} .. {} ({:?})", d.start, d.end, d.precision)?;
    }
    writeln!(out, "  actor1   {}", ev.actor1.as_deref().unwrap_or("-"))?;
    if !ev.assoc_actor1.is_empty() {
        writeln!(out, "  with     {}", ev.assoc_actor1.join(", "))?;
    }
    writeln!(out, "  actor2   {}", ev.actor2.as_deref().unwrap_or("-"))?;
    for p in &ev.places {
        writeln!(out, "  {:<8} {} ({:.4}, {:.4}) {}", p.role, p.name, p.lat, p.lon, p.id)?;
    }
    writeln!(
        out,
        "  reports  {} from {} documents, {} sources",
        e.reports, e.documents, e.sources
    )?;
    for (n, r) in detail.report_list.iter().enumerate() {
        let d = &r.document;
        writeln!(
            out,
            "\n  [{}] {} · {} · {}",
            n + 1,
            d.source.as_deref().unwrap_or("(no source)"),
            d.published.as_deref().unwrap_or("(undated)"),
            d.title.as_deref().or(d.ext_id.as_deref()).unwrap_or(&d.origin)
        )?;
        if let Some(url) = &d.url {
            writeln!(out, "      {url}")?;
        }
        writeln!(out, "      {}", r.event.evidence.text.trim())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn documents(db: &str, args: DocumentsArgs) -> Result<ExitCode> {
    let filter = DocumentFilter {
        source: args.source,
        since: parse_date("--since", args.since.as_deref())?,
        until: parse_date("--until", args.until.as_deref())?,
        limit: no_limit(args.list.limit),
    };
    let mut store = open_existing(db)?;
    let docs = store.documents(&filter)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.list.format == ListFormat::Jsonl {
        return write_jsonl(&mut out, &docs);
    }
    writeln!(
        out,
        "{:>6}  {:<10}  {:<16} {:>7} {:>7}  title",
        "id", "published", "source", "bytes", "reports"
    )?;
    for d in &docs {
        writeln!(
            out,
            "{:>6}  {:<10}  {:<16} {:>7} {:>7}  {}",
            d.id,
            d.published.as_deref().unwrap_or(""),
            clip(d.source.as_deref().unwrap_or(""), 16),
            d.bytes,
            d.reports,
            clip(d.title.as_deref().or(d.ext_id.as_deref()).unwrap_or(&d.origin), 70)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_jsonl<T: serde::Serialize>(out: &mut impl Write, rows: &[T]) -> Result<ExitCode> {
    for r in rows {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn places(db: &str, args: ListArgs) -> Result<ExitCode> {
    let mut store = open_existing(db)?;
    let rows = store.places(no_limit(args.limit))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == ListFormat::Jsonl {
        return write_jsonl(&mut out, &rows);
    }
    writeln!(
        out,
        "{:<28} {:<9} {:<2} {:>9} {:>9} {:>9} {:>6} {:>8}",
        "place", "kind", "cc", "lat", "lon", "geonameid", "docs", "mentions"
    )?;
    for p in &rows {
        writeln!(
            out,
            "{:<28} {:<9} {:<2} {:>9.4} {:>9.4} {:>9} {:>6} {:>8}",
            clip(&p.name, 28),
            p.kind,
            p.country,
            p.lat,
            p.lon,
            p.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            p.documents,
            p.mentions
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn actors(db: &str, args: ListArgs) -> Result<ExitCode> {
    let mut store = open_existing(db)?;
    let rows = store.actors(no_limit(args.limit))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == ListFormat::Jsonl {
        return write_jsonl(&mut out, &rows);
    }
    writeln!(
        out,
        "{:<24} {:<36} {:<20} {:<2} {:>6} {:>8}",
        "id", "name", "kind", "cc", "docs", "mentions"
    )?;
    for a in &rows {
        writeln!(
            out,
            "{:<24} {:<36} {:<20} {:<2} {:>6} {:>8}",
            clip(&a.id, 24),
            clip(&a.name, 36),
            clip(&a.kind, 20),
            a.country.as_deref().unwrap_or(""),
            a.documents,
            a.mentions
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn merge(db: &str, args: MergeArgs) -> Result<ExitCode> {
    let mut store = open(db)?;
    let mut settings: MergeSettings = store.merge_settings()?;
    if let Some(km) = args.radius_km {
        if !(km >= 0.0 && km.is_finite()) {
            bail!("--radius-km {km}: expected a distance of 0 km or more");
        }
        settings.radius_km = km;
    }
    if let Some(days) = args.days {
        if days < 0 {
            bail!("--days {days}: expected 0 or more");
        }
        settings.days = days;
    }
    if args.off {
        settings.enabled = false;
    }
    if args.on {
        settings.enabled = true;
    }
    let counts = store.remerge(settings)?;
    eprintln!(
        "sitrep: merging {} (within {} km, {} days): {} reports form {} events",
        if settings.enabled { "on" } else { "off" },
        settings.radius_km,
        settings.days,
        counts.reports,
        counts.events
    );
    Ok(ExitCode::SUCCESS)
}
