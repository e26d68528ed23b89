//! The list of a document's notes and marks: its state and rows (the widget is
//! [`crate::tui::view::notes_list::NotesView`]).
//!
//! `NotesView` draws [`NoteSet::entries`] (text order, orphans last): per entry a row
//! with the status badge, the kind (`claim 3`, `highlight`) and the quote, and, when it
//! has a note, a second row with the note mark and the note's first line. Orphans (their
//! passage was not found after the text changed) come under their own header,
//! "orphaned (text changed)", with the quote they had. Only the visible rows are built
//! and drawn; the view scrolls to keep the selected entry in sight.
//!
//! [`NotesListState`] holds the selection (an index into `entries()`) and the scroll
//! offset, which `update` fits to the selection ([`NotesListState::fit`]); the widget
//! only reads it. [`NotesListState::selected_span`] gives the span
//! to jump to.
//!
//! ```text
//! state    notes_list: NotesListState                       (Mode::Notes, or a panel)
//! j/k g/G  notes_list.move_by(±1, notes.len()) / first() / last(notes.len())
//! Enter    if let Some(span) = notes_list.selected_span(&notes) { jump to span }
//! a / d    notes_list.selected_id(&notes) -> notes.edit_note(id, ..) / notes.remove(id, ..)
//!          then notes_list.select(notes_list.selected(), notes.len()) to clamp
//! draw     frame.render_widget(NotesView::new(&notes, &notes_list, &theme).block(b), area)
//! click    NotesView::new(..).block(b).entry_at(area, y) -> Some(i) => notes_list.select(i, ..)
//! ```

use crate::analysis::Span;
use crate::notes::{Entry, NoteId, NoteSet};

/// The header above orphaned entries.
pub const ORPHANS_HEADER: &str = "orphaned (text changed)";

/// Selection and scroll of the notes list.
#[derive(Debug, Clone, Default)]
pub struct NotesListState {
    pub(crate) selected: usize,
    /// First visible row (kept by [`NotesListState::fit`]).
    pub(crate) offset: usize,
}

impl NotesListState {
    /// The selected index into [`NoteSet::entries`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Select entry `i`, clamped to the `len` entries.
    pub fn select(&mut self, i: usize, len: usize) {
        self.selected = i.min(len.saturating_sub(1));
    }

    /// Move the selection by `delta` entries, stopping at the ends.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        self.select(self.selected.saturating_add_signed(delta), len);
    }

    /// Select the first entry.
    pub fn first(&mut self) {
        self.selected = 0;
    }

    /// Select the last of `len` entries.
    pub fn last(&mut self, len: usize) {
        self.select(usize::MAX, len);
    }

    /// Scroll so that the selected entry shows in a list `height` rows high, moving as
    /// little as possible (call after the selection or the notes change).
    pub fn fit(&mut self, notes: &NoteSet, height: usize) {
        let entries = notes.entries();
        let rows = rows(&entries);
        self.offset = fit_top(&rows, self.selected, self.offset, height);
    }

    /// The selected entry.
    pub fn selected_entry<'n>(&self, notes: &'n NoteSet) -> Option<&'n Entry> {
        notes.entries().get(self.selected).copied()
    }

    /// The selected entry's id (to edit or remove it).
    pub fn selected_id(&self, notes: &NoteSet) -> Option<NoteId> {
        self.selected_entry(notes).map(|e| e.id)
    }

    /// The span of the selected entry in the current text, to jump to; `None` for an
    /// orphan or an empty list.
    pub fn selected_span(&self, notes: &NoteSet) -> Option<Span> {
        self.selected_entry(notes).and_then(Entry::span)
    }
}

/// One display row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Row {
    /// The orphans' header.
    Header,
    /// The first row of entry `i`.
    Entry(usize),
    /// The note row of entry `i`.
    Note(usize),
}

impl Row {
    pub(crate) fn entry(self) -> Option<usize> {
        match self {
            Row::Header => None,
            Row::Entry(i) | Row::Note(i) => Some(i),
        }
    }
}

/// First visible row from `offset`, keeping entry `sel` (and the orphans' header above
/// a first orphan) in view.
pub(crate) fn fit_top(rows: &[Row], sel: usize, offset: usize, height: usize) -> usize {
    let mut top = offset.min(rows.len().saturating_sub(height));
    let Some(first) = rows.iter().position(|r| r.entry() == Some(sel)) else {
        return top;
    };
    let last = rows
        .iter()
        .rposition(|r| r.entry() == Some(sel))
        .unwrap_or(first);
    if first < top {
        top = first;
        if first > 0 && rows[first - 1] == Row::Header {
            top -= 1;
        }
    } else if last >= top + height {
        top = (last + 1).saturating_sub(height).min(first);
    }
    top
}

pub(crate) fn rows(entries: &[&Entry]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(entries.len() * 2 + 1);
    let mut header = false;
    for (i, e) in entries.iter().enumerate() {
        if e.orphaned && !header {
            rows.push(Row::Header);
            header = true;
        }
        rows.push(Row::Entry(i));
        if e.has_note() {
            rows.push(Row::Note(i));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{DocKey, Status, Target};
    use crate::tui::theme::NotesTheme;
    use crate::tui::view::notes_list::NotesView;
    use ratatui::layout::Rect;

    const T: &str = "Officials said 140 people died. Critics blamed the agency. It denied it.";

    fn span(needle: &str) -> Span {
        let i = T.find(needle).unwrap();
        i..i + needle.len()
    }

    fn notes() -> NoteSet {
        let mut n = NoteSet::new(DocKey::new("a.txt", T));
        n.set_id_seed(1);
        n.set_status(T, span("140 people died"), Some(0), Status::Supported, "t");
        n.set_note(
            T,
            Target::Passage(span("Critics blamed")),
            "who?\nmore",
            "t",
        );
        n.set_note(T, Target::Passage(span("It denied it.")), "", "t");
        n
    }

    #[test]
    fn rows_put_notes_under_entries_and_a_header_before_orphans() {
        let mut n = notes();
        n.reanchor("Officials said 140 people died. Critics blamed the agency.");
        let e = n.entries();
        assert_eq!(
            rows(&e),
            [
                Row::Entry(0),
                Row::Entry(1),
                Row::Note(1),
                Row::Header,
                Row::Entry(2)
            ]
        );
    }

    #[test]
    fn selection_gives_spans_and_clamps() {
        let n = notes();
        let mut s = NotesListState::default();
        assert_eq!(s.selected_span(&n), Some(span("140 people died")));
        s.move_by(5, n.len());
        assert_eq!(s.selected(), 2);
        s.move_by(-1, n.len());
        assert_eq!(s.selected_span(&n), Some(span("Critics blamed")));
        s.last(n.len());
        assert_eq!(s.selected(), 2);
        s.first();
        assert_eq!(s.selected(), 0);
        assert_eq!(s.selected_span(&NoteSet::new(DocKey::new("b", ""))), None);
    }

    #[test]
    fn scrolling_follows_the_selection() {
        let n = notes();
        let theme = NotesTheme::default();
        let mut s = NotesListState::default();
        s.select(2, n.len());
        let view = NotesView::new(&n, &s, &theme);
        let rows = rows(&view.entries);
        // Rows: E0, E1, N1, E2; two visible rows must show E2.
        assert_eq!(view.top(&rows, 2), 2);
        s.fit(&n, 2);
        assert_eq!(s.offset, 2);
        s.select(1, n.len());
        let view = NotesView::new(&n, &s, &theme);
        assert_eq!(view.top(&rows, 2), 1);
        assert_eq!(view.entry_at(Rect::new(0, 5, 40, 2), 6), Some(1));
        assert_eq!(view.entry_at(Rect::new(0, 5, 40, 2), 7), None);
    }
}
