//! Minimal CoNLL-U reading and writing: syntactic words with UPOS, HEAD and
//! DEPREL; comments, multiword token ranges and empty nodes are kept for
//! writing back but not scored.

use newsgraph_doc::UPOS;

/// One CoNLL-U sentence.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// Every line as read (comments, ranges, empty nodes, words).
    pub lines: Vec<String>,
    /// For each syntactic word, its index in `lines`.
    pub word_lines: Vec<usize>,
    pub forms: Vec<String>,
    /// UPOS id (index into [`UPOS`]); `u8::MAX` if unknown.
    pub upos: Vec<u8>,
    /// Head as 0-based word index, `u32::MAX` for the root (HEAD 0) or
    /// a missing head.
    pub heads: Vec<u32>,
    pub deprels: Vec<String>,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.forms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
    pub fn words(&self) -> Vec<&str> {
        self.forms.iter().map(String::as_str).collect()
    }
    /// A tree with every head in range and exactly one root.
    pub fn is_tree(&self) -> bool {
        let n = self.len();
        let roots = self.heads.iter().filter(|&&h| h == u32::MAX).count();
        roots == 1 && self.heads.iter().all(|&h| h == u32::MAX || (h as usize) < n) && {
            // no cycles
            (0..n).all(|i| {
                let mut k = i;
                let mut steps = 0;
                while self.heads[k] != u32::MAX {
                    k = self.heads[k] as usize;
                    steps += 1;
                    if steps > n {
                        return false;
                    }
                }
                true
            })
        }
    }
}

/// UPOS id of a tag name.
pub fn upos_id(tag: &str) -> u8 {
    UPOS.iter().position(|&t| t == tag).map(|i| i as u8).unwrap_or(u8::MAX)
}

/// Parse CoNLL-U text into sentences (empty sentences are dropped).
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.lines.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.lines.push(line.to_string());
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let id = cols[0];
        if id.contains('-') || id.contains('.') || id.parse::<u32>().is_err() {
            continue;
        }
        let get = |i: usize| cols.get(i).copied().unwrap_or("_");
        cur.word_lines.push(cur.lines.len() - 1);
        cur.forms.push(get(1).to_string());
        cur.upos.push(upos_id(get(3)));
        let head = match get(6).parse::<u32>() {
            Ok(0) | Err(_) => u32::MAX,
            Ok(h) => h - 1,
        };
        cur.heads.push(head);
        cur.deprels.push(get(7).to_string());
    }
    if !cur.lines.is_empty() {
        out.push(cur);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Read a CoNLL-U file.
pub fn read(path: &std::path::Path) -> std::io::Result<Vec<Sentence>> {
    Ok(parse(&std::fs::read_to_string(path)?))
}

/// Write `s` with predicted UPOS, HEAD and DEPREL; LEMMA, XPOS, FEATS and
/// DEPS become `_` (nothing gold leaks into the output).
pub fn write_predicted(
    s: &Sentence,
    upos: &[u8],
    heads: &[u32],
    deprels: &[&str],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut word = 0usize;
    for (li, line) in s.lines.iter().enumerate() {
        if word < s.word_lines.len() && s.word_lines[word] == li {
            let cols: Vec<&str> = line.split('\t').collect();
            let get = |i: usize| cols.get(i).copied().unwrap_or("_");
            let head = match heads[word] {
                u32::MAX => 0,
                h => h + 1,
            };
            let tag = UPOS.get(upos[word] as usize).copied().unwrap_or("X");
            writeln!(
                out,
                "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t{}",
                get(0),
                get(1),
                tag,
                head,
                deprels[word],
                get(9)
            )?;
            word += 1;
        } else if line.starts_with('#') {
            writeln!(out, "{line}")?;
        } else {
            // Multiword range or empty node: keep id and form only.
            let cols: Vec<&str> = line.split('\t').collect();
            let get = |i: usize| cols.get(i).copied().unwrap_or("_");
            writeln!(out, "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", get(0), get(1), get(9))?;
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges() {
        let t = "# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = parse(t);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].forms, ["Do", "n't", "go", "."]);
        assert_eq!(s[0].heads, [2, 2, u32::MAX, 2]);
        assert_eq!(s[0].upos[0], upos_id("AUX"));
        assert!(s[0].is_tree());
        let mut out = Vec::new();
        write_predicted(&s[0], &s[0].upos, &s[0].heads, &["aux", "advmod", "root", "punct"], &mut out)
            .unwrap();
        let back = parse(std::str::from_utf8(&out).unwrap());
        assert_eq!(back[0].heads, s[0].heads);
        assert_eq!(back[0].upos, s[0].upos);
        assert_eq!(back[0].lines.len(), s[0].lines.len());
    }
}
