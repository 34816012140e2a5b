//! Web feeds: RSS 2.0, RSS 1.0 (RDF) and Atom. Each item or entry is one
//! article: its title, link, date, authors, the feed's title as the site,
//! and its text — the full text when the feed carries it (`content:encoded`,
//! Atom `content`), else the summary (`description`, Atom `summary`), which
//! marks the item as a stub (`summary_only`) whose page is worth fetching.
//! HTML in a feed goes through the same extraction as web pages.
//!
//! Invalid XML stops the feed with an error naming the item and the byte;
//! the items read before it are kept.

use crate::html;
use crate::normalize_date;
use newsgraph_doc::{DateSource, Doc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// One item of a feed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    /// 1-based position in the feed.
    pub number: u64,
    pub title: Option<String>,
    /// The item's page (RSS `link`, a permalink `guid`, Atom `link`).
    pub link: Option<String>,
    /// RSS `guid`, Atom `id`.
    pub guid: Option<String>,
    /// Normalized like the other inputs (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The feed's own title.
    pub site: Option<String>,
    /// The article text, paragraphs separated by a blank line; may be empty.
    pub text: String,
    /// The feed carries only a summary (or nothing) of this item.
    pub summary_only: bool,
}

/// Invalid feed XML: after how many items (the item being read when it
/// went wrong, 0 before the first), at which byte, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedError {
    pub item: u64,
    pub byte: u64,
    pub message: String,
}

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.item == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "item {}: {}", self.item, self.message)
        }
    }
}

impl Item {
    /// The item as a pipeline document, or `None` when it has no text.
    /// `meta` gets `feed_guid` and, for stubs, `"feed_summary_only": true`.
    pub fn into_doc(self) -> Option<Doc> {
        if self.text.trim().is_empty() {
            return None;
        }
        let mut doc = Doc::new(&self.text);
        doc.title = self.title;
        doc.url = self.link;
        doc.site = self.site;
        doc.authors = self.authors;
        if let Some(p) = self.published {
            doc.published = Some(p);
            doc.published_source = Some(DateSource::Metadata);
        }
        if let Some(g) = self.guid {
            doc.meta.insert("feed_guid".into(), serde_json::Value::String(g));
        }
        if self.summary_only {
            doc.meta.insert("feed_summary_only".into(), serde_json::Value::Bool(true));
        }
        Some(doc)
    }
}

/// Whether the start of a document is a feed: its root element is `rss`,
/// `feed` or `RDF` (any prefix). Looks at the first element only.
pub fn is_feed(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head));
    let mut r = Reader::from_str(&text);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => return root_kind(e.local_name().as_ref()),
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

fn root_kind(name: &str) -> bool {
    name == "rss" || name == "feed" || name == "RDF"
}

/// The feed as text: a byte order mark or the XML declaration's encoding,
/// else UTF-8; a feed that is not the UTF-8 it claims is read as
/// Windows-1252 (as web pages are).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, n)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 || std::str::from_utf8(&bytes[n..]).is_ok() {
            return enc.decode_without_bom_handling(&bytes[n..]).0;
        }
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(200)]).filter(|e| *e != encoding_rs::UTF_8);
    declared.unwrap_or(encoding_rs::WINDOWS_1252).decode_without_bom_handling(bytes).0
}

fn declared_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = &head[..end];
    let i = memchr::memmem::find(decl, b"encoding")? + 8;
    let rest = &decl[i..];
    let q = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let rest = &rest[q + 1..];
    let e = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    encoding_rs::Encoding::for_label(&rest[..e])
}

/// What a captured element is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    SiteTitle,
    Title,
    Link,
    Guid,
    Published,
    Updated,
    Author,
    Summary,
    Content,
}

/// The text of an element being read, and its markup when it holds
/// elements (Atom `type="xhtml"`).
struct Capture {
    field: Field,
    depth: usize,
    text: String,
    markup: String,
    children: bool,
    /// Atom `type`: text, html or xhtml.
    kind: Option<String>,
    /// Where an Atom `<name>` child starts in `text`, and its text.
    name_start: Option<usize>,
    name: Option<String>,
    /// An RSS guid that is not a permalink.
    not_permalink: bool,
}

#[derive(Default)]
struct Building {
    item: Item,
    depth: usize,
    content: Option<String>,
    summary: Option<String>,
    updated: Option<String>,
}

/// Read a whole feed. Returns the items in order and the error that
/// stopped reading, if any (the items before it are kept).
pub fn parse(bytes: &[u8]) -> (Vec<Item>, Option<FeedError>) {
    let text = decode(bytes);
    let mut r = Reader::from_str(&text);
    r.config_mut().check_end_names = true;
    let mut items = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut site: Option<String> = None;
    let mut cur: Option<Building> = None;
    let mut cap: Option<Capture> = None;
    let mut number = 0u64;
    let fail = |number: u64, cur: &Option<Building>, byte: u64, message: String| FeedError {
        item: if cur.is_some() { number } else { 0 },
        byte,
        message: if cur.is_some() || number == 0 { message } else { format!("{message} (after item {number})") },
    };
    loop {
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => return (items, Some(fail(number, &cur, r.error_position(), format!("invalid XML: {e}")))),
        };
        match ev {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if stack.is_empty() && !root_kind(&name) {
                    return (items, Some(FeedError { item: 0, byte: 0, message: format!("not a feed: the root element is <{name}> (expected rss, feed or RDF)") }));
                }
                if let Some(c) = cap.as_mut() {
                    c.children = true;
                    c.markup.push('<');
                    c.markup.push_str(&e);
                    c.markup.push('>');
                    if c.field == Field::Author && name == "name" && stack.len() == c.depth + 1 {
                        c.name_start = Some(c.text.len());
                    }
                } else if let Some(b) = cur.as_mut() {
                    if stack.len() == b.depth + 1 {
                        start_item_field(&e, &name, stack.len(), b, &mut cap);
                    }
                } else if name == "item" || name == "entry" {
                    number += 1;
                    cur = Some(Building { item: Item { number, ..Item::default() }, depth: stack.len(), ..Building::default() });
                } else if name == "title" && site.is_none() && stack.last().is_some_and(|p| p == "channel" || p == "feed") {
                    cap = Some(capture(Field::SiteTitle, stack.len(), None));
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if stack.is_empty() {
                    if !root_kind(name) {
                        return (items, Some(FeedError { item: 0, byte: 0, message: format!("not a feed: the root element is <{name}> (expected rss, feed or RDF)") }));
                    }
                    break;
                }
                if let Some(c) = cap.as_mut() {
                    c.children = true;
                    c.markup.push('<');
                    c.markup.push_str(&e);
                    c.markup.push_str("/>");
                } else if let Some(b) = cur.as_mut() {
                    if stack.len() == b.depth + 1 && name == "link" {
                        atom_link(&e, &mut b.item);
                    }
                }
            }
            Event::End(e) => {
                let depth = stack.len().saturating_sub(1);
                stack.pop();
                let name = e.local_name().as_ref().to_string();
                if let Some(c) = cap.as_mut() {
                    if depth > c.depth {
                        c.markup.push_str("</");
                        c.markup.push_str(&e);
                        c.markup.push('>');
                        if name == "name" && depth == c.depth + 1 {
                            if let Some(s) = c.name_start.take() {
                                c.name = Some(c.text[s..].trim().to_string());
                            }
                        }
                        continue;
                    }
                    let c = cap.take().expect("capture");
                    match (c.field, cur.as_mut()) {
                        (Field::SiteTitle, _) => site = Some(clean_line(&c.text)).filter(|s| !s.is_empty()),
                        (_, Some(b)) => finish_field(c, b),
                        (_, None) => {}
                    }
                    continue;
                }
                if cur.as_ref().is_some_and(|b| b.depth == depth) {
                    let b = cur.take().expect("item");
                    items.push(finish_item(b, &site));
                }
            }
            Event::Text(t) => {
                if let Some(c) = cap.as_mut() {
                    c.text.push_str(&t.xml10_content());
                    c.markup.push_str(&t);
                }
            }
            Event::CData(t) => {
                if let Some(c) = cap.as_mut() {
                    let s = t.xml10_content();
                    c.text.push_str(&s);
                    c.markup.push_str(&quick_xml::escape::escape(s.as_ref()));
                }
            }
            Event::GeneralRef(g) => {
                if let Some(c) = cap.as_mut() {
                    let resolved = match g.resolve_char_ref() {
                        Ok(Some(ch)) => Some(ch.to_string()),
                        Ok(None) => quick_xml::escape::resolve_xml_entity(&g).map(str::to_string),
                        Err(_) => None,
                    };
                    match resolved {
                        Some(s) => c.text.push_str(&s),
                        // An HTML entity in sloppy XML: HTML extraction resolves it.
                        None => {
                            c.text.push('&');
                            c.text.push_str(&g);
                            c.text.push(';');
                        }
                    }
                    c.markup.push('&');
                    c.markup.push_str(&g);
                    c.markup.push(';');
                }
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    let msg = format!("unexpected end of the feed inside <{open}>");
                    return (items, Some(fail(number, &cur, text.len() as u64, msg)));
                }
                break;
            }
            _ => {}
        }
    }
    (items, None)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
}

/// An Atom `<link href rel>`: the first alternate (or unqualified) one is
/// the item's page.
fn atom_link(e: &BytesStart, it: &mut Item) {
    if it.link.is_none() && attr(e, "rel").as_deref().is_none_or(|r| r == "alternate") {
        it.link = attr(e, "href").map(|h| h.trim().to_string()).filter(|h| !h.is_empty());
    }
}

fn capture(field: Field, depth: usize, kind: Option<String>) -> Capture {
    Capture {
        field,
        depth,
        text: String::new(),
        markup: String::new(),
        children: false,
        kind,
        name_start: None,
        name: None,
        not_permalink: false,
    }
}

/// Begin reading a direct child of an item, if it is one we keep.
fn start_item_field(e: &BytesStart, name: &str, depth: usize, b: &mut Building, cap: &mut Option<Capture>) {
    let field = match name {
        "title" => Field::Title,
        "link" if attr(e, "href").is_some() => return atom_link(e, &mut b.item),
        "link" => Field::Link,
        "guid" | "id" => Field::Guid,
        "pubDate" | "published" | "date" | "issued" | "created" => Field::Published,
        "updated" | "modified" => Field::Updated,
        "author" | "creator" => Field::Author,
        "description" | "summary" => Field::Summary,
        "encoded" => Field::Content,
        // An Atom `content` with `src` has its text elsewhere.
        "content" if attr(e, "src").is_some() => return,
        "content" => Field::Content,
        _ => return,
    };
    let kind = matches!(field, Field::Content | Field::Summary | Field::Title).then(|| attr(e, "type")).flatten();
    let mut c = capture(field, depth, kind);
    c.not_permalink = field == Field::Guid && attr(e, "isPermaLink").is_some_and(|v| v.trim() == "false");
    *cap = Some(c);
}

fn finish_field(c: Capture, b: &mut Building) {
    let it = &mut b.item;
    match c.field {
        Field::SiteTitle => {}
        Field::Title => {
            let t = if c.kind.as_deref() == Some("html") { to_text(&c.text) } else { clean_line(&c.text) };
            it.title = Some(t).filter(|t| !t.is_empty());
        }
        Field::Link => {
            if it.link.is_none() {
                it.link = Some(c.text.trim().to_string()).filter(|l| !l.is_empty());
            }
        }
        Field::Guid => {
            let g = c.text.trim().to_string();
            if !c.not_permalink && it.link.is_none() && (g.starts_with("http://") || g.starts_with("https://")) {
                it.link = Some(g.clone());
            }
            it.guid = Some(g).filter(|g| !g.is_empty());
        }
        Field::Published => {
            if it.published.is_none() {
                it.published = parse_date(&c.text);
            }
        }
        Field::Updated => {
            if b.updated.is_none() {
                b.updated = parse_date(&c.text);
            }
        }
        Field::Author => {
            let who = match c.name {
                Some(n) => n,
                None if c.children => String::new(),
                None => rss_author(&c.text),
            };
            let who = clean_line(&who);
            if !who.is_empty() && !it.authors.contains(&who) {
                it.authors.push(who);
            }
        }
        Field::Summary | Field::Content => {
            let text = body_text(&c);
            if text.trim().is_empty() {
                return;
            }
            if c.field == Field::Content {
                b.content = Some(text);
            } else {
                b.summary = Some(text);
            }
        }
    }
}

fn finish_item(b: Building, site: &Option<String>) -> Item {
    let mut it = b.item;
    it.site = site.clone();
    if it.published.is_none() {
        it.published = b.updated;
    }
    match (b.content, b.summary) {
        (Some(c), _) => it.text = c,
        (None, s) => {
            it.text = s.unwrap_or_default();
            it.summary_only = true;
        }
    }
    it
}

/// The text of a summary or content element: XHTML children, escaped HTML
/// or plain text.
fn body_text(c: &Capture) -> String {
    match c.kind.as_deref() {
        Some("text") => paragraphs(&c.text),
        Some("xhtml") => to_text(&c.markup),
        _ if c.children => to_text(&c.markup),
        _ if looks_like_html(&c.text) => to_text(&c.text),
        _ => paragraphs(&c.text),
    }
}

fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!')) || s.contains("&#") || s.contains("&nbsp;")
}

/// HTML of a feed entry to text, through the page extractor; the
/// extractor keeps what it finds to be the article.
fn to_text(html_src: &str) -> String {
    html::fragment_text(html_src)
}

/// Plain text: runs of blank lines become paragraph breaks, other line
/// ends and spaces are kept as they are, the ends trimmed.
fn paragraphs(s: &str) -> String {
    s.trim().to_string()
}

/// One line of text: whitespace runs become one space.
fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `jane@example.org (Jane Doe)` → `Jane Doe`; a bare address is dropped.
fn rss_author(s: &str) -> String {
    let s = s.trim();
    if let (Some(o), true) = (s.find('('), s.ends_with(')')) {
        return s[o + 1..s.len() - 1].to_string();
    }
    if s.contains('@') && !s.contains(' ') {
        return String::new();
    }
    s.to_string()
}

/// A feed date: RFC 3339 / ISO (Atom, `dc:date`) or RFC 822 (RSS).
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    normalize_date(s).or_else(|| rfc822(s))
}

/// `Thu, 16 Oct 2025 09:30:00 +0300` → `2025-10-16T09:30:00+03:00`. The
/// day name and the seconds are optional; zones are numeric offsets, `GMT`,
/// `UT`, `UTC`, `Z` or the North American names RFC 822 defines.
fn rfc822(s: &str) -> Option<String> {
    let s = match s.find(',') {
        Some(i) => &s[i + 1..],
        None => s,
    };
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = MONTHS.iter().position(|m| month.starts_with(m))? + 1;
    let year: u32 = parts.next()?.parse().ok()?;
    let year = match year {
        0..=49 => 2000 + year,
        50..=99 => 1900 + year,
        _ => year,
    };
    let time = parts.next()?;
    let mut hms = time.split(':');
    let h: u32 = hms.next()?.parse().ok()?;
    let m: u32 = hms.next()?.parse().ok()?;
    let sec: u32 = match hms.next() {
        Some(x) => x.parse().ok()?,
        None => 0,
    };
    if hms.next().is_some() || h > 23 || m > 59 || sec > 60 || !(1..=31).contains(&day) {
        return None;
    }
    let zone = match parts.next().unwrap_or("GMT").to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => "Z".to_string(),
        "EST" => "-05:00".into(),
        "EDT" => "-04:00".into(),
        "CST" => "-06:00".into(),
        "CDT" => "-05:00".into(),
        "MST" => "-07:00".into(),
        "MDT" => "-06:00".into(),
        "PST" => "-08:00".into(),
        "PDT" => "-07:00".into(),
        z if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) && z[1..].bytes().all(|b| b.is_ascii_digit()) => {
            if &z[1..] == "0000" {
                "Z".into()
            } else {
                format!("{}:{}", &z[..3], &z[3..])
            }
        }
        _ => return None,
    };
    normalize_date(&format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{sec:02}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Ferry strike ends after &amp; talks</title>
    <link>https://gazette.example/ferry</link>
    <guid isPermaLink="false">gz-101</guid>
    <pubDate>Thu, 16 Oct 2025 09:30:00 +0300</pubDate>
    <author>desk@gazette.example (Mira Holt)</author>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The ferry workers' union ended its strike on Thursday after ten hours of talks with the port authority.</p><p>Services resume on Friday morning, the union said.</p><ul class="share"><li><a href="/s1">Share</a></li><li><a href="/s2">Tweet</a></li></ul>]]></content:encoded>
  </item>
  <item>
    <title>Council approves new bridge</title>
    <guid>https://gazette.example/bridge</guid>
    <dc:date>2025-10-17T08:00:00Z</dc:date>
    <dc:creator>Ola Brandt</dc:creator>
    <description>&lt;p&gt;The city council approved the bridge on Friday. &lt;a href="https://gazette.example/bridge"&gt;Continue reading&lt;/a&gt;&lt;/p&gt;</description>
  </item>
  <item><title>Only a title</title><link>https://gazette.example/title-only</link></item>
</channel>
</rss>"#;

    #[test]
    fn rss_items_full_text_and_stubs() {
        let (items, err) = parse(RSS.as_bytes());
        assert_eq!(err, None);
        assert_eq!(items.len(), 3);
        let a = &items[0];
        assert_eq!(a.title.as_deref(), Some("Ferry strike ends after & talks"));
        assert_eq!(a.link.as_deref(), Some("https://gazette.example/ferry"));
        assert_eq!(a.guid.as_deref(), Some("gz-101"));
        assert_eq!(a.published.as_deref(), Some("2025-10-16T09:30:00+03:00"));
        assert_eq!(a.authors, vec!["Mira Holt"]);
        assert_eq!(a.site.as_deref(), Some("Harbour Gazette"));
        assert!(!a.summary_only);
        assert_eq!(
            a.text,
            "The ferry workers' union ended its strike on Thursday after ten hours of talks with the port authority.\n\nServices resume on Friday morning, the union said."
        );
        let b = &items[1];
        assert!(b.summary_only);
        assert_eq!(b.link.as_deref(), Some("https://gazette.example/bridge"), "a permalink guid is the link");
        assert_eq!((b.published.as_deref(), b.authors.as_slice()), (Some("2025-10-17T08:00:00Z"), &["Ola Brandt".to_string()][..]));
        assert!(b.text.starts_with("The city council approved the bridge on Friday."), "{:?}", b.text);
        assert!(items[2].summary_only && items[2].text.is_empty());
        let doc = items[1].clone().into_doc().unwrap();
        assert_eq!(doc.meta["feed_summary_only"], true);
        assert_eq!(doc.url.as_deref(), Some("https://gazette.example/bridge"));
        assert!(items[0].clone().into_doc().unwrap().meta.get("feed_summary_only").is_none());
        assert!(items[2].clone().into_doc().is_none(), "no text, no article");
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Valley Radio</title>
  <entry>
    <title type="html">Floods &lt;em&gt;close&lt;/em&gt; roads</title>
    <link rel="self" href="https://radio.example/api/1"/>
    <link rel="alternate" href="https://radio.example/floods"/>
    <id>tag:radio.example,2025:1</id>
    <updated>2025-10-18T10:00:00Z</updated>
    <published>2025-10-18T07:15:00+02:00</published>
    <author><name>Kai Lund</name><email>kai@radio.example</email></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Rising water closed three roads in the valley overnight, the police said.</p><p>Schools stay shut.</p></div></content>
  </entry>
  <entry>
    <title>Storm warning</title>
    <link href="https://radio.example/storm"/>
    <updated>2025-10-19T06:00:00Z</updated>
    <summary>Forecasters warned of a storm.</summary>
    <content src="https://radio.example/storm.html"/>
  </entry>
</feed>"#;
        let (items, err) = parse(atom.as_bytes());
        assert_eq!(err, None);
        assert_eq!(items.len(), 2);
        let a = &items[0];
        assert_eq!(a.title.as_deref(), Some("Floods close roads"));
        assert_eq!(a.link.as_deref(), Some("https://radio.example/floods"));
        assert_eq!(a.published.as_deref(), Some("2025-10-18T07:15:00+02:00"), "published wins over updated");
        assert_eq!(a.authors, vec!["Kai Lund"]);
        assert_eq!(a.site.as_deref(), Some("Valley Radio"));
        assert_eq!(a.text, "Rising water closed three roads in the valley overnight, the police said.\n\nSchools stay shut.");
        assert!(!a.summary_only);
        let b = &items[1];
        assert_eq!((b.text.as_str(), b.summary_only, b.published.as_deref()), ("Forecasters warned of a storm.", true, Some("2025-10-19T06:00:00Z")));
    }

    #[test]
    fn rdf_feeds_and_sniffing() {
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://mill.example/"><title>Mill Times</title></channel>
<item rdf:about="https://mill.example/a"><title>Mill reopens</title><link>https://mill.example/a</link><description>The old mill reopened as a museum on Saturday.</description></item>
</rdf:RDF>"#;
        assert!(is_feed(rdf.as_bytes()));
        assert!(is_feed(RSS.as_bytes()));
        assert!(is_feed(b"\xef\xbb\xbf<!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(!is_feed(b"<?xml version=\"1.0\"?><urlset><url/></urlset>"));
        assert!(!is_feed(b"<!DOCTYPE html><html><body>x</body></html>"));
        let (items, err) = parse(rdf.as_bytes());
        assert_eq!(err, None);
        assert_eq!((items[0].site.as_deref(), items[0].link.as_deref()), (Some("Mill Times"), Some("https://mill.example/a")));
        let (items, err) = parse(b"<urlset><url/></urlset>");
        assert!(items.is_empty() && err.unwrap().message.contains("not a feed"));
    }

    #[test]
    fn invalid_xml_keeps_the_items_before_it() {
        let cut = RSS.replace("<title>Council approves new bridge</title>", "<title>Council approves new bridge</titel>");
        let (items, err) = parse(cut.as_bytes());
        assert_eq!(items.len(), 1);
        let e = err.unwrap();
        assert_eq!(e.item, 2);
        assert!(e.byte > 0 && (e.byte as usize) < cut.len() && e.to_string().starts_with("item 2: invalid XML"), "{e:?}");
        // Cut short inside the second item.
        let short = &RSS[..RSS.find("<dc:creator>").unwrap()];
        let (items, err) = parse(short.as_bytes());
        assert_eq!(items.len(), 1);
        let e = err.unwrap();
        assert_eq!(e.item, 2);
        assert!(e.message.contains("unexpected end"), "{e:?}");
    }

    #[test]
    fn windows_1252_and_dates() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>Caf\xe9 News</title><item><title>Na\xefve \x93quotes\x94</title><description>Plain words.</description><pubDate>Mon, 6 Oct 25 14:05 GMT</pubDate></item></channel></rss>".to_vec();
        let (items, err) = parse(&bytes);
        assert_eq!(err, None);
        assert_eq!(items[0].site.as_deref(), Some("Café News"));
        assert_eq!(items[0].title.as_deref(), Some("Naïve “quotes”"));
        assert_eq!(items[0].published.as_deref(), Some("2025-10-06T14:05:00Z"));
        bytes.splice(0..0, b"\xef\xbb\xbf".iter().copied());
        assert_eq!(parse(&bytes).0.len(), 1, "a BOM is dropped");
        assert_eq!(parse_date("Thu, 16 Oct 2025 09:30:00 EST").as_deref(), Some("2025-10-16T09:30:00-05:00"));
        assert_eq!(parse_date("2025-10-16").as_deref(), Some("2025-10-16"));
        assert_eq!(parse_date("Thu, 32 Oct 2025 09:30:00 GMT"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), cut in 0usize..2000) {
            let _ = parse(&data);
            let _ = is_feed(&data);
            let c = cut.min(RSS.len());
            let (items, _) = parse(&RSS.as_bytes()[..c]);
            proptest::prop_assert!(items.len() <= 3);
        }
    }
}
