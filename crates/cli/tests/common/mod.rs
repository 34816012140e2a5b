#![allow(dead_code)]
//! Helpers for running the real `newsgraph` binary in tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.env_remove("NEWSGRAPH_DB");
    c.env_remove("NEWSGRAPH_GOLDSTEIN");
    c.env_remove("NEWSGRAPH_CAMEO2PLOVER");
    c
}

/// Run with arguments (and optional stdin); return the output.
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut c = bin();
    c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    c.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = c.spawn().expect("spawn newsgraph");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh temporary directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A database of the three short articles of tests/data/harbor.jsonl (our
/// own), in a fresh directory: (directory, database).
pub fn harbor_db(name: &str) -> (PathBuf, PathBuf) {
    let dir = tempdir(name);
    let db = dir.join("harbor.db");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/harbor.jsonl");
    let out = run(&["ingest", "--db", s(&db), s(&data)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (dir, db)
}
