//! The [`Network`] and the one path by which it changes.
//!
//! A network's data (actors as nodes of a petgraph `StableGraph`, ties as
//! its edges, interactions and initiatives beside them) is a [`State`] that
//! only this module can write. Everything else reads it through
//! [`Network`]'s accessors and changes it through [`Network::edit`], which
//! bumps the network's generation: whatever is derived from a network (the
//! scores of an instant, the canonical order of the ties) is kept under the
//! generation it was made from, so nothing derived can outlive a change and
//! nobody clears a cache by hand.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableUnGraph};

use super::config::ScoringConfig;
use super::derived::Derived;
use super::event::Event;
use super::key::InteractionKey;
use super::records::{Actor, Extra, Initiative, Interaction};
use super::store::{Entry, Store};
use super::tie::Tie;

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
    state: State,
    /// Bumped by every change ([`Network::edit`]).
    generation: u64,
    /// What the layers above derived from this generation.
    derived: Derived,
}

/// A network's data. Its fields are private to this module: the rest of the
/// crate reads them through [`Network`]'s accessors and changes them through
/// the operations below, reached only by [`Network::edit`].
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    meta: Extra,
    scoring: ScoringConfig,
    graph: StableUnGraph<Actor, Tie>,
    tie_index: TieIndex,
    /// hashbrown's maps with foldhash, still seeded per map: a load looks
    /// up every participant's id, and SipHash took a tenth of its time.
    actor_index: hashbrown::HashMap<String, NodeIndex>,
    store: Store,
    interaction_ids: hashbrown::HashMap<String, InteractionKey>,
    next_key: u64,
    initiatives: BTreeMap<String, Initiative>,
    /// Events of a batch of interactions by the pair of nodes they join,
    /// put on their ties all at once by [`State::sort_ties`], so that each
    /// tie is found or made once and its list allocated once.
    pending: Vec<(u64, Event)>,
    /// Pairs implied by every interaction (n(n−1)/2 for n participants):
    /// the work that group meetings make, checked against the budget.
    implied_pairs: u64,
}

impl Network {
    /// The one way to change a network: the next generation begins, and
    /// everything derived from the last is dropped.
    pub(crate) fn edit(&mut self) -> &mut State {
        self.generation = self.generation.wrapping_add(1);
        self.derived.clear();
        &mut self.state
    }

    /// What a layer above derived from this generation of the network, made
    /// by `T::default()` on first use and filled by its owner.
    pub(crate) fn derived<T: Default + Send + Sync + 'static>(&self) -> std::sync::Arc<T> {
        self.derived.get_or_default(self.generation)
    }

    pub(crate) fn graph(&self) -> &StableUnGraph<Actor, Tie> {
        &self.state.graph
    }

    pub(crate) fn store(&self) -> &Store {
        &self.state.store
    }

    pub(crate) fn actor_index(&self) -> &hashbrown::HashMap<String, NodeIndex> {
        self.state.actor_index()
    }

    pub(crate) fn interaction_ids(&self) -> &hashbrown::HashMap<String, InteractionKey> {
        self.state.interaction_ids()
    }

    pub(crate) fn initiative_map(&self) -> &BTreeMap<String, Initiative> {
        &self.state.initiatives
    }

    pub(crate) fn next_key(&self) -> u64 {
        self.state.next_key
    }

    pub(crate) fn implied_pairs(&self) -> u64 {
        self.state.implied_pairs()
    }

    /// The document's free-form `meta` values (the scoring config is kept
    /// under `meta.scoring`).
    pub fn meta(&self) -> &Extra {
        &self.state.meta
    }

    /// The scoring parameters in force.
    pub fn scoring(&self) -> &ScoringConfig {
        &self.state.scoring
    }

    /// The edge between two nodes, if they have a tie.
    pub(crate) fn edge(&self, x: NodeIndex, y: NodeIndex) -> Option<EdgeIndex> {
        self.state.edge(x, y)
    }

    /// An interaction with the actors' ids.
    pub(crate) fn unpack(&self, packed: Entry<'_>) -> Interaction {
        self.state.unpack(packed)
    }
}

impl State {
    /// What a batch of changes reads between its writes (a load checks each
    /// interaction against the ids and the pairs before it).
    pub(crate) fn actor_index(&self) -> &hashbrown::HashMap<String, NodeIndex> {
        &self.actor_index
    }

    pub(crate) fn interaction_ids(&self) -> &hashbrown::HashMap<String, InteractionKey> {
        &self.interaction_ids
    }

    pub(crate) fn implied_pairs(&self) -> u64 {
        self.implied_pairs
    }

    /// The edge between two nodes, if they have a tie.
    fn edge(&self, x: NodeIndex, y: NodeIndex) -> Option<EdgeIndex> {
        self.tie_index.get(&self.graph, x, y)
    }

    fn unpack(&self, packed: Entry<'_>) -> Interaction {
        packed.unpack(|n| self.graph.node_weight(n).map_or("", |a| a.id.as_str()))
    }

    /// Replaces `meta` and the scoring config read from it.
    pub(crate) fn set_meta(&mut self, meta: Extra, scoring: ScoringConfig) {
        self.meta = meta;
        self.scoring = scoring;
    }

    /// Sets the scoring config, written into `meta.scoring` as `value`.
    pub(crate) fn set_scoring(&mut self, config: ScoringConfig, value: serde_json::Value) {
        self.meta.insert("scoring".to_owned(), value);
        self.scoring = config;
    }

    /// Adds a checked actor whose id is new.
    pub(crate) fn insert_actor(&mut self, actor: Actor) {
        let id = actor.id.clone();
        let node = self.graph.add_node(actor);
        self.actor_index.insert(id, node);
    }

    /// Replaces the record of an actor (the same id) by a checked one.
    pub(crate) fn replace_actor(&mut self, node: NodeIndex, actor: Actor) {
        if let Some(slot) = self.graph.node_weight_mut(node) {
            *slot = actor;
        }
    }

    /// Takes an actor out: its record, its node and every tie of it. The
    /// caller has taken its interactions out first.
    pub(crate) fn remove_node(&mut self, id: &str, node: NodeIndex) -> Option<Actor> {
        let edges: Vec<(EdgeIndex, NodeIndex, NodeIndex)> = {
            use petgraph::visit::EdgeRef;
            self.graph
                .edges(node)
                .map(|e| (e.id(), e.source(), e.target()))
                .collect()
        };
        for (e, x, y) in edges {
            self.tie_index.remove(&self.graph, x, y);
            self.graph.remove_edge(e);
        }
        self.actor_index.remove(id);
        self.graph.remove_node(node)
    }

    /// Every other actor's `member_of` and `contact_for` without `id`; how
    /// many entries went.
    pub(crate) fn forget_references(&mut self, id: &str) -> usize {
        let mut removed = 0;
        for other in self.graph.node_weights_mut() {
            let before = other.member_of.len() + other.contact_for.len();
            other.member_of.retain(|m| m != id);
            other.contact_for.retain(|m| m != id);
            removed += before - other.member_of.len() - other.contact_for.len();
        }
        removed
    }

    /// Every initiative without `id` among its participants; how many
    /// initiatives changed.
    pub(crate) fn leave_initiatives(&mut self, id: &str) -> usize {
        let mut changed = 0;
        for ini in self.initiatives.values_mut() {
            let before = ini.participants.len();
            ini.participants.retain(|p| p.actor != id);
            changed += usize::from(ini.participants.len() != before);
        }
        changed
    }

    /// Makes the next key `key`, for tests of the key limit.
    #[cfg(test)]
    pub(crate) fn set_next_key(&mut self, key: u64) {
        self.next_key = key;
    }

    /// Room for `more` interactions in the store.
    pub(crate) fn reserve_interactions(&mut self, more: usize) {
        self.store.reserve(more);
    }

    /// Adds or replaces a checked initiative.
    pub(crate) fn put_initiative(&mut self, initiative: Initiative) {
        self.initiatives.insert(initiative.id.clone(), initiative);
    }

    pub(crate) fn remove_initiative(&mut self, id: &str) -> Option<Initiative> {
        self.initiatives.remove(id)
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
        self.implied_pairs = self
            .implied_pairs
            .saturating_add(super::validate::pairs_of(nodes.len()));
        if let Some(id) = &interaction.id {
            self.interaction_ids.insert(id.clone(), key);
        }
        // Each tie's event is read back from the store: one reading of an
        // interaction for loading and scoring alike.
        self.store.insert(key, interaction, nodes);
        // Keys stay below MAX_INTERACTIONS, under 2^32 (checked).
        let Ok(raw) = u32::try_from(key.0) else {
            return;
        };
        for (i, &x) in nodes.iter().enumerate() {
            for &y in &nodes[i + 1..] {
                // A tie's side A is its lower node, so the pair alone says
                // which end is which, without reading the edge.
                let (a, b) = if x < y { (x, y) } else { (y, x) };
                let Some(event) = self.store.event(raw, a, b) else {
                    return;
                };
                if keep_order {
                    let edge = self.edge_or_new(a, b);
                    self.graph[edge].insert(&event, &self.store, a, b);
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
        self.store.shrink_to_fit();
        // Batches after the first grow the edge list by doubling.
        self.graph.shrink_to_fit_edges();
    }

    /// Puts a batch's events on their ties, in order.
    pub(crate) fn sort_ties(&mut self) {
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
            self.graph[edge].extend(events, &self.store, a, b);
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

    /// Takes an interaction out of the store, the id index and every tie.
    pub(crate) fn detach_interaction(&mut self, key: InteractionKey) -> Option<Interaction> {
        let packed = self.store.get(key)?;
        let interaction = self.unpack(packed);
        if let Some(id) = &interaction.id {
            self.interaction_ids.remove(id);
        }
        let nodes: Vec<NodeIndex> = packed.members().collect();
        self.implied_pairs = self
            .implied_pairs
            .saturating_sub(super::validate::pairs_of(nodes.len()));
        self.store.remove(key);
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
}

/// The edge of each pair of nodes with a tie: petgraph finds an edge by
/// walking a node's whole list, and a unit meets thousands. Only the edge
/// index is stored (5 bytes a slot, where a map from the pair would take
/// 17); the pair of an entry is read from the graph.
#[derive(Debug, Clone, Default)]
pub(super) struct TieIndex(hashbrown::HashTable<u32>);

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
