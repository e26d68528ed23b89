//! The notes list as a popup over the reader ([`NotesView`] in a bordered block).

use crate::tui::notes_theme::centered;
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
        let block = t.block(true).title(Line::styled(title, t.title));
        NotesView::new(&s.notes, &s.notes_list, &t.notes)
            .block(block)
            .render(r, buf);
    }
}
