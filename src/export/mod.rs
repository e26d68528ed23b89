//! `lede export` and the reader's `e`: a document's analysis and notes as a Markdown
//! memo, as JSON, or as W3C Web Annotations.
//!
//! Every function here is pure (strings in, string out); the caller loads the notes
//! ([`crate::io::notes_store`]) and writes the result ([`crate::io::write_atomic`]).
//!
//! - [`markdown`]: YAML front matter (`title`, `source`, `date`, `date_source`, `exported`), then the
//!   claims, each a block quote holding the quote, its claimer, kind and status, and its
//!   note, followed by a block id (`^claim-3`, the claim's 1-based number) that note-taking
//!   tools such as Obsidian can link to; then actors, timeline, free highlights with
//!   their notes (`^note-<id>`), orphaned notes, and the document's links.
//! - [`json`]: the analysis JSON ([`analysis_json`], `schema` 2) plus `notes_schema` and
//!   `notes` ([`crate::notes::export`]).
//! - [`web_annotation`]: an `AnnotationCollection` ([`crate::notes::export::web_annotation`])
//!   of the notes, then lede's attributions and check-worthy claims ([`analysis_annotations`]).

use crate::analysis::{text::CharIndex, Analysis, Attribution, NaiveDate, Span};
use crate::document::Document;
use crate::notes::{self, Anchor, Entry, NoteSet};
use serde_json::{json, Value};
use std::fmt::Write;

pub mod analysis_json;
pub mod compare;
pub mod when;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown with YAML front matter.
    Md,
    /// JSON: the analysis (schema 3) plus notes (notes schema 1).
    Json,
    /// W3C Web Annotation JSON-LD.
    Webanno,
}

impl ExportFormat {
    /// The file-name suffix used for exports in this format.
    pub fn suffix(self) -> &'static str {
        match self {
            ExportFormat::Md => ".lede.md",
            ExportFormat::Json => ".lede.json",
            ExportFormat::Webanno => ".annotations.jsonld",
        }
    }
}

/// Render an export. `exported` is the export date or time (a parameter so output is
/// reproducible in tests). The result ends with a newline.
pub fn render(
    format: ExportFormat,
    doc: &Document,
    a: &Analysis,
    notes: &NoteSet,
    dct: Option<NaiveDate>,
    exported: &str,
) -> String {
    // Note text, link targets and file names come from outside: whatever they hold, no
    // control, C1 or bidi character leaves in an export (JSON keeps them as \uXXXX).
    match format {
        ExportFormat::Md => crate::document::sanitize(&markdown(doc, a, notes, dct, exported)),
        ExportFormat::Json => json_safe(json(doc, a, notes, dct)) + "\n",
        ExportFormat::Webanno => json_safe(web_annotation(doc, a, notes)) + "\n",
    }
}

pub use crate::document::is_unsafe_char;

/// JSON text from `serde_json` with every [`is_unsafe_char`] it left raw (DEL, C1, bidi;
/// it escapes only C0) written as a `\uXXXX` escape. Such characters can only stand inside
/// strings, so the result is the same JSON value.
pub fn json_safe(json: String) -> String {
    if !json.chars().any(is_unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` made safe for a terminal, for messages on standard error: each
/// [`is_unsafe_char`] (newlines included) is shown as `\u{XX}`, so a file name, URL or
/// server message cannot set the title, move the cursor or reorder the line.
pub fn terminal_safe(s: &str) -> String {
    if !s.chars().any(|c| c == '\n' || is_unsafe_char(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c == '\n' || is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Quote a string for YAML (double-quoted scalar).
pub fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// One attribution in words: "Donald Trump (he) said: content", the fragments of an
/// interrupted quotation joined with " … ".
pub fn attribution_line(text: &str, a: &Analysis, at: &Attribution) -> String {
    let content = if at.fragments.is_empty() {
        text[at.span.clone()].to_string()
    } else {
        at.fragments
            .iter()
            .map(|f| &text[f.clone()])
            .collect::<Vec<_>>()
            .join(" … ")
    };
    format!("{}: {}", attribution_frame(text, a, at), one_line(&content))
}

/// Who says it and how, in words: "Donald Trump (he) said", the actor's name first and
/// the source as written after it when they differ; "unnamed source says" without one.
fn attribution_frame(text: &str, a: &Analysis, at: &Attribution) -> String {
    let written = at.claimer.as_deref();
    let name = at
        .claimer_actor
        .and_then(|id| a.actors.get(id.0 as usize))
        .map(|x| x.name.as_str());
    let who = match (name, written) {
        (Some(n), Some(w)) if !n.eq_ignore_ascii_case(w) => format!("{n} ({w})"),
        (Some(n), _) => n.to_string(),
        (None, Some(w)) => w.to_string(),
        (None, None) => "unnamed source".to_string(),
    };
    let cue = at
        .cue
        .as_ref()
        .map_or("says", |c| text[c.clone()].trim_end_matches(':'));
    format!("{} {}", one_line(&who), one_line(cue))
}

/// Render the analysis and notes as a Markdown memo.
pub fn markdown(
    doc: &Document,
    a: &Analysis,
    notes: &NoteSet,
    dct: Option<NaiveDate>,
    exported: &str,
) -> String {
    let mut s = String::new();
    let title = doc.title.clone().unwrap_or_else(|| doc.display_name());
    let _ = writeln!(s, "---");
    let _ = writeln!(s, "title: {}", yaml_str(&title));
    let _ = writeln!(s, "source: {}", yaml_str(&doc.source));
    match dct {
        Some(d) => {
            let _ = writeln!(s, "date: {}", d.format("%Y-%m-%d"));
            if let Some(src) = doc.date_source.filter(|_| doc.date == Some(d)) {
                let _ = writeln!(s, "date_source: {}", src.as_str());
            }
        }
        None => {
            let _ = writeln!(s, "date: null");
        }
    }
    let plain = !exported.is_empty()
        && exported
            .chars()
            .all(|c| c.is_ascii_digit() || "-:TZ.+".contains(c));
    let _ = writeln!(
        s,
        "exported: {}",
        if plain {
            exported.to_string()
        } else {
            yaml_str(exported)
        }
    );
    let _ = writeln!(s, "---\n");
    let _ = writeln!(s, "# {}\n", one_line(&title));

    let claim_spans: Vec<Span> = a.claims.iter().map(|c| c.span.clone()).collect();
    let _ = writeln!(s, "## Claims ({})\n", a.claims.len());
    for (i, c) in a.claims.iter().enumerate() {
        let entry = notes.find(&c.span);
        let who = a.claimer_name(c).unwrap_or("the author");
        let hedge = if c.hedged { ", hedged" } else { "" };
        let status = match entry.and_then(|e| e.status) {
            Some(st) => format!("**{}**", st.label()),
            None => "unreviewed".to_string(),
        };
        let mut block = vec![
            md_line(&doc.text[c.span.clone()]),
            String::new(),
            format!(
                "— {} · {}{hedge} · {status}",
                one_line(who),
                c.kind.as_str()
            ),
        ];
        if let Some(e) = entry.filter(|e| e.has_note()) {
            block.push(String::new());
            block.extend(note_lines(e));
        }
        write_block(&mut s, &block, &format!("claim-{}", i + 1));
    }

    if !a.attributions.is_empty() {
        let _ = writeln!(s, "## Attributions ({})\n", a.attributions.len());
        for at in &a.attributions {
            let _ = writeln!(s, "- {}", md_line(&attribution_line(&doc.text, a, at)));
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "## Actors ({})\n", a.actors.len());
    for x in &a.actors {
        let n = x.mentions.len();
        let mut line = format!(
            "- **{}** ({}), {n} mention{}",
            x.name,
            x.kind.as_str(),
            if n == 1 { "" } else { "s" }
        );
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
        let when = e
            .value
            .as_deref()
            .map_or_else(|| "undated".into(), when::timex_words);
        let _ = writeln!(s, "- **{when}** {}", one_line(&e.text));
    }
    s.push('\n');

    // Attached entries that are not on one of the analysis' claims.
    let highlights: Vec<&Entry> = notes
        .entries()
        .into_iter()
        .filter(|e| !e.orphaned && notes::export::claim_index(e, &claim_spans).is_none())
        .collect();
    if !highlights.is_empty() {
        let _ = writeln!(s, "## Highlights ({})\n", highlights.len());
        for e in highlights {
            write_entry(&mut s, e);
        }
    }
    let orphans: Vec<&Entry> = notes.entries().into_iter().filter(|e| e.orphaned).collect();
    if !orphans.is_empty() {
        let _ = writeln!(s, "## Orphaned notes ({})\n", orphans.len());
        let _ = writeln!(
            s,
            "The document changed and these passages are no longer in it; each note keeps the quote it was written on.\n"
        );
        for e in orphans {
            write_entry(&mut s, e);
        }
    }

    let mut seen = std::collections::HashSet::new();
    let links: Vec<_> = doc
        .links
        .iter()
        .filter(|l| seen.insert(l.target.as_str()))
        .collect();
    if !links.is_empty() {
        let _ = writeln!(s, "## Links ({})\n", links.len());
        for l in links {
            let text = doc
                .text
                .get(l.span.clone())
                .map(one_line)
                .unwrap_or_default();
            let text = if text.is_empty() {
                l.target.clone()
            } else {
                text
            };
            let _ = writeln!(
                s,
                "- [{}]({})",
                escape_link_text(&text),
                link_target(&l.target)
            );
        }
        s.push('\n');
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// A highlight or orphan: its quote, its status if any, its note, and a block id.
fn write_entry(s: &mut String, e: &Entry) {
    let mut block = vec![md_line(&e.anchor.exact)];
    if let Some(st) = e.status {
        block.push(String::new());
        block.push(format!("— **{}**", st.label()));
    }
    if e.has_note() {
        block.push(String::new());
        block.extend(note_lines(e));
    }
    write_block(s, &block, &format!("note-{}", e.id));
}

/// Write `lines` as one block quote followed by its block id on its own line.
fn write_block(s: &mut String, lines: &[String], id: &str) {
    for l in lines {
        if l.is_empty() {
            s.push_str(">\n");
        } else {
            let _ = writeln!(s, "> {l}");
        }
    }
    let _ = writeln!(s, "\n^{id}\n");
}

/// The note's lines, the first prefixed with a bold "Note:".
fn note_lines(e: &Entry) -> Vec<String> {
    let note = e.note.trim();
    let mut lines: Vec<String> = note.lines().map(|l| l.trim_end().to_string()).collect();
    if let Some(first) = lines.first_mut() {
        *first = format!("**Note:** {first}");
    }
    lines
}

/// A passage on one line, with a leading character that Markdown would read as
/// structure (heading, list, quote) escaped.
pub(crate) fn md_line(s: &str) -> String {
    let line = one_line(s);
    if line.starts_with(['#', '>', '-', '+', '*', '=', '|']) {
        return format!("\\{line}");
    }
    // "1. " or "1) " would start an ordered list: escape the punctuation.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if (1..10).contains(&digits)
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        return format!("{}\\{rest}", &line[..digits]);
    }
    line
}

fn escape_link_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn link_target(t: &str) -> String {
    if t.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", t.replace('<', "%3C").replace('>', "%3E"))
    } else {
        t.to_string()
    }
}

/// The analysis JSON (schema 3) of one document plus its notes (`notes_schema` 1),
/// pretty-printed.
pub fn json(doc: &Document, a: &Analysis, notes: &NoteSet, dct: Option<NaiveDate>) -> String {
    let meta = analysis_json::Meta::of(doc, &doc.source, &doc.source, dct);
    let mut v =
        serde_json::to_value(analysis_json::analysis_json(&meta, &doc.text, a)).unwrap_or_default();
    let claims: Vec<Span> = a.claims.iter().map(|c| c.span.clone()).collect();
    v["notes_schema"] = notes::export::NOTES_SCHEMA_VERSION.into();
    v["notes"] = notes::export::notes_json(notes, &claims);
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The notes as a W3C Web Annotation collection (JSON-LD), pretty-printed, followed by
/// lede's findings ([`analysis_annotations`]).
pub fn web_annotation(doc: &Document, a: &Analysis, notes: &NoteSet) -> String {
    let title = doc.title.clone().unwrap_or_else(|| doc.display_name());
    let source = source_iri(notes);
    let more = analysis_annotations(&doc.text, a, &source, &notes.key().sha256);
    let v = notes::export::web_annotation(
        notes,
        &source,
        &format!("Notes on {}", one_line(&title)),
        more,
    );
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// lede's findings as Web Annotations, kept apart as in the analysis JSON: each
/// attribution is a `describing` annotation on its content (one target per fragment of
/// an interrupted quotation) whose body says who says it and how ("Donald Trump (he)
/// said"); each check-worthy claim is a `classifying` one ("check-worthy claim"; its
/// score, a rank, is in the JSON export). Their `creator` is lede, as software, so a tool can tell them from
/// the reader's own notes, whose ids they never share (`urn:lede:analysis:`).
pub fn analysis_annotations(text: &str, a: &Analysis, source: &str, key: &str) -> Vec<Value> {
    let idx = CharIndex::new(text);
    let target = |span: &Span| {
        notes::export::selector_target(&Anchor::with_index(text, &idx, span.clone()), true, source)
    };
    let annotation = |id: String, motivation: &str, body: String, target: Value| {
        json!({
            "@context": notes::export::ANNO_CONTEXT,
            "id": format!("urn:lede:analysis:{key}:{id}"),
            "type": "Annotation",
            "motivation": motivation,
            "creator": {"type": "Software", "name": "lede"},
            "body": {
                "type": "TextualBody",
                "purpose": motivation,
                "value": body,
                "format": "text/plain",
            },
            "target": target,
        })
    };
    let mut out = Vec::new();
    for (i, at) in a.attributions.iter().enumerate() {
        let targets: Vec<Value> = if at.fragments.is_empty() {
            vec![target(&at.span)]
        } else {
            at.fragments.iter().map(target).collect()
        };
        let target = match <[Value; 1]>::try_from(targets) {
            Ok([one]) => one,
            Err(many) => Value::Array(many),
        };
        let body = attribution_frame(text, a, at);
        out.push(annotation(
            format!("attribution-{}", i + 1),
            "describing",
            body,
            target,
        ));
    }
    for (i, c) in a.claims.iter().enumerate().filter(|(_, c)| c.checkworthy) {
        let body = "check-worthy claim".to_string();
        out.push(annotation(
            format!("claim-{}", i + 1),
            "classifying",
            body,
            target(&c.span),
        ));
    }
    out
}

/// An IRI for the annotated document: its URL, a `file://` URL for an absolute path,
/// else (standard input, relative paths) a `urn:sha256:` of its text.
pub fn source_iri(notes: &NoteSet) -> String {
    let key = notes.key();
    let src = key.source.as_str();
    if src.starts_with("http://") || src.starts_with("https://") {
        return src.to_string();
    }
    let path = src.replace('\\', "/");
    let abs = if path.starts_with('/') {
        Some(path)
    } else if path.as_bytes().get(1) == Some(&b':') {
        Some(format!("/{path}")) // Windows drive letter
    } else {
        None
    };
    match abs {
        Some(p) => format!("file://{}", percent_encode_path(&p)),
        None => format!("urn:sha256:{}", key.sha256),
    }
}

fn percent_encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file name for an export of `doc`: its display name without extension, made safe,
/// plus `suffix` (e.g. `.lede.md`).
pub fn export_file_name(doc: &Document, suffix: &str) -> String {
    let name = doc.display_name();
    // Only a file extension is cut: a title's own full stops ("U.S. rates") stay.
    let stem = name
        .rsplit_once('.')
        .filter(|(a, ext)| {
            !a.is_empty()
                && ["html", "htm", "xhtml", "md", "markdown", "txt", "text"]
                    .contains(&ext.to_ascii_lowercase().as_str())
        })
        .map_or(name.as_str(), |(a, _)| a);
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let mut safe = safe;
    while safe.contains("--") {
        safe = safe.replace("--", "-");
    }
    let safe = safe.trim_matches('-');
    format!(
        "{}{suffix}",
        if safe.is_empty() { "document" } else { safe }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, Link};
    use crate::notes::{DocKey, Status, Target};

    const TEXT: &str = "Officials said the attack claimed the lives of over 140 people. \
Leonid Volkov pointed out that the warnings were ignored. The agency denied it. \
Read more at the source.";

    #[test]
    fn saved_pages_export_under_their_title() {
        let mut doc = Document::new("/saved/p/source.html", Format::Html, String::new(), vec![]);
        assert_eq!(export_file_name(&doc, ".lede.md"), "source.lede.md");
        doc.title = Some("U.S. rates: what changed?".into());
        assert_eq!(
            export_file_name(&doc, ".lede.md"),
            "U-S-rates-what-changed.lede.md"
        );
        let plain = Document::new("/n/brief.txt", Format::Plain, String::new(), vec![]);
        assert_eq!(export_file_name(&plain, ".lede.md"), "brief.lede.md");
    }

    fn fixture() -> (Document, Analysis, NoteSet) {
        let mut doc = Document::new("/news/attack.txt", Format::Plain, TEXT.to_string(), vec![]);
        doc.title = Some("The attack".into());
        let l = TEXT.find("the source").unwrap();
        doc.links.push(Link {
            span: l..l + 10,
            target: "https://example.org/a b".into(),
        });
        let a = crate::analysis::analyze(TEXT, None);
        let mut notes = NoteSet::new(DocKey::new("/news/attack.txt", TEXT));
        notes.set_id_seed(3);
        (doc, a, notes)
    }

    #[test]
    fn markdown_has_front_matter_claims_highlights_orphans_and_links() {
        let (doc, a, mut notes) = fixture();
        assert!(!a.claims.is_empty(), "the fixture needs a claim");
        let c = a.claims[0].span.clone();
        notes.set_status(TEXT, c.clone(), Some(0), Status::Disputed, "t1");
        notes.set_note(
            TEXT,
            Target::Claim {
                span: c,
                index: Some(0),
            },
            "Toll was 145.\nSee the ministry.",
            "t1",
        );
        let h = TEXT.find("The agency denied it").unwrap();
        notes.set_note(
            TEXT,
            Target::Passage(h..h + 20),
            "No evidence offered.",
            "t1",
        );
        let o = TEXT.find("Read more").unwrap();
        let orphan = notes.set_note(TEXT, Target::Passage(o..o + 9), "old remark", "t1");
        notes.reanchor(&TEXT.replace("Read more at", "More at"));
        assert!(notes.get(orphan).unwrap().orphaned);

        let md = markdown(
            &doc,
            &a,
            &notes,
            NaiveDate::from_ymd_opt(2024, 3, 23),
            "2024-04-01",
        );
        assert!(md.starts_with("---\ntitle: \"The attack\"\nsource: \"/news/attack.txt\"\ndate: 2024-03-23\nexported: 2024-04-01\n---\n"), "{md}");
        assert!(
            md.contains(
                "· **disputed**\n>\n> **Note:** Toll was 145.\n> See the ministry.\n\n^claim-1\n"
            ),
            "{md}"
        );
        assert!(md.contains("## Highlights (1)\n\n> The agency denied it\n>\n> **Note:** No evidence offered.\n\n^note-"), "{md}");
        assert!(md.contains("## Orphaned notes (1)"), "{md}");
        assert!(
            md.contains("> Read more\n>\n> **Note:** old remark\n"),
            "{md}"
        );
        assert!(
            md.contains("## Links (1)\n\n- [the source](<https://example.org/a b>)"),
            "{md}"
        );
        assert!(md.contains("## Actors ("));
        assert!(md.contains("## Timeline ("));
    }

    #[test]
    fn markdown_without_notes_has_no_notes_sections() {
        let (mut doc, a, notes) = fixture();
        doc.links.clear();
        let md = markdown(&doc, &a, &notes, None, "2024-04-01");
        assert!(md.contains("date: null"));
        assert!(!md.contains("## Highlights"));
        assert!(!md.contains("## Orphaned"));
        assert!(!md.contains("## Links"));
        assert!(md.contains("· unreviewed\n\n^claim-1"));
    }

    #[test]
    fn json_has_schema_versions_and_notes() {
        let (doc, a, mut notes) = fixture();
        let h = TEXT.find("The agency").unwrap();
        notes.set_note(TEXT, Target::Passage(h..h + 10), "n", "t1");
        let v: serde_json::Value = serde_json::from_str(&json(&doc, &a, &notes, None)).unwrap();
        assert_eq!(v["schema"], analysis_json::SCHEMA_VERSION);
        assert_eq!(v["notes_schema"], notes::export::NOTES_SCHEMA_VERSION);
        assert_eq!(v["notes"][0]["exact"], "The agency");
        assert_eq!(v["notes"][0]["start"], TEXT[..h].chars().count());
        assert!(v["claims"].is_array());
    }

    #[test]
    fn web_annotation_targets_a_file_iri() {
        let (doc, _, mut notes) = fixture();
        let h = TEXT.find("The agency").unwrap();
        notes.set_note(
            TEXT,
            Target::Passage(h..h + 10),
            "n",
            "2024-04-01T00:00:00.000Z",
        );
        let v: serde_json::Value =
            serde_json::from_str(&web_annotation(&doc, &Analysis::default(), &notes)).unwrap();
        assert_eq!(v["type"], "AnnotationCollection");
        assert_eq!(v["label"], "Notes on The attack");
        let a = &v["first"]["items"][0];
        assert_eq!(a["target"]["source"], "file:///news/attack.txt");
        assert_eq!(a["created"], "2024-04-01T00:00:00.000Z");
    }

    #[test]
    fn web_annotation_keeps_attributions_apart_from_claims() {
        use crate::analysis::{Actor, ActorId, Claim, ClaimKind, Label};
        // An interrupted quotation, its pronoun source resolved to a named actor, and
        // a check-worthy claim; "Ž" makes byte and code-point offsets differ.
        let text = "Ž Mayor Ana Ruiz spoke. “Rents rose,” she said, “by a fifth.”";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            i..i + s.len()
        };
        let mut a = Analysis::default();
        a.actors.push(Actor {
            id: ActorId(0),
            name: "Ana Ruiz".into(),
            kind: Label::Person,
            aliases: vec![],
            roles: vec![],
            mentions: vec![],
        });
        let (first, second) = (at("Rents rose,"), at("by a fifth."));
        a.attributions.push(Attribution {
            span: first.start..second.end,
            fragments: vec![first, second.clone()],
            cue: Some(at("said")),
            claimer: Some("she".into()),
            claimer_span: Some(at("she")),
            claimer_actor: Some(ActorId(0)),
        });
        a.claims.push(Claim {
            span: second,
            kind: ClaimKind::Statistic,
            claimer: Some("she".into()),
            claimer_span: None,
            hedged: false,
            actors: vec![],
            score: 0.8,
            checkworthy: true,
            attribution: Some(0),
        });
        let notes = NoteSet::new(DocKey::new("/n/rents.txt", text));
        let items = analysis_annotations(text, &a, "file:///n/rents.txt", "k");
        assert_eq!(items.len(), 2);
        let (attr, claim) = (&items[0], &items[1]);
        assert_eq!(attr["motivation"], "describing");
        assert_eq!(attr["body"]["value"], "Ana Ruiz (she) said");
        assert_eq!(attr["creator"]["type"], "Software");
        assert_eq!(attr["id"], "urn:lede:analysis:k:attribution-1");
        let targets = attr["target"].as_array().expect("one target per fragment");
        assert_eq!(targets[0]["selector"][0]["exact"], "Rents rose,");
        assert_eq!(targets[1]["selector"][0]["exact"], "by a fifth.");
        let char_start = text[..text.find("by a").unwrap()].chars().count();
        assert_eq!(targets[1]["selector"][1]["start"], char_start);
        assert_eq!(claim["motivation"], "classifying");
        assert_eq!(claim["body"]["value"], "check-worthy claim");
        assert_eq!(claim["target"]["selector"][0]["exact"], "by a fifth.");
        // Not check-worthy: no classifying annotation.
        a.claims[0].checkworthy = false;
        let doc = Document::new("/n/rents.txt", Format::Plain, text.to_string(), vec![]);
        let v: Value = serde_json::from_str(&web_annotation(&doc, &a, &notes)).unwrap();
        assert_eq!(v["total"], 1);
        assert_eq!(v["first"]["items"][0]["motivation"], "describing");
    }

    #[test]
    fn source_iris() {
        let n = |src: &str| NoteSet::new(DocKey::new(src, "x"));
        assert_eq!(
            source_iri(&n("https://a.example/x?y=1")),
            "https://a.example/x?y=1"
        );
        assert_eq!(
            source_iri(&n("/home/me/my notes.txt")),
            "file:///home/me/my%20notes.txt"
        );
        assert_eq!(
            source_iri(&n("C:\\Users\\me\\a.txt")),
            "file:///C:/Users/me/a.txt"
        );
        assert!(source_iri(&n("-")).starts_with("urn:sha256:"));
    }

    #[test]
    fn passages_that_look_like_markdown_are_escaped() {
        assert_eq!(md_line("# not a heading"), "\\# not a heading");
        assert_eq!(md_line("1. not a list"), "1\\. not a list");
        assert_eq!(md_line("3.5 million"), "3.5 million");
        assert_eq!(md_line("plain\n  text"), "plain text");
    }
}
