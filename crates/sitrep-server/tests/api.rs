//! The API on a real database (the example article and short reports written for the test):
//! every endpoint's answer checked against the OpenAPI document it serves, bad parameters
//! answered with 400s and a JSON error, never a 500.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use sitrep::{Extractor, Gazetteer};
use sitrep_store::{IngestConfig, Quiet, SqliteStore};
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    app: axum::Router,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports.jsonl");
    std::fs::write(
        &reports,
        r#"{"id": "a1", "source": "Deir Ezzor 24", "published": "2017-05-18", "text": "Islamic State fighters attacked Syrian army positions near Deir ez-Zor airport on Wednesday, the army said."}
{"id": "b1", "source": "Enab Baladi", "published": "2017-05-18", "text": "IS militants launched an attack on regime forces at Deir al-Zour military airport on Wednesday, local activists reported."}
{"id": "c1", "source": "SANA", "published": "2017-10-15", "text": "On 14 October 2017, the Syrian Army, with the support of Russian warplanes, captured Mayadin from the Islamic State."}
"#,
    )
    .unwrap();
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/race-to-deir-al-zour-2017-05-19.txt");
    let db = dir.path().join("api.db");
    let extractor = Extractor::new(Gazetteer::embedded());
    let mut store = SqliteStore::open(&db).unwrap();
    let summary = sitrep_store::ingest(
        &mut store,
        &extractor,
        &[reports, example],
        IngestConfig::default(),
        &Quiet,
    )
    .unwrap();
    assert_eq!(summary.stored.new, 4);
    drop(store);
    let state = sitrep_server::AppState::open(db.to_str().unwrap(), 2, extractor).unwrap();
    Fixture { _dir: dir, app: sitrep_server::router(Arc::new(state)) }
});

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn get(uri: &str) -> (StatusCode, Value) {
    runtime().block_on(async {
        let response = FIXTURE
            .app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 26).await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&bytes))
        });
        (status, body)
    })
}

/// The schema the OpenAPI document gives for a path's answer with a status, as a standalone
/// JSON Schema (its component references pointed at `$defs`).
fn schema(path: &str, status: &str) -> Value {
    let doc: Value = serde_json::from_str(sitrep_server::OPENAPI).unwrap();
    let response = &doc["paths"][path]["get"]["responses"][status]["content"]["application/json"];
    let mut root = response["schema"].clone();
    assert!(!root.is_null(), "the OpenAPI document describes no {status} answer of {path}");
    let defs = serde_json::to_string(&doc["components"]["schemas"]).unwrap();
    let defs = defs.replace("#/components/schemas/", "#/$defs/");
    root["$defs"] = serde_json::from_str(&defs).unwrap();
    let text = serde_json::to_string(&root).unwrap().replace("#/components/schemas/", "#/$defs/");
    serde_json::from_str(&text).unwrap()
}

fn check(path: &str, uri: &str) -> Value {
    let (status, body) = get(uri);
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    let validator = jsonschema::validator_for(&schema(path, "200")).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&body).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{uri} does not answer as documented: {errors:#?}");
    body
}

#[test]
fn every_endpoint_answers_as_documented() {
    let events = check("/api/events", "/api/events?limit=1000");
    let list = events["events"].as_array().unwrap();
    assert!(list.len() >= 20, "{}", list.len());
    let attack = list.iter().find(|e| e["sources"].as_u64() >= Some(2)).expect("a merged event");
    let id = attack["id"].as_i64().unwrap();
    let detail = check("/api/events/{id}", &format!("/api/events/{id}"));
    assert!(detail["report_list"].as_array().unwrap().len() >= 2);

    let near = check("/api/events", "/api/events?near=Dayr%20az-Zawr&radius=50&type=ASSAULT");
    assert!(near["events"].as_array().unwrap().iter().all(|e| e["type"] == "ASSAULT"));
    let geo = check("/api/events", "/api/events?format=geojson&actor=Islamic%20State");
    assert!(!geo["features"].as_array().unwrap().is_empty());

    let docs = check("/api/documents", "/api/documents");
    let doc_id = docs["documents"][0]["id"].as_i64().unwrap();
    let doc = check("/api/documents/{id}", &format!("/api/documents/{doc_id}"));
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for m in doc["mentions"].as_array().unwrap() {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert!(s < e && e <= text.len(), "{m}");
    }
    check("/api/actors", "/api/actors?limit=5");
    // The month histogram counts exactly the located, dated events.
    let summary = check("/api/summary", "/api/summary");
    let months = summary["months"].as_array().unwrap();
    assert!(months.windows(2).all(|w| w[0]["month"].as_str() < w[1]["month"].as_str()));
    let per_month: u64 = months.iter().map(|m| m["events"].as_u64().unwrap()).sum();
    let all = get("/api/events?limit=10000").1;
    let located = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["place"].is_object() && e["date"].is_object())
        .count();
    assert!(per_month > 0);
    assert_eq!(per_month, located as u64);
    assert_eq!(summary["counts"]["events"].as_u64(), Some(all["count"].as_u64().unwrap()));
    check("/api/places", "/api/places");
    let pairs = check("/api/relations", "/api/relations?actor=syria-armed-forces");
    assert!(pairs["pairs"].as_array().unwrap().iter().any(|p| p["stance"] == "hostile"));
    let held = check("/api/control", "/api/control?at=2017-11-01");
    assert!(held["places"].as_array().unwrap().iter().any(|c| c["holder"] == "syria-armed-forces"));
    let race = check(
        "/api/race",
        "/api/race?objective=Deir%20ez-Zor&since=2017-05-01&until=2017-12-31&actors=syria,sdf",
    );
    assert_eq!(race["lines"].as_array().unwrap().len(), 2);
    // The document is strict enough to catch a wrong answer.
    let validator = jsonschema::validator_for(&schema("/api/events", "200")).unwrap();
    let mut wrong = events.clone();
    wrong["events"][0]["status"] = "rumoured".into();
    assert!(!validator.is_valid(&wrong));
    wrong = events.clone();
    wrong["events"][0].as_object_mut().unwrap().remove("evidence");
    assert!(!validator.is_valid(&wrong));
    let (status, doc) = get("/api/openapi.json");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
}

#[test]
fn bad_parameters_get_400s_with_a_reason() {
    for (uri, words) in [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=99999999", "limit"),
        ("/api/events?since=yesterday", "since"),
        ("/api/events?near=Atlantis%20Prime", "near"),
        ("/api/events?near=95,40", "near"),
        ("/api/events?near=Raqqa&radius=-4", "radius"),
        ("/api/events?near=Raqqa&radius=NaN", "radius"),
        ("/api/events?actor=Nobody%20At%20All%20Brigade%2077", "actor"),
        ("/api/events?format=xml", "format"),
        ("/api/events?colour=red", "unknown parameter"),
        ("/api/events/seven", "event id"),
        ("/api/documents/1.5", "document id"),
        ("/api/control", "at"),
        ("/api/race", "objective"),
        ("/api/race?objective=Raqqa&radius=far", "radius"),
    ] {
        let (status, body) = get(uri);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        let message = body["error"].as_str().unwrap_or_default();
        assert!(message.contains(words), "{uri}: {message}");
        let validator = jsonschema::validator_for(&schema("/api/events", "400")).unwrap();
        assert!(validator.is_valid(&body));
    }
    let (status, body) = get("/api/events/999999");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "no event 999999");
    let (status, _) = get("/api/nothing/here");
    assert_eq!(status, StatusCode::NOT_FOUND);
}
