//! The records of format v1: actors, interactions and initiatives.
//!
//! They are plain data with public fields. A [`Network`](crate::Network)
//! checks them when they are added, with the same rules as loading a document.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::time::Moment;
use crate::words::{ActorKind, InitiativeStatus, InteractionKind, Outcome, Role, Sector};

/// Free-form values kept as they are (`meta`, `extra`). Keys are written sorted.
pub type Extra = Map<String, Value>;

fn is_false_or_empty<T>(v: &[T]) -> bool {
    v.is_empty()
}

/// A person or group: an employee, a unit, a volunteer, an organisation, a
/// community, a business...
///
/// ```
/// use samskab::{Actor, ActorKind, Sector};
/// let mut inge = Actor::new("v-inge", ActorKind::Volunteer);
/// inge.member_of.push("o-flygtninge".into());
/// assert_eq!(inge.sector(), Sector::CivilSociety);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// The user's id: non-empty, unique among actors, case-sensitive.
    pub id: String,
    /// What the actor is.
    pub kind: ActorKind,
    /// Display name (personal data when the actor is a person).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The sector as written; see [`Actor::sector`] for the one in force.
    #[serde(rename = "sector", skip_serializing_if = "Option::is_none")]
    pub sector_written: Option<Sector>,
    /// Ids of the groups this actor belongs to (an employee's unit, a unit's
    /// parent, a volunteer's organisation). Structure, not trust.
    #[serde(skip_serializing_if = "is_false_or_empty")]
    pub member_of: Vec<String>,
    /// Ids of the communities or organisations this actor is the assigned
    /// contact person for. Structure, not trust.
    #[serde(skip_serializing_if = "is_false_or_empty")]
    pub contact_for: Vec<String>,
    /// The geographic area (village, district).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Free tags such as `local-champion`.
    #[serde(skip_serializing_if = "is_false_or_empty")]
    pub tags: Vec<String>,
    /// The direct line (personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// When the actor became active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined: Option<NaiveDate>,
    /// When the actor left; from then on it gives nobody a way in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<NaiveDate>,
    /// User-defined values, kept as they are.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Extra,
}

impl Actor {
    /// An actor with only its id and kind.
    pub fn new(id: impl Into<String>, kind: ActorKind) -> Actor {
        Actor {
            id: id.into(),
            kind,
            name: None,
            sector_written: None,
            member_of: Vec::new(),
            contact_for: Vec::new(),
            area: None,
            tags: Vec::new(),
            contact: None,
            joined: None,
            left: None,
            extra: Extra::new(),
        }
    }

    /// The sector in force: the written one, or the default for the kind.
    pub fn sector(&self) -> Sector {
        self.sector_written
            .unwrap_or_else(|| self.kind.default_sector())
    }

    /// Whether the actor had left by `date` (it leaves on its `left` date).
    pub fn has_left_by(&self, date: NaiveDate) -> bool {
        self.left.is_some_and(|left| left <= date)
    }
}

/// A direct line to an actor (personal data).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Contact {
    /// Direct phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Direct e-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A dated contact between two or more actors.
///
/// ```
/// use samskab::{Interaction, InteractionKind};
/// let x = Interaction::new("2024-01-09".parse()?, ["v-inge", "e-tove"], InteractionKind::Informal);
/// assert!(!x.formal()); // informal contact is informal by default
/// # Ok::<(), samskab::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    /// The user's id, unique among interactions when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When it happened.
    pub at: Moment,
    /// Two or more distinct actor ids. More than two: a group interaction.
    pub participants: Vec<String>,
    /// What kind of contact it was.
    pub kind: InteractionKind,
    /// Who took the initiative; required for requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
    /// Formality as written; see [`Interaction::formal`].
    #[serde(rename = "formal", skip_serializing_if = "Option::is_none")]
    pub formal_written: Option<bool>,
    /// Outcome as written; see [`Interaction::outcome`].
    #[serde(rename = "outcome", skip_serializing_if = "Option::is_none")]
    pub outcome_written: Option<Outcome>,
    /// Requests only: when it was answered. Absent: not answered (yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<Moment>,
    /// Requests only: who answered, as written; see [`Interaction::answerer`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<String>,
    /// The initiative this contact was part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiative: Option<String>,
    /// Free text (may hold personal data).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Interaction {
    /// An interaction with its required fields only.
    pub fn new<I, S>(at: Moment, participants: I, kind: InteractionKind) -> Interaction
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Interaction {
            id: None,
            at,
            participants: participants.into_iter().map(Into::into).collect(),
            kind,
            initiator: None,
            formal_written: None,
            outcome_written: None,
            answered_at: None,
            answered_by: None,
            initiative: None,
            note: None,
        }
    }

    /// Whether the contact was formal: as written, else true for meetings
    /// and requests.
    pub fn formal(&self) -> bool {
        self.kind.formal_unless(self.formal_written)
    }

    /// The outcome: as written, else neutral.
    pub fn outcome(&self) -> Outcome {
        Outcome::unless(self.outcome_written)
    }

    /// Who answered a request: as written, else the one participant who is
    /// not the initiator when there is exactly one.
    pub fn answerer(&self) -> Option<&str> {
        if let Some(by) = &self.answered_by {
            return Some(by);
        }
        if self.kind != InteractionKind::Request || self.answered_at.is_none() {
            return None;
        }
        let initiator = self.initiator.as_deref()?;
        let mut others = self.participants.iter().filter(|p| *p != initiator);
        match (others.next(), others.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }
}

/// A co-creation initiative: homework help, a clothing collection, a job fair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Initiative {
    /// The user's id: non-empty, unique among initiatives.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Where it stands.
    pub status: InitiativeStatus,
    /// When it started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<NaiveDate>,
    /// When it ended; not before `started`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<NaiveDate>,
    /// The area it works in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Who takes part, and in which role.
    #[serde(skip_serializing_if = "is_false_or_empty")]
    pub participants: Vec<Participant>,
    /// What it delivered.
    #[serde(skip_serializing_if = "is_false_or_empty")]
    pub outcomes: Vec<Delivered>,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// User-defined values, kept as they are.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Extra,
}

impl Initiative {
    /// An initiative with its required fields only.
    pub fn new(id: impl Into<String>, name: impl Into<String>, status: InitiativeStatus) -> Self {
        Initiative {
            id: id.into(),
            name: name.into(),
            status,
            started: None,
            ended: None,
            area: None,
            participants: Vec::new(),
            outcomes: Vec::new(),
            description: None,
            extra: Extra::new(),
        }
    }
}

/// An actor's part in an initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    /// The actor's id.
    pub actor: String,
    /// Its role.
    pub role: Role,
}

/// Something an initiative delivered, e.g. 12 people in work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delivered {
    /// When.
    pub at: NaiveDate,
    /// What was counted.
    pub label: String,
    /// How many or how much.
    #[serde(serialize_with = "write_number")]
    pub value: f64,
    /// The unit of `value`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Writes whole numbers without a fraction (`85`, not `85.0`), as people write them.
fn write_number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact in f64
    if v.fract() == 0.0 && v.abs() < EXACT && !(*v == 0.0 && v.is_sign_negative()) {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}
