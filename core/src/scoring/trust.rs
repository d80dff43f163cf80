//! Trust from a tie's history, and its explanation.
//!
//! The formulas are in the [crate docs](crate#trust). One pass over the
//! events builds a [`Ledger`] of evidence; the score and its explanation are
//! both read from it, so they cannot disagree.

use serde::Serialize;

use super::exp2::exp2;
use crate::model::store::Store;
use crate::model::tie::{until, Event, Side};
use crate::model::ScoringConfig;
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
    /// What contact soon after earlier contact did not add (≤ 0): a second
    /// meeting in the same week adds less than one a month later.
    pub spacing: f64,
    /// What the passing of time has taken from the rest (≤ 0).
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
    /// The same after the spacing discount.
    pub spaced: f64,
    /// Decayed evidence of non-negative contact.
    pub decayed: f64,
    /// Initiative taken by the source and by the target (group-weighted counts).
    pub initiative_source: f64,
    pub initiative_target: f64,
    pub responsiveness: f64,
    /// Decayed evidence removed by negative outcomes (≥ 0).
    pub negative: f64,
    /// The net evidence and the score, worked out from the tie's [`Curve`]
    /// so that one tie scored alone and every tie scored at once agree to
    /// the bit.
    evidence: f64,
    value: f64,
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
    /// −1 / spacing, per millisecond; `None` when spacing is off.
    spacing: Option<f64>,
    deadline_ms: f64,
    /// log₂e / saturation: the score is 1 − 2^(−evidence · this).
    value_scale: f64,
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
            spacing: (config.spacing_days > 0.0).then(|| -1.0 / (config.spacing_days * MS_PER_DAY)),
            deadline_ms: config.response_deadline_days * MS_PER_DAY,
            value_scale: std::f64::consts::LOG2_E / config.saturation,
            groups,
        }
    }

    /// The score for an amount of net evidence: grows and saturates.
    fn value(&self, evidence: f64) -> f64 {
        // e^−x as 2^(−x·log₂e): the same on every platform (see `exp2`).
        let v = 1.0 - exp2(-evidence.max(0.0) * self.value_scale);
        // Guard the contract against any parameter that slipped past the checks.
        if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            0.0
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

/// What a tie's recent contact already stands for, so that contact soon
/// after it adds only what goes beyond it (the spacing effect: repetitions
/// spread out are remembered better than massed ones). It jumps to a
/// contact's weight and halves every `spacing_days`; a contact adds the part
/// of its weight above it. For equal weights a contact `gap` days after the
/// last adds `1 − 2^(−gap / spacing_days)` of its weight; contacts at one
/// instant add the largest weight among them, in any order. Because the
/// envelope never fades faster than the memories do (spacing ≤ both
/// half-lives, which the config checks), adding a contact never lowers
/// the evidence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Spacing {
    level: f64,
    at: i64,
}

impl Spacing {
    /// The part of weight `w` at `at` that adds evidence, and the envelope
    /// updated. `rate` is −1 / spacing per millisecond; `None`: no spacing.
    fn add(&mut self, rate: Option<f64>, at: i64, w: f64) -> f64 {
        let Some(rate) = rate else {
            return w;
        };
        // An empty envelope stays empty, whatever the gap (even one that
        // would overflow the factor).
        let level = if self.level > 0.0 {
            self.level * exp2(at.saturating_sub(self.at) as f64 * rate)
        } else {
            0.0
        };
        *self = Spacing {
            level: level.max(w),
            at,
        };
        (w - level).max(0.0)
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

/// A tie's evidence from its events up to some instant, before the decay
/// from the last of them (the anchor) to the query: each event's memory is
/// taken at the anchor, and a query at `T` multiplies by 2^(−(T − anchor)·r).
/// Past its [`Digest::horizon`] nothing else about a tie depends on the
/// instant, so one set of sums serves every later query.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sums {
    undecayed: f64,
    /// Σ of what each contact added beyond the [`Spacing`] envelope.
    spaced: f64,
    /// The envelope after the events summed so far: a walk that starts part
    /// way (a [`Checkpoint`]) carries on from it.
    envelope: Spacing,
    /// Σ w·2^((at − anchor)·r) for the fast and the slow memory.
    contact: [f64; 2],
    /// Σ (negative weight)·base·2^((at − anchor)·r_slow).
    negative: f64,
    /// Initiative taken by A and by B (group-weighted counts).
    initiative: [f64; 2],
    /// Bonus for answered requests, by the side that asked: the parts that
    /// fade with the fast and with the slow memory (shares applied).
    answered: [[f64; 2]; 2],
    /// Penalty for overdue requests by the side that asked (slow memory).
    overdue: [f64; 2],
}

/// A tie's net evidence in both directions as a function of the decay of
/// the fast and the slow memory since the anchor `q = [q_fast, q_slow]`:
/// `evidence[d] = fast[d] · q_fast + slow[d] · q_slow`. The reciprocity
/// factor does not fade, so it is folded in once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Curve {
    fast: [f64; 2],
    slow: [f64; 2],
}

impl Curve {
    fn of(k: &Kernel, s: &Sums) -> Curve {
        let c = k.config;
        let ts = c.tail_share;
        let mut curve = Curve::default();
        for side in 0..2 {
            let rho = reciprocity_factor(c, s.initiative[side], s.initiative[1 - side]);
            curve.fast[side] = rho * (1.0 - ts) * s.contact[0] + s.answered[side][0];
            curve.slow[side] =
                rho * ts * s.contact[1] + s.answered[side][1] - s.overdue[side] - s.negative;
        }
        curve
    }

    fn evidence(&self, side: usize, q: [f64; 2]) -> f64 {
        self.fast[side] * q[0] + self.slow[side] * q[1]
    }
}

/// What a query past a tie's last event, answer and request deadline (its
/// horizon) needs: the [`Curve`] of its evidence and the instant it is
/// anchored at. Kept small, as scoring every tie reads one per tie.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digest {
    curve: Curve,
    anchor: i64,
    horizon: i64,
}

impl Digest {
    /// For an edge index with no tie: never used.
    pub(crate) const NONE: Digest = Digest {
        curve: Curve {
            fast: [0.0; 2],
            slow: [0.0; 2],
        },
        anchor: 0,
        horizon: i64::MAX,
    };

    /// The digest of a tie, the [`Sums`] it is made from (which the
    /// explanations read), and the tie's [`Checkpoint`] when a query after
    /// its last event still walks some of its events.
    pub(crate) fn of(
        k: &Kernel,
        events: &[Event],
        store: &Store,
    ) -> (Digest, Sums, Option<Checkpoint>) {
        let Some(last) = events.last() else {
            return (Digest::NONE, Sums::default(), None);
        };
        // The deadline test is `(as_of − at) as f64 > deadline`: for whole
        // milliseconds below 2^52 it holds from ⌊deadline⌋ + 1 on.
        let overdue_from = if k.deadline_ms < (1u64 << 52) as f64 {
            Some(k.deadline_ms.floor() as i64 + 1)
        } else {
            None
        };
        let mut horizon = last.at;
        // The first event whose part in the sums may still change after
        // the last event: a request not yet answered or overdue then.
        let mut first_open = None;
        for (i, e) in events.iter().enumerate() {
            if e.kind != InteractionKind::Request || slot(e.initiator()).is_none() {
                continue;
            }
            let settled = match (e.answered(store), overdue_from) {
                (Some(t), _) => Some(t),
                (None, Some(d)) => e.at.checked_add(d),
                (None, None) => None,
            }
            .unwrap_or(i64::MAX);
            horizon = horizon.max(settled);
            if settled > last.at && first_open.is_none() {
                first_open = Some(i);
            }
        }
        // Queries at or after the last event start a walk here. A tie with
        // few events before it reads them again instead: a checkpoint is
        // 128 bytes, as much as eight events, and most ties are small.
        let checkpoint = first_open.filter(|&from| from >= 32).map(|from| {
            let mut sums = Sums::default();
            let before = &events[..from];
            accumulate(
                k,
                before,
                store,
                last.at,
                last.at,
                &mut sums,
                |_, _, _, _| {},
            );
            Checkpoint { from, sums }
        });
        if horizon == i64::MAX {
            // Some request never settles: every query walks the events.
            let digest = Digest {
                anchor: last.at,
                ..Digest::NONE
            };
            return (digest, Sums::default(), checkpoint);
        }
        // Queries at or past the horizon read these sums; the walk over all
        // events at any such instant adds up the same numbers in the same
        // order, so a score is the same to the bit either way.
        let (sums, anchor) = gather(k, events, store, horizon, |_, _, _, _| {});
        let digest = Digest {
            curve: Curve::of(k, &sums),
            anchor,
            horizon,
        };
        (digest, sums, checkpoint)
    }

    /// Both trust values, `(A's trust in B, B's trust in A)`, at an instant
    /// where the digest holds.
    pub(crate) fn values(&self, k: &Kernel, as_of_ms: i64) -> (f64, f64) {
        let q = decay_since(k, self.anchor, as_of_ms);
        (
            k.value(self.curve.evidence(0, q)),
            k.value(self.curve.evidence(1, q)),
        )
    }

    /// The instant of the tie's last event.
    pub(crate) fn last(&self) -> i64 {
        self.anchor
    }

    /// Whether the sums answer a query at `as_of_ms`.
    pub(crate) fn holds_at(&self, as_of_ms: i64) -> bool {
        as_of_ms >= self.horizon
    }
}

/// Walks the events of a tie at or before `as_of_ms` once and gathers the
/// evidence of both directions. `each` is called with every event's
/// evidence as of `as_of_ms` (contact evidence before the reciprocity
/// factor) and the source side it counts for (`Side::None`: both).
pub(crate) fn ledgers(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    as_of_ms: i64,
    each: impl FnMut(&Event, Side, Reason, f64),
) -> Ledgers {
    let (sums, anchor) = gather(k, until(events, as_of_ms), store, as_of_ms, each);
    finish(k, &sums, anchor, as_of_ms)
}

/// Both directions from a digest and its sums when it holds at
/// `as_of_ms`, otherwise by walking the events: the same numbers either way.
pub(crate) fn ledgers_with(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    digest: Option<(&Digest, &Sums)>,
    as_of_ms: i64,
) -> Ledgers {
    match digest.filter(|(d, _)| d.holds_at(as_of_ms)) {
        Some((d, sums)) => finish(k, sums, d.anchor, as_of_ms),
        None => ledgers(k, events, store, as_of_ms, |_, _, _, _| {}),
    }
}

/// The decay from `anchor` to `as_of_ms` of the fast and the slow memory.
fn decay_since(k: &Kernel, anchor: i64, as_of_ms: i64) -> [f64; 2] {
    let since = as_of_ms.saturating_sub(anchor) as f64;
    [exp2(-since * k.rates[0]), exp2(-since * k.rates[1])]
}

/// The sums over `events` (all at or before `as_of_ms`, in time order) as
/// of `as_of_ms`, and their anchor: the last event's instant.
fn gather(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    as_of_ms: i64,
    each: impl FnMut(&Event, Side, Reason, f64),
) -> (Sums, i64) {
    let mut s = Sums::default();
    let Some(anchor) = events.last().map(|e| e.at) else {
        return (s, as_of_ms);
    };
    accumulate(k, events, store, anchor, as_of_ms, &mut s, each);
    (s, anchor)
}

/// Adds `events` to the sums `s` anchored at `anchor`, as of `as_of_ms`:
/// the body of [`gather`], which a walk may also start part way with the
/// sums of the events before (see [`Checkpoint`]); the additions are the
/// same, in the same order, either way.
fn accumulate(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    anchor: i64,
    as_of_ms: i64,
    s: &mut Sums,
    mut each: impl FnMut(&Event, Side, Reason, f64),
) {
    let config = k.config;
    // What `each` is told is the evidence at the query; the sums keep it at
    // the anchor.
    let q = decay_since(k, anchor, as_of_ms);
    let shares = [1.0 - config.tail_share, config.tail_share];
    for e in events {
        let back = (e.at - anchor) as f64;
        let f = [exp2(back * k.rates[0]), exp2(back * k.rates[1])];
        let g = k.group(e.group());
        let base = config.kind_weights.of(e.kind) * g;
        if e.outcome == Outcome::Negative {
            // A penalty fades with the slow memory alone: what went wrong is
            // remembered at least as long as what went well, so that trust
            // never rises with time alone.
            let lost = config.negative_weight * base * f[1];
            s.negative += lost;
            each(e, Side::None, Reason::Negative, -lost * q[1]);
        } else {
            let full = if e.outcome == Outcome::Positive {
                base * config.positive_factor
            } else {
                base
            };
            let w = s.envelope.add(k.spacing, e.at, full);
            s.undecayed += full;
            s.spaced += w;
            s.contact[0] += w * f[0];
            s.contact[1] += w * f[1];
            let memory = shares[0] * f[0] * q[0] + shares[1] * f[1] * q[1];
            each(e, Side::None, Reason::Contact, w * memory);
        }
        let Some(side) = slot(e.initiator()) else {
            continue;
        };
        s.initiative[side] += g;
        if e.kind != InteractionKind::Request {
            continue;
        }
        let target = e.initiator().flip();
        match e.answered(store).filter(|t| *t <= as_of_ms) {
            Some(t) if e.answerer() == target => {
                let speed = config.response_bonus * exp2((t - e.at) as f64 * k.response);
                let parts = [speed * shares[0] * f[0], speed * shares[1] * f[1]];
                s.answered[side][0] += parts[0];
                s.answered[side][1] += parts[1];
                each(
                    e,
                    e.initiator(),
                    Reason::Answered,
                    parts[0] * q[0] + parts[1] * q[1],
                );
            }
            Some(_) => {}
            None if (as_of_ms - e.at) as f64 > k.deadline_ms => {
                let lost = config.unanswered_penalty * g * f[1];
                s.overdue[side] += lost;
                each(e, e.initiator(), Reason::Overdue, -lost * q[1]);
            }
            None => {}
        }
    }
}

/// The ledgers of both directions from sums anchored at `anchor`, as of
/// `as_of_ms`.
fn finish(k: &Kernel, s: &Sums, anchor: i64, as_of_ms: i64) -> Ledgers {
    let q = decay_since(k, anchor, as_of_ms);
    let ts = k.config.tail_share;
    let decayed = (1.0 - ts) * s.contact[0] * q[0] + ts * s.contact[1] * q[1];
    let curve = Curve::of(k, s);
    let ledger = |side: usize| {
        let evidence = curve.evidence(side, q);
        Ledger {
            undecayed: s.undecayed,
            spaced: s.spaced,
            decayed,
            initiative_source: s.initiative[side],
            initiative_target: s.initiative[1 - side],
            responsiveness: s.answered[side][0] * q[0] + s.answered[side][1] * q[1]
                - s.overdue[side] * q[1],
            negative: s.negative * q[1],
            evidence,
            value: k.value(evidence),
        }
    };
    [ledger(0), ledger(1)]
}

/// The target's share of initiative, with one imagined initiative each.
fn target_share(source: f64, target: f64) -> f64 {
    (target + 1.0) / (source + target + 2.0)
}

/// The reciprocity factor in [floor, 1]: 1 when the target takes at least
/// half the initiative.
fn reciprocity_factor(config: &ScoringConfig, source: f64, target: f64) -> f64 {
    let share = target_share(source, target);
    config.reciprocity_floor + (1.0 - config.reciprocity_floor) * (2.0 * share).min(1.0)
}

impl Ledger {
    pub(crate) fn reciprocity_factor(&self, config: &ScoringConfig) -> f64 {
        reciprocity_factor(config, self.initiative_source, self.initiative_target)
    }

    pub(crate) fn target_share(&self) -> f64 {
        target_share(self.initiative_source, self.initiative_target)
    }

    pub(crate) fn components(&self, config: &ScoringConfig) -> TrustComponents {
        let rho = self.reciprocity_factor(config);
        TrustComponents {
            contact: self.undecayed,
            spacing: self.spaced - self.undecayed,
            recency: self.decayed - self.spaced,
            reciprocity: (rho - 1.0) * self.decayed,
            responsiveness: self.responsiveness,
            negative: -self.negative,
        }
    }

    /// The net evidence: the components add up to it (to rounding).
    pub(crate) fn evidence(&self) -> f64 {
        self.evidence
    }

    pub(crate) fn value(&self) -> f64 {
        self.value
    }
}

/// Where a walk of a tie's events may start for a query at or after its
/// last event: the sums of the events before `from`, whose parts no longer
/// change then (the first request still open at the last event and what
/// follows are walked). A tie's busiest stretch nearly always ends with a
/// request still open, and its events are read from the interactions, far
/// apart in memory: this spares reading all but the last few.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checkpoint {
    pub from: usize,
    sums: Sums,
}

/// As [`trust_values`] at `as_of_ms`, at or after the tie's last event
/// `anchor`, walking only `rest`, the events from `checkpoint.from` on.
pub(crate) fn trust_values_from(
    k: &Kernel,
    checkpoint: &Checkpoint,
    rest: &[Event],
    store: &Store,
    anchor: i64,
    as_of_ms: i64,
) -> (f64, f64) {
    let mut s = checkpoint.sums;
    accumulate(k, rest, store, anchor, as_of_ms, &mut s, |_, _, _, _| {});
    let [a, b] = finish(k, &s, anchor, as_of_ms);
    (a.value, b.value)
}

/// Both trust values of a tie, `(A's trust in B, B's trust in A)`, from its
/// events (where a digest holds, [`Digest::values`] gives the same numbers).
pub(crate) fn trust_values(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    as_of_ms: i64,
) -> (f64, f64) {
    let [a, b] = ledgers(k, events, store, as_of_ms, |_, _, _, _| {});
    (a.value, b.value)
}

/// The ledger of `source`'s trust in the other end of `tie`.
fn ledger(k: &Kernel, events: &[Event], store: &Store, source: Side, as_of_ms: i64) -> Ledger {
    let both = ledgers(k, events, store, as_of_ms, |_, _, _, _| {});
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
pub(crate) fn trust_value(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    source: Side,
    as_of_ms: i64,
) -> f64 {
    ledger(k, events, store, source, as_of_ms).value
}

/// The explanation parts: the ledger and the interactions that moved it most.
pub(crate) fn explain(
    k: &Kernel,
    events: &[Event],
    store: &Store,
    source: Side,
    as_of_ms: i64,
) -> (Ledger, Vec<(InteractionKey, Reason, f64)>) {
    let mut raw: Vec<(InteractionKey, i64, Reason, f64)> = Vec::new();
    let both = ledgers(k, events, store, as_of_ms, |e, applies, reason, amount| {
        if applies == Side::None || applies == source {
            raw.push((e.key(), e.at, reason, amount));
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
