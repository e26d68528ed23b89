//! Notes and marks on a document: claim statuses, free highlights, text-quote anchors,
//! and their exports. Pure: no terminal, file or network code (saving is `crate::io`).
