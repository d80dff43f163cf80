//! The names of the format's fields, by record: what a document may say.

pub(super) const DOCUMENT_FIELDS: &[&str] = &[
    "format",
    "version",
    "meta",
    "actors",
    "interactions",
    "initiatives",
];
pub(super) const ACTOR_FIELDS: &[&str] = &[
    "id",
    "kind",
    "name",
    "sector",
    "member_of",
    "contact_for",
    "area",
    "tags",
    "contact",
    "joined",
    "left",
    "extra",
];
pub(super) const CONTACT_FIELDS: &[&str] = &["phone", "email"];
pub(super) const INTERACTION_FIELDS: &[&str] = &[
    "id",
    "at",
    "participants",
    "kind",
    "initiator",
    "formal",
    "outcome",
    "answered_at",
    "answered_by",
    "initiative",
    "note",
];
pub(super) const INITIATIVE_FIELDS: &[&str] = &[
    "id",
    "name",
    "status",
    "started",
    "ended",
    "area",
    "participants",
    "outcomes",
    "description",
    "extra",
];
pub(super) const PARTICIPANT_FIELDS: &[&str] = &["actor", "role"];
pub(super) const DELIVERED_FIELDS: &[&str] = &["at", "label", "value", "unit"];

/// Every list above: a repeated key that is one of these is shown in its
/// message.
pub(super) const ALL: &[&[&str]] = &[
    DOCUMENT_FIELDS,
    ACTOR_FIELDS,
    CONTACT_FIELDS,
    INTERACTION_FIELDS,
    INITIATIVE_FIELDS,
    PARTICIPANT_FIELDS,
    DELIVERED_FIELDS,
    &["scoring"],
];
