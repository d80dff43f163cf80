//! The handle on an interaction.

/// A handle on one interaction of a network, for interactions that have no
/// id of their own. Keys are never reused within a network; they are not
/// saved, so a loaded network numbers its interactions afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InteractionKey(pub(crate) u64);

impl InteractionKey {
    /// The key as a number, for bindings and tables.
    pub fn get(self) -> u64 {
        self.0
    }

    /// The key with this number (as given by [`InteractionKey::get`]).
    pub fn from_raw(raw: u64) -> Self {
        InteractionKey(raw)
    }
}
