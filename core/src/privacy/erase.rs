//! GDPR erasure: an actor and every trace of it.

use serde::Serialize;

use crate::error::Result;
use crate::model::{InteractionKey, InteractionKind, Network};

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erased {
    /// Interactions removed whole: those left with fewer than two
    /// participants, and requests the actor made or answered.
    pub interactions_removed: usize,
    /// Group interactions the actor was taken out of.
    pub interactions_changed: usize,
    /// Notes dropped, from removed and changed interactions alike.
    pub notes_dropped: usize,
    /// Initiatives the actor was taken out of.
    pub initiatives_changed: usize,
    /// Entries naming the actor removed from others' `member_of` and `contact_for`.
    pub references_removed: usize,
}

impl Network {
    /// Erases actor `id` and every trace of it (GDPR, N11): its record; the
    /// interactions that are left with fewer than two participants and the
    /// requests it made or answered; its place in group interactions (as participant,
    /// initiator or answerer); the notes of every interaction it took part
    /// in, since a note may speak of it; the ids of those interactions when
    /// they spell its id; its place in initiatives; and others' `member_of`
    /// and `contact_for` entries that name it. Scores are computed from
    /// what remains, so none brings erased data back.
    ///
    /// What erasure cannot find: the person's name or id written into
    /// *other* records' free text (the notes of interactions they took no
    /// part in, initiatives' names and descriptions, areas, tags, `extra`
    /// values, `meta`). [`Network::mentions`] lists those places for review
    /// before erasing.
    ///
    /// ```
    /// use samskab::Network;
    /// let mut net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/skovlund.json"))?;
    /// let erased = net.erase("v-inge")?;
    /// assert!(erased.interactions_removed > 0);
    /// assert!(!net.to_json().contains("v-inge"));
    /// assert!(!net.to_json().contains("Inge"));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn erase(&mut self, id: &str) -> Result<Erased> {
        let node = self.node(id)?;
        let name = self.graph()[node]
            .name
            .clone()
            .filter(|n| !n.trim().is_empty());
        let spells =
            |text: &str| text.contains(id) || name.as_deref().is_some_and(|n| text.contains(n));
        let mut erased = Erased::default();
        let keys: Vec<InteractionKey> = self
            .store()
            .iter()
            .filter(|(_, x)| x.members().any(|n| n == node))
            .map(|(k, _)| k)
            .collect();
        let state = self.edit();
        for key in keys {
            let Some(mut x) = state.detach_interaction(key) else {
                continue;
            };
            if x.note.take().is_some() {
                erased.notes_dropped += 1;
            }
            // A request the actor answered goes too: without its answerer,
            // another participant would be taken to have answered it (and
            // gain the trust), or nobody (and be blamed for it).
            let own_request = x.kind == InteractionKind::Request
                && (x.initiator.as_deref() == Some(id) || x.answered_by.as_deref() == Some(id));
            x.participants.retain(|p| p != id);
            if own_request || x.participants.len() < 2 {
                erased.interactions_removed += 1;
                continue;
            }
            if x.initiator.as_deref() == Some(id) {
                x.initiator = None;
            }
            if x.answered_by.as_deref() == Some(id) {
                x.answered_by = None;
            }
            if x.id.as_deref().is_some_and(spells) {
                x.id = None;
            }
            erased.interactions_changed += 1;
            state.attach_interaction(key, x, true);
        }
        erased.initiatives_changed = state.leave_initiatives(id);
        erased.references_removed = state.forget_references(id);
        state.remove_node(id, node);
        Ok(erased)
    }
}

/// A place where an actor's id or name appears in another record's free
/// text, for review before erasure. The text itself is not repeated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The place in the document (`interactions[12].note`,
    /// `initiatives[0].extra.contact`), interactions counted in the
    /// canonical order the document is written in.
    pub place: String,
    /// What matched: `"id"` or `"name"`.
    pub matched: &'static str,
}

impl Network {
    /// Where actor `id`'s id or name (any case) appears in free text that
    /// [`Network::erase`] does not remove: other actors' names, areas, tags
    /// and `extra`; the notes and ids of interactions the actor took no part
    /// in; initiatives' names, areas, descriptions, outcome labels and
    /// `extra`; and `meta`. The whole name is looked for, and each word of
    /// it of three letters or more as a whole word (so a note about "Inge"
    /// is found for Inge Dal), in any case.
    ///
    /// ```
    /// use samskab::{Interaction, InteractionKind, Network};
    /// let mut net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/skovlund.json"))?;
    /// let mut x = Interaction::new("2024-05-01".parse()?, ["e-tove", "e-lars"], InteractionKind::Call);
    /// x.note = Some("Talte med Inge om lektiecaféen".into());
    /// net.add_interaction(x)?;
    /// let found = net.mentions("v-inge")?;
    /// assert!(found.iter().any(|m| m.place.ends_with(".note") && m.matched == "name"));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn mentions(&self, id: &str) -> Result<Vec<Mention>> {
        let node = self.node(id)?;
        // The whole name, and each of its words of three letters or more
        // ("Inge" in a note about Inge Dal), as whole words of the text.
        let name = self.graph()[node]
            .name
            .as_deref()
            .unwrap_or("")
            .to_lowercase();
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_owned)
                .collect()
        };
        let name_words = words(&name);
        let mut found = Vec::new();
        let mut look = |place: String, text: &str| {
            let lower = text.to_lowercase();
            let named = (name.trim().chars().count() >= 3 && lower.contains(name.trim()))
                || words(&lower).iter().any(|w| name_words.contains(w));
            if text.contains(id) {
                found.push(Mention {
                    place,
                    matched: "id",
                });
            } else if named {
                found.push(Mention {
                    place,
                    matched: "name",
                });
            }
        };
        for (i, a) in self.actors().iter().enumerate() {
            if a.id == id {
                continue;
            }
            let at = format!("actors[{i}]");
            if let Some(n) = &a.name {
                look(format!("{at}.name"), n);
            }
            if let Some(area) = &a.area {
                look(format!("{at}.area"), area);
            }
            for (j, tag) in a.tags.iter().enumerate() {
                look(format!("{at}.tags[{j}]"), tag);
            }
            free_form(&a.extra, &format!("{at}.extra"), &mut look);
        }
        for (i, (_, x)) in self.interactions().enumerate() {
            if x.participants.iter().any(|p| p == id) {
                continue;
            }
            let at = format!("interactions[{i}]");
            if let Some(note) = &x.note {
                look(format!("{at}.note"), note);
            }
            if let Some(xid) = &x.id {
                look(format!("{at}.id"), xid);
            }
        }
        for (i, ini) in self.initiatives().iter().enumerate() {
            let at = format!("initiatives[{i}]");
            look(format!("{at}.name"), &ini.name);
            for (field, text) in [("area", &ini.area), ("description", &ini.description)] {
                if let Some(text) = text {
                    look(format!("{at}.{field}"), text);
                }
            }
            for (j, o) in ini.outcomes.iter().enumerate() {
                look(format!("{at}.outcomes[{j}].label"), &o.label);
            }
            free_form(&ini.extra, &format!("{at}.extra"), &mut look);
        }
        free_form(self.meta(), "meta", &mut look);
        Ok(found)
    }
}

/// Every string (keys too) in free-form values, with its place.
fn free_form(values: &crate::model::Extra, base: &str, look: &mut impl FnMut(String, &str)) {
    let mut stack: Vec<(String, &serde_json::Value)> = values
        .iter()
        .map(|(k, v)| (format!("{base}.{k}"), v))
        .collect();
    for (k, _) in values {
        look(format!("{base}.{k}"), k);
    }
    while let Some((place, v)) = stack.pop() {
        match v {
            serde_json::Value::String(s) => look(place, s),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((format!("{place}[{i}]"), item));
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    look(format!("{place}.{k}"), k);
                    stack.push((format!("{place}.{k}"), item));
                }
            }
            _ => {}
        }
    }
}
