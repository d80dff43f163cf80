//! The network as it was at one instant: the actors present then, and every
//! tie scored both ways. Every analysis starts from one.

use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::stable_graph::{EdgeIndex as EdgeIx, NodeIndex as ActorIx};
use petgraph::visit::{EdgeFiltered, EdgeIndexable, EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::betweenness::Csr;
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
    /// The trusted graph (made at the first analysis that asks).
    trusted: std::sync::OnceLock<UnGraph<(), f64>>,
}

/// The last snapshot's scores, so that a series of questions about one
/// instant scores every tie once, and each tie's digest, so that a question
/// about a later instant does not walk the events again. Any change to the
/// network clears both.
#[derive(Debug, Default)]
pub(crate) struct SnapshotCache {
    last: std::sync::Mutex<Option<(i64, std::sync::Arc<Scores>)>>,
    /// By edge index, made for every tie at once at the first scoring.
    digests: std::sync::OnceLock<Vec<trust::Digest>>,
    /// The sums the digests are made from, by edge index: what the tie
    /// table explains. Apart and made only when asked, as scoring every tie
    /// reads the digests alone and they are a third the size.
    sums: std::sync::OnceLock<Vec<trust::Sums>>,
    /// Who belongs directly to whom, as network nodes.
    memberships: std::sync::OnceLock<Memberships>,
}

/// Who belongs directly to whom, as pairs of network nodes sorted by their
/// first: (member, group) and (group, member).
#[derive(Debug, Default)]
pub(crate) struct Memberships {
    by_member: Vec<(ActorIx, ActorIx)>,
    by_group: Vec<(ActorIx, ActorIx)>,
}

/// `start` and every node reached from it along `pairs` (sorted by their
/// first), each once, `start` first.
fn reachable(pairs: &[(ActorIx, ActorIx)], start: ActorIx) -> Vec<ActorIx> {
    let mut out = vec![start];
    // A few groups above an actor, or thousands of members below a unit.
    let mut seen: std::collections::HashSet<ActorIx> = std::collections::HashSet::new();
    let mut next = 0;
    while let Some(&x) = out.get(next) {
        next += 1;
        let first = pairs.partition_point(|(p, _)| *p < x);
        for &(_, y) in pairs[first..].iter().take_while(|(p, _)| *p == x) {
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
    out
}

impl Clone for SnapshotCache {
    fn clone(&self) -> Self {
        SnapshotCache::default()
    }
}

impl SnapshotCache {
    pub fn clear(&mut self) {
        *self.last.get_mut().unwrap_or_else(|p| p.into_inner()) = None;
        self.digests.take();
        self.sums.take();
        self.memberships.take();
    }

    fn get(&self, as_of_ms: i64) -> Option<std::sync::Arc<Scores>> {
        let guard = self.last.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .filter(|(t, _)| *t == as_of_ms)
            .map(|(_, s)| s.clone())
    }

    fn put(&self, as_of_ms: i64, scores: std::sync::Arc<Scores>) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some((as_of_ms, scores));
    }
}

impl Network {
    /// Every tie's digest, by edge index, made now if not yet.
    pub(crate) fn digests(&self) -> &[trust::Digest] {
        self.snapshots
            .digests
            .get_or_init(|| self.every_tie(|digest, _| digest))
    }

    /// Every tie's digest with the sums it is made from, by edge index.
    pub(crate) fn digest_sums(&self, edge: usize) -> Option<(&trust::Digest, &trust::Sums)> {
        let sums = self.snapshots.sums.get_or_init(|| {
            let (digests, sums): (Vec<_>, Vec<_>) = self
                .every_tie(|digest, sums| (digest, sums))
                .into_iter()
                .unzip();
            // The same pass makes the digests; if they are made already,
            // these are the same.
            let _ = self.snapshots.digests.set(digests);
            sums
        });
        Some((self.digests().get(edge)?, sums.get(edge)?))
    }

    /// Who belongs directly to whom, made now if not yet: a way in to a
    /// unit asks for its members once per query, coverage for every group,
    /// and key people for every actor's groups.
    fn memberships(&self) -> &Memberships {
        self.snapshots.memberships.get_or_init(|| {
            let mut by_member: Vec<(ActorIx, ActorIx)> = self
                .graph
                .node_indices()
                .flat_map(|n| {
                    self.graph[n]
                        .member_of
                        .iter()
                        .filter_map(move |g| Some((n, *self.actor_index.get(g)?)))
                })
                .collect();
            let mut by_group: Vec<(ActorIx, ActorIx)> =
                by_member.iter().map(|&(m, g)| (g, m)).collect();
            by_member.sort_unstable();
            by_group.sort_unstable();
            Memberships {
                by_member,
                by_group,
            }
        })
    }

    /// `part` of every tie's digest and sums, by edge index, on all cores.
    fn every_tie<T: Send>(&self, part: impl Fn(trust::Digest, trust::Sums) -> T + Sync) -> Vec<T> {
        let kernel = trust::Kernel::new(&self.scoring);
        let graph = &self.graph;
        let one = |i: usize| match graph.edge_weight(EdgeIx::new(i)) {
            Some(tie) => {
                let (digest, sums) = trust::Digest::of(&kernel, tie, &self.interactions);
                part(digest, sums)
            }
            None => part(trust::Digest::NONE, trust::Sums::default()),
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (0..graph.edge_bound()).into_par_iter().map(one).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            (0..graph.edge_bound()).map(one).collect()
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
}

impl std::ops::Deref for Snapshot<'_> {
    type Target = Scores;
    fn deref(&self) -> &Scores {
        &self.scores
    }
}

/// Edges `(x, y, _)` with `x < y` sorted by `(x, y)`: by `x` in one
/// counting pass, then each node's few by `y`. A comparison sort of every
/// edge took a quarter of the time of scoring them all.
fn sorted_by_pair<T: Copy>(
    edges: Vec<(NodeIndex, NodeIndex, T)>,
    nodes: usize,
) -> Vec<(NodeIndex, NodeIndex, T)> {
    let mut next = vec![0usize; nodes + 1];
    for (x, _, _) in &edges {
        next[x.index() + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut sorted = edges.clone();
    for e in edges {
        let slot = &mut next[e.0.index()];
        sorted[*slot] = e;
        *slot += 1;
    }
    for run in sorted.chunk_by_mut(|a, b| a.0 == b.0) {
        run.sort_unstable_by_key(|e| e.1);
    }
    sorted
}

/// Whether an actor is part of the network at `date`: joined (if known) and
/// not yet left.
pub(crate) fn present(actor: &Actor, date: NaiveDate) -> bool {
    actor.joined.is_none_or(|j| j <= date) && !actor.has_left_by(date)
}

impl<'n> Snapshot<'n> {
    pub fn new(net: &'n Network, as_of: Moment) -> Snapshot<'n> {
        let as_of_ms = as_of.millis();
        let scores = match net.snapshots.get(as_of_ms) {
            Some(s) => s,
            None => {
                let s = std::sync::Arc::new(Self::score(net, as_of));
                net.snapshots.put(as_of_ms, s.clone());
                s
            }
        };
        Snapshot {
            net,
            as_of,
            as_of_ms,
            scores,
        }
    }

    fn score(net: &Network, as_of: Moment) -> Scores {
        let as_of_ms = as_of.millis();
        let date = as_of.date();
        let mut actors: Vec<(&str, ActorIx)> = net
            .graph
            .node_indices()
            .filter(|&n| present(&net.graph[n], date))
            .map(|n| (net.graph[n].id.as_str(), n))
            .collect();
        actors.sort_unstable();
        let mut graph = UnGraph::with_capacity(actors.len(), net.graph.edge_count());
        let mut index = vec![None; net.graph.node_bound()];
        for (_, n) in &actors {
            index[n.index()] = Some(graph.add_node(*n));
        }
        let kernel = trust::Kernel::new(&net.scoring);
        let digests = net.digests();
        // Room for every tie at once: grown by doubling, the list was copied
        // a score of times at L, a quarter of a gigabyte the last time.
        let mut edges: Vec<(NodeIndex, NodeIndex, Scored)> =
            Vec::with_capacity(net.graph.edge_count());
        for e in (&net.graph).edge_references() {
            let (Some(x), Some(y)) = (index[e.source().index()], index[e.target().index()]) else {
                continue;
            };
            let tie = e.weight();
            let digest = digests.get(e.id().index());
            let last = match digest.filter(|d| d.holds_at(as_of_ms)) {
                Some(d) => d.last(),
                None => match tie.events_until(as_of_ms).last() {
                    Some(last) => last.at,
                    None => continue,
                },
            };
            // Side A is the stable graph's edge source, which is `x` here.
            let (ab, ba) = trust::trust_values(&kernel, tie, &net.interactions, digest, as_of_ms);
            let (x, y, ab, ba) = if x < y {
                (x, y, ab, ba)
            } else {
                (y, x, ba, ab)
            };
            edges.push((
                x,
                y,
                Scored {
                    ab,
                    ba,
                    last_ms: last,
                },
            ));
        }
        for (x, y, s) in sorted_by_pair(edges, graph.node_count()) {
            graph.add_edge(x, y, s);
        }
        Scores {
            graph,
            index,
            trust_rows: std::sync::OnceLock::new(),
            trusted: std::sync::OnceLock::new(),
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
        &self.net.graph[self.graph[n]]
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
        self.of_network(*self.net.actor_index.get(id)?)
    }

    pub fn is_municipal(&self, n: NodeIndex) -> bool {
        self.actor(n).sector() == Sector::Municipality
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
    pub fn trusted(&self) -> &UnGraph<(), f64> {
        self.scores.trusted.get_or_init(|| self.make_trusted())
    }

    fn make_trusted(&self) -> UnGraph<(), f64> {
        let threshold = self.net.scoring.trusted_threshold;
        let mut g = UnGraph::with_capacity(self.graph.node_count(), self.graph.edge_count());
        for _ in self.graph.node_indices() {
            g.add_node(());
        }
        for e in self.graph.edge_references() {
            let m = e.weight().mutual();
            if m >= threshold {
                g.add_edge(e.source(), e.target(), m);
            }
        }
        g
    }

    /// Every present actor a group contains, itself included, through
    /// `member_of` transitively (members of sub-units too).
    pub fn members_of(&self, group: &str) -> Vec<NodeIndex> {
        let Some(&root) = self.net.actor_index.get(group) else {
            return Vec::new();
        };
        let mut out: Vec<NodeIndex> = reachable(&self.net.memberships().by_group, root)
            .into_iter()
            .filter_map(|g| self.of_network(g))
            .collect();
        out.sort_unstable();
        out
    }

    /// For every present actor, the present groups it belongs to
    /// transitively.
    pub fn ancestors(&self) -> Vec<Vec<NodeIndex>> {
        let up = &self.net.memberships().by_member;
        self.graph
            .node_indices()
            .map(|n| {
                let mut groups: Vec<NodeIndex> = reachable(up, self.graph[n])
                    .into_iter()
                    .skip(1)
                    .filter_map(|g| self.of_network(g))
                    .collect();
                groups.sort_unstable();
                groups
            })
            .collect()
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
