//! The [`Network`]: actors as nodes of a petgraph `StableGraph`, ties as its
//! edges, interactions and initiatives beside it.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableUnGraph};

use super::records::{Actor, Extra, Initiative, Interaction};
use super::store::{Entry, Store};
use super::tie::{Event, Events, Side, Tie};
use super::validate::{self, Ids};
use crate::error::{Error, Problem, Result};
use crate::scoring::ScoringConfig;

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

/// A co-creation network: actors, the ties between them with their dated
/// history of interactions, and initiatives.
///
/// Every change is checked with the same rules as loading a document, and a
/// change that breaks one is refused whole.
///
/// ```
/// use samskab::{Actor, ActorKind, Interaction, InteractionKind, Network};
/// let mut net = Network::new();
/// net.add_actor(Actor::new("e-tove", ActorKind::Employee))?;
/// net.add_actor(Actor::new("v-inge", ActorKind::Volunteer))?;
/// let mut coffee = Interaction::new("2024-01-09".parse()?, ["v-inge", "e-tove"], InteractionKind::Informal);
/// coffee.initiator = Some("e-tove".into());
/// net.add_interaction(coffee)?;
/// let trust = net.trust("v-inge", "e-tove", "2024-02-01".parse()?)?;
/// assert!(trust.value > 0.0 && trust.value < 1.0);
/// # Ok::<(), samskab::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Network {
    pub(crate) meta: Extra,
    pub(crate) scoring: ScoringConfig,
    pub(crate) graph: StableUnGraph<Actor, Tie>,
    pub(crate) tie_index: TieIndex,
    /// hashbrown's maps with foldhash, still seeded per map: a load looks
    /// up every participant's id, and SipHash took a tenth of its time.
    pub(crate) actor_index: hashbrown::HashMap<String, NodeIndex>,
    pub(crate) interactions: Store,
    pub(crate) interaction_ids: hashbrown::HashMap<String, InteractionKey>,
    pub(crate) next_key: u64,
    pub(crate) initiatives: BTreeMap<String, Initiative>,
    /// Events of a batch of interactions by the pair of nodes they join,
    /// put on their ties all at once by [`Network::sort_ties`], so that each
    /// tie is found or made once and its list allocated once.
    pub(crate) pending: Vec<(u64, Event)>,
    /// Scores of the last instant asked about; cleared by every change.
    pub(crate) snapshots: crate::analysis::snapshot::SnapshotCache,
}

/// The edge of each pair of nodes with a tie: petgraph finds an edge by
/// walking a node's whole list, and a unit meets thousands. Only the edge
/// index is stored (5 bytes a slot, where a map from the pair would take
/// 17); the pair of an entry is read from the graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct TieIndex(hashbrown::HashTable<u32>);

type Graph = StableUnGraph<Actor, Tie>;

impl TieIndex {
    /// One multiplication: the keys are small distinct integers, and
    /// SipHash would cost more than the search it saves.
    fn hash(pair: u64) -> u64 {
        pair.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
    }

    /// The pair key of an edge in the index (always an edge of the graph).
    fn pair_of(graph: &Graph, e: u32) -> u64 {
        graph
            .edge_endpoints(EdgeIndex::new(e as usize))
            .map_or(u64::MAX, |(a, b)| pair(a, b))
    }

    pub(crate) fn get(&self, graph: &Graph, x: NodeIndex, y: NodeIndex) -> Option<EdgeIndex> {
        let key = pair(x, y);
        self.0
            .find(Self::hash(key), |&e| Self::pair_of(graph, e) == key)
            .map(|&e| EdgeIndex::new(e as usize))
    }

    /// Adds edge `e`, which joins `x` and `y` in `graph` and is not in the index.
    fn insert(&mut self, graph: &Graph, x: NodeIndex, y: NodeIndex, e: EdgeIndex) {
        // A graph of more than u32::MAX edges cannot be made: petgraph's
        // default indices are 32 bits.
        let Ok(e) = u32::try_from(e.index()) else {
            return;
        };
        self.0.insert_unique(Self::hash(pair(x, y)), e, |&e| {
            Self::hash(Self::pair_of(graph, e))
        });
    }

    /// Takes out the edge of `x` and `y`; call it while the edge is still
    /// in the graph.
    fn remove(&mut self, graph: &Graph, x: NodeIndex, y: NodeIndex) {
        let key = pair(x, y);
        if let Ok(entry) = self
            .0
            .find_entry(Self::hash(key), |&e| Self::pair_of(graph, e) == key)
        {
            entry.remove();
        }
    }

    fn reserve(&mut self, graph: &Graph, more: usize) {
        self.0
            .reserve(more, |&e| Self::hash(Self::pair_of(graph, e)));
    }
}

/// The key of an unordered pair of nodes.
fn pair(x: NodeIndex, y: NodeIndex) -> u64 {
    let (lo, hi) = if x.index() <= y.index() {
        (x, y)
    } else {
        (y, x)
    };
    ((lo.index() as u64) << 32) | hi.index() as u64
}

/// The nodes of a pair key, the lower first.
fn ends(pair: u64) -> (NodeIndex, NodeIndex) {
    (
        NodeIndex::new((pair >> 32) as usize),
        NodeIndex::new((pair & 0xffff_ffff) as usize),
    )
}

/// The most events kept aside before they are put on their ties: a
/// country's hundred million interactions leave some 140 million, and
/// keeping them all aside at once (24 bytes each, in a list grown by
/// doubling) took more memory than the network. A batch that reaches
/// this many (400 MB) is put on its ties then, in its pair order; each
/// later batch joins the ties it touches.
#[cfg(not(test))]
const PENDING_BATCH: usize = 1 << 24;
/// Small in the unit tests, so that loads there merge batches.
#[cfg(test)]
const PENDING_BATCH: usize = 100;

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
            Some((key, self.net.unpack(self.net.interactions.get(key)?)))
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
        self.0.actor_index.contains_key(id)
    }
    fn initiative(&self, id: &str) -> bool {
        self.0.initiatives.contains_key(id)
    }
}

impl Network {
    /// An empty network with the default scoring.
    pub fn new() -> Network {
        Network::default()
    }

    // ----- reading -------------------------------------------------------

    /// The document's free-form `meta` values (the scoring config is kept
    /// under `meta.scoring`).
    pub fn meta(&self) -> &Extra {
        &self.meta
    }

    /// Replaces `meta`. A `scoring` entry is checked and becomes the
    /// network's scoring config; without one, the default applies.
    pub fn set_meta(&mut self, meta: Extra) -> Result<()> {
        let scoring = match meta.get("scoring") {
            Some(v) => crate::format::json::decode_scoring(v, "meta.scoring")?,
            None => ScoringConfig::default(),
        };
        self.meta = meta;
        self.scoring = scoring;
        self.snapshots.clear();
        Ok(())
    }

    /// The scoring parameters in force.
    pub fn scoring(&self) -> &ScoringConfig {
        &self.scoring
    }

    /// Sets the scoring parameters; they are saved in `meta.scoring`.
    pub fn set_scoring(&mut self, config: ScoringConfig) -> Result<()> {
        Error::check(config.problems("scoring"))?;
        let value = serde_json::to_value(&config)
            .map_err(|_| Error::invalid("scoring", "could not be written as JSON"))?;
        self.meta.insert("scoring".to_owned(), value);
        self.scoring = config;
        self.snapshots.clear();
        Ok(())
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&n| &self.graph[n])
    }

    /// Every actor, sorted by id.
    pub fn actors(&self) -> Vec<&Actor> {
        let mut all: Vec<&Actor> = self.graph.node_weights().collect();
        all.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        all
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The interaction with this key.
    pub fn interaction(&self, key: InteractionKey) -> Option<Interaction> {
        self.interactions.get(key).map(|p| self.unpack(p))
    }

    /// The key of the interaction with this id.
    pub fn interaction_key(&self, id: &str) -> Option<InteractionKey> {
        self.interaction_ids.get(id).copied()
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
            .interactions
            .iter()
            // Keys stay below 2^32 (MAX_INTERACTIONS).
            .map(|(k, x)| (x.at_instant(), k.0 as u32))
            .collect();
        all.sort_unstable();
        let entry = |k: u32| self.interactions.get(InteractionKey(u64::from(k)));
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
        let id = |n: Option<NodeIndex>| n.and_then(|n| self.graph.node_weight(n)).map(|x| &x.id);
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

    /// An interaction with the actors' ids.
    pub(crate) fn unpack(&self, packed: Entry<'_>) -> Interaction {
        packed.unpack(|n| self.graph.node_weight(n).map_or("", |a| a.id.as_str()))
    }

    /// Number of interactions.
    pub fn interaction_count(&self) -> usize {
        self.interactions.len()
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.get(id)
    }

    /// Every initiative, sorted by id.
    pub fn initiatives(&self) -> Vec<&Initiative> {
        self.initiatives.values().collect()
    }

    /// Number of ties: pairs of actors with at least one interaction.
    pub fn tie_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every pair of actors with a shared history, as ids with the smaller
    /// first, sorted.
    pub fn tie_pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e))
            .map(|(a, b)| {
                let (a, b) = (self.graph[a].id.as_str(), self.graph[b].id.as_str());
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
        self.actor_index
            .get(id)
            .copied()
            .ok_or_else(|| Error::unknown_actor(id))
    }

    /// The edge between two nodes, if they have a tie.
    pub(crate) fn edge(&self, x: NodeIndex, y: NodeIndex) -> Option<EdgeIndex> {
        self.tie_index.get(&self.graph, x, y)
    }

    /// The events of the tie between two nodes and which side `from` is on.
    pub(crate) fn tie_between(&self, from: NodeIndex, to: NodeIndex) -> Option<(Events<'_>, Side)> {
        let e = self.edge(from, to)?;
        let events = self.tie_events(e)?;
        Some((events, if events.a == from { Side::A } else { Side::B }))
    }

    /// The events of the tie of an edge.
    pub(crate) fn tie_events(&self, e: EdgeIndex) -> Option<Events<'_>> {
        let (a, b) = self.graph.edge_endpoints(e)?;
        Some(self.graph.edge_weight(e)?.events(&self.interactions, a, b))
    }

    // ----- actors --------------------------------------------------------

    /// Adds an actor. Its `member_of` and `contact_for` must name actors
    /// already in the network.
    pub fn add_actor(&mut self, actor: Actor) -> Result<()> {
        let mut problems = Vec::new();
        if self.actor_index.contains_key(&actor.id) {
            problems.push(Problem::new(
                "actor.id",
                format!("duplicates {:?}", actor.id),
            ));
        }
        validate::check_actor(&actor, "actor", &NetworkIds(self), &mut problems);
        Error::check(problems)?;
        self.insert_actor(actor);
        Ok(())
    }

    pub(crate) fn insert_actor(&mut self, actor: Actor) {
        self.snapshots.clear();
        let id = actor.id.clone();
        let node = self.graph.add_node(actor);
        self.actor_index.insert(id, node);
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
                    "actor {:?} would be a member of itself through a cycle of member_of",
                    actor.id
                ),
            ));
        }
        Error::check(problems)?;
        self.graph[node] = actor;
        self.snapshots.clear();
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
        self.snapshots.clear();
        self.actor_index.remove(id);
        self.graph
            .remove_node(node)
            .ok_or_else(|| Error::unknown_actor(id))
    }

    fn references_to(&self, id: &str, node: NodeIndex) -> Vec<Problem> {
        let mut problems = Vec::new();
        let in_interactions = self
            .interactions
            .iter()
            .filter(|(_, x)| x.members().any(|n| n == node))
            .count();
        if in_interactions > 0 || self.graph.neighbors(node).next().is_some() {
            problems.push(Problem::new(
                "actor",
                format!("actor {id:?} takes part in {in_interactions} interactions"),
            ));
        }
        let referring = self
            .graph
            .node_weights()
            .filter(|a| a.member_of.iter().chain(&a.contact_for).any(|m| m == id))
            .count();
        if referring > 0 {
            problems.push(Problem::new(
                "actor",
                format!("{referring} actors name {id:?} in member_of or contact_for"),
            ));
        }
        let initiatives = self
            .initiatives
            .values()
            .filter(|i| i.participants.iter().any(|p| p.actor == id))
            .count();
        if initiatives > 0 {
            problems.push(Problem::new(
                "actor",
                format!("actor {id:?} takes part in {initiatives} initiatives"),
            ));
        }
        problems
    }

    // ----- interactions --------------------------------------------------

    /// Adds an interaction and returns its key.
    pub fn add_interaction(&mut self, interaction: Interaction) -> Result<InteractionKey> {
        let mut problems = Vec::new();
        if let Some(id) = &interaction.id {
            if self.interaction_ids.contains_key(id) {
                problems.push(Problem::new("interaction.id", format!("duplicates {id:?}")));
            }
        }
        validate::check_interaction(
            &interaction,
            "interaction",
            &NetworkIds(self),
            &mut problems,
        );
        if self.next_key >= validate::MAX_INTERACTIONS {
            problems.push(Problem::new(
                "interaction",
                format!(
                    "the network has taken {} interactions, the most it takes over its life",
                    validate::MAX_INTERACTIONS
                ),
            ));
        }
        Error::check(problems)?;
        Ok(self.insert_interaction(interaction, true))
    }

    /// Adds a checked interaction. `keep_order` false keeps the ties'
    /// events aside, for a batch that calls [`Network::sort_ties`] after.
    pub(crate) fn insert_interaction(
        &mut self,
        interaction: Interaction,
        keep_order: bool,
    ) -> InteractionKey {
        let key = self.new_key();
        self.attach_interaction(key, interaction, keep_order);
        key
    }

    pub(crate) fn attach_interaction(
        &mut self,
        key: InteractionKey,
        interaction: Interaction,
        keep_order: bool,
    ) {
        let nodes: Vec<NodeIndex> = interaction
            .participants
            .iter()
            .filter_map(|p| self.actor_index.get(p).copied())
            .collect();
        self.attach_resolved(key, interaction, &nodes, keep_order);
    }

    /// As [`Network::insert_interaction`] in a batch, for a checked
    /// interaction whose participants' nodes the caller has looked up
    /// (`nodes[i]` is participant `i`'s).
    pub(crate) fn insert_resolved(&mut self, interaction: Interaction, nodes: &[NodeIndex]) {
        let key = self.new_key();
        self.attach_resolved(key, interaction, nodes, false);
    }

    /// The next key, never handed out before.
    fn new_key(&mut self) -> InteractionKey {
        let key = InteractionKey(self.next_key);
        self.next_key += 1;
        key
    }

    fn attach_resolved(
        &mut self,
        key: InteractionKey,
        interaction: Interaction,
        nodes: &[NodeIndex],
        keep_order: bool,
    ) {
        self.snapshots.clear();
        if let Some(id) = &interaction.id {
            self.interaction_ids.insert(id.clone(), key);
        }
        // Each tie's event is read back from the store: one reading of an
        // interaction for loading and scoring alike.
        self.interactions.insert(key, interaction, nodes);
        // Keys stay below MAX_INTERACTIONS, under 2^32 (checked).
        let Ok(raw) = u32::try_from(key.0) else {
            return;
        };
        for (i, &x) in nodes.iter().enumerate() {
            for &y in &nodes[i + 1..] {
                // A tie's side A is its lower node, so the pair alone says
                // which end is which, without reading the edge.
                let (a, b) = if x < y { (x, y) } else { (y, x) };
                let Some(event) = self.interactions.event(raw, a, b) else {
                    return;
                };
                if keep_order {
                    let edge = self.edge_or_new(a, b);
                    self.graph[edge].insert(&event, &self.interactions, a, b);
                } else {
                    self.pending.push((pair(a, b), event));
                }
            }
        }
        if self.pending.len() >= PENDING_BATCH {
            self.sort_ties();
            // The next batch fills as much room.
            self.pending.reserve_exact(PENDING_BATCH);
        }
    }

    /// Ends a load: the events on their ties, and the room the lists of
    /// interactions did not fill given back.
    pub(crate) fn finish_load(&mut self) {
        self.sort_ties();
        self.interactions.shrink_to_fit();
        // Batches after the first grow the edge list by doubling.
        self.graph.shrink_to_fit_edges();
    }

    /// Puts a batch's events on their ties, in order.
    pub(crate) fn sort_ties(&mut self) {
        self.snapshots.clear();
        let mut pending = std::mem::take(&mut self.pending);
        // In pair order, each tie is looked up once, not once per event:
        // the index is too large to stay in cache, and a load spent most of
        // its time waiting for it.
        pending.sort_unstable_by_key(|(pair, _)| *pair);
        let batches = pending.chunk_by(|x, y| x.0 == y.0);
        let found: Vec<Option<EdgeIndex>> = batches
            .clone()
            .map(|batch| {
                let (a, b) = ends(batch[0].0);
                self.edge(a, b)
            })
            .collect();
        let new = found.iter().filter(|e| e.is_none()).count();
        // A load makes every tie in one batch: room for exactly those, as
        // doubling would leave up to half the edge list unused. Small
        // batches grow it the usual way, or each would copy it whole.
        if new >= self.graph.edge_count() / 4 {
            self.graph.reserve_exact_edges(new);
        } else {
            self.graph.reserve_edges(new);
        }
        self.tie_index.reserve(&self.graph, new);
        for (batch, edge) in batches.zip(found) {
            let (a, b) = ends(batch[0].0);
            let edge = edge.unwrap_or_else(|| self.new_edge(a, b));
            let events = batch.iter().map(|(_, e)| e.clone());
            self.graph[edge].extend(events, &self.interactions, a, b);
        }
    }

    /// The edge between `a` and `b` (`a` the lower node), made if new.
    fn edge_or_new(&mut self, a: NodeIndex, b: NodeIndex) -> EdgeIndex {
        self.edge(a, b).unwrap_or_else(|| self.new_edge(a, b))
    }

    /// A new edge between `a` and `b`, which have none.
    fn new_edge(&mut self, a: NodeIndex, b: NodeIndex) -> EdgeIndex {
        let e = self.graph.add_edge(a, b, Tie::default());
        self.tie_index.insert(&self.graph, a, b, e);
        e
    }

    /// Replaces the interaction with this key; refused whole if the new one
    /// breaks a rule. The key stays the same.
    pub fn update_interaction(
        &mut self,
        key: InteractionKey,
        interaction: Interaction,
    ) -> Result<()> {
        if !self.interactions.contains(key) {
            return Err(unknown_key(key));
        }
        let mut problems = Vec::new();
        if let Some(id) = &interaction.id {
            if self.interaction_ids.get(id).is_some_and(|k| *k != key) {
                problems.push(Problem::new("interaction.id", format!("duplicates {id:?}")));
            }
        }
        validate::check_interaction(
            &interaction,
            "interaction",
            &NetworkIds(self),
            &mut problems,
        );
        Error::check(problems)?;
        self.detach_interaction(key);
        self.attach_interaction(key, interaction, true);
        Ok(())
    }

    /// Removes the interaction with this key and returns it.
    pub fn remove_interaction(&mut self, key: InteractionKey) -> Result<Interaction> {
        if !self.interactions.contains(key) {
            return Err(unknown_key(key));
        }
        self.detach_interaction(key).ok_or_else(|| unknown_key(key))
    }

    /// Removes the interaction with this id and returns it.
    pub fn remove_interaction_by_id(&mut self, id: &str) -> Result<Interaction> {
        let key = self
            .interaction_key(id)
            .ok_or_else(|| Error::UnknownInteraction { id: id.to_owned() })?;
        self.remove_interaction(key)
    }

    /// Takes an interaction out of the store, the id index and every tie.
    pub(crate) fn detach_interaction(&mut self, key: InteractionKey) -> Option<Interaction> {
        self.snapshots.clear();
        let packed = self.interactions.get(key)?;
        let interaction = self.unpack(packed);
        if let Some(id) = &interaction.id {
            self.interaction_ids.remove(id);
        }
        let nodes: Vec<NodeIndex> = packed.members().collect();
        self.interactions.remove(key);
        for (i, &x) in nodes.iter().enumerate() {
            for &y in &nodes[i + 1..] {
                if let Some(e) = self.edge(x, y) {
                    if self.graph[e].remove(key) {
                        self.tie_index.remove(&self.graph, x, y);
                        self.graph.remove_edge(e);
                    }
                }
            }
        }
        Some(interaction)
    }

    // ----- initiatives ---------------------------------------------------

    /// Adds an initiative.
    pub fn add_initiative(&mut self, initiative: Initiative) -> Result<()> {
        let mut problems = Vec::new();
        if self.initiatives.contains_key(&initiative.id) {
            problems.push(Problem::new(
                "initiative.id",
                format!("duplicates {:?}", initiative.id),
            ));
        }
        validate::check_initiative(&initiative, "initiative", &NetworkIds(self), &mut problems);
        Error::check(problems)?;
        self.initiatives.insert(initiative.id.clone(), initiative);
        Ok(())
    }

    /// Replaces the initiative with the same id.
    pub fn update_initiative(&mut self, initiative: Initiative) -> Result<()> {
        if !self.initiatives.contains_key(&initiative.id) {
            return Err(Error::UnknownInitiative {
                id: initiative.id.clone(),
            });
        }
        let mut problems = Vec::new();
        validate::check_initiative(&initiative, "initiative", &NetworkIds(self), &mut problems);
        Error::check(problems)?;
        self.initiatives.insert(initiative.id.clone(), initiative);
        Ok(())
    }

    /// Removes an initiative that no interaction refers to, and returns it.
    pub fn remove_initiative(&mut self, id: &str) -> Result<Initiative> {
        if !self.initiatives.contains_key(id) {
            return Err(Error::UnknownInitiative { id: id.to_owned() });
        }
        let referring = self
            .interactions
            .iter()
            .filter(|(_, x)| x.initiative() == Some(id))
            .count();
        if referring > 0 {
            return Err(Error::Validation {
                problems: vec![Problem::new(
                    "initiative",
                    format!("initiative {id:?} is named by {referring} interactions"),
                )],
            });
        }
        self.initiatives
            .remove(id)
            .ok_or_else(|| Error::UnknownInitiative { id: id.to_owned() })
    }
}

fn unknown_key(key: InteractionKey) -> Error {
    Error::UnknownInteraction {
        id: format!("#{}", key.0),
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
        net.next_key = validate::MAX_INTERACTIONS;
        assert!(matches!(
            net.add_interaction(meeting()),
            Err(Error::Validation { .. })
        ));
        assert_eq!(net.interaction_count(), 1);
    }
}
