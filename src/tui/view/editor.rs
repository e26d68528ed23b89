//! The note editor popup: [`NoteEditorWidget`] draws a [`NoteEditor`] (the state, in
//! [`crate::tui::state::editor`]) and says where the terminal cursor goes; it only reads it.

use crate::tui::layout::centered;
use crate::tui::state::editor::{locate, wrap_rows, wrap_width, NoteEditor, HINTS};
use crate::tui::theme::NotesTheme;
use crate::tui::view::one_line;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use std::ops::Range;

/// Draws a [`NoteEditor`] as a popup centred in the area it is rendered in (the whole
/// frame, typically), clearing what is under it.
pub struct NoteEditorWidget<'a> {
    editor: &'a NoteEditor,
    title: &'a str,
    hints: &'a str,
    quote: Option<&'a str>,
    theme: &'a NotesTheme,
}

/// Where the parts of the popup go.
struct Parts {
    popup: Rect,
    quote: Option<Rect>,
    text: Rect,
}

impl<'a> NoteEditorWidget<'a> {
    /// The popup for `editor` titled `title` (e.g. "Note on claim 3"), with the default
    /// [`HINTS`].
    pub fn new(editor: &'a NoteEditor, title: &'a str, theme: &'a NotesTheme) -> Self {
        NoteEditorWidget {
            editor,
            title,
            hints: HINTS,
            quote: None,
            theme,
        }
    }

    /// Show the passage being annotated above the text, on one line.
    pub fn quote(mut self, quote: &'a str) -> Self {
        self.quote = Some(quote);
        self
    }

    /// Replace the key hints (e.g. from the keymap).
    pub fn hints(mut self, hints: &'a str) -> Self {
        self.hints = hints;
        self
    }

    /// The popup's rectangle inside `area`.
    pub fn popup_area(area: Rect) -> Rect {
        let w = area.width.saturating_sub(4).clamp(area.width.min(24), 76);
        let h = (area.height * 2 / 5).clamp(area.height.min(8), 14);
        centered(area, w, h)
    }

    fn parts(&self, area: Rect) -> Parts {
        let popup = Self::popup_area(area);
        let mut inner = Block::bordered().inner(popup);
        let quote = match self.quote {
            Some(_) if inner.height >= 3 => {
                let q = Rect { height: 1, ..inner };
                inner.y += 2;
                inner.height -= 2;
                Some(q)
            }
            _ => None,
        };
        Parts {
            popup,
            quote,
            text: inner,
        }
    }

    /// The rect the note's text is drawn in when the widget is rendered in `area`.
    pub fn text_area(&self, area: Rect) -> Rect {
        self.parts(area).text
    }

    /// Wrapped rows for a text area, and the row/column of the cursor.
    fn layout(&self, text: Rect) -> (Vec<Range<usize>>, usize, usize) {
        let rows = wrap_rows(self.editor.text(), wrap_width(text));
        let (row, col) = locate(self.editor.text(), &rows, self.editor.cursor());
        (rows, row, col)
    }

    /// Where the terminal cursor goes when the widget is rendered in `area`; `None` if
    /// the popup has no room for text.
    pub fn cursor_position(&self, area: Rect) -> Option<(u16, u16)> {
        let text = self.parts(area).text;
        if text.width == 0 || text.height == 0 {
            return None;
        }
        let (rows, row, col) = self.layout(text);
        let top = self.editor.top(rows.len(), row, text.height as usize);
        let x = text.x + (col as u16).min(text.width - 1);
        let y = text.y + (row - top) as u16;
        Some((x, y))
    }
}

impl Widget for &NoteEditorWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let parts = self.parts(area);
        let theme = self.theme;
        Clear.render(parts.popup, buf);
        Block::bordered()
            .border_style(theme.border)
            .title(Span::styled(format!(" {} ", self.title), theme.title))
            .title_bottom(
                Line::from(Span::styled(format!(" {} ", self.hints), theme.muted))
                    .alignment(Alignment::Right),
            )
            .render(parts.popup, buf);
        if let (Some(q), Some(r)) = (self.quote, parts.quote) {
            let shown = one_line(q, (r.width as usize).saturating_sub(2));
            buf.set_stringn(
                r.x,
                r.y,
                format!("“{shown}”"),
                r.width as usize,
                theme.muted,
            );
        }
        let text = parts.text;
        if text.width == 0 || text.height == 0 {
            return;
        }
        if self.editor.text().is_empty() {
            buf.set_stringn(
                text.x,
                text.y,
                "Write a note…",
                text.width as usize,
                theme.muted,
            );
            return;
        }
        let (rows, row, _) = self.layout(text);
        let top = self.editor.top(rows.len(), row, text.height as usize);
        for (y, r) in (text.y..text.bottom()).zip(&rows[top..]) {
            let s = &self.editor.text()[r.clone()];
            buf.set_stringn(text.x, y, s, text.width as usize, theme.text);
        }
    }
}

impl Widget for NoteEditorWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self).render(area, buf);
    }
}
