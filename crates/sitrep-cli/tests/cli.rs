//! The `sitrep` binary end to end: outputs, bad input, the user gazetteer.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("the binary runs")
}

fn repo(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel).display().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn sample_article_as_json() {
    let o = sitrep(&["extract", &repo("examples/sample-article.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> =
        v["places"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Deir ez-Zor"), "{names:?}");
    assert_eq!(v["doc"]["id"], "sample-article");
}

#[test]
fn jsonl_keeps_order_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Shelling hit Raqqa.\", \"published\": \"2017-06-01\"}\n\
         {\"id\": 7, \"text\": \"قصف على مدينة الميادين\"}\n",
    )
    .unwrap();
    let o = sitrep(&["extract", "--format", "jsonl", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["doc"]["id"], "a");
    assert_eq!(lines[0]["doc"]["published"], "2017-06-01");
    assert_eq!(lines[0]["places"][0]["geonameid"], 172955);
    assert_eq!(lines[1]["doc"]["id"], "7");
    assert_eq!(lines[1]["doc"]["language"], "ar");
    assert_eq!(lines[1]["places"][0]["geonameid"], 173480);
}

#[test]
fn standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        b"Fighting near Mosul and Tal Afar.",
    )
    .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert_eq!(json_lines(&o)[0]["places"].as_array().unwrap().len(), 2);
}

/// Bad inputs are reported by name (and line), never with a panic, and the good input of the
/// same run is still processed. See: #2
#[test]
fn bad_inputs_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    std::fs::write(p("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00\x00").unwrap();
    std::fs::write(p("latin1.txt"), b"Shelling in Homs \xe9t\xe9 reported.\n").unwrap();
    std::fs::write(p("empty.txt"), b"").unwrap();
    std::fs::write(p("broken.jsonl"), "{\"text\": \"Raqqa\"}\n{\"text\": \"Idlib\"\n{\"id\": 3}\n")
        .unwrap();
    std::fs::write(p("broken.html"), "<html><body><p>Clashes in <b>Daraa<p>no closing tags <div")
        .unwrap();
    let good = repo("examples/sample-article.txt");
    let names =
        ["binary.txt", "latin1.txt", "empty.txt", "broken.jsonl", "broken.html", "missing.txt"];
    let mut args = vec!["extract".to_owned(), "--format".into(), "jsonl".into()];
    args.extend(names.iter().map(|n| p(n).display().to_string()));
    args.push(good);
    let o = sitrep(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let shown = |n: &str| p(n).display().to_string();
    assert!(err.contains(&format!("{}: binary data", shown("binary.txt"))), "{err}");
    assert!(err.contains(&format!("{}:1: invalid UTF-8", shown("latin1.txt"))), "{err}");
    assert!(err.contains(&format!("{}: empty input", shown("empty.txt"))), "{err}");
    assert!(err.contains(&format!("{}:2: invalid JSON", shown("broken.jsonl"))), "{err}");
    assert!(err.contains(&format!("{}:3: missing field `text`", shown("broken.jsonl"))), "{err}");
    assert!(err.contains(&shown("missing.txt")), "{err}");
    let ids: Vec<String> =
        json_lines(&o).iter().map(|l| l["doc"]["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["latin1", "broken:1", "broken", "sample-article"]);
    let lines = json_lines(&o);
    assert_eq!(lines[2]["places"][0]["geonameid"], 170905);
}

/// A 100 MB file is refused with a message naming it, and the run goes on. See: #2
#[test]
fn oversized_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let line = "Government forces shelled positions near Deir ez-Zor on Tuesday. ".repeat(16);
    let mut text = String::with_capacity(100 * 1024 * 1024 + line.len());
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(&big, &text).unwrap();
    let o = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        big.to_str().unwrap(),
        &repo("examples/sample-article.txt"),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{}: document is", big.display())) && err.contains("over the limit"),
        "{err}"
    );
    assert_eq!(json_lines(&o).len(), 1);
}

/// `gazetteer import` reads a GeoNames dump into a user gazetteer that `--gazetteer` adds to the
/// embedded one.
#[test]
fn user_gazetteer_extends_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("XX.txt");
    // A made-up village (the id is outside GeoNames' range) and a malformed second dump.
    std::fs::write(
        &dump,
        "99000001\tQaryat Sitrepiyah\tQaryat Sitrepiyah\tSitrepiyah,قرية سيتريبية\t35.10000\t40.20000\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t200\tAsia/Damascus\t2024-01-01\n",
    )
    .unwrap();
    let gaz = dir.path().join("user.gaz");
    let o = sitrep(&[
        "gazetteer",
        "import",
        dump.to_str().unwrap(),
        "--gazetteer",
        gaz.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Shelling hit Qaryat Sitrepiyah, east of Deir ez-Zor.").unwrap();
    let without = sitrep(&["extract", "--format", "jsonl", article.to_str().unwrap()]);
    let with = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        "--gazetteer",
        gaz.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    let count = |o: &Output| json_lines(o)[0]["places"].as_array().unwrap().len();
    assert_eq!((count(&without), count(&with)), (1, 2));
    assert_eq!(json_lines(&with)[0]["places"][0]["geonameid"], 99000001);

    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "1\tonly three\tfields\n").unwrap();
    let o = sitrep(&[
        "gazetteer",
        "import",
        bad.to_str().unwrap(),
        "--gazetteer",
        gaz.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains(&format!("{}:1: expected 19 tab-separated fields, found 3", bad.display())),
        "{}",
        stderr(&o)
    );
    // The failed import left the user gazetteer as it was.
    let again = sitrep(&[
        "extract",
        "--format",
        "jsonl",
        "--gazetteer",
        gaz.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert_eq!(count(&again), 2);
    assert!(Path::new(&gaz).exists());
}

/// An RSS feed: one analysis per item, each dated from its `pubDate`, relative times placed
/// against it. See: #4
#[test]
fn rss_feed_items_are_dated() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("wire.rss");
    std::fs::write(
        &feed,
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>a1</guid><title>Raqqa</title><pubDate>Tue, 17 Oct 2017 09:00:00 +0000</pubDate>
<description>SDF fighters took the stadium in Raqqa yesterday, four months after the battle began.</description></item>
<item><guid>a2</guid><title>Mosul</title><pubDate>Mon, 10 Jul 2017 12:00:00 +0000</pubDate>
<description>Iraqi forces declared victory in Mosul on Sunday.</description></item>
</channel></rss>"#,
    )
    .unwrap();
    let o = sitrep(&["extract", "--format", "jsonl", feed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc"]["id"], "a1");
    assert_eq!(docs[0]["published"]["source"], "metadata");
    let times = docs[0]["times"].as_array().unwrap();
    assert_eq!(
        (times[0]["text"].as_str(), times[0]["start"].as_str()),
        (Some("yesterday"), Some("2017-10-16"))
    );
    // "four months after the battle began" restates when the stadium fell.
    assert_eq!(times[0]["mentions"][1]["text"], "four months after", "{times:?}");
    assert_eq!(docs[1]["times"][0]["start"], "2017-07-09");
}

/// Events export as ACLED CSV (ACLED's columns, one row per event and site) and GeoJSON. See: #5
#[test]
fn events_export_as_acled_csv_and_geojson() {
    let article = repo("examples/sample-article.txt");
    let o = sitrep(&["extract", "--format", "acled-csv", &article]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rows = csv::Reader::from_reader(&o.stdout[..]);
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header[..6],
        ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type"]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert!(!records.is_empty());
    let notes = header.iter().position(|h| h == "notes").unwrap();
    assert!(records.iter().all(|r| !r[notes].is_empty() && r.len() == header.len()));
    let o = sitrep(&["extract", "--format", "geojson", &article]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let f = &v["features"][0];
    assert_eq!(f["geometry"]["type"], "Point");
    assert!(
        f["geometry"]["coordinates"][0].as_f64().is_some_and(|lon| (-180.0..=180.0).contains(&lon))
    );
}

/// An act in two towns is two ACLED rows, as ACLED codes it, with the dead divided between
/// them. See: #5
#[test]
fn an_act_in_two_towns_is_two_acled_rows() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Russian air strikes killed at least 11 people in Saraqib and Maarat al-Numan on Monday.",
    )
    .unwrap();
    let o = sitrep(&["extract", "--format", "acled-csv", article.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rows = csv::Reader::from_reader(&o.stdout[..]);
    let header = rows.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (location, fatalities) = (column("location"), column("fatalities"));
    let strikes: Vec<(String, String)> = rows
        .records()
        .map(Result::unwrap)
        .map(|r| (r[location].to_string(), r[fatalities].to_string()))
        .collect();
    assert_eq!(
        strikes,
        [
            ("Sarāqib".to_string(), "6".to_string()),
            ("Ma‘arrat an Nu‘mān".to_string(), "5".to_string())
        ]
    );
}

/// An error names the file and says what is wrong once, not once per layer that hands it on.
#[test]
fn an_error_names_the_file_and_says_what_is_wrong_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.gaz");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Shelling hit Raqqa.").unwrap();
    let o =
        sitrep(&["extract", "--gazetteer", missing.to_str().unwrap(), article.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}: ", missing.display())), "{err}");
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}
