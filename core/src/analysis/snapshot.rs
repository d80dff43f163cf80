//! The network as it was at one instant: the actors present then, and every
//! tie scored both ways. Every analysis starts from one.

use crate::model::tie::until;
use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::stable_graph::{EdgeIndex as EdgeIx, NodeIndex as ActorIx};
use petgraph::visit::{EdgeFiltered, EdgeIndexable, EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::graph::csr::{Csr, Rows};
use crate::model::{Actor, Network, Sector};
use crate::scoring::trust;
use crate::time::Moment;

/// A tie scored at the snapshot's instant. `ab` is the trust of the edge's
/// first node in its second.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub ab: f64,
    pub ba: f64,
    /// Milliseconds of the last contact at or before the instant.
    pub last_ms: i64,
}

impl Scored {
    /// Mutual trust: the lower of the two directions. An introduction, a
    /// handover or a way in needs trust both ways.
    pub fn mutual(&self) -> f64 {
        self.ab.min(self.ba)
    }
}

/// The scored graph of a snapshot: what is worth keeping between queries.
#[derive(Debug)]
pub(crate) struct Scores {
    /// Present actors only; ties with contact at or before the instant.
    pub graph: UnGraph<ActorIx, Scored>,
    /// Snapshot node by the network's node index; `None` for actors absent
    /// at the instant.
    index: Vec<Option<NodeIndex>>,
    /// Mutual trust as compressed rows, for the searches that read every
    /// tie (made at the first of them).
    trust_rows: std::sync::OnceLock<Csr>,
    /// Each snapshot node's sector and whether it is a group, read while
    /// the actors are visited for presence: the analyses ask for every
    /// node, and the actors lie scattered in memory.
    roles: Vec<Role>,
    /// The trusted graph: the ties of mutual trust at or above the
    /// threshold (made at the first analysis that asks).
    trusted: std::sync::OnceLock<Csr>,
    /// The present groups above each node, transitively, sorted (made at
    /// the first analysis that asks).
    ancestors: std::sync::OnceLock<Rows<u32>>,
}

/// What the analyses ask of an actor again and again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Role {
    pub sector: Sector,
    pub group: bool,
}

/// The last snapshot's scores, so that a series of questions about one
/// instant scores every tie once, and each tie's digest, so that a question
/// about a later instant does not walk the events again. Kept as the
/// network's derived value of its generation: a change to the network
/// starts a new one.
#[derive(Debug, Default)]
pub(crate) struct SnapshotCache {
    last: std::sync::Mutex<Option<(i64, std::sync::Arc<Scores>)>>,
    /// Every tie in the canonical order with its digest, made at the first
    /// scoring.
    ties: std::sync::OnceLock<Ties>,
    /// The sums the digests are made from, in the same order: what the tie
    /// table explains. Apart and made only when asked, as scoring every tie
    /// reads the digests alone and they are a third the size.
    sums: std::sync::OnceLock<Vec<trust::Sums>>,
    /// Who belongs directly to whom, as network nodes.
    memberships: std::sync::OnceLock<Memberships>,
}

/// Who belongs directly to whom, as rows by network node: the groups each
/// actor is a direct member of, and each group's direct members.
#[derive(Debug, Default)]
pub(crate) struct Memberships {
    up: Rows<ActorIx>,
    down: Rows<ActorIx>,
}

/// `start` and every node reached from it along `rows`, each once, `start`
/// first.
fn reachable(rows: &Rows<ActorIx>, start: ActorIx, out: &mut Vec<ActorIx>) {
    out.clear();
    out.push(start);
    // A few groups above an actor, or thousands of members below a unit.
    let mut seen: std::collections::HashSet<ActorIx> = std::collections::HashSet::new();
    let mut next = 0;
    while let Some(&x) = out.get(next) {
        next += 1;
        for &y in rows.row(x.index()) {
            let new = if out.len() < 16 {
                !out.contains(&y)
            } else {
                if seen.is_empty() {
                    seen.extend(out.iter().copied());
                }
                seen.insert(y)
            };
            if new {
                out.push(y);
            }
        }
    }
}

impl SnapshotCache {
    fn get(&self, as_of_ms: i64) -> Option<std::sync::Arc<Scores>> {
        let guard = self.last.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .filter(|(t, _)| *t == as_of_ms)
            .map(|(_, s)| s.clone())
    }

    /// The last snapshot's graph, emptied, if nothing else holds that
    /// snapshot: its storage serves the next instant. At L a scored graph
    /// is tens of megabytes, and fresh pages for each instant cost more
    /// than filling them.
    fn recycle(&self) -> Option<UnGraph<ActorIx, Scored>> {
        let mut guard = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let (_, scores) = guard.take()?;
        let mut graph = std::sync::Arc::into_inner(scores)?.graph;
        graph.clear();
        Some(graph)
    }

    fn put(&self, as_of_ms: i64, scores: std::sync::Arc<Scores>) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((as_of_ms, scores));
    }
}

/// Every tie of a network in one order that does not depend on how the
/// network was made, by the ids of its ends (the end whose id comes first,
/// then the other), with its digest. Scoring every tie walks both lists in
/// step and so makes a snapshot's edges in their sorted order: sorting them
/// at each instant took a third of the time.
#[derive(Debug, Default)]
pub(crate) struct Ties {
    /// Every actor, by id.
    by_id: Vec<ActorIx>,
    /// Each tie's ends, the one whose id comes first first, and its edge.
    ends: Vec<(ActorIx, ActorIx, EdgeIx)>,
    digests: Vec<trust::Digest>,
    /// Where a query after their last event starts walking the long ties
    /// with a request still open then (see [`trust::Checkpoint`]), by
    /// place, ascending. At M, 235 ties are walked at a new instant just
    /// after the last contact, with 2 % of all events: the busiest ties.
    open: Vec<(u32, trust::Checkpoint)>,
    /// Where each edge index is in `ends` (`u32::MAX` at a vacant index).
    place: Vec<u32>,
}

impl Network {
    /// What the analyses keep of this generation of the network.
    pub(crate) fn analysis_cache(&self) -> std::sync::Arc<SnapshotCache> {
        self.derived::<SnapshotCache>()
    }
}

impl SnapshotCache {
    /// Every tie in the canonical order with its digest, made now if not yet.
    pub(crate) fn ties(&self, net: &Network) -> &Ties {
        self.ties.get_or_init(|| {
            let graph = net.graph();
            let mut actors: Vec<(&str, ActorIx)> = graph
                .node_indices()
                .map(|n| (graph[n].id.as_str(), n))
                .collect();
            actors.sort_unstable();
            let by_id: Vec<ActorIx> = actors.into_iter().map(|(_, n)| n).collect();
            let mut rank = vec![0u32; graph.node_bound()];
            for (r, n) in by_id.iter().enumerate() {
                // A network has fewer than 2^32 actors (petgraph's indices).
                rank[n.index()] = u32::try_from(r).unwrap_or(u32::MAX);
            }
            let mut keyed: Vec<(u64, EdgeIx)> = graph
                .edge_references()
                .map(|e| {
                    let (a, b) = (rank[e.source().index()], rank[e.target().index()]);
                    let (lo, hi) = (a.min(b), a.max(b));
                    ((u64::from(lo) << 32) | u64::from(hi), e.id())
                })
                .collect();
            keyed.sort_unstable();
            let ends: Vec<(ActorIx, ActorIx, EdgeIx)> = keyed
                .into_iter()
                .map(|(key, e)| {
                    let end = |r: u64| by_id[r as usize];
                    (end(key >> 32), end(key & u64::from(u32::MAX)), e)
                })
                .collect();
            let mut place = vec![u32::MAX; graph.edge_bound()];
            for (i, (_, _, e)) in ends.iter().enumerate() {
                place[e.index()] = u32::try_from(i).unwrap_or(u32::MAX);
            }
            // Two lists, not one of pairs: a pair with a checkpoint in place
            // took 160 bytes a tie, 1.8 GB at XL while the digests were made.
            let (digests, checkpoints) = net.every_tie(&ends, |digest, _, checkpoint| {
                (digest, checkpoint.map(Box::new))
            });
            let open = checkpoints
                .into_iter()
                .enumerate()
                .filter_map(|(place, c)| Some((u32::try_from(place).ok()?, *c?)))
                .collect();
            Ties {
                by_id,
                ends,
                digests,
                open,
                place,
            }
        })
    }

    /// A tie's digest with the sums it is made from, by edge index.
    pub(crate) fn digest_sums(
        &self,
        net: &Network,
        edge: usize,
    ) -> Option<(&trust::Digest, &trust::Sums)> {
        let ties = self.ties(net);
        let sums = self
            .sums
            .get_or_init(|| net.every_tie(&ties.ends, |_, sums, _| (sums, ())).0);
        let at = *ties.place.get(edge)? as usize;
        Some((ties.digests.get(at)?, sums.get(at)?))
    }

    /// Who belongs directly to whom, made now if not yet: a way in to a
    /// unit asks for its members once per query, coverage for every group,
    /// and key people for every actor's groups.
    fn memberships(&self, net: &Network) -> &Memberships {
        self.memberships.get_or_init(|| {
            let up: Vec<(usize, ActorIx)> = net
                .graph()
                .node_indices()
                .flat_map(|n| {
                    net.graph()[n]
                        .member_of
                        .iter()
                        .filter_map(move |g| Some((n.index(), *net.actor_index().get(g)?)))
                })
                .collect();
            let down: Vec<(usize, ActorIx)> = up
                .iter()
                .map(|&(m, g)| (g.index(), ActorIx::new(m)))
                .collect();
            let bound = net.graph().node_bound();
            Memberships {
                up: Rows::from_pairs(bound, &up),
                down: Rows::from_pairs(bound, &down),
            }
        })
    }
}

impl Network {
    /// Two parts of the digest, sums and checkpoint of each tie of `ends`,
    /// in order, as two lists, on all cores.
    fn every_tie<A: Send, B: Send>(
        &self,
        ends: &[(ActorIx, ActorIx, EdgeIx)],
        part: impl Fn(trust::Digest, trust::Sums, Option<trust::Checkpoint>) -> (A, B) + Sync,
    ) -> (Vec<A>, Vec<B>) {
        let kernel = trust::Kernel::new(self.scoring());
        let one = |&(_, _, e): &(ActorIx, ActorIx, EdgeIx)| match self.tie_events(e) {
            Some(events) => {
                let events = events.read();
                let (digest, sums, checkpoint) = trust::Digest::of(&kernel, &events, self.store());
                part(digest, sums, checkpoint)
            }
            None => part(trust::Digest::NONE, trust::Sums::default(), None),
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            ends.par_iter().map(one).unzip()
        }
        #[cfg(not(feature = "parallel"))]
        {
            ends.iter().map(one).unzip()
        }
    }
}

/// The network at one instant, as an undirected petgraph `Graph` whose node
/// indices follow the actors' ids in sorted order (so every walk over it is
/// deterministic).
pub(crate) struct Snapshot<'n> {
    pub net: &'n Network,
    pub as_of: Moment,
    pub as_of_ms: i64,
    scores: std::sync::Arc<Scores>,
    cache: std::sync::Arc<SnapshotCache>,
}

impl std::ops::Deref for Snapshot<'_> {
    type Target = Scores;
    fn deref(&self) -> &Scores {
        &self.scores
    }
}

/// Whether an actor is part of the network at `date`: joined (if known) and
/// not yet left.
pub(crate) fn present(actor: &Actor, date: NaiveDate) -> bool {
    actor.joined.is_none_or(|j| j <= date) && !actor.has_left_by(date)
}

impl<'n> Snapshot<'n> {
    pub fn new(net: &'n Network, as_of: Moment) -> Snapshot<'n> {
        let as_of_ms = as_of.millis();
        let cache = net.analysis_cache();
        let scores = match cache.get(as_of_ms) {
            Some(s) => s,
            None => {
                let graph = cache.recycle();
                let s = std::sync::Arc::new(Self::score(net, &cache, as_of, graph));
                cache.put(as_of_ms, s.clone());
                s
            }
        };
        Snapshot {
            net,
            as_of,
            as_of_ms,
            scores,
            cache,
        }
    }

    fn score(
        net: &Network,
        cache: &SnapshotCache,
        as_of: Moment,
        graph: Option<UnGraph<ActorIx, Scored>>,
    ) -> Scores {
        let as_of_ms = as_of.millis();
        let date = as_of.date();
        let ties = cache.ties(net);
        let present_ids = ties
            .by_id
            .iter()
            .filter(|&&n| present(&net.graph()[n], date));
        let nodes = present_ids.clone().count();
        let mut graph = match graph {
            Some(mut g) => {
                g.reserve_nodes(nodes);
                g.reserve_edges(ties.ends.len());
                g
            }
            None => UnGraph::with_capacity(nodes, ties.ends.len()),
        };
        let mut index = vec![None; net.graph().node_bound()];
        let mut roles = Vec::with_capacity(nodes);
        for &n in present_ids {
            index[n.index()] = Some(graph.add_node(n));
            let actor = &net.graph()[n];
            roles.push(Role {
                sector: actor.sector(),
                group: actor.kind.is_group(),
            });
        }
        let kernel = trust::Kernel::new(net.scoring());
        // In the ties' order, so the edges come sorted by their ends, as
        // the snapshot's nodes follow the actors' ids.
        let mut open = ties.open.iter().peekable();
        for (place, (&(lo, hi, e), digest)) in ties.ends.iter().zip(&ties.digests).enumerate() {
            // This tie's checkpoint, if it has one.
            let checkpoint = open.next_if(|(p, _)| *p as usize == place).map(|(_, c)| c);
            let (Some(x), Some(y)) = (index[lo.index()], index[hi.index()]) else {
                continue;
            };
            let (ab, ba, last) = if digest.holds_at(as_of_ms) {
                let (ab, ba) = digest.values(&kernel, as_of_ms);
                (ab, ba, digest.last())
            } else {
                // Only the ties with a change after the instant, or a
                // request still open, are read: a few in a thousand.
                let Some(events) = net.tie_events(e) else {
                    continue;
                };
                let store = net.store();
                match checkpoint.filter(|_| as_of_ms >= digest.last()) {
                    Some(c) => {
                        let rest = events.read_from(c.from);
                        let (last, k) = (digest.last(), &kernel);
                        let (ab, ba) = trust::trust_values_from(k, c, &rest, store, last, as_of_ms);
                        (ab, ba, last)
                    }
                    None => {
                        let events = events.read();
                        let Some(last) = until(&events, as_of_ms).last() else {
                            continue;
                        };
                        let (ab, ba) = trust::trust_values(&kernel, &events, store, as_of_ms);
                        (ab, ba, last.at)
                    }
                }
            };
            // Side A of a tie is its lower network node.
            let (ab, ba) = if lo < hi { (ab, ba) } else { (ba, ab) };
            graph.add_edge(
                x,
                y,
                Scored {
                    ab,
                    ba,
                    last_ms: last,
                },
            );
        }
        Scores {
            graph,
            index,
            trust_rows: std::sync::OnceLock::new(),
            roles,
            trusted: std::sync::OnceLock::new(),
            ancestors: std::sync::OnceLock::new(),
        }
    }

    /// Every tie with mutual trust above 0, as rows of (neighbour, trust),
    /// the most trusted first.
    pub fn trust_rows(&self) -> &Csr {
        self.scores.trust_rows.get_or_init(|| {
            let positive = EdgeFiltered::from_fn(&self.scores.graph, |e| e.weight().mutual() > 0.0);
            Csr::new(&positive, |e| e.weight().mutual()).strongest_first()
        })
    }

    pub fn actor(&self, n: NodeIndex) -> &'n Actor {
        &self.net.graph()[self.graph[n]]
    }

    pub fn id(&self, n: NodeIndex) -> &'n str {
        &self.actor(n).id
    }

    /// The snapshot node of a network node, if its actor is present.
    pub fn of_network(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.index.get(node.index()).copied().flatten()
    }

    /// The snapshot node of an actor id, if it is present.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.of_network(*self.net.actor_index().get(id)?)
    }

    /// The sector of snapshot node `n`, and whether it is a group.
    pub fn role(&self, n: NodeIndex) -> Role {
        self.roles[n.index()]
    }

    pub fn is_municipal(&self, n: NodeIndex) -> bool {
        self.role(n).sector == Sector::Municipality
    }

    /// Trust of `from` in `to` on an edge between them.
    pub fn directed(&self, from: NodeIndex, to: NodeIndex) -> f64 {
        match self.graph.find_edge(from, to) {
            Some(e) => {
                let s = &self.graph[e];
                if from < to {
                    s.ab
                } else {
                    s.ba
                }
            }
            None => 0.0,
        }
    }

    pub fn mutual(&self, a: NodeIndex, b: NodeIndex) -> f64 {
        self.graph
            .find_edge(a, b)
            .map(|e| self.graph[e].mutual())
            .unwrap_or(0.0)
    }

    /// The trusted graph: only ties with mutual trust at or above the threshold.
    pub fn trusted(&self) -> &Csr {
        self.scores.trusted.get_or_init(|| {
            // From the scored graph, not from the rows of every positive tie
            // the searches use: key people alone should not hold those.
            let threshold = self.net.scoring().trusted_threshold;
            let trusted =
                EdgeFiltered::from_fn(&self.scores.graph, |e| e.weight().mutual() >= threshold);
            Csr::new(&trusted, |e| e.weight().mutual())
        })
    }

    /// Every present actor a group contains, itself included, through
    /// `member_of` transitively (members of sub-units too).
    pub fn members_of(&self, group: &str) -> Vec<NodeIndex> {
        let Some(&root) = self.net.actor_index().get(group) else {
            return Vec::new();
        };
        let mut reached = Vec::new();
        reachable(&self.cache.memberships(self.net).down, root, &mut reached);
        let mut out: Vec<NodeIndex> = reached
            .into_iter()
            .filter_map(|g| self.of_network(g))
            .collect();
        out.sort_unstable();
        out
    }

    /// For every present actor, the present groups it belongs to
    /// transitively, sorted.
    pub fn ancestors(&self) -> &Rows<u32> {
        self.scores.ancestors.get_or_init(|| {
            let up = &self.cache.memberships(self.net).up;
            let mut rows = Rows::with_capacity(self.graph.node_count());
            let mut reached = Vec::new();
            for n in self.graph.node_indices() {
                reached.clear();
                if !up.row(self.graph[n].index()).is_empty() {
                    reachable(up, self.graph[n], &mut reached);
                }
                let groups = reached
                    .iter()
                    .skip(1)
                    .filter_map(|&g| self.of_network(g))
                    .map(|g| g.index() as u32);
                rows.push_row(groups).sort_unstable();
            }
            rows
        })
    }

    /// The moment of a snapshot-relative millisecond time, for output: the
    /// written form of the interaction it came from is not known here, so
    /// it is given in UTC.
    pub fn moment_of(ms: i64) -> Moment {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(Moment::from)
            .unwrap_or(Moment::Date(NaiveDate::MIN))
    }
}
