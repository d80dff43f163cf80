//! Property tests over generated documents: nothing is lost on the way
//! through, output is canonical, scores are in range and do not depend on
//! the order things were added, and no input makes the reader panic.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use proptest::sample::subsequence;
use samskab::{Interaction, InteractionKind, Moment, Network, Outcome};
use serde_json::{json, Map, Value};

fn any_json(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("\\PC{0,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

fn extra() -> impl Strategy<Value = Option<Map<String, Value>>> {
    prop::option::of(
        prop::collection::btree_map("[a-z_]{1,8}", any_json(2), 0..4)
            .prop_map(|m| m.into_iter().collect()),
    )
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..73_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(d))
}

fn moment() -> impl Strategy<Value = Moment> {
    prop_oneof![
        date().prop_map(Moment::Date),
        (date(), 0i64..86_400_000, -47i32..=56).prop_map(|(d, ms, quarter_hours)| {
            let offset = FixedOffset::east_opt(quarter_hours * 900).unwrap();
            let utc = d.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::milliseconds(ms);
            Moment::DateTime(offset.from_utc_datetime(&utc))
        }),
    ]
}

fn word(words: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(words)
}

const KINDS: &[&str] = &[
    "employee",
    "unit",
    "politician",
    "volunteer",
    "organisation",
    "community",
    "business",
    "citizen",
    "network",
    "other",
];
const SECTORS: &[&str] = &["municipality", "civil_society", "business", "other"];
const INTERACTION_KINDS: &[&str] = &[
    "meeting",
    "informal",
    "call",
    "message",
    "event",
    "request",
    "collaboration",
];
const OUTCOMES: &[&str] = &["positive", "neutral", "negative"];
const STATUSES: &[&str] = &["idea", "active", "paused", "completed", "stopped"];
const ROLES: &[&str] = &["lead", "partner", "member", "funder", "steering", "other"];

fn put<T: serde::Serialize>(obj: &mut Map<String, Value>, key: &str, v: Option<T>) {
    if let Some(v) = v {
        obj.insert(key.to_owned(), json!(v));
    }
}

/// A valid document with every optional field sometimes present.
fn document() -> impl Strategy<Value = Value> {
    (2usize..9, 0usize..4).prop_flat_map(|(n_actors, n_initiatives)| {
        let actor = (
            "[a-zæøå]{0,4}",
            word(KINDS),
            prop::option::of("\\PC{0,10}"),
            prop::option::of(word(SECTORS)),
            prop::collection::vec(0..n_actors, 0..3),
            prop::collection::vec(0..n_actors, 0..2),
            prop::option::of("\\PC{0,8}"),
            prop::collection::vec("[a-z-]{1,8}", 0..3),
            prop::option::of((
                prop::option::of("[+0-9 ]{4,12}"),
                prop::option::of("[a-z]{1,5}@[a-z]{1,5}\\.dk"),
            )),
            prop::option::of((date(), prop::option::of(0i64..4000))),
            extra(),
        );
        let interaction = (
            prop::option::of("[a-z0-9]{1,4}"),
            moment(),
            subsequence((0..n_actors).collect::<Vec<_>>(), 2..=n_actors.min(5)).prop_shuffle(),
            word(INTERACTION_KINDS),
            (any::<bool>(), any::<prop::sample::Index>()),
            prop::option::of(any::<bool>()),
            prop::option::of(word(OUTCOMES)),
            prop::option::of((
                0i64..90_000_000,
                prop::option::of(any::<prop::sample::Index>()),
            )),
            prop::option::of(0..n_initiatives.max(1)),
            prop::option::of("\\PC{0,20}"),
        );
        let initiative = (
            "\\PC{1,10}",
            word(STATUSES),
            prop::option::of((date(), prop::option::of(0i64..2000))),
            prop::option::of("\\PC{0,6}"),
            prop::collection::vec((0..n_actors, word(ROLES)), 0..3),
            prop::collection::vec(
                (
                    date(),
                    "\\PC{1,8}",
                    any::<f64>().prop_filter("finite", |f| f.is_finite()),
                    prop::option::of("[a-z]{1,3}"),
                ),
                0..3,
            ),
            prop::option::of("\\PC{0,20}"),
            extra(),
        );
        (
            prop::collection::vec(actor, n_actors),
            prop::collection::vec(interaction, 0..25),
            prop::collection::vec(initiative, n_initiatives),
            extra(),
        )
            .prop_map(move |(actors, interactions, initiatives, meta)| {
                let id = |i: usize, prefix: &str| format!("{prefix}{i}");
                let actor_ids: Vec<String> = actors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| id(i, &a.0))
                    .collect();
                let mut actor_values = Vec::new();
                for (i, a) in actors.into_iter().enumerate() {
                    let (
                        _,
                        kind,
                        name,
                        sector,
                        member_of,
                        contact_for,
                        area,
                        tags,
                        contact,
                        dates,
                        extra,
                    ) = a;
                    let mut o = Map::new();
                    o.insert("id".into(), json!(actor_ids[i]));
                    o.insert("kind".into(), json!(kind));
                    put(&mut o, "name", name);
                    put(&mut o, "sector", sector);
                    // Only earlier actors, so membership has no cycle.
                    let groups: Vec<&String> = member_of
                        .iter()
                        .filter(|&&g| g < i)
                        .map(|&g| &actor_ids[g])
                        .collect();
                    if !groups.is_empty() {
                        o.insert("member_of".into(), json!(groups));
                    }
                    let contacts: Vec<&String> =
                        contact_for.iter().map(|&g| &actor_ids[g]).collect();
                    if !contacts.is_empty() {
                        o.insert("contact_for".into(), json!(contacts));
                    }
                    put(&mut o, "area", area);
                    if !tags.is_empty() {
                        o.insert("tags".into(), json!(tags));
                    }
                    if let Some((phone, email)) = contact {
                        let mut c = Map::new();
                        put(&mut c, "phone", phone);
                        put(&mut c, "email", email);
                        o.insert("contact".into(), Value::Object(c));
                    }
                    if let Some((joined, left)) = dates {
                        o.insert(
                            "joined".into(),
                            json!(joined.format("%Y-%m-%d").to_string()),
                        );
                        if let Some(after) = left {
                            let left = joined + chrono::Duration::days(after);
                            o.insert("left".into(), json!(left.format("%Y-%m-%d").to_string()));
                        }
                    }
                    put(&mut o, "extra", extra);
                    actor_values.push(Value::Object(o));
                }
                let initiative_ids: Vec<String> =
                    (0..initiatives.len()).map(|i| id(i, "ini-")).collect();
                let mut initiative_values = Vec::new();
                for (i, ini) in initiatives.into_iter().enumerate() {
                    let (name, status, dates, area, participants, outcomes, description, extra) =
                        ini;
                    let mut o = Map::new();
                    o.insert("id".into(), json!(initiative_ids[i]));
                    o.insert("name".into(), json!(name));
                    o.insert("status".into(), json!(status));
                    if let Some((started, ended)) = dates {
                        o.insert(
                            "started".into(),
                            json!(started.format("%Y-%m-%d").to_string()),
                        );
                        if let Some(after) = ended {
                            let ended = started + chrono::Duration::days(after);
                            o.insert("ended".into(), json!(ended.format("%Y-%m-%d").to_string()));
                        }
                    }
                    put(&mut o, "area", area);
                    if !participants.is_empty() {
                        let ps: Vec<Value> = participants
                            .iter()
                            .map(|(a, r)| json!({"actor": actor_ids[*a], "role": r}))
                            .collect();
                        o.insert("participants".into(), Value::Array(ps));
                    }
                    if !outcomes.is_empty() {
                        let os: Vec<Value> = outcomes
                            .into_iter()
                            .map(|(at, label, value, unit)| {
                                let mut d = Map::new();
                                d.insert("at".into(), json!(at.format("%Y-%m-%d").to_string()));
                                d.insert("label".into(), json!(label));
                                d.insert("value".into(), json!(value));
                                put(&mut d, "unit", unit);
                                Value::Object(d)
                            })
                            .collect();
                        o.insert("outcomes".into(), Value::Array(os));
                    }
                    put(&mut o, "description", description);
                    put(&mut o, "extra", extra);
                    initiative_values.push(Value::Object(o));
                }
                let mut interaction_values = Vec::new();
                for (n, x) in interactions.into_iter().enumerate() {
                    let (
                        xid,
                        at,
                        people,
                        kind,
                        (has_initiator, who),
                        formal,
                        outcome,
                        answer,
                        initiative,
                        note,
                    ) = x;
                    let mut o = Map::new();
                    put(&mut o, "id", xid.map(|s| format!("{s}-{n}")));
                    o.insert("at".into(), json!(at.to_string()));
                    let names: Vec<&String> = people.iter().map(|&p| &actor_ids[p]).collect();
                    o.insert("participants".into(), json!(names));
                    o.insert("kind".into(), json!(kind));
                    let initiator = who.get(&names);
                    if has_initiator || kind == "request" {
                        o.insert("initiator".into(), json!(initiator));
                    }
                    put(&mut o, "formal", formal);
                    put(&mut o, "outcome", outcome);
                    if kind == "request" {
                        if let Some((delay_ms, by)) = answer {
                            let answered = at.utc() + chrono::Duration::milliseconds(delay_ms);
                            o.insert(
                                "answered_at".into(),
                                json!(Moment::from(answered).to_string()),
                            );
                            if let Some(by) = by {
                                o.insert("answered_by".into(), json!(by.get(&names)));
                            }
                        }
                    }
                    if let Some(i) = initiative.filter(|i| *i < initiative_ids.len()) {
                        o.insert("initiative".into(), json!(initiative_ids[i]));
                    }
                    put(&mut o, "note", note);
                    interaction_values.push(Value::Object(o));
                }
                let mut doc = Map::new();
                doc.insert("format".into(), json!("samskab"));
                doc.insert("version".into(), json!(1));
                put(&mut doc, "meta", meta);
                doc.insert("actors".into(), Value::Array(actor_values));
                doc.insert("interactions".into(), Value::Array(interaction_values));
                doc.insert("initiatives".into(), Value::Array(initiative_values));
                Value::Object(doc)
            })
    })
}

/// Records of a list as a multiset of JSON values, order-free.
fn records(doc: &Value, list: &str) -> Vec<String> {
    let mut out: Vec<String> = doc[list]
        .as_array()
        .map(|items| items.iter().map(|v| canonical(v).to_string()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// The same data as written back: instants written with "+00:00" come back
/// as "Z" (the same instant), and empty lists and objects as absent fields.
fn canonical(v: &Value) -> Value {
    let empty = |v: &Value| {
        matches!(v, Value::Array(a) if a.is_empty())
            || matches!(v, Value::Object(m) if m.is_empty())
    };
    match v {
        // An outcome's value is a number: 85.0 is written back as 85.
        Value::Object(m) if m.contains_key("label") => {
            let mut m = m.clone();
            if let Some(n) = m.get("value").and_then(Value::as_f64) {
                m.insert("value".into(), json!(n));
            }
            Value::Object(m)
        }
        Value::Object(m)
            if m.contains_key("id") || m.contains_key("phone") || m.contains_key("email") =>
        {
            Value::Object(
                m.iter()
                    .filter(|(_, v)| !empty(v))
                    .map(|(k, v)| (k.clone(), canonical(v)))
                    .filter(|(_, v)| !empty(v))
                    .collect(),
            )
        }
        Value::String(s) if s.ends_with("+00:00") && s.len() > 19 => {
            Value::String(format!("{}Z", &s[..s.len() - 6]))
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), canonical(v))).collect())
        }
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn load_save_load_gives_back_every_field(doc in document()) {
        let text = serde_json::to_string(&doc).unwrap();
        let net = Network::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let saved = net.to_json();
        let again = Network::from_json(&saved).unwrap();
        prop_assert_eq!(again.to_json(), saved.clone(), "save is a fixed point");
        let out: Value = serde_json::from_str(&saved).unwrap();
        let meta = match &doc["meta"] { Value::Object(m) if m.is_empty() => Value::Null, other => other.clone() };
        prop_assert_eq!(meta, out["meta"].clone());
        for list in ["actors", "interactions", "initiatives"] {
            prop_assert_eq!(records(&doc, list), records(&out, list), "{}", list);
        }
    }

    #[test]
    fn insertion_order_changes_nothing(doc in document(), seed in any::<u64>()) {
        let text = serde_json::to_string(&doc).unwrap();
        let net = Network::from_json(&text).unwrap();
        let mut shuffled = doc.clone();
        let mut state = seed | 1;
        for list in ["actors", "interactions", "initiatives"] {
            let items = shuffled[list].as_array_mut().unwrap();
            for i in (1..items.len()).rev() {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                items.swap(i, (state % (i as u64 + 1)) as usize);
            }
        }
        let other = Network::from_json(&serde_json::to_string(&shuffled).unwrap()).unwrap();
        prop_assert_eq!(net.to_json(), other.to_json());
        let as_of: Moment = "2100-01-01".parse().unwrap();
        for (a, b) in net.tie_pairs() {
            for (s, t) in [(a, b), (b, a)] {
                let x = net.trust(s, t, as_of).unwrap();
                let y = other.trust(s, t, as_of).unwrap();
                prop_assert_eq!(x.value.to_bits(), y.value.to_bits());
                prop_assert_eq!(x.evidence.to_bits(), y.evidence.to_bits());
            }
        }
    }

    #[test]
    fn scores_are_finite_in_range_and_explained(doc in document(), days in 0i64..80_000) {
        let net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        let as_of = Moment::Date(NaiveDate::from_ymd_opt(1950, 1, 1).unwrap()).plus_days(days);
        for (a, b) in net.tie_pairs() {
            for (s, t) in [(a, b), (b, a)] {
                let x = net.trust(s, t, as_of).unwrap();
                prop_assert!(x.value.is_finite() && (0.0..=1.0).contains(&x.value));
                let c = x.components;
                let sum = c.contact + c.spacing + c.recency + c.reciprocity + c.responsiveness + c.negative;
                prop_assert!((sum - x.evidence).abs() <= 1e-9 * (1.0 + c.contact.abs()));
                prop_assert_eq!(x.value, net.trust_value(s, t, as_of).unwrap());
            }
        }
    }

    #[test]
    fn spreadsheet_round_trip_gives_the_same_network(doc in document()) {
        // What only the JSON form holds is left out of the comparison, and an
        // empty text is an empty cell, which reads as absent.
        let mut doc = doc;
        doc.as_object_mut().unwrap().remove("meta");
        for list in ["actors", "interactions", "initiatives"] {
            for record in doc[list].as_array_mut().unwrap() {
                let record = record.as_object_mut().unwrap();
                record.remove("extra");
                record.remove("outcomes");
                record.retain(|k, v| k == "name" && list == "initiatives" || v.as_str().is_none_or(|s| !s.trim().is_empty()));
                if let Some(Value::Object(c)) = record.get_mut("contact") {
                    c.retain(|_, v| v.as_str().is_none_or(|s| !s.trim().is_empty()));
                }
                if let Some(Value::Array(tags)) = record.get_mut("tags") {
                    // List items are read trimmed, and empty ones dropped.
                    tags.retain(|t| t.as_str().is_some_and(|s| !s.trim().is_empty()));
                }
            }
        }
        let net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        let files = net.to_csv_texts().unwrap();
        let back = Network::from_csv_texts(&files.actors, Some(&files.interactions), Some(&files.initiatives))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", files.actors)))?;
        prop_assert_eq!(back.to_json(), net.to_json());
    }

    #[test]
    fn with_no_new_contact_trust_never_rises(doc in document(), gap in 0i64..4000, step in 1i64..4000) {
        let net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        // After every contact and every answer, time alone passes.
        let last = net
            .interactions()
            .flat_map(|(_, x)| [Some(x.at), x.answered_at])
            .flatten()
            .max();
        let Some(last) = last else { return Ok(()) };
        let t1 = Moment::from(last.utc()).plus_days(gap);
        let t2 = t1.plus_days(step);
        for (a, b) in net.tie_pairs() {
            for (s, t) in [(a, b), (b, a)] {
                let before = net.trust_value(s, t, t1).unwrap();
                let after = net.trust_value(s, t, t2).unwrap();
                prop_assert!(after <= before + 1e-12, "{s}->{t}: {before} then {after}");
            }
        }
    }

    #[test]
    fn another_contact_never_lowers_trust(
        doc in document(),
        pick in any::<prop::sample::Index>(),
        days in 0i64..80_000,
        later in 0i64..4000,
        kind in prop::sample::select(vec![
            InteractionKind::Meeting,
            InteractionKind::Informal,
            InteractionKind::Call,
            InteractionKind::Message,
            InteractionKind::Event,
            InteractionKind::Collaboration,
        ]),
        positive in any::<bool>(),
    ) {
        // Contact soon after contact adds less (the spacing discount), and
        // lowers what later contact adds: never by more than it adds itself.
        // Neutral or positive, with no initiator: nothing else changes.
        let net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        let pairs = net.tie_pairs();
        if pairs.is_empty() {
            return Ok(());
        }
        let (a, b) = pairs[pick.index(pairs.len())];
        let at = Moment::Date(NaiveDate::from_ymd_opt(1950, 1, 1).unwrap()).plus_days(days);
        let mut x = Interaction::new(at, [a, b], kind);
        x.outcome_written = positive.then_some(Outcome::Positive);
        let mut more = net.clone();
        if more.add_interaction(x).is_err() {
            // Not a valid contact here (one of them had left by then).
            return Ok(());
        }
        let as_of = at.plus_days(later);
        for (s, t) in [(a, b), (b, a)] {
            let before = net.trust(s, t, as_of).unwrap().evidence;
            let after = more.trust(s, t, as_of).unwrap().evidence;
            prop_assert!(after >= before - 1e-12 * (1.0 + before.abs()), "{s}->{t}: {before} then {after}");
        }
    }

    #[test]
    fn erasure_leaves_no_trace_of_generated_personal_data(doc in document(), pick in any::<prop::sample::Index>()) {
        let mut net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        let ids: Vec<String> = net.actors().iter().map(|a| a.id.clone()).collect();
        let who = pick.get(&ids).clone();
        // A one- or two-letter id can equal any other short text of the document; such a
        // coincidence is no trace of the actor.
        prop_assume!(who.chars().count() >= 3);
        let actor = net.actor(&who).unwrap().clone();
        let long = |s: &str| s.chars().count() >= 6;
        let mut secrets: Vec<String> = actor.name.iter().filter(|s| long(s)).cloned().collect();
        if let Some(c) = &actor.contact {
            secrets.extend([&c.phone, &c.email].into_iter().flatten().filter(|s| long(s)).cloned());
        }
        secrets.extend(
            net.interactions()
                .filter(|(_, x)| x.participants.contains(&who))
                .filter_map(|(_, x)| x.note.clone())
                .filter(|s| long(s)),
        );
        // What other actors still hold may legitimately repeat a value.
        let others = serde_json::to_string(&doc["initiatives"]).unwrap();
        secrets.retain(|s| !others.contains(s.as_str()));
        net.erase(&who).unwrap();
        let as_of: Moment = "2100-01-01".parse().unwrap();
        let mut outputs = vec![net.to_json()];
        outputs.push(serde_json::to_string(&(net.key_people(as_of), net.neglected(as_of), net.coverage(as_of), net.brokers(as_of), net.ties(as_of))).unwrap());
        for (a, b) in net.tie_pairs() {
            outputs.push(serde_json::to_string(&net.trust(a, b, as_of).unwrap()).unwrap());
        }
        if let Ok(report) = net.report("1950-01-01".parse().unwrap(), as_of) {
            outputs.push(report.to_text("en").unwrap());
        }
        let quoted = format!("{who:?}");
        for text in &outputs {
            prop_assert!(!text.contains(&quoted), "the erased id survives");
            for s in &secrets {
                prop_assert!(!text.contains(s.as_str()), "a personal value survives erasure");
            }
        }
    }

    #[test]
    fn purge_before_leaves_a_valid_network(doc in document(), days in 0i64..80_000) {
        let mut net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        let limit = Moment::Date(NaiveDate::from_ymd_opt(1950, 1, 1).unwrap()).plus_days(days);
        let before = net.interaction_count();
        let purged = net.purge_before(limit.date());
        prop_assert_eq!(net.interaction_count(), before - purged.interactions_removed);
        prop_assert!(net.interactions().all(|(_, x)| x.at >= limit));
        let again = Network::from_json(&net.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again.to_json(), net.to_json());
    }

    #[test]
    fn pseudonymised_exports_hold_no_original_value(doc in document()) {
        let net = Network::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        let copy = net.pseudonymised(b"a key for the property test").unwrap();
        let text = copy.to_json();
        // Every id-bearing field of the copy, read structurally.
        let mut ids: Vec<String> = Vec::new();
        for a in copy.actors() {
            ids.push(a.id.clone());
            ids.extend(a.member_of.iter().chain(&a.contact_for).cloned());
        }
        for (_, x) in copy.interactions() {
            ids.extend(x.id.iter().chain(&x.participants).chain(&x.initiator).chain(&x.answered_by).chain(&x.initiative).cloned());
        }
        for i in copy.initiatives() {
            ids.push(i.id.clone());
            ids.extend(i.participants.iter().map(|p| p.actor.clone()));
        }
        for a in net.actors() {
            prop_assert!(!ids.contains(&a.id), "an original actor id remains");
            for v in a.name.iter().chain(a.contact.iter().flat_map(|c| c.phone.iter().chain(c.email.iter()))) {
                // Six spaces are in any pretty-printed document: only values with text count.
                if v.trim().chars().count() >= 6 {
                    prop_assert!(!text.contains(v.as_str()));
                }
            }
        }
        for (_, x) in net.interactions() {
            if let Some(note) = x.note.as_ref().filter(|n| n.trim().chars().count() >= 6) {
                prop_assert!(!text.contains(note.as_str()));
            }
        }
        prop_assert_eq!(copy.actor_count(), net.actor_count());
        prop_assert_eq!(copy.interaction_count(), net.interaction_count());
        Network::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }

    #[test]
    fn no_text_makes_the_reader_panic(text in "\\PC{0,200}") {
        let _ = Network::from_json(&text);
    }

    #[test]
    fn no_mutation_of_a_valid_document_makes_the_reader_panic(
        doc in document(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = serde_json::to_vec(&doc).unwrap();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = Network::from_json(&text);
    }
}
