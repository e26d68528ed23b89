//! Check-worthiness: features of a claim's tokens and the learned logistic model that
//! scores them.
//!
//! [`features`] reads the tokens of one claim (and a little context: reported speech,
//! actors and time expressions inside, whether its sentence asks, how often its claimer
//! asks) and yields counted features and hashed words; [`Model::score`] weighs them with
//! the weights embedded from `assets/models/` (`checkworthy.tsv`, `claim.tsv`), and
//! [`Model::rank`] blends each score with its neighbouring sentences' and gives 0 to what
//! is never check-worthy. The same [`Features::named`] feeds the scorer and the feature
//! dump that `scripts/train-claims` fits the weights from (`cargo run --release --example
//! claim_features`), so training and scoring can never read different features. The
//! features read the claim's tokens once, from the shared token stream. No training
//! here; no I/O.

use super::lex::Tok;
use super::lex::{Cue, CUES, HEDGES};
use crate::analysis::Sentence;
use std::sync::LazyLock;

/// What surrounds a claim's tokens, as far as its check-worthiness goes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The claim is the content of an attribution (reported speech or belief).
    pub attributed: bool,
    /// The claim is a sentence that is one quotation.
    pub quotation: bool,
    /// A time expression lies inside the claim.
    pub timex: bool,
    /// Name mentions inside the claim: persons, organisations, places.
    pub persons: usize,
    pub orgs: usize,
    pub places: usize,
    /// The sentence holding the claim ends with a question mark.
    pub question: bool,
    /// The sentence holding the claim is a title, heading, byline, caption or dateline
    /// (never check-worthy; not a model feature).
    pub heading: bool,
    /// The share of the claimer's candidate claims (the author's, when no source makes
    /// it) that sit in questions: an interviewer or moderator asks, and is not checked.
    pub claimer_asks: f32,
    /// The index of the sentence the claim starts in (not a model feature).
    pub sentence: usize,
    /// The claim's words over its sentence's: a whole sentence, or one clause of it.
    pub share: f32,
}

/// What the words of a claim say, counted.
#[derive(Debug, Default, Clone)]
pub(crate) struct Features {
    pub words: usize,
    /// Figures: digits (not years), percent and currency signs.
    pub numbers: usize,
    /// Numbers spelled out ("three", "millions", "half"): vaguer than figures.
    pub number_words: usize,
    pub years: usize,
    pub names: usize,
    pub causal: usize,
    pub accusation: usize,
    pub prediction: usize,
    pub comparison: usize,
    pub opinion: usize,
    pub events: usize,
    pub past: usize,
    pub first_person: usize,
    pub second_person: usize,
    pub present: usize,
    pub modals: usize,
    pub anaphora: usize,
    pub negation: usize,
    pub third_person: usize,
    pub first_singular: usize,
    pub generic: usize,
    pub quotes: usize,
    pub hedges: usize,
    pub question: bool,
    pub exclamation: bool,
    /// The hashed words of the claim ([`word_bucket`]), sorted, each once.
    pub words_hashed: Vec<u32>,
    pub context: Context,
}

/// How many buckets the hashed word features fall into.
pub(crate) const BUCKETS: usize = 1 << 18;

/// The bucket of one word (lower-cased) of a claim: FNV-1a of its bytes; every number
/// falls into one bucket, every year into another, so that figures are one feature.
pub(crate) fn word_bucket(t: &Tok) -> u32 {
    let w: &[u8] = if t.digit {
        if is_year(t) {
            b"<year>"
        } else {
            b"<num>"
        }
    } else {
        t.lw().as_bytes()
    };
    let mut h: u32 = 0x811c_9dc5;
    for &b in w {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % BUCKETS as u32
}

fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "fifteen"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "hundred"
            | "hundreds"
            | "thousand"
            | "thousands"
            | "million"
            | "millions"
            | "billion"
            | "billions"
            | "trillion"
            | "percent"
            | "dozen"
            | "dozens"
            | "half"
            | "third"
            | "quarter"
            | "majority"
            | "minority"
            | "per"
    )
}

fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

fn is_year(t: &Tok) -> bool {
    t.lower.len() == 4
        && t.lower.bytes().all(|b| b.is_ascii_digit())
        && matches!(&t.lower[..2], "19" | "20")
}

/// What a distinct word counts for in [`features`], worked out once per distinct word of
/// a document ([`word_kind`]) rather than at each of its tokens in each claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct WordKind {
    /// A month name, capitalised.
    month: bool,
    /// A year ([`is_year`]).
    year: bool,
    /// A number spelled out ([`is_number_word`]), not written with digits.
    number_word: bool,
    class: WordClass,
}

/// The person, tense or modality a word marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum WordClass {
    #[default]
    None,
    FirstPerson,
    Present,
    Anaphora,
    Negation,
    ThirdPerson,
    FirstSingular,
    /// A modal, unless "have" follows ("may have entered" hedges a past fact).
    ModalUnlessHave,
    Modal,
    SecondPerson,
    Past,
}

/// What the word `t` counts for.
pub(crate) fn word_kind(t: &Tok) -> WordKind {
    let class = match t.lw() {
        "we" | "our" | "us" | "ours" | "ourselves" => WordClass::FirstPerson,
        "is" | "are" | "am" | "isn't" | "aren't" => WordClass::Present,
        "this" | "these" | "such" => WordClass::Anaphora,
        "not" | "never" | "no" | "nothing" | "don't" | "doesn't" => WordClass::Negation,
        "he" | "she" | "his" | "her" | "him" | "hers" => WordClass::ThirdPerson,
        "i" | "my" | "me" | "i'm" | "i've" | "i'd" => WordClass::FirstSingular,
        // "may have entered" hedges a past fact; other modals judge or predict.
        "may" | "might" | "could" | "must" => WordClass::ModalUnlessHave,
        "will" | "would" | "should" | "can" | "won't" | "wouldn't" | "shouldn't" | "couldn't"
        | "can't" | "cannot" => WordClass::Modal,
        "you" | "your" | "yours" => WordClass::SecondPerson,
        w if !t.cap && w.len() > 4 && w.ends_with("ed") => WordClass::Past,
        "was" | "were" | "had" | "did" => WordClass::Past,
        _ => WordClass::None,
    };
    WordKind {
        month: t.cap && is_month(t.lw()),
        year: t.digit && is_year(t),
        number_word: !t.digit && is_number_word(t.lower),
        class,
    }
}

/// The features of a claim's tokens `toks`, in `context`.
pub(crate) fn features(toks: &[Tok], context: Context) -> Features {
    let mut f = Features {
        context,
        ..Features::default()
    };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if !t.word {
            f.question |= t.is('?');
            f.exclamation |= t.is('!');
            if t.is('"') || t.is('“') || t.is('”') {
                f.quotes += 1;
            }
            if t.is('%') || t.is('$') || t.is('£') || t.is('€') {
                f.numbers += 1;
            }
            i += 1;
            continue;
        }
        f.words += 1;
        f.words_hashed.push(t.bucket);
        let kind = t.kind;
        if kind.month {
            f.years += 1;
        }
        if t.digit {
            if kind.year {
                f.years += 1;
            } else {
                f.numbers += 1;
            }
        } else if kind.number_word {
            f.number_words += 1;
        }
        if t.cap && i > 0 && !toks[i - 1].is('“') && !toks[i - 1].is('"') {
            f.names += 1;
        }
        match kind.class {
            WordClass::FirstPerson => f.first_person += 1,
            WordClass::Present => f.present += 1,
            WordClass::Anaphora => f.anaphora += 1,
            WordClass::Negation => f.negation += 1,
            WordClass::ThirdPerson => f.third_person += 1,
            WordClass::FirstSingular => f.first_singular += 1,
            WordClass::ModalUnlessHave if toks.get(i + 1).is_some_and(|n| n.lw() == "have") => {}
            WordClass::ModalUnlessHave | WordClass::Modal => f.modals += 1,
            WordClass::SecondPerson => f.second_person += 1,
            WordClass::Past => f.past += 1,
            WordClass::None => {}
        }
        if HEDGES.at(toks, i).is_some() {
            f.hedges += 1;
        }
        if let Some((len, cue)) = CUES.at(toks, i) {
            match cue {
                Cue::Causal => f.causal += 1,
                Cue::Accusation => f.accusation += 1,
                Cue::Prediction => f.prediction += 1,
                Cue::Comparison => f.comparison += 1,
                Cue::Opinion => f.opinion += 1,
                Cue::Event => f.events += 1,
                Cue::Generic => f.generic += 1,
            }
            i += len;
            continue;
        }
        i += 1;
    }
    f.words_hashed.sort_unstable();
    f.words_hashed.dedup();
    f
}

/// For each sentence, whether it asks: ends with a question mark (before any closing
/// quotation mark or parenthesis).
pub(crate) fn questions(text: &str, sentences: &[Sentence]) -> Vec<bool> {
    sentences
        .iter()
        .map(|s| {
            text[s.span.clone()]
                .trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with('?')
        })
        .collect()
}

/// For claims given as (claimer, whether its sentence asks), the share of each
/// claimer's claims that sit in questions, claim by claim.
pub(crate) fn asker_shares<'a>(claims: impl Iterator<Item = (Option<&'a str>, bool)>) -> Vec<f32> {
    let claims: Vec<(Option<&str>, bool)> = claims.collect();
    let mut counts: rustc_hash::FxHashMap<Option<&str>, (u32, u32)> = Default::default();
    for &(who, asks) in &claims {
        let e = counts.entry(who).or_default();
        e.0 += 1;
        e.1 += u32::from(asks);
    }
    claims
        .iter()
        .map(|(who, _)| {
            let (n, q) = counts[who];
            q as f32 / n as f32
        })
        .collect()
}

/// The names of the counted features, in the order [`Features::each`] yields them.
pub(crate) const DENSE: [&str; 36] = [
    "numbers",
    "number_words",
    "years",
    "names",
    "causal",
    "accusation",
    "prediction",
    "comparison",
    "opinion",
    "events",
    "past",
    "first_person",
    "second_person",
    "present",
    "modals",
    "anaphora",
    "negation",
    "third_person",
    "first_singular",
    "generic",
    "quotes",
    "hedges",
    "question",
    "exclamation",
    "log_words",
    "short",
    "long",
    "attributed",
    "quotation",
    "timex",
    "persons",
    "orgs",
    "places",
    "in_question",
    "claimer_asks",
    "share",
];

impl Features {
    /// Every non-zero feature as (index into [`DENSE`], value), counts capped so that one
    /// long list does not dominate.
    pub(crate) fn each(&self, mut f: impl FnMut(usize, f32)) {
        let cap = |n: usize, m: usize| n.min(m) as f32;
        let c = &self.context;
        let dense = [
            cap(self.numbers, 3),
            cap(self.number_words, 2),
            cap(self.years, 2),
            cap(self.names, 4),
            cap(self.causal, 2),
            cap(self.accusation, 2),
            cap(self.prediction, 2),
            cap(self.comparison, 2),
            cap(self.opinion, 3),
            cap(self.events, 2),
            cap(self.past, 3),
            cap(self.first_person, 2),
            cap(self.second_person, 2),
            cap(self.present, 2),
            cap(self.modals, 2),
            cap(self.anaphora, 2),
            cap(self.negation, 2),
            cap(self.third_person, 2),
            cap(self.first_singular, 2),
            cap(self.generic, 3),
            cap(self.quotes, 2),
            cap(self.hedges, 2),
            f32::from(u8::from(self.question)),
            f32::from(u8::from(self.exclamation)),
            (1.0 + self.words as f32).ln(),
            f32::from(u8::from(self.words < 5)),
            f32::from(u8::from(self.words > 30)),
            f32::from(u8::from(c.attributed)),
            f32::from(u8::from(c.quotation)),
            f32::from(u8::from(c.timex)),
            cap(c.persons, 2),
            cap(c.orgs, 2),
            cap(c.places, 2),
            f32::from(u8::from(c.question)),
            c.claimer_asks,
            c.share.min(1.0),
        ];
        for (i, v) in dense.into_iter().enumerate() {
            if v != 0.0 {
                f(i, v);
            }
        }
    }

    /// Every non-zero feature by the name the model file gives it: the counted ones
    /// ([`DENSE`]), then the hashed words (`u:BUCKET`).
    pub(crate) fn named(&self) -> Vec<(String, f32)> {
        let mut out = Vec::with_capacity(DENSE.len() + self.words_hashed.len());
        self.each(|i, v| out.push((DENSE[i].to_string(), v)));
        out.extend(self.words_hashed.iter().map(|b| (format!("u:{b}"), 1.0)));
        out
    }
}

/// A logistic model over [`Features`]: a weight for each counted feature, for each
/// product of two (`a*b` in the file, names in alphabetical order), and for each bucket
/// of hashed words (`u:BUCKET`).
pub(crate) struct Model {
    /// The score from which a claim counts (the file's `threshold` line).
    pub threshold: f32,
    /// How much the neighbouring sentences' scores weigh in [`Model::rank`] (`smooth`).
    smooth: f32,
    bias: f32,
    dense: [f32; DENSE.len()],
    /// `pairs[i * DENSE.len() + j]`, filled for both orders (empty when the file has
    /// no products: scoring then skips them).
    pairs: Vec<f32>,
    /// `BUCKETS` weights of the hashed words (empty when the file has none).
    words: Vec<f32>,
}

fn dense_index(name: &str) -> usize {
    DENSE
        .iter()
        .position(|d| *d == name)
        .unwrap_or_else(|| panic!("unknown model feature: {name:?}"))
}

impl Model {
    /// Parse a model file: `name<TAB>weight` lines, `#` comments, a `bias` line.
    ///
    /// Panics on a malformed line or an unknown feature name: the file is embedded,
    /// so a bad one is a build error caught by the tests.
    fn parse(src: &'static str) -> Model {
        let mut m = Model {
            threshold: 0.5,
            smooth: 0.0,
            bias: 0.0,
            dense: [0.0; DENSE.len()],
            pairs: Vec::new(),
            words: Vec::new(),
        };
        for line in src.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, w) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("model line without a tab: {line:?}"));
            let w: f32 = w
                .parse()
                .unwrap_or_else(|_| panic!("model weight is not a number: {line:?}"));
            if name == "bias" {
                m.bias = w;
            } else if name == "threshold" {
                m.threshold = w;
            } else if name == "smooth" {
                m.smooth = w;
            } else if let Some(b) = name.strip_prefix("u:") {
                let b: usize = b
                    .parse()
                    .ok()
                    .filter(|&b| b < BUCKETS)
                    .unwrap_or_else(|| panic!("bad word bucket: {line:?}"));
                m.words.resize(BUCKETS, 0.0);
                m.words[b] = w;
            } else if let Some((a, b)) = name.split_once('*') {
                let (i, j) = (dense_index(a), dense_index(b));
                m.pairs.resize(DENSE.len() * DENSE.len(), 0.0);
                m.pairs[i * DENSE.len() + j] = w;
                m.pairs[j * DENSE.len() + i] = w;
            } else {
                m.dense[dense_index(name)] = w;
            }
        }
        m
    }

    /// The claims' scores as the reader ranks them: each claim's own score blended with
    /// the best scores of the sentences just before and after its own (check-worthy
    /// claims come in runs: a speaker's argument, a paragraph of figures), by the file's
    /// `smooth` weight; a claim that can never be check-worthy (in a title, heading,
    /// byline, caption or question) scores 0. `places` gives each claim's sentence index
    /// (claims in text order) and whether it may be check-worthy.
    pub(crate) fn rank(&self, scores: &mut [f32], places: &[(usize, bool)]) {
        let n = places.iter().map(|p| p.0 + 1).max().unwrap_or(0);
        let mut best = vec![0.0f32; n + 1];
        for (&s, &(i, _)) in scores.iter().zip(places) {
            best[i] = best[i].max(s);
        }
        for (s, &(i, ok)) in scores.iter_mut().zip(places) {
            let around = (i.checked_sub(1).map_or(0.0, |j| best[j]) + best[i + 1]) / 2.0;
            *s = if ok {
                (*s + self.smooth * around) / (1.0 + self.smooth)
            } else {
                0.0
            };
        }
    }

    /// The probability, in 0..=1, that a claim with these features is check-worthy.
    pub(crate) fn score(&self, f: &Features) -> f32 {
        sigmoid(self.bias + self.linear(f))
    }

    /// The probability, in 0..=1, for the mean `linear` of a document's candidates
    /// (`sum` over `n` of them): the genre model weighs a document's profile, the mean of
    /// each feature over its candidates, and a linear model's score of that mean is the
    /// mean of its scores.
    pub(crate) fn score_mean(&self, sum: f32, n: usize) -> f32 {
        sigmoid(self.bias + if n == 0 { 0.0 } else { sum / n as f32 })
    }

    /// The weighted sum of the features, without the bias.
    pub(crate) fn linear(&self, f: &Features) -> f32 {
        let mut z = 0.0;
        let mut active = [(0usize, 0.0f32); DENSE.len()];
        let mut n = 0;
        f.each(|i, v| {
            z += self.dense[i] * v;
            active[n] = (i, v);
            n += 1;
        });
        if !self.pairs.is_empty() {
            for (k, &(i, v)) in active[..n].iter().enumerate() {
                for &(j, u) in &active[k + 1..n] {
                    z += self.pairs[i * DENSE.len() + j] * v * u;
                }
            }
        }
        if !self.words.is_empty() {
            z += f
                .words_hashed
                .iter()
                .map(|&b| self.words[b as usize])
                .sum::<f32>();
        }
        z
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// How worth checking a claim is (trained on debate transcripts labelled for
/// fact-checking); its threshold marks the claims the reader highlights.
pub(crate) static CHECKWORTHY: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("../../../assets/models/checkworthy.tsv")));

/// Whether a clause no source makes is a checkable claim at all (trained on the evidence
/// units of opinion editorials); below its threshold a clause is not reported.
pub(crate) static CLAIM: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("../../../assets/models/claim.tsv")));

/// Whether a document reads as a news report (over its threshold) or an opinion piece,
/// from the mean features of its candidate claims (trained on news articles and opinion
/// editorials).
pub(crate) static GENRE: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("../../../assets/models/genre.tsv")));

#[cfg(test)]
mod tests {
    use super::super::lex::words_of;
    use super::*;

    /// The check-worthiness of `t` as a whole sentence of the author's (a claim's
    /// `share` of its sentence is never 0 in lede).
    fn score(t: &str) -> f32 {
        let w = words_of(t);
        let context = Context {
            share: 1.0,
            ..Context::default()
        };
        CHECKWORTHY.score(&features(&w.all(), context))
    }

    #[test]
    fn the_embedded_models_parse() {
        let nonzero = |w: &[f32]| w.iter().filter(|w| **w != 0.0).count();
        for m in [&*CHECKWORTHY, &*CLAIM] {
            assert!(m.bias != 0.0, "the model has a bias");
            assert!(m.dense.iter().all(|w| w.is_finite()));
            assert!(
                nonzero(&m.pairs) > 10 || nonzero(&m.words) > 100,
                "the model weighs products or hashed words"
            );
            assert!((0.0..1.0).contains(&m.threshold));
        }
        assert!(
            nonzero(&CHECKWORTHY.pairs) > 10,
            "check-worthiness weighs products"
        );
    }

    #[test]
    fn a_model_without_products_weighs_the_features_alone() {
        let m = Model::parse("bias\t-1.0\nnumbers\t2.0\nu:7\t0.5\n");
        assert!(m.pairs.is_empty() && m.words.len() == BUCKETS);
        let w = words_of("They paid 5 dollars and 6 euros.");
        let f = features(&w.all(), Context::default());
        let z = -1.0f32
            + 2.0 * 2.0
            + if f.words_hashed.contains(&7) {
                0.5
            } else {
                0.0
            };
        assert!((m.score(&f) - 1.0 / (1.0 + (-z).exp())).abs() < 1e-6);
    }

    #[test]
    fn figures_outrank_exhortation() {
        let fact = score("Unemployment fell from 9 percent to 5 percent between 2010 and 2015.");
        let talk = score("Thank you all so much for being here tonight.");
        assert!(fact > talk, "{fact} vs {talk}");
        assert!((0.0..=1.0).contains(&fact) && (0.0..=1.0).contains(&talk));
    }

    #[test]
    fn features_are_capped_counts() {
        let t = "They paid 5, 6, 7 and 8 dollars in 2019.";
        let w = words_of(t);
        let f = features(&w.all(), Context::default());
        let mut got = Vec::new();
        f.each(|i, v| got.push((DENSE[i], v)));
        assert!(got.contains(&("numbers", 3.0)), "{got:?}");
        assert!(got.contains(&("years", 1.0)), "{got:?}");
        assert!(got.iter().all(|(_, v)| *v != 0.0));
    }

    #[test]
    fn figures_share_one_bucket_and_words_their_own() {
        let t = "In 2019 they paid 512 and 7,000 dollars in 2021.";
        let w = words_of(t);
        let toks = &w.all();
        let bucket = |w: &str| word_bucket(toks.iter().find(|k| &t[k.start..k.end] == w).unwrap());
        assert_eq!(bucket("512"), bucket("7,000"));
        assert_eq!(bucket("2019"), bucket("2021"));
        assert_ne!(bucket("512"), bucket("2019"));
        assert_ne!(bucket("paid"), bucket("dollars"));
        let f = features(toks, Context::default());
        assert!(
            f.words_hashed.windows(2).all(|w| w[0] < w[1]),
            "sorted, once each"
        );
        assert!(f.named().iter().any(|(n, _)| n.starts_with("u:")));
    }

    #[test]
    fn questions_of_sentences() {
        let t = "One fact here. Was it so?\n\nShe asked: “Why now?”\n\nA new turn.";
        let sentences = crate::analysis::text::sentences(t);
        assert_eq!(questions(t, &sentences), vec![false, true, true, false]);
    }

    #[test]
    fn a_claimer_who_mostly_asks_is_an_interviewer() {
        let shares = asker_shares(
            [
                (Some("HOST"), true),
                (Some("HOST"), true),
                (Some("HOST"), false),
                (Some("SENATOR"), false),
                (None, false),
            ]
            .into_iter(),
        );
        assert!((shares[0] - 2.0 / 3.0).abs() < 1e-6 && shares[2] == shares[0]);
        assert_eq!(&shares[3..], &[0.0, 0.0]);
    }

    #[test]
    fn ranking_blends_neighbours_and_zeroes_what_is_never_checkworthy() {
        let m = Model {
            smooth: 0.5,
            ..Model::parse("bias\t0.1\n")
        };
        // Sentences 0, 1 (two claims), 2 (a question), 4.
        let mut s = [0.2, 0.8, 0.4, 0.9, 0.6];
        m.rank(
            &mut s,
            &[(0, true), (1, true), (1, true), (2, false), (4, true)],
        );
        let close = |a: f32, b: f32| (a - b).abs() < 1e-6;
        assert!(close(s[0], (0.2 + 0.5 * 0.8 / 2.0) / 1.5), "{s:?}");
        assert!(close(s[1], (0.8 + 0.5 * (0.2 + 0.9) / 2.0) / 1.5), "{s:?}");
        assert!(close(s[2], (0.4 + 0.5 * (0.2 + 0.9) / 2.0) / 1.5), "{s:?}");
        assert_eq!(s[3], 0.0, "a question never ranks");
        assert!(close(s[4], 0.6 / 1.5), "{s:?}");
        assert!(s.iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn headings_captions_datelines_and_questions_are_never_checkworthy() {
        let t = "Harbour Fees Rose 40 Percent in 2022\n\n\
                 KESTREL BAY, March 3 (Coast Wire)\n\n\
                 The harbour board raised mooring fees by 40 percent in 2022, \
                 costing 3,000 boat owners 12 million dollars a year. \
                 Fees had not changed since 2009.\n\n\
                 Boats moored at the east pier in 2021\n\n\
                 Will fees rise 40 percent again in 2023?\n\n\
                 The board collected 31 million dollars in 2022, up from 19 million in 2020.";
        let a = crate::analysis::analyze(t, None);
        let body = t.find("The harbour board").unwrap();
        let caption = t.find("Boats moored").unwrap()..t.find("Will fees").unwrap();
        let question = t.find("Will fees").unwrap()..t.find("The board collected").unwrap();
        assert!(a.claims.iter().any(|c| c.checkworthy), "{:?}", a.claims);
        for c in &a.claims {
            let never = c.span.start < body
                || caption.contains(&c.span.start)
                || question.contains(&c.span.start);
            if never {
                assert!(!c.checkworthy && c.score == 0.0, "{}", &t[c.span.clone()]);
            }
        }
    }
}
