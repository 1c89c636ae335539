//! The store: where analyses become a durable event database an analyst works in.
//!
//! This is the stage after extraction. [`ingest()`] reads files, runs the [`sitrep::Extractor`]
//! in parallel and hands batches of [`Ingested`] documents to a [`Store`], which writes each
//! batch in one transaction: a batch is stored whole or not at all, so a killed ingest loses at
//! most the batch it was writing, and re-running it stores exactly what is missing.
//!
//! A document is known by its [key](document_key) (URL, else the id the input gave, else the
//! SHA-256 of its text) and is never stored twice. Each event a document yields is stored as a
//! *report*; reports of the same happening from different documents are [merged](merge) into one
//! *event* that counts its reports, documents and sources. Merging is reversible: reports are
//! kept, and [`Store::remerge`] rebuilds the events from them under new settings.
//!
//! Two backends implement [`Store`]: [`SqliteStore`], one file for one analyst (the default),
//! and [`PgStore`], one PostgreSQL database a team shares with ingest workers on many machines.
//! [`open`] picks one from what the user gave: a `postgres://` URL or a file path.

#![warn(missing_docs)]

pub mod copy;
pub mod ingest;
pub mod merge;
mod postgres;
mod sqlite;
#[doc(hidden)]
pub mod test_support;

use serde::Serialize;
use sha2::{Digest, Sha256};
use sitrep::events::Event;
use sitrep::{Analysis, Document};

pub use ingest::{
    EnqueueSummary, IngestConfig, Progress, Quiet, Summary, WorkConfig, WorkSummary, collect_files,
    enqueue, ingest, work,
};
pub use merge::MergeSettings;
pub use postgres::{Claimed, PgStore, QueueCounts, cell as grid_cell, redact};
pub use sqlite::SqliteStore;

/// Whether `db` names a PostgreSQL database (`postgres://` or `postgresql://`) rather than an
/// SQLite file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Opens the store `db` names for writing: a PostgreSQL URL, else an SQLite file (created if
/// missing). The schema is brought up to date.
pub fn open(db: &str) -> Result<Box<dyn Store + Send>> {
    Ok(if is_postgres(db) {
        Box::new(PgStore::connect(db)?)
    } else {
        Box::new(SqliteStore::open(std::path::Path::new(db))?)
    })
}

/// Opens the store `db` names for reading; an SQLite file must exist.
pub fn open_read_only(db: &str) -> Result<Box<dyn Store + Send>> {
    Ok(if is_postgres(db) {
        Box::new(PgStore::connect_read_only(db)?)
    } else {
        Box::new(SqliteStore::open_read_only(std::path::Path::new(db))?)
    })
}

/// An event as either backend stores it: its first report's JSON, its counts and its outlets
/// (a JSON array). Both backends read events into this and answer from it the same way.
pub(crate) struct EventRow {
    pub json: String,
    pub reports: i64,
    pub documents: i64,
    pub sources: i64,
    pub names: String,
}

impl EventRow {
    /// The event parsed; `db` names the database in errors.
    pub(crate) fn into_stored(self, id: i64, db: &str) -> Result<StoredEvent> {
        let corrupt = |detail| Error::Corrupt { path: db.to_string(), detail };
        let event: Event =
            serde_json::from_str(&self.json).map_err(|e| corrupt(format!("event {id}: {e}")))?;
        let source_names = serde_json::from_str(&self.names)
            .map_err(|e| corrupt(format!("sources of event {id}: {e}")))?;
        Ok(StoredEvent {
            id,
            event,
            reports: self.reports as u64,
            documents: self.documents as u64,
            sources: self.sources as u64,
            source_names,
        })
    }

    /// The event as a JSON object, spliced from its stored report without parsing it: the
    /// counts first, then the event as `extract` prints it.
    pub(crate) fn into_json(self, id: i64, db: &str) -> Result<String> {
        let Some(fields) = self.json.strip_prefix('{') else {
            return Err(Error::Corrupt {
                path: db.to_string(),
                detail: format!("event {id}: stored JSON is not an object"),
            });
        };
        let sep = if fields.trim_start().starts_with('}') { "" } else { "," };
        let EventRow { reports, documents, sources, names, .. } = &self;
        Ok(format!(
            "{{\"id\":{id},\"reports\":{reports},\"documents\":{documents},\"sources\":{sources},\"source_names\":{names}{sep}{fields}"
        ))
    }
}

/// Mention offsets as both backends store them: a JSON array of `[start, end]`.
pub(crate) fn spans_json(offsets: impl Iterator<Item = (usize, usize)>) -> String {
    use std::fmt::Write;
    let mut out = String::from("[");
    for (i, (start, end)) in offsets.enumerate() {
        let _ = write!(out, "{}[{start},{end}]", if i > 0 { "," } else { "" });
    }
    out.push(']');
    out
}

/// The mentions of one place or actor in a document, from their stored offsets.
pub(crate) fn mention_spans(
    document: i64,
    kind: &str,
    target: &str,
    spans: &str,
    db: &str,
) -> Result<Vec<MentionSpan>> {
    let spans: Vec<(usize, usize)> = serde_json::from_str(spans).map_err(|e| Error::Corrupt {
        path: db.to_string(),
        detail: format!("mentions of document {document}: {e}"),
    })?;
    Ok(spans
        .into_iter()
        .map(|(start, end)| MentionSpan { kind: kind.into(), target: target.into(), start, end })
        .collect())
}

/// The outlets of an event with one report from `source`: none for a document without one.
pub(crate) fn first_report_names(source: &str) -> String {
    if source.starts_with("document:") {
        "[]".to_string()
    } else {
        serde_json::to_string(&[source]).unwrap_or_else(|_| "[]".into())
    }
}

/// The day number of events without a date in the location indexes: below any real date, so a
/// `--since` filter leaves them out and merging never matches them.
pub(crate) const NO_DAY: f64 = -10_000_000.0;

/// The ids of the newest `limit` of (day, id) pairs, newest first; a partial sort, since a
/// `--near` query may match a large part of the database and want only its first page.
pub(crate) fn newest(mut hits: Vec<(f64, i64)>, limit: Option<usize>) -> Vec<i64> {
    let order = |a: &(f64, i64), b: &(f64, i64)| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1));
    if let Some(n) = limit.filter(|&n| n < hits.len()) {
        if n == 0 {
            return Vec::new();
        }
        hits.select_nth_unstable_by(n - 1, order);
        hits.truncate(n);
    }
    hits.sort_unstable_by(order);
    hits.into_iter().map(|(_, id)| id).collect()
}

/// What can go wrong in the store. Each message says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database file or its directory cannot be written.
    #[error("{path}: the database is read-only ({detail}); nothing was written")]
    ReadOnly {
        /// The database file.
        path: String,
        /// SQLite's words.
        detail: String,
    },
    /// The disk filled up; the batch being written was rolled back.
    #[error(
        "{path}: the disk is full; the last batch was rolled back and everything stored before it is intact"
    )]
    DiskFull {
        /// The database file.
        path: String,
    },
    /// The file is not an SQLite database.
    #[error("{path}: not a sitrep database (not SQLite, or encrypted)")]
    NotADatabase {
        /// The file.
        path: String,
    },
    /// The database was made by a newer sitrep.
    #[error(
        "{path}: schema version {found} is newer than this sitrep knows ({known}); upgrade sitrep"
    )]
    NewerSchema {
        /// The file.
        path: String,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// Stored data that cannot be read back.
    #[error("{path}: stored data is damaged: {detail}")]
    Corrupt {
        /// The file.
        path: String,
        /// What was wrong.
        detail: String,
    },
    /// A PostgreSQL error: the server unreachable, a login refused, a statement failed.
    #[error("{url}: {source}")]
    Postgres {
        /// The database URL, its password masked.
        url: String,
        /// The client's error.
        source: ::postgres::Error,
    },
    /// Any other SQLite error.
    #[error("{path}: {source}")]
    Sqlite {
        /// The file.
        path: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// A document with its analysis, ready to store.
#[derive(Clone, Debug)]
pub struct Ingested {
    /// How the store recognises the document again: see [`document_key`].
    pub key: String,
    /// SHA-256 of the text, hex.
    pub content_hash: String,
    /// Where it was read from (file, and line or entry).
    pub origin: String,
    /// The document.
    pub document: Document,
    /// What extraction found in it.
    pub analysis: Analysis,
    /// Its events as JSON, in order: serialized where the extraction runs, in parallel, so the
    /// single writer only copies bytes.
    pub reports: Vec<String>,
}

impl Ingested {
    /// Keys and hashes a document and its analysis.
    pub fn new(origin: String, document: Document, analysis: Analysis) -> Ingested {
        let content_hash = content_hash(&document.text);
        let key = document_key(&document, &content_hash);
        Ingested::keyed(key, content_hash, origin, document, analysis)
    }

    /// A document and analysis already keyed.
    pub fn keyed(
        key: String,
        content_hash: String,
        origin: String,
        document: Document,
        analysis: Analysis,
    ) -> Ingested {
        let reports = analysis
            .events
            .iter()
            .map(|e| {
                serde_json::to_string(e).expect("events serialize: no maps with non-string keys")
            })
            .collect();
        Ingested { key, content_hash, origin, document, analysis, reports }
    }
}

/// SHA-256 of a text, as lowercase hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The key a document is known by: `url:<url>` when it has a URL, `id:<source>:<id>` when the
/// input gave an id, else `sha256:<content hash>`. Ids the reader made up (file names, line
/// numbers) do not count: the same text under another file name is the same document.
pub fn document_key(doc: &Document, content_hash: &str) -> String {
    if let Some(url) = doc.url.as_deref().filter(|u| !u.trim().is_empty()) {
        return format!("url:{}", url.trim());
    }
    match doc.id.as_deref() {
        Some(id) if !doc.synthetic_id && !id.trim().is_empty() => {
            format!("id:{}:{}", doc.source.as_deref().unwrap_or(""), id.trim())
        }
        _ => format!("sha256:{content_hash}"),
    }
}

/// What writing one batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// Documents stored.
    pub new: usize,
    /// Documents skipped because the store already had them.
    pub present: usize,
    /// Reports stored.
    pub reports: usize,
    /// Reports that became new events.
    pub events: usize,
    /// Reports merged into an existing event.
    pub merged: usize,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.new += o.new;
        self.present += o.present;
        self.reports += o.reports;
        self.events += o.events;
        self.merged += o.merged;
    }
}

/// How much the store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Distinct places mentioned.
    pub places: u64,
    /// Distinct actors mentioned.
    pub actors: u64,
    /// Mentions of places and actors.
    pub mentions: u64,
    /// Time expressions.
    pub times: u64,
    /// Reports (one per event per document).
    pub reports: u64,
    /// Events after merging.
    pub events: u64,
}

/// Which events to list. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Actor ids: events with any of them as actor 1 or actor 2.
    pub actors: Vec<String>,
    /// PLOVER types.
    pub types: Vec<String>,
    /// Statuses (`occurred`, `planned`, ...).
    pub statuses: Vec<String>,
    /// Events placed within `km` of (`lat`, `lon`).
    pub near: Option<Near>,
    /// Events ending on or after this day.
    pub since: Option<jiff::civil::Date>,
    /// Events starting on or before this day.
    pub until: Option<jiff::civil::Date>,
    /// Events with a report from this source (outlet).
    pub source: Option<String>,
    /// At most this many, newest first; `None` for all.
    pub limit: Option<usize>,
}

/// A circle on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Near {
    /// Latitude of the centre.
    pub lat: f64,
    /// Longitude of the centre.
    pub lon: f64,
    /// Radius in kilometres.
    pub km: f64,
}

/// An event as stored: its first report's fields and what was merged into it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredEvent {
    /// The event's id in this store.
    pub id: i64,
    /// The event, as its first report gave it.
    #[serde(flatten)]
    pub event: Event,
    /// How many reports describe it.
    pub reports: u64,
    /// How many documents.
    pub documents: u64,
    /// How many distinct sources (outlets; a document without one counts as its own).
    pub sources: u64,
    /// The outlets named by its reports' documents, in order of first report.
    pub source_names: Vec<String>,
}

/// One document's report of an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The document.
    pub document: DocumentRow,
    /// The event as this document reported it, with its evidence sentence.
    pub event: Event,
}

/// An event with all its reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDetail {
    /// The event.
    #[serde(flatten)]
    pub event: StoredEvent,
    /// Every report, in the order stored.
    #[serde(rename = "report_list")]
    pub report_list: Vec<Report>,
}

/// A stored document, without its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocumentRow {
    /// Id in this store.
    pub id: i64,
    /// The id the input gave, or the reader made up.
    pub ext_id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication date (ISO).
    pub published: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Where it was read from.
    pub origin: String,
    /// Length of the text in bytes.
    pub bytes: u64,
    /// Reports it contributed.
    pub reports: u64,
}

/// Which documents to list.
#[derive(Clone, Debug, Default)]
pub struct DocumentFilter {
    /// Only from this source.
    pub source: Option<String>,
    /// Published on or after.
    pub since: Option<jiff::civil::Date>,
    /// Published on or before.
    pub until: Option<jiff::civil::Date>,
    /// At most this many, newest first.
    pub limit: Option<usize>,
}

/// A place with how often the store's documents mention it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceRow {
    /// Place id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind (`city`, `admin1`, ...).
    pub kind: String,
    /// ISO country code.
    pub country: String,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id.
    pub geonameid: Option<u32>,
    /// Documents mentioning it.
    pub documents: u64,
    /// Mentions.
    pub mentions: u64,
}

/// An actor with how often the store's documents mention it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    /// Actor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// ISO country code.
    pub country: Option<String>,
    /// Documents mentioning it.
    pub documents: u64,
    /// Mentions.
    pub mentions: u64,
}

/// A document's text with where it mentions places and actors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentText {
    /// The document.
    #[serde(flatten)]
    pub document: DocumentRow,
    /// Its text.
    pub text: String,
    /// Its mentions of places and actors, in text order.
    pub mentions: Vec<MentionSpan>,
}

/// One mention: character offsets into a document's text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionSpan {
    /// `place` or `actor`.
    pub kind: String,
    /// The place or actor id.
    pub target: String,
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
}

/// A relation between actors that a document states ("the US-backed SDF").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatedRelation {
    /// `backs`, `allied` or `member_of`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Actor id.
    pub from: String,
    /// Actor id.
    pub to: String,
    /// The document stating it.
    pub document: i64,
    /// Its publication date.
    pub published: Option<jiff::civil::Date>,
    /// The words that state it.
    pub text: String,
}

/// A durable event database. Every method that writes does so in one transaction.
pub trait Store {
    /// Writes a batch of documents with their mentions, times and reports, merging each
    /// report into a matching event or making a new one. Documents already stored (by key)
    /// are skipped. The whole batch commits, or none of it.
    fn write_batch(&mut self, batch: &[Ingested]) -> Result<BatchOutcome>;
    /// Which of these document keys are stored.
    fn contains(&mut self, keys: &[&str]) -> Result<Vec<bool>>;
    /// The merge settings in force.
    fn merge_settings(&mut self) -> Result<MergeSettings>;
    /// Saves new merge settings and rebuilds every event from the stored reports under them.
    fn remerge(&mut self, settings: MergeSettings) -> Result<Counts>;
    /// How much the store holds.
    fn counts(&mut self) -> Result<Counts>;
    /// Events matching a filter, newest first (events without a date last).
    fn events(&mut self, filter: &EventFilter) -> Result<Vec<StoredEvent>>;
    /// The same events as [`Store::events`], each as the JSON object it serializes to, made
    /// without parsing the stored event: for answers that only pass events on.
    fn events_json(&mut self, filter: &EventFilter) -> Result<Vec<String>>;
    /// One event with its reports.
    fn event(&mut self, id: i64) -> Result<Option<EventDetail>>;
    /// Documents matching a filter, newest first.
    fn documents(&mut self, filter: &DocumentFilter) -> Result<Vec<DocumentRow>>;
    /// One document with its text and mentions.
    fn document_text(&mut self, id: i64) -> Result<Option<DocumentText>>;
    /// Places, most mentioned first.
    fn places(&mut self, limit: Option<usize>) -> Result<Vec<PlaceRow>>;
    /// Actors, most mentioned first.
    fn actors(&mut self, limit: Option<usize>) -> Result<Vec<ActorRow>>;
    /// The kind (`city`, `admin1`, ...) of every stored place, by id: without the mention
    /// counts [`Store::places`] adds up.
    fn place_kinds(&mut self) -> Result<std::collections::HashMap<String, String>>;
    /// Relations between actors stated in documents, in the order stored; with `actor`, those
    /// from or to it.
    fn stated_relations(&mut self, actor: Option<&str>) -> Result<Vec<StatedRelation>>;
    /// Located, dated events per month of their start, earliest month first: the span and
    /// density of the reporting, for a time axis.
    fn event_months(&mut self) -> Result<Vec<MonthCount>>;
}

/// How many located events start in one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Events with a place and a date starting that month.
    pub events: u64,
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_prefer_url_then_given_id_then_content() {
        let mut doc = Document { text: "Raqqa".into(), ..Document::default() };
        let hash = content_hash(&doc.text);
        assert_eq!(hash.len(), 64);
        assert_eq!(document_key(&doc, &hash), format!("sha256:{hash}"));
        doc.id = Some("raqqa".into());
        doc.synthetic_id = true;
        assert_eq!(document_key(&doc, &hash), format!("sha256:{hash}"));
        doc.synthetic_id = false;
        doc.source = Some("SANA".into());
        assert_eq!(document_key(&doc, &hash), "id:SANA:raqqa");
        doc.url = Some("https://example.org/a".into());
        assert_eq!(document_key(&doc, &hash), "url:https://example.org/a");
    }

    #[test]
    fn distances_are_great_circle() {
        // Deir ez-Zor to Al Mayadin is about 42 km.
        let d = haversine_km(35.336, 40.140, 35.0208, 40.4518);
        assert!((40.0..46.0).contains(&d), "{d}");
        assert_eq!(haversine_km(35.0, 40.0, 35.0, 40.0), 0.0);
    }
}
