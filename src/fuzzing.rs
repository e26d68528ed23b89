//! Entry points for fuzzing: each takes arbitrary bytes, drives one part of lede with
//! them and checks what must hold whatever the input (beyond not panicking). The
//! cargo-fuzz targets in `fuzz/` call these, and so does the short proptest below, which
//! runs in `cargo test` on the stable toolchain.

use crate::document::{html, markdown, plain, Document};
use crate::notes::{DocKey, Entry, NoteSet, Target};
use crate::tui::layout::{display_width, grapheme_width, Settings, WrappedLayout};

fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// What every parsed document must satisfy: blocks inside the text, at char boundaries,
/// in order, and no control character but the newline in the text.
fn check_document(doc: &Document) {
    let mut end = 0;
    for b in &doc.blocks {
        assert!(
            b.span.start >= end && b.span.end <= doc.text.len(),
            "block out of order"
        );
        assert!(doc.text.is_char_boundary(b.span.start) && doc.text.is_char_boundary(b.span.end));
        end = b.span.end;
    }
    assert!(
        !doc.text.chars().any(crate::document::is_unsafe_char),
        "a control character reached the text"
    );
}

/// HTML: parse as a page.
pub fn html(data: &[u8]) {
    check_document(&html::parse(
        "fuzz.html",
        &text_of(data),
        Some("https://example.org/a"),
    ));
}

/// Markdown: parse.
pub fn markdown(data: &[u8]) {
    check_document(&markdown::parse("fuzz.md", &text_of(data)));
}

/// Plain text: parse.
pub fn plain(data: &[u8]) {
    check_document(&plain::parse("fuzz.txt", &text_of(data)));
}

/// The whole analysis of a plain text: every span inside the text at char boundaries.
pub fn analysis(data: &[u8]) {
    let text = text_of(data);
    let a = crate::analysis::analyze(&text, None);
    for c in &a.claims {
        assert!(c.span.end <= text.len() && text.is_char_boundary(c.span.start));
        assert!(text.is_char_boundary(c.span.end));
    }
}

/// The wrapped layout: the first byte picks the width (1..=256), the rest is Markdown.
/// Rows are in order, at char boundaries, and within the column (only a lone wide
/// character may overflow a column too narrow for it).
pub fn layout(data: &[u8]) {
    use unicode_segmentation::UnicodeSegmentation;
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = u16::from(w) + 1;
    let settings = Settings::default();
    let doc = markdown::parse("fuzz.md", &text_of(rest));
    let l = WrappedLayout::full(&doc, width, settings);
    let column = usize::from(width.min(settings.measure));
    let mut last = 0;
    for r in l.rows() {
        assert!(r.span.start >= last, "rows in order");
        last = r.span.end;
        assert!(doc.text.is_char_boundary(r.span.start) && doc.text.is_char_boundary(r.span.end));
        let text = &doc.text[r.span.clone()];
        let margin = r.prefix.width() + usize::from(r.indent);
        let one_grapheme = text
            .graphemes(true)
            .filter(|g| grapheme_width(g) > 0)
            .count()
            <= 1;
        assert!(
            display_width(text) + margin <= column.max(margin + 1) || one_grapheme,
            "row {r:?} too wide"
        );
    }
}

/// Re-anchoring: a note on the first text is found again (or orphaned) in the second.
/// The input is the two texts separated by a NUL byte; the note is on the first word.
pub fn reanchor(data: &[u8]) {
    let text = text_of(data);
    let (old, new) = text.split_once('\0').unwrap_or((&text, ""));
    let Some(start) = old.find(|c: char| !c.is_whitespace()) else {
        return;
    };
    let end = old[start..]
        .find(char::is_whitespace)
        .map_or(old.len(), |i| start + i);
    let mut notes = NoteSet::new(DocKey::new("fuzz", old));
    notes.set_note(old, Target::Passage(start..end), "n", "t");
    notes.reanchor(new);
    for e in notes.entries() {
        if let Some(span) = e.span() {
            assert!(span.end <= new.len() && new.is_char_boundary(span.start));
            assert!(new.is_char_boundary(span.end));
        }
    }
}

/// Notes JSON: entries as read from a notes file (the input is a whole notes file, whose
/// `entries` are taken, or a bare list of entries), through a JSON value as the store
/// reads them; what is read is written back and read again to the same entries.
pub fn notes_json(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let list = match value {
        serde_json::Value::Object(mut file) => file.remove("entries").unwrap_or_default(),
        other => other,
    };
    if let Ok(entries) = serde_json::from_value::<Vec<Entry>>(list) {
        let again = serde_json::to_vec(&entries).expect("entries serialize");
        let back: Vec<Entry> = serde_json::from_slice(&again).expect("what was written reads");
        assert_eq!(back, entries);
    }
}

/// The key map: a user's keymap.toml merged over the defaults.
pub fn keymap(data: &[u8]) {
    let mut k = crate::tui::keymap::Keymap::default_map();
    let _ = k.merge_toml("keymap.toml", &text_of(data));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Bytes that look like the inputs: markup, escapes, wide and combining characters.
    fn input() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<div><b>".to_string()),
            Just("# ".to_string()),
            Just("\n\n".to_string()),
            Just("* ".to_string()),
            Just("&#27;]0;t&#7;".to_string()),
            Just("\u{1b}[2J".to_string()),
            Just("\u{202e}".to_string()),
            Just("東京 ".to_string()),
            Just("e\u{301} 👍🏽 ".to_string()),
            Just("the mayor said prices rose. ".to_string()),
            Just("\0".to_string()),
            Just("{\"id\":\"1\",".to_string()),
            "[ -~]{0,12}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat().into_bytes())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn every_fuzz_entry_point_holds_on_generated_input(data in input()) {
            html(&data);
            markdown(&data);
            plain(&data);
            analysis(&data);
            layout(&data);
            reanchor(&data);
            notes_json(&data);
            keymap(&data);
        }
    }
}
