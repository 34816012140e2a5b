//! `eval`: score a stage against gold data and print the figures.

use crate::exit;
use crate::output::{write_rows, Format};
use crate::FormatArg;
use anyhow::{anyhow, Result};
use clap::Subcommand;
use newsgraph_doc::Table;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Token and sentence-boundary F1 of the segmenter against CoNLL-U.
    #[command(after_help = "Example:\n  newsgraph eval segment --conllu ../shared/data/ud/en_ewt-ud-dev.conllu")]
    Segment {
        #[arg(long)]
        conllu: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Time expression detection and normalization against TimeML files.
    #[command(after_help = "Example:\n  newsgraph eval time --timeml ../shared/data/time")]
    Time {
        #[arg(long)]
        timeml: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
}

pub fn run(cmd: EvalCommand) -> Result<u8> {
    let (table, format) = match cmd {
        EvalCommand::Segment { conllu, format } => (newsgraph_text::eval_conllu(&conllu), format),
        EvalCommand::Time { timeml, format } => (newsgraph_understand::time::eval_timeml(&timeml), format),
    };
    print(table.map_err(|e| anyhow!(e))?, format)
}

pub fn print(table: Table, format: FormatArg) -> Result<u8> {
    let cols: Vec<&str> = table.columns.iter().map(String::as_str).collect();
    write_rows(&mut std::io::stdout().lock(), Format::or_default(format.format), &cols, &table.rows)?;
    Ok(exit::OK)
}
