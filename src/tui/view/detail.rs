//! The detail box: the selected item of the focused panel shown whole (a claim with its
//! claimer, kind, status and note; an actor with its aliases and roles; a timeline event
//! with its date in words), under the panel's list, after a separator; or, in a panel
//! too low for a box, in the selected item's own rows ([`render_open`]).

use super::{put, put_lines};
use crate::notes::Status;
use crate::tui::layout::{wrap_words, Panel};
use crate::tui::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// The detail box of `panel`.
pub struct DetailView<'a> {
    /// What to draw.
    pub state: &'a State,
    /// Whose selected item.
    pub panel: Panel,
}

/// What the box says about the selected item of `panel`, one paragraph per element.
pub fn paragraphs(s: &State, panel: Panel) -> Vec<String> {
    let Some(a) = &s.analysis else {
        return Vec::new();
    };
    let Some(i) = s.list(panel).selected else {
        return Vec::new();
    };
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    match panel {
        Panel::Claims => {
            let Some(c) = s.visible_claims.get(i).and_then(|&k| a.claims.get(k)) else {
                return Vec::new();
            };
            let who = a.claimer_name(c).unwrap_or("the author");
            let mut head = format!("{who} · {}", super::claims::kind_word(c.kind));
            if c.hedged {
                head.push_str(", hedged");
            }
            let entry = s.notes.find(&c.span);
            if let Some(st) = entry
                .and_then(|e| e.status)
                .filter(|x| *x != Status::Unreviewed)
            {
                head.push_str(&format!(" · {}", st.label()));
            }
            let mut out = vec![format!(
                "{head}: {}",
                one_line(s.doc.text.get(c.span.clone()).unwrap_or(""))
            )];
            // Reported speech: the attribution apart, with its cue and source as written.
            if let Some(at) = c.attribution.and_then(|k| a.attributions.get(k)) {
                out.push(format!(
                    "attribution · {}",
                    crate::export::attribution_line(&s.doc.text, a, at)
                ));
            }
            if let Some(e) = entry.filter(|e| e.has_note()) {
                out.push(format!(
                    "{} {}",
                    crate::tui::view::marks::NOTE_MARK,
                    one_line(&e.note)
                ));
            }
            out
        }
        Panel::Actors => {
            let Some(x) = a.actors.get(i) else {
                return Vec::new();
            };
            let n = x.mentions.len();
            let mut line = format!(
                "{} · {} · {n} mention{}",
                x.name,
                super::actors::kind_word(x.kind),
                if n == 1 { "" } else { "s" }
            );
            if !x.roles.is_empty() {
                line.push_str(&format!(" · {}", x.roles.join(", ")));
            }
            let aliases: Vec<&str> = x
                .aliases
                .iter()
                .map(String::as_str)
                .filter(|al| *al != x.name)
                .collect();
            if !aliases.is_empty() {
                line.push_str(&format!(" · also {}", aliases.join(", ")));
            }
            vec![line]
        }
        Panel::Timeline => {
            let Some(e) = a.timeline.get(i) else {
                return Vec::new();
            };
            vec![format!(
                "{}: {}",
                super::timeline::when(s, a, e),
                one_line(&e.text)
            )]
        }
    }
}

/// The box's lines at `width` columns.
pub fn lines(s: &State, panel: Panel, width: usize) -> Vec<String> {
    paragraphs(s, panel)
        .iter()
        .flat_map(|p| {
            wrap_words(p, width.max(1))
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Draw the selected item of `panel` whole in its own rows `r` (it opened in place, see
/// [`State::open_rows`]), in the selected style: the selection mark, then its lines.
pub fn render_open(s: &State, panel: Panel, r: Rect, buf: &mut Buffer, style: Style) {
    if r.width < 4 {
        return;
    }
    put(buf, r.x, r.y, "▶", 1, style);
    let w = (r.width - 2) as usize;
    let lines = lines(s, panel, w);
    let text = Rect {
        x: r.x + 2,
        width: r.width - 2,
        ..r
    };
    put_lines(buf, text, &lines, r.right() - 1, style, style);
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        if area.height < 2 || area.width < 4 {
            return;
        }
        let w = area.width as usize;
        put(buf, area.x, area.y, &"╌".repeat(w), w, t.dim);
        let lines = lines(s, self.panel, w - 2);
        let text = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 1);
        put_lines(buf, text, &lines, area.right() - 1, t.text, t.dim);
    }
}
