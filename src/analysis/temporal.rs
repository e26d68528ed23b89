//! Time expressions (TIMEX3) and the timeline.
//!
//! Baseline: four-digit years. Pure; no I/O.

use super::{NaiveDate, Sentence, TimeExpr, TimelineEntry, TimexType};
use regex::Regex;
use once_cell::sync::Lazy;

static YEAR: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?-u:\b)(1[89]\d\d|20\d\d)(?-u:\b)").unwrap());

/// Find time expressions in `text`, normalised against `dct`.
pub fn extract(text: &str, _sentences: &[Sentence], _dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    YEAR.find_iter(text)
        .map(|m| TimeExpr { span: m.range(), kind: TimexType::Date, value: m.as_str().to_string() })
        .collect()
}

/// Build the timeline: one entry per anchored sentence, in time order.
pub fn timeline(text: &str, sentences: &[Sentence], timexes: &[TimeExpr]) -> Vec<TimelineEntry> {
    let mut out: Vec<TimelineEntry> = timexes
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let s = sentences.iter().find(|s| s.span.start <= t.span.start && t.span.end <= s.span.end)?;
            Some(TimelineEntry {
                order: 0,
                value: Some(t.value.clone()),
                timex: Some(i),
                span: s.span.clone(),
                text: text[s.span.clone()].chars().take(60).collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.value.cmp(&b.value));
    for (i, e) in out.iter_mut().enumerate() {
        e.order = i as u32;
    }
    out
}
