//! Analyse one text file N times (default once) and print the time per analysis: a
//! small target for instruction counts, which hold still on a busy machine where the
//! `analysis` bench's times do not.
//!
//! ```text
//! cargo build --release --example analyze_once
//! valgrind --tool=callgrind target/release/examples/analyze_once ../shared/bench-data/book-5mb.txt
//! ```
//!
//! One run includes the one-time loading of the embedded models and the warming of the
//! time-expression recogniser; two runs minus one give the cost of an analysis alone.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: analyze_once FILE [RUNS]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("analyze_once: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let runs: u32 = match args.next().map(|s| s.parse()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("analyze_once: RUNS must be a positive whole number");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..runs {
        let a = lede::analysis::analyze(&text, None);
        found += a.mentions.len() + a.claims.len() + a.timexes.len();
    }
    let each = start.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "{runs} analyses of {} bytes: {:.3} s each, {:.2} MiB/s ({found} mentions, claims and time expressions)",
        text.len(),
        each,
        text.len() as f64 / each / (1024.0 * 1024.0)
    );
}
