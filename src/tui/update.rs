//! `update(&mut State, Action)`: the only place the reader's state changes. No terminal,
//! no files: work that needs them is returned as a [`Command`] for the event loop.

use super::action::Action;
use super::layout::Panel;
use super::state::editor::{EditorInput, EditorOutcome, NoteEditor};
use super::state::selection::SentenceSelection;
use super::state::status_menu::{MenuOutcome, StatusMenu};
use super::state::{Confirm, Focus, Mode, NoteEdit, NoteTarget, State};
use crate::analysis::Span;
use crate::notes::{EntryKind, Target};
use ratatui::layout::{Position, Rect};

/// Work for the event loop after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start analysing the document on a worker.
    Analyze,
    /// Write the Markdown export; `overwrite` once the user confirmed replacing the
    /// file that exists.
    Export {
        /// Replace an existing file.
        overwrite: bool,
    },
    /// Save the notes (they changed).
    SaveNotes,
    /// Put this text on the clipboard.
    Copy(String),
}

/// Apply `action` to `state`, then fit the scrolled popups (note editor, notes list)
/// to what changed, so that views only read.
pub fn update(state: &mut State, action: Action) -> Option<Command> {
    let r = apply(state, action);
    match state.mode {
        Mode::Note(_) => fit_editor(state),
        Mode::Notes => fit_notes_list(state),
        _ => {}
    }
    r
}

/// Wrap and scroll the note editor to its popup.
fn fit_editor(state: &mut State) {
    let Some(parts) = super::view::editor_widget(state) else {
        return;
    };
    let text = parts
        .widget()
        .text_area(super::view::popup_frame(state).intersection(state.area));
    if let Mode::Note(edit) = &mut state.mode {
        edit.editor.fit(text);
    }
}

fn apply(state: &mut State, action: Action) -> Option<Command> {
    // Resizes and worker reports mean the same in every mode: handle them as the normal
    // mode does, then return to the mode the reader was in.
    if state.mode != Mode::Normal
        && matches!(
            action,
            Action::Resize(..) | Action::Loaded(_) | Action::Analyzed(_) | Action::Tick
        )
    {
        return passthrough(state, action);
    }
    // A confirmation holds for the very next key only.
    let confirm = if matches!(
        action,
        Action::Resize(..) | Action::Loaded(_) | Action::Analyzed(_) | Action::Tick
    ) {
        None
    } else {
        state.confirm.take()
    };
    if state.mode == Mode::Notes {
        if let (Action::DeleteNote, Some(Confirm::DeleteNote(id))) = (&action, &confirm) {
            return delete_note(state, *id);
        }
    }
    if state.mode == Mode::Normal && action == Action::LastPlace {
        if confirm == Some(Confirm::LastPlace) {
            last_place(state);
        } else {
            state.confirm = Some(Confirm::LastPlace);
        }
        return None;
    }
    match state.mode {
        Mode::Help { .. } => return help(state, action),
        Mode::Search { .. } => return search_mode(state, action),
        Mode::Note(_) => return note_mode(state, action),
        Mode::StatusMenu { .. } => return menu_mode(state, action),
        Mode::Visual(_) => return visual_mode(state, action),
        Mode::Notes => return notes_mode(state, action),
        Mode::Normal => {}
    }
    match action {
        Action::Quit => state.quit = true,
        Action::FocusNext => cycle_focus(state, 1),
        Action::FocusPrev => cycle_focus(state, Focus::CYCLE.len() - 1),
        Action::FocusArticle => set_focus(state, Focus::Article),
        Action::FocusClaims => set_focus(state, Focus::Claims),
        Action::FocusActors => set_focus(state, Focus::Actors),
        Action::FocusTimeline => set_focus(state, Focus::Timeline),
        Action::Down => step(state, 1),
        Action::Up => step(state, -1),
        Action::PageDown => step(state, page(state) as isize),
        Action::PageUp => step(state, -(page(state) as isize)),
        Action::HalfPageDown => step(state, (page(state) / 2).max(1) as isize),
        Action::HalfPageUp => step(state, -((page(state) / 2).max(1) as isize)),
        Action::Top => leap_scroll(state, isize::MIN),
        Action::Bottom => leap_scroll(state, isize::MAX),
        Action::JumpBack => jump_back(state),
        Action::JumpForward => jump_forward(state),
        Action::Jump => jump(state),
        Action::NextClaim => walk_claims(state, true),
        Action::PrevClaim => walk_claims(state, false),
        Action::Search => {
            state.mode = Mode::Search {
                input: String::new(),
            };
        }
        Action::SearchNext => next_match(state, true),
        Action::SearchPrev => next_match(state, false),
        Action::FilterActor => filter_actor(state),
        Action::ToggleAllClaims => toggle_all_claims(state),
        Action::MoreClaims => move_claims_cut(state, true),
        Action::FewerClaims => move_claims_cut(state, false),
        Action::ToggleZoom => {
            state.zoom = !state.zoom;
            if state.zoom {
                state.focus = Focus::Article;
            }
            state.relayout();
        }
        Action::Help => {
            state.mode = Mode::Help { scroll: 0 };
        }
        Action::Export => {
            if state.analysis.is_some() {
                return Some(Command::Export {
                    overwrite: confirm == Some(Confirm::OverwriteExport),
                });
            }
            state.say(
                "the analysis is still running; export when it is done",
                true,
            );
        }
        Action::Cancel => {
            if state.claim_filter.take().is_some() {
                state.refilter();
                state.fit_lists();
            } else if !state.search.matches.is_empty() {
                state.search.matches.clear();
                state.search.current = None;
            }
            state.status = None;
        }
        Action::Resize(w, h) => state.resize(w, h),
        Action::ScrollAt(x, y, d) => scroll_at(state, x, y, d),
        Action::ClickAt(x, y) => click_at(state, x, y),
        Action::Loaded(result) => return loaded(state, *result),
        Action::Analyzed(a) => {
            state.set_analysis(*a);
            state.relayout();
        }
        Action::Tick => state.tick = state.tick.wrapping_add(1),
        Action::MarkClaim => return mark_claim(state),
        Action::StatusMenu => open_status_menu(state),
        Action::AddNote => add_note(state),
        Action::Visual => start_visual(state),
        Action::Copy => return copy_claim(state),
        Action::NotesView => {
            state.mode = Mode::Notes;
            let len = state.notes.len();
            let i = state.notes_list.selected();
            state.notes_list.select(i, len);
            fit_notes_list(state);
            state.status = None;
        }
        Action::SearchSubmit
        | Action::LastPlace
        | Action::SearchBackspace
        | Action::SearchInput(_)
        | Action::Highlight
        | Action::DeleteNote
        | Action::NoteSave
        | Action::NoteNewline
        | Action::Edit(_)
        | Action::Menu(_)
        | Action::Paste(_) => {}
        // Several documents: the app switches between them (see `tui::app`).
        Action::NextDocument | Action::PrevDocument | Action::Coverage | Action::Document(_) => {}
    }
    None
}

/// Apply a background action (resize, worker result, tick) from a modal `mode`.
fn passthrough(state: &mut State, action: Action) -> Option<Command> {
    let mode = std::mem::take(&mut state.mode);
    let r = apply(state, action);
    state.mode = mode;
    r
}

fn now() -> String {
    crate::io::notes_store::now()
}

/// The current claim (the one `]`/`[` or the claims panel selected): its index in the
/// analysis, its 1-based place in the list, and its span.
fn current_claim(state: &State) -> Option<(usize, usize, Span)> {
    let a = state.analysis.as_ref()?;
    let i = state.selected_claim()?;
    let k = state.claims.selected? + 1;
    Some((i, k, a.claims.get(i)?.span.clone()))
}

fn no_claim(state: &mut State) {
    let msg = if state.analysis.is_none() {
        "the analysis is still running"
    } else {
        "no claim selected: ] selects the next one"
    };
    state.say(msg, false);
}

fn mark_claim(state: &mut State) -> Option<Command> {
    let Some((i, k, span)) = current_claim(state) else {
        no_claim(state);
        return None;
    };
    let st = state
        .notes
        .cycle_status(&state.doc.text, span, Some(i as u32), &now());
    state.say(format!("claim {k}: {} (m: next)", st.label()), false);
    Some(Command::SaveNotes)
}

fn open_status_menu(state: &mut State) {
    let Some((i, _, span)) = current_claim(state) else {
        no_claim(state);
        return;
    };
    state.mode = Mode::StatusMenu {
        menu: StatusMenu::new(state.notes.status(&span)),
        claim: i,
    };
}

fn menu_mode(state: &mut State, action: Action) -> Option<Command> {
    let outcome = match action {
        Action::Menu(input) => match &mut state.mode {
            Mode::StatusMenu { menu, .. } => menu.handle(input),
            _ => MenuOutcome::Cancel,
        },
        Action::Cancel => MenuOutcome::Cancel,
        Action::Quit => {
            state.quit = true;
            return None;
        }
        _ => return None,
    };
    match outcome {
        MenuOutcome::Continue => None,
        MenuOutcome::Cancel => {
            state.mode = Mode::Normal;
            None
        }
        MenuOutcome::Chosen(st) => {
            let Mode::StatusMenu { claim: i, .. } = std::mem::take(&mut state.mode) else {
                return None;
            };
            let span = state.analysis.as_ref()?.claims.get(i)?.span.clone();
            state
                .notes
                .set_status(&state.doc.text, span, Some(i as u32), st, &now());
            let k = state.visible_claims.iter().position(|&c| c == i);
            let what = k.map_or("claim".to_string(), |k| format!("claim {}", k + 1));
            state.say(format!("{what}: {}", st.label()), false);
            Some(Command::SaveNotes)
        }
    }
}

/// A passage as one line for the editor and the notes list.
fn quote_of(text: &str, span: &Span) -> String {
    text.get(span.clone())
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn open_editor(state: &mut State, target: NoteTarget, initial: &str, title: String, quote: String) {
    let from_list = state.mode == Mode::Notes;
    state.mode = Mode::Note(Box::new(NoteEdit {
        editor: NoteEditor::new(initial),
        target,
        title,
        quote,
        from_list,
        confirm_discard: false,
    }));
    state.status = None;
}

/// `a`: a note on the visual selection, the current claim, the selected entry of the
/// notes list, or else the sentence at the top of the article.
fn add_note(state: &mut State) {
    let text = &state.doc.text;
    if state.mode == Mode::Notes {
        let Some(e) = state.notes_list.selected_entry(&state.notes) else {
            state.say("no note to edit", false);
            return;
        };
        // Numbered as the claims panel lists it (as the status line counts).
        let listed = e
            .claim
            .and_then(|c| state.visible_claims.iter().position(|&v| v == c as usize));
        let title = match (e.kind, listed) {
            (EntryKind::Claim, Some(k)) => format!("Note on claim {}", k + 1),
            (EntryKind::Claim, None) => "Note on a claim".to_string(),
            (EntryKind::Highlight | EntryKind::Unknown, _) => "Note on a passage".to_string(),
        };
        let (id, note, quote) = (e.id, e.note.clone(), e.anchor.exact.clone());
        let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
        open_editor(state, NoteTarget::Entry(id), &note, title, quote);
        return;
    }
    if let (Some(sel), Some(a)) = (state.mode.visual(), state.analysis.as_ref()) {
        let span = sel.span(&a.sentences);
        let note = state
            .notes
            .find(&span)
            .map(|e| e.note.clone())
            .unwrap_or_default();
        let quote = quote_of(text, &span);
        let n = sel.len();
        let title = if n == 1 {
            "Note on a sentence".to_string()
        } else {
            format!("Note on {n} sentences")
        };
        open_editor(
            state,
            NoteTarget::New(Target::Passage(span)),
            &note,
            title,
            quote,
        );
        return;
    }
    if let Some((i, k, span)) = current_claim(state) {
        let note = state
            .notes
            .find(&span)
            .map(|e| e.note.clone())
            .unwrap_or_default();
        let quote = quote_of(text, &span);
        let target = Target::Claim {
            span,
            index: Some(i as u32),
        };
        open_editor(
            state,
            NoteTarget::New(target),
            &note,
            format!("Note on claim {k}"),
            quote,
        );
        return;
    }
    let Some(a) = state.analysis.as_ref() else {
        state.say("the analysis is still running", false);
        return;
    };
    let Some(span) =
        SentenceSelection::at(&a.sentences, state.top_offset()).map(|sel| sel.span(&a.sentences))
    else {
        state.say("no sentence to note", false);
        return;
    };
    let note = state
        .notes
        .find(&span)
        .map(|e| e.note.clone())
        .unwrap_or_default();
    let quote = quote_of(text, &span);
    open_editor(
        state,
        NoteTarget::New(Target::Passage(span)),
        &note,
        "Note on the sentence at the top".to_string(),
        quote,
    );
}

fn note_mode(state: &mut State, action: Action) -> Option<Command> {
    let input = match action {
        Action::Edit(i) => i,
        Action::Paste(p) => EditorInput::from_paste(p),
        Action::NoteSave => EditorInput::Save,
        Action::NoteNewline => EditorInput::Newline,
        Action::Cancel => EditorInput::Cancel,
        Action::Quit => {
            state.quit = true;
            return None;
        }
        _ => return None,
    };
    let Mode::Note(edit) = &mut state.mode else {
        return None;
    };
    // A changed note is never lost to one stray Esc: the first one asks.
    let cancelling = matches!(input, EditorInput::Cancel);
    if cancelling && edit.editor.is_modified() && !edit.confirm_discard {
        edit.confirm_discard = true;
        state.say("Esc again discards the note · Enter saves it", true);
        return None;
    }
    edit.confirm_discard = false;
    match edit.editor.handle(input) {
        EditorOutcome::Continue => None,
        EditorOutcome::Cancel => {
            close_editor(state);
            state.say("note not saved", false);
            None
        }
        EditorOutcome::Save(text) => {
            let edit = close_editor(state)?;
            let now = now();
            let id = match edit.target {
                NoteTarget::New(t) => {
                    let span = match &t {
                        Target::Claim { span, .. } | Target::Passage(span) => span.clone(),
                    };
                    if text.is_empty() && state.notes.find(&span).is_none() {
                        state.say("empty note: nothing saved", false);
                        return None;
                    }
                    state.notes.set_note(&state.doc.text, t, &text, &now)
                }
                NoteTarget::Entry(id) => {
                    state.notes.edit_note(id, &text, &now);
                    id
                }
            };
            // A claim entry left with neither a note nor a status is dropped.
            let bare = state.notes.get(id).is_some_and(|e| {
                e.kind == EntryKind::Claim
                    && !e.has_note()
                    && e.status_or_default() == crate::notes::Status::Unreviewed
            });
            if bare {
                state.notes.remove(id, &now);
                let i = state.notes_list.selected();
                state.notes_list.select(i, state.notes.len());
            }
            let msg = if text.is_empty() {
                "note removed"
            } else {
                "note saved"
            };
            state.say(msg, false);
            Some(Command::SaveNotes)
        }
    }
}

/// Leave the note editor for where it was opened from; the note it held.
fn close_editor(state: &mut State) -> Option<Box<NoteEdit>> {
    let Mode::Note(edit) = std::mem::take(&mut state.mode) else {
        return None;
    };
    if edit.from_list {
        state.mode = Mode::Notes;
    }
    Some(edit)
}

fn start_visual(state: &mut State) {
    let Some(a) = state.analysis.as_ref() else {
        state.say("the analysis is still running", false);
        return;
    };
    // Start on the current claim when it is on screen, else at the top of the article.
    let from = current_claim(state)
        .map(|(_, _, s)| s.start)
        .filter(|&o| state.locate(o).is_some())
        .unwrap_or_else(|| state.top_offset());
    let Some(sel) = SentenceSelection::at(&a.sentences, from) else {
        state.say("no sentence to select", false);
        return;
    };
    state.mode = Mode::Visual(sel);
    if state.focus != Focus::Article {
        state.focus = Focus::Article;
        state.relayout();
    }
    state.status = None;
}

fn visual_mode(state: &mut State, action: Action) -> Option<Command> {
    let (Some(mut sel), Some(a)) = (state.mode.visual(), state.analysis.as_ref()) else {
        state.mode = Mode::Normal;
        return None;
    };
    let n = a.sentences.len();
    let span = sel.span(&a.sentences);
    match action {
        Action::Down | Action::Up | Action::NextClaim | Action::PrevClaim => {
            let d = if matches!(action, Action::Down | Action::NextClaim) {
                1
            } else {
                -1
            };
            sel.extend(d, n);
            let head = sel.head_span(&a.sentences);
            state.mode = Mode::Visual(sel);
            if let Some(h) = head {
                state.show_span(h);
            }
        }
        Action::AddNote => add_note(state),
        Action::Highlight => {
            state.mode = Mode::Normal;
            if state.notes.find(&span).is_some() {
                state.say("already highlighted", false);
                return None;
            }
            state
                .notes
                .set_note(&state.doc.text, Target::Passage(span), "", &now());
            state.say("highlighted (o lists notes)", false);
            return Some(Command::SaveNotes);
        }
        Action::Copy => {
            state.mode = Mode::Normal;
            return Some(Command::Copy(quote_text(state, &span)));
        }
        Action::Cancel => {
            state.mode = Mode::Normal;
            state.status = None;
        }
        Action::Quit => state.quit = true,
        _ => {}
    }
    None
}

/// `span`'s text with the document's title and source, for the clipboard.
fn quote_text(state: &State, span: &Span) -> String {
    let title = state
        .doc
        .title
        .clone()
        .unwrap_or_else(|| state.doc.display_name());
    super::clipboard::quote_with_source(&quote_of(&state.doc.text, span), &title, &state.doc.source)
}

fn copy_claim(state: &mut State) -> Option<Command> {
    let Some((_, _, span)) = current_claim(state) else {
        state.say("nothing to copy: ] selects a claim, v a passage", false);
        return None;
    };
    Some(Command::Copy(quote_text(state, &span)))
}

fn notes_mode(state: &mut State, action: Action) -> Option<Command> {
    let r = notes_mode_step(state, action);
    fit_notes_list(state);
    r
}

/// Scroll the notes list to its selection, in the rows the popup gives the list.
pub fn fit_notes_list(state: &mut State) {
    let (list, _) = super::view::notes::NotesPopup::parts(state, super::view::popup_frame(state));
    state.notes_list.fit(&state.notes, list.height as usize);
}

fn notes_mode_step(state: &mut State, action: Action) -> Option<Command> {
    let len = state.notes.len();
    match action {
        Action::Down => state.notes_list.move_by(1, len),
        Action::Up => state.notes_list.move_by(-1, len),
        Action::PageDown => state.notes_list.move_by(10, len),
        Action::PageUp => state.notes_list.move_by(-10, len),
        Action::Top => state.notes_list.first(),
        Action::Bottom => state.notes_list.last(len),
        Action::Jump => jump_to_note(state),
        Action::AddNote => add_note(state),
        Action::DeleteNote => {
            // One key never loses a note: the first d asks.
            let id = state.notes_list.selected_id(&state.notes)?;
            let key = state
                .keymap
                .key_for(super::keymap::Section::Notes, &Action::DeleteNote)
                .unwrap_or_else(|| "d".into());
            state.confirm = Some(Confirm::DeleteNote(id));
            state.say(
                format!("{key} again deletes this note · any other key keeps it"),
                true,
            );
        }
        Action::MarkClaim => {
            let e = state.notes_list.selected_entry(&state.notes)?;
            let (Some(span), EntryKind::Claim) = (e.span(), e.kind) else {
                state.say("only a claim has a status", false);
                return None;
            };
            let claim = e.claim;
            let st = state
                .notes
                .cycle_status(&state.doc.text, span, claim, &now());
            state.say(format!("status: {}", st.label()), false);
            return Some(Command::SaveNotes);
        }
        Action::Cancel | Action::NotesView => {
            state.mode = Mode::Normal;
            state.status = None;
        }
        Action::ClickAt(_, y) => {
            let (list, _) =
                super::view::notes::NotesPopup::parts(state, super::view::popup_frame(state));
            let view = super::view::notes_list::NotesView::new(
                &state.notes,
                &state.notes_list,
                &state.theme.notes,
            );
            if let Some(i) = view.entry_at(list, y) {
                state.notes_list.select(i, len);
            }
        }
        Action::ScrollAt(_, _, d) => state.notes_list.move_by(d as isize, len),
        Action::Quit => state.quit = true,
        _ => {}
    }
    None
}

fn delete_note(state: &mut State, id: crate::notes::NoteId) -> Option<Command> {
    state.notes.remove(id, &now());
    let i = state.notes_list.selected();
    state.notes_list.select(i, state.notes.len());
    state.say("note deleted", false);
    Some(Command::SaveNotes)
}

/// Enter in the notes list: close it and show the entry in the article (selecting its
/// claim when it is one).
fn jump_to_note(state: &mut State) {
    let Some(e) = state.notes_list.selected_entry(&state.notes) else {
        return;
    };
    let Some(span) = e.span() else {
        state.say("its passage is no longer in the text (orphaned)", true);
        return;
    };
    let is_claim = e.kind == EntryKind::Claim;
    state.mode = Mode::Normal;
    state.status = None;
    if is_claim {
        if let Some(a) = &state.analysis {
            if let Some(k) = state
                .visible_claims
                .iter()
                .position(|&c| a.claims[c].span == span)
            {
                state.claims.selected = Some(k);
                state.fit_lists();
            }
        }
    }
    if state.focus != Focus::Article {
        state.focus = Focus::Article;
        state.relayout();
    }
    leap(state, span);
}

fn loaded(state: &mut State, result: Result<crate::document::Document, String>) -> Option<Command> {
    state.loading = None;
    match result {
        Ok(doc) => {
            let (w, h) = (state.area.width, state.area.bottom());
            let (band, documents) = (state.top_band, state.documents);
            let keymap = std::mem::take(&mut state.keymap);
            let theme = state.theme.clone();
            // The whole of a document whose start was shown: stay where the reader is
            // (the start is the same text), and finish a G pressed meanwhile.
            let kept = (state.partial && doc.text.starts_with(&*state.doc.text))
                .then(|| (state.top_offset(), state.focus, state.zoom, state.wants_end));
            *state = State::new(doc, w, h);
            state.top_band = band;
            state.documents = documents;
            state.resize(w, h);
            state.keymap = keymap;
            state.theme = theme;
            if let Some((top, focus, zoom, end)) = kept {
                state.focus = focus;
                state.zoom = zoom;
                state.relayout();
                state.scroll_to_offset(top);
                if end {
                    scroll_article(state, isize::MAX);
                }
            }
            state.analyzing = true;
            Some(Command::Analyze)
        }
        Err(e) => {
            // Nothing to read: leave the reader, and let the caller report the error
            // on one line with a non-zero exit, as for a missing file.
            state.say(e.clone(), true);
            state.error = Some(e);
            state.quit = true;
            None
        }
    }
}

fn help(state: &mut State, action: Action) -> Option<Command> {
    match action {
        Action::Help | Action::Cancel => state.mode = Mode::Normal,
        Action::Quit => state.quit = true,
        Action::Down => scroll_help(state, 1),
        Action::Up => scroll_help(state, -1),
        Action::PageDown => scroll_help(state, 10),
        Action::PageUp => scroll_help(state, -10),
        _ => {}
    }
    None
}

fn scroll_help(state: &mut State, by: isize) {
    // The overlay shows the help's lines in the screen less its borders and margins.
    let len = super::view::help::lines(state).len();
    let page = (state.area.height as usize).saturating_sub(4);
    let max = len.saturating_sub(page);
    if let Mode::Help { scroll } = &mut state.mode {
        *scroll = scroll.saturating_add_signed(by).min(max);
    }
}

fn search_mode(state: &mut State, action: Action) -> Option<Command> {
    let Mode::Search { input } = &mut state.mode else {
        return None;
    };
    match action {
        Action::SearchInput(c) => input.push(c),
        Action::SearchBackspace if input.pop().is_none() => state.mode = Mode::Normal,
        Action::Paste(p) => input.extend(p.chars().map(|c| if c.is_control() { ' ' } else { c })),
        Action::Cancel => state.mode = Mode::Normal,
        Action::SearchSubmit => {
            let q = std::mem::take(input);
            state.mode = Mode::Normal;
            run_search(state, &q);
        }
        Action::Quit => state.quit = true,
        _ => {}
    }
    None
}

/// Find every match of `query` (case-insensitive unless it has a capital) and go to the
/// first one at or after the top of the screen (wrapping to the first, with a notice).
fn run_search(state: &mut State, query: &str) {
    state.search.query = query.to_string();
    state.search.matches.clear();
    state.search.current = None;
    if query.is_empty() {
        state.status = None;
        return;
    }
    let insensitive = !query.chars().any(char::is_uppercase);
    let re = regex::RegexBuilder::new(&regex::escape(query))
        .case_insensitive(insensitive)
        .build();
    if let Ok(re) = re {
        state.search.matches = re.find_iter(&state.doc.text).map(|m| m.range()).collect();
    }
    if state.search.matches.is_empty() {
        state.say(format!("no match for {query:?}"), true);
        return;
    }
    next_match(state, true);
}

/// Where `n`/`N` and `]`/`[` walk from, and where they land: the item after (`forward`)
/// or before the current one when some of it is on screen, else the first item starting
/// at or after the top of the screen (or the last before it). `spans` are the items in
/// text order; `current` the current item. Past either end it wraps: the second value
/// says so.
fn step_from_screen(
    state: &State,
    spans: &[Span],
    current: Option<usize>,
    forward: bool,
) -> (usize, bool) {
    let n = spans.len();
    let (vs, ve) = state.visible_range();
    let shown = |s: &Span| s.start <= ve && s.end.max(s.start + 1) > vs;
    let at = current.filter(|&i| spans.get(i).is_some_and(shown));
    let next = match (at, forward) {
        (Some(i), true) => Some(i + 1),
        (Some(i), false) => i.checked_sub(1),
        (None, fwd) => {
            let i = spans.partition_point(|s| s.start < vs);
            if fwd {
                Some(i)
            } else {
                i.checked_sub(1)
            }
        }
    };
    match next {
        Some(i) if i < n => (i, false),
        _ if forward => (0, true),
        _ => (n - 1, true),
    }
}

fn next_match(state: &mut State, forward: bool) {
    if state.search.matches.is_empty() {
        state.say("no search; press / to search", false);
        return;
    }
    let (i, wrapped) =
        step_from_screen(state, &state.search.matches, state.search.current, forward);
    state.search.current = Some(i);
    let span = state.search.matches[i].clone();
    leap(state, span);
    if wrapped {
        let msg = if forward {
            "search wrapped to the top"
        } else {
            "search wrapped to the bottom"
        };
        state.say(msg, false);
    } else {
        state.status = None;
    }
}

/// Show `span` like [`State::show_span`]; when that moves the screen, remember where it
/// was in the jump list.
fn leap(state: &mut State, span: Span) {
    let before = state.top_offset();
    state.show_span(span);
    if state.top_offset() != before {
        state.jumps.record(before);
    }
}

/// `g`/`G`: in the article a jump (remembered); in a panel, the first or last item.
/// While only the start of the document is here, `G` goes to the end once it all is.
fn leap_scroll(state: &mut State, by: isize) {
    if state.focus.panel().is_some() {
        return step(state, by);
    }
    state.wants_end = state.partial && by == isize::MAX;
    let before = state.top_offset();
    scroll_article(state, by);
    if state.top_offset() != before {
        state.jumps.record(before);
    }
}

fn jump_back(state: &mut State) {
    let Some(to) = state.jumps.back.pop() else {
        state.say("no earlier place: the jump list is empty", false);
        return;
    };
    state.jumps.forward.push(state.top_offset());
    state.scroll_to_offset(to);
    let n = state.jumps.back.len();
    state.say(format!("back to an earlier place ({n} more)"), false);
}

fn jump_forward(state: &mut State) {
    let Some(to) = state.jumps.forward.pop() else {
        state.say("no later place in the jump list", false);
        return;
    };
    state.jumps.back.push(state.top_offset());
    state.scroll_to_offset(to);
    state.status = None;
}

/// `''`: to the place before the last jump; the place left becomes that jump's, so a
/// second `''` comes back.
fn last_place(state: &mut State) {
    let Some(to) = state.jumps.back.pop() else {
        state.say("no earlier place: the jump list is empty", false);
        return;
    };
    state.jumps.back.push(state.top_offset());
    state.scroll_to_offset(to);
    state.status = None;
}

fn page(state: &State) -> usize {
    match state.focus.panel() {
        None => state.page().saturating_sub(2).max(1),
        Some(p) => state.panel_page(p).max(1),
    }
}

fn cycle_focus(state: &mut State, by: usize) {
    let i = Focus::CYCLE
        .iter()
        .position(|f| *f == state.focus)
        .unwrap_or(0);
    set_focus(state, Focus::CYCLE[(i + by) % Focus::CYCLE.len()]);
}

fn set_focus(state: &mut State, focus: Focus) {
    state.focus = focus;
    if let Some(p) = focus.panel() {
        state.panel = p;
        if state.list(p).selected.is_none() && state.panel_len(p) > 0 {
            let first = if p == Panel::Claims {
                first_claim_from(state, state.top_offset())
            } else {
                0
            };
            state.list_mut(p).selected = Some(first);
        }
    }
    state.relayout();
}

/// Index (in the listed claims) of the first claim starting at or after `offset`, else the last.
fn first_claim_from(state: &State, offset: usize) -> usize {
    let Some(a) = &state.analysis else { return 0 };
    let i = state
        .visible_claims
        .partition_point(|&c| a.claims[c].span.start < offset);
    i.min(state.visible_claims.len().saturating_sub(1))
}

/// Move by `by` rows in the focused pane (saturating at both ends).
fn step(state: &mut State, by: isize) {
    match state.focus.panel() {
        None => scroll_article(state, by),
        Some(p) => {
            let len = state.panel_len(p);
            if len == 0 {
                return;
            }
            let cur = state.list(p).selected.unwrap_or(0);
            let next = if by == isize::MIN {
                0
            } else if by == isize::MAX {
                len - 1
            } else {
                cur.saturating_add_signed(by).min(len - 1)
            };
            state.list_mut(p).selected = Some(next);
            state.fit_lists();
            follow(state, p);
        }
    }
}

fn scroll_article(state: &mut State, by: isize) {
    state.top = if by == isize::MAX {
        state.layout.end(&state.doc)
    } else if by == isize::MIN {
        Default::default()
    } else {
        state.layout.advance(&state.doc, state.top, by).0
    };
    state.clamp_top();
}

/// The article span of the selected item of `panel`.
fn item_span(state: &State, panel: Panel) -> Option<crate::analysis::Span> {
    let a = state.analysis.as_ref()?;
    let i = state.list(panel).selected?;
    match panel {
        Panel::Claims => state
            .visible_claims
            .get(i)
            .map(|&c| a.claims[c].span.clone()),
        Panel::Actors => {
            let actor = a.actors.get(i)?;
            // Walk on from the mention last jumped to while it is on screen, else start
            // from the top of the screen; wrap to the first.
            let from = match state.last_mention {
                Some(b) if on_screen(state, b) => b + 1,
                _ => state.top_offset(),
            };
            let spans = || actor.mentions.iter().map(|&m| a.mentions[m].span.clone());
            spans().find(|s| s.start >= from).or_else(|| spans().next())
        }
        Panel::Timeline => a.timeline.get(i).map(|e| e.span.clone()),
    }
}

/// Keep the article on the selected claim or event as the selection moves.
fn follow(state: &mut State, panel: Panel) {
    if panel == Panel::Actors {
        return;
    }
    if let Some(span) = item_span(state, panel) {
        state.show_span(span);
    }
}

fn on_screen(state: &State, offset: usize) -> bool {
    state.locate(offset).is_some()
}

fn jump(state: &mut State) {
    let Some(p) = state.focus.panel() else { return };
    if let Some(span) = item_span(state, p) {
        if p == Panel::Actors {
            state.last_mention = Some(span.start);
        }
        leap(state, span);
    }
}

fn walk_claims(state: &mut State, forward: bool) {
    let n = state.visible_claims.len();
    let Some(a) = state.analysis.as_ref().filter(|_| n > 0) else {
        let msg = if state.analysis.is_none() {
            "the analysis is still running"
        } else if state.claim_filter.is_some() {
            "no claim involves this actor (Esc shows all)"
        } else {
            "no claims found"
        };
        state.say(msg, false);
        return;
    };
    let spans: Vec<Span> = state
        .visible_claims
        .iter()
        .map(|&c| a.claims[c].span.clone())
        .collect();
    let (next, wrapped) = step_from_screen(state, &spans, state.claims.selected, forward);
    state.claims.selected = Some(next);
    state.fit_lists();
    if let Some(span) = item_span(state, Panel::Claims) {
        leap(state, span);
    }
    if wrapped {
        let msg = if forward {
            "wrapped to the first claim"
        } else {
            "wrapped to the last claim"
        };
        state.say(msg, false);
    } else {
        state.status = None;
    }
}

/// Select claim `claim` (an index into the analysis' claims) and show it in the article
/// (as a jump, remembered): from the coverage view. A claim hidden by the actor filter
/// or by listing only check-worthy claims lists every claim first.
pub fn show_claim(state: &mut State, claim: usize) {
    let Some(span) = state
        .analysis
        .as_ref()
        .and_then(|a| a.claims.get(claim))
        .map(|c| c.span.clone())
    else {
        return;
    };
    if !state.visible_claims.contains(&claim) {
        state.claim_filter = None;
        state.all_claims = true;
        state.refilter();
    }
    state.claims.selected = state.visible_claims.iter().position(|&c| c == claim);
    state.mode = Mode::Normal;
    state.fit_lists();
    leap(state, span);
}

/// Show actor `actor` (an index into the analysis' actors): selected in its panel,
/// the article at its first mention.
pub fn show_actor(state: &mut State, actor: usize) {
    let Some(span) = state.analysis.as_ref().and_then(|a| {
        let m = *a.actors.get(actor)?.mentions.first()?;
        Some(a.mentions.get(m)?.span.clone())
    }) else {
        return;
    };
    state.actors.selected = Some(actor);
    state.mode = Mode::Normal;
    set_focus(state, Focus::Actors);
    state.last_mention = Some(span.start);
    state.fit_lists();
    leap(state, span);
}

fn toggle_all_claims(state: &mut State) {
    state.all_claims = !state.all_claims;
    state.claims_cut = None;
    state.refilter();
    state.fit_lists();
    let Some(a) = &state.analysis else { return };
    let (n, all) = (state.visible_claims.len(), a.claims.len());
    let msg = if state.all_claims {
        format!("all {all} claims found")
    } else {
        format!("{n} check-worthy claims of {all}")
    };
    state.say(msg, false);
}

/// Move the check-worthiness threshold by a tenth of the claims that may be check-worthy
/// (those scored above 0), at least one, keeping at least one listed.
fn move_claims_cut(state: &mut State, more: bool) {
    let Some(a) = &state.analysis else { return };
    let mut scores: Vec<f32> = a
        .claims
        .iter()
        .map(|c| c.score)
        .filter(|&s| s > 0.0)
        .collect();
    if scores.is_empty() {
        state.say("no claim here can be check-worthy", false);
        return;
    }
    scores.sort_by(|x, y| y.total_cmp(x));
    let shown = if state.all_claims {
        scores.len()
    } else {
        a.claims
            .iter()
            .filter(|c| c.score > 0.0 && state.claim_shown(c))
            .count()
    };
    let step = (scores.len() / 10).max(1);
    let n = if more {
        (shown + step).min(scores.len())
    } else {
        shown.saturating_sub(step).max(1)
    };
    let cut = scores[n - 1];
    let all = a.claims.len();
    state.all_claims = false;
    state.claims_cut = Some(cut);
    state.refilter();
    state.fit_lists();
    let n = state.visible_claims.len();
    state.say(
        format!("{n} claims of {all} scored {cut:.2} or more (+ more, - fewer, c all)"),
        false,
    );
}

fn filter_actor(state: &mut State) {
    if state.claim_filter.take().is_some() {
        state.refilter();
        state.fit_lists();
        state.say("all claims", false);
        return;
    }
    if state.focus != Focus::Actors {
        state.say("select an actor in the actors panel first", false);
        return;
    }
    let Some(a) = &state.analysis else { return };
    let Some(actor) = state.actors.selected.and_then(|i| a.actors.get(i)) else {
        return;
    };
    let (id, name) = (actor.id, actor.name.clone());
    state.claim_filter = Some(id);
    state.refilter();
    let n = state.visible_claims.len();
    let s = if n == 1 { "" } else { "s" };
    state.say(
        format!("{n} claim{s} involving {name}; Esc or f shows all"),
        false,
    );
    if n > 0 {
        // Show them: the user asked for this actor's claims.
        set_focus(state, Focus::Claims);
    }
    state.fit_lists();
}

fn pane_at(state: &State, x: u16, y: u16) -> Option<Focus> {
    let p = Position { x, y };
    let hit = |r: Rect| r.contains(p);
    if hit(state.panes.article) {
        Some(Focus::Article)
    } else if hit(state.panes.claims) {
        Some(Focus::Claims)
    } else if hit(state.panes.actors) {
        Some(Focus::Actors)
    } else if hit(state.panes.timeline) {
        Some(Focus::Timeline)
    } else {
        None
    }
}

fn scroll_at(state: &mut State, x: u16, y: u16, d: i16) {
    match pane_at(state, x, y) {
        Some(Focus::Article) => scroll_article(state, d as isize * 3),
        Some(f) => {
            let p = f.panel().unwrap_or(Panel::Claims);
            let max = state.panel_len(p).saturating_sub(state.panel_page(p));
            let l = state.list_mut(p);
            l.offset = l.offset.saturating_add_signed(d as isize * 3).min(max);
        }
        None => {}
    }
}

/// The panel whose tab (in the title of a panel standing for all three) is at (x, y).
fn tab_at(state: &State, x: u16, y: u16) -> Option<Panel> {
    if !state.panes.tabbed() {
        return None;
    }
    let r = Panel::ALL
        .iter()
        .map(|p| state.panes.panel(*p))
        .find(|r| !r.is_empty())?;
    if y != r.y {
        return None;
    }
    // The title reads " Claims n │ Actors n │ Timeline n " after the corner.
    let mut pos = r.x + 2;
    for p in Panel::ALL {
        let w = super::layout::display_width(&super::view::panel_title(state, p)) as u16;
        if (pos..pos + w).contains(&x) {
            return Some(p);
        }
        pos += w + 3;
    }
    None
}

fn click_at(state: &mut State, x: u16, y: u16) {
    if let Some(p) = tab_at(state, x, y) {
        let focus = Focus::CYCLE[1 + Panel::ALL.iter().position(|q| *q == p).unwrap_or(0)];
        set_focus(state, focus);
        return;
    }
    let Some(f) = pane_at(state, x, y) else {
        return;
    };
    if f != state.focus {
        set_focus(state, f);
    }
    if let Some(p) = f.panel() {
        let r = state.panes.panel(p);
        let row = (y as usize).wrapping_sub(r.y as usize + 1);
        if y > r.y {
            if let Some(i) = state.item_at_row(p, row) {
                state.list_mut(p).selected = Some(i);
                state.fit_lists();
                follow(state, p);
            }
        }
    }
}
