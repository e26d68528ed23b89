//! Notes in the reader, through actions on a `State` (no terminal): marking claims,
//! writing notes in the editor, visual selection, the notes list, saving.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::io::notes_store::{doc_key, NotesStore};
use lede::notes::{EntryKind, Status};
use lede::tui::action::Action;
use lede::tui::event::Msg;
use lede::tui::state::editor::{input_from_key, EditorInput};
use lede::tui::state::{Focus, Mode, State};
use lede::tui::update::{update, Command};
use std::sync::mpsc;
use std::time::Duration;

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
/// Save the notes as the reader does (on a worker) and take in the outcome.
fn save(s: &mut State) {
    let (tx, rx) = mpsc::channel();
    lede::tui::save_notes(s, &tx);
    finish(s, &tx, &rx);
}

/// Wait for the running save and take in its outcome (nothing when none runs).
fn finish(s: &mut State, tx: &mpsc::Sender<Msg>, rx: &mpsc::Receiver<Msg>) {
    while s.saving.is_some() {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(Msg::Saved(r)) => lede::tui::saved(s, tx, r),
            Ok(other) => panic!("unexpected message {other:?}"),
            Err(e) => panic!("no save outcome: {e}"),
        }
    }
}

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
    assert!(matches!(s.mode, Mode::StatusMenu { .. }));
    use lede::tui::state::status_menu::MenuInput;
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
    assert!(matches!(s.mode, Mode::Note(_)));
    let edit = s.mode.editor().expect("editor");
    assert_eq!(edit.title, "Note on claim 1");
    assert!(edit.quote.starts_with("The inclusion of the international"));
    type_keys(&mut s, "Who counted");
    update(&mut s, Action::NoteNewline);
    update(&mut s, Action::Paste("the victims?\r\n".into()));
    assert_eq!(update(&mut s, Action::NoteSave), Some(Command::SaveNotes));
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.mode.editor().is_none());
    let span = claim_span(&s, 0);
    let e = s.notes.find(&span).expect("entry");
    assert_eq!(e.kind, EntryKind::Claim);
    assert_eq!(e.note, "Who counted\nthe victims?");

    // Again: the editor opens on the note; Esc keeps it unchanged.
    update(&mut s, Action::AddNote);
    assert_eq!(
        s.mode.editor().map(|e| e.editor.text().to_string()),
        Some("Who counted\nthe victims?".to_string())
    );
    type_keys(&mut s, " no");
    // A changed note asks before it is thrown away: the first Esc only warns.
    assert_eq!(update(&mut s, Action::Cancel), None);
    assert!(matches!(s.mode, Mode::Note(_)));
    assert!(s
        .mode
        .editor()
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
    let edit = s.mode.editor().expect("editor");
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
    assert!(matches!(s.mode, Mode::Visual(_)));
    assert_eq!(s.focus, Focus::Article);
    let sentences = s.analysis.as_ref().expect("analysis").sentences.clone();
    let sel = s.mode.visual().expect("selection");
    assert_eq!(sel.len(), 1);
    update(&mut s, Action::Down);
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::Up);
    let sel = s.mode.visual().expect("selection");
    assert_eq!(sel.len(), 2);
    let span = sel.span(&sentences);
    update(&mut s, Action::AddNote);
    assert!(matches!(s.mode, Mode::Note(_)));
    assert_eq!(
        s.mode.editor().expect("editor").title,
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
    let span2 = s.mode.visual().expect("selection").span(&sentences);
    assert_eq!(update(&mut s, Action::Highlight), Some(Command::SaveNotes));
    assert_eq!(s.mode, Mode::Normal);
    let e = s.notes.find(&span2).expect("highlight");
    assert!(!e.has_note());
    update(&mut s, Action::Visual);
    assert_eq!(update(&mut s, Action::Cancel), None);
    assert_eq!(s.mode, Mode::Normal);
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
    assert_eq!(s.mode.editor().expect("editor").editor.text(), "last one");
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
    save(&mut s);
    update(&mut s, Action::AddNote);
    type_keys(&mut s, "saved");
    update(&mut s, Action::NoteSave);
    save(&mut s);
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
    save(&mut s);
    assert!(s.notes_unsaved);
    let st = s.status.clone().expect("status");
    assert!(
        st.warning && st.text.starts_with("notes not saved"),
        "{}",
        st.text
    );
    assert_eq!(s.notes.len(), 1, "still in memory");
    // Quitting now tries again and warns once; the second quit leaves.
    let (tx, rx) = mpsc::channel();
    update(&mut s, Action::Quit);
    lede::tui::settle_quit(&mut s, &tx);
    assert!(!s.quit, "the first quit is held back");
    finish(&mut s, &tx, &rx);
    assert!(!s.quit, "the save failed again: still held back");
    assert!(s
        .status
        .as_ref()
        .is_some_and(|m| m.text.contains("quit again")));
    update(&mut s, Action::Quit);
    lede::tui::settle_quit(&mut s, &tx);
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
    save(&mut s);
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

#[test]
fn a_held_lock_never_freezes_the_reader_and_the_save_follows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = NotesStore::at(dir.path().join("data"));
    let mut s = sample(80, 24);
    s.notes_store = Some(store.clone());
    // Another process holds the notes file's lock.
    let key = s.notes.key().clone();
    let file = store.path_for(&key);
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    let lock = std::fs::File::create(format!("{}.lock", file.display())).expect("lock file");
    lock.lock().expect("lock");

    let (tx, rx) = mpsc::channel();
    update(&mut s, Action::NextClaim);
    let t = std::time::Instant::now();
    assert_eq!(update(&mut s, Action::MarkClaim), Some(Command::SaveNotes));
    lede::tui::save_notes(&mut s, &tx);
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "the reader goes on"
    );
    assert!(s.saving.is_some() && s.notes_unsaved);
    let screen = status_line(&s);
    assert!(screen.contains("saving notes"), "{screen}");
    // It still reads keys, and a second change waits for the running save.
    update(&mut s, Action::MarkClaim);
    lede::tui::save_notes(&mut s, &tx);
    assert!(s.save_again);
    assert!(
        rx.recv_timeout(Duration::from_millis(300)).is_err(),
        "blocked on the lock"
    );
    // A quit waits for the save, and says so.
    update(&mut s, Action::Quit);
    lede::tui::settle_quit(&mut s, &tx);
    assert!(!s.quit);
    assert!(s
        .status
        .as_ref()
        .is_some_and(|m| m.text.starts_with("saving the notes before quitting")));

    lock.unlock().expect("unlock");
    finish(&mut s, &tx, &rx);
    assert!(s.quit, "left once the notes were saved");
    assert!(!s.notes_unsaved);
    let back = store.load(&key, &s.doc.text).expect("load").notes;
    let span = s.notes.entries()[0].anchor.span();
    assert_eq!(
        back.status(&span),
        Status::Supported,
        "both changes on disk"
    );
}

/// The status line's text.
fn status_line(s: &State) -> String {
    screen_text(s).pop().unwrap_or_default()
}

/// Every row of the screen, top to bottom.
fn screen_text(s: &State) -> Vec<String> {
    let backend = ratatui::backend::TestBackend::new(s.area.width, s.area.height);
    let mut term = ratatui::Terminal::new(backend).expect("terminal");
    term.draw(|f| lede::tui::view::draw(f, s)).expect("draw");
    let buf = term.backend().buffer();
    (0..s.area.height)
        .map(|y| (0..s.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn a_low_panel_shows_the_selected_claim_whole_in_its_own_rows() {
    use lede::tui::layout::Panel;
    for (w, h) in [(80, 24), (60, 20)] {
        let mut s = sample(w, h);
        update(&mut s, Action::FocusClaims);
        update(&mut s, Action::Down);
        let sel = s.claims.selected.expect("a selected claim");
        assert_eq!(
            s.detail_rows(Panel::Claims),
            0,
            "{w}x{h}: no room for a box"
        );
        let open = s.open_rows(Panel::Claims);
        assert!(
            open > s.item_rows(Panel::Claims),
            "{w}x{h}: opens to {open}"
        );
        // Its last word is on screen, and the rows it took belong to it.
        let claim = &s.doc.text[claim_span(&s, s.selected_claim().expect("claim"))];
        let last = claim
            .split_whitespace()
            .last()
            .expect("a word")
            .trim_matches(|c: char| !c.is_alphanumeric());
        let rows = screen_text(&s);
        let panel = s.panes.claims;
        let shown = rows[panel.y as usize..panel.bottom() as usize].join("\n");
        assert!(shown.contains(last), "{w}x{h}: {last:?} not in\n{shown}");
        let first = (0..s.list_rows(Panel::Claims))
            .find(|&r| s.item_at_row(Panel::Claims, r) == Some(sel))
            .expect("on screen");
        assert_eq!(
            s.item_at_row(Panel::Claims, first + open - 1),
            Some(sel),
            "{w}x{h}"
        );
        // Clicking the row under it selects the next claim, which opens in turn.
        if let Some(next) = s.item_at_row(Panel::Claims, first + open) {
            assert_eq!(next, sel + 1);
            update(
                &mut s,
                Action::ClickAt(panel.x + 3, panel.y + 1 + (first + open) as u16),
            );
            assert_eq!(s.claims.selected, Some(sel + 1), "{w}x{h}");
        }
    }
}
