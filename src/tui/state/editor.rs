//! A multi-line text input for notes, drawn as a popup.
//!
//! [`NoteEditor`] owns the text and a cursor (a byte offset, always on a grapheme
//! boundary) and applies [`EditorInput`]s, which [`input_from_key`] and
//! [`EditorInput::from_paste`] make from crossterm events. [`crate::tui::view::editor::NoteEditorWidget`] draws it:
//! a bordered popup with a title, key hints, the passage's quote and the word-wrapped
//! text; `NoteEditorWidget::cursor_position` says where the terminal cursor goes.
//!
//! Keys: Enter and Ctrl-S save, Alt-Enter, Shift-Enter and Ctrl-J insert a line break
//! (most terminals cannot tell Shift-Enter from Enter), Esc cancels; arrows, Home/End
//! and Ctrl-A/Ctrl-E (of the line), Ctrl/Alt-arrows and Alt-b/Alt-f (by word),
//! Backspace (or Ctrl-H)/Delete, and Ctrl-W or Alt-Backspace (delete the word before
//! the cursor).
//!
//! The reader should enable bracketed paste (crossterm's `EnableBracketedPaste`):
//! without it a multi-line paste arrives as key presses, and its first line break saves.
//!
//! Text is wrapped at word boundaries, grapheme by grapheme, and measured with
//! unicode-width as ratatui's buffer measures it. The last column of the text area is
//! kept for a space or the cursor at the end of a full row. Up and Down move by wrapped
//! row using the width [`NoteEditor::fit`] was last given (by line before that); `fit`
//! also scrolls to the cursor. The reader's `update` calls it after every change, so the
//! widget only reads the editor.
//!
//! ```text
//! a        state.mode = Mode::Note { editor: NoteEditor::new(&existing_note), target }
//! key      if let Some(i) = editor::input_from_key(&key) { outcome = editor.handle(i) }
//! paste    editor.handle(EditorInput::from_paste(s))          // Event::Paste (bracketed)
//! outcome  Save(text) => notes.set_note(.., target, &text, &now) + store.save, Mode::Normal
//!          Cancel => Mode::Normal                              Continue => redraw
//! draw     let w = NoteEditorWidget::new(&editor, "Note on claim 3", &notes_theme).quote(q);
//!          frame.render_widget(&w, frame.area());
//!          if let Some(p) = w.cursor_position(frame.area()) { frame.set_cursor_position(p) }
//! ```

use crate::tui::layout::{display_width, grapheme_width};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The key hints shown at the bottom of the popup.
pub const HINTS: &str = "Enter save · Alt-Enter new line · Esc cancel";

/// An editing intent, independent of the key that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorInput {
    /// Insert a character.
    Char(char),
    /// Insert a line break.
    Newline,
    /// Delete the grapheme before the cursor (joins lines at a line start).
    Backspace,
    /// Delete the grapheme after the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWordLeft,
    /// Move one grapheme left.
    Left,
    /// Move one grapheme right.
    Right,
    /// Move one wrapped row up.
    Up,
    /// Move one wrapped row down.
    Down,
    /// Move to the start of the line.
    Home,
    /// Move to the end of the line.
    End,
    /// Move to the start of the previous word.
    WordLeft,
    /// Move to the end of the next word.
    WordRight,
    /// Insert pasted text.
    Paste(String),
    /// Finish and keep the text.
    Save,
    /// Finish and drop the changes.
    Cancel,
}

impl EditorInput {
    /// The input for a bracketed paste (crossterm's `Event::Paste`): control characters
    /// and escape sequences are removed, tabs become spaces, line ends become `\n`.
    pub fn from_paste(text: String) -> EditorInput {
        EditorInput::Paste(crate::document::sanitize(&text))
    }
}

/// What the reader should do after an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorOutcome {
    /// Keep editing.
    Continue,
    /// Save this note (trailing whitespace removed; it may be empty) and close.
    Save(String),
    /// Close without saving.
    Cancel,
}

/// Map a key press to an [`EditorInput`]; `None` for keys the editor ignores and for
/// key releases and repeats of non-editing keys reported by some platforms.
pub fn input_from_key(key: &KeyEvent) -> Option<EditorInput> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let m = key.modifiers;
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let alt = m.contains(KeyModifiers::ALT);
    // AltGr arrives as Ctrl+Alt on some platforms: that is a character, not a command.
    let command = ctrl != alt;
    Some(match key.code {
        KeyCode::Enter if alt || m.contains(KeyModifiers::SHIFT) => EditorInput::Newline,
        KeyCode::Enter => EditorInput::Save,
        KeyCode::Esc => EditorInput::Cancel,
        KeyCode::Backspace if command => EditorInput::DeleteWordLeft,
        KeyCode::Backspace => EditorInput::Backspace,
        KeyCode::Delete => EditorInput::Delete,
        KeyCode::Left if command => EditorInput::WordLeft,
        KeyCode::Right if command => EditorInput::WordRight,
        KeyCode::Left => EditorInput::Left,
        KeyCode::Right => EditorInput::Right,
        KeyCode::Up => EditorInput::Up,
        KeyCode::Down => EditorInput::Down,
        KeyCode::Home => EditorInput::Home,
        KeyCode::End => EditorInput::End,
        KeyCode::Char(c) if command => match (ctrl, c.to_ascii_lowercase()) {
            (true, 's') => EditorInput::Save,
            (true, 'j') => EditorInput::Newline,
            (true, 'w') => EditorInput::DeleteWordLeft,
            // Some terminals send ^H for Backspace.
            (true, 'h') => EditorInput::Backspace,
            (true, 'a') => EditorInput::Home,
            (true, 'e') => EditorInput::End,
            (false, 'b') => EditorInput::WordLeft,
            (false, 'f') => EditorInput::WordRight,
            _ => return None,
        },
        KeyCode::Char(c) => EditorInput::Char(c),
        _ => return None,
    })
}

/// The state of a note being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    text: String,
    /// Byte offset into `text`, on a grapheme boundary.
    cursor: usize,
    /// Display column that Up/Down try to keep.
    goal: Option<usize>,
    original: String,
    /// First visible wrapped row (kept by the widget).
    scroll: usize,
    /// Wrap width of the last draw; 0 before the first.
    wrap: usize,
}

impl NoteEditor {
    /// An editor holding `initial` (an existing note, sanitised), cursor at the end.
    pub fn new(initial: &str) -> NoteEditor {
        let text = crate::document::sanitize(initial);
        NoteEditor {
            cursor: text.len(),
            original: text.clone(),
            text,
            goal: None,
            scroll: 0,
            wrap: 0,
        }
    }

    /// The text as it stands.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in [`NoteEditor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether the text differs from the one the editor opened with (to confirm a cancel).
    pub fn is_modified(&self) -> bool {
        self.text != self.original
    }

    /// Apply one input.
    pub fn handle(&mut self, input: EditorInput) -> EditorOutcome {
        let vertical = matches!(input, EditorInput::Up | EditorInput::Down);
        match input {
            EditorInput::Char(c) => self.insert(&c.to_string()),
            EditorInput::Newline => self.insert("\n"),
            EditorInput::Paste(s) => self.insert(&s),
            EditorInput::Backspace => {
                let start = self.prev_boundary(self.cursor);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            EditorInput::Delete => {
                let end = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..end, "");
            }
            EditorInput::DeleteWordLeft => {
                let start = self.word_left();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            EditorInput::Left => self.cursor = self.prev_boundary(self.cursor),
            EditorInput::Right => self.cursor = self.next_boundary(self.cursor),
            EditorInput::WordLeft => self.cursor = self.word_left(),
            EditorInput::WordRight => self.cursor = self.word_right(),
            EditorInput::Home => {
                self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
            }
            EditorInput::End => {
                self.cursor += self.text[self.cursor..]
                    .find('\n')
                    .unwrap_or(self.text.len() - self.cursor);
            }
            EditorInput::Up => self.vertical(-1),
            EditorInput::Down => self.vertical(1),
            EditorInput::Save => return EditorOutcome::Save(self.text.trim_end().to_string()),
            EditorInput::Cancel => return EditorOutcome::Cancel,
        }
        if !vertical {
            self.goal = None;
        }
        EditorOutcome::Continue
    }

    fn insert(&mut self, s: &str) {
        let clean = crate::document::sanitize(s);
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        // A combining mark typed before another can merge graphemes: stay on a boundary.
        if !self.is_boundary(self.cursor) {
            self.cursor = self.next_boundary(self.cursor);
        }
    }

    fn is_boundary(&self, i: usize) -> bool {
        i == self.text.len() || self.text.grapheme_indices(true).any(|(j, _)| j == i)
    }

    fn prev_boundary(&self, i: usize) -> usize {
        self.text[..i]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(j, _)| j)
    }

    fn next_boundary(&self, i: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(j, g)| j + g.len())
            .find(|&end| end > i)
            .unwrap_or(self.text.len())
    }

    fn word_left(&self) -> usize {
        let mut gs = self.text[..self.cursor]
            .grapheme_indices(true)
            .rev()
            .peekable();
        while gs.next_if(|(_, g)| !is_word(g)).is_some() {}
        let mut at = gs.peek().map_or(0, |&(j, g)| j + g.len());
        while let Some((j, _)) = gs.next_if(|(_, g)| is_word(g)) {
            at = j;
        }
        at
    }

    fn word_right(&self) -> usize {
        let rest = &self.text[self.cursor..];
        let mut gs = rest.grapheme_indices(true).peekable();
        while gs.next_if(|(_, g)| !is_word(g)).is_some() {}
        while gs.next_if(|(_, g)| is_word(g)).is_some() {}
        self.cursor + gs.peek().map_or(rest.len(), |&(j, _)| j)
    }

    fn vertical(&mut self, dir: isize) {
        let rows = wrap_rows(&self.text, self.wrap);
        let (row, col) = locate(&self.text, &rows, self.cursor);
        let goal = *self.goal.get_or_insert(col);
        let target = row as isize + dir;
        self.cursor = if target < 0 {
            0
        } else if target as usize >= rows.len() {
            self.text.len()
        } else {
            offset_at(&self.text, &rows, target as usize, goal)
        };
    }

    /// Fit the editor to a text area `text` (as `NoteEditorWidget::text_area` gives
    /// it): wrap at its width, and scroll so the cursor shows in its height.
    pub fn fit(&mut self, text: Rect) {
        self.wrap = wrap_width(text);
        let rows = wrap_rows(&self.text, self.wrap);
        let (row, _) = locate(&self.text, &rows, self.cursor);
        self.scroll = self.top(rows.len(), row, text.height as usize);
    }

    /// First visible row for a viewport of `height` rows, keeping the cursor in view.
    pub(crate) fn top(&self, rows: usize, cursor_row: usize, height: usize) -> usize {
        let mut top = self.scroll.min(rows.saturating_sub(height));
        if cursor_row < top {
            top = cursor_row;
        } else if cursor_row >= top + height {
            top = cursor_row + 1 - height;
        }
        top
    }
}

fn is_word(g: &str) -> bool {
    g.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The wrapping width in a text area: its width less the column kept for the cursor.
pub(crate) fn wrap_width(text: Rect) -> usize {
    (text.width as usize).saturating_sub(1).max(1)
}

/// The wrapped rows of `text` at `wrap` cells (0: no wrapping), as byte ranges without
/// the line breaks. Breaks go after the last whitespace of a row, or inside a word
/// longer than a row. One space may hang a column past `wrap`; a line ending in such a
/// space gets an empty last row, so that a cursor at the end of a line is always within
/// `wrap` columns.
pub(crate) fn wrap_rows(text: &str, wrap: usize) -> Vec<Range<usize>> {
    let wrap = if wrap == 0 { usize::MAX } else { wrap };
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut start = line_start;
        let mut used = 0;
        let mut last_break = None;
        for (i, g) in line.grapheme_indices(true) {
            let pos = line_start + i;
            let w = grapheme_width(g);
            let space = g.chars().all(char::is_whitespace);
            // One space may hang in the column kept for the cursor; a word may not.
            let room = if space { wrap.saturating_add(1) } else { wrap };
            while used + w > room && pos > start {
                let brk = last_break.filter(|&b| b > start && !space).unwrap_or(pos);
                rows.push(start..brk);
                used = display_width(&text[brk..pos]);
                start = brk;
                last_break = None;
            }
            used += w;
            if space {
                last_break = Some(pos + g.len());
            }
        }
        rows.push(start..line_start + line.len());
        if used > wrap {
            // A space hangs at the end of the line: the cursor after it goes on a new row.
            rows.push(line_start + line.len()..line_start + line.len());
        }
        line_start += line.len() + 1;
    }
    rows
}

/// Row and display column of byte offset `at`.
pub(crate) fn locate(text: &str, rows: &[Range<usize>], at: usize) -> (usize, usize) {
    let row = rows.iter().rposition(|r| r.start <= at).unwrap_or_default();
    let start = rows.get(row).map_or(0, |r| r.start);
    (row, display_width(&text[start..at.max(start)]))
}

/// The offset in `row` closest to display column `goal` (never past a soft wrap, which
/// would put the cursor on the next row).
fn offset_at(text: &str, rows: &[Range<usize>], row: usize, goal: usize) -> usize {
    let r = &rows[row];
    let soft = rows.get(row + 1).is_some_and(|n| n.start == r.end);
    let mut at = r.start;
    let mut col = 0;
    for (i, g) in text[r.clone()].grapheme_indices(true) {
        let w = grapheme_width(g);
        let end = r.start + i + g.len();
        if col + w > goal || (soft && end == r.end) {
            return at;
        }
        col += w;
        at = end;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use EditorInput::*;

    fn typed(s: &str) -> NoteEditor {
        let mut e = NoteEditor::new("");
        for c in s.chars() {
            e.handle(Char(c));
        }
        e
    }

    fn key(code: KeyCode, m: KeyModifiers) -> Option<EditorInput> {
        input_from_key(&KeyEvent::new(code, m))
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut e = typed("helo");
        e.handle(Left);
        e.handle(Char('l'));
        assert_eq!(e.text(), "hello");
        assert_eq!(e.cursor(), 4);
        e.handle(End);
        e.handle(Char('!'));
        assert_eq!(e.text(), "hello!");
        assert!(e.is_modified());
    }

    #[test]
    fn cursor_moves_over_whole_graphemes() {
        // é decomposed, a ZWJ family, a flag, CJK.
        let s = "e\u{301}👩‍👩‍👧🇫🇷日";
        let mut e = NoteEditor::new(s);
        let mut stops = vec![e.cursor()];
        for _ in 0..5 {
            e.handle(Left);
            stops.push(e.cursor());
        }
        let mut expect: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
        expect.push(s.len());
        expect.reverse();
        expect.push(0);
        assert_eq!(stops, expect);
        e.handle(Right);
        e.handle(Right);
        assert_eq!(&e.text()[..e.cursor()], "e\u{301}👩‍👩‍👧");
        e.handle(Backspace);
        assert_eq!(e.text(), "e\u{301}🇫🇷日");
        e.handle(Delete);
        assert_eq!(e.text(), "e\u{301}日");
        e.handle(Backspace);
        assert_eq!(e.text(), "日");
        assert_eq!(e.cursor(), 0);
        e.handle(Backspace);
        assert_eq!(e.text(), "日");
    }

    #[test]
    fn a_combining_mark_keeps_the_cursor_on_a_boundary() {
        let mut e = NoteEditor::new("\u{301}x");
        e.handle(Home);
        e.handle(Char('e'));
        assert_eq!(e.text(), "e\u{301}x");
        assert_eq!(e.cursor(), "e\u{301}".len());
    }

    #[test]
    fn backspace_at_line_start_joins_lines() {
        let mut e = NoteEditor::new("one\ntwo");
        e.handle(Home);
        assert_eq!(e.cursor(), 4);
        e.handle(Backspace);
        assert_eq!(e.text(), "onetwo");
        assert_eq!(e.cursor(), 3);
        e.handle(End);
        assert_eq!(e.cursor(), 6);
    }

    #[test]
    fn paste_inserts_lines_without_controls() {
        let mut e = typed("ab");
        e.handle(Left);
        e.handle(EditorInput::from_paste("x\r\ny\x1b[31m\tz\x07".to_string()));
        assert_eq!(e.text(), "ax\ny    zb");
        assert_eq!(e.cursor(), "ax\ny    z".len());
        e.handle(Paste("\u{1b}]52;c;eA==\u{7}q".into()));
        assert_eq!(e.text(), "ax\ny    zqb");
    }

    #[test]
    fn enter_saves_trimmed_and_esc_cancels() {
        let mut e = typed("note  ");
        e.handle(Newline);
        assert_eq!(e.handle(Save), EditorOutcome::Save("note".into()));
        assert_eq!(e.handle(Cancel), EditorOutcome::Cancel);
        assert!(!NoteEditor::new("same").is_modified());
    }

    #[test]
    fn keys_map_to_intents() {
        let none = KeyModifiers::NONE;
        assert_eq!(key(KeyCode::Enter, none), Some(Save));
        assert_eq!(key(KeyCode::Enter, KeyModifiers::ALT), Some(Newline));
        assert_eq!(key(KeyCode::Enter, KeyModifiers::SHIFT), Some(Newline));
        assert_eq!(key(KeyCode::Char('s'), KeyModifiers::CONTROL), Some(Save));
        assert_eq!(
            key(KeyCode::Char('j'), KeyModifiers::CONTROL),
            Some(Newline)
        );
        assert_eq!(key(KeyCode::Esc, none), Some(Cancel));
        assert_eq!(key(KeyCode::Left, KeyModifiers::CONTROL), Some(WordLeft));
        assert_eq!(key(KeyCode::Char('f'), KeyModifiers::ALT), Some(WordRight));
        assert_eq!(
            key(KeyCode::Char('É'), KeyModifiers::SHIFT),
            Some(Char('É'))
        );
        // AltGr (Ctrl+Alt) characters are text.
        assert_eq!(
            key(
                KeyCode::Char('@'),
                KeyModifiers::CONTROL | KeyModifiers::ALT
            ),
            Some(Char('@'))
        );
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
        assert_eq!(
            key(KeyCode::Char('h'), KeyModifiers::CONTROL),
            Some(Backspace)
        );
        assert_eq!(key(KeyCode::Char('a'), KeyModifiers::CONTROL), Some(Home));
        assert_eq!(key(KeyCode::F(1), none), None);
        let mut release = KeyEvent::new(KeyCode::Char('a'), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(input_from_key(&release), None);
    }

    #[test]
    fn alt_enter_then_typing_makes_two_lines() {
        let mut e = typed("first");
        e.handle(key(KeyCode::Enter, KeyModifiers::ALT).unwrap());
        e.handle(Char('2'));
        assert_eq!(e.text(), "first\n2");
        e.handle(Up);
        assert_eq!(e.cursor(), 1, "keeps the column");
        e.handle(Up);
        assert_eq!(e.cursor(), 0);
        e.handle(Down);
        e.handle(Down);
        assert_eq!(e.cursor(), e.text().len());
    }

    #[test]
    fn words_move_and_delete() {
        let mut e = NoteEditor::new("Putin's claim, verified?");
        e.handle(WordLeft);
        assert_eq!(&e.text()[e.cursor()..], "verified?");
        e.handle(WordLeft);
        e.handle(WordLeft);
        assert_eq!(&e.text()[e.cursor()..], "s claim, verified?");
        e.handle(WordRight);
        assert_eq!(&e.text()[e.cursor()..], " claim, verified?");
        e.handle(End);
        e.handle(DeleteWordLeft);
        assert_eq!(e.text(), "Putin's claim, ");
        e.handle(DeleteWordLeft);
        assert_eq!(e.text(), "Putin's ");
    }

    #[test]
    fn rows_wrap_at_words_and_split_long_words() {
        let t = "the quick brown fox\nabcdefghij";
        let rows: Vec<&str> = wrap_rows(t, 10).into_iter().map(|r| &t[r]).collect();
        assert_eq!(rows, ["the quick ", "brown fox", "abcdefghij"]);
        let rows: Vec<&str> = wrap_rows(t, 4).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            rows,
            ["the ", "quic", "k ", "brow", "n ", "fox", "abcd", "efgh", "ij"]
        );
        let cjk = "日本語のテキスト";
        let rows: Vec<&str> = wrap_rows(cjk, 5).into_iter().map(|r| &cjk[r]).collect();
        assert_eq!(rows, ["日本", "語の", "テキ", "スト"]);
        assert_eq!(wrap_rows("", 5), vec![0..0]);
        assert_eq!(wrap_rows("a\n", 5), vec![0..1, 2..2]);
    }

    #[test]
    fn regression_spaces_at_the_edge_keep_the_cursor_in_view() {
        let t = "aa    ";
        let rows = wrap_rows(t, 2);
        assert_eq!(rows, [0..3, 3..6, 6..6]);
        assert_eq!(locate(t, &rows, t.len()), (2, 0));
        let t = "ab c";
        assert_eq!(wrap_rows(t, 2), [0..3, 3..4]);
    }

    #[test]
    fn up_and_down_follow_wrapped_rows() {
        let mut e = NoteEditor::new("the quick brown fox");
        e.wrap = 10;
        e.handle(Home);
        e.handle(Down);
        assert_eq!(&e.text()[e.cursor()..], "brown fox");
        e.handle(End);
        e.handle(Up);
        // From column 9 of "brown fox" up to "the quick ", which wraps softly: the
        // cursor stays on that row, before its trailing space.
        assert_eq!(&e.text()[e.cursor()..], " brown fox");
    }

    proptest::proptest! {
        #[test]
        fn rows_tile_the_text_and_positions_round_trip(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "bc", " ", "  ", "\n", "日", "é", "e\u{301}", "👩‍👩‍👧", "🇫🇷"]),
                0..40,
            ),
            wrap in 2usize..12,
        ) {
            let text: String = parts.concat();
            let rows = wrap_rows(&text, wrap);
            // Rows tile the text: contiguous within a line, one `\n` between lines.
            proptest::prop_assert_eq!(rows[0].start, 0);
            proptest::prop_assert_eq!(rows.last().unwrap().end, text.len());
            for pair in rows.windows(2) {
                let gap = &text[pair[0].end..pair[1].start];
                proptest::prop_assert!(gap.is_empty() || gap == "\n", "gap {:?}", gap);
            }
            for r in &rows {
                proptest::prop_assert!(display_width(text[r.clone()].trim_end()) <= wrap);
                proptest::prop_assert!(display_width(&text[r.clone()]) <= wrap + 1);
            }
            // Every cursor position maps to a cell and back.
            let mut stops: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            stops.push(text.len());
            for p in stops {
                let (row, col) = locate(&text, &rows, p);
                proptest::prop_assert!(col <= wrap, "col {} at {}", col, p);
                proptest::prop_assert_eq!(offset_at(&text, &rows, row, col), p);
            }
        }
    }

    #[test]
    fn scroll_keeps_the_cursor_visible() {
        let mut e = NoteEditor::new("1\n2\n3\n4\n5\n6");
        assert_eq!(e.top(6, 5, 3), 3);
        e.scroll = 3;
        assert_eq!(e.top(6, 4, 3), 3);
        assert_eq!(e.top(6, 1, 3), 1);
        assert_eq!(e.top(2, 0, 3), 0);
    }
}
