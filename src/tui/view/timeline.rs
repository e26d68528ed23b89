//! The timeline panel: events in time order, with their date or relative position.

use super::{panel_block, panel_title, put_trunc, render_rows};
use crate::analysis::{Analysis, TimelineEntry};
use crate::tui::layout::Panel;
use crate::tui::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::borrow::Cow;

/// The timeline panel.
pub struct TimelineView<'a> {
    /// What to draw.
    pub state: &'a State,
}

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = &s.theme;
        let block = panel_block(s, Panel::Timeline, panel_title(s, Panel::Timeline));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(a) = &s.analysis else {
            render_rows(s, Panel::Timeline, inner, buf, |_, _, _, _| {});
            return;
        };
        render_rows(s, Panel::Timeline, inner, buf, |i, r, buf, sel| {
            let e = &a.timeline[i];
            let style = |base| sel.unwrap_or(base);
            let when = when(s, a, e);
            let x = put_trunc(buf, r.x + 1, r.y, &when, 10, style(t.date));
            let x = x.max(r.x + 12);
            put_trunc(
                buf,
                x,
                r.y,
                &e.text,
                r.right().saturating_sub(x) as usize,
                style(t.text),
            );
        });
    }
}

/// When a timeline entry happened, for a reader: its resolved date, else the expression
/// as written ("hours after").
pub fn when<'a>(s: &'a State, a: &'a Analysis, e: &'a TimelineEntry) -> Cow<'a, str> {
    match (&e.value, e.timex.and_then(|k| a.timexes.get(k))) {
        (Some(v), _) => readable_value(v),
        (None, Some(x)) => Cow::Borrowed(s.doc.text.get(x.span.clone()).unwrap_or("·")),
        (None, None) => Cow::Borrowed("·"),
    }
}

/// A TIMEX3 value as a reader would say it where the ISO form is opaque: `PAST_REF` is
/// "past", `PRESENT_REF` "now", `FUTURE_REF` "future", and a date without a known year
/// is its month and day (`XXXX-03-22` is "Mar 22"). Other values (`2024-03-22`,
/// `2024-W12`, `P24Y`) stay as they are.
pub fn readable_value(v: &str) -> Cow<'_, str> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match v {
        "PAST_REF" => "past".into(),
        "PRESENT_REF" => "now".into(),
        "FUTURE_REF" => "future".into(),
        _ => {
            let month_day = v.strip_prefix("XXXX-").and_then(|rest| {
                let m: usize = rest.get(..2)?.parse().ok()?;
                let name = MONTHS.get(m.checked_sub(1)?)?;
                match rest.get(2..) {
                    Some("") => Some(name.to_string()),
                    Some(d) => Some(format!(
                        "{name} {}",
                        d.strip_prefix('-')?.trim_start_matches('0')
                    )),
                    None => None,
                }
            });
            month_day.map_or(Cow::Borrowed(v), Cow::Owned)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::readable_value;

    #[test]
    fn reference_values_read_as_words() {
        assert_eq!(readable_value("PAST_REF"), "past");
        assert_eq!(readable_value("PRESENT_REF"), "now");
        assert_eq!(readable_value("XXXX-03"), "Mar");
        assert_eq!(readable_value("XXXX-03-02"), "Mar 2");
        assert_eq!(readable_value("2024-03-22"), "2024-03-22");
    }
}
