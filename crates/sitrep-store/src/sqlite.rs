//! The SQLite backend: one file, WAL journal, schema migrations from `migrations/`.

use std::collections::HashSet;
use std::path::Path;

use jiff::civil::Date;
use rusqlite::types::Value;
use rusqlite::{
    CachedStatement, Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction,
    TransactionBehavior, params,
};
use sitrep::events::Event;

use crate::merge::{self, MergeSettings};
use crate::{
    ActorRow, BatchOutcome, Counts, DocumentFilter, DocumentRow, DocumentText, Error, EventDetail,
    EventFilter, EventRow, Ingested, MonthCount, NO_DAY, PlaceRow, Report, Result, StatedRelation,
    Store, StoredEvent, first_report_names, haversine_km, mention_spans, newest, spans_json,
};

/// The schema migrations, in order; the database's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_initial.sql")];

/// Days since 1970-01-01, as the R*-trees hold them.
fn day_number(date: Date) -> f64 {
    merge::day_number(date) as f64
}

/// The event type's code in `merge_candidates`: 20 bits of its FNV-1a hash, exact in the
/// index's 32-bit floats. Two types may share a code; the merge lookup still compares types.
fn type_code(kind: &str) -> f64 {
    let mut h: u32 = 0x811c_9dc5;
    for b in kind.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    f64::from(h & 0xf_ffff)
}

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: String,
    settings: Option<MergeSettings>,
    stored: Stored,
}

/// Ids of places and actors known to be in the database, so a batch inserts each once instead
/// of asking SQLite to ignore it again in every document that names it (a feed names the same
/// places and actors over and over).
#[derive(Default)]
struct Stored {
    places: HashSet<String>,
    actors: HashSet<String>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).finish()
    }
}

impl SqliteStore {
    /// Opens the database at `path`, creating it if missing and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| classify(&name, e))?;
        SqliteStore::setup(conn, name, true)
    }

    /// Opens an existing database for reading; a missing file is an error, not a new database.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        let name = path.display().to_string();
        if !path.exists() {
            return Err(Error::Sqlite {
                path: name,
                source: rusqlite::Error::InvalidPath(path.to_path_buf()),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&name, e))?;
        SqliteStore::setup(conn, name, false)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory().map_err(|e| classify(":memory:", e))?;
        SqliteStore::setup(conn, ":memory:".into(), true)
    }

    /// The path it was opened with.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The underlying connection, for benchmarks that build large databases quickly.
    #[doc(hidden)]
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }

    fn setup(conn: Connection, path: String, writable: bool) -> Result<SqliteStore> {
        let err = |e| classify(&path, e);
        // Checks the file is a database before anything else touches it.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::NewerSchema { path, found: version, known });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(err)?;
        // 64 MiB of page cache: the merge lookups and indexes stay in memory during an ingest.
        conn.pragma_update(None, "cache_size", -65536).map_err(err)?;
        // Read through a memory map (up to 4 GiB of the file): a query in a fresh process reads
        // pages straight from the OS cache instead of copying each into SQLite's own.
        conn.pragma_update(None, "mmap_size", 4i64 << 30).map_err(err)?;
        if writable && version == 0 {
            // 16 KiB pages for a new database: a 4 KB article and its reports' JSON fit in a
            // page instead of spilling into overflow chains.
            conn.pragma_update(None, "page_size", 16384).map_err(err)?;
        }
        if writable {
            // WAL: readers do not block the writer; NORMAL sync is durable across a process kill
            // (a commit is in the WAL before `commit` returns) and loses at most the last
            // transactions on power loss, never consistency.
            conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
            conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
            // Checkpoint every 32 MiB of WAL rather than 4: fewer, larger copies into the
            // database file during a long ingest.
            conn.pragma_update(None, "wal_autocheckpoint", 8192).map_err(err)?;
        }
        let mut store = SqliteStore { conn, path, settings: None, stored: Stored::default() };
        if version < known {
            if !writable {
                return Err(Error::Corrupt {
                    path: store.path,
                    detail: format!(
                        "schema version {version} is older than this sitrep's ({known}); open it \
                         for writing (e.g. `sitrep ingest`) to upgrade it"
                    ),
                });
            }
            store.migrate(version as usize)?;
        }
        Ok(store)
    }

    fn migrate(&mut self, from: usize) -> Result<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(from) {
            tx.execute_batch(sql).map_err(|e| classify(&path, e))?;
            tx.pragma_update(None, "user_version", n as i64 + 1).map_err(|e| classify(&path, e))?;
        }
        tx.commit().map_err(|e| classify(&path, e))
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        |e| classify(&self.path, e)
    }

    fn corrupt(&self, detail: String) -> Error {
        Error::Corrupt { path: self.path.clone(), detail }
    }

    /// An event's row as stored: its first report's JSON and its counts and outlets.
    fn event_row(&self, id: i64) -> Result<Option<EventRow>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT r.json, e.reports, e.documents, e.sources, e.source_names
                 FROM events e LEFT JOIN reports r ON r.id = e.first_report WHERE e.id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        EventRow {
                            json: String::new(),
                            reports: r.get(1)?,
                            documents: r.get(2)?,
                            sources: r.get(3)?,
                            names: r.get(4)?,
                        },
                    ))
                })
                .optional()
            })
            .map_err(self.err())?;
        match row {
            None => Ok(None),
            Some((None, _)) => Err(self.corrupt(format!("event {id} has no report"))),
            Some((Some(json), row)) => Ok(Some(EventRow { json, ..row })),
        }
    }

    fn load_event(&self, id: i64) -> Result<Option<StoredEvent>> {
        match self.event_row(id)? {
            Some(row) => row.into_stored(id, &self.path).map(Some),
            None => Ok(None),
        }
    }

    /// The ids of the events a filter selects, in the order to list them.
    fn event_ids(&self, filter: &EventFilter) -> Result<Vec<i64>> {
        let only_space_and_time = filter.actors.is_empty()
            && filter.types.is_empty()
            && filter.statuses.is_empty()
            && filter.source.is_none();
        if let (Some(near), true) = (filter.near, only_space_and_time) {
            return self.events_near_by_index(filter, near);
        }
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut list = |column: &str, items: &[String], clauses: &mut Vec<String>| {
            let marks = vec!["?"; items.len()].join(", ");
            clauses.push(format!("{column} IN ({marks})"));
            values.extend(items.iter().map(|s| Value::Text(s.clone())));
        };
        if !filter.actors.is_empty() {
            list("e.actor1", &filter.actors, &mut clauses);
            list("e.actor2", &filter.actors, &mut clauses);
            let a2 = clauses.pop().unwrap_or_default();
            let a1 = clauses.pop().unwrap_or_default();
            clauses.push(format!("({a1} OR {a2})"));
        }
        if !filter.types.is_empty() {
            list("e.type", &filter.types, &mut clauses);
        }
        if !filter.statuses.is_empty() {
            list("e.status", &filter.statuses, &mut clauses);
        }
        if let Some(since) = filter.since {
            clauses.push("e.date_end >= ?".into());
            values.push(Value::Text(since.to_string()));
        }
        if let Some(until) = filter.until {
            clauses.push("e.date_start <= ?".into());
            values.push(Value::Text(until.to_string()));
        }
        if let Some(source) = &filter.source {
            clauses.push(
                "EXISTS (SELECT 1 FROM reports r WHERE r.event = e.id AND r.source = ?)".into(),
            );
            values.push(Value::Text(source.clone()));
        }
        if let Some(near) = filter.near {
            let (a, b, c, d) = merge::bounding_box(near.lat, near.lon, near.km);
            clauses.push(
                "e.id IN (SELECT id FROM event_locations WHERE max_lat >= ? AND min_lat <= ?
                          AND max_lon >= ? AND min_lon <= ?)"
                    .into(),
            );
            values.extend([a, b, c, d].map(Value::Real));
        }
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let ids: Vec<i64> = match filter.near {
            None => {
                values.push(Value::Integer(limit_value(filter.limit)));
                let sql = format!(
                    "SELECT e.id FROM events e {condition}
                     ORDER BY e.date_start DESC NULLS LAST, e.id DESC LIMIT ?"
                );
                let mut st = self.conn.prepare(&sql).map_err(self.err())?;
                st.query_map(rusqlite::params_from_iter(values), |r| r.get(0))
                    .and_then(|rows| rows.collect())
                    .map_err(self.err())?
            }
            Some(near) => {
                let sql =
                    format!("SELECT e.id, e.lat, e.lon, e.date_start FROM events e {condition}");
                let mut st = self.conn.prepare(&sql).map_err(self.err())?;
                let rows: Vec<(i64, f64, f64, Option<String>)> = st
                    .query_map(rusqlite::params_from_iter(values), |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .and_then(|rows| rows.collect())
                    .map_err(self.err())?;
                let hits = rows
                    .into_iter()
                    .filter(|&(_, lat, lon, _)| {
                        haversine_km(near.lat, near.lon, lat, lon) <= near.km
                    })
                    .map(|(id, _, _, date)| {
                        let day =
                            date.and_then(|d| d.parse::<Date>().ok()).map_or(NO_DAY, day_number);
                        (day, id)
                    })
                    .collect();
                newest(hits, filter.limit)
            }
        };
        Ok(ids)
    }

    /// One event as a JSON object (see [`EventRow::into_json`]).
    fn load_event_json(&self, id: i64) -> Result<Option<String>> {
        match self.event_row(id)? {
            Some(row) => row.into_json(id, &self.path).map(Some),
            None => Ok(None),
        }
    }

    fn load_events(&self, ids: &[i64]) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            out.extend(self.load_event(id)?);
        }
        Ok(out)
    }

    /// Events near a point, using the spatial index alone: the query `--near` with at most a
    /// date range answers without reading the events table.
    fn events_near_by_index(&self, filter: &EventFilter, near: crate::Near) -> Result<Vec<i64>> {
        let (min_lat, max_lat, min_lon, max_lon) = merge::bounding_box(near.lat, near.lon, near.km);
        let low = match (filter.since, filter.until) {
            (Some(since), _) => day_number(since),
            (None, Some(_)) => NO_DAY + 1.0,
            (None, None) => f64::MIN,
        };
        let high = filter.until.map_or(f64::MAX, day_number);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, min_lat, max_lat, min_lon, max_lon, min_day FROM event_locations
                 WHERE max_lat >= ?1 AND min_lat <= ?2 AND max_lon >= ?3 AND min_lon <= ?4
                   AND max_day >= ?5 AND min_day <= ?6",
            )
            .map_err(self.err())?;
        let rows = st
            .query_map(params![min_lat, max_lat, min_lon, max_lon, low, high], |r| {
                let lat = (r.get::<_, f64>(1)? + r.get::<_, f64>(2)?) / 2.0;
                let lon = (r.get::<_, f64>(3)? + r.get::<_, f64>(4)?) / 2.0;
                Ok((r.get::<_, i64>(0)?, lat, lon, r.get::<_, f64>(5)?))
            })
            .map_err(self.err())?;
        let mut hits: Vec<(f64, i64)> = Vec::new();
        for row in rows {
            let (id, lat, lon, day) = row.map_err(self.err())?;
            if haversine_km(near.lat, near.lon, lat, lon) <= near.km {
                hits.push((day, id));
            }
        }
        Ok(newest(hits, filter.limit))
    }
}

/// The order `remerge` takes reports in: by their documents' publication dates (undated last),
/// then keys, then place in the document. It depends on what is stored, not on the order it
/// arrived in, so two databases holding the same documents (one ingest, or many workers at
/// once) hold the same events after a remerge. Shared by both backends.
pub(crate) const REMERGE_ORDER: &str =
    "SELECT r.id FROM reports r JOIN documents d ON d.id = r.document
     ORDER BY d.published IS NULL, d.published, d.key, r.seq";

/// Maps SQLite's errors onto the ones a user can act on.
fn classify(path: &str, e: rusqlite::Error) -> Error {
    let path = path.to_string();
    if let rusqlite::Error::SqliteFailure(f, ref msg) = e {
        match f.code {
            ErrorCode::ReadOnly => {
                let detail = msg.clone().unwrap_or_else(|| "attempt to write".into());
                return Error::ReadOnly { path, detail };
            }
            ErrorCode::DiskFull => return Error::DiskFull { path },
            ErrorCode::NotADatabase => return Error::NotADatabase { path },
            ErrorCode::DatabaseCorrupt => {
                return Error::Corrupt { path, detail: e.to_string() };
            }
            _ => {}
        }
    }
    Error::Sqlite { path, source: e }
}

/// The statements run once per report, each looked up in the connection's statement cache
/// once per transaction rather than once per report: a lookup hashes the statement's SQL, and
/// an ingest runs them some ten times per document.
struct ReportStatements<'t> {
    candidates: CachedStatement<'t>,
    insert_event: CachedStatement<'t>,
    locations: LocationStatements<'t>,
}

/// The inserts into the location indexes, for a new event and for their rebuilding.
struct LocationStatements<'t> {
    location: CachedStatement<'t>,
    candidate: CachedStatement<'t>,
}

impl<'t> LocationStatements<'t> {
    fn prepare(tx: &'t Transaction<'_>) -> rusqlite::Result<LocationStatements<'t>> {
        Ok(LocationStatements {
            location: tx.prepare_cached(
                "INSERT INTO event_locations VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5)",
            )?,
            candidate: tx.prepare_cached(
                "INSERT INTO merge_candidates VALUES (?1, ?2, ?2, ?3, ?3, ?4, ?5, ?6, ?6)",
            )?,
        })
    }

    /// Indexes event `id` at a point and days; among the merge candidates too when it may take
    /// further reports (`candidate` is then its type).
    fn insert(
        &mut self,
        id: i64,
        (lat, lon): (f64, f64),
        (start, end): (f64, f64),
        candidate: Option<&str>,
    ) -> rusqlite::Result<()> {
        self.location.execute(params![id, lat, lon, start, end])?;
        if let Some(kind) = candidate {
            self.candidate.execute(params![id, lat, lon, start, end, type_code(kind)])?;
        }
        Ok(())
    }
}

impl<'t> ReportStatements<'t> {
    fn prepare(tx: &'t Transaction<'_>) -> rusqlite::Result<ReportStatements<'t>> {
        Ok(ReportStatements {
            candidates: tx.prepare_cached(
                // CROSS JOIN keeps the spatial index as the outer loop; left to itself the
                // planner may walk events by type and probe the index per row, which is far
                // slower.
                "SELECT l.id, e.lat, e.lon, e.actor1, e.actor2, e.status, e.place, e.date_start,
                        e.date_end, p.kind
                 FROM merge_candidates l
                 CROSS JOIN events e ON e.id = l.id
                 LEFT JOIN places p ON p.id = e.place
                 WHERE l.max_lat >= ?1 AND l.min_lat <= ?2 AND l.max_lon >= ?3
                   AND l.min_lon <= ?4 AND l.max_day >= ?5 AND l.min_day <= ?6
                   AND l.min_type <= ?9 AND l.max_type >= ?9 AND e.type = ?7
                   AND NOT EXISTS (SELECT 1 FROM reports r
                                   WHERE r.event = l.id AND r.document = ?8)",
            )?,
            insert_event: tx.prepare_cached(
                "INSERT INTO events (type, actor1, actor2, place, lat, lon, date_start, date_end,
                                     status, reports, documents, sources, first_report,
                                     source_names)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, 1, ?10, ?11)",
            )?,
            locations: LocationStatements::prepare(tx)?,
        })
    }

    /// Finds the event report `report` (from `source`, in `document`) describes, or makes a
    /// new one with it as its first report. Returns the event id and whether the report was
    /// merged into an existing event.
    fn place_report(
        &mut self,
        tx: &Transaction<'_>,
        (document, report, source): (i64, i64, &str),
        event: &Event,
        place_kind: Option<&str>,
        settings: &MergeSettings,
    ) -> rusqlite::Result<(i64, bool)> {
        let days = event.date.map(|d| (day_number(d.start), day_number(d.end)));
        let mergeable = settings.enabled && merge::precise_enough(event, place_kind);
        if let (true, Some(place), Some((start, end))) = (mergeable, &event.place, days) {
            let (min_lat, max_lat, min_lon, max_lon) =
                merge::bounding_box(place.lat, place.lon, settings.radius_km);
            let slack = settings.days as f64;
            let rows = self.candidates.query_map(
                params![
                    min_lat,
                    max_lat,
                    min_lon,
                    max_lon,
                    start - slack,
                    end + slack,
                    event.kind,
                    document,
                    type_code(&event.kind),
                ],
                |r| {
                    Ok(merge::Candidate {
                        id: r.get(0)?,
                        lat: r.get(1)?,
                        lon: r.get(2)?,
                        actor1: r.get(3)?,
                        actor2: r.get(4)?,
                        status: r.get(5)?,
                        place: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                        date_start: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                        date_end: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                        place_kind: r.get(9)?,
                    })
                },
            )?;
            let candidates = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            if let Some(id) = merge::best_candidate(event, place_kind, settings, candidates) {
                return Ok((id, true));
            }
        }
        self.insert_event.execute(params![
            event.kind,
            event.actor1,
            event.actor2,
            event.place.as_ref().map(|p| &p.id),
            event.place.as_ref().map(|p| p.lat),
            event.place.as_ref().map(|p| p.lon),
            event.date.map(|d| d.start.to_string()),
            event.date.map(|d| d.end.to_string()),
            event.status.as_str(),
            report,
            first_report_names(source),
        ])?;
        let id = tx.last_insert_rowid();
        if let Some(place) = &event.place {
            let days = days.unwrap_or((NO_DAY, NO_DAY));
            let candidate = mergeable.then_some(event.kind.as_str());
            self.locations.insert(id, (place.lat, place.lon), days, candidate)?;
        }
        Ok((id, false))
    }
}

fn recount(tx: &Transaction<'_>, event: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE events SET (reports, documents, sources, source_names) =
           (SELECT count(*), count(DISTINCT document), count(DISTINCT source),
                   (SELECT json_group_array(source) FROM
                      (SELECT source, min(id) AS first FROM reports
                       WHERE event = ?1 AND source NOT LIKE 'document:%'
                       GROUP BY source ORDER BY first))
            FROM reports WHERE event = ?1)
         WHERE id = ?1",
    )?
    .execute([event])?;
    Ok(())
}

/// Counts a report just merged into an event without counting the event's reports again: it
/// comes from a document the event had no report from (the merge lookup sees to that), so
/// documents go up by one; sources, and the outlets, when its outlet is new to the event.
/// Same counts as [`recount`], which `remerge` uses.
fn count_new_report(
    tx: &Transaction<'_>,
    event: i64,
    report: i64,
    source: &str,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE events SET reports = reports + 1, documents = documents + 1,
                sources = sources + NOT seen.before,
                source_names = CASE WHEN seen.before OR ?2 LIKE 'document:%' THEN source_names
                                    ELSE json_insert(source_names, '$[#]', ?2) END
         FROM (SELECT EXISTS (SELECT 1 FROM reports WHERE event = ?1 AND source = ?2
                              AND id <> ?3) AS before) AS seen
         WHERE id = ?1",
    )?
    .execute(params![event, source, report])?;
    Ok(())
}

/// Stores a document with its mentions, relations and times; places and actors not in
/// `stored` (the database before this batch) nor `added` (this batch) are inserted and added.
fn store_document(
    tx: &Transaction<'_>,
    item: &Ingested,
    now: &str,
    (stored, added): (&Stored, &mut Stored),
) -> rusqlite::Result<i64> {
    let doc = &item.document;
    let a = &item.analysis;
    tx.prepare_cached(
        "INSERT INTO documents (key, content_hash, ext_id, title, source, url, published,
                                language, origin, text, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        item.key,
        item.content_hash,
        doc.id,
        doc.title,
        doc.source,
        doc.url,
        a.published.as_ref().map(|p| p.date.to_string()),
        doc.language,
        item.origin,
        doc.text,
        now,
    ])?;
    let id = tx.last_insert_rowid();
    let mut place = tx.prepare_cached(
        "INSERT OR IGNORE INTO places (id, name, kind, country, admin1, lat, lon, geonameid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut actor = tx.prepare_cached(
        "INSERT OR IGNORE INTO actors (id, name, kind, country) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut mention = tx.prepare_cached(
        "INSERT OR IGNORE INTO mentions (kind, target, document, count, spans)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in &a.places {
        if !stored.places.contains(&p.id) && added.places.insert(p.id.clone()) {
            place.execute(params![
                p.id,
                p.name,
                p.kind.as_str(),
                p.country,
                p.admin1,
                p.lat,
                p.lon,
                p.geonameid
            ])?;
        }
        let offsets = spans_json(p.mentions.iter().map(|m| (m.start, m.end)));
        mention.execute(params!["place", p.id, id, p.mentions.len() as i64, offsets])?;
    }
    for x in &a.actors {
        if !stored.actors.contains(&x.id) && added.actors.insert(x.id.clone()) {
            actor.execute(params![x.id, x.name, x.kind, x.country])?;
        }
        let offsets = spans_json(x.mentions.iter().map(|m| (m.start, m.end)));
        mention.execute(params!["actor", x.id, id, x.mentions.len() as i64, offsets])?;
    }
    let mut relation = tx.prepare_cached(
        "INSERT INTO relations (document, type, source, target, start, end, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in &a.relations {
        let e = &r.evidence;
        relation.execute(params![
            id,
            r.kind,
            r.from,
            r.to,
            e.start as i64,
            e.end as i64,
            e.text
        ])?;
    }
    let mut time = tx.prepare_cached(
        "INSERT INTO times (document, text, start, end, date_start, date_end, precision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for t in &a.times {
        let Some(m) = t.mentions.first() else { continue };
        let precision = t
            .precision
            .map(|p| serde_json::to_value(p).ok().and_then(|v| v.as_str().map(str::to_string)));
        time.execute(params![
            id,
            t.text,
            m.start as i64,
            m.end as i64,
            t.start.map(|d| d.to_string()),
            t.end.map(|d| d.to_string()),
            precision.flatten(),
        ])?;
    }
    Ok(id)
}

fn document_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        ext_id: r.get(1)?,
        title: r.get(2)?,
        source: r.get(3)?,
        url: r.get(4)?,
        published: r.get(5)?,
        language: r.get(6)?,
        origin: r.get(7)?,
        bytes: r.get::<_, i64>(8)? as u64,
        reports: r.get::<_, i64>(9)? as u64,
    })
}

const DOCUMENT_COLUMNS: &str = "d.id, d.ext_id, d.title, d.source, d.url, d.published,
    d.language, d.origin, length(CAST(d.text AS BLOB)),
    (SELECT count(*) FROM reports r WHERE r.document = d.id)";

fn limit_value(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |n| n as i64)
}

impl Store for SqliteStore {
    fn write_batch(&mut self, batch: &[Ingested]) -> Result<BatchOutcome> {
        let settings = self.merge_settings()?;
        let now = jiff::Timestamp::now().to_string();
        let SqliteStore { conn, path, stored, .. } = self;
        let err = |e| classify(path, e);
        // IMMEDIATE: the write lock is held before the next report id is read, so no other
        // writer can take that id in between.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let mut out = BatchOutcome::default();
        let mut added = Stored::default();
        {
            let mut present =
                tx.prepare_cached("SELECT 1 FROM documents WHERE key = ?1").map_err(err)?;
            let mut insert_report = tx
                .prepare_cached(
                    "INSERT INTO reports (id, document, seq, event, source, json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(err)?;
            let mut statements = ReportStatements::prepare(&tx).map_err(err)?;
            // Report ids are given here rather than left to SQLite, so a new event names its
            // first report in the row that creates it.
            let mut next_report: i64 = tx
                .query_row("SELECT coalesce(max(id), 0) + 1 FROM reports", [], |r| r.get(0))
                .map_err(err)?;
            for item in batch {
                if present.exists([&item.key]).map_err(err)? {
                    out.present += 1;
                    continue;
                }
                let targets = (&*stored, &mut added);
                let id = store_document(&tx, item, &now, targets).map_err(err)?;
                let source =
                    item.document.source.clone().unwrap_or_else(|| format!("document:{id}"));
                let reports = item.analysis.events.iter().zip(&item.reports);
                for (seq, (event, json)) in reports.enumerate() {
                    let place = event.place.as_ref().map(|p| p.id.as_str());
                    let kind = item.analysis.places.iter().find(|p| Some(p.id.as_str()) == place);
                    let kind = kind.map(|p| p.kind.as_str());
                    let report = next_report;
                    next_report += 1;
                    let (event_id, merged) = statements
                        .place_report(&tx, (id, report, &source), event, kind, &settings)
                        .map_err(err)?;
                    insert_report
                        .execute(params![report, id, seq as i64, event_id, source, json])
                        .map_err(err)?;
                    out.reports += 1;
                    if merged {
                        count_new_report(&tx, event_id, report, &source).map_err(err)?;
                        out.merged += 1;
                    } else {
                        out.events += 1;
                    }
                }
                out.new += 1;
            }
        }
        tx.commit().map_err(err)?;
        stored.places.extend(added.places);
        stored.actors.extend(added.actors);
        Ok(out)
    }

    fn contains(&mut self, keys: &[&str]) -> Result<Vec<bool>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE key = ?1")
            .map_err(|e| classify(&self.path, e))?;
        keys.iter().map(|k| st.exists([k]).map_err(|e| classify(&self.path, e))).collect()
    }

    fn merge_settings(&mut self) -> Result<MergeSettings> {
        if let Some(s) = self.settings {
            return Ok(s);
        }
        let mut st = self
            .conn
            .prepare("SELECT key, value FROM settings WHERE key LIKE 'merge.%'")
            .map_err(self.err())?;
        let rows: Vec<(String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(self.err())?;
        let s = MergeSettings::from_rows(rows).map_err(|(key, value)| Error::Corrupt {
            path: self.path.clone(),
            detail: format!("setting {key} = {value:?} is not valid"),
        })?;
        drop(st);
        self.settings = Some(s);
        Ok(s)
    }

    fn remerge(&mut self, settings: MergeSettings) -> Result<Counts> {
        let path = self.path.clone();
        let err = |e| classify(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute_batch(
            "DELETE FROM events; DELETE FROM event_locations; DELETE FROM merge_candidates;
             UPDATE reports SET event = 0;",
        )
        .map_err(err)?;
        let order: Vec<i64> = tx
            .prepare(REMERGE_ORDER)
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .map_err(err)?;
        let mut statements = ReportStatements::prepare(&tx).map_err(err)?;
        for id in order {
            let (document, source, json): (i64, String, String) = tx
                .prepare_cached("SELECT document, source, json FROM reports WHERE id = ?1")
                .and_then(|mut st| st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
                .map_err(err)?;
            let event: Event = serde_json::from_str(&json).map_err(|e| Error::Corrupt {
                path: path.clone(),
                detail: format!("report {id}: {e}"),
            })?;
            let kind: Option<String> = match &event.place {
                Some(p) => tx
                    .prepare_cached("SELECT kind FROM places WHERE id = ?1")
                    .and_then(|mut st| st.query_row([&p.id], |r| r.get(0)).optional())
                    .map_err(err)?,
                None => None,
            };
            let (event_id, merged) = statements
                .place_report(&tx, (document, id, &source), &event, kind.as_deref(), &settings)
                .map_err(err)?;
            tx.prepare_cached("UPDATE reports SET event = ?1 WHERE id = ?2")
                .and_then(|mut st| st.execute([event_id, id]))
                .map_err(err)?;
            if merged {
                recount(&tx, event_id).map_err(err)?;
            }
        }
        drop(statements);
        for (key, value) in [
            ("merge.enabled", settings.enabled.to_string()),
            ("merge.radius_km", settings.radius_km.to_string()),
            ("merge.days", settings.days.to_string()),
        ] {
            tx.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                [key, &value],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.settings = Some(settings);
        self.counts()
    }

    fn counts(&mut self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(self.err())
        };
        Ok(Counts {
            documents: count("documents")?,
            places: count("places")?,
            actors: count("actors")?,
            mentions: self
                .conn
                .query_row("SELECT coalesce(sum(count), 0) FROM mentions", [], |r| {
                    r.get::<_, i64>(0)
                })
                .map_err(self.err())? as u64,
            times: count("times")?,
            reports: count("reports")?,
            events: count("events")?,
        })
    }

    fn event_months(&mut self) -> Result<Vec<MonthCount>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT substr(date_start, 1, 7) AS month, count(*) FROM events \
                 WHERE date_start IS NOT NULL AND lat IS NOT NULL GROUP BY month ORDER BY month",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(MonthCount { month: r.get(0)?, events: r.get::<_, i64>(1)? as u64 })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }

    fn events(&mut self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        let ids = self.event_ids(filter)?;
        self.load_events(&ids)
    }

    fn events_json(&mut self, filter: &EventFilter) -> Result<Vec<String>> {
        let ids = self.event_ids(filter)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.load_event_json(id)?);
        }
        Ok(out)
    }

    fn event(&mut self, id: i64) -> Result<Option<EventDetail>> {
        let Some(event) = self.load_event(id)? else { return Ok(None) };
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS}, r.json FROM reports r JOIN documents d ON d.id = r.document
             WHERE r.event = ?1 ORDER BY r.id"
        );
        let rows: Vec<(i64, String, DocumentRow)> = self
            .conn
            .prepare(&sql)
            .and_then(|mut st| {
                st.query_map([id], |r| {
                    let doc = document_row(r)?;
                    Ok((doc.id, r.get(10)?, doc))
                })?
                .collect()
            })
            .map_err(self.err())?;
        let mut report_list = Vec::with_capacity(rows.len());
        for (doc_id, json, document) in rows {
            let event: Event = serde_json::from_str(&json).map_err(|e| {
                self.corrupt(format!("report of event {id} in document {doc_id}: {e}"))
            })?;
            report_list.push(Report { document, event });
        }
        Ok(Some(EventDetail { event, report_list }))
    }

    fn documents(&mut self, filter: &DocumentFilter) -> Result<Vec<DocumentRow>> {
        let mut clauses = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(source) = &filter.source {
            clauses.push("d.source = ?");
            values.push(Value::Text(source.clone()));
        }
        if let Some(since) = filter.since {
            clauses.push("d.published >= ?");
            values.push(Value::Text(since.to_string()));
        }
        if let Some(until) = filter.until {
            clauses.push("d.published <= ?");
            values.push(Value::Text(until.to_string()));
        }
        values.push(Value::Integer(limit_value(filter.limit)));
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d {condition}
             ORDER BY d.published DESC NULLS LAST, d.id DESC LIMIT ?"
        );
        let mut st = self.conn.prepare(&sql).map_err(self.err())?;
        st.query_map(rusqlite::params_from_iter(values), document_row)
            .and_then(|rows| rows.collect())
            .map_err(self.err())
    }

    fn places(&mut self, limit: Option<usize>) -> Result<Vec<PlaceRow>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT p.id, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.geonameid,
                        count(*), sum(m.count) AS n
                 FROM mentions m JOIN places p ON p.id = m.target
                 WHERE m.kind = 'place' GROUP BY p.id ORDER BY n DESC, p.id LIMIT ?1",
            )
            .map_err(self.err())?;
        st.query_map([limit_value(limit)], |r| {
            Ok(PlaceRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                country: r.get(3)?,
                admin1: r.get(4)?,
                lat: r.get(5)?,
                lon: r.get(6)?,
                geonameid: r.get(7)?,
                documents: r.get::<_, i64>(8)? as u64,
                mentions: r.get::<_, i64>(9)? as u64,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(self.err())
    }

    fn place_kinds(&mut self) -> Result<std::collections::HashMap<String, String>> {
        let mut st = self.conn.prepare_cached("SELECT id, kind FROM places").map_err(self.err())?;
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(self.err())
    }

    fn actors(&mut self, limit: Option<usize>) -> Result<Vec<ActorRow>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT a.id, a.name, a.kind, a.country, count(*), sum(m.count) AS n
                 FROM mentions m JOIN actors a ON a.id = m.target
                 WHERE m.kind = 'actor' GROUP BY a.id ORDER BY n DESC, a.id LIMIT ?1",
            )
            .map_err(self.err())?;
        st.query_map([limit_value(limit)], |r| {
            Ok(ActorRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                country: r.get(3)?,
                documents: r.get::<_, i64>(4)? as u64,
                mentions: r.get::<_, i64>(5)? as u64,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(self.err())
    }

    fn stated_relations(&mut self, actor: Option<&str>) -> Result<Vec<StatedRelation>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT r.type, r.source, r.target, r.document, d.published, r.text
                 FROM relations r JOIN documents d ON d.id = r.document
                 WHERE ?1 IS NULL OR r.source = ?1 OR r.target = ?1
                 ORDER BY r.rowid",
            )
            .map_err(self.err())?;
        st.query_map([actor], |r| {
            let published: Option<String> = r.get(4)?;
            Ok(StatedRelation {
                kind: r.get(0)?,
                from: r.get(1)?,
                to: r.get(2)?,
                document: r.get(3)?,
                published: published.and_then(|p| p.parse().ok()),
                text: r.get(5)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(self.err())
    }

    fn document_text(&mut self, id: i64) -> Result<Option<DocumentText>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.id = ?1");
        let row = self
            .conn
            .query_row(&sql, [id], |r| Ok((document_row(r)?, r.get::<_, String>(10)?)))
            .optional()
            .map_err(self.err())?;
        let Some((document, text)) = row else { return Ok(None) };
        let mut st = self
            .conn
            .prepare("SELECT kind, target, spans FROM mentions WHERE document = ?1")
            .map_err(self.err())?;
        let rows: Vec<(String, String, String)> = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|rows| rows.collect())
            .map_err(self.err())?;
        let mut mentions = Vec::new();
        for (kind, target, spans) in rows {
            mentions.extend(mention_spans(id, &kind, &target, &spans, &self.path)?);
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        Ok(Some(DocumentText { document, text, mentions }))
    }
}

/// Rebuilds the location indexes (`event_locations`, `merge_candidates`) from the events, their
/// first reports and places: after a copy into this database.
pub(crate) fn rebuild_locations(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(String, String)> = tx
        .prepare("SELECT key, value FROM settings WHERE key LIKE 'merge.%'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let settings = MergeSettings::from_rows(rows).unwrap_or_default();
    tx.execute_batch("DELETE FROM event_locations; DELETE FROM merge_candidates;")?;
    let mut st = tx.prepare(
        "SELECT e.id, e.type, e.lat, e.lon, e.date_start, e.date_end, r.json, p.kind
         FROM events e LEFT JOIN reports r ON r.id = e.first_report
         LEFT JOIN places p ON p.id = e.place WHERE e.lat IS NOT NULL ORDER BY e.id",
    )?;
    let mut rows = st.query([])?;
    let mut locations = LocationStatements::prepare(tx)?;
    while let Some(r) = rows.next()? {
        let (id, kind, lat, lon): (i64, String, f64, f64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let day = |i: usize| -> rusqlite::Result<f64> {
            let d: Option<String> = r.get(i)?;
            Ok(d.and_then(|d| d.parse::<Date>().ok()).map_or(NO_DAY, day_number))
        };
        let days = (day(4)?, day(5)?);
        let json: Option<String> = r.get(6)?;
        let place_kind: Option<String> = r.get(7)?;
        let mergeable =
            json.is_some_and(|j| crate::copy::mergeable(&j, place_kind.as_deref(), &settings));
        locations.insert(id, (lat, lon), days, mergeable.then_some(kind.as_str()))?;
    }
    Ok(())
}
