//! Pseudonymised export: the same network with every id replaced by a keyed
//! hash and the personal fields dropped, for research or other departments.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::error::{Error, Result};
use crate::model::{Actor, ActorKind, Extra, Initiative, Interaction, Network};
use crate::time::Moment;

/// The shortest key accepted, in bytes: a shorter one could be guessed.
pub const MIN_KEY_BYTES: usize = 16;

/// The fewest different byte values a key must hold: sixteen zero bytes, or
/// a word repeated, is no secret.
pub const MIN_KEY_DISTINCT_BYTES: usize = 8;

/// How finely a pseudonymised copy keeps time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeDetail {
    /// The instant, in UTC (the offset it was written with, which can tell
    /// where someone was, is dropped).
    Exact,
    /// The date (UTC) of each instant: the default.
    #[default]
    Day,
    /// The Monday (UTC) of each instant's week.
    Week,
}

/// What a pseudonymised copy keeps beyond the structure; see
/// [`Network::pseudonymised_with`]. The default keeps least.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PseudonymOptions {
    /// How finely interactions, answers, `joined`/`left` and initiatives'
    /// dates are kept.
    pub time: TimeDetail,
    /// Actor kinds that fewer actors than this have become `other` (one
    /// politician, one citizen in a network is as good as a name). 1 keeps
    /// every kind.
    pub min_kind_count: usize,
    /// Keep actors' and initiatives' areas.
    pub keep_areas: bool,
    /// Keep actors' tags (`chair-culture-committee` can name a person).
    pub keep_tags: bool,
    /// Keep the labels and units of initiatives' outcomes.
    pub keep_outcome_labels: bool,
}

impl Default for PseudonymOptions {
    fn default() -> Self {
        PseudonymOptions {
            time: TimeDetail::Day,
            min_kind_count: 5,
            keep_areas: false,
            keep_tags: false,
            keep_outcome_labels: false,
        }
    }
}

impl PseudonymOptions {
    /// Everything but ids and personal fields kept, instants exact (in
    /// UTC): every analysis gives the same answers on the copy. For sharing
    /// with someone who may hold more identifying detail.
    pub fn exact() -> Self {
        PseudonymOptions {
            time: TimeDetail::Exact,
            min_kind_count: 1,
            keep_areas: true,
            keep_tags: true,
            keep_outcome_labels: true,
        }
    }

    fn date(&self, d: NaiveDate) -> NaiveDate {
        match self.time {
            // The Monday before; a date too early to have one (made through
            // the API) stays as it is rather than overflow.
            TimeDetail::Week => d
                .checked_sub_signed(chrono::Duration::days(i64::from(
                    d.weekday().num_days_from_monday(),
                )))
                .unwrap_or(d),
            _ => d,
        }
    }

    fn moment(&self, m: Moment) -> Moment {
        match self.time {
            TimeDetail::Exact => match m {
                Moment::Date(d) => Moment::Date(d),
                Moment::DateTime(t) => {
                    Moment::DateTime(t.with_timezone(&chrono::Utc).fixed_offset())
                }
            },
            _ => Moment::Date(self.date(m.date())),
        }
    }
}

/// How easily actors of a network could be told apart by what a
/// pseudonymised copy keeps of them: kind, sector, area, tags, `joined`,
/// `left`, and the groups they belong to and are contact for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReidentificationRisk {
    /// Actors in the network.
    pub actors: usize,
    /// The size of the smallest group of actors who share every kept
    /// attribute (k in k-anonymity): 1 means someone is unique.
    pub smallest_group: usize,
    /// Actors alone in their group.
    pub unique_actors: usize,
    /// How many actors are in groups of each size, by size (written with
    /// the sizes as text keys, as JSON objects have).
    #[serde(serialize_with = "sizes_as_text")]
    pub group_sizes: BTreeMap<usize, usize>,
}

fn sizes_as_text<S: serde::Serializer>(
    sizes: &BTreeMap<usize, usize>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_map(sizes.iter().map(|(k, v)| (k.to_string(), v)))
}

struct Pseudonyms {
    key: Vec<u8>,
    seen: HashMap<String, String>,
}

impl Pseudonyms {
    /// `prefix` + the HMAC-SHA256(key, kind:id), all 64 hex digits.
    fn of(&mut self, kind: &str, prefix: &str, id: &str) -> Result<String> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key)
            .map_err(|_| Error::invalid("key", "cannot be used as an HMAC key"))?;
        mac.update(kind.as_bytes());
        mac.update(b":");
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
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
    /// A pseudonymised copy with the default [`PseudonymOptions`]: every id
    /// replaced by a keyed hash, personal fields dropped, time kept to the
    /// day, rare kinds generalised, and areas, tags and outcome labels
    /// dropped. See [`Network::pseudonymised_with`].
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
        self.pseudonymised_with(key, &PseudonymOptions::default())
    }

    /// A pseudonymised copy. Always: every id of actors, interactions and
    /// initiatives becomes `a-`, `x-` or `i-` and the full HMAC-SHA256 of it
    /// under `key` (64 hex digits); names, contact details, notes,
    /// descriptions, `extra` values and `meta` (but the scoring settings)
    /// are dropped; an initiative's name becomes its pseudonym; instants
    /// lose the offset they were written with. As `options` say: time kept
    /// exact, to the day or to the week; kinds fewer than
    /// `min_kind_count` actors have become `other`; areas, tags and outcome
    /// labels kept or dropped. Kept always: sectors, the structure of
    /// membership and contact, interactions' kinds, formality, outcomes and
    /// who took part, initiatives' status and roles, outcome values.
    ///
    /// The same key gives the same pseudonyms, so exports made at different
    /// times can be joined; without the key they cannot be reversed. The key
    /// must be at least [`MIN_KEY_BYTES`] bytes with at least
    /// [`MIN_KEY_DISTINCT_BYTES`] different byte values. With
    /// [`PseudonymOptions::exact`] every analysis gives the same answers on
    /// the copy; coarser time moves scores a little. Check what is left with
    /// [`Network::reidentification_risk`] on the copy before sharing it.
    pub fn pseudonymised_with(&self, key: &[u8], options: &PseudonymOptions) -> Result<Network> {
        if key.len() < MIN_KEY_BYTES {
            return Err(Error::invalid(
                "key",
                format!("must be at least {MIN_KEY_BYTES} bytes"),
            ));
        }
        let distinct = key.iter().collect::<std::collections::HashSet<_>>().len();
        if distinct < MIN_KEY_DISTINCT_BYTES {
            return Err(Error::invalid(
                "key",
                format!(
                    "is too weak: it holds {distinct} different byte values, at least \
                     {MIN_KEY_DISTINCT_BYTES} are needed (use a long random secret)"
                ),
            ));
        }
        let mut p = Pseudonyms {
            key: key.to_vec(),
            seen: HashMap::new(),
        };
        let mut kinds: HashMap<ActorKind, usize> = HashMap::new();
        for a in self.actors() {
            *kinds.entry(a.kind).or_default() += 1;
        }
        let kind_of = |k: ActorKind| {
            if kinds.get(&k).copied().unwrap_or(0) < options.min_kind_count {
                ActorKind::Other
            } else {
                k
            }
        };
        let mut out = Network::new();
        // The copy is made in one change: nothing reads it before the end.
        let state = out.edit();
        // Free-form meta values may say anything; only the scoring settings go along.
        let mut meta = crate::model::Extra::new();
        if let Some(scoring) = self.meta().get("scoring") {
            meta.insert("scoring".to_owned(), scoring.clone());
        }
        state.set_meta(meta, self.scoring().clone());
        let mut actors = Vec::new();
        for a in self.actors() {
            let mut b = Actor::new(p.of("actor", "a-", &a.id)?, kind_of(a.kind));
            // The sector in force, so that a generalised kind keeps it.
            b.sector_written = Some(a.sector());
            b.member_of = p.actors(&a.member_of)?;
            b.contact_for = p.actors(&a.contact_for)?;
            if options.keep_areas {
                b.area = a.area.clone();
            }
            if options.keep_tags {
                b.tags = a.tags.clone();
            }
            b.joined = a.joined.map(|d| options.date(d));
            b.left = a.left.map(|d| options.date(d));
            actors.push(b);
        }
        actors.sort_by(|x, y| x.id.cmp(&y.id));
        for a in actors {
            state.insert_actor(a);
        }
        for ini in self.initiatives() {
            let id = p.of("initiative", "i-", &ini.id)?;
            let mut j = Initiative::new(id.clone(), id, ini.status);
            j.started = ini.started.map(|d| options.date(d));
            j.ended = ini.ended.map(|d| options.date(d));
            if options.keep_areas {
                j.area = ini.area.clone();
            }
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
            j.outcomes = ini
                .outcomes
                .iter()
                .map(|o| {
                    let mut o = o.clone();
                    o.at = options.date(o.at);
                    if !options.keep_outcome_labels {
                        o.label = "outcome".to_owned();
                        o.unit = None;
                    }
                    o
                })
                .collect();
            j.extra = Extra::new();
            state.put_initiative(j);
        }
        for (_, x) in self.interactions() {
            let mut y = Interaction::new(options.moment(x.at), p.actors(&x.participants)?, x.kind);
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
            y.answered_at = x.answered_at.map(|m| options.moment(m));
            y.initiative = x
                .initiative
                .as_deref()
                .map(|id| p.of("initiative", "i-", id))
                .transpose()?;
            state.insert_interaction(y, false);
        }
        state.sort_ties();
        Ok(out)
    }

    /// How easily this network's actors could be told apart by the
    /// attributes a pseudonymised copy can keep (kind, sector, area, tags,
    /// `joined`, `left`, the groups they belong to and are contact for):
    /// run it on a copy before sharing it. Who met whom can single people
    /// out as well; this measures the records alone.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let copy = net.pseudonymised(b"a secret of the municipality")?;
    /// let risk = copy.reidentification_risk();
    /// assert!(risk.smallest_group >= 1 && risk.unique_actors <= risk.actors);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn reidentification_risk(&self) -> ReidentificationRisk {
        let mut groups: HashMap<String, usize> = HashMap::new();
        for a in self.actors() {
            let mut tags = a.tags.clone();
            tags.sort();
            let mut member_of = a.member_of.clone();
            member_of.sort();
            let mut contact_for = a.contact_for.clone();
            contact_for.sort();
            let key = serde_json::json!([
                a.kind.as_str(),
                a.sector().as_str(),
                a.area,
                tags,
                a.joined.map(|d| d.to_string()),
                a.left.map(|d| d.to_string()),
                member_of,
                contact_for
            ])
            .to_string();
            *groups.entry(key).or_default() += 1;
        }
        let mut group_sizes: BTreeMap<usize, usize> = BTreeMap::new();
        for &size in groups.values() {
            *group_sizes.entry(size).or_default() += size;
        }
        ReidentificationRisk {
            actors: self.actor_count(),
            smallest_group: groups.values().copied().min().unwrap_or(0),
            unique_actors: group_sizes.get(&1).copied().unwrap_or(0),
            group_sizes,
        }
    }
}
