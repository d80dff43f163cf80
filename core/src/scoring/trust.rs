//! Trust from a tie's history, and its explanation.
//!
//! The formulas are in the [crate docs](crate#trust). One pass over the
//! events builds a [`Ledger`] of evidence; the score and its explanation are
//! both read from it, so they cannot disagree.

use serde::Serialize;

use super::config::ScoringConfig;
use crate::model::tie::{Event, Side, Tie};
use crate::model::{InteractionKey, InteractionKind, Outcome};
use crate::time::{Moment, MS_PER_DAY};

/// How many interactions an explanation lists.
const TOP_INTERACTIONS: usize = 5;

/// Why an interaction moved a trust score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Contact that built trust (neutral or positive).
    Contact,
    /// A contact with a negative outcome.
    Negative,
    /// A request of the source that the target answered.
    Answered,
    /// A request of the source still unanswered past the deadline.
    Overdue,
}

/// One interaction's share of a trust score, in units of evidence (one
/// recent, neutral one-to-one meeting adds 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The interaction's handle in this network.
    pub key: u64,
    /// The interaction's own id, when it has one.
    pub id: Option<String>,
    /// When it happened.
    pub at: Moment,
    /// Its kind.
    pub kind: InteractionKind,
    /// Why it counted.
    pub reason: Reason,
    /// Evidence it added (negative: removed) as of the query.
    pub evidence: f64,
}

/// The named parts of a trust score, in units of evidence. They add up to
/// [`Trust::evidence`]; the score is `1 − exp(−max(evidence, 0) / saturation)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct TrustComponents {
    /// Evidence of all neutral and positive contact, had none of it faded (≥ 0).
    pub contact: f64,
    /// What the passing of time has taken from it (≤ 0).
    pub recency: f64,
    /// What one-sided initiative takes (≤ 0).
    pub reciprocity: f64,
    /// Fast answers to the source's requests add, overdue ones remove.
    pub responsiveness: f64,
    /// What negative outcomes remove (≤ 0).
    pub negative: f64,
}

/// How much `source` has reason to trust `target` through their own history,
/// as of an instant, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trust {
    /// Who trusts.
    pub source: String,
    /// Who is trusted.
    pub target: String,
    /// The instant the score is computed for.
    pub as_of: Moment,
    /// The score, in [0, 1].
    pub value: f64,
    /// The net evidence the score is computed from.
    pub evidence: f64,
    /// The evidence by component.
    pub components: TrustComponents,
    /// The share of initiative taken by the target, in [0, 1], with one
    /// imagined initiative on each side so that no history reads as balanced.
    pub target_initiative_share: f64,
    /// The interactions that moved the score most, largest first.
    pub top_interactions: Vec<Contribution>,
}

/// Evidence gathered from one tie for one direction.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ledger {
    /// Undecayed evidence of non-negative contact.
    pub undecayed: f64,
    /// Decayed evidence of non-negative contact.
    pub decayed: f64,
    /// Initiative taken by the source and by the target (group-weighted counts).
    pub initiative_source: f64,
    pub initiative_target: f64,
    pub responsiveness: f64,
    /// Decayed evidence removed by negative outcomes (≥ 0).
    pub negative: f64,
}

/// Memory of a contact `age_days` old: a fast and a slow exponential.
pub(crate) fn kernel(config: &ScoringConfig, age_days: f64) -> f64 {
    let fast = (-age_days / config.half_life_days).exp2();
    let slow = (-age_days / config.tail_half_life_days).exp2();
    (1.0 - config.tail_share) * fast + config.tail_share * slow
}

/// Memory of a penalty `age_days` old: the slow memory alone. What went
/// wrong is remembered at least as long as what went well, so that trust
/// never rises with time alone.
pub(crate) fn penalty_kernel(config: &ScoringConfig, age_days: f64) -> f64 {
    (-age_days / config.tail_half_life_days).exp2()
}

/// Per-pair share of an interaction of `group` participants.
pub(crate) fn group_factor(config: &ScoringConfig, group: u32) -> f64 {
    if group <= 2 {
        1.0
    } else {
        f64::from(group - 1).powf(-config.group_exponent)
    }
}

/// Walks the events of a tie at or before `as_of_ms`, from `source`'s side,
/// and calls `each` with every event's raw evidence (contact evidence before
/// the reciprocity factor).
pub(crate) fn ledger(
    config: &ScoringConfig,
    events: &[Event],
    source: Side,
    as_of_ms: i64,
    mut each: impl FnMut(&Event, Reason, f64),
) -> Ledger {
    let target = source.flip();
    let deadline_ms = config.response_deadline_days * MS_PER_DAY;
    let mut l = Ledger::default();
    for e in events {
        if e.at > as_of_ms {
            break;
        }
        let age = (as_of_ms - e.at) as f64 / MS_PER_DAY;
        let k = kernel(config, age);
        let g = group_factor(config, e.group);
        let base = config.kind_weights.of(e.kind) * g;
        if e.outcome == Outcome::Negative {
            let lost = config.negative_weight * base * penalty_kernel(config, age);
            l.negative += lost;
            each(e, Reason::Negative, -lost);
        } else {
            let w = if e.outcome == Outcome::Positive {
                base * config.positive_factor
            } else {
                base
            };
            l.undecayed += w;
            l.decayed += w * k;
            each(e, Reason::Contact, w * k);
        }
        if e.initiator == target {
            l.initiative_target += g;
        } else if e.initiator == source {
            l.initiative_source += g;
            if e.kind == InteractionKind::Request {
                match e.answered.filter(|t| *t <= as_of_ms) {
                    Some(t) if e.answerer == target => {
                        let days = (t - e.at) as f64 / MS_PER_DAY;
                        let gain = config.response_bonus
                            * (-days / config.response_half_time_days).exp2()
                            * k;
                        l.responsiveness += gain;
                        each(e, Reason::Answered, gain);
                    }
                    Some(_) => {}
                    None if (as_of_ms - e.at) as f64 > deadline_ms => {
                        let lost = config.unanswered_penalty * g * penalty_kernel(config, age);
                        l.responsiveness -= lost;
                        each(e, Reason::Overdue, -lost);
                    }
                    None => {}
                }
            }
        }
    }
    l
}

impl Ledger {
    /// The reciprocity factor in [floor, 1]: 1 when the target takes at
    /// least half the initiative.
    pub(crate) fn reciprocity_factor(&self, config: &ScoringConfig) -> f64 {
        let share = self.target_share();
        config.reciprocity_floor + (1.0 - config.reciprocity_floor) * (2.0 * share).min(1.0)
    }

    /// The target's share of initiative, with one imagined initiative each.
    pub(crate) fn target_share(&self) -> f64 {
        (self.initiative_target + 1.0) / (self.initiative_source + self.initiative_target + 2.0)
    }

    pub(crate) fn components(&self, config: &ScoringConfig) -> TrustComponents {
        let rho = self.reciprocity_factor(config);
        TrustComponents {
            contact: self.undecayed,
            recency: self.decayed - self.undecayed,
            reciprocity: (rho - 1.0) * self.decayed,
            responsiveness: self.responsiveness,
            negative: -self.negative,
        }
    }

    pub(crate) fn evidence(&self, config: &ScoringConfig) -> f64 {
        self.reciprocity_factor(config) * self.decayed + self.responsiveness - self.negative
    }

    pub(crate) fn value(&self, config: &ScoringConfig) -> f64 {
        value_of(config, self.evidence(config))
    }
}

/// The score for an amount of net evidence: grows and saturates.
pub(crate) fn value_of(config: &ScoringConfig, evidence: f64) -> f64 {
    let v = 1.0 - (-evidence.max(0.0) / config.saturation).exp();
    // Guard the contract against any parameter that slipped past the checks.
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The trust value of `source` toward the other end of `tie`.
pub(crate) fn trust_value(config: &ScoringConfig, tie: &Tie, source: Side, as_of_ms: i64) -> f64 {
    ledger(
        config,
        tie.events_until(as_of_ms),
        source,
        as_of_ms,
        |_, _, _| {},
    )
    .value(config)
}

/// The explanation parts: the ledger and the interactions that moved it most.
pub(crate) fn explain(
    config: &ScoringConfig,
    tie: &Tie,
    source: Side,
    as_of_ms: i64,
) -> (Ledger, Vec<(InteractionKey, Reason, f64)>) {
    let mut raw: Vec<(InteractionKey, i64, Reason, f64)> = Vec::new();
    let l = ledger(
        config,
        tie.events_until(as_of_ms),
        source,
        as_of_ms,
        |e, reason, amount| {
            raw.push((e.key, e.at, reason, amount));
        },
    );
    let rho = l.reciprocity_factor(config);
    let mut top = raw;
    for item in &mut top {
        if item.2 == Reason::Contact {
            item.3 *= rho;
        }
    }
    top.sort_by(|x, y| {
        y.3.abs()
            .total_cmp(&x.3.abs())
            .then(y.1.cmp(&x.1))
            .then(x.0.cmp(&y.0))
    });
    top.truncate(TOP_INTERACTIONS);
    (l, top.into_iter().map(|(k, _, r, a)| (k, r, a)).collect())
}
