//! Did what to whom: PLOVER events with actor, recipient, date, place,
//! modality and provenance.
//!
//! Triggers come from a dictionary of English predicates (`triggers.tsv`:
//! verbs, event nouns, phrases). Some triggers govern another one: intent
//! verbs ("vowed to lift sanctions"), refusals ("refused to meet"), light
//! verbs ("held talks", "provided military support"), demands and threats
//! ("threatened to impose a curfew"). The governed trigger gives the content,
//! the governing one the type (PLOVER: promised cooperation is AGREE,
//! promised force is THREATEN) and the modality. Actor and recipient come
//! from the parse (subject, passive agent, object, obliques with "with",
//! "to", "against", ...), else from the nearest entity mentions; codes from
//! the entity's country and sector.

pub mod eval;
pub mod lexicon;
#[cfg(test)]
mod tests;

pub use eval::eval_plover;
pub use lexicon::{contexts, goldstein, goldstein_in, parse_cameo2plover, parse_goldstein, quad_class, type_quad_class};

use crate::entities::lexicon::lexicon as places;
use lexicon::{dict, Class, Entry};
use newsgraph_doc::{ActorRef, Doc, Event, Span, UPOS};

fn upos_id(name: &str) -> u8 {
    UPOS.iter().position(|u| *u == name).unwrap_or(255) as u8
}

/// A trigger found in a sentence: tokens `tok..=last`.
#[derive(Clone)]
struct Trig {
    tok: usize,
    last: usize,
    entry: &'static Entry,
    /// Index of the trigger this one is the complement of.
    governor: Option<usize>,
}

/// An event before ids and arguments.
struct Draft {
    r#type: &'static str,
    mode: Option<&'static str>,
    cameo: String,
    modality: &'static str,
    /// Token whose clause gives the actor (the governing predicate).
    main: usize,
    /// Token whose objects give the recipient (the content predicate).
    content: usize,
    first: usize,
    last: usize,
    /// "X said Y must ...": the actor is the speaker, the recipient Y.
    demand_of_subject: bool,
    /// A bare event noun ("the deal"): kept only with an actor or recipient.
    bare_noun: bool,
}

/// PLOVER sector codes (an actor code without a country is one of these).
const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "COP", "LEG", "JUD", "JRN", "EDU", "SOC", "BUS", "REL", "MED", "PTY", "CVL", "OPP", "SPY", "NGO",
    "IGO", "ELI", "LAB", "AGR", "HLH", "UAF", "CRM", "REF",
];
const DETS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "new", "any", "no"];
const NEG: &[&str] = &["not", "n't", "never", "no", "without"];
const COOPERATIVE: &[&str] = &["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"];
const YIELDING: &[&str] = &["RETREAT", "CONCEDE"];
const FORCEFUL: &[&str] = &["ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "THREATEN"];
const SAY: &[&str] = &[
    "said", "say", "says", "saying", "stated", "announced", "announces", "concluded", "insisted", "insists", "added",
    "declared", "told", "tells", "reiterated", "warned", "reported", "confirmed",
];

fn lower(s: &str) -> String {
    s.replace('’', "'").to_lowercase()
}

/// Fill `doc.events`. Runs after entities, time expressions and quotes.
pub fn extract(doc: &mut Doc) {
    doc.events.clear();
    if doc.tokens.is_empty() {
        return;
    }
    let ctx = Ctx::new(doc);
    let mut events = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let r = s.tokens();
        if r.end > doc.tokens.len() || r.start >= r.end {
            continue;
        }
        let drafts = ctx.sentence(r.clone());
        for d in drafts {
            let bare = d.bare_noun;
            let e = ctx.finish(d, si, r.clone());
            if bare && e.actor.is_empty() && e.recipient.is_empty() {
                continue;
            }
            events.push(e);
        }
    }
    drop_headline_repeats(doc, &mut events);
    events.sort_by_key(|e: &Event| (e.evidence.start, e.evidence.end));
    for (i, e) in events.iter_mut().enumerate() {
        e.id = format!("v{}", i + 1);
    }
    doc.events = events;
}

struct Ctx<'a> {
    doc: &'a Doc,
    lw: Vec<String>,
    /// Entity index of each token, through the entity's mentions.
    ent_of_tok: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    verb: u8,
    noun: u8,
    propn: u8,
    adj: u8,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc) -> Ctx<'a> {
        let n = doc.tokens.len();
        let lw: Vec<String> = (0..n).map(|i| lower(doc.token_text(i))).collect();
        let mut ent_of_tok = vec![None; n];
        for (ei, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                let a = doc.tokens.partition_point(|t| t.end <= m.start);
                let mut k = a;
                while k < n && doc.tokens[k].start < m.end {
                    if ent_of_tok[k].is_none() {
                        ent_of_tok[k] = Some(ei);
                    }
                    k += 1;
                }
            }
        }
        let mut children = vec![Vec::new(); n];
        if let Some(p) = doc.parse.as_ref().filter(|p| p.heads.len() == n && p.deprels.len() == n && p.upos.len() == n) {
            for (i, &h) in p.heads.iter().enumerate() {
                if (h as usize) < n && h as usize != i {
                    children[h as usize].push(i);
                }
            }
        }
        Ctx {
            doc,
            lw,
            ent_of_tok,
            children,
            verb: upos_id("VERB"),
            noun: upos_id("NOUN"),
            propn: upos_id("PROPN"),
            adj: upos_id("ADJ"),
        }
    }

    fn parse(&self) -> Option<&newsgraph_doc::Parse> {
        self.doc.parse.as_ref().filter(|p| p.heads.len() == self.lw.len() && p.deprels.len() == self.lw.len() && p.upos.len() == self.lw.len())
    }

    fn head(&self, i: usize) -> Option<usize> {
        let p = self.parse()?;
        let h = p.heads[i] as usize;
        (h < self.lw.len() && h != i).then_some(h)
    }

    fn rel(&self, i: usize) -> &str {
        self.parse().map_or("", |p| p.deprels[i])
    }

    /// Whether a dictionary entry fits the token's part of speech.
    fn pos_fits(&self, e: &Entry, i: usize, r: &std::ops::Range<usize>) -> bool {
        let next_to = i + 1 < r.end && self.lw[i + 1] == "to";
        if e.pos == 'A' {
            return next_to;
        }
        if let Some(p) = self.parse() {
            let u = p.upos[i];
            // A word the dictionary knows only as a verb may be mistagged
            // ("The Palestinians reject proposed changes").
            let only_verb = dict().forms.get(&self.lw[i]).is_some_and(|es| es.iter().all(|x| x.pos == 'V'));
            let after_det = i > r.start && DETS.contains(&self.lw[i - 1].as_str());
            return match e.pos {
                'V' => {
                    u == self.verb
                        || (u == self.adj && self.lw[i].ends_with("ed"))
                        || (only_verb && !after_det && (u == self.noun || u == self.adj) && i > r.start)
                }
                _ => u == self.noun || u == self.propn,
            };
        }
        let after_det = i > r.start && DETS.contains(&self.lw[i - 1].as_str());
        match e.pos {
            'V' => !after_det,
            _ => after_det || !self.lw[i].ends_with("ed"),
        }
    }

    fn triggers(&self, r: std::ops::Range<usize>) -> Vec<Trig> {
        let d = dict();
        let mut out: Vec<Trig> = Vec::new();
        // Words a trigger needed ("lift ... sanctions"): (trigger, word).
        let mut needed: Vec<(usize, usize)> = Vec::new();
        let mut i = r.start;
        while i < r.end {
            // Words of a name are not predicates ("Amnesty International").
            if self.ent_of_tok[i].is_some() {
                i += 1;
                continue;
            }
            let mut found = None;
            // After a light verb, an event noun: "held talks", "provided support".
            let after_light = out.last().is_some_and(|t| matches!(t.entry.class, Class::Light | Class::Give) && i <= t.last + 4);
            if let Some(entries) = d.forms.get(&self.lw[i]) {
                let nouns = entries.iter().filter(|e| after_light && e.pos == 'N');
                for e in nouns.chain(entries.iter()) {
                    let n = e.rest.len();
                    if i + n >= r.end && n > 0 {
                        continue;
                    }
                    if !e.rest.iter().enumerate().all(|(k, w)| self.lw[i + 1 + k] == *w || self.lw[i + 1 + k] == format!("{w}s")) {
                        continue;
                    }
                    if let Some(need) = e.needs {
                        let hi = (i + 1 + n + 7).min(r.end);
                        let at = (i + 1 + n..hi).find(|&k| {
                            let w = &self.lw[k];
                            w == need || w.strip_suffix('s') == Some(need) || need.strip_suffix('s') == Some(w.as_str())
                        });
                        let Some(at) = at else { continue };
                        needed.push((out.len(), at));
                    }
                    // Phrases and noun compounds stand whatever the tagger says.
                    if n == 0 && e.needs.is_none() && !(after_light && e.pos == 'N') && !self.pos_fits(e, i, &r) {
                        continue;
                    }
                    found = Some((e, i + n));
                    break;
                }
            }
            if let Some((e, last)) = found {
                out.push(Trig { tok: i, last, entry: e, governor: None });
                i = last + 1;
            } else {
                i += 1;
            }
        }
        // A trigger's needed word is its content, no event of its own
        // ("lift sanctions" eases sanctions; "imposed a curfew" is one event).
        for (g, at) in needed {
            if let Some(c) = out.iter().position(|t| t.tok <= at && at <= t.last).filter(|&c| c != g) {
                out[c].governor = Some(g);
            }
        }
        // Governors: a governing trigger and the content trigger after it,
        // linked by the parse or standing close with no clause break between.
        for c in 0..out.len() {
            if out[c].governor.is_some() {
                continue;
            }
            let governs = |g: &Trig| -> bool {
                matches!(g.entry.class, Class::Intent | Class::Refuse | Class::Fail | Class::Deny | Class::Light | Class::Give)
                    || (g.entry.class == Class::Event
                        && matches!(g.entry.r#type, "REQUEST" | "THREATEN" | "AGREE" | "REJECT" | "ACCUSE" | "CONCEDE"))
            };
            // Light verbs and verbs of giving take event nouns.
            let fits = |g: &Trig, c: &Trig| -> bool {
                !matches!(g.entry.class, Class::Light | Class::Give) || c.entry.pos == 'N' || c.last > c.tok
            };
            // An intent or a refusal governs its complement, not an event
            // named past an object ("offered few details about the talks").
            let modal = |g: &Trig| matches!(g.entry.class, Class::Intent | Class::Refuse | Class::Fail | Class::Deny);
            let nominal = |k: usize| self.parse().is_some_and(|p| p.upos[k] == self.noun || p.upos[k] == self.propn);
            let mut gov = None;
            // By the parse: a governor within three steps up.
            let mut h = out[c].tok;
            let mut past_noun = false;
            for step in 0..3 {
                past_noun |= step > 0 && nominal(h);
                match self.head(h) {
                    Some(x) if r.contains(&x) => {
                        h = x;
                        if let Some(g) = out.iter().position(|t| t.tok <= h && h <= t.last) {
                            let near = out[c].tok <= out[g].last + 10;
                            let fits_modal = !(past_noun && modal(&out[g]));
                            if g != c && near && fits_modal && governs(&out[g]) && fits(&out[g], &out[c]) && out[g].tok < out[c].tok {
                                gov = Some(g);
                            }
                            break;
                        }
                    }
                    _ => break,
                }
            }
            // By position: the previous trigger, close, no clause break.
            if gov.is_none() && c > 0 {
                let g = c - 1;
                let between = out[g].last + 1..out[c].tok;
                let close = between.len() <= 5
                    && !between.clone().any(|k| matches!(self.lw[k].as_str(), "," | ";" | ":" | "and" | "but" | "while" | "after" | "before" | "as" | "when" | "which" | "who"));
                let past_noun = modal(&out[g]) && between.clone().any(nominal);
                if close && !past_noun && governs(&out[g]) && fits(&out[g], &out[c]) {
                    gov = Some(g);
                }
            }
            out[c].governor = gov;
        }
        out
    }

    /// Events of one sentence.
    fn sentence(&self, r: std::ops::Range<usize>) -> Vec<Draft> {
        let trigs = self.triggers(r.clone());
        let mut out = Vec::new();
        for (ti, t) in trigs.iter().enumerate() {
            if t.governor.is_some() {
                continue;
            }
            let comp = trigs.iter().position(|c| c.governor == Some(ti));
            let comp_draft = comp.and_then(|c| self.content_of(&trigs, c));
            let e = t.entry;
            let mut d = Draft {
                r#type: e.r#type,
                mode: e.mode,
                cameo: e.cameo.to_string(),
                modality: "asserted",
                main: t.tok,
                content: t.tok,
                first: t.tok,
                last: t.last,
                demand_of_subject: false,
                bare_noun: e.pos == 'N' && comp_draft.is_none(),
            };
            if let Some((ct, cm, cc, ctok, clast)) = comp_draft {
                d.content = ctok;
                d.last = d.last.max(clast);
                match e.class {
                    Class::Light => {
                        d.r#type = ct;
                        d.mode = cm;
                        d.cameo = cc;
                    }
                    Class::Give => {
                        if matches!(ct, "SUPPORT" | "COOPERATE" | "AID") {
                            d.r#type = "AID";
                            let military = (t.tok..=clast).any(|k| matches!(self.lw[k].as_str(), "military" | "arms" | "weapons"));
                            d.cameo = if military { "072".into() } else if cc.starts_with("07") { cc } else { "070".into() };
                            d.mode = None;
                        } else {
                            d.r#type = ct;
                            d.mode = cm;
                            d.cameo = cc;
                        }
                    }
                    Class::Intent => {
                        d.modality = "intended";
                        self.intent(&mut d, ct, cm, cc);
                    }
                    Class::Refuse => {
                        d.r#type = "REJECT";
                        (d.mode, d.cameo) = reject_mode(ct);
                        out.push(Draft {
                            r#type: ct,
                            mode: cm,
                            cameo: cc,
                            modality: "negated",
                            main: t.tok,
                            content: ctok,
                            first: ctok,
                            last: clast,
                            demand_of_subject: false,
                            bare_noun: false,
                        });
                    }
                    Class::Fail | Class::Deny => {
                        d.r#type = ct;
                        d.mode = cm;
                        d.cameo = cc;
                        d.modality = "negated";
                    }
                    Class::Event => match e.r#type {
                        "REQUEST" => (d.mode, d.cameo) = request_mode(ct),
                        "REJECT" => (d.mode, d.cameo) = reject_mode(ct),
                        "THREATEN" => (d.mode, d.cameo) = threaten_mode(ct, cm),
                        "AGREE" => d.cameo = agree_cameo(ct, &cc),
                        _ => {}
                    },
                }
            } else {
                match e.class {
                    Class::Light | Class::Fail | Class::Deny => continue,
                    Class::Give => {
                        // "gave Ukraine $5 billion": aid only with a recipient.
                        if self.recipient_token(t.tok, &r).is_none() {
                            continue;
                        }
                    }
                    Class::Intent => {
                        // An intent with an object that is no event offers
                        // or promises nothing ("offered few details").
                        if e.pos == 'A' || self.has_rel(t.tok, &["obj"]) {
                            continue;
                        }
                        d.modality = "intended";
                    }
                    Class::Refuse => {}
                    Class::Event => {}
                }
            }
            if d.modality == "asserted" {
                self.clause_modality(&mut d, &r);
            }
            out.push(d);
        }
        out
    }

    /// The content of a governed trigger: its own type, or what it governs in turn.
    fn content_of(&self, trigs: &[Trig], c: usize) -> Option<(&'static str, Option<&'static str>, String, usize, usize)> {
        let t = &trigs[c];
        let inner = trigs.iter().position(|x| x.governor == Some(c));
        match t.entry.class {
            Class::Event => Some((t.entry.r#type, t.entry.mode, t.entry.cameo.to_string(), t.tok, t.last)),
            Class::Light | Class::Give | Class::Intent => {
                let (ct, cm, cc, _, cl) = inner.and_then(|i| self.content_of(trigs, i))?;
                if t.entry.class == Class::Give && matches!(ct, "SUPPORT" | "COOPERATE") {
                    return Some(("AID", None, "070".into(), t.tok, cl));
                }
                Some((ct, cm, cc, t.tok, cl))
            }
            Class::Refuse | Class::Fail | Class::Deny => Some(("REJECT", None, "120".into(), t.tok, t.last)),
        }
    }

    /// A promise or vow: cooperation becomes AGREE, force THREATEN.
    fn intent(&self, d: &mut Draft, ct: &'static str, cm: Option<&'static str>, cc: String) {
        if COOPERATIVE.contains(&ct) || YIELDING.contains(&ct) {
            d.r#type = "AGREE";
            d.mode = None;
            d.cameo = agree_cameo(ct, &cc);
        } else if FORCEFUL.contains(&ct) {
            d.r#type = "THREATEN";
            (d.mode, d.cameo) = threaten_mode(ct, cm);
        } else {
            d.r#type = ct;
            d.mode = cm;
            d.cameo = cc;
        }
    }

    /// Negation, future, conditionals and "must" in the words before the predicate.
    fn clause_modality(&self, d: &mut Draft, r: &std::ops::Range<usize>) {
        let window = |at: usize| at.saturating_sub(4).max(r.start)..at;
        let mut before: Vec<&str> = window(d.first).map(|k| self.lw[k].as_str()).collect();
        if d.content != d.main {
            before.extend(window(d.content).map(|k| self.lw[k].as_str()));
        }
        let mut neg = before.iter().any(|w| NEG.contains(w));
        if let Some(p) = self.parse() {
            neg |= self.children[d.main].iter().any(|&c| p.deprels[c] == "advmod" && NEG.contains(&self.lw[c].as_str()));
        }
        let will = before.iter().any(|w| matches!(*w, "will" | "shall" | "'ll" | "wo"));
        let would = before.iter().any(|w| matches!(*w, "would" | "could" | "may" | "might"));
        let must = before.iter().any(|w| matches!(*w, "must" | "should"));
        let cond = (r.start..d.first).any(|k| matches!(self.lw[k].as_str(), "if" | "unless"))
            || (d.last + 1..r.end).any(|k| matches!(self.lw[k].as_str(), "if" | "unless"));
        let said = (r.start..d.first).any(|k| SAY.contains(&self.lw[k].as_str()));
        if neg {
            d.modality = "negated";
            return;
        }
        if must && said {
            let ct = d.r#type;
            d.r#type = "REQUEST";
            (d.mode, d.cameo) = request_mode(ct);
            d.demand_of_subject = true;
            return;
        }
        if will || would || (cond && FORCEFUL.contains(&d.r#type)) {
            d.modality = if will && !cond { "intended" } else { "hypothetical" };
            let ct = d.r#type;
            if ct == "RETREAT" {
                // Announced retreats are concessions (manual, CONCEDE).
                d.r#type = "CONCEDE";
                d.mode = None;
            } else if COOPERATIVE.contains(&ct) {
                d.r#type = "AGREE";
                d.cameo = agree_cameo(ct, &d.cameo.clone());
                d.mode = None;
            } else if FORCEFUL.contains(&ct) && ct != "THREATEN" {
                d.r#type = "THREATEN";
                let cm = d.mode;
                (d.mode, d.cameo) = threaten_mode(ct, cm);
            }
            return;
        }
        if cond {
            d.modality = "hypothetical";
        }
    }

    /// The subject of a predicate, climbing through complements; for nouns,
    /// the possessor or the governing verb's subject. (token, passive)
    fn subject(&self, i: usize, r: &std::ops::Range<usize>) -> Option<usize> {
        let p = self.parse()?;
        let mut h = i;
        for _ in 0..4 {
            // Of two subjects (a title misread as one: "Russian Deputy Prime
            // Minister Alexander Novak"), the one that names someone.
            let subjects: Vec<usize> = self.children[h].iter().copied().filter(|&c| p.deprels[c] == "nsubj").collect();
            if let [a, b] = subjects[..] {
                let title_run = (a + 1..b).all(|k| self.doc.token_text(k).starts_with(char::is_uppercase));
                if title_run && self.ent_of_tok[a].is_none() && self.ent_of_tok[b].is_some() {
                    return Some(b);
                }
            }
            for &c in &self.children[h] {
                let rel = p.deprels[c];
                if rel == "nsubj" || rel == "nmod:poss" {
                    return Some(c);
                }
                if rel == "obl:agent" || (rel == "obl" && self.children[c].iter().any(|&k| self.lw[k] == "by")) {
                    return Some(c);
                }
            }
            // A verb with an object modifying a noun: the noun acts
            // ("rebels toppling the president", or misread "rebels toppled").
            if p.deprels[h] == "acl" && self.has_rel(h, &["obj"]) {
                if let Some(x) = self.head(h).filter(|x| r.contains(x) && *x < h) {
                    return Some(x);
                }
            }
            // A verb misread as a parataxis of a name with an appositive:
            // "Hayat Tahrir al-Sham, the group that toppled Assad, once fought
            // the SDF" (the name heads the sentence).
            if p.deprels[h] == "parataxis" {
                let nominal = |x: usize| matches!(newsgraph_doc::UPOS.get(p.upos[x] as usize), Some(&"PROPN" | &"NOUN"));
                if let Some(x) = self.head(h).filter(|&x| r.contains(&x) && x < h && nominal(x) && self.has_rel(x, &["appos"])) {
                    return Some(x);
                }
            }
            match self.head(h) {
                Some(x) if r.contains(&x) && !matches!(p.deprels[h], "ccomp" | "parataxis" | "advcl" | "root") => h = x,
                _ => break,
            }
        }
        None
    }

    /// Whether token `i` has a dependent with one of these relations.
    fn has_rel(&self, i: usize, rels: &[&str]) -> bool {
        self.children[i].iter().any(|&c| rels.contains(&self.rel(c)))
    }

    fn passive_subject(&self, i: usize) -> Option<usize> {
        let p = self.parse()?;
        self.children[i].iter().copied().find(|&c| p.deprels[c] == "nsubj:pass")
    }

    /// The object or oblique that receives the event.
    fn recipient_token(&self, i: usize, r: &std::ops::Range<usize>) -> Option<usize> {
        let topic = self.topic_object(i);
        if let Some(p) = self.parse() {
            let kids = &self.children[i];
            if let Some(&c) = kids.iter().find(|&&c| matches!(p.deprels[c], "obj" | "iobj") && !topic) {
                return Some(c);
            }
            if let Some(&c) = kids.iter().find(|&&c| {
                matches!(p.deprels[c], "obl" | "nmod")
                    && self.children[c].iter().any(|&k| {
                        let w = self.lw[k].as_str();
                        matches!(w, "with" | "between")
                            || (!topic && matches!(w, "to" | "against" | "on" | "from" | "toward" | "towards" | "for" | "of"))
                    })
                    && !self.place_prep(c, r)
            }) {
                return Some(c);
            }
            return None;
        }
        // Without a parse: the next entity in the clause.
        (i + 1..r.end)
            .take_while(|&k| !matches!(self.lw[k].as_str(), ";" | "." | "who" | "which"))
            .find(|&k| self.ent_of_tok[k].is_some() && !self.place_prep(k, r))
    }

    /// Whether the predicate at `i` takes what is talked about as its
    /// object ("discussed the bases"): its parties come only with "with"
    /// or "between".
    fn topic_object(&self, i: usize) -> bool {
        self.lw[i].starts_with("discuss")
    }

    /// Whether token `k` names who reports the event at byte `at` rather
    /// than a party to it: the speaker or outlet of the statement it is
    /// reported in, or the subject of a verb of saying ("SANA reported").
    fn reporter(&self, k: usize, at: u32) -> bool {
        let doc = self.doc;
        let ent = self.ent_of_tok[k].map(|e| doc.entities[e].id.as_str());
        let tok = &doc.tokens[k];
        let quoted = doc.quotes.iter().filter(|q| q.content.iter().any(|c| c.start <= at && at < c.end)).any(|q| {
            q.speaker.as_ref().is_some_and(|sp| (sp.start <= tok.start && tok.end <= sp.end) || (ent.is_some() && sp.entity.as_deref() == ent))
                || (ent.is_some() && q.via.as_deref() == ent)
        });
        if quoted {
            return true;
        }
        let mut h = k;
        while matches!(self.rel(h), "flat" | "compound") {
            match self.head(h) {
                Some(x) => h = x,
                None => break,
            }
        }
        self.rel(h) == "nsubj" && self.head(h).is_some_and(|x| SAY.contains(&self.lw[x].as_str()))
    }

    fn place_prep(&self, k: usize, r: &std::ops::Range<usize>) -> bool {
        // A nationality word modifies; it names no place ("in Syrian energy projects").
        if self.ent_of_tok[k].is_some_and(|e| self.doc.entities[e].r#type == "NORP") {
            return false;
        }
        let mut j = k;
        while j > r.start && self.ent_of_tok[j - 1] == self.ent_of_tok[k] {
            j -= 1;
        }
        while j > r.start && DETS.contains(&self.lw[j - 1].as_str()) {
            j -= 1;
        }
        if j <= r.start {
            return false;
        }
        // A city one goes to is a destination ("fled to Moscow"); a country
        // may be a recipient ("sent aid to Syria").
        let city = self.ent_of_tok[k].is_some_and(|e| self.doc.entities[e].r#type == "LOC" && !places().places(&self.doc.entities[e].name).is_empty());
        matches!(self.lw[j - 1].as_str(), "in" | "at" | "near" | "outside" | "inside") || (city && matches!(self.lw[j - 1].as_str(), "to" | "into"))
    }

    /// Entity and code of a noun phrase headed by token `h`: the head, then
    /// its close modifiers ("Turkish sides", "Russia's army"), then nominal
    /// modifiers. Conjuncts are members of their own (`members`).
    fn actor_at(&self, h: usize) -> Option<ActorRef> {
        let rank = |rel: &str| -> Option<u8> {
            Some(match rel {
                "compound" | "flat" | "amod" | "nmod:poss" => 1,
                "appos" => 2,
                "nmod" => 4,
                _ => return None,
            })
        };
        let mut cands: Vec<(u8, usize, usize)> = vec![(0, 0, h)];
        for &c in &self.children[h] {
            if let Some(rc) = rank(self.rel(c)) {
                cands.push((rc, c.abs_diff(h), c));
                for &g in &self.children[c] {
                    if let Some(rg) = rank(self.rel(g)) {
                        cands.push((rc.max(rg) + 1, g.abs_diff(h), g));
                    }
                }
            }
        }
        cands.sort_unstable();
        let ent = cands.iter().find_map(|&(_, _, k)| self.ent_of_tok[k]);
        let country = cands.iter().find_map(|&(_, _, k)| self.country_at(k));
        let sector = sector_word(&self.lw[h]).or_else(|| {
            self.children[h].iter().filter(|&&c| matches!(self.rel(c), "compound" | "amod")).find_map(|&c| sector_word(&self.lw[c]))
        });
        self.actor_ref(ent, country, sector)
    }

    /// The country a token names: its entity's, else a country or
    /// nationality word ("Syria", "Syrian").
    fn country_at(&self, k: usize) -> Option<&str> {
        self.ent_of_tok[k]
            .and_then(|e| self.doc.entities[e].country.as_deref())
            .or_else(|| places().country_of_word(self.doc.token_text(k)))
    }

    /// An actor from its entity (whose country and sector come first), a
    /// country and a sector; none without any.
    fn actor_ref(&self, ent: Option<usize>, country: Option<&str>, sector: Option<&'static str>) -> Option<ActorRef> {
        let e = ent.map(|ei| &self.doc.entities[ei]);
        let c = e.and_then(|e| e.country.as_deref()).or(country);
        let s = e.and_then(|e| e.sector.as_deref()).or(sector);
        let code = match (c, s) {
            (None, None) => None,
            (c, s) => Some(format!("{}{}", c.unwrap_or(""), s.unwrap_or(""))),
        };
        if e.is_none() && code.is_none() {
            return None;
        }
        Some(ActorRef { entity: e.map(|e| e.id.clone()), code })
    }

    /// The members of a coordinated noun phrase headed by `h`, as the
    /// PLOVER manual lists compound actors: "Russia and Syria" (conjuncts
    /// of the head), "Turkish and Greek sides", "US and British forces"
    /// (conjoined modifiers, each with the head's sector).
    fn members(&self, h: usize) -> Vec<ActorRef> {
        let mut out: Vec<ActorRef> = Vec::new();
        let conj = |k: usize| self.children[k].iter().copied().filter(move |&c| self.rel(c) == "conj");
        // "Hungarian and Romanian officials" parsed as conjuncts: a bare
        // nationality word shares the last conjunct's sector.
        let shared = conj(h).last().and_then(|k| sector_word(&self.lw[k]));
        for k in std::iter::once(h).chain(conj(h)) {
            let nationality = self.ent_of_tok[k].is_some_and(|e| self.doc.entities[e].r#type == "NORP");
            let bare = (nationality || self.parse().is_some_and(|p| p.upos[k] == self.adj)) && sector_word(&self.lw[k]).is_none();
            if let (true, Some(sector), Some(country)) = (bare, shared, self.country_at(k)) {
                out.extend(self.actor_ref(self.ent_of_tok[k], Some(country), Some(sector)));
                continue;
            }
            let split = self.children[k]
                .iter()
                .copied()
                .find(|&m| matches!(self.rel(m), "amod" | "compound" | "nmod:poss") && conj(m).next().is_some() && self.country_at(m).is_some());
            match split {
                Some(m) => {
                    let sector = sector_word(&self.lw[k]);
                    for w in std::iter::once(m).chain(conj(m)) {
                        out.extend(self.actor_ref(self.ent_of_tok[w], self.country_at(w), sector));
                    }
                }
                // A further conjunct counts when it names someone: an
                // entity, a country, or a head such as "rebels" ("aerial
                // photographs and military intelligence" is no actor).
                None if k != h && self.ent_of_tok[k].is_none() && self.country_at(k).is_none() && sector_word(&self.lw[k]).is_none() => {}
                None => out.extend(self.actor_at(k)),
            }
        }
        // "Israeli helicopters and tanks", "the Sudanese government and the
        // rebels": a member with a sector only is of the country before it.
        for i in 1..out.len() {
            let (before, rest) = out.split_at_mut(i);
            let country = before[i - 1].code.as_deref().filter(|c| c.len() >= 3 && !SECTORS.contains(&&c[..3])).map(|c| &c[..3]);
            if let (Some(c), Some(code)) = (country, rest[0].code.as_mut().filter(|c| SECTORS.contains(&c.as_str()))) {
                *code = format!("{c}{code}");
            }
        }
        dedup_members(&mut out);
        out
    }

    /// Entity tokens coordinated with the entity at `k` by position: "Russia
    /// and Syria", "Russia, Iran and Turkey" (for texts without a parse).
    /// `forward`: the conjuncts after `k`, else those before.
    fn coordinated(&self, k: usize, forward: bool, r: &std::ops::Range<usize>) -> Vec<usize> {
        let mut out = vec![k];
        let Some(mut ent) = self.ent_of_tok[k] else { return out };
        let mut at = k;
        // Members after a comma count once an "and" closes the list
        // ("Russia, Iran and Turkey", not "Israel, a weekly reports").
        let mut sure = 1;
        let mut and = false;
        loop {
            // The edge of the current entity's words, then "and" or ",".
            let mut j = at;
            let next = if forward {
                while j + 1 < r.end && self.ent_of_tok[j + 1] == Some(ent) {
                    j += 1;
                }
                let sep = j + 1;
                if sep + 1 >= r.end || and {
                    break;
                }
                let mut n = sep + 1;
                while n < r.end && (DETS.contains(&self.lw[n].as_str()) || self.lw[n] == "and") {
                    n += 1;
                }
                (sep, n)
            } else {
                while j > r.start && self.ent_of_tok[j - 1] == Some(ent) {
                    j -= 1;
                }
                while j > r.start && DETS.contains(&self.lw[j - 1].as_str()) {
                    j -= 1;
                }
                if j < r.start + 2 {
                    break;
                }
                (j - 1, j - 2)
            };
            let (sep, n) = next;
            match self.lw[sep].as_str() {
                "and" => and = true,
                // Backwards, a comma only before an "and": "Russia, Iran and".
                "," if forward || and => {}
                _ => break,
            }
            match (n < r.end).then(|| self.ent_of_tok[n]).flatten() {
                Some(e) if e != ent => (ent, at) = (e, n),
                _ => break,
            }
            out.push(at);
            if and || !forward {
                sure = out.len();
            }
        }
        out.truncate(sure);
        out
    }

    /// How the recipient's phrase at `t` joins the predicate ending at
    /// token `last`: through "with" or "between", as its direct object, or
    /// otherwise.
    fn link(&self, t: usize, last: usize, r: &std::ops::Range<usize>) -> Link {
        let with = |k: usize| matches!(self.lw[k].as_str(), "with" | "between");
        let kind = |k: usize| if self.lw[k] == "between" { Link::Between } else { Link::With };
        if let Some(p) = self.parse() {
            return if let Some(&k) = self.children[t].iter().find(|&&k| with(k)) {
                kind(k)
            } else if p.deprels[t] == "obj" {
                Link::Object
            } else {
                Link::Other
            };
        }
        let mut j = t;
        while j > r.start && self.ent_of_tok[j - 1].is_some() && self.ent_of_tok[j - 1] == self.ent_of_tok[t] {
            j -= 1;
        }
        while j > r.start && DETS.contains(&self.lw[j - 1].as_str()) {
            j -= 1;
        }
        if j > r.start && with(j - 1) {
            kind(j - 1)
        } else if j == last + 1 {
            Link::Object
        } else {
            Link::Other
        }
    }

    /// Whether an event is reciprocal, its participants all actors (PLOVER
    /// manual, compound and reciprocal actors): meetings and talks (not
    /// visits, calls or mediation) with someone or between sides; asserted
    /// or denied agreements and cooperation with someone; clashes and
    /// fighting with or between sides.
    fn reciprocal(&self, d: &Draft, link: Link) -> bool {
        match d.r#type {
            "CONSULT" => d.mode.is_none() && matches!(d.cameo.as_str(), "040" | "046") && link != Link::Other,
            // Not a promise to cooperate with someone: that is the actor's.
            "AGREE" | "COOPERATE" => matches!(link, Link::With | Link::Between) && matches!(d.modality, "asserted" | "negated"),
            "ASSAULT" => {
                matches!(link, Link::With | Link::Between) && matches!(self.lw[d.content].get(..4), Some("clas" | "figh" | "foug"))
            }
            _ => false,
        }
    }

    fn finish(&self, d: Draft, si: usize, r: std::ops::Range<usize>) -> Event {
        let doc = self.doc;
        let at = doc.tokens[d.first].start;
        // Actor and recipient.
        let mut actor: Vec<ActorRef> = Vec::new();
        let mut recipient: Vec<ActorRef> = Vec::new();
        // How the recipient's phrase joins the predicate.
        let mut link = Link::Other;
        if self.parse().is_some() {
            let passive = self.passive_subject(d.content).or_else(|| self.passive_subject(d.main));
            if d.demand_of_subject {
                // The verb of saying above the clause.
                let mut said = None;
                let mut h = d.main;
                for _ in 0..4 {
                    match self.head(h) {
                        Some(x) if r.contains(&x) => {
                            h = x;
                            if SAY.contains(&self.lw[h].as_str()) || self.lw[h].starts_with("demand") {
                                said = Some(h);
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                actor = said.and_then(|s| self.subject(s, &r)).map_or_else(Vec::new, |t| self.members(t));
                recipient = self.subject(d.main, &r).map_or_else(Vec::new, |t| self.members(t));
            } else {
                let mut subj = self.subject(d.main, &r);
                // "Syria says it will ...": a pronoun subject of a reported
                // clause is the speaker.
                if let Some(t) = subj.filter(|&t| matches!(self.lw[t].as_str(), "it" | "they" | "he" | "she" | "we")) {
                    let mut h = t;
                    for _ in 0..4 {
                        match self.head(h) {
                            Some(x) if r.contains(&x) => {
                                h = x;
                                if SAY.contains(&self.lw[h].as_str()) {
                                    subj = self.subject(h, &r).or(subj);
                                    break;
                                }
                            }
                            _ => break,
                        }
                    }
                }
                actor = subj.map_or_else(Vec::new, |t| self.members(t));
                let rt = passive
                    .or_else(|| self.recipient_token(d.content, &r))
                    .or_else(|| if d.content != d.main { self.recipient_token(d.main, &r) } else { None });
                if let Some(t) = rt {
                    link = self.link(t, d.last, &r);
                    recipient = self.members(t);
                }
            }
        }
        // A side whose members have no code says nothing of who; the
        // nearest coded entity may ("accused the United States of").
        let uncoded = |m: &[ActorRef]| m.iter().all(|a| a.code.is_none());
        let by_parse = !uncoded(&actor);
        if uncoded(&actor) {
            // The nearest entity before the predicate in the sentence, and
            // the entities coordinated with it.
            if let Some(k) = (r.start..d.first).rev().find(|&k| self.ent_of_tok[k].is_some() && !self.place_prep(k, &r)) {
                let found: Vec<ActorRef> = self.coordinated(k, false, &r).into_iter().rev().filter_map(|t| self.actor_at(t)).collect();
                if actor.is_empty() || !uncoded(&found) {
                    actor = found;
                }
            }
        }
        if uncoded(&recipient) && !self.topic_object(d.content) {
            let next = (d.last + 1..r.end)
                // Not past the end of a quoted sentence: who follows it said it.
                .take_while(|&k| {
                    let closes = matches!(self.lw[k].as_str(), "\u{201d}" | "\"") && matches!(self.lw[k - 1].as_str(), "," | "." | "?" | "!");
                    !closes && !matches!(self.lw[k].as_str(), ";" | "who" | "which" | "after" | "because")
                })
                .find(|&k| self.ent_of_tok[k].is_some() && !self.place_prep(k, &r) && !self.reporter(k, at));
            if let Some(k) = next {
                let found: Vec<ActorRef> = self.coordinated(k, true, &r).into_iter().filter_map(|t| self.actor_at(t)).collect();
                if recipient.is_empty() || !uncoded(&found) {
                    link = self.link(k, d.last, &r);
                    recipient = found;
                }
            }
        }
        // Reciprocal events (meetings, talks, agreements and cooperation
        // "with" someone, clashes between sides): every participant is an
        // actor and there is no recipient (PLOVER manual, compound and
        // reciprocal actors).
        if self.reciprocal(&d, link) {
            if link == Link::Between {
                // "the meeting between X and Y": they are the parties.
                actor = std::mem::take(&mut recipient);
            } else {
                actor.append(&mut recipient);
            }
        }
        // No one on both sides: the side read from the parse keeps its
        // member ("Iraqi civilians were killed": the victims, not actors).
        dedup_members(&mut actor);
        dedup_members(&mut recipient);
        if by_parse || recipient.is_empty() {
            recipient.retain(|m| !actor.iter().any(|a| same_member(a, m, false)));
        } else {
            actor.retain(|m| !recipient.iter().any(|a| same_member(a, m, false)));
        }
        // A sector without a country ("President X", "rebels") is of the one
        // country the sentence speaks of, if it speaks of one.
        let mut countries: Vec<&str> = r
            .clone()
            .filter_map(|k| self.ent_of_tok[k].and_then(|e| doc.entities[e].country.as_deref()))
            .collect();
        countries.sort_unstable();
        countries.dedup();
        if let [only] = countries.as_slice() {
            for a in actor.iter_mut().chain(recipient.iter_mut()) {
                if let Some(code) = a.code.as_mut().filter(|c| SECTORS.contains(&c.as_str())) {
                    *code = format!("{only}{code}");
                }
            }
        }
        let s = &doc.sentences[si];
        // Date: the sentence's own time expression, else the publication date.
        let date = doc
            .timexes
            .iter()
            .find(|t| t.start >= s.start && t.end <= s.end && (t.r#type == "DATE" || t.r#type == "TIME"))
            .map(|t| t.value.clone())
            .or_else(|| doc.published.as_ref().map(|p| p.chars().take(10).collect()));
        // Place: a place named after "in", "at" or "near".
        let party = |id: &String| actor.iter().chain(&recipient).any(|a| a.entity.as_ref() == Some(id));
        let place = r
            .clone()
            .filter(|&k| self.place_prep(k, &r))
            .filter_map(|k| self.ent_of_tok[k])
            .map(|ei| &doc.entities[ei])
            .find(|e| e.r#type == "LOC" && !party(&e.id))
            .map(|e| e.id.clone());
        // Provenance: the statement the event is reported in, else the outlet.
        let quote = doc.quotes.iter().find(|q| q.content.iter().any(|c| c.start <= at && at < c.end));
        let source = match quote {
            // The speaker: the entity named last in the speaker's words
            // ("Kremlin spokesman Dmitry Peskov": Peskov), else the quote's.
            Some(q) => q.speaker.as_ref().and_then(|sp| {
                doc.entities
                    .iter()
                    .filter_map(|e| e.mentions.iter().filter(|m| sp.start <= m.start && m.end <= sp.end).map(|m| (m.end, e)).max_by_key(|x| x.0))
                    .max_by_key(|x| x.0)
                    .map(|(_, e)| e.id.clone())
                    .or_else(|| sp.entity.clone())
            }),
            None => doc.site.as_ref().and_then(|site| {
                doc.entities.iter().find(|e| e.name.eq_ignore_ascii_case(site) || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(site))).map(|e| e.id.clone())
            }),
        };
        // "We are ready to talk," the minister told reporters: a first-person
        // subject of a statement is its speaker.
        let first_person = self.subject(d.main, &r).is_some_and(|t| matches!(self.lw[t].as_str(), "we" | "i"));
        if actor.is_empty() && first_person {
            if let Some(sp) = quote.and_then(|q| q.speaker.as_ref()) {
                let inside = |k: usize| sp.start <= doc.tokens[k].start && doc.tokens[k].end <= sp.end;
                let head = (0..doc.tokens.len()).find(|&k| inside(k) && self.head(k).is_none_or(|h| !inside(h)));
                actor = head.map_or_else(Vec::new, |h| self.members(h));
                if actor.is_empty() {
                    let e = source.as_ref().and_then(|id| doc.entities.iter().position(|e| &e.id == id));
                    actor.extend(self.actor_ref(e, None, None));
                }
            }
        }
        Event {
            id: String::new(),
            r#type: d.r#type.to_string(),
            mode: d.mode.map(str::to_string),
            quad_class: type_quad_class(d.r#type).or_else(|| quad_class(&d.cameo)).unwrap_or(0),
            goldstein: goldstein(&d.cameo),
            context: contexts(&d.cameo).to_vec(),
            cameo: d.cameo,
            actor,
            recipient,
            date,
            place,
            modality: d.modality.to_string(),
            source,
            quote: quote.map(|q| q.id.clone()),
            evidence: Span { start: doc.tokens[d.first].start, end: doc.tokens[d.last].end },
            sentence: si as u32,
        }
    }
}

/// The headline, when the text opens with the title, repeats the story: an
/// event in it that the body reports too (same type; each member one of the
/// body event's, by entity or by code: "Syrian leader meets Putin" and
/// "Syrian President Ahmed al-Sharaa met Russian President Vladimir Putin")
/// is one event, kept with the body's words and date.
fn drop_headline_repeats(doc: &Doc, events: &mut Vec<Event>) {
    let Some(title) = doc.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return };
    let Some(first) = doc.sentences.first() else { return };
    if !doc.text.get(first.start as usize..first.end as usize).unwrap_or("").trim().starts_with(title) {
        return;
    }
    // A bare sector ("Minister": GOV) says too little to match.
    fn country_code(m: &ActorRef) -> Option<&str> {
        m.code.as_deref().filter(|c| !SECTORS.contains(c))
    }
    let fits = |m: &ActorRef, body: &Event| {
        body.actor.iter().chain(&body.recipient).any(|b| (m.entity.is_some() && m.entity == b.entity) || (country_code(m).is_some() && country_code(m) == country_code(b)))
    };
    let repeats = |h: &Event, b: &Event| {
        b.sentence != 0 && b.r#type == h.r#type && !h.actor.is_empty() && h.actor.iter().chain(&h.recipient).all(|m| fits(m, b))
    };
    let keep: Vec<bool> = events.iter().map(|h| h.sentence != 0 || !events.iter().any(|b| repeats(h, b))).collect();
    let mut k = keep.into_iter();
    events.retain(|_| k.next().unwrap_or(true));
}

/// Drop repeated members (the same entity, or the same code without one),
/// keeping the first.
fn dedup_members(m: &mut Vec<ActorRef>) {
    let mut k = 0;
    while k < m.len() {
        let dup = m[..k].iter().any(|x| same_member(x, &m[k], true));
        if dup {
            m.remove(k);
        } else {
            k += 1;
        }
    }
}

/// The same entity, or the same code where neither has one; `loose`: or
/// where one has none ("Israeli jets and tanks": one member).
fn same_member(x: &ActorRef, y: &ActorRef, loose: bool) -> bool {
    match (&x.entity, &y.entity) {
        (Some(a), Some(b)) => a == b,
        (None, None) => x.code == y.code,
        _ => loose && x.code == y.code,
    }
}

/// How a recipient's phrase joins its predicate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    /// "with X"
    With,
    /// "between X and Y": X and Y are all the parties
    Between,
    /// the direct object: "met X"
    Object,
    Other,
}

fn request_mode(ct: &str) -> (Option<&'static str>, String) {
    match ct {
        "CONSULT" | "AGREE" => (Some("meet"), "106".into()),
        "COOPERATE" | "SUPPORT" => (Some("assist"), "101".into()),
        "AID" => (Some("assist"), "103".into()),
        "RETREAT" | "CONCEDE" => (Some("yield"), "105".into()),
        "ASSAULT" | "COERCE" | "SANCTION" | "REJECT" => (Some("change"), "104".into()),
        _ => (None, "100".into()),
    }
}

fn reject_mode(ct: &str) -> (Option<&'static str>, String) {
    match ct {
        "CONSULT" => (Some("meet"), "125".into()),
        "AGREE" => (Some("meet"), "127".into()),
        "COOPERATE" | "SUPPORT" => (Some("assist"), "121".into()),
        "AID" => (Some("assist"), "122".into()),
        "RETREAT" | "CONCEDE" => (Some("change"), "124".into()),
        _ => (None, "120".into()),
    }
}

fn threaten_mode(ct: &str, cm: Option<&'static str>) -> (Option<&'static str>, String) {
    match ct {
        "ASSAULT" => (Some("violence"), "138".into()),
        "MOBILIZE" => (Some("violence"), "138".into()),
        "SANCTION" if cm == Some("expel") => (Some("expel"), "136".into()),
        "SANCTION" => (Some("relations"), "1313".into()),
        "COERCE" if cm == Some("curfew") => (Some("restrict"), "1323".into()),
        "COERCE" if cm == Some("ban") => (Some("ban"), "132".into()),
        "COERCE" => (Some("restrict"), "1312".into()),
        "PROTEST" => (Some("relations"), "133".into()),
        _ => (None, "130".into()),
    }
}

/// The CAMEO intent code for promised content.
fn agree_cameo(ct: &str, cc: &str) -> String {
    match ct {
        "COOPERATE" if cc == "061" => "0311",
        "COOPERATE" if cc == "062" => "0312",
        "COOPERATE" => "031",
        "AID" if cc == "072" => "0332",
        "AID" if cc == "073" => "0333",
        "AID" if cc == "074" => "0334",
        "AID" => "033",
        "SUPPORT" => "032",
        "CONSULT" => "036",
        "RETREAT" if cc == "0841" || cc == "0842" => "0353",
        "RETREAT" if cc == "085" => "0354",
        "RETREAT" => "0356",
        "CONCEDE" => "035",
        _ => "030",
    }
    .to_string()
}

/// The PLOVER sector a head noun implies ("officials" → GOV).
fn sector_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "government" | "official" | "officials" | "minister" | "ministry" | "president" | "leader" | "leaders"
        | "authorities" | "diplomat" | "diplomats" | "spokesman" | "cabinet" | "presidents" | "ministers"
        | "governments" | "spokesmen" | "spokeswoman" | "ministries" | "premier" => "GOV",
        "army" | "troops" | "forces" | "soldiers" | "military" | "warships" | "navy" | "jets" | "tanks"
        | "helicopters" | "warplanes" | "drones" | "artillery" | "militia" => "MIL",
        "rebels" | "rebel" | "insurgents" | "militants" | "guerrillas" | "fighters" => "REB",
        "police" | "policemen" => "COP",
        "parliament" | "lawmakers" | "legislators" => "LEG",
        "court" | "judge" | "judges" | "prosecutors" => "JUD",
        "protesters" | "demonstrators" | "students" | "workers" | "civilians" | "villagers" | "residents" => "CVL",
        "party" | "opposition" => "PTY",
        _ => return None,
    })
}
