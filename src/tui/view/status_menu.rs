//! The status menu popup: the six statuses, the current one highlighted
//! ([`crate::tui::state::status_menu::StatusMenu`] holds the state).

use crate::notes::Status;
use crate::tui::layout::centered;
use crate::tui::state::status_menu::StatusMenu;
use crate::tui::theme::NotesTheme;
use crate::tui::view::marks::{badge, BADGE_WIDTH};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// Draws a [`StatusMenu`] as a bordered popup centred in the area it is given (the
/// whole frame, typically); it clears what is under it.
pub struct StatusMenuWidget<'a> {
    menu: &'a StatusMenu,
    theme: &'a NotesTheme,
}

impl<'a> StatusMenuWidget<'a> {
    /// The widget for `menu`, drawn with `theme`.
    pub fn new(menu: &'a StatusMenu, theme: &'a NotesTheme) -> Self {
        StatusMenuWidget { menu, theme }
    }

    /// Where the popup goes inside `frame`.
    pub fn area(frame: Rect) -> Rect {
        centered(frame, 26, Status::ALL.len() as u16 + 2)
    }
}

impl Widget for &StatusMenuWidget<'_> {
    fn render(self, frame: Rect, buf: &mut Buffer) {
        let area = StatusMenuWidget::area(frame);
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_style(self.theme.border)
            .title(Span::styled(" Status ", self.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        for (i, &s) in Status::ALL.iter().enumerate().take(inner.height as usize) {
            let row = Rect {
                y: inner.y + i as u16,
                height: 1,
                ..inner
            };
            let line = Line::from(vec![
                Span::raw(format!("{} ", i + 1)),
                Span::styled(
                    format!("{:<w$}", badge(s), w = BADGE_WIDTH),
                    self.theme.badge(s),
                ),
                Span::raw(" "),
                Span::raw(s.label()),
            ]);
            line.render(row, buf);
            if i == self.menu.selected {
                buf.set_style(row, self.theme.selected);
            }
        }
    }
}

impl Widget for StatusMenuWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self).render(area, buf);
    }
}
