//! Time expressions (TIMEX3) and the timeline.
//!
//! [`extract`] finds dates, times, durations and sets with one regular expression built
//! once ([`grammar`]), checks each candidate's surroundings, and normalises it TimeML /
//! TempEval-3 style against the document creation time ([`normalise`]); fixed phrases
//! ("now", "recently", "daily") come from `assets/lexicons/time_words.tsv`. [`timeline`]
//! turns the dates and times into events ordered in time ([`mod@timeline`]).
//!
//! Pure: no I/O. Spans are byte ranges on char boundaries.

mod grammar;
mod lexicon;
mod normalise;
mod timeline;

#[cfg(test)]
mod tests;

use super::{NaiveDate, Sentence, TimeExpr, TimelineEntry, TimexType};
use normalise::Context;

/// Words that put a sentence in the future: unanchored day and month names then point
/// forward ("will meet on Friday").
const FUTURE_WORDS: &[&str] = &[
    "will",
    "shall",
    "won't",
    "'ll",
    "expects",
    "expected",
    "expect",
    "plans",
    "planned",
    "scheduled",
    "slated",
    "due",
    "forecast",
    "predicts",
    "upcoming",
    "next",
    "later",
];

/// Find time expressions in `text`, normalised against `dct`, in text order.
pub fn extract(text: &str, sentences: &[Sentence], dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut reference: Option<NaiveDate> = None;
    let mut si = 0;
    let mut cached: Option<(usize, bool, bool)> = None;
    for m in grammar::CANDIDATE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !grammar::accept(text, start, end) {
            continue;
        }
        while si < sentences.len() && sentences[si].span.end <= start {
            si += 1;
        }
        let (future, quarterly) = match cached {
            Some((i, f, q)) if i == si => (f, q),
            _ => {
                let sentence = sentences
                    .get(si)
                    .filter(|s| s.span.start <= start)
                    .map(|s| &text[s.span.clone()])
                    .unwrap_or(&text[start..end]);
                let (f, q) = (
                    is_future(sentence),
                    sentence.contains("quarter")
                        || out.iter().any(|t: &TimeExpr| t.value.contains("-Q")),
                );
                cached = Some((si, f, q));
                (f, q)
            }
        };
        let ctx = Context {
            dct,
            future,
            quarterly,
            reference,
        };
        let Some((kind, value)) = normalise::normalise(&text[start..end], &ctx) else {
            continue;
        };
        if kind == TimexType::Date {
            if let Ok(d) = NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                reference = Some(d);
            }
        }
        out.push(TimeExpr {
            span: start..end,
            kind,
            value,
        });
    }
    out
}

/// Build the timeline: one entry per date or time that anchors an event, in time order.
pub fn timeline(text: &str, sentences: &[Sentence], timexes: &[TimeExpr]) -> Vec<TimelineEntry> {
    timeline::timeline(text, sentences, timexes)
}

fn is_future(sentence: &str) -> bool {
    sentence
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .any(|w| {
            let w = w.to_ascii_lowercase();
            FUTURE_WORDS.contains(&w.as_str()) || w.ends_with("'ll")
        })
}
