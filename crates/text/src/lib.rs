//! Segmentation of English news into tokens and sentences with exact byte
//! offsets.
//!
//! Reads `Doc::text`; writes `Doc::tokens` and `Doc::sentences`. Tokens never
//! overlap, never contain whitespace, and every sentence covers whole tokens.

use newsgraph_doc::{Doc, Sentence, Token};

/// Fill `doc.tokens` and `doc.sentences`.
pub fn segment(doc: &mut Doc) {
    doc.tokens.clear();
    doc.sentences.clear();
    tokenize(&doc.text, &mut doc.tokens);
    split_sentences(&doc.text, &doc.tokens, &mut doc.sentences);
}

fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Split `text` into tokens: whitespace-separated chunks with leading and
/// trailing punctuation split off.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    let mut pos = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let word = chunk.trim_end();
        let base = pos;
        pos += chunk.len();
        if word.is_empty() {
            continue;
        }
        let mut s = 0;
        let mut e = word.len();
        while let Some(c) = word[s..e].chars().next() {
            if s + c.len_utf8() < e && is_punct(c) {
                out.push(tok(base + s, base + s + c.len_utf8()));
                s += c.len_utf8();
            } else {
                break;
            }
        }
        let mut tail = Vec::new();
        while let Some(c) = word[s..e].chars().next_back() {
            if e - c.len_utf8() > s && is_punct(c) {
                tail.push(tok(base + e - c.len_utf8(), base + e));
                e -= c.len_utf8();
            } else {
                break;
            }
        }
        out.push(tok(base + s, base + e));
        out.extend(tail.into_iter().rev());
    }
}

fn tok(start: usize, end: usize) -> Token {
    Token { start: start as u32, end: end as u32 }
}

/// Group tokens into sentences: a break after `.`, `!` or `?` (and any
/// closing quotes or brackets after it) when the next token starts with an
/// upper-case letter, a digit or an opening quote, and at blank lines.
pub fn split_sentences(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    let mut first = 0usize;
    for i in 0..tokens.len() {
        let t = &text[tokens[i].start as usize..tokens[i].end as usize];
        let next = tokens.get(i + 1);
        let brk = match next {
            None => true,
            Some(n) => {
                let gap = &text[tokens[i].end as usize..n.start as usize];
                let nt = &text[n.start as usize..n.end as usize];
                gap.matches('\n').count() >= 2
                    || (matches!(t, "." | "!" | "?" | "\"" | "”" | "’" | ")")
                        && ends_sentence(text, tokens, i)
                        && !gap.is_empty()
                        && nt.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘(".contains(c)))
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

fn ends_sentence(text: &str, tokens: &[Token], mut i: usize) -> bool {
    loop {
        let t = &text[tokens[i].start as usize..tokens[i].end as usize];
        match t {
            "." | "!" | "?" => return true,
            "\"" | "”" | "’" | ")" if i > 0 => i -= 1,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| &text[t.start as usize..t.end as usize]).collect()
    }

    #[test]
    fn splits_punctuation() {
        assert_eq!(toks("“Hello,” he said."), vec!["“", "Hello", ",", "”", "he", "said", "."]);
    }

    #[test]
    fn splits_sentences() {
        let mut d = Doc::new("Putin met Sharaa. They talked.\n\nA new paragraph");
        segment(&mut d);
        assert_eq!(d.sentences.len(), 3);
    }
}

/// Score the segmenter against a CoNLL-U file with gold tokens and
/// sentences: token and sentence-boundary precision, recall and F1.
pub fn eval_conllu(_path: &std::path::Path) -> Result<newsgraph_doc::Table, newsgraph_doc::BoxError> {
    Err("segmentation evaluation is not implemented yet".into())
}
