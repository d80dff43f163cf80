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

    fn bits(self) -> u16 {
        match self {
            Side::None => 0,
            Side::A => 1,
            Side::B => 2,
            Side::Other => 3,
        }
    }

    /// The side in the two lowest bits.
    fn from_bits(bits: u16) -> Side {
        match bits & 3 {
            0 => Side::None,
            1 => Side::A,
            2 => Side::B,
            _ => Side::Other,
        }
    }
}

/// One interaction as seen from one tie. Field order is the sort order:
/// content first, so that the order never depends on the order of loading.
/// Kept to 24 bytes: a network holds one per pair of participants of every
/// interaction, so the group size, formality and both sides share one word,
/// and the key is held in 32 bits (a network hands out at most
/// [`MAX_INTERACTIONS`](super::MAX_INTERACTIONS) keys).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Event {
    /// Milliseconds since the epoch.
    pub at: i64,
    pub kind: InteractionKind,
    pub outcome: Outcome,
    /// From the top: the group size (10 bits), formal (1), the initiator's
    /// side (2) and the answerer's (2).
    traits: u16,
    /// Requests: when answered (ms), or [`Event::UNANSWERED`], which sorts
    /// first as `None` did.
    answered: i64,
    key: u32,
}

impl Event {
    const UNANSWERED: i64 = i64::MIN;
    /// The largest group size the traits hold; groups are at most
    /// [`MAX_PARTICIPANTS`](super::MAX_PARTICIPANTS).
    const GROUP_BITS: u16 = 0x3ff;

    #[allow(clippy::too_many_arguments)] // one per field: the event's whole content
    pub(crate) fn new(
        at: i64,
        kind: InteractionKind,
        outcome: Outcome,
        formal: bool,
        group: u16,
        initiator: Side,
        answered: Option<i64>,
        answerer: Side,
        key: InteractionKey,
    ) -> Event {
        let traits = (group.min(Self::GROUP_BITS) << 5)
            | (u16::from(formal) << 4)
            | (initiator.bits() << 2)
            | answerer.bits();
        Event {
            at,
            kind,
            outcome,
            traits,
            // No moment chrono can write is i64::MIN milliseconds from the epoch.
            answered: answered.unwrap_or(Self::UNANSWERED),
            // The checks before keep keys below MAX_INTERACTIONS.
            key: u32::try_from(key.0).unwrap_or(u32::MAX),
        }
    }

    /// Requests: when answered (ms), if at all.
    pub(crate) fn answered(&self) -> Option<i64> {
        (self.answered != Self::UNANSWERED).then_some(self.answered)
    }

    /// Number of participants of the interaction.
    pub(crate) fn group(&self) -> u16 {
        self.traits >> 5
    }

    pub(crate) fn formal(&self) -> bool {
        self.traits & (1 << 4) != 0
    }

    pub(crate) fn initiator(&self) -> Side {
        Side::from_bits(self.traits >> 2)
    }

    pub(crate) fn answerer(&self) -> Side {
        Side::from_bits(self.traits)
    }

    pub(crate) fn key(&self) -> InteractionKey {
        InteractionKey(u64::from(self.key))
    }
}

/// The history of contact between two actors. A boxed slice, not a `Vec`:
/// a network holds one per pair that ever met, and 8 bytes of capacity in
/// each would be spent on lists that change only when an interaction does.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tie {
    events: Box<[Event]>,
}

impl Tie {
    /// Events at or before `as_of_ms`: a prefix, because events are in time order.
    pub(crate) fn events_until(&self, as_of_ms: i64) -> &[Event] {
        let end = self.events.partition_point(|e| e.at <= as_of_ms);
        &self.events[..end]
    }

    pub(crate) fn insert(&mut self, event: Event) {
        let at = self.events.partition_point(|e| *e < event);
        let mut events = std::mem::take(&mut self.events).into_vec();
        events.reserve_exact(1);
        events.insert(at, event);
        self.events = events.into_boxed_slice();
    }

    /// Adds a batch of events, allocating once for them all.
    pub(crate) fn extend(&mut self, batch: impl ExactSizeIterator<Item = Event>) {
        let mut events = std::mem::take(&mut self.events).into_vec();
        events.reserve_exact(batch.len());
        events.extend(batch);
        events.sort_unstable();
        self.events = events.into_boxed_slice();
    }

    /// Removes the event of an interaction; true when the tie is now empty.
    pub(crate) fn remove(&mut self, key: InteractionKey) -> bool {
        let mut events = std::mem::take(&mut self.events).into_vec();
        events.retain(|e| e.key() != key);
        self.events = events.into_boxed_slice();
        self.events.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_ties_stay_small() {
        // One event per pair of participants of every interaction, one tie
        // per pair that ever met: both are held by the million.
        assert_eq!(std::mem::size_of::<Event>(), 24);
        assert_eq!(std::mem::size_of::<Tie>(), 16);
        assert_eq!(std::mem::size_of::<Option<Tie>>(), 16);
    }

    #[test]
    fn an_event_gives_back_what_it_was_made_with() {
        let sides = [Side::None, Side::A, Side::B, Side::Other];
        for (group, formal) in [(2, false), (3, true), (1000, true)] {
            for initiator in sides {
                for answerer in sides {
                    let e = Event::new(
                        7,
                        InteractionKind::Request,
                        Outcome::Positive,
                        formal,
                        group,
                        initiator,
                        Some(9),
                        answerer,
                        InteractionKey(u64::from(u32::MAX)),
                    );
                    assert_eq!(e.group(), group);
                    assert_eq!(e.formal(), formal);
                    assert_eq!(e.initiator(), initiator);
                    assert_eq!(e.answerer(), answerer);
                    assert_eq!(e.key(), InteractionKey(u64::from(u32::MAX)));
                    assert_eq!(e.answered(), Some(9));
                }
            }
        }
    }

    #[test]
    fn unanswered_sorts_before_answered_as_none_did() {
        let at = |answered| {
            Event::new(
                0,
                InteractionKind::Request,
                Outcome::Neutral,
                true,
                2,
                Side::A,
                answered,
                Side::B,
                InteractionKey(0),
            )
        };
        assert!(at(None) < at(Some(i64::MIN + 1)));
        assert_eq!(at(None).answered(), None);
        assert_eq!(at(Some(5)).answered(), Some(5));
    }
}
