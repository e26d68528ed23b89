//! The claims panel: claims in reading order, with their status badge and note mark,
//! kind, claimer and the start of the text.

use super::{panel_block, panel_title, put, put_trunc, render_rows};
use crate::analysis::{Analysis, ClaimKind, Label};
use crate::notes::Status;
use crate::tui::layout::{display_width, Panel};
use crate::tui::state::State;
use crate::tui::status_menu::{badge, BADGE_WIDTH, NOTE_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The claims panel.
pub struct ClaimsView<'a> {
    /// What to draw.
    pub state: &'a State,
}

/// A four-letter tag for a claim kind.
pub fn kind_tag(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Attributed => "said",
        ClaimKind::Statistic => "stat",
        ClaimKind::Causal => "caus",
        ClaimKind::Accusation => "accu",
        ClaimKind::Prediction => "pred",
        ClaimKind::Comparison => "comp",
        ClaimKind::Factual => "fact",
    }
}

/// A claimer short enough for the panel's column: a person by surname ("Volkov"), anything
/// else as written without a leading article ("Associated Press", cut by the caller).
pub fn short_claimer<'a>(name: &'a str, a: &Analysis) -> &'a str {
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    // "President Barack Obama" and "Mr Obama" name the person "Barack Obama" too.
    let names = |n: &str| name == n || name.strip_suffix(n).is_some_and(|t| t.ends_with(' '));
    let person = a.actors.iter().any(|x| {
        x.kind == Label::Person && (names(&x.name) || x.aliases.iter().any(|al| names(al)))
    });
    if person {
        name.rsplit(' ').next().unwrap_or(name)
    } else {
        name
    }
}

impl Widget for ClaimsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        let mut title = panel_title(s, Panel::Claims);
        if let (Some(id), Some(a)) = (s.claim_filter, &s.analysis) {
            if let Some(x) = a.actors.get(id.0 as usize) {
                title = format!("{title} · {}", x.name);
            }
        }
        let block = panel_block(s, Panel::Claims, title);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(a) = &s.analysis else {
            render_rows(s, Panel::Claims, inner, buf, |_, _, _, _| {});
            return;
        };
        let text = &s.doc.text;
        render_rows(s, Panel::Claims, inner, buf, |i, r, buf, sel| {
            let c = &a.claims[s.visible_claims[i]];
            let w = r.width as usize;
            let mut x = r.x;
            let style = |base| sel.unwrap_or(base);
            x = put(
                buf,
                x,
                r.y,
                if sel.is_some() { "▶" } else { " " },
                1,
                style(t.text),
            );
            // Status badge (when marked) and note mark.
            let entry = s.notes.find(&c.span);
            let bw = if w >= 30 { BADGE_WIDTH } else { 1 };
            let st = entry
                .and_then(|e| e.status)
                .filter(|x| *x != Status::Unreviewed);
            if let Some(st) = st {
                let b = if display_width(badge(st)) <= bw {
                    badge(st)
                } else {
                    "•"
                };
                put(buf, x, r.y, b, bw, style(t.notes.badge(st)));
            }
            x += bw as u16;
            if entry.is_some_and(|e| e.has_note()) {
                put(buf, x, r.y, NOTE_MARK, 1, style(t.notes.note_mark));
            }
            x += 2;
            x = put(buf, x, r.y, kind_tag(c.kind), 4, style(t.dim));
            x = put(
                buf,
                x,
                r.y,
                if c.hedged { "~" } else { " " },
                1,
                style(t.dim),
            );
            if w >= 34 {
                let who = c
                    .claimer
                    .as_deref()
                    .map_or("author", |n| short_claimer(n, a));
                put_trunc(buf, x, r.y, who, 10, style(t.actor));
                x += 11;
            }
            // Only the start of the claim matters here; never measure a whole paragraph.
            let mut end = c.span.end.min(c.span.start + 4 * w);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let used = (x - r.x) as usize;
            put_trunc(
                buf,
                x,
                r.y,
                &text[c.span.start..end],
                w.saturating_sub(used),
                style(t.text),
            );
        });
    }
}
