//! Dump the candidate content spans of every attribution lede finds, with the features
//! the span model weighs, for `scripts/train-spans`: reads JSON lines `{"id", "text",
//! "dct"}` and prints one JSON line per document, `{"id", "rows": [{"cue", "rule",
//! "chosen", "starts", "ends", "pairs"}], "claims": [...]}`, offsets in code points as in
//! `lede analyze` (`starts`: `[offset, [feature..]]`; `ends` likewise; `pairs`:
//! `[start index, end index, [feature..]]`; `claims`: the claims lede reports, with
//! `start`, `end`, `claimer` and `cue` for the attributed ones).
//!
//!     cargo run --release --example span_features -- FILE.jsonl > spans.jsonl

use lede::analysis::{self, text::CharIndex};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: span_features FILE.jsonl");
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
        let span = |s: &analysis::Span| [idx.to_char(s.start), idx.to_char(s.end)];
        let rows: Vec<serde_json::Value> = analysis::claims::span_rows(&doc.text, &a)
            .into_iter()
            .map(|r| {
                let c = r.candidates;
                serde_json::json!({
                    "cue": span(&r.cue),
                    "rule": span(&r.rule),
                    "chosen": span(&r.chosen),
                    "starts": c.starts.into_iter().map(|(o, f)| serde_json::json!([idx.to_char(o), f])).collect::<Vec<_>>(),
                    "ends": c.ends.into_iter().map(|(o, f)| serde_json::json!([idx.to_char(o), f])).collect::<Vec<_>>(),
                    "pairs": c.pairs,
                })
            })
            .collect();
        let claims: Vec<serde_json::Value> = a
            .claims
            .iter()
            .map(|c| {
                let at = c.attribution.map(|i| &a.attributions[i]);
                serde_json::json!({
                    "start": idx.to_char(c.span.start),
                    "end": idx.to_char(c.span.end),
                    "claimer": c.claimer,
                    "cue": at.and_then(|at| at.cue.as_ref()).map(span),
                })
            })
            .collect();
        let line = serde_json::json!({"id": job.id, "rows": rows, "claims": claims});
        writeln!(out, "{line}")?;
    }
    Ok(())
}
