//! `lede compare --format md`: several documents lined up, as a Markdown memo for a
//! notes tool.
//!
//! YAML front matter (`title`, `compared`, `documents`: each with `n`, `title`, `source`,
//! `date`), then a table of the documents, a table of actors with a mention count per
//! document, the shared claims (each document's wording as a block quote, with the
//! document and claimer under it), the claims only one document makes, and a table of
//! who is quoted in which document. Documents are called D1, D2… throughout.

use crate::analysis::coverage::{ClaimRef, Coverage};
use crate::cli::compare::Compared;
use crate::export::{md_line, yaml_str};
use std::fmt::Write;

/// A table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    md_line(s).replace('|', "\\|")
}

fn title_of(c: &Compared) -> String {
    c.doc.title.clone().unwrap_or_else(|| c.doc.display_name())
}

/// The memo for `docs` lined up in `cov`; `today` is written as `compared`.
pub fn markdown(docs: &[Compared], cov: &Coverage, today: &str) -> String {
    let mut s = String::new();
    let n = docs.len();
    let _ = writeln!(s, "---");
    let _ = writeln!(
        s,
        "title: {}",
        yaml_str(&format!(
            "Coverage of {n} document{}",
            if n == 1 { "" } else { "s" }
        ))
    );
    let _ = writeln!(s, "compared: {}", yaml_str(today));
    let _ = writeln!(s, "documents:");
    for (i, d) in docs.iter().enumerate() {
        let _ = writeln!(s, "  - n: {}", i + 1);
        let _ = writeln!(s, "    title: {}", yaml_str(&title_of(d)));
        let _ = writeln!(s, "    source: {}", yaml_str(&d.doc.source));
        match d.doc.date {
            Some(x) => {
                let _ = writeln!(s, "    date: {}", x.format("%Y-%m-%d"));
            }
            None => {
                let _ = writeln!(s, "    date: null");
            }
        }
    }
    let _ = writeln!(s, "---\n");
    let _ = writeln!(s, "# Coverage of {n} documents\n");
    let _ = writeln!(s, "| | document | source | date | claims |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for (i, d) in docs.iter().enumerate() {
        let _ = writeln!(
            s,
            "| D{} | {} | {} | {} | {} |",
            i + 1,
            cell(&title_of(d)),
            cell(&d.doc.source),
            d.doc
                .date
                .map_or("—".to_string(), |x| x.format("%Y-%m-%d").to_string()),
            d.analysis.claims.len()
        );
    }

    let _ = writeln!(s, "\n## Actors\n");
    let _ = write!(s, "| actor | kind |");
    for i in 0..n {
        let _ = write!(s, " D{} |", i + 1);
    }
    let _ = write!(s, "\n|---|---|");
    for _ in 0..n {
        let _ = write!(s, "---:|");
    }
    let _ = writeln!(s);
    for a in &cov.actors.actors {
        let _ = write!(s, "| {} | {} |", cell(&a.name), a.kind.as_str());
        for &m in &a.mentions {
            if m == 0 {
                let _ = write!(s, " · |");
            } else {
                let _ = write!(s, " {m} |");
            }
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "\n## Shared claims ({})\n", cov.shared.len());
    if cov.shared.is_empty() {
        let _ = writeln!(s, "No claim is made by more than one document.");
    }
    for (k, g) in cov.shared.iter().enumerate() {
        let where_: Vec<String> = g
            .members
            .iter()
            .map(|m| format!("D{}", m.doc + 1))
            .collect();
        let _ = writeln!(s, "### {}. In {}\n", k + 1, where_.join(", "));
        for m in &g.members {
            quote(&mut s, docs, m);
        }
    }

    let _ = writeln!(s, "## Only one document ({})\n", cov.unique.len());
    let mut last = None;
    for m in &cov.unique {
        if last != Some(m.doc) {
            let _ = writeln!(
                s,
                "### D{}: {}\n",
                m.doc + 1,
                md_line(&title_of(&docs[m.doc]))
            );
            last = Some(m.doc);
        }
        quote(&mut s, docs, m);
    }

    let _ = writeln!(s, "## Sources quoted\n");
    if cov.sources.is_empty() {
        let _ = writeln!(s, "No claim is attributed to a named source.");
    } else {
        let _ = write!(s, "| source |");
        for i in 0..n {
            let _ = write!(s, " D{} |", i + 1);
        }
        let _ = write!(s, "\n|---|");
        for _ in 0..n {
            let _ = write!(s, "---:|");
        }
        let _ = writeln!(s);
        for src in &cov.sources {
            let _ = write!(s, "| {} |", cell(&src.name));
            for c in &src.claims {
                if c.is_empty() {
                    let _ = write!(s, " · |");
                } else {
                    let _ = write!(s, " {} |", c.len());
                }
            }
            let _ = writeln!(s);
        }
    }
    s
}

/// One claim as a block quote, with its document and claimer on the last line.
fn quote(s: &mut String, docs: &[Compared], m: &ClaimRef) {
    let d = &docs[m.doc];
    let c = &d.analysis.claims[m.claim.0 as usize];
    let _ = writeln!(s, "> {}", md_line(&d.doc.text[c.span.clone()]));
    let who = match &c.claimer {
        Some(x) => format!(", {}", md_line(x)),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        ">\n> — D{} *{}*{who}\n",
        m.doc + 1,
        md_line(&title_of(d)).replace('*', "\\*")
    );
}
