//! The claims' reading of the shared token stream ([`Tok`], [`Words`]), and the claim
//! lexicons (`assets/lexicons/attribution_cues.txt`, `hedges.txt`, `claim_cues.txt`),
//! parsed once into phrase tables matched word by word.

use crate::analysis::lexicon::parse_list;
use crate::analysis::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// One token of the shared stream ([`crate::analysis::tokens`]) as the claim stages read
/// it: its span, lower-cased form and shape.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// Byte offset of the token in the document text.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// Lower-cased form, with typographic apostrophes made straight.
    pub lower: Cow<'a, str>,
    /// Whether it is a word or number (else one punctuation character).
    pub word: bool,
    /// Whether the word starts with an upper-case letter.
    pub cap: bool,
    /// Whether the word contains a digit.
    pub digit: bool,
}

impl Tok<'_> {
    /// The lower-cased form.
    pub fn lw(&self) -> &str {
        &self.lower
    }

    /// Whether this is the punctuation character `c`.
    pub fn is(&self, c: char) -> bool {
        !self.word && self.lower.len() == c.len_utf8() && self.lower.starts_with(c)
    }

    /// Whether this is a comma, semicolon, colon or dash: a clause boundary.
    pub fn is_clause_punct(&self) -> bool {
        !self.word
            && self.lower.chars().count() == 1
            && matches!(
                self.lower.chars().next(),
                Some(',' | ';' | ':' | '—' | '–' | '―' | '(' | ')')
            )
    }
}

/// A document's tokens as the claim stages read them, sentence by sentence.
#[derive(Debug, Default)]
pub(crate) struct Words<'a> {
    /// Every token, in text order.
    pub toks: Vec<Tok<'a>>,
    /// For each sentence, its range in `toks`.
    pub sentences: Vec<Range<usize>>,
}

impl<'a> Words<'a> {
    /// Read the shared `tokens` of `text`. A possessive "'s" is a word of its own; a
    /// contraction the stream splits at its apostrophe ("don" "'" "t") is read as the
    /// one word the lexicons list ("don't").
    pub fn new(text: &'a str, tokens: &Tokens) -> Self {
        let mut toks = Vec::with_capacity(tokens.toks.len());
        let mut sentences = Vec::with_capacity(tokens.sentences.len());
        for r in &tokens.sentences {
            let first = toks.len();
            let st = &tokens.toks[r.clone()];
            let mut k = 0;
            while k < st.len() {
                let t = st[k];
                let mut end = t.end();
                if t.kind != Kind::Punct
                    && k + 2 < st.len()
                    && st[k + 1].start() == t.end()
                    && st[k + 2].start() == st[k + 1].end()
                    && matches!(&text[st[k + 1].range()], "'" | "\u{2019}")
                    && matches!(
                        &text[st[k + 2].range()],
                        "t" | "m" | "ve" | "ll" | "re" | "d" | "T" | "M" | "VE" | "LL" | "RE" | "D"
                    )
                {
                    end = st[k + 2].end();
                    k += 2;
                }
                toks.push(tok(text, t.start(), end, t.kind));
                k += 1;
            }
            sentences.push(first..toks.len());
        }
        Words { toks, sentences }
    }

    /// The tokens of sentence `i`.
    pub fn sentence(&self, i: usize) -> &[Tok<'a>] {
        &self.toks[self.sentences[i].clone()]
    }

    /// The tokens inside the byte span `a..b`.
    pub fn within(&self, a: usize, b: usize) -> &[Tok<'a>] {
        let i = self.toks.partition_point(|t| t.start < a);
        let j = self.toks.partition_point(|t| t.end <= b).max(i);
        &self.toks[i..j]
    }
}

fn tok(text: &str, start: usize, end: usize, kind: Kind) -> Tok<'_> {
    let w = &text[start..end];
    let possessive = kind == Kind::Punct && w.chars().count() == 2;
    let word = kind != Kind::Punct || possessive;
    // Borrow the common case (already lower-case ASCII) to avoid an allocation.
    let lower = if !w.is_ascii() {
        Cow::Owned(w.to_lowercase().replace('\u{2019}', "'"))
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    };
    Tok {
        start,
        end,
        lower,
        word,
        cap: kind == Kind::Word && w.chars().next().is_some_and(char::is_uppercase),
        digit: word && w.bytes().any(|b| b.is_ascii_digit()),
    }
}

/// The claims' tokens of a text analysed on its own (for tests and examples).
#[cfg(test)]
pub(crate) fn words_of(text: &str) -> Words<'_> {
    let sentences = crate::analysis::text::sentences(text);
    Words::new(text, &Tokens::new(text, &sentences))
}

/// How an attribution cue relates to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// A reporting verb whose subject is the source.
    Say,
    /// A reporting verb with a hearer object before the content ("told reporters that").
    Tell,
    /// A word that is a cue only with a clear subject or a following "that".
    Weak,
    /// A prepositional cue followed by its source ("according to").
    Prep,
    /// A verb whose content is its object, a short phrase ("endorsed X", "attacked Y").
    Object,
    /// A reporting verb learned from data, with a clause as content: like `Say`, but
    /// only with a plain subject before it, never inverted.
    Verb,
}

/// What a claim cue says about a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Cause and effect.
    Causal,
    /// Accusation or blame.
    Accusation,
    /// A prediction.
    Prediction,
    /// A comparison or a change of quantity.
    Comparison,
    /// The author's judgement or rhetoric.
    Opinion,
    /// A past-tense event verb.
    Event,
    /// A generalising, evaluative or abstract word.
    Generic,
}

/// Multi-word phrases keyed by their first word; each entry is the remaining words
/// and a tag.
pub(crate) struct Phrases<T> {
    by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>>,
}

impl<T: Copy> Phrases<T> {
    fn new(entries: impl Iterator<Item = (&'static str, T)>) -> Self {
        let mut by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>> =
            FxHashMap::default();
        for (phrase, tag) in entries {
            let mut words = phrase.split_whitespace();
            let Some(first) = words.next() else { continue };
            by_first
                .entry(first)
                .or_default()
                .push((words.collect(), tag));
        }
        // Longest phrases first, so that the first match is the longest.
        for list in by_first.values_mut() {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        Phrases { by_first }
    }

    /// The longest phrase starting at word `i` of `toks`: its length in tokens and tag.
    pub(crate) fn at(&self, toks: &[Tok], i: usize) -> Option<(usize, T)> {
        let list = self.by_first.get(toks[i].lw())?;
        'outer: for (rest, tag) in list {
            if i + rest.len() > toks.len() {
                continue;
            }
            for (k, w) in rest.iter().enumerate() {
                match toks.get(i + 1 + k) {
                    Some(t) if t.lower == *w => {}
                    _ => continue 'outer,
                }
            }
            return Some((rest.len() + 1, *tag));
        }
        None
    }
}

fn tagged(src: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    parse_list(src).filter_map(|l| l.split_once(' ').map(|(t, p)| (t, p.trim())))
}

/// Attribution cues by class: the hand-written list, then the one learned from annotated
/// news (`scripts/build-cues`).
pub(crate) static ATTRIBUTION: LazyLock<Phrases<CueClass>> = LazyLock::new(|| {
    Phrases::new(
        tagged(include_str!(
            "../../../assets/lexicons/attribution_cues.txt"
        ))
        .chain(tagged(include_str!(
            "../../../assets/lexicons/attribution_cues_learned.txt"
        )))
        .filter_map(|(tag, p)| {
            let class = match tag {
                "say" => CueClass::Say,
                "tell" => CueClass::Tell,
                "weak" => CueClass::Weak,
                "prep" => CueClass::Prep,
                "object" => CueClass::Object,
                "verb" => CueClass::Verb,
                _ => return None,
            };
            Some((p, class))
        }),
    )
});

/// Hedges.
pub(crate) static HEDGES: LazyLock<Phrases<()>> = LazyLock::new(|| {
    Phrases::new(parse_list(include_str!("../../../assets/lexicons/hedges.txt")).map(|p| (p, ())))
});

/// Claim-kind and opinion cues.
pub(crate) static CUES: LazyLock<Phrases<Cue>> = LazyLock::new(|| {
    Phrases::new(
        tagged(include_str!("../../../assets/lexicons/claim_cues.txt")).filter_map(|(tag, p)| {
            let cue = match tag {
                "causal" => Cue::Causal,
                "accusation" => Cue::Accusation,
                "prediction" => Cue::Prediction,
                "comparison" => Cue::Comparison,
                "opinion" => Cue::Opinion,
                "event" => Cue::Event,
                "generic" => Cue::Generic,
                _ => return None,
            };
            Some((p, cue))
        }),
    )
});
