//! Read-only views for the web interface and the JSON API (`serve`): one
//! article with the stored ids of its entities and events, an entity's
//! timeline and interaction graph, events and statements with the ids of the
//! entities they name, one event with every report of it, and counts of
//! events over time. Every list is bounded and every lookup is an index probe.

use crate::search::{articles_where, quotes_where, Where};
use crate::facts::events_where;
use crate::{ArticleRow, EntityFilter, Filter, Result, Store};
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

/// Indexes the views need, beyond those of the tables' owners.
pub(crate) const SCHEMA: &str = "
CREATE INDEX IF NOT EXISTS events_actor_date ON events (actor_entity, date);
CREATE INDEX IF NOT EXISTS events_recipient_date ON events (recipient_entity, date);
CREATE INDEX IF NOT EXISTS events_type_date ON events (type, date);
CREATE INDEX IF NOT EXISTS quotes_speaker_published ON quotes (speaker_entity, published);
-- Whom an entity addressed and who addressed it (the interaction graph),
-- from the indexes alone.
CREATE INDEX IF NOT EXISTS quotes_speaker_addressee ON quotes (speaker_entity, addressee_entity);
CREATE INDEX IF NOT EXISTS quotes_addressee_speaker ON quotes (addressee_entity, speaker_entity);
DROP INDEX IF EXISTS quotes_addressee;
-- The orders of the lists, so that a first page reads 50 index entries
-- instead of sorting every row.
CREATE INDEX IF NOT EXISTS documents_newest ON documents (published IS NULL, published DESC, rowid);
CREATE INDEX IF NOT EXISTS events_newest ON events (COALESCE(date, 'Z') >= 'A', date DESC, id);
CREATE INDEX IF NOT EXISTS quotes_newest ON quotes (published IS NULL, published DESC, document, start);
-- An entity's newest articles: the dates of its documents from this index
-- alone, not from the rows (each holds a whole record).
CREATE INDEX IF NOT EXISTS documents_id_published ON documents (id, published);
-- `stats` sums these columns from this index, not from the rows.
CREATE INDEX IF NOT EXISTS documents_sizes ON documents (published, words, sentences, entities, quotes, timexes, events);
-- Counts over time read only this index.
CREATE INDEX IF NOT EXISTS events_date_mentions ON events (date, mentions);
";

/// How many matching rows a list or a search counts at most (beyond the
/// page asked for): counting every match of a common speaker or word reads
/// hundreds of thousands of rows. For tests only, `Store::set_count_cap`
/// and the environment variable `NEWSGRAPH_COUNT_CAP` (read by
/// `Store::open`) lower it.
pub const COUNT_CAP: usize = 10_000;

/// A page of rows and how many rows match in all.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// How many rows match; when `capped`, a lower bound: at least this many.
    pub total: i64,
    /// Whether counting stopped at the cap: more than `total` rows match.
    #[serde(rename = "total_capped")]
    pub capped: bool,
    pub items: Vec<T>,
}

/// A count that stops at a cap: at most `cap` (then `capped`) rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub total: i64,
    pub capped: bool,
}

impl Count {
    /// From the rows counted with `LIMIT cap + 1`.
    pub(crate) fn of(counted: i64, cap: usize) -> Count {
        let cap = cap.min(i64::MAX as usize - 1) as i64;
        Count { total: counted.min(cap), capped: counted > cap }
    }
}

/// An event with the stored ids of the entities it names, and its first report.
#[derive(Debug, Clone, Serialize)]
pub struct EventItem {
    pub id: i64,
    pub date: Option<String>,
    pub r#type: String,
    pub mode: Option<String>,
    pub cameo: String,
    pub modality: String,
    pub actor_entity: Option<i64>,
    pub actor: Option<String>,
    pub actor_code: Option<String>,
    pub recipient_entity: Option<i64>,
    pub recipient: Option<String>,
    pub recipient_code: Option<String>,
    pub place_entity: Option<i64>,
    pub place: Option<String>,
    pub mentions: i64,
    /// The first report: its document and evidence text.
    pub document: Option<String>,
    pub evidence: Option<String>,
    /// Every member of the actor and of the recipient (name, else code),
    /// joined by " + " ("Vladimir Putin + Ahmed al-Sharaa").
    pub actors: Option<String>,
    pub recipients: Option<String>,
}

const EVENT_SELECT: &str = "SELECT ev.id, ev.date, ev.type, ev.mode, ev.cameo, ev.modality,
        ev.actor_entity, a.name, ev.actor_code, ev.recipient_entity, r.name, ev.recipient_code,
        ev.place_entity, p.name, ev.mentions,
        (SELECT m.document || char(0) || m.evidence FROM event_mentions m WHERE m.event = ev.id LIMIT 1),
        (SELECT group_concat(COALESCE(e.name, m.code), ' + ' ORDER BY m.position) FROM event_members m
         LEFT JOIN entities e ON e.id = m.entity WHERE m.event = ev.id AND m.role = 'actor'),
        (SELECT group_concat(COALESCE(e.name, m.code), ' + ' ORDER BY m.position) FROM event_members m
         LEFT JOIN entities e ON e.id = m.entity WHERE m.event = ev.id AND m.role = 'recipient')
     FROM events ev
     LEFT JOIN entities a ON a.id = ev.actor_entity
     LEFT JOIN entities r ON r.id = ev.recipient_entity
     LEFT JOIN entities p ON p.id = ev.place_entity";

/// Newest first: calendar dates, then partial ones ("XXXX-10-15"), then none.
const EVENT_ORDER: &str = "COALESCE(ev.date, 'Z') >= 'A', ev.date DESC, ev.id";

impl EventItem {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<EventItem> {
        let first: Option<String> = r.get(15)?;
        let (document, evidence) = match first.as_deref().and_then(|f| f.split_once('\0')) {
            Some((d, e)) => (Some(d.to_string()), Some(e.to_string())),
            None => (None, None),
        };
        Ok(EventItem {
            id: r.get(0)?,
            date: r.get(1)?,
            r#type: r.get(2)?,
            mode: r.get(3)?,
            cameo: r.get(4)?,
            modality: r.get(5)?,
            actor_entity: r.get(6)?,
            actor: r.get(7)?,
            actor_code: r.get(8)?,
            recipient_entity: r.get(9)?,
            recipient: r.get(10)?,
            recipient_code: r.get(11)?,
            place_entity: r.get(12)?,
            place: r.get(13)?,
            mentions: r.get(14)?,
            document,
            evidence,
            actors: r.get(16)?,
            recipients: r.get(17)?,
        })
    }
}

/// A statement with the stored ids of its speaker, addressee and outlet.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteItem {
    pub document: String,
    pub id: String,
    pub published: Option<String>,
    pub title: Option<String>,
    pub kind: String,
    /// The words the text uses for the speaker.
    pub speaker: Option<String>,
    pub speaker_entity: Option<i64>,
    pub speaker_name: Option<String>,
    pub cue: Option<String>,
    pub addressee_entity: Option<i64>,
    pub addressee: Option<String>,
    pub via_entity: Option<i64>,
    pub via: Option<String>,
    pub text: String,
    pub sentence: String,
}

const QUOTE_SELECT: &str = "SELECT q.document, q.local_id, q.published, d.title, q.kind, q.speaker, q.speaker_entity, s.name,
        q.cue, q.addressee_entity, COALESCE(a.name, q.addressee), q.via_entity, v.name, q.text, q.sentence
     FROM quotes q JOIN documents d ON d.id = q.document
     LEFT JOIN entities s ON s.id = q.speaker_entity
     LEFT JOIN entities a ON a.id = q.addressee_entity
     LEFT JOIN entities v ON v.id = q.via_entity";

impl QuoteItem {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteItem> {
        Ok(QuoteItem {
            document: r.get(0)?,
            id: r.get(1)?,
            published: r.get(2)?,
            title: r.get(3)?,
            kind: r.get(4)?,
            speaker: r.get(5)?,
            speaker_entity: r.get(6)?,
            speaker_name: r.get(7)?,
            cue: r.get(8)?,
            addressee_entity: r.get(9)?,
            addressee: r.get(10)?,
            via_entity: r.get(11)?,
            via: r.get(12)?,
            text: r.get(13)?,
            sentence: r.get(14)?,
        })
    }
}

/// One stored article: its line, its record JSON, and which stored entity
/// and event each of its own ids ("e1", "v1") is.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub article: ArticleRow,
    /// The record JSON, exactly as stored.
    pub record: String,
    pub entities: Vec<(String, i64)>,
    pub events: Vec<(String, i64)>,
    /// When the id asked for is a copy: that id (the view is the original's).
    pub copy: Option<String>,
}

/// One report of an event, with the sentence it stands in.
#[derive(Debug, Clone, Serialize)]
pub struct MentionItem {
    pub document: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The event's id in the document's record ("v1").
    pub local_id: String,
    pub sentence: i64,
    /// The whole sentence (null when the record cannot be read).
    pub sentence_text: Option<String>,
    /// Evidence offsets in the document text (code points).
    pub start: i64,
    pub end: i64,
    pub evidence: String,
    pub source_entity: Option<i64>,
    pub source: Option<String>,
    pub quote: Option<String>,
}

/// One event and its reports (at most `MENTIONS_MAX` of them).
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub event: EventItem,
    pub reports: Vec<MentionItem>,
}

/// The most reports an event view lists.
pub const MENTIONS_MAX: usize = 200;

/// An entry of an entity's timeline: an event it took part in, or a
/// statement it made.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineItem {
    Event {
        date: Option<String>,
        event: i64,
        r#type: String,
        modality: String,
        /// "actor" or "recipient".
        role: &'static str,
        /// The other side: its stored entity, name or code.
        other_entity: Option<i64>,
        other: Option<String>,
        mentions: i64,
    },
    Statement {
        date: Option<String>,
        document: String,
        quote: String,
        title: Option<String>,
        text: String,
        addressee_entity: Option<i64>,
        addressee: Option<String>,
    },
}

impl TimelineItem {
    fn date(&self) -> Option<&str> {
        match self {
            TimelineItem::Event { date, .. } | TimelineItem::Statement { date, .. } => date.as_deref(),
        }
    }
}

/// An entity another one interacts with: events between them (either way)
/// and statements one addressed to the other.
#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    pub entity: i64,
    pub name: String,
    pub r#type: String,
    pub events: i64,
    pub statements: i64,
}

/// Events in one period.
#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    /// "2025", "2025-10" or "2025-10-16".
    pub period: String,
    pub events: i64,
    /// Reports of those events.
    pub mentions: i64,
}

/// The period events are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Day,
}

/// The parts of a record a sentence needs.
#[derive(serde::Deserialize)]
struct TextAndSentences {
    text: String,
    sentences: Vec<newsgraph_doc::Span>,
}

impl TextAndSentences {
    fn sentence(&self, i: usize) -> Option<String> {
        let s = self.sentences.get(i)?;
        Some(self.text.chars().skip(s.start as usize).take(s.end.saturating_sub(s.start) as usize).collect())
    }
}

impl Store {
    fn count(&self, sql: &str, args: &[String]) -> Result<i64> {
        let mut st = self.sql(self.conn.prepare_cached(sql))?;
        self.sql(st.query_row(params_from_iter(args.iter()), |r| r.get(0)))
    }

    /// How many articles are stored (copies not counted).
    pub fn article_count(&self) -> Result<i64> {
        self.count("SELECT COUNT(*) FROM documents", &[])
    }

    /// How many stored entities match the filter.
    pub fn entity_count(&self, f: &EntityFilter) -> Result<i64> {
        let (sql, w) = Store::entities_select(f, "COUNT(*)");
        self.count(&sql, &w.args)
    }

    /// One stored article; a copy's id gives its original.
    pub fn article_view(&self, id: &str) -> Result<Option<ArticleView>> {
        let original = self.original_of(id)?;
        let copy = original.as_ref().map(|_| id.to_string());
        let id = original.as_deref().unwrap_or(id);
        let mut st = self.sql(self.conn.prepare_cached(&format!(
            "SELECT {}, d.record FROM documents d WHERE d.id = ?1",
            ArticleRow::COLUMNS
        )))?;
        let found = self.sql(st.query_row([id], |r| Ok((ArticleRow::from_row(r)?, r.get::<_, String>(12)?))).optional())?;
        let Some((article, record)) = found else { return Ok(None) };
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut st = self.sql(self.conn.prepare_cached(sql))?;
            let rows = self.sql(st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?))))?;
            self.sql(rows.collect())
        };
        let entities = self.entity_ids(id)?;
        let events = pairs("SELECT local_id, event FROM event_mentions WHERE document = ?1")?;
        Ok(Some(ArticleView { article, record, entities, events, copy }))
    }

    /// How many rows a filtered query finds (at most the cap for `page`),
    /// and a page of them: `count_from` is the FROM the count needs, `select`
    /// the columns and their FROM, `scan` the table of that FROM and the same
    /// with the index of `order` (`INDEXED BY`).
    ///
    /// Few matches (the count is under the cap) are collected and sorted;
    /// many are found by walking the order's index newest first and testing
    /// each row, which stops after the page (sorting a common speaker's
    /// 178,000 statements to show 50 took seconds). Both give the same rows
    /// in the same order.
    #[allow(clippy::too_many_arguments)]
    fn filtered_page<T>(
        &self,
        f: &Filter,
        w: &Where,
        count_from: &str,
        select: &str,
        order: &str,
        scan: (&str, &str),
        page: crate::Page,
        map: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Page<T>> {
        self.query(f, || {
            let cap = self.cap_for(page);
            let count = format!("SELECT COUNT(*) FROM (SELECT 1 {count_from} WHERE 1=1 {} LIMIT {})", w.sql, cap + 1);
            let n = Count::of(w.query(&self.conn, &count, |r| r.get(0))?.first().copied().unwrap_or(0), cap);
            debug_assert!(select.contains(scan.0));
            let select = if n.capped { select.replacen(scan.0, scan.1, 1) } else { select.to_string() };
            let sql = format!("{select} WHERE 1=1 {} ORDER BY {order}{}", w.sql, page.sql());
            Ok(Page { total: n.total, capped: n.capped, items: w.query(&self.conn, &sql, map)? })
        })
    }

    /// The cap on a count for `page`: the count cap, or the end of the page
    /// if that is further (so a capped total is never short of the page).
    pub(crate) fn cap_for(&self, page: crate::Page) -> usize {
        self.count_cap.max(page.offset.saturating_add(page.limit)).min(i64::MAX as usize - 1)
    }

    /// Articles matching the filter (as `Store::articles` reads it), newest
    /// first, and how many match.
    pub fn article_page(&self, f: &Filter, page: crate::Page) -> Result<Page<ArticleRow>> {
        let w = articles_where(f);
        let select = format!("SELECT {} FROM documents d", ArticleRow::COLUMNS);
        let scan = ("FROM documents d", "FROM documents d INDEXED BY documents_newest");
        self.filtered_page(f, &w, "FROM documents d", &select, crate::ARTICLE_ORDER, scan, page, ArticleRow::from_row)
    }

    /// Events matching the filter (as `Store::events` reads it: any member
    /// of the actor or recipient), newest first, and how many match.
    pub fn event_page(&self, f: &Filter, page: crate::Page) -> Result<Page<EventItem>> {
        let w = events_where(f);
        let scan = ("FROM events ev", "FROM events ev INDEXED BY events_newest");
        self.filtered_page(f, &w, "FROM events ev", EVENT_SELECT, EVENT_ORDER, scan, page, EventItem::from_row)
    }

    /// Statements matching the filter (as `Store::quotes` reads it), newest
    /// first, and how many match.
    pub fn quote_page(&self, f: &Filter, page: crate::Page) -> Result<Page<QuoteItem>> {
        let w = quotes_where(f);
        // Every statement has its document: the count joins it only for
        // the one condition on it (the site, for `outlet`).
        let count_from = if f.outlet.is_some() { "FROM quotes q JOIN documents d ON d.id = q.document" } else { "FROM quotes q" };
        let order = "q.published IS NULL, q.published DESC, q.document, q.start";
        let scan = ("FROM quotes q", "FROM quotes q INDEXED BY quotes_newest");
        self.filtered_page(f, &w, count_from, QUOTE_SELECT, order, scan, page, QuoteItem::from_row)
    }

    /// One event and its reports, each with the sentence it stands in.
    pub fn event_view(&self, id: i64) -> Result<Option<EventView>> {
        let mut st = self.sql(self.conn.prepare_cached(&format!("{EVENT_SELECT} WHERE ev.id = ?1")))?;
        let Some(event) = self.sql(st.query_row([id], EventItem::from_row).optional())? else { return Ok(None) };
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT m.document, d.title, d.published, m.local_id, m.sentence, m.start, m.end, m.evidence,
                    m.source_entity, s.name, m.quote
             FROM event_mentions m JOIN documents d ON d.id = m.document
             LEFT JOIN entities s ON s.id = m.source_entity
             WHERE m.event = ?1 ORDER BY d.published, m.document, m.start LIMIT ?2",
        ))?;
        let rows = self.sql(st.query_map(params![id, MENTIONS_MAX as i64], |r| {
            Ok(MentionItem {
                document: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                local_id: r.get(3)?,
                sentence: r.get(4)?,
                sentence_text: None,
                start: r.get(5)?,
                end: r.get(6)?,
                evidence: r.get(7)?,
                source_entity: r.get(8)?,
                source: r.get(9)?,
                quote: r.get(10)?,
            })
        }))?;
        let mut reports: Vec<MentionItem> = self.sql(rows.collect())?;
        let mut texts: HashMap<String, Option<TextAndSentences>> = HashMap::new();
        for m in &mut reports {
            if !texts.contains_key(&m.document) {
                let parsed = self.record(&m.document)?.and_then(|j| serde_json::from_str::<TextAndSentences>(&j).ok());
                texts.insert(m.document.clone(), parsed);
            }
            m.sentence_text = texts[&m.document].as_ref().and_then(|t| t.sentence(m.sentence.max(0) as usize));
        }
        Ok(Some(EventView { event, reports }))
    }

    /// An entity's events and statements, newest first, at most `limit` of each.
    pub fn entity_timeline(&self, id: i64, limit: usize) -> Result<Vec<TimelineItem>> {
        let mut items = Vec::new();
        for (role, other, code) in [("actor", "recipient_entity", "recipient_code"), ("recipient", "actor_entity", "actor_code")] {
            let mut st = self.sql(self.conn.prepare_cached(&format!(
                "SELECT ev.date, ev.id, ev.type, ev.modality, ev.{other}, COALESCE(o.name, ev.{code}), ev.mentions
                 FROM events ev LEFT JOIN entities o ON o.id = ev.{other}
                 WHERE ev.id IN (SELECT event FROM event_members WHERE entity = ?1 AND role = '{role}')
                 ORDER BY ev.date DESC LIMIT ?2"
            )))?;
            let rows = self.sql(st.query_map(params![id, limit as i64], |r| {
                Ok(TimelineItem::Event {
                    date: r.get(0)?,
                    event: r.get(1)?,
                    r#type: r.get(2)?,
                    modality: r.get(3)?,
                    role,
                    other_entity: r.get(4)?,
                    other: r.get(5)?,
                    mentions: r.get(6)?,
                })
            }))?;
            items.extend(self.sql(rows.collect::<rusqlite::Result<Vec<_>>>())?);
        }
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT q.published, q.document, q.local_id, d.title, q.text, q.addressee_entity, COALESCE(a.name, q.addressee)
             FROM quotes q JOIN documents d ON d.id = q.document LEFT JOIN entities a ON a.id = q.addressee_entity
             WHERE q.speaker_entity = ?1 ORDER BY q.published DESC LIMIT ?2",
        ))?;
        let rows = self.sql(st.query_map(params![id, limit as i64], |r| {
            Ok(TimelineItem::Statement {
                date: r.get(0)?,
                document: r.get(1)?,
                quote: r.get(2)?,
                title: r.get(3)?,
                text: r.get(4)?,
                addressee_entity: r.get(5)?,
                addressee: r.get(6)?,
            })
        }))?;
        items.extend(self.sql(rows.collect::<rusqlite::Result<Vec<_>>>())?);
        // Newest first, undated last; the three lists are each sorted already.
        items.sort_by(|a, b| match (a.date(), b.date()) {
            (Some(x), Some(y)) => y.cmp(x),
            (x, y) => x.is_none().cmp(&y.is_none()),
        });
        items.truncate(limit);
        Ok(items)
    }

    /// The entities an entity interacts with, most interactions first.
    pub fn entity_graph(&self, id: i64, limit: usize) -> Result<Vec<GraphEdge>> {
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT o.other, e.name, e.type, SUM(o.ev), SUM(o.st) FROM (
                 SELECT o.entity AS other, COUNT(DISTINCT o.event) AS ev, 0 AS st
                 FROM event_members m JOIN event_members o ON o.event = m.event WHERE m.entity = ?1 GROUP BY 1
                 UNION ALL SELECT addressee_entity, 0, COUNT(*) FROM quotes WHERE speaker_entity = ?1 GROUP BY 1
                 UNION ALL SELECT speaker_entity, 0, COUNT(*) FROM quotes WHERE addressee_entity = ?1 GROUP BY 1
             ) o JOIN entities e ON e.id = o.other
             WHERE o.other IS NOT NULL AND o.other != ?1
             GROUP BY o.other ORDER BY SUM(o.ev) + SUM(o.st) DESC, o.other LIMIT ?2",
        ))?;
        let rows = self.sql(st.query_map(params![id, limit as i64], |r| {
            Ok(GraphEdge { entity: r.get(0)?, name: r.get(1)?, r#type: r.get(2)?, events: r.get(3)?, statements: r.get(4)? })
        }))?;
        self.sql(rows.collect())
    }

    /// Events matching the filter counted by period, oldest first; events
    /// without a calendar date of that precision are not counted.
    pub fn event_counts(&self, f: &Filter, by: Period) -> Result<Vec<Bucket>> {
        let (len, glob) = match by {
            Period::Year => (4, "[0-9][0-9][0-9][0-9]*"),
            Period::Month => (7, "[0-9][0-9][0-9][0-9]-[0-9][0-9]*"),
            Period::Day => (10, "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"),
        };
        let w = events_where(f);
        let sql = format!(
            "SELECT substr(ev.date, 1, {len}) AS p, COUNT(*), SUM(ev.mentions) FROM events ev
             WHERE ev.date GLOB '{glob}' {} GROUP BY p ORDER BY p",
            w.sql
        );
        self.query(f, || w.query(&self.conn, &sql, |r| Ok(Bucket { period: r.get(0)?, events: r.get(1)?, mentions: r.get(2)? })))
    }
}
