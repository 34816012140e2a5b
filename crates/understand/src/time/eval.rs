//! Scoring on TimeML files, TempEval-3 style.
//!
//! Each `.tml` file under the directory (recursively) is read with a small
//! tolerant reader: the DCT (`<DCT><TIMEX3 value=...>`) becomes
//! `doc.published`, the raw text of `<TEXT>` (tags removed, entities
//! decoded) is segmented and tagged, and the TIMEX3 elements inside TEXT
//! are the gold. Measures:
//! - detection strict: exact span match; relaxed: any overlap (one-to-one);
//! - type: accuracy over relaxed matches, and attribute P/R/F1 (correct
//!   matches over predicted / over gold);
//! - value: the same for the normalized value (TempEval-3's value F1).
//!
//! Set `NEWSGRAPH_TIME_DEBUG=1` to print every error to stderr.

use std::path::{Path, PathBuf};

use newsgraph_doc::{BoxError, DateSource, Doc, Table};
use serde_json::json;

#[derive(Clone, Debug)]
pub(crate) struct Gold {
    pub start: usize,
    pub end: usize,
    pub r#type: String,
    pub value: String,
}

pub(crate) struct TimeMl {
    pub dct: Option<String>,
    pub text: String,
    pub gold: Vec<Gold>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(p) = rest.find(name) {
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = rest[p + name.len()..].trim_start();
        if before_ok {
            if let Some(after) = after.strip_prefix('=') {
                let after = after.trim_start();
                let q = after.chars().next()?;
                if q == '"' || q == '\'' {
                    let body = &after[1..];
                    let e = body.find(q)?;
                    return Some(decode(&body[..e]));
                }
            }
        }
        rest = &rest[p + name.len()..];
    }
    None
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[..rest.len().min(12)].find(';');
        let Some(semi) = semi else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                if let Some(h) = ent.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
                } else if let Some(d) = ent.strip_prefix('#') {
                    d.parse::<u32>().ok().and_then(char::from_u32)
                } else {
                    None
                }
            }
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Read one TimeML document.
pub(crate) fn parse_timeml(src: &str) -> Result<TimeMl, BoxError> {
    let src = newsgraph_doc::normalize_text(src);
    let dct = src.find("<DCT>").and_then(|p| {
        let rest = &src[p..];
        let e = rest.find("</DCT>").unwrap_or(rest.len());
        let t = rest[..e].find("<TIMEX3")?;
        let te = rest[t..e].find('>')?;
        attr(&rest[t..t + te], "value")
    });
    let ts = src.find("<TEXT>").ok_or("no <TEXT>")? + "<TEXT>".len();
    let te = src[ts..].find("</TEXT>").map_or(src.len(), |e| ts + e);
    let body = &src[ts..te];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Vec<(usize, String, String, bool)> = Vec::new();
    let mut rest = body;
    while let Some(p) = rest.find('<') {
        text.push_str(&decode(&rest[..p]));
        let Some(e) = rest[p..].find('>') else {
            text.push_str(&decode(&rest[p..]));
            rest = "";
            break;
        };
        let tag = &rest[p + 1..p + e];
        if let Some(t) = tag.strip_prefix("TIMEX3") {
            let creation = attr(t, "functionInDocument").is_some_and(|f| f == "CREATION_TIME");
            let selfclosing = t.trim_end().ends_with('/');
            if !selfclosing {
                open.push((text.len(), attr(t, "type").unwrap_or_default(), attr(t, "value").unwrap_or_default(), creation));
            }
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, ty, v, creation)) = open.pop() {
                if !creation && text.len() > s {
                    gold.push(Gold { start: s, end: text.len(), r#type: ty, value: v });
                }
            }
        }
        rest = &rest[p + e + 1..];
    }
    text.push_str(&decode(rest));
    Ok(TimeMl { dct, text, gold })
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "tml" || x == "xml") {
            out.push(p);
        }
    }
    Ok(())
}

#[derive(Default, Debug, Clone, Copy)]
pub(crate) struct Counts {
    pub gold: usize,
    pub pred: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub type_ok: usize,
    pub value_ok: usize,
}

/// Compare one document's predictions with its gold.
pub(crate) fn score(text: &str, gold: &[Gold], pred: &[newsgraph_doc::Timex], c: &mut Counts, debug: Option<&str>) {
    c.gold += gold.len();
    c.pred += pred.len();
    let mut used_s = vec![false; pred.len()];
    let mut used_r = vec![false; pred.len()];
    let mut gold_hit = vec![false; gold.len()];
    for g in gold {
        if let Some(k) = (0..pred.len()).find(|&k| !used_s[k] && pred[k].start as usize == g.start && pred[k].end as usize == g.end) {
            used_s[k] = true;
            c.strict += 1;
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        // Prefer an exact match, then the first overlapping prediction.
        let k = (0..pred.len())
            .find(|&k| !used_r[k] && pred[k].start as usize == g.start && pred[k].end as usize == g.end)
            .or_else(|| (0..pred.len()).find(|&k| !used_r[k] && (pred[k].start as usize) < g.end && g.start < pred[k].end as usize));
        if let Some(k) = k {
            used_r[k] = true;
            gold_hit[gi] = true;
            c.relaxed += 1;
            let p = &pred[k];
            if p.r#type == g.r#type {
                c.type_ok += 1;
            }
            if p.value == g.value {
                c.value_ok += 1;
            } else if let Some(name) = debug {
                eprintln!("VALUE\t{name}\t{:?}\tgold={} {}\tpred={:?} {} {}", &text[g.start..g.end], g.r#type, g.value, p.text, p.r#type, p.value);
            }
            if p.r#type != g.r#type && p.value == g.value {
                if let Some(name) = debug {
                    eprintln!("TYPE\t{name}\t{:?}\tgold={} {}\tpred={} {}", &text[g.start..g.end], g.r#type, g.value, p.r#type, p.value);
                }
            }
        } else if let Some(name) = debug {
            eprintln!("MISS\t{name}\t{:?}\t{} {}\t{}", &text[g.start..g.end], g.r#type, g.value, context(text, g.start, g.end));
        }
    }
    if let Some(name) = debug {
        for (k, p) in pred.iter().enumerate() {
            if !used_r[k] {
                eprintln!("FALSE\t{name}\t{:?}\t{} {}\t{}", p.text, p.r#type, p.value, context(text, p.start as usize, p.end as usize));
            }
        }
    }
}

fn context(text: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].replace('\n', " ")
}

fn prf(correct: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 { 0.0 } else { correct as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

fn r4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Score time tagging on a directory of TimeML files (TempEval-3 measures:
/// detection strict and relaxed F1, type accuracy, value F1).
pub fn eval_timeml(dir: &Path) -> Result<Table, BoxError> {
    let mut paths = Vec::new();
    files(dir, &mut paths)?;
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no .tml files under {}", dir.display()).into());
    }
    let debug = std::env::var_os("NEWSGRAPH_TIME_DEBUG").is_some();
    super::DEBUG.store(debug, std::sync::atomic::Ordering::Relaxed);
    let mut c = Counts::default();
    let mut words = 0usize;
    let t0 = std::time::Instant::now();
    let mut tag_time = std::time::Duration::ZERO;
    for p in &paths {
        let src = std::fs::read_to_string(p)?;
        let tml = parse_timeml(&src).map_err(|e| format!("{}: {e}", p.display()))?;
        let mut doc = Doc::new(&tml.text);
        if doc.text != tml.text {
            return Err(format!("{}: text changed by normalization", p.display()).into());
        }
        if let Some(d) = &tml.dct {
            doc.published = Some(d.get(..10).unwrap_or(d).to_string());
            doc.published_source = Some(DateSource::Metadata);
        }
        newsgraph_text::segment(&mut doc);
        let t = std::time::Instant::now();
        super::tag(&mut doc);
        tag_time += t.elapsed();
        words += doc.word_count();
        let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        score(&doc.text, &tml.gold, &doc.timexes, &mut c, if debug { Some(&name) } else { None });
    }
    let _ = t0;
    let mut t = Table::new(&["measure", "precision", "recall", "f1", "accuracy", "gold", "predicted", "correct"]);
    let row = |t: &mut Table, name: &str, correct: usize, acc: Option<f64>| {
        let (p, r, f) = prf(correct, c.pred, c.gold);
        t.push(vec![
            json!(name),
            json!(r4(p)),
            json!(r4(r)),
            json!(r4(f)),
            acc.map_or(json!(null), |a| json!(r4(a))),
            json!(c.gold),
            json!(c.pred),
            json!(correct),
        ]);
    };
    row(&mut t, "detection strict", c.strict, None);
    row(&mut t, "detection relaxed", c.relaxed, None);
    let acc = |k: usize| if c.relaxed == 0 { 0.0 } else { k as f64 / c.relaxed as f64 };
    row(&mut t, "type", c.type_ok, Some(acc(c.type_ok)));
    row(&mut t, "value", c.value_ok, Some(acc(c.value_ok)));
    if debug {
        eprintln!("{} documents, {} words, tagging {:.1} ms", paths.len(), words, tag_time.as_secs_f64() * 1000.0);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timeml() {
        let src = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2025-10-16\" functionInDocument=\"CREATION_TIME\">Oct 16</TIMEX3></DCT>\n<TEXT>\nIt rained <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2025-10-15\">Wednesday</TIMEX3> &amp; <EVENT eid=\"e1\">stopped</EVENT>.\n</TEXT></TimeML>";
        let t = parse_timeml(src).unwrap();
        assert_eq!(t.dct.as_deref(), Some("2025-10-16"));
        assert_eq!(t.gold.len(), 1);
        assert_eq!(&t.text[t.gold[0].start..t.gold[0].end], "Wednesday");
        assert!(t.text.contains("Wednesday & stopped."));
        assert_eq!(t.gold[0].value, "2025-10-15");
    }
}
