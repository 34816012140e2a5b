//! `fetch` and `watch` against a real HTTP server on 127.0.0.1 (port 0),
//! started by each test: robots.txt, feeds with full text and stubs,
//! conditional requests, retries, the per-host rate limit, URLs already
//! stored, and polling.

mod common;
use common::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request the server saw.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
    at: Instant,
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn reply(status: u16, ctype: &str, body: &str) -> Reply {
    Reply { status, headers: vec![("Content-Type", ctype.to_string())], body: body.to_string() }
}

/// A server answering with `route` (given the request and how many times
/// its path was asked for before); returns its base URL and its log.
fn serve(route: impl Fn(&Seen, usize) -> Reply + Send + 'static) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::<Seen>::new()));
    let log2 = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let mut headers = HashMap::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                }
            }
            let seen = Seen { path, headers, at: Instant::now() };
            let before = log2.lock().unwrap().iter().filter(|s: &&Seen| s.path == seen.path).count();
            log2.lock().unwrap().push(seen.clone());
            let r = route(&seen, before);
            let mut out = format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n", r.status, r.body.len());
            for (k, v) in &r.headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            out.push_str(&r.body);
            let _ = stream.write_all(out.as_bytes());
        }
    });
    (base, log)
}

fn asked(log: &Arc<Mutex<Vec<Seen>>>, path: &str) -> Vec<Seen> {
    log.lock().unwrap().iter().filter(|s| s.path == path).cloned().collect()
}

fn page(title: &str, body: &str) -> String {
    format!("<html><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1><p>{body}</p></article></body></html>")
}

const STUB_PAGE: &str = "The city council approved the new harbour bridge on Friday by eleven votes to four, after a debate \
that lasted most of the afternoon. Building work is due to start in the spring and to take two years, the mayor said.";

fn feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Gazette</title>
<item><title>Ferry strike ends</title><link>{base}/a/full</link><pubDate>Thu, 16 Oct 2025 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The ferry workers' union ended its strike on Thursday after ten hours of talks with the port authority, and services resume on Friday.</p>]]></content:encoded></item>
<item><title>Council approves bridge</title><link>{base}/a/stub</link><pubDate>Fri, 17 Oct 2025 16:00:00 GMT</pubDate>
<description>The city council approved the new harbour bridge on Friday. Read more</description></item>
</channel></rss>"#
    )
}

fn db_count(db: &std::path::Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0)).unwrap()
}

#[test]
fn feeds_stubs_robots_and_conditional_requests() {
    let base_cell: Arc<Mutex<String>> = Arc::new(Mutex::new(String::new()));
    let b2 = base_cell.clone();
    let (base, log) = serve(move |req, _| match req.path.as_str() {
        "/robots.txt" => reply(200, "text/plain", "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n"),
        "/feed.xml" => {
            if req.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                return Reply { status: 304, headers: vec![], body: String::new() };
            }
            let mut r = reply(200, "application/rss+xml", &feed(&b2.lock().unwrap()));
            r.headers.push(("ETag", "\"v1\"".into()));
            r
        }
        "/a/stub" => reply(200, "text/html; charset=utf-8", &page("Council approves bridge", STUB_PAGE)),
        _ => reply(404, "text/plain", "no"),
    });
    *base_cell.lock().unwrap() = base.clone();
    let dir = tempdir("fetch-feed");
    let db = dir.join("news.db");
    let feed_url = format!("{base}/feed.xml");
    let private = format!("{base}/private/secret.html");
    let out = run(&["fetch", "--db", s(&db), "--rate", "50", &feed_url, &private], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("disallowed by robots.txt"), "{err}");
    assert!(asked(&log, "/private/secret.html").is_empty(), "robots.txt disallows it: never requested");
    assert!(asked(&log, "/a/full").is_empty(), "full text in the feed: the page is not fetched");
    assert_eq!(asked(&log, "/a/stub").len(), 1, "a summary-only item: its page is fetched");
    assert_eq!(asked(&log, "/robots.txt").len(), 1, "robots.txt once per host");
    let ua = &asked(&log, "/feed.xml")[0].headers["user-agent"];
    assert!(ua.starts_with("newsgraph/"), "{ua}");
    assert_eq!(db_count(&db), 2);
    let c = rusqlite::Connection::open(&db).unwrap();
    let (title, site, published, rec): (String, String, String, String) = c
        .query_row("SELECT title, site, published, record FROM documents WHERE url = ?1", [format!("{base}/a/stub")], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!((title.as_str(), site.as_str(), published.as_str()), ("Council approves bridge", "Harbour Gazette", "2025-10-17T16:00:00Z"));
    assert!(rec.contains("eleven votes to four"), "the page's text, not the summary");

    // Again: the feed is asked for with its ETag, gets 304, nothing new.
    let out = run(&["fetch", "--db", s(&db), "--rate", "50", &feed_url], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let feeds = asked(&log, "/feed.xml");
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[1].headers.get("if-none-match").map(String::as_str), Some("\"v1\""));
    assert!(err.contains("not modified") && err.contains("0 new documents"), "{err}");
    assert_eq!(db_count(&db), 2);
    assert_eq!(asked(&log, "/a/stub").len(), 1);
}

#[test]
fn retries_rate_limit_and_stored_urls() {
    let (base, log) = serve(|req, before| match req.path.as_str() {
        "/robots.txt" => reply(404, "text/plain", ""),
        "/flaky" if before == 0 => {
            let mut r = reply(503, "text/plain", "busy");
            r.headers.push(("Retry-After", "1".into()));
            r
        }
        "/flaky" => reply(200, "text/html", &page("Flood warning", "The river rose by two metres overnight and the weather service warned of more rain in the valley on Sunday.")),
        "/p1" => reply(200, "text/html", &page("Mill reopens", "The old mill on the river reopened as a museum on Saturday after four years of restoration work by volunteers.")),
        "/p2" => reply(200, "text/html", &page("School opens", "A new primary school for three hundred pupils opened in the northern district on Monday, the council said.")),
        "/gone" => reply(404, "text/plain", "no"),
        _ => reply(500, "text/plain", "?"),
    });
    let dir = tempdir("fetch-retry");
    let db = dir.join("news.db");
    let url = |p: &str| format!("{base}{p}");
    let out = run(&["fetch", "--db", s(&db), "--rate", "50", &url("/flaky")], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let flaky = asked(&log, "/flaky");
    assert_eq!(flaky.len(), 2, "a 503, then a retry that gets 200");
    assert!(flaky[1].at - flaky[0].at >= Duration::from_millis(990), "Retry-After: 1 is honoured");
    assert!(err.contains("HTTP 503; retrying"), "{err}");
    assert_eq!(db_count(&db), 1);

    // Two pages of one host at 2 requests a second: at least 0.5 s apart.
    let out = run(&["fetch", "--db", s(&db), "--rate", "2", &url("/p1"), &url("/p2")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (p1, p2) = (asked(&log, "/p1"), asked(&log, "/p2"));
    let gap = p2[0].at - p1[0].at;
    assert!(gap >= Duration::from_millis(490), "requests {gap:?} apart");
    assert_eq!(db_count(&db), 3);

    // Stored URLs are not asked for again; a 404 is an error (exit 1) and
    // the rest is still done.
    let out = run(&["fetch", "--db", s(&db), "--rate", "50", &url("/p1"), &url("/gone"), &url("/flaky")], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(asked(&log, "/p1").len(), 1);
    assert_eq!(asked(&log, "/flaky").len(), 2);
    assert!(err.contains("/gone: HTTP 404") && err.contains("2 already stored"), "{err}");
}

#[test]
fn watch_polls_until_told_to_stop() {
    let (base, log) = serve(|req, before| match req.path.as_str() {
        "/robots.txt" => reply(404, "text/plain", ""),
        "/live.xml" => {
            let first = "<entry><title>Storm</title><link href=\"https://radio.example/storm\"/><updated>2025-10-19T06:00:00Z</updated>\
                <content type=\"html\">&lt;p&gt;A storm closed the mountain pass on Sunday, the police said.&lt;/p&gt;</content></entry>";
            let second = "<entry><title>Pass reopens</title><link href=\"https://radio.example/pass\"/><updated>2025-10-20T06:00:00Z</updated>\
                <content type=\"html\">&lt;p&gt;The mountain pass reopened on Monday morning after snow ploughs cleared it.&lt;/p&gt;</content></entry>";
            let entries = if before == 0 { first.to_string() } else { format!("{second}{first}") };
            let mut r = reply(200, "application/atom+xml", &format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Valley Radio</title>{entries}</feed>"));
            r.headers.push(("Last-Modified", format!("Mon, 20 Oct 2025 0{before}:00:00 GMT")));
            r
        }
        _ => reply(404, "text/plain", "no"),
    });
    let dir = tempdir("watch");
    let db = dir.join("news.db");
    let start = Instant::now();
    let out = run(&["watch", "--db", s(&db), "--every", "1s", "--polls", "2", "--rate", "50", &format!("{base}/live.xml")], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(start.elapsed() >= Duration::from_secs(1));
    let polls = asked(&log, "/live.xml");
    assert_eq!(polls.len(), 2);
    assert_eq!(polls[1].headers.get("if-modified-since").map(String::as_str), Some("Mon, 20 Oct 2025 00:00:00 GMT"));
    assert!(err.contains("poll 1: 1 new documents") && err.contains("poll 2: 1 new documents"), "{err}");
    assert_eq!(db_count(&db), 2);
    // Not a feed: an error, and watch goes on.
    let out = run(&["watch", "--db", s(&db), "--every", "1s", "--polls", "1", "--rate", "50", &format!("{base}/nothing")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nothing: HTTP 404"), "{}", stderr(&out));
}
