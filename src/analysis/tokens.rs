//! The one token stream of the analysis: words (with internal hyphens and apostrophes,
//! dotted abbreviations such as "U.S.", title abbreviations such as "Mr."), numbers and
//! single punctuation characters, as byte spans into the immutable document text.
//!
//! Tokenisation follows CoNLL-2003's conventions where they matter to the tagger trained
//! on it: a possessive "'s" is its own token, hyphenated compounds are one token, a
//! currency sign stands apart from its number. [`Tokens::new`] tokenises a document once,
//! sentence by sentence; every stage reads the same tokens.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Starts with a letter.
    Word,
    /// Starts with a digit.
    Num,
    /// Any other single character.
    Punct,
}

/// One token: a byte span into the text and its kind. Offsets are stored in 32 bits
/// (twelve bytes a token; lede's inputs are capped far below 4 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    start: u32,
    end: u32,
    /// What it is.
    pub kind: Kind,
}

impl Tok {
    /// Start byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// End byte (exclusive).
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte span.
    #[inline]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }
}

/// A document's tokens, sentence by sentence: tokenised once, read by every stage.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens, in text order.
    pub toks: Vec<Tok>,
    /// For each sentence (same order as the analysis' sentences), its range in `toks`.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// Per token, its distinct word: tokens of the same text share an id, and ids are
    /// numbered in the order their words first occur. Interned once here, so that the
    /// stages describe each distinct word once without hashing the text again.
    pub words: Vec<u32>,
    /// Per distinct word, the index in `toks` of its first occurrence.
    pub firsts: Vec<u32>,
}

impl Tokens {
    /// Tokenise each sentence of `text`.
    pub fn new(text: &str, sentences: &[crate::analysis::Sentence]) -> Self {
        // English runs at about five bytes a token: room for four, so that a book's
        // stream is not doubled on the last sentences, then kept at its size.
        let mut toks = Vec::with_capacity(text.len() / 4 + 16);
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            let start = toks.len();
            tokenize_into(&text[s.span.clone()], s.span.start, &mut toks);
            ranges.push(start..toks.len());
        }
        toks.shrink_to_fit();
        let (words, firsts) = intern(text, &toks);
        Tokens {
            toks,
            sentences: ranges,
            words,
            firsts,
        }
    }

    /// The text of distinct word `w`.
    pub fn word<'t>(&self, text: &'t str, w: u32) -> &'t str {
        &text[self.toks[self.firsts[w as usize] as usize].range()]
    }

    /// The tokens of sentence `i`.
    pub fn sentence(&self, i: usize) -> &[Tok] {
        &self.toks[self.sentences[i].clone()]
    }
}

/// Each token's distinct word, and each word's first token ([`Tokens::words`]).
fn intern(text: &str, toks: &[Tok]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: rustc_hash::FxHashMap<&str, u32> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(toks.len() / 16 + 16, Default::default());
    let mut firsts = Vec::new();
    // One-byte words and punctuation, the most frequent tokens, skip the hash map.
    let mut single = [u32::MAX; 128];
    let words = toks
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let w = &text[t.range()];
            let mut intern = |w| {
                *ids.entry(w).or_insert_with(|| {
                    firsts.push(to_u32(k));
                    to_u32(firsts.len() - 1)
                })
            };
            match w.as_bytes() {
                &[b] if b < 128 => {
                    if single[b as usize] == u32::MAX {
                        single[b as usize] = intern(w);
                    }
                    single[b as usize]
                }
                _ => intern(w),
            }
        })
        .collect();
    firsts.shrink_to_fit();
    (words, firsts)
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenise `s`, whose first byte is at `base` in the document.
#[cfg(test)]
pub fn tokenize(s: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    tokenize_into(s, base, &mut out);
    out
}

/// A byte offset in 32 bits, saturating (texts past 4 GiB are not analysed whole).
fn to_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The character at byte `i` of `s` (a char boundary) and its length, if any.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        s[i..].chars().next().map(|c| (c, c.len_utf8()))
    }
}

/// Tokenise `s`, whose first byte is at `base` in the document, appending to `out`.
pub fn tokenize_into(s: &str, base: usize, out: &mut Vec<Tok>) {
    let at = |i: usize| char_at(s, i).map(|(c, _)| c);
    let mut i = 0;
    while let Some((c, len)) = char_at(s, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            // A word: letters and digits, joined by inner hyphens and apostrophes; dots
            // inside single-letter abbreviations ("U.S.", "U.N.").
            let mut seg_start = i;
            let mut has_dot = false;
            i += len;
            while let Some((c, len)) = char_at(s, i) {
                if c.is_alphanumeric() {
                    i += len;
                } else if (c == '-' || c == '\u{2010}')
                    && at(i + len).is_some_and(char::is_alphanumeric)
                {
                    i += len;
                    seg_start = i;
                } else if is_apos(c) && at(i + len).is_some_and(char::is_alphabetic) {
                    // A possessive 's and contractions ("I'm", "we've") end the word;
                    // O'Neill and Shi'ite do not.
                    let rest = &s[i + len..];
                    let tail = &rest[..rest
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(rest.len())];
                    if matches!(tail, "s" | "S" | "m" | "ve" | "ll" | "re" | "d" | "t") {
                        break;
                    }
                    i += len;
                } else if c == '.'
                    && char_at(s, seg_start)
                        .is_some_and(|(h, l)| seg_start + l == i && h.is_uppercase())
                    && (has_dot
                        || char_at(s, i + 1)
                            .is_some_and(|(u, ul)| u.is_uppercase() && at(i + 1 + ul) == Some('.')))
                {
                    has_dot = true;
                    i += 1;
                    seg_start = i;
                } else {
                    break;
                }
            }
            Kind::Word
        } else if c.is_ascii_digit() {
            i += 1;
            while let Some((c, len)) = char_at(s, i) {
                if c.is_alphanumeric()
                    || matches!(c, '.' | ',' | ':' | '-' | '/')
                        && at(i + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    i += len;
                } else {
                    break;
                }
            }
            Kind::Num
        } else if is_apos(c)
            && matches!(at(i + len), Some('s' | 'S'))
            && !at(i + len + 1).is_some_and(char::is_alphanumeric)
            && s[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            i += len + 1;
            Kind::Punct
        } else {
            i += len;
            Kind::Punct
        };
        // A title or common abbreviation keeps its period, as CoNLL writes "Mr." and "Corp.".
        if kind == Kind::Word
            && at(i) == Some('.')
            && !at(i + 1).is_some_and(char::is_alphanumeric)
            && crate::analysis::lexicon::is_title_abbrev(&s[start..i])
        {
            i += 1;
        }
        out.push(Tok {
            start: to_u32(base + start),
            end: to_u32(base + i),
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0).iter().map(|t| &s[t.range()]).collect()
    }

    #[test]
    fn possessives_abbreviations_hyphens() {
        assert_eq!(
            words("Putin's U.S. visit, al-Qaida’s O'Neill London-based 3.5%"),
            [
                "Putin",
                "'s",
                "U.S.",
                "visit",
                ",",
                "al-Qaida",
                "’s",
                "O'Neill",
                "London-based",
                "3.5",
                "%"
            ]
        );
        assert_eq!(words("in the U.S."), ["in", "the", "U.S."]);
        assert_eq!(words("Mr. Smith"), ["Mr.", "Smith"]);
        assert_eq!(words("He left. Smith"), ["He", "left", ".", "Smith"]);
    }

    #[test]
    fn each_distinct_word_is_interned_once_in_order() {
        let text = "The cat saw the cat. The end.";
        let t = Tokens::new(text, &crate::analysis::text::sentences(text));
        let ids: Vec<u32> = t.words.clone();
        // The cat saw the cat . The end .
        assert_eq!(ids, [0, 1, 2, 3, 1, 4, 0, 5, 4]);
        assert_eq!(t.firsts.len(), 6);
        assert_eq!(t.word(text, 3), "the");
        assert_eq!(t.word(text, 4), ".");
    }
}
