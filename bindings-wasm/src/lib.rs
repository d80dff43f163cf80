//! samskab for browsers and Node: a WebAssembly module built with
//! wasm-bindgen.
//!
//! It only converts: JS objects and strings in, plain JSON-compatible JS
//! objects out (serde-wasm-bindgen), and every core error to a JS `Error`
//! whose `name` is the variant, in one place ([`to_js`]).

use js_sys::{Array, Date, Error as JsError, Reflect};
use samskab::format::Column;
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

/// A JS value read as JSON, for the format's own checks.
fn json_in(value: JsValue, argument: &str) -> Res<serde_json::Value> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|_| invalid(argument, "must be a plain object of JSON values"))
}

/// An `asOf`: a `Date` or an ISO 8601 string.
fn instant(value: &JsValue, argument: &str) -> Res<Moment> {
    if let Some(d) = value.dyn_ref::<Date>() {
        if d.get_time().is_nan() {
            return Err(invalid(argument, "is an invalid Date"));
        }
        let iso: String = d.to_iso_string().into();
        return Moment::parse(&iso).map_err(to_js);
    }
    match value.as_string() {
        Some(text) => Moment::parse(&text).map_err(|_| {
            invalid(argument, "expected a Date or an ISO date (2024-03-04) or date-time (2024-03-04T09:30:00+01:00)")
        }),
        None => Err(invalid(argument, "must be a Date or an ISO string")),
    }
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
        let config = ScoringConfig::from_value(&json_in(config, "scoring")?).map_err(to_js)?;
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
    pub fn actor(&self, id: JsValue) -> Res<JsValue> {
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
        let a = Actor::from_value(&json_in(actor, "actor")?).map_err(to_js)?;
        self.inner.add_actor(a).map_err(to_js)
    }

    /// Replaces the actor with the same id.
    #[wasm_bindgen(js_name = updateActor)]
    pub fn update_actor(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ActorRecord")] actor: JsValue,
    ) -> Res<()> {
        let a = Actor::from_value(&json_in(actor, "actor")?).map_err(to_js)?;
        self.inner.update_actor(a).map_err(to_js)
    }

    /// Removes an actor nothing refers to; returns its record.
    #[wasm_bindgen(js_name = removeActor, unchecked_return_type = "ActorRecord")]
    pub fn remove_actor(&mut self, id: JsValue) -> Res<JsValue> {
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
        if let Some(n) = key_or_id.as_f64() {
            if n >= 0.0 && n.fract() == 0.0 && n < 9_007_199_254_740_992.0 {
                return Ok(InteractionKey::from_raw(n as u64));
            }
            return Err(to_js(samskab::Error::UnknownInteraction {
                id: format!("#{n}"),
            }));
        }
        let id = text(key_or_id, "interaction")?;
        self.inner
            .interaction_key(&id)
            .ok_or_else(|| to_js(samskab::Error::UnknownInteraction { id }))
    }

    /// Adds an interaction; returns its key.
    #[wasm_bindgen(js_name = addInteraction)]
    pub fn add_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InteractionRecord")] interaction: JsValue,
    ) -> Res<f64> {
        let x = Interaction::from_value(&json_in(interaction, "interaction")?).map_err(to_js)?;
        self.inner
            .add_interaction(x)
            .map(|k| k.get() as f64)
            .map_err(to_js)
    }

    /// Replaces an interaction, named by key or id.
    #[wasm_bindgen(js_name = updateInteraction)]
    pub fn update_interaction(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number | string")] key_or_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "InteractionRecord")] interaction: JsValue,
    ) -> Res<()> {
        let key = self.key(&key_or_id)?;
        let x = Interaction::from_value(&json_in(interaction, "interaction")?).map_err(to_js)?;
        self.inner.update_interaction(key, x).map_err(to_js)
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
        let i = Initiative::from_value(&json_in(initiative, "initiative")?).map_err(to_js)?;
        self.inner.add_initiative(i).map_err(to_js)
    }

    /// Replaces the initiative with the same id.
    #[wasm_bindgen(js_name = updateInitiative)]
    pub fn update_initiative(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "InitiativeRecord")] initiative: JsValue,
    ) -> Res<()> {
        let i = Initiative::from_value(&json_in(initiative, "initiative")?).map_err(to_js)?;
        self.inner.update_initiative(i).map_err(to_js)
    }

    /// Removes an initiative no interaction names; returns its record.
    #[wasm_bindgen(js_name = removeInitiative, unchecked_return_type = "InitiativeRecord")]
    pub fn remove_initiative(&mut self, id: JsValue) -> Res<JsValue> {
        let removed = self
            .inner
            .remove_initiative(&text(&id, "id")?)
            .map_err(to_js)?;
        out(&removed)
    }

    /// Erases an actor with every trace (GDPR); returns what was removed.
    #[wasm_bindgen(unchecked_return_type = "Erased")]
    pub fn erase(&mut self, id: JsValue) -> Res<JsValue> {
        let erased = self.inner.erase(&text(&id, "id")?).map_err(to_js)?;
        out(&erased)
    }

    // ----- exchange and privacy ------------------------------------------

    /// Reads the spreadsheet form from the files' text: `actors.csv` and,
    /// optionally, `interactions.csv` and `initiatives.csv`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        actors: JsValue,
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

    /// A pseudonymised copy (every id a keyed hash; names, contacts, notes dropped).
    pub fn pseudonymised(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] key: JsValue,
    ) -> Res<Network> {
        let bytes = if let Some(s) = key.as_string() {
            s.into_bytes()
        } else if key.is_instance_of::<js_sys::Uint8Array>() {
            js_sys::Uint8Array::new(&key).to_vec()
        } else {
            return Err(invalid("key", "must be a string or a Uint8Array"));
        };
        self.inner
            .pseudonymised(&bytes)
            .map(|inner| Network { inner })
            .map_err(to_js)
    }

    /// Removes every interaction before `date` (retention).
    #[wasm_bindgen(js_name = purgeBefore, unchecked_return_type = "Purged")]
    pub fn purge_before(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> Res<JsValue> {
        let day = match Moment::parse(&text(&date, "date")?).map_err(to_js)? {
            Moment::Date(d) => d,
            Moment::DateTime(_) => {
                return Err(invalid(
                    "date",
                    "must be a date (YYYY-MM-DD), not a date-time",
                ))
            }
        };
        out(&self.inner.purge_before(day))
    }

    // ----- scores --------------------------------------------------------

    /// How much `source` has reason to trust `target` as of `asOf`, with why.
    #[wasm_bindgen(unchecked_return_type = "Trust")]
    pub fn trust(
        &self,
        source: JsValue,
        target: JsValue,
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
        source: JsValue,
        target: JsValue,
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
        a: JsValue,
        b: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
    ) -> Res<JsValue> {
        let s = self
            .inner
            .tie_stats(&text(&a, "a")?, &text(&b, "b")?, instant(&as_of, "asOf")?)
            .map_err(to_js)?;
        out(&s)
    }

    /// The trust graph as of `asOf` as columns, one entry per tie between
    /// actors present then: `a` and `b` (indices into `ids`), `aTrustsB`,
    /// `bTrustsA`, `mutual`, `length` (−ln mutual, at least `minTieLength()`) and
    /// `lastContact` (ms since 1970). Typed arrays, not an object per tie: a
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
            let key = match name.as_str() {
                "a_trusts_b" => "aTrustsB",
                "b_trusts_a" => "bTrustsA",
                "last_contact" => "lastContact",
                other => other,
            };
            Reflect::set(&object, &key.into(), &value)
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
        source: JsValue,
        target: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "AsOf")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | undefined")] k: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PathOptions | undefined")] options: JsValue,
    ) -> Res<JsValue> {
        let mut o = PathOptions::default();
        if !k.is_undefined() && !k.is_null() {
            o.k = count(&k, "k")?;
        }
        if !options.is_undefined() && !options.is_null() {
            let get =
                |name: &str| Reflect::get(&options, &name.into()).unwrap_or(JsValue::UNDEFINED);
            let hops = get("maxHops");
            if !hops.is_undefined() {
                o.max_hops = count(&hops, "maxHops")?;
            }
            let min = get("minStepTrust");
            if !min.is_undefined() {
                o.min_step_trust = min
                    .as_f64()
                    .ok_or_else(|| invalid("minStepTrust", "must be a number"))?;
            }
        }
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
        #[wasm_bindgen(unchecked_param_type = "BrokerOptions | undefined")] options: JsValue,
    ) -> Res<JsValue> {
        let mut o = BrokerOptions::default();
        if !options.is_undefined() && !options.is_null() {
            let get =
                |name: &str| Reflect::get(&options, &name.into()).unwrap_or(JsValue::UNDEFINED);
            let sources = get("sources");
            if !sources.is_undefined() && !sources.is_null() {
                o.sources = Some(count(&sources, "sources")?);
            }
            let seed = get("seed");
            if !seed.is_undefined() {
                o.seed = match seed.as_f64() {
                    // Up to 2^53: every such number is a whole number in JS.
                    Some(n) if (0.0..=9_007_199_254_740_992.0).contains(&n) && n.fract() == 0.0 => {
                        n as u64
                    }
                    _ => return Err(invalid("seed", "must be a whole number of 0 or more")),
                };
            }
        }
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
        #[wasm_bindgen(unchecked_param_type = "AsOf | undefined")] earlier: JsValue,
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
        id: JsValue,
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

fn count(value: &JsValue, argument: &str) -> Res<usize> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(if n > u32::MAX as f64 {
            u32::MAX as usize
        } else {
            n as usize
        }),
        _ => Err(invalid(argument, "must be a whole number of 0 or more")),
    }
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
