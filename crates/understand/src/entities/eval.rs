//! Scoring entity clustering and coding against a gold file of our own
//! articles: B-cubed over named mentions, country and sector accuracy.
//!
//! Gold file: JSONL, one article a line: `text`, `published`, and `entities`,
//! each with `type`, optional `country` and `sector`, and `mentions`: the
//! exact strings that name it. Every occurrence of a mention string in the
//! text belongs to that entity (longer strings first, never overlapping).

use newsgraph_doc::{BoxError, Doc, Table};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;

struct GoldEntity {
    country: Option<String>,
    sector: Option<String>,
    spans: Vec<(u32, u32)>,
}

fn gold_spans(text: &str, entities: &[Value]) -> Vec<GoldEntity> {
    let mut names: Vec<(usize, &str)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        for m in e["mentions"].as_array().into_iter().flatten() {
            if let Some(s) = m.as_str() {
                names.push((i, s));
            }
        }
    }
    names.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
    let mut taken: Vec<(u32, u32)> = Vec::new();
    let mut out: Vec<GoldEntity> = entities
        .iter()
        .map(|e| GoldEntity {
            country: e["country"].as_str().map(str::to_string),
            sector: e["sector"].as_str().map(str::to_string),
            spans: Vec::new(),
        })
        .collect();
    for (i, n) in names {
        for (s, _) in text.match_indices(n) {
            let end = s + n.len();
            let word_edge = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            let (s, e) = (s as u32, end as u32);
            if word_edge && !taken.iter().any(|&(a, b)| a < e && s < b) {
                taken.push((s, e));
                out[i].spans.push((s, e));
            }
        }
    }
    out
}

/// Score `run` (the whole pipeline) on the gold file.
pub fn eval_entities(path: &Path, run: &dyn Fn(&mut Doc)) -> Result<Table, BoxError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (mut p_sum, mut r_sum, mut n_mentions) = (0.0, 0.0, 0usize);
    let (mut c_ok, mut c_n, mut s_ok, mut s_n) = (0, 0, 0, 0);
    for (ln, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), ln + 1))?;
        let mut doc = Doc::new(v["text"].as_str().ok_or_else(|| format!("{}:{}: no text", path.display(), ln + 1))?);
        doc.published = v["published"].as_str().map(str::to_string);
        run(&mut doc);
        let gold = gold_spans(&doc.text, v["entities"].as_array().map_or(&[][..], Vec::as_slice));
        // Predicted cluster of each gold mention (by exact span), or a singleton.
        let mut pred_of: HashMap<(u32, u32), usize> = HashMap::new();
        for (ei, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                pred_of.insert((m.start, m.end), ei);
            }
        }
        let all: Vec<((u32, u32), usize)> =
            gold.iter().enumerate().flat_map(|(gi, g)| g.spans.iter().map(move |&s| (s, gi))).collect();
        for &(span, gi) in &all {
            let pc = pred_of.get(&span);
            let same_pred: Vec<&((u32, u32), usize)> = match pc {
                Some(pc) => all.iter().filter(|(s, _)| pred_of.get(s) == Some(pc)).collect(),
                None => all.iter().filter(|(s, _)| *s == span).collect(),
            };
            let both = same_pred.iter().filter(|(_, g)| *g == gi).count() as f64;
            p_sum += both / same_pred.len() as f64;
            r_sum += both / gold[gi].spans.len() as f64;
            n_mentions += 1;
        }
        for g in &gold {
            let Some(first) = g.spans.iter().min_by_key(|s| s.0) else { continue };
            let pe = pred_of.get(first).map(|&i| &doc.entities[i]);
            if let Some(c) = &g.country {
                c_n += 1;
                c_ok += usize::from(pe.and_then(|e| e.country.as_ref()) == Some(c));
            }
            if let Some(s) = &g.sector {
                s_n += 1;
                s_ok += usize::from(pe.and_then(|e| e.sector.as_ref()) == Some(s));
            }
        }
    }
    let p = p_sum / n_mentions.max(1) as f64;
    let r = r_sum / n_mentions.max(1) as f64;
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let round = |x: f64| (x * 10000.0).round() / 10000.0;
    let mut t = Table::new(&["measure", "precision", "recall", "f1", "accuracy", "n"]);
    t.push(vec![json!("b-cubed (named mentions)"), json!(round(p)), json!(round(r)), json!(round(f)), Value::Null, json!(n_mentions)]);
    let acc = |ok: usize, n: usize| if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    t.push(vec![json!("country"), Value::Null, Value::Null, Value::Null, json!(round(acc(c_ok, c_n))), json!(c_n)]);
    t.push(vec![json!("sector"), Value::Null, Value::Null, Value::Null, json!(round(acc(s_ok, s_n))), json!(s_n)]);
    Ok(t)
}
