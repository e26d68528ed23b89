//! Batch commands: `lede analyze` (analysis as JSON), `lede compare` and `lede export`.
//!
//! Documents are analysed across all cores and written in input order, each formatted
//! into its own buffer and written whole. A bad input is reported on standard error and
//! skipped; the command then exits with status 2.

pub mod compare;

use crate::export::analysis_json as json;

use crate::analysis::{self, NaiveDate};
use crate::document::Document;
use rayon::prelude::*;
use std::io::Write;

/// Output layout of `lede analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One JSON document, or a JSON array when there are several.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// How `lede analyze` reads its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Each argument is a document (file, `-` or URL).
    Doc,
    /// Each argument holds JSON lines `{"id", "text", "dct"}`; `-` reads standard input.
    Jsonl,
}

/// One unit of batch work: a document's text and metadata, or the error that stopped it.
pub struct Job {
    /// Id written to the output.
    pub id: String,
    /// Source written to the output.
    pub source: String,
    /// The loaded document.
    pub doc: Result<Document, String>,
}

/// Parse `--date`/`dct` strings (`YYYY-MM-DD`, also accepting a longer ISO timestamp).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Read JSON-lines inputs into jobs. Each line needs `id` and `text`; `dct` is optional.
pub fn jobs_from_jsonl(name: &str, content: &str) -> Vec<Job> {
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let job = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => {
                let id = v.get("id").and_then(|x| x.as_str()).map(str::to_string);
                let text = v.get("text").and_then(|x| x.as_str());
                match (id, text) {
                    (Some(id), Some(text)) => {
                        // The text is analysed exactly as given: its offsets are the input's.
                        let mut doc = Document::new(
                            name,
                            crate::document::Format::Plain,
                            text.to_string(),
                            vec![],
                        );
                        if let Some(d) = v.get("dct").and_then(|x| x.as_str()).and_then(parse_date)
                        {
                            doc.set_date(d, crate::document::DateSource::Input);
                        }
                        doc.title = v.get("title").and_then(|x| x.as_str()).map(str::to_string);
                        Job {
                            id,
                            source: name.to_string(),
                            doc: Ok(doc),
                        }
                    }
                    _ => Job {
                        id: format!("{name}:{}", n + 1),
                        source: name.to_string(),
                        doc: Err(format!(
                            "{name}:{}: a line needs \"id\" and \"text\"",
                            n + 1
                        )),
                    },
                }
            }
            Err(e) => Job {
                id: format!("{name}:{}", n + 1),
                source: name.to_string(),
                doc: Err(format!("{name}:{}: not JSON: {e}", n + 1)),
            },
        };
        out.push(job);
    }
    out
}

/// Analyse every job in parallel and write the results in input order.
/// Returns the number of jobs that failed (reported on `err`).
pub fn run_analyze(
    jobs: Vec<Job>,
    format: OutputFormat,
    date_override: Option<NaiveDate>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<usize> {
    let several = jobs.len() != 1;
    let results: Vec<Result<String, String>> = jobs
        .into_par_iter()
        .map(|job| {
            let mut doc = job.doc?;
            if let Some(d) = date_override {
                doc.set_date(d, crate::document::DateSource::Flag);
            }
            let dct = doc.date;
            let a = analysis::analyze(&doc.text, dct);
            let meta = json::Meta::of(&doc, &job.id, &job.source, dct);
            let v = json::analysis_json(&meta, &doc.text, &a);
            Ok(match format {
                OutputFormat::Jsonl => {
                    crate::export::json_safe(serde_json::to_string(&v).unwrap_or_default())
                }
                OutputFormat::Json => {
                    crate::export::json_safe(serde_json::to_string_pretty(&v).unwrap_or_default())
                }
            })
        })
        .collect();
    let ok: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let mut failed = 0;
    for r in &results {
        if let Err(e) = r {
            writeln!(err, "lede: {}", crate::export::terminal_safe(e))?;
            failed += 1;
        }
    }
    match format {
        OutputFormat::Jsonl => {
            for s in &ok {
                out.write_all(s.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Json => {
            if !several {
                // One input: its object (or nothing when it failed).
                for s in &ok {
                    writeln!(out, "{s}")?;
                }
            } else {
                writeln!(out, "[")?;
                for (i, s) in ok.iter().enumerate() {
                    out.write_all(s.as_bytes())?;
                    writeln!(out, "{}", if i + 1 < ok.len() { "," } else { "" })?;
                }
                writeln!(out, "]")?;
            }
        }
    }
    out.flush()?;
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_jobs_keep_text_and_date() {
        let jobs = jobs_from_jsonl(
            "in",
            "{\"id\":\"a\",\"text\":\"Hi.\",\"dct\":\"2020-01-02\"}\n\nnope\n",
        );
        assert_eq!(jobs.len(), 2);
        let d = jobs[0].doc.as_ref().unwrap();
        assert_eq!(&*d.text, "Hi.");
        assert_eq!(d.date, parse_date("2020-01-02"));
        assert!(jobs[1].doc.as_ref().unwrap_err().contains("in:3"));
    }

    #[test]
    fn analyze_writes_in_input_order() {
        let jobs = (0..20)
            .map(|i| Job {
                id: format!("d{i}"),
                source: "x".into(),
                doc: Ok(Document::new(
                    "x",
                    crate::document::Format::Plain,
                    format!("Doc {i}."),
                    vec![],
                )),
            })
            .collect();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let failed = run_analyze(jobs, OutputFormat::Jsonl, None, &mut out, &mut err).unwrap();
        assert_eq!(failed, 0);
        let ids: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(ids, (0..20).map(|i| format!("d{i}")).collect::<Vec<_>>());
    }
}
