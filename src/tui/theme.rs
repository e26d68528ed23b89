//! Semantic styles. Views ask for a role (`claim`, `actor`, `border_focused`…), never for a
//! colour; only this module names colours. [`Theme::no_color`] uses bold, underline and
//! reverse only (for `NO_COLOR`), and still tells claims, the selected claim, actor
//! mentions and dates apart.

use crate::notes::Status;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

/// The styles of the reader, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// The document title.
    pub title: Style,
    /// Headings.
    pub heading: Style,
    /// Block prefixes: bullets, numbers, the quote bar.
    pub prefix: Style,
    /// Preformatted text.
    pub code: Style,
    /// Emphasised text.
    pub emphasis: Style,
    /// Strong text.
    pub strong: Style,
    /// Link text.
    pub link: Style,
    /// A check-worthy claim.
    pub claim: Style,
    /// The selected claim.
    pub claim_selected: Style,
    /// A mention of an actor.
    pub actor: Style,
    /// A mention of the selected actor.
    pub actor_selected: Style,
    /// A time expression.
    pub date: Style,
    /// A search match.
    pub search: Style,
    /// The current search match.
    pub search_current: Style,
    /// Borders of unfocused panes.
    pub border: Style,
    /// Borders of the focused pane.
    pub border_focused: Style,
    /// The selected row of the focused panel.
    pub selected: Style,
    /// The selected row of an unfocused panel.
    pub selected_unfocused: Style,
    /// Secondary text (kinds, counts, dates in panels).
    pub dim: Style,
    /// The status line.
    pub status: Style,
    /// Keys in the status line and the help overlay.
    pub key: Style,
    /// Warnings and errors in the status line.
    pub warning: Style,
    /// A passage highlighted by the reader.
    pub highlight: Style,
    /// The passage being selected (visual mode).
    pub visual: Style,
    /// The note widgets' styles (editor, notes list, status menu, badges).
    pub notes: NotesTheme,
}

impl Theme {
    /// The theme to use: [`Theme::no_color`] when `NO_COLOR` is set to a non-empty value.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::no_color(),
            _ => Theme::color(),
        }
    }

    /// The default colour theme (16-colour palette, so it follows the terminal's scheme).
    pub fn color() -> Self {
        let s = Style::new();
        Theme {
            text: s,
            title: s.add_modifier(Modifier::BOLD),
            heading: s.add_modifier(Modifier::BOLD).fg(Color::Blue),
            prefix: s.fg(Color::DarkGray),
            code: s.fg(Color::Green),
            emphasis: s.add_modifier(Modifier::ITALIC),
            strong: s.add_modifier(Modifier::BOLD),
            link: s.add_modifier(Modifier::UNDERLINED),
            claim: s.fg(Color::Yellow),
            claim_selected: s.fg(Color::Black).bg(Color::Yellow),
            actor: s.fg(Color::Cyan),
            actor_selected: s
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            date: s.fg(Color::Magenta),
            search: s.fg(Color::White).bg(Color::Blue),
            search_current: s
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            border: s.fg(Color::DarkGray),
            border_focused: s.fg(Color::Cyan),
            selected: s.add_modifier(Modifier::REVERSED),
            selected_unfocused: s.add_modifier(Modifier::BOLD).bg(Color::DarkGray),
            dim: s.fg(Color::DarkGray),
            status: s,
            key: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            warning: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            highlight: s.bg(Color::Blue).fg(Color::White),
            visual: s.bg(Color::LightBlue).fg(Color::Black),
            notes: NotesTheme::default(),
        }
    }

    /// A theme using only bold, underline and reverse.
    pub fn no_color() -> Self {
        let s = Style::new();
        let b = Modifier::BOLD;
        let u = Modifier::UNDERLINED;
        let r = Modifier::REVERSED;
        Theme {
            text: s,
            title: s.add_modifier(b),
            heading: s.add_modifier(b),
            prefix: s,
            code: s,
            emphasis: s.add_modifier(u),
            strong: s.add_modifier(b),
            link: s.add_modifier(u),
            claim: s.add_modifier(u),
            claim_selected: s.add_modifier(r),
            actor: s.add_modifier(b),
            actor_selected: s.add_modifier(b | r),
            date: s.add_modifier(b | u),
            search: s.add_modifier(r),
            search_current: s.add_modifier(r | b | u),
            border: s,
            border_focused: s.add_modifier(b),
            selected: s.add_modifier(r),
            selected_unfocused: s.add_modifier(u),
            dim: s,
            status: s,
            key: s.add_modifier(b),
            warning: s.add_modifier(b | r),
            highlight: s.add_modifier(u | r),
            visual: s.add_modifier(r),
            notes: NotesTheme::no_color(),
        }
    }

    /// A bordered pane block, styled for focus.
    pub fn block(&self, focused: bool) -> Block<'static> {
        let (style, kind) = if focused {
            (self.border_focused, BorderType::Thick)
        } else {
            (self.border, BorderType::Plain)
        };
        Block::new()
            .borders(Borders::ALL)
            .border_type(kind)
            .border_style(style)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_roles_are_distinct() {
        let t = Theme::no_color();
        let roles = [t.text, t.claim, t.claim_selected, t.actor, t.date];
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                assert_ne!(a, b);
            }
            assert_eq!(a.fg, None);
            assert_eq!(a.bg, None);
        }
    }

    #[test]
    fn badge_styles_follow_status_order() {
        let t = NotesTheme::default();
        assert_eq!(t.badge(Status::False), t.status[4]);
    }
}
