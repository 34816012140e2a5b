//! Pairing quote marks into quoted spans.
//!
//! Curly marks say which way they face; a straight `"` (or `''`) opens after
//! whitespace, the start of the text or an opening bracket or dash, and
//! closes otherwise. Pairing runs left to right with one open quote at a
//! time:
//! * an opening mark while a quote is open: if it starts a new paragraph, the
//!   quote continues (a quote over several paragraphs repeats the opening mark
//!   on each and closes only the last); otherwise the earlier mark lost its
//!   closing mark and is dropped, and the new mark opens;
//! * a paragraph that ends with the quote open, and the next paragraph does
//!   not start with an opening mark: the quote ends with the paragraph, or
//!   before the first attribution set off by a comma in it (", said NAME,",
//!   ", NAME said."), which the lost closing mark should have preceded;
//! * a closing mark with nothing open is ignored.
//!
//! So one missing mark costs at most one quote, never a cascade of wrong
//! pairings.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub start: u32,
    /// Byte offset just after the closing mark (or the paragraph end).
    pub end: u32,
    /// Whether a closing mark was found.
    pub closed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Open,
    Close,
}

/// The quote marks of `text`: (byte offset, byte length, direction).
fn marks(text: &str) -> Vec<(usize, usize, Dir)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let straight = |len: usize, prev: Option<char>| {
            let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            (i, len, if opens { Dir::Open } else { Dir::Close })
        };
        match c {
            '“' | '„' | '«' => out.push((i, c.len_utf8(), Dir::Open)),
            '”' | '»' => out.push((i, c.len_utf8(), Dir::Close)),
            '"' => out.push(straight(1, prev)),
            '\'' if b.get(i + 1) == Some(&b'\'') => {
                out.push(straight(2, prev));
                it.next();
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// In a paragraph whose quote never closed, the end of the quote before an
/// attribution set off by a comma: ", NAME said." at the end, or the first
/// ", said NAME," / ", NAME said," inside ("“This is a new chapter, said
/// Shaibani, adding that ..."). Byte offset just after the comma.
fn attribution_cut(para: &str) -> Option<usize> {
    let p = para.trim_end();
    let verb = |w: &str| matches!(w, "said" | "says" | "told" | "added" | "wrote" | "asked");
    let mut from = 0;
    while let Some(k) = p[from..].find(", ") {
        let comma = from + k;
        let rest = &p[comma + 2..];
        let clause = &rest[..rest.find([',', '.', ';']).unwrap_or(rest.len())];
        let tail: Vec<&str> = clause.split_whitespace().collect();
        let last = clause.len() == rest.trim_end_matches('.').len();
        // Inside the paragraph only "said NAME" or "NAME said" of two or three
        // words; at its end up to five.
        let n = if last { 5 } else { 3 };
        if (2..=n).contains(&tail.len()) && (verb(tail[tail.len() - 1]) || verb(tail[0])) {
            return Some(comma + 1);
        }
        from = comma + 2;
    }
    None
}

/// Quoted spans of `text`, in text order, never overlapping.
pub fn quoted(text: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // The latest opening mark of the open quote (a continuation paragraph).
    let mut last_open = 0usize;
    let para_end = |from: usize| text[from..].find('\n').map_or(text.len(), |p| from + p);
    for (i, len, dir) in marks(text) {
        if let Some(o) = open {
            let pe = para_end(last_open.max(o));
            if pe < i {
                // The open quote's paragraph ended before this mark.
                let starts_para = text[..i].trim_end_matches([' ', '\t']).ends_with('\n');
                // "“..., Peskov said." lost its closing mark before the comma:
                // the quote ends there and does not run on.
                if let Some(cut) = attribution_cut(&text[last_open.max(o)..pe]) {
                    let end = last_open.max(o) + cut;
                    if end > o + 1 {
                        out.push(Quoted { start: o as u32, end: end as u32, closed: false });
                    }
                    open = None;
                    if dir == Dir::Open {
                        open = Some(i);
                        last_open = i;
                    }
                    continue;
                }
                if dir == Dir::Open && starts_para {
                    // Continuation over paragraphs: keep `o` open.
                    last_open = i;
                    continue;
                }
                // Find the last paragraph of the run still inside the quote:
                // the quote ends at the end of the paragraph where continuation stopped.
                let mut end = pe;
                loop {
                    let next_start = end + 1;
                    if next_start >= i {
                        break;
                    }
                    let rest = text[next_start..].trim_start();
                    let ns = text.len() - rest.len();
                    if ns < i && (rest.starts_with('“') || rest.starts_with('"')) {
                        let ne = para_end(ns);
                        if ne < i {
                            end = ne;
                            continue;
                        }
                    }
                    break;
                }
                let end = text[..end].trim_end().len();
                if end > o + 1 {
                    out.push(Quoted { start: o as u32, end: end as u32, closed: false });
                }
                open = None;
            }
        }
        match (dir, open) {
            (Dir::Open, _) => {
                open = Some(i);
                last_open = i;
            }
            (Dir::Close, Some(o)) => {
                out.push(Quoted { start: o as u32, end: (i + len) as u32, closed: true });
                open = None;
            }
            (Dir::Close, None) => {}
        }
    }
    if let Some(o) = open {
        let from = last_open.max(o);
        let pe = para_end(from);
        let end = match attribution_cut(&text[from..pe]) {
            Some(cut) => from + cut,
            None => text[..pe].trim_end().len(),
        };
        if end > o + 1 {
            out.push(Quoted { start: o as u32, end: end as u32, closed: false });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        quoted(t).iter().map(|q| &t[q.start as usize..q.end as usize]).collect()
    }

    #[test]
    fn curly_straight_and_mixed() {
        assert_eq!(spans("He said “yes,” and “no.”"), vec!["“yes,”", "“no.”"]);
        assert_eq!(spans("He said \"yes\" and \"no.\""), vec!["\"yes\"", "\"no.\""]);
        assert_eq!(spans("He said “yes\" and ''no.''"), vec!["“yes\"", "''no.''"]);
    }

    #[test]
    fn missing_close_does_not_cascade() {
        let t = "“One was lost, he said.\n\nShe replied “fine” and “good.”";
        assert_eq!(spans(t), vec!["“One was lost,", "“fine”", "“good.”"]);
        let t = "“First we lost and then “we won,” he said.";
        assert_eq!(spans(t), vec!["“we won,”"]);
        // A lost closing mark before an attribution inside the paragraph.
        let t = "“A new chapter, said Omar Haddad, adding that more was needed.\n\nShe said “fine.”";
        assert_eq!(spans(t), vec!["“A new chapter,", "“fine.”"]);
        // And at the end of the text.
        let t = "She said “fine.”\n\n\"A new chapter, said Omar Haddad, adding that more was needed.";
        assert_eq!(spans(t), vec!["“fine.”", "\"A new chapter,"]);
    }

    #[test]
    fn paragraphs_of_one_quote() {
        let t = "He said: “We came.\n\n“We saw.\n\n“We won.” Then he left.";
        assert_eq!(spans(t), vec!["“We came.\n\n“We saw.\n\n“We won.”"]);
    }
}
