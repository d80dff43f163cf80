//! The typed reading of a format v1 document: interactions, which are nearly
//! all of a large document, go straight from the text into records, without
//! a tree of every value and with their strings borrowed from the text.
//!
//! It takes only what the general reader ([`super::json`]) would take without
//! a problem: a wrong type, an unknown field, a repeated key, a `null`, a bad
//! word or date, and the document is read again through the tree, which
//! names every problem and its place. Both end in the same checks.

use std::borrow::Cow;

use serde::de::{Error as _, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::json::{check_records, decode_actor, decode_head, decode_initiative, Reader, Records};
use crate::error::Result;
use crate::model::{Interaction, InteractionKind, Outcome};
use crate::time::Moment;

/// A document as the typed reader takes it: the small parts as values, for
/// the general reader's code to read, and the interactions typed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    #[serde(default, deserialize_with = "given")]
    format: Option<Value>,
    #[serde(default, deserialize_with = "given")]
    version: Option<Value>,
    #[serde(default, deserialize_with = "given")]
    meta: Option<Value>,
    #[serde(default, deserialize_with = "given")]
    actors: Option<Vec<Value>>,
    #[serde(default)]
    interactions: Interactions,
    #[serde(default, deserialize_with = "given")]
    initiatives: Option<Vec<Value>>,
}

/// The interactions, each made as soon as it is read, so that the written
/// form of only one is held at a time.
#[derive(Default)]
struct Interactions(Vec<Interaction>);

impl<'de> Deserialize<'de> for Interactions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Interactions;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of interactions")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Interactions, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(record) = seq.next_element::<Record<'de>>()? {
                    // The message is never shown: the general reader takes over.
                    let x = record
                        .interaction()
                        .ok_or_else(|| A::Error::custom("for the general reader"))?;
                    out.push(x);
                }
                Ok(Interactions(out))
            }
        }
        d.deserialize_seq(Each)
    }
}

/// A string of the document, borrowed when it has no escapes.
#[derive(Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

/// One interaction as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record<'a> {
    #[serde(default, borrow, deserialize_with = "given")]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    at: Text<'a>,
    #[serde(borrow)]
    participants: Vec<Text<'a>>,
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(default, borrow, deserialize_with = "given")]
    initiator: Option<Text<'a>>,
    #[serde(default, deserialize_with = "given")]
    formal: Option<bool>,
    #[serde(default, borrow, deserialize_with = "given")]
    outcome: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "given")]
    answered_at: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "given")]
    answered_by: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "given")]
    initiative: Option<Text<'a>>,
    #[serde(default, borrow, deserialize_with = "given")]
    note: Option<Text<'a>>,
}

/// An optional field that, when written, holds a `T`: `null` is not one
/// (the general reader reports it as a value of the wrong type).
fn given<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// An id: any string but the empty one.
fn id(t: Text) -> Option<String> {
    (!t.0.is_empty()).then(|| t.0.into_owned())
}

/// An optional id: `Some(None)` when absent, `None` when written wrong.
fn optional_id(t: Option<Text>) -> Option<Option<String>> {
    match t {
        Some(t) => id(t).map(Some),
        None => Some(None),
    }
}

fn optional_moment(t: Option<Text>) -> Option<Option<Moment>> {
    match t {
        Some(t) => Moment::parse(&t.0).ok().map(Some),
        None => Some(None),
    }
}

impl Record<'_> {
    /// The interaction, or `None` where the general reader would find a
    /// problem.
    fn interaction(self) -> Option<Interaction> {
        let at = Moment::parse(&self.at.0).ok()?;
        let participants = self
            .participants
            .into_iter()
            .map(id)
            .collect::<Option<Vec<_>>>()?;
        let kind = InteractionKind::from_word(&self.kind.0)?;
        let outcome = match self.outcome {
            Some(t) => Some(Outcome::from_word(&t.0)?),
            None => None,
        };
        let mut x = Interaction::new(at, participants, kind);
        x.id = optional_id(self.id)?;
        x.initiator = optional_id(self.initiator)?;
        x.formal_written = self.formal;
        x.outcome_written = outcome;
        x.answered_at = optional_moment(self.answered_at)?;
        x.answered_by = optional_id(self.answered_by)?;
        x.initiative = optional_id(self.initiative)?;
        x.note = self.note.map(|t| t.0.into_owned());
        Some(x)
    }
}

/// The records of a document, checked; `None` when the typed reader cannot
/// take it and the general reader must.
pub(super) fn read(text: &str) -> Option<Result<Records>> {
    let doc: Document = serde_json::from_str(text).ok()?;
    let mut top = Map::new();
    for (field, value) in [
        ("format", doc.format),
        ("version", doc.version),
        ("meta", doc.meta),
    ] {
        if let Some(v) = value {
            top.insert(field.to_owned(), v);
        }
    }
    let mut r = Reader::default();
    let (meta, scoring) = match decode_head(&mut r, &top) {
        Ok(head) => head,
        Err(e) => return Some(Err(e)),
    };
    let actors: Vec<_> = doc
        .actors?
        .iter()
        .enumerate()
        .map(|(i, v)| decode_actor(&mut r, v, &format!("actors[{i}]")))
        .collect();
    let initiatives: Vec<_> = doc
        .initiatives
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, v)| decode_initiative(&mut r, v, &format!("initiatives[{i}]")))
        .collect();
    if !r.problems.is_empty() {
        return None;
    }
    let interactions = doc.interactions.0.into_iter().map(Some).collect();
    Some(check_records(
        r,
        meta,
        scoring,
        actors,
        interactions,
        initiatives,
    ))
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::format::json::decode;
    use proptest::prelude::*;
    use serde_json::Value;

    /// The typed reader's answer, as text: `None` when it hands over.
    fn typed(text: &str) -> Option<String> {
        read(text).map(|r| match r {
            Ok(records) => records.build().to_json(),
            Err(e) => format!("{e:?}"),
        })
    }

    /// The general reader's answer for the same text.
    fn general(text: &str) -> String {
        let value: Value = serde_json::from_str(text).expect("JSON");
        match decode(&value) {
            Ok(net) => net.to_json(),
            Err(e) => format!("{e:?}"),
        }
    }

    fn small() -> String {
        let config = crate::generate::GeneratorConfig {
            actors: 40,
            ties: 120,
            interactions: 400,
            ..Default::default()
        };
        crate::Network::generate(&config)
            .expect("a network")
            .to_json()
    }

    #[test]
    fn valid_documents_are_read_typed_as_the_tree_reads_them() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data");
        let mut texts = vec![small()];
        for name in ["skovlund.json", "egebaek.json"] {
            texts.push(std::fs::read_to_string(format!("{examples}/{name}")).expect("example"));
        }
        for text in texts {
            let got = typed(&text).expect("taken by the typed reader");
            assert_eq!(got, general(&text));
        }
    }

    #[test]
    fn what_the_typed_reader_cannot_take_goes_to_the_tree() {
        let text = small();
        let first = "\"interactions\": [\n    {";
        assert!(text.contains(first));
        let with = |field: &str| text.replacen(first, &format!("{first}\n      {field},"), 1);
        // Each of these is a problem (or a reading) only the tree can place.
        for field in [
            r#""note": null"#,
            r#""id": """#,
            r#""colour": "red""#,
            r#""formal": "yes""#,
            r#""outcome": "splendid""#,
            r#""answered_at": "yesterday""#,
            r#""at": "2024-01-01""#,
        ] {
            assert_eq!(typed(&with(field)), None, "{field}");
        }
        // Escaped strings and problems of the records together are the
        // typed reader's own, and must come out as the tree's.
        for field in [
            r#""note": "\"quoted\"\n\u00e6""#,
            r#""initiative": "no-such""#,
        ] {
            let doc = with(field);
            assert_eq!(typed(&doc).expect("taken"), general(&doc), "{field}");
        }
        let newer = text.replacen("\"version\": 1", "\"version\": 2", 1);
        assert_eq!(typed(&newer).expect("taken"), general(&newer));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Any value in any field of an interaction: the typed reader
        /// either hands the document over or answers as the tree does.
        #[test]
        fn typed_and_tree_agree_on_any_value_of_an_interaction(
            record in 0usize..20,
            field in prop::sample::select(vec![
                "id", "at", "participants", "kind", "initiator", "formal", "outcome",
                "answered_at", "answered_by", "initiative", "note", "extra",
            ]),
            value in prop::sample::select(vec![
                "null", "true", "1", "\"\"", "\"x\"", "[]", "{}", "[\"a1\", \"a2\"]",
                "\"2024-02-30\"", "\"2024-03-01T10:00:00+01:00\"", "\"request\"", "\"negative\"",
                "\"a1\"", "\"\\u0061\\u0031\"",
            ]),
        ) {
            let text = small();
            let mut doc: Value = serde_json::from_str(&text).expect("JSON");
            if let Some(x) = doc["interactions"].get_mut(record).and_then(Value::as_object_mut) {
                x.insert(field.to_owned(), serde_json::from_str(value).expect("a value"));
            }
            let text = serde_json::to_string_pretty(&doc).expect("text");
            if let Some(got) = typed(&text) {
                prop_assert_eq!(got, general(&text));
            }
        }
    }
}
