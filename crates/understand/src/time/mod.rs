//! Time expressions: detection and TIMEX3 normalization against the
//! publication date.

use newsgraph_doc::Doc;

/// Find the time expressions of `doc` and normalize them.
pub fn tag(_doc: &mut Doc) {}

/// Score time tagging on a directory of TimeML files (TempEval-3 measures:
/// detection strict and relaxed F1, type accuracy, value F1).
pub fn eval_timeml(_dir: &std::path::Path) -> Result<newsgraph_doc::Table, newsgraph_doc::BoxError> {
    Err("time evaluation is not implemented yet".into())
}
