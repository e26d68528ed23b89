//! `lede compare A B C`: several documents lined up ([`crate::analysis::coverage`]) as
//! JSON for pipelines or as a Markdown memo for notes.
//!
//! # Wire format (compare schema 1)
//!
//! One JSON object. Documents are numbered by their position in `documents` (0-based);
//! claim numbers are indices into that document's `claims` as `lede analyze` writes them;
//! `start`/`end` are Unicode code-point offsets into that document's text (as in
//! `lede analyze`), end exclusive. Names are stable; new fields may be added, and an
//! incompatible change bumps `compare_schema`.
//!
//! ```text
//! { "compare_schema": 1, "analysis_schema": 2,
//!   "documents": [{"id", "source", "title": str|null, "site": str|null,
//!                  "dct": "YYYY-MM-DD"|null, "claims": int, "actors": int}],
//!   "actors":  [{"name", "kind": "PER|ORG|LOC", "aliases": [str],
//!                "mentions": [int per document], "ids": [[actor id] per document]}],
//!   "shared":  [{"similarity": float, "claims": [<claim>]}],
//!   "unique":  [<claim>],
//!   "sources": [{"name", "actor": int|null, "claims": [[claim number] per document]}] }
//! <claim> = {"document": int, "claim": int, "start", "end", "text", "kind",
//!            "claimer": str|null, "hedged": bool, "checkworthy": bool}
//! ```
//!
//! `actors` are merged across the documents (one row per real-world actor), in most
//! documents first; `mentions[d]` is the number of mentions in document `d` and `ids[d]`
//! the actor ids of `lede analyze`'s output for that document. `shared` groups claims of
//! different documents that make the same assertion (one claim per document, in document
//! order), `similarity` being the weakest link that joined them (0–1). `unique` holds the
//! claims no other document makes, by document and text order. `sources` are the
//! claimers, merged like actors (`actor` indexes `actors` when the claimer is a named
//! actor), with the claims each document attributes to them.

use crate::analysis::coverage::{self, ClaimRef, Coverage, Input, Params};
use crate::analysis::{self, text::CharIndex, Analysis, NaiveDate};
use crate::cli::Job;
use crate::document::Document;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::Write;

/// The version written in `compare_schema`.
pub const COMPARE_SCHEMA_VERSION: u32 = 1;

/// Output format of `lede compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// One JSON object (compare schema 1).
    Json,
    /// A Markdown memo with YAML front matter.
    Md,
}

/// A loaded and analysed document.
pub struct Compared {
    /// The id written to the output (the argument as given).
    pub id: String,
    /// The document.
    pub doc: Document,
    /// Its analysis.
    pub analysis: Analysis,
}

/// Analyse the loaded jobs in parallel (input order kept). Failed jobs are reported on
/// `err`, one line each, and left out; the second of two jobs with the same text is
/// left out too. Returns the documents and the number of failures.
pub fn analyse_jobs(
    jobs: Vec<Job>,
    date_override: Option<NaiveDate>,
    err: &mut dyn Write,
) -> std::io::Result<(Vec<Compared>, usize)> {
    let results: Vec<Result<Compared, String>> = jobs
        .into_par_iter()
        .map(|job| {
            let mut doc = job.doc?;
            if let Some(d) = date_override {
                doc.set_date(d, crate::document::DateSource::Flag);
            }
            let analysis = analysis::analyze(&doc.text, doc.date);
            Ok(Compared {
                id: job.id,
                doc,
                analysis,
            })
        })
        .collect();
    let mut out: Vec<Compared> = Vec::new();
    let mut failed = 0;
    for r in results {
        match r {
            Ok(c) => {
                if !out.iter().any(|o| o.doc.text == c.doc.text) {
                    out.push(c);
                }
            }
            Err(e) => {
                writeln!(err, "lede: {}", crate::export::terminal_safe(&e))?;
                failed += 1;
            }
        }
    }
    Ok((out, failed))
}

/// Compare the documents and write the result. Returns the number of failed inputs.
pub fn run_compare(
    jobs: Vec<Job>,
    format: CompareFormat,
    date_override: Option<NaiveDate>,
    today: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<usize> {
    let (docs, failed) = analyse_jobs(jobs, date_override, err)?;
    let inputs: Vec<Input<'_>> = docs
        .iter()
        .map(|c| Input {
            text: &c.doc.text,
            analysis: &c.analysis,
        })
        .collect();
    let cov = coverage::compare(&inputs, &Params::default());
    let body = match format {
        CompareFormat::Json => {
            crate::export::json_safe(
                serde_json::to_string_pretty(&compare_json(&docs, &cov)).unwrap_or_default(),
            ) + "\n"
        }
        CompareFormat::Md => crate::export::compare::markdown(&docs, &cov, today),
    };
    out.write_all(body.as_bytes())?;
    out.flush()?;
    Ok(failed)
}

/// The JSON object of a comparison (see the module documentation).
pub fn compare_json(docs: &[Compared], cov: &Coverage) -> Value {
    let idx: Vec<CharIndex> = docs.iter().map(|d| CharIndex::new(&d.doc.text)).collect();
    let claim = |r: &ClaimRef| {
        let d = &docs[r.doc];
        let c = &d.analysis.claims[r.claim.0 as usize];
        json!({
            "document": r.doc,
            "claim": r.claim.0,
            "start": idx[r.doc].to_char(c.span.start),
            "end": idx[r.doc].to_char(c.span.end),
            "text": &d.doc.text[c.span.clone()],
            "kind": c.kind.as_str(),
            "claimer": c.claimer,
            "hedged": c.hedged,
            "checkworthy": c.checkworthy,
        })
    };
    json!({
        "compare_schema": COMPARE_SCHEMA_VERSION,
        "analysis_schema": crate::export::analysis_json::SCHEMA_VERSION,
        "documents": docs.iter().map(|d| json!({
            "id": d.id,
            "source": d.doc.source,
            "title": d.doc.title,
            "site": d.doc.site,
            "dct": d.doc.date.map(|x| x.format("%Y-%m-%d").to_string()),
            "claims": d.analysis.claims.len(),
            "actors": d.analysis.actors.len(),
        })).collect::<Vec<_>>(),
        "actors": cov.actors.actors.iter().map(|a| json!({
            "name": a.name,
            "kind": a.kind.as_str(),
            "aliases": a.aliases,
            "mentions": a.mentions,
            "ids": a.docs,
        })).collect::<Vec<_>>(),
        "shared": cov.shared.iter().map(|s| json!({
            "similarity": (s.similarity * 1000.0).round() / 1000.0,
            "claims": s.members.iter().map(claim).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "unique": cov.unique.iter().map(claim).collect::<Vec<_>>(),
        "sources": cov.sources.iter().map(|s| json!({
            "name": s.name,
            "actor": s.actor,
            "claims": s.claims.iter().map(|c| c.iter().map(|x| x.0).collect::<Vec<_>>()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn job(id: &str, text: &str) -> Job {
        Job {
            id: id.into(),
            source: id.into(),
            doc: Ok(Document::new(id, Format::Plain, text.into(), vec![])),
        }
    }

    const A: &str = "The Dunmere council said the new bridge would cost four million euros. \
                     Police arrested three men in Tessby on Friday.";
    const B: &str = "According to the Dunmere council, the bridge will cost 4 million euros. \
                     The harbour in Tessby will close for two weeks, officials said.";

    #[test]
    fn json_lists_documents_actors_and_every_claim_once() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let jobs = vec![
            job("a.txt", A),
            Job {
                id: "bad".into(),
                source: "bad".into(),
                doc: Err("bad: no such file".into()),
            },
            job("b.txt", B),
            job("again.txt", A),
        ];
        let failed = run_compare(
            jobs,
            CompareFormat::Json,
            None,
            "2026-01-01",
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(failed, 1);
        assert_eq!(String::from_utf8(err).unwrap(), "lede: bad: no such file\n");
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["compare_schema"], 1);
        let docs = v["documents"].as_array().unwrap();
        assert_eq!(docs.len(), 2, "the same text given twice counts once");
        assert_eq!(docs[1]["id"], "b.txt");
        let claims: u64 = docs.iter().map(|d| d["claims"].as_u64().unwrap()).sum();
        let shared: usize = v["shared"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["claims"].as_array().unwrap().len())
            .sum();
        assert_eq!(
            shared + v["unique"].as_array().unwrap().len(),
            claims as usize
        );
        let dunmere = v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "Dunmere")
            .expect("Dunmere row");
        assert_eq!(dunmere["mentions"].as_array().unwrap().len(), 2);
        // Offsets point into the text.
        for c in v["unique"].as_array().unwrap() {
            let d = c["document"].as_u64().unwrap() as usize;
            let text: Vec<char> = [A, B][d].chars().collect();
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[s..e].iter().collect::<String>(), c["text"]);
        }
    }
}
