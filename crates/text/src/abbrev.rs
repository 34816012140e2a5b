//! Abbreviations that keep their period (`Mr.`, `U.S.`, `Jan.`), as static
//! `match` tables: no allocation, no per-call set building.

/// How an abbreviation behaves at a possible sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbrev {
    /// Comes before a name or number and never ends a sentence: titles
    /// (`Mr.`, `Sen.`, `Lt.`), initials (`J.`), `No.` before a digit.
    Prefix,
    /// May end a sentence (`U.S.`, `Inc.`, `etc.`, `Jan.`, `a.m.`): a
    /// boundary follows only when the next word is a typical sentence start.
    Other,
}

/// Titles and other words that come before a name.
fn title(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Messrs"
            | "Mmes"
            | "Dr"
            | "Drs"
            | "Prof"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Govs"
            | "Lt"
            | "Gen"
            | "Col"
            | "Maj"
            | "Capt"
            | "Cpt"
            | "Cmdr"
            | "Cdr"
            | "Cmdt"
            | "Adm"
            | "Sgt"
            | "Cpl"
            | "Pvt"
            | "Pfc"
            | "Brig"
            | "Rev"
            | "Revs"
            | "Hon"
            | "Pres"
            | "Supt"
            | "Insp"
            | "Det"
            | "Atty"
            | "Amb"
            | "Sec"
            | "Secy"
            | "Fr"
            | "Msgr"
            | "Sra"
            | "Mme"
            | "Mlle"
            | "Pt"
            | "vs"
            | "Vs"
            | "v"
            | "cf"
            | "viz"
            | "ca"
            | "approx"
            | "Gens"
    )
}

/// Abbreviations that may end a sentence.
fn other(w: &str) -> bool {
    matches!(
        w,
        // companies and suffixes
        "St" | "Ste" | "Mt" | "Ft" | "Bros" | "Inc" | "Corp" | "Co" | "Cos" | "Ltd" | "Plc" | "Bhd" | "Jr" | "Sr" | "Esq" | "Assn" | "Assoc" | "Dept"
            | "Univ" | "Natl" | "Intl" | "Govt" | "Ave" | "Blvd" | "Rd" | "Hwy" | "Sq" | "Bldg"
            | "etc" | "al" | "Ph.D" | "esp" | "incl" | "est" | "Est" | "min" | "mins" | "hr"
            | "hrs" | "yr" | "yrs" | "mo" | "mos" | "wk" | "wks" | "sq" | "ft" | "lb" | "lbs" | "oz"
            | "Attn" | "attn" | "Tel" | "tel" | "Fax" | "Ext" | "ext" | "dept" | "govt" | "misc" | "Misc"
            // months and days
            | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec"
            | "Mon" | "Tue" | "Tues" | "Wed" | "Thu" | "Thur" | "Thurs" | "Fri" | "Sat" | "Sun"
            // U.S. states (AP style)
            | "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill" | "Ind"
            | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss" | "Mo" | "Mont"
            | "Neb" | "Nebr" | "Nev" | "Okla" | "Ore" | "Pa" | "Penn" | "Tenn" | "Tex" | "Va" | "Vt"
            | "Wash" | "Wis" | "Wisc" | "Wyo"
    )
}

/// Abbreviations that keep their period only before a number (`No. 3`,
/// `Art. 5`, `p. 12`).
fn before_number(w: &str) -> bool {
    matches!(w, "No" | "no" | "Nos" | "nos" | "Art" | "art" | "Fig" | "fig" | "Figs" | "Vol" | "vol" | "Vols" | "pp" | "p" | "Ch" | "ch" | "Sec" | "sec" | "Para" | "para" | "Op" | "op" | "Nr" | "nr" | "Pt" | "Ex")
}

/// Initialisms with internal periods: `U.S`, `e.g`, `a.m`, `Ph.D`, `U.S.A`
/// (the text before the final period). Every part is one or two letters.
fn initialism(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 3 || b.len() > 16 {
        return false;
    }
    let mut run = 0usize;
    let mut dots = 0usize;
    for &c in b {
        if c.is_ascii_alphabetic() {
            run += 1;
            if run > 2 {
                return false;
            }
        } else if c == b'.' {
            if run == 0 {
                return false;
            }
            run = 0;
            dots += 1;
        } else {
            return false;
        }
    }
    run > 0 && dots > 0
}

/// Does `w` followed by a period form an abbreviation, and of which kind?
/// `next_digit`: the next non-space character is a digit.
pub fn classify(w: &str, next_digit: bool) -> Option<Abbrev> {
    let b = w.as_bytes();
    if b.len() == 1 && b[0].is_ascii_uppercase() {
        return Some(Abbrev::Prefix);
    }
    if title(w) {
        return Some(Abbrev::Prefix);
    }
    if next_digit && before_number(w) {
        return Some(Abbrev::Prefix);
    }
    if other(w) || initialism(w) {
        return Some(Abbrev::Other);
    }
    None
}

/// Capitalized words that usually start a sentence rather than continue a
/// name after an abbreviation like `U.S.` or `Inc.`.
pub fn sentence_starter(w: &str) -> bool {
    matches!(
        w,
        "The" | "A" | "An" | "He" | "She" | "It" | "They" | "We" | "I" | "You" | "But" | "And" | "Or" | "So"
            | "Yet" | "In" | "On" | "At" | "By" | "For" | "From" | "To" | "With" | "Without" | "Of" | "As"
            | "This" | "That" | "These" | "Those" | "There" | "Here" | "His" | "Her" | "Their" | "Its"
            | "Our" | "My" | "Your" | "If" | "When" | "While" | "After" | "Before" | "Since" | "Because"
            | "Although" | "Though" | "However" | "Meanwhile" | "Still" | "Also" | "Then" | "Now" | "Today"
            | "Yesterday" | "Some" | "Many" | "Most" | "All" | "Both" | "Each" | "Every" | "No" | "Not"
            | "What" | "Who" | "Why" | "How" | "Where" | "Which" | "Mr" | "Mrs" | "Ms" | "Dr" | "Officials"
            | "According" | "Last" | "Next" | "One" | "Two" | "Three" | "More" | "Such" | "Even" | "Only"
            | "Other" | "Another" | "Is" | "Are" | "Was" | "Were" | "Do" | "Does" | "Did" | "Will" | "Would"
            | "Can" | "Could" | "Should" | "Please" | "Thanks" | "Thank" | "Let" | "Let's" | "Under"
            | "Over" | "During" | "Despite" | "Instead" | "Earlier" | "Later" | "Further" | "Furthermore"
            | "Moreover" | "Besides" | "Yes" | "Well" | "Just" | "Nor" | "Once"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(classify("Mr", false), Some(Abbrev::Prefix));
        assert_eq!(classify("J", false), Some(Abbrev::Prefix));
        assert_eq!(classify("No", true), Some(Abbrev::Prefix));
        assert_eq!(classify("No", false), None);
        assert_eq!(classify("U.S", false), Some(Abbrev::Other));
        assert_eq!(classify("e.g", false), Some(Abbrev::Other));
        assert_eq!(classify("Jan", false), Some(Abbrev::Other));
        assert_eq!(classify("said", false), None);
        assert_eq!(classify("www.example", false), None);
    }
}
