//! Format v1: the shared scenarios, canonical output, atomic saves, and
//! errors that never echo personal data.

use std::path::PathBuf;

use samskab::{Error, Network};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scenario(name: &str) -> String {
    std::fs::read_to_string(repo().join("testdata/scenarios").join(name)).unwrap()
}

fn problems(text: &str) -> Vec<String> {
    match Network::from_json(text) {
        Err(e @ Error::Validation { .. }) => e.problems().iter().map(|p| p.to_string()).collect(),
        Err(other) => panic!("expected a validation error, got {other}"),
        Ok(_) => panic!("expected the document to be refused"),
    }
}

#[test]
fn bundled_scenarios_match_the_shared_ones() {
    // The repo carries a copy so that a clone tests alone; CI has shared/ beside it.
    let shared = repo().join("../shared/scenarios");
    if !shared.exists() {
        return;
    }
    for entry in std::fs::read_dir(&shared).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            scenario(&name),
            "testdata/scenarios/{name} differs from shared/scenarios"
        );
    }
}

#[test]
fn skovlund_loads_and_round_trips_every_field() {
    let text = scenario("skovlund.json");
    let net = Network::from_json(&text).unwrap();
    assert_eq!(net.actor_count(), 9);
    assert_eq!(net.interaction_count(), 8);
    assert_eq!(net.initiatives().len(), 1);
    let saved = net.to_json();
    let again = Network::from_json(&saved).unwrap();
    assert_eq!(again.to_json(), saved);
    // Every field of the input is in the output, value for value.
    let input: serde_json::Value = serde_json::from_str(&text).unwrap();
    let output: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(input["meta"], output["meta"]);
    let by_id = |doc: &serde_json::Value, list: &str| -> Vec<serde_json::Value> {
        let mut items = doc[list].as_array().unwrap().clone();
        items.sort_by_key(|v| v["id"].as_str().unwrap_or_default().to_owned());
        items
    };
    for list in ["actors", "interactions", "initiatives"] {
        assert_eq!(by_id(&input, list), by_id(&output, list), "{list}");
    }
}

#[test]
fn unknown_actor_is_located() {
    let found = problems(&scenario("invalid-unknown-actor.json"));
    assert!(
        found.contains(&r#"interactions[6].participants[1]: unknown actor "e-ukendt""#.to_owned()),
        "{found:?}"
    );
}

#[test]
fn typo_field_is_located_with_a_hint_and_the_missing_field() {
    let found = problems(&scenario("invalid-typo-field.json"));
    assert!(
        found.contains(
            &r#"interactions[1]: unknown field "partcipants" (did you mean "participants"?)"#
                .to_owned()
        ),
        "{found:?}"
    );
    assert!(
        found.contains(&r#"interactions[1]: missing required field "participants""#.to_owned()),
        "{found:?}"
    );
}

#[test]
fn newer_version_says_so() {
    let err = Network::from_json(&scenario("invalid-newer-version.json")).unwrap_err();
    assert!(matches!(
        err,
        Error::NewerVersion {
            found: 7,
            supported: 1
        }
    ));
    let text = err.to_string();
    assert!(
        text.contains("version: 7 is newer than this samskab understands"),
        "{text}"
    );
    assert_eq!(err.name(), "NewerVersionError");
}

#[test]
fn two_problems_are_both_reported() {
    let found = problems(&scenario("invalid-two-problems.json"));
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("actors[3].id: duplicates \"e-tove\"")),
        "{found:?}"
    );
    assert!(
        found.contains(&"interactions[2].answered_at: is before at".to_owned()),
        "{found:?}"
    );
    // e-lars vanished, so the references to it are problems too.
    assert!(
        found.iter().any(|p| p.contains("unknown actor \"e-lars\"")),
        "{found:?}"
    );
}

#[test]
fn a_refused_document_loads_nothing_and_says_so_once() {
    let err = Network::from_json(&scenario("invalid-two-problems.json")).unwrap_err();
    assert_eq!(err.name(), "ValidationError");
    assert!(err
        .to_string()
        .starts_with(&format!("{} problems", err.problems().len())));
}

#[test]
fn every_rule_is_checked() {
    let doc = r#"{
      "format": "samskab", "version": 1, "extra_top": 1,
      "actors": [
        {"id": "", "kind": "employee"},
        {"id": "u1", "kind": "unit", "member_of": ["u2"]},
        {"id": "u2", "kind": "unit", "member_of": ["u1"]},
        {"id": "e1", "kind": "boss", "sector": "state", "joined": "2024-05-01", "left": "2024-01-01"},
        {"id": "e2", "kind": "employee", "contact_for": ["v-nobody"], "tags": [1], "joined": "01-05-2024"},
        {"id": "u-self", "kind": "unit", "member_of": ["u-self"]}
      ],
      "interactions": [
        {"at": "2024-01-01", "participants": ["u1"], "kind": "meeting"},
        {"at": "2024-01-01", "participants": ["u1", "u1"], "kind": "meeting"},
        {"at": "yesterday", "participants": ["u1", "u2"], "kind": "chat"},
        {"at": "2024-01-01", "participants": ["u1", "u2"], "kind": "request"},
        {"at": "2024-01-01", "participants": ["u1", "u2"], "kind": "call", "answered_at": "2024-01-02"},
        {"at": "2024-01-01", "participants": ["u1", "u2"], "kind": "request", "initiator": "e2",
         "answered_by": "e2", "initiative": "ini-none", "outcome": "great", "formal": "yes"},
        {"id": "x-dup", "at": "2024-01-01", "participants": ["u1", "u2"], "kind": "call"},
        {"id": "x-dup", "at": "2024-01-01", "participants": ["u1", "u2"], "kind": "call"}
      ],
      "initiatives": [
        {"id": "i1", "name": "x", "status": "done", "started": "2024-02-01", "ended": "2024-01-01",
         "participants": [{"actor": "v-ghost", "role": "lead"}, {"actor": "u1", "role": "boss"}],
         "outcomes": [{"at": "2024-01-01", "label": "n"}]},
        {"id": "i1", "name": "y", "status": "idea"}
      ]
    }"#;
    let found = problems(doc).join("\n");
    for expected in [
        "document: unknown field \"extra_top\"",
        "actors[0].id: must not be empty",
        "is a member of itself through a cycle of member_of",
        "actors[3].kind: expected one of",
        "actors[3].sector: expected one of",
        "actors[3].left: is before joined",
        "actors[4].contact_for[0]: unknown actor \"v-nobody\"",
        "actors[4].tags[0]: expected a string, found a number",
        "actors[4].joined: expected a date YYYY-MM-DD",
        "actors[5].member_of: actor \"u-self\" cannot be a member of itself",
        "interactions[0].participants: needs two or more distinct actors",
        "interactions[1].participants[1]: actor \"u1\" is listed twice",
        "interactions[2].at: expected a date",
        "interactions[2].kind: expected one of",
        "interactions[3]: missing required field \"initiator\"",
        "interactions[4].answered_at: only a request can be answered",
        "interactions[5].initiator: actor \"e2\" is not among the participants",
        "interactions[5].answered_by: actor \"e2\" is not among the participants",
        "interactions[5].initiative: unknown initiative \"ini-none\"",
        "interactions[5].outcome: expected one of",
        "interactions[5].formal: expected true or false, found a string",
        "interactions[7].id: duplicates \"x-dup\"",
        "initiatives[0].status: expected one of",
        "initiatives[0].ended: is before started",
        "initiatives[0].participants[0].actor: unknown actor \"v-ghost\"",
        "initiatives[0].participants[1].role: expected one of",
        "initiatives[0].outcomes[0]: missing required field \"value\"",
        "initiatives[1].id: duplicates \"i1\"",
    ] {
        assert!(found.contains(expected), "missing {expected:?} in\n{found}");
    }
}

#[test]
fn required_top_level_fields() {
    let found = problems(r#"{"version": 1}"#).join("\n");
    assert!(
        found.contains("missing required field \"format\""),
        "{found}"
    );
    assert!(
        found.contains("missing required field \"actors\""),
        "{found}"
    );
    let found = problems(r#"{"format": "other", "version": "1", "actors": {}}"#).join("\n");
    assert!(
        found.contains("format: expected the string \"samskab\""),
        "{found}"
    );
    assert!(found.contains("version: expected the integer 1"), "{found}");
    assert!(
        found.contains("actors: expected an array, found an object"),
        "{found}"
    );
    assert!(!problems("[]").is_empty());
}

#[test]
fn syntax_errors_have_line_and_column() {
    let err = Network::from_json("{\n  \"format\": \"samskab\",\n  oops\n}").unwrap_err();
    match err {
        Error::Parse { line, column, .. } => assert_eq!((line, column), (3, 3)),
        other => panic!("{other}"),
    }
    assert!(Network::from_json("").is_err());
    let deep = "[".repeat(100_000);
    assert!(
        Network::from_json(&deep).is_err(),
        "deep nesting is an error, not a stack overflow"
    );
}

#[test]
fn errors_never_echo_personal_values() {
    let name = "Tove Friis";
    let phone = "+45 40 00 00 01";
    let email = "tofr@skovlund.example";
    let note = "Kaffe efter beboermødet";
    let docs = [
        // Personal values in fields of the wrong type or in closed word lists.
        format!(
            r#"{{"format": "samskab", "version": 1, "actors": [
              {{"id": "e-tove", "kind": "{name}", "name": "{name}", "sector": "{phone}",
                "contact": {{"phone": "{phone}", "email": "{email}", "fax": "{phone}"}}, "joined": "{name}"}},
              {{"id": "v-inge", "kind": "volunteer", "name": 7, "contact": {{"phone": 45400001}}}}],
             "interactions": [{{"at": "{note}", "participants": ["e-tove", "v-inge"], "kind": "{note}",
               "note": 5, "outcome": "{note}"}}]}}"#
        ),
        // A valid document with a rule broken elsewhere.
        scenario("invalid-two-problems.json"),
    ];
    for doc in docs {
        let err = Network::from_json(&doc).unwrap_err();
        let mut texts = vec![err.to_string(), format!("{err:?}")];
        texts.extend(err.problems().iter().map(|p| p.to_string()));
        for text in texts {
            for secret in [name, phone, email, note, "45400001"] {
                assert!(!text.contains(secret), "{secret:?} echoed in {text}");
            }
        }
    }
}

#[test]
fn output_is_canonical_and_independent_of_input_order() {
    let text = scenario("skovlund.json");
    let net = Network::from_json(&text).unwrap();
    assert_eq!(net.to_json(), net.to_json());
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for list in ["actors", "interactions", "initiatives"] {
        doc[list].as_array_mut().unwrap().reverse();
    }
    let reversed = Network::from_json(&doc.to_string()).unwrap();
    assert_eq!(reversed.to_json(), net.to_json());
}

/// A new empty folder of this process for a test's files.
fn empty_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("samskab-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn save_is_atomic_and_leaves_no_temporary_files() {
    let dir = empty_dir("save");
    let path = dir.join("net.json");
    std::fs::write(&path, "old").unwrap();
    let net = Network::from_json(&scenario("skovlund.json")).unwrap();
    net.save(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), net.to_json());
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let loaded = Network::load(&path).unwrap();
    assert_eq!(loaded.to_json(), net.to_json());

    let missing = dir.join("no/such/folder/net.json");
    let err = net.save(&missing).unwrap_err();
    assert_eq!(err.name(), "IoError");
    assert!(matches!(
        Network::load(dir.join("absent.json")),
        Err(Error::Io { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_loads_as_its_text_reads() {
    // Network::load reads a file as it goes; what it answers must be what
    // reading the whole text answers, for documents good and bad.
    let dir = empty_dir("stream");
    let path = dir.join("net.json");
    let good = scenario("skovlund.json");
    // Escapes in strings are copied, not borrowed, when read from a file.
    let escaped = good.replacen("\"e-tove\"", "\"e-\\u0074ove\"", 1);
    assert_ne!(escaped, good);
    let bad_type = good.replacen("\"kind\": \"employee\"", "\"kind\": 7", 1);
    let unknown_actor = good.replacen("\"v-inge\",", "\"v-nobody\",", 1);
    let cut = &good[..good.len() / 2];
    for text in [
        good.as_str(),
        &escaped,
        &bad_type,
        &unknown_actor,
        cut,
        "",
        "{}",
    ] {
        std::fs::write(&path, text).unwrap();
        let (from_file, from_text) = (Network::load(&path), Network::from_json(text));
        match (from_file, from_text) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_json(), b.to_json()),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("file {:?}, text {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
    std::fs::write(&path, b"{\"format\": \"samskab\xff\"}").unwrap();
    assert!(matches!(Network::load(&path), Err(Error::Io { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn concurrent_saves_to_one_path_leave_a_whole_document() {
    let dir = empty_dir("concurrent");
    let path = dir.join("net.json");
    let net = Network::from_json(&scenario("skovlund.json")).unwrap();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..10 {
                    net.save(&path).unwrap();
                }
            });
        }
    });
    assert_eq!(std::fs::read_to_string(&path).unwrap(), net.to_json());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn meta_scoring_round_trips_and_is_checked() {
    let mut net = Network::from_json(&scenario("skovlund.json")).unwrap();
    let mut config = net.scoring().clone();
    config.half_life_days = 90.0;
    config.kind_weights.message = 0.1;
    net.set_scoring(config.clone()).unwrap();
    let again = Network::from_json(&net.to_json()).unwrap();
    assert_eq!(again.scoring(), &config);
    assert_eq!(again.meta()["municipality"], "Skovlund (fictional)");

    let partial = r#"{"format": "samskab", "version": 1, "meta": {"scoring": {"half_life_days": 30}}, "actors": []}"#;
    let net = Network::from_json(partial).unwrap();
    assert_eq!(net.scoring().half_life_days, 30.0);
    assert_eq!(
        net.scoring().saturation,
        samskab::ScoringConfig::default().saturation
    );
    // Written back as it was given.
    assert!(net.to_json().contains("\"half_life_days\": 30"));

    let bad = r#"{"format": "samskab", "version": 1, "meta": {"scoring": {"half_lif_days": 30, "saturation": -1,
        "kind_weights": {"meting": 1}}}, "actors": []}"#;
    let found = problems(bad).join("\n");
    assert!(
        found.contains(
            "meta.scoring: unknown field \"half_lif_days\" (did you mean \"half_life_days\"?)"
        ),
        "{found}"
    );
    assert!(
        found.contains("meta.scoring.kind_weights: unknown field \"meting\""),
        "{found}"
    );
    let bad = r#"{"format": "samskab", "version": 1, "meta": {"scoring": {"saturation": -1}}, "actors": []}"#;
    let found = problems(bad).join("\n");
    assert!(
        found.contains("meta.scoring.saturation: must be a finite number above 0"),
        "{found}"
    );

    let mut net = Network::new();
    let config = samskab::ScoringConfig {
        tail_share: 1.5,
        ..Default::default()
    };
    assert_eq!(
        net.set_scoring(config).unwrap_err().name(),
        "ValidationError"
    );
}

#[test]
fn numbers_and_offsets_are_written_back_as_read() {
    let doc = r#"{"format": "samskab", "version": 1,
      "meta": {"pi": 3.141592653589793, "tiny": 1e-300, "big": 12345678901234567890, "n": [1, 2.5, null, {"b": true, "a": "x"}]},
      "actors": [{"id": "a", "kind": "citizen"}, {"id": "b", "kind": "other", "extra": {"score": 0.1}}],
      "interactions": [{"at": "2024-03-04T09:30:00.125+01:00", "participants": ["a", "b"], "kind": "call"}],
      "initiatives": [{"id": "i", "name": "n", "status": "idea", "outcomes": [{"at": "2024-01-01", "label": "l", "value": 85}, {"at": "2024-01-02", "label": "m", "value": 0.5, "unit": "kr"}]}]}"#;
    let net = Network::from_json(doc).unwrap();
    let out = net.to_json();
    let a: serde_json::Value = serde_json::from_str(doc).unwrap();
    let b: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a["meta"], b["meta"]);
    assert!(
        out.contains("\"at\": \"2024-03-04T09:30:00.125+01:00\""),
        "{out}"
    );
    assert!(
        out.contains("\"value\": 85\n") || out.contains("\"value\": 85,"),
        "{out}"
    );
    assert_eq!(a["initiatives"], b["initiatives"]);
}
