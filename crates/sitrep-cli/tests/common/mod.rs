//! What the CLI's integration tests share: running the binary, the shared data beside the
//! repository, and a server started on a free port.

// Each test binary uses some of these.
#![allow(dead_code)]

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// Runs `sitrep --db DB ARGS...` to completion.
pub fn sitrep(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `sitrep --db DB ARGS...` to completion, `db` a path or a PostgreSQL URL.
pub fn sitrep_at(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["--db", db])
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A path under `../shared` beside the repository.
pub fn shared(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel)
        .display()
        .to_string()
}

/// A path in the repository.
pub fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The standard output of a successful run, as JSON.
pub fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

/// A database of the shared Wikipedia campaign articles and the example article, in `dir`.
pub fn campaign_database(dir: &Path) -> PathBuf {
    let db = dir.join("campaigns.db");
    let ingest = sitrep(&db, &["ingest", &shared("data/wikipedia"), &shared("examples")]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    db
}

/// `sitrep serve` on a free loopback port; killed when dropped unless stopped.
pub struct Server {
    child: Child,
    stderr: std::io::BufReader<std::process::ChildStderr>,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    pub fn start(db: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .arg("--db")
            .arg(db)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, stderr, addr }
    }

    /// GET over a plain TCP connection: the status line and the body.
    pub fn get(&self, path: &str) -> (String, String) {
        use std::io::{Read, Write};
        let addr = &self.addr;
        let mut stream = std::net::TcpStream::connect(addr).expect("the server accepts");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
        (head.lines().next().unwrap_or_default().to_string(), body.to_string())
    }

    /// Stops the server with SIGTERM; its exit status and what it printed after starting.
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        let killed =
            Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        let exit = self.child.wait().unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut self.stderr, &mut rest).unwrap();
        (exit, rest)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
