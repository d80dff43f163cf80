//! Interactions as the network holds them: participants as node indices and
//! the fields most interactions leave out behind one pointer, so that a
//! network of a hundred million contacts fits in memory. An [`Interaction`]
//! with the actors' ids is made from one only when it is asked for.

use petgraph::stable_graph::NodeIndex;

use super::network::InteractionKey;
use super::records::Interaction;
use super::words::{InteractionKind, Outcome};
use crate::time::{Compact, Moment};

/// No participant: the initiator or answerer was not written.
const NONE: u16 = u16::MAX;

/// One interaction, compact.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    /// Always a moment; `Compact` so that with `answered_at` it takes 24
    /// bytes, not 36.
    at: Compact,
    answered_at: Compact,
    /// The first two participants, in the order written.
    two: [u32; 2],
    /// Position of the initiator among the participants, or `NONE`.
    initiator: u16,
    pub kind: InteractionKind,
    pub formal_written: Option<bool>,
    pub outcome_written: Option<Outcome>,
    rare: Option<Box<Rare>>,
}

/// What most interactions do not have.
#[derive(Debug, Clone, Default)]
struct Rare {
    id: Option<String>,
    /// Participants after the first two.
    more: Vec<u32>,
    /// Position of the answerer as written among the participants, or `NONE`.
    answered_by: u16,
    initiative: Option<String>,
    note: Option<String>,
}

impl Packed {
    /// Packs a checked interaction whose participants are the nodes
    /// `nodes`, in order. `None` when a participant has no node or there are
    /// fewer than two, which the checks before rule out.
    pub fn pack(x: Interaction, nodes: &[NodeIndex]) -> Option<Packed> {
        if nodes.len() != x.participants.len() {
            return None;
        }
        let members: Vec<u32> = nodes
            .iter()
            .map(|n| u32::try_from(n.index()).ok())
            .collect::<Option<_>>()?;
        let position = |who: &Option<String>| {
            who.as_ref()
                .and_then(|w| x.participants.iter().position(|p| p == w))
                .and_then(|i| u16::try_from(i).ok())
                .unwrap_or(NONE)
        };
        let initiator = position(&x.initiator);
        let answered_by = position(&x.answered_by);
        let two = [*members.first()?, *members.get(1)?];
        let more = members.get(2..).unwrap_or_default().to_vec();
        let rare = (x.id.is_some()
            || !more.is_empty()
            || answered_by != NONE
            || x.initiative.is_some()
            || x.note.is_some())
        .then(|| {
            Box::new(Rare {
                id: x.id,
                more,
                answered_by,
                initiative: x.initiative,
                note: x.note,
            })
        });
        Some(Packed {
            at: Compact::of(Some(x.at)),
            answered_at: Compact::of(x.answered_at),
            two,
            initiator,
            kind: x.kind,
            formal_written: x.formal_written,
            outcome_written: x.outcome_written,
            rare,
        })
    }

    pub fn at(&self) -> Moment {
        // Packed from a moment, so never absent.
        self.at
            .get()
            .unwrap_or(Moment::Date(chrono::NaiveDate::MIN))
    }

    pub fn answered_at(&self) -> Option<Moment> {
        self.answered_at.get()
    }

    /// As `at().millis()`, without making the moment.
    pub fn at_ms(&self) -> i64 {
        self.at.millis().unwrap_or(i64::MIN)
    }

    /// What orders interactions by `at` as [`Moment`]s do, to the
    /// nanosecond, without making them.
    pub fn at_instant(&self) -> (i64, u32) {
        self.at.instant()
    }

    pub fn answered_ms(&self) -> Option<i64> {
        self.answered_at.millis()
    }

    /// The participants' nodes, in the order written.
    pub fn members(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        let more = self.rare.as_ref().map_or(&[][..], |r| &r.more[..]);
        self.two
            .iter()
            .chain(more)
            .map(|&n| NodeIndex::new(n as usize))
    }

    fn member(&self, position: u16) -> Option<NodeIndex> {
        if position == NONE {
            return None;
        }
        self.members().nth(usize::from(position))
    }

    /// The initiator's node, if written.
    pub fn initiator(&self) -> Option<NodeIndex> {
        self.member(self.initiator)
    }

    /// The answerer's node as written (see [`Interaction::answerer`] for
    /// the one inferred).
    pub fn answered_by(&self) -> Option<NodeIndex> {
        self.member(self.rare.as_ref().map_or(NONE, |r| r.answered_by))
    }

    /// As [`Interaction::formal`].
    pub fn formal(&self) -> bool {
        self.kind.formal_unless(self.formal_written)
    }

    /// As [`Interaction::outcome`].
    pub fn outcome(&self) -> Outcome {
        Outcome::unless(self.outcome_written)
    }

    pub fn id(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.id.as_deref())
    }

    pub fn initiative(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.initiative.as_deref())
    }

    /// The interaction with the actors' ids; `id_of` names each node.
    pub fn unpack<'a>(&self, id_of: impl Fn(NodeIndex) -> &'a str) -> Interaction {
        let name = |n: Option<NodeIndex>| n.map(|n| id_of(n).to_owned());
        let rare = self.rare.as_deref();
        Interaction {
            id: rare.and_then(|r| r.id.clone()),
            at: self.at(),
            participants: self.members().map(|n| id_of(n).to_owned()).collect(),
            kind: self.kind,
            initiator: name(self.initiator()),
            formal_written: self.formal_written,
            outcome_written: self.outcome_written,
            answered_at: self.answered_at(),
            answered_by: name(self.answered_by()),
            initiative: rare.and_then(|r| r.initiative.clone()),
            note: rare.and_then(|r| r.note.clone()),
        }
    }
}

/// The interactions of a network by key. Keys are handed out in order and
/// never reused, so a key is a position; a removed interaction leaves an
/// empty slot.
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    slots: Vec<Option<Packed>>,
    len: usize,
}

impl Store {
    fn slot(key: InteractionKey) -> Option<usize> {
        usize::try_from(key.0).ok()
    }

    pub fn get(&self, key: InteractionKey) -> Option<&Packed> {
        self.slots.get(Self::slot(key)?)?.as_ref()
    }

    pub fn contains(&self, key: InteractionKey) -> bool {
        self.get(key).is_some()
    }

    /// Puts an interaction under its key, replacing any there.
    pub fn insert(&mut self, key: InteractionKey, packed: Packed) {
        let Some(i) = Self::slot(key) else { return };
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, || None);
        }
        if self.slots[i].replace(packed).is_none() {
            self.len += 1;
        }
    }

    pub fn remove(&mut self, key: InteractionKey) -> Option<Packed> {
        let taken = self.slots.get_mut(Self::slot(key)?)?.take();
        if taken.is_some() {
            self.len -= 1;
        }
        taken
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Room for `more` interactions beyond the last key, for a batch.
    pub fn reserve(&mut self, more: usize) {
        self.slots.reserve_exact(more);
    }

    /// Every interaction in key order, without its key.
    pub fn values(&self) -> impl Iterator<Item = &Packed> + '_ {
        self.slots.iter().flatten()
    }

    /// Every interaction in key order.
    pub fn iter(&self) -> impl Iterator<Item = (InteractionKey, &Packed)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((InteractionKey(i as u64), p.as_ref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_interactions_take_a_few_words() {
        // Kept small on purpose: it is held once per interaction.
        assert!(std::mem::size_of::<Option<Packed>>() <= 48);
    }
}
