//! The shipped NER model on today's news, through the real segmenter.

use newsgraph_annotate::ner;
use newsgraph_doc::Doc;

fn mentions(text: &str) -> Vec<(String, &'static str)> {
    let mut doc = Doc::new(text);
    newsgraph_text::segment(&mut doc);
    ner::recognize(&mut doc);
    doc.mentions.iter().map(|m| (doc.text[m.start as usize..m.end as usize].to_string(), m.label)).collect()
}

fn has(found: &[(String, &str)], name: &str, label: &str) -> bool {
    found.iter().any(|(t, l)| t == name && *l == label)
}

#[test]
fn shipped_model_loads() {
    assert!(ner::shipped().is_some(), "the embedded NER model must load");
}

#[test]
fn modern_names() {
    let text = "Volodymyr Zelensky met officials of Hayat Tahrir al-Sham in Moscow on Tuesday.";
    let found = mentions(text);
    assert!(has(&found, "Volodymyr Zelensky", "PERSON"), "{found:?}");
    assert!(has(&found, "Hayat Tahrir al-Sham", "ORG"), "{found:?}");
    assert!(has(&found, "Moscow", "LOC"), "{found:?}");
}

#[test]
fn offsets_are_byte_spans_of_the_text() {
    let text = "Überraschung: Angela Merkel besuchte São Paulo, sagte Reuters.";
    let mut doc = Doc::new(text);
    newsgraph_text::segment(&mut doc);
    ner::recognize(&mut doc);
    for m in &doc.mentions {
        assert!(doc.text.is_char_boundary(m.start as usize) && doc.text.is_char_boundary(m.end as usize));
        assert!(m.start < m.end && ["PERSON", "ORG", "LOC", "MISC"].contains(&m.label));
    }
}

#[test]
fn odd_documents() {
    let long = "Reuters reported that ".repeat(400) + "the talks ended.";
    for text in ["", "   ", "!!!", "ДАМАСК (САНА) — 北京 ☃", &long, "BREAKING: ZELENSKY ARRIVES IN KYIV"] {
        let mut doc = Doc::new(text);
        newsgraph_text::segment(&mut doc);
        ner::recognize(&mut doc);
        for m in &doc.mentions {
            assert!(m.end as usize <= doc.text.len());
        }
    }
}
