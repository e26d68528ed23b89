//! Screen geometry and the wrapped-article cache.
//!
//! [`WrappedLayout`] holds the article reflowed to one width: a list of [`Row`]s, each a
//! byte range into the document text, so that any span (claim, mention, search match)
//! maps to rows by binary search. It is keyed by `(width, settings)` and rebuilt when
//! either changes. It is built lazily, block by block, and addressed by [`Pos`] (block,
//! row): the first screen, the end (`G`) or the middle of a book need only the blocks
//! they show, so opening, jumping and resizing cost a screen, like `less`.
//!
//! Invariants: rows are in text order; a row never spans two blocks; its text, with `\n`
//! shown as a space, is at most `width` columns wide (measured by [`display_width`],
//! the renderer's own measure).

use crate::document::{BlockKind, Document};
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use std::ops::Range;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;

/// Width in terminal columns of `s` as ratatui's buffer draws it: grapheme by grapheme,
/// control characters take no room, except `\n` which the reader shows as one space.
/// This is the reader's one measure: layout, panels, popups and the note editor all use
/// it (or [`grapheme_width`]), never `Span::width` or unicode-width directly.
///
/// ```
/// use lede::tui::layout::display_width;
/// assert_eq!(display_width("abc"), 3);
/// assert_eq!(display_width("漢字"), 4);
/// assert_eq!(display_width("a\nb"), 3);
/// assert_eq!(display_width("e\u{301}"), 1);
/// assert_eq!(display_width("👩‍🔬"), 2);
/// // Halfwidth katakana with its sound mark: two cells, as terminals (and ratatui) draw it.
/// assert_eq!(display_width("ｶﾞ"), 2);
/// ```
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s
            .bytes()
            .filter(|&b| b == b'\n' || !b.is_ascii_control())
            .count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Width of one grapheme as the renderer draws it (the one measure [`display_width`]
/// sums): ratatui's own [`CellWidth`], after dropping what `Buffer::set_stringn` drops
/// (control characters), except `\n` which shows as one space.
pub fn grapheme_width(g: &str) -> usize {
    if g == "\n" {
        1
    } else if g.contains(char::is_control) {
        0
    } else {
        g.cell_width() as usize
    }
}

/// A `width` × `height` rectangle centred in `area`, clamped to it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Layout settings beyond the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The widest text column, in columns (a comfortable measure).
    pub measure: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { measure: 80 }
    }
}

/// What is drawn before a row's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// Nothing.
    None,
    /// A bullet (`• `), first row of a list item.
    Bullet,
    /// An item number (`1. `), first row of an ordered list item.
    Number(u32),
    /// The quote bar (`│ `), every row of a quote.
    Quote,
    /// The image mark (`▣ `), first row of an image's alt text.
    Image,
    /// Blank columns aligning a list item's later rows under its text.
    Hang(u8),
}

impl Prefix {
    /// Its width in columns.
    pub fn width(self) -> usize {
        match self {
            Prefix::None => 0,
            Prefix::Bullet | Prefix::Quote | Prefix::Image => 2,
            Prefix::Number(n) => n.to_string().len() + 2,
            Prefix::Hang(w) => w as usize,
        }
    }
}

/// One screen row of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Byte range of its text in the document (empty for the blank row between blocks).
    pub span: Range<usize>,
    /// Index of its block in `Document::blocks`.
    pub block: u32,
    /// Columns of indentation before the prefix (list nesting).
    pub indent: u16,
    /// What is drawn before the text.
    pub prefix: Prefix,
}

/// A place in the layout: row `row` of block `block`. Ordered as the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    /// Index of the block in `Document::blocks`.
    pub block: usize,
    /// Row within the block's rows.
    pub row: usize,
}

/// The article reflowed to one width (see the module docs). Blocks are laid out on
/// demand, so every operation costs what the screen shows, not what the document holds.
#[derive(Debug, Clone, PartialEq)]
pub struct WrappedLayout {
    /// The text column's width.
    pub width: u16,
    /// The settings it was built with.
    pub settings: Settings,
    /// Rows of each block laid out so far (each block but the last, and list items
    /// followed by one, ends with a blank row).
    blocks: Vec<Option<Vec<Row>>>,
}

#[derive(Debug)]
struct Frag {
    start: usize,
    end: usize,
    width: f64,
    space: f64,
}

impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.space
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

impl WrappedLayout {
    /// An empty layout for text `width` columns wide (at least 1); nothing is laid out yet.
    pub fn new(width: u16, settings: Settings) -> Self {
        WrappedLayout {
            width: width.max(1),
            settings,
            blocks: Vec::new(),
        }
    }

    /// A layout of the whole document.
    pub fn full(doc: &Document, width: u16, settings: Settings) -> Self {
        let mut l = WrappedLayout::new(width, settings);
        l.complete(doc);
        l
    }

    /// Lay out every block.
    pub fn complete(&mut self, doc: &Document) {
        let mut frags = Vec::new();
        self.size_for(doc);
        for i in 0..doc.blocks.len() {
            if self.blocks[i].is_none() {
                self.blocks[i] = Some(layout_block(doc, i, self.text_width(), &mut frags));
            }
        }
    }

    /// Whether every block has been laid out.
    pub fn is_complete(&self, doc: &Document) -> bool {
        self.blocks.len() == doc.blocks.len() && self.blocks.iter().all(Option::is_some)
    }

    fn size_for(&mut self, doc: &Document) {
        if self.blocks.len() != doc.blocks.len() {
            self.blocks.resize(doc.blocks.len(), None);
        }
    }

    fn text_width(&self) -> usize {
        self.width.min(self.settings.measure).max(1) as usize
    }

    /// The rows of block `i`, laid out now if needed (empty if there is no such block).
    pub fn block(&mut self, doc: &Document, i: usize) -> &[Row] {
        self.size_for(doc);
        if i >= self.blocks.len() {
            return &[];
        }
        if self.blocks[i].is_none() {
            let w = self.text_width();
            self.blocks[i] = Some(layout_block(doc, i, w, &mut Vec::new()));
        }
        self.blocks[i].as_deref().unwrap_or(&[])
    }

    /// The row at `pos`, if laid out.
    pub fn row(&self, pos: Pos) -> Option<&Row> {
        self.blocks.get(pos.block)?.as_ref()?.get(pos.row)
    }

    /// Every row laid out so far, in text order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.blocks.iter().flatten().flatten()
    }

    /// Rows from `pos` on, as far as blocks are laid out.
    pub fn rows_from(&self, pos: Pos) -> impl Iterator<Item = &Row> {
        let first = self
            .blocks
            .get(pos.block)
            .and_then(|b| b.as_deref())
            .map_or(&[][..], |rows| rows.get(pos.row..).unwrap_or(&[]));
        let rest = self
            .blocks
            .get(pos.block + 1..)
            .unwrap_or(&[])
            .iter()
            .map_while(|b| b.as_deref());
        first.iter().chain(rest.flatten())
    }

    /// The position of the row showing byte `offset`.
    pub fn pos_of(&mut self, doc: &Document, offset: usize) -> Pos {
        if doc.blocks.is_empty() {
            return Pos::default();
        }
        let block = doc
            .blocks
            .partition_point(|b| b.span.end < offset)
            .min(doc.blocks.len() - 1);
        let rows = self.block(doc, block);
        let row = rows
            .partition_point(|r| r.span.start <= offset)
            .saturating_sub(1);
        Pos { block, row }
    }

    /// The position of the last row.
    pub fn end(&mut self, doc: &Document) -> Pos {
        let Some(block) = doc.blocks.len().checked_sub(1) else {
            return Pos::default();
        };
        let row = self.block(doc, block).len().saturating_sub(1);
        Pos { block, row }
    }

    /// Move `by` rows from `pos` (back when negative), stopping at either end; returns
    /// where it got to and how many rows it moved.
    pub fn advance(&mut self, doc: &Document, pos: Pos, by: isize) -> (Pos, usize) {
        let mut p = pos;
        let mut left = by.unsigned_abs();
        let mut moved = 0;
        if by >= 0 {
            while left > 0 {
                let len = self.block(doc, p.block).len();
                if p.row + left < len {
                    p.row += left;
                    moved += left;
                    break;
                }
                if p.block + 1 >= doc.blocks.len() {
                    let step = len.saturating_sub(1).saturating_sub(p.row);
                    p.row += step;
                    moved += step;
                    break;
                }
                let step = len - p.row;
                left -= step;
                moved += step;
                p = Pos {
                    block: p.block + 1,
                    row: 0,
                };
            }
        } else {
            while left > 0 {
                if p.row >= left {
                    p.row -= left;
                    moved += left;
                    break;
                }
                if p.block == 0 {
                    moved += p.row;
                    p.row = 0;
                    break;
                }
                left -= p.row + 1;
                moved += p.row + 1;
                let block = p.block - 1;
                let row = self.block(doc, block).len().saturating_sub(1);
                p = Pos { block, row };
            }
        }
        // Landing on the first row of a block not laid out yet: lay it out, so that
        // `rows_from(p)` shows it.
        self.block(doc, p.block);
        (p, moved)
    }
}

fn layout_block(doc: &Document, index: usize, width: usize, frags: &mut Vec<Frag>) -> Vec<Row> {
    let block = &doc.blocks[index];
    let mut rows = Vec::new();
    let mut span = block.span.clone();
    let (indent, first, rest) = match block.kind {
        BlockKind::ListItem { depth, number } => {
            // Plain text keeps its own marker in the text; show ours instead.
            let t = &doc.text[span.clone()];
            if let Some(m) = ["- ", "* ", "• "].iter().find(|m| t.starts_with(**m)) {
                span.start += m.len();
                while doc.text[span.clone()].starts_with(' ') {
                    span.start += 1;
                }
            }
            let p = number.map_or(Prefix::Bullet, Prefix::Number);
            let indent = (2 * depth as usize).min(width / 2) as u16;
            (indent, p, Prefix::Hang(p.width() as u8))
        }
        BlockKind::Quote => (0, Prefix::Quote, Prefix::Quote),
        BlockKind::Image => (0, Prefix::Image, Prefix::Hang(2)),
        _ => (0, Prefix::None, Prefix::None),
    };
    let avail = width.saturating_sub(indent as usize + first.width()).max(1);
    let push = |rows: &mut Vec<Row>, range: Range<usize>| {
        let prefix = if rows.is_empty() { first } else { rest };
        rows.push(Row {
            span: range,
            block: index as u32,
            indent,
            prefix,
        });
    };
    if block.kind == BlockKind::Code {
        let mut pos = span.start;
        for line in doc.text[span.clone()].split('\n') {
            let start = pos;
            pos += line.len() + 1;
            if line.is_empty() {
                push(&mut rows, start..start);
                continue;
            }
            for chunk in hard_break(&doc.text, start..start + line.len(), avail) {
                push(&mut rows, chunk);
            }
        }
    } else {
        frags.clear();
        words(&doc.text, span.clone(), avail, frags);
        // textwrap's default lets a line overflow by a column when that balances the
        // paragraph better; a terminal cannot, so overflow costs more than any gap.
        let penalties = textwrap::wrap_algorithms::Penalties {
            overflow_penalty: 1 << 30,
            ..textwrap::wrap_algorithms::Penalties::new()
        };
        let lines = textwrap::wrap_algorithms::wrap_optimal_fit(frags, &[avail as f64], &penalties)
            .unwrap_or_else(|_| textwrap::wrap_algorithms::wrap_first_fit(frags, &[avail as f64]));
        for line in lines {
            if let (Some(a), Some(b)) = (line.first(), line.last()) {
                push(&mut rows, a.start..b.end);
            }
        }
    }
    if rows.is_empty() {
        push(&mut rows, span.start..span.start);
    }
    // A blank row between blocks, except between the items of one list.
    let same_list = |a: BlockKind, b: BlockKind| match (a, b) {
        (BlockKind::ListItem { number: x, .. }, BlockKind::ListItem { number: y, .. }) => {
            x.is_some() == y.is_some() && y != Some(1)
        }
        _ => false,
    };
    let next = doc.blocks.get(index + 1).map(|b| b.kind);
    if next.is_some_and(|k| !same_list(block.kind, k)) {
        rows.push(Row {
            span: block.span.end..block.span.end,
            block: index as u32,
            indent: 0,
            prefix: Prefix::None,
        });
    }
    rows
}

/// Split `text[span]` into words separated by spaces and newlines; words wider than
/// `width` are broken into pieces that fit.
fn words(text: &str, span: Range<usize>, width: usize, out: &mut Vec<Frag>) {
    let bytes = text.as_bytes();
    let mut i = span.start;
    while i < span.end {
        let start = i;
        while i < span.end && bytes[i] != b' ' && bytes[i] != b'\n' {
            i += 1;
        }
        let end = i;
        while i < span.end && (bytes[i] == b' ' || bytes[i] == b'\n') {
            i += 1;
        }
        let space = (i - end) as f64;
        if start == end {
            // Leading whitespace: attach it to nothing.
            continue;
        }
        let w = display_width(&text[start..end]);
        if w <= width {
            out.push(Frag {
                start,
                end,
                width: w as f64,
                space,
            });
        } else {
            let pieces = hard_break(text, start..end, width);
            let n = pieces.len();
            for (k, p) in pieces.into_iter().enumerate() {
                let w = display_width(&text[p.clone()]) as f64;
                out.push(Frag {
                    start: p.start,
                    end: p.end,
                    width: w,
                    space: if k + 1 == n { space } else { 0.0 },
                });
            }
        }
    }
}

/// Break `text[span]` at grapheme boundaries into pieces at most `width` columns wide.
fn hard_break(text: &str, span: Range<usize>, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = span.start;
    let mut w = 0;
    for (off, g) in text[span.clone()].grapheme_indices(true) {
        let gw = grapheme_width(g);
        let at = span.start + off;
        // Zero-width graphemes stay with what precedes them (or follows, at the start).
        if w + gw > width && w > 0 {
            out.push(start..at);
            start = at;
            w = 0;
        }
        w += gw;
    }
    if start < span.end {
        out.push(start..span.end);
    }
    out
}

/// The longest start of `text` (split at a space) that fits `width` columns, and the rest
/// (without its leading spaces). A first word wider than `width` is broken.
pub fn first_line(text: &str, width: usize) -> (&str, &str) {
    if display_width(text) <= width {
        return (text, "");
    }
    let mut w = 0;
    let mut cut = None;
    let mut hard = 0;
    for (i, g) in text.grapheme_indices(true) {
        if g == " " {
            cut = Some(i);
        }
        w += grapheme_width(g);
        if w > width {
            break;
        }
        hard = i + g.len();
    }
    let at = cut
        .filter(|&c| c > 0)
        .unwrap_or(hard.max(1).min(text.len()));
    let at = (at..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    (text[..at].trim_end(), text[at..].trim_start())
}

/// `text` wrapped greedily into lines at most `width` columns wide (by [`display_width`]).
pub fn wrap_words(text: &str, width: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (line, more) = first_line(rest, width.max(1));
        out.push(line);
        rest = more;
    }
    out
}

/// Which panel shows in a one-panel layout, and which a panel focus refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    /// Claims in reading order.
    Claims,
    /// Actors by prominence.
    Actors,
    /// Timeline in time order.
    Timeline,
}

impl Panel {
    /// All panels, top to bottom.
    pub const ALL: [Panel; 3] = [Panel::Claims, Panel::Actors, Panel::Timeline];
}

/// Columns of the article pane around its text: the border (2) and the margins (3).
pub const ARTICLE_CHROME: u16 = 5;

/// Where each pane sits on the screen; an empty rect means hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The article pane (with its border).
    pub article: Rect,
    /// The claims panel.
    pub claims: Rect,
    /// The actors panel.
    pub actors: Rect,
    /// The timeline panel.
    pub timeline: Rect,
    /// The status line.
    pub status: Rect,
}

impl Panes {
    /// The rect of `panel`.
    pub fn panel(&self, panel: Panel) -> Rect {
        match panel {
            Panel::Claims => self.claims,
            Panel::Actors => self.actors,
            Panel::Timeline => self.timeline,
        }
    }

    /// Whether the panels share one rect (one shown at a time, with tabs in the title).
    pub fn tabbed(&self) -> bool {
        Panel::ALL
            .iter()
            .filter(|p| !self.panel(**p).is_empty())
            .count()
            == 1
    }

    /// Compute the panes for a screen of `area`. `zoom` shows the article only; `current`
    /// is the panel shown when only one fits; `panel_focused` says whether a panel has
    /// focus (on very small screens panels show only then). On wide screens the panels
    /// take what the article's `measure` (plus its border and margins) leaves free.
    pub fn compute(
        area: Rect,
        zoom: bool,
        current: Panel,
        panel_focused: bool,
        measure: u16,
    ) -> Panes {
        let mut p = Panes::default();
        if area.height == 0 || area.width == 0 {
            return p;
        }
        p.status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let main = Rect {
            height: area.height - 1,
            ..area
        };
        let one = |p: &mut Panes, r: Rect| match current {
            Panel::Claims => p.claims = r,
            Panel::Actors => p.actors = r,
            Panel::Timeline => p.timeline = r,
        };
        if zoom && !panel_focused || main.height < 3 {
            p.article = main;
        } else if main.width >= 100 {
            // Side column; three stacked panels when tall enough.
            let free = main
                .width
                .saturating_sub(measure.saturating_add(ARTICLE_CHROME));
            let side = (main.width / 3).clamp(36, 56).max(free);
            p.article = Rect {
                width: main.width - side,
                ..main
            };
            let col = Rect {
                x: main.x + main.width - side,
                width: side,
                ..main
            };
            if col.height >= 18 && !zoom {
                let h = col.height;
                let hc = h * 2 / 5;
                let ha = (h - hc) / 2;
                p.claims = Rect { height: hc, ..col };
                p.actors = Rect {
                    y: col.y + hc,
                    height: ha,
                    ..col
                };
                p.timeline = Rect {
                    y: col.y + hc + ha,
                    height: h - hc - ha,
                    ..col
                };
            } else {
                one(&mut p, col);
            }
        } else if main.height >= 16 || panel_focused {
            // One panel at a time, below the article.
            let h = (main.height * 2 / 5).clamp(4, 12).min(main.height);
            p.article = Rect {
                height: main.height - h,
                ..main
            };
            one(
                &mut p,
                Rect {
                    y: main.y + main.height - h,
                    height: h,
                    ..main
                },
            );
        } else {
            p.article = main;
        }
        if zoom && panel_focused {
            // Zoomed but a panel has focus: give it the screen.
            p.article = Rect::default();
            p.claims = Rect::default();
            p.actors = Rect::default();
            p.timeline = Rect::default();
            one(&mut p, main);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::plain;

    #[test]
    fn centered_is_clamped() {
        let r = centered(Rect::new(0, 0, 10, 5), 20, 3);
        assert_eq!(r, Rect::new(0, 1, 10, 3));
    }

    fn check(doc: &Document, width: u16) {
        let mut l = WrappedLayout::full(doc, width, Settings::default());
        let w = width.min(80) as usize;
        let mut last = 0;
        for r in l.rows() {
            assert!(r.span.start >= last, "rows in order");
            last = r.span.end;
            assert!(
                doc.text.is_char_boundary(r.span.start) && doc.text.is_char_boundary(r.span.end)
            );
            let tw =
                display_width(&doc.text[r.span.clone()]) + r.prefix.width() + r.indent as usize;
            // Only a lone wide character may overflow a column too narrow for it.
            let one_grapheme = doc.text[r.span.clone()]
                .graphemes(true)
                .filter(|g| grapheme_width(g) > 0)
                .count()
                <= 1;
            assert!(
                tw <= w.max(r.prefix.width() + r.indent as usize + 1) || one_grapheme,
                "row {:?} is {tw} wide",
                r
            );
        }
        // Every non-space byte of every block is in some row.
        for b in &doc.blocks {
            for (i, c) in doc.text[b.span.clone()].char_indices() {
                if c == ' ' || c == '\n' {
                    continue;
                }
                let at = b.span.start + i;
                let p = l.pos_of(doc, at);
                let r = l.row(p).expect("row");
                assert!(
                    r.span.contains(&at)
                        || doc.text[b.span.start..at]
                            .trim_start_matches(['-', '*', '•'])
                            .trim()
                            .is_empty(),
                    "byte {at} not shown"
                );
            }
        }
    }

    #[test]
    fn rows_fit_and_cover_the_text() {
        let text = "Title here\n\nA paragraph with\nhard wraps and 漢字漢字 and 👩‍🔬 emoji and e\u{301} marks.\n\n- a list item that is long enough to wrap onto more than one row of text\n\nsupercalifragilisticexpialidocious-supercalifragilisticexpialidocious";
        let doc = plain::parse("t.txt", text);
        for w in [1, 2, 5, 10, 17, 40, 200] {
            check(&doc, w);
        }
    }

    #[test]
    fn lazy_layout_equals_full_layout() {
        let text = "One.\n\nTwo two two two two two two.\n\nThree three three.".repeat(50);
        let doc = plain::parse("t.txt", &text);
        let full = WrappedLayout::full(&doc, 12, Settings::default());
        let mut lazy = WrappedLayout::new(12, Settings::default());
        let end = lazy.end(&doc);
        let (p, moved) = lazy.advance(&doc, end, -10);
        assert_eq!(moved, 10);
        assert!(!lazy.is_complete(&doc));
        assert_eq!(lazy.rows_from(p).count(), 11);
        let mid = lazy.pos_of(&doc, text.len() / 2);
        let (back, _) = lazy.advance(&doc, mid, -7);
        assert_eq!(lazy.advance(&doc, back, 7), (mid, 7));
        lazy.complete(&doc);
        assert_eq!(full, lazy);
        let n = full.rows().count();
        let mut l = full.clone();
        assert_eq!(l.advance(&doc, Pos::default(), isize::MAX / 2).1, n - 1);
        let end = l.end(&doc);
        assert_eq!(
            l.advance(&doc, end, -(n as isize) - 5),
            (Pos::default(), n - 1)
        );
    }

    #[test]
    fn list_marker_becomes_bullet_with_hanging_rows() {
        let doc = plain::parse("t.txt", "Intro.\n\n- alpha beta gamma delta");
        let l = WrappedLayout::full(&doc, 12, Settings::default());
        let items: Vec<_> = l
            .rows()
            .filter(|r| r.block == 1 && !r.span.is_empty())
            .collect();
        assert_eq!(items[0].prefix, Prefix::Bullet);
        assert!(doc.text[items[0].span.clone()].starts_with("alpha"));
        assert!(items.len() > 1);
        assert_eq!(items[1].prefix, Prefix::Hang(2));
    }

    #[test]
    fn narrow_screens_still_have_an_article() {
        for (w, h) in [(60, 20), (80, 24), (120, 40), (20, 5)] {
            let p = Panes::compute(Rect::new(0, 0, w, h), false, Panel::Claims, false, 80);
            assert!(!p.article.is_empty(), "{w}x{h}");
            assert_eq!(p.status.height, 1);
        }
    }

    #[test]
    fn wide_screens_give_the_panels_what_the_measure_leaves() {
        let p = Panes::compute(Rect::new(0, 0, 200, 50), false, Panel::Claims, false, 80);
        assert_eq!(p.article.width, 80 + ARTICLE_CHROME);
        assert_eq!(p.claims.width, 200 - 80 - ARTICLE_CHROME);
        let p = Panes::compute(Rect::new(0, 0, 120, 40), false, Panel::Claims, false, 80);
        assert_eq!(p.claims.width, 40, "a third on middling screens");
    }

    /// Regression: advancing exactly to the start of a block left it unlaid, and the
    /// rows from there showed nothing.
    #[test]
    fn advancing_onto_a_new_block_lays_it_out() {
        let doc = plain::parse("t.txt", "One two.\n\nThree four.\n\nFive six.");
        let mut l = WrappedLayout::new(40, Settings::default());
        let first = l.block(&doc, 0).len();
        let (p, moved) = l.advance(&doc, Pos::default(), first as isize);
        assert_eq!((p, moved), (Pos { block: 1, row: 0 }, first));
        assert!(l.rows_from(p).next().is_some_and(|r| r.block == 1));
    }

    #[test]
    fn words_wrap_greedily_by_display_width() {
        assert_eq!(
            wrap_words("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap_words("漢字漢字 ab", 4), vec!["漢字", "漢字", "ab"]);
        assert_eq!(wrap_words("", 5), Vec::<&str>::new());
        assert_eq!(first_line("alpha beta gamma", 11), ("alpha beta", "gamma"));
        assert_eq!(first_line("alpha", 3), ("alp", "ha"));
    }

    /// Regression: textwrap's default penalties let a row overflow by one column.
    #[test]
    fn optimal_fit_never_overflows() {
        let t = "- wordword👩\u{200d}🔬supercalifragilistic👩\u{200d}🔬한👩\u{200d}🔬한 word漢字";
        check(&plain::parse("t.txt", t), 45);
    }

    /// Regression: a zero-width character before a wide one at width 1.
    #[test]
    fn zero_width_stays_with_its_neighbour() {
        check(&plain::parse("t.txt", "\u{200b}漢字"), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 200,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Rows fit, keep text order, sit on char boundaries and cover every visible
        /// character; a layout built lazily from anywhere equals the full one.
        #[test]
        fn layout_properties(
            paras in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "word", "a", "漢字", "👩\u{200d}🔬", "e\u{301}", "한", "\u{1100}\u{1161}",
                        " ", " ", "\n", "supercalifragilistic", "—", "\u{200b}", "- ", "\t",
                    ]),
                    1..40,
                ),
                1..6,
            ),
            width in 1u16..60,
            at in 0usize..1000,
        ) {
            let text: Vec<String> = paras.iter().map(|p| p.concat()).collect();
            let doc = plain::parse("p.txt", &text.join("\n\n"));
            check(&doc, width);
            let full = WrappedLayout::full(&doc, width, Settings::default());
            let mut lazy = WrappedLayout::new(width, Settings::default());
            let p = lazy.pos_of(&doc, at.min(doc.text.len()));
            let (back, n) = lazy.advance(&doc, p, -3);
            proptest::prop_assert_eq!(lazy.advance(&doc, back, n as isize), (p, n));
            lazy.complete(&doc);
            proptest::prop_assert_eq!(full, lazy);
        }
    }
}
