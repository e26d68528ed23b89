//! Markdown (CommonMark with the GitHub extensions) rendered to reading text: headings,
//! paragraphs, lists, block quotes, code and emphasis become blocks and inline styles; no
//! markup stays in the text.
//!
//! - Front matter, YAML between `---` lines or TOML between `+++` lines at the very top,
//!   gives the title, date, author and tags; it is never body text.
//! - The title is metadata only (as for HTML pages): a front-matter `title`, else a leading
//!   `# H1`. A leading H1 that repeats the front-matter title is dropped; never shown twice.
//! - GFM tables become aligned rows (one preformatted block) when they fit
//!   [`TABLE_MAX_WIDTH`] columns, else one list item per row, each cell named by its header.
//! - Footnote references read `[1]` (numbered in order of first use); each definition is a
//!   paragraph opening with its number. Task list items open with `[x]` or `[ ]`.
//!   Definition lists: the term is a bold paragraph, each definition a list item under it.

use super::date::{dateline, parse_date_text, plausible_date, today, DateSource};
use super::{sanitize, BlockKind, Document, Format, Inline, InlineKind, Link, TextBuilder};
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

/// Widest table (in terminal columns) laid out as aligned rows; a wider one becomes a
/// list of rows, which wraps at any width. Fits the article pane of a 60-column terminal.
pub const TABLE_MAX_WIDTH: usize = 54;

/// The parser decodes numeric character references (`&#27;`, `&#x9b;`, `&#x202e;`) after
/// the source was sanitized: text that holds a control or bidi character once decoded is
/// sanitized again, so none reaches the document.
fn sanitize_decoded(ev: Event<'_>) -> Event<'_> {
    let unsafe_text = |t: &str| t.chars().any(super::is_unsafe_char);
    match ev {
        Event::Text(t) if unsafe_text(&t) => Event::Text(sanitize(&t).into()),
        Event::Code(t) if unsafe_text(&t) => Event::Code(sanitize(&t).into()),
        other => other,
    }
}

/// Build a document from Markdown source.
pub fn parse(source: &str, raw: &str) -> Document {
    let raw = sanitize(raw);
    let (front, body) = split_front_matter(&raw);
    let mut r = Renderer {
        front_title: front.title.as_deref().map(super::normalize_words),
        ..Renderer::default()
    };
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST;
    for ev in Parser::new_ext(body, options).map(sanitize_decoded) {
        r.event(ev);
    }
    let kind = r.kind();
    r.flush(kind);
    let mut b = r.b;
    b.inlines.sort_by_key(|i| i.span.start);
    let mut doc = Document::new(source, Format::Markdown, b.text, b.blocks);
    doc.inlines = b.inlines;
    doc.links = b.links;
    doc.title = front.title.or(r.h1_title);
    doc.byline = front.author;
    doc.tags = front.tags;
    if let Some(d) = front.date {
        doc.set_date(d, DateSource::FrontMatter);
    } else if let Some((d, _)) = dateline(&doc.text).filter(|(d, _)| plausible_date(*d, today())) {
        doc.set_date(d, DateSource::Dateline);
    }
    doc
}

/// What a file's front matter says about it.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date` (or `published`, `pubDate`, `created`), when plausible.
    pub date: Option<crate::analysis::NaiveDate>,
    /// `author` or `authors`, joined with ", ".
    pub author: Option<String>,
    /// `tags` (or `keywords`, `categories`).
    pub tags: Vec<String>,
}

/// Split YAML (`---` … `---` or `...`) or TOML (`+++` … `+++`) front matter off the top
/// of `raw`. Without a closing fence there is no front matter and `raw` is all body.
pub fn split_front_matter(raw: &str) -> (FrontMatter, &str) {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let first = text.lines().next().unwrap_or("").trim_end();
    let (closers, toml): (&[&str], bool) = match first {
        "---" => (&["---", "..."], false),
        "+++" => (&["+++"], true),
        _ => return (FrontMatter::default(), raw),
    };
    let mut pos = text.find('\n').map_or(text.len(), |n| n + 1);
    let start = pos;
    for line in text[start..].split_inclusive('\n') {
        if closers.contains(&line.trim_end()) {
            let inner = &text[start..pos];
            let front = if toml {
                toml_front(inner)
            } else {
                yaml_front(inner)
            };
            return (front, &text[pos + line.len()..]);
        }
        pos += line.len();
    }
    (FrontMatter::default(), raw)
}

/// Front-matter keys, in order of preference, for each field.
const TITLE_KEYS: &[&str] = &["title"];
const DATE_KEYS: &[&str] = &["date", "published", "pubdate", "pubDate", "created"];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline"];
const TAG_KEYS: &[&str] = &["tags", "keywords", "categories"];

fn front_from(get: impl Fn(&str) -> Option<Vec<String>>) -> FrontMatter {
    let first = |keys: &[&str]| keys.iter().find_map(|k| get(k)).unwrap_or_default();
    let one = |keys: &[&str]| {
        let v = first(keys);
        let joined = v.join(", ");
        (!joined.trim().is_empty()).then(|| joined.trim().to_string())
    };
    let date = first(DATE_KEYS)
        .first()
        .and_then(|s| parse_date_text(s))
        .filter(|d| plausible_date(*d, today()));
    let mut tags = first(TAG_KEYS);
    if tags.len() == 1 && tags[0].contains(',') {
        tags = tags[0].split(',').map(|t| t.trim().to_string()).collect();
    }
    tags.retain(|t| !t.is_empty());
    FrontMatter {
        title: one(TITLE_KEYS),
        date,
        author: one(AUTHOR_KEYS),
        tags,
    }
}

/// The top-level `key: value` pairs of YAML front matter that lede uses: plain and quoted
/// scalars, `[a, b]` flow lists and `- item` block lists. Nested maps are skipped.
fn yaml_front(inner: &str) -> FrontMatter {
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for line in inner.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '-']) {
            // A block list item belongs to the last key with an empty value.
            if let (Some(item), Some((_, values))) = (trimmed.strip_prefix("- "), pairs.last_mut())
            {
                values.push(yaml_scalar(item));
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let values = if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            list.split(',').map(yaml_scalar).collect()
        } else if value.is_empty() {
            Vec::new()
        } else {
            vec![yaml_scalar(value)]
        };
        pairs.push((key.trim().to_string(), values));
    }
    front_from(|k| {
        pairs
            .iter()
            .find(|(key, v)| key == k && !v.is_empty())
            .map(|(_, v)| v.clone())
    })
}

/// A YAML scalar without its quotes (and without a trailing comment when unquoted).
fn yaml_scalar(s: &str) -> String {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    s.split(" #").next().unwrap_or(s).trim().to_string()
}

/// TOML front matter, read with the `toml` crate; a malformed block gives nothing.
fn toml_front(inner: &str) -> FrontMatter {
    let table: toml::Table = inner.parse().unwrap_or_default();
    let text = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Table(t) => t.get("name").and_then(|n| n.as_str()).map(str::to_string),
        _ => None,
    };
    front_from(|k| match table.get(k)? {
        toml::Value::Array(items) => Some(items.iter().filter_map(text).collect()),
        v => text(v).map(|s| vec![s]),
    })
}

/// A table being collected: its alignments, and its rows of cells (the first is the head).
#[derive(Default)]
struct Table {
    align: Vec<Alignment>,
    rows: Vec<Vec<String>>,
    head_rows: usize,
    in_head: bool,
}

/// Turns pulldown-cmark events into blocks.
#[derive(Default)]
struct Renderer {
    b: TextBuilder,
    /// The front-matter title, normalised, to drop a leading H1 repeating it.
    front_title: Option<String>,
    /// A leading H1 taken as the title.
    h1_title: Option<String>,
    /// Current block text and its pending inline styles (offsets relative to `cur`).
    cur: String,
    cur_inlines: Vec<(InlineKind, usize, usize)>,
    open: Vec<(InlineKind, usize)>,
    cur_links: Vec<(usize, usize, String)>,
    link_stack: Vec<(usize, String)>,
    kind_stack: Vec<BlockKind>,
    list_stack: Vec<Option<u64>>,
    quote_depth: u32,
    /// The heading being read: its kind, or `None` for a leading H1 that is the title.
    heading: Option<Option<BlockKind>>,
    table: Option<Table>,
    /// Footnote labels in order of first use; a label's number is its index + 1.
    notes: Vec<String>,
    /// A footnote definition's number, owed to its first paragraph.
    note_mark: Option<usize>,
}

impl Renderer {
    /// The kind the current text will get.
    fn kind(&self) -> BlockKind {
        *self.kind_stack.last().unwrap_or(&if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        })
    }

    fn in_item(&self) -> bool {
        matches!(self.kind_stack.last(), Some(BlockKind::ListItem { .. }))
    }

    /// The number of footnote `label`, given on first sight.
    fn note_number(&mut self, label: &str) -> usize {
        match self.notes.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.notes.push(label.to_string());
                self.notes.len()
            }
        }
    }

    fn flush(&mut self, kind: BlockKind) {
        let lead = self.cur.len() - self.cur.trim_start().len();
        if let Some(start) = self.b.push_block(kind, &self.cur) {
            let len = self.cur.trim().len();
            let clamp = |x: usize| start + x.saturating_sub(lead).min(len);
            for (k, s, e) in self.cur_inlines.drain(..) {
                let (s, e) = (clamp(s), clamp(e));
                if s < e {
                    self.b.inlines.push(Inline {
                        kind: k,
                        span: s..e,
                    });
                }
            }
            for (s, e, target) in self.cur_links.drain(..) {
                let (s, e) = (clamp(s), clamp(e));
                if s < e {
                    let idx = self.b.links.len();
                    self.b.links.push(Link { span: s..e, target });
                    self.b.inlines.push(Inline {
                        kind: InlineKind::Link(idx),
                        span: s..e,
                    });
                }
            }
        }
        self.cur_inlines.clear();
        self.cur_links.clear();
        self.cur.clear();
    }

    /// Finish what is pending before a new block starts.
    fn flush_pending(&mut self) {
        if !self.cur.trim().is_empty() {
            let k = self.kind();
            self.flush(k);
        }
    }

    fn event(&mut self, ev: Event<'_>) {
        if self.table.is_some() {
            self.table_event(ev);
            return;
        }
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(t) => {
                if self.kind_stack.last() == Some(&BlockKind::Code) {
                    self.cur.push_str(&t);
                } else {
                    self.cur.push_str(&t.replace('\n', " "));
                }
            }
            Event::Code(t) => {
                let s = self.cur.len();
                self.cur.push_str(&t);
                self.cur_inlines.push((InlineKind::Code, s, self.cur.len()));
            }
            Event::SoftBreak => self.cur.push(' '),
            Event::HardBreak => self.cur.push('\n'),
            Event::FootnoteReference(label) => {
                let n = self.note_number(&label);
                self.cur.push_str(&format!("[{n}]"));
            }
            Event::TaskListMarker(done) => self.cur.push_str(if done { "[x] " } else { "[ ] " }),
            // Raw HTML is not shown as markup; rules separate blocks already.
            _ => {}
        }
    }

    /// An event inside a table: cells collect plain text.
    fn table_event(&mut self, ev: Event<'_>) {
        let note = match &ev {
            Event::FootnoteReference(label) => Some(self.note_number(label)),
            _ => None,
        };
        let Some(t) = self.table.as_mut() else { return };
        match ev {
            Event::Start(Tag::TableHead) => t.in_head = true,
            Event::End(TagEnd::TableHead) => t.in_head = false,
            Event::Start(Tag::TableRow) => t.rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                if t.in_head && t.rows.is_empty() {
                    t.rows.push(Vec::new());
                    t.head_rows = 1;
                }
                if let Some(row) = t.rows.last_mut() {
                    row.push(String::new());
                }
            }
            Event::End(TagEnd::Table) => {
                let t = self.table.take().unwrap_or_default();
                self.table_blocks(t);
            }
            ev => {
                let add = match ev {
                    Event::Text(s) | Event::Code(s) => s.replace('\n', " "),
                    Event::SoftBreak | Event::HardBreak => " ".to_string(),
                    Event::FootnoteReference(_) => format!("[{}]", note.unwrap_or(0)),
                    _ => return,
                };
                if let Some(c) = t.rows.last_mut().and_then(|r| r.last_mut()) {
                    c.push_str(&add);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_pending();
                let n = heading_level(level);
                let leading = self.b.blocks.is_empty() && self.h1_title.is_none();
                let kind = if n == 1 && leading {
                    None
                } else {
                    Some(BlockKind::Heading(n))
                };
                self.heading = Some(kind);
            }
            Tag::Paragraph => {
                if self.in_item() && !self.cur.trim().is_empty() {
                    let k = self.kind();
                    self.flush(k);
                }
                if !self.in_item() {
                    let k = if self.quote_depth > 0 {
                        BlockKind::Quote
                    } else {
                        BlockKind::Paragraph
                    };
                    self.kind_stack.push(k);
                }
                if let Some(n) = self.note_mark.take() {
                    self.cur.push_str(&format!("[{n}] "));
                }
            }
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::CodeBlock(_) => {
                self.flush_pending();
                self.kind_stack.push(BlockKind::Code);
            }
            Tag::List(start) => {
                self.flush_pending();
                self.list_stack.push(start);
            }
            Tag::Item => {
                self.flush_pending();
                let depth = self
                    .list_stack
                    .len()
                    .saturating_sub(1)
                    .min(u8::MAX as usize) as u8;
                let number = match self.list_stack.last_mut() {
                    Some(Some(n)) => {
                        let v = u32::try_from(*n).unwrap_or(u32::MAX);
                        *n += 1;
                        Some(v)
                    }
                    _ => None,
                };
                self.kind_stack.push(BlockKind::ListItem { depth, number });
            }
            Tag::Table(align) => {
                self.flush_pending();
                self.table = Some(Table {
                    align,
                    ..Table::default()
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_pending();
                let n = self.note_number(&label);
                self.note_mark = Some(n);
            }
            Tag::DefinitionListTitle => {
                self.flush_pending();
                self.kind_stack.push(BlockKind::Paragraph);
                self.open.push((InlineKind::Strong, self.cur.len()));
            }
            Tag::DefinitionListDefinition => {
                self.flush_pending();
                let depth = self.list_stack.len().min(u8::MAX as usize) as u8;
                self.kind_stack.push(BlockKind::ListItem {
                    depth,
                    number: None,
                });
            }
            Tag::Emphasis => self.open.push((InlineKind::Emphasis, self.cur.len())),
            Tag::Strong => self.open.push((InlineKind::Strong, self.cur.len())),
            Tag::Link { dest_url, .. } => {
                self.link_stack.push((self.cur.len(), dest_url.to_string()))
            }
            Tag::Image { .. } => {
                self.flush_pending();
                self.kind_stack.push(BlockKind::Image);
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(_) => match self.heading.take().flatten() {
                Some(kind) => self.flush(kind),
                None => {
                    // The leading H1: the title, unless front matter named one; then it
                    // is dropped when it repeats that title and kept as a heading if not.
                    let h1 = self.cur.trim().to_string();
                    match &self.front_title {
                        None => {
                            self.h1_title = (!h1.is_empty()).then_some(h1);
                            self.clear();
                        }
                        Some(t) if *t == super::normalize_words(&h1) => self.clear(),
                        Some(_) => self.flush(BlockKind::Heading(1)),
                    }
                }
            },
            TagEnd::Paragraph => {
                let k = self.kind();
                if !matches!(k, BlockKind::ListItem { .. }) {
                    self.kind_stack.pop();
                }
                self.flush(k);
            }
            TagEnd::CodeBlock => {
                self.kind_stack.pop();
                self.flush(BlockKind::Code);
            }
            TagEnd::BlockQuote(_) => {
                self.flush_pending();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.list_stack.pop();
            }
            TagEnd::Item | TagEnd::DefinitionListDefinition => {
                let k = self.kind_stack.pop().unwrap_or(BlockKind::Paragraph);
                self.flush(k);
            }
            TagEnd::DefinitionListTitle => {
                if let Some((k, s)) = self.open.pop() {
                    self.cur_inlines.push((k, s, self.cur.len()));
                }
                let k = self.kind_stack.pop().unwrap_or(BlockKind::Paragraph);
                self.flush(k);
            }
            TagEnd::FootnoteDefinition => {
                self.flush_pending();
                self.note_mark = None;
            }
            TagEnd::Emphasis | TagEnd::Strong => {
                if let Some((k, s)) = self.open.pop() {
                    self.cur_inlines.push((k, s, self.cur.len()));
                }
            }
            TagEnd::Link => {
                if let Some((s, target)) = self.link_stack.pop() {
                    self.cur_links.push((s, self.cur.len(), target));
                }
            }
            TagEnd::Image => {
                self.kind_stack.pop();
                self.flush(BlockKind::Image);
            }
            _ => {}
        }
    }

    fn clear(&mut self) {
        self.cur.clear();
        self.cur_inlines.clear();
        self.cur_links.clear();
    }

    /// Emit a finished table: aligned rows in one preformatted block when it fits
    /// [`TABLE_MAX_WIDTH`], else one list item per body row ("Schools — 2023: 1.0;
    /// 2024: 1.2", each cell after the first named by its header).
    fn table_blocks(&mut self, t: Table) {
        let rows: Vec<Vec<String>> = t
            .rows
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.trim().to_string()).collect())
            .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
            .collect();
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let mut widths = vec![0; cols];
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.width());
            }
        }
        let total = widths.iter().sum::<usize>() + 2 * (cols - 1);
        if total <= TABLE_MAX_WIDTH {
            let mut out = String::new();
            for (n, r) in rows.iter().enumerate() {
                let mut line = String::new();
                for (i, w) in widths.iter().enumerate() {
                    let c = r.get(i).map_or("", String::as_str);
                    let pad = " ".repeat(w - c.width());
                    if i > 0 {
                        line.push_str("  ");
                    }
                    match t.align.get(i) {
                        Some(Alignment::Right) => line.push_str(&(pad + c)),
                        Some(Alignment::Center) => {
                            let left = (w - c.width()) / 2;
                            line.push_str(&" ".repeat(left));
                            line.push_str(c);
                            line.push_str(&" ".repeat(w - c.width() - left));
                        }
                        _ => line.push_str(&(c.to_string() + &pad)),
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
                if n + 1 == t.head_rows {
                    out.push_str(&"─".repeat(total));
                    out.push('\n');
                }
            }
            self.b.push_block(BlockKind::Code, &out);
            return;
        }
        let head: &[String] = if t.head_rows > 0 { &rows[0] } else { &[] };
        let depth = self.list_stack.len().min(u8::MAX as usize) as u8;
        for r in &rows[t.head_rows.min(rows.len())..] {
            let mut item = r.first().cloned().unwrap_or_default();
            let rest: Vec<String> = r
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| match head.get(i).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{h}: {c}"),
                    None => c.clone(),
                })
                .collect();
            if !rest.is_empty() {
                if !item.is_empty() {
                    item.push_str(" — ");
                }
                item.push_str(&rest.join("; "));
            }
            let kind = BlockKind::ListItem {
                depth,
                number: None,
            };
            self.b.push_block(kind, &item);
        }
    }
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

    fn blocks(d: &Document) -> Vec<(BlockKind, &str)> {
        d.blocks
            .iter()
            .map(|b| (b.kind, &d.text[b.span.clone()]))
            .collect()
    }

    const ITEM: BlockKind = BlockKind::ListItem {
        depth: 0,
        number: None,
    };

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
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                ITEM,
                ITEM,
                BlockKind::Quote,
                BlockKind::ListItem {
                    depth: 0,
                    number: Some(1)
                },
            ]
        );
        assert_eq!(&d.text[d.blocks[4].span.clone()], "quoted text");
        let emph = d
            .inlines
            .iter()
            .find(|i| i.kind == InlineKind::Emphasis)
            .unwrap();
        assert_eq!(&d.text[emph.span.clone()], "emph");
        assert_eq!(d.links[0].target, "http://x");
        assert_eq!(&d.text[d.links[0].span.clone()], "link");
    }

    #[test]
    fn yaml_front_matter_is_metadata_not_text() {
        let md = "---\ntitle: \"Tram lines: the plan\"\ndate: 2024-03-25\nauthor: Ines Okafor\ntags: [transport, city]\nlayout: post\n---\n# Tram lines: the plan\n\nThe council voted on the second line.\n";
        let d = parse("post.md", md);
        assert_eq!(d.title.as_deref(), Some("Tram lines: the plan"));
        assert_eq!(d.byline.as_deref(), Some("Ines Okafor"));
        assert_eq!(d.tags, ["transport", "city"]);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2024-03-25"));
        assert_eq!(d.date_source, Some(DateSource::FrontMatter));
        // Neither the front matter nor the H1 repeating its title is body text.
        assert_eq!(&*d.text, "The council voted on the second line.");
    }

    #[test]
    fn yaml_block_lists_and_quoted_dates() {
        let md = "---\ntitle: Notes\nauthors:\n  - Ana Ruiz\n  - Tom Berg\ntags:\n  - a\n  - b\ndate: '2023-07-01T09:00:00Z'\n---\nBody.\n";
        let d = parse("n.md", md);
        assert_eq!(d.byline.as_deref(), Some("Ana Ruiz, Tom Berg"));
        assert_eq!(d.tags, ["a", "b"]);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2023-07-01"));
        assert_eq!(&*d.text, "Body.");
    }

    #[test]
    fn toml_front_matter_is_metadata_not_text() {
        let md = "+++\ntitle = \"Harbour survey\"\ndate = 2022-05-09T10:00:00Z\nauthors = [\"Lee Park\"]\ntags = [\"sea\"]\n[extra]\nx = 1\n+++\n\nThe survey counted boats.\n";
        let d = parse("s.md", md);
        assert_eq!(d.title.as_deref(), Some("Harbour survey"));
        assert_eq!(d.byline.as_deref(), Some("Lee Park"));
        assert_eq!(d.tags, ["sea"]);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2022-05-09"));
        assert_eq!(d.date_source, Some(DateSource::FrontMatter));
        assert_eq!(&*d.text, "The survey counted boats.");
    }

    #[test]
    fn a_placeholder_front_matter_date_is_refused() {
        let d = parse("p.md", "---\ndate: 0001-01-01\n---\nText.\n");
        assert_eq!((d.date, d.date_source), (None, None));
        let d = parse("p.md", "+++\ndate = 1970-01-01\n+++\nText.\n");
        assert_eq!(d.date, None);
    }

    #[test]
    fn unclosed_fence_is_body_text() {
        let d = parse("x.md", "---\nNot front matter at all.\n");
        assert!(d.text.contains("Not front matter"));
    }

    #[test]
    fn leading_h1_is_the_title_once() {
        let d = parse(
            "a.md",
            "# Bridge works\n\nTraffic resumed.\n\n# Later part\n\nMore.",
        );
        assert_eq!(d.title.as_deref(), Some("Bridge works"));
        assert_eq!(
            blocks(&d),
            [
                (BlockKind::Paragraph, "Traffic resumed."),
                (BlockKind::Heading(1), "Later part"),
                (BlockKind::Paragraph, "More.")
            ]
        );
        // A different H1 under a front-matter title stays a heading.
        let d = parse("b.md", "---\ntitle: Series\n---\n# Part one\n\nText.");
        assert_eq!(d.title.as_deref(), Some("Series"));
        assert_eq!(blocks(&d)[0], (BlockKind::Heading(1), "Part one"));
    }

    #[test]
    fn narrow_table_becomes_aligned_rows() {
        let md = "Costs:\n\n| Department | 2023 | 2024 |\n|:--|--:|--:|\n| Schools | $1.0bn | $1.2bn |\n| Roads | $0.4bn | $0.35bn |\n\nAfter.";
        let d = parse("t.md", md);
        let b = blocks(&d);
        assert_eq!(b[0], (BlockKind::Paragraph, "Costs:"));
        assert_eq!(b[1].0, BlockKind::Code);
        let lines: Vec<&str> = b[1].1.lines().collect();
        assert_eq!(lines[0], "Department    2023     2024");
        assert!(lines[1].chars().all(|c| c == '─'));
        assert_eq!(lines[2], "Schools     $1.0bn   $1.2bn");
        assert_eq!(lines[3], "Roads       $0.4bn  $0.35bn");
        assert_eq!(b[2], (BlockKind::Paragraph, "After."));
    }

    #[test]
    fn wide_table_becomes_a_list_of_named_cells() {
        let md = "| Region | Population in 2020 | Population in 2024 | Change |\n|---|---|---|---|\n| North coast district | 120,000 | 131,500 | +9.6% |\n| Inland valleys | 88,000 | | -2.1% |\n";
        let d = parse("t.md", md);
        assert_eq!(
            blocks(&d),
            [
                (
                    ITEM,
                    "North coast district — Population in 2020: 120,000; Population in 2024: 131,500; Change: +9.6%"
                ),
                (ITEM, "Inland valleys — Population in 2020: 88,000; Change: -2.1%"),
            ]
        );
    }

    #[test]
    fn footnotes_task_lists_and_definition_lists_read_well() {
        let md = "The bridge opened[^a] late[^b].\n\n- [x] survey\n- [ ] repaint\n\nSpan\n: The length between two piers.\n\n[^a]: In May.\n[^b]: By a week.\n";
        let d = parse("f.md", md);
        let b = blocks(&d);
        assert_eq!(
            b[0],
            (BlockKind::Paragraph, "The bridge opened[1] late[2].")
        );
        assert_eq!(b[1], (ITEM, "[x] survey"));
        assert_eq!(b[2], (ITEM, "[ ] repaint"));
        assert_eq!(b[3], (BlockKind::Paragraph, "Span"));
        let strong = d
            .inlines
            .iter()
            .find(|i| i.kind == InlineKind::Strong)
            .unwrap();
        assert_eq!(&d.text[strong.span.clone()], "Span");
        assert_eq!(b[4], (ITEM, "The length between two piers."));
        assert_eq!(b[5], (BlockKind::Paragraph, "[1] In May."));
        assert_eq!(b[6], (BlockKind::Paragraph, "[2] By a week."));
    }

    #[test]
    fn dateline_gives_the_date_without_front_matter() {
        let d = parse("d.md", "March 25, 2024 — The ferry resumed.\n");
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2024-03-25"));
        assert_eq!(d.date_source, Some(DateSource::Dateline));
    }
}
