//! Reading articles: plain-text files (one article each), JSONL files
//! (one article a line), HTML pages (`.html`, `.htm`, also gzipped: the
//! main text and metadata of one article each, see [`html`]), WARC archives
//! ([`warc`]) and web feeds (`.rss`, `.atom`, `.xml` whose root is a feed:
//! one article an item, see [`feed`]), from paths, directories or standard
//! input.
//!
//! Produces [`Doc`]s with metadata and normalized text, nothing else. Reads
//! every input as a stream: memory is bounded by [`MAX_DOC_BYTES`] whatever
//! the size of the file. A bad file or line gives an [`InputError`] naming
//! where it is, and reading goes on with the next line or file.

mod date;
pub mod feed;
pub mod html;
pub mod warc;
mod jsonl;

pub use date::normalize_date;

use newsgraph_doc::Doc;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest document (a text file or one JSONL line) that is read.
pub const MAX_DOC_BYTES: usize = 32 << 20;

/// What went wrong with one file, line or record, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub line: Option<u64>,
    pub byte: Option<u64>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(b) = self.byte {
            write!(f, " (byte {b})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(path: &str, message: impl Into<String>) -> InputError {
        InputError { path: path.to_string(), line: None, byte: None, message: message.into() }
    }
}

/// Metadata given on the command line for plain-text inputs; it also fills
/// fields a JSONL article leaves empty.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
}

impl Defaults {
    fn apply(&self, doc: &mut Doc) {
        if doc.published.is_none() {
            if let Some(p) = &self.published {
                doc.published = Some(p.clone());
                doc.published_source = Some(newsgraph_doc::DateSource::Metadata);
            }
        }
        if doc.title.is_none() {
            doc.title = self.title.clone();
        }
        if doc.url.is_none() {
            doc.url = self.url.clone();
        }
        if doc.site.is_none() {
            doc.site = self.site.clone();
        }
    }
}

/// Expand paths into the input files to read: files as given, directories
/// recursively (files ending `.txt`, `.jsonl`, `.ndjson`, `.html`, `.htm`,
/// `.html.gz`, `.warc`, `.warc.gz`, `.rss`, `.atom`, and `.xml` files that
/// are feeds; sorted), `-` for
/// standard input. Paths that do not exist give an error each.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(InputError::new(&p.display().to_string(), "no such file or directory"));
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            errors.push(InputError::new(&dir.display().to_string(), e.to_string()));
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, files, errors);
        } else if kind_of(&p).is_some_and(|k| k != Kind::Xml || xml_file_is_feed(&p)) {
            files.push(p);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    Html,
    /// A gzipped HTML page.
    HtmlGz,
    /// A WARC file, plain or gzipped (`.warc`, `.warc.gz`).
    Warc,
    WarcGz,
    /// An RSS, RDF or Atom feed (`.rss`, `.atom`).
    Feed,
    /// An `.xml` file: a feed if its root element says so.
    Xml,
}

/// Whether an `.xml` file is a feed (its root element is rss, feed or RDF).
fn xml_file_is_feed(p: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    File::open(p).and_then(|f| f.take(4096).read_to_end(&mut head)).is_ok() && feed::is_feed(&head)
}

fn kind_of(p: &Path) -> Option<Kind> {
    match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(Kind::Text),
        "jsonl" | "ndjson" => Some(Kind::Jsonl),
        "html" | "htm" | "xhtml" => Some(Kind::Html),
        "warc" => Some(Kind::Warc),
        "rss" | "atom" => Some(Kind::Feed),
        "xml" => Some(Kind::Xml),
        "gz" => {
            let stem = Path::new(p.file_stem()?);
            match stem.extension()?.to_str()?.to_ascii_lowercase().as_str() {
                "html" | "htm" | "xhtml" => Some(Kind::HtmlGz),
                "warc" => Some(Kind::WarcGz),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Articles read from one input, in order. Yields `Ok(doc)` for each article
/// and `Err` for each bad line or file; never stops early on bad input.
pub struct Input {
    name: String,
    reader: Box<dyn BufRead + Send>,
    kind: Kind,
    defaults: Defaults,
    line: u64,
    bytes: Counter,
    done: bool,
    buf: Vec<u8>,
    warc: Option<warc::Reader<Box<dyn BufRead + Send>>>,
    /// The articles of a feed, once it is read.
    feed: Option<std::vec::IntoIter<Result<Doc, InputError>>>,
}

/// Counts the bytes read from a file under a decompressor.
struct CountingReader<R> {
    inner: R,
    counter: Counter,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.add(n);
        Ok(n)
    }
}

/// Bytes consumed so far, shared with the reader.
#[derive(Clone, Default)]
pub struct Counter(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Counter {
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
    fn add(&self, n: usize) {
        self.0.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Input {
    /// Open `path` (`-` is standard input). The kind of input follows the
    /// name's extension; standard input is JSONL when it starts with `{`,
    /// HTML when it starts with `<`, else plain text.
    pub fn open(path: &Path, defaults: &Defaults) -> Result<Input, InputError> {
        let name = path.display().to_string();
        let gz_counter = Counter::default();
        let (reader, kind): (Box<dyn BufRead + Send>, Kind) = if path.as_os_str() == "-" {
            let mut r = BufReader::with_capacity(1 << 16, io::stdin());
            let head = r.fill_buf().map_err(|e| InputError::new("<stdin>", e.to_string()))?;
            let first = head
                .strip_prefix(b"\xef\xbb\xbf")
                .unwrap_or(head)
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .copied();
            let kind = match first {
                Some(b'{') => Kind::Jsonl,
                Some(b'<') if feed::is_feed(r.buffer()) => Kind::Feed,
                Some(b'<') => Kind::Html,
                _ => Kind::Text,
            };
            (Box::new(r), kind)
        } else {
            let kind = match kind_of(path) {
                Some(Kind::Xml) if xml_file_is_feed(path) => Kind::Feed,
                Some(Kind::Xml) => {
                    return Err(InputError::new(&name, "not a feed: an .xml file is read only when its root element is rss, feed or RDF"))
                }
                Some(k) => k,
                None => {
                    return Err(InputError::new(
                        &name,
                        "unsupported file type (expected .txt, .jsonl, .ndjson, .html, .htm, .html.gz, .warc, .warc.gz, .rss, .atom or .xml)",
                    ))
                }
            };
            let f = File::open(path).map_err(|e| InputError::new(&name, e.to_string()))?;
            let r: Box<dyn BufRead + Send> = if kind == Kind::HtmlGz || kind == Kind::WarcGz {
                // Progress counts the bytes of the file, not of the page.
                let counted = CountingReader { inner: f, counter: gz_counter.clone() };
                Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(counted)))
            } else {
                Box::new(BufReader::with_capacity(1 << 16, f))
            };
            (r, kind)
        };
        let mut input =
            Input::from_reader(if name == "-" { "<stdin>".into() } else { name }, reader, kind == Kind::Jsonl, defaults);
        input.kind = kind;
        if kind == Kind::HtmlGz || kind == Kind::WarcGz {
            input.bytes = gz_counter;
        }
        if matches!(kind, Kind::Warc | Kind::WarcGz) {
            let r = std::mem::replace(&mut input.reader, Box::new(io::empty()));
            input.warc = Some(warc::Reader::new(r));
        }
        Ok(input)
    }

    /// Read one HTML page from any reader.
    pub fn html_from_reader(name: String, reader: Box<dyn BufRead + Send>, defaults: &Defaults) -> Input {
        let mut input = Input::from_reader(name, reader, false, defaults);
        input.kind = Kind::Html;
        input
    }

    /// Read articles from any reader: JSONL when `jsonl`, else one text.
    pub fn from_reader(
        name: String,
        reader: Box<dyn BufRead + Send>,
        jsonl: bool,
        defaults: &Defaults,
    ) -> Input {
        Input {
            name,
            reader,
            kind: if jsonl { Kind::Jsonl } else { Kind::Text },
            defaults: defaults.clone(),
            line: 0,
            bytes: Counter::default(),
            done: false,
            buf: Vec::new(),
            warc: None,
            feed: None,
        }
    }

    /// A handle on the number of bytes read so far (for progress bars).
    pub fn counter(&self) -> Counter {
        self.bytes.clone()
    }

    fn err(&self, line: Option<u64>, byte: Option<u64>, msg: impl Into<String>) -> InputError {
        InputError { path: self.name.clone(), line, byte, message: msg.into() }
    }

    /// The next HTML response of a WARC file as an article; other records
    /// are passed over. An error names the record number.
    fn next_warc(&mut self) -> Option<Result<Doc, InputError>> {
        loop {
            let item = self.warc.as_mut()?.next();
            let rec = match item {
                None => {
                    self.done = true;
                    return None;
                }
                Some(Err(e)) => {
                    if !e.recoverable {
                        self.done = true;
                    }
                    return Some(Err(self.err(None, None, format!("WARC record {}: {}", e.record, e.message))));
                }
                Some(Ok(r)) => r,
            };
            if rec.record_type != "response" {
                continue;
            }
            let body = match warc::html_body(&rec.block) {
                Ok(Some(b)) => b,
                Ok(None) => continue,
                Err(m) => return Some(Err(self.err(None, None, format!("WARC record {}: {m}", rec.number)))),
            };
            let page = match html::extract(&body) {
                Ok(p) => p,
                Err(m) => return Some(Err(self.err(None, None, format!("WARC record {}: {m}", rec.number)))),
            };
            let mut doc = page.into_doc();
            if doc.text.trim().is_empty() {
                continue;
            }
            if doc.url.is_none() {
                doc.url = rec.target_uri.clone();
            }
            if doc.published.is_none() {
                if let Some(d) = rec.date.as_deref().and_then(normalize_date) {
                    doc.published = Some(d);
                    doc.published_source = Some(newsgraph_doc::DateSource::Crawl);
                }
            }
            if let Some(u) = &rec.target_uri {
                doc.meta.insert("warc_target_uri".into(), serde_json::Value::String(u.clone()));
            }
            self.defaults.apply(&mut doc);
            return Some(Ok(doc));
        }
    }

    /// The whole input (one document), at most [`MAX_DOC_BYTES`]; a larger
    /// one is an error naming `what` and is consumed without being kept (a
    /// gzipped page is not inflated further: it may be a gzip bomb).
    fn read_whole(&mut self, what: &str) -> Result<Vec<u8>, InputError> {
        self.done = true;
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_DOC_BYTES as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| match self.kind {
                Kind::HtmlGz => self.err(None, None, format!("truncated or corrupt gzip data: {e}")),
                _ => self.err(None, None, e.to_string()),
            })?;
        let gz = self.kind == Kind::HtmlGz;
        if !gz {
            self.bytes.add(n);
        }
        if n > MAX_DOC_BYTES {
            if gz {
                return Err(self.err(None, None, format!("{what} is over the {MAX_DOC_BYTES}-byte limit once uncompressed; skipped")));
            }
            let rest = io::copy(&mut self.reader, &mut io::sink()).unwrap_or(0);
            self.bytes.add(rest as usize);
            return Err(self.err(None, None, format!("{what} is {} bytes; the limit is {MAX_DOC_BYTES}", n as u64 + rest)));
        }
        Ok(buf)
    }

    /// The next item of a feed that has text. The feed is read whole (at
    /// most [`MAX_DOC_BYTES`]) on the first call; invalid XML is one error
    /// after the items before it.
    fn next_feed(&mut self) -> Option<Result<Doc, InputError>> {
        if self.feed.is_none() {
            let mut out = Vec::new();
            match self.read_whole("feed") {
                Err(e) => out.push(Err(e)),
                Ok(buf) => {
                    let (items, err) = feed::parse(&buf);
                    let mut docs: Vec<Result<Doc, InputError>> = items
                        .into_iter()
                        .filter_map(feed::Item::into_doc)
                        .map(|mut d| {
                            self.defaults.apply(&mut d);
                            Ok(d)
                        })
                        .collect();
                    if let Some(e) = err {
                        docs.push(Err(self.err(None, Some(e.byte), e.to_string())));
                    }
                    out = docs;
                }
            }
            self.feed = Some(out.into_iter());
        }
        self.feed.as_mut()?.next()
    }

    fn next_text(&mut self) -> Result<Doc, InputError> {
        let buf = self.read_whole("document")?;
        let text = decode(&buf).map_err(|(b, m)| self.err(None, Some(b), m))?;
        if text.trim().is_empty() {
            return Err(self.err(None, None, "empty file: no text to read"));
        }
        let mut doc = Doc::new(text);
        self.defaults.apply(&mut doc);
        Ok(doc)
    }

    fn next_html(&mut self) -> Result<Doc, InputError> {
        let buf = self.read_whole("HTML page")?;
        let page = html::extract(&buf).map_err(|m| self.err(None, None, m))?;
        let mut doc = page.into_doc();
        self.defaults.apply(&mut doc);
        Ok(doc)
    }

    fn next_line(&mut self) -> Option<Result<Doc, InputError>> {
        loop {
            self.buf.clear();
            let (n, overflow) = match read_line_bounded(&mut self.reader, &mut self.buf, MAX_DOC_BYTES) {
                Ok(r) => r,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.err(Some(self.line + 1), None, e.to_string())));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            self.bytes.add(n);
            self.line += 1;
            let line = self.line;
            if overflow {
                return Some(Err(self.err(
                    Some(line),
                    None,
                    format!("line is over the {MAX_DOC_BYTES}-byte limit; skipped"),
                )));
            }
            // A byte order mark before the first line is not part of it.
            let bom = if line == 1 && self.buf.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
            let text = match decode(&self.buf[bom..]) {
                Ok(t) => t,
                Err((b, m)) => return Some(Err(self.err(Some(line), Some(b), m))),
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(
                jsonl::parse_article(text, &self.defaults).map_err(|m| self.err(Some(line), None, m)),
            );
        }
    }
}

impl Iterator for Input {
    type Item = Result<Doc, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(items) = self.feed.as_mut() {
            return items.next();
        }
        if self.done {
            return None;
        }
        match self.kind {
            Kind::Text => Some(self.next_text()),
            Kind::Jsonl => self.next_line(),
            Kind::Html | Kind::HtmlGz => Some(self.next_html()),
            Kind::Warc | Kind::WarcGz => self.next_warc(),
            Kind::Feed | Kind::Xml => self.next_feed(),
        }
    }
}

/// UTF-8 text of `bytes`, or the byte offset and nature of the problem.
fn decode(bytes: &[u8]) -> Result<&str, (u64, String)> {
    if let Some(i) = memchr0(bytes) {
        return Err((i as u64, "binary data (a NUL byte); not a text article".into()));
    }
    std::str::from_utf8(bytes).map_err(|e| (e.valid_up_to() as u64, "invalid UTF-8".to_string()))
}

fn memchr0(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Read one line (without its `\n` or `\r\n`) into `buf`, keeping at most
/// `max` bytes: a longer line is consumed to its end and reported as
/// overflowing. Returns the bytes consumed (0 at end of input).
pub fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut overflow = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let body = if found { &chunk[..take - 1] } else { chunk };
        if !overflow {
            if buf.len() + body.len() > max {
                overflow = true;
                buf.clear();
            } else {
                buf.extend_from_slice(body);
            }
        }
        r.consume(take);
        consumed += take;
        if found {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok((consumed, overflow))
}

#[cfg(test)]
mod tests;

/// Score HTML main-text extraction on a directory laid out like
/// `../shared/data/extract` (`html/ID.html.gz` and `ground-truth.json`): word
/// 4-gram precision, recall and F1 against each page's `articleBody`.
/// Figures: mean per-page precision, recall and F1 (the benchmark's own
/// averaging, see [`html::eval`]), the same pooled over all shingles
/// (`micro_*`), and the speed of extraction alone on one core (pages and MB
/// of HTML per second; reading and gunzipping are not timed).
pub fn eval_extract(dir: &Path) -> Result<newsgraph_doc::Table, newsgraph_doc::BoxError> {
    html::eval::eval_extract(dir)
}
