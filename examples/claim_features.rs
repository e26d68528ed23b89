//! Dump the check-worthiness features of every candidate claim, for
//! `scripts/train-checkworthy`: reads JSON lines `{"id", "text", "dct"}` (a data set's
//! `dev.jsonl`) and prints one JSON line per document,
//! `{"id", "claims": [{"start", "end", "attributed", "heading", "sentence", "whole": [[start, end]…], "f": {name: value}}]}`, offsets in
//! code points as in `lede analyze`.
//!
//!     cargo run --release --example claim_features -- FILE.jsonl > features.jsonl

use lede::analysis::{self, text::CharIndex, ClaimKind};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: claim_features FILE.jsonl");
        std::process::exit(2);
    };
    let content = std::fs::read_to_string(&path)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for job in lede::cli::jobs_from_jsonl(&path, &content) {
        let Ok(doc) = job.doc else {
            eprintln!("{path}: a line without id or text");
            std::process::exit(1);
        };
        let a = analysis::analyze(&doc.text, doc.date);
        let idx = CharIndex::new(&doc.text);
        let claims: Vec<serde_json::Value> = analysis::claims::feature_rows(&doc.text, &a)
            .into_iter()
            .map(|row| {
                let f: serde_json::Map<String, serde_json::Value> = row
                    .features
                    .into_iter()
                    .map(|(k, v)| (k, v.into()))
                    .collect();
                serde_json::json!({
                    "start": idx.to_char(row.claim.span.start),
                    "end": idx.to_char(row.claim.span.end),
                    "attributed": row.claim.kind == ClaimKind::Attributed,
                    "heading": row.heading,
                    "sentence": row.sentence,
                    "whole": row.whole.iter()
                        .map(|w| [idx.to_char(w.start), idx.to_char(w.end)])
                        .collect::<Vec<_>>(),
                    "f": f,
                })
            })
            .collect();
        let line = serde_json::json!({"id": job.id, "claims": claims});
        writeln!(out, "{line}")?;
    }
    Ok(())
}
