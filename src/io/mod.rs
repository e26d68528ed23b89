//! Input and output: files, standard input and URLs to [`Document`]s.
//!
//! Every failure is a [`LoadError`] naming the source and the problem in one line.

pub mod fetch;
pub mod log;
pub mod notes_store;
pub mod places;

use crate::document::{self, Document, Format};
use std::io::Read;
use std::path::Path;

/// Largest document lede opens, in bytes (32 MiB). A book is about 5 MB; a bigger file is
/// almost certainly not an article, and refusing it keeps the reader responsive.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The size cap in force: [`MAX_BYTES`], or the smaller number of bytes given in
/// `LEDE_MAX_BYTES` (the variable can lower the cap, never raise it).
pub fn max_bytes() -> u64 {
    std::env::var("LEDE_MAX_BYTES")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
        .map_or(MAX_BYTES, |n| n.min(MAX_BYTES))
}

/// Read `reader` to its end, stopping as soon as more than `limit` bytes have come: an
/// endless source (`/dev/zero`, a FIFO, a pipe, a server) costs at most `limit + 1` bytes.
/// More than `limit` is [`LoadError::TooLarge`] naming `name`; a read error is
/// [`LoadError::Io`].
pub fn read_capped(reader: impl Read, name: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Io(name.into(), e))?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            source_name: name.into(),
            size: None,
            limit,
        });
    }
    Ok(bytes)
}

/// Read the file at `path` with the cap of [`read_capped`]. The size the file system
/// reports is used only to refuse a regular file early: devices, FIFOs and files in
/// `/proc` report 0 or a wrong size, so the cap is also applied while reading.
pub fn read_file_capped(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(name.into()),
        _ => LoadError::Io(name.into(), e),
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory(name.into()));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(LoadError::TooLarge {
            source_name: name.into(),
            size: Some(meta.len()),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| LoadError::Io(name.into(), e))?;
    read_capped(file, name, limit)
}

fn describe_size(size: &Option<u64>, limit: &u64) -> String {
    match size {
        Some(size) => format!("{size} bytes"),
        None => format!("more than {limit} bytes"),
    }
}

/// Why a document could not be opened. Each variant's message names the source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file does not exist.
    #[error("{0}: no such file")]
    NotFound(String),
    /// The path is a directory.
    #[error("{0}: is a directory, not a document")]
    IsDirectory(String),
    /// The file holds binary data (NUL bytes or mostly non-text).
    #[error("{0}: looks like a binary file, not a text document")]
    Binary(String),
    /// The file is empty or only whitespace.
    #[error("{0}: the document is empty")]
    Empty(String),
    /// The source is larger than the cap ([`max_bytes`]).
    #[error("{source_name}: too large ({}; lede opens documents up to {limit} bytes)", describe_size(.size, .limit))]
    TooLarge {
        /// The source.
        source_name: String,
        /// Its size, when known before reading (a regular file, an HTTP Content-Length);
        /// `None` when reading stopped at the cap.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// Any other read error.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    /// A URL could not be fetched (the message says why).
    #[error("{0}: {1}")]
    Fetch(String, String),
}

/// Raw bytes as read, before decoding.
pub struct Raw {
    /// The source as named by the user.
    pub source: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// A content type, when known (from HTTP).
    pub content_type: Option<String>,
    /// The final URL after redirects, when fetched.
    pub url: Option<String>,
}

/// Read a file, `-` (standard input) or URL into raw bytes, with the size and sanity checks.
pub fn read_source(source: &str) -> Result<Raw, LoadError> {
    if source.starts_with("http://") || source.starts_with("https://") {
        return fetch_url(source);
    }
    let limit = max_bytes();
    let bytes = if source == "-" {
        read_capped(std::io::stdin().lock(), "standard input", limit)?
    } else {
        read_file_capped(Path::new(source), source, limit)?
    };
    Ok(Raw {
        source: source.into(),
        bytes,
        content_type: None,
        url: None,
    })
}

fn fetch_url(url: &str) -> Result<Raw, LoadError> {
    fetch::fetch(url, &fetch::Options::from_env())
}

/// Whether `bytes` look binary: a NUL byte, or many other control bytes, in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len().max(1)
}

/// Decode bytes as UTF-8. Invalid sequences are replaced with U+FFFD and reported as a
/// warning giving the first bad byte offset (lede never refuses a text for its encoding).
pub fn decode_utf8(name: &str, bytes: &[u8]) -> (String, Option<String>) {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let bytes = &bytes[bom..];
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(format!(
                "{name}: invalid UTF-8 at byte {}, replaced with \u{FFFD}",
                bom + e.valid_up_to()
            )),
        ),
    }
}

/// Find the format from the file extension, else by sniffing the content.
pub fn detect_format(source: &str, content_type: Option<&str>, text: &str) -> Format {
    if let Some(ct) = content_type {
        let ct = ct.to_ascii_lowercase();
        if ct.contains("html") {
            return Format::Html;
        }
        if ct.contains("markdown") {
            return Format::Markdown;
        }
        if ct.starts_with("text/plain") {
            return Format::Plain;
        }
    }
    let lower = source.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or(&lower);
    if path.ends_with(".md") || path.ends_with(".markdown") || path.ends_with(".mdown") {
        return Format::Markdown;
    }
    if path.ends_with(".html") || path.ends_with(".htm") || path.ends_with(".xhtml") {
        return Format::Html;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<head")
        || (head.starts_with("<?xml") && head.contains("<html"))
    {
        return Format::Html;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Format::Html;
    }
    Format::Plain
}

/// Open a source (path, `-` or URL) as a document: read, check, decode, parse.
pub fn open(source: &str) -> Result<Document, LoadError> {
    let raw = read_source(source)?;
    document_from_raw(raw)
}

/// Files at least this large open in two steps: [`open_start`] first, then [`open`].
pub const LARGE_FILE: u64 = 1 << 20;

/// How much of a large file [`open_start`] reads.
const START_BYTES: usize = 64 << 10;

/// A quick first document of a large plain-text file: its first 64 KiB up to the last
/// paragraph break, parsed as [`open`] would, so the reader can paint its first screen
/// while the whole file is read on a worker. `None` when the file is small, not plain
/// UTF-8 text, or its start is not a whole paragraph: then [`open`] is all there is.
/// Its text is the start of what [`open`] makes of the whole file in the cases it
/// accepts; the caller checks (the reader compares the texts) before relying on it.
pub fn open_start(source: &str) -> Option<Document> {
    if source == "-" || source.contains("://") {
        return None;
    }
    // Look before opening: opening a FIFO would wait for a writer, and closing it again
    // would throw away what the writer sent before `open` reads it.
    let meta = std::fs::metadata(source).ok()?;
    if !meta.is_file() || meta.len() < LARGE_FILE || meta.len() > MAX_BYTES {
        return None;
    }
    let mut file = std::fs::File::open(source).ok()?;
    let mut head = Vec::with_capacity(START_BYTES);
    (&mut file)
        .take(START_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    if looks_binary(&head) {
        return None;
    }
    let text = match std::str::from_utf8(&head) {
        Ok(t) => t,
        // A character cut at the end of the chunk is fine; anything else is not UTF-8.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let cut = text.rfind("\n\n")?;
    let start = &text[..cut];
    if detect_format(source, None, start) != Format::Plain || start.trim().is_empty() {
        return None;
    }
    Some(document::plain::parse(source, start))
}

/// Turn raw bytes into a document (checks for binary and empty content).
pub fn document_from_raw(raw: Raw) -> Result<Document, LoadError> {
    let name = if raw.source == "-" {
        "standard input".to_string()
    } else {
        raw.source.clone()
    };
    if looks_binary(&raw.bytes) {
        return Err(LoadError::Binary(name));
    }
    if raw.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty(name));
    }
    // Sniff the format on the head alone: HTML is decoded with its own charset.
    let head = String::from_utf8_lossy(&raw.bytes[..raw.bytes.len().min(2048)]);
    let format = detect_format(&raw.source, raw.content_type.as_deref(), &head);
    let (mut doc, warning) = match format {
        Format::Html => {
            let (text, warning) =
                document::html::decode(&name, &raw.bytes, raw.content_type.as_deref());
            let url = raw.url.as_deref().or(Some(raw.source.as_str()));
            (document::html::parse(&raw.source, &text, url), warning)
        }
        Format::Markdown | Format::Plain => {
            let (text, warning) = decode_utf8(&name, &raw.bytes);
            let doc = if format == Format::Markdown {
                document::markdown::parse(&raw.source, &text)
            } else {
                document::plain::parse(&raw.source, &text)
            };
            (doc, warning)
        }
    };
    if doc.text.trim().is_empty() {
        return Err(LoadError::Empty(name));
    }
    doc.warnings.extend(warning);
    Ok(doc)
}

/// Where a file written with `--output PATH` goes, and a note to tell the user when it is
/// not `path` itself. Only regular files are written: `path` when it is one or does not
/// exist; when it is a symbolic link, the file it points to (followed deliberately, the
/// note says so), if that is a regular file or does not exist. Anything else (a device
/// such as `/dev/null`, a FIFO, a directory, a socket, a link to one) is a one-line error.
/// A file with several hard links is written in place ([`write_atomic`]), and the note
/// says so.
pub fn output_target(path: &Path) -> Result<(std::path::PathBuf, Option<String>), String> {
    let shown = path.display();
    let (target, note) = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((path.into(), None)),
        Err(e) => return Err(format!("{shown}: {e}")),
        Ok(m) if m.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path).or_else(|_| {
                std::fs::read_link(path).map(|l| match path.parent() {
                    Some(dir) if l.is_relative() => dir.join(l),
                    _ => l,
                })
            });
            let target = target.map_err(|e| format!("{shown}: {e}"))?;
            let note = format!(
                "{shown} is a symbolic link: writing to {}",
                target.display()
            );
            (target, Some(note))
        }
        Ok(_) => (path.to_path_buf(), None),
    };
    match std::fs::metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((target, note)),
        Err(e) => Err(format!("{shown}: {e}")),
        Ok(m) if m.is_file() && hard_links(&m) > 1 => {
            let links = format!(
                "{} has {} hard links: writing it in place, so that each of them shows the export",
                target.display(),
                hard_links(&m)
            );
            let note = match note {
                Some(n) => format!("{n}; {links}"),
                None => links,
            };
            Ok((target, Some(note)))
        }
        Ok(m) if m.is_file() => Ok((target, note)),
        Ok(m) => {
            let via = if note.is_some() {
                format!(" (a symbolic link to {})", target.display())
            } else {
                String::new()
            };
            Err(format!(
                "{shown}{via}: not a regular file ({}); lede writes exports only to regular files",
                file_kind(&m)
            ))
        }
    }
}

/// What kind of file `m` describes, in words.
fn file_kind(m: &std::fs::Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// How the temporary files of [`write_atomic`] end.
pub const TEMP_SUFFIX: &str = ".tmp";

/// How the temporary files of [`write_atomic`] for `path` begin: `.<file name>.`, so that
/// a leftover of a killed save can be told apart and removed.
pub fn temp_prefix(path: &Path) -> Option<String> {
    path.file_name()
        .map(|n| format!(".{}.", n.to_string_lossy()))
}

/// How the backup copies of [`write_atomic`] end (see there).
pub const BACKUP_SUFFIX: &str = ".bak";

/// How many names (hard links) the file described by `m` has; 1 where the platform does
/// not say.
fn hard_links(m: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        1
    }
}

/// How old a temporary file of [`write_atomic`] must be before a later write of the same
/// file takes it for the leftover of a killed save and removes it. A save takes
/// milliseconds; the margin keeps another process's save under way safe.
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Remove the temporary files [`write_atomic`] left beside `path` (see [`temp_prefix`])
/// when a save was killed, those last modified at least `older_than` ago. Best effort: a
/// file that cannot be removed is left for the next time. The notes store calls it with
/// no age under the file's lock, when no other save of it can be under way.
pub fn remove_leftover_temps(path: &Path, older_than: std::time::Duration) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(prefix) = temp_prefix(path) else {
        return;
    };
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for d in rd.filter_map(Result::ok) {
        let name = d.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let age = d
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if older_than.is_zero() || age.is_some_and(|a| a >= older_than) {
            let _ = std::fs::remove_file(d.path());
        }
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same directory (named
/// `.<file name>.<random>.tmp`), flushed and synced, then renamed over the target. A
/// crash leaves the old file or the new one. An existing file keeps its mode.
///
/// A rename gives `path` a new file, which would cut it off from the other names of a
/// file with hard links (they would keep the old content). Such a file is rewritten in
/// place instead, so that every name sees the new content: a copy of its current content
/// is first written and synced beside it (`.<file name>.<random>.bak`), then the file is
/// overwritten and synced, then the copy is removed. If the write fails, the old content
/// is put back from the copy; a crash half-way leaves the copy, which nothing removes.
///
/// Temporary files of killed saves of `path` older than [`STALE_TEMP_AGE`] are removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_leftover_temps(path, STALE_TEMP_AGE);
    let prefix = temp_prefix(path).unwrap_or_else(|| ".lede.".into());
    let existing = std::fs::metadata(path).ok().filter(|m| m.is_file());
    if existing.as_ref().is_some_and(|m| hard_links(m) > 1) {
        return write_in_place(path, bytes, dir, &prefix);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    // A file written again keeps its mode (the temporary file starts private).
    if let Some(meta) = existing {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The in-place write of [`write_atomic`] for a file with several hard links.
fn write_in_place(path: &Path, bytes: &[u8], dir: &Path, prefix: &str) -> std::io::Result<()> {
    use std::io::Write;
    let old = std::fs::read(path)?;
    let mut backup = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(BACKUP_SUFFIX)
        .tempfile_in(dir)?;
    backup.write_all(&old)?;
    backup.as_file().sync_all()?;
    let overwrite = |content: &[u8]| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        f.write_all(content)?;
        f.set_len(content.len() as u64)?;
        f.sync_all()
    };
    match overwrite(bytes) {
        // Dropping the backup removes it.
        Ok(()) => Ok(()),
        Err(e) if overwrite(&old).is_ok() => Err(e),
        Err(e) => {
            let kept = backup.into_temp_path().keep().map_err(|k| k.error)?;
            Err(std::io::Error::new(
                e.kind(),
                format!("{e}; its previous content is in {}", kept.display()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("plain text\nwith lines\tand tabs".as_bytes()));
    }

    #[test]
    fn invalid_utf8_is_replaced_with_warning() {
        let (s, w) = decode_utf8("f.txt", b"ab\xffcd");
        assert_eq!(s, "ab\u{FFFD}cd");
        assert!(w.unwrap().contains("byte 2"));
        let (_, w) = decode_utf8("f.txt", b"\xEF\xBB\xBFab\xff");
        assert!(
            w.unwrap().contains("byte 5"),
            "offsets count the byte order mark"
        );
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    #[test]
    fn a_file_written_again_keeps_its_mode_and_its_hard_links() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let memo = dir.path().join("memo.md");
        std::fs::write(&memo, "an old memo, longer than the new one").unwrap();
        std::fs::set_permissions(&memo, std::fs::Permissions::from_mode(0o640)).unwrap();
        // One name: replaced by a rename (a new inode), mode kept.
        let inode = std::fs::metadata(&memo).unwrap().ino();
        write_atomic(&memo, b"second").unwrap();
        let m = std::fs::metadata(&memo).unwrap();
        assert_ne!(m.ino(), inode, "renamed over");
        assert_eq!(m.permissions().mode() & 0o777, 0o640);
        // Two names: written in place, both see it, the backup copy is gone.
        let vault = dir.path().join("vault-copy.md");
        std::fs::hard_link(&memo, &vault).unwrap();
        let inode = m.ino();
        write_atomic(&memo, b"third, in place").unwrap();
        assert_eq!(std::fs::read(&vault).unwrap(), b"third, in place");
        assert_eq!(std::fs::read(&memo).unwrap(), b"third, in place");
        let m = std::fs::metadata(&memo).unwrap();
        assert_eq!(
            (m.ino(), m.nlink()),
            (inode, 2),
            "still one file, two names"
        );
        assert_eq!(m.permissions().mode() & 0o777, 0o640);
        write_atomic(&vault, b"4").unwrap();
        assert_eq!(
            std::fs::read(&memo).unwrap(),
            b"4",
            "shorter content truncates"
        );
        assert_eq!(names_in(dir.path()), ["memo.md", "vault-copy.md"]);
        let (_, note) = output_target(&memo).unwrap();
        assert!(note.unwrap().ends_with(
            "memo.md has 2 hard links: writing it in place, so that each of them shows the export"
        ),);
    }

    #[test]
    fn a_write_removes_stale_temporary_files_of_killed_saves_only() {
        let dir = tempfile::tempdir().unwrap();
        let memo = dir.path().join("memo.md");
        let stale = dir.path().join(".memo.md.Ab12Cd.tmp");
        let fresh = dir.path().join(".memo.md.Zz98Yx.tmp");
        let other = dir.path().join(".notes.md.Ab12Cd.tmp");
        for f in [&stale, &fresh, &other] {
            std::fs::write(f, "half a save").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for f in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        write_atomic(&memo, b"memo").unwrap();
        assert_eq!(
            names_in(dir.path()),
            [".memo.md.Zz98Yx.tmp", ".notes.md.Ab12Cd.tmp", "memo.md"],
            "only the stale leftover of this file goes; one as young as a save under way stays"
        );
    }

    #[cfg(unix)]
    #[test]
    fn regression_the_quick_start_never_opens_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("feed.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.to_string_lossy().into_owned();
        // Opening the FIFO would block here, with no writer.
        std::thread::spawn(move || tx.send(open_start(&path).is_none()));
        assert_eq!(
            rx.recv_timeout(std::time::Duration::from_secs(10)),
            Ok(true),
            "open_start returns at once, leaving the FIFO to open"
        );
    }

    #[test]
    fn formats() {
        assert_eq!(detect_format("a.md", None, "x"), Format::Markdown);
        assert_eq!(
            detect_format("a", None, "<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(detect_format("a.txt", None, "hello"), Format::Plain);
        assert_eq!(
            detect_format("https://x/a", Some("text/plain"), "hi"),
            Format::Plain
        );
        assert_eq!(detect_format("https://x/a", None, "hi"), Format::Html);
    }
}
