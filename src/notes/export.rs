//! Notes as JSON: lede's own notes array, and W3C Web Annotations.
//!
//! # Notes in lede's JSON (notes schema 1)
//!
//! ```text
//! "notes_schema": 1,
//! "notes": [{ "id": "16 hex digits", "kind": "claim"|"highlight",
//!             "status": "unreviewed|needs_source|supported|disputed|false|not_a_claim"|null,
//!             "note": str, "claim": int|null, "orphaned": bool,
//!             "exact": str, "prefix": str, "suffix": str,
//!             "start": int|null, "end": int|null,      // code points; null for orphans
//!             "created": str, "updated": str }]
//! ```
//!
//! # Web Annotation (JSON-LD)
//!
//! An `AnnotationCollection` whose first page holds one `Annotation` per mark and one
//! per note: a claim's status is an `assessing` annotation (its body the status), a note
//! a `commenting` one, a highlight without a note a `highlighting` one (no body). Each
//! targets the document (`source`) through a `TextQuoteSelector` and, unless orphaned, a
//! `TextPositionSelector` in code points of lede's text. The analysis' own annotations
//! (attributions, check-worthy claims: [`crate::export::analysis_annotations`]) follow.

use super::{Anchor, Entry, EntryKind, NoteSet};
use crate::analysis::Span;
use serde_json::{json, Value};

/// Version of the `notes` array layout, written as `notes_schema`.
pub const NOTES_SCHEMA_VERSION: u32 = 1;

/// The JSON-LD context of the W3C Web Annotation model.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The index of the claim (in `claims`, the analysis' claim spans) an entry is on.
pub fn claim_index(e: &Entry, claims: &[Span]) -> Option<usize> {
    let span = e.span()?;
    claims.iter().position(|c| *c == span)
}

/// The `notes` array: every live entry in text order (orphans last). `claims` are the
/// analysis' claim spans, used to give each claim entry its current claim index.
pub fn notes_json(notes: &NoteSet, claims: &[Span]) -> Value {
    Value::Array(
        notes
            .entries()
            .into_iter()
            .map(|e| {
                let a = &e.anchor;
                let attached = !e.orphaned;
                json!({
                    "id": e.id.to_string(),
                    "kind": e.kind.as_str(),
                    "status": e.status.map(|s| s.as_str()),
                    "note": e.note,
                    "claim": claim_index(e, claims),
                    "orphaned": e.orphaned,
                    "exact": a.exact,
                    "prefix": a.prefix,
                    "suffix": a.suffix,
                    "start": attached.then_some(a.char_start),
                    "end": attached.then_some(a.char_end),
                    "created": e.created,
                    "updated": e.updated,
                })
            })
            .collect(),
    )
}

/// The notes as a W3C Web Annotation `AnnotationCollection`. `source` is the IRI of the
/// document (a `file://` or `http(s)://` URL, or a `urn:`), `label` names the collection;
/// `more` (annotations made from the analysis) follow the notes' own.
pub fn web_annotation(notes: &NoteSet, source: &str, label: &str, more: Vec<Value>) -> Value {
    let collection_id = format!("urn:lede:notes:{}", notes.key().sha256);
    let mut items = Vec::new();
    for e in notes.entries() {
        let target = target(e, source);
        let base = |suffix: &str, motivation: &str| {
            json!({
                "@context": ANNO_CONTEXT,
                "id": format!("urn:lede:annotation:{}-{suffix}", e.id),
                "type": "Annotation",
                "motivation": motivation,
                "created": e.created,
                "modified": e.updated,
                "generator": {"type": "Software", "name": "lede"},
                "target": target.clone(),
            })
        };
        if let Some(status) = e.status {
            let mut a = base("mark", "assessing");
            a["body"] = json!({
                "type": "TextualBody",
                "purpose": "assessing",
                "value": status.label(),
                "format": "text/plain",
            });
            items.push(a);
        }
        if e.has_note() {
            let mut a = base("note", "commenting");
            a["body"] = json!({
                "type": "TextualBody",
                "purpose": "commenting",
                "value": e.note,
                "format": "text/markdown",
            });
            items.push(a);
        } else if e.kind == EntryKind::Highlight {
            items.push(base("highlight", "highlighting"));
        }
    }
    items.extend(more);
    json!({
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "id": format!("{collection_id}:page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

fn target(e: &Entry, source: &str) -> Value {
    selector_target(&e.anchor, !e.orphaned, source)
}

/// A Web Annotation target: `source` through a `TextQuoteSelector` on `anchor` and, when
/// `positioned`, a `TextPositionSelector` in code points.
pub fn selector_target(a: &Anchor, positioned: bool, source: &str) -> Value {
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": a.exact,
        "prefix": a.prefix,
        "suffix": a.suffix,
    })];
    if positioned {
        selectors.push(json!({
            "type": "TextPositionSelector",
            "start": a.char_start,
            "end": a.char_end,
        }));
    }
    json!({ "source": source, "selector": selectors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{DocKey, Status, Target};

    const T: &str = "Ж Officials said 140 people died. Critics blamed the agency.";

    fn sample() -> NoteSet {
        let mut s = NoteSet::new(DocKey::new("/tmp/a.txt", T));
        s.set_id_seed(1);
        let c = T.find("140 people died").unwrap();
        s.set_status(
            T,
            c..c + 15,
            Some(0),
            Status::Disputed,
            "2024-05-01T10:00:00Z",
        );
        s.set_note(
            T,
            Target::Claim {
                span: c..c + 15,
                index: Some(0),
            },
            "toll was 145",
            "2024-05-01T10:01:00Z",
        );
        let h = T.find("Critics").unwrap();
        s.set_note(T, Target::Passage(h..h + 7), "", "2024-05-01T10:02:00Z");
        s
    }

    #[test]
    fn notes_json_uses_code_points() {
        let s = sample();
        let c = T.find("140").unwrap();
        let claim = c..c + 15;
        let v = notes_json(&s, std::slice::from_ref(&claim));
        assert_eq!(v[0]["start"], 17);
        assert_eq!(v[0]["claim"], 0);
        assert_eq!(v[0]["status"], "disputed");
        assert_eq!(v[1]["kind"], "highlight");
        assert_eq!(v[1]["claim"], Value::Null);
    }

    #[test]
    fn web_annotations_have_the_required_fields() {
        let v = web_annotation(&sample(), "file:///tmp/a.txt", "Notes", Vec::new());
        assert_eq!(v["@context"], ANNO_CONTEXT);
        assert_eq!(v["type"], "AnnotationCollection");
        let items = v["first"]["items"].as_array().unwrap();
        // One assessing (status), one commenting (note), one highlighting (bare highlight).
        let motivations: Vec<&str> = items
            .iter()
            .map(|a| a["motivation"].as_str().unwrap())
            .collect();
        assert_eq!(motivations, ["assessing", "commenting", "highlighting"]);
        assert_eq!(v["total"], 3);
        for a in items {
            assert_eq!(a["@context"], ANNO_CONTEXT);
            assert_eq!(a["type"], "Annotation");
            assert!(a["id"]
                .as_str()
                .unwrap()
                .starts_with("urn:lede:annotation:"));
            assert_eq!(a["target"]["source"], "file:///tmp/a.txt");
            let sel = a["target"]["selector"].as_array().unwrap();
            assert_eq!(sel[0]["type"], "TextQuoteSelector");
            assert_eq!(sel[1]["type"], "TextPositionSelector");
        }
        assert_eq!(items[1]["body"]["type"], "TextualBody");
        assert_eq!(items[1]["body"]["value"], "toll was 145");
        assert_eq!(
            items[0]["target"]["selector"][0]["exact"],
            "140 people died"
        );
        assert_eq!(items[0]["target"]["selector"][1]["start"], 17);
        assert!(items[2].get("body").is_none());
    }
}
