//! The internal view (N8): which units are joined by trusted ties between
//! their people, which are silos, and how the informal communities of trust
//! compare with the formal units.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::model::{ActorKind, Network, Sector};
use crate::time::Moment;

/// A unit and its ties to the rest of the municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitView {
    /// The unit.
    pub unit: String,
    /// Its present people (direct members).
    pub people: usize,
    /// Trusted ties between its own people.
    pub internal_ties: usize,
    /// Trusted ties from its people to people of other units.
    pub external_ties: usize,
    /// A silo: it has people, and none of them has a trusted tie to anyone
    /// in another unit.
    pub silo: bool,
    /// Whether it was a silo at the earlier date.
    pub silo_before: bool,
}

/// Two units joined by trusted ties between their people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitLink {
    /// One unit (the smaller id).
    pub a: String,
    /// The other unit.
    pub b: String,
    /// Trusted ties between their people now.
    pub trusted_ties: usize,
    /// The sum of those ties' mutual trust.
    pub strength: f64,
    /// Trusted ties between their people at the earlier date.
    pub trusted_ties_before: usize,
}

/// A community found in the trust graph of the municipality's people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrustCommunity {
    /// Its people, sorted.
    pub members: Vec<String>,
    /// How many of them belong to each unit.
    pub units: BTreeMap<String, usize>,
}

/// The internal cross-unit view at one date, compared with an earlier one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossUnit {
    /// The date of the view.
    pub as_of: Moment,
    /// The date it is compared with.
    pub earlier: Moment,
    /// Every unit with people, by id.
    pub units: Vec<UnitView>,
    /// Pairs of units joined now or then, most trusted ties first.
    pub links: Vec<UnitLink>,
    /// Communities found by Louvain modularity on the municipal trust graph,
    /// largest first.
    pub communities: Vec<TrustCommunity>,
    /// How well the communities match the formal units: normalised mutual
    /// information in [0, 1] (1: the same grouping).
    pub agreement: f64,
}

/// Per-unit counts and per-link counts at one instant.
struct Links {
    people: BTreeMap<String, usize>,
    internal: BTreeMap<String, usize>,
    external: BTreeMap<String, usize>,
    links: BTreeMap<(String, String), (usize, f64)>,
}

fn units_of<'s>(snap: &'s Snapshot, n: NodeIndex) -> Vec<&'s str> {
    let mut units: Vec<&str> = snap
        .actor(n)
        .member_of
        .iter()
        .filter(|g| snap.net.actor(g).is_some_and(|a| a.kind == ActorKind::Unit))
        .map(String::as_str)
        .collect();
    units.sort_unstable();
    units.dedup();
    units
}

fn is_person_of_municipality(snap: &Snapshot, n: NodeIndex) -> bool {
    let a = snap.actor(n);
    !a.kind.is_group() && a.sector() == Sector::Municipality
}

fn links(snap: &Snapshot) -> Links {
    let threshold = snap.net.scoring.trusted_threshold;
    let mut l = Links {
        people: BTreeMap::new(),
        internal: BTreeMap::new(),
        external: BTreeMap::new(),
        links: BTreeMap::new(),
    };
    for n in snap.graph.node_indices() {
        if is_person_of_municipality(snap, n) {
            for u in units_of(snap, n) {
                *l.people.entry(u.to_owned()).or_default() += 1;
            }
        }
    }
    for e in snap.graph.edge_references() {
        let (p, q) = (e.source(), e.target());
        let t = e.weight().mutual();
        if t < threshold
            || !is_person_of_municipality(snap, p)
            || !is_person_of_municipality(snap, q)
        {
            continue;
        }
        let (up, uq) = (units_of(snap, p), units_of(snap, q));
        for u in &up {
            for v in &uq {
                if u == v {
                    *l.internal.entry((*u).to_owned()).or_default() += 1;
                } else {
                    let key = if u < v { (*u, *v) } else { (*v, *u) };
                    let entry = l
                        .links
                        .entry((key.0.to_owned(), key.1.to_owned()))
                        .or_default();
                    entry.0 += 1;
                    entry.1 += t;
                    *l.external.entry((*u).to_owned()).or_default() += 1;
                    *l.external.entry((*v).to_owned()).or_default() += 1;
                }
            }
        }
    }
    l
}

impl Network {
    /// The internal view as of `as_of`, compared with one year earlier. See
    /// [`Network::cross_unit_between`].
    pub fn cross_unit(&self, as_of: Moment) -> CrossUnit {
        self.cross_unit_between(as_of.plus_days(-365), as_of)
    }

    /// The internal view as of `as_of`, compared with `earlier`.
    ///
    /// The municipality's people are its present employees and politicians
    /// (and anyone else of the municipal sector who is not a group); their
    /// units are the units they are direct members of. Two units are joined
    /// by every trusted tie between their people; a unit with people and no
    /// such tie is a silo. Communities are found in the trust graph of those
    /// people (weights: mutual trust) with the Louvain method, run in a fixed
    /// order so the result is the same everywhere, and compared with the
    /// units by normalised mutual information.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let view = net.cross_unit("2025-11-01".parse()?);
    /// assert!(view.links.iter().any(|l| l.trusted_ties > 0));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn cross_unit_between(&self, earlier: Moment, as_of: Moment) -> CrossUnit {
        let snap = Snapshot::new(self, as_of);
        let now = links(&snap);
        let before = links(&Snapshot::new(self, earlier));
        let mut units: Vec<UnitView> = now
            .people
            .iter()
            .map(|(u, &people)| UnitView {
                unit: u.clone(),
                people,
                internal_ties: now.internal.get(u).copied().unwrap_or(0),
                external_ties: now.external.get(u).copied().unwrap_or(0),
                silo: now.external.get(u).copied().unwrap_or(0) == 0,
                silo_before: before.people.contains_key(u)
                    && before.external.get(u).copied().unwrap_or(0) == 0,
            })
            .collect();
        units.sort_by(|a, b| a.unit.cmp(&b.unit));
        let mut keys: Vec<&(String, String)> =
            now.links.keys().chain(before.links.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut links: Vec<UnitLink> = keys
            .into_iter()
            .map(|k| {
                let (ties, strength) = now.links.get(k).copied().unwrap_or((0, 0.0));
                UnitLink {
                    a: k.0.clone(),
                    b: k.1.clone(),
                    trusted_ties: ties,
                    strength,
                    trusted_ties_before: before.links.get(k).map(|v| v.0).unwrap_or(0),
                }
            })
            .collect();
        links.sort_by(|x, y| {
            y.trusted_ties
                .cmp(&x.trusted_ties)
                .then(y.strength.total_cmp(&x.strength))
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });

        // Communities among the municipality's people.
        let people: Vec<NodeIndex> = snap
            .graph
            .node_indices()
            .filter(|&n| is_person_of_municipality(&snap, n))
            .collect();
        let local: HashMap<NodeIndex, usize> =
            people.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let mut edges = Vec::new();
        for e in snap.graph.edge_references() {
            if let (Some(&i), Some(&j)) = (local.get(&e.source()), local.get(&e.target())) {
                let t = e.weight().mutual();
                if t > 0.0 {
                    edges.push((i, j, t));
                }
            }
        }
        let community = louvain(people.len(), &edges);
        let mut groups: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
        for (i, &c) in community.iter().enumerate() {
            groups.entry(c).or_default().push(people[i]);
        }
        let mut communities: Vec<TrustCommunity> = groups
            .into_values()
            .map(|members| {
                let mut units = BTreeMap::new();
                for &m in &members {
                    for u in units_of(&snap, m) {
                        *units.entry(u.to_owned()).or_default() += 1;
                    }
                }
                let mut members: Vec<String> =
                    members.iter().map(|&m| snap.id(m).to_owned()).collect();
                members.sort();
                TrustCommunity { members, units }
            })
            .collect();
        communities.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then_with(|| a.members.cmp(&b.members))
        });
        let labels: Vec<String> = people
            .iter()
            .map(|&n| {
                units_of(&snap, n)
                    .first()
                    .map(|u| u.to_string())
                    .unwrap_or_default()
            })
            .collect();
        CrossUnit {
            as_of,
            earlier,
            units,
            links,
            communities,
            agreement: nmi(&community, &labels),
        }
    }
}

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
