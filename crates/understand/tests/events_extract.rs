//! Event extraction on short sentences, without the trained models: the
//! mentions are given, the parse is absent (the positional fallback).

use newsgraph_doc::{Doc, Event, Mention};
use newsgraph_understand::{entities, events, quotes, time};

/// A document with these (name, label) mentions, run through the
/// understanding stages.
fn run(text: &str, names: &[(&str, &'static str)]) -> Doc {
    let mut d = Doc::new(text);
    d.published = Some("2025-10-16".into());
    newsgraph_text::segment(&mut d);
    for (name, label) in names {
        let mut from = 0;
        while let Some(i) = d.text[from..].find(name) {
            let s = from + i;
            d.mentions.push(Mention { start: s as u32, end: (s + name.len()) as u32, label });
            from = s + name.len();
        }
    }
    d.mentions.sort_by_key(|m| m.start);
    time::tag(&mut d);
    entities::build(&mut d);
    quotes::extract(&mut d);
    events::extract(&mut d);
    d
}

fn only(d: &Doc) -> &Event {
    assert!(!d.events.is_empty(), "no event in {:?}", d.text);
    &d.events[0]
}

/// The members' codes.
fn codes(a: &[newsgraph_doc::ActorRef]) -> Vec<&str> {
    a.iter().filter_map(|a| a.code.as_deref()).collect()
}

#[test]
fn a_meeting_with_actor_recipient_date_and_place() {
    let d = run(
        "Putin met Ahmed al-Sharaa in Moscow on Wednesday.",
        &[("Putin", "PERSON"), ("Ahmed al-Sharaa", "PERSON"), ("Moscow", "LOC")],
    );
    let e = only(&d);
    assert_eq!(e.r#type, "CONSULT");
    assert_eq!(e.cameo, "040");
    assert_eq!(e.modality, "asserted");
    // A meeting is reciprocal: both sides are the actor (PLOVER manual).
    let c = codes(&e.actor);
    assert!(c.len() == 2 && c[0] == "RUSGOV" && c[1].starts_with("SYR"), "{:?}", e.actor);
    assert!(e.recipient.is_empty());
    assert_eq!(e.date.as_deref(), Some("2025-10-15"));
    let moscow = d.entities.iter().find(|x| x.name == "Moscow").unwrap();
    assert_eq!(e.place.as_deref(), Some(moscow.id.as_str()));
    assert_eq!(&d.text[e.evidence.start as usize..e.evidence.end as usize], "met");
    assert_eq!(e.id, "v1");
    assert_eq!(e.sentence, 0);
}

#[test]
fn the_date_falls_back_to_publication() {
    let d = run("Russia held talks with Syria.", &[("Russia", "LOC"), ("Syria", "LOC")]);
    let e = only(&d);
    assert_eq!(e.r#type, "CONSULT");
    assert_eq!(e.date.as_deref(), Some("2025-10-16"));
    assert_eq!(codes(&e.actor), ["RUS", "SYR"], "talks with Syria: both sides");
    assert!(e.recipient.is_empty());
    assert_eq!(&d.text[e.evidence.start as usize..e.evidence.end as usize], "held talks");
}

#[test]
fn negation() {
    let d = run("Putin did not discuss the bases.", &[("Putin", "PERSON")]);
    let e = only(&d);
    assert_eq!(e.r#type, "CONSULT");
    assert_eq!(e.modality, "negated");
    let d = run("Russia failed to withdraw its troops.", &[("Russia", "LOC")]);
    assert_eq!(only(&d).modality, "negated");
    assert_eq!(only(&d).r#type, "RETREAT");
}

#[test]
fn promises_and_vows_are_intended() {
    let d = run("Novak promised investment in Syria.", &[("Novak", "PERSON"), ("Syria", "LOC")]);
    let e = only(&d);
    assert_eq!(e.r#type, "AGREE");
    assert_eq!(e.modality, "intended");
    assert_eq!(e.cameo, "0311");
    let d = run("Al-Sharaa vowed to lift sanctions.", &[("Al-Sharaa", "PERSON")]);
    let e = only(&d);
    assert_eq!(e.modality, "intended");
    assert_eq!(e.r#type, "AGREE");
    assert_eq!(e.cameo, "0354");
    assert_eq!(&d.text[e.evidence.start as usize..e.evidence.end as usize], "vowed to lift");
    let d = run("The rebels vowed to attack the capital.", &[]);
    assert_eq!(only(&d).r#type, "THREATEN");
}

#[test]
fn hypothetical_and_refusal() {
    let d = run("If talks fail, Russia could impose sanctions on Syria.", &[("Russia", "LOC"), ("Syria", "LOC")]);
    assert!(d.events.iter().any(|e| e.modality == "hypothetical"), "{:?}", d.events);
    let d = run("Iran refused to meet the envoy.", &[("Iran", "LOC")]);
    let types: Vec<(&str, &str)> = d.events.iter().map(|e| (e.r#type.as_str(), e.modality.as_str())).collect();
    assert!(types.contains(&("REJECT", "asserted")), "{types:?}");
    assert!(types.contains(&("CONSULT", "negated")), "{types:?}");
}

#[test]
fn verbs_and_nouns_of_many_types() {
    for (text, ty) in [
        ("Rebels toppled the government.", "ASSAULT"),
        ("The president fled to Moscow.", "RETREAT"),
        ("Washington provided military support to Kyiv.", "AID"),
        ("The two countries agreed to build relations.", "AGREE"),
        ("Police arrested dozens of protesters.", "COERCE"),
        ("Thousands demonstrated in the capital.", "PROTEST"),
        ("The minister condemned the attack.", "ACCUSE"),
        ("The army deployed tanks to the border.", "MOBILIZE"),
        ("Paris expelled two diplomats.", "SANCTION"),
        ("The opposition demanded new elections.", "REQUEST"),
        ("Egypt praised the agreement.", "SUPPORT"),
        ("The government lifted the curfew.", "CONCEDE"),
        ("The two navies will cooperate closely.", "AGREE"),
    ] {
        let d = run(text, &[]);
        assert_eq!(only(&d).r#type, ty, "{text}: {:?}", d.events);
    }
}

#[test]
fn reported_events_keep_their_source() {
    let d = run(
        "Kremlin spokesman Dmitry Peskov said that “Putin met Sharaa in Moscow.”",
        &[("Dmitry Peskov", "PERSON"), ("Putin", "PERSON"), ("Sharaa", "PERSON"), ("Moscow", "LOC"), ("Kremlin", "ORG")],
    );
    let e = d.events.iter().find(|e| e.r#type == "CONSULT").expect("a meeting");
    eprintln!("{:?}\n{:?}", d.quotes, e);
    let q = e.quote.as_ref().expect("reported in a quote");
    let quote = d.quotes.iter().find(|x| &x.id == q).unwrap();
    let peskov = d.entities.iter().find(|x| x.name == "Dmitry Peskov").unwrap();
    assert_eq!(e.source.as_deref(), Some(peskov.id.as_str()));
    assert_eq!(e.source, quote.speaker.as_ref().and_then(|s| s.entity.clone()));
}

#[test]
fn codes_scores_and_quads() {
    assert_eq!(events::quad_class("042"), Some(1));
    assert_eq!(events::quad_class("1823"), Some(4));
    assert_eq!(events::goldstein("0"), None);
}

#[test]
fn ids_follow_text_order() {
    let d = run("Russia attacked Ukraine. Ukraine condemned Russia. The two met in Geneva.", &[("Russia", "LOC"), ("Ukraine", "LOC"), ("Geneva", "LOC")]);
    let ids: Vec<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["v1", "v2", "v3"]);
    let types: Vec<&str> = d.events.iter().map(|e| e.r#type.as_str()).collect();
    assert_eq!(types, ["ASSAULT", "ACCUSE", "CONSULT"]);
    assert_eq!(d.events[2].sentence, 2);
}

#[test]
fn reported_speech_gives_the_source() {
    let d = run(
        "Dmitry Peskov confirmed that Putin discussed the bases.",
        &[("Dmitry Peskov", "PERSON"), ("Putin", "PERSON")],
    );
    let e = d.events.iter().find(|e| e.r#type == "CONSULT").expect("a discussion");
    let peskov = d.entities.iter().find(|x| x.name == "Dmitry Peskov").unwrap();
    if !d.quotes.is_empty() {
        assert_eq!(e.source.as_deref(), Some(peskov.id.as_str()), "{:?} {:?}", d.quotes, e);
        assert!(e.quote.is_some());
    }
    let putin = d.entities.iter().find(|x| x.name.contains("Putin")).unwrap();
    assert_eq!(e.actor.first().and_then(|a| a.entity.as_deref()), Some(putin.id.as_str()));
}

#[test]
fn the_outlet_is_the_source_otherwise() {
    let mut names = vec![("Reuters", "ORG"), ("Russia", "LOC"), ("Syria", "LOC")];
    names.truncate(3);
    let mut d = Doc::new("Russia attacked Syria, Reuters reported.");
    d.site = Some("Reuters".into());
    newsgraph_text::segment(&mut d);
    for (name, label) in names {
        let s = d.text.find(name).unwrap();
        d.mentions.push(Mention { start: s as u32, end: (s + name.len()) as u32, label });
    }
    d.mentions.sort_by_key(|m| m.start);
    time::tag(&mut d);
    entities::build(&mut d);
    quotes::extract(&mut d);
    events::extract(&mut d);
    let e = only(&d);
    let reuters = d.entities.iter().find(|x| x.name == "Reuters").unwrap();
    if e.quote.is_none() {
        assert_eq!(e.source.as_deref(), Some(reuters.id.as_str()));
    }
}
