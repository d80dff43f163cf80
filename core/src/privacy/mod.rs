//! Personal data (N11): erasure of a person with every trace.

mod erase;

pub use erase::Erased;
