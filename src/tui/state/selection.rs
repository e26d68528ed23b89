//! Selecting a passage sentence by sentence (visual mode), to highlight it, note it or
//! copy it.
//!
//! A [`SentenceSelection`] is a range of sentence indices: a fixed `anchor` and a
//! moving `head`. It starts on one sentence ([`SentenceSelection::at`] a byte offset,
//! e.g. the top of the view or the selected claim) and grows or shrinks with
//! [`SentenceSelection::extend`]; [`SentenceSelection::span`] is the byte span from the
//! first sentence's start to the last one's end, ready for
//! `Target::Passage(span)` or a quote.
//!
//! ```text
//! v        state.mode = Mode::Visual(SentenceSelection::at(&a.sentences, top_offset)?)
//! j / k    sel.extend(1 / -1, a.sentences.len())        // then scroll to sel.head_span()
//! a        open the editor on Target::Passage(sel.span(&a.sentences))
//! y        clipboard::copy(&quote_with_source(&text[sel.span(..)], title, source))
//! Esc      back to Mode::Normal
//! ```

use crate::analysis::{Sentence, Span};
use std::ops::RangeInclusive;

/// A run of whole sentences between `anchor` and `head` (either order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSelection {
    anchor: usize,
    head: usize,
}

impl SentenceSelection {
    /// A selection of the sentence at byte `offset`: the first one ending after it (the
    /// last sentence if none does). `None` when there are no sentences.
    pub fn at(sentences: &[Sentence], offset: usize) -> Option<SentenceSelection> {
        if sentences.is_empty() {
            return None;
        }
        let i = sentences
            .partition_point(|s| s.span.end <= offset)
            .min(sentences.len() - 1);
        Some(SentenceSelection { anchor: i, head: i })
    }

    /// Move the head by `delta` sentences, within `0..len`.
    pub fn extend(&mut self, delta: isize, len: usize) {
        self.head = self
            .head
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// The selected sentence indices, in text order.
    pub fn sentences(&self) -> RangeInclusive<usize> {
        self.anchor.min(self.head)..=self.anchor.max(self.head)
    }

    /// The number of selected sentences.
    pub fn len(&self) -> usize {
        self.anchor.abs_diff(self.head) + 1
    }

    /// Always false: a selection holds at least one sentence.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The byte span covered, from the first sentence's start to the last one's end.
    pub fn span(&self, sentences: &[Sentence]) -> Span {
        let r = self.sentences();
        match (sentences.get(*r.start()), sentences.get(*r.end())) {
            (Some(a), Some(b)) => a.span.start..b.span.end,
            _ => 0..0,
        }
    }

    /// The span of the moving end's sentence (to keep it in view).
    pub fn head_span(&self, sentences: &[Sentence]) -> Option<Span> {
        sentences.get(self.head).map(|s| s.span.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences() -> Vec<Sentence> {
        // "One. Two two. Three."
        [0..4, 5..13, 14..20]
            .into_iter()
            .map(|span| Sentence { span })
            .collect()
    }

    #[test]
    fn starts_on_the_sentence_at_an_offset() {
        let s = sentences();
        assert_eq!(SentenceSelection::at(&s, 0).unwrap().span(&s), 0..4);
        // Between sentences: the next one.
        assert_eq!(SentenceSelection::at(&s, 4).unwrap().span(&s), 5..13);
        assert_eq!(SentenceSelection::at(&s, 99).unwrap().span(&s), 14..20);
        assert_eq!(SentenceSelection::at(&[], 0), None);
    }

    #[test]
    fn extends_both_ways_and_clamps() {
        let s = sentences();
        let mut sel = SentenceSelection::at(&s, 6).unwrap();
        sel.extend(1, s.len());
        assert_eq!(sel.span(&s), 5..20);
        sel.extend(5, s.len());
        assert_eq!(sel.sentences(), 1..=2);
        sel.extend(-3, s.len());
        assert_eq!(sel.sentences(), 0..=1);
        assert_eq!(sel.span(&s), 0..13);
        assert_eq!(sel.len(), 2);
        assert_eq!(sel.head_span(&s), Some(0..4));
    }
}
