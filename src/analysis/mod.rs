//! The analysis core: sentences, actors, time expressions, a timeline and claims.
//!
//! Pure functions of the document text (and its publication date). Nothing under this
//! module touches the terminal, the filesystem or the network; lexicons are embedded
//! from `assets/lexicons` at compile time (see [`lexicon`]).
//!
//! Every span is a byte range into the immutable document text, always on `char`
//! boundaries. Conversion to the Unicode code-point offsets of the JSON output happens
//! once, in [`text::CharIndex`].

pub mod actors;
pub mod claims;
pub mod coverage;
pub mod lexicon;
pub mod model;
pub mod temporal;
pub mod text;
pub mod tokens;

use std::ops::Range;

pub use chrono::NaiveDate;

/// A byte range into the document text (`start..end`, end exclusive, on char boundaries).
pub type Span = Range<usize>;

/// Identifies an [`Actor`] within one [`Analysis`] (its index in `actors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ActorId(pub u32);

/// Identifies a [`Claim`] within one [`Analysis`]: its index in `claims`, or past them in
/// `narration` ([`Analysis::statement`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ClaimId(pub u32);

/// One sentence of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span of the sentence, without surrounding whitespace.
    pub span: Span,
}

/// The entity label of a mention, in the CoNLL tradition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Label {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation: company, government, agency, party, armed group, team.
    #[serde(rename = "ORG")]
    Org,
    /// A place: country, city, region, geographic feature.
    #[serde(rename = "LOC")]
    Place,
    /// Any other name: nationalities, events, products, works.
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    /// The short label used in JSON and in the actors panel.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Org => "ORG",
            Label::Place => "LOC",
            Label::Misc => "MISC",
        }
    }
}

/// One occurrence of a name in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span of the name as written.
    pub span: Span,
    /// What kind of thing the name refers to.
    pub label: Label,
    /// The actor this mention refers to (`None` for MISC names, which are not actors).
    pub actor: Option<ActorId>,
}

/// A person, organisation or place, with its aliases merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// This actor's id (its index in [`Analysis::actors`]).
    pub id: ActorId,
    /// The canonical (usually the longest, fullest) name.
    pub name: String,
    /// PER, ORG or LOC (never MISC).
    pub kind: Label,
    /// Other names used for the same actor, as written, without the canonical one.
    pub aliases: Vec<String>,
    /// Roles and titles given in the text ("president", "opposition leader").
    pub roles: Vec<String>,
    /// Indices into [`Analysis::mentions`], in text order.
    pub mentions: Vec<usize>,
}

impl Actor {
    /// Byte offset of the first mention.
    pub fn first_offset(&self, analysis: &Analysis) -> usize {
        self.mentions
            .first()
            .map(|&m| analysis.mentions[m].span.start)
            .unwrap_or(0)
    }
}

/// The TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("22 March 2024", "last week", "2024").
    Date,
    /// A time of day ("3 p.m.", "this morning").
    Time,
    /// A length of time ("24 years", "hours").
    Duration,
    /// A recurrence ("every year").
    Set,
}

impl TimexType {
    /// The TIMEX3 type name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression, normalised TimeML-style.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Byte span of the expression.
    pub span: Span,
    /// Its TIMEX3 type.
    pub kind: TimexType,
    /// Its TIMEX3 value (`2024-03-22`, `P24Y`, `PRESENT_REF`, `XXXX-03-22`…).
    pub value: String,
}

/// One event on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// Position in time order (0-based; equal values share an order).
    pub order: u32,
    /// The resolved date, when the event is anchored to one.
    pub value: Option<String>,
    /// Index into [`Analysis::timexes`] of the anchoring expression.
    pub timex: Option<usize>,
    /// Byte span of the event (its clause or sentence).
    pub span: Span,
    /// A short description of the event.
    pub text: String,
}

/// What a document reads as, from the profile of its candidate claims (a learned model:
/// `assets/models/genre.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Genre {
    /// An opinion piece, or anything that does not read as a news report: the author's
    /// statements are claims when the claim model says so.
    #[default]
    Opinion,
    /// A news report: the reporter's own statements are claims only when check-worthy;
    /// the rest is [`Analysis::narration`].
    Report,
}

impl Genre {
    /// The name used in JSON: `report` or `opinion`.
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::Opinion => "opinion",
            Genre::Report => "report",
        }
    }
}

/// What kind of check-worthy assertion a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// What a named source says, believes or intends (reported speech, quotes).
    Attributed,
    /// Numbers, amounts, percentages, statistics.
    Statistic,
    /// Cause and effect ("because", "led to").
    Causal,
    /// Accusations and blame.
    Accusation,
    /// Predictions about the future.
    Prediction,
    /// Comparisons ("more than", "the largest").
    Comparison,
    /// A concrete factual statement about events (who did what, when).
    Factual,
}

impl ClaimKind {
    /// The kind's name as used in JSON and in the claims panel.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Attributed => "attributed",
            ClaimKind::Statistic => "statistic",
            ClaimKind::Causal => "causal",
            ClaimKind::Accusation => "accusation",
            ClaimKind::Prediction => "prediction",
            ClaimKind::Comparison => "comparison",
            ClaimKind::Factual => "factual",
        }
    }
}

/// A check-worthy assertion.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Byte span of the claim: its content; in an opinion piece a source's claim spans
    /// the whole sentence that cites it.
    pub span: Span,
    /// What kind of claim it is.
    pub kind: ClaimKind,
    /// Who makes it, as written ("Leonid Volkov"); `None` for the author.
    pub claimer: Option<String>,
    /// Byte span of the claimer's name in the text, if named there.
    pub claimer_span: Option<Span>,
    /// Whether it is hedged ("reportedly", "may").
    pub hedged: bool,
    /// Actors the claim involves.
    pub actors: Vec<ActorId>,
    /// Check-worthiness in 0..=1: the learned model's probability, used to rank.
    pub score: f32,
    /// Whether the reader highlights it by default: a high score, never in a title,
    /// heading, byline or question, on at most a third of the sentences.
    pub checkworthy: bool,
    /// The attribution this claim is the content of (an index into
    /// [`Analysis::attributions`]), for reported speech and belief.
    pub attribution: Option<usize>,
}

/// Reported speech or belief: who says (or believes, or wants) what.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attribution {
    /// Byte span of the content, without its "X said" frame (the hull of `fragments`).
    pub span: Span,
    /// The content's pieces when its frame interrupts it ("“A,” she said, “B.”"), in
    /// text order; empty when the content is one piece.
    pub fragments: Vec<Span>,
    /// Byte span of the cue ("said", "according to", ":"); `None` for a quotation whose
    /// source is given in a sentence before it.
    pub cue: Option<Span>,
    /// The source as written ("he", "the spokesman", "Leonid Volkov").
    pub claimer: Option<String>,
    /// Byte span of the source in the text.
    pub claimer_span: Option<Span>,
    /// The actor the source names, or refers to: a pronoun or a phrase like "the
    /// spokesman" resolves to the last compatible named actor before it.
    pub claimer_actor: Option<ActorId>,
}

/// Everything lede finds in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Name mentions in text order.
    pub mentions: Vec<Mention>,
    /// Actors, by prominence (most mentioned first).
    pub actors: Vec<Actor>,
    /// Time expressions in text order.
    pub timexes: Vec<TimeExpr>,
    /// Timeline entries in time order.
    pub timeline: Vec<TimelineEntry>,
    /// Claims in text order.
    pub claims: Vec<Claim>,
    /// Attributions (reported speech and belief) in text order.
    pub attributions: Vec<Attribution>,
    /// In a news report, the reporter's own statements that are not check-worthy, in
    /// text order: not claims, but what `lede compare` lines up beside them (its
    /// [`ClaimId`]s count the claims first, then these).
    pub narration: Vec<Claim>,
    /// Whether the document reads as a news report or an opinion piece.
    pub genre: Genre,
}

impl Analysis {
    /// Who makes a claim, as the reader shows it: the named actor its source refers to
    /// ("Donald Trump" for a "he"), else the source as written; `None` for the author.
    pub fn claimer_name<'a>(&'a self, c: &'a Claim) -> Option<&'a str> {
        let resolved = c
            .attribution
            .and_then(|i| self.attributions.get(i))
            .and_then(|at| at.claimer_actor)
            .and_then(|id| self.actors.get(id.0 as usize))
            .map(|x| x.name.as_str());
        resolved.or(c.claimer.as_deref())
    }

    /// A claim, or past the claims a statement of [`Analysis::narration`]: what a
    /// [`ClaimId`] of `lede compare` names.
    pub fn statement(&self, id: ClaimId) -> &Claim {
        let i = id.0 as usize;
        self.claims
            .get(i)
            .unwrap_or_else(|| &self.narration[i - self.claims.len()])
    }

    /// Whether a [`ClaimId`] of `lede compare` names a statement of the narration.
    pub fn is_narration(&self, id: ClaimId) -> bool {
        id.0 as usize >= self.claims.len()
    }

    /// The claims and the narration together, in text order, with their [`ClaimId`]s.
    pub fn statements(&self) -> impl Iterator<Item = (ClaimId, &Claim)> {
        let n = self.claims.len();
        let mut all: Vec<(ClaimId, &Claim)> = self
            .claims
            .iter()
            .chain(&self.narration)
            .enumerate()
            .map(|(i, c)| (ClaimId(i as u32), c))
            .collect();
        if !self.narration.is_empty() {
            all.sort_by_key(|(id, c)| (c.span.start, id.0 as usize >= n, c.span.end));
        }
        all.into_iter()
    }
}

/// Analyse `text`, resolving relative dates against `dct` (the publication date) if known.
pub fn analyze(text: &str, dct: Option<NaiveDate>) -> Analysis {
    let sentences = text::sentences(text);
    let tokens = tokens::Tokens::new(text, &sentences);
    let (mentions, actors) = actors::extract(text, &tokens);
    let timexes = temporal::extract(text, &tokens, &sentences, dct);
    let timeline = temporal::timeline(text, &sentences, &timexes);
    let claims::Extracted {
        claims,
        narration,
        mut attributions,
        genre,
    } = claims::extract(text, &sentences, tokens, &mentions, &actors, &timexes);
    claims::resolve_claimers(text, &sentences, &mentions, &actors, &mut attributions);
    Analysis {
        sentences,
        mentions,
        actors,
        timexes,
        timeline,
        claims,
        attributions,
        narration,
        genre,
    }
}
