use super::*;

/// A segmented document whose mentions are every occurrence of the given
/// names (longest first, never overlapping).
fn doc_with(text: &str, published: Option<&str>, names: &[(&str, &'static str)]) -> Doc {
    let mut d = Doc::new(text);
    d.published = published.map(str::to_string);
    newsgraph_text::segment(&mut d);
    let mut sorted: Vec<&(&str, &'static str)> = names.iter().collect();
    sorted.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut ms: Vec<Mention> = Vec::new();
    for (n, label) in sorted {
        for (s, _) in d.text.match_indices(n) {
            let (s, e) = (s as u32, (s + n.len()) as u32);
            if !ms.iter().any(|m| m.start < e && s < m.end) {
                ms.push(Mention { start: s, end: e, label });
            }
        }
    }
    ms.sort_by_key(|m| m.start);
    d.mentions = ms;
    d
}

fn clusters(d: &Doc) -> Vec<(String, Vec<String>)> {
    d.entities.iter().map(|e| (e.name.clone(), e.mentions.iter().map(|m| m.text.clone()).collect())).collect()
}

fn entity<'a>(d: &'a Doc, name: &str) -> &'a Entity {
    d.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name}: {:?}", clusters(d)))
}

#[test]
fn one_man_five_ways() {
    let text = "Syrian President Ahmed al-Sharaa met Vladimir Putin. Sharaa, whose nom de guerre was “Abu Mohammed al-Jolani,” \
                spoke first. Ahmad al-Sharaa later thanked Putin. Al-Sharaa left on Friday.";
    let mut d = doc_with(
        text,
        Some("2025-10-16"),
        &[("Ahmed al-Sharaa", "PERSON"), ("Vladimir Putin", "PERSON"), ("Sharaa", "PERSON"), ("Abu Mohammed al-Jolani", "PERSON"),
          ("Ahmad al-Sharaa", "PERSON"), ("Putin", "PERSON"), ("Al-Sharaa", "PERSON")],
    );
    build(&mut d);
    assert_eq!(d.entities.len(), 2, "{:?}", clusters(&d));
    let s = entity(&d, "Ahmed al-Sharaa");
    assert_eq!(s.mentions.len(), 5);
    assert!(s.aliases.contains(&"Abu Mohammed al-Jolani".to_string()));
    assert_eq!((s.country.as_deref(), s.sector.as_deref()), (Some("SYR"), Some("GOV")));
    assert_eq!(s.roles[0].title, "President");
    let p = entity(&d, "Vladimir Putin");
    assert_eq!((p.mentions.len(), p.country.as_deref()), (2, Some("RUS")));
}

#[test]
fn father_and_son_stay_apart() {
    let text = "Bashar al-Assad succeeded his father Hafez al-Assad in 2000. Assad fled in December.";
    let mut d = doc_with(text, Some("2025-10-16"), &[("Bashar al-Assad", "PERSON"), ("Hafez al-Assad", "PERSON"), ("Assad", "PERSON")]);
    build(&mut d);
    assert_eq!(d.entities.len(), 2, "{:?}", clusters(&d));
    assert_eq!(entity(&d, "Bashar al-Assad").sector.as_deref(), Some("ELI"), "out of office on the article's date");
}

#[test]
fn acronyms_defined_or_by_initials() {
    let text = "The Syrian Arab News Agency (SANA) reported the visit. Hayat Tahrir al-Sham led the offensive. \
                SANA said HTS officials were present.";
    let mut d = doc_with(
        text,
        Some("2025-10-16"),
        &[("Syrian Arab News Agency", "ORG"), ("SANA", "ORG"), ("Hayat Tahrir al-Sham", "ORG"), ("HTS", "ORG")],
    );
    build(&mut d);
    assert_eq!(d.entities.len(), 2, "{:?}", clusters(&d));
    let sana = entity(&d, "Syrian Arab News Agency");
    assert_eq!(sana.mentions.len(), 3);
    assert_eq!((sana.country.as_deref(), sana.sector.as_deref()), (Some("SYR"), Some("JRN")));
    assert_eq!(entity(&d, "Hayat Tahrir al-Sham").mentions.len(), 2);
}

#[test]
fn titles_roles_and_countries_from_the_text() {
    let text = "Russian Deputy Prime Minister Alexander Novak promised support. Kremlin top spokesman Dmitry Peskov \
                declined to comment. “It is survival,” said Nikolay Sukhov, senior researcher at the Center for Middle East Studies, \
                in Moscow. Brazilian Foreign Minister Mauro Vieira was also there.";
    let mut d = doc_with(
        text,
        None,
        &[("Alexander Novak", "PERSON"), ("Kremlin", "ORG"), ("Dmitry Peskov", "PERSON"), ("Nikolay Sukhov", "PERSON"),
          ("Center for Middle East Studies", "ORG"), ("Moscow", "LOC"), ("Mauro Vieira", "PERSON")],
    );
    build(&mut d);
    let novak = entity(&d, "Alexander Novak");
    assert_eq!(novak.roles[0].title, "Deputy Prime Minister");
    assert_eq!(novak.country.as_deref(), Some("RUS"));
    let peskov = entity(&d, "Dmitry Peskov");
    let kremlin = entity(&d, "Kremlin");
    assert_eq!(peskov.roles[0], Role { title: "spokesman".into(), of: Some(kremlin.id.clone()) });
    assert_eq!((peskov.country.as_deref(), peskov.sector.as_deref()), (Some("RUS"), Some("GOV")));
    let sukhov = entity(&d, "Nikolay Sukhov");
    let center = entity(&d, "Center for Middle East Studies");
    assert_eq!(sukhov.roles[0], Role { title: "senior researcher".into(), of: Some(center.id.clone()) });
    assert_eq!(sukhov.sector.as_deref(), Some("SOC"));
    let vieira = entity(&d, "Mauro Vieira");
    assert_eq!((vieira.country.as_deref(), vieira.sector.as_deref(), vieira.roles[0].title.as_str()), (Some("BRA"), Some("GOV"), "Foreign Minister"));
    assert_eq!(entity(&d, "Moscow").country.as_deref(), Some("RUS"));
}

#[test]
fn nationality_words_are_norp() {
    let mut d = doc_with("Russian and Syrian officials met.", None, &[("Russian", "MISC"), ("Syrian", "MISC")]);
    build(&mut d);
    assert_eq!(d.entities.iter().map(|e| (e.r#type.as_str(), e.country.as_deref())).collect::<Vec<_>>(), vec![("NORP", Some("RUS")), ("NORP", Some("SYR"))]);
}

#[test]
fn no_mentions_no_entities() {
    let mut d = doc_with("Nothing here.", None, &[]);
    build(&mut d);
    assert!(d.entities.is_empty());
}

#[test]
fn ambiguous_places_follow_the_article() {
    let mut d = doc_with("Lebanese officials in Beirut said Tripoli was calm.", None, &[("Lebanese", "MISC"), ("Beirut", "LOC"), ("Tripoli", "LOC")]);
    build(&mut d);
    let t = entity(&d, "Tripoli");
    assert_eq!(t.country.as_deref(), Some("LBN"));
    assert!(t.latitude.unwrap() > 34.0);
    let mut d = doc_with("Militias clashed in Tripoli.", None, &[("Tripoli", "LOC")]);
    build(&mut d);
    assert_eq!(entity(&d, "Tripoli").country.as_deref(), Some("LBY"), "most populous without context");
    let mut d = doc_with("Georgia said Tbilisi would respond.", None, &[("Georgia", "LOC"), ("Tbilisi", "LOC")]);
    build(&mut d);
    assert_eq!(entity(&d, "Georgia").country.as_deref(), Some("GEO"));
    let mut d = doc_with("Voters in Atlanta, Georgia, lined up. American officials were pleased.", None, &[("Atlanta", "LOC"), ("Georgia", "LOC"), ("American", "MISC")]);
    build(&mut d);
    assert_eq!(entity(&d, "Georgia").country.as_deref(), Some("USA"));
}

#[test]
fn titles_set_off_before_the_name() {
    let text = "Lebanon's president, Joseph Aoun, backed the plan. The Syrian foreign minister, Asaad al-Shibani, agreed.";
    let mut d = doc_with(text, None, &[("Lebanon", "LOC"), ("Joseph Aoun", "PERSON"), ("Asaad al-Shibani", "PERSON")]);
    build(&mut d);
    let aoun = entity(&d, "Joseph Aoun");
    assert_eq!((aoun.roles[0].title.as_str(), aoun.country.as_deref(), aoun.sector.as_deref()), ("president", Some("LBN"), Some("GOV")));
    let sh = entity(&d, "Asaad al-Shibani");
    assert_eq!((sh.roles[0].title.as_str(), sh.country.as_deref()), ("foreign minister", Some("SYR")));
}

#[test]
fn known_organizations_whatever_the_recognizer_called_them() {
    let mut d = doc_with("The Kremlin and the World Bank spoke.", None, &[("Kremlin", "LOC"), ("World Bank", "MISC")]);
    build(&mut d);
    assert_eq!(entity(&d, "Kremlin").country.as_deref(), Some("RUS"));
    assert_eq!(entity(&d, "World Bank").country.as_deref(), Some("IGO"));
}

#[test]
fn pronouns_and_nominals_that_act_join_their_person() {
    let text = "Foreign Minister Asaad al-Shibani arrived in Ankara. He met Turkish officials. The minister said talks went well.";
    let mut d = doc_with(text, None, &[("Asaad al-Shibani", "PERSON"), ("Ankara", "LOC")]);
    // A hand-made parse: "He" and "minister" are subjects of verbs.
    let n = d.tokens.len();
    let mut parse = newsgraph_doc::Parse { upos: vec![7; n], heads: vec![u32::MAX; n], deprels: vec!["dep"; n] };
    let idx = |w: &str| (0..n).find(|&i| d.token_text(i) == w).unwrap();
    let verb = newsgraph_doc::UPOS.iter().position(|u| *u == "VERB").unwrap() as u8;
    for (subj, v) in [("He", "met"), ("minister", "said")] {
        let (s, v) = (idx(subj), idx(v));
        parse.upos[v] = verb;
        parse.heads[s] = v as u32;
        parse.deprels[s] = "nsubj";
    }
    d.parse = Some(parse);
    build(&mut d);
    let e = entity(&d, "Asaad al-Shibani");
    let texts: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, vec!["Asaad al-Shibani", "He", "The minister"]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any text, any mentions on character boundaries: no panic, and every
        /// entity mention is a span of the text.
        #[test]
        fn never_panics(text in "[A-Za-z“”‘’'\",.;: \n()-]{0,120}", cuts in proptest::collection::vec((0usize..130, 1usize..20, 0usize..4), 0..8)) {
            let mut d = Doc::new(&text);
            newsgraph_text::segment(&mut d);
            let bounds: Vec<usize> = d.text.char_indices().map(|(i, _)| i).chain([d.text.len()]).collect();
            let labels = ["PERSON", "ORG", "LOC", "MISC"];
            let mut ms: Vec<Mention> = Vec::new();
            for (a, len, l) in cuts {
                let s = bounds[a.min(bounds.len() - 1)];
                let e = bounds[(bounds.iter().position(|&b| b == s).unwrap() + len).min(bounds.len() - 1)];
                if s < e && !ms.iter().any(|m| (m.start as usize) < e && s < m.end as usize) {
                    ms.push(Mention { start: s as u32, end: e as u32, label: labels[l] });
                }
            }
            ms.sort_by_key(|m| m.start);
            d.mentions = ms;
            build(&mut d);
            for e in &d.entities {
                for m in &e.mentions {
                    prop_assert_eq!(&d.text[m.start as usize..m.end as usize], m.text.as_str());
                }
            }
        }
    }
}

/// Found by `props::never_panics`: an organization mention that starts
/// before the sentence of the person after it.
#[test]
fn a_mention_from_before_the_sentence_does_not_panic() {
    let mut d = Doc::new("\n,a");
    newsgraph_text::segment(&mut d);
    d.mentions = vec![Mention { start: 0, end: 2, label: "ORG" }, Mention { start: 2, end: 3, label: "PERSON" }];
    build(&mut d);
    assert!(d.entities.iter().any(|e| e.r#type == "PERSON"), "{:?}", d.entities);
}

#[test]
fn honorifics_and_capitals() {
    let text = "BRUSSELS — Alexander Novak arrived. Mr. Novak said Brussels was cold.";
    let mut d = doc_with(text, None, &[("BRUSSELS", "LOC"), ("Alexander Novak", "PERSON"), ("Mr. Novak", "PERSON"), ("Brussels", "LOC")]);
    build(&mut d);
    assert_eq!(clusters(&d), vec![
        ("Brussels".to_string(), vec!["BRUSSELS".to_string(), "Brussels".to_string()]),
        ("Alexander Novak".to_string(), vec!["Alexander Novak".to_string(), "Mr. Novak".to_string()]),
    ]);
    let mut d = doc_with("KYIV — Officials met.", None, &[("KYIV", "LOC")]);
    build(&mut d);
    assert_eq!(d.entities[0].name, "Kyiv");
    assert_eq!(usual_case("SANA", "ORG"), "SANA");
    assert_eq!(usual_case("U.S.", "LOC"), "U.S.");
}

/// A document whose recognizer mentions are given as (text, label) in order
/// of appearance: wrong ones, as the 1996-trained recognizer makes them.
fn doc_with_mentions(text: &str, ms: &[(&str, &'static str)]) -> Doc {
    let mut d = Doc::new(text);
    d.published = Some("2026-11-25".into());
    newsgraph_text::segment(&mut d);
    let mut from = 0;
    for (n, label) in ms {
        let s = from + d.text[from..].find(n).unwrap_or_else(|| panic!("{n} not in text"));
        d.mentions.push(Mention { start: s as u32, end: (s + n.len()) as u32, label });
        from = s + n.len();
    }
    d
}

fn typed(d: &Doc) -> Vec<(String, String)> {
    d.entities.iter().map(|e| (e.r#type.clone(), e.mentions.iter().map(|m| m.text.clone()).collect::<Vec<_>>().join("|"))).collect()
}

#[test]
fn known_names_amend_the_recognizer() {
    let text = "ZELENSKY MEETS SHARAA IN KYIV\n\nDAMASCUS, Syria (AP) — Hayat Tahrir al-Sham, the group that toppled \
                Bashar al-Assad, fought the Syrian Democratic Forces. Russian Foreign Ministry spokeswoman Maria Zakharova \
                spoke. The IS group and the European Union Commission met in Kyiv.";
    let wrong = [
        ("ZELENSKY MEETS", "ORG"),
        ("KYIV", "LOC"),
        ("DAMASCUS", "LOC"),
        ("Syria", "ORG"),
        ("AP", "ORG"),
        ("Tahrir al-Sham", "PERSON"),
        ("Bashar al-Assad", "LOC"),
        ("Democratic", "MISC"),
        ("Russian", "MISC"),
        ("Ministry spokeswoman Maria", "ORG"),
        ("European Union Commission", "ORG"),
        ("Kyiv", "LOC"),
    ];
    let mut d = doc_with_mentions(text, &wrong);
    let before = d.mentions.clone();
    build(&mut d);
    assert_eq!(d.mentions, before, "the recognizer's mentions stay as they were");
    let got = typed(&d);
    for want in [
        ("PERSON", "ZELENSKY"),
        ("PERSON", "SHARAA"),
        ("LOC", "Syria"),
        ("ORG", "AP"),
        ("ORG", "Hayat Tahrir al-Sham"),
        ("PERSON", "Bashar al-Assad"),
        ("ORG", "Syrian Democratic Forces"),
        ("PERSON", "Maria Zakharova"),
        // A longer name of the same type that contains a known one keeps its span.
        ("ORG", "European Union Commission"),
        // In a sentence of usual case, a short acronym matches.
        ("ORG", "IS"),
    ] {
        assert!(got.iter().any(|(t, m)| t == want.0 && m == want.1), "{want:?} not in {got:?}");
    }
    // "AP" does not abbreviate "Syria": the dateline's outlet is not an alias of the country.
    assert_eq!(entity(&d, "Syria").mentions.len(), 1, "{got:?}");
    assert_eq!(entity(&d, "Syria").country.as_deref(), Some("SYR"));
    // The outlet's country does not move Damascus to the United States.
    assert_eq!(entity(&d, "Damascus").country.as_deref(), Some("SYR"), "{got:?}");
    assert!(!got.iter().any(|(_, m)| m.contains("MEETS") || m.contains("spokeswoman") || m == "Democratic"), "{got:?}");
}

#[test]
fn known_names_respect_caps_and_word_edges() {
    // In an all-caps headline a short acronym is a word, not the Islamic State;
    // a name glued to a word ("Putin-led") or inside one is not matched.
    let mut d = doc_with_mentions("TRUMP IS READY FOR IRAN TALKS, SAYS AP\n\nThe Putin-led bloc and the Putinists met.", &[]);
    build(&mut d);
    let want = [("PERSON", "TRUMP"), ("LOC", "IRAN")].map(|(t, m)| (t.to_string(), m.to_string()));
    assert_eq!(typed(&d), want.to_vec());
}

#[test]
fn a_known_surname_goes_to_the_known_full_name() {
    let text = "Donald Trump spoke in Ohio. Melania Trump introduced her husband. Trump said the race was close. \
                Bashar al-Assad recalled his father Hafez al-Assad. Assad then left.";
    let mut d = doc_with(
        text,
        Some("2016-10-10"),
        &[("Donald Trump", "PERSON"), ("Melania Trump", "PERSON"), ("Trump", "PERSON"), ("Bashar al-Assad", "PERSON"), ("Hafez al-Assad", "PERSON"), ("Assad", "PERSON")],
    );
    build(&mut d);
    let c = clusters(&d);
    assert_eq!(entity(&d, "Donald Trump").mentions.len(), 2, "{c:?}");
    assert_eq!(entity(&d, "Melania Trump").mentions.len(), 1, "{c:?}");
    assert_eq!(entity(&d, "Bashar al-Assad").mentions.len(), 2, "{c:?}");
    assert_eq!(entity(&d, "Hafez al-Assad").mentions.len(), 1, "{c:?}");
}

#[test]
fn a_surname_in_capitals_joins_its_person_and_an_acronym_stays_one() {
    // Names no list knows, in an all-caps headline; "NATO" stays an acronym.
    let text = "KOVAC AND NATO WEIGH NEW FUND\n\nMarta Kovac met officials of the North Atlantic Treaty Organization in Riga.";
    let mut d = doc_with(text, None, &[("KOVAC", "PERSON"), ("NATO", "ORG"), ("Marta Kovac", "PERSON"), ("North Atlantic Treaty Organization", "ORG")]);
    build(&mut d);
    let c = clusters(&d);
    assert_eq!(entity(&d, "Marta Kovac").mentions.len(), 2, "{c:?}");
    assert_eq!(entity(&d, "NATO").mentions.len(), 2, "{c:?}");
}
