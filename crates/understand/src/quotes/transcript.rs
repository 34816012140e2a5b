//! Transcripts: a paragraph that opens with a speaker's label and a colon
//! is that speaker's turn, without quote marks.
//!
//! ```text
//! MOSS: We will bring the factories back to this state.
//! Sen. Jane Moss: My opponent has promised that before.
//! ```
//!
//! The label is one to four words before a colon at the start of a
//! paragraph: in capitals ("MOSS", "SEN. MOSS"), or a name the recognizer
//! found (a person, with a title before it). Labels of the page itself
//! ("UPDATE:", "Note:", "Photo:") are not speakers; neither is an
//! interview's "Q:" or "A:", which names nobody. The turn is the rest of
//! the paragraph when it has at least three words and does not open with a
//! quote mark (that is the rules' "Name: “...”"); its final full stop is
//! left out, as PolNeAR leaves it out of contents. A headline "Pence:
//! Trump Was Right" is such a turn too, and so is a headline whose label
//! is longer or not in capitals ("Moss Slams Bank Chief: ‘Resign.’",
//! "A lesson from Jane Moss: '...'"; [`headline`]) when nothing else was
//! found in it. A short line that ends with a verb of saying and a colon
//! ("The governor added:") introduces the next paragraph ([`lead_ins`]).

use super::lexicon::{lexicon, Strength};
use super::{speaker_of, Attr, Ctx};

/// Labels that head a paragraph without anyone speaking.
const NOT_SPEAKERS: &[&str] = &[
    "update", "updated", "note", "editor", "editors", "correction", "clarification", "photo", "photos", "video", "videos",
    "watch", "read", "related", "see", "also", "more", "source", "sources", "credit", "caption", "advertisement", "warning",
    "disclaimer", "listen", "click", "share", "contact", "email", "phone", "tel", "by", "posted", "published", "filed",
    "subject", "date", "time", "location", "where", "when", "what", "why", "how", "who", "breaking", "live", "exclusive",
    "analysis", "opinion", "comment", "comments", "transcript", "summary", "background", "context", "tags", "topics",
    "pictured", "above", "below", "top", "bottom", "line", "key", "points", "fact", "check", "quote", "question", "answer",
    "reporter", "moderator", "audience", "crowd", "unidentified", "male", "female", "voice", "announcer", "narrator", "the",
    "a", "an", "in", "on", "at", "for", "and", "or", "but", "this", "that", "these", "here", "there", "now", "today",
    "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ps", "p.s",
    "step", "part", "chapter", "section", "day", "week", "bonus", "tip", "lesson", "rule", "example", "result", "results",
];

/// Title words allowed before a recognized name in a mixed-case label.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "governor", "president", "secretary", "minister", "gen", "general",
    "prof", "professor", "judge", "mayor", "rev", "sir", "lord", "lady", "chairman", "speaker",
];

/// The turns of a transcript, as direct statements whose cue is the colon.
pub(super) fn turns(cx: &Ctx) -> Vec<Attr> {
    let n = cx.low.len();
    (0..n)
        .filter(|&i| cx.line_starts(i))
        .filter_map(|i| {
            turn_at(cx, i, false).or_else(|| {
                // A transcript quoted paragraph by paragraph: '"PENCE: Well, ...'
                // (each paragraph opens with a mark, only the last closes).
                (i + 1 < n && matches!(cx.low[i].as_str(), "\"" | "“")).then(|| turn_at(cx, i + 1, true)).flatten()
            })
        })
        .collect()
}

/// The turn whose label starts at token `a`, if any. `quoted`: the label
/// follows the quote mark that opens the paragraph; the turn is then inside
/// the quote and keeps its final full stop, as a quote's content does.
fn turn_at(cx: &Ctx, a: usize, quoted: bool) -> Option<Attr> {
    let n = cx.low.len();
    let colon = (a + 1..(a + 5).min(n)).find(|&k| cx.low[k] == ":")?;
    let label = a..colon;
    // Words of a name only: letters, with dots, hyphens and apostrophes.
    let wordy = |k: usize| {
        let w = &cx.low[k];
        w.chars().any(char::is_alphabetic) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    if !label.clone().all(wordy) || (!quoted && cx.in_quote[a].is_some()) {
        return None;
    }
    // Nothing between the label's words but spaces (no line break).
    if label.clone().skip(1).any(|k| cx.line_starts(k)) {
        return None;
    }
    let bare = |k: usize| cx.low[k].trim_end_matches('.').to_string();
    if label.clone().any(|k| NOT_SPEAKERS.contains(&bare(k).as_str())) {
        return None;
    }
    let letters: usize = label.clone().map(|k| cx.low[k].chars().filter(|c| c.is_alphabetic()).count()).sum();
    if letters < 2 {
        return None; // "Q:", "A:"
    }
    let caps = label.clone().all(|k| {
        let w = cx.text(cx.tstart(k), cx.tend(k));
        w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    });
    let named = || {
        // A person the recognizer found, ending the label, with titles before it.
        let (ls, le) = (cx.tstart(a), cx.tend(colon - 1));
        cx.doc.mentions.iter().any(|m| {
            m.label == "PERSON"
                && m.end == le
                && m.start >= ls
                && cx.text(ls, m.start).split_whitespace().all(|w| TITLES.contains(&w.to_lowercase().trim_end_matches('.')))
        })
    };
    if !caps && !named() {
        return None;
    }
    // The turn: the rest of the paragraph, three words or more, no quote mark first.
    let first = colon + 1;
    if first >= n || cx.line_starts(first) || (!quoted && cx.in_quote[first].is_some()) {
        return None;
    }
    let opening = cx.low[first].chars().next().is_some_and(|c| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '«'));
    if opening {
        return None;
    }
    let mut last = cx.line_end(first);
    // A final full stop is the sentence's, not the statement's (as for
    // indirect contents).
    if last > first && matches!(cx.low[last].as_str(), "." | ";" | ",") && !quoted {
        last -= 1;
    }
    let words = (first..=last).filter(|&k| !cx.is_punct(k)).count();
    if words < 3 {
        return None;
    }
    Some(Attr {
        cue: (colon, colon),
        speaker: Some((a, colon - 1)),
        addressee: None,
        content: vec![(cx.tstart(first), cx.tend(last))],
        direct: true,
        via: None,
    })
}

/// Put a transcript's turns, the sign-offs, lead-ins and a headline's statement in
/// (after the tagger and the rules; `extract` and the trainer's dev scores
/// alike).
pub(super) fn put_in(cx: &Ctx, attrs: &mut Vec<Attr>) {
    apply(cx, attrs, turns(cx));
    apply(cx, attrs, signoffs(cx));
    // Lead-ins where the tagger found nothing in the lead-in line itself;
    // statements inside the paragraph they introduce stay.
    let free: Vec<Attr> = lead_ins(cx)
        .into_iter()
        .filter(|l| {
            let (ls, le) = (cx.tstart(l.speaker.map_or(l.cue.0, |s| s.0)), cx.tend(l.cue.1));
            !attrs.iter().any(|x| {
                [Some(x.cue), x.speaker].into_iter().flatten().any(|(a, b)| cx.tstart(a) < le && ls < cx.tend(b))
                    || x.content.iter().any(|&(s, e)| s < le && ls < e)
            })
        })
        .collect();
    apply(cx, attrs, free);
    if let Some(h) = headline(cx) {
        // Only where nothing is found in the headline already.
        let (hs, he) = (cx.tstart(h.speaker.map_or(h.cue.0, |s| s.0)), h.content[0].1);
        let touches = |x: &Attr| {
            [Some(x.cue), x.speaker].into_iter().flatten().any(|(a, b)| cx.tstart(a) < he && hs < cx.tend(b))
                || x.content.iter().any(|&(s, e)| s < he && hs < e)
        };
        if !attrs.iter().any(touches) {
            attrs.push(h);
        }
    }
}

/// Lead-ins: a short paragraph that ends with a verb of saying and a colon
/// introduces the next paragraph, quoted or not.
///
/// ```text
/// The governor added:
///
/// It is typical of her. She knows better.
/// ```
///
/// The speaker is the verb's subject; the cue is the verb with the colon
/// (as PolNeAR marks "added:"); the content is the next paragraph, less a
/// final full stop unless it opens with a quote mark.
fn lead_ins(cx: &Ctx) -> Vec<Attr> {
    let n = cx.low.len();
    let mut out = Vec::new();
    for c in 1..n.saturating_sub(1) {
        if cx.low[c] != ":" || !cx.line_starts(c + 1) || cx.in_quote[c].is_some() {
            continue;
        }
        let v = c - 1;
        if lexicon().get(&cx.low[v]) != Some(Strength::Speech) || cx.line_starts(v) {
            continue;
        }
        let start = cx.line_start(v);
        if c - start > 12 {
            continue;
        }
        let Some(sp) = speaker_of(cx, v).filter(|&(a, b)| a >= start && b < v) else { continue };
        let first = c + 1;
        let mut last = cx.line_end(first);
        let opening = cx.low[first].chars().next().is_some_and(|ch| matches!(ch, '"' | '“' | '‘' | '\''));
        if last > first && !opening && matches!(cx.low[last].as_str(), "." | ";" | ",") {
            last -= 1;
        }
        if (first..=last).filter(|&k| !cx.is_punct(k)).count() < 3 {
            continue;
        }
        out.push(Attr {
            cue: (v, c),
            speaker: Some(sp),
            addressee: None,
            content: vec![(cx.tstart(first), cx.tend(last))],
            direct: opening,
            via: None,
        });
    }
    out
}

/// A headline that gives a speaker and what they said, split by a colon:
///
/// ```text
/// Jane Moss Slams Bank Chief: ‘You Should Resign.’
/// A lesson from Jane Moss: 'Be the voice that people hear.'
/// ```
///
/// The article's first paragraph, a label of one to ten words before its
/// first colon, and three words or more after it to the end of the
/// paragraph (the content; a final full stop outside quote marks left
/// out). The speaker is the whole label when all its words are capitalized
/// (a headline's title case), else the first name the recognizer found in
/// it. Labels of the page ("UPDATE:", "The Latest:") are not speakers.
fn headline(cx: &Ctx) -> Option<Attr> {
    let end = cx.line_end(0);
    let colon = (1..=end.min(10)).find(|&k| cx.low[k] == ":")?;
    let wordy = |k: usize| {
        let w = &cx.low[k];
        w.chars().any(char::is_alphanumeric) && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’' | '&'))
    };
    if !(0..colon).all(wordy) || cx.in_quote[0].is_some() {
        return None;
    }
    // A name the recognizer found in the label ("Bombshell:", "Wow:" name nobody).
    let named = cx.doc.mentions.iter().any(|m| m.start < cx.tstart(colon) && matches!(m.label, "PERSON" | "ORG" | "NORP"));
    if !named {
        return None;
    }
    let first = colon + 1;
    if first > end {
        return None; // nothing after the colon ("Jane Moss:" at the end)
    }
    let mut last = end;
    let quoted = cx.in_quote[first].is_some_and(|q| cx.quotes[q as usize].start == cx.tstart(first));
    if last > first && matches!(cx.low[last].as_str(), "." | ";" | ",") && !quoted {
        last -= 1;
    }
    if first > last || (first..=last).filter(|&k| !cx.is_punct(k)).count() < 3 {
        return None;
    }
    let title_case = (0..colon).all(|k| !cx.text(cx.tstart(k), cx.tend(k)).starts_with(char::is_lowercase));
    let speaker = if title_case {
        if NOT_SPEAKERS.contains(&cx.low[0].trim_end_matches('.')) {
            return None; // "The Latest:"
        }
        (0, colon - 1)
    } else {
        let m = cx.doc.mentions.iter().find(|m| m.end <= cx.tstart(colon) && matches!(m.label, "PERSON" | "ORG"))?;
        let a = cx.doc.tokens.partition_point(|t| t.end <= m.start);
        let b = cx.doc.tokens.partition_point(|t| t.end < m.end);
        if a > b || b >= colon {
            return None;
        }
        (a, b)
    };
    Some(Attr {
        cue: (colon, colon),
        speaker: Some(speaker),
        addressee: None,
        content: vec![(cx.tstart(first), cx.tend(last))],
        direct: quoted,
        via: None,
    })
}

/// Put the turns in: a statement that overlaps a turn without lying inside
/// it (one that ran across the label or into the paragraph before), or
/// whose speaker is in the label, gives way to the turn. Statements inside
/// a turn stay (what the speaker reported someone else said).
fn apply(cx: &Ctx, attrs: &mut Vec<Attr>, turns: Vec<Attr>) {
    for t in turns {
        let (ts, te) = t.content[0];
        let (ls, le) = (cx.tstart(t.speaker.map_or(t.cue.0, |s| s.0)), cx.tend(t.cue.1));
        let clash = |x: &Attr| {
            let spans = x.content.iter().copied().chain([(cx.tstart(x.cue.0), cx.tend(x.cue.1))]);
            let mut inside = true;
            let mut touches = false;
            for (s, e) in spans {
                if s < te && ts < e || s < le && ls < e {
                    touches = true;
                }
                if !(s >= ts && e <= te) {
                    inside = false;
                }
            }
            let speaker_in_label = x.speaker.is_some_and(|(a, b)| cx.tstart(a) < le && ls < cx.tend(b));
            touches && !inside || speaker_in_label
        };
        attrs.retain(|x| !clash(x));
        attrs.push(t);
    }
}

/// Sign-offs: a quote that fills its paragraph and ends with a dash and a
/// name, as under readers' comments or an epigraph.
///
/// ```text
/// “We deserve better than this.” ― Jane Moss
/// ```
///
/// The dash (a horizontal bar or an em dash) follows the closing quote mark
/// directly, on the same line; the name (one to six capitalized words, a
/// final full stop left out) runs to the end of the paragraph; the quote,
/// with its marks as PolNeAR marks them, opens the paragraph. The dash is
/// the cue.
pub(super) fn signoffs(cx: &Ctx) -> Vec<Attr> {
    let n = cx.low.len();
    let breaks = |k: usize| cx.line_starts(k);
    let is_mark = |s: &str| s.chars().next().is_some_and(|c| matches!(c, '"' | '“' | '”'));
    let mut out = Vec::new();
    for d in 1..n.saturating_sub(1) {
        if !matches!(cx.low[d].as_str(), "―" | "—") || breaks(d) || !is_mark(&cx.low[d - 1]) || breaks(d + 1) {
            continue;
        }
        // The name: to the end of the paragraph, less a final full stop.
        let mut last = cx.line_end(d + 1);
        if last > d + 1 && cx.low[last] == "." {
            last -= 1;
        }
        let name_ok = last - d <= 6
            && (d + 1..=last).all(|k| {
                let w = cx.text(cx.tstart(k), cx.tend(k));
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            });
        if !name_ok {
            continue;
        }
        // The quote: from the paragraph's first token, a quote mark.
        let first = cx.line_start(d - 1);
        if first + 1 >= d - 1 || !is_mark(&cx.low[first]) {
            continue;
        }
        let words = (first..d - 1).filter(|&k| !cx.is_punct(k)).count();
        if words < 3 {
            continue;
        }
        out.push(Attr {
            cue: (d, d),
            speaker: Some((d + 1, last)),
            addressee: None,
            content: vec![(cx.tstart(first), cx.tend(d - 1))],
            direct: true,
            via: None,
        });
    }
    out
}
