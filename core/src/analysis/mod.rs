//! The questions municipal staff ask, answered the same way in every
//! language. Every analysis takes an explicit "as of" instant and sees the
//! network as it was then: interactions after it do not exist, and actors who
//! had left by then give nobody a way in.
//!
//! A tie's *mutual trust* is the lower of its two directions; a tie is
//! *trusted* when its mutual trust reaches
//! [`ScoringConfig::trusted_threshold`](crate::ScoringConfig::trusted_threshold)
//! (0.35 by default).

mod brokers;
mod coverage;
mod cross_unit;
mod initiatives;
mod key_people;
mod neglected;
mod paths;
mod report;
mod report_text;
pub(crate) mod snapshot;

pub use brokers::{trust_length, BridgingTie, Broker, BrokerOptions, MIN_TIE_LENGTH};
pub use coverage::{AssignedContact, BestTie, Coverage, CoverageStatus};
pub use cross_unit::{CrossUnit, TrustCommunity, UnitLink, UnitView};
pub use initiatives::{InitiativeHealth, InitiativeRole, TieIn};
pub use key_people::{Handover, KeyPerson};
pub use neglected::{ColdTie, Dormancy};
pub use paths::{PathOptions, Step, WayIn};
pub use report::{CoverageSummary, GroupName, OutcomeLine, PeriodFigures, Report, RequestFigures};
