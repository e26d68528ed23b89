//! The state of the small menu to pick a claim's status (drawn by
//! [`crate::tui::view::status_menu`]).
//!
//! [`StatusMenu`] lists the six
//! statuses with the current one selected, for readers who prefer choosing to cycling
//! with `m`. Input is a small [`MenuInput`] enum; [`menu_input_from_key`] maps keys.

use crate::notes::Status;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The status picker's state: which status is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusMenu {
    /// Index into [`Status::ALL`] of the highlighted status.
    pub(crate) selected: usize,
}

/// What the user asked of the status menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuInput {
    /// Highlight the previous status.
    Up,
    /// Highlight the next status.
    Down,
    /// Choose the status at this index of [`Status::ALL`] directly (keys `1`–`6`).
    Pick(usize),
    /// Choose the highlighted status.
    Confirm,
    /// Close without changing anything.
    Cancel,
}

/// The result of one [`MenuInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuOutcome {
    /// Keep the menu open.
    Continue,
    /// Set the claim to this status and close.
    Chosen(Status),
    /// Close without change.
    Cancel,
}

/// Map a key to a [`MenuInput`]: `j`/`k`/arrows move, `1`–`6` pick, Enter/space confirm,
/// Esc/`q` cancel. Only key presses count.
pub fn menu_input_from_key(key: &KeyEvent) -> Option<MenuInput> {
    if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => MenuInput::Up,
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => MenuInput::Down,
        KeyCode::Char(c @ '1'..='6') => MenuInput::Pick(c as usize - '1' as usize),
        KeyCode::Enter | KeyCode::Char(' ') => MenuInput::Confirm,
        KeyCode::Esc | KeyCode::Char('q') => MenuInput::Cancel,
        _ => return None,
    })
}

impl StatusMenu {
    /// A menu with `current` highlighted.
    pub fn new(current: Status) -> StatusMenu {
        StatusMenu {
            selected: Status::ALL.iter().position(|&s| s == current).unwrap_or(0),
        }
    }

    /// The highlighted status.
    pub fn selected(&self) -> Status {
        Status::ALL[self.selected]
    }

    /// Apply one input.
    pub fn handle(&mut self, input: MenuInput) -> MenuOutcome {
        let n = Status::ALL.len();
        match input {
            MenuInput::Up => self.selected = (self.selected + n - 1) % n,
            MenuInput::Down => self.selected = (self.selected + 1) % n,
            MenuInput::Pick(i) if i < n => return MenuOutcome::Chosen(Status::ALL[i]),
            MenuInput::Pick(_) => {}
            MenuInput::Confirm => return MenuOutcome::Chosen(self.selected()),
            MenuInput::Cancel => return MenuOutcome::Cancel,
        }
        MenuOutcome::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_moves_wraps_and_picks() {
        let mut m = StatusMenu::new(Status::Disputed);
        assert_eq!(m.selected(), Status::Disputed);
        assert_eq!(m.handle(MenuInput::Down), MenuOutcome::Continue);
        assert_eq!(m.handle(MenuInput::Down), MenuOutcome::Continue);
        assert_eq!(m.selected(), Status::NotAClaim);
        m.handle(MenuInput::Down);
        assert_eq!(m.selected(), Status::Unreviewed);
        m.handle(MenuInput::Up);
        assert_eq!(
            m.handle(MenuInput::Confirm),
            MenuOutcome::Chosen(Status::NotAClaim)
        );
        assert_eq!(
            m.handle(MenuInput::Pick(2)),
            MenuOutcome::Chosen(Status::Supported)
        );
        assert_eq!(m.handle(MenuInput::Pick(9)), MenuOutcome::Continue);
        assert_eq!(m.handle(MenuInput::Cancel), MenuOutcome::Cancel);
    }

    #[test]
    fn keys_map_to_menu_inputs() {
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            menu_input_from_key(&k(KeyCode::Char('3'))),
            Some(MenuInput::Pick(2))
        );
        assert_eq!(
            menu_input_from_key(&k(KeyCode::Esc)),
            Some(MenuInput::Cancel)
        );
        assert_eq!(menu_input_from_key(&k(KeyCode::Char('7'))), None);
        let mut release = k(KeyCode::Enter);
        release.kind = KeyEventKind::Release;
        assert_eq!(menu_input_from_key(&release), None);
    }
}
