//! Entities from the recognizer's mentions.
//!
//! For now one entity per distinct (name, type) in a document: mentions with
//! the same text and label are the same entity. Clustering across spellings,
//! aliases and pronouns, and country and sector coding, come later.

use newsgraph_doc::{Doc, Entity, TextSpan};

/// Fill `doc.entities` from `doc.mentions`, in order of first mention.
pub fn build(doc: &mut Doc) {
    doc.entities.clear();
    for m in &doc.mentions {
        let text = &doc.text[m.start as usize..m.end as usize];
        let span = TextSpan { start: m.start, end: m.end, text: text.to_string() };
        match doc.entities.iter_mut().find(|e| e.r#type == m.label && e.name == text) {
            Some(e) => e.mentions.push(span),
            None => {
                let id = format!("e{}", doc.entities.len() + 1);
                doc.entities.push(Entity {
                    id,
                    name: text.to_string(),
                    r#type: m.label.to_string(),
                    mentions: vec![span],
                    aliases: Vec::new(),
                    country: None,
                    sector: None,
                    roles: Vec::new(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::Mention;

    #[test]
    fn same_name_and_type_is_one_entity() {
        let mut d = Doc::new("Peskov spoke. Tass said Peskov left. Peskov Street is long.");
        let at = |s: &str, nth: usize| d.text.match_indices(s).nth(nth).unwrap().0 as u32;
        let (p0, p1, p2, t) = (at("Peskov", 0), at("Peskov", 1), at("Peskov", 2), at("Tass", 0));
        d.mentions = vec![
            Mention { start: p0, end: p0 + 6, label: "PERSON" },
            Mention { start: t, end: t + 4, label: "ORG" },
            Mention { start: p1, end: p1 + 6, label: "PERSON" },
            Mention { start: p2, end: p2 + 13, label: "LOC" },
        ];
        build(&mut d);
        let names: Vec<(&str, &str, usize)> =
            d.entities.iter().map(|e| (e.id.as_str(), e.name.as_str(), e.mentions.len())).collect();
        assert_eq!(names, vec![("e1", "Peskov", 2), ("e2", "Tass", 1), ("e3", "Peskov Street", 1)]);
    }
}
