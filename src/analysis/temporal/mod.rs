//! Time expressions (TIMEX3) and the timeline.
//!
//! [`extract`] finds dates, times, durations and sets with one regular expression built
//! once (submodule `grammar`), checks each candidate's surroundings, and normalises it
//! TimeML / TempEval-3 style against the document creation time (submodule `normalise`):
//! `2024-03-22`, `2024-W12`, `2024-Q3`, `199X`, `P24Y`, `PRESENT_REF`, `XXXX-WXX-1`…;
//! without a creation time the parts that depend on it stay `X`. Fixed phrases ("now",
//! "recently", "daily") come from `assets/lexicons/time_words.tsv`. Spans follow the
//! TempEval-3 conventions: determiners and modifiers in ("the past week"), prepositions
//! out. [`timeline()`] turns the dates and times into events in time order.
//!
//! Pure: no I/O. Spans are byte ranges on char boundaries. The grammar uses ASCII word
//! boundaries only, so it keeps the regex DFA fast on any text.

mod grammar;
mod lexicon;
mod normalise;
mod timeline;

#[cfg(test)]
mod tests;

use super::tokens::{Kind, Tok, Tokens};
use super::{NaiveDate, Sentence, Span, TimeExpr, TimelineEntry, TimexType};
use normalise::Context;
pub(crate) use normalise::{month_of, weekday_of};

/// Words that put a sentence in the future: unanchored day and month names then point
/// forward ("will meet on Friday").
const FUTURE_WORDS: &[&str] = &["will", "shall", "won't", "'ll", "scheduled", "slated"];

/// Common past-tense verbs without the regular "-ed" ending.
const PAST_WORDS: &[&str] = &[
    "said", "was", "were", "had", "did", "told", "made", "took", "gave", "came", "went", "met",
    "rose", "fell", "sold", "bought", "won", "lost", "began", "left", "saw", "held", "paid", "set",
    "put", "cut", "hit", "ran", "became", "brought", "found", "got", "knew", "led", "meant",
    "sent", "spent", "stood", "struck", "thought", "wrote", "spoke", "broke", "chose", "drove",
    "flew", "grew", "shot", "fought", "caught", "taught", "sought", "felt", "kept",
];

/// Find time expressions in `text`, normalised against `dct`, in text order. The tense
/// around each expression is read from the document's token stream.
pub fn extract(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    dct: Option<NaiveDate>,
) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut reference: Option<NaiveDate> = None;
    let mut si = 0;
    let mut cached: Option<(usize, bool)> = None;
    // Whether a fiscal quarter was named earlier in the document.
    let mut seen_quarter = false;
    // Reused for every candidate: the words around it, and one word lower-cased.
    let (mut before, mut later, mut lower) = (Vec::new(), Vec::new(), String::new());
    for m in grammar::CANDIDATE.find_iter(text) {
        let (start, end) = (grammar::adjectival_start(text, m.start(), m.end()), m.end());
        if !grammar::accept(text, start, end) {
            continue;
        }
        while si < sentences.len() && sentences[si].span.end <= start {
            si += 1;
        }
        let within = sentences
            .get(si)
            .filter(|s| s.span.start <= start && end <= s.span.end);
        let sentence = within.map_or(start..end, |s| s.span.clone());
        let quarterly = match cached {
            Some((i, q)) if i == si => q,
            _ => {
                let q = text[sentence.clone()].contains("quarter") || seen_quarter;
                cached = Some((si, q));
                q
            }
        };
        // Tense cues are looked for nearby only, so that a huge unpunctuated "sentence"
        // cannot make this quadratic.
        let toks = match (within, tokens.sentences.get(si)) {
            (Some(_), Some(r)) => &tokens.toks[r.clone()],
            _ => &[][..],
        };
        let first = toks.partition_point(|t| t.start() < start);
        let after = toks.partition_point(|t| t.start() < end);
        // Eight words before and four after are read; a word is at most three tokens.
        let near = &toks[first.saturating_sub(24)..first];
        words(
            text,
            near,
            start.saturating_sub(160),
            usize::MAX,
            &mut before,
        );
        words(
            text,
            &toks[after..toks.len().min(after + 12)],
            0,
            end + 80,
            &mut later,
        );
        let tense = tense(text, &before, &later, &mut lower);
        let ctx = Context {
            dct,
            future: tense == Some(true),
            past: tense == Some(false),
            quarterly,
            reference,
        };
        let Some((kind, value)) = normalise::normalise(&text[start..end], &ctx) else {
            continue;
        };
        seen_quarter |= value.contains("-Q");
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

/// The words of `toks` that lie within bytes `from..to`, as byte spans into `out`: runs
/// of word tokens with nothing between them, so that "won't" and "we'll" are one word each.
fn words(text: &str, toks: &[Tok], from: usize, to: usize, out: &mut Vec<Span>) {
    out.clear();
    let mut last_end = None;
    for t in toks.iter().filter(|t| t.start() >= from && t.end() <= to) {
        let w = &text[t.range()];
        let apos = t.kind() == Kind::Punct && matches!(w, "'" | "\u{2019}" | "'s" | "\u{2019}s");
        if t.kind() != Kind::Word && !apos {
            last_end = None;
            continue;
        }
        match out.last_mut() {
            Some(prev) if last_end == Some(t.start()) => prev.end = t.end(),
            _ => out.push(t.range()),
        }
        last_end = Some(t.end());
    }
}

/// `w` lower-cased (ASCII letters) with typographic apostrophes made straight, in `buf`.
fn lowered<'b>(buf: &'b mut String, w: &str) -> &'b str {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(w.chars().map(|c| match c {
            '\u{2019}' => '\'',
            c => c.to_ascii_lowercase(),
        }));
    }
    buf
}

/// [`PAST_WORDS`] as a set.
static PAST: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| PAST_WORDS.iter().copied().collect());

/// Whether an expression with the words `before` and `after` it (in its sentence) is
/// read in the future (`Some(true)`) or the past (`Some(false)`): the nearest tense cue
/// before it decides, else a future auxiliary closely after ("said Friday it will" stays
/// in the past); `None` when nothing tells. `buf` is scratch space.
fn tense(text: &str, before: &[Span], after: &[Span], buf: &mut String) -> Option<bool> {
    let is_fut = |w: &str| FUTURE_WORDS.contains(&w) || w.ends_with("'ll");
    for w in before.iter().rev().take(8) {
        let w = lowered(buf, &text[w.clone()]);
        if is_fut(w) {
            return Some(true);
        }
        if PAST.contains(w) || (w.len() > 4 && w.ends_with("ed")) {
            return Some(false);
        }
    }
    after
        .iter()
        .take(4)
        .any(|w| is_fut(lowered(buf, &text[w.clone()])))
        .then_some(true)
}
