//! CoNLL-2003 column files and the conlleval entity score.

use newsgraph_doc::Table;
use serde_json::json;

/// One sentence of a CoNLL file: its words, the last column (gold tags), and
/// the index of each word's line in the file.
#[derive(Clone, Debug, Default)]
pub struct Sent {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    /// All columns after the word, per token.
    pub cols: Vec<Vec<String>>,
    pub lines: Vec<usize>,
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Clone, Debug, Default)]
pub struct CDoc {
    pub sents: Vec<Sent>,
}

/// Parse CoNLL column text. Blank lines end sentences; `-DOCSTART-` lines
/// start documents. Lines with one column get the tag "O".
pub fn parse(text: &str) -> Vec<CDoc> {
    let mut docs = vec![CDoc::default()];
    let mut cur = Sent::default();
    let flush = |docs: &mut Vec<CDoc>, cur: &mut Sent| {
        if !cur.words.is_empty() {
            docs.last_mut().unwrap().sents.push(std::mem::take(cur));
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let mut it = line.split_whitespace();
        let Some(word) = it.next() else {
            flush(&mut docs, &mut cur);
            continue;
        };
        if word == "-DOCSTART-" {
            flush(&mut docs, &mut cur);
            if !docs.last().unwrap().sents.is_empty() {
                docs.push(CDoc::default());
            }
            continue;
        }
        let cols: Vec<String> = it.map(str::to_string).collect();
        cur.tags.push(cols.last().cloned().unwrap_or_else(|| "O".into()));
        cur.words.push(word.to_string());
        cur.cols.push(cols);
        cur.lines.push(n);
    }
    flush(&mut docs, &mut cur);
    docs.retain(|d| !d.sents.is_empty());
    docs
}

pub fn read(path: &std::path::Path) -> Result<Vec<CDoc>, newsgraph_doc::BoxError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse(&text))
}

fn split(tag: &str) -> (&str, &str) {
    match tag.split_once('-') {
        Some((p, t)) => (p, t),
        None if tag == "O" || tag.is_empty() => ("O", ""),
        None => ("B", tag),
    }
}

// conlleval's endOfChunk / startOfChunk.
fn end_of_chunk(pt: &str, t: &str, pty: &str, ty: &str) -> bool {
    (pt == "B" && (t == "B" || t == "O" || t == "S"))
        || (pt == "I" && (t == "B" || t == "O" || t == "S"))
        || pt == "E"
        || pt == "L"
        || pt == "S"
        || pt == "U"
        || (pt != "O" && pt != "." && pty != ty)
}

fn start_of_chunk(pt: &str, t: &str, pty: &str, ty: &str) -> bool {
    t == "B"
        || t == "S"
        || t == "U"
        || ((pt == "E" || pt == "L" || pt == "S" || pt == "U" || pt == "O") && (t == "I" || t == "E" || t == "L"))
        || (t != "O" && t != "." && pty != ty)
}

/// Entity chunks `(start, end, type)` of a tag sequence, as conlleval reads
/// them (IOB1, IOB2, IOBES and BILOU all work).
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let (mut pt, mut pty) = ("O", "");
    for i in 0..=tags.len() {
        let (t, ty) = if i < tags.len() { split(tags[i].as_ref()) } else { ("O", "") };
        if open.is_some() && end_of_chunk(pt, t, pty, ty) {
            let (s, ty0) = open.take().unwrap();
            out.push((s, i, ty0));
        }
        if i < tags.len() && t != "O" && start_of_chunk(pt, t, pty, ty) {
            open = Some((i, ty.to_string()));
        }
        pt = t;
        pty = ty;
    }
    out
}

/// Counts of gold, predicted and correct chunks per type.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub types: std::collections::BTreeMap<String, [usize; 3]>,
    pub tokens: usize,
    pub tokens_correct: usize,
}

impl Score {
    /// Add one sentence.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], pred: &[T]) {
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(pred).filter(|(g, p)| g.as_ref() == p.as_ref()).count();
        let g = chunks(gold);
        let p = chunks(pred);
        for c in &g {
            self.types.entry(c.2.clone()).or_default()[0] += 1;
        }
        for c in &p {
            let e = self.types.entry(c.2.clone()).or_default();
            e[1] += 1;
            if g.contains(c) {
                e[2] += 1;
            }
        }
    }

    /// `(precision, recall, f1)` of one type, or overall with `None`.
    pub fn prf(&self, ty: Option<&str>) -> (f64, f64, f64) {
        let [g, p, c] = match ty {
            Some(t) => self.types.get(t).copied().unwrap_or_default(),
            None => self.types.values().fold([0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]]),
        };
        let pr = if p == 0 { 0.0 } else { c as f64 / p as f64 };
        let re = if g == 0 { 0.0 } else { c as f64 / g as f64 };
        let f = if pr + re == 0.0 { 0.0 } else { 2.0 * pr * re / (pr + re) };
        (pr, re, f)
    }

    pub fn f1(&self) -> f64 {
        self.prf(None).2
    }

    pub fn table(&self) -> Table {
        let mut t = Table::new(&["type", "precision", "recall", "f1", "gold", "predicted", "correct"]);
        let r4 = |x: f64| (x * 10000.0).round() / 10000.0;
        let mut row = |name: &str, ty: Option<&str>| {
            let [g, p, c] = match ty {
                Some(ty) => self.types.get(ty).copied().unwrap_or_default(),
                None => self.types.values().fold([0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]]),
            };
            let (pr, re, f) = self.prf(ty);
            t.push(vec![json!(name), json!(r4(pr)), json!(r4(re)), json!(r4(f)), json!(g), json!(p), json!(c)]);
        };
        for ty in self.types.keys() {
            row(ty, Some(ty));
        }
        row("overall", None);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_iob2_and_iob1() {
        let t = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "O"];
        assert_eq!(
            chunks(&t),
            vec![(0, 2, "PER".into()), (3, 4, "LOC".into()), (4, 5, "LOC".into()), (5, 6, "ORG".into())]
        );
        let bilou = ["U-PER", "B-LOC", "L-LOC", "O"];
        assert_eq!(chunks(&bilou), vec![(0, 1, "PER".into()), (1, 3, "LOC".into())]);
    }

    #[test]
    fn conlleval_known_example() {
        // gold: PER(0-2) LOC(3) ORG(5-7); predicted: PER(0-2) correct,
        // LOC(3-5) wrong boundary, ORG(5-7) right, MISC(8) spurious.
        let gold = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "O"];
        let pred = ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "O", "B-MISC"];
        let mut s = Score::default();
        s.add(&gold, &pred);
        let (p, r, f) = s.prf(None);
        assert!((p - 0.5).abs() < 1e-9, "{p}");
        assert!((r - 2.0 / 3.0).abs() < 1e-9, "{r}");
        assert!((f - 4.0 / 7.0).abs() < 1e-9, "{f}");
        assert_eq!(s.prf(Some("LOC")), (0.0, 0.0, 0.0));
        assert_eq!(s.prf(Some("PER")), (1.0, 1.0, 1.0));
        assert_eq!(s.tokens_correct, 7);
    }

    #[test]
    fn parse_docs_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n-DOCSTART- -X- O O\n\nX NN O O\n";
        let d = parse(text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].sents.len(), 2);
        assert_eq!(d[0].sents[0].tags, vec!["B-ORG", "O"]);
        assert_eq!(d[0].sents[1].lines, vec![5]);
    }
}
