//! Terminal setup and restore. Raw mode, the alternate screen, mouse capture and
//! bracketed paste are undone on every path: by a Drop guard on return or error, and by
//! a chained panic hook on a panic of the reader's thread (a worker's panic is reported
//! on its channel instead, and must not tear the screen down).

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout, Write};
use std::sync::OnceLock;
use std::thread::ThreadId;

/// The terminal in reader mode; restores it when dropped.
pub struct TerminalGuard {
    /// The ratatui terminal.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Enter reader mode (raw, alternate screen, mouse capture, bracketed paste) and install the panic hook.
pub fn init() -> io::Result<TerminalGuard> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = crossterm::execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    ) {
        restore();
        return Err(e);
    }
    let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    Ok(TerminalGuard { terminal })
}

/// Leave reader mode. Safe to call more than once; errors are ignored (there is
/// nowhere left to report them).
pub fn restore() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let ui = std::thread::current().id();
    if UI_THREAD.set(ui).is_err() {
        return; // already installed
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if UI_THREAD.get() == Some(&std::thread::current().id()) {
            restore();
            previous(info);
        }
        // Other threads: workers catch their panics and report them on the channel.
    }));
}
