//! The publication date from a dateline or a dated byline.

use newsgraph_doc::DateSource;

use super::date::Date;
use super::grammar::{Expr, G, M};
use super::lex::{Kind, Lex};

/// How far into the text datelines and bylines are looked for (bytes).
const HEAD: u32 = 1500;

/// A publication date found in the text, and where.
pub fn find(g: &G, found: &[M]) -> Option<(Date, DateSource)> {
    let mut dateline_noyear: Option<(u8, u8)> = None;
    for x in found {
        let t0 = &g.t[x.start];
        if t0.s > HEAD {
            break;
        }
        let Expr::Date { y, m, d: Some(d) } = x.expr else { continue };
        if is_dateline(g, x) {
            match y {
                Some(y) => {
                    if let Some(dt) = Date::new(y, m, d) {
                        return Some((dt, DateSource::Dateline));
                    }
                }
                None => {
                    if dateline_noyear.is_none() {
                        dateline_noyear = Some((m, d));
                    }
                }
            }
        } else if let Some(y) = y {
            if is_byline(g, x) {
                if let Some(dt) = Date::new(y, m, d) {
                    return Some((dt, DateSource::Byline));
                }
            }
        }
    }
    let (m, d) = dateline_noyear?;
    // The year from the latest explicit full date in the text.
    let mut anchor: Option<Date> = None;
    for x in found {
        let a = match x.expr {
            Expr::Date { y: Some(y), m, d } => Date::new(y, m, d.unwrap_or(1)),
            _ => None,
        };
        if let Some(a) = a {
            if anchor.is_none_or(|b| a > b) {
                anchor = Some(a);
            }
        }
    }
    let a = anchor?;
    let c = Date::new(a.y, m, d).or_else(|| Date::new(a.y + 1, m, d))?;
    if c >= a {
        Some((c, DateSource::Dateline))
    } else {
        Date::new(a.y + 1, m, d).map(|c| (c, DateSource::Dateline))
    }
}

/// "MOSCOW, Oct 16 (Reuters) -", "WASHINGTON, October 16, 2025 /PRNewswire/ --":
/// at a line start, upper-case place words and commas, the date, then an
/// optional parenthesized or slashed agency, then a dash.
fn is_dateline(g: &G, x: &M) -> bool {
    // Backwards from the date to the line start.
    let mut k = x.start;
    let mut steps = 0;
    let mut saw_caps = false;
    loop {
        let t = &g.t[k];
        if k == 0 || t.nl {
            break;
        }
        if k < x.start || k == x.start {
            // fallthrough
        }
        k -= 1;
        steps += 1;
        if steps > 10 {
            return false;
        }
        let t = &g.t[k];
        match t.kind {
            Kind::Word => {
                if t.allcaps {
                    saw_caps = true;
                } else if !t.cap {
                    return false;
                }
            }
            Kind::Punct(',' | '.' | '-' | '\'') => {}
            _ => return false,
        }
    }
    if !saw_caps || k == x.start {
        return false;
    }
    // Forwards: optional "(Agency)" or "/Agency/", then a dash.
    let mut j = x.end;
    let n = g.t.len();
    let mut guard = 0;
    if j < n && matches!(g.t[j].kind, Kind::Punct('(' | '/')) {
        let close = if g.t[j].kind == Kind::Punct('(') { ')' } else { '/' };
        j += 1;
        while j < n && g.t[j].kind != Kind::Punct(close) {
            j += 1;
            guard += 1;
            if guard > 6 {
                return false;
            }
        }
        j += 1;
    }
    j < n && matches!(g.t[j].kind, Kind::Punct('-' | '_' | ':'))
}

/// A byline line with a full date: "By Jane Doe | October 16, 2025",
/// "Published: 16 Oct 2025", "Updated 10:04 AM ET, Thu October 16, 2025",
/// or a line that is only a date.
fn is_byline(g: &G, x: &M) -> bool {
    let mut k = x.start;
    let mut words = 0;
    while k > 0 && !g.t[k].nl {
        k -= 1;
        let w = g.tx(k);
        if ["by", "published", "updated", "posted", "date", "dated", "modified", "on"].iter().any(|a| w.eq_ignore_ascii_case(a)) {
            return true;
        }
        if g.t[k].kind == Kind::Word && !matches!(g.t[k].lex, Lex::Weekday(_)) {
            words += 1;
        }
        if words > 8 {
            return false;
        }
    }
    // The date alone on its line (maybe with a clock time after it).
    let mut j = x.end;
    let mut extra = 0;
    while j < g.t.len() && !g.t[j].nl {
        extra += 1;
        j += 1;
        if extra > 5 {
            return false;
        }
    }
    words == 0
}
