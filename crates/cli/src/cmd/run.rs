//! `extract` and `ingest`: read inputs, run the pipeline on every core, and
//! write records in input order.

use crate::{exit, pipeline, InputArgs};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph_doc::{Doc, Entity, Record};
use newsgraph_ingest::{expand, Defaults, Input};
use newsgraph_store::{Store, StoredDoc, StoredEntity};
use rayon::prelude::*;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

/// Documents processed together: in parallel, then written (or committed in
/// one transaction) in input order.
const BATCH: usize = 128;

/// Where processed documents go.
trait Sink {
    /// Whether to skip a document before processing it.
    fn has(&mut self, id: &str) -> Result<bool>;
    /// Write a batch; returns how many were new.
    fn write(&mut self, records: &[Record], json: &[String]) -> Result<usize>;
}

/// JSONL records to any writer (stdout, a shard file).
struct Lines<W: Write>(W);

impl<W: Write> Sink for Lines<W> {
    fn has(&mut self, _id: &str) -> Result<bool> {
        Ok(false)
    }
    fn write(&mut self, _records: &[Record], json: &[String]) -> Result<usize> {
        for j in json {
            self.0.write_all(j.as_bytes())?;
            self.0.write_all(b"\n")?;
        }
        self.0.flush()?;
        Ok(json.len())
    }
}

impl Sink for Store {
    fn has(&mut self, id: &str) -> Result<bool> {
        Ok(self.contains(id)?)
    }
    fn write(&mut self, records: &[Record], json: &[String]) -> Result<usize> {
        let rows: Vec<StoredDoc> = records
            .iter()
            .zip(json)
            .map(|(r, j)| StoredDoc {
                id: &r.id,
                url: r.url.as_deref(),
                site: r.site.as_deref(),
                title: r.title.as_deref(),
                published: r.published.as_deref(),
                words: r.text.split_whitespace().count(),
                sentences: r.sentences.len(),
                entities: r.entities.len(),
                quotes: r.quotes.len(),
                timexes: r.timexes.len(),
                events: r.events.len(),
                json: j,
                linked: r.entities.iter().map(stored_entity).collect(),
                record: Some(r),
            })
            .collect();
        Ok(self.insert(&rows)?)
    }
}

fn stored_entity(e: &Entity) -> StoredEntity<'_> {
    StoredEntity {
        local_id: &e.id,
        name: &e.name,
        r#type: &e.r#type,
        country: e.country.as_deref(),
        sector: e.sector.as_deref(),
        aliases: &e.aliases,
        keys: newsgraph_understand::entities::link_keys(e),
        mentions_json: serde_json::to_string(&e.mentions).expect("mentions serialize"),
        roles_json: serde_json::to_string(&e.roles).expect("roles serialize"),
    }
}

#[derive(Default)]
struct Summary {
    read: usize,
    written: usize,
    skipped: usize,
    errors: usize,
}

/// Load the user's actor file, if any, before the pipeline first runs.
fn load_actors(args: &InputArgs) -> Result<()> {
    if let Some(path) = &args.actors {
        newsgraph_understand::entities::lexicon::load_actor_file(path).map_err(anyhow::Error::msg)?;
    }
    Ok(())
}

fn defaults(args: &InputArgs) -> Defaults {
    Defaults {
        published: args.published.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        site: args.site.clone(),
    }
}

pub fn extract(args: &InputArgs) -> Result<u8> {
    load_actors(args)?;
    let mut sink = Lines(BufWriter::with_capacity(1 << 16, io::stdout()));
    let (s, _) = run(args, &args.paths, &mut sink)?;
    Ok(if s.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}

pub fn ingest(args: &InputArgs, db: &Path) -> Result<u8> {
    load_actors(args)?;
    let mut store = Store::open(db)?;
    let (s, secs) = run(args, &args.paths, &mut store)?;
    let copies = store.copies_seen();
    eprintln!(
        "ingested {} new documents into {} ({} already stored, {} copies of stored stories, {} errors) in {:.1} s",
        s.written,
        db.display(),
        s.skipped - copies,
        copies,
        s.errors,
        secs
    );
    Ok(if s.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}

fn run(args: &InputArgs, paths: &[std::path::PathBuf], sink: &mut dyn Sink) -> Result<(Summary, f64)> {
    let start = Instant::now();
    let defaults = defaults(args);
    let (files, errors) = expand(paths);
    let mut sum = Summary::default();
    for e in errors {
        eprintln!("newsgraph: error: {e}");
        sum.errors += 1;
    }
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let bar = progress_bar(total);
    let mut done_bytes = 0u64;
    let mut batch: Vec<Doc> = Vec::with_capacity(BATCH);
    for file in &files {
        let input = match Input::open(file, &defaults) {
            Ok(i) => i,
            Err(e) => {
                bar.suspend(|| eprintln!("newsgraph: error: {e}"));
                sum.errors += 1;
                continue;
            }
        };
        let counter = input.counter();
        for item in input {
            match item {
                Ok(doc) => {
                    sum.read += 1;
                    if sink.has(&doc.id)? {
                        sum.skipped += 1;
                        continue;
                    }
                    batch.push(doc);
                    if batch.len() == BATCH {
                        flush(&mut batch, sink, &mut sum)?;
                        bar.set_position(done_bytes + counter.get());
                    }
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("newsgraph: error: {e}"));
                    sum.errors += 1;
                }
            }
        }
        done_bytes += counter.get();
        bar.set_position(done_bytes);
    }
    flush(&mut batch, sink, &mut sum)?;
    bar.finish_and_clear();
    Ok((sum, start.elapsed().as_secs_f64()))
}

/// Run the pipeline on documents and store them (`fetch`, `watch`);
/// returns how many were new.
pub(crate) fn process_and_store(store: &mut Store, docs: &mut Vec<Doc>) -> Result<usize> {
    let mut sum = Summary::default();
    flush(docs, store, &mut sum)?;
    Ok(sum.written)
}

fn flush(batch: &mut Vec<Doc>, sink: &mut dyn Sink, sum: &mut Summary) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    // A document that makes a stage panic (a bug, never expected) is
    // reported and left out; the rest of the batch is still written.
    let test_panic = std::env::var_os("NEWSGRAPH_TEST_PANIC");
    let done: Vec<std::result::Result<(Record, String), String>> = batch
        .par_iter_mut()
        .map(|doc| {
            let id = doc.id.clone();
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if test_panic.as_ref().is_some_and(|v| v == id.as_str()) {
                    panic!("NEWSGRAPH_TEST_PANIC names this document");
                }
                pipeline::process(doc);
                let r = doc.to_record();
                let j = serde_json::to_string(&r).expect("records always serialize");
                (r, j)
            }))
            .map_err(|p| {
                let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
                format!("document {id}: internal error, document skipped: {}", why.unwrap_or_default())
            })
        })
        .collect();
    let (mut records, mut json) = (Vec::with_capacity(done.len()), Vec::with_capacity(done.len()));
    for d in done {
        match d {
            Ok((r, j)) => {
                records.push(r);
                json.push(j);
            }
            Err(e) => {
                eprintln!("newsgraph: error: {e}");
                sum.errors += 1;
            }
        }
    }
    let added = sink.write(&records, &json)?;
    sum.written += added;
    sum.skipped += records.len() - added;
    batch.clear();
    Ok(())
}

/// Run the pipeline on documents read elsewhere (`serve`) and store them, in
/// batches. Returns the ids stored and the ids not stored again (already
/// stored, or copies of stored stories).
pub(crate) fn store_docs(store: &mut Store, docs: Vec<Doc>) -> Result<(Vec<String>, Vec<String>)> {
    let (mut stored, mut skipped) = (Vec::new(), Vec::new());
    let mut sum = Summary::default();
    let mut batch: Vec<Doc> = Vec::with_capacity(BATCH);
    let mut ids: Vec<String> = Vec::with_capacity(BATCH);
    let mut docs = docs.into_iter().peekable();
    while let Some(doc) = docs.next() {
        if store.has(&doc.id)? {
            skipped.push(doc.id.clone());
        } else {
            ids.push(doc.id.clone());
            batch.push(doc);
        }
        if batch.len() == BATCH || docs.peek().is_none() {
            flush(&mut batch, store, &mut sum)?;
            for id in ids.drain(..) {
                let new = store.original_of(&id)?.is_none() && store.contains(&id)? && !stored.contains(&id);
                if new { stored.push(id) } else { skipped.push(id) }
            }
        }
    }
    Ok((stored, skipped))
}

/// `worker`: read input paths on stdin, one a line; write one shard of
/// records per input into `out` (written to a temporary name, then renamed, so
/// a killed worker leaves no partial shard); print each shard's path, its
/// documents and errors, tab-separated. A shard already there is not redone.
pub fn worker(args: &InputArgs, out: &Path) -> Result<u8> {
    load_actors(args)?;
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create the shard directory", out.display()))?;
    let mut status = exit::OK;
    let stdout = io::stdout();
    for line in io::stdin().lines() {
        let line = line.context("reading input paths from stdin")?;
        let input = line.trim();
        if input.is_empty() {
            continue;
        }
        let path = std::path::PathBuf::from(input);
        let stem = path.file_name().and_then(|n| n.to_str()).unwrap_or("input");
        let shard = out.join(format!("{stem}.{}.jsonl", &newsgraph_doc::text_id(input)[..8]));
        if shard.exists() {
            writeln!(stdout.lock(), "{}\tdone before\t0", shard.display())?;
            continue;
        }
        let tmp = shard.with_extension("jsonl.partial");
        let file = std::fs::File::create(&tmp).with_context(|| format!("{}: cannot write", tmp.display()))?;
        let mut sink = Lines(BufWriter::with_capacity(1 << 16, file));
        let (s, _) = run(args, std::slice::from_ref(&path), &mut sink)?;
        sink.0.flush()?;
        drop(sink);
        std::fs::rename(&tmp, &shard)?;
        if s.errors > 0 {
            status = exit::BAD_INPUT;
        }
        writeln!(stdout.lock(), "{}\t{}\t{}", shard.display(), s.written, s.errors)?;
    }
    Ok(status)
}

/// `load`: merge record shards (JSONL of newsgraph/1 records) into the
/// database. Idempotent: records already stored are skipped.
pub fn load(shards: &[std::path::PathBuf], db: &Path) -> Result<u8> {
    let start = Instant::now();
    let mut store = Store::open(db)?;
    let mut sum = Summary::default();
    for shard in shards {
        let file = match std::fs::File::open(shard) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("newsgraph: error: {}: {e}", shard.display());
                sum.errors += 1;
                continue;
            }
        };
        let mut reader = io::BufReader::new(file);
        let mut buf = Vec::new();
        let (mut records, mut json) = (Vec::new(), Vec::new());
        let mut line_no = 0u64;
        loop {
            buf.clear();
            let (n, overflow) = newsgraph_ingest::read_line_bounded(&mut reader, &mut buf, newsgraph_ingest::MAX_DOC_BYTES * 4)?;
            if n == 0 {
                break;
            }
            line_no += 1;
            let parsed = if overflow {
                Err("line too long".to_string())
            } else {
                std::str::from_utf8(&buf)
                    .map_err(|e| e.to_string())
                    .and_then(|t| serde_json::from_str::<Record>(t).map(|r| (r, t.to_string())).map_err(|e| e.to_string()))
            };
            match parsed {
                Ok((r, _)) if r.format != newsgraph_doc::FORMAT => {
                    eprintln!("newsgraph: error: {}:{line_no}: format {:?} is not {}", shard.display(), r.format, newsgraph_doc::FORMAT);
                    sum.errors += 1;
                }
                Ok((r, t)) => {
                    sum.read += 1;
                    records.push(r);
                    json.push(t);
                    if records.len() == BATCH {
                        sum.written += store.write(&records, &json)?;
                        records.clear();
                        json.clear();
                    }
                }
                Err(e) if buf.iter().all(u8::is_ascii_whitespace) => {
                    let _ = e;
                }
                Err(e) => {
                    eprintln!("newsgraph: error: {}:{line_no}: not a record: {e}", shard.display());
                    sum.errors += 1;
                }
            }
        }
        sum.written += store.write(&records, &json)?;
    }
    let copies = store.copies_seen();
    eprintln!(
        "loaded {} new documents into {} ({} already stored, {} copies of stored stories, {} errors) in {:.1} s",
        sum.written,
        db.display(),
        sum.read - sum.written - copies,
        copies,
        sum.errors,
        start.elapsed().as_secs_f64()
    );
    Ok(if sum.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}

fn progress_bar(total: u64) -> ProgressBar {
    if !io::stderr().is_terminal() || total < (1 << 20) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
