//! Betweenness centrality (Brandes 2001) on a weighted undirected graph:
//! exact, or estimated from a sample of sources, on one thread or (with the
//! `parallel` feature) on all of them, with the same answer to the last bit
//! either way.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::csr::Csr;

/// One search's state, kept between sources so that each search only
/// touches the nodes it reaches.
struct Search {
    dist: Vec<f64>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<usize>,
    /// Nearest first, then lowest index. Distances are never negative, and
    /// the bits of non-negative floats order as the numbers do: integer
    /// comparisons are cheaper than `total_cmp`.
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    /// Adds the dependencies of every node on the shortest routes from
    /// `source` to `total`.
    ///
    /// Never inlined (here, and by wasm-opt: `scripts/lib/setup.sh`): a
    /// WebAssembly engine first runs a function as quickly compiled code and
    /// swaps in optimised code at its next call, so the search must be a
    /// call of its own for each source. Inlined into the loop over the
    /// sources, a first `brokers` in Node ran in baseline code to the end.
    #[inline(never)]
    fn add_dependencies(&mut self, g: &Csr, source: usize, total: &mut [f64]) {
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        self.heap.push(Reverse((0, source as u32)));
        while let Some(Reverse((bits, v))) = self.heap.pop() {
            let (d, v) = (f64::from_bits(bits), v as usize);
            // A node is pushed again only when its distance falls, so any
            // entry but the last of a node is stale.
            if d > self.dist[v] {
                continue;
            }
            self.order.push(v);
            for (w, l) in g.row(v) {
                let nd = d + l;
                if nd < self.dist[w] {
                    self.dist[w] = nd;
                    self.sigma[w] = self.sigma[v];
                    self.heap.push(Reverse((nd.to_bits(), w as u32)));
                } else if nd == self.dist[w] {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
        // The predecessors of w are the neighbours v with dist v + l = dist w,
        // the same sum that made dist w: found again instead of stored.
        for i in (0..self.order.len()).rev() {
            let w = self.order[i];
            let share = (1.0 + self.delta[w]) / self.sigma[w];
            for (v, l) in g.row(w) {
                if self.dist[v] + l == self.dist[w] {
                    self.delta[v] += self.sigma[v] * share;
                }
            }
        }
        for &v in &self.order {
            if v != source {
                total[v] += self.delta[v];
            }
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
        }
        self.order.clear();
    }
}

/// Sources are summed in this many blocks, each in order and then the blocks
/// in order: the sum is the same whether the blocks run on one thread or
/// many, and however many there are.
const BLOCKS: usize = 32;

fn block_sum(g: &Csr, sources: &[usize]) -> Vec<f64> {
    let mut total = vec![0.0; g.nodes()];
    let mut search = Search::new(g.nodes());
    for &s in sources {
        search.add_dependencies(g, s, &mut total);
    }
    total
}

/// Betweenness of every node over routes from `sources` (every node when
/// `None`), scaled to estimate all pairs when sampled. Each unordered pair
/// is counted once.
pub(crate) fn betweenness(g: &Csr, sources: Option<&[usize]>) -> Vec<f64> {
    let n = g.nodes();
    let all: Vec<usize>;
    let sources = match sources {
        Some(s) => s,
        None => {
            all = (0..n).collect();
            &all
        }
    };
    let size = sources.len().div_ceil(BLOCKS).max(1);
    let blocks: Vec<&[usize]> = sources.chunks(size).collect();
    #[cfg(feature = "parallel")]
    let sums: Vec<Vec<f64>> = {
        use rayon::prelude::*;
        blocks.par_iter().map(|b| block_sum(g, b)).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let sums: Vec<Vec<f64>> = blocks.iter().map(|b| block_sum(g, b)).collect();
    let mut total = vec![0.0; n];
    for sum in sums {
        for (t, s) in total.iter_mut().zip(sum) {
            *t += s;
        }
    }
    // Each unordered pair was counted from both ends; a sample of k sources
    // sees k/n of them.
    let scale = if sources.is_empty() {
        0.0
    } else {
        n as f64 / sources.len() as f64 / 2.0
    };
    for t in &mut total {
        *t *= scale;
    }
    total
}

/// `k` distinct sources out of `n`, drawn from `seed` (the same on every
/// platform), in increasing order.
pub(crate) fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    let mut rng = super::rng::Rng::new(seed);
    let k = k.min(n);
    // The first k places of a Fisher–Yates shuffle.
    for i in 0..k {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::UnGraph;

    fn csr(n: usize, edges: &[(u32, u32, f64)]) -> Csr {
        let mut g = UnGraph::<(), f64>::new_undirected();
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b, w) in edges {
            g.add_edge(a.into(), b.into(), w);
        }
        Csr::new(&g, |e| *e.weight())
    }

    #[test]
    fn star_centre_lies_on_every_route() {
        // Centre 0 with leaves 1..=4: C(4,2) = 6 pairs, all through 0.
        let g = csr(5, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
        assert_eq!(betweenness(&g, None), vec![6.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn equal_routes_share_the_credit_and_lengths_matter() {
        // A square 0-1-2-3-0: 0 and 2 are joined through 1 and through 3.
        let g = csr(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)]);
        assert_eq!(betweenness(&g, None), vec![0.5; 4]);
        // Make the route through 3 longer: 1 carries both pairs alone.
        let g = csr(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.5), (3, 0, 1.5)]);
        let b = betweenness(&g, None);
        assert_eq!(b[1], 1.0);
        assert_eq!(b[3], 0.0);
    }

    #[test]
    fn every_source_as_a_sample_is_the_exact_answer() {
        let g = csr(
            6,
            &[
                (0, 1, 0.5),
                (1, 2, 1.0),
                (2, 3, 0.25),
                (3, 4, 2.0),
                (4, 5, 1.0),
                (5, 0, 0.75),
                (1, 4, 1.5),
            ],
        );
        let all: Vec<usize> = (0..6).collect();
        assert_eq!(betweenness(&g, Some(&all)), betweenness(&g, None));
        assert_eq!(sample_sources(6, 6, 9), all);
        let some = sample_sources(6, 3, 9);
        assert_eq!(some.len(), 3);
        assert_eq!(
            some,
            sample_sources(6, 3, 9),
            "the same seed draws the same sources"
        );
    }
}
