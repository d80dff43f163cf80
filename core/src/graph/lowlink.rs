//! Depth-first search with low links (Hopcroft–Tarjan), iteratively so that
//! no network is deep enough to overflow the stack. It finds what separates
//! a graph: the parts a node's removal cuts off (key people) and the edges
//! whose removal cuts a graph in two (ties that are someone's only way in).
//!
//! Written against petgraph's visit traits, so it runs on any undirected
//! graph with compact indices.

use petgraph::visit::{IntoNeighbors, NodeCompactIndexable};

use super::csr::Rows;

/// The DFS forest of an undirected graph.
#[derive(Debug, Clone)]
pub(crate) struct LowLink {
    /// Preorder number of each node.
    pub pre: Vec<usize>,
    /// Lowest preorder number reachable through the node's subtree and one back edge.
    pub low: Vec<usize>,
    /// DFS parent (`usize::MAX` for roots).
    pub parent: Vec<usize>,
    /// Number of nodes in each node's subtree, itself included.
    pub size: Vec<usize>,
    /// Nodes in preorder: a subtree is a contiguous range of it.
    pub order: Vec<usize>,
    /// The root of each node's tree (its connected component).
    pub root: Vec<usize>,
    /// Tree children of each node, in preorder.
    children: Rows<usize>,
}

pub(crate) const NONE: usize = usize::MAX;

impl LowLink {
    pub fn new<G>(g: G) -> LowLink
    where
        G: IntoNeighbors + NodeCompactIndexable,
    {
        let n = g.node_bound();
        let mut ll = LowLink {
            pre: vec![NONE; n],
            low: vec![NONE; n],
            parent: vec![NONE; n],
            size: vec![1; n],
            order: Vec::with_capacity(n),
            root: vec![NONE; n],
            children: Rows::default(),
        };
        let mut stack: Vec<(usize, G::Neighbors)> = Vec::new();
        for r in 0..n {
            if ll.pre[r] != NONE {
                continue;
            }
            ll.visit(r, r);
            stack.push((r, g.neighbors(g.from_index(r))));
            while let Some((v, neighbours)) = stack.last_mut() {
                let v = *v;
                match neighbours.next() {
                    Some(w) => {
                        let w = g.to_index(w);
                        if ll.pre[w] == NONE {
                            ll.parent[w] = v;
                            ll.visit(w, r);
                            stack.push((w, g.neighbors(g.from_index(w))));
                        } else if w != ll.parent[v] {
                            ll.low[v] = ll.low[v].min(ll.pre[w]);
                        }
                    }
                    None => {
                        stack.pop();
                        let p = ll.parent[v];
                        if p != NONE {
                            ll.low[p] = ll.low[p].min(ll.low[v]);
                            ll.size[p] += ll.size[v];
                        }
                    }
                }
            }
        }
        ll.index_children();
        ll
    }

    /// Children lists in compressed form, in preorder.
    fn index_children(&mut self) {
        let pairs: Vec<(usize, usize)> = self
            .order
            .iter()
            .map(|&v| (self.parent[v], v))
            .filter(|&(p, _)| p != NONE)
            .collect();
        self.children = Rows::from_pairs(self.pre.len(), &pairs);
    }

    /// The tree children of `v`.
    pub fn children(&self, v: usize) -> &[usize] {
        self.children.row(v)
    }

    fn visit(&mut self, v: usize, root: usize) {
        self.pre[v] = self.order.len();
        self.low[v] = self.pre[v];
        self.root[v] = root;
        self.order.push(v);
    }

    /// The nodes of `v`'s subtree, `v` first.
    pub fn subtree(&self, v: usize) -> &[usize] {
        &self.order[self.pre[v]..self.pre[v] + self.size[v]]
    }

    /// Sums a per-node weight over every subtree.
    pub fn subtree_sums(&self, weight: &[usize]) -> Vec<usize> {
        let mut sums = weight.to_vec();
        for &v in self.order.iter().rev() {
            let p = self.parent[v];
            if p != NONE {
                sums[p] += sums[v];
            }
        }
        sums
    }

    /// The children of `x` whose subtrees are cut off when `x` is removed.
    pub fn separated_children(&self, x: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(x)
            .iter()
            .copied()
            .filter(move |&c| self.low[c] >= self.pre[x])
    }

    /// Whether the tree edge from `c`'s parent to `c` is a bridge.
    pub fn is_bridge_to(&self, c: usize) -> bool {
        self.parent[c] != NONE && self.low[c] > self.pre[self.parent[c]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::UnGraph;

    fn graph(n: usize, edges: &[(u32, u32)]) -> UnGraph<(), ()> {
        let mut g = UnGraph::new_undirected();
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b) in edges {
            g.add_edge(a.into(), b.into(), ());
        }
        g
    }

    #[test]
    fn path_separates_at_every_inner_node() {
        // 0 - 1 - 2 - 3
        let ll = LowLink::new(&graph(4, &[(0, 1), (1, 2), (2, 3)]));
        assert!(ll.separated_children(1).count() == 1);
        assert!(ll.separated_children(3).next().is_none());
        for c in 1..4 {
            assert!(ll.is_bridge_to(c));
        }
    }

    #[test]
    fn a_cycle_has_no_cut() {
        let ll = LowLink::new(&graph(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]));
        for v in 1..4 {
            assert!(!ll.is_bridge_to(v));
            assert!(ll.separated_children(v).next().is_none());
        }
        // The root's children are always cut off from each other, but a cycle gives it one.
        assert_eq!(ll.separated_children(0).count(), 1);
    }

    #[test]
    fn components_and_subtree_sums() {
        let ll = LowLink::new(&graph(5, &[(0, 1), (3, 4)]));
        assert_eq!(ll.root[1], 0);
        assert_eq!(ll.root[4], 3);
        assert_eq!(ll.root[2], 2);
        let sums = ll.subtree_sums(&[1, 1, 1, 0, 1]);
        assert_eq!(sums[0], 2);
        assert_eq!(sums[3], 1);
    }

    #[test]
    fn deep_graphs_do_not_overflow() {
        let n = 200_000u32;
        let edges: Vec<(u32, u32)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        let ll = LowLink::new(&graph(n as usize, &edges));
        assert_eq!(ll.size[0], n as usize);
    }
}
