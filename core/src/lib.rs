//! # samskab
//!
//! A model of how a municipality, volunteers and local communities work
//! together: **actors**, the **ties** between them with a dated history of
//! **interactions**, and co-creation **initiatives**, with **trust and
//! recency scoring**. The same crate answers for the Python module and the
//! WebAssembly module, so every language gets the same numbers.
//!
//! ```
//! use samskab::Network;
//! let net = Network::from_json(include_str!("../../examples/data/skovlund.json"))?;
//! let as_of = "2024-06-01".parse()?;
//! let trust = net.trust("v-inge", "e-tove", as_of)?;
//! println!("Inge trusts Tove {:.2}", trust.value);
//! for c in &trust.top_interactions {
//!     println!("  {} {} {:?} {:+.2}", c.at, c.kind, c.reason, c.evidence);
//! }
//! # Ok::<(), samskab::Error>(())
//! ```
//!
//! ## The model
//!
//! A [`Network`] holds [`Actor`]s as the nodes of a petgraph `StableGraph`.
//! Every pair of actors that has met is joined by one tie, which carries the
//! pair's share of every [`Interaction`] they took part in, in time order. A
//! group interaction of *n* people touches every one of its *n(n−1)/2* pairs.
//! Membership (`member_of`) and assignment (`contact_for`) are structure: they
//! say who belongs where and who should keep in touch, not who trusts whom.
//! Ids are the user's own strings; graph indices never leave the crate.
//!
//! Documents are read and written in format v1 ([`Network::from_json`],
//! [`Network::to_json`], [`Network::load`], [`Network::save`]). A document
//! that breaks a rule is refused whole, with every problem and its place;
//! the same rules guard every change made through the API.
//!
//! ## Trust
//!
//! `trust(source, target, as_of)` is how much `source` has reason to trust
//! `target` through their own history, counting only interactions at or
//! before `as_of`. No clock is ever read. It is built from **evidence**,
//! measured in units of one recent, neutral, one-to-one meeting.
//!
//! Each interaction *i* on the tie, of age *Δᵢ* days at `as_of`, with *nᵢ*
//! participants, adds
//!
//! ```text
//! wᵢ = kind_weight(kindᵢ) · (nᵢ − 1)^(−group_exponent) · (positive_factor if positive)
//! uᵢ = max(0, wᵢ − max over earlier contacts j of wⱼ · 2^(−(tᵢ − tⱼ) / spacing_days))
//! k(Δ) = (1 − tail_share) · 2^(−Δ / half_life_days) + tail_share · 2^(−Δ / tail_half_life_days)
//! ```
//!
//! (*j* and *i* over the tie's neutral and positive contacts, *t* their
//! instants), so that contact soon after contact adds only what goes
//! beyond it (the spacing effect: contact spread out builds more than the
//! same contact massed; a meeting a week after the last adds half a
//! meeting, one a month later nearly a whole one), and contact fades (the
//! fast memory) but a long history keeps a tail (the slow memory): five
//! years of monthly meetings followed by a quiet year still leaves trust at
//! 0.96, where a single meeting a year ago leaves 0.09 (one meeting the day
//! before gives 0.15, a year of monthly meetings 0.76, a month of daily
//! meetings 0.44). With
//!
//! ```text
//! A  = Σ wᵢ            (non-negative contacts, undecayed)
//! S  = Σ uᵢ            (the same after the spacing discount)
//! D  = Σ uᵢ · k(Δᵢ)     (the same, decayed)
//! m(Δ) = 2^(−Δ / tail_half_life_days)     (the slow memory alone)
//! N  = negative_weight · Σ kind_weight · group · m(Δᵢ)   over negative outcomes
//! R  = Σ response_bonus · 2^(−answer_days / response_half_time_days) · k(Δᵢ)
//!      over the source's requests the target answered by as_of
//!    − Σ unanswered_penalty · group · m(Δᵢ)
//!      over the source's requests unanswered more than response_deadline_days
//! s  = (I_target + 1) / (I_source + I_target + 2)   (initiatives taken, group-weighted)
//! ρ  = reciprocity_floor + (1 − reciprocity_floor) · min(1, 2s)
//! E  = ρ · D + R − N
//! trust = 1 − exp(−max(E, 0) / saturation)
//! ```
//!
//! Penalties fade with the slow memory only, and the reciprocity factor
//! counts every initiative alike, so that **with no new contact trust never
//! rises as time passes**: good evidence always fades at least as fast as
//! bad. And since the spacing envelope fades at least as fast as both
//! memories (`spacing_days` is at most both half-lives), **another neutral
//! or positive contact never lowers trust**: it can only take from what
//! later contact adds as much as it adds itself.
//!
//! Trust therefore grows with repeated contact and saturates (the 30th
//! meeting adds less than the 3rd); older contact counts less; a negative
//! outcome removes twice what a neutral contact adds; it is lower when the
//! target never takes the initiative; fast answers raise it and requests left
//! unanswered past the deadline lower it; a group meeting counts for less per
//! pair than a one-to-one contact, less the larger the group. Events are
//! summed in an order fixed by their content, so the result does not depend on
//! the order they were added.
//!
//! Every score explains itself ([`Trust`]): the evidence splits into the
//! named [`TrustComponents`] (contact *A*, spacing *S − A*, recency *D − S*,
//! reciprocity, responsiveness, negative), which add up to *E*, and the
//! interactions that moved it most are listed. [`Network::tie_stats`] gives
//! the facts of a tie: last contact, counts by kind and formality, median
//! response time.
//!
//! The parameters and their defaults, each with its reason, are in
//! [`ScoringConfig`]; a network saves its own under `meta.scoring`.
//!
//! ## Analyses
//!
//! Every analysis takes an explicit `as_of` and sees the network as it was
//! then: interactions after it do not exist, and actors who had left by then
//! are gone. A tie's *mutual trust* is the lower of its two directions; a tie
//! is *trusted* when that reaches [`ScoringConfig::trusted_threshold`].
//!
//! - [`Network::paths`]: a way in (N5), the most trusted chains of
//!   introductions to a person or any member of a group; a chain's trust is
//!   the product of its steps.
//! - [`Network::key_people`]: key-person risk (N4), the actors and groups
//!   that would lose their only trusted way into the municipality if one
//!   actor left, with the handover list.
//! - [`Network::neglected`]: ties going cold (N2) on a dormancy ladder,
//!   ranked by what is at stake.
//! - [`Network::coverage`]: whether each community and organisation has a
//!   trusted tie into the municipality, and whether it is the assigned one.
//! - [`Network::brokers`]: betweenness on the trust graph and trusted ties
//!   across sectors (N7).
//! - [`Network::cross_unit`]: units joined by trusted ties, silos, and
//!   communities of trust against the formal units, now and a year before (N8).
//! - [`Network::initiative_health`]: whether an initiative rests on one
//!   person, and its trust, requests and outcomes (N9).
//! - [`Network::report`]: the value report for management (N3, N6), as data
//!   and as Danish or English text.
//! - [`Network::erase`]: GDPR erasure with every trace (N11).
//!
//! ## Limits
//!
//! Work is bounded by the input's size for every input. A group interaction
//! has at most [`MAX_PARTICIPANTS`] participants (its cost grows with the
//! square of its size); a network takes at most [`MAX_INTERACTIONS`]
//! interactions over its life; group interactions together imply at most
//! [`pair_budget`] pairs of participants (a million plus 32 per interaction),
//! or the input is refused with a `LimitError` before the work starts; a
//! free-form value (`meta`, `extra`) is nested at most [`MAX_NESTING`] levels,
//! in a document and through the API alike, and JSON nested deeper than 128
//! levels is refused as a parse error rather than overflowing the stack; a search for a way in stops
//! after two million expansions. Strings and lists have no limit of their own.
//!
//! ## Errors
//!
//! Every fallible call returns [`Error`]. No input makes the crate panic, and
//! no error message carries a name, note or contact value from the input.

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod analysis;
pub mod args;
mod error;
pub mod format;
pub mod generate;
mod graph;
mod model;
pub mod privacy;
pub mod scoring;
mod time;
mod words;

pub use analysis::{
    Broker, BrokerOptions, ColdTie, Coverage, CoverageStatus, CrossUnit, Dormancy,
    InitiativeHealth, KeyPerson, PathOptions, Report, Step, WayIn,
};
pub use error::{fingerprint, shown, Error, Problem, Result};
pub use model::{pair_budget, PAIR_BUDGET_BASE, PAIR_BUDGET_PER_INTERACTION};
pub use model::{
    Actor, ActorKind, Contact, Delivered, Extra, Initiative, InitiativeStatus, Interaction,
    InteractionKey, InteractionKind, Network, Outcome, Participant, Role, Sector, MAX_INTERACTIONS,
    MAX_NESTING, MAX_PARTICIPANTS,
};
pub use privacy::{Erased, Purged};
pub use scoring::{Contribution, Reason, ScoringConfig, TieStats, Trust, TrustComponents};
pub use time::{Moment, MAX_YEAR, MIN_YEAR};

/// The README's Rust tour, compiled as a doc test so that it cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
