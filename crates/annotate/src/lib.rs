//! Trained linguistic models over segmented documents: part-of-speech
//! tagging, dependency parsing and named-entity recognition.
//!
//! Reads `Doc::tokens` and `Doc::sentences`; writes `Doc::parse` and
//! `Doc::mentions`. Never changes the text, tokens or sentences.

pub mod learn;
pub mod ner;

use newsgraph_doc::Doc;

/// Tag, parse and recognize entities in a segmented document.
pub fn annotate(doc: &mut Doc) {
    ner::recognize(doc);
}

use newsgraph_doc::{BoxError, Table};
use std::io::Write;
use std::path::Path;

/// The models `newsgraph train` builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    Pos,
    Parse,
    Ner,
}

/// Train a model on `train`, report dev scores on `dev`, write it to `out`.
pub fn train(kind: ModelKind, train: &Path, dev: &Path, out: &Path) -> Result<Table, BoxError> {
    match kind {
        ModelKind::Ner => ner::train(train, dev, out),
        _ => Err("training is not implemented yet".into()),
    }
}

/// Write `input` (CoNLL-U) back with predicted UPOS, HEAD and DEPREL.
pub fn parse_conllu(_input: &Path, _out: &mut dyn Write) -> Result<(), BoxError> {
    Err("parsing is not implemented yet".into())
}

/// Write `input` (CoNLL-2003 columns) back with a predicted IOB2 column.
pub fn tag_conll(input: &Path, out: &mut dyn Write) -> Result<(), BoxError> {
    ner::tag_conll(input, out)
}

/// UPOS accuracy, UAS and LAS on a CoNLL-U file.
pub fn eval_parse(_conllu: &Path) -> Result<Table, BoxError> {
    Err("parser evaluation is not implemented yet".into())
}

/// Per-type and overall entity precision, recall and F1 (conlleval).
pub fn eval_ner(conll: &Path) -> Result<Table, BoxError> {
    ner::eval_conll(conll)
}
