//! Note widgets drawn on ratatui's TestBackend: the editor popup, the notes list (with a
//! kept and an orphaned note) and the status menu. Snapshots hold the symbols; styles
//! are asserted on buffer cells.

use lede::notes::{DocKey, NoteSet, Status, Target};
use lede::tui::state::editor::{EditorInput, NoteEditor};
use lede::tui::state::notes_list::NotesListState;
use lede::tui::state::status_menu::StatusMenu;
use lede::tui::theme::NotesTheme;
use lede::tui::view::editor::NoteEditorWidget;
use lede::tui::view::notes_list::NotesView;
use lede::tui::view::status_menu::StatusMenuWidget;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui::Terminal;

const V1: &str = "Officials said 140 people died in the attack. Critics blamed the security \
services for the failure. The agency denied any failure and promised a review.";
const V2: &str = "Officials said 140 people died in the attack. Critics blamed the security \
services for the failure.";

fn span(text: &str, needle: &str) -> std::ops::Range<usize> {
    let i = text.find(needle).expect("needle in text");
    i..i + needle.len()
}

/// A page of text under the popups, to show that they clear what they cover.
fn background(area: Rect, buf: &mut Buffer) {
    Paragraph::new("lorem ipsum dolor sit amet ".repeat(80))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn draw_editor(editor: &NoteEditor, w: u16, h: u16) -> Terminal<TestBackend> {
    let theme = NotesTheme::default();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        let widget = NoteEditorWidget::new(editor, "Note on claim 3", &theme)
            .quote("Critics blamed the security services for the failure.");
        background(f.area(), f.buffer_mut());
        f.render_widget(&widget, f.area());
        if let Some((x, y)) = widget.cursor_position(f.area()) {
            f.set_cursor_position((x, y));
        }
    })
    .unwrap();
    term
}

fn typed(editor: &mut NoteEditor, s: &str) {
    for c in s.chars() {
        editor.handle(if c == '\n' {
            EditorInput::Newline
        } else {
            EditorInput::Char(c)
        });
    }
}

#[test]
fn editor_popup_60x20() {
    let mut e = NoteEditor::new("");
    typed(
        &mut e,
        "Which services? The FSB was warned by the US embassy two weeks before.\n\
         Check: 日本語 and 👩‍👩‍👧 widths.",
    );
    let mut term = draw_editor(&e, 60, 20);
    insta::assert_snapshot!(term.backend());
    // The cursor sits after the last character typed.
    let p = term.backend_mut().get_cursor_position().unwrap();
    let cell = &term.backend().buffer()[(p.x - 1, p.y)];
    assert_eq!(cell.symbol(), ".");
}

#[test]
fn editor_popup_80x24_empty_shows_placeholder_and_cursor() {
    let e = NoteEditor::new("");
    let mut term = draw_editor(&e, 80, 24);
    insta::assert_snapshot!(term.backend());
    let area = Rect::new(0, 0, 80, 24);
    let inner = Block::bordered().inner(NoteEditorWidget::popup_area(area));
    // The text starts two rows below the quote, at the inner left edge.
    assert_eq!(
        term.backend_mut().get_cursor_position().unwrap(),
        Position::new(inner.x, inner.y + 2)
    );
}

#[test]
fn editor_scrolls_to_the_cursor_and_back() {
    let mut e = NoteEditor::new("");
    for i in 1..=12 {
        typed(&mut e, &format!("line {i}\n"));
    }
    typed(&mut e, "last");
    let term = draw_editor(&e, 60, 20);
    let screen = term.backend().to_string();
    assert!(screen.contains("last"), "{screen}");
    assert!(!screen.contains("line 1 "), "{screen}");
    for _ in 0..12 {
        e.handle(EditorInput::Up);
    }
    let term = draw_editor(&e, 60, 20);
    let screen = term.backend().to_string();
    assert!(screen.contains("line 1 "), "{screen}");
    assert!(!screen.contains("last"), "{screen}");
}

fn notes() -> NoteSet {
    let mut n = NoteSet::new(DocKey::new("/news/attack.txt", V1));
    n.set_id_seed(3);
    let claim = span(V1, "140 people died in the attack");
    n.set_status(V1, claim.clone(), Some(0), Status::Disputed, "t1");
    n.set_note(
        V1,
        Target::Claim {
            span: claim,
            index: Some(0),
        },
        "Ministry figure; later reports say 145.\nSee the follow-up.",
        "t1",
    );
    n.set_note(
        V1,
        Target::Passage(span(V1, "Critics blamed the security services")),
        "",
        "t1",
    );
    n.set_note(
        V1,
        Target::Passage(span(V1, "The agency denied any failure")),
        "Denial without evidence.",
        "t1",
    );
    let sum = n.reanchor(V2);
    assert_eq!((sum.kept, sum.orphaned), (2, 1));
    n
}

fn draw_notes(n: &NoteSet, state: &NotesListState, w: u16, h: u16) -> Terminal<TestBackend> {
    let theme = NotesTheme::default();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        let block = Block::bordered().title(Span::raw(format!(" Notes {} ", n.len())));
        f.render_widget(NotesView::new(n, state, &theme).block(block), f.area());
    })
    .unwrap();
    term
}

#[test]
fn notes_view_with_kept_and_orphaned_notes() {
    let n = notes();
    let mut state = NotesListState::default();
    state.select(1, n.len());
    let term = draw_notes(&n, &state, 60, 10);
    insta::assert_snapshot!(term.backend());
    let theme = NotesTheme::default();
    let buf = term.backend().buffer();
    // Row 1 is the claim (not selected), row 3 the selected highlight.
    assert_eq!(buf[(3, 1)].symbol(), "≠");
    assert_eq!(buf[(3, 1)].fg, theme.badge(Status::Disputed).fg.unwrap());
    assert_eq!(buf[(10, 3)].bg, theme.selected.bg.unwrap());
    assert_ne!(buf[(10, 1)].bg, theme.selected.bg.unwrap());
    assert_eq!(
        state.selected_span(&n),
        Some(span(V2, "Critics blamed the security services"))
    );
}

#[test]
fn notes_view_scrolls_to_a_selected_orphan_with_its_header() {
    let n = notes();
    let mut state = NotesListState::default();
    state.last(n.len());
    let term = draw_notes(&n, &state, 44, 5);
    insta::assert_snapshot!(term.backend());
    assert_eq!(state.selected_span(&n), None, "orphans have no span");
    assert!(state.selected_entry(&n).unwrap().orphaned);
}

#[test]
fn notes_view_empty() {
    let n = NoteSet::new(DocKey::new("a", "text"));
    let term = draw_notes(&n, &NotesListState::default(), 30, 4);
    insta::assert_snapshot!(term.backend());
}

#[test]
fn status_menu_popup() {
    let theme = NotesTheme::no_color();
    let menu = StatusMenu::new(Status::NeedsSource);
    let mut term = Terminal::new(TestBackend::new(40, 12)).unwrap();
    term.draw(|f| {
        background(f.area(), f.buffer_mut());
        f.render_widget(StatusMenuWidget::new(&menu, &theme), f.area());
    })
    .unwrap();
    insta::assert_snapshot!(term.backend());
    // The current status is selected (reversed, without colour).
    let buf = term.backend().buffer();
    let src_row = (0..12).find(|&y| buf[(10, y)].symbol() == "s").unwrap();
    assert!(buf[(20, src_row)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(20, src_row + 1)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn widgets_fit_any_size_and_the_cursor_stays_in_the_popup() {
    let mut e = NoteEditor::new("");
    typed(
        &mut e,
        "a long note with 日本語 words\nand 👩‍👩‍👧 lines that wrap",
    );
    let n = notes();
    let theme = NotesTheme::default();
    let state = NotesListState::default();
    let menu = StatusMenu::new(Status::False);
    for w in 0..50u16 {
        for h in 0..14u16 {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            let widget = NoteEditorWidget::new(&e, "Note", &theme).quote("q");
            (&widget).render(area, &mut buf);
            if let Some((x, y)) = widget.cursor_position(area) {
                let popup = NoteEditorWidget::popup_area(area);
                let inner = Block::bordered().inner(popup);
                assert!(inner.contains(Position::new(x, y)), "{w}x{h}: {x},{y}");
            }
            NotesView::new(&n, &state, &theme)
                .block(Block::bordered())
                .render(area, &mut buf);
            StatusMenuWidget::new(&menu, &theme).render(area, &mut buf);
        }
    }
}
