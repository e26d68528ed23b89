//! Command-line tests: `lede analyze`, `lede export`, `lede compare` and every kind of
//! bad input.

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

/// The path of `name` in `dir` (which need not exist).
fn path_in(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_string_lossy().into_owned()
}

/// Standard output of a successful `lede ARGS`.
fn stdout_of(args: &[&str]) -> Vec<u8> {
    lede()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

const ARTICLE: &str =
    "Markets fell on Monday\n\nShares in Acme Corp dropped 12 percent on 3 March 2024, \
the company said. Chief executive Jane Smith said the fall was caused by weak demand.\n";

#[test]
fn analyze_prints_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = stdout_of(&["analyze", &f]);
    let v = json_of(&out);
    assert_eq!(v["schema"], 5);
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
        "attributions",
        "genre",
        "narration",
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
    let missing = path_in(&dir, "missing.txt");
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
    let out = stdout_of(&["analyze", "--date", "2024-03-05", &f]);
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
    let out = stdout_of(&["analyze", &f]);
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
    let out = stdout_of(&["analyze", &f]);
    let text = json_of(&out)["text"].as_str().unwrap().to_string();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(!text.contains("pwned") && !text.contains("aGk="));
}

#[test]
fn export_markdown_has_front_matter_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let out = stdout_of(&["export", &f, "--date", "2024-03-04"]);
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
    assert_eq!(v["schema"], 5);
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
    let missing = path_in(&dir, "missing.txt");
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
    assert!(
        text.starts_with("Page title\n\nFirst paragraph of the page"),
        "the title heads the text: {text}"
    );
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

#[test]
fn completions_for_every_shell_name_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef lede"),
        ("fish", "complete -c lede"),
        ("elvish", "edit:completion:arg-completer[lede]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = lede().args(["completions", shell]).assert().success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(text.contains(marker), "{shell}: {marker} missing");
        for word in ["analyze", "export", "notes", "recover", "format"] {
            assert!(text.contains(word), "{shell}: {word} missing");
        }
    }
    lede()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn the_manual_page_is_roff_from_the_same_definitions() {
    let out = lede().arg("man").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains(".TH lede 1"), "{text:.300}");
    for word in ["analyze", "export", "completions", "\\-\\-date"] {
        assert!(text.contains(word), "{word} missing");
    }
}

/// The property GNU parallel `--pipe --keep-order` and Spark's `rdd.pipe` rely on: the
/// JSON-lines analysis of a corpus cut into any chunks of whole lines, run chunk by chunk
/// and concatenated, is byte for byte the output of one run (a bad line is reported and
/// skipped wherever it falls).
#[test]
fn chunked_jsonl_analysis_concatenated_equals_one_run() {
    let docs = [
        r#"{"id":"d1","text":"The council said on Tuesday that the bridge will reopen next month.","dct":"2024-04-02"}"#,
        r#"{"id":"d2","text":"Shares in Northwind rose 8 percent after the firm reported record sales, analysts said."}"#,
        r#"not a JSON line"#,
        r#"{"id":"d3","text":"Mayor Ruth Okafor told reporters the budget would not cover repairs. Critics disagreed.","dct":"2023-11-20"}"#,
        r#"{"id":"d4","text":"Rain is expected to last until Friday, forecasters said.\n\nRoads near the coast may flood."}"#,
        r#"{"id":"d5","text":"Ünïcödé tëxt, 東京 and emoji 👍🏽 keep their code-point offsets, the editor said."}"#,
        r#"{"id":"d6"}"#,
        r#"{"id":"d7","text":"Officials denied the report on 3 March 2024, saying no decision had been made."}"#,
    ];
    let run = |lines: &[&str]| {
        let input = lines.iter().map(|l| format!("{l}\n")).collect::<String>();
        let out = lede()
            .args(["analyze", "--input", "jsonl", "--format", "jsonl", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        (out.stdout, String::from_utf8(out.stderr).unwrap())
    };
    let (whole, whole_err) = run(&docs);
    assert_eq!(
        String::from_utf8_lossy(&whole).lines().count(),
        6,
        "six good lines in, six out"
    );
    assert_eq!(
        whole_err.lines().count(),
        2,
        "two bad lines reported: {whole_err}"
    );
    for cuts in [
        vec![1, 2, 3, 4, 5, 6, 7],
        vec![3],
        vec![2, 5],
        vec![4, 7],
        vec![6],
    ] {
        let mut joined = Vec::new();
        let mut reported = 0;
        let mut start = 0;
        for end in cuts.iter().copied().chain([docs.len()]) {
            let (out, err) = run(&docs[start..end]);
            joined.extend(out);
            reported += err.lines().count();
            start = end;
        }
        assert_eq!(joined, whole, "cut at {cuts:?}");
        assert_eq!(reported, 2, "cut at {cuts:?}");
    }
}

// Escape injection: whatever a document, a file name, a note or a server holds, no control,
// C1 or bidi character leaves lede (standard output, standard error, exports, JSON) except
// as a JSON `\uXXXX` escape.

/// Terminal attacks of each kind: titles (OSC 0, OSC 2), the clipboard (OSC 52), cursor
/// moves (CSI), DCS, C1 controls, DEL, bidi overrides and isolates.
const PAYLOADS: &[&str] = &[
    "\u{1b}]0;owned title\u{7}",
    "\u{1b}]2;other title\u{1b}\\",
    "\u{1b}]52;c;SGVsbG8gd29ybGQ=\u{7}",
    "\u{1b}[2J\u{1b}[H\u{1b}[31m",
    "\u{1b}P1$qm\u{1b}\\",
    "\u{9b}31m\u{9d}0;c1 title\u{9c}",
    "\u{7f}",
    "\u{202e}desrever\u{202c}",
    "\u{2066}isolate\u{2069}",
];

/// Markdown numeric references decoding to the same characters.
const REFERENCES: &str = "&#27;]0;title&#7; &#x9b;2J &#x202e;rev &#x7f; &#x85; &#155;";

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| lede::document::is_unsafe_char(c))
    {
        panic!(
            "{what}: U+{:04X} at byte {i} in {:?}",
            c as u32,
            &text[i.saturating_sub(40)..(i + 40).min(text.len())]
        );
    }
}

fn evil_text() -> String {
    let mut s = String::from("Hostile page\n\n");
    for p in PAYLOADS {
        s.push_str(&format!(
            "The minister said{p} the plan would go ahead, officials added.\n\n"
        ));
    }
    s
}

fn run_everywhere(dir: &tempfile::TempDir, file: &str, label: &str) {
    let data = dir.path().join("data");
    let cases: Vec<Vec<&str>> = vec![
        vec![file],
        vec!["analyze", file],
        vec!["analyze", "--format", "jsonl", file],
        vec!["export", file, "--format", "md"],
        vec!["export", file, "--format", "json"],
        vec!["export", file, "--format", "webanno"],
    ];
    for args in cases {
        let out = lede()
            .env("LEDE_DATA_DIR", &data)
            .args(&args)
            .output()
            .unwrap();
        let what = format!("{label}: lede {}", args.join(" "));
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&format!("{what} (stdout)"), &out.stdout);
        assert_clean(&format!("{what} (stderr)"), &out.stderr);
    }
}

#[test]
fn escapes_in_plain_text_markdown_and_html_never_leave_lede() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(&dir, "evil.txt", evil_text().as_bytes());
    run_everywhere(&dir, &plain, "plain text");
    let md = format!(
        "# Hostile {REFERENCES}\n\n{}\n\nNumeric references: {REFERENCES}, \
        the minister said.\n\n[a link](https://example.org/&#27;]0;x&#7;) and `code &#x9b;`.\n",
        evil_text()
    );
    let md = write(&dir, "evil.md", md.as_bytes());
    run_everywhere(&dir, &md, "markdown");
    let p = PAYLOADS.join(" ");
    let html = format!(
        "<!DOCTYPE html><html><head><title>Title {p} &#27;]0;x&#7;</title>\
         <meta name=\"author\" content=\"Ann {p} &#x202e;Lee\">\
         <meta property=\"og:site_name\" content=\"Site {p} &#x9b;\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"H \\u001b]0;x\\u0007\",\
         \"author\":{{\"name\":\"J \\u202e\\u009b\"}},\"datePublished\":\"2024-03-01\"}}</script></head>\
         <body><article><h1>Head {p}</h1><p>The minister said {p} and &#27;]0;t&#7; and \
         &#x202e; that the plan would go ahead, officials added on Monday.</p>\
         <p><a href=\"https://example.org/\u{1b}]0;x\u{7}\">link {p}</a> and more text \
         about the plan, which critics disputed at length.</p></article></body></html>"
    );
    let html = write(&dir, "evil.html", html.as_bytes());
    run_everywhere(&dir, &html, "html");
}

#[test]
fn escapes_in_file_names_and_error_messages_never_reach_stderr_raw() {
    let dir = tempfile::tempdir().unwrap();
    for p in PAYLOADS {
        let missing = dir.path().join(format!("gone{p}.txt"));
        let missing = missing.to_str().unwrap();
        for args in [
            vec![missing],
            vec!["analyze", missing],
            vec!["export", missing],
        ] {
            let out = lede().args(&args).output().unwrap();
            assert!(!out.status.success());
            assert_clean(&format!("missing {p:?}"), &out.stderr);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
            assert!(err.contains("no such file"), "{err}");
        }
        // An existing file so named: its name goes into the JSON escaped.
        let name = format!("named{}.txt", p.replace('/', ""));
        let f = write(&dir, &name, ARTICLE.as_bytes());
        let out = lede().args(["analyze", &f]).output().unwrap();
        assert!(out.status.success());
        assert_clean(&format!("file named {p:?}"), &out.stdout);
        let v = json_of(&out.stdout);
        assert_eq!(v["source"], f.as_str(), "the name survives as JSON escapes");
    }
    let out = lede()
        .args(["analyze", "--input", "jsonl", "-"])
        .write_stdin("{\"id\":\"x\\u001b]0;t\\u0007\",\"text\":\"Plain words \u{9b}2J \u{202e}here.\"}\nnot json \u{1b}[2J\n")
        .output()
        .unwrap();
    assert_clean("jsonl stdout", &out.stdout);
    assert_clean("jsonl stderr", &out.stderr);
    let v = json_of(&out.stdout);
    let v = if v.is_array() { v[0].clone() } else { v };
    assert_eq!(v["id"], "x\u{1b}]0;t\u{7}", "kept as escapes, not lost");
}

#[test]
fn escapes_in_stored_notes_never_reach_the_exports_raw() {
    use lede::io::notes_store::{doc_key, NotesStore};
    use lede::notes::Target;
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let doc = lede::io::open(&f).unwrap();
    let store = NotesStore::at(dir.path().join("data"));
    let mut notes = store
        .load(&doc_key(&f, &doc.text), &doc.text)
        .unwrap()
        .notes;
    let at = doc.text.find("Shares").unwrap();
    notes.set_note(
        &doc.text,
        Target::Passage(at..at + 6),
        &format!("checked {}", PAYLOADS.join(" ")),
        "2024-05-01T10:00:00.000Z",
    );
    store.save(&mut notes).unwrap();
    run_everywhere(&dir, &f, "stored note");
}

#[test]
fn output_to_a_file_with_hard_links_writes_it_in_place_and_says_so() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    let memo = dir.path().join("memo.md");
    std::fs::write(&memo, "an old memo").unwrap();
    std::fs::set_permissions(&memo, std::fs::Permissions::from_mode(0o664)).unwrap();
    let vault = dir.path().join("vault.md");
    std::fs::hard_link(&memo, &vault).unwrap();
    let out = lede()
        .env("LEDE_DATA_DIR", dir.path().join("data"))
        .args(["export", &f, "--output", memo.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("memo.md has 2 hard links: writing it in place"),
        "{err}"
    );
    let written = std::fs::read_to_string(&vault).unwrap();
    assert!(written.contains("## Claims"), "the other name shows it");
    assert_eq!(written, std::fs::read_to_string(&memo).unwrap());
    let (m, v) = (
        std::fs::metadata(&memo).unwrap(),
        std::fs::metadata(&vault).unwrap(),
    );
    assert_eq!((m.ino(), m.nlink()), (v.ino(), 2), "still one file");
    assert_eq!(m.permissions().mode() & 0o777, 0o664);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    left.sort();
    assert!(left.is_empty(), "no backup copy left: {left:?}");
}

#[test]
fn output_writes_only_regular_files_and_keeps_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.txt", ARTICLE.as_bytes());
    // A device is refused, and left alone.
    let out = lede()
        .args(["export", &f, "--output", "/dev/null"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/null: not a regular file (a device)"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // So is a FIFO, and a link to a device.
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    lede()
        .args(["export", &f, "--output", fifo.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a regular file (a FIFO)"));
    let to_dev = dir.path().join("to-null");
    std::os::unix::fs::symlink("/dev/null", &to_dev).unwrap();
    lede()
        .args(["export", &f, "--output", to_dev.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("a symbolic link to /dev/null"));
    // An existing file keeps its mode.
    let memo = dir.path().join("memo.md");
    std::fs::write(&memo, "old").unwrap();
    std::fs::set_permissions(&memo, std::fs::Permissions::from_mode(0o640)).unwrap();
    lede()
        .args(["export", &f, "--output", memo.to_str().unwrap()])
        .assert()
        .success();
    let mode = std::fs::metadata(&memo).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(std::fs::read_to_string(&memo)
        .unwrap()
        .contains("## Claims"));
    // A symbolic link is followed, and the user is told: the link stays a link.
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink(&memo, &link).unwrap();
    std::fs::write(&memo, "old again").unwrap();
    let out = lede()
        .args(["export", &f, "--output", link.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a symbolic link: writing to"), "{err}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&memo)
        .unwrap()
        .contains("## Claims"));
    assert_eq!(
        std::fs::metadata(&memo).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

// `lede compare`: JSON and Markdown output, bad and repeated inputs.

const A: &str = "Harbour closes after storm\n\nThe storm closed the harbour at Wexley for \
three days, the port authority said. Fishermen in Wexley lost about 2 million euros, \
according to the fishing cooperative Sea Harvest.\n";
const B: &str = "Wexley counts storm losses\n\nAccording to Sea Harvest, the fishing \
cooperative, local fishermen lost some two million euros because of the storm. A school \
roof in Wexley was torn off on Tuesday.\n";

fn files() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = write(&dir, "a.txt", A.as_bytes());
    let b = write(&dir, "b.txt", B.as_bytes());
    (dir, a, b)
}

#[test]
fn json_lines_up_two_articles() {
    let (_dir, a, b) = files();
    let out = stdout_of(&["compare", &a, &b]);
    let v = json_of(&out);
    assert_eq!(v["compare_schema"], 2);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let wexley = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Wexley")
        .expect("Wexley merged");
    assert!(wexley["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m.as_u64() > Some(0)));
    // The losses claim is in both, in different words.
    let shared = v["shared"].as_array().unwrap();
    assert!(
        shared.iter().any(|s| s["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["text"].as_str().unwrap().contains("million euros"))),
        "{shared:?}"
    );
}

#[test]
fn a_bad_input_is_one_line_and_the_rest_compare() {
    let (dir, a, b) = files();
    let missing = path_in(&dir, "missing.txt");
    let out = lede()
        .args(["compare", &a, &missing, &b])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("missing.txt")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        )
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn the_same_file_twice_counts_once() {
    let (dir, a, b) = files();
    let again = dir
        .path()
        .join(".")
        .join("a.txt")
        .to_string_lossy()
        .into_owned();
    let out = stdout_of(&["compare", &a, &b, &again]);
    let v = json_of(&out);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn markdown_has_front_matter_actors_and_quotes() {
    let (_dir, a, b) = files();
    let out = stdout_of(&["compare", &a, &b, "--format", "md"]);
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with("---\ntitle: \"Coverage of 2 documents\"\n"),
        "{md}"
    );
    assert!(md.contains("documents:\n  - n: 1\n    title: \"Harbour closes after storm\""));
    assert!(md.contains("| actor | kind | D1 | D2 |"));
    assert!(md.contains("## Shared claims"));
    assert!(md.contains("\n> "), "claims as block quotes");
    assert!(md.contains("— D2 *Wexley counts storm losses*"));
}

#[test]
fn one_document_is_a_usage_error() {
    let (_dir, a, _b) = files();
    lede().args(["compare", &a]).assert().code(2);
}
