//! Who: the recognizer's mentions clustered into entities, with titles,
//! roles, country and sector.
//!
//! In a document, mentions meet when their names do: the same key after
//! folding spellings (Ahmed/Ahmad, al-/Al-, Zelensky/Zelenskyy), a surname
//! that ends a full name met nearby, an acronym defined in the text ("Hayat
//! Tahrir al-Sham (HTS)") or matching a name's initials, an explicit alias
//! ("his nom de guerre, Abu Mohammed al-Jolani"), or two names of one known
//! actor. Two full names that differ (Bashar and Hafez al-Assad) never meet.
//! Country and sector come from the actor file as of the article's date,
//! else from titles, nationality words and organizations in the text.

pub mod eval;
mod known;
pub mod lexicon;
pub mod names;
mod roles;

use lexicon::lexicon;
use names::{initials, is_acronym, key, key_words};
use newsgraph_doc::{Doc, Entity, Mention, Role, TextSpan};

/// A cluster under construction.
struct Cluster {
    r#type: &'static str,
    mentions: Vec<usize>,
    /// Mentions that are aliases (nom de guerre, ...), not the name.
    alias_mentions: Vec<usize>,
    /// Alias names (defined acronyms, aliases) as keys, to match later mentions.
    alias_keys: Vec<String>,
    alias_names: Vec<String>,
    merged_into: Option<usize>,
}

fn mention_text<'a>(doc: &'a Doc, m: &Mention) -> &'a str {
    &doc.text[m.start as usize..m.end as usize]
}

/// Display form of a mention: a leading "the" or honorific ("Mr.", "Dr.")
/// and a final possessive dropped.
fn display(text: &str) -> &str {
    let mut t = text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")).unwrap_or(text);
    for h in ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr ", "Sir ", "Dame "] {
        if let Some(rest) = t.strip_prefix(h) {
            if !rest.trim().is_empty() {
                t = rest;
            }
            break;
        }
    }
    t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")).unwrap_or(t)
}

/// "BRUSSELS" → "Brussels": names written in capitals (datelines,
/// headlines) get their usual case; acronyms ("SANA", "U.N.") keep theirs,
/// unless a short name in capitals is a known place ("KYIV").
fn usual_case(name: &str, r#type: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let lex = lexicon();
    let known_place = r#type == "LOC" && (lex.country_of_place(name).is_some() || !lex.places(name).is_empty());
    if letters.len() < 2 || name.contains('.') || letters.iter().any(|c| c.is_lowercase()) || (is_acronym(name) && !known_place) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'' && c != '’';
    }
    out
}

/// Fill `doc.entities` from `doc.mentions`, amended by the names the
/// actor file and the country table know (`known.rs`). `doc.mentions` is
/// left as the recognizer made it.
pub fn build(doc: &mut Doc) {
    let amended = known::amend(doc, lexicon());
    let recognized = std::mem::replace(&mut doc.mentions, amended);
    cluster(doc);
    doc.mentions = recognized;
}

fn cluster(doc: &mut Doc) {
    doc.entities.clear();
    let n = doc.mentions.len();
    if n == 0 {
        return;
    }
    let keys: Vec<Vec<String>> = doc.mentions.iter().map(|m| key_words(display(mention_text(doc, m)))).collect();
    let mut of: Vec<Option<usize>> = vec![None; n];
    let mut clusters: Vec<Cluster> = Vec::new();
    let new_cluster = |clusters: &mut Vec<Cluster>, t: &'static str, i: usize| {
        clusters.push(Cluster {
            r#type: t,
            mentions: vec![i],
            alias_mentions: Vec::new(),
            alias_keys: Vec::new(),
            alias_names: Vec::new(),
            merged_into: None,
        });
        clusters.len() - 1
    };

    // Pass 1: full names (and every non-person that is not an acronym) by key.
    for i in 0..n {
        let m = &doc.mentions[i];
        let single_person = m.label == "PERSON" && keys[i].len() < 2;
        if single_person || is_acronym(mention_text(doc, m)) || keys[i].is_empty() {
            continue;
        }
        let k = &keys[i];
        let found = clusters.iter().position(|c| {
            c.r#type == m.label && c.mentions.iter().any(|&j| &keys[j] == k)
        });
        let c = match found {
            Some(c) => {
                clusters[c].mentions.push(i);
                c
            }
            None => new_cluster(&mut clusters, m.label, i),
        };
        of[i] = Some(c);
        // An acronym defined right after the name: "Hayat Tahrir al-Sham (HTS)".
        if let Some(acr) = defined_acronym(&doc.text, m.end as usize).filter(|a| abbreviates(a, mention_text(doc, m))) {
            clusters[c].alias_keys.push(key(acr));
            clusters[c].alias_names.push(acr.to_string());
        }
    }

    // Pass 2: surnames and acronyms, to the nearest cluster they fit.
    let lex = lexicon();
    let date = doc.published.clone();
    for i in 0..n {
        if of[i].is_some() {
            continue;
        }
        let m = &doc.mentions[i];
        let text = display(mention_text(doc, m));
        let k = &keys[i];
        // A person's name in capitals ("MERZ" in a headline) is a surname,
        // not an acronym.
        let acronym = is_acronym(text) && m.label != "PERSON";
        let letters: String = text.chars().filter(|c| *c != '.').collect();
        let fits = |c: &Cluster| -> bool {
            if c.alias_keys.iter().any(|a| !k.is_empty() && *a == k.join(" ")) {
                return true;
            }
            if acronym {
                return c.r#type != "PERSON"
                    && c.mentions.iter().any(|&j| initials(display(mention_text(doc, &doc.mentions[j]))) == letters);
            }
            if c.r#type != m.label || k.is_empty() {
                return false;
            }
            // A single name: the last word of a full name, or the same single name.
            c.mentions.iter().any(|&j| keys[j].last() == k.last() || keys[j] == *k)
        };
        let pos = m.start;
        // A single name the actor file knows ("Trump", "Assad") goes first to
        // the full name of that actor, when the text has it, before any
        // nearer namesake ("Melania Trump", "Hafez al-Assad").
        let known = (k.len() == 1).then(|| lex.actor(text, m.label, date.as_deref())).flatten().map(|a| &a.name);
        let names_known = |c: &Cluster| {
            known.is_some_and(|name| {
                c.mentions.iter().any(|&j| {
                    keys[j].len() >= 2
                        && lex.actor(display(mention_text(doc, &doc.mentions[j])), c.r#type, date.as_deref()).map(|a| &a.name) == Some(name)
                })
            })
        };
        let best = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.merged_into.is_none() && fits(c))
            .min_by_key(|(_, c)| {
                // Nearest mention, preferring those before this one.
                let near = c
                    .mentions
                    .iter()
                    .map(|&j| {
                        let p = doc.mentions[j].start;
                        if p <= pos { (0, pos - p) } else { (1, p - pos) }
                    })
                    .min()
                    .unwrap_or((2, 0));
                (!names_known(c), near)
            })
            .map(|(ci, _)| ci);
        let c = match best {
            Some(c) => {
                clusters[c].mentions.push(i);
                c
            }
            None => new_cluster(&mut clusters, m.label, i),
        };
        of[i] = Some(c);
    }

    // Explicit aliases: "his nom de guerre, “Abu Mohammed al-Jolani,”".
    for (cue_start, cue_end) in alias_cues(&doc.text) {
        let before = (0..n)
            .filter(|&i| doc.mentions[i].label == "PERSON" && doc.mentions[i].end as usize <= cue_start)
            .filter(|&i| same_sentence(doc, doc.mentions[i].start as usize, cue_start))
            .max_by_key(|&i| doc.mentions[i].start);
        let after = (0..n).find(|&i| {
            let s = doc.mentions[i].start as usize;
            s >= cue_end
                && s <= cue_end + 24
                && doc.text[cue_end..s]
                    .split(|c: char| c.is_whitespace() || ",:“\"'‘(".contains(c))
                    .all(|w| matches!(w, "" | "was" | "is" | "as" | "being"))
        });
        if let (Some(b), Some(a)) = (before, after) {
            let (cb, ca) = (root(&clusters, of[b].unwrap()), root(&clusters, of[a].unwrap()));
            if cb != ca {
                merge(&mut clusters, ca, cb);
            }
            clusters[cb].alias_mentions.push(a);
        }
    }

    // Two names of one known actor ("al-Jolani" and "al-Sharaa").
    let actor_of: Vec<Option<String>> = (0..clusters.len())
        .map(|c| {
            clusters[c].mentions.iter().find_map(|&j| {
                lex.actor(display(mention_text(doc, &doc.mentions[j])), clusters[c].r#type, date.as_deref())
                    .map(|a| a.name.clone())
            })
        })
        .collect();
    for a in 0..clusters.len() {
        for b in (a + 1)..clusters.len() {
            if actor_of[a].is_some() && actor_of[a] == actor_of[b] && clusters[a].r#type == clusters[b].r#type {
                let (ra, rb) = (root(&clusters, a), root(&clusters, b));
                if ra != rb {
                    merge(&mut clusters, rb, ra);
                }
            }
        }
    }

    // Emit entities in order of first mention.
    let mut live: Vec<usize> = (0..clusters.len()).filter(|&c| clusters[c].merged_into.is_none()).collect();
    for c in &live {
        clusters[*c].mentions.sort_by_key(|&j| doc.mentions[j].start);
    }
    live.sort_by_key(|&c| doc.mentions[clusters[c].mentions[0]].start);
    let mut entities = Vec::with_capacity(live.len());
    for (idx, &c) in live.iter().enumerate() {
        entities.push(make_entity(doc, &clusters[c], &keys, idx, date.as_deref()));
    }
    resolve_places(&mut entities);
    // Roles may point at other entities: resolve them now that ids exist.
    let role_links = roles_of(doc, &clusters, &live, &entities);
    for (e, role, country) in role_links {
        let ent: &mut Entity = &mut entities[e];
        if !ent.roles.contains(&role) {
            ent.roles.push(role);
        }
        if ent.country.is_none() {
            ent.country = country;
        }
    }
    for e in &mut entities {
        if e.sector.is_none() {
            e.sector = e.roles.iter().find_map(|r| last_title_sector(&r.title));
        }
    }
    // A role's organization gives its country to people who have none.
    for i in 0..entities.len() {
        if entities[i].country.is_none() {
            let c = entities[i].roles.iter().filter_map(|r| r.of.as_ref()).find_map(|of| {
                entities.iter().find(|o| &o.id == of).and_then(|o| o.country.clone())
            });
            entities[i].country = c;
        }
    }
    add_pronoun_and_nominal_mentions(doc, &mut entities);
    doc.entities = entities;
}

/// "he", "she", "the official", "the Syrian leader" where they speak or act
/// (subjects of a verb, by the parse): a mention of the most recent person
/// that fits — for a nominal, one whose title or country it repeats.
/// Whether a person is a woman (true) or a man (false) by the title before
/// a name: "Mr." or "Mrs.", "Ms.", "Miss".
fn gender(doc: &Doc, e: &Entity) -> Option<bool> {
    e.mentions.iter().find_map(|m| {
        let before = doc.text.get(..m.start as usize)?.trim_end();
        let first = m.text.split_whitespace().next().filter(|_| m.text.contains(' '));
        let title = first.or_else(|| before.rsplit(|c: char| c.is_whitespace()).next())?;
        match title.trim_end_matches('.') {
            "Mr" | "Sir" => Some(false),
            "Mrs" | "Ms" | "Miss" | "Madam" | "Dame" => Some(true),
            _ => None,
        }
    })
}

fn add_pronoun_and_nominal_mentions(doc: &Doc, entities: &mut [Entity]) {
    let Some(parse) = &doc.parse else { return };
    let lex = lexicon();
    let verb = newsgraph_doc::UPOS.iter().position(|u| *u == "VERB").unwrap_or(usize::MAX) as u8;
    let aux = newsgraph_doc::UPOS.iter().position(|u| *u == "AUX").unwrap_or(usize::MAX) as u8;
    let mut added: Vec<(usize, TextSpan)> = Vec::new();
    for (i, tok) in doc.tokens.iter().enumerate() {
        let Some(rel) = parse.deprels.get(i) else { break };
        if !rel.starts_with("nsubj") {
            continue;
        }
        let head = parse.heads[i] as usize;
        if head >= doc.tokens.len() || !(parse.upos[head] == verb || parse.upos[head] == aux) {
            continue;
        }
        let w = &doc.text[tok.start as usize..tok.end as usize];
        let (span_start, wanted): (u32, Option<(String, Option<&str>)>) = match w {
            "he" | "He" | "she" | "She" => (tok.start, None),
            _ if roles::title_sector(w).is_some() && i > 0 => {
                // "the [Syrian] [foreign] official": walk back to "the".
                let mut k = i;
                let mut country = None;
                while k > 0 {
                    let pw = doc.token_text(k - 1);
                    if pw.eq_ignore_ascii_case("the") {
                        break;
                    }
                    if lex.is_demonym(pw) {
                        country = lex.country_of_word(pw);
                    } else if !roles::is_title_modifier(pw) && roles::title_sector(pw).is_none() {
                        k = 0;
                        break;
                    }
                    k -= 1;
                }
                if k == 0 {
                    continue;
                }
                (doc.tokens[k - 1].start, Some((w.to_ascii_lowercase(), country)))
            }
            _ => continue,
        };
        // The most recent person mentioned before, within a few sentences.
        let window = tok.start.saturating_sub(1500);
        let fits = |e: &Entity| -> bool {
            match &wanted {
                None => {
                    // "Mr. Novak, she added": not him.
                    let she = w.eq_ignore_ascii_case("she");
                    gender(doc, e).is_none_or(|female| female == she)
                }
                Some((head, country)) => {
                    let by_title = e.roles.iter().any(|r| r.title.to_ascii_lowercase().contains(head.as_str()))
                        || matches!(head.as_str(), "official" | "leader");
                    let by_country = country.is_none_or(|c| e.country.as_deref() == Some(c));
                    by_title && by_country && (e.sector.is_some() || !e.roles.is_empty())
                }
            }
        };
        let best = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.r#type == "PERSON" && fits(e))
            .filter_map(|(ei, e)| {
                e.mentions.iter().filter(|m| m.end <= span_start && m.start >= window).map(|m| m.start).max().map(|p| (ei, p))
            })
            .max_by_key(|&(_, p)| p);
        if let Some((ei, _)) = best {
            let text = doc.text[span_start as usize..tok.end as usize].to_string();
            added.push((ei, TextSpan { start: span_start, end: tok.end, text }));
        }
    }
    for (ei, span) in added {
        let e = &mut entities[ei];
        if !e.mentions.iter().any(|m| m.start < span.end && span.start < m.end) {
            e.mentions.push(span);
            e.mentions.sort_by_key(|m| m.start);
        }
    }
}

/// The keys by which an entity of a record links to entities of other
/// documents, strongest first: its name, then its aliases. A person known
/// only by one word links only to others known only by that word.
pub fn link_keys(e: &Entity) -> Vec<String> {
    let mut out = Vec::new();
    let name = key_words(&e.name);
    if e.r#type == "PERSON" && name.len() < 2 {
        if let Some(w) = name.first() {
            out.push(format!("single:{w}"));
        }
    } else if !name.is_empty() {
        out.push(name.join(" "));
    }
    for a in &e.aliases {
        let k = key_words(a);
        if (e.r#type != "PERSON" || k.len() >= 2) && !k.is_empty() {
            let k = k.join(" ");
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

fn last_title_sector(title: &str) -> Option<String> {
    title
        .split_whitespace()
        .rev()
        .find_map(|w| roles::title_sector(w).or_else(|| roles::abbreviation(w).and_then(roles::title_sector)))
        .map(str::to_string)
}

fn root(clusters: &[Cluster], mut c: usize) -> usize {
    while let Some(p) = clusters[c].merged_into {
        c = p;
    }
    c
}

/// Merge cluster `from` into `into`.
fn merge(clusters: &mut [Cluster], from: usize, into: usize) {
    let moved = std::mem::take(&mut clusters[from].mentions);
    let am = std::mem::take(&mut clusters[from].alias_mentions);
    let ak = std::mem::take(&mut clusters[from].alias_keys);
    let an = std::mem::take(&mut clusters[from].alias_names);
    clusters[into].mentions.extend(moved);
    clusters[into].alias_mentions.extend(am);
    clusters[into].alias_keys.extend(ak);
    clusters[into].alias_names.extend(an);
    clusters[from].merged_into = Some(into);
}

fn same_sentence(doc: &Doc, a: usize, b: usize) -> bool {
    if doc.sentences.is_empty() {
        return !doc.text[a.min(b)..a.max(b)].contains("\n\n");
    }
    let s = |p: usize| doc.sentences.partition_point(|s| (s.end as usize) <= p);
    s(a) == s(b)
}

/// An acronym in parentheses right after byte `end`: " (HTS)".
fn defined_acronym(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].strip_prefix(" (")?;
    let close = rest.find(')')?;
    let inner = &rest[..close];
    is_acronym(inner).then_some(inner)
}

/// Whether an acronym can abbreviate a name: its letters are the initials
/// of the name's words (and hyphenated parts) in order, starting with the
/// first ("HTS" for "Hayat Tahrir al-Sham", "ISIL" for "Islamic State of Iraq
/// and the Levant"; not "AP" for "Syria" in "DAMASCUS, Syria (AP)").
fn abbreviates(acronym: &str, name: &str) -> bool {
    let initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let mut letters = acronym.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_uppercase);
    let Some(first) = letters.next() else { return false };
    if initials.first() != Some(&first) {
        return false;
    }
    let mut rest = initials[1..].iter();
    letters.all(|l| rest.any(|&i| i == l))
}

/// Byte spans of alias cues: "nom de guerre", "also known as", ...
fn alias_cues(text: &str) -> Vec<(usize, usize)> {
    const CUES: [&str; 7] = [
        "nom de guerre",
        "also known as",
        "better known as",
        "formerly known as",
        "whose real name is",
        "known by the alias",
        "alias",
    ];
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    for cue in CUES {
        let mut from = 0;
        while let Some(i) = lower[from..].find(cue) {
            let s = from + i;
            let e = s + cue.len();
            let word_edge = |p: usize, after: bool| {
                let c = if after { lower[p..].chars().next() } else { lower[..p].chars().next_back() };
                c.is_none_or(|c| !c.is_alphanumeric())
            };
            if word_edge(s, false) && word_edge(e, true) && !out.iter().any(|&(a, b)| a <= s && s < b) {
                out.push((s, e));
            }
            from = e;
        }
    }
    out
}

fn make_entity(doc: &Doc, c: &Cluster, keys: &[Vec<String>], idx: usize, date: Option<&str>) -> Entity {
    let lex = lexicon();
    // The fullest proper form: most key words, then longest, then first.
    let name_mention = c
        .mentions
        .iter()
        .copied()
        .filter(|j| !c.alias_mentions.contains(j) && !is_acronym(mention_text(doc, &doc.mentions[*j])))
        .max_by_key(|&j| (keys[j].len(), display(mention_text(doc, &doc.mentions[j])).len(), std::cmp::Reverse(j)))
        .unwrap_or(c.mentions[0]);
    // Prefer a form in usual case over one in capitals (a dateline).
    let name_mention = c
        .mentions
        .iter()
        .copied()
        .filter(|j| keys[*j] == keys[name_mention] && display(mention_text(doc, &doc.mentions[*j])).chars().any(char::is_lowercase))
        .min()
        .unwrap_or(name_mention);
    let mut name = usual_case(display(mention_text(doc, &doc.mentions[name_mention])), c.r#type);
    let mut r#type = c.r#type.to_string();
    let actor = c.mentions.iter().find_map(|&j| lex.actor(display(mention_text(doc, &doc.mentions[j])), c.r#type, date));
    let mut country = None;
    let mut sector = None;
    if let Some(a) = actor {
        // The actor's own name when the text uses it in any spelling, or
        // when the text has only a shorter form of it.
        let actor_key = key_words(&a.name);
        let spelled = c.mentions.iter().any(|&j| keys[j] == actor_key);
        let shorter = keys[name_mention].iter().all(|w| actor_key.contains(w));
        if spelled || shorter {
            name = a.name.clone();
            if let Some(&j) = c.mentions.iter().find(|&&j| keys[j] == actor_key) {
                name = display(mention_text(doc, &doc.mentions[j])).to_string();
            }
        }
        country = a.country.clone();
        sector = a.sector.clone();
        r#type = a.r#type.clone();
    }
    if country.is_none() {
        match c.r#type {
            "LOC" => country = lex.country_of_place(&name).map(str::to_string),
            "MISC" if lex.is_demonym(&name) => {
                country = lex.country_of_word(&name).map(str::to_string);
                r#type = "NORP".into();
            }
            "ORG" => {
                // "Syrian Arab News Agency", "Russian Defense Ministry".
                country = name.split_whitespace().find_map(|w| lex.country_of_word(w)).map(str::to_string);
                if sector.is_none() {
                    sector = name
                        .split_whitespace()
                        .rev()
                        .find_map(|w| roles::title_sector(w.trim_matches(|c: char| !c.is_alphanumeric())))
                        .map(str::to_string);
                }
            }
            _ => {}
        }
    }
    let mut aliases: Vec<String> = Vec::new();
    for &j in &c.mentions {
        let t = display(mention_text(doc, &doc.mentions[j]));
        if t != name && !aliases.iter().any(|a| a == t) {
            aliases.push(t.to_string());
        }
    }
    for a in &c.alias_names {
        if *a != name && !aliases.contains(a) {
            aliases.push(a.clone());
        }
    }
    Entity {
        id: format!("e{}", idx + 1),
        name,
        r#type,
        mentions: c
            .mentions
            .iter()
            .map(|&j| {
                let m = &doc.mentions[j];
                TextSpan { start: m.start, end: m.end, text: mention_text(doc, m).to_string() }
            })
            .collect(),
        aliases,
        country,
        sector,
        roles: Vec::new(),
        latitude: None,
        longitude: None,
    }
}

/// Places: the gazetteer's candidates for each LOC entity, the one whose
/// country the rest of the article speaks of winning ("Tripoli" in an article
/// about Lebanon is in Lebanon), else the most populous. A country name
/// stays a country unless the article points elsewhere ("Georgia" with
/// Atlanta and no Tbilisi).
fn resolve_places(entities: &mut [Entity]) {
    let lex = lexicon();
    // Countries the article speaks of without ambiguity: non-places, and
    // places with one reading. An outlet's country says nothing of where
    // its story is ("DAMASCUS (AP)").
    let unambiguous = |e: &Entity| {
        if e.sector.as_deref() == Some("JRN") {
            return false;
        }
        e.r#type != "LOC" || (lex.places(&e.name).len() + usize::from(lex.country_of_place(&e.name).is_some())) <= 1
    };
    let context_of: Vec<Option<String>> =
        entities.iter().map(|e| if unambiguous(e) { e.country.clone() } else { None }).collect();
    for (i, e) in entities.iter_mut().enumerate().filter(|(_, e)| e.r#type == "LOC") {
        let context: Vec<&String> =
            context_of.iter().enumerate().filter(|(j, _)| *j != i).filter_map(|(_, c)| c.as_ref()).collect();
        let cands = lex.places(&e.name);
        if cands.is_empty() {
            continue;
        }
        let in_context = |c: &&lexicon::Place| context.iter().any(|k| *k == c.country);
        let country_name = lex.country_of_place(&e.name);
        let chosen = match country_name {
            // A country's own name, unless context picks a place of that name elsewhere.
            Some(iso) if !context.iter().any(|k| *k == iso) => cands.iter().find(in_context).filter(|p| p.country != iso),
            Some(_) => None,
            None => cands.iter().find(in_context).or(cands.first()),
        };
        if let Some(p) = chosen {
            e.country = Some(p.country.to_string());
            e.latitude = p.latitude;
            e.longitude = p.longitude;
        }
    }
}

/// Roles from titles before names and appositives after them. Returns
/// (entity index, role, country implied by the title's nationality word).
fn roles_of(doc: &Doc, clusters: &[Cluster], live: &[usize], entities: &[Entity]) -> Vec<(usize, Role, Option<String>)> {
    let lex = lexicon();
    let mut out = Vec::new();
    let entity_of_mention = |j: usize| live.iter().position(|&c| clusters[c].mentions.contains(&j));
    let entity_at = |byte: usize| -> Option<usize> {
        let j = doc.mentions.iter().position(|m| m.start as usize <= byte && byte < m.end as usize)?;
        entity_of_mention(j)
    };
    for (j, m) in doc.mentions.iter().enumerate() {
        if m.label != "PERSON" {
            continue;
        }
        let Some(e) = entity_of_mention(j) else { continue };
        let t0 = doc.tokens.partition_point(|t| t.start < m.start);
        let sent_start = doc.sentences.iter().find(|s| s.start <= m.start && m.start < s.end.max(s.start + 1)).map_or(0, |s| s.token_start as usize);
        // Before the name: title words, nationality words, organizations.
        let mut k = t0;
        let mut words: Vec<&str> = Vec::new();
        let mut country = None;
        let mut of = None;
        while k > sent_start {
            let tok = doc.tokens[k - 1];
            let w = &doc.text[tok.start as usize..tok.end as usize];
            if roles::title_sector(w).is_some() || roles::is_title_modifier(w) {
                words.push(w);
            } else if let Some(oe) = entity_at(tok.start as usize).filter(|&oe| entities[oe].r#type == "ORG" || entities[oe].r#type == "LOC") {
                if entities[oe].r#type == "ORG" && of.is_none() {
                    of = Some(entities[oe].id.clone());
                }
                if country.is_none() {
                    country = entities[oe].country.clone();
                }
                // Skip the rest of that mention.
                let ms = doc.mentions.iter().find(|mm| mm.start <= tok.start && tok.start < mm.end).map_or(tok.start, |mm| mm.start);
                while k > sent_start && doc.tokens[k - 1].start > ms {
                    k -= 1;
                }
            } else if lex.is_demonym(w) {
                country = country.or_else(|| lex.country_of_word(w).map(str::to_string));
            } else {
                break;
            }
            // A mention that began before the sentence leaves k at its start.
            k = k.saturating_sub(1);
        }
        words.reverse();
        let title = trim_title(&words);
        if !title.is_empty() && title.split_whitespace().any(|w| roles::title_sector(w).is_some() || roles::abbreviation(w).is_some()) {
            out.push((e, Role { title, of: of.clone() }, country.clone()));
        }
        // Before the name, set off by a comma: "Lebanon's president, Joseph
        // Aoun," or "the Syrian foreign minister, Asaad al-Shibani,".
        if let Some(pre) = doc.text[..m.start as usize].strip_suffix(", ") {
            let from = pre
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, ',' | '.' | ';' | '\n' | '“' | '"'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let phrase = pre[from..].trim();
            let ws: Vec<&str> = phrase.split_whitespace().collect();
            if ws.last().is_some_and(|w| roles::title_sector(w).is_some()) && ws.len() <= 6 {
                let mut title = Vec::new();
                let mut app_country = None;
                let mut of = None;
                for w in &ws {
                    let bare = w.trim_end_matches("'s").trim_end_matches("’s");
                    if bare.len() != w.len() {
                        // A possessor: "Lebanon's", "Russia's", "the Kremlin's".
                        app_country = app_country.or_else(|| lex.country_of_word(bare).map(str::to_string));
                        if let Some(pos) = doc.text[..m.start as usize].rfind(bare) {
                            if let Some(oe) = entity_at(pos) {
                                app_country = app_country.or_else(|| entities[oe].country.clone());
                                if entities[oe].r#type == "ORG" {
                                    of = Some(entities[oe].id.clone());
                                }
                            }
                        }
                    } else if lex.is_demonym(w) {
                        app_country = app_country.or_else(|| lex.country_of_word(w).map(str::to_string));
                    } else if !matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an") {
                        title.push(*w);
                    }
                }
                if !title.is_empty() {
                    out.push((e, Role { title: trim_title(&title), of }, app_country));
                }
            }
        }
        // After the name: ", senior researcher at the Center for ...,".
        let rest = &doc.text[m.end as usize..];
        if let Some(app) = rest.strip_prefix(", ") {
            let end = app.find([',', '.', ';', '"', '“', '”', '(']).unwrap_or(app.len()).min(160);
            let phrase = &app[..end];
            let base = m.end as usize + 2;
            let ws: Vec<&str> = phrase.split_whitespace().collect();
            let cut = ws.iter().position(|w| matches!(*w, "at" | "of" | "for" | "with" | "in")).unwrap_or(ws.len());
            let head: Vec<&str> = ws[..cut].iter().copied().filter(|w| !matches!(*w, "a" | "an" | "the")).collect();
            let head_ok = head.last().is_some_and(|w| roles::title_sector(w).is_some());
            if head_ok && head.len() <= 5 {
                let mut app_country = None;
                let mut title_words = Vec::new();
                for w in &head {
                    // "Hakan Fidan, Turkey's foreign minister,".
                    let possessor = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
                    let of_country = possessor.and_then(|p| lex.country_of_place(p));
                    if lex.is_demonym(w) && app_country.is_none() {
                        app_country = lex.country_of_word(w).map(str::to_string);
                    } else if let Some(c) = of_country {
                        app_country = app_country.or_else(|| Some(c.to_string()));
                    } else {
                        title_words.push(*w);
                    }
                }
                let of = if cut < ws.len() {
                    let off = phrase.find(ws[cut]).map(|o| base + o + ws[cut].len()).unwrap_or(base);
                    doc.mentions
                        .iter()
                        .position(|mm| mm.start as usize >= off && (mm.start as usize) < base + end)
                        .and_then(entity_of_mention)
                        .map(|oe| entities[oe].id.clone())
                } else {
                    None
                };
                out.push((e, Role { title: trim_title(&title_words), of }, app_country));
            }
        }
    }
    out
}

/// Title words without leading honorifics-only or "top"/"former" noise.
fn trim_title(words: &[&str]) -> String {
    let skip = |w: &&str| matches!(w.to_ascii_lowercase().as_str(), "top" | "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr.");
    words.iter().filter(|w| !skip(w)).copied().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
