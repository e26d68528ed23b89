//! The log file, for what the reader cannot show for long: each warning its status line
//! shows (a failed save, a bad key-map entry, a notes file set aside), which the next
//! message replaces, is also appended here as one line with a UTC timestamp.
//!
//! The file is `$LEDE_LOG_FILE` when set, else `<state dir>/lede/lede.log`: on Linux
//! `$XDG_STATE_HOME/lede/lede.log` (`~/.local/state/lede/lede.log`); where the platform
//! has no state directory, the data directory ([`dirs::data_dir`]) is used. Past
//! [`MAX_LOG_BYTES`] the file is renamed `lede.log.old` (replacing the previous one) and a
//! new one begins, so the log never grows without bound. Logging is best effort: a log
//! that cannot be written never stops the reader.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Environment variable naming the log file.
pub const ENV_LOG_FILE: &str = "LEDE_LOG_FILE";

/// Size past which the log starts again (the old one kept as `<file>.old`).
pub const MAX_LOG_BYTES: u64 = 1024 * 1024;

/// The log file's path, when a state (or data) directory is known.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(ENV_LOG_FILE).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    dirs::state_dir()
        .or_else(dirs::data_dir)
        .map(|d| d.join("lede").join("lede.log"))
}

/// Append `message` as a warning to the log file (see the module docs). Errors are ignored.
pub fn warn(message: &str) {
    if let Some(p) = path() {
        let _ = append(&p, &chrono::Utc::now().to_rfc3339(), message);
    }
}

/// Append one line `<time> warning: <message>` to `path`, starting a new file past
/// [`MAX_LOG_BYTES`]. Line breaks and other control characters in `message` become spaces,
/// so each warning is one line.
pub fn append(path: &Path, time: &str, message: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        let mut old = path.as_os_str().to_owned();
        old.push(".old");
        std::fs::rename(path, old)?;
    }
    let line: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(f, "{time} warning: {line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_appended_one_line_each_and_the_log_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("state").join("lede.log");
        append(&log, "T1", "notes not saved:\nlocked").unwrap();
        append(&log, "T2", "bad key\u{1b}]0;x\u{7}").unwrap();
        let text = std::fs::read_to_string(&log).unwrap();
        assert_eq!(
            text,
            "T1 warning: notes not saved: locked\nT2 warning: bad key ]0;x \n"
        );
        std::fs::write(&log, vec![b'x'; MAX_LOG_BYTES as usize + 1]).unwrap();
        append(&log, "T3", "after").unwrap();
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "T3 warning: after\n"
        );
        let old = dir.path().join("state").join("lede.log.old");
        assert_eq!(std::fs::metadata(old).unwrap().len(), MAX_LOG_BYTES + 1);
    }
}
