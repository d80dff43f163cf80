//! The typed reading of a format v1 document: interactions, which are nearly
//! all of a large document, go straight from the text into the network as
//! they are read, without a tree of every value, without a list of every
//! record, and with their strings borrowed from the text (or, read from a
//! file as it goes, copied one record at a time). A load then holds little
//! more than the text, or none of it, and the network it makes.
//!
//! It takes only what the general reader ([`super::json`]) would take without
//! a problem, and only documents that give their actors before their
//! interactions (as every document samskab writes does): a wrong type, an
//! unknown field, a repeated key, a `null`, a bad word or date, a broken
//! rule, and the document is read again through the tree, which names every
//! problem and its place. Both apply the same rules.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::checked::Checked;
use super::json::{check_records, decode_actor, decode_head, decode_initiative, Reader};
use crate::error::{Problem, Result};
use crate::model::validate::{self, Ids};
use crate::model::{Interaction, InteractionKind, Network, NetworkIds, Outcome};
use crate::time::Moment;

/// The message of every error the typed reader raises: it is never shown,
/// the general reader takes over.
const HAND_OVER: &str = "for the general reader";

/// What the document has given so far, the network among it once the actors
/// are known.
#[derive(Default)]
struct Reading {
    head: Map<String, Value>,
    actors: Option<Vec<Value>>,
    initiatives: Option<Vec<Value>>,
    /// Built from the actors when the interactions begin (or at the end).
    net: Option<Network>,
    /// Initiatives the interactions name: they come after the interactions,
    /// so are checked at the end.
    named: HashSet<String>,
}

impl Reading {
    /// The network of the actors read, or `None` if they break a rule or
    /// none were given.
    fn start(&mut self) -> Option<&mut Network> {
        if self.net.is_none() {
            let values = self.actors.as_ref()?;
            let mut r = Reader::default();
            let actors: Vec<_> = values
                .iter()
                .enumerate()
                .map(|(i, v)| decode_actor(&mut r, v, &format!("actors[{i}]")))
                .collect();
            if !r.problems.is_empty() {
                return None;
            }
            // The actors' rules (unique ids, references, membership cycles)
            // are those of a document with no other records.
            let records =
                check_records(r, Default::default(), None, actors, vec![], vec![]).ok()?;
            self.net = Some(records.build());
        }
        self.net.as_mut()
    }
}

/// Every id as known: the participants' ids are looked up before the checks
/// (an unknown one hands the document over), and an interaction's
/// initiative is checked once the initiatives are read.
struct Known;

impl Ids for Known {
    fn actor(&self, _: &str) -> bool {
        true
    }
    fn initiative(&self, _: &str) -> bool {
        true
    }
}

struct Top<'r>(&'r mut Reading);

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a document")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let reading = self.0;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let field = key.0.as_ref();
            let repeated = match field {
                // Values read as Checked: a key repeated inside them hands
                // the document over, and the general reader names it.
                "format" | "version" | "meta" => reading
                    .head
                    .insert(field.to_owned(), map.next_value::<Checked>()?.0)
                    .is_some(),
                "actors" => {
                    let list: Vec<Checked> = map.next_value()?;
                    let list = list.into_iter().map(|c| c.0).collect();
                    reading.actors.replace(list).is_some()
                }
                "initiatives" => {
                    let list: Vec<Checked> = map.next_value()?;
                    let list = list.into_iter().map(|c| c.0).collect();
                    reading.initiatives.replace(list).is_some()
                }
                // The network is made when the interactions begin (and
                // reading them fails without one), so one already made
                // means the key came before.
                "interactions" => {
                    let repeated = reading.net.is_some();
                    if !repeated {
                        map.next_value_seed(Interactions(reading))?;
                    }
                    repeated
                }
                _ => true,
            };
            if repeated {
                return Err(A::Error::custom(HAND_OVER));
            }
        }
        Ok(())
    }
}

/// The interactions, each put in the network as soon as it is read, so that
/// the written form of only one is held at a time.
struct Interactions<'r>(&'r mut Reading);

impl<'de> DeserializeSeed<'de> for Interactions<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Interactions<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of interactions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let hand_over = || A::Error::custom(HAND_OVER);
        let reading = self.0;
        reading.start().ok_or_else(hand_over)?;
        let Reading {
            net: Some(net),
            named,
            ..
        } = reading
        else {
            return Err(hand_over());
        };
        // One change for the whole list: a new generation per interaction
        // would be work on the hottest loop of a load.
        let net = net.edit();
        let mut problems: Vec<Problem> = Vec::new();
        let mut nodes = Vec::new();
        let mut count: u64 = 0;
        while let Some(record) = seq.next_element::<Record<'de>>()? {
            let x = record.interaction().ok_or_else(hand_over)?;
            nodes.clear();
            for p in &x.participants {
                nodes.push(*net.actor_index().get(p.as_str()).ok_or_else(hand_over)?);
            }
            // The place is only written into a problem, and any problem
            // hands the document over to the reader that names places.
            validate::check_interaction(&x, "interactions", &Known, &mut problems);
            count += 1;
            let repeated =
                x.id.as_ref()
                    .is_some_and(|id| net.interaction_ids().contains_key(id));
            let pairs = net
                .implied_pairs()
                .saturating_add(validate::pairs_of(x.participants.len()));
            if !problems.is_empty()
                || repeated
                || count > validate::MAX_INTERACTIONS
                || pairs > validate::pair_budget(count)
            {
                return Err(hand_over());
            }
            if let Some(initiative) = &x.initiative {
                if !named.contains(initiative) {
                    named.insert(initiative.clone());
                }
            }
            net.insert_resolved(x, &nodes);
        }
        Ok(())
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

/// The network of a document, or its problems; `None` when the typed reader
/// cannot take it and the general reader must.
pub(super) fn read(text: &str) -> Option<Result<Network>> {
    read_with(serde_json::Deserializer::from_str(text))
}

/// As [`read`], from a stream read as it goes (its strings are then copied
/// one record at a time, not borrowed). `None` also when the stream fails.
pub(super) fn read_stream(stream: impl std::io::Read) -> Option<Result<Network>> {
    read_with(serde_json::Deserializer::from_reader(stream))
}

fn read_with<'de, R: serde_json::de::Read<'de>>(
    mut d: serde_json::Deserializer<R>,
) -> Option<Result<Network>> {
    let mut reading = Reading::default();
    d.deserialize_map(Top(&mut reading)).ok()?;
    d.end().ok()?;
    let mut r = Reader::default();
    let (meta, scoring) = match decode_head(&mut r, &reading.head) {
        Ok(head) => head,
        Err(e) => return Some(Err(e)),
    };
    let initiatives: Vec<_> = reading
        .initiatives
        .take()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, v)| decode_initiative(&mut r, v, &format!("initiatives[{i}]")))
        .collect::<Option<_>>()?;
    reading.start()?;
    let Reading {
        net: Some(mut net),
        named,
        ..
    } = reading
    else {
        return None;
    };
    for (i, ini) in initiatives.iter().enumerate() {
        let place = format!("initiatives[{i}]");
        validate::check_initiative(ini, &place, &NetworkIds(&net), &mut r.problems);
    }
    let ids: HashSet<&str> = initiatives.iter().map(|ini| ini.id.as_str()).collect();
    let unknown = named.iter().any(|id| !ids.contains(id.as_str()));
    if !r.problems.is_empty() || ids.len() < initiatives.len() || unknown {
        return None;
    }
    let state = net.edit();
    state.set_meta(meta, scoring?);
    for ini in initiatives {
        state.put_initiative(ini);
    }
    state.finish_load();
    Some(Ok(net))
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
            Ok(net) => net.to_json(),
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
        // Escaped strings are the typed reader's own, and must come out as
        // the tree's; a broken rule (an initiative nobody defines) is found
        // and handed over for the tree to place.
        let escaped = with(r#""note": "\"quoted\"\n\u00e6""#);
        assert_eq!(typed(&escaped).expect("taken"), general(&escaped));
        assert_eq!(typed(&with(r#""initiative": "no-such""#)), None);
        // Actors given after the interactions: the tree reads it.
        // (serde_json's maps are sorted, so the text is put together here.)
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        let reordered = format!(
            r#"{{"format": "samskab", "version": 1, "interactions": {}, "actors": {}}}"#,
            doc["interactions"], doc["actors"]
        );
        assert_eq!(typed(&reordered), None);
        let in_order = format!(
            r#"{{"format": "samskab", "version": 1, "actors": {}, "interactions": {}}}"#,
            doc["actors"], doc["interactions"]
        );
        assert!(typed(&in_order).is_some());
        // A repeated key is the tree's to judge.
        let twice = in_order.replacen(
            "\"interactions\": ",
            "\"interactions\": [], \"interactions\": ",
            1,
        );
        assert_eq!(typed(&twice), None);
        assert_eq!(general(&reordered), general(&in_order));
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
