//! The routes, their parameters and their errors.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use sitrep::Extractor;
use sitrep_store::{DocumentFilter, EventFilter, Near, Store};

use crate::answers::{self, AnswerError, RaceParams};
use crate::resolve::{self, BadQuery};

/// Most results one request returns.
pub const MAX_LIMIT: usize = 10_000;
/// Results a request returns when it does not say.
pub const DEFAULT_LIMIT: usize = 100;

/// What the handlers share: read-only connections and the extractor (for names).
pub struct AppState {
    stores: Vec<Mutex<Box<dyn Store + Send>>>,
    next: AtomicUsize,
    extractor: Extractor,
}

impl AppState {
    /// Opens `connections` read-only connections to the database `db` (an SQLite file or a
    /// PostgreSQL URL).
    pub fn open(
        db: &str,
        connections: usize,
        extractor: Extractor,
    ) -> Result<AppState, sitrep_store::Error> {
        let stores = (0..connections.max(1))
            .map(|_| sitrep_store::open_read_only(db).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(AppState { stores, next: AtomicUsize::new(0), extractor })
    }
}

/// An error as the API sends it: a status and `{"error": message}`.
#[derive(Debug)]
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<BadQuery> for ApiError {
    fn from(e: BadQuery) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, e.0)
    }
}

impl From<sitrep_store::Error> for ApiError {
    fn from(e: sitrep_store::Error) -> ApiError {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<AnswerError> for ApiError {
    fn from(e: AnswerError) -> ApiError {
        match e {
            AnswerError::Bad(b) => b.into(),
            AnswerError::Store(s) => s.into(),
        }
    }
}

type ApiResult = Result<Response, ApiError>;

/// `{"at": day, "places": [...]}`.
#[derive(serde::Serialize)]
struct ControlAnswer {
    at: jiff::civil::Date,
    places: Vec<sitrep_situation::control::ControlInterval>,
}

/// `{key: value}`.
fn one<T: serde::Serialize>(
    key: &'static str,
    value: T,
) -> std::collections::BTreeMap<&'static str, T> {
    std::collections::BTreeMap::from([(key, value)])
}

/// A value as a JSON answer, serialized straight to bytes (no intermediate `Value` tree: the
/// answers are large and the allocations would dominate).
fn answer<T: serde::Serialize + ?Sized>(value: &T) -> ApiResult {
    let body = serde_json::to_vec(value)
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Runs a query on one of the connections, off the async threads.
async fn run<F>(state: Arc<AppState>, f: F) -> ApiResult
where
    F: FnOnce(&AppState, &mut dyn Store) -> ApiResult + Send + 'static,
{
    tokio::task::spawn_blocking(move || {
        let i = state.next.fetch_add(1, Ordering::Relaxed) % state.stores.len();
        let mut store = state.stores[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&state, store.as_mut())
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("query failed: {e}")))?
}

/// Query parameters: known names only, each read and checked.
struct Params(HashMap<String, String>);

impl Params {
    fn new(q: HashMap<String, String>, known: &[&str]) -> Result<Params, BadQuery> {
        if let Some(unknown) = q.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(BadQuery(format!(
                "unknown parameter {unknown:?}; this endpoint takes {}",
                known.join(", ")
            )));
        }
        Ok(Params(q))
    }

    fn str(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str).filter(|s| !s.is_empty())
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.str(name)
            .map(|s| {
                s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
            })
            .unwrap_or_default()
    }

    fn date(&self, name: &str) -> Result<Option<jiff::civil::Date>, BadQuery> {
        resolve::date(name, self.str(name))
    }

    fn number(&self, name: &str, default: f64) -> Result<f64, BadQuery> {
        match self.str(name) {
            None => Ok(default),
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| BadQuery(format!("{name} {s:?}: expected a number"))),
        }
    }

    fn limit(&self) -> Result<usize, BadQuery> {
        match self.str("limit") {
            None => Ok(DEFAULT_LIMIT),
            Some(s) => {
                s.parse::<usize>().ok().filter(|&n| (1..=MAX_LIMIT).contains(&n)).ok_or_else(|| {
                    BadQuery(format!("limit {s:?}: expected a whole number from 1 to {MAX_LIMIT}"))
                })
            }
        }
    }

    /// `near` (a place name or "LAT,LON") with `radius` (km, default 25).
    fn near(&self, extractor: &Extractor) -> Result<Option<Near>, BadQuery> {
        let Some(q) = self.str("near") else { return Ok(None) };
        let km = resolve::radius("radius", self.number("radius", 25.0)?)?;
        let (lat, lon) = match resolve::coordinates("near", q)? {
            Some(p) => p,
            None => resolve::place(extractor.gazetteer(), "near", q)?,
        };
        Ok(Some(Near { lat, lon, km }))
    }
}

fn id(name: &str, s: &str) -> Result<i64, BadQuery> {
    s.parse().map_err(|_| BadQuery(format!("{name} {s:?}: expected a whole number")))
}

fn not_found(what: String) -> ApiError {
    ApiError(StatusCode::NOT_FOUND, what)
}

async fn events(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    const KNOWN: &[&str] = &[
        "actor", "type", "status", "near", "radius", "since", "until", "source", "limit", "format",
    ];
    let p = Params::new(q, KNOWN)?;
    run(s, move |state, store| {
        let x = &state.extractor;
        let mut actors = Vec::new();
        for a in p.list("actor") {
            actors.extend(resolve::actor_ids(x, "actor", &a)?);
        }
        let filter = EventFilter {
            actors,
            types: p.list("type").iter().map(|t| t.to_ascii_uppercase()).collect(),
            statuses: p.list("status").iter().map(|t| t.to_ascii_lowercase()).collect(),
            near: p.near(x)?,
            since: p.date("since")?,
            until: p.date("until")?,
            source: p.str("source").map(String::from),
            limit: Some(p.limit()?),
        };
        match p.str("format") {
            None | Some("json") => {
                // The stored events spliced into the answer as they are.
                let found = store.events_json(&filter)?;
                let mut body = format!("{{\"count\":{},\"events\":[", found.len()).into_bytes();
                for (i, e) in found.iter().enumerate() {
                    if i > 0 {
                        body.push(b',');
                    }
                    body.extend_from_slice(e.as_bytes());
                }
                body.extend_from_slice(b"]}");
                Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
            }
            Some("geojson") => answer(&answers::geojson(x, &store.events(&filter)?)?),
            Some(f) => Err(BadQuery(format!("format {f:?}: expected json or geojson")).into()),
        }
    })
    .await
}

async fn event(State(s): State<Arc<AppState>>, UrlPath(raw): UrlPath<String>) -> ApiResult {
    let n = id("event id", &raw)?;
    run(s, move |_, store| match store.event(n)? {
        Some(detail) => answer(&detail),
        None => Err(not_found(format!("no event {n}"))),
    })
    .await
}

async fn documents(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let p = Params::new(q, &["source", "since", "until", "limit"])?;
    run(s, move |_, store| {
        let filter = DocumentFilter {
            source: p.str("source").map(String::from),
            since: p.date("since")?,
            until: p.date("until")?,
            limit: Some(p.limit()?),
        };
        answer(&one("documents", store.documents(&filter)?))
    })
    .await
}

async fn document(State(s): State<Arc<AppState>>, UrlPath(raw): UrlPath<String>) -> ApiResult {
    let n = id("document id", &raw)?;
    run(s, move |_, store| match store.document_text(n)? {
        Some(doc) => answer(&doc),
        None => Err(not_found(format!("no document {n}"))),
    })
    .await
}

async fn actors(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let p = Params::new(q, &["limit"])?;
    run(s, move |_, store| answer(&one("actors", store.actors(Some(p.limit()?))?))).await
}

async fn places(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let p = Params::new(q, &["limit"])?;
    run(s, move |_, store| answer(&one("places", store.places(Some(p.limit()?))?))).await
}

async fn relations(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let p = Params::new(q, &["actor", "since", "until", "limit"])?;
    run(s, move |state, store| {
        let actor = match p.str("actor") {
            Some(a) => {
                let r = resolve::actor_record(&state.extractor, "actor", a)?;
                Some(state.extractor.actors().record(r).id.clone())
            }
            None => None,
        };
        let pairs = answers::relations(
            store,
            actor.as_deref(),
            p.date("since")?,
            p.date("until")?,
            Some(p.limit()?),
        )?;
        answer(&one("pairs", pairs))
    })
    .await
}

async fn control(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let p = Params::new(q, &["at", "near", "radius"])?;
    run(s, move |state, store| {
        let at = p.date("at")?.ok_or_else(|| BadQuery("at: required (YYYY-MM-DD)".into()))?;
        let held = answers::control(store, at, p.near(&state.extractor)?)?;
        answer(&ControlAnswer { at, places: held })
    })
    .await
}

async fn race(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let p = Params::new(q, &["objective", "actors", "since", "until", "radius", "region"])?;
    run(s, move |state, store| {
        let objective = p
            .str("objective")
            .ok_or_else(|| BadQuery("objective: required (a place name or LAT,LON)".into()))?;
        let params = RaceParams {
            objective: objective.to_string(),
            actors: p.list("actors"),
            since: p.date("since")?,
            until: p.date("until")?,
            radius_km: p.number("radius", 10.0)?,
            region_km: p.number("region", 400.0)?,
        };
        answer(&answers::race(store, &state.extractor, &params)?)
    })
    .await
}

/// `{"counts": {...}, "months": [{"month", "events"}]}`: what the database holds and when.
#[derive(serde::Serialize)]
struct SummaryAnswer {
    counts: sitrep_store::Counts,
    months: Vec<sitrep_store::MonthCount>,
}

async fn summary(
    State(s): State<Arc<AppState>>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    Params::new(q, &[])?;
    run(s, move |_, store| {
        answer(&SummaryAnswer { counts: store.counts()?, months: store.event_months()? })
    })
    .await
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

async fn fallback() -> ApiError {
    not_found("no such endpoint; see /api/openapi.json".into())
}

/// The API's routes over a state.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/actors", get(actors))
        .route("/api/places", get(places))
        .route("/api/relations", get(relations))
        .route("/api/control", get(control))
        .route("/api/race", get(race))
        .route("/api/summary", get(summary))
        .route("/api/openapi.json", get(openapi))
        .route("/", get(crate::web::index))
        .route("/assets/{*path}", get(crate::web::file))
        .fallback(fallback)
        // Every endpoint reads; none takes a body.
        .layer(DefaultBodyLimit::max(1024))
        .with_state(state)
}

/// Serves the API on `addr` until `shutdown` completes, then finishes the requests under way.
/// `bound` hears the address actually bound (the port, when `addr` asks for port 0).
pub async fn serve(
    state: Arc<AppState>,
    addr: SocketAddr,
    bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    bound(listener.local_addr()?);
    // Answers go out at once: with Nagle's algorithm a keep-alive client waits for the delayed
    // ACK, 40 ms a request.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}
