//! Main-text extraction: pick the element that holds the article, then
//! write its text as paragraphs, leaving out what is not the article.
//!
//! 1. Classify every element (by tag, `class`/`id`/`role` hints, hidden
//!    state) and measure text, link text and commas bottom-up.
//! 2. Score paragraph-like blocks by their length and punctuation and pass
//!    the score to their ancestors (full, half, then a third per level);
//!    weight by link density and class hints; take the best element, then
//!    siblings that look like more of the same article.
//! 3. Write the text of the chosen elements, skipping link lists, boxes
//!    named like boilerplate, captions and short stock phrases.

use super::dom::{Data, Dom, NONE};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Never text: scripts, styles, forms controls, media, `<head>`.
    Skip,
    /// Starts and ends a paragraph.
    Block,
    /// Text flows through.
    Inline,
    /// A line break.
    Br,
}

fn kind_of(tag: &str) -> Kind {
    match tag {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed"
        | "canvas" | "video" | "audio" | "map" | "select" | "option" | "button" | "input" | "textarea"
        | "head" | "title" | "meta" | "link" | "nav" | "aside" | "footer" | "figcaption" | "picture"
        | "img" | "source" | "track" | "label" | "dialog" | "menu" | "header" | "address" => Kind::Skip,
        "br" => Kind::Br,
        "p" | "div" | "section" | "article" | "main" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul"
        | "ol" | "li" | "dl" | "dt" | "dd" | "blockquote" | "pre" | "table" | "tr" | "td" | "th" | "tbody"
        | "thead" | "tfoot" | "caption" | "figure" | "hr" | "body" | "html" | "center" | "details"
        | "summary" | "fieldset" | "hgroup" | "frameset" | "frame" | "form" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Parts of `class`/`id` tokens that mark boilerplate.
const NEG: &[&str] = &[
    "comment", "disqus", "share", "sharing", "social", "related", "recommend", "newsletter", "subscri",
    "promo", "sponsor", "advert", "cookie", "consent", "gdpr", "sidebar", "breadcrumb", "footer",
    "masthead", "navbar", "navigation", "pagination", "pager", "popup", "modal", "banner",
    "outbrain", "taboola", "readmore", "read-more", "more-stories", "trending", "popular", "signup",
    "sign-up", "toolbar", "widget", "sr-only", "visually-hidden", "screen-reader", "caption",
    "credit", "byline", "author", "dateline", "timestamp", "tag-list", "keywords", "topics",
    "rating", "login", "paywall", "subnav", "table-of-contents", "overlay",
    "disclaimer", "copyright", "facebook",
    "gallery", "slideshow", "carousel", "lightbox", "inline-ad", "ad-slot", "adslot", "ad-container",
    "ad-wrapper", "adwrap", "native-ad", "about-the-author", "contributor", "follow",
    "teaser", "nocontent", "no-content", "offscreen",
];

/// Whole words (between `-`, `_`, ...) of `class`/`id` that mark boilerplate.
const NEG_WORDS: &[&str] = &[
    "ad", "ads", "adv", "advertisement", "sponsored", "menu", "nav", "skip", "tags", "tag", "meta", "print",
    "toc", "jump", "bio", "rail", "dfp", "video", "share", "hide", "noprint",
];

/// Words that mark the article itself.
const POS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose", "markdown",
    "richtext", "rich-text", "page-content", "column",
];


#[derive(Clone, Copy, Default)]
struct Info {
    skip: bool,
    block: bool,
    br: bool,
    neg: bool,
    pos: bool,
    link: bool,
    /// Characters of visible text (whitespace runs count one).
    text: u32,
    /// Characters of visible text inside links.
    link_text: u32,
    commas: u32,
    /// Characters of text in direct text children.
    own_text: u32,
    /// Links in the subtree.
    links: u32,
    /// Nearest block element at or above (the document for none).
    block_of: u32,
    /// Characters of text in paragraph-like blocks with few links, outside
    /// boilerplate-named subtrees.
    good: u32,
    /// Characters of visible text outside boilerplate-named subtrees.
    vis: u32,
    /// Child blocks that are paragraphs of some length with few links.
    good_kids: u32,
    /// The subtree holds an embedded post (a tweet): article text.
    embed: bool,
    /// This element or one above it is named like boilerplate.
    neg_ctx: bool,
    score: f32,
    scored: bool,
}

/// The main text of a parsed page, paragraphs separated by blank lines.
pub fn main_text(dom: &Dom) -> String {
    let n = dom.nodes.len();
    let mut info = vec![Info::default(); n];
    let order = classify(dom, &mut info);
    measure(dom, &order, &mut info);
    let roots = choose(dom, &order, &mut info, true);
    let mut paras = Vec::new();
    for &r in &roots {
        write(dom, &info, r, &mut paras);
    }
    let mut paras = clean(paras);
    if paras.iter().map(|p| p.len()).sum::<usize>() < 200 {
        // Hints hid everything: try again without them.
        let roots2 = choose(dom, &order, &mut info, false);
        if roots2 != roots {
            let mut more = Vec::new();
            for &r in &roots2 {
                write(dom, &info, r, &mut more);
            }
            let more = clean(more);
            if more.iter().map(|p| p.len()).sum::<usize>() > paras.iter().map(|p| p.len()).sum::<usize>() {
                paras = more;
            }
        }
    }
    paras.join("\n\n")
}

/// The text of a fragment that is all article (a feed entry's content):
/// the writing pass over the whole tree, without choosing an element.
pub fn fragment_text(dom: &Dom) -> String {
    let mut info = vec![Info::default(); dom.nodes.len()];
    let order = classify(dom, &mut info);
    measure(dom, &order, &mut info);
    let mut paras = Vec::new();
    write(dom, &info, 0, &mut paras);
    clean(paras).join("\n\n")
}

/// Hints of attribute values, cached: pages repeat their class names.
#[derive(Default)]
struct HintCache(std::collections::HashMap<Box<str>, (bool, bool), BuildFnv>);

#[derive(Default, Clone, Copy)]
struct BuildFnv;

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf29ce484222325)
    }
}

struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
}

impl HintCache {
    fn get(&mut self, value: &str) -> (bool, bool) {
        if value.is_empty() {
            return (false, false);
        }
        if let Some(&h) = self.0.get(value) {
            return h;
        }
        let h = hints(&value.to_ascii_lowercase());
        self.0.insert(value.into(), h);
        h
    }

    fn element(&mut self, e: &super::dom::Elem) -> (bool, bool) {
        let (mut neg, mut pos) = (false, false);
        for a in &e.attrs {
            let k: &str = &a.name.local;
            if matches!(k, "class" | "id" | "role" | "itemprop" | "data-component" | "aria-label") {
                let (n, p) = self.get(&a.value);
                neg |= n;
                pos |= p;
            }
        }
        (neg, pos)
    }
}

fn is_hidden(e: &super::dom::Elem) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        if style.len() < 400 && (style.contains("none") || style.contains("hidden")) {
            let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            if s.contains("display:none") || s.contains("visibility:hidden") {
                return true;
            }
        }
    }
    false
}

/// One automaton for every hint word: kind 0 boilerplate, 1 article,
/// 2 article body.
fn matcher() -> &'static (aho_corasick::AhoCorasick, Vec<u8>) {
    static M: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<u8>)> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut pats: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        for w in NEG {
            pats.push(w.to_string());
            kinds.push(0);
        }
        for w in POS {
            pats.push(w.to_string());
            kinds.push(1);
        }
        for (a, b) in STRONG_POS {
            for sep in ["", "-", "_", "__"] {
                pats.push(format!("{a}{sep}{b}"));
                kinds.push(2);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&pats)
            .expect("hint patterns build");
        (ac, kinds)
    })
}

/// Negative and positive hints of one element.
fn hints(hint: &str) -> (bool, bool) {
    if hint.is_empty() {
        return (false, false);
    }
    let (ac, kinds) = matcher();
    let mut neg = false;
    let mut pos = false;
    let mut strong = false;
    for tok in hint.split_ascii_whitespace() {
        let (mut tneg, mut tpos) = (false, false);
        for m in ac.find_overlapping_iter(tok) {
            match kinds[m.pattern().as_usize()] {
                0 => tneg = true,
                1 => tpos = true,
                _ => strong = true,
            }
        }
        tneg = tneg || tok == "hidden" || tok.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| NEG_WORDS.contains(&w));
        if tneg {
            neg = true;
        } else if tpos {
            pos = true;
        }
    }
    // "article-body has-sidebar": the article wins.
    (neg && !strong, pos || strong)
}

/// Names that mark the article body whatever else an element is called.
const STRONG_POS: &[(&str, &str)] = &[
    ("article", "body"), ("article", "content"), ("article", "text"), ("story", "body"), ("story", "content"),
    ("story", "text"), ("entry", "content"), ("post", "content"), ("post", "body"), ("main", "content"),
    ("body", "text"),
];

/// Pre-order of the nodes reachable from the document, with element kinds
/// and hints filled in. Skipped subtrees are not entered.
fn classify(dom: &Dom, info: &mut [Info]) -> Vec<u32> {
    let mut order = Vec::with_capacity(dom.nodes.len());
    let mut cache = HintCache::default();
    let mut stack = vec![0u32];
    while let Some(id) = stack.pop() {
        let i = &mut info[id as usize];
        match &dom.nodes[id as usize].data {
            Data::Element(e) => {
                let k = kind_of(&e.name);
                if k == Kind::Skip || is_hidden(e) {
                    i.skip = true;
                    continue;
                }
                i.block = k == Kind::Block;
                i.br = k == Kind::Br;
                i.link = &*e.name == "a";
                let (neg, pos) = cache.element(e);
                if &*e.name == "blockquote" && e.attr("class").is_some_and(|c| c.contains("tweet") || c.contains("instagram")) {
                    i.embed = true;
                }
                i.neg = neg && &*e.name != "body" && &*e.name != "html";
                i.pos = pos;
            }
            Data::Other => {
                i.skip = true;
                continue;
            }
            _ => {}
        }
        let parent = dom.nodes[id as usize].parent;
        let pb = if parent == NONE { 0 } else { info[parent as usize].block_of };
        let pneg = parent != NONE && info[parent as usize].neg_ctx;
        let i = &mut info[id as usize];
        i.block_of = if i.block { id } else { pb };
        i.neg_ctx = i.neg || pneg;
        order.push(id);
        // Push children in reverse so they pop in document order.
        let mut c = dom.nodes[id as usize].last;
        while c != NONE {
            stack.push(c);
            c = dom.nodes[c as usize].prev;
        }
    }
    order
}

/// Visible length of a text: characters, whitespace runs counted once.
fn text_len(s: &str) -> (u32, u32) {
    let mut n = 0u32;
    let mut commas = 0u32;
    let mut ws = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !ws {
                n += 1;
                ws = true;
            }
        } else {
            ws = false;
            n += 1;
            if c == ',' || c == '，' || c == '、' {
                commas += 1;
            }
        }
    }
    (n, commas)
}

fn measure(dom: &Dom, order: &[u32], info: &mut [Info]) {
    for &id in order.iter().rev() {
        let node = &dom.nodes[id as usize];
        if let Data::Text(t) = &node.data {
            let (n, c) = text_len(t);
            info[id as usize].text = n;
            info[id as usize].commas = c;
        }
        let me = info[id as usize];
        if me.link {
            info[id as usize].link_text = me.text;
            info[id as usize].links += 1;
        }
        let me = info[id as usize];
        if node.parent != NONE && !me.skip {
            let p = &mut info[node.parent as usize];
            p.text += me.text;
            p.link_text += me.link_text;
            p.commas += me.commas;
            p.links += me.links;
            p.embed |= me.embed;
            if matches!(node.data, Data::Text(_)) {
                p.own_text += me.text;
            }
        }
    }
    // Good text: text whose paragraph is long, not made of links, and one
    // of a run of such paragraphs (not a lone teaser).
    let good_para = |i: &Info| i.block && i.text >= 60 && (i.link_text as f32) < 0.3 * i.text as f32;
    for &id in order {
        if good_para(&info[id as usize]) {
            let parent = dom.nodes[id as usize].parent;
            if parent != NONE {
                info[parent as usize].good_kids += 1;
            }
        }
    }
    for &id in order {
        if let Data::Text(_) = dom.nodes[id as usize].data {
            let bid = info[id as usize].block_of;
            let b = info[bid as usize];
            let bp = dom.nodes[bid as usize].parent;
            let run = b.text >= 400 || (bp != NONE && info[bp as usize].good_kids >= 2);
            if good_para(&b) && run {
                info[id as usize].good = info[id as usize].text;
            }
            info[id as usize].vis = info[id as usize].text;
        }
    }
    for &id in order.iter().rev() {
        let me = info[id as usize];
        let parent = dom.nodes[id as usize].parent;
        if parent != NONE && !me.skip && !me.neg {
            let p = &mut info[parent as usize];
            p.good += me.good;
            p.vis += me.vis;
        }
    }
}

fn initial_score(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_weight(i: &Info) -> f32 {
    let mut w = 0.0;
    if i.neg {
        w -= 25.0;
    }
    if i.pos {
        w += 25.0;
    }
    w
}

fn tag(dom: &Dom, id: u32) -> &str {
    match &dom.nodes[id as usize].data {
        Data::Element(e) => &e.name,
        _ => "",
    }
}

/// The elements to write, in document order.
fn choose(dom: &Dom, order: &[u32], info: &mut [Info], use_hints: bool) -> Vec<u32> {
    for i in info.iter_mut() {
        i.score = 0.0;
        i.scored = false;
    }
    let mut candidates: Vec<u32> = Vec::new();
    for &id in order {
        let t = tag(dom, id);
        let para = match t {
            "p" | "pre" | "td" | "blockquote" => true,
            "div" | "section" | "article" | "li" | "dd" | "span" => info[id as usize].own_text >= 40,
            _ => false,
        };
        if !para {
            continue;
        }
        let me = info[id as usize];
        if me.text < 25 {
            continue;
        }
        if use_hints && info[id as usize].neg_ctx {
            continue;
        }
        let link_density = me.link_text as f32 / me.text.max(1) as f32;
        let s = (1.0 + me.commas as f32 + (me.text as f32 / 100.0).min(3.0)) * (1.0 - link_density);
        let mut anc = dom.nodes[id as usize].parent;
        let mut level = 0;
        while anc != NONE && level < 5 {
            if matches!(dom.nodes[anc as usize].data, Data::Element(_)) {
                let a = &mut info[anc as usize];
                if !a.scored {
                    a.scored = true;
                    a.score = initial_score(tag(dom, anc)) + if use_hints { class_weight(a) } else { 0.0 };
                    candidates.push(anc);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                a.score += s / div;
            }
            anc = dom.nodes[anc as usize].parent;
            level += 1;
        }
    }
    let final_score = |info: &[Info], id: u32| {
        let i = info[id as usize];
        i.score * (1.0 - i.link_text as f32 / i.text.max(1) as f32)
    };
    let mut top = NONE;
    let mut best = f32::MIN;
    for &c in &candidates {
        let t = tag(dom, c);
        if t == "html" {
            continue;
        }
        let s = final_score(info, c);
        if s > best {
            best = s;
            top = c;
        }
    }
    if top == NONE {
        // No paragraph anywhere: the body as a whole.
        return order.iter().copied().filter(|&id| tag(dom, id) == "body").take(1).collect();
    }
    // Walk up while the parent holds clearly more of the same article.
    let mut top_score = best;
    loop {
        let p = dom.nodes[top as usize].parent;
        if p == NONE || !info[p as usize].scored || tag(dom, p) == "html" {
            break;
        }
        let ps = final_score(info, p);
        if ps >= top_score * 0.95 && info[p as usize].text as f32 <= info[top as usize].text as f32 * 1.3 {
            top = p;
            top_score = ps.max(top_score);
        } else {
            break;
        }
    }
    // Climb to an ancestor that holds clearly more good text than noise:
    // articles split into several boxes.
    if use_hints {
        let base = info[top as usize];
        let mut a = dom.nodes[top as usize].parent;
        let mut best_a = NONE;
        let mut steps = 0;
        while a != NONE && steps < 8 && tag(dom, a) != "html" {
            let ai = info[a as usize];
            if ai.neg {
                break;
            }
            let gain = ai.good.saturating_sub(base.good) as f32;
            let noise = ai.vis.saturating_sub(base.vis) as f32 - gain;
            if gain >= 0.1 * base.good as f32 && gain >= 150.0 && noise <= 0.3 * gain {
                best_a = a;
            }
            a = dom.nodes[a as usize].parent;
            steps += 1;
        }
        if best_a != NONE {
            return vec![best_a];
        }
    }
    // Siblings that continue the article.
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.elem(top).and_then(|e| e.attr("class")).unwrap_or("");
    let mut out = Vec::new();
    for s in dom.children(parent) {
        if s == top {
            out.push(s);
            continue;
        }
        let si = info[s as usize];
        if si.skip || (use_hints && si.neg) {
            continue;
        }
        let mut append = false;
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.elem(s).and_then(|e| e.attr("class")) == Some(top_class) {
            bonus += top_score * 0.2;
        }
        if si.scored && final_score(info, s) + bonus >= threshold {
            append = true;
        } else if tag(dom, s) == "p" {
            let ld = si.link_text as f32 / si.text.max(1) as f32;
            if (si.text > 80 && ld < 0.25) || (si.text > 0 && si.text <= 80 && ld == 0.0 && ends_sentence(dom, s)) {
                append = true;
            }
        }
        if append {
            out.push(s);
        }
    }
    out
}

fn ends_sentence(dom: &Dom, id: u32) -> bool {
    let mut s = String::new();
    collect_text(dom, id, &mut s);
    let t = s.trim_end();
    t.ends_with('.') || t.ends_with('!') || t.ends_with('?') || t.ends_with('"') || t.ends_with('”')
}

fn collect_text(dom: &Dom, id: u32, out: &mut String) {
    let mut stack = vec![id];
    while let Some(x) = stack.pop() {
        match &dom.nodes[x as usize].data {
            Data::Text(t) => out.push_str(t),
            Data::Element(e) if kind_of(&e.name) == Kind::Skip => continue,
            _ => {}
        }
        let mut c = dom.nodes[x as usize].last;
        while c != NONE {
            stack.push(c);
            c = dom.nodes[c as usize].prev;
        }
    }
}

/// Should this element inside the article be left out?
fn drop_inside(dom: &Dom, info: &[Info], id: u32, root_text: u32) -> bool {
    let i = &info[id as usize];
    if i.skip {
        return true;
    }
    let t = tag(dom, id);
    if i.neg && !i.embed && (i.text as f32) < root_text as f32 * 0.5 {
        return true;
    }
    if t == "h1" {
        return true;
    }
    if i.text == 0 {
        return false;
    }
    let ld = i.link_text as f32 / i.text as f32;
    if !i.block {
        // Pop-ups of links inside a paragraph.
        return !i.link && i.links >= 2 && ld > 0.9 && i.text > 80;
    }
    match t {
        "p" => ld > 0.8 && i.text < 200,
        "ul" | "ol" | "dl" | "table" => ld > 0.5 && i.links >= 2,
        "div" | "section" | "article" | "blockquote" | "figure" => {
            (ld > 0.5 && i.text < 500) || (ld > 0.33 && i.text < 120)
        }
        _ => ld > 0.9 && i.text < 200,
    }
}

/// Append the paragraphs of the subtree at `root` to `paras`.
fn write(dom: &Dom, info: &[Info], root: u32, paras: &mut Vec<String>) {
    let root_text = info[root as usize].text;
    let mut cur = String::new();
    // (node, entering)
    let mut stack: Vec<(u32, bool)> = vec![(root, true)];
    while let Some((id, enter)) = stack.pop() {
        let i = info[id as usize];
        if !enter {
            if i.block {
                flush(&mut cur, paras);
            }
            continue;
        }
        match &dom.nodes[id as usize].data {
            Data::Text(t) => {
                push_text(&mut cur, t);
                continue;
            }
            Data::Element(_) => {
                if id != root && drop_inside(dom, info, id, root_text) {
                    if i.block {
                        flush(&mut cur, paras);
                    } else {
                        // Keep words on either side apart.
                        push_text(&mut cur, " ");
                    }
                    continue;
                }
                if i.br {
                    let trimmed = cur.trim_end_matches(' ').len();
                    cur.truncate(trimmed);
                    if cur.ends_with('\n') {
                        // Two breaks in a row: a paragraph break.
                        flush(&mut cur, paras);
                    } else if !cur.is_empty() {
                        cur.push('\n');
                    }
                    continue;
                }
                if i.block {
                    flush(&mut cur, paras);
                }
            }
            _ => {}
        }
        stack.push((id, false));
        let mut c = dom.nodes[id as usize].last;
        while c != NONE {
            stack.push((c, true));
            c = dom.nodes[c as usize].prev;
        }
    }
    flush(&mut cur, paras);
}

fn push_text(cur: &mut String, t: &str) {
    for c in t.chars() {
        if c.is_whitespace() || c == '\u{200b}' {
            if !cur.is_empty() && !cur.ends_with(' ') && !cur.ends_with('\n') {
                cur.push(' ');
            }
        } else {
            cur.push(c);
        }
    }
}

fn flush(cur: &mut String, paras: &mut Vec<String>) {
    let t = cur.trim();
    if !t.is_empty() {
        let lines: Vec<&str> = t.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect();
        paras.push(lines.join("\n"));
    }
    cur.clear();
}

/// Whole paragraphs that are never article text.
const STOCK_LINES: &[&str] = &[
    "advert", "advertisement", "comments", "key points", "tell us what you think", "related", "related articles",
    "related stories", "more stories", "recommended", "share", "share this", "ad", "sponsored", "more in",
    "anzeige", "werbung", "publicidad", "publicité", "pubblicità", "reklama", "iklan", "annons", "advertentie",
    "you may also like", "more", "learn more", "read more", "see also", "also read", "you might also like",
];

/// Starts of short paragraphs that are never article text.
const STOCK_STARTS: &[&str] =
    &["posted:", "updated:", "published:", "last updated", "posted on", "published on", "first published", "don't miss", "don’t miss", "filed under",
      "related coverage", "additional reporting by", "reading time", "tempo de leitura", "lesezeit", "updated at",
      "updated on", "you may also like"];

/// Phrases that mark a paragraph of under 50 words as boilerplate.
const STOCK_ANYWHERE: &[&str] = &[
    "uses cookies", "use cookies", "affiliate link", "affiliate and/or", "all rights reserved",
    "subscribe to our newsletter", "sign up for our newsletter", "may be reached at", "subscribing",
    "successfully subscribed", "to our newsletter", "your inbox", "chat with us", "if you enjoyed this article",
];

/// Stock phrases that are never article text on their own.
const STOCK: &[&str] = &[
    "advertisement", "read more", "continue reading", "share this", "share on", "sign up", "subscribe",
    "click here", "related:", "follow us", "all rights reserved", "getty images", "image:", "photo:",
    "click to share", "skip to", "loading", "story continues below", "scroll to continue",
];

fn clean(paras: Vec<String>) -> Vec<String> {
    paras
        .into_iter()
        .filter(|p| {
            let words = p.split_whitespace().count();
            if words <= 12 && (p.starts_with("By ") || p.starts_with("BY ")) && !p.ends_with('.') {
                return false;
            }
            if words < 50 {
                let l = p.to_lowercase();
                if STOCK_ANYWHERE.iter().any(|s| l.contains(s)) {
                    return false;
                }
                if words < 30
                    && l.starts_with("follow ")
                    && ["twitter", "facebook", "instagram"].iter().any(|s| l.contains(s))
                {
                    return false;
                }
            }
            // A date on its own line.
            if words <= 6 && !p.contains('@') && (super::meta::loose_date(p).is_some() || super::meta::parse_date(p).is_some()) {
                return false;
            }
            if words <= 8 {
                let l = p.to_lowercase();
                let bare = l.trim_matches(|c: char| !c.is_alphanumeric());
                if STOCK_LINES.contains(&bare) || STOCK_STARTS.iter().any(|s| l.starts_with(s)) {
                    return false;
                }
                if STOCK.iter().any(|s| l.starts_with(s) || (words <= 3 && l.contains(s))) {
                    return false;
                }
            }
            true
        })
        .collect()
}
