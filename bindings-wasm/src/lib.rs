//! samskab for browsers and Node: a WebAssembly module built with
//! wasm-bindgen.
//!
//! It only converts: JS objects and strings in, plain JSON-compatible JS
//! objects out (serde-wasm-bindgen), and every core error to a JS `Error`
//! whose `name` is the variant, in one place ([`to_js`]).

use js_sys::{Array, Error as JsError, Reflect};
use samskab::args::KeyOrId;
use samskab::format::Column;
use samskab::privacy::PseudonymOptions;
use samskab::{
    Actor, BrokerOptions, Initiative, Interaction, InteractionKey, Moment, Network as Core,
    PathOptions, ScoringConfig,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// A core error as a JS `Error`: `name` is the variant (`ValidationError`,
/// ...), `problems` lists `{place, message}` on validation errors.
fn to_js(err: samskab::Error) -> JsValue {
    let e = JsError::new(&err.to_string());
    e.set_name(err.name());
    let problems = Array::new();
    for p in err.problems() {
        let item = js_sys::Object::new();
        let _ = Reflect::set(&item, &"place".into(), &p.place.as_str().into());
        let _ = Reflect::set(&item, &"message".into(), &p.message.as_str().into());
        problems.push(&item);
    }
    let _ = Reflect::set(&e, &"problems".into(), &problems);
    e.into()
}

fn invalid(argument: &str, message: &str) -> JsValue {
    to_js(samskab::Error::InvalidArgument {
        argument: argument.to_owned(),
        message: message.to_owned(),
    })
}

type Res<T> = Result<T, JsValue>;

/// Plain, JSON-compatible JS values: maps as objects, numbers as numbers.
fn out<T: Serialize>(value: &T) -> Res<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| invalid("result", &e.to_string()))
}

/// A JS value as JSON text, written by the host's `JSON.stringify`: the one
/// way an argument's own code (a getter, a Proxy's trap, `toJSON`) runs, and
/// its exceptions, cycles and depth come back here as errors instead of
/// unwinding through the module (which would leave the Network borrowed
/// for good). `None` for a value JSON cannot hold (`undefined`, a function).
fn stringify(value: &JsValue, argument: &str) -> Res<Option<String>> {
    match js_sys::JSON::stringify(value) {
        Ok(text) => Ok(text.as_string()),
        Err(_) => Err(invalid(
            argument,
            "could not be read as JSON (it throws, is cyclic or is nested too deep)",
        )),
    }
}

/// A JS value read as JSON, for the format's own checks. Its nesting is the
/// core's to limit; the reader's own limit (128 levels) keeps the stack safe.
fn json_in(value: &JsValue, argument: &str) -> Res<serde_json::Value> {
    let text = stringify(value, argument)?
        .ok_or_else(|| invalid(argument, "must be a plain object of JSON values"))?;
    serde_json::from_str(&text).map_err(|_| {
        // JSON.stringify wrote it, so only its depth can fail the reader.
        to_js(samskab::Error::Validation {
            problems: vec![samskab::Problem::new(
                argument,
                format!("is nested deeper than {} levels", samskab::MAX_NESTING),
            )],
        })
    })
}

/// A JS object read as JSON, for the changes of an update.
fn object_in(value: &JsValue, argument: &str) -> Res<serde_json::Map<String, serde_json::Value>> {
    match json_in(value, argument)? {
        serde_json::Value::Object(m) => Ok(m),
        _ => Err(invalid(argument, "must be an object")),
    }
}

/// An `asOf`: a `Date` or an ISO 8601 string. A `Date` is read through
/// `JSON.stringify` (its ISO text), so nothing of it runs outside a catch.
fn instant(value: &JsValue, argument: &str) -> Res<Moment> {
    let text = match value.as_string() {
        Some(text) => text,
        None => match stringify(value, argument)?
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        {
            Some(serde_json::Value::String(iso)) => iso,
            Some(serde_json::Value::Null) => return Err(invalid(argument, "is an invalid Date")),
            _ => return Err(invalid(argument, "must be a Date or an ISO string")),
        },
    };
    Moment::parse(&text).map_err(|_| {
        invalid(
            argument,
            "expected a Date or an ISO date (2024-03-04) or date-time (2024-03-04T09:30:00+01:00)",
        )
    })
}

/// An optional number argument: `undefined` and `null` are none; the core
/// says which numbers the call takes.
fn number(value: &JsValue, argument: &str) -> Res<Option<f64>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_f64()
        .map(Some)
        .ok_or_else(|| invalid(argument, "must be a number"))
}

/// A field of an options object, read with `Reflect.get` (which catches).
fn option_field(options: &JsValue, name: &str) -> Res<JsValue> {
    Reflect::get(options, &name.into()).map_err(|_| invalid(name, "could not be read"))
}

fn text(value: &JsValue, argument: &str) -> Res<String> {
    value
        .as_string()
        .ok_or_else(|| invalid(argument, "must be a string"))
}

#[wasm_bindgen]
extern "C" {
    /// The host's UTF-8 encoder (browsers and Node alike).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &JsValue, into: &js_sys::Uint8Array) -> EncodeResult;
    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> f64;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> f64;
}

/// A whole document's text. wasm-bindgen's own conversion copies a string's
/// ASCII characters one by one in a JavaScript loop (a fifth of a second at
/// M); the host's encoder writes them straight into the module's memory, in
/// rounds while the text has characters of more than one byte.
fn document(value: &JsValue, argument: &str) -> Res<String> {
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return Err(invalid(argument, "must be a string"));
    };
    let encoder = TextEncoder::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut rest: js_sys::JsString = text.clone();
    let mut left = text.length() as usize;
    while left > 0 {
        // At least one byte per UTF-16 unit left; a round that fills the
        // room stops at a whole character and the next gets more.
        let start = bytes.len();
        bytes.resize(start + left + 3, 0);
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        let view = js_sys::Uint8Array::new(&memory.buffer()).subarray(
            (bytes.as_ptr() as u32) + start as u32,
            (bytes.as_ptr() as u32) + bytes.len() as u32,
        );
        let done = encoder.encode_into(&rest, &view);
        let (read, written) = (done.read() as usize, done.written() as usize);
        bytes.truncate(start + written);
        if read == 0 && written == 0 {
            return Err(invalid(argument, "could not be read as text"));
        }
        left -= read.min(left);
        if left > 0 {
            rest = rest.slice(read as u32, u32::MAX);
        }
    }
    String::from_utf8(bytes).map_err(|_| invalid(argument, "must be a string"))
}

/// An optional document: `undefined` and `null` are none.
fn optional_document(value: Option<JsValue>, argument: &str) -> Res<Option<String>> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => document(&v, argument).map(Some),
        _ => Ok(None),
    }
}

/// A network of actors, ties and initiatives.
#[wasm_bindgen]
pub struct Network {
    inner: Core,
}

#[wasm_bindgen]
impl Network {
    /// An empty network.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Network {
        Network { inner: Core::new() }
    }

    /// Reads a format v1 document.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text_: JsValue) -> Res<Network> {
        let t = document(&text_, "text")?;
        Core::from_json(&t)
            .map(|inner| Network { inner })
            .map_err(to_js)
    }

    /// The network as a canonical format v1 document.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Counts of actors, interactions, ties and initiatives.
    #[wasm_bindgen(unchecked_return_type = "Counts")]
    pub fn counts(&self) -> Res<JsValue> {
        #[derive(Serialize)]
        struct Counts {
            actors: usize,
            interactions: usize,
            ties: usize,
            initiatives: usize,
        }
        out(&Counts {
            actors: self.inner.actor_count(),
            interactions: self.inner.interaction_count(),
            ties: self.inner.tie_count(),
            initiatives: self.inner.initiatives().len(),
        })
    }

    /// The document's `meta` values.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
    pub fn meta(&self) -> Res<JsValue> {
        out(self.inner.meta())
    }

    /// The scoring parameters in force.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
    pub fn scoring(&self) -> Res<JsValue> {
        out(self.inner.scoring())
    }

    /// Sets scoring parameters; fields not given keep their defaults.
    #[wasm_bindgen(js_name = setScoring)]
    pub fn set_scoring(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, number | Record<string, number>>")]
        config: JsValue,
    ) -> Res<()> {
        let config = ScoringConfig::from_value(&json_in(&config, "scoring")?).map_err(to_js)?;
        self.inner.set_scoring(config).map_err(to_js)
    }

    // ----- records -------------------------------------------------------

    /// Every actor's record, sorted by id.
    #[wasm_bindgen(unchecked_return_type = "ActorRecord[]")]
    pub fn actors(&self) -> Res<JsValue> {
        out(&self.inner.actors())
    }

    /// One actor's record, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "ActorRecord | undefined")]
    pub fn actor(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Res<JsValue> {
        match self.inner.actor(&text(&id, "id")?) {
            Some(a) => out(a),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Adds an actor (an object with the format's fields).
    #[wasm_bindgen(js_name = addActor)]
    pub fn add_actor(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ActorRecord")] actor: JsValue,
    ) -> Res<()> {
        let a = Actor::from_value(&json_in(&actor, "actor")?).map_err(to_js)?;
        self.inner.add_actor(a).map_err(to_js)
    }

    /// Changes some fields of an actor: a field given as `null` is removed,
    /// the others replace the record's (the id cannot change).
    #[wasm_bindgen(js_name = updateActor)]
    pub fn update_actor(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<ActorRecord>")] changes: JsValue,
    ) -> Res<()> {
        let id = text(&id, "id")?;
        let changes = object_in(&changes, "changes")?;
        self.inner.patch_actor(&id, &changes).map_err(to_js)
    }

    /// Removes an actor nothing refers to; returns its record.
    #[wasm_bindgen(js_name = removeActor, unchecked_return_type = "ActorRecord")]
    pub fn remove_actor(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Res<JsValue> {
        let removed = self.inner.remove_actor(&text(&id, "id")?).map_err(to_js)?;
        out(&removed)
    }

    /// Every interaction with its key, in time order.
    #[wasm_bindgen(unchecked_return_type = "Array<InteractionRecord & { key: number }>")]
    pub fn interactions(&self) -> Res<JsValue> {
        #[derive(Serialize)]
        struct Keyed {
            key: u64,
            #[serde(flatten)]
            record: Interaction,
        }
        let all: Vec<Keyed> = self
            .inner
            .interactions()
            .map(|(k, record)| Keyed {
                key: k.get(),
                record,
            })
            .collect();
        out(&all)
    }

    fn key(&self, key_or_id: &JsValue) -> Res<InteractionKey> {
        let found = match (key_or_id.as_f64(), key_or_id.as_string()) {
            (Some(n), _) => self.inner.interaction_ref(KeyOrId::Key(n)),
            (None, Some(id)) => self.inner.interaction_ref(KeyOrId::Id(&id)),
            (None, None) => {
                return Err(invalid(
                    "interaction",
                    "must be a key (number) or an id (string)",
                ))
            }
        };
        found.map_err(to_js)
    }

    /// Adds an interaction; returns its key.
    #[wasm_bindgen(js_name = addInteraction)]
    pub fn add_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InteractionRecord")] interaction: JsValue,
    ) -> Res<f64> {
        let x = Interaction::from_value(&json_in(&interaction, "interaction")?).map_err(to_js)?;
        self.inner
            .add_interaction(x)
            .map(|k| k.get() as f64)
            .map_err(to_js)
    }

    /// Changes some fields of an interaction named by key or id, as
    /// `updateActor`; its key stays.
    #[wasm_bindgen(js_name = updateInteraction)]
    pub fn update_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] key_or_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<InteractionRecord>")] changes: JsValue,
    ) -> Res<()> {
        let key = self.key(&key_or_id)?;
        let changes = object_in(&changes, "changes")?;
        let which = KeyOrId::Key(key.get() as f64);
        self.inner.patch_interaction(which, &changes).map_err(to_js)
    }

    /// Removes an interaction, named by key or id; returns its record.
    #[wasm_bindgen(js_name = removeInteraction, unchecked_return_type = "InteractionRecord")]
    pub fn remove_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] key_or_id: JsValue,
    ) -> Res<JsValue> {
        let key = self.key(&key_or_id)?;
        let removed = self.inner.remove_interaction(key).map_err(to_js)?;
        out(&removed)
    }

    /// Every initiative's record, sorted by id.
    #[wasm_bindgen(unchecked_return_type = "InitiativeRecord[]")]
    pub fn initiatives(&self) -> Res<JsValue> {
        out(&self.inner.initiatives())
    }

    /// Adds an initiative.
    #[wasm_bindgen(js_name = addInitiative)]
    pub fn add_initiative(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InitiativeRecord")] initiative: JsValue,
    ) -> Res<()> {
        let i = Initiative::from_value(&json_in(&initiative, "initiative")?).map_err(to_js)?;
        self.inner.add_initiative(i).map_err(to_js)
    }

    /// Changes some fields of an initiative, as `updateActor`.
    #[wasm_bindgen(js_name = updateInitiative)]
    pub fn update_initiative(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<InitiativeRecord>")] changes: JsValue,
    ) -> Res<()> {
        let id = text(&id, "id")?;
        let changes = object_in(&changes, "changes")?;
        self.inner.patch_initiative(&id, &changes).map_err(to_js)
    }

    /// Removes an initiative no interaction names; returns its record.
    #[wasm_bindgen(js_name = removeInitiative, unchecked_return_type = "InitiativeRecord")]
    pub fn remove_initiative(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Res<JsValue> {
        let removed = self
            .inner
            .remove_initiative(&text(&id, "id")?)
            .map_err(to_js)?;
        out(&removed)
    }

    /// Erases an actor with every trace (GDPR); returns what was removed.
    #[wasm_bindgen(unchecked_return_type = "Erased")]
    pub fn erase(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Res<JsValue> {
        let erased = self.inner.erase(&text(&id, "id")?).map_err(to_js)?;
        out(&erased)
    }

    // ----- exchange and privacy ------------------------------------------

    /// Reads the spreadsheet form from the files' text: `actors.csv` and,
    /// optionally, `interactions.csv` and `initiatives.csv`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] actors: JsValue,
        interactions: Option<js_sys::JsString>,
        initiatives: Option<js_sys::JsString>,
    ) -> Res<Network> {
        let a = document(&actors, "actors")?;
        let interactions = optional_document(interactions.map(JsValue::from), "interactions")?;
        let initiatives = optional_document(initiatives.map(JsValue::from), "initiatives")?;
        Core::from_csv_texts(&a, interactions.as_deref(), initiatives.as_deref())
            .map(|inner| Network { inner })
            .map_err(to_js)
    }

    /// Reads the spreadsheet form from the files' bytes as a file input gives
    /// them, in whichever encoding they were saved (UTF-8, UTF-16 with its
    /// mark, Windows-1252).
    #[wasm_bindgen(js_name = fromCsvBytes)]
    pub fn from_csv_bytes(
        actors: &[u8],
        interactions: Option<Vec<u8>>,
        initiatives: Option<Vec<u8>>,
    ) -> Res<Network> {
        Core::from_csv_bytes(actors, interactions.as_deref(), initiatives.as_deref())
            .map(|inner| Network { inner })
            .map_err(to_js)
    }

    /// The spreadsheet form as text, one string per file.
    #[wasm_bindgen(js_name = toCsv, unchecked_return_type = "CsvFiles")]
    pub fn to_csv(&self) -> Res<JsValue> {
        out(&self.inner.to_csv_texts().map_err(to_js)?)
    }

    /// GraphML of the network as of `asOf`.
    #[wasm_bindgen(js_name = toGraphml)]
    pub fn to_graphml(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<String> {
        Ok(self.inner.to_graphml_string(instant(&as_of, "asOf")?))
    }

    /// GEXF of the network as of `asOf`, ties' lifetimes as spells.
    #[wasm_bindgen(js_name = toGexf)]
    pub fn to_gexf(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<String> {
        Ok(self.inner.to_gexf_string(instant(&as_of, "asOf")?))
    }

    /// Cytoscape.js elements.
    #[wasm_bindgen(js_name = toCytoscape, unchecked_return_type = "CytoscapeElements")]
    pub fn to_cytoscape(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        out(&self.inner.to_cytoscape(instant(&as_of, "asOf")?))
    }

    /// A pseudonymised copy: every id the full HMAC-SHA256 of it under `key`;
    /// names, contacts, notes, descriptions, `extra` and `meta` dropped; by
    /// default time kept to the day, rare kinds generalised and areas, tags
    /// and outcome labels dropped (see `PseudonymOptions`).
    pub fn pseudonymised(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PseudonymOptions")] options: JsValue,
    ) -> Res<Network> {
        let (mut time, mut kinds, mut areas, mut tags, mut labels) = (None, None, None, None, None);
        if !options.is_undefined() && !options.is_null() {
            let flag = |name: &str, argument: &str| -> Res<Option<bool>> {
                let v = option_field(&options, name)?;
                if v.is_undefined() || v.is_null() {
                    return Ok(None);
                }
                v.as_bool()
                    .map(Some)
                    .ok_or_else(|| invalid(argument, "must be true or false"))
            };
            let t = option_field(&options, "time")?;
            if !t.is_undefined() && !t.is_null() {
                time = Some(text(&t, "time")?);
            }
            kinds = number(&option_field(&options, "minKindCount")?, "min_kind_count")?;
            areas = flag("keepAreas", "keep_areas")?;
            tags = flag("keepTags", "keep_tags")?;
            labels = flag("keepOutcomeLabels", "keep_outcome_labels")?;
        }
        let options = PseudonymOptions::from_args(time.as_deref(), kinds, areas, tags, labels)
            .map_err(to_js)?;
        // A typed array is told by its internal slots (isView) and its tag,
        // read with Reflect.get, which catches: nothing of a Proxy runs
        // outside a catch.
        let is_bytes = || {
            js_sys::ArrayBuffer::is_view(&key)
                && Reflect::get(&key, &js_sys::Symbol::to_string_tag())
                    .ok()
                    .and_then(|tag| tag.as_string())
                    .is_some_and(|tag| tag == "Uint8Array")
        };
        let bytes = if let Some(s) = key.as_string() {
            s.into_bytes()
        } else if is_bytes() {
            js_sys::Uint8Array::new(&key).to_vec()
        } else {
            return Err(invalid("key", "must be a string or a Uint8Array"));
        };
        self.inner
            .pseudonymised_with(&bytes, &options)
            .map(|inner| Network { inner })
            .map_err(to_js)
    }

    /// How easily actors could be told apart by what a pseudonymised copy
    /// keeps: run it on the copy before sharing it.
    #[wasm_bindgen(js_name = reidentificationRisk, unchecked_return_type = "ReidentificationRisk")]
    pub fn reidentification_risk(&self) -> Res<JsValue> {
        out(&self.inner.reidentification_risk())
    }

    /// Where an actor's id or name appears in free text that `erase` does
    /// not remove, for review before erasing.
    #[wasm_bindgen(unchecked_return_type = "Mention[]")]
    pub fn mentions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Res<JsValue> {
        out(&self.inner.mentions(&text(&id, "id")?).map_err(to_js)?)
    }

    /// Removes every interaction before `date` (retention).
    #[wasm_bindgen(js_name = purgeBefore, unchecked_return_type = "Purged")]
    pub fn purge_before(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] date: JsValue,
    ) -> Res<JsValue> {
        // A Date is an instant; one at midnight UTC is that day, as a
        // date-only string is (any other instant is refused as the core
        // refuses a date-time).
        let day = match date.as_string() {
            Some(text) => text,
            None => {
                let iso = instant(&date, "date")?.to_string();
                match iso.strip_suffix("T00:00:00Z") {
                    Some(day) => day.to_owned(),
                    None => iso,
                }
            }
        };
        let purged = self.inner.purge_before_text(&day).map_err(to_js)?;
        out(&purged)
    }

    // ----- scores --------------------------------------------------------

    /// How much `source` has reason to trust `target` as of `asOf`, with why.
    #[wasm_bindgen(unchecked_return_type = "Trust")]
    pub fn trust(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] target: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        let t = self
            .inner
            .trust(
                &text(&source, "source")?,
                &text(&target, "target")?,
                instant(&as_of, "asOf")?,
            )
            .map_err(to_js)?;
        out(&t)
    }

    /// The trust value alone.
    #[wasm_bindgen(js_name = trustValue)]
    pub fn trust_value(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] target: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<f64> {
        self.inner
            .trust_value(
                &text(&source, "source")?,
                &text(&target, "target")?,
                instant(&as_of, "asOf")?,
            )
            .map_err(to_js)
    }

    /// The facts of the tie between `a` and `b`.
    #[wasm_bindgen(js_name = tieStats, unchecked_return_type = "TieStats")]
    pub fn tie_stats(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        let s = self
            .inner
            .tie_stats(&text(&a, "a")?, &text(&b, "b")?, instant(&as_of, "asOf")?)
            .map_err(to_js)?;
        out(&s)
    }

    /// The trust graph as of `asOf` as columns, one entry per tie between
    /// actors present then: `a` and `b` (indices into `ids`), `a_trusts_b`,
    /// `b_trusts_a`, `mutual`, `length` (−ln mutual, at least `minTieLength()`) and
    /// `last_contact` (ms since 1970). Typed arrays, not an object per tie: a
    /// municipality has a hundred thousand ties.
    #[wasm_bindgen(js_name = trustEdges, unchecked_return_type = "TrustEdges")]
    pub fn trust_edges(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        let table = self.inner.trust_edges(instant(&as_of, "asOf")?);
        let object = js_sys::Object::new();
        let mut ids_set = false;
        for (name, column) in &table.columns {
            let value: JsValue = match column {
                Column::Category { codes, categories } => {
                    // Both ends share one list of ids, the actors present:
                    // made once, as a string each.
                    if !ids_set {
                        let ids: Array = categories.iter().map(|s| JsValue::from_str(s)).collect();
                        Reflect::set(&object, &"ids".into(), &ids)
                            .map_err(|_| invalid("asOf", "could not build the result"))?;
                        ids_set = true;
                    }
                    js_sys::Uint32Array::from(codes.as_slice()).into()
                }
                Column::Float(v) => js_sys::Float64Array::from(v.as_slice()).into(),
                Column::Time(v) => {
                    let ms: Vec<f64> = v.iter().map(|&t| t as f64).collect();
                    js_sys::Float64Array::from(ms.as_slice()).into()
                }
                _ => JsValue::UNDEFINED,
            };
            Reflect::set(&object, &name.as_str().into(), &value)
                .map_err(|_| invalid("asOf", "could not build the result"))?;
        }
        Ok(object.into())
    }

    /// The facts of every tie with contact by `asOf`.
    #[wasm_bindgen(unchecked_return_type = "TieStats[]")]
    pub fn ties(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        out(&self.inner.ties(instant(&as_of, "asOf")?))
    }

    // ----- analyses ------------------------------------------------------

    /// The `k` most trusted chains of introductions from `source` to `target`.
    #[wasm_bindgen(unchecked_return_type = "WayIn[]")]
    pub fn paths(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] target: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] k: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PathOptions")] options: JsValue,
    ) -> Res<JsValue> {
        let (mut hops, mut min) = (None, None);
        if !options.is_undefined() && !options.is_null() {
            hops = number(&option_field(&options, "maxHops")?, "max_hops")?;
            min = number(&option_field(&options, "minStepTrust")?, "min_step_trust")?;
        }
        let o = PathOptions::from_args(number(&k, "k")?, hops, min).map_err(to_js)?;
        let p = self
            .inner
            .paths_with(
                &text(&source, "source")?,
                &text(&target, "target")?,
                instant(&as_of, "asOf")?,
                &o,
            )
            .map_err(to_js)?;
        out(&p)
    }

    /// Actors whose leaving would cut others off from the municipality.
    #[wasm_bindgen(js_name = keyPeople, unchecked_return_type = "KeyPerson[]")]
    pub fn key_people(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        out(&self.inner.key_people(instant(&as_of, "asOf")?))
    }

    /// Ties that were strong and are going cold.
    #[wasm_bindgen(unchecked_return_type = "ColdTie[]")]
    pub fn neglected(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        out(&self.inner.neglected(instant(&as_of, "asOf")?))
    }

    /// Coverage of every community and organisation.
    #[wasm_bindgen(unchecked_return_type = "Coverage[]")]
    pub fn coverage(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        out(&self.inner.coverage(instant(&as_of, "asOf")?))
    }

    /// Betweenness on the trust graph and bridging ties across sectors.
    #[wasm_bindgen(unchecked_return_type = "Broker[]")]
    pub fn brokers(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "BrokerOptions")] options: JsValue,
    ) -> Res<JsValue> {
        let (mut sources, mut seed) = (None, None);
        if !options.is_undefined() && !options.is_null() {
            sources = number(&option_field(&options, "sources")?, "sources")?;
            seed = number(&option_field(&options, "seed")?, "seed")?;
        }
        let o = BrokerOptions::from_args(sources, seed).map_err(to_js)?;
        out(&self
            .inner
            .brokers_with(instant(&as_of, "asOf")?, &o)
            .map_err(to_js)?)
    }

    /// The internal cross-unit view, compared with `earlier` (default: a year before).
    #[wasm_bindgen(js_name = crossUnit, unchecked_return_type = "CrossUnit")]
    pub fn cross_unit(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AsOf")] earlier: JsValue,
    ) -> Res<JsValue> {
        let as_of = instant(&as_of, "asOf")?;
        let view = if earlier.is_undefined() || earlier.is_null() {
            self.inner.cross_unit(as_of)
        } else {
            self.inner
                .cross_unit_between(instant(&earlier, "earlier")?, as_of)
        };
        out(&view)
    }

    /// The health of one initiative.
    #[wasm_bindgen(js_name = initiativeHealth, unchecked_return_type = "InitiativeHealth")]
    pub fn initiative_health(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        let h = self
            .inner
            .initiative_health(&text(&id, "id")?, instant(&as_of, "asOf")?)
            .map_err(to_js)?;
        out(&h)
    }

    /// The value report for `[start, end)` beside the period before it.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsOf")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AsOf")] end: JsValue,
    ) -> Res<JsValue> {
        let r = self
            .inner
            .report(instant(&start, "start")?, instant(&end, "end")?)
            .map_err(to_js)?;
        out(&r)
    }

    /// The value report as plain text, `"da"` (Danish) or `"en"` (English).
    #[wasm_bindgen(js_name = reportText)]
    pub fn report_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AsOf")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AsOf")] end: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"da\" | \"en\"")] lang: JsValue,
    ) -> Res<String> {
        let r = self
            .inner
            .report(instant(&start, "start")?, instant(&end, "end")?)
            .map_err(to_js)?;
        r.to_text(&text(&lang, "lang")?).map_err(to_js)
    }
}

impl Default for Network {
    fn default() -> Self {
        Network::new()
    }
}

/// Whether `value` is an error samskab threw: an object whose `name` is one
/// of the core's error names and that carries `problems`. Read with
/// `Reflect.get`, which catches, so any value is safe to ask about. Typed as
/// a guard in the custom TypeScript section.
#[wasm_bindgen(js_name = isSamskabError, skip_typescript)]
pub fn is_samskab_error(value: &JsValue) -> bool {
    if !value.is_object() {
        return false;
    }
    let name = Reflect::get(value, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    let problems = Reflect::get(value, &"problems".into()).ok();
    name.is_some_and(|n| samskab::Error::NAMES.contains(&n.as_str()))
        && problems.is_some_and(|p| Array::is_array(&p))
}

/// The version of the samskab core in this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The shortest a tie can be in the trust graph (a tie's `length` in
/// `trustEdges`, and what `brokers` measures routes with): −ln of its mutual
/// trust, but never below this.
#[wasm_bindgen(js_name = minTieLength)]
pub fn min_tie_length() -> f64 {
    samskab::analysis::MIN_TIE_LENGTH
}
