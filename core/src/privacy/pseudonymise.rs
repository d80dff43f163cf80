//! Pseudonymised export: the same network with every id replaced by a keyed
//! hash and the personal fields dropped, for research or other departments.

use std::collections::HashMap;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{Error, Result};
use crate::model::{Actor, Extra, Initiative, Interaction, Network};

/// The shortest key accepted, in bytes: a shorter one could be guessed.
pub const MIN_KEY_BYTES: usize = 16;

struct Pseudonyms {
    key: Vec<u8>,
    seen: HashMap<String, String>,
}

impl Pseudonyms {
    /// `prefix` + the first 16 hex digits of HMAC-SHA256(key, kind:id).
    fn of(&mut self, kind: &str, prefix: &str, id: &str) -> Result<String> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key)
            .map_err(|_| Error::invalid("key", "cannot be used as an HMAC key"))?;
        mac.update(kind.as_bytes());
        mac.update(b":");
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let pseudonym = format!("{prefix}{hex}");
        let key = format!("{kind}:{id}");
        match self.seen.get(&pseudonym) {
            Some(other) if *other != key => Err(Error::invalid(
                "key",
                "gives two ids the same pseudonym; use another key",
            )),
            _ => {
                self.seen.insert(pseudonym.clone(), key);
                Ok(pseudonym)
            }
        }
    }

    fn actors(&mut self, ids: &[String]) -> Result<Vec<String>> {
        ids.iter().map(|id| self.of("actor", "a-", id)).collect()
    }
}

impl Network {
    /// A pseudonymised copy: every id of actors, interactions and
    /// initiatives replaced by a keyed hash (HMAC-SHA256 with `key`, 64 bits
    /// shown), and names, contact details, notes, descriptions and the
    /// user-defined `extra` and `meta` values (but the scoring settings)
    /// dropped. An initiative's name, which the
    /// format requires, becomes its pseudonym. Kinds, sectors, areas, tags,
    /// dates, outcomes and the scoring settings stay, so every analysis gives
    /// the same answers on the copy.
    ///
    /// The same key gives the same pseudonyms, so exports made at different
    /// times can be joined; without the key they cannot be reversed. The key
    /// must be at least 16 bytes.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/skovlund.json"))?;
    /// let key = b"a secret of the municipality";
    /// let copy = net.pseudonymised(key)?;
    /// assert!(!copy.to_json().contains("v-inge") && !copy.to_json().contains("Inge"));
    /// assert_eq!(copy.to_json(), net.pseudonymised(key)?.to_json());
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn pseudonymised(&self, key: &[u8]) -> Result<Network> {
        if key.len() < MIN_KEY_BYTES {
            return Err(Error::invalid(
                "key",
                format!("must be at least {MIN_KEY_BYTES} bytes"),
            ));
        }
        let mut p = Pseudonyms {
            key: key.to_vec(),
            seen: HashMap::new(),
        };
        let mut out = Network::new();
        // Free-form meta values may say anything; only the scoring settings go along.
        let mut meta = crate::model::Extra::new();
        if let Some(scoring) = self.meta().get("scoring") {
            meta.insert("scoring".to_owned(), scoring.clone());
        }
        out.edit().set_meta(meta, self.scoring().clone());
        let mut actors = Vec::new();
        for a in self.actors() {
            let mut b = Actor::new(p.of("actor", "a-", &a.id)?, a.kind);
            b.sector_written = a.sector_written;
            b.member_of = p.actors(&a.member_of)?;
            b.contact_for = p.actors(&a.contact_for)?;
            b.area = a.area.clone();
            b.tags = a.tags.clone();
            b.joined = a.joined;
            b.left = a.left;
            actors.push(b);
        }
        actors.sort_by(|x, y| x.id.cmp(&y.id));
        for a in actors {
            out.edit().insert_actor(a);
        }
        for ini in self.initiatives() {
            let id = p.of("initiative", "i-", &ini.id)?;
            let mut j = Initiative::new(id.clone(), id, ini.status);
            j.started = ini.started;
            j.ended = ini.ended;
            j.area = ini.area.clone();
            j.participants = ini
                .participants
                .iter()
                .map(|x| {
                    Ok(crate::model::Participant {
                        actor: p.of("actor", "a-", &x.actor)?,
                        role: x.role,
                    })
                })
                .collect::<Result<_>>()?;
            j.outcomes = ini.outcomes.clone();
            j.extra = Extra::new();
            out.edit().put_initiative(j);
        }
        for (_, x) in self.interactions() {
            let mut y = Interaction::new(x.at, p.actors(&x.participants)?, x.kind);
            y.id =
                x.id.as_deref()
                    .map(|id| p.of("interaction", "x-", id))
                    .transpose()?;
            let one = |p: &mut Pseudonyms, v: &Option<String>| {
                v.as_deref().map(|id| p.of("actor", "a-", id)).transpose()
            };
            y.initiator = one(&mut p, &x.initiator)?;
            y.answered_by = one(&mut p, &x.answered_by)?;
            y.formal_written = x.formal_written;
            y.outcome_written = x.outcome_written;
            y.answered_at = x.answered_at;
            y.initiative = x
                .initiative
                .as_deref()
                .map(|id| p.of("initiative", "i-", id))
                .transpose()?;
            out.edit().insert_interaction(y, false);
        }
        out.edit().sort_ties();
        Ok(out)
    }
}
