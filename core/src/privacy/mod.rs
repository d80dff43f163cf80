//! Personal data (N11): erasure of a person with every trace, pseudonymised
//! export, and retention limits.

mod erase;
mod pseudonymise;
mod retention;

pub use erase::Erased;
pub use pseudonymise::MIN_KEY_BYTES;
pub use retention::Purged;
