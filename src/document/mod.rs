//! Documents: the reading text of an article, with its structure and metadata.
//!
//! A [`Document`] is built from a string (plain text, Markdown or HTML); parsing only, no
//! file or network access (that is `crate::io`). Its `text` is immutable and is the one
//! offset space for the analysis, the reader and notes. Structure lives beside it as
//! [`Block`]s (byte ranges into `text`) and inline styles; markup is never part of `text`.
//!
//! Invariants: blocks are in text order, do not overlap, and are separated in `text` by a
//! blank line (`"\n\n"`); `text` contains no control characters except `\n`.

pub mod date;
mod furniture;
pub mod html;
pub mod markdown;
pub mod nesting;
pub mod plain;

pub use date::DateSource;

use crate::analysis::{NaiveDate, Span};

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Plain,
    /// Markdown (CommonMark).
    Markdown,
    /// An HTML page, reduced to its main content.
    Html,
}

/// What kind of block a run of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The document title, shown first.
    Title,
    /// A heading of level 1..=6.
    Heading(u8),
    /// A paragraph of prose.
    Paragraph,
    /// A list item; `depth` counts from 0, `ordered` gives its number.
    ListItem {
        /// Nesting depth, 0 for a top-level item.
        depth: u8,
        /// The item's number in an ordered list.
        number: Option<u32>,
    },
    /// A block quote paragraph.
    Quote,
    /// Preformatted text (kept line by line).
    Code,
    /// An image, shown as its alt text.
    Image,
}

/// One block of reading text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its byte range in [`Document::text`].
    pub span: Span,
}

/// Inline emphasis inside a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineKind {
    /// Italic.
    Emphasis,
    /// Bold.
    Strong,
    /// Inline code.
    Code,
    /// A link; the index points into [`Document::links`].
    Link(usize),
}

/// A styled run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    /// What style it has.
    pub kind: InlineKind,
    /// Its byte range in [`Document::text`].
    pub span: Span,
}

/// A link target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link text's byte range in [`Document::text`].
    pub span: Span,
    /// Where it points.
    pub target: String,
}

/// A document ready to read and analyse.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Where it came from, as the user named it (path, URL or `-`).
    pub source: String,
    /// The format it was read as.
    pub format: Format,
    /// Its title, if known (also the first block when the text starts with it).
    pub title: Option<String>,
    /// Its author line, if known.
    pub byline: Option<String>,
    /// The site or publication name, if known.
    pub site: Option<String>,
    /// Its language (BCP 47), if known.
    pub lang: Option<String>,
    /// Its tags or keywords (from Markdown front matter), in the order given.
    pub tags: Vec<String>,
    /// Its publication date, if known: anchors relative dates. Set it with
    /// [`Document::set_date`], which keeps [`Document::date_source`] in step.
    pub date: Option<NaiveDate>,
    /// Where `date` came from: `Some` exactly when `date` is.
    pub date_source: Option<DateSource>,
    /// The reading text, the one offset space. Shared, not copied, with the thread that
    /// analyses it.
    pub text: std::sync::Arc<str>,
    /// Its blocks, in order.
    pub blocks: Vec<Block>,
    /// Inline styles, in order of start.
    pub inlines: Vec<Inline>,
    /// Link targets.
    pub links: Vec<Link>,
    /// Things the user should know about how it was read (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document with the given text and blocks, no metadata.
    pub fn new(
        source: impl Into<String>,
        format: Format,
        text: String,
        mut blocks: Vec<Block>,
    ) -> Self {
        // Built by appending, the text may hold up to twice its length: a book is kept
        // at its size (the shared text is allocated at its length).
        blocks.shrink_to_fit();
        Document {
            source: source.into(),
            format,
            title: None,
            byline: None,
            site: None,
            lang: None,
            tags: Vec::new(),
            date: None,
            date_source: None,
            text: text.into(),
            blocks,
            inlines: Vec::new(),
            links: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Set the publication date and where it came from.
    pub fn set_date(&mut self, date: NaiveDate, source: DateSource) {
        self.date = Some(date);
        self.date_source = Some(source);
    }

    /// A short name for the status line and file names. A web page goes by its title,
    /// else its site (a saved page's file name is usually `index.html` or similar); other
    /// documents by the source's last path component, else the title.
    pub fn display_name(&self) -> String {
        if self.format == Format::Html {
            if let Some(name) = self.title.as_ref().or(self.site.as_ref()) {
                return name.clone();
            }
        }
        let base = self
            .source
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(&self.source);
        if base.is_empty() || base == "-" {
            self.title.clone().unwrap_or_else(|| "stdin".to_string())
        } else {
            base.to_string()
        }
    }
}

/// Whether `c` must not reach a terminal or an export raw: a C0 control other than
/// newline, DEL, a C1 control, or a bidi embedding, override or isolate (the characters
/// [`sanitize`] drops).
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replace control characters (other than newline and tab) and escape sequences in
/// `s` so that nothing in a document can drive the terminal. Tabs become spaces,
/// `\r\n` and lone `\r` become `\n`, other C0/C1 controls and DEL are dropped (an ESC
/// drops the printable sequence that follows it, up to its final byte).
pub fn sanitize(s: &str) -> String {
    // Most texts need nothing: copy the clean prefix in one go (a byte scan), and walk
    // chars only from the first byte that may need work.
    let clean = first_suspect_byte(s);
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..clean]);
    let mut chars = s[clean..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push_str("    "),
            '\u{1b}' => skip_escape(&mut chars),
            c if c.is_control() => {}
            // Bidi overrides and isolates can reorder what is shown; drop them.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Offset of the first char that [`sanitize`] may change (a control character other than
/// `\n`, DEL, a C1 control or a bidi control); the length when there is none. A regex
/// scans bytes far faster than a walk over chars.
fn first_suspect_byte(s: &str) -> usize {
    static SUSPECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[\x00-\x09\x0b-\x1f\x7f-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}]")
            .expect("valid pattern")
    });
    SUSPECT.find(s).map_or(s.len(), |m| m.start())
}

/// Skip the escape sequence after an ESC. A sequence cut short drops only itself: a CSI
/// ends at the first character that cannot belong to it, and an OSC, DCS, APC or PM
/// without its terminator (BEL or ST) ends at the end of its line.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            // CSI: parameter and intermediate bytes (space..?), then a final byte in @..~
            chars.next();
            while let Some(&c) = chars.peek() {
                if !(' '..='~').contains(&c) {
                    break;
                }
                chars.next();
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') | Some('P') | Some('_') | Some('^') => {
            // OSC / DCS / APC / PM: up to BEL or ST (ESC \), or the end of the line.
            chars.next();
            while let Some(&c) = chars.peek() {
                if c == '\n' || c == '\r' {
                    break;
                }
                chars.next();
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// `s` as its lower-case words joined by single spaces (punctuation dropped): the form in
/// which titles and repeated lines are compared.
pub(crate) fn normalize_words(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds a document's text block by block, keeping the blank-line invariant.
#[derive(Debug, Default)]
pub struct TextBuilder {
    /// The text so far.
    pub text: String,
    /// Finished blocks.
    pub blocks: Vec<Block>,
    /// Inline styles.
    pub inlines: Vec<Inline>,
    /// Links.
    pub links: Vec<Link>,
}

impl TextBuilder {
    /// Append a block of `kind` whose text is `content` (already sanitized; leading and
    /// trailing whitespace trimmed here). Empty content adds nothing. Returns the byte
    /// offset where the content starts, or `None` when nothing was added.
    pub fn push_block(&mut self, kind: BlockKind, content: &str) -> Option<usize> {
        let content = content.trim();
        if content.is_empty() {
            return None;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(content);
        self.blocks.push(Block {
            kind,
            span: start..self.text.len(),
        });
        Some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unterminated_escape_sequence_drops_only_itself() {
        for intro in ["]0;title", "P1$r", "_app", "^pm"] {
            let s = format!("before \u{1b}{intro} no end\n\nThe rest stays.\nAnd more.");
            assert_eq!(
                sanitize(&s),
                "before \n\nThe rest stays.\nAnd more.",
                "{intro}"
            );
        }
        // A CSI cut short by a character that cannot belong to it.
        assert_eq!(sanitize("a\u{1b}[12\nnext line"), "a\nnext line");
        assert_eq!(sanitize("a\u{1b}[1;31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}[3Ж y"), "xЖ y");
        assert_eq!(sanitize("tail \u{1b}"), "tail ");
    }

    #[test]
    fn sanitize_drops_escape_sequences() {
        let evil = "a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{1b}]52;c;SGVsbG8=\u{1b}\\d\re\u{0}f\u{9b}g";
        assert_eq!(sanitize(evil), "abcd\nefg");
    }

    #[test]
    fn sanitize_finds_controls_after_a_clean_prefix() {
        let s = "clean ünïcödé text \u{202E}rev\u{85}x\u{2067}y\r\nz\u{7f}";
        assert_eq!(sanitize(s), "clean ünïcödé text revxy\nz");
        assert_eq!(first_suspect_byte("abc\ndef"), 7);
        assert_eq!(first_suspect_byte("ab\tc"), 2);
    }

    #[test]
    fn web_pages_are_named_by_title_or_site() {
        let mut d = Document::new("/saved/x/source.html", Format::Html, String::new(), vec![]);
        assert_eq!(d.display_name(), "source.html");
        d.site = Some("The Coastal Ledger".into());
        assert_eq!(d.display_name(), "The Coastal Ledger");
        d.title = Some("Bridge reopens".into());
        assert_eq!(d.display_name(), "Bridge reopens");
        let mut t = Document::new("notes/a.txt", Format::Plain, String::new(), vec![]);
        t.title = Some("A title".into());
        assert_eq!(t.display_name(), "a.txt");
    }

    #[test]
    fn sanitize_keeps_text() {
        assert_eq!(sanitize("Ж 😀\tx\r\ny"), "Ж 😀    x\ny");
    }
}
