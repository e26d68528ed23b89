//! Text primitives: sentence splitting and byte ↔ code-point offset conversion.
//!
//! Spans are byte ranges on `char` boundaries; [`CharIndex`] turns them into the Unicode
//! code-point offsets used by the JSON output, in one place.

use super::{lexicon, Sentence, Span};

/// Converts byte offsets of one text to code-point offsets and back.
///
/// ```
/// use lede::analysis::text::CharIndex;
/// let text = "Ж😀 ab";
/// let idx = CharIndex::new(text);
/// assert_eq!(idx.to_char(0), 0);
/// assert_eq!(idx.to_char(2), 1);        // after 'Ж' (2 bytes)
/// assert_eq!(idx.to_char(6), 2);        // after '😀' (4 bytes)
/// assert_eq!(idx.to_char(text.len()), 5);
/// assert_eq!(idx.to_byte(2), 6);
/// ```
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of every [`STRIDE`]th char; empty for pure ASCII texts.
    marks: Vec<usize>,
}

/// Chars between two marks of a [`CharIndex`]: a lookup scans at most this many chars.
const STRIDE: usize = 64;

/// Whether byte `b` starts a char (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl<'a> CharIndex<'a> {
    /// Index `text`, keeping one mark per [`STRIDE`] chars. Pure ASCII texts need none.
    pub fn new(text: &'a str) -> Self {
        let marks = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(STRIDE)
                .map(|(i, _)| i)
                .collect()
        };
        CharIndex { text, marks }
    }

    /// Code-point offset of a byte offset (a char boundary or the length; inside a char,
    /// the next char's index).
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.marks.is_empty() {
            return byte;
        }
        let k = self.marks.partition_point(|&m| m <= byte).saturating_sub(1);
        let from = self.marks[k];
        k * STRIDE
            + self.text.as_bytes()[from..byte]
                .iter()
                .filter(|&&b| starts_char(b))
                .count()
    }

    /// Byte offset of a code-point offset (clamped to the text length).
    pub fn to_byte(&self, ch: usize) -> usize {
        if self.marks.is_empty() {
            return ch.min(self.text.len());
        }
        let k = ch / STRIDE;
        let Some(&from) = self.marks.get(k) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(ch % STRIDE)
            .map_or(self.text.len(), |(i, _)| from + i)
    }
}

/// Split `text` into sentences.
///
/// Breaks at `.`, `!`, `?` (with closing quotes and brackets) followed by whitespace and an
/// upper-case letter, digit or opening quote, and always at blank lines and line ends of
/// short heading-like lines. Abbreviations (`Dr.`, `U.S.`, `Jan.`), initials (`J. R.`)
/// and decimals do not end a sentence.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(text, para, &mut out);
    }
    out
}

/// Byte ranges of paragraphs: runs of text separated by blank lines (or single newlines
/// between lines that look like separate units: a line ending in sentence punctuation or
/// a short title-like line).
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // The previous line of the paragraph, without its surrounding whitespace.
    let mut prev_line: Option<Span> = None;
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |i| line_start + i + 1);
        let content = text[line_start..line_end].trim_end_matches(['\n', '\r']);
        let this_line = line_start;
        line_start = line_end;
        let trimmed = content.trim_start();
        if trimmed.trim_end().is_empty() {
            if let (Some(s), Some(p)) = (start, &prev_line) {
                out.push(s..p.end);
            }
            start = None;
            prev_line = None;
            continue;
        }
        let this_start = this_line + content.len() - trimmed.len();
        let this_end = this_start + trimmed.trim_end().len();
        if let (Some(s), Some(p)) = (start, &prev_line) {
            // A new line starts a new unit when the previous line ended a sentence
            // or was too short to be part of wrapped prose.
            let last_line = &text[p.clone()];
            let ends_sentence = last_line
                .chars()
                .last()
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | '’' | ')'));
            // A line opening with a quotation mark starts a new unit too (quoted
            // comments, one per line).
            let opens_quote = trimmed.starts_with(['“', '"']);
            let chars = if last_line.is_ascii() {
                last_line.len()
            } else {
                last_line.chars().count()
            };
            if ends_sentence || opens_quote || chars < 40 {
                out.push(s..p.end);
                start = Some(this_start);
            }
        } else {
            start = Some(this_start);
        }
        prev_line = Some(this_start..this_end);
    }
    if let (Some(s), Some(p)) = (start, prev_line) {
        out.push(s..p.end);
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn split_paragraph(text: &str, para: Span, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let mut sent_start = para.start;
    let mut i = para.start;
    // Only sentence punctuation can end a sentence: jump from one to the next.
    while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..para.end]) {
        i += k;
        let b = bytes[i];
        {
            // Extend over repeated terminators and closers.
            let mut j = i + 1;
            while j < para.end && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            while j < para.end {
                let c = text[j..].chars().next().unwrap_or(' ');
                if is_closer(c) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            // Need whitespace next.
            let rest = &text[j..para.end];
            let after = rest.trim_start();
            let ws = rest.len() - after.len();
            if ws == 0 && j < para.end {
                i = j.max(i + 1);
                continue;
            }
            let boundary = match after.chars().next() {
                None => true,
                Some(c) => {
                    (c.is_uppercase() || c.is_ascii_digit() || "\"“‘'([".contains(c))
                        && !(b == b'.' && is_abbreviation(text, sent_start, i, after))
                }
            };
            if boundary {
                push_trimmed(text, sent_start..j, out);
                sent_start = j + ws;
            }
            i = j.max(i + 1);
        }
    }
    if sent_start < para.end {
        push_trimmed(text, sent_start..para.end, out);
    }
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Sentence>) {
    let s = &text[span.clone()];
    let from_start = s.trim_start();
    let lead = s.len() - from_start.len();
    let trimmed = from_start.trim_end();
    if trimmed.is_empty() {
        return;
    }
    let start = span.start + lead;
    out.push(Sentence {
        span: start..start + trimmed.len(),
    });
}

/// Whether the period at byte `dot` ends an abbreviation or initial rather than a sentence.
fn is_abbreviation(text: &str, sent_start: usize, dot: usize, after: &str) -> bool {
    let next = after.chars().next().unwrap_or(' ');
    let before = &text[sent_start..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // Single initial ("J.") or dotted acronym ("U.S", "a.m").
    let mut letters = word.chars().filter(|c| *c != '.');
    if letters.next().is_some_and(char::is_uppercase) && letters.next().is_none() {
        return true;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        // "U.S." before a capitalised word ends a sentence only when that word is a
        // likely sentence opener ("… in the U.S. The next day …"), not a name ("the
        // U.S. Embassy").
        let next_word = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !next.is_uppercase()
            || lexicon::is_title_abbrev(word)
            || !is_sentence_opener(next_word);
    }
    // Lower-cased on the stack when short and ASCII, as abbreviations are.
    let abbreviation = match word.len() {
        n if n <= 16 && word.is_ascii() => {
            let mut buf = [0u8; 16];
            buf[..n].copy_from_slice(word.as_bytes());
            buf[..n].make_ascii_lowercase();
            std::str::from_utf8(&buf[..n]).is_ok_and(lexicon::is_abbreviation)
        }
        _ => lexicon::is_abbreviation(&word.to_lowercase()),
    };
    abbreviation || lexicon::is_title_abbrev(word)
}

/// Function words that commonly open a sentence.
fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "My"
            | "As"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "So"
            | "Yet"
            | "Or"
            | "For"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "No"
            | "Not"
            | "One"
            | "Still"
            | "Since"
            | "Now"
            | "Then"
            | "However"
            | "Meanwhile"
            | "Under"
            | "With"
            | "By"
            | "From"
            | "To"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|s| &t[s.span]).collect()
    }

    #[test]
    fn splits_simple_sentences() {
        assert_eq!(
            split("One thing. Another thing! A third? Yes."),
            vec!["One thing.", "Another thing!", "A third?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Dr. Smith met J. R. Ewing in Jan. 2020. He paid $3.50 for tea."),
            vec![
                "Dr. Smith met J. R. Ewing in Jan. 2020.",
                "He paid $3.50 for tea."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("He said, “We will win.” Then he left."),
            vec!["He said, “We will win.”", "Then he left."]
        );
    }

    #[test]
    fn blank_lines_and_titles_break() {
        assert_eq!(
            split("A title\n\nFirst para here. Second.\n\nNext para"),
            vec!["A title", "First para here.", "Second.", "Next para"]
        );
    }

    #[test]
    fn dotted_acronyms_before_names_do_not_break() {
        assert_eq!(
            split("The U.S. Embassy warned Americans. They left the U.S. The end."),
            vec![
                "The U.S. Embassy warned Americans.",
                "They left the U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn a_line_opening_a_quotation_starts_a_sentence() {
        assert_eq!(
            split("“He will win the election for sure.” ― Jane Doe\n“He will lose.” ― John Roe"),
            vec![
                "“He will win the election for sure.” ― Jane Doe",
                "“He will lose.” ― John Roe"
            ]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_break() {
        assert_eq!(
            split("It rose 3 p.m. today. Ok."),
            vec!["It rose 3 p.m. today.", "Ok."]
        );
    }

    #[test]
    fn char_index_round_trip() {
        let t = "a€b😀c";
        let idx = CharIndex::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.to_char(bi), ci);
            assert_eq!(idx.to_byte(ci), bi);
        }
        assert_eq!(idx.to_char(t.len()), 5);
    }

    #[test]
    fn char_index_agrees_with_counting_across_many_marks() {
        // Long enough for several marks, with one- to four-byte chars mixed.
        let t: String = (0..1000)
            .map(|i| ["a", "é", "€", "😀", " "][i % 5].repeat(1 + i % 3))
            .collect();
        let idx = CharIndex::new(&t);
        let n = t.chars().count();
        for (ci, (bi, c)) in t.char_indices().enumerate() {
            assert_eq!(idx.to_char(bi), ci);
            assert_eq!(idx.to_byte(ci), bi);
            if c.len_utf8() > 1 {
                // Inside a char: the next char's index.
                assert_eq!(idx.to_char(bi + 1), ci + 1);
            }
        }
        assert_eq!(idx.to_char(t.len()), n);
        assert_eq!(idx.to_byte(n), t.len());
        assert_eq!(idx.to_byte(n + 100), t.len());
    }
}
