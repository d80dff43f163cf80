//! Retention: interactions older than a limit are deleted, notes and all.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{InteractionKey, Network};
use crate::time::Moment;

/// What a purge removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    /// Interactions removed.
    pub interactions_removed: usize,
    /// Of those, how many had a note.
    pub notes_removed: usize,
}

impl Network {
    /// Removes every interaction before `date` (midnight UTC at its start),
    /// with its note, for a retention limit. Actors, initiatives and later
    /// interactions stay, so the network remains valid; trust is computed from
    /// what remains.
    ///
    /// ```
    /// use samskab::Network;
    /// let mut net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/skovlund.json"))?;
    /// let purged = net.purge_before("2024-01-01".parse().expect("a date"));
    /// assert_eq!(purged.interactions_removed, 2);
    /// let limit: samskab::Moment = "2024-01-01".parse()?;
    /// assert!(net.interactions().all(|(_, x)| x.at >= limit));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn purge_before(&mut self, date: NaiveDate) -> Purged {
        let limit = Moment::Date(date);
        let old: Vec<InteractionKey> = self
            .store()
            .iter()
            .filter(|(_, x)| x.at() < limit)
            .map(|(k, _)| k)
            .collect();
        let mut purged = Purged::default();
        let state = self.edit();
        for key in old {
            if let Some(x) = state.detach_interaction(key) {
                purged.interactions_removed += 1;
                if x.note.is_some() {
                    purged.notes_removed += 1;
                }
            }
        }
        purged
    }
}
