//! The full-screen reader. It presents a document and its analysis; it never analyses,
//! loads or changes domain data itself (workers do, and report on a channel).

pub mod clipboard;
pub mod editor;
pub mod notes_theme;
pub mod notes_view;
pub mod selection;
pub mod status_menu;

use crate::document::Document;

/// What the reader opens: a document already read, or one still loading (a URL).
pub enum Pending {
    /// The document is here.
    Ready(Document),
    /// The document is being fetched; `name` is shown meanwhile.
    Loading {
        /// What to show while loading (the URL).
        name: String,
        /// Produces the document or a one-line error, on a worker thread.
        job: Box<dyn FnOnce() -> Result<Document, String> + Send>,
    },
}

/// Run the reader until the user quits.
pub fn run(_pending: Pending) -> anyhow::Result<()> {
    anyhow::bail!("the reader is not built yet")
}
