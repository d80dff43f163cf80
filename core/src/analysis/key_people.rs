//! Key-person risk (N4): who would take others' only way into the
//! municipality with them if they left.

use petgraph::graph::NodeIndex;
use petgraph::visit::{IntoNeighbors, NodeCompactIndexable};
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::graph::lowlink::LowLink;
use crate::model::{Network, Sector};
use crate::time::Moment;

/// One of a key person's ties, for the handover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handover {
    /// The other actor.
    pub actor: String,
    /// Mutual trust of the tie.
    pub trust: f64,
    /// Last contact on the tie.
    pub last_contact: Moment,
    /// Whether the other actor is among the orphans: their way in runs
    /// through this tie, so a successor must take it over first.
    pub carries_orphans: bool,
}

/// An actor whose leaving would cut others off from the municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPerson {
    /// The actor.
    pub actor: String,
    /// Its sector.
    pub sector: Sector,
    /// Actors outside the municipality (not groups) that have a way in now
    /// and would have none if this actor left, sorted by id.
    pub orphans: Vec<String>,
    /// Groups (organisations, communities, networks) outside the
    /// municipality that would lose their last way in, sorted by id.
    pub orphaned_groups: Vec<String>,
    /// The actor's trusted ties a successor must take over: those that
    /// carry orphans first, then by trust.
    pub handover: Vec<Handover>,
}

impl KeyPerson {
    /// How much would be lost: orphaned actors and groups together.
    pub fn loss(&self) -> usize {
        self.orphans.len() + self.orphaned_groups.len()
    }
}

/// Who has a way in, in a trusted graph: actors outside the municipality
/// whose component holds a municipal actor.
pub(crate) struct WayInMap {
    pub ll: LowLink,
    pub municipal: Vec<usize>,
    /// Municipal actors in each node's subtree.
    pub sub_municipal: Vec<usize>,
}

impl WayInMap {
    /// The map of `trusted`, a graph on the snapshot's nodes.
    pub fn new<G>(snap: &Snapshot, trusted: G) -> WayInMap
    where
        G: IntoNeighbors + NodeCompactIndexable,
    {
        let ll = LowLink::new(trusted);
        let municipal: Vec<usize> = snap
            .graph
            .node_indices()
            .map(|n| usize::from(snap.is_municipal(n)))
            .collect();
        let sub_municipal = ll.subtree_sums(&municipal);
        WayInMap {
            ll,
            municipal,
            sub_municipal,
        }
    }

    pub fn component_municipal(&self, v: usize) -> usize {
        self.sub_municipal[self.ll.root[v]]
    }

    pub fn has_way_in(&self, v: usize) -> bool {
        self.municipal[v] == 0 && self.component_municipal(v) > 0
    }

    /// Outside actors whose way in is cut when node `x` is removed, put in
    /// `out` (emptied first).
    pub fn cut_off_by_node(&self, x: usize, out: &mut Vec<usize>) {
        out.clear();
        let total = self.component_municipal(x);
        if total == 0 {
            return;
        }
        let mut in_separated = 0;
        for c in self.ll.separated_children(x) {
            in_separated += self.sub_municipal[c];
            if self.sub_municipal[c] == 0 {
                out.extend_from_slice(self.ll.subtree(c));
            }
        }
        let rest = total - self.municipal[x] - in_separated;
        if rest == 0 {
            // Everything of the component outside x's separated subtrees.
            let root = self.ll.root[x];
            let mut skip: Vec<(usize, usize)> = self
                .ll
                .separated_children(x)
                .map(|c| (self.ll.pre[c], self.ll.pre[c] + self.ll.size[c]))
                .collect();
            skip.push((self.ll.pre[x], self.ll.pre[x] + 1));
            for &v in self.ll.subtree(root) {
                let p = self.ll.pre[v];
                if !skip.iter().any(|&(a, b)| p >= a && p < b) {
                    out.push(v);
                }
            }
        }
    }
}

impl Network {
    /// Key-person risk as of `as_of`.
    ///
    /// A tie is trusted when its mutual trust reaches
    /// [`ScoringConfig::trusted_threshold`](crate::ScoringConfig::trusted_threshold).
    /// An actor outside the municipality has a *way in* when a chain of
    /// trusted ties leads from it to someone in the municipality; a group has
    /// one when it or any of its members has. For each actor X, its *orphans*
    /// are the actors and groups that have a way in now and would have none
    /// if X left. Only actors with orphans are listed, most orphans first,
    /// each with the handover: its trusted ties, those that carry orphans
    /// first. Municipal and civil-society people alike can be key people.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let risk = net.key_people("2025-01-01".parse()?);
    /// // Before he left, Per was Havnsø's way in.
    /// let per = risk.iter().find(|k| k.actor == "e-per").expect("Per is a key person");
    /// assert!(per.orphans.contains(&"v-jens".to_string()));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn key_people(&self, as_of: Moment) -> Vec<KeyPerson> {
        let snap = Snapshot::new(self, as_of);
        let trusted = snap.trusted();
        let map = WayInMap::new(&snap, trusted);
        let n = snap.graph.node_count();
        let ancestors = snap.ancestors();
        let is_outside_group = |v: usize| {
            let role = snap.role(NodeIndex::new(v));
            role.group && role.sector != Sector::Municipality
        };
        // Carriers of each group's way in: the group itself and its members.
        let mut carriers = vec![0usize; n];
        let carried =
            |v: usize| std::iter::once(v).chain(ancestors.row(v).iter().map(|&g| g as usize));
        for v in 0..n {
            if map.has_way_in(v) {
                for g in carried(v) {
                    carriers[g] += 1;
                }
            }
        }
        let mut out = Vec::new();
        let mut lost = vec![0usize; n];
        let (mut cut, mut touched) = (Vec::new(), Vec::new());
        for x in 0..n {
            map.cut_off_by_node(x, &mut cut);
            if cut.is_empty() && !map.has_way_in(x) {
                // Nobody and no group is cut off: x takes no way in with it.
                continue;
            }
            touched.clear();
            let x_itself = map.has_way_in(x).then_some(x);
            for v in cut.iter().copied().chain(x_itself) {
                for g in carried(v) {
                    if lost[g] == 0 {
                        touched.push(g);
                    }
                    lost[g] += 1;
                }
            }
            let mut groups: Vec<String> = touched
                .iter()
                .copied()
                .filter(|&g| g != x && is_outside_group(g) && lost[g] == carriers[g])
                .map(|g| snap.id(NodeIndex::new(g)).to_owned())
                .collect();
            for &g in &touched {
                lost[g] = 0;
            }
            let mut orphans: Vec<String> = cut
                .iter()
                .copied()
                .filter(|&v| !snap.role(NodeIndex::new(v)).group)
                .map(|v| snap.id(NodeIndex::new(v)).to_owned())
                .collect();
            if orphans.is_empty() && groups.is_empty() {
                continue;
            }
            orphans.sort();
            groups.sort();
            let xn = NodeIndex::new(x);
            let mut handover: Vec<Handover> = trusted
                .row(x)
                .map(|(y, trust)| {
                    let y = NodeIndex::new(y);
                    let e = snap.graph.find_edge(xn, y);
                    Handover {
                        actor: snap.id(y).to_owned(),
                        trust,
                        last_contact: Snapshot::moment_of(
                            e.map(|e| snap.graph[e].last_ms).unwrap_or(0),
                        ),
                        carries_orphans: cut.contains(&y.index()),
                    }
                })
                .collect();
            handover.sort_by(|a, b| {
                b.carries_orphans
                    .cmp(&a.carries_orphans)
                    .then(b.trust.total_cmp(&a.trust))
                    .then_with(|| a.actor.cmp(&b.actor))
            });
            out.push(KeyPerson {
                actor: snap.id(xn).to_owned(),
                sector: snap.role(xn).sector,
                orphans,
                orphaned_groups: groups,
                handover,
            });
        }
        out.sort_by(|a, b| b.loss().cmp(&a.loss()).then_with(|| a.actor.cmp(&b.actor)));
        out
    }
}
