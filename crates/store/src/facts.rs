//! Statements and events across documents.
//!
//! Statements (quotes) are stored per document, with the speaker, addressee
//! and outlet linked to stored entities. Events are stored once: an event is
//! identified by its type, mode, modality, actor and recipient (stored
//! entity, else actor code) and date (the event's, else the document's
//! publication day); every report of it — in any sentence of any document —
//! is a row of `event_mentions` with its evidence.

use newsgraph_doc::Record;
use crate::search::{self, like, named, Filter, Page, Where};
use rusqlite::{params, params_from_iter, Connection, Transaction};
use std::collections::HashMap;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS quotes (
    document TEXT NOT NULL, local_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    speaker TEXT, speaker_entity INTEGER, cue TEXT,
    addressee_entity INTEGER, via_entity INTEGER,
    start INTEGER NOT NULL, sentence TEXT NOT NULL, published TEXT,
    addressee TEXT,
    PRIMARY KEY (document, local_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_entity);
CREATE INDEX IF NOT EXISTS quotes_via ON quotes (via_entity);
CREATE INDEX IF NOT EXISTS quotes_published ON quotes (published);
CREATE INDEX IF NOT EXISTS quotes_speaker_words ON quotes (speaker);
-- Every distinct speaker text: a speaker filter (contains) reads this short
-- list, then the statements of the speakers it matched through the index.
CREATE TABLE IF NOT EXISTS speakers (speaker TEXT PRIMARY KEY) WITHOUT ROWID;
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
    conn.execute_batch(
        "INSERT INTO speakers (speaker) SELECT DISTINCT speaker FROM quotes
         WHERE speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speakers)",
    )?;
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
    let quote_columns: Vec<String> =
        conn.prepare("SELECT name FROM pragma_table_info('quotes')")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if !quote_columns.iter().any(|c| c == "addressee") {
        conn.execute_batch("ALTER TABLE quotes ADD COLUMN addressee TEXT")?;
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
             addressee_entity, via_entity, start, sentence, published, addressee)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut speaker = tx.prepare_cached("INSERT OR IGNORE INTO speakers (speaker) VALUES (?1)")?;
    for quote in &r.quotes {
        if let Some(s) = &quote.speaker {
            speaker.execute([&s.text])?;
        }
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
            r.published,
            quote.addressee_span.as_ref().map(|a| a.text.as_str())
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

/// A stored statement.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteRow {
    pub document: String,
    pub id: String,
    pub published: Option<String>,
    pub title: Option<String>,
    /// The site that published the document.
    pub site: Option<String>,
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

const QUOTES: &str = "
    SELECT q.document, q.local_id, q.published, d.title, d.site, q.kind, q.speaker, q.speaker_entity, s.name, q.cue,
           COALESCE(a.name, q.addressee), v.name, q.text, q.sentence
    FROM quotes q JOIN documents d ON d.id = q.document
    LEFT JOIN entities s ON s.id = q.speaker_entity
    LEFT JOIN entities a ON a.id = q.addressee_entity
    LEFT JOIN entities v ON v.id = q.via_entity
    WHERE 1=1";

fn quote_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        document: r.get(0)?,
        id: r.get(1)?,
        published: r.get(2)?,
        title: r.get(3)?,
        site: r.get(4)?,
        kind: r.get(5)?,
        speaker: r.get(6)?,
        speaker_entity: r.get(7)?,
        speaker_name: r.get(8)?,
        cue: r.get(9)?,
        addressee: r.get(10)?,
        via: r.get(11)?,
        text: r.get(12)?,
        sentence: r.get(13)?,
    })
}

/// Statements matching the filter, newest first: the SQL and its parameters.
pub(crate) fn quotes_sql(f: &Filter, page: Page) -> (String, Where) {
    let w = search::quotes_where(f);
    let sql = format!(
        "{QUOTES} {} ORDER BY q.published IS NULL, q.published DESC, q.document, q.start{}",
        w.sql,
        page.sql()
    );
    (sql, w)
}

pub(crate) fn quotes(conn: &Connection, f: &Filter, page: Page) -> rusqlite::Result<Vec<QuoteRow>> {
    let (sql, w) = quotes_sql(f, page);
    w.query(conn, &sql, quote_row)
}

pub(crate) fn each_quote(conn: &Connection, f: &Filter, each: &mut dyn FnMut(QuoteRow) -> bool) -> rusqlite::Result<()> {
    let (sql, w) = quotes_sql(f, Page::ALL);
    stream(conn, &sql, &w, quote_row, each)
}

/// Run a query and hand each row to `each` until it returns false.
pub(crate) fn stream<T>(
    conn: &Connection,
    sql: &str,
    w: &Where,
    map: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    each: &mut dyn FnMut(T) -> bool,
) -> rusqlite::Result<()> {
    let mut st = conn.prepare(sql)?;
    let mut rows = st.query(params_from_iter(w.args.iter()))?;
    while let Some(r) = rows.next()? {
        if !each(map(r)?) {
            break;
        }
    }
    Ok(())
}

/// A stored event: one row however many reports it has.
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
    pub actor_entity: Option<i64>,
    pub recipient: Option<String>,
    pub recipient_code: Option<String>,
    pub recipient_entity: Option<i64>,
    pub place: Option<String>,
    pub place_entity: Option<i64>,
    /// Reports of the event (rows of `event_mentions`).
    pub mentions: i64,
    /// Distinct documents and distinct sites that report it.
    pub documents: i64,
    pub sources: i64,
    /// The first document that reported it (earliest published, then stored).
    pub first_document: Option<String>,
    pub first_url: Option<String>,
    /// The first document's publication date.
    pub first_published: Option<String>,
    /// When the first report was stored (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub added: Option<String>,
    /// The smallest sentence index of any report (0 is an article's first).
    pub first_sentence: Option<i64>,
    /// All members of the actor and of the recipient (`actor`, `actor_code`
    /// and their recipient twins are the first); loaded by `Store::events`,
    /// not when streamed.
    pub actors: Vec<Member>,
    pub recipients: Vec<Member>,
    /// Each report (at most 20 in `Store::events`; none when streamed): document
    /// id, sentence index, evidence text.
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
fn member_filter(w: &mut Where, role: &str, value: &str) {
    let mut inner = Where { sql: String::new(), args: std::mem::take(&mut w.args) };
    side_filter(&mut inner, "em.entity", "em.code", value);
    w.args = inner.args;
    w.and(&format!("ev.id IN (SELECT em.event FROM event_members em WHERE em.role = '{role}' {})", inner.sql));
}

fn side_filter(w: &mut Where, ent: &str, code: &str, value: &str) {
    let looks_like_code = value.len() >= 3 && value.chars().all(|c| c.is_ascii_uppercase());
    if looks_like_code {
        // Codes are capitals: "RUS" takes the index range [RUS, RUS\u{10ffff}).
        let n = w.arg(value.to_string());
        let top = w.arg(format!("{value}\u{10ffff}"));
        let m = w.arg(like(value));
        w.and(&format!("(({code} >= ?{n} AND {code} < ?{top}) OR {ent} IN ({}))", named(m)));
    } else {
        w.entity_named(ent, value);
    }
}

/// Conditions on events (`ev`): actor, recipient, type, place, since, until;
/// and on their reports: outlet, speaker (who asserts), document, text (the
/// reporting article matches).
pub(crate) fn events_where(f: &Filter) -> Where {
    let mut w = Where::default();
    if let Some(a) = &f.actor {
        member_filter(&mut w, "actor", a);
    }
    if let Some(r) = &f.recipient {
        member_filter(&mut w, "recipient", r);
    }
    if let Some(t) = &f.r#type {
        let n = w.arg(t.to_ascii_uppercase());
        w.and(&format!("ev.type = ?{n}"));
    }
    if let Some(p) = &f.place {
        w.entity_named("ev.place_entity", p);
    }
    w.date_range("ev.date", f);
    let mut m = Where { sql: String::new(), args: std::mem::take(&mut w.args) };
    if let Some(o) = &f.outlet {
        let n = m.arg(like(o));
        m.and(&format!(
            "(d.site LIKE ?{n} ESCAPE '\\' OR m.quote IN
                 (SELECT local_id FROM quotes q WHERE q.document = m.document AND q.via_entity IN ({})))",
            named(n)
        ));
    }
    if let Some(sp) = &f.speaker {
        m.entity_named("m.source_entity", sp);
    }
    if let Some(doc) = &f.document {
        let n = m.arg(doc.clone());
        m.and(&format!("m.document = ?{n}"));
    }
    if let Some(t) = &f.text {
        let n = m.arg(t.clone());
        m.and(&format!("d.rowid IN ({})", search::articles_matching(n)));
    }
    w.args = m.args;
    if !m.sql.is_empty() {
        w.and(&format!(
            "EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.document WHERE m.event = ev.id {})",
            m.sql
        ));
    }
    w
}

pub(crate) fn events_sql(f: &Filter, page: Page) -> (String, Where) {
    let w = events_where(f);
    let sql = format!(
        "SELECT ev.id, ev.date, ev.type, ev.mode, ev.cameo, ev.quad_class, ev.goldstein, ev.context, ev.modality,
                a.name, ev.actor_code, ev.actor_entity, r.name, ev.recipient_code, ev.recipient_entity,
                p.name, ev.place_entity, ev.mentions,
                (SELECT COUNT(DISTINCT m.document) FROM event_mentions m WHERE m.event = ev.id),
                (SELECT COUNT(DISTINCT COALESCE(d.site, d.url, d.id)) FROM event_mentions m JOIN documents d ON d.id = m.document
                 WHERE m.event = ev.id),
                first.id, first.url, first.published, first.ingested_at,
                (SELECT MIN(m.sentence) FROM event_mentions m WHERE m.event = ev.id)
         FROM events ev
         LEFT JOIN entities a ON a.id = ev.actor_entity
         LEFT JOIN entities r ON r.id = ev.recipient_entity
         LEFT JOIN entities p ON p.id = ev.place_entity
         LEFT JOIN documents first ON first.rowid = (
             SELECT d.rowid FROM event_mentions m JOIN documents d ON d.id = m.document WHERE m.event = ev.id
             ORDER BY d.published IS NULL, d.published, d.rowid LIMIT 1)
         WHERE 1=1 {} ORDER BY ev.date IS NULL, ev.date DESC, ev.id{}",
        w.sql,
        page.sql()
    );
    (sql, w)
}

fn event_row(r: &rusqlite::Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        date: r.get(1)?,
        r#type: r.get(2)?,
        mode: r.get(3)?,
        cameo: r.get(4)?,
        quad_class: r.get(5)?,
        goldstein: r.get(6)?,
        context: r.get(7)?,
        modality: r.get(8)?,
        actor: r.get(9)?,
        actor_code: r.get(10)?,
        actor_entity: r.get(11)?,
        recipient: r.get(12)?,
        recipient_code: r.get(13)?,
        recipient_entity: r.get(14)?,
        place: r.get(15)?,
        place_entity: r.get(16)?,
        mentions: r.get(17)?,
        documents: r.get(18)?,
        sources: r.get(19)?,
        first_document: r.get(20)?,
        first_url: r.get(21)?,
        first_published: r.get(22)?,
        added: r.get(23)?,
        first_sentence: r.get(24)?,
        actors: Vec::new(),
        recipients: Vec::new(),
        evidence: Vec::new(),
    })
}

pub(crate) fn events(conn: &Connection, f: &Filter, page: Page) -> rusqlite::Result<Vec<EventRow>> {
    let (sql, w) = events_sql(f, page);
    let mut rows = w.query(conn, &sql, event_row)?;
    let mut ev = conn.prepare_cached(
        "SELECT document, sentence, evidence FROM event_mentions WHERE event = ?1 ORDER BY document, start LIMIT 20",
    )?;
    for row in &mut rows {
        (row.actors, row.recipients) = members(conn, row.id)?;
        row.evidence = ev.query_map([row.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}

/// The members of an event's actor and of its recipient, in order.
pub(crate) fn members(conn: &Connection, event: i64) -> rusqlite::Result<(Vec<Member>, Vec<Member>)> {
    let mut st = conn.prepare_cached(
        "SELECT m.role, m.entity, e.name, m.code FROM event_members m LEFT JOIN entities e ON e.id = m.entity
         WHERE m.event = ?1 ORDER BY m.role, m.position",
    )?;
    let (mut actors, mut recipients) = (Vec::new(), Vec::new());
    for row in st.query_map([event], |r| Ok((r.get::<_, String>(0)?, Member { entity: r.get(1)?, name: r.get(2)?, code: r.get(3)? })))? {
        let (role, m) = row?;
        if role == "actor" { actors.push(m) } else { recipients.push(m) }
    }
    Ok((actors, recipients))
}

pub(crate) fn each_event(conn: &Connection, f: &Filter, each: &mut dyn FnMut(EventRow) -> bool) -> rusqlite::Result<()> {
    let (sql, w) = events_sql(f, Page::ALL);
    stream(conn, &sql, &w, event_row, each)
}

/// One report of a stored event, with its document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MentionRow {
    pub event: i64,
    pub document: String,
    /// The event's id within the document ("v2").
    pub id: String,
    /// Sentence index in the document (0-based).
    pub sentence: i64,
    /// Evidence span, code points into the document text.
    pub start: i64,
    pub end: i64,
    pub evidence: String,
    /// Who asserts it (stored entity) and the statement it came in.
    pub source: Option<String>,
    pub source_entity: Option<i64>,
    pub quote: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub added: String,
}

fn mention_row(r: &rusqlite::Row) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        event: r.get(0)?,
        document: r.get(1)?,
        id: r.get(2)?,
        sentence: r.get(3)?,
        start: r.get(4)?,
        end: r.get(5)?,
        evidence: r.get(6)?,
        source: r.get(7)?,
        source_entity: r.get(8)?,
        quote: r.get(9)?,
        published: r.get(10)?,
        site: r.get(11)?,
        url: r.get(12)?,
        added: r.get(13)?,
    })
}

const MENTIONS: &str = "
    SELECT m.event, m.document, m.local_id, m.sentence, m.start, m.end, m.evidence, s.name, m.source_entity, m.quote,
           d.published, d.site, d.url, d.ingested_at
    FROM event_mentions m JOIN documents d ON d.id = m.document
    LEFT JOIN entities s ON s.id = m.source_entity";

/// Every report of the events matching the filter, document by document.
pub(crate) fn each_mention(conn: &Connection, f: &Filter, each: &mut dyn FnMut(MentionRow) -> bool) -> rusqlite::Result<()> {
    let w = events_where(f);
    let sql = format!(
        "{MENTIONS} WHERE m.event IN (SELECT ev.id FROM events ev WHERE 1=1 {}) ORDER BY d.rowid, m.start, m.local_id",
        w.sql
    );
    stream(conn, &sql, &w, mention_row, each)
}

/// The reports of one event, first published first.
pub(crate) fn mentions_of(conn: &Connection, event: i64) -> rusqlite::Result<Vec<MentionRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{MENTIONS} WHERE m.event = ?1 ORDER BY d.published IS NULL, d.published, d.rowid, m.start"
    ))?;
    let rows = st.query_map([event], mention_row)?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use crate::{EventFilter, Filter, Member, Page, QuoteFilter, Scope, Store, StoreError, StoredDoc, StoredEntity};
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
                addressee_span: None,
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
        let all = s.events(&EventFilter::default(), Page::default()).unwrap();
        assert_eq!(all.len(), 2, "{all:?}");
        let both = all.iter().find(|e| e.actors.len() == 2).expect("the reciprocal meeting");
        assert_eq!(both.mentions, 2);
        assert!(both.recipients.is_empty());
        assert_eq!(both.actors[0], Member { entity: both.actors[0].entity, name: Some("Vladimir Putin".into()), code: Some("RUSGOV".into()) });
        assert_eq!(both.actors[1], Member { entity: None, name: None, code: Some("SYRGOV".into()) });
        let by = |f: EventFilter| s.events(&f, Page::default()).unwrap().iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(by(EventFilter { actor: Some("SYR".into()), ..Default::default() }), vec![both.id], "any member matches");
        assert_eq!(by(EventFilter { actor: Some("putin".into()), ..Default::default() }).len(), 2);
        assert_eq!(by(EventFilter { recipient: Some("SYR".into()), ..Default::default() }).len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_addressee_is_its_entity_or_else_its_words_also_in_an_older_database() {
        let (dir, path) = fresh("addressee");
        let mut s = Store::open(&path).unwrap();
        let mut ra = record("a", "2025-10-16", "Peskov told reporters the talks went well.");
        ra.quotes[0].addressee_span = Some(TextSpan { start: 12, end: 21, text: "reporters".into() });
        let mut rb = record("b", "2025-10-17", "Peskov told Putin the talks went well.");
        rb.quotes[0].addressee = Some("e3".into());
        rb.quotes[0].addressee_span = Some(TextSpan { start: 12, end: 17, text: "Putin".into() });
        s.insert(&stored(&[&ra, &rb])).unwrap();
        let to = |s: &Store| {
            let mut v: Vec<_> = s.quotes(&Filter::default(), Page::default()).unwrap().into_iter().map(|q| (q.document, q.addressee)).collect();
            v.sort();
            v
        };
        let want = vec![("a".to_string(), Some("reporters".to_string())), ("b".to_string(), Some("Vladimir Putin".to_string()))];
        assert_eq!(to(&s), want, "the entity's name wins over the words");
        // A database made before the column: it is added on open, and the
        // statements stored before read as without addressee words.
        drop(s);
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("ALTER TABLE quotes DROP COLUMN addressee").unwrap();
        drop(c);
        let s = Store::open(&path).unwrap();
        assert_eq!(to(&s), vec![("a".to_string(), None), ("b".to_string(), Some("Vladimir Putin".to_string()))]);
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
        let ev = s.events(&EventFilter::default(), Page::default()).unwrap();
        assert_eq!(ev.len(), 1, "one real event, stored once");
        assert_eq!((ev[0].mentions, ev[0].evidence.len()), (2, 2));
        assert_eq!(ev[0].actor.as_deref(), Some("Vladimir Putin"));
        assert_eq!((ev[0].quad_class, ev[0].goldstein), (Some(1), Some(1.0)));
        assert_eq!(ev[0].context.as_deref(), Some("diplomatic;military"));
        assert_eq!(ev[0].evidence[0].2, "Peskov said Putin met Sharaa.");
        let by = |a: &str| s.events(&EventFilter { actor: Some(a.into()), ..Default::default() }, Page::default()).unwrap().len();
        assert_eq!((by("RUS"), by("putin"), by("SYR"), by("sharaa")), (1, 1, 0, 0));
        let r = |f: EventFilter| s.events(&f, Page::default()).unwrap().len();
        assert_eq!(r(EventFilter { recipient: Some("SYRGOV".into()), r#type: Some("consult".into()), ..Default::default() }), 1);
        assert_eq!(r(EventFilter { since: Some("2025-10-16".into()), ..Default::default() }), 0);
        assert_eq!(r(EventFilter { until: Some("2025-10".into()), ..Default::default() }), 1);

        let q = |f: QuoteFilter| s.quotes(&f, Page::default()).unwrap();
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
        let ev = s.events(&EventFilter::default(), Page::default()).unwrap();
        let mut q: Vec<(String, Option<i64>, Option<f64>)> = ev.iter().map(|e| (e.r#type.clone(), e.quad_class, e.goldstein)).collect();
        q.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(q, vec![("ASSAULT".into(), Some(4), None), ("CONSULT".into(), Some(1), None)]);
        assert_eq!(s.events(&EventFilter { actor: Some("RUS".into()), ..Default::default() }, Page::default()).unwrap().len(), 1, "old actors are members");
        drop(s);
        // Opening again finds the columns there.
        assert_eq!(Store::open(&path).unwrap().events(&EventFilter::default(), Page::default()).unwrap().len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A store with two documents (sites Example Wire and Other Daily, the
    /// record as their JSON) reporting one event, each with one statement.
    fn two_reports(name: &str) -> (Store, std::path::PathBuf) {
        let (dir, path) = fresh(name);
        let mut s = Store::open(&path).unwrap();
        let ra = record("a", "2025-10-16", "Peskov said Putin met Sharaa.");
        let rb = record("b", "2025-10-17", "Tass: Putin and Sharaa met on Wednesday.");
        let json: Vec<String> = [&ra, &rb].iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        let mut docs = stored(&[&ra, &rb]);
        for (d, j) in docs.iter_mut().zip(&json) {
            d.json = j;
            d.site = Some(if d.id == "a" { "Example Wire" } else { "Other Daily" });
        }
        s.insert(&docs).unwrap();
        (s, dir)
    }

    #[test]
    fn speakers_of_a_database_made_before_their_list_are_found() {
        let (s, dir) = two_reports("speakers");
        let by = |s: &Store, sp: &str| s.quotes(&Filter { speaker: Some(sp.into()), ..Default::default() }, Page::default()).unwrap().len();
        // "esko" is in the words the text uses ("Peskov"), not only in the linked name.
        assert_eq!((by(&s, "esko"), by(&s, "lavrov")), (2, 0));
        let path = dir.join("f.db");
        drop(s);
        // Unlinked speakers, found by their words alone.
        rusqlite::Connection::open(&path).unwrap().execute_batch("DELETE FROM speakers; UPDATE quotes SET speaker_entity = NULL").unwrap();
        let s = Store::open(&path).unwrap();
        assert_eq!(by(&s, "ESKO"), 2, "the list is made on opening");
        assert_eq!(by(&s, "dmitry"), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn outlet_is_the_site_or_the_relaying_outlet() {
        let (s, dir) = two_reports("outlet");
        let q = |o: &str| s.quotes(&Filter { outlet: Some(o.into()), ..Default::default() }, Page::default()).unwrap().len();
        // Both statements are relayed via Tass; only one document is from Example Wire.
        assert_eq!((q("tass"), q("example wire"), q("other"), q("reuters")), (2, 1, 1, 0));
        let e = |f: Filter| s.events(&f, Page::default()).unwrap().len();
        assert_eq!(e(Filter { outlet: Some("wire".into()), ..Default::default() }), 1);
        assert_eq!(e(Filter { outlet: Some("reuters".into()), ..Default::default() }), 0);
        assert_eq!(e(Filter { document: Some("b".into()), speaker: Some("peskov".into()), ..Default::default() }), 1);
        assert_eq!(e(Filter { document: Some("c".into()), ..Default::default() }), 0);
        let a = |f: Filter| s.articles(&f, Page::default()).unwrap().into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(a(Filter { outlet: Some("daily".into()), ..Default::default() }), vec!["b"]);
        assert_eq!(a(Filter { until: Some("2025-10-16".into()), ..Default::default() }), vec!["a"]);
        let bad = s.articles(&Filter { since: Some("16/10/2025".into()), ..Default::default() }, Page::default());
        assert!(matches!(bad, Err(StoreError::Query(_))), "{bad:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A store of `n` documents, each published a day after the one before
    /// (every third undated), each with a statement by Peskov, an event of
    /// its own and the word "talks".
    fn many(name: &str, n: usize) -> (Store, std::path::PathBuf) {
        let (dir, path) = fresh(name);
        let mut s = Store::open(&path).unwrap();
        let records: Vec<Record> = (0..n)
            .map(|i| {
                // Different words: not copies of one story.
                let text = format!("Peskov said Putin met talks day{i}.");
                let mut r = record(&format!("d{i:02}"), &format!("2025-10-{:02}", 1 + i), &text);
                if i % 3 == 2 {
                    r.published = None;
                }
                r.events[0].date = Some(format!("2025-09-{:02}", 1 + i));
                r
            })
            .collect();
        let json: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        let mut docs = stored(&records.iter().collect::<Vec<_>>());
        for (d, j) in docs.iter_mut().zip(&json) {
            d.json = j;
        }
        s.insert(&docs).unwrap();
        (s, dir)
    }

    #[test]
    fn a_capped_count_is_a_lower_bound_and_the_pages_are_those_of_the_full_sort() {
        use crate::views;
        let (mut s, dir) = many("capped", 11);
        let peskov = Filter { speaker: Some("peskov".into()), ..Default::default() };
        let at = |offset, limit| Page { offset, limit };
        // Every list: the count under the default cap (exact), then under a
        // cap of 4, when the pages are found by the ordered index walk.
        fn ids<T>(p: &views::Page<T>, id: fn(&T) -> String) -> Vec<String> {
            p.items.iter().map(id).collect()
        }
        let quote_id = |q: &views::QuoteItem| format!("{}/{}", q.document, q.id);
        let event_id = |e: &views::EventItem| e.id.to_string();
        let article_id = |a: &crate::ArticleRow| a.id.clone();
        let lists = |s: &Store, offset, limit| -> Vec<(i64, bool, Vec<String>)> {
            let q = s.quote_page(&peskov, at(offset, limit)).unwrap();
            let e = s.event_page(&Filter::default(), at(offset, limit)).unwrap();
            let a = s.article_page(&Filter::default(), at(offset, limit)).unwrap();
            vec![(q.total, q.capped, ids(&q, quote_id)), (e.total, e.capped, ids(&e, event_id)), (a.total, a.capped, ids(&a, article_id))]
        };
        let full = lists(&s, 0, 50);
        for (total, capped, items) in &full {
            assert_eq!((*total, *capped, items.len()), (11, false, 11));
        }
        assert_eq!(full[2].1, false);
        assert_eq!(&full[2].2[..3], ["d10", "d09", "d07"], "newest first, undated last");
        let mut undated = full[2].2[8..].to_vec();
        undated.sort();
        assert_eq!(undated, ["d02", "d05", "d08"], "undated last");
        s.set_count_cap(4);
        for (offset, limit, total, capped) in [(0, 3, 4, true), (3, 3, 6, true), (6, 3, 9, true), (9, 3, 11, false)] {
            for (kind, ((t, c, items), (_, _, all))) in lists(&s, offset, limit).into_iter().zip(&full).enumerate() {
                assert_eq!((t, c), (total, capped), "list {kind}, offset {offset}: the total counts to the cap or the page's end");
                assert_eq!(items, all[offset..(offset + limit).min(11)], "list {kind}, offset {offset}: the rows of the full sort");
            }
        }
        // A rare speaker is counted exactly whatever the cap.
        let none = s.quote_page(&Filter { speaker: Some("lavrov".into()), ..Default::default() }, at(0, 3)).unwrap();
        assert_eq!((none.total, none.capped, none.items.len()), (0, false, 0));

        // An entity in more documents than the cap: its newest the same.
        let peskov_id = s.quote_page(&peskov, at(0, 1)).unwrap().items[0].speaker_entity.unwrap();
        let newest = |s: &Store| s.entity_with(peskov_id, 5).unwrap().unwrap().2.into_iter().map(|a| a.document).collect::<Vec<_>>();
        let walked = newest(&s);
        s.set_count_cap(views::COUNT_CAP);
        assert_eq!(walked, newest(&s));
        assert_eq!(walked, &full[2].2[..5]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_search_with_more_matches_than_the_cap_ranks_the_most_recently_stored() {
        let (mut s, dir) = many("capped-search", 11);
        let all = s.search_page(&Filter::text("talks"), Page::default()).unwrap();
        assert_eq!((all.total, all.capped, all.items.len()), (22, false, 22), "11 articles and 11 statements");
        s.set_count_cap(4);
        let f = Filter { text: Some("talks".into()), scope: Scope::Articles, ..Default::default() };
        let some = s.search_page(&f, Page { offset: 0, limit: 2 }).unwrap();
        assert_eq!((some.total, some.capped), (4, true));
        let mut docs: Vec<&str> = some.items.iter().map(|h| h.document.as_str()).collect();
        docs.sort();
        // Equal scores: the 4 most recently stored (d07..d10), best first, then by rowid.
        assert_eq!(docs, ["d07", "d08"], "{some:?}");
        // Under the cap, every match is ranked.
        let f = Filter { text: Some("talks".into()), scope: Scope::Articles, document: Some("d00".into()), ..Default::default() };
        let one = s.search_page(&f, Page::default()).unwrap();
        assert_eq!((one.total, one.capped, one.items[0].document.as_str()), (1, false, "d00"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn full_text_search_ranks_marks_filters_and_is_built_for_old_databases() {
        let (s, dir) = two_reports("fts");
        let hits = s.search(&Filter::text("putin OR wednesday"), Page::default()).unwrap();
        let ids: Vec<(&str, &str)> = hits.iter().map(|h| (h.kind, h.document.as_str())).collect();
        assert_eq!(ids, vec![("article", "b"), ("article", "a")], "both words rank above one: {hits:?}");
        assert!(hits[0].score > hits[1].score);
        assert!(hits[0].snippet.contains("**Wednesday**"), "{}", hits[0].snippet);
        let f = Filter { text: Some("talk".into()), scope: Scope::Statements, ..Default::default() };
        let st = s.search(&f, Page::default()).unwrap();
        assert_eq!(st.len(), 2, "the stem finds 'talks': {st:?}");
        assert_eq!((st[0].statement.as_deref(), st[0].snippet.as_str()), (Some("q1"), "**talks**"));
        assert_eq!(st[0].speaker.as_deref(), Some("Dmitry Peskov"));
        // Filters combine with the query; the query also filters the listings.
        let f = Filter { text: Some("sharaa".into()), since: Some("2025-10-17".into()), ..Default::default() };
        assert_eq!(s.search(&f, Page::default()).unwrap().iter().map(|h| h.document.as_str()).collect::<Vec<_>>(), vec!["b"]);
        let f = Filter { text: Some("dmitry".into()), ..Default::default() };
        assert_eq!(s.quotes(&f, Page::default()).unwrap().len(), 2, "the speaker's name is searched");
        assert_eq!(s.articles(&Filter::text("wednesday"), Page::default()).unwrap().len(), 1);
        assert_eq!(s.events(&Filter::text("wednesday"), Page::default()).unwrap().len(), 1);
        assert_eq!(s.search(&Filter::text("kyiv"), Page::default()).unwrap().len(), 0);
        for bad in ["\"unterminated", "putin AND", "nosuchcolumn:x", "NEAR/x"] {
            let r = s.search(&Filter::text(bad), Page::default());
            assert!(matches!(r, Err(StoreError::Query(_))), "{bad}: {r:?}");
        }
        // A database made before the index: it is built on first open.
        let path = dir.join("f.db");
        drop(s);
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("DROP TABLE articles_fts; DROP TABLE statements_fts; DELETE FROM settings WHERE key = 'fts_built';").unwrap();
        drop(c);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.search(&Filter::text("wednesday OR talks"), Page::default()).unwrap().len(), 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
