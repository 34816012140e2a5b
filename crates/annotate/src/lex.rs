//! Per-token lexical hashes shared by the tagger and the parser: computed
//! once per token, then combined into features with cheap integer mixing.

use crate::learn::hash_str;

/// Flags of [`Lex::flags`].
pub const F_CAP: u8 = 1;
pub const F_ALLCAPS: u8 = 2;
pub const F_DIGIT: u8 = 4;
pub const F_HYPHEN: u8 = 8;
pub const F_ALPHA: u8 = 16;
pub const F_NONASCII: u8 = 32;

/// Hashes of one token's forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lex {
    /// Exact form.
    pub form: u64,
    /// Lowercased form, numbers normalized.
    pub lower: u64,
    pub shape: u64,
    pub pre1: u64,
    pub pre2: u64,
    pub pre3: u64,
    pub suf1: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    pub flags: u8,
    /// Word clusters at three granularities (64, 256, 1,024 clusters; ids
    /// plus one, 0: not listed, [`CL_NONE`] outside the sentence), from
    /// [`crate::ner::gazetteer::cluster_lex`].
    pub cl: [u16; 3],
}

/// [`Lex::cl`] of positions outside the sentence.
pub const CL_NONE: u16 = u16::MAX;

/// Marker hash for positions outside the sentence.
pub const NONE: u64 = 0x4e4f_4e45;

impl Lex {
    pub fn none() -> Lex {
        Lex {
            form: NONE,
            lower: NONE,
            shape: NONE,
            pre1: NONE,
            pre2: NONE,
            pre3: NONE,
            suf1: NONE,
            suf2: NONE,
            suf3: NONE,
            suf4: NONE,
            flags: 0,
            cl: [CL_NONE; 3],
        }
    }

    pub fn new(word: &str) -> Lex {
        let mut flags = 0u8;
        let mut lower = String::with_capacity(word.len());
        let mut shape = String::with_capacity(8);
        let mut last = '\0';
        let mut n_shape = 0;
        let mut all_upper = true;
        let mut n_alpha = 0usize;
        let mut only_digits = true;
        let mut n_chars = 0usize;
        for (i, c) in word.chars().enumerate() {
            n_chars += 1;
            if !c.is_ascii() {
                flags |= F_NONASCII;
            }
            let k = if c.is_uppercase() {
                if i == 0 {
                    flags |= F_CAP;
                }
                n_alpha += 1;
                'X'
            } else if c.is_lowercase() {
                all_upper = false;
                n_alpha += 1;
                'x'
            } else if c.is_numeric() {
                flags |= F_DIGIT;
                'd'
            } else if c.is_alphabetic() {
                // Scripts without case.
                all_upper = false;
                n_alpha += 1;
                'a'
            } else {
                if c == '-' {
                    flags |= F_HYPHEN;
                }
                c
            };
            if !c.is_numeric() && c != ',' && c != '.' {
                only_digits = false;
            }
            if k != last && n_shape < 6 {
                shape.push(k);
                n_shape += 1;
                last = k;
            }
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        if n_alpha > 0 {
            flags |= F_ALPHA;
            if all_upper {
                flags |= F_ALLCAPS;
            }
        }
        let norm: &str = if only_digits && flags & F_DIGIT != 0 {
            if n_chars == 4 {
                "!YEAR"
            } else {
                "!DIGITS"
            }
        } else {
            &lower
        };
        let pre = |n: usize| hash_str(prefix(&lower, n));
        let suf = |n: usize| hash_str(suffix(&lower, n));
        let mut lex = Lex {
            form: hash_str(word),
            lower: hash_str(norm),
            shape: hash_str(&shape),
            pre1: pre(1),
            pre2: pre(2),
            pre3: pre(3),
            suf1: suf(1),
            suf2: suf(2),
            suf3: suf(3),
            suf4: suf(4),
            flags,
            cl: [0; 3],
        };
        lex.cl = crate::ner::gazetteer::cluster_lex(&lex);
        lex
    }
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn affixes() {
        assert_eq!(prefix("hello", 3), "hel");
        assert_eq!(suffix("hello", 3), "llo");
        assert_eq!(suffix("hé", 3), "hé");
        assert_eq!(suffix("", 2), "");
        let a = Lex::new("Moscow");
        assert!(a.flags & F_CAP != 0 && a.flags & F_ALLCAPS == 0);
        assert_eq!(Lex::new("1999").lower, Lex::new("2024").lower);
        assert_eq!(Lex::new("Hello").lower, Lex::new("hello").lower);
        let _ = Lex::new("Путин");
        let _ = Lex::new("💥");
    }
}
