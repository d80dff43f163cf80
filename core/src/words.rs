//! The closed word lists of the format.

/// Defines an enum whose variants are written as fixed words in documents.
macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every value, in the order the format lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word the format writes.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The value for a word of the format, if it is one.
            pub fn from_word(word: &str) -> Option<$name> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }

            /// The allowed words, quoted and joined, for error messages.
            pub(crate) fn allowed() -> String {
                let words: Vec<String> = Self::ALL.iter().map(|v| format!("{:?}", v.as_str())).collect();
                words.join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> $crate::Result<$name> {
                $name::from_word(s).ok_or_else(|| $crate::Error::InvalidArgument {
                    argument: stringify!($name).to_owned(),
                    message: format!("expected one of {}", $name::allowed()),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                $name::from_word(&word).ok_or_else(|| {
                    serde::de::Error::custom(format!("expected one of {}", $name::allowed()))
                })
            }
        }
    };
}

word_enum! {
    /// What an actor is.
    pub enum ActorKind {
        /// A municipal employee.
        Employee = "employee",
        /// A municipal unit: a centre, department or team.
        Unit = "unit",
        /// An elected politician.
        Politician = "politician",
        /// A volunteer.
        Volunteer = "volunteer",
        /// An association or organisation.
        Organisation = "organisation",
        /// A local community: a village, a district.
        Community = "community",
        /// A business.
        Business = "business",
        /// A citizen who is not a volunteer.
        Citizen = "citizen",
        /// A network of actors (e.g. a cross-unit network of employees).
        Network = "network",
        /// Anything else.
        Other = "other",
    }
}

impl ActorKind {
    /// The sector an actor of this kind belongs to when the document says none.
    pub fn default_sector(self) -> Sector {
        match self {
            ActorKind::Employee | ActorKind::Unit | ActorKind::Politician => Sector::Municipality,
            ActorKind::Volunteer
            | ActorKind::Organisation
            | ActorKind::Community
            | ActorKind::Citizen
            | ActorKind::Network => Sector::CivilSociety,
            ActorKind::Business => Sector::Business,
            ActorKind::Other => Sector::Other,
        }
    }

    /// Whether actors of this kind are groups, reached through their members.
    pub fn is_group(self) -> bool {
        matches!(
            self,
            ActorKind::Unit | ActorKind::Organisation | ActorKind::Community | ActorKind::Network
        )
    }
}

word_enum! {
    /// The sector an actor works in.
    pub enum Sector {
        /// The municipality.
        Municipality = "municipality",
        /// Civil society: volunteers, associations, communities.
        CivilSociety = "civil_society",
        /// Business.
        Business = "business",
        /// Anything else.
        Other = "other",
    }
}

word_enum! {
    /// What kind of contact an interaction was.
    pub enum InteractionKind {
        /// A planned meeting.
        Meeting = "meeting",
        /// Coffee, a chance talk.
        Informal = "informal",
        /// A phone or video call.
        Call = "call",
        /// E-mail, letter, chat.
        Message = "message",
        /// Took part in the same activity.
        Event = "event",
        /// The initiator asks the others for an answer or help.
        Request = "request",
        /// Worked together on a task.
        Collaboration = "collaboration",
    }
}

impl InteractionKind {
    /// Whether an interaction of this kind is formal when the document does not say.
    pub fn default_formal(self) -> bool {
        matches!(self, InteractionKind::Meeting | InteractionKind::Request)
    }

    /// Formality as written, else this kind's default.
    pub(crate) fn formal_unless(self, written: Option<bool>) -> bool {
        written.unwrap_or_else(|| self.default_formal())
    }
}

word_enum! {
    /// How an interaction went.
    pub enum Outcome {
        /// It went well.
        Positive = "positive",
        /// Nothing in particular (the default).
        Neutral = "neutral",
        /// A conflict or a broken promise.
        Negative = "negative",
    }
}

word_enum! {
    /// Where an initiative stands.
    pub enum InitiativeStatus {
        /// Thought of, not started.
        Idea = "idea",
        /// Running.
        Active = "active",
        /// On hold.
        Paused = "paused",
        /// Delivered.
        Completed = "completed",
        /// Ended without completing.
        Stopped = "stopped",
    }
}

word_enum! {
    /// An actor's role in an initiative.
    pub enum Role {
        /// Leads it.
        Lead = "lead",
        /// A partner.
        Partner = "partner",
        /// Takes part.
        Member = "member",
        /// Pays for it.
        Funder = "funder",
        /// Sits on its steering group.
        Steering = "steering",
        /// Anything else.
        Other = "other",
    }
}

impl Outcome {
    /// The outcome as written, else neutral.
    pub(crate) fn unless(written: Option<Outcome>) -> Outcome {
        written.unwrap_or(Outcome::Neutral)
    }
}
