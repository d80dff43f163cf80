//! Memory per record: the bytes a loaded network holds, counted by a global
//! allocator (size S, or SAMSKAB_BENCH_SIZE). Printed, never asserted.
//! Run with `cargo bench -p samskab --bench memory`.
//!
//! At XL the document is some 18 GB of text, more than the network: there
//! the network is generated in place, then saved to a file and loaded from
//! it as it is read (`Network::load`), with figures for both
//! (`SAMSKAB_BENCH_DIRECT=1` does the same at any size).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use samskab::generate::GeneratorConfig;
use samskab::{Moment, Network};

/// The system allocator, counting the bytes alive: what a loaded network
/// holds, without the noise of resident-memory figures.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The most bytes alive at once since the last reset.
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size);
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes a network holds once made, per interaction, tie and actor (each
/// the whole divided by that count: the shares are not separable); after
/// every tie is scored (the ties' digests and the scored graph); and the
/// most held at once while making it and answering (from `start`, the bytes
/// alive before making it).
/// The process's most resident memory since the last reset (Linux), MB.
fn resident_peak() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}

fn memory(make: impl FnOnce() -> Network, as_of: Moment, then: impl FnOnce(Network)) {
    // The resident peak from here on (Linux: "5" resets it), beside the
    // counted bytes: the allocator's own overhead and freed pages it keeps.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let start = std::time::Instant::now();
    let net = make();
    let made = start.elapsed();
    let held = LIVE.load(Relaxed) - before;
    let most_making = PEAK.load(Relaxed) - before;
    let start = std::time::Instant::now();
    let key_people = net.key_people(as_of).len();
    let scored = LIVE.load(Relaxed) - before;
    let answered = start.elapsed();
    let people: Vec<&str> = net
        .actors()
        .iter()
        .filter(|a| !a.kind.is_group())
        .map(|a| a.id.as_str())
        .collect();
    let start = std::time::Instant::now();
    let mut ways = 0;
    for i in 0..20 {
        let (from, to) = (
            people[i * 7 % people.len()],
            people[(i * 31 + 5) % people.len()],
        );
        if from != to {
            ways += net.paths(from, to, as_of, 3).expect("known").len();
        }
    }
    let paths = start.elapsed() / 20;
    let peak = PEAK.load(Relaxed) - before;
    let per = |n: usize| held as f64 / n.max(1) as f64;
    eprintln!(
        "memory: {:.1} MB held by {} actors, {} ties, {} interactions: {:.0} B per interaction, \
         {:.0} B per tie, {:.0} B per actor; {:.1} MB once scored; at most {:.1} MB at once \
         while making it and answering ({:.1} MB while making it)",
        held as f64 / 1e6,
        net.actor_count(),
        net.tie_count(),
        net.interaction_count(),
        per(net.interaction_count()),
        per(net.tie_count()),
        per(net.actor_count()),
        scored as f64 / 1e6,
        peak as f64 / 1e6,
        most_making as f64 / 1e6,
    );
    eprintln!(
        "time: made in {made:.1?}; every tie scored and {key_people} key people in \
         {answered:.1?}; {ways} ways in over 20 queries, {paths:.2?} per query"
    );
    if let Some(mb) = resident_peak() {
        eprintln!("resident: at most {mb:.1} MB (the whole process, from the start of making it)");
    }
    then(net);
}

fn main() {
    let size = std::env::var("SAMSKAB_BENCH_SIZE").unwrap_or_else(|_| "S".into());
    let direct = size == "XL" || std::env::var_os("SAMSKAB_BENCH_DIRECT").is_some();
    let config = GeneratorConfig::size(&size, 1).expect("a size");
    let as_of = "2026-01-01".parse().expect("a date");
    // SAMSKAB_BENCH_FILE keeps the saved document there and, when it is
    // there already, only loads it (XL takes twenty minutes to make).
    let kept = std::env::var_os("SAMSKAB_BENCH_FILE").map(std::path::PathBuf::from);
    if direct {
        let file = kept.clone().unwrap_or_else(|| {
            std::env::temp_dir().join(format!("samskab-{size}-{}.json", std::process::id()))
        });
        if !file.exists() {
            eprintln!("{size}: generated in place");
            let mut made = None;
            memory(
                || Network::generate(&config).expect("a network"),
                as_of,
                |net| made = Some(net),
            );
            // Then saved and loaded from the file as it is read: a document
            // too large to hold as text, next to its network, loads this way.
            let start = std::time::Instant::now();
            made.take().expect("made").save(&file).expect("saved");
            eprintln!("{size}: saved in {:.1?}", start.elapsed());
        }
        let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        eprintln!(
            "{size}: loaded from a file of {:.0} MB of format v1, as it is read",
            bytes as f64 / 1e6,
        );
        memory(|| Network::load(&file).expect("loads"), as_of, drop);
        if kept.is_none() {
            let _ = std::fs::remove_file(&file);
        }
    } else {
        let text = Network::generate(&config).expect("a network").to_json();
        eprintln!(
            "{size}: loaded from {:.1} MB of format v1",
            text.len() as f64 / 1e6
        );
        memory(|| Network::from_json(&text).expect("loads"), as_of, drop);
    }
}
