//! Said: direct, mixed and indirect quotes with speaker, cue, addressee and
//! the outlet that relayed them.
//!
//! With a parse, a trained tagger ([`model`], `models/quotes.bin`, trained
//! on PolNeAR by `newsgraph train quotes`) marks the speaker, cue and
//! content spans, with the rules below as one of its features; the rules
//! then check and complete its statements ([`combine`]: they veto names and
//! titles in quote marks, fill a missing speaker, and add the statements
//! reported inside another, which PolNeAR does not tag), and the records are
//! built as for the rules (step 6). Without a parse, or without a model, the
//! rules work alone. Either way, a transcript's turns ("MOSS: We will ...",
//! [`transcript`]) then replace what ran across their labels.
//!
//! The rules, over the surface and the dependency parse:
//!
//! 1. **Quote marks** are paired into quoted spans ([`marks`]): curly,
//!    straight and doubled-apostrophe marks, quotes over several paragraphs,
//!    and a lost mark that costs one quote, never a cascade.
//! 2. **Cues** are words of the cue [`lexicon`] outside quote marks (a verb
//!    when the parse is there), plus "according to". A cue's span takes in its
//!    auxiliaries, negation and adverbs before it ("has also said") and a
//!    following "in a statement", "in an interview" or weekday ("said
//!    Tuesday"), as PolNeAR marks them.
//! 3. **Speaker**: the cue's subject (its `nsubj` subtree, also after the verb:
//!    "said Mr. Smith, a senior researcher"), else the subject of the clause
//!    it hangs from ("..., adding that"), else the name next to the cue; for
//!    "according to", the words after "to".
//! 4. **Content**: a direct quote next to the cue (before it: "“...,” he said";
//!    after it: "he said: “...”"), plus the quotes that continue it (the second
//!    part of a split quote, and quote-only sentences after it in the same
//!    paragraph that have no cue of their own). Without an adjacent quote, the
//!    clause after the cue (from "that" when present, after the addressee of
//!    "told"), or the clause before a final "..., X said" (both parts when the
//!    speaker sits in the middle). Weak cues (think, believe, find, show ...)
//!    need a that-clause or a clausal complement. Content spans keep quote
//!    marks and drop final sentence punctuation outside them (PolNeAR's
//!    convention).
//! 5. **Kind**: `direct` when every content span is a quotation, `mixed` when
//!    an indirect content contains quotation marks, else `indirect`. Short
//!    quoted words that no cue claims (names, titles, scare quotes) get no
//!    record.
//! 6. **Entities**: the speaker span resolves to the entity with a mention in
//!    it; "he"/"she" to the latest PERSON mentioned before, "they" and "the
//!    official"-like phrases to the latest PERSON or ORG; the addressee is the
//!    cue's object ("told reporters", kept as words) and the entity in it
//!    ("told Putin"); `via` is a media outlet that
//!    relayed the statement ("according to Tass" next to another cue,
//!    "told/speaking to/in an interview with CNN", or a speaker quoted by an
//!    outlet), carried to the speaker's later quotes in the same paragraph.
//!
//! Evaluation on PolNeAR: [`eval_polnear`] (see its module for matching).

mod combine;
mod eval;
pub mod lexicon;
pub mod marks;
pub mod model;
mod transcript;

pub use eval::eval_polnear;
pub use model::train;

use lexicon::{lexicon, takes_addressee, Strength};
use newsgraph_doc::{Doc, Quote, Span, Speaker, TextSpan};

const VERB: u8 = 15;
const NOUN: u8 = 7;
const AUX: u8 = 3;
const PROPN: u8 = 11;

struct Ctx<'a> {
    doc: &'a Doc,
    low: Vec<String>,
    sent_of: Vec<u32>,
    /// Index of the quoted span a token lies in.
    in_quote: Vec<Option<u32>>,
    quotes: Vec<marks::Quoted>,
    /// Whether a quoted span is a statement (long enough or ending in
    /// punctuation) rather than a name, title or scare quote.
    long: Vec<bool>,
    upos: Option<&'a [u8]>,
    heads: Option<&'a [u32]>,
    deprels: Option<&'a [&'static str]>,
    kids: Vec<Vec<u32>>,
    lo: Vec<u32>,
    hi: Vec<u32>,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc) -> Ctx<'a> {
        let n = doc.tokens.len();
        let low: Vec<String> = (0..n).map(|i| doc.token_text(i).to_lowercase()).collect();
        let mut sent_of = vec![0u32; n];
        for (si, s) in doc.sentences.iter().enumerate() {
            for i in s.tokens() {
                if i < n {
                    sent_of[i] = si as u32;
                }
            }
        }
        let quotes = marks::quoted(&doc.text);
        let mut in_quote = vec![None; n];
        let mut qi = 0;
        for (i, t) in doc.tokens.iter().enumerate() {
            while qi < quotes.len() && quotes[qi].end <= t.start {
                qi += 1;
            }
            if qi < quotes.len() && quotes[qi].start <= t.start && t.end <= quotes[qi].end {
                in_quote[i] = Some(qi as u32);
            }
        }
        let long = quotes
            .iter()
            .map(|q| {
                let inner = &doc.text[q.start as usize..q.end as usize];
                let words = inner.split_whitespace().count();
                let body = inner.trim_end_matches(['”', '"', '\'', '’', '»', ' ']);
                words >= 4 || (body.ends_with([',', '.', '!', '?']) && words >= 1)
            })
            .collect();
        let parse = doc.parse.as_ref().filter(|p| p.heads.len() == n && p.upos.len() == n && p.deprels.len() == n);
        let mut kids = vec![Vec::new(); if parse.is_some() { n } else { 0 }];
        let mut lo: Vec<u32> = (0..n as u32).collect();
        let mut hi: Vec<u32> = (0..n as u32).collect();
        if let Some(p) = parse {
            for i in 0..n {
                let h = p.heads[i] as usize;
                if h < n && h != i && sent_of[h] == sent_of[i] {
                    kids[h].push(i as u32);
                }
            }
            for i in 0..n {
                let mut h = p.heads[i] as usize;
                let mut steps = 0;
                while h < n && steps < 64 && sent_of[h] == sent_of[i] && h != i {
                    lo[h] = lo[h].min(i as u32);
                    hi[h] = hi[h].max(i as u32);
                    h = p.heads[h] as usize;
                    steps += 1;
                }
            }
        }
        Ctx {
            doc,
            low,
            sent_of,
            in_quote,
            quotes,
            long,
            upos: parse.map(|p| p.upos.as_slice()),
            heads: parse.map(|p| p.heads.as_slice()),
            deprels: parse.map(|p| p.deprels.as_slice()),
            kids,
            lo,
            hi,
        }
    }

    fn upos(&self, i: usize) -> Option<u8> {
        self.upos.map(|u| u[i])
    }
    fn deprel(&self, i: usize) -> &'static str {
        self.deprels.map_or("", |d| d[i])
    }
    fn head(&self, i: usize) -> Option<usize> {
        let h = self.heads?[i] as usize;
        (h < self.low.len() && self.sent_of[h] == self.sent_of[i]).then_some(h)
    }
    fn is_punct(&self, i: usize) -> bool {
        self.low[i].chars().all(|c| !c.is_alphanumeric())
    }
    fn sent_range(&self, i: usize) -> (usize, usize) {
        let s = self.doc.sentences[self.sent_of[i] as usize];
        (s.token_start as usize, (s.token_end as usize).min(self.low.len()))
    }
    fn tstart(&self, i: usize) -> u32 {
        self.doc.tokens[i].start
    }
    fn tend(&self, i: usize) -> u32 {
        self.doc.tokens[i].end
    }
    fn text(&self, a: u32, b: u32) -> &str {
        &self.doc.text[a as usize..b as usize]
    }
    /// Whether token `k` starts a line (the first token does).
    fn line_starts(&self, k: usize) -> bool {
        k == 0 || self.text(self.tend(k - 1), self.tstart(k)).contains('\n')
    }
    /// The first token of the line that holds token `k`.
    fn line_start(&self, k: usize) -> usize {
        (0..=k).rev().find(|&j| self.line_starts(j)).unwrap_or(0)
    }
    /// The last token of the line that holds token `k` (`k` itself in an
    /// empty document).
    fn line_end(&self, k: usize) -> usize {
        (k + 1..self.low.len()).find(|&j| self.line_starts(j)).map_or(self.low.len().max(k + 1) - 1, |j| j - 1)
    }
    fn child(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.kids.get(i)?.iter().map(|&k| k as usize).find(|&k| rels.contains(&self.deprel(k)))
    }
}

/// An attribution under construction (token indices, inclusive).
#[derive(Clone, Debug)]
struct Attr {
    cue: (usize, usize),
    speaker: Option<(usize, usize)>,
    addressee: Option<(usize, usize)>,
    /// Content spans as byte ranges.
    content: Vec<(u32, u32)>,
    direct: bool,
    via: Option<usize>,
}

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "who", "you"];

/// Fill `doc.quotes` (byte offsets). Runs after `entities::build`.
pub fn extract(doc: &mut Doc) {
    doc.quotes.clear();
    if doc.tokens.is_empty() || doc.sentences.is_empty() {
        return;
    }
    let attrs = {
        let cx = Ctx::new(doc);
        let rules = find(&cx);
        let mut attrs = match model::shipped() {
            Some(m) if cx.heads.is_some() => combine::combine(&cx, m.attrs(&cx, &rules), &rules),
            _ => {
                let mut rules = rules;
                combine::veto(&cx, &mut rules);
                rules
            }
        };
        transcript::put_in(&cx, &mut attrs);
        attrs
    };
    let quotes = build_records(doc, attrs);
    doc.quotes = quotes;
}

fn is_cue(cx: &Ctx, i: usize) -> Option<Strength> {
    if cx.in_quote[i].is_some() {
        return None;
    }
    let s = lexicon().get(&cx.low[i])?;
    match cx.upos(i) {
        Some(u) if u != VERB => {
            // The tagger sometimes calls a participle an adjective or noun; keep
            // the unambiguous speech forms.
            if matches!(cx.low[i].as_str(), "said" | "told" | "says") && u != PROPN {
                Some(s)
            } else {
                None
            }
        }
        _ => Some(s),
    }
}

/// Cue span: the cue word with auxiliaries, negation and adverbs just before
/// it, and "in a statement" / a weekday just after.
fn cue_span(cx: &Ctx, i: usize) -> (usize, usize) {
    let (ss, se) = cx.sent_range(i);
    let mut a = i;
    while a > ss {
        let p = a - 1;
        let w = cx.low[p].as_str();
        let aux = cx.upos(p) == Some(AUX) && matches!(cx.deprel(p), "aux" | "aux:pass")
            || matches!(w, "has" | "have" | "had" | "will" | "would" | "did" | "does" | "do" | "not" | "also" | "n't" | "n’t" | "never" | "previously" | "later" | "repeatedly" | "recently" | "once" | "again" | "then" | "reportedly" | "publicly" | "privately" | "often" | "frequently" | "earlier");
        if aux && cx.in_quote[p].is_none() {
            a = p;
        } else {
            break;
        }
    }
    // "was quoted as saying".
    if cx.low[i] == "saying" && a >= ss + 2 && cx.low[a - 1] == "as" && cx.low[a - 2] == "quoted" {
        a -= 2;
        while a > ss && matches!(cx.low[a - 1].as_str(), "was" | "is" | "been" | "has" | "have" | "had" | "were" | "being") {
            a -= 1;
        }
    }
    let mut b = i;
    // "in a statement" (PolNeAR marks it with the cue more often than not;
    // "in an interview" and weekdays less often, so they stay out).
    let w = |k: usize| if k < se { cx.low[k].as_str() } else { "" };
    if w(b + 1) == "in" && w(b + 2) == "a" && w(b + 3) == "statement" {
        b += 3;
    } else if matches!(cx.low[i].as_str(), "call" | "calls" | "called" | "calling") && matches!(w(b + 1), "for" | "on") {
        b += 1;
    } else if matches!(cx.low[i].as_str(), "refer" | "refers" | "referred" | "referring" | "point" | "points" | "pointed" | "pointing")
        && matches!(w(b + 1), "to" | "out")
    {
        b += 1;
    }
    // A colon right after the cue belongs to it ("said:").
    if w(b + 1) == ":" {
        b += 1;
    }
    (a, b)
}

/// The speaker of cue `i`: the subject subtree (token range).
fn speaker_of(cx: &Ctx, i: usize) -> Option<(usize, usize)> {
    let (ss, se) = cx.sent_range(i);
    // '"...," and warned that': a second verb of saying joined with "and" to
    // an earlier one shares its speaker, also when the parse hung it from a
    // verb inside the quote (which has a subject of its own).
    if cx.deprel(i) == "conj" && cx.child(i, &["nsubj", "nsubj:pass"]).is_none() && cx.child(i, &["cc"]).is_some_and(|c| c < i) {
        let earlier = cx.head(i).filter(|&h| h < i).and_then(|h| match cx.in_quote[h] {
            None => is_cue(cx, h).map(|_| h),
            Some(_) => (ss..h).rev().find(|&k| cx.in_quote[k].is_none() && is_cue(cx, k).is_some()),
        });
        if let Some(sp) = earlier.and_then(|k| speaker_of(cx, k)) {
            return Some(sp);
        }
    }
    let mut v = i;
    for _ in 0..3 {
        if let Some(s) = cx.child(v, &["nsubj", "nsubj:pass"]) {
            if cx.in_quote[s].is_some() {
                return None;
            }
            let (mut a, mut b) = (cx.lo[s] as usize, cx.hi[s] as usize);
            // Never run over the cue itself.
            if a <= i && i <= b {
                if s < i {
                    b = i - 1;
                } else {
                    a = i + 1;
                }
            }
            // Drop a leading/trailing punctuation token; keep a comma that closes an apposition.
            while a < b && cx.is_punct(a) {
                a += 1;
            }
            while b > a && cx.is_punct(b) && cx.low[b] != "," {
                b -= 1;
            }
            if b > a && cx.low[b] == "," && !(a..b).any(|k| cx.low[k] == ",") {
                b -= 1;
            }
            if b + 1 < cx.low.len() && cx.low[b + 1] == "," && (a..b).any(|k| cx.low[k] == ",") && b + 1 < i {
                b += 1;
            }
            return Some((a, b));
        }
        // "..., adding that": the subject of the verb it hangs from.
        match cx.deprel(v) {
            "conj" | "advcl" | "xcomp" | "parataxis" => match cx.head(v) {
                Some(h) => v = h,
                None => break,
            },
            _ => break,
        }
    }
    // "Putin, for his part, said" / "Von der Leyen, who has read ...,
    // said": the parse made the opening name a vocative of the cue (or of a
    // clause under it) and gave the cue no subject: that name.
    if let Some(k) = (ss..i).find(|&k| {
        cx.deprel(k) == "vocative" && cx.in_quote[k].is_none() && cx.head(k).is_some_and(|h| h == i || (h < i && cx.head(h) == Some(i)))
    }) {
        let mut b = k;
        while b + 1 < i && cx.deprel(b + 1) == "flat" && cx.head(b + 1) == Some(k) {
            b += 1;
        }
        return Some((k, b));
    }
    // Surface: a name or pronoun next to the cue.
    let name = |k: usize| {
        let t = cx.doc.token_text(k);
        cx.in_quote[k].is_none()
            && (cx.upos(k).map_or(t.starts_with(char::is_uppercase), |u| u == PROPN))
    };
    if i > ss && (name(i - 1) || PRONOUNS.contains(&cx.low[i - 1].as_str())) {
        let b = i - 1;
        let mut a = b;
        while a > ss && name(a - 1) && name(b) {
            a -= 1;
        }
        return Some((a, b));
    }
    if i + 1 < se && name(i + 1) {
        let a = i + 1;
        let mut b = a;
        while b + 1 < se && name(b + 1) {
            b += 1;
        }
        return Some((a, b));
    }
    // '“…,” Nikolay Sukhov, a senior researcher at a Moscow institute, was
    // quoted as saying' when the parse gave the cue no subject: the words
    // between the quote and the cue, if they start with a name.
    let c0 = cue_span(cx, i).0;
    let mut a = c0;
    while a > ss && cx.in_quote[a - 1].is_none() && c0 - a < 16 {
        a -= 1;
    }
    // '"...," he was quoted as saying' with no subject in the parse: the pronoun.
    if a > ss && a + 1 == c0 && cx.in_quote[a - 1].is_some() && PRONOUNS.contains(&cx.low[a].as_str()) && cx.low[a] != "it" {
        return Some((a, a));
    }
    if a > ss && a + 1 < c0 && cx.in_quote[a - 1].is_some() && name(a) {
        let mut b = c0 - 1;
        // The comma that closes an apposition stays; a lone one goes.
        if cx.low[b] == "," && !(a..b).any(|k| cx.low[k] == ",") {
            b -= 1;
        }
        return Some((a, b));
    }
    None
}

/// The addressee of cue word `c` ("told reporters"): its object, or without
/// a parse the word after it.
fn addressee_of(cx: &Ctx, c: usize) -> Option<(usize, usize)> {
    if !takes_addressee(&cx.low[c]) {
        return None;
    }
    let (_, se) = cx.sent_range(c);
    if let Some(o) = cx.child(c, &["obj", "iobj"]).filter(|&o| o > c && cx.in_quote[o].is_none()) {
        Some((cx.lo[o] as usize, cx.hi[o] as usize))
    } else if cx.upos.is_none() && c + 1 < se && !cx.is_punct(c + 1) && cx.low[c + 1] != "that" {
        Some((c + 1, c + 1))
    } else {
        None
    }
}

/// "so-called": a word nobody said.
fn so_called(cx: &Ctx, c: usize) -> bool {
    c > 0 && matches!(cx.low[c - 1].as_str(), "so" | "-" | "so-")
}

/// Quote `q` is "next to" the byte range `[a, b)` when only a few words and
/// no sentence end lie between.
fn gap_ok(cx: &Ctx, a: u32, b: u32, max_words: usize) -> bool {
    if a > b || b - a > 200 {
        return false;
    }
    let g = cx.text(a, b);
    g.split_whitespace().count() <= max_words && !g.contains(['.', '!', '?']) && !g.contains("\n\n")
}

/// Widen a speaker to the title words the parser left outside the subject:
/// "FBI general counsel [James Baker]", "ABC moderator [David Muir]".
fn widen(cx: &Ctx, sp: (usize, usize)) -> (usize, usize) {
    let (ss, _) = cx.sent_range(sp.0);
    let mut a = sp.0;
    while a > ss {
        let p = a - 1;
        let ok = cx.in_quote[p].is_none()
            && match cx.upos(p) {
                Some(u) => (u == PROPN || u == NOUN) && cx.upos(sp.0) == Some(PROPN),
                None => false,
            };
        if !ok {
            break;
        }
        a = p;
    }
    // Do not start inside a possessive or with a bare adjective run that is the sentence's own verb phrase.
    (a, sp.1)
}

fn find(cx: &Ctx) -> Vec<Attr> {
    let n = cx.low.len();
    let mut out: Vec<Attr> = Vec::new();
    let mut claimed = vec![false; cx.quotes.len()];
    // Cues in text order.
    let mut cues: Vec<(usize, Strength)> = Vec::new();
    let mut i = 0;
    while i < n {
        if cx.low[i] == "according" && i + 1 < n && cx.low[i + 1] == "to" && cx.in_quote[i].is_none() {
            cues.push((i, Strength::Speech));
            i += 2;
            continue;
        }
        if let Some(s) = is_cue(cx, i) {
            cues.push((i, s));
        }
        i += 1;
    }
    // Pass 1: a long quote right before the cue ("“...,” he said") or right
    // after it ("he said: “...”").
    let mut direct: Vec<Option<Vec<u32>>> = vec![None; cues.len()];
    for (ci, &(c, _)) in cues.iter().enumerate() {
        if cx.low[c] == "according" {
            continue;
        }
        let sp = speaker_of(cx, c);
        let left = sp.map_or(c, |s| s.0.min(c));
        let right = sp.map_or(c, |s| s.1.max(c));
        // Before.
        let upto = cx.quotes.partition_point(|q| q.end <= cx.tstart(left));
        let before = cx.quotes[..upto].iter().enumerate().rev().take(4).find(|(qi, q)| {
            !claimed[*qi] && cx.long[*qi] && q.end <= cx.tstart(left) && (gap_ok(cx, q.end, cx.tstart(left), 3) || gap_ok(cx, q.end, cx.tstart(c), 10)) && {
                // A whole statement: punctuation before the closing mark, or a comma after it.
                let inner = cx.text(q.start, q.end).trim_end_matches(['”', '"', '\'', '’', '»', ' ']);
                inner.ends_with([',', '.', '!', '?', '—', '-']) || cx.text(q.end, cx.tstart(c)).trim_start().starts_with(',')
            }
        });
        let mut parts = Vec::new();
        if let Some((qi, _)) = before {
            parts.push(qi as u32);
        }
        // After ("he said: “...”", or the second part of a split quote).
        let lim = cx.tend(right);
        let from_q = cx.quotes.partition_point(|q| q.start < lim);
        let after = cx.quotes.iter().enumerate().skip(from_q).take(4).find(|(qi, q)| {
            !claimed[*qi] && cx.long[*qi] && q.start >= lim && q.start - lim < 300 && {
                let g = cx.text(lim, q.start);
                let colon = g.trim_end().ends_with(':');
                let lead = colon || g.trim_end().ends_with(',') || g.trim().is_empty() && cx.text(q.start, q.end).chars().nth(1).is_some_and(char::is_uppercase);
                lead && (g.split_whitespace().count() <= 5 || colon && g.split_whitespace().count() <= 12)
                    && !g.contains(['!', '?'])
                    && (!g.contains('.') || parts.len() == 1 && g.trim() == ".")
                    && (colon || !g.contains("\n\n"))
            }
        });
        if let Some((qi, _)) = after {
            parts.push(qi as u32);
        }
        if !parts.is_empty() {
            for &p in &parts {
                claimed[p as usize] = true;
            }
            direct[ci] = Some(parts);
        }
    }
    // Pass 2: continuation — quote-only sentences right after a direct
    // quote's last part, in the same paragraph, claimed by nobody.
    for parts in direct.iter_mut().flatten() {
        loop {
            let last = *parts.last().unwrap() as usize;
            let lq = cx.quotes[last];
            // End of the sentence that holds the last part (or the cue after it).
            let mut from = lq.end;
            if let Some(t) = Some(cx.doc.tokens.partition_point(|t| t.start < lq.end)).filter(|&k| k < n) {
                let (_, se) = cx.sent_range(t);
                if cx.in_quote[t].is_none() && cx.sent_of[t] == cx.sent_of[t.saturating_sub(1)] {
                    from = cx.tend(se - 1).max(from);
                }
            }
            let Some(nq) = last.checked_add(1).filter(|&k| k < cx.quotes.len()) else { break };
            let q = cx.quotes[nq];
            if claimed[nq] || !cx.long[nq] || q.start < from {
                break;
            }
            let g = cx.text(from, q.start);
            if !g.trim().is_empty() || g.contains("\n\n") && lq.closed {
                break;
            }
            // The next quote must end its sentence (no cue of its own after it).
            let tail_tok = Some(cx.doc.tokens.partition_point(|t| t.start < q.end)).filter(|&k| k < n);
            if let Some(t) = tail_tok {
                if cx.in_quote[t].is_none() && !cx.is_punct(t) && cx.sent_of[t] == cx.sent_of[t.saturating_sub(1)] {
                    break;
                }
            }
            claimed[nq] = true;
            parts.push(nq as u32);
        }
    }
    for (ci, &(c, strength)) in cues.iter().enumerate() {
        let (ss, se) = cx.sent_range(c);
        if cx.low[c] == "according" {
            if let Some(a) = according(cx, c) {
                out.push(a);
            }
            continue;
        }
        let cue = cue_span(cx, c);
        let mut speaker = speaker_of(cx, c);
        // "Asked about X, Y said ...": the participle belongs to the main cue.
        if std::env::var_os("NEWSGRAPH_QUOTES_TRACE").is_some() {
            eprintln!("cue {} {} head {:?} speaker {:?}", cx.low[c], cx.deprel(c), cx.head(c).map(|h| &cx.low[h]), speaker.map(|(a, b)| cx.text(cx.tstart(a), cx.tend(b))));
        }
        if matches!(cx.deprel(c), "advcl" | "acl" | "xcomp" | "ccomp") && cx.head(c).is_some_and(|h| h > c && cues.iter().any(|&(k, _)| k == h)) {
            continue;
        }
        if speaker.is_none() && (c == ss || cx.low[c].ends_with("ing")) && cx.upos.is_some() {
            continue;
        }
        // A subject that runs over a comma before a final "..., Mr. Lou said":
        // keep the words after the last comma.
        if let Some((sa, sb)) = speaker {
            if sb < c && sb + 1 >= cue.0 {
                if let Some(k) = (sa..sb).rev().find(|&k| cx.low[k] == ",") {
                    if sb - k <= 6 && sb - sa > 8 {
                        speaker = Some((k + 1, sb));
                    }
                }
            }
        }
        let addressee = addressee_of(cx, c);
        if let Some(parts) = &direct[ci] {
            let speaker = quote_speaker(cx, c, cue, &cx.quotes[parts[0] as usize]).or(speaker);
            let content = parts.iter().map(|&q| (cx.quotes[q as usize].start, cx.quotes[q as usize].end)).collect();
            out.push(Attr { cue, speaker, addressee, content, direct: true, via: None });
            continue;
        }
        // Indirect: the clause after the cue, else before it.
        let mut a = cue.1 + 1;
        if let Some(ad) = addressee {
            a = a.max(ad.1 + 1);
        }
        if let Some(sp) = speaker {
            if sp.0 > c {
                a = a.max(sp.1 + 1);
            }
        }
        // "told Putin, that" / "said:".
        while a < se && matches!(cx.low[a].as_str(), "," | ":" | "—" | "-") {
            a += 1;
        }
        // "said explicitly that", "told delegates here that": start at "that".
        if let Some(t) = (a..(a + 4).min(se)).find(|&t| cx.low[t] == "that" && cx.in_quote[t].is_none()) {
            if (a..t).all(|k| !cx.is_punct(k) && cx.upos(k).is_none_or(|u| u != VERB && u != AUX)) {
                a = t;
            }
        }
        let mut b = se;
        while b > a && cx.is_punct(b - 1) && cx.in_quote[b - 1].is_none() {
            b -= 1;
        }
        // Stop before a second cue coordinated with this one ("says X and says Y").
        if let Some(&(k, _)) = cues.iter().find(|&&(k, _)| k > a && k < b && cx.deprel(k) == "conj" && cx.head(k) == Some(c)) {
            let mut e = cue_span(cx, k).0;
            if let Some(sp) = speaker_of(cx, k).filter(|sp| sp.0 > a) {
                e = e.min(sp.0);
            }
            while e > a && (cx.is_punct(e - 1) || matches!(cx.low[e - 1].as_str(), "and" | "but" | "or")) {
                e -= 1;
            }
            b = e;
        }
        // A semicolon or a line break outside quotes ends the clause.
        if let Some(k) = (a..b).find(|&k| cx.in_quote[k].is_none() && (cx.low[k] == ";" || k > a && cx.doc.text[cx.tend(k - 1) as usize..cx.tstart(k) as usize].contains('\n'))) {
            b = k;
            while b > a && cx.is_punct(b - 1) && cx.in_quote[b - 1].is_none() {
                b -= 1;
            }
        }
        let has_after = b > a && b - a >= 2;
        let that = has_after && matches!(cx.low[a].as_str(), "that" | "whether" | "if" | "how" | "why" | "what");
        let ccomp = cx.child(c, &["ccomp", "parataxis"]).is_some_and(|k| k >= a);
        // "..., Mr. Lou said." / "X, he says, Y" with a subject the parser
        // took from the clause.
        let comma_after = cx.low.get(cue.1 + 1).is_some_and(|w| w == ",");
        if (b <= a || comma_after) && cue.0 > ss + 1 {
            if let Some(k) = (ss..cue.0).rev().take(8).find(|&k| cx.low[k] == ",") {
                let ok = k + 1 < cue.0 && (k + 1..cue.0).all(|t| !cx.is_punct(t) || cx.low[t] == ".");
                if ok && speaker.is_none_or(|(sa, sb)| sa <= k || sb >= cue.0) {
                    speaker = Some((k + 1, cue.0 - 1));
                }
            }
        }
        if let Some(sp) = speaker {
            if sp.1 < cue.0 {
                speaker = Some(widen(cx, sp));
            }
        }
        let left = speaker.map_or(cue.0, |s| s.0.min(cue.0));
        let mut content = Vec::new();
        // Before: "..., Trump said." / "X, Trump said, Y".
        let mut before = None;
        if left > ss + 1 && cx.low[left - 1] == "," {
            let mut e = left - 1;
            while e > ss && cx.is_punct(e - 1) && cx.in_quote[e - 1].is_none() {
                e -= 1;
            }
            if e > ss + 1 && (b <= a || cx.low.get(cue.1 + 1).is_some_and(|w| w == ",")) {
                before = Some((ss, e - 1));
            }
        }
        if let Some((x, y)) = before {
            content.push((cx.tstart(x), cx.tend(y)));
        }
        if strength == Strength::Object {
            // The object, clausal complement or infinitive after the verb.
            let Some(sp) = speaker.filter(|s| s.1 < c) else { continue };
            let _ = sp;
            let Some(k) = cx.child(c, &["ccomp", "xcomp", "obj"]).filter(|&k| k > c) else { continue };
            let mut s0 = cue.1 + 1;
            while s0 < se && (cx.is_punct(s0) || cx.deprel(s0) == "compound:prt") && s0 < k {
                s0 += 1;
            }
            let mut e = (cx.hi[k] as usize).min(se - 1);
            while e > s0 && cx.is_punct(e) && cx.in_quote[e].is_none() {
                e -= 1;
            }
            if e < s0 {
                continue;
            }
            out.push(Attr { cue, speaker, addressee, content: vec![(cx.tstart(s0), cx.tend(e))], direct: false, via: None });
            continue;
        }
        let after_ok = match strength {
            Strength::Speech => has_after,
            Strength::Clause | Strength::Object => that || ccomp && has_after,
        };
        if after_ok && (before.is_none() || cx.low.get(cue.1 + 1).is_some_and(|w| w == ",")) {
            content.push((cx.tstart(a), cx.tend(b - 1)));
        }
        // A statement without anyone making it ("the so-called deal") is not one.
        if speaker.is_none() && (strength != Strength::Speech || so_called(cx, c)) {
            continue;
        }
        if content.is_empty() || strength == Strength::Clause && before.is_some() && content.len() == 1 && !after_ok {
            continue;
        }
        out.push(Attr { cue, speaker, addressee, content, direct: false, via: None });
    }
    colon_lines(cx, &mut out);
    out
}

/// "NAME: what they said" at the start of a paragraph (interview
/// transcripts "Q:", "TAPPER:", headlines "Rubio: ...").
fn colon_lines(cx: &Ctx, out: &mut Vec<Attr>) {
    let n = cx.low.len();
    let mut i = 0;
    while i < n {
        if !cx.line_starts(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && j < i + 5 && cx.low[j] != ":" && !cx.is_punct(j) && cx.in_quote[j].is_none()
            && cx.doc.token_text(j).starts_with(|c: char| c.is_uppercase())
        {
            j += 1;
        }
        let stop = |k: usize| {
            matches!(
                cx.low[k].as_str(),
                "byline" | "contributing" | "update" | "updated" | "note" | "photo" | "source" | "sources" | "related"
                    | "read" | "watch" | "also" | "editor" | "wow" | "credit" | "video" | "breaking" | "exclusive"
                    | "warning" | "correction" | "listen" | "see" | "more" | "tags" | "topics" | "reporting"
            )
        };
        if j > i && j < n && cx.low[j] == ":" && j + 1 < n && !cx.line_starts(j + 1) && !(i..j).any(stop) {
            let e = cx.line_end(j + 1);
            let mut last = e;
            if cx.low[last] == "." && last > j + 1 {
                last -= 1;
            }
            out.push(Attr {
                cue: (j, j),
                speaker: Some((i, j - 1)),
                addressee: None,
                content: vec![(cx.tstart(j + 1), cx.tend(last))],
                direct: cx.in_quote[j + 1].is_some() && cx.in_quote[last].is_some(),
                via: None,
            });
            i = e + 1;
            continue;
        }
        i += 1;
    }
}

/// The speaker of a quote with the cue after it, from the surface:
/// "“...,” CBS anchor Jane Doe said" (the words between the quote and the
/// cue) or "“...,” said Jane Doe, a senior researcher at X." (the words after
/// the cue to the end of the sentence or the next quote).
fn quote_speaker(cx: &Ctx, c: usize, cue: (usize, usize), q: &marks::Quoted) -> Option<(usize, usize)> {
    if q.end > cx.tstart(c) {
        return None;
    }
    let (_, se) = cx.sent_range(c);
    // Tokens between the quote and the cue.
    let first = (0..c).rev().take_while(|&k| cx.tstart(k) >= q.end).last();
    if let Some(f) = first {
        let mut a = f;
        while a < c && cx.is_punct(a) {
            a += 1;
        }
        if a < cue.0 {
            let b = cue.0 - 1;
            return (b + 1 - a <= 10 && !(a..=b).any(|k| cx.low[k] == "." || cx.in_quote[k].is_some())).then_some((a, b));
        }
    }
    // Nothing between: the speaker follows the cue.
    let mut a = cue.1 + 1;
    while a < se && cx.is_punct(a) && cx.in_quote[a].is_none() {
        a += 1;
    }
    if a >= se || cx.in_quote[a].is_some() {
        return None;
    }
    let mut b = a;
    while b + 1 < se && cx.in_quote[b + 1].is_none() {
        b += 1;
    }
    while b > a && cx.is_punct(b) {
        b -= 1;
    }
    // "said Smith in an interview" / "said Smith, adding ..." stay out? Keep the
    // apposition, stop before a participle clause.
    if let Some(k) = (a..=b).find(|&k| k > a && cx.low[k - 1] == "," && cx.low[k].ends_with("ing") && cx.upos(k).is_none_or(|u| u == VERB)) {
        if k < a + 2 {
            return None;
        }
        b = k - 2;
    }
    (b >= a).then_some((a, b))
}

/// "according to X": the speaker is X, the content the rest of the sentence.
fn according(cx: &Ctx, c: usize) -> Option<Attr> {
    let (ss, se) = cx.sent_range(c);
    let to = c + 1;
    if to + 1 >= se {
        return None;
    }
    let mut e = to + 1;
    while e < se && cx.low[e] != "," && !(cx.is_punct(e) && e + 1 == se) && cx.in_quote[e].is_none() {
        e += 1;
    }
    if e == to + 1 {
        return None;
    }
    let speaker = Some((to + 1, e - 1));
    let mut content = Vec::new();
    let mut b = se;
    while b > e && cx.is_punct(b - 1) && cx.in_quote[b - 1].is_none() {
        b -= 1;
    }
    if c > ss + 1 {
        let mut x = c;
        while x > ss && cx.is_punct(x - 1) {
            x -= 1;
        }
        if x > ss {
            content.push((cx.tstart(ss), cx.tend(x - 1)));
        }
    }
    if e < se && cx.low[e] == "," && b > e + 1 {
        content.push((cx.tstart(e + 1), cx.tend(b - 1)));
    }
    if content.is_empty() {
        return None;
    }
    Some(Attr { cue: (c, to), speaker, addressee: None, content, direct: false, via: None })
}

fn is_media(e: &newsgraph_doc::Entity) -> bool {
    e.sector.as_deref() == Some("JRN")
}

/// The entity with a mention inside byte range [a, b), preferring the first.
fn entity_in(doc: &Doc, a: u32, b: u32) -> Option<usize> {
    entity_in_where(doc, a, b, |_| true)
}

/// [`entity_in`] among the entities that pass `keep`.
fn entity_in_where(doc: &Doc, a: u32, b: u32, keep: impl Fn(&newsgraph_doc::Entity) -> bool) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for (ei, e) in doc.entities.iter().enumerate().filter(|(_, e)| keep(e)) {
        for m in &e.mentions {
            if m.start >= a && m.end <= b && best.is_none_or(|(s, _)| m.start < s) {
                best = Some((m.start, ei));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// The latest entity of one of `types` mentioned before byte `pos`.
fn latest_before(doc: &Doc, pos: u32, types: &[&str]) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for (ei, e) in doc.entities.iter().enumerate() {
        if !types.contains(&e.r#type.as_str()) {
            continue;
        }
        for m in &e.mentions {
            if m.end <= pos && best.is_none_or(|(s, _)| m.start > s) {
                best = Some((m.start, ei));
            }
        }
    }
    best.map(|(_, e)| e)
}

fn build_records(doc: &Doc, mut attrs: Vec<Attr>) -> Vec<Quote> {
    let cx_tokens = &doc.tokens;
    let tspan = |(a, b): (usize, usize)| (cx_tokens[a].start, cx_tokens[b].end);
    attrs.retain(|a| !a.content.is_empty());
    for a in &mut attrs {
        a.content.sort();
        a.content.dedup();
    }
    attrs.sort_by_key(|a| a.content[0].0.min(tspan(a.cue).0));
    // Drop attributions whose content overlaps an earlier one's completely
    // (the same quote reached from two cues).
    let mut kept: Vec<Attr> = Vec::new();
    for a in attrs {
        let dup = kept.iter().any(|k| k.content.iter().any(|x| a.content.iter().any(|y| x == y)));
        if !dup {
            kept.push(a);
        }
    }
    // A statement reported inside another one's content is part of it
    // (PolNeAR annotates the outer one).
    // Except when the outer speaker is an outlet ("SANA reported that Novak
    // promised ..."): then the inner statement is kept, relayed via it.
    let media_of = |a: &Attr| {
        let (s, e) = tspan(a.speaker?);
        entity_in(doc, s, e).filter(|&x| is_media(&doc.entities[x]))
    };
    let spans: Vec<(Vec<(u32, u32)>, Option<usize>)> = kept.iter().map(|a| (a.content.clone(), media_of(a))).collect();
    let kept: Vec<Attr> = kept
        .into_iter()
        .filter_map(|mut a| {
            let (cs, ce) = tspan(a.cue);
            let outer = spans.iter().find(|(c, _)| c.iter().any(|&(s, e)| s <= cs && ce <= e) && !c.contains(&a.content[0]));
            match outer {
                None => Some(a),
                Some((_, Some(m))) => {
                    a.via = Some(*m);
                    Some(a)
                }
                Some((_, None)) => None,
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut last_via: Option<(usize, Option<usize>, usize)> = None; // (speaker entity, via, paragraph end)
    for a in &kept {
        let cue = tspan(a.cue);
        let speaker = a.speaker.map(tspan).map(|(s, e)| {
            let text = &doc.text[s as usize..e as usize];
            let lower = text.to_lowercase();
            let ent = if PRONOUNS.contains(&lower.as_str()) && lower != "it" && lower != "you" {
                let types: &[&str] = if matches!(lower.as_str(), "he" | "she" | "i") { &["PERSON"] } else { &["PERSON", "ORG", "NORP"] };
                // The pronoun's own entity, if the entity stage resolved it.
                entity_in_where(doc, s, e, |x| x.r#type == "PERSON").or_else(|| latest_before(doc, s, types))
            } else {
                // "Kremlin spokesman Dmitry Peskov": the person, not the Kremlin.
                entity_in_where(doc, s, e, |x| x.r#type == "PERSON").or_else(|| entity_in(doc, s, e)).or_else(|| {
                    // "the official", not "the ministers": one person.
                    let last = lower.split_whitespace().last().unwrap_or("");
                    let plural = last.ends_with('s') && !["ss", "us", "is"].iter().any(|x| last.ends_with(x));
                    let gen = lower.starts_with("the ") && text.split_whitespace().count() <= 3 && !plural;
                    gen.then(|| latest_before(doc, s, &["PERSON"])).flatten()
                })
            };
            (s, e, text.to_string(), ent)
        });
        let addressee_span = a.addressee.map(tspan).filter(|&(s, e)| s < e);
        let addressee = addressee_span.and_then(|(s, e)| entity_in(doc, s, e));
        let mut via = a.via;
        if via.is_none() {
            if let Some(ad) = addressee.filter(|&e| is_media(&doc.entities[e])) {
                via = Some(ad);
            }
        }
        // "according to Tass" / "Speaking to CNN" / "in an interview with CNN" in the same sentence.
        if via.is_none() {
            let sent = doc.sentences.iter().find(|s| s.start <= cue.0 && cue.0 < s.end);
            if let Some(s) = sent {
                let st = &doc.text[s.start as usize..s.end as usize];
                let lst = st.to_ascii_lowercase();
                for pat in ["according to ", "speaking to ", "speaking with ", "interview with ", "told ", "quoted by ", "as saying by "] {
                    if let Some(p) = lst.find(pat) {
                        let from = s.start + (p + pat.len()) as u32;
                        let to = (from + 40).min(s.end);
                        if let Some(e) = entity_in(doc, from, to).filter(|&e| is_media(&doc.entities[e])) {
                            let sp_ent = speaker.as_ref().and_then(|x| x.3);
                            if sp_ent != Some(e) {
                                via = Some(e);
                                break;
                            }
                        }
                    }
                }
            }
        }
        let sp_ent = speaker.as_ref().and_then(|x| x.3);
        let para_end = doc.text[cue.0 as usize..].find("\n\n").map_or(doc.text.len(), |p| cue.0 as usize + p);
        if via.is_none() {
            if let (Some((e, v, pe)), Some(se)) = (last_via, sp_ent) {
                if e == se && (cue.0 as usize) < pe {
                    via = v;
                }
            }
        }
        if let Some(se) = sp_ent {
            if via.is_some() {
                last_via = Some((se, via, para_end));
            }
        }
        // A content of whole quotes only ('"...," he was quoted as saying',
        // where the tagger found it) is direct too.
        let whole_quote = |&(s, e): &(u32, u32)| {
            let t = doc.text[s as usize..e as usize].trim_end();
            t.starts_with(['“', '"']) && t.ends_with(['”', '"']) && t.chars().count() > 2
        };
        let kind = if a.direct || a.content.iter().all(whole_quote) {
            "direct"
        } else if a.content.iter().any(|&(s, e)| doc.text[s as usize..e as usize].contains(['“', '"', '”'])) {
            "mixed"
        } else {
            "indirect"
        };
        let text = a.content.iter().map(|&(s, e)| &doc.text[s as usize..e as usize]).collect::<Vec<_>>().join(" ");
        out.push(Quote {
            id: String::new(),
            kind: kind.to_string(),
            content: a.content.iter().map(|&(start, end)| Span { start, end }).collect(),
            text,
            cue: Some(TextSpan { start: cue.0, end: cue.1, text: doc.text[cue.0 as usize..cue.1 as usize].to_string() }),
            speaker: speaker.map(|(start, end, text, ent)| Speaker {
                entity: ent.map(|e| doc.entities[e].id.clone()),
                start,
                end,
                text,
            }),
            addressee: addressee.map(|e| doc.entities[e].id.clone()),
            addressee_span: addressee_span.map(|(start, end)| TextSpan { start, end, text: doc.text[start as usize..end as usize].to_string() }),
            via: via.map(|e| doc.entities[e].id.clone()),
        });
    }
    for (i, q) in out.iter_mut().enumerate() {
        q.id = format!("q{}", i + 1);
    }
    out
}

#[cfg(test)]
mod tests;
