//! Arguments as the bindings receive them, read once for every language:
//! numbers as JSON numbers (`f64`), records and changes as JSON objects,
//! dates as ISO text. A binding converts its language's values to these and
//! calls one function here; every rule about what an argument may be, and
//! every error it gets, lives here, so Python and JavaScript accept and
//! refuse the same things with the same words.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::analysis::{BrokerOptions, PathOptions};
use crate::error::{Error, Result};
use crate::generate::GeneratorConfig;
use crate::model::{Actor, Initiative, Interaction, InteractionKey, Network, MAX_INTERACTIONS};
use crate::privacy::{PseudonymOptions, Purged, TimeDetail};
use crate::time::Moment;

/// The largest whole number every language holds exactly (2⁵³).
pub const MAX_WHOLE: f64 = 9_007_199_254_740_992.0;

/// The most chains or steps a way-in query is asked for: more means all.
pub const MAX_COUNT: usize = 1 << 31;

/// A whole number from 0 to 2⁵³.
pub fn whole(value: f64, argument: &str) -> Result<u64> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=MAX_WHOLE).contains(&value) {
        Ok(value as u64)
    } else {
        Err(Error::invalid(
            argument,
            "must be a whole number from 0 to 2^53",
        ))
    }
}

/// A count of at least 1; counts above [`MAX_COUNT`] mean "all" and are
/// taken as it.
pub fn count(value: f64, argument: &str) -> Result<usize> {
    // Infinity is a count (above every other: all); NaN and fractions are not.
    let whole = value.is_infinite() || value.fract() == 0.0;
    if value.is_nan() || !whole || value < 1.0 {
        return Err(Error::invalid(
            argument,
            "must be a whole number of at least 1",
        ));
    }
    Ok(if value >= MAX_COUNT as f64 {
        MAX_COUNT
    } else {
        value as usize
    })
}

impl PathOptions {
    /// Options from the bindings' arguments; a missing one keeps its default.
    ///
    /// ```
    /// use samskab::PathOptions;
    /// let o = PathOptions::from_args(Some(5.0), None, Some(0.2))?;
    /// assert_eq!((o.k, o.max_hops, o.min_step_trust), (5, 4, 0.2));
    /// assert_eq!(PathOptions::from_args(Some(1e300), None, None)?.k, 1 << 31);
    /// assert_eq!(PathOptions::from_args(Some(0.0), None, None).unwrap_err().name(), "InvalidArgumentError");
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn from_args(
        k: Option<f64>,
        max_hops: Option<f64>,
        min_step_trust: Option<f64>,
    ) -> Result<PathOptions> {
        let mut o = PathOptions::default();
        if let Some(k) = k {
            o.k = count(k, "k")?;
        }
        if let Some(hops) = max_hops {
            o.max_hops = count(hops, "max_hops")?;
        }
        if let Some(min) = min_step_trust {
            if !(0.0..=1.0).contains(&min) {
                return Err(Error::invalid("min_step_trust", "must be between 0 and 1"));
            }
            o.min_step_trust = min;
        }
        Ok(o)
    }
}

impl BrokerOptions {
    /// Options from the bindings' arguments: `sources` a count (more than
    /// the actors means all of them), `seed` a whole number to 2⁵³.
    pub fn from_args(sources: Option<f64>, seed: Option<f64>) -> Result<BrokerOptions> {
        Ok(BrokerOptions {
            sources: sources.map(|s| count(s, "sources")).transpose()?,
            seed: seed.map(|s| whole(s, "seed")).transpose()?.unwrap_or(0),
        })
    }
}

impl GeneratorConfig {
    /// A generator config from the bindings' arguments: a named size
    /// (`"S"` ...) or the defaults, with any count given replacing its own.
    pub fn from_args(
        size: Option<&str>,
        seed: f64,
        actors: Option<f64>,
        ties: Option<f64>,
        interactions: Option<f64>,
        years: f64,
    ) -> Result<GeneratorConfig> {
        let seed = whole(seed, "seed")?;
        let mut config = match size {
            Some(name) => GeneratorConfig::size(name, seed)?,
            None => GeneratorConfig {
                seed,
                ..GeneratorConfig::default()
            },
        };
        let as_usize = |v: f64, argument: &str| -> Result<usize> {
            usize::try_from(whole(v, argument)?)
                .map_err(|_| Error::invalid(argument, "is too large"))
        };
        if let Some(n) = actors {
            config.actors = as_usize(n, "actors")?;
        }
        if let Some(n) = ties {
            config.ties = as_usize(n, "ties")?;
        }
        if let Some(n) = interactions {
            config.interactions = as_usize(n, "interactions")?;
        }
        config.years = u32::try_from(whole(years, "years")?)
            .map_err(|_| Error::invalid("years", "must be below 2^32"))?;
        Ok(config)
    }
}

impl PseudonymOptions {
    /// Options from the bindings' arguments; a missing one keeps its
    /// default. `time` is `"exact"`, `"day"` or `"week"`.
    pub fn from_args(
        time: Option<&str>,
        min_kind_count: Option<f64>,
        keep_areas: Option<bool>,
        keep_tags: Option<bool>,
        keep_outcome_labels: Option<bool>,
    ) -> Result<PseudonymOptions> {
        let mut o = PseudonymOptions::default();
        if let Some(time) = time {
            o.time = match time {
                "exact" => TimeDetail::Exact,
                "day" => TimeDetail::Day,
                "week" => TimeDetail::Week,
                _ => {
                    return Err(Error::invalid(
                        "time",
                        "must be \"exact\", \"day\" or \"week\"",
                    ))
                }
            };
        }
        if let Some(n) = min_kind_count {
            o.min_kind_count = usize::try_from(whole(n, "min_kind_count")?)
                .map_err(|_| Error::invalid("min_kind_count", "is too large"))?;
        }
        o.keep_areas = keep_areas.unwrap_or(o.keep_areas);
        o.keep_tags = keep_tags.unwrap_or(o.keep_tags);
        o.keep_outcome_labels = keep_outcome_labels.unwrap_or(o.keep_outcome_labels);
        Ok(o)
    }
}

/// An interaction named by its key (a number) or its id.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyOrId<'a> {
    /// The key [`Network::add_interaction`] returned, as a number.
    Key(f64),
    /// The interaction's own id.
    Id(&'a str),
}

/// A date argument (a retention limit): `YYYY-MM-DD`, not a date-time.
pub fn date(text: &str, argument: &str) -> Result<NaiveDate> {
    match Moment::parse(text) {
        Ok(Moment::Date(d)) => Ok(d),
        Ok(Moment::DateTime(_)) => Err(Error::invalid(
            argument,
            "must be a date (YYYY-MM-DD), not a date-time",
        )),
        Err(_) => Err(Error::invalid(
            argument,
            "expected an ISO date (YYYY-MM-DD)",
        )),
    }
}

/// `record` with `changes` applied: a field given as null is removed, any
/// other replaces the record's.
fn patched(record: Value, changes: &Map<String, Value>) -> Value {
    let mut fields = match record {
        Value::Object(fields) => fields,
        _ => Map::new(),
    };
    for (name, value) in changes {
        if value.is_null() {
            fields.remove(name);
        } else {
            fields.insert(name.clone(), value.clone());
        }
    }
    Value::Object(fields)
}

fn same_id(changes: &Map<String, Value>, id: &str) -> Result<()> {
    match changes.get("id") {
        Some(Value::String(given)) if given == id => Ok(()),
        None => Ok(()),
        Some(_) => Err(Error::invalid("id", "cannot change; ids are never reused")),
    }
}

fn as_value<T: serde::Serialize>(record: &T) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
}

impl Network {
    /// The key of an interaction named by key or id.
    ///
    /// ```
    /// use samskab::{args::KeyOrId, Network};
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/skovlund.json"))?;
    /// let (key, _) = net.interactions().next().unwrap();
    /// assert_eq!(net.interaction_ref(KeyOrId::Key(key.get() as f64))?, key);
    /// assert_eq!(net.interaction_ref(KeyOrId::Key(1e20)).unwrap_err().name(), "UnknownInteractionError");
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn interaction_ref(&self, which: KeyOrId<'_>) -> Result<InteractionKey> {
        match which {
            KeyOrId::Key(n) => {
                let whole = n.is_finite() && n.fract() == 0.0;
                if whole && (0.0..MAX_INTERACTIONS as f64).contains(&n) {
                    let key = InteractionKey::from_raw(n as u64);
                    return if self.store().contains(key) {
                        Ok(key)
                    } else {
                        Err(Error::unknown_key(key.get()))
                    };
                }
                Err(Error::UnknownInteraction {
                    id: if whole && n.abs() < MAX_WHOLE {
                        format!("#{n}")
                    } else {
                        "#out-of-range".to_owned()
                    },
                })
            }
            KeyOrId::Id(id) => self
                .interaction_key(id)
                .ok_or_else(|| Error::UnknownInteraction { id: id.to_owned() }),
        }
    }

    /// Changes some fields of an actor: a field given as null is removed,
    /// the others replace the record's, and the result is checked as a
    /// whole (as [`Network::update_actor`]). The id cannot change.
    ///
    /// ```
    /// use samskab::Network;
    /// let mut net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/skovlund.json"))?;
    /// let changes = serde_json::json!({"name": "Inge H.", "left": "2025-01-01"});
    /// net.patch_actor("v-inge", changes.as_object().unwrap())?;
    /// assert_eq!(net.actor("v-inge").unwrap().name.as_deref(), Some("Inge H."));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn patch_actor(&mut self, id: &str, changes: &Map<String, Value>) -> Result<()> {
        same_id(changes, id)?;
        let current = self.actor(id).ok_or_else(|| Error::unknown_actor(id))?;
        let actor = Actor::from_value(&patched(as_value(current), changes))?;
        self.update_actor(actor)
    }

    /// Changes some fields of an interaction named by key or id, as
    /// [`Network::patch_actor`]; its key stays, its id may change.
    pub fn patch_interaction(
        &mut self,
        which: KeyOrId<'_>,
        changes: &Map<String, Value>,
    ) -> Result<()> {
        let key = self.interaction_ref(which)?;
        let current = self
            .interaction(key)
            .ok_or_else(|| Error::unknown_key(key.get()))?;
        let x = Interaction::from_value(&patched(as_value(&current), changes))?;
        self.update_interaction(key, x)
    }

    /// Changes some fields of an initiative, as [`Network::patch_actor`].
    pub fn patch_initiative(&mut self, id: &str, changes: &Map<String, Value>) -> Result<()> {
        same_id(changes, id)?;
        let current = self
            .initiative(id)
            .ok_or_else(|| Error::UnknownInitiative { id: id.to_owned() })?;
        let ini = Initiative::from_value(&patched(as_value(current), changes))?;
        self.update_initiative(ini)
    }

    /// [`Network::purge_before`] with the date as text (`YYYY-MM-DD`).
    pub fn purge_before_text(&mut self, date_text: &str) -> Result<Purged> {
        let day = date(date_text, "date")?;
        Ok(self.purge_before(day))
    }
}
