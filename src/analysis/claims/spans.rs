//! Where an attribution's content starts and ends: a learned choice among candidate
//! spans near its cue.
//!
//! [`super::attribution`] finds a cue, its source and a first content span by rule. This
//! module then weighs every plausible content span of the cue's sentence (starts and ends
//! at clause boundaries: quotation marks, commas, "that", the cue and the source, the
//! sentence's end) with a linear model trained on PolNeAR's annotations
//! (`assets/models/spans.tsv`, written by `scripts/train-spans`), and keeps the best. The
//! score of a span is the sum of the weights of its start's features, its end's
//! features and a few features of the pair (which side of the cue it lies on, its length,
//! whether it holds the source), so each boundary is scored once and only the pairs are
//! combined. The rule's span is one of the candidates and a feature, so the model keeps
//! it where the data agree with it.
//!
//! Features are named `template=value|value`; at run time they are hashed, never
//! formatted, so scoring allocates nothing per token. The `span_features` example writes
//! the same features as text for training.

use super::lex::{CueClass, Tok};
use crate::analysis::Span;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Sums the weights of the features of one boundary or pair; when training, also
/// records their names.
struct Acc<'m> {
    model: &'m Model,
    z: f32,
    names: Option<Vec<String>>,
}

impl<'m> Acc<'m> {
    fn new(model: &'m Model, z: f32, record: bool) -> Self {
        Acc {
            model,
            z,
            names: record.then(Vec::new),
        }
    }

    #[inline]
    fn add(&mut self, name: &'static str, a: &str, b: &str) {
        if let Some(w) = self.model.weights.get(&hash(name, a, b)) {
            self.z += w;
        }
        if let Some(v) = &mut self.names {
            v.push(format!("{name}={a}|{b}"));
        }
    }
}

/// A hash of a feature's name and values, eight bytes at a time (each part's length
/// mixed in, so that parts cannot run into each other).
fn hash(name: &str, a: &str, b: &str) -> u64 {
    #[inline]
    fn step(h: u64, w: u64) -> u64 {
        (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95)
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [name.as_bytes(), a.as_bytes(), b.as_bytes()] {
        h = step(h, part.len() as u64);
        for chunk in part.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            h = step(h, u64::from_le_bytes(w));
        }
    }
    h
}

/// The values of a start's side, and of an end's.
const SIDE2: [&str; 2] = ["before", "after"];
const YES_NO: [&str; 2] = ["no", "yes"];
/// The buckets of a distance of at most four.
const NEAR: [&str; 5] = ["0", "1", "2", "3", "4-5"];
/// The cue classes, in the order of [`class_index`].
const CLASSES: [&str; 7] = ["say", "tell", "weak", "prep", "object", "verb", "other"];
/// A token's shape ([`shape`]), then the sentence's edge ("<s>" before a start, "</s>"
/// after an end).
const SHAPES: [&str; 5] = ["punct", "num", "cap", "low", "<edge>"];

/// The features that read one word (as `b`), each with the values of its other part:
/// a word's row in [`Model::rows`] holds their weights, one after the other.
const WORD_TEMPLATES: [(&str, &[&str]); 14] = [
    ("s.prev", &SIDE2),
    ("s.cur", &SIDE2),
    ("s.dist_prev", &NEAR),
    ("s.rule_prev", &YES_NO),
    ("s.class_prev", &CLASSES),
    ("s.class_cur", &CLASSES),
    ("e.last", &SIDE2),
    ("e.next", &SIDE2),
    ("e.dist_next", &NEAR),
    ("e.rule_next", &YES_NO),
    ("e.rest_next", &NEAR),
    ("e.class_next", &CLASSES),
    ("e.class_last", &CLASSES),
    ("e.after_punct", &SIDE2),
];

/// Where each of [`WORD_TEMPLATES`] starts in a word's row.
const fn offsets() -> [usize; 15] {
    let mut out = [0; 15];
    let mut i = 0;
    while i < WORD_TEMPLATES.len() {
        out[i + 1] = out[i] + WORD_TEMPLATES[i].1.len();
        i += 1;
    }
    out
}
const OFFSET: [usize; 15] = offsets();
const ROW: usize = OFFSET[14];
const S_PREV: usize = OFFSET[0];
const S_CUR: usize = OFFSET[1];
const S_DIST_PREV: usize = OFFSET[2];
const S_RULE_PREV: usize = OFFSET[3];
const S_CLASS_PREV: usize = OFFSET[4];
const S_CLASS_CUR: usize = OFFSET[5];
const E_LAST: usize = OFFSET[6];
const E_NEXT: usize = OFFSET[7];
const E_DIST_NEXT: usize = OFFSET[8];
const E_RULE_NEXT: usize = OFFSET[9];
const E_REST_NEXT: usize = OFFSET[10];
const E_CLASS_NEXT: usize = OFFSET[11];
const E_CLASS_LAST: usize = OFFSET[12];
const E_AFTER_PUNCT: usize = OFFSET[13];

/// The weights of a start's and an end's features that read no word but the cue, for
/// one cue class (indexed by side, flag, bucket or shape as the feature's values are).
#[derive(Clone, Copy, Default)]
struct Boundary {
    s_bias: [f32; 2],
    s_shape: [[f32; 4]; 5],
    s_cue: [f32; 2],
    s_dist: [[f32; 9]; 2],
    s_first: [[f32; 2]; 2],
    s_after_cue: [f32; 2],
    s_after_source: [[f32; 2]; 2],
    s_rule: [f32; 2],
    s_from_start: [[f32; 9]; 2],
    e_bias: [f32; 2],
    e_shape: [[f32; 5]; 4],
    e_cue: [f32; 2],
    e_end: [f32; 2],
    e_dist: [[f32; 9]; 2],
    e_before_source: [[f32; 2]; 2],
    e_rule: [f32; 2],
    e_rest: [[f32; 9]; 2],
    e_after_kind: [[f32; 4]; 2],
}

/// The span model: one weight per feature, and the same weights laid out for scoring:
/// per word of the model a row of the weights of the features that read it, and per
/// cue class the weights of the boundary and pair features that do not.
pub(crate) struct Model {
    weights: FxHashMap<u64, f32>,
    /// Each word's row in `rows` (row 0, all zero, is every other word's).
    words: FxHashMap<Box<str>, u32>,
    rows: Vec<[f32; ROW]>,
    /// The rows of the sentence's edges: "<s>" before a start, "</s>" after an end.
    bos: u32,
    eos: u32,
    /// Per cue class ([`class_index`]).
    boundary: [Boundary; 7],
    /// Per cue class and side of the rule's span, without the cue word's weights.
    pairs: [[PairWeights; 3]; 7],
}

impl Model {
    /// Parse `name=a|b<TAB>weight` lines (`#` comments). Panics on a malformed line: the
    /// file is embedded, so a bad one is caught by the tests.
    fn parse(src: &str) -> Model {
        let mut weights = FxHashMap::default();
        let mut words: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut rows = vec![[0.0; ROW]];
        for line in src.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, w) = line
                .rsplit_once('\t')
                .unwrap_or_else(|| panic!("span model line without a tab: {line:?}"));
            let w: f32 = w
                .parse()
                .unwrap_or_else(|_| panic!("span model weight is not a number: {line:?}"));
            let (name, rest) = key
                .split_once('=')
                .unwrap_or_else(|| panic!("span model feature without '=': {line:?}"));
            let (a, b) = rest
                .rsplit_once('|')
                .unwrap_or_else(|| panic!("span model feature without '|': {line:?}"));
            weights.insert(hash(name, a, b), w);
            let Some(t) = WORD_TEMPLATES.iter().position(|t| t.0 == name) else {
                continue;
            };
            // A value the features never give is never looked up.
            let Some(i) = WORD_TEMPLATES[t].1.iter().position(|v| *v == a) else {
                continue;
            };
            let row = *words.entry(b.into()).or_insert_with(|| {
                rows.push([0.0; ROW]);
                (rows.len() - 1) as u32
            });
            rows[row as usize][OFFSET[t] + i] = w;
        }
        let (bos, eos) = (
            words.get("<s>").copied().unwrap_or(0),
            words.get("</s>").copied().unwrap_or(0),
        );
        let mut model = Model {
            weights,
            words,
            rows,
            bos,
            eos,
            boundary: [Boundary::default(); 7],
            pairs: [[PairWeights::default(); 3]; 7],
        };
        model.boundary = CLASSES.map(|c| Boundary::new(&model, c));
        model.pairs = CLASSES.map(|c| [0, 1, 2].map(|r| PairWeights::new(&model, c, r)));
        model
    }

    /// The weight of one feature (0 when the model does not know it).
    fn weight(&self, name: &str, a: &str, b: &str) -> f32 {
        self.weights.get(&hash(name, a, b)).copied().unwrap_or(0.0)
    }

    /// The row of the word `w` (lower-cased) in the weights of the features that read
    /// a word: 0 when the model knows none of them for `w`.
    pub(crate) fn word(&self, w: &str) -> u32 {
        self.words.get(w).copied().unwrap_or(0)
    }
}

impl Boundary {
    fn new(model: &Model, class: &str) -> Self {
        let w = |name: &str, a: &str, b: &str| model.weight(name, a, b);
        let sides = |name: &str, b: &str| SIDE2.map(|s| w(name, s, b));
        let flags = |name: &str, a: &str| YES_NO.map(|f| w(name, a, f));
        let side_flags = |name: &str| SIDE2.map(|s| flags(name, s));
        let side_buckets = |name: &str| SIDE2.map(|s| BUCKETS.map(|b| w(name, s, b)));
        let edge = |i: usize, edge: &'static str| if i == 4 { edge } else { SHAPES[i] };
        Boundary {
            s_bias: sides("s.bias", class),
            s_shape: [0, 1, 2, 3, 4]
                .map(|p| [0, 1, 2, 3].map(|c| w("s.shape", edge(p, "<s>"), SHAPES[c]))),
            s_cue: [0.0; 2],
            s_dist: side_buckets("s.dist"),
            s_first: side_flags("s.first"),
            s_after_cue: flags("s.after_cue", class),
            s_after_source: side_flags("s.after_source"),
            s_rule: flags("s.rule", class),
            s_from_start: side_buckets("s.from_start"),
            e_bias: sides("e.bias", class),
            e_shape: [0, 1, 2, 3]
                .map(|l| [0, 1, 2, 3, 4].map(|n| w("e.shape", SHAPES[l], edge(n, "</s>")))),
            e_cue: [0.0; 2],
            e_end: flags("e.end", class),
            e_dist: side_buckets("e.dist"),
            e_before_source: side_flags("e.before_source"),
            e_rule: flags("e.rule", class),
            e_rest: side_buckets("e.rest"),
            e_after_kind: SIDE2.map(|s| AFTER_KINDS.map(|k| w("e.after_kind", s, k))),
        }
    }
}

/// The embedded span model.
pub(crate) static SPANS: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("../../../assets/models/spans.tsv")));

/// What the model knows of one attribution in its sentence (token indices into `toks`).
pub(crate) struct Frame {
    /// The cue's tokens `[cue.0, cue.1)`.
    pub cue: (usize, usize),
    /// The source's tokens, if found.
    pub source: Option<(usize, usize)>,
    /// The rule's content tokens.
    pub rule: (usize, usize),
    /// The cue's class, if it is in the cue lexicons (else a colon or a dash).
    pub class: Option<CueClass>,
}

/// The candidate spans of one attribution, for training: each start and end with its
/// features, and each allowed pair with the pair's features.
#[derive(Debug, Default)]
pub struct Candidates {
    /// Byte offset of each start and its features.
    pub starts: Vec<(usize, Vec<String>)>,
    /// Byte offset of each end and its features.
    pub ends: Vec<(usize, Vec<String>)>,
    /// (start index, end index, features) of each allowed pair.
    pub pairs: Vec<(usize, usize, Vec<String>)>,
    /// The pair chosen by the model (its index in `pairs`).
    pub chosen: Option<usize>,
}

fn class_index(c: Option<CueClass>) -> usize {
    match c {
        Some(CueClass::Say) => 0,
        Some(CueClass::Tell) => 1,
        Some(CueClass::Weak) => 2,
        Some(CueClass::Prep) => 3,
        Some(CueClass::Object) => 4,
        Some(CueClass::Verb) => 5,
        None => 6,
    }
}

const BUCKETS: [&str; 9] = ["0", "1", "2", "3", "4-5", "6-9", "10-15", "16-25", "26+"];

fn bucket_index(n: usize) -> usize {
    match n {
        0..=3 => n,
        4..=5 => 4,
        6..=9 => 5,
        10..=15 => 6,
        16..=25 => 7,
        _ => 8,
    }
}

fn bucket(n: usize) -> &'static str {
    BUCKETS[bucket_index(n)]
}

/// Where a span lies against its cue.
const SIDES: [&str; 3] = ["before", "after", "around"];

/// What a candidate pair's features depend on, as indexes into their few values.
struct Pair {
    side: usize,
    len: usize,
    source: bool,
    odd_quotes: bool,
    rule: bool,
    gap: usize,
    quoted: bool,
}

/// The pair features, in the order their weights are summed.
fn pair_features(p: &Pair, class: &str, cue_word: &str, rule_side: usize, sink: &mut Acc) {
    let side = SIDES[p.side];
    let len = BUCKETS[p.len];
    sink.add("p.len", side, len);
    sink.add("p.class_len", class, len);
    sink.add("p.side", side, class);
    sink.add("p.cue_side", side, cue_word);
    sink.add("p.source", side, if p.source { "inside" } else { "out" });
    sink.add("p.quotes", side, if p.odd_quotes { "odd" } else { "even" });
    sink.add("p.rule", class, if p.rule { "yes" } else { "no" });
    sink.add("p.gap", side, BUCKETS[p.gap]);
    sink.add("p.quoted", side, if p.quoted { "yes" } else { "no" });
    sink.add("p.rule_side", SIDES[rule_side], side);
}

/// The weight of every value of every pair feature of one attribution, looked up once
/// for its hundreds of candidate pairs. Sums in the order of [`pair_features`], so a
/// pair scores the same to the bit.
#[derive(Clone, Copy, Default)]
struct PairWeights {
    len: [[f32; 9]; 3],
    class_len: [f32; 9],
    side: [f32; 3],
    cue_side: [f32; 3],
    source: [[f32; 2]; 3],
    quotes: [[f32; 2]; 3],
    rule: [f32; 2],
    gap: [[f32; 9]; 3],
    quoted: [[f32; 2]; 3],
    rule_side: [f32; 3],
}

impl PairWeights {
    /// The weights for a cue of `class` whose rule's span lies on `rule_side`, but for
    /// those of the cue word ([`PairWeights::with_cue`]).
    fn new(model: &Model, class: &str, rule_side: usize) -> Self {
        let w = |name: &'static str, a: &str, b: &str| model.weight(name, a, b);
        let per_side = |f: &dyn Fn(&str) -> f32| [0, 1, 2].map(|i| f(SIDES[i]));
        let flag = |name: &'static str, no: &'static str, yes: &'static str| {
            [0, 1, 2].map(|i| [w(name, SIDES[i], no), w(name, SIDES[i], yes)])
        };
        let buckets = |name: &'static str| [0, 1, 2].map(|i| BUCKETS.map(|b| w(name, SIDES[i], b)));
        PairWeights {
            len: buckets("p.len"),
            class_len: BUCKETS.map(|b| w("p.class_len", class, b)),
            side: per_side(&|s| w("p.side", s, class)),
            cue_side: [0.0; 3],
            source: flag("p.source", "out", "inside"),
            quotes: flag("p.quotes", "even", "odd"),
            rule: [w("p.rule", class, "no"), w("p.rule", class, "yes")],
            gap: buckets("p.gap"),
            quoted: flag("p.quoted", "no", "yes"),
            rule_side: per_side(&|s| w("p.rule_side", SIDES[rule_side], s)),
        }
    }

    /// These weights with those of the cue word `cue_word`.
    fn with_cue(&self, model: &Model, cue_word: &str) -> Self {
        PairWeights {
            cue_side: SIDES.map(|s| model.weight("p.cue_side", s, cue_word)),
            ..*self
        }
    }

    fn score(&self, z: f32, p: &Pair) -> f32 {
        let s = p.side;
        let mut z = z;
        z += self.len[s][p.len];
        z += self.class_len[p.len];
        z += self.side[s];
        z += self.cue_side[s];
        z += self.source[s][usize::from(p.source)];
        z += self.quotes[s][usize::from(p.odd_quotes)];
        z += self.rule[usize::from(p.rule)];
        z += self.gap[s][p.gap];
        z += self.quoted[s][usize::from(p.quoted)];
        z += self.rule_side[s];
        z
    }
}

/// What the word after an end's punctuation is ([`after_kind`]).
const AFTER_KINDS: [&str; 4] = ["ing", "ed", "cap", "other"];

/// The word after the punctuation that follows an end at `e` ("…, which", "…,
/// contradicting"), if the end is followed by punctuation and then a word before `n`.
fn after_punct(toks: &[Tok], e: usize, n: usize) -> Option<usize> {
    (e + 1 < n && !toks[e].word && !is_quote(&toks[e]) && toks[e + 1].word).then_some(e + 1)
}

/// The kind of a word after punctuation, an index into [`AFTER_KINDS`]: a participle
/// ("…, arguing"), a past form ("…, prompted"), a capitalised word, or another.
fn after_kind(t: &Tok) -> usize {
    let w = t.lw();
    if t.cap {
        2
    } else if w.len() > 5 && w.ends_with("ing") {
        0
    } else if w.len() > 4 && w.ends_with("ed") {
        1
    } else {
        3
    }
}

/// A token's shape: its index in [`SHAPES`].
fn shape_index(t: &Tok) -> usize {
    if !t.word {
        0
    } else if t.digit {
        1
    } else if t.cap {
        2
    } else {
        3
    }
}

fn shape(t: &Tok) -> &'static str {
    SHAPES[shape_index(t)]
}

fn is_quote(t: &Tok) -> bool {
    !t.word && matches!(t.lw(), "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»")
}

/// Words before which an object or clause content may end ("endorsed X on Monday").
fn ends_before(w: &str) -> bool {
    super::attribution::opens_adverbial(w)
        || matches!(
            w,
            "and"
                | "as"
                | "for"
                | "said"
                | "says"
                | "according"
                | "adding"
                | "who"
                | "which"
                | "with"
                | "by"
                | "over"
                | "to"
        )
}

/// Words after which a content may start ("said that …", "told reporters …").
fn starts_after(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "reporters"
            | "him"
            | "her"
            | "them"
            | "us"
            | "me"
            | "statement"
            | "interview"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "week"
            | "night"
            | "morning"
            | "to"
            | "of"
            | "about"
            | "on"
            | "for"
            | "as"
            | "whether"
            | "if"
    )
}

/// At most this many tokens of a sentence are read on each side of a cue.
const REACH: usize = 60;

/// Choose the content of the attribution `f` among the candidate spans of its sentence
/// `toks` (`end`: the token index where the sentence's content ends, before its final
/// period). Returns the token range `[s, e)`. With `dump`, records every candidate's
/// features instead of only scoring them.
pub(crate) fn choose(
    toks: &[Tok],
    end: usize,
    f: &Frame,
    mut dump: Option<&mut Candidates>,
) -> (usize, usize) {
    let model = &*SPANS;
    let n = end.min(toks.len());
    let (ci, cj) = f.cue;
    let lo = ci.saturating_sub(REACH).min(f.rule.0);
    let hi = (cj + REACH).min(n).max(f.rule.1);
    let ci_class = class_index(f.class);
    let class = CLASSES[ci_class];
    let cue_word = toks[ci].lw();
    // Word and quotation-mark counts before each token, from `lo`.
    let mut words = [0u16; 2 * REACH + 32];
    let mut quotes = [0u16; 2 * REACH + 32];
    if hi - lo >= words.len() || f.rule.0 >= f.rule.1 {
        return f.rule;
    }
    for (i, t) in toks[lo..hi].iter().enumerate() {
        words[i + 1] = words[i] + u16::from(t.word);
        quotes[i + 1] = quotes[i] + u16::from(is_quote(t));
    }
    // Counts over tokens `a..b`, clamped to `lo..hi` (0 when `b <= a`).
    let at = |x: usize| x.clamp(lo, hi) - lo;
    let words_in = |a: usize, b: usize| usize::from(words[at(b)].saturating_sub(words[at(a)]));
    let quotes_in = |a: usize, b: usize| usize::from(quotes[at(b)].saturating_sub(quotes[at(a)]));
    let (si, sj) = f.source.unwrap_or((usize::MAX, usize::MAX));

    // Starts and ends, nearest the cue first, the rule's and the sentence's own first
    // of all, so that a long sentence keeps those.
    let mut starts: [(usize, f32); 24] = [(0, 0.0); 24];
    let mut ns = 0;
    let start_ok = |k: usize| {
        k == f.rule.0
            || k >= lo
                && k < hi
                && !(ci..cj).contains(&k)
                && (toks[k].word || is_quote(&toks[k]) || toks[k].is('('))
                && (k == lo
                    || k == cj
                    || k == sj
                    || k == f.rule.0
                    || k > cj && k <= cj + 3
                    || !toks[k - 1].word
                    || starts_after(toks[k - 1].lw()))
    };
    let near = (0..REACH).flat_map(|d| [cj + d, ci.wrapping_sub(d + 1)]);
    for k in [f.rule.0, lo, cj, sj].into_iter().chain(near) {
        if ns == starts.len() {
            break;
        }
        if start_ok(k) && !starts[..ns].iter().any(|x| x.0 == k) {
            starts[ns] = (k, 0.0);
            ns += 1;
        }
    }
    let mut ends: [(usize, f32); 24] = [(0, 0.0); 24];
    let mut ne = 0;
    let end_ok = |e: usize| {
        if e == f.rule.1 {
            return true;
        }
        if e <= lo || e > hi || (ci < e && e <= cj) {
            return false;
        }
        let last = &toks[e - 1];
        let boundary = e == n
            || e == ci
            || e == si
            || e == f.rule.1
            || is_quote(last)
            || e < toks.len() && {
                let t = &toks[e];
                (!t.word && !is_quote(t)) || ends_before(t.lw())
            };
        boundary && (last.word || is_quote(last) || last.is(')'))
    };
    let near = (0..REACH).flat_map(|d| [cj + 1 + d, ci.wrapping_sub(d)]);
    for e in [f.rule.1, n, ci, si].into_iter().chain(near) {
        if ne == ends.len() {
            break;
        }
        if end_ok(e) && !ends[..ne].iter().any(|x| x.0 == e) {
            ends[ne] = (e, 0.0);
            ne += 1;
        }
    }
    let record = dump.is_some();
    let w = Boundary {
        s_cue: SIDE2.map(|s| model.weight("s.cue", s, cue_word)),
        e_cue: SIDE2.map(|s| model.weight("e.cue", s, cue_word)),
        ..model.boundary[ci_class]
    };
    let scorer = Scorer {
        model,
        w: &w,
        toks,
        f,
        class: ci_class,
        lo,
        n,
        words_in: &words_in,
    };
    for (k, score) in starts[..ns].iter_mut() {
        let k = *k;
        *score = scorer.start(k);
        if let Some(d) = dump.as_deref_mut() {
            let mut acc = Acc::new(model, 0.0, true);
            let side = if k < ci { "before" } else { "after" };
            start_features(toks, f, k, lo, class, cue_word, side, &mut acc, &words_in);
            assert_eq!(acc.z.to_bits(), score.to_bits(), "start score of {k}");
            d.starts
                .push((toks[k].start, acc.names.unwrap_or_default()));
        }
    }
    for (e, score) in ends[..ne].iter_mut() {
        let e = *e;
        *score = scorer.end(e);
        if let Some(d) = dump.as_deref_mut() {
            let mut acc = Acc::new(model, 0.0, true);
            let side = if e <= ci { "before" } else { "after" };
            end_features(toks, f, e, n, class, cue_word, side, &mut acc, &words_in);
            assert_eq!(acc.z.to_bits(), score.to_bits(), "end score of {e}");
            d.ends
                .push((toks[e - 1].end, acc.names.unwrap_or_default()));
        }
    }
    // Which side the rule chose.
    let rule_side = if f.rule.1 <= ci {
        0
    } else if f.rule.0 >= cj {
        1
    } else {
        2
    };
    let weights = model.pairs[ci_class][rule_side].with_cue(model, cue_word);
    let mut best = f.rule;
    let mut best_z = f32::NEG_INFINITY;
    for (a, &(s, zs)) in starts[..ns].iter().enumerate() {
        for (b, &(e, ze)) in ends[..ne].iter().enumerate() {
            if e <= s || words_in(s, e) == 0 {
                continue;
            }
            let side = if e <= ci {
                0
            } else if s >= cj {
                1
            } else {
                2
            };
            // Gap between the cue and the span, in words.
            let gap = match side {
                0 => words_in(e, ci),
                1 => words_in(cj, s),
                _ => 0,
            };
            let pair = Pair {
                side,
                len: bucket_index(words_in(s, e)),
                source: f.source.is_some_and(|(a, b)| s <= a && b <= e),
                odd_quotes: quotes_in(s, e) % 2 == 1,
                rule: (s, e) == f.rule,
                gap: bucket_index(gap),
                quoted: is_quote(&toks[s]) && is_quote(&toks[e - 1]),
            };
            let (z, names) = if record {
                let mut sink = Acc::new(model, zs + ze, true);
                pair_features(&pair, class, cue_word, rule_side, &mut sink);
                (sink.z, sink.names)
            } else {
                (weights.score(zs + ze, &pair), None)
            };
            if let (Some(d), Some(names)) = (dump.as_deref_mut(), names) {
                d.pairs.push((a, b, names));
                if z > best_z {
                    d.chosen = Some(d.pairs.len() - 1);
                }
            }
            if z > best_z {
                best_z = z;
                best = (s, e);
            }
        }
    }
    best
}

/// Scores the starts and ends of one attribution from the model's tables, summing the
/// same weights in the same order as [`start_features`] and [`end_features`] (which
/// name them, for training), so a boundary scores the same to the bit.
struct Scorer<'a, 't> {
    model: &'a Model,
    /// The boundary weights of the cue's class and word.
    w: &'a Boundary,
    toks: &'a [Tok<'t>],
    f: &'a Frame,
    class: usize,
    lo: usize,
    n: usize,
    words_in: &'a dyn Fn(usize, usize) -> usize,
}

impl Scorer<'_, '_> {
    fn row(&self, t: &Tok) -> &[f32; ROW] {
        &self.model.rows[t.span_word as usize]
    }

    fn start(&self, k: usize) -> f32 {
        let (toks, f, w, lo) = (self.toks, self.f, self.w, self.lo);
        let side = usize::from(k >= f.cue.0);
        let cur = self.row(&toks[k]);
        let (prev, prev_shape) = if k > lo {
            (self.row(&toks[k - 1]), shape_index(&toks[k - 1]))
        } else {
            (&self.model.rows[self.model.bos as usize], 4)
        };
        let dist = if k < f.cue.0 {
            (self.words_in)(k, f.cue.0)
        } else {
            (self.words_in)(f.cue.1, k)
        };
        let after_source = f.source.is_some_and(|(_, b)| b == k);
        let rule = usize::from(k == f.rule.0);
        let mut z = 0.0f32;
        z += w.s_bias[side];
        z += prev[S_PREV + side];
        z += cur[S_CUR + side];
        z += w.s_shape[prev_shape][shape_index(&toks[k])];
        z += w.s_cue[side];
        z += w.s_dist[side][bucket_index(dist)];
        z += prev[S_DIST_PREV + bucket_index(dist.min(4))];
        z += w.s_first[side][usize::from(k == lo)];
        z += w.s_after_cue[usize::from(k == f.cue.1)];
        z += w.s_after_source[side][usize::from(after_source)];
        z += w.s_rule[rule];
        z += prev[S_RULE_PREV + rule];
        z += w.s_from_start[side][bucket_index((self.words_in)(lo, k))];
        z += prev[S_CLASS_PREV + self.class];
        z += cur[S_CLASS_CUR + self.class];
        z
    }

    fn end(&self, e: usize) -> f32 {
        let (toks, f, w, n) = (self.toks, self.f, self.w, self.n);
        let side = usize::from(e > f.cue.0);
        let last = self.row(&toks[e - 1]);
        let (next, next_shape) = if e < n {
            (self.row(&toks[e]), shape_index(&toks[e]))
        } else {
            (&self.model.rows[self.model.eos as usize], 4)
        };
        let dist = if e <= f.cue.0 {
            (self.words_in)(e, f.cue.0)
        } else {
            (self.words_in)(f.cue.1, e)
        };
        let before_source = f.source.is_some_and(|(a, _)| a == e);
        let rule = usize::from(e == f.rule.1);
        let rest = (self.words_in)(e, n);
        let mut z = 0.0f32;
        z += w.e_bias[side];
        z += last[E_LAST + side];
        z += next[E_NEXT + side];
        z += w.e_shape[shape_index(&toks[e - 1])][next_shape];
        z += w.e_cue[side];
        z += w.e_end[usize::from(e == n)];
        z += w.e_dist[side][bucket_index(dist)];
        z += next[E_DIST_NEXT + bucket_index(dist.min(4))];
        z += w.e_before_source[side][usize::from(before_source)];
        z += w.e_rule[rule];
        z += next[E_RULE_NEXT + rule];
        z += w.e_rest[side][bucket_index(rest)];
        z += next[E_REST_NEXT + bucket_index(rest.min(4))];
        z += next[E_CLASS_NEXT + self.class];
        z += last[E_CLASS_LAST + self.class];
        if let Some(k) = after_punct(toks, e, n) {
            z += self.row(&toks[k])[E_AFTER_PUNCT + side];
            z += w.e_after_kind[side][after_kind(&toks[k])];
        }
        z
    }
}

#[allow(clippy::too_many_arguments)]
fn start_features(
    toks: &[Tok],
    f: &Frame,
    k: usize,
    lo: usize,
    class: &str,
    cue_word: &str,
    side: &str,
    sink: &mut Acc,
    words_in: &dyn Fn(usize, usize) -> usize,
) {
    let cur = &toks[k];
    let prev = if k > lo { toks[k - 1].lw() } else { "<s>" };
    let prev_shape = if k > lo { shape(&toks[k - 1]) } else { "<s>" };
    sink.add("s.bias", side, class);
    sink.add("s.prev", side, prev);
    sink.add("s.cur", side, cur.lw());
    sink.add("s.shape", prev_shape, shape(cur));
    sink.add("s.cue", side, cue_word);
    let dist = if k < f.cue.0 {
        words_in(k, f.cue.0)
    } else {
        words_in(f.cue.1, k)
    };
    sink.add("s.dist", side, bucket(dist));
    sink.add("s.dist_prev", bucket(dist.min(4)), prev);
    sink.add("s.first", side, if k == lo { "yes" } else { "no" });
    sink.add(
        "s.after_cue",
        class,
        if k == f.cue.1 { "yes" } else { "no" },
    );
    let after_source = f.source.is_some_and(|(_, b)| b == k);
    sink.add(
        "s.after_source",
        side,
        if after_source { "yes" } else { "no" },
    );
    sink.add("s.rule", class, if k == f.rule.0 { "yes" } else { "no" });
    sink.add(
        "s.rule_prev",
        if k == f.rule.0 { "yes" } else { "no" },
        prev,
    );
    sink.add("s.from_start", side, bucket(words_in(lo, k)));
    sink.add("s.class_prev", class, prev);
    sink.add("s.class_cur", class, cur.lw());
}

#[allow(clippy::too_many_arguments)]
fn end_features(
    toks: &[Tok],
    f: &Frame,
    e: usize,
    n: usize,
    class: &str,
    cue_word: &str,
    side: &str,
    sink: &mut Acc,
    words_in: &dyn Fn(usize, usize) -> usize,
) {
    let last = &toks[e - 1];
    let next = if e < n { toks[e].lw() } else { "</s>" };
    let next_shape = if e < n { shape(&toks[e]) } else { "</s>" };
    sink.add("e.bias", side, class);
    sink.add("e.last", side, last.lw());
    sink.add("e.next", side, next);
    sink.add("e.shape", shape(last), next_shape);
    sink.add("e.cue", side, cue_word);
    sink.add("e.end", class, if e == n { "yes" } else { "no" });
    let dist = if e <= f.cue.0 {
        words_in(e, f.cue.0)
    } else {
        words_in(f.cue.1, e)
    };
    sink.add("e.dist", side, bucket(dist));
    sink.add("e.dist_next", bucket(dist.min(4)), next);
    let before_source = f.source.is_some_and(|(a, _)| a == e);
    sink.add(
        "e.before_source",
        side,
        if before_source { "yes" } else { "no" },
    );
    sink.add("e.rule", class, if e == f.rule.1 { "yes" } else { "no" });
    sink.add(
        "e.rule_next",
        if e == f.rule.1 { "yes" } else { "no" },
        next,
    );
    sink.add("e.rest", side, bucket(words_in(e, n)));
    sink.add("e.rest_next", bucket(words_in(e, n).min(4)), next);
    sink.add("e.class_next", class, next);
    sink.add("e.class_last", class, last.lw());
    if let Some(k) = after_punct(toks, e, n) {
        sink.add("e.after_punct", side, toks[k].lw());
        sink.add("e.after_kind", side, AFTER_KINDS[after_kind(&toks[k])]);
    }
}

/// The byte span of tokens `[s, e)`.
pub(crate) fn span_of(toks: &[Tok], (s, e): (usize, usize)) -> Span {
    toks[s].start..toks[e - 1].end
}

#[cfg(test)]
mod tests {
    use super::SPANS;
    use crate::analysis::{analyze, claims::span_rows};

    /// The tables score every start and end as the named features do (`choose`
    /// asserts it, to the bit, whenever it records them), and the content chosen while
    /// recording is the one the analysis keeps.
    #[test]
    fn tables_score_as_the_named_features() {
        assert_ne!(SPANS.word("that"), 0, "a common word has a row");
        assert_eq!(SPANS.word("zzqx"), 0, "an unknown word has the empty row");
        let text = "The mayor said that the new bridge would open in May.\n\n\
            According to the council, the repairs cost more than planned.\n\n\
            Residents told reporters they had waited for years.\n\n\
            The engineer warned on Friday that traffic would grow.\n";
        let a = analyze(text, None);
        let rows = span_rows(text, &a);
        assert!(rows.len() >= 3, "{rows:?}");
        for r in &rows {
            assert!(!r.candidates.starts.is_empty() && !r.candidates.ends.is_empty());
            assert!(r.candidates.chosen.is_some());
            assert!(
                a.attributions.iter().any(|at| at.span == r.chosen),
                "{:?} not among {:?}",
                &text[r.chosen.clone()],
                a.attributions
            );
        }
    }
}
