//! Markdown (CommonMark) rendered to reading text: headings, paragraphs, lists, block
//! quotes, code and emphasis become blocks and inline styles; no markup stays in the text.

use super::{sanitize, BlockKind, Document, Format, Inline, InlineKind, Link, TextBuilder};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Build a document from Markdown source. The first level-1 heading is the title.
pub fn parse(source: &str, raw: &str) -> Document {
    let raw = sanitize(raw);
    let mut b = TextBuilder::default();
    let mut title: Option<String> = None;
    // Current block text and its pending inline styles (offsets relative to `cur`).
    let mut cur = String::new();
    let mut cur_inlines: Vec<(InlineKind, usize, usize)> = Vec::new();
    let mut open: Vec<(InlineKind, usize)> = Vec::new();
    let mut cur_links: Vec<(usize, usize, String)> = Vec::new();
    let mut link_stack: Vec<(usize, String)> = Vec::new();
    let mut kind_stack: Vec<BlockKind> = Vec::new();
    let mut list_stack: Vec<Option<u64>> = Vec::new();
    let mut quote_depth = 0u32;
    let mut in_image = false;

    let flush = |b: &mut TextBuilder,
                     kind: BlockKind,
                     cur: &mut String,
                     inl: &mut Vec<(InlineKind, usize, usize)>,
                     links: &mut Vec<(usize, usize, String)>| {
        let lead = cur.len() - cur.trim_start().len();
        if let Some(start) = b.push_block(kind, cur) {
            let len = cur.trim().len();
            let clamp = |x: usize| start + x.saturating_sub(lead).min(len);
            for (k, s, e) in inl.drain(..) {
                let (s, e) = (clamp(s), clamp(e));
                if s < e {
                    b.inlines.push(Inline { kind: k, span: s..e });
                }
            }
            for (s, e, target) in links.drain(..) {
                let (s, e) = (clamp(s), clamp(e));
                if s < e {
                    let idx = b.links.len();
                    b.links.push(Link { span: s..e, target });
                    b.inlines.push(Inline { kind: InlineKind::Link(idx), span: s..e });
                }
            }
        }
        inl.clear();
        links.clear();
        cur.clear();
    };

    let parser = Parser::new_ext(&raw, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    for ev in parser {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    let n = heading_level(level);
                    let kind = if n == 1 && title.is_none() && b.blocks.is_empty() {
                        BlockKind::Title
                    } else {
                        BlockKind::Heading(n)
                    };
                    kind_stack.push(kind);
                }
                Tag::Paragraph => {
                    if kind_stack.last().is_some_and(|k| matches!(k, BlockKind::ListItem { .. }))
                        && !cur.trim().is_empty()
                    {
                        let k = *kind_stack.last().unwrap_or(&BlockKind::Paragraph);
                        flush(&mut b, k, &mut cur, &mut cur_inlines, &mut cur_links);
                    }
                    if !kind_stack.last().is_some_and(|k| matches!(k, BlockKind::ListItem { .. })) {
                        kind_stack.push(if quote_depth > 0 { BlockKind::Quote } else { BlockKind::Paragraph });
                    }
                }
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::CodeBlock(_) => kind_stack.push(BlockKind::Code),
                Tag::List(start) => list_stack.push(start),
                Tag::Item => {
                    if !cur.trim().is_empty() {
                        let k = *kind_stack.last().unwrap_or(&BlockKind::Paragraph);
                        flush(&mut b, k, &mut cur, &mut cur_inlines, &mut cur_links);
                    }
                    let depth = list_stack.len().saturating_sub(1) as u8;
                    let number = match list_stack.last_mut() {
                        Some(Some(n)) => {
                            let v = *n as u32;
                            *n += 1;
                            Some(v)
                        }
                        _ => None,
                    };
                    kind_stack.push(BlockKind::ListItem { depth, number });
                }
                Tag::Emphasis => open.push((InlineKind::Emphasis, cur.len())),
                Tag::Strong => open.push((InlineKind::Strong, cur.len())),
                Tag::Link { dest_url, .. } => link_stack.push((cur.len(), dest_url.to_string())),
                Tag::Image { .. } => {
                    if !cur.trim().is_empty() {
                        let k = *kind_stack.last().unwrap_or(&BlockKind::Paragraph);
                        flush(&mut b, k, &mut cur, &mut cur_inlines, &mut cur_links);
                    }
                    in_image = true;
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    let k = kind_stack.pop().unwrap_or(BlockKind::Paragraph);
                    if k == BlockKind::Title {
                        title = Some(cur.trim().to_string());
                    }
                    flush(&mut b, k, &mut cur, &mut cur_inlines, &mut cur_links);
                }
                TagEnd::Paragraph => {
                    let k = *kind_stack.last().unwrap_or(&BlockKind::Paragraph);
                    if !matches!(k, BlockKind::ListItem { .. }) {
                        kind_stack.pop();
                    }
                    flush(&mut b, k, &mut cur, &mut cur_inlines, &mut cur_links);
                }
                TagEnd::CodeBlock => {
                    kind_stack.pop();
                    flush(&mut b, BlockKind::Code, &mut cur, &mut cur_inlines, &mut cur_links);
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::List(_) => {
                    list_stack.pop();
                }
                TagEnd::Item => {
                    let k = kind_stack.pop().unwrap_or(BlockKind::Paragraph);
                    flush(&mut b, k, &mut cur, &mut cur_inlines, &mut cur_links);
                }
                TagEnd::Emphasis | TagEnd::Strong => {
                    if let Some((k, s)) = open.pop() {
                        cur_inlines.push((k, s, cur.len()));
                    }
                }
                TagEnd::Link => {
                    if let Some((s, target)) = link_stack.pop() {
                        cur_links.push((s, cur.len(), target));
                    }
                }
                TagEnd::Image => {
                    in_image = false;
                    flush(&mut b, BlockKind::Image, &mut cur, &mut cur_inlines, &mut cur_links);
                }
                _ => {}
            },
            Event::Text(t) => {
                if kind_stack.last() == Some(&BlockKind::Code) {
                    cur.push_str(&t);
                } else {
                    cur.push_str(&t.replace('\n', " "));
                }
            }
            Event::Code(t) => {
                let s = cur.len();
                cur.push_str(&t);
                cur_inlines.push((InlineKind::Code, s, cur.len()));
            }
            Event::SoftBreak => cur.push(' '),
            Event::HardBreak => cur.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => {
                // Raw HTML is not shown as markup; keep only its text.
                let _ = h;
            }
            Event::Rule => {}
            Event::TaskListMarker(done) => cur.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
        let _ = in_image;
    }
    if !cur.trim().is_empty() {
        flush(&mut b, BlockKind::Paragraph, &mut cur, &mut cur_inlines, &mut cur_links);
    }
    b.inlines.sort_by_key(|i| i.span.start);
    let mut doc = Document::new(source, Format::Markdown, b.text, b.blocks);
    doc.inlines = b.inlines;
    doc.links = b.links;
    doc.title = title;
    doc
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_structure_without_markup() {
        let md = "# Title\n\nSome *emph* and **strong** [link](http://x).\n\n## Section\n\n- one\n- two\n\n> quoted\n> text\n\n1. first\n";
        let d = parse("a.md", md);
        assert_eq!(d.title.as_deref(), Some("Title"));
        assert!(!d.text.contains('*') && !d.text.contains('#') && !d.text.contains('['));
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::ListItem { depth: 0, number: None },
                BlockKind::ListItem { depth: 0, number: None },
                BlockKind::Quote,
                BlockKind::ListItem { depth: 0, number: Some(1) },
            ]
        );
        assert_eq!(&d.text[d.blocks[5].span.clone()], "quoted text");
        let emph = d.inlines.iter().find(|i| i.kind == InlineKind::Emphasis).unwrap();
        assert_eq!(&d.text[emph.span.clone()], "emph");
        assert_eq!(d.links[0].target, "http://x");
        assert_eq!(&d.text[d.links[0].span.clone()], "link");
    }
}
