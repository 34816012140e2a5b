//! WARC archives: HTML responses become articles, the rest is passed over,
//! and a truncated archive keeps what came before the damage.

mod common;
use common::*;
use std::io::Write;

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-10-17T06:30:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn html_responses_of_a_gzipped_warc_become_articles() {
    let dir = tempdir("warc");
    let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Talks in Moscow</title></head><body><article>\
                <p>Syrian President Ahmed al-Sharaa met Vladimir Putin in Moscow on Wednesday, the Kremlin said.</p>\
                <p>Kremlin spokesman Dmitry Peskov said the two leaders discussed trade and energy.</p></article></body></html>";
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    // One gzip member per record, as crawlers write them.
    let mut data = gz(&record("warcinfo", "", b"software: newsgraph test"));
    data.extend(gz(&record("response", "https://example.org/moscow", page.as_bytes())));
    data.extend(gz(&record("response", "https://example.org/logo.png", image)));
    let good = dir.join("crawl.warc.gz");
    std::fs::write(&good, &data).unwrap();
    let out = run(&["extract", s(&good)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["url"], "https://example.org/moscow");
    assert_eq!(recs[0]["title"], "Talks in Moscow");
    assert_eq!((recs[0]["published"].as_str(), recs[0]["published_source"].as_str()), (Some("2025-10-17T06:30:00Z"), Some("crawl")));
    assert!(recs[0]["text"].as_str().unwrap().contains("Dmitry Peskov"));

    // Cut the archive inside its last record: the first article survives.
    let mut broken = data.clone();
    broken.extend(gz(&record("response", "https://example.org/second", page.as_bytes())));
    broken.truncate(broken.len() - 40);
    let bad = dir.join("broken.warc.gz");
    std::fs::write(&bad, &broken).unwrap();
    let out = run(&["extract", s(&bad)], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(stderr(&out).contains("broken.warc.gz"), "{}", stderr(&out));
}
