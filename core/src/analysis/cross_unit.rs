//! The internal view (N8): which units are joined by trusted ties between
//! their people, which are silos, and how the informal communities of trust
//! compare with the formal units.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::graph::communities::{louvain, nmi};
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
    let threshold = snap.net.scoring().trusted_threshold;
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
