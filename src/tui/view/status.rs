//! The status line: document name, position, claim k/n, search, progress, then a message
//! or the key hints of the focused pane (from the key map).

use super::{put, put_trunc, spinner};
use crate::tui::action::Action;
use crate::tui::keymap::Section;
use crate::tui::layout::display_width;
use crate::tui::state::{Mode, State};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The status line.
pub struct StatusView<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl Widget for StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        if area.is_empty() {
            return;
        }
        buf.set_style(area, t.status);
        let w = area.width as usize;
        let end = area.right();
        if let Mode::Search { input } = &s.mode {
            let x = put(buf, area.x, area.y, "/", 1, t.key);
            let x = put_trunc(buf, x, area.y, input, w.saturating_sub(2), t.status);
            if x < end {
                put(buf, x, area.y, "▏", 1, t.key);
            }
            return;
        }
        let mut x = area.x + 1;
        let name = status_name(&s.doc);
        x = put_trunc(buf, x, area.y, &name, (w / 4).max(8), t.key) + 2;
        if !s.partial {
            x = put(buf, x, area.y, &format!("{}%", s.percent()), 4, t.status) + 2;
        }
        if s.analysis.is_some() && !s.visible_claims.is_empty() {
            let k = s
                .claims
                .selected
                .map_or("-".to_string(), |i| (i + 1).to_string());
            x = put(
                buf,
                x,
                area.y,
                &format!("claim {k}/{}", s.visible_claims.len()),
                16,
                t.status,
            ) + 2;
        }
        if let Some(i) = s.search.current {
            let m = format!("match {}/{}", i + 1, s.search.matches.len());
            x = put(buf, x, area.y, &m, 20, t.status) + 2;
        }
        if s.analyzing || s.loading.is_some() || s.partial || s.saving.is_some() {
            let what = if s.loading.is_some() || s.partial {
                "loading"
            } else if s.analyzing {
                "analysing"
            } else {
                "saving notes"
            };
            x = put(
                buf,
                x,
                area.y,
                &format!("{} {what}", spinner(s.tick)),
                14,
                t.dim,
            ) + 2;
        }
        if let Some(sel) = s.mode.visual() {
            let n = sel.len();
            let what = if n == 1 {
                "1 sentence".to_string()
            } else {
                format!("{n} sentences")
            };
            x = put(buf, x, area.y, &what, 14, t.key) + 2;
        }
        if x >= end {
            return;
        }
        let room = (end - x) as usize;
        if matches!(s.mode, Mode::StatusMenu { .. }) {
            let hint = "1-6, j/k Enter: set · Esc: cancel";
            put_trunc(buf, x, area.y, hint, room, t.dim);
            return;
        }
        if let Some(msg) = &s.status {
            put_trunc(
                buf,
                x,
                area.y,
                &msg.text,
                room,
                if msg.warning { t.warning } else { t.status },
            );
            return;
        }
        let section = match s.mode {
            Mode::Visual(_) => Section::Visual,
            Mode::Notes => Section::Notes,
            Mode::Note(_) => Section::NoteEditor,
            _ => s.focus.section(),
        };
        let hints = s.keymap.hints(section);
        // The help hint is the last to go: the others give way to it, left to right.
        let help = s.keymap.key_for(section, &Action::Help).or_else(|| {
            (section != Section::Help && !modal(section))
                .then(|| s.keymap.key_for(Section::Global, &Action::Help))
                .flatten()
        });
        let is_help = |(k, _): &&(String, &str)| Some(k) == help.as_ref();
        let width = |i: usize, (k, d): &(String, &str)| {
            display_width(k) + 1 + display_width(d) + if i > 0 { 3 } else { 0 }
        };
        let last = hints.iter().find(is_help);
        let reserve = last.map_or(0, |h| width(1, h));
        let mut shown = 0;
        for h in hints.iter().filter(|h| !is_help(h)) {
            if x as usize + width(shown, h) + reserve > end as usize {
                break;
            }
            x = hint(buf, x, area.y, shown, h, t);
            shown += 1;
        }
        if let Some(h) = last {
            if x as usize + width(shown, h) <= end as usize {
                hint(buf, x, area.y, shown, h, t);
            }
        }
    }
}

/// What the status line calls the document: its display name (a page's title or site,
/// else the file name); a page with neither is named with its folder too, since saved
/// pages are often all `index.html` or `source.html`.
pub fn status_name(doc: &crate::document::Document) -> String {
    let name = doc.display_name();
    let bare = doc.format == crate::document::Format::Html
        && doc.title.is_none()
        && doc.site.is_none()
        && !doc.source.contains("://");
    let mut parts = doc.source.trim_end_matches('/').rsplit('/');
    match (bare, parts.next(), parts.next()) {
        (true, Some(file), Some(dir)) if !dir.is_empty() && dir != "." => format!("{dir}/{file}"),
        _ => name,
    }
}

/// Whether `s` is a modal section (its hints stand alone, without [global]'s).
fn modal(s: Section) -> bool {
    matches!(
        s,
        Section::Visual | Section::Notes | Section::NoteEditor | Section::Search | Section::Help
    )
}

/// Draw hint `i` (`key desc`, after a separator unless first); the column after it.
fn hint(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    i: usize,
    (key, desc): &(String, &str),
    t: &Theme,
) -> u16 {
    let mut x = x;
    if i > 0 {
        x = put(buf, x, y, " · ", 3, t.dim);
    }
    x = put(buf, x, y, key, 10, t.key) + 1;
    put(buf, x, y, desc, 40, t.dim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};

    #[test]
    fn untitled_pages_are_named_with_their_folder() {
        let page = |src: &str| Document::new(src, Format::Html, String::new(), Vec::new());
        assert_eq!(
            status_name(&page("/saved/dev-7/source.html")),
            "dev-7/source.html"
        );
        assert_eq!(status_name(&page("source.html")), "source.html");
        let mut titled = page("/saved/dev-7/source.html");
        titled.title = Some("A page title".into());
        assert_eq!(status_name(&titled), "A page title");
        let text = Document::new("/notes/a.txt", Format::Plain, String::new(), Vec::new());
        assert_eq!(status_name(&text), "a.txt");
    }
}
