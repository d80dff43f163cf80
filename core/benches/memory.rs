//! Memory per record: the bytes a loaded network holds, counted by a global
//! allocator (size S, or SAMSKAB_BENCH_SIZE). Printed, never asserted.
//! Run with `cargo bench -p samskab --bench memory`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use samskab::generate::GeneratorConfig;
use samskab::{Moment, Network};

/// The system allocator, counting the bytes alive: what a loaded network
/// holds, without the noise of resident-memory figures.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes a network holds once loaded, per interaction, tie and actor (each
/// the whole divided by that count: the shares are not separable), and
/// after every tie is scored (the ties' digests and the scored graph).
fn memory(text: &str, as_of: Moment) {
    let before = LIVE.load(Relaxed);
    let net = Network::from_json(text).expect("loads");
    let held = LIVE.load(Relaxed) - before;
    net.key_people(as_of);
    let scored = LIVE.load(Relaxed) - before;
    let per = |n: usize| held as f64 / n.max(1) as f64;
    eprintln!(
        "memory: {:.1} MB held by {} actors, {} ties, {} interactions: {:.0} B per interaction, \
         {:.0} B per tie, {:.0} B per actor; {:.1} MB once scored",
        held as f64 / 1e6,
        net.actor_count(),
        net.tie_count(),
        net.interaction_count(),
        per(net.interaction_count()),
        per(net.tie_count()),
        per(net.actor_count()),
        scored as f64 / 1e6,
    );
}

fn main() {
    let size = std::env::var("SAMSKAB_BENCH_SIZE").unwrap_or_else(|_| "S".into());
    let config = GeneratorConfig::size(&size, 1).expect("a size");
    let text = Network::generate(&config).expect("a network").to_json();
    memory(&text, "2026-01-01".parse().expect("a date"));
}
