//! The document bar: one row naming every open document (its number, for `Alt-1`…, and
//! its title or site), the current one highlighted, one still loading marked, one that
//! failed to load shown with its one-line error. When the tabs do not fit, the bar
//! scrolls to keep the current one in sight, with `‹`/`›` for the hidden ones.

use super::put_trunc;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// How a document in the bar stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabState<'a> {
    /// Still loading or being analysed.
    Loading,
    /// Here.
    Ready,
    /// Could not be loaded: the one-line reason.
    Failed(&'a str),
}

/// One document in the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tab<'a> {
    /// Its title, site or file name.
    pub title: &'a str,
    /// How it stands.
    pub state: TabState<'a>,
}

/// The document bar.
pub struct DocBar<'a> {
    /// The documents, in the order given.
    pub tabs: &'a [Tab<'a>],
    /// The current one.
    pub current: usize,
    /// Styles.
    pub theme: &'a Theme,
}

/// The widest a tab gets, and the narrowest before the bar scrolls.
const MAX_TAB: usize = 28;
const MIN_TAB: usize = 12;

impl Widget for DocBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        if area.is_empty() || self.tabs.is_empty() {
            return;
        }
        buf.set_style(area, t.status);
        let w = area.width as usize;
        let n = self.tabs.len();
        // Each tab: " 3 title " then a separator; all the same width, as wide as lets
        // every tab fit (with the scroll marks' two columns) when they can.
        let tab_w = (w.saturating_sub(2) / n)
            .saturating_sub(1)
            .clamp(MIN_TAB, MAX_TAB)
            .min(w);
        let shown = (w.saturating_sub(2) / (tab_w + 1)).max(1).min(n);
        let current = self.current.min(n - 1);
        let first = current.saturating_sub(shown - 1).min(n - shown);
        let mut x = area.x;
        if first > 0 {
            x = super::put(buf, x, area.y, "‹", 1, t.dim);
        } else {
            x += 1;
        }
        for (i, tab) in self.tabs.iter().enumerate().skip(first).take(shown) {
            let style = if i == current { t.selected } else { t.status };
            let label = match tab.state {
                TabState::Loading => format!("{} … {}", i + 1, tab.title),
                TabState::Ready => format!("{} {}", i + 1, tab.title),
                TabState::Failed(e) => format!("{} ✗ {}: {e}", i + 1, tab.title),
            };
            let style = match tab.state {
                TabState::Failed(_) if i != current => t.warning,
                _ => style,
            };
            let cell = Rect::new(x, area.y, tab_w as u16, 1).intersection(area);
            buf.set_style(cell, style);
            put_trunc(buf, x + 1, area.y, &label, tab_w.saturating_sub(2), style);
            x += tab_w as u16;
            if i + 1 < first + shown {
                x = super::put(buf, x, area.y, "│", 1, t.dim);
            }
        }
        if first + shown < n && x < area.right() {
            let end = area.right() - 1;
            super::put(buf, end, area.y, "›", 1, t.dim);
        }
    }
}
