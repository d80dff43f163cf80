//! Every input the fuzzers ever crashed on, replayed as a regular test, so a
//! fixed crash stays fixed (`fuzz/crashes/<target>/`).

use std::path::PathBuf;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crashes")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
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
    replay("json_loader", samskab_fuzz::json_loader);
}

#[test]
fn csv_importer_crashes_stay_fixed() {
    replay("csv_importer", samskab_fuzz::csv_importer);
}

#[test]
fn operations_crashes_stay_fixed() {
    replay("operations", samskab_fuzz::operations);
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
