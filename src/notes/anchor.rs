//! Text-quote anchors and re-anchoring.
//!
//! An [`Anchor`] remembers a passage the way the W3C Web Annotation model does: the exact
//! quote, up to [`CONTEXT_CHARS`] code points of context on each side, and its position
//! (bytes for lede, code points for exports). When the document text changes, [`locate`]
//! finds the passage again, in three steps of growing cost:
//!
//! 1. **position**: the text at the stored byte range is still the quote (→ kept);
//! 2. **quote**: the quote occurs elsewhere; with several occurrences the one whose
//!    surroundings best match the stored prefix and suffix wins, then the nearest (→ moved);
//! 3. **fuzzy**: a bounded approximate search (edit distance, Sellers' algorithm) in
//!    windows around seed positions where part of the quote or its context still occurs;
//!    accepted when at most a quarter of the quote changed (→ moved).
//!
//! Otherwise the passage is orphaned: the caller keeps the anchor (and its quote) as it was.
//! The fuzzy step is bounded by a [`Budget`] of DP cells, so re-anchoring many notes on a
//! book stays fast; when it runs out, the remaining notes are orphaned, not lost.

use crate::analysis::{text::CharIndex, Span};
use serde::{Deserialize, Serialize};

/// Code points of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Quotes shorter than this (in code points) are only found exactly, never fuzzily.
const MIN_FUZZY_CHARS: usize = 8;
/// Quotes shorter than this need some matching context to be found fuzzily.
const SHORT_FUZZY_CHARS: usize = 20;
/// Quotes longer than this are only found exactly (the fuzzy search is quadratic).
const MAX_FUZZY_CHARS: usize = 4000;
/// At most this many windows are searched fuzzily per quote.
const MAX_WINDOWS: usize = 8;
/// At most this many occurrences of one seed string are considered.
const MAX_SEED_HITS: usize = 64;
/// At most this many exact occurrences of a quote are scored.
const MAX_EXACT_HITS: usize = 10_000;

/// Where a passage is: its quote, its context and its position in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The passage's text, exactly.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] code points just before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points just after it.
    #[serde(default)]
    pub suffix: String,
    /// Byte offset of its start in the document text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// Code-point offset of its start.
    pub char_start: usize,
    /// Code-point offset of its end (exclusive).
    pub char_end: usize,
}

impl Anchor {
    /// The anchor of byte range `span` of `text`. A range off char boundaries or past
    /// the end is widened/clamped to the nearest boundaries, so this never panics.
    pub fn new(text: &str, span: Span) -> Anchor {
        let start = floor_boundary(text, span.start.min(text.len()));
        let end = ceil_boundary(text, span.end.clamp(start, text.len()));
        let char_start = text[..start].chars().count();
        let char_end = char_start + text[start..end].chars().count();
        Self::build(text, start, end, char_start, char_end)
    }

    /// Like [`Anchor::new`] with a prepared [`CharIndex`] of `text` (spans on char boundaries).
    pub fn with_index(text: &str, idx: &CharIndex, span: Span) -> Anchor {
        Self::build(
            text,
            span.start,
            span.end,
            idx.to_char(span.start),
            idx.to_char(span.end),
        )
    }

    fn build(text: &str, start: usize, end: usize, char_start: usize, char_end: usize) -> Anchor {
        let before = &text[..start];
        let cut = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after = &text[end..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Anchor {
            exact: text[start..end].to_string(),
            prefix: before[cut..].to_string(),
            suffix: after[..suffix_end].to_string(),
            start,
            end,
            char_start,
            char_end,
        }
    }

    /// The byte range it was last attached to.
    pub fn span(&self) -> Span {
        self.start..self.end
    }

    /// Whether `text` still holds the quote at the stored position.
    pub fn holds(&self, text: &str) -> bool {
        text.get(self.start..self.end) == Some(self.exact.as_str())
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// How one passage fared when the text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Found where it was.
    Kept,
    /// Found elsewhere (the same quote, or a slightly edited one).
    Moved,
    /// Not found: the note keeps its old quote and is shown apart.
    Orphaned,
}

/// Counts of [`Outcome`]s, shown to the reader after a document changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReanchorSummary {
    /// Notes found where they were.
    pub kept: usize,
    /// Notes found elsewhere.
    pub moved: usize,
    /// Notes whose passage is gone.
    pub orphaned: usize,
}

impl ReanchorSummary {
    /// Count one outcome.
    pub fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Kept => self.kept += 1,
            Outcome::Moved => self.moved += 1,
            Outcome::Orphaned => self.orphaned += 1,
        }
    }

    /// Whether every note stayed where it was (nothing worth telling the reader).
    pub fn all_kept(&self) -> bool {
        self.moved == 0 && self.orphaned == 0
    }
}

impl std::fmt::Display for ReanchorSummary {
    /// `3 notes kept, 1 moved, 1 orphaned`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let noun = if self.kept == 1 { "note" } else { "notes" };
        write!(
            f,
            "{} {noun} kept, {} moved, {} orphaned",
            self.kept, self.moved, self.orphaned
        )
    }
}

/// Work allowed to the fuzzy search, in dynamic-programming cells.
#[derive(Debug, Clone, Copy)]
pub struct Budget(pub u64);

impl Default for Budget {
    /// About 100 million cells: well under a second on one core.
    fn default() -> Self {
        Budget(100_000_000)
    }
}

/// Find `anchor`'s passage in `text` (see the module docs). Returns the new anchor and
/// whether it was kept or moved, or `None` when the passage is gone.
pub fn locate(
    anchor: &Anchor,
    text: &str,
    idx: &CharIndex,
    budget: &mut Budget,
) -> Option<(Anchor, Outcome)> {
    if anchor.exact.is_empty() {
        return None;
    }
    if anchor.holds(text) {
        let a = Anchor::with_index(text, idx, anchor.span());
        return Some((a, Outcome::Kept));
    }
    let span = find_quote(anchor, text).or_else(|| find_fuzzy(anchor, text, idx, budget))?;
    Some((Anchor::with_index(text, idx, span), Outcome::Moved))
}

/// Step 2: exact occurrences of the quote, ranked by context, then by nearness.
fn find_quote(anchor: &Anchor, text: &str) -> Option<Span> {
    let exact = anchor.exact.as_str();
    text.match_indices(exact)
        .take(MAX_EXACT_HITS)
        .map(|(i, _)| {
            let score = context_score(anchor, text, i, i + exact.len());
            let dist = i.abs_diff(anchor.start);
            (std::cmp::Reverse(score), dist, i)
        })
        .min()
        .map(|(_, _, i)| i..i + exact.len())
}

/// How many code points of the stored prefix and suffix match around `start..end`.
fn context_score(anchor: &Anchor, text: &str, start: usize, end: usize) -> usize {
    let before = anchor
        .prefix
        .chars()
        .rev()
        .zip(text[..start].chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = anchor
        .suffix
        .chars()
        .zip(text[end..].chars())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

/// Step 3: approximate search around seed positions.
fn find_fuzzy(anchor: &Anchor, text: &str, idx: &CharIndex, budget: &mut Budget) -> Option<Span> {
    let pattern: Vec<char> = anchor.exact.chars().collect();
    let m = pattern.len();
    if !(MIN_FUZZY_CHARS..=MAX_FUZZY_CHARS).contains(&m) {
        return None;
    }
    let total_chars = idx.to_char(text.len());
    let old = anchor.char_start.min(total_chars);
    // Seeds: char positions where the quote probably starts now.
    let mut seeds = vec![old];
    let k = (m / 3).clamp(4, 16);
    let head: String = pattern[..k].iter().collect();
    let tail: String = pattern[m - k..].iter().collect();
    let ctx_before: String = {
        let p: Vec<char> = anchor.prefix.chars().collect();
        p[p.len().saturating_sub(16)..].iter().collect()
    };
    let ctx_after: String = anchor.suffix.chars().take(16).collect();
    let hits = |needle: &str| -> Vec<usize> {
        if needle.chars().count() < 4 {
            return Vec::new();
        }
        text.match_indices(needle)
            .take(MAX_SEED_HITS)
            .map(|(i, s)| (idx.to_char(i), idx.to_char(i + s.len())))
            .map(|(s, e)| s.min(e))
            .collect()
    };
    seeds.extend(hits(&head));
    seeds.extend(hits(&tail).into_iter().map(|s| (s + k).saturating_sub(m)));
    let n_before = ctx_before.chars().count();
    seeds.extend(hits(&ctx_before).into_iter().map(|s| s + n_before));
    seeds.extend(hits(&ctx_after).into_iter().map(|s| s.saturating_sub(m)));
    seeds.sort_by_key(|&s| (s.abs_diff(old), s));
    seeds.dedup();

    let slack = m / 2 + 8;
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for s in seeds {
        let w = (s.saturating_sub(slack), (s + m + slack).min(total_chars));
        // Skip seeds whose window is already (mostly) covered.
        if windows
            .iter()
            .any(|&(a, b)| a <= w.0 && w.1 <= b + slack / 2)
        {
            continue;
        }
        windows.push(w);
        if windows.len() == MAX_WINDOWS {
            break;
        }
    }

    let max_dist = m / 4;
    let mut best: Option<(usize, usize, usize, usize)> = None; // (dist, nearness, start, end) in chars
    for (a, b) in windows {
        let cells = (m as u64) * ((b - a) as u64 + 1);
        if cells > budget.0 {
            break;
        }
        budget.0 -= cells;
        let window: Vec<char> = text[idx.to_byte(a)..idx.to_byte(b)].chars().collect();
        if let Some((dist, s, e)) = approximate_match(&pattern, &window) {
            let (s, e) = (a + s, a + e);
            let cand = (dist, s.abs_diff(old), s, e);
            // A short quote changed at all could match anything: ask for its context too.
            let plausible = m >= SHORT_FUZZY_CHARS
                || dist == 0
                || context_score(anchor, text, idx.to_byte(s), idx.to_byte(e)) >= 4;
            if dist <= max_dist
                && e > s
                && plausible
                && best.is_none_or(|b| (cand.0, cand.1) < (b.0, b.1))
            {
                best = Some(cand);
            }
        }
    }
    best.map(|(_, _, s, e)| idx.to_byte(s)..idx.to_byte(e))
}

/// Best approximate occurrence of `pattern` in `window`: the substring with the least
/// edit distance (Sellers' algorithm, O(m·n) time, O(n) memory). Returns
/// `(distance, start, end)` in window positions.
pub(crate) fn approximate_match(
    pattern: &[char],
    window: &[char],
) -> Option<(usize, usize, usize)> {
    let n = window.len();
    if pattern.is_empty() || n == 0 {
        return None;
    }
    // Row i holds, for each window end j, the cost of matching pattern[..i] ending at j
    // and where that match starts.
    let mut cost: Vec<usize> = vec![0; n + 1];
    let mut start: Vec<usize> = (0..=n).collect();
    let mut next_cost = vec![0; n + 1];
    let mut next_start = vec![0; n + 1];
    for (i, &pc) in pattern.iter().enumerate() {
        next_cost[0] = i + 1;
        next_start[0] = 0;
        for j in 1..=n {
            let sub = cost[j - 1] + usize::from(window[j - 1] != pc);
            let del = cost[j] + 1; // pattern char missing from the window
            let ins = next_cost[j - 1] + 1; // extra char in the window
            let (c, s) = if sub <= del && sub <= ins {
                (sub, start[j - 1])
            } else if del <= ins {
                (del, start[j])
            } else {
                (ins, next_start[j - 1])
            };
            next_cost[j] = c;
            next_start[j] = s;
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut start, &mut next_start);
    }
    (1..=n)
        .map(|j| (cost[j], j))
        .min_by_key(|&(c, j)| (c, std::cmp::Reverse(j - start[j])))
        .map(|(c, j)| (c, start[j], j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relocate(anchor: &Anchor, text: &str) -> Option<(Anchor, Outcome)> {
        locate(anchor, text, &CharIndex::new(text), &mut Budget::default())
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let i = text.find(needle).unwrap();
        i..i + needle.len()
    }

    #[test]
    fn anchor_keeps_context_and_code_points() {
        let text = "Ж😀 one two three four";
        let a = Anchor::new(text, span_of(text, "two"));
        assert_eq!(a.exact, "two");
        assert_eq!(a.prefix, "Ж😀 one ");
        assert_eq!(a.suffix, " three four");
        assert_eq!((a.char_start, a.char_end), (7, 10));
    }

    #[test]
    fn anchor_context_is_bounded() {
        let text = format!("{}QUOTE{}", "a".repeat(100), "b".repeat(100));
        let a = Anchor::new(&text, span_of(&text, "QUOTE"));
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(a.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn anchor_never_splits_a_char() {
        let text = "aЖb";
        let a = Anchor::new(text, 2..4); // starts inside 'Ж'
        assert_eq!(a.exact, "Жb");
        let a = Anchor::new(text, 1..99);
        assert_eq!(a.exact, "Жb");
    }

    #[test]
    fn unchanged_text_keeps() {
        let text = "The mayor said the budget grew by 12 percent last year.";
        let a = Anchor::new(text, span_of(text, "the budget grew by 12 percent"));
        let (b, o) = relocate(&a, text).unwrap();
        assert_eq!(o, Outcome::Kept);
        assert_eq!(b, a);
    }

    #[test]
    fn shifted_text_moves() {
        let old = "The mayor said the budget grew by 12 percent last year.";
        let new = "On Monday, the mayor said the budget grew by 12 percent last year.";
        let a = Anchor::new(old, span_of(old, "the budget grew"));
        let (b, o) = relocate(&a, new).unwrap();
        assert_eq!(o, Outcome::Moved);
        assert_eq!(b.span(), span_of(new, "the budget grew"));
        assert_eq!(&new[b.span()], "the budget grew");
    }

    #[test]
    fn repeated_quote_is_disambiguated_by_context() {
        let old = "Alpha said no. Beta said no. Gamma said no.";
        let a = Anchor::new(old, 20..27); // Beta's "said no"
        assert_eq!(a.exact, "said no");
        let new = format!("Intro. {old}");
        let (b, o) = relocate(&a, &new).unwrap();
        assert_eq!(o, Outcome::Moved);
        assert_eq!(b.prefix, "Intro. Alpha said no. Beta ");
    }

    #[test]
    fn edited_quote_is_found_fuzzily() {
        let old = "Officials warned that the concert hall had been left without adequate security for weeks.";
        let new = "Officials had warned that the concert-hall had been left without any adequate security for weeks.";
        let a = Anchor::new(
            old,
            span_of(
                old,
                "the concert hall had been left without adequate security",
            ),
        );
        let (b, o) = relocate(&a, new).unwrap();
        assert_eq!(o, Outcome::Moved);
        assert_eq!(
            b.exact,
            "the concert-hall had been left without any adequate security"
        );
    }

    #[test]
    fn removed_passage_is_orphaned() {
        let old = "First paragraph stays.\n\nThe minister resigned after the scandal broke.";
        let new = "First paragraph stays.\n\nSomething else entirely is written here now.";
        let a = Anchor::new(old, span_of(old, "The minister resigned after the scandal"));
        assert!(relocate(&a, new).is_none());
    }

    #[test]
    fn short_edited_quote_needs_context() {
        let old = "Zeta: prices rose sharply. Then nothing.";
        let a = Anchor::new(old, span_of(old, "prices rose"));
        // Same context: found.
        let new = "Zeta: prices rise sharply. Then nothing.";
        assert_eq!(relocate(&a, new).unwrap().0.exact, "prices rise");
        // Different context everywhere: orphaned rather than guessed.
        let new = "Alpha beta. Prices rise quickly. Omega.";
        assert!(relocate(&a, new).is_none());
    }

    #[test]
    fn fuzzy_search_respects_budget() {
        let old = "Officials warned that the concert hall had been left without security.";
        let new = "Officials warned that the concert-hall had been left without security.";
        let a = Anchor::new(old, span_of(old, "the concert hall had been left"));
        let idx = CharIndex::new(new);
        assert!(locate(&a, new, &idx, &mut Budget(10)).is_none());
    }

    #[test]
    fn approximate_match_finds_substring() {
        let p: Vec<char> = "kitten".chars().collect();
        let w: Vec<char> = "the sitting cat".chars().collect();
        let (d, s, e) = approximate_match(&p, &w).unwrap();
        assert_eq!(d, 2);
        assert_eq!(w[s..e].iter().collect::<String>(), "sittin");
    }

    #[test]
    fn summary_reads_well() {
        let s = ReanchorSummary {
            kept: 3,
            moved: 1,
            orphaned: 1,
        };
        assert_eq!(s.to_string(), "3 notes kept, 1 moved, 1 orphaned");
        assert!(!s.all_kept());
    }
}
