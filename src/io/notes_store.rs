//! Notes on disk: one versioned JSON file per document, saved atomically, merged with
//! other processes' changes, never overwritten when unreadable.
//!
//! # Where
//!
//! `$LEDE_DATA_DIR/notes/` if `LEDE_DATA_DIR` is set, else `<data dir>/lede/notes/`
//! where `<data dir>` is the platform's ([`dirs::data_dir`]: `$XDG_DATA_HOME` or
//! `~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on
//! Windows). Tests use [`NotesStore::at`].
//!
//! # Files
//!
//! A document's notes live in `<S>-<C>.json`, where `<S>` is the first 16 hex digits of
//! the SHA-256 of its stable source (absolute path or URL, see [`stable_source`]) and
//! `<C>` the first 16 of the SHA-256 of its text. The `<S>-` prefix is the index by
//! source: when a file was edited (same source, new text), [`NotesStore::load`] finds the
//! newest notes file of that source and re-anchors its notes onto the new text. Standard
//! input (`-`) has no stable source and is keyed by content only.
//!
//! ```text
//! { "version": 1, "source": "/home/me/article.txt", "sha256": "<64 hex>",
//!   "entries": [ <crate::notes::Entry as JSON> ... ] }
//! ```
//!
//! # Safety
//!
//! - Saves write a temporary file in the same directory (`.<file>.<random>.tmp`), fsync
//!   it, rename it over the old one and fsync the directory: a crash leaves the old file or
//!   the new one, and at worst a stray temporary file, which the next save of that file
//!   removes (under the lock, so never one another process is still writing). A notes
//!   file with several hard links is written in place instead, after a synced backup
//!   copy ([`super::write_atomic`]), so that its other names keep showing it.
//! - Fields and values this lede does not know (written by a newer one, which keeps the
//!   same `version` for additions) are kept: unknown fields of the file and of each entry
//!   are written back as they were, and an entry whose `kind` or `status` is unknown is
//!   loaded and shown as unknown with its original value written back.
//! - A save holds an advisory lock (`<file>.lock`, [`std::fs::File::lock`]; released by
//!   the OS if the process dies), re-reads the file and merges it in by entry id, the
//!   later `updated` winning, so two lede processes on one document keep both their notes.
//! - A file that cannot be parsed is renamed to `<file>.corrupt-<n>` and a warning naming
//!   it is returned for the status line; it is never overwritten, and
//!   [`NotesStore::recover`] (`lede notes --recover`) merges what can be read of it back. A file from a newer lede
//!   (higher `version`) is left alone and saving fails with [`StoreError::NewerVersion`].

use crate::notes::{sha256_hex, DocKey, Entry, NoteSet, ReanchorSummary};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

/// Environment variable overriding the data directory.
pub const ENV_DATA_DIR: &str = "LEDE_DATA_DIR";

/// Version written in every notes file.
pub const FILE_VERSION: u32 = 1;

/// Why notes could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Neither `LEDE_DATA_DIR` nor a platform data directory is known.
    #[error("no data directory for notes (set {ENV_DATA_DIR})")]
    NoDataDir,
    /// A file operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The notes file was written by a newer lede; it is left unchanged.
    #[error("{}: notes file version {version} is newer than this lede understands; left unchanged", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        version: u64,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The on-disk layout of one notes file.
#[derive(Debug, Serialize, Deserialize)]
struct NotesFile {
    version: u32,
    source: String,
    sha256: String,
    entries: Vec<Entry>,
    /// Fields this lede does not know (a newer one's), written back unchanged.
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// Notes as loaded for a document.
#[derive(Debug)]
pub struct Loaded {
    /// The notes, anchored to the text given to [`NotesStore::load`].
    pub notes: NoteSet,
    /// Things to show on the status line (e.g. a corrupt file moved aside).
    pub warnings: Vec<String>,
    /// How the notes re-attached to the text (all kept unless the document changed).
    pub summary: ReanchorSummary,
    /// The older notes file they came from, when the document had changed.
    pub from_older: Option<PathBuf>,
}

/// What [`NotesStore::recover`] did with one set-aside file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// The set-aside file.
    pub aside: PathBuf,
    /// The notes file its entries went back into.
    pub target: PathBuf,
    /// Entries merged back.
    pub recovered: usize,
    /// Entries that could not be read (the set-aside file is kept for them).
    pub lost: usize,
    /// Why nothing could be read, when so (the file is left as it is).
    pub problem: Option<String>,
}

impl std::fmt::Display for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let aside = self.aside.display();
        match &self.problem {
            Some(why) => write!(f, "{aside}: cannot be recovered: {why}"),
            None => {
                write!(
                    f,
                    "{aside}: {} notes back in {}",
                    self.recovered,
                    self.target.display()
                )?;
                if self.lost > 0 {
                    write!(f, "; {} unreadable, the file is kept", self.lost)?;
                }
                Ok(())
            }
        }
    }
}

/// The notes directory.
#[derive(Debug, Clone)]
pub struct NotesStore {
    dir: PathBuf,
}

/// The current time as an RFC 3339 UTC timestamp with milliseconds, for `now` arguments.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A source string that names the same document however it was typed: URLs and `-` as
/// they are, file paths made absolute (symlinks resolved) when the file exists.
pub fn stable_source(source: &str) -> String {
    if source == "-" || source.contains("://") {
        return source.to_string();
    }
    fs::canonicalize(source)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| source.to_string())
}

/// The notes key of a document read from `source` with text `text`.
pub fn doc_key(source: &str, text: &str) -> DocKey {
    DocKey::new(stable_source(source), text)
}

impl NotesStore {
    /// The store in `$LEDE_DATA_DIR/notes`, else in the platform data directory's
    /// `lede/notes`. Nothing is created until the first save.
    pub fn from_env() -> Result<NotesStore, StoreError> {
        match std::env::var_os(ENV_DATA_DIR).filter(|v| !v.is_empty()) {
            Some(d) => Ok(NotesStore::at(d)),
            None => dirs::data_dir()
                .map(|d| NotesStore::at(d.join("lede")))
                .ok_or(StoreError::NoDataDir),
        }
    }

    /// The store under the data directory `data_dir` (notes go in `data_dir/notes`).
    pub fn at(data_dir: impl AsRef<Path>) -> NotesStore {
        NotesStore {
            dir: data_dir.as_ref().join("notes"),
        }
    }

    /// The notes directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file holding the notes of `key`.
    pub fn path_for(&self, key: &DocKey) -> PathBuf {
        self.dir.join(format!(
            "{}-{}.json",
            source_prefix(&key.source),
            &key.sha256[..16.min(key.sha256.len())]
        ))
    }

    /// Load the notes of the document `key` whose text is `text`. With no file for this
    /// exact text, the newest notes of the same source are re-anchored onto it (see the
    /// module docs); with none at all, the set is empty. Unreadable files are moved aside
    /// (a warning says where). Nothing is written otherwise.
    pub fn load(&self, key: &DocKey, text: &str) -> Result<Loaded, StoreError> {
        let mut warnings = Vec::new();
        let path = self.path_for(key);
        let mut from_older = None;
        let mut entries = match self.read(&path, &mut warnings)? {
            Some(f) => Some(f.entries),
            None => None,
        };
        if entries.is_none() && key.source != "-" {
            for old in self.files_of_source(&key.source, &path) {
                if let Some(f) = self.read(&old, &mut warnings)? {
                    if f.source == key.source {
                        entries = Some(f.entries);
                        from_older = Some(old);
                        break;
                    }
                }
            }
        }
        let mut notes = NoteSet::from_entries(key.clone(), entries.unwrap_or_default());
        let attached = notes.entries();
        let summary = if from_older.is_none()
            && attached.iter().all(|e| !e.orphaned && e.anchor.holds(text))
        {
            // The file is this very text's: nothing moved (and no index to build for a book).
            ReanchorSummary {
                kept: attached.len(),
                ..ReanchorSummary::default()
            }
        } else {
            notes.reanchor(text)
        };
        Ok(Loaded {
            notes,
            warnings,
            summary,
            from_older,
        })
    }

    /// Save `notes` now: under the file's lock, merge in what is on disk (another
    /// process's changes; `notes` is updated with them), then write atomically. Returns
    /// warnings for the status line (e.g. an unreadable file moved aside).
    pub fn save(&self, notes: &mut NoteSet) -> Result<Vec<String>, StoreError> {
        let path = self.path_for(notes.key());
        self.save_at(&path, notes)
    }

    fn save_at(&self, path: &Path, notes: &mut NoteSet) -> Result<Vec<String>, StoreError> {
        let path = path.to_path_buf();
        let mut warnings = Vec::new();
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let _lock = self.lock(&path)?;
        // Under the lock no other save of this file is under way: its temporary files are
        // leftovers of a process killed while saving.
        super::remove_leftover_temps(&path, std::time::Duration::ZERO);
        let mut extra = serde_json::Map::new();
        if let Some(disk) = self.read_locked(&path, &mut warnings)? {
            notes.merge_entries(&disk.entries);
            extra = disk.extra;
        }
        let file = NotesFile {
            version: FILE_VERSION,
            source: notes.key().source.clone(),
            sha256: notes.key().sha256.clone(),
            entries: notes.all_entries().to_vec(),
            extra,
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| StoreError::Io {
            path: path.clone(),
            source: e.into(),
        })?;
        bytes.push(b'\n');
        super::write_atomic(&path, &bytes).map_err(io_err(&path))?;
        // Make the rename itself durable (best effort: not every platform can open a directory).
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(warnings)
    }

    /// Bring back the notes of every file set aside as `<file>.corrupt-<n>`: each entry
    /// that can still be read is merged into `<file>` (as a save would: by id, the later
    /// `updated` winning). A set-aside file all of whose entries came back is renamed
    /// `<file>.recovered-<n>`; one with entries lost stays where it is. Nothing else is
    /// changed, so running it twice is harmless.
    pub fn recover(&self) -> Result<Vec<Recovery>, StoreError> {
        let Ok(rd) = fs::read_dir(&self.dir) else {
            return Ok(Vec::new());
        };
        let mut asides: Vec<PathBuf> = rd
            .filter_map(Result::ok)
            .map(|d| d.path())
            .filter(|p| p.to_string_lossy().contains(".json.corrupt-"))
            .collect();
        asides.sort();
        asides.iter().map(|a| self.recover_one(a)).collect()
    }

    fn recover_one(&self, aside: &Path) -> Result<Recovery, StoreError> {
        let name = aside.to_string_lossy();
        let cut = name.rfind(".corrupt-").unwrap_or(name.len());
        let target = PathBuf::from(&name[..cut]);
        let mut r = Recovery {
            aside: aside.to_path_buf(),
            target: target.clone(),
            recovered: 0,
            lost: 0,
            problem: None,
        };
        let bytes = fs::read(aside).map_err(io_err(aside))?;
        let value: serde_json::Value = match serde_json::from_slice(&bytes) {
            Ok(v) => v,
            Err(e) => {
                r.problem = Some(format!("not JSON ({e})"));
                return Ok(r);
            }
        };
        if let Some(v) = value.get("version").and_then(|v| v.as_u64()) {
            if v > u64::from(FILE_VERSION) {
                r.problem = Some(format!("written by a newer lede (version {v})"));
                return Ok(r);
            }
        }
        let Some(raw_entries) = value.get("entries").and_then(|e| e.as_array()) else {
            r.problem = Some("no list of entries".into());
            return Ok(r);
        };
        let mut entries = Vec::new();
        for e in raw_entries {
            match serde_json::from_value::<Entry>(e.clone()) {
                Ok(e) => entries.push(e),
                Err(_) => r.lost += 1,
            }
        }
        r.recovered = entries.len();
        let text_of = |k: &str| {
            value
                .get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let key = DocKey {
            source: text_of("source"),
            sha256: text_of("sha256"),
        };
        let mut notes = NoteSet::from_entries(key, entries);
        match self.save_at(&target, &mut notes) {
            Ok(_) => {}
            // Left as they are: the file they would go into is a newer lede's.
            Err(StoreError::NewerVersion { path, version }) => {
                r.problem = Some(format!(
                    "{} is a newer lede's notes file (version {version})",
                    path.display()
                ));
                r.recovered = 0;
                return Ok(r);
            }
            Err(e) => return Err(e),
        }
        if r.lost == 0 {
            let done = PathBuf::from(name.replacen(".corrupt-", ".recovered-", 1));
            fs::rename(aside, &done).map_err(io_err(aside))?;
        }
        Ok(r)
    }

    /// Other notes files of `source`, newest first.
    fn files_of_source(&self, source: &str, except: &Path) -> Vec<PathBuf> {
        let prefix = format!("{}-", source_prefix(source));
        let Ok(rd) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = rd
            .filter_map(Result::ok)
            .filter(|d| {
                let name = d.file_name();
                let name = name.to_string_lossy();
                name.starts_with(&prefix) && name.ends_with(".json")
            })
            .map(|d| d.path())
            .filter(|p| p != except)
            .map(|p| {
                let t = fs::metadata(&p)
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                (t, p)
            })
            .collect();
        found.sort_by(|a, b| b.cmp(a));
        found.into_iter().map(|(_, p)| p).collect()
    }

    fn lock(&self, path: &Path) -> Result<File, StoreError> {
        let lock_path = lock_path(path);
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        f.lock().map_err(io_err(&lock_path))?;
        Ok(f)
    }

    /// Read a notes file without holding its lock; if it looks corrupt, take the lock
    /// and look again before moving it aside (a writer may be mid-way).
    fn read(
        &self,
        path: &Path,
        warnings: &mut Vec<String>,
    ) -> Result<Option<NotesFile>, StoreError> {
        match parse_file(path)? {
            Parsed::Missing => Ok(None),
            Parsed::Ok(f) => Ok(Some(f)),
            Parsed::Corrupt(_) => {
                let _lock = self.lock(path)?;
                self.read_locked(path, warnings)
            }
        }
    }

    /// Read a notes file while holding its lock; a corrupt one is moved aside.
    fn read_locked(
        &self,
        path: &Path,
        warnings: &mut Vec<String>,
    ) -> Result<Option<NotesFile>, StoreError> {
        match parse_file(path)? {
            Parsed::Missing => Ok(None),
            Parsed::Ok(f) => Ok(Some(f)),
            Parsed::Corrupt(why) => {
                let aside = move_aside(path)?;
                // The set-aside name first: the status line may cut the end of a long line.
                warnings.push(format!(
                    "notes set aside as {}, unreadable ({why}); lede notes --recover brings them back",
                    aside.display()
                ));
                Ok(None)
            }
        }
    }
}

fn source_prefix(source: &str) -> String {
    sha256_hex(source.as_bytes())[..16].to_string()
}

fn lock_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

enum Parsed {
    Missing,
    Ok(NotesFile),
    Corrupt(String),
}

fn parse_file(path: &Path) -> Result<Parsed, StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Parsed::Missing),
        Err(e) => return Err(io_err(path)(e)),
    };
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Ok(Parsed::Corrupt(e.to_string())),
    };
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(FILE_VERSION) => {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                version: v,
            })
        }
        Some(_) => {}
        None => return Ok(Parsed::Corrupt("no version".into())),
    }
    match serde_json::from_value::<NotesFile>(value) {
        Ok(f) => Ok(Parsed::Ok(f)),
        Err(e) => Ok(Parsed::Corrupt(e.to_string())),
    }
}

/// Rename `path` to the first free `<path>.corrupt-<n>`.
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    for n in 1.. {
        let mut s = path.as_os_str().to_owned();
        s.push(format!(".corrupt-{n}"));
        let aside = PathBuf::from(s);
        if !aside.exists() {
            fs::rename(path, &aside).map_err(io_err(path))?;
            return Ok(aside);
        }
    }
    unreachable!("some corrupt-<n> name is free")
}
