//! Analyses against brute force on small generated networks: the clever
//! algorithms must give what exhaustive search gives.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use samskab::{
    Actor, ActorKind, Interaction, InteractionKind, Moment, Network, PathOptions, Sector,
};

fn day(n: i64) -> Moment {
    "2024-01-01".parse::<Moment>().unwrap().plus_days(n)
}

const AS_OF: i64 = 400;

#[derive(Debug, Clone)]
struct Spec {
    kinds: Vec<ActorKind>,
    member_of: Vec<Option<usize>>,
    left: Vec<bool>,
    meetings: Vec<(usize, usize, u8)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (3usize..9).prop_flat_map(|n| {
        let kinds = prop::collection::vec(
            prop::sample::select(vec![
                ActorKind::Employee,
                ActorKind::Employee,
                ActorKind::Volunteer,
                ActorKind::Volunteer,
                ActorKind::Business,
                ActorKind::Organisation,
            ]),
            n,
        );
        let member_of = prop::collection::vec(prop::option::of(0..n), n);
        let left = prop::collection::vec(prop::bool::weighted(0.15), n);
        let meetings = prop::collection::vec((0..n, 0..n, 4u8..14), n..3 * n);
        (kinds, member_of, left, meetings).prop_map(|(kinds, member_of, left, meetings)| Spec {
            kinds,
            member_of,
            left,
            meetings,
        })
    })
}

fn build(s: &Spec) -> Network {
    let mut net = Network::new();
    let id = |i: usize| format!("a{i}");
    for (i, kind) in s.kinds.iter().enumerate() {
        let mut a = Actor::new(id(i), *kind);
        // Membership only in earlier groups, so there is no cycle.
        if let Some(g) = s.member_of[i].filter(|&g| g < i && s.kinds[g] == ActorKind::Organisation)
        {
            a.member_of.push(id(g));
        }
        if s.left[i] {
            a.left = Some(day(AS_OF - 30).date());
        }
        net.add_actor(a).unwrap();
    }
    for &(a, b, n) in &s.meetings {
        if a == b {
            continue;
        }
        for k in 0..i64::from(n) {
            let mut x = Interaction::new(
                day(AS_OF - 200 + 11 * k),
                [id(a), id(b)],
                InteractionKind::Meeting,
            );
            x.initiator = Some(id(if k % 2 == 0 { a } else { b }));
            net.add_interaction(x).unwrap();
        }
    }
    net
}

/// Mutual trust between present actors, computed through the public API.
fn mutual(net: &Network) -> BTreeMap<(String, String), f64> {
    let as_of = day(AS_OF);
    let present = |id: &str| !net.actor(id).unwrap().has_left_by(as_of.date());
    let mut m = BTreeMap::new();
    for (a, b) in net.tie_pairs() {
        if !(present(a) && present(b)) {
            continue;
        }
        let t = net
            .trust_value(a, b, as_of)
            .unwrap()
            .min(net.trust_value(b, a, as_of).unwrap());
        m.insert((a.to_owned(), b.to_owned()), t);
        m.insert((b.to_owned(), a.to_owned()), t);
    }
    m
}

/// Actors outside the municipality with a way in, without `removed`.
fn with_way_in(
    net: &Network,
    trust: &BTreeMap<(String, String), f64>,
    removed: Option<&str>,
) -> BTreeSet<String> {
    let threshold = net.scoring().trusted_threshold;
    let as_of = day(AS_OF);
    let alive: Vec<&Actor> = net
        .actors()
        .into_iter()
        .filter(|a| !a.has_left_by(as_of.date()) && Some(a.id.as_str()) != removed)
        .collect();
    let municipal = |a: &Actor| a.sector() == Sector::Municipality;
    let mut out = BTreeSet::new();
    for start in alive.iter().filter(|a| !municipal(a)) {
        let mut seen = BTreeSet::from([start.id.clone()]);
        let mut stack = vec![start.id.clone()];
        let mut found = false;
        while let Some(v) = stack.pop() {
            for w in &alive {
                let t = trust
                    .get(&(v.clone(), w.id.clone()))
                    .copied()
                    .unwrap_or(0.0);
                if t >= threshold && seen.insert(w.id.clone()) {
                    found |= municipal(w);
                    stack.push(w.id.clone());
                }
            }
        }
        if found {
            out.insert(start.id.clone());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn key_people_match_removing_each_actor_in_turn(s in spec()) {
        let net = build(&s);
        let trust = mutual(&net);
        let before = with_way_in(&net, &trust, None);
        let found = net.key_people(day(AS_OF));
        let as_of = day(AS_OF);
        for x in net.actors() {
            if x.has_left_by(as_of.date()) {
                continue;
            }
            let after = with_way_in(&net, &trust, Some(&x.id));
            let expected: Vec<String> = before
                .iter()
                .filter(|a| **a != x.id && !after.contains(*a))
                .filter(|a| !net.actor(a).unwrap().kind.is_group())
                .cloned()
                .collect();
            let got = found.iter().find(|k| k.actor == x.id).map(|k| k.orphans.clone()).unwrap_or_default();
            prop_assert_eq!(got, expected, "orphans of {}", x.id);
        }
    }

    #[test]
    fn paths_match_exhaustive_search(
        s in spec(),
        src in 0usize..9,
        dst in 0usize..9,
        unlimited: bool,
        one: bool,
    ) {
        let net = build(&s);
        let n = s.kinds.len();
        let (src, dst) = (format!("a{}", src % n), format!("a{}", dst % n));
        prop_assume!(src != dst && !net.actor(&dst).unwrap().kind.is_group());
        let trust = mutual(&net);
        // Every simple path of at most 4 steps with every step at least 0.1
        // (the defaults), or of any length with any trust above 0: past 8
        // steps the search bounds with one Dijkstra instead of layers.
        // With k = 1 and no limit the chain comes from a search from both ends.
        let k = if one { 1 } else { 3 };
        let options = if unlimited {
            PathOptions { k, max_hops: 20, min_step_trust: 0.0 }
        } else {
            PathOptions::default()
        };
        let mut all: Vec<(f64, Vec<String>)> = Vec::new();
        let mut stack = vec![(vec![src.clone()], 1.0f64)];
        while let Some((path, t)) = stack.pop() {
            let last = path.last().unwrap().clone();
            if last == dst {
                all.push((t, path));
                continue;
            }
            if path.len() > options.max_hops {
                continue;
            }
            for ((a, b), w) in &trust {
                if *a == last && *w > 0.0 && *w >= options.min_step_trust && !path.contains(b) {
                    let mut p = path.clone();
                    p.push(b.clone());
                    stack.push((p, t * w));
                }
            }
        }
        all.sort_by(|x, y| y.0.total_cmp(&x.0));
        let got = net.paths_with(&src, &dst, day(AS_OF), &options).unwrap();
        prop_assert_eq!(got.len(), all.len().min(options.k));
        for (g, e) in got.iter().zip(&all) {
            prop_assert!((g.trust - e.0).abs() < 1e-12, "{} vs {}", g.trust, e.0);
            let product: f64 = g.steps.iter().map(|s| s.trust).product();
            prop_assert!((g.trust - product).abs() < 1e-12);
        }
    }
}
