//! Said: direct, mixed and indirect quotes with speaker, cue, addressee and
//! the outlet that relayed them.

use newsgraph_doc::{BoxError, Doc, Table};
use std::path::Path;

/// Fill `doc.quotes` (byte offsets). Runs after `entities::build`.
pub fn extract(_doc: &mut Doc) {}

/// Score quote extraction on PolNeAR JSONL (one annotator per article):
/// exact and overlap precision, recall and F1 for speaker, cue and content.
pub fn eval_polnear(_path: &Path, _run: &dyn Fn(&mut Doc)) -> Result<Table, BoxError> {
    Err("quote evaluation is not implemented yet".into())
}
