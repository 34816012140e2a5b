//! The one filter and full-text search, through the binary, over three short
//! articles of our own (tests/data/harbor.jsonl).

mod common;
use common::*;
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    let out = run(args, None);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_str::<Value>(&stdout(&out)).unwrap().as_array().unwrap().clone()
}

fn ids<'a>(rows: &'a [Value], key: &str) -> Vec<&'a str> {
    rows.iter().map(|r| r[key].as_str().unwrap_or("")).collect()
}

#[test]
fn search_finds_ranks_marks_and_leads_to_the_record_and_events() {
    let (dir, db) = harbor_db("search");
    let d = s(&db);
    let hits = json(&["search", "deal", "--db", d, "--in", "articles", "--format", "json"]);
    // "deal" four times (title too) in port-deal, once in harbor-strike, never in grain-talks.
    assert_eq!(ids(&hits, "document"), vec!["port-deal", "harbor-strike"]);
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    assert!(hits[0]["snippet"].as_str().unwrap().contains("**deal**"), "{}", hits[0]["snippet"]);

    let said = json(&["search", "corridor", "--db", d, "--format", "json"]);
    let st: Vec<&Value> = said.iter().filter(|h| h["kind"] == "statement").collect();
    assert_eq!(st.len(), 1, "{said:?}");
    assert_eq!((st[0]["document"].as_str(), st[0]["speaker"].as_str()), (Some("grain-talks"), Some("Andrii Sybiha")));
    // The ids lead somewhere: the record, its statement, its events.
    let show = run(&["show", "grain-talks", "--db", d], None);
    let record: Value = serde_json::from_str(&stdout(&show)).unwrap();
    let q = st[0]["statement"].as_str().unwrap();
    let quote = record["quotes"].as_array().unwrap().iter().find(|x| x["id"] == q).unwrap();
    assert!(quote["text"].as_str().unwrap().contains("corridor"));
    let events = json(&["events", "--db", d, "--document", "port-deal", "--format", "json"]);
    assert!(!events.is_empty());
    for e in &events {
        assert!(e["evidence"].as_array().unwrap().iter().any(|m| m["document"] == "port-deal"), "{e}");
    }

    // Speaker names are searched; filters narrow; a statement filter leaves articles out.
    let by = json(&["search", "sybiha", "--db", d, "--in", "statements", "--format", "json"]);
    assert_eq!(by.len(), 2, "both of Sybiha's statements: {by:?}");
    let narrowed = json(&["search", "deal", "--db", d, "--outlet", "harbor", "--since", "2025-10", "--format", "json"]);
    assert!(!narrowed.is_empty() && narrowed.iter().all(|h| h["document"] == "harbor-strike"), "{narrowed:?}");
    let only_st = json(&["search", "deal", "--db", d, "--speaker", "mitsotakis", "--format", "json"]);
    assert_eq!(ids(&only_st, "kind"), vec!["statement"]);
    assert!(json(&["search", "zeppelin", "--db", d, "--format", "json"]).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_queries_and_flags_are_usage_errors() {
    let (dir, db) = harbor_db("bad");
    let d = s(&db);
    for q in ["\"unterminated", "deal AND", "nosuchcolumn:deal", "NEAR/x"] {
        let out = run(&["search", q, "--db", d], None);
        assert_eq!(out.status.code(), Some(2), "{q}: {}", stderr(&out));
        assert!(stderr(&out).contains("full-text query"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    let out = run(&["quotes", "--db", d, "--text", "deal AND"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["articles", "--db", d, "--actor", "GRC"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--actor does not apply"), "{}", stderr(&out));
    let out = run(&["events", "--db", d, "--since", "10/2025"], None);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_filter_across_commands() {
    let (dir, db) = harbor_db("filters");
    let d = s(&db);
    let arts = json(&["articles", "--db", d, "--outlet", "harbor times", "--format", "json"]);
    assert_eq!(ids(&arts, "id"), vec!["harbor-strike", "port-deal"], "newest first");
    let arts = json(&["articles", "--db", d, "--outlet", "harbor", "--until", "2025-09", "--format", "json"]);
    assert_eq!(ids(&arts, "id"), vec!["port-deal"]);
    let arts = json(&["articles", "--db", d, "--text", "piraeus NOT strike", "--format", "json"]);
    assert_eq!(ids(&arts, "id"), vec!["port-deal"]);
    let arts = json(&["articles", "--db", d, "--name", "sybiha", "--format", "json"]);
    assert_eq!(ids(&arts, "id"), vec!["grain-talks"]);

    let all = json(&["quotes", "--db", d, "--format", "json"]);
    let sybiha = json(&["quotes", "--db", d, "--speaker", "sybiha", "--format", "json"]);
    assert_eq!(sybiha.len(), 2);
    let direct = json(&["quotes", "--db", d, "--speaker", "sybiha", "--type", "direct", "--format", "json"]);
    assert_eq!(direct.len(), 1);
    assert!(direct[0]["text"].as_str().unwrap().contains("corridor"));
    let harbor = json(&["quotes", "--db", d, "--outlet", "harbor", "--format", "json"]);
    assert!(harbor.iter().all(|q| q["site"] == "Harbor Times") && harbor.len() < all.len() && !harbor.is_empty());
    let text = json(&["quotes", "--db", d, "--text", "jobs", "--format", "json"]);
    assert_eq!(ids(&text, "document"), vec!["port-deal"]);

    let ents = json(&["entities", "--db", d, "--document", "grain-talks", "--type", "PERSON", "--format", "json"]);
    assert!(ids(&ents, "name").contains(&"Andrii Sybiha"), "{ents:?}");
    assert!(!ids(&ents, "name").contains(&"Kyriakos Mitsotakis"));

    let ev = json(&["events", "--db", d, "--format", "json"]);
    let late = json(&["events", "--db", d, "--since", "2025-10", "--outlet", "harbor", "--format", "json"]);
    assert!(!late.is_empty() && late.len() < ev.len());
    for e in &late {
        assert!(e["date"].as_str().unwrap() >= "2025-10");
        assert!(e["evidence"].as_array().unwrap().iter().any(|m| m["document"] == "harbor-strike"), "{e}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_database_made_before_the_index_gets_it_on_first_open() {
    let (dir, db) = harbor_db("old");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TABLE articles_fts; DROP TABLE statements_fts; DROP VIEW article_text;
         DELETE FROM settings WHERE key = 'fts_built';",
    )
    .unwrap();
    drop(c);
    let hits = json(&["search", "corridor OR deal", "--db", s(&db), "--format", "json"]);
    let kinds: Vec<&str> = ids(&hits, "kind");
    assert_eq!(kinds.iter().filter(|k| **k == "article").count(), 3, "{hits:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "statement").count(), 3, "{hits:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
