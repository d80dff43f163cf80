//! The properties trust must have, each with a test that fails if it breaks.

use samskab::{
    Actor, ActorKind, Interaction, InteractionKind, Moment, Network, Outcome, Reason, ScoringConfig,
};

fn day(n: i64) -> Moment {
    "2020-01-01".parse::<Moment>().unwrap().plus_days(n)
}

/// A network of actors a, b and c..z as volunteers/employees.
fn people(n: usize) -> Network {
    let mut net = Network::new();
    net.add_actor(Actor::new("a", ActorKind::Volunteer))
        .unwrap();
    net.add_actor(Actor::new("b", ActorKind::Employee)).unwrap();
    for i in 0..n {
        net.add_actor(Actor::new(format!("p{i}"), ActorKind::Citizen))
            .unwrap();
    }
    net
}

fn contact(at: i64, kind: InteractionKind, initiator: Option<&str>) -> Interaction {
    let mut x = Interaction::new(day(at), ["a", "b"], kind);
    x.initiator = initiator.map(str::to_owned);
    x
}

fn meeting(at: i64) -> Interaction {
    contact(at, InteractionKind::Meeting, None)
}

fn with(xs: impl IntoIterator<Item = Interaction>) -> Network {
    let mut net = people(20);
    for x in xs {
        net.add_interaction(x).unwrap();
    }
    net
}

fn trust(net: &Network, as_of: i64) -> f64 {
    net.trust_value("a", "b", day(as_of)).unwrap()
}

#[test]
fn only_interactions_up_to_as_of_count_and_no_clock_is_read() {
    let past = with((0..5).map(|i| meeting(i * 30)));
    let future = with(
        (0..5)
            .map(|i| meeting(i * 30))
            .chain((0..5).map(|i| meeting(200 + i))),
    );
    assert_eq!(trust(&past, 150), trust(&future, 150));
    assert!(trust(&future, 210) > trust(&past, 210));
    // Before the first contact there is nothing.
    assert_eq!(trust(&future, -1), 0.0);
    // Same question, same answer, however often it is asked.
    assert_eq!(trust(&future, 150).to_bits(), trust(&future, 150).to_bits());
    // A request answered after as_of is unanswered as of then.
    let mut req = contact(0, InteractionKind::Request, Some("a"));
    req.answered_at = Some(day(40));
    let answered_late = with([req]);
    let unanswered = with([contact(0, InteractionKind::Request, Some("a"))]);
    assert_eq!(trust(&answered_late, 30), trust(&unanswered, 30));
    assert!(trust(&answered_late, 41) > trust(&unanswered, 41));
}

#[test]
fn grows_with_repeated_contact_and_saturates() {
    // n meetings a week apart, asked the day after the last one.
    let after = |n: i64| trust(&with((0..n).map(|i| meeting(i * 7))), (n - 1) * 7 + 1);
    let gain = |n: i64| after(n) - after(n - 1);
    for n in 2..=40 {
        assert!(after(n) > after(n - 1), "the {n}th meeting adds something");
        assert!(after(n) < 1.0);
    }
    assert!(
        gain(3) > 5.0 * gain(30),
        "3rd adds {} and 30th {}",
        gain(3),
        gain(30)
    );
    // Weekly meetings add about half a meeting each (the spacing discount).
    assert!(after(40) > 0.85, "forty weeks: {}", after(40));
    assert!(after(1) < 0.3, "one meeting is not trust yet: {}", after(1));
}

#[test]
fn contact_spread_out_counts_more_than_contact_massed() {
    // Five meetings on five days against five a month apart, asked a week
    // after the last: the spread ones are older, and still count more.
    let massed = with((0..5).map(|i| meeting(120 + i)));
    let spread = with((0..5).map(|i| meeting(i * 30)));
    assert!(trust(&spread, 131) > trust(&massed, 131));
    // The same meeting twice at one instant counts once.
    let twice = with([meeting(0), meeting(0)]);
    assert_eq!(trust(&twice, 1), trust(&with([meeting(0)]), 1));
    // A second meeting a spacing after the first adds half a meeting.
    let net = with([meeting(0), meeting(8)]);
    let t = net.trust("a", "b", day(8)).unwrap();
    let half = 1.0 - (-8.0f64 / 7.5).exp2();
    assert!((t.components.contact + t.components.spacing - (1.0 + half)).abs() < 1e-9);
    assert!((t.components.spacing + 1.0 - half).abs() < 1e-9);
    // Turned off, every meeting counts whole.
    let mut off = with([meeting(0), meeting(0), meeting(1)]);
    off.set_scoring(ScoringConfig {
        spacing_days: 0.0,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(off.trust("a", "b", day(1)).unwrap().components.spacing, 0.0);
    // Longer than the half-life it would let a contact lower trust: refused.
    let refused = off.set_scoring(ScoringConfig {
        spacing_days: 200.0,
        ..Default::default()
    });
    assert!(refused.unwrap_err().to_string().contains("spacing_days"));
}

#[test]
fn older_contact_counts_less_with_a_configurable_half_life() {
    let net = with([meeting(0)]);
    let mut last = trust(&net, 0);
    for d in [30, 90, 180, 365, 730] {
        let now = trust(&net, d);
        assert!(now < last, "day {d}");
        last = now;
    }
    let mut fast = with([meeting(0)]);
    fast.set_scoring(ScoringConfig {
        half_life_days: 30.0,
        ..Default::default()
    })
    .unwrap();
    assert!(trust(&fast, 90) < trust(&net, 90));
}

#[test]
fn a_long_history_keeps_a_tail() {
    // Five years of monthly meetings, then one quiet year.
    let months = 60;
    let long = with((0..months).map(|m| meeting(m * 30)));
    let last = (months - 1) * 30;
    let after_quiet_year = trust(&long, last + 365);
    assert!(
        after_quiet_year > 0.8,
        "five years are not forgotten: {after_quiet_year}"
    );
    // One meeting followed by the same quiet year is nearly gone.
    let once = with([meeting(0)]);
    assert!(trust(&once, 365) < 0.1, "{}", trust(&once, 365));
    // Without the slow memory, the long history fades much further.
    let mut no_tail = with((0..months).map(|m| meeting(m * 30)));
    no_tail
        .set_scoring(ScoringConfig {
            tail_share: 0.0,
            ..Default::default()
        })
        .unwrap();
    assert!(trust(&no_tail, last + 3 * 365) < trust(&long, last + 3 * 365) - 0.2);
}

#[test]
fn negative_outcomes_lower_it_more_than_a_neutral_contact_raises_it() {
    for history in [3, 6, 12, 40] {
        let base: Vec<Interaction> = (0..history).map(|i| meeting(i * 14)).collect();
        let at = history * 14;
        let before = trust(&with(base.clone()), at);
        let neutral = trust(&with(base.iter().cloned().chain([meeting(at)])), at);
        let mut conflict = meeting(at);
        conflict.outcome_written = Some(Outcome::Negative);
        let negative = trust(&with(base.iter().cloned().chain([conflict])), at);
        assert!(negative < before, "history {history}");
        assert!(
            before - negative > neutral - before,
            "history {history}: lost {} gained {}",
            before - negative,
            neutral - before
        );
    }
}

#[test]
fn positive_outcomes_count_more() {
    let mut good = meeting(0);
    good.outcome_written = Some(Outcome::Positive);
    assert!(trust(&with([good]), 1) > trust(&with([meeting(0)]), 1));
}

#[test]
fn one_sided_initiative_lowers_trust_in_the_passive_side() {
    let one_sided = with((0..10).map(|i| contact(i * 14, InteractionKind::Call, Some("a"))));
    let alternating = with((0..10).map(|i| {
        contact(
            i * 14,
            InteractionKind::Call,
            Some(if i % 2 == 0 { "a" } else { "b" }),
        )
    }));
    let at = 140;
    let lower = trust(&one_sided, at);
    assert!(lower < trust(&alternating, at));
    // Trust is directional: b, always approached by a, has no such reason for doubt.
    let b_to_a = one_sided.trust_value("b", "a", day(at)).unwrap();
    assert!(b_to_a > lower);
    let explained = one_sided.trust("a", "b", day(at)).unwrap();
    assert!(explained.components.reciprocity < 0.0);
    assert!(explained.target_initiative_share < 0.2);
}

#[test]
fn fast_answers_raise_trust_and_overdue_requests_lower_it() {
    let ask = |answered: Option<i64>| {
        let mut x = contact(0, InteractionKind::Request, Some("a"));
        x.answered_at = answered.map(day);
        x
    };
    let history = || (1..6).map(|i| meeting(i * 10));
    let fast = with(history().chain([ask(Some(0))]));
    let slow = with(history().chain([ask(Some(10))]));
    let open = with(history().chain([ask(None)]));
    // Within the deadline an open request is pending, not a failure.
    assert!(trust(&fast, 10) > trust(&open, 10));
    assert!(trust(&fast, 60) > trust(&slow, 60));
    let pending = trust(&open, 10);
    let deadline = ScoringConfig::default().response_deadline_days as i64;
    let overdue_net = with([ask(None)]);
    let before_deadline = trust(&overdue_net, deadline - 1);
    let after_deadline = trust(&overdue_net, deadline + 1);
    assert!(
        after_deadline < before_deadline * 0.9,
        "{before_deadline} -> {after_deadline}"
    );
    assert!(pending > 0.0);
    let explained = overdue_net.trust("a", "b", day(deadline + 1)).unwrap();
    assert!(explained.components.responsiveness < 0.0);
    assert!(explained
        .top_interactions
        .iter()
        .any(|c| c.reason == Reason::Overdue));
    // The answer helps the asker's trust, not the answerer's.
    assert_eq!(
        fast.trust_value("b", "a", day(60)).unwrap(),
        slow.trust_value("b", "a", day(60)).unwrap()
    );
}

#[test]
fn group_interactions_count_less_per_pair_the_larger_the_group() {
    let group = |n: usize| {
        let mut names = vec!["a".to_owned(), "b".to_owned()];
        names.extend((0..n.saturating_sub(2)).map(|i| format!("p{i}")));
        Interaction::new(day(0), names, InteractionKind::Meeting)
    };
    let one_to_one = trust(&with([group(2)]), 1);
    let three = trust(&with([group(3)]), 1);
    let ten = trust(&with([group(10)]), 1);
    assert!(
        one_to_one > three && three > ten && ten > 0.0,
        "{one_to_one} {three} {ten}"
    );
    // A group interaction touches every pair of its participants.
    let net = with([group(5)]);
    assert_eq!(net.tie_count(), 10);
    assert!(net.trust_value("p0", "p2", day(1)).unwrap() > 0.0);
}

#[test]
fn explanation_adds_up_and_names_the_interactions() {
    let mut xs: Vec<Interaction> = (0..8).map(|i| meeting(i * 20)).collect();
    xs[3].outcome_written = Some(Outcome::Negative);
    xs[5].id = Some("x5".into());
    let net = with(xs);
    let t = net.trust("a", "b", day(200)).unwrap();
    let c = t.components;
    assert!(
        (c.contact + c.spacing + c.recency + c.reciprocity + c.responsiveness + c.negative
            - t.evidence)
            .abs()
            < 1e-12
    );
    assert!(c.contact > 0.0 && c.recency < 0.0 && c.negative < 0.0);
    assert!(!t.top_interactions.is_empty() && t.top_interactions.len() <= 5);
    assert_eq!(
        t.top_interactions[0].reason,
        Reason::Negative,
        "the conflict moved it most"
    );
    for w in t.top_interactions.windows(2) {
        assert!(w[0].evidence.abs() >= w[1].evidence.abs());
    }
    assert_eq!(t.value, net.trust_value("a", "b", day(200)).unwrap());
    let stats = net.tie_stats("a", "b", day(200)).unwrap();
    assert_eq!(stats.interactions, 8);
    assert_eq!(stats.negative, 1);
    assert_eq!(stats.by_kind["meeting"], 8);
    assert_eq!(stats.formal, 8);
    assert_eq!(stats.last_contact, Some(day(140)));
    assert_eq!(stats.trust_ab, t.value);
}

#[test]
fn tie_stats_count_kinds_formality_and_response_times() {
    let mut r1 = contact(0, InteractionKind::Request, Some("a"));
    r1.answered_at = Some(day(1));
    let mut r2 = contact(10, InteractionKind::Request, Some("b"));
    r2.answered_at = Some(day(13));
    let r3 = contact(20, InteractionKind::Request, Some("a"));
    let coffee = contact(30, InteractionKind::Informal, Some("b"));
    let net = with([r1, r2, r3, coffee]);
    let s = net.tie_stats("a", "b", day(60)).unwrap();
    assert_eq!(
        (s.requests, s.answered, s.unanswered, s.overdue),
        (3, 2, 1, 1)
    );
    assert_eq!(s.median_response_days, Some(2.0));
    assert_eq!((s.formal, s.informal), (3, 1));
    assert_eq!((s.initiated_by_a, s.initiated_by_b), (2, 2));
    let none = net.tie_stats("a", "p0", day(60)).unwrap();
    assert_eq!(none.interactions, 0);
    assert_eq!(net.ties(day(60)).len(), 1);
    assert_eq!(net.ties(day(-5)).len(), 0);
}

#[test]
fn unknown_and_equal_ids_are_typed_errors() {
    let net = with([meeting(0)]);
    assert_eq!(
        net.trust("a", "nobody", day(0)).unwrap_err().name(),
        "UnknownActorError"
    );
    assert_eq!(
        net.trust("nobody", "a", day(0)).unwrap_err().name(),
        "UnknownActorError"
    );
    assert_eq!(
        net.trust("a", "a", day(0)).unwrap_err().name(),
        "InvalidArgumentError"
    );
    assert_eq!(net.trust_value("a", "p3", day(0)).unwrap(), 0.0);
}

#[test]
fn extreme_instants_and_parameters_stay_in_range() {
    let net = with([meeting(0)]);
    // The ends of what the reader takes, and beyond them through the API.
    let far = |y: i32| samskab::Moment::Date(chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap());
    let ends = ["1000-01-01", "9998-12-31", "2020-01-01T00:00:00.001Z"].map(|t| t.parse().unwrap());
    for as_of in ends.into_iter().chain([far(1), far(9999)]) {
        let v = net.trust_value("a", "b", as_of).unwrap();
        assert!((0.0..=1.0).contains(&v) && v.is_finite(), "{as_of}: {v}");
    }
    let mut extreme = with((0..100).map(meeting));
    extreme
        .set_scoring(ScoringConfig {
            saturation: 1e-300,
            half_life_days: 1e-300,
            spacing_days: 1e-300,
            tail_share: 0.0,
            ..Default::default()
        })
        .unwrap();
    for as_of in [0, 50, 99, 100_000] {
        let v = trust(&extreme, as_of);
        assert!((0.0..=1.0).contains(&v) && v.is_finite());
    }
}

mod time_alone {
    use super::*;
    use proptest::prelude::*;

    fn event() -> impl Strategy<Value = (i64, usize, usize, usize, Option<i64>)> {
        (
            0i64..1500,
            0usize..7,
            0usize..3,
            0usize..3,
            prop::option::of(0i64..40),
        )
    }

    /// A tie history between a and b from generated events, and its last day
    /// (of contact or answer).
    fn history(events: Vec<(i64, usize, usize, usize, Option<i64>)>) -> (Network, i64) {
        let kinds = [
            InteractionKind::Meeting,
            InteractionKind::Informal,
            InteractionKind::Call,
            InteractionKind::Message,
            InteractionKind::Event,
            InteractionKind::Request,
            InteractionKind::Collaboration,
        ];
        let outcomes = [Outcome::Positive, Outcome::Neutral, Outcome::Negative];
        let mut last = 0;
        let mut xs = Vec::new();
        for (d, k, o, who, answer) in events {
            let kind = kinds[k];
            let initiator = match (who, kind) {
                (0, _) | (_, InteractionKind::Request) if who != 2 => Some("a"),
                (1, _) => Some("b"),
                _ => None,
            };
            let initiator = if kind == InteractionKind::Request && initiator.is_none() {
                Some("b")
            } else {
                initiator
            };
            let mut x = contact(d, kind, initiator);
            x.outcome_written = Some(outcomes[o]);
            if kind == InteractionKind::Request {
                if let Some(delay) = answer {
                    x.answered_at = Some(day(d + delay));
                    last = last.max(d + delay);
                }
            }
            last = last.max(d);
            xs.push(x);
        }
        (with(xs), last)
    }

    /// An instant `ms` milliseconds after the start of day `n`.
    fn at(n: i64, ms: i64) -> Moment {
        let t = day(n).millis() + ms;
        Moment::from(chrono::DateTime::from_timestamp_millis(t).unwrap())
    }

    /// a's and b's trust in each other as scored for the whole network.
    fn scored_both_ways(net: &Network, as_of: Moment) -> (f64, f64) {
        let table = net.trust_edges(as_of);
        let float = |name: &str| match table.column(name) {
            Some(samskab::format::Column::Float(v)) => v[0],
            _ => panic!("no column {name}"),
        };
        let first = match table.column("a") {
            Some(samskab::format::Column::Category { codes, categories }) => {
                categories[codes[0] as usize].clone()
            }
            _ => panic!("no column a"),
        };
        let (ab, ba) = (float("a_trusts_b"), float("b_trusts_a"));
        if first == "a" {
            (ab, ba)
        } else {
            (ba, ab)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Scoring every tie reads a summary of each tie's history once no
        /// answer or deadline is pending; one tie asked about alone walks its
        /// events. Both give the same bits at every instant, just before and
        /// after each contact, answer and deadline included. Up to 70
        /// events, so that long ties walk from a checkpoint after their
        /// last event (from the 32nd event on).
        #[test]
        fn scoring_every_tie_and_one_tie_agree_to_the_bit(events in prop::collection::vec(event(), 1..70), later in 0i64..60) {
            let (net, last) = history(events);
            let mut instants = vec![(last + later, 0)];
            for d in [0, 14, 15, last, last + 14, last + 15] {
                for ms in [-1, 0, 1] {
                    instants.push((d, ms));
                }
            }
            for (d, ms) in instants {
                let t = at(d, ms);
                let walked = (
                    net.trust_value("a", "b", t).unwrap(),
                    net.trust_value("b", "a", t).unwrap(),
                );
                if net.tie_stats("a", "b", t).unwrap().interactions == 0 {
                    continue;
                }
                let (ab, ba) = scored_both_ways(&net, t);
                prop_assert_eq!((ab.to_bits(), ba.to_bits()), (walked.0.to_bits(), walked.1.to_bits()), "day {} {:+} ms", d, ms);
            }
        }

        /// With no new contact (and no new answer), trust never rises as time passes.
        #[test]
        fn trust_never_rises_with_time_alone(events in prop::collection::vec(event(), 1..30), gap in 0i64..900, step in 1i64..900) {
            let (net, last) = history(events);
            let t1 = last + gap;
            for (s, t) in [("a", "b"), ("b", "a")] {
                let before = net.trust_value(s, t, day(t1)).unwrap();
                let after = net.trust_value(s, t, day(t1 + step)).unwrap();
                prop_assert!(after <= before + 1e-12, "{s}->{t}: {before} then {after}");
            }
        }
    }

    #[test]
    fn an_old_friendship_with_a_recent_quarrel_does_not_warm_up_by_itself() {
        // Three years of monthly meetings, then a quarrel, then silence.
        let mut xs: Vec<Interaction> = (0..36).map(|m| meeting(m * 30)).collect();
        let mut quarrel = meeting(36 * 30);
        quarrel.outcome_written = Some(Outcome::Negative);
        xs.push(quarrel);
        let net = with(xs);
        let mut previous = trust(&net, 36 * 30);
        for d in (36 * 30..36 * 30 + 2000).step_by(30) {
            let now = trust(&net, d);
            assert!(now <= previous + 1e-12, "day {d}: {previous} then {now}");
            previous = now;
        }
    }
}
