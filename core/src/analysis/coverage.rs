//! Coverage (N1, N4): does every community and organisation have a trusted
//! way into the municipality, and is it the assigned one?

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::model::{ActorKind, Network};
use crate::time::Moment;

/// An assigned contact person (`contact_for`) and how strong the tie really is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssignedContact {
    /// The contact person.
    pub actor: String,
    /// Whether they are still there (not left by the instant).
    pub present: bool,
    /// The strongest mutual trust between them and the group or any of its
    /// members; 0 when they have never met.
    pub trust: f64,
    /// The member that tie is with, if any.
    pub with: Option<String>,
}

/// The strongest tie between a group's people and the municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestTie {
    /// The group or its member.
    pub member: String,
    /// The municipal actor.
    pub municipal: String,
    /// Their mutual trust.
    pub trust: f64,
}

/// How well a group is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// No tie at all into the municipality.
    Uncovered,
    /// Ties into the municipality, but none trusted.
    Weak,
    /// A trusted tie, but not with an assigned contact person.
    Informal,
    /// An assigned contact person with a trusted tie.
    Covered,
}

/// Coverage of one community or organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// The group.
    pub group: String,
    /// Its kind (community or organisation).
    pub kind: ActorKind,
    /// Its area, if known.
    pub area: Option<String>,
    /// Present members, the group itself excluded, counted through sub-groups.
    pub members: usize,
    /// Its assigned contact people.
    pub contacts: Vec<AssignedContact>,
    /// Its best tie into the municipality.
    pub best_tie: Option<BestTie>,
    /// The verdict.
    pub status: CoverageStatus,
    /// True when no tie into the municipality is trusted (uncovered or weak).
    pub uncovered: bool,
}

impl Network {
    /// Coverage of every present community and organisation as of `as_of`:
    /// its assigned contact people and how strong those ties really are, its
    /// best tie into the municipality, and a verdict. Least covered first.
    ///
    /// ```
    /// use samskab::{CoverageStatus, Network};
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let cov = net.coverage("2025-11-01".parse()?);
    /// let solbjerg = cov.iter().find(|c| c.group == "o-beboer").expect("listed");
    /// assert_eq!(solbjerg.status, CoverageStatus::Covered);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn coverage(&self, as_of: Moment) -> Vec<Coverage> {
        let snap = Snapshot::new(self, as_of);
        coverage(&snap)
    }
}

pub(crate) fn coverage(snap: &Snapshot) -> Vec<Coverage> {
    let threshold = snap.net.scoring().trusted_threshold;
    let date = snap.as_of.date();
    let mut out = Vec::new();
    for g in snap.graph.node_indices() {
        let group = snap.actor(g);
        if !matches!(group.kind, ActorKind::Community | ActorKind::Organisation) {
            continue;
        }
        let members = snap.members_of(&group.id);
        // The strongest tie from any of the group's people to a given actor.
        let best_with = |other: NodeIndex| -> (f64, Option<NodeIndex>) {
            let mut best = (0.0, None);
            for &m in &members {
                let t = snap.mutual(m, other);
                if t > best.0 {
                    best = (t, Some(m));
                }
            }
            best
        };
        let mut contacts: Vec<AssignedContact> = snap
            .net
            .graph()
            .node_weights()
            .filter(|a| a.contact_for.contains(&group.id))
            .map(|a| {
                let present = super::snapshot::present(a, date);
                let (trust, with) = match snap.node(&a.id) {
                    Some(n) if present => best_with(n),
                    _ => (0.0, None),
                };
                AssignedContact {
                    actor: a.id.clone(),
                    present,
                    trust,
                    with: with.map(|m| snap.id(m).to_owned()),
                }
            })
            .collect();
        contacts.sort_by(|a, b| {
            b.trust
                .total_cmp(&a.trust)
                .then_with(|| a.actor.cmp(&b.actor))
        });
        let mut best: Option<BestTie> = None;
        for &m in &members {
            if snap.is_municipal(m) {
                continue;
            }
            for u in snap.graph.neighbors(m) {
                if !snap.is_municipal(u) {
                    continue;
                }
                let t = snap.mutual(m, u);
                let better = match &best {
                    None => t > 0.0,
                    Some(b) => t > b.trust,
                };
                if better {
                    best = Some(BestTie {
                        member: snap.id(m).to_owned(),
                        municipal: snap.id(u).to_owned(),
                        trust: t,
                    });
                }
            }
        }
        let best_trust = best.as_ref().map(|b| b.trust).unwrap_or(0.0);
        let status = if contacts.iter().any(|c| c.present && c.trust >= threshold) {
            CoverageStatus::Covered
        } else if best_trust >= threshold {
            CoverageStatus::Informal
        } else if best.is_some() {
            CoverageStatus::Weak
        } else {
            CoverageStatus::Uncovered
        };
        out.push(Coverage {
            group: group.id.clone(),
            kind: group.kind,
            area: group.area.clone(),
            members: members.len().saturating_sub(1),
            contacts,
            best_tie: best,
            status,
            uncovered: best_trust < threshold,
        });
    }
    out.sort_by(|a, b| a.status.cmp(&b.status).then_with(|| a.group.cmp(&b.group)));
    out
}
