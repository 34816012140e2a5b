//! Duplicates and syndication: one story on many sites is stored once.
//!
//! A new document is a copy of a stored one when its normalized text is the
//! same (the FNV-1a hash of its words), or when its SimHash over word 4-grams
//! (`newsgraph_doc::simhash`) is within [`NEAR_BITS`] bits of a stored one's.
//! Near-duplicate candidates come from four 16-bit bands of the hash, each
//! probed at its value and its one-bit neighbours (index probes, not a
//! scan): within 7 bits some band differs by at most one bit, so every copy
//! within [`NEAR_BITS`] is found. A copy is
//! not stored again: its id, URL and site are kept in `copies`, pointing at
//! the stored original, and every copy of an original forms one story.

use rusqlite::{params, OptionalExtension, Transaction};

/// Largest Hamming distance between SimHashes of copies.
pub const NEAR_BITS: u32 = 7;

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS fingerprints (
    document TEXT PRIMARY KEY, text_hash TEXT NOT NULL, simhash INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fingerprints_text ON fingerprints (text_hash);
CREATE TABLE IF NOT EXISTS simhash_bands (
    band INTEGER NOT NULL, value INTEGER NOT NULL, document TEXT NOT NULL,
    PRIMARY KEY (band, value, document)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copies (
    copy TEXT PRIMARY KEY, original TEXT NOT NULL, url TEXT, site TEXT, distance INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS copies_original ON copies (original);
";

fn bands(h: u64) -> [(i64, i64); 4] {
    [0, 1, 2, 3].map(|b| (b, ((h >> (16 * b)) & 0xffff) as i64))
}

/// The stored original of a text, and the distance to it (0: same text).
pub(crate) fn find_original(tx: &Transaction, text_hash: &str, simhash: Option<u64>) -> rusqlite::Result<Option<(String, u32)>> {
    let exact: Option<String> = tx
        .prepare_cached("SELECT document FROM fingerprints WHERE text_hash = ?1 LIMIT 1")?
        .query_row([text_hash], |r| r.get(0))
        .optional()?;
    if let Some(d) = exact {
        return Ok(Some((d, 0)));
    }
    let Some(h) = simhash else { return Ok(None) };
    let mut probe = tx.prepare_cached(
        "SELECT f.document, f.simhash FROM simhash_bands b JOIN fingerprints f ON f.document = b.document
         WHERE b.band = ?1 AND b.value = ?2",
    )?;
    let mut best: Option<(String, u32)> = None;
    // Probe each band's value and its 16 one-bit neighbours: with at most
    // NEAR_BITS = 7 bits changed over 4 bands, some band changed by at most
    // one bit, so every copy within NEAR_BITS is found (68 index probes).
    let probes = bands(h).into_iter().flat_map(|(band, value)| {
        std::iter::once((band, value)).chain((0..16).map(move |k| (band, value ^ (1 << k))))
    });
    for (band, value) in probes {
        let rows = probe.query_map(params![band, value], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?)))?;
        for row in rows {
            let (doc, other) = row?;
            let Some(other) = other else { continue };
            let d = (h ^ other as u64).count_ones();
            if d <= NEAR_BITS && best.as_ref().is_none_or(|b| d < b.1) {
                best = Some((doc, d));
            }
        }
    }
    Ok(best)
}

/// Remember a stored document's fingerprints.
pub(crate) fn remember(tx: &Transaction, doc: &str, text_hash: &str, simhash: Option<u64>) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO fingerprints (document, text_hash, simhash) VALUES (?1, ?2, ?3)")?
        .execute(params![doc, text_hash, simhash.map(|h| h as i64)])?;
    if let Some(h) = simhash {
        let mut st = tx.prepare_cached("INSERT OR IGNORE INTO simhash_bands (band, value, document) VALUES (?1, ?2, ?3)")?;
        for (band, value) in bands(h) {
            st.execute(params![band, value, doc])?;
        }
    }
    Ok(())
}

/// Record a copy of a stored original. Returns whether it was new.
pub(crate) fn record_copy(tx: &Transaction, copy: &str, original: &str, url: Option<&str>, site: Option<&str>, distance: u32) -> rusqlite::Result<bool> {
    let n = tx
        .prepare_cached("INSERT OR IGNORE INTO copies (copy, original, url, site, distance) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![copy, original, url, site, distance])?;
    Ok(n == 1)
}
