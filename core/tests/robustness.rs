//! Limits and crashes: bounded work for any input, and saves that survive
//! being killed.

use std::process::Command;
use std::time::Duration;

use samskab::{Actor, ActorKind, Interaction, InteractionKind, Moment, Network};

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200, 10_000, 1_000_000] {
        let meta = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let doc =
            format!(r#"{{"format":"samskab","version":1,"meta":{{"x":{meta}}},"actors":[]}}"#);
        let err = Network::from_json(&doc).unwrap_err();
        assert_eq!(err.name(), "ParseError", "depth {depth}");
    }
    // Within the limit, nesting is kept as it is.
    let meta = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let doc = format!(r#"{{"format":"samskab","version":1,"meta":{{"x":{meta}}},"actors":[]}}"#);
    let net = Network::from_json(&doc).unwrap();
    let mut v = &net.meta()["x"];
    let mut depth = 0;
    while let Some(inner) = v.as_array().and_then(|a| a.first()) {
        v = inner;
        depth += 1;
    }
    assert_eq!(depth, 100);
}

#[test]
fn huge_strings_are_just_data() {
    let name = "æ".repeat(5_000_000);
    let doc = format!(
        r#"{{"format":"samskab","version":1,"actors":[{{"id":"a","kind":"citizen","name":"{name}"}}]}}"#
    );
    let net = Network::from_json(&doc).unwrap();
    assert_eq!(
        net.actor("a").unwrap().name.as_ref().unwrap().len(),
        name.len()
    );
    // A huge bad value is refused without being echoed.
    let doc =
        format!(r#"{{"format":"samskab","version":1,"actors":[{{"id":"a","kind":"{name}"}}]}}"#);
    let err = Network::from_json(&doc).unwrap_err();
    assert!(err.to_string().len() < 1000);
}

#[test]
fn a_group_interaction_has_a_documented_size_limit() {
    let max = samskab::MAX_PARTICIPANTS;
    let mut net = Network::new();
    for i in 0..=max {
        net.add_actor(Actor::new(format!("p{i}"), ActorKind::Citizen))
            .unwrap();
    }
    let at: Moment = "2024-01-01".parse().unwrap();
    let too_many = Interaction::new(
        at,
        (0..=max).map(|i| format!("p{i}")),
        InteractionKind::Event,
    );
    let err = net.add_interaction(too_many).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("at most {max} participants")),
        "{err}"
    );
    let doc = net.to_json().replace(
        "\"interactions\": []",
        &format!(
            "\"interactions\": [{{\"at\": \"2024-01-01\", \"kind\": \"event\", \"participants\": [{}]}}]",
            (0..=max).map(|i| format!("\"p{i}\"")).collect::<Vec<_>>().join(",")
        ),
    );
    assert_eq!(
        Network::from_json(&doc).unwrap_err().name(),
        "ValidationError"
    );
}

#[test]
fn a_million_actors_load_and_answer() {
    let n = 1_000_000;
    let mut doc = String::with_capacity(n * 48);
    doc.push_str(r#"{"format":"samskab","version":1,"actors":["#);
    for i in 0..n {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!(r#"{{"id":"a{i}","kind":"volunteer"}}"#));
    }
    doc.push_str(r#"],"interactions":["#);
    for i in 0..1000 {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!(
            r#"{{"at":"2024-01-01","participants":["a{}","a{}"],"kind":"meeting"}}"#,
            i,
            i + 1
        ));
    }
    doc.push_str("]}");
    let net = Network::from_json(&doc).unwrap();
    assert_eq!(net.actor_count(), n);
    let as_of: Moment = "2024-02-01".parse().unwrap();
    assert!(net.trust_value("a1", "a2", as_of).unwrap() > 0.0);
    assert!(
        net.key_people(as_of).is_empty(),
        "no municipality, no way in to lose"
    );
    assert_eq!(net.paths("a0", "a3", as_of, 1).unwrap().len(), 1);
    assert!(
        net.paths("a0", "a5", as_of, 1).unwrap().is_empty(),
        "five steps are more than four"
    );
}

/// In the child: save two versions of a network to one file, over and over.
#[test]
fn child_saver() {
    let Ok(path) = std::env::var("SAMSKAB_SAVE_CHILD") else {
        return;
    };
    let (a, b) = versions();
    loop {
        a.save(&path).unwrap();
        b.save(&path).unwrap();
    }
}

fn versions() -> (Network, Network) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/egebaek.json"
    ))
    .unwrap();
    let a = Network::from_json(&text).unwrap();
    let mut b = a.clone();
    b.erase("v-grethe").unwrap();
    (a, b)
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file_whole() {
    let dir = std::env::temp_dir().join(format!("samskab-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("net.json");
    let (a, b) = versions();
    a.save(&path).unwrap();
    let (ja, jb) = (a.to_json(), b.to_json());
    let exe = std::env::current_exe().unwrap();
    // Kill times spread over the first few dozen milliseconds of saving.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..40 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_saver",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("SAMSKAB_SAVE_CHILD", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + seed % 60));
        child.kill().unwrap();
        child.wait().unwrap();
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(
            on_disk == ja || on_disk == jb,
            "round {round}: the file is neither version whole"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
