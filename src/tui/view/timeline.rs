//! The timeline panel: events in time order, with their date or relative position.

use super::{panel_block, panel_title, put_trunc, render_rows};
use crate::tui::layout::Panel;
use crate::tui::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The timeline panel.
pub struct TimelineView<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        let block = panel_block(s, Panel::Timeline, panel_title(s, Panel::Timeline));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(a) = &s.analysis else {
            render_rows(s, Panel::Timeline, inner, buf, |_, _, _, _| {});
            return;
        };
        render_rows(s, Panel::Timeline, inner, buf, |i, r, buf, sel| {
            let e = &a.timeline[i];
            let style = |base| sel.unwrap_or(base);
            // The resolved date, else the expression as written ("hours after").
            let when = match (&e.value, e.timex.and_then(|k| a.timexes.get(k))) {
                (Some(v), _) => v.as_str(),
                (None, Some(x)) => &s.doc.text[x.span.clone()],
                (None, None) => "·",
            };
            let x = put_trunc(buf, r.x + 1, r.y, when, 10, style(t.date));
            let x = x.max(r.x + 12);
            put_trunc(
                buf,
                x,
                r.y,
                &e.text,
                r.right().saturating_sub(x) as usize,
                style(t.text),
            );
        });
    }
}
