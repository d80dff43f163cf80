//! JSON values read with one rule more than serde_json's: an object may not
//! name a key twice. serde_json keeps the last of two, so a second `actors`
//! list would silently replace the first; a document saying two things at
//! one place is refused instead, with the place.

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::fields;
use crate::error::{field_shown, Error, Problem, Result};

/// A value read as serde_json reads it, refused when an object repeats a key.
pub(super) struct Checked(pub(super) Value);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let mut path = String::new();
        d.deserialize_any(Values { path: &mut path }).map(Checked)
    }
}

/// Reads a value, keeping the place being read in `path` (`actors[3].extra`).
struct Values<'p> {
    path: &'p mut String,
}

impl<'de> DeserializeSeed<'de> for Values<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// The message of a repeated key; the key is shown as the format's field
/// names are (it could be anything in `extra`).
const REPEATED: &str = "repeats a key: an object names each key once";

impl<'de> Visitor<'de> for Values<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        let base = self.path.len();
        loop {
            self.path.truncate(base);
            let _ = std::fmt::Write::write_fmt(self.path, format_args!("[{}]", items.len()));
            match seq.next_element_seed(Values {
                path: &mut *self.path,
            })? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        self.path.truncate(base);
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        let base = self.path.len();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let place = if base == 0 {
                    "document"
                } else {
                    self.path.as_str()
                };
                return Err(A::Error::custom(format_args!(
                    "{place}\u{0}{}\u{0}{REPEATED}",
                    field_shown(
                        &key,
                        fields::ALL
                            .iter()
                            .any(|names| names.contains(&key.as_str()))
                    )
                )));
            }
            if base > 0 {
                self.path.push('.');
            }
            self.path.push_str(&key);
            let value = map.next_value_seed(Values {
                path: &mut *self.path,
            })?;
            self.path.truncate(base);
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Parses a document, refusing repeated keys with their place. Other faults
/// are the reader's syntax errors, with line and column.
pub(super) fn parse(text: &str, syntax: impl Fn(&serde_json::Error) -> Error) -> Result<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Checked::deserialize(&mut de).and_then(|v| de.end().map(|()| v.0));
    read.map_err(|e| {
        let text = e.to_string();
        let mut parts = text.splitn(3, '\u{0}');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(place), Some(key), Some(rest)) => {
                let rest = rest.split(" at line ").next().unwrap_or(rest);
                Error::Validation {
                    problems: vec![Problem::new(place, format!("{rest} ({key} twice)"))],
                }
            }
            _ => syntax(&e),
        }
    })
}
