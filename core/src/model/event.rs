//! One interaction as one tie sees it: the sides of its two ends and the
//! traits scoring reads, packed small.

use super::key::InteractionKey;
use crate::words::{InteractionKind, Outcome};

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

/// One interaction as seen from one tie: what scoring reads. Made from the
/// store (see [`Store::event`]) when a tie is read, and kept only while a
/// batch of them waits for its ties: a network has one per pair of
/// participants of every interaction. The group size, formality and both
/// sides share one word, so that a waiting event takes 16 bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Milliseconds since the epoch.
    pub at: i64,
    pub kind: InteractionKind,
    pub outcome: Outcome,
    /// From the top: the group size (10 bits), formal (1), the initiator's
    /// side (2) and the answerer's (2).
    pub(super) traits: u16,
    pub(super) key: u32,
}

impl Event {
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
            // The checks before keep keys below MAX_INTERACTIONS.
            key: u32::try_from(key.0).unwrap_or(u32::MAX),
        }
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
