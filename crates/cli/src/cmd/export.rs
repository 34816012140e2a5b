//! `export`: stored facts in other tools' formats (writers in
//! crates/export; columns in docs/exports.md).

use crate::cmd::query::open_existing;
use crate::{exit, FilterArgs, Usage};
use anyhow::{Context, Result};
use newsgraph_export::{ExportError, Format, Table};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    /// GDELT 2.0: the event table (61 tab-separated columns) or the mentions table.
    Gdelt,
    /// PLOVER JSON records, one event a line.
    Plover,
    /// One JSON object a line.
    Jsonl,
    /// CSV with a header line.
    Csv,
    /// Apache Parquet (needs --out).
    Parquet,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum TableArg {
    Events,
    Mentions,
    Statements,
    Entities,
    Articles,
}

/// Write stored records in another tool's format.
#[derive(clap::Args, Debug)]
#[command(after_help = "Tables: events (default), mentions (each report of an event: document, sentence, code-point
offsets of the evidence), statements, entities, articles. gdelt writes events or mentions; plover, events.
With --out DIR/ (an existing directory, or a path ending in /) every table of the format is written
into it (events.jsonl, mentions.jsonl, ...; newsgraph.export.CSV and newsgraph.mentions.CSV for gdelt),
or only --table. Without --out, one table goes to standard output (not parquet).

Filters: those of the table's listing command (events: --actor --recipient --type --place --since --until
--outlet --speaker --document --text; mentions: the same, of their events; statements: those of `quotes`;
entities and articles: theirs). Writing a directory, each table takes the filters that apply to it.
Every column is described in docs/exports.md.

Examples:
  newsgraph export --format gdelt --out gdelt/
  newsgraph export --format gdelt --table mentions --actor RUS > mentions.tsv
  newsgraph export --format plover --since 2025-10 --out events.jsonl
  newsgraph export --format csv --table statements --speaker Peskov
  newsgraph export --format parquet --out parquet/")]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Which table (default: events; every table with --out DIR/).
    #[arg(long, value_enum)]
    pub table: Option<TableArg>,
    /// A file, or a directory (existing, or ending in /) for every table.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub db: crate::DbArg,
    #[command(flatten)]
    pub filter: FilterArgs,
}

fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Gdelt => Format::Gdelt,
        FormatArg::Plover => Format::Plover,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Parquet => Format::Parquet,
    }
}

fn table(t: TableArg) -> Table {
    match t {
        TableArg::Events => Table::Events,
        TableArg::Mentions => Table::Mentions,
        TableArg::Statements => Table::Statements,
        TableArg::Entities => Table::Entities,
        TableArg::Articles => Table::Articles,
    }
}

/// The export errors that are the user's mistakes become usage errors.
fn classify(e: ExportError) -> anyhow::Error {
    match e {
        ExportError::Usage(m) => Usage(m).into(),
        ExportError::Store(s) => s.into(),
        e => e.into(),
    }
}

pub fn export(a: ExportArgs) -> Result<u8> {
    let fmt = format(a.format);
    let filter = a.filter.into_filter();
    let is_dir = a.out.as_ref().is_some_and(|p| p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/'));
    let tables: Vec<Table> = match (a.table.map(table), is_dir) {
        (Some(t), _) => vec![t],
        (None, true) => fmt.tables().to_vec(),
        (None, false) => vec![Table::Events],
    };
    for t in &tables {
        if !fmt.tables().contains(t) {
            return Err(Usage(format!("export: {:?} has no {} table", a.format, t.name()).to_lowercase()).into());
        }
    }
    // A filter flag must apply to a table written.
    let wrong: Vec<&str> =
        filter.fields_set().into_iter().filter(|f| !tables.iter().any(|t| t.applies().contains(f))).collect();
    if !wrong.is_empty() {
        let names: Vec<&str> = tables.iter().map(|t| t.name()).collect();
        let flags: Vec<String> = wrong.iter().map(|w| format!("--{w}")).collect();
        return Err(Usage(format!("export: {} does not apply to {}", flags.join(" "), names.join(", "))).into());
    }
    filter.check().map_err(|m| Usage(format!("export: {m}")))?;
    let store = open_existing(&a.db.db)?;
    match &a.out {
        None => {
            if matches!(fmt, Format::Parquet) {
                return Err(Usage("export: parquet is binary; give --out FILE or --out DIR/".into()).into());
            }
            let n = newsgraph_export::write(&store, &filter, fmt, tables[0], io::stdout()).map_err(classify)?;
            if io::stderr().is_terminal() {
                eprintln!("exported {n} rows of {}", tables[0].name());
            }
        }
        Some(out) => {
            if is_dir {
                std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create the directory", out.display()))?;
            }
            for t in &tables {
                let path = if is_dir { out.join(fmt.file_name(*t)) } else { out.clone() };
                let n = write_file(&store, &filter, fmt, *t, &path)?;
                eprintln!("exported {n} rows of {} to {}", t.name(), path.display());
            }
        }
    }
    Ok(exit::OK)
}

/// Write one table to `path` through a temporary file renamed when complete,
/// so a failed export leaves no half file under the name.
fn write_file(store: &newsgraph_store::Store, f: &newsgraph_store::Filter, fmt: Format, t: Table, path: &Path) -> Result<u64> {
    let tmp = path.with_extension(format!("{}.tmp", path.extension().and_then(|e| e.to_str()).unwrap_or("")));
    let file = std::fs::File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
    match newsgraph_export::write(store, f, fmt, t, file) {
        Ok(n) => {
            std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(classify(e))
        }
    }
}
