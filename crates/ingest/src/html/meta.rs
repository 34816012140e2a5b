//! Page metadata: title, authors, publication date, site name, canonical
//! URL and language, from `<meta>` tags, JSON-LD, `<time>`, bylines and the
//! URL itself.

use super::dom::{Data, Dom, NONE};
use crate::normalize_date;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

#[derive(Default)]
struct Found {
    /// `<meta name|property|itemprop=K content=V>`, keys lowercased; first wins.
    metas: HashMap<String, String>,
    authors_meta: Vec<String>,
    canonical: Option<String>,
    title: Option<String>,
    h1: Option<String>,
    lang: Option<String>,
    jsonld: Vec<Value>,
    time: Option<String>,
    itemprop_date: Option<String>,
    ld_date: Option<String>,
    bylines: Vec<String>,
}

pub fn extract(dom: &Dom) -> Meta {
    let mut f = Found::default();
    let mut stack = vec![0u32];
    while let Some(id) = stack.pop() {
        let node = &dom.nodes[id as usize];
        if let Data::Element(e) = &node.data {
            let name: &str = &e.name;
            match name {
                "html" => {
                    if let Some(l) = e.attr("lang").or_else(|| e.attr("xml:lang")) {
                        f.lang.get_or_insert_with(|| l.to_string());
                    }
                }
                "meta" => {
                    let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
                    let content = e.attr("content").map(str::trim).filter(|c| !c.is_empty());
                    if let (Some(k), Some(c)) = (key, content) {
                        let k = k.trim().to_ascii_lowercase();
                        if k == "author" || k == "article:author" || k == "dc.creator" || k == "sailthru.author" || k == "parsely-author" {
                            f.authors_meta.push(c.to_string());
                        }
                        f.metas.entry(k).or_insert_with(|| c.to_string());
                    }
                    if let (Some(h), Some(c)) = (e.attr("http-equiv"), content) {
                        if h.eq_ignore_ascii_case("content-language") {
                            f.metas.entry("content-language".into()).or_insert_with(|| c.to_string());
                        }
                    }
                }
                "link" if e.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                    if let Some(h) = e.attr("href") {
                        f.canonical.get_or_insert_with(|| h.trim().to_string());
                    }
                }
                "title" if f.title.is_none() => f.title = Some(text_of(dom, id)),
                "h1" if f.h1.is_none() => {
                    let t = text_of(dom, id);
                    if !t.is_empty() {
                        f.h1 = Some(t);
                    }
                }
                "script" => {
                    if e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                        let raw = text_of_raw(dom, id);
                        match serde_json::from_str::<Value>(raw.trim()) {
                            Ok(v) => f.jsonld.push(v),
                            // Broken JSON-LD is common: take the date by hand.
                            Err(_) => {
                                if f.ld_date.is_none() {
                                    f.ld_date = string_after(&raw, "\"datePublished\"");
                                }
                            }
                        }
                    }
                    continue;
                }
                "style" | "noscript" | "template" | "svg" => continue,
                "time" if f.time.is_none() => f.time = e.attr("datetime").map(str::to_string),
                _ => {}
            }
            if let Some(p) = e.attr("itemprop") {
                if p == "datePublished" && f.itemprop_date.is_none() {
                    f.itemprop_date = e.attr("content").or_else(|| e.attr("datetime")).map(str::to_string);
                }
                if p == "author" && f.bylines.len() < 8 {
                    let t = text_of(dom, id);
                    if !t.is_empty() && t.len() < 100 {
                        f.bylines.push(t);
                    }
                }
            } else if e.attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w == "author")) && f.bylines.len() < 8 {
                let t = text_of(dom, id);
                if !t.is_empty() && t.len() < 100 {
                    f.bylines.push(t);
                }
            }
        }
        let mut c = node.last;
        while c != NONE {
            stack.push(c);
            c = dom.nodes[c as usize].prev;
        }
    }
    build(f)
}

fn text_of_raw(dom: &Dom, id: u32) -> String {
    let mut s = String::new();
    let mut stack = vec![id];
    while let Some(x) = stack.pop() {
        if let Data::Text(t) = &dom.nodes[x as usize].data {
            s.push_str(t);
        }
        let mut c = dom.nodes[x as usize].last;
        while c != NONE {
            stack.push(c);
            c = dom.nodes[c as usize].prev;
        }
    }
    s
}

fn text_of(dom: &Dom, id: u32) -> String {
    squash(&text_of_raw(dom, id))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON-LD objects, flattened out of `@graph` and arrays.
fn ld_objects(v: &Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: u32) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| ld_objects(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                ld_objects(g, out, depth + 1);
            }
            out.push(o.clone());
        }
        _ => {}
    }
}

fn is_article_type(o: &serde_json::Map<String, Value>) -> bool {
    let t = |s: &str| s.contains("Article") || s == "BlogPosting" || s == "Report" || s.ends_with("Posting");
    match o.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

fn ld_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| ld_names(x, out)),
        Value::Object(o) => {
            if let Some(Value::String(n)) = o.get("name") {
                out.push(n.clone());
            }
        }
        _ => {}
    }
}

fn build(f: Found) -> Meta {
    let mut objs = Vec::new();
    for v in &f.jsonld {
        ld_objects(v, &mut objs, 0);
    }
    let article = objs.iter().find(|o| is_article_type(o));
    // A field of the article object, else of the first object that has it.
    let ld_str = |k: &str| {
        article
            .and_then(|o| o.get(k))
            .and_then(Value::as_str)
            .or_else(|| objs.iter().find_map(|o| o.get(k).and_then(Value::as_str)))
            .map(str::to_string)
    };
    let m = |k: &str| f.metas.get(k).cloned();

    let title = m("og:title")
        .or_else(|| ld_str("headline"))
        .or_else(|| m("twitter:title"))
        .or_else(|| f.h1.clone())
        .or_else(|| f.title.clone())
        .map(|t| squash(&t))
        .filter(|t| !t.is_empty());

    let mut authors = Vec::new();
    if let Some(a) = article.and_then(|o| o.get("author")) {
        ld_names(a, &mut authors);
    }
    if authors.is_empty() {
        authors = f.authors_meta.iter().filter(|a| !a.starts_with("http")).cloned().collect();
    }
    if authors.is_empty() {
        authors = f.bylines.clone();
    }
    let mut clean_authors: Vec<String> = Vec::new();
    for a in authors {
        for part in split_byline(&a) {
            if !clean_authors.contains(&part) {
                clean_authors.push(part);
            }
        }
    }

    let url = f
        .canonical
        .clone()
        .or_else(|| m("og:url"))
        .or_else(|| ld_str("url"))
        .filter(|u| u.starts_with("http"));

    let date_candidates = [
        m("article:published_time"),
        m("og:article:published_time"),
        ld_str("datePublished"),
        f.ld_date.clone(),
        f.itemprop_date.clone(),
        m("sn-post-date"),
        m("datepublished"),
        m("pubdate"),
        m("publishdate"),
        m("publish-date"),
        m("parsely-pub-date"),
        m("sailthru.date"),
        m("dc.date.issued"),
        m("dc.date"),
        m("dcterms.created"),
        m("date"),
        f.time.clone(),
    ];
    let mut published = date_candidates.iter().flatten().find_map(|d| parse_date(d).or_else(|| loose_date(d)).filter(|d| plausible_year(d)));
    if published.is_none() {
        published = url.as_deref().and_then(date_in_url);
    }

    let site = m("og:site_name")
        .or_else(|| {
            article.and_then(|o| o.get("publisher")).and_then(|p| match p {
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
        })
        .or_else(|| m("application-name"))
        .or_else(|| url.as_deref().and_then(host))
        .map(|s| squash(&s))
        .filter(|s| !s.is_empty());

    let language = f
        .lang
        .clone()
        .or_else(|| m("content-language"))
        .or_else(|| m("og:locale"))
        .and_then(|l| {
            let p: String = l.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
            (p.len() >= 2 && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_alphabetic())).then_some(p)
        });

    Meta { title, authors: clean_authors, published, site, url, language }
}

/// The JSON string after `key` and a colon in `raw`.
fn string_after(raw: &str, key: &str) -> Option<String> {
    let i = raw.find(key)? + key.len();
    let rest = raw[i..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

/// A day written out: "19 Nov 2019", "Tue Nov 19 2019 05:44:06 GMT",
/// "November 19, 2019", "2019/11/19". Gives `YYYY-MM-DD`.
pub fn loose_date(s: &str) -> Option<String> {
    const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let toks: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).take(8).collect();
    let num = |t: &str| t.parse::<u32>().ok().filter(|_| t.bytes().all(|b| b.is_ascii_digit()));
    let month_name = |t: &str| {
        let l = t.to_ascii_lowercase();
        NAMES.iter().position(|n| l.len() >= 3 && l.starts_with(n) && n.starts_with(&l[..3])).map(|i| i as u32 + 1)
    };
    let yi = toks.iter().position(|t| t.len() == 4 && num(t).is_some_and(|y| (1990..=2200).contains(&y)))?;
    let y = num(toks[yi])?;
    let (m, d) = if yi == 0 {
        // Y M D, numbers.
        (num(toks.get(1)?)?, num(toks.get(2)?)?)
    } else {
        let before = &toks[..yi];
        let mi = before.iter().position(|t| month_name(t).is_some())?;
        let m = month_name(before[mi])?;
        // "19 Nov 2019" or "Nov 19 2019".
        let d = before.get(mi + 1).and_then(|t| num(t)).or_else(|| mi.checked_sub(1).and_then(|j| num(before[j])))?;
        (m, d)
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    normalize_date(&format!("{y:04}-{m:02}-{d:02}"))
}

/// Dates before 1990 on a web page are placeholders (`0001-01-01`).
fn plausible_year(d: &str) -> bool {
    d.get(..4).and_then(|y| y.parse::<u32>().ok()).is_some_and(|y| (1990..=2200).contains(&y))
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december", "updated", "published",
    "posted", "on",
];

/// Credentials after a name ("Ann Lee, MS, RDN").
const CREDENTIALS: &[&str] = &["ms", "md", "phd", "rdn", "rd", "mph", "mba", "jr", "sr", "ma", "msc", "bsc", "cpt", "cscs"];

/// One name of a byline: cut at a date, a time or a handle.
fn clean_name(x: &str) -> Option<String> {
    let mut kept = Vec::new();
    for w in x.split_whitespace() {
        let lw = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if w.starts_with('@') || w.bytes().any(|b| b.is_ascii_digit()) || MONTHS.contains(&lw.as_str()) {
            break;
        }
        kept.push(w);
    }
    let name = kept.join(" ");
    let name = name.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '|' || c == '·' || c == '.');
    let bare = name.trim_matches('.').to_lowercase();
    if name.is_empty() || name.len() >= 80 || name.starts_with("http") || CREDENTIALS.contains(&bare.as_str()) {
        return None;
    }
    Some(name.to_string())
}

/// "By Ann Lee and Bo Chan" → ["Ann Lee", "Bo Chan"].
fn split_byline(s: &str) -> Vec<String> {
    let s = squash(s);
    let mut t = s.as_str();
    for p in ["By ", "by ", "BY "] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
        }
    }
    t.split([',', ';', '|'])
        .flat_map(|x| x.split(" and "))
        .flat_map(|x| x.split(" & "))
        .filter_map(clean_name)
        .collect()
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let h = rest.split(['/', '?', '#', ':']).next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then(|| h.to_string())
}

/// A date as the record format writes it: RFC 3339 when the page gives a
/// full timestamp, else the day.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(d) = normalize_date(s) {
        return Some(d);
    }
    if s.len() < 10 || !s.is_char_boundary(10) {
        return None;
    }
    let day = normalize_date(&s[..10])?;
    // Repair common timestamp shapes: "+0000" zones, missing seconds.
    let rest = &s[10..];
    if let Some(t) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
        let (clock, zone) = match t.find(['Z', 'z', '+', '-']) {
            Some(i) => (&t[..i], &t[i..]),
            None => (t, ""),
        };
        let clock = if clock.len() == 5 { format!("{clock}:00") } else { clock.to_string() };
        let zone = if zone.len() == 5 && zone[1..].bytes().all(|b| b.is_ascii_digit()) {
            format!("{}:{}", &zone[..3], &zone[3..])
        } else {
            zone.to_string()
        };
        if !zone.is_empty() {
            if let Some(d) = normalize_date(&format!("{day}T{clock}{zone}")) {
                return Some(d);
            }
        }
    }
    Some(day)
}

/// `/2019/11/19/` or `/2019-11-19/` in a URL.
pub fn date_in_url(url: &str) -> Option<String> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(10) {
        if b[i] != b'/' {
            continue;
        }
        let w = &b[i + 1..];
        if w.len() >= 10 && w[..4].iter().all(u8::is_ascii_digit) && (w[4] == b'/' || w[4] == b'-') {
            let sep = w[4];
            if w[5..7].iter().all(u8::is_ascii_digit) && w[7] == sep && w[8..10].iter().all(u8::is_ascii_digit) {
                let d = format!(
                    "{}-{}-{}",
                    std::str::from_utf8(&w[..4]).ok()?,
                    std::str::from_utf8(&w[5..7]).ok()?,
                    std::str::from_utf8(&w[8..10]).ok()?
                );
                let y: u32 = d[..4].parse().ok()?;
                if (1990..=2100).contains(&y) {
                    if let Some(d) = normalize_date(&d) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_dates() {
        assert_eq!(loose_date("19 Nov 2019 07:09 GMT").as_deref(), Some("2019-11-19"));
        assert_eq!(loose_date("Tue Nov 19 2019 05:44:06 GMT+0000").as_deref(), Some("2019-11-19"));
        assert_eq!(loose_date("November 9, 2019").as_deref(), Some("2019-11-09"));
        assert_eq!(loose_date("2019/11/19").as_deref(), Some("2019-11-19"));
        assert_eq!(loose_date("Nov. 18, 2019, 4:06 p.m.").as_deref(), Some("2019-11-18"));
        assert_eq!(loose_date("soon"), None);
        assert_eq!(loose_date("2019"), None);
        assert_eq!(loose_date("Marching 2019"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(split_byline("By Ann Lee and Bo Chan"), ["Ann Lee", "Bo Chan"]);
        assert_eq!(split_byline("Ann Lee @annlee Nov 18, 2019 at 9:24"), ["Ann Lee"]);
        assert_eq!(split_byline("Ann Lee, MS, RDN"), ["Ann Lee"]);
    }
}
