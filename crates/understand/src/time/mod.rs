//! Time expressions: detection and TIMEX3 normalization against the
//! publication date.
//!
//! # Design
//!
//! [`tag`] runs in four linear passes over the text, independent of the
//! segmenter's tokens (it uses its own light tokenizer, [`lex`], so that
//! "Oct." or "2025-10-15" split the same way whatever the segmenter does):
//!
//! 1. **Tokens** ([`lex::tokenize`]): runs of letters/digits and single
//!    punctuation marks, each classified once into a small lexicon (month,
//!    weekday, unit, number word, "last", "ago", ...) by a byte match on the
//!    ASCII-lowercased word; no allocation per token.
//! 2. **Recognition** ([`grammar`]): at each token, hand-written patterns
//!    with bounded look-ahead produce an anchor-free meaning ([`grammar::Expr`]);
//!    the longest match wins and the scan continues after it.
//! 3. **Document date**: `doc.published` (metadata) if it parses as
//!    `YYYY-MM-DD...`; otherwise a dateline at the start of a line near the
//!    top ("MOSCOW, Oct 16 (Reuters) -") or a dated byline line ("By Jane
//!    Doe | October 16, 2025", "Published: 16 Oct 2025", or a line that is
//!    only a date). A dateline without a year takes the year that puts it
//!    on or after the latest explicit full date in the text; with no such
//!    anchor `published` stays `None`. When found, `doc.published` is set
//!    and `doc.published_source` is `Dateline` or `Byline`.
//! 4. **Normalization** ([`resolve`]): values as TimeML writes them, from
//!    the document date, the tense of the clause (the nearest tense cue in
//!    the sentence: will/'ll/would/going to/expected to = future;
//!    was/were/had/has/did/said, irregular past forms, -ed forms = past;
//!    is/are/says = present) and, for narrative anaphora ("two years
//!    later", "that day", "the next day", "a year earlier"), the previous
//!    date mentioned in the text.
//!
//! # Conventions
//!
//! - Offsets are byte offsets into `doc.text` on token (so char) boundaries.
//! - Spans follow TimeML: a leading determiner belongs to durations,
//!   quarters, decades, "the past"/"the future", "the next day"; modifiers
//!   "early/late/mid/earlier/later/the end of" belong to the span but do not
//!   change the value (TimeML puts them in `mod`, which the record lacks);
//!   approximators "about/nearly/at least/more than/over" belong to
//!   durations and "ago" expressions. Prepositions never belong to a span.
//! - Types: DATE, TIME (a clock time `2025-10-15T14:00`, or a part of day
//!   on a deictic day: "this morning" `2025-10-16TMO`, "tonight" `...TNI`),
//!   DURATION (`P3D`, `PT2H`, `P10Y` for a decade, `PXY` for "years"), SET
//!   (`P1D` for "daily", `XXXX-WXX-1` for "every Monday").
//! - A weekday with a part of day ("Wednesday night") is the day, DATE
//!   `2025-10-15`: that is how TimeBank and AQUAINT mostly annotate it.
//! - Bare weekdays, months and month-days take their year (or week) from the
//!   tense: past looks back from the document date (the same day or month
//!   counts), future forward, otherwise the nearest occurrence. Slack: a
//!   past-tense month-day up to 45 days ahead, or the month right after
//!   the current one, stays in this year (announced dates under a past
//!   verb); a bare month follows the tense only if the cue is within 10
//!   tokens. A possessive weekday ("Wednesday's ruling") is past. Quarters
//!   and halves after the current one are last year's unless the clause is
//!   future.
//! - Deictic units: "this week" `2025-W42` (ISO weeks), "last month"
//!   `2025-09`, "the weekend" `2025-W41-WE` (the one just past under a past
//!   verb), decades `199` ("the 1990s", "the '90s"), centuries `19`
//!   ("the 20th century"), seasons `2025-SU`, quarters `2025-Q3`, halves
//!   `2025-H1`, refs `PRESENT_REF` ("now", "currently"), `PAST_REF`
//!   ("recently"), `FUTURE_REF` ("the future").
//! - Anchors: "ago", "yesterday", "last/next/this ..." anchor on the
//!   document date; "two years later", "a year earlier", "that day", "the
//!   next day" and clock times without a day anchor on the previous date of
//!   the narrative (else the document date). "a year ago/earlier" after a
//!   quarter is that quarter a year before, and "the quarter", "the latest
//!   period", "the year-ago quarter", "the 1989 period" follow the quarter
//!   under discussion (financial prose).
//! - Without a document date, unknown parts are X: `XXXX-10-15`,
//!   `XXXX-WXX-3`, `XXXX-XX` ("last month"), `XXXX-12-25` ("Christmas"),
//!   `PRESENT_REF` ("today"); "two years ago" becomes `PAST_REF`.
//! - A dateline's date is a mention too (and sets `published` as above).
//! - Ages ("5-year-old", "44 years old") are not time expressions; nor are
//!   "soon", "previously", "annual", "quarterly" or an adjectival "future",
//!   which the TimeML corpora mostly leave unannotated.
//!
//! Tuned on TBAQ-cleaned (TimeBank 1.2 + AQUAINT, TempEval-3 training
//! data), the only TimeML data we have, so its scores are optimistic; see
//! `newsgraph eval time`. Without POS tags the tense cues are word lists;
//! when `doc.parse` becomes available it could replace them.

pub mod date;
mod eval;
pub mod grammar;
pub mod lex;
mod published;
pub mod resolve;

use newsgraph_doc::{Doc, Timex};

use date::Date;
use grammar::{Expr, G, M};
use lex::Kind;
use resolve::{Point, Tense};

pub use eval::eval_timeml;

/// Print each timex with its tense to stderr (evaluation diagnostics).
pub(crate) static DEBUG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Find the time expressions of `doc` and normalize them.
///
/// Fills `doc.timexes` (byte offsets) and, when `doc.published` is empty,
/// may set it from a dateline or byline (see the module docs).
pub fn tag(doc: &mut Doc) {
    doc.timexes.clear();
    let mut toks = Vec::new();
    lex::tokenize(&doc.text, &mut toks);
    let g = G { t: &toks, text: &doc.text };
    let found = recognize(&g);

    let mut dct = doc.published.as_deref().and_then(parse_published);
    // A crawl date (when a page was fetched) yields to a date the text gives.
    let weak = doc.published.is_none() || doc.published_source == Some(newsgraph_doc::DateSource::Crawl);
    if weak {
        if let Some((d, src)) = published::find(&g, &found) {
            doc.published = Some(d.fmt());
            doc.published_source = Some(src);
            dct = Some(d);
        }
    }

    let cues = tense_cues(&g);
    let mut last: Option<Point> = None;
    let mut out = Vec::with_capacity(found.len());
    for x in &found {
        let tense = x.force.unwrap_or_else(|| {
            let (t, dist) = tense_at(&g, &cues, x.start, x.end);
            // A bare month is moved by a year only by a verb close to it.
            let month_only = matches!(x.expr, Expr::Date { y: None, d: None, .. });
            if month_only && dist > MONTH_CUE_DIST {
                Tense::None
            } else {
                t
            }
        });
        let Some((ty, value, p)) = resolve::resolve(x.expr, x.tod, dct, tense, last) else {
            continue;
        };
        if let Some(p) = p {
            last = Some(p);
        }
        let s = toks[x.start].s;
        let e = toks[x.end - 1].e;
        if DEBUG.load(std::sync::atomic::Ordering::Relaxed) {
            eprintln!("TENSE\t{:?}\t{:?}\t{}", &doc.text[s as usize..e as usize], tense, value);
        }
        out.push(Timex { start: s, end: e, text: doc.text[s as usize..e as usize].to_string(), r#type: ty.to_string(), value });
    }
    doc.timexes = out;
}

/// A metadata date: ISO 8601 (`2025-10-16`, `2025-10-16T08:00:00Z`,
/// `20251016`) or any text with a full date ("Thu, 16 Oct 2025 08:00:00
/// GMT", "October 16, 2025").
pub fn parse_published(s: &str) -> Option<Date> {
    if let Some(d) = Date::parse_prefix(s) {
        return Some(d);
    }
    if s.len() > 200 {
        return None;
    }
    let mut toks = Vec::new();
    lex::tokenize(s, &mut toks);
    let g = G { t: &toks, text: s };
    recognize(&g).iter().find_map(|x| match x.expr {
        Expr::Date { y: Some(y), m, d: Some(d) } => Date::new(y, m, d),
        _ => None,
    })
}

/// All expressions, left to right, without overlaps.
fn recognize(g: &G) -> Vec<M> {
    let n = g.t.len();
    let mut found: Vec<M> = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    while i < n {
        match g.top(i) {
            Some(mut x) if x.end > i && x.end <= n => {
                if x.start < last_end {
                    x.start = i.max(last_end);
                }
                if x.start >= x.end {
                    i += 1;
                    continue;
                }
                last_end = x.end;
                i = x.end;
                if x.expr != Expr::Skip {
                    found.push(x);
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// A tense cue per token (None for most).
fn tense_cues(g: &G) -> Vec<Option<Tense>> {
    (0..g.t.len()).map(|i| if g.t[i].kind == Kind::Word { cue(g, i) } else { None }).collect()
}

fn lower<'b>(w: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let b = w.as_bytes();
    if b.len() > 16 {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

fn cue(g: &G, i: usize) -> Option<Tense> {
    let w = g.tx(i);
    let mut buf = [0u8; 16];
    let l = lower(w, &mut buf)?;
    let next_is = |k: usize, s: &str| g.tx(i + k).eq_ignore_ascii_case(s);
    let prev_apos = i > 0 && g.t[i - 1].kind == Kind::Punct('\'') && !g.t[i].sp && !g.t[i - 1].sp;
    match l {
        b"will" | b"shall" | b"would" => return Some(Tense::Future),
        b"ll" if prev_apos => return Some(Tense::Future),
        b"wo" | b"won" if next_is(1, "'") && next_is(2, "t") => return Some(Tense::Future),
        b"going" if next_is(1, "to") => return Some(Tense::Future),
        b"plan" | b"plans" | b"planned" | b"planning" | b"upcoming" => return Some(Tense::Future),
        b"soon" if i > 0 && g.tx(i - 1).eq_ignore_ascii_case("as") => return Some(Tense::Future),
        b"expected" | b"scheduled" | b"due" | b"set" | b"slated" | b"poised"
        | b"expects" | b"intends" | b"aims"
            if next_is(1, "to") =>
        {
            return Some(Tense::Future)
        }
        b"was" | b"were" | b"had" | b"did" | b"has" | b"have" | b"said" | b"told" => return Some(Tense::Past),
        // "since the fall of Assad in December": what happened since lies behind.
        b"since" => return Some(Tense::Past),
        b"is" | b"are" | b"am" | b"says" | b"say" | b"does" => return Some(Tense::Present),
        _ => {}
    }
    if prev_apos {
        return None;
    }
    let past = is_irregular_past(l)
        || (l.len() >= 5 && l.ends_with(b"ed") && !g.t[i].cap && !NOT_PAST.contains(&l));
    if past {
        // Passive/participle after an auxiliary: let the auxiliary decide.
        for k in 1..=2 {
            if i >= k {
                let p = g.tx(i - k);
                if ["be", "been", "being", "is", "are", "am", "will", "to", "would", "'s"].iter().any(|a| p.eq_ignore_ascii_case(a)) {
                    return None;
                }
            }
        }
        return Some(Tense::Past);
    }
    None
}

const NOT_PAST: &[&[u8]] = &[
    b"indeed", b"hundred", b"united", b"proceed", b"succeed", b"exceed", b"speed", b"breed", b"greed", b"embed",
    b"unprecedented", b"limited", b"needed", b"naked", b"wicked", b"sacred", b"kindred", b"rugged", b"ragged",
    b"beloved", b"learned", b"aged", b"alleged", b"supposed", b"advanced", b"detailed", b"experienced",
];

fn is_irregular_past(l: &[u8]) -> bool {
    matches!(
        l,
        b"went" | b"came" | b"met" | b"saw" | b"made" | b"took" | b"gave" | b"got" | b"held" | b"left" | b"found"
            | b"thought" | b"became" | b"began" | b"brought" | b"bought" | b"built" | b"caught" | b"chose" | b"drove"
            | b"fell" | b"felt" | b"fought" | b"flew" | b"forgot" | b"grew" | b"knew" | b"led" | b"lost" | b"meant"
            | b"paid" | b"ran" | b"rose" | b"sat" | b"sent" | b"shot" | b"spoke" | b"spent" | b"stood" | b"struck"
            | b"sold" | b"taught" | b"threw" | b"understood" | b"wrote" | b"broke" | b"ate" | b"drew" | b"hung"
            | b"sought" | b"sank" | b"swore" | b"woke" | b"withdrew" | b"won" | b"heard" | b"kept" | b"fled"
            | b"hid" | b"overthrew" | b"told" | b"slid" | b"tore" | b"stole" | b"swept" | b"wept" | b"bore"
            | b"dealt" | b"dug" | b"fed" | b"forbade" | b"froze" | b"laid" | b"lay" | b"rode" | b"rang" | b"shook"
            | b"sang" | b"spun" | b"sprang" | b"stuck" | b"stung" | b"strove" | b"swam" | b"undertook"
            | b"upheld" | b"wound" | b"overtook" | b"outlined" | b"declared" | b"bid"
    )
}

/// Is there a sentence or clause boundary before token `i` (between i-1
/// and i)?
fn boundary_before(g: &G, i: usize) -> bool {
    let t = &g.t[i];
    if t.para {
        return true;
    }
    if i == 0 {
        return false;
    }
    let p = &g.t[i - 1];
    match p.kind {
        Kind::Punct('!') | Kind::Punct('?') | Kind::Punct(';') => t.sp,
        Kind::Punct('.') => {
            if !t.sp || !(t.cap || matches!(t.kind, Kind::Punct('"' | '\'' | '`' | '(' | '\u{201c}'))) {
                return false;
            }
            // Abbreviations: "Oct.", "Mr.", "U.S."
            if i >= 2 {
                let w = g.tx(i - 2);
                if w.len() == 1
                    || matches!(g.t[i - 2].lex, lex::Lex::Month(_) | lex::Lex::Weekday(_))
                    || ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "prof", "no", "vs", "inc", "co", "corp", "ltd"]
                        .iter()
                        .any(|a| w.eq_ignore_ascii_case(a))
                {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}

const WINDOW: usize = 40;
/// How near (in tokens) a tense cue must be to decide the year of a bare
/// month name.
const MONTH_CUE_DIST: usize = 10;
/// How much nearer a cue after the expression must be to win over one
/// before it.
const LEFT_BIAS: usize = 6;

/// The tense governing tokens `s..e`: the nearest cue in the sentence,
/// preferring the left one on ties.
fn tense_at(g: &G, cues: &[Option<Tense>], s: usize, e: usize) -> (Tense, usize) {
    let mut left = None;
    let mut k = s;
    let lo = s.saturating_sub(WINDOW);
    while k > lo {
        if boundary_before(g, k) {
            break;
        }
        k -= 1;
        if let Some(t) = cues[k] {
            left = Some((s - k, t));
            break;
        }
    }
    let mut right = None;
    let hi = (e + WINDOW).min(g.t.len());
    let mut k = e;
    while k < hi {
        if boundary_before(g, k) {
            break;
        }
        if let Some(t) = cues[k] {
            right = Some((k + 1 - e, t));
            break;
        }
        k += 1;
    }
    match (left, right) {
        (Some((dl, tl)), Some((dr, tr))) => {
            if dl <= dr + LEFT_BIAS {
                (tl, dl)
            } else {
                (tr, dr)
            }
        }
        (Some((d, t)), None) | (None, Some((d, t))) => (t, d),
        _ => (Tense::None, usize::MAX),
    }
}

