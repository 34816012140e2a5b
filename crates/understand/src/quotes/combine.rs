//! The tagger's attributions checked and completed by the rules.
//!
//! The tagger ([`super::model`]) finds more of what PolNeAR annotates than
//! the rules, but it knows only PolNeAR's tags: one role a token, so no
//! statement inside another, no addressee or outlet of its own, and now and
//! then a statement around a name in quote marks. The rules ([`super::find`])
//! see those. So:
//!
//! 1. **Veto**: a statement goes when its content is little more than a
//!    name, title or scare quote in quote marks (a word or two, or a few
//!    words in title case) and its cue is no verb of saying ('known by his
//!    nom de guerre, “Abu Mohammed al-Jolani,”'). This holds for the rules'
//!    own statements too.
//! 2. **Speaker**: a tagged statement without a speaker takes the speaker the
//!    rules give the same cue ("Sharaa reportedly told Putin") unless that
//!    span is already a cue or content, else the speaker of another
//!    statement that is the cue's subject in the parse ("Trump said,
//!    adding that ...": the subject of the verb it hangs from).
//!
//! And a content span that the rules give another tagged statement's cue
//! moves to that statement (the rest of a quote after the sentence of its
//! cue goes to that cue, not to the nearest cue after it).
//! 3. **Nested statements**: a rule statement whose cue lies inside a tagged
//!    statement's content and overlaps no tagged cue is added ("SANA reported
//!    that ... Novak promised that ..."); the records keep it only when the
//!    outer speaker is an outlet, which becomes its `via`
//!    ([`super::build_records`]).
//!
//! 4. **Repairs**: a speakerless tagged statement whose cue is no verb of
//!    saying gives way to a rule statement with a speaker and a verb of
//!    saying whose content it shares; a tagged statement whose cue is no
//!    verb of saying and lies inside such a rule statement's content is a
//!    fact that statement reports and gives way to it ("According to SANA,
//!    the two leaders signed ...": SANA speaks); an indirect content that stops a few
//!    words short of the comma before its speaker runs on to it; a content
//!    that stops inside a quoted span runs to the span's end.
//!
//! 5. **Fallback**: in a sentence where the tagger found nothing, a rule
//!    statement with a speaker and a verb of saying that overlaps no tagged
//!    span stands ("Lind met Vukovic on Friday, the state news agency
//!    reported"), so that a plain report is never lost to the tagger's whims.
//!
//! Addressee and `via` are then found for every statement alike, by the
//! code shared with the rules.

use super::lexicon::{lexicon, Strength};
use super::{speaker_of, Attr, Ctx, PRONOUNS};

type Range = (usize, usize);

fn overlaps(a: Range, b: Range) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Whether byte range `[s, e)` lies inside one of the byte ranges `spans`.
fn within(s: u32, e: u32, spans: &[(u32, u32)]) -> bool {
    spans.iter().any(|&(a, b)| a <= s && e <= b)
}

/// Whether token range `t` lies inside one of the byte ranges `spans`.
fn inside(cx: &Ctx, t: Range, spans: &[(u32, u32)]) -> bool {
    within(cx.tstart(t.0), cx.tend(t.1), spans)
}

/// Whether token range `t` shares a character with one of `spans`.
fn touches(cx: &Ctx, t: Range, spans: &[(u32, u32)]) -> bool {
    let (s, e) = (cx.tstart(t.0), cx.tend(t.1));
    spans.iter().any(|&(a, b)| a < e && s < b)
}

/// Whether the cue span holds a verb of saying ("said", "told", "according to").
fn speech_cue(cx: &Ctx, cue: Range) -> bool {
    // "so-called" names; it does not say.
    let so_called = |k: usize| cx.low[k].ends_with("called") && (cx.low[k] == "so-called" || (k > 0 && matches!(cx.low[k - 1].as_str(), "so" | "-" | "so-")));
    (cue.0..=cue.1).any(|k| {
        !so_called(k) && (cx.low[k] == "according" || cx.low[k] == ":" || lexicon().get(&cx.low[k]) == Some(Strength::Speech))
    })
}

/// Whether quoted span `qi` is a name, title or scare quote rather than a
/// statement: a word or two without final punctuation ("“deal”"), or a
/// few words in title case ("“Abu Mohammed al-Jolani,”", "“The Art of the
/// Deal”").
fn not_a_statement(cx: &Ctx, qi: usize) -> bool {
    const SMALL: &[&str] = &["of", "the", "a", "an", "and", "for", "in", "on", "to", "de", "du", "al", "bin", "ibn", "el", "la", "von", "van"];
    let q = &cx.quotes[qi];
    let inner = cx.text(q.start, q.end).trim_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = inner.split_whitespace().collect();
    !cx.long[qi] && words.len() <= 2
        || words.len() <= 6
            && words.iter().all(|w| {
                // "al-Jolani", "bin", "1984" pass; "restore" does not.
                w.chars().any(char::is_uppercase)
                    || !w.chars().any(char::is_alphabetic)
                    || SMALL.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()))
            })
}

/// Whether the content is little more than a name, title or scare quote:
/// it holds one, and at most six words of it are outside such quotes ("who
/// was once known by his nom de guerre, “...”").
fn names_a_quote(cx: &Ctx, content: &[(u32, u32)]) -> bool {
    let names: Vec<(u32, u32)> = (0..cx.quotes.len())
        .filter(|&qi| not_a_statement(cx, qi))
        .map(|qi| (cx.quotes[qi].start, cx.quotes[qi].end))
        .filter(|&(s, e)| within(s, e, content))
        .collect();
    let Some(first) = content.iter().map(|c| c.0).min() else { return false };
    let lo = cx.doc.tokens.partition_point(|t| t.end <= first);
    let last = content.iter().map(|c| c.1).max().unwrap_or(first);
    let words = (lo..cx.low.len())
        .take_while(|&k| cx.tstart(k) < last)
        .filter(|&k| !cx.is_punct(k) && inside(cx, (k, k), content) && !inside(cx, (k, k), &names))
        .count();
    !names.is_empty() && words <= 6
}

/// Step 1, also for the rules' statements when they work alone.
pub(super) fn veto(cx: &Ctx, attrs: &mut Vec<Attr>) {
    attrs.retain(|a| speech_cue(cx, a.cue) || !names_a_quote(cx, &a.content));
}

/// Steps 1 to 5.
pub(super) fn combine(cx: &Ctx, mut tagged: Vec<Attr>, rules: &[Attr]) -> Vec<Attr> {
    let ruled = |cue: Range| rules.iter().find(|r| overlaps(r.cue, cue));
    // 1. Veto (before the speakers: a vetoed statement's speaker is free).
    veto(cx, &mut tagged);
    // 2. Speaker: the rules' for the same cue, else the cue's subject in the
    // parse (for "..., saying that" the subject of the verb it hangs from,
    // shared with that verb's statement).
    for i in 0..tagged.len() {
        if tagged[i].speaker.is_some() {
            continue;
        }
        let cue = tagged[i].cue;
        let word = (cue.0..=cue.1).rev().find(|&k| lexicon().get(&cx.low[k]).is_some()).unwrap_or(cue.1);
        let ruled_sp = ruled(cue).and_then(|r| r.speaker);
        let Some(sp) = ruled_sp.or_else(|| speaker_of(cx, word)) else { continue };
        // '"...," he was quoted as saying': the tagger took the pronoun that
        // the rules make the speaker, right before the cue, for a piece of
        // the content; it goes.
        if ruled_sp.is_some() && tagged[i].content.len() > 1 && sp.0 == sp.1 && sp.1 + 1 == cue.0 && PRONOUNS.contains(&cx.low[sp.0].as_str()) && cx.low[sp.0] != "it" {
            let (s0, e0) = (cx.tstart(sp.0), cx.tend(sp.1));
            tagged[i].content.retain(|&(s, e)| !(s0 <= s && e <= e0));
        }
        if let Some(shared) = tagged.iter().filter_map(|t| t.speaker).find(|&s| overlaps(s, sp)) {
            tagged[i].speaker = Some(shared);
        } else if ruled_sp.is_some() && !tagged.iter().any(|t| overlaps(t.cue, sp) || touches(cx, sp, &t.content)) {
            tagged[i].speaker = Some(sp);
        }
    }
    // "..., according to a Ukrainian official": a statement the tagger gave
    // no speaker and, for content, only words the rules make the speaker of
    // the same cue is the rules' statement.
    for t in tagged.iter_mut() {
        let Some(r) = ruled(t.cue).filter(|r| r.speaker.is_some() && !r.content.is_empty()) else { continue };
        if t.speaker.is_none() && !t.content.is_empty() && r.speaker.is_some_and(|sp| t.content.iter().all(|&(s, e)| cx.tstart(sp.0) <= s && e <= cx.tend(sp.1))) {
            *t = r.clone();
        }
    }
    // A content span the rules give another tagged statement's cue goes to
    // that statement (the rest of a quote whose cue is in the sentence
    // before, not the cue after it).
    for i in 0..tagged.len() {
        let mut j = 0;
        while j < tagged[i].content.len() {
            let x = tagged[i].content[j];
            let owner = rules
                .iter()
                .filter(|r| r.content.contains(&x) && !overlaps(r.cue, tagged[i].cue))
                .find_map(|r| tagged.iter().position(|t| overlaps(t.cue, r.cue)));
            match owner {
                Some(k) if tagged[i].content.len() > 1 => {
                    tagged[i].content.remove(j);
                    tagged[k].content.push(x);
                }
                _ => j += 1,
            }
        }
    }
    // A quote over several paragraphs ('Sybiha said ...¶"Ukraine will
    // never ...¶"Our partners ...," Sybiha told') is one statement's: the
    // pieces another statement took go to the one whose cue follows the
    // closing mark in the same paragraph, when the other keeps some content.
    for q in cx.quotes.iter().filter(|q| q.closed && cx.doc.text[q.start as usize..q.end as usize].contains('\n')) {
        let within_q = |&(s, e): &(u32, u32)| q.start <= s && e <= q.end;
        let after = |t: &Attr| {
            let cs = cx.tstart(t.cue.0);
            cs >= q.end && !cx.doc.text[q.end as usize..cs as usize].contains('\n')
        };
        let owners: Vec<usize> = (0..tagged.len()).filter(|&i| tagged[i].content.iter().any(within_q) && after(&tagged[i])).collect();
        let [k] = owners[..] else { continue };
        for i in 0..tagged.len() {
            if i == k || !tagged[i].content.iter().any(within_q) || tagged[i].content.iter().all(within_q) {
                continue;
            }
            let moved: Vec<(u32, u32)> = tagged[i].content.iter().copied().filter(within_q).collect();
            tagged[i].content.retain(|x| !within_q(x));
            tagged[k].content.extend(moved);
        }
    }
    // A statement the tagger left without a speaker and with no verb of
    // saying for a cue ("a reference" in "X, Turkey's foreign minister,
    // said that ..., a reference to ...") gives way to a rule statement that
    // has both and whose content it overlaps, when no tagged cue is the
    // rule's.
    for r in rules {
        if r.speaker.is_none() || !speech_cue(cx, r.cue) || tagged.iter().any(|t| overlaps(t.cue, r.cue)) {
            continue;
        }
        let shares = |t: &Attr| t.content.iter().any(|&(s, e)| r.content.iter().any(|&(rs, re)| s < re && rs < e));
        let weak: Vec<usize> = (0..tagged.len()).filter(|&i| shares(&tagged[i]) && tagged[i].speaker.is_none() && !speech_cue(cx, tagged[i].cue)).collect();
        if !weak.is_empty() && (0..tagged.len()).filter(|&i| shares(&tagged[i])).count() == weak.len() {
            for &i in weak.iter().rev() {
                tagged.remove(i);
            }
            tagged.push(r.clone());
        }
    }
    // A statement whose cue is no verb of saying and lies inside the
    // content of a rule statement with a speaker and a verb of saying that
    // the tagger missed ("According to SANA, [the two leaders] [signed] [an
    // agreement]") is a fact that statement reports: it gives way to it.
    for r in rules {
        if r.speaker.is_none() || !speech_cue(cx, r.cue) || tagged.iter().any(|t| overlaps(t.cue, r.cue)) {
            continue;
        }
        let reported = |t: &Attr| !speech_cue(cx, t.cue) && inside(cx, t.cue, &r.content);
        if tagged.iter().any(reported) {
            tagged.retain(|t| !reported(t));
            tagged.push(r.clone());
        }
    }
    // 3. Nested statements.
    let mut nested: Vec<Attr> = rules
        .iter()
        .filter(|r| tagged.iter().all(|t| !overlaps(t.cue, r.cue)) && tagged.iter().any(|t| inside(cx, r.cue, &t.content)))
        .cloned()
        .collect();
    veto(cx, &mut nested);
    tagged.extend(nested);
    // 5. Fallback: in a sentence where the tagger found nothing at all, a
    // rule statement with a speaker and a verb of saying stands ("Lind met
    // Vukovic on Friday, the state news agency reported.").
    let found: Vec<u32> = tagged.iter().flat_map(|t| [cx.sent_of[t.cue.0], cx.sent_of[t.cue.1]]).collect();
    let spans = |a: &Attr| {
        let mut v: Vec<(u32, u32)> = a.content.clone();
        v.push((cx.tstart(a.cue.0), cx.tend(a.cue.1)));
        v.extend(a.speaker.map(|s| (cx.tstart(s.0), cx.tend(s.1))));
        v
    };
    let taken: Vec<(u32, u32)> = tagged.iter().flat_map(spans).collect();
    let touched = |r: &Attr| spans(r).iter().any(|&(c, d)| taken.iter().any(|&(a, b)| a < d && c < b));
    let mut alone: Vec<Attr> = rules
        .iter()
        .filter(|r| r.speaker.is_some() && speech_cue(cx, r.cue) && !r.content.is_empty() && !found.contains(&cx.sent_of[r.cue.0]) && !touched(r))
        .cloned()
        .collect();
    veto(cx, &mut alone);
    tagged.extend(alone);
    close_gaps(cx, &mut tagged);
    whole_quotes(cx, &mut tagged);
    tagged
}

/// A content that stops inside a quoted span runs to its end when no other
/// statement has the rest: a quote over several paragraphs ("“Our
/// diplomats will stay.¶“They have worked there through worse times.”") is
/// one content.
fn whole_quotes(cx: &Ctx, attrs: &mut [Attr]) {
    for i in 0..attrs.len() {
        for j in 0..attrs[i].content.len() {
            let (s, e) = attrs[i].content[j];
            let Some(q) = cx.quotes.iter().find(|q| q.start <= s && s < q.end && e < q.end) else { continue };
            let rest = (e, q.end);
            let taken = attrs.iter().enumerate().any(|(k, b)| {
                b.content.iter().enumerate().any(|(m, &(bs, be))| (k, m) != (i, j) && bs < rest.1 && rest.0 < be)
                    || [Some(b.cue), b.speaker].into_iter().flatten().any(|t| cx.tstart(t.0) < rest.1 && rest.0 < cx.tend(t.1))
            });
            if !taken {
                attrs[i].content[j].1 = q.end;
            }
        }
    }
}

/// "CONTENT ... on Wednesday, the agency reported": an indirect content that
/// stops a few words short of the comma before its speaker runs on to it,
/// when those words are nobody's cue, speaker or content.
fn close_gaps(cx: &Ctx, attrs: &mut [Attr]) {
    let toks = &cx.doc.tokens;
    for i in 0..attrs.len() {
        let a = &attrs[i];
        let (Some(sp), false) = (a.speaker, a.direct) else { continue };
        let Some(&(cs, ce)) = a.content.last() else { continue };
        if sp.0 < 2 || a.cue.0 < sp.0 || cx.low[sp.0 - 1] != "," {
            continue;
        }
        let from = toks.partition_point(|t| t.start < ce);
        let to = sp.0 - 1; // the comma
        if from >= to || to - from > 8 || cx.sent_of[from] != cx.sent_of[to] || toks[from].start < cs {
            continue;
        }
        let taken = attrs.iter().any(|b| {
            overlaps(b.cue, (from, to - 1))
                || b.speaker.is_some_and(|s| overlaps(s, (from, to - 1)))
                || touches(cx, (from, to - 1), &b.content)
        });
        if !taken && (from..to).all(|k| cx.in_quote[k].is_none()) {
            let end = cx.tend(to - 1);
            if let Some(last) = attrs[i].content.last_mut() {
                last.1 = end;
            }
        }
    }
}
