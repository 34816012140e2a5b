use super::*;
use newsgraph_doc::Doc;

#[test]
fn codes_and_scores() {
    assert_eq!(quad_class("040"), Some(1));
    assert_eq!(quad_class("0874"), Some(2));
    assert_eq!(quad_class("1123"), Some(3));
    assert_eq!(quad_class("190"), Some(4));
    // A made-up table in the CAMEO table's layout.
    let t = parse_goldstein("CAMEOEVENTCODE\tGOLDSTEINSCALE\n021\t3.5\n190\t-9.5\n");
    assert_eq!(goldstein_in(&t, "190"), Some(-9.5));
    assert_eq!(goldstein_in(&t, "0213"), Some(3.5), "a sub-code takes its parent's score");
    assert_eq!(goldstein_in(&t, "042"), None);
    assert_eq!(type_quad_class("CONSULT"), Some(1));
}

#[test]
fn inflections_reach_the_dictionary() {
    let d = lexicon::dict();
    for w in ["met", "meets", "held", "fled", "toppled", "vowed", "banned", "talks", "imposed", "withdrew"] {
        assert!(d.forms.contains_key(w), "{w}");
    }
}

#[test]
fn cameo_to_plover_contexts() {
    // Made-up lines in the CAMEO→PLOVER table's layout.
    let t = parse_cameo2plover("# header\n03: AGREE\n031: AGREE,  , diplomatic # a name\n0312: AGREE,  ,   military; legal # another\n040: CONSULT,  ,  # none\n");
    assert_eq!(t.get("0312").map(Vec::as_slice), Some(&["military".to_string(), "legal".to_string()][..]));
    assert_eq!(t.get("031").map(Vec::as_slice), Some(&["diplomatic".to_string()][..]));
    assert!(!t.contains_key("03") && !t.contains_key("040"), "lines without contexts are passed over");
    assert_eq!(lexicon::parent_lookup(&t, "0315").map(Vec::len), Some(1), "a sub-code takes its parent's contexts");
    assert_eq!(lexicon::parent_lookup(&t, "é1"), None);
}

/// A text through the whole pipeline: segmentation, the shipped tagger,
/// parser and NER, then the understanding stages.
fn pipeline(text: &str) -> Doc {
    run(Doc::new(text))
}

/// As `pipeline`, for an article of this site.
fn pipeline_from(text: &str, site: &str) -> Doc {
    let mut d = Doc::new(text);
    d.site = Some(site.into());
    run(d)
}

/// The whole pipeline on a document, published on 2025-10-16.
fn run(mut d: Doc) -> Doc {
    d.published = Some("2025-10-16".into());
    newsgraph_text::segment(&mut d);
    newsgraph_annotate::annotate(&mut d);
    crate::understand(&mut d);
    d
}

/// Each event: type, modality, the members' codes of actor and recipient.
fn coded(d: &Doc) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let codes = |m: &[newsgraph_doc::ActorRef]| m.iter().map(|a| a.code.clone().unwrap_or_default()).collect();
    d.events.iter().map(|e| (e.r#type.clone(), e.modality.clone(), codes(&e.actor), codes(&e.recipient))).collect()
}

/// The event whose evidence starts with `word`.
fn at<'d>(d: &'d Doc, word: &str) -> &'d newsgraph_doc::Event {
    d.events
        .iter()
        .find(|e| d.text[e.evidence.start as usize..].starts_with(word))
        .unwrap_or_else(|| panic!("no event at {word:?} in {:?}: {:?}", d.text, coded(d)))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn coordinated_and_reciprocal_actors_are_lists() {
    // Compound actors: one event, the actor a list of members.
    let d = pipeline("Russia and Syria agreed to build relations.");
    let e = at(&d, "agreed");
    assert_eq!((e.r#type.as_str(), e.modality.as_str()), ("AGREE", "asserted"));
    assert_eq!(coded(&d)[0].2, strings(&["RUS", "SYR"]));
    assert!(e.recipient.is_empty());
    let d = pipeline("Senior Hungarian and Romanian officials agreed to cooperate.");
    assert_eq!(at(&d, "agreed").actor.len(), 2);
    assert_eq!(coded(&d)[0].2, strings(&["HUNGOV", "ROUGOV"]), "each nationality with the shared sector");
    // Reciprocal events: every participant is an actor, no recipient.
    let d = pipeline("Russia held talks with Syria and Turkey.");
    let e = at(&d, "held talks");
    assert_eq!(e.r#type, "CONSULT");
    assert_eq!(coded(&d)[0].2, strings(&["RUS", "SYR", "TUR"]));
    assert!(e.recipient.is_empty());
    let d = pipeline("The meeting between Vladimir Putin and Ahmed al-Sharaa lasted three hours.");
    let e = at(&d, "meeting");
    let ids: Vec<&str> = e.actor.iter().filter_map(|a| a.entity.as_deref()).collect();
    let named = |n: &str| d.entities.iter().find(|x| x.name.contains(n)).map(|x| x.id.as_str());
    assert_eq!(ids, [named("Putin").unwrap(), named("Sharaa").unwrap()]);
    assert!(e.recipient.is_empty());
    // Not reciprocal: a promise to cooperate with someone is the actor's;
    // an attack has a victim.
    let d = pipeline("Syria is ready to cooperate with Russia.");
    assert_eq!(coded(&d)[0], ("AGREE".into(), "intended".into(), strings(&["SYR"]), strings(&["RUS"])));
    let d = pipeline("Russia's army shelled Ukrainian positions.");
    assert_eq!(coded(&d)[0].2, strings(&["RUSMIL"]));
    assert_eq!(coded(&d)[0].3, strings(&["UKR"]));
    // Coordinated nouns share the country and are one member when alike.
    let d = pipeline("Israeli jets and tanks shelled the town.");
    assert_eq!(coded(&d)[0].2, strings(&["ISRMIL"]));
}

#[test]
fn modality_negated_intended_hypothetical() {
    for (text, word, ty, modality) in [
        ("Vladimir Putin did not discuss the bases.", "discuss", "CONSULT", "negated"),
        ("Syria failed to withdraw its troops from Lebanon.", "failed", "RETREAT", "negated"),
        ("Iran refused to meet the American envoy.", "meet", "CONSULT", "negated"),
        ("Syria denied attacking Kurdish fighters.", "denied", "ASSAULT", "negated"),
        ("Russia promised to rebuild Syrian airports.", "promised", "AGREE", "intended"),
        ("Turkey vowed to strike Kurdish militants.", "vowed", "THREATEN", "intended"),
        ("Syria pledged to release the prisoners.", "pledged", "AGREE", "intended"),
        ("Russia plans to send aid to Syria.", "plans", "AGREE", "intended"),
        ("Syria is ready to cooperate with Russia.", "ready", "AGREE", "intended"),
        ("If talks fail, Russia could impose sanctions on Syria.", "impose", "THREATEN", "hypothetical"),
        ("Israel may attack Iran.", "attack", "THREATEN", "hypothetical"),
        ("Russia attacked Ukraine.", "attacked", "ASSAULT", "asserted"),
    ] {
        let d = pipeline(text);
        let e = at(&d, word);
        assert_eq!((e.r#type.as_str(), e.modality.as_str()), (ty, modality), "{text}");
    }
    // A refusal is itself an asserted REJECT.
    let d = pipeline("Iran refused to meet the American envoy.");
    let e = at(&d, "refused");
    assert_eq!((e.r#type.as_str(), e.modality.as_str()), ("REJECT", "asserted"));
    // "did not mention" reports nothing done.
    let d = pipeline("Vladimir Putin did not mention the bases.");
    assert!(d.events.iter().all(|e| e.modality != "asserted"), "{:?}", coded(&d));
}

#[test]
fn a_reported_event_has_its_speaker_as_source_and_the_statement_as_quote() {
    let d = pipeline("Kremlin spokesman Dmitry Peskov confirmed that Vladimir Putin discussed the bases.");
    let e = at(&d, "discussed");
    let peskov = d.entities.iter().find(|x| x.name.contains("Peskov")).expect("Peskov");
    assert_eq!(e.source.as_deref(), Some(peskov.id.as_str()), "{:?}", d.quotes);
    let q = d.quotes.iter().find(|q| Some(&q.id) == e.quote.as_ref()).expect("the statement");
    assert!(q.text.contains("discussed the bases"), "{q:?}");
    // Not reported: the outlet asserts it.
    let d = pipeline_from("Russia attacked Ukraine, Reuters reported. Russian jets struck Kyiv.", "Reuters");
    let reuters = d.entities.iter().find(|x| x.name == "Reuters").expect("Reuters");
    let e = at(&d, "struck");
    assert_eq!((e.source.as_deref(), e.quote.as_deref()), (Some(reuters.id.as_str()), None));
}

#[test]
fn nominal_verbal_and_passive_predicates() {
    for (text, word, ty, actor, recipient) in [
        ("Russia provided military support to the Syrian government.", "provided", "AID", "RUS", "SYRGOV"),
        ("Russia and Syria agreed to build relations.", "agreed", "AGREE", "RUS", ""),
        ("Syrian rebels toppled the government in December.", "toppled", "ASSAULT", "SYRREB", "SYRGOV"),
        ("The Syrian president fled to Moscow.", "fled", "RETREAT", "SYRGOV", ""),
        ("The convoy was attacked by Turkish drones.", "attacked", "ASSAULT", "TURMIL", ""),
        ("Ukraine was attacked by Russia.", "attacked", "ASSAULT", "RUS", "UKR"),
        ("Egypt held talks with Jordan.", "held talks", "CONSULT", "EGY", ""),
        ("Israel launched talks with Lebanon.", "launched talks", "CONSULT", "ISR", ""),
    ] {
        let d = pipeline(text);
        let e = at(&d, word);
        let first = |m: &[newsgraph_doc::ActorRef]| m.first().and_then(|a| a.code.clone()).unwrap_or_default();
        assert_eq!((e.r#type.as_str(), first(&e.actor).as_str(), first(&e.recipient).as_str()), (ty, actor, recipient), "{text}: {:?}", coded(&d));
    }
    let d = pipeline("Russia provided military support to the Syrian government.");
    assert_eq!(at(&d, "provided").cameo, "072", "military aid");
    let d = pipeline("The Syrian president fled to Moscow.");
    let moscow = d.entities.iter().find(|x| x.name == "Moscow").unwrap();
    assert!(at(&d, "fled").recipient.is_empty() && at(&d, "fled").place.as_deref() == Some(moscow.id.as_str()), "a destination is a place: {:?}", coded(&d));
}

/// The entity ids of an event's members.
fn member_names(d: &Doc, m: &[newsgraph_doc::ActorRef]) -> Vec<String> {
    m.iter()
        .filter_map(|a| a.entity.as_ref())
        .filter_map(|id| d.entities.iter().find(|e| &e.id == id))
        .map(|e| e.name.clone())
        .collect()
}

#[test]
fn who_reports_an_event_is_no_party_to_it() {
    // The spokesman confirms; the presidents discussed; the bases are the topic.
    let d = pipeline("Kremlin spokesman Dmitry Peskov confirmed on Thursday that the two presidents discussed the future of Russia's military bases in Syria.");
    let e = at(&d, "discussed");
    assert!(!member_names(&d, &e.actor).iter().any(|n| n.contains("Peskov")), "{:?}", coded(&d));
    assert!(e.recipient.is_empty(), "the topic of a discussion is no recipient: {:?}", coded(&d));
    // The outlet that reported a promise is not its recipient; the minister, not his title, promised.
    let d = pipeline("Russian Deputy Prime Minister Alexander Novak promised that Russia would support investment in Syrian energy projects, SANA reported.");
    let e = at(&d, "promised");
    assert_eq!((e.r#type.as_str(), e.modality.as_str()), ("AGREE", "intended"));
    assert!(member_names(&d, &e.actor).iter().any(|n| n.contains("Novak")), "{:?}", coded(&d));
    assert!(!member_names(&d, &e.recipient).iter().any(|n| n.contains("SANA") || n.contains("Agency")), "{:?}", coded(&d));
    // A nationality word after "in" is no place: Syria receives the support.
    let (a, r) = (strings(&["RUS"]), strings(&["SYR"]));
    assert!(coded(&d).iter().any(|(_, _, actor, recipient)| *actor == a && *recipient == r), "{:?}", coded(&d));
    // Whoever is quoted after a quote is not a party to what it says.
    let d = pipeline("“This visit is about survival, not friendship,” Nikolay Sukhov, a senior researcher at a Moscow institute, was quoted as saying.");
    for e in &d.events {
        let parties = [member_names(&d, &e.actor), member_names(&d, &e.recipient)].concat();
        assert!(!parties.iter().any(|n| n.contains("Sukhov")), "{:?}", coded(&d));
    }
}

#[test]
fn offered_details_and_lifted_sanctions_are_no_such_events() {
    let d = pipeline("Peskov offered few details about the talks.");
    assert!(!d.events.iter().any(|e| e.r#type == "AGREE"), "{:?}", coded(&d));
    // Lifting or easing sanctions concedes; the sanctions are what is lifted.
    for text in ["The minister vowed to lift sanctions on Syria.", "The European Union could ease some sanctions on Syria."] {
        let d = pipeline(text);
        assert!(!d.events.iter().any(|e| e.r#type == "SANCTION" || e.r#type == "THREATEN"), "{text}: {:?}", coded(&d));
        assert_eq!(d.events.len(), 1, "{text}: {:?}", coded(&d));
    }
}

#[test]
fn a_headline_that_repeats_the_lead_is_no_second_event() {
    let title = "Syrian leader meets Putin in Moscow";
    let body = "MOSCOW — Syrian President Ahmed al-Sharaa met Russian President Vladimir Putin at the Kremlin on Wednesday.";
    let mut d = Doc::new(&format!("{title}\n\n{body}"));
    d.title = Some(title.into());
    let d = run(d);
    let meetings: Vec<_> = d.events.iter().filter(|e| e.r#type == "CONSULT").collect();
    assert_eq!(meetings.len(), 1, "{:?}", coded(&d));
    assert!(d.text[meetings[0].evidence.start as usize..].starts_with("met"), "the body's words stay");
    // Without the title, the first line is a sentence like any other.
    let d = pipeline(&format!("{title}\n\n{body}"));
    assert_eq!(d.events.iter().filter(|e| e.r#type == "CONSULT").count(), 2, "{:?}", coded(&d));
}
