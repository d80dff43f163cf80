//! Changing a network through the API: the same rules as loading.

use samskab::{
    Actor, ActorKind, Initiative, InitiativeStatus, Interaction, InteractionKind, Moment, Network,
    Participant, Role,
};

fn at(s: &str) -> Moment {
    s.parse().unwrap()
}

fn base() -> Network {
    let mut net = Network::new();
    net.add_actor(Actor::new("u-job", ActorKind::Unit)).unwrap();
    let mut tove = Actor::new("e-tove", ActorKind::Employee);
    tove.member_of = vec!["u-job".into()];
    net.add_actor(tove).unwrap();
    net.add_actor(Actor::new("v-inge", ActorKind::Volunteer))
        .unwrap();
    net
}

#[test]
fn adding_checks_references_and_duplicates() {
    let mut net = base();
    let err = net
        .add_actor(Actor::new("e-tove", ActorKind::Employee))
        .unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "actor.id: duplicates \"e-tove\""
    );
    let mut ghost_member = Actor::new("e-new", ActorKind::Employee);
    ghost_member.member_of = vec!["u-ghost".into()];
    let err = net.add_actor(ghost_member).unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "actor.member_of[0]: unknown actor \"u-ghost\""
    );
    assert!(
        net.actor("e-new").is_none(),
        "a refused change leaves nothing behind"
    );

    let lonely = Interaction::new(at("2024-01-01"), ["e-tove"], InteractionKind::Meeting);
    assert_eq!(
        net.add_interaction(lonely).unwrap_err().name(),
        "ValidationError"
    );
    let request = Interaction::new(
        at("2024-01-01"),
        ["e-tove", "v-inge"],
        InteractionKind::Request,
    );
    let err = net.add_interaction(request).unwrap_err();
    assert!(err.to_string().contains("initiator"), "{err}");
    assert_eq!(net.interaction_count(), 0);
    assert_eq!(net.tie_count(), 0);
}

#[test]
fn membership_cycles_are_refused() {
    let mut net = base();
    let mut job = net.actor("u-job").unwrap().clone();
    job.member_of = vec!["e-tove".into()];
    let err = net.update_actor(job).unwrap_err();
    assert!(err.to_string().contains("cycle"), "{err}");
    assert!(net.actor("u-job").unwrap().member_of.is_empty());
}

#[test]
fn interactions_can_be_changed_and_removed_and_ties_follow() {
    let mut net = base();
    let mut x = Interaction::new(
        at("2024-01-01"),
        ["e-tove", "v-inge", "u-job"],
        InteractionKind::Meeting,
    );
    x.id = Some("x1".into());
    let key = net.add_interaction(x.clone()).unwrap();
    assert_eq!(net.tie_count(), 3);
    assert_eq!(net.interaction_key("x1"), Some(key));

    let mut pair = x.clone();
    pair.participants = vec!["e-tove".into(), "v-inge".into()];
    net.update_interaction(key, pair).unwrap();
    assert_eq!(net.tie_count(), 1, "ties without interactions are gone");
    assert_eq!(net.interaction(key).unwrap().participants.len(), 2);

    let mut bad = x.clone();
    bad.participants.push("nobody".into());
    assert!(net.update_interaction(key, bad).is_err());
    assert_eq!(net.interaction(key).unwrap().participants.len(), 2);

    let other = net
        .add_interaction(Interaction::new(
            at("2024-02-01"),
            ["e-tove", "v-inge"],
            InteractionKind::Call,
        ))
        .unwrap();
    assert_ne!(other, key);
    let mut dup = net.interaction(other).unwrap();
    dup.id = Some("x1".into());
    assert!(net.update_interaction(other, dup).is_err());

    let removed = net.remove_interaction_by_id("x1").unwrap();
    assert_eq!(removed.id.as_deref(), Some("x1"));
    assert_eq!(net.interaction_key("x1"), None);
    assert_eq!(net.tie_count(), 1);
    net.remove_interaction(other).unwrap();
    assert_eq!(net.tie_count(), 0);
    assert_eq!(
        net.remove_interaction(other).unwrap_err().name(),
        "UnknownInteractionError"
    );
    // Keys are never reused.
    let again = net
        .add_interaction(Interaction::new(
            at("2024-03-01"),
            ["e-tove", "v-inge"],
            InteractionKind::Call,
        ))
        .unwrap();
    assert!(again > other);
}

#[test]
fn actors_in_use_are_not_removed_silently() {
    let mut net = base();
    let key = net
        .add_interaction(Interaction::new(
            at("2024-01-01"),
            ["e-tove", "v-inge"],
            InteractionKind::Meeting,
        ))
        .unwrap();
    let err = net.remove_actor("v-inge").unwrap_err();
    assert!(
        err.to_string().contains("takes part in 1 interactions"),
        "{err}"
    );
    let err = net.remove_actor("u-job").unwrap_err();
    assert!(err.to_string().contains("member_of"), "{err}");
    net.remove_interaction(key).unwrap();
    let inge = net.remove_actor("v-inge").unwrap();
    assert_eq!(inge.id, "v-inge");
    assert!(net.actor("v-inge").is_none());
    assert_eq!(
        net.remove_actor("v-inge").unwrap_err().name(),
        "UnknownActorError"
    );
    // The id is the user's: it may be used again for a new actor.
    net.add_actor(Actor::new("v-inge", ActorKind::Volunteer))
        .unwrap();
}

#[test]
fn initiatives_are_checked_and_guarded() {
    let mut net = base();
    let mut ini = Initiative::new("ini-1", "Lektiehjælp", InitiativeStatus::Active);
    ini.participants = vec![Participant {
        actor: "ghost".into(),
        role: Role::Lead,
    }];
    assert!(net.add_initiative(ini.clone()).is_err());
    ini.participants[0].actor = "v-inge".into();
    net.add_initiative(ini.clone()).unwrap();
    assert!(net.add_initiative(ini.clone()).is_err(), "duplicate id");
    ini.started = Some("2024-05-01".parse().unwrap());
    ini.ended = Some("2024-01-01".parse().unwrap());
    assert!(net.update_initiative(ini.clone()).is_err());
    ini.ended = None;
    net.update_initiative(ini).unwrap();

    let mut x = Interaction::new(
        at("2024-06-01"),
        ["e-tove", "v-inge"],
        InteractionKind::Meeting,
    );
    x.initiative = Some("ini-1".into());
    let key = net.add_interaction(x).unwrap();
    assert!(net.remove_initiative("ini-1").is_err());
    assert!(net.remove_actor("v-inge").is_err());
    net.remove_interaction(key).unwrap();
    net.remove_initiative("ini-1").unwrap();
    assert_eq!(
        net.remove_initiative("ini-1").unwrap_err().name(),
        "UnknownInitiativeError"
    );
}

#[test]
fn built_and_loaded_networks_are_the_same() {
    let mut net = base();
    let mut x = Interaction::new(
        at("2024-01-09T10:15:00+01:00"),
        ["v-inge", "e-tove"],
        InteractionKind::Request,
    );
    x.initiator = Some("v-inge".into());
    x.answered_at = Some(at("2024-01-09T14:00:00+01:00"));
    net.add_interaction(x).unwrap();
    let loaded = Network::from_json(&net.to_json()).unwrap();
    assert_eq!(loaded.to_json(), net.to_json());
    let as_of = at("2024-02-01");
    assert_eq!(
        loaded.trust("v-inge", "e-tove", as_of).unwrap().value,
        net.trust("v-inge", "e-tove", as_of).unwrap().value
    );
    let answerer = loaded
        .interactions()
        .next()
        .unwrap()
        .1
        .answerer()
        .map(str::to_owned);
    assert_eq!(answerer.as_deref(), Some("e-tove"));
}

#[test]
fn every_error_name_is_listed() {
    use samskab::Error;
    let io = Error::Io {
        operation: "reading",
        path: "x".into(),
        source: std::io::Error::other("x"),
    };
    let all = [
        Error::Parse {
            line: 1,
            column: 1,
            message: String::new(),
        },
        Error::Validation { problems: vec![] },
        Error::NewerVersion {
            found: 2,
            supported: 1,
        },
        Error::UnknownActor { id: "a-1".into() },
        Error::UnknownInteraction { id: "x-1".into() },
        Error::UnknownInitiative { id: "i-1".into() },
        Error::InvalidArgument {
            argument: "k".into(),
            message: String::new(),
        },
        Error::Limit {
            place: "p".into(),
            message: String::new(),
        },
        io,
    ];
    let names: Vec<&str> = all.iter().map(Error::name).collect();
    assert_eq!(names, Error::NAMES);
}
