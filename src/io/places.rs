//! Reading places on disk: where each document was left (the top of the screen and the
//! selected claim), so that reopening it returns there. One small JSON file per source
//! in `places/` under lede's data directory (`LEDE_DATA_DIR` overrides it), written
//! atomically. A place is a convenience: a file that cannot be read is ignored, and the
//! next save replaces it.

use super::notes_store::{stable_source, ENV_DATA_DIR};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Version written in every place file.
pub const FILE_VERSION: u32 = 1;

/// Where a document was left, as byte offsets into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The start of the row at the top of the screen.
    pub offset: usize,
    /// The start of the selected claim, if one was.
    pub claim: Option<usize>,
    /// The text's length then (a place past the end of a shorter text is dropped).
    pub text_len: usize,
}

#[derive(Serialize, Deserialize)]
struct PlaceFile {
    version: u32,
    source: String,
    #[serde(flatten)]
    place: Place,
}

/// The places directory.
#[derive(Debug, Clone)]
pub struct PlaceStore {
    dir: PathBuf,
}

impl PlaceStore {
    /// The store in `$LEDE_DATA_DIR/places`, else in the platform data directory's
    /// `lede/places`; `None` without a data directory. Nothing is created until a save.
    pub fn from_env() -> Option<PlaceStore> {
        match std::env::var_os(ENV_DATA_DIR).filter(|v| !v.is_empty()) {
            Some(d) => Some(PlaceStore::at(d)),
            None => dirs::data_dir().map(|d| PlaceStore::at(d.join("lede"))),
        }
    }

    /// The store under the data directory `data_dir`.
    pub fn at(data_dir: impl AsRef<Path>) -> PlaceStore {
        PlaceStore {
            dir: data_dir.as_ref().join("places"),
        }
    }

    /// The file of the document read from `source`.
    pub fn path_for(&self, source: &str) -> PathBuf {
        let digest = Sha256::digest(stable_source(source).as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.json"))
    }

    /// Where the document from `source`, now `text_len` bytes long, was left; `None` if
    /// nowhere (standard input has no place), or if the file is unreadable or the place
    /// lies past the end of the text.
    pub fn load(&self, source: &str, text_len: usize) -> Option<Place> {
        if source == "-" {
            return None;
        }
        let bytes = std::fs::read(self.path_for(source)).ok()?;
        let f: PlaceFile = serde_json::from_slice(&bytes).ok()?;
        let stable = stable_source(source);
        (f.version == FILE_VERSION && f.source == stable && f.place.offset < text_len.max(1))
            .then_some(f.place)
    }

    /// Remember `place` for the document from `source` (temp file, then rename).
    pub fn save(&self, source: &str, place: Place) -> std::io::Result<()> {
        if source == "-" {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let f = PlaceFile {
            version: FILE_VERSION,
            source: stable_source(source),
            place,
        };
        let json = serde_json::to_vec_pretty(&f).map_err(std::io::Error::other)?;
        super::write_atomic(&self.path_for(source), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_saved_and_found_again_per_source() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = PlaceStore::at(dir.path());
        let p = Place {
            offset: 120,
            claim: Some(130),
            text_len: 500,
        };
        store.save("lede://sample.txt", p).expect("save");
        assert_eq!(store.load("lede://sample.txt", 500), Some(p));
        assert_eq!(store.load("lede://other.txt", 500), None);
        assert_eq!(store.load("lede://sample.txt", 100), None, "past the end");
        std::fs::write(store.path_for("lede://sample.txt"), "{ not json").expect("write");
        assert_eq!(store.load("lede://sample.txt", 500), None, "ignored");
        store.save("-", p).expect("nothing to do");
        assert_eq!(store.load("-", 500), None);
    }
}
