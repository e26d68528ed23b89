//! Command-line tests: `lede analyze`, `lede export` and every kind of bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn lede() -> Command {
    let mut c = Command::cargo_bin("lede").expect("binary built");
    c.env("NO_COLOR", "1");
    c
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::File::create(&p)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write fixture");
    p.to_string_lossy().into_owned()
}

fn json_of(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON")
}

const ARTICLE: &str =
    "Markets fell on Monday\n\nShares in Acme Corp dropped 12 percent on 3 March 2024, \
the company said. Chief executive Jane Smith said the fall was caused by weak demand.\n";

#[test]
fn analyze_prints_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = lede()
        .args(["analyze", &f])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["schema"], 1);
    for key in [
        "id",
        "source",
        "title",
        "byline",
        "dct",
        "text",
        "sentences",
        "entities",
        "actors",
        "timexes",
        "timeline",
        "claims",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(v["title"], "Markets fell on Monday");
    // Offsets are code points into `text`.
    let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    for s in v["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(a < b && b <= text.len());
    }
}

#[test]
fn analyze_offsets_are_code_points() {
    let line =
        r#"{"id":"x","text":"Ж😀 In 2019 Anna Petrova said prices rose 5%.","dct":"2020-01-01"}"#;
    let out = lede()
        .args(["analyze", "--input", "jsonl", "--format", "jsonl", "-"])
        .write_stdin(line)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(out.trim_ascii_end());
    let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    let tx = &v["timexes"][0];
    let (a, b) = (
        tx["start"].as_u64().unwrap() as usize,
        tx["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[a..b].iter().collect::<String>(), "2019");
    assert_eq!(v["dct"], "2020-01-01");
}

#[test]
fn analyze_jsonl_keeps_input_order_and_reports_bad_lines() {
    let mut input = String::new();
    for i in 0..30 {
        input.push_str(&format!(
            "{{\"id\":\"doc{i}\",\"text\":\"Text number {i}.\",\"dct\":null}}\n"
        ));
    }
    input.push_str("not json\n");
    let assert = lede()
        .args(["analyze", "--input", "jsonl", "--format", "jsonl", "-"])
        .write_stdin(input)
        .assert();
    let out = assert
        .code(2)
        .stderr(predicate::str::contains("standard input").or(predicate::str::contains("-:31")))
        .get_output()
        .stdout
        .clone();
    let ids: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| json_of(l.as_bytes())["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, (0..30).map(|i| format!("doc{i}")).collect::<Vec<_>>());
}

#[test]
fn analyze_several_files_gives_an_array_and_continues_past_errors() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.txt", b"First document here.");
    let b = write(&dir, "b.md", b"# Second\n\nSecond *document*.");
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    let out = lede()
        .args(["analyze", &a, &missing, &b])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt: no such file"))
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[1]["title"], "Second");
    assert!(!arr[1]["text"].as_str().unwrap().contains('*'));
}

#[test]
fn date_flag_sets_dct() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = lede()
        .args(["analyze", "--date", "2024-03-05", &f])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["dct"], "2024-03-05");
    lede()
        .args(["analyze", "--date", "5 March", &f])
        .assert()
        .failure()
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

fn one_line_error(args: &[&str], needle: &str) {
    let out = lede().args(args).assert().failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err:?}"
    );
    assert!(err.contains(needle), "{err:?} should contain {needle:?}");
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout (terminal untouched)"
    );
}

#[test]
fn missing_file_is_a_one_line_error() {
    one_line_error(
        &["/nonexistent/article.txt"],
        "/nonexistent/article.txt: no such file",
    );
}

#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().into_owned();
    one_line_error(&[&d], "is a directory");
}

#[test]
fn binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "x.bin",
        &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3, 0, 0],
    );
    one_line_error(&[&f], "x.bin: looks like a binary file");
}

#[test]
fn empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "empty.txt", b"  \n\n ");
    one_line_error(&[&f], "empty.txt: the document is empty");
}

#[test]
fn huge_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(lede::io::MAX_BYTES + 1).unwrap(); // sparse: no disk used
    one_line_error(&[p.to_str().unwrap()], "huge.txt: too large");
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "latin1.txt", b"Caf\xe9 society met in Paris.");
    let out = lede()
        .args(["analyze", &f])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["text"], "Caf\u{FFFD} society met in Paris.");
}

#[test]
fn escape_sequences_never_reach_the_output_text() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "evil.txt",
        b"Title\x1b]0;pwned\x07 here\n\nBody \x1b[2J text \x1b]52;c;aGk=\x07 ends.",
    );
    let out = lede()
        .args(["analyze", &f])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = json_of(&out)["text"].as_str().unwrap().to_string();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(!text.contains("pwned") && !text.contains("aGk="));
}

#[test]
fn export_markdown_has_front_matter_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = lede()
        .args(["export", &f, "--date", "2024-03-04"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with("---\ntitle: \"Markets fell on Monday\"\n"),
        "{md}"
    );
    assert!(md.contains("\ndate: 2024-03-04\n"));
    assert!(md.contains("\nexported: "));
    for h in ["## Claims", "## Actors", "## Timeline"] {
        assert!(md.contains(h), "missing {h}");
    }
    assert!(md.contains("\n> "), "claims are block quotes");
}

#[test]
fn export_json_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = dir.path().join("out.json");
    lede()
        .args([
            "export",
            &f,
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["schema"], 1);
}

#[test]
fn help_documents_every_command() {
    lede()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("analyze").and(predicate::str::contains("export")));
    lede()
        .args(["analyze", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--input"));
    lede()
        .args(["export", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--format"));
}

#[test]
fn a_missing_jsonl_corpus_is_one_failed_input() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.jsonl", br#"{"id":"a","text":"Hello there."}"#);
    let missing = dir.path().join("gone.jsonl").to_string_lossy().into_owned();
    let out = lede()
        .args([
            "analyze", "--input", "jsonl", "--format", "jsonl", &missing, &good,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gone.jsonl: no such file"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
}

#[test]
fn json_shape_follows_the_inputs_not_the_failures() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.txt", b"First document here.");
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    let out = lede()
        .args(["analyze", &a, &missing])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        json_of(&out).as_array().map(Vec::len),
        Some(1),
        "several inputs: an array"
    );
}

/// Like less: into a pipe or a file goes the reading text, without a single escape code.
#[test]
fn reading_into_a_pipe_prints_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "page.html",
        b"<html><head><title>Page title</title></head><body><nav>Menu</nav>\
<article><h1>Page title</h1><p>First paragraph of the page, long enough to be the body of an article and kept.</p>\
<p>Second paragraph, also long enough to be read as part of the main content here.</p></article></body></html>",
    );
    let out = lede().arg(&f).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no escape code: {text:?}");
    assert!(text.contains("First paragraph of the page"), "{text}");
    assert!(text.contains("\n\nSecond paragraph"), "{text}");
    // The sample too.
    let out = lede().output().unwrap();
    assert!(out.status.success());
    let sample = include_str!("../assets/sample.txt");
    let first = sample
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap()
        .trim();
    assert!(String::from_utf8_lossy(&out.stdout).contains(first));
}

// Endless sources: the size cap holds while reading, whatever the file system says the
// size is (0 for devices and FIFOs). `LEDE_MAX_BYTES` lowers the cap so the tests stay small.

#[test]
fn dev_zero_is_refused_at_the_cap_while_reading() {
    one_line_error(
        &["/dev/zero"],
        "/dev/zero: too large (more than 33554432 bytes",
    );
    let out = lede()
        .env("LEDE_MAX_BYTES", "4096")
        .args(["analyze", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/dev/zero: too large (more than 4096 bytes"),
        "{err}"
    );
}

#[test]
fn dev_urandom_is_refused_at_the_cap_while_reading() {
    let out = lede()
        .env("LEDE_MAX_BYTES", "10000")
        .arg("/dev/urandom")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("/dev/urandom: too large"), "{err}");
}

/// Feed `writer` bytes of text without end until the reader goes away.
fn endless_text(mut w: impl std::io::Write) {
    let chunk = "words without end ".repeat(512);
    while w.write_all(chunk.as_bytes()).is_ok() {}
}

#[test]
fn an_endless_fifo_is_refused_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        endless_text(std::fs::OpenOptions::new().write(true).open(path).unwrap())
    });
    let out = lede()
        .env("LEDE_MAX_BYTES", "100000")
        .arg(fifo.to_str().unwrap())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("endless.txt: too large (more than 100000 bytes"),
        "{err}"
    );
    writer.join().unwrap();
}

#[test]
fn endless_standard_input_is_refused_at_the_cap() {
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("lede"))
        .env("LEDE_MAX_BYTES", "100000")
        .args(["analyze", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || endless_text(stdin));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("standard input: too large (more than 100000 bytes"),
        "{err}"
    );
}

#[test]
fn the_size_cap_variable_only_lowers_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    lede()
        .env("LEDE_MAX_BYTES", "99999999999")
        .arg(&f)
        .assert()
        .success();
    let out = lede()
        .env("LEDE_MAX_BYTES", "99999999999")
        .arg("/dev/zero")
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("lede opens documents up to 33554432 bytes"),
        "{err}"
    );
    let out = lede()
        .env("LEDE_MAX_BYTES", "20")
        .arg(&f)
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("{f}: too large ({} bytes;", ARTICLE.len())),
        "{err}"
    );
}
