//! Several documents side by side: actors merged across them, the claims they share
//! (the same assertion in different words), the claims only one makes, and who is quoted
//! in which.
//!
//! Input is each document's text with its [`Analysis`]; nothing is re-analysed here.
//!
//! - **Actors** are merged across documents by name: two actors are one when a name or
//!   alias of one is a name or alias of the other (case, a leading "the" and a possessive
//!   aside), or when a name of one word in one document is the surname of exactly one
//!   person's full name among the documents. The same name is one actor
//!   whatever kind each document's tagger gave it (its kind is the one most of its
//!   mentions have); a row never holds two actors of one document.
//! - **Claims** are matched by content. Each claim becomes a set of features: the stems of
//!   its content words ([`stem`]), its numbers (words and digits alike, "twelve" = "12"),
//!   the merged actors it names and, more lightly, its claimer. Each feature weighs its
//!   inverse document frequency over all the claims compared, numbers and actors more
//!   (and, if [`Params::spread_weight`] says so, less when the claims of many documents
//!   have it). Two claims of different documents match when the weight they share, over
//!   the geometric mean of their weights, reaches [`Params::threshold`]; matches are
//!   grouped strongest first as [`Params::linkage`] allows, never two claims of one
//!   document in a group.
//! - **Sources**: the claimers, merged like actors, each with its claims per document.
//!
//! The default parameters are fitted on half of the hand-labelled test set in
//! `tests/fixtures/compare/` (each group of articles alone, and all of that half's
//! groups compared at once) by the test `fit` in `tests/compare_quality.rs`, and
//! measured on the other half (`docs/quality.md`).
//!
//! Pure: no terminal, filesystem or network.

use super::{ActorId, Analysis, ClaimId, Label, Span};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// One document to compare: its text and its analysis.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The document text every span of `analysis` points into.
    pub text: &'a str,
    /// Its analysis.
    pub analysis: &'a Analysis,
}

/// Matching parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Least similarity (0–1) at which two claims of different documents match.
    pub threshold: f32,
    /// Weight factor of a number.
    pub number_weight: f32,
    /// Weight factor of a named actor.
    pub actor_weight: f32,
    /// Weight factor of the claimer (who says it), when known.
    pub claimer_weight: f32,
    /// How much less a feature counts for being in the claims of many of the
    /// documents (an exponent: 0 not at all).
    pub spread_weight: f32,
    /// How groups of matched claims join.
    pub linkage: Linkage,
}

impl Default for Params {
    /// The parameters fitted on the training half of the test set (the claimer's
    /// weight was set by hand: the hand-marked claims of the test set have no claimer).
    fn default() -> Self {
        Params {
            threshold: THRESHOLD,
            number_weight: 1.5,
            actor_weight: 2.0,
            claimer_weight: 0.5,
            spread_weight: 0.0,
            linkage: Linkage::Single,
        }
    }
}

/// The default [`Params::threshold`]: the middle of the best range on the training half
/// of `tests/fixtures/compare/` for the default weights (the test `compare_quality`
/// checks it still is).
pub const THRESHOLD: f32 = 0.33;

/// One actor across the documents.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossActor {
    /// The fullest name used for it.
    pub name: String,
    /// PER, ORG or LOC (the kind most of its mentions have).
    pub kind: Label,
    /// Every other name it goes by, in any document.
    pub aliases: Vec<String>,
    /// For each document, the actors of that document it is (usually one or none).
    pub docs: Vec<Vec<ActorId>>,
    /// For each document, its number of mentions there.
    pub mentions: Vec<usize>,
}

impl CrossActor {
    /// In how many documents it appears.
    pub fn doc_count(&self) -> usize {
        self.mentions.iter().filter(|&&m| m > 0).count()
    }
}

/// Actors merged across documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorTable {
    /// The merged actors: in most documents first, then most mentioned.
    pub actors: Vec<CrossActor>,
    /// For each document, for each of its actors (by id), the index in `actors`.
    pub of: Vec<Vec<usize>>,
}

impl ActorTable {
    /// The merged actor of actor `id` of document `doc`.
    pub fn get(&self, doc: usize, id: ActorId) -> Option<usize> {
        self.of.get(doc)?.get(id.0 as usize).copied()
    }
}

/// A claim of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef {
    /// Index of the document in the input.
    pub doc: usize,
    /// The claim in that document's analysis.
    pub claim: ClaimId,
}

/// Claims of several documents that make the same assertion.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedClaim {
    /// One claim per document, in document order.
    pub members: Vec<ClaimRef>,
    /// The weakest similarity that joined the group (0–1).
    pub similarity: f32,
}

/// Who is quoted, across the documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The source's name (the merged actor's, else the claimer as written).
    pub name: String,
    /// Index in [`ActorTable::actors`], when the claimer is a named actor.
    pub actor: Option<usize>,
    /// For each document, the claims it attributes to this source.
    pub claims: Vec<Vec<ClaimId>>,
}

impl Source {
    /// In how many documents this source is quoted.
    pub fn doc_count(&self) -> usize {
        self.claims.iter().filter(|c| !c.is_empty()).count()
    }
}

/// Everything lined up across the documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Actors merged across the documents.
    pub actors: ActorTable,
    /// Claims several documents share, those in most documents first.
    pub shared: Vec<SharedClaim>,
    /// Claims only one document makes, by document then text order.
    pub unique: Vec<ClaimRef>,
    /// Sources quoted, those quoted in most documents first.
    pub sources: Vec<Source>,
}

/// Line up `docs`: actors, shared and unique claims, sources.
pub fn compare(docs: &[Input<'_>], params: &Params) -> Coverage {
    let actors = merge_actors(docs);
    let mut refs = Vec::new();
    let mut units = Vec::new();
    for (d, input) in docs.iter().enumerate() {
        let by_name = names_of(input.analysis);
        for (claim, c) in input.analysis.statements() {
            refs.push(ClaimRef { doc: d, claim });
            let claimer = claimer_actor(
                input,
                &by_name,
                c.claimer_span.as_ref(),
                c.claimer.as_deref(),
            );
            units.push(Unit {
                doc: d,
                span: c.span.clone(),
                actors: c.actors.clone(),
                claimer,
            });
        }
    }
    let pairs = similarities(docs, &actors, &units, params);
    let groups = group(&units, &pairs, params);
    let mut shared = Vec::new();
    let mut unique = Vec::new();
    for g in groups {
        if g.members.len() == 1 {
            unique.push(refs[g.members[0]]);
        } else {
            shared.push(SharedClaim {
                members: g.members.iter().map(|&u| refs[u]).collect(),
                similarity: g.similarity,
            });
        }
    }
    // By document, then text order (a report's narration is numbered after its claims).
    let place = |r: &ClaimRef| {
        (
            r.doc,
            docs[r.doc].analysis.statement(r.claim).span.start,
            r.claim,
        )
    };
    shared.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(place(&a.members[0]).cmp(&place(&b.members[0])))
    });
    unique.sort_by_key(place);
    let sources = sources(docs, &actors, &units, &refs);
    Coverage {
        actors,
        shared,
        unique,
        sources,
    }
}

/// A passage to match: a claim, or a hand-labelled span in a test.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Index of its document.
    pub doc: usize,
    /// Byte span in that document's text.
    pub span: Span,
    /// Actors of that document it names.
    pub actors: Vec<ActorId>,
    /// The actor of that document who says it, if named.
    pub claimer: Option<ActorId>,
}

impl Unit {
    /// A unit for `span` of document `doc`, naming the actors mentioned inside it.
    pub fn from_span(doc: usize, input: &Input<'_>, span: Span) -> Unit {
        let mut actors: Vec<ActorId> = input
            .analysis
            .mentions
            .iter()
            .filter(|m| m.span.start >= span.start && m.span.end <= span.end)
            .filter_map(|m| m.actor)
            .collect();
        actors.sort();
        actors.dedup();
        Unit {
            doc,
            span,
            actors,
            claimer: None,
        }
    }
}

/// A group of matched units (indices into the units), in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Unit indices, one per document at most.
    pub members: Vec<usize>,
    /// The weakest similarity that joined the group (1 for a single unit).
    pub similarity: f32,
}

/// The similarity of every pair of units of different documents that share a feature:
/// `(i, j, similarity)` with `i < j`.
pub fn similarities(
    docs: &[Input<'_>],
    actors: &ActorTable,
    units: &[Unit],
    params: &Params,
) -> Vec<(usize, usize, f32)> {
    let mut interner: FxHashMap<Feature, u32> = FxHashMap::default();
    let mut kinds: Vec<FeatureKind> = Vec::new();
    let feats: Vec<Vec<u32>> = units
        .iter()
        .map(|u| {
            let mut f: Vec<u32> = features(&docs[u.doc], u.doc, actors, u)
                .into_iter()
                .map(|feat| {
                    let kind = feat.kind();
                    *interner.entry(feat).or_insert_with(|| {
                        kinds.push(kind);
                        (kinds.len() - 1) as u32
                    })
                })
                .collect();
            f.sort_unstable();
            f.dedup();
            f
        })
        .collect();
    // Inverse document frequency over the units, scaled by the feature's kind, and
    // lowered for a feature that the claims of many of the documents have: the story's
    // own words ("the roof", "the museum") say which story a claim is in, not which
    // assertion it makes.
    let mut df = vec![0u32; kinds.len()];
    let mut spread = vec![0u32; kinds.len()];
    let mut last_doc = vec![usize::MAX; kinds.len()];
    for (f, u) in feats.iter().zip(units) {
        for &x in f {
            df[x as usize] += 1;
            if last_doc[x as usize] != u.doc {
                last_doc[x as usize] = u.doc;
                spread[x as usize] += 1;
            }
        }
    }
    let n = units.len().max(1) as f32;
    let mut doc_ids: Vec<usize> = units.iter().map(|u| u.doc).collect();
    doc_ids.sort_unstable();
    doc_ids.dedup();
    let n_docs = doc_ids.len().max(1) as f32;
    let weight: Vec<f32> = kinds
        .iter()
        .zip(df.iter().zip(&spread))
        .map(|(k, (&d, &s))| {
            let idf = (1.0 + n / d.max(1) as f32).ln();
            let story = ((1.0 + n_docs / s.max(1) as f32).ln() / (1.0 + n_docs).ln())
                .powf(params.spread_weight);
            idf * story
                * match k {
                    FeatureKind::Word => 1.0,
                    FeatureKind::Number => params.number_weight,
                    FeatureKind::Actor => params.actor_weight,
                    FeatureKind::Claimer => params.claimer_weight,
                }
        })
        .collect();
    let total: Vec<f32> = feats
        .iter()
        .map(|f| f.iter().map(|&x| weight[x as usize]).sum())
        .collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); kinds.len()];
    for (i, f) in feats.iter().enumerate() {
        for &x in f {
            postings[x as usize].push(i as u32);
        }
    }
    let mut out = Vec::new();
    let mut acc = vec![0f32; units.len()];
    let mut touched = Vec::new();
    for (i, f) in feats.iter().enumerate() {
        for &x in f {
            let w = weight[x as usize];
            for &j in &postings[x as usize] {
                let j = j as usize;
                if j <= i || units[j].doc == units[i].doc {
                    continue;
                }
                if acc[j] == 0.0 {
                    touched.push(j);
                }
                acc[j] += w;
            }
        }
        for &j in &touched {
            let denom = (total[i] * total[j]).sqrt();
            if denom > 0.0 {
                out.push((i, j, (acc[j] / denom).min(1.0)));
            }
            acc[j] = 0.0;
        }
        touched.clear();
    }
    out
}

/// How two groups of matched claims join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linkage {
    /// When any pair across them reaches the threshold (groups chain: A ~ B ~ C
    /// joins A and C however little they share).
    Single,
    /// When the mean similarity of all pairs across them (a pair sharing nothing counts
    /// 0) reaches the threshold.
    Average,
    /// When every pair across them reaches the threshold.
    Complete,
}

/// Group units: pairs at `params.threshold` or above are tried strongest first, and
/// join their groups when [`Params::linkage`] allows and the two groups have no
/// document in common. Every unit is in exactly one group; groups are returned by
/// their first unit.
pub fn group(units: &[Unit], pairs: &[(usize, usize, f32)], params: &Params) -> Vec<Group> {
    let threshold = params.threshold;
    let mut sorted: Vec<&(usize, usize, f32)> = pairs.iter().filter(|p| p.2 >= threshold).collect();
    sorted.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let sim: FxHashMap<(usize, usize), f32> = pairs
        .iter()
        .map(|&(i, j, s)| ((i.min(j), i.max(j)), s))
        .collect();
    let sim_of = |x: usize, y: usize| sim.get(&(x.min(y), x.max(y))).copied().unwrap_or(0.0);
    // Each group: its units and the weakest link; `of` maps a unit to its group.
    let mut of: Vec<usize> = (0..units.len()).collect();
    let mut groups: Vec<Option<Group>> = (0..units.len())
        .map(|u| {
            Some(Group {
                members: vec![u],
                similarity: 1.0,
            })
        })
        .collect();
    for &&(i, j, s) in &sorted {
        let (gi, gj) = (of[i], of[j]);
        if gi == gj {
            continue;
        }
        let (Some(a), Some(b)) = (&groups[gi], &groups[gj]) else {
            continue;
        };
        let clash = a
            .members
            .iter()
            .any(|&x| b.members.iter().any(|&y| units[x].doc == units[y].doc));
        if clash {
            continue;
        }
        let cross = || {
            a.members
                .iter()
                .flat_map(|&x| b.members.iter().map(move |&y| (x, y)))
        };
        let link = match params.linkage {
            Linkage::Single => s,
            Linkage::Average => {
                let n = (a.members.len() * b.members.len()) as f32;
                cross().map(|(x, y)| sim_of(x, y)).sum::<f32>() / n
            }
            Linkage::Complete => cross().map(|(x, y)| sim_of(x, y)).fold(1.0, f32::min),
        };
        if link < threshold {
            continue;
        }
        let Some(b) = groups[gj].take() else { continue };
        for &m in &b.members {
            of[m] = gi;
        }
        if let Some(a) = groups[gi].as_mut() {
            a.members.extend(b.members);
            a.members.sort_by_key(|&m| (units[m].doc, m));
            a.similarity = a.similarity.min(b.similarity).min(link);
        }
    }
    groups.into_iter().flatten().collect()
}

/// What a claim is made of, for matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Feature {
    Word(String),
    Number(String),
    Actor(usize),
    Claimer(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FeatureKind {
    Word,
    Number,
    Actor,
    Claimer,
}

impl Feature {
    fn kind(&self) -> FeatureKind {
        match self {
            Feature::Word(_) => FeatureKind::Word,
            Feature::Number(_) => FeatureKind::Number,
            Feature::Actor(_) => FeatureKind::Actor,
            Feature::Claimer(_) => FeatureKind::Claimer,
        }
    }
}

/// The features of `unit`: words outside actor mentions stemmed, numbers normalised,
/// the merged actors it names and its claimer.
fn features(input: &Input<'_>, doc: usize, table: &ActorTable, unit: &Unit) -> Vec<Feature> {
    let text = input.text;
    let span = unit.span.clone();
    let mut out = Vec::new();
    // Mentions inside the span: their words count as the actor, not as words.
    let inside: Vec<&Span> = input
        .analysis
        .mentions
        .iter()
        .filter(|m| m.span.start < span.end && m.span.end > span.start)
        .map(|m| &m.span)
        .collect();
    for &a in &unit.actors {
        if let Some(x) = table.get(doc, a) {
            out.push(Feature::Actor(x));
        }
    }
    for m in &inside {
        if let Some(x) = input
            .analysis
            .mentions
            .iter()
            .find(|k| &&k.span == m)
            .and_then(|k| k.actor)
            .and_then(|a| table.get(doc, a))
        {
            out.push(Feature::Actor(x));
        }
    }
    if let Some(x) = unit.claimer.and_then(|a| table.get(doc, a)) {
        out.push(Feature::Claimer(x));
    }
    let Some(s) = text.get(span.clone()) else {
        return out;
    };
    let words = words(s, span.start);
    let mut k = 0;
    while k < words.len() {
        let (start, w) = &words[k];
        if inside.iter().any(|m| m.contains(start)) {
            k += 1;
            continue;
        }
        // A number: digits, or number words ("two hundred", "1.5 million").
        if let Some((value, used)) = number_at(&words[k..]) {
            out.push(Feature::Number(value));
            k += used;
            continue;
        }
        let lower = w.to_lowercase();
        if !is_stopword(&lower) {
            let st = stem(&lower);
            if !st.is_empty() {
                out.push(Feature::Word(st));
            }
        }
        k += 1;
    }
    out
}

/// Words and numbers of `s` with their byte offsets (`base` + offset in `s`): runs of
/// letters, digits and inner `.`/`,` (in numbers), `'`, `-`; a `%` is its own word.
fn words(s: &str, base: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let inner = match c {
            '.' | ',' => {
                cur.chars().last().is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())
            }
            '\'' | '’' | '-' => !cur.is_empty() && next.is_some_and(char::is_alphanumeric),
            _ => false,
        };
        if c.is_alphanumeric() || inner {
            if cur.is_empty() {
                start = i;
            }
            cur.push(if c == '’' { '\'' } else { c });
        } else {
            if !cur.is_empty() {
                out.push((base + start, std::mem::take(&mut cur)));
            }
            if c == '%' {
                out.push((base + i, "percent".to_string()));
            }
        }
    }
    if !cur.is_empty() {
        out.push((base + start, cur));
    }
    out
}

/// A number starting at `words[0]`: its normalised value and how many words it used.
/// "12", "1,200", "twelve", "two hundred", "1.5 million", "a dozen" are numbers.
fn number_at(words: &[(usize, String)]) -> Option<(String, usize)> {
    let first = words.first()?.1.to_lowercase();
    let mut value: f64;
    let mut used = 1;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = first.chars().filter(|&c| c != ',').collect();
        // "3rd", "1990s": keep the digits.
        let lead: String = digits
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        value = lead.parse().ok()?;
    } else if let Some(v) = small_number(&first) {
        value = v;
    } else {
        return None;
    }
    // Multipliers: "two hundred", "1.5 million", "twenty-five thousand".
    while let Some((_, w)) = words.get(used) {
        let m = match w.to_lowercase().as_str() {
            "hundred" => 100.0,
            "thousand" => 1e3,
            "million" => 1e6,
            "billion" => 1e9,
            "trillion" => 1e12,
            _ => break,
        };
        value *= m;
        used += 1;
    }
    let s = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    };
    Some((s, used))
}

fn small_number(w: &str) -> Option<f64> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let part = |p: &str| -> Option<f64> {
        if let Some(i) = ONES.iter().position(|&x| x == p) {
            return Some(i as f64);
        }
        TENS.iter()
            .position(|&x| x == p)
            .map(|i| (i as f64 + 2.0) * 10.0)
    };
    if w == "dozen" {
        return Some(12.0);
    }
    if w == "half" {
        return Some(0.5);
    }
    match w.split_once('-') {
        Some((t, o)) => Some(part(t)? + part(o)?),
        None => part(w),
    }
}

/// Function words and reporting verbs: they say nothing about what a claim asserts.
fn is_stopword(w: &str) -> bool {
    const STOP: &[&str] = &[
        "a",
        "about",
        "above",
        "according",
        "across",
        "added",
        "adds",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "along",
        "already",
        "also",
        "although",
        "am",
        "among",
        "an",
        "and",
        "announced",
        "another",
        "any",
        "are",
        "around",
        "as",
        "at",
        "be",
        "became",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "claimed",
        "could",
        "did",
        "do",
        "does",
        "during",
        "each",
        "either",
        "else",
        "even",
        "ever",
        "every",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "later",
        "least",
        "less",
        "like",
        "made",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "near",
        "nearly",
        "neither",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "quite",
        "rather",
        "really",
        "reported",
        "reportedly",
        "said",
        "same",
        "say",
        "saying",
        "says",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "told",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "stated",
        "states",
        "noted",
        "insisted",
        "confirmed",
        "explained",
        "argued",
        "believes",
        "believed",
        "tell",
        "tells",
        "telling",
        "'s",
        "s",
        "mr",
        "mrs",
        "ms",
        "dr",
    ];
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| STOP.iter().copied().collect());
    w.chars().count() < 2 || SET.contains(w)
}

/// A light English stemmer for matching, not display: irregular verb forms to their
/// base, then the longest common inflectional or derivational suffix off (leaving three
/// letters at least), then the first seven letters. "evacuated", "evacuation" and
/// "evacuating" all become "evacu"; "governments" and "government" become "govern".
pub fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches('\'');
    if let Some(base) = irregular(w) {
        return base.to_string();
    }
    const SUFFIXES: &[&str] = &[
        "ational", "ional", "ization", "ations", "ically", "nesses", "ements", "ation", "ments",
        "ities", "ement", "ating", "ingly", "ment", "ness", "ings", "ated", "ates", "ions", "ives",
        "ally", "ful", "ity", "ing", "ion", "ive", "ies", "ied", "ers", "ate", "ed", "er", "es",
        "ly", "al", "s", "e", "y",
    ];
    let mut base = w;
    for suf in SUFFIXES {
        if let Some(rest) = w.strip_suffix(suf) {
            if rest.chars().count() >= 3 {
                base = rest;
                break;
            }
        }
    }
    // A doubled final consonant from inflection ("planned", "cutting").
    let bytes = base.as_bytes();
    let n = bytes.len();
    if n >= 4
        && bytes[n - 1] == bytes[n - 2]
        && !matches!(
            bytes[n - 1],
            b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z'
        )
        && base.is_ascii()
    {
        base = &base[..n - 1];
    }
    base.chars().take(7).collect()
}

/// The base of an irregular verb form (or of a plural without a regular suffix).
fn irregular(w: &str) -> Option<&'static str> {
    const FORMS: &[(&str, &str)] = &[
        ("began", "begin"),
        ("begun", "begin"),
        ("bought", "buy"),
        ("brought", "bring"),
        ("built", "build"),
        ("caught", "catch"),
        ("children", "child"),
        ("chose", "choos"),
        ("chosen", "choos"),
        ("dead", "die"),
        ("death", "die"),
        ("deaths", "die"),
        ("died", "die"),
        ("dies", "die"),
        ("drove", "driv"),
        ("driven", "driv"),
        ("fell", "fall"),
        ("fallen", "fall"),
        ("fled", "flee"),
        ("flew", "fly"),
        ("flown", "fly"),
        ("found", "find"),
        ("froze", "freez"),
        ("frozen", "freez"),
        ("gave", "give"),
        ("given", "give"),
        ("gone", "go"),
        ("went", "go"),
        ("grew", "grow"),
        ("grown", "grow"),
        ("held", "hold"),
        ("hid", "hid"),
        ("hidden", "hid"),
        ("kept", "keep"),
        ("knew", "know"),
        ("known", "know"),
        ("led", "lead"),
        ("left", "leav"),
        ("lost", "lose"),
        ("men", "man"),
        ("met", "meet"),
        ("paid", "pay"),
        ("people", "person"),
        ("ran", "run"),
        ("rose", "rise"),
        ("risen", "rise"),
        ("sent", "send"),
        ("shut", "shut"),
        ("sold", "sell"),
        ("spent", "spend"),
        ("spoke", "speak"),
        ("spoken", "speak"),
        ("stole", "steal"),
        ("stolen", "steal"),
        ("struck", "strik"),
        ("taken", "take"),
        ("took", "take"),
        ("thought", "think"),
        ("threw", "throw"),
        ("thrown", "throw"),
        ("women", "woman"),
        ("won", "win"),
        ("wrote", "writ"),
        ("written", "writ"),
    ];
    static MAP: LazyLock<FxHashMap<&'static str, &'static str>> =
        LazyLock::new(|| FORMS.iter().copied().collect());
    MAP.get(w).copied()
}

/// The claimer of a claim as an actor of its document: the actor of a mention at the
/// claimer's span, else the first actor whose name or alias is the claimer as written
/// (`by_name`: [`names_of`] the document's actors).
fn claimer_actor(
    input: &Input<'_>,
    by_name: &FxHashMap<String, ActorId>,
    span: Option<&Span>,
    name: Option<&str>,
) -> Option<ActorId> {
    let a = input.analysis;
    if let Some(span) = span {
        if let Some(id) = a
            .mentions
            .iter()
            .find(|m| m.span.start < span.end && m.span.end > span.start && m.actor.is_some())
            .and_then(|m| m.actor)
        {
            return Some(id);
        }
    }
    by_name.get(&name_key(name?)).copied()
}

/// Each name and alias of a document's actors (as [`name_key`]) to the first actor
/// called so.
fn names_of(analysis: &Analysis) -> FxHashMap<String, ActorId> {
    let mut out = FxHashMap::default();
    for x in &analysis.actors {
        for n in std::iter::once(&x.name).chain(&x.aliases) {
            out.entry(name_key(n)).or_insert(x.id);
        }
    }
    out
}

/// A name as compared: lower case, straight apostrophes, single spaces, without a
/// leading "the" or a trailing possessive.
fn name_key(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    let joined = words.join(" ");
    joined
        .strip_suffix("'s")
        .map(str::to_string)
        .unwrap_or(joined)
}

/// Merge the actors of every document (see the module documentation).
pub fn merge_actors(docs: &[Input<'_>]) -> ActorTable {
    // Nodes: (doc, actor); union-find over them.
    let mut nodes: Vec<(usize, usize)> = Vec::new();
    for (d, input) in docs.iter().enumerate() {
        for i in 0..input.analysis.actors.len() {
            nodes.push((d, i));
        }
    }
    let actor = |n: usize| {
        let (d, i) = nodes[n];
        &docs[d].analysis.actors[i]
    };
    let keys: Vec<Vec<String>> = (0..nodes.len())
        .map(|n| {
            let a = actor(n);
            let mut k: Vec<String> = std::iter::once(&a.name)
                .chain(&a.aliases)
                .map(|s| name_key(s))
                .filter(|s| !s.is_empty())
                .collect();
            k.sort();
            k.dedup();
            k
        })
        .collect();
    let own: Vec<String> = (0..nodes.len()).map(|n| name_key(&actor(n).name)).collect();
    let mut sets = Sets::new(nodes.iter().map(|n| n.0).collect());
    // Same name or alias: canonical names first, the stronger evidence, then all names;
    // two rows never join when each already has an actor of the same document.
    for all_names in [false, true] {
        let mut by_key: Vec<(&str, usize)> = Vec::new();
        for (n, ks) in keys.iter().enumerate() {
            if all_names {
                by_key.extend(ks.iter().map(|k| (k.as_str(), n)));
            } else {
                by_key.push((own[n].as_str(), n));
            }
        }
        by_key.sort_unstable();
        for run in by_key.chunk_by(|a, b| a.0 == b.0) {
            // One name is one actor whatever kind the tagger gave it in each document:
            // on one story, "Wexley" tagged a person in one headline and a town in
            // another article is far likelier a tagging slip than two referents.
            for w in run.windows(2) {
                sets.join(w[0].1, w[1].1);
            }
        }
    }
    // A surname alone: the one full name ending with it, if only one does.
    let mut full_by_last: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (n, ks) in keys.iter().enumerate() {
        if actor(n).kind != Label::Person {
            continue;
        }
        for k in ks {
            if let Some((_, last)) = k.rsplit_once(' ') {
                full_by_last.entry(last).or_default().push(n);
            }
        }
    }
    for (n, ks) in keys.iter().enumerate() {
        // The lone name may be tagged anything: "Brisk said" reads like an organisation
        // to a tagger that has not seen the first name.
        if ks.iter().any(|k| k.contains(' ')) {
            continue;
        }
        for k in ks {
            let Some(cands) = full_by_last.get(k.as_str()) else {
                continue;
            };
            let mut roots: Vec<usize> = cands.iter().map(|&c| sets.find(c)).collect();
            roots.sort_unstable();
            roots.dedup();
            if let [r] = roots[..] {
                sets.join(r, n);
            }
        }
    }
    // Build the merged actors.
    let mut index: FxHashMap<usize, usize> = FxHashMap::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for n in 0..nodes.len() {
        let r = sets.find(n);
        let next = members.len();
        let g = *index.entry(r).or_insert(next);
        if g == members.len() {
            members.push(Vec::new());
        }
        members[g].push(n);
    }
    let mut actors: Vec<CrossActor> = members
        .iter()
        .map(|ms| {
            let mut x = CrossActor {
                name: String::new(),
                kind: Label::Person,
                aliases: Vec::new(),
                docs: vec![Vec::new(); docs.len()],
                mentions: vec![0; docs.len()],
            };
            let mut kind_count: FxHashMap<&'static str, (Label, usize)> = FxHashMap::default();
            let mut names: Vec<&String> = Vec::new();
            for &n in ms {
                let (d, _) = nodes[n];
                let a = actor(n);
                x.docs[d].push(a.id);
                x.mentions[d] += a.mentions.len();
                kind_count.entry(a.kind.as_str()).or_insert((a.kind, 0)).1 += a.mentions.len();
                names.push(&a.name);
                names.extend(&a.aliases);
            }
            // The fullest name: most words, then longest, then first seen.
            let best = ms.iter().map(|&n| &actor(n).name).max_by(|a, b| {
                (a.split_whitespace().count(), a.len())
                    .cmp(&(b.split_whitespace().count(), b.len()))
                    .then(std::cmp::Ordering::Greater)
            });
            x.name = best.cloned().unwrap_or_default();
            let mut kinds: Vec<(Label, usize)> = kind_count.into_values().collect();
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
            x.kind = kinds.first().map_or(Label::Person, |k| k.0);
            let own = name_key(&x.name);
            let mut seen = vec![own];
            for n in names {
                let k = name_key(n);
                if !seen.contains(&k) {
                    seen.push(k);
                    x.aliases.push(n.clone());
                }
            }
            x
        })
        .collect();
    let mut order: Vec<usize> = (0..actors.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&actors[a], &actors[b]);
        y.doc_count()
            .cmp(&x.doc_count())
            .then(
                y.mentions
                    .iter()
                    .sum::<usize>()
                    .cmp(&x.mentions.iter().sum()),
            )
            .then(a.cmp(&b))
    });
    let mut rank = vec![0; actors.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g] = r;
    }
    let mut of: Vec<Vec<usize>> = docs
        .iter()
        .map(|i| vec![0; i.analysis.actors.len()])
        .collect();
    for (g, ms) in members.iter().enumerate() {
        for &n in ms {
            let (d, i) = nodes[n];
            of[d][i] = rank[g];
        }
    }
    let mut slots: Vec<Option<CrossActor>> = actors.drain(..).map(Some).collect();
    let actors = order.iter().filter_map(|&g| slots[g].take()).collect();
    ActorTable { actors, of }
}

/// The merged actors by name, for claimers the documents' own analyses did not resolve:
/// built once, so that naming a claimer costs a lookup, not a pass over every actor.
struct NameIndex {
    /// Each name or alias (as [`name_key`]) to the first actor called so.
    exact: FxHashMap<String, usize>,
    /// The last word of each person's names to the persons whose name ends so.
    surname: FxHashMap<String, Vec<usize>>,
}

impl NameIndex {
    fn new(table: &ActorTable) -> Self {
        let mut exact = FxHashMap::default();
        let mut surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, a) in table.actors.iter().enumerate() {
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let key = name_key(n);
                if a.kind == Label::Person {
                    if let Some((_, last)) = key.rsplit_once(' ') {
                        let v = surname.entry(last.to_string()).or_default();
                        if v.last() != Some(&i) {
                            v.push(i);
                        }
                    }
                }
                exact.entry(key).or_insert(i);
            }
        }
        NameIndex { exact, surname }
    }

    /// The merged actor `claimer` is called by in some document: one whose name or
    /// alias it is, else the one person whose full name ends with it (a surname
    /// alone), if only one does.
    fn actor_named(&self, claimer: &str) -> Option<usize> {
        let key = name_key(claimer);
        if let Some(&i) = self.exact.get(&key) {
            return Some(i);
        }
        if key.contains(' ') {
            return None;
        }
        match self.surname.get(&key).map(Vec::as_slice) {
            Some(&[i]) => Some(i),
            _ => None,
        }
    }
}

/// A description's content words, stemmed, sorted and deduplicated: the same for
/// "the regional emergency office" and "the emergency office of the region".
fn content_key(s: &str) -> String {
    let mut stems: Vec<String> = words(s, 0)
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| !is_stopword(w))
        .map(|w| stem(&w))
        .collect();
    stems.sort();
    stems.dedup();
    if stems.is_empty() {
        name_key(s)
    } else {
        stems.join(" ")
    }
}

/// Union-find over actors of several documents, a set never holding two actors of
/// one document.
struct Sets {
    parent: Vec<usize>,
    /// For each root, the documents of its members (sorted).
    docs: Vec<Vec<usize>>,
}

impl Sets {
    /// One set per node; `doc_of[n]` is node `n`'s document.
    fn new(doc_of: Vec<usize>) -> Self {
        Sets {
            parent: (0..doc_of.len()).collect(),
            docs: doc_of.into_iter().map(|d| vec![d]).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join the sets of `a` and `b` unless they share a document.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b || self.docs[a].iter().any(|d| self.docs[b].contains(d)) {
            return;
        }
        let moved = std::mem::take(&mut self.docs[b]);
        self.docs[a].extend(moved);
        self.docs[a].sort_unstable();
        self.parent[b] = a;
    }
}

/// The claimers across documents: merged actors, else the claimer's name as written.
fn sources(
    docs: &[Input<'_>],
    table: &ActorTable,
    units: &[Unit],
    refs: &[ClaimRef],
) -> Vec<Source> {
    let mut rows: Vec<Source> = Vec::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    let names = NameIndex::new(table);
    for (u, r) in units.iter().zip(refs) {
        let claim = docs[r.doc].analysis.statement(r.claim);
        let Some(claimer) = claim.claimer.as_deref() else {
            continue;
        };
        let actor = u
            .claimer
            .and_then(|a| table.get(r.doc, a))
            .or_else(|| names.actor_named(claimer));
        let key = match actor {
            Some(x) => format!("actor:{x}"),
            // "The regional emergency office" and "the emergency office of the region"
            // are one source: the same content words.
            None => format!("name:{}", content_key(claimer)),
        };
        let next = rows.len();
        let row = *by_key.entry(key).or_insert(next);
        if row == rows.len() {
            rows.push(Source {
                name: actor.map_or_else(|| claimer.to_string(), |x| table.actors[x].name.clone()),
                actor,
                claims: vec![Vec::new(); docs.len()],
            });
        }
        rows[row].claims[r.doc].push(r.claim);
    }
    rows.sort_by(|a, b| {
        b.doc_count().cmp(&a.doc_count()).then(
            b.claims
                .iter()
                .map(Vec::len)
                .sum::<usize>()
                .cmp(&a.claims.iter().map(Vec::len).sum()),
        )
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn stems_meet_across_inflection_and_derivation() {
        for (a, b) in [
            ("evacuated", "evacuation"),
            ("evacuating", "evacuated"),
            ("governments", "government"),
            ("planned", "plans"),
            ("killed", "killing"),
            ("died", "deaths"),
            ("estimated", "estimates"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("bridge"), stem("budget"));
    }

    #[test]
    fn stopwords_are_function_words() {
        assert!(is_stopword("the") && is_stopword("according") && is_stopword("yours"));
        assert!(!is_stopword("flood"));
    }

    #[test]
    fn irregular_forms_have_a_base() {
        assert_eq!(irregular("went"), Some("go"));
        assert_eq!(irregular("women"), Some("woman"));
        assert_eq!(irregular("children"), Some("child"));
        assert_eq!(irregular("walked"), None);
    }

    #[test]
    fn numbers_in_words_and_digits_are_one_value() {
        let n = |s: &str| number_at(&words(s, 0)).map(|x| x.0);
        assert_eq!(n("twelve people"), Some("12".into()));
        assert_eq!(n("12 people"), Some("12".into()));
        assert_eq!(n("1,200 homes"), Some("1200".into()));
        assert_eq!(n("1.5 million euros"), Some("1500000".into()));
        assert_eq!(n("two hundred"), Some("200".into()));
        assert_eq!(n("twenty-five"), Some("25".into()));
        assert_eq!(n("homes"), None);
    }

    /// Each text's analysis.
    fn analyses(texts: &[&str]) -> Vec<Analysis> {
        texts.iter().map(|t| analyze(t, None)).collect()
    }

    /// The texts with their analyses, as `compare` takes them.
    fn inputs<'a>(texts: &[&'a str], analyses: &'a [Analysis]) -> Vec<Input<'a>> {
        texts
            .iter()
            .zip(analyses)
            .map(|(text, analysis)| Input { text, analysis })
            .collect()
    }

    #[test]
    fn actors_merge_by_alias_and_lone_surname() {
        let a = "Mayor Ilse Varnholt opened the new bridge in Dunmere on Monday. \
                 Varnholt said the bridge cost four million euros.";
        let b = "The bridge in Dunmere cost four million euros, Varnholt told reporters.";
        let an = analyses(&[a, b]);
        let docs = inputs(&[a, b], &an);
        let t = merge_actors(&docs);
        let v = t
            .actors
            .iter()
            .find(|c| c.name == "Ilse Varnholt")
            .expect("merged person");
        assert!(v.mentions[0] > 0 && v.mentions[1] > 0, "{v:?}");
        let d = t
            .actors
            .iter()
            .find(|c| c.name == "Dunmere")
            .expect("place");
        assert_eq!(d.doc_count(), 2);
        // Every actor of every document has a row.
        for (doc, input) in docs.iter().enumerate() {
            for a in &input.analysis.actors {
                let row = &t.actors[t.get(doc, a.id).unwrap()];
                assert!(row.docs[doc].contains(&a.id));
            }
        }
    }

    #[test]
    fn an_ambiguous_surname_stays_apart() {
        let a = "Anja Morrow and Petra Morrow both ran for the council in Tessby.";
        let b = "Morrow won the seat in Tessby.";
        let an = analyses(&[a, b]);
        let docs = inputs(&[a, b], &an);
        let t = merge_actors(&docs);
        for row in &t.actors {
            if row.kind == Label::Person && row.mentions[1] > 0 {
                assert_eq!(row.mentions[0], 0, "{row:?}");
            }
        }
    }

    #[test]
    fn paraphrased_claims_match_and_others_do_not() {
        let a = "Floods in Dunmere forced 1,200 residents from their homes on Tuesday. \
                 The city council approved a new budget for schools.";
        let b = "On Tuesday, some 1,200 people in Dunmere were forced out of their homes \
                 by flooding. A local bakery won a national prize.";
        let an = analyses(&[a, b]);
        let docs = inputs(&[a, b], &an);
        let table = merge_actors(&docs);
        let span = |t: &str, s: &str| {
            let i = t.find(s).unwrap();
            i..i + s.len()
        };
        let units = vec![
            Unit::from_span(0, &docs[0], span(a, "Floods in Dunmere forced 1,200 residents from their homes on Tuesday.")),
            Unit::from_span(0, &docs[0], span(a, "The city council approved a new budget for schools.")),
            Unit::from_span(1, &docs[1], span(b, "On Tuesday, some 1,200 people in Dunmere were forced out of their homes by flooding.")),
            Unit::from_span(1, &docs[1], span(b, "A local bakery won a national prize.")),
        ];
        let pairs = similarities(&docs, &table, &units, &Params::default());
        let groups = group(&units, &pairs, &Params::default());
        assert!(
            groups.iter().any(|g| g.members == vec![0, 2]),
            "{groups:?} {pairs:?}"
        );
        assert!(groups
            .iter()
            .all(|g| !g.members.contains(&1) || g.members.len() == 1));
        assert!(groups
            .iter()
            .all(|g| !g.members.contains(&3) || g.members.len() == 1));
    }

    #[test]
    fn unnamed_sources_with_the_same_content_words_are_one() {
        assert_eq!(
            content_key("the regional emergency office"),
            content_key("The emergency office of the region")
        );
        assert_ne!(content_key("the fire brigade"), content_key("the police"));
    }

    #[test]
    fn a_source_quoted_by_surname_alone_is_one_row() {
        let a = "Mayor Oona Brisk said the town would ask the government for help.";
        let b = "The town would ask the government for help, Brisk said.";
        let an = analyses(&[a, b]);
        let docs = inputs(&[a, b], &an);
        let cov = compare(&docs, &Params::default());
        let rows: Vec<&Source> = cov
            .sources
            .iter()
            .filter(|s| s.name.contains("Brisk"))
            .collect();
        assert_eq!(rows.len(), 1, "{:?}", cov.sources);
        assert_eq!(rows[0].doc_count(), 2, "{:?}", cov.sources);
    }

    #[test]
    fn a_group_never_holds_two_claims_of_one_document() {
        let units: Vec<Unit> = [0, 0, 1]
            .iter()
            .map(|&doc| Unit {
                doc,
                span: 0..0,
                actors: vec![],
                claimer: None,
            })
            .collect();
        let pairs = [(0, 2, 0.9), (1, 2, 0.8)];
        let params = Params {
            threshold: 0.5,
            ..Params::default()
        };
        let groups = group(&units, &pairs, &params);
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().any(|g| g.members == vec![0, 2]));
        assert!(groups.iter().any(|g| g.members == vec![1]));
    }

    #[test]
    fn compare_puts_every_claim_in_shared_or_unique() {
        let a = "The Dunmere council said the bridge would cost four million euros. \
                 Police arrested three men in Tessby on Friday.";
        let b = "According to the Dunmere council, the bridge will cost 4 million euros. \
                 The harbour in Tessby will close for two weeks, officials said.";
        let an = analyses(&[a, b]);
        let docs = inputs(&[a, b], &an);
        let cov = compare(&docs, &Params::default());
        let total: usize =
            cov.shared.iter().map(|s| s.members.len()).sum::<usize>() + cov.unique.len();
        assert_eq!(
            total,
            an.iter().map(|a| a.statements().count()).sum::<usize>()
        );
        for s in &cov.shared {
            let mut d: Vec<usize> = s.members.iter().map(|m| m.doc).collect();
            d.dedup();
            assert_eq!(d.len(), s.members.len());
        }
    }

    #[test]
    fn linkage_decides_whether_a_chain_joins() {
        // A ~ B and B ~ C are strong, A and C share nothing.
        let units: Vec<Unit> = [0, 1, 2]
            .iter()
            .map(|&doc| Unit {
                doc,
                span: 0..0,
                actors: vec![],
                claimer: None,
            })
            .collect();
        let pairs = [(0, 1, 0.9), (1, 2, 0.8)];
        let sizes = |linkage| {
            let params = Params {
                threshold: 0.5,
                linkage,
                ..Params::default()
            };
            let mut n: Vec<usize> = group(&units, &pairs, &params)
                .iter()
                .map(|g| g.members.len())
                .collect();
            n.sort_unstable();
            n
        };
        assert_eq!(sizes(Linkage::Single), vec![3]);
        // Average: (0.8 + 0) / 2 < 0.5; complete: 0 < 0.5.
        assert_eq!(sizes(Linkage::Average), vec![1, 2]);
        assert_eq!(sizes(Linkage::Complete), vec![1, 2]);
    }
}
