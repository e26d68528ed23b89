//! `lede compare`: JSON and Markdown output, bad and repeated inputs.

use assert_cmd::Command;
use predicates::prelude::*;

fn lede() -> Command {
    let mut c = Command::cargo_bin("lede").expect("binary built");
    c.env("NO_COLOR", "1");
    c
}

const A: &str = "Harbour closes after storm\n\nThe storm closed the harbour at Wexley for \
three days, the port authority said. Fishermen in Wexley lost about 2 million euros, \
according to the fishing cooperative Sea Harvest.\n";
const B: &str = "Wexley counts storm losses\n\nAccording to Sea Harvest, the fishing \
cooperative, local fishermen lost some two million euros because of the storm. A school \
roof in Wexley was torn off on Tuesday.\n";

fn files() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, A).unwrap();
    std::fs::write(&b, B).unwrap();
    let s = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    (dir, s(a), s(b))
}

#[test]
fn json_lines_up_two_articles() {
    let (_dir, a, b) = files();
    let out = lede()
        .args(["compare", &a, &b])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(v["compare_schema"], 1);
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
    let missing = dir
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
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
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
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
    let out = lede()
        .args(["compare", &a, &b, &again])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn markdown_has_front_matter_actors_and_quotes() {
    let (_dir, a, b) = files();
    let out = lede()
        .args(["compare", &a, &b, "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
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
