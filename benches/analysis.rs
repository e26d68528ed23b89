//! Analysis throughput on a book-length text and a typical article.
//!
//! Inputs come from `LEDE_BENCH_DATA` (default `../shared/bench-data`); the benchmark
//! skips a file that is missing. Run: `cargo bench --bench analysis`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

fn data(name: &str) -> Option<String> {
    let dir = std::env::var_os("LEDE_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench-data"));
    std::fs::read_to_string(dir.join(name)).ok()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    let sample = include_str!("../assets/sample.txt");
    g.throughput(Throughput::Bytes(sample.len() as u64));
    g.bench_function("sample-article", |b| {
        b.iter(|| lede::analysis::analyze(sample, None))
    });
    for name in ["article-20kb.txt", "book-5mb.txt"] {
        let Some(text) = data(name) else {
            eprintln!("skipping {name}: not found (set LEDE_BENCH_DATA)");
            continue;
        };
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| lede::analysis::analyze(&text, None)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
