//! Cue words: verbs (and a few nouns and phrases) that introduce a statement.
//!
//! Sources: Levin (1993), *English Verb Classes and Alternations*, verbs of
//! communication (class 37: say, tell, manner-of-speaking, complain, advise
//! ...); the reporting-verb list of Krestel, Bergler and Witte (2008),
//! "Minding the Source: Automatic Tagging of Reported Speech in Newspaper
//! Articles"; and the cue frequencies of the PolNeAR *train* part (which verbs
//! its annotators mark: think, believe, want, show, find ... as well as
//! speech verbs). Words only, no corpus text.

/// How strongly a word cues a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// Speech verbs: take a direct quote or a bare clause ("said he would").
    Speech,
    /// Verbs that cue only with a that-clause, a clause complement or an
    /// adjacent quote ("believes that", "warned that").
    Clause,
    /// Stance verbs whose object is what is attributed ("endorsed X",
    /// "declined to X", "polls show X"); need the parse.
    Object,
}

/// Verbs of saying, with their irregular forms spelled out.
const SPEECH: &[&str] = &[
    "say", "says", "said", "saying",
    "tell", "tells", "told", "telling",
    "write", "writes", "wrote", "writing", "written",
    "add", "ask", "note", "report", "announce", "argue", "explain", "declare", "tweet",
    "acknowledge", "admit", "admits", "admitted", "admitting", "claim", "insist", "warn", "promise",
    "pledge", "vow", "reply", "respond", "answer", "recall", "stress", "emphasize",
    "contend", "assert", "confirm", "deny", "reveal", "observe", "mention", "concede", "complain",
    "joke", "quip", "quipped", "quipping", "remark", "comment", "repeat", "reiterate", "counter",
    "charge", "allege", "predict", "boast", "brag", "bragged", "bragging", "testify",
    "inform", "assure", "remind", "maintain", "shout", "yell", "scream", "exclaim", "cry",
    "wonder", "muse", "whisper", "tout", "lament", "explain", "suggest", "email",
    "caution", "urge", "demand", "threaten", "recount", "declare", "conclude", "estimate",
    "proclaim", "retort", "snap", "snapped", "snapping", "thunder", "write", "tweet", "posit",
    "concur", "concurred", "concurring", "agree", "chime", "interject", "acknowledge", "call", "describe",
    "refer", "referred", "referring",
];

const CLAUSE: &[&str] = &[
    "think", "thinks", "thought", "thinking", "believe", "hope", "fear", "worry", "feel", "feels", "felt",
    "feeling", "know", "knows", "knew", "known", "knowing", "see", "sees", "saw", "seen", "expect", "indicate", "imply", "signal", "learn", "learned",
    "learnt", "understand", "understood", "doubt", "guess", "reckon", "figure", "realize", "recognize",
    "calculate", "project", "forecast", "forecasts", "forecasted", "decide", "determine", "rule",
    "acknowledge", "hint", "assume", "speculate", "surmise", "presume", "suspect", "worried", "convince",
    "prove", "proven", "demonstrate", "reckon", "mean", "means", "meant", "stipulate", "specify",
    "detail", "publish", "discover", "notice", "agree", "complain", "explain", "recommend", "propose",
    "request", "require", "state", "continue", "post", "text",
];

const OBJECT: &[&str] = &[
    "describe", "decline", "accuse", "endorse", "criticize", "criticise", "want", "support", "cite", "defend",
    "praise", "propose", "oppose", "seek", "sought", "refuse", "reject", "blame", "dismiss", "condemn",
    "denounce", "question", "back", "favor", "prefer", "preferred", "welcome", "applaud", "invoke", "mock",
    "decry", "blast", "slam", "slammed", "slamming", "knock", "tout", "champion", "highlight", "challenge",
    "recommend", "intend", "seem", "appear", "show", "shows", "showed", "shown", "showing", "find", "finds",
    "found", "finding", "push", "attack", "thank", "embrace", "lambast", "rebuke", "ridicule", "dispute",
    "vote", "advocate", "promote", "hail", "label", "dub", "dubbed", "dubbing", "brand", "portray",
    "characterize", "rail", "lash", "castigate", "chide", "scold", "fault", "credit", "question", "mention",
];

fn regular_forms(base: &str) -> Vec<String> {
    let mut v = vec![base.to_string()];
    if let Some(stem) = base.strip_suffix('e') {
        v.push(format!("{base}s"));
        v.push(format!("{base}d"));
        v.push(format!("{stem}ing"));
    } else if let Some(stem) = base.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        v.push(format!("{stem}ies"));
        v.push(format!("{stem}ied"));
        v.push(format!("{base}ing"));
    } else {
        let es = base.ends_with("sh") || base.ends_with("ch") || base.ends_with('s') || base.ends_with('x');
        v.push(if es { format!("{base}es") } else { format!("{base}s") });
        v.push(format!("{base}ed"));
        v.push(format!("{base}ing"));
    }
    v
}

pub struct Lexicon {
    words: std::collections::HashMap<String, Strength>,
}

impl Lexicon {
    pub fn get(&self, lower: &str) -> Option<Strength> {
        self.words.get(lower).copied()
    }
}

pub fn lexicon() -> &'static Lexicon {
    static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let mut words = std::collections::HashMap::new();
        for (list, s) in [(OBJECT, Strength::Object), (CLAUSE, Strength::Clause), (SPEECH, Strength::Speech)] {
            for w in list.iter() {
                for f in regular_forms(w) {
                    words.insert(f, s);
                }
            }
        }
        // Irregular forms the generator gets wrong are listed above in full;
        // drop the generator's nonsense for them.
        for bad in ["sayed", "telled", "writed", "speaked", "thinked", "feeled", "knowed", "finded", "seed", "meaned", "understanded"] {
            words.remove(bad);
        }
        Lexicon { words }
    })
}

/// Verbs whose object is the addressee ("told reporters", "assured voters").
pub fn takes_addressee(lower: &str) -> bool {
    matches!(
        lower,
        "tell" | "tells" | "told" | "telling" | "inform" | "informs" | "informed" | "informing" | "assure"
            | "assures" | "assured" | "assuring" | "remind" | "reminds" | "reminded" | "reminding" | "warn"
            | "warns" | "warned" | "warning" | "ask" | "asks" | "asked" | "asking" | "urge" | "urges"
            | "urged" | "urging" | "convince" | "convinced" | "promise" | "promised" | "promises" | "promising"
            | "email" | "emailed" | "text" | "texted"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let l = lexicon();
        for w in ["said", "told", "denies", "denied", "warned", "notes", "noting", "believes", "tweeted"] {
            assert!(l.get(w).is_some(), "{w}");
        }
        assert_eq!(l.get("said"), Some(Strength::Speech));
        assert_eq!(l.get("believes"), Some(Strength::Clause));
        assert!(l.get("table").is_none());
    }
}
