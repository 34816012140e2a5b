//! Bad input of every kind the web gives (issue #8, item 6): each gives an
//! error naming the file and the record, and everything else is processed.

mod common;
use common::*;
use std::io::Write;

const PAGE: &str = "<html><head><title>Mill reopens</title></head><body><article><p>The old mill on the river reopened as a \
museum on Saturday after four years of restoration work by volunteers from the village.</p></article></body></html>";

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(uri: &str, length: Option<usize>, block: &[u8]) -> Vec<u8> {
    let len = length.map(|n| format!("Content-Length: {n}\r\n")).unwrap_or_default();
    let mut r = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n{len}\r\n").into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn records(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn truncated_gzip_names_the_file_and_the_next_file_is_read() {
    let dir = tempdir("bad-gz");
    let mut cut = gz(PAGE.as_bytes());
    cut.truncate(cut.len() / 2);
    std::fs::write(dir.join("a-cut.html.gz"), &cut).unwrap();
    std::fs::write(dir.join("b-good.html"), PAGE).unwrap();
    let out = run(&["extract", s(&dir)], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    let err = stderr(&out);
    assert!(err.contains("a-cut.html.gz: truncated or corrupt gzip"), "{err}");
}

#[test]
fn malformed_warc_headers_skip_one_record_not_the_file() {
    let dir = tempdir("bad-warc");
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
    let other = http.replace("The old mill", "The new bakery");
    let third = http.replace("The old mill", "The town hall");
    let mut data = warc_record("https://a.example/1", Some(http.len()), http.as_bytes());
    // Record 2 has no Content-Length; then a line of garbage before record 4.
    data.extend(warc_record("https://a.example/2", None, b"HTTP/1.1 200 OK\r\n\r\nlost"));
    data.extend(warc_record("https://a.example/3", Some(other.len()), other.as_bytes()));
    data.extend(b"garbage between records\r\n");
    data.extend(warc_record("https://a.example/4", Some(third.len()), third.as_bytes()));
    let f = dir.join("crawl.warc");
    std::fs::write(&f, &data).unwrap();
    let out = run(&["extract", s(&f)], None);
    assert_eq!(out.status.code(), Some(1));
    let urls: Vec<String> = records(&out).iter().map(|r| r["url"].as_str().unwrap().to_string()).collect();
    assert_eq!(urls, ["https://a.example/1", "https://a.example/3", "https://a.example/4"]);
    let err = stderr(&out);
    assert!(err.contains("crawl.warc: WARC record 2: no valid Content-Length"), "{err}");
    assert!(err.contains("expected a WARC version line"), "{err}");
}

#[test]
fn byte_order_marks_and_windows_1252_are_read() {
    let dir = tempdir("bad-bom");
    std::fs::write(dir.join("a.jsonl"), "\u{feff}{\"id\":\"bom-1\",\"text\":\"The mill reopened on Saturday.\"}\n{\"id\":\"bom-2\",\"text\":\"The bakery opened.\"}\n").unwrap();
    std::fs::write(dir.join("b.txt"), "\u{feff}The town hall reopened on Monday.").unwrap();
    let mut cp1252 = b"<html><head><meta charset=\"utf-8\"><title>Caf\xe9</title></head><body><article><p>The caf\xe9 on the square reopened on \
Sunday, and the owner said \x93business is good\x94 after a long winter of repairs to the roof.</p></article></body></html>".to_vec();
    std::fs::write(dir.join("c.html"), &cp1252).unwrap();
    cp1252.splice(0..0, b"\xef\xbb\xbf".iter().copied());
    std::fs::write(dir.join("d.html"), &cp1252).unwrap();
    let out = run(&["extract", s(&dir)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    assert_eq!((recs[0]["id"].as_str(), recs[1]["id"].as_str()), (Some("bom-1"), Some("bom-2")));
    assert_eq!(recs[2]["text"], "The town hall reopened on Monday.");
    for r in &recs[3..] {
        assert!(r["text"].as_str().unwrap().contains("The café on the square") && r["text"].as_str().unwrap().contains("“business is good”"), "{r}");
    }
    // A BOM on standard input.
    let out = run(&["extract", "-"], Some("\u{feff}{\"id\":\"in-1\",\"text\":\"The mill reopened.\"}\n"));
    assert_eq!((out.status.code(), records(&out)[0]["id"].as_str()), (Some(0), Some("in-1")), "{}", stderr(&out));
}

#[test]
fn a_document_that_crashes_a_stage_is_reported_and_the_others_are_stored() {
    // NEWSGRAPH_TEST_PANIC makes the pipeline panic on the document it names,
    // as a bug in a stage would.
    let dir = tempdir("stage-panic");
    let f = dir.join("three.jsonl");
    std::fs::write(
        &f,
        "{\"id\":\"a1\",\"text\":\"Peskov said the talks went well.\"}\n{\"id\":\"bad\",\"text\":\"Peskov said the talks went badly.\"}\n{\"id\":\"a3\",\"text\":\"Putin met Sharaa on Wednesday.\"}\n",
    )
    .unwrap();
    let db = dir.join("n.db");
    let out = bin().args(["ingest", "--db", s(&db), s(&f)]).env("NEWSGRAPH_TEST_PANIC", "bad").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("document bad: internal error"), "{}", stderr(&out));
    let out = run(&["articles", "--db", s(&db), "--format", "jsonl"], None);
    let mut ids: Vec<String> = stdout(&out).lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    assert_eq!(ids, vec!["a1", "a3"]);
}
