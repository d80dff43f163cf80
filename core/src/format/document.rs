//! A network as a format v1 document: read (the typed reader first, the
//! tree reader for documents it cannot take) and written.

use std::path::Path;

use super::file::{write_atomic_with, SaveOptions};
use super::{json, typed};
use crate::error::{Error, Result};
use crate::model::Network;

impl Network {
    /// Reads a format v1 document.
    ///
    /// A document that breaks any rule is refused whole with
    /// [`Error::Validation`] naming every problem and its place; one from a
    /// newer samskab gets [`Error::NewerVersion`]; text that is not JSON gets
    /// [`Error::Parse`] with line and column.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::from_json(r#"{"format": "samskab", "version": 1, "actors": [
    ///     {"id": "e-tove", "kind": "employee"}]}"#)?;
    /// assert_eq!(net.actor_count(), 1);
    /// let err = Network::from_json(r#"{"format": "samskab", "version": 1, "actors": [
    ///     {"id": "e-tove", "knd": "employee"}]}"#).unwrap_err();
    /// assert_eq!(err.problems()[0].to_string(),
    ///     r#"actors[0]: unknown field "knd" (did you mean "kind"?)"#);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Network> {
        // A valid document is read straight into the network; anything the
        // typed reader cannot take goes through the tree, which locates
        // every problem.
        if let Some(read) = typed::read(text) {
            return read;
        }
        json::from_tree(text)
    }

    /// Writes the network as a format v1 document: canonical (actors and
    /// initiatives by id, interactions by time, object keys of `meta` and
    /// `extra` sorted, two-space indents), so two writes of the same network
    /// are byte-identical. Optional fields that are absent, empty lists and
    /// empty objects are left out: they say the same thing.
    pub fn to_json(&self) -> String {
        json::to_json(self)
    }

    /// Reads a format v1 document from a file, as it reads: a valid
    /// document's text is never held whole, so a file larger than memory
    /// loads when its network fits. A document with a problem is read again
    /// whole, to name every problem and its place.
    pub fn load(path: impl AsRef<Path>) -> Result<Network> {
        let path = path.as_ref();
        let io = Error::reading(path);
        let file = std::fs::File::open(path).map_err(io)?;
        let reader = std::io::BufReader::with_capacity(1 << 20, file);
        if let Some(read) = typed::read_stream(reader) {
            return read;
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        json::from_tree(&text)
    }

    /// Writes the network to a file atomically (a crash leaves either the
    /// old file or the new one, never half of one), as it is written: the
    /// document's text is never held whole.
    ///
    /// The file is written as [`SaveOptions`] says by default: a file
    /// replaced keeps its permissions, a new one is its owner's alone.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        self.save_with(path, &SaveOptions::default())
    }

    /// [`Network::save`] with the file's permissions chosen.
    ///
    /// ```no_run
    /// use samskab::{format::SaveOptions, Network};
    /// let net = Network::load("egebaek.json")?;
    /// net.save_with("shared/egebaek.json", &SaveOptions { mode: Some(0o640) })?;
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn save_with(&self, path: impl AsRef<Path>, options: &SaveOptions) -> Result<()> {
        write_atomic_with(path.as_ref(), options, |file| json::write_json(self, file))
    }
}
