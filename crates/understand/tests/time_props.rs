//! Time tagging never panics and always yields well-formed spans.

use newsgraph_doc::Doc;
use newsgraph_understand::time;
use proptest::prelude::*;

fn check(text: &str, published: Option<String>) {
    let mut d = Doc::new(text);
    d.published = published;
    newsgraph_text::segment(&mut d);
    time::tag(&mut d);
    let mut prev_end = 0;
    for t in &d.timexes {
        assert!(t.start < t.end, "{t:?}");
        assert!(t.start >= prev_end, "overlap {t:?}");
        prev_end = t.end;
        assert!(d.text.is_char_boundary(t.start as usize) && d.text.is_char_boundary(t.end as usize));
        assert_eq!(&d.text[t.start as usize..t.end as usize], t.text);
        assert!(matches!(t.r#type.as_str(), "DATE" | "TIME" | "DURATION" | "SET"), "{t:?}");
        assert!(!t.value.is_empty());
    }
}

const WORDS: &[&str] = &[
    "Oct", ".", "15", ",", "2025", "-", "'", "90s", "1990s", "a.m.", "p.m", "10", ":", "30", "last", "next",
    "this", "the", "past", "two", "twenty", "years", "year", "ago", "earlier", "later", "mid", "early", "May",
    "March", "Wednesday", "night", "Christmas", "Eve", "New", "Year", "s", "Day", "fiscal", "third", "quarter",
    "half", "of", "a", "few", "every", "Monday", "today", "yesterday", "will", "said", "was", "week", "weekend",
    "that", "day", "1", "/", "31", "2", "29", "Feb", "Q3", "noon", "EST", "old", "summer", "fall", "in", "9999",
    "0", "00", "99999999999", "nineteen", "ninety", "thousand", "MOSCOW", "(", "Reuters", ")", "By", "\n",
    "Jan", "1st", "31st", "at", "least", "more", "than", "😀", "é", "—", "’",
];

fn word_soup() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), prop::sample::select(vec!["", " ", " ", "\n", "\n\n"])), 0..60)
        .prop_map(|v| v.into_iter().map(|(i, sep)| format!("{}{}", WORDS[i], sep)).collect())
}

fn date_string() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (0i32..10000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}"))),
        "\\PC{0,12}".prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text(text in "\\PC{0,200}", published in date_string()) {
        check(&text, published);
    }

    #[test]
    fn time_word_soup(text in word_soup(), published in date_string()) {
        check(&text, published);
    }
}

#[test]
fn extreme_dates_do_not_panic() {
    for p in ["0001-01-01", "9999-12-31", "0000-00-00", "2024-02-29", "1900-02-29"] {
        check(
            "Last year, 9999 years ago, next century, the 99th century, 3000 years later, Feb. 29, in 1000, the '90s, next week.",
            Some(p.to_string()),
        );
    }
}

#[test]
fn long_input_is_fast() {
    let unit = "On Wednesday the the a a 1 2 3 last next this 10:30 a.m. two years ago, ";
    let text = unit.repeat(20_000);
    let t = std::time::Instant::now();
    check(&text, Some("2025-10-16".into()));
    assert!(t.elapsed().as_secs() < 20);
}
