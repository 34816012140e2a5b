//! Throughput of time tagging on real news text (ignored by default: it
//! needs `../shared/data`). Run with
//! `cargo test --release -p newsgraph-understand --test time_speed -- --ignored --nocapture`.

use newsgraph_doc::Doc;
use std::time::{Duration, Instant};

#[test]
#[ignore]
fn polnear_throughput() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/quotes/polnear_train.jsonl");
    let Ok(src) = std::fs::read_to_string(path) else {
        eprintln!("no data at {path}");
        return;
    };
    let mut docs: Vec<Doc> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(Doc::new))
        .collect();
    let words: usize = docs.iter().map(|d| d.word_count()).sum();
    let mut seg = Duration::MAX;
    let mut tag = Duration::MAX;
    let mut n = 0;
    for _ in 0..3 {
        let t = Instant::now();
        for d in &mut docs {
            newsgraph_text::segment(d);
        }
        seg = seg.min(t.elapsed());
        let t = Instant::now();
        n = 0;
        for d in &mut docs {
            newsgraph_understand::time::tag(d);
            n += d.timexes.len();
        }
        tag = tag.min(t.elapsed());
    }
    let dated = docs.iter().filter(|d| d.published.is_some()).count();
    for d in docs.iter().filter(|d| d.published.is_some()).take(5) {
        eprintln!("published {:?} from {:?}: {:?}", d.published, d.published_source, d.text.get(..80));
    }
    eprintln!("{dated} documents dated from their text");
    eprintln!(
        "{} docs, {words} words, {n} timexes; segment {:.1} ms ({:.0} words/s), time::tag {:.1} ms ({:.0} words/s)",
        docs.len(),
        seg.as_secs_f64() * 1e3,
        words as f64 / seg.as_secs_f64(),
        tag.as_secs_f64() * 1e3,
        words as f64 / tag.as_secs_f64()
    );
}
