//! The claim lexicons (`assets/lexicons/attribution_cues.txt`, `hedges.txt`,
//! `claim_cues.txt`), parsed once into phrase tables matched word by word.

use super::tokens::Tok;
use crate::analysis::lexicon::parse_list;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the phrase tables are looked up once per word, and short keys hash much
/// faster with it than with the default SipHash.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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
    by_first: FnvMap<&'static str, Vec<(Vec<&'static str>, T)>>,
}

impl<T: Copy> Phrases<T> {
    fn new(entries: impl Iterator<Item = (&'static str, T)>) -> Self {
        let mut by_first: FnvMap<&'static str, Vec<(Vec<&'static str>, T)>> = FnvMap::default();
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

/// Attribution cues by class.
pub(crate) static ATTRIBUTION: LazyLock<Phrases<CueClass>> = LazyLock::new(|| {
    Phrases::new(
        tagged(include_str!(
            "../../../assets/lexicons/attribution_cues.txt"
        ))
        .filter_map(|(tag, p)| {
            let class = match tag {
                "say" => CueClass::Say,
                "tell" => CueClass::Tell,
                "weak" => CueClass::Weak,
                "prep" => CueClass::Prep,
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
