//! The trigger dictionary (`triggers.tsv`) with inflected forms, and the
//! CAMEO lookups (Goldstein score, quad class).

use std::collections::HashMap;
use std::sync::OnceLock;

const TRIGGERS: &str = include_str!("triggers.tsv");

/// What a trigger word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// An event of a PLOVER type.
    Event,
    /// promise, vow, pledge, willing to: the complement is intended.
    Intent,
    /// refuse, decline: REJECT, the complement negated.
    Refuse,
    /// fail to: the complement negated.
    Fail,
    /// deny: the complement negated.
    Deny,
    /// hold, launch: the event is the object.
    Light,
    /// provide, give, send: the object's event, else AID.
    Give,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub class: Class,
    /// 'V', 'N' or 'A'.
    pub pos: char,
    pub r#type: &'static str,
    pub mode: Option<&'static str>,
    pub cameo: &'static str,
    /// Further words of a phrase ("talks" after "hold" is not this; "out"
    /// in "pull out").
    pub rest: Vec<&'static str>,
    /// A word that must follow within a few tokens ("lift>sanctions").
    pub needs: Option<&'static str>,
}

pub struct Dict {
    /// Lower-case word form → entries (most specific first).
    pub forms: HashMap<String, Vec<Entry>>,
}

static DICT: OnceLock<Dict> = OnceLock::new();

pub fn dict() -> &'static Dict {
    DICT.get_or_init(Dict::new)
}

const IRREGULAR: &[(&str, &[&str])] = &[
    ("meet", &["met"]),
    ("hold", &["held"]),
    ("flee", &["fled"]),
    ("fight", &["fought"]),
    ("shoot", &["shot"]),
    ("give", &["gave", "given"]),
    ("send", &["sent"]),
    ("seek", &["sought"]),
    ("strike", &["struck", "stricken"]),
    ("withdraw", &["withdrew", "withdrawn"]),
    ("beat", &["beaten"]),
    ("take", &["took", "taken"]),
    ("make", &["made"]),
    ("forgive", &["forgave", "forgiven"]),
    ("swear", &["swore", "sworn"]),
    ("overthrow", &["overthrew", "overthrown"]),
    ("break", &["broke", "broken"]),
    ("cut", &["cut"]),
    ("begin", &["began", "begun"]),
    ("pay", &["paid"]),
    ("undertake", &["undertook", "undertaken"]),
    ("retake", &["retook", "retaken"]),
    ("blow", &["blew", "blown"]),
    ("shut", &["shut"]),
    ("hit", &["hit"]),
    ("lead", &["led"]),
    ("bring", &["brought"]),
    ("sell", &["sold"]),
    ("forbid", &["forbade", "forbidden"]),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Inflected forms of a verb (regular rules, irregular table) or noun.
fn forms(lemma: &str, pos: char) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    let plural = if lemma.ends_with('s') || lemma.ends_with('x') || lemma.ends_with("ch") || lemma.ends_with("sh") {
        format!("{lemma}es")
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    out.push(plural);
    if pos == 'V' {
        let stem_e = lemma.strip_suffix('e');
        if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
            out.push(format!("{}ied", &lemma[..n - 1]));
            out.push(format!("{lemma}ing"));
        } else if let Some(s) = stem_e {
            out.push(format!("{lemma}d"));
            if !lemma.ends_with("ee") {
                out.push(format!("{s}ing"));
            } else {
                out.push(format!("{lemma}ing"));
            }
        } else {
            out.push(format!("{lemma}ed"));
            out.push(format!("{lemma}ing"));
            // Doubled final consonant: ban → banned, stop → stopped.
            if n >= 3 && !is_vowel(last) && is_vowel(b[n - 2]) && !is_vowel(b[n - 3]) && !matches!(last, b'w' | b'x' | b'y') {
                out.push(format!("{lemma}{}ed", last as char));
                out.push(format!("{lemma}{}ing", last as char));
            }
        }
        if let Some((_, irr)) = IRREGULAR.iter().find(|(l, _)| *l == lemma) {
            out.extend(irr.iter().map(|s| s.to_string()));
        }
    }
    out
}

impl Dict {
    fn new() -> Dict {
        let mut forms_map: HashMap<String, Vec<Entry>> = HashMap::new();
        for line in TRIGGERS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let pos = f[1].chars().next().unwrap_or('V');
            let (class, ty) = match f[2] {
                "@INTENT" => (Class::Intent, "AGREE"),
                "@REFUSE" => (Class::Refuse, "REJECT"),
                "@FAIL" => (Class::Fail, "REJECT"),
                "@DENY" => (Class::Deny, "REJECT"),
                "@LIGHT" => (Class::Light, ""),
                "@GIVE" => (Class::Give, "AID"),
                t => (Class::Event, t),
            };
            let mode = f.get(3).map(|m| m.trim()).filter(|m| !m.is_empty());
            let cameo = f.get(4).map(|c| c.trim()).unwrap_or("");
            let (phrase, needs) = match f[0].split_once('>') {
                Some((p, n)) => (p, Some(n)),
                None => (f[0], None),
            };
            let mut words = phrase.split(' ');
            let head = words.next().unwrap_or("");
            let rest: Vec<&'static str> = words.collect();
            let entry = Entry { class, pos, r#type: ty, mode, cameo, rest, needs };
            for form in forms(head, pos) {
                forms_map.entry(form).or_default().push(entry.clone());
            }
        }
        // Most specific first: phrases and required words before plain words.
        for v in forms_map.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.rest.len() * 2 + usize::from(e.needs.is_some())));
        }
        Dict { forms: forms_map }
    }
}

/// The text of the lookup file named by an environment variable, if set
/// and readable.
fn env_file(var: &str) -> Option<String> {
    std::env::var_os(var).and_then(|p| std::fs::read_to_string(p).ok())
}

/// The Goldstein conflict–cooperation score (−10 … +10) of a CAMEO code;
/// a code the table lacks takes its parent's score ("0213" → "021").
///
/// The scores come from the public CAMEO Goldstein table (the file GDELT
/// distributes as `CAMEO.goldsteinscale.txt`: a code and a score a line),
/// read at first use from the path in `$NEWSGRAPH_GOLDSTEIN`; without it
/// there are no scores. The table is not copied into this repository.
pub fn goldstein(cameo: &str) -> Option<f64> {
    static TABLE: OnceLock<HashMap<String, f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| env_file("NEWSGRAPH_GOLDSTEIN").map(|t| parse_goldstein(&t)).unwrap_or_default());
    goldstein_in(table, cameo)
}

/// The PLOVER contexts of a CAMEO code ("0312" → military), from the
/// CAMEO→PLOVER table (`CAMEO2PLOVER-2021.txt`, distributed with PLOVER)
/// read at first use from the path in `$NEWSGRAPH_CAMEO2PLOVER`; a code the
/// table lacks takes its parent's contexts. Without the table, none.
pub fn contexts(cameo: &str) -> &'static [String] {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| env_file("NEWSGRAPH_CAMEO2PLOVER").map(|t| parse_cameo2plover(&t)).unwrap_or_default());
    parent_lookup(table, cameo).map_or(&[], Vec::as_slice)
}

/// Parse the CAMEO→PLOVER table: `code: TYPE, mode, context; context # name`
/// a line; comments and lines without contexts are passed over.
pub fn parse_cameo2plover(text: &str) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let Some((code, rest)) = line.split_once(':') else { continue };
        let Some(ctx) = rest.split(',').nth(2) else { continue };
        let list: Vec<String> = ctx.split(';').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
        if !list.is_empty() {
            out.insert(code.trim().to_string(), list);
        }
    }
    out
}

/// Parse a Goldstein table: lines of a CAMEO code and a score, separated by
/// white space; other lines (a header) are passed over.
pub fn parse_goldstein(text: &str) -> HashMap<String, f64> {
    let mut out = HashMap::new();
    for line in text.lines() {
        let mut f = line.split_whitespace();
        if let (Some(c), Some(g)) = (f.next(), f.next()) {
            if let Ok(g) = g.parse::<f64>() {
                out.insert(c.to_string(), g);
            }
        }
    }
    out
}

/// The score of a code in a table; a code the table lacks takes its
/// parent's score.
pub fn goldstein_in(g: &HashMap<String, f64>, cameo: &str) -> Option<f64> {
    parent_lookup(g, cameo).copied()
}

/// A code's value in a table, else its nearest parent's (codes of two
/// digits or more).
pub(crate) fn parent_lookup<'t, V>(t: &'t HashMap<String, V>, cameo: &str) -> Option<&'t V> {
    if !cameo.is_ascii() {
        return None;
    }
    let mut c = cameo;
    while c.len() >= 2 {
        if let Some(v) = t.get(c) {
            return Some(v);
        }
        c = &c[..c.len() - 1];
    }
    None
}

/// The quad class of a CAMEO code: 1 verbal cooperation (01–05), 2 material
/// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict
/// (14–20).
pub fn quad_class(cameo: &str) -> Option<u8> {
    let root: u8 = cameo.get(..2)?.parse().ok()?;
    Some(match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => return None,
    })
}

/// The quad class of a PLOVER event type (the manual's quad categories).
pub fn type_quad_class(t: &str) -> Option<u8> {
    Some(match t {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}
