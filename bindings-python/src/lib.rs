//! Python bindings for samskab (grown in their own issue).
use pyo3::prelude::*;

/// The samskab Python module.
#[pymodule]
fn samskab(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
