//! `lede export`: the analysis (and, later, notes) as Markdown or JSON.

use crate::analysis::{text::CharIndex, Analysis, NaiveDate};
use crate::document::Document;
use std::fmt::Write;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown with YAML front matter.
    Md,
    /// JSON: the analysis (schema 1).
    Json,
}

/// Quote a string for YAML (double-quoted scalar).
pub fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Render the analysis as a Markdown memo. `exported` is the export date (a parameter so
/// output is reproducible in tests).
pub fn markdown(doc: &Document, a: &Analysis, dct: Option<NaiveDate>, exported: &str) -> String {
    let mut s = String::new();
    let title = doc.title.clone().unwrap_or_else(|| doc.display_name());
    let _ = writeln!(s, "---");
    let _ = writeln!(s, "title: {}", yaml_str(&title));
    let _ = writeln!(s, "source: {}", yaml_str(&doc.source));
    match dct {
        Some(d) => {
            let _ = writeln!(s, "date: {}", d.format("%Y-%m-%d"));
        }
        None => {
            let _ = writeln!(s, "date: null");
        }
    }
    let _ = writeln!(s, "exported: {exported}");
    let _ = writeln!(s, "---\n");
    let _ = writeln!(s, "# {}\n", title);
    let _ = writeln!(s, "## Claims ({})\n", a.claims.len());
    for (i, c) in a.claims.iter().enumerate() {
        let quote = one_line(&doc.text[c.span.clone()]);
        let _ = writeln!(s, "> {quote}\n");
        let who = c.claimer.as_deref().unwrap_or("the author");
        let hedge = if c.hedged { ", hedged" } else { "" };
        let _ = writeln!(s, "— {who} · {}{hedge} ^claim-{}\n", c.kind.as_str(), i + 1);
    }
    let _ = writeln!(s, "## Actors ({})\n", a.actors.len());
    for x in &a.actors {
        let mut line = format!("- **{}** ({}), {} mention{}", x.name, x.kind.as_str(), x.mentions.len(),
            if x.mentions.len() == 1 { "" } else { "s" });
        if !x.roles.is_empty() {
            let _ = write!(line, "; {}", x.roles.join(", "));
        }
        if !x.aliases.is_empty() {
            let _ = write!(line, "; also {}", x.aliases.join(", "));
        }
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(s, "\n## Timeline ({})\n", a.timeline.len());
    for e in &a.timeline {
        let when = e.value.clone().unwrap_or_else(|| "undated".into());
        let _ = writeln!(s, "- **{when}** {}", one_line(&e.text));
    }
    s
}

/// The analysis JSON (schema 1) of one document, pretty-printed.
pub fn json(doc: &Document, a: &Analysis, dct: Option<NaiveDate>) -> String {
    let meta = super::json::Meta {
        id: &doc.source,
        source: &doc.source,
        title: doc.title.as_deref(),
        byline: doc.byline.as_deref(),
        dct,
    };
    let _ = CharIndex::new("");
    serde_json::to_string_pretty(&super::json::analysis_json(&meta, &doc.text, a)).unwrap_or_default()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file name for an export of `doc`: its display name without extension, made safe,
/// plus `suffix` (e.g. `.lede.md`).
pub fn export_file_name(doc: &Document, suffix: &str) -> String {
    let name = doc.display_name();
    let stem = name.rsplit_once('.').map(|(a, _)| a).filter(|a| !a.is_empty()).unwrap_or(&name);
    let safe: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .take(60)
        .collect();
    let safe = safe.trim_matches('-');
    format!("{}{suffix}", if safe.is_empty() { "document" } else { safe })
}
