//! Issue #24: every promise of the README's "Security" section, tried as an
//! attacker and as a data protection officer would. Each case as found.

use samskab::format::SaveOptions;
use samskab::Network;

fn skovlund() -> Network {
    Network::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/skovlund.json"
    ))
    .unwrap()
}

/// A fresh empty folder for one test.
fn folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("samskab-security-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
mod files {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn save_never_writes_through_a_planted_link() {
        // Found: the temporary file had a predictable name and was opened
        // through an existing link, so `save` wrote into another file.
        let dir = folder("links");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.join("net.json");
        // Every name the old writer would have used, planted.
        for n in 0..64 {
            let name = format!(".net.json.{}-{n}.tmp", std::process::id());
            symlink(&victim, dir.join(name)).unwrap();
        }
        let net = skovlund();
        net.save(&target).unwrap();
        net.to_csv(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        // A link at the target itself is replaced, not followed.
        let linked = dir.join("linked.json");
        symlink(&victim, &linked).unwrap();
        net.save(&linked).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&linked)
            .unwrap()
            .file_type()
            .is_symlink());
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".tmp") && !name.contains(&std::process::id().to_string())
            })
            .collect();
        assert!(left.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn save_keeps_the_mode_of_the_file_it_replaces_and_makes_new_files_private() {
        // Found: a file of mode 0600 became 0644 after `save`.
        let dir = folder("modes");
        let net = skovlund();
        let path = dir.join("net.json");
        net.save(&path).unwrap();
        assert_eq!(mode(&path), 0o600, "a new file is its owner's alone");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        net.save(&path).unwrap();
        assert_eq!(mode(&path), 0o640, "a replaced file keeps its mode");
        net.save_with(&path, &SaveOptions { mode: Some(0o644) })
            .unwrap();
        assert_eq!(mode(&path), 0o644, "unless the caller asks");
        net.to_csv(&dir).unwrap();
        assert_eq!(mode(&dir.join("actors.csv")), 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

// ----- error messages --------------------------------------------------------

#[test]
fn no_error_message_repeats_a_name_a_number_or_an_address() {
    // Found: a CSV without its header row gave `unknown column "Grethe
    // Lauridsen"` and the e-mail address; unknown JSON keys were echoed; a
    // name typed where an id belongs gave `unknown actor "Grethe Lauridsen"`.
    let secrets = [
        "Grethe Lauridsen",
        "grethe@egebaek.dk",
        "+45 40 00 00 01",
        "010203-1234",
        "Grethe",
    ];
    let headerless = "Grethe Lauridsen;volunteer;grethe@egebaek.dk;+45 40 00 00 01;010203-1234\n";
    let mut messages = vec![Network::from_csv_texts(headerless, None, None)
        .unwrap_err()
        .to_string()];
    let doc = r#"{"format":"samskab","version":1,"actors":[{"id":"a-1","kind":"citizen","Grethe Lauridsen":1,"grethe@egebaek.dk":2}],
        "interactions":[{"at":"2024-01-01","participants":["a-1","Grethe Lauridsen"],"kind":"call"},
                        {"at":"2024-01-01","participants":["a-1","010203-1234"],"kind":"call"}]}"#;
    messages.push(Network::from_json(doc).unwrap_err().to_string());
    let net = skovlund();
    for who in secrets {
        messages.push(
            net.trust(who, "e-tove", "2024-06-01".parse().unwrap())
                .unwrap_err()
                .to_string(),
        );
        messages.push(
            net.initiative_health(who, "2024-06-01".parse().unwrap())
                .unwrap_err()
                .to_string(),
        );
    }
    let all = messages.join("\n");
    for secret in secrets {
        assert!(!all.contains(secret), "{secret:?} echoed in\n{all}");
    }
    // What is shown instead: the place, and a fingerprint to match with.
    assert!(
        all.contains("actors.csv:1:1: unknown column [not shown, fingerprint"),
        "{all}"
    );
    assert!(all.contains(&samskab::fingerprint("Grethe Lauridsen")));
    // Ids keep being shown: the user needs them.
    let err = net
        .trust("v-nobody", "e-tove", "2024-06-01".parse().unwrap())
        .unwrap_err();
    assert_eq!(err.to_string(), r#"unknown actor "v-nobody""#);
}

// ----- spreadsheets ----------------------------------------------------------

/// The network the three files hold.
fn read_back(files: &samskab::format::CsvFiles) -> Network {
    Network::from_csv_texts(
        &files.actors,
        Some(&files.interactions),
        Some(&files.initiatives),
    )
    .unwrap()
}

fn with_texts(values: &[&str]) -> Network {
    let mut net = Network::new();
    for (i, v) in values.iter().enumerate() {
        let mut a = samskab::Actor::new(format!("a-{i}"), samskab::ActorKind::Citizen);
        a.name = Some((*v).to_owned());
        // An empty item of a list has no written form (`|` between items).
        if !v.is_empty() {
            a.tags = vec![(*v).to_owned()];
        }
        a.area = Some((*v).to_owned());
        net.add_actor(a).unwrap();
    }
    net
}

#[test]
fn cells_a_spreadsheet_would_run_are_neutralised_and_come_back_exactly() {
    // Found: `=HYPERLINK(...)` was written as it was, and ran in Excel.
    let risky = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1",
        "'quoted",
        "'",
        "''x",
    ];
    let net = with_texts(&risky);
    let files = net.to_csv_texts().unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(files.actors.as_bytes());
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run"
            );
        }
    }
    assert_eq!(read_back(&files).to_json(), net.to_json());
}

#[test]
fn the_spreadsheet_form_round_trips_exactly() {
    // Found: spaces at either end were trimmed (so the library's own file
    // could be refused as a duplicate id), a tag "\t=1+1" changed, and empty
    // names and notes vanished.
    let odd = [" padded ", "trailing ", "\t=1+1", "", "  ", "a|b", "x"];
    let mut net = with_texts(&odd[..5]);
    let mut spaced = samskab::Actor::new(" a-spaced", samskab::ActorKind::Citizen);
    spaced.name = Some(String::new());
    net.add_actor(spaced).unwrap();
    net.add_actor(samskab::Actor::new("a-spaced", samskab::ActorKind::Citizen))
        .unwrap();
    let mut x = samskab::Interaction::new(
        "2024-01-01".parse().unwrap(),
        ["a-0", "a-1"],
        samskab::InteractionKind::Call,
    );
    x.note = Some(String::new());
    net.add_interaction(x).unwrap();
    let files = net.to_csv_texts().unwrap();
    assert_eq!(read_back(&files).to_json(), net.to_json());
    // Hand-typed cells are still read trimmed.
    let typed = Network::from_csv_texts("id;kind\n a-1 ; citizen \n", None, None).unwrap();
    assert!(typed.actor("a-1").is_some());
}

// ----- documents -------------------------------------------------------------

#[test]
fn a_key_named_twice_is_refused_with_its_place() {
    // Found: the last of two keys won, so a whole `actors` list could vanish.
    let cases = [
        (
            r#"{"format":"samskab","version":1,"actors":[{"id":"a-1","kind":"citizen"}],"actors":[]}"#,
            "document",
        ),
        (
            r#"{"format":"samskab","version":1,"actors":[{"id":"a-1","kind":"citizen","kind":"employee"}]}"#,
            "actors[0]",
        ),
        (
            r#"{"format":"samskab","version":1,"meta":{"x":{"y":1,"y":2}},"actors":[]}"#,
            "meta.x",
        ),
        (
            r#"{"format":"samskab","version":1,"actors":[{"id":"a-1","kind":"citizen"},{"id":"a-2","kind":"citizen"}],
            "interactions":[{"at":"2024-01-01","participants":["a-1","a-2"],"kind":"call","kind":"meeting"}]}"#,
            "interactions[0]",
        ),
    ];
    for (doc, place) in cases {
        let err = Network::from_json(doc).unwrap_err();
        assert_eq!(err.name(), "ValidationError", "{doc}");
        assert_eq!(err.problems()[0].place, place, "{err}");
        assert!(err.to_string().contains("repeats a key"), "{err}");
    }
}

#[test]
fn instants_no_language_can_hold_are_refused_at_the_door() {
    // Found: a leap second or year 0000 loaded, and queries then failed in
    // Python with a plain ValueError.
    for bad in [
        "2016-12-31T23:59:60Z",
        "0000-01-01",
        "0001-01-01",
        "0999-12-31",
        "9999-12-31",
        "0000-06-01T00:00:00Z",
    ] {
        assert!(bad.parse::<samskab::Moment>().is_err(), "{bad}");
        let doc = format!(
            r#"{{"format":"samskab","version":1,"actors":[{{"id":"a-1","kind":"citizen"}},{{"id":"a-2","kind":"citizen"}}],
               "interactions":[{{"at":"{bad}","participants":["a-1","a-2"],"kind":"call"}}]}}"#
        );
        let err = Network::from_json(&doc).unwrap_err();
        assert_eq!(err.problems()[0].place, "interactions[0].at", "{bad}");
    }
    for good in ["1000-01-01", "9998-12-31", "2016-12-31T23:59:59.999Z"] {
        assert!(good.parse::<samskab::Moment>().is_ok(), "{good}");
    }
}

// ----- erasure -----------------------------------------------------------------

#[test]
fn erasing_who_answered_a_request_credits_nobody_else() {
    // Found: answered_by went and answered_at stayed, so the other person
    // left was taken to have answered (and their trust rose).
    let mut net = Network::new();
    for id in ["e-a", "v-b", "v-c"] {
        net.add_actor(samskab::Actor::new(id, samskab::ActorKind::Volunteer))
            .unwrap();
    }
    let mut req = samskab::Interaction::new(
        "2024-01-01".parse().unwrap(),
        ["e-a", "v-b", "v-c"],
        samskab::InteractionKind::Request,
    );
    req.initiator = Some("e-a".into());
    req.answered_by = Some("v-c".into());
    req.answered_at = Some("2024-01-02".parse().unwrap());
    net.add_interaction(req).unwrap();
    let as_of = "2024-02-01".parse().unwrap();
    let before = net.trust_value("e-a", "v-b", as_of).unwrap();
    net.erase("v-c").unwrap();
    let after = net.trust_value("e-a", "v-b", as_of).unwrap();
    assert!(after <= before, "{before} -> {after}");
    assert_eq!(net.tie_stats("e-a", "v-b", as_of).unwrap().answered, 0);
}

#[test]
fn mentions_in_others_free_text_are_listed_for_review() {
    let mut net = skovlund();
    let mut x = samskab::Interaction::new(
        "2024-05-01".parse().unwrap(),
        ["e-tove", "e-lars"],
        samskab::InteractionKind::Call,
    );
    x.note = Some("Inge Dal ringede".into());
    net.add_interaction(x).unwrap();
    let mut meta = serde_json::Map::new();
    meta.insert("contact".into(), serde_json::json!(["see v-inge"]));
    net.set_meta(meta).unwrap();
    let found = net.mentions("v-inge").unwrap();
    assert!(
        found
            .iter()
            .any(|m| m.place.ends_with(".note") && m.matched == "name"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.place == "meta.contact[0]" && m.matched == "id"),
        "{found:?}"
    );
    // The places only: no text of the notes comes back.
    assert!(!serde_json::to_string(&found).unwrap().contains("ringede"));
}

// ----- exports -----------------------------------------------------------------

mod xml {
    use super::*;
    use proptest::prelude::*;

    fn with_string(s: &str) -> Network {
        let mut net = Network::new();
        let mut a = samskab::Actor::new("a-1", samskab::ActorKind::Citizen);
        a.name = Some(s.to_owned());
        a.area = Some(s.to_owned());
        a.tags = vec![s.to_owned()];
        net.add_actor(a).unwrap();
        net.add_actor(samskab::Actor::new(
            format!("a-{s}"),
            samskab::ActorKind::Citizen,
        ))
        .unwrap();
        net.add_interaction(samskab::Interaction::new(
            "2024-01-01".parse().unwrap(),
            ["a-1".to_owned(), format!("a-{s}")],
            samskab::InteractionKind::Call,
        ))
        .unwrap();
        net
    }

    #[test]
    fn noncharacters_make_no_malformed_xml() {
        // Found: U+FFFE or U+FFFF anywhere made GraphML and GEXF malformed.
        let net = with_string("a\u{fffe}b\u{ffff}c\u{1}d");
        let as_of = "2024-06-01".parse().unwrap();
        for text in [net.to_graphml_string(as_of), net.to_gexf_string(as_of)] {
            roxmltree::Document::parse(&text).unwrap();
        }
    }

    proptest! {
        #[test]
        fn every_export_parses_for_any_string(s in any::<String>()) {
            let net = with_string(&s);
            let as_of = "2024-06-01".parse().unwrap();
            for text in [net.to_graphml_string(as_of), net.to_gexf_string(as_of)] {
                prop_assert!(roxmltree::Document::parse(&text).is_ok(), "{}", text);
            }
        }
    }
}

// ----- pseudonymisation ------------------------------------------------------------

#[test]
fn pseudonymised_copies_keep_less_and_say_how_identifying_they_are() {
    use samskab::privacy::{PseudonymOptions, TimeDetail};
    let net = Network::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/egebaek.json"
    ))
    .unwrap();
    let key = b"municipal secret 2025";
    let copy = net.pseudonymised(key).unwrap();
    let text = copy.to_json();
    // Found: one politician, tags, areas, outcome labels and exact
    // timestamps with their time zone survived.
    for a in copy.actors() {
        assert!(a.tags.is_empty() && a.area.is_none());
        assert_eq!(a.id.len(), 2 + 64, "the full HMAC-SHA256");
    }
    let kinds =
        |n: &Network, k: samskab::ActorKind| n.actors().iter().filter(|a| a.kind == k).count();
    for k in samskab::ActorKind::ALL {
        let c = kinds(&copy, *k);
        assert!(
            c == 0 || c >= 5 || *k == samskab::ActorKind::Other,
            "{k}: {c}"
        );
    }
    assert!(copy
        .interactions()
        .all(|(_, x)| matches!(x.at, samskab::Moment::Date(_))));
    assert!(copy
        .initiatives()
        .iter()
        .all(|i| i.outcomes.iter().all(|o| o.label == "outcome")));
    assert!(!text.contains("+01:00") && !text.contains("+02:00"));
    let week = net
        .pseudonymised_with(
            key,
            &PseudonymOptions {
                time: TimeDetail::Week,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(week.interactions().all(|(_, x)| {
        use chrono::Datelike;
        x.at.date().weekday() == chrono::Weekday::Mon
    }));
    // The report: the smallest group sharing every kept attribute.
    let before = net.reidentification_risk();
    let after = copy.reidentification_risk();
    assert_eq!(after.actors, net.actor_count());
    assert!(after.unique_actors <= before.unique_actors);
    assert_eq!(after.group_sizes.values().sum::<usize>(), after.actors);
    // Found: any 16 bytes were taken, sixteen zero bytes too.
    for weak in [&[0u8; 16][..], b"abababababababab", b"short"] {
        assert_eq!(
            net.pseudonymised(weak).unwrap_err().name(),
            "InvalidArgumentError"
        );
    }
}
