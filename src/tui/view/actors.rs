//! The actors panel: actors by prominence, with kind, first role and mention count.

use super::{panel_block, panel_title, put, put_trunc, render_rows};
use crate::tui::layout::{display_width, Panel};
use crate::tui::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// An actor's kind in a word.
pub fn kind_word(k: crate::analysis::Label) -> &'static str {
    use crate::analysis::Label;
    match k {
        Label::Person => "person",
        Label::Org => "org",
        Label::Place => "place",
        Label::Misc => "other",
    }
}

/// The actors panel.
pub struct ActorsView<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl Widget for ActorsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        let block = panel_block(s, Panel::Actors, panel_title(s, Panel::Actors));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(a) = &s.analysis else {
            render_rows(s, Panel::Actors, inner, buf, |_, _, _, _| {});
            return;
        };
        render_rows(s, Panel::Actors, inner, buf, |i, r, buf, sel| {
            let x_ = &a.actors[i];
            let style = |base| sel.unwrap_or(base);
            let w = r.width as usize;
            let count = format!("×{}", x_.mentions.len());
            let cw = display_width(&count);
            let name_w = w.saturating_sub(cw + 9).min(24.max(w / 2));
            let mut x = r.x + 1;
            x = put_trunc(buf, x, r.y, &x_.name, name_w, style(t.text)) + 1;
            x = put(buf, x, r.y, kind_word(x_.kind), 6, style(t.dim)) + 1;
            let right = r.right().saturating_sub(cw as u16 + 1);
            if let Some(role) = x_.roles.first() {
                if right > x + 1 {
                    put_trunc(buf, x, r.y, role, (right - x - 1) as usize, style(t.dim));
                }
            }
            put(buf, right, r.y, &count, cw, style(t.dim));
        });
    }
}
