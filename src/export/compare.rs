//! `lede compare`: several documents lined up ([`crate::analysis::coverage`]) as JSON
//! for pipelines ([`compare_json`]) or as a Markdown memo for a notes tool ([`markdown`]).
//!
//! # Markdown
//!
//! YAML front matter (`title`, `compared`, `documents`: each with `n`, `title`, `source`,
//! `date`), then a table of the documents, a table of actors with a mention count per
//! document, the shared claims (each document's wording as a block quote, with the
//! document and claimer under it), the claims only one document makes, and a table of
//! who is quoted in which document. Documents are called D1, D2… throughout.
//!
//! # Wire format (compare schema 2)
//!
//! One JSON object. Documents are numbered by their position in `documents` (0-based);
//! claim numbers are indices into that document's `claims` as `lede analyze` writes them,
//! then into its `narration` (a number past the claims, less their count; such a
//! `<claim>` has `narration` true): in a news report the reporter's statements that are
//! not check-worthy are lined up beside the claims;
//! `start`/`end` are Unicode code-point offsets into that document's text (as in
//! `lede analyze`), end exclusive. Names are stable; new fields may be added, and an
//! incompatible change bumps `compare_schema`.
//!
//! ```text
//! { "compare_schema": 2, "analysis_schema": 5,
//!   "documents": [{"id", "source", "title": str|null, "site": str|null,
//!                  "dct": "YYYY-MM-DD"|null, "claims": int, "narration": int,
//!                  "actors": int}],
//!   "actors":  [{"name", "kind": "PER|ORG|LOC", "aliases": [str],
//!                "mentions": [int per document], "ids": [[actor id] per document]}],
//!   "shared":  [{"similarity": float, "claims": [<claim>]}],
//!   "unique":  [<claim>],
//!   "sources": [{"name", "actor": int|null, "claims": [[claim number] per document]}] }
//! <claim> = {"document": int, "claim": int, "start", "end", "text", "kind",
//!            "claimer": str|null, "hedged": bool, "checkworthy": bool, "narration": bool}
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
//!
//! Compare schema 2 numbers narration after the claims and added `narration`.

use crate::analysis::coverage::{ClaimRef, Coverage};
use crate::analysis::{text::CharIndex, Analysis};
use crate::document::Document;
use crate::export::{md_line, yaml_str};
use serde_json::{json, Value};
use std::fmt::Write;

/// The version written in `compare_schema`.
pub const COMPARE_SCHEMA_VERSION: u32 = 2;

/// A loaded and analysed document.
pub struct Compared {
    /// The id written to the output (the argument as given).
    pub id: String,
    /// The document.
    pub doc: Document,
    /// Its analysis.
    pub analysis: Analysis,
}

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
    let _ = writeln!(s, "| | document | source | date | claims | narration |");
    let _ = writeln!(s, "|---|---|---|---|---|---|");
    for (i, d) in docs.iter().enumerate() {
        let _ = writeln!(
            s,
            "| D{} | {} | {} | {} | {} | {} |",
            i + 1,
            cell(&title_of(d)),
            cell(&d.doc.source),
            d.doc
                .date
                .map_or("—".to_string(), |x| x.format("%Y-%m-%d").to_string()),
            d.analysis.claims.len(),
            d.analysis.narration.len()
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
    let c = d.analysis.statement(m.claim);
    let _ = writeln!(s, "> {}", md_line(&d.doc.text[c.span.clone()]));
    let who = match &c.claimer {
        Some(x) => format!(", {}", md_line(x)),
        None if d.analysis.is_narration(m.claim) => ", narration".to_string(),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        ">\n> — D{} *{}*{who}\n",
        m.doc + 1,
        md_line(&title_of(d)).replace('*', "\\*")
    );
}

/// The JSON object of a comparison (see the module documentation).
pub fn compare_json(docs: &[Compared], cov: &Coverage) -> Value {
    let idx: Vec<CharIndex> = docs.iter().map(|d| CharIndex::new(&d.doc.text)).collect();
    let claim = |r: &ClaimRef| {
        let d = &docs[r.doc];
        let c = d.analysis.statement(r.claim);
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
            "narration": d.analysis.is_narration(r.claim),
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
            "narration": d.analysis.narration.len(),
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
    use crate::analysis::coverage::{compare, Input, Params};

    fn doc(id: &str, text: &str) -> Compared {
        let doc = crate::document::plain::parse(id, text);
        let analysis = crate::analysis::analyze(&doc.text, None);
        Compared {
            id: id.into(),
            doc,
            analysis,
        }
    }

    #[test]
    fn the_memo_reads_as_markdown() {
        let docs = [
            doc(
                "a.txt",
                "Harbour closes after storm\n\nThe storm closed the harbour at Wexley for three \
                 days, the port authority said. Fishermen in Wexley lost about 2 million euros, \
                 according to the fishing cooperative Sea Harvest.\n",
            ),
            doc(
                "b.txt",
                "Storm losses | the count\n\nAccording to Sea Harvest, the fishing cooperative, \
                 local fishermen lost some two million euros because of the storm. A school \
                 roof in Wexley was torn off on Tuesday, injuring 12 pupils.\n",
            ),
        ];
        let inputs: Vec<Input<'_>> = docs
            .iter()
            .map(|c| Input {
                text: &c.doc.text,
                analysis: &c.analysis,
            })
            .collect();
        let cov = compare(&inputs, &Params::default());
        let md = markdown(&docs, &cov, "2026-01-02");
        // A pipe in a title cannot break the documents table.
        assert!(md.contains("| D2 | Storm losses \\| the count |"), "{md}");
        insta::assert_snapshot!(md);
    }
}
