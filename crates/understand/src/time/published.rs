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
    // The year from the explicit full dates of the text: the dateline's
    // month and day in the year that puts it nearest to one of them.
    let mut best: Option<(i64, Date)> = None;
    for x in found {
        let Expr::Date { y: Some(y), m: em, d: Some(ed) } = x.expr else { continue };
        let Some(a) = Date::new(y, em, ed) else { continue };
        for cy in [y - 1, y, y + 1] {
            if let Some(c) = Date::new(cy, m, d) {
                let gap = (c.days() - a.days()).abs();
                if best.is_none_or(|(g, _)| gap < g) {
                    best = Some((gap, c));
                }
            }
        }
    }
    let (gap, c) = best?;
    // Too far from every explicit date: no reliable year.
    if gap > 366 {
        return None;
    }
    Some((c, DateSource::Dateline))
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
/// or a short line that is only a date (and maybe a clock time).
fn is_byline(g: &G, x: &M) -> bool {
    let mut ls = x.start;
    while ls > 0 && !g.t[ls].nl {
        ls -= 1;
        if x.start - ls > 20 {
            return false;
        }
    }
    let mut le = x.end;
    while le < g.t.len() && !g.t[le].nl {
        le += 1;
        if le - ls > 30 {
            return false;
        }
    }
    let first = g.tx(ls);
    if ["by", "published", "updated", "posted", "dated", "modified"].iter().any(|a| first.eq_ignore_ascii_case(a)) {
        return true;
    }
    // Only the date, a weekday, a clock time and punctuation on the line.
    (ls..le).filter(|&k| k < x.start || k >= x.end).all(|k| {
        let t = &g.t[k];
        match t.kind {
            Kind::Punct(_) | Kind::Num => true,
            Kind::Word => matches!(t.lex, Lex::Weekday(_) | Lex::Zone | Lex::AmPm(_))
                || ["a", "p", "m", "et", "pt", "ct"].iter().any(|a| g.tx(k).eq_ignore_ascii_case(a)),
        }
    })
}
