//! WebAssembly bindings for samskab (grown in their own issue).
use wasm_bindgen::prelude::*;

/// The version of the samskab crate inside this module.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
