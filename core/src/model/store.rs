//! Interactions as the network holds them: participants as node indices and
//! the fields most interactions leave out behind one pointer, so that a
//! network of a hundred million contacts fits in memory. An [`Interaction`]
//! with the actors' ids is made from one only when it is asked for.

use petgraph::stable_graph::NodeIndex;

use super::event::{Event, Side};
use super::key::InteractionKey;
use super::records::Interaction;
use crate::time::{Compact, Moment};
use crate::words::{InteractionKind, Outcome};

/// No participant: the initiator or answerer was not written.
const NONE: u16 = u16::MAX;

/// One interaction, compact.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    /// Always a moment; `Compact` so that it takes 12 bytes, not 20.
    at: Compact,
    /// Where in the store's `answers` the answer's moment is, or
    /// [`NO_ANSWER`]: only answered requests have one.
    answer: u32,
    /// The first two participants, in the order written.
    two: [u32; 2],
    /// Position of the initiator among the participants, or `NONE`.
    initiator: u16,
    pub kind: InteractionKind,
    pub formal_written: Option<bool>,
    pub outcome_written: Option<Outcome>,
    /// Where in the store's `rare` its rarer fields are, or [`NO_RARE`].
    rare: u32,
}

const NO_RARE: u32 = u32::MAX;
const NO_ANSWER: u32 = u32::MAX;

/// What most interactions do not have. Kept in one list beside the
/// interactions rather than each behind its own pointer: a load makes them
/// while it frees the text's strings, and small boxes made then would each
/// keep a page of those freed strings resident.
#[derive(Debug, Clone, Default)]
struct Rare {
    id: Option<String>,
    /// Participants after the first two: `more_len` from `more_start` in
    /// the store's `more`.
    more_start: u32,
    more_len: u16,
    /// Position of the answerer as written among the participants, or `NONE`.
    answered_by: u16,
    initiative: Option<String>,
    note: Option<String>,
}

impl Packed {
    pub fn at(&self) -> Moment {
        // Packed from a moment, so never absent.
        self.at
            .get()
            .unwrap_or(Moment::Date(chrono::NaiveDate::MIN))
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

    /// As [`Interaction::formal`].
    pub fn formal(&self) -> bool {
        self.kind.formal_unless(self.formal_written)
    }

    /// As [`Interaction::outcome`].
    pub fn outcome(&self) -> Outcome {
        Outcome::unless(self.outcome_written)
    }
}

/// An interaction in the store with its rarer fields: what reads one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'s> {
    packed: &'s Packed,
    rare: Option<&'s Rare>,
    more: &'s [u32],
    answered_at: Compact,
}

impl std::ops::Deref for Entry<'_> {
    type Target = Packed;
    fn deref(&self) -> &Packed {
        self.packed
    }
}

impl<'s> Entry<'s> {
    /// The participants' nodes, in the order written.
    pub fn members(&self) -> impl Iterator<Item = NodeIndex> + 's {
        self.packed
            .two
            .iter()
            .chain(self.more)
            .map(|&n| NodeIndex::new(n as usize))
    }

    fn member(&self, position: u16) -> Option<NodeIndex> {
        if position == NONE {
            return None;
        }
        self.members().nth(usize::from(position))
    }

    pub fn answered_at(&self) -> Option<Moment> {
        self.answered_at.get()
    }

    pub fn answered_ms(&self) -> Option<i64> {
        self.answered_at.millis()
    }

    /// The initiator's node, if written.
    pub fn initiator(&self) -> Option<NodeIndex> {
        self.member(self.packed.initiator)
    }

    /// The answerer's node as written (see [`Interaction::answerer`] for
    /// the one inferred).
    pub fn answered_by(&self) -> Option<NodeIndex> {
        self.member(self.rare.map_or(NONE, |r| r.answered_by))
    }

    pub fn id(&self) -> Option<&'s str> {
        self.rare.and_then(|r| r.id.as_deref())
    }

    pub fn note(&self) -> Option<&'s str> {
        self.rare.and_then(|r| r.note.as_deref())
    }

    pub fn initiative(&self) -> Option<&'s str> {
        self.rare.and_then(|r| r.initiative.as_deref())
    }

    /// The interaction with the actors' ids; `id_of` names each node.
    pub fn unpack<'a>(&self, id_of: impl Fn(NodeIndex) -> &'a str) -> Interaction {
        let name = |n: Option<NodeIndex>| n.map(|n| id_of(n).to_owned());
        let x = self.packed;
        Interaction {
            id: self.id().map(str::to_owned),
            at: x.at(),
            participants: self.members().map(|n| id_of(n).to_owned()).collect(),
            kind: x.kind,
            initiator: name(self.initiator()),
            formal_written: x.formal_written,
            outcome_written: x.outcome_written,
            answered_at: self.answered_at(),
            answered_by: name(self.answered_by()),
            initiative: self.initiative().map(str::to_owned),
            note: self.note().map(str::to_owned),
        }
    }
}

/// The interactions of a network by key. Keys are handed out in order and
/// never reused, so a key is a position; a removed interaction leaves an
/// empty slot.
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    slots: Chunked<Option<Packed>>,
    len: usize,
    /// The rarer fields of interactions that have them; a removed
    /// interaction's are emptied, so none of its text stays.
    rare: Vec<Rare>,
    /// Participants after the first two, of every interaction with more.
    more: Vec<u32>,
    /// When requests were answered: kept apart, as one interaction in
    /// eight or so has an answer, and 12 bytes in each would cost more
    /// than this list and a 4-byte place in each.
    answers: Vec<Compact>,
}

impl Store {
    fn slot(key: InteractionKey) -> Option<usize> {
        usize::try_from(key.0).ok()
    }

    fn entry<'s>(&'s self, packed: &'s Packed) -> Entry<'s> {
        let rare = self.rare.get(packed.rare as usize);
        let more = rare
            .and_then(|r| {
                let start = r.more_start as usize;
                self.more
                    .get(start..start.saturating_add(usize::from(r.more_len)))
            })
            .unwrap_or_default();
        Entry {
            packed,
            rare,
            more,
            answered_at: self.answer_of(packed),
        }
    }

    /// When the interaction was answered, or `Compact::ABSENT`.
    fn answer_of(&self, packed: &Packed) -> Compact {
        self.answers
            .get(packed.answer as usize)
            .copied()
            .unwrap_or(Compact::ABSENT)
    }

    pub fn get(&self, key: InteractionKey) -> Option<Entry<'_>> {
        let packed = self.slots.get(Self::slot(key)?)?.as_ref()?;
        Some(self.entry(packed))
    }

    /// When the interaction with this key was answered (ms), if at all.
    pub fn answered_ms(&self, key: InteractionKey) -> Option<i64> {
        let packed = self.slots.get(Self::slot(key)?)?.as_ref()?;
        self.answer_of(packed).millis()
    }

    /// The interaction with this key as seen from the tie of `a` (side A)
    /// and `b`: what scoring reads, made here rather than kept on the tie,
    /// as a network holds one per pair of participants of every interaction.
    pub fn event(&self, key: u32, a: NodeIndex, b: NodeIndex) -> Option<Event> {
        let x = self.slots.get(key as usize)?.as_ref()?;
        let rare = self.rare.get(x.rare as usize);
        let more = |r: &Rare| {
            let start = r.more_start as usize;
            self.more
                .get(start..start.saturating_add(usize::from(r.more_len)))
        };
        let node = |position: u16| -> Option<NodeIndex> {
            let n = match position {
                NONE => return None,
                0 | 1 => x.two[usize::from(position)],
                p => *more(rare?)?.get(usize::from(p) - 2)?,
            };
            Some(NodeIndex::new(n as usize))
        };
        let group = 2 + rare.map_or(0, |r| r.more_len);
        let written_answerer = rare.map_or(NONE, |r| r.answered_by);
        // As Interaction::answerer: as written, else the one participant
        // who is not the initiator of an answered request.
        let answerer = if written_answerer != NONE {
            node(written_answerer)
        } else if x.kind == InteractionKind::Request
            && x.answer != NO_ANSWER
            && group == 2
            && x.initiator <= 1
        {
            node(1 - x.initiator)
        } else {
            None
        };
        let side = |n: Option<NodeIndex>| match n {
            None => Side::None,
            Some(n) if n == a => Side::A,
            Some(n) if n == b => Side::B,
            Some(_) => Side::Other,
        };
        Some(Event::new(
            x.at_ms(),
            x.kind,
            x.outcome(),
            x.formal(),
            group,
            side(node(x.initiator)),
            side(answerer),
            InteractionKey(u64::from(key)),
        ))
    }

    pub fn contains(&self, key: InteractionKey) -> bool {
        self.get(key).is_some()
    }

    /// Puts a checked interaction whose participants are the nodes `nodes`,
    /// in order, under its key, replacing any there. Nothing is put when a
    /// participant has no node or there are fewer than two, which the
    /// checks before rule out.
    pub fn insert(&mut self, key: InteractionKey, x: Interaction, nodes: &[NodeIndex]) {
        let Some(i) = Self::slot(key) else { return };
        if nodes.len() != x.participants.len() {
            return;
        }
        let Some(members) = nodes
            .iter()
            .map(|n| u32::try_from(n.index()).ok())
            .collect::<Option<Vec<u32>>>()
        else {
            return;
        };
        let (Some(&first), Some(&second)) = (members.first(), members.get(1)) else {
            return;
        };
        let position = |who: &Option<String>| {
            who.as_ref()
                .and_then(|w| x.participants.iter().position(|p| p == w))
                .and_then(|i| u16::try_from(i).ok())
                .unwrap_or(NONE)
        };
        let initiator = position(&x.initiator);
        let answered_by = position(&x.answered_by);
        let more = &members[2..];
        let needs_rare = x.id.is_some()
            || !more.is_empty()
            || answered_by != NONE
            || x.initiative.is_some()
            || x.note.is_some();
        let rare = match (needs_rare, u32::try_from(self.rare.len())) {
            (true, Ok(at)) if at != NO_RARE => {
                let more_start = u32::try_from(self.more.len()).unwrap_or(u32::MAX);
                self.more.extend_from_slice(more);
                self.rare.push(Rare {
                    id: x.id,
                    more_start,
                    // At most MAX_PARTICIPANTS after the checks.
                    more_len: u16::try_from(more.len()).unwrap_or(u16::MAX),
                    answered_by,
                    initiative: x.initiative,
                    note: x.note,
                });
                at
            }
            _ => NO_RARE,
        };
        let answer = match (x.answered_at, u32::try_from(self.answers.len())) {
            (Some(t), Ok(at)) if at != NO_ANSWER => {
                self.answers.push(Compact::of(Some(t)));
                at
            }
            _ => NO_ANSWER,
        };
        let packed = Packed {
            at: Compact::of(Some(x.at)),
            answer,
            two: [first, second],
            initiator,
            kind: x.kind,
            formal_written: x.formal_written,
            outcome_written: x.outcome_written,
            rare,
        };
        while self.slots.len() <= i {
            self.slots.push(None);
        }
        let Some(slot) = self.slots.get_mut(i) else {
            return;
        };
        match slot.replace(packed) {
            Some(old) => self.forget_rare(&old),
            None => self.len += 1,
        }
    }

    fn forget_rare(&mut self, old: &Packed) {
        if let Some(r) = self.rare.get_mut(old.rare as usize) {
            *r = Rare::default();
        }
        if let Some(a) = self.answers.get_mut(old.answer as usize) {
            *a = Compact::ABSENT;
        }
    }

    /// Takes an interaction out; its rarer fields are emptied.
    pub fn remove(&mut self, key: InteractionKey) {
        let Some(taken) = Self::slot(key).and_then(|i| self.slots.get_mut(i)?.take()) else {
            return;
        };
        self.len -= 1;
        self.forget_rare(&taken);
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Room for `more` interactions beyond the last key, for a batch.
    pub fn reserve(&mut self, more: usize) {
        self.slots.reserve(more);
    }

    /// Gives back the room a load left unused: a streamed load does not
    /// know its number of interactions in advance, and the lists of rarer
    /// fields grow by doubling. (Large lists are mapped pages, so shrinking
    /// them moves nothing.)
    pub fn shrink_to_fit(&mut self) {
        self.slots.shrink_to_fit();
        self.rare.shrink_to_fit();
        self.more.shrink_to_fit();
        self.answers.shrink_to_fit();
    }

    /// Every interaction in key order, without its key.
    pub fn values(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.slots.iter().flatten().map(|p| self.entry(p))
    }

    /// Every interaction in key order.
    pub fn iter(&self) -> impl Iterator<Item = (InteractionKey, Entry<'_>)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((InteractionKey(i as u64), self.entry(p.as_ref()?))))
    }
}

/// A list grown a chunk at a time, never moved: the interactions of a load
/// whose length is not known in advance. A list grown by doubling held up
/// to twice what it needed, and while it moved, both copies (at XL 2.4 GB
/// and 4.8 GB at once, for 3.6 GB of interactions).
#[derive(Debug, Clone)]
struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    /// 2^16 items a chunk: 2.4 MB of interactions.
    const BITS: u32 = 16;
    const CHUNK: usize = 1 << Self::BITS;

    fn len(&self) -> usize {
        self.len
    }

    fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i >> Self::BITS)?.get(i & (Self::CHUNK - 1))
    }

    fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.chunks
            .get_mut(i >> Self::BITS)?
            .get_mut(i & (Self::CHUNK - 1))
    }

    fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < Self::CHUNK => last.push(item),
            _ => {
                let mut chunk = Vec::with_capacity(Self::CHUNK);
                chunk.push(item);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    /// Room in the list of chunks for `more` items.
    fn reserve(&mut self, more: usize) {
        self.chunks.reserve(more.div_ceil(Self::CHUNK));
    }

    fn shrink_to_fit(&mut self) {
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
        self.chunks.shrink_to_fit();
    }

    fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.chunks.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_interactions_take_a_few_words() {
        // Kept small on purpose: it is held once per interaction.
        assert!(std::mem::size_of::<Option<Packed>>() <= 36);
    }

    #[test]
    fn a_chunked_list_reads_back_across_chunks() {
        let mut list: Chunked<u32> = Chunked::default();
        let n = Chunked::<u32>::CHUNK * 2 + 3;
        list.reserve(n);
        for i in 0..n {
            list.push(i as u32);
        }
        assert_eq!(list.len(), n);
        assert_eq!(list.chunks.len(), 3);
        assert_eq!(
            list.get(Chunked::<u32>::CHUNK),
            Some(&(Chunked::<u32>::CHUNK as u32))
        );
        assert_eq!(list.get(n), None);
        *list.get_mut(n - 1).unwrap() = 7;
        list.shrink_to_fit();
        assert_eq!(list.chunks[2].capacity(), 3);
        let all: Vec<u32> = list.iter().copied().collect();
        assert_eq!(all.len(), n);
        assert!(all[..n - 1].iter().enumerate().all(|(i, &v)| v == i as u32));
        assert_eq!(all[n - 1], 7);
    }

    #[test]
    fn an_event_reads_sides_and_group_from_the_interaction() {
        use super::super::InteractionKind::{Meeting, Request};
        let n = |i: usize| NodeIndex::new(i);
        let mut store = Store::default();
        // A request of two, answered, the answerer not written: the other one.
        let mut x = Interaction::new("2024-03-04".parse().unwrap(), ["a", "b"], Request);
        x.initiator = Some("b".into());
        x.answered_at = Some("2024-03-05".parse().unwrap());
        store.insert(InteractionKey(0), x, &[n(7), n(3)]);
        // A meeting of four: the initiator and answerer past the first two.
        let mut x = Interaction::new(
            "2024-03-04T10:00:00+02:00".parse().unwrap(),
            ["a", "b", "c", "d"],
            Meeting,
        );
        x.initiator = Some("d".into());
        x.answered_by = Some("c".into());
        store.insert(InteractionKey(1), x, &[n(0), n(1), n(2), n(5)]);
        // Unanswered: no answerer.
        let mut x = Interaction::new("2024-03-04".parse().unwrap(), ["a", "b"], Request);
        x.initiator = Some("a".into());
        store.insert(InteractionKey(2), x, &[n(3), n(7)]);

        let e = store.event(0, n(3), n(7)).unwrap();
        assert_eq!(
            (e.initiator(), e.answerer(), e.group()),
            (Side::A, Side::B, 2)
        );
        assert_eq!(e.at, "2024-03-04".parse::<Moment>().unwrap().millis());
        let e = store.event(1, n(2), n(5)).unwrap();
        assert_eq!(
            (e.initiator(), e.answerer(), e.group()),
            (Side::B, Side::A, 4)
        );
        assert!(e.formal());
        let e = store.event(1, n(0), n(1)).unwrap();
        assert_eq!((e.initiator(), e.answerer()), (Side::Other, Side::Other));
        let e = store.event(2, n(3), n(7)).unwrap();
        assert_eq!((e.initiator(), e.answerer()), (Side::A, Side::None));
        assert!(store.event(3, n(3), n(7)).is_none());
    }

    #[test]
    fn a_removed_or_replaced_interaction_leaves_no_text() {
        let mut store = Store::default();
        let nodes: Vec<NodeIndex> = (0..3).map(NodeIndex::new).collect();
        let mut x = Interaction::new(
            "2024-03-04".parse().unwrap(),
            ["a", "b", "c"],
            super::super::InteractionKind::Meeting,
        );
        x.note = Some("private".into());
        x.initiator = Some("c".into());
        let (one, two) = (InteractionKey(0), InteractionKey(1));
        store.insert(one, x.clone(), &nodes);
        store.insert(two, x.clone(), &nodes);
        let got = store.get(one).unwrap();
        assert_eq!(got.members().collect::<Vec<_>>(), nodes);
        assert_eq!(got.initiator(), Some(NodeIndex::new(2)));
        assert_eq!(got.unpack(|_| "a").note.as_deref(), Some("private"));

        store.remove(one);
        x.note = None;
        store.insert(two, x, &nodes);
        assert_eq!(store.len(), 1);
        assert!(store.get(one).is_none());
        assert_eq!(store.get(two).unwrap().unpack(|_| "a").note, None);
        assert!(store.rare.iter().all(|r| r.note.is_none()));
    }
}
