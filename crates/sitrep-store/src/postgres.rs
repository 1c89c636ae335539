//! The PostgreSQL backend: one database a team shares, fed by ingest workers on many machines.
//!
//! Same tables and meanings as the SQLite backend (`migrations/postgres/`), same answers to the
//! same queries. Where SQLite has R*-trees, events here carry a grid cell and day numbers with
//! B-tree indexes, so nothing beyond a stock PostgreSQL is needed (no PostGIS).
//!
//! Several writers at once: documents are unique by key, and a writer stores a batch holding a
//! transaction-scoped advisory lock, so the merge lookup of one batch always sees the events
//! another batch made. Extraction, the costly part, runs in parallel on every worker; only the
//! writes take turns.
//!
//! The work queue (`queue` table) lets `sitrep ingest --enqueue` hand documents to `sitrep work`
//! processes anywhere: each claims a few with `FOR UPDATE SKIP LOCKED` and a lease; a worker
//! that dies leaves its lease to expire and another takes the documents again.

use jiff::civil::Date;
use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement, Transaction};
use sitrep::Document;
use sitrep::events::Event;

use crate::merge::{self, MergeSettings};
use crate::{
    ActorRow, BatchOutcome, Counts, DocumentFilter, DocumentRow, DocumentText, Error, EventDetail,
    EventFilter, EventRow, Ingested, MonthCount, NO_DAY, PlaceRow, Report, Result, StatedRelation,
    Store, StoredEvent, first_report_names, haversine_km, mention_spans, newest, spans_json,
};

/// The schema migrations, in order; `sitrep_schema.version` is how many have run.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/postgres/0001_initial.sql")];

/// Advisory lock held while a batch is written (see the module's documentation).
const WRITE_LOCK: i64 = 0x0073_6974_7265_7001;
/// Advisory lock held while the schema is checked and migrated, so workers starting together
/// migrate once.
const MIGRATE_LOCK: i64 = 0x0073_6974_7265_7002;

/// Grid cells per degree, in latitude and in longitude.
const CELLS_PER_DEGREE: f64 = 4.0;
const CELL_COLUMNS: i32 = 360 * CELLS_PER_DEGREE as i32;

/// The grid cell of a point.
#[doc(hidden)]
pub fn cell(lat: f64, lon: f64) -> i32 {
    let row = (((lat + 90.0) * CELLS_PER_DEGREE).floor() as i32).clamp(0, 180 * 4 - 1);
    let col = (((lon + 180.0) * CELLS_PER_DEGREE).floor() as i32).rem_euclid(CELL_COLUMNS);
    row * CELL_COLUMNS + col
}

/// Every grid cell a box touches (longitudes may run past ±180; they wrap).
fn cells(min_lat: f64, max_lat: f64, min_lon: f64, max_lon: f64) -> Vec<i32> {
    let row = |lat: f64| (((lat + 90.0) * CELLS_PER_DEGREE).floor() as i32).clamp(0, 180 * 4 - 1);
    let first_col = ((min_lon + 180.0) * CELLS_PER_DEGREE).floor() as i32;
    let last_col =
        (((max_lon + 180.0) * CELLS_PER_DEGREE).floor() as i32).min(first_col + CELL_COLUMNS - 1);
    let mut out = Vec::new();
    for r in row(min_lat)..=row(max_lat) {
        for c in first_col..=last_col {
            out.push(r * CELL_COLUMNS + c.rem_euclid(CELL_COLUMNS));
        }
    }
    out
}

/// The URL with its password masked, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        _ => url.to_string(),
    }
}

/// The statements a writer runs for every document, prepared once per connection. A document
/// with its places, actors, mentions, relations and times goes in one statement (arrays
/// unnested on the server), and a report with its event in one: every round trip to the server
/// costs more than the work it carries.
struct WriteStatements {
    present: Statement,
    document: Statement,
    candidates: Statement,
    event: Statement,
    new_event: Statement,
    merged_report: Statement,
    recount: Statement,
    first_report: Statement,
}

/// A store in a PostgreSQL database.
pub struct PgStore {
    client: Client,
    url: String,
    settings: Option<MergeSettings>,
    statements: Option<WriteStatements>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("url", &self.url).finish()
    }
}

/// A document taken from the queue by a worker.
#[derive(Clone, Debug)]
pub struct Claimed {
    /// The queue entry.
    pub id: i64,
    /// Where it was read from.
    pub origin: String,
    /// The document.
    pub document: Document,
    /// How many times it has been claimed, this time included.
    pub attempts: i32,
}

/// How the queue stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueueCounts {
    /// Waiting.
    pub pending: u64,
    /// Claimed by a worker whose lease has not run out.
    pub working: u64,
    /// Stored.
    pub done: u64,
    /// Given up on after too many attempts; `error` says why.
    pub failed: u64,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host/dbname`), creating the schema
    /// if it is empty and bringing it up to date.
    pub fn connect(url: &str) -> Result<PgStore> {
        PgStore::setup(url, true)
    }

    /// Connects for reading only: the session is read-only, and a schema older than this
    /// sitrep's is an error rather than migrated.
    pub fn connect_read_only(url: &str) -> Result<PgStore> {
        PgStore::setup(url, false)
    }

    fn setup(url: &str, writable: bool) -> Result<PgStore> {
        let shown = redact(url);
        let err = |e| Error::Postgres { url: shown.clone(), source: e };
        let client = Client::connect(url, NoTls).map_err(err)?;
        let mut store = PgStore { client, url: shown.clone(), settings: None, statements: None };
        store.migrate(writable)?;
        if !writable {
            store
                .client
                .batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                .map_err(err)?;
        }
        Ok(store)
    }

    fn err(&self) -> impl Fn(postgres::Error) -> Error + '_ {
        |e| Error::Postgres { url: self.url.clone(), source: e }
    }

    fn corrupt(&self, detail: String) -> Error {
        Error::Corrupt { path: self.url.clone(), detail }
    }

    fn migrate(&mut self, writable: bool) -> Result<()> {
        let url = self.url.clone();
        let err = |e| Error::Postgres { url: url.clone(), source: e };
        let known = MIGRATIONS.len() as i64;
        let mut tx = self.client.transaction().map_err(err)?;
        if writable {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK]).map_err(err)?;
        }
        let exists: bool = tx
            .query_one("SELECT to_regclass('sitrep_schema') IS NOT NULL", &[])
            .map_err(err)?
            .get(0);
        let version: i64 = if exists {
            tx.query_one("SELECT coalesce(max(version), 0)::bigint FROM sitrep_schema", &[])
                .map_err(err)?
                .get(0)
        } else {
            0
        };
        if version > known {
            return Err(Error::NewerSchema { path: url, found: version, known });
        }
        if version == known {
            return tx.commit().map_err(err);
        }
        if !writable {
            return Err(Error::Corrupt {
                path: url,
                detail: format!(
                    "schema version {version} is older than this sitrep's ({known}); connect \
                     for writing (e.g. `sitrep ingest`) to upgrade it"
                ),
            });
        }
        if !exists {
            tx.batch_execute("CREATE TABLE sitrep_schema (version BIGINT NOT NULL)")
                .map_err(err)?;
        }
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.batch_execute(sql).map_err(err)?;
            tx.execute("DELETE FROM sitrep_schema", &[]).map_err(err)?;
            tx.execute("INSERT INTO sitrep_schema VALUES ($1)", &[&(n as i64 + 1)]).map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    fn prepare_writes(&mut self) -> Result<()> {
        if self.statements.is_some() {
            return Ok(());
        }
        let url = self.url.clone();
        let err = |e| Error::Postgres { url: url.clone(), source: e };
        let c = &mut self.client;
        let mut prepare = |sql: &str| c.prepare(sql).map_err(err);
        self.statements = Some(WriteStatements {
            present: prepare("SELECT key FROM documents WHERE key = ANY($1)")?,
            // A document with its places, actors, mentions, relations and times in one
            // statement: the arrays are unnested on the server.
            document: prepare(
                "WITH d AS (
                   INSERT INTO documents (key, content_hash, ext_id, title, source, url,
                                          published, language, origin, text, ingested_at)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id),
                 p AS (
                   INSERT INTO places (id, name, kind, country, admin1, lat, lon, geonameid)
                   SELECT * FROM unnest($12::text[], $13::text[], $14::text[], $15::text[],
                                        $16::text[], $17::float8[], $18::float8[], $19::bigint[])
                   ON CONFLICT DO NOTHING),
                 a AS (
                   INSERT INTO actors (id, name, kind, country)
                   SELECT * FROM unnest($20::text[], $21::text[], $22::text[], $23::text[])
                   ON CONFLICT DO NOTHING),
                 m AS (
                   INSERT INTO mentions (kind, target, document, count, spans)
                   SELECT k, t, d.id, c, s
                   FROM d, unnest($24::text[], $25::text[], $26::int[], $27::text[]) AS m(k, t, c, s)
                   ON CONFLICT DO NOTHING),
                 r AS (
                   INSERT INTO relations (document, type, source, target, \"start\", \"end\", text)
                   SELECT d.id, x.a, x.b, x.c, x.e, x.f, x.g
                   FROM d, unnest($28::text[], $29::text[], $30::text[], $31::int[], $32::int[],
                                  $33::text[]) WITH ORDINALITY AS x(a, b, c, e, f, g, n)
                   ORDER BY x.n),
                 t AS (
                   INSERT INTO times (document, text, \"start\", \"end\", date_start, date_end,
                                      precision)
                   SELECT d.id, x.a, x.b, x.c, x.e, x.f, x.g
                   FROM d, unnest($34::text[], $35::int[], $36::int[], $37::text[], $38::text[],
                                  $39::text[]) WITH ORDINALITY AS x(a, b, c, e, f, g, n)
                   ORDER BY x.n)
                 SELECT id FROM d",
            )?,
            candidates: prepare(
                "SELECT e.id, e.lat, e.lon, e.actor1, e.actor2, e.status, e.place, e.date_start,
                        e.date_end, p.kind
                 FROM events e LEFT JOIN places p ON p.id = e.place
                 WHERE e.mergeable AND e.type = $1 AND e.cell = ANY($2)
                   AND e.day_start BETWEEN $3 AND $4 AND e.day_end >= $5
                   AND e.lat BETWEEN $6 AND $7 AND e.lon BETWEEN $8 AND $9
                   AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.event = e.id
                                   AND r.document = $10)",
            )?,
            event: prepare(
                "INSERT INTO events (type, actor1, actor2, place, lat, lon, date_start, date_end,
                                     status, reports, documents, sources, cell, day_start,
                                     day_end, mergeable)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, 1, 1, $10, $11, $12, $13)
                 RETURNING id",
            )?,
            // A new event and its first report at once: the report's id is drawn first, so
            // the event row can name it.
            new_event: prepare(
                "WITH n AS (SELECT nextval(pg_get_serial_sequence('reports', 'id')) AS report),
                 e AS (INSERT INTO events (type, actor1, actor2, place, lat, lon, date_start,
                                           date_end, status, reports, documents, sources, cell,
                                           day_start, day_end, mergeable, first_report,
                                           source_names)
                       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, 1, 1, 1, $10, $11, $12, $13,
                              n.report, $18 FROM n
                       RETURNING id, first_report),
                 r AS (INSERT INTO reports (id, document, seq, event, source, json)
                       SELECT e.first_report, $14, $15, e.id, $16, $17 FROM e)
                 SELECT id FROM e",
            )?,
            // A report joining an event, and the event's counts: it comes from a document the
            // event has no report from yet (the merge lookup sees to that), so documents go up
            // by one; sources when its outlet is new to the event.
            merged_report: prepare(
                "WITH r AS (INSERT INTO reports (document, seq, event, source, json)
                            VALUES ($1, $2, $3, $4, $5)),
                 seen AS (SELECT EXISTS (SELECT 1 FROM reports WHERE event = $3 AND source = $4)
                                 AS before)
                 UPDATE events SET reports = reports + 1, documents = documents + 1,
                        sources = sources + CASE WHEN seen.before THEN 0 ELSE 1 END,
                        source_names = CASE
                            WHEN seen.before OR $4 LIKE 'document:%' THEN source_names
                            WHEN source_names = '[]' THEN '[' || to_json($4::text)::text || ']'
                            ELSE left(source_names, -1) || ',' || to_json($4::text)::text || ']'
                        END
                 FROM seen WHERE id = $3",
            )?,
            recount: prepare(
                "UPDATE events SET reports = c.reports, documents = c.documents,
                        sources = c.sources, source_names = c.names
                 FROM (SELECT count(*)::int AS reports, count(DISTINCT document)::int AS documents,
                              count(DISTINCT source)::int AS sources,
                              (SELECT coalesce('[' || string_agg(to_json(source)::text, ','
                                                                 ORDER BY first) || ']', '[]')
                               FROM (SELECT source, min(id) AS first FROM reports
                                     WHERE event = $1 AND source NOT LIKE 'document:%'
                                     GROUP BY source) s) AS names
                       FROM reports WHERE event = $1) c
                 WHERE id = $1",
            )?,
            first_report: prepare(
                "UPDATE events SET first_report = $2, source_names = $3 WHERE id = $1",
            )?,
        });
        Ok(())
    }

    /// Adds documents to the work queue, skipping those already queued or stored. Returns how
    /// many were added.
    pub fn enqueue(&mut self, items: &[(String, String, Document)]) -> Result<usize> {
        let url = self.url.clone();
        let err = |e| Error::Postgres { url: url.clone(), source: e };
        let mut tx = self.client.transaction().map_err(err)?;
        let insert = tx
            .prepare(
                "INSERT INTO queue (key, origin, ext_id, synthetic_id, title, source, url,
                                    published, language, text)
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
                 WHERE NOT EXISTS (SELECT 1 FROM documents WHERE key = $1)
                 ON CONFLICT (key) DO NOTHING",
            )
            .map_err(err)?;
        let mut added = 0;
        for (key, origin, d) in items {
            added += tx
                .execute(
                    &insert,
                    &[
                        key,
                        origin,
                        &d.id,
                        &d.synthetic_id,
                        &d.title,
                        &d.source,
                        &d.url,
                        &d.published,
                        &d.language,
                        &d.text,
                    ],
                )
                .map_err(err)? as usize;
        }
        tx.commit().map_err(err)?;
        Ok(added)
    }

    /// Claims up to `n` documents for `worker` for `lease_secs` seconds: pending ones, and
    /// those whose worker's lease ran out. Entries claimed `max_attempts` times already are
    /// marked failed instead.
    pub fn claim(
        &mut self,
        worker: &str,
        n: usize,
        lease_secs: f64,
        max_attempts: i32,
    ) -> Result<Vec<Claimed>> {
        let url = self.url.clone();
        let err = |e| Error::Postgres { url: url.clone(), source: e };
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute(
            "UPDATE queue SET state = 'failed', updated_at = now(),
                    error = coalesce(error, 'abandoned: claimed ' || attempts ||
                                     ' times and never finished (the worker died or hung)')
             WHERE state = 'working' AND leased_until < now() AND attempts >= $1",
            &[&max_attempts],
        )
        .map_err(err)?;
        let rows = tx
            .query(
                "UPDATE queue q SET state = 'working', attempts = q.attempts + 1, worker = $1,
                        leased_until = now() + make_interval(secs => $2), updated_at = now()
                 FROM (SELECT id FROM queue
                       WHERE state = 'pending' OR (state = 'working' AND leased_until < now())
                       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) c
                 WHERE q.id = c.id
                 RETURNING q.id, q.origin, q.ext_id, q.synthetic_id, q.title, q.source, q.url,
                           q.published, q.language, q.text, q.attempts",
                &[&worker, &lease_secs, &(n as i64)],
            )
            .map_err(err)?;
        tx.commit().map_err(err)?;
        let mut out: Vec<Claimed> = rows
            .into_iter()
            .map(|r| Claimed {
                id: r.get(0),
                origin: r.get(1),
                document: Document {
                    id: r.get(2),
                    synthetic_id: r.get(3),
                    title: r.get(4),
                    source: r.get(5),
                    url: r.get(6),
                    published: r.get(7),
                    language: r.get(8),
                    text: r.get(9),
                },
                attempts: r.get(10),
            })
            .collect();
        out.sort_by_key(|c| c.id);
        Ok(out)
    }

    /// Marks claimed entries as stored.
    pub fn finish(&mut self, ids: &[i64]) -> Result<()> {
        self.client
            .execute(
                "UPDATE queue SET state = 'done', leased_until = NULL, error = NULL,
                        updated_at = now()
                 WHERE id = ANY($1)",
                &[&ids],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// Records why an entry failed: it goes back to the queue, or is given up on after
    /// `max_attempts`.
    pub fn fail(&mut self, id: i64, error: &str, max_attempts: i32) -> Result<()> {
        self.client
            .execute(
                "UPDATE queue SET error = $2, leased_until = NULL, updated_at = now(),
                        state = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END
                 WHERE id = $1",
                &[&id, &error, &max_attempts],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// How the queue stands.
    pub fn queue_counts(&mut self) -> Result<QueueCounts> {
        let rows = self
            .client
            .query("SELECT state, count(*) FROM queue GROUP BY state", &[])
            .map_err(self.err())?;
        let mut c = QueueCounts::default();
        for r in rows {
            let n = r.get::<_, i64>(1) as u64;
            match r.get::<_, &str>(0) {
                "pending" => c.pending = n,
                "working" => c.working = n,
                "done" => c.done = n,
                _ => c.failed = n,
            }
        }
        Ok(c)
    }

    /// The failed entries: origin, attempts and why.
    pub fn queue_failures(&mut self) -> Result<Vec<(String, i32, String)>> {
        let rows = self
            .client
            .query(
                "SELECT origin, attempts, coalesce(error, '') FROM queue
                 WHERE state = 'failed' ORDER BY id",
                &[],
            )
            .map_err(self.err())?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }

    /// The URL it was opened with, its password masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The underlying connection, for tests and benchmarks that build large databases quickly.
    #[doc(hidden)]
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The rows of events in one query, in the order of `ids` (missing ones left out): one
    /// round trip instead of one per event.
    fn event_rows(&mut self, ids: &[i64]) -> Result<Vec<(i64, EventRow)>> {
        let rows = self
            .client
            .query(
                "SELECT e.id, r.json, e.reports::bigint, e.documents::bigint, e.sources::bigint,
                        e.source_names
                 FROM events e LEFT JOIN reports r ON r.id = e.first_report
                 WHERE e.id = ANY($1)",
                &[&ids],
            )
            .map_err(self.err())?;
        let mut by_id = std::collections::HashMap::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get(0);
            let json: Option<String> = r.get(1);
            let Some(json) = json else {
                return Err(self.corrupt(format!("event {id} has no report")));
            };
            let row = EventRow {
                json,
                reports: r.get(2),
                documents: r.get(3),
                sources: r.get(4),
                names: r.get(5),
            };
            by_id.insert(id, row);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id).map(|row| (*id, row))).collect())
    }

    fn load_event(&mut self, id: i64) -> Result<Option<StoredEvent>> {
        match self.event_rows(&[id])?.pop() {
            Some((id, row)) => row.into_stored(id, &self.url).map(Some),
            None => Ok(None),
        }
    }

    /// The ids of the events a filter selects, in the order to list them.
    fn event_ids(&mut self, filter: &EventFilter) -> Result<Vec<i64>> {
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let param = |v: Box<dyn ToSql + Sync>, values: &mut Vec<Box<dyn ToSql + Sync>>| {
            values.push(v);
            format!("${}", values.len())
        };
        if !filter.actors.is_empty() {
            let p = param(Box::new(filter.actors.clone()), &mut values);
            clauses.push(format!("(e.actor1 = ANY({p}) OR e.actor2 = ANY({p}))"));
        }
        if !filter.types.is_empty() {
            let p = param(Box::new(filter.types.clone()), &mut values);
            clauses.push(format!("e.type = ANY({p})"));
        }
        if !filter.statuses.is_empty() {
            let p = param(Box::new(filter.statuses.clone()), &mut values);
            clauses.push(format!("e.status = ANY({p})"));
        }
        if let Some(since) = filter.since {
            let p = param(Box::new(since.to_string()), &mut values);
            clauses.push(format!("e.date_end >= {p}"));
        }
        if let Some(until) = filter.until {
            let p = param(Box::new(until.to_string()), &mut values);
            clauses.push(format!("e.date_start <= {p}"));
        }
        if let Some(source) = &filter.source {
            let p = param(Box::new(source.clone()), &mut values);
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM reports r WHERE r.event = e.id AND r.source = {p})"
            ));
        }
        if let Some(near) = filter.near {
            let (a, b, c, d) = merge::bounding_box(near.lat, near.lon, near.km);
            let p = param(Box::new(cells(a, b, c, d)), &mut values);
            clauses.push(format!("e.cell = ANY({p})"));
        }
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
        match filter.near {
            None => {
                let limit = filter.limit.map(|n| n as i64);
                let sql = format!(
                    "SELECT e.id FROM events e {condition}
                     ORDER BY e.date_start DESC NULLS LAST, e.id DESC LIMIT ${}",
                    params.len() + 1
                );
                let mut all = params;
                all.push(&limit);
                let rows = self.client.query(&sql, &all).map_err(self.err())?;
                Ok(rows.into_iter().map(|r| r.get(0)).collect())
            }
            Some(near) => {
                let sql =
                    format!("SELECT e.id, e.lat, e.lon, e.day_start FROM events e {condition}");
                let rows = self.client.query(&sql, &params).map_err(self.err())?;
                let hits = rows
                    .into_iter()
                    .filter(|r| haversine_km(near.lat, near.lon, r.get(1), r.get(2)) <= near.km)
                    .map(|r| {
                        let day: Option<i32> = r.get(3);
                        (day.map_or(NO_DAY, f64::from), r.get::<_, i64>(0))
                    })
                    .collect();
                Ok(newest(hits, filter.limit))
            }
        }
    }
}

/// The event a report joins, if any (see [`merge`]).
fn find_event(
    tx: &mut Transaction<'_>,
    st: &WriteStatements,
    document: i64,
    event: &Event,
    place_kind: Option<&str>,
    settings: &MergeSettings,
) -> std::result::Result<Option<i64>, postgres::Error> {
    let mergeable = settings.enabled && merge::precise_enough(event, place_kind);
    let (Some(place), Some(date), true) = (&event.place, event.date, mergeable) else {
        return Ok(None);
    };
    let (start, end) = (merge::day_number(date.start), merge::day_number(date.end));
    let (min_lat, max_lat, min_lon, max_lon) =
        merge::bounding_box(place.lat, place.lon, settings.radius_km);
    let slack = settings.days;
    let near = cells(min_lat, max_lat, min_lon, max_lon);
    let rows = tx.query(
        &st.candidates,
        &[
            &event.kind,
            &near,
            &((start - slack - merge::MAX_SPAN_DAYS) as i32),
            &((end + slack) as i32),
            &((start - slack) as i32),
            &min_lat,
            &max_lat,
            &min_lon,
            &max_lon,
            &document,
        ],
    )?;
    let candidates = rows.into_iter().map(|r| merge::Candidate {
        id: r.get(0),
        lat: r.get(1),
        lon: r.get(2),
        actor1: r.get(3),
        actor2: r.get(4),
        status: r.get(5),
        place: r.get::<_, Option<String>>(6).unwrap_or_default(),
        date_start: r.get::<_, Option<String>>(7).unwrap_or_default(),
        date_end: r.get::<_, Option<String>>(8).unwrap_or_default(),
        place_kind: r.get(9),
    });
    Ok(merge::best_candidate(event, place_kind, settings, candidates))
}

/// An event's columns as `events` holds them, in the order of the `event` and `new_event`
/// statements' first thirteen parameters.
struct EventColumns<'a> {
    event: &'a Event,
    place: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    date_start: Option<String>,
    date_end: Option<String>,
    cell: Option<i32>,
    day_start: i32,
    day_end: i32,
    mergeable: bool,
    status: &'static str,
}

impl<'a> EventColumns<'a> {
    fn new(event: &'a Event, place_kind: Option<&str>, settings: &MergeSettings) -> Self {
        let days = event.date.map(|d| (merge::day_number(d.start), merge::day_number(d.end)));
        let (day_start, day_end) = days.unwrap_or((NO_DAY as i64, NO_DAY as i64));
        EventColumns {
            event,
            place: event.place.as_ref().map(|p| p.id.as_str()),
            lat: event.place.as_ref().map(|p| p.lat),
            lon: event.place.as_ref().map(|p| p.lon),
            date_start: event.date.map(|d| d.start.to_string()),
            date_end: event.date.map(|d| d.end.to_string()),
            cell: event.place.as_ref().map(|p| cell(p.lat, p.lon)),
            day_start: day_start as i32,
            day_end: day_end as i32,
            mergeable: event.place.is_some()
                && settings.enabled
                && merge::precise_enough(event, place_kind),
            status: event.status.as_str(),
        }
    }

    fn params(&self) -> [&(dyn ToSql + Sync); 13] {
        let e = self.event;
        [
            &e.kind,
            &e.actor1,
            &e.actor2,
            &self.place,
            &self.lat,
            &self.lon,
            &self.date_start,
            &self.date_end,
            &self.status,
            &self.cell,
            &self.day_start,
            &self.day_end,
            &self.mergeable,
        ]
    }
}

fn store_document(
    tx: &mut Transaction<'_>,
    st: &WriteStatements,
    item: &Ingested,
    now: &str,
) -> std::result::Result<i64, postgres::Error> {
    let doc = &item.document;
    let a = &item.analysis;
    let published = a.published.as_ref().map(|p| p.date.to_string());
    let p = &a.places;
    let x = &a.actors;
    let mut kinds = Vec::new();
    let mut targets = Vec::new();
    let mut counts = Vec::new();
    let mut offsets = Vec::new();
    for p in p {
        kinds.push("place");
        targets.push(p.id.as_str());
        counts.push(p.mentions.len() as i32);
        offsets.push(spans_json(p.mentions.iter().map(|m| (m.start, m.end))));
    }
    for x in x {
        kinds.push("actor");
        targets.push(x.id.as_str());
        counts.push(x.mentions.len() as i32);
        offsets.push(spans_json(x.mentions.iter().map(|m| (m.start, m.end))));
    }
    let r = &a.relations;
    let times: Vec<_> = a.times.iter().filter_map(|t| t.mentions.first().map(|m| (t, m))).collect();
    let precision = |t: &sitrep::time::Time| {
        t.precision
            .and_then(|p| serde_json::to_value(p).ok().and_then(|v| v.as_str().map(str::to_string)))
    };
    let row = tx.query_one(
        &st.document,
        &[
            &item.key,
            &item.content_hash,
            &doc.id,
            &doc.title,
            &doc.source,
            &doc.url,
            &published,
            &doc.language,
            &item.origin,
            &doc.text,
            &now,
            &p.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            &p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            &p.iter().map(|p| p.kind.as_str()).collect::<Vec<_>>(),
            &p.iter().map(|p| p.country.as_str()).collect::<Vec<_>>(),
            &p.iter().map(|p| p.admin1.as_deref()).collect::<Vec<_>>(),
            &p.iter().map(|p| p.lat).collect::<Vec<_>>(),
            &p.iter().map(|p| p.lon).collect::<Vec<_>>(),
            &p.iter().map(|p| p.geonameid.map(i64::from)).collect::<Vec<_>>(),
            &x.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            &x.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            &x.iter().map(|x| x.kind.as_str()).collect::<Vec<_>>(),
            &x.iter().map(|x| x.country.as_deref()).collect::<Vec<_>>(),
            &kinds,
            &targets,
            &counts,
            &offsets,
            &r.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
            &r.iter().map(|r| r.from.as_str()).collect::<Vec<_>>(),
            &r.iter().map(|r| r.to.as_str()).collect::<Vec<_>>(),
            &r.iter().map(|r| r.evidence.start as i32).collect::<Vec<_>>(),
            &r.iter().map(|r| r.evidence.end as i32).collect::<Vec<_>>(),
            &r.iter().map(|r| r.evidence.text.as_str()).collect::<Vec<_>>(),
            &times.iter().map(|(t, _)| t.text.as_str()).collect::<Vec<_>>(),
            &times.iter().map(|(_, m)| m.start as i32).collect::<Vec<_>>(),
            &times.iter().map(|(_, m)| m.end as i32).collect::<Vec<_>>(),
            &times.iter().map(|(t, _)| t.start.map(|d| d.to_string())).collect::<Vec<_>>(),
            &times.iter().map(|(t, _)| t.end.map(|d| d.to_string())).collect::<Vec<_>>(),
            &times.iter().map(|(t, _)| precision(t)).collect::<Vec<_>>(),
        ],
    )?;
    Ok(row.get(0))
}

const DOCUMENT_COLUMNS: &str = "d.id, d.ext_id, d.title, d.source, d.url, d.published,
    d.language, d.origin, octet_length(d.text)::bigint,
    (SELECT count(*) FROM reports r WHERE r.document = d.id)";

fn document_row(r: &postgres::Row) -> DocumentRow {
    DocumentRow {
        id: r.get(0),
        ext_id: r.get(1),
        title: r.get(2),
        source: r.get(3),
        url: r.get(4),
        published: r.get(5),
        language: r.get(6),
        origin: r.get(7),
        bytes: r.get::<_, i64>(8) as u64,
        reports: r.get::<_, i64>(9) as u64,
    }
}

impl Store for PgStore {
    fn write_batch(&mut self, batch: &[Ingested]) -> Result<BatchOutcome> {
        let settings = self.merge_settings()?;
        self.prepare_writes()?;
        let now = jiff::Timestamp::now().to_string();
        let url = self.url.clone();
        let err = |e| Error::Postgres { url: url.clone(), source: e };
        let st = self.statements.as_ref().expect("prepared above");
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]).map_err(err)?;
        let mut out = BatchOutcome::default();
        let keys: Vec<&str> = batch.iter().map(|i| i.key.as_str()).collect();
        let mut seen: std::collections::HashSet<String> =
            tx.query(&st.present, &[&keys]).map_err(err)?.into_iter().map(|r| r.get(0)).collect();
        for item in batch {
            if !seen.insert(item.key.clone()) {
                out.present += 1;
                continue;
            }
            let id = store_document(&mut tx, st, item, &now).map_err(err)?;
            let source = item.document.source.clone().unwrap_or_else(|| format!("document:{id}"));
            for (seq, (event, json)) in item.analysis.events.iter().zip(&item.reports).enumerate() {
                let place = event.place.as_ref().map(|p| p.id.as_str());
                let kind = item.analysis.places.iter().find(|p| Some(p.id.as_str()) == place);
                let kind = kind.map(|p| p.kind.as_str());
                match find_event(&mut tx, st, id, event, kind, &settings).map_err(err)? {
                    Some(event_id) => {
                        tx.execute(
                            &st.merged_report,
                            &[&id, &(seq as i32), &event_id, &source, json],
                        )
                        .map_err(err)?;
                        out.merged += 1;
                    }
                    None => {
                        let columns = EventColumns::new(event, kind, &settings);
                        let names = first_report_names(&source);
                        let seq = seq as i32;
                        let mut params: Vec<&(dyn ToSql + Sync)> = columns.params().to_vec();
                        params.extend([&id as &(dyn ToSql + Sync), &seq, &source, json, &names]);
                        tx.query_one(&st.new_event, &params).map_err(err)?;
                        out.events += 1;
                    }
                }
                out.reports += 1;
            }
            out.new += 1;
        }
        tx.commit().map_err(err)?;
        Ok(out)
    }

    fn contains(&mut self, keys: &[&str]) -> Result<Vec<bool>> {
        let owned: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let rows = self
            .client
            .query("SELECT key FROM documents WHERE key = ANY($1)", &[&owned])
            .map_err(self.err())?;
        let present: std::collections::HashSet<String> =
            rows.into_iter().map(|r| r.get(0)).collect();
        Ok(keys.iter().map(|k| present.contains(*k)).collect())
    }

    fn merge_settings(&mut self) -> Result<MergeSettings> {
        if let Some(s) = self.settings {
            return Ok(s);
        }
        let rows = self
            .client
            .query("SELECT key, value FROM settings WHERE key LIKE 'merge.%'", &[])
            .map_err(self.err())?;
        let s = MergeSettings::from_rows(rows.into_iter().map(|r| (r.get(0), r.get(1)))).map_err(
            |(key, value)| Error::Corrupt {
                path: self.url.clone(),
                detail: format!("setting {key} = {value:?} is not valid"),
            },
        )?;
        self.settings = Some(s);
        Ok(s)
    }

    fn remerge(&mut self, settings: MergeSettings) -> Result<Counts> {
        self.prepare_writes()?;
        let url = self.url.clone();
        let err = |e| Error::Postgres { url: url.clone(), source: e };
        let st = self.statements.as_ref().expect("prepared above");
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]).map_err(err)?;
        tx.batch_execute("DELETE FROM events; UPDATE reports SET event = 0;").map_err(err)?;
        let kinds: std::collections::HashMap<String, String> = tx
            .query("SELECT id, kind FROM places", &[])
            .map_err(err)?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let order: Vec<i64> = tx
            .query(crate::sqlite::REMERGE_ORDER, &[])
            .map_err(err)?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        let read =
            tx.prepare("SELECT document, source, json FROM reports WHERE id = $1").map_err(err)?;
        for id in order {
            let r = tx.query_one(&read, &[&id]).map_err(err)?;
            let (document, source, json): (i64, String, String) = (r.get(0), r.get(1), r.get(2));
            let event: Event = serde_json::from_str(&json).map_err(|e| Error::Corrupt {
                path: url.clone(),
                detail: format!("report {id}: {e}"),
            })?;
            let kind = event.place.as_ref().and_then(|p| kinds.get(&p.id)).map(String::as_str);
            let found = find_event(&mut tx, st, document, &event, kind, &settings).map_err(err)?;
            let event_id = match found {
                Some(event_id) => event_id,
                None => {
                    let columns = EventColumns::new(&event, kind, &settings);
                    tx.query_one(&st.event, &columns.params()).map_err(err)?.get(0)
                }
            };
            tx.execute("UPDATE reports SET event = $1 WHERE id = $2", &[&event_id, &id])
                .map_err(err)?;
            if found.is_some() {
                tx.execute(&st.recount, &[&event_id]).map_err(err)?;
            } else {
                let names = first_report_names(&source);
                tx.execute(&st.first_report, &[&event_id, &id, &names]).map_err(err)?;
            }
        }
        for (key, value) in [
            ("merge.enabled", settings.enabled.to_string()),
            ("merge.radius_km", settings.radius_km.to_string()),
            ("merge.days", settings.days.to_string()),
        ] {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.settings = Some(settings);
        self.counts()
    }

    fn counts(&mut self) -> Result<Counts> {
        let r = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM places),
                        (SELECT count(*) FROM actors),
                        (SELECT coalesce(sum(count), 0)::bigint FROM mentions),
                        (SELECT count(*) FROM times), (SELECT count(*) FROM reports),
                        (SELECT count(*) FROM events)",
                &[],
            )
            .map_err(self.err())?;
        let n = |i: usize| r.get::<_, i64>(i) as u64;
        Ok(Counts {
            documents: n(0),
            places: n(1),
            actors: n(2),
            mentions: n(3),
            times: n(4),
            reports: n(5),
            events: n(6),
        })
    }

    fn event_months(&mut self) -> Result<Vec<MonthCount>> {
        let rows = self
            .client
            .query(
                "SELECT substr(date_start, 1, 7) AS month, count(*) FROM events
                 WHERE date_start IS NOT NULL AND lat IS NOT NULL GROUP BY month ORDER BY month",
                &[],
            )
            .map_err(self.err())?;
        Ok(rows
            .into_iter()
            .map(|r| MonthCount { month: r.get(0), events: r.get::<_, i64>(1) as u64 })
            .collect())
    }

    fn events(&mut self, filter: &EventFilter) -> Result<Vec<StoredEvent>> {
        let ids = self.event_ids(filter)?;
        let rows = self.event_rows(&ids)?;
        rows.into_iter().map(|(id, row)| row.into_stored(id, &self.url)).collect()
    }

    fn events_json(&mut self, filter: &EventFilter) -> Result<Vec<String>> {
        let ids = self.event_ids(filter)?;
        let rows = self.event_rows(&ids)?;
        rows.into_iter().map(|(id, row)| row.into_json(id, &self.url)).collect()
    }

    fn event(&mut self, id: i64) -> Result<Option<EventDetail>> {
        let Some(event) = self.load_event(id)? else { return Ok(None) };
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS}, r.json FROM reports r JOIN documents d ON d.id = r.document
             WHERE r.event = $1 ORDER BY r.id"
        );
        let rows = self.client.query(&sql, &[&id]).map_err(self.err())?;
        let mut report_list = Vec::with_capacity(rows.len());
        for r in rows {
            let document = document_row(&r);
            let json: String = r.get(10);
            let event: Event = serde_json::from_str(&json).map_err(|e| {
                self.corrupt(format!("report of event {id} in document {}: {e}", document.id))
            })?;
            report_list.push(Report { document, event });
        }
        Ok(Some(EventDetail { event, report_list }))
    }

    fn documents(&mut self, filter: &DocumentFilter) -> Result<Vec<DocumentRow>> {
        let source = filter.source.clone();
        let since = filter.since.map(|d| d.to_string());
        let until = filter.until.map(|d| d.to_string());
        let limit = filter.limit.map(|n| n as i64);
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d
             WHERE ($1::text IS NULL OR d.source = $1) AND ($2::text IS NULL OR d.published >= $2)
               AND ($3::text IS NULL OR d.published <= $3)
             ORDER BY d.published DESC NULLS LAST, d.id DESC LIMIT $4"
        );
        let rows =
            self.client.query(&sql, &[&source, &since, &until, &limit]).map_err(self.err())?;
        Ok(rows.iter().map(document_row).collect())
    }

    fn places(&mut self, limit: Option<usize>) -> Result<Vec<PlaceRow>> {
        let limit = limit.map(|n| n as i64);
        let rows = self
            .client
            .query(
                "SELECT p.id, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.geonameid,
                        count(*), sum(m.count)::bigint AS n
                 FROM mentions m JOIN places p ON p.id = m.target
                 WHERE m.kind = 'place' GROUP BY p.id ORDER BY n DESC, p.id LIMIT $1",
                &[&limit],
            )
            .map_err(self.err())?;
        Ok(rows
            .into_iter()
            .map(|r| PlaceRow {
                id: r.get(0),
                name: r.get(1),
                kind: r.get(2),
                country: r.get(3),
                admin1: r.get(4),
                lat: r.get(5),
                lon: r.get(6),
                geonameid: r.get::<_, Option<i64>>(7).map(|g| g as _),
                documents: r.get::<_, i64>(8) as u64,
                mentions: r.get::<_, i64>(9) as u64,
            })
            .collect())
    }

    fn place_kinds(&mut self) -> Result<std::collections::HashMap<String, String>> {
        let rows = self.client.query("SELECT id, kind FROM places", &[]).map_err(self.err())?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn actors(&mut self, limit: Option<usize>) -> Result<Vec<ActorRow>> {
        let limit = limit.map(|n| n as i64);
        let rows = self
            .client
            .query(
                "SELECT a.id, a.name, a.kind, a.country, count(*), sum(m.count)::bigint AS n
                 FROM mentions m JOIN actors a ON a.id = m.target
                 WHERE m.kind = 'actor' GROUP BY a.id ORDER BY n DESC, a.id LIMIT $1",
                &[&limit],
            )
            .map_err(self.err())?;
        Ok(rows
            .into_iter()
            .map(|r| ActorRow {
                id: r.get(0),
                name: r.get(1),
                kind: r.get(2),
                country: r.get(3),
                documents: r.get::<_, i64>(4) as u64,
                mentions: r.get::<_, i64>(5) as u64,
            })
            .collect())
    }

    fn stated_relations(&mut self, actor: Option<&str>) -> Result<Vec<StatedRelation>> {
        let rows = self
            .client
            .query(
                "SELECT r.type, r.source, r.target, r.document, d.published, r.text
                 FROM relations r JOIN documents d ON d.id = r.document
                 WHERE $1::text IS NULL OR r.source = $1 OR r.target = $1
                 ORDER BY r.id",
                &[&actor],
            )
            .map_err(self.err())?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let published: Option<String> = r.get(4);
                StatedRelation {
                    kind: r.get(0),
                    from: r.get(1),
                    to: r.get(2),
                    document: r.get(3),
                    published: published.and_then(|p| p.parse::<Date>().ok()),
                    text: r.get(5),
                }
            })
            .collect())
    }

    fn document_text(&mut self, id: i64) -> Result<Option<DocumentText>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.id = $1");
        let Some(row) = self.client.query_opt(&sql, &[&id]).map_err(self.err())? else {
            return Ok(None);
        };
        let document = document_row(&row);
        let text: String = row.get(10);
        let rows = self
            .client
            .query("SELECT kind, target, spans FROM mentions WHERE document = $1", &[&id])
            .map_err(self.err())?;
        let mut mentions = Vec::new();
        for r in rows {
            mentions.extend(mention_spans(id, r.get(0), r.get(1), r.get(2), &self.url)?);
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        Ok(Some(DocumentText { document, text, mentions }))
    }
}

/// Sets the location columns (cell, days, mergeable) of every event from its place, dates,
/// first report and place kind, and moves the id sequences past the copied ids: after a copy
/// into this database.
pub(crate) fn rebuild_locations(
    tx: &mut Transaction<'_>,
) -> std::result::Result<(), postgres::Error> {
    let rows = tx.query("SELECT key, value FROM settings WHERE key LIKE 'merge.%'", &[])?;
    let settings = MergeSettings::from_rows(rows.into_iter().map(|r| (r.get(0), r.get(1))))
        .unwrap_or_default();
    let rows = tx.query(
        "SELECT e.id, e.lat, e.lon, e.date_start, e.date_end, r.json, p.kind
         FROM events e LEFT JOIN reports r ON r.id = e.first_report
         LEFT JOIN places p ON p.id = e.place ORDER BY e.id",
        &[],
    )?;
    let update = tx.prepare(
        "UPDATE events SET cell = $2, day_start = $3, day_end = $4, mergeable = $5 WHERE id = $1",
    )?;
    for r in rows {
        let id: i64 = r.get(0);
        let (lat, lon): (Option<f64>, Option<f64>) = (r.get(1), r.get(2));
        let day = |d: Option<String>| {
            d.and_then(|d| d.parse::<Date>().ok()).map_or(NO_DAY as i64, merge::day_number) as i32
        };
        let (start, end) = (day(r.get(3)), day(r.get(4)));
        let json: Option<String> = r.get(5);
        let kind: Option<String> = r.get(6);
        let placed = lat.zip(lon);
        let mergeable = placed.is_some()
            && json.is_some_and(|j| crate::copy::mergeable(&j, kind.as_deref(), &settings));
        let cell = placed.map(|(lat, lon)| cell(lat, lon));
        tx.execute(&update, &[&id, &cell, &start, &end, &mergeable])?;
    }
    for table in ["documents", "events", "reports", "relations", "times"] {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                               (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            ),
            &[],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_covers_the_cells_of_every_point_in_it() {
        for &(lat, lon) in &[(35.33, 40.14), (0.0, 179.9), (-33.9, -0.1), (89.0, 10.0)] {
            let (a, b, c, d) = merge::bounding_box(lat, lon, 50.0);
            let covered = cells(a, b, c, d);
            for i in 0..=10 {
                for j in 0..=10 {
                    let plat = (a + (b - a) * i as f64 / 10.0).clamp(-90.0, 89.999);
                    let plon = c + (d - c) * j as f64 / 10.0;
                    let wrapped = (plon + 180.0).rem_euclid(360.0) - 180.0;
                    assert!(covered.contains(&cell(plat, wrapped)), "{lat},{lon}: {plat},{plon}");
                }
            }
        }
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redact("postgres://ana:secret@db.example/sitrep"),
            "postgres://ana:***@db.example/sitrep"
        );
        assert_eq!(redact("postgres://ana@localhost/sitrep"), "postgres://ana@localhost/sitrep");
    }
}
