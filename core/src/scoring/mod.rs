//! Trust and recency scoring: the parameters, the score with its
//! explanation, and the facts of each tie.

mod exp2;
pub(crate) mod trust;

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::model::{KindWeights, ScoringConfig};
pub use trust::{Contribution, Reason, Trust, TrustComponents};

use crate::error::{Error, Result};
use crate::model::store::Store;
use crate::model::tie::{until, Event, Events, Side};
use crate::model::{InteractionKind, Network, Outcome};
use crate::time::{Moment, MS_PER_DAY};

/// The facts of one tie as of an instant: counts, first and last contact,
/// response times. `a` and `b` are in the order asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieStats {
    /// One end.
    pub a: String,
    /// The other end.
    pub b: String,
    /// Interactions between them up to the instant.
    pub interactions: u32,
    /// The first of them.
    pub first_contact: Option<Moment>,
    /// The last of them.
    pub last_contact: Option<Moment>,
    /// Interactions by kind (the format's words).
    pub by_kind: BTreeMap<String, u32>,
    /// Formal contacts.
    pub formal: u32,
    /// Informal contacts.
    pub informal: u32,
    /// Contacts with a positive outcome.
    pub positive: u32,
    /// Contacts with a negative outcome.
    pub negative: u32,
    /// Contacts where `a` took the initiative.
    pub initiated_by_a: u32,
    /// Contacts where `b` took the initiative.
    pub initiated_by_b: u32,
    /// Requests made by either of them.
    pub requests: u32,
    /// Requests answered by the instant.
    pub answered: u32,
    /// Requests not answered by the instant.
    pub unanswered: u32,
    /// Unanswered requests past the response deadline.
    pub overdue: u32,
    /// Median days from request to answer, over answered requests.
    pub median_response_days: Option<f64>,
    /// Trust of `a` in `b`.
    pub trust_ab: f64,
    /// Trust of `b` in `a`.
    pub trust_ba: f64,
}

impl Network {
    fn endpoints(&self, source: &str, target: &str) -> Result<Option<(Events<'_>, Side)>> {
        let s = self.node(source)?;
        let t = self.node(target)?;
        if s == t {
            return Err(Error::invalid("target", "is the same actor as source"));
        }
        Ok(self.tie_between(s, t))
    }

    /// How much `source` has reason to trust `target` through their own
    /// history as of `as_of`, in [0, 1], with its explanation. Only
    /// interactions at or before `as_of` count. Two actors with no shared
    /// history have trust 0.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::from_json(include_str!("../../../examples/data/skovlund.json"))?;
    /// let t = net.trust("v-inge", "e-tove", "2024-06-01".parse()?)?;
    /// let c = t.components;
    /// let sum = c.contact + c.spacing + c.recency + c.reciprocity + c.responsiveness + c.negative;
    /// assert!((sum - t.evidence).abs() < 1e-12);
    /// assert!(t.value > 0.3 && t.value < 1.0); // a few good contacts: trust is under way
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn trust(&self, source: &str, target: &str, as_of: Moment) -> Result<Trust> {
        let tie = self.endpoints(source, target)?;
        let as_of_ms = as_of.millis();
        let config = self.scoring();
        let (ledger, top) = match tie {
            Some((events, side)) => {
                let events = events.read();
                let kernel = trust::Kernel::new(config);
                trust::explain(&kernel, &events, self.store(), side, as_of_ms)
            }
            None => Default::default(),
        };
        let top_interactions = top
            .into_iter()
            .filter_map(|(key, reason, evidence)| {
                let x = self.store().get(key)?;
                Some(Contribution {
                    key: key.get(),
                    id: x.id().map(str::to_owned),
                    at: x.at(),
                    kind: x.kind,
                    reason,
                    evidence,
                })
            })
            .collect();
        Ok(Trust {
            source: source.to_owned(),
            target: target.to_owned(),
            as_of,
            value: ledger.value(),
            evidence: ledger.evidence(),
            components: ledger.components(config),
            target_initiative_share: ledger.target_share(),
            top_interactions,
        })
    }

    /// The trust value alone: the same number as [`Network::trust`]`.value`,
    /// without building the explanation.
    pub fn trust_value(&self, source: &str, target: &str, as_of: Moment) -> Result<f64> {
        Ok(match self.endpoints(source, target)? {
            Some((events, side)) => trust::trust_value(
                &trust::Kernel::new(self.scoring()),
                &events.read(),
                self.store(),
                side,
                as_of.millis(),
            ),
            None => 0.0,
        })
    }

    /// The facts of the tie between `a` and `b` as of `as_of`; all counts
    /// are zero when they have no shared history.
    pub fn tie_stats(&self, a: &str, b: &str, as_of: Moment) -> Result<TieStats> {
        let tie = self.endpoints(a, b)?;
        let as_of_ms = as_of.millis();
        let mut stats = TieStats {
            a: a.to_owned(),
            b: b.to_owned(),
            interactions: 0,
            first_contact: None,
            last_contact: None,
            by_kind: BTreeMap::new(),
            formal: 0,
            informal: 0,
            positive: 0,
            negative: 0,
            initiated_by_a: 0,
            initiated_by_b: 0,
            requests: 0,
            answered: 0,
            unanswered: 0,
            overdue: 0,
            median_response_days: None,
            trust_ab: 0.0,
            trust_ba: 0.0,
        };
        let Some((all, side_a)) = tie else {
            return Ok(stats);
        };
        let all = all.read();
        let events = until(&all, as_of_ms);
        let deadline_ms = self.scoring().response_deadline_days * MS_PER_DAY;
        let mut c = EventCounts::of(
            events,
            self.store(),
            side_a,
            as_of_ms,
            deadline_ms,
            Requests::All,
        );
        stats.interactions = c.interactions;
        for (kind, n) in InteractionKind::ALL.iter().zip(c.by_kind) {
            if n > 0 {
                stats.by_kind.insert(kind.as_str().to_owned(), n);
            }
        }
        stats.formal = c.formal;
        stats.informal = c.informal;
        stats.positive = c.positive;
        stats.negative = c.negative;
        stats.initiated_by_a = c.initiated_by_side;
        stats.initiated_by_b = c.initiated_by_other;
        stats.requests = c.requests;
        stats.answered = c.answered;
        stats.unanswered = c.unanswered;
        stats.overdue = c.overdue;
        stats.median_response_days = median(&mut c.response_days);
        stats.first_contact = events
            .first()
            .and_then(|e| self.store().get(e.key()))
            .map(|x| x.at());
        stats.last_contact = events
            .last()
            .and_then(|e| self.store().get(e.key()))
            .map(|x| x.at());
        let [a, b] = trust::ledgers(
            &trust::Kernel::new(self.scoring()),
            &all,
            self.store(),
            as_of_ms,
            |_, _, _, _| {},
        );
        let (ab, ba) = (a.value(), b.value());
        (stats.trust_ab, stats.trust_ba) = if side_a == Side::A {
            (ab, ba)
        } else {
            (ba, ab)
        };
        Ok(stats)
    }

    /// The facts of every tie with contact at or before `as_of`, sorted by
    /// the pair of ids (smaller id as `a`).
    pub fn ties(&self, as_of: Moment) -> Vec<TieStats> {
        self.tie_pairs()
            .into_iter()
            .filter_map(|(a, b)| self.tie_stats(a, b, as_of).ok())
            .filter(|s| s.interactions > 0)
            .collect()
    }
}

/// Which requests [`EventCounts::of`] counts.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Requests {
    /// Every request on the tie.
    All,
    /// Only those the counting side made.
    BySide,
}

/// A tie's events up to an instant, counted from one side's point of view.
#[derive(Debug, Default)]
pub(crate) struct EventCounts {
    pub interactions: u32,
    /// By kind, in the order of [`InteractionKind::ALL`].
    pub by_kind: [u32; 7],
    pub formal: u32,
    pub informal: u32,
    pub positive: u32,
    pub negative: u32,
    pub initiated_by_side: u32,
    pub initiated_by_other: u32,
    pub requests: u32,
    pub answered: u32,
    pub unanswered: u32,
    pub overdue: u32,
    /// Days from request to answer, for the answered requests.
    pub response_days: Vec<f64>,
}

impl EventCounts {
    pub(crate) fn of(
        events: &[Event],
        store: &Store,
        side: Side,
        as_of_ms: i64,
        deadline_ms: f64,
        requests: Requests,
    ) -> EventCounts {
        let mut c = EventCounts::default();
        for e in events {
            c.interactions += 1;
            if let Some(i) = InteractionKind::ALL.iter().position(|k| *k == e.kind) {
                c.by_kind[i] += 1;
            }
            if e.formal() {
                c.formal += 1;
            } else {
                c.informal += 1;
            }
            match e.outcome {
                Outcome::Positive => c.positive += 1,
                Outcome::Negative => c.negative += 1,
                Outcome::Neutral => {}
            }
            if e.initiator() == side {
                c.initiated_by_side += 1;
            } else if e.initiator() == side.flip() {
                c.initiated_by_other += 1;
            }
            let counted = requests == Requests::All || e.initiator() == side;
            if e.kind == InteractionKind::Request && counted {
                c.requests += 1;
                match e.answered(store).filter(|t| *t <= as_of_ms) {
                    Some(t) => {
                        c.answered += 1;
                        c.response_days.push((t - e.at) as f64 / MS_PER_DAY);
                    }
                    None => {
                        c.unanswered += 1;
                        if (as_of_ms - e.at) as f64 > deadline_ms {
                            c.overdue += 1;
                        }
                    }
                }
            }
        }
        c
    }
}

/// The median of some numbers (sorted in place); `None` for none.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}
