//! `extract` and `ingest`: read inputs, run the pipeline on every core, and
//! write records in input order.

use crate::{exit, pipeline, InputArgs};
use anyhow::Result;
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
    fn write(&mut self, docs: &[Doc], records: &[Record], json: &[String]) -> Result<usize>;
}

struct Stdout(BufWriter<io::Stdout>);

impl Sink for Stdout {
    fn has(&mut self, _id: &str) -> Result<bool> {
        Ok(false)
    }
    fn write(&mut self, _docs: &[Doc], _records: &[Record], json: &[String]) -> Result<usize> {
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
    fn write(&mut self, docs: &[Doc], records: &[Record], json: &[String]) -> Result<usize> {
        let rows: Vec<StoredDoc> = docs
            .iter()
            .zip(records)
            .zip(json)
            .map(|((d, r), j)| StoredDoc {
                id: &d.id,
                url: d.url.as_deref(),
                site: d.site.as_deref(),
                title: d.title.as_deref(),
                published: d.published.as_deref(),
                words: d.word_count(),
                sentences: d.sentences.len(),
                entities: d.entities.len(),
                quotes: d.quotes.len(),
                timexes: d.timexes.len(),
                events: d.events.len(),
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

fn defaults(args: &InputArgs) -> Defaults {
    Defaults {
        published: args.published.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        site: args.site.clone(),
    }
}

pub fn extract(args: &InputArgs) -> Result<u8> {
    let mut sink = Stdout(BufWriter::with_capacity(1 << 16, io::stdout()));
    let (s, _) = run(args, &mut sink)?;
    Ok(if s.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}

pub fn ingest(args: &InputArgs, db: &Path) -> Result<u8> {
    let mut store = Store::open(db)?;
    let (s, secs) = run(args, &mut store)?;
    eprintln!(
        "ingested {} new documents into {} ({} already stored, {} errors) in {:.1} s",
        s.written,
        db.display(),
        s.skipped,
        s.errors,
        secs
    );
    Ok(if s.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}

fn run(args: &InputArgs, sink: &mut dyn Sink) -> Result<(Summary, f64)> {
    let start = Instant::now();
    if let Some(path) = &args.actors {
        newsgraph_understand::entities::lexicon::load_actor_file(path).map_err(anyhow::Error::msg)?;
    }
    let defaults = defaults(args);
    let (files, errors) = expand(&args.paths);
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

fn flush(batch: &mut Vec<Doc>, sink: &mut dyn Sink, sum: &mut Summary) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let (records, json): (Vec<Record>, Vec<String>) = batch
        .par_iter_mut()
        .map(|doc| {
            pipeline::process(doc);
            let r = doc.to_record();
            let j = serde_json::to_string(&r).expect("records always serialize");
            (r, j)
        })
        .unzip();
    let added = sink.write(batch, &records, &json)?;
    sum.written += added;
    sum.skipped += batch.len() - added;
    batch.clear();
    Ok(())
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
