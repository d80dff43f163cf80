//! Reading and writing networks: format v1 as JSON.

pub(crate) mod json;

pub use json::FORMAT_VERSION;
