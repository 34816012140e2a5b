//! Segmentation speed on a JSONL file of articles (`text` field), one core:
//! `cargo run --release -p newsgraph-text --example segment_bench -- FILE [REPEAT]`.

use newsgraph_doc::Doc;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: segment_bench FILE.jsonl [REPEAT]");
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let src = std::fs::read_to_string(&path).expect("read");
    let mut docs: Vec<Doc> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(Doc::new))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let words: usize = docs.iter().map(Doc::word_count).sum();
    let (mut best, mut best_tok, mut best_sent) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for _ in 0..repeat {
        let t = Instant::now();
        for d in &mut docs {
            newsgraph_text::segment(d);
        }
        best = best.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for d in &mut docs {
            d.tokens.clear();
            newsgraph_text::tokenize(&d.text, &mut d.tokens);
        }
        best_tok = best_tok.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for d in &mut docs {
            d.sentences.clear();
            newsgraph_text::split_sentences(&d.text, &d.tokens, &mut d.sentences);
        }
        best_sent = best_sent.min(t.elapsed().as_secs_f64());
    }
    let toks: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let sents: usize = docs.iter().map(|d| d.sentences.len()).sum();
    println!(
        "{} docs, {:.1} MB, {} words, {} tokens, {} sentences\nsegment {:.1} MB/s {:.0} words/s; tokenize {:.1} MB/s; sentences {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        words,
        toks,
        sents,
        bytes as f64 / best / 1e6,
        words as f64 / best,
        bytes as f64 / best_tok / 1e6,
        bytes as f64 / best_sent / 1e6
    );
}
