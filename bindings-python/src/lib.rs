//! The compiled part of the Python module `samskab`: `samskab._samskab`.
//!
//! It only converts: strings and JSON in, JSON and column buffers out, and
//! every core error to its Python exception in one place ([`errors`]). The
//! Python package around it (`python/samskab`) turns the JSON into typed
//! result classes and the columns into pandas frames.

use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use samskab::format::{Column, Table};
use samskab::{
    Actor, BrokerOptions, Initiative, Interaction, InteractionKey, Moment, Network, PathOptions,
    Report, ScoringConfig,
};

mod errors;

use errors::to_py;

type Res<T> = PyResult<T>;

fn moment(text: &str) -> Res<Moment> {
    Moment::parse(text).map_err(to_py)
}

fn json<T: serde::Serialize>(value: &T) -> Res<String> {
    serde_json::to_string(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}

fn value(text: &str) -> Res<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| {
        to_py(samskab::Error::Parse {
            line: e.line(),
            column: e.column(),
            message: "not a JSON value".into(),
        })
    })
}

/// A network behind a lock, so that threads see it whole.
#[pyclass(frozen, module = "samskab._samskab", name = "_Network")]
struct PyNetwork {
    inner: RwLock<Network>,
}

impl PyNetwork {
    fn read(&self) -> RwLockReadGuard<'_, Network> {
        // A panic while holding the lock cannot leave the network half-changed
        // (every change is checked before it is made), so a poisoned lock is safe to use.
        self.inner.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Network> {
        self.inner.write().unwrap_or_else(|p| p.into_inner())
    }

    fn wrap(net: Network) -> Self {
        PyNetwork {
            inner: RwLock::new(net),
        }
    }
}

#[pymethods]
impl PyNetwork {
    #[new]
    fn new() -> Self {
        Self::wrap(Network::new())
    }

    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> Res<Self> {
        py.detach(|| Network::from_json(text))
            .map(Self::wrap)
            .map_err(to_py)
    }

    #[staticmethod]
    #[pyo3(signature = (size, seed, actors, ties, interactions, years))]
    fn generate(
        py: Python<'_>,
        size: Option<&str>,
        seed: u64,
        actors: Option<usize>,
        ties: Option<usize>,
        interactions: Option<usize>,
        years: u32,
    ) -> Res<Self> {
        let mut config = match size {
            Some(name) => samskab::generate::GeneratorConfig::size(name, seed).map_err(to_py)?,
            None => samskab::generate::GeneratorConfig {
                seed,
                ..Default::default()
            },
        };
        config.actors = actors.unwrap_or(config.actors);
        config.ties = ties.unwrap_or(config.ties);
        config.interactions = interactions.unwrap_or(config.interactions);
        config.years = years;
        py.detach(|| Network::generate(&config))
            .map(Self::wrap)
            .map_err(to_py)
    }

    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> Res<Self> {
        py.detach(|| Network::load(&path))
            .map(Self::wrap)
            .map_err(to_py)
    }

    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.read().to_json())
    }

    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> Res<()> {
        py.detach(|| self.read().save(&path)).map_err(to_py)
    }

    fn meta_json(&self) -> Res<String> {
        json(self.read().meta())
    }

    fn set_meta_json(&self, text: &str) -> Res<()> {
        let meta = match value(text)? {
            serde_json::Value::Object(m) => m,
            _ => {
                return Err(to_py(samskab::Error::InvalidArgument {
                    argument: "meta".into(),
                    message: "must be a mapping".into(),
                }))
            }
        };
        self.write().set_meta(meta).map_err(to_py)
    }

    fn scoring_json(&self) -> Res<String> {
        json(self.read().scoring())
    }

    fn set_scoring_json(&self, text: &str) -> Res<()> {
        let config = ScoringConfig::from_value(&value(text)?).map_err(to_py)?;
        self.write().set_scoring(config).map_err(to_py)
    }

    fn counts(&self) -> (usize, usize, usize, usize) {
        let net = self.read();
        (
            net.actor_count(),
            net.interaction_count(),
            net.tie_count(),
            net.initiatives().len(),
        )
    }

    // ----- records -------------------------------------------------------

    fn add_actor(&self, text: &str) -> Res<()> {
        let actor = Actor::from_value(&value(text)?).map_err(to_py)?;
        self.write().add_actor(actor).map_err(to_py)
    }

    fn update_actor(&self, text: &str) -> Res<()> {
        let actor = Actor::from_value(&value(text)?).map_err(to_py)?;
        self.write().update_actor(actor).map_err(to_py)
    }

    fn remove_actor(&self, id: &str) -> Res<String> {
        let removed = self.write().remove_actor(id).map_err(to_py)?;
        json(&removed)
    }

    fn actor(&self, id: &str) -> Res<Option<String>> {
        self.read().actor(id).map(json).transpose()
    }

    fn actors(&self) -> Res<String> {
        json(&self.read().actors())
    }

    fn add_interaction(&self, text: &str) -> Res<u64> {
        let x = Interaction::from_value(&value(text)?).map_err(to_py)?;
        self.write()
            .add_interaction(x)
            .map(InteractionKey::get)
            .map_err(to_py)
    }

    fn update_interaction(&self, key: u64, text: &str) -> Res<()> {
        let x = Interaction::from_value(&value(text)?).map_err(to_py)?;
        self.write()
            .update_interaction(InteractionKey::from_raw(key), x)
            .map_err(to_py)
    }

    fn remove_interaction(&self, key: u64) -> Res<String> {
        let removed = self
            .write()
            .remove_interaction(InteractionKey::from_raw(key))
            .map_err(to_py)?;
        json(&removed)
    }

    fn interaction_key(&self, id: &str) -> Option<u64> {
        self.read().interaction_key(id).map(InteractionKey::get)
    }

    fn interaction(&self, key: u64) -> Res<Option<String>> {
        self.read()
            .interaction(InteractionKey::from_raw(key))
            .map(|x| json(&x))
            .transpose()
    }

    fn interactions(&self, py: Python<'_>) -> Res<String> {
        py.detach(|| {
            let net = self.read();
            let all: Vec<(u64, Interaction)> =
                net.interactions().map(|(k, x)| (k.get(), x)).collect();
            json(&all)
        })
    }

    fn add_initiative(&self, text: &str) -> Res<()> {
        let ini = Initiative::from_value(&value(text)?).map_err(to_py)?;
        self.write().add_initiative(ini).map_err(to_py)
    }

    fn update_initiative(&self, text: &str) -> Res<()> {
        let ini = Initiative::from_value(&value(text)?).map_err(to_py)?;
        self.write().update_initiative(ini).map_err(to_py)
    }

    fn remove_initiative(&self, id: &str) -> Res<String> {
        let removed = self.write().remove_initiative(id).map_err(to_py)?;
        json(&removed)
    }

    fn initiative(&self, id: &str) -> Res<Option<String>> {
        self.read().initiative(id).map(json).transpose()
    }

    fn initiatives(&self) -> Res<String> {
        json(&self.read().initiatives())
    }

    fn erase(&self, id: &str) -> Res<String> {
        let erased = self.write().erase(id).map_err(to_py)?;
        json(&erased)
    }

    // ----- scores and analyses ---------------------------------------------

    fn trust(&self, py: Python<'_>, source: &str, target: &str, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| {
            self.read()
                .trust(source, target, as_of)
                .map_err(to_py)
                .and_then(|t| json(&t))
        })
    }

    fn trust_value(&self, py: Python<'_>, source: &str, target: &str, as_of: &str) -> Res<f64> {
        let as_of = moment(as_of)?;
        py.detach(|| self.read().trust_value(source, target, as_of))
            .map_err(to_py)
    }

    fn tie_stats(&self, py: Python<'_>, a: &str, b: &str, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| {
            self.read()
                .tie_stats(a, b, as_of)
                .map_err(to_py)
                .and_then(|t| json(&t))
        })
    }

    fn ties(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| json(&self.read().ties(as_of)))
    }

    #[allow(clippy::too_many_arguments)]
    fn paths(
        &self,
        py: Python<'_>,
        source: &str,
        target: &str,
        as_of: &str,
        k: usize,
        max_hops: usize,
        min_step_trust: f64,
    ) -> Res<String> {
        let as_of = moment(as_of)?;
        let options = PathOptions {
            k,
            max_hops,
            min_step_trust,
        };
        py.detach(|| {
            self.read()
                .paths_with(source, target, as_of, &options)
                .map_err(to_py)
                .and_then(|p| json(&p))
        })
    }

    fn key_people(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| json(&self.read().key_people(as_of)))
    }

    fn neglected(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| json(&self.read().neglected(as_of)))
    }

    fn coverage(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| json(&self.read().coverage(as_of)))
    }

    #[pyo3(signature = (as_of, sources=None, seed=0))]
    fn brokers(
        &self,
        py: Python<'_>,
        as_of: &str,
        sources: Option<usize>,
        seed: u64,
    ) -> Res<String> {
        let as_of = moment(as_of)?;
        let options = BrokerOptions { sources, seed };
        py.detach(|| {
            self.read()
                .brokers_with(as_of, &options)
                .map_err(to_py)
                .and_then(|b| json(&b))
        })
    }

    fn trust_edges<'py>(&self, py: Python<'py>, as_of: &str) -> Res<Bound<'py, PyDict>> {
        let as_of = moment(as_of)?;
        let table = py.detach(|| self.read().trust_edges(as_of));
        columns(py, &table)
    }

    #[pyo3(signature = (as_of, earlier=None))]
    fn cross_unit(&self, py: Python<'_>, as_of: &str, earlier: Option<&str>) -> Res<String> {
        let as_of = moment(as_of)?;
        let earlier = earlier.map(moment).transpose()?;
        py.detach(|| {
            let net = self.read();
            json(&match earlier {
                Some(e) => net.cross_unit_between(e, as_of),
                None => net.cross_unit(as_of),
            })
        })
    }

    fn initiative_health(&self, py: Python<'_>, id: &str, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| {
            self.read()
                .initiative_health(id, as_of)
                .map_err(to_py)
                .and_then(|h| json(&h))
        })
    }

    fn report(&self, py: Python<'_>, start: &str, end: &str) -> Res<PyReport> {
        let (start, end) = (moment(start)?, moment(end)?);
        py.detach(|| self.read().report(start, end))
            .map(|inner| PyReport { inner })
            .map_err(to_py)
    }

    // ----- exchange and privacy ------------------------------------------

    #[staticmethod]
    fn from_csv(py: Python<'_>, folder: std::path::PathBuf) -> Res<Self> {
        py.detach(|| Network::from_csv(&folder))
            .map(Self::wrap)
            .map_err(to_py)
    }

    fn to_csv(&self, py: Python<'_>, folder: std::path::PathBuf) -> Res<()> {
        py.detach(|| self.read().to_csv(&folder)).map_err(to_py)
    }

    fn to_graphml(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        Ok(py.detach(|| self.read().to_graphml_string(as_of)))
    }

    fn to_gexf(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        Ok(py.detach(|| self.read().to_gexf_string(as_of)))
    }

    fn to_cytoscape(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        py.detach(|| json(&self.read().to_cytoscape(as_of)))
    }

    fn pseudonymised(&self, py: Python<'_>, key: &[u8]) -> Res<Self> {
        py.detach(|| self.read().pseudonymised(key))
            .map(Self::wrap)
            .map_err(to_py)
    }

    fn purge_before(&self, date: &str) -> Res<String> {
        let day = match Moment::parse(date).map_err(to_py)? {
            Moment::Date(d) => d,
            Moment::DateTime(_) => {
                return Err(to_py(samskab::Error::InvalidArgument {
                    argument: "date".into(),
                    message: "must be a date (YYYY-MM-DD), not a date-time".into(),
                }))
            }
        };
        json(&self.write().purge_before(day))
    }

    // ----- tables --------------------------------------------------------

    fn actor_table<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyDict>> {
        let table = py.detach(|| self.read().actor_table());
        columns(py, &table)
    }

    fn interaction_table<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyDict>> {
        let table = py.detach(|| self.read().interaction_table());
        columns(py, &table)
    }

    fn tie_table<'py>(&self, py: Python<'py>, as_of: &str) -> Res<Bound<'py, PyDict>> {
        let as_of = moment(as_of)?;
        let table = py.detach(|| self.read().tie_table(as_of));
        columns(py, &table)
    }
}

/// A value report, kept whole for its text.
#[pyclass(frozen, module = "samskab._samskab", name = "_Report")]
struct PyReport {
    inner: Report,
}

#[pymethods]
impl PyReport {
    fn to_json(&self) -> Res<String> {
        json(&self.inner)
    }

    fn to_text(&self, lang: &str) -> Res<String> {
        self.inner.to_text(lang).map_err(to_py)
    }
}

/// `values` as little-endian bytes, written straight into a Python `bytes`.
fn le_bytes<'py, T: Copy, const N: usize>(
    py: Python<'py>,
    values: &[T],
    to: fn(T) -> [u8; N],
) -> Res<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, values.len() * N, |buf| {
        for (out, v) in buf.chunks_exact_mut(N).zip(values) {
            out.copy_from_slice(&to(*v));
        }
        Ok(())
    })
}

/// A table as `{name: (type, payload)}`: numbers as little-endian byte
/// buffers for `numpy.frombuffer`, words as codes plus categories. Columns
/// with the same categories share one list (the two ends of every tie name
/// the same actors: a hundred thousand strings at L).
fn columns<'py>(py: Python<'py>, table: &Table) -> Res<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    let mut last_categories: Option<(&[String], Bound<'py, PyList>)> = None;
    for (name, column) in &table.columns {
        let entry: Bound<'py, PyAny> = match column {
            Column::Text(v) => ("text", PyList::new(py, v)?).into_pyobject(py)?.into_any(),
            Column::Category { codes, categories } => {
                let list = match &last_categories {
                    Some((words, list)) if *words == categories.as_slice() => list.clone(),
                    _ => {
                        let list = PyList::new(py, categories)?;
                        last_categories = Some((categories, list.clone()));
                        list
                    }
                };
                ("category", le_bytes(py, codes, u32::to_le_bytes)?, list)
                    .into_pyobject(py)?
                    .into_any()
            }
            Column::Float(v) => ("float", le_bytes(py, v, f64::to_le_bytes)?)
                .into_pyobject(py)?
                .into_any(),
            Column::Int(v) => ("int", le_bytes(py, v, i64::to_le_bytes)?)
                .into_pyobject(py)?
                .into_any(),
            Column::Time(v) => ("time", le_bytes(py, v, i64::to_le_bytes)?)
                .into_pyobject(py)?
                .into_any(),
            Column::Bool(v) => {
                let bytes: Vec<u8> = v.iter().map(|b| u8::from(*b)).collect();
                ("bool", PyBytes::new(py, &bytes))
                    .into_pyobject(py)?
                    .into_any()
            }
        };
        out.set_item(name, entry)?;
    }
    Ok(out)
}

/// The compiled core of the `samskab` Python module.
#[pymodule]
fn _samskab(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MIN_TIE_LENGTH", samskab::analysis::MIN_TIE_LENGTH)?;
    m.add_class::<PyNetwork>()?;
    m.add_class::<PyReport>()?;
    errors::register(m)?;
    Ok(())
}
