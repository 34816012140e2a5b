//! Unit tests without models: segmentation only, so the surface rules carry.

use super::*;

fn run(text: &str) -> Doc {
    let mut d = Doc::new(text);
    newsgraph_text::segment(&mut d);
    extract(&mut d);
    d
}

fn content(d: &Doc, q: usize) -> Vec<&str> {
    d.quotes[q].content.iter().map(|s| &d.text[s.start as usize..s.end as usize]).collect()
}

#[test]
fn direct_quote_speaker_after() {
    let d = run("“We discussed the gas deal at length,” Peskov said. “Nothing was signed.”");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(content(&d, 0), vec!["“We discussed the gas deal at length,”", "“Nothing was signed.”"]);
    assert_eq!(d.quotes[0].speaker.as_ref().unwrap().text, "Peskov");
    assert_eq!(d.quotes[0].cue.as_ref().unwrap().text, "said");
    assert_eq!(d.quotes[0].kind, "direct");
}

#[test]
fn names_in_quotes_are_not_quotes() {
    let d = run("He fought under his nom de guerre, “Abu Mohammed al-Jolani,” for years.");
    assert!(d.quotes.is_empty(), "{:?}", d.quotes);
}

#[test]
fn split_quote_speaker_between() {
    let d = run("“We will not retreat,” the minister said, “and we will not apologise.”");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(content(&d, 0), vec!["“We will not retreat,”", "“and we will not apologise.”"]);
    assert_eq!(d.quotes[0].speaker.as_ref().unwrap().text, "the minister");
    assert_eq!(d.quotes[0].text, "“We will not retreat,” “and we will not apologise.”");
}

#[test]
fn colon_lead_in() {
    let d = run("The spokesman said: “That topic was on the agenda.”");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(content(&d, 0), vec!["“That topic was on the agenda.”"]);
    assert_eq!(d.quotes[0].cue.as_ref().unwrap().text, "said:");
}

#[test]
fn quote_over_paragraphs() {
    let d = run("Sukhov said: “The talks went well.\n\n“We expect a deal by spring.”\n\nThe meeting ended.");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(content(&d, 0), vec!["“The talks went well.\n\n“We expect a deal by spring.”"]);
}

#[test]
fn according_to() {
    let d = run("The visit was planned for weeks, according to Tass.");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    assert_eq!(content(&d, 0), vec!["The visit was planned for weeks"]);
    assert_eq!(d.quotes[0].speaker.as_ref().unwrap().text, "Tass");
    assert_eq!(d.quotes[0].cue.as_ref().unwrap().text, "according to");
}

#[test]
fn lost_mark_costs_one_quote() {
    let d = run("“The first quote never closes, Peskov said.\n\n“The second is fine,” Novak said.");
    let texts: Vec<String> = d.quotes.iter().map(|q| q.text.clone()).collect();
    assert!(texts.contains(&"“The first quote never closes,".to_string()), "{texts:?}");
    assert!(texts.contains(&"“The second is fine,”".to_string()), "{texts:?}");
    let q = d.quotes.iter().find(|q| q.text == "“The second is fine,”").unwrap();
    assert_eq!(q.speaker.as_ref().unwrap().text, "Novak");
}

#[test]
fn interview_transcript_lines() {
    let d = run("Q: How did the talks go?\n\nA: They went well, and we will meet again.");
    assert_eq!(d.quotes.len(), 2, "{:?}", d.quotes);
    assert_eq!(d.quotes[0].speaker.as_ref().unwrap().text, "Q");
    assert_eq!(content(&d, 0), vec!["How did the talks go?"]);
    assert_eq!(content(&d, 1), vec!["They went well, and we will meet again"]);
}

#[test]
fn scare_quotes_alone_are_not_quotes() {
    let d = run("The so-called “deal” was a “historic” moment for the region.");
    assert!(d.quotes.is_empty(), "{:?}", d.quotes);
}

fn entity(d: &Doc, id: &str, name: &str, ty: &str, sector: Option<&str>) -> newsgraph_doc::Entity {
    let mentions = d
        .text
        .match_indices(name)
        .map(|(s, _)| TextSpan { start: s as u32, end: (s + name.len()) as u32, text: name.to_string() })
        .collect();
    newsgraph_doc::Entity {
        id: id.into(),
        name: name.into(),
        r#type: ty.into(),
        mentions,
        aliases: vec![],
        country: None,
        sector: sector.map(str::to_string),
        roles: vec![],
        latitude: None,
        longitude: None,
    }
}

#[test]
fn pronoun_speaker_addressee_and_outlet() {
    let mut d = Doc::new("Peskov met reporters on Monday. “The topic was on the agenda,” he told Tass.");
    newsgraph_text::segment(&mut d);
    d.entities = vec![entity(&d, "e1", "Peskov", "PERSON", Some("GOV")), entity(&d, "e2", "Tass", "ORG", Some("JRN"))];
    extract(&mut d);
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!((sp.text.as_str(), sp.entity.as_deref()), ("he", Some("e1")));
    assert_eq!(q.addressee.as_deref(), Some("e2"));
    assert_eq!(q.via.as_deref(), Some("e2"));
}

#[test]
fn according_to_an_outlet_is_the_channel() {
    let mut d = Doc::new("Peskov said the talks went well, according to Tass.");
    newsgraph_text::segment(&mut d);
    d.entities = vec![entity(&d, "e1", "Peskov", "PERSON", None), entity(&d, "e2", "Tass", "ORG", Some("JRN"))];
    extract(&mut d);
    let said = d.quotes.iter().find(|q| q.cue.as_ref().unwrap().text == "said").expect("said");
    assert_eq!(said.speaker.as_ref().unwrap().entity.as_deref(), Some("e1"));
    assert_eq!(said.via.as_deref(), Some("e2"));
}

#[test]
fn a_titled_speaker_is_the_person_not_the_institution() {
    let mut d = Doc::new("“The talks went well,” Kremlin spokesman Dmitry Peskov said.");
    newsgraph_text::segment(&mut d);
    d.entities = vec![entity(&d, "e1", "Kremlin", "ORG", Some("GOV")), entity(&d, "e2", "Dmitry Peskov", "PERSON", Some("GOV"))];
    extract(&mut d);
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let sp = d.quotes[0].speaker.as_ref().unwrap();
    assert_eq!((sp.text.as_str(), sp.entity.as_deref()), ("Kremlin spokesman Dmitry Peskov", Some("e2")));
}
