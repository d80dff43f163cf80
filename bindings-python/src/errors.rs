//! The one place where core errors become Python exceptions.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
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
    IoError,
    SamskabError,
    "Reading or writing a file failed."
);

/// Maps a core error to its exception, by the variant's stable name.
pub(crate) fn to_py(err: samskab::Error) -> PyErr {
    let message = err.to_string();
    let problems: Vec<(String, String)> = err
        .problems()
        .iter()
        .map(|p| (p.place.clone(), p.message.clone()))
        .collect();
    let e = match err.name() {
        "ParseError" => ParseError::new_err(message),
        "ValidationError" => ValidationError::new_err(message),
        "NewerVersionError" => NewerVersionError::new_err(message),
        "UnknownActorError" => UnknownActorError::new_err(message),
        "UnknownInteractionError" => UnknownInteractionError::new_err(message),
        "UnknownInitiativeError" => UnknownInitiativeError::new_err(message),
        "InvalidArgumentError" => InvalidArgumentError::new_err(message),
        "IoError" => IoError::new_err(message),
        _ => SamskabError::new_err(message),
    };
    Python::attach(|py| {
        let items: Vec<Bound<'_, PyTuple>> = problems
            .iter()
            .map(|(place, message)| PyTuple::new(py, [place, message]))
            .collect::<PyResult<_>>()
            .unwrap_or_default();
        let _ = e.value(py).setattr("problems", items);
    });
    e
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
    m.add("IoError", py.get_type::<IoError>())?;
    Ok(())
}
