//! The pipeline: the stages every document goes through, in order.

use newsgraph_doc::Doc;

/// A named stage, for timing and for `bench`.
pub struct Stage {
    pub name: &'static str,
    pub run: fn(&mut Doc),
}

/// The stages in pipeline order.
pub const STAGES: &[Stage] = &[
    Stage { name: "segment", run: newsgraph_text::segment },
    Stage { name: "annotate", run: newsgraph_annotate::annotate },
    Stage { name: "understand", run: newsgraph_understand::understand },
];

/// Run every stage on a document fresh from `ingest`.
pub fn process(doc: &mut Doc) {
    for s in STAGES {
        (s.run)(doc);
    }
}
