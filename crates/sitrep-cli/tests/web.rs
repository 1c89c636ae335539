//! The web map end to end: `sitrep serve` over the campaign database, driven in headless
//! Chromium by `web/tests/e2e.mjs` (Playwright): the page loads, markers appear, the slider and
//! the filters show what the API answers, a click opens the evidence and the document, the race
//! chart carries the API's numbers. Screenshots land in `target/tmp/web-e2e/`.
//!
//! Needs Node.js and Chromium; `./scripts/setup --browser` installs them (`./scripts/test` and
//! `.ci/run` do so first). Without them the test fails and says so; it is never skipped.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Server, campaign_database, repo};

#[test]
fn the_map_shows_the_events_the_race_and_the_evidence_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "{chromium} is missing: the web map's end-to-end test needs Chromium; \
         run ./scripts/setup --browser (or set CHROMIUM to its path)"
    );
    let script = repo("web/tests/e2e.mjs");
    assert!(
        repo("web/node_modules/playwright-core").is_dir(),
        "web/node_modules/playwright-core is missing; building sitrep-server runs npm ci in web/"
    );

    let dir = tempfile::tempdir().unwrap();
    let db = campaign_database(dir.path());
    let server = Server::start(&db);

    // The page and its assets come from the binary.
    let (status, page) = server.get("/");
    assert!(status.contains("200") && page.contains("/assets/app.js"), "{status}: {page}");
    let (status, _) = server.get("/assets/nothing-here.js");
    assert!(status.contains("404"), "{status}");

    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("web-e2e");
    let run = Command::new("node")
        .arg(&script)
        .arg(format!("http://{}", server.addr))
        .arg(&screenshots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs (./scripts/setup installs it)");
    let said =
        format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "web/tests/e2e.mjs failed (screenshots in {}):\n{said}",
        screenshots.display()
    );
    // Every step ran.
    assert_eq!(said.matches("ok: ").count(), 9, "{said}");
    assert!(screenshots.join("05-race-deir-ez-zor.png").is_file());
    let (exit, _) = server.stop();
    assert!(exit.success());
}
