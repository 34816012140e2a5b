//! PLOVER JSON records (PLOVER manual, "Data Fields"): one JSON object an
//! event, one a line. Required fields: id, date, actor, event.

use crate::gdelt::split_code;
use crate::{chars, drive, event_day, Places, Records, Result};
use newsgraph_store::{EventRow, Filter, Store};
use serde_json::{json, Map, Value};
use std::io::{BufWriter, Write};

/// A PLOVER entity object: code (country), sector, the text's name and our
/// stored entity as the identifier.
fn entity(code: Option<&str>, name: Option<&str>, id: Option<i64>) -> Value {
    let mut o = Map::new();
    if let Some(code) = code {
        let a = split_code(code);
        let top = if a.country.is_empty() { a.known_group } else { a.country };
        if !top.is_empty() {
            o.insert("code".into(), top.into());
        }
        let sector: String = a.types.concat();
        if !sector.is_empty() {
            o.insert("sector".into(), sector.into());
        }
        o.insert("actor_code".into(), code.into());
    }
    if let Some(name) = name {
        o.insert("entity_text".into(), name.into());
        o.insert("identifier_text".into(), name.into());
    }
    if let Some(id) = id {
        o.insert("identifier_id".into(), format!("newsgraph-entity-{id}").into());
    }
    Value::Object(o)
}

fn record(store: &Store, records: &mut Records, e: &EventRow, coords: Option<(f64, f64)>) -> Result<Value> {
    let mentions = store.mentions_of(e.id)?;
    let mut v = Map::new();
    v.insert("id".into(), format!("newsgraph-{}", e.id).into());
    v.insert("has_event".into(), true.into());
    v.insert("date".into(), event_day(e.date.as_deref(), e.first_published.as_deref()).into());
    if let Some(d) = &e.date {
        v.insert("date_value".into(), d.clone().into());
    }
    // Every member of each side, as the manual's compound actors.
    let (actors, recipients) = store.members_of(e.id)?;
    let side = |members: &[newsgraph_store::Member]| -> Value {
        members.iter().map(|m| entity(m.code.as_deref(), m.name.as_deref(), m.entity)).collect()
    };
    v.insert("actor".into(), side(&actors));
    v.insert("recipient".into(), side(&recipients));
    v.insert("event".into(), json!([e.r#type]));
    v.insert("event_type".into(), e.r#type.clone().into());
    v.insert("mode".into(), json!(e.mode.iter().collect::<Vec<_>>()));
    let context: Vec<&str> = e.context.as_deref().map_or(Vec::new(), |c| c.split(';').filter(|x| !x.is_empty()).collect());
    v.insert("context".into(), json!(context));
    v.insert("quad_code".into(), e.quad_class.into());
    v.insert("event_scale".into(), e.goldstein.into());
    v.insert("cameo".into(), e.cameo.clone().into());
    v.insert("modality".into(), e.modality.clone().into());
    if let Some(place) = &e.place {
        let mut loc = Map::new();
        loc.insert("extracted_place".into(), place.clone().into());
        loc.insert("resolved_place".into(), place.clone().into());
        if let Some((lat, lon)) = coords {
            loc.insert("lat".into(), lat.into());
            loc.insert("lon".into(), lon.into());
        }
        v.insert("event_loc".into(), Value::Object(loc));
    }
    v.insert("event_text".into(), json!(mentions.iter().map(|m| m.evidence.as_str()).collect::<Vec<_>>()));
    if let Some(first) = mentions.first() {
        v.insert("source".into(), first.source.clone().into());
        if let Some(r) = records.get(&first.document)? {
            let sentence = r.sentences.get(first.sentence as usize).copied();
            if let Some(s) = sentence {
                v.insert("text".into(), chars(&r.text, s.start as usize, s.end as usize).into());
                v.insert("text_info".into(), json!({"sequence": first.sentence, "start": s.start, "end": s.end}));
            }
            v.insert(
                "cite_info".into(),
                json!({
                    "citation": first.document, "url": r.url, "title": r.title, "language": r.language,
                    "publication": r.site,
                    "coder": format!("newsgraph {}", env!("CARGO_PKG_VERSION")), "codebook": "plover",
                }),
            );
        }
        v.insert(
            "evidence".into(),
            json!({"document": first.document, "start": first.start, "end": first.end, "text": first.evidence}),
        );
    }
    v.insert("mentions".into(), e.mentions.into());
    v.insert("coder".into(), format!("newsgraph {}", env!("CARGO_PKG_VERSION")).into());
    if let Some(added) = &e.added {
        v.insert("coded_date".into(), added.get(..10).unwrap_or(added).into());
    }
    Ok(Value::Object(v))
}

pub(crate) fn events<W: Write>(store: &Store, f: &Filter, out: W) -> Result<u64> {
    let mut out = BufWriter::new(out);
    let mut records = Records::new(store);
    let mut places = Places::new(store);
    let mut n = 0;
    drive(
        |each| store.each_event(f, each),
        |e| {
            let coords = places.of(e.place_entity)?;
            let v = record(store, &mut records, &e, coords)?;
            serde_json::to_writer(&mut out, &v).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            n += 1;
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(n)
}
