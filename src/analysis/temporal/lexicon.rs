//! Fixed-value time words ("now", "recently", "daily") from
//! `assets/lexicons/time_words.tsv`, parsed once.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::analysis::lexicon::parse_list;
use crate::analysis::TimexType;

static WORDS: LazyLock<HashMap<&'static str, (TimexType, &'static str)>> = LazyLock::new(|| {
    parse_list(include_str!("../../../assets/lexicons/time_words.tsv"))
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let phrase = cols.next()?;
            let kind = match cols.next()? {
                "DATE" => TimexType::Date,
                "TIME" => TimexType::Time,
                "DURATION" => TimexType::Duration,
                "SET" => TimexType::Set,
                _ => return None,
            };
            Some((phrase, (kind, cols.next()?)))
        })
        .collect()
});

/// A regex alternation of every phrase, longest first, spaces matching any whitespace.
pub fn alternation() -> String {
    let mut phrases: Vec<&str> = WORDS.keys().copied().collect();
    phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alts: Vec<String> = phrases
        .iter()
        .map(|p| regex::escape(p).replace(' ', r"\s+"))
        .collect();
    format!(r"(?:{})(?-u:\b)", alts.join("|"))
}

/// The type and value of a fixed phrase (lower case, single spaces).
pub fn lookup(phrase: &str) -> Option<(TimexType, &'static str)> {
    WORDS.get(phrase).copied()
}
