//! The timeline panel: events in time order, with their date in words (or the
//! expression as written when it has no value).

use super::{panel_block, panel_title, put_trunc, render_rows};
use crate::analysis::{Analysis, TimelineEntry};
use crate::tui::layout::{display_width, Panel};
use crate::tui::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::borrow::Cow;

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
        // The date column fits the longest date on screen ("20 November 2019"), up to
        // two fifths of the panel.
        let offset = s.timeline.offset;
        let widest = a
            .timeline
            .iter()
            .skip(offset)
            .take(s.panel_page(Panel::Timeline))
            .map(|e| display_width(&when(s, a, e)))
            .max()
            .unwrap_or(0);
        let col = (widest as u16).clamp(4, (inner.width * 2 / 5).max(4));
        render_rows(s, Panel::Timeline, inner, buf, |i, r, buf, sel| {
            let e = &a.timeline[i];
            let style = |base| sel.unwrap_or(base);
            let when = when(s, a, e);
            let x = put_trunc(buf, r.x + 1, r.y, &when, col as usize, style(t.date));
            let x = x.max(r.x + col + 1) + 1;
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

/// When a timeline entry happened, for a reader: its resolved date, else the expression
/// as written ("hours after").
pub fn when<'a>(s: &'a State, a: &'a Analysis, e: &'a TimelineEntry) -> Cow<'a, str> {
    match (&e.value, e.timex.and_then(|k| a.timexes.get(k))) {
        (Some(v), _) => Cow::Owned(crate::export::when::timex_words(v)),
        (None, Some(x)) => Cow::Borrowed(s.doc.text.get(x.span.clone()).unwrap_or("·")),
        (None, None) => Cow::Borrowed("·"),
    }
}
