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
