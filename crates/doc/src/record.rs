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
    pub addressee: Option<String>,
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
    pub actor: Option<ActorRef>,
    pub recipient: Option<ActorRef>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub modality: String,
    pub source: Option<String>,
    pub quote: Option<String>,
    pub evidence: Span,
    pub sentence: u32,
}
