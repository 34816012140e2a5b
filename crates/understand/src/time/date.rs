//! Small proleptic-Gregorian date arithmetic (no dependencies).

/// A calendar date. Years are kept in a sane range by the callers
/// (1..=9999) so that formatting always yields four digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u8,
    pub d: u8,
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap(y) {
                29
            } else {
                28
            }
        }
        _ => 30,
    }
}

impl Date {
    /// A valid date or None.
    pub fn new(y: i32, m: u8, d: u8) -> Option<Date> {
        if (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) {
            Some(Date { y, m, d })
        } else {
            None
        }
    }

    /// Parse the leading `YYYY-MM-DD` (or `YYYY-MM`, `YYYYMMDD`) of a
    /// metadata date such as `2025-10-16T08:00:00Z`.
    pub fn parse_prefix(s: &str) -> Option<Date> {
        let b = s.trim().as_bytes();
        let dig = |r: std::ops::Range<usize>| -> Option<u32> {
            let sl = b.get(r)?;
            if sl.iter().all(u8::is_ascii_digit) {
                Some(sl.iter().fold(0u32, |a, &c| a * 10 + (c - b'0') as u32))
            } else {
                None
            }
        };
        let y = dig(0..4)? as i32;
        if b.get(4) == Some(&b'-') {
            let m = dig(5..7)? as u8;
            let d = if b.get(7) == Some(&b'-') { dig(8..10)? as u8 } else { 1 };
            Date::new(y, m, d)
        } else {
            Date::new(y, dig(4..6)? as u8, dig(6..8)? as u8)
        }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = if self.m <= 2 { self.y as i64 - 1 } else { self.y as i64 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = if m <= 2 { y + 1 } else { y };
        Date { y: y.clamp(1, 9999) as i32, m, d }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Add months, clamping the day to the month's length.
    pub fn add_months(self, n: i32) -> Date {
        let t = self.y as i64 * 12 + (self.m as i64 - 1) + n as i64;
        let y = t.div_euclid(12).clamp(1, 9999) as i32;
        let m = (t.rem_euclid(12) + 1) as u8;
        Date { y, m, d: self.d.min(days_in_month(y, m)) }
    }

    /// ISO weekday, Monday = 1 .. Sunday = 7.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    /// ISO week-numbering year and week.
    pub fn iso_week(self) -> (i32, u8) {
        let thu = self.add_days(4 - self.weekday() as i64);
        let jan1 = Date { y: thu.y, m: 1, d: 1 };
        let w = (thu.days() - jan1.days()) / 7 + 1;
        (thu.y, w as u8)
    }

    pub fn quarter(self) -> u8 {
        (self.m - 1) / 3 + 1
    }

    pub fn fmt(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// The Monday of ISO week `w` of `y`.
pub fn week_monday(y: i32, w: u8) -> Date {
    let jan4 = Date { y, m: 1, d: 4 };
    jan4.add_days(-(jan4.weekday() as i64 - 1) + (w as i64 - 1) * 7)
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(y: i32) -> Date {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date { y, m: month as u8, d: day as u8 }
}

/// The `n`-th (1-based; 5 = last) weekday `wd` of a month.
pub fn nth_weekday(y: i32, m: u8, wd: u8, n: u8) -> Date {
    if n >= 5 {
        let last = Date { y, m, d: days_in_month(y, m) };
        let back = (last.weekday() as i64 - wd as i64).rem_euclid(7);
        return last.add_days(-back);
    }
    let first = Date { y, m, d: 1 };
    let fwd = (wd as i64 - first.weekday() as i64).rem_euclid(7);
    first.add_days(fwd + 7 * (n as i64 - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let d = Date::new(2025, 10, 16).unwrap();
        assert_eq!(d.weekday(), 4);
        assert_eq!(d.iso_week(), (2025, 42));
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.add_days(-1).fmt(), "2025-10-15");
        assert_eq!(d.add_months(-10).fmt(), "2024-12-16");
        assert_eq!(Date::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
        assert_eq!(week_monday(2025, 42).fmt(), "2025-10-13");
        assert_eq!(easter(2025).fmt(), "2025-04-20");
        assert_eq!(nth_weekday(2025, 11, 4, 4).fmt(), "2025-11-27");
        assert_eq!(Date::parse_prefix("2025-10-16T08:00:00Z"), Date::new(2025, 10, 16));
        assert_eq!(Date::parse_prefix("19980108"), Date::new(1998, 1, 8));
    }
}
