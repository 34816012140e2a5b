//! Scoring quote extraction against PolNeAR (`newsgraph eval quotes --polnear FILE`).
//!
//! * One annotation per article: the first line of each `file` (dev articles
//!   annotated by several annotators appear once per annotator).
//! * Each article's text goes through `run` (the whole pipeline); the
//!   predicted quotes are read from `Doc::to_record`, so both sides count
//!   code points.
//! * Roles are scored separately: PolNeAR's `source` against our `speaker`
//!   span, `cue` against `cue`, `content` against our `content` spans. A role
//!   is the **set** of its spans in the article, every contiguous span on its
//!   own (a split quote gives two content spans; a speaker shared by several
//!   attributions counts once). Spans are trimmed of whitespace at both
//!   edges, nothing else; empty spans are dropped.
//! * **Exact**: a predicted span matches a gold span with the identical start
//!   and end. **Overlap**: a predicted span matches a gold span sharing at
//!   least one character; matching is one-to-one, greedy by largest shared
//!   length (ties by position), so one long prediction cannot match several
//!   gold spans.
//! * Precision = matched predicted / predicted, recall = matched gold / gold,
//!   F1 their harmonic mean, summed over all articles (micro average).
//! * `NEWSGRAPH_QUOTES_DEBUG` prints every unmatched span with its context;
//!   `NEWSGRAPH_QUOTES_DUMP` prints one JSON line per article (text,
//!   predicted and gold spans per role, code points) for analysis scripts.

use newsgraph_doc::{BoxError, Doc, Table};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

pub(crate) type Spans = BTreeSet<(u32, u32)>;

pub(crate) fn trim(chars: &[char], s: u32, e: u32) -> Option<(u32, u32)> {
    let (mut s, mut e) = (s as usize, (e as usize).min(chars.len()));
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s < e).then_some((s as u32, e as u32))
}

#[derive(Default, Clone, Copy)]
pub(crate) struct Counts {
    pred: usize,
    gold: usize,
    exact: usize,
    overlap: usize,
}

impl Counts {
    /// Exact-match F1.
    pub(crate) fn exact_f1(&self) -> f64 {
        let (p, g) = (self.pred.max(1) as f64, self.gold.max(1) as f64);
        let (pr, rc) = (self.exact as f64 / p, self.exact as f64 / g);
        if pr + rc > 0.0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 }
    }
}

pub(crate) fn score(pred: &Spans, gold: &Spans, c: &mut Counts) {
    c.pred += pred.len();
    c.gold += gold.len();
    c.exact += pred.intersection(gold).count();
    let mut pairs: Vec<(u32, (u32, u32), (u32, u32))> = Vec::new();
    for &p in pred {
        for &g in gold {
            let ov = p.1.min(g.1).saturating_sub(p.0.max(g.0));
            if ov > 0 {
                pairs.push((ov, p, g));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut up, mut ug) = (HashSet::new(), HashSet::new());
    for (_, p, g) in pairs {
        if !up.contains(&p) && !ug.contains(&g) {
            up.insert(p);
            ug.insert(g);
            c.overlap += 1;
        }
    }
}

/// One annotated PolNeAR article: its text and, per attribution, the
/// `source`, `cue` and `content` spans (code points, as in the file).
pub(crate) struct Article {
    pub text: String,
    pub attributions: Vec<[Vec<(u32, u32)>; 3]>,
}

/// The articles of a PolNeAR JSONL file, one annotation per article (the
/// first line of each `file`).
pub(crate) fn read_polnear(path: &Path) -> Result<Vec<Article>, BoxError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (ln, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), ln + 1))?;
        let file = v["file"].as_str().unwrap_or("").to_string();
        if !file.is_empty() && !seen.insert(file) {
            continue;
        }
        let body = v["text"].as_str().ok_or_else(|| format!("{}:{}: no text", path.display(), ln + 1))?;
        let mut attributions = Vec::new();
        for a in v["attributions"].as_array().into_iter().flatten() {
            let mut roles: [Vec<(u32, u32)>; 3] = Default::default();
            for (i, role) in ["source", "cue", "content"].iter().enumerate() {
                for s in a[role].as_array().into_iter().flatten() {
                    if let (Some(st), Some(en)) = (s["start"].as_u64(), s["end"].as_u64()) {
                        roles[i].push((st as u32, en as u32));
                    }
                }
            }
            attributions.push(roles);
        }
        out.push(Article { text: body.to_string(), attributions });
    }
    Ok(out)
}

/// The gold spans of an article per role, trimmed (code points of `chars`).
pub(crate) fn gold_spans(article: &Article, chars: &[char]) -> [BTreeSet<(u32, u32)>; 3] {
    let mut gold: [Spans; 3] = Default::default();
    for a in &article.attributions {
        for (i, spans) in a.iter().enumerate() {
            gold[i].extend(spans.iter().filter_map(|&(s, e)| trim(chars, s, e)));
        }
    }
    gold
}

/// Score `run` (the whole pipeline) on a PolNeAR JSONL file.
pub fn eval_polnear(path: &Path, run: &dyn Fn(&mut Doc)) -> Result<Table, BoxError> {
    let mut counts = [Counts::default(); 3];
    let mut articles = 0usize;
    let debug = std::env::var_os("NEWSGRAPH_QUOTES_DEBUG").is_some();
    for article in read_polnear(path)? {
        articles += 1;
        let mut doc = Doc::new(&article.text);
        run(&mut doc);
        score_article(&doc, &article, &mut counts, debug);
    }
    Ok(table(&counts, articles))
}

/// Add one article's scores; `doc` has been through quote extraction.
/// `debug` prints every unmatched span with its context to stderr.
pub(crate) fn score_article(doc: &Doc, article: &Article, counts: &mut [Counts; 3], debug: bool) {
    let rec = doc.to_record();
    let chars: Vec<char> = rec.text.chars().collect();
    let gold = gold_spans(article, &chars);
    let mut pred: [Spans; 3] = Default::default();
    for q in &rec.quotes {
        if let Some(sp) = &q.speaker {
            pred[0].extend(trim(&chars, sp.start, sp.end));
        }
        if let Some(c) = &q.cue {
            pred[1].extend(trim(&chars, c.start, c.end));
        }
        for s in &q.content {
            pred[2].extend(trim(&chars, s.start, s.end));
        }
    }
    for i in 0..3 {
        score(&pred[i], &gold[i], &mut counts[i]);
    }
    if std::env::var_os("NEWSGRAPH_QUOTES_DUMP").is_some() {
        // One JSON line per article (offsets in code points) for analysis scripts.
        let v = |s: &Spans| s.iter().map(|&(a, b)| vec![a, b]).collect::<Vec<_>>();
        eprintln!("{}", json!({"text": rec.text, "pred": [v(&pred[0]), v(&pred[1]), v(&pred[2])], "gold": [v(&gold[0]), v(&gold[1]), v(&gold[2])]}));
    }
    if debug {
        let show = |s: &(u32, u32)| {
            let a = (s.0 as usize).saturating_sub(80);
            let b = (s.1 as usize + 80).min(chars.len());
            let c = |x: usize, y: usize| chars[x..y].iter().collect::<String>().replace('\n', " / ");
            format!("{}\t{}\t[[{}]]{}", c(s.0 as usize, s.1 as usize), c(a, s.0 as usize), c(s.0 as usize, s.1 as usize), c(s.1 as usize, b))
        };
        for (i, role) in ["speaker", "cue", "content"].iter().enumerate() {
            for s in pred[i].difference(&gold[i]) {
                eprintln!("FP {role}\t{}", show(s));
            }
            for s in gold[i].difference(&pred[i]) {
                eprintln!("FN {role}\t{}", show(s));
            }
        }
    }
}

/// Precision, recall and F1 per role and match, as `eval quotes` prints them.
pub(crate) fn table(counts: &[Counts; 3], articles: usize) -> Table {
    let round = |x: f64| (x * 10000.0).round() / 10000.0;
    let prf = |m: usize, c: &Counts| {
        let p = if c.pred == 0 { 0.0 } else { m as f64 / c.pred as f64 };
        let r = if c.gold == 0 { 0.0 } else { m as f64 / c.gold as f64 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (round(p), round(r), round(f))
    };
    let mut t = Table::new(&["role", "match", "precision", "recall", "f1", "predicted", "gold", "articles"]);
    for (i, role) in ["speaker", "cue", "content"].iter().enumerate() {
        let c = &counts[i];
        for (name, m) in [("exact", c.exact), ("overlap", c.overlap)] {
            let (p, r, f) = prf(m, c);
            t.push(vec![json!(role), json!(name), json!(p), json!(r), json!(f), json!(c.pred), json!(c.gold), json!(articles)]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_overlap_are_one_to_one() {
        let pred: Spans = [(0, 10), (20, 30)].into_iter().collect();
        let gold: Spans = [(0, 10), (22, 25), (26, 29)].into_iter().collect();
        let mut c = Counts::default();
        score(&pred, &gold, &mut c);
        assert_eq!((c.pred, c.gold, c.exact, c.overlap), (2, 3, 1, 2));
    }
}
