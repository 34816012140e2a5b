//! The pipeline: the stages every document goes through, in order.
//!
//! The same list serves `extract`, `ingest`, the evaluations and `bench`
//! (which times each stage), so what is measured is what runs.

use newsgraph_doc::Doc;
use newsgraph_understand as understand;

/// A named stage, for timing and for `bench`.
pub struct Stage {
    pub name: &'static str,
    pub run: fn(&mut Doc),
}

/// The stages in pipeline order: text → annotate → understand.
pub const STAGES: &[Stage] = &[
    Stage { name: "segment", run: newsgraph_text::segment },
    Stage { name: "tag+parse", run: newsgraph_annotate::tag_and_parse_doc },
    Stage { name: "ner", run: newsgraph_annotate::ner::recognize },
    Stage { name: "time", run: understand::time::tag },
    Stage { name: "entities", run: understand::entities::build },
    Stage { name: "quotes", run: understand::quotes::extract },
    Stage { name: "events", run: understand::events::extract },
];

/// Run every stage on a document fresh from `ingest`.
pub fn process(doc: &mut Doc) {
    for s in STAGES {
        (s.run)(doc);
    }
}

#[cfg(test)]
mod tests {
    /// The stage list and the crates' own entry points run the same stages.
    #[test]
    fn stages_match_the_crates() {
        let text = "MOSCOW, Oct 16 (Reuters) - Kremlin spokesman Dmitry Peskov said on Thursday that “talks went well.”";
        let mut a = newsgraph_doc::Doc::new(text);
        super::process(&mut a);
        let mut b = newsgraph_doc::Doc::new(text);
        newsgraph_text::segment(&mut b);
        newsgraph_annotate::annotate(&mut b);
        newsgraph_understand::understand(&mut b);
        assert_eq!(a.to_record(), b.to_record());
        assert!(!a.sentences.is_empty());
    }
}
