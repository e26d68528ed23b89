//! Actions: what the user (or a worker) asks the reader to do. Keys map to actions
//! through the key map ([`super::keymap`]); `update` applies them to the state.
//!
//! User-facing actions are named in snake_case in `assets/keymap.toml`; internal ones
//! (resizes, mouse events, worker results, editor input) are `#[serde(skip)]`.

use crate::analysis::Analysis;
use crate::document::Document;
use crate::tui::state::editor::EditorInput;
use crate::tui::state::status_menu::MenuInput;
use serde::Deserialize;

/// An intent, independent of the key that triggers it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Focus the next pane (article, claims, actors, timeline).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus the article.
    FocusArticle,
    /// Focus the claims panel.
    FocusClaims,
    /// Focus the actors panel.
    FocusActors,
    /// Focus the timeline panel.
    FocusTimeline,
    /// Move down one row (scroll the article, or select the next item).
    Down,
    /// Move up one row.
    Up,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Go to the start.
    Top,
    /// Go to the end.
    Bottom,
    /// Show the selected panel item in the article and focus the article.
    Jump,
    /// Select the next claim and show it in the article.
    NextClaim,
    /// Select the previous claim and show it in the article.
    PrevClaim,
    /// Go back to where the article was before the last jump (the jump list).
    JumpBack,
    /// Go forward again in the jump list.
    JumpForward,
    /// Pressed twice (`''`): return to the place before the last jump; again: back here.
    LastPlace,
    /// Start typing a search.
    Search,
    /// Go to the next search match.
    SearchNext,
    /// Go to the previous search match.
    SearchPrev,
    /// Run the search typed so far.
    SearchSubmit,
    /// Delete the last character of the search.
    SearchBackspace,
    /// List every claim found, or only the check-worthy ones again.
    ToggleAllClaims,
    /// Lower the check-worthiness threshold: list and highlight more claims.
    MoreClaims,
    /// Raise the check-worthiness threshold: list and highlight fewer claims.
    FewerClaims,
    /// Show only the claims involving the selected actor (again: show all).
    FilterActor,
    /// Show the article alone, or the panels again.
    ToggleZoom,
    /// Show or hide the help.
    Help,
    /// Write the Markdown export to the current directory.
    Export,
    /// Close what is open: the help, a search, a filter.
    Cancel,
    /// Move the current claim to its next status (unreviewed → needs a source → …).
    MarkClaim,
    /// Choose the current claim's status from a menu.
    StatusMenu,
    /// Add or edit a note: on the visual selection, the current claim, or the sentence
    /// at the top of the article (in the notes list: on the selected entry).
    AddNote,
    /// Start selecting a passage sentence by sentence.
    Visual,
    /// Highlight the selected passage (without a note).
    Highlight,
    /// Copy the current quote (visual selection or claim) with its source.
    Copy,
    /// Show the list of notes.
    NotesView,
    /// Delete the selected note (in the notes list).
    DeleteNote,
    /// Save the note being written.
    NoteSave,
    /// Insert a line break in the note being written.
    NoteNewline,
    /// An editing key in the note editor.
    #[serde(skip)]
    Edit(EditorInput),
    /// A key in the status menu.
    #[serde(skip)]
    Menu(MenuInput),
    /// Text pasted into the terminal (bracketed paste).
    #[serde(skip)]
    Paste(String),
    /// A character typed into the search.
    #[serde(skip)]
    SearchInput(char),
    /// The terminal now has this size (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// The mouse wheel turned over the cell (x, y); positive is down.
    #[serde(skip)]
    ScrollAt(u16, u16, i16),
    /// The mouse clicked the cell (x, y).
    #[serde(skip)]
    ClickAt(u16, u16),
    /// The document finished loading (or failed to).
    #[serde(skip)]
    Loaded(Box<Result<Document, String>>),
    /// The analysis finished.
    #[serde(skip)]
    Analyzed(Box<Analysis>),
    /// Time passed (animates the progress mark).
    #[serde(skip)]
    Tick,
}
