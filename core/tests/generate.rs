//! The synthetic networks are valid, deterministic and shaped as promised.

use samskab::generate::GeneratorConfig;
use samskab::{ActorKind, Network, Sector};

#[test]
fn generated_networks_are_valid_and_deterministic() {
    let config = GeneratorConfig {
        seed: 7,
        actors: 500,
        ties: 3_000,
        interactions: 20_000,
        years: 3,
    };
    let net = Network::generate(&config).unwrap();
    let text = net.to_json();
    let again = Network::from_json(&text).expect("a generated network passes every rule");
    assert_eq!(again.to_json(), text);
    assert_eq!(
        Network::generate(&config).unwrap().to_json(),
        text,
        "same seed, same network"
    );
    let other = GeneratorConfig {
        seed: 8,
        ..config.clone()
    };
    assert_ne!(Network::generate(&other).unwrap().to_json(), text);
    assert_eq!(net.actor_count(), 500);
    assert!(net.interaction_count() >= 19_000);
    assert!(net.tie_count() >= 2_500);
    let kinds = |k: ActorKind| net.actors().iter().filter(|a| a.kind == k).count();
    assert!(kinds(ActorKind::Volunteer) > kinds(ActorKind::Employee));
    assert!(kinds(ActorKind::Unit) >= 2);
    let municipal = net
        .actors()
        .iter()
        .filter(|a| a.sector() == Sector::Municipality)
        .count();
    assert!(municipal > 50 && municipal < 150);
    // Heavy tails: the busiest tie sees far more contact than the median one.
    let as_of = "2026-01-01".parse().unwrap();
    let mut counts: Vec<u32> = net.ties(as_of).iter().map(|t| t.interactions).collect();
    counts.sort_unstable();
    assert!(counts[counts.len() - 1] > 10 * counts[counts.len() / 2]);
    // Every analysis runs on it.
    assert!(!net.key_people(as_of).is_empty() || !net.coverage(as_of).is_empty());
    net.report("2025-01-01".parse().unwrap(), "2025-07-01".parse().unwrap())
        .unwrap();
    assert!(Network::generate(&GeneratorConfig {
        actors: 3,
        ..Default::default()
    })
    .is_err());
    assert!(GeneratorConfig::size("XXL", 1).is_err());
}
