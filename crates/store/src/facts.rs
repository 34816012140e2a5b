//! Statements and events across documents.
//!
//! Statements (quotes) are stored per document, with the speaker, addressee
//! and outlet linked to stored entities. Events are stored once: an event is
//! identified by its type, mode, modality, actor and recipient (stored
//! entity, else actor code) and date (the event's, else the document's
//! publication day); every report of it — in any sentence of any document —
//! is a row of `event_mentions` with its evidence.

use newsgraph_doc::Record;
use rusqlite::{params, params_from_iter, Connection, Transaction};
use std::collections::HashMap;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS quotes (
    document TEXT NOT NULL, local_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    speaker TEXT, speaker_entity INTEGER, cue TEXT,
    addressee_entity INTEGER, via_entity INTEGER,
    start INTEGER NOT NULL, sentence TEXT NOT NULL, published TEXT,
    PRIMARY KEY (document, local_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_entity);
CREATE INDEX IF NOT EXISTS quotes_via ON quotes (via_entity);
CREATE INDEX IF NOT EXISTS quotes_published ON quotes (published);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, mode TEXT, cameo TEXT NOT NULL,
    actor_entity INTEGER, actor_code TEXT, recipient_entity INTEGER, recipient_code TEXT,
    date TEXT, place_entity INTEGER, modality TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    quad_class INTEGER, goldstein REAL, context TEXT
);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_actor ON events (actor_entity);
CREATE INDEX IF NOT EXISTS events_recipient ON events (recipient_entity);
CREATE INDEX IF NOT EXISTS events_actor_code ON events (actor_code);
CREATE INDEX IF NOT EXISTS events_recipient_code ON events (recipient_code);
CREATE TABLE IF NOT EXISTS event_mentions (
    document TEXT NOT NULL, local_id TEXT NOT NULL, event INTEGER NOT NULL REFERENCES events (id),
    sentence INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, evidence TEXT NOT NULL,
    source_entity INTEGER, quote TEXT,
    PRIMARY KEY (document, local_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (event);
-- The members of an event's actor and recipient (PLOVER's lists: Russia and
-- Syria signing, both sides of a meeting); events.actor_* and recipient_*
-- repeat the first member.
CREATE TABLE IF NOT EXISTS event_members (
    event INTEGER NOT NULL REFERENCES events (id), role TEXT NOT NULL, position INTEGER NOT NULL,
    entity INTEGER, code TEXT,
    PRIMARY KEY (event, role, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_members_entity ON event_members (entity);
CREATE INDEX IF NOT EXISTS event_members_code ON event_members (code);
";

/// Columns added to `events` after its first version, for databases made
/// before: (name, type).
const EVENT_COLUMNS_ADDED: &[(&str, &str)] = &[("quad_class", "INTEGER"), ("goldstein", "REAL"), ("context", "TEXT")];

/// Bring a database made by an older newsgraph up to this schema: add the
/// missing `events` columns, the quad class of events stored before, and
/// their actor and recipient as members.
pub(crate) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let members: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM event_members)", [], |r| r.get(0))?;
    if !members {
        conn.execute_batch(
            "INSERT INTO event_members (event, role, position, entity, code)
                 SELECT id, 'actor', 0, actor_entity, actor_code FROM events
                 WHERE actor_entity IS NOT NULL OR actor_code IS NOT NULL;
             INSERT INTO event_members (event, role, position, entity, code)
                 SELECT id, 'recipient', 0, recipient_entity, recipient_code FROM events
                 WHERE recipient_entity IS NOT NULL OR recipient_code IS NOT NULL;",
        )?;
    }
    let mut st = conn.prepare("SELECT name FROM pragma_table_info('events')")?;
    let have: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for (name, ty) in EVENT_COLUMNS_ADDED {
        if !have.iter().any(|h| h == name) {
            conn.execute_batch(&format!("ALTER TABLE events ADD COLUMN {name} {ty}"))?;
            if *name == "quad_class" {
                conn.execute_batch(
                    "UPDATE events SET quad_class = CASE
                         WHEN type IN ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE') THEN 1
                         WHEN type IN ('COOPERATE', 'AID', 'RETREAT') THEN 2
                         WHEN type IN ('REQUEST', 'ACCUSE', 'REJECT', 'THREATEN') THEN 3
                         WHEN type IN ('PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT') THEN 4 END",
                )?;
            }
        }
    }
    Ok(())
}

/// Code-point slice of a text.
fn slice(chars: &[char], start: u32, end: u32) -> String {
    let (s, e) = (start as usize, end as usize);
    chars.get(s.min(chars.len())..e.min(chars.len())).map_or(String::new(), |c| c.iter().collect())
}

/// Store a new document's statements and events.
pub(crate) fn store(tx: &Transaction, doc: &str, r: &Record, ids: &HashMap<String, i64>) -> rusqlite::Result<()> {
    if r.quotes.is_empty() && r.events.is_empty() {
        return Ok(());
    }
    let chars: Vec<char> = r.text.chars().collect();
    let sentence_of = |start: u32| -> (usize, String) {
        let i = r.sentences.partition_point(|s| s.end <= start).min(r.sentences.len().saturating_sub(1));
        match r.sentences.get(i) {
            Some(s) => (i, slice(&chars, s.start, s.end)),
            None => (0, String::new()),
        }
    };
    let global = |local: Option<&String>| local.and_then(|l| ids.get(l)).copied();
    let day = r.published.as_deref().map(|p| &p[..p.len().min(10)]);
    let mut q = tx.prepare_cached(
        "INSERT OR REPLACE INTO quotes (document, local_id, kind, text, speaker, speaker_entity, cue,
             addressee_entity, via_entity, start, sentence, published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for quote in &r.quotes {
        let start = quote.content.first().map_or(0, |s| s.start);
        q.execute(params![
            doc,
            quote.id,
            quote.kind,
            quote.text,
            quote.speaker.as_ref().map(|s| s.text.as_str()),
            global(quote.speaker.as_ref().and_then(|s| s.entity.as_ref())),
            quote.cue.as_ref().map(|c| c.text.as_str()),
            global(quote.addressee.as_ref()),
            global(quote.via.as_ref()),
            start,
            sentence_of(start).1,
            r.published
        ])?;
    }
    let mut find = tx.prepare_cached("SELECT id FROM events WHERE key = ?1")?;
    let mut create = tx.prepare_cached(
        "INSERT INTO events (key, type, mode, cameo, actor_entity, actor_code, recipient_entity, recipient_code,
             date, place_entity, modality, mentions, quad_class, goldstein, context)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13, ?14)",
    )?;
    let mut mention = tx.prepare_cached(
        "INSERT OR REPLACE INTO event_mentions (document, local_id, event, sentence, start, end, evidence, source_entity, quote)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut bump = tx.prepare_cached("UPDATE events SET mentions = mentions + 1 WHERE id = ?1")?;
    let mut member = tx.prepare_cached("INSERT INTO event_members (event, role, position, entity, code) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for e in &r.events {
        // Members: (stored entity, code).
        let side = |m: &[newsgraph_doc::ActorRef]| -> Vec<(Option<i64>, Option<String>)> {
            m.iter().map(|a| (global(a.entity.as_ref()), a.code.clone())).collect()
        };
        let (actors, recipients) = (side(&e.actor), side(&e.recipient));
        let (ae, ac) = actors.first().cloned().unwrap_or_default();
        let (re, rc) = recipients.first().cloned().unwrap_or_default();
        let date = e.date.clone().or_else(|| day.map(str::to_string));
        // A side's key: its members (stored entity, else code), sorted, so
        // "Putin met Sharaa" and "Sharaa met Putin" are one meeting.
        let who = |m: &[(Option<i64>, Option<String>)]| -> String {
            let mut k: Vec<String> = m
                .iter()
                .map(|(ent, code)| match ent {
                    Some(id) => format!("e{id}"),
                    None => code.clone().unwrap_or_default(),
                })
                .collect();
            k.sort_unstable();
            k.dedup();
            k.join("+")
        };
        let key = format!(
            "{}|{}|{}|{}|{}|{}",
            e.r#type,
            e.mode.as_deref().unwrap_or(""),
            e.modality,
            who(&actors),
            who(&recipients),
            date.as_deref().unwrap_or("")
        );
        let id: i64 = match find.query_row([&key], |row| row.get(0)) {
            Ok(id) => id,
            Err(rusqlite::Error::QueryReturnedNoRows) => {
                create.execute(params![
                    key,
                    e.r#type,
                    e.mode,
                    e.cameo,
                    ae,
                    ac,
                    re,
                    rc,
                    date,
                    global(e.place.as_ref()),
                    e.modality,
                    (1..=4).contains(&e.quad_class).then_some(e.quad_class),
                    e.goldstein,
                    (!e.context.is_empty()).then(|| e.context.join(";"))
                ])?;
                let id = tx.last_insert_rowid();
                for (role, list) in [("actor", &actors), ("recipient", &recipients)] {
                    for (i, (ent, code)) in list.iter().enumerate() {
                        member.execute(params![id, role, i as i64, ent, code])?;
                    }
                }
                id
            }
            Err(err) => return Err(err),
        };
        let evidence = slice(&chars, e.evidence.start, e.evidence.end);
        mention.execute(params![
            doc,
            e.id,
            id,
            e.sentence,
            e.evidence.start,
            e.evidence.end,
            evidence,
            global(e.source.as_ref()),
            e.quote
        ])?;
        bump.execute([id])?;
    }
    Ok(())
}

/// Filters of `quotes`.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    pub speaker: Option<String>,
    pub via: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteRow {
    pub document: String,
    pub id: String,
    pub published: Option<String>,
    pub title: Option<String>,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_entity: Option<i64>,
    pub speaker_name: Option<String>,
    pub cue: Option<String>,
    pub addressee: Option<String>,
    pub via: Option<String>,
    pub text: String,
    pub sentence: String,
}

fn like(s: &str) -> String {
    format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// `published` or an event date within [since, until]: dates compare as
/// text, so "2025-10" matches the whole month with `until`'s "~" suffix.
fn date_range(col: &str, since: &Option<String>, until: &Option<String>, sql: &mut String, args: &mut Vec<String>) {
    if let Some(s) = since {
        args.push(s.clone());
        sql.push_str(&format!(" AND {col} >= ?{}", args.len()));
    }
    if let Some(u) = until {
        args.push(format!("{u}~"));
        sql.push_str(&format!(" AND {col} <= ?{}", args.len()));
    }
}

/// Entities whose name or alias contains `name`, as an SQL condition on `col`.
fn entity_named(col: &str, name: &str, sql: &mut String, args: &mut Vec<String>) {
    args.push(like(name));
    let n = args.len();
    sql.push_str(&format!(
        " AND {col} IN (SELECT id FROM entities WHERE name LIKE ?{n} ESCAPE '\\'
                        UNION SELECT entity FROM entity_aliases WHERE alias LIKE ?{n} ESCAPE '\\')"
    ));
}

pub(crate) fn quotes(conn: &Connection, f: &QuoteFilter, limit: usize, offset: usize) -> rusqlite::Result<Vec<QuoteRow>> {
    let mut sql = String::from(
        "SELECT q.document, q.local_id, q.published, d.title, q.kind, q.speaker, q.speaker_entity, s.name, q.cue,
                a.name, v.name, q.text, q.sentence
         FROM quotes q JOIN documents d ON d.id = q.document
         LEFT JOIN entities s ON s.id = q.speaker_entity
         LEFT JOIN entities a ON a.id = q.addressee_entity
         LEFT JOIN entities v ON v.id = q.via_entity
         WHERE 1=1",
    );
    let mut args = Vec::new();
    if let Some(sp) = &f.speaker {
        // The resolved entity's names, or the words of the text.
        args.push(like(sp));
        let n = args.len();
        sql.push_str(&format!(
            " AND (q.speaker LIKE ?{n} ESCAPE '\\' OR q.speaker_entity IN
                 (SELECT id FROM entities WHERE name LIKE ?{n} ESCAPE '\\'
                  UNION SELECT entity FROM entity_aliases WHERE alias LIKE ?{n} ESCAPE '\\'))"
        ));
    }
    if let Some(v) = &f.via {
        entity_named("q.via_entity", v, &mut sql, &mut args);
    }
    date_range("q.published", &f.since, &f.until, &mut sql, &mut args);
    sql.push_str(&format!(" ORDER BY q.published IS NULL, q.published DESC, q.document, q.start LIMIT {limit} OFFSET {offset}"));
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(args.iter()), |r| {
        Ok(QuoteRow {
            document: r.get(0)?,
            id: r.get(1)?,
            published: r.get(2)?,
            title: r.get(3)?,
            kind: r.get(4)?,
            speaker: r.get(5)?,
            speaker_entity: r.get(6)?,
            speaker_name: r.get(7)?,
            cue: r.get(8)?,
            addressee: r.get(9)?,
            via: r.get(10)?,
            text: r.get(11)?,
            sentence: r.get(12)?,
        })
    })?;
    rows.collect()
}

/// Filters of `events`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// An actor code ("RUSGOV", or a prefix such as "RUS") or a name.
    pub actor: Option<String>,
    pub recipient: Option<String>,
    pub r#type: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct EventRow {
    pub id: i64,
    pub date: Option<String>,
    pub r#type: String,
    pub mode: Option<String>,
    pub cameo: String,
    /// PLOVER quad class (1–4).
    pub quad_class: Option<i64>,
    /// Goldstein score of the CAMEO code.
    pub goldstein: Option<f64>,
    /// PLOVER contexts, separated by ";".
    pub context: Option<String>,
    pub modality: String,
    pub actor: Option<String>,
    pub actor_code: Option<String>,
    pub recipient: Option<String>,
    pub recipient_code: Option<String>,
    pub place: Option<String>,
    pub mentions: i64,
    /// All members of the actor and of the recipient (`actor`, `actor_code`
    /// and their recipient twins are the first).
    pub actors: Vec<Member>,
    pub recipients: Vec<Member>,
    /// Each report: document id, sentence index, evidence text.
    pub evidence: Vec<(String, i64, String)>,
}

/// A member of an event's actor or recipient.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Member {
    pub entity: Option<i64>,
    pub name: Option<String>,
    pub code: Option<String>,
}

/// Events with a member of `role` ("actor", "recipient") that has the code
/// or the name.
fn member_filter(role: &str, value: &str, sql: &mut String, args: &mut Vec<String>) {
    sql.push_str(&format!(" AND ev.id IN (SELECT m.event FROM event_members m WHERE m.role = '{role}'"));
    side_filter("m.entity", "m.code", value, sql, args);
    sql.push(')');
}

fn side_filter(ent: &str, code: &str, value: &str, sql: &mut String, args: &mut Vec<String>) {
    let looks_like_code = value.len() >= 3 && value.chars().all(|c| c.is_ascii_uppercase());
    if looks_like_code {
        args.push(format!("{value}%"));
        let n = args.len();
        sql.push_str(&format!(" AND ({code} LIKE ?{n}"));
        args.push(like(value));
        let m = args.len();
        sql.push_str(&format!(
            " OR {ent} IN (SELECT id FROM entities WHERE name LIKE ?{m} ESCAPE '\\'
                           UNION SELECT entity FROM entity_aliases WHERE alias LIKE ?{m} ESCAPE '\\'))"
        ));
    } else {
        entity_named(ent, value, sql, args);
    }
}

pub(crate) fn events(conn: &Connection, f: &EventFilter, limit: usize, offset: usize) -> rusqlite::Result<Vec<EventRow>> {
    let mut sql = String::from(
        "SELECT ev.id, ev.date, ev.type, ev.mode, ev.cameo, ev.modality, a.name, ev.actor_code, r.name, ev.recipient_code,
                p.name, ev.mentions, ev.quad_class, ev.goldstein, ev.context
         FROM events ev
         LEFT JOIN entities a ON a.id = ev.actor_entity
         LEFT JOIN entities r ON r.id = ev.recipient_entity
         LEFT JOIN entities p ON p.id = ev.place_entity
         WHERE 1=1",
    );
    let mut args = Vec::new();
    if let Some(a) = &f.actor {
        member_filter("actor", a, &mut sql, &mut args);
    }
    if let Some(r) = &f.recipient {
        member_filter("recipient", r, &mut sql, &mut args);
    }
    if let Some(t) = &f.r#type {
        args.push(t.to_ascii_uppercase());
        sql.push_str(&format!(" AND ev.type = ?{}", args.len()));
    }
    if let Some(p) = &f.place {
        entity_named("ev.place_entity", p, &mut sql, &mut args);
    }
    date_range("ev.date", &f.since, &f.until, &mut sql, &mut args);
    sql.push_str(&format!(" ORDER BY ev.date IS NULL, ev.date DESC, ev.id LIMIT {limit} OFFSET {offset}"));
    let mut st = conn.prepare(&sql)?;
    let mut rows: Vec<EventRow> = st
        .query_map(params_from_iter(args.iter()), |r| {
            Ok(EventRow {
                id: r.get(0)?,
                date: r.get(1)?,
                r#type: r.get(2)?,
                mode: r.get(3)?,
                cameo: r.get(4)?,
                quad_class: r.get(12)?,
                goldstein: r.get(13)?,
                context: r.get(14)?,
                modality: r.get(5)?,
                actor: r.get(6)?,
                actor_code: r.get(7)?,
                recipient: r.get(8)?,
                recipient_code: r.get(9)?,
                place: r.get(10)?,
                mentions: r.get(11)?,
                actors: Vec::new(),
                recipients: Vec::new(),
                evidence: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ev = conn.prepare_cached(
        "SELECT document, sentence, evidence FROM event_mentions WHERE event = ?1 ORDER BY document, start LIMIT 20",
    )?;
    let mut members = conn.prepare_cached(
        "SELECT m.role, m.entity, e.name, m.code FROM event_members m LEFT JOIN entities e ON e.id = m.entity
         WHERE m.event = ?1 ORDER BY m.role, m.position",
    )?;
    for row in &mut rows {
        for (role, m) in members
            .query_map([row.id], |r| Ok((r.get::<_, String>(0)?, Member { entity: r.get(1)?, name: r.get(2)?, code: r.get(3)? })))?
            .collect::<rusqlite::Result<Vec<_>>>()?
        {
            if role == "actor" { row.actors.push(m) } else { row.recipients.push(m) }
        }
        row.evidence = ev.query_map([row.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use crate::{EventFilter, Member, QuoteFilter, Store, StoredDoc, StoredEntity};
    use newsgraph_doc::*;

    fn record(id: &str, published: &str, text: &str) -> Record {
        let n = text.chars().count() as u32;
        Record {
            format: FORMAT.into(),
            id: id.into(),
            url: None,
            site: None,
            title: Some(format!("title {id}")),
            authors: vec![],
            published: Some(published.into()),
            published_source: None,
            language: "en".into(),
            text: text.into(),
            sentences: vec![Span { start: 0, end: n }],
            entities: vec![],
            quotes: vec![Quote {
                id: "q1".into(),
                kind: "indirect".into(),
                content: vec![Span { start: 0, end: 5 }],
                text: "talks".into(),
                cue: Some(TextSpan { start: 0, end: 1, text: "said".into() }),
                speaker: Some(Speaker { entity: Some("e1".into()), start: 0, end: 6, text: "Peskov".into() }),
                addressee: None,
                via: Some("e2".into()),
            }],
            timexes: vec![],
            events: vec![Event {
                id: "v1".into(),
                r#type: "CONSULT".into(),
                mode: None,
                cameo: "040".into(),
                quad_class: 1,
                goldstein: Some(1.0),
                context: vec!["diplomatic".into(), "military".into()],
                actor: vec![ActorRef { entity: Some("e3".into()), code: Some("RUSGOV".into()) }],
                recipient: vec![ActorRef { entity: None, code: Some("SYRGOV".into()) }],
                date: Some("2025-10-15".into()),
                place: None,
                modality: "asserted".into(),
                source: Some("e1".into()),
                quote: Some("q1".into()),
                evidence: Span { start: 0, end: n },
                sentence: 0,
            }],
            meta: None,
        }
    }

    fn ent<'a>(local: &'a str, name: &'a str, t: &'a str) -> StoredEntity<'a> {
        StoredEntity {
            local_id: local,
            name,
            r#type: t,
            country: None,
            sector: None,
            aliases: &[],
            keys: vec![name.to_lowercase()],
            mentions_json: "[]".into(),
            roles_json: "[]".into(),
        }
    }

    /// The records as stored documents whose entities e1, e2, e3 are Peskov,
    /// Tass and Putin.
    fn stored<'a>(records: &[&'a Record]) -> Vec<StoredDoc<'a>> {
        records
            .iter()
            .map(|r| StoredDoc {
                id: &r.id,
                url: None,
                site: None,
                title: r.title.as_deref(),
                published: r.published.as_deref(),
                words: 5,
                sentences: 1,
                entities: 3,
                quotes: 1,
                timexes: 0,
                events: 1,
                json: "{}",
                linked: vec![ent("e1", "Dmitry Peskov", "PERSON"), ent("e2", "Tass", "ORG"), ent("e3", "Vladimir Putin", "PERSON")],
                record: Some(r),
            })
            .collect()
    }

    #[test]
    fn a_meeting_of_several_actors_is_one_event_whatever_their_order() {
        let (dir, path) = fresh("members");
        let mut s = Store::open(&path).unwrap();
        let putin = ActorRef { entity: Some("e3".into()), code: Some("RUSGOV".into()) };
        let sharaa = ActorRef { entity: None, code: Some("SYRGOV".into()) };
        let mut ra = record("a", "2025-10-16", "Putin met Sharaa on Wednesday.");
        ra.events[0].actor = vec![putin.clone(), sharaa.clone()];
        ra.events[0].recipient.clear();
        let mut rb = record("b", "2025-10-16", "Sharaa and Putin met.");
        rb.events[0].actor = vec![sharaa.clone(), putin.clone()];
        rb.events[0].recipient.clear();
        // Putin alone met Sharaa as a recipient: another coding, another event.
        let rc = record("c", "2025-10-16", "Putin met Sharaa.");
        s.insert(&stored(&[&ra, &rb, &rc])).unwrap();
        let all = s.events(&EventFilter::default(), 10, 0).unwrap();
        assert_eq!(all.len(), 2, "{all:?}");
        let both = all.iter().find(|e| e.actors.len() == 2).expect("the reciprocal meeting");
        assert_eq!(both.mentions, 2);
        assert!(both.recipients.is_empty());
        assert_eq!(both.actors[0], Member { entity: both.actors[0].entity, name: Some("Vladimir Putin".into()), code: Some("RUSGOV".into()) });
        assert_eq!(both.actors[1], Member { entity: None, name: None, code: Some("SYRGOV".into()) });
        let by = |f: EventFilter| s.events(&f, 10, 0).unwrap().iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(by(EventFilter { actor: Some("SYR".into()), ..Default::default() }), vec![both.id], "any member matches");
        assert_eq!(by(EventFilter { actor: Some("putin".into()), ..Default::default() }).len(), 2);
        assert_eq!(by(EventFilter { recipient: Some("SYR".into()), ..Default::default() }).len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A fresh directory for one test, and a database path in it.
    fn fresh(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("ng-facts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.db");
        (dir, path)
    }

    #[test]
    fn one_event_two_reports_and_statements_by_speaker_and_outlet() {
        let (dir, path) = fresh("reports");
        let mut s = Store::open(&path).unwrap();
        let ra = record("a", "2025-10-16", "Peskov said Putin met Sharaa.");
        let rb = record("b", "2025-10-17", "Tass: Putin and Sharaa met on Wednesday.");
        let docs = stored(&[&ra, &rb]);
        s.insert(&docs).unwrap();
        let ev = s.events(&EventFilter::default(), 10, 0).unwrap();
        assert_eq!(ev.len(), 1, "one real event, stored once");
        assert_eq!((ev[0].mentions, ev[0].evidence.len()), (2, 2));
        assert_eq!(ev[0].actor.as_deref(), Some("Vladimir Putin"));
        assert_eq!((ev[0].quad_class, ev[0].goldstein), (Some(1), Some(1.0)));
        assert_eq!(ev[0].context.as_deref(), Some("diplomatic;military"));
        assert_eq!(ev[0].evidence[0].2, "Peskov said Putin met Sharaa.");
        let by = |a: &str| s.events(&EventFilter { actor: Some(a.into()), ..Default::default() }, 10, 0).unwrap().len();
        assert_eq!((by("RUS"), by("putin"), by("SYR"), by("sharaa")), (1, 1, 0, 0));
        let r = |f: EventFilter| s.events(&f, 10, 0).unwrap().len();
        assert_eq!(r(EventFilter { recipient: Some("SYRGOV".into()), r#type: Some("consult".into()), ..Default::default() }), 1);
        assert_eq!(r(EventFilter { since: Some("2025-10-16".into()), ..Default::default() }), 0);
        assert_eq!(r(EventFilter { until: Some("2025-10".into()), ..Default::default() }), 1);

        let q = |f: QuoteFilter| s.quotes(&f, 10, 0).unwrap();
        assert_eq!(q(QuoteFilter::default()).len(), 2);
        let all = q(QuoteFilter { speaker: Some("dmitry".into()), ..Default::default() });
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].document, "b", "newest first");
        assert_eq!(all[0].via.as_deref(), Some("Tass"));
        assert_eq!(q(QuoteFilter { via: Some("tass".into()), since: Some("2025-10-17".into()), ..Default::default() }).len(), 1);
        assert_eq!(q(QuoteFilter { speaker: Some("lavrov".into()), ..Default::default() }).len(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn events_of_an_older_database_gain_quad_class_goldstein_context_and_members() {
        let (dir, path) = fresh("old");
        {
            // The events table as the first version made it.
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
                     type TEXT NOT NULL, mode TEXT, cameo TEXT NOT NULL,
                     actor_entity INTEGER, actor_code TEXT, recipient_entity INTEGER, recipient_code TEXT,
                     date TEXT, place_entity INTEGER, modality TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 0);
                 INSERT INTO events (key, type, cameo, actor_code, modality, mentions) VALUES ('k1', 'ASSAULT', '190', 'RUSMIL', 'asserted', 1);
                 INSERT INTO events (key, type, cameo, modality, mentions) VALUES ('k2', 'CONSULT', '040', 'asserted', 1);",
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let ev = s.events(&EventFilter::default(), 10, 0).unwrap();
        let mut q: Vec<(String, Option<i64>, Option<f64>)> = ev.iter().map(|e| (e.r#type.clone(), e.quad_class, e.goldstein)).collect();
        q.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(q, vec![("ASSAULT".into(), Some(4), None), ("CONSULT".into(), Some(1), None)]);
        assert_eq!(s.events(&EventFilter { actor: Some("RUS".into()), ..Default::default() }, 10, 0).unwrap().len(), 1, "old actors are members");
        drop(s);
        // Opening again finds the columns there.
        assert_eq!(Store::open(&path).unwrap().events(&EventFilter::default(), 10, 0).unwrap().len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
