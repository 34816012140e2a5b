//! A compact DOM for one page: html5ever's tree builder writes into a flat
//! arena of nodes linked by index. Only what extraction needs is kept:
//! elements (tag and attributes) and text.

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, parse_document, Attribute, QualName};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

pub const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub enum Data {
    Document,
    Element(Elem),
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: kept out of the text.
    Other,
}

#[derive(Debug)]
pub struct Elem {
    /// Lowercase local name (`p`, `div`, ...); SVG and MathML names too.
    pub name: html5ever::LocalName,
    pub attrs: Vec<Attribute>,
}

impl Elem {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
    }
}

#[derive(Debug)]
pub struct Node {
    pub parent: u32,
    pub first: u32,
    pub last: u32,
    pub prev: u32,
    pub next: u32,
    pub data: Data,
}

/// The parsed page: `nodes[0]` is the document.
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let sink = Sink { nodes: RefCell::new(Vec::with_capacity(html.len() / 40 + 16)), document: Handle::new(0, None) };
        sink.nodes.borrow_mut().push(Node::new(Data::Document));
        parse_document(sink, Default::default()).one(StrTendril::from_slice(html))
    }

    pub fn children(&self, id: u32) -> Children<'_> {
        Children { dom: self, next: self.nodes[id as usize].first }
    }

    pub fn elem(&self, id: u32) -> Option<&Elem> {
        match &self.nodes[id as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next;
        Some(id)
    }
}

impl Node {
    fn new(data: Data) -> Node {
        Node { parent: NONE, first: NONE, last: NONE, prev: NONE, next: NONE, data }
    }
}

#[derive(Clone)]
struct Handle(Rc<(u32, Option<QualName>)>);

impl Handle {
    fn new(id: u32, name: Option<QualName>) -> Handle {
        Handle(Rc::new((id, name)))
    }
    fn id(&self) -> u32 {
        self.0 .0
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    document: Handle,
}

thread_local! {
    static EMPTY: &'static QualName = Box::leak(Box::new(QualName::new(None, ns!(), local_name!(""))));
}

impl Sink {
    fn push(&self, data: Data) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        (nodes.len() - 1) as u32
    }

    fn detach(nodes: &mut [Node], id: u32) {
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last = prev;
        }
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn append_id(nodes: &mut [Node], parent: u32, child: u32) {
        Self::detach(nodes, child);
        let last = nodes[parent as usize].last;
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last != NONE {
            nodes[last as usize].next = child;
        } else {
            nodes[parent as usize].first = child;
        }
        nodes[parent as usize].last = child;
    }

    fn insert_before_id(nodes: &mut [Node], sibling: u32, child: u32) {
        Self::detach(nodes, child);
        let (parent, prev) = {
            let s = &nodes[sibling as usize];
            (s.parent, s.prev)
        };
        if parent == NONE {
            return;
        }
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        nodes[sibling as usize].prev = child;
        if prev != NONE {
            nodes[prev as usize].next = child;
        } else {
            nodes[parent as usize].first = child;
        }
    }

    /// Append text to node `prev` when it is a text node; true if done.
    fn merge_text(nodes: &mut [Node], prev: u32, text: &StrTendril) -> bool {
        if prev == NONE {
            return false;
        }
        if let Data::Text(t) = &mut nodes[prev as usize].data {
            t.push_tendril(text);
            return true;
        }
        false
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        Dom { nodes: self.nodes.into_inner() }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        match &target.0 .1 {
            Some(q) => q,
            None => EMPTY.with(|e| *e),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> Handle {
        let id = self.push(Data::Element(Elem { name: name.local.clone(), attrs }));
        Handle::new(id, Some(name))
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Handle::new(self.push(Data::Other), None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Handle::new(self.push(Data::Other), None)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => Self::append_id(&mut nodes, parent.id(), n.id()),
            NodeOrText::AppendText(t) => {
                let last = nodes[parent.id() as usize].last;
                if !Self::merge_text(&mut nodes, last, &t) {
                    nodes.push(Node::new(Data::Text(t)));
                    let id = (nodes.len() - 1) as u32;
                    Self::append_id(&mut nodes, parent.id(), id);
                }
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        let has_parent = self.nodes.borrow()[element.id() as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // Template contents are not part of the page's text: give them a
        // detached node of their own.
        let _ = target;
        Handle::new(self.push(Data::Document), None)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id() == y.id()
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => Self::insert_before_id(&mut nodes, sibling.id(), n.id()),
            NodeOrText::AppendText(t) => {
                let prev = nodes[sibling.id() as usize].prev;
                if !Self::merge_text(&mut nodes, prev, &t) {
                    nodes.push(Node::new(Data::Text(t)));
                    let id = (nodes.len() - 1) as u32;
                    Self::insert_before_id(&mut nodes, sibling.id(), id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Data::Element(e) = &mut nodes[target.id() as usize].data {
            for a in attrs {
                if !e.attrs.iter().any(|b| b.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        Self::detach(&mut self.nodes.borrow_mut(), target.id());
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut nodes = self.nodes.borrow_mut();
        let mut c = nodes[node.id() as usize].first;
        while c != NONE {
            let next = nodes[c as usize].next;
            Self::append_id(&mut nodes, new_parent.id(), c);
            c = next;
        }
    }
}

/// The page without comments and without the contents of elements that
/// never hold article text (`script` except JSON-LD, `style`, `svg`,
/// `noscript`, `template`), so that the parser does not read them
/// character by character. Elements become empty; nothing else changes.
pub fn strip_raw(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already handled
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt..];
        // (end of the removed span, text put back in its place)
        let cut: Option<(usize, &str)> = if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |e| lt + 4 + e + 3);
            Some((end, ""))
        } else if let Some(name) = raw_element(rest) {
            // End of the start tag.
            match memchr::memchr(b'>', &b[lt..]) {
                None => None,
                Some(gt) => {
                    let open = &b[lt..lt + gt + 1];
                    if name == "script" && contains_ci(open, b"ld+json") {
                        None
                    } else {
                        let body = lt + gt + 1;
                        let end = find_end_tag(b, body, name.as_bytes()).unwrap_or(b.len());
                        Some((end, name))
                    }
                }
            }
        } else {
            None
        };
        match cut {
            Some((end, name)) => {
                let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
                o.push_str(&html[copied..lt]);
                if !name.is_empty() {
                    o.push('<');
                    o.push_str(name);
                    o.push_str("></");
                    o.push_str(name);
                    o.push('>');
                }
                copied = end;
                i = end;
            }
            None => i = lt + 1,
        }
        if i >= b.len() {
            break;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            if copied < html.len() {
                o.push_str(&html[copied..]);
            }
            Cow::Owned(o)
        }
    }
}

/// The raw-text element a start tag at the start of `s` opens, if any.
fn raw_element(s: &[u8]) -> Option<&'static str> {
    for name in ["script", "style", "svg", "noscript", "template"] {
        let n = name.len();
        if s.len() > n + 1
            && s[1..=n].eq_ignore_ascii_case(name.as_bytes())
            && matches!(s[n + 1], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c')
        {
            return Some(name);
        }
    }
    None
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// The byte after the `>` of the first `</name` at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + off;
        let after = at + 2;
        if b.len() >= after + name.len()
            && b[after..after + name.len()].eq_ignore_ascii_case(name)
            && b.get(after + name.len()).is_none_or(|&c| matches!(c, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c'))
        {
            let gt = memchr::memchr(b'>', &b[after..]).map_or(b.len(), |g| after + g + 1);
            return Some(gt);
        }
        i = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::strip_raw;

    #[test]
    fn strips_raw_text() {
        assert_eq!(strip_raw("<p>a<!-- x -->b</p>"), "<p>ab</p>");
        assert_eq!(strip_raw("<SCRIPT src=x>if (a<b) {}</Script ><p>c"), "<script></script><p>c");
        assert_eq!(
            strip_raw("<script type=\"application/ld+json\">{}</script>"),
            "<script type=\"application/ld+json\">{}</script>"
        );
        assert_eq!(strip_raw("<style>p{}</style><scripts>x"), "<style></style><scripts>x");
        assert_eq!(strip_raw("a<!-- open"), "a");
        assert_eq!(strip_raw("<svg><path d=1/></svg>é<"), "<svg></svg>é<");
    }
}
