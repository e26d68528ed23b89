//! The timeline: the events that dates and times anchor, in time order.
//!
//! Each date or time anchors the sentence it stands in, and the next [`CARRY`] sentences
//! that name no date or time of their own (one entry per expression, so a sentence with
//! two dates gives two entries); the entry's text is the clause around the expression. A dateline — a date standing alone on its
//! line near the top, as news articles print their publication date — anchors the
//! headline and the lead: its entry covers the text from the start through the first
//! sentences after it. Durations and recurrences are not events on a timeline.
//!
//! Entries are ordered by the start of the period their value names (coarser periods
//! first on the same day); `PAST_REF` sits just before the latest resolved date of the
//! document, `PRESENT_REF` and `FUTURE_REF` just after it; values that cannot be placed
//! go last, in text order.

use chrono::{Datelike, NaiveDate};

use crate::analysis::{Sentence, TimeExpr, TimelineEntry, TimexType};

/// How many sentences after a dateline make up the lead it anchors.
const LEAD_SENTENCES: usize = 5;

/// How many following sentences without a date of their own an entry also covers: a
/// narrative stays at the time last named until it names another.
const CARRY: usize = 2;

/// Longest event description, in characters.
const MAX_TEXT: usize = 80;

/// Build the timeline for `timexes` (in text order).
pub fn timeline(text: &str, sentences: &[Sentence], timexes: &[TimeExpr]) -> Vec<TimelineEntry> {
    let mut entries: Vec<(SortKey, usize, TimelineEntry)> = Vec::new();
    let now = latest_date(timexes);
    let mut dated = vec![false; sentences.len()];
    for t in timexes
        .iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
    {
        let si = sentences.partition_point(|s| s.span.end < t.span.end);
        if let Some(d) = dated.get_mut(si) {
            *d = true;
        }
    }
    for (i, t) in timexes.iter().enumerate() {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        let si = sentences.partition_point(|s| s.span.end < t.span.end);
        let Some(sentence) = sentences
            .get(si)
            .filter(|s| s.span.start <= t.span.start && t.span.end <= s.span.end)
        else {
            continue;
        };
        let (span, desc) = if is_dateline(text, sentence, t) {
            let end = sentences
                .get(si + LEAD_SENTENCES)
                .or(sentences.last())
                .map_or(sentence.span.end, |s| s.span.end);
            let first_line = text[..sentence.span.start].trim();
            let desc = if first_line.is_empty() {
                sentences.get(si + 1).map_or("", |s| &text[s.span.clone()])
            } else {
                first_line.lines().next().unwrap_or("")
            };
            (0..end, short(prefix(desc, 400), None))
        } else {
            // A window around the expression keeps long sentences from costing much.
            let mut a = t.span.start.saturating_sub(400).max(sentence.span.start);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            if a > sentence.span.start {
                // Start at a word.
                a = text[a..t.span.start]
                    .find(char::is_whitespace)
                    .map_or(t.span.start, |i| a + i);
            }
            let mut b = (t.span.end + 400).min(sentence.span.end);
            while !text.is_char_boundary(b) {
                b += 1;
            }
            let local = t.span.start - a..t.span.end - a;
            let mut last = si;
            while last + 1 < sentences.len() && last - si < CARRY && !dated[last + 1] {
                last += 1;
            }
            (
                sentence.span.start..sentences[last].span.end,
                short(&text[a..b], Some(local)),
            )
        };
        entries.push((
            sort_key(&t.value, now),
            t.span.start,
            TimelineEntry {
                order: 0,
                value: Some(t.value.clone()),
                timex: Some(i),
                span,
                text: desc,
            },
        ));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut placed: Vec<(Option<SortKey>, TimelineEntry)> =
        entries.into_iter().map(|(k, _, e)| (Some(k), e)).collect();
    place_relative(text, sentences, timexes, &dated, &mut placed);
    let mut order = 0;
    let mut prev: Option<Option<SortKey>> = None;
    placed
        .into_iter()
        .map(|(key, mut e)| {
            // Equal dates share an order; a relatively placed event has its own.
            if prev.as_ref().is_some_and(|p| p.is_none() || *p != key) {
                order += 1;
            }
            e.order = order;
            prev = Some(key);
            e
        })
        .collect()
}

/// Words that, opening an undated sentence, order its event against the time last named.
const AFTER_WORDS: &[&str] = &[
    "after",
    "afterwards",
    "afterward",
    "following",
    "subsequently",
    "later",
    "thereafter",
    "then",
    "next",
];
const BEFORE_WORDS: &[&str] = &["before", "earlier", "previously", "prior"];

/// Add undated sentences that open with "After…", "Subsequently…", "Earlier…" just after
/// (or before) the entry of the last expression named before them.
fn place_relative(
    text: &str,
    sentences: &[Sentence],
    timexes: &[TimeExpr],
    dated: &[bool],
    placed: &mut Vec<(Option<SortKey>, TimelineEntry)>,
) {
    let mut has_entry = vec![false; timexes.len()];
    for (_, e) in placed.iter() {
        if let Some(i) = e.timex {
            has_entry[i] = true;
        }
    }
    // (anchor timex, after?, entry), in text order.
    let mut relative: Vec<(usize, bool, TimelineEntry)> = Vec::new();
    for (si, sentence) in sentences.iter().enumerate() {
        if dated[si] {
            continue;
        }
        let body = &text[sentence.span.clone()];
        // Most sentences open with a letter: trim only when they do not.
        let opens_word = body
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric);
        let first = if opens_word {
            body
        } else {
            body.trim_start_matches(|c: char| !c.is_alphanumeric())
        }
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
        let is = |w: &&str| w.eq_ignore_ascii_case(first);
        let after = AFTER_WORDS.iter().any(is);
        if !after && !BEFORE_WORDS.iter().any(is) {
            continue;
        }
        let before_here = timexes.partition_point(|t| t.span.end <= sentence.span.start);
        let Some(anchor) = (0..before_here).rev().find(|&i| has_entry[i]) else {
            continue;
        };
        let entry = TimelineEntry {
            order: 0,
            value: None,
            timex: None,
            span: sentence.span.clone(),
            text: short(prefix(body, 400), None),
        };
        relative.push((anchor, after, entry));
    }
    if relative.is_empty() {
        return;
    }
    let mut by_anchor: Vec<Vec<(bool, TimelineEntry)>> = vec![Vec::new(); timexes.len()];
    for (anchor, after, entry) in relative {
        by_anchor[anchor].push((after, entry));
    }
    let dated_entries = std::mem::take(placed);
    for (key, e) in dated_entries {
        let mine = e
            .timex
            .map(|i| std::mem::take(&mut by_anchor[i]))
            .unwrap_or_default();
        let (after, before): (Vec<_>, Vec<_>) = mine.into_iter().partition(|(a, _)| *a);
        placed.extend(before.into_iter().map(|(_, r)| (None, r)));
        placed.push((key, e));
        placed.extend(after.into_iter().map(|(_, r)| (None, r)));
    }
}

/// A date standing alone in its sentence (or line), within the first lines of the text.
fn is_dateline(text: &str, sentence: &Sentence, t: &TimeExpr) -> bool {
    if sentence.span.start > 400 || t.span.start > 400 {
        return false;
    }
    let line_start = text[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[t.span.end..]
        .find('\n')
        .map_or(text.len(), |i| t.span.end + i);
    let rest = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
    let full_date = t.value.len() >= 10 && t.value.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    full_date && rest(&text[line_start..t.span.start]) && rest(&text[t.span.end..line_end])
}

/// At most the first `max` bytes of `s`, cut at a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// The clause around `focus` (or the start of `s`), at most [`MAX_TEXT`] characters.
fn short(s: &str, focus: Option<std::ops::Range<usize>>) -> String {
    let lead = s.len() - s.trim_start().len();
    let s = s.trim();
    if !longer_than(s, MAX_TEXT) {
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        return out;
    }
    // Narrow to the clause holding the focus, between ; : or dashes, else commas.
    let (mut a, mut b) = (0, s.len());
    if let Some(f) = focus {
        let f_start = f.start.saturating_sub(lead).min(s.len());
        let f_end = f.end.saturating_sub(lead).clamp(f_start, s.len());
        let after = |i: usize| i + s[i..].chars().next().map_or(0, char::len_utf8);
        a = rfind_break(&s[..f_start]).map_or(0, after);
        b = find_break(&s[f_end..]).map_or(s.len(), |i| f_end + i);
        if longer_than(&s[a..b], MAX_TEXT) {
            // A comma breaks a clause only before a space: "15,000" is one number.
            let ca = s[..f_start].rfind(", ").map_or(a, after).max(a);
            let cb = s[f_end..].find(", ").map_or(b, |i| f_end + i).min(b);
            if s[ca..cb].split_whitespace().nth(3).is_some() {
                a = ca;
                b = cb;
            }
        }
    }
    let clause = s[a..b].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '”' | '"' | '’' | '—' | '–' | ')')
    });
    let mut out = String::with_capacity(clause.len().min(4 * MAX_TEXT));
    // Characters in `out`.
    let mut len = 0;
    for w in clause.split_whitespace() {
        let n = w.chars().count();
        if len + n + 1 > MAX_TEXT - 1 {
            out.push('…');
            out.shrink_to_fit();
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
            len += 1;
        }
        out.push_str(w);
        len += n;
    }
    out
}

/// Whether `s` has more than `n` characters (counting no further than that).
fn longer_than(s: &str, n: usize) -> bool {
    s.len() > n && s.chars().nth(n).is_some()
}

/// Whether the UTF-8 sequence at byte `i` of `s` is a clause break: `;`, `:`, an em or
/// an en dash (`E2 80 94`, `E2 80 93`).
fn is_break_at(s: &[u8], i: usize) -> bool {
    match s[i] {
        b';' | b':' => true,
        0xE2 => matches!(s.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])),
        _ => false,
    }
}

/// The byte offset of the first clause break in `s`.
fn find_break(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr3(b';', b':', 0xE2, &b[from..]) {
        if is_break_at(b, from + k) {
            return Some(from + k);
        }
        from += k + 1;
    }
    None
}

/// The byte offset of the last clause break in `s`.
fn rfind_break(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut to = b.len();
    while let Some(k) = memchr::memrchr3(b';', b':', 0xE2, &b[..to]) {
        if is_break_at(b, k) {
            return Some(k);
        }
        to = k;
    }
    None
}

/// Sort key: the first day of the named period, then its length rank; unplaceable last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    At(NaiveDate, u8, String),
    Unplaced,
}

fn latest_date(timexes: &[TimeExpr]) -> Option<NaiveDate> {
    timexes
        .iter()
        .filter_map(|t| NaiveDate::parse_from_str(t.value.get(..10)?, "%Y-%m-%d").ok())
        .max()
}

fn sort_key(value: &str, now: Option<NaiveDate>) -> SortKey {
    let rel = match value {
        "PAST_REF" => Some(0),
        "PRESENT_REF" => Some(6),
        "FUTURE_REF" => Some(7),
        _ => None,
    };
    if let Some(r) = rel {
        return match now {
            Some(d) => SortKey::At(d, r, String::new()),
            None => SortKey::Unplaced,
        };
    }
    match period_start(value) {
        Some((d, g)) => SortKey::At(d, g, value.to_string()),
        None => SortKey::Unplaced,
    }
}

/// The first day of the period a TIMEX3 date value names, and a rank (finer later).
fn period_start(v: &str) -> Option<(NaiveDate, u8)> {
    let num = |s: &str| -> Option<i32> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let year_part = v.get(..4)?;
    let (year, coarse) = match num(year_part) {
        Some(y) => (y, false),
        None => {
            // Decades and centuries: "199X", "199", "19".
            let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
            let rest = &v[digits.len()..];
            if !(rest.is_empty() || rest.chars().all(|c| c == 'X')) || digits.is_empty() {
                return None;
            }
            let y: i32 = digits.parse().ok()?;
            let scale = 10_i32.pow(4 - digits.len() as u32);
            return Some((NaiveDate::from_ymd_opt(y * scale, 1, 1)?, 0));
        }
    };
    debug_assert!(!coarse);
    let rest = v.get(5..).unwrap_or("");
    let day1 = |m: u32| NaiveDate::from_ymd_opt(year, m, 1);
    if rest.is_empty() {
        return Some((day1(1)?, 1));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return Some((day1(3 * q - 2)?, 2));
    }
    if let Some(h) = rest.strip_prefix('H') {
        let h: u32 = h.parse().ok().filter(|h| (1..=2).contains(h))?;
        return Some((day1(6 * h - 5)?, 2));
    }
    if let Some(w) = rest.strip_prefix('W') {
        let w: u32 = w.get(..2).and_then(|w| w.parse().ok())?;
        let d = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
        return Some((d, 4));
    }
    let season = match rest {
        "SP" => Some(3),
        "SU" => Some(6),
        "FA" => Some(9),
        "WI" => Some(12),
        _ => None,
    };
    if let Some(m) = season {
        return Some((day1(m)?, 2));
    }
    let month: u32 = rest.get(..2).and_then(|m| m.parse().ok())?;
    let d = day1(month)?;
    match rest.get(3..5).and_then(|d| d.parse::<u32>().ok()) {
        Some(day) => Some((d.with_day(day)?, 5)),
        None => Some((d, 3)),
    }
}
