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

#[test]
fn stored_events_carry_quad_class_goldstein_and_context() {
    let dir = tempdir("event-codes");
    // Made-up tables in the layouts of the CAMEO Goldstein table and of
    // PLOVER's CAMEO→PLOVER table: one line per CAMEO root.
    let (mut g, mut c) = (String::from("CAMEOEVENTCODE\tGOLDSTEINSCALE\n"), String::from("# test table\n"));
    for root in 1..=20 {
        g.push_str(&format!("{root:02}\t-{root}.5\n"));
        c.push_str(&format!("{root:02}: X,  , ctx{root}; extra # root\n"));
    }
    let (gp, cp) = (dir.join("goldstein.txt"), dir.join("cameo2plover.txt"));
    std::fs::write(&gp, g).unwrap();
    std::fs::write(&cp, c).unwrap();
    let db = dir.join("news.db");
    let out = bin()
        .args(["ingest", "--db", s(&db), s(&examples())])
        .env("NEWSGRAPH_GOLDSTEIN", &gp)
        .env("NEWSGRAPH_CAMEO2PLOVER", &cp)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = rows(&["events", "--db", s(&db), "--format", "json"]);
    assert!(!events.is_empty());
    for e in &events {
        let root: u32 = e["cameo"].as_str().unwrap()[..2].parse().unwrap();
        assert_eq!(e["goldstein"].as_f64(), Some(-(root as f64) - 0.5), "{e}");
        assert_eq!(e["context"].as_str(), Some(format!("ctx{root};extra").as_str()), "{e}");
        let quad = match e["type"].as_str().unwrap() {
            "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
            "COOPERATE" | "AID" | "RETREAT" => 2,
            "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
            _ => 4,
        };
        assert_eq!(e["quad_class"].as_i64(), Some(quad), "{e}");
    }
    // Without the tables: no scores, no contexts, the quad class still.
    let db2 = dir.join("plain.db");
    let out = run(&["ingest", "--db", s(&db2), s(&examples())], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for e in rows(&["events", "--db", s(&db2), "--format", "json"]) {
        assert!(e["goldstein"].is_null() && e["context"].is_null() && e["quad_class"].is_i64(), "{e}");
    }
}
