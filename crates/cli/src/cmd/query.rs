//! Reading the store: `articles`, `show`, `stats`, `entities`, `entity`,
//! `quotes`, `events`. The listings take the one filter (`FilterArgs`).

use crate::{exit, FilterArgs, Page};
use crate::output::{write_rows, Format};
use anyhow::Result;
use newsgraph_store::{applies, Store};
use serde_json::{json, Value};
use std::io::{self, Write};
use std::path::Path;

/// Open an existing database; a missing one is an error, not a new file.
pub fn open_existing(db: &Path) -> Result<Store> {
    if !db.exists() {
        anyhow::bail!("{}: no such database (run `newsgraph ingest` first, or give --db)", db.display());
    }
    Ok(Store::open(db)?)
}

pub fn articles(db: &Path, format: Option<Format>, filter: FilterArgs, page: Page) -> Result<u8> {
    let f = filter.only("articles", applies::ARTICLES)?;
    let store = open_existing(db)?;
    let rows: Vec<Value> =
        store.articles(&f, page.into())?.into_iter().map(|r| serde_json::to_value(r).expect("row")).collect();
    let cols = ["id", "published", "title", "site", "words", "sentences", "entities", "quotes", "timexes", "events", "copies"];
    write_rows(&mut io::stdout().lock(), Format::or_default(format), &cols, &rows)?;
    Ok(exit::OK)
}

pub fn show(db: &Path, id: &str) -> Result<u8> {
    let store = open_existing(db)?;
    let original = store.original_of(id)?;
    if let Some(o) = &original {
        eprintln!("newsgraph: {id} is a copy of {o}; showing {o}");
    }
    match store.record(original.as_deref().unwrap_or(id))? {
        Some(json) => {
            let mut out = io::stdout().lock();
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
            Ok(exit::OK)
        }
        None => {
            eprintln!("newsgraph: no document with id {id:?} in {}", db.display());
            Ok(exit::NOT_FOUND)
        }
    }
}

pub fn stats(db: &Path, format: Option<Format>) -> Result<u8> {
    let store = open_existing(db)?;
    let s = store.stats()?;
    let rows = vec![json!({"database": db.display().to_string()})]
        .into_iter()
        .chain(std::iter::once(serde_json::to_value(&s)?))
        .fold(serde_json::Map::new(), |mut m, v| {
            if let Value::Object(o) = v {
                m.extend(o);
            }
            m
        });
    let cols = [
        "database", "documents", "words", "sentences", "entities", "quotes", "timexes", "events",
        "first_published", "last_published", "bytes",
    ];
    let format = Format::or_default(format);
    let mut out = io::stdout().lock();
    if format == Format::Table {
        // One statistic a line reads better than a very wide table.
        for c in cols {
            let v = match &rows[c] {
                Value::String(s) => s.clone(),
                Value::Null => "-".into(),
                v => v.to_string(),
            };
            writeln!(out, "{c:<16} {v}")?;
        }
    } else {
        write_rows(&mut out, format, &cols, &[Value::Object(rows)])?;
    }
    Ok(exit::OK)
}

pub fn entities(db: &Path, format: Option<Format>, filter: FilterArgs, page: Page) -> Result<u8> {
    let f = filter.only("entities", applies::ENTITIES)?;
    let store = open_existing(db)?;
    let rows: Vec<Value> =
        store.entities(&f, page.into())?.into_iter().map(|r| serde_json::to_value(r).expect("row")).collect();
    let cols = ["id", "name", "type", "country", "sector", "documents", "mentions"];
    write_rows(&mut io::stdout().lock(), Format::or_default(format), &cols, &rows)?;
    Ok(exit::OK)
}

pub fn entity(db: &Path, id: i64, format: Option<Format>) -> Result<u8> {
    let store = open_existing(db)?;
    let Some((row, aliases, apps)) = store.entity(id)? else {
        eprintln!("newsgraph: no entity {id} in {}", db.display());
        return Ok(exit::NOT_FOUND);
    };
    let appearances: Vec<Value> = apps
        .iter()
        .map(|a| {
            json!({
                "document": a.document, "published": a.published, "title": a.title,
                "entity": a.local_id, "name": a.name,
                "mentions": serde_json::from_str::<Value>(&a.mentions).unwrap_or(Value::Null),
                "roles": serde_json::from_str::<Value>(&a.roles).unwrap_or(Value::Null),
            })
        })
        .collect();
    let format = Format::or_default(format);
    let mut out = io::stdout().lock();
    match format {
        Format::Table => {
            writeln!(out, "{} ({}): {}", row.name, row.id, row.r#type)?;
            writeln!(out, "country {}  sector {}  documents {}  mentions {}",
                row.country.as_deref().unwrap_or("-"), row.sector.as_deref().unwrap_or("-"), row.documents, row.mentions)?;
            if !aliases.is_empty() {
                writeln!(out, "aliases: {}", aliases.join("; "))?;
            }
            writeln!(out)?;
            let rows: Vec<Value> = appearances
                .iter()
                .map(|a| {
                    let roles: Vec<String> = a["roles"].as_array().map_or(Vec::new(), |r| {
                        r.iter().filter_map(|x| x["title"].as_str().map(str::to_string)).collect()
                    });
                    let texts: Vec<String> = a["mentions"].as_array().map_or(Vec::new(), |m| {
                        m.iter().filter_map(|x| x["text"].as_str().map(str::to_string)).collect()
                    });
                    json!({"document": a["document"], "published": a["published"], "title": a["title"],
                           "mentions": texts.join("; "), "roles": roles.join("; ")})
                })
                .collect();
            write_rows(&mut out, Format::Table, &["document", "published", "title", "mentions", "roles"], &rows)?;
        }
        _ => {
            let mut v = serde_json::to_value(&row)?;
            v["aliases"] = json!(aliases);
            v["appearances"] = json!(appearances);
            write_rows(&mut out, format, &["id", "name", "type", "country", "sector", "documents", "mentions", "aliases", "appearances"], &[v])?;
        }
    }
    Ok(exit::OK)
}

pub fn quotes(db: &Path, format: Option<Format>, filter: FilterArgs, page: Page) -> Result<u8> {
    let f = filter.only("quotes", applies::STATEMENTS)?;
    let store = open_existing(db)?;
    let rows: Vec<Value> = store
        .quotes(&f, page.into())?
        .into_iter()
        .map(|q| {
            let mut v = serde_json::to_value(&q).expect("row");
            v["speaker"] = json!(q.speaker_name.clone().or(q.speaker.clone()));
            v
        })
        .collect();
    let format = Format::or_default(format);
    let cols: &[&str] = if format == Format::Table {
        &["published", "document", "speaker", "cue", "via", "kind", "text"]
    } else {
        &["published", "document", "id", "title", "site", "kind", "speaker", "speaker_entity", "cue", "addressee", "via", "text", "sentence"]
    };
    write_rows(&mut io::stdout().lock(), format, cols, &rows)?;
    Ok(exit::OK)
}

pub fn events(db: &Path, format: Option<Format>, filter: FilterArgs, page: Page) -> Result<u8> {
    let f = filter.only("events", applies::EVENTS)?;
    let store = open_existing(db)?;
    let rows: Vec<Value> = store
        .events(&f, page.into())?
        .into_iter()
        .map(|e| {
            let mut v = serde_json::to_value(&e).expect("row");
            // Every member: "Vladimir Putin (RUSGOV) + SYRGOV".
            let side = |members: &[newsgraph_store::Member]| -> String {
                let one = |m: &newsgraph_store::Member| match (&m.name, &m.code) {
                    (Some(n), Some(c)) => format!("{n} ({c})"),
                    (Some(n), None) => n.clone(),
                    (None, Some(c)) => c.clone(),
                    (None, None) => String::new(),
                };
                members.iter().map(one).collect::<Vec<_>>().join(" + ")
            };
            v["who"] = json!(side(&e.actors));
            v["whom"] = json!(side(&e.recipients));
            v["evidence"] = json!(e.evidence.iter().map(|(d, s, t)| json!({"document": d, "sentence": s, "text": t})).collect::<Vec<_>>());
            v["first_evidence"] = json!(e.evidence.first().map(|x| x.2.clone()));
            v
        })
        .collect();
    let format = Format::or_default(format);
    let cols: &[&str] = if format == Format::Table {
        &["date", "type", "modality", "who", "whom", "place", "mentions", "first_evidence"]
    } else {
        &["id", "date", "type", "mode", "cameo", "quad_class", "goldstein", "context", "modality", "actor", "actor_code", "recipient", "recipient_code", "actors", "recipients", "place", "mentions", "documents", "sources", "first_document", "evidence"]
    };
    write_rows(&mut io::stdout().lock(), format, cols, &rows)?;
    Ok(exit::OK)
}
