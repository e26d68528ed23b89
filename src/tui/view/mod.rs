//! Views: thin widgets that borrow the [`State`] and draw it. They read; they never
//! analyse, load or change anything. Styles come from the theme's roles.

pub mod actors;
pub mod article;
pub mod claims;
pub mod coverage;
pub mod detail;
pub mod docbar;
pub mod editor;
pub mod help;
pub mod marks;
pub mod notes;
pub mod notes_list;
pub mod status;
pub mod status_menu;
pub mod timeline;

use super::keymap::Section;
use super::layout::{display_width, grapheme_width, Panel};
use super::state::{ListState, Mode, NoteEdit, State};
use super::theme::Theme;
use crate::analysis::Genre;
use editor::NoteEditorWidget;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use status_menu::StatusMenuWidget;
use unicode_segmentation::UnicodeSegmentation;

/// The whole screen.
pub struct Screen<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        if area.width < 20 || area.height < 5 {
            put(
                buf,
                area.x,
                area.y,
                "lede: terminal too small",
                area.width as usize,
                s.theme.warning,
            );
            return;
        }
        if !s.panes.article.is_empty() {
            article::ArticleView { state: s }.render(s.panes.article, buf);
        }
        for p in Panel::ALL {
            let r = s.panes.panel(p);
            if r.is_empty() {
                continue;
            }
            match p {
                Panel::Claims => claims::ClaimsView { state: s }.render(r, buf),
                Panel::Actors => actors::ActorsView { state: s }.render(r, buf),
                Panel::Timeline => timeline::TimelineView { state: s }.render(r, buf),
            }
        }
        status::StatusView { state: s }.render(s.panes.status, buf);
        let above = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        match &s.mode {
            Mode::Help { scroll } => help::HelpView {
                state: s,
                scroll: *scroll,
            }
            .render(area, buf),
            Mode::Notes => notes::NotesPopup { state: s }.render(above, buf),
            Mode::Note(_) => {
                if let Some(w) = editor_widget(s) {
                    (&w.widget()).render(above, buf);
                }
            }
            Mode::StatusMenu { menu, .. } => {
                let w = StatusMenuWidget::new(menu, &s.theme.notes);
                w.render(StatusMenuWidget::area(above), buf);
            }
            Mode::Normal | Mode::Search { .. } | Mode::Visual(_) => {}
        }
    }
}

/// The parts of the note editor popup that outlive a borrow of the state.
pub struct EditorParts<'a> {
    edit: &'a NoteEdit,
    hints: String,
    theme: &'a crate::tui::theme::NotesTheme,
}

impl EditorParts<'_> {
    /// The widget.
    pub fn widget(&self) -> NoteEditorWidget<'_> {
        NoteEditorWidget::new(&self.edit.editor, &self.edit.title, self.theme)
            .quote(&self.edit.quote)
            .hints(&self.hints)
    }
}

/// The note editor of the state, with hints from the key map, if a note is being written.
pub fn editor_widget(s: &State) -> Option<EditorParts<'_>> {
    let edit = s.mode.editor()?;
    let hints = s
        .keymap
        .hints(Section::NoteEditor)
        .iter()
        .map(|(k, d)| format!("{k} {d}"))
        .collect::<Vec<_>>()
        .join(" · ");
    Some(EditorParts {
        edit,
        hints,
        theme: &s.theme.notes,
    })
}

/// The area the popups are drawn over: the screen above the status line.
pub fn popup_frame(s: &State) -> Rect {
    Rect {
        height: s.area.height.saturating_sub(1),
        ..s.area
    }
}

/// Draw `s` at (x, y), at most `max` columns, showing `\n` as a space and never writing
/// control characters. Returns the column after the text.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    let mut x = x;
    let end = (x as usize + max).min(buf.area.right() as usize) as u16;
    for (i, part) in s.split('\n').enumerate() {
        if i > 0 {
            if x >= end {
                break;
            }
            buf[(x, y)].set_symbol(" ").set_style(style);
            x += 1;
        }
        if x >= end {
            break;
        }
        x = buf.set_stringn(x, y, part, (end - x) as usize, style).0;
    }
    x
}

/// Draw `lines` one per row in `area` (each at most its width), as many as its height
/// holds; when some do not fit, the last row drawn ends with `…` (in `more`), at most in
/// column `last`.
pub fn put_lines(
    buf: &mut Buffer,
    area: Rect,
    lines: &[String],
    last: u16,
    style: Style,
    more: Style,
) {
    let rows = area.height as usize;
    for (k, line) in lines.iter().take(rows).enumerate() {
        let y = area.y + k as u16;
        let end = put(buf, area.x, y, line, area.width as usize, style);
        if k + 1 == rows && lines.len() > rows {
            put(buf, end.min(last), y, "…", 1, more);
        }
    }
}

/// Draw `s` in at most `max` columns, ending with `…` when it does not fit.
pub fn put_trunc(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    if max == 0 {
        return x;
    }
    if display_width(s) <= max {
        return put(buf, x, y, s, max, style);
    }
    // Cut at a grapheme boundary that leaves room for the ellipsis.
    let mut w = 0;
    let mut cut = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = display_width(g);
        if w + gw > max - 1 {
            break;
        }
        w += gw;
        cut = i + g.len();
    }
    let x = put(buf, x, y, &s[..cut], max - 1, style);
    put(buf, x, y, "…", 1, style)
}

/// `s` on one line fitting in `max` cells: runs of whitespace (newlines included)
/// become one space, control characters are dropped, and a cut is marked with `…`.
///
/// ```
/// use lede::tui::view::one_line;
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
    if display_width(&flat) <= max {
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

/// The block of a panel: its title, or tabs for every panel when they share one rect.
pub fn panel_block<'a>(state: &'a State, panel: Panel, title: String) -> Block<'a> {
    let t = &state.theme;
    let focused = state.focus.panel() == Some(panel);
    let block = t.block(focused);
    if !state.panes.tabbed() {
        return block.title(Line::from(vec![
            Span::raw(" "),
            Span::styled(title, t.title),
            Span::raw(" "),
        ]));
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, p) in Panel::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", t.dim));
        }
        let name = panel_title(state, *p);
        spans.push(if *p == panel {
            Span::styled(name, t.title)
        } else {
            Span::styled(name, t.dim)
        });
    }
    spans.push(Span::raw(" "));
    block.title(Line::from(spans))
}

/// A panel's name with its item count.
pub fn panel_title(state: &State, panel: Panel) -> String {
    let name = match panel {
        Panel::Claims => "Claims",
        Panel::Actors => "Actors",
        Panel::Timeline => "Timeline",
    };
    let Some(a) = &state.analysis else {
        return name.to_string();
    };
    let n = state.panel_len(panel);
    let title = match panel {
        Panel::Claims if state.claim_filter.is_none() && n < a.claims.len() => {
            format!("{name} {n} of {}", a.claims.len())
        }
        Panel::Claims if state.all_claims => format!("{name} {n}, all"),
        _ => format!("{name} {n}"),
    };
    // Why the reporter's plain narration is not listed.
    if panel == Panel::Claims && state.claim_filter.is_none() && a.genre == Genre::Report {
        format!("{title} · report")
    } else {
        title
    }
}

/// Draw the rows of a list panel inside `inner`, then the selected item whole in the
/// detail box under them (while the panel has focus), or, in a panel too low for the
/// box, open where it is listed ([`State::open_rows`]): `row(i, rect, buf,
/// selected_style)` draws item `i` in its [`State::item_rows`] rows. Only the visible
/// items are visited.
pub fn render_rows(
    state: &State,
    panel: Panel,
    inner: Rect,
    buf: &mut Buffer,
    mut row: impl FnMut(usize, Rect, &mut Buffer, Option<Style>),
) {
    let t: &Theme = &state.theme;
    let len = state.panel_len(panel);
    if state.analysis.is_none() {
        let msg = if state.analyzing || state.loading.is_some() {
            format!("{} analysing…", spinner(state.tick))
        } else {
            "no analysis".to_string()
        };
        put(buf, inner.x + 1, inner.y, &msg, inner.width as usize, t.dim);
        return;
    }
    if len == 0 {
        // Claims found but none above the threshold: say so, and how to see them.
        let found = state.analysis.as_ref().map_or(0, |a| a.claims.len());
        let msg = if panel == Panel::Claims && state.claim_filter.is_none() && found > 0 {
            format!("none check-worthy · c shows all {found}")
        } else {
            "none found".to_string()
        };
        put(buf, inner.x + 1, inner.y, &msg, inner.width as usize, t.dim);
        return;
    }
    let ListState { selected, offset } = *state.list(panel);
    let focused = state.focus.panel() == Some(panel);
    let list_h = (state.list_rows(panel) as u16).min(inner.height);
    let ih = state.item_rows(panel) as u16;
    let d = Rect {
        y: inner.y + list_h,
        height: inner.height - list_h,
        ..inner
    };
    detail::DetailView { state, panel }.render(d, buf);
    let open = state.open_rows(panel) as u16;
    let mut y = inner.y;
    for i in offset..len {
        let h = if open > 0 && selected == Some(i) {
            open
        } else {
            ih
        };
        if y + h > inner.y + list_h {
            break;
        }
        let r = Rect {
            y,
            height: h,
            ..inner
        };
        y += h;
        let sel = (selected == Some(i)).then_some(if focused {
            t.selected
        } else {
            t.selected_unfocused
        });
        if let Some(st) = sel {
            buf.set_style(r, st);
        }
        match sel {
            Some(st) if open > 0 => detail::render_open(state, panel, r, buf, st),
            _ => row(i, r, buf, sel),
        }
    }
}

/// The progress mark for tick `n`.
pub fn spinner(n: usize) -> &'static str {
    const FRAMES: [&str; 8] = ["⠋", "⠙", "⠸", "⠴", "⠦", "⠇", "⠏", "⠹"];
    FRAMES[n % FRAMES.len()]
}

/// Draw the whole screen into a frame (and place the cursor in the note editor).
pub fn draw(frame: &mut ratatui::Frame<'_>, state: &State) {
    draw_in(frame, state, frame.area());
}

/// Draw the reader into `area` of the frame (below the document bar, with several
/// documents open).
pub fn draw_in(frame: &mut ratatui::Frame<'_>, state: &State, area: Rect) {
    frame.render_widget(Screen { state }, area);
    {
        if let Some(parts) = editor_widget(state) {
            let area = popup_frame(state).intersection(area);
            if let Some((x, y)) = parts.widget().cursor_position(area) {
                frame.set_cursor_position((x, y));
            }
        }
    }
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
                assert!(display_width(&got) <= max, "{s:?} {max} -> {got:?}");
            }
        }
    }
}
