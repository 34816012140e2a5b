//! The newsgraph/1 record: one JSON object per document
//! (`docs/record-format.md`, `docs/record.schema.json`).
//!
//! The annotation types below are stored in a [`crate::Doc`] with byte
//! offsets and converted to code points by [`crate::Doc::to_record`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub const FORMAT: &str = "newsgraph/1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub format: String,
    pub id: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    /// Where `published` came from: "metadata", "dateline", "byline", or null.
    pub published_source: Option<String>,
    pub language: String,
    pub text: String,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Event>,
    /// Input fields newsgraph does not know, kept as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Map<String, Value>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub title: String,
    pub of: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub r#type: String,
    pub mentions: Vec<TextSpan>,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub roles: Vec<Role>,
    /// Coordinates of a place (LOC) found in the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub entity: Option<String>,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub id: String,
    pub kind: String,
    pub content: Vec<Span>,
    pub text: String,
    pub cue: Option<TextSpan>,
    pub speaker: Option<Speaker>,
    /// The stored entity the statement was addressed to ("told Putin").
    pub addressee: Option<String>,
    /// The words naming the addressee, whether or not they are an entity
    /// ("told reporters", "told Putin"). Absent in records made before it.
    #[serde(default)]
    pub addressee_span: Option<TextSpan>,
    pub via: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub start: u32,
    pub end: u32,
    pub text: String,
    #[serde(rename = "type")]
    pub r#type: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub entity: Option<String>,
    pub code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub r#type: String,
    pub mode: Option<String>,
    pub cameo: String,
    /// PLOVER quad class of the type: 1 verbal cooperation, 2 material
    /// cooperation, 3 verbal conflict, 4 material conflict.
    #[serde(default)]
    pub quad_class: u8,
    /// Goldstein score of the CAMEO code (−10 … +10), null without the table.
    #[serde(default)]
    pub goldstein: Option<f64>,
    /// PLOVER contexts of the CAMEO code ("military", "economic", …).
    #[serde(default)]
    pub context: Vec<String>,
    /// Who did it: one member, or several for a compound actor ("Russia and
    /// Syria") or a reciprocal event (both sides of a meeting); empty when
    /// unknown.
    #[serde(deserialize_with = "members")]
    pub actor: Vec<ActorRef>,
    /// To whom: its members, or empty.
    #[serde(deserialize_with = "members")]
    pub recipient: Vec<ActorRef>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub modality: String,
    pub source: Option<String>,
    pub quote: Option<String>,
    pub evidence: Span,
    pub sentence: u32,
}

/// An actor or recipient as a list of members; records written before
/// members were lists have one object or null, read as one member or none.
fn members<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ActorRef>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Members {
        List(Vec<ActorRef>),
        One(ActorRef),
    }
    Ok(match Option::<Members>::deserialize(d)? {
        None => Vec::new(),
        Some(Members::List(v)) => v,
        Some(Members::One(a)) => vec![a],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_lists_and_records_written_before_them() {
        let event = |actor: &str| {
            format!(
                r#"{{"id":"v1","type":"CONSULT","mode":null,"cameo":"040","actor":{actor},"recipient":null,"date":null,
                    "place":null,"modality":"asserted","source":null,"quote":null,"evidence":{{"start":0,"end":3}},"sentence":0}}"#
            )
        };
        let one: Event = serde_json::from_str(&event(r#"{"entity":"e1","code":"RUS"}"#)).unwrap();
        assert_eq!(one.actor, vec![ActorRef { entity: Some("e1".into()), code: Some("RUS".into()) }]);
        assert!(one.recipient.is_empty());
        assert_eq!((one.quad_class, one.goldstein, one.context.len()), (0, None, 0), "fields added later default");
        let two: Event = serde_json::from_str(&event(r#"[{"entity":"e1","code":"RUS"},{"entity":null,"code":"SYR"}]"#)).unwrap();
        assert_eq!(two.actor.len(), 2);
        assert!(serde_json::from_str::<Event>(&event("7")).is_err());
        // Written as lists.
        let back: Value = serde_json::to_value(&two).unwrap();
        assert_eq!(back["actor"][1]["code"], "SYR");
        assert_eq!(back["recipient"], serde_json::json!([]));
    }
}
