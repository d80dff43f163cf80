//! criterion benches of the core at size S (and M with SAMSKAB_BENCH_SIZE=M):
//! loading format v1, scoring every tie, the analyses (memory per record is
//! `benches/memory.rs`, apart: its counting allocator would slow these).
//! Run with `cargo bench -p samskab`; the figures go to BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use samskab::generate::GeneratorConfig;
use samskab::{Moment, Network};

fn size() -> String {
    std::env::var("SAMSKAB_BENCH_SIZE").unwrap_or_else(|_| "S".into())
}

fn benches(c: &mut Criterion) {
    let config = GeneratorConfig::size(&size(), 1).expect("a size");
    let net = Network::generate(&config).expect("a network");
    let text = net.to_json();
    let as_of: Moment = "2026-01-01".parse().expect("a date");
    let mut group = c.benchmark_group(format!("samskab-{}", size()));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("load format v1", |b| {
        b.iter(|| Network::from_json(&text).expect("loads"))
    });
    let file = std::env::temp_dir().join(format!("samskab-bench-{}.json", std::process::id()));
    net.save(&file).expect("saved");
    group.bench_function("load format v1 from a file", |b| {
        b.iter(|| Network::load(&file).expect("loads"))
    });
    let _ = std::fs::remove_file(&file);
    group.throughput(Throughput::Elements(net.interaction_count() as u64));
    group.bench_function("score every tie (interactions/s)", |b| {
        // A new instant each time: the network keeps the scores of the last one.
        let mut ms = as_of.millis();
        b.iter(|| {
            ms += 1;
            let instant = chrono::DateTime::from_timestamp_millis(ms).expect("an instant");
            net.trust_edges(Moment::from(instant))
        })
    });
    group.bench_function("tie table (interactions/s)", |b| {
        b.iter(|| net.tie_table(as_of))
    });
    group.throughput(Throughput::Elements(1));
    let people: Vec<String> = net
        .actors()
        .iter()
        .filter(|a| !a.kind.is_group())
        .map(|a| a.id.clone())
        .collect();
    group.bench_function("paths (one query)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 7) % people.len();
            net.paths(&people[i], &people[(i * 31 + 5) % people.len()], as_of, 3)
                .expect("known")
        })
    });
    group.bench_function("paths, unlimited hops (one query)", |b| {
        // As the side-by-side harness asks: the single most trusted chain
        // of any length, over every tie with trust above 0.
        let unlimited = samskab::PathOptions {
            k: 1,
            max_hops: people.len(),
            min_step_trust: 0.0,
        };
        let mut i = 0;
        b.iter(|| {
            i = (i + 7) % people.len();
            let to = &people[(i * 31 + 5) % people.len()];
            net.paths_with(&people[i], to, as_of, &unlimited)
                .expect("known")
        })
    });
    group.bench_function("key_people", |b| b.iter(|| net.key_people(as_of)));
    group.bench_function("neglected", |b| b.iter(|| net.neglected(as_of)));
    group.bench_function("brokers", |b| b.iter(|| net.brokers(as_of)));
    let (start, end) = (
        "2025-01-01".parse().expect("a date"),
        "2025-07-01".parse().expect("a date"),
    );
    group.bench_function("report", |b| {
        b.iter(|| net.report(start, end).expect("a report"))
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
