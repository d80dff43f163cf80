//! Every parameter of the trust model, with its default and why.

use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::words::InteractionKind;

/// The parameters of trust and recency scoring.
///
/// A network keeps its config in `meta.scoring` of its document, so it
/// survives save and load; only the fields given there differ from the
/// defaults. Durations are in days. See the [crate docs](crate#trust) for the
/// formulas.
///
/// ```
/// use samskab::{Network, ScoringConfig};
/// let mut net = Network::new();
/// let mut config = ScoringConfig::default();
/// config.half_life_days = 90.0;
/// net.set_scoring(config)?;
/// let again = Network::from_json(&net.to_json())?;
/// assert_eq!(again.scoring().half_life_days, 90.0);
/// # Ok::<(), samskab::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoringConfig {
    /// Contact evidence at which trust reaches 1 − 1/e ≈ 0.63. Default 6:
    /// about six recent, neutral one-to-one meetings, well spaced.
    /// Practitioners describe trust as built slowly over many meetings
    /// ("little comes out of it at first"), so one meeting gives about 0.15
    /// and a year of monthly meetings about 0.75.
    pub saturation: f64,
    /// Half-life of the fast memory of contact, in days. Default 180: a tie
    /// not tended for half a year has clearly cooled (N2).
    pub half_life_days: f64,
    /// Share of each contact kept by the slow memory, in [0, 1). Default 0.5:
    /// a long history is not forgotten after one quiet year. In the check on
    /// real contact data (MODEL.md) a slow memory does far better than none,
    /// and 0.5 at least as well as 0.25 at every half-life from 3 hours on.
    pub tail_share: f64,
    /// Half-life of the slow memory, in days. Default 1826 (five years).
    pub tail_half_life_days: f64,
    /// How soon after a contact another adds little new evidence, in days:
    /// a contact `gap` days after the tie's last adds `1 − 2^(−gap / spacing)`
    /// of its weight (the spacing effect: contact spread out builds more than
    /// the same contact massed). Default 7.5, a twenty-fourth of the
    /// half-life: a meeting a week after the last adds about half a meeting,
    /// one a month later nearly a whole one, and a month of daily meetings
    /// about three and a half. The check on real contact data (MODEL.md)
    /// finds, at the half-life it chose, a 48th to a 12th of the half-life
    /// alike, and all better than none. At most both half-lives, so that
    /// another contact never lowers trust; 0 turns it off.
    pub spacing_days: f64,
    /// Evidence of one neutral contact, by kind. Defaults: meeting 1,
    /// informal 1 (N1: informal contact is where trust is built), call 0.75,
    /// message 0.35, event 0.5, request 0.75, collaboration 1.5.
    pub kind_weights: KindWeights,
    /// Multiplier for a positive outcome. Default 1.5.
    pub positive_factor: f64,
    /// Evidence a negative contact removes, as a multiple of what the same
    /// contact would have added. Default 2: a conflict or broken promise
    /// costs more than a neutral contact earns (N10).
    pub negative_weight: f64,
    /// Exponent of the group discount: each pair of an n-person interaction
    /// gets (n − 1)^(−exponent) of a one-to-one contact. Default 0.5: a
    /// meeting of 5 counts half per pair, a meeting of 17 a quarter.
    pub group_exponent: f64,
    /// Reciprocity factor when the target never takes the initiative, in
    /// [0, 1]. Default 0.6. Balanced initiative gives 1.
    pub reciprocity_floor: f64,
    /// Evidence added by a request answered at once; it halves every
    /// `response_half_time_days`. Default 0.5 (N6: fast answers build trust).
    pub response_bonus: f64,
    /// Default 2 days: an answer within a working day or two is fast.
    pub response_half_time_days: f64,
    /// A request unanswered this many days after it was asked is overdue.
    /// Default 14.
    pub response_deadline_days: f64,
    /// Evidence removed by an overdue request. Default 1: silence costs as
    /// much as a meeting gives.
    pub unanswered_penalty: f64,
    /// Mutual trust (the lower of the two directions) at which a tie counts
    /// as trusted: a way in, a handover, coverage. Default 0.35, about
    /// three recent meetings a month apart both ways (three in three weeks
    /// are not yet enough).
    pub trusted_threshold: f64,
    /// Days without contact after which a tie is cooling. Default 60.
    pub cooling_after_days: f64,
    /// Days without contact after which a tie is dormant. Default 180.
    pub dormant_after_days: f64,
    /// Days without contact after which a tie is lost. Default 540.
    pub lost_after_days: f64,
    /// Change in mutual trust over a report period that counts as a tie
    /// strengthened or weakened. Default 0.05.
    pub change_threshold: f64,
}

impl Default for ScoringConfig {
    fn default() -> Self {
        ScoringConfig {
            saturation: 6.0,
            half_life_days: 180.0,
            tail_share: 0.5,
            tail_half_life_days: 1826.0,
            spacing_days: 7.5,
            kind_weights: KindWeights::default(),
            positive_factor: 1.5,
            negative_weight: 2.0,
            group_exponent: 0.5,
            reciprocity_floor: 0.6,
            response_bonus: 0.5,
            response_half_time_days: 2.0,
            response_deadline_days: 14.0,
            unanswered_penalty: 1.0,
            trusted_threshold: 0.35,
            cooling_after_days: 60.0,
            dormant_after_days: 180.0,
            lost_after_days: 540.0,
            change_threshold: 0.05,
        }
    }
}

/// Evidence of one neutral one-to-one contact, by interaction kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)]
pub struct KindWeights {
    pub meeting: f64,
    pub informal: f64,
    pub call: f64,
    pub message: f64,
    pub event: f64,
    pub request: f64,
    pub collaboration: f64,
}

impl Default for KindWeights {
    fn default() -> Self {
        KindWeights {
            meeting: 1.0,
            informal: 1.0,
            call: 0.75,
            message: 0.35,
            event: 0.5,
            request: 0.75,
            collaboration: 1.5,
        }
    }
}

impl KindWeights {
    /// The weight of a kind.
    pub fn of(&self, kind: InteractionKind) -> f64 {
        match kind {
            InteractionKind::Meeting => self.meeting,
            InteractionKind::Informal => self.informal,
            InteractionKind::Call => self.call,
            InteractionKind::Message => self.message,
            InteractionKind::Event => self.event,
            InteractionKind::Request => self.request,
            InteractionKind::Collaboration => self.collaboration,
        }
    }
}

impl ScoringConfig {
    /// Problems with the values, placed under `base` (e.g. `meta.scoring`).
    pub(crate) fn problems(&self, base: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut need = |name: &str, value: f64, ok: bool, rule: &str| {
            if !(value.is_finite() && ok) {
                out.push(Problem::new(
                    format!("{base}.{name}"),
                    format!("must be {rule}"),
                ));
            }
        };
        let positive = "a finite number above 0";
        let non_negative = "a finite number of 0 or more";
        need(
            "saturation",
            self.saturation,
            self.saturation > 0.0,
            positive,
        );
        need(
            "half_life_days",
            self.half_life_days,
            self.half_life_days > 0.0,
            positive,
        );
        need(
            "tail_share",
            self.tail_share,
            (0.0..1.0).contains(&self.tail_share),
            "at least 0 and below 1",
        );
        need(
            "tail_half_life_days",
            self.tail_half_life_days,
            self.tail_half_life_days > 0.0,
            positive,
        );
        need(
            "spacing_days",
            self.spacing_days,
            self.spacing_days >= 0.0
                && self.spacing_days <= self.half_life_days
                && self.spacing_days <= self.tail_half_life_days,
            "0 or more, and at most half_life_days and tail_half_life_days",
        );
        let k = &self.kind_weights;
        for (name, v) in [
            ("meeting", k.meeting),
            ("informal", k.informal),
            ("call", k.call),
            ("message", k.message),
            ("event", k.event),
            ("request", k.request),
            ("collaboration", k.collaboration),
        ] {
            need(&format!("kind_weights.{name}"), v, v >= 0.0, non_negative);
        }
        need(
            "positive_factor",
            self.positive_factor,
            self.positive_factor >= 0.0,
            non_negative,
        );
        need(
            "negative_weight",
            self.negative_weight,
            self.negative_weight >= 0.0,
            non_negative,
        );
        need(
            "group_exponent",
            self.group_exponent,
            self.group_exponent >= 0.0,
            non_negative,
        );
        need(
            "reciprocity_floor",
            self.reciprocity_floor,
            (0.0..=1.0).contains(&self.reciprocity_floor),
            "between 0 and 1",
        );
        need(
            "response_bonus",
            self.response_bonus,
            self.response_bonus >= 0.0,
            non_negative,
        );
        need(
            "response_half_time_days",
            self.response_half_time_days,
            self.response_half_time_days > 0.0,
            positive,
        );
        need(
            "response_deadline_days",
            self.response_deadline_days,
            self.response_deadline_days >= 0.0,
            non_negative,
        );
        need(
            "unanswered_penalty",
            self.unanswered_penalty,
            self.unanswered_penalty >= 0.0,
            non_negative,
        );
        need(
            "trusted_threshold",
            self.trusted_threshold,
            self.trusted_threshold > 0.0 && self.trusted_threshold <= 1.0,
            "above 0 and at most 1",
        );
        let ladder = self.cooling_after_days >= 0.0
            && self.dormant_after_days >= self.cooling_after_days
            && self.lost_after_days >= self.dormant_after_days;
        let rule = "0 or more, with cooling <= dormant <= lost";
        need("cooling_after_days", self.cooling_after_days, ladder, rule);
        need("dormant_after_days", self.dormant_after_days, ladder, rule);
        need("lost_after_days", self.lost_after_days, ladder, rule);
        need(
            "change_threshold",
            self.change_threshold,
            self.change_threshold >= 0.0,
            non_negative,
        );
        out
    }
}
