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

/// One token: a byte span into the text and its kind, in eight bytes: the start offset,
/// and the length with the kind in its two low bits (lede's inputs are capped far below
/// the 4 GiB and 1 GiB these allow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    start: u32,
    len_kind: u32,
}

impl Tok {
    /// A token of `kind` over `start..end`.
    #[inline]
    fn new(start: usize, end: usize, kind: Kind) -> Self {
        let len = to_u32(end - start);
        assert!(len < 1 << 30, "a token is under 1 GiB");
        Tok {
            start: to_u32(start),
            len_kind: len << 2 | kind as u32,
        }
    }

    /// What it is.
    #[inline]
    pub fn kind(&self) -> Kind {
        match self.len_kind & 3 {
            0 => Kind::Word,
            1 => Kind::Num,
            _ => Kind::Punct,
        }
    }

    /// Start byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// End byte (exclusive).
    #[inline]
    pub fn end(&self) -> usize {
        (self.start + (self.len_kind >> 2)) as usize
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

/// Each token's distinct word, and each word's first token ([`Tokens::words`]): an
/// open-addressing table of word ids, linearly probed. A word of up to eight bytes is
/// its own key (its bytes in a `u64`), so that finding it compares two integers; a
/// longer one is keyed by its hash and checked against its first occurrence.
fn intern(text: &str, toks: &[Tok]) -> (Vec<u32>, Vec<u32>) {
    let bytes = text.as_bytes();
    let mut firsts: Vec<u32> = Vec::new();
    // Kept at most half full.
    let mut slots = vec![Slot::EMPTY; (toks.len() / 8 + 32).next_power_of_two()];
    // One-byte words and punctuation, the most frequent tokens, skip the table.
    let mut single = [u32::MAX; 128];
    let mut words = Vec::with_capacity(toks.len());
    for (k, t) in toks.iter().enumerate() {
        let len = t.len_kind >> 2;
        let one = if len == 1 && bytes[t.start()] < 128 {
            let b = bytes[t.start()] as usize;
            if single[b] != u32::MAX {
                words.push(single[b]);
                continue;
            }
            Some(b)
        } else {
            None
        };
        let key = word_key(bytes, t.range());
        let mask = slots.len() - 1;
        let mut p = slot_of(key, mask);
        let id = loop {
            let slot = slots[p];
            if slot.id == u32::MAX {
                let id = to_u32(firsts.len());
                firsts.push(to_u32(k));
                slots[p] = Slot { key, len, id };
                if firsts.len() * 2 > slots.len() {
                    slots = grown(&slots);
                }
                break id;
            }
            if slot.key == key
                && slot.len == len
                && (len <= 8
                    || bytes[toks[firsts[slot.id as usize] as usize].range()] == bytes[t.range()])
            {
                break slot.id;
            }
            p = (p + 1) & mask;
        };
        if let Some(b) = one {
            single[b] = id;
        }
        words.push(id);
    }
    firsts.shrink_to_fit();
    (words, firsts)
}

/// One entry of the interning table: a word's key and length, and its id.
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    len: u32,
    id: u32,
}

impl Slot {
    const EMPTY: Slot = Slot {
        key: 0,
        len: 0,
        id: u32::MAX,
    };
}

/// The key of the word at `r` in `bytes`: up to eight bytes, the bytes themselves
/// (little-endian, zero above); longer, their hash.
#[inline]
fn word_key(bytes: &[u8], r: std::ops::Range<usize>) -> u64 {
    let len = r.len();
    if len > 8 {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(&bytes[r]);
        return h.finish();
    }
    match bytes.get(r.start..r.start + 8) {
        Some(b8) => {
            let all = u64::from_le_bytes(b8.try_into().unwrap_or_default());
            all & u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0)
        }
        None => {
            let mut b8 = [0u8; 8];
            b8[..len].copy_from_slice(&bytes[r]);
            u64::from_le_bytes(b8)
        }
    }
}

/// The table slot where a key's probe starts (Fibonacci hashing: the product's high bits).
#[inline]
fn slot_of(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// The entries of `slots` in a table twice its size.
fn grown(slots: &[Slot]) -> Vec<Slot> {
    let n = slots.len() * 2;
    let mut out = vec![Slot::EMPTY; n];
    for slot in slots.iter().filter(|s| s.id != u32::MAX) {
        let mut p = slot_of(slot.key, n - 1);
        while out[p].id != u32::MAX {
            p = (p + 1) & (n - 1);
        }
        out[p] = *slot;
    }
    out
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

/// `char::is_alphabetic`, answered without Unicode tables for ASCII, the Latin letters
/// up to U+024F and General Punctuation (none of it alphabetic), the characters a
/// text is mostly made of.
#[inline]
fn is_alpha(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphabetic(),
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, answered like [`is_alpha`].
#[inline]
fn is_alnum(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// ASCII letters and digits, by byte.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII bytes from `i` that satisfy `f` (the common case, stepped
/// over without decoding characters).
#[inline]
fn ascii_run(s: &str, mut i: usize, f: impl Fn(u8) -> bool) -> usize {
    while s.as_bytes().get(i).is_some_and(|&b| f(b)) {
        i += 1;
    }
    i
}

/// Tokenise `s`, whose first byte is at `base` in the document, appending to `out`.
pub fn tokenize_into(s: &str, base: usize, out: &mut Vec<Tok>) {
    let at = |i: usize| char_at(s, i).map(|(c, _)| c);
    let push = |out: &mut Vec<Tok>, start: usize, end: usize, kind| {
        out.push(Tok::new(base + start, base + end, kind))
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        i = ascii_run(s, i, |b| matches!(b, b' ' | b'\t'..=b'\r'));
        let Some(&b) = bytes.get(i) else {
            break;
        };
        // Most tokens are ASCII and end at an ASCII byte that cannot continue them:
        // they are taken here, as the general rules below would take them.
        if b < 0x80 {
            let (end, kind) = if b.is_ascii_alphabetic() {
                (ascii_run(s, i + 1, |b| ALNUM[b as usize]), Kind::Word)
            } else if b.is_ascii_digit() {
                (ascii_run(s, i + 1, |b| ALNUM[b as usize]), Kind::Num)
            } else {
                (i + 1, Kind::Punct)
            };
            let ends = match (kind, bytes.get(end)) {
                (_, None) => b != b'\'',
                (Kind::Word, Some(&e)) => e < 0x80 && !matches!(e, b'-' | b'\'' | b'.'),
                (Kind::Num, Some(&e)) => e < 0x80 && !matches!(e, b'.' | b',' | b':' | b'-' | b'/'),
                (Kind::Punct, Some(_)) => b != b'\'',
            };
            if ends {
                push(out, i, end, kind);
                i = end;
                continue;
            }
        }
        let Some((c, len)) = char_at(s, i) else {
            break;
        };
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let start = i;
        let kind = if is_alpha(c) {
            // A word: letters and digits, joined by inner hyphens and apostrophes; dots
            // inside single-letter abbreviations ("U.S.", "U.N.").
            let mut seg_start = i;
            let mut has_dot = false;
            i += len;
            loop {
                i = ascii_run(s, i, |b| ALNUM[b as usize]);
                let Some((c, len)) = char_at(s, i) else {
                    break;
                };
                if is_alnum(c) {
                    i += len;
                } else if (c == '-' || c == '\u{2010}') && at(i + len).is_some_and(is_alnum) {
                    i += len;
                    seg_start = i;
                } else if is_apos(c) && at(i + len).is_some_and(is_alpha) {
                    // A possessive 's and contractions ("I'm", "we've") end the word;
                    // O'Neill and Shi'ite do not.
                    let rest = &s[i + len..];
                    let tail = &rest[..rest.find(|c: char| !is_alnum(c)).unwrap_or(rest.len())];
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
            loop {
                i = ascii_run(s, i, |b| ALNUM[b as usize]);
                let Some((c, len)) = char_at(s, i) else {
                    break;
                };
                if is_alnum(c)
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
            && !at(i + len + 1).is_some_and(is_alnum)
            && s[..i].chars().next_back().is_some_and(is_alnum)
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
            && !at(i + 1).is_some_and(is_alnum)
            && crate::analysis::lexicon::is_title_abbrev(&s[start..i])
        {
            i += 1;
        }
        push(out, start, i, kind);
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
    fn character_classes_agree_with_the_standard_library() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
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
        // Words of eight bytes and fewer are keyed by their bytes, longer ones by hash.
        let text = "abcdefgh abcdefghi abcdefgh abcdefghi abcdefg";
        let t = Tokens::new(text, &crate::analysis::text::sentences(text));
        assert_eq!(t.words, [0, 1, 0, 1, 2]);
    }
}
