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

    // Fastest time of each stage over `repeat` runs, one core: wall-clock
    // and the CPU time this thread got (what a core does when the machine
    // is shared).
    let mut best = vec![f64::INFINITY; pipeline::STAGES.len() + 1];
    let mut best_cpu = vec![f64::INFINITY; pipeline::STAGES.len() + 1];
    for _ in 0..repeat.max(1) {
        let mut work = docs.clone();
        for (i, stage) in pipeline::STAGES.iter().enumerate() {
            let (t, c) = (Instant::now(), thread_cpu_seconds());
            for d in &mut work {
                (stage.run)(d);
            }
            best[i] = best[i].min(t.elapsed().as_secs_f64());
            best_cpu[i] = best_cpu[i].min(thread_cpu_seconds() - c);
        }
        let (t, c) = (Instant::now(), thread_cpu_seconds());
        let mut out = 0usize;
        for d in &work {
            out += serde_json::to_string(&d.to_record())?.len();
        }
        std::hint::black_box(out);
        best[pipeline::STAGES.len()] = best[pipeline::STAGES.len()].min(t.elapsed().as_secs_f64());
        best_cpu[pipeline::STAGES.len()] = best_cpu[pipeline::STAGES.len()].min(thread_cpu_seconds() - c);
    }
    let total: f64 = best.iter().sum();
    let total_cpu: f64 = best_cpu.iter().sum();
    let names = pipeline::STAGES.iter().map(|s| s.name).chain(["record"]).chain(["total"]);
    let times = best.iter().copied().chain([total]).zip(best_cpu.iter().copied().chain([total_cpu]));
    let rows: Vec<Value> = names
        .zip(times)
        .map(|(name, (secs, cpu))| {
            json!({
                "stage": name,
                "seconds": round(secs, 4),
                "words_per_sec": round(words as f64 / secs, 0),
                "mb_per_sec": round(bytes as f64 / secs / 1e6, 2),
                "articles_per_sec": round(docs.len() as f64 / secs, 1),
                "share_pct": round(100.0 * secs / total, 1),
                "cpu_seconds": round(cpu, 4),
                "words_per_cpu_sec": if cpu > 0.0 { round(words as f64 / cpu, 0) } else { 0.0 },
            })
        })
        .collect();
    let format = Format::or_default(format);
    let cols = ["stage", "seconds", "words_per_sec", "mb_per_sec", "articles_per_sec", "share_pct", "cpu_seconds", "words_per_cpu_sec"];
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

/// CPU time this thread has run, in seconds (Linux: the scheduler's
/// nanosecond count in /proc/thread-self/schedstat, else the tick counts of
/// /proc/thread-self/stat); 0 where neither exists.
fn thread_cpu_seconds() -> f64 {
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse::<u64>().ok()))
        .filter(|&ns| ns > 0)
    {
        return ns as f64 / 1e9;
    }
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else { return 0.0 };
    // Fields after the command name (which may hold spaces): utime, stime
    // are the 12th and 13th, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest.split_whitespace().skip(11).take(2).filter_map(|x| x.parse().ok()).collect();
    f.iter().sum::<u64>() as f64 / 100.0
}

/// Peak resident memory of this process, from /proc (Linux).
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
