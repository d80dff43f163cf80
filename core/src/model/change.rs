//! What a [`Network`] answers about its records, and the checked changes
//! of the public API, each applied through [`Network::edit`].

use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use super::config::ScoringConfig;
use super::key::InteractionKey;
use super::network::Network;
use super::records::{Actor, Initiative, Interaction};
use super::store::Entry;
use super::tie::{Events, Side};
use super::validate::{self, Ids};
use crate::error::{shown, Error, Problem, Result};

/// The interactions of the keys in `keys`, made one at a time.
struct InOrder<'n> {
    net: &'n Network,
    keys: std::vec::IntoIter<((i64, u32), u32)>,
}

impl Iterator for InOrder<'_> {
    type Item = (InteractionKey, Interaction);

    fn next(&mut self) -> Option<Self::Item> {
        // Every key is of an interaction in the store (the network is
        // borrowed while this walks), so none is skipped.
        self.keys.find_map(|(_, k)| {
            let key = InteractionKey(u64::from(k));
            Some((key, self.net.unpack(self.net.store().get(key)?)))
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.keys.size_hint()
    }
}

impl ExactSizeIterator for InOrder<'_> {}

/// The ids of a network, for the shared checks.
pub(crate) struct NetworkIds<'a>(pub(crate) &'a Network);

impl Ids for NetworkIds<'_> {
    fn actor(&self, id: &str) -> bool {
        self.0.actor_index().contains_key(id)
    }
    fn initiative(&self, id: &str) -> bool {
        self.0.initiative_map().contains_key(id)
    }
}

impl Network {
    /// An empty network with the default scoring.
    pub fn new() -> Network {
        Network::default()
    }

    // ----- reading -------------------------------------------------------

    /// Sets the scoring parameters; they are saved in `meta.scoring`.
    pub fn set_scoring(&mut self, config: ScoringConfig) -> Result<()> {
        Error::check(config.problems("scoring"))?;
        let value = serde_json::to_value(&config)
            .map_err(|_| Error::invalid("scoring", "could not be written as JSON"))?;
        self.edit().set_scoring(config, value);
        Ok(())
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index().get(id).map(|&n| &self.graph()[n])
    }

    /// Every actor, sorted by id.
    pub fn actors(&self) -> Vec<&Actor> {
        let mut all: Vec<&Actor> = self.graph().node_weights().collect();
        all.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        all
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.graph().node_count()
    }

    /// The interaction with this key.
    pub fn interaction(&self, key: InteractionKey) -> Option<Interaction> {
        self.store().get(key).map(|p| self.unpack(p))
    }

    /// The key of the interaction with this id.
    pub fn interaction_key(&self, id: &str) -> Option<InteractionKey> {
        self.interaction_ids().get(id).copied()
    }

    /// Every interaction with its key, in the canonical order: by time, then
    /// id, then what it says (then the order they were added, for copies).
    ///
    /// Each is made from the network's compact form as the iterator reaches
    /// it, so going through them all does not hold them all at once.
    pub fn interactions(
        &self,
    ) -> impl ExactSizeIterator<Item = (InteractionKey, Interaction)> + '_ {
        InOrder {
            net: self,
            keys: self.canonical().into_iter(),
        }
    }

    /// The keys of the interactions in the canonical order: by time, id,
    /// then what they say, so that the order never depends on the order
    /// they were added (many share a date and have no id). Sorted as
    /// 16-byte instants and keys, and only runs of one instant by the rest:
    /// a country's hundred million interactions are written in order
    /// without a list of them all in their compact form (5.6 GB).
    pub(crate) fn canonical(&self) -> Vec<((i64, u32), u32)> {
        let mut all: Vec<((i64, u32), u32)> = self
            .store()
            .iter()
            // Keys stay below 2^32 (MAX_INTERACTIONS).
            .map(|(k, x)| (x.at_instant(), k.0 as u32))
            .collect();
        all.sort_unstable();
        let entry = |k: u32| self.store().get(InteractionKey(u64::from(k)));
        for run in all.chunk_by_mut(|x, y| x.0 == y.0) {
            if run.len() < 2 {
                continue;
            }
            run.sort_by(|&(_, ka), &(_, kb)| match (entry(ka), entry(kb)) {
                (Some(a), Some(b)) => a
                    .id()
                    .cmp(&b.id())
                    .then_with(|| self.by_content(&a, &b))
                    .then(ka.cmp(&kb)),
                _ => ka.cmp(&kb),
            });
        }
        all
    }

    /// Two interactions at the same instant with the same id, ordered by
    /// the rest of what they say.
    fn by_content(&self, a: &Entry<'_>, b: &Entry<'_>) -> std::cmp::Ordering {
        let id = |n: Option<NodeIndex>| n.and_then(|n| self.graph().node_weight(n)).map(|x| &x.id);
        (a.kind, a.formal_written, a.outcome_written)
            .cmp(&(b.kind, b.formal_written, b.outcome_written))
            .then_with(|| {
                let theirs = b.members().map(|n| id(Some(n)));
                a.members().map(|n| id(Some(n))).cmp(theirs)
            })
            .then_with(|| id(a.initiator()).cmp(&id(b.initiator())))
            .then_with(|| id(a.answered_by()).cmp(&id(b.answered_by())))
            .then_with(|| a.answered_ms().cmp(&b.answered_ms()))
            .then_with(|| a.initiative().cmp(&b.initiative()))
            .then_with(|| a.note().cmp(&b.note()))
            // The same instant written two ways ("2024-03-04", "…T00:00Z").
            .then_with(|| a.at().to_string().cmp(&b.at().to_string()))
            .then_with(|| {
                let answered = |x: &Entry<'_>| x.answered_at().map(|t| t.to_string());
                answered(a).cmp(&answered(b))
            })
    }

    /// Number of interactions.
    pub fn interaction_count(&self) -> usize {
        self.store().len()
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiative_map().get(id)
    }

    /// Every initiative, sorted by id.
    pub fn initiatives(&self) -> Vec<&Initiative> {
        self.initiative_map().values().collect()
    }

    /// Number of ties: pairs of actors with at least one interaction.
    pub fn tie_count(&self) -> usize {
        self.graph().edge_count()
    }

    /// Every pair of actors with a shared history, as ids with the smaller
    /// first, sorted.
    pub fn tie_pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .graph()
            .edge_indices()
            .filter_map(|e| self.graph().edge_endpoints(e))
            .map(|(a, b)| {
                let (a, b) = (self.graph()[a].id.as_str(), self.graph()[b].id.as_str());
                if a <= b {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
        pairs.sort_unstable();
        pairs
    }

    pub(crate) fn node(&self, id: &str) -> Result<NodeIndex> {
        self.actor_index()
            .get(id)
            .copied()
            .ok_or_else(|| Error::unknown_actor(id))
    }

    /// The events of the tie between two nodes and which side `from` is on.
    pub(crate) fn tie_between(&self, from: NodeIndex, to: NodeIndex) -> Option<(Events<'_>, Side)> {
        let e = self.edge(from, to)?;
        let events = self.tie_events(e)?;
        Some((events, if events.a == from { Side::A } else { Side::B }))
    }

    /// The events of the tie of an edge.
    pub(crate) fn tie_events(&self, e: EdgeIndex) -> Option<Events<'_>> {
        let (a, b) = self.graph().edge_endpoints(e)?;
        Some(self.graph().edge_weight(e)?.events(self.store(), a, b))
    }

    // ----- actors --------------------------------------------------------

    /// Adds an actor. Its `member_of` and `contact_for` must name actors
    /// already in the network.
    pub fn add_actor(&mut self, actor: Actor) -> Result<()> {
        let mut problems = Vec::new();
        if self.actor_index().contains_key(&actor.id) {
            problems.push(Problem::new(
                "actor.id",
                format!("duplicates {}", shown(&actor.id)),
            ));
        }
        validate::check_actor(&actor, "actor", &NetworkIds(self), &mut problems);
        Error::check(problems)?;
        self.insert_actor(actor);
        Ok(())
    }

    pub(crate) fn insert_actor(&mut self, actor: Actor) {
        self.edit().insert_actor(actor);
    }

    /// Replaces the actor with the same id by `actor` (ids never change).
    /// Refused when its `member_of` would make a group a member of itself.
    pub fn update_actor(&mut self, actor: Actor) -> Result<()> {
        let node = self.node(&actor.id)?;
        let mut problems = Vec::new();
        validate::check_actor(&actor, "actor", &NetworkIds(self), &mut problems);
        if problems.is_empty() && self.would_cycle(&actor) {
            problems.push(Problem::new(
                "actor.member_of",
                format!(
                    "actor {} would be a member of itself through a cycle of member_of",
                    shown(&actor.id)
                ),
            ));
        }
        Error::check(problems)?;
        self.edit().replace_actor(node, actor);
        Ok(())
    }

    /// Whether some group that `actor` joins is (transitively) a member of `actor`.
    fn would_cycle(&self, actor: &Actor) -> bool {
        let mut stack: Vec<&str> = actor.member_of.iter().map(String::as_str).collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(id) = stack.pop() {
            if id == actor.id {
                return true;
            }
            if !seen.insert(id) {
                continue;
            }
            if let Some(group) = self.actor(id) {
                stack.extend(group.member_of.iter().map(String::as_str));
            }
        }
        false
    }

    /// Removes an actor that nothing refers to and returns it. An actor that
    /// still takes part in interactions or initiatives, or that others are
    /// members of or contacts for, is refused: remove those first, or erase
    /// the actor with every trace.
    pub fn remove_actor(&mut self, id: &str) -> Result<Actor> {
        let node = self.node(id)?;
        let problems = self.references_to(id, node);
        Error::check(problems)?;
        self.edit()
            .remove_node(id, node)
            .ok_or_else(|| Error::unknown_actor(id))
    }

    fn references_to(&self, id: &str, node: NodeIndex) -> Vec<Problem> {
        let mut problems = Vec::new();
        let in_interactions = self
            .store()
            .iter()
            .filter(|(_, x)| x.members().any(|n| n == node))
            .count();
        if in_interactions > 0 || self.graph().neighbors(node).next().is_some() {
            problems.push(Problem::new(
                "actor",
                format!(
                    "actor {} takes part in {in_interactions} interactions",
                    shown(id)
                ),
            ));
        }
        let referring = self
            .graph()
            .node_weights()
            .filter(|a| a.member_of.iter().chain(&a.contact_for).any(|m| m == id))
            .count();
        if referring > 0 {
            problems.push(Problem::new(
                "actor",
                format!(
                    "{referring} actors name {} in member_of or contact_for",
                    shown(id)
                ),
            ));
        }
        let initiatives = self
            .initiative_map()
            .values()
            .filter(|i| i.participants.iter().any(|p| p.actor == id))
            .count();
        if initiatives > 0 {
            problems.push(Problem::new(
                "actor",
                format!(
                    "actor {} takes part in {initiatives} initiatives",
                    shown(id)
                ),
            ));
        }
        problems
    }

    // ----- interactions --------------------------------------------------

    /// Adds an interaction and returns its key.
    pub fn add_interaction(&mut self, interaction: Interaction) -> Result<InteractionKey> {
        self.check_interaction(&interaction, None)?;
        Ok(self.edit().insert_interaction(interaction, true))
    }

    /// Replaces the interaction with this key; refused whole if the new one
    /// breaks a rule. The key stays the same.
    pub fn update_interaction(
        &mut self,
        key: InteractionKey,
        interaction: Interaction,
    ) -> Result<()> {
        if !self.store().contains(key) {
            return Err(Error::unknown_key(key.get()));
        }
        self.check_interaction(&interaction, Some(key))?;
        let state = self.edit();
        state.detach_interaction(key);
        state.attach_interaction(key, interaction, true);
        Ok(())
    }

    /// The rules for an interaction to be added, or to take the place of
    /// the one with key `replacing`: those of a document, its id unique,
    /// the keys not spent, and the pairs group meetings imply within the
    /// budget (checked last, as the one that is no validation problem).
    fn check_interaction(
        &self,
        interaction: &Interaction,
        replacing: Option<InteractionKey>,
    ) -> Result<()> {
        let mut problems = Vec::new();
        if let Some(id) = &interaction.id {
            if self
                .interaction_ids()
                .get(id)
                .is_some_and(|k| Some(*k) != replacing)
            {
                problems.push(Problem::new(
                    "interaction.id",
                    format!("duplicates {}", shown(id)),
                ));
            }
        }
        validate::check_interaction(interaction, "interaction", &NetworkIds(self), &mut problems);
        if replacing.is_none() && self.next_key() >= validate::MAX_INTERACTIONS {
            problems.push(Problem::new(
                "interaction",
                format!(
                    "the network has taken {} interactions, the most it takes over its life",
                    validate::MAX_INTERACTIONS
                ),
            ));
        }
        Error::check(problems)?;
        let old = replacing
            .and_then(|key| self.store().get(key))
            .map_or(0, |x| validate::pairs_of(x.members().count()));
        let pairs = (self.implied_pairs() - old.min(self.implied_pairs()))
            .saturating_add(validate::pairs_of(interaction.participants.len()));
        let count = self.interaction_count() as u64 + u64::from(replacing.is_none());
        if pairs > validate::pair_budget(count) {
            return Err(validate::over_budget(
                "interaction.participants",
                pairs,
                count,
            ));
        }
        Ok(())
    }

    /// Removes the interaction with this key and returns it.
    pub fn remove_interaction(&mut self, key: InteractionKey) -> Result<Interaction> {
        if !self.store().contains(key) {
            return Err(Error::unknown_key(key.get()));
        }
        self.edit()
            .detach_interaction(key)
            .ok_or_else(|| Error::unknown_key(key.get()))
    }

    /// Removes the interaction with this id and returns it.
    pub fn remove_interaction_by_id(&mut self, id: &str) -> Result<Interaction> {
        let key = self
            .interaction_key(id)
            .ok_or_else(|| Error::UnknownInteraction { id: id.to_owned() })?;
        self.remove_interaction(key)
    }

    // ----- initiatives ---------------------------------------------------

    /// Adds an initiative.
    pub fn add_initiative(&mut self, initiative: Initiative) -> Result<()> {
        let mut problems = Vec::new();
        if self.initiative_map().contains_key(&initiative.id) {
            problems.push(Problem::new(
                "initiative.id",
                format!("duplicates {}", shown(&initiative.id)),
            ));
        }
        validate::check_initiative(&initiative, "initiative", &NetworkIds(self), &mut problems);
        Error::check(problems)?;
        self.edit().put_initiative(initiative);
        Ok(())
    }

    /// Replaces the initiative with the same id.
    pub fn update_initiative(&mut self, initiative: Initiative) -> Result<()> {
        if !self.initiative_map().contains_key(&initiative.id) {
            return Err(Error::UnknownInitiative {
                id: initiative.id.clone(),
            });
        }
        let mut problems = Vec::new();
        validate::check_initiative(&initiative, "initiative", &NetworkIds(self), &mut problems);
        Error::check(problems)?;
        self.edit().put_initiative(initiative);
        Ok(())
    }

    /// Removes an initiative that no interaction refers to, and returns it.
    pub fn remove_initiative(&mut self, id: &str) -> Result<Initiative> {
        if !self.initiative_map().contains_key(id) {
            return Err(Error::UnknownInitiative { id: id.to_owned() });
        }
        let referring = self
            .store()
            .iter()
            .filter(|(_, x)| x.initiative() == Some(id))
            .count();
        if referring > 0 {
            return Err(Error::Validation {
                problems: vec![Problem::new(
                    "initiative",
                    format!(
                        "initiative {} is named by {referring} interactions",
                        shown(id)
                    ),
                )],
            });
        }
        self.edit()
            .remove_initiative(id)
            .ok_or_else(|| Error::UnknownInitiative { id: id.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, InteractionKind};

    #[test]
    fn ties_filled_in_batches_are_ties_filled_one_event_at_a_time() {
        let config = crate::generate::GeneratorConfig {
            actors: 60,
            ties: 200,
            interactions: 3_000,
            ..Default::default()
        };
        // Generating and loading put events on ties in batches of
        // PENDING_BATCH (here 100), each merged into the ties it touches.
        let batched = Network::generate(&config).unwrap();
        let loaded = Network::from_json(&batched.to_json()).unwrap();
        let mut one_by_one = Network::new();
        for actor in batched.actors() {
            one_by_one.insert_actor(actor.clone());
        }
        for (_, x) in batched.interactions() {
            one_by_one.add_interaction(x).unwrap();
        }
        let as_of = "2026-01-01".parse().unwrap();
        assert!(loaded.to_json() == batched.to_json());
        for net in [&batched, &loaded] {
            assert!(net.ties(as_of) == one_by_one.ties(as_of));
            // Sums in the same order to the bit (Debug: the table holds NaN).
            let (mine, theirs) = (net.tie_table(as_of), one_by_one.tie_table(as_of));
            assert!(format!("{mine:?}") == format!("{theirs:?}"));
        }
    }

    #[test]
    fn no_key_is_handed_out_past_the_most() {
        let mut net = Network::new();
        for id in ["a", "b"] {
            net.add_actor(Actor::new(id, ActorKind::Volunteer)).unwrap();
        }
        let meeting = || {
            Interaction::new(
                "2024-03-04".parse().unwrap(),
                ["a", "b"],
                InteractionKind::Meeting,
            )
        };
        net.add_interaction(meeting()).unwrap();
        // Keys are positions in the store, so the last ones are not made
        // here; the event keeps a key of 32 bits whole (tie.rs).
        net.edit().set_next_key(validate::MAX_INTERACTIONS);
        assert!(matches!(
            net.add_interaction(meeting()),
            Err(Error::Validation { .. })
        ));
        assert_eq!(net.interaction_count(), 1);
    }
}
