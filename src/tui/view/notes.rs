//! The notes list as a popup over the reader ([`NotesView`] in a bordered block), with
//! the selected entry shown whole under the list: its passage and its whole note.

use super::marks::NOTE_MARK;
use super::{put, put_lines};
use crate::tui::layout::{centered, wrap_words};
use crate::tui::state::State;
use crate::tui::view::notes_list::NotesView;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

/// The notes list popup.
pub struct NotesPopup<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl NotesPopup<'_> {
    /// Where the popup goes in `area`.
    pub fn area(area: Rect) -> Rect {
        let w = area.width.saturating_sub(4).clamp(area.width.min(30), 100);
        let h = area.height.saturating_sub(2).max(area.height.min(5));
        centered(area, w, h)
    }

    /// Inside the popup at `area` (see [`NotesPopup::area`]): the list's rect and the
    /// detail's (its separator included; empty when there is no room or no entry). The
    /// detail takes what the selected entry needs, at most half the popup.
    pub fn parts(state: &State, area: Rect) -> (Rect, Rect) {
        let r = Self::area(area);
        let inner = state.theme.block(true).inner(r);
        let lines = detail_lines(state, inner.width.saturating_sub(2) as usize).len();
        let detail = if inner.height >= 6 && lines > 0 {
            (lines as u16 + 1).min(inner.height / 2)
        } else {
            0
        };
        let list = Rect {
            height: inner.height - detail,
            ..inner
        };
        let d = Rect {
            y: list.bottom(),
            height: detail,
            ..inner
        };
        (list, d)
    }
}

/// The selected entry whole at `width` columns: its passage in quotes, then its note,
/// line by line.
pub fn detail_lines(state: &State, width: usize) -> Vec<String> {
    let Some(e) = state.notes_list.selected_entry(&state.notes) else {
        return Vec::new();
    };
    let width = width.max(1);
    let quote = format!(
        "“{}”",
        e.anchor
            .exact
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut out: Vec<String> = wrap_words(&quote, width)
        .into_iter()
        .map(str::to_string)
        .collect();
    for (k, line) in e.note.trim().lines().enumerate() {
        let line = if k == 0 {
            format!("{NOTE_MARK} {line}")
        } else {
            format!("  {line}")
        };
        out.extend(wrap_words(&line, width).into_iter().map(str::to_string));
    }
    out
}

impl Widget for NotesPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        let r = Self::area(area);
        if r.width < 10 || r.height < 3 {
            return;
        }
        Clear.render(r, buf);
        let n = s.notes.len();
        let title = format!(" Notes {n} ");
        t.block(true)
            .title(Line::styled(title, t.title))
            .render(r, buf);
        let (list, d) = Self::parts(s, area);
        NotesView::new(&s.notes, &s.notes_list, &t.notes)
            .listed(&s.visible_claims)
            .render(list, buf);
        if d.height < 2 {
            return;
        }
        let w = d.width as usize;
        put(buf, d.x, d.y, &"╌".repeat(w), w, t.dim);
        let lines = detail_lines(s, w.saturating_sub(2));
        let text = Rect::new(d.x + 1, d.y + 1, d.width.saturating_sub(2), d.height - 1);
        put_lines(buf, text, &lines, d.right() - 1, t.text, t.dim);
    }
}
