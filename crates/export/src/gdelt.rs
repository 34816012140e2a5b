//! The GDELT 2.0 event table (61 columns) and mentions table (16 columns):
//! tab-separated, no header, one row an event / a report.

use crate::{drive, event_day, Places, Records, Result};
use newsgraph_store::{Filter, Member, Store};
use std::collections::HashMap;
use std::io::{BufWriter, Write};

/// Event table columns.
pub const EVENT_COLUMNS: usize = 61;
/// Mentions table columns.
pub const MENTION_COLUMNS: usize = 16;

/// Codes that stand first in an actor code without a country (PLOVER
/// sectors and non-state kinds): all of the code is then type codes.
const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "COP", "LEG", "JUD", "JRN", "EDU", "SOC", "BUS", "REL", "MED", "PTY", "CVL", "OPP", "SPY", "NGO",
    "IGO", "IMG", "ELI", "LAB", "AGR", "HLH", "UAF", "CRM", "REF",
];
/// Known groups in the country position (GDELT's KnownGroupCode).
const KNOWN_GROUPS: &[&str] = &["UNO", "EUR", "NAT", "AFR", "ASN", "OPC", "WTO", "IMF", "WBK"];

/// An actor code split the GDELT way: country, known group, up to three types.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ActorCode<'a> {
    pub country: &'a str,
    pub known_group: &'a str,
    pub types: [&'a str; 3],
}

/// Split "RUSGOV" into country RUS and type GOV, "UNOGOV" into known group
/// UNO and type GOV, "CVL" into type CVL. Codes are 3-letter chunks; a code
/// not made of them is not split (every part empty; the full code column
/// still has it).
pub fn split_code(code: &str) -> ActorCode<'_> {
    let mut a = ActorCode::default();
    if code.is_empty() || code.len() % 3 != 0 || !code.is_ascii() {
        return a;
    }
    let chunks: Vec<&str> = (0..code.len()).step_by(3).map(|i| &code[i..i + 3]).collect();
    let rest = if SECTORS.contains(&chunks[0]) {
        &chunks[..]
    } else {
        if KNOWN_GROUPS.contains(&chunks[0]) {
            a.known_group = chunks[0];
        } else {
            a.country = chunks[0];
        }
        &chunks[1..]
    };
    for (slot, t) in a.types.iter_mut().zip(rest) {
        *slot = t;
    }
    a
}

/// "2025-10-16T06:30:00Z" → "20251016063000"; a date alone gets 000000.
pub fn timestamp(s: &str) -> String {
    let mut d: String = s.chars().take(19).filter(char::is_ascii_digit).collect();
    while d.len() < 14 {
        d.push('0');
    }
    d.truncate(14);
    d
}

/// GDELT's FractionDate: year + (month * 30 + day) / 365, four decimals.
pub fn fraction_date(day: &str) -> String {
    let n = |r: std::ops::Range<usize>| day.get(r).and_then(|x| x.parse::<u32>().ok()).unwrap_or(0);
    format!("{:.4}", n(0..4) as f64 + (n(5..7) * 30 + n(8..10)) as f64 / 365.0)
}

fn row(out: &mut impl Write, cells: &[String]) -> std::io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        // A field never holds a tab or a line break.
        if c.contains(['\t', '\n', '\r']) {
            out.write_all(c.replace(['\t', '\n', '\r'], " ").as_bytes())?;
        } else {
            out.write_all(c.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

fn num<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// GlobalEventIDs of an event's further actor × recipient pairs: the k-th
/// pair (from 0) of event `id` is `id + k × DYAD_STEP`, so the first pair
/// keeps the event's own id.
pub const DYAD_STEP: i64 = 1_000_000_000_000;

/// The GlobalEventID of the `k`-th pair of event `id`.
pub fn dyad_id(id: i64, k: usize) -> i64 {
    id.saturating_add((k as i64).saturating_mul(DYAD_STEP))
}

/// An event's rows the GDELT way: one per actor member × recipient member,
/// actors in order, then recipients; an empty side counts as one empty
/// member (so an event with one actor and no recipient is one row, and a
/// meeting of A and B with no recipient is a row for A and one for B).
pub fn dyads<'m>(actors: &'m [Member], recipients: &'m [Member]) -> Vec<(Option<&'m Member>, Option<&'m Member>)> {
    let side = |m: &'m [Member]| -> Vec<Option<&'m Member>> { if m.is_empty() { vec![None] } else { m.iter().map(Some).collect() } };
    let rs = side(recipients);
    side(actors).into_iter().flat_map(|a| rs.iter().map(move |r| (a, *r))).collect()
}

/// The event table.
pub(crate) fn events<W: Write>(store: &Store, f: &Filter, out: W) -> Result<u64> {
    let mut out = BufWriter::new(out);
    let mut places = Places::new(store);
    let mut n = 0;
    drive(
        |each| store.each_event(f, each),
        |e| {
            let day = event_day(e.date.as_deref(), e.first_published.as_deref());
            let (actors, recipients) = store.members_of(e.id)?;
            for (k, (actor, recipient)) in dyads(&actors, &recipients).into_iter().enumerate() {
            let mut c: Vec<String> = Vec::with_capacity(EVENT_COLUMNS);
            c.push(dyad_id(e.id, k).to_string());
            match &day {
                Some(d) => {
                    c.push(d.replace('-', ""));
                    c.push(d[..7].replace('-', ""));
                    c.push(d[..4].to_string());
                    c.push(fraction_date(d));
                }
                None => c.extend(std::iter::repeat_n(String::new(), 4)),
            }
            for m in [actor, recipient] {
                let code = m.and_then(|m| m.code.as_deref()).unwrap_or("");
                let a = split_code(code);
                c.push(code.to_string());
                c.push(m.and_then(|m| m.name.clone()).unwrap_or_default());
                c.push(a.country.to_string());
                c.push(a.known_group.to_string());
                c.extend(std::iter::repeat_n(String::new(), 3)); // ethnic, religion 1 and 2
                c.extend(a.types.iter().map(|t| t.to_string()));
            }
            c.push(if e.first_sentence.is_some_and(|s| s <= 1) { "1" } else { "0" }.to_string());
            c.push(e.cameo.clone());
            c.push(e.cameo.chars().take(3).collect());
            c.push(e.cameo.chars().take(2).collect());
            c.push(num(e.quad_class));
            c.push(num(e.goldstein));
            c.push(e.mentions.to_string());
            c.push(e.sources.to_string());
            c.push(e.documents.to_string());
            c.push(String::new()); // AvgTone
            c.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
            match (&e.place, places.of(e.place_entity)?) {
                (Some(place), Some((lat, lon))) => {
                    c.extend(["4".to_string(), place.clone(), String::new(), String::new(), String::new()]);
                    c.extend([lat.to_string(), lon.to_string(), String::new()]);
                }
                (Some(place), None) => {
                    c.extend([String::new(), place.clone()]);
                    c.extend(std::iter::repeat_n(String::new(), 6));
                }
                _ => c.extend(std::iter::repeat_n(String::new(), 8)),
            }
            c.push(e.added.as_deref().map(timestamp).unwrap_or_default());
            c.push(e.first_url.clone().or(e.first_document.clone()).unwrap_or_default());
            debug_assert_eq!(c.len(), EVENT_COLUMNS);
            row(&mut out, &c)?;
            n += 1;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(n)
}

/// The mentions table: one row a report of each of the event's rows
/// (actor × recipient pairs, as in the event table), offsets in code points
/// into the stored record's text.
pub(crate) fn mentions<W: Write>(store: &Store, f: &Filter, out: W) -> Result<u64> {
    let mut out = BufWriter::new(out);
    let mut records = Records::new(store);
    // Each event's DATEADDED (its first report's storing time) and its pairs
    // of stored entities (None: no member, or one without a stored entity).
    let mut events: HashMap<i64, (String, Vec<(Option<i64>, Option<i64>)>)> = HashMap::new();
    drive(
        |each| store.each_event(f, each),
        |e| {
            let (actors, recipients) = store.members_of(e.id)?;
            let pairs = dyads(&actors, &recipients).into_iter().map(|(a, r)| (a.and_then(|m| m.entity), r.and_then(|m| m.entity))).collect();
            events.insert(e.id, (e.added.as_deref().map(timestamp).unwrap_or_default(), pairs));
            Ok(())
        },
    )?;
    let mut n = 0;
    let mut ids: (String, HashMap<i64, String>) = Default::default();
    drive(
        |each| store.each_mention(f, each),
        |m| {
            if ids.0 != m.document {
                // Which entity of the record each stored entity is.
                ids = (m.document.clone(), store.entity_ids(&m.document)?.into_iter().map(|(local, id)| (id, local)).collect());
            }
            let rec = records.get(&m.document)?;
            let ev = rec.and_then(|r| r.events.iter().find(|x| x.id == m.id).map(|ev| (r, ev)));
            // Where the stored entity is named in the event's sentence,
            // nearest to the evidence.
            let offset = |entity: Option<i64>| -> i64 {
                let (Some((r, ev)), Some(local)) = (ev, entity.and_then(|id| ids.1.get(&id))) else { return -1 };
                let Some(ent) = r.entities.iter().find(|x| &x.id == local) else { return -1 };
                let sentence = r.sentences.get(ev.sentence as usize).copied();
                ent.mentions
                    .iter()
                    .filter(|x| sentence.is_none_or(|s| x.start >= s.start && x.end <= s.end))
                    .min_by_key(|x| (x.start as i64 - ev.evidence.start as i64).abs())
                    .map_or(-1, |x| x.start as i64)
            };
            let len = rec.map(|r| r.text.chars().count().to_string()).unwrap_or_default();
            let (added, pairs) = events.get(&m.event).map_or((String::new(), &[(None, None)][..]), |(a, p)| (a.clone(), &p[..]));
            for (k, (actor, recipient)) in pairs.iter().enumerate() {
                let cells = [
                    dyad_id(m.event, k).to_string(),
                    added.clone(),
                    m.published.as_deref().map(timestamp).unwrap_or_default(),
                    "1".to_string(),
                    m.site.clone().unwrap_or_default(),
                    m.url.clone().unwrap_or_else(|| m.document.clone()),
                    (m.sentence + 1).to_string(),
                    offset(*actor).to_string(),
                    offset(*recipient).to_string(),
                    m.start.to_string(),
                    "1".to_string(),
                    String::new(),
                    len.clone(),
                    String::new(),
                    String::new(),
                    format!("<DOCUMENT>{}</DOCUMENT><EVENT>{}</EVENT><EVIDENCE_END>{}</EVIDENCE_END>", m.document, m.id, m.end),
                ];
                debug_assert_eq!(cells.len(), MENTION_COLUMNS);
                row(&mut out, &cells)?;
                n += 1;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_into_country_group_and_types() {
        let t = |c, g, ts: [&'static str; 3]| ActorCode { country: c, known_group: g, types: ts };
        assert_eq!(split_code("RUSGOV"), t("RUS", "", ["GOV", "", ""]));
        assert_eq!(split_code("SYR"), t("SYR", "", ["", "", ""]));
        assert_eq!(split_code("CVL"), t("", "", ["CVL", "", ""]));
        assert_eq!(split_code("UNOGOV"), t("", "UNO", ["GOV", "", ""]));
        assert_eq!(split_code("USAMILREB"), t("USA", "", ["MIL", "REB", ""]));
        assert_eq!(split_code("RU"), ActorCode::default());
        assert_eq!(split_code("ÉÉÉ"), ActorCode::default());
    }

    #[test]
    fn dates_the_gdelt_way() {
        assert_eq!(timestamp("2026-11-27T03:46:31Z"), "20261127034631");
        assert_eq!(timestamp("2025-10-16"), "20251016000000");
        assert_eq!(fraction_date("2025-10-15"), "2025.8630");
        assert_eq!(event_day(Some("2025-W42"), Some("2025-10-16T08:00:00Z")).as_deref(), Some("2025-10-16"));
        assert_eq!(event_day(Some("2025-10-15"), Some("2025-10-16")).as_deref(), Some("2025-10-15"));
        assert_eq!(event_day(Some("2025-10"), None), None);
    }
}
