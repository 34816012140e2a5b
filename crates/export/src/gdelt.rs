//! The GDELT 2.0 event table (61 columns) and mentions table (16 columns):
//! tab-separated, no header, one row an event / a report.

use crate::{drive, event_day, Places, Records, Result};
use newsgraph_store::{Filter, Store};
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

/// The event table.
pub(crate) fn events<W: Write>(store: &Store, f: &Filter, out: W) -> Result<u64> {
    let mut out = BufWriter::new(out);
    let mut places = Places::new(store);
    let mut n = 0;
    drive(
        |each| store.each_event(f, each),
        |e| {
            let day = event_day(e.date.as_deref(), e.first_published.as_deref());
            let mut c: Vec<String> = Vec::with_capacity(EVENT_COLUMNS);
            c.push(e.id.to_string());
            match &day {
                Some(d) => {
                    c.push(d.replace('-', ""));
                    c.push(d[..7].replace('-', ""));
                    c.push(d[..4].to_string());
                    c.push(fraction_date(d));
                }
                None => c.extend(std::iter::repeat_n(String::new(), 4)),
            }
            for (code, name) in [(&e.actor_code, &e.actor), (&e.recipient_code, &e.recipient)] {
                let code = code.as_deref().unwrap_or("");
                let a = split_code(code);
                c.push(code.to_string());
                c.push(name.clone().unwrap_or_default());
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
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(n)
}

/// The mentions table: one row a report, offsets in code points into the
/// stored record's text.
pub(crate) fn mentions<W: Write>(store: &Store, f: &Filter, out: W) -> Result<u64> {
    let mut out = BufWriter::new(out);
    let mut records = Records::new(store);
    // Each event's DATEADDED (its first report's storing time).
    let mut added: HashMap<i64, String> = HashMap::new();
    drive(
        |each| store.each_event(f, each),
        |e| {
            added.insert(e.id, e.added.as_deref().map(timestamp).unwrap_or_default());
            Ok(())
        },
    )?;
    let mut n = 0;
    drive(
        |each| store.each_mention(f, each),
        |m| {
            let rec = records.get(&m.document)?;
            let (mut actor1, mut actor2, mut len) = (-1i64, -1i64, String::new());
            if let Some(r) = rec {
                len = r.text.chars().count().to_string();
                if let Some(ev) = r.events.iter().find(|x| x.id == m.id) {
                    let sentence = r.sentences.get(ev.sentence as usize).copied();
                    let offset = |side: Option<&newsgraph_doc::ActorRef>| -> i64 {
                        let Some(local) = side.and_then(|a| a.entity.as_deref()) else { return -1 };
                        let Some(ent) = r.entities.iter().find(|x| x.id == local) else { return -1 };
                        // The mention in the event's sentence nearest to the evidence.
                        ent.mentions
                            .iter()
                            .filter(|x| sentence.is_none_or(|s| x.start >= s.start && x.end <= s.end))
                            .min_by_key(|x| (x.start as i64 - ev.evidence.start as i64).abs())
                            .map_or(-1, |x| x.start as i64)
                    };
                    actor1 = offset(ev.actor.first());
                    actor2 = offset(ev.recipient.first());
                }
            }
            let cells = [
                m.event.to_string(),
                added.get(&m.event).cloned().unwrap_or_default(),
                m.published.as_deref().map(timestamp).unwrap_or_default(),
                "1".to_string(),
                m.site.clone().unwrap_or_default(),
                m.url.clone().unwrap_or_else(|| m.document.clone()),
                (m.sentence + 1).to_string(),
                actor1.to_string(),
                actor2.to_string(),
                m.start.to_string(),
                "1".to_string(),
                String::new(),
                len,
                String::new(),
                String::new(),
                format!("<DOCUMENT>{}</DOCUMENT><EVENT>{}</EVENT><EVIDENCE_END>{}</EVIDENCE_END>", m.document, m.id, m.end),
            ];
            debug_assert_eq!(cells.len(), MENTION_COLUMNS);
            row(&mut out, &cells)?;
            n += 1;
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
