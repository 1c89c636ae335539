//! The situation commands on real text: the race for Deir ez-Zor told by the 2016-2018
//! campaign articles and the example article, and control and relations on short reports.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn shared(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel)
        .display()
        .to_string()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn the_government_reaches_deir_ez_zor_first_the_sdf_after_the_fsa_never() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("race.db");
    let ingest = sitrep(&db, &["ingest", &shared("data/wikipedia"), &shared("examples")]);
    assert!(ingest.status.success(), "{}", String::from_utf8_lossy(&ingest.stderr));
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

/// GET over a plain TCP connection: the status line and the body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("the server accepts");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    (head.lines().next().unwrap_or_default().to_string(), body.to_string())
}

#[test]
fn the_api_answers_what_the_cli_answers_and_stops_gracefully() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    assert!(
        sitrep(&db, &["ingest", &shared("data/wikipedia"), &shared("examples")]).status.success()
    );
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

    let mut server = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(server.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let (status, body) = http_get(
        &addr,
        "/api/race?objective=Deir%20ez-Zor&since=2017-05-01&until=2017-12-31&actors=syria,sdf,fsa",
    );
    assert!(status.contains("200"), "{status}: {body}");
    let api: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(api, cli);
    let (status, body) = http_get(&addr, "/api/events?near=Deir%20ez-Zor&radius=oops");
    assert!(status.contains("400"), "{status}: {body}");

    // SIGTERM: the server finishes and says so.
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let exit = server.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(rest.contains("sitrep: stopped"), "{rest}");
}
