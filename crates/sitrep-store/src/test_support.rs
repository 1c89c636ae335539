//! For tests of the PostgreSQL backend: a fresh database per test on the server named by
//! `SITREP_TEST_POSTGRES` (`./scripts/test` starts one with `scripts/postgres`).

use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

/// The variable naming the test server: a URL whose user may create databases.
pub const VARIABLE: &str = "SITREP_TEST_POSTGRES";

/// A database made for one test, dropped when this goes.
pub struct TempDatabase {
    server: String,
    name: String,
    /// The database's URL.
    pub url: String,
}

impl TempDatabase {
    /// Creates an empty database. Panics, saying what to do, when `SITREP_TEST_POSTGRES` is not
    /// set: the PostgreSQL tests are never skipped silently.
    pub fn new() -> TempDatabase {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let server = std::env::var(VARIABLE).unwrap_or_else(|_| {
            panic!(
                "{VARIABLE} is not set: this test needs a PostgreSQL server. Run ./scripts/test, \
                 which starts one, or start one with `scripts/postgres start DIR` and set \
                 {VARIABLE} to the URL it prints"
            )
        });
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "sitrep_test_{}_{}_{nanos}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(&server, NoTls)
            .unwrap_or_else(|e| panic!("{VARIABLE}={server}: cannot connect: {e}"));
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("CREATE DATABASE");
        let base = server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        TempDatabase { server, name, url }
    }
}

impl Default for TempDatabase {
    fn default() -> TempDatabase {
        TempDatabase::new()
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.server, NoTls) {
            let _ =
                admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
