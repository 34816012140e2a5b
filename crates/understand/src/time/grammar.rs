//! Recognition: token patterns to anchor-free meanings ([`Expr`]).
//!
//! Every recognizer looks at a bounded number of tokens from its start, so
//! a pass over the document is linear in its length.

use super::lex::{Kind, Lex, Part, Tok, Unit, W};
use super::resolve::Tense;

/// An amount: a number or unspecified ("several", "a few").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Num {
    N(u32),
    X,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    Fixed(u8, u8),
    Easter,
    Thanksgiving,
    Memorial,
    Labor,
    Election,
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tod {
    Hm(u8, u8),
    Part(Part),
}

/// The meaning of a time expression before anchoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A calendar date: month known; day and year optional (no year:
    /// the tense decides).
    Date { y: Option<i32>, m: u8, d: Option<u8> },
    Year(i32),
    Weekday(u8),
    /// today (0), yesterday (-1), tomorrow (1).
    RelDay(i32),
    /// A calendar unit relative to the document date: "last week" (-1).
    Rel(Unit, i32),
    RelWeekday(u8, i32),
    RelMonth(u8, i32),
    RelSeason(u8, i32),
    Season(u8, Option<i32>),
    Quarter(u8, Option<i32>),
    Half(u8, Option<i32>),
    /// "1990s" -> 199.
    Decade(i32),
    /// "'90s" -> 9: the century comes from the anchor.
    Decade2(i32),
    /// "the 20th century" -> 19.
    Century(i32),
    /// "two years ago" (sign -1, document anchor); "two years later"
    /// (sign 1, narrative anchor: the previous date in the text).
    Shift { n: Num, unit: Unit, sign: i32, narrative: bool },
    /// "that day" (0), "the next day" (1): relative to the previous date.
    Anaphor(Unit, i32),
    /// "the weekend": this or last weekend by tense.
    Weekend,
    Duration(Num, Unit),
    Ref(&'static str),
    Set(&'static str),
    SetWeekday(u8),
    Holiday(Holiday, Option<i32>),
    /// "the 1989 period": the quarter under discussion, in that year.
    YearPeriod(i32),
    /// "June last year" (month, year offset from the document's).
    MonthRel(u8, i32),
    /// "this year's third quarter".
    QuarterRel(u8, i32),
    /// "the year-ago quarter", "year-earlier": the previous year's same
    /// period (quarter when the text is about quarters).
    YearAgo(bool),
    /// A recognized non-timex (an age, "5-year-old"): skip these tokens.
    Skip,
}

#[derive(Clone, Copy, Debug)]
pub struct M {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub tod: Option<Tod>,
    /// Whether a preceding determiner "the" belongs to the expression.
    pub the_ok: bool,
    /// A tense the expression itself imposes ("last Oct. 23": past).
    pub force: Option<Tense>,
}

pub struct G<'a> {
    pub t: &'a [Tok],
    pub text: &'a str,
}

fn m(start: usize, end: usize, expr: Expr) -> M {
    M { start, end, expr, tod: None, the_ok: false, force: None }
}

fn better(a: Option<M>, b: Option<M>) -> Option<M> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.end > x.end { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

impl<'a> G<'a> {
    #[inline]
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::None, |t| t.lex)
    }
    #[inline]
    fn w(&self, i: usize) -> Option<W> {
        match self.lex(i) {
            Lex::W(w) => Some(w),
            _ => None,
        }
    }
    #[inline]
    fn is(&self, i: usize, w: W) -> bool {
        self.w(i) == Some(w)
    }
    #[inline]
    fn p(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }
    /// Punctuation `c` attached to the previous token.
    #[inline]
    fn pa(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Punct(c) && !t.sp)
    }
    #[inline]
    fn attached(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.sp)
    }
    #[inline]
    fn num(&self, i: usize) -> Option<u32> {
        self.t.get(i).and_then(|t| t.num)
    }
    fn ndig(&self, i: usize) -> u8 {
        self.t.get(i).map_or(0, |t| t.ndig)
    }
    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }
    pub fn tx(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) => &self.text[t.s as usize..t.e as usize],
            None => "",
        }
    }
    fn txi(&self, i: usize, s: &str) -> bool {
        self.tx(i).eq_ignore_ascii_case(s)
    }
    fn dash(&self, i: usize) -> bool {
        self.pa(i, '-') && self.attached(i + 1)
    }

    /// The longest expression starting at token `i`.
    pub fn top(&self, i: usize) -> Option<M> {
        let mut best = self.inner(i);
        // A determiner.
        if self.is(i, W::The) {
            if let Some(x) = self.inner(i + 1) {
                if x.the_ok {
                    best = better(best, Some(M { start: i, ..x }));
                }
            }
        }
        // Approximations before amounts: "about two years", "more than four
        // decades ago", "at least the past 18 months".
        let j = match self.w(i) {
            Some(W::Approx) => Some(i + 1),
            // "over an hour", but not "over the past year".
            Some(W::Over) if !self.is(i + 1, W::The) => Some(i + 1),
            Some(W::More) | Some(W::Less) if self.is(i + 1, W::Than) => Some(i + 2),
            Some(W::At) if self.is(i + 1, W::Least) => Some(i + 2),
            Some(W::Up) if self.is(i + 1, W::To) => Some(i + 2),
            _ => None,
        };
        if let Some(j) = j {
            let j2 = if self.is(j, W::The) { j + 1 } else { j };
            if let Some(x) = self.inner(j2) {
                let ok = match x.expr {
                    Expr::Duration(..) => j2 == j || x.the_ok,
                    Expr::Shift { .. } => j2 == j,
                    _ => false,
                };
                if ok {
                    best = better(best, Some(M { start: i, ..x }));
                }
            }
        }
        best
    }

    /// Modifiers that keep the value ("early", "late", "mid-", "earlier",
    /// "the end of") then a core expression.
    fn inner(&self, i: usize) -> Option<M> {
        let mut best = self.core(i);
        let j = match self.w(i) {
            Some(W::Early) | Some(W::Late) | Some(W::Earlier) | Some(W::Later) | Some(W::Mid) => {
                if self.dash(i + 1) {
                    Some(i + 2)
                } else {
                    Some(i + 1)
                }
            }
            Some(W::End) | Some(W::Beginning) | Some(W::Start) | Some(W::Middle)
                if self.is(i + 1, W::Of) =>
            {
                Some(i + 2)
            }
            _ => None,
        };
        if let Some(j) = j {
            let after_of = self.is(j - 1, W::Of);
            let (j2, the) = if after_of && self.is(j, W::The) { (j + 1, true) } else { (j, false) };
            // "the end of the year": the current unit.
            if the {
                if let Lex::Unit(u, false) = self.lex(j2) {
                    if matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Quarter | Unit::Decade | Unit::Century) {
                        best = better(best, Some(M { the_ok: true, ..m(i, j2 + 1, Expr::Rel(u, 0)) }));
                    }
                }
            }
            if let Some(x) = self.core(j2).or_else(|| if the { None } else { self.rel(j2) }) {
                let ok = match x.expr {
                    Expr::Date { .. }
                    | Expr::Year(_)
                    | Expr::Rel(..)
                    | Expr::RelMonth(..)
                    | Expr::RelSeason(..)
                    | Expr::Season(..)
                    | Expr::Decade(_)
                    | Expr::Decade2(_)
                    | Expr::Century(_)
                    | Expr::Quarter(..)
                    | Expr::Half(..)
                    | Expr::Anaphor(..)
                    | Expr::Weekday(_)
                    | Expr::Weekend
                    | Expr::RelWeekday(..) => true,
                    Expr::RelDay(_) => !the,
                    _ => false,
                };
                // "earlier"/"later" only before deictics ("earlier this
                // month", "later that day"), not before bare dates.
                let ok = ok
                    && (!matches!(self.w(i), Some(W::Earlier) | Some(W::Later))
                        || matches!(
                            x.expr,
                            Expr::Rel(..) | Expr::Anaphor(..) | Expr::RelDay(_) | Expr::RelMonth(..)
                        ));
                if ok {
                    best = better(best, Some(M { start: i, the_ok: true, ..x }));
                }
            }
        }
        best
    }

    fn core(&self, i: usize) -> Option<M> {
        let t = self.t.get(i)?;
        let mut best = None;
        match t.kind {
            Kind::Num => {
                best = better(best, self.iso(i));
                best = better(best, self.day_month(i));
                best = better(best, self.clock(i));
                best = better(best, self.amount_unit(i));
                if best.is_none() {
                    best = self.year(i);
                }
            }
            Kind::Punct('\'') => {
                if let Lex::Decade2(d) = self.lex(i + 1) {
                    if self.attached(i + 1) {
                        best = Some(M { the_ok: true, ..m(i, i + 2, Expr::Decade2(d)) });
                    }
                }
            }
            Kind::Punct(_) => {}
            Kind::Word => {
                best = better(best, self.word_core(i));
                best = better(best, self.amount_unit(i));
                best = better(best, self.rel(i));
            }
        }
        best
    }

    fn word_core(&self, i: usize) -> Option<M> {
        let lex = self.lex(i);
        let cap = self.cap(i);
        match lex {
            Lex::Month(mo) | Lex::MonthAmb(mo) if cap => self.month_date(i, mo),
            Lex::Weekday(wd) if cap => {
                // "Monday, Oct. 26"
                let mut k = i + 1;
                if self.p(k, ',') {
                    k += 1;
                }
                if let Lex::Month(mo) | Lex::MonthAmb(mo) = self.lex(k) {
                    if let Some(x) = self.month_date(k, mo) {
                        if let Expr::Date { d: Some(_), .. } = x.expr {
                            return Some(M { start: i, ..x });
                        }
                    }
                }
                if self.tx(i).len() <= 4 && !self.pa(i + 1, '.') {
                    return None;
                }
                let mut x = m(i, i + 1, Expr::Weekday(wd));
                if self.tx(i).len() <= 4 {
                    x.end += 1;
                }
                // "Friday night": TimeBank and AQUAINT mostly give the day (DATE).
                if let Lex::Part(_) = self.lex(x.end) {
                    x.end += 1;
                }
                // "Wednesday's ruling": mostly a past event.
                if self.pa(x.end, '\'') && self.txi(x.end + 1, "s") {
                    x.force = Some(Tense::Past);
                }
                Some(x)
            }
            Lex::NumWord(19) | Lex::NumWord(2) if self.spelled_year(i).is_some() => {
                let (end, y) = self.spelled_year(i)?;
                Some(m(i, end, Expr::Year(y)))
            }
            Lex::Ordinal(_) | Lex::NumWord(_) => {
                let a = self.day_month(i);
                let q = self.quarter(i);
                better(a, q)
            }
            Lex::Decade(d) => Some(M { the_ok: true, ..m(i, i + 1, Expr::Decade(d)) }),
            Lex::Season(s) => self.season(i, s),
            Lex::SeasonAmb(s) => {
                let prev_ok = i > 0
                    && matches!(
                        self.w(i - 1),
                        Some(W::In) | Some(W::The) | Some(W::Since) | Some(W::Until) | Some(W::By) | Some(W::During)
                            | Some(W::Early) | Some(W::Late) | Some(W::Last) | Some(W::Next) | Some(W::This)
                    );
                let year_next = self.year_at(i + 1).is_some() || (self.is(i + 1, W::Of) && self.year_at(i + 2).is_some());
                // "the fall of Bashar al-Assad", "the spring of discontent": a noun, not a season.
                let noun_of = self.is(i + 1, W::Of) && !year_next;
                if (prev_ok || year_next) && !noun_of {
                    self.season(i, s)
                } else {
                    None
                }
            }
            Lex::W(w) => self.word_w(i, w),
            Lex::Unit(Unit::Weekend, false) if i > 0 && self.is(i - 1, W::The) => {
                Some(M { the_ok: true, ..m(i, i + 1, Expr::Weekend) })
            }
            Lex::Unit(Unit::Year, false) if i > 0 && self.is(i - 1, W::The) && self.year_at(i + 1).is_none() && !self.dash(i + 1) && self.spelled_year(i + 1).is_none() => {
                // "the year ended Sept. 30": a duration; otherwise this year.
                let n = self.tx(i + 1);
                let e = if n.eq_ignore_ascii_case("ended") || n.eq_ignore_ascii_case("ending") || n.eq_ignore_ascii_case("through") {
                    Expr::Duration(Num::N(1), Unit::Year)
                } else {
                    Expr::Rel(Unit::Year, 0)
                };
                Some(M { the_ok: true, ..m(i, i + 1, e) })
            }
            Lex::Unit(Unit::Quarter, false) if i > 0 && self.is(i - 1, W::The) && !self.dash(i + 1) => {
                Some(M { the_ok: true, ..m(i, i + 1, Expr::Anaphor(Unit::Quarter, 0)) })
            }
            // "year-end", "year end"
            Lex::Unit(Unit::Year, false) if (self.dash(i + 1) && self.is(i + 2, W::End)) || self.is(i + 1, W::End) => {
                let end = if self.is(i + 1, W::End) { i + 2 } else { i + 3 };
                Some(m(i, end, Expr::Date { y: None, m: 12, d: Some(31) }))
            }
            Lex::Unit(Unit::Year, false) if self.dash(i + 1) && matches!(self.w(i + 2), Some(W::Ago) | Some(W::Earlier)) => {
                let (end, q) = match self.lex(i + 3) {
                    Lex::Unit(Unit::Quarter, false) => (i + 4, true),
                    Lex::W(W::Period) => (i + 4, false),
                    _ => (i + 3, false),
                };
                Some(M { the_ok: true, ..m(i, end, Expr::YearAgo(q)) })
            }
            _ => {
                // "Q3", "Q3 2025"
                let tx = self.tx(i).as_bytes();
                if tx.len() == 2 && (tx[0] == b'Q' || tx[0] == b'q') && (b'1'..=b'4').contains(&tx[1]) {
                    let q = tx[1] - b'0';
                    let (end, y) = match self.year_at(i + 1) {
                        Some(y) => (i + 2, Some(y)),
                        None => (i + 1, None),
                    };
                    return Some(m(i, end, Expr::Quarter(q, y)));
                }
                // "10am"
                let n = tx.iter().take_while(|c| c.is_ascii_digit()).count();
                if n > 0 && n <= 2 && tx.len() == n + 2 {
                    let suf = &tx[n..];
                    let pm = suf.eq_ignore_ascii_case(b"pm");
                    if pm || suf.eq_ignore_ascii_case(b"am") {
                        let h = self.tx(i)[..n].parse::<u8>().unwrap_or(0);
                        if (1..=12).contains(&h) {
                            let h = to24(h, pm);
                            return Some(self.after_clock(i, i + 1, h, 0));
                        }
                    }
                }
                None
            }
        }
    }

    fn word_w(&self, i: usize, w: W) -> Option<M> {
        let one = |e| Some(m(i, i + 1, e));
        match w {
            W::Today | W::Yesterday | W::Tomorrow | W::Tonight => {
                let n = match w {
                    W::Yesterday => -1,
                    W::Tomorrow => 1,
                    _ => 0,
                };
                let mut x = m(i, i + 1, Expr::RelDay(n));
                if w == W::Tonight {
                    x.tod = Some(Tod::Part(Part::Night));
                } else if let Lex::Part(p) = self.lex(i + 1) {
                    x.tod = Some(Tod::Part(p));
                    x.end += 1;
                }
                Some(x)
            }
            W::Now => one(Expr::Ref("PRESENT_REF")),
            W::Currently | W::Nowadays => one(Expr::Ref("PRESENT_REF")),
            W::Current => {
                // "current" alone, not "the current fiscal year" (rel) nor
                // "current account".
                match self.lex(i + 1) {
                    Lex::Unit(..) => None,
                    _ => one(Expr::Ref("PRESENT_REF")),
                }
            }
            W::Recently | W::Lately => one(Expr::Ref("PAST_REF")),
            W::Recent => match self.lex(i + 1) {
                Lex::Unit(Unit::Year, true) | Lex::Unit(Unit::Decade, true) => {
                    Some(m(i, i + 2, Expr::Ref("PAST_REF")))
                }
                Lex::Unit(u, true) => Some(m(i, i + 2, Expr::Duration(Num::X, u))),
                _ => None,
            },
            // "the future", "the near future"; a bare "future" is mostly an
            // adjective ("future plans").
            W::Future if i > 0 && (self.is(i - 1, W::The) || (i > 1 && self.txi(i - 1, "near") && self.is(i - 2, W::The))) => {
                let start = if self.is(i - 1, W::The) { i } else { i - 1 };
                Some(M { the_ok: true, ..m(start, i + 1, Expr::Ref("FUTURE_REF")) })
            }
            W::These if self.is(i + 1, W::Days) || self.txi(i + 1, "days") => {
                Some(m(i, i + 2, Expr::Ref("PRESENT_REF")))
            }
            W::Daily => one(Expr::Set("P1D")),
            W::Weekly => one(Expr::Set("P1W")),
            W::Monthly => one(Expr::Set("P1M")),
            W::Yearly if !self.cap(i) => one(Expr::Set("P1Y")),
            W::Hourly => one(Expr::Set("PT1H")),
            W::Every | W::Each | W::Per => match self.lex(i + 1) {
                Lex::Unit(u, false) => Some(m(i, i + 2, Expr::Set(set_of(u)?))),
                Lex::Weekday(d) if w != W::Per => Some(m(i, i + 2, Expr::SetWeekday(d))),
                _ => None,
            },
            W::Noon | W::Midday if !(i > 0 && self.txi(i - 1, "high")) => Some(self.after_clock(i, i + 1, 12, 0)),
            W::Midnight => Some(self.after_clock(i, i + 1, 24, 0)),
            // "the full year", "the fiscal year" (a duration before "ended")
            W::Full | W::Fiscal | W::Whole | W::Entire
                if i > 0 && self.is(i - 1, W::The) && matches!(self.lex(i + 1), Lex::Unit(Unit::Year, false)) && self.year_at(i + 2).is_none() =>
            {
                let n = self.tx(i + 2);
                let e = if n.eq_ignore_ascii_case("ended") || n.eq_ignore_ascii_case("ending") {
                    Expr::Duration(Num::N(1), Unit::Year)
                } else {
                    Expr::Rel(Unit::Year, 0)
                };
                Some(M { the_ok: true, ..m(i, i + 2, e) })
            }
            W::Fiscal => {
                // "fiscal 1989", "fiscal year 1989"
                let mut k = i + 1;
                if let Lex::Unit(Unit::Year, false) = self.lex(k) {
                    k += 1;
                }
                if let Some(y) = self.year_at(k) {
                    return Some(m(i, k + 1, Expr::Year(y)));
                }
                // "fiscal first quarter"
                let q = self.quarter(i + 1)?;
                Some(M { start: i, ..q })
            }
            W::Past => {
                // "the past" (not followed by a unit or amount)
                if i > 0 && self.is(i - 1, W::The) && !matches!(self.lex(i + 1), Lex::Unit(..) | Lex::NumWord(_) | Lex::Tens(_))
                    && self.num(i + 1).is_none()
                    && !matches!(self.w(i + 1), Some(W::Few) | Some(W::Several) | Some(W::Couple) | Some(W::Year))
                {
                    return Some(M { the_ok: true, ..m(i, i + 1, Expr::Ref("PAST_REF")) });
                }
                None
            }
            W::That | W::Same => {
                // "that day", "that year", "the same day"
                match self.lex(i + 1) {
                    Lex::Unit(u @ (Unit::Day | Unit::Year | Unit::Month | Unit::Week | Unit::Quarter), false) => {
                        let mut x = M { the_ok: w == W::Same, ..m(i, i + 2, Expr::Anaphor(u, 0)) };
                        if let Lex::Part(p) = self.lex(i + 2) {
                            // nothing: "that day morning" is rare
                            let _ = p;
                        }
                        if w == W::That && i > 0 && self.is(i - 1, W::The) {
                            return None;
                        }
                        x.the_ok = true;
                        Some(x)
                    }
                    Lex::Part(p) if w == W::That => {
                        let mut x = m(i, i + 2, Expr::Anaphor(Unit::Day, 0));
                        x.tod = Some(Tod::Part(p));
                        Some(x)
                    }
                    _ => None,
                }
            }
            W::Latest => {
                // "the latest quarter/period"
                match self.lex(i + 1) {
                    Lex::Unit(Unit::Quarter, false) | Lex::W(W::Period) => {
                        Some(M { the_ok: true, ..m(i, i + 2, Expr::Anaphor(Unit::Quarter, 0)) })
                    }
                    _ => None,
                }
            }
            W::Christmas => {
                let (d, k) = if self.is(i + 1, W::Eve) {
                    (24, i + 2)
                } else if self.txi(i + 1, "day") {
                    (25, i + 2)
                } else {
                    (25, i + 1)
                };
                self.holiday(i, k, Holiday::Fixed(12, d))
            }
            W::New if self.cap(i) => {
                // New Year's Day / Eve
                if !self.txi(i + 1, "year") {
                    return None;
                }
                let mut k = i + 2;
                if self.p(k, '\'') && self.txi(k + 1, "s") {
                    k += 2;
                }
                if self.txi(k, "day") {
                    self.holiday(i, k + 1, Holiday::Fixed(1, 1))
                } else if self.is(k, W::Eve) {
                    self.holiday(i, k + 1, Holiday::Fixed(12, 31))
                } else {
                    None
                }
            }
            W::Thanksgiving if self.cap(i) => {
                let k = if self.txi(i + 1, "day") { i + 2 } else { i + 1 };
                self.holiday(i, k, Holiday::Thanksgiving)
            }
            W::Easter if self.cap(i) => {
                let k = if self.txi(i + 1, "sunday") { i + 2 } else { i + 1 };
                self.holiday(i, k, Holiday::Easter)
            }
            W::Halloween if self.cap(i) => self.holiday(i, i + 1, Holiday::Fixed(10, 31)),
            W::Independence | W::Election | W::Labor | W::Memorial if self.cap(i) && self.txi(i + 1, "day") && self.cap(i + 1) => {
                let h = match w {
                    W::Independence => Holiday::Fixed(7, 4),
                    W::Election => Holiday::Election,
                    W::Labor => Holiday::Labor,
                    _ => Holiday::Memorial,
                };
                self.holiday(i, i + 2, h)
            }
            W::Valentine if self.cap(i) => {
                let mut k = i + 1;
                if self.p(k, '\'') && self.txi(k + 1, "s") {
                    k += 2;
                }
                if self.txi(k, "day") {
                    self.holiday(i, k + 1, Holiday::Fixed(2, 14))
                } else {
                    None
                }
            }
            W::Year => None,
            W::For => {
                // "for years", "for decades"
                match self.lex(i + 1) {
                    Lex::Unit(u, true) if !matches!(u, Unit::Second | Unit::Quarter) => {
                        if self.is(i + 2, W::Ago) || self.is(i + 2, W::Old) {
                            return None;
                        }
                        let x = m(i + 1, i + 2, Expr::Duration(Num::X, u));
                        Some(x)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "nineteen ninety-six", "two thousand", "two thousand and five".
    fn spelled_year(&self, i: usize) -> Option<(usize, i32)> {
        match self.lex(i) {
            Lex::NumWord(19) => {
                let (k, n) = match self.lex(i + 1) {
                    Lex::Tens(t) => {
                        let k = if self.dash(i + 2) { i + 3 } else { i + 2 };
                        match self.lex(k) {
                            Lex::NumWord(u) if u < 10 => (k + 1, t + u),
                            _ => (i + 2, t),
                        }
                    }
                    Lex::NumWord(n) if n >= 10 => (i + 2, n),
                    _ => return None,
                };
                Some((k, 1900 + n as i32))
            }
            Lex::NumWord(2) if self.txi(i + 1, "thousand") => {
                let k = if self.is(i + 2, W::And) { i + 3 } else { i + 2 };
                match self.lex(k) {
                    Lex::NumWord(u) if u < 20 => Some((k + 1, 2000 + u as i32)),
                    _ => Some((i + 2, 2000)),
                }
            }
            _ => None,
        }
    }

    fn holiday(&self, i: usize, k: usize, h: Holiday) -> Option<M> {
        if let Some(y) = self.year_at(k) {
            return Some(m(i, k + 1, Expr::Holiday(h, Some(y))));
        }
        Some(m(i, k, Expr::Holiday(h, None)))
    }

    /// A year number at `i`: four digits 1000..=2199.
    fn year_at(&self, i: usize) -> Option<i32> {
        let n = self.num(i)?;
        if self.ndig(i) == 4 && (1000..=2199).contains(&n) {
            Some(n as i32)
        } else {
            None
        }
    }

    /// Month name at `i` ("Oct", "Oct.", "October"), then a day and year.
    fn month_date(&self, i: usize, mo: u8) -> Option<M> {
        let mut j = i + 1;
        let abbr = self.tx(i).len() <= 4 && !self.txi(i, "june") && !self.txi(i, "july");
        if abbr && self.pa(j, '.') {
            j += 1;
        } else if abbr && !self.txi(i, "may") {
            // Bare abbreviations need a day or year.
            if !matches!(self.num(j), Some(1..=31)) && self.year_at(j).is_none() {
                return None;
            }
        }
        // Day.
        let day = match (self.num(j), self.lex(j)) {
            (Some(d), _) if (1..=31).contains(&d) && self.ndig(j) <= 2 => Some(d as u8),
            (_, Lex::Ordinal(d)) if (1..=31).contains(&d) => Some(d as u8),
            _ => None,
        };
        if let Some(d) = day {
            // Not "May 5 percent" nor a time "Oct 16 10:00".
            let mut k = j + 1;
            let mut y = None;
            let k0 = if self.p(k, ',') { k + 1 } else { k };
            if let Some(yy) = self.year_at(k0) {
                y = Some(yy);
                k = k0 + 1;
            }
            if !(self.pa(j + 1, ':') && self.attached(j + 2) && self.num(j + 2).is_some()) {
                return Some(m(i, k, Expr::Date { y, m: mo, d: Some(d) }));
            }
        }
        // "October 2025", "October, 2025", "October of 2025"
        let k = if self.p(j, ',') || self.is(j, W::Of) { j + 1 } else { j };
        if let Some(y) = self.year_at(k) {
            return Some(m(i, k + 1, Expr::Date { y: Some(y), m: mo, d: None }));
        }
        if let Some((e, y)) = self.spelled_year(k) {
            return Some(m(i, e, Expr::Date { y: Some(y), m: mo, d: None }));
        }
        // "June last year", "April next year"
        if let (Some(dir), Lex::Unit(Unit::Year, false)) = (rel_dir(self.w(j)), self.lex(j + 1)) {
            return Some(m(i, j + 2, Expr::MonthRel(mo, dir)));
        }
        // A bare month name. Ambiguous ones ("May", "March") need a
        // preposition or modifier before them.
        if let Lex::MonthAmb(_) = self.lex(i) {
            let ok = i > 0
                && matches!(
                    self.w(i - 1),
                    Some(W::In) | Some(W::Since) | Some(W::Until) | Some(W::By) | Some(W::During) | Some(W::From)
                        | Some(W::Early) | Some(W::Late) | Some(W::Mid) | Some(W::Last) | Some(W::Next) | Some(W::This)
                        | Some(W::Of) | Some(W::End) | Some(W::To)
                )
                || (i > 0 && self.pa(i, '-') && self.is(i - 1, W::Mid));
            if !ok || self.t[i].allcaps {
                return None;
            }
            if i > 1 && self.is(i - 1, W::To) && !self.cap(i) {
                return None;
            }
        }
        Some(m(i, j, Expr::Date { y: None, m: mo, d: None }))
    }

    /// "15 October 2025", "15th of October", "the 1st quarter" is elsewhere.
    fn day_month(&self, i: usize) -> Option<M> {
        let d = match (self.num(i), self.lex(i)) {
            (Some(d), _) if self.ndig(i) <= 2 => d,
            (_, Lex::Ordinal(d)) => d,
            _ => return None,
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, W::Of) {
            j += 1;
        }
        let mo = match self.lex(j) {
            Lex::Month(mo) | Lex::MonthAmb(mo) if self.cap(j) => mo,
            _ => return None,
        };
        let mut k = j + 1;
        if self.tx(j).len() <= 4 && self.pa(k, '.') {
            k += 1;
        }
        let k0 = if self.p(k, ',') { k + 1 } else { k };
        if let Some(y) = self.year_at(k0) {
            return Some(m(i, k0 + 1, Expr::Date { y: Some(y), m: mo, d: Some(d as u8) }));
        }
        Some(m(i, k, Expr::Date { y: None, m: mo, d: Some(d as u8) }))
    }

    /// "2025-10-15", "2025/10/15", "10/15/2025".
    fn iso(&self, i: usize) -> Option<M> {
        let a = self.num(i)?;
        let sep = match self.t.get(i + 1)?.kind {
            Kind::Punct(c @ ('-' | '/' | '.')) if self.attached(i + 1) && self.attached(i + 2) => c,
            _ => return None,
        };
        let b = self.num(i + 2)?;
        if !self.pa(i + 3, sep) || !self.attached(i + 4) {
            return None;
        }
        let c = self.num(i + 4)?;
        // More digits attached: a number like 1-2-3-4 or a phone number.
        if self.t.get(i + 5).is_some_and(|t| !t.sp && matches!(t.kind, Kind::Num | Kind::Word)) {
            return None;
        }
        let (y, mo, d) = if self.ndig(i) == 4 {
            (a, b, c)
        } else if self.ndig(i + 4) == 4 && sep == '/' {
            (c, a, b)
        } else {
            return None;
        };
        if !(1000..=2199).contains(&y) || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
            return None;
        }
        let mut x = m(i, i + 5, Expr::Date { y: Some(y as i32), m: mo as u8, d: Some(d as u8) });
        // "2025-10-15T14:00"
        if let Some(t) = self.t.get(i + 5) {
            let tx = self.tx(i + 5);
            if !t.sp && tx.len() == 3 && tx.starts_with('T') {
                if let (Ok(h), true, Some(mm)) = (tx[1..].parse::<u8>(), self.pa(i + 6, ':'), self.num(i + 7)) {
                    if h < 24 && mm < 60 {
                        x.end = i + 8;
                        x.tod = Some(Tod::Hm(h, mm as u8));
                    }
                }
            }
        }
        Some(x)
    }

    /// "10:30 a.m.", "6 p.m.", "14:00 GMT", then an optional day.
    fn clock(&self, i: usize) -> Option<M> {
        let h = self.num(i)?;
        if self.ndig(i) > 2 || h > 24 {
            return None;
        }
        let mut j = i + 1;
        let mut mm = 0;
        let mut has_min = false;
        let dot = self.pa(j, '.');
        if self.pa(j, ':') || (self.pa(j, '.') && self.ndig(j + 1) == 2) {
            if self.attached(j + 1) && self.ndig(j + 1) == 2 {
                mm = self.num(j + 1)?;
                if mm >= 60 {
                    return None;
                }
                has_min = true;
                j += 2;
            } else if self.pa(j, ':') {
                return None;
            }
        }
        // am/pm
        let ampm = if let Lex::AmPm(pm) = self.lex(j) {
            Some((pm, j + 1))
        } else if (self.txi(j, "a") || self.txi(j, "p")) && self.pa(j + 1, '.') && self.txi(j + 2, "m") {
            let pm = self.txi(j, "p");
            let mut e = j + 3;
            if self.pa(e, '.') {
                e += 1;
            }
            Some((pm, e))
        } else {
            None
        };
        if dot && has_min && ampm.is_none() {
            return None;
        }
        if let Some((pm, e)) = ampm {
            if !(1..=12).contains(&h) {
                return None;
            }
            return Some(self.after_clock(i, e, to24(h as u8, pm), mm as u8));
        }
        // o'clock
        if self.txi(j, "o") && self.pa(j + 1, '\'') && self.txi(j + 2, "clock") && (1..=12).contains(&h) {
            return Some(self.after_clock(i, j + 3, h as u8, 0));
        }
        if has_min && h < 24 {
            // 24-hour clock: only with a zone or after "at".
            let zone = matches!(self.lex(j), Lex::Zone);
            let at = i > 0 && matches!(self.w(i - 1), Some(W::At) | Some(W::By) | Some(W::Until) | Some(W::From));
            if zone || at {
                return Some(self.after_clock(i, j, h as u8, mm as u8));
            }
        }
        None
    }

    /// After a clock time: an optional zone and day ("9 a.m. EST Tuesday").
    fn after_clock(&self, i: usize, mut j: usize, h: u8, mm: u8) -> M {
        if matches!(self.lex(j), Lex::Zone) {
            j += 1;
        }
        let mut x = m(i, j, Expr::Anaphor(Unit::Day, 0));
        x.tod = Some(Tod::Hm(h, mm));
        let k = if self.is(j, W::On) { j + 1 } else { j };
        match self.lex(k) {
            Lex::Weekday(wd) if self.cap(k) && self.tx(k).len() > 4 => {
                x.expr = Expr::Weekday(wd);
                x.end = k + 1;
            }
            Lex::W(w @ (W::Today | W::Yesterday | W::Tomorrow)) => {
                x.expr = Expr::RelDay(match w {
                    W::Yesterday => -1,
                    W::Tomorrow => 1,
                    _ => 0,
                });
                x.end = k + 1;
            }
            Lex::Month(mo) | Lex::MonthAmb(mo) if self.cap(k) => {
                if let Some(d) = self.month_date(k, mo) {
                    if let Expr::Date { d: Some(_), .. } = d.expr {
                        x.expr = d.expr;
                        x.end = d.end;
                    }
                }
            }
            _ => {}
        }
        x
    }

    /// An amount: digits, number words, "a", "a few", "several".
    fn amount(&self, i: usize) -> Option<(usize, Num)> {
        if let Some(n) = self.num(i) {
            if self.ndig(i) > 4 || (i > 0 && (self.pa(i, ',') || self.pa(i - 1, ',') && self.attached(i))) {
                return None;
            }
            // "5 1/2"
            return Some((i + 1, Num::N(n)));
        }
        match self.lex(i) {
            Lex::NumWord(n) => Some((i + 1, Num::N(n))),
            Lex::Tens(n) => {
                let k = if self.dash(i + 1) { i + 2 } else { i + 1 };
                if let Lex::NumWord(u) = self.lex(k) {
                    if u < 10 {
                        return Some((k + 1, Num::N(n + u)));
                    }
                }
                Some((i + 1, Num::N(n)))
            }
            Lex::W(W::A) => match self.w(i + 1) {
                Some(W::Few) => Some((i + 2, Num::X)),
                Some(W::Couple) if self.is(i + 2, W::Of) => Some((i + 3, Num::N(2))),
                Some(W::Dozen) => Some((i + 2, Num::N(12))),
                Some(W::Hundred) => Some((i + 2, Num::N(100))),
                _ => Some((i + 1, Num::N(1))),
            },
            Lex::W(W::Few) | Lex::W(W::Several) | Lex::W(W::Many) => Some((i + 1, Num::X)),
            Lex::W(W::Couple) if self.is(i + 1, W::Of) => Some((i + 2, Num::N(2))),
            _ => None,
        }
    }

    /// "two years", "16-hour", "three days ago", "two years later".
    fn amount_unit(&self, i: usize) -> Option<M> {
        let (j, n) = self.amount(i)?;
        if self.ndig(i) == 4 {
            return None;
        }
        // "two more weeks"
        let j = if self.is(j, W::More) && matches!(self.lex(j + 1), Lex::Unit(_, true)) { j + 1 } else { j };
        let hy = self.dash(j);
        let k = if hy { j + 1 } else { j };
        let (u, plural) = match self.lex(k) {
            Lex::Unit(u, p) => (u, p),
            _ => return None,
        };
        let is_a = self.is(i, W::A) && j == i + 1;
        if hy && plural {
            return None;
        }
        if is_a && (plural || u == Unit::Second || u == Unit::Quarter) {
            return None;
        }
        if u == Unit::Quarter && !matches!(n, Num::N(_)) {
            return None;
        }
        // "a year-earlier figure": the year-ago pattern starts at "year".
        if self.dash(k + 1) && matches!(self.w(k + 2), Some(W::Ago) | Some(W::Earlier)) {
            return None;
        }
        // Ages: "5-year-old", "44 years old".
        if (self.dash(k + 1) && self.is(k + 2, W::Old)) || self.is(k + 1, W::Old) {
            return Some(m(i, k + 1, Expr::Skip));
        }
        if u == Unit::Weekend {
            return None;
        }
        let mut end = k + 1;
        // "a week or so ago"
        if self.is(end, W::Or) && self.is(end + 1, W::So) && self.is(end + 2, W::Ago) {
            end += 2;
        }
        match self.w(end) {
            Some(W::Ago) if !hy => {
                return Some(m(i, end + 1, Expr::Shift { n, unit: u, sign: -1, narrative: false }));
            }
            Some(W::Earlier) | Some(W::Later) if !hy => {
                let sign = if self.is(end, W::Later) { 1 } else { -1 };
                return Some(m(i, end + 1, Expr::Shift { n, unit: u, sign, narrative: true }));
            }
            _ => {}
        }
        // "$5 a year": a frequency.
        if is_a && i > 0 {
            let prev = self.tx(i - 1);
            if self.num(i - 1).is_some()
                || prev.eq_ignore_ascii_case("percent")
                || prev.eq_ignore_ascii_case("times")
                || prev == "%"
                || prev.eq_ignore_ascii_case("cents")
                || prev.eq_ignore_ascii_case("dollars")
                || prev.eq_ignore_ascii_case("once")
                || prev.eq_ignore_ascii_case("twice")
            {
                let s = set_of(u)?;
                let start = if prev.eq_ignore_ascii_case("once") || prev.eq_ignore_ascii_case("twice") { i - 1 } else { i };
                return Some(m(start, k + 1, Expr::Set(s)));
            }
        }
        Some(M { the_ok: true, ..m(i, k + 1, Expr::Duration(n, u)) })
    }

    /// "last week", "next Friday", "this summer", "the past two months",
    /// "the next day".
    fn rel(&self, i: usize) -> Option<M> {
        let w = self.w(i)?;
        let dir = match w {
            W::Last | W::Past | W::Previous => -1,
            W::Next | W::Coming | W::Following => 1,
            W::This | W::Current => 0,
            _ => return None,
        };
        let the = i > 0 && self.is(i - 1, W::The);
        let j = i + 1;
        // Durations: "the past two months", "the next several days",
        // "the coming years".
        if matches!(w, W::Last | W::Past | W::Next | W::Coming | W::Following | W::Previous) {
            if let Some(x) = self.amount_unit(j) {
                if let Expr::Duration(..) = x.expr {
                    if !self.is(j, W::A) {
                        return Some(M { start: i, the_ok: true, ..x });
                    }
                }
            }
            if let Lex::Unit(u, true) = self.lex(j) {
                if !matches!(u, Unit::Second | Unit::Quarter) {
                    return Some(M { the_ok: true, ..m(i, j + 1, Expr::Duration(Num::X, u)) });
                }
            }
        }
        match self.lex(j) {
            // "This Week" (a programme title), not sentence-initial.
            Lex::Unit(..) if self.cap(j) && self.cap(i) && !self.t[j].allcaps && i > 0 && !self.t[i].nl
                && !matches!(self.t[i - 1].kind, Kind::Punct('.' | '!' | '?' | '"' | '\'' | '`')) =>
            {
                None
            }
            Lex::Unit(u, false) => {
                if the {
                    // "the next day", "the previous year", "the past year",
                    // "the current quarter".
                    return Some(M {
                        the_ok: true,
                        ..match (w, u) {
                            (W::This | W::Current, _) => m(i, j + 1, Expr::Rel(u, 0)),
                            (W::Past | W::Last, Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Century) => {
                                m(i, j + 1, Expr::Duration(Num::N(1), u))
                            }
                            (W::Coming, Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Decade) => {
                                m(i, j + 1, Expr::Duration(Num::N(1), u))
                            }
                            _ => m(i, j + 1, Expr::Anaphor(u, dir)),
                        }
                    });
                }
                if matches!(w, W::Past | W::Coming | W::Previous | W::Following) {
                    return None;
                }
                if u == Unit::Day || u == Unit::Second || u == Unit::Minute || u == Unit::Hour {
                    return None;
                }
                // "this year's third quarter"
                if u == Unit::Year && self.pa(j + 1, '\'') && self.txi(j + 2, "s") {
                    if let Some(q) = self.quarter(j + 3) {
                        if let Expr::Quarter(qq, None) = q.expr {
                            return Some(M { start: i, the_ok: false, expr: Expr::QuarterRel(qq, dir), ..q });
                        }
                    }
                }
                let e = if u == Unit::Weekend { Expr::Rel(Unit::Weekend, dir) } else { Expr::Rel(u, dir) };
                Some(M { the_ok: false, ..m(i, j + 1, e) })
            }
            Lex::Weekday(wd) if self.cap(j) && !the && matches!(w, W::Last | W::Next | W::This) => {
                let mut x = m(i, j + 1, Expr::RelWeekday(wd, dir));
                if let Lex::Part(p) = self.lex(j + 1) {
                    x.tod = Some(Tod::Part(p));
                    x.end += 1;
                }
                Some(x)
            }
            Lex::Month(mo) | Lex::MonthAmb(mo) if self.cap(j) && !the && matches!(w, W::Last | W::Next | W::This) => {
                // "last Oct. 23": a date in the past.
                if let Some(x) = self.month_date(j, mo) {
                    if let Expr::Date { y: None, d: Some(_), .. } = x.expr {
                        let force = match dir {
                            -1 => Some(Tense::Past),
                            1 => Some(Tense::Future),
                            _ => None,
                        };
                        return Some(M { start: i, force, ..x });
                    }
                }
                Some(m(i, j + 1, Expr::RelMonth(mo, dir)))
            }
            Lex::Season(s) | Lex::SeasonAmb(s) if !the && matches!(w, W::Last | W::Next | W::This) => {
                Some(m(i, j + 1, Expr::RelSeason(s, dir)))
            }
            Lex::Part(p) if !the && matches!(w, W::This | W::Last) => {
                let mut x = m(i, j + 1, Expr::RelDay(if w == W::Last { -1 } else { 0 }));
                if w == W::Last && p != Part::Night && p != Part::Evening {
                    return None;
                }
                x.tod = Some(Tod::Part(p));
                Some(x)
            }
            Lex::W(W::Fiscal) if self.is(j + 1, W::Year) || matches!(self.lex(j + 1), Lex::Unit(Unit::Year, false)) => {
                Some(M { the_ok: true, ..m(i, j + 2, Expr::Rel(Unit::Year, dir)) })
            }
            Lex::W(W::Fiscal) => {
                let q = self.quarter(j)?;
                Some(M { start: i, the_ok: true, ..q })
            }
            Lex::Ordinal(_) if w == W::This || w == W::Last || w == W::Next => {
                let q = self.quarter(j)?;
                if let Expr::Quarter(qq, None) = q.expr {
                    let _ = qq;
                }
                Some(M { start: i, the_ok: true, ..q })
            }
            _ => None,
        }
    }

    /// "third quarter", "third-quarter", "the fourth quarter of 1989",
    /// "the first half", "the first nine months".
    fn quarter(&self, i: usize) -> Option<M> {
        let o = match self.lex(i) {
            Lex::Ordinal(o) => o,
            Lex::W(W::Fiscal) => {
                let q = self.quarter(i + 1)?;
                return Some(M { start: i, ..q });
            }
            _ => return None,
        };
        let mut j = i + 1;
        if self.dash(j) {
            j += 1;
        }
        if self.is(j, W::Fiscal) {
            j += 1;
        }
        let unit = self.lex(j);
        let is_half = self.is(j, W::Half);
        let q = match unit {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&o) => o as u8,
            _ if is_half && (1..=2).contains(&o) => o as u8,
            _ => {
                // "the first nine months": a duration.
                if o == 1 {
                    if let Some(x) = self.amount_unit(i + 1) {
                        if let Expr::Duration(..) = x.expr {
                            return Some(M { start: i, the_ok: true, ..x });
                        }
                    }
                }
                // "the 20th century"
                if let Lex::Unit(Unit::Century, false) = unit {
                    if (1..=30).contains(&o) {
                        return Some(M { the_ok: true, ..m(i, j + 1, Expr::Century(o as i32 - 1)) });
                    }
                }
                return None;
            }
        };
        let mut end = j + 1;
        let k = if self.is(end, W::Of) { end + 1 } else { end };
        let k2 = if self.is(k, W::Fiscal) { k + 1 } else { k };
        let y = self.year_at(k2);
        if y.is_some() {
            end = k2 + 1;
        }
        let e = if is_half { Expr::Half(q, y) } else { Expr::Quarter(q, y) };
        Some(M { the_ok: true, ..m(i, end, e) })
    }

    fn season(&self, i: usize, s: u8) -> Option<M> {
        let k = if self.is(i + 1, W::Of) { i + 2 } else { i + 1 };
        if let Some(y) = self.year_at(k) {
            return Some(M { the_ok: true, ..m(i, k + 1, Expr::Season(s, Some(y))) });
        }
        Some(M { the_ok: true, ..m(i, i + 1, Expr::Season(s, None)) })
    }

    /// A bare year: "in 1990", "1990's budget", "fiscal 1989" (elsewhere),
    /// "the year 2000", "mid-2024".
    fn year(&self, i: usize) -> Option<M> {
        let y = self.year_at(i)?;
        let t = &self.t[i];
        // Parts of larger numbers or amounts: "1,990", "$2000", "2000%".
        if i > 0 {
            let pv = &self.t[i - 1];
            if !t.sp && matches!(pv.kind, Kind::Punct(',' | '.' | '$' | '#' | ':' | '/' | '€' | '£')) {
                return None;
            }
            if matches!(pv.kind, Kind::Punct('$' | '€' | '£' | '#')) {
                return None;
            }
        }
        if let Some(nx) = self.t.get(i + 1) {
            if !nx.sp && matches!(nx.kind, Kind::Punct(',' | '.' | ':' | '/')) && self.t.get(i + 2).is_some_and(|t| !t.sp && t.kind == Kind::Num) {
                return None;
            }
            if matches!(nx.kind, Kind::Punct('%')) {
                return None;
            }
            let nt = self.tx(i + 1);
            if nt.eq_ignore_ascii_case("percent") || matches!(self.lex(i + 1), Lex::Unit(..)) {
                return None;
            }
        }
        if !(1900..=2099).contains(&y) {
            let ok = i > 0
                && matches!(
                    self.w(i - 1),
                    Some(W::In) | Some(W::Since) | Some(W::Until) | Some(W::By) | Some(W::During) | Some(W::From) | Some(W::Of)
                );
            if !ok {
                return None;
            }
        }
        // "the 1989 period", "the 1988 quarter": that year's quarter in
        // financial prose.
        if matches!(self.lex(i + 1), Lex::W(W::Period) | Lex::Unit(Unit::Quarter, false)) && i > 0 && self.is(i - 1, W::The) {
            return Some(M { the_ok: true, ..m(i, i + 2, Expr::YearPeriod(y)) });
        }
        // "the 1988 second quarter"
        if let Some(q) = self.quarter(i + 1) {
            if let Expr::Quarter(qq, None) = q.expr {
                return Some(M { start: i, the_ok: true, expr: Expr::Quarter(qq, Some(y)), ..q });
            }
        }
        // "the year 2000"
        if i >= 2 && matches!(self.lex(i - 1), Lex::Unit(Unit::Year, false)) && self.is(i - 2, W::The) {
            return Some(m(i - 2, i + 1, Expr::Year(y)));
        }
        // "1990's"
        if self.pa(i + 1, '\'') && self.txi(i + 2, "s") && self.attached(i + 2) && y % 10 == 0 {
            return Some(M { the_ok: true, ..m(i, i + 3, Expr::Decade(y / 10)) });
        }
        Some(m(i, i + 1, Expr::Year(y)))
    }
}

fn rel_dir(w: Option<W>) -> Option<i32> {
    match w? {
        W::Last => Some(-1),
        W::This => Some(0),
        W::Next => Some(1),
        _ => None,
    }
}

fn to24(h: u8, pm: bool) -> u8 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

fn set_of(u: Unit) -> Option<&'static str> {
    Some(match u {
        Unit::Second => "PT1S",
        Unit::Minute => "PT1M",
        Unit::Hour => "PT1H",
        Unit::Day => "P1D",
        Unit::Week => "P1W",
        Unit::Weekend => "P1WE",
        Unit::Fortnight => "P2W",
        Unit::Month => "P1M",
        Unit::Quarter => "P3M",
        Unit::Year => "P1Y",
        Unit::Decade => "P10Y",
        Unit::Century => "P100Y",
    })
}
