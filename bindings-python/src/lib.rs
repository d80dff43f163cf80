//! The compiled part of the Python module `samskab`: `samskab._samskab`.
//!
//! It only converts: strings and JSON in, JSON and column buffers out, and
//! every core error to its Python exception in one place ([`errors`]). The
//! Python package around it (`python/samskab`) turns the JSON into typed
//! result classes and the columns into pandas frames.

use std::sync::RwLock;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use samskab::args::KeyOrId;
use samskab::format::{Column, SaveOptions, Table};
use samskab::privacy::PseudonymOptions;
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
///
/// The lock is only ever taken inside [`PyNetwork::reading`] and
/// [`PyNetwork::writing`]: with the GIL released, around a closure that
/// returns core values and core errors, never Python objects. So no thread
/// waits for the lock while holding the GIL, and none holds the lock while
/// it waits for the GIL (which converting an error to an exception takes):
/// the two cannot deadlock.
#[pyclass(frozen, module = "samskab._samskab", name = "_Network")]
struct PyNetwork {
    inner: RwLock<Network>,
}

impl PyNetwork {
    fn wrap(net: Network) -> Self {
        PyNetwork {
            inner: RwLock::new(net),
        }
    }

    /// `f` on the network, shared with other readers; its error converted
    /// once the lock and the GIL are back in order.
    fn reading<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Network) -> samskab::Result<T> + Send,
    ) -> Res<T> {
        py.detach(|| {
            // A panic while holding the lock cannot leave the network
            // half-changed (every change is checked before it is made), so
            // a poisoned lock is safe to use.
            let net = self.inner.read().unwrap_or_else(|p| p.into_inner());
            f(&net)
        })
        .map_err(to_py)
    }

    /// `f` on the network alone, as [`PyNetwork::reading`].
    fn writing<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Network) -> samskab::Result<T> + Send,
    ) -> Res<T> {
        py.detach(|| {
            let mut net = self.inner.write().unwrap_or_else(|p| p.into_inner());
            f(&mut net)
        })
        .map_err(to_py)
    }

    /// A value the reader returns, as JSON.
    fn read_json<T: serde::Serialize + Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Network) -> samskab::Result<T> + Send,
    ) -> Res<String> {
        let value = self.reading(py, f)?;
        json(&value)
    }
}

fn object(text: &str, argument: &str) -> Res<serde_json::Map<String, serde_json::Value>> {
    match value(text)? {
        serde_json::Value::Object(m) => Ok(m),
        _ => Err(to_py(samskab::Error::InvalidArgument {
            argument: argument.into(),
            message: "must be a mapping".into(),
        })),
    }
}

/// An interaction named by key (any number) or id (a string).
fn key_or_id<'a>(key: Option<f64>, id: Option<&'a str>) -> KeyOrId<'a> {
    match id {
        Some(id) => KeyOrId::Id(id),
        None => KeyOrId::Key(key.unwrap_or(f64::NAN)),
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
        seed: f64,
        actors: Option<f64>,
        ties: Option<f64>,
        interactions: Option<f64>,
        years: f64,
    ) -> Res<Self> {
        let config = samskab::generate::GeneratorConfig::from_args(
            size,
            seed,
            actors,
            ties,
            interactions,
            years,
        )
        .map_err(to_py)?;
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

    fn to_json(&self, py: Python<'_>) -> Res<String> {
        self.reading(py, |net| Ok(net.to_json()))
    }

    #[pyo3(signature = (path, mode))]
    fn save(&self, py: Python<'_>, path: std::path::PathBuf, mode: Option<u32>) -> Res<()> {
        let options = SaveOptions { mode };
        self.reading(py, |net| net.save_with(&path, &options))
    }

    fn meta_json(&self, py: Python<'_>) -> Res<String> {
        self.read_json(py, |net| Ok(net.meta().clone()))
    }

    fn set_meta_json(&self, py: Python<'_>, text: &str) -> Res<()> {
        let meta = object(text, "meta")?;
        self.writing(py, |net| net.set_meta(meta))
    }

    fn scoring_json(&self, py: Python<'_>) -> Res<String> {
        self.read_json(py, |net| Ok(net.scoring().clone()))
    }

    fn set_scoring_json(&self, py: Python<'_>, text: &str) -> Res<()> {
        let config = ScoringConfig::from_value(&value(text)?).map_err(to_py)?;
        self.writing(py, |net| net.set_scoring(config))
    }

    fn counts(&self, py: Python<'_>) -> Res<(usize, usize, usize, usize)> {
        self.reading(py, |net| {
            Ok((
                net.actor_count(),
                net.interaction_count(),
                net.tie_count(),
                net.initiatives().len(),
            ))
        })
    }

    // ----- records -------------------------------------------------------

    fn add_actor(&self, py: Python<'_>, text: &str) -> Res<()> {
        let actor = Actor::from_value(&value(text)?).map_err(to_py)?;
        self.writing(py, |net| net.add_actor(actor))
    }

    fn update_actor(&self, py: Python<'_>, id: &str, changes: &str) -> Res<()> {
        let changes = object(changes, "changes")?;
        self.writing(py, |net| net.patch_actor(id, &changes))
    }

    fn remove_actor(&self, py: Python<'_>, id: &str) -> Res<String> {
        let removed = self.writing(py, |net| net.remove_actor(id))?;
        json(&removed)
    }

    fn actor(&self, py: Python<'_>, id: &str) -> Res<Option<String>> {
        let found = self.reading(py, |net| Ok(net.actor(id).cloned()))?;
        found.as_ref().map(json).transpose()
    }

    fn actors(&self, py: Python<'_>) -> Res<String> {
        self.read_json(py, |net| {
            Ok(net.actors().into_iter().cloned().collect::<Vec<Actor>>())
        })
    }

    fn add_interaction(&self, py: Python<'_>, text: &str) -> Res<u64> {
        let x = Interaction::from_value(&value(text)?).map_err(to_py)?;
        self.writing(py, |net| net.add_interaction(x).map(InteractionKey::get))
    }

    #[pyo3(signature = (key, id, changes))]
    fn update_interaction(
        &self,
        py: Python<'_>,
        key: Option<f64>,
        id: Option<&str>,
        changes: &str,
    ) -> Res<()> {
        let changes = object(changes, "changes")?;
        self.writing(py, |net| {
            net.patch_interaction(key_or_id(key, id), &changes)
        })
    }

    #[pyo3(signature = (key, id))]
    fn remove_interaction(
        &self,
        py: Python<'_>,
        key: Option<f64>,
        id: Option<&str>,
    ) -> Res<String> {
        let removed = self.writing(py, |net| {
            let key = net.interaction_ref(key_or_id(key, id))?;
            net.remove_interaction(key)
        })?;
        json(&removed)
    }

    fn interactions(&self, py: Python<'_>) -> Res<String> {
        self.read_json(py, |net| {
            Ok(net
                .interactions()
                .map(|(k, x)| (k.get(), x))
                .collect::<Vec<(u64, Interaction)>>())
        })
    }

    fn add_initiative(&self, py: Python<'_>, text: &str) -> Res<()> {
        let ini = Initiative::from_value(&value(text)?).map_err(to_py)?;
        self.writing(py, |net| net.add_initiative(ini))
    }

    fn update_initiative(&self, py: Python<'_>, id: &str, changes: &str) -> Res<()> {
        let changes = object(changes, "changes")?;
        self.writing(py, |net| net.patch_initiative(id, &changes))
    }

    fn remove_initiative(&self, py: Python<'_>, id: &str) -> Res<String> {
        let removed = self.writing(py, |net| net.remove_initiative(id))?;
        json(&removed)
    }

    fn initiative(&self, py: Python<'_>, id: &str) -> Res<Option<String>> {
        let found = self.reading(py, |net| Ok(net.initiative(id).cloned()))?;
        found.as_ref().map(json).transpose()
    }

    fn initiatives(&self, py: Python<'_>) -> Res<String> {
        self.read_json(py, |net| {
            Ok(net
                .initiatives()
                .into_iter()
                .cloned()
                .collect::<Vec<Initiative>>())
        })
    }

    fn erase(&self, py: Python<'_>, id: &str) -> Res<String> {
        let erased = self.writing(py, |net| net.erase(id))?;
        json(&erased)
    }

    // ----- scores and analyses ---------------------------------------------

    fn trust(&self, py: Python<'_>, source: &str, target: &str, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| net.trust(source, target, as_of))
    }

    fn trust_value(&self, py: Python<'_>, source: &str, target: &str, as_of: &str) -> Res<f64> {
        let as_of = moment(as_of)?;
        self.reading(py, |net| net.trust_value(source, target, as_of))
    }

    fn tie_stats(&self, py: Python<'_>, a: &str, b: &str, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| net.tie_stats(a, b, as_of))
    }

    fn ties(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| Ok(net.ties(as_of)))
    }

    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (source, target, as_of, k, max_hops, min_step_trust))]
    fn paths(
        &self,
        py: Python<'_>,
        source: &str,
        target: &str,
        as_of: &str,
        k: Option<f64>,
        max_hops: Option<f64>,
        min_step_trust: Option<f64>,
    ) -> Res<String> {
        let as_of = moment(as_of)?;
        let options = PathOptions::from_args(k, max_hops, min_step_trust).map_err(to_py)?;
        self.read_json(py, |net| net.paths_with(source, target, as_of, &options))
    }

    fn key_people(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| Ok(net.key_people(as_of)))
    }

    fn neglected(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| Ok(net.neglected(as_of)))
    }

    fn coverage(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| Ok(net.coverage(as_of)))
    }

    #[pyo3(signature = (as_of, sources, seed))]
    fn brokers(
        &self,
        py: Python<'_>,
        as_of: &str,
        sources: Option<f64>,
        seed: Option<f64>,
    ) -> Res<String> {
        let as_of = moment(as_of)?;
        let options = BrokerOptions::from_args(sources, seed).map_err(to_py)?;
        self.read_json(py, |net| net.brokers_with(as_of, &options))
    }

    fn trust_edges<'py>(&self, py: Python<'py>, as_of: &str) -> Res<Bound<'py, PyDict>> {
        let as_of = moment(as_of)?;
        let table = self.reading(py, |net| Ok(net.trust_edges(as_of)))?;
        columns(py, &table)
    }

    #[pyo3(signature = (as_of, earlier=None))]
    fn cross_unit(&self, py: Python<'_>, as_of: &str, earlier: Option<&str>) -> Res<String> {
        let as_of = moment(as_of)?;
        let earlier = earlier.map(moment).transpose()?;
        self.read_json(py, |net| {
            Ok(match earlier {
                Some(e) => net.cross_unit_between(e, as_of),
                None => net.cross_unit(as_of),
            })
        })
    }

    fn initiative_health(&self, py: Python<'_>, id: &str, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| net.initiative_health(id, as_of))
    }

    fn report(&self, py: Python<'_>, start: &str, end: &str) -> Res<PyReport> {
        let (start, end) = (moment(start)?, moment(end)?);
        let inner = self.reading(py, |net| net.report(start, end))?;
        Ok(PyReport { inner })
    }

    // ----- exchange and privacy ------------------------------------------

    #[staticmethod]
    fn from_csv(py: Python<'_>, folder: std::path::PathBuf) -> Res<Self> {
        py.detach(|| Network::from_csv(&folder))
            .map(Self::wrap)
            .map_err(to_py)
    }

    #[pyo3(signature = (folder, mode))]
    fn to_csv(&self, py: Python<'_>, folder: std::path::PathBuf, mode: Option<u32>) -> Res<()> {
        let options = SaveOptions { mode };
        self.reading(py, |net| net.to_csv_with(&folder, &options))
    }

    fn to_graphml(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.reading(py, |net| Ok(net.to_graphml_string(as_of)))
    }

    fn to_gexf(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.reading(py, |net| Ok(net.to_gexf_string(as_of)))
    }

    fn to_cytoscape(&self, py: Python<'_>, as_of: &str) -> Res<String> {
        let as_of = moment(as_of)?;
        self.read_json(py, |net| Ok(net.to_cytoscape(as_of)))
    }

    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (key, time, min_kind_count, keep_areas, keep_tags, keep_outcome_labels))]
    fn pseudonymised(
        &self,
        py: Python<'_>,
        key: &[u8],
        time: Option<&str>,
        min_kind_count: Option<f64>,
        keep_areas: Option<bool>,
        keep_tags: Option<bool>,
        keep_outcome_labels: Option<bool>,
    ) -> Res<Self> {
        let options = PseudonymOptions::from_args(
            time,
            min_kind_count,
            keep_areas,
            keep_tags,
            keep_outcome_labels,
        )
        .map_err(to_py)?;
        self.reading(py, |net| net.pseudonymised_with(key, &options))
            .map(Self::wrap)
    }

    fn reidentification_risk(&self, py: Python<'_>) -> Res<String> {
        self.read_json(py, |net| Ok(net.reidentification_risk()))
    }

    fn mentions(&self, py: Python<'_>, id: &str) -> Res<String> {
        self.read_json(py, |net| net.mentions(id))
    }

    fn purge_before(&self, py: Python<'_>, date: &str) -> Res<String> {
        let purged = self.writing(py, |net| net.purge_before_text(date))?;
        json(&purged)
    }

    // ----- tables --------------------------------------------------------

    fn actor_table<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyDict>> {
        let table = self.reading(py, |net| Ok(net.actor_table()))?;
        columns(py, &table)
    }

    fn interaction_table<'py>(&self, py: Python<'py>) -> Res<Bound<'py, PyDict>> {
        let table = self.reading(py, |net| Ok(net.interaction_table()))?;
        columns(py, &table)
    }

    fn tie_table<'py>(&self, py: Python<'py>, as_of: &str) -> Res<Bound<'py, PyDict>> {
        let as_of = moment(as_of)?;
        let table = self.reading(py, |net| Ok(net.tie_table(as_of)))?;
        columns(py, &table)
    }
}

/// An `InvalidArgumentError` for a value the Python side cannot pass on
/// (one that JSON cannot hold), made as every other error is.
#[pyfunction]
fn _invalid_argument(argument: &str, message: &str) -> PyErr {
    to_py(samskab::Error::InvalidArgument {
        argument: argument.to_owned(),
        message: message.to_owned(),
    })
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
    m.add_function(wrap_pyfunction!(_invalid_argument, m)?)?;
    errors::register(m)?;
    Ok(())
}
