//! Check-worthiness: features of a claim's tokens and the learned logistic model that
//! scores them.
//!
//! [`features`] reads the tokens of one claim (and a little context) and yields named
//! features; [`Model::score`] weighs them with the weights embedded from
//! `assets/models/` (`checkworthy.tsv`, `claim.tsv`). The same [`Features::each`] feeds
//! the scorer and the feature dump that `scripts/train-claims` fits the weights from
//! (`cargo run --release --example claim_features`), so training and scoring can never
//! read different features. No training here.

use super::lex::Tok;
use super::lex::{Cue, CUES, HEDGES};
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
    pub context: Context,
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
        if t.cap && is_month(t.lw()) {
            f.years += 1;
        }
        if t.digit {
            if is_year(t) {
                f.years += 1;
            } else {
                f.numbers += 1;
            }
        } else if is_number_word(&t.lower) {
            f.number_words += 1;
        }
        if t.cap && i > 0 && !toks[i - 1].is('“') && !toks[i - 1].is('"') {
            f.names += 1;
        }
        match t.lw() {
            "we" | "our" | "us" | "ours" | "ourselves" => f.first_person += 1,
            "is" | "are" | "am" | "isn't" | "aren't" => f.present += 1,
            "this" | "these" | "such" => f.anaphora += 1,
            "not" | "never" | "no" | "nothing" | "don't" | "doesn't" => f.negation += 1,
            "he" | "she" | "his" | "her" | "him" | "hers" => f.third_person += 1,
            "i" | "my" | "me" | "i'm" | "i've" | "i'd" => f.first_singular += 1,
            // "may have entered" hedges a past fact; other modals judge or predict.
            "may" | "might" | "could" | "must"
                if toks.get(i + 1).is_some_and(|n| n.lw() == "have") => {}
            "will" | "would" | "should" | "could" | "may" | "might" | "can" | "must" | "won't"
            | "wouldn't" | "shouldn't" | "couldn't" | "can't" | "cannot" => f.modals += 1,
            "you" | "your" | "yours" => f.second_person += 1,
            w if !t.cap && w.len() > 4 && w.ends_with("ed") => f.past += 1,
            "was" | "were" | "had" | "did" => f.past += 1,
            _ => {}
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
    f
}

/// The names of the counted features, in the order [`Features::each`] yields them.
pub(crate) const DENSE: [&str; 34] = [
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
        ];
        for (i, v) in dense.into_iter().enumerate() {
            if v != 0.0 {
                f(i, v);
            }
        }
    }
}

/// A logistic model over [`Features`]: a weight for each counted feature, for each
/// product of two (`a*b` in the file, names in alphabetical order).
pub(crate) struct Model {
    /// The score from which a claim counts (the file's `threshold` line).
    pub threshold: f32,
    bias: f32,
    dense: [f32; DENSE.len()],
    /// `pairs[i * DENSE.len() + j]`, filled for both orders.
    pairs: Vec<f32>,
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
            bias: 0.0,
            dense: [0.0; DENSE.len()],
            pairs: vec![0.0; DENSE.len() * DENSE.len()],
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
            } else if let Some((a, b)) = name.split_once('*') {
                let (i, j) = (dense_index(a), dense_index(b));
                m.pairs[i * DENSE.len() + j] = w;
                m.pairs[j * DENSE.len() + i] = w;
            } else {
                m.dense[dense_index(name)] = w;
            }
        }
        m
    }

    /// The probability, in 0..=1, that a claim with these features is check-worthy.
    pub(crate) fn score(&self, f: &Features) -> f32 {
        let mut z = self.bias;
        let mut active = [(0usize, 0.0f32); DENSE.len()];
        let mut n = 0;
        f.each(|i, v| {
            z += self.dense[i] * v;
            active[n] = (i, v);
            n += 1;
        });
        for (k, &(i, v)) in active[..n].iter().enumerate() {
            for &(j, u) in &active[k + 1..n] {
                z += self.pairs[i * DENSE.len() + j] * v * u;
            }
        }
        1.0 / (1.0 + (-z).exp())
    }
}

/// How worth checking a claim is (trained on debate transcripts labelled for
/// fact-checking); its threshold marks the claims the reader highlights.
pub(crate) static CHECKWORTHY: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("../../../assets/models/checkworthy.tsv")));

/// Whether a clause no source makes is a checkable claim at all (trained on the evidence
/// units of opinion editorials); below its threshold a clause is not reported.
pub(crate) static CLAIM: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("../../../assets/models/claim.tsv")));

#[cfg(test)]
mod tests {
    use super::super::lex::words_of;
    use super::*;

    fn score(t: &str) -> f32 {
        let w = words_of(t);
        CHECKWORTHY.score(&features(&w.toks, Context::default()))
    }

    #[test]
    fn the_embedded_models_parse() {
        for m in [&*CHECKWORTHY, &*CLAIM] {
            assert!(m.bias != 0.0, "the model has a bias");
            assert!(m.dense.iter().all(|w| w.is_finite()));
            assert!(
                m.pairs.iter().filter(|w| **w != 0.0).count() > 10,
                "the model has pair weights"
            );
            assert!((0.0..1.0).contains(&m.threshold));
        }
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
        let f = features(&w.toks, Context::default());
        let mut got = Vec::new();
        f.each(|i, v| got.push((DENSE[i], v)));
        assert!(got.contains(&("numbers", 3.0)), "{got:?}");
        assert!(got.contains(&("years", 1.0)), "{got:?}");
        assert!(got.iter().all(|(_, v)| *v != 0.0));
    }
}
