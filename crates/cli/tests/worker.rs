//! `worker` and `load`: shards per input, merged idempotently.

mod common;
use common::*;

#[test]
fn worker_writes_one_shard_per_input_and_load_merges_them_once() {
    let dir = tempdir("worker");
    let out = dir.join("shards");
    let a = dir.join("a.jsonl");
    let b = dir.join("b.txt");
    std::fs::write(&a, "{\"id\":\"a1\",\"text\":\"Putin met Sharaa in Moscow.\"}\n{\"id\":\"a2\",\"text\":\"Talks went on.\"}\n").unwrap();
    std::fs::write(&b, "Zelenskyy thanked his partners.").unwrap();
    let paths = format!("{}\n{}\n", s(&a), s(&b));
    let run1 = run(&["worker", "--out", s(&out)], Some(&paths));
    assert_eq!(run1.status.code(), Some(0), "{}", stderr(&run1));
    let lines: Vec<Vec<String>> = stdout(&run1).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0][1].as_str(), lines[1][1].as_str()), ("2", "1"));
    let shards: Vec<String> = lines.iter().map(|l| l[0].clone()).collect();
    assert_eq!(std::fs::read_to_string(&shards[0]).unwrap().lines().count(), 2);
    assert!(!std::fs::read_dir(&out).unwrap().any(|e| e.unwrap().path().to_string_lossy().ends_with(".partial")));
    // Again: nothing is redone.
    let run2 = run(&["worker", "--out", s(&out)], Some(&paths));
    assert!(stdout(&run2).contains("done before"));

    let db = dir.join("news.db");
    let mut args = vec!["load", "--db", s(&db)];
    args.extend(shards.iter().map(String::as_str));
    let l1 = run(&args, None);
    assert_eq!(l1.status.code(), Some(0), "{}", stderr(&l1));
    assert!(stderr(&l1).contains("loaded 3 new documents"), "{}", stderr(&l1));
    let l2 = run(&args, None);
    assert!(stderr(&l2).contains("loaded 0 new documents") && stderr(&l2).contains("3 already stored"), "{}", stderr(&l2));
    // What load stored is what the worker computed.
    let shown = stdout(&run(&["show", "a1", "--db", s(&db)], None));
    let first = std::fs::read_to_string(&shards[0]).unwrap();
    assert_eq!(shown.trim_end(), first.lines().next().unwrap());
    // A shard with a bad line: reported, the rest loaded.
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, format!("not json\n{}\n", first.lines().nth(1).unwrap().replace("\"a2\"", "\"a3\""))).unwrap();
    let l3 = run(&["load", "--db", s(&db), s(&bad)], None);
    assert_eq!(l3.status.code(), Some(1));
    // (Its text is a2's: recognized as a copy of the stored story.)
    assert!(stderr(&l3).contains("bad.jsonl:1: not a record") && stderr(&l3).contains("1 copies of stored stories"), "{}", stderr(&l3));
}
