//! `bench`: the speed of each pipeline stage on one core, and peak memory.

use crate::output::{write_rows, Format};
use crate::{exit, pipeline};
use anyhow::Result;
use newsgraph_doc::Doc;
use newsgraph_ingest::{Defaults, Input};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Instant;

pub fn run(inputs: &[PathBuf], limit: Option<usize>, repeat: usize, format: Option<Format>) -> Result<u8> {
    let mut docs = Vec::new();
    let mut bad = 0usize;
    'files: for path in inputs {
        for item in Input::open(path, &Defaults::default())? {
            match item {
                Ok(mut d) => {
                    d.meta.clear();
                    docs.push(d);
                    if limit.is_some_and(|l| docs.len() >= l) {
                        break 'files;
                    }
                }
                Err(e) => {
                    eprintln!("newsgraph: error: {e}");
                    bad += 1;
                }
            }
        }
    }
    anyhow::ensure!(!docs.is_empty(), "no articles to measure");
    let words: usize = docs.iter().map(Doc::word_count).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    // Fastest time of each stage over `repeat` runs, one core.
    let mut best = vec![f64::INFINITY; pipeline::STAGES.len() + 1];
    for _ in 0..repeat.max(1) {
        let mut work = docs.clone();
        for (i, stage) in pipeline::STAGES.iter().enumerate() {
            let t = Instant::now();
            for d in &mut work {
                (stage.run)(d);
            }
            best[i] = best[i].min(t.elapsed().as_secs_f64());
        }
        let t = Instant::now();
        let mut out = 0usize;
        for d in &work {
            out += serde_json::to_string(&d.to_record())?.len();
        }
        std::hint::black_box(out);
        best[pipeline::STAGES.len()] = best[pipeline::STAGES.len()].min(t.elapsed().as_secs_f64());
    }
    let total: f64 = best.iter().sum();
    let names = pipeline::STAGES.iter().map(|s| s.name).chain(["record"]).chain(["total"]);
    let times = best.iter().copied().chain([total]);
    let rows: Vec<Value> = names
        .zip(times)
        .map(|(name, secs)| {
            json!({
                "stage": name,
                "seconds": round(secs, 4),
                "words_per_sec": round(words as f64 / secs, 0),
                "mb_per_sec": round(bytes as f64 / secs / 1e6, 2),
                "articles_per_sec": round(docs.len() as f64 / secs, 1),
                "share_pct": round(100.0 * secs / total, 1),
            })
        })
        .collect();
    let format = Format::or_default(format);
    let cols = ["stage", "seconds", "words_per_sec", "mb_per_sec", "articles_per_sec", "share_pct"];
    let mut out = std::io::stdout().lock();
    write_rows(&mut out, format, &cols, &rows)?;
    eprintln!(
        "{} articles, {} words, {:.1} MB of text, one core; peak memory (VmHWM) {} MB",
        docs.len(),
        words,
        bytes as f64 / 1e6,
        peak_memory_mb().map_or("unknown".into(), |m| format!("{m:.1}"))
    );
    Ok(if bad > 0 { exit::BAD_INPUT } else { exit::OK })
}

fn round(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

/// Peak resident memory of this process, from /proc (Linux).
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
