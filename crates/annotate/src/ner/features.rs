//! Features and greedy left-to-right BILOU decoding over one document.

use super::gazetteer;
use super::model::NC;
use crate::learn::Perceptron;
use std::collections::HashMap;

type IdMap<V> = HashMap<u64, V>;

/// Bump when the features change: old model files then refuse to load.
pub const FEATURE_VERSION: u32 = 5;

pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
const PREFIX: [char; 4] = ['B', 'I', 'L', 'U'];

/// Label ids: 0 is O; `1 + 4*type + k` for k in B, I, L, U.
pub fn label_name(l: usize) -> String {
    if l == 0 {
        "O".into()
    } else {
        format!("{}-{}", PREFIX[(l - 1) % 4], TYPES[(l - 1) / 4])
    }
}

fn lab(ty: usize, k: usize) -> u8 {
    (1 + 4 * ty + k) as u8
}

/// IOB2 (or IOB1) tags to BILOU label ids; unknown types become O.
pub fn bilou<S: AsRef<str>>(tags: &[S]) -> Vec<u8> {
    let mut out = vec![0u8; tags.len()];
    for (s, e, ty) in super::conll::chunks(tags) {
        let Some(t) = TYPES.iter().position(|x| *x == ty) else { continue };
        if e - s == 1 {
            out[s] = lab(t, 3);
        } else {
            out[s] = lab(t, 0);
            for o in &mut out[s + 1..e - 1] {
                *o = lab(t, 1);
            }
            out[e - 1] = lab(t, 2);
        }
    }
    out
}

/// BILOU label id to an IOB2 tag.
pub fn iob2(l: u8) -> String {
    let l = l as usize;
    if l == 0 {
        return "O".into();
    }
    let p = if (l - 1) % 4 == 0 || (l - 1) % 4 == 3 { 'B' } else { 'I' };
    format!("{p}-{}", TYPES[(l - 1) / 4])
}

/// May label `cur` follow `prev` (0 at sentence start)? `last`: final token.
#[inline]
fn valid(prev: u8, cur: usize, last: bool) -> bool {
    let open = prev != 0 && matches!((prev - 1) % 4, 0 | 1);
    if cur == 0 {
        return !open;
    }
    let (ty, k) = ((cur - 1) / 4, (cur - 1) % 4);
    if open {
        ty == (prev as usize - 1) / 4 && (k == 2 || (k == 1 && !last))
    } else {
        k == 3 || (k == 0 && !last)
    }
}

/// Repair of greedy decoding: when the span of `prev` is open (B or I)
/// and the unconstrained best label `free` of the next token is O or
/// starts a mention (B, or U), the label that ends the span at `prev`
/// instead (B -> U, I -> L).
#[inline]
fn close_span(prev: u8, free: usize, last: bool) -> Option<u8> {
    let open = prev != 0 && matches!((prev - 1) % 4, 0 | 1);
    let leaves = free == 0 || matches!((free - 1) % 4, 0 | 3);
    if !open || !leaves || !valid(0, free, last) {
        return None;
    }
    Some(if (prev - 1) % 4 == 0 { prev + 3 } else { prev + 1 })
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    let v = (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    v ^ (v >> 29)
}

#[inline]
fn hs(seed: u64, s: &str) -> u64 {
    let mut h = mix(0x5151_7ead_c0de_0001, seed);
    let b = s.as_bytes();
    for c in b.chunks(8) {
        let mut a = [0u8; 8];
        a[..c.len()].copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    mix(h, b.len() as u64)
}

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t.wrapping_mul(0x1000_0000_01b3), a), 0x77)
}

#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(f1(t, a), b)
}

fn shape(w: &str, short: bool) -> String {
    let mut s = String::new();
    let mut last = '\0';
    for (n, c) in w.chars().enumerate() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if short && k == last {
            continue;
        }
        if !short && n >= 12 {
            s.push('+');
            break;
        }
        s.push(k);
        last = k;
    }
    s
}

/// Case class of a word: 0 lower, 1 Title, 2 ALLCAPS, 3 mixed, 4 no letters.
fn case_class(w: &str) -> u64 {
    let mut up = 0;
    let mut low = 0;
    let mut first_up = false;
    for (i, c) in w.chars().enumerate() {
        if c.is_uppercase() {
            up += 1;
            if i == 0 {
                first_up = true;
            }
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    match (up, low) {
        (0, 0) => 4,
        (0, _) => 0,
        (_, 0) => 2,
        _ if first_up && up == 1 => 1,
        _ => 3,
    }
}

fn affix(w: &str, n: usize, suffix: bool) -> Option<&str> {
    let count = w.chars().count();
    if count <= n {
        return None;
    }
    Some(if suffix {
        let (i, _) = w.char_indices().nth(count - n).unwrap();
        &w[i..]
    } else {
        let (i, _) = w.char_indices().nth(n).unwrap();
        &w[..i]
    })
}

/// Per-token information reused across features.
struct Tok {
    lw: u64,
    cl: [u16; 3],
    short: u64,
    case: u64,
    gaz: u16,
}

/// The tag-independent features of every token of a document, and the
/// lowercased-word hashes the decoder's history features need.
#[derive(Clone)]
pub struct DocFeats {
    /// Per sentence, per token: feature keys.
    pub sents: Vec<Vec<Vec<u64>>>,
    lw: Vec<Vec<u64>>,
    cap: Vec<Vec<u64>>,
}

fn lower(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    }
}

const MAX_WORD: usize = 64;

fn clip(w: &str) -> &str {
    if w.len() <= MAX_WORD {
        return w;
    }
    let mut e = MAX_WORD;
    while !w.is_char_boundary(e) {
        e -= 1;
    }
    &w[..e]
}

/// Typographic variants that 1996 Reuters text does not use, mapped to the
/// forms it does (dashes, curly quotes).
///
/// A transliterated Arabic article before a capitalized name ("al-Sham",
/// "el-Sisi") is dropped: the features see the name ("Sham", "Sisi").
pub fn normalize(w: &str) -> std::borrow::Cow<'_, str> {
    const ARTICLES: [&str; 9] = ["al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-"];
    if let Some(p) = ARTICLES.iter().find(|p| w.starts_with(*p)) {
        if w[p.len()..].chars().next().is_some_and(char::is_uppercase) {
            return normalize(&w[p.len()..]);
        }
    }
    if w.is_ascii() {
        return if w == "--" { "-".into() } else { w.into() };
    }
    w.chars()
        .map(|c| match c {
            '\u{2012}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
            _ => c,
        })
        .collect::<String>()
        .into()
}

pub fn doc_features<S: AsRef<str>>(doc: &[Vec<S>]) -> DocFeats {
    let normed: Vec<Vec<std::borrow::Cow<str>>> =
        doc.iter().map(|s| s.iter().map(|w| normalize(clip(w.as_ref()))).collect()).collect();
    let doc = &normed;
    // Document-level facts: which lowercased words occur capitalized in the
    // middle of a mixed-case sentence, and which occur in lower case.
    let mut seen: IdMap<u8> = IdMap::new();
    let mut lowers: Vec<Vec<String>> = Vec::with_capacity(doc.len());
    let mut caps: Vec<bool> = Vec::with_capacity(doc.len());
    for s in doc {
        let lw: Vec<String> = s.iter().map(|w| lower(clip(w.as_ref()))).collect();
        let letters: Vec<u64> = s.iter().map(|w| case_class(w.as_ref())).collect();
        let n_up = letters.iter().filter(|&&c| c == 2).count();
        let n_let = letters.iter().filter(|&&c| c != 4).count();
        let all_caps = n_let >= 2 && n_up * 10 >= n_let * 8;
        caps.push(all_caps);
        if !all_caps {
            for (i, w) in lw.iter().enumerate() {
                let bit = match letters[i] {
                    1 if i > 0 => 1,
                    0 => 2,
                    _ => 0,
                };
                if bit != 0 {
                    *seen.entry(hs(0, w)).or_default() |= bit;
                }
            }
        }
        lowers.push(lw);
    }

    let mut out = DocFeats { sents: Vec::with_capacity(doc.len()), lw: Vec::new(), cap: Vec::new() };
    for (si, s) in doc.iter().enumerate() {
        let words: Vec<&str> = s.iter().map(|w| clip(w.as_ref())).collect();
        let lw = &lowers[si];
        let all_caps = caps[si];
        let gaz = gazetteer::flags(lw, &words);
        let n = words.len();
        let title = words.iter().filter(|w| case_class(w) == 1).count();
        let headline = !all_caps && n >= 3 && title * 10 >= n * 6;
        let toks: Vec<Tok> = (0..n)
            .map(|i| Tok {
                lw: hs(0, &lw[i]),
                cl: gazetteer::cluster(words[i]),
                short: hs(1, &shape(words[i], true)),
                case: case_class(words[i]),
                gaz: gaz[i],
            })
            .collect();
        const NONE: Tok = Tok { lw: 0xdead, cl: [999; 3], short: 0xbeef, case: 9, gaz: 0 };
        let at = |j: isize| -> &Tok {
            if j < 0 || j as usize >= n {
                &NONE
            } else {
                &toks[j as usize]
            }
        };
        let mut sent = Vec::with_capacity(n);
        for i in 0..n {
            let ii = i as isize;
            let t = &toks[i];
            let w = words[i];
            let mut f = Vec::with_capacity(64);
            let ctx = (all_caps as u64) | (headline as u64) << 1 | ((i == 0) as u64) << 2;
            f.push(f1(1, 0));
            f.push(f1(2, hs(2, w)));
            f.push(f1(3, t.lw));
            f.push(f1(4, at(ii - 1).lw));
            f.push(f1(5, at(ii - 2).lw));
            f.push(f1(6, at(ii + 1).lw));
            f.push(f1(7, at(ii + 2).lw));
            f.push(f1(8, hs(3, &shape(w, false))));
            f.push(f1(9, t.short));
            f.push(f1(10, at(ii - 1).short));
            f.push(f1(11, at(ii + 1).short));
            f.push(f2(12, at(ii - 1).short, t.short));
            f.push(f2(13, t.short, at(ii + 1).short));
            f.push(f2(14, f2(0, at(ii - 1).short, t.short), at(ii + 1).short));
            for k in 1..=4 {
                if let Some(a) = affix(&lw[i], k, false) {
                    f.push(f1(14 + k as u64, hs(4, a)));
                }
                if let Some(a) = affix(&lw[i], k, true) {
                    f.push(f1(18 + k as u64, hs(5, a)));
                }
            }
            f.push(f2(23, at(ii - 1).lw, t.lw));
            f.push(f2(24, t.lw, at(ii + 1).lw));
            f.push(f2(25, t.case, ctx));
            f.push(f2(26, t.case, at(ii - 1).case));
            f.push(f2(27, f2(0, at(ii - 1).case, t.case), at(ii + 1).case));
            for (k, off) in [(28u64, 0isize), (29, -1), (30, 1)] {
                let g = at(ii + off).gaz;
                for b in 0..16 {
                    if g & (1 << b) != 0 {
                        f.push(f2(k, b, t.case));
                    }
                }
            }
            let g = t.gaz;
            if g != 0 {
                f.push(f2(31, g as u64, ctx & 1));
            }
            let d = seen.get(&t.lw).copied().unwrap_or(0) as u64;
            f.push(f2(32, d, t.case | ctx << 4));
            f.push(f2(33, w.chars().count().min(12) as u64, t.case));
            if all_caps || headline {
                f.push(f2(34, t.lw, ctx & 3));
            }
            f.push(f2(35, at(ii - 1).lw, t.case));
            f.push(f2(36, at(ii + 1).lw, t.case));
            // The finest clusters mix titles ("President") with given names
            // ("Hillary"): conjoin them with the name lists.
            f.push(f2(37, t.cl[0] as u64, 0));
            f.push(f2(38, t.cl[1] as u64, 0));
            f.push(f2(39, t.cl[2] as u64, t.gaz as u64));
            f.push(f2(40, t.cl[2] as u64, t.case | (t.gaz as u64) << 4));
            f.push(f1(41, at(ii - 1).cl[1] as u64));
            f.push(f1(42, at(ii + 1).cl[1] as u64));
            f.push(f2(43, at(ii - 1).cl[2] as u64, t.cl[1] as u64));
            f.push(f2(44, t.cl[1] as u64, at(ii + 1).cl[2] as u64));
            f.push(f2(70, t.lw, at(ii + 1).short));
            f.push(f2(71, at(ii - 1).lw, at(ii + 1).lw));
            f.push(f2(72, t.gaz as u64, at(ii - 1).lw));
            f.push(f1(73, at(ii - 3).lw));
            f.push(f1(74, at(ii + 3).lw));
            f.push(f2(75, t.short, f2(0, at(ii + 1).short, at(ii + 2).short)));
            sent.push(f);
        }
        out.lw.push(toks.iter().map(|t| t.lw).collect());
        out.cap.push(toks.iter().map(|t| (t.case == 1 || t.case == 2 || t.case == 3) as u64).collect());
        out.sents.push(sent);
    }
    out
}

/// Second-pass features from a first pass's labels over the whole
/// document: the token's and its neighbours' first-pass labels, the
/// majority first-pass type of the same word anywhere in the document, and
/// the types of first-pass entities that contain the word.
pub fn add_stacked(df: &mut DocFeats, first: &[Vec<u8>]) {
    let ty = |l: u8| if l == 0 { 0usize } else { 1 + (l as usize - 1) / 4 };
    let mut counts: IdMap<[u16; 5]> = IdMap::new();
    let mut inside: IdMap<u8> = IdMap::new();
    for (si, labels) in first.iter().enumerate() {
        for (i, &l) in labels.iter().enumerate() {
            let lw = df.lw[si][i];
            if df.cap[si][i] == 1 {
                let e = counts.entry(lw).or_default();
                e[ty(l)] = e[ty(l)].saturating_add(1);
            }
            if l != 0 {
                *inside.entry(lw).or_default() |= 1 << (ty(l) - 1);
            }
        }
    }
    for (si, labels) in first.iter().enumerate() {
        let n = labels.len();
        for i in 0..n {
            let l = labels[i] as u64;
            let lp = if i > 0 { labels[i - 1] as u64 } else { 99 };
            let ln = if i + 1 < n { labels[i + 1] as u64 } else { 99 };
            let lw = df.lw[si][i];
            let cap = df.cap[si][i];
            let f = &mut df.sents[si][i];
            f.push(f1(60, l));
            f.push(f2(61, lp, l));
            f.push(f2(62, l, ln));
            if let Some(h) = counts.get(&lw) {
                let (best, &cnt) = h.iter().enumerate().max_by_key(|&(k, &c)| (c, 5 - k)).unwrap();
                let total: u16 = h.iter().sum();
                let frac = (cnt as u32 * 4 / total.max(1) as u32) as u64;
                f.push(f2(63, best as u64, cap));
                f.push(f2(64, best as u64, frac | cap << 4));
            }
            if let Some(&m) = inside.get(&lw) {
                f.push(f2(65, m as u64, cap));
            }
        }
    }
}

pub enum Mode<'a> {
    Predict(&'a Perceptron),
    /// Train on one document with these gold BILOU labels.
    Train(&'a mut Perceptron, &'a [Vec<u8>]),
}

/// Greedy left-to-right decoding of a document; in training mode, update
/// the weights on each mistake (the decoder follows its own predictions).
/// Per mille of training tokens whose word identity is hidden.
const DROPOUT: u64 = 100;

pub fn decode(df: &DocFeats, mut mode: Mode) -> Vec<Vec<u8>> {
    // Labels predicted so far in this document for each capitalized word:
    // counts of O, PER, ORG, LOC, MISC.
    let mut hist: IdMap<[u16; 5]> = IdMap::new();
    let mut out = Vec::with_capacity(df.sents.len());
    let mut feats: Vec<u64> = Vec::with_capacity(96);
    for (si, sent) in df.sents.iter().enumerate() {
        let n = sent.len();
        let mut labels = vec![0u8; n];
        for i in 0..n {
            let p1 = if i > 0 { labels[i - 1] as u64 } else { 99 };
            let p2 = if i > 1 { labels[i - 2] as u64 } else { 99 };
            let lw = df.lw[si][i];
            feats.clear();
            // Word dropout in training: now and then hide the word's own
            // identity (features 1 and 2: the word and its lower case) so
            // that rare and unseen names lean on shape, clusters and lists.
            let drop = match &mode {
                Mode::Train(t, _) if DROPOUT > 0 => mix(t.rows() as u64 ^ (si as u64) << 32, i as u64) % 1000 < DROPOUT,
                _ => false,
            };
            if drop {
                feats.push(sent[i][0]);
                feats.extend_from_slice(&sent[i][3..]);
            } else {
                feats.extend_from_slice(&sent[i]);
            }
            feats.push(f1(50, p1));
            feats.push(f2(51, p2, p1));
            feats.push(f2(52, p1, lw));
            if i + 1 < n {
                feats.push(f2(53, p1, df.lw[si][i + 1]));
            }
            if df.cap[si][i] == 1 {
                if let Some(h) = hist.get(&lw) {
                    let (best, &cnt) = h.iter().enumerate().max_by_key(|&(k, &c)| (c, 5 - k)).unwrap();
                    let total: u16 = h.iter().sum();
                    let frac = (cnt as u32 * 4 / total.max(1) as u32) as u64;
                    feats.push(f1(54, best as u64));
                    feats.push(f2(55, best as u64, frac));
                }
            }
            let mut scores = [0f32; NC];
            match &mode {
                Mode::Predict(w) => w.score(&feats, &mut scores),
                Mode::Train(t, _) => t.score(&feats, &mut scores),
            }
            let prev = if i > 0 { labels[i - 1] } else { 0 };
            let last = i + 1 == n;
            let mut best = usize::MAX;
            for c in 0..NC {
                if valid(prev, c, last) && (best == usize::MAX || scores[c] > scores[best]) {
                    best = c;
                }
            }
            // The best label over all classes, constraints aside.
            let mut free = 0;
            for c in 1..NC {
                if scores[c] > scores[free] {
                    free = c;
                }
            }
            if let Mode::Train(t, gold) = &mut mode {
                // Train every class's score, also where the constraints rule
                // it out, so that the repair below can read them.
                t.update(&feats, gold[si][i] as usize, free);
            } else if let Some(closed) = close_span(prev, free, last) {
                // Inside an open span the constraints allow only its
                // continuation; when the model prefers to leave it (O or a
                // new mention), the span ends at the previous token instead.
                labels[i - 1] = closed;
                best = free;
            }
            labels[i] = best as u8;
            if df.cap[si][i] == 1 {
                let ty = if best == 0 { 0 } else { 1 + (best - 1) / 4 };
                let e = hist.entry(lw).or_default();
                e[ty] = e[ty].saturating_add(1);
            }
        }
        out.push(labels);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let t = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG"];
        let b = bilou(&t);
        let names: Vec<String> = b.iter().map(|&l| label_name(l as usize)).collect();
        assert_eq!(names, ["B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-ORG", "L-ORG"]);
        let back: Vec<String> = b.iter().map(|&l| iob2(l)).collect();
        assert_eq!(back, t);
    }

    #[test]
    fn transitions() {
        let b_per = lab(0, 0);
        assert!(valid(0, lab(0, 0) as usize, false));
        assert!(!valid(0, lab(0, 0) as usize, true));
        assert!(!valid(0, lab(1, 1) as usize, false));
        assert!(valid(b_per, lab(0, 2) as usize, true));
        assert!(!valid(b_per, lab(1, 2) as usize, false));
        assert!(!valid(b_per, 0, false));
    }

    #[test]
    fn open_spans_close_when_the_model_leaves_them() {
        let (b_org, i_org, l_org, u_org) = (lab(1, 0), lab(1, 1), lab(1, 2), lab(1, 3));
        // O, a new mention (B, U) after an open span: it ends one token back.
        assert_eq!(close_span(b_org, 0, false), Some(u_org));
        assert_eq!(close_span(i_org, 0, true), Some(l_org));
        assert_eq!(close_span(i_org, lab(0, 3) as usize, false), Some(l_org));
        assert_eq!(close_span(b_org, lab(2, 0) as usize, false), Some(u_org));
        // Not at the last token: a B there could not be closed.
        assert_eq!(close_span(b_org, lab(2, 0) as usize, true), None);
        // Continuing the span, or no open span: nothing to repair.
        assert_eq!(close_span(b_org, i_org as usize, false), None);
        assert_eq!(close_span(b_org, l_org as usize, false), None);
        assert_eq!(close_span(l_org, 0, false), None);
        assert_eq!(close_span(u_org, lab(0, 0) as usize, false), None);
        assert_eq!(close_span(0, 0, false), None);
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize("al-Sham"), "Sham");
        assert_eq!(normalize("el-Sisi"), "Sisi");
        assert_eq!(normalize("al-qaida"), "al-qaida");
        assert_eq!(normalize("\u{2014}"), "-");
        assert_eq!(normalize("Russia\u{2019}s"), "Russia's");
        assert_eq!(normalize("--"), "-");
    }

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("McDonald's", true), "XxXx'x");
        assert_eq!(shape("1996-08-22", false), "dddd-dd-dd");
        assert_eq!(affix("Zelensky", 3, true), Some("sky"));
        assert_eq!(affix("Ωμέγα", 2, false), Some("Ωμ"));
        assert_eq!(affix("ab", 2, false), None);
    }
}
