//! Reading the store: `articles`, `show`, `stats`.

use crate::exit;
use crate::output::{write_rows, Format};
use anyhow::Result;
use newsgraph_store::Store;
use serde_json::{json, Value};
use std::io::{self, Write};
use std::path::Path;

/// Open an existing database; a missing one is an error, not a new file.
pub fn open_existing(db: &Path) -> Result<Store> {
    if !db.exists() {
        anyhow::bail!("{}: no such database (run `newsgraph ingest` first, or give --db)", db.display());
    }
    Ok(Store::open(db)?)
}

pub fn articles(db: &Path, format: Option<Format>, limit: usize, offset: usize) -> Result<u8> {
    let store = open_existing(db)?;
    let rows: Vec<Value> =
        store.articles(limit, offset)?.into_iter().map(|r| serde_json::to_value(r).expect("row")).collect();
    let cols = ["id", "published", "title", "site", "words", "sentences", "entities", "quotes", "timexes", "events"];
    write_rows(&mut io::stdout().lock(), Format::or_default(format), &cols, &rows)?;
    Ok(exit::OK)
}

pub fn show(db: &Path, id: &str) -> Result<u8> {
    let store = open_existing(db)?;
    match store.record(id)? {
        Some(json) => {
            let mut out = io::stdout().lock();
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
            Ok(exit::OK)
        }
        None => {
            eprintln!("newsgraph: no document with id {id:?} in {}", db.display());
            Ok(exit::NOT_FOUND)
        }
    }
}

pub fn stats(db: &Path, format: Option<Format>) -> Result<u8> {
    let store = open_existing(db)?;
    let s = store.stats()?;
    let rows = vec![json!({"database": db.display().to_string()})]
        .into_iter()
        .chain(std::iter::once(serde_json::to_value(&s)?))
        .fold(serde_json::Map::new(), |mut m, v| {
            if let Value::Object(o) = v {
                m.extend(o);
            }
            m
        });
    let cols = [
        "database", "documents", "words", "sentences", "entities", "quotes", "timexes", "events",
        "first_published", "last_published", "bytes",
    ];
    let format = Format::or_default(format);
    let mut out = io::stdout().lock();
    if format == Format::Table {
        // One statistic a line reads better than a very wide table.
        for c in cols {
            let v = match &rows[c] {
                Value::String(s) => s.clone(),
                Value::Null => "-".into(),
                v => v.to_string(),
            };
            writeln!(out, "{c:<16} {v}")?;
        }
    } else {
        write_rows(&mut out, format, &cols, &[Value::Object(rows)])?;
    }
    Ok(exit::OK)
}
