//! The claims' reading of the shared token stream ([`Tok`], [`Words`]), and the claim
//! lexicons (`assets/lexicons/attribution_cues.txt`, `hedges.txt`, `claim_cues.txt`),
//! parsed once into phrase tables matched word by word.

use super::checkworthy::WordKind;
use crate::analysis::lexicon::parse_list;
use crate::analysis::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// One token of the shared stream ([`crate::analysis::tokens`]) as the claim stages read
/// it: its span, lower-cased form and shape. Made per sentence from [`Words`], which
/// keeps twelve bytes a token and each distinct word's description once.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// Byte offset of the token in the document text.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// Lower-cased form, with typographic apostrophes made straight.
    pub lower: &'a str,
    /// Whether it is a word or number (else one punctuation character).
    pub word: bool,
    /// Whether the word starts with an upper-case letter.
    pub cap: bool,
    /// Whether the word contains a digit.
    pub digit: bool,
    /// Its hashed-word bucket ([`super::checkworthy::word_bucket`]), computed once per
    /// distinct word.
    pub bucket: u32,
    /// Its row in the span model's weights of the features that read a word
    /// ([`super::spans::Model::word`]), looked up once per distinct word.
    pub span_word: u32,
    /// What it counts for in check-worthiness ([`super::checkworthy::word_kind`]),
    /// worked out once per distinct word.
    pub kind: WordKind,
    /// Per phrase table ([`Phrases::slot`]), the phrases it may start (an index + 1 into
    /// the table's lists; 0 for none).
    first: [u32; 3],
}

impl Tok<'_> {
    /// The lower-cased form.
    pub fn lw(&self) -> &str {
        self.lower
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

/// A distinct word (as written) of a document, described once.
#[derive(Debug)]
struct Lexeme<'a> {
    /// Its length in bytes as written.
    len: u32,
    lower: Cow<'a, str>,
    word: bool,
    cap: bool,
    digit: bool,
    bucket: u32,
    span_word: u32,
    kind: WordKind,
    first: [u32; 3],
}

/// A document's tokens as the claim stages read them, sentence by sentence. Each token
/// is eight bytes (its start and its distinct word, in two lists made in the shared
/// stream's own memory); [`Words::sentence`] and [`Words::within`] make the [`Tok`]s of
/// a stretch when a stage reads it.
#[derive(Debug, Default)]
pub(crate) struct Words<'a> {
    /// Per token, its start byte.
    starts: Vec<u32>,
    /// Per token, its distinct word (an index into `lexemes`).
    ids: Vec<u32>,
    lexemes: Vec<Lexeme<'a>>,
    /// For each sentence, its range in `starts` and `ids`.
    sentences: Vec<Range<usize>>,
}

impl<'a> Words<'a> {
    /// Read the shared `tokens` of `text`, giving them up: the claims' reading is made
    /// in the stream's own memory, so that a book's tokens are not held twice. A
    /// possessive "'s" is a word of its own; a contraction the stream splits at its
    /// apostrophe ("don" "'" "t") is read as the one word the lexicons list ("don't").
    pub fn new(text: &'a str, tokens: Tokens) -> Self {
        let Tokens {
            toks,
            sentences: ranges,
            words: mut ids,
            firsts,
            ..
        } = tokens;
        let mut sentences = Vec::with_capacity(ranges.len());
        // Per distinct word of the stream, its lexeme; a joined contraction is looked up
        // by its text.
        let mut by_word = vec![u32::MAX; firsts.len()];
        drop(firsts);
        let mut joined: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut lexemes = Vec::new();
        // Whether each stream token starts a token of the claims' reading (the other
        // two of a joined contraction do not).
        let mut kept = vec![true; toks.len()];
        // Tokens read so far: the lexeme ids overwrite the stream's word ids in place.
        let mut n = 0;
        for r in &ranges {
            let first = n;
            let st = &toks[r.clone()];
            let mut k = 0;
            while k < st.len() {
                let t = st[k];
                let mut end = t.end();
                if t.kind() != Kind::Punct
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
                    kept[r.start + k + 1] = false;
                    kept[r.start + k + 2] = false;
                }
                let mut new = |w: &'a str| {
                    lexemes.push(lexeme(w, t.kind()));
                    (lexemes.len() - 1) as u32
                };
                let word = if end == t.end() {
                    let id = &mut by_word[ids[r.start + k] as usize];
                    if *id == u32::MAX {
                        *id = new(&text[t.range()]);
                    }
                    *id
                } else {
                    k += 2;
                    let w = &text[t.start()..end];
                    *joined.entry(w).or_insert_with(|| new(w))
                };
                ids[n] = word;
                n += 1;
                k += 1;
            }
            sentences.push(first..n);
        }
        ids.truncate(n);
        ids.shrink_to_fit();
        // Collected from the stream's tokens in their own allocation, then cut to size.
        let mut kept = kept.into_iter();
        let mut starts: Vec<u32> = toks
            .into_iter()
            .filter(|_| kept.next().unwrap_or(false))
            .map(|t| t.start() as u32)
            .collect();
        starts.shrink_to_fit();
        lexemes.shrink_to_fit();
        Words {
            starts,
            ids,
            lexemes,
            sentences,
        }
    }

    fn make(&self, r: Range<usize>) -> Vec<Tok<'_>> {
        self.starts[r.clone()]
            .iter()
            .zip(&self.ids[r])
            .map(|(&start, &id)| {
                let l = &self.lexemes[id as usize];
                Tok {
                    start: start as usize,
                    end: (start + l.len) as usize,
                    lower: &l.lower,
                    word: l.word,
                    cap: l.cap,
                    digit: l.digit,
                    bucket: l.bucket,
                    span_word: l.span_word,
                    kind: l.kind,
                    first: l.first,
                }
            })
            .collect()
    }

    /// Every token of the document.
    #[cfg(test)]
    pub fn all(&self) -> Vec<Tok<'_>> {
        self.make(0..self.starts.len())
    }

    /// The tokens of sentence `i`.
    pub fn sentence(&self, i: usize) -> Vec<Tok<'_>> {
        self.make(self.sentences[i].clone())
    }

    /// How many words sentence `i` has.
    pub fn sentence_words(&self, i: usize) -> usize {
        self.ids[self.sentences[i].clone()]
            .iter()
            .filter(|&&id| self.lexemes[id as usize].word)
            .count()
    }

    /// The tokens inside the byte span `a..b`.
    pub fn within(&self, a: usize, b: usize) -> Vec<Tok<'_>> {
        let i = self.starts.partition_point(|&s| (s as usize) < a);
        let end = |k: usize| (self.starts[k] + self.lexemes[self.ids[k] as usize].len) as usize;
        // The first token from `i` that ends past `b` (ends rise with starts).
        let (mut j, mut hi) = (i, self.starts.len());
        while j < hi {
            let mid = j + (hi - j) / 2;
            if end(mid) <= b {
                j = mid + 1;
            } else {
                hi = mid;
            }
        }
        self.make(i..j)
    }
}

/// The description of a distinct token `w` whose stream token (its first, for a joined
/// contraction) is of `kind`.
fn lexeme(w: &str, kind: Kind) -> Lexeme<'_> {
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
    let mut t = Tok {
        start: 0,
        end: 0,
        lower: &lower,
        word,
        cap: kind == Kind::Word && w.chars().next().is_some_and(char::is_uppercase),
        digit: word && w.bytes().any(|b| b.is_ascii_digit()),
        bucket: 0,
        span_word: 0,
        kind: WordKind::default(),
        first: [0; 3],
    };
    t.bucket = super::checkworthy::word_bucket(&t);
    let kind = super::checkworthy::word_kind(&t);
    let first = [
        ATTRIBUTION.index(&lower),
        HEDGES.index(&lower),
        CUES.index(&lower),
    ];
    let (cap, digit, bucket) = (t.cap, t.digit, t.bucket);
    Lexeme {
        len: w.len() as u32,
        span_word: super::spans::SPANS.word(&lower),
        kind,
        lower,
        word,
        cap,
        digit,
        bucket,
        first,
    }
}

/// The claims' tokens of a text analysed on its own (for tests and examples).
#[cfg(test)]
pub(crate) fn words_of(text: &str) -> Words<'_> {
    let sentences = crate::analysis::text::sentences(text);
    Words::new(text, Tokens::new(text, &sentences))
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
    /// Per first word, an index into `lists`.
    by_first: FxHashMap<&'static str, u32>,
    lists: Vec<Vec<(Vec<&'static str>, T)>>,
    /// Which of a [`Tok`]'s looked-up entries is this table's.
    slot: usize,
}

impl<T: Copy> Phrases<T> {
    fn new(slot: usize, entries: impl Iterator<Item = (&'static str, T)>) -> Self {
        let mut by_first: FxHashMap<&'static str, u32> = FxHashMap::default();
        let mut lists: Vec<Vec<(Vec<&'static str>, T)>> = Vec::new();
        for (phrase, tag) in entries {
            let mut words = phrase.split_whitespace();
            let Some(first) = words.next() else { continue };
            let k = *by_first.entry(first).or_insert_with(|| {
                lists.push(Vec::new());
                (lists.len() - 1) as u32
            });
            lists[k as usize].push((words.collect(), tag));
        }
        // Longest phrases first, so that the first match is the longest.
        for list in &mut lists {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        Phrases {
            by_first,
            lists,
            slot,
        }
    }

    /// The phrases starting with the (lower-case) word `w`: an index + 1 into `lists`,
    /// or 0 for none; kept in each [`Tok`].
    fn index(&self, w: &str) -> u32 {
        self.by_first.get(w).map_or(0, |&k| k + 1)
    }

    /// The longest phrase starting at word `i` of `toks`: its length in tokens and tag.
    pub(crate) fn at(&self, toks: &[Tok], i: usize) -> Option<(usize, T)> {
        let k = toks[i].first[self.slot].checked_sub(1)?;
        'outer: for (rest, tag) in &self.lists[k as usize] {
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
        0,
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
    Phrases::new(
        1,
        parse_list(include_str!("../../../assets/lexicons/hedges.txt")).map(|p| (p, ())),
    )
});

/// Claim-kind and opinion cues.
pub(crate) static CUES: LazyLock<Phrases<Cue>> = LazyLock::new(|| {
    Phrases::new(
        2,
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
