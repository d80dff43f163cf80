//! Spreadsheets in and out, graph exports, pseudonymised sharing, retention.

use samskab::{Moment, Network};

fn load(name: &str) -> Network {
    Network::load(format!(
        "{}/../examples/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn problems(r: samskab::Result<Network>) -> Vec<String> {
    r.unwrap_err()
        .problems()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn csv_round_trip_gives_the_same_network() {
    let net = load("egebaek.json");
    let files = net.to_csv_texts().unwrap();
    assert!(
        files.actors.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheet programs"
    );
    assert!(files.actors.contains("id;kind;name;sector"));
    let back = Network::from_csv_texts(
        &files.actors,
        Some(&files.interactions),
        Some(&files.initiatives),
    )
    .unwrap();
    let again = back.to_csv_texts().unwrap();
    assert_eq!(again, files);
    let twice = Network::from_csv_texts(
        &again.actors,
        Some(&again.interactions),
        Some(&again.initiatives),
    )
    .unwrap();
    assert_eq!(twice.to_json(), back.to_json());
    // Everything but what only JSON holds (meta, outcomes, extra) came through.
    assert_eq!(back.actor_count(), net.actor_count());
    assert_eq!(back.interaction_count(), net.interaction_count());
    let as_of: Moment = "2025-11-01".parse().unwrap();
    assert_eq!(
        back.trust_value("v-grethe", "e-mette", as_of).unwrap(),
        net.trust_value("v-grethe", "e-mette", as_of).unwrap()
    );
}

#[test]
fn csv_in_every_accepted_shape() {
    let danish = "\u{feff}id;kind;name;member_of;joined\nu-job;unit;Jobcenter;;\ne-tove;employee;Tove;u-job;01.02.2020\nv-inge;volunteer;Inge;;05-09-2023\n";
    let interactions = "at;participants;kind;initiator;formal;answered_at\n05-09-2023;v-inge|e-tove;informal;e-tove;nej;\n2024-01-09T10:15:00+01:00;v-inge | e-tove;request;v-inge;;10.01.2024\n";
    let initiatives = "id,name,status,participants,started\nini,\"Jobmesse, forår\",active,v-inge:lead|u-job:partner,2024-01-01\n";
    let net = Network::from_csv_texts(danish, Some(interactions), Some(initiatives)).unwrap();
    assert_eq!(
        net.actor("e-tove").unwrap().joined.unwrap().to_string(),
        "2020-02-01"
    );
    assert_eq!(net.actor("e-tove").unwrap().member_of, ["u-job"]);
    assert_eq!(net.interaction_count(), 2);
    let ini = net.initiative("ini").unwrap();
    assert_eq!(ini.name, "Jobmesse, forår");
    assert_eq!(ini.participants.len(), 2);
    let first = &net.interactions().next().unwrap().1;
    assert_eq!(first.formal_written, Some(false));
    // Actors alone are a network too.
    assert_eq!(
        Network::from_csv_texts(danish, None, None)
            .unwrap()
            .actor_count(),
        3
    );
}

#[test]
fn bad_csv_is_refused_whole_with_file_line_column() {
    let actors = "id;kind;name;phone;colour\ne-tove;employee;Tove Friis;+45 40 00 00 01;red\nv-inge;wizard;Inge Dal;;\n;volunteer;;;\n";
    let interactions = "at;participants;kind;initiator\n31-02-2024;v-inge|e-tove;meeting;\n2024-01-01;v-inge|e-ghost;request;\n";
    let found = problems(Network::from_csv_texts(actors, Some(interactions), None)).join("\n");
    for expected in [
        "actors.csv:1:5: unknown column [not shown, fingerprint",
        "actors.csv:3:2: expected one of",
        "actors.csv:4:1: must not be empty",
        "interactions.csv:2:1: expected a date",
        "interactions.csv:3:2: participants[1]: unknown actor \"e-ghost\"",
        "interactions.csv:3:4: missing required field \"initiator\"",
    ] {
        assert!(found.contains(expected), "missing {expected:?} in\n{found}");
    }
    for secret in ["Tove Friis", "+45 40 00 00 01", "Inge Dal"] {
        assert!(!found.contains(secret), "{secret} echoed");
    }
    let missing = problems(Network::from_csv_texts("id;name\nx;y\n", None, None)).join("\n");
    assert!(
        missing.contains("actors.csv:1:1: missing column \"kind\""),
        "{missing}"
    );
    let typo = problems(Network::from_csv_texts(
        "id;knid\nx;volunteer\n",
        None,
        None,
    ))
    .join("\n");
    assert!(typo.contains("(did you mean \"kind\"?)"), "{typo}");
    let duplicate = problems(Network::from_csv_texts(
        "id;kind\nv-x;volunteer\nv-x;volunteer\n",
        None,
        None,
    ))
    .join("\n");
    assert!(
        duplicate.contains("actors.csv:3:1: duplicates \"v-x\" (line 2)"),
        "{duplicate}"
    );
}

#[test]
fn ids_that_hold_list_separators_cannot_go_to_a_spreadsheet() {
    let net = Network::from_json(
        r#"{"format":"samskab","version":1,"actors":[{"id":"a|b","kind":"other"}]}"#,
    )
    .unwrap();
    assert_eq!(
        net.to_csv_texts().unwrap_err().name(),
        "InvalidArgumentError"
    );
}

#[test]
fn csv_folders_on_disk() {
    let dir = std::env::temp_dir().join(format!("samskab-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let net = load("egebaek.json");
    net.to_csv(&dir).unwrap();
    let back = Network::from_csv(&dir).unwrap();
    assert_eq!(back.interaction_count(), net.interaction_count());
    // Found (#24): a folder without interactions.csv, or with it named in
    // another case, loaded as no interactions without a word.
    std::fs::rename(dir.join("interactions.csv"), dir.join("Interactions.CSV")).unwrap();
    let err = Network::from_csv(&dir).unwrap_err();
    assert_eq!(err.name(), "ValidationError");
    assert!(
        err.to_string().contains("name it \"interactions.csv\""),
        "{err}"
    );
    std::fs::remove_file(dir.join("Interactions.CSV")).unwrap();
    let err = Network::from_csv(&dir).unwrap_err();
    assert_eq!(err.problems()[0].place, "interactions.csv");
    assert_eq!(
        Network::from_csv(dir.join("nowhere")).unwrap_err().name(),
        "IoError"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn graph_exports_carry_the_attributes() {
    let net = load("skovlund.json");
    let as_of: Moment = "2024-06-01".parse().unwrap();
    let graphml = net.to_graphml_string(as_of);
    assert_eq!(graphml.matches("<node ").count(), 9);
    assert_eq!(graphml.matches("<edge ").count(), net.ties(as_of).len());
    assert!(graphml.contains("<data key=\"sector\">civil_society</data>"));
    let gexf = net.to_gexf_string(as_of);
    assert!(gexf.contains("mode=\"dynamic\""));
    assert!(
        gexf.contains("<spell start=\"2023-09-05\" end=\"2024-05-30\"/>"),
        "the tie Inge–Tove lives from first to last contact"
    );
    let mut bytes = Vec::new();
    net.to_gexf(&mut bytes, as_of).unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), gexf);
    let cy = net.to_cytoscape(as_of);
    assert_eq!(cy["elements"]["nodes"].as_array().unwrap().len(), 9);
    let edge = &cy["elements"]["edges"][0]["data"];
    assert!(edge["trust"].as_f64().unwrap() <= edge["trust_ab"].as_f64().unwrap());
    // Text that XML cannot hold as it is gets escaped.
    let odd = Network::from_json(r#"{"format":"samskab","version":1,"actors":[{"id":"a<&>\"'","kind":"other","name":"x\u0001y"}]}"#).unwrap();
    let text = odd.to_graphml_string(as_of);
    assert!(text.contains("a&lt;&amp;&gt;&quot;&apos;") && !text.contains('\u{1}'));
}

#[test]
fn pseudonymised_exports_hold_no_original_value_and_join_by_key() {
    let net = load("egebaek.json");
    let key = b"municipal secret 2025";
    let copy = net.pseudonymised(key).unwrap();
    let text = copy.to_json();
    for a in net.actors() {
        assert!(
            !text.contains(&format!("{:?}", a.id)),
            "id {} remains",
            a.id
        );
        // Names of people; a village's name is also its area, which stays.
        if let (Some(name), false) = (&a.name, a.kind.is_group()) {
            assert!(!text.contains(name.as_str()), "a name remains");
        }
        if let Some(c) = &a.contact {
            for v in [&c.phone, &c.email].into_iter().flatten() {
                assert!(!text.contains(v.as_str()), "a contact remains");
            }
        }
    }
    for (_, x) in net.interactions() {
        if let Some(note) = &x.note {
            assert!(!text.contains(note.as_str()), "a note remains");
        }
        if let Some(id) = &x.id {
            assert!(
                !text.contains(&format!("{id:?}")),
                "an interaction id remains"
            );
        }
    }
    for ini in net.initiatives() {
        assert!(!text.contains(&ini.name) && !text.contains(&format!("{:?}", ini.id)));
    }
    assert_eq!(
        net.pseudonymised(key).unwrap().to_json(),
        text,
        "the same key gives the same pseudonyms"
    );
    assert_ne!(
        net.pseudonymised(b"another secret of 2025")
            .unwrap()
            .to_json(),
        text
    );
    assert_eq!(
        net.pseudonymised(b"short").unwrap_err().name(),
        "InvalidArgumentError"
    );
    // With every detail kept, the analyses give the same answers on the copy.
    let copy = net
        .pseudonymised_with(key, &samskab::privacy::PseudonymOptions::exact())
        .unwrap();
    let as_of: Moment = "2025-11-01".parse().unwrap();
    assert_eq!(copy.key_people(as_of).len(), net.key_people(as_of).len());
    let mut a: Vec<u64> = net
        .ties(as_of)
        .iter()
        .map(|t| t.trust_ab.to_bits().min(t.trust_ba.to_bits()))
        .collect();
    let mut b: Vec<u64> = copy
        .ties(as_of)
        .iter()
        .map(|t| t.trust_ab.to_bits().min(t.trust_ba.to_bits()))
        .collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);
    Network::from_json(&text).unwrap();
}

#[test]
fn purge_before_keeps_a_valid_network() {
    let mut net = load("egebaek.json");
    let before = net.interaction_count();
    let limit = chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
    let purged = net.purge_before(limit);
    assert!(purged.interactions_removed > 0 && purged.notes_removed > 0);
    assert_eq!(
        net.interaction_count(),
        before - purged.interactions_removed
    );
    let bound = Moment::Date(limit);
    assert!(net.interactions().all(|(_, x)| x.at >= bound));
    let again = Network::from_json(&net.to_json()).unwrap();
    assert_eq!(again.to_json(), net.to_json());
    // Nothing left before the limit counts any more.
    assert_eq!(
        net.trust_value("v-kurt", "e-karin", "2024-06-30".parse().unwrap())
            .unwrap(),
        0.0
    );
    assert_eq!(net.purge_before(limit).interactions_removed, 0);
}

#[test]
fn csv_folders_in_the_encodings_spreadsheets_write() {
    // Found (#27): a CSV saved by Danish Excel in its default encoding
    // (Windows-1252) was refused as "did not contain valid UTF-8", with no line.
    let dir = std::env::temp_dir().join(format!("samskab-encodings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let actors = "id;kind;name\nv-1;volunteer;Søren Æblø\ne-1;employee;Åse\n";
    let interactions = "at;participants;kind;note\n05-09-2023;v-1|e-1;informal;Kaffe på rådhuset\n";
    let cp1252 = |t: &str| -> Vec<u8> {
        t.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect()
    };
    let utf16 = |t: &str| -> Vec<u8> {
        [0xffu8, 0xfe]
            .into_iter()
            .chain(
                t.replace(';', "\t")
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect()
    };
    for (how, a, x) in [
        ("Windows-1252", cp1252(actors), cp1252(interactions)),
        ("UTF-16 with tabs", utf16(actors), utf16(interactions)),
    ] {
        std::fs::write(dir.join("actors.csv"), a).unwrap();
        std::fs::write(dir.join("interactions.csv"), x).unwrap();
        let net = Network::from_csv(&dir).unwrap_or_else(|e| panic!("{how}: {e}"));
        assert_eq!(
            net.actor("v-1").unwrap().name.as_deref(),
            Some("Søren Æblø"),
            "{how}"
        );
        let (_, x) = net.interactions().next().unwrap();
        assert_eq!(x.note.as_deref(), Some("Kaffe på rådhuset"), "{how}");
    }
    // What cannot be told apart is refused with its place and how to save it.
    std::fs::write(dir.join("actors.csv"), b"id;kind\nv-\x81;citizen\n").unwrap();
    let err = Network::from_csv(&dir).unwrap_err();
    assert_eq!(err.problems()[0].place, "actors.csv:2:3");
    assert!(err.problems()[0].message.contains("CSV UTF-8"));
    std::fs::remove_dir_all(&dir).unwrap();
}
