//! `cargo +nightly fuzz run segment` (from the repository root): the
//! segmenter must not panic and must keep its invariants on any UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_doc::Doc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut d = Doc { text: text.to_string(), ..Doc::default() };
    newsgraph_text::segment(&mut d);
    let mut prev = 0;
    for t in &d.tokens {
        assert!(t.start < t.end && t.start >= prev);
        assert!(text.is_char_boundary(t.start as usize) && text.is_char_boundary(t.end as usize));
        assert!(!text[t.start as usize..t.end as usize].chars().any(char::is_whitespace));
        prev = t.end;
    }
    let mut next = 0;
    for s in &d.sentences {
        assert!(s.token_start == next && s.token_end > s.token_start);
        next = s.token_end;
    }
    assert_eq!(next as usize, d.tokens.len());
});
