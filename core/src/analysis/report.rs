//! The value report (N3, N6): what the relationship work did in a period,
//! beside the period before, as data and as plain text for management.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::coverage::{coverage, CoverageStatus};
use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::model::store::Entry;
use crate::model::ScoringConfig;
use crate::model::{ActorKind, InitiativeStatus, InteractionKind, Network, Outcome, Sector};
use crate::time::{Moment, MS_PER_DAY};

/// Requests and how they were answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RequestFigures {
    /// Requests asked.
    pub asked: usize,
    /// Of those, answered by the end.
    pub answered: usize,
    /// Of those, not answered by the end.
    pub unanswered: usize,
    /// Of the unanswered, those past the response deadline.
    pub overdue: usize,
    /// Median days from request to answer, over the answered.
    pub median_response_days: Option<f64>,
}

impl RequestFigures {
    /// Figures for the requests among `interactions`, as of `end_ms`.
    pub(crate) fn of<'a>(
        interactions: impl IntoIterator<Item = Entry<'a>>,
        end_ms: i64,
        config: &ScoringConfig,
    ) -> RequestFigures {
        let mut f = RequestFigures::default();
        let mut days = Vec::new();
        for x in interactions {
            if x.kind != InteractionKind::Request {
                continue;
            }
            f.asked += 1;
            match x.answered_ms().filter(|a| *a <= end_ms) {
                Some(a) => {
                    f.answered += 1;
                    days.push((a - x.at_ms()) as f64 / MS_PER_DAY);
                }
                None => {
                    f.unanswered += 1;
                    if (end_ms - x.at_ms()) as f64 > config.response_deadline_days * MS_PER_DAY {
                        f.overdue += 1;
                    }
                }
            }
        }
        f.median_response_days = crate::scoring::median(&mut days);
        f
    }
}

/// Something an initiative delivered in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeLine {
    /// The initiative's id.
    pub initiative: String,
    /// The initiative's name.
    pub name: String,
    /// When.
    pub at: NaiveDate,
    /// What was counted.
    pub label: String,
    /// How many or how much.
    pub value: f64,
    /// The unit, if any.
    pub unit: Option<String>,
}

/// The figures of one half-open period `[start, end)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodFigures {
    /// First instant of the period.
    pub start: Moment,
    /// First instant after it.
    pub end: Moment,
    /// Interactions in the period.
    pub interactions: usize,
    /// By kind (the format's words).
    pub by_kind: BTreeMap<String, usize>,
    /// Formal interactions.
    pub formal: usize,
    /// Informal interactions: where trust is built.
    pub informal: usize,
    /// With a positive outcome.
    pub positive: usize,
    /// With a negative outcome.
    pub negative: usize,
    /// People outside the municipality met by someone from it.
    pub people_met: usize,
    /// Organisations, communities and networks outside the municipality
    /// reached: they or a member met someone from it.
    pub organisations_reached: usize,
    /// Areas of the people and groups reached, sorted.
    pub areas: Vec<String>,
    /// Pairs of actors whose first contact falls in the period.
    pub new_ties: usize,
    /// Ties whose mutual trust rose by at least the change threshold.
    pub strengthened: usize,
    /// Ties whose mutual trust fell by at least the change threshold.
    pub weakened: usize,
    /// Requests asked in the period and how they were answered by its end.
    pub requests: RequestFigures,
    /// Initiatives started in the period.
    pub initiatives_started: usize,
    /// Initiatives running at some time in the period.
    pub initiatives_active: usize,
    /// Initiatives completed in the period.
    pub initiatives_completed: usize,
    /// What initiatives delivered in the period.
    pub outcomes: Vec<OutcomeLine>,
}

/// How the communities and organisations were covered at the end.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CoverageSummary {
    /// An assigned contact with a trusted tie.
    pub covered: usize,
    /// A trusted tie, but not with the assigned contact.
    pub informal: usize,
    /// Ties, none trusted.
    pub weak: usize,
    /// No tie at all.
    pub uncovered: usize,
    /// The groups without a trusted tie into the municipality.
    pub without_trusted_tie: Vec<GroupName>,
}

/// A group's id and display name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupName {
    /// The id.
    pub id: String,
    /// The name, or the id when it has none.
    pub name: String,
}

/// The value report for a period, beside the period of the same length
/// before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The municipality's name from `meta.municipality`, if given.
    pub municipality: Option<String>,
    /// The period asked for.
    pub current: PeriodFigures,
    /// The period of the same length just before it.
    pub previous: PeriodFigures,
    /// Coverage at the end of the period.
    pub coverage: CoverageSummary,
}

/// The last instant inside a half-open period ending at `end`.
pub(crate) fn just_before(end: Moment) -> Moment {
    let t = end.utc();
    Moment::from(
        t.checked_sub_signed(chrono::Duration::milliseconds(1))
            .unwrap_or(t),
    )
}

fn figures(net: &Network, start: Moment, end: Moment) -> PeriodFigures {
    let (s, e) = (start.millis(), end.millis());
    let inside = |t: i64| t >= s && t < e;
    let config = net.scoring();
    let mine: Vec<Entry<'_>> = net.store().values().filter(|x| inside(x.at_ms())).collect();
    let mut f = PeriodFigures {
        start,
        end,
        interactions: mine.len(),
        by_kind: BTreeMap::new(),
        formal: 0,
        informal: 0,
        positive: 0,
        negative: 0,
        people_met: 0,
        organisations_reached: 0,
        areas: Vec::new(),
        new_ties: 0,
        strengthened: 0,
        weakened: 0,
        requests: RequestFigures::of(mine.iter().copied(), e - 1, config),
        initiatives_started: 0,
        initiatives_active: 0,
        initiatives_completed: 0,
        outcomes: Vec::new(),
    };
    let mut people = BTreeSet::new();
    let mut groups = BTreeSet::new();
    let mut areas = BTreeSet::new();
    for x in &mine {
        *f.by_kind.entry(x.kind.as_str().to_owned()).or_default() += 1;
        if x.formal() {
            f.formal += 1;
        } else {
            f.informal += 1;
        }
        match x.outcome() {
            Outcome::Positive => f.positive += 1,
            Outcome::Negative => f.negative += 1,
            Outcome::Neutral => {}
        }
        let actors = || x.members().filter_map(|n| net.graph().node_weight(n));
        if !actors().any(|a| a.sector() == Sector::Municipality) {
            continue;
        }
        for a in actors().filter(|a| a.sector() != Sector::Municipality) {
            if let Some(area) = &a.area {
                areas.insert(area.clone());
            }
            if a.kind.is_group() {
                groups.insert(a.id.as_str());
            } else {
                people.insert(a.id.as_str());
            }
            // The groups this participant belongs to, transitively.
            let mut stack: Vec<&str> = a.member_of.iter().map(String::as_str).collect();
            let mut seen = BTreeSet::new();
            while let Some(g) = stack.pop() {
                if !seen.insert(g) {
                    continue;
                }
                if let Some(ga) = net.actor(g) {
                    if ga.sector() != Sector::Municipality {
                        groups.insert(&ga.id);
                        if let Some(area) = &ga.area {
                            areas.insert(area.clone());
                        }
                    }
                    stack.extend(ga.member_of.iter().map(String::as_str));
                }
            }
        }
    }
    f.people_met = people.len();
    f.organisations_reached = groups
        .iter()
        .filter(|g| {
            net.actor(g).is_some_and(|a| {
                matches!(
                    a.kind,
                    ActorKind::Organisation | ActorKind::Community | ActorKind::Network
                )
            })
        })
        .count();
    f.areas = areas.into_iter().collect();

    // Ties: new, strengthened, weakened.
    let before = Snapshot::new(net, just_before(start));
    let after = Snapshot::new(net, just_before(end));
    let threshold = config.change_threshold;
    for (a, b) in net.tie_pairs() {
        let (Some(xa), Some(xb)) = (after.node(a), after.node(b)) else {
            continue;
        };
        let Some(edge) = after.graph.find_edge(xa, xb) else {
            continue;
        };
        let now = after.graph[edge].mutual();
        let then = match (before.node(a), before.node(b)) {
            (Some(ya), Some(yb)) => before
                .graph
                .find_edge(ya, yb)
                .map(|e| before.graph[e].mutual()),
            _ => None,
        };
        match then {
            None => {
                if net.first_contact_ms(a, b).is_some_and(|t| t >= s && t < e) {
                    f.new_ties += 1;
                }
                if now >= threshold {
                    f.strengthened += 1;
                }
            }
            Some(then) => {
                if now - then >= threshold {
                    f.strengthened += 1;
                } else if then - now >= threshold {
                    f.weakened += 1;
                }
            }
        }
    }

    let (sd, ed) = (start.date(), end.date());
    let mut outcomes = Vec::new();
    for ini in net.initiative_map().values() {
        let started_in = ini.started.is_some_and(|d| d >= sd && d < ed);
        if started_in {
            f.initiatives_started += 1;
        }
        let running = ini.status != InitiativeStatus::Idea
            && ini.started.is_none_or(|d| d < ed)
            && ini.ended.is_none_or(|d| d >= sd);
        if running {
            f.initiatives_active += 1;
        }
        if ini.status == InitiativeStatus::Completed && ini.ended.is_some_and(|d| d >= sd && d < ed)
        {
            f.initiatives_completed += 1;
        }
        for o in &ini.outcomes {
            if o.at >= sd && o.at < ed {
                outcomes.push(OutcomeLine {
                    initiative: ini.id.clone(),
                    name: ini.name.clone(),
                    at: o.at,
                    label: o.label.clone(),
                    value: o.value,
                    unit: o.unit.clone(),
                });
            }
        }
    }
    outcomes.sort_by(|a, b| (a.at, &a.initiative, &a.label).cmp(&(b.at, &b.initiative, &b.label)));
    f.outcomes = outcomes;
    f
}

impl Network {
    /// Milliseconds of the first contact between two actors, if any.
    fn first_contact_ms(&self, a: &str, b: &str) -> Option<i64> {
        let (x, y) = (self.node(a).ok()?, self.node(b).ok()?);
        let (events, _) = self.tie_between(x, y)?;
        events.first().map(|e| e.at)
    }

    /// The value report for the half-open period `[start, end)`, beside the
    /// period of the same length just before it: interactions by kind and
    /// formality, people and organisations met, new ties, ties strengthened
    /// and weakened, requests and response times, initiatives and their
    /// outcomes, and coverage at the end. [`Report::to_text`] writes it for
    /// a manager, in Danish or English.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let report = net.report("2025-01-01".parse()?, "2025-07-01".parse()?)?;
    /// assert_eq!(report.previous.start.to_string(), "2024-07-04"); // 181 days before
    /// println!("{}", report.to_text("da")?);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn report(&self, start: Moment, end: Moment) -> Result<Report> {
        if end <= start {
            return Err(Error::invalid("end", "must be after start"));
        }
        let length = end.utc() - start.utc();
        let previous_start = start
            .utc()
            .checked_sub_signed(length)
            .map(Moment::from)
            .ok_or_else(|| {
                Error::invalid(
                    "start",
                    "the period before it falls outside the supported dates",
                )
            })?;
        // Dates stay dates, so that the report reads as it was asked.
        let previous_start = match (start, end) {
            (Moment::Date(s), Moment::Date(_)) => s
                .checked_sub_signed(length)
                .map(Moment::Date)
                .unwrap_or(previous_start),
            _ => previous_start,
        };
        // Years before 1 cannot be written in format v1, nor read by Python.
        if previous_start.date().year() < 1 {
            return Err(Error::invalid(
                "start",
                "the period before it falls outside the supported dates",
            ));
        }
        // In time order, so that each instant's scores are made once: the previous
        // period ends where this one starts, and coverage is read at this one's end.
        let previous = figures(self, previous_start, start);
        let current = figures(self, start, end);
        let mut summary = CoverageSummary::default();
        for c in coverage(&Snapshot::new(self, just_before(end))) {
            match c.status {
                CoverageStatus::Covered => summary.covered += 1,
                CoverageStatus::Informal => summary.informal += 1,
                CoverageStatus::Weak => summary.weak += 1,
                CoverageStatus::Uncovered => summary.uncovered += 1,
            }
            if c.uncovered {
                let name = self
                    .actor(&c.group)
                    .and_then(|a| a.name.clone())
                    .unwrap_or_else(|| c.group.clone());
                summary
                    .without_trusted_tie
                    .push(GroupName { id: c.group, name });
            }
        }
        Ok(Report {
            municipality: self
                .meta()
                .get("municipality")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            current,
            previous,
            coverage: summary,
        })
    }
}
