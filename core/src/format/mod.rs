//! Reading and writing networks: format v1 as JSON and as spreadsheets,
//! column tables, and exports for graph tools.

mod checked;
mod csv;
mod document;
mod encoding;
mod fields;
mod file;
mod graph;
pub(crate) mod json;
mod table;
mod typed;

pub use csv::CsvFiles;
pub use file::SaveOptions;
pub use json::FORMAT_VERSION;
pub use table::{Column, Table, NO_TIME};
