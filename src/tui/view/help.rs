//! The help overlay, generated from the key map.

use super::put;
use crate::tui::keymap::Section;
use crate::tui::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

/// The help overlay.
pub struct HelpView<'a> {
    /// What to draw.
    pub state: &'a State,
    /// The first line shown (from [`crate::tui::state::Mode::Help`]).
    pub scroll: usize,
}

/// The help's lines: a heading per section, then `keys  description` rows.
pub fn lines(state: &State) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sec in Section::ALL {
        let b = state.keymap.bindings(sec);
        let several = matches!(
            sec,
            Section::Documents | Section::AfterG | Section::Coverage
        );
        if b.is_empty() || several && state.documents < 2 {
            continue;
        }
        let head = match sec {
            Section::Global => "Everywhere",
            Section::Article => "Article",
            Section::Claims => "Claims panel",
            Section::Actors => "Actors panel",
            Section::Timeline => "Timeline panel",
            Section::Visual => "Selecting a passage (v)",
            Section::Notes => "Notes list",
            Section::NoteEditor => "Writing a note",
            Section::Search => "Typing a search",
            Section::Help => "This help",
            Section::Documents => "Several documents",
            Section::AfterG => "Several documents, after g",
            Section::Coverage => "Coverage view (C)",
        };
        if !out.is_empty() {
            out.push((String::new(), String::new()));
        }
        out.push((head.to_string(), String::new()));
        for x in b {
            let keys: Vec<String> =
                x.on.iter()
                    .map(|k| match sec {
                        Section::AfterG => format!("g{}", k.label()),
                        _ => k.label(),
                    })
                    .collect();
            out.push((keys.join(" "), x.desc.clone()));
        }
    }
    out.push((String::new(), String::new()));
    out.push(("Mouse".into(), String::new()));
    out.push(("wheel".into(), "scroll the pane under the pointer".into()));
    out.push(("click".into(), "focus a pane, select an item".into()));
    out.push((String::new(), String::new()));
    out.extend(legend(state));
    out
}

/// What the panels' words and marks mean, in the help's (keys, description) rows (the
/// key that lists all claims as the key map has it).
pub fn legend(state: &State) -> Vec<(String, String)> {
    use super::claims::{kind_meaning, kind_word, HEDGED_MARK, KINDS};
    use crate::notes::Status;
    use crate::tui::view::marks::{badge, NOTE_MARK};
    let row = |k: &str, d: &str| (k.to_string(), d.to_string());
    let mut out = vec![
        row("Legend: claims", ""),
        row("Volkov says", "the claimer (or the author), the kind"),
    ];
    out.extend(KINDS.iter().map(|&k| row(kind_word(k), kind_meaning(k))));
    out.push(row(HEDGED_MARK, "hedged in the text (reportedly, may)"));
    out.extend(
        Status::ALL
            .iter()
            .filter(|&&st| st != Status::Unreviewed)
            .map(|&st| row(badge(st), st.label())),
    );
    out.push(row(NOTE_MARK, "has a note"));
    let all = state
        .keymap
        .key_for(
            Section::Global,
            &crate::tui::action::Action::ToggleAllClaims,
        )
        .map_or(String::new(), |k| format!(" ({k})"));
    out.push(row(
        "Claims 7 of 15",
        &format!("check-worthy of all found{all}"),
    ));
    out.push(row("· report", "a report: narration not listed"));
    out.push((String::new(), String::new()));
    out.push(row("Legend: actors", ""));
    out.push(row("person org place", "the kinds of actor"));
    out.push(row("other", "any other name"));
    out.push(row("×9", "mentions in the text"));
    out.push((String::new(), String::new()));
    out.push(row("Legend: timeline", ""));
    out.push(row("22 March 2024", "the date in words, in time order"));
    out.push(row("·", "no date: placed by its anchor"));
    out.push((String::new(), String::new()));
    out.push(row("Legend: article", ""));
    out.push(row("claims", "marked, the selected one more"));
    out.push(row("names, dates", "actors and dates, subtly"));
    out
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        let lines = lines(s);
        let w = area.width.saturating_sub(4).min(64);
        let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
        if w < 10 || h < 3 {
            return;
        }
        let r = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        );
        Clear.render(r, buf);
        let page = h.saturating_sub(2) as usize;
        let top = self.scroll.min(lines.len().saturating_sub(page));
        let mut block = t
            .block(true)
            .title(Line::styled(" Keys and legend (? or Esc closes) ", t.title));
        if lines.len() > page {
            let last = (top + page).min(lines.len());
            let more = format!(" {}–{} of {} · j/k scroll ", top + 1, last, lines.len());
            block = block.title_bottom(Line::styled(more, t.dim).right_aligned());
        }
        let inner = block.inner(r);
        block.render(r, buf);
        let kw = 18.min(inner.width as usize / 2);
        for (k, (keys, desc)) in lines.iter().skip(top).take(page).enumerate() {
            let y = inner.y + k as u16;
            if desc.is_empty() {
                put(buf, inner.x + 1, y, keys, inner.width as usize - 1, t.title);
            } else {
                put(buf, inner.x + 2, y, keys, kw, t.key);
                let x = inner.x + 3 + kw as u16;
                put(
                    buf,
                    x,
                    y,
                    desc,
                    inner.right().saturating_sub(x) as usize,
                    t.text,
                );
            }
        }
    }
}
