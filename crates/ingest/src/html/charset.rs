//! Bytes of a page to text: byte order marks, `<meta charset>`, and a
//! fallback to Windows-1252 when a page is not the UTF-8 it claims to be.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// The page as text, and the encoding used. Never fails: bytes that do not
/// fit the chosen encoding become U+FFFD.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    let mut bytes = bytes;
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        // A UTF-8 byte order mark on a page that is not UTF-8 is wrong too:
        // drop it and sniff as below.
        if enc != UTF_8 || std::str::from_utf8(&bytes[bom_len..]).is_ok() {
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            return (text, enc);
        }
        bytes = &bytes[bom_len..];
    }
    let declared = sniff_meta(&bytes[..bytes.len().min(4096)]);
    // Valid UTF-8 is UTF-8 whatever the page says: a non-ASCII page that
    // decodes cleanly as UTF-8 is almost never in a legacy encoding.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), UTF_8);
    }
    let enc = match declared {
        Some(e) if e != UTF_8 && e.is_ascii_compatible() => e,
        // Mostly UTF-8 with a few stray bytes: keep UTF-8, lose the strays.
        _ if mostly_utf8(bytes) => UTF_8,
        // Declared UTF-8 (or nothing) but not UTF-8: the usual culprit.
        _ => WINDOWS_1252,
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text, enc)
}

/// More well-formed multi-byte UTF-8 sequences than malformed bytes.
fn mostly_utf8(mut bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                good += s.bytes().filter(|&b| b >= 0xc0).count();
                break;
            }
            Err(e) => {
                let ok = &bytes[..e.valid_up_to()];
                good += ok.iter().filter(|&&b| b >= 0xc0).count();
                let n = e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bad += 1;
                bytes = &bytes[e.valid_up_to() + n..];
            }
        }
    }
    good > bad * 2
}

/// The encoding named by a `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` near the
/// start of the page.
fn sniff_meta(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + i + 7;
        from = j;
        while j < lower.len() && (lower[j] == b' ' || lower[j] == b'=' || lower[j] == b'"' || lower[j] == b'\'') {
            j += 1;
        }
        let st = j;
        while j < lower.len() && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_' | b':' | b'.')) {
            j += 1;
        }
        if j > st {
            if let Some(e) = Encoding::for_label(&lower[st..j]) {
                return Some(e);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(decode(b"<p>caf\xc3\xa9").0, "<p>café");
        // Declared UTF-8, really Windows-1252.
        assert_eq!(decode(b"<meta charset=utf-8><p>caf\xe9 \x93q\x94").0, "<meta charset=utf-8><p>café “q”");
        assert_eq!(decode(b"<meta charset=\"iso-8859-2\"><p>\xb1").0, "<meta charset=\"iso-8859-2\"><p>ą");
        assert_eq!(decode(b"\xef\xbb\xbf<p>x").0, "<p>x");
        // UTF-8 with one stray byte stays UTF-8.
        assert_eq!(decode("<p>“a” é ü ß ".as_bytes().iter().chain(b"\xff").copied().collect::<Vec<u8>>().as_slice()).0, "<p>“a” é ü ß \u{fffd}");
        // A UTF-8 byte order mark on Windows-1252.
        assert_eq!(decode(b"\xef\xbb\xbf<p>caf\xe9").0, "<p>café");
        assert_eq!(decode(b"\xff\xfe<\0p\0>\0x\0").0, "<p>x");
    }
}
