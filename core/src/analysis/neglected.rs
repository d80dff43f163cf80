//! Ties going cold (N2): relationships that were strong and are fading,
//! ranked so that they are tended before they are lost.

use crate::model::tie::until;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::key_people::WayInMap;
use super::snapshot::Snapshot;
use crate::graph::lowlink::NONE;
use crate::model::{Network, Sector};
use crate::scoring::trust;
use crate::time::{Moment, MS_PER_DAY};

/// Where a tie stands on the dormancy ladder, by the time since its last
/// contact (thresholds in [`ScoringConfig`](crate::ScoringConfig)). A new
/// contact puts it back to active at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dormancy {
    /// In contact recently.
    Active,
    /// Quiet for a while: time for a call.
    Cooling,
    /// Quiet for long: the relationship is at risk.
    Dormant,
    /// Quiet for so long that it must be rebuilt.
    Lost,
}

/// A tie that was strong and is going cold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColdTie {
    /// One end (the smaller id).
    pub a: String,
    /// The other end.
    pub b: String,
    /// Where it stands.
    pub state: Dormancy,
    /// The highest mutual trust it has had.
    pub peak_trust: f64,
    /// When it had it.
    pub peak_at: Moment,
    /// Mutual trust now.
    pub trust_now: f64,
    /// The last contact.
    pub last_contact: Moment,
    /// Whole days since then.
    pub days_since_contact: i64,
    /// Who should reach out: the municipal side when one side is municipal,
    /// else the side that has taken less of the initiative.
    pub reach_out: String,
    /// Actors outside the municipality whose only way in runs through this
    /// tie, counting it as still trusted: what is at stake if it is lost.
    pub at_stake: Vec<String>,
}

/// Peak trust is read at the tie's contacts, at most this many of them.
const PEAK_SAMPLES: usize = 256;

impl Network {
    /// Ties going cold as of `as_of`: ties whose mutual trust once reached
    /// the trusted threshold and that are now cooling, dormant or lost,
    /// ranked by what is at stake (being someone's only way in ranks
    /// highest), then by peak trust.
    ///
    /// Peak trust is the highest mutual trust the tie had right after any of
    /// its contacts (for very long histories, at 256 of them spread evenly).
    ///
    /// ```
    /// use samskab::{Dormancy, Network};
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let cold = net.neglected("2025-11-01".parse()?);
    /// let kurt = cold.iter().find(|c| c.a == "e-karin" && c.b == "v-kurt").expect("going cold");
    /// assert_eq!(kurt.state, Dormancy::Dormant);
    /// assert_eq!(kurt.reach_out, "e-karin");
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn neglected(&self, as_of: Moment) -> Vec<ColdTie> {
        let snap = Snapshot::new(self, as_of);
        let config = self.scoring();
        let threshold = config.trusted_threshold;
        let kernel = trust::Kernel::new(config);
        let mut cold: Vec<(NodeIndex, NodeIndex, ColdTie)> = Vec::new();
        for e in snap.graph.edge_references() {
            let (x, y) = (e.source(), e.target());
            let s = e.weight();
            let days = (snap.as_of_ms - s.last_ms) as f64 / MS_PER_DAY;
            let state = if days >= config.lost_after_days {
                Dormancy::Lost
            } else if days >= config.dormant_after_days {
                Dormancy::Dormant
            } else if days >= config.cooling_after_days {
                Dormancy::Cooling
            } else {
                Dormancy::Active
            };
            if state == Dormancy::Active {
                continue;
            }
            let (xa, ya) = (snap.graph[x], snap.graph[y]);
            let Some((all, side_x)) = self.tie_between(xa, ya) else {
                continue;
            };
            let all = all.read();
            let events = until(&all, snap.as_of_ms);
            let step = events.len().div_ceil(PEAK_SAMPLES).max(1);
            let mut peak = (0.0f64, s.last_ms);
            let mut i = events.len();
            while i > 0 {
                let t = events[i - 1].at;
                let (ab, ba) = trust::trust_values(&kernel, &all, self.store(), t);
                let m = ab.min(ba);
                if m > peak.0 {
                    peak = (m, t);
                }
                i = i.saturating_sub(step);
            }
            if peak.0 < threshold {
                continue;
            }
            let last_contact = events
                .last()
                .and_then(|e| self.store().get(e.key()))
                .map(|x| x.at())
                .unwrap_or(Snapshot::moment_of(s.last_ms));
            let (a, b) = (snap.id(x), snap.id(y));
            let reach_out = match (snap.is_municipal(x), snap.is_municipal(y)) {
                (true, false) => a,
                (false, true) => b,
                _ => {
                    let mut by_x = 0usize;
                    let mut by_y = 0usize;
                    for e in events {
                        if e.initiator() == side_x {
                            by_x += 1;
                        } else if e.initiator() == side_x.flip() {
                            by_y += 1;
                        }
                    }
                    if by_y < by_x {
                        b
                    } else {
                        a
                    }
                }
            };
            cold.push((
                x,
                y,
                ColdTie {
                    a: a.to_owned(),
                    b: b.to_owned(),
                    state,
                    peak_trust: peak.0,
                    peak_at: Snapshot::moment_of(peak.1),
                    trust_now: s.mutual(),
                    last_contact,
                    days_since_contact: days.floor() as i64,
                    reach_out: reach_out.to_owned(),
                    at_stake: Vec::new(),
                },
            ));
        }
        // What is at stake: bridges of the trusted graph with the cold ties
        // counted as still trusted.
        let trusted = snap.trusted();
        let mut revived: UnGraph<(), ()> = UnGraph::with_capacity(snap.graph.node_count(), 0);
        for _ in snap.graph.node_indices() {
            revived.add_node(());
        }
        for v in 0..snap.graph.node_count() {
            for (w, _) in trusted.row(v).filter(|&(w, _)| v < w) {
                revived.add_edge(NodeIndex::new(v), NodeIndex::new(w), ());
            }
        }
        for (x, y, _) in &cold {
            if revived.find_edge(*x, *y).is_none() {
                revived.add_edge(*x, *y, ());
            }
        }
        let map = WayInMap::new(&snap, &revived);
        let ll = &map.ll;
        for (x, y, tie) in &mut cold {
            let (p, c) = if ll.parent[y.index()] == x.index() {
                (x.index(), y.index())
            } else if ll.parent[x.index()] == y.index() {
                (y.index(), x.index())
            } else {
                continue;
            };
            if p == NONE || !ll.is_bridge_to(c) {
                continue;
            }
            let total = map.component_municipal(c);
            let below = map.sub_municipal[c];
            let cut: Vec<usize> = if below == 0 && total > 0 {
                ll.subtree(c).to_vec()
            } else if below == total && total > 0 {
                let inside = ll.pre[c]..ll.pre[c] + ll.size[c];
                ll.subtree(ll.root[c])
                    .iter()
                    .copied()
                    .filter(|v| !inside.contains(&ll.pre[*v]))
                    .collect()
            } else {
                Vec::new()
            };
            let mut stake: Vec<String> = cut
                .into_iter()
                .map(NodeIndex::new)
                .filter(|&v| {
                    !snap.actor(v).kind.is_group() && snap.actor(v).sector() != Sector::Municipality
                })
                .map(|v| snap.id(v).to_owned())
                .collect();
            stake.sort();
            tie.at_stake = stake;
        }
        let mut out: Vec<ColdTie> = cold.into_iter().map(|(_, _, t)| t).collect();
        out.sort_by(|p, q| {
            q.at_stake
                .len()
                .cmp(&p.at_stake.len())
                .then(q.peak_trust.total_cmp(&p.peak_trust))
                .then_with(|| (&p.a, &p.b).cmp(&(&q.a, &q.b)))
        });
        out
    }
}
