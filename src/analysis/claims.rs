//! Claims: check-worthy assertions with their kind, claimer and hedging.
//!
//! Claims read the analysis' one token stream ([`crate::analysis::tokens`]) through
//! [`lex::Words`]: lower-cased forms, computed once per document. Attributions ([`attribution`]) give
//! claims whose span is the content of what a source says and whose claimer is that
//! source as written. Other sentences are weighed from cue words ([`lex`]): numbers,
//! dates, names and event verbs make a concrete, checkable statement; modal and
//! evaluative words, first and second person, questions and exclamations mark the
//! author's opinion or rhetoric, which is not a claim.
//!
//! Pure; no I/O. Lexicons are embedded from `assets/lexicons/`.

mod attribution;
mod checkworthy;
mod claimers;
mod lex;
mod spans;

#[doc(hidden)]
pub use spans::Candidates as SpanCandidates;

pub(crate) use claimers::resolve_claimers;

use super::tokens::Tokens;
use super::{
    Actor, ActorId, Analysis, Attribution, Claim, ClaimKind, Genre, Label, Mention, Sentence, Span,
    TimeExpr,
};
use checkworthy::{Context, Features, CHECKWORTHY, CLAIM, GENRE};
use lex::{Tok, Words};
use std::ops::Range;

/// How many candidates, from the start, make a document's profile for the genre model
/// (as `scripts/train-genre` reads them).
const PROFILE_CANDIDATES: usize = 500;

/// How many candidates a document needs before it can read as a report.
const MIN_PROFILE: usize = 8;

/// What [`extract`] finds.
pub struct Extracted {
    /// Claims in text order.
    pub claims: Vec<Claim>,
    /// In a report, the reporter's statements that are not check-worthy.
    pub narration: Vec<Claim>,
    /// Attributions in text order.
    pub attributions: Vec<Attribution>,
    /// What the document reads as.
    pub genre: Genre,
}

/// Find claims in the text, scored for check-worthiness, and the attributions whose
/// contents they are (every attributed claim points to its attribution). In a document
/// that reads as a news report, the reporter's own statements are claims only when
/// check-worthy; the others go to the narration. The shared token stream is given up
/// once the claim stages have read it, to bound memory.
pub fn extract(
    text: &str,
    sentences: &[Sentence],
    tokens: Tokens,
    mentions: &[Mention],
    _actors: &[Actor],
    timexes: &[TimeExpr],
) -> Extracted {
    let words = Words::new(text, tokens);
    let Found {
        mut cands,
        actors: cand_actors,
    } = candidates(text, sentences, &words, mentions, None);
    let mut keep = Vec::with_capacity(cands.len());
    let mut places = Vec::with_capacity(cands.len());
    // The genre model reads the profile of the first candidates: enough for any article,
    // and a book's opening says what it is without scoring it all twice.
    let (mut profile, mut profiled) = (0.0f32, 0usize);
    for_each_features(
        text,
        sentences,
        &words,
        mentions,
        timexes,
        &mut cands,
        |c, f| {
            if profiled < PROFILE_CANDIDATES {
                profile += GENRE.linear(f);
                profiled += 1;
            }
            c.score = CHECKWORTHY.score(f);
            places.push((
                f.context.sentence,
                !f.context.heading && !f.context.question,
            ));
            c.hedged |= f.hedges > 0;
            let attributed = c.kind == ClaimKind::Attributed;
            if !attributed {
                c.kind = kind_of(f);
            }
            keep.push(attributed || !f.context.heading && CLAIM.score(f) >= CLAIM.threshold);
        },
    );
    drop(words);
    // A few sentences are too little to tell a report by (and too few for the third
    // that may be highlighted): they keep every claim.
    let profiled_enough = profiled >= MIN_PROFILE;
    let genre = if profiled_enough && GENRE.score_mean(profile, profiled) >= GENRE.threshold {
        Genre::Report
    } else {
        Genre::Opinion
    };
    let mut scores: Vec<f32> = cands.iter().map(|c| c.score).collect();
    CHECKWORTHY.rank(&mut scores, &places);
    drop(places);
    for (c, s) in cands.iter_mut().zip(scores) {
        c.score = s;
        c.checkworthy = s > 0.0 && s >= CHECKWORTHY.threshold;
    }
    let mut k = keep.into_iter();
    cands.retain(|_| k.next().unwrap_or(false));
    let mut attributions = Vec::new();
    let mut claims: Vec<Claim> = cands
        .into_iter()
        .map(|c| {
            let mut claim = c.claim(text, &cand_actors);
            if c.kind == ClaimKind::Attributed {
                claim.attribution = Some(attributions.len());
                attributions.push(Attribution {
                    span: claim.span.clone(),
                    fragments: c.fragments,
                    cue: c.cue.as_ref().map(wide),
                    claimer: claim.claimer.clone(),
                    claimer_span: claim.claimer_span.clone(),
                    claimer_actor: None,
                });
            }
            claim
        })
        .collect();
    if genre == Genre::Opinion && profiled_enough {
        as_statements(sentences, &mut claims);
    }
    at_most_a_third(sentences, &mut claims);
    let mut narration = Vec::new();
    if genre == Genre::Report {
        let (keep, rest): (Vec<Claim>, Vec<Claim>) = claims
            .into_iter()
            .partition(|c| c.attribution.is_some() || c.checkworthy);
        claims = keep;
        narration = rest;
    }
    Extracted {
        claims,
        narration,
        attributions,
        genre,
    }
}

/// In an opinion piece a source's claim is the whole sentence it is made in ("X said
/// that Y"), as an editorial cites testimony: the statement the author relies on, with who
/// makes it; its attribution keeps the content alone. A quotation over several sentences
/// is a claim per sentence, each pointing to the one attribution. Claims that come to cover
/// the same sentence are one (an attributed one first, the best score), and an author's
/// claim within a source's sentence is part of the source's; the list stays in text order.
fn as_statements(sentences: &[Sentence], claims: &mut Vec<Claim>) {
    let mut out = Vec::with_capacity(claims.len());
    for c in claims.drain(..) {
        if c.attribution.is_none() {
            out.push(c);
            continue;
        }
        for span in whole_sentences(sentences, &c.span) {
            out.push(Claim { span, ..c.clone() });
        }
    }
    *claims = out;
    // Outer spans first, and of equal spans the attributed one.
    claims.sort_by_key(|c| {
        (
            c.span.start,
            std::cmp::Reverse(c.span.end),
            c.attribution.is_none(),
        )
    });
    claims.dedup_by(|later, kept| {
        let within = kept.span.start <= later.span.start && later.span.end <= kept.span.end;
        let part =
            later.span == kept.span || kept.attribution.is_some() && later.attribution.is_none();
        if !(within && part) {
            return false;
        }
        kept.score = kept.score.max(later.score);
        kept.checkworthy |= later.checkworthy;
        true
    });
}

/// The whole sentences `span` lies in, in order, the first and last stretched to cover
/// `span` (`span` itself when it lies outside every sentence).
fn whole_sentences(sentences: &[Sentence], span: &Span) -> Vec<Span> {
    let a = sentences.partition_point(|s| s.span.end <= span.start);
    let b = sentences.partition_point(|s| s.span.start < span.end);
    if a >= b {
        return vec![span.clone()];
    }
    let mut out: Vec<Span> = sentences[a..b].iter().map(|s| s.span.clone()).collect();
    out[0].start = out[0].start.min(span.start);
    let last = out.len() - 1;
    out[last].end = out[last].end.max(span.end);
    out
}

/// Keep `checkworthy` on the best-scored claims only, so that they touch at most a
/// third of the sentences (a highlight on everything means nothing).
fn at_most_a_third(sentences: &[Sentence], claims: &mut [Claim]) {
    // A third rounded down: on a page of seven sentences, two (three would be 43%).
    let allowed = sentences.len() / 3;
    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].checkworthy)
        .collect();
    order.sort_by(|&a, &b| claims[b].score.total_cmp(&claims[a].score).then(a.cmp(&b)));
    let mut touched = vec![false; sentences.len()];
    let mut n = 0;
    for i in order {
        let span = &claims[i].span;
        let a = sentences.partition_point(|s| s.span.end <= span.start);
        let b = sentences
            .partition_point(|s| s.span.start < span.end)
            .max(a + 1);
        let new = (a..b.min(sentences.len())).filter(|&k| !touched[k]).count();
        if n + new > allowed {
            claims[i].checkworthy = false;
            continue;
        }
        for t in &mut touched[a..b.min(sentences.len())] {
            *t = true;
        }
        n += new;
    }
}

/// One candidate claim and its features by name, as the model reads them.
#[doc(hidden)]
pub struct FeatureRow {
    /// The candidate (before scoring).
    pub claim: Claim,
    /// It lies in a title, heading, byline or caption (never reported unless attributed).
    pub heading: bool,
    /// The index of the sentence it starts in.
    pub sentence: usize,
    /// The whole sentences it lies in: an attributed claim's spans in an opinion piece.
    pub whole: Vec<Span>,
    /// Feature names and values.
    pub features: Vec<(String, f32)>,
}

/// Every candidate claim with its features: what `scripts/train-checkworthy` fits the
/// model on (through the `claim_features` example).
#[doc(hidden)]
pub fn feature_rows(text: &str, a: &Analysis) -> Vec<FeatureRow> {
    let words = Words::new(text, Tokens::new(text, &a.sentences));
    let Found { mut cands, actors } = candidates(text, &a.sentences, &words, &a.mentions, None);
    let mut rows = Vec::with_capacity(cands.len());
    for_each_features(
        text,
        &a.sentences,
        &words,
        &a.mentions,
        &a.timexes,
        &mut cands,
        |c, f| {
            rows.push(FeatureRow {
                claim: c.claim(text, &actors),
                heading: f.context.heading,
                sentence: f.context.sentence,
                whole: whole_sentences(&a.sentences, &wide(&c.span)),
                features: f.named(),
            });
        },
    );
    rows
}

/// One attribution's candidate content spans and their features, as the span model
/// weighed them (byte offsets): what `scripts/train-spans` fits the model on (through
/// the `span_features` example).
#[doc(hidden)]
#[derive(Debug)]
pub struct SpanRow {
    /// The cue.
    pub cue: Span,
    /// The content the rules found.
    pub rule: Span,
    /// The content the model chose.
    pub chosen: Span,
    /// Every candidate start, end and pair with its features.
    pub candidates: spans::Candidates,
}

/// Every attribution's candidate content spans with their features.
#[doc(hidden)]
pub fn span_rows(text: &str, a: &Analysis) -> Vec<SpanRow> {
    let words = Words::new(text, Tokens::new(text, &a.sentences));
    let mut rows = Vec::new();
    candidates(text, &a.sentences, &words, &a.mentions, Some(&mut rows));
    rows
}

/// Call `f` with each claim and the features of its tokens in their context.
fn for_each_features(
    text: &str,
    sentences: &[Sentence],
    words: &Words,
    mentions: &[Mention],
    timexes: &[TimeExpr],
    claims: &mut [Cand],
    mut f: impl FnMut(&mut Cand, &Features),
) {
    let questions = checkworthy::questions(text, sentences);
    let sentence_of = |c: &Cand| {
        sentences
            .partition_point(|s| s.span.end <= c.span.start as usize)
            .min(sentences.len().saturating_sub(1))
    };
    let asks = checkworthy::asker_shares(claims.iter().map(|c| {
        let asks = questions.get(sentence_of(c)).copied().unwrap_or(false);
        (c.claimer.as_ref().map(|s| &text[wide(s)]), asks)
    }));
    // Words per sentence, counted once for the sentence the claims are in.
    let mut sentence_words = (usize::MAX, 0);
    for (c, asks) in claims.iter_mut().zip(asks) {
        let span = wide(&c.span);
        let made = statement(text, c);
        let toks = &words.within(made.start, made.end);
        let m = mentions.partition_point(|m| m.span.start < span.start);
        let inside = mentions[m..].iter().take_while(|m| m.span.end <= span.end);
        let mut context = Context {
            attributed: c.reported,
            quotation: text[span.clone()].starts_with(['“', '"']),
            ..Context::default()
        };
        for m in inside {
            match m.label {
                Label::Person => context.persons += 1,
                Label::Org => context.orgs += 1,
                Label::Place => context.places += 1,
                Label::Misc => {}
            }
        }
        let x = timexes.partition_point(|t| t.span.start < span.start);
        context.timex = timexes.get(x).is_some_and(|t| t.span.end <= span.end);
        let s = sentence_of(c);
        if let Some(&question) = questions.get(s) {
            context.question = question;
            context.heading = is_heading(text, sentences, s);
        }
        context.sentence = s;
        context.claimer_asks = asks;
        if sentence_words.0 != s {
            sentence_words = (s, words.sentence_words(s));
        }
        let content = toks
            .iter()
            .filter(|t| t.word && span.start <= t.start && t.end <= span.end)
            .count();
        context.share = content as f32 / sentence_words.1.max(1) as f32;
        let feats = checkworthy::features(toks, context);
        f(c, &feats);
    }
}

/// The statement as made, which check-worthiness reads: an attribution's content with
/// its cue and claimer ("the minister said the plant will close"), since who says it
/// and how weigh in what is worth checking; other claims as they are. A transcript
/// turn's or signed quotation's mark (a colon, a dash) is not part of it.
fn statement(text: &str, c: &Cand) -> Span {
    let mut s = wide(&c.span);
    let Some(cue) = &c.cue else {
        return s;
    };
    if !text[wide(cue)].starts_with(char::is_alphabetic) {
        return s;
    }
    for p in std::iter::once(cue).chain(c.claimer.as_ref()) {
        s.start = s.start.min(p.start as usize);
        s.end = s.end.max(p.end as usize);
    }
    s
}

/// Whether sentence `i` is a title, heading, byline, caption or dateline: alone in its
/// paragraph, short, and either without closing punctuation or the document's first
/// paragraph before a longer text.
pub(crate) fn is_heading(text: &str, sentences: &[Sentence], i: usize) -> bool {
    let s = &sentences[i].span;
    let before = &text[..s.start];
    let after = &text[s.end..];
    let line_start = i == 0 || before.trim_end_matches([' ', '\t']).ends_with('\n');
    let line_end =
        i + 1 == sentences.len() || after.trim_start_matches([' ', '\t']).starts_with('\n');
    if !(line_start && line_end) {
        return false;
    }
    let t = &text[s.clone()];
    let words = t.split_whitespace().count();
    let closed = t
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', ':']);
    words <= 20 && (!closed || i == 0 && sentences.len() > 3) || is_byline(t)
}

/// Whether a sentence's text is a byline ("By Ana Ruiz and Li Wei") or a wire story's
/// credits ("Reporting by Ana Ruiz; Editing by Li Wei").
pub(crate) fn is_byline(t: &str) -> bool {
    let credits = [
        "Reporting by ",
        "Additional reporting by ",
        "Writing by ",
        "Editing by ",
    ];
    // Words are counted only for a line that opens like one.
    let words = || t.split_whitespace().count();
    t.starts_with("By ") && words() <= 8
        || credits.iter().any(|c| t.starts_with(c)) && words() <= 30
}

/// Claims before scoring: attributions, whole quotations and clauses, in text order.
fn candidates(
    text: &str,
    sentences: &[Sentence],
    words: &Words,
    mentions: &[Mention],
    mut dump: Option<&mut Vec<SpanRow>>,
) -> Found {
    let mut found = Found::default();
    // The words of the document's person and organisation names, lower-cased as tokens
    // are, each with the first and last start of a name holding it: a label before a
    // colon made of them names a speaker when the text names them elsewhere too.
    let mut name_words: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut key = String::new(); // a new word's key is allocated only the first time
    for m in mentions
        .iter()
        .filter(|m| matches!(m.label, Label::Person | Label::Org))
    {
        let words =
            text[m.span.clone()].split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        for w in words.filter(|w| !w.is_empty()) {
            key.clear();
            key.extend(w.chars().flat_map(char::to_lowercase).map(|c| match c {
                '’' => '\'',
                c => c,
            }));
            match name_words.get_mut(key.as_str()) {
                Some(at) => at.1 = m.span.start,
                None => {
                    name_words.insert(key.clone(), (m.span.start, m.span.start));
                }
            }
        }
    }
    let mut units: Vec<Unit> = Vec::with_capacity(sentences.len());
    let mut quotes = Vec::new();
    let mut m = 0; // first mention not before the current sentence
    let mut open_quote: Option<u32> = None;
    for (i, s) in sentences.iter().enumerate() {
        while m < mentions.len() && mentions[m].span.start < s.span.start {
            m += 1;
        }
        let sent_mentions =
            &mentions[m..][..mentions[m..].partition_point(|mm| mm.span.start < s.span.end)];
        let para_start = i == 0 || text[sentences[i - 1].span.end..s.span.start].contains('\n');
        if para_start {
            open_quote = None;
        }
        let toks = &words.sentence(i);
        let q0 = quotes.len();
        quote_marks(text, toks, &mut quotes);
        let open_before = open_quote;
        for &(pos, opening) in &quotes[q0..] {
            open_quote = opening.then_some(pos);
        }
        let c0 = found.cands.len();
        let is_name = |w: &str| {
            name_words
                .get(w)
                .is_some_and(|&(a, b)| a < s.span.start || b >= s.span.end)
        };
        // A byline or a wire story's credits reports no claim.
        if toks.iter().filter(|t| t.word).count() >= 3 && !is_byline(&text[s.span.clone()]) {
            let quoted = quoted_ranges(open_before.is_some(), &quotes[q0..], s.span.end);
            sentence_claims(
                text,
                toks,
                &quoted,
                sent_mentions,
                &is_name,
                &mut found,
                dump.as_deref_mut(),
            );
        }
        let speaker = para_start
            .then(|| attribution::turn_speaker(text, toks, &is_name))
            .flatten()
            .map(|sp| narrow(&sp));
        units.push(Unit {
            speaker,
            first: toks.first().map_or(s.span.start, |t| t.start) as u32,
            para_start,
            open_before,
            quotes: q0 as u32..quotes.len() as u32,
            claims: c0 as u32..found.cands.len() as u32,
        });
    }
    merge_quotations(text, &mut units, &quotes, &mut found.cands);
    drop(quotes);
    carry_claimers(&units, &mut found.cands);
    // The claims of the sentences a quotation took in go.
    let mut keep = vec![false; found.cands.len()];
    for u in &units {
        keep[wide(&u.claims)].fill(true);
    }
    drop(units);
    let mut k = keep.into_iter();
    found.cands.retain(|_| k.next().unwrap_or(false));
    found
}

/// A document's candidate claims, in text order, and the actors they name (each
/// claim's are a range of `actors`).
#[derive(Default)]
struct Found {
    cands: Vec<Cand>,
    actors: Vec<ActorId>,
}

/// A byte span as the candidates keep it, in eight bytes (a document's offsets fit in
/// 32 bits, as in the token stream).
type Span32 = Range<u32>;

/// A [`Span32`] as the analysis' byte span.
fn wide(s: &Span32) -> Span {
    s.start as usize..s.end as usize
}

/// A byte span as a [`Span32`].
fn narrow(s: &Span) -> Span32 {
    s.start as u32..s.end as u32
}

/// One sentence, with what is needed to join quotations across sentences.
struct Unit {
    /// Byte offset of the first token.
    first: u32,
    /// Whether the sentence opens a paragraph.
    para_start: bool,
    /// Where the quotation open at the sentence start was opened, if any.
    open_before: Option<u32>,
    /// The speaker when the sentence opens a transcript turn ("SPEAKER: …").
    speaker: Option<Span32>,
    /// Its double quotation marks: a range of the document's (byte offset, opens).
    quotes: Range<u32>,
    /// Its claims: a range of [`Found::cands`] (emptied when a quotation takes the
    /// sentence in).
    claims: Range<u32>,
}

/// A claim while it is being found, with what its attribution needs. The claimer is
/// the text of `claimer`; the actors are a range of [`Found::actors`].
#[derive(Debug, Clone)]
struct Cand {
    span: Span32,
    kind: ClaimKind,
    /// Byte span of the claimer as written, if any.
    claimer: Option<Span32>,
    hedged: bool,
    actors: Range<u32>,
    score: f32,
    checkworthy: bool,
    /// The reporting cue, for an attribution found in the text.
    cue: Option<Span32>,
    /// The content's pieces when its frame interrupts it ("“A,” she said, “B.”").
    fragments: Vec<Span>,
    /// Reported speech in the text: a cue, or a sentence that is one quotation.
    reported: bool,
}

impl Cand {
    /// The claim it makes (not yet pointing to an attribution).
    fn claim(&self, text: &str, actors: &[ActorId]) -> Claim {
        Claim {
            span: wide(&self.span),
            kind: self.kind,
            claimer: self.claimer.as_ref().map(|s| text[wide(s)].to_string()),
            claimer_span: self.claimer.as_ref().map(wide),
            hedged: self.hedged,
            actors: actors[wide(&self.actors)].to_vec(),
            score: self.score,
            checkworthy: self.checkworthy,
            attribution: None,
        }
    }
}

/// A quotation standing alone takes the claimer of an attribution in one of the three
/// sentences before it (the speaker goes on).
///
/// In a transcript turn ("SPEAKER: …" opening a paragraph), every claim of the turn is
/// the speaker's words: attributed to the speaker.
fn carry_claimers(units: &[Unit], cands: &mut [Cand]) {
    let mut last: Option<(usize, Span32)> = None;
    let mut turn: Option<Span32> = None;
    for (i, u) in units.iter().enumerate() {
        if u.para_start {
            turn = u.speaker.clone();
        }
        for c in &mut cands[wide(&u.claims)] {
            if c.claimer.is_none() {
                if let Some(who) = &turn {
                    c.claimer = Some(who.clone());
                    c.kind = ClaimKind::Attributed;
                    continue;
                }
            }
            if let Some(who) = &c.claimer {
                last = Some((i, who.clone()));
            } else if c.kind == ClaimKind::Attributed {
                if let Some((j, who)) = &last {
                    if i - j <= 3 {
                        c.claimer = Some(who.clone());
                    }
                }
            }
        }
    }
}

/// Double quotation marks of a sentence, as (byte offset, opens), pushed on `out`.
/// Straight quotes open after a space or at the start and close after a word or
/// punctuation.
fn quote_marks(text: &str, toks: &[Tok], out: &mut Vec<(u32, bool)>) {
    out.extend(toks.iter().filter_map(|t| {
        let opens = if t.is('“') {
            true
        } else if t.is('”') {
            false
        } else if t.is('"') || t.is('\'') && text[t.end..].starts_with('\'') {
            text[..t.start]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || "([{—–―:".contains(c))
        } else {
            return None;
        };
        Some((t.start as u32, opens))
    }));
}

/// Byte ranges of a sentence inside quotation marks, given whether a quotation is open
/// at its start.
fn quoted_ranges(open_at_start: bool, quotes: &[(u32, bool)], end: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open = open_at_start.then_some(0);
    for &(pos, opening) in quotes {
        let pos = pos as usize;
        match (open, opening) {
            (None, true) => open = Some(pos),
            (Some(a), false) => {
                out.push(a..pos);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(a) = open {
        out.push(a..end);
    }
    out
}

/// Byte offset just past the quotation mark at `pos`.
fn quote_end(text: &str, pos: u32) -> u32 {
    let pos = pos as usize;
    (pos + text[pos..].chars().next().map_or(1, char::len_utf8)) as u32
}

/// Quotations that run over several sentences belong to one attributed claim:
/// "“A. B,” she said." (the quote opened sentences before the cue), "He said: “A. B.”"
/// (the quote closes sentences after), and "“A,” she said. “B.”" (the quotation goes on
/// after the cue). The sentences taken in lose their own claims (their ranges of
/// `cands` are emptied); `quotes` are the units' quotation marks.
fn merge_quotations(text: &str, units: &mut [Unit], quotes: &[(u32, bool)], cands: &mut [Cand]) {
    let claims = |u: &Unit| wide(&u.claims);
    let quotes_of = |u: &Unit| &quotes[wide(&u.quotes)];
    let said = |u: &Unit, cands: &[Cand]| cands[claims(u)].iter().any(|c| c.claimer.is_some());
    for i in 0..units.len() {
        let Some(ci) = cands[claims(&units[i])]
            .iter()
            .position(|c| c.claimer.is_some())
        else {
            continue;
        };
        let ci = units[i].claims.start as usize + ci;
        // Back to where the quotation opened.
        let (first, open_before) = (units[i].first, units[i].open_before);
        if let Some(q) = open_before {
            if cands[ci].span.start == first && q < first {
                let j = units[..i]
                    .partition_point(|u| u.first <= q)
                    .saturating_sub(1);
                if units[j + 1..i].iter().all(|u| !u.para_start)
                    && units[j..i].iter().all(|u| !said(u, cands))
                {
                    for u in &mut units[j..i] {
                        u.claims.end = u.claims.start;
                    }
                    cands[ci].span.start = q;
                }
            }
        }
        // Forward to where it closes, or over a quotation that goes on after the cue.
        let Some(ci) = cands[claims(&units[i])]
            .iter()
            .rposition(|c| c.claimer.is_some())
        else {
            continue;
        };
        let ci = units[i].claims.start as usize + ci;
        let end = cands[ci].span.end;
        let open_at_end = quotes_of(&units[i]).last().filter(|q| q.1).map(|q| q.0);
        let before = &text[..end as usize];
        let ends_quoted = before.ends_with(['”', '"']) || before.ends_with("''");
        let mut k = i + 1;
        let mut close = None;
        while k < units.len() && !units[k].para_start && k - i <= 8 {
            let u = &units[k];
            let uq = quotes_of(u);
            let continues = open_at_end.is_some_and(|q| q < end)
                || ends_quoted
                    && close.is_none()
                    && k == i + 1
                    && uq.first().is_some_and(|q| q.1 && q.0 == u.first);
            if !continues && close.is_none() && k == i + 1 {
                break;
            }
            if said(u, cands) {
                break;
            }
            if let Some(&(pos, _)) = uq.iter().rev().find(|q| !q.1) {
                close = Some((k, quote_end(text, pos)));
                if open_at_end.is_none_or(|q| q >= end) {
                    break;
                }
                if uq.last().is_some_and(|q| !q.1) {
                    break;
                }
            }
            k += 1;
        }
        if let Some((k, pos)) = close {
            for u in &mut units[i + 1..=k] {
                u.claims.end = u.claims.start;
            }
            // "“A,” she said. “B.”": the frame between the two quotes is no content.
            let resumed = quotes_of(&units[i + 1]).first().map(|q| q.0 as usize);
            let c = &mut cands[ci];
            let pos_w = pos as usize;
            if let Some(q) = resumed.filter(|_| c.cue.as_ref().is_some_and(|cue| cue.start >= end))
            {
                if c.fragments.is_empty() {
                    c.fragments.push(wide(&c.span));
                }
                c.fragments.push(q..pos_w);
            } else if let Some(last) = c.fragments.last_mut() {
                last.end = pos_w;
            }
            c.span.end = pos;
        }
    }
}

/// The most specific kind a claim's features suggest, when no source makes it.
fn kind_of(f: &Features) -> ClaimKind {
    if f.numbers + f.number_words > 0 {
        ClaimKind::Statistic
    } else if f.accusation > 0 {
        ClaimKind::Accusation
    } else if f.causal > 0 {
        ClaimKind::Causal
    } else if f.comparison > 0 {
        ClaimKind::Comparison
    } else if f.prediction > 0 {
        ClaimKind::Prediction
    } else {
        ClaimKind::Factual
    }
}

/// The actors named inside `spans` (`mentions` in text order), each once, pushed on
/// `out`: their range there.
fn actors_in(mentions: &[Mention], spans: &[&Span], out: &mut Vec<ActorId>) -> Range<u32> {
    let a = out.len();
    out.extend(
        spans
            .iter()
            .flat_map(|s| {
                let a = mentions.partition_point(|m| m.span.start < s.start);
                mentions[a..]
                    .iter()
                    .take_while(|m| m.span.start < s.end)
                    .filter(|m| m.span.end <= s.end)
            })
            .filter_map(|m| m.actor),
    );
    out[a..].sort_unstable();
    let mut n = a;
    for k in a..out.len() {
        if n == a || out[k] != out[n - 1] {
            out[n] = out[k];
            n += 1;
        }
    }
    out.truncate(n);
    a as u32..n as u32
}

/// The tokens of `toks` inside `span`.
fn within<'a, 't>(toks: &'a [Tok<'t>], span: &Span) -> &'a [Tok<'t>] {
    let a = toks.partition_point(|t| t.start < span.start);
    let b = toks.partition_point(|t| t.end <= span.end);
    &toks[a..b.max(a)]
}

/// A readable claimer: the name at the end of a long source noun phrase
/// ("Navalny's close associate Leonid Volkov" -> "Leonid Volkov"), else the phrase.
fn claimer_name(toks: &[Tok], source: &Span) -> Span {
    let st = within(toks, source);
    let Some(last) = st.last() else {
        return source.clone();
    };
    if !last.cap {
        return source.clone();
    }
    let mut a = st.len() - 1;
    while a > 0 {
        let t = &st[a - 1];
        let title_dot = t.is('.') && a >= 2 && st[a - 2].cap;
        if (t.word && t.cap) || title_dot {
            a -= 1;
        } else {
            break;
        }
    }
    if a > 0
        && st[..a]
            .iter()
            .any(|t| t.word && !matches!(t.lw(), "the" | "a" | "an"))
    {
        st[a].start..last.end
    } else {
        source.clone()
    }
}

/// The candidate claims of one sentence: its attributions, else the sentence when it
/// is one quotation, else its independent clauses of four words or more. They are
/// scored later, once quotations are joined across sentences.
fn sentence_claims(
    text: &str,
    toks: &[Tok],
    quoted: &[Span],
    mentions: &[Mention],
    is_name: &dyn Fn(&str) -> bool,
    found: &mut Found,
    mut dump: Option<&mut Vec<SpanRow>>,
) {
    let mut attributions = attribution::find(text, toks, quoted, is_name);
    attributions.retain(|a| !is_authors_voice(text, a));
    let claim = |span: &Span, kind, hedged, actors| Cand {
        span: narrow(span),
        kind,
        claimer: None,
        hedged,
        actors,
        score: 0.0,
        checkworthy: false,
        cue: None,
        fragments: Vec::new(),
        reported: kind == ClaimKind::Attributed,
    };
    let first = found.cands.len();
    // Whether every attribution of the sentence reports a stance on an object ("X
    // endorsed Y"): the sentence is then also the author's own claim about X.
    let mut only_objects = !attributions.is_empty();
    if !attributions.is_empty() {
        // Where the next attribution of the sentence starts, when after this one's cue:
        // a content does not run into the next statement ("praised X and said …").
        let next_starts: Vec<Option<usize>> = (0..attributions.len())
            .map(|j| {
                let (a, b) = (&attributions[j], attributions.get(j + 1)?);
                // A source it shares with this one ("The auditor said … and warned") is
                // not where it starts.
                let source = b
                    .source
                    .as_ref()
                    .map(|s| s.start)
                    .filter(|&s| s >= a.cue.end);
                let at = source.map_or(b.cue.start, |s| s.min(b.cue.start));
                (at >= a.cue.end).then_some(at)
            })
            .collect();
        for (mut a, limit) in attributions.into_iter().zip(next_starts) {
            let k = toks.partition_point(|t| t.start < a.cue.start);
            let class = (k < toks.len())
                .then(|| lex::ATTRIBUTION.at(toks, k))
                .flatten()
                .map(|(_, c)| c);
            // A transcript turn ("SPEAKER: …") and a signed quotation keep their whole
            // sentence; the model weighs the contents of the lexicons' cues.
            if a.fragments.is_empty() && class.is_some() {
                learn_content(toks, &mut a, class, limit, dump.as_deref_mut());
            }
            let inner = within(toks, &a.content);
            let object = class == Some(lex::CueClass::Object);
            only_objects &= object;
            if inner.iter().filter(|t| t.word).count() < if object { 1 } else { 2 } {
                continue;
            }
            let claimer_span = a
                .source
                .as_ref()
                .map(|s| claimer_name(toks, s))
                .filter(|s| claimers::plausible(text, within(toks, s), quoted));
            let mut spans = vec![&a.content];
            if let Some(s) = &a.source {
                spans.push(s);
            }
            let mut c = claim(
                &a.content,
                ClaimKind::Attributed,
                a.hedged,
                actors_in(mentions, &spans, &mut found.actors),
            );
            c.claimer = claimer_span.as_ref().map(narrow);
            c.cue = Some(narrow(&a.cue));
            c.fragments = a.fragments.clone();
            found.cands.push(c);
        }
        // A sentence whose cues all lack a content is read as the author's clauses.
        if !only_objects && found.cands.len() > first {
            return;
        }
    }
    if let Some(span) = quotation(text, toks) {
        // A sentence that is one quotation: someone's words, source given nearby.
        let actors = actors_in(mentions, &[&span], &mut found.actors);
        found
            .cands
            .push(claim(&span, ClaimKind::Attributed, false, actors));
        return;
    }
    for (a, b) in clauses(toks) {
        let clause = &toks[a..b];
        if clause.iter().filter(|t| t.word).count() < 4 {
            continue;
        }
        let span = clause[0].start..clause[clause.len() - 1].end;
        let actors = actors_in(mentions, &[&span], &mut found.actors);
        found
            .cands
            .push(claim(&span, ClaimKind::Factual, false, actors));
    }
    found.cands[first..].sort_by_key(|c| c.span.start);
}

/// The token range `[a, b)` of the tokens that start inside `span`.
fn token_range(toks: &[Tok], span: &Span) -> (usize, usize) {
    let a = toks.partition_point(|t| t.start < span.start);
    let b = toks.partition_point(|t| t.start < span.end);
    (a, b.max(a))
}

/// Replace the rule's content of `a` by the span the learned model prefers
/// ([`spans::choose`]), ending before `limit` (a byte offset) and the "and" or
/// punctuation before it; with `dump`, also record the candidates it weighed.
fn learn_content(
    toks: &[Tok],
    a: &mut attribution::Attribution,
    class: Option<lex::CueClass>,
    limit: Option<usize>,
    dump: Option<&mut Vec<SpanRow>>,
) {
    let mut n = attribution::before_final_punct(toks);
    if let Some(l) = limit {
        let mut k = toks.partition_point(|t| t.start < l);
        while k > 0 && (toks[k - 1].lower == "and" || !toks[k - 1].word && !toks[k - 1].is('”')) {
            k -= 1;
        }
        n = n.min(k);
    }
    let frame = spans::Frame {
        cue: token_range(toks, &a.cue),
        source: a.source.as_ref().map(|s| token_range(toks, s)),
        rule: token_range(toks, &a.content),
        class,
    };
    if frame.cue.0 >= frame.cue.1 || frame.rule.0 >= frame.rule.1 || n == 0 {
        return;
    }
    let mut cands = dump.as_ref().map(|_| spans::Candidates::default());
    let (s, e) = spans::choose(toks, n, &frame, cands.as_mut());
    let rule = a.content.clone();
    a.content = spans::span_of(toks, (s, e));
    if let (Some(d), Some(c)) = (dump, cands) {
        d.push(SpanRow {
            cue: a.cue.clone(),
            rule,
            chosen: a.content.clone(),
            candidates: c,
        });
    }
}

/// Whether an attribution voices the author's own view rather than someone's report:
/// a generic or second-person source ("you know", "some argue", "everyone agrees"), or
/// a belief or wish ascribed to a pronoun or to people at large ("we know", "they want").
fn is_authors_voice(text: &str, a: &attribution::Attribution) -> bool {
    let Some(source) = &a.source else {
        return false;
    };
    let source = text[source.clone()].trim().to_lowercase();
    let generic = matches!(
        source.as_str(),
        "you"
            | "you've"
            | "you're"
            | "everyone"
            | "everybody"
            | "some"
            | "someone"
            | "somebody"
            | "anyone"
            | "anybody"
            | "one"
            | "others"
            | "nobody"
            | "many"
            | "most"
            | "few"
            | "all"
            | "a"
            | "an"
            | "its"
            | "his"
            | "their"
    );
    let cue = text[a.cue.clone()].to_lowercase();
    let belief = matches!(
        cue.split_whitespace().next().unwrap_or(""),
        "want"
            | "wants"
            | "wanted"
            | "think"
            | "thinks"
            | "thought"
            | "know"
            | "knows"
            | "knew"
            | "believe"
            | "believes"
            | "believed"
            | "feel"
            | "feels"
            | "felt"
            | "hope"
            | "hopes"
            | "hoped"
            | "fear"
            | "fears"
            | "feared"
            | "understand"
            | "understood"
            | "agree"
            | "agrees"
            | "agreed"
            | "insist"
            | "insists"
            | "insisting"
    );
    generic
        || belief
            && matches!(
                source.as_str(),
                "i" | "we" | "they" | "it" | "people" | "i've" | "we've" | "they've"
            )
}

/// Words that open a clause without being part of what it asserts.
fn is_discourse_marker(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "so"
            | "yet"
            | "however"
            | "indeed"
            | "instead"
            | "moreover"
            | "furthermore"
            | "nevertheless"
            | "nonetheless"
            | "meanwhile"
            | "still"
            | "also"
            | "first"
            | "firstly"
            | "second"
            | "secondly"
            | "finally"
            | "thus"
            | "hence"
            | "besides"
            | "now"
            | "then"
            | "or"
            | "plus"
    )
}

/// Token ranges of the independent clauses of a sentence: split at semicolons, at a
/// spaced dash, and at ", but" / ", and" / ", while" before a new subject; each without
/// its opening discourse marker ("However,") or closing punctuation.
fn clauses(toks: &[Tok]) -> Vec<(usize, usize)> {
    let n = toks.len();
    let mut cuts = vec![0];
    let mut depth = 0i32;
    let last_comma = toks.iter().rposition(|t| t.is(','));
    for k in 1..n.saturating_sub(1) {
        let t = &toks[k];
        if t.is('“') || t.is('(') {
            depth += 1;
        } else if t.is('”') || t.is(')') {
            depth -= 1;
        }
        if depth > 0 {
            continue;
        }
        let next = &toks[k + 1];
        // A pronoun after a comma starts a new clause, unless what precedes is a
        // fronted adverbial or subordinate clause ("In 2012, she …"); asked only there.
        let fronted = || {
            toks[*cuts.last().unwrap_or(&0)..k]
                .iter()
                .find(|t| t.word)
                .is_some_and(|t| {
                    matches!(
                        t.lw(),
                        "in" | "on"
                            | "at"
                            | "after"
                            | "before"
                            | "during"
                            | "since"
                            | "when"
                            | "while"
                            | "if"
                            | "as"
                            | "although"
                            | "though"
                            | "because"
                            | "despite"
                            | "for"
                            | "with"
                            | "by"
                            | "from"
                            | "under"
                            | "over"
                            | "once"
                            | "until"
                            | "like"
                            | "unlike"
                            | "again"
                            | "still"
                            | "now"
                            | "then"
                            | "later"
                            | "today"
                    )
                })
        };
        let cut = t.is(';')
            || t.is(',')
                && matches!(next.lw(), "but" | "while" | "whereas" | "yet" | "although" | "though")
            || t.is(',')
                && matches!(next.lw(), "i" | "he" | "she" | "they" | "we" | "its" | "their")
                && !fronted()
            // A closing "which" clause; one followed by another comma sits inside its
            // sentence ("The attack, which occurred …, represents …").
            || t.is(',') && next.lw() == "which" && last_comma == Some(k)
            || t.is(',')
                && next.lower == "and"
                && toks.get(k + 2).is_some_and(|w| {
                    w.cap
                        || matches!(
                            w.lw(),
                            "he" | "she"
                                | "they"
                                | "it"
                                | "we"
                                | "i"
                                | "the"
                                | "this"
                                | "that"
                                | "there"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                        )
                });
        if cut {
            cuts.push(k);
        }
    }
    cuts.push(n);
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (mut a, mut b) = (w[0], w[1]);
        loop {
            while a < b && !toks[a].word && !toks[a].is('“') && !toks[a].is('"') && !toks[a].is('$')
            {
                a += 1;
            }
            if a < b && toks[a].word && is_discourse_marker(toks[a].lower) && a + 1 < b {
                a += 1;
                continue;
            }
            if a + 1 < b
                && toks[a].word
                && toks[a + 1].is(',')
                && matches!(
                    toks[a].lw(),
                    "course" | "fact" | "example" | "instance" | "all"
                )
            {
                a += 2;
                continue;
            }
            break;
        }
        while b > a
            && (toks[b - 1].is('.')
                || toks[b - 1].is(',')
                || toks[b - 1].is(';')
                || toks[b - 1].is(':'))
        {
            b -= 1;
        }
        if a < b {
            out.push((a, b));
        }
    }
    out
}

/// The span of a sentence that is entirely one quotation ("“We will win.”"), without
/// a period after the closing mark.
fn quotation(text: &str, toks: &[Tok]) -> Option<Span> {
    let first = toks.first()?;
    let mut n = toks.len();
    while n > 1 && toks[n - 1].is('.') {
        n -= 1;
    }
    let last = &toks[n - 1];
    let opens = first.is('“') || first.is('"');
    let closes = last.is('”') || last.is('"');
    let inner = &text[first.end..last.start];
    (opens && closes && n > 2 && !inner.contains(['“', '”', '"'])).then_some(first.start..last.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(t: &str) -> Vec<(String, Option<String>, ClaimKind, bool)> {
        crate::analysis::analyze(t, None)
            .claims
            .into_iter()
            .map(|c| (t[c.span].to_string(), c.claimer, c.kind, c.hedged))
            .collect()
    }

    fn one(t: &str) -> (String, Option<String>, ClaimKind, bool) {
        let c = claims(t);
        assert_eq!(c.len(), 1, "{c:?}");
        c.into_iter().next().unwrap()
    }

    #[test]
    fn claimer_before_cue() {
        let (span, who, kind, _) =
            one("Harbour board spokeswoman Ines Marlow said the ferry was headed to the dock.");
        assert_eq!(span, "the ferry was headed to the dock");
        assert_eq!(who.as_deref(), Some("Ines Marlow"));
        assert_eq!(kind, ClaimKind::Attributed);
    }

    #[test]
    fn claimer_after_content() {
        let (span, who, _, _) = one(
            "Port safety rules called for the cargo to be moved to a sealed shed, sources said.",
        );
        assert_eq!(
            span,
            "Port safety rules called for the cargo to be moved to a sealed shed"
        );
        assert_eq!(who.as_deref(), Some("sources"));
    }

    #[test]
    fn inverted_cue_and_quote() {
        let (span, who, _, _) = one("“We came here with honest intentions,” said Ines Marlow.");
        assert_eq!(span, "“We came here with honest intentions,”");
        assert_eq!(who.as_deref(), Some("Ines Marlow"));
        let (span, who, _, _) = one("“We came here with honest intentions,” she told reporters.");
        assert_eq!(span, "“We came here with honest intentions,”");
        assert_eq!(who.as_deref(), Some("she"));
    }

    #[test]
    fn that_clause_and_aux() {
        let (span, who, _, _) =
            one("The New York Post reports that the team avoided the emergency room.");
        assert_eq!(span, "that the team avoided the emergency room");
        assert_eq!(who.as_deref(), Some("The New York Post"));
        let (span, who, _, _) =
            one("As Navalny’s close associate Leonid Volkov aptly pointed out, the focus on inventing terrorists has diverted resources.");
        assert_eq!(
            span,
            "the focus on inventing terrorists has diverted resources"
        );
        assert_eq!(who.as_deref(), Some("Leonid Volkov"));
    }

    #[test]
    fn according_to_is_hedged() {
        let (span, who, _, hedged) =
            one("According to the ministry, 140 people died in the attack.");
        assert_eq!(span, "140 people died in the attack");
        assert_eq!(who.as_deref(), Some("the ministry"));
        assert!(hedged);
        let (span, who, _, hedged) = one("At least 140 people died, according to officials.");
        assert_eq!(span, "At least 140 people died");
        assert_eq!(who.as_deref(), Some("officials"));
        assert!(hedged);
    }

    #[test]
    fn told_skips_hearer() {
        let (span, who, _, _) = one("He told reporters on Monday that the plan had failed.");
        assert_eq!(span, "that the plan had failed");
        assert_eq!(who.as_deref(), Some("He"));
    }

    #[test]
    fn hedges_mark_claims() {
        let (_, who, kind, hedged) =
            one("The gunmen reportedly killed 140 people in the concert hall in 2024.");
        assert_eq!(who, None);
        assert_eq!(kind, ClaimKind::Statistic);
        assert!(hedged);
    }

    #[test]
    fn generic_beliefs_are_not_attributions() {
        for t in [
            "You know that the old system was broken by then.",
            "We believe that the reform failed the poorest families.",
        ] {
            assert!(
                claims(t).iter().all(|c| c.2 != ClaimKind::Attributed),
                "{t}"
            );
        }
        assert_eq!(
            one("The minister believes that the reform failed.").2,
            ClaimKind::Attributed
        );
    }

    #[test]
    fn statistics_are_claims() {
        let (span, who, kind, _) = one("Putin has been in power for 24 years.");
        assert_eq!(span, "Putin has been in power for 24 years");
        assert_eq!(who, None);
        assert_eq!(kind, ClaimKind::Statistic);
    }

    #[test]
    fn quotation_over_several_sentences_is_one_claim() {
        let c = claims("“We will win. They cannot stop us,” she said. The rally ended at noon.");
        assert_eq!(c[0].0, "“We will win. They cannot stop us,”");
        assert_eq!(c[0].1.as_deref(), Some("she"));
        let c = claims("“We will win,” she said. “Nobody can stop us.”\n\nThe rally ended.");
        assert_eq!(c[0].0, "“We will win,” she said. “Nobody can stop us.”");
    }

    #[test]
    fn cues_inside_quotations_are_the_speakers_words() {
        let (span, who, _, _) = one("He said: “I think the deal is dead.”");
        assert_eq!(span, "“I think the deal is dead.”");
        assert_eq!(who.as_deref(), Some("He"));
    }

    #[test]
    fn transcript_turns_have_the_speaker_as_claimer() {
        let c = claims(
            "MR. ROMNEY: We cut taxes by 5 percent. Unemployment fell to 4 percent in 2006.",
        );
        assert!(c.len() >= 2, "{c:?}");
        assert!(
            c.iter().all(|c| c.1.as_deref() == Some("MR. ROMNEY")),
            "{c:?}"
        );
    }

    #[test]
    fn a_turn_opening_with_an_ellipsis_is_still_the_speakers() {
        let c = claims(
            "MODERATOR: Go ahead.\n\nMR. ROMNEY: ... We cut taxes by 5 percent in 2006. \
             Unemployment fell to 4 percent in 2007.",
        );
        let romney: Vec<_> = c.iter().filter(|c| c.0.contains("percent")).collect();
        assert_eq!(romney.len(), 2, "{c:?}");
        assert!(
            romney.iter().all(|c| c.1.as_deref() == Some("MR. ROMNEY")),
            "{c:?}"
        );
    }

    #[test]
    fn an_opinion_piece_claims_a_source_over_its_whole_sentence() {
        let t = "The mayor said that the new bridge will cost 40 million euros. \
                 The council met on Monday.";
        let a = crate::analysis::analyze(t, None);
        let mut claims = a.claims.clone();
        let said = claims.iter().position(|c| c.attribution.is_some()).unwrap();
        let content = &a.attributions[claims[said].attribution.unwrap()].span;
        assert_eq!(
            &t[content.clone()],
            "that the new bridge will cost 40 million euros"
        );
        // An author's claim inside that sentence (here a copy of the content) is part of
        // the source's claim, and lends it its highlight.
        let mut inner = claims[said].clone();
        inner.attribution = None;
        inner.checkworthy = true;
        claims.push(inner);
        as_statements(&a.sentences, &mut claims);
        assert!(claims
            .iter()
            .all(|c| c.attribution.is_some() || c.span.start > 60));
        assert!(claims
            .iter()
            .any(|c| c.attribution.is_some() && c.checkworthy));
        let whole: Vec<&str> = claims
            .iter()
            .filter(|c| c.attribution.is_some())
            .map(|c| &t[c.span.clone()])
            .collect();
        assert_eq!(
            whole,
            ["The mayor said that the new bridge will cost 40 million euros."]
        );
        // One claim per sentence span: the source's, not a second one of the author's.
        let mut spans: Vec<_> = claims.iter().map(|c| c.span.clone()).collect();
        spans.dedup();
        assert_eq!(spans.len(), claims.len());
    }

    #[test]
    fn an_opinion_piece_claims_a_longer_quotation_sentence_by_sentence() {
        let t = "\"The new bridge will cost 40 million euros. It will open in 2027,\" \
                 the mayor said. The council met on Monday.";
        let a = crate::analysis::analyze(t, None);
        let mut claims = a.claims.clone();
        as_statements(&a.sentences, &mut claims);
        let said: Vec<(&str, Option<usize>)> = claims
            .iter()
            .filter(|c| c.attribution.is_some())
            .map(|c| (&t[c.span.clone()], c.attribution))
            .collect();
        assert_eq!(
            said,
            [
                ("\"The new bridge will cost 40 million euros.", Some(0)),
                ("It will open in 2027,\" the mayor said.", Some(0)),
            ]
        );
    }

    #[test]
    fn modal_hedges() {
        let (_, _, _, hedged) =
            one("The attackers may have killed 140 people in the hall in 2024.");
        assert!(hedged);
        let (_, _, _, hedged) = one("The attackers killed 140 people in the hall in 2024.");
        assert!(!hedged);
    }

    #[test]
    fn signed_quotation() {
        let (span, who, _, _) = one("“He will win the election in 2016.” ― Jane Doe");
        assert_eq!(span, "“He will win the election in 2016.”");
        assert_eq!(who.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn according_to_mid_sentence_attributes_the_clause_before_it() {
        // PolNeAR's convention, as the span model learned it: the content of a
        // mid-sentence "according to" is what comes before it (in its training
        // compartment, seven of ten such contents; one in thirteen spans the cue).
        let (span, who, _, _) = one(
            "The top 1 percent paid 25 percent of taxes, according to the budget office, and the rest paid 75 percent.",
        );
        assert_eq!(span, "The top 1 percent paid 25 percent of taxes");
        assert_eq!(who.as_deref(), Some("the budget office"));
    }

    #[test]
    fn a_byline_names_the_writer_not_a_source() {
        let t = "Harbour Levy Vote\n\nBy Ana Ruiz\n\n\
                 “The levy will ruin the quay,” the mayor said on Monday.";
        let a = crate::analysis::analyze(t, None);
        let at = a.attributions.first().expect("an attribution");
        assert_eq!(at.claimer.as_deref(), Some("the mayor"));
        assert_eq!(at.claimer_actor, None, "{:?}", a.actors);
        // A person the text itself names before is still the one referred to.
        let t = "Harbour Levy Vote\n\nBy Ana Ruiz\n\n\
                 Mayor Tom Berg opened the meeting. \
                 “The levy will ruin the quay,” the mayor said on Monday.";
        let a = crate::analysis::analyze(t, None);
        let at = a.attributions.first().expect("an attribution");
        let id = at.claimer_actor.expect("resolved");
        assert_eq!(a.actors[id.0 as usize].name, "Tom Berg");
    }

    #[test]
    fn a_headline_label_the_article_names_is_its_speaker() {
        // "Okafor:" opens the headline; the body names Dana Okafor. A label the text
        // names nowhere else stays a label.
        let t = "Okafor: Harbour Levy Is Unfair to Small Traders\n\n\
                 Council member Dana Okafor voted against the harbour levy on Tuesday. \
                 Okafor said the levy would close shops along the quay.\n\n\
                 Update: the vote was held again on Friday.";
        let a = crate::analysis::analyze(t, None);
        let head = a
            .claims
            .iter()
            .find(|c| c.span.start < t.find("Council").unwrap())
            .expect("the headline is an attribution");
        assert_eq!(
            &t[head.span.clone()],
            "Harbour Levy Is Unfair to Small Traders"
        );
        assert!(!head.checkworthy, "a headline is never check-worthy");
        let at = head.attribution.expect("attributed");
        assert_eq!(a.attributions[at].claimer.as_deref(), Some("Okafor"));
        let update = t.find("Update").unwrap();
        assert!(
            a.attributions.iter().all(|x| x.span.start < update),
            "{:?}",
            a.attributions
        );
    }

    #[test]
    fn titles_bylines_and_questions_are_never_checkworthy() {
        let t = "Council Spent 4 Million Dollars on Roads in 2023\n\nBy Ana Ruiz\n\n\
                 The council spent 4 million dollars on roads in 2023, the auditor said. \
                 Did the council spend 4 million dollars on roads in 2023?\n\n\
                 The mayor resigned on Monday after 12 years in office.";
        let a = crate::analysis::analyze(t, None);
        let question = t.find("Did the").unwrap();
        assert!(a.claims.iter().any(|c| c.checkworthy), "{:?}", a.claims);
        for c in &a.claims {
            assert!((0.0..=1.0).contains(&c.score));
            let in_title = c.span.start < t.find("The council").unwrap();
            let in_question = (question..t.find("The mayor").unwrap()).contains(&c.span.start);
            assert!(
                !(c.checkworthy && (in_title || in_question)),
                "{}",
                &t[c.span.clone()]
            );
        }
    }

    #[test]
    fn a_wire_storys_credits_are_no_claim() {
        let t = "Harbour Levy Vote\n\n\
                 The council raised the harbour levy by 4 percent on Monday, the mayor said.\n\n\
                 Reporting by Ana Ruiz; Additional reporting by Li Wei; Editing by Tom Berg";
        let a = crate::analysis::analyze(t, None);
        let credits = t.find("Reporting by").unwrap();
        assert!(
            a.claims.iter().any(|c| c.span.end <= credits),
            "{:?}",
            a.claims
        );
        assert!(
            a.claims.iter().all(|c| c.span.end <= credits),
            "{:?}",
            a.claims
        );
        assert!(a.attributions.iter().all(|at| at.span.end <= credits));
    }

    #[test]
    fn at_most_a_third_of_the_sentences_are_checkworthy() {
        let t = (1..=12)
            .map(|i| {
                format!(
                    "In {}, the city paid {i}5 million dollars for {i} new bridges.",
                    2000 + i
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let a = crate::analysis::analyze(&t, None);
        // All are found; in a report, those not check-worthy are narration.
        assert!(a.statements().count() >= 10, "{:?}", a.claims);
        let marked = a.claims.iter().filter(|c| c.checkworthy).count();
        assert!(
            (1..=4).contains(&marked),
            "{marked} of {}",
            a.sentences.len()
        );
        // The ones kept are the best scored.
        let lowest_kept = a
            .claims
            .iter()
            .filter(|c| c.checkworthy)
            .map(|c| c.score)
            .fold(1.0, f32::min);
        let best_dropped = a
            .statements()
            .map(|(_, c)| c)
            .filter(|c| !c.checkworthy)
            .map(|c| c.score)
            .fold(0.0, f32::max);
        assert!(lowest_kept >= best_dropped);
    }

    /// Regression: every cue of a sentence re-read the whole sentence, so that a
    /// sentence of 40,000 cues took seconds; each content is now walked once.
    #[test]
    fn many_cues_in_one_sentence_are_read_once() {
        for unit in ["Ana said ", "Ana said, "] {
            let t = format!("{}it rained.", unit.repeat(3000));
            let a = crate::analysis::analyze(&t, None);
            let said: Vec<_> = a
                .claims
                .iter()
                .filter(|c| c.kind == ClaimKind::Attributed)
                .collect();
            assert_eq!(said.len(), 1, "{unit:?}");
            assert_eq!(said[0].claimer.as_deref(), Some("Ana"));
            let content = &t[said[0].span.clone()];
            assert!(content.starts_with("Ana said") && content.ends_with("it rained"));
        }
    }

    #[test]
    fn opinion_is_not_a_claim() {
        assert!(
            claims("We must remain vigilant and uphold the principles of transparency.").is_empty()
        );
        assert!(claims("It is imperative that a more balanced approach be adopted.").is_empty());
        assert!(claims("Why would anyone believe this?").is_empty());
    }
}
