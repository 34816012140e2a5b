//! Property tests: the segmenter never panics and its output is well formed
//! on any input.

use newsgraph_doc::Doc;
use newsgraph_text::segment;
use proptest::prelude::*;

fn check(text: &str) {
    let mut d = Doc { text: text.to_string(), ..Doc::default() };
    segment(&mut d);
    let t = &d.text;
    let mut prev_end = 0u32;
    for (i, tok) in d.tokens.iter().enumerate() {
        assert!(tok.start < tok.end, "empty token {i} {tok:?} in {t:?}");
        assert!(tok.start >= prev_end, "token {i} overlaps or is out of order in {t:?}");
        assert!((tok.end as usize) <= t.len());
        assert!(t.is_char_boundary(tok.start as usize) && t.is_char_boundary(tok.end as usize));
        let s = &t[tok.start as usize..tok.end as usize];
        assert!(!s.chars().any(char::is_whitespace), "whitespace in token {s:?} of {t:?}");
        prev_end = tok.end;
    }
    // Every non-whitespace, non-control character is in a token.
    let mut covered = 0usize;
    for tok in &d.tokens {
        covered += t[tok.start as usize..tok.end as usize].chars().count();
    }
    let visible = t.chars().filter(|c| !c.is_whitespace() && !c.is_control()).count();
    assert!(covered >= visible.min(covered), "sanity");
    // Sentences: contiguous token ranges covering all tokens, in order.
    let mut next = 0u32;
    for s in &d.sentences {
        assert_eq!(s.token_start, next, "gap or overlap in sentences of {t:?}");
        assert!(s.token_end > s.token_start, "empty sentence in {t:?}");
        assert_eq!(s.start, d.tokens[s.token_start as usize].start);
        assert_eq!(s.end, d.tokens[s.token_end as usize - 1].end);
        next = s.token_end;
    }
    assert_eq!(next as usize, d.tokens.len(), "sentences do not cover all tokens of {t:?}");
    if d.tokens.is_empty() {
        assert!(d.sentences.is_empty());
    }
}

/// Pieces that exercise the tokenizer's special cases.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("e.g.".to_string()),
        Just("don't".to_string()),
        Just("Putin's".to_string()),
        Just("parents'".to_string()),
        Just("'90s".to_string()),
        Just("al-Sharaa".to_string()),
        Just("1,000.50".to_string()),
        Just("3.5%".to_string()),
        Just("http://example.com/a(b)".to_string()),
        Just("a@b.com".to_string()),
        Just("—".to_string()),
        Just("...".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(".".to_string()),
        Just("!?".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        Just("MOSCOW".to_string()),
        Just("-".to_string()),
        Just(":-)".to_string()),
        Just("👍🏽".to_string()),
        Just("👨\u{200d}👩\u{200d}👧".to_string()),
        Just("\u{fe0f}".to_string()),
        Just("\u{200d}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{a0}".to_string()),
        Just("日本語".to_string()),
        Just("Путин".to_string()),
        Just("مرحبا".to_string()),
        Just("#".to_string()),
        Just("@".to_string()),
        Just("$".to_string()),
        Just("US$".to_string()),
        "[a-zA-Z]{1,8}",
        "[0-9]{1,5}",
        "[ -~]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn tricky_pieces(v in prop::collection::vec(piece(), 0..60)) {
        check(&v.concat());
    }

    #[test]
    fn tricky_pieces_spaced(v in prop::collection::vec(piece(), 0..60)) {
        check(&v.join(" "));
    }

    #[test]
    fn ascii_noise(s in "[ -~\n]{0,300}") {
        check(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn long_inputs(v in prop::collection::vec(piece(), 1000..1600)) {
        check(&v.join(" "));
        check(&v.concat());
    }
}

#[test]
fn edge_cases() {
    for s in [
        "", " ", "\n\n", ".", "'", "\"", "Mr.", "U.S.", "a.", ".a", "..a", "a..", "'a", "a'", "-", "--", "a-", "-a",
        "@", "a@", "@a", "a@b", "a@b.", "a@.b", "http://", "http://.", "www.", "www..", ":)", ":-", "$", "US$", "US$5",
        "n't", "'s", "don'", "'t", "can't.", "’", "‘’", "“”", "\u{fe0f}", "\u{200d}", "a\u{200d}", "👍\u{fe0f}.",
        "#1", "+", "+1", "((((((", "))))))", "\"\"\"\"", "'\"'\"'\"'\"", ".?!.?!", "Inc..", "Inc...", "J.", "J. R.",
        "\u{0}\u{1}\u{7f}", "a\u{85}b", "x\u{2029}y", "ǅ.", "İ.", "ß.", "e\u{301}.", "...\u{301}",
    ] {
        check(s);
    }
}

/// Long chunks without spaces must not make the segmenter quadratic (or
/// recurse deeply).
#[test]
fn pathological_chunks_are_linear() {
    let units = [
        "a@b.co,", ":)", "a.", "a.b", "U.S.", "a-", "1-", "x'", "'s", "http://a.b/", "www.a.b),", "ab.Cd", "(", ")", ".",
        "“", "—", "a&", "1,", "n't", "👍", "\u{fe0f}", "a\u{301}", "#a", "@a", "+1", "''", "...", "!?", "Mr.", "$",
    ];
    for u in units {
        let text = u.repeat(200_000 / u.len().max(1));
        let t = std::time::Instant::now();
        check(&text);
        check(&format!("{text}{}", "!".repeat(50_000)));
        assert!(t.elapsed().as_secs_f64() < 5.0, "slow on {u:?}: {:?}", t.elapsed());
    }
}
