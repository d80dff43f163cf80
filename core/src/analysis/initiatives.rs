//! Initiative health (N9): who takes part, whether it rests on one person,
//! how much its people trust each other, how requests in it were answered,
//! and what it delivered.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::report::RequestFigures;
use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::model::{Delivered, InitiativeStatus, Network, Role};
use crate::time::Moment;

/// A participant as listed on the initiative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InitiativeRole {
    /// The actor.
    pub actor: String,
    /// Its role.
    pub role: Role,
    /// Whether it is still there at the instant.
    pub present: bool,
}

/// A trusted tie from one of the initiative's people outside the
/// municipality to someone in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieIn {
    /// The initiative's person outside the municipality.
    pub member: String,
    /// The municipal actor.
    pub municipal: String,
    /// Their mutual trust.
    pub trust: f64,
}

/// The health of one initiative as of an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InitiativeHealth {
    /// The initiative's id.
    pub initiative: String,
    /// Its name.
    pub name: String,
    /// Its status.
    pub status: InitiativeStatus,
    /// When it started.
    pub started: Option<NaiveDate>,
    /// When it ended.
    pub ended: Option<NaiveDate>,
    /// Its listed participants and roles.
    pub participants: Vec<InitiativeRole>,
    /// Its people: listed people, the present members of listed groups, and
    /// everyone in its interactions so far; sorted.
    pub people: Vec<String>,
    /// Trusted ties from its people outside the municipality into the
    /// municipality, strongest first.
    pub ties_in: Vec<TieIn>,
    /// Its people who hold those ties, sorted.
    pub holders: Vec<String>,
    /// Whether any of its people outside the municipality has a trusted tie
    /// into it.
    pub connected: bool,
    /// The one person everything rests on, if any: the only holder of ties
    /// into the municipality, or else the only municipal actor those ties
    /// reach.
    pub rests_on: Option<String>,
    /// Mean mutual trust over all pairs of its people.
    pub mean_trust: f64,
    /// Pairs of its people with a trusted tie.
    pub trusted_pairs: usize,
    /// All pairs of its people.
    pub pairs: usize,
    /// Its interactions up to the instant.
    pub interactions: usize,
    /// Requests among them and how they were answered.
    pub requests: RequestFigures,
    /// What it has delivered up to the instant.
    pub outcomes: Vec<Delivered>,
}

impl Network {
    /// The health of initiative `id` as of `as_of`.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let fest = net.initiative_health("ini-sommerfest", "2025-11-01".parse()?)?;
    /// // With Per gone, nobody behind the summer party has a trusted tie into the municipality.
    /// assert!(!fest.connected);
    /// let fair = net.initiative_health("ini-jobmesse", "2025-11-01".parse()?)?;
    /// assert_eq!(fair.rests_on.as_deref(), Some("v-ahmad"));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn initiative_health(&self, id: &str, as_of: Moment) -> Result<InitiativeHealth> {
        let ini = self
            .initiative(id)
            .ok_or_else(|| Error::UnknownInitiative { id: id.to_owned() })?;
        let snap = Snapshot::new(self, as_of);
        let threshold = self.scoring().trusted_threshold;
        let date = as_of.date();
        let mut people: BTreeSet<NodeIndex> = BTreeSet::new();
        for p in &ini.participants {
            let Some(actor) = self.actor(&p.actor) else {
                continue;
            };
            if actor.kind.is_group() {
                people.extend(
                    snap.members_of(&p.actor)
                        .into_iter()
                        .filter(|&m| !snap.actor(m).kind.is_group()),
                );
            } else if let Some(n) = snap.node(&p.actor) {
                people.insert(n);
            }
        }
        let as_of_ms = as_of.millis();
        let mine: Vec<_> = self
            .store()
            .values()
            .filter(|x| x.initiative() == Some(id) && x.at_ms() <= as_of_ms)
            .collect();
        for x in &mine {
            people.extend(x.members().filter_map(|n| snap.of_network(n)));
        }
        let people: Vec<NodeIndex> = people.into_iter().collect();

        let mut ties_in = Vec::new();
        for &m in &people {
            if snap.is_municipal(m) {
                continue;
            }
            for u in snap.graph.neighbors(m) {
                let t = snap.mutual(m, u);
                if snap.is_municipal(u) && t >= threshold {
                    ties_in.push(TieIn {
                        member: snap.id(m).to_owned(),
                        municipal: snap.id(u).to_owned(),
                        trust: t,
                    });
                }
            }
        }
        ties_in.sort_by(|a, b| {
            b.trust
                .total_cmp(&a.trust)
                .then_with(|| (&a.member, &a.municipal).cmp(&(&b.member, &b.municipal)))
        });
        let holders: BTreeSet<&str> = ties_in.iter().map(|t| t.member.as_str()).collect();
        let reached: BTreeSet<&str> = ties_in.iter().map(|t| t.municipal.as_str()).collect();
        let rests_on = match (holders.len(), reached.len()) {
            (1, _) => holders.first().map(|s| s.to_string()),
            (_, 1) => reached.first().map(|s| s.to_string()),
            _ => None,
        };

        let mut sum = 0.0;
        let mut trusted_pairs = 0;
        let mut pairs = 0;
        for (i, &a) in people.iter().enumerate() {
            for &b in &people[i + 1..] {
                let t = snap.mutual(a, b);
                sum += t;
                pairs += 1;
                if t >= threshold {
                    trusted_pairs += 1;
                }
            }
        }
        Ok(InitiativeHealth {
            initiative: ini.id.clone(),
            name: ini.name.clone(),
            status: ini.status,
            started: ini.started,
            ended: ini.ended,
            participants: ini
                .participants
                .iter()
                .map(|p| InitiativeRole {
                    actor: p.actor.clone(),
                    role: p.role,
                    present: self
                        .actor(&p.actor)
                        .is_some_and(|a| super::snapshot::present(a, date)),
                })
                .collect(),
            people: people.iter().map(|&n| snap.id(n).to_owned()).collect(),
            holders: holders.iter().map(|s| s.to_string()).collect(),
            connected: !ties_in.is_empty(),
            ties_in,
            rests_on,
            mean_trust: if pairs > 0 { sum / pairs as f64 } else { 0.0 },
            trusted_pairs,
            pairs,
            interactions: mine.len(),
            requests: RequestFigures::of(mine.iter().copied(), as_of_ms, self.scoring()),
            outcomes: ini
                .outcomes
                .iter()
                .filter(|o| o.at <= date)
                .cloned()
                .collect(),
        })
    }
}
