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

/// The span model: one weight per feature.
pub(crate) struct Model {
    weights: FxHashMap<u64, f32>,
}

impl Model {
    /// Parse `name=a|b<TAB>weight` lines (`#` comments). Panics on a malformed line: the
    /// file is embedded, so a bad one is caught by the tests.
    fn parse(src: &str) -> Model {
        let mut weights = FxHashMap::default();
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
        }
        Model { weights }
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

fn class_name(c: Option<CueClass>) -> &'static str {
    match c {
        Some(CueClass::Say) => "say",
        Some(CueClass::Tell) => "tell",
        Some(CueClass::Weak) => "weak",
        Some(CueClass::Prep) => "prep",
        Some(CueClass::Object) => "object",
        Some(CueClass::Verb) => "verb",
        None => "other",
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
    fn new(model: &Model, class: &str, cue_word: &str, rule_side: usize) -> Self {
        let w = |name: &'static str, a: &str, b: &str| {
            model.weights.get(&hash(name, a, b)).copied().unwrap_or(0.0)
        };
        let per_side = |f: &dyn Fn(&str) -> f32| [0, 1, 2].map(|i| f(SIDES[i]));
        let flag = |name: &'static str, no: &'static str, yes: &'static str| {
            [0, 1, 2].map(|i| [w(name, SIDES[i], no), w(name, SIDES[i], yes)])
        };
        let buckets = |name: &'static str| [0, 1, 2].map(|i| BUCKETS.map(|b| w(name, SIDES[i], b)));
        PairWeights {
            len: buckets("p.len"),
            class_len: BUCKETS.map(|b| w("p.class_len", class, b)),
            side: per_side(&|s| w("p.side", s, class)),
            cue_side: per_side(&|s| w("p.cue_side", s, cue_word)),
            source: flag("p.source", "out", "inside"),
            quotes: flag("p.quotes", "even", "odd"),
            rule: [w("p.rule", class, "no"), w("p.rule", class, "yes")],
            gap: buckets("p.gap"),
            quoted: flag("p.quoted", "no", "yes"),
            rule_side: per_side(&|s| w("p.rule_side", SIDES[rule_side], s)),
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

fn shape(t: &Tok) -> &'static str {
    if !t.word {
        "punct"
    } else if t.digit {
        "num"
    } else if t.cap {
        "cap"
    } else {
        "low"
    }
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
    let class = class_name(f.class);
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
    for (k, score) in starts[..ns].iter_mut() {
        let k = *k;
        let mut acc = Acc::new(model, 0.0, record);
        let side = if k < ci { "before" } else { "after" };
        start_features(toks, f, k, lo, class, cue_word, side, &mut acc, &words_in);
        *score = acc.z;
        if let (Some(d), Some(names)) = (dump.as_deref_mut(), acc.names) {
            d.starts.push((toks[k].start, names));
        }
    }
    for (e, score) in ends[..ne].iter_mut() {
        let e = *e;
        let mut acc = Acc::new(model, 0.0, record);
        let side = if e <= ci { "before" } else { "after" };
        end_features(toks, f, e, n, class, cue_word, side, &mut acc, &words_in);
        *score = acc.z;
        if let (Some(d), Some(names)) = (dump.as_deref_mut(), acc.names) {
            d.ends.push((toks[e - 1].end, names));
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
    let weights = PairWeights::new(model, class, cue_word, rule_side);
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
}

/// The byte span of tokens `[s, e)`.
pub(crate) fn span_of(toks: &[Tok], (s, e): (usize, usize)) -> Span {
    toks[s].start..toks[e - 1].end
}
