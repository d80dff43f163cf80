//! Synthetic networks for tests and benchmarks, deterministic from a seed.
//!
//! The shape follows a Danish municipality: units and their employees;
//! organisations, communities, volunteers, businesses and citizens in
//! realistic proportions; actors grouped in areas, with most ties inside an
//! area and some across (community structure); heavy-tailed contact rates
//! per tie; standing groups that meet again and again; requests with
//! response times, some never answered; and initiatives.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::rng::Rng;
use crate::model::{
    Actor, ActorKind, Initiative, InitiativeStatus, Interaction, InteractionKind, Network, Outcome,
    Participant, Role,
};
use crate::time::Moment;

/// How large a network to make, and from which seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeneratorConfig {
    /// The seed: the same seed gives the same network, byte for byte.
    pub seed: u64,
    /// Number of actors.
    pub actors: usize,
    /// Number of distinct ties that meet one to one, roughly; the pairs
    /// of standing groups that meet add about a tenth to the ties.
    pub ties: usize,
    /// Number of interactions.
    pub interactions: usize,
    /// Years of history, ending at 2025-12-31.
    pub years: u32,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            seed: 1,
            actors: 1_000,
            ties: 10_000,
            interactions: 100_000,
            years: 3,
        }
    }
}

impl GeneratorConfig {
    /// The benchmark sizes: `"S"` (10³ actors, 10⁴ ties, 10⁵ interactions),
    /// `"M"` (one municipality), `"L"` (a region) and `"XL"` (Denmark).
    pub fn size(name: &str, seed: u64) -> Result<GeneratorConfig> {
        let (actors, ties, interactions) = match name {
            "S" => (1_000, 10_000, 100_000),
            "M" => (10_000, 100_000, 1_000_000),
            "L" => (100_000, 1_000_000, 10_000_000),
            "XL" => (1_000_000, 10_000_000, 100_000_000),
            _ => return Err(Error::invalid("size", "must be S, M, L or XL")),
        };
        Ok(GeneratorConfig {
            seed,
            actors,
            ties,
            interactions,
            years: 3,
        })
    }
}

/// Indices drawn in proportion to their weights.
struct Weighted {
    /// The running sums of the weights.
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl Iterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        let cumulative = weights
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weighted { cumulative }
    }

    /// An index drawn from `rng`; call only with at least one weight.
    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let r = rng.unit() * total;
        self.cumulative
            .partition_point(|c| *c < r)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// Each actor's kind by its place in the list: 2 % units, 18 % employees,
/// 1 % politicians, 6 % organisations, 1 % communities, 55 % volunteers,
/// 5 % businesses, the rest citizens.
fn kind_of(i: usize, n: usize) -> ActorKind {
    let share = i as f64 / n as f64;
    match share {
        s if s < 0.02 => ActorKind::Unit,
        s if s < 0.20 => ActorKind::Employee,
        s if s < 0.21 => ActorKind::Politician,
        s if s < 0.27 => ActorKind::Organisation,
        s if s < 0.28 => ActorKind::Community,
        s if s < 0.83 => ActorKind::Volunteer,
        s if s < 0.88 => ActorKind::Business,
        _ => ActorKind::Citizen,
    }
}

impl Network {
    /// A synthetic network of the given size, the same for the same config.
    ///
    /// ```
    /// use samskab::{generate::GeneratorConfig, Network};
    /// let config = GeneratorConfig { actors: 200, ties: 1_000, interactions: 5_000, ..Default::default() };
    /// let net = Network::generate(&config)?;
    /// assert_eq!(net.actor_count(), 200);
    /// assert_eq!(net.to_json(), Network::generate(&config)?.to_json());
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn generate(config: &GeneratorConfig) -> Result<Network> {
        let n = config.actors;
        if n < 10 {
            return Err(Error::invalid("actors", "must be at least 10"));
        }
        if config.years == 0 || config.years > 50 {
            return Err(Error::invalid("years", "must be between 1 and 50"));
        }
        let mut rng = Rng::new(config.seed ^ 0x5A4D_5341_4D53_4B42);
        let id = |i: usize| format!("a{i}");
        let areas = ((n as f64).sqrt() / 3.0).ceil().max(1.0) as usize;
        let area_of = |i: usize| i % areas;
        let kinds: Vec<ActorKind> = (0..n).map(|i| kind_of(i, n)).collect();
        let of_kind = |k: ActorKind| -> Vec<usize> { (0..n).filter(|&i| kinds[i] == k).collect() };
        let units = of_kind(ActorKind::Unit);
        let organisations = of_kind(ActorKind::Organisation);
        let communities = of_kind(ActorKind::Community);
        // By area once: a search of every organisation for each volunteer
        // grew with the square of the size (3·10¹⁰ steps at XL).
        let mut organisations_by_area: Vec<Vec<usize>> = vec![Vec::new(); areas];
        for &o in &organisations {
            organisations_by_area[area_of(o)].push(o);
        }

        let mut net = Network::new();
        for i in 0..n {
            let mut a = Actor::new(id(i), kinds[i]);
            a.area = Some(format!("area-{}", area_of(i)));
            match kinds[i] {
                // The first unit is the municipality; the rest hang under it.
                ActorKind::Unit if i != units[0] => a.member_of.push(id(units[0])),
                ActorKind::Employee | ActorKind::Politician if units.len() > 1 => {
                    a.member_of.push(id(units[1 + rng.below(units.len() - 1)]));
                    if !organisations.is_empty() && rng.unit() < 0.3 {
                        a.contact_for
                            .push(id(organisations[rng.below(organisations.len())]));
                    }
                }
                ActorKind::Organisation if !communities.is_empty() => a
                    .member_of
                    .push(id(communities[area_of(i) % communities.len()])),
                ActorKind::Volunteer if !organisations.is_empty() => {
                    // Volunteers join an organisation of their own area where there is one.
                    let local = &organisations_by_area[area_of(i)];
                    let org = if local.is_empty() {
                        organisations[rng.below(organisations.len())]
                    } else {
                        local[rng.below(local.len())]
                    };
                    a.member_of.push(id(org));
                }
                _ => {}
            }
            if rng.unit() < 0.03 {
                a.tags.push("local-champion".into());
            }
            if kinds[i] == ActorKind::Employee && rng.unit() < 0.05 {
                a.left = NaiveDate::from_ymd_opt(2025, 1 + rng.below(12) as u32, 1);
            }
            net.edit().insert_actor(a);
        }

        // Ties: most within an area, a fifth across; each with a heavy-tailed rate.
        let members: Vec<Vec<usize>> = (0..areas)
            .map(|a| (0..n).filter(|&i| area_of(i) == a).collect())
            .collect();
        let mut ties: Vec<(usize, usize, f64)> = Vec::with_capacity(config.ties);
        let mut seen = std::collections::HashSet::with_capacity(config.ties);
        let mut attempts = 0;
        while ties.len() < config.ties && attempts < config.ties * 20 {
            attempts += 1;
            let a = rng.below(n);
            let b = if rng.unit() < 0.8 {
                let local = &members[area_of(a)];
                local[rng.below(local.len())]
            } else {
                rng.below(n)
            };
            if a == b || !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            ties.push((a, b, rng.heavy()));
        }
        if ties.is_empty() {
            return Ok(net);
        }
        // Sample ties in proportion to their rate.
        let tie_rates = Weighted::new(ties.iter().map(|t| t.2));
        let end = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
        let span_days = 365 * i64::from(config.years);
        let start = end - chrono::Duration::days(span_days);
        let kinds_1to1 = [
            InteractionKind::Meeting,
            InteractionKind::Informal,
            InteractionKind::Informal,
            InteractionKind::Call,
            InteractionKind::Message,
            InteractionKind::Collaboration,
            InteractionKind::Request,
        ];
        // Standing groups (teams, boards, committees) of 3 to 8 people of one
        // area, one for every hundred ties, each meeting at its own
        // heavy-tailed rate: the same people meet again, so their meetings
        // add a tenth or so to the ties, not a new set of pairs each time.
        let mut groups: Vec<Vec<usize>> = Vec::with_capacity(config.ties / 100 + 1);
        for _ in 0..(config.ties / 100).max(1) {
            let local = &members[rng.below(areas)];
            let size = (3 + rng.below(6)).min(local.len());
            let mut people: Vec<usize> = Vec::with_capacity(size);
            for _ in 0..size * 3 {
                let p = local[rng.below(local.len())];
                if !people.contains(&p) {
                    people.push(p);
                }
                if people.len() == size {
                    break;
                }
            }
            if people.len() >= 2 {
                groups.push(people);
            }
        }
        let group_rates = Weighted::new(groups.iter().map(|_| rng.heavy()));
        // As a load does: doubling would leave up to half the list unused.
        let state = net.edit();
        state.reserve_interactions(config.interactions);
        for _ in 0..config.interactions {
            let day = start + chrono::Duration::days(rng.below(span_days as usize) as i64);
            let minutes = 8 * 60 + rng.below(9 * 60) as i64;
            let at = Moment::from(
                day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
                    + chrono::Duration::minutes(minutes),
            );
            let x = if rng.unit() < 0.05 && !groups.is_empty() {
                // A meeting of a standing group, some members away.
                let group = &groups[group_rates.draw(&mut rng)];
                let mut people: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|_| rng.unit() < 0.85)
                    .collect();
                if people.len() < 2 {
                    people = group[..2].to_vec();
                }
                let mut x =
                    Interaction::new(at, people.iter().map(|&p| id(p)), InteractionKind::Meeting);
                x.initiator = Some(id(people[0]));
                x
            } else {
                let (a, b, _) = ties[tie_rates.draw(&mut rng)];
                let (a, b) = if rng.unit() < 0.5 { (a, b) } else { (b, a) };
                let kind = kinds_1to1[rng.below(kinds_1to1.len())];
                let mut x = Interaction::new(at, [id(a), id(b)], kind);
                if rng.unit() < 0.8 || kind == InteractionKind::Request {
                    x.initiator = Some(id(a));
                }
                if kind == InteractionKind::Request && rng.unit() < 0.85 {
                    // Most answers come within days; some take weeks.
                    let hours = (rng.heavy() * 4.0).min(24.0 * 60.0);
                    x.answered_at = Some(Moment::from(
                        at.utc() + chrono::Duration::minutes((hours * 60.0) as i64),
                    ));
                }
                x
            };
            let mut x = x;
            let o = rng.unit();
            x.outcome_written = if o < 0.25 {
                Some(Outcome::Positive)
            } else if o < 0.28 {
                Some(Outcome::Negative)
            } else {
                None
            };
            state.insert_interaction(x, false);
        }
        state.finish_load();

        // Initiatives: one per hundred actors, led by someone local.
        for k in 0..(n / 100).max(1) {
            let lead = rng.below(n);
            let mut ini = Initiative::new(
                format!("ini-{k}"),
                format!("Initiative {k}"),
                InitiativeStatus::ALL[rng.below(5)],
            );
            ini.started =
                Some(start + chrono::Duration::days(rng.below(span_days as usize) as i64));
            ini.area = Some(format!("area-{}", area_of(lead)));
            ini.participants.push(Participant {
                actor: id(lead),
                role: Role::Lead,
            });
            if units.len() > 1 {
                ini.participants.push(Participant {
                    actor: id(units[1 + rng.below(units.len() - 1)]),
                    role: Role::Partner,
                });
            }
            net.edit().put_initiative(ini);
        }
        Ok(net)
    }
}
