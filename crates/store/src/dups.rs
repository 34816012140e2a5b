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
//!
//! **Stubs.** A teaser of a stored story (a feed summary, a syndicated stub
//! ending "Read more", "Continue reading", "Read the full article here") is
//! a copy of it too (distance [`STUB`]): its first [`LEAD_WORDS`] words,
//! normalized (lowercase, letters and digits), hash like the story's (an
//! index probe on `leads`), it is short (at most [`STUB_MAX_WORDS`] words and
//! under 80 % of the story), and its words, once the teaser line is dropped,
//! are the story's first words (at least 80 % of them in order). When the
//! stub came first, it stays stored and the full story is stored too: the
//! stub is then recorded as a copy of the full story, so `show` of the stub
//! prints the story and the story counts it among its copies.

use rusqlite::{params, OptionalExtension, Transaction};

/// Largest Hamming distance between SimHashes of copies.
pub const NEAR_BITS: u32 = 7;

/// The `distance` of a stub: a teaser of its original.
pub const STUB: i64 = -1;
/// Leading words hashed to find the story of a stub.
pub const LEAD_WORDS: usize = 12;
/// The longest text taken for a stub.
pub const STUB_MAX_WORDS: usize = 200;

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
-- The hash of each stored document's first LEAD_WORDS words, to match stubs.
CREATE TABLE IF NOT EXISTS leads (
    lead INTEGER NOT NULL, document TEXT NOT NULL, words INTEGER NOT NULL,
    PRIMARY KEY (lead, document)
) WITHOUT ROWID;
";

fn bands(h: u64) -> [(i64, i64); 4] {
    [0, 1, 2, 3].map(|b| (b, ((h >> (16 * b)) & 0xffff) as i64))
}

/// The stored original of a text, and the distance to it (0: same text,
/// [`STUB`]: the text is a teaser of it).
pub(crate) fn find_original(tx: &Transaction, text: &str, text_hash: &str, simhash: Option<u64>) -> rusqlite::Result<Option<(String, i64)>> {
    let exact: Option<String> = tx
        .prepare_cached("SELECT document FROM fingerprints WHERE text_hash = ?1 LIMIT 1")?
        .query_row([text_hash], |r| r.get(0))
        .optional()?;
    if let Some(d) = exact {
        return Ok(Some((d, 0)));
    }
    if let Some(near) = find_near(tx, simhash)? {
        return Ok(Some(near));
    }
    let words = words(text);
    if words.len() > STUB_MAX_WORDS {
        return Ok(None);
    }
    for (story, n) in same_lead(tx, &words)? {
        if n * 8 > words.len() * 10 && stored_words(tx, &story)?.is_some_and(|s| is_prefix(without_teaser(&words), &s)) {
            return Ok(Some((story, STUB)));
        }
    }
    Ok(None)
}

/// A stored text within [`NEAR_BITS`] of this SimHash, the nearest.
fn find_near(tx: &Transaction, simhash: Option<u64>) -> rusqlite::Result<Option<(String, i64)>> {
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
    Ok(best.map(|(doc, d)| (doc, d as i64)))
}

/// Words of a text for comparing leads: lowercase runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// FNV-1a of the first [`LEAD_WORDS`] words; `None` for shorter texts.
fn lead_hash(words: &[String]) -> Option<i64> {
    if words.len() < LEAD_WORDS {
        return None;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in &words[..LEAD_WORDS] {
        for &b in w.as_bytes().iter().chain(b" ") {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Some(h as i64)
}

/// Stored documents whose text starts with the same words, and their length.
fn same_lead(tx: &Transaction, words: &[String]) -> rusqlite::Result<Vec<(String, usize)>> {
    let Some(lead) = lead_hash(words) else { return Ok(Vec::new()) };
    let mut st = tx.prepare_cached("SELECT document, words FROM leads WHERE lead = ?1 ORDER BY words DESC, document")?;
    let rows = st.query_map([lead], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?;
    rows.collect()
}

/// Teaser lines at the end of stubs, as normalized words.
const TEASERS: [&[&str]; 7] = [
    &["read", "the", "full", "article", "here"],
    &["read", "the", "full", "article"],
    &["read", "the", "full", "story"],
    &["read", "more"],
    &["continue", "reading"],
    &["full", "story"],
    &["more"],
];

/// The words of a stub without its teaser line ("Read more", "The post …
/// appeared first on …").
fn without_teaser(mut w: &[String]) -> &[String] {
    if let Some(i) = (0..w.len().saturating_sub(3)).rev().find(|&i| w[i] == "the" && w[i + 1] == "post")
    {
        if w[i..].windows(3).any(|x| x[0] == "appeared" && x[1] == "first" && x[2] == "on") {
            w = &w[..i];
        }
    }
    for t in TEASERS {
        if w.len() > t.len() && w[w.len() - t.len()..].iter().zip(t.iter()).all(|(a, b)| a == b) {
            return &w[..w.len() - t.len()];
        }
    }
    w
}

/// The words of a stored document's text.
fn stored_words(tx: &Transaction, id: &str) -> rusqlite::Result<Option<Vec<String>>> {
    let record: Option<String> =
        tx.prepare_cached("SELECT record FROM documents WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    Ok(record.and_then(|j| serde_json::from_str::<serde_json::Value>(&j).ok()).and_then(|v| v["text"].as_str().map(words)))
}

/// Whether `stub` (words, teaser dropped) is the start of `story`: at least
/// [`LEAD_WORDS`] and 80 % of its words match the story's first words.
fn is_prefix(stub: &[String], story: &[String]) -> bool {
    let same = stub.iter().zip(story).take_while(|(a, b)| a == b).count();
    // A teaser cut in the middle of a word ("reconstr…") still counts.
    let cut = stub.get(same).zip(story.get(same)).is_some_and(|(a, b)| b.starts_with(a.as_str())) as usize;
    same >= LEAD_WORDS && (same + cut) * 10 >= stub.len() * 8
}

/// Remember a stored document's fingerprints; a stored stub of it is
/// recorded as its copy.
pub(crate) fn remember(tx: &Transaction, doc: &str, text: &str, text_hash: &str, simhash: Option<u64>) -> rusqlite::Result<()> {
    let words = words(text);
    if let Some(lead) = lead_hash(&words) {
        for (stub, n) in same_lead(tx, &words)? {
            if n <= STUB_MAX_WORDS && n * 10 < words.len() * 8 && stored_words(tx, &stub)?.is_some_and(|w| is_prefix(without_teaser(&w), &words)) {
                record_copy(tx, &stub, doc, None, None, STUB)?;
            }
        }
        tx.prepare_cached("INSERT OR IGNORE INTO leads (lead, document, words) VALUES (?1, ?2, ?3)")?
            .execute(params![lead, doc, words.len() as i64])?;
    }
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

/// Record a copy of a stored original (with the copy's URL and site; for a
/// stored stub, those of its row). Returns whether it was new.
pub(crate) fn record_copy(tx: &Transaction, copy: &str, original: &str, url: Option<&str>, site: Option<&str>, distance: i64) -> rusqlite::Result<bool> {
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO copies (copy, original, url, site, distance)
             VALUES (?1, ?2, COALESCE(?3, (SELECT url FROM documents WHERE id = ?1)), COALESCE(?4, (SELECT site FROM documents WHERE id = ?1)), ?5)",
        )?
        .execute(params![copy, original, url, site, distance])?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use crate::{Store, StoredDoc};
    use newsgraph_doc::{Doc, Record};

    const STORY: &str = "The harbour authority of the northern port reopened the eastern quay on Tuesday after three weeks \
of repairs to the sea wall, which storms had cracked in two places. Fishing boats returned to their moorings within \
hours, and the ferry company said its evening crossings would run again from Thursday. Engineers will inspect the \
wall once a month until the spring, the authority said, and a second phase of work is planned for the summer.";

    fn record(id: &str, text: &str) -> Record {
        let mut d = Doc::new(text);
        d.id = id.into();
        d.url = Some(format!("https://site.example/{id}"));
        d.to_record()
    }

    fn insert(s: &mut Store, r: &Record) -> usize {
        let json = serde_json::to_string(r).unwrap();
        let d = StoredDoc {
            id: &r.id,
            url: r.url.as_deref(),
            site: None,
            title: None,
            published: None,
            words: r.text.split_whitespace().count(),
            sentences: 0,
            entities: 0,
            quotes: 0,
            timexes: 0,
            events: 0,
            json: &json,
            linked: Vec::new(),
            record: Some(r),
        };
        s.insert(&[d]).unwrap()
    }

    fn copies(s: &Store) -> Vec<(String, String, i64, Option<String>)> {
        let mut st = s.conn.prepare("SELECT copy, original, distance, url FROM copies ORDER BY copy").unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    }

    fn store(name: &str) -> Store {
        let dir = std::env::temp_dir().join(format!("ng-stubs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Store::open(&dir.join("s.db")).unwrap()
    }

    #[test]
    fn stubs_of_a_stored_story_are_copies() {
        let mut s = store("after");
        assert_eq!(insert(&mut s, &record("story", STORY)), 1);
        let teaser = "The harbour authority of the northern port reopened the eastern quay on Tuesday after three weeks of repairs to the sea wall.\n\nRead the full article here";
        assert_eq!(insert(&mut s, &record("teaser", teaser)), 0, "a teaser is not stored");
        let cut = "THE HARBOUR AUTHORITY of the northern port reopened the eastern quay on Tuesday after three weeks of rep… Continue reading";
        assert_eq!(insert(&mut s, &record("cut", cut)), 0, "cut in a word, other case");
        let wp = "The harbour authority of the northern port reopened the eastern quay on Tuesday after three weeks. The post Quay reopens appeared first on Port News.";
        assert_eq!(insert(&mut s, &record("wp", wp)), 0);
        // Same first words, another story: stored.
        let other = "The harbour authority of the northern port reopened the eastern quay on Tuesday, but dockers walked out at noon over pay and the ships stayed at anchor.";
        assert_eq!(insert(&mut s, &record("other", other)), 1);
        // Shorter than the lead: never a stub.
        assert_eq!(insert(&mut s, &record("tiny", "The harbour authority reopened the quay.")), 1);
        let c = copies(&s);
        let got: Vec<(&str, &str, i64)> = c.iter().map(|(a, b, d, _)| (a.as_str(), b.as_str(), *d)).collect();
        assert_eq!(got, vec![("cut", "story", crate::STUB), ("teaser", "story", crate::STUB), ("wp", "story", crate::STUB)]);
        assert_eq!(c[1].3.as_deref(), Some("https://site.example/teaser"));
    }

    #[test]
    fn a_story_after_its_stub_takes_the_stub_as_its_copy() {
        let mut s = store("before");
        let teaser = "The harbour authority of the northern port reopened the eastern quay on Tuesday after three weeks of repairs. Read more";
        assert_eq!(insert(&mut s, &record("teaser", teaser)), 1);
        assert_eq!(insert(&mut s, &record("story", STORY)), 1);
        assert_eq!(copies(&s), vec![("teaser".into(), "story".into(), crate::STUB, Some("https://site.example/teaser".into()))]);
        assert_eq!(s.original_of("teaser").unwrap().as_deref(), Some("story"));
        let rows = s.articles(&crate::Filter::default(), crate::Page { limit: 10, offset: 0 }).unwrap();
        assert_eq!(rows.iter().find(|r| r.id == "story").unwrap().copies, 1);
    }
}
