//! The model: actors, the ties between them with their history of
//! interactions, and initiatives, held in a [`Network`].

mod change;
mod config;
mod derived;
mod event;
mod key;
mod network;
mod records;
pub(crate) mod store;
pub(crate) mod tie;
pub(crate) mod validate;

pub use crate::words::{ActorKind, InitiativeStatus, InteractionKind, Outcome, Role, Sector};
pub(crate) use change::NetworkIds;
pub use config::{KindWeights, ScoringConfig};
pub use key::InteractionKey;
pub use network::Network;
pub use records::{Actor, Contact, Delivered, Extra, Initiative, Interaction, Participant};
pub use validate::{
    pair_budget, MAX_INTERACTIONS, MAX_NESTING, MAX_PARTICIPANTS, PAIR_BUDGET_BASE,
    PAIR_BUDGET_PER_INTERACTION,
};
