//! Normalization: an [`Expr`] plus the document date, the clause tense and
//! the previous date of the narrative give a TIMEX3 type and value.

use super::date::{easter, nth_weekday, week_monday, Date};
use super::grammar::{Expr, Holiday, Num, Tod};
use super::lex::Unit;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    None,
}

/// A resolved calendar point at some granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Day(Date),
    Week(i32, u8),
    Weekend(i32, u8),
    Month(i32, u8),
    Quarter(i32, u8),
    Half(i32, u8),
    Season(i32, u8),
    Year(i32),
    Decade(i32),
    Century(i32),
}

const SEASONS: [&str; 5] = ["", "SP", "SU", "FA", "WI"];

impl Point {
    pub fn fmt(self) -> String {
        match self {
            Point::Day(d) => d.fmt(),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{}", SEASONS[s as usize % 5]),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }

    /// The first day of the point.
    pub fn start(self) -> Date {
        let mk = |y: i32, m: u8| Date { y: y.clamp(1, 9999), m, d: 1 };
        match self {
            Point::Day(d) => d,
            Point::Week(y, w) | Point::Weekend(y, w) => week_monday(y.clamp(2, 9998), w),
            Point::Month(y, m) => mk(y, m),
            Point::Quarter(y, q) => mk(y, (q - 1) * 3 + 1),
            Point::Half(y, h) => mk(y, (h - 1) * 6 + 1),
            Point::Season(y, s) => mk(y, [3, 6, 9, 12][(s as usize + 3) % 4]),
            Point::Year(y) => mk(y, 1),
            Point::Decade(d) => mk(d * 10, 1),
            Point::Century(c) => mk(c * 100, 1),
        }
    }

    fn year(self) -> i32 {
        self.start().y
    }
}

fn clamp_y(y: i32) -> i32 {
    y.clamp(1, 9999)
}

fn week(d: Date) -> Point {
    let (y, w) = d.iso_week();
    Point::Week(y, w)
}

fn add_q(y: i32, q: u8, n: i32) -> Point {
    let t = y * 4 + (q as i32 - 1) + n;
    Point::Quarter(clamp_y(t.div_euclid(4)), (t.rem_euclid(4) + 1) as u8)
}

/// Shift a point by `n` units, keeping the unit's granularity.
fn shift(anchor: Point, unit: Unit, n: i32) -> Point {
    let d = anchor.start();
    let dd = match anchor {
        Point::Day(d) => d,
        _ => d,
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Point::Day(dd),
        Unit::Day => Point::Day(dd.add_days(n as i64)),
        Unit::Week | Unit::Weekend => week(dd.add_days(7 * n as i64)),
        Unit::Fortnight => week(dd.add_days(14 * n as i64)),
        Unit::Month => {
            let x = dd.add_months(n);
            Point::Month(x.y, x.m)
        }
        Unit::Quarter => match anchor {
            Point::Quarter(y, q) => add_q(y, q, n),
            _ => add_q(dd.y, dd.quarter(), n),
        },
        Unit::Year => match anchor {
            // Financial prose: "a year earlier" after a quarter is that
            // quarter a year before.
            Point::Quarter(y, q) => Point::Quarter(clamp_y(y + n), q),
            Point::Half(y, h) => Point::Half(clamp_y(y + n), h),
            _ => Point::Year(clamp_y(d.y + n)),
        },
        Unit::Decade => Point::Year(clamp_y(d.y + 10 * n)),
        Unit::Century => Point::Year(clamp_y(d.y + 100 * n)),
    }
}

fn season_of(m: u8) -> u8 {
    match m {
        3..=5 => 1,
        6..=8 => 2,
        9..=11 => 3,
        _ => 4,
    }
}

fn holiday_date(h: Holiday, y: i32) -> Option<Date> {
    match h {
        Holiday::Fixed(m, d) => Date::new(y, m, d),
        Holiday::Easter => Some(easter(y)),
        Holiday::Thanksgiving => Some(nth_weekday(y, 11, 4, 4)),
        Holiday::Memorial => Some(nth_weekday(y, 5, 1, 5)),
        Holiday::Labor => Some(nth_weekday(y, 9, 1, 1)),
        Holiday::Election => Some(nth_weekday(y, 11, 1, 1).add_days(1)),
    }
}

/// How far a past-tense date may lie ahead of the document date (and a
/// future one behind) before the tense moves it by a year: deadlines and
/// announced dates are often in the other direction from the verb.
const SLACK_DAYS: i64 = 45;

/// Pick the year of a month/day without a year: the past tense looks
/// back, the future forward, otherwise the nearest.
fn pick_year(dct: Date, tense: Tense, f: impl Fn(i32) -> Option<Date>) -> Option<Date> {
    let y = dct.y;
    let this = f(y).or_else(|| f(y - 1))?;
    let gap = this.days() - dct.days();
    match tense {
        Tense::Past if gap > SLACK_DAYS => f(y - 1),
        Tense::Future if gap < -SLACK_DAYS => f(y + 1),
        Tense::Past | Tense::Future => Some(this),
        _ => {
            let mut best = this;
            for c in [f(y - 1), f(y + 1)].into_iter().flatten() {
                if (c.days() - dct.days()).abs() < (best.days() - dct.days()).abs() {
                    best = c;
                }
            }
            Some(best)
        }
    }
}

fn dur_value(n: Num, u: Unit) -> String {
    let (k, unit, t) = match u {
        Unit::Second => (1, "S", true),
        Unit::Minute => (1, "M", true),
        Unit::Hour => (1, "H", true),
        Unit::Day => (1, "D", false),
        Unit::Week => (1, "W", false),
        Unit::Weekend => (1, "WE", false),
        Unit::Fortnight => (2, "W", false),
        Unit::Month => (1, "M", false),
        Unit::Quarter => (3, "M", false),
        Unit::Year => (1, "Y", false),
        Unit::Decade => (10, "Y", false),
        Unit::Century => (100, "Y", false),
    };
    let p = if t { "PT" } else { "P" };
    match n {
        Num::N(n) => format!("{p}{}{unit}", n as u64 * k),
        Num::X => match u {
            Unit::Decade => "PXDE".to_string(),
            Unit::Century => "PXCE".to_string(),
            _ => format!("{p}X{unit}"),
        },
    }
}

fn with_tod(p: Point, tod: Option<Tod>) -> (&'static str, String) {
    match (p, tod) {
        (Point::Day(d), Some(Tod::Hm(h, m))) => ("TIME", format!("{}T{h:02}:{m:02}", d.fmt())),
        (Point::Day(d), Some(Tod::Part(pt))) => ("TIME", format!("{}T{}", d.fmt(), pt.code())),
        (p, _) => ("DATE", p.fmt()),
    }
}

fn tod_suffix(tod: Option<Tod>) -> String {
    match tod {
        Some(Tod::Hm(h, m)) => format!("T{h:02}:{m:02}"),
        Some(Tod::Part(p)) => format!("T{}", p.code()),
        None => String::new(),
    }
}

/// The normalized (type, value), and the point to remember as the
/// narrative's latest date.
pub fn resolve(
    e: Expr,
    tod: Option<Tod>,
    dct: Option<Date>,
    tense: Tense,
    last: Option<Point>,
) -> Option<(&'static str, String, Option<Point>)> {
    let point = |p: Point| {
        let (t, v) = with_tod(p, tod);
        Some((t, v, Some(p)))
    };
    let plain = |t: &'static str, v: String| Some((t, v, None));
    match e {
        Expr::Skip => None,
        Expr::Ref(r) => plain("DATE", r.to_string()),
        Expr::Set(s) => plain("SET", s.to_string()),
        Expr::SetWeekday(d) => plain("SET", format!("XXXX-WXX-{d}")),
        Expr::Duration(n, u) => plain("DURATION", dur_value(n, u)),
        Expr::Year(y) => point(Point::Year(y)),
        Expr::Decade(d) => point(Point::Decade(d)),
        Expr::Century(c) => point(Point::Century(c)),
        Expr::Decade2(d) => {
            let cy = dct.map_or(2000, |d| d.y);
            let mut dec = (cy / 100) * 10 + d;
            if dec * 10 > cy {
                dec -= 10;
            }
            point(Point::Decade(dec))
        }
        Expr::Date { y: Some(y), m, d: Some(d) } => match Date::new(y, m, d) {
            Some(x) => point(Point::Day(x)),
            None => point(Point::Month(y, m)),
        },
        Expr::Date { y: Some(y), m, d: None } => point(Point::Month(y, m)),
        Expr::Quarter(q, Some(y)) => point(Point::Quarter(y, q)),
        Expr::Half(h, Some(y)) => point(Point::Half(y, h)),
        Expr::Season(s, Some(y)) => point(Point::Season(y, s)),
        Expr::Holiday(h, Some(y)) => match holiday_date(h, y) {
            Some(x) => point(Point::Day(x)),
            None => point(Point::Year(y)),
        },
        Expr::Shift { n: Num::X, sign, .. } => {
            plain("DATE", if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string())
        }
        Expr::Shift { n: Num::N(n), unit, sign, narrative } => {
            let anchor = if narrative {
                last.or(dct.map(Point::Day))
            } else {
                // Financial prose: "a year ago" after a quarter.
                match (unit, n, last) {
                    (Unit::Year, 1, Some(p @ Point::Quarter(..))) => Some(p),
                    _ => dct.map(Point::Day),
                }
            };
            match anchor {
                Some(a) => {
                    let k = sign * n.min(100_000) as i32;
                    // "a year earlier" after a full date keeps the day.
                    let p = match (unit, a) {
                        (Unit::Year, Point::Day(d)) if narrative => Point::Day(d.add_months(12 * k)),
                        (Unit::Year, Point::Month(y, m)) if narrative => Point::Month(clamp_y(y + k), m),
                        _ => shift(a, unit, k),
                    };
                    let (t, v) = with_tod(p, None);
                    // Financial comparisons do not move the narrative.
                    let keep = matches!(a, Point::Quarter(..) | Point::Half(..)) && unit == Unit::Year;
                    Some((t, v, if keep { None } else { Some(p) }))
                }
                None => plain("DATE", if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string()),
            }
        }
        Expr::Anaphor(u, n) => {
            let a = last.or(dct.map(Point::Day));
            match a {
                Some(a) => {
                    let p = match (u, a) {
                        (Unit::Quarter, Point::Quarter(..)) => shift(a, u, n),
                        (Unit::Quarter, _) if n == 0 => {
                            // "the quarter": the one just ended.
                            let d = dct.unwrap_or(a.start());
                            add_q(d.y, d.quarter(), -1)
                        }
                        (Unit::Day, Point::Day(_)) => shift(a, u, n),
                        (Unit::Day, _) => match dct {
                            Some(d) => Point::Day(d.add_days(n as i64)),
                            _ => return plain("DATE", format!("XXXX-XX-XX{}", tod_suffix(tod))),
                        },
                        (Unit::Year, _) => Point::Year(clamp_y(a.year() + n)),
                        (Unit::Month, _) => {
                            let d = a.start().add_months(n);
                            Point::Month(d.y, d.m)
                        }
                        (Unit::Week, _) => week(a.start().add_days(7 * n as i64)),
                        _ => shift(a, u, n),
                    };
                    let (t, v) = with_tod(p, tod);
                    Some((t, v, Some(p)))
                }
                None => plain("DATE", unknown_unit(u)),
            }
        }
        Expr::YearPeriod(y) => match last {
            Some(Point::Quarter(_, q)) => point(Point::Quarter(y, q)),
            Some(Point::Half(_, h)) => point(Point::Half(y, h)),
            _ => plain("DATE", Point::Year(y).fmt()),
        },
        Expr::YearAgo(quarter) => {
            let p = match last {
                Some(Point::Quarter(y, q)) => Point::Quarter(clamp_y(y - 1), q),
                _ if quarter && dct.is_some() => {
                    let d = dct.unwrap_or(Date { y: 2000, m: 1, d: 1 });
                    add_q(d.y - 1, d.quarter(), -1)
                }
                Some(Point::Half(y, h)) => Point::Half(clamp_y(y - 1), h),
                _ => match dct {
                    Some(d) => Point::Year(d.y - 1),
                    None => return plain("DATE", "XXXX".into()),
                },
            };
            let (t, v) = with_tod(p, None);
            Some((t, v, None))
        }
        _ => {
            let Some(dct) = dct else {
                return unanchored(e, tod).map(|(t, v)| (t, v, None));
            };
            let p = anchored(e, dct, tense)?;
            point(p)
        }
    }
}

fn unknown_unit(u: Unit) -> String {
    match u {
        Unit::Year => "XXXX",
        Unit::Month => "XXXX-XX",
        Unit::Week | Unit::Weekend | Unit::Fortnight => "XXXX-WXX",
        Unit::Quarter => "XXXX-QX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
        _ => "XXXX-XX-XX",
    }
    .to_string()
}

/// Values without a document date: unknown parts are X.
fn unanchored(e: Expr, tod: Option<Tod>) -> Option<(&'static str, String)> {
    let ty = if tod.is_some() { "TIME" } else { "DATE" };
    let t = tod_suffix(tod);
    let v = match e {
        Expr::Date { y: None, m, d: Some(d) } => format!("XXXX-{m:02}-{d:02}{t}"),
        Expr::Date { y: None, m, d: None } => format!("XXXX-{m:02}"),
        Expr::Weekday(d) | Expr::RelWeekday(d, _) => format!("XXXX-WXX-{d}{t}"),
        Expr::RelDay(0) if tod.is_none() => "PRESENT_REF".to_string(),
        Expr::RelDay(_) => format!("XXXX-XX-XX{t}"),
        Expr::Rel(Unit::Weekend, _) | Expr::Weekend => "XXXX-WXX-WE".to_string(),
        Expr::Rel(Unit::Day, 0) => "PRESENT_REF".to_string(),
        Expr::Rel(u, _) => unknown_unit(u),
        Expr::RelMonth(m, _) => format!("XXXX-{m:02}"),
        Expr::RelSeason(s, _) | Expr::Season(s, None) => format!("XXXX-{}", SEASONS[s as usize % 5]),
        Expr::Quarter(q, None) | Expr::QuarterRel(q, _) => format!("XXXX-Q{q}"),
        Expr::MonthRel(m, _) => format!("XXXX-{m:02}"),
        Expr::Half(h, None) => format!("XXXX-H{h}"),
        Expr::Holiday(Holiday::Fixed(m, d), None) => format!("XXXX-{m:02}-{d:02}"),
        Expr::Holiday(..) => "XXXX-XX-XX".to_string(),
        _ => return None,
    };
    Some((ty, v))
}

fn anchored(e: Expr, dct: Date, tense: Tense) -> Option<Point> {
    let y = dct.y;
    Some(match e {
        Expr::Date { y: None, m, d: Some(d) } => {
            if m == 2 && d == 29 {
                // Leap day: the nearest leap year in the tense's direction.
                let c = (0..8).map(|k| if tense == Tense::Future { y + k } else { y - k }).find(|&yy| super::date::is_leap(yy))?;
                Point::Day(Date::new(c, 2, 29)?)
            } else {
                Point::Day(pick_year(dct, tense, |yy| Date::new(yy, m, d))?)
            }
        }
        Expr::Date { y: None, m, d: None } => {
            let yy = match tense {
                Tense::Past if m > dct.m + 1 => y - 1,
                Tense::Future if m < dct.m => y + 1,
                Tense::Past | Tense::Future => y,
                _ => {
                    let diff = m as i32 - dct.m as i32;
                    if diff > 6 {
                        y - 1
                    } else if diff < -6 {
                        y + 1
                    } else {
                        y
                    }
                }
            };
            Point::Month(clamp_y(yy), m)
        }
        Expr::Weekday(wd) => {
            let back = (dct.weekday() as i64 - wd as i64).rem_euclid(7);
            let fwd = (wd as i64 - dct.weekday() as i64).rem_euclid(7);
            let off = match tense {
                Tense::Future => fwd,
                Tense::Past => -back,
                _ => {
                    if fwd < back {
                        fwd
                    } else {
                        -back
                    }
                }
            };
            Point::Day(dct.add_days(off))
        }
        Expr::RelDay(n) => Point::Day(dct.add_days(n as i64)),
        Expr::Rel(u, n) => match u {
            Unit::Weekend => {
                let (wy, w) = dct.add_days(7 * n as i64).iso_week();
                Point::Weekend(wy, w)
            }
            Unit::Day => Point::Day(dct.add_days(n as i64)),
            Unit::Decade => Point::Decade(y / 10 + n),
            Unit::Century => Point::Century(y / 100 + n),
            _ => shift(Point::Day(dct), u, n),
        },
        Expr::MonthRel(m, n) => Point::Month(clamp_y(y + n), m),
        Expr::QuarterRel(q, n) => Point::Quarter(clamp_y(y + n), q),
        Expr::Weekend => {
            // Past tense on a weekday: the weekend just gone.
            let wd = dct.weekday();
            let n = match tense {
                Tense::Past if wd < 6 => -1,
                Tense::Future if wd == 7 => 1,
                _ => 0,
            };
            let (wy, w) = dct.add_days(7 * n).iso_week();
            Point::Weekend(wy, w)
        }
        Expr::RelWeekday(wd, dir) => {
            let cur = dct.weekday() as i64;
            let off = match dir {
                -1 => {
                    let b = (cur - wd as i64).rem_euclid(7);
                    -(if b == 0 { 7 } else { b })
                }
                1 => {
                    let f = (wd as i64 - cur).rem_euclid(7);
                    if f == 0 {
                        7
                    } else {
                        f
                    }
                }
                _ => wd as i64 - cur,
            };
            Point::Day(dct.add_days(off))
        }
        Expr::RelMonth(m, dir) => {
            let yy = match dir {
                -1 if m < dct.m => y,
                -1 => y - 1,
                1 if m > dct.m => y,
                1 => y + 1,
                _ => y,
            };
            Point::Month(clamp_y(yy), m)
        }
        Expr::RelSeason(s, dir) => {
            let cs = season_of(dct.m);
            let yy = match dir {
                -1 if s < cs => y,
                -1 => y - 1,
                1 if s > cs => y,
                1 => y + 1,
                _ => y,
            };
            Point::Season(clamp_y(yy), s)
        }
        Expr::Season(s, None) => {
            let cs = season_of(dct.m);
            let yy = match tense {
                Tense::Past if s > cs => y - 1,
                Tense::Future if s < cs => y + 1,
                _ => y,
            };
            Point::Season(clamp_y(yy), s)
        }
        Expr::Quarter(q, None) => {
            let yy = if q > dct.quarter() && tense != Tense::Future { y - 1 } else { y };
            Point::Quarter(clamp_y(yy), q)
        }
        Expr::Half(h, None) => {
            let ch = if dct.m <= 6 { 1 } else { 2 };
            let yy = if h > ch && tense != Tense::Future { y - 1 } else { y };
            Point::Half(clamp_y(yy), h)
        }
        Expr::Holiday(h, None) => Point::Day(pick_year(dct, tense, |yy| holiday_date(h, yy))?),
        _ => return None,
    })
}
