//! Shared by the quote test files: the whole pipeline on a text.

use newsgraph_doc::Doc;
use newsgraph_understand::{entities, quotes, time};

/// Segment, tag, parse, recognize, then the understanding stages up to
/// quotes.
pub fn run(text: &str) -> Doc {
    let mut d = Doc::new(text);
    newsgraph_text::segment(&mut d);
    newsgraph_annotate::annotate(&mut d);
    time::tag(&mut d);
    entities::build(&mut d);
    quotes::extract(&mut d);
    d
}
