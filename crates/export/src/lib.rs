//! Stored facts in other tools' formats (`docs/exports.md` documents every
//! column):
//!
//! - `jsonl`, `csv`, `parquet`: the tables [`Table`] (events, mentions,
//!   statements, entities, articles), one row a record, the same columns in
//!   each format;
//! - `gdelt`: the GDELT 2.0 event table (61 tab-separated columns) and its
//!   mentions table (16 columns), offsets in code points;
//! - `plover`: one PLOVER JSON record an event (JSONL).
//!
//! Every writer streams rows from the store; memory does not grow with the
//! database (Parquet holds one row group of [`ROW_GROUP`] rows).

mod gdelt;
mod parquet_out;
mod plover;
mod tables;

pub use tables::{Cell, Kind, Table};

use newsgraph_store::{Filter, Store, StoreError};
use std::io::Write;

/// Rows a Parquet row group holds.
pub const ROW_GROUP: usize = 8192;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[error("{0}")]
    Usage(String),
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gdelt,
    Plover,
    Jsonl,
    Csv,
    Parquet,
}

impl Format {
    /// The tables this format writes.
    pub fn tables(self) -> &'static [Table] {
        match self {
            Format::Gdelt => &[Table::Events, Table::Mentions],
            Format::Plover => &[Table::Events],
            Format::Jsonl | Format::Csv | Format::Parquet => Table::ALL,
        }
    }

    /// The file name of `table` in an export directory.
    pub fn file_name(self, table: Table) -> String {
        match self {
            // GDELT's own names end in .export.CSV and .mentions.CSV.
            Format::Gdelt => format!("newsgraph.{}.CSV", if table == Table::Events { "export" } else { "mentions" }),
            Format::Plover => "plover.jsonl".into(),
            Format::Jsonl => format!("{}.jsonl", table.name()),
            Format::Csv => format!("{}.csv", table.name()),
            Format::Parquet => format!("{}.parquet", table.name()),
        }
    }
}

/// Write one table of the store, filtered, in a format; returns the number
/// of rows written. The filter's fields that do not apply to the table are
/// ignored (see `Table::applies`).
pub fn write<W: Write + Send>(store: &Store, filter: &Filter, format: Format, table: Table, out: W) -> Result<u64> {
    if !format.tables().contains(&table) {
        return Err(ExportError::Usage(format!("{format:?} has no {} table", table.name()).to_lowercase()));
    }
    let f = filter.restricted(table.applies());
    match format {
        Format::Gdelt if table == Table::Events => gdelt::events(store, &f, out),
        Format::Gdelt => gdelt::mentions(store, &f, out),
        Format::Plover => plover::events(store, &f, out),
        Format::Jsonl => tables::write(store, &f, table, &mut tables::Jsonl { out: std::io::BufWriter::new(out), columns: &[] }),
        Format::Csv => tables::write(store, &f, table, &mut tables::Csv(std::io::BufWriter::new(out))),
        Format::Parquet => tables::write(store, &f, table, &mut parquet_out::Parquet::new(out, table)?),
    }
}

/// Drive a store iteration with a fallible row handler: the first error
/// stops the iteration and is returned.
pub(crate) fn drive<T>(
    each: impl FnOnce(&mut dyn FnMut(T) -> bool) -> newsgraph_store::Result<()>,
    mut f: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut err = None;
    each(&mut |row| match f(row) {
        Ok(()) => true,
        Err(e) => {
            err = Some(e);
            false
        }
    })?;
    err.map_or(Ok(()), Err)
}

/// The day an event is dated by: its own date when it is a whole day, else
/// the publication day of its first report.
pub fn event_day(date: Option<&str>, first_published: Option<&str>) -> Option<String> {
    let day = |s: &str| {
        let d = s.get(..10)?;
        let b = d.as_bytes();
        (b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
            .then(|| d.to_string())
    };
    date.filter(|d| d.len() == 10).and_then(day).or_else(|| first_published.and_then(day))
}

/// The documents' records, one parsed at a time (rows come document by
/// document).
pub(crate) struct Records<'s> {
    store: &'s Store,
    last: Option<(String, Option<newsgraph_doc::Record>)>,
}

impl<'s> Records<'s> {
    pub fn new(store: &'s Store) -> Records<'s> {
        Records { store, last: None }
    }

    /// The stored record of `doc` (None when missing or unreadable).
    pub fn get(&mut self, doc: &str) -> Result<Option<&newsgraph_doc::Record>> {
        if self.last.as_ref().is_none_or(|(d, _)| d != doc) {
            let rec = self.store.record(doc)?.and_then(|j| serde_json::from_str(&j).ok());
            self.last = Some((doc.to_string(), rec));
        }
        Ok(self.last.as_ref().and_then(|(_, r)| r.as_ref()))
    }
}

/// Coordinates of stored places, looked up once each.
pub(crate) struct Places<'s> {
    store: &'s Store,
    known: std::collections::HashMap<i64, Option<(f64, f64)>>,
}

impl<'s> Places<'s> {
    pub fn new(store: &'s Store) -> Places<'s> {
        Places { store, known: Default::default() }
    }

    pub fn of(&mut self, place: Option<i64>) -> Result<Option<(f64, f64)>> {
        let Some(p) = place else { return Ok(None) };
        if let Some(c) = self.known.get(&p) {
            return Ok(*c);
        }
        let c = self.store.coordinates(p)?;
        self.known.insert(p, c);
        Ok(c)
    }
}

/// Code-point slice of a text.
pub(crate) fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}
