//! A small word tokenizer for one sentence: words (letters and digits, with inner
//! apostrophes, hyphens and periods) and single punctuation characters, as byte spans.

use std::borrow::Cow;

/// One token of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// Byte offset of the token in the document text.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// Lower-cased form, with typographic apostrophes made straight.
    pub lower: Cow<'a, str>,
    /// Whether it is a word (else one punctuation character).
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
        !self.word && self.lower.starts_with(c)
    }

    /// Whether this is a comma, semicolon, colon or dash: a clause boundary.
    pub fn is_clause_punct(&self) -> bool {
        !self.word
            && matches!(
                self.lower.chars().next(),
                Some(',' | ';' | ':' | '—' | '–' | '―' | '(' | ')')
            )
    }
}

fn is_inner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&')
}

/// Tokenize `text[span]`.
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    let s = &text[start..end];
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            let mut digit = c.is_ascii_digit();
            while let Some(&(k, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    digit |= d.is_ascii_digit();
                    chars.next();
                    j = k + d.len_utf8();
                } else if is_inner(d) || (d == ',' && digit) {
                    // Keep an inner mark only when a letter or digit follows it
                    // ("U.S", "don't", "1,000", "3.5").
                    let next = s[k + d.len_utf8()..].chars().next();
                    let ok = match next {
                        Some(n) if d == ',' || d == '.' && digit => n.is_ascii_digit(),
                        Some(n) => n.is_alphanumeric(),
                        None => false,
                    };
                    if !ok {
                        break;
                    }
                    chars.next();
                    j = k + d.len_utf8();
                } else {
                    break;
                }
            }
            let word = &s[i..j];
            // Borrow the common case (already lower-case ASCII) to avoid an allocation.
            let lower = if !word.is_ascii() {
                Cow::Owned(word.to_lowercase().replace('’', "'"))
            } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            };
            out.push(Tok {
                start: start + i,
                end: start + j,
                lower,
                word: true,
                cap: c.is_uppercase(),
                digit,
            });
        } else {
            out.push(Tok {
                start: start + i,
                end: start + i + c.len_utf8(),
                lower: Cow::Borrowed(&s[i..i + c.len_utf8()]),
                word: false,
                cap: false,
                digit: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation() {
        let t = "Navalny’s aide said: “U.S. paid $1,000.50.”";
        let toks = tokenize(t, 0, t.len());
        let words: Vec<&str> = toks.iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(
            words,
            vec![
                "Navalny’s",
                "aide",
                "said",
                ":",
                "“",
                "U.S",
                ".",
                "paid",
                "$",
                "1,000.50",
                ".",
                "”"
            ]
        );
        assert_eq!(toks[0].lower, "navalny's");
        assert!(toks[0].cap && toks[9].digit);
    }
}
