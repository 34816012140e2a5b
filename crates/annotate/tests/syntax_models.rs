//! The shipped tagger and parser on hand-written news sentences, and bad
//! input through the whole annotate step.

use newsgraph_annotate::{annotate, parser, tag_and_parse, tagger};
use newsgraph_doc::{Doc, Sentence, Token, UPOS};

fn tags(words: &[&str]) -> Vec<&'static str> {
    tag_and_parse(words).0.iter().map(|&t| UPOS[t as usize]).collect()
}

#[test]
fn models_load() {
    assert!(tagger().is_some(), "tagger model missing or corrupt");
    assert!(parser().is_some(), "parser model missing or corrupt");
}

#[test]
fn tags_and_parses_a_news_sentence() {
    let words = ["Putin", "met", "Sharaa", "in", "Moscow", "."];
    assert_eq!(tags(&words), ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"]);
    let (_, tree) = tag_and_parse(&words);
    assert_eq!(tree.heads[1], u32::MAX, "met is the root");
    assert_eq!(tree.labels[1], "root");
    assert_eq!(tree.heads[0], 1);
    assert_eq!(tree.labels[0], "nsubj");
    assert_eq!(tree.heads[2], 1);
    assert_eq!(tree.labels[2], "obj");
    assert_eq!(tree.heads[3], 4);
    assert_eq!(tree.labels[3], "case");
    assert_eq!(tree.heads[4], 1);
    assert_eq!(tree.heads[5], 1);
    assert_eq!(tree.labels[5], "punct");
}

#[test]
fn parses_a_quote() {
    let words = ["\"", "We", "will", "not", "back", "down", ",", "\"", "the", "senator", "said", "on", "Tuesday", "."];
    let t = tags(&words);
    assert_eq!(t[1], "PRON");
    assert_eq!(t[2], "AUX");
    assert_eq!(t[9], "NOUN");
    assert_eq!(t[10], "VERB");
    let (_, tree) = tag_and_parse(&words);
    assert_eq!(tree.heads[10], u32::MAX, "said is the root");
    assert_eq!(tree.heads[9], 10);
    assert_eq!(tree.labels[9], "nsubj");
    assert_eq!(tree.heads[4], 10, "back depends on said");
    assert_eq!(tree.heads[1], 4);
}

fn one_sentence_doc(text: &str) -> Doc {
    let mut doc = Doc::new(text);
    let mut start = None;
    for (i, c) in doc.text.char_indices().chain(std::iter::once((doc.text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                doc.tokens.push(Token { start: s as u32, end: i as u32 });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let n = doc.tokens.len() as u32;
    doc.sentences.push(Sentence { start: 0, end: doc.text.len() as u32, token_start: 0, token_end: n });
    doc
}

fn check_tree(doc: &Doc) {
    let p = doc.parse.as_ref().expect("parse filled");
    assert_eq!(p.upos.len(), doc.tokens.len());
    assert_eq!(p.heads.len(), doc.tokens.len());
    assert_eq!(p.deprels.len(), doc.tokens.len());
    for s in &doc.sentences {
        for i in s.tokens() {
            let h = p.heads[i];
            assert!(h == u32::MAX || s.tokens().contains(&(h as usize)), "head outside sentence");
        }
    }
}

#[test]
fn bad_input_does_not_panic() {
    let mut empty = Doc::new("");
    annotate(&mut empty);
    check_tree(&empty);

    let long: String = (0..3000).map(|i| ["the", "MAN", "ran", ",", "4", "Путин", "東京", "€", "—"][i % 9]).collect::<Vec<_>>().join(" ");
    let mut doc = one_sentence_doc(&long);
    assert_eq!(doc.tokens.len(), 3000);
    let t = std::time::Instant::now();
    annotate(&mut doc);
    check_tree(&doc);
    assert!(t.elapsed().as_secs() < 10);

    let mut caps = one_sentence_doc("THE PRESIDENT SAID ON TUESDAY THAT HE WOULD VETO THE BILL .");
    annotate(&mut caps);
    check_tree(&caps);

    // A sentence with no tokens and one out of range are skipped.
    let mut odd = one_sentence_doc("a b");
    odd.sentences.push(Sentence { start: 0, end: 0, token_start: 2, token_end: 2 });
    odd.sentences.push(Sentence { start: 0, end: 0, token_start: 1, token_end: 9 });
    annotate(&mut odd);
    assert!(odd.parse.is_some());
}

#[test]
fn one_root_per_sentence() {
    let (_, tree) = tag_and_parse(&["Stocks", "fell", ";", "bonds", "rose", "."]);
    assert_eq!(tree.heads.iter().filter(|&&h| h == u32::MAX).count(), 1);
    let (t, tree) = tag_and_parse(&[]);
    assert!(t.is_empty() && tree.heads.is_empty());
}

#[test]
fn a_nationality_before_a_titled_name_belongs_to_the_subject() {
    // The greedy parser used to leave "Ukrainian" on "said" as a second
    // subject, so the quote's speaker came out as "Ukrainian".
    let words = ["Ukrainian", "Foreign", "Minister", "Andrii", "Sybiha", "said", "the", "talks", "had", "failed", "."];
    let (_, tree) = tag_and_parse(&words);
    let subjects: Vec<usize> = (0..words.len()).filter(|&i| tree.heads[i] == 5 && tree.labels[i] == "nsubj").collect();
    assert_eq!(subjects.len(), 1, "{tree:?}");
    let s = subjects[0];
    assert!((3..=4).contains(&s), "the subject is the name: {tree:?}");
    let mut k = 0u32;
    for _ in 0..words.len() {
        if k as usize == s {
            break;
        }
        k = tree.heads[k as usize];
    }
    assert_eq!(k as usize, s, "Ukrainian is inside the subject's phrase: {tree:?}");
}
