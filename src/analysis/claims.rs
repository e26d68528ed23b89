//! Claims: check-worthy assertions with their kind, claimer and hedging.
//!
//! Baseline: sentences with numbers. Pure; no I/O.

use super::{Actor, Claim, ClaimKind, Mention, Sentence, TimeExpr};

/// Find claims in the text.
pub fn extract(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    _actors: &[Actor],
    _timexes: &[TimeExpr],
) -> Vec<Claim> {
    sentences
        .iter()
        .filter(|s| text[s.span.clone()].chars().any(|c| c.is_ascii_digit()))
        .map(|s| Claim {
            span: s.span.clone(),
            kind: ClaimKind::Statistic,
            claimer: None,
            claimer_span: None,
            hedged: false,
            actors: mentions
                .iter()
                .filter(|m| s.span.start <= m.span.start && m.span.end <= s.span.end)
                .filter_map(|m| m.actor)
                .collect(),
            score: 0.5,
        })
        .collect()
}
