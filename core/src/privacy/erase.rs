//! GDPR erasure: an actor and every trace of it.

use serde::Serialize;

use crate::error::Result;
use crate::model::{InteractionKey, InteractionKind, Network};

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erased {
    /// Interactions removed whole: those left with fewer than two
    /// participants, and requests the actor made.
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
    /// requests it made; its place in group interactions (as participant,
    /// initiator or answerer); the notes of every interaction it took part
    /// in, since a note may speak of it; the ids of those interactions when
    /// they spell its id; its place in initiatives; and others' `member_of`
    /// and `contact_for` entries that name it. Scores are computed from
    /// what remains, so none brings erased data back.
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
            let own_request =
                x.kind == InteractionKind::Request && x.initiator.as_deref() == Some(id);
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
