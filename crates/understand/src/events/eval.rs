//! Scoring event coding on PLOVER gold-standard records.
//!
//! Each gold record is one sentence coded with one event. Scoring:
//! - **primary**: per sentence, the predicted primary event (the event whose
//!   trigger stands highest in the parse tree, ties to the earliest; without a
//!   parse the earliest) against the gold type. Precision = correct /
//!   sentences with a prediction; recall = correct / gold sentences.
//! - **any**: per sentence, the set of predicted types against the gold type:
//!   recall counts sentences whose gold type is in the set; precision counts
//!   predicted (sentence, type) pairs that are the gold type.
//! - **actor / recipient country**: over sentences whose gold record has
//!   actor (recipient) codes: correct when the country (first three letters)
//!   of every coded member of the primary event's actor (recipient) is one of
//!   the gold countries. "predicted" counts sentences where the primary
//!   event has a coded member; precision = correct / predicted, recall (=
//!   accuracy over all gold) = correct / gold.
//!
//! The gold uses an older PLOVER draft: DEMAND is REQUEST, DISAPPROVE and
//! INVESTIGATE are ACCUSE, FIGHT is ASSAULT.

use newsgraph_doc::{BoxError, Doc, Event, Table};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Today's PLOVER name of an older draft's type.
pub fn current_type(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        t => t,
    }
}

/// The event a sentence is mainly about: highest in the parse, then earliest.
pub fn primary<'a>(doc: &Doc, events: &'a [Event]) -> Option<&'a Event> {
    let depth = |e: &Event| -> usize {
        let Some(p) = &doc.parse else { return 0 };
        let mut i = doc.tokens.partition_point(|t| t.end <= e.evidence.start);
        let mut d = 0;
        while i < p.heads.len() && p.heads[i] != u32::MAX && d < 64 {
            i = p.heads[i] as usize;
            d += 1;
        }
        d
    };
    events.iter().min_by_key(|e| (depth(e), e.evidence.start))
}

fn codes(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.get("code").and_then(Value::as_str))
            .filter(|c| c.len() >= 3)
            .map(|c| c[..3].to_string())
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Default)]
struct Count {
    gold: usize,
    pred: usize,
    correct: usize,
}

impl Count {
    fn row(&self, name: &str) -> Vec<Value> {
        let p = if self.pred > 0 { self.correct as f64 / self.pred as f64 } else { 0.0 };
        let r = if self.gold > 0 { self.correct as f64 / self.gold as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let q = |x: f64| json!((x * 1000.0).round() / 1000.0);
        vec![json!(name), json!(self.gold), json!(self.pred), json!(self.correct), q(p), q(r), q(f)]
    }
}

/// Score event coding on PLOVER gold-standard records: event-type
/// precision, recall and F1, actor and recipient country accuracy.
pub fn eval_plover(path: &Path, run: &dyn Fn(&mut Doc)) -> Result<Table, BoxError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let records: Vec<Value> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut primary_all = Count::default();
    let mut any_all = Count::default();
    let mut by_type: BTreeMap<String, Count> = BTreeMap::new();
    let mut actor = Count::default();
    let mut recip = Count::default();
    for r in &records {
        let Some(gold) = r.get("event").and_then(Value::as_str) else { continue };
        let Some(sentence) = r.get("text").and_then(Value::as_str) else { continue };
        if gold == "DOCUMENT" {
            continue;
        }
        let gold = current_type(gold).to_string();
        let mut doc = Doc::new(sentence);
        doc.published = Some(r.get("date").and_then(Value::as_str).unwrap_or("2000-01-01").to_string());
        run(&mut doc);
        let main = primary(&doc, &doc.events);
        primary_all.gold += 1;
        by_type.entry(gold.clone()).or_default().gold += 1;
        if let Some(e) = main {
            primary_all.pred += 1;
            by_type.entry(e.r#type.clone()).or_default().pred += 1;
            if e.r#type == gold {
                primary_all.correct += 1;
                by_type.entry(gold.clone()).or_default().correct += 1;
            }
        }
        let mut types: Vec<&str> = doc.events.iter().map(|e| e.r#type.as_str()).collect();
        types.sort();
        types.dedup();
        any_all.gold += 1;
        any_all.pred += types.len();
        if types.contains(&gold.as_str()) {
            any_all.correct += 1;
        }
        for (gold_codes, pred, count) in [
            (codes(r.get("source")), main.map(|e| e.actor.as_slice()), &mut actor),
            (codes(r.get("target")), main.map(|e| e.recipient.as_slice()), &mut recip),
        ] {
            if gold_codes.is_empty() {
                continue;
            }
            count.gold += 1;
            let countries: Vec<&str> = pred
                .unwrap_or_default()
                .iter()
                .filter_map(|a| a.code.as_deref().and_then(|c| c.get(..3)))
                .collect();
            if !countries.is_empty() {
                count.pred += 1;
                if countries.iter().all(|c| gold_codes.iter().any(|g| g == c)) {
                    count.correct += 1;
                }
            }
        }
    }
    let mut t = Table::new(&["measure", "gold", "predicted", "correct", "precision", "recall", "f1"]);
    t.push(primary_all.row("type (primary event)"));
    t.push(any_all.row("type (any event)"));
    t.push(actor.row("actor country"));
    t.push(recip.row("recipient country"));
    for (name, c) in &by_type {
        t.push(c.row(&format!("  {name}")));
    }
    Ok(t)
}
