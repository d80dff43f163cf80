//! A graph as compressed rows: each node's neighbours and a value per edge
//! side by side, for searches that read every tie many times (a petgraph
//! `Graph` links its edges into lists, and following them misses the cache
//! at every step).

use petgraph::visit::{
    EdgeRef, GraphBase, IntoEdges, IntoNeighbors, NodeCompactIndexable, NodeCount, NodeIndexable,
};

/// Compressed rows of an undirected graph: tie lengths for betweenness,
/// mutual trust for paths and the trusted graph.
#[derive(Debug)]
pub(crate) struct Csr {
    start: Vec<usize>,
    to: Vec<u32>,
    length: Vec<f64>,
}

impl Csr {
    /// The rows of `g`, with each edge's length from `length`. Self-loops
    /// lie on no shortest route and are left out.
    pub(crate) fn new<G, F>(g: G, length: F) -> Csr
    where
        G: IntoEdges + NodeCompactIndexable,
        F: Fn(G::EdgeRef) -> f64,
    {
        let n = g.node_bound();
        let mut start = Vec::with_capacity(n + 1);
        let mut to = Vec::new();
        let mut lengths = Vec::new();
        start.push(0);
        for v in 0..n {
            for e in g.edges(g.from_index(v)) {
                let w = g.to_index(e.target());
                if w != v {
                    to.push(w as u32);
                    lengths.push(length(e));
                }
            }
            start.push(to.len());
        }
        Csr {
            start,
            to,
            length: lengths,
        }
    }

    /// Each row in decreasing order of value (then by neighbour), so that a
    /// search that wants only values above a floor stops at the first below.
    pub(crate) fn strongest_first(mut self) -> Csr {
        let mut row: Vec<(f64, u32)> = Vec::new();
        for v in 0..self.nodes() {
            let (a, b) = (self.start[v], self.start[v + 1]);
            row.clear();
            row.extend(
                self.length[a..b]
                    .iter()
                    .copied()
                    .zip(self.to[a..b].iter().copied()),
            );
            row.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            for (i, (value, to)) in row.iter().enumerate() {
                self.length[a + i] = *value;
                self.to[a + i] = *to;
            }
        }
        self
    }

    pub(crate) fn nodes(&self) -> usize {
        self.start.len() - 1
    }

    /// The neighbours of `v` with each edge's value.
    pub(crate) fn row(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (to, length) = self.row_slices(v);
        to.iter().zip(length).map(|(&w, &l)| (w as usize, l))
    }

    /// The neighbours of `v` and each edge's value, as two slices (empty
    /// for a node the graph does not have).
    pub(crate) fn row_slices(&self, v: usize) -> (&[u32], &[f64]) {
        match (self.start.get(v), self.start.get(v + 1)) {
            (Some(&a), Some(&b)) => (&self.to[a..b], &self.length[a..b]),
            _ => (&[], &[]),
        }
    }
}

/// Items listed per index, side by side: `items[start[i]..start[i + 1]]`.
/// Who belongs to whom, the groups above each actor, a search tree's
/// children: lists of lists without a `Vec` each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows<T> {
    start: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> Rows<T> {
    /// The rows of `pairs` (index, item) over indices below `bound`, each
    /// row's items in the order the pairs give them.
    pub(crate) fn from_pairs(bound: usize, pairs: &[(usize, T)]) -> Rows<T> {
        let mut start = vec![0usize; bound + 1];
        for &(i, _) in pairs {
            start[i + 1] += 1;
        }
        for i in 0..bound {
            start[i + 1] += start[i];
        }
        let Some(&(_, filler)) = pairs.first() else {
            return Rows {
                start,
                items: Vec::new(),
            };
        };
        let mut fill = start.clone();
        let mut items = vec![filler; pairs.len()];
        for &(i, item) in pairs {
            items[fill[i]] = item;
            fill[i] += 1;
        }
        Rows { start, items }
    }

    /// An empty list of rows, to which [`Rows::push_row`] adds one at a time.
    pub(crate) fn with_capacity(rows: usize) -> Rows<T> {
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        Rows {
            start,
            items: Vec::new(),
        }
    }

    /// Adds the next row, and gives its items to be changed in place (to
    /// sort them, say).
    pub(crate) fn push_row(&mut self, items: impl IntoIterator<Item = T>) -> &mut [T] {
        let first = self.items.len();
        self.items.extend(items);
        self.start.push(self.items.len());
        &mut self.items[first..]
    }

    /// The items of row `i` (none for an index past the last row).
    pub(crate) fn row(&self, i: usize) -> &[T] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }
}

// petgraph's traits, so that searches written against them (the low links
// of key people) run on the rows.
impl GraphBase for Csr {
    type NodeId = usize;
    /// A tie is the pair of its ends.
    type EdgeId = (usize, usize);
}

impl<'a> IntoNeighbors for &'a Csr {
    type Neighbors = Neighbours<'a>;
    fn neighbors(self, v: usize) -> Neighbours<'a> {
        Neighbours(self.row_slices(v).0.iter())
    }
}

/// The neighbours of a node, in its row's order. (A type of its own: a
/// function pointer in an adapter would be called, not inlined, per edge.)
#[derive(Debug, Clone)]
pub(crate) struct Neighbours<'a>(std::slice::Iter<'a, u32>);

impl Iterator for Neighbours<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        self.0.next().map(|&w| w as usize)
    }
}

impl NodeIndexable for Csr {
    fn node_bound(&self) -> usize {
        self.nodes()
    }
    fn to_index(&self, v: usize) -> usize {
        v
    }
    fn from_index(&self, i: usize) -> usize {
        i
    }
}

impl NodeCount for Csr {
    fn node_count(&self) -> usize {
        self.nodes()
    }
}

impl NodeCompactIndexable for Csr {}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::UnGraph;

    #[test]
    fn rows_sorted_strongest_first_and_walked_as_a_graph() {
        let mut g = UnGraph::<(), f64>::new_undirected();
        for _ in 0..3 {
            g.add_node(());
        }
        g.add_edge(0.into(), 1.into(), 0.2);
        g.add_edge(0.into(), 2.into(), 0.9);
        g.add_edge(1.into(), 2.into(), 0.5);
        g.add_edge(1.into(), 1.into(), 1.0);
        let rows = Csr::new(&g, |e| *e.weight()).strongest_first();
        assert_eq!(rows.row(0).collect::<Vec<_>>(), vec![(2, 0.9), (1, 0.2)]);
        // The self-loop is left out.
        assert_eq!(rows.row(1).collect::<Vec<_>>(), vec![(2, 0.5), (0, 0.2)]);
        let mut around_2: Vec<usize> = (&rows).neighbors(2).collect();
        around_2.sort_unstable();
        assert_eq!(around_2, vec![0, 1]);
        assert!(rows.row(7).next().is_none());
        assert_eq!(rows.node_count(), 3);
    }

    #[test]
    fn rows_from_pairs_keep_each_rows_order_and_grow_by_rows() {
        let rows = Rows::from_pairs(4, &[(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd')]);
        assert_eq!(rows.row(0), &['b', 'd']);
        assert!(rows.row(1).is_empty());
        assert_eq!(rows.row(2), &['a', 'c']);
        assert!(rows.row(3).is_empty() && rows.row(9).is_empty());
        assert!(Rows::<u8>::from_pairs(3, &[]).row(2).is_empty());
        let mut grown = Rows::with_capacity(2);
        grown.push_row([3, 1, 2]).sort_unstable();
        grown.push_row([]);
        assert_eq!(grown.row(0), &[1, 2, 3]);
        assert!(grown.row(1).is_empty() && grown.row(2).is_empty());
    }
}
