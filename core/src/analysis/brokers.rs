//! Brokers (N7): who sits between others on the most trusted routes, and
//! who bridges the sectors.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::{EdgeRef, IntoEdges, NodeCompactIndexable};
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::model::{Network, Sector};
use crate::time::Moment;

/// A trusted tie to an actor of another sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BridgingTie {
    /// The other actor.
    pub other: String,
    /// Its sector.
    pub other_sector: Sector,
    /// Mutual trust of the tie.
    pub trust: f64,
}

/// An actor's place between others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broker {
    /// The actor.
    pub actor: String,
    /// Its sector.
    pub sector: Sector,
    /// Betweenness centrality on the trust graph: over all pairs of other
    /// actors, the share of most-trusted routes between them that pass
    /// through this one, summed.
    pub betweenness: f64,
    /// Betweenness divided by the number of pairs of other actors, in [0, 1].
    pub normalized: f64,
    /// Its trusted ties across sectors, strongest first.
    pub bridging_ties: Vec<BridgingTie>,
}

/// A node and its distance in a min-heap: the nearest first, then the lowest
/// index, so every Dijkstra here runs in a fixed order.
#[derive(PartialEq)]
pub(crate) struct Item(pub f64, pub usize);
impl Eq for Item {}
impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Item {
    fn cmp(&self, other: &Self) -> Ordering {
        // A min-heap on distance, then node index, for a fixed order.
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

/// Brandes' dependencies of every node on shortest paths from `source`,
/// with edge lengths from `length`. One call per source: summing the calls
/// gives betweenness, and the calls are independent, ready to run in parallel.
pub(crate) fn dependencies<G, F>(g: G, source: usize, length: F) -> Vec<f64>
where
    G: IntoEdges + NodeCompactIndexable,
    F: Fn(G::EdgeRef) -> f64,
{
    let n = g.node_bound();
    let mut dist = vec![f64::INFINITY; n];
    let mut sigma = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut heap = BinaryHeap::new();
    dist[source] = 0.0;
    sigma[source] = 1.0;
    heap.push(Item(0.0, source));
    while let Some(Item(d, v)) = heap.pop() {
        if done[v] || d > dist[v] {
            continue;
        }
        done[v] = true;
        order.push(v);
        for e in g.edges(g.from_index(v)) {
            let w = g.to_index(e.target());
            if w == v {
                continue;
            }
            let nd = d + length(e);
            if nd < dist[w] {
                dist[w] = nd;
                sigma[w] = sigma[v];
                preds[w].clear();
                preds[w].push(v);
                heap.push(Item(nd, w));
            } else if nd == dist[w] && !done[w] {
                sigma[w] += sigma[v];
                preds[w].push(v);
            }
        }
    }
    let mut delta = vec![0.0f64; n];
    for &w in order.iter().rev() {
        for &v in &preds[w] {
            delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
        }
    }
    delta[source] = 0.0;
    delta
}

/// Exact betweenness of an undirected graph (Brandes 2001).
pub(crate) fn betweenness<G, F>(g: G, length: F) -> Vec<f64>
where
    G: IntoEdges + NodeCompactIndexable,
    F: Fn(G::EdgeRef) -> f64 + Copy,
{
    let mut total = vec![0.0f64; g.node_bound()];
    for s in 0..g.node_bound() {
        for (t, d) in total.iter_mut().zip(dependencies(g, s, length)) {
            *t += d;
        }
    }
    // Each unordered pair was counted from both ends.
    for t in &mut total {
        *t /= 2.0;
    }
    total
}

/// Shortest length of a tie: trust 1 would give length 0, and zero-length
/// edges make "the shortest route" ambiguous (and some libraries refuse them).
pub const MIN_TIE_LENGTH: f64 = 1e-9;

/// The length of a tie in the trust graph: a stronger tie is shorter, and
/// a chain's length is minus the log of the product of its trust (at least
/// [`MIN_TIE_LENGTH`]).
pub fn trust_length(trust: f64) -> f64 {
    (-trust.ln()).max(MIN_TIE_LENGTH)
}

impl Network {
    /// Brokers as of `as_of`: exact betweenness centrality (Brandes) on the
    /// trust graph of present actors, where a tie's length is −ln of its
    /// mutual trust (so the most trusted route is the shortest), and each
    /// actor's trusted ties across sectors. Actors with neither are left out;
    /// the rest come highest betweenness first.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let brokers = net.brokers("2025-11-01".parse()?);
    /// assert!(brokers[0].normalized > 0.0 && brokers[0].normalized <= 1.0);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn brokers(&self, as_of: Moment) -> Vec<Broker> {
        let snap = Snapshot::new(self, as_of);
        let threshold = self.scoring.trusted_threshold;
        let mut trust_graph: UnGraph<(), f64> = UnGraph::with_capacity(snap.graph.node_count(), 0);
        for _ in snap.graph.node_indices() {
            trust_graph.add_node(());
        }
        for e in snap.graph.edge_references() {
            let m = e.weight().mutual();
            if m > 0.0 {
                trust_graph.add_edge(e.source(), e.target(), trust_length(m));
            }
        }
        let b = betweenness(&trust_graph, |e| *e.weight());
        let n = snap.graph.node_count();
        let pairs = if n > 2 {
            ((n - 1) * (n - 2)) as f64 / 2.0
        } else {
            1.0
        };
        let mut out = Vec::new();
        for v in snap.graph.node_indices() {
            let sector = snap.actor(v).sector();
            let mut bridging: Vec<BridgingTie> = snap
                .graph
                .neighbors(v)
                .filter_map(|w: NodeIndex| {
                    let t = snap.mutual(v, w);
                    let other_sector = snap.actor(w).sector();
                    (t >= threshold && other_sector != sector).then(|| BridgingTie {
                        other: snap.id(w).to_owned(),
                        other_sector,
                        trust: t,
                    })
                })
                .collect();
            let bv = b[v.index()];
            if bv <= 0.0 && bridging.is_empty() {
                continue;
            }
            bridging.sort_by(|x, y| {
                y.trust
                    .total_cmp(&x.trust)
                    .then_with(|| x.other.cmp(&y.other))
            });
            out.push(Broker {
                actor: snap.id(v).to_owned(),
                sector,
                betweenness: bv,
                normalized: (bv / pairs).min(1.0),
                bridging_ties: bridging,
            });
        }
        out.sort_by(|x, y| {
            y.betweenness
                .total_cmp(&x.betweenness)
                .then(y.bridging_ties.len().cmp(&x.bridging_ties.len()))
                .then_with(|| x.actor.cmp(&y.actor))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32, f64)]) -> UnGraph<(), f64> {
        let mut g = UnGraph::new_undirected();
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b, w) in edges {
            g.add_edge(a.into(), b.into(), w);
        }
        g
    }

    #[test]
    fn star_centre_lies_on_every_route() {
        // Centre 0 with leaves 1..=4: C(4,2) = 6 pairs, all through 0.
        let g = graph(5, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
        let b = betweenness(&g, |e| *e.weight());
        assert_eq!(b, vec![6.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn equal_routes_share_the_credit_and_lengths_matter() {
        // A square 0-1-2-3-0: 0 and 2 are joined through 1 and through 3.
        let g = graph(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)]);
        assert_eq!(betweenness(&g, |e| *e.weight()), vec![0.5; 4]);
        // Make the route through 3 longer: 1 carries both pairs alone.
        let g = graph(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.5), (3, 0, 1.5)]);
        let b = betweenness(&g, |e| *e.weight());
        assert_eq!(b[1], 1.0);
        assert_eq!(b[3], 0.0);
    }
}
