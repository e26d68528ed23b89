//! Extraction speed on the html-aeb development pages (MB of HTML per second, one core).
//!
//! The pages are not in the repository: set `LEDE_HTML_BENCH_DIR` to a folder holding
//! `*/source.html` (default `/work/shared/data/html-aeb/dev`). Without them the bench
//! measures the bundled fixtures instead.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};

fn pages() -> Vec<String> {
    let dir = std::env::var("LEDE_HTML_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/work/shared/data/html-aeb/dev"));
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path().join("source.html");
            if let Ok(html) = std::fs::read_to_string(&path) {
                found.push((path, html));
            }
        }
    }
    if found.is_empty() {
        eprintln!(
            "no pages under {}: benchmarking the fixtures",
            dir.display()
        );
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
        for entry in std::fs::read_dir(fixtures).into_iter().flatten().flatten() {
            if let Ok(html) = std::fs::read_to_string(entry.path()) {
                found.push((entry.path(), html));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, html)| html).collect()
}

fn extract(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract_pages", |b| {
        b.iter(|| {
            for html in &pages {
                std::hint::black_box(lede::document::html::parse("page.html", html, None));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
