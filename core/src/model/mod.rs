//! The model: actors, the ties between them with their history of
//! interactions, and initiatives, held in a [`Network`].

mod network;
mod records;
pub(crate) mod store;
pub(crate) mod tie;
pub(crate) mod validate;
mod words;

pub(crate) use network::NetworkIds;
pub use network::{InteractionKey, Network};
pub use records::{Actor, Contact, Delivered, Extra, Initiative, Interaction, Participant};
pub use validate::{MAX_INTERACTIONS, MAX_PARTICIPANTS};
pub use words::{ActorKind, InitiativeStatus, InteractionKind, Outcome, Role, Sector};
