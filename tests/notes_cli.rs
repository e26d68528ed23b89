//! `lede export` with notes stored in `LEDE_DATA_DIR`.

use assert_cmd::Command;
use lede::io::notes_store::{doc_key, NotesStore};
use lede::notes::{Status, Target};
use std::path::Path;

const ARTICLE: &str = "Officials said the attack claimed the lives of over 140 people.\n\n\
Leonid Volkov pointed out that the warnings had been ignored for weeks. The agency denied it.\n";

/// Write the article and store two notes on it; returns the article path.
fn setup(dir: &Path) -> std::path::PathBuf {
    let article = dir.join("article.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let src = article.to_str().unwrap();
    let doc = lede::io::open(src).unwrap();
    let store = NotesStore::at(dir.join("data"));
    let mut notes = store
        .load(&doc_key(src, &doc.text), &doc.text)
        .unwrap()
        .notes;
    let c = doc.text.find("the attack claimed").unwrap();
    notes.set_status(
        &doc.text,
        c..c + 18,
        None,
        Status::NeedsSource,
        "2024-05-01T10:00:00.000Z",
    );
    let h = doc.text.find("The agency denied it").unwrap();
    notes.set_note(
        &doc.text,
        Target::Passage(h..h + 20),
        "No evidence given.",
        "2024-05-01T10:05:00.000Z",
    );
    store.save(&mut notes).unwrap();
    article
}

#[test]
fn export_webanno_includes_stored_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let article = setup(tmp.path());
    let out = Command::cargo_bin("lede")
        .unwrap()
        .env("LEDE_DATA_DIR", tmp.path().join("data"))
        .args(["export", article.to_str().unwrap(), "--format", "webanno"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let all = v["first"]["items"].as_array().unwrap();
    assert_eq!(v["total"], all.len());
    for a in all {
        // The W3C model's required properties, and lede's selectors.
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert!(a["id"].as_str().is_some_and(|s| !s.is_empty()));
        assert_eq!(a["type"], "Annotation");
        assert!(a["target"]["source"]
            .as_str()
            .unwrap()
            .starts_with("file://"));
        assert!(a["target"]["source"]
            .as_str()
            .unwrap()
            .ends_with("/article.txt"));
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
    }
    // The reader's two notes first; then lede's own findings, made by software.
    let (items, found) = all.split_at(2);
    assert!(items.iter().all(|a| a.get("creator").is_none()));
    assert!(found
        .iter()
        .any(|a| a["motivation"] == "describing"
            && a["body"]["value"] == "Leonid Volkov pointed out"));
    assert!(found
        .iter()
        .all(|a| a["creator"]["name"] == "lede" && a["motivation"] != "assessing"));
    assert_eq!(items[0]["motivation"], "assessing");
    assert_eq!(items[0]["body"]["value"], "needs a source");
    assert_eq!(
        items[0]["target"]["selector"][0]["exact"],
        "the attack claimed"
    );
    assert_eq!(items[1]["motivation"], "commenting");
    assert_eq!(items[1]["body"]["value"], "No evidence given.");
}

#[test]
fn export_markdown_to_file_includes_notes_and_reports_an_edited_document() {
    let tmp = tempfile::tempdir().unwrap();
    let article = setup(tmp.path());
    // The article is edited: a paragraph added on top, the agency's sentence removed.
    let edited = format!(
        "Updated on Friday.\n\n{}",
        ARTICLE.replace(" The agency denied it.", "")
    );
    std::fs::write(&article, edited).unwrap();
    let memo = tmp.path().join("memo.md");
    let out = Command::cargo_bin("lede")
        .unwrap()
        .env("LEDE_DATA_DIR", tmp.path().join("data"))
        .args([
            "export",
            article.to_str().unwrap(),
            "--format",
            "md",
            "--output",
        ])
        .arg(&memo)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("0 notes kept, 1 moved, 1 orphaned"),
        "{stderr}"
    );
    let md = std::fs::read_to_string(&memo).unwrap();
    assert!(md.starts_with("---\ntitle: "), "{md}");
    assert!(md.contains("## Orphaned notes (1)"), "{md}");
    assert!(
        md.contains("> The agency denied it\n>\n> **Note:** No evidence given."),
        "{md}"
    );
    assert!(md.contains("**needs a source**"), "{md}");
}

#[test]
fn export_json_without_notes_has_an_empty_notes_array() {
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let out = Command::cargo_bin("lede")
        .unwrap()
        .env("LEDE_DATA_DIR", tmp.path().join("data"))
        .args(["export", article.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 5);
    assert_eq!(v["notes_schema"], 1);
    assert_eq!(v["notes"], serde_json::json!([]));
    assert!(
        !tmp.path().join("data").exists(),
        "export writes nothing to the store"
    );
}

/// The bundled sample keeps its notes under its own name; `lede export` without a
/// document exports them.
#[test]
fn export_without_a_document_exports_the_samples_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = include_str!("../assets/sample.txt");
    let doc = lede::document::plain::parse("lede://sample.txt", sample);
    let store = NotesStore::at(tmp.path().join("data"));
    let mut notes = store
        .load(&doc_key(&doc.source, &doc.text), &doc.text)
        .unwrap()
        .notes;
    let at = doc.text.find("security").unwrap();
    notes.set_note(
        &doc.text,
        Target::Passage(at..at + 8),
        "A note written on the sample.",
        "2024-05-01T10:05:00.000Z",
    );
    store.save(&mut notes).unwrap();
    for args in [&["export"][..], &["export", "lede://sample.txt"][..]] {
        let out = Command::cargo_bin("lede")
            .unwrap()
            .env("LEDE_DATA_DIR", tmp.path().join("data"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let md = String::from_utf8(out.stdout).unwrap();
        assert!(
            md.contains("A note written on the sample."),
            "{args:?}:\n{md}"
        );
    }
}

#[test]
fn notes_recover_brings_back_a_set_aside_file() {
    let tmp = tempfile::tempdir().unwrap();
    let article = setup(tmp.path());
    let data = tmp.path().join("data");
    let dir = data.join("notes");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|d| d.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    // Set aside (as an older lede did on a status it did not know), plus a truncated one.
    let aside = dir.join(format!(
        "{}.corrupt-1",
        file.file_name().unwrap().to_string_lossy()
    ));
    std::fs::rename(&file, &aside).unwrap();
    let broken = dir.join("0000000000000000-0000000000000000.json.corrupt-1");
    std::fs::write(&broken, b"{\"version\": 1, \"entr").unwrap();
    let count_notes = || {
        let out = Command::cargo_bin("lede")
            .unwrap()
            .env("LEDE_DATA_DIR", &data)
            .args(["export", article.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["notes"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(count_notes(), 0, "set aside: not found");

    let out = Command::cargo_bin("lede")
        .unwrap()
        .env("LEDE_DATA_DIR", &data)
        .args(["notes", "--recover"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "one file could not be read");
    assert!(
        stdout.contains(&format!(
            "{}: 2 notes back in {}",
            aside.display(),
            file.display()
        )),
        "{stdout}"
    );
    assert!(stderr.contains("cannot be recovered: not JSON"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert_eq!(count_notes(), 2);
    assert!(!aside.exists(), "renamed once recovered");
    assert!(broken.exists(), "kept while it cannot be read");

    // Without an action, a usage error.
    Command::cargo_bin("lede")
        .unwrap()
        .env("LEDE_DATA_DIR", &data)
        .arg("notes")
        .assert()
        .code(2);
}
