//! The situation commands on real text: the race for Deir ez-Zor told by the 2016-2018
//! campaign articles and the example article, and control and relations on short reports.

mod common;

use common::{Server, campaign_database, json, sitrep};

#[test]
fn the_government_reaches_deir_ez_zor_first_the_sdf_after_the_fsa_never() {
    let dir = tempfile::tempdir().unwrap();
    let db = campaign_database(dir.path());
    let race = json(&sitrep(
        &db,
        &[
            "race",
            "--objective",
            "Deir ez-Zor",
            "--since",
            "2017-05-01",
            "--until",
            "2017-12-31",
            "--actors",
            "syria,sdf,fsa",
            "--format",
            "json",
        ],
    ));
    let line = |id: &str| {
        race["lines"].as_array().unwrap().iter().find(|l| l["actor"] == id).unwrap().clone()
    };
    let reached = |id: &str| line(id)["confirmed_within"]["date"].as_str().map(str::to_string);
    let government = reached("syria").expect("the government reaches the city");
    let sdf = reached("sdf").expect("the SDF reaches the city");
    assert!(government < sdf, "government {government}, SDF {sdf}");
    // The siege was broken on 5 September 2017; the SDF reached the east bank in September.
    assert!(government.as_str() >= "2017-08-01" && government.as_str() <= "2017-09-10");
    assert!(sdf.starts_with("2017-09"), "{sdf}");
    assert_eq!(reached("fsa"), None);
    // The government's advance comes closer over the summer: farther than 100 km in May and
    // June, within 10 km from September.
    let positions = line("syria")["positions"].as_array().unwrap().clone();
    let nearest = |from: &str, to: &str| {
        positions
            .iter()
            .filter(|p| p["date"].as_str().is_some_and(|d| d >= from && d <= to))
            .map(|p| p["km"].as_f64().unwrap())
            .fold(f64::INFINITY, f64::min)
    };
    assert!(nearest("2017-05-01", "2017-06-30") > 100.0);
    assert!(nearest("2017-09-01", "2017-09-30") <= 10.0);
    // The table says the same.
    let table = sitrep(
        &db,
        &[
            "race",
            "--objective",
            "Dayr az-Zawr",
            "--since",
            "2017-05-01",
            "--until",
            "2017-12-31",
            "--actors",
            "syria,sdf,fsa",
        ],
    );
    let text = String::from_utf8_lossy(&table.stdout);
    let rows: Vec<&str> = text.lines().skip(2).take(3).collect();
    assert!(rows[0].starts_with("Syria ") && rows[0].contains(&government), "{text}");
    assert!(rows[1].starts_with("Syrian Democratic Forces") && rows[1].contains(&sdf), "{text}");
    assert!(rows[2].starts_with("Free Syrian Army") && rows[2].contains("never"), "{text}");
}

#[test]
fn control_changes_hands_and_relations_add_up() {
    // Written for this test.
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports.jsonl");
    std::fs::write(
        &reports,
        r#"{"id": "r1", "source": "A", "published": "2017-10-15", "text": "On 14 October 2017, the Syrian Army captured Mayadin from the Islamic State after days of fighting."}
{"id": "r2", "source": "B", "published": "2017-10-21", "text": "On 20 October 2017, the Syrian Army captured the village of Dhiban after crossing the Euphrates."}
{"id": "r3", "source": "C", "published": "2017-10-23", "text": "On 22 October 2017, Islamic State fighters recaptured Dhiban from the Syrian Army."}
{"id": "r4", "source": "D", "published": "2017-10-24", "text": "The Syrian Army, with the support of Russian warplanes, attacked Islamic State fighters near Mayadin on Monday. Islamic State fighters attacked the Syrian Army near Mayadin on Tuesday."}
"#,
    )
    .unwrap();
    let db = dir.path().join("control.db");
    assert!(sitrep(&db, &["ingest", reports.to_str().unwrap()]).status.success());

    let holder = |day: &str, place: &str| -> Option<String> {
        let held = json(&sitrep(&db, &["control", "--at", day, "--format", "json"]));
        held.as_array()
            .unwrap()
            .iter()
            .find(|c| c["place"].as_str().is_some_and(|p| p.contains(place)))
            .map(|c| c["holder"].as_str().unwrap_or("unknown").to_string())
    };
    assert_eq!(holder("2017-10-01", "Mayād"), None, "nothing reported yet");
    assert_eq!(holder("2017-10-16", "Mayād").as_deref(), Some("syria-armed-forces"));
    assert_eq!(holder("2017-10-21", "Dhīb").as_deref(), Some("syria-armed-forces"));
    assert_eq!(holder("2017-10-23", "Dhīb").as_deref(), Some("islamic-state"));

    let pairs = json(&sitrep(&db, &["relations", "--actor", "Syrian Army", "--format", "json"]));
    let pair =
        |x: &str| pairs.as_array().unwrap().iter().find(|p| p["a"] == x || p["b"] == x).cloned();
    let is = pair("islamic-state").expect("the army and IS");
    assert!(is["total"]["hostile"].as_u64().unwrap() >= 2, "{is}");
    assert_eq!(is["total"]["allied"], 0);
    // "with the support of Russian warplanes": the Russian air force backs the army.
    let air = pair("russian-aerospace-forces").expect("the army and the Russian air force");
    let backing =
        air["total"]["backs"].as_u64().unwrap() + air["total"]["backed_by"].as_u64().unwrap();
    assert_eq!(backing, 1, "{air}");
    assert_eq!(air["total"]["hostile"], 0);
    let table = sitrep(&db, &["relations", "--actor", "syria-armed-forces"]);
    let text = String::from_utf8_lossy(&table.stdout);
    let row = text.lines().find(|l| l.contains("russian-aerospace-forces")).expect("a row");
    assert!(row.contains("allied"), "{text}");
    let row = text.lines().find(|l| l.contains("islamic-state")).expect("a row");
    assert!(row.contains("hostile"), "{text}");
}

#[test]
fn the_api_answers_what_the_cli_answers_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let db = campaign_database(dir.path());
    let race = [
        "race",
        "--objective",
        "Deir ez-Zor",
        "--since",
        "2017-05-01",
        "--until",
        "2017-12-31",
        "--actors",
        "syria,sdf,fsa",
        "--format",
        "json",
    ];
    let cli = json(&sitrep(&db, &race));

    let server = Server::start(&db);
    let (status, body) = server.get(
        "/api/race?objective=Deir%20ez-Zor&since=2017-05-01&until=2017-12-31&actors=syria,sdf,fsa",
    );
    assert!(status.contains("200"), "{status}: {body}");
    let api: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(api, cli);
    let (status, body) = server.get("/api/events?near=Deir%20ez-Zor&radius=oops");
    assert!(status.contains("400"), "{status}: {body}");

    // SIGTERM: the server finishes and says so.
    let (exit, rest) = server.stop();
    assert!(exit.success(), "{exit:?}");
    assert!(rest.contains("sitrep: stopped"), "{rest}");
}
