//! Quotes as a reader meets them: short wire-style passages written for
//! these tests (issue #5), in the whole pipeline.

mod common;
use common::run;
use newsgraph_doc::Doc;

fn entity_name<'a>(d: &'a Doc, id: &Option<String>) -> Option<&'a str> {
    let id = id.as_ref()?;
    d.entities
        .iter()
        .find(|e| &e.id == id)
        .map(|e| e.name.as_str())
}

fn by_cue<'a>(d: &'a Doc, cue: &str) -> &'a newsgraph_doc::Quote {
    d.quotes
        .iter()
        .find(|q| q.cue.as_ref().is_some_and(|c| c.text == cue))
        .unwrap_or_else(|| panic!("no statement cued by {cue:?}: {:?}", d.quotes))
}

#[test]
fn a_pronoun_before_was_quoted_as_saying_is_the_speaker_and_by_names_the_outlet() {
    let d = run("Syria's foreign minister Asaad al-Shaibani confirmed that Damascus had reopened its embassy in Riyadh.\n\n\"We have turned the page,\" he was quoted as saying by SANA.");
    let q = by_cue(&d, "was quoted as saying");
    let sp = q
        .speaker
        .as_ref()
        .unwrap_or_else(|| panic!("no speaker: {q:?}"));
    assert_eq!(sp.text, "he");
    assert_eq!(q.text, "\"We have turned the page,\"");
    assert_eq!(q.kind, "direct");
    assert_eq!(entity_name(&d, &q.via), Some("SANA"), "{q:?}");
}

#[test]
fn a_second_verb_of_the_same_subject_shares_its_speaker() {
    let d = run("Putin, for his part, said \"there is no alternative to negotiations\" and warned that Russia would respond to any attack.");
    let q = by_cue(&d, "warned");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.text.as_str()),
        Some("Putin"),
        "{q:?}"
    );
}

#[test]
fn a_title_in_quote_marks_inside_the_subject_does_not_lose_the_speaker() {
    let d = run("Von der Leyen, who has read \"War and Peace\" twice, said she would attend the next summit.");
    let q = by_cue(&d, "said");
    assert!(
        q.speaker
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Von der Leyen")),
        "{q:?}"
    );
}

#[test]
fn according_to_at_the_end_of_a_sentence_names_the_speaker_not_the_content() {
    let d = run("The EU chief told him that a decision was expected in December, according to a Ukrainian official.");
    let q = by_cue(&d, "according to");
    assert_eq!(q.speaker.as_ref().map(|s| s.text.as_str()), Some("a Ukrainian official"), "{q:?}");
    assert!(q.text.contains("a decision was expected in December"), "{q:?}");
}

#[test]
fn a_quote_over_two_paragraphs_is_the_statement_of_the_cue_after_it() {
    let d = run("KYIV, Nov 27 (Wire) - Ukrainian Foreign Minister Andrii Sybiha said the proposal was unacceptable.\n\n\"Ukraine will never agree to give up its land. We have said this many times.\n\n\"Our partners understand this. There can be no peace without justice,\" Sybiha told a news conference.");
    let said = by_cue(&d, "said");
    assert_eq!(said.text, "the proposal was unacceptable", "{said:?}");
    let told = by_cue(&d, "told");
    assert!(told.text.contains("Ukraine will never agree") && told.text.contains("Our partners"), "{told:?}");
}
