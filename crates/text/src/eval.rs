//! Scoring the segmenter against CoNLL-U (UD English EWT).
//!
//! Text reconstruction: one document per `# newdoc`; within a document the
//! `# text =` of the sentences of one paragraph are joined with a space,
//! and paragraphs (`# newpar`) with a blank line ("\n\n"). A sentence
//! without `# text` is rebuilt from its word forms and `SpaceAfter=No`.
//!
//! Gold tokens are syntactic words located by offset in the sentence text.
//! A multiword token (`3-4 don't`) counts as its words (`do`, `n't`) when
//! their forms spell the surface form, as in every EWT contraction (`can
//! not`, `gon na`, also `it s` for a misspelt `its`); otherwise the surface
//! form is one gold token.
//!
//! Sentences are scored two ways: by end offsets (`sentence_ends`) and by
//! exact spans (`sentence_spans`); `sentence_ends_inner` leaves out the
//! ends of paragraphs, which a blank line gives away.

use newsgraph_doc::{BoxError, Doc, Table};
use serde_json::json;
use std::path::Path;

/// One document of gold segmentation.
pub struct GoldDoc {
    pub text: String,
    /// Gold token byte spans, sorted.
    pub tokens: Vec<(u32, u32)>,
    /// Gold sentence byte spans, sorted.
    pub sentences: Vec<(u32, u32)>,
    /// Byte offsets where paragraphs end.
    pub paragraph_ends: Vec<u32>,
}

/// Read a CoNLL-U file into documents with gold offsets; also returns how
/// many gold words could not be located in the text.
pub fn read_conllu(src: &str) -> (Vec<GoldDoc>, usize) {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut cur = GoldDoc { text: String::new(), tokens: Vec::new(), sentences: Vec::new(), paragraph_ends: Vec::new() };
    let mut new_par = false;
    let mut lost = 0usize;
    let mut sent_text: Option<&str> = None;
    let mut rows: Vec<Vec<&str>> = Vec::new();

    let finish_doc = |cur: &mut GoldDoc, docs: &mut Vec<GoldDoc>| {
        if !cur.text.is_empty() {
            let end = cur.text.len() as u32;
            if cur.paragraph_ends.last() != Some(&end) {
                cur.paragraph_ends.push(end);
            }
            docs.push(std::mem::replace(
                cur,
                GoldDoc { text: String::new(), tokens: Vec::new(), sentences: Vec::new(), paragraph_ends: Vec::new() },
            ));
        }
    };

    for line in src.lines().chain(std::iter::once("")) {
        let line = line.trim_end_matches('\r');
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if c.starts_with("newdoc") {
                finish_doc(&mut cur, &mut docs);
                new_par = false;
            } else if c.starts_with("newpar") {
                new_par = true;
            } else if let Some(t) = c.strip_prefix("text =") {
                sent_text = Some(t.strip_prefix(' ').unwrap_or(t));
            }
            continue;
        }
        if !line.is_empty() {
            rows.push(line.split('\t').collect());
            continue;
        }
        if rows.is_empty() {
            sent_text = None;
            continue;
        }
        // End of a sentence: its text.
        let rebuilt;
        let text = match sent_text.take() {
            Some(t) => t,
            None => {
                let mut s = String::new();
                let mut skip_to = 0usize;
                for r in &rows {
                    if r.len() < 10 || r[0].contains('.') {
                        continue;
                    }
                    let (a, b) = range(r[0]);
                    if a <= skip_to && b <= skip_to {
                        continue;
                    }
                    s.push_str(r[1]);
                    skip_to = b;
                    if !r[9].split('|').any(|m| m == "SpaceAfter=No") {
                        s.push(' ');
                    }
                }
                rebuilt = s.trim_end().to_string();
                rebuilt.as_str()
            }
        };
        if !cur.text.is_empty() {
            if new_par {
                let end = cur.text.len() as u32;
                if cur.paragraph_ends.last() != Some(&end) {
                    cur.paragraph_ends.push(end);
                }
                cur.text.push_str("\n\n");
            } else {
                cur.text.push(' ');
            }
        }
        new_par = false;
        let base = cur.text.len();
        cur.text.push_str(text);
        // Locate the words.
        let mut pos = 0usize;
        let first_tok = cur.tokens.len();
        let mut k = 0;
        while k < rows.len() {
            let r = &rows[k];
            k += 1;
            if r.len() < 2 || r[0].contains('.') {
                continue;
            }
            let (a, b) = range(r[0]);
            let form = r[1];
            let Some(at) = locate(text, pos, form) else {
                lost += 1;
                continue;
            };
            if b > a {
                // A multiword token: its words follow.
                let n = b - a + 1;
                let words: Vec<&str> = rows[k..].iter().take(n).map(|w| w.get(1).copied().unwrap_or("")).collect();
                k += n.min(rows.len() - k);
                if words.concat() == form {
                    let mut s = at;
                    for w in words {
                        if !w.is_empty() {
                            cur.tokens.push(((base + s) as u32, (base + s + w.len()) as u32));
                        }
                        s += w.len();
                    }
                } else {
                    cur.tokens.push(((base + at) as u32, (base + at + form.len()) as u32));
                }
            } else {
                cur.tokens.push(((base + at) as u32, (base + at + form.len()) as u32));
            }
            pos = at + form.len();
        }
        if cur.tokens.len() > first_tok {
            let s = cur.tokens[first_tok].0;
            let e = cur.tokens.last().map_or(s, |t| t.1);
            cur.sentences.push((s, e));
        }
        rows.clear();
    }
    finish_doc(&mut cur, &mut docs);
    (docs, lost)
}

fn range(id: &str) -> (usize, usize) {
    match id.split_once('-') {
        Some((a, b)) => (a.parse().unwrap_or(0), b.parse().unwrap_or(0)),
        None => {
            let a = id.parse().unwrap_or(0);
            (a, a)
        }
    }
}

/// Where `form` starts in `text` at or after `pos` (after whitespace).
fn locate(text: &str, pos: usize, form: &str) -> Option<usize> {
    if form.is_empty() {
        return None;
    }
    let rest = &text[pos..];
    let skipped = rest.len() - rest.trim_start().len();
    if rest[skipped..].starts_with(form) {
        return Some(pos + skipped);
    }
    rest.find(form).map(|k| pos + k)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    correct: usize,
}

impl Counts {
    fn add<T: Ord + Copy>(&mut self, gold: &[T], pred: &[T]) {
        self.gold += gold.len();
        self.pred += pred.len();
        let (mut i, mut j) = (0, 0);
        while i < gold.len() && j < pred.len() {
            match gold[i].cmp(&pred[j]) {
                std::cmp::Ordering::Equal => {
                    self.correct += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
    }

    fn row(&self, name: &str, t: &mut Table) {
        let p = if self.pred == 0 { 0.0 } else { self.correct as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        let round = |x: f64| (x * 10000.0).round() / 10000.0;
        t.push(vec![
            json!(name),
            json!(round(p)),
            json!(round(r)),
            json!(round(f)),
            json!(self.gold),
            json!(self.pred),
            json!(self.correct),
        ]);
    }
}

/// Segment every document and score it; `errors`, if given, receives a
/// line per missed or spurious token and sentence end.
pub fn evaluate(path: &Path, mut errors: Option<&mut Vec<String>>) -> Result<Table, BoxError> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (docs, lost) = read_conllu(&src);
    if docs.is_empty() {
        return Err(format!("{}: no sentences", path.display()).into());
    }
    let (mut toks, mut ends, mut spans, mut inner) = (Counts::default(), Counts::default(), Counts::default(), Counts::default());
    for g in &docs {
        let mut d = Doc { text: g.text.clone(), ..Doc::default() };
        crate::segment(&mut d);
        let pt: Vec<(u32, u32)> = d.tokens.iter().map(|t| (t.start, t.end)).collect();
        toks.add(&g.tokens, &pt);
        let ge: Vec<u32> = g.sentences.iter().map(|s| s.1).collect();
        let pe: Vec<u32> = d.sentences.iter().map(|s| s.end).collect();
        ends.add(&ge, &pe);
        let ps: Vec<(u32, u32)> = d.sentences.iter().map(|s| (s.start, s.end)).collect();
        spans.add(&g.sentences, &ps);
        let gi: Vec<u32> = ge.iter().copied().filter(|e| g.paragraph_ends.binary_search(e).is_err()).collect();
        let pi: Vec<u32> = pe.iter().copied().filter(|e| g.paragraph_ends.binary_search(e).is_err()).collect();
        inner.add(&gi, &pi);
        if let Some(errs) = errors.as_deref_mut() {
            let ctx = |s: u32, e: u32| {
                let t = &g.text;
                let mut a = (s as usize).saturating_sub(30);
                while !t.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (e as usize + 30).min(t.len());
                while !t.is_char_boundary(b) {
                    b += 1;
                }
                format!("{}[{}]{}", &t[a..s as usize], &t[s as usize..e as usize], &t[e as usize..b]).replace('\n', "¶")
            };
            for x in diff(&g.tokens, &pt) {
                let (tag, (s, e)) = x;
                errs.push(format!("TOK {tag} {:?}\t{}", &g.text[s as usize..e as usize], ctx(s, e)));
            }
            for (tag, e) in diff(&gi, &pi) {
                errs.push(format!("SENT {tag}\t{}", ctx(e, e)));
            }
        }
    }
    let mut t = Table::new(&["measure", "precision", "recall", "f1", "gold", "predicted", "correct"]);
    toks.row("tokens", &mut t);
    ends.row("sentence_ends", &mut t);
    spans.row("sentence_spans", &mut t);
    inner.row("sentence_ends_inner", &mut t);
    if lost > 0 {
        eprintln!("newsgraph: {lost} gold words not found in their sentence text");
    }
    Ok(t)
}

/// Gold items not predicted ("miss") and predicted items not gold ("extra").
fn diff<T: Ord + Copy>(gold: &[T], pred: &[T]) -> Vec<(&'static str, T)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < gold.len() || j < pred.len() {
        if j >= pred.len() || (i < gold.len() && gold[i] < pred[j]) {
            out.push(("miss", gold[i]));
            i += 1;
        } else if i >= gold.len() || pred[j] < gold[i] {
            out.push(("extra", pred[j]));
            j += 1;
        } else {
            i += 1;
            j += 1;
        }
    }
    out
}
