//! The key map: keys to [`Action`]s, per focus and mode, from TOML.
//!
//! The default is `assets/keymap.toml`, embedded at compile time; a user file can
//! override it entry by entry ([`Keymap::merge_toml`]). Keys are parsed into typed
//! [`Key`]s at load; a bad entry is reported with its file, line and section, never
//! panicked on, and the valid entries around it still apply. The help overlay and the status-line hints are generated from the map,
//! so they cannot drift from it.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The default key map.
pub const DEFAULT_TOML: &str = include_str!("../../assets/keymap.toml");

/// A section of the key map: a focus or a mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Keys that work in every focus of the normal mode.
    Global,
    /// The article has focus.
    Article,
    /// The claims panel has focus.
    Claims,
    /// The actors panel has focus.
    Actors,
    /// The timeline panel has focus.
    Timeline,
    /// Selecting a passage (visual mode).
    Visual,
    /// The notes list is open.
    Notes,
    /// Writing a note.
    NoteEditor,
    /// Typing a search.
    Search,
    /// The help is open.
    Help,
    /// Several documents are open: keys that switch between them, in the normal mode.
    Documents,
    /// Several documents are open: the key after `g` (`gt`, `gT`).
    AfterG,
    /// The coverage view is open.
    Coverage,
}

impl Section {
    /// Every section, in the order the help lists them.
    pub const ALL: [Section; 13] = [
        Section::Global,
        Section::Documents,
        Section::AfterG,
        Section::Coverage,
        Section::Article,
        Section::Claims,
        Section::Actors,
        Section::Timeline,
        Section::Visual,
        Section::Notes,
        Section::NoteEditor,
        Section::Search,
        Section::Help,
    ];

    /// Its name in the TOML file.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::Article => "article",
            Section::Claims => "claims",
            Section::Actors => "actors",
            Section::Timeline => "timeline",
            Section::Visual => "visual",
            Section::Notes => "notes",
            Section::NoteEditor => "note_editor",
            Section::Search => "search",
            Section::Help => "help",
            Section::Documents => "documents",
            Section::AfterG => "after_g",
            Section::Coverage => "coverage",
        }
    }

    fn from_name(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.name() == s)
    }
}

/// A key with its modifiers, normalised (a `Char` carries its case, not `SHIFT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt (Shift only for non-character keys).
    pub mods: KeyModifiers,
}

impl Key {
    /// The key of a terminal key event.
    pub fn from_event(e: &KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = e.code;
        match code {
            KeyCode::Char(_) => mods.remove(KeyModifiers::SHIFT),
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            _ => {}
        }
        Key { code, mods }
    }

    /// Parse a key as written in the key map: `j`, `G`, `?`, `<Down>`, `<S-Tab>`, `<C-d>`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok(Key {
                code: KeyCode::Char(c),
                mods: KeyModifiers::NONE,
            });
        }
        let inner = s
            .strip_prefix('<')
            .and_then(|x| x.strip_suffix('>'))
            .ok_or_else(|| format!("unknown key {s:?} (write one character or <Name>)"))?;
        let mut mods = KeyModifiers::NONE;
        let mut name = inner;
        loop {
            if let Some(rest) = name.strip_prefix("C-") {
                mods |= KeyModifiers::CONTROL;
                name = rest;
            } else if let Some(rest) = name.strip_prefix("A-") {
                mods |= KeyModifiers::ALT;
                name = rest;
            } else if let Some(rest) = name.strip_prefix("S-") {
                mods |= KeyModifiers::SHIFT;
                name = rest;
            } else {
                break;
            }
        }
        let code = match name {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Delete" => KeyCode::Delete,
            _ => {
                let mut cs = name.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key {s:?}")),
                }
            }
        };
        let ev = KeyEvent::new(code, mods);
        Ok(Key::from_event(&ev))
    }

    /// How the help and the status line show the key.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("S-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str("Space"),
            KeyCode::Char(c) => s.push(c),
            KeyCode::Enter => s.push_str("Enter"),
            KeyCode::Esc => s.push_str("Esc"),
            KeyCode::Tab => s.push_str("Tab"),
            KeyCode::BackTab => s.push_str("S-Tab"),
            KeyCode::Backspace => s.push_str("Bksp"),
            KeyCode::Up => s.push('↑'),
            KeyCode::Down => s.push('↓'),
            KeyCode::Left => s.push('←'),
            KeyCode::Right => s.push('→'),
            KeyCode::PageUp => s.push_str("PgUp"),
            KeyCode::PageDown => s.push_str("PgDn"),
            KeyCode::Home => s.push_str("Home"),
            KeyCode::End => s.push_str("End"),
            other => s.push_str(&format!("{other:?}")),
        }
        s
    }
}

/// One entry of the key map.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The keys that trigger it.
    pub on: Vec<Key>,
    /// What it does.
    pub run: Action,
    /// What the help says.
    pub desc: String,
    /// A short label for the status line, if it shows this entry.
    pub hint: Option<String>,
}

/// A bad key-map entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {place}: {message}")]
pub struct KeymapError {
    /// The file (or `default keymap`).
    pub file: String,
    /// The line the entry starts on, from 1.
    pub line: usize,
    /// Where in it: `[section] entry N`, or `syntax`.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
struct RawSection {
    #[serde(default)]
    keymap: Vec<toml::Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    on: OneOrMany,
    run: String,
    #[serde(default)]
    desc: String,
    #[serde(default)]
    hint: Option<String>,
}

/// Keys to actions, per section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keymap {
    sections: BTreeMap<Section, Vec<Binding>>,
}

/// The line (from 1) of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

impl Keymap {
    /// The embedded default key map.
    pub fn default_map() -> Keymap {
        let mut k = Keymap::default();
        // A test checks that the embedded map parses, so this reports nothing.
        let _ = k.merge_toml("default keymap", DEFAULT_TOML);
        k
    }

    /// Add the entries of a TOML key map, replacing existing entries of the same section
    /// that share a key. Every valid entry applies; each bad one is returned, with its
    /// line, and changes nothing. A file that is not TOML at all changes nothing.
    pub fn merge_toml(&mut self, file: &str, toml_text: &str) -> Vec<KeymapError> {
        let err = |at: usize, place: String, message: String| KeymapError {
            file: file.to_string(),
            line: line_of(toml_text, at),
            place,
            message,
        };
        let raw: BTreeMap<String, toml::Spanned<RawSection>> = match toml::from_str(toml_text) {
            Ok(raw) => raw,
            Err(e) => {
                let at = e.span().map_or(0, |s| s.start);
                return vec![err(at, "syntax".into(), e.message().to_string())];
            }
        };
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        for (name, sec) in raw {
            let at = sec.span().start;
            let Some(section) = Section::from_name(&name) else {
                errors.push(err(at, format!("[{name}]"), "unknown section".into()));
                continue;
            };
            for (i, e) in sec.into_inner().keymap.into_iter().enumerate() {
                let at = e.span().start;
                let place = format!("[{name}] entry {}", i + 1);
                match parse_entry(e.into_inner()) {
                    Ok(b) => parsed.push((section, b)),
                    Err(m) => errors.push(err(at, place, m)),
                }
            }
        }
        for (section, b) in parsed {
            let list = self.sections.entry(section).or_default();
            for old in list.iter_mut() {
                old.on.retain(|k| !b.on.contains(k));
            }
            list.retain(|old| !old.on.is_empty());
            list.push(b);
        }
        errors
    }

    /// The action bound to `key` in `section`, if any.
    pub fn lookup(&self, section: Section, key: Key) -> Option<&Action> {
        self.sections
            .get(&section)?
            .iter()
            .find(|b| b.on.contains(&key))
            .map(|b| &b.run)
    }

    /// The entries of `section`, in order.
    pub fn bindings(&self, section: Section) -> &[Binding] {
        self.sections.get(&section).map_or(&[], |v| v.as_slice())
    }

    /// The first key bound to `action` in `section`, shown as in the help.
    pub fn key_for(&self, section: Section, action: &Action) -> Option<String> {
        self.bindings(section)
            .iter()
            .find(|b| &b.run == action)
            .and_then(|b| b.on.first())
            .map(Key::label)
    }

    /// Status-line hints for `focus`: `(key, label)` of the hinted entries of that
    /// section, then (for a pane's section) of [global].
    pub fn hints(&self, focus: Section) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        let modal = matches!(
            focus,
            Section::Visual
                | Section::Notes
                | Section::NoteEditor
                | Section::Search
                | Section::Help
                | Section::Documents
                | Section::AfterG
                | Section::Coverage
        );
        let sections = if modal {
            vec![focus]
        } else {
            vec![focus, Section::Global]
        };
        for s in sections {
            for b in self.bindings(s) {
                if let (Some(k), Some(h)) = (b.on.first(), &b.hint) {
                    out.push((k.label(), h.as_str()));
                }
            }
        }
        out
    }
}

/// One entry of a key map, checked: its keys parse and its action exists.
fn parse_entry(value: toml::Value) -> Result<Binding, String> {
    let e: RawEntry = value
        .try_into()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    let keys = match e.on {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    };
    if keys.is_empty() {
        return Err("`on` lists no key".into());
    }
    let on = keys
        .iter()
        .map(|k| Key::parse(k))
        .collect::<Result<Vec<_>, _>>()?;
    // `document_N`: one action per document number, from 1 to 9.
    let numbered = e
        .run
        .strip_prefix("document_")
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=9).contains(n));
    if let Some(n) = numbered {
        return Ok(Binding {
            on,
            run: Action::Document(n),
            desc: e.desc,
            hint: e.hint,
        });
    }
    let run = Action::deserialize(
        serde::de::value::StrDeserializer::<serde::de::value::Error>::new(&e.run),
    )
    .map_err(|_| format!("unknown action {:?}", e.run))?;
    Ok(Binding {
        on,
        run,
        desc: e.desc,
        hint: e.hint,
    })
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_map_parses_and_binds_the_documented_keys() {
        let mut k = Keymap::default();
        assert_eq!(k.merge_toml("default", DEFAULT_TOML), vec![]);
        let g = |s| k.lookup(Section::Global, Key::parse(s).expect("key"));
        assert_eq!(g("q"), Some(&Action::Quit));
        assert_eq!(g("]"), Some(&Action::NextClaim));
        assert_eq!(g("<S-Tab>"), Some(&Action::FocusPrev));
        assert_eq!(g("<Down>"), Some(&Action::Down));
        assert_eq!(g("G"), Some(&Action::Bottom));
        assert_eq!(
            k.lookup(Section::Actors, Key::parse("f").expect("key")),
            Some(&Action::FilterActor)
        );
    }

    #[test]
    fn shift_is_in_the_character() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("G").expect("key"));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("<S-Tab>").expect("key"));
    }

    #[test]
    fn bad_entries_are_reported_with_their_line_and_the_others_apply() {
        let mut k = Keymap::default_map();
        let user = "[claims]\nkeymap = [\n  { on = \"x\", run = \"jump\" },\n  { on = \"<Nope>\", run = \"quit\" },\n]\n\n[global]\nkeymap = [\n  { on = \"Q\", run = \"fly\" },\n  { on = \"Z\", run = \"quit\" },\n]\n[nowhere]\nkeymap = []\n";
        let errors = k.merge_toml("user.toml", user);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            vec![
                "user.toml:4: [claims] entry 2: unknown key \"<Nope>\"",
                "user.toml:9: [global] entry 1: unknown action \"fly\"",
                "user.toml:12: [nowhere]: unknown section",
            ]
        );
        let key = |s| Key::parse(s).expect("key");
        assert_eq!(k.lookup(Section::Claims, key("x")), Some(&Action::Jump));
        assert_eq!(k.lookup(Section::Global, key("Z")), Some(&Action::Quit));
        assert_eq!(k.lookup(Section::Global, key("Q")), None);
        let e = k.merge_toml("user.toml", "[global\nkeymap = 3");
        assert_eq!(e.len(), 1);
        assert!(
            e[0].to_string().starts_with("user.toml:1: syntax: "),
            "{}",
            e[0]
        );
        let e = k.merge_toml(
            "user.toml",
            "[help]\nkeymap = [{ on = \"x\", run = \"help\", dsc = \"typo\" }]",
        );
        assert_eq!(e.len(), 1);
        assert!(e[0].to_string().contains("dsc"), "{}", e[0]);
    }

    #[test]
    fn user_entries_override_by_key() {
        let mut k = Keymap::default_map();
        let errors = k.merge_toml(
            "user.toml",
            "[global]\nkeymap = [{ on = \"q\", run = \"help\" }]",
        );
        assert_eq!(errors, vec![]);
        let q = Key::parse("q").expect("key");
        assert_eq!(k.lookup(Section::Global, q), Some(&Action::Help));
        // <C-c> still quits.
        assert_eq!(
            k.lookup(Section::Global, Key::parse("<C-c>").expect("key")),
            Some(&Action::Quit)
        );
    }
}
