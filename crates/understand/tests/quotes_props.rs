//! Quote extraction never panics and always yields well-formed records,
//! whatever the quote marks (stray, unbalanced, mixed) and text, with the
//! rules alone (no parse) and with the trained tagger.

use newsgraph_doc::Doc;
use newsgraph_understand::quotes;
use proptest::prelude::*;

fn check(text: &str) {
    check_with(text, false);
    check_with(text, true);
}

/// `parsed`: with the parse and entities, so that the trained tagger runs.
fn check_with(text: &str, parsed: bool) {
    let mut d = Doc::new(text);
    newsgraph_text::segment(&mut d);
    if parsed {
        newsgraph_annotate::annotate(&mut d);
        newsgraph_understand::entities::build(&mut d);
    }
    quotes::extract(&mut d);
    let ok = |a: u32, b: u32| a < b && (b as usize) <= d.text.len() && d.text.is_char_boundary(a as usize) && d.text.is_char_boundary(b as usize);
    for (i, q) in d.quotes.iter().enumerate() {
        assert_eq!(q.id, format!("q{}", i + 1));
        assert!(matches!(q.kind.as_str(), "direct" | "indirect" | "mixed"), "{q:?}");
        assert!(!q.content.is_empty());
        for s in &q.content {
            assert!(ok(s.start, s.end), "{q:?}");
        }
        let joined: Vec<&str> = q.content.iter().map(|s| &d.text[s.start as usize..s.end as usize]).collect();
        assert_eq!(q.text, joined.join(" "));
        if let Some(c) = &q.cue {
            assert!(ok(c.start, c.end), "{q:?}");
            assert_eq!(&d.text[c.start as usize..c.end as usize], c.text);
        }
        if let Some(s) = &q.speaker {
            assert!(ok(s.start, s.end), "{q:?}");
            assert_eq!(&d.text[s.start as usize..s.end as usize], s.text);
        }
    }
    // The record conversion works too.
    let _ = d.to_record();
}

const WORDS: &[&str] = &[
    "“", "”", "\"", "''", "‘", "’", "«", "»", "„", ",", ".", ":", "—", "said", "says", "told", "according", "to",
    "that", "he", "she", "Putin", "Tass", "Peskov", "reported", "warned", "denied", "the", "official", "was",
    "quoted", "as", "saying", "in", "a", "statement", "We", "will", "win", "Q", "A", "\n", "\n\n", "é", "🙂",
    "believes", "endorsed", "called", "for", "asked", "(", ")", "―", "Jane", "Moss", "MOSS", "UPDATE",
];

fn word_soup() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), prop::sample::select(vec!["", " ", " ", "\n", "\n\n"])), 0..80)
        .prop_map(|v| v.into_iter().map(|(i, sep)| format!("{}{}", WORDS[i], sep)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_text(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn quote_soup(text in word_soup()) {
        check(&text);
    }
}

#[test]
fn edge_cases() {
    for t in ["", "“", "”", "\"", "''", "“”", "said", ": “", "Q:", "Q: “", "according to", "He said “", "“a,” he said. “",
        // A headline, a transcript turn or a sign-off cut short at the end of the text.
        "Jane Moss:", "Vladimir Putin Warns West:", "Putin:\n", "MOSS:", "MOSS: We", "\"MOSS:", "“We will win.” ―", "“We will win.” ― Jane"] {
        check(t);
    }
}
