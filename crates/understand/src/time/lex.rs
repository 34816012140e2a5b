//! The time tagger's own light tokenizer and lexicon.
//!
//! Tokens are maximal runs of letters and digits (so "1990s" and "15th" are
//! one token) and single punctuation characters ("Oct." is `Oct` `.`,
//! "2025-10-15" is five tokens, "a.m." four). Each token records whether
//! whitespace precedes it, and words are classified once into a [`Lex`].

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
        }
    }
}

/// Words with a role in time expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    Last,
    Next,
    This,
    Past,
    Coming,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Current,
    Recently,
    Recent,
    Future,
    Soon,
    Previously,
    Nowadays,
    Lately,
    The,
    A,
    Few,
    Several,
    Couple,
    Many,
    Some,
    Of,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Monthly,
    Annually,
    Yearly,
    Hourly,
    Quarterly,
    Fiscal,
    Half,
    Noon,
    Midnight,
    Midday,
    Same,
    That,
    Those,
    These,
    Days,
    Year, // "year" as in "year-ago", "year-earlier", "year-end"
    Ago2, // "earlier" used after "year-" handled by Earlier
    Other,
    Approx, // about, around, nearly, almost, roughly, approximately, some
    More,
    Less,
    Than,
    At,
    Least,
    Over,
    Within,
    Up,
    To,
    In,
    On,
    Since,
    Until,
    By,
    During,
    From,
    For,
    And,
    Or,
    So,
    Latest,
    Full,
    Whole,
    Entire,
    Period,
    Time,
    Oclock,
    Christmas,
    Eve,
    Day,
    New,
    Years,
    Thanksgiving,
    Easter,
    Halloween,
    Independence,
    Election,
    Labor,
    Memorial,
    Valentine,
    Hundred,
    Dozen,
    Once,
    Twice,
    Former,
    Old,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    None,
    Month(u8),
    /// An ambiguous month name ("may", "march"): needs context.
    MonthAmb(u8),
    Weekday(u8),
    Unit(Unit, bool),
    NumWord(u32),
    /// "twenty", "thirty": combine with a following unit word.
    Tens(u32),
    Ordinal(u32),
    Season(u8),
    /// Ambiguous season ("fall", "spring"): needs a modifier.
    SeasonAmb(u8),
    Part(Part),
    W(W),
    /// A four-digit decade: "1990s" -> 199.
    Decade(i32),
    /// A two-digit decade: "90s" -> 9 (century unknown).
    Decade2(i32),
    Zone,
    AmPm(bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub s: u32,
    pub e: u32,
    pub kind: Kind,
    /// Whitespace (or text start) precedes the token.
    pub sp: bool,
    /// A newline precedes the token.
    pub nl: bool,
    /// A blank line precedes the token.
    pub para: bool,
    /// The first character is upper case.
    pub cap: bool,
    /// All letters upper case (and at least two letters).
    pub allcaps: bool,
    /// Numeric value of an all-digit token (up to 9 digits).
    pub num: Option<u32>,
    pub ndig: u8,
    pub lex: Lex,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenize `text` into `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0usize;
    let mut sp = true;
    let mut nl = true;
    let mut nls = 2u8;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_whitespace() {
                sp = true;
                if c == b'\n' {
                    nl = true;
                    nls = nls.saturating_add(1);
                }
                i += 1;
                continue;
            }
            if c.is_ascii_alphanumeric() {
                let s = i;
                while i < b.len() {
                    let c = b[i];
                    if c.is_ascii_alphanumeric() {
                        i += 1;
                    } else if c >= 0x80 {
                        let ch = text[i..].chars().next().unwrap_or(' ');
                        if is_word_char(ch) {
                            i += ch.len_utf8();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                out.push(word(text, s, i, sp, nl, nls >= 2));
            } else {
                out.push(punct(i, i + 1, c as char, sp, nl, nls >= 2));
                i += 1;
            }
            sp = false;
            nl = false;
            nls = 0;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        let l = ch.len_utf8();
        if ch.is_whitespace() {
            sp = true;
            i += l;
            continue;
        }
        if is_word_char(ch) {
            let s = i;
            while i < b.len() {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if is_word_char(ch) {
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            out.push(word(text, s, i, sp, nl, nls >= 2));
        } else {
            // Normalize typographic apostrophes/dashes.
            let p = match ch {
                '\u{2019}' | '\u{2018}' => '\'',
                '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => '-',
                _ => ch,
            };
            out.push(punct(i, i + l, p, sp, nl, nls >= 2));
            i += l;
        }
        sp = false;
        nl = false;
        nls = 0;
    }
}

fn punct(s: usize, e: usize, c: char, sp: bool, nl: bool, para: bool) -> Tok {
    Tok {
        s: s as u32,
        e: e as u32,
        kind: Kind::Punct(c),
        sp,
        nl,
        para,
        cap: false,
        allcaps: false,
        num: None,
        ndig: 0,
        lex: Lex::None,
    }
}

fn word(text: &str, s: usize, e: usize, sp: bool, nl: bool, para: bool) -> Tok {
    let w = &text[s..e];
    let wb = w.as_bytes();
    let digits = wb.iter().take_while(|c| c.is_ascii_digit()).count();
    let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
    let mut letters = 0;
    let mut allcaps = true;
    for c in w.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if !c.is_uppercase() {
                allcaps = false;
            }
        }
    }
    let allcaps = allcaps && letters >= 2;
    if digits == wb.len() {
        let num = if digits <= 9 { Some(w.parse::<u32>().unwrap_or(0)) } else { None };
        return Tok {
            s: s as u32,
            e: e as u32,
            kind: Kind::Num,
            sp,
            nl,
            para,
            cap: false,
            allcaps: false,
            num,
            ndig: digits.min(255) as u8,
            lex: Lex::None,
        };
    }
    let lex = if digits > 0 { lex_alnum(wb, digits) } else { classify(wb) };
    Tok { s: s as u32, e: e as u32, kind: Kind::Word, sp, nl, para, cap, allcaps, num: None, ndig: 0, lex }
}

/// "15th", "1990s", "90s".
fn lex_alnum(wb: &[u8], digits: usize) -> Lex {
    if digits > 4 {
        return Lex::None;
    }
    let n = wb[..digits].iter().fold(0u32, |a, &c| a * 10 + (c - b'0') as u32);
    let suf = &wb[digits..];
    if suf.len() == 2 {
        let s = [suf[0].to_ascii_lowercase(), suf[1].to_ascii_lowercase()];
        let ok = match &s {
            b"st" => n % 10 == 1 && n % 100 != 11,
            b"nd" => n % 10 == 2 && n % 100 != 12,
            b"rd" => n % 10 == 3 && n % 100 != 13,
            b"th" => true,
            _ => false,
        };
        if ok && n > 0 {
            return Lex::Ordinal(n);
        }
    }
    if suf.len() == 1 && (suf[0] == b's' || suf[0] == b'S') && n % 10 == 0 {
        if digits == 4 && (1000..=2990).contains(&n) {
            return Lex::Decade(n as i32 / 10);
        }
        if digits == 2 {
            return Lex::Decade2(n as i32 / 10);
        }
    }
    if (suf.eq_ignore_ascii_case(b"am") || suf.eq_ignore_ascii_case(b"pm")) && (1..=12).contains(&n) {
        // "10am": handled by the grammar through the token text.
        return Lex::None;
    }
    Lex::None
}

type U = Unit;

/// Classify a letters-only word.
pub fn classify(wb: &[u8]) -> Lex {
    if wb.len() > 14 {
        return Lex::None;
    }
    let mut buf = [0u8; 14];
    for (d, s) in buf.iter_mut().zip(wb) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..wb.len()];
    use Lex::*;

    match w {
        b"january" | b"jan" => Month(1),
        b"february" | b"feb" => Month(2),
        b"march" => MonthAmb(3),
        b"mar" => Month(3),
        b"april" | b"apr" => Month(4),
        b"may" => MonthAmb(5),
        b"june" | b"jun" => Month(6),
        b"july" | b"jul" => Month(7),
        b"august" | b"aug" => Month(8),
        b"september" | b"sep" | b"sept" => Month(9),
        b"october" | b"oct" => Month(10),
        b"november" | b"nov" => Month(11),
        b"december" | b"dec" => Month(12),
        b"monday" | b"mon" => Weekday(1),
        b"tuesday" | b"tue" | b"tues" => Weekday(2),
        b"wednesday" => Weekday(3),
        b"thursday" | b"thu" | b"thur" | b"thurs" => Weekday(4),
        b"friday" | b"fri" => Weekday(5),
        b"saturday" => Weekday(6),
        b"sunday" => Weekday(7),
        b"second" => Unit(U::Second, false),
        b"seconds" => Unit(U::Second, true),
        b"minute" => Unit(U::Minute, false),
        b"minutes" => Unit(U::Minute, true),
        b"hour" => Unit(U::Hour, false),
        b"hours" => Unit(U::Hour, true),
        b"day" => Unit(U::Day, false),
        b"days" => Unit(U::Day, true),
        b"week" => Unit(U::Week, false),
        b"weeks" => Unit(U::Week, true),
        b"weekend" => Unit(U::Weekend, false),
        b"weekends" => Unit(U::Weekend, true),
        b"fortnight" => Unit(U::Fortnight, false),
        b"month" => Unit(U::Month, false),
        b"months" => Unit(U::Month, true),
        b"quarter" => Unit(U::Quarter, false),
        b"quarters" => Unit(U::Quarter, true),
        b"year" => Unit(U::Year, false),
        b"years" => Unit(U::Year, true),
        b"decade" => Unit(U::Decade, false),
        b"decades" => Unit(U::Decade, true),
        b"century" => Unit(U::Century, false),
        b"centuries" => Unit(U::Century, true),
        b"one" => NumWord(1),
        b"two" => NumWord(2),
        b"three" => NumWord(3),
        b"four" => NumWord(4),
        b"five" => NumWord(5),
        b"six" => NumWord(6),
        b"seven" => NumWord(7),
        b"eight" => NumWord(8),
        b"nine" => NumWord(9),
        b"ten" => NumWord(10),
        b"eleven" => NumWord(11),
        b"twelve" => NumWord(12),
        b"thirteen" => NumWord(13),
        b"fourteen" => NumWord(14),
        b"fifteen" => NumWord(15),
        b"sixteen" => NumWord(16),
        b"seventeen" => NumWord(17),
        b"eighteen" => NumWord(18),
        b"nineteen" => NumWord(19),
        b"twenty" => Tens(20),
        b"thirty" => Tens(30),
        b"forty" => Tens(40),
        b"fifty" => Tens(50),
        b"sixty" => Tens(60),
        b"seventy" => Tens(70),
        b"eighty" => Tens(80),
        b"ninety" => Tens(90),
        b"first" => Ordinal(1),
        b"third" => Ordinal(3),
        b"fourth" => Ordinal(4),
        b"fifth" => Ordinal(5),
        b"sixth" => Ordinal(6),
        b"seventh" => Ordinal(7),
        b"eighth" => Ordinal(8),
        b"ninth" => Ordinal(9),
        b"tenth" => Ordinal(10),
        b"eleventh" => Ordinal(11),
        b"twelfth" => Ordinal(12),
        b"twentieth" => Ordinal(20),
        b"spring" => SeasonAmb(1),
        b"summer" => Season(2),
        b"fall" => SeasonAmb(3),
        b"autumn" => Season(3),
        b"winter" => Season(4),
        b"morning" => Part(self::Part::Morning),
        b"afternoon" => Part(self::Part::Afternoon),
        b"evening" => Part(self::Part::Evening),
        b"night" => Part(self::Part::Night),
        b"est" | b"edt" | b"gmt" | b"utc" | b"pst" | b"pdt" | b"cst" | b"cdt" | b"bst" | b"cet" | b"cest" => Zone,
        b"am" => AmPm(false),
        b"pm" => AmPm(true),
        _ => classify_w(w).map(Lex::W).unwrap_or(Lex::None),
    }
}

fn classify_w(w: &[u8]) -> Option<W> {
    use W::*;
    Option::Some(match w {
        b"last" => Last,
        b"next" => Next,
        b"this" => This,
        b"past" => Past,
        b"coming" | b"upcoming" => Coming,
        b"previous" | b"prior" | b"preceding" => Previous,
        b"following" => Following,
        b"ago" => Ago,
        b"earlier" => Earlier,
        b"later" => Later,
        b"early" => Early,
        b"late" => Late,
        b"mid" => Mid,
        b"middle" => Middle,
        b"end" => End,
        b"beginning" => Beginning,
        b"start" => Start,
        b"today" => Today,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"tonight" => Tonight,
        b"now" => Now,
        b"currently" => Currently,
        b"current" => Current,
        b"recently" => Recently,
        b"recent" => Recent,
        b"future" => Future,
        b"soon" => Soon,
        b"previously" | b"formerly" => Previously,
        b"nowadays" => Nowadays,
        b"lately" => Lately,
        b"the" => The,
        b"a" | b"an" => A,
        b"few" => Few,
        b"several" => Several,
        b"couple" => Couple,
        b"many" => Many,
        b"some" => Some,
        b"of" => Of,
        b"every" => Every,
        b"each" => Each,
        b"per" => Per,
        b"daily" => Daily,
        b"weekly" => Weekly,
        b"monthly" => Monthly,
        b"annually" | b"annual" => Annually,
        b"yearly" => Yearly,
        b"hourly" => Hourly,
        b"quarterly" => Quarterly,
        b"fiscal" => Fiscal,
        b"half" => Half,
        b"noon" => Noon,
        b"midnight" => Midnight,
        b"midday" => Midday,
        b"same" => Same,
        b"that" => That,
        b"those" => Those,
        b"these" => These,
        b"about" | b"around" | b"nearly" | b"almost" | b"roughly" | b"approximately" | b"some_" => Approx,
        b"more" => More,
        b"less" | b"fewer" => Less,
        b"than" => Than,
        b"at" => At,
        b"least" => Least,
        b"over" => Over,
        b"within" => Within,
        b"up" => Up,
        b"to" => To,
        b"in" => In,
        b"on" => On,
        b"since" => Since,
        b"until" | b"till" => Until,
        b"by" => By,
        b"during" => During,
        b"from" => From,
        b"for" => For,
        b"and" => And,
        b"or" => Or,
        b"so" => So,
        b"latest" => Latest,
        b"full" => Full,
        b"whole" => Whole,
        b"entire" => Entire,
        b"period" => Period,
        b"time" => Time,
        b"christmas" => Christmas,
        b"eve" => Eve,
        b"new" => New,
        b"thanksgiving" => Thanksgiving,
        b"easter" => Easter,
        b"halloween" => Halloween,
        b"independence" => Independence,
        b"election" => Election,
        b"labor" | b"labour" => Labor,
        b"memorial" => Memorial,
        b"valentine" => Valentine,
        b"hundred" => Hundred,
        b"dozen" => Dozen,
        b"once" => Once,
        b"twice" => Twice,
        b"former" => Former,
        b"old" => Old,
        b"other" => Other,
        _ => return None,
    })
}
