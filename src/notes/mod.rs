//! Notes and marks on a document: claim statuses, free highlights, text-quote anchors,
//! and their exports. Pure: no terminal, file or network code (saving is
//! [`crate::io::notes_store`]).
//!
//! # Model
//!
//! A [`NoteSet`] holds the notes of one document, identified by a [`DocKey`] (source and
//! SHA-256 of the text). Each [`Entry`] is either
//! - a **claim** entry ([`EntryKind::Claim`]): a status mark ([`Status`]) and/or a note on
//!   a claim's span, with the claim's index as a hint; or
//! - a **highlight** ([`EntryKind::Highlight`]): any passage, with an optional note.
//!
//! Every entry has a stable random-ish [`NoteId`], `created`/`updated` timestamps (strings
//! given by the caller, RFC 3339 UTC, e.g. from [`crate::io::notes_store::now`]) and an
//! [`Anchor`] (exact quote, 32 code points of prefix and suffix, byte and code-point
//! position). Removal leaves a tombstone (`deleted`), so that merging with another
//! process's copy does not bring a removed note back. Entries whose passage disappeared
//! after an edit are `orphaned`: kept with their old quote, never dropped.
//!
//! # API for the reader
//!
//! ```text
//! // open: store + key, then load (re-anchors; shows warnings and the summary)
//! let store = io::notes_store::NotesStore::from_env()?;      // or NotesStore::at(dir)
//! let key = io::notes_store::doc_key(&doc.source, &doc.text);
//! let loaded = store.load(&key, &doc.text)?;                  // Loaded { notes, warnings, summary }
//! // status line: loaded.warnings, and loaded.summary (if !summary.all_kept()) as "3 notes kept, 1 moved, 1 orphaned"
//! let mut notes = loaded.notes;
//! notes.link_claims(&claim_spans);                            // refresh claim index hints
//!
//! // m: cycle a claim's status            a: add/edit a note (claim or selected passage)
//! let now = io::notes_store::now();
//! let st = notes.cycle_status(&doc.text, claim.span.clone(), Some(i), &now);
//! notes.set_note(&doc.text, Target::Claim { span, index: Some(i) }, "text", &now);
//! notes.set_note(&doc.text, Target::Passage(span), "text", &now);
//! notes.remove(id, &now);
//! store.save(&mut notes)?;                                   // after EVERY change; merges other processes' notes in
//!
//! // drawing and panels
//! notes.status(&span) -> Status       notes.find(&span) -> Option<&Entry>
//! notes.entries() -> Vec<&Entry> (text order, orphans last)   notes.overlapping(span)
//! Status::label(), Status::next(), Entry::has_note(), Entry::span() (None for orphans)
//!
//! // export (e): crate::export::{markdown, json, web_annotation, render}(doc, analysis, &notes, ...)
//! ```

pub mod anchor;
pub mod export;

pub use anchor::{Anchor, Budget, Outcome, ReanchorSummary};

use crate::analysis::{text::CharIndex, Span};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::hash::{BuildHasher, Hasher};

/// The identity of a document for its notes: where it came from and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocKey {
    /// The source as a stable string (an absolute path, a URL, or `-`).
    pub source: String,
    /// Lower-case hex SHA-256 of the document text.
    pub sha256: String,
}

impl DocKey {
    /// The key of `text` read from `source` (which the caller has already made stable,
    /// e.g. an absolute path).
    pub fn new(source: impl Into<String>, text: &str) -> DocKey {
        DocKey {
            source: source.into(),
            sha256: sha256_hex(text.as_bytes()),
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A note's identifier: stable across saves and processes, random-ish so that two
/// processes adding notes at once do not collide. Written as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteId(pub u64);

impl std::fmt::Display for NoteId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for NoteId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for NoteId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16)
            .map(NoteId)
            .map_err(|_| serde::de::Error::custom(format!("bad note id {s:?}")))
    }
}

/// A fact-checker's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not looked at yet.
    #[default]
    Unreviewed,
    /// Needs a source before it can be judged.
    NeedsSource,
    /// Backed by evidence.
    Supported,
    /// Contested by evidence or other sources.
    Disputed,
    /// Wrong.
    False,
    /// Not a check-worthy claim after all.
    NotAClaim,
    /// A status this lede does not know (written by a newer one). The note keeps it: the
    /// original value is written back on save until the status is changed.
    #[serde(other)]
    Unknown,
}

impl Status {
    /// All statuses, in the order `m` cycles through them.
    pub const ALL: [Status; 6] = [
        Status::Unreviewed,
        Status::NeedsSource,
        Status::Supported,
        Status::Disputed,
        Status::False,
        Status::NotAClaim,
    ];

    /// The next status in the cycle (after `NotAClaim` comes `Unreviewed`).
    pub fn next(self) -> Status {
        let i = Status::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Status::ALL[(i + 1) % Status::ALL.len()]
    }

    /// The previous status in the cycle.
    pub fn prev(self) -> Status {
        let i = Status::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Status::ALL[(i + Status::ALL.len() - 1) % Status::ALL.len()]
    }

    /// The stable name used in JSON (`needs_source`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::NeedsSource => "needs_source",
            Status::Supported => "supported",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::NotAClaim => "not_a_claim",
            Status::Unknown => "unknown",
        }
    }

    /// A human label (`needs a source`).
    pub fn label(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::NeedsSource => "needs a source",
            Status::Supported => "supported",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::NotAClaim => "not a claim",
            Status::Unknown => "unknown",
        }
    }
}

/// What an entry is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A claim found by the analysis: a status and/or a note.
    Claim,
    /// A passage the reader selected: a highlight with an optional note.
    Highlight,
    /// A kind this lede does not know (written by a newer one): shown as unknown, kept
    /// as written on save.
    #[serde(other)]
    Unknown,
}

/// One note or mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawEntry", into = "RawEntry")]
pub struct Entry {
    /// Stable identifier.
    pub id: NoteId,
    /// Claim entry or free highlight.
    pub kind: EntryKind,
    /// The claim's status, if it was marked (claim entries only).
    #[serde(default)]
    pub status: Option<Status>,
    /// The note, possibly multi-line; empty when there is none.
    #[serde(default)]
    pub note: String,
    /// Index of the claim in the analysis when last linked (a hint: the analysis may
    /// change between versions of lede; spans are the truth).
    #[serde(default)]
    pub claim: Option<u32>,
    /// Where the passage is.
    pub anchor: Anchor,
    /// The passage was not found after the text changed; `anchor` is its last known place.
    #[serde(default)]
    pub orphaned: bool,
    /// Removed (a tombstone kept for merging).
    #[serde(default)]
    pub deleted: bool,
    /// When it was created (RFC 3339).
    pub created: String,
    /// When it last changed (RFC 3339); the later one wins when merging.
    pub updated: String,
    /// What this lede did not understand, kept to be written back: fields it does not
    /// know, and the original `kind` or `status` when it read them as unknown.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An [`Entry`] as it is on disk: `kind` and `status` as the strings they are, and any
/// other field kept aside, so that a file written by a newer lede loses nothing.
#[derive(Serialize, Deserialize)]
struct RawEntry {
    id: NoteId,
    kind: serde_json::Value,
    #[serde(default)]
    status: Option<serde_json::Value>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    claim: Option<u32>,
    anchor: Anchor,
    #[serde(default)]
    orphaned: bool,
    #[serde(default)]
    deleted: bool,
    created: String,
    updated: String,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// The known value of `raw`, or `unknown` with `raw` kept under `field` in `extra`.
fn known_or_kept<T: serde::de::DeserializeOwned + PartialEq>(
    raw: serde_json::Value,
    field: &str,
    unknown: T,
    extra: &mut serde_json::Map<String, serde_json::Value>,
) -> T {
    match serde_json::from_value::<T>(raw.clone()) {
        Ok(v) if v != unknown => v,
        _ => {
            extra.insert(field.to_string(), raw);
            unknown
        }
    }
}

impl From<RawEntry> for Entry {
    fn from(r: RawEntry) -> Entry {
        let mut extra = r.extra;
        let kind = known_or_kept(r.kind, "kind", EntryKind::Unknown, &mut extra);
        let status = r
            .status
            .filter(|v| !v.is_null())
            .map(|v| known_or_kept(v, "status", Status::Unknown, &mut extra));
        Entry {
            id: r.id,
            kind,
            status,
            note: r.note,
            claim: r.claim,
            anchor: r.anchor,
            orphaned: r.orphaned,
            deleted: r.deleted,
            created: r.created,
            updated: r.updated,
            extra,
        }
    }
}

impl From<Entry> for RawEntry {
    fn from(e: Entry) -> RawEntry {
        let mut extra = e.extra;
        // The original value stands for as long as lede's own reading of it is "unknown".
        let kept_kind = extra.remove("kind");
        let kept_status = extra.remove("status");
        let kind = match (e.kind, kept_kind) {
            (EntryKind::Unknown, Some(raw)) => raw,
            (k, _) => serde_json::Value::from(k.as_str()),
        };
        let status = match (e.status, kept_status) {
            (Some(Status::Unknown), Some(raw)) => Some(raw),
            (s, _) => s.map(|s| serde_json::Value::from(s.as_str())),
        };
        RawEntry {
            id: e.id,
            kind,
            status,
            note: e.note,
            claim: e.claim,
            anchor: e.anchor,
            orphaned: e.orphaned,
            deleted: e.deleted,
            created: e.created,
            updated: e.updated,
            extra,
        }
    }
}

impl EntryKind {
    /// The stable name used in JSON (`claim`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Claim => "claim",
            EntryKind::Highlight => "highlight",
            EntryKind::Unknown => "unknown",
        }
    }
}

impl Entry {
    /// The entry's byte span in the current text, or `None` if it is orphaned.
    pub fn span(&self) -> Option<Span> {
        (!self.orphaned).then(|| self.anchor.span())
    }

    /// Whether it carries a non-blank note.
    pub fn has_note(&self) -> bool {
        !self.note.trim().is_empty()
    }

    /// Its status, `Unreviewed` when never marked.
    pub fn status_or_default(&self) -> Status {
        self.status.unwrap_or_default()
    }

    fn live(&self) -> bool {
        !self.deleted
    }
}

/// What a note is being written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A claim's span, with its index in the analysis if known.
    Claim {
        /// The claim's byte span.
        span: Span,
        /// Its index in `Analysis::claims`.
        index: Option<u32>,
    },
    /// Any passage (a free highlight).
    Passage(Span),
}

/// The notes of one document. Two sets are equal when they have the same key and
/// entries (whatever ids they would make next).
#[derive(Debug, Clone)]
pub struct NoteSet {
    key: DocKey,
    entries: Vec<Entry>,
    id_seed: u64,
    id_counter: u64,
}

impl NoteSet {
    /// An empty set for the document `key`.
    pub fn new(key: DocKey) -> NoteSet {
        Self::from_entries(key, Vec::new())
    }

    /// A set holding `entries` (all of them, tombstones included), e.g. as read from disk.
    pub fn from_entries(key: DocKey, entries: Vec<Entry>) -> NoteSet {
        // Per-process randomness from std's hasher keys: ids made by two processes differ.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write(key.sha256.as_bytes());
        NoteSet {
            key,
            entries,
            id_seed: h.finish(),
            id_counter: 0,
        }
    }

    /// Make new ids deterministic (tests, reproducible exports).
    pub fn set_id_seed(&mut self, seed: u64) {
        self.id_seed = seed;
        self.id_counter = 0;
    }

    /// The document these notes belong to.
    pub fn key(&self) -> &DocKey {
        &self.key
    }

    /// Re-key the set (after re-anchoring onto an edited document).
    pub fn set_key(&mut self, key: DocKey) {
        self.key = key;
    }

    /// Every entry, tombstones included, in storage order (for persistence).
    pub fn all_entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Live entries in text order; orphans last, in their old order.
    pub fn entries(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().filter(|e| e.live()).collect();
        v.sort_by_key(|e| (e.orphaned, e.anchor.start, e.anchor.end, e.id));
        v
    }

    /// Live orphaned entries.
    pub fn orphans(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.live() && e.orphaned)
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.entries.iter().filter(|e| e.live()).count()
    }

    /// Whether there is no live entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The live entry with this id.
    pub fn get(&self, id: NoteId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.live() && e.id == id)
    }

    /// The live, attached entry on exactly this span.
    pub fn find(&self, span: &Span) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.live() && !e.orphaned && e.anchor.span() == *span)
    }

    /// Live, attached entries overlapping `span` (for drawing), in storage order.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| {
            e.live() && !e.orphaned && e.anchor.start < span.end && span.start < e.anchor.end
        })
    }

    /// The status of the claim on `span` (`Unreviewed` if never marked).
    pub fn status(&self, span: &Span) -> Status {
        self.find(span)
            .map(Entry::status_or_default)
            .unwrap_or_default()
    }

    /// Set the status of the claim on `span`; creates its entry if needed.
    pub fn set_status(
        &mut self,
        text: &str,
        span: Span,
        claim: Option<u32>,
        status: Status,
        now: &str,
    ) -> NoteId {
        let i = self.entry_for(text, span, EntryKind::Claim, claim, now);
        let e = &mut self.entries[i];
        e.kind = EntryKind::Claim;
        e.status = Some(status);
        e.updated = now.to_string();
        e.id
    }

    /// Move the claim on `span` to its next status and return it.
    pub fn cycle_status(
        &mut self,
        text: &str,
        span: Span,
        claim: Option<u32>,
        now: &str,
    ) -> Status {
        let next = self.status(&span).next();
        self.set_status(text, span, claim, next, now);
        next
    }

    /// Add or replace the note on `target`; creates the entry if needed. An empty note
    /// keeps the entry (a claim mark, or a highlight without a note).
    pub fn set_note(&mut self, text: &str, target: Target, note: &str, now: &str) -> NoteId {
        let (span, kind, claim) = match target {
            Target::Claim { span, index } => (span, EntryKind::Claim, index),
            Target::Passage(span) => (span, EntryKind::Highlight, None),
        };
        let i = self.entry_for(text, span, kind, claim, now);
        let e = &mut self.entries[i];
        e.note = note.to_string();
        e.updated = now.to_string();
        e.id
    }

    /// Replace the note of entry `id` (orphans too). Returns false if there is no such entry.
    pub fn edit_note(&mut self, id: NoteId, note: &str, now: &str) -> bool {
        match self.entries.iter_mut().find(|e| e.live() && e.id == id) {
            Some(e) => {
                e.note = note.to_string();
                e.updated = now.to_string();
                true
            }
            None => false,
        }
    }

    /// Remove entry `id` (leaves a tombstone). Returns false if there is no such entry.
    pub fn remove(&mut self, id: NoteId, now: &str) -> bool {
        match self.entries.iter_mut().find(|e| e.live() && e.id == id) {
            Some(e) => {
                e.deleted = true;
                e.updated = now.to_string();
                true
            }
            None => false,
        }
    }

    /// Point claim entries at the index of the claim with the same span in `claims`
    /// (the analysis' claim spans, in order); entries matching none keep no hint.
    pub fn link_claims(&mut self, claims: &[Span]) {
        for e in self
            .entries
            .iter_mut()
            .filter(|e| e.kind == EntryKind::Claim)
        {
            e.claim = if e.orphaned {
                None
            } else {
                claims
                    .iter()
                    .position(|c| *c == e.anchor.span())
                    .map(|i| i as u32)
            };
        }
    }

    /// Merge `other` (e.g. the copy on disk) into this set: per id, the entry updated
    /// later wins; on a tie, this set's entry stays. Entries only in `other` are added.
    pub fn merge(&mut self, other: &NoteSet) {
        self.merge_entries(&other.entries);
    }

    /// Re-anchor when some live entry's anchor no longer holds in `text` (entries merged
    /// from disk at save time come from another process, or a hand-edited file): spans
    /// handed to the reader always point at their quote, on char boundaries.
    pub fn repair(&mut self, text: &str) -> Option<ReanchorSummary> {
        let broken = self
            .entries
            .iter()
            .any(|e| e.live() && !e.orphaned && !e.anchor.holds(text));
        broken.then(|| self.reanchor(text))
    }

    /// [`NoteSet::merge`] with a list of entries.
    pub fn merge_entries(&mut self, other: &[Entry]) {
        for o in other {
            match self.entries.iter_mut().find(|e| e.id == o.id) {
                Some(e) => {
                    if o.updated > e.updated {
                        *e = o.clone();
                    }
                }
                None => self.entries.push(o.clone()),
            }
        }
    }

    /// Re-attach every live entry to `text` (the document after a change): see
    /// [`anchor`]. Moved entries get their new anchor; entries not found are marked
    /// orphaned and keep their old anchor. Previously orphaned entries are tried again.
    pub fn reanchor(&mut self, text: &str) -> ReanchorSummary {
        let idx = CharIndex::new(text);
        let mut budget = Budget::default();
        let mut summary = ReanchorSummary::default();
        for e in self.entries.iter_mut().filter(|e| e.live()) {
            let outcome = match anchor::locate(&e.anchor, text, &idx, &mut budget) {
                Some((a, o)) => {
                    let o = if e.orphaned { Outcome::Moved } else { o };
                    e.anchor = a;
                    e.orphaned = false;
                    o
                }
                None => {
                    e.orphaned = true;
                    Outcome::Orphaned
                }
            };
            summary.add(outcome);
        }
        summary
    }

    /// Index of the live attached entry on `span`, or a new entry's.
    fn entry_for(
        &mut self,
        text: &str,
        span: Span,
        kind: EntryKind,
        claim: Option<u32>,
        now: &str,
    ) -> usize {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.live() && !e.orphaned && e.anchor.span() == span)
        {
            if claim.is_some() {
                self.entries[i].claim = claim;
            }
            return i;
        }
        let id = self.fresh_id();
        self.entries.push(Entry {
            id,
            kind,
            status: None,
            note: String::new(),
            claim,
            anchor: Anchor::new(text, span),
            orphaned: false,
            deleted: false,
            created: now.to_string(),
            updated: now.to_string(),
            extra: serde_json::Map::new(),
        });
        self.entries.len() - 1
    }

    fn fresh_id(&mut self) -> NoteId {
        loop {
            self.id_counter += 1;
            let id = NoteId(splitmix64(self.id_seed.wrapping_add(self.id_counter)));
            if id.0 != 0 && !self.entries.iter().any(|e| e.id == id) {
                return id;
            }
        }
    }
}

impl PartialEq for NoteSet {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.entries == other.entries
    }
}

impl Eq for NoteSet {}

/// A well-mixed 64-bit hash of `x` (SplitMix64's finaliser).
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str =
        "Officials said 140 people died. Critics blamed the agency. The agency denied it.";

    fn span(needle: &str) -> Span {
        let i = T.find(needle).unwrap();
        i..i + needle.len()
    }

    fn set() -> NoteSet {
        let mut s = NoteSet::new(DocKey::new("a.txt", T));
        s.set_id_seed(7);
        s
    }

    #[test]
    fn status_cycles_through_all() {
        let mut s = Status::Unreviewed;
        let mut seen = vec![];
        for _ in 0..6 {
            seen.push(s);
            s = s.next();
        }
        assert_eq!(s, Status::Unreviewed);
        assert_eq!(seen, Status::ALL);
        assert_eq!(Status::NeedsSource.label(), "needs a source");
        assert_eq!(Status::NotAClaim.prev(), Status::False);
        assert_eq!(
            serde_json::to_string(&Status::NotAClaim).unwrap(),
            "\"not_a_claim\""
        );
    }

    #[test]
    fn marks_and_notes_share_an_entry_per_span() {
        let mut s = set();
        let c = span("140 people died");
        assert_eq!(
            s.cycle_status(T, c.clone(), Some(0), "t1"),
            Status::NeedsSource
        );
        s.set_note(
            T,
            Target::Claim {
                span: c.clone(),
                index: Some(0),
            },
            "check the toll\nsecond line",
            "t2",
        );
        assert_eq!(s.len(), 1);
        let e = s.find(&c).unwrap();
        assert_eq!(e.status, Some(Status::NeedsSource));
        assert_eq!(e.note, "check the toll\nsecond line");
        assert_eq!((e.created.as_str(), e.updated.as_str()), ("t1", "t2"));
        assert_eq!(e.anchor.exact, "140 people died");
    }

    #[test]
    fn entries_are_in_text_order_and_removable() {
        let mut s = set();
        let b = s.set_note(T, Target::Passage(span("The agency denied")), "", "t1");
        let a = s.set_note(T, Target::Passage(span("Critics blamed")), "why?", "t1");
        assert_ne!(a, b);
        let order: Vec<NoteId> = s.entries().iter().map(|e| e.id).collect();
        assert_eq!(order, vec![a, b]);
        assert!(s.remove(a, "t2"));
        assert!(!s.remove(a, "t3"));
        assert_eq!(s.len(), 1);
        assert!(s.find(&span("Critics blamed")).is_none());
        assert_eq!(s.all_entries().len(), 2, "tombstone kept for merging");
        assert_eq!(s.overlapping(0..T.len()).count(), 1);
    }

    #[test]
    fn repair_reanchors_entries_whose_positions_are_wrong() {
        let mut s = set();
        s.set_note(T, Target::Passage(span("Critics blamed")), "n", "t");
        assert!(s.repair(T).is_none(), "nothing to repair");
        // As if merged from a bad file: the position points elsewhere.
        s.entries[0].anchor.start += 3;
        s.entries[0].anchor.end += 3;
        assert!(s.repair(T).is_some());
        assert!(s.entries[0].anchor.holds(T));
        assert_eq!(
            &T[s.entries[0].anchor.start..s.entries[0].anchor.end],
            "Critics blamed"
        );
    }

    #[test]
    fn merge_takes_the_later_update_and_keeps_tombstones() {
        let mut a = set();
        let id = a.set_note(
            T,
            Target::Passage(span("Critics")),
            "old",
            "2024-01-01T00:00:00Z",
        );
        let mut b = a.clone();
        b.set_id_seed(99);
        b.edit_note(id, "newer", "2024-01-02T00:00:00Z");
        let other = b.set_note(
            T,
            Target::Passage(span("agency denied")),
            "b's",
            "2024-01-02T00:00:00Z",
        );
        a.merge(&b);
        assert_eq!(a.get(id).unwrap().note, "newer");
        assert!(a.get(other).is_some());
        // A removal made later wins over an older edit.
        b.remove(other, "2024-01-03T00:00:00Z");
        a.merge(&b);
        assert!(a.get(other).is_none());
    }

    #[test]
    fn reanchor_reports_kept_moved_orphaned() {
        let mut s = set();
        s.set_note(T, Target::Passage(span("Officials said")), "k", "t");
        s.set_status(
            T,
            span("Critics blamed the agency"),
            Some(1),
            Status::Disputed,
            "t",
        );
        s.set_note(
            T,
            Target::Passage(span("The agency denied it")),
            "gone",
            "t",
        );
        let new = "Officials said 140 people died. Sharply, critics blamed the agency.";
        let sum = s.reanchor(new);
        assert_eq!(
            sum,
            ReanchorSummary {
                kept: 1,
                moved: 1,
                orphaned: 1
            }
        );
        let moved = s
            .entries()
            .into_iter()
            .find(|e| e.status.is_some())
            .unwrap();
        assert_eq!(&new[moved.span().unwrap()], "critics blamed the agency");
        let orphan = s.orphans().next().unwrap();
        assert_eq!(orphan.anchor.exact, "The agency denied it");
        assert!(orphan.span().is_none());
        assert_eq!(
            s.entries().last().unwrap().id,
            orphan.id,
            "orphans sort last"
        );
        // The orphan comes back if its passage does.
        let sum = s.reanchor(T);
        assert_eq!(sum.orphaned, 0);
    }

    #[test]
    fn link_claims_updates_hints() {
        let mut s = set();
        s.set_status(
            T,
            span("Critics blamed the agency"),
            Some(5),
            Status::False,
            "t",
        );
        s.link_claims(&[
            span("Officials said 140 people died"),
            span("Critics blamed the agency"),
        ]);
        assert_eq!(s.entries()[0].claim, Some(1));
    }

    #[test]
    fn notes_module_stays_pure() {
        // No terminal, file or network code under src/notes (needles split so that this
        // test does not find itself).
        let forbidden = [
            ["std::", "fs"].concat(),
            ["rata", "tui"].concat(),
            ["cross", "term"].concat(),
            ["std::", "net"].concat(),
            ["ure", "q::"].concat(),
        ];
        for (name, src) in [
            ("mod.rs", include_str!("mod.rs")),
            ("anchor.rs", include_str!("anchor.rs")),
            ("export.rs", include_str!("export.rs")),
        ] {
            for f in &forbidden {
                assert!(!src.contains(f.as_str()), "src/notes/{name} uses {f}");
            }
        }
    }

    #[test]
    fn note_ids_round_trip_as_hex() {
        let id = NoteId(0xabc);
        let j = serde_json::to_string(&id).unwrap();
        assert_eq!(j, "\"0000000000000abc\"");
        assert_eq!(serde_json::from_str::<NoteId>(&j).unwrap(), id);
    }
}
