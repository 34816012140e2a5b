//! `search`: full-text search (SQLite FTS5) over stored articles and
//! statements, best first, with the matching passage.

use crate::cmd::query::open_existing;
use crate::output::{write_rows, Format};
use crate::{exit, FilterArgs, FormatArg, Page, Usage};
use anyhow::Result;
use newsgraph_store::{applies, Scope};
use serde_json::Value;
use std::io::{self, IsTerminal};

/// What to search.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum In {
    /// Article titles and texts.
    Articles,
    /// Statements: their words and their speaker.
    Statements,
    #[default]
    All,
}

/// Search the text of stored articles and statements.
#[derive(clap::Args, Debug)]
#[command(after_help = "The query: words (all must occur; 'talks' also finds 'talk'), \"a phrase\", prefix*, \
OR, NOT, NEAR(a b), title:word or text:word (articles), speaker:name (statements).

Filters: --outlet --document --since --until (both); --name (articles); --speaker --type --via (statements).
Each kind of result is searched only when every filter given applies to it.
Results rank by BM25; when more than 10,000 of a kind match (or more than the page's end, if further),
the most recently stored that many of them are ranked.

Each result gives the document id (`newsgraph show ID`, `newsgraph events --document ID`) and, for a
statement, its id in the document; the snippet marks matched words **like this**.

Examples:
  newsgraph search sanctions
  newsgraph search '\"air defence\" OR missiles' --since 2025-10 --format json
  newsgraph search 'bases' --in statements --speaker Peskov
  newsgraph search 'restor*' --outlet 'Example Wire' --in articles")]
pub struct SearchArgs {
    /// The query (FTS5 syntax).
    pub query: String,
    /// Search articles, statements or both.
    #[arg(long = "in", value_enum, default_value_t = In::All)]
    pub scope: In,
    #[command(flatten)]
    pub db: crate::DbArg,
    #[command(flatten)]
    pub format: FormatArg,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub page: Page,
}

pub fn search(a: SearchArgs) -> Result<u8> {
    if a.filter.text.is_some() {
        return Err(Usage("search: the query is the argument; --text does not apply here".into()).into());
    }
    let mut f = a.filter.only("search", applies::SEARCH)?;
    f.text = Some(a.query);
    f.scope = match a.scope {
        In::Articles => Scope::Articles,
        In::Statements => Scope::Statements,
        In::All => Scope::All,
    };
    let store = open_existing(&a.db.db)?;
    let hits = store.search(&f, a.page.into())?;
    let format = Format::or_default(a.format.format);
    let rows: Vec<Value> = hits
        .iter()
        .map(|h| {
            let mut v = serde_json::to_value(h).expect("row");
            if format == Format::Table {
                // BM25 is tiny for words found in most of a small collection.
                v["score"] = Value::from(if h.score >= 0.001 { format!("{:.3}", h.score) } else { format!("{:.1e}", h.score) });
            }
            v["who"] = Value::from(h.speaker.clone().or_else(|| h.title.clone()));
            v
        })
        .collect();
    let cols: &[&str] = if format == Format::Table {
        &["score", "kind", "document", "statement", "published", "who", "snippet"]
    } else {
        &["score", "kind", "document", "statement", "published", "title", "site", "speaker", "snippet"]
    };
    write_rows(&mut io::stdout().lock(), format, cols, &rows)?;
    if format == Format::Table && io::stdout().is_terminal() {
        eprintln!("{} results; `newsgraph show DOCUMENT` prints an article, `newsgraph events --document DOCUMENT` its events", hits.len());
    }
    Ok(exit::OK)
}
