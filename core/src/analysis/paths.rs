//! A way in (N5): the most trusted chains of introductions from a newcomer
//! to a person, a unit or any group.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::model::Network;
use crate::time::Moment;

/// Options of [`Network::paths_with`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PathOptions {
    /// How many chains to return, best first. Default 3.
    pub k: usize,
    /// The longest chain, in steps. Default 4: beyond that an introduction
    /// is hearsay.
    pub max_hops: usize,
    /// The weakest step allowed, in mutual trust. Default 0.1.
    pub min_step_trust: f64,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            k: 3,
            max_hops: 4,
            min_step_trust: 0.1,
        }
    }
}

/// One step of a chain of introductions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Who asks.
    pub from: String,
    /// Who is asked.
    pub to: String,
    /// The step's trust: the lower of the two directions.
    pub trust: f64,
    /// Trust of `from` in `to`: does `from` dare to ask?
    pub from_trusts_to: f64,
    /// Trust of `to` in `from`: will `to` vouch for them?
    pub to_trusts_from: f64,
}

/// A chain of introductions from the source to the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WayIn {
    /// The actors in order, the source first and the one reached last.
    pub actors: Vec<String>,
    /// Each step with its trust.
    pub steps: Vec<Step>,
    /// The chain's trust: the product of its steps' trust, since each
    /// introduction can fail on its own.
    pub trust: f64,
    /// Whom to ask for the introduction: the first person on the chain
    /// after the source, when the chain has more than one step.
    pub introducer: Option<String>,
    /// The actor reached: the target, or the member of a target group.
    pub reaches: String,
}

/// Expansions after which a search stops; it keeps what it has found.
const MAX_EXPANSIONS: usize = 2_000_000;

#[derive(Debug)]
struct Partial {
    bound: f64,
    trust: f64,
    path: Vec<NodeIndex>,
}

impl PartialEq for Partial {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Partial {}
impl PartialOrd for Partial {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Partial {
    fn cmp(&self, other: &Self) -> Ordering {
        // Max-heap on the bound; equal bounds: the path with smaller ids first.
        self.bound
            .total_cmp(&other.bound)
            .then_with(|| other.path.cmp(&self.path))
    }
}

impl Network {
    /// The `k` most trusted chains of introductions from `source` to
    /// `target` as of `as_of`, best first, with the default options (at most
    /// 4 steps, no step below 0.1). See [`Network::paths_with`].
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// // Maja is new; who can bring her to the job centre?
    /// let ways = net.paths("v-maja", "u-job", "2025-11-01".parse()?, 3)?;
    /// let best = &ways[0];
    /// assert_eq!(best.actors.first().map(String::as_str), Some("v-maja"));
    /// assert_eq!(best.introducer.as_deref(), Some("v-ahmad"));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn paths(&self, source: &str, target: &str, as_of: Moment, k: usize) -> Result<Vec<WayIn>> {
        self.paths_with(
            source,
            target,
            as_of,
            &PathOptions {
                k,
                ..PathOptions::default()
            },
        )
    }

    /// The `options.k` most trusted chains from `source` to `target`.
    ///
    /// A step between two actors has the lower of their trust in each other
    /// (one must dare to ask, the other must want to vouch), and a chain the
    /// product of its steps. A group target (a unit, an organisation, a
    /// community, a network) is reached at the first of its members,
    /// directly or through sub-units. Chains never pass through anyone who
    /// had left by `as_of`, and no actor appears twice in a chain. Someone
    /// who has left has no way in: the result is empty, as it is when the
    /// target cannot be reached.
    pub fn paths_with(
        &self,
        source: &str,
        target: &str,
        as_of: Moment,
        options: &PathOptions,
    ) -> Result<Vec<WayIn>> {
        self.node(source)?;
        self.node(target)?;
        if source == target {
            return Err(Error::invalid("target", "is the same actor as source"));
        }
        if options.k == 0 {
            return Err(Error::invalid("k", "must be at least 1"));
        }
        if options.max_hops == 0 {
            return Err(Error::invalid("max_hops", "must be at least 1"));
        }
        if !(0.0..=1.0).contains(&options.min_step_trust) {
            return Err(Error::invalid("min_step_trust", "must be between 0 and 1"));
        }
        let snap = Snapshot::new(self, as_of);
        let Some(from) = snap.node(source) else {
            return Ok(Vec::new());
        };
        let mut is_target = vec![false; snap.graph.node_count()];
        for n in snap.members_of(target) {
            is_target[n.index()] = true;
        }
        Ok(search(&snap, from, &is_target, options))
    }
}

/// Beyond this many hops the search's layered bound costs more than it
/// saves: one Dijkstra without the hop limit gives a looser bound for every
/// number of hops.
const MAX_LAYERED_HOPS: usize = 8;

/// The chains asked for: the single best chain of any length from both
/// ends at once, the rest by [`bounded`].
fn search(
    snap: &Snapshot,
    from: NodeIndex,
    is_target: &[bool],
    options: &PathOptions,
) -> Vec<WayIn> {
    let n = snap.graph.node_count();
    let min = options.min_step_trust;
    let hops = options.max_hops.min(n);
    if options.max_hops > MAX_LAYERED_HOPS && options.k == 1 && !is_target[from.index()] {
        // One chain of any length: the search from both ends finds it
        // having settled far fewer nodes than the bound below would. A
        // chain longer than the hops allowed goes to the bounded search.
        return match best_chain(snap, from, is_target, min) {
            Some(path) if path.len() <= hops + 1 && simple(&path, n) => {
                let trust = path.windows(2).map(|w| snap.mutual(w[0], w[1])).product();
                vec![way_in(snap, &path, trust)]
            }
            Some(_) => bounded(snap, from, is_target, options, hops),
            None => Vec::new(),
        };
    }
    bounded(snap, from, is_target, options, hops)
}

/// Best-first search over simple paths, bounded by the best possible
/// completion within the remaining hops (an exact upper bound, so complete
/// chains come out best first).
fn bounded(
    snap: &Snapshot,
    from: NodeIndex,
    is_target: &[bool],
    options: &PathOptions,
    hops: usize,
) -> Vec<WayIn> {
    let n = snap.graph.node_count();
    let min = options.min_step_trust;
    // best[h][v]: the best product from v to a target in at most h steps.
    let layered = options.max_hops <= MAX_LAYERED_HOPS;
    let layers = if layered { hops + 1 } else { 1 };
    let mut best = vec![vec![0.0f64; n]; layers];
    for v in 0..n {
        if is_target[v] {
            best[0][v] = 1.0;
        }
    }
    let rows = snap.trust_rows();
    if layered {
        // Pushed out from the targets: layer h is non-zero only within h
        // steps of them, a few hundred nodes for a person in the first
        // layers, where pulling into every node would read every row. The
        // products and their maxima are the same either way. The top
        // layer is only read at `from`, below.
        let mut reached: Vec<usize> = (0..n).filter(|&v| is_target[v]).collect();
        for h in 1..hops {
            let (done, rest) = best.split_at_mut(h);
            let (prev, cur) = (&done[h - 1], &mut rest[0]);
            cur.copy_from_slice(&done[0]);
            let mut next = Vec::with_capacity(reached.len());
            for &u in &reached {
                // Rows come most trusted first: the rest are all below `min`.
                for (w, t) in rows.row(u) {
                    if t < min {
                        break;
                    }
                    if is_target[w] {
                        continue;
                    }
                    let b = t * prev[u];
                    if cur[w] == 0.0 && b > 0.0 {
                        next.push(w);
                    }
                    cur[w] = cur[w].max(b);
                }
            }
            next.extend(reached.iter().filter(|&&v| is_target[v]));
            reached = next;
        }
        let (done, top) = best.split_at_mut(hops);
        let (prev, f) = (&done[hops - 1], from.index());
        top[0][f] = if is_target[f] {
            1.0
        } else {
            let mut b = 0.0f64;
            for (w, t) in rows.row(f) {
                if t < min {
                    break;
                }
                b = b.max(t * prev[w]);
            }
            b
        };
    } else {
        best[0] = unlimited_bound(snap, from, is_target, min);
    }
    let bound = |left: usize, v: usize| if layered { best[left][v] } else { best[0][v] };
    let mut out = Vec::new();
    let start_bound = bound(hops, from.index());
    if start_bound <= 0.0 {
        return out;
    }
    let mut heap = BinaryHeap::new();
    heap.push(Partial {
        bound: start_bound,
        trust: 1.0,
        path: vec![from],
    });
    let mut expansions = 0;
    while let Some(p) = heap.pop() {
        let Some(&last) = p.path.last() else { continue };
        if is_target[last.index()] {
            out.push(way_in(snap, &p.path, p.trust));
            if out.len() == options.k {
                break;
            }
            continue;
        }
        expansions += 1;
        if expansions > MAX_EXPANSIONS {
            break;
        }
        let left = hops - (p.path.len() - 1);
        if left == 0 {
            continue;
        }
        let mut next: Vec<(NodeIndex, f64)> = Vec::new();
        for (w, t) in rows.row(last.index()) {
            if t < min {
                break;
            }
            let w = NodeIndex::new(w);
            if !p.path.contains(&w) {
                next.push((w, t));
            }
        }
        for (w, t) in next {
            let rest = bound(left - 1, w.index());
            if rest <= 0.0 {
                continue;
            }
            let mut path = p.path.clone();
            path.push(w);
            heap.push(Partial {
                bound: p.trust * t * rest,
                trust: p.trust * t,
                path,
            });
        }
    }
    // A bound multiplies the same steps' trust in another order than the
    // chain's own product, so two chains of equal trust may come out a
    // rounding apart in the wrong order: put them right (stable, so equal
    // chains keep the search's order).
    out.sort_by(|a, b| b.trust.total_cmp(&a.trust));
    out
}

/// An upper bound on the best product from every node to a target with any
/// number of steps: Dijkstra on the products themselves from the targets
/// (a step never raises a product, as trust is at most 1), stopped once it
/// settles `from`. Nodes it did not settle are at least as far as `from`, so
/// `from`'s product bounds theirs: enough for the best-first search, which
/// then walks the best chain directly.
fn unlimited_bound(snap: &Snapshot, from: NodeIndex, is_target: &[bool], min: f64) -> Vec<f64> {
    let rows = snap.trust_rows();
    let n = snap.graph.node_count();
    let mut product = vec![0.0f64; n];
    let mut settled = vec![false; n];
    // Products are never negative, and the bits of non-negative floats
    // order as the numbers do.
    let mut heap = BinaryHeap::new();
    for (v, &t) in is_target.iter().enumerate() {
        if t {
            product[v] = 1.0;
            heap.push((1.0f64.to_bits(), v as u32));
        }
    }
    let mut reached = 0.0;
    while let Some((bits, v)) = heap.pop() {
        let (p, v) = (f64::from_bits(bits), v as usize);
        if p < product[v] {
            continue;
        }
        if v == from.index() {
            reached = p;
            break;
        }
        settled[v] = true;
        for (w, t) in rows.row(v) {
            if t < min {
                break;
            }
            let np = p * t;
            if np > product[w] {
                product[w] = np;
                heap.push((np.to_bits(), w as u32));
            }
        }
    }
    // A tentative product may still rise, so only a settled node has its
    // own bound. A little slack: the bound must not fall below a product
    // computed step by step in the other direction.
    product
        .iter()
        .zip(&settled)
        .map(|(&p, &done)| (if done { p } else { reached }) * (1.0 + 1e-9))
        .collect()
}

/// The most trusted chain from `from` to the first target it meets, by
/// Dijkstra on products from both ends at once, each step of trust at least
/// `min` (and above 0). None when no target can be reached.
fn best_chain(
    snap: &Snapshot,
    from: NodeIndex,
    is_target: &[bool],
    min: f64,
) -> Option<Vec<NodeIndex>> {
    const NONE: u32 = u32::MAX;
    let rows = snap.trust_rows();
    let n = snap.graph.node_count();
    // Products found so far from each end, and the node before on the way.
    let mut product = [vec![0.0f64; n], vec![0.0f64; n]];
    let mut before = [vec![NONE; n], vec![NONE; n]];
    let mut settled = [vec![false; n], vec![false; n]];
    // Products are never negative, and the bits of non-negative floats
    // order as the numbers do.
    let mut heaps = [BinaryHeap::new(), BinaryHeap::new()];
    let (f, b) = (0, 1);
    product[f][from.index()] = 1.0;
    heaps[f].push((1.0f64.to_bits(), from.index() as u32));
    for (v, &t) in is_target.iter().enumerate() {
        if t {
            product[b][v] = 1.0;
            heaps[b].push((1.0f64.to_bits(), v as u32));
        }
    }
    // The best chain met so far: its product and the step where the ends met.
    let mut best = 0.0f64;
    let mut meet = (NONE, NONE);
    loop {
        let top = |side: usize| {
            heaps[side]
                .peek()
                .map_or(0.0, |&(bits, _)| f64::from_bits(bits))
        };
        // No chain not yet met can beat the two best products still open.
        if top(f) * top(b) <= best {
            break;
        }
        // The smaller frontier first: a group target starts with many.
        let side = if heaps[f].len() <= heaps[b].len() {
            f
        } else {
            b
        };
        let Some((bits, v)) = heaps[side].pop() else {
            break;
        };
        let (p, v) = (f64::from_bits(bits), v as usize);
        if p < product[side][v] || settled[side][v] {
            continue;
        }
        settled[side][v] = true;
        // A chain ends at the first target it meets: none goes on through one.
        if side == f && is_target[v] {
            continue;
        }
        let other = 1 - side;
        for (w, t) in rows.row(v) {
            if t < min {
                break;
            }
            let np = p * t;
            if product[other][w] > 0.0 && !(side == b && is_target[w]) {
                let whole = np * product[other][w];
                if whole > best {
                    best = whole;
                    meet = if side == f {
                        (v as u32, w as u32)
                    } else {
                        (w as u32, v as u32)
                    };
                }
            }
            if np > product[side][w] && !settled[side][w] {
                product[side][w] = np;
                before[side][w] = v as u32;
                heaps[side].push((np.to_bits(), w as u32));
            }
        }
    }
    if best <= 0.0 {
        return None;
    }
    // From the meeting step back to `from`, then on to the target.
    let mut path = Vec::new();
    let mut v = meet.0;
    while v != NONE {
        path.push(NodeIndex::new(v as usize));
        v = before[f][v as usize];
    }
    path.reverse();
    let mut w = meet.1;
    while w != NONE {
        path.push(NodeIndex::new(w as usize));
        w = before[b][w as usize];
    }
    // Steps of trust 1 could reach a target before the end.
    if let Some(end) = path.iter().position(|v| is_target[v.index()]) {
        path.truncate(end + 1);
    }
    Some(path)
}

/// No actor twice: steps of trust 1 could join the two halves of a chain
/// found from both ends through one node twice.
fn simple(path: &[NodeIndex], n: usize) -> bool {
    let mut seen = vec![false; n];
    path.iter()
        .all(|v| !std::mem::replace(&mut seen[v.index()], true))
}

fn way_in(snap: &Snapshot, path: &[NodeIndex], trust: f64) -> WayIn {
    let steps = path
        .windows(2)
        .map(|w| Step {
            from: snap.id(w[0]).to_owned(),
            to: snap.id(w[1]).to_owned(),
            trust: snap.mutual(w[0], w[1]),
            from_trusts_to: snap.directed(w[0], w[1]),
            to_trusts_from: snap.directed(w[1], w[0]),
        })
        .collect::<Vec<_>>();
    WayIn {
        actors: path.iter().map(|&n| snap.id(n).to_owned()).collect(),
        introducer: (steps.len() > 1).then(|| steps[0].to.clone()),
        steps,
        trust,
        reaches: path
            .last()
            .map(|&n| snap.id(n).to_owned())
            .unwrap_or_default(),
    }
}
