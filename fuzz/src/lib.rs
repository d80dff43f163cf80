//! The bodies of samskab's fuzz targets. Each takes raw bytes and must never
//! panic; where it finds a network it also checks that the network holds
//! together. `tests/replay.rs` runs every saved crash through them.

use arbitrary::{Arbitrary, Unstructured};
use samskab::{Actor, ActorKind, Interaction, InteractionKind, Moment, Network, Outcome};

/// Every analysis of `net` at `as_of`, as one text to compare.
fn answers(net: &Network, as_of: Moment) -> String {
    let mut all = vec![
        serde_json::to_value(net.ties(as_of)).unwrap_or_default(),
        serde_json::to_value(net.key_people(as_of)).unwrap_or_default(),
        serde_json::to_value(net.neglected(as_of)).unwrap_or_default(),
        serde_json::to_value(net.coverage(as_of)).unwrap_or_default(),
        serde_json::to_value(net.brokers(as_of)).unwrap_or_default(),
        serde_json::to_value(net.cross_unit(as_of)).unwrap_or_default(),
        net.to_cytoscape(as_of),
    ];
    let pairs = net.tie_pairs();
    for (a, b) in pairs.iter().take(8) {
        all.push(serde_json::to_value(net.paths(a, b, as_of, 2).ok()).unwrap_or_default());
    }
    for ini in net.initiatives() {
        let health = net.initiative_health(&ini.id, as_of).ok();
        all.push(serde_json::to_value(health).unwrap_or_default());
    }
    serde_json::Value::Array(all).to_string()
}

/// Checks that hold for every network, whatever built it.
fn holds_together(net: &Network) {
    let text = net.to_json();
    let again = Network::from_json(&text).expect("a written document reads back");
    assert_eq!(again.to_json(), text, "writing is a fixed point");
    for when in ["2000-01-01", "2024-06-01", "2100-01-01"] {
        let as_of: Moment = when.parse().expect("a date");
        for (a, b) in net.tie_pairs().into_iter().take(50) {
            let t = net.trust(a, b, as_of).expect("known actors");
            assert!(t.value.is_finite() && (0.0..=1.0).contains(&t.value));
            // A network changed step by step scores as one read afresh: no
            // stale tie index or decay factors survive a change.
            let fresh = again.trust_value(a, b, as_of).expect("known actors");
            assert_eq!(t.value.to_bits(), fresh.to_bits(), "{a} {b} {when}");
        }
        assert_eq!(net.tie_pairs(), again.tie_pairs());
        // Every analysis answers as on the network read afresh: nothing
        // derived before a change survives it.
        assert!(answers(net, as_of) == answers(&again, as_of), "{when}");
    }
}

/// Any bytes as a format v1 document.
pub fn json_loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(net) = Network::from_json(text) {
        holds_together(&net);
    }
}

/// Any bytes as the three files of the spreadsheet form.
pub fn csv_importer(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{0}');
    let actors = parts.next().unwrap_or("");
    let interactions = parts.next();
    let initiatives = parts.next();
    if let Ok(net) = Network::from_csv_texts(actors, interactions, initiatives) {
        holds_together(&net);
        if let Ok(files) = net.to_csv_texts() {
            let back = Network::from_csv_texts(
                &files.actors,
                Some(&files.interactions),
                Some(&files.initiatives),
            )
            .expect("a written spreadsheet reads back");
            assert_eq!(back.to_json(), net.to_json());
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Op {
    AddActor {
        id: u8,
        kind: u8,
        member_of: Option<u8>,
        left: Option<u16>,
    },
    AddInteraction {
        day: u16,
        people: Vec<u8>,
        kind: u8,
        outcome: u8,
        initiator: Option<u8>,
        answered: Option<u16>,
    },
    RemoveInteraction {
        index: u8,
    },
    RemoveActor {
        id: u8,
    },
    Erase {
        id: u8,
    },
    PurgeBefore {
        day: u16,
    },
    Paths {
        from: u8,
        to: u8,
        day: u16,
        k: u8,
    },
    Report {
        start: u16,
        length: u16,
    },
    Pseudonymise,
    RoundTrip,
}

fn id(n: u8) -> String {
    format!("a{}", n % 24)
}

fn day(n: u16) -> Moment {
    "2020-01-01"
        .parse::<Moment>()
        .map(|m| m.plus_days(i64::from(n % 3000)))
        .unwrap_or(Moment::Date(Default::default()))
}

/// A sequence of operations on a growing network.
pub fn operations(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(ops) = Vec::<Op>::arbitrary(&mut u) else {
        return;
    };
    let mut net = Network::new();
    let kinds = ActorKind::ALL;
    let xkinds = InteractionKind::ALL;
    for op in ops.into_iter().take(200) {
        match op {
            Op::AddActor {
                id: i,
                kind,
                member_of,
                left,
            } => {
                let mut a = Actor::new(id(i), kinds[kind as usize % kinds.len()]);
                a.member_of = member_of.map(id).into_iter().collect();
                a.left = left.map(|d| day(d).date());
                let _ = net.add_actor(a);
            }
            Op::AddInteraction {
                day: d,
                people,
                kind,
                outcome,
                initiator,
                answered,
            } => {
                let mut x = Interaction::new(
                    day(d),
                    people.iter().take(8).map(|p| id(*p)),
                    xkinds[kind as usize % xkinds.len()],
                );
                x.outcome_written = Some(Outcome::ALL[outcome as usize % 3]);
                x.initiator = initiator.map(id);
                x.answered_at = answered.map(|a| day(d.saturating_add(a % 60)));
                let _ = net.add_interaction(x);
            }
            Op::RemoveInteraction { index } => {
                let keys: Vec<_> = net.interactions().map(|(k, _)| k).collect();
                if let Some(&key) = keys.get(index as usize % keys.len().max(1)) {
                    net.remove_interaction(key).expect("a listed interaction");
                }
            }
            Op::RemoveActor { id: i } => {
                let _ = net.remove_actor(&id(i));
            }
            Op::Erase { id: i } => {
                let who = id(i);
                if net.erase(&who).is_ok() {
                    assert!(
                        !net.to_json().contains(&format!("{who:?}")),
                        "erased id survives"
                    );
                }
            }
            Op::PurgeBefore { day: d } => {
                net.purge_before(day(d).date());
            }
            Op::Paths {
                from,
                to,
                day: d,
                k,
            } => {
                let _ = net.paths(&id(from), &id(to), day(d), usize::from(k % 5));
            }
            Op::Report { start, length } => {
                // Every analysis too, so that whatever is kept between
                // questions is filled before the next change. (A new Op
                // variant would change how saved crashes decode.)
                let _ = answers(&net, day(start));
                if let Ok(r) = net.report(day(start), day(start).plus_days(i64::from(length % 400)))
                {
                    let _ = r.to_text("da");
                }
            }
            Op::Pseudonymise => {
                let copy = net
                    .pseudonymised(b"fuzzing key of some length")
                    .expect("a long key");
                assert_eq!(copy.actor_count(), net.actor_count());
            }
            Op::RoundTrip => holds_together(&net),
        }
    }
    holds_together(&net);
}
