//! Publication dates as the record format writes them.

/// `YYYY-MM-DD` or an RFC 3339 timestamp as given; a space instead of the
/// `T` is accepted and replaced. Anything else is `None`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || !is_ymd(&b[..10]) {
        return None;
    }
    if b.len() == 10 {
        return Some(s.to_string());
    }
    if b[10] != b'T' && b[10] != b't' && b[10] != b' ' {
        return None;
    }
    let rest = &s[11..];
    let rb = rest.as_bytes();
    // hh:mm:ss
    if rb.len() < 8 || !(digits(&rb[0..2]) && rb[2] == b':' && digits(&rb[3..5]) && rb[5] == b':' && digits(&rb[6..8])) {
        return None;
    }
    let mut i = 8;
    if rb.get(i) == Some(&b'.') {
        i += 1;
        let st = i;
        while rb.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == st {
            return None;
        }
    }
    let zone = &rest[i..];
    let zb = zone.as_bytes();
    let ok = zone == "Z"
        || zone == "z"
        || (zb.len() == 6 && (zb[0] == b'+' || zb[0] == b'-') && digits(&zb[1..3]) && zb[3] == b':' && digits(&zb[4..6]));
    if !ok {
        return None;
    }
    Some(format!("{}T{}", &s[..10], rest))
}

fn digits(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

fn is_ymd(b: &[u8]) -> bool {
    if !(digits(&b[0..4]) && b[4] == b'-' && digits(&b[5..7]) && b[7] == b'-' && digits(&b[8..10])) {
        return false;
    }
    let m = (b[5] - b'0') * 10 + (b[6] - b'0');
    let d = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::normalize_date as n;

    #[test]
    fn dates() {
        assert_eq!(n("2025-10-16").as_deref(), Some("2025-10-16"));
        assert_eq!(n("2025-10-16T09:30:00Z").as_deref(), Some("2025-10-16T09:30:00Z"));
        assert_eq!(n("2025-10-16 09:30:00.5+03:00").as_deref(), Some("2025-10-16T09:30:00.5+03:00"));
        assert_eq!(n("16 Oct 2025"), None);
        assert_eq!(n("2025-13-01"), None);
        assert_eq!(n("2025-10-16T09:30"), None);
        assert_eq!(n("2025-10-16ç"), None);
    }
}
