//! The one place where core errors become Python exceptions: each variant of
//! `samskab::Error` to its class, with `.problems` on every one (empty but
//! for validation errors). File errors are also `OSError`s.

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::{create_exception, PyErr};

create_exception!(
    samskab,
    SamskabError,
    PyValueError,
    "Base of every samskab error."
);
create_exception!(
    samskab,
    ParseError,
    SamskabError,
    "The text is not well-formed JSON."
);
create_exception!(
    samskab,
    ValidationError,
    SamskabError,
    "The input breaks rules of the format; `.problems` lists (place, message) pairs."
);
create_exception!(
    samskab,
    NewerVersionError,
    SamskabError,
    "The document was written by a newer samskab."
);
create_exception!(
    samskab,
    UnknownActorError,
    SamskabError,
    "No actor has this id."
);
create_exception!(
    samskab,
    UnknownInteractionError,
    SamskabError,
    "No interaction has this id or key."
);
create_exception!(
    samskab,
    UnknownInitiativeError,
    SamskabError,
    "No initiative has this id."
);
create_exception!(
    samskab,
    InvalidArgumentError,
    SamskabError,
    "An argument is outside what the call accepts."
);
create_exception!(
    samskab,
    LimitError,
    SamskabError,
    "The input would make more work than samskab takes on (group meetings past the pair budget)."
);

/// `IoError(OSError, SamskabError)`: `except OSError` and `except
/// SamskabError` both catch a file that cannot be read or written. Made at
/// import, as `create_exception!` takes one base.
static IO_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn io_error_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    IO_ERROR
        .get_or_try_init(py, || {
            let bases = PyTuple::new(
                py,
                [
                    py.get_type::<PyOSError>().into_any(),
                    py.get_type::<SamskabError>().into_any(),
                ],
            )?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "samskab")?;
            namespace.set_item(
                "__doc__",
                "Reading or writing a file failed; also an OSError with errno and filename.",
            )?;
            let made = py
                .get_type::<PyType>()
                .call1(("IoError", bases, namespace))?
                .cast_into::<PyType>()?;
            Ok(made.unbind())
        })
        .map(|t| t.bind(py))
}

/// Maps a core error to its exception, by variant. Call it with the GIL
/// held and no lock of a network taken.
pub(crate) fn to_py(err: samskab::Error) -> PyErr {
    Python::attach(|py| {
        let message = err.to_string();
        let problems: Vec<(String, String)> = err
            .problems()
            .iter()
            .map(|p| (p.place.clone(), p.message.clone()))
            .collect();
        let e = match &err {
            samskab::Error::Parse { .. } => ParseError::new_err(message),
            samskab::Error::Validation { .. } => ValidationError::new_err(message),
            samskab::Error::NewerVersion { .. } => NewerVersionError::new_err(message),
            samskab::Error::UnknownActor { .. } => UnknownActorError::new_err(message),
            samskab::Error::UnknownInteraction { .. } => UnknownInteractionError::new_err(message),
            samskab::Error::UnknownInitiative { .. } => UnknownInitiativeError::new_err(message),
            samskab::Error::InvalidArgument { .. } => InvalidArgumentError::new_err(message),
            samskab::Error::Limit { .. } => LimitError::new_err(message),
            samskab::Error::Io { path, source, .. } => match io_error_type(py) {
                Ok(t) => PyErr::from_type(
                    t.clone(),
                    (source.raw_os_error().unwrap_or(0), message, path.clone()),
                ),
                Err(e) => e,
            },
            _ => SamskabError::new_err(message),
        };
        let items: Vec<Bound<'_, PyTuple>> = problems
            .iter()
            .map(|(place, message)| PyTuple::new(py, [place, message]))
            .collect::<PyResult<_>>()
            .unwrap_or_default();
        let _ = e.value(py).setattr("problems", items);
        e
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SamskabError", py.get_type::<SamskabError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("NewerVersionError", py.get_type::<NewerVersionError>())?;
    m.add("UnknownActorError", py.get_type::<UnknownActorError>())?;
    m.add(
        "UnknownInteractionError",
        py.get_type::<UnknownInteractionError>(),
    )?;
    m.add(
        "UnknownInitiativeError",
        py.get_type::<UnknownInitiativeError>(),
    )?;
    m.add(
        "InvalidArgumentError",
        py.get_type::<InvalidArgumentError>(),
    )?;
    m.add("LimitError", py.get_type::<LimitError>())?;
    m.add("IoError", io_error_type(py)?)?;
    Ok(())
}
