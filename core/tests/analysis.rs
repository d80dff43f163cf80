//! Every analysis on small hand-built networks whose right answer is obvious,
//! with the edge cases: nobody left, everyone left, cycles, one-actor groups.

use samskab::{
    analysis::PathOptions, Actor, ActorKind, CoverageStatus, Dormancy, Initiative,
    InitiativeStatus, Interaction, InteractionKind, Moment, Network, Participant, Role,
};

fn day(n: i64) -> Moment {
    "2024-01-01".parse::<Moment>().unwrap().plus_days(n)
}

struct Net(Network);

impl Net {
    fn new() -> Net {
        Net(Network::new())
    }

    fn actor(&mut self, id: &str, kind: ActorKind, member_of: &[&str]) -> &mut Self {
        let mut a = Actor::new(id, kind);
        a.member_of = member_of.iter().map(|s| s.to_string()).collect();
        self.0.add_actor(a).unwrap();
        self
    }

    fn employee(&mut self, id: &str) -> &mut Self {
        self.actor(id, ActorKind::Employee, &[])
    }

    fn volunteer(&mut self, id: &str) -> &mut Self {
        self.actor(id, ActorKind::Volunteer, &[])
    }

    /// `n` weekly meetings from day `from`, initiative alternating.
    fn meet(&mut self, a: &str, b: &str, from: i64, n: i64) -> &mut Self {
        for i in 0..n {
            let mut x = Interaction::new(day(from + 7 * i), [a, b], InteractionKind::Meeting);
            x.initiator = Some(if i % 2 == 0 { a } else { b }.to_owned());
            self.0.add_interaction(x).unwrap();
        }
        self
    }

    /// A strong tie: ten weekly meetings ending on day 70.
    fn strong(&mut self, a: &str, b: &str) -> &mut Self {
        self.meet(a, b, 0, 10)
    }

    fn leaves(&mut self, id: &str, on: i64) -> &mut Self {
        let mut a = self.0.actor(id).unwrap().clone();
        a.left = Some(day(on).date());
        self.0.update_actor(a).unwrap();
        self
    }
}

const NOW: i64 = 70;

// ----- a way in -------------------------------------------------------------

#[test]
fn a_chain_of_introductions_with_its_trust() {
    let mut n = Net::new();
    n.volunteer("new")
        .volunteer("champion")
        .employee("clerk")
        .employee("boss");
    n.strong("new", "champion")
        .strong("champion", "clerk")
        .strong("clerk", "boss");
    let ways = n.0.paths("new", "boss", day(NOW), 3).unwrap();
    assert_eq!(ways.len(), 1);
    let w = &ways[0];
    assert_eq!(w.actors, ["new", "champion", "clerk", "boss"]);
    assert_eq!(w.introducer.as_deref(), Some("champion"));
    assert_eq!(w.reaches, "boss");
    let product: f64 = w.steps.iter().map(|s| s.trust).product();
    assert!((w.trust - product).abs() < 1e-12);
    for s in &w.steps {
        assert_eq!(s.trust, s.from_trusts_to.min(s.to_trusts_from));
    }
    // A direct tie needs no introducer.
    let direct = n.0.paths("new", "champion", day(NOW), 1).unwrap();
    assert_eq!(direct[0].introducer, None);
}

#[test]
fn best_chains_first_each_once_and_never_in_circles() {
    let mut n = Net::new();
    n.volunteer("a").volunteer("b").volunteer("c").employee("t");
    n.strong("a", "b").strong("b", "t"); // strong route
    n.meet("a", "c", 60, 3).meet("c", "t", 60, 3); // weaker route
    n.strong("b", "c"); // a cycle a-b-c-a
    let ways = n.0.paths("a", "t", day(NOW), 10).unwrap();
    assert!(ways.len() >= 3, "{ways:?}");
    assert_eq!(ways[0].actors, ["a", "b", "t"]);
    for w in ways.windows(2) {
        assert!(w[0].trust >= w[1].trust, "{ways:#?}");
        assert_ne!(w[0].actors, w[1].actors);
    }
    for w in &ways {
        let mut seen = w.actors.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), w.actors.len(), "no actor twice: {:?}", w.actors);
    }
    assert_eq!(n.0.paths("a", "t", day(NOW), 1).unwrap().len(), 1);
}

#[test]
fn a_group_is_reached_at_its_first_member_through_sub_units() {
    let mut n = Net::new();
    n.actor("u-job", ActorKind::Unit, &[])
        .actor("u-team", ActorKind::Unit, &["u-job"]);
    n.actor("e-far", ActorKind::Employee, &["u-job"]).actor(
        "e-near",
        ActorKind::Employee,
        &["u-team"],
    );
    n.volunteer("v").volunteer("w");
    n.strong("v", "w")
        .strong("w", "e-near")
        .strong("w", "e-far")
        .strong("e-near", "e-far");
    let ways = n.0.paths("v", "u-job", day(NOW), 5).unwrap();
    assert!(!ways.is_empty());
    for w in &ways {
        assert_eq!(
            w.actors.len(),
            3,
            "stops at the first member reached: {:?}",
            w.actors
        );
        assert!(["e-near", "e-far"].contains(&w.reaches.as_str()));
    }
}

#[test]
fn chains_avoid_people_who_have_left() {
    let mut n = Net::new();
    n.volunteer("v")
        .employee("gone")
        .employee("stay")
        .employee("t");
    n.strong("v", "gone")
        .strong("gone", "t")
        .meet("v", "stay", 50, 4)
        .meet("stay", "t", 50, 4);
    let before = n.0.paths("v", "t", day(NOW), 3).unwrap();
    assert_eq!(before[0].actors, ["v", "gone", "t"]);
    n.leaves("gone", NOW - 5);
    let after = n.0.paths("v", "t", day(NOW), 3).unwrap();
    assert!(after.iter().all(|w| !w.actors.contains(&"gone".to_owned())));
    assert_eq!(after[0].actors, ["v", "stay", "t"]);
    // Time travel: as of before the leaving date the old chain is back.
    assert_eq!(
        n.0.paths("v", "t", day(NOW - 10), 1).unwrap()[0].actors,
        ["v", "gone", "t"]
    );
    // Someone who has left has no way in, and cannot be reached.
    n.leaves("v", NOW - 1);
    assert!(n.0.paths("v", "t", day(NOW), 3).unwrap().is_empty());
    n.leaves("t", NOW - 1);
    assert!(n.0.paths("stay", "t", day(NOW), 3).unwrap().is_empty());
}

#[test]
fn limits_and_bad_arguments() {
    let mut n = Net::new();
    for id in ["a", "b", "c", "d", "e", "f"] {
        n.volunteer(id);
    }
    n.strong("a", "b")
        .strong("b", "c")
        .strong("c", "d")
        .strong("d", "e")
        .strong("e", "f");
    assert!(
        n.0.paths("a", "f", day(NOW), 3).unwrap().is_empty(),
        "5 steps > 4"
    );
    let longer = PathOptions {
        max_hops: 5,
        ..Default::default()
    };
    assert_eq!(
        n.0.paths_with("a", "f", day(NOW), &longer).unwrap().len(),
        1
    );
    let picky = PathOptions {
        min_step_trust: 0.99,
        ..Default::default()
    };
    assert!(n
        .0
        .paths_with("a", "b", day(NOW), &picky)
        .unwrap()
        .is_empty());
    assert!(
        n.0.paths("a", "b", day(-10), 3).unwrap().is_empty(),
        "before any contact"
    );
    let err = |r: samskab::Result<Vec<samskab::WayIn>>| r.unwrap_err().name();
    assert_eq!(
        err(n.0.paths("a", "b", day(NOW), 0)),
        "InvalidArgumentError"
    );
    assert_eq!(
        err(n.0.paths("a", "a", day(NOW), 1)),
        "InvalidArgumentError"
    );
    assert_eq!(err(n.0.paths("a", "zz", day(NOW), 1)), "UnknownActorError");
    let bad = PathOptions {
        min_step_trust: f64::NAN,
        ..Default::default()
    };
    assert_eq!(
        err(n.0.paths_with("a", "b", day(NOW), &bad)),
        "InvalidArgumentError"
    );
}

// ----- key people -------------------------------------------------------------

#[test]
fn the_only_bridge_is_a_key_person_and_redundancy_removes_the_risk() {
    let mut n = Net::new();
    n.actor("o-club", ActorKind::Organisation, &[]);
    n.actor("v1", ActorKind::Volunteer, &["o-club"])
        .actor("v2", ActorKind::Volunteer, &["o-club"]);
    n.employee("e1").employee("e2");
    n.strong("v2", "v1").strong("v1", "e1").strong("e1", "e2");
    let risk = n.0.key_people(day(NOW));
    let by = |id: &str| risk.iter().find(|k| k.actor == id).cloned();
    let e1 = by("e1").expect("e1 is the only way in");
    assert_eq!(e1.orphans, ["v1", "v2"]);
    assert_eq!(e1.orphaned_groups, ["o-club"]);
    assert_eq!(e1.handover[0].actor, "v1");
    assert!(e1.handover[0].carries_orphans);
    let v1 = by("v1").expect("v1 carries v2");
    assert_eq!(v1.orphans, ["v2"]);
    assert_eq!(
        v1.orphaned_groups,
        ["o-club"],
        "its only other member is cut off"
    );
    assert!(
        by("e2").is_none(),
        "e1 stays, so e2 leaving costs no one their way in"
    );
    assert!(by("v2").is_none());
    assert_eq!(risk[0].actor, "e1", "most lost first");

    // A second trusted tie into the municipality removes the risk.
    n.strong("v1", "e2");
    let risk = n.0.key_people(day(NOW));
    assert!(risk.iter().all(|k| k.actor != "e1"));
}

#[test]
fn key_people_edge_cases() {
    // Nobody in the municipality: nobody has a way in to lose.
    let mut n = Net::new();
    n.volunteer("a").volunteer("b").volunteer("c");
    n.strong("a", "b").strong("b", "c");
    assert!(n.0.key_people(day(NOW)).is_empty());
    // Everyone has left.
    let mut n = Net::new();
    n.volunteer("a").employee("e");
    n.strong("a", "e");
    assert_eq!(n.0.key_people(day(NOW)).len(), 1);
    n.leaves("a", 10).leaves("e", 10);
    assert!(n.0.key_people(day(NOW)).is_empty());
    assert!(n.0.neglected(day(NOW)).is_empty());
    assert!(n.0.brokers(day(NOW)).is_empty());
    // An empty network.
    let empty = Network::new();
    assert!(empty.key_people(day(0)).is_empty());
    assert!(empty.coverage(day(0)).is_empty());
    assert!(empty.cross_unit(day(0)).units.is_empty());
}

#[test]
fn a_municipal_key_person_with_a_one_member_group() {
    let mut n = Net::new();
    n.actor("c-village", ActorKind::Community, &[]).actor(
        "o-solo",
        ActorKind::Organisation,
        &["c-village"],
    );
    n.actor("v-solo", ActorKind::Volunteer, &["o-solo"])
        .employee("e");
    n.strong("v-solo", "e");
    let risk = n.0.key_people(day(NOW));
    assert_eq!(risk.len(), 2);
    assert_eq!(risk[0].actor, "e");
    assert_eq!(risk[0].orphans, ["v-solo"]);
    assert_eq!(risk[0].orphaned_groups, ["c-village", "o-solo"]);
    // The group's only member is its only way in: its leaving orphans the group.
    assert_eq!(risk[1].actor, "v-solo");
    assert!(risk[1].orphans.is_empty());
    assert_eq!(risk[1].orphaned_groups, ["c-village", "o-solo"]);
}

// ----- ties going cold ----------------------------------------------------------

#[test]
fn a_strong_tie_walks_down_the_dormancy_ladder_and_contact_resets_it() {
    let mut n = Net::new();
    n.volunteer("v")
        .employee("e")
        .volunteer("weak")
        .employee("e2");
    n.strong("v", "e").meet("weak", "e2", 63, 1);
    let last = 63; // the tenth weekly meeting
    let state_at = |net: &Network, d: i64| {
        net.neglected(day(d))
            .into_iter()
            .find(|c| c.b == "v")
            .map(|c| c.state)
    };
    assert_eq!(
        state_at(&n.0, last + 30),
        None,
        "active ties are not listed"
    );
    assert_eq!(state_at(&n.0, last + 61), Some(Dormancy::Cooling));
    assert_eq!(state_at(&n.0, last + 181), Some(Dormancy::Dormant));
    assert_eq!(state_at(&n.0, last + 541), Some(Dormancy::Lost));
    let cold = n.0.neglected(day(last + 181));
    let c = cold.iter().find(|c| c.b == "v").unwrap();
    assert_eq!(c.reach_out, "e", "the municipality tends the tie");
    assert!(c.peak_trust > c.trust_now);
    assert_eq!(c.at_stake, ["v"], "v's only way in");
    assert_eq!(c.days_since_contact, 181);
    assert!(
        cold.iter().all(|c| c.a != "e2"),
        "a tie that was never strong is not listed"
    );
    n.meet("v", "e", last + 180, 1);
    assert_eq!(
        state_at(&n.0, last + 181),
        None,
        "one contact makes it active again"
    );
}

#[test]
fn what_is_at_stake_ranks_first() {
    let mut n = Net::new();
    n.volunteer("lonely")
        .employee("e")
        .volunteer("v1")
        .volunteer("v2")
        .employee("e2");
    n.strong("lonely", "e");
    // v1 and v2 both go quiet with e2, but each has another way in.
    n.meet("v1", "e2", 0, 20)
        .meet("v2", "e2", 0, 20)
        .strong("v1", "v2");
    n.meet("v1", "e", 100, 20).meet("v2", "e", 100, 20);
    let cold = n.0.neglected(day(300));
    assert!(cold.len() >= 2, "{cold:?}");
    assert_eq!((cold[0].a.as_str(), cold[0].b.as_str()), ("e", "lonely"));
    assert_eq!(cold[0].at_stake, ["lonely"]);
    assert!(cold[1..].iter().all(|c| c.at_stake.is_empty()));
}

// ----- coverage ---------------------------------------------------------------------

#[test]
fn coverage_by_assigned_contact_by_someone_else_or_not_at_all() {
    let mut n = Net::new();
    for g in ["o-covered", "o-informal", "o-weak", "o-none"] {
        n.actor(g, ActorKind::Organisation, &[]);
    }
    n.actor("v1", ActorKind::Volunteer, &["o-covered"]);
    n.actor("v2", ActorKind::Volunteer, &["o-informal"]);
    n.actor("v3", ActorKind::Volunteer, &["o-weak"]);
    n.actor("v4", ActorKind::Volunteer, &["o-none"]);
    n.employee("contact").employee("other");
    let mut c = n.0.actor("contact").unwrap().clone();
    c.contact_for = ["o-covered", "o-informal", "o-weak", "o-none"]
        .map(String::from)
        .to_vec();
    n.0.update_actor(c).unwrap();
    n.strong("v1", "contact")
        .strong("v2", "other")
        .meet("v3", "contact", 60, 1);
    let cov = n.0.coverage(day(NOW));
    let status = |g: &str| cov.iter().find(|c| c.group == g).unwrap().status;
    assert_eq!(status("o-covered"), CoverageStatus::Covered);
    assert_eq!(status("o-informal"), CoverageStatus::Informal);
    assert_eq!(status("o-weak"), CoverageStatus::Weak);
    assert_eq!(status("o-none"), CoverageStatus::Uncovered);
    assert_eq!(cov[0].group, "o-none", "least covered first");
    let informal = cov.iter().find(|c| c.group == "o-informal").unwrap();
    assert!(!informal.uncovered);
    assert_eq!(informal.best_tie.as_ref().unwrap().municipal, "other");
    let covered = cov.iter().find(|c| c.group == "o-covered").unwrap();
    assert_eq!(covered.contacts[0].with.as_deref(), Some("v1"));
    assert_eq!(covered.members, 1);
    // The contact person leaves: the assignment no longer covers anyone.
    n.leaves("contact", NOW - 1);
    let cov = n.0.coverage(day(NOW));
    let covered = cov.iter().find(|c| c.group == "o-covered").unwrap();
    assert_eq!(covered.status, CoverageStatus::Uncovered);
    assert!(!covered.contacts[0].present);
}

// ----- brokers ------------------------------------------------------------------------

#[test]
fn the_middle_of_a_chain_is_the_broker_and_bridges_sectors() {
    let mut n = Net::new();
    n.volunteer("v")
        .employee("e")
        .actor("b", ActorKind::Business, &[]);
    n.strong("v", "e").strong("e", "b");
    let brokers = n.0.brokers(day(NOW));
    assert_eq!(brokers[0].actor, "e");
    assert_eq!(brokers[0].betweenness, 1.0);
    assert_eq!(brokers[0].normalized, 1.0);
    let sectors: Vec<_> = brokers[0]
        .bridging_ties
        .iter()
        .map(|t| t.other.as_str())
        .collect();
    assert_eq!(sectors.len(), 2, "{sectors:?}");
    assert!(brokers.iter().find(|b| b.actor == "v").unwrap().betweenness == 0.0);
}

#[test]
fn stronger_ties_are_shorter_routes() {
    let mut n = Net::new();
    for id in ["s", "t", "strong", "weak"] {
        n.volunteer(id);
    }
    n.meet("s", "strong", 0, 10).meet("strong", "t", 0, 10);
    n.meet("s", "weak", 60, 2).meet("weak", "t", 60, 2);
    let brokers = n.0.brokers(day(NOW));
    let b = |id: &str| {
        brokers
            .iter()
            .find(|x| x.actor == id)
            .map(|x| x.betweenness)
            .unwrap_or(0.0)
    };
    assert!(b("strong") > b("weak"), "{brokers:?}");
}

// ----- the internal view ------------------------------------------------------------------

#[test]
fn units_in_a_cycle_of_trust_and_a_silo() {
    let mut n = Net::new();
    for u in ["u-a", "u-b", "u-c", "u-silo"] {
        n.actor(u, ActorKind::Unit, &[]);
    }
    for (e, u) in [
        ("a1", "u-a"),
        ("a2", "u-a"),
        ("b1", "u-b"),
        ("c1", "u-c"),
        ("s1", "u-silo"),
        ("s2", "u-silo"),
    ] {
        n.actor(e, ActorKind::Employee, &[u]);
    }
    n.strong("a1", "a2")
        .strong("a1", "b1")
        .strong("b1", "c1")
        .strong("s1", "s2");
    n.meet("c1", "a2", 200, 10); // closes the cycle later
    let before = n.0.cross_unit_between(day(NOW), day(NOW));
    let view = n.0.cross_unit_between(day(NOW), day(270));
    let unit =
        |v: &samskab::CrossUnit, u: &str| v.units.iter().find(|x| x.unit == u).unwrap().clone();
    assert!(unit(&view, "u-silo").silo);
    assert_eq!(unit(&view, "u-silo").internal_ties, 1);
    assert!(!unit(&view, "u-a").silo);
    assert_eq!(view.links.len(), 3, "{:?}", view.links);
    let ca = view
        .links
        .iter()
        .find(|l| l.a == "u-a" && l.b == "u-c")
        .unwrap();
    assert_eq!((ca.trusted_ties, ca.trusted_ties_before), (1, 0));
    assert_eq!(before.links.len(), 2);
    // The silo is its own community of trust.
    assert!(view.communities.iter().any(|c| c.members == ["s1", "s2"]));
    assert!(view.agreement > 0.0 && view.agreement <= 1.0);
}

// ----- initiatives ------------------------------------------------------------------------

#[test]
fn an_initiative_resting_on_one_person() {
    let mut n = Net::new();
    n.actor("o-club", ActorKind::Organisation, &[]);
    n.actor("v-lead", ActorKind::Volunteer, &["o-club"]).actor(
        "v-member",
        ActorKind::Volunteer,
        &["o-club"],
    );
    n.employee("e");
    n.strong("v-lead", "e").strong("v-lead", "v-member");
    let mut ini = Initiative::new("ini", "Homework café", InitiativeStatus::Active);
    ini.participants = vec![
        Participant {
            actor: "o-club".into(),
            role: Role::Lead,
        },
        Participant {
            actor: "e".into(),
            role: Role::Partner,
        },
    ];
    n.0.add_initiative(ini).unwrap();
    let mut ask = Interaction::new(day(20), ["v-member", "e"], InteractionKind::Request);
    ask.initiator = Some("v-member".into());
    ask.answered_at = Some(day(22));
    ask.initiative = Some("ini".into());
    n.0.add_interaction(ask).unwrap();
    let h = n.0.initiative_health("ini", day(NOW)).unwrap();
    assert_eq!(h.people, ["e", "v-lead", "v-member"]);
    assert_eq!(h.holders, ["v-lead"]);
    assert_eq!(h.rests_on.as_deref(), Some("v-lead"));
    assert!(h.connected);
    assert_eq!(h.pairs, 3);
    assert_eq!(h.trusted_pairs, 2);
    assert_eq!((h.requests.asked, h.requests.answered), (1, 1));
    assert_eq!(h.requests.median_response_days, Some(2.0));
    assert_eq!(h.interactions, 1);
    assert_eq!(
        n.0.initiative_health("nope", day(NOW)).unwrap_err().name(),
        "UnknownInitiativeError"
    );
}

// ----- the value report ------------------------------------------------------------------

#[test]
fn the_report_counts_the_period_and_the_one_before() {
    let mut n = Net::new();
    n.actor("o", ActorKind::Organisation, &[]);
    n.actor("v", ActorKind::Volunteer, &["o"])
        .employee("e")
        .volunteer("w");
    n.meet("v", "e", 0, 4); // days 0..21: previous period
    n.meet("v", "e", 40, 3).meet("w", "e", 40, 1); // days 40..54: this period
    let mut coffee = Interaction::new(day(45), ["w", "e"], InteractionKind::Informal);
    coffee.initiator = Some("w".into());
    n.0.add_interaction(coffee).unwrap();
    let mut answered = Interaction::new(day(41), ["v", "e"], InteractionKind::Request);
    answered.initiator = Some("v".into());
    answered.answered_at = Some(day(42));
    n.0.add_interaction(answered).unwrap();
    let mut open = Interaction::new(day(44), ["w", "e"], InteractionKind::Request);
    open.initiator = Some("w".into());
    n.0.add_interaction(open).unwrap();
    let mut ini = Initiative::new("i", "Jobs", InitiativeStatus::Completed);
    ini.started = Some(day(35).date());
    ini.ended = Some(day(60).date());
    ini.outcomes = vec![samskab::Delivered {
        at: day(60).date(),
        label: "in work".into(),
        value: 6.0,
        unit: None,
    }];
    n.0.add_initiative(ini).unwrap();

    let r = n.0.report(day(35), day(70)).unwrap();
    let c = &r.current;
    assert_eq!(c.interactions, 7);
    assert_eq!((c.formal, c.informal), (6, 1));
    assert_eq!(c.by_kind["request"], 2);
    assert_eq!(c.people_met, 2);
    assert_eq!(c.organisations_reached, 1);
    assert_eq!(c.new_ties, 1, "w and e met for the first time");
    assert_eq!(
        (
            c.requests.asked,
            c.requests.answered,
            c.requests.unanswered,
            c.requests.overdue
        ),
        (2, 1, 1, 1)
    );
    assert_eq!(c.requests.median_response_days, Some(1.0));
    assert_eq!(
        (
            c.initiatives_started,
            c.initiatives_active,
            c.initiatives_completed
        ),
        (1, 1, 1)
    );
    assert_eq!(c.outcomes.len(), 1);
    assert_eq!(r.previous.start, day(0));
    assert_eq!(r.previous.interactions, 4);
    assert_eq!(r.previous.new_ties, 1);
    assert!(c.strengthened >= 1);
    let da = r.to_text("da").unwrap();
    let en = r.to_text("en").unwrap();
    assert!(
        da.contains("7 kontakter i alt (forrige periode 4, +75 %)"),
        "{da}"
    );
    assert!(
        en.contains("7 contacts in all (previous period 4, +75 %)"),
        "{en}"
    );
    assert!(da.contains("Jobs — in work: 6"), "{da}");
    assert_eq!(r.to_text("de").unwrap_err().name(), "InvalidArgumentError");
    assert_eq!(
        n.0.report(day(10), day(10)).unwrap_err().name(),
        "InvalidArgumentError"
    );
    assert_eq!(
        n.0.report(day(10), day(5)).unwrap_err().name(),
        "InvalidArgumentError"
    );
    // The period before would begin before year 1 (found by hypothesis from Python).
    let (early, late) = ("1012-01-01".parse().unwrap(), "2024-01-01".parse().unwrap());
    assert_eq!(
        n.0.report(early, late).unwrap_err().name(),
        "InvalidArgumentError"
    );
}
