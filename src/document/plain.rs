//! Plain text: paragraphs separated by blank lines; a short first line is the title; a
//! dateline at the top ("March 25, 2024 —") gives the publication date.

use super::date::{dateline, plausible_date, today, DateSource};
use super::{sanitize, BlockKind, Document, Format, TextBuilder};

/// Build a document from plain text. The text is sanitized (controls dropped, tabs
/// expanded, line ends normalised); paragraphs are runs of non-blank lines. A first
/// paragraph of one short line without final punctuation is taken as the title, unless it
/// is only a dateline. A dateline opening the title or the first paragraph dates it.
pub fn parse(source: &str, raw: &str) -> Document {
    let clean = sanitize(raw);
    let date = dated(&clean);
    let mut b = TextBuilder::default();
    let mut title = None;
    for (i, para) in clean.split("\n\n").enumerate() {
        // Paragraphs may be separated by lines of spaces too.
        for part in split_blank_lines(para) {
            let one_line = !part.trim().contains('\n');
            let t = part.trim();
            let only_date = dateline(t).is_some_and(|(_, len)| t[len..].trim().is_empty());
            let kind =
                if i == 0 && b.blocks.is_empty() && one_line && looks_like_title(t) && !only_date {
                    title = Some(t.to_string());
                    BlockKind::Title
                } else if is_list_item(t) {
                    BlockKind::ListItem {
                        depth: 0,
                        number: None,
                    }
                } else {
                    BlockKind::Paragraph
                };
            b.push_block(kind, t);
        }
    }
    let mut doc = Document::new(source, Format::Plain, b.text, b.blocks);
    doc.title = title;
    if let Some(d) = date {
        doc.set_date(d, DateSource::Dateline);
    }
    doc
}

/// The date of a dateline opening the text, or the paragraph after a one-line title.
fn dated(text: &str) -> Option<crate::analysis::NaiveDate> {
    let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let first = paras.next()?;
    let found = dateline(first).or_else(|| {
        let one_line = !first.contains('\n') && looks_like_title(first);
        one_line.then(|| paras.next().and_then(dateline)).flatten()
    });
    found
        .map(|(d, _)| d)
        .filter(|d| plausible_date(*d, today()))
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
    fn dateline_dates_the_text() {
        let d = parse(
            "a.txt",
            "Ferry service resumes\n\nMarch 25, 2024 — Boats left on time.",
        );
        assert_eq!(d.title.as_deref(), Some("Ferry service resumes"));
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2024-03-25"));
        assert_eq!(d.date_source, Some(DateSource::Dateline));
        let d = parse("b.txt", "2023-11-02\n\nThe depot closed.");
        assert_eq!(d.title, None);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2023-11-02"));
        // A placeholder dateline gives no date, and a date inside a sentence is not one.
        assert_eq!(parse("c.txt", "1970-01-01\n\nText.").date, None);
        assert_eq!(
            parse("d.txt", "We met on March 25, 2024 — it rained.").date,
            None
        );
    }

    #[test]
    fn sentence_first_line_is_not_title() {
        let d = parse("a.txt", "This is a sentence.\n\nMore.");
        assert_eq!(d.title, None);
        assert!(d.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}
