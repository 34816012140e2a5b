//! Names newsgraph knows before reading: the actor file's names and aliases
//! and the country table's country names and capitals, found in the text and
//! used to amend the recognizer's mentions before clustering.
//!
//! The recognizer was trained on 1996 Reuters; it calls "Bashar al-Assad" a
//! place and "Hayat Tahrir al-Sham" a person, and reads all-caps headlines
//! badly. An actor the user (or the bundled file) lists is recognized as the
//! type the file gives, wherever its name or an alias stands:
//!
//! - a recognizer mention that overlaps a listed name is replaced by it,
//!   unless it contains the name and has the same type ("European Union
//!   Commission" keeps its span);
//! - a country name or capital keeps the recognizer's span but is a place
//!   when the recognizer called exactly that span an organization ("Syria"
//!   in "DAMASCUS, Syria (AP)"), and is added when the recognizer missed it.
//!
//! Matching is on token boundaries, longest name first. A name matches in its
//! own spelling, or in capitals when it has four letters or more
//! ("ZELENSKY"); a short all-caps alias ("IS", "AP") does not match inside
//! an all-caps headline, where every word is in capitals.
//!
//! The recognizer's own mentions (`Doc::mentions`) are left as they are; the
//! amended list is used by the entity stage only.

use super::lexicon::Lexicon;
use newsgraph_doc::{Doc, Mention};

/// One known surface form.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub text: String,
    pub label: &'static str,
    /// Country names and capitals: relabel or add, never replace a longer
    /// name of the recognizer's.
    pub place: bool,
}

/// The static label of an actor file type.
pub(crate) fn label(t: &str) -> &'static str {
    match t {
        "PERSON" => "PERSON",
        "ORG" => "ORG",
        "LOC" => "LOC",
        "NORP" => "NORP",
        _ => "MISC",
    }
}

fn is_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Whether most words of a sentence (two letters or more) are in capitals.
fn caps_sentence(words: &[&str]) -> bool {
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).collect();
    long.len() >= 2 && long.iter().filter(|w| is_caps(w)).count() * 5 >= long.len() * 3
}

/// Whether `text` is `name` as written here: in its own spelling (with a
/// capital first letter too: "Al-Sharaa"), or in
/// capitals for names of four letters or more that are not themselves in
/// capitals ("ZELENSKY", "IRAN"; not "IS").
fn spelled(text: &str, name: &str) -> bool {
    let capitalized = || {
        // "Al-Sharaa" opening a sentence.
        let mut c = name.chars();
        c.next().is_some_and(char::is_lowercase) && c.next().map(|_| ()).is_some() && {
            let mut t = text.chars();
            t.next().is_some_and(char::is_uppercase) && t.as_str() == &name[name.chars().next().map_or(0, char::len_utf8)..]
        }
    };
    text == name
        || capitalized()
        || (name.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !is_caps(name) && text == name.to_uppercase())
}

/// The amended mentions of `doc`, sorted by start.
pub(crate) fn amend(doc: &Doc, lex: &Lexicon) -> Vec<Mention> {
    let mut found: Vec<(usize, usize, &Known)> = Vec::new();
    let mut low = String::new();
    for s in &doc.sentences {
        let r = s.tokens();
        if r.end > doc.tokens.len() {
            continue;
        }
        let toks = &doc.tokens[r];
        let words: Vec<&str> = toks.iter().map(|t| doc.text.get(t.start as usize..t.end as usize).unwrap_or("")).collect();
        let caps = caps_sentence(&words);
        let mut i = 0;
        while i < toks.len() {
            low.clear();
            low.extend(words[i].chars().flat_map(char::to_lowercase));
            let start = toks[i].start as usize;
            let mut hit = None;
            // Candidates are sorted longest first.
            for k in lex.known_starting(&low) {
                let end = start + k.text.len();
                let Some(text) = doc.text.get(start..end) else { continue };
                if !spelled(text, &k.text) {
                    continue;
                }
                if caps && is_caps(&k.text) && k.text.chars().count() <= 4 && !k.text.contains(' ') {
                    continue;
                }
                // The name must end where a token ends, or before a possessive.
                let Some(j) = toks[i..].iter().position(|t| t.end as usize >= end).map(|p| i + p) else { continue };
                let tail = doc.text.get(end..toks[j].end as usize).unwrap_or("x");
                if !(tail.is_empty() || ["'s", "\u{2019}s", "'S", "\u{2019}S", "'", "\u{2019}"].contains(&tail)) {
                    continue;
                }
                let glued = |t: &newsgraph_doc::Token| {
                    doc.text.get(end..t.start as usize) == Some("")
                        && doc.text[t.start as usize..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
                };
                if tail.is_empty() && toks.get(j + 1).is_some_and(glued) {
                    // Glued to the next token ("Putin-led"): not a name of its own.
                    continue;
                }
                hit = Some((end, j, k));
                break;
            }
            match hit {
                Some((end, j, k)) => {
                    found.push((start, end, k));
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
    if found.is_empty() {
        return doc.mentions.clone();
    }
    let mut out: Vec<Mention> = Vec::with_capacity(doc.mentions.len() + found.len());
    let overlaps = |m: &Mention, s: usize, e: usize| (m.start as usize) < e && s < m.end as usize;
    let mut drop = vec![false; doc.mentions.len()];
    for &(s, e, k) in &found {
        let over: Vec<usize> = (0..doc.mentions.len()).filter(|&j| overlaps(&doc.mentions[j], s, e)).collect();
        if k.place {
            match over.as_slice() {
                [] => out.push(Mention { start: s as u32, end: e as u32, label: k.label }),
                [j] if (doc.mentions[*j].start as usize, doc.mentions[*j].end as usize) == (s, e)
                    && doc.mentions[*j].label == "ORG" =>
                {
                    drop[*j] = true;
                    out.push(Mention { start: s as u32, end: e as u32, label: k.label });
                }
                _ => {}
            }
            continue;
        }
        let kept = over.iter().any(|&j| {
            let m = &doc.mentions[j];
            m.label == k.label && (m.start as usize) <= s && e <= m.end as usize
        });
        if !kept {
            for &j in &over {
                drop[j] = true;
            }
            out.push(Mention { start: s as u32, end: e as u32, label: k.label });
        }
    }
    out.extend(doc.mentions.iter().zip(&drop).filter(|(_, d)| !**d).map(|(m, _)| m.clone()));
    out.sort_by_key(|m| (m.start, m.end));
    out.dedup_by_key(|m| (m.start, m.end));
    out
}
