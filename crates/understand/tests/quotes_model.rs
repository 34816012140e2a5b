//! The trained attribution tagger in the whole pipeline (parse, entities,
//! quotes), on short sentences written for these tests; and training it.

mod common;
use common::run;
use newsgraph_doc::Doc;
use newsgraph_understand::{entities, quotes};

fn content(d: &Doc, q: usize) -> Vec<&str> {
    d.quotes[q].content.iter().map(|s| &d.text[s.start as usize..s.end as usize]).collect()
}

/// The speaker and content of each statement whose cue is `cue`.
fn cued_by<'a>(d: &'a Doc, cue: &str) -> Vec<(&'a str, Vec<&'a str>)> {
    (0..d.quotes.len())
        .filter(|&i| d.quotes[i].cue.as_ref().is_some_and(|c| c.text == cue))
        .map(|i| (d.quotes[i].speaker.as_ref().map_or("", |s| s.text.as_str()), content(d, i)))
        .collect()
}

#[test]
fn the_model_is_shipped() {
    assert!(quotes::model::shipped().is_some(), "crates/understand/models/quotes.bin did not load");
}

#[test]
fn direct_quote_with_speaker_after() {
    let d = run("“We will lower taxes for every family in this state,” Senator Jane Moss said.");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(content(&d, 0), vec!["“We will lower taxes for every family in this state,”"]);
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    assert!(q.speaker.as_ref().unwrap().text.ends_with("Jane Moss"), "{q:?}");
    assert_eq!(q.kind, "direct");
}

#[test]
fn indirect_quote_that_clause() {
    let d = run("The governor said that the new budget would be balanced by June.");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.speaker.as_ref().unwrap().text, "The governor");
    assert_eq!(q.cue.as_ref().unwrap().text, "said");
    assert_eq!(content(&d, 0), vec!["that the new budget would be balanced by June"]);
    assert_eq!(q.kind, "indirect");
}

#[test]
fn pronoun_speaker_resolves_to_the_person() {
    let d = run("Maria Lopez visited the steel plant in Ohio on Monday. She said the factory would reopen next spring.");
    let q = d.quotes.iter().find(|q| q.cue.as_ref().is_some_and(|c| c.text == "said")).expect("a quote cued by said");
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.text, "She");
    let e = d.entities.iter().find(|e| Some(&e.id) == sp.entity.as_ref()).expect("speaker entity");
    assert!(e.name.contains("Lopez"), "{e:?}");
}

#[test]
fn scare_quotes_get_no_record() {
    let d = run("The mayor's so-called “reform” plan was discussed by the council on Friday.");
    assert!(d.quotes.is_empty(), "{:?}", d.quotes);
}

#[test]
fn model_files_are_checked() {
    let shipped = include_bytes!("../models/quotes.bin");
    assert!(quotes::model::Model::from_bytes(shipped).is_ok());
    let mut bad = shipped.to_vec();
    let mid = bad.len() / 2;
    bad[mid] ^= 1;
    assert!(quotes::model::Model::from_bytes(&bad).is_err());
    assert!(quotes::model::Model::from_bytes(&shipped[..100]).is_err());
}

#[test]
fn training_is_deterministic_and_learns() {
    let dir = std::env::temp_dir().join(format!("ng-quotes-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Three tiny annotated articles, code-point offsets computed here.
    let mut lines = Vec::new();
    for (i, (text, src, cue, con)) in [
        ("Anna Berg said that the bridge would open in May.", "Anna Berg", "said", "that the bridge would open in May"),
        ("“The river is rising,” the mayor said.", "the mayor", "said", "“The river is rising,”"),
        ("Officials warned that roads could flood overnight.", "Officials", "warned", "that roads could flood overnight"),
    ]
    .iter()
    .enumerate()
    {
        let span = |s: &str| {
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            serde_json::json!([{ "start": start, "end": start + s.chars().count(), "text": s }])
        };
        let a = serde_json::json!({ "id": "E1", "source": span(src), "cue": span(cue), "content": span(con) });
        lines.push(serde_json::json!({ "file": format!("f{i}"), "text": text, "attributions": [a] }).to_string());
    }
    let data = dir.join("tiny.jsonl");
    std::fs::write(&data, lines.join("\n")).unwrap();
    let prep = |d: &mut Doc| {
        newsgraph_text::segment(d);
        newsgraph_annotate::annotate(d);
        entities::build(d);
    };
    let (a, b) = (dir.join("a.bin"), dir.join("b.bin"));
    let t = quotes::train(&data, &data, &a, &prep, &mut |_| {}).unwrap();
    quotes::train(&data, &data, &b, &prep, &mut |_| {}).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // Trained and scored on the same three articles: every span found.
    let f1 = |role: &str| {
        t.rows.iter().find(|r| r["role"] == role && r["match"] == "exact").map(|r| r["f1"].as_f64().unwrap()).unwrap()
    };
    assert_eq!((f1("speaker"), f1("cue"), f1("content")), (1.0, 1.0, 1.0), "{:?}", t.rows);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_nickname_in_quote_marks_is_no_quote() {
    let d = run("Sharaa, who was once known by his nom de guerre, “Abu Mohammed al-Jolani,” met Putin on Wednesday.");
    assert!(d.quotes.is_empty(), "{:?}", d.quotes);
    let d = run("The governor's memoir, known as “The Long Road Home,” was published in May.");
    assert!(d.quotes.is_empty(), "{:?}", d.quotes);
}

#[test]
fn a_nickname_leaves_the_speaker_to_the_statement_after_it() {
    let d = run("Sharaa, who was once known by his nom de guerre, “Abu Mohammed al-Jolani,” reportedly told Putin that Damascus wanted to “restore and redefine” its relations with Moscow.");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.cue.as_ref().unwrap().text, "reportedly told");
    assert_eq!(q.speaker.as_ref().unwrap().text, "Sharaa");
    let putin = d.entities.iter().find(|e| e.name.contains("Putin")).expect("Putin");
    assert_eq!(q.addressee.as_ref(), Some(&putin.id));
    assert_eq!(q.kind, "mixed");
}

#[test]
fn a_statement_reported_by_an_outlet_is_kept_with_the_outlet_as_via() {
    let d = run("SANA reported that Russian Deputy Prime Minister Alexander Novak promised that investment support would continue.");
    let sana = d.entities.iter().find(|e| e.name.contains("SANA")).expect("SANA");
    let outer = d.quotes.iter().find(|q| q.cue.as_ref().unwrap().text == "reported").expect("reported");
    assert_eq!(outer.speaker.as_ref().unwrap().entity.as_ref(), Some(&sana.id));
    let inner = d.quotes.iter().find(|q| q.cue.as_ref().unwrap().text == "promised").expect("the inner statement");
    assert!(inner.speaker.as_ref().unwrap().text.ends_with("Alexander Novak"), "{inner:?}");
    assert_eq!(inner.via.as_ref(), Some(&sana.id));
    assert_eq!(content(&d, d.quotes.iter().position(|q| q.id == inner.id).unwrap()), vec!["that investment support would continue"]);
}

#[test]
fn the_rest_of_a_quote_stays_with_its_cue_not_the_next_one() {
    let d = run("“We are ready to work with everyone,” the foreign minister told reporters in Geneva. “But we will not be anybody's client.”\n\nOfficials denied that any deal had been signed.");
    let told = d.quotes.iter().position(|q| q.cue.as_ref().unwrap().text == "told").expect("told");
    assert_eq!(content(&d, told), vec!["“We are ready to work with everyone,”", "“But we will not be anybody's client.”"]);
    let denied = d.quotes.iter().position(|q| q.cue.as_ref().unwrap().text == "denied").expect("denied");
    assert_eq!(content(&d, denied), vec!["that any deal had been signed"]);
}

#[test]
fn a_plural_speaker_is_not_the_last_person_named() {
    let d = run("Governor Jane Moss met the mayors on Monday. The mayors said the budget would not pass.");
    let q = d.quotes.iter().find(|q| q.speaker.as_ref().is_some_and(|s| s.text == "The mayors")).unwrap_or_else(|| panic!("{:?}", d.quotes));
    assert_eq!(q.speaker.as_ref().unwrap().entity, None, "{q:?}");
}

#[test]
fn a_speaker_between_the_quote_and_was_quoted_as_saying() {
    // The parser makes the name part of the quote's clause; the words between
    // the quote and the cue are the speaker all the same.
    let d = run("“Prices will keep rising until the spring,” Elena Varga, a grain trader at a Budapest firm, was quoted as saying.");
    assert_eq!(d.quotes.len(), 1, "{:?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(content(&d, 0), vec!["“Prices will keep rising until the spring,”"]);
    assert!(q.cue.as_ref().unwrap().text.ends_with("saying"), "{q:?}");
    let sp = q.speaker.as_ref().expect("a speaker");
    assert!(sp.text.starts_with("Elena Varga"), "{sp:?}");
}

#[test]
fn a_cue_without_a_verb_of_saying_gives_way_to_the_rules() {
    let d = run("Hakan Demir, Turkey's trade minister, said on Monday that Ankara would not accept \"any new tariff\" on its steel, a reference to the planned levy.");
    let said = d.quotes.iter().find(|q| q.cue.as_ref().is_some_and(|c| c.text == "said")).unwrap_or_else(|| panic!("{:?}", d.quotes));
    assert!(said.speaker.as_ref().is_some_and(|s| s.text.starts_with("Hakan Demir")), "{said:?}");
    assert!(!d.quotes.iter().any(|q| q.cue.as_ref().is_some_and(|c| c.text.contains("reference"))), "{:?}", d.quotes);
}

#[test]
fn an_indirect_content_runs_to_the_comma_before_its_speaker() {
    let d = run("Prime Minister Ana Lind met President Marko Vukovic on Friday, the state news agency reported.");
    let q = d.quotes.iter().find(|q| q.cue.as_ref().is_some_and(|c| c.text == "reported")).unwrap_or_else(|| panic!("{:?}", d.quotes));
    let i = d.quotes.iter().position(|x| std::ptr::eq(x, q)).unwrap();
    assert_eq!(content(&d, i), vec!["Prime Minister Ana Lind met President Marko Vukovic on Friday"], "{q:?}");
}

#[test]
fn a_lost_closing_mark_before_said_name_costs_no_other_statement() {
    let d = run("In an interview, Mayor Ana Ruiz said the city wanted \"new buses\" soon.\n\n\"This is a fresh start, said Omar Haddad, adding that the city needed money.");
    let ruiz = d.quotes.iter().find(|q| q.speaker.as_ref().is_some_and(|s| s.text.contains("Ana Ruiz"))).unwrap_or_else(|| panic!("{:?}", d.quotes));
    let i = d.quotes.iter().position(|x| std::ptr::eq(x, ruiz)).unwrap();
    assert!(!content(&d, i).iter().any(|c| c.contains("fresh start")), "{:?}", content(&d, i));
    assert!(d.quotes.iter().any(|q| q.speaker.as_ref().is_some_and(|s| s.text == "Omar Haddad")), "{:?}", d.quotes);
}

#[test]
fn according_to_an_outlet_the_outlet_speaks_not_the_subject_of_the_fact() {
    let d = run("According to SANA, the two leaders signed an agreement on energy cooperation.");
    let q = d.quotes.iter().find(|q| q.cue.as_ref().is_some_and(|c| c.text == "According to")).unwrap_or_else(|| panic!("{:?}", d.quotes));
    assert_eq!(q.speaker.as_ref().unwrap().text, "SANA", "{q:?}");
    assert_eq!(content(&d, d.quotes.iter().position(|x| x == q).unwrap()), vec!["the two leaders signed an agreement on energy cooperation"]);
    assert!(!d.quotes.iter().any(|q| q.speaker.as_ref().is_some_and(|s| s.text == "the two leaders")), "{:?}", d.quotes);
}

#[test]
fn a_transcript_turn_is_its_speakers_statement() {
    let d = run("The candidates clashed over trade. Here is part of the exchange.\n\nMOSS: We will bring the factories back to this state, and we will do it in four years.\n\nHARLAN: My opponent has promised that before. Nothing happened.\n\nUPDATE: This story has been corrected.\n");
    let turns = cued_by(&d, ":");
    assert_eq!(
        turns,
        vec![
            ("MOSS", vec!["We will bring the factories back to this state, and we will do it in four years"]),
            ("HARLAN", vec!["My opponent has promised that before. Nothing happened"]),
        ],
        "{:?}",
        d.quotes
    );
    // Nothing runs across a turn's label into the paragraph before it.
    assert!(d.quotes.iter().all(|q| q.content.iter().all(|s| !d.text[s.start as usize..s.end as usize].contains("MOSS"))), "{:?}", d.quotes);
}

#[test]
fn a_transcript_quoted_paragraph_by_paragraph_has_its_turns() {
    let d = run("The station published the exchange:\n\n\"MOSS: We will bring the factories back to this state within four years.\n\n\"HARLAN: My opponent has promised that before, and nothing happened.\"\n");
    let turns = cued_by(&d, ":");
    assert_eq!(
        turns,
        vec![
            ("MOSS", vec!["We will bring the factories back to this state within four years."]),
            ("HARLAN", vec!["My opponent has promised that before, and nothing happened.\""]),
        ],
        "{:?}",
        d.quotes
    );
}

#[test]
fn a_quote_signed_with_a_dash_and_a_name_is_that_persons() {
    let d = run("Readers wrote to us after the debate.\n“He does not speak for the people of this town.” ― Jane Moss\n“I was proud of both of them tonight.”― Carl R. Harlan.\n");
    let signed = cued_by(&d, "―");
    assert_eq!(
        signed,
        vec![
            ("Jane Moss", vec!["“He does not speak for the people of this town.”"]),
            ("Carl R. Harlan", vec!["“I was proud of both of them tonight.”"]),
        ],
        "{:?}",
        d.quotes
    );
}

#[test]
fn a_headline_with_a_colon_gives_the_speaker_and_the_quote() {
    let d = run("Jane Moss Slams Harbor Bank Chief: ‘You Should Resign Today.’\n\nSenator Jane Moss questioned the bank's chief on Tuesday about the fees.");
    assert_eq!(cued_by(&d, ":"), vec![("Jane Moss Slams Harbor Bank Chief", vec!["‘You Should Resign Today.’"])], "{:?}", d.quotes);
    let d = run("A lesson from Maria Lopez: 'Listen to the people who work here.'\n\nMaria Lopez spoke to the graduates on Friday.");
    assert_eq!(cued_by(&d, ":"), vec![("Maria Lopez", vec!["'Listen to the people who work here.'"])], "{:?}", d.quotes);
}

#[test]
fn a_lead_in_line_ending_with_a_colon_introduces_the_next_paragraph() {
    let text = "The senator spoke in Ohio on Monday.\n\nCaddell continued:\n\n\"The health issue overall is very much a partisan issue, but that does not account for the numbers.\"\n\nThe mayor added:\n\nThe plant will reopen in the spring and the workers will be back by June.\n";
    let d = run(text);
    assert_eq!(
        cued_by(&d, "continued:"),
        vec![("Caddell", vec!["\"The health issue overall is very much a partisan issue, but that does not account for the numbers.\""])],
        "{:?}",
        d.quotes
    );
    assert_eq!(
        cued_by(&d, "added:"),
        vec![("The mayor", vec!["The plant will reopen in the spring and the workers will be back by June"])],
        "{:?}",
        d.quotes
    );
}

#[test]
fn an_indirect_content_that_stops_at_a_comma_stays_there() {
    // The participle after the comma hangs from the reported clause in the
    // parse; the tagger's stop at the comma stands (the snapping to the
    // clause's end used to carry the content over it).
    for (text, cue, want) in [
        ("Aid workers have been blamed for bringing the disease to the valley, killing more than 300 people.", "have been blamed for", "bringing the disease to the valley"),
        ("The mayor has been blamed for raising the water rates, hurting poor families.", "has been blamed for", "raising the water rates"),
    ] {
        let d = run(text);
        let got: Vec<Vec<&str>> = cued_by(&d, cue).into_iter().map(|(_, c)| c).collect();
        assert_eq!(got, vec![vec![want]], "{text}: {:?}", d.quotes);
    }
}
