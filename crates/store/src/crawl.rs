//! What `fetch` and `watch` remember between runs: the validators (ETag,
//! Last-Modified) of every URL fetched, and which document a URL gave, so
//! that a URL already stored is not downloaded again (issue #8).

use crate::{Result, Store};
use rusqlite::{params, OptionalExtension};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS crawl (
    url TEXT PRIMARY KEY,
    etag TEXT, last_modified TEXT,
    -- The document the URL gave (the stored one, or the one it is a copy of).
    document TEXT,
    fetched_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_url ON documents (url);
CREATE INDEX IF NOT EXISTS copies_url ON copies (url);
";

/// The validators a server gave for a URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Store {
    /// The validators remembered for `url` (empty when it was never fetched).
    pub fn validators(&self, url: &str) -> Result<Validators> {
        let row = self.sql(
            self.conn
                .query_row("SELECT etag, last_modified FROM crawl WHERE url = ?1", [url], |r| {
                    Ok(Validators { etag: r.get(0)?, last_modified: r.get(1)? })
                })
                .optional(),
        )?;
        Ok(row.unwrap_or_default())
    }

    /// Remember a fetch of `url`: its validators and, when it gave one, the
    /// document (kept when a later fetch gives none, e.g. a feed).
    pub fn remember_fetch(&self, url: &str, v: &Validators, document: Option<&str>) -> Result<()> {
        self.sql(self.conn.execute(
            "INSERT INTO crawl (url, etag, last_modified, document) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                 document = COALESCE(excluded.document, crawl.document),
                 fetched_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![url, v.etag, v.last_modified, document],
        ))?;
        Ok(())
    }

    /// Whether an article from `url` is stored: fetched into a document
    /// before, or the URL of a stored document or of a copy of one.
    pub fn has_url(&self, url: &str) -> Result<bool> {
        let mut st = self.sql(self.conn.prepare_cached(
            "SELECT 1 FROM crawl WHERE url = ?1 AND document IS NOT NULL
             UNION ALL SELECT 1 FROM documents WHERE url = ?1
             UNION ALL SELECT 1 FROM copies WHERE url = ?1",
        ))?;
        self.sql(st.exists([url]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_and_stored_urls_survive_reopening() {
        let dir = std::env::temp_dir().join(format!("ng-crawl-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.db");
        let s = Store::open(&path).unwrap();
        assert_eq!(s.validators("https://x.example/feed").unwrap(), Validators::default());
        let v = Validators { etag: Some("\"v1\"".into()), last_modified: Some("Thu, 16 Oct 2025 09:30:00 GMT".into()) };
        s.remember_fetch("https://x.example/feed", &v, None).unwrap();
        s.remember_fetch("https://x.example/a", &Validators::default(), Some("doc-a")).unwrap();
        s.remember_fetch("https://x.example/a", &v, None).unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.validators("https://x.example/feed").unwrap(), v);
        assert!(!s.has_url("https://x.example/feed").unwrap(), "a feed is not an article");
        assert!(s.has_url("https://x.example/a").unwrap(), "the document is kept");
        assert!(!s.has_url("https://x.example/b").unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
