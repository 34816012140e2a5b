//! Did what to whom: PLOVER events with actor, recipient, date, place,
//! modality and provenance.

use newsgraph_doc::{BoxError, Doc, Table};
use std::path::Path;

/// Fill `doc.events`. Runs after entities, time expressions and quotes.
pub fn extract(_doc: &mut Doc) {}

/// Score event coding on PLOVER gold-standard records: event-type
/// precision, recall and F1, actor and recipient country accuracy.
pub fn eval_plover(_path: &Path, _run: &dyn Fn(&mut Doc)) -> Result<Table, BoxError> {
    Err("event evaluation is not implemented yet".into())
}
