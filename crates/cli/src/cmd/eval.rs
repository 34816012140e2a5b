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
    /// UPOS accuracy, UAS and LAS of the tagger and parser against CoNLL-U.
    #[command(after_help = "Examples:\n  newsgraph eval parse --conllu ../shared/data/ud/en_ewt-ud-dev.conllu\n  newsgraph eval parse --conllu ../shared/data/ud/en_ewt-ud-dev.conllu --by-relation --format csv")]
    Parse {
        #[arg(long)]
        conllu: PathBuf,
        /// One row a relation instead: label precision, recall and F1 and
        /// head accuracy, the relations that lose the most LAS first.
        #[arg(long)]
        by_relation: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Entity precision, recall and F1 (conlleval) against CoNLL-2003.
    #[command(after_help = "Example:\n  newsgraph eval ner --conll ../shared/data/ner/conll2003.dev.txt")]
    Ner {
        #[arg(long)]
        conll: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// HTML main-text extraction: word 4-gram P/R/F1 against `articleBody`.
    #[command(after_help = "Example:\n  newsgraph eval extract --dir ../shared/data/extract")]
    Extract {
        #[arg(long)]
        dir: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Entity clustering (B-cubed) and country and sector accuracy against a
    /// gold file of articles (JSONL; see crates/understand/src/entities/eval.rs).
    #[command(after_help = "Example:\n  newsgraph eval entities --gold crates/understand/tests/data/entities_gold.jsonl")]
    Entities {
        #[arg(long)]
        gold: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Quotes: exact and overlap P/R/F1 for speaker, cue and content on PolNeAR.
    #[command(after_help = "Example:\n  newsgraph eval quotes --polnear ../shared/data/quotes/polnear_dev.jsonl")]
    Quotes {
        #[arg(long)]
        polnear: PathBuf,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Events: PLOVER type P/R/F1 and actor/recipient country accuracy.
    #[command(after_help = "Example:\n  newsgraph eval events --plover ../shared/data/events/plover_gsr.dev.json")]
    Events {
        #[arg(long)]
        plover: PathBuf,
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
        EvalCommand::Parse { conllu, by_relation: false, format } => (newsgraph_annotate::eval_parse(&conllu), format),
        EvalCommand::Parse { conllu, by_relation: true, format } => (newsgraph_annotate::eval_parse_relations(&conllu), format),
        EvalCommand::Ner { conll, format } => (newsgraph_annotate::eval_ner(&conll), format),
        EvalCommand::Extract { dir, format } => (newsgraph_ingest::eval_extract(&dir), format),
        EvalCommand::Entities { gold, format } => {
            (newsgraph_understand::entities::eval::eval_entities(&gold, &crate::pipeline::process), format)
        }
        EvalCommand::Quotes { polnear, format } => {
            (newsgraph_understand::quotes::eval_polnear(&polnear, &crate::pipeline::process), format)
        }
        EvalCommand::Events { plover, format } => {
            (newsgraph_understand::events::eval_plover(&plover, &crate::pipeline::process), format)
        }
        EvalCommand::Time { timeml, format } => (newsgraph_understand::time::eval_timeml(&timeml), format),
    };
    print(table.map_err(|e| anyhow!(e))?, format)
}

pub fn print(table: Table, format: FormatArg) -> Result<u8> {
    let cols: Vec<&str> = table.columns.iter().map(String::as_str).collect();
    write_rows(&mut std::io::stdout().lock(), Format::or_default(format.format), &cols, &table.rows)?;
    Ok(exit::OK)
}
