//! The claims panel: claims in reading order, each in two rows: its status badge and
//! note mark, its claimer and kind in words, then as much of the claim as the two rows
//! hold. The legend (`?`) explains the marks.

use super::{panel_block, panel_title, put, put_trunc, render_rows};
use crate::analysis::{Analysis, ClaimKind, Label};
use crate::notes::Status;
use crate::tui::layout::{display_width, first_line, Panel};
use crate::tui::state::State;
use crate::tui::view::marks::{badge, BADGE_WIDTH, NOTE_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The claims panel.
pub struct ClaimsView<'a> {
    /// What to draw.
    pub state: &'a State,
}

/// Every claim kind, in the legend's order.
pub const KINDS: [ClaimKind; 7] = [
    ClaimKind::Attributed,
    ClaimKind::Statistic,
    ClaimKind::Causal,
    ClaimKind::Accusation,
    ClaimKind::Prediction,
    ClaimKind::Comparison,
    ClaimKind::Factual,
];

/// A claim kind in a word, as the panel shows it.
pub fn kind_word(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Attributed => "says",
        ClaimKind::Statistic => "figure",
        ClaimKind::Causal => "cause",
        ClaimKind::Accusation => "accusation",
        ClaimKind::Prediction => "prediction",
        ClaimKind::Comparison => "comparison",
        ClaimKind::Factual => "fact",
    }
}

/// What a kind means, for the legend.
pub fn kind_meaning(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Attributed => "a quote or reported speech",
        ClaimKind::Statistic => "a number, amount or statistic",
        ClaimKind::Causal => "cause and effect (because, led to)",
        ClaimKind::Accusation => "blame or an accusation",
        ClaimKind::Prediction => "a prediction about the future",
        ClaimKind::Comparison => "a comparison (more than, the largest)",
        ClaimKind::Factual => "a concrete statement about events",
    }
}

/// The mark of a hedged claim ("reportedly", "may").
pub const HEDGED_MARK: &str = "≈";

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
            // Status badge (when marked) and note mark: their columns only once the
            // document has notes, so that a fresh list gives the claims the room.
            let entry = s.notes.find(&c.span);
            let bw = match (s.notes.is_empty(), w >= 30) {
                (true, _) => 0,
                (false, true) => BADGE_WIDTH,
                (false, false) => 1,
            };
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
            x += if bw > 0 { 2 } else { 1 };
            // Who, in a word or two, and the kind: a source the text does not name
            // ("…, I was told") is a source, not the author.
            let unnamed = if c.attribution.is_some() {
                "source"
            } else {
                "author"
            };
            let who = a.claimer_name(c).map_or(unnamed, |n| short_claimer(n, a));
            let right = r.right();
            let room = |x: u16| right.saturating_sub(x) as usize;
            x = put_trunc(buf, x, r.y, who, room(x).min(w / 3).max(1), style(t.actor)) + 1;
            if x < right {
                x = put(buf, x, r.y, kind_word(c.kind), room(x), style(t.dim));
            }
            if c.hedged && x + 1 < right {
                x = put(buf, x + 1, r.y, HEDGED_MARK, 1, style(t.dim));
            }
            if x < right {
                x = put(buf, x, r.y, ":", 1, style(t.dim));
            }
            // What the source says in this claim (an opinion piece's claim spans a
            // sentence that cites it, frame and all). Only its start matters here; never
            // measure a whole paragraph.
            let said = c
                .attribution
                .and_then(|i| a.attributions.get(i))
                .map(|at| at.span.start.max(c.span.start)..at.span.end.min(c.span.end))
                .filter(|s| s.start < s.end)
                .unwrap_or_else(|| c.span.clone());
            let said = &said;
            let mut end = said.end.min(said.start + 8 * w);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let claim: String = text[said.start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let x = x + 1;
            let (first, rest) = if x < right {
                first_line(&claim, room(x))
            } else {
                ("", claim.as_str())
            };
            put(buf, x, r.y, first, room(x), style(t.text));
            if r.height > 1 {
                let x2 = r.x + 2;
                let cut = end < said.end && !rest.is_empty();
                let rest = if cut && display_width(rest) <= room(x2) {
                    format!("{rest}…")
                } else {
                    rest.to_string()
                };
                put_trunc(buf, x2, r.y + 1, &rest, room(x2), style(t.text));
            } else if !rest.is_empty() && x < right {
                put_trunc(buf, x, r.y, &claim, room(x), style(t.text));
            }
        });
    }
}
