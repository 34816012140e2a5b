//! HTML pages: the main text of an article page and its metadata.
//!
//! One parse (html5ever, into a flat arena: [`dom`]), one pass for the
//! metadata ([`meta`]) and one scoring pass and one writing pass for the
//! text ([`extract`]). Charsets are sniffed from byte order marks and
//! `<meta>`; a page that is not the UTF-8 it claims is read as
//! Windows-1252.

mod charset;
mod dom;
pub mod eval;
mod extract;
mod meta;

pub use meta::Meta;

use newsgraph_doc::{DateSource, Doc};

/// What a page holds: its main text (paragraphs separated by a blank line)
/// and its metadata.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub text: String,
    pub meta: Meta,
}

/// Extract the main text and metadata of an HTML page given as bytes in any
/// charset. Errs on binary data and on pages without any text.
pub fn extract(bytes: &[u8]) -> Result<Page, String> {
    let head = &bytes[..bytes.len().min(4096)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let (text, _enc) = charset::decode(bytes);
    if nuls > 0 && !text.is_empty() && (text.len() < 16 || text.as_bytes()[..text.len().min(4096)].iter().filter(|&&b| b == 0).count() > 8) {
        return Err("binary data (NUL bytes); not an HTML page".into());
    }
    let page = extract_str(&text);
    if page.text.trim().is_empty() {
        return Err("no main text found in the HTML page".into());
    }
    Ok(page)
}

/// Extract from a page already decoded.
pub fn extract_str(html: &str) -> Page {
    let dom = dom::Dom::parse(&dom::strip_raw(html));
    let meta = meta::extract(&dom);
    let text = extract::main_text(&dom);
    Page { text, meta }
}

/// The text of an HTML fragment that is all article (a feed entry's
/// content): paragraphs, without menus, link lists or stock phrases.
pub fn fragment_text(html: &str) -> String {
    extract::fragment_text(&dom::Dom::parse(&dom::strip_raw(html)))
}

impl Page {
    /// The page as a pipeline document.
    pub fn into_doc(self) -> Doc {
        let mut doc = Doc::new(&self.text);
        doc.title = self.meta.title;
        doc.authors = self.meta.authors;
        doc.url = self.meta.url;
        doc.site = self.meta.site;
        if let Some(p) = self.meta.published {
            doc.published = Some(p);
            doc.published_source = Some(DateSource::Metadata);
        }
        if let Some(l) = self.meta.language {
            doc.language = l;
        }
        doc
    }
}
