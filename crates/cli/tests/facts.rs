//! Who, said, did: the query commands over the bundled examples.

mod common;
use common::*;
use serde_json::Value;

fn rows(args: &[&str]) -> Vec<Value> {
    let out = run(args, None);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_str::<Value>(&stdout(&out)).unwrap().as_array().unwrap().clone()
}

#[test]
fn entities_statements_and_events_of_the_examples() {
    let dir = tempdir("facts");
    let db = dir.join("news.db");
    let out = run(&["ingest", "--db", s(&db), s(&examples())], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = s(&db);

    let putin = rows(&["entities", "--db", d, "--name", "putin", "--format", "json"]);
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert_eq!((putin[0]["type"].as_str(), putin[0]["country"].as_str()), (Some("PERSON"), Some("RUS")));
    let id = putin[0]["id"].as_i64().unwrap().to_string();
    let one = rows(&["entity", &id, "--db", d, "--format", "json"]);
    assert_eq!(one[0]["appearances"][0]["document"], "visit-moscow");
    let russians = rows(&["entities", "--db", d, "--country", "RUS", "--type", "PERSON", "--format", "json"]);
    assert!(russians.len() >= 3, "Putin, Peskov, Novak: {russians:?}");

    let peskov = rows(&["quotes", "--db", d, "--speaker", "Peskov", "--format", "json"]);
    assert!(!peskov.is_empty(), "Peskov's statements");
    assert!(peskov.iter().all(|q| q["document"] == "visit-moscow"));
    let none = rows(&["quotes", "--db", d, "--since", "2030-01-01", "--format", "json"]);
    assert!(none.is_empty());

    let events = rows(&["events", "--db", d, "--format", "json"]);
    assert!(!events.is_empty());
    for e in &events {
        assert!(!e["evidence"].as_array().unwrap().is_empty(), "every event shows its sentence: {e}");
    }
    let csv = run(&["events", "--db", d, "--format", "csv"], None);
    assert!(stdout(&csv).starts_with("id,date,type,"));
}
