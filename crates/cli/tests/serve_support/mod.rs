#![allow(dead_code)]
//! For the `serve` tests: the real `newsgraph serve` on a loopback port,
//! and a small HTTP/1.1 client (the API and chromedriver speak it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A response: status, headers (names in lower case) and body.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One request over a fresh connection (`Connection: close`).
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut s = TcpStream::connect(host).unwrap_or_else(|e| panic!("connect {host}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading a large body, and close.
    let _ = s.write_all(body);
    // Read until the body is complete: some servers (chromedriver) keep the
    // connection open whatever the request said.
    let mut raw = Vec::new();
    let mut buf = [0u8; 1 << 16];
    loop {
        if complete(&raw) {
            break;
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
    parse(&raw)
}

/// Whether a response is all there: its head, and a body of the length it
/// declares (or the last chunk).
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let body = &raw[end + 4..];
    if let Some(len) = head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok()) {
        return body.len() >= len;
    }
    if head.contains("transfer-encoding: chunked") {
        return body.ends_with(b"0\r\n\r\n");
    }
    false
}

pub fn get(url: &str) -> Response {
    request("GET", url, &[], b"")
}

fn parse(raw: &[u8]) -> Response {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|c| c.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
    out
}

/// A running `newsgraph serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// What it printed on stderr before listening.
    pub banner: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `newsgraph serve --addr ADDR --db DB` (with the token, if any) and
/// wait for its `listening on` line.
pub fn serve_at(db: &Path, addr: &str, token: Option<&str>) -> Server {
    serve_env(db, addr, token, &[])
}

/// `serve_at` with more environment variables (`NEWSGRAPH_COUNT_CAP`).
pub fn serve_env(db: &Path, addr: &str, token: Option<&str>, env: &[(&str, &str)]) -> Server {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.env_remove("NEWSGRAPH_DB").env_remove("NEWSGRAPH_TOKEN").env_remove("NEWSGRAPH_COUNT_CAP");
    c.envs(env.iter().copied());
    c.args(["serve", "--addr", addr, "--db", db.to_str().unwrap()]);
    if let Some(t) = token {
        c.env("NEWSGRAPH_TOKEN", t);
    }
    let mut child = c.stdout(Stdio::null()).stderr(Stdio::piped()).stdin(Stdio::null()).spawn().expect("spawn serve");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut banner = String::new();
    let base = loop {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap_or(0) == 0 {
            let _ = child.wait();
            panic!("serve exited before listening:\n{banner}");
        }
        banner.push_str(&line);
        if let Some(rest) = line.trim().strip_prefix("listening on ") {
            break rest.to_string();
        }
    };
    // Keep draining stderr so the server never blocks on it.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = err.read_to_string(&mut sink);
    });
    Server { child, base, banner }
}

pub fn serve(db: &Path, token: Option<&str>) -> Server {
    serve_at(db, "127.0.0.1:0", token)
}

/// Ingest the bundled examples into a fresh database in `dir`.
pub fn example_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("news.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .env_remove("NEWSGRAPH_DB")
        .args(["ingest", "--db", db.to_str().unwrap(), examples.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}
