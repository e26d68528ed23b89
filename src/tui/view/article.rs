//! The article pane: the visible slice of the wrapped layout, with claims, actor
//! mentions, dates, inline styles and search matches laid over it.

use super::put;
use crate::analysis::Span;
use crate::document::BlockKind;
use crate::notes::{Entry, EntryKind, Status};
use crate::tui::layout::{display_width, Prefix, Row};
use crate::tui::state::{Focus, State};
use crate::tui::view::marks::{badge, NOTE_MARK};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// The article pane.
pub struct ArticleView<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl Widget for ArticleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        // A title the text opens with (plain text, Markdown) is shown there, in its
        // style: the border names the document instead of saying it twice.
        let in_text = s
            .doc
            .blocks
            .first()
            .is_some_and(|b| b.kind == BlockKind::Title);
        let name = match &s.doc.title {
            Some(t) if !in_text => t.clone(),
            _ => s.doc.display_name(),
        };
        let block = t.block(s.focus == Focus::Article);
        let title_w = (area.width as usize).saturating_sub(6);
        let mut title = String::new();
        let mut w = 0;
        for c in name.chars().filter(|c| !c.is_control()) {
            let cw = display_width(c.encode_utf8(&mut [0; 4]));
            if w + cw > title_w.saturating_sub(1) {
                title.push('…');
                break;
            }
            w += cw;
            title.push(c);
        }
        // The date that anchors the timeline, and where it came from.
        let dated = crate::export::when::publication_words(s.doc.date, s.doc.date_source);
        let block = if s.loading.is_none() && s.error.is_none() {
            block.title_bottom(Line::styled(format!(" {dated} "), t.dim))
        } else {
            block
        };
        block
            .title(Line::styled(format!(" {title} "), t.title))
            .render(area, buf);
        let tr = s.text_rect();
        if tr.is_empty() {
            return;
        }
        if let Some(name) = &s.loading {
            put(
                buf,
                tr.x,
                tr.y,
                &format!("Loading {name}…"),
                tr.width as usize,
                t.dim,
            );
            return;
        }
        if let Some(e) = &s.error {
            put(buf, tr.x, tr.y, e, tr.width as usize, t.warning);
            return;
        }
        let (Some(first), Some(last)) = (s.shown_rows().next(), s.shown_rows().last()) else {
            return;
        };
        let (vs, ve) = (first.span.start, last.span.end);
        let text = &s.doc.text;

        // Overlays, lowest first; each list is sliced to the visible bytes once.
        let mut layers: Vec<(Vec<Span>, Style)> = Vec::with_capacity(8);
        for (kind, style) in [
            (crate::document::InlineKind::Emphasis, t.emphasis),
            (crate::document::InlineKind::Strong, t.strong),
            (crate::document::InlineKind::Code, t.code),
        ] {
            let v = visible(&s.doc.inlines, |i| &i.span, vs, ve)
                .iter()
                .filter(|i| i.kind == kind)
                .map(|i| i.span.clone())
                .collect();
            layers.push((v, style));
        }
        let links = visible(&s.doc.inlines, |i| &i.span, vs, ve)
            .iter()
            .filter(|i| matches!(i.kind, crate::document::InlineKind::Link(_)))
            .map(|i| i.span.clone())
            .collect();
        layers.push((links, t.link));
        if let Some(a) = &s.analysis {
            // Claims under dates and mentions, so those stay marked inside a claim.
            let claims = visible(&a.claims, |c| &c.span, vs, ve);
            layers.push((
                claims
                    .iter()
                    .filter(|c| s.claim_shown(c))
                    .map(|c| c.span.clone())
                    .collect(),
                t.claim,
            ));
            if let Some(c) = s.selected_claim().and_then(|i| a.claims.get(i)) {
                layers.push((vec![c.span.clone()], t.claim_selected));
            }
            let dates = visible(&a.timexes, |x| &x.span, vs, ve);
            layers.push((dates.iter().map(|x| x.span.clone()).collect(), t.date));
            let mentions = visible(&a.mentions, |m| &m.span, vs, ve);
            layers.push((
                mentions
                    .iter()
                    .filter(|m| m.actor.is_some())
                    .map(|m| m.span.clone())
                    .collect(),
                t.actor,
            ));
            let hl = s.highlighted_actor();
            if hl.is_some() {
                layers.push((
                    mentions
                        .iter()
                        .filter(|m| m.actor == hl)
                        .map(|m| m.span.clone())
                        .collect(),
                    t.actor_selected,
                ));
            }
        }
        // Free highlights, then the passage being selected.
        let highlights: Vec<Span> = s
            .notes
            .overlapping(vs..ve)
            .filter(|e| e.kind == EntryKind::Highlight)
            .map(|e| e.anchor.span())
            .collect();
        layers.push((highlights, t.highlight));
        if let (Some(sel), Some(a)) = (s.mode.visual(), &s.analysis) {
            layers.push((vec![sel.span(&a.sentences)], t.visual));
        }
        let m = &s.search.matches;
        layers.push((visible(m, |x| x, vs, ve).to_vec(), t.search));
        if let Some(cur) = s.search.current.and_then(|i| m.get(i)) {
            layers.push((vec![cur.clone()], t.search_current));
        }

        // Marks in the margin, on the row where a note or a marked claim starts.
        let marked: Vec<&Entry> = s
            .notes
            .overlapping(vs..ve)
            .filter(|e| e.has_note() || e.status.is_some_and(|x| x != Status::Unreviewed))
            .collect();
        let gutter = tr.x.saturating_sub(area.x + 1).min(4);
        for (k, row) in s.shown_rows().enumerate() {
            let y = tr.y + k as u16;
            if gutter > 0 && !marked.is_empty() {
                margin_mark(s, &marked, row, tr.x, gutter, y, buf);
            }
            let kind = s.doc.blocks.get(row.block as usize).map(|b| b.kind);
            let base = match kind {
                Some(BlockKind::Title) => t.title,
                Some(BlockKind::Heading(_)) => t.heading,
                Some(BlockKind::Code) => t.code,
                Some(BlockKind::Image) => t.emphasis,
                _ => t.text,
            };
            let x = tr.x + row.indent;
            let px = x + row.prefix.width() as u16;
            match row.prefix {
                Prefix::Bullet => {
                    put(buf, x, y, "• ", 2, t.prefix);
                }
                Prefix::Number(n) => {
                    put(buf, x, y, &format!("{n}. "), row.prefix.width(), t.prefix);
                }
                Prefix::Quote => {
                    put(buf, x, y, "│ ", 2, t.prefix);
                }
                Prefix::Image => {
                    put(buf, x, y, "▣ ", 2, t.prefix);
                }
                Prefix::None | Prefix::Hang(_) => {}
            }
            if row.span.is_empty() {
                continue;
            }
            let avail = tr.right().saturating_sub(px) as usize;
            put(buf, px, y, &text[row.span.clone()], avail, base);
            for (spans, style) in &layers {
                overlay(buf, text, row, px, y, avail, spans, *style);
            }
        }
    }
}

/// Draw the mark of the entries starting on `row` right-aligned in the `gutter`
/// columns left of `x`: the status badge when there is room and a claim is marked, and
/// the note mark when one has a note.
fn margin_mark(
    s: &State,
    marked: &[&Entry],
    row: &Row,
    x: u16,
    gutter: u16,
    y: u16,
    buf: &mut Buffer,
) {
    let starts_here = |e: &&&Entry| {
        let a = e.anchor.start;
        a >= row.span.start && (a < row.span.end || (row.span.is_empty() && a == row.span.start))
    };
    let here: Vec<&&Entry> = marked.iter().filter(starts_here).collect();
    if here.is_empty() {
        return;
    }
    let nt = &s.theme.notes;
    let note = here.iter().any(|e| e.has_note());
    let status = here
        .iter()
        .filter_map(|e| e.status)
        .find(|x| *x != Status::Unreviewed);
    let mut cells: Vec<(&str, ratatui::style::Style)> = Vec::new();
    if let Some(st) = status {
        let room = (gutter as usize).saturating_sub(usize::from(note));
        let b = badge(st);
        if display_width(b) <= room {
            cells.push((b, nt.badge(st)));
        } else if room >= 1 {
            cells.push(("•", nt.badge(st)));
        }
    }
    if note {
        cells.push((NOTE_MARK, nt.note_mark));
    }
    let w: usize = cells.iter().map(|(c, _)| display_width(c)).sum();
    let mut cx = x.saturating_sub(w as u16 + u16::from(gutter as usize > w));
    for (c, st) in cells {
        cx = put(buf, cx, y, c, display_width(c), st);
    }
}

/// How far back [`visible`] looks for spans that start above the screen and reach into
/// it: nesting (a link inside emphasis) is shallow, so a short look back finds them all.
const LOOKBACK: usize = 64;

/// The items of `items` (sorted by start, in text order) that may overlap `vs..ve`: a
/// slice that holds every one of them (and may hold a few that do not; callers clip).
/// Ends are not sorted when spans nest, so the start of the slice is found from the
/// first item starting at `vs`, then by looking back for items still open at `vs`.
fn visible<T>(items: &[T], span: impl Fn(&T) -> &Span, vs: usize, ve: usize) -> &[T] {
    let first_inside = items.partition_point(|x| span(x).start < vs);
    let back = first_inside.saturating_sub(LOOKBACK);
    let lo = (back..first_inside)
        .find(|&i| span(&items[i]).end > vs)
        .unwrap_or(first_inside);
    let hi = items.partition_point(|x| span(x).start < ve).max(lo);
    &items[lo..hi]
}

/// Patch `style` over the cells of `row` covered by `spans`.
#[allow(clippy::too_many_arguments)]
fn overlay(
    buf: &mut Buffer,
    text: &str,
    row: &Row,
    x: u16,
    y: u16,
    avail: usize,
    spans: &[Span],
    style: Style,
) {
    for sp in spans {
        let a = sp.start.max(row.span.start);
        let b = sp.end.min(row.span.end);
        if a >= b {
            continue;
        }
        let x0 = display_width(&text[row.span.start..a]);
        let x1 = (x0 + display_width(&text[a..b])).min(avail);
        if x1 > x0 {
            buf.set_style(Rect::new(x + x0 as u16, y, (x1 - x0) as u16, 1), style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn nested_spans_that_start_above_stay_visible() {
        // An emphasis 0..100 holding a link 10..20, screen from 50 to 80.
        let spans = vec![0..100, 10..20, 60..70, 90..95];
        let v = visible(&spans, |s| s, 50, 80);
        assert!(v.contains(&(0..100)), "the outer span reaches the screen");
        assert!(v.contains(&(60..70)));
        assert!(!v.contains(&(90..95)));
    }
}
