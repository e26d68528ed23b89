//! The marks the views share: a claim status's badge and the note mark, in the claims
//! panel, the article's margin, the notes list, the status menu and the legend (`?`).

use crate::notes::Status;

/// The mark shown beside an entry that has a note.
pub const NOTE_MARK: &str = "✎";

/// Width in cells of the widest badge, to align columns.
pub const BADGE_WIDTH: usize = 3;

/// The short symbol of a claim status: `?` unreviewed, `src` needs a source, `✓`
/// supported, `≠` disputed, `✗` false, `–` not a claim, `??` a status written by a newer
/// lede.
pub fn badge(status: Status) -> &'static str {
    match status {
        Status::Unreviewed => "?",
        Status::NeedsSource => "src",
        Status::Supported => "✓",
        Status::Disputed => "≠",
        Status::False => "✗",
        Status::NotAClaim => "–",
        Status::Unknown => "??",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::layout::display_width;

    #[test]
    fn badges_are_distinct_and_narrow() {
        let all: Vec<&str> = Status::ALL.iter().map(|&s| badge(s)).collect();
        for (i, b) in all.iter().enumerate() {
            assert!(display_width(b) <= BADGE_WIDTH);
            assert!(!all[i + 1..].contains(b), "{b} repeats");
        }
        assert_eq!(display_width(NOTE_MARK), 1);
    }
}
