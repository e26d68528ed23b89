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

/// One token: a byte span into the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// A document's tokens, sentence by sentence: tokenised once, read by every stage.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens, in text order.
    pub toks: Vec<Tok>,
    /// For each sentence (same order as the analysis' sentences), its range in `toks`.
    pub sentences: Vec<std::ops::Range<usize>>,
}

impl Tokens {
    /// Tokenise each sentence of `text`.
    pub fn new(text: &str, sentences: &[crate::analysis::Sentence]) -> Self {
        let mut scratch = Vec::new();
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            let start = toks.len();
            toks.extend(tokenize_with(
                &text[s.span.clone()],
                s.span.start,
                &mut scratch,
            ));
            ranges.push(start..toks.len());
        }
        Tokens {
            toks,
            sentences: ranges,
        }
    }

    /// The tokens of sentence `i`.
    pub fn sentence(&self, i: usize) -> &[Tok] {
        &self.toks[self.sentences[i].clone()]
    }
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenise `s`, whose first byte is at `base` in the document.
#[cfg(test)]
pub fn tokenize(s: &str, base: usize) -> Vec<Tok> {
    tokenize_with(s, base, &mut Vec::new())
}

/// Tokenise `s`, whose first byte is at `base` in the document, reusing `chars` as
/// scratch space (one allocation for a whole document instead of one per sentence).
pub fn tokenize_with(s: &str, base: usize, chars: &mut Vec<(usize, char)>) -> Vec<Tok> {
    chars.clear();
    chars.extend(s.char_indices());
    let chars = &chars[..];
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| chars.get(k).map_or(s.len(), |&(b, _)| b);
    let mut out = Vec::with_capacity(n / 4);
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            // A word: letters and digits, joined by inner hyphens and apostrophes; dots
            // inside single-letter abbreviations ("U.S.", "U.N.").
            let mut seg_start = i;
            let mut has_dot = false;
            i += 1;
            while i < n {
                let c = chars[i].1;
                if c.is_alphanumeric() {
                    i += 1;
                } else if (c == '-' || c == '\u{2010}')
                    && at(i + 1).is_some_and(char::is_alphanumeric)
                {
                    i += 1;
                    seg_start = i;
                } else if is_apos(c) && at(i + 1).is_some_and(char::is_alphabetic) {
                    // A possessive 's and contractions ("I'm", "we've") end the word;
                    // O'Neill and Shi'ite do not.
                    let tail: String = chars[i + 1..]
                        .iter()
                        .map(|&(_, c)| c)
                        .take_while(|c| c.is_alphanumeric())
                        .collect();
                    if matches!(
                        tail.as_str(),
                        "s" | "S" | "m" | "ve" | "ll" | "re" | "d" | "t"
                    ) {
                        break;
                    }
                    i += 1;
                } else if c == '.'
                    && i - seg_start == 1
                    && chars[seg_start].1.is_uppercase()
                    && (has_dot
                        || at(i + 1).is_some_and(char::is_uppercase) && at(i + 2) == Some('.'))
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
            while i < n {
                let c = chars[i].1;
                if c.is_alphanumeric()
                    || matches!(c, '.' | ',' | ':' | '-' | '/')
                        && at(i + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Num
        } else if is_apos(c)
            && matches!(at(i + 1), Some('s' | 'S'))
            && !at(i + 2).is_some_and(char::is_alphanumeric)
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
        {
            i += 2;
            Kind::Punct
        } else {
            i += 1;
            Kind::Punct
        };
        // A title or common abbreviation keeps its period, as CoNLL writes "Mr." and "Corp.".
        if kind == Kind::Word && at(i) == Some('.') && !at(i + 1).is_some_and(char::is_alphanumeric)
        {
            let w = &s[byte(start)..byte(i)];
            if crate::analysis::lexicon::is_title_abbrev(w) {
                i += 1;
            }
        }
        out.push(Tok {
            start: base + byte(start),
            end: base + byte(i),
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0).iter().map(|t| &s[t.start..t.end]).collect()
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
}
