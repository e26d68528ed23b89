//! Events into the loop: terminal input (read on its own thread) and worker results,
//! all on one channel; and the mapping of terminal events to [`Action`]s through the key map.

use super::action::Action;
use super::keymap::{Key, Section};
use super::state::{Mode, State};
use crate::analysis::Analysis;
use crate::document::Document;
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Duration;

/// A message to the event loop.
#[derive(Debug)]
pub enum Msg {
    /// Terminal input.
    Input(Event),
    /// A document finished loading.
    Loaded(Result<Document, String>),
    /// The analysis finished (or failed, with a message).
    Analyzed(Result<Analysis, String>),
    /// A save of the notes finished: the notes as saved (merged with what other
    /// processes wrote) and warnings, or why it failed.
    Saved(Result<Saved, String>),
    /// A message of the worker of one of several documents open (its index).
    Doc(usize, Box<Msg>),
    /// The coverage of several documents is lined up (or failed, with a message).
    Coverage(Result<Box<super::app::CoverageRows>, String>),
}

/// What a finished save of the notes brings back.
#[derive(Debug)]
pub struct Saved {
    /// The notes as written, other processes' changes merged in.
    pub notes: crate::notes::NoteSet,
    /// Warnings for the status line (a file set aside…).
    pub warnings: Vec<String>,
}

/// Read terminal events on a thread until `stop` is set; reading errors end the thread.
pub fn spawn_input(tx: Sender<Msg>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match crossterm::event::poll(Duration::from_millis(50)) {
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send(Msg::Input(ev)).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                },
                Ok(false) => {}
                Err(_) => return,
            }
        }
    })
}

/// Run `job` on a worker thread and send its result; a panic becomes an error message.
pub fn spawn_worker<T: Send + 'static>(
    tx: Sender<Msg>,
    wrap: fn(Result<T, String>) -> Msg,
    job: impl FnOnce() -> Result<T, String> + Send + 'static,
) {
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).unwrap_or_else(|p| {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Err(format!("internal error: {what}"))
        });
        let _ = tx.send(wrap(r));
    });
}

/// The action for a terminal event in the current state, if any. Only key presses count
/// (some terminals also report releases and repeats).
pub fn to_action(ev: &Event, state: &State) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let key = Key::from_event(k);
            let km = &state.keymap;
            match state.mode {
                Mode::Help { .. } => km
                    .lookup(Section::Help, key)
                    .cloned()
                    .or_else(|| ctrl_c(key)),
                Mode::Search { .. } => {
                    km.lookup(Section::Search, key)
                        .cloned()
                        .or_else(|| match key.code {
                            KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => {
                                Some(Action::SearchInput(c))
                            }
                            _ => ctrl_c(key),
                        })
                }
                Mode::Normal => km
                    .lookup(state.focus.section(), key)
                    .or_else(|| km.lookup(Section::Global, key))
                    .cloned(),
                Mode::Visual(_) => km.lookup(Section::Visual, key).cloned(),
                Mode::Notes => km
                    .lookup(Section::Notes, key)
                    .cloned()
                    .or_else(|| ctrl_c(key)),
                Mode::Note(_) => km
                    .lookup(Section::NoteEditor, key)
                    .cloned()
                    .or_else(|| super::state::editor::input_from_key(k).map(Action::Edit)),
                Mode::StatusMenu { .. } => super::state::status_menu::menu_input_from_key(k)
                    .map(Action::Menu)
                    .or_else(|| ctrl_c(key)),
            }
        }
        Event::Paste(text) => match state.mode {
            Mode::Note(_) => Some(Action::Paste(text.clone())),
            Mode::Search { .. } => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollAt(m.column, m.row, 1)),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt(m.column, m.row, -1)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Ctrl-C always quits, whatever the key map says in modal sections.
fn ctrl_c(key: Key) -> Option<Action> {
    (key.code == KeyCode::Char('c') && key.mods.contains(KeyModifiers::CONTROL))
        .then_some(Action::Quit)
}
