//! Notes in the reader, through actions on a `State` (no terminal): marking claims,
//! writing notes in the editor, visual selection, the notes list, saving.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::io::notes_store::{doc_key, NotesStore};
use lede::notes::{EntryKind, Status};
use lede::tui::action::Action;
use lede::tui::editor::{input_from_key, EditorInput};
use lede::tui::state::{Focus, Mode, State};
use lede::tui::update::{update, Command};

const SAMPLE: &str = include_str!("../assets/sample.txt");

fn sample(w: u16, h: u16) -> State {
    let doc = lede::document::plain::parse("sample.txt", SAMPLE);
    let a = lede::analysis::analyze(&doc.text, doc.date);
    let mut s = State::new(doc, w, h);
    // Every claim listed, so that list positions are analysis indices.
    s.all_claims = true;
    s.set_analysis(a);
    s.relayout();
    s
}

fn claim_span(s: &State, i: usize) -> std::ops::Range<usize> {
    s.analysis.as_ref().expect("analysis").claims[i]
        .span
        .clone()
}

fn status_text(s: &State) -> &str {
    s.status.as_ref().map_or("", |m| m.text.as_str())
}

/// Type `text` into the editor as key presses.
fn type_keys(s: &mut State, text: &str) {
    for c in text.chars() {
        let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let input = input_from_key(&ev).expect("a character");
        assert_eq!(update(s, Action::Edit(input)), None);
    }
}

#[test]
fn m_cycles_the_current_claims_status_and_asks_for_a_save() {
    let mut s = sample(120, 40);
    assert_eq!(
        update(&mut s, Action::MarkClaim),
        None,
        "no claim selected yet"
    );
    assert!(status_text(&s).contains("no claim selected"));
    update(&mut s, Action::NextClaim);
    let span = claim_span(&s, 0);
    let expected = [
        Status::NeedsSource,
        Status::Supported,
        Status::Disputed,
        Status::False,
        Status::NotAClaim,
        Status::Unreviewed,
        Status::NeedsSource,
    ];
    for st in expected {
        assert_eq!(update(&mut s, Action::MarkClaim), Some(Command::SaveNotes));
        assert_eq!(s.notes.status(&span), st);
        assert!(status_text(&s).contains(st.label()), "{}", status_text(&s));
    }
    // From another focus it acts on the same claim.
    update(&mut s, Action::FocusActors);
    update(&mut s, Action::MarkClaim);
    assert_eq!(s.notes.status(&span), Status::Supported);
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes.find(&span).and_then(|e| e.claim), Some(0));
}

#[test]
fn status_menu_sets_a_chosen_status() {
    let mut s = sample(80, 24);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::StatusMenu);
    assert_eq!(s.mode, Mode::StatusMenu);
    use lede::tui::status_menu::MenuInput;
    assert_eq!(update(&mut s, Action::Menu(MenuInput::Down)), None);
    assert_eq!(
        update(&mut s, Action::Menu(MenuInput::Pick(3))),
        Some(Command::SaveNotes)
    );
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.notes.status(&claim_span(&s, 1)), Status::Disputed);
    // Esc closes without change.
    update(&mut s, Action::StatusMenu);
    assert_eq!(update(&mut s, Action::Cancel), None);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.notes.status(&claim_span(&s, 1)), Status::Disputed);
}

#[test]
fn a_writes_then_edits_a_note_on_the_current_claim() {
    let mut s = sample(120, 40);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::AddNote);
    assert_eq!(s.mode, Mode::Note);
    let edit = s.editor.as_ref().expect("editor");
    assert_eq!(edit.title, "Note on claim 1");
    assert!(edit.quote.starts_with("The inclusion of the international"));
    type_keys(&mut s, "Who counted");
    update(&mut s, Action::NoteNewline);
    update(&mut s, Action::Paste("the victims?\r\n".into()));
    assert_eq!(update(&mut s, Action::NoteSave), Some(Command::SaveNotes));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.editor.is_none());
    let span = claim_span(&s, 0);
    let e = s.notes.find(&span).expect("entry");
    assert_eq!(e.kind, EntryKind::Claim);
    assert_eq!(e.note, "Who counted\nthe victims?");

    // Again: the editor opens on the note; Esc keeps it unchanged.
    update(&mut s, Action::AddNote);
    assert_eq!(
        s.editor.as_ref().map(|e| e.editor.text().to_string()),
        Some("Who counted\nthe victims?".to_string())
    );
    type_keys(&mut s, " no");
    // A changed note asks before it is thrown away: the first Esc only warns.
    assert_eq!(update(&mut s, Action::Cancel), None);
    assert_eq!(s.mode, Mode::Note);
    assert!(s
        .editor
        .as_ref()
        .is_some_and(|e| e.editor.text().ends_with(" no")));
    assert_eq!(update(&mut s, Action::Cancel), None);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(
        s.notes.find(&span).expect("entry").note,
        "Who counted\nthe victims?"
    );

    // Editing through Enter (the key map's save) replaces it.
    update(&mut s, Action::AddNote);
    update(&mut s, Action::Edit(EditorInput::End));
    type_keys(&mut s, " Check.");
    update(&mut s, Action::Edit(EditorInput::Save));
    assert_eq!(
        s.notes.find(&span).expect("entry").note,
        "Who counted\nthe victims? Check."
    );
    assert_eq!(s.notes.len(), 1);
}

#[test]
fn without_a_claim_a_notes_the_sentence_at_the_top() {
    let mut s = sample(120, 40);
    update(&mut s, Action::AddNote);
    let edit = s.editor.as_ref().expect("editor");
    assert!(
        edit.quote.starts_with("What caused the security failure"),
        "{}",
        edit.quote
    );
    type_keys(&mut s, "headline");
    update(&mut s, Action::NoteSave);
    let e = s.notes.entries()[0].clone();
    assert_eq!(e.kind, EntryKind::Highlight);
    assert_eq!(e.note, "headline");
}

#[test]
fn visual_selection_extends_by_sentence_and_notes_or_highlights_it() {
    let mut s = sample(120, 40);
    update(&mut s, Action::FocusClaims);
    update(&mut s, Action::Visual);
    assert_eq!(s.mode, Mode::Visual);
    assert_eq!(s.focus, Focus::Article);
    let sentences = s.analysis.as_ref().expect("analysis").sentences.clone();
    let sel = s.visual.expect("selection");
    assert_eq!(sel.len(), 1);
    update(&mut s, Action::Down);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::Up);
    let sel = s.visual.expect("selection");
    assert_eq!(sel.len(), 2);
    let span = sel.span(&sentences);
    update(&mut s, Action::AddNote);
    assert_eq!(s.mode, Mode::Note);
    assert_eq!(
        s.editor.as_ref().expect("editor").title,
        "Note on 2 sentences"
    );
    type_keys(&mut s, "two");
    assert_eq!(update(&mut s, Action::NoteSave), Some(Command::SaveNotes));
    let e = s.notes.find(&span).expect("noted passage");
    assert_eq!((e.kind, e.note.as_str()), (EntryKind::Highlight, "two"));

    // A plain highlight of a later sentence; Esc leaves no trace.
    update(&mut s, Action::Visual);
    for _ in 0..3 {
        update(&mut s, Action::Down);
    }
    update(&mut s, Action::Up);
    let span2 = s.visual.expect("selection").span(&sentences);
    assert_eq!(update(&mut s, Action::Highlight), Some(Command::SaveNotes));
    assert_eq!(s.mode, Mode::Normal);
    let e = s.notes.find(&span2).expect("highlight");
    assert!(!e.has_note());
    update(&mut s, Action::Visual);
    assert_eq!(update(&mut s, Action::Cancel), None);
    assert_eq!((s.mode, s.visual), (Mode::Normal, None));
    assert_eq!(s.notes.len(), 2);
}

#[test]
fn copy_quotes_the_claim_or_passage_with_its_source() {
    let mut s = sample(80, 24);
    assert_eq!(update(&mut s, Action::Copy), None);
    update(&mut s, Action::NextClaim);
    let Some(Command::Copy(text)) = update(&mut s, Action::Copy) else {
        panic!("a copy command");
    };
    assert!(
        text.starts_with("“The inclusion of the international"),
        "{text}"
    );
    assert!(text.ends_with("sample.txt"), "{text}");
    update(&mut s, Action::Visual);
    let Some(Command::Copy(text)) = update(&mut s, Action::Copy) else {
        panic!("a copy command");
    };
    assert!(
        text.starts_with("“The inclusion of the international"),
        "{text}"
    );
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn notes_list_jumps_to_a_note_edits_and_deletes_it() {
    let mut s = sample(80, 24);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::MarkClaim);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::AddNote);
    type_keys(&mut s, "last one");
    update(&mut s, Action::NoteSave);
    update(&mut s, Action::Top);
    update(&mut s, Action::NextClaim);
    assert_eq!(
        s.selected_claim(),
        Some(0),
        "] from the top: the first claim"
    );

    update(&mut s, Action::NotesView);
    assert_eq!(s.mode, Mode::Notes);
    update(&mut s, Action::Down);
    assert_eq!(s.notes_list.selected(), 1);
    update(&mut s, Action::Jump);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.selected_claim(), Some(2), "its claim is selected");
    let span = claim_span(&s, 2);
    assert!(s.locate(span.start).is_some(), "shown in the article");

    // Edit from the list, then come back to it.
    update(&mut s, Action::NotesView);
    update(&mut s, Action::AddNote);
    assert_eq!(s.editor.as_ref().expect("editor").editor.text(), "last one");
    type_keys(&mut s, "!");
    update(&mut s, Action::NoteSave);
    assert_eq!(s.mode, Mode::Notes);
    assert_eq!(s.notes.find(&span).expect("entry").note, "last one!");

    // One d only asks; another key keeps the note; d twice deletes it.
    assert_eq!(update(&mut s, Action::DeleteNote), None);
    assert_eq!(s.notes.len(), 2, "not deleted yet");
    assert!(s
        .status
        .as_ref()
        .is_some_and(|m| m.warning && m.text.starts_with("d again deletes")));
    update(&mut s, Action::Down);
    update(&mut s, Action::Up);
    assert_eq!(update(&mut s, Action::DeleteNote), None);
    assert_eq!(s.notes.len(), 2, "the other key cancelled the first d");
    // Delete leaves a tombstone (kept for merging) and clamps the selection.
    assert_eq!(update(&mut s, Action::DeleteNote), Some(Command::SaveNotes));
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes.all_entries().len(), 2);
    assert!(s.notes.all_entries().iter().any(|e| e.deleted));
    assert_eq!(s.notes_list.selected(), 0);
    update(&mut s, Action::Cancel);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn notes_are_saved_to_the_data_dir_and_loaded_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("article.txt");
    std::fs::write(&path, SAMPLE).expect("write");
    let source = path.display().to_string();
    let open = || {
        let doc = lede::document::plain::parse(&source, SAMPLE);
        let a = lede::analysis::analyze(&doc.text, doc.date);
        let mut s = State::new(doc, 100, 30);
        lede::tui::open_notes(&mut s, NotesStore::at(dir.path().join("data")));
        s.set_analysis(a);
        s.relayout();
        s
    };
    let mut s = open();
    assert!(s.notes.is_empty());
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::MarkClaim);
    lede::tui::save_notes(&mut s);
    update(&mut s, Action::AddNote);
    type_keys(&mut s, "saved");
    update(&mut s, Action::NoteSave);
    lede::tui::save_notes(&mut s);
    assert!(!s.notes_unsaved);
    let store = NotesStore::at(dir.path().join("data"));
    let key = doc_key(&source, &s.doc.text);
    assert!(store.path_for(&key).exists());

    let s2 = open();
    let first = s2.visible_claims[0];
    let span = claim_span(&s2, first);
    let e = s2.notes.find(&span).expect("loaded");
    assert_eq!(
        (e.status, e.note.as_str()),
        (Some(Status::NeedsSource), "saved")
    );
    assert_eq!(e.claim, Some(first as u32), "linked to its claim");
}

#[test]
fn a_failed_save_is_shown_and_keeps_the_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The data directory is a file: nothing can be written under it.
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "not a directory").expect("write");
    let mut s = sample(80, 24);
    s.notes_store = Some(NotesStore::at(&blocker));
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::MarkClaim);
    lede::tui::save_notes(&mut s);
    assert!(s.notes_unsaved);
    let st = s.status.clone().expect("status");
    assert!(
        st.warning && st.text.starts_with("notes not saved"),
        "{}",
        st.text
    );
    assert_eq!(s.notes.len(), 1, "still in memory");
    // Quitting now warns once; the second quit leaves.
    update(&mut s, Action::Quit);
    lede::tui::settle_quit(&mut s);
    assert!(!s.quit, "the first quit is held back");
    assert!(s
        .status
        .as_ref()
        .is_some_and(|m| m.text.contains("quit again")));
    update(&mut s, Action::Quit);
    lede::tui::settle_quit(&mut s);
    assert!(s.quit);
}

#[test]
fn changed_text_reports_moved_and_orphaned_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.txt");
    let source = path.display().to_string();
    std::fs::write(&path, SAMPLE).expect("write");
    let data = dir.path().join("data");
    let doc = lede::document::plain::parse(&source, SAMPLE);
    let a = lede::analysis::analyze(&doc.text, doc.date);
    let mut s = State::new(doc, 100, 30);
    lede::tui::open_notes(&mut s, NotesStore::at(&data));
    s.all_claims = true;
    s.set_analysis(a);
    for _ in 0..3 {
        update(&mut s, Action::NextClaim);
        update(&mut s, Action::MarkClaim);
    }
    lede::tui::save_notes(&mut s);
    // A new paragraph at the top, and the last claim rewritten.
    let last = claim_span(&s, 2);
    let mut edited = format!("A new first paragraph.\n\n{}", SAMPLE);
    let claim_text = s.doc.text[last].to_string();
    edited = edited.replace(
        &claim_text,
        "Something else entirely, with no words in common.",
    );
    let doc = lede::document::plain::parse(&source, &edited);
    let mut s = State::new(doc, 100, 30);
    lede::tui::open_notes(&mut s, NotesStore::at(&data));
    let st = s.status.clone().expect("a summary");
    assert!(
        st.text.starts_with("0 notes kept, 2 moved, 1 orphaned"),
        "{}",
        st.text
    );
    assert!(st.warning);
}

#[test]
fn an_empty_note_saves_nothing_and_clearing_a_note_drops_a_bare_claim_entry() {
    let mut s = sample(80, 24);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::AddNote);
    assert_eq!(update(&mut s, Action::NoteSave), None);
    assert!(s.notes.is_empty());
    update(&mut s, Action::AddNote);
    type_keys(&mut s, "x");
    update(&mut s, Action::NoteSave);
    assert_eq!(s.notes.len(), 1);
    update(&mut s, Action::AddNote);
    update(&mut s, Action::Edit(EditorInput::Backspace));
    assert_eq!(update(&mut s, Action::NoteSave), Some(Command::SaveNotes));
    assert!(s.notes.is_empty(), "nothing left on the claim");
    // With a status, the entry stays.
    update(&mut s, Action::MarkClaim);
    update(&mut s, Action::AddNote);
    type_keys(&mut s, "y");
    update(&mut s, Action::NoteSave);
    update(&mut s, Action::AddNote);
    update(&mut s, Action::Edit(EditorInput::Backspace));
    update(&mut s, Action::NoteSave);
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes.status(&claim_span(&s, 0)), Status::NeedsSource);
}

#[test]
fn keys_reach_the_editor_through_the_key_map() {
    use crossterm::event::Event;
    use lede::tui::event::to_action;
    let mut s = sample(80, 24);
    update(&mut s, Action::NextClaim);
    let key = |c, m| Event::Key(KeyEvent::new(c, m));
    assert_eq!(
        to_action(&key(KeyCode::Char('a'), KeyModifiers::NONE), &s),
        Some(Action::AddNote)
    );
    update(&mut s, Action::AddNote);
    assert_eq!(
        to_action(&key(KeyCode::Char('q'), KeyModifiers::NONE), &s),
        Some(Action::Edit(EditorInput::Char('q'))),
        "q is a letter in the editor"
    );
    assert_eq!(
        to_action(&key(KeyCode::Enter, KeyModifiers::NONE), &s),
        Some(Action::NoteSave)
    );
    assert_eq!(
        to_action(&key(KeyCode::Enter, KeyModifiers::ALT), &s),
        Some(Action::NoteNewline)
    );
    assert_eq!(
        to_action(&key(KeyCode::Char('s'), KeyModifiers::CONTROL), &s),
        Some(Action::NoteSave)
    );
    assert_eq!(
        to_action(&key(KeyCode::Esc, KeyModifiers::NONE), &s),
        Some(Action::Cancel)
    );
    assert_eq!(
        to_action(&Event::Paste("a\nb".into()), &s),
        Some(Action::Paste("a\nb".into()))
    );
    update(&mut s, Action::Cancel);
    update(&mut s, Action::Visual);
    assert_eq!(
        to_action(&key(KeyCode::Char('h'), KeyModifiers::NONE), &s),
        Some(Action::Highlight)
    );
    assert_eq!(
        to_action(&key(KeyCode::Char(']'), KeyModifiers::NONE), &s),
        Some(Action::Down)
    );
}

#[test]
fn help_lists_the_note_modes() {
    let s = sample(80, 24);
    let lines = lede::tui::view::help::lines(&s);
    for head in ["Selecting a passage (v)", "Notes list", "Writing a note"] {
        assert!(lines.iter().any(|(k, _)| k == head), "{head}");
    }
    assert!(lines.iter().any(|(k, d)| k == "m" && d.contains("mark")));
}

/// The editor scrolls to its cursor in `update`; drawing only reads it.
#[test]
fn a_long_note_scrolls_to_the_cursor_as_it_is_typed() {
    let mut s = sample(60, 20);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::AddNote);
    for i in 0..30 {
        type_keys(&mut s, &format!("line {i}"));
        update(&mut s, Action::NoteNewline);
    }
    type_keys(&mut s, "the last line");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 20)).expect("t");
    t.draw(|f| lede::tui::view::draw(f, &s)).expect("draw");
    let shown = format!("{}", t.backend());
    assert!(shown.contains("the last line"), "{shown}");
    let p = t.get_cursor_position().expect("cursor");
    assert!(p.y > 0 && p.y < 19, "{p:?}");
}
