//! A tie: the history of contact between two actors, as the scoring reads it.
//!
//! Each interaction leaves one [`Event`] on the tie of every pair of its
//! participants: a group meeting of five touches ten ties. Events are kept in
//! a canonical order that depends on their content, never on the order they
//! were added, so that sums over them are the same to the last bit whatever
//! the order of loading.

use super::words::{InteractionKind, Outcome};
use super::InteractionKey;

/// Which end of a tie an actor is. `A` is the edge's source in the graph,
/// `B` its target; `Other` is a third participant of a group interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Side {
    None,
    A,
    B,
    Other,
}

impl Side {
    pub(crate) fn flip(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
            s => s,
        }
    }
}

/// One interaction as seen from one tie. Field order is the sort order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Event {
    /// Milliseconds since the epoch.
    pub at: i64,
    pub kind: InteractionKind,
    pub outcome: Outcome,
    pub formal: bool,
    /// Number of participants of the interaction.
    pub group: u32,
    pub initiator: Side,
    /// Requests: when answered (ms), if at all.
    pub answered: Option<i64>,
    pub answerer: Side,
    pub key: InteractionKey,
}

/// The history of contact between two actors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tie {
    events: Vec<Event>,
}

impl Tie {
    /// Events at or before `as_of_ms`: a prefix, because events are in time order.
    pub(crate) fn events_until(&self, as_of_ms: i64) -> &[Event] {
        let end = self.events.partition_point(|e| e.at <= as_of_ms);
        &self.events[..end]
    }

    pub(crate) fn insert(&mut self, event: Event) {
        let at = self.events.partition_point(|e| *e < event);
        self.events.insert(at, event);
    }

    /// Adds an event without keeping the order; call [`Tie::sort`] after a batch.
    pub(crate) fn push(&mut self, event: Event) {
        self.events.push(event);
    }

    pub(crate) fn sort(&mut self) {
        self.events.sort_unstable();
    }

    /// Removes the event of an interaction; true when the tie is now empty.
    pub(crate) fn remove(&mut self, key: InteractionKey) -> bool {
        self.events.retain(|e| e.key != key);
        self.events.is_empty()
    }
}
