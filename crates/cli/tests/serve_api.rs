//! `newsgraph serve`: the JSON API over real loopback HTTP, against the real
//! binary and a real database made by `newsgraph ingest`.

mod common;
mod serve_support;
use serde_json::Value;
use serve_support::*;

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap_or_else(|| panic!("no items in {v}"))
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    items(v).iter().map(|i| i[key].to_string()).collect()
}

#[test]
fn lists_paginate_filter_and_link() {
    let dir = common::tempdir("serve-api");
    let db = example_db(&dir);
    let s = serve(&db, None);
    let api = |path: &str| get(&format!("{}{path}", s.base));

    // Pagination: pages are disjoint, cover the whole list, and carry the total.
    let all = api("/api/articles").json();
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total, 4, "{all}");
    assert_eq!((all["limit"].as_u64(), all["offset"].as_u64()), (Some(50), Some(0)));
    let p1 = api("/api/articles?limit=3").json();
    let p2 = api("/api/articles?limit=3&offset=3").json();
    assert_eq!((items(&p1).len(), items(&p2).len(), p2["total"].as_u64()), (3, 1, Some(4)));
    let mut paged = ids(&p1, "id");
    paged.extend(ids(&p2, "id"));
    assert_eq!(paged, ids(&all, "id"));
    for bad in ["/api/articles?limit=501", "/api/articles?limit=-1", "/api/articles?limit=ten", "/api/events?colour=red"] {
        let r = api(bad);
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.json()["error"].as_str().is_some_and(|e| !e.is_empty()), "{bad}");
    }
    assert_eq!(api("/api/events?limit=500").status, 200);

    // Filters use the CLI's names and agree with what they filter.
    let events = api("/api/events?limit=500").json();
    let n_events = events["total"].as_u64().unwrap();
    assert!(n_events >= 10, "{events}");
    let consult = api("/api/events?type=consult").json();
    assert!(!items(&consult).is_empty());
    assert!(items(&consult).iter().all(|e| e["type"] == "CONSULT"), "{consult}");
    assert!(consult["total"].as_u64().unwrap() < n_events);
    let rus = api("/api/events?actor=RUS").json();
    assert!(!items(&rus).is_empty());
    for e in items(&rus) {
        let code = e["actor_code"].as_str().unwrap_or("");
        assert!(code.starts_with("RUS") || e["actor"].as_str().is_some(), "{e}");
    }
    let putin = api("/api/events?actor=putin&since=2025-10-01&until=2025-10").json();
    assert!(!items(&putin).is_empty());
    assert!(items(&putin).iter().all(|e| e["actors"].as_str().unwrap().contains("Putin")), "any member: {putin}");
    assert!(items(&putin).iter().all(|e| e["date"].as_str().unwrap().starts_with("2025-10")), "{putin}");
    assert_eq!(api("/api/events?since=2025-13-99x").status, 400);
    assert_eq!(api("/api/events?until=1990").json()["total"], 0);

    // Counts over time add up to the dated events.
    let days = api("/api/events/counts?by=day").json();
    let months = api("/api/events/counts").json();
    assert_eq!(months["by"], "month");
    let sum = |v: &Value| v["buckets"].as_array().unwrap().iter().map(|b| b["events"].as_u64().unwrap()).sum::<u64>();
    assert!(sum(&days) > 0 && sum(&days) <= sum(&months) && sum(&months) <= n_events);
    let month = |d: &str| d.len() >= 7 && d.bytes().enumerate().take(7).all(|(i, b)| if i == 4 { b == b'-' } else { b.is_ascii_digit() });
    let dated = items(&events).iter().filter(|e| e["date"].as_str().is_some_and(month)).count();
    assert_eq!(sum(&months) as usize, dated);
    assert_eq!(sum(&api("/api/events/counts?by=day&type=CONSULT").json()), sum(&api("/api/events/counts?by=day&type=consult").json()));
    assert_eq!(api("/api/events/counts?by=week").status, 400);

    // Statements by speaker.
    let peskov = api("/api/quotes?speaker=peskov").json();
    assert!(!items(&peskov).is_empty());
    assert!(items(&peskov).iter().all(|q| q["speaker_name"].as_str().or(q["speaker"].as_str()).unwrap().contains("Peskov")));

    // An entity: aliases, timeline, graph; linked from the article it appears in.
    let sharaa = api("/api/entities?name=sharaa&type=person").json();
    assert_eq!(sharaa["total"], 1, "{sharaa}");
    let id = items(&sharaa)[0]["id"].as_i64().unwrap();
    let e = api(&format!("/api/entities/{id}")).json();
    assert!(e["aliases"].as_array().unwrap().iter().any(|a| a == "Abu Mohammed al-Jolani"), "{e}");
    assert!(e["timeline"].as_array().unwrap().iter().any(|t| t["kind"] == "event" && t["type"] == "CONSULT"), "{e}");
    assert!(e["graph"].as_array().unwrap().iter().any(|g| g["name"] == "Vladimir Putin" && g["events"].as_i64() >= Some(1)), "{e}");
    assert_eq!(api("/api/entities/999999").status, 404);
    assert_eq!(api("/api/entities/abc").status, 400);

    let a = api("/api/articles/visit-moscow").json();
    assert_eq!(a["record"]["id"], "visit-moscow");
    assert_eq!(a["record"]["format"], "newsgraph/1");
    let locals: Vec<&str> = a["record"]["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(locals.iter().all(|l| a["entities"][*l].is_i64()), "every entity of the record maps to a stored one: {a}");
    assert!(a["entities"].as_object().unwrap().values().any(|v| v.as_i64() == Some(id)));
    assert_eq!(api("/api/articles/no-such-article").status, 404);

    // One event: every report with its evidence inside its sentence.
    let ev_id = a["events"]["v1"].as_i64().unwrap();
    let ev = api(&format!("/api/events/{ev_id}")).json();
    assert_eq!(ev["event"]["id"].as_i64(), Some(ev_id));
    let reports = ev["reports"].as_array().unwrap();
    assert!(!reports.is_empty());
    for r in reports {
        let sentence = r["sentence_text"].as_str().unwrap();
        assert!(sentence.contains(r["evidence"].as_str().unwrap()), "{r}");
    }
    assert_eq!(api("/api/events/424242").status, 404);

    let st = api("/api/stats").json();
    assert_eq!(st["documents"], 4);

    // Security headers on data and pages; unknown paths are JSON 404s.
    for path in ["/api/stats", "/", "/article?id=x", "/assets/app.js"] {
        let r = api(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-security-policy").is_some_and(|c| c.contains("default-src 'self'")), "{path}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{path}");
    }
    assert_eq!(api("/nope").status, 404);

    // Without a token, writes are disabled.
    let r = request("POST", &format!("{}/api/articles", s.base), &[("Authorization", "Bearer whatever1")], b"{\"text\":\"x\"}");
    assert_eq!(r.status, 403, "{}", r.text());
    std::fs::remove_dir_all(&dir).unwrap();
}

const TOKEN: &str = "test-token-1234";

fn post(base: &str, auth: Option<&str>, body: &[u8]) -> Response {
    let h = auth.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = h.as_deref().map(|v| vec![("Authorization", v)]).unwrap_or_default();
    request("POST", &format!("{base}/api/articles"), &headers, body)
}

/// With the count cap lowered to 2 (`NEWSGRAPH_COUNT_CAP`, for tests), a
/// list counts to the cap or the end of the page, says `total_capped`, and
/// its pages are those of the uncapped server.
#[test]
fn totals_stop_at_the_cap_and_the_pages_stay_the_same() {
    let dir = common::tempdir("serve-api-cap");
    let db = example_db(&dir);
    let exact = serve(&db, None);
    let capped = serve_env(&db, "127.0.0.1:0", None, &[("NEWSGRAPH_COUNT_CAP", "2")]);
    let api = |s: &Server, path: &str| get(&format!("{}{path}", s.base)).json();
    for list in ["/api/articles", "/api/events", "/api/quotes"] {
        let all = api(&exact, &format!("{list}?limit=500"));
        let n = all["total"].as_u64().unwrap();
        assert!(n >= 4, "{list}: {all}");
        assert_eq!(all["total_capped"], false);
        let mut paged = Vec::new();
        for offset in (0..n).step_by(3) {
            let p = api(&capped, &format!("{list}?limit=3&offset={offset}"));
            // Counted to the end of the page (3 beyond the offset, above the cap of 2).
            let end = offset + 3;
            let (total, more) = if n > end { (end, true) } else { (n, false) };
            assert_eq!((p["total"].as_u64(), p["total_capped"].as_bool()), (Some(total), Some(more)), "{list} at {offset}: {p}");
            paged.extend(items(&p).iter().cloned());
        }
        assert_eq!(&paged, items(&all), "{list}: the same rows in the same order");
    }
    // Search: each kind counted to the cap (the page's end), the most
    // recently stored of a capped kind ranked.
    let all = api(&exact, "/api/search?q=the&in=articles&limit=500");
    assert!(all["total"].as_u64().unwrap() > 2 && all["total_capped"] == false, "{all}");
    let p = api(&capped, "/api/search?q=the&in=articles&limit=2");
    assert_eq!((p["total"].as_u64(), p["total_capped"].as_bool(), items(&p).len()), (Some(2), Some(true), 2), "{p}");
    assert!(items(&p).iter().all(|h| items(&all).contains(h)), "hits of the full search: {p}");
    // Entities are always counted.
    assert_eq!(api(&capped, "/api/entities?limit=1")["total"], api(&exact, "/api/entities?limit=1")["total"]);
    assert_eq!(api(&capped, "/api/entities?limit=1")["total_capped"], false);
    drop((exact, capped));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn writes_need_the_token_and_run_the_pipeline() {
    let dir = common::tempdir("serve-post");
    let db = dir.join("new.db");
    let s = serve(&db, Some(TOKEN));
    let article = br#"{
      "id": "posted-1", "title": "Ministers meet in Ankara", "published": "2025-11-04",
      "text": "ANKARA - Turkish Foreign Minister Hakan Fidan met Russian Foreign Minister Sergei Lavrov in Ankara on Monday. \"We discussed grain exports,\" Fidan told reporters."
    }"#;
    assert_eq!(post(&s.base, None, article).status, 401);
    let wrong = post(&s.base, Some("test-token-1235"), article);
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));
    assert_eq!(get(&format!("{}/api/articles/posted-1", s.base)).status, 404, "nothing stored without the token");

    let big = vec![b'a'; (8 << 20) + 1];
    assert_eq!(post(&s.base, Some(TOKEN), &big).status, 413);

    let r = post(&s.base, Some(TOKEN), article);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["stored"][0], "posted-1");
    let a = get(&format!("{}/api/articles/posted-1", s.base)).json();
    assert_eq!(a["article"]["title"], "Ministers meet in Ankara");
    let names: Vec<&str> = a["record"]["entities"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert!(names.iter().any(|n| n.contains("Lavrov")), "the pipeline ran: {names:?}");
    let found = get(&format!("{}/api/entities?name=lavrov", s.base)).json();
    assert_eq!(found["total"], 1, "{found}");
    let q = get(&format!("{}/api/quotes?speaker=fidan", s.base)).json();
    assert!(items(&q).iter().any(|q| q["text"].as_str().unwrap().contains("grain exports")), "{q}");

    // The same article again is skipped; JSONL with a bad line stores the rest
    // and names the line.
    let again = post(&s.base, Some(TOKEN), article);
    assert_eq!((again.status, again.json()["skipped"][0].as_str()), (200, Some("posted-1")));
    let jsonl = b"{\"id\":\"posted-2\",\"text\":\"Lavrov said on Tuesday that talks would go on.\"}\n{not json\n";
    let mixed = post(&s.base, Some(TOKEN), jsonl).json();
    assert_eq!(mixed["stored"][0], "posted-2");
    assert!(mixed["errors"][0].as_str().unwrap().contains(":2:"), "{mixed}");
    let bad = post(&s.base, Some(TOKEN), b"{not json}");
    assert_eq!(bad.status, 400);
    assert_eq!(get(&format!("{}/api/articles", s.base)).json()["total"], 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_public_address_is_warned_about() {
    let dir = common::tempdir("serve-public");
    let db = example_db(&dir);
    let s = serve_at(&db, "0.0.0.0:0", None);
    assert!(s.banner.contains("warning"), "{}", s.banner);
    let port = s.base.rsplit(':').next().unwrap();
    assert_eq!(get(&format!("http://127.0.0.1:{port}/api/stats")).status, 200);
    drop(s);
    let quiet = serve(&db, None);
    assert!(!quiet.banner.contains("warning"), "{}", quiet.banner);
    let short = common::run(&["serve", "--token", "short", "--db", db.to_str().unwrap()], None);
    assert_eq!(short.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What the CLI prints for a query command, as JSON.
fn cli(db: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--db", db.to_str().unwrap(), "--format", "json", "--limit", "500"]);
    let out = common::run(&all, None);
    assert!(out.status.success(), "{all:?}: {}", common::stderr(&out));
    serde_json::from_str::<Vec<Value>>(&common::stdout(&out)).unwrap_or_else(|e| panic!("{all:?}: {e}"))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn search_is_full_text_paginated_filtered_and_the_same_as_the_cli() {
    let dir = common::tempdir("serve-search");
    let db = example_db(&dir);
    let s = serve(&db, None);
    let api = |path: &str| get(&format!("{}{path}", s.base));
    let hit = |h: &Value| format!("{}/{}", h["document"].as_str().unwrap(), h["statement"].as_str().unwrap_or("-"));

    // The CLI's `search` and the API give the same hits in the same order.
    let all = api("/api/search?q=talks&limit=500").json();
    let hits: Vec<String> = items(&all).iter().map(hit).collect();
    assert!(hits.len() >= 4, "{all}");
    assert_eq!(all["total"].as_u64(), Some(hits.len() as u64));
    assert_eq!(hits, cli(&db, &["search", "talks"]).iter().map(hit).collect::<Vec<_>>());
    let kinds: Vec<&str> = items(&all).iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"article") && kinds.contains(&"statement"), "{kinds:?}");
    assert!(items(&all).iter().any(|h| h["snippet"].as_str().unwrap().contains("**talks**")), "{all}");
    let scores: Vec<f64> = items(&all).iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");

    // Pages are disjoint slices of the whole list, with its total.
    let p1 = api("/api/search?q=talks&limit=2").json();
    let p2 = api("/api/search?q=talks&limit=2&offset=2").json();
    assert_eq!((p1["total"].clone(), p2["total"].clone()), (all["total"].clone(), all["total"].clone()));
    let paged: Vec<String> = items(&p1).iter().chain(items(&p2)).map(hit).collect();
    assert_eq!(paged, hits[..4].to_vec());
    assert_eq!(api("/api/search?q=talks&limit=501").status, 400);

    // `in` and the filters: articles + statements = all; a filter that only
    // statements take leaves the articles out.
    let n = |path: &str| api(path).json()["total"].as_u64().unwrap();
    let (arts, stmts) = (n("/api/search?q=talks&in=articles"), n("/api/search?q=talks&in=statements"));
    assert!(arts > 0 && stmts > 0);
    assert_eq!(arts + stmts, all["total"].as_u64().unwrap());
    let by = api("/api/search?q=talks&speaker=syrian").json();
    assert!(!items(&by).is_empty() && items(&by).iter().all(|h| h["kind"] == "statement"), "{by}");
    assert!(items(&by).len() < hits.len());
    assert_eq!(
        items(&by).iter().map(hit).collect::<Vec<_>>(),
        cli(&db, &["search", "talks", "--speaker", "syrian"]).iter().map(hit).collect::<Vec<_>>()
    );
    let late = api("/api/search?q=talks&since=2025-10-17").json();
    assert!(!items(&late).is_empty());
    assert!(items(&late).iter().all(|h| h["published"].as_str().is_some_and(|p| p >= "2025-10-17")), "{late}");
    assert!(late["total"].as_u64() < all["total"].as_u64());
    assert_eq!(n("/api/search?q=talks&until=1990"), 0);

    // What FTS5 cannot read is the user's mistake: 400 saying so, not 500.
    for bad in ["/api/search?q=%22unterminated", "/api/search?q=putin%20AND", "/api/search?q=%3Cimg"] {
        let r = api(bad);
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        let msg = r.json()["error"].as_str().unwrap().to_string();
        assert!(msg.contains("full-text query"), "{bad}: {msg}");
    }
    for bad in ["/api/search", "/api/search?q=%20", "/api/search?q=talks&in=everything", "/api/search?q=talks&actor=RUS", "/api/search?q=a&q=b"] {
        let r = api(bad);
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.json()["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn event_and_statement_filters_mean_what_they_mean_in_the_cli() {
    let dir = common::tempdir("serve-filters");
    let db = example_db(&dir);
    let s = serve(&db, None);
    let api = |path: &str| get(&format!("{}{path}", s.base)).json();
    let api_ids = |path: &str| sorted(ids(&api(path), "id"));
    let cli_ids = |args: &[&str]| sorted(cli(&db, args).iter().map(|e| e["id"].to_string()).collect());

    // A meeting whose actors are Ahmed al-Sharaa and then Vladimir Putin is
    // found by its second actor, as the CLI finds it.
    let putin = api("/api/events?actor=putin&limit=500");
    let second = items(&putin)
        .iter()
        .find(|e| e["actor"] == "Ahmed al-Sharaa")
        .unwrap_or_else(|| panic!("the Sharaa–Putin meeting, by its second actor: {putin}"));
    assert!(second["actors"].as_str().unwrap().ends_with("Vladimir Putin"), "{second}");
    for (path, args) in [
        ("/api/events?actor=putin&limit=500", vec!["events", "--actor", "putin"]),
        ("/api/events?actor=RUS&limit=500", vec!["events", "--actor", "RUS"]),
        ("/api/events?recipient=SYR&limit=500", vec!["events", "--recipient", "SYR"]),
        ("/api/events?type=consult&since=2025-10-16&limit=500", vec!["events", "--type", "consult", "--since", "2025-10-16"]),
        ("/api/events?speaker=sharaa&limit=500", vec!["events", "--speaker", "sharaa"]),
        ("/api/events?outlet=wire&limit=500", vec!["events", "--outlet", "wire"]),
        ("/api/events?document=visit-moscow&limit=500", vec!["events", "--document", "visit-moscow"]),
        ("/api/events?q=kremlin&limit=500", vec!["events", "--text", "kremlin"]),
    ] {
        let (a, c) = (api_ids(path), cli_ids(&args));
        assert_eq!(a, c, "{path} and {args:?}");
        assert_eq!(api(path)["total"].as_u64(), Some(a.len() as u64), "{path}");
    }
    for args in [["events", "--actor", "putin"], ["events", "--speaker", "sharaa"], ["events", "--text", "kremlin"]] {
        assert!(!cli_ids(&args).is_empty(), "{args:?} finds something");
    }
    // Counts over time take the same filter.
    let counted: u64 = api("/api/events/counts?by=day&actor=putin")["buckets"].as_array().unwrap().iter().map(|b| b["events"].as_u64().unwrap()).sum();
    let dated = items(&putin).iter().filter(|e| e["date"].as_str().is_some_and(|d| d.starts_with("20"))).count();
    assert_eq!(counted as usize, dated);

    // Statements: speaker, outlet, kind and text as `newsgraph quotes` reads them.
    let key = |q: &Value| format!("{}/{}", q["document"].as_str().unwrap(), q["id"].as_str().unwrap());
    for (path, args) in [
        ("/api/quotes?speaker=peskov&limit=500", vec!["quotes", "--speaker", "peskov"]),
        ("/api/quotes?type=direct&limit=500", vec!["quotes", "--type", "direct"]),
        ("/api/quotes?outlet=wire&limit=500", vec!["quotes", "--outlet", "wire"]),
        ("/api/quotes?q=bases&limit=500", vec!["quotes", "--text", "bases"]),
    ] {
        let a: Vec<String> = items(&api(path)).iter().map(key).collect();
        assert_eq!(a, cli(&db, &args).iter().map(key).collect::<Vec<_>>(), "{path}");
    }
    let bad = get(&format!("{}/api/quotes?actor=RUS", s.base));
    assert_eq!(bad.status, 400, "actor does not apply to statements: {}", bad.text());
    std::fs::remove_dir_all(&dir).unwrap();
}
