//! The embedded store: a SQLite database of newsgraph/1 records.
//!
//! Owns the schema and every SQL statement. Stores each record's JSON
//! exactly as the pipeline serialized it, so `show` prints what `extract`
//! printed. Writes go in transactions of whole documents: a killed process
//! leaves every committed document intact and nothing half-written.

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
}

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

pub struct Store {
    conn: Connection,
    path: String,
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
";

impl Store {
    /// Open (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::Open { path: name.clone(), source: e })?;
        let store = Store { conn, path: name };
        store.init()?;
        Ok(store)
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
        self.sql(self.conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"))?;
        self.sql(self.conn.execute_batch(SCHEMA))?;
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

    /// Whether a document with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        let mut st = self.sql(self.conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1"))?;
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
                added += st
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
            }
        }
        tx.commit().map_err(wrap)?;
        Ok(added)
    }

    /// The stored record JSON of a document.
    pub fn record(&self, id: &str) -> Result<Option<String>> {
        self.sql(
            self.conn
                .query_row("SELECT record FROM documents WHERE id = ?1", [id], |r| r.get(0))
                .optional(),
        )
    }

    /// Stored documents, newest publication first (undated last), then in
    /// ingestion order.
    pub fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleRow>> {
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT id, published, title, site, url, words, sentences, entities, quotes, timexes, events
             FROM documents ORDER BY published IS NULL, published DESC, rowid LIMIT ?1 OFFSET ?2",
        ))?;
        let rows = self.sql(st.query_map(params![limit as i64, offset as i64], |r| {
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
            })
        }))?;
        self.sql(rows.collect())
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
        let rows = s.articles(10, 0).unwrap();
        assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["a", "b"]);
        let st = s.stats().unwrap();
        assert_eq!((st.documents, st.words, st.first_published.as_deref()), (2, 6, Some("2025-10-16")));
        assert_eq!(s.integrity_check().unwrap(), "ok");
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
