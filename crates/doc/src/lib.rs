//! The one document object of newsgraph.
//!
//! Every pipeline stage receives a [`Doc`] and adds its layer: `text` fills
//! `tokens` and `sentences`, `annotate` fills `parse` and `mentions`,
//! `understand` fills `entities`, `quotes`, `timexes` and `events`.
//!
//! Inside a `Doc` every offset is a **byte** offset into [`Doc::text`].
//! [`Doc::to_record`] converts every offset to **Unicode code points**, the
//! unit of the published record format (`docs/record-format.md`).

mod offsets;
mod record;

pub use offsets::CharMap;
pub use record::*;

use serde_json::{Map, Value};

/// A token: a byte span of [`Doc::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Token {
    pub start: u32,
    pub end: u32,
}

/// A sentence: a byte span of [`Doc::text`] and the half-open range of its
/// tokens in [`Doc::tokens`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    pub token_start: u32,
    pub token_end: u32,
}

impl Sentence {
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.token_start as usize..self.token_end as usize
    }
}

/// Universal POS tags, in the order their `u8` ids use.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// The syntactic layer, one entry per token of [`Doc::tokens`]; filled by
/// `newsgraph-annotate`.
#[derive(Clone, Debug, Default)]
pub struct Parse {
    /// Index into [`UPOS`].
    pub upos: Vec<u8>,
    /// Head token index (absolute, into `Doc::tokens`); `u32::MAX` for a root.
    pub heads: Vec<u32>,
    /// Dependency relation labels (UD names, e.g. "nsubj", "ccomp").
    pub deprels: Vec<&'static str>,
}

/// A named-entity mention found by the recognizer: a byte span and a label
/// (PERSON, ORG, LOC, NORP, MISC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: u32,
    pub end: u32,
    pub label: &'static str,
}

/// Where `published` came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    Metadata,
    Dateline,
    Byline,
    /// The date a crawler fetched the page (a WARC record's `WARC-Date`).
    Crawl,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Dateline => "dateline",
            DateSource::Byline => "byline",
            DateSource::Crawl => "crawl",
        }
    }
}

/// One article moving through the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub id: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub published_source: Option<DateSource>,
    pub language: String,
    /// Input fields newsgraph does not know, kept as given.
    pub meta: Map<String, Value>,
    pub text: String,

    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub parse: Option<Parse>,
    pub mentions: Vec<Mention>,

    // Record-level layers, with byte offsets until `to_record`.
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Event>,
}

impl Doc {
    /// A document with this body. The text is normalized (a leading byte
    /// order mark dropped, CRLF and CR line ends made LF); the id is the
    /// stable hash of the normalized text unless one is set later.
    pub fn new(text: &str) -> Doc {
        let text = normalize_text(text);
        Doc { id: text_id(&text), language: "en".into(), text, ..Doc::default() }
    }

    pub fn token_text(&self, i: usize) -> &str {
        let t = self.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }

    /// Number of whitespace-separated words, the unit of speed figures.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }

    /// The published record: every offset converted to code points.
    pub fn to_record(&self) -> Record {
        let map = CharMap::new(&self.text);
        let c = |b: u32| map.char_offset(b as usize) as u32;
        let mut entities = self.entities.clone();
        for e in &mut entities {
            for m in &mut e.mentions {
                m.start = c(m.start);
                m.end = c(m.end);
            }
        }
        let mut quotes = self.quotes.clone();
        for q in &mut quotes {
            for s in &mut q.content {
                s.start = c(s.start);
                s.end = c(s.end);
            }
            if let Some(cue) = &mut q.cue {
                cue.start = c(cue.start);
                cue.end = c(cue.end);
            }
            if let Some(sp) = &mut q.speaker {
                sp.start = c(sp.start);
                sp.end = c(sp.end);
            }
            if let Some(ad) = &mut q.addressee_span {
                ad.start = c(ad.start);
                ad.end = c(ad.end);
            }
        }
        let mut timexes = self.timexes.clone();
        for t in &mut timexes {
            t.start = c(t.start);
            t.end = c(t.end);
        }
        let mut events = self.events.clone();
        for e in &mut events {
            e.evidence.start = c(e.evidence.start);
            e.evidence.end = c(e.evidence.end);
        }
        Record {
            format: FORMAT.to_string(),
            id: self.id.clone(),
            url: self.url.clone(),
            site: self.site.clone(),
            title: self.title.clone(),
            authors: self.authors.clone(),
            published: self.published.clone(),
            published_source: self.published_source.map(|s| s.as_str().to_string()),
            language: self.language.clone(),
            text: self.text.clone(),
            sentences: self
                .sentences
                .iter()
                .map(|s| Span { start: c(s.start), end: c(s.end) })
                .collect(),
            entities,
            quotes,
            timexes,
            events,
            meta: if self.meta.is_empty() { None } else { Some(self.meta.clone()) },
        }
    }
}

/// Drop a leading byte order mark and make every line end a single `\n`.
pub fn normalize_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(ch);
        }
    }
    out
}

/// The stable id of a text: 64-bit FNV-1a over its words joined by single
/// spaces, as 16 hex digits. Whitespace differences do not change it.
pub fn text_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut first = true;
    for w in text.split_whitespace() {
        if !first {
            h ^= b' ' as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        first = false;
        for &b in w.as_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ignore_whitespace_but_not_words() {
        assert_eq!(text_id("a  b\n c"), text_id("a b c"));
        assert_ne!(text_id("a b c"), text_id("a b d"));
        assert_eq!(text_id("Putin met Sharaa."), text_id("Putin met Sharaa.\n"));
    }

    #[test]
    fn normalizes_line_ends_and_bom() {
        assert_eq!(normalize_text("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn record_offsets_count_code_points() {
        let mut d = Doc::new("“Café” 🙂 said Zoë.");
        let start = d.text.find("Zoë").unwrap() as u32;
        d.timexes.push(Timex {
            start,
            end: start + "Zoë".len() as u32,
            text: "Zoë".into(),
            r#type: "DATE".into(),
            value: "X".into(),
        });
        let r = d.to_record();
        let chars: Vec<char> = r.text.chars().collect();
        let t = &r.timexes[0];
        let s: String = chars[t.start as usize..t.end as usize].iter().collect();
        assert_eq!(s, "Zoë");
        assert_eq!(t.start, 14);
    }
}

/// A small table of results (evaluations, benchmarks) that the command line
/// prints as a table, JSON, JSONL or CSV.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    /// One JSON object per row, keyed by column name.
    pub rows: Vec<Value>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Table {
        Table { columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }

    /// Add a row; `values` in column order.
    pub fn push(&mut self, values: Vec<Value>) {
        let row: Map<String, Value> = self.columns.iter().cloned().zip(values).collect();
        self.rows.push(Value::Object(row));
    }
}

/// The error type of evaluation and training entry points.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Fewest words a text needs for near-duplicate detection: shorter texts
/// share too much by chance.
pub const NEAR_DUP_MIN_WORDS: usize = 60;

/// A 64-bit SimHash of a text over its word 4-grams (lower-cased words of
/// letters and digits): texts that share most of their 4-grams have hashes
/// that differ in few bits. `None` for texts under [`NEAR_DUP_MIN_WORDS`].
pub fn simhash(text: &str) -> Option<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    if words.len() < NEAR_DUP_MIN_WORDS {
        return None;
    }
    let mut counts = [0i32; 64];
    for gram in words.windows(4) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in gram {
            for &b in w.as_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h ^= 0xff;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Spread the FNV bits (its low bits mix poorly).
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        for (bit, c) in counts.iter_mut().enumerate() {
            *c += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(counts.iter().enumerate().fold(0u64, |acc, (bit, &c)| if c > 0 { acc | 1 << bit } else { acc }))
}

#[cfg(test)]
mod simhash_tests {
    use super::simhash;

    fn story(extra: &str) -> String {
        let body = "The foreign ministers of the two countries met in the capital on Monday to discuss trade, energy \
                    and the reconstruction of roads and power plants damaged during the war. Officials said the talks \
                    lasted four hours and ended with an agreement to meet again next month in the other capital, \
                    where a larger delegation of business leaders is expected to join them for a second round.";
        format!("{body} {extra}")
    }

    #[test]
    fn copies_are_close_and_other_stories_are_far() {
        let a = simhash(&story("Read more on our website.")).unwrap();
        let b = simhash(&story("(Reporting by a correspondent; editing by a desk.)")).unwrap();
        let c = simhash(&"Heavy rain flooded the river valley overnight, forcing hundreds of families to leave their homes as rescue teams worked through the night to reach villages cut off by the water, while the weather service warned that more storms would follow later in the week across the whole northern region of the country and its neighbours. Schools stayed closed and trains were cancelled.").unwrap();
        eprintln!("copy {} other {}", (a ^ b).count_ones(), (a ^ c).count_ones());
        assert!((a ^ b).count_ones() <= 8, "{}", (a ^ b).count_ones());
        assert!((a ^ c).count_ones() > 16, "{}", (a ^ c).count_ones());
        assert_eq!(simhash("Too short to judge."), None);
    }
}
