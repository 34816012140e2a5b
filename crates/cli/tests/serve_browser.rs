//! `newsgraph serve` in a real browser: headless Chromium driven through
//! chromedriver's W3C WebDriver HTTP API. The pages load, search works, an
//! article's event leads to its evidence, and text that looks like HTML or
//! script is shown literally and never runs.
//!
//! Without Chromium and chromedriver these tests say so loudly and pass,
//! unless NEWSGRAPH_REQUIRE_BROWSER=1 (CI sets it): then they fail.

mod common;
mod serve_support;
use serde_json::{json, Value};
use serve_support::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver process and one browser session; both end when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = request("DELETE", &format!("{}/session/{}", self.base, self.session), &[], b"");
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Chromium, or None (after a loud message) when it is not installed and
/// not required.
fn browser(name: &str) -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let msg = format!("{CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)");
        if std::env::var("NEWSGRAPH_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("NEWSGRAPH_REQUIRE_BROWSER=1 but {msg}");
        }
        eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        eprintln!("!!! SKIPPED browser test {name}: {msg}");
        eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    loop {
        let up = std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
            && get(&format!("{base}/status")).json()["value"]["ready"] == true;
        if up {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = common::tempdir(&format!("chromium-{name}"));
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,1000", format!("--user-data-dir={}", profile.display())]
        }
    }}});
    let mut b = Browser { driver, base, session: String::new(), profile };
    let r = b.call("POST", "/session", caps);
    b.session = r["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {r}")).to_string();
    Some(b)
}

impl Browser {
    /// A WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if method == "GET" { Vec::new() } else { body.to_string().into_bytes() };
        let r = request(method, &format!("{}{path}", self.base), &[("Content-Type", "application/json")], &body);
        let v = r.json();
        assert!(r.status == 200, "WebDriver {method} {path}: {} {v}", r.status);
        v["value"].clone()
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let t = Instant::now();
        let v = self.call(method, &format!("/session/{}{path}", self.session), body);
        if std::env::var_os("NEWSGRAPH_TRACE_BROWSER").is_some() {
            eprintln!("{:>6} ms  {method} {path}", t.elapsed().as_millis());
        }
        v
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
        self.ready();
    }

    fn js(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", json!({ "script": script, "args": [] }))
    }

    /// Wait until the page script has rendered (or failed).
    fn ready(&self) {
        let start = Instant::now();
        loop {
            let state = self.js("return document.readyState === 'complete' ? document.body.getAttribute('data-ready') : null");
            match state.as_str() {
                Some("1") => return,
                Some("error") => panic!("the page failed: {}", self.js("return document.getElementById('app').innerText")),
                _ => {}
            }
            assert!(start.elapsed() < Duration::from_secs(30), "the page never got ready");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.cmd("POST", "/elements", json!({ "using": "css selector", "value": css }));
        v.as_array().unwrap().iter().map(|e| e.as_object().unwrap().values().next().unwrap().as_str().unwrap().to_string()).collect()
    }

    fn find(&self, css: &str) -> String {
        self.find_all(css).into_iter().next().unwrap_or_else(|| panic!("no element {css} on {}", self.url()))
    }

    fn text(&self, element: &str) -> String {
        self.cmd("GET", &format!("/element/{element}/text"), Value::Null).as_str().unwrap().to_string()
    }

    fn click(&self, element: &str) {
        self.cmd("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn type_into(&self, element: &str, text: &str) {
        self.cmd("POST", &format!("/element/{element}/value"), json!({ "text": text }));
    }

    fn url(&self) -> String {
        self.cmd("GET", "/url", Value::Null).as_str().unwrap().to_string()
    }

    /// Click a link and wait for the page it opens.
    fn follow(&self, element: &str) {
        let before = self.url();
        self.click(element);
        let start = Instant::now();
        while self.url() == before {
            assert!(start.elapsed() < Duration::from_secs(30), "the click led nowhere");
            std::thread::sleep(Duration::from_millis(50));
        }
        self.ready();
    }

    /// Save a screenshot under target/screenshots, after checking the page
    /// script met no error.
    fn screenshot(&self, name: &str) {
        let error = self.js("return document.body.getAttribute('data-error')");
        assert_eq!(error, Value::Null, "{name}: the page script failed");
        let b64 = self.cmd("GET", "/screenshot", Value::Null);
        let png = base64(b64.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, c)| acc | (val(*c) as u32) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn search_article_event_entity_and_events_pages() {
    let Some(b) = browser("pages") else { return };
    let dir = common::tempdir("serve-browser");
    let db = example_db(&dir);
    let s = serve(&db, None);

    // Search: the front page lists articles; a name finds its entity.
    b.goto(&format!("{}/", s.base));
    assert!(b.find_all("#results table tbody tr").len() >= 4);
    b.screenshot("search-start");
    let q = b.find("#q");
    b.type_into(&q, "Putin");
    b.follow(&b.find("form.search button"));
    assert!(b.url().contains("q=Putin"));
    let entity = b.find_all("#results a[href^='/entity']").into_iter().find(|e| b.text(e) == "Vladimir Putin").expect("Putin found");
    b.screenshot("search-putin");

    // His page: timeline and interaction graph.
    b.follow(&entity);
    assert_eq!(b.text(&b.find("h1")), "Vladimir Putin");
    assert!(!b.find_all("#timeline li").is_empty());
    assert!(b.find_all("#graph a.node").len() >= 1, "the graph has neighbours");
    b.screenshot("entity");

    // Full-text hits from /api/search, matched words marked; a hit leads to
    // its article. Only statements when asked; a query FTS5 cannot read is
    // explained and the names are still listed.
    b.goto(&format!("{}/?q=Putin", s.base));
    let marks = b.find_all("#search table tbody mark");
    assert!(marks.iter().any(|m| b.text(m) == "Putin"), "matched words are marked");
    b.goto(&format!("{}/?q=talks&in=statements", s.base));
    assert_eq!(b.js("return document.getElementById('in').value"), "statements");
    let badges = b.find_all("#search table tbody .badge");
    assert!(!badges.is_empty() && badges.iter().all(|x| b.text(x) == "statement"), "{} hits", badges.len());
    b.screenshot("search-statements");
    b.follow(&b.find("#search table tbody a[href^='/article']"));
    assert!(b.url().contains("/article?id="));
    assert!(!b.find_all("#text .hl.quote").is_empty());
    b.goto(&format!("{}/?q=%22Putin", s.base));
    assert!(b.text(&b.find("#search p.error")).contains("full-text query"));
    assert!(b.text(&b.find("#results")).contains("Statements by \"Putin"), "the rest of the page is there");
    b.screenshot("search-bad-query");

    // An article: click an event in the text, see its evidence, go to the event.
    b.goto(&format!("{}/article?id=visit-moscow", s.base));
    let ev = b.find("#text .hl.event");
    let evidence = b.text(&ev);
    b.click(&ev);
    b.screenshot("article-event");
    let mark = b.find("#panel blockquote.evidence mark");
    assert_eq!(b.text(&mark), evidence);
    assert!(b.text(&b.find("#panel")).contains("actor"));
    let entity_in_text = b.find("#text .hl.entity");
    b.click(&entity_in_text);
    assert!(b.text(&b.find("#panel h3")).contains(&b.text(&entity_in_text)) || !b.find_all("#panel a[href^='/entity']").is_empty());
    b.click(&b.find("#text .hl.event"));
    b.follow(&b.find("#panel a[href^='/event']"));
    assert!(b.url().contains("/event?id="));
    let marks = b.find_all("#reports blockquote.evidence mark");
    assert!(marks.iter().any(|m| b.text(m) == evidence), "the event page shows the evidence {evidence:?}");
    b.screenshot("event");

    // Events: chart and table; a filter narrows both.
    b.goto(&format!("{}/events?by=day", s.base));
    let bars = b.find_all("#chart rect.bar").len();
    let rows = b.find_all("table.events tbody tr").len();
    assert!(bars >= 2 && rows >= 10, "{bars} bars, {rows} rows");
    b.screenshot("events");
    let actor = b.find("#filters input[name=actor]");
    b.type_into(&actor, "RUS");
    b.follow(&b.find("#filters button"));
    let narrowed = b.find_all("table.events tbody tr").len();
    assert!(narrowed >= 1 && narrowed < rows, "{narrowed} of {rows}");
    b.screenshot("events-rus");
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A record whose every shown string carries markup and script. Offsets are
/// counted in code points, as in every record.
fn hostile_record() -> String {
    let name = "Ima <img src=x onerror=\"window.__pwned='name';document.title='pwned'\"> Hacker";
    let quote = "<script>window.__pwned='quote'</script>";
    let text = format!("{name} met <b onmouseover=\"window.__pwned='b'\">Bob</b> on Monday. \"{quote}\", {name} said.");
    let at = |needle: &str, from: usize| -> (usize, usize) {
        let byte = text[from..].find(needle).unwrap() + from;
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let (n1s, n1e) = at(name, 0);
    let later = text.find(" said").unwrap() - name.len();
    let (n2s, n2e) = at(name, later);
    let (ms, me) = at("met", 0);
    let (ds, de) = at("Monday", 0);
    let (qs, qe) = at(quote, 0);
    let (cs, ce) = at("said", 0);
    let n = text.chars().count();
    json!({
        "format": "newsgraph/1", "id": "hostile", "url": "javascript:window.__pwned='url'",
        "site": "<svg onload=\"window.__pwned='site'\">", "title": "<script>window.__pwned='title'</script><img src=x onerror=\"window.__pwned='title'\">",
        "authors": [], "published": "2025-10-20", "published_source": "metadata", "language": "en", "text": text,
        "sentences": [{"start": 0, "end": n}],
        "entities": [{"id": "e1", "name": name, "type": "PERSON", "mentions": [{"start": n1s, "end": n1e, "text": name}, {"start": n2s, "end": n2e, "text": name}],
                      "aliases": ["<iframe src=javascript:window.__pwned='alias'>"], "country": "RUS", "sector": "GOV", "roles": [{"title": "<i>Minister</i>", "of": null}]},
                     {"id": "e2", "name": "<b onmouseover=\"window.__pwned='b'\">Bob</b>", "type": "PERSON", "mentions": [], "aliases": [], "country": null, "sector": null, "roles": []}],
        "quotes": [{"id": "q1", "kind": "direct", "content": [{"start": qs, "end": qe}], "text": quote, "cue": {"start": cs, "end": ce, "text": "said"},
                    "speaker": {"entity": "e1", "start": n2s, "end": n2e, "text": name}, "addressee": "e2", "via": null}],
        "timexes": [{"start": ds, "end": de, "text": "Monday", "type": "DATE", "value": "2025-10-20"}],
        "events": [{"id": "v1", "type": "CONSULT", "mode": null, "cameo": "040", "actor": {"entity": "e1", "code": "RUSGOV"}, "recipient": {"entity": "e2", "code": null},
                    "date": "2025-10-20", "place": null, "modality": "asserted", "source": null, "quote": null, "evidence": {"start": ms, "end": me}, "sentence": 0}]
    })
    .to_string()
}

#[test]
fn markup_in_titles_texts_and_names_is_shown_literally_and_never_runs() {
    let Some(b) = browser("injection") else { return };
    let dir = common::tempdir("serve-injection");
    // One record loaded as it is (every field hostile), one article through
    // the pipeline (title and text hostile).
    let shard = dir.join("hostile.jsonl");
    std::fs::write(&shard, hostile_record() + "\n").unwrap();
    let db = dir.join("news.db");
    let out = common::run(&["load", "--db", db.to_str().unwrap(), shard.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let s = serve(&db, Some("injection-token"));
    let posted = json!({"id": "posted", "published": "2025-10-21",
        "title": "<img src=x onerror=\"window.__pwned='posted title'\">Talks",
        "text": "Russian Foreign Minister Sergei Lavrov met <script>window.__pwned='posted text'</script> officials in Moscow on Tuesday."});
    let r = request("POST", &format!("{}/api/articles", s.base), &[("Authorization", "Bearer injection-token")], posted.to_string().as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());

    let entities = get(&format!("{}/api/entities?name=hacker", s.base)).json();
    let ima = entities["items"][0]["id"].as_i64().expect("the hostile entity is stored");
    let event = get(&format!("{}/api/events?actor=hacker", s.base)).json()["items"][0]["id"].as_i64().expect("its event");
    let pages = [
        ("inj-search", "/".to_string()),
        ("inj-search-name", "/?q=%3Cimg".to_string()),
        ("inj-article", "/article?id=hostile".to_string()),
        ("inj-article-posted", "/article?id=posted".to_string()),
        ("inj-entity", format!("/entity?id={ima}")),
        ("inj-events", "/events".to_string()),
        ("inj-event", format!("/event?id={event}")),
    ];
    for (shot, path) in &pages {
        b.goto(&format!("{}{path}", s.base));
        // Give event handlers (onerror, onload) every chance to fire.
        for e in b.find_all("#text .hl") {
            b.click(&e);
        }
        std::thread::sleep(Duration::from_millis(300));
        let seen = b.js("return {pwned: window.__pwned === undefined ? null : String(window.__pwned), title: document.title,
                                 imgs: document.querySelectorAll('img, script:not([src]), iframe, svg [onload], [onerror], [onmouseover]').length,
                                 text: document.body.innerText}");
        assert_eq!(seen["pwned"], Value::Null, "{path}: a payload ran: {}", seen["pwned"]);
        assert!(!seen["title"].as_str().unwrap().starts_with("pwned"), "{path}: title changed");
        assert_eq!(seen["imgs"], 0, "{path}: markup from data became elements");
        let shown = seen["text"].as_str().unwrap();
        assert!(shown.contains("<img src=x onerror=") || shown.contains("<script>"), "{path}: the markup is not shown as text:\n{shown}");
        b.screenshot(shot);
    }
    // The article shows its hostile title, text and name exactly.
    b.goto(&format!("{}/article?id=hostile", s.base));
    assert!(b.text(&b.find("h1")).starts_with("<script>window.__pwned='title'</script>"));
    assert!(b.text(&b.find("#text")).contains("<b onmouseover=\"window.__pwned='b'\">Bob</b>"));
    b.click(&b.find("#text .hl.entity"));
    assert!(b.text(&b.find("#panel")).contains("<iframe src=javascript:window.__pwned='alias'>"));
    // A javascript: URL is not a link.
    assert!(b.find_all("a[href^='javascript']").is_empty());
    assert_eq!(b.js("return window.__pwned === undefined"), true);
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// More matches than the count cap (lowered to 2 for the test, so the cap
/// is the end of the page, 20): the total reads "20+" (it would read
/// "10,000+" at the real cap) and the pager goes on to the next page.
#[test]
fn a_capped_total_reads_as_a_lower_bound_and_the_pager_goes_on() {
    let Some(b) = browser("capped") else { return };
    let dir = common::tempdir("serve-capped");
    let shard = dir.join("geneva.jsonl");
    let lines: String = (1..=25)
        .map(|i| {
            json!({"id": format!("geneva-{i}"), "published": format!("2025-11-{i:02}"), "title": format!("Day {i} in Geneva"),
                   "text": format!("Officials met in Geneva for the round number {i} of the conference on Monday.")})
            .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(&shard, lines).unwrap();
    let db = dir.join("news.db");
    let out = common::run(&["ingest", "--db", db.to_str().unwrap(), shard.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let s = serve_env(&db, "127.0.0.1:0", None, &[("NEWSGRAPH_COUNT_CAP", "2")]);
    b.goto(&format!("{}/?q=geneva&in=articles", s.base));
    let heading = b.text(&b.find("#search h2"));
    assert!(heading.ends_with(" 20+"), "{heading}");
    assert_eq!(b.find_all("#search table tbody tr").len(), 20);
    assert_eq!(b.text(&b.find("#search nav.pager span")), "1–20 of 20+");
    b.screenshot("search-capped");
    let next = b.find_all("#search nav.pager a").pop().expect("a next link");
    assert_eq!(b.text(&next), "next →");
    b.follow(&next);
    assert!(b.url().contains("offset=20"), "{}", b.url());
    // Counted to the end of this page (40): all 25, exactly.
    assert_eq!(b.text(&b.find("#search nav.pager span")), "21–25 of 25");
    assert_eq!(b.find_all("#search table tbody tr").len(), 5);
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}
