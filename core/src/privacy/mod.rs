//! Personal data (N11): erasure of a person with every trace, pseudonymised
//! export, and retention limits.

mod erase;
mod pseudonymise;
mod retention;

pub use erase::{Erased, Mention};
pub use pseudonymise::{
    PseudonymOptions, ReidentificationRisk, TimeDetail, MIN_KEY_BYTES, MIN_KEY_DISTINCT_BYTES,
};
pub use retention::Purged;
