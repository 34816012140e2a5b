//! One JSONL line: an article object.

use crate::{normalize_date, Defaults};
use newsgraph_doc::{DateSource, Doc};
use serde_json::{Map, Value};

const KNOWN: [&str; 7] = ["id", "text", "url", "title", "published", "site", "authors"];

/// Parse one JSONL line into a document. Unknown fields go to `meta`.
pub(crate) fn parse_article(line: &str, defaults: &Defaults) -> Result<Doc, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("expected a JSON object with a \"text\" field".into());
    };
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("field \"text\" must be a string".into()),
        None => return Err("missing field \"text\"".into()),
    };
    if text.trim().is_empty() {
        return Err("field \"text\" is empty".into());
    }
    let mut doc = Doc::new(&text);
    match obj.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => doc.id = s,
        Some(Value::Number(n)) => doc.id = n.to_string(),
        None | Some(Value::Null) => {}
        Some(Value::String(_)) => return Err("field \"id\" is empty".into()),
        Some(_) => return Err("field \"id\" must be a string or a number".into()),
    }
    doc.url = opt_string(&mut obj, "url")?;
    doc.title = opt_string(&mut obj, "title")?;
    doc.site = opt_string(&mut obj, "site")?;
    if let Some(p) = opt_string(&mut obj, "published")? {
        let norm = normalize_date(&p)
            .ok_or_else(|| format!("field \"published\" is not a date: {p:?} (expected YYYY-MM-DD or RFC 3339)"))?;
        doc.published = Some(norm);
        doc.published_source = Some(DateSource::Metadata);
    }
    doc.authors = match obj.remove("authors") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(a)) => a
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                _ => Err("field \"authors\" must hold strings".to_string()),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("field \"authors\" must be a list of strings".into()),
    };
    debug_assert!(KNOWN.iter().all(|k| !obj.contains_key(*k)));
    doc.meta = obj;
    defaults.apply(&mut doc);
    Ok(doc)
}

fn opt_string(obj: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("field {key:?} must be a string")),
    }
}
