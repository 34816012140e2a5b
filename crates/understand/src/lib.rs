//! Meaning from annotated text: time expressions (and, as they land,
//! entities, quotes and events).
//!
//! Reads every earlier layer of a `Doc`; writes `Doc::timexes`,
//! `Doc::entities`, `Doc::quotes`, `Doc::events` and may set
//! `Doc::published` when the metadata had no date.

pub mod entities;
pub mod events;
pub mod quotes;
pub mod time;

use newsgraph_doc::Doc;

/// Run every understanding stage on an annotated document.
pub fn understand(doc: &mut Doc) {
    time::tag(doc);
    entities::build(doc);
    quotes::extract(doc);
    events::extract(doc);
}
