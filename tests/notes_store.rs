//! Notes persistence: atomic saves, crashes, corrupt files, concurrent writers, edited documents.

use lede::io::notes_store::{NotesStore, StoreError, FILE_VERSION};
use lede::notes::{DocKey, NoteSet, Status, Target};
use std::fs;
use std::path::{Path, PathBuf};

const V1: &str =
    "Officials said 140 people died in the attack. Critics blamed the security services. \
The agency denied any failure.";

fn span(text: &str, needle: &str) -> std::ops::Range<usize> {
    let i = text.find(needle).expect("needle in text");
    i..i + needle.len()
}

fn key(text: &str) -> DocKey {
    DocKey::new("/articles/attack.txt", text)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|d| d.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn save_then_load_round_trips_as_versioned_json() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let mut notes = store.load(&key(V1), V1).unwrap().notes;
    assert!(notes.is_empty());
    assert!(!store.dir().exists(), "loading creates nothing");
    let c = span(V1, "140 people died");
    notes.set_status(
        V1,
        c.clone(),
        Some(0),
        Status::Disputed,
        "2024-05-01T10:00:00.000Z",
    );
    notes.set_note(
        V1,
        Target::Passage(span(V1, "Critics blamed")),
        "who?\nsecond line",
        "2024-05-01T10:01:00.000Z",
    );
    assert!(store.save(&mut notes).unwrap().is_empty());

    let path = store.path_for(&key(V1));
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(raw["version"], FILE_VERSION);
    assert_eq!(raw["source"], "/articles/attack.txt");
    assert_eq!(raw["entries"].as_array().unwrap().len(), 2);
    // Only the notes file and its lock: no temporary file left behind.
    let names = files_in(store.dir());
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names
        .iter()
        .all(|n| n.ends_with(".json") || n.ends_with(".json.lock")));

    let loaded = store.load(&key(V1), V1).unwrap();
    assert!(loaded.warnings.is_empty());
    assert!(loaded.summary.all_kept());
    assert_eq!(loaded.summary.kept, 2);
    assert_eq!(loaded.notes.status(&c), Status::Disputed);
    assert_eq!(loaded.notes.entries()[1].note, "who?\nsecond line");
}

#[test]
fn crash_mid_write_leaves_the_old_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let mut notes = NoteSet::new(key(V1));
    notes.set_note(V1, Target::Passage(span(V1, "Critics")), "first", "t1");
    store.save(&mut notes).unwrap();
    // A writer died between creating its temporary file and renaming it.
    let leftover = store.dir().join(".tmpAbC123");
    fs::write(&leftover, b"{\"version\": 1, \"source\": \"/articles/att").unwrap();

    let loaded = store.load(&key(V1), V1).unwrap();
    assert!(loaded.warnings.is_empty());
    assert_eq!(loaded.notes.entries()[0].note, "first");
    // Saving again still works and does not touch a file it did not make.
    let mut notes = loaded.notes;
    notes.set_note(
        V1,
        Target::Passage(span(V1, "agency denied")),
        "second",
        "t2",
    );
    store.save(&mut notes).unwrap();
    assert_eq!(store.load(&key(V1), V1).unwrap().notes.len(), 2);
    assert!(leftover.exists());
}

#[test]
fn corrupt_file_is_moved_aside_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    fs::create_dir_all(store.dir()).unwrap();
    let path = store.path_for(&key(V1));
    fs::write(&path, b"{ this is not json").unwrap();

    let loaded = store.load(&key(V1), V1).unwrap();
    assert!(loaded.notes.is_empty());
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0].contains("corrupt-1"),
        "{}",
        loaded.warnings[0]
    );
    let aside = path.with_extension("json.corrupt-1");
    assert_eq!(fs::read(&aside).unwrap(), b"{ this is not json");
    assert!(!path.exists());

    // A second bad file (valid JSON, wrong shape) goes to the next free name on save.
    fs::write(&path, br#"{"version": 1, "entries": "nope"}"#).unwrap();
    let mut notes = loaded.notes;
    notes.set_note(V1, Target::Passage(span(V1, "Critics")), "kept", "t1");
    let warnings = store.save(&mut notes).unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(path.with_extension("json.corrupt-2").exists());
    assert_eq!(
        fs::read(&aside).unwrap(),
        b"{ this is not json",
        "first one untouched"
    );
    assert_eq!(store.load(&key(V1), V1).unwrap().notes.len(), 1);
}

#[test]
fn newer_file_version_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    fs::create_dir_all(store.dir()).unwrap();
    let path = store.path_for(&key(V1));
    let future = br#"{"version": 99, "whatever": []}"#;
    fs::write(&path, future).unwrap();
    let mut notes = NoteSet::new(key(V1));
    notes.set_note(V1, Target::Passage(span(V1, "Critics")), "x", "t1");
    assert!(matches!(
        store.save(&mut notes),
        Err(StoreError::NewerVersion { version: 99, .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), future);
}

#[test]
fn two_writers_keep_each_others_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    // Both processes open the document before either saves.
    let mut a = store.load(&key(V1), V1).unwrap().notes;
    let mut b = store.load(&key(V1), V1).unwrap().notes;
    a.set_status(
        V1,
        span(V1, "140 people died"),
        Some(0),
        Status::Supported,
        "2024-05-01T10:00:00.000Z",
    );
    store.save(&mut a).unwrap();
    b.set_note(
        V1,
        Target::Passage(span(V1, "agency denied")),
        "from b",
        "2024-05-01T10:00:01.000Z",
    );
    store.save(&mut b).unwrap();
    assert_eq!(b.len(), 2, "b's copy now has a's note too");
    // a edits its note later; b's older copy of it must not win.
    let id = a.find(&span(V1, "140 people died")).unwrap().id;
    a.edit_note(id, "checked", "2024-05-01T10:00:02.000Z");
    store.save(&mut a).unwrap();
    store.save(&mut b).unwrap();
    let on_disk = store.load(&key(V1), V1).unwrap().notes;
    assert_eq!(on_disk.len(), 2);
    assert_eq!(on_disk.get(id).unwrap().note, "checked");
    assert_eq!(on_disk.get(id).unwrap().status, Some(Status::Supported));
}

#[test]
fn concurrent_writers_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let words: Vec<(usize, usize)> = V1
        .char_indices()
        .filter(|&(i, c)| c.is_alphabetic() && (i == 0 || V1.as_bytes()[i - 1] == b' '))
        .map(|(i, _)| (i, i + V1[i..].find(' ').unwrap_or(V1.len() - i)))
        .collect();
    assert!(words.len() >= 16);
    std::thread::scope(|s| {
        for w in 0..2 {
            let store = store.clone();
            let words = &words;
            s.spawn(move || {
                let mut notes = store.load(&key(V1), V1).unwrap().notes;
                for (n, &(a, b)) in words.iter().enumerate().filter(|(n, _)| n % 2 == w).take(8) {
                    notes.set_note(
                        V1,
                        Target::Passage(a..b),
                        &format!("writer {w}"),
                        &format!("t{n:03}"),
                    );
                    store.save(&mut notes).unwrap();
                }
            });
        }
    });
    let notes = store.load(&key(V1), V1).unwrap().notes;
    assert_eq!(notes.len(), 16);
}

#[test]
fn edited_document_finds_its_old_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let mut notes = NoteSet::new(key(V1));
    notes.set_note(
        V1,
        Target::Passage(span(V1, "Officials said")),
        "kept",
        "t1",
    );
    notes.set_status(
        V1,
        span(V1, "Critics blamed the security services"),
        Some(1),
        Status::Disputed,
        "t1",
    );
    notes.set_note(
        V1,
        Target::Passage(span(V1, "The agency denied any failure")),
        "gone",
        "t1",
    );
    store.save(&mut notes).unwrap();

    let v2 = "Officials said 140 people died in the attack. Update: critics blamed the security services.";
    let loaded = store.load(&key(v2), v2).unwrap();
    assert_eq!(
        loaded.from_older.as_deref(),
        Some(store.path_for(&key(V1)).as_path())
    );
    assert_eq!(
        loaded.summary.to_string(),
        "1 note kept, 1 moved, 1 orphaned"
    );
    let mut notes = loaded.notes;
    assert_eq!(notes.key(), &key(v2));
    assert_eq!(
        notes.status(&span(v2, "critics blamed the security services")),
        Status::Disputed
    );
    assert_eq!(notes.orphans().next().unwrap().note, "gone");

    // Saving writes the new document's file; the old one stays.
    store.save(&mut notes).unwrap();
    assert!(store.path_for(&key(v2)).exists());
    assert!(store.path_for(&key(V1)).exists());
    let again = store.load(&key(v2), v2).unwrap();
    assert!(again.from_older.is_none());
    assert_eq!(again.notes.orphans().count(), 1, "orphans survive a save");

    // Another source with the same text does not see these notes.
    let other = DocKey::new("/elsewhere/attack.txt", v2);
    assert!(store.load(&other, v2).unwrap().notes.is_empty());
}

#[test]
fn what_this_lede_does_not_understand_survives_a_save() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let mut notes = NoteSet::new(key(V1));
    notes.set_note(V1, Target::Passage(span(V1, "Critics")), "one", "t1");
    notes.set_status(V1, span(V1, "140 people"), Some(0), Status::False, "t1");
    notes.set_note(V1, Target::Passage(span(V1, "agency")), "three", "t1");
    store.save(&mut notes).unwrap();
    // As a newer lede could write it: new fields, a new status and a new kind.
    let path = store.path_for(&key(V1));
    let mut raw: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    raw["reviewed_by"] = "desk two".into();
    let entries = raw["entries"].as_array_mut().unwrap();
    entries[0]["colour"] = "amber".into();
    entries[1]["status"] = "retracted".into();
    entries[2]["kind"] = "bookmark".into();
    fs::write(&path, serde_json::to_vec(&raw).unwrap()).unwrap();

    let loaded = store.load(&key(V1), V1).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(path.exists(), "never set aside");
    assert_eq!(loaded.notes.len(), 3, "every note kept");
    assert_eq!(
        loaded.notes.status(&span(V1, "140 people")),
        Status::Unknown
    );
    assert_eq!(Status::Unknown.label(), "unknown");
    let kinds: Vec<&str> = loaded
        .notes
        .entries()
        .iter()
        .map(|e| e.kind.as_str())
        .collect();
    assert!(kinds.contains(&"unknown"), "{kinds:?}");

    let mut notes = loaded.notes;
    notes.set_note(V1, Target::Passage(span(V1, "denied")), "four", "t2");
    assert!(store.save(&mut notes).unwrap().is_empty());
    let back: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(back["reviewed_by"], "desk two");
    let entries = back["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let by_note = |n: &str| entries.iter().find(|e| e["note"] == n).unwrap().clone();
    assert_eq!(by_note("one")["colour"], "amber");
    assert_eq!(by_note("three")["kind"], "bookmark");
    let claim = entries.iter().find(|e| e["status"] == "retracted");
    assert!(
        claim.is_some(),
        "the unknown status is written back: {back}"
    );
    assert_eq!(by_note("four")["kind"], "highlight");
    assert!(by_note("four").get("colour").is_none());

    // Once the status is changed here, the new one is what is saved.
    notes.set_status(V1, span(V1, "140 people"), Some(0), Status::Supported, "t3");
    store.save(&mut notes).unwrap();
    let back: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let statuses: Vec<&serde_json::Value> = back["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["status"])
        .collect();
    assert!(statuses.contains(&&serde_json::Value::from("supported")));
    assert!(!statuses.contains(&&serde_json::Value::from("retracted")));
}

#[test]
fn temporary_files_of_killed_saves_are_removed_by_the_next_save() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let mut notes = NoteSet::new(key(V1));
    notes.set_note(V1, Target::Passage(span(V1, "Critics")), "first", "t1");
    store.save(&mut notes).unwrap();
    let path = store.path_for(&key(V1));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // Two saves killed between writing their temporary file and renaming it.
    let killed: Vec<_> = ["a1B2c3", "zz9Y8x"]
        .iter()
        .map(|r| store.dir().join(format!(".{name}.{r}.tmp")))
        .collect();
    for k in &killed {
        fs::write(k, b"{\"version\": 1, \"sou").unwrap();
    }
    notes.set_note(V1, Target::Passage(span(V1, "agency")), "second", "t2");
    store.save(&mut notes).unwrap();
    for k in &killed {
        assert!(!k.exists(), "{} removed", k.display());
    }
    let names = files_in(store.dir());
    assert_eq!(names, vec![name.clone(), format!("{name}.lock")]);
    assert_eq!(store.load(&key(V1), V1).unwrap().notes.len(), 2);
}

/// The text `tests/fixtures/notes/council.json` holds notes on (also a seed of the
/// `notes_json` fuzz target).
const COUNCIL: &str =
    "The council approved the budget on Monday. Critics said the plan came too late.\n";

#[test]
fn a_notes_file_in_the_documented_format_loads_and_a_save_keeps_its_hard_links() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    fs::create_dir_all(store.dir()).unwrap();
    let key = DocKey::new("/news/council.txt", COUNCIL);
    let path = store.path_for(&key);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes/council.json");
    fs::copy(&fixture, &path).unwrap();
    // The user keeps a second name for the file (a hard link in a backup folder).
    let other = tmp.path().join("council-notes.json");
    fs::hard_link(&path, &other).unwrap();

    let loaded = store.load(&key, COUNCIL).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.summary.kept, 2);
    let mut notes = loaded.notes;
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes.status(&span(COUNCIL, "The council approved the budget on Monday.")),
        Status::Supported
    );
    assert!(notes
        .entries()
        .iter()
        .any(|e| e.note == "Which critics?\nAsk the desk."));

    notes.set_note(
        COUNCIL,
        Target::Passage(span(COUNCIL, "too late")),
        "late?",
        "t2",
    );
    assert!(store.save(&mut notes).unwrap().is_empty());
    let back = fs::read(&other).unwrap();
    assert_eq!(back, fs::read(&path).unwrap(), "both names show the save");
    let v: serde_json::Value = serde_json::from_slice(&back).unwrap();
    assert_eq!(v["entries"].as_array().unwrap().len(), 3);
    assert_eq!(
        files_in(store.dir()),
        [
            path.file_name().unwrap().to_string_lossy().into_owned(),
            format!("{}.lock", path.file_name().unwrap().to_string_lossy())
        ],
        "no backup copy or temporary file left"
    );
}

#[test]
fn recovery_never_rewrites_a_newer_ledes_notes_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = NotesStore::at(tmp.path());
    let mut notes = NoteSet::new(key(V1));
    notes.set_note(V1, Target::Passage(span(V1, "Critics")), "kept aside", "t1");
    store.save(&mut notes).unwrap();
    let path = store.path_for(&key(V1));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let aside = store.dir().join(format!("{name}.corrupt-1"));
    fs::rename(&path, &aside).unwrap();
    // Meanwhile a newer lede wrote the notes file itself.
    let future = br#"{"version": 7, "entries": "a shape this lede cannot know"}"#;
    fs::write(&path, future).unwrap();
    // A second set-aside file, of another document, still comes back.
    let mut other = NoteSet::new(DocKey::new("/b.txt", V1));
    other.set_note(V1, Target::Passage(span(V1, "agency")), "b", "t1");
    store.save(&mut other).unwrap();
    let other_path = store.path_for(other.key());
    let other_aside = PathBuf::from(format!("{}.corrupt-1", other_path.display()));
    fs::rename(&other_path, &other_aside).unwrap();

    let done = store.recover().unwrap();
    assert_eq!(done.len(), 2, "{done:?}");
    let mine = done.iter().find(|r| r.aside == aside).unwrap();
    assert_eq!(mine.recovered, 0);
    assert!(
        mine.to_string()
            .contains("newer lede's notes file (version 7)"),
        "{mine}"
    );
    assert_eq!(fs::read(&path).unwrap(), future, "left as it was");
    assert!(aside.exists(), "kept for a later recovery");
    let theirs = done.iter().find(|r| r.aside == other_aside).unwrap();
    assert_eq!((theirs.recovered, theirs.problem.as_deref()), (1, None));
    assert!(other_path.exists());
}
