//! `extract` output: the record format, its schema and its offsets.

mod common;
use common::*;
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/record.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// Python's text[start:end]: code points.
fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

#[test]
fn example_records_validate_and_offsets_count_code_points() {
    let out = run(&["extract", s(&examples())], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let validator = schema();
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "three JSONL articles and one text file");
    for r in &lines {
        let errors: Vec<String> = validator.iter_errors(r).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", r["id"]);
        let text = r["text"].as_str().unwrap();
        let sentences = r["sentences"].as_array().unwrap();
        assert!(sentences.len() >= 4, "{}", r["id"]);
        for s in sentences {
            let sl = slice(text, s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(!sl.trim().is_empty() && sl.trim() == sl, "sentence span {s} gives {sl:?}");
        }
        for e in r["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                assert_eq!(slice(text, m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()), m["text"].as_str().unwrap());
            }
        }
        for t in r["timexes"].as_array().unwrap() {
            assert_eq!(slice(text, t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap()), t["text"].as_str().unwrap());
        }
    }
    let visit = &lines[0];
    assert_eq!(visit["id"], "visit-moscow");
    assert_eq!(visit["format"], "newsgraph/1");
    assert_eq!(visit["published"], "2025-10-16");
    assert_eq!(visit["published_source"], "metadata");
    assert_eq!(visit["authors"][0], "Newsgraph Fixtures Desk");
}

#[test]
fn curly_quotes_accents_and_emoji_keep_code_point_offsets() {
    let text = "“Zoë’s café is closed,” said José Núñez 🙂. He left.\n\nA new paragraph — with an em dash.";
    let line = serde_json::json!({"id": "u1", "text": text}).to_string();
    let out = run(&["extract", "-"], Some(&line));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert!(schema().is_valid(&r));
    let spans: Vec<String> = r["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(text, s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap()))
        .collect();
    assert_eq!(spans, vec!["“Zoë’s café is closed,” said José Núñez 🙂.", "He left.", "A new paragraph — with an em dash."]);
}

#[test]
fn text_metadata_from_flags_and_stable_ids() {
    let dir = tempdir("meta");
    let f = dir.join("story.txt");
    std::fs::write(&f, "Putin met Sharaa.\r\nThey talked.").unwrap();
    let args = ["extract", s(&f), "--published", "2025-10-16", "--title", "Talks", "--url", "https://example.org/a"];
    let a: Value = serde_json::from_str(stdout(&run(&args, None)).trim()).unwrap();
    assert_eq!((a["published"].as_str(), a["title"].as_str(), a["url"].as_str()), (Some("2025-10-16"), Some("Talks"), Some("https://example.org/a")));
    assert_eq!(a["text"], "Putin met Sharaa.\nThey talked.");
    // Same words, other whitespace: same id.
    std::fs::write(&f, "Putin  met Sharaa.\nThey talked.\n").unwrap();
    let b: Value = serde_json::from_str(stdout(&run(&["extract", s(&f)], None)).trim()).unwrap();
    assert_eq!(a["id"], b["id"]);
    assert_eq!(a["id"].as_str().unwrap().len(), 16);
    let bad = run(&["extract", s(&f), "--published", "yesterday"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--published"));
}
