//! `lede compare A B C`: load and analyse the documents in parallel, line them up
//! ([`crate::analysis::coverage`]) and write them as JSON or Markdown
//! ([`crate::export::compare`], where the wire format is documented).

use crate::analysis::coverage::{self, Input, Params};
use crate::analysis::{self, NaiveDate};
use crate::cli::Job;
use crate::export::compare::{compare_json, markdown, Compared};
use rayon::prelude::*;
use std::io::Write;

/// Output format of `lede compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// One JSON object (compare schema 1).
    Json,
    /// A Markdown memo with YAML front matter.
    Md,
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
        CompareFormat::Md => markdown(&docs, &cov, today),
    };
    out.write_all(body.as_bytes())?;
    out.flush()?;
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use serde_json::Value;

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
        assert_eq!(v["compare_schema"], 2);
        let docs = v["documents"].as_array().unwrap();
        assert_eq!(docs.len(), 2, "the same text given twice counts once");
        assert_eq!(docs[1]["id"], "b.txt");
        // Every claim, and every statement of a report's narration, is lined up once.
        let claims: u64 = docs
            .iter()
            .map(|d| d["claims"].as_u64().unwrap() + d["narration"].as_u64().unwrap())
            .sum();
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
