//! The one filter every query takes (the CLI's query commands, `export`, the
//! HTTP API), and full-text search (SQLite FTS5) over articles (title, text)
//! and statements (text, speaker).
//!
//! The article index is an external-content FTS5 table over a view of
//! `documents` (the text is read from the stored record, not copied); the
//! statement index holds its own copy of each statement's words (they are
//! short). Both are written by `Store::insert` in the document's transaction
//! and built once for a database made before they existed.

use crate::views::Count;
use rusqlite::{params, params_from_iter, Connection, Transaction};
use serde::{Deserialize, Serialize};

/// What to select. Every field is optional; set fields combine with AND.
/// Which fields a query uses is said on each `Store` method; a field that does
/// not apply to a query is ignored by it.
///
/// Deserializes from a map of strings (an HTTP query string): the keys are
/// the field names (`type`, `in`; `q` is an alias of `text`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Event actor: a code ("RUSGOV", or a prefix such as "RUS") or a name.
    pub actor: Option<String>,
    /// Event recipient: a code or a name.
    pub recipient: Option<String>,
    /// Statement speaker (name, alias, or the words the text uses); for
    /// events, who asserts the event (the speaker of the statement it came in).
    pub speaker: Option<String>,
    /// Event type (PLOVER: CONSULT, ASSAULT, ...), statement kind (direct,
    /// indirect, mixed) or entity type (PERSON, ORG, LOC, NORP, MISC).
    #[serde(rename = "type")]
    pub r#type: Option<String>,
    /// Place of an event (name contains).
    pub place: Option<String>,
    /// The outlet: the site that published the article, or the outlet that
    /// relayed a statement (`via`). Contains, case-insensitive.
    pub outlet: Option<String>,
    /// Only the outlet that relayed a statement (statements only).
    pub via: Option<String>,
    /// Entity name or alias contains (entities; articles that mention one).
    pub name: Option<String>,
    /// Entity country code (ISO 3166 alpha-3, or UNO, EUR, IGO, NGO, ...).
    pub country: Option<String>,
    /// One document (its id): its statements, the events it reports.
    pub document: Option<String>,
    /// From this date on: YYYY, YYYY-MM or YYYY-MM-DD.
    pub since: Option<String>,
    /// Up to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    pub until: Option<String>,
    /// A full-text query (FTS5 syntax: words, "a phrase", prefix*, AND, OR,
    /// NOT, NEAR(a b)).
    #[serde(alias = "q")]
    pub text: Option<String>,
    /// What `search` looks in.
    #[serde(rename = "in")]
    pub scope: Scope,
}

/// Which filter fields each query uses (the others are ignored by it).
pub mod applies {
    pub const ARTICLES: &[&str] = &["outlet", "name", "document", "since", "until", "text"];
    pub const ENTITIES: &[&str] = &["name", "country", "type", "document"];
    pub const STATEMENTS: &[&str] = &["speaker", "type", "outlet", "via", "document", "since", "until", "text"];
    /// Events, and their reports (mentions).
    pub const EVENTS: &[&str] =
        &["actor", "recipient", "type", "place", "outlet", "speaker", "document", "since", "until", "text"];
    /// Search: articles' and statements' fields (each kind of result is
    /// searched only when every field set applies to it).
    pub const SEARCH: &[&str] = &["outlet", "name", "speaker", "type", "via", "document", "since", "until", "text"];
}

/// What `search` looks in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Articles,
    Statements,
    #[default]
    All,
}

/// Which rows of a result: at most `limit`, after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
}

impl Default for Page {
    fn default() -> Page {
        Page { limit: 50, offset: 0 }
    }
}

impl Page {
    /// Every row.
    pub const ALL: Page = Page { limit: usize::MAX, offset: 0 };

    /// The SQL clause (SQLite's LIMIT takes a signed 64-bit count).
    pub(crate) fn sql(&self) -> String {
        format!(" LIMIT {} OFFSET {}", self.limit.min(i64::MAX as usize), self.offset.min(i64::MAX as usize))
    }
}

/// Whether `s` is a date of the form YYYY, YYYY-MM or YYYY-MM-DD.
pub fn is_filter_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let month_ok = |m: &[u8]| (b"01".as_slice()..=b"12".as_slice()).contains(&m);
    let day_ok = |d: &[u8]| (b"01".as_slice()..=b"31".as_slice()).contains(&d);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && month_ok(&b[5..7]),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && month_ok(&b[5..7]) && b[7] == b'-' && digits(8..10) && day_ok(&b[8..10]),
        _ => false,
    }
}

impl Filter {
    /// A filter with only a text query.
    pub fn text(query: &str) -> Filter {
        Filter { text: Some(query.to_string()), ..Filter::default() }
    }

    /// The filter's problems, if any (dates not YYYY, YYYY-MM or YYYY-MM-DD;
    /// an empty text query), as a message for the user.
    pub fn check(&self) -> Result<(), String> {
        for (flag, v) in [("since", &self.since), ("until", &self.until)] {
            if let Some(v) = v {
                if !is_filter_date(v) {
                    return Err(format!("{flag} {v:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"));
                }
            }
        }
        if self.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err("the text query is empty".into());
        }
        Ok(())
    }

    /// The set fields (by name) that are not among `applies` (one of the
    /// lists in [`applies`]).
    pub fn not_applying(&self, applies: &[&str]) -> Vec<&'static str> {
        self.fields_set().into_iter().filter(|f| !applies.contains(f)).collect()
    }

    /// This filter with only the fields among `applies` kept.
    pub fn restricted(&self, applies: &[&str]) -> Filter {
        let keep = |name: &str, v: &Option<String>| if applies.contains(&name) { v.clone() } else { None };
        Filter {
            actor: keep("actor", &self.actor),
            recipient: keep("recipient", &self.recipient),
            speaker: keep("speaker", &self.speaker),
            r#type: keep("type", &self.r#type),
            place: keep("place", &self.place),
            outlet: keep("outlet", &self.outlet),
            via: keep("via", &self.via),
            name: keep("name", &self.name),
            country: keep("country", &self.country),
            document: keep("document", &self.document),
            since: keep("since", &self.since),
            until: keep("until", &self.until),
            text: keep("text", &self.text),
            scope: self.scope,
        }
    }

    /// The fields set, by name (for "does not apply" messages).
    pub fn fields_set(&self) -> Vec<&'static str> {
        let f = [
            ("actor", self.actor.is_some()),
            ("recipient", self.recipient.is_some()),
            ("speaker", self.speaker.is_some()),
            ("type", self.r#type.is_some()),
            ("place", self.place.is_some()),
            ("outlet", self.outlet.is_some()),
            ("via", self.via.is_some()),
            ("name", self.name.is_some()),
            ("country", self.country.is_some()),
            ("document", self.document.is_some()),
            ("since", self.since.is_some()),
            ("until", self.until.is_some()),
            ("text", self.text.is_some()),
        ];
        f.iter().filter(|(_, set)| *set).map(|(n, _)| *n).collect()
    }
}

/// A WHERE clause under construction: conditions joined by AND, with their
/// parameters (all text).
#[derive(Default)]
pub(crate) struct Where {
    pub sql: String,
    pub args: Vec<String>,
}

impl Where {
    /// Add a parameter; returns its number (for `?N`).
    pub fn arg(&mut self, v: impl Into<String>) -> usize {
        self.args.push(v.into());
        self.args.len()
    }

    pub fn and(&mut self, cond: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(cond);
    }

    /// `col` contains `v` (case-insensitive for ASCII).
    pub fn contains(&mut self, col: &str, v: &str) {
        let n = self.arg(like(v));
        self.and(&format!("{col} LIKE ?{n} ESCAPE '\\'"));
    }

    /// `col` is a stored entity whose name or alias contains `name`.
    pub fn entity_named(&mut self, col: &str, name: &str) {
        let n = self.arg(like(name));
        self.and(&format!("{col} IN ({})", named(n)));
    }

    /// `col` (a date or timestamp as text) within [since, until]: dates
    /// compare as text, so "2025-10" with `until` covers the whole month.
    pub fn date_range(&mut self, col: &str, f: &Filter) {
        if let Some(s) = &f.since {
            let n = self.arg(s.clone());
            self.and(&format!("{col} >= ?{n}"));
        }
        if let Some(u) = &f.until {
            let n = self.arg(format!("{u}~"));
            self.and(&format!("{col} <= ?{n}"));
        }
    }

    /// Run `sql` (which ends with this clause and its ORDER/LIMIT) and map rows.
    pub fn query<T>(
        &self,
        conn: &Connection,
        sql: &str,
        f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map(params_from_iter(self.args.iter()), f)?;
        rows.collect()
    }
}

/// A LIKE pattern for "contains `s`".
pub(crate) fn like(s: &str) -> String {
    format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// Stored entities whose name or alias matches LIKE parameter `?n`.
pub(crate) fn named(n: usize) -> String {
    format!(
        "SELECT id FROM entities WHERE name LIKE ?{n} ESCAPE '\\'
         UNION SELECT entity FROM entity_aliases WHERE alias LIKE ?{n} ESCAPE '\\'"
    )
}

/// Rowids of documents whose title or text match FTS parameter `?n`.
pub(crate) fn articles_matching(n: usize) -> String {
    format!("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{n}")
}

/// (document, local_id) of statements whose text or speaker match `?n`.
pub(crate) fn statements_matching(n: usize) -> String {
    format!("SELECT document, local_id FROM statements_fts WHERE statements_fts MATCH ?{n}")
}

pub(crate) const SCHEMA: &str = "
CREATE VIEW IF NOT EXISTS article_text AS
    SELECT rowid AS rowid, title, CASE WHEN json_valid(record) THEN json_extract(record, '$.text') END AS text
    FROM documents;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content = 'article_text', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    text, speaker, document UNINDEXED, local_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2');
";

/// The settings key saying the indexes cover every stored row.
const BUILT: &str = "fts_built";

/// Build the indexes of a database made before they existed (once).
pub(crate) fn build_if_missing(conn: &Connection) -> rusqlite::Result<()> {
    let built: bool = conn.prepare("SELECT 1 FROM settings WHERE key = ?1")?.exists([BUILT])?;
    if built {
        return Ok(());
    }
    conn.execute_batch(&format!(
        "BEGIN IMMEDIATE;
         DELETE FROM statements_fts;
         INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
         INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM article_text;
         INSERT INTO statements_fts (text, speaker, document, local_id)
             SELECT q.text, {SPEAKER}, q.document, q.local_id
             FROM quotes q LEFT JOIN entities s ON s.id = q.speaker_entity;
         INSERT OR REPLACE INTO settings (key, value) VALUES ('{BUILT}', '1');
         COMMIT;"
    ))
}

/// The speaker words indexed for a statement: the text's words and the
/// linked entity's name.
const SPEAKER: &str = "trim(COALESCE(q.speaker, '') || ' ' || COALESCE(s.name, ''))";

/// Index a newly stored document (its rowid) and its statements.
pub(crate) fn index(tx: &Transaction, rowid: i64, doc: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM article_text WHERE rowid = ?1")?
        .execute([rowid])?;
    tx.prepare_cached(&format!(
        "INSERT INTO statements_fts (text, speaker, document, local_id)
         SELECT q.text, {SPEAKER}, q.document, q.local_id
         FROM quotes q LEFT JOIN entities s ON s.id = q.speaker_entity WHERE q.document = ?1"
    ))?
    .execute(params![doc])?;
    Ok(())
}

/// Opening and closing marks around matched words in snippets.
pub const MARK: (&str, &str) = ("**", "**");

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// "article" or "statement".
    pub kind: &'static str,
    /// The document id (`newsgraph show ID`, `newsgraph events --document ID`).
    pub document: String,
    /// The statement id within the document ("q3"), for statements.
    pub statement: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub site: Option<String>,
    /// The speaker, for statements.
    pub speaker: Option<String>,
    /// The best matching passage, matches between `MARK`s.
    pub snippet: String,
    /// BM25 relevance (higher is better).
    pub score: f64,
}

/// Whether an SQLite error came from the user's FTS query.
pub(crate) fn is_query_error(e: &rusqlite::Error) -> bool {
    let msg = e.to_string();
    ["fts5:", "no such column", "unterminated string", "unknown special query"].iter().any(|p| msg.contains(p))
}

fn article_where(w: &mut Where, f: &Filter) {
    if let Some(o) = &f.outlet {
        w.contains("d.site", o);
    }
    if let Some(d) = &f.document {
        let n = w.arg(d.clone());
        w.and(&format!("d.id = ?{n}"));
    }
    if let Some(name) = &f.name {
        let n = w.arg(like(name));
        w.and(&format!("d.id IN (SELECT document FROM document_entities WHERE entity IN ({}))", named(n)));
    }
    w.date_range("d.published", f);
}

/// Conditions on documents (`d`) for `articles` and article search: outlet,
/// document, name, since, until (and, when `text`, the FTS match).
pub(crate) fn articles_where(f: &Filter) -> Where {
    let mut w = Where::default();
    if let Some(t) = &f.text {
        let n = w.arg(t.clone());
        w.and(&format!("d.rowid IN ({})", articles_matching(n)));
    }
    article_where(&mut w, f);
    w
}

/// Conditions on statements (`q`, their document `d`): speaker, type (kind),
/// outlet, via, document, since, until, text.
pub(crate) fn quotes_where(f: &Filter) -> Where {
    let mut w = Where::default();
    if let Some(t) = &f.text {
        let n = w.arg(t.clone());
        w.and(&format!("(q.document, q.local_id) IN ({})", statements_matching(n)));
    }
    quote_conditions(&mut w, f);
    w
}

fn quote_conditions(w: &mut Where, f: &Filter) {
    if let Some(sp) = &f.speaker {
        let n = w.arg(like(sp));
        w.and(&format!(
            "(q.speaker IN (SELECT speaker FROM speakers WHERE speaker LIKE ?{n} ESCAPE '\\') OR q.speaker_entity IN ({}))",
            named(n)
        ));
    }
    if let Some(t) = &f.r#type {
        let n = w.arg(t.to_ascii_lowercase());
        w.and(&format!("q.kind = ?{n}"));
    }
    if let Some(o) = &f.outlet {
        let n = w.arg(like(o));
        w.and(&format!("(d.site LIKE ?{n} ESCAPE '\\' OR q.via_entity IN ({}))", named(n)));
    }
    if let Some(v) = &f.via {
        w.entity_named("q.via_entity", v);
    }
    if let Some(d) = &f.document {
        let n = w.arg(d.clone());
        w.and(&format!("q.document = ?{n}"));
    }
    w.date_range("q.published", f);
}

/// A row of (document, statement, published, title, site, speaker, snippet, score).
fn hit(r: &rusqlite::Row) -> rusqlite::Result<SearchHit> {
    let statement: Option<String> = r.get(1)?;
    Ok(SearchHit {
        kind: if statement.is_some() { "statement" } else { "article" },
        document: r.get(0)?,
        statement,
        published: r.get(2)?,
        title: r.get(3)?,
        site: r.get(4)?,
        speaker: r.get(5)?,
        snippet: r.get(6)?,
        score: r.get(7)?,
    })
}

/// The FROM and WHERE of article search (documents `d` matching the query,
/// with the filter's conditions), its parameters, and whether articles are
/// searched at all for this filter.
fn article_search(f: &Filter, query: &str) -> Option<(String, Where)> {
    if f.scope == Scope::Statements || !f.not_applying(applies::ARTICLES).is_empty() {
        return None;
    }
    let mut w = Where::default();
    // The query is parameter 1 (`search` reads it again as ?1).
    let n = w.arg(query);
    article_where(&mut w, f);
    // Every indexed article is a stored document: without conditions on the
    // documents, the index alone answers.
    let join = if w.sql.is_empty() { "" } else { "JOIN documents d ON d.rowid = articles_fts.rowid" };
    let sql = format!("FROM articles_fts {join} WHERE articles_fts MATCH ?{n} {}", w.sql);
    Some((sql, w))
}

/// The same for statement search (statements `q`, their document `d`, their
/// speaker `s`).
fn statement_search(f: &Filter, query: &str) -> Option<(String, Where)> {
    if f.scope == Scope::Articles || !f.not_applying(applies::STATEMENTS).is_empty() {
        return None;
    }
    let mut w = Where::default();
    let n = w.arg(query);
    quote_conditions(&mut w, f);
    // The statements, their documents and speakers only for conditions on them.
    let joins = if w.sql.is_empty() { "" } else { STATEMENT_JOINS };
    let sql = format!("FROM statements_fts {joins} WHERE statements_fts MATCH ?{n} {}", w.sql);
    Some((sql, w))
}

/// A statement hit's statement `q`, document `d` and speaker `s`.
const STATEMENT_JOINS: &str = "JOIN quotes q ON q.document = statements_fts.document AND q.local_id = statements_fts.local_id
     JOIN documents d ON d.id = q.document
     LEFT JOIN entities s ON s.id = q.speaker_entity";

/// Whether more than `cap` results of one kind match (`from` and `w` are
/// from `article_search` or `statement_search`), and how many (at most `cap`).
fn count_kind(conn: &Connection, from: &str, w: &Where, cap: usize) -> rusqlite::Result<Count> {
    let sql = format!("SELECT COUNT(*) FROM (SELECT 1 {from} LIMIT {})", cap + 1);
    Ok(Count::of(w.query(conn, &sql, |r| r.get::<_, i64>(0))?.first().copied().unwrap_or(0), cap))
}

/// The rowids of the index `table` that a page of results is made from,
/// with their BM25 (`weights`; lower is better), best first: the best
/// `each` among every match when at most `cap` match, else among the `cap`
/// most recently stored (ranking every match of a common word reads each
/// one's length: hundreds of thousands).
fn ranked(table: &str, weights: &str, from: &str, capped: bool, cap: usize, each: Page) -> String {
    if capped {
        format!(
            "SELECT rowid, score FROM (SELECT {table}.rowid AS rowid, bm25({table}, {weights}) AS score {from}
                                       ORDER BY {table}.rowid DESC LIMIT {cap})
             ORDER BY score, rowid {}",
            each.sql()
        )
    } else {
        format!("SELECT {table}.rowid AS rowid, bm25({table}, {weights}) AS score {from} ORDER BY score, rowid {}", each.sql())
    }
}

/// Full-text search over articles, statements or both, best first, and
/// how many results there are (at most `cap` of each kind counted). When
/// more than `cap` of a kind match, the `cap` most recently stored of them
/// are ranked (see `ranked`).
pub(crate) fn search(conn: &Connection, f: &Filter, page: Page, cap: usize) -> rusqlite::Result<(Count, Vec<SearchHit>)> {
    let none = Count { total: 0, capped: false };
    let Some(query) = &f.text else { return Ok((none, Vec::new())) };
    // Enough of each kind to fill the page after merging.
    let each = Page { limit: page.limit.saturating_add(page.offset), offset: 0 };
    let mut hits = Vec::new();
    let mut count = none;
    // A kind of result is searched when every filter set applies to it.
    if let Some((from, w)) = article_search(f, query) {
        let n = count_kind(conn, &from, &w, cap)?;
        count = Count { total: count.total + n.total, capped: count.capped || n.capped };
        // Rank first, then make snippets for the page only (a snippet reads
        // the article's text out of its record), each by a probe of its
        // rowid, with the score the ranking gave (bm25 in this query would
        // count the matches of the query again for every row).
        let sql = format!(
            "SELECT d.id, NULL, d.published, d.title, d.site, NULL,
                    snippet(articles_fts, -1, '{o}', '{c}', '…', 16), -top.score
             FROM ({}) top CROSS JOIN articles_fts ON articles_fts.rowid = top.rowid
             JOIN documents d ON d.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ?1
             ORDER BY top.score, top.rowid",
            ranked("articles_fts", "2.0, 1.0", &from, n.capped, cap, each),
            o = MARK.0,
            c = MARK.1
        );
        hits.extend(w.query(conn, &sql, hit)?);
    }
    if let Some((from, w)) = statement_search(f, query) {
        let n = count_kind(conn, &from, &w, cap)?;
        count = Count { total: count.total + n.total, capped: count.capped || n.capped };
        let sql = format!(
            "SELECT q.document, q.local_id, q.published, d.title, d.site, COALESCE(s.name, q.speaker),
                    snippet(statements_fts, 0, '{o}', '{c}', '…', 24), -top.score
             FROM ({}) top CROSS JOIN statements_fts ON statements_fts.rowid = top.rowid {STATEMENT_JOINS}
             WHERE statements_fts MATCH ?1
             ORDER BY top.score, top.rowid",
            ranked("statements_fts", "1.0, 0.5", &from, n.capped, cap, each),
            o = MARK.0,
            c = MARK.1
        );
        hits.extend(w.query(conn, &sql, hit)?);
    }
    // Stable: ties keep articles before statements, each in its own order.
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok((count, hits.into_iter().skip(page.offset).take(page.limit).collect()))
}
