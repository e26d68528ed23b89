//! End to end: the built `lede` in a pseudo-terminal, its output fed to a vt100 screen.
//! Waits for stable screens (two identical reads) under a timeout
//! (`LEDE_PTY_TIMEOUT` seconds, default 30), never for fixed delays.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    raw: Vec<u8>,
    parser: vt100::Parser,
}

fn timeout() -> Duration {
    let secs = std::env::var("LEDE_PTY_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    fn start(cols: u16, rows: u16, dir: &Path, env: &[(&str, &str)]) -> Pty {
        Pty::start_with(cols, rows, dir, env, &[])
    }

    fn start_with(cols: u16, rows: u16, dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", dir); // no user key map
        cmd.env("LEDE_DATA_DIR", dir.join("data")); // no notes of the user's
        cmd.env("LEDE_LOG_FILE", dir.join("lede.log")); // nor their log
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn lede");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, output) = mpsc::channel();
        // Drain the output on a thread so the child never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            master: pair.master,
            writer,
            child,
            output,
            raw: Vec::new(),
            parser: vt100::Parser::new(rows, cols, 0),
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    /// Wait until the screen satisfies `ok` and reads the same twice in a row.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout();
        let mut last = String::new();
        loop {
            self.pump(Duration::from_millis(100));
            let now = self.parser.screen().contents();
            if ok(&now) && now == last {
                return now;
            }
            last = now;
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{last}"
            );
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("resize");
        self.parser.set_size(rows, cols);
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout();
        loop {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Collect what is left of the output.
                self.pump(Duration::from_millis(200));
                return status;
            }
            assert!(Instant::now() < deadline, "lede did not exit");
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn line(screen: &str, n: usize) -> String {
    screen.lines().nth(n).unwrap_or("").to_string()
}

#[test]
fn reads_walks_claims_helps_resizes_and_quits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut t = Pty::start(100, 30, dir.path(), &[]);
    let s = t.wait_for("the sample with its claims", |s| {
        s.contains("What caused the security failure") && s.contains("claim -/")
    });
    assert!(s.contains("Claims"), "{s}");

    t.send("]");
    t.wait_for("the first claim", |s| s.contains("claim 1/"));

    t.send("?");
    let s = t.wait_for("the help", |s| {
        s.contains("Keys and legend (? or Esc closes)")
    });
    assert!(s.contains("next claim"));
    t.send("?");
    t.wait_for("the help to close", |s| !s.contains("Keys and legend"));

    t.resize(60, 20);
    let s = t.wait_for("the narrow layout", |s| {
        s.lines().count() <= 20
            && line(s, 19).contains("sample.txt")
            && line(s, 0).chars().count() <= 60
    });
    assert!(s.contains("Claims"), "panels still shown:\n{s}");

    t.send("/security\r");
    t.wait_for("search matches", |s| s.contains("match 1/"));
    t.send("n");
    t.wait_for("the next match", |s| s.contains("match 2/"));

    t.resize(120, 40);
    t.wait_for("the wide layout", |s| line(s, 39).contains("sample.txt"));

    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = String::from_utf8_lossy(&t.raw);
    assert!(raw.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(raw.contains("\x1b[?1000l"), "mouse capture off");
    assert!(raw.contains("\x1b[38;5;"), "colours without NO_COLOR");
}

#[test]
fn exports_markdown_to_the_current_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut t = Pty::start(80, 24, dir.path(), &[("NO_COLOR", "1")]);
    t.wait_for("the analysis", |s| s.contains("claim -/"));
    t.send("e");
    let s = t.wait_for("the export message", |s| s.contains("exported to"));
    assert!(s.contains("sample.lede.md"), "{s}");
    let md = std::fs::read_to_string(dir.path().join("sample.lede.md")).expect("export written");
    assert!(md.starts_with("---\n") && md.contains("## Claims"));
    t.send("\x03"); // Ctrl-C quits too
    assert!(t.wait_exit().success());
    // NO_COLOR: no colour sequences at all (crossterm writes colours as 38;5;n / 48;5;n).
    let raw = String::from_utf8_lossy(&t.raw);
    for sgr in ["\x1b[38;5;", "\x1b[48;5;", "\x1b[38;2;", "\x1b[48;2;"] {
        assert!(!raw.contains(sgr), "colour {sgr:?} with NO_COLOR");
    }
}

#[test]
fn marks_and_notes_last_across_runs_and_reach_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("lede-data");
    let data_s = data.display().to_string();
    let file = dir.path().join("article.txt");
    std::fs::write(&file, include_str!("../assets/sample.txt")).expect("copy the sample");
    let file_s = file.display().to_string();
    let env = [("NO_COLOR", "1"), ("LEDE_DATA_DIR", data_s.as_str())];

    let mut t = Pty::start_with(100, 30, dir.path(), &env, &[&file_s]);
    t.wait_for("the analysis", |s| s.contains("claim -/"));
    t.send("]");
    t.wait_for("the first claim", |s| s.contains("claim 1/"));
    t.send("m");
    t.wait_for("the first mark", |s| s.contains("needs a source"));
    t.send("m");
    t.wait_for("the second mark", |s| s.contains("claim 1: supported"));
    t.send("a");
    t.wait_for("the note editor", |s| s.contains("Note on claim 1"));
    t.send("Two sources agree");
    t.wait_for("the typed note", |s| s.contains("Two sources agree"));
    // A bracketed paste with a line break does not save early.
    t.send("\x1b[200~ on\nthe toll\x1b[201~");
    t.wait_for("the pasted text", |s| s.contains("the toll"));
    t.send("\r");
    t.wait_for("the saved note", |s| s.contains("note saved"));
    t.send("q");
    assert!(t.wait_exit().success());
    let raw = String::from_utf8_lossy(&t.raw);
    assert!(
        raw.contains("\x1b[?2004h") && raw.contains("\x1b[?2004l"),
        "bracketed paste on and off"
    );

    let notes: Vec<_> = std::fs::read_dir(data.join("notes"))
        .expect("notes directory")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(notes.len(), 1, "one notes file");

    let mut t = Pty::start_with(100, 30, dir.path(), &env, &[&file_s]);
    // The claim selected when it was left is selected again.
    let s = t.wait_for("the marks again", |s| {
        s.contains("claim 1/") && s.contains("✎")
    });
    assert!(s.contains("✓"), "the status badge:\n{s}");
    t.send("o");
    let s = t.wait_for("the notes list", |s| s.contains("Notes 1"));
    assert!(s.contains("Two sources agree"), "{s}");
    t.send("q");
    t.wait_for("the list to close", |s| !s.contains("Notes 1"));
    t.send("q");
    assert!(t.wait_exit().success());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["export", &file_s, "--format", "md"])
        .env("LEDE_DATA_DIR", &data)
        .output()
        .expect("run lede export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("Two sources agree"), "{md}");
    assert!(md.contains("the toll"), "{md}");
    assert!(md.to_lowercase().contains("supported"), "{md}");
}

/// A long document left at its end reopens at its end, says so, and `--top` starts at
/// the top again.
#[test]
fn a_book_reopens_where_it_was_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("book.txt");
    let mut text = String::from("A long book\n\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "Paragraph {i} of the long book goes on for a while, so that the book is long.\n\n"
        ));
    }
    text.push_str("The very last line of the book.\n");
    std::fs::write(&book, &text).expect("write");
    let path = book.to_str().expect("path");

    let mut t = Pty::start_with(80, 24, dir.path(), &[], &[path]);
    t.wait_for("the start of the book", |s| s.contains("Paragraph 0 of"));
    t.send("G");
    t.wait_for("the end", |s| {
        s.contains("The very last line") && s.contains("100%")
    });
    t.send("q");
    assert!(t.wait_exit().success());

    let mut t = Pty::start_with(80, 24, dir.path(), &[], &[path]);
    let s = t.wait_for("the end again", |s| s.contains("The very last line"));
    assert!(s.contains("back where you left it, at 100%"), "{s}");
    t.send("q");
    assert!(t.wait_exit().success());

    let mut t = Pty::start_with(80, 24, dir.path(), &[], &["--top", path]);
    let s = t.wait_for("the start", |s| s.contains("Paragraph 0 of"));
    assert!(!s.contains("back where you left it"), "{s}");
    t.send("q");
    assert!(t.wait_exit().success());
}

#[test]
fn opens_two_documents_switches_lines_them_up_and_quits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = "Ferry service to Orla suspended\n\nThe ferry to Orla will not sail until Friday, \
the harbour master said. Waves of four metres were reported near the island.\n";
    let b = "Orla cut off by the sea\n\nNo ferry will sail to Orla before Friday, the harbour \
master told reporters. Islanders bought bread and milk in the only shop.\n";
    std::fs::write(dir.path().join("a.txt"), a).expect("write a");
    std::fs::write(dir.path().join("b.txt"), b).expect("write b");
    let mut t = Pty::start_with(
        100,
        30,
        dir.path(),
        &[("NO_COLOR", "1")],
        &["a.txt", "b.txt", "a.txt", "gone.txt"],
    );
    let s = t.wait_for("the bar and the first document", |s| {
        // Ready (analysed) tabs carry no loading mark.
        line(s, 0).contains("1 Ferry service") && line(s, 0).contains("2 Orla cut off")
    });
    assert!(line(s.as_str(), 0).contains("2 Orla cut off"), "{s}");
    assert!(
        line(s.as_str(), 0).contains("✗"),
        "the missing file is marked: {s}"
    );
    assert!(
        !line(s.as_str(), 0).contains("4 "),
        "a.txt twice opens once: {s}"
    );
    t.send("gt");
    t.wait_for("the second document", |s| {
        s.contains("Islanders bought bread")
    });
    t.send("\x1b1");
    t.wait_for("Alt-1: the first again", |s| {
        s.contains("Waves of four metres")
    });
    t.send("C");
    let s = t.wait_for("the coverage view", |s| {
        s.contains("Coverage · 2 documents") && s.contains("Shared claims")
    });
    assert!(s.contains("D1") && s.contains("D2"), "{s}");
    t.send("C");
    t.wait_for("back to the document", |s| !s.contains("Coverage ·"));
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let raw = String::from_utf8_lossy(&t.raw);
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
}
