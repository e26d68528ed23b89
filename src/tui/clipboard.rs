//! Copying to the clipboard: the system clipboard where one is present, and through the
//! terminal (OSC 52) always.
//!
//! `ESC ] 52 ; c ; <base64> BEL` asks the terminal to put the decoded text on the
//! clipboard; it works over SSH and needs no clipboard library. It is the one escape
//! sequence lede writes deliberately. The text is sanitised first (no control
//! characters or escape sequences from a document reach the clipboard), and the payload
//! is capped at [`MAX_PAYLOAD`] bytes, which terminals accept. Some terminals ignore
//! OSC 52 (or, like tmux, need `set-clipboard on`); nothing can tell us, so the status
//! line should say "copied" without promising more.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::io::Write;

/// The largest base64 payload sent (terminals commonly accept about 100 kB).
pub const MAX_PAYLOAD: usize = 100_000;

/// What [`copy`] sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    /// Code points of text sent.
    pub chars: usize,
    /// The text was cut to fit [`MAX_PAYLOAD`].
    pub truncated: bool,
}

/// The OSC 52 sequence that puts `text` on the clipboard (sanitised, cut to fit).
///
/// ```
/// use lede::tui::clipboard::osc52_sequence;
/// assert_eq!(osc52_sequence("hi"), "\x1b]52;c;aGk=\x07");
/// ```
pub fn osc52_sequence(text: &str) -> String {
    encode(text).0
}

/// Sequence plus what it holds.
fn encode(text: &str) -> (String, Copied) {
    let clean = crate::document::sanitize(text);
    // base64 turns 3 bytes into 4.
    let max_bytes = MAX_PAYLOAD / 4 * 3;
    let mut end = clean.len().min(max_bytes);
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    let sent = &clean[..end];
    let seq = format!("\x1b]52;c;{}\x07", STANDARD.encode(sent));
    let copied = Copied {
        chars: sent.chars().count(),
        truncated: end < clean.len(),
    };
    (seq, copied)
}

/// Write the OSC 52 sequence for `text` to `out` and flush it.
pub fn copy_to(out: &mut impl Write, text: &str) -> std::io::Result<Copied> {
    let (seq, copied) = encode(text);
    out.write_all(seq.as_bytes())?;
    out.flush()?;
    Ok(copied)
}

/// Put `text` on the clipboard: on the system clipboard where one is present (a local
/// X11 or Wayland session, macOS, Windows), and always through the terminal on standard
/// output (OSC 52), which is what reaches the user's machine over SSH. Call it between
/// draws, from the thread that draws.
pub fn copy(text: &str) -> std::io::Result<Copied> {
    system_copy(&crate::document::sanitize(text));
    copy_to(&mut std::io::stdout().lock(), text)
}

/// Best effort: the system clipboard, when there is a display to own it. The clipboard
/// object is kept for the whole run because on X11 its owner serves the text to others.
fn system_copy(text: &str) {
    use std::sync::Mutex;
    static SYSTEM: Mutex<Option<arboard::Clipboard>> = Mutex::new(None);
    let local_display = cfg!(any(target_os = "macos", windows))
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if !local_display {
        return;
    }
    let Ok(mut guard) = SYSTEM.lock() else { return };
    if guard.is_none() {
        *guard = arboard::Clipboard::new().ok();
    }
    if let Some(c) = guard.as_mut() {
        let _ = c.set_text(text.to_string());
    }
}

/// A quote ready to paste elsewhere: `“quote” — title, source`. Whitespace in the
/// quote is collapsed to single spaces; an empty title or source is left out, and so
/// is a title equal to the source.
///
/// ```
/// use lede::tui::clipboard::quote_with_source;
/// assert_eq!(
///     quote_with_source("140 people\ndied", "Moscow attack", "https://example.org/a"),
///     "“140 people died” — Moscow attack, https://example.org/a"
/// );
/// assert_eq!(quote_with_source(" x ", "", ""), "“x”");
/// ```
pub fn quote_with_source(quote: &str, title: &str, source: &str) -> String {
    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let (title, source) = (title.trim(), source.trim());
    let source = if source == title { "" } else { source };
    let attribution: Vec<&str> = [title, source]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if attribution.is_empty() {
        format!("“{quote}”")
    } else {
        format!("“{quote}” — {}", attribution.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(seq: &str) -> String {
        let b64 = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .expect("OSC 52 framing");
        String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap()
    }

    #[test]
    fn sequence_round_trips_unicode() {
        let text = "“Über” 日本 👩‍👩‍👧\nline two";
        assert_eq!(decode(&osc52_sequence(text)), text);
    }

    #[test]
    fn control_characters_never_reach_the_clipboard() {
        let seq = osc52_sequence("a\x1b]52;c;ZXZpbA==\x07b\x1b[31mc\x00d\re");
        assert_eq!(decode(&seq), "abcd\ne");
        // Only the framing uses ESC and BEL.
        assert_eq!(seq.matches('\x1b').count(), 1);
        assert_eq!(seq.matches('\x07').count(), 1);
    }

    #[test]
    fn long_text_is_cut_at_a_char_boundary() {
        let text = "é".repeat(MAX_PAYLOAD);
        let mut out = Vec::new();
        let c = copy_to(&mut out, &text).unwrap();
        assert!(c.truncated);
        let seq = String::from_utf8(out).unwrap();
        assert!(seq.len() <= MAX_PAYLOAD + 8);
        assert_eq!(decode(&seq).chars().count(), c.chars);
        let short = copy_to(&mut Vec::new(), "ok").unwrap();
        assert_eq!(
            short,
            Copied {
                chars: 2,
                truncated: false
            }
        );
    }

    #[test]
    fn quote_attribution_skips_empty_and_repeated_parts() {
        assert_eq!(quote_with_source("q", "a.txt", "a.txt"), "“q” — a.txt");
        assert_eq!(quote_with_source("q", "", "src"), "“q” — src");
        assert_eq!(quote_with_source("q", "T", ""), "“q” — T");
    }
}
