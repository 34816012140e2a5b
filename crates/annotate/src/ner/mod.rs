//! Named-entity recognition (PER, ORG, LOC, MISC) over segmented text.

use newsgraph_doc::{BoxError, Doc, Table};
use std::io::Write;
use std::path::Path;

/// Fill `doc.mentions` (labels PERSON, ORG, LOC, MISC).
pub fn recognize(_doc: &mut Doc) {}

/// Train on CoNLL-2003 `train`, report on `dev`, write the model to `out`.
pub fn train(_train: &Path, _dev: &Path, _out: &Path) -> Result<Table, BoxError> {
    Err("NER training is not implemented yet".into())
}

/// Write `input` (CoNLL-2003 columns) back with a predicted IOB2 column.
pub fn tag_conll(_input: &Path, _out: &mut dyn Write) -> Result<(), BoxError> {
    Err("tagging is not implemented yet".into())
}

/// Per-type and overall entity precision, recall and F1 (conlleval).
pub fn eval_conll(_conll: &Path) -> Result<Table, BoxError> {
    Err("NER evaluation is not implemented yet".into())
}
