//! Name lists (see `crates/annotate/gazetteers/README.md`) and their
//! longest-match flags over a token sequence.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The lists, in the order of their flag bits.
pub const LISTS: [&str; 5] = ["LOC", "FIRST", "LAST", "MISC", "ORGW"];
const LOC: &str = include_str!("../../gazetteers/loc.txt");
const FIRST: &str = include_str!("../../gazetteers/first.txt");
const LAST: &str = include_str!("../../gazetteers/last.txt");
const MISC: &str = include_str!("../../gazetteers/misc.txt");
const ORGW: &str = include_str!("../../gazetteers/org_words.txt");

/// Longest entry, in whitespace-separated words.
const MAX_WORDS: usize = 6;

pub struct Gazetteer {
    /// Lowercased entry (words joined by one space) -> bit set of lists.
    entries: HashMap<String, u8>,
    /// Lowercased first words of multi-word entries -> longest length.
    prefixes: HashMap<String, u8>,
}

pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer { entries: HashMap::new(), prefixes: HashMap::new() };
        for (i, text) in [LOC, FIRST, LAST, MISC, ORGW].iter().enumerate() {
            for line in text.lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                if words.is_empty() || words.len() > MAX_WORDS {
                    continue;
                }
                let key = words.join(" ").to_lowercase();
                *g.entries.entry(key).or_default() |= 1 << i;
                if words.len() > 1 {
                    let p = g.prefixes.entry(words[0].to_lowercase()).or_default();
                    *p = (*p).max(words.len() as u8);
                }
            }
            if i == 3 {
                // Plurals of nationality words: "Americans", "Germans".
                for line in text.lines() {
                    let w = line.trim();
                    if !w.is_empty() && !w.contains(' ') && !w.ends_with('s') && !w.ends_with("sh") {
                        *g.entries.entry(format!("{w}s").to_lowercase()).or_default() |= 1 << i;
                    }
                }
            }
        }
        g
    })
}

/// Is `lower` (a lowercased word) in list `k` of [`LISTS`]?
pub fn listed(lower: &str, k: usize) -> bool {
    get().entries.get(lower).is_some_and(|&b| b & (1 << k) != 0)
}

/// Flag bits per token: for list `k`, bit `2k` marks the first token of a
/// longest match and bit `2k+1` a later token. Only spans whose first token
/// starts with an uppercase letter match.
pub fn flags(lower: &[String], words: &[&str]) -> Vec<u16> {
    let g = get();
    let n = lower.len();
    let mut out = vec![0u16; n];
    // For each list, greedy longest match from left to right.
    let mut best: Vec<[u8; 5]> = vec![[0; 5]; n];
    let mut key = String::new();
    for i in 0..n {
        if !words[i].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let max = g.prefixes.get(lower[i].as_str()).map_or(1, |&m| m as usize).min(n - i);
        key.clear();
        for len in 1..=max {
            if len > 1 {
                key.push(' ');
            }
            key.push_str(&lower[i + len - 1]);
            if let Some(&bits) = g.entries.get(key.as_str()) {
                for (k, b) in best[i].iter_mut().enumerate() {
                    if bits & (1 << k) != 0 {
                        *b = len as u8;
                    }
                }
            }
        }
    }
    for k in 0..LISTS.len() {
        let mut i = 0;
        while i < n {
            let len = best[i][k] as usize;
            if len == 0 {
                i += 1;
                continue;
            }
            out[i] |= 1 << (2 * k);
            for o in &mut out[i + 1..i + len] {
                *o |= 1 << (2 * k + 1);
            }
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_matches() {
        let words = ["He", "flew", "to", "New", "York", "with", "John", "Smith", "of", "Acme", "Inc"];
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let f = flags(&lower, &words);
        assert_ne!(f[3] & 1, 0, "New York starts a LOC match");
        assert_ne!(f[4] & 2, 0, "York continues it");
        assert_ne!(f[6] & (1 << 2), 0, "John is a first name");
        assert_ne!(f[7] & (1 << 4), 0, "Smith is a last name");
        assert_ne!(f[10] & (1 << 8), 0, "Inc is an organization word");
        assert_eq!(f[1], 0);
    }

    #[test]
    fn clusters_by_lex_hashes() {
        use crate::lex::Lex;
        let moscow = cluster("Moscow");
        assert_ne!(moscow, [0; 3]);
        assert_eq!(cluster_lex(&Lex::new("Moscow")), moscow);
        // Unlisted casings fall back to the lower-case key: the lower-case
        // entry if listed, else the first casing in the file ("MOSCOW").
        assert_ne!(cluster("MOSCOW"), moscow);
        assert_eq!(cluster_lex(&Lex::new("mOSCOW")), cluster("MOSCOW"));
        // Listed in both casings: the exact form first, the lower case for others.
        assert_eq!(cluster_lex(&Lex::new("Said")), cluster("Said"));
        assert_eq!(cluster_lex(&Lex::new("SAID")), cluster("said"));
        assert_ne!(cluster("Said"), cluster("said"));
        assert_eq!(cluster_lex(&Lex::new("Zzyzxqv")), [0; 3]);
        assert_eq!(Lex::new("said").cl, cluster("said"));
    }
}

/// The lines of `gazetteers/clusters.txt` as (word, cluster ids at three
/// granularities, each plus one), in file order.
fn cluster_lines() -> impl Iterator<Item = (&'static str, [u16; 3])> {
    include_str!("../../gazetteers/clusters.txt").lines().filter_map(|line| {
        let mut it = line.split('\t');
        let w = it.next()?;
        let mut c = [0u16; 3];
        for (k, v) in it.take(3).enumerate() {
            c[k] = v.parse::<u16>().map_or(0, |x| x + 1);
        }
        Some((w, c))
    })
}

/// Word clusters (`gazetteers/clusters.txt`, see `scripts/gazetteers_clusters.py`):
/// word -> cluster ids at three granularities, each plus one (0: unknown).
pub fn cluster(word: &str) -> [u16; 3] {
    static C: OnceLock<HashMap<&'static str, [u16; 3]>> = OnceLock::new();
    let map = C.get_or_init(|| cluster_lines().collect());
    if let Some(&c) = map.get(word) {
        return c;
    }
    // ALLCAPS or lower case: try the Title Case and lower-case forms.
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        let title: String = first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect();
        if let Some(&c) = map.get(title.as_str()) {
            return c;
        }
        if let Some(&c) = map.get(word.to_lowercase().as_str()) {
            return c;
        }
    }
    [0; 3]
}

/// Word clusters looked up by the hashes a [`crate::lex::Lex`] keeps: the
/// exact form first, then the lower-cased form (where a word is listed in
/// several casings, the lower-case entry wins, else the first in the file).
/// No allocation per call.
pub fn cluster_lex(lex: &crate::lex::Lex) -> [u16; 3] {
    type Maps = (HashMap<u64, [u16; 3]>, HashMap<u64, [u16; 3]>);
    static C: OnceLock<Maps> = OnceLock::new();
    let (exact, lower) = C.get_or_init(|| {
        let (mut exact, mut lower) = (HashMap::new(), HashMap::new());
        for (w, c) in cluster_lines() {
            exact.insert(crate::learn::hash_str(w), c);
            let lw = w.to_lowercase();
            if lw == w {
                lower.insert(crate::learn::hash_str(&lw), c);
            } else {
                lower.entry(crate::learn::hash_str(&lw)).or_insert(c);
            }
        }
        (exact, lower)
    });
    exact.get(&lex.form).or_else(|| lower.get(&lex.lower)).copied().unwrap_or([0; 3])
}
