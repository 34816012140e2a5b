//! The sentence splitter: groups tokens into sentences.
//!
//! A sentence ends
//! - at a blank line (always);
//! - at a line break after a line without final punctuation (headlines,
//!   list items), unless the line visibly continues (it ends in a comma,
//!   an opening bracket or a function word, or the next line starts in
//!   lower case);
//! - after `.`, `!`, `?` or `…` (and any closing quotes and brackets right
//!   after it) when the next token does not start in lower case or with
//!   continuing punctuation; after an abbreviation only when the next word
//!   is a typical sentence start (`U.S. The`), never after a title or an
//!   initial (`Mr.`, `Lt. Gen.`, `J. R. R.`);
//! - after a dateline at the start of a line (`MOSCOW, Oct 16 (Reuters) -`),
//!   which is a sentence of its own as in UD English EWT.

use crate::abbrev::{self, Abbrev};
use newsgraph_doc::{Sentence, Token};

#[inline]
fn span(text: &str, t: Token) -> &str {
    &text[t.start as usize..t.end as usize]
}

/// Line breaks in a gap between tokens: 0, 1 or 2 (a blank line or more).
fn newlines(gap: &str) -> u32 {
    let mut n = 0;
    for c in gap.chars() {
        match c {
            '\n' | '\u{2028}' | '\u{b}' | '\u{c}' | '\u{85}' => n += 1,
            '\u{2029}' => n += 2,
            _ => {}
        }
        if n >= 2 {
            return 2;
        }
    }
    n
}

/// Closing quotes and brackets (straight quotes close when attached to
/// the token before them).
fn closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "''" | "’’" | "”’" | "’”" | "」" | "』")
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Term {
    /// `!`, `?`, `?!`
    Strong,
    /// `.`
    Period,
    /// `...`, `…`
    Ellipsis,
    /// An abbreviation with its period.
    Abbrev(Abbrev),
}

fn terminal(t: &str, next_digit: bool) -> Option<Term> {
    let b = t.as_bytes();
    let last = *b.last()?;
    if t == "." {
        return Some(Term::Period);
    }
    if b[0] == b'.' || b[0] == b'!' || b[0] == b'?' || t.starts_with('…') || t.starts_with('‼') || t.starts_with('⁇') {
        if !t.chars().all(|c| matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇')) {
            return None;
        }
        if t.contains(['!', '?', '‼', '⁇']) {
            return Some(Term::Strong);
        }
        return Some(Term::Ellipsis);
    }
    if last == b'.' && b.len() > 1 && b[b.len() - 2].is_ascii_alphabetic() {
        let w = &t[..t.len() - 1];
        // "non-U.S." and similar: classify the last piece.
        let piece = w.rsplit(['-', '/', '\'']).next().unwrap_or(w);
        return Some(Term::Abbrev(abbrev::classify(piece, next_digit).unwrap_or(Abbrev::Other)));
    }
    None
}

/// Words a line does not end on when the sentence goes on.
fn continuing_word(t: &str) -> bool {
    matches!(
        t,
        "and" | "or" | "but" | "the" | "a" | "an" | "of" | "to" | "in" | "on" | "for" | "with" | "by" | "at"
            | "from" | "that" | "is" | "was" | "are" | "were" | "be" | "as" | "his" | "her" | "their" | "its"
            | "our" | "said" | "says" | "who" | "which" | "than" | "into" | "about"
    )
}

fn dash(t: &str) -> bool {
    matches!(t, "-" | "--" | "—" | "–" | "―" | "---" | "——")
}

/// An all-capitals word (at least two letters, no lower case, no digit).
fn caps_word(t: &str) -> bool {
    let mut letters = 0;
    for c in t.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '.' | '-' | '\'' | '’') {
            return false;
        }
    }
    letters >= 2
}

/// A dateline starting at token `i` (`MOSCOW, Oct 16 (Reuters) -`,
/// `TEHRAN (AFP) -`, `NEW YORK —`): the index of its dash.
fn dateline(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let n = tokens.len();
    let tx = |k: usize| span(text, tokens[k]);
    let same_line = |k: usize| !text[tokens[k - 1].end as usize..tokens[k].start as usize].contains('\n');
    let mut k = i;
    while k < n && k - i < 4 && caps_word(tx(k)) && (k == i || same_line(k)) {
        k += 1;
    }
    if k == i || k >= n {
        return None;
    }
    if tx(k) == "," {
        k += 1;
        let start = k;
        while k < n && k - start < 6 && same_line(k) {
            let t = tx(k);
            let first = t.chars().next().unwrap_or(' ');
            if t == "," || first.is_uppercase() || first.is_ascii_digit() {
                k += 1;
            } else {
                break;
            }
        }
    }
    if k < n && tx(k) == "(" && same_line(k) {
        let open = k;
        k += 1;
        while k < n && k - open <= 4 && tx(k) != ")" && same_line(k) {
            k += 1;
        }
        if k >= n || tx(k) != ")" {
            return None;
        }
        k += 1;
    }
    if k < n && k + 1 < n && dash(tx(k)) && same_line(k) {
        return Some(k);
    }
    None
}

/// Group `tokens` (of `text`) into sentences, appended to `out`: contiguous
/// token ranges covering every token, in order.
pub fn split_sentences(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    let n = tokens.len();
    let mut first = 0usize;
    // The dash ending a dateline, and the tokens before it.
    let mut dl_start = usize::MAX;
    let mut dl_end = usize::MAX;
    let mut line_start = true;
    for i in 0..n {
        if line_start {
            if let Some(d) = dateline(text, tokens, i) {
                dl_start = i;
                dl_end = d;
            }
        }
        let brk = if i + 1 == n {
            true
        } else {
            let (end, next) = (tokens[i].end as usize, tokens[i + 1].start as usize);
            // Fast path: a word followed by a single space.
            if next == end + 1 && text.as_bytes()[end] == b' ' && text.as_bytes()[end - 1].is_ascii_alphanumeric() {
                line_start = false;
                if i != dl_end {
                    continue;
                }
            }
            let gap = &text[end..next];
            let nl = if gap.is_empty() { 0 } else { newlines(gap) };
            line_start = nl > 0;
            if nl >= 2 || i == dl_end {
                true
            } else if i >= dl_start && i < dl_end {
                false
            } else {
                boundary(text, tokens, first, i, gap, nl)
            }
        };
        if brk {
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[i].end,
                token_start: first as u32,
                token_end: i as u32 + 1,
            });
            first = i + 1;
        }
    }
}

/// Does a sentence end after token `i` (not the last token) of a sentence
/// starting at token `first`? `gap`: the
/// text between it and the next token, `nl` its line breaks (0 or 1).
fn boundary(text: &str, tokens: &[Token], first: usize, i: usize, gap: &str, nl: u32) -> bool {
    let t = span(text, tokens[i]);
    let nt = span(text, tokens[i + 1]);
    let nc = nt.chars().next().unwrap_or(' ');
    if gap.is_empty() && closer(nt) {
        // The closing mark belongs to this sentence.
        return false;
    }
    // The terminal before any closing marks attached to it.
    let mut k = i;
    while k > 0 && i - k < 4 && closer(span(text, tokens[k])) && tokens[k - 1].end == tokens[k].start {
        k -= 1;
    }
    // A spaced ellipsis (". . .") goes on to its last period.
    if t == "." && nt == "." {
        return false;
    }
    let mut term = terminal(span(text, tokens[k]), nc.is_ascii_digit());
    if term == Some(Term::Period) && k > 0 && span(text, tokens[k - 1]) == "." {
        term = Some(Term::Ellipsis);
    }
    let Some(term) = term else {
        if nl == 0 {
            return false;
        }
        // A line without final punctuation: a headline, a list item, or a
        // wrapped line.
        let last = t.chars().next_back().unwrap_or(' ');
        let open = matches!(last, ',' | ';' | ':' | '(' | '[' | '{' | '-' | '–' | '—' | '&' | '/' | '“' | '‘');
        return !open && !nc.is_lowercase() && !continuing_word(t);
    };
    if nc.is_lowercase() {
        // "Stop!" he said. / e.g. the / ... and: go on. A bare period or
        // question mark before a lower-case word ends informal sentences.
        if k != i || gap.is_empty() {
            return false;
        }
        return match term {
            Term::Period => true,
            // "Great! we" ends a sentence, "said Jeb! was" is a name.
            Term::Strong => {
                let name = t == "!"
                    && i > first + 1
                    && span(text, tokens[i - 1]).starts_with(char::is_uppercase)
                    && tokens[i - 1].end == tokens[i].start;
                !name
            }
            _ => false,
        };
    }
    if matches!(nc, ',' | ';' | ':' | ')' | ']' | '}' | '%' | '-' | '–' | '—' | '/' | '.' | '…' | '!' | '?') {
        return false;
    }
    match term {
        // "1. The first point": a list number stays with its item.
        Term::Period if k == first + 1 && k == i => {
            let b = span(text, tokens[first]).as_bytes();
            !(b.len() <= 2 && b.iter().all(u8::is_ascii_digit))
        }
        Term::Strong | Term::Period => true,
        Term::Ellipsis => nl > 0 || nc.is_uppercase() || matches!(nc, '"' | '“' | '‘' | '('),
        Term::Abbrev(Abbrev::Prefix) => false,
        Term::Abbrev(Abbrev::Other) => nl > 0 || abbrev::sentence_starter(nt),
    }
}
