//! Communities in a weighted graph (Louvain) and how far two labellings
//! agree (normalised mutual information).

use std::collections::BTreeMap;

/// Louvain modularity communities (Blondel et al. 2008), deterministic:
/// nodes are visited in index order and ties go to the lowest community.
pub(crate) fn louvain(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut membership: Vec<usize> = (0..n).collect();
    let mut graph: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        if a == b {
            graph[a].push((a, 2.0 * w));
        } else {
            graph[a].push((b, w));
            graph[b].push((a, w));
        }
    }
    for _level in 0..32 {
        let size = graph.len();
        let degree: Vec<f64> = graph
            .iter()
            .map(|adj| adj.iter().map(|(_, w)| w).sum())
            .collect();
        let m2: f64 = degree.iter().sum();
        if m2 <= 0.0 {
            break;
        }
        let mut comm: Vec<usize> = (0..size).collect();
        let mut tot = degree.clone();
        let mut moved_any = false;
        for _pass in 0..100 {
            let mut moved = false;
            for i in 0..size {
                let old = comm[i];
                tot[old] -= degree[i];
                let mut weight_to: BTreeMap<usize, f64> = BTreeMap::new();
                for &(j, w) in &graph[i] {
                    if j != i {
                        *weight_to.entry(comm[j]).or_default() += w;
                    }
                }
                let gain = |c: usize, k_in: f64| k_in - tot[c] * degree[i] / m2;
                let mut best = (old, gain(old, weight_to.get(&old).copied().unwrap_or(0.0)));
                for (&c, &k_in) in &weight_to {
                    let g = gain(c, k_in);
                    // Strictly better only: ties stay put, or go to the lowest id.
                    if g > best.1 + 1e-12 {
                        best = (c, g);
                    }
                }
                comm[i] = best.0;
                tot[best.0] += degree[i];
                if best.0 != old {
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        if !moved_any {
            break;
        }
        // Renumber in order of first appearance and fold the graph.
        let mut renumber = vec![usize::MAX; size];
        let mut next = 0;
        for i in 0..size {
            if renumber[comm[i]] == usize::MAX {
                renumber[comm[i]] = next;
                next += 1;
            }
        }
        for m in &mut membership {
            *m = renumber[comm[*m]];
        }
        let mut folded: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); next];
        for (i, adj) in graph.iter().enumerate() {
            for &(j, w) in adj {
                *folded[renumber[comm[i]]]
                    .entry(renumber[comm[j]])
                    .or_default() += w;
            }
        }
        graph = folded
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect();
    }
    membership
}

/// Normalised mutual information of two labellings, 2·I / (H₁ + H₂); 1 when
/// both are a single group.
pub(crate) fn nmi<A: Ord + Clone, B: Ord + Clone>(x: &[A], y: &[B]) -> f64 {
    let n = x.len() as f64;
    if x.is_empty() {
        return 1.0;
    }
    let mut cx: BTreeMap<A, f64> = BTreeMap::new();
    let mut cy: BTreeMap<B, f64> = BTreeMap::new();
    let mut cxy: BTreeMap<(A, B), f64> = BTreeMap::new();
    for (a, b) in x.iter().zip(y) {
        *cx.entry(a.clone()).or_default() += 1.0;
        *cy.entry(b.clone()).or_default() += 1.0;
        *cxy.entry((a.clone(), b.clone())).or_default() += 1.0;
    }
    let h = |counts: Vec<f64>| -> f64 { counts.iter().map(|c| -(c / n) * (c / n).ln()).sum() };
    let hx = h(cx.values().copied().collect());
    let hy = h(cy.values().copied().collect());
    let mut i = 0.0;
    for ((a, b), c) in &cxy {
        let p = c / n;
        i += p * (p / ((cx[a] / n) * (cy[b] / n))).ln();
    }
    if hx + hy <= 0.0 {
        1.0
    } else {
        (2.0 * i / (hx + hy)).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn louvain_finds_two_cliques_joined_by_one_edge() {
        let mut edges = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                edges.push((a, b, 1.0));
                edges.push((a + 4, b + 4, 1.0));
            }
        }
        edges.push((3, 4, 0.1));
        let c = louvain(8, &edges);
        assert!(c[..4].iter().all(|&x| x == c[0]));
        assert!(c[4..].iter().all(|&x| x == c[4]));
        assert_ne!(c[0], c[4]);
        assert!((nmi(&c, &[0, 0, 0, 0, 1, 1, 1, 1]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn nmi_of_unrelated_labels_is_low() {
        assert!(nmi(&[0, 0, 1, 1], &[0, 1, 0, 1]) < 1e-12);
        assert_eq!(nmi::<u8, u8>(&[], &[]), 1.0);
    }
}
