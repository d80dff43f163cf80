//! GDPR erasure (N11): afterwards no output of the library carries the
//! actor's id, name, contact values or the notes of its interactions.

use samskab::{Actor, ActorKind, Interaction, InteractionKind, Moment, Network};

fn egebaek() -> Network {
    Network::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/egebaek.json"
    ))
    .unwrap()
}

/// Every output of the library for a network, as text.
fn everything(net: &Network) -> Vec<String> {
    let mut out = vec![net.to_json()];
    let json = |v: &dyn erased::Ser| v.json();
    for when in ["2023-06-01", "2024-06-01", "2025-11-01"] {
        let as_of: Moment = when.parse().unwrap();
        out.push(json(&net.ties(as_of)));
        for (a, b) in net.tie_pairs() {
            out.push(json(&net.trust(a, b, as_of).unwrap()));
            out.push(json(&net.trust(b, a, as_of).unwrap()));
        }
        out.push(json(&net.key_people(as_of)));
        out.push(json(&net.neglected(as_of)));
        out.push(json(&net.coverage(as_of)));
        out.push(json(&net.brokers(as_of)));
        out.push(json(&net.cross_unit(as_of)));
        for ini in net.initiatives() {
            out.push(json(&net.initiative_health(&ini.id, as_of).unwrap()));
        }
        let actors: Vec<String> = net.actors().iter().map(|a| a.id.clone()).collect();
        for target in ["u-job", "u-kommune", "c-solbjerg", "o-beboer"] {
            if net.actor(target).is_none() {
                continue;
            }
            for source in &actors {
                if source != target {
                    out.push(json(&net.paths(source, target, as_of, 3).unwrap()));
                }
            }
        }
    }
    let report = net
        .report("2025-01-01".parse().unwrap(), "2025-07-01".parse().unwrap())
        .unwrap();
    out.push(json(&report));
    out.push(report.to_text("da").unwrap());
    out.push(report.to_text("en").unwrap());
    out
}

/// Serialize any result to JSON without naming its type.
mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

#[test]
fn erasure_leaves_no_trace_in_any_output() {
    let mut net = egebaek();
    let grethe = net.actor("v-grethe").unwrap().clone();
    let name = grethe.name.clone().unwrap();
    let phone = grethe
        .contact
        .as_ref()
        .and_then(|c| c.phone.clone())
        .unwrap();
    let notes: Vec<String> = net
        .interactions()
        .filter(|(_, x)| x.participants.contains(&grethe.id))
        .filter_map(|(_, x)| x.note.clone())
        .collect();
    assert!(
        !notes.is_empty(),
        "the example gives her interactions notes"
    );
    let before = everything(&net);
    assert!(before.iter().any(|t| t.contains("v-grethe")));
    assert!(before.iter().any(|t| t.contains(&name)));

    let erased = net.erase("v-grethe").unwrap();
    assert!(erased.interactions_removed > 0);
    assert!(
        erased.interactions_changed > 0,
        "village meetings go on without her"
    );
    assert!(erased.notes_dropped >= notes.len());
    assert!(erased.initiatives_changed >= 1);
    for text in everything(&net) {
        for secret in [grethe.id.as_str(), name.as_str(), phone.as_str()] {
            assert!(!text.contains(secret), "{secret:?} survived erasure");
        }
        for note in &notes {
            assert!(!text.contains(note.as_str()), "a note survived erasure");
        }
    }
    // And it stays gone through a save and a load.
    let again = Network::from_json(&net.to_json()).unwrap();
    assert!(again.actor("v-grethe").is_none());
    assert_eq!(again.to_json(), net.to_json());
}

#[test]
fn erasing_anyone_leaves_a_valid_network_without_their_id() {
    let base = egebaek();
    let ids: Vec<String> = base.actors().iter().map(|a| a.id.clone()).collect();
    for id in &ids {
        let mut net = base.clone();
        net.erase(id).unwrap();
        let json = net.to_json();
        assert!(!json.contains(&format!("{id:?}")), "{id} in the document");
        let reloaded = Network::from_json(&json).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(reloaded.actor_count(), ids.len() - 1);
        let as_of: Moment = "2025-11-01".parse().unwrap();
        let outputs = serde_json::to_string(&(
            net.key_people(as_of),
            net.neglected(as_of),
            net.coverage(as_of),
            net.brokers(as_of),
            net.cross_unit(as_of),
        ))
        .unwrap();
        assert!(!outputs.contains(&format!("{id:?}")), "{id} in an analysis");
    }
}

#[test]
fn erasure_cleans_group_interactions_and_references() {
    let mut net = Network::new();
    net.add_actor(Actor::new("o", ActorKind::Organisation))
        .unwrap();
    let mut x = Actor::new("x", ActorKind::Volunteer);
    x.member_of = vec!["o".into()];
    net.add_actor(x).unwrap();
    for id in ["a", "b"] {
        let mut a = Actor::new(id, ActorKind::Employee);
        a.contact_for = vec!["o".into()];
        net.add_actor(a).unwrap();
    }
    let at = |d: &str| d.parse::<Moment>().unwrap();
    let mut group = Interaction::new(at("2024-01-01"), ["x", "a", "b"], InteractionKind::Meeting);
    group.initiator = Some("x".into());
    group.note = Some("x talked about her family".into());
    group.id = Some("meeting-with-x".into());
    net.add_interaction(group).unwrap();
    let mut req = Interaction::new(at("2024-01-02"), ["a", "x", "b"], InteractionKind::Request);
    req.initiator = Some("a".into());
    req.answered_at = Some(at("2024-01-03"));
    req.answered_by = Some("x".into());
    net.add_interaction(req).unwrap();
    let mut own = Interaction::new(at("2024-01-04"), ["x", "a", "b"], InteractionKind::Request);
    own.initiator = Some("x".into());
    net.add_interaction(own).unwrap();
    net.add_interaction(Interaction::new(
        at("2024-01-05"),
        ["x", "a"],
        InteractionKind::Call,
    ))
    .unwrap();

    let erased = net.erase("x").unwrap();
    // The request she answered goes whole (issue #24): kept without its
    // answerer, "b" would have been taken to have answered "a" and gained
    // trust for it.
    assert_eq!(
        erased.interactions_removed, 3,
        "her own request, the request she answered and the call with one person left"
    );
    assert_eq!(erased.interactions_changed, 1);
    assert_eq!(erased.notes_dropped, 1);
    assert_eq!(erased.references_removed, 0);
    let left: Vec<_> = net.interactions().collect();
    assert_eq!(left.len(), 1);
    for (_, x) in &left {
        assert_eq!(x.participants, ["a", "b"]);
        assert!(x.note.is_none());
        assert_ne!(x.initiator.as_deref(), Some("x"));
        assert_ne!(x.answered_by.as_deref(), Some("x"));
        assert!(x.id.is_none(), "an id that spells her id goes too");
    }
    // Erasing the organisation removes the references to it.
    let erased = net.erase("o").unwrap();
    assert_eq!(erased.references_removed, 2);
    assert!(net.actors().iter().all(|a| a.contact_for.is_empty()));
    assert_eq!(net.erase("o").unwrap_err().name(), "UnknownActorError");
    Network::from_json(&net.to_json()).unwrap();
}
