//! `train`, `parse` and `tag`: the linguistic models on gold-format files.

use crate::{exit, FormatArg};
use anyhow::{anyhow, Result};
use newsgraph_annotate::ModelKind;
use std::io::{BufWriter, Write};
use std::path::Path;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Model {
    /// Part-of-speech tagger (UD CoNLL-U).
    Pos,
    /// Dependency parser (UD CoNLL-U).
    Parse,
    /// Named-entity recognizer (CoNLL-2003).
    Ner,
    /// Quote attribution: speaker, cue and content (PolNeAR JSONL).
    Quotes,
}

pub fn train(model: Model, train: &Path, dev: &Path, out: &Path, format: FormatArg) -> Result<u8> {
    let kind = match model {
        Model::Pos => ModelKind::Pos,
        Model::Parse => ModelKind::Parse,
        Model::Ner => ModelKind::Ner,
        Model::Quotes => {
            let upto_quotes = |doc: &mut newsgraph_doc::Doc| {
                crate::pipeline::STAGES.iter().take_while(|s| s.name != "quotes").for_each(|s| (s.run)(doc));
            };
            let table = newsgraph_understand::quotes::train(train, dev, out, &upto_quotes, &mut |m| eprintln!("{m}"))
                .map_err(|e| anyhow!(e))?;
            return crate::cmd::eval::print(table, format);
        }
    };
    let table = newsgraph_annotate::train(kind, train, dev, out).map_err(|e| anyhow!(e))?;
    crate::cmd::eval::print(table, format)
}

pub fn parse(conllu: &Path) -> Result<u8> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    newsgraph_annotate::parse_conllu(conllu, &mut out).map_err(|e| anyhow!(e))?;
    out.flush()?;
    Ok(exit::OK)
}

pub fn tag(conll: &Path) -> Result<u8> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    newsgraph_annotate::tag_conll(conll, &mut out).map_err(|e| anyhow!(e))?;
    out.flush()?;
    Ok(exit::OK)
}
