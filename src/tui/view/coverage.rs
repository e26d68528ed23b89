//! The coverage view: several documents lined up ([`crate::analysis::coverage`]): actors
//! in several documents with a mention count per document, the claims the documents
//! share (each document's wording on its own line), the claims only one makes, the
//! sources quoted, and last the actors only one document names.
//!
//! [`rows`] turns a [`Coverage`] into display rows once (when the analyses are done); the
//! widget only draws them, a screen at a time. Each claim row knows its document and
//! claim, a source row its first claim, an actor row the first document naming it, so
//! selecting a row can jump there.

use super::{put, put_trunc};
use crate::analysis::coverage::{ClaimRef, Coverage, CrossActor, Input};
use crate::analysis::ActorId;
use crate::tui::layout::display_width;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// What a row of the coverage view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A section heading ("Shared claims 4"), with column labels for the tables.
    Heading,
    /// An actor, with a mention count per document.
    Actor,
    /// The head of a shared claim: in which documents.
    Shared,
    /// One document's wording of a shared claim.
    Member,
    /// A claim only one document makes.
    Unique,
    /// A source, with the number of claims each document attributes to it.
    Source,
}

/// One row of the coverage view.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What it is.
    pub kind: RowKind,
    /// Its text (an actor's name, a claim's wording, a heading).
    pub text: String,
    /// Dim text after it (an actor's kind, a claimer).
    pub note: String,
    /// Right-aligned cells, one per document (counts, or column labels).
    pub cells: Vec<String>,
    /// The claim it shows, for a claim row (for a source, its first claim): selecting
    /// it jumps there.
    pub target: Option<ClaimRef>,
    /// For an actor, the first document that names it and the actor there: selecting
    /// it shows the actor in that document.
    pub actor: Option<(usize, ActorId)>,
}

impl Row {
    fn new(kind: RowKind, text: String) -> Self {
        Row {
            kind,
            text,
            note: String::new(),
            cells: Vec::new(),
            target: None,
            actor: None,
        }
    }
}

fn count_cells(counts: impl Iterator<Item = usize>) -> Vec<String> {
    counts
        .map(|c| {
            if c == 0 {
                "·".to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows for `cov`, made from `docs` (the inputs it was computed from).
pub fn rows(cov: &Coverage, docs: &[Input<'_>]) -> Vec<Row> {
    let labels: Vec<String> = (1..=docs.len()).map(|i| format!("D{i}")).collect();
    let mut out = Vec::new();
    let claim_row = |kind: RowKind, r: &ClaimRef| {
        let d = &docs[r.doc];
        let c = d.analysis.statement(r.claim);
        let mut row = Row::new(kind, one_line(&d.text[c.span.clone()]));
        row.cells = vec![format!("D{}", r.doc + 1)];
        if let Some(who) = &c.claimer {
            row.note = format!("— {}", one_line(who));
        }
        row.target = Some(*r);
        row
    };
    // Actors in several documents lead; those only one names (most of them, with many
    // documents open) come last, so they never push the shared claims out of sight.
    let (several, alone): (Vec<_>, Vec<_>) =
        cov.actors.actors.iter().partition(|a| a.doc_count() > 1);
    let actor_rows = |out: &mut Vec<Row>, heading: String, actors: &[&CrossActor]| {
        let mut h = Row::new(RowKind::Heading, heading);
        h.cells = labels.clone();
        out.push(h);
        for a in actors {
            let mut row = Row::new(RowKind::Actor, a.name.clone());
            row.note = super::actors::kind_word(a.kind).to_string();
            row.cells = count_cells(a.mentions.iter().copied());
            row.actor = a
                .docs
                .iter()
                .enumerate()
                .find_map(|(d, ids)| Some((d, *ids.first()?)));
            out.push(row);
        }
    };
    // "Shared" when the one-document actors have their own section below.
    let heading = if alone.is_empty() {
        format!("Actors {}", several.len())
    } else {
        format!("Shared actors {}", several.len())
    };
    actor_rows(&mut out, heading, &several);
    out.push(Row::new(
        RowKind::Heading,
        format!("Shared claims {}", cov.shared.len()),
    ));
    for g in &cov.shared {
        let docs_in: Vec<String> = g
            .members
            .iter()
            .map(|m| format!("D{}", m.doc + 1))
            .collect();
        out.push(Row::new(
            RowKind::Shared,
            format!("in {} documents: {}", g.members.len(), docs_in.join(" ")),
        ));
        for m in &g.members {
            out.push(claim_row(RowKind::Member, m));
        }
    }
    out.push(Row::new(
        RowKind::Heading,
        format!("Only one document {}", cov.unique.len()),
    ));
    for m in &cov.unique {
        out.push(claim_row(RowKind::Unique, m));
    }
    let mut h = Row::new(RowKind::Heading, format!("Sources {}", cov.sources.len()));
    h.cells = labels.clone();
    out.push(h);
    for s in &cov.sources {
        let mut row = Row::new(RowKind::Source, s.name.clone());
        row.cells = count_cells(s.claims.iter().map(Vec::len));
        row.target = s.claims.iter().enumerate().find_map(|(doc, c)| {
            Some(ClaimRef {
                doc,
                claim: *c.first()?,
            })
        });
        out.push(row);
    }
    if !alone.is_empty() {
        let heading = format!("Actors in one document {}", alone.len());
        actor_rows(&mut out, heading, &alone);
    }
    out
}

/// The coverage view: a bordered list of [`rows`], the selected one highlighted and kept
/// in sight.
pub struct CoverageView<'a> {
    /// The rows to draw.
    pub rows: &'a [Row],
    /// How many documents are compared.
    pub docs: usize,
    /// The selected row.
    pub selected: Option<usize>,
    /// The first row shown (moved as needed to keep the selection in sight).
    pub top: usize,
    /// Styles.
    pub theme: &'a Theme,
}

/// Width of one per-document cell column.
const CELL: usize = 4;

/// Columns kept for an actor's or a source's name (and kind) before the document columns.
const MIN_TEXT: usize = 30;

impl Widget for CoverageView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let title = format!(" Coverage · {} documents ", self.docs);
        let block = t.block(true).title(title);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let h = inner.height as usize;
        let mut top = self.top.min(self.rows.len().saturating_sub(1));
        if let Some(sel) = self.selected {
            if sel < top {
                top = sel;
            } else if sel >= top + h {
                top = sel + 1 - h;
            }
        }
        let w = inner.width as usize;
        // As many document columns as leave room for a name and its kind.
        let fit = (w.saturating_sub(MIN_TEXT) / CELL).min(self.docs);
        for (k, row) in self.rows.iter().enumerate().skip(top).take(h) {
            let y = inner.y + (k - top) as u16;
            let sel = self.selected == Some(k);
            let base = |s| if sel { t.selected } else { s };
            if sel {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), t.selected);
            }
            let table = matches!(row.kind, RowKind::Actor | RowKind::Source)
                || row.kind == RowKind::Heading && !row.cells.is_empty();
            let cols = if table { fit } else { 0 };
            let cells_w = cols * CELL + usize::from(table && fit < self.docs) * CELL;
            let text_w = w.saturating_sub(cells_w + 1);
            let (indent, style) = match row.kind {
                RowKind::Heading => (0, t.heading),
                RowKind::Shared => (1, t.dim),
                RowKind::Member | RowKind::Unique => (3, t.text),
                RowKind::Actor | RowKind::Source => (1, t.text),
            };
            let mut x = inner.x + indent;
            let avail = text_w.saturating_sub(indent as usize);
            if let (RowKind::Member | RowKind::Unique, Some(label)) = (row.kind, row.cells.first())
            {
                x = put(buf, x, y, label, 3, base(t.key)) + 1;
                let avail = avail.saturating_sub(4);
                let note_w = display_width(&row.note);
                let body = if note_w + 12 < avail && !row.note.is_empty() {
                    avail - note_w - 1
                } else {
                    avail
                };
                x = put_trunc(buf, x, y, &row.text, body, base(style)) + 1;
                if body < avail {
                    put_trunc(buf, x, y, &row.note, note_w, base(t.dim));
                }
                continue;
            }
            let name_w = if row.note.is_empty() {
                avail
            } else {
                avail.saturating_sub(8).min(28.max(avail / 2))
            };
            x = put_trunc(buf, x, y, &row.text, name_w, base(style)) + 1;
            if !row.note.is_empty() {
                put(buf, x, y, &row.note, 7, base(t.dim));
            }
            if cols > 0 {
                let mut cx = inner.x + (w - cells_w) as u16;
                for c in row.cells.iter().take(cols) {
                    let pad = CELL.saturating_sub(display_width(c) + 1);
                    put(buf, cx + pad as u16, y, c, CELL, base(t.dim));
                    cx += CELL as u16;
                }
                if fit < self.docs {
                    let more = format!("+{}", self.docs - fit);
                    put(buf, cx, y, &more, CELL, base(t.dim));
                }
            }
        }
    }
}
