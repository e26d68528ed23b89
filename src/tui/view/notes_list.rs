//! The notes list widget: [`NotesView`] draws a [`NoteSet`]'s entries with the
//! selection and scroll of a [`NotesListState`] (see [`crate::tui::state::notes_list`]), and
//! only reads them.

use crate::notes::{Entry, EntryKind, NoteSet};
use crate::tui::state::notes_list::{fit_top, rows, NotesListState, Row, ORPHANS_HEADER};
use crate::tui::theme::NotesTheme;
use crate::tui::view::marks::{badge, BADGE_WIDTH, NOTE_MARK};
use crate::tui::view::one_line;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

/// Cells before the kind column: selection marker (2), badge, space.
pub(crate) const KIND_COL: usize = 2 + BADGE_WIDTH + 1;
/// Width of the kind column ("highlight").
pub(crate) const KIND_WIDTH: usize = 9;

/// Draws the notes of a [`NoteSet`] as a list, in the area it is given.
pub struct NotesView<'a> {
    pub(crate) entries: Vec<&'a Entry>,
    state: &'a NotesListState,
    theme: &'a NotesTheme,
    block: Option<Block<'a>>,
    listed: Option<&'a [usize]>,
}

impl<'a> NotesView<'a> {
    /// The list of `notes`' live entries, with `state`'s selection.
    pub fn new(notes: &'a NoteSet, state: &'a NotesListState, theme: &'a NotesTheme) -> Self {
        NotesView {
            entries: notes.entries(),
            state,
            theme,
            block: None,
            listed: None,
        }
    }

    /// Number claims as the claims panel lists them: `listed` holds the claims listed
    /// (indices into the analysis's claims, in order), so an entry on the claim listed
    /// third reads `claim 3`, as the status line counts; one not listed reads `claim`.
    /// Without it, a claim's number is its place among all claims found (as in the
    /// export's `^claim-N`).
    pub fn listed(mut self, listed: &'a [usize]) -> Self {
        self.listed = Some(listed);
        self
    }

    /// Draw inside `block` (e.g. the reader's bordered pane with a title).
    pub fn block(mut self, block: Block<'a>) -> Self {
        self.block = Some(block);
        self
    }

    fn inner(&self, area: Rect) -> Rect {
        self.block.as_ref().map_or(area, |b| b.inner(area))
    }

    pub(crate) fn top(&self, rows: &[Row], height: usize) -> usize {
        fit_top(rows, self.state.selected, self.state.offset, height)
    }

    /// The index (into [`NoteSet::entries`]) of the entry drawn at terminal row `y`
    /// when the view is rendered in `area` (for mouse clicks).
    pub fn entry_at(&self, area: Rect, y: u16) -> Option<usize> {
        let inner = self.inner(area);
        if y < inner.y || y >= inner.bottom() {
            return None;
        }
        let rows = rows(&self.entries);
        let top = self.top(&rows, inner.height as usize);
        rows.get(top + (y - inner.y) as usize)?.entry()
    }

    fn draw_row(&self, row: Row, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let w = area.width as usize;
        let (x, y) = (area.x, area.y);
        match row {
            Row::Header => {
                let label = format!("── {ORPHANS_HEADER} ");
                let fill = w.saturating_sub(crate::tui::layout::display_width(&label));
                buf.set_stringn(x, y, label + &"─".repeat(fill), w, t.orphan);
            }
            Row::Entry(i) => {
                let e = self.entries[i];
                let marker = if i == self.state.selected {
                    "▶ "
                } else {
                    "  "
                };
                let (mark, mark_style) = match e.kind {
                    EntryKind::Claim => {
                        (badge(e.status_or_default()), t.badge(e.status_or_default()))
                    }
                    EntryKind::Highlight | EntryKind::Unknown => ("", Style::new()),
                };
                let number = |n: u32| match self.listed {
                    None => Some(n as usize + 1),
                    Some(l) => l.iter().position(|&c| c == n as usize).map(|k| k + 1),
                };
                let kind = match (e.kind, e.claim.and_then(number)) {
                    (EntryKind::Claim, Some(k)) => format!("claim {k}"),
                    (EntryKind::Claim, None) => "claim".to_string(),
                    (EntryKind::Highlight, _) => "highlight".to_string(),
                    (EntryKind::Unknown, _) => "unknown kind".to_string(),
                };
                let quote_style = if e.orphaned { t.orphan } else { t.text };
                let (cx, _) = buf.set_stringn(x, y, marker, w, Style::new());
                buf.set_stringn(
                    cx,
                    y,
                    mark,
                    BADGE_WIDTH.min(w.saturating_sub(2)),
                    mark_style,
                );
                let kx = x + KIND_COL as u16;
                if w > KIND_COL {
                    let kind = format!("{kind:<KIND_WIDTH$} ");
                    buf.set_stringn(kx, y, kind, w - KIND_COL, t.muted);
                }
                let qcol = KIND_COL + KIND_WIDTH + 1;
                if w > qcol + 2 {
                    let q = one_line(&e.anchor.exact, w - qcol - 2);
                    buf.set_stringn(x + qcol as u16, y, format!("“{q}”"), w - qcol, quote_style);
                }
            }
            Row::Note(i) => {
                let e = self.entries[i];
                if w <= KIND_COL + 2 {
                    return;
                }
                let mut lines = e.note.trim().lines();
                let first = lines.next().unwrap_or_default();
                let more = if lines.next().is_some() { " …" } else { "" };
                let avail = (w - KIND_COL - 2).saturating_sub(more.chars().count());
                let text = one_line(first, avail) + more;
                let nx = x + KIND_COL as u16;
                let (tx, _) = buf.set_stringn(nx, y, NOTE_MARK, 1, t.note_mark);
                buf.set_stringn(tx + 1, y, text, w - KIND_COL - 2, t.text);
            }
        }
    }
}

impl Widget for &NotesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(b) = &self.block {
            b.render(area, buf);
        }
        let inner = self.inner(area);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        if self.entries.is_empty() {
            let msg = "No notes yet.";
            buf.set_stringn(
                inner.x,
                inner.y,
                msg,
                inner.width as usize,
                self.theme.muted,
            );
            return;
        }
        let rows = rows(&self.entries);
        let top = self.top(&rows, inner.height as usize);
        for (y, &row) in (inner.y..inner.bottom()).zip(&rows[top..]) {
            let line = Rect {
                y,
                height: 1,
                ..inner
            };
            self.draw_row(row, line, buf);
            if row.entry() == Some(self.state.selected) {
                buf.set_style(line, self.theme.selected);
            }
        }
    }
}

impl Widget for NotesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self).render(area, buf);
    }
}
