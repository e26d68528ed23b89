//! Screen geometry and the wrapped-article cache.
//!
//! [`WrappedLayout`] holds the article reflowed to one width: a list of [`Row`]s, each a
//! byte range into the document text, so that any span (claim, mention, search match)
//! maps to rows by binary search. It is keyed by `(width, settings)` and rebuilt when
//! either changes. It is built lazily, block by block: the first screen of a book needs
//! only its first blocks; the event loop extends the rest while idle.
//!
//! Invariants: rows are in text order; a row never spans two blocks; its text, with `\n`
//! shown as a space, is at most `width` columns wide (measured by [`display_width`],
//! the renderer's own measure).

use crate::document::{BlockKind, Document};
use ratatui::layout::Rect;
use std::ops::Range;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Width in terminal columns of `s` as ratatui's buffer draws it: grapheme by grapheme,
/// control characters take no room, except `\n` which the reader shows as one space.
///
/// ```
/// use lede::tui::layout::display_width;
/// assert_eq!(display_width("abc"), 3);
/// assert_eq!(display_width("漢字"), 4);
/// assert_eq!(display_width("a\nb"), 3);
/// assert_eq!(display_width("e\u{301}"), 1);
/// assert_eq!(display_width("👩‍🔬"), 2);
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

fn grapheme_width(g: &str) -> usize {
    if g == "\n" {
        1
    } else if g.contains(char::is_control) {
        0
    } else {
        g.width()
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
    /// Blank columns aligning a list item's later rows under its text.
    Hang(u8),
}

impl Prefix {
    /// Its width in columns.
    pub fn width(self) -> usize {
        match self {
            Prefix::None => 0,
            Prefix::Bullet | Prefix::Quote => 2,
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

/// The article reflowed to one width (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct WrappedLayout {
    /// The text column's width.
    pub width: u16,
    /// The settings it was built with.
    pub settings: Settings,
    /// Rows laid out so far, in text order.
    pub rows: Vec<Row>,
    next_block: usize,
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
            rows: Vec::new(),
            next_block: 0,
        }
    }

    /// A layout of the whole document.
    pub fn full(doc: &Document, width: u16, settings: Settings) -> Self {
        let mut l = WrappedLayout::new(width, settings);
        l.extend(doc, usize::MAX);
        l
    }

    /// Whether every block has been laid out.
    pub fn is_complete(&self, doc: &Document) -> bool {
        self.next_block >= doc.blocks.len()
    }

    /// Lay out up to `max_blocks` more blocks.
    pub fn extend(&mut self, doc: &Document, max_blocks: usize) {
        let mut frags = Vec::new();
        let end = doc
            .blocks
            .len()
            .min(self.next_block.saturating_add(max_blocks));
        for i in self.next_block..end {
            if i > 0 {
                let prev = doc.blocks[i - 1].span.end;
                self.rows.push(Row {
                    span: prev..prev,
                    block: (i - 1) as u32,
                    indent: 0,
                    prefix: Prefix::None,
                });
            }
            self.layout_block(doc, i, &mut frags);
        }
        self.next_block = end;
    }

    /// Lay out blocks until there are at least `n` rows (or the document ends).
    pub fn ensure_rows(&mut self, doc: &Document, n: usize) {
        while self.rows.len() < n && !self.is_complete(doc) {
            self.extend(doc, 64);
        }
    }

    /// Lay out blocks until the one holding byte `offset` is done.
    pub fn ensure_offset(&mut self, doc: &Document, offset: usize) {
        while !self.is_complete(doc) && self.rows.last().is_none_or(|r| r.span.end < offset) {
            self.extend(doc, 64);
        }
    }

    /// Lay out everything.
    pub fn complete(&mut self, doc: &Document) {
        self.extend(doc, usize::MAX);
    }

    /// The row showing byte `offset` (the last row starting at or before it), among the
    /// rows laid out so far.
    pub fn row_of(&self, offset: usize) -> usize {
        self.rows
            .partition_point(|r| r.span.start <= offset)
            .saturating_sub(1)
    }

    fn layout_block(&mut self, doc: &Document, index: usize, frags: &mut Vec<Frag>) {
        let block = &doc.blocks[index];
        let mut span = block.span.clone();
        let width = self.width.min(self.settings.measure).max(1) as usize;
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
            _ => (0, Prefix::None, Prefix::None),
        };
        let avail = width.saturating_sub(indent as usize + first.width()).max(1);
        let push = |rows: &mut Vec<Row>, range: Range<usize>| {
            let prefix = if rows
                .last()
                .is_some_and(|r| r.block == index as u32 && !r.span.is_empty())
            {
                rest
            } else {
                first
            };
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
                    push(&mut self.rows, start..start);
                    continue;
                }
                for chunk in hard_break(&doc.text, start..start + line.len(), avail) {
                    push(&mut self.rows, chunk);
                }
            }
            return;
        }
        frags.clear();
        words(&doc.text, span, avail, frags);
        let lines = textwrap::wrap_algorithms::wrap_optimal_fit(
            frags,
            &[avail as f64],
            &textwrap::wrap_algorithms::Penalties::new(),
        )
        .unwrap_or_else(|_| textwrap::wrap_algorithms::wrap_first_fit(frags, &[avail as f64]));
        for line in lines {
            if let (Some(a), Some(b)) = (line.first(), line.last()) {
                push(&mut self.rows, a.start..b.end);
            }
        }
    }
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
        if w + gw > width && at > start {
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
    /// focus (on very small screens panels show only then).
    pub fn compute(area: Rect, zoom: bool, current: Panel, panel_focused: bool) -> Panes {
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
            let side = (main.width / 3).clamp(36, 56);
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
            let h = (main.height * 2 / 5).clamp(4, 12);
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

    fn check(doc: &Document, width: u16) {
        let l = WrappedLayout::full(doc, width, Settings::default());
        let w = width.min(80) as usize;
        let mut last = 0;
        for r in &l.rows {
            assert!(r.span.start >= last, "rows in order");
            last = r.span.end;
            assert!(
                doc.text.is_char_boundary(r.span.start) && doc.text.is_char_boundary(r.span.end)
            );
            let tw =
                display_width(&doc.text[r.span.clone()]) + r.prefix.width() + r.indent as usize;
            assert!(
                tw <= w.max(r.prefix.width() + r.indent as usize + 1),
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
                let r = &l.rows[l.row_of(at)];
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
        lazy.ensure_rows(&doc, 5);
        assert!(!lazy.is_complete(&doc));
        lazy.ensure_offset(&doc, text.len() / 2);
        lazy.complete(&doc);
        assert_eq!(full, lazy);
    }

    #[test]
    fn list_marker_becomes_bullet_with_hanging_rows() {
        let doc = plain::parse("t.txt", "Intro.\n\n- alpha beta gamma delta");
        let l = WrappedLayout::full(&doc, 12, Settings::default());
        let items: Vec<_> = l
            .rows
            .iter()
            .filter(|r| r.block == 1 && !r.span.is_empty())
            .collect();
        assert_eq!(items[0].prefix, Prefix::Bullet);
        assert_eq!(&doc.text[items[0].span.clone()], "alpha beta");
        assert_eq!(items[1].prefix, Prefix::Hang(2));
    }

    #[test]
    fn narrow_screens_still_have_an_article() {
        for (w, h) in [(60, 20), (80, 24), (120, 40), (20, 5)] {
            let p = Panes::compute(Rect::new(0, 0, w, h), false, Panel::Claims, false);
            assert!(!p.article.is_empty(), "{w}x{h}");
            assert_eq!(p.status.height, 1);
        }
    }
}
