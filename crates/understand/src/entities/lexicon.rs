//! What newsgraph knows before reading: countries (names, adjectives,
//! capitals) and actors (the bundled actor file, extended and overridden by a
//! user's actor file).

use super::known::{label, Known};
use super::names::key;
use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const ACTORS: &str = include_str!("../../data/actors.csv");
const PLACES: &str = include_str!("../../data/places.tsv");

/// A place of the gazetteer (cities of 15,000 people or more, US states).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub country: &'static str,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub population: u64,
}

static PLACE_INDEX: OnceLock<std::collections::HashMap<String, Vec<Place>>> = OnceLock::new();

fn place_index() -> &'static std::collections::HashMap<String, Vec<Place>> {
    PLACE_INDEX.get_or_init(|| {
        let mut m: std::collections::HashMap<String, Vec<Place>> = std::collections::HashMap::new();
        for line in PLACES.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            m.entry(key(f[0])).or_default().push(Place {
                country: f[1],
                latitude: f[2].parse().ok(),
                longitude: f[3].parse().ok(),
                population: f[4].parse().unwrap_or(0),
            });
        }
        for v in m.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.population));
        }
        m
    })
}

/// A known actor, valid between two dates (inclusive, `YYYY-MM-DD`; empty is
/// open-ended).
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub name: String,
    pub aliases: Vec<String>,
    pub r#type: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
}

impl Actor {
    fn valid_on(&self, date: Option<&str>) -> bool {
        let Some(d) = date.map(|d| &d[..d.len().min(10)]) else { return self.valid_to.is_none() };
        self.valid_from.as_deref().is_none_or(|f| f <= d) && self.valid_to.as_deref().is_none_or(|t| d <= t)
    }
}

pub struct Lexicon {
    /// Folded country name, capital or adjective → ISO code; the flag says
    /// whether the word is a demonym/adjective.
    places: HashMap<String, (&'static str, bool)>,
    actors: Vec<Actor>,
    by_key: HashMap<String, Vec<usize>>,
    /// Actor names and aliases, then country names and capitals, by their
    /// first word in lower case; longest first (see `known.rs`).
    known: HashMap<String, Vec<Known>>,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The lexicon in use: the bundled one, plus the user's actor file if
/// [`load_actor_file`] was called first.
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| Lexicon::new(&[]))
}

/// Use the actors of a user's file (CSV: name, aliases separated by `|`,
/// type, country, sector, valid_from, valid_to) on top of the bundled ones; an
/// actor of the same name replaces the bundled entries. Call before the
/// pipeline runs. Errors name the line.
pub fn load_actor_file(path: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let user = parse_actors(&text).map_err(|(line, m)| format!("{}:{line}: {m}", path.display()))?;
    LEXICON.set(Lexicon::new(&user)).map_err(|_| "the actor lexicon was already in use".to_string())
}

impl Lexicon {
    fn new(user: &[Actor]) -> Lexicon {
        let mut places = HashMap::new();
        let mut place_names: Vec<&'static str> = Vec::new();
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut f = line.split('\t');
            let iso: &'static str = f.next().unwrap_or("");
            let (names, adjs, caps) = (f.next().unwrap_or(""), f.next().unwrap_or(""), f.next().unwrap_or(""));
            for n in names.split('|').chain(caps.split('|')).filter(|n| !n.is_empty()) {
                places.entry(key(n)).or_insert((iso, false));
                place_names.push(n);
            }
            for a in adjs.split('|').filter(|n| !n.is_empty()) {
                places.entry(key(a)).or_insert((iso, true));
            }
        }
        let bundled = parse_actors(ACTORS).expect("the bundled actor file parses");
        let replaced: Vec<String> = user.iter().map(|a| key(&a.name)).collect();
        let mut actors: Vec<Actor> = bundled.into_iter().filter(|a| !replaced.contains(&key(&a.name))).collect();
        actors.extend(user.iter().cloned());
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let v = by_key.entry(key(n)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        let mut known: HashMap<String, Vec<Known>> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        let names = actors.iter().flat_map(|a| std::iter::once(&a.name).chain(&a.aliases).map(|n| (n.as_str(), label(&a.r#type), false)));
        for (n, l, place) in names.chain(place_names.iter().map(|n| (*n, "LOC", true))) {
            let first = n.split_whitespace().next().unwrap_or("").to_lowercase();
            if !first.is_empty() && seen.insert(n.to_string()) {
                known.entry(first).or_default().push(Known { text: n.to_string(), label: l, place });
            }
        }
        for v in known.values_mut() {
            v.sort_by_key(|k| std::cmp::Reverse(k.text.len()));
        }
        Lexicon { places, actors, by_key, known }
    }

    /// Known names whose first word is `first_lower`, longest first.
    pub(crate) fn known_starting(&self, first_lower: &str) -> &[Known] {
        self.known.get(first_lower).map_or(&[], Vec::as_slice)
    }

    /// The country (ISO alpha-3 or PLOVER code) a place name, capital or
    /// seat of government denotes.
    pub fn country_of_place(&self, name: &str) -> Option<&'static str> {
        self.places.get(&key(name)).map(|p| p.0)
    }

    /// Places of this name, most populous first.
    pub fn places(&self, name: &str) -> &'static [Place] {
        place_index().get(&key(name)).map_or(&[], Vec::as_slice)
    }

    /// The country of a nationality adjective or a country name ("Russian",
    /// "Syria"): anything the country table knows.
    pub fn country_of_word(&self, word: &str) -> Option<&'static str> {
        self.places.get(&key(word)).map(|p| p.0)
    }

    /// Whether a word is a nationality adjective or demonym.
    pub fn is_demonym(&self, word: &str) -> bool {
        self.places.get(&key(word)).is_some_and(|p| p.1)
    }

    /// The known actor a name denotes on a date (the article's), if any and
    /// if the type agrees. Organizations, places and other names are
    /// interchangeable here (the recognizer may call the Kremlin a place);
    /// persons are only persons.
    pub fn actor(&self, name: &str, r#type: &str, date: Option<&str>) -> Option<&Actor> {
        let ids = self.by_key.get(&key(name))?;
        let compatible = |t: &str| t == r#type || (t != "PERSON" && r#type != "PERSON");
        let all: Vec<&Actor> = ids.iter().map(|&i| &self.actors[i]).filter(|a| compatible(&a.r#type)).collect();
        all.iter().find(|a| a.valid_on(date)).or_else(|| all.last()).copied()
    }
}

/// Parse an actor CSV; errors carry the line number.
pub fn parse_actors(text: &str) -> Result<Vec<Actor>, (usize, String)> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f = split_csv(line);
        if !header_seen && f.first().is_some_and(|h| h.eq_ignore_ascii_case("name")) {
            header_seen = true;
            continue;
        }
        if f.len() < 3 || f.len() > 7 {
            return Err((i + 1, format!("expected 3 to 7 fields (name,aliases,type,country,sector,valid_from,valid_to), found {}", f.len())));
        }
        let get = |k: usize| f.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let name = get(0).ok_or((i + 1, "empty name".to_string()))?;
        let r#type = get(2).unwrap_or_default().to_ascii_uppercase();
        if !matches!(r#type.as_str(), "PERSON" | "ORG" | "LOC" | "NORP" | "MISC") {
            return Err((i + 1, format!("type {type:?} is not PERSON, ORG, LOC, NORP or MISC")));
        }
        for k in [5, 6] {
            if let Some(d) = get(k) {
                if d.len() != 10 || !d.chars().enumerate().all(|(j, c)| if j == 4 || j == 7 { c == '-' } else { c.is_ascii_digit() }) {
                    return Err((i + 1, format!("date {d:?} is not YYYY-MM-DD")));
                }
            }
        }
        out.push(Actor {
            name,
            aliases: get(1).map(|a| a.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()).unwrap_or_default(),
            r#type,
            country: get(3).map(|s| s.to_ascii_uppercase()),
            sector: get(4).map(|s| s.to_ascii_uppercase()),
            valid_from: get(5),
            valid_to: get(6),
        });
    }
    Ok(out)
}

/// Split one CSV line; fields may be double-quoted with "" for a quote.
fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_actors() {
        let l = Lexicon::new(&[]);
        assert_eq!(l.country_of_word("Russian"), Some("RUS"));
        assert_eq!(l.country_of_place("Damascus"), Some("SYR"));
        assert_eq!(l.country_of_place("U.S."), Some("USA"));
        assert!(l.is_demonym("Syrian") && !l.is_demonym("Syria"));
        let a = l.actor("Ahmad al-Sharaa", "PERSON", Some("2025-10-16")).unwrap();
        assert_eq!((a.country.as_deref(), a.sector.as_deref()), (Some("SYR"), Some("GOV")));
        let a = l.actor("Abu Mohammed al-Jolani", "PERSON", Some("2020-01-01")).unwrap();
        assert_eq!(a.sector.as_deref(), Some("REB"));
        assert_eq!(l.actor("SANA", "ORG", None).unwrap().name, "Syrian Arab News Agency");
        assert!(l.actor("Putin", "ORG", None).is_none());
    }

    #[test]
    fn user_actors_override_and_errors_name_the_line() {
        let user = parse_actors("name,aliases,type,country,sector\n\"Peskov, Dmitry\",Peskov,PERSON,RUS,GOV\nNew Party,NP,ORG,SYR,PTY,2025-01-01,\n").unwrap();
        assert_eq!(user[0].name, "Peskov, Dmitry");
        let l = Lexicon::new(&user);
        assert_eq!(l.actor("NP", "ORG", Some("2025-06-01")).unwrap().sector.as_deref(), Some("PTY"));
        assert_eq!(parse_actors("x,y,ALIEN").unwrap_err().0, 1);
        assert!(parse_actors("a,,PERSON,RUS,GOV,2025-1-1").unwrap_err().1.contains("YYYY-MM-DD"));
    }
}
