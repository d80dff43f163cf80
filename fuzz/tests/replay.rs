//! Every input the fuzzers ever crashed on, replayed as a regular test, so a
//! fixed crash stays fixed (`fuzz/crashes/<target>/`). A folder that is
//! missing, or holds fewer inputs than were saved, fails: a replay that
//! reads nothing would pass without testing anything.

use std::path::PathBuf;

/// Replays every input in `target`'s folder and returns how many there were.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crashes")
        .join(target);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: the crash folder is missing ({e})", dir.display()));
    let mut n = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        run(&data);
        n += 1;
    }
    n
}

#[test]
fn json_loader_crashes_stay_fixed() {
    let n = replay("json_loader", samskab_fuzz::json_loader);
    assert!(n >= 1, "fuzz/crashes/json_loader holds no input");
}

#[test]
fn csv_importer_crashes_stay_fixed() {
    // No crash of the spreadsheet importer has been found yet: the folder
    // is there for the first.
    replay("csv_importer", samskab_fuzz::csv_importer);
}

#[test]
fn operations_crashes_stay_fixed() {
    // stale-scores-after-erase.bin: the analyses' cache outlived an
    // erasure and a way-in query panicked (issue #23).
    let n = replay("operations", samskab_fuzz::operations);
    assert!(n >= 1, "fuzz/crashes/operations holds no input");
}

#[test]
fn the_targets_run_on_simple_inputs() {
    let doc = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/skovlund.json"
    ))
    .unwrap();
    samskab_fuzz::json_loader(&doc);
    samskab_fuzz::csv_importer(
        b"id;kind\na;volunteer\nb;employee\n\0at;participants;kind\n2024-01-01;a|b;meeting\n",
    );
    samskab_fuzz::operations(&[7u8; 512]);
    samskab_fuzz::operations(&(0..=255).collect::<Vec<u8>>());
}
