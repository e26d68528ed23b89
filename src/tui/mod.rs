//! The full-screen reader. It presents a document and its analysis; it never analyses,
//! loads or changes domain data itself (workers do, and report on a channel).
//!
//! Flow (Elm-style): a terminal event or a worker message becomes an [`action::Action`]
//! (keys through the key map, [`keymap`]), [`update::update`] applies it to the
//! [`state::State`], and the screen is redrawn from the state when something changed.
//! The loop is synchronous: input is read on a thread, analysis and loading run on
//! workers, all report on one channel. The article is laid out on demand, a screen at a
//! time, so a book opens, ends (`G`) and resizes at once.
//!
//! Notes: once the document is here its notes are loaded ([`open_notes`], re-anchored
//! if the text changed, with a summary in the status line). `m`/`M` mark the current
//! claim, `a` opens the note editor, `v` selects a passage, `o` lists the notes, `y`
//! copies a quote. `update` changes the [`crate::notes::NoteSet`] in the state and asks
//! for [`update::Command::SaveNotes`]; the loop saves on a worker ([`save_notes`]), so a
//! notes file locked by another process never freezes the reader: the status line says
//! "saving notes" meanwhile, and the outcome when it is known ([`saved`]).

pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

pub mod clipboard;

use crate::document::Document;
use crate::io::notes_store::NotesStore;
use action::Action;
use app::App;
use event::Msg;
use state::State;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;
use update::Command;

/// Work that produces a document (or a one-line error) on a worker thread.
pub type Job = Box<dyn FnOnce() -> Result<Document, String> + Send>;

/// What the reader opens: a document already read, or one still loading (a URL).
// Made once per run; boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Pending {
    /// The document is here.
    Ready(Document),
    /// The start of a large document is here (see [`crate::io::open_start`]); `job`
    /// reads the whole of it, which replaces it when done.
    Partial {
        /// The start, shown at once.
        first: Document,
        /// Produces the whole document or a one-line error, on a worker thread.
        job: Job,
    },
    /// The document is being fetched; `name` is shown meanwhile.
    Loading {
        /// What to show while loading (the URL).
        name: String,
        /// Produces the document or a one-line error, on a worker thread.
        job: Job,
    },
}

/// How often the progress mark moves while work runs.
const TICK: Duration = Duration::from_millis(120);

/// Run the reader until the user quits. With one document, a document that fails to
/// load (a URL) ends it with that error, for the caller to report; with several, it is
/// one line in the document bar and the others open (the error is returned only when
/// none could be opened). Each reopens where it was left (see [`crate::io::places`])
/// unless `from_top`; the places are kept again on quitting.
pub fn run(pending: Vec<Pending>, from_top: bool) -> anyhow::Result<()> {
    let mut guard = terminal::init().map_err(|e| {
        anyhow::anyhow!(
            "no terminal to read keys from ({e}); `lede FILE > out.txt` prints the text, \
             `lede export` and `lede analyze` need no terminal"
        )
    })?;
    let size = guard.terminal.size()?;
    let (tx, rx) = mpsc::channel();
    let places = crate::io::places::PlaceStore::from_env();
    let n = pending.len();
    let mut rest = Vec::new();
    let mut docs = Vec::with_capacity(n);
    let mut txs = Vec::with_capacity(n);
    for (i, p) in pending.into_iter().enumerate() {
        // With several documents each reports on its own sender, tagged on the way.
        let dtx = if n > 1 {
            forward(tx.clone(), i)
        } else {
            tx.clone()
        };
        let fresh = |mut s: State| {
            s.top_band = u16::from(n > 1);
            s.documents = n;
            s.resize(size.width, size.height);
            s
        };
        let mut state = match p {
            Pending::Ready(doc) => {
                let mut s = fresh(State::new(doc, size.width, size.height));
                s.places = places.clone();
                start_analysis(&mut s, &dtx, from_top);
                s
            }
            Pending::Partial { first, job } => {
                let mut s = fresh(State::new(first, size.width, size.height));
                s.partial = true;
                // Read the whole once the start is on screen: on a small machine the
                // worker would compete with the first paint.
                rest.push((i, job));
                s
            }
            Pending::Loading { name, job } => {
                let s = fresh(State::loading(&name, size.width, size.height));
                if i == 0 {
                    event::spawn_worker(dtx.clone(), Msg::Loaded, job);
                } else {
                    // The others load once the first is on screen.
                    rest.push((i, job));
                }
                s
            }
        };
        state.theme = theme::Theme::from_env();
        load_user_keymap(&mut state);
        state.places = places.clone();
        docs.push(state);
        txs.push(dtx);
    }
    let mut app = App::new(docs, txs, tx.clone());
    let stop = Arc::new(AtomicBool::new(false));
    let input = event::spawn_input(tx.clone(), stop.clone());
    let result = event_loop(&mut guard, &mut app, &rx, from_top, rest);
    for state in &app.docs {
        keep_place(state);
    }
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    let _ = input.join();
    result?;
    if app.multi() && app.docs.iter().any(|d| d.error.is_none()) {
        return Ok(());
    }
    match app.docs.iter_mut().find_map(|d| d.error.take()) {
        Some(e) => Err(anyhow::anyhow!(e)),
        None => Ok(()),
    }
}

/// A sender for document `i`'s workers: what they send reaches the loop as
/// [`Msg::Doc`]`(i, …)`.
fn forward(tx: Sender<Msg>, i: usize) -> Sender<Msg> {
    let (dtx, drx) = mpsc::channel();
    std::thread::spawn(move || {
        for m in drx {
            if tx.send(Msg::Doc(i, Box::new(m))).is_err() {
                return;
            }
        }
    });
    dtx
}

fn event_loop(
    guard: &mut terminal::TerminalGuard,
    app: &mut App,
    rx: &mpsc::Receiver<Msg>,
    from_top: bool,
    mut rest: Vec<(usize, Job)>,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut logged: Option<String> = None;
    loop {
        if dirty {
            // The status line shows one message at a time: each warning also goes to the log.
            if let Some(s) = app.state().status.as_ref().filter(|s| s.warning) {
                if logged.as_deref() != Some(s.text.as_str()) {
                    crate::io::log::warn(&s.text);
                    logged = Some(s.text.clone());
                }
            }
            guard.terminal.draw(|f| app.draw(f))?;
            dirty = false;
        }
        for (i, job) in rest.drain(..) {
            event::spawn_worker(app.txs[i].clone(), Msg::Loaded, job);
        }
        if app.quitting() {
            return Ok(());
        }
        let msg = if app.busy() {
            match rx.recv_timeout(TICK) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    for i in 0..app.docs.len() {
                        let tx = app.txs[i].clone();
                        apply(&mut app.docs[i], &tx, Action::Tick, from_top);
                    }
                    dirty = true;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            }
        };
        dirty |= route(app, msg, from_top);
        // Coalesce a burst (key repeat, wheel, resize storm) into one redraw.
        while let Ok(m) = rx.try_recv() {
            dirty |= route(app, m, from_top);
            if app.quitting() {
                break;
            }
        }
    }
}

/// Send a message where it belongs: a document's worker report to its state, input to
/// the document bar and coverage view first (with several documents), else to the
/// document shown. Whether anything may have changed.
fn route(app: &mut App, msg: Msg, from_top: bool) -> bool {
    let (i, msg) = match msg {
        Msg::Doc(i, m) if i < app.docs.len() => (i, *m),
        Msg::Doc(..) => return false,
        Msg::Coverage(r) => {
            app.coverage_done(r);
            return true;
        }
        Msg::Input(ev) => {
            if let Some(changed) = app.input(&ev) {
                return changed;
            }
            (app.current, Msg::Input(ev))
        }
        other => (app.current, other),
    };
    let tx = app.txs[i].clone();
    let changed = handle(&mut app.docs[i], &tx, msg, from_top);
    app.after_doc(i);
    app.quit_others();
    changed
}

/// Turn a message into an action and apply it; whether anything may have changed.
fn handle(state: &mut State, tx: &Sender<Msg>, msg: Msg, from_top: bool) -> bool {
    let action = match msg {
        Msg::Input(ev) => match event::to_action(&ev, state) {
            Some(a) => a,
            None => return false,
        },
        Msg::Loaded(r) => Action::Loaded(Box::new(r)),
        Msg::Analyzed(Ok(a)) => Action::Analyzed(Box::new(a)),
        Msg::Analyzed(Err(e)) => {
            state.analyzing = false;
            state.say(format!("analysis failed: {e}"), true);
            return true;
        }
        Msg::Saved(r) => {
            saved(state, tx, r);
            return true;
        }
        Msg::Doc(_, m) => return handle(state, tx, *m, from_top),
        // The app takes it (see `route`): no document's business.
        Msg::Coverage(_) => return false,
    };
    apply(state, tx, action, from_top);
    true
}

fn apply(state: &mut State, tx: &Sender<Msg>, action: Action, from_top: bool) {
    match update::update(state, action) {
        Some(Command::Analyze) => start_analysis(state, tx, from_top),
        Some(Command::Export { overwrite }) => export(state, overwrite),
        Some(Command::SaveNotes) => save_notes(state, tx),
        Some(Command::Copy(text)) => copy(state, &text),
        None => {}
    }
    settle_quit(state, tx);
}

/// On quit with notes not yet on disk, save them first: the reader leaves when the save
/// succeeds. If it fails, or is still waiting (another process holds the notes file),
/// the first quit only waits and says so, so nobody loses notes without being told; a
/// second quit leaves.
pub fn settle_quit(state: &mut State, tx: &Sender<Msg>) {
    if !state.quit || !(state.notes_unsaved || state.saving.is_some()) || state.quit_warned {
        return;
    }
    state.quit = false;
    state.quit_warned = true;
    if state.saving.is_none() {
        save_notes(state, tx);
    }
    if state.saving.is_some() {
        state.quit_after_save = true;
        state.say(
            "saving the notes before quitting… quit again to leave without waiting",
            false,
        );
    } else {
        state.say("notes not saved: quit again to leave without them", true);
    }
}

/// Load the document's notes from `store` (re-anchoring them if the text changed) and
/// say in the status line what happened: a file moved aside, notes that moved or were
/// orphaned. Later saves go to `store`.
pub fn open_notes(state: &mut State, store: NotesStore) {
    let key = crate::io::notes_store::doc_key(&state.doc.source, &state.doc.text);
    match store.load(&key, &state.doc.text) {
        Ok(loaded) => {
            state.notes = loaded.notes;
            if let Some(a) = &state.analysis {
                let spans: Vec<_> = a.claims.iter().map(|c| c.span.clone()).collect();
                state.notes.link_claims(&spans);
            }
            let mut msgs = loaded.warnings;
            let warning = !msgs.is_empty() || loaded.summary.orphaned > 0;
            if !loaded.summary.all_kept() {
                let mut m = loaded.summary.to_string();
                if loaded.summary.orphaned > 0 {
                    m.push_str(" (o lists them)");
                }
                msgs.push(m);
            }
            if !msgs.is_empty() {
                state.say(msgs.join("; "), warning);
            }
            state.notes_store = Some(store);
            if loaded.from_older.is_some() && !state.notes.is_empty() {
                // Keep them with this text too, so the next open finds them in place
                // (the older file stays as it was): the caller saves them.
                state.notes_unsaved = true;
            }
        }
        Err(e) => {
            state.say(format!("notes not loaded: {e}"), true);
            // Never save over a file we could not read (e.g. a newer version's).
            state.notes_store = None;
        }
    }
}

/// Save the notes on a worker (merging in other processes' changes under the file's
/// lock, then writing a temporary file renamed over the old one): the reader goes on
/// meanwhile, and [`saved`] takes the outcome. A change made while a save runs is saved
/// by another one right after it.
pub fn save_notes(state: &mut State, tx: &Sender<Msg>) {
    state.notes_unsaved = true;
    let Some(store) = state.notes_store.clone() else {
        state.say(
            "notes kept in memory only: they could not be loaded, or there is no data directory",
            true,
        );
        return;
    };
    if state.saving.is_some() {
        state.save_again = true;
        return;
    }
    state.save_again = false;
    state.saving = Some(std::time::Instant::now());
    let mut notes = state.notes.clone();
    event::spawn_worker(tx.clone(), Msg::Saved, move || {
        let warnings = store.save(&mut notes).map_err(|e| e.to_string())?;
        Ok(event::Saved { notes, warnings })
    });
}

/// A save finished: take in what other processes wrote, say how it went (a save that
/// waited says it is done), save again what changed meanwhile, and leave if a quit
/// was waiting for it. A failure keeps the notes in memory; the next change (or
/// quitting) tries again.
pub fn saved(state: &mut State, tx: &Sender<Msg>, result: Result<event::Saved, String>) {
    let waited = state
        .saving
        .take()
        .is_some_and(|t| t.elapsed() >= SLOW_SAVE);
    match result {
        Ok(done) => {
            state.notes.merge(&done.notes);
            // What other processes wrote was merged in: make sure it fits this text.
            state.notes.repair(&state.doc.text);
            if !done.warnings.is_empty() {
                state.say(done.warnings.join("; "), true);
            } else if waited || state.quit_after_save {
                state.say("notes saved", false);
            }
            if state.save_again {
                save_notes(state, tx);
                return;
            }
            state.notes_unsaved = false;
            if state.quit_after_save {
                state.quit = true;
            } else {
                // All is on disk: a later quit with new changes asks again.
                state.quit_warned = false;
            }
        }
        Err(e) => {
            state.notes_unsaved = true;
            state.save_again = false;
            let then = if state.quit_after_save {
                ": quit again to leave without them"
            } else {
                ""
            };
            state.say(format!("notes not saved (kept in memory): {e}{then}"), true);
        }
    }
    state.quit_after_save = false;
}

/// A save that takes this long says when it is done (it waited for a lock, or a slow disk).
const SLOW_SAVE: Duration = Duration::from_millis(800);

fn copy(state: &mut State, text: &str) {
    match clipboard::copy(text) {
        Ok(c) if c.truncated => state.say(
            format!("copied the first {} characters with the source", c.chars),
            false,
        ),
        Ok(_) => state.say("copied the quote with its source", false),
        Err(e) => state.say(format!("cannot copy: {e}"), true),
    }
}

/// Where the document was left, if it is to reopen there.
fn open_place(state: &mut State, from_top: bool) {
    if from_top {
        return;
    }
    let found = state
        .places
        .as_ref()
        .and_then(|p| p.load(&state.doc.source, state.doc.text.len()));
    if let Some(place) = found {
        state.restore_place(place);
    }
}

/// Keep where the reader is, for the next time (a failure only loses the place).
fn keep_place(state: &State) {
    if state.loading.is_some() || state.error.is_some() || state.doc.text.is_empty() {
        return;
    }
    if let Some(p) = &state.places {
        let _ = p.save(&state.doc.source, state.place());
    }
}

/// Open the notes and the reading place (once the document is here) and start its
/// analysis.
fn start_analysis(state: &mut State, tx: &Sender<Msg>, from_top: bool) {
    if state.places.is_none() {
        state.places = crate::io::places::PlaceStore::from_env();
    }
    open_place(state, from_top);
    if state.notes_store.is_none() {
        match NotesStore::from_env() {
            Ok(store) => open_notes(state, store),
            Err(e) => state.say(format!("notes will not be saved: {e}"), true),
        }
        if state.notes_unsaved {
            save_notes(state, tx);
        }
    }
    state.analyzing = true;
    // The worker shares the text with the screen: a book is held once, not twice.
    let text = state.doc.text.clone();
    let date = state.doc.date;
    event::spawn_worker(tx.clone(), Msg::Analyzed, move || {
        Ok(crate::analysis::analyze(&text, date))
    });
}

/// Write the Markdown export next to where lede was started and say where. A file that
/// is there already is replaced only when `overwrite` says the user confirmed it.
fn export(state: &mut State, overwrite: bool) {
    let Some(a) = &state.analysis else { return };
    let name = crate::export::export_file_name(&state.doc, ".lede.md");
    let path = std::env::current_dir()
        .map(|d| d.join(&name))
        .unwrap_or_else(|_| name.clone().into());
    if !overwrite && path.exists() {
        let key = state
            .keymap
            .key_for(keymap::Section::Global, &Action::Export)
            .unwrap_or_else(|| "e".into());
        state.confirm = Some(state::Confirm::OverwriteExport);
        state.say(
            format!("{name} exists here: {key} again replaces it · any other key keeps it"),
            true,
        );
        return;
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let md = crate::export::markdown(&state.doc, a, &state.notes, state.doc.date, &today);
    match crate::io::write_atomic(&path, md.as_bytes()) {
        Ok(()) => state.say(format!("exported to {}", path.display()), false),
        Err(e) => state.say(
            format!("{}: cannot write the export: {e}", path.display()),
            true,
        ),
    }
}

/// Merge `$CONFIG/lede/keymap.toml` over the default key map, if present. Its valid
/// entries apply; the first bad one is reported in the status line (with the count of
/// the others).
fn load_user_keymap(state: &mut State) {
    let Some(path) = dirs::config_dir().map(|d| d.join("lede").join("keymap.toml")) else {
        return;
    };
    let name = path.display().to_string();
    if !path.exists() {
        return;
    }
    // A key map is a few kilobytes; the cap keeps a FIFO or a device there from hanging.
    let text = match crate::io::read_file_capped(&path, &name, 1024 * 1024) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            state.say(e.to_string(), true);
            return;
        }
    };
    let errors = state.keymap.merge_toml(&name, &text);
    if let Some(first) = errors.first() {
        let more = match errors.len() - 1 {
            0 => String::new(),
            n => format!(" (+{n} more)"),
        };
        state.say(format!("{first}{more}"), true);
    }
}
