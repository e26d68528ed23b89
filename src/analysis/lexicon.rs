//! Word lists embedded from `assets/lexicons/` at compile time.
//!
//! Each list is a plain text file, one entry per line, `#` starting a comment; its header
//! says where it comes from. `assets/lexicons/README.md` describes them all and how they
//! are rebuilt. Lists are parsed once, lazily, into hash sets.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Parse an embedded list: one entry per line, blank lines and `#` comments skipped.
pub fn parse_list(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A set of words and the length of the longest, so that longer words are turned away
/// without hashing.
struct Set {
    words: FxHashSet<&'static str>,
    longest: usize,
}

impl Set {
    fn new(src: &'static str) -> Self {
        let words: FxHashSet<&'static str> = parse_list(src).collect();
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        Set { words, longest }
    }

    fn contains(&self, w: &str) -> bool {
        w.len() <= self.longest && self.words.contains(w)
    }
}

static ABBREVIATIONS: LazyLock<Set> =
    LazyLock::new(|| Set::new(include_str!("../../assets/lexicons/abbreviations.txt")));

static TITLE_ABBREVIATIONS: LazyLock<Set> = LazyLock::new(|| {
    Set::new(include_str!(
        "../../assets/lexicons/title_abbreviations.txt"
    ))
});

/// Whether `word` (lower case, without its final period) is a common abbreviation
/// that does not end a sentence ("etc" is not; "approx", "jan", "vs" are).
pub fn is_abbreviation(word_lower: &str) -> bool {
    ABBREVIATIONS.contains(word_lower.trim_end_matches('.'))
}

/// Whether `word` (as written, without its final period) is a title abbreviation that
/// always precedes a name ("Dr", "Mr", "Gen", "Sen").
pub fn is_title_abbrev(word: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(word.trim_end_matches('.'))
}
