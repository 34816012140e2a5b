//! The embedded store: a SQLite database of newsgraph/1 records.
//!
//! Owns the schema and every SQL statement. Stores each record's JSON
//! exactly as the pipeline serialized it, so `show` prints what `extract`
//! printed. Writes go in transactions of whole documents: a killed process
//! leaves every committed document intact and nothing half-written.

pub mod crawl;
mod dups;
mod facts;
pub mod search;
pub mod views;

pub use dups::{NEAR_BITS, STUB};

pub use facts::{EventRow, Member, MentionRow, QuoteRow};
pub use search::{applies, is_filter_date, Filter, Page, Scope, SearchHit, MARK};

/// The filters of `quotes`, `events` and `entities` are the one [`Filter`].
pub type QuoteFilter = Filter;
pub type EventFilter = Filter;
pub type EntityFilter = Filter;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the database: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("{path}: not a newsgraph database or corrupt: {detail}")]
    Corrupt { path: String, detail: String },
    #[error("{path}: database schema version {found} is newer than this newsgraph ({SCHEMA_VERSION})")]
    TooNew { path: String, found: i64 },
    #[error("{path}: {source}")]
    Sql { path: String, source: rusqlite::Error },
    /// The query itself is wrong (a bad date, bad full-text syntax): the
    /// user's mistake, not the database's.
    #[error("bad query: {0}")]
    Query(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// One document ready to store: its id, the metadata columns and the record
/// JSON.
pub struct StoredDoc<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub site: Option<&'a str>,
    pub title: Option<&'a str>,
    pub published: Option<&'a str>,
    pub words: usize,
    pub sentences: usize,
    pub entities: usize,
    pub quotes: usize,
    pub timexes: usize,
    pub events: usize,
    pub json: &'a str,
    /// The document's entities, to link to entities across documents.
    pub linked: Vec<StoredEntity<'a>>,
    /// The record, for its statements and events.
    pub record: Option<&'a newsgraph_doc::Record>,
}

/// A document entity, with what linking needs.
pub struct StoredEntity<'a> {
    /// The id in the record ("e1").
    pub local_id: &'a str,
    pub name: &'a str,
    pub r#type: &'a str,
    pub country: Option<&'a str>,
    pub sector: Option<&'a str>,
    pub aliases: &'a [String],
    /// Normalized keys this entity may be linked by, strongest first: a
    /// stored entity with the same type and any of these keys is a candidate.
    pub keys: Vec<String>,
    /// JSON of the record's mentions and roles (code-point offsets).
    pub mentions_json: String,
    pub roles_json: String,
}

/// A line of `entities`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EntityRow {
    pub id: i64,
    pub name: String,
    pub r#type: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub documents: i64,
    pub mentions: i64,
}

impl EntityRow {
    /// From a row of `SELECT id, name, type, country, sector, documents, mentions`.
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<EntityRow> {
        Ok(EntityRow {
            id: r.get(0)?,
            name: r.get(1)?,
            r#type: r.get(2)?,
            country: r.get(3)?,
            sector: r.get(4)?,
            documents: r.get(5)?,
            mentions: r.get(6)?,
        })
    }
}

/// The order of `articles`: newest publication first, undated last, then
/// in ingestion order.
pub(crate) const ARTICLE_ORDER: &str = "d.published IS NULL, d.published DESC, d.rowid";

/// A line of `articles`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub published: Option<String>,
    pub title: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub words: i64,
    pub sentences: i64,
    pub entities: i64,
    pub quotes: i64,
    pub timexes: i64,
    pub events: i64,
    /// Copies of this story met on other sites or under other ids.
    pub copies: i64,
}

impl ArticleRow {
    /// The columns `from_row` reads, selected from `documents d`.
    pub(crate) const COLUMNS: &'static str = "d.id, d.published, d.title, d.site, d.url, d.words, d.sentences, d.entities,
         d.quotes, d.timexes, d.events, (SELECT COUNT(*) FROM copies c WHERE c.original = d.id)";

    /// From a row of [`ArticleRow::COLUMNS`].
    pub(crate) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
        Ok(ArticleRow {
            id: r.get(0)?,
            published: r.get(1)?,
            title: r.get(2)?,
            site: r.get(3)?,
            url: r.get(4)?,
            words: r.get(5)?,
            sentences: r.get(6)?,
            entities: r.get(7)?,
            quotes: r.get(8)?,
            timexes: r.get(9)?,
            events: r.get(10)?,
            copies: r.get(11)?,
        })
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    pub documents: i64,
    pub words: i64,
    pub sentences: i64,
    pub entities: i64,
    pub quotes: i64,
    pub timexes: i64,
    pub events: i64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub bytes: i64,
}

/// An entity's appearance in one document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EntityAppearance {
    pub document: String,
    pub published: Option<String>,
    pub title: Option<String>,
    pub local_id: String,
    pub name: String,
    /// JSON list of {start, end, text} (code points into the document text).
    pub mentions: String,
    /// JSON list of {title, of}.
    pub roles: String,
}

/// Link each entity of a newly stored document to a stored entity, or create
/// one. Conservative: a candidate must share the type and the first key, and
/// not contradict the country; it is reused only when it is the single such
/// candidate, otherwise a new entity is made.
fn link_entities(tx: &rusqlite::Transaction, d: &StoredDoc) -> rusqlite::Result<std::collections::HashMap<String, i64>> {
    let mut ids = std::collections::HashMap::new();
    // Only whether exactly one candidate agrees matters: two rows answer it,
    // however many entities share a common name ("hillary clinton" can have
    // thousands once it is ambiguous).
    let mut find = tx.prepare_cached(
        "SELECT e.id FROM entity_keys k JOIN entities e ON e.id = k.entity
         WHERE k.key = ?1 AND k.type = ?2 AND (e.country IS NULL OR ?3 IS NULL OR e.country = ?3) LIMIT 2",
    )?;
    let mut create = tx.prepare_cached(
        "INSERT INTO entities (name, type, country, sector, documents, mentions) VALUES (?1, ?2, ?3, ?4, 0, 0)",
    )?;
    let mut add_key = tx.prepare_cached("INSERT OR IGNORE INTO entity_keys (key, type, entity) VALUES (?1, ?2, ?3)")?;
    let mut add_alias = tx.prepare_cached("INSERT OR IGNORE INTO entity_aliases (entity, alias) VALUES (?1, ?2)")?;
    let mut bump = tx.prepare_cached(
        "UPDATE entities SET documents = documents + 1, mentions = mentions + ?2,
             country = COALESCE(country, ?3), sector = COALESCE(sector, ?4),
             name = CASE WHEN length(?5) > length(name) THEN ?5 ELSE name END
         WHERE id = ?1",
    )?;
    let mut link = tx.prepare_cached(
        "INSERT OR REPLACE INTO document_entities (document, local_id, entity, name, mentions, roles) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for e in &d.linked {
        let mut chosen = None;
        if let Some(first) = e.keys.first() {
            let agree: Vec<i64> =
                find.query_map(params![first, e.r#type, e.country], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if let [one] = agree[..] {
                chosen = Some(one);
            }
        }
        let id = match chosen {
            Some(id) => id,
            None => {
                create.execute(params![e.name, e.r#type, e.country, e.sector])?;
                tx.last_insert_rowid()
            }
        };
        for k in &e.keys {
            add_key.execute(params![k, e.r#type, id])?;
        }
        for a in e.aliases {
            add_alias.execute(params![id, a])?;
        }
        let n_mentions = serde_json::from_str::<Vec<serde_json::Value>>(&e.mentions_json).map_or(0, |v| v.len());
        bump.execute(params![id, n_mentions as i64, e.country, e.sector, e.name])?;
        link.execute(params![d.id, e.local_id, id, e.name, e.mentions_json, e.roles_json])?;
        ids.insert(e.local_id.to_string(), id);
    }
    Ok(ids)
}

pub struct Store {
    conn: Connection,
    path: String,
    /// Copies of stored stories met by `insert` since opening.
    copies: usize,
    /// How many matches lists and search count at most (`views::COUNT_CAP`).
    count_cap: usize,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, site TEXT, title TEXT, published TEXT,
    words INTEGER NOT NULL, sentences INTEGER NOT NULL,
    entities INTEGER NOT NULL, quotes INTEGER NOT NULL,
    timexes INTEGER NOT NULL, events INTEGER NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS documents_published ON documents (published);

-- Entities across documents: each document entity links to one of these.
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, sector TEXT,
    documents INTEGER NOT NULL DEFAULT 0, mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entities_country ON entities (country);
-- The normalized names an entity is known by (its name and aliases).
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT NOT NULL, type TEXT NOT NULL, entity INTEGER NOT NULL REFERENCES entities (id),
    PRIMARY KEY (key, type, entity)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_aliases (
    entity INTEGER NOT NULL REFERENCES entities (id), alias TEXT NOT NULL,
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;
-- One row per document entity: which stored entity it is.
CREATE TABLE IF NOT EXISTS document_entities (
    document TEXT NOT NULL, local_id TEXT NOT NULL, entity INTEGER NOT NULL REFERENCES entities (id),
    name TEXT NOT NULL, mentions TEXT NOT NULL, roles TEXT NOT NULL,
    PRIMARY KEY (document, local_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS document_entities_entity ON document_entities (entity);
";

impl Store {
    /// Open (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::Open { path: name.clone(), source: e })?;
        // NEWSGRAPH_COUNT_CAP lowers the cap for tests (of the binary).
        let count_cap = std::env::var("NEWSGRAPH_COUNT_CAP").ok().and_then(|v| v.parse().ok()).unwrap_or(views::COUNT_CAP);
        let store = Store { conn, path: name, copies: 0, count_cap };
        store.init()?;
        Ok(store)
    }

    /// Count at most `cap` matches in lists and search (instead of
    /// `views::COUNT_CAP`): for tests, which cannot store 10,000 rows.
    #[doc(hidden)]
    pub fn set_count_cap(&mut self, cap: usize) {
        self.count_cap = cap;
    }

    /// Where this store lives.
    pub fn path(&self) -> PathBuf {
        PathBuf::from(&self.path)
    }

    fn sql<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
        r.map_err(|e| self.classify(e))
    }

    fn classify(&self, e: rusqlite::Error) -> StoreError {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path: self.path.clone(), detail: e.to_string() }
            }
            Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
                StoreError::Open { path: self.path.clone(), source: e }
            }
            _ => StoreError::Sql { path: self.path.clone(), source: e },
        }
    }

    fn init(&self) -> Result<()> {
        // busy_timeout first: another process may hold the write lock.
        self.sql(self.conn.busy_timeout(std::time::Duration::from_secs(30)))?;
        self.sql(self.conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())))?;
        // 64 MiB of page cache (SQLite's default is 2 MiB): a large database's
        // indexes stay in memory instead of being read again page by page.
        self.sql(self.conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;"))?;
        self.sql(self.conn.execute_batch(SCHEMA))?;
        self.sql(self.conn.execute_batch(facts::SCHEMA))?;
        self.sql(facts::migrate(&self.conn))?;
        self.sql(self.conn.execute_batch(dups::SCHEMA))?;
        self.sql(self.conn.execute_batch(views::SCHEMA))?;
        self.sql(self.conn.execute_batch(search::SCHEMA))?;
        self.sql(search::build_if_missing(&self.conn))?;
        self.sql(self.conn.execute_batch(crawl::SCHEMA))?;
        let found: Option<String> = self.sql(
            self.conn
                .query_row("SELECT value FROM settings WHERE key = 'schema_version'", [], |r| r.get(0))
                .optional(),
        )?;
        match found.and_then(|v| v.parse::<i64>().ok()) {
            Some(v) if v > SCHEMA_VERSION => Err(StoreError::TooNew { path: self.path.clone(), found: v }),
            Some(_) => Ok(()),
            None => {
                self.sql(self.conn.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES ('schema_version', ?1)",
                    [SCHEMA_VERSION.to_string()],
                ))?;
                Ok(())
            }
        }
    }

    /// How many copies of stored stories `insert` met (and did not store)
    /// since the store was opened.
    pub fn copies_seen(&self) -> usize {
        self.copies
    }

    /// The original a copy was recognized as, if `id` is a copy.
    pub fn original_of(&self, id: &str) -> Result<Option<String>> {
        self.sql(self.conn.query_row("SELECT original FROM copies WHERE copy = ?1", [id], |r| r.get(0)).optional())
    }

    /// Whether a document with this id is stored (or known as a copy).
    pub fn contains(&self, id: &str) -> Result<bool> {
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT 1 FROM documents WHERE id = ?1 UNION ALL SELECT 1 FROM copies WHERE copy = ?1",
        ))?;
        self.sql(st.exists([id]))
    }

    /// Store documents in one transaction; ids already stored are skipped.
    /// Returns how many were new.
    pub fn insert(&mut self, docs: &[StoredDoc<'_>]) -> Result<usize> {
        let path = self.path.clone();
        let wrap = |e: rusqlite::Error| StoreError::Sql { path: path.clone(), source: e };
        let tx = self.conn.transaction().map_err(wrap)?;
        let mut added = 0;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO documents
                     (id, url, site, title, published, words, sentences, entities, quotes, timexes, events, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(wrap)?;
            for d in docs {
                // A copy of a stored story is not stored again.
                let fingerprint = d.record.map(|r| (r.text.as_str(), newsgraph_doc::text_id(&r.text), newsgraph_doc::simhash(&r.text)));
                if let Some((text, text_hash, simhash)) = &fingerprint {
                    let exists = tx
                        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
                        .and_then(|mut q| q.exists([d.id]))
                        .map_err(wrap)?;
                    if !exists {
                        if let Some((original, distance)) = dups::find_original(&tx, text, text_hash, *simhash).map_err(wrap)? {
                            if dups::record_copy(&tx, d.id, &original, d.url, d.site, distance).map_err(wrap)? {
                                self.copies += 1;
                            }
                            continue;
                        }
                    }
                }
                let n = st
                    .execute(params![
                        d.id,
                        d.url,
                        d.site,
                        d.title,
                        d.published,
                        d.words as i64,
                        d.sentences as i64,
                        d.entities as i64,
                        d.quotes as i64,
                        d.timexes as i64,
                        d.events as i64,
                        d.json
                    ])
                    .map_err(wrap)?;
                if n == 1 {
                    let rowid = tx.last_insert_rowid();
                    if let Some((text, text_hash, simhash)) = &fingerprint {
                        dups::remember(&tx, d.id, text, text_hash, *simhash).map_err(wrap)?;
                    }
                    let ids = link_entities(&tx, d).map_err(wrap)?;
                    if let Some(r) = d.record {
                        facts::store(&tx, d.id, r, &ids).map_err(wrap)?;
                    }
                    search::index(&tx, rowid, d.id).map_err(wrap)?;
                }
                added += n;
            }
        }
        tx.commit().map_err(wrap)?;
        Ok(added)
    }

    /// Stored entities matching the filter (name, country, type, document),
    /// most mentioned first.
    pub fn entities(&self, f: &Filter, page: Page) -> Result<Vec<EntityRow>> {
        let (sql, w) = Self::entities_sql(f, page);
        self.query(f, || w.query(&self.conn, &sql, EntityRow::from_row))
    }

    /// `SELECT columns FROM entities WHERE` the filter (name, country, type,
    /// document), and its parameters.
    pub(crate) fn entities_select(f: &Filter, columns: &str) -> (String, search::Where) {
        let mut w = search::Where::default();
        if let Some(n) = &f.name {
            let n = w.arg(search::like(n));
            w.and(&format!("(name LIKE ?{n} ESCAPE '\\' OR id IN (SELECT entity FROM entity_aliases WHERE alias LIKE ?{n} ESCAPE '\\'))"));
        }
        if let Some(c) = &f.country {
            let n = w.arg(c.to_ascii_uppercase());
            w.and(&format!("country = ?{n}"));
        }
        if let Some(t) = &f.r#type {
            let n = w.arg(t.to_ascii_uppercase());
            w.and(&format!("type = ?{n}"));
        }
        if let Some(d) = &f.document {
            let n = w.arg(d.clone());
            w.and(&format!("id IN (SELECT entity FROM document_entities WHERE document = ?{n})"));
        }
        (format!("SELECT {columns} FROM entities WHERE 1=1 {}", w.sql), w)
    }

    fn entities_sql(f: &Filter, page: Page) -> (String, search::Where) {
        let (sql, w) = Self::entities_select(f, "id, name, type, country, sector, documents, mentions");
        (format!("{sql} ORDER BY mentions DESC, id{}", page.sql()), w)
    }

    /// Check the filter, run the query, and tell the user's mistakes (bad
    /// full-text syntax) from the database's.
    pub(crate) fn query<T>(&self, f: &Filter, run: impl FnOnce() -> rusqlite::Result<T>) -> Result<T> {
        f.check().map_err(StoreError::Query)?;
        run().map_err(|e| {
            if f.text.is_some() && search::is_query_error(&e) {
                StoreError::Query(format!("full-text query {:?}: {e}", f.text.as_deref().unwrap_or_default()))
            } else {
                self.classify(e)
            }
        })
    }

    /// One stored entity, its aliases, and its appearances in documents
    /// (document id, published, title, local id, mentions JSON, roles JSON).
    #[allow(clippy::type_complexity)]
    pub fn entity(&self, id: i64) -> Result<Option<(EntityRow, Vec<String>, Vec<EntityAppearance>)>> {
        self.entity_with(id, 1000)
    }

    /// The same with at most `max` appearances, newest first.
    #[allow(clippy::type_complexity)]
    pub fn entity_with(&self, id: i64, max: usize) -> Result<Option<(EntityRow, Vec<String>, Vec<EntityAppearance>)>> {
        let row = self.sql(
            self.conn
                .query_row(
                    "SELECT id, name, type, country, sector, documents, mentions FROM entities WHERE id = ?1",
                    [id],
                    EntityRow::from_row,
                )
                .optional(),
        )?;
        let Some(row) = row else { return Ok(None) };
        let mut st = self.sql(self.conn.prepare_cached("SELECT alias FROM entity_aliases WHERE entity = ?1 ORDER BY alias"))?;
        let aliases = self.sql(self.sql(st.query_map([id], |r| r.get(0)))?.collect())?;
        // The newest `max` first. An entity named in many articles (tens of
        // thousands: one in two) is found by walking the documents newest
        // first and stopping after `max`; one in fewer, by collecting its
        // documents' dates from two covering indexes and sorting them.
        let top = if row.documents > self.count_cap as i64 {
            "SELECT x.document, x.local_id, y.published AS published, y.rowid AS rowid
             FROM (SELECT y.rowid, y.id, y.published FROM documents y INDEXED BY documents_newest
                   WHERE EXISTS (SELECT 1 FROM document_entities x WHERE x.document = y.id AND x.entity = ?1)
                   ORDER BY y.published IS NULL, y.published DESC, y.rowid LIMIT ?2) y
             JOIN document_entities x ON x.document = y.id AND x.entity = ?1
             ORDER BY y.published IS NULL, y.published DESC, y.rowid, x.local_id LIMIT ?2"
        } else {
            "SELECT x.document, x.local_id, y.published AS published, y.rowid AS rowid
             FROM document_entities x JOIN documents y INDEXED BY documents_id_published ON y.id = x.document
             WHERE x.entity = ?1 ORDER BY y.published IS NULL, y.published DESC, y.rowid, x.local_id LIMIT ?2"
        };
        let mut st = self.sql(self.conn.prepare_cached(&format!(
            "SELECT de.document, d.published, d.title, de.local_id, de.name, de.mentions, de.roles
             FROM ({top}) top
             JOIN document_entities de ON de.document = top.document AND de.local_id = top.local_id
             JOIN documents d ON d.rowid = top.rowid
             ORDER BY top.published IS NULL, top.published DESC, top.rowid, top.local_id",
        )))?;
        let apps = self.sql(self.sql(st.query_map(params![id, max.min(i64::MAX as usize) as i64], |r| {
            Ok(EntityAppearance {
                document: r.get(0)?,
                published: r.get(1)?,
                title: r.get(2)?,
                local_id: r.get(3)?,
                name: r.get(4)?,
                mentions: r.get(5)?,
                roles: r.get(6)?,
            })
        }))?
        .collect())?;
        Ok(Some((row, aliases, apps)))
    }

    /// The stored record JSON of a document.
    pub fn record(&self, id: &str) -> Result<Option<String>> {
        self.sql(
            self.conn
                .query_row("SELECT record FROM documents WHERE id = ?1", [id], |r| r.get(0))
                .optional(),
        )
    }

    /// Stored documents matching the filter (outlet, name, document, since,
    /// until, text), newest publication first (undated last), then in
    /// ingestion order.
    pub fn articles(&self, f: &Filter, page: Page) -> Result<Vec<ArticleRow>> {
        let (sql, w) = Self::articles_sql(f, page);
        self.query(f, || w.query(&self.conn, &sql, ArticleRow::from_row))
    }

    fn articles_sql(f: &Filter, page: Page) -> (String, search::Where) {
        let w = search::articles_where(f);
        let sql = format!(
            "SELECT {} FROM documents d WHERE 1=1 {} ORDER BY {ARTICLE_ORDER}{}",
            ArticleRow::COLUMNS,
            w.sql,
            page.sql()
        );
        (sql, w)
    }

    pub fn stats(&self) -> Result<Stats> {
        let mut s = self.sql(self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(words),0), COALESCE(SUM(sentences),0), COALESCE(SUM(entities),0),
                    COALESCE(SUM(quotes),0), COALESCE(SUM(timexes),0), COALESCE(SUM(events),0),
                    MIN(published), MAX(published)
             FROM documents",
            [],
            |r| {
                Ok(Stats {
                    documents: r.get(0)?,
                    words: r.get(1)?,
                    sentences: r.get(2)?,
                    entities: r.get(3)?,
                    quotes: r.get(4)?,
                    timexes: r.get(5)?,
                    events: r.get(6)?,
                    first_published: r.get(7)?,
                    last_published: r.get(8)?,
                    bytes: 0,
                })
            },
        ))?;
        s.bytes = self.sql(self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        ))?;
        Ok(s)
    }

    /// Stored statements matching the filter (speaker, type = kind, outlet,
    /// via, document, since, until, text), newest first.
    pub fn quotes(&self, f: &Filter, page: Page) -> Result<Vec<QuoteRow>> {
        self.query(f, || facts::quotes(&self.conn, f, page))
    }

    /// Stored events matching the filter (actor, recipient, type, place,
    /// since, until; outlet, speaker, document, text of a report), newest
    /// first, each with up to 20 reports.
    pub fn events(&self, f: &Filter, page: Page) -> Result<Vec<EventRow>> {
        self.query(f, || facts::events(&self.conn, f, page))
    }

    /// Full-text search (`f.text`) over articles, statements or both
    /// (`f.scope`), best first; the other fields filter as in `articles` and
    /// `quotes`. An empty result when there is no text query. When more
    /// than the count cap of a kind match, the most recently stored of them
    /// (that many) are ranked.
    pub fn search(&self, f: &Filter, page: Page) -> Result<Vec<SearchHit>> {
        Ok(self.search_page(f, page)?.items)
    }

    /// `search`, and how many results there are in all pages (counted up
    /// to the cap for each kind: a lower bound when `capped`).
    pub fn search_page(&self, f: &Filter, page: Page) -> Result<views::Page<SearchHit>> {
        let cap = self.cap_for(page);
        let (n, items) = self.query(f, || search::search(&self.conn, f, page, cap))?;
        Ok(views::Page { total: n.total, capped: n.capped, items })
    }

    /// Every event matching the filter, handed to `each` (without evidence)
    /// until it returns false.
    pub fn each_event(&self, f: &Filter, each: &mut dyn FnMut(EventRow) -> bool) -> Result<()> {
        self.query(f, || facts::each_event(&self.conn, f, each))
    }

    /// Every report of the events matching the filter, document by document.
    pub fn each_mention(&self, f: &Filter, each: &mut dyn FnMut(MentionRow) -> bool) -> Result<()> {
        self.query(f, || facts::each_mention(&self.conn, f, each))
    }

    /// The members of an event's actor and of its recipient, in order (the
    /// first of each is `EventRow::actor` and `recipient`).
    pub fn members_of(&self, event: i64) -> Result<(Vec<Member>, Vec<Member>)> {
        self.sql(facts::members(&self.conn, event))
    }

    /// Which stored entity each entity of a document's record ("e1") is.
    pub fn entity_ids(&self, document: &str) -> Result<Vec<(String, i64)>> {
        let mut st = self.sql(self.conn.prepare_cached("SELECT local_id, entity FROM document_entities WHERE document = ?1"))?;
        let rows = self.sql(st.query_map([document], |r| Ok((r.get(0)?, r.get(1)?))))?;
        self.sql(rows.collect())
    }

    /// The reports of one event, first published first.
    pub fn mentions_of(&self, event: i64) -> Result<Vec<MentionRow>> {
        self.sql(facts::mentions_of(&self.conn, event))
    }

    /// Every statement matching the filter, as `quotes` orders them.
    pub fn each_quote(&self, f: &Filter, each: &mut dyn FnMut(QuoteRow) -> bool) -> Result<()> {
        self.query(f, || facts::each_quote(&self.conn, f, each))
    }

    /// Every article matching the filter, as `articles` orders them.
    pub fn each_article(&self, f: &Filter, each: &mut dyn FnMut(ArticleRow) -> bool) -> Result<()> {
        let (sql, w) = Self::articles_sql(f, Page::ALL);
        self.query(f, || facts::stream(&self.conn, &sql, &w, ArticleRow::from_row, each))
    }

    /// Every entity matching the filter, as `entities` orders them.
    pub fn each_entity(&self, f: &Filter, each: &mut dyn FnMut(EntityRow) -> bool) -> Result<()> {
        let (sql, w) = Self::entities_sql(f, Page::ALL);
        self.query(f, || facts::stream(&self.conn, &sql, &w, EntityRow::from_row, each))
    }

    /// The coordinates (latitude, longitude) a stored place entity has in a
    /// record that mentions it, if any.
    pub fn coordinates(&self, entity: i64) -> Result<Option<(f64, f64)>> {
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT json_extract(e.value, '$.latitude'), json_extract(e.value, '$.longitude')
             FROM document_entities de JOIN documents d ON d.id = de.document, json_each(d.record, '$.entities') e
             WHERE de.entity = ?1 AND json_valid(d.record) AND json_extract(e.value, '$.id') = de.local_id
                   AND json_extract(e.value, '$.latitude') IS NOT NULL
             LIMIT 1",
        ))?;
        self.sql(st.query_row([entity], |r| Ok((r.get(0)?, r.get(1)?))).optional())
    }

    /// SQLite's own consistency check: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.sql(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(id: &'a str, json: &'a str, published: Option<&'a str>) -> StoredDoc<'a> {
        StoredDoc {
            id,
            url: None,
            site: None,
            title: Some("t"),
            published,
            words: 3,
            sentences: 1,
            entities: 0,
            quotes: 0,
            timexes: 0,
            events: 0,
            json,
            linked: Vec::new(),
            record: None,
        }
    }

    #[test]
    fn stores_once_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("ng-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        let _ = std::fs::remove_file(&path);
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.insert(&[doc("a", "{\"id\":\"a\"}", Some("2025-10-16")), doc("b", "{}", None)]).unwrap(), 2);
        assert_eq!(s.insert(&[doc("a", "{\"changed\":1}", None)]).unwrap(), 0);
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.record("a").unwrap().as_deref(), Some("{\"id\":\"a\"}"));
        assert!(s.contains("b").unwrap());
        assert!(!s.contains("c").unwrap());
        let rows = s.articles(&Filter::default(), Page { limit: 10, offset: 0 }).unwrap();
        assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
        let st = s.stats().unwrap();
        assert_eq!((st.documents, st.words, st.first_published.as_deref()), (2, 6, Some("2025-10-16")));
        assert_eq!(s.integrity_check().unwrap(), "ok");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn linked<'a>(local: &'a str, name: &'a str, country: Option<&'a str>, keys: &[&str]) -> StoredEntity<'a> {
        StoredEntity {
            local_id: local,
            name,
            r#type: "PERSON",
            country,
            sector: None,
            aliases: &[],
            keys: keys.iter().map(|k| k.to_string()).collect(),
            mentions_json: "[{\"start\":0,\"end\":5,\"text\":\"Putin\"}]".into(),
            roles_json: "[]".into(),
        }
    }

    #[test]
    fn entities_link_across_documents_conservatively() {
        let dir = std::env::temp_dir().join(format!("ng-store-l-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("l.db");
        let _ = std::fs::remove_file(&path);
        let mut s = Store::open(&path).unwrap();
        let mut a = doc("a", "{}", None);
        a.linked = vec![linked("e1", "Vladimir Putin", Some("RUS"), &["vladimir putin"]), linked("e2", "Bashar al-Assad", None, &["bashar assad"])];
        let mut b = doc("b", "{}", None);
        b.linked = vec![
            linked("e1", "Putin", None, &["vladimir putin"]),
            linked("e2", "Hafez al-Assad", None, &["hafez assad"]),
            linked("e3", "Vladimir Putin", Some("USA"), &["vladimir putin"]),
        ];
        s.insert(&[a, b]).unwrap();
        let rows = s.entities(&Filter::default(), Page::default()).unwrap();
        let names: Vec<(&str, i64)> = rows.iter().map(|r| (r.name.as_str(), r.documents)).collect();
        assert_eq!(names, vec![("Vladimir Putin", 2), ("Bashar al-Assad", 1), ("Hafez al-Assad", 1), ("Vladimir Putin", 1)]);
        let f = EntityFilter { name: Some("assad".into()), ..Default::default() };
        assert_eq!(s.entities(&f, Page::default()).unwrap().len(), 2);
        let f = EntityFilter { country: Some("rus".into()), ..Default::default() };
        assert_eq!(s.entities(&f, Page::default()).unwrap().len(), 1);
        let (row, _, apps) = s.entity(rows[0].id).unwrap().unwrap();
        assert_eq!(row.mentions, 2);
        assert_eq!(apps.iter().map(|a| a.document.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_corrupt_file_is_named() {
        let dir = std::env::temp_dir().join(format!("ng-store-c-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.db");
        std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
        let err = Store::open(&path).err().expect("corrupt file must not open");
        let msg = err.to_string();
        assert!(msg.contains("bad.db") && msg.contains("not a newsgraph database"), "{msg}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
