//! The rules of format v1 that concern references and consistency.
//!
//! One set of checks serves both loading a document and changing a network
//! through the API: the caller says which ids exist, the checks say what is
//! wrong and where. Messages quote ids and field names, never names, notes or
//! contact values.

use std::collections::{HashMap, HashSet};

use super::records::{Actor, Initiative, Interaction};
use crate::error::{shown, Problem};
use crate::words::InteractionKind;

/// The most participants one interaction may have. A group interaction
/// touches every pair of its participants, so its cost grows with the square
/// of its size: 1,000 people make half a million pairs. Larger gatherings
/// (a festival) are better recorded per group that took part.
pub const MAX_PARTICIPANTS: usize = 1000;

/// The most interactions a network takes over its life: keys are never
/// reused, and each tie event holds its interaction's key in 32 bits, which
/// keeps a national network's hundreds of millions of events small.
pub const MAX_INTERACTIONS: u64 = u32::MAX as u64;

/// The deepest a free-form value (in `meta` or an `extra`) may be nested:
/// `[[1]]` is nested two levels. The same limit holds for a document and for
/// every record given to the API in any language, so whatever is accepted
/// is written as a document that reads back (the JSON reader refuses
/// documents nested deeper than 128 levels).
pub const MAX_NESTING: usize = 100;

/// The pairs that group interactions may imply before any interaction: see
/// [`pair_budget`].
pub const PAIR_BUDGET_BASE: u64 = 1_000_000;

/// The pairs each interaction adds to the budget: see [`pair_budget`].
pub const PAIR_BUDGET_PER_INTERACTION: u64 = 32;

/// The most pairs that `interactions` interactions may imply together. An
/// interaction of n participants touches n(n−1)/2 ties, and every analysis
/// pays for each: 200 meetings of 1,000 people imply a hundred million
/// pairs from a 1.6 MB document. A municipality's records (mostly meetings
/// of two to a few dozen people) stay far below this; a document or a
/// change that goes beyond it is refused with a `LimitError` before the
/// work starts.
pub fn pair_budget(interactions: u64) -> u64 {
    PAIR_BUDGET_BASE.saturating_add(PAIR_BUDGET_PER_INTERACTION.saturating_mul(interactions))
}

/// The pairs an interaction of `participants` people implies.
pub(crate) fn pairs_of(participants: usize) -> u64 {
    let n = participants as u64;
    n.saturating_mul(n.saturating_sub(1)) / 2
}

/// The limit error for implied pairs beyond the budget at `place`.
pub(crate) fn over_budget(place: &str, pairs: u64, interactions: u64) -> crate::error::Error {
    crate::error::Error::Limit {
        place: place.to_owned(),
        message: format!(
            "group interactions imply {pairs} pairs of participants, more than the {} allowed \
             for {interactions} interactions (1,000,000 plus 32 per interaction); record a large \
             gathering per group that took part",
            pair_budget(interactions)
        ),
    }
}

/// How deep a value is nested: 0 for a scalar, 1 for `[1]`. Counted with a
/// list, not by recursion, so that no value can overflow the stack.
pub(crate) fn nesting(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    let mut deepest = 0;
    let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((v, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|x| (x, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|x| (x, depth + 1))),
            _ => {}
        }
    }
    deepest
}

/// The nesting rule for a map of free-form values (`meta`, `extra`).
pub(crate) fn check_free_form(
    values: &serde_json::Map<String, serde_json::Value>,
    base: &str,
    field: &str,
    out: &mut Vec<Problem>,
) {
    for v in values.values() {
        if nesting(v) > MAX_NESTING {
            out.push(Problem::new(
                place(base, field),
                format!("is nested deeper than {MAX_NESTING} levels"),
            ));
            return;
        }
    }
}

/// Which ids exist where the record is checked.
pub(crate) trait Ids {
    fn actor(&self, id: &str) -> bool;
    fn initiative(&self, id: &str) -> bool;
}

fn place(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else {
        format!("{base}.{field}")
    }
}

fn check_refs(list: &[String], base: &str, field: &str, ids: &dyn Ids, out: &mut Vec<Problem>) {
    for (i, id) in list.iter().enumerate() {
        if !ids.actor(id) {
            out.push(Problem::new(
                format!("{}[{i}]", place(base, field)),
                format!("unknown actor {}", shown(id)),
            ));
        }
    }
}

/// An id is the user's string, any but the empty one.
fn check_id(id: &str, base: &str, out: &mut Vec<Problem>) {
    if id.is_empty() {
        out.push(Problem::new(place(base, "id"), "must not be empty"));
    }
}

/// The rules for one actor, except uniqueness and membership cycles.
pub(crate) fn check_actor(a: &Actor, base: &str, ids: &dyn Ids, out: &mut Vec<Problem>) {
    check_id(&a.id, base, out);
    check_free_form(&a.extra, base, "extra", out);
    check_refs(&a.member_of, base, "member_of", ids, out);
    check_refs(&a.contact_for, base, "contact_for", ids, out);
    if a.member_of.contains(&a.id) {
        out.push(Problem::new(
            place(base, "member_of"),
            format!("actor {} cannot be a member of itself", shown(&a.id)),
        ));
    }
    if let (Some(joined), Some(left)) = (a.joined, a.left) {
        if left < joined {
            out.push(Problem::new(place(base, "left"), "is before joined"));
        }
    }
}

/// The rules for one interaction, except uniqueness of its id.
pub(crate) fn check_interaction(
    x: &Interaction,
    base: &str,
    ids: &dyn Ids,
    out: &mut Vec<Problem>,
) {
    if let Some(id) = &x.id {
        check_id(id, base, out);
    }
    if x.participants.len() > MAX_PARTICIPANTS {
        out.push(Problem::new(
            place(base, "participants"),
            format!(
                "{} participants; a group interaction has at most {MAX_PARTICIPANTS} participants",
                x.participants.len()
            ),
        ));
        return;
    }
    if x.participants.len() < 2 {
        out.push(Problem::new(
            place(base, "participants"),
            "needs two or more distinct actors",
        ));
    }
    // A set only for large groups: a load checks millions of pairs and
    // threes, for which a look back costs less than a set.
    let small = x.participants.len() <= 16;
    let mut seen = HashSet::new();
    for (i, p) in x.participants.iter().enumerate() {
        // Written out only for a problem: a load checks millions of these.
        let at = || format!("{}[{i}]", place(base, "participants"));
        let twice = if small {
            x.participants[..i].contains(p)
        } else {
            !seen.insert(p.as_str())
        };
        if !ids.actor(p) {
            out.push(Problem::new(at(), format!("unknown actor {}", shown(p))));
        } else if twice {
            out.push(Problem::new(
                at(),
                format!("actor {} is listed twice", shown(p)),
            ));
        }
    }
    let is_participant = |id: &str| x.participants.iter().any(|p| p == id);
    match &x.initiator {
        Some(i) if !is_participant(i) => out.push(Problem::new(
            place(base, "initiator"),
            format!("actor {} is not among the participants", shown(i)),
        )),
        None if x.kind == InteractionKind::Request => out.push(Problem::new(
            base.to_owned(),
            "missing required field \"initiator\" (a request needs one)",
        )),
        _ => {}
    }
    if x.kind != InteractionKind::Request {
        if x.answered_at.is_some() {
            out.push(Problem::new(
                place(base, "answered_at"),
                "only a request can be answered",
            ));
        }
        if x.answered_by.is_some() {
            out.push(Problem::new(
                place(base, "answered_by"),
                "only a request can be answered",
            ));
        }
    }
    if let Some(by) = &x.answered_by {
        if !is_participant(by) {
            out.push(Problem::new(
                place(base, "answered_by"),
                format!("actor {} is not among the participants", shown(by)),
            ));
        }
    }
    if let Some(answered) = &x.answered_at {
        if *answered < x.at {
            out.push(Problem::new(place(base, "answered_at"), "is before at"));
        }
    }
    if let Some(ini) = &x.initiative {
        if !ids.initiative(ini) {
            out.push(Problem::new(
                place(base, "initiative"),
                format!("unknown initiative {}", shown(ini)),
            ));
        }
    }
}

/// The rules for one initiative, except uniqueness of its id.
pub(crate) fn check_initiative(
    ini: &Initiative,
    base: &str,
    ids: &dyn Ids,
    out: &mut Vec<Problem>,
) {
    check_free_form(&ini.extra, base, "extra", out);
    check_id(&ini.id, base, out);
    if let (Some(started), Some(ended)) = (ini.started, ini.ended) {
        if ended < started {
            out.push(Problem::new(place(base, "ended"), "is before started"));
        }
    }
    for (i, p) in ini.participants.iter().enumerate() {
        if !ids.actor(&p.actor) {
            out.push(Problem::new(
                format!("{}[{i}].actor", place(base, "participants")),
                format!("unknown actor {}", shown(&p.actor)),
            ));
        }
    }
    for (i, o) in ini.outcomes.iter().enumerate() {
        if !o.value.is_finite() {
            out.push(Problem::new(
                format!("{}[{i}].value", place(base, "outcomes")),
                "must be a finite number",
            ));
        }
    }
}

/// Places of actors that are members of themselves through a cycle of
/// `member_of`. `member_of` maps each actor id to its groups; `place_of`
/// names the actor's place for the message.
pub(crate) fn membership_cycles<'a>(
    member_of: &HashMap<&'a str, &'a [String]>,
    place_of: &dyn Fn(&str) -> String,
    out: &mut Vec<Problem>,
) {
    // Iterative colouring DFS: documents can be deep, the stack must not be.
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        Grey,
        Black,
    }
    let mut colour: HashMap<&str, Colour> = HashMap::new();
    let mut reported: HashSet<&str> = HashSet::new();
    let mut roots: Vec<&str> = member_of.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        if colour.contains_key(root) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        colour.insert(root, Colour::Grey);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let groups = member_of.get(node).copied().unwrap_or(&[]);
            if let Some(group) = groups.get(*next) {
                *next += 1;
                let group = group.as_str();
                if !member_of.contains_key(group) {
                    continue; // an unknown id, reported elsewhere
                }
                match colour.get(group) {
                    None => {
                        colour.insert(group, Colour::Grey);
                        stack.push((group, 0));
                    }
                    Some(Colour::Grey) => {
                        if group != node && reported.insert(group) {
                            out.push(Problem::new(
                                format!("{}.member_of", place_of(group)),
                                format!(
                                    "actor {group:?} is a member of itself through a cycle of member_of"
                                ),
                            ));
                        }
                    }
                    Some(Colour::Black) => {}
                }
            } else {
                colour.insert(node, Colour::Black);
                stack.pop();
            }
        }
    }
}
