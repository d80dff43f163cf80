//! Format v1 as JSON: reading with every problem located, canonical writing,
//! and atomic saving.
//!
//! A valid document is read by the typed reader (`format/typed.rs`); any
//! other goes through a `serde_json::Value` so that one pass can report
//! every problem of a document (serde's derived readers stop at the first)
//! and name the place of each one.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{
    ACTOR_FIELDS, CONTACT_FIELDS, DELIVERED_FIELDS, DOCUMENT_FIELDS, INITIATIVE_FIELDS,
    INTERACTION_FIELDS, PARTICIPANT_FIELDS,
};
use crate::error::{field_shown, shown, Error, Problem, Result};
use crate::model::validate::{self, Ids};
use crate::model::ScoringConfig;
use crate::model::{
    Actor, ActorKind, Contact, Delivered, Extra, Initiative, InitiativeStatus, Interaction,
    InteractionKind, Network, Outcome, Participant, Role, Sector,
};
use crate::time::{parse_date, Moment};

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Reads a format v1 document through a tree of JSON values, naming every
/// problem and its place. See [`Network::from_json`].
pub(crate) fn from_tree(text: &str) -> Result<Network> {
    let value: Value = super::checked::parse(text, |e| Error::Parse {
        line: e.line(),
        column: e.column(),
        message: syntax_message(e),
    })?;
    let records = decode_records(&value)?;
    // The parsed tree goes before the network is built, so the network's
    // memory is not scattered among its remains.
    drop(value);
    Ok(records.build())
}

/// serde_json's message without its " at line L column C" tail (the error
/// carries those as numbers). Syntax messages never quote the input.
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// Collects problems while walking a document.
#[derive(Default)]
pub(super) struct Reader {
    pub(super) problems: Vec<Problem>,
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Edit distance for "did you mean" hints on field names, counting a swap
/// of two neighbouring letters as one edit (optimal string alignment), in
/// three rows: memory in the length of `b` alone.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last[b.len()]
}

/// The longest field name a hint is looked for: no known name is longer
/// than 20 letters, so a longer key is no typo of one, and its distance
/// would cost time in its length.
const HINT_MAX_CHARS: usize = 40;

/// The nearest known name to `field`, if it is near enough to be a typo.
pub(crate) fn nearest<'a>(field: &str, known: &[&'a str]) -> Option<&'a str> {
    if field.chars().take(HINT_MAX_CHARS + 1).count() > HINT_MAX_CHARS {
        return None;
    }
    known
        .iter()
        .map(|k| (distance(field, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

impl Reader {
    fn problem(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(place, message));
    }

    fn object<'v>(&mut self, v: &'v Value, place: &str) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.problem(
                    place,
                    format!("expected an object, found {}", json_type(other)),
                );
                None
            }
        }
    }

    fn known_fields(&mut self, obj: &Map<String, Value>, known: &[&str], place: &str) {
        for key in obj.keys() {
            if !known.contains(&key.as_str()) {
                let near = nearest(key, known);
                let hint = near
                    .map(|k| format!(" (did you mean {k:?}?)"))
                    .unwrap_or_default();
                let key = field_shown(key, near.is_some());
                self.problem(place, format!("unknown field {key}{hint}"));
            }
        }
    }

    fn required<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        field: &str,
        place: &str,
    ) -> Option<&'v Value> {
        let v = obj.get(field);
        if v.is_none() {
            self.problem(place, format!("missing required field {field:?}"));
        }
        v
    }

    fn string(&mut self, v: &Value, place: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.problem(
                    place,
                    format!("expected a string, found {}", json_type(other)),
                );
                None
            }
        }
    }

    fn id(&mut self, v: &Value, place: &str) -> Option<String> {
        let s = self.string(v, place)?;
        if s.is_empty() {
            self.problem(place, "must not be empty");
            return None;
        }
        Some(s)
    }

    fn boolean(&mut self, v: &Value, place: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.problem(
                    place,
                    format!("expected true or false, found {}", json_type(other)),
                );
                None
            }
        }
    }

    fn number(&mut self, v: &Value, place: &str) -> Option<f64> {
        match v.as_f64() {
            Some(n) if v.is_number() => Some(n),
            _ => {
                self.problem(place, format!("expected a number, found {}", json_type(v)));
                None
            }
        }
    }

    fn word<T>(
        &mut self,
        v: &Value,
        place: &str,
        parse: fn(&str) -> Option<T>,
        allowed: fn() -> String,
    ) -> Option<T> {
        let s = self.string(v, place)?;
        let found = parse(&s);
        if found.is_none() {
            // The word itself is not echoed: a value in a closed field may be anything.
            self.problem(place, format!("expected one of {}", allowed()));
        }
        found
    }

    fn strings(&mut self, v: &Value, place: &str, ids: bool) -> Option<Vec<String>> {
        let Value::Array(items) = v else {
            self.problem(place, format!("expected an array, found {}", json_type(v)));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let at = format!("{place}[{i}]");
            let got = if ids {
                self.id(item, &at)
            } else {
                self.string(item, &at)
            };
            match got {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn date(&mut self, v: &Value, place: &str) -> Option<NaiveDate> {
        let s = self.string(v, place)?;
        let d = parse_date(&s);
        if d.is_none() {
            self.problem(
                place,
                "expected a date YYYY-MM-DD in the years 1000 to 9998",
            );
        }
        d
    }

    fn moment(&mut self, v: &Value, place: &str) -> Option<Moment> {
        let s = self.string(v, place)?;
        let m = Moment::parse(&s).ok();
        if m.is_none() {
            self.problem(
                place,
                "expected a date YYYY-MM-DD or an RFC 3339 date-time (2024-03-04T09:30:00+01:00) \
                 in the years 1000 to 9998, without a leap second",
            );
        }
        m
    }

    fn extra(&mut self, v: &Value, place: &str) -> Option<Extra> {
        self.object(v, place).cloned()
    }

    fn array<'v>(&mut self, v: &'v Value, place: &str) -> Option<&'v [Value]> {
        match v {
            Value::Array(items) => Some(items),
            other => {
                self.problem(
                    place,
                    format!("expected an array, found {}", json_type(other)),
                );
                None
            }
        }
    }
}

/// Reads an optional field with `read`, leaving `None` when absent.
macro_rules! optional {
    ($r:expr, $obj:expr, $place:expr, $field:literal, $read:ident $(, $arg:expr)*) => {
        match $obj.get($field) {
            Some(v) => $r.$read(v, &format!("{}.{}", $place, $field) $(, $arg)*),
            None => None,
        }
    };
}

pub(super) fn decode_actor(r: &mut Reader, v: &Value, place: &str) -> Option<Actor> {
    let obj = r.object(v, place)?;
    r.known_fields(obj, ACTOR_FIELDS, place);
    let id = r
        .required(obj, "id", place)
        .and_then(|v| r.id(v, &format!("{place}.id")));
    let kind = r.required(obj, "kind", place).and_then(|v| {
        r.word(
            v,
            &format!("{place}.kind"),
            ActorKind::from_word,
            ActorKind::allowed,
        )
    });
    let name = optional!(r, obj, place, "name", string);
    let sector = optional!(
        r,
        obj,
        place,
        "sector",
        word,
        Sector::from_word,
        Sector::allowed
    );
    let member_of = optional!(r, obj, place, "member_of", strings, true);
    let contact_for = optional!(r, obj, place, "contact_for", strings, true);
    let area = optional!(r, obj, place, "area", string);
    let tags = optional!(r, obj, place, "tags", strings, false);
    let contact = obj.get("contact").and_then(|v| {
        let at = format!("{place}.contact");
        let c = r.object(v, &at)?;
        r.known_fields(c, CONTACT_FIELDS, &at);
        let contact = Contact {
            phone: optional!(r, c, at, "phone", string),
            email: optional!(r, c, at, "email", string),
        };
        // An empty object says no more than an absent one, and is written absent.
        (contact != Contact::default()).then_some(contact)
    });
    let joined = optional!(r, obj, place, "joined", date);
    let left = optional!(r, obj, place, "left", date);
    let extra = optional!(r, obj, place, "extra", extra);
    // A bad kind is reported above; the actor still counts as existing, so
    // that references to it and its other rules are checked without noise.
    let mut actor = Actor::new(id?, kind.unwrap_or(ActorKind::Other));
    actor.name = name;
    actor.sector_written = sector;
    actor.member_of = member_of.unwrap_or_default();
    actor.contact_for = contact_for.unwrap_or_default();
    actor.area = area;
    actor.tags = tags.unwrap_or_default();
    actor.contact = contact;
    actor.joined = joined;
    actor.left = left;
    actor.extra = extra.unwrap_or_default();
    Some(actor)
}

fn decode_interaction(r: &mut Reader, v: &Value, place: &str) -> Option<Interaction> {
    let obj = r.object(v, place)?;
    r.known_fields(obj, INTERACTION_FIELDS, place);
    let id = optional!(r, obj, place, "id", string);
    let at = r
        .required(obj, "at", place)
        .and_then(|v| r.moment(v, &format!("{place}.at")));
    let participants = r
        .required(obj, "participants", place)
        .and_then(|v| r.strings(v, &format!("{place}.participants"), true));
    let kind = r.required(obj, "kind", place).and_then(|v| {
        r.word(
            v,
            &format!("{place}.kind"),
            InteractionKind::from_word,
            InteractionKind::allowed,
        )
    });
    let initiator = optional!(r, obj, place, "initiator", id);
    let formal = optional!(r, obj, place, "formal", boolean);
    let outcome = optional!(
        r,
        obj,
        place,
        "outcome",
        word,
        Outcome::from_word,
        Outcome::allowed
    );
    let answered_at = optional!(r, obj, place, "answered_at", moment);
    let answered_by = optional!(r, obj, place, "answered_by", id);
    let initiative = optional!(r, obj, place, "initiative", id);
    let note = optional!(r, obj, place, "note", string);
    let mut x = Interaction::new(at?, participants?, kind?);
    x.id = id;
    x.initiator = initiator;
    x.formal_written = formal;
    x.outcome_written = outcome;
    x.answered_at = answered_at;
    x.answered_by = answered_by;
    x.initiative = initiative;
    x.note = note;
    Some(x)
}

pub(super) fn decode_initiative(r: &mut Reader, v: &Value, place: &str) -> Option<Initiative> {
    let obj = r.object(v, place)?;
    r.known_fields(obj, INITIATIVE_FIELDS, place);
    let id = r
        .required(obj, "id", place)
        .and_then(|v| r.id(v, &format!("{place}.id")));
    let name = r
        .required(obj, "name", place)
        .and_then(|v| r.string(v, &format!("{place}.name")));
    let status = r.required(obj, "status", place).and_then(|v| {
        r.word(
            v,
            &format!("{place}.status"),
            InitiativeStatus::from_word,
            InitiativeStatus::allowed,
        )
    });
    let started = optional!(r, obj, place, "started", date);
    let ended = optional!(r, obj, place, "ended", date);
    let area = optional!(r, obj, place, "area", string);
    let description = optional!(r, obj, place, "description", string);
    let extra = optional!(r, obj, place, "extra", extra);
    let mut participants = Vec::new();
    if let Some(items) = optional!(r, obj, place, "participants", array) {
        for (i, item) in items.iter().enumerate() {
            let at = format!("{place}.participants[{i}]");
            let Some(p) = r.object(item, &at) else {
                continue;
            };
            r.known_fields(p, PARTICIPANT_FIELDS, &at);
            let actor = r
                .required(p, "actor", &at)
                .and_then(|v| r.id(v, &format!("{at}.actor")));
            let role = r
                .required(p, "role", &at)
                .and_then(|v| r.word(v, &format!("{at}.role"), Role::from_word, Role::allowed));
            if let (Some(actor), Some(role)) = (actor, role) {
                participants.push(Participant { actor, role });
            }
        }
    }
    let mut outcomes = Vec::new();
    if let Some(items) = optional!(r, obj, place, "outcomes", array) {
        for (i, item) in items.iter().enumerate() {
            let at = format!("{place}.outcomes[{i}]");
            let Some(o) = r.object(item, &at) else {
                continue;
            };
            r.known_fields(o, DELIVERED_FIELDS, &at);
            let when = r
                .required(o, "at", &at)
                .and_then(|v| r.date(v, &format!("{at}.at")));
            let label = r
                .required(o, "label", &at)
                .and_then(|v| r.string(v, &format!("{at}.label")));
            let value = r
                .required(o, "value", &at)
                .and_then(|v| r.number(v, &format!("{at}.value")));
            let unit = optional!(r, o, at, "unit", string);
            if let (Some(at), Some(label), Some(value)) = (when, label, value) {
                outcomes.push(Delivered {
                    at,
                    label,
                    value,
                    unit,
                });
            }
        }
    }
    // As for actors: a bad status is reported above, the other rules still run.
    let mut ini = Initiative::new(id?, name?, status.unwrap_or(InitiativeStatus::Idea));
    ini.started = started;
    ini.ended = ended;
    ini.area = area;
    ini.participants = participants;
    ini.outcomes = outcomes;
    ini.description = description;
    ini.extra = extra.unwrap_or_default();
    Some(ini)
}

/// Reads `meta.scoring` into a config, with located problems.
pub(crate) fn decode_scoring(v: &Value, place: &str) -> Result<ScoringConfig> {
    let mut r = Reader {
        problems: Vec::new(),
    };
    let config = scoring_from(&mut r, v, place);
    Error::check(r.problems)?;
    config.ok_or_else(|| Error::invalid("scoring", "could not be read"))
}

fn scoring_from(r: &mut Reader, v: &Value, place: &str) -> Option<ScoringConfig> {
    let obj = r.object(v, place)?;
    // Check names first, so that a typo is reported with its place and the nearest name.
    let defaults = serde_json::to_value(ScoringConfig::default()).ok()?;
    let Value::Object(default_obj) = &defaults else {
        return None;
    };
    let known: Vec<&str> = default_obj.keys().map(String::as_str).collect();
    r.known_fields(obj, &known, place);
    if let Some(Value::Object(weights)) = obj.get("kind_weights") {
        let names: Vec<&str> = InteractionKind::ALL.iter().map(|k| k.as_str()).collect();
        r.known_fields(weights, &names, &format!("{place}.kind_weights"));
    }
    let mut ok = true;
    for (key, value) in obj {
        let at = format!("{place}.{key}");
        match (key.as_str(), value) {
            ("kind_weights", Value::Object(w)) => {
                for (k, v) in w {
                    if !v.is_number() {
                        r.problem(
                            format!("{at}.{k}"),
                            format!("expected a number, found {}", json_type(v)),
                        );
                        ok = false;
                    }
                }
            }
            ("kind_weights", other) => {
                r.problem(
                    at,
                    format!("expected an object, found {}", json_type(other)),
                );
                ok = false;
            }
            (_, v) if !v.is_number() => {
                r.problem(at, format!("expected a number, found {}", json_type(v)));
                ok = false;
            }
            _ => {}
        }
    }
    if !ok || !r.problems.is_empty() {
        return None;
    }
    let config: ScoringConfig = serde_json::from_value(Value::Object(obj.clone())).ok()?;
    let problems = config.problems(place);
    let fine = problems.is_empty();
    r.problems.extend(problems);
    fine.then_some(config)
}

/// The ids of a document being read.
struct DocumentIds<'a> {
    actors: &'a HashSet<&'a str>,
    initiatives: &'a HashSet<&'a str>,
}

impl Ids for DocumentIds<'_> {
    fn actor(&self, id: &str) -> bool {
        self.actors.contains(id)
    }
    fn initiative(&self, id: &str) -> bool {
        self.initiatives.contains(id)
    }
}

/// Reads a parsed document into a network, or every problem it has.
pub(crate) fn decode(doc: &Value) -> Result<Network> {
    decode_records(doc).map(Records::build)
}

/// A document's records, each checked, ready to become a network.
pub(super) struct Records {
    meta: Extra,
    scoring: ScoringConfig,
    actors: Vec<Actor>,
    interactions: Vec<Interaction>,
    initiatives: Vec<Initiative>,
}

impl Records {
    pub(super) fn build(self) -> Network {
        let mut net = Network::new();
        let state = net.edit();
        state.set_meta(self.meta, self.scoring);
        for a in self.actors {
            state.insert_actor(a);
        }
        for ini in self.initiatives {
            state.put_initiative(ini);
        }
        state.reserve_interactions(self.interactions.len());
        for x in self.interactions {
            state.insert_interaction(x, false);
        }
        state.finish_load();
        net
    }
}

/// The document's version, format, meta and scoring config, checked;
/// `Err` only for a newer version, which stops the reading.
pub(super) fn decode_head(
    r: &mut Reader,
    top: &Map<String, Value>,
) -> Result<(Extra, Option<ScoringConfig>)> {
    // The version decides whether anything else can be understood.
    match top.get("version") {
        Some(v) => match v.as_u64() {
            Some(n) if n > FORMAT_VERSION => {
                return Err(Error::NewerVersion {
                    found: n,
                    supported: FORMAT_VERSION,
                })
            }
            Some(FORMAT_VERSION) => {}
            _ => r.problem("version", format!("expected the integer {FORMAT_VERSION}")),
        },
        None => r.problem("document", "missing required field \"version\""),
    }
    r.known_fields(top, DOCUMENT_FIELDS, "document");
    match top.get("format") {
        Some(Value::String(s)) if s == "samskab" => {}
        Some(_) => r.problem("format", "expected the string \"samskab\""),
        None => r.problem("document", "missing required field \"format\""),
    }
    let meta = optional!(r, top, "document", "meta", extra).unwrap_or_default();
    validate::check_free_form(&meta, "", "meta", &mut r.problems);
    // Places of meta are written without the "document." prefix.
    let scoring = match meta.get("scoring") {
        Some(v) => scoring_from(r, v, "meta.scoring"),
        None => Some(ScoringConfig::default()),
    };
    Ok((meta, scoring))
}

fn decode_records(doc: &Value) -> Result<Records> {
    let mut r = Reader::default();
    let Some(top) = r.object(doc, "document") else {
        return Err(Error::Validation {
            problems: r.problems,
        });
    };
    let (meta, scoring) = decode_head(&mut r, top)?;

    let list = |r: &mut Reader, field: &str, required: bool| -> &[Value] {
        match top.get(field) {
            Some(Value::Array(items)) => items,
            Some(other) => {
                r.problem(
                    field,
                    format!("expected an array, found {}", json_type(other)),
                );
                &[]
            }
            None => {
                if required {
                    r.problem("document", format!("missing required field {field:?}"));
                }
                &[]
            }
        }
    };
    let actor_values = list(&mut r, "actors", true);
    let interaction_values = list(&mut r, "interactions", false);
    let initiative_values = list(&mut r, "initiatives", false);

    let actors: Vec<Option<Actor>> = actor_values
        .iter()
        .enumerate()
        .map(|(i, v)| decode_actor(&mut r, v, &format!("actors[{i}]")))
        .collect();
    let interactions: Vec<Option<Interaction>> = interaction_values
        .iter()
        .enumerate()
        .map(|(i, v)| decode_interaction(&mut r, v, &format!("interactions[{i}]")))
        .collect();
    let initiatives: Vec<Option<Initiative>> = initiative_values
        .iter()
        .enumerate()
        .map(|(i, v)| decode_initiative(&mut r, v, &format!("initiatives[{i}]")))
        .collect();

    check_records(r, meta, scoring, actors, interactions, initiatives)
}

/// Checks decoded records together (unique ids, references, consistency)
/// with the same rules as the API, and hands them over if all hold.
pub(super) fn check_records(
    mut r: Reader,
    meta: Extra,
    scoring: Option<ScoringConfig>,
    actors: Vec<Option<Actor>>,
    interactions: Vec<Option<Interaction>>,
    initiatives: Vec<Option<Initiative>>,
) -> Result<Records> {
    // The work group meetings make is bounded before anything is checked
    // pair by pair; the first interaction past the budget is named.
    let mut pairs: u64 = 0;
    for (i, x) in interactions.iter().enumerate() {
        pairs = pairs.saturating_add(
            x.as_ref()
                .map_or(0, |x| validate::pairs_of(x.participants.len())),
        );
        let count = i as u64 + 1;
        if pairs > validate::pair_budget(count) {
            return Err(validate::over_budget(
                &format!("interactions[{i}].participants"),
                pairs,
                count,
            ));
        }
    }
    if interactions.len() as u64 > validate::MAX_INTERACTIONS {
        r.problem(
            "interactions",
            format!("more than {} interactions", validate::MAX_INTERACTIONS),
        );
    }
    // Unique ids; a duplicate is named at its second place.
    let mut actor_ids: HashSet<&str> = HashSet::new();
    let mut first_place: HashMap<&str, usize> = HashMap::new();
    for (i, a) in actors.iter().enumerate() {
        let Some(a) = a else { continue };
        if let Some(first) = first_place.get(a.id.as_str()) {
            r.problem(
                format!("actors[{i}].id"),
                format!("duplicates {} (actors[{first}])", shown(&a.id)),
            );
        } else {
            first_place.insert(&a.id, i);
            actor_ids.insert(&a.id);
        }
    }
    let mut initiative_ids: HashSet<&str> = HashSet::new();
    for (i, ini) in initiatives.iter().enumerate() {
        let Some(ini) = ini else { continue };
        if !initiative_ids.insert(&ini.id) {
            r.problem(
                format!("initiatives[{i}].id"),
                format!("duplicates {}", shown(&ini.id)),
            );
        }
    }
    let mut interaction_ids: HashSet<&str> = HashSet::new();
    for (i, x) in interactions.iter().enumerate() {
        if let Some(Some(id)) = x.as_ref().map(|x| x.id.as_deref()) {
            if !interaction_ids.insert(id) {
                r.problem(
                    format!("interactions[{i}].id"),
                    format!("duplicates {}", shown(id)),
                );
            }
        }
    }

    // References and consistency, with the same checks as the API.
    let ids = DocumentIds {
        actors: &actor_ids,
        initiatives: &initiative_ids,
    };
    for (i, a) in actors.iter().enumerate() {
        if let Some(a) = a {
            validate::check_actor(a, &format!("actors[{i}]"), &ids, &mut r.problems);
        }
    }
    let member_of: HashMap<&str, &[String]> = actors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            a.as_ref()
                .filter(|a| first_place.get(a.id.as_str()) == Some(&i))
        })
        .map(|a| (a.id.as_str(), a.member_of.as_slice()))
        .collect();
    let place_of = |id: &str| {
        first_place
            .get(id)
            .map(|i| format!("actors[{i}]"))
            .unwrap_or_else(|| "actors".to_owned())
    };
    validate::membership_cycles(&member_of, &place_of, &mut r.problems);
    // One place string, rewritten for each interaction: a load checks millions.
    let mut place = String::new();
    for (i, x) in interactions.iter().enumerate() {
        if let Some(x) = x {
            place.clear();
            let _ = write!(place, "interactions[{i}]");
            validate::check_interaction(x, &place, &ids, &mut r.problems);
        }
    }
    for (i, ini) in initiatives.iter().enumerate() {
        if let Some(ini) = ini {
            validate::check_initiative(ini, &format!("initiatives[{i}]"), &ids, &mut r.problems);
        }
    }

    if !r.problems.is_empty() {
        return Err(Error::Validation {
            problems: r.problems,
        });
    }
    Ok(Records {
        meta,
        scoring: scoring.unwrap_or_default(),
        actors: actors.into_iter().flatten().collect(),
        interactions: interactions.into_iter().flatten().collect(),
        initiatives: initiatives.into_iter().flatten().collect(),
    })
}

/// The document as written: field order of the format, records in canonical order.
#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "Map::is_empty")]
    meta: &'a Extra,
    actors: Vec<&'a Actor>,
    interactions: Interactions<'a>,
    initiatives: Vec<&'a Initiative>,
}

/// A network's interactions, written one by one as each is made from the
/// compact form, so a save never holds them all at once.
struct Interactions<'a>(&'a Network);

impl Serialize for Interactions<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.interactions().map(|(_, x)| x))
    }
}

fn document(net: &Network) -> Document<'_> {
    Document {
        format: "samskab",
        version: FORMAT_VERSION,
        meta: net.meta(),
        actors: net.actors(),
        interactions: Interactions(net),
        initiatives: net.initiatives(),
    }
}

/// Writes a network as a canonical, pretty-printed format v1 document.
pub(crate) fn to_json(net: &Network) -> String {
    // Serializing plain data with string keys into a String cannot fail;
    // should it ever, an empty document is better than a panic.
    let mut text = serde_json::to_string_pretty(&document(net)).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes what [`to_json`] makes to `out` as it is made, without the text
/// of a whole document in memory.
pub(super) fn write_json(net: &Network, out: impl Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    serde_json::to_writer_pretty(&mut out, &document(net))?;
    out.write_all(b"\n")?;
    out.flush()
}

fn record<T>(
    v: &Value,
    place: &str,
    decode: fn(&mut Reader, &Value, &str) -> Option<T>,
) -> Result<T> {
    let mut r = Reader {
        problems: Vec::new(),
    };
    let found = decode(&mut r, v, place);
    Error::check(r.problems)?;
    found.ok_or_else(|| Error::invalid(place, "could not be read"))
}

impl Actor {
    /// Reads an actor from its format v1 JSON object, with the format's
    /// rules on fields and types (references are checked when it is added
    /// to a network). Problems are placed under `actor`.
    ///
    /// ```
    /// let v = serde_json::json!({"id": "v-inge", "kind": "volunteer", "tags": ["local-champion"]});
    /// let inge = samskab::Actor::from_value(&v)?;
    /// assert_eq!(inge.tags, ["local-champion"]);
    /// let bad = serde_json::json!({"id": "v-inge", "knd": "volunteer"});
    /// assert!(samskab::Actor::from_value(&bad).is_err());
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn from_value(v: &Value) -> Result<Actor> {
        record(v, "actor", decode_actor)
    }
}

impl Interaction {
    /// Reads an interaction from its format v1 JSON object; see
    /// [`Actor::from_value`]. Problems are placed under `interaction`.
    pub fn from_value(v: &Value) -> Result<Interaction> {
        record(v, "interaction", decode_interaction)
    }
}

impl Initiative {
    /// Reads an initiative from its format v1 JSON object; see
    /// [`Actor::from_value`]. Problems are placed under `initiative`.
    pub fn from_value(v: &Value) -> Result<Initiative> {
        record(v, "initiative", decode_initiative)
    }
}

impl Network {
    /// Replaces `meta`. A `scoring` entry is checked and becomes the
    /// network's scoring config; without one, the default applies.
    pub fn set_meta(&mut self, meta: Extra) -> Result<()> {
        let mut problems = Vec::new();
        validate::check_free_form(&meta, "", "meta", &mut problems);
        Error::check(problems)?;
        let scoring = match meta.get("scoring") {
            Some(v) => decode_scoring(v, "meta.scoring")?,
            None => ScoringConfig::default(),
        };
        self.edit().set_meta(meta, scoring);
        Ok(())
    }
}

impl ScoringConfig {
    /// Reads scoring parameters as written under `meta.scoring`; fields not
    /// given keep their defaults. Problems are placed under `scoring`.
    pub fn from_value(v: &Value) -> Result<ScoringConfig> {
        decode_scoring(v, "scoring")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_field() {
        assert_eq!(
            nearest("partcipants", INTERACTION_FIELDS),
            Some("participants")
        );
        assert_eq!(nearest("knd", ACTOR_FIELDS), Some("kind"));
        assert_eq!(nearest("zzzzzzzz", ACTOR_FIELDS), None);
    }
}
