//! The plain tables (events, mentions, statements, entities, articles) and
//! the writers that share them: JSONL, CSV, Parquet.

use crate::{drive, Places, Result};
use newsgraph_store::{applies, Filter, Store};
use std::io::Write;

/// A value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map_or(Cell::Null, Cell::Text)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(v)
    }
}

impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Int(v)
    }
}

impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Cell {
        v.map_or(Cell::Null, Cell::Int)
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map_or(Cell::Null, Cell::Float)
    }
}

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Text,
}

/// A table of the plain exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row an event (stored once however many reports it has).
    Events,
    /// One row a report of an event: document, sentence, evidence offsets.
    Mentions,
    /// One row a statement.
    Statements,
    /// One row an entity across documents.
    Entities,
    /// One row a stored article.
    Articles,
}

use Kind::{Float, Int, Text};

const EVENTS: &[(&str, Kind)] = &[
    ("id", Int),
    ("date", Text),
    ("type", Text),
    ("mode", Text),
    ("cameo", Text),
    ("quad_class", Int),
    ("goldstein", Float),
    ("context", Text),
    ("modality", Text),
    ("actor", Text),
    ("actor_code", Text),
    ("actor_entity", Int),
    ("recipient", Text),
    ("recipient_code", Text),
    ("recipient_entity", Int),
    ("actors", Text),
    ("recipients", Text),
    ("place", Text),
    ("place_entity", Int),
    ("latitude", Float),
    ("longitude", Float),
    ("mentions", Int),
    ("documents", Int),
    ("sources", Int),
    ("first_document", Text),
    ("first_url", Text),
    ("first_published", Text),
    ("added", Text),
];

const MENTIONS: &[(&str, Kind)] = &[
    ("event", Int),
    ("document", Text),
    ("id", Text),
    ("sentence", Int),
    ("start", Int),
    ("end", Int),
    ("evidence", Text),
    ("source", Text),
    ("source_entity", Int),
    ("quote", Text),
    ("published", Text),
    ("site", Text),
    ("url", Text),
];

const STATEMENTS: &[(&str, Kind)] = &[
    ("document", Text),
    ("id", Text),
    ("published", Text),
    ("site", Text),
    ("kind", Text),
    ("speaker", Text),
    ("speaker_entity", Int),
    ("speaker_name", Text),
    ("cue", Text),
    ("addressee", Text),
    ("via", Text),
    ("text", Text),
    ("sentence", Text),
];

const ENTITIES: &[(&str, Kind)] = &[
    ("id", Int),
    ("name", Text),
    ("type", Text),
    ("country", Text),
    ("sector", Text),
    ("documents", Int),
    ("mentions", Int),
];

const ARTICLES: &[(&str, Kind)] = &[
    ("id", Text),
    ("published", Text),
    ("title", Text),
    ("site", Text),
    ("url", Text),
    ("words", Int),
    ("sentences", Int),
    ("entities", Int),
    ("quotes", Int),
    ("timexes", Int),
    ("events", Int),
    ("copies", Int),
];

impl Table {
    pub const ALL: &'static [Table] = &[Table::Events, Table::Mentions, Table::Statements, Table::Entities, Table::Articles];

    pub fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Mentions => "mentions",
            Table::Statements => "statements",
            Table::Entities => "entities",
            Table::Articles => "articles",
        }
    }

    pub fn columns(self) -> &'static [(&'static str, Kind)] {
        match self {
            Table::Events => EVENTS,
            Table::Mentions => MENTIONS,
            Table::Statements => STATEMENTS,
            Table::Entities => ENTITIES,
            Table::Articles => ARTICLES,
        }
    }

    /// The filter fields this table uses (mentions: those of their events).
    pub fn applies(self) -> &'static [&'static str] {
        match self {
            Table::Events | Table::Mentions => applies::EVENTS,
            Table::Statements => applies::STATEMENTS,
            Table::Entities => applies::ENTITIES,
            Table::Articles => applies::ARTICLES,
        }
    }
}

/// Where rows go.
pub(crate) trait Sink {
    fn begin(&mut self, columns: &'static [(&'static str, Kind)]) -> Result<()>;
    fn row(&mut self, cells: Vec<Cell>) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
}

/// Write `table` (filtered) to a sink; returns the number of rows.
/// Every member of a side, in order, joined by " + ": "Name (CODE)", or the
/// name or the code alone; `None` when the side is empty.
fn members(side: &[newsgraph_store::Member]) -> Option<String> {
    let one = |m: &newsgraph_store::Member| match (&m.name, &m.code) {
        (Some(n), Some(c)) => format!("{n} ({c})"),
        (Some(x), None) | (None, Some(x)) => x.clone(),
        (None, None) => m.entity.map_or_else(String::new, |id| format!("entity {id}")),
    };
    (!side.is_empty()).then(|| side.iter().map(one).collect::<Vec<_>>().join(" + "))
}

pub(crate) fn write(store: &Store, f: &Filter, table: Table, sink: &mut dyn Sink) -> Result<u64> {
    sink.begin(table.columns())?;
    let mut n = 0u64;
    let mut put = |cells: Vec<Cell>| {
        n += 1;
        sink.row(cells)
    };
    match table {
        Table::Events => {
            let mut places = Places::new(store);
            drive(
                |each| store.each_event(f, each),
                |e| {
                    let coords = places.of(e.place_entity)?;
                    let (actors, recipients) = store.members_of(e.id)?;
                    put(vec![
                        e.id.into(),
                        e.date.into(),
                        e.r#type.into(),
                        e.mode.into(),
                        e.cameo.into(),
                        e.quad_class.into(),
                        e.goldstein.into(),
                        e.context.into(),
                        e.modality.into(),
                        e.actor.into(),
                        e.actor_code.into(),
                        e.actor_entity.into(),
                        e.recipient.into(),
                        e.recipient_code.into(),
                        e.recipient_entity.into(),
                        members(&actors).into(),
                        members(&recipients).into(),
                        e.place.into(),
                        e.place_entity.into(),
                        coords.map(|c| c.0).into(),
                        coords.map(|c| c.1).into(),
                        e.mentions.into(),
                        e.documents.into(),
                        e.sources.into(),
                        e.first_document.into(),
                        e.first_url.into(),
                        e.first_published.into(),
                        e.added.into(),
                    ])
                },
            )?;
        }
        Table::Mentions => drive(
            |each| store.each_mention(f, each),
            |m| {
                put(vec![
                    m.event.into(),
                    m.document.into(),
                    m.id.into(),
                    m.sentence.into(),
                    m.start.into(),
                    m.end.into(),
                    m.evidence.into(),
                    m.source.into(),
                    m.source_entity.into(),
                    m.quote.into(),
                    m.published.into(),
                    m.site.into(),
                    m.url.into(),
                ])
            },
        )?,
        Table::Statements => drive(
            |each| store.each_quote(f, each),
            |q| {
                put(vec![
                    q.document.into(),
                    q.id.into(),
                    q.published.into(),
                    q.site.into(),
                    q.kind.into(),
                    q.speaker.into(),
                    q.speaker_entity.into(),
                    q.speaker_name.into(),
                    q.cue.into(),
                    q.addressee.into(),
                    q.via.into(),
                    q.text.into(),
                    q.sentence.into(),
                ])
            },
        )?,
        Table::Entities => drive(
            |each| store.each_entity(f, each),
            |e| {
                put(vec![
                    e.id.into(),
                    e.name.into(),
                    e.r#type.into(),
                    e.country.into(),
                    e.sector.into(),
                    e.documents.into(),
                    e.mentions.into(),
                ])
            },
        )?,
        Table::Articles => drive(
            |each| store.each_article(f, each),
            |a| {
                put(vec![
                    a.id.into(),
                    a.published.into(),
                    a.title.into(),
                    a.site.into(),
                    a.url.into(),
                    a.words.into(),
                    a.sentences.into(),
                    a.entities.into(),
                    a.quotes.into(),
                    a.timexes.into(),
                    a.events.into(),
                    a.copies.into(),
                ])
            },
        )?,
    }
    sink.finish()?;
    Ok(n)
}

/// One JSON object a line, keys in column order, nulls kept.
pub(crate) struct Jsonl<W: Write> {
    pub out: W,
    pub columns: &'static [(&'static str, Kind)],
}

impl<W: Write> Sink for Jsonl<W> {
    fn begin(&mut self, columns: &'static [(&'static str, Kind)]) -> Result<()> {
        self.columns = columns;
        Ok(())
    }
    fn row(&mut self, cells: Vec<Cell>) -> Result<()> {
        let mut obj = serde_json::Map::with_capacity(cells.len());
        for ((name, _), cell) in self.columns.iter().zip(cells) {
            obj.insert((*name).to_string(), json(cell));
        }
        serde_json::to_writer(&mut self.out, &obj).map_err(std::io::Error::from)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        Ok(self.out.flush()?)
    }
}

pub(crate) fn json(c: Cell) -> serde_json::Value {
    match c {
        Cell::Null => serde_json::Value::Null,
        Cell::Int(i) => i.into(),
        Cell::Float(f) => serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Cell::Text(s) => s.into(),
    }
}

/// CSV (RFC 4180 quoting, `\n` line ends) with a header line; null is an
/// empty field.
pub(crate) struct Csv<W: Write>(pub W);

impl<W: Write> Sink for Csv<W> {
    fn begin(&mut self, columns: &'static [(&'static str, Kind)]) -> Result<()> {
        let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
        writeln!(self.0, "{}", names.join(","))?;
        Ok(())
    }
    fn row(&mut self, cells: Vec<Cell>) -> Result<()> {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.0.write_all(b",")?;
            }
            match c {
                Cell::Null => {}
                Cell::Int(v) => write!(self.0, "{v}")?,
                Cell::Float(v) => write!(self.0, "{v}")?,
                Cell::Text(s) if s.contains([',', '"', '\n', '\r']) => write!(self.0, "\"{}\"", s.replace('"', "\"\""))?,
                Cell::Text(s) => self.0.write_all(s.as_bytes())?,
            }
        }
        self.0.write_all(b"\n")?;
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        Ok(self.0.flush()?)
    }
}
