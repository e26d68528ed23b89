//! The look shared by the note widgets ([`super::editor`], [`super::notes_view`],
//! [`super::status_menu`]) and the small text helpers they use.
//!
//! Widgets never name a colour: the reader maps its own theme onto a [`NotesTheme`] of
//! semantic roles; the colours here are only the [`Default`] and the NO_COLOR variant
//! ([`NotesTheme::no_color`]: bold, underline and reverse only).

use super::layout::grapheme_width;
use crate::notes::Status;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;

/// Styles of the note widgets, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotesTheme {
    /// Popup and list borders.
    pub border: Style,
    /// Popup titles and section headers.
    pub title: Style,
    /// Note text.
    pub text: Style,
    /// Secondary text: key hints, placeholders, quotes.
    pub muted: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// Orphaned entries and their section header.
    pub orphan: Style,
    /// The note mark (`✎`).
    pub note_mark: Style,
    /// Status badges, in [`Status::ALL`] order.
    pub status: [Style; 6],
}

impl NotesTheme {
    /// A theme without colour (for `NO_COLOR`): bold, underline and reverse only.
    pub fn no_color() -> NotesTheme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        NotesTheme {
            border: plain,
            title: bold,
            text: plain,
            muted: plain,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            orphan: Style::new().add_modifier(Modifier::UNDERLINED),
            note_mark: bold,
            status: [plain, bold, bold, bold, bold, plain],
        }
    }

    /// The style of `status`'s badge.
    pub fn badge(&self, status: Status) -> Style {
        let i = Status::ALL.iter().position(|&s| s == status).unwrap_or(0);
        self.status[i]
    }
}

impl Default for NotesTheme {
    fn default() -> NotesTheme {
        let fg = |c| Style::new().fg(c);
        NotesTheme {
            border: fg(Color::Cyan),
            title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: fg(Color::DarkGray),
            // A foreground too: muted text on a grey background would vanish.
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            orphan: fg(Color::Magenta),
            note_mark: fg(Color::Yellow),
            status: [
                fg(Color::Gray),
                fg(Color::Yellow).add_modifier(Modifier::BOLD),
                fg(Color::Green).add_modifier(Modifier::BOLD),
                fg(Color::LightRed).add_modifier(Modifier::BOLD),
                fg(Color::Red).add_modifier(Modifier::BOLD),
                fg(Color::DarkGray),
            ],
        }
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

/// Display width of `s` in terminal cells, grapheme by grapheme (as ratatui's buffer
/// measures it).
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// `s` on one line fitting in `max` cells: runs of whitespace (newlines included)
/// become one space, control characters are dropped, and a cut is marked with `…`.
///
/// ```
/// use lede::tui::notes_theme::one_line;
/// assert_eq!(one_line("a\n  b", 10), "a b");
/// assert_eq!(one_line("日本語のテキスト", 7), "日本語…");
/// assert_eq!(one_line("👩‍👩‍👧 family", 5), "👩‍👩‍👧 f…");
/// ```
pub fn one_line(s: &str, max: usize) -> String {
    let mut flat = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !flat.is_empty() {
            flat.push(' ');
        }
        flat.extend(word.chars().filter(|c| !c.is_control()));
    }
    if width(&flat) <= max {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for g in flat.graphemes(true) {
        let w = grapheme_width(g);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_never_exceeds_width() {
        for s in [
            "",
            "abc",
            "a b c d e f",
            "日本語のテキスト",
            "é\u{301}x",
            "🇫🇷🇩🇪🇮🇹",
        ] {
            for max in 0..12 {
                let got = one_line(s, max);
                assert!(width(&got) <= max, "{s:?} {max} -> {got:?}");
            }
        }
    }

    #[test]
    fn centered_is_clamped() {
        let r = centered(Rect::new(0, 0, 10, 5), 20, 3);
        assert_eq!(r, Rect::new(0, 1, 10, 3));
    }

    #[test]
    fn badge_styles_follow_status_order() {
        let t = NotesTheme::default();
        assert_eq!(t.badge(Status::False), t.status[4]);
    }
}
