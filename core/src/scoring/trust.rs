//! Trust from a tie's history, and its explanation.
//!
//! The formulas are in the [crate docs](crate#trust). One pass over the
//! events builds a [`Ledger`] of evidence; the score and its explanation are
//! both read from it, so they cannot disagree.

use serde::Serialize;

use super::config::ScoringConfig;
use super::exp2::exp2;
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

/// The config's constants worked out once per scoring pass: rates per
/// millisecond and a table of group factors, so that each event costs two
/// `exp2` and a few multiply-adds whichever direction is asked for.
pub(crate) struct Kernel<'c> {
    pub config: &'c ScoringConfig,
    /// 1 / half-life, per millisecond, of the fast and slow memory.
    rates: [f64; 2],
    /// −1 / half-life of the response bonus, per millisecond.
    response: f64,
    deadline_ms: f64,
    /// Group factor by number of participants, for the common sizes.
    groups: [f64; GROUP_TABLE],
}

/// Group sizes whose factor is tabled; larger ones call `powf`.
const GROUP_TABLE: usize = 16;

impl<'c> Kernel<'c> {
    pub(crate) fn new(config: &'c ScoringConfig) -> Kernel<'c> {
        let mut groups = [1.0; GROUP_TABLE];
        for (n, g) in groups.iter_mut().enumerate().skip(3) {
            *g = f64::from(n as u32 - 1).powf(-config.group_exponent);
        }
        Kernel {
            config,
            rates: [
                1.0 / (config.half_life_days * MS_PER_DAY),
                1.0 / (config.tail_half_life_days * MS_PER_DAY),
            ],
            response: -1.0 / (config.response_half_time_days * MS_PER_DAY),
            deadline_ms: config.response_deadline_days * MS_PER_DAY,
            groups,
        }
    }

    /// Per-pair share of an interaction of `group` participants.
    fn group(&self, group: u16) -> f64 {
        match self.groups.get(group as usize) {
            Some(g) => *g,
            None => f64::from(group.saturating_sub(1)).powf(-self.config.group_exponent),
        }
    }
}

/// The two directions of a tie: `[A's trust in B, B's trust in A]`.
pub(crate) type Ledgers = [Ledger; 2];

fn slot(side: Side) -> Option<usize> {
    match side {
        Side::A => Some(0),
        Side::B => Some(1),
        _ => None,
    }
}

/// Walks the events of a tie at or before `as_of_ms` once and gathers the
/// evidence of both directions. `each` is called with every event's raw
/// evidence (contact evidence before the reciprocity factor) and the source
/// side it counts for (`Side::None`: both).
pub(crate) fn ledgers(
    k: &Kernel,
    tie: &Tie,
    as_of_ms: i64,
    each: impl FnMut(&Event, Side, Reason, f64),
) -> Ledgers {
    let events = tie.events_until(as_of_ms);
    match tie.decay(k.rates) {
        Some(d) => {
            let since = (as_of_ms - d.last) as f64;
            let q = [exp2(-since * k.rates[0]), exp2(-since * k.rates[1])];
            let memories = d.factors.iter().map(|f| [f[0] * q[0], f[1] * q[1]]);
            walk(k, as_of_ms, events.iter().zip(memories), each)
        }
        None => {
            let memories = events.iter().map(|e| {
                let age = (as_of_ms - e.at) as f64;
                [exp2(-age * k.rates[0]), exp2(-age * k.rates[1])]
            });
            walk(k, as_of_ms, events.iter().zip(memories), each)
        }
    }
}

/// The walk itself, over events (at or before `as_of_ms`) with their fast
/// and slow memory at `as_of_ms`.
fn walk<'e>(
    k: &Kernel,
    as_of_ms: i64,
    events: impl Iterator<Item = (&'e Event, [f64; 2])>,
    mut each: impl FnMut(&Event, Side, Reason, f64),
) -> Ledgers {
    let config = k.config;
    let mut l = [Ledger::default(); 2];
    let mut shared = Ledger::default();
    for (e, [fast, slow]) in events {
        let g = k.group(e.group);
        let base = config.kind_weights.of(e.kind) * g;
        let memory = (1.0 - config.tail_share) * fast + config.tail_share * slow;
        if e.outcome == Outcome::Negative {
            // A penalty fades with the slow memory alone: what went wrong is
            // remembered at least as long as what went well, so that trust
            // never rises with time alone.
            let lost = config.negative_weight * base * slow;
            shared.negative += lost;
            each(e, Side::None, Reason::Negative, -lost);
        } else {
            let w = if e.outcome == Outcome::Positive {
                base * config.positive_factor
            } else {
                base
            };
            shared.undecayed += w;
            shared.decayed += w * memory;
            each(e, Side::None, Reason::Contact, w * memory);
        }
        let Some(s) = slot(e.initiator) else {
            continue;
        };
        l[s].initiative_source += g;
        l[1 - s].initiative_target += g;
        if e.kind != InteractionKind::Request {
            continue;
        }
        let target = e.initiator.flip();
        let ledger = &mut l[s];
        match e.answered().filter(|t| *t <= as_of_ms) {
            Some(t) if e.answerer == target => {
                let speed = exp2((t - e.at) as f64 * k.response);
                let gain = config.response_bonus * speed * memory;
                ledger.responsiveness += gain;
                each(e, e.initiator, Reason::Answered, gain);
            }
            Some(_) => {}
            None if (as_of_ms - e.at) as f64 > k.deadline_ms => {
                let lost = config.unanswered_penalty * g * slow;
                ledger.responsiveness -= lost;
                each(e, e.initiator, Reason::Overdue, -lost);
            }
            None => {}
        }
    }
    for ledger in &mut l {
        ledger.undecayed = shared.undecayed;
        ledger.decayed = shared.decayed;
        ledger.negative = shared.negative;
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
    // e^−x as 2^(−x·log₂e): the same on every platform (see `exp2`).
    let v = 1.0 - exp2(-evidence.max(0.0) / config.saturation * std::f64::consts::LOG2_E);
    // Guard the contract against any parameter that slipped past the checks.
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Both trust values of a tie: `(A's trust in B, B's trust in A)`.
pub(crate) fn trust_values(k: &Kernel, tie: &Tie, as_of_ms: i64) -> (f64, f64) {
    let [a, b] = ledgers(k, tie, as_of_ms, |_, _, _, _| {});
    (a.value(k.config), b.value(k.config))
}

/// The ledger of `source`'s trust in the other end of `tie`.
pub(crate) fn ledger(k: &Kernel, tie: &Tie, source: Side, as_of_ms: i64) -> Ledger {
    let both = ledgers(k, tie, as_of_ms, |_, _, _, _| {});
    pick(both, source)
}

fn pick([a, b]: Ledgers, source: Side) -> Ledger {
    if source == Side::B {
        b
    } else {
        a
    }
}

/// The trust value of `source` toward the other end of `tie`.
pub(crate) fn trust_value(k: &Kernel, tie: &Tie, source: Side, as_of_ms: i64) -> f64 {
    ledger(k, tie, source, as_of_ms).value(k.config)
}

/// The explanation parts: the ledger and the interactions that moved it most.
pub(crate) fn explain(
    k: &Kernel,
    tie: &Tie,
    source: Side,
    as_of_ms: i64,
) -> (Ledger, Vec<(InteractionKey, Reason, f64)>) {
    let mut raw: Vec<(InteractionKey, i64, Reason, f64)> = Vec::new();
    let both = ledgers(k, tie, as_of_ms, |e, applies, reason, amount| {
        if applies == Side::None || applies == source {
            raw.push((e.key, e.at, reason, amount));
        }
    });
    let l = pick(both, source);
    let rho = l.reciprocity_factor(k.config);
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
