//! Reading and writing networks: format v1 as JSON, and column tables.

pub(crate) mod json;
mod table;

pub use json::FORMAT_VERSION;
pub use table::{Column, Table, NO_TIME};
