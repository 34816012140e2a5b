//! Event extraction never panics and yields well-formed events on any text.

use newsgraph_doc::{Doc, Mention, Parse};
use newsgraph_understand::{entities, events, quotes, time};
use proptest::prelude::*;

fn check(text: &str, with_parse: bool, seed: u64) {
    let mut d = Doc::new(text);
    d.published = Some("2025-10-16".into());
    newsgraph_text::segment(&mut d);
    let n = d.tokens.len();
    if with_parse && n > 0 {
        // An arbitrary (possibly cyclic) tree: the extractor must not trust it.
        let mut x = seed | 1;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let rels = ["nsubj", "obj", "obl", "nmod", "xcomp", "ccomp", "root", "nsubj:pass", "advmod", "amod", "conj"];
        d.parse = Some(Parse {
            upos: (0..n).map(|_| (next() % 17) as u8).collect(),
            heads: (0..n).map(|_| if next() % 7 == 0 { u32::MAX } else { (next() % n as u64) as u32 }).collect(),
            deprels: (0..n).map(|_| rels[(next() % rels.len() as u64) as usize]).collect(),
        });
    }
    // Every capitalized token is a mention.
    for t in &d.tokens {
        if d.text[t.start as usize..].starts_with(|c: char| c.is_uppercase()) {
            d.mentions.push(Mention { start: t.start, end: t.end, label: "LOC" });
        }
    }
    time::tag(&mut d);
    entities::build(&mut d);
    quotes::extract(&mut d);
    events::extract(&mut d);
    let mut prev = 0;
    for (i, e) in d.events.iter().enumerate() {
        assert_eq!(e.id, format!("v{}", i + 1));
        assert!(e.evidence.start < e.evidence.end);
        assert!(e.evidence.start >= prev);
        prev = e.evidence.start;
        assert!(d.text.is_char_boundary(e.evidence.start as usize) && d.text.is_char_boundary(e.evidence.end as usize));
        assert!((e.sentence as usize) < d.sentences.len());
        assert!(matches!(e.modality.as_str(), "asserted" | "negated" | "intended" | "hypothetical"));
        assert!(events::type_quad_class(&e.r#type).is_some(), "{e:?}");
        assert!((1..=4).contains(&e.quad_class), "{e:?}");
        assert!(e.recipient.iter().all(|m| !e.actor.contains(m)), "no member on both sides: {e:?}");
    }
    let _ = d.to_record();
}

const WORDS: &[&str] = &[
    "Putin", "met", "Sharaa", "in", "Moscow", "on", "Wednesday", ".", "did", "not", "vowed", "to", "lift", "sanctions",
    "refused", "threatened", "held", "talks", "with", "the", "if", "could", "will", "said", "that", "“", "”", ",", "must",
    "attack", "attacked", "by", "was", "they", "it", "provided", "military", "support", "failed", "denied", "pull", "out",
    "hunger", "strike", "open", "fire", "at", "\n", "Russia", "and", "Syria", "ready", "a", "deal", "é", "🙂",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_text(text in ".{0,200}", p in any::<bool>(), seed in any::<u64>()) {
        check(&text, p, seed);
    }

    #[test]
    fn event_words(ws in proptest::collection::vec(0..WORDS.len(), 0..40), p in any::<bool>(), seed in any::<u64>()) {
        let text: Vec<&str> = ws.iter().map(|&i| WORDS[i]).collect();
        check(&text.join(" "), p, seed);
    }
}
