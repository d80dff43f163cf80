//! A tie: the history of contact between two actors, as the scoring reads it.
//!
//! Each interaction leaves its key on the tie of every pair of its
//! participants: a group meeting of five touches ten ties. The tie's
//! [`Event`]s are made from the interactions when read, and kept in a
//! canonical order that depends on their content, never on the order they
//! were added, so that sums over them are the same to the last bit whatever
//! the order of loading.

use std::cmp::Ordering;

use petgraph::stable_graph::NodeIndex;

pub(crate) use super::event::{Event, Side};
use super::key::InteractionKey;
use super::store::Store;
use crate::words::InteractionKind;

impl Event {
    /// Requests: when answered (ms), if at all, as the interaction in
    /// `store` says.
    pub(crate) fn answered(&self, store: &Store) -> Option<i64> {
        if self.kind != InteractionKind::Request {
            return None;
        }
        store.answered_ms(self.key())
    }

    /// The order of a tie's events: by content (time, kind, outcome,
    /// traits, answer; unanswered first), the key last, so that the order
    /// never depends on the order of loading.
    pub(crate) fn order(&self, other: &Event, store: &Store) -> Ordering {
        (self.at, self.kind, self.outcome, self.traits)
            .cmp(&(other.at, other.kind, other.outcome, other.traits))
            .then_with(|| self.answered(store).cmp(&other.answered(store)))
            .then(self.key.cmp(&other.key))
    }
}

/// The history of contact between two actors: the keys of their
/// interactions, in the order of their events. A boxed slice, not a `Vec`:
/// a network holds one per pair that ever met, and 8 bytes of capacity in
/// each would be spent on lists that change only when an interaction does.
/// Four bytes an event, where the event itself would take sixteen: what
/// lets a country's hundred million interactions fit in memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tie {
    keys: Box<[u32]>,
}

impl Tie {
    /// The tie's events, read from `store`; `a` and `b` are the tie's ends
    /// (its edge's source and target: sides A and B).
    pub(crate) fn events<'n>(&'n self, store: &'n Store, a: NodeIndex, b: NodeIndex) -> Events<'n> {
        Events {
            keys: &self.keys,
            store,
            a,
            b,
        }
    }

    /// Adds an event of an interaction already in `store` to the tie of
    /// `a` and `b`.
    pub(crate) fn insert(&mut self, event: &Event, store: &Store, a: NodeIndex, b: NodeIndex) {
        let at = self.keys.partition_point(|&k| {
            store
                .event(k, a, b)
                .is_some_and(|e| e.order(event, store) == Ordering::Less)
        });
        self.edit(1, |keys| keys.insert(at, event.key));
    }

    /// Adds a batch of events of interactions already in `store` to the
    /// tie of `a` and `b`, allocating once for them all.
    pub(crate) fn extend(
        &mut self,
        batch: impl Iterator<Item = Event>,
        store: &Store,
        a: NodeIndex,
        b: NodeIndex,
    ) {
        let mut batch: Vec<Event> = batch.collect();
        batch.sort_unstable_by(|x, y| x.order(y, store));
        // A document is written in time order, so a load's later batches
        // nearly always follow what the tie has: those are appended, and
        // only a batch that reaches back is merged with the events read
        // again from the store.
        let follows = match (self.keys.last(), batch.first()) {
            (Some(&last), Some(first)) => store
                .event(last, a, b)
                .is_some_and(|last| last.order(first, store) == Ordering::Less),
            _ => true,
        };
        if !follows {
            batch.extend(self.keys.iter().filter_map(|&k| store.event(k, a, b)));
            batch.sort_unstable_by(|x, y| x.order(y, store));
            self.keys = Box::default();
        }
        self.edit(batch.len(), |keys| keys.extend(batch.iter().map(|e| e.key)));
    }

    /// Removes the event of an interaction; true when the tie is now empty.
    pub(crate) fn remove(&mut self, key: InteractionKey) -> bool {
        if let Ok(key) = u32::try_from(key.0) {
            if self.keys.contains(&key) {
                self.edit(0, |keys| keys.retain(|&k| k != key));
            }
        }
        self.keys.is_empty()
    }

    /// Changes the keys as a `Vec` with room for `more`, then boxes them
    /// again without spare capacity.
    fn edit(&mut self, more: usize, change: impl FnOnce(&mut Vec<u32>)) {
        let mut keys = std::mem::take(&mut self.keys).into_vec();
        keys.reserve_exact(more);
        change(&mut keys);
        self.keys = keys.into_boxed_slice();
    }
}

/// The events at or before `as_of_ms`: a prefix, as a tie's events are in
/// time order.
pub(crate) fn until(events: &[Event], as_of_ms: i64) -> &[Event] {
    &events[..events.partition_point(|e| e.at <= as_of_ms)]
}

/// A tie's events, each made from the store as it is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Events<'n> {
    keys: &'n [u32],
    store: &'n Store,
    /// The tie's ends: side A's node and side B's.
    pub(super) a: NodeIndex,
    b: NodeIndex,
}

impl<'n> Events<'n> {
    pub(crate) fn first(&self) -> Option<Event> {
        self.store.event(*self.keys.first()?, self.a, self.b)
    }

    /// All the events at once. Reading them in one short loop lets the
    /// processor fetch many interactions from memory at a time: a walk
    /// that scored each as it read it waited for one at a time.
    pub(crate) fn read(&self) -> Vec<Event> {
        self.read_from(0)
    }

    /// The events from the `start`th on, as [`Events::read`].
    pub(crate) fn read_from(&self, start: usize) -> Vec<Event> {
        let Events { keys, store, a, b } = *self;
        let keys = keys.get(start..).unwrap_or_default();
        keys.iter().filter_map(|&k| store.event(k, a, b)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Outcome;

    #[test]
    fn events_and_ties_stay_small() {
        // One key per pair of participants of every interaction, one tie
        // per pair that ever met: both are held by the million.
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
                        answerer,
                        InteractionKey(u64::from(u32::MAX)),
                    );
                    assert_eq!(e.group(), group);
                    assert_eq!(e.formal(), formal);
                    assert_eq!(e.initiator(), initiator);
                    assert_eq!(e.answerer(), answerer);
                    assert_eq!(e.key(), InteractionKey(u64::from(u32::MAX)));
                }
            }
        }
    }

    #[test]
    fn unanswered_sorts_before_answered_and_the_key_comes_last() {
        use crate::model::Interaction;
        let mut store = Store::default();
        let nodes = [
            petgraph::graph::NodeIndex::new(0),
            petgraph::graph::NodeIndex::new(1),
        ];
        let request = |answered: Option<&str>| {
            let mut x = Interaction::new(
                "2024-03-04".parse().unwrap(),
                ["a", "b"],
                InteractionKind::Request,
            );
            x.answered_at = answered.map(|t| t.parse().unwrap());
            x
        };
        // Keys in the opposite order to the answers.
        store.insert(InteractionKey(0), request(Some("2024-03-06")), &nodes);
        store.insert(InteractionKey(1), request(Some("2024-03-05")), &nodes);
        store.insert(InteractionKey(2), request(None), &nodes);
        let at = |key| {
            Event::new(
                "2024-03-04".parse::<crate::Moment>().unwrap().millis(),
                InteractionKind::Request,
                Outcome::Neutral,
                true,
                2,
                Side::None,
                Side::None,
                InteractionKey(key),
            )
        };
        let (a, b) = (nodes[0], nodes[1]);
        let mut tie = Tie::default();
        tie.extend([at(0), at(1)].into_iter(), &store, a, b);
        tie.insert(&at(2), &store, a, b);
        let events = tie.events(&store, a, b).read();
        let keys: Vec<u64> = events.iter().map(|e| e.key().0).collect();
        assert_eq!(keys, [2, 1, 0]);
        // What the store gives back is what the tie was given.
        assert_eq!(events, [at(2), at(1), at(0)]);
        assert!(until(&events, -1).is_empty());
        assert!(!tie.remove(InteractionKey(1)));
        assert_eq!(tie.events(&store, a, b).read(), [at(2), at(0)]);
        assert_eq!(at(2).answered(&store), None);
        assert!(at(1).answered(&store) < at(0).answered(&store));
    }
}
