//! The analysis as JSON: lede's batch wire format, written by `lede analyze` and inside
//! the JSON export (`lede export --format json`).
//!
//! # Wire format (schema 5)
//!
//! One object per document. Every `start`/`end` is a Unicode code-point offset into
//! `text` (end exclusive), so `text[start:end]` in Python is the span. Names are stable;
//! new fields may be added, and an incompatible change bumps `schema`.
//!
//! ```text
//! { "schema": 5, "id": str, "source": str, "title": str|null, "byline": str|null,
//!   "site": str|null, "lang": str|null,
//!   "dct": "YYYY-MM-DD"|null, "dct_source": str|null, "text": str,
//!   "sentences": [{"start", "end"}],
//!   "entities":  [{"start", "end", "label": "PER|ORG|LOC|MISC", "actor": int|null}],
//!   "actors":    [{"id", "name", "kind": "PER|ORG|LOC", "aliases": [str], "roles": [str],
//!                  "mentions": int, "first": int}],
//!   "timexes":   [{"start", "end", "type": "DATE|TIME|DURATION|SET", "value": str}],
//!   "timeline":  [{"order", "value": str|null, "timex": int|null, "start", "end", "text"}],
//!   "claims":    [{"start", "end", "kind", "claimer": str|null, "hedged": bool,
//!                  "actors": [int], "score": float, "checkworthy": bool,
//!                  "attribution": int|null}],
//!   "attributions": [{"start", "end", "fragments": [[start, end]], "cue": str|null,
//!                  "cue_span": [start, end]|null, "claimer": str|null,
//!                  "claimer_span": [start, end]|null, "claimer_actor": int|null,
//!                  "claimer_name": str|null}],
//!   "genre": "report"|"opinion",
//!   "narration": [{"start", "end", "kind", "hedged": bool, "actors": [int], "score": float}] }
//! ```
//!
//! `entities[].actor` and `claims[].actors` are actor ids; `timeline[].timex` indexes
//! `timexes`. `claims[].kind` is one of `attributed`, `statistic`, `causal`, `accusation`,
//! `prediction`, `comparison`, `factual`. `actors[].first` is the code-point offset of
//! the first mention. `dct_source` says where `dct` came from: `jsonld`, `meta`, `time`,
//! `url`, `front-matter`, `dateline`, `flag` (`--date`) or `input` (the input's `dct`).
//!
//! `claims[].score` (0–1) ranks claims by how worth checking they are: the probability
//! of a logistic model trained on debate transcripts labelled for fact-checking
//! (`assets/models/README.md`). `claims[].checkworthy` is what the reader highlights by
//! default: a score at the model's threshold or above, never in a title, heading,
//! byline or question, and on at most a third of the document's sentences (the best
//! scored first). Attribution contents (kind `attributed`) are in `claims` whatever their
//! score, with `checkworthy` false where they are not worth checking.
//!
//! Two layers are kept apart. `attributions` are reported speech and belief: who says
//! (believes, wants) what. `start`/`end` is the content without its "X said" frame, a
//! quotation carried across sentences to its end; an interrupted quotation ("“A,” she
//! said, “B.”") lists its pieces in `fragments` (empty when the content is one piece) and
//! `start`/`end` is their hull. `cue` is the cue as written ("said", "according to",
//! ":"), null for a quotation whose source was named in a sentence before. `claimer` is
//! the source as written ("he", "the spokesman"), `claimer_actor` the actor it names or
//! refers to (a pronoun or a phrase like "the spokesman" resolved to the last compatible
//! named actor before it), and `claimer_name` what the reader shows: that actor's name,
//! else `claimer`. `claims` are assertions worth checking, by the author or a source;
//! every attribution is also a claim (kind `attributed`, `checkworthy` false where it is
//! not worth checking) whose `attribution` indexes `attributions`, so that scorers of
//! claim spans (`eval/score.py`) read the one `claims` layer for both uses. In a `report`
//! the claim's `start`/`end` is the attribution's content; in an `opinion` piece it is the
//! whole sentence the source is cited in, frame and all ("X said that Y"), as an editorial
//! cites testimony (a quotation over several sentences: a claim per sentence, each pointing
//! to the one attribution), and a claim of the author's over that sentence or a part of it
//! is merged into it.
//!
//! `genre` is what the document reads as, from a model over the profile of its candidate
//! claims (`assets/models/README.md`). In a `report`, the reporter's own statements (no
//! source makes them) are claims only when check-worthy; the others are `narration`, in
//! text order: what the document says in its own voice that is not worth checking, not
//! claims (scorers of `claims` do not see them), but lined up by `lede compare`. In an
//! `opinion` piece `narration` is empty and the author's statements are claims when the
//! claim model finds them checkable.
//!
//! Schema 5 made an attributed claim in an `opinion` piece span its whole sentence (one
//! claim per sentence).
//! Schema 4 added `genre` and `narration`. Schema 3 added `attributions` and
//! `claims[].attribution`. Schema 2 added
//! `claims[].checkworthy` and made `score` a learned probability.

use crate::analysis::{text::CharIndex, Analysis, NaiveDate};
use crate::document::{DateSource, Document};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Value};

/// The schema version written in every document's `schema` field.
pub const SCHEMA_VERSION: u32 = 5;

/// Document metadata written beside the analysis.
#[derive(Debug, Clone, Default)]
pub struct Meta<'a> {
    /// The document id (the input's `id`, else the source).
    pub id: &'a str,
    /// Where it came from.
    pub source: &'a str,
    /// Title, if known.
    pub title: Option<&'a str>,
    /// Byline, if known.
    pub byline: Option<&'a str>,
    /// Publication date, if known.
    pub dct: Option<NaiveDate>,
    /// Where `dct` came from.
    pub dct_source: Option<DateSource>,
    /// Site or publication name, if known.
    pub site: Option<&'a str>,
    /// Language (BCP 47), if known.
    pub lang: Option<&'a str>,
}

impl<'a> Meta<'a> {
    /// The metadata of `doc`, written under `id` and `source`, with `dct` as its date
    /// (the document's own when `dct` is `None`; [`DateSource::Flag`] when it differs).
    pub fn of(doc: &'a Document, id: &'a str, source: &'a str, dct: Option<NaiveDate>) -> Self {
        let dct_source = match dct {
            Some(d) if doc.date == Some(d) => doc.date_source,
            Some(_) => Some(DateSource::Flag),
            None => None,
        };
        Meta {
            id,
            source,
            title: doc.title.as_deref(),
            byline: doc.byline.as_deref(),
            dct,
            dct_source,
            site: doc.site.as_deref(),
            lang: doc.lang.as_deref(),
        }
    }
}

/// The JSON object for one analysed document: serialising it writes the object field by
/// field, building one array element at a time, so a book-length analysis never exists
/// twice in memory. Keys come in sorted order, as in a [`Value`] object.
pub fn analysis_json<'a>(meta: &'a Meta<'a>, text: &'a str, a: &'a Analysis) -> AnalysisJson<'a> {
    AnalysisJson {
        meta,
        text,
        a,
        idx: CharIndex::new(text),
    }
}

/// One analysed document ready to serialise ([`analysis_json`]).
pub struct AnalysisJson<'a> {
    meta: &'a Meta<'a>,
    text: &'a str,
    a: &'a Analysis,
    idx: CharIndex<'a>,
}

/// An array serialised from an iterator, element by element.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator<Item = Value>,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for AnalysisJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (meta, text, a) = (self.meta, self.text, self.a);
        let c = |b: usize| self.idx.to_char(b);
        let mut m = s.serialize_map(Some(19))?;
        m.serialize_entry(
            "actors",
            &Seq(|| {
                a.actors.iter().map(|x| {
                    json!({
                        "id": x.id, "name": x.name, "kind": x.kind.as_str(),
                        "aliases": x.aliases, "roles": x.roles, "mentions": x.mentions.len(),
                        "first": c(x.first_offset(a)),
                    })
                })
            }),
        )?;
        m.serialize_entry(
            "attributions",
            &Seq(|| {
                a.attributions.iter().map(|at| {
                    let pair = |s: &std::ops::Range<usize>| json!([c(s.start), c(s.end)]);
                    json!({
                        "start": c(at.span.start), "end": c(at.span.end),
                        "fragments": at.fragments.iter().map(pair).collect::<Vec<_>>(),
                        "cue": at.cue.as_ref().map(|s| &text[s.clone()]),
                        "cue_span": at.cue.as_ref().map(pair),
                        "claimer": at.claimer, "claimer_span": at.claimer_span.as_ref().map(pair),
                        "claimer_actor": at.claimer_actor,
                        "claimer_name": at.claimer_actor
                            .and_then(|id| a.actors.get(id.0 as usize))
                            .map(|x| x.name.as_str())
                            .or(at.claimer.as_deref()),
                    })
                })
            }),
        )?;
        m.serialize_entry("byline", &meta.byline)?;
        m.serialize_entry(
            "claims",
            &Seq(|| {
                a.claims.iter().map(|k| {
                    json!({
                        "start": c(k.span.start), "end": c(k.span.end),
                        "kind": k.kind.as_str(), "claimer": k.claimer, "hedged": k.hedged,
                        "actors": k.actors, "score": (k.score * 1000.0).round() / 1000.0,
                        "checkworthy": k.checkworthy, "attribution": k.attribution,
                    })
                })
            }),
        )?;
        m.serialize_entry("dct", &meta.dct.map(|d| d.format("%Y-%m-%d").to_string()))?;
        m.serialize_entry("dct_source", &meta.dct_source.map(DateSource::as_str))?;
        m.serialize_entry(
            "entities",
            &Seq(|| {
                a.mentions.iter().map(|x| {
                    json!({
                        "start": c(x.span.start), "end": c(x.span.end),
                        "label": x.label.as_str(), "actor": x.actor,
                    })
                })
            }),
        )?;
        m.serialize_entry("genre", a.genre.as_str())?;
        m.serialize_entry("id", meta.id)?;
        m.serialize_entry("lang", &meta.lang)?;
        m.serialize_entry(
            "narration",
            &Seq(|| {
                a.narration.iter().map(|k| {
                    json!({
                        "start": c(k.span.start), "end": c(k.span.end),
                        "kind": k.kind.as_str(), "hedged": k.hedged, "actors": k.actors,
                        "score": (k.score * 1000.0).round() / 1000.0,
                    })
                })
            }),
        )?;
        m.serialize_entry("schema", &SCHEMA_VERSION)?;
        m.serialize_entry(
            "sentences",
            &Seq(|| {
                a.sentences
                    .iter()
                    .map(|x| json!({"start": c(x.span.start), "end": c(x.span.end)}))
            }),
        )?;
        m.serialize_entry("site", &meta.site)?;
        m.serialize_entry("source", meta.source)?;
        m.serialize_entry("text", text)?;
        m.serialize_entry(
            "timeline",
            &Seq(|| {
                a.timeline.iter().map(|e| {
                    json!({
                        "order": e.order, "value": e.value, "timex": e.timex,
                        "start": c(e.span.start), "end": c(e.span.end), "text": e.text,
                    })
                })
            }),
        )?;
        m.serialize_entry(
            "timexes",
            &Seq(|| {
                a.timexes.iter().map(|t| {
                    json!({
                        "start": c(t.span.start), "end": c(t.span.end),
                        "type": t.kind.as_str(), "value": t.value,
                    })
                })
            }),
        )?;
        m.serialize_entry("title", &meta.title)?;
        m.end()
    }
}
