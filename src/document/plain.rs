//! Plain text: paragraphs separated by blank lines; a short first line is the title.

use super::{sanitize, BlockKind, Document, Format, TextBuilder};

/// Build a document from plain text. The text is sanitized (controls dropped, tabs
/// expanded, line ends normalised); paragraphs are runs of non-blank lines. A first
/// paragraph of one short line without final punctuation is taken as the title.
pub fn parse(source: &str, raw: &str) -> Document {
    let clean = sanitize(raw);
    let mut b = TextBuilder::default();
    let mut title = None;
    for (i, para) in clean.split("\n\n").enumerate() {
        // Paragraphs may be separated by lines of spaces too.
        for part in split_blank_lines(para) {
            let one_line = !part.trim().contains('\n');
            let t = part.trim();
            let kind = if i == 0 && b.blocks.is_empty() && one_line && looks_like_title(t) {
                title = Some(t.to_string());
                BlockKind::Title
            } else if is_list_item(t) {
                BlockKind::ListItem { depth: 0, number: None }
            } else {
                BlockKind::Paragraph
            };
            b.push_block(kind, t);
        }
    }
    let mut doc = Document::new(source, Format::Plain, b.text, b.blocks);
    doc.title = title;
    doc
}

fn split_blank_lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in s.split_inclusive('\n') {
        if line.trim().is_empty() {
            if pos > start {
                out.push(&s[start..pos]);
            }
            start = pos + line.len();
        }
        pos += line.len();
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    (3..=150).contains(&n) && !line.ends_with('.') && !line.ends_with(',')
}

fn is_list_item(t: &str) -> bool {
    (t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ")) && !t.contains("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_short_line_is_title() {
        let d = parse("a.txt", "My Title\n\nFirst para\ncontinues.\n\n\nSecond.");
        assert_eq!(d.title.as_deref(), Some("My Title"));
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(d.blocks[0].kind, BlockKind::Title);
        assert_eq!(&d.text[d.blocks[1].span.clone()], "First para\ncontinues.");
        assert_eq!(&d.text[d.blocks[2].span.clone()], "Second.");
    }

    #[test]
    fn sentence_first_line_is_not_title() {
        let d = parse("a.txt", "This is a sentence.\n\nMore.");
        assert_eq!(d.title, None);
        assert!(d.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}
