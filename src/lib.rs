//! lede: read news and opinion critically in a terminal.
//!
//! Layers, from the inside out:
//! - [`analysis`]: pure text analysis (sentences, actors, time expressions, timeline,
//!   claims). No terminal, file or network code.
//! - [`document`]: a [`document::Document`] built from plain text, Markdown or HTML strings.
//! - [`notes`]: notes and marks on a document, their anchors and exports.
//! - [`io`]: files, standard input and URLs to documents; notes on disk.
//! - [`export`]: the analysis JSON, the Markdown memo and Web Annotations: pure writers
//!   that both the batch commands and the reader use.
//! - [`cli`]: the batch commands (`analyze`, `export`).
//! - [`tui`]: the full-screen reader; it only presents. It never imports [`cli`].
//! - [`fuzzing`]: the entry points the fuzz targets in `fuzz/` (and a proptest) drive.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod document;
pub mod export;
pub mod fuzzing;
pub mod io;
pub mod notes;
pub mod tui;
