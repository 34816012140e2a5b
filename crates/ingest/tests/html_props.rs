//! No input makes HTML extraction panic.

use newsgraph_ingest::html::{extract, extract_str};
use proptest::prelude::*;

/// Strings made of HTML-ish pieces, to reach deeper into the parser and
/// the extractor than random bytes do.
fn htmlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"article-body\">".to_string()),
        Just("<div class=\"comments\">".to_string()),
        Just("</div>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"author\":".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<meta property=article:published_time content=2020-01-0".to_string()),
        Just("<svg><path>".to_string()),
        Just("<template>".to_string()),
        Just("<h2>".to_string()),
        Just("<li>".to_string()),
        Just("&amp;".to_string()),
        Just("&#x0;".to_string()),
        "[a-zA-Z ,.é\u{200b}]{0,40}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = extract(&data);
    }

    #[test]
    fn strings_never_panic(s in "\\PC{0,400}") {
        let _ = extract_str(&s);
        let _ = extract(s.as_bytes());
    }

    #[test]
    fn htmlish_never_panics(s in htmlish()) {
        let page = extract_str(&s);
        // Paragraphs are separated by exactly one blank line.
        prop_assert!(!page.text.contains("\n\n\n"));
        prop_assert_eq!(page.text.trim(), page.text.as_str());
    }
}
