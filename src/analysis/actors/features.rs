//! Features of the name tagger, shared by training (`scripts/train-actors`) and tagging, so
//! that the model sees at run time exactly what it was trained on.
//!
//! Features are 64-bit hashes (FNV-1a over a template id and a value), never strings at
//! run time. Two families:
//!
//! - **Word features** depend on one word only (its form, lower case, shape, affixes,
//!   lexicon memberships), placed at an offset −2..=2 from the tagged word. They are
//!   computed once per distinct word of a document and their scores cached
//!   ([`word_features`]).
//! - **Context features** depend on the position: sentence start, headline and table
//!   lines, multi-word lexicon matches, word pairs, and (second pass) how the same word
//!   was tagged elsewhere in the document ([`context_features`]).

use super::lex::{Known, LEX};
use crate::analysis::tokens::{Kind, Tok};
use crate::analysis::Label;

/// The tags, BIO over PER/ORG/LOC/MISC. Tag 0 is outside any name.
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// Number of tags.
pub const NTAGS: usize = TAGS.len();

/// The label of a tag (`None` for O).
pub fn tag_label(tag: usize) -> Option<Label> {
    match tag {
        1 | 2 => Some(Label::Person),
        3 | 4 => Some(Label::Org),
        5 | 6 => Some(Label::Place),
        7 | 8 => Some(Label::Misc),
        _ => None,
    }
}

/// The B- tag of a label.
pub fn begin_tag(label: Label) -> usize {
    match label {
        Label::Person => 1,
        Label::Org => 3,
        Label::Place => 5,
        Label::Misc => 7,
    }
}

/// Whether tag `b` may follow tag `a` (an I- tag continues a name of its own label).
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true;
    }
    matches!(a, Some(a) if a != 0 && a.div_ceil(2) == b / 2)
}

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of a template id, an offset and some bytes: stable across builds and platforms.
pub fn hash(template: u8, offset: i8, bytes: &[u8]) -> u64 {
    let mut h = OFFSET;
    for b in [template, offset as u8].iter().chain(bytes) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// Mix two hashes into one (word pairs, conjunctions), without hashing bytes again.
pub fn mix(template: u8, a: u64, b: u64) -> u64 {
    let h = (a.rotate_left(23) ^ b ^ u64::from(template)).wrapping_mul(PRIME);
    (h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// What one word is, computed once per distinct word of a document.
#[derive(Debug, Clone)]
pub struct WordInfo {
    /// Lower-cased form.
    pub lower: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has letters and no lower-case letter.
    pub all_caps: bool,
    /// Has an upper-case letter or a digit anywhere ("iPod", "747"): may be part of a name.
    pub marked: bool,
    /// Hash of the lower-cased form (for pair features).
    pub lower_hash: u64,
    /// A coarse shape class (for conjunctions): 0 lower, 1 capitalised, 2 all caps,
    /// 3 number, 4 punctuation, 5 other.
    pub class: u8,
    /// The compressed shape ([`shape`]).
    pub shape: String,
    /// Lexicon memberships, as a set of small ids (bit `id` for id 1..=13).
    pub lex: u16,
    /// For a capitalised word, how its lower-case form is written across the document
    /// ([`mark_case`]); 0 when not marked.
    pub case_doc: u8,
}

impl WordInfo {
    /// Describe word `w`.
    pub fn new(w: &str) -> Self {
        let mut info = WordInfo::plain(w);
        info.describe(w);
        info
    }

    /// What every word of a document needs: its forms, case and class. The rest, which
    /// only word features read (shape, lexicons, hash), is left empty until
    /// [`WordInfo::describe`].
    pub fn plain(w: &str) -> Self {
        let lower = w.to_lowercase();
        let first = w.chars().next().unwrap_or(' ');
        let cap = first.is_uppercase();
        let letters = w.chars().any(char::is_alphabetic);
        let all_caps = letters && !w.chars().any(char::is_lowercase);
        let class = if first.is_ascii_digit() {
            3
        } else if all_caps && w.chars().count() > 1 {
            2
        } else if cap {
            1
        } else if first.is_lowercase() {
            0
        } else if !first.is_alphanumeric() {
            4
        } else {
            5
        };
        WordInfo {
            lower_hash: 0,
            lower,
            cap,
            all_caps,
            marked: w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()),
            class,
            shape: String::new(),
            lex: 0,
            case_doc: 0,
        }
    }

    /// Fill in what word features read of word `w` (described by [`WordInfo::plain`]).
    pub fn describe(&mut self, w: &str) {
        self.lower_hash = hash(T_LOWER, 0, self.lower.as_bytes());
        self.shape = shape(w);
        self.lex = lexicon_ids(w, &self.lower);
    }
}

// Template ids. Changing any of them, or what a feature means, requires retraining.
const T_BIAS: u8 = 1;
const T_WORD: u8 = 2;
const T_LOWER: u8 = 3;
const T_SHAPE: u8 = 4;
const T_PREFIX: u8 = 5;
const T_SUFFIX: u8 = 6;
const T_FLAG: u8 = 7;
const T_LEX: u8 = 8;
const T_START: u8 = 20;
const T_HEADLINE: u8 = 21;
const T_TABLE: u8 = 22;
const T_GAZ: u8 = 23;
const T_PAIR: u8 = 24;
const T_DOC: u8 = 25;
const T_CLASS3: u8 = 26;
const T_PAD: u8 = 27;
const T_CASE: u8 = 28;

/// A compressed word shape: upper → X, lower → x, digit → d, runs cut at two ("Xxx", "XX.X.").
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = s;
        }
        out.push(s);
    }
    out
}

/// The lexicon memberships of a word, as a set of small ids.
fn lexicon_ids(w: &str, lower: &str) -> u16 {
    let l = lower.trim_end_matches('.');
    let mut out = match LEX.known.get(lower).or_else(|| LEX.known.get(l)) {
        Some(Known::Country) => 1 << 1,
        Some(Known::Place) => 1 << 2,
        Some(Known::Org) => 1 << 3,
        Some(Known::Misc) => 1 << 4,
        None => 0,
    };
    // Ids 5..=13, in this order.
    let hits = [
        LEX.first.contains(l),
        LEX.last.contains(l),
        LEX.titles.contains(l),
        LEX.common.contains(l),
        LEX.org_suffix.contains(w),
        LEX.org_head.contains(w),
        LEX.companies.contains(l),
        crate::analysis::lexicon::is_title_abbrev(w),
        w.starts_with(char::is_uppercase) && LEX.function.contains(l),
    ];
    for (k, hit) in hits.iter().enumerate() {
        if *hit {
            out |= 1 << (5 + k);
        }
    }
    out
}

/// Word features of `w` (described by `info`) when it stands `offset` (−2..=2) words from
/// the tagged word. `None` is the padding beyond a sentence's edge.
pub fn word_features(w: Option<(&str, &WordInfo)>, offset: i8, out: &mut Vec<u64>) {
    let Some((w, info)) = w else {
        out.push(hash(T_PAD, offset, &[]));
        return;
    };
    let lower = info.lower.as_str();
    let near = offset.abs() <= 1;
    if offset == 0 {
        out.push(hash(T_BIAS, 0, &[]));
    }
    if near {
        out.push(hash(T_WORD, offset, w.as_bytes()));
    }
    out.push(hash(T_LOWER, offset, lower.as_bytes()));
    out.push(hash(T_SHAPE, offset, info.shape.as_bytes()));
    // Where the first four characters end and the last four start (byte offsets).
    let nchars = lower.chars().count();
    let mut ends = [0usize; 4];
    for (k, (b, c)) in lower.char_indices().take(4).enumerate() {
        ends[k] = b + c.len_utf8();
    }
    let mut starts = [0usize; 4];
    for (k, (b, _)) in lower.char_indices().rev().take(4).enumerate() {
        starts[k] = b;
    }
    if offset == 0 {
        for n in 1..=4.min(nchars) {
            out.push(hash(T_PREFIX, n as i8, &lower.as_bytes()[..ends[n - 1]]));
            out.push(hash(T_SUFFIX, n as i8, &lower.as_bytes()[starts[n - 1]..]));
        }
        let second = lower.chars().nth(1);
        let flags = [
            info.cap,
            info.all_caps,
            w.bytes().any(|c| c.is_ascii_digit()),
            w.contains('-'),
            w.contains('.'),
            w.contains('\'') || w.contains('’'),
            nchars == 2 && second == Some('.'),
            nchars > 12,
            w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase),
        ];
        for (k, f) in flags.iter().enumerate() {
            if *f {
                out.push(hash(T_FLAG, k as i8, &[]));
            }
        }
    } else if near && nchars >= 3 {
        out.push(hash(T_SUFFIX, 10 + offset, &lower.as_bytes()[starts[2]..]));
    }
    if near && info.case_doc != 0 {
        out.push(hash(T_CASE, offset, &[info.class, info.case_doc]));
    }
    let mut lex = info.lex;
    while lex != 0 {
        let id = lex.trailing_zeros() as u8;
        lex &= lex - 1;
        // Lexicon hits are conjoined with capitalisation: "bill" the common word and
        // "Bill" the given name are different evidence.
        out.push(hash(T_LEX, offset, &[id, info.cap as u8]));
    }
}

/// What the tagger knows about a sentence as a whole.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceInfo {
    /// Mostly in capitals (a headline, a table heading).
    pub headline: bool,
    /// Mostly numbers (a results table, a list of figures).
    pub table: bool,
}

impl SentenceInfo {
    /// Describe the words `infos` of one sentence.
    pub fn new(toks: &[Tok], infos: &[&WordInfo]) -> Self {
        let (mut words, mut caps) = (0, 0);
        for i in infos {
            words += usize::from(i.class <= 2);
            caps += usize::from(i.class == 2);
        }
        let nums = toks.iter().filter(|t| t.kind() == Kind::Num).count();
        SentenceInfo {
            headline: words >= 2 && caps * 2 > words,
            table: toks.len() >= 3 && nums * 4 >= toks.len(),
        }
    }
}

/// Multi-word lexicon matches in a sentence: for each token, 0 (none) or
/// `1 + 2 * kind + inside` where kind is the [`Known`] class and inside is 1 past the
/// first word. Matches start at capitalised words, go on over words with a capital or a
/// digit and connectors ("of", "and"), and take the longest (up to five words; one-word
/// matches are word features).
pub fn gazetteer(text: &str, toks: &[Tok], infos: &[&WordInfo], out: &mut Vec<u8>) {
    out.clear();
    out.resize(toks.len(), 0);
    let mut i = 0;
    let mut key = String::new();
    let joins = |k: usize| {
        infos[k].marked || matches!(infos[k].lower.as_str(), "of" | "and" | "&" | "de" | "the")
    };
    while i < toks.len() {
        if !infos[i].cap || i + 1 >= toks.len() || !joins(i + 1) {
            i += 1;
            continue;
        }
        let mut best = None;
        key.clear();
        for j in i..toks.len().min(i + 5) {
            if j > i {
                if !joins(j) {
                    break;
                }
                let glue = &text[toks[j - 1].end()..toks[j].start()];
                if glue.contains('\n') {
                    break;
                }
                if !glue.is_empty() {
                    key.push(' ');
                }
            }
            key.push_str(&infos[j].lower);
            if j > i {
                if let Some(k) = LEX.known.get(key.as_str()) {
                    best = Some((j + 1, *k));
                }
            }
        }
        match best {
            Some((end, k)) => {
                let kind = k as u8;
                out[i] = 1 + 2 * kind;
                for o in &mut out[i + 1..end] {
                    *o = 2 + 2 * kind;
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

/// Whether word `i` of a sentence opens it (after an opening quote or bracket, too),
/// where every word is capitalised.
pub fn at_start(i: usize, infos: &[&WordInfo]) -> bool {
    i == 0 || opens(i, infos[0].class)
}

/// [`at_start`] of word `i` of a sentence whose first word is of class `first`.
fn opens(i: usize, first: u8) -> bool {
    i == 0 || (i == 1 && first == 4)
}

/// Document evidence against a capitalised word being a name: its lower-case form is
/// also written in lower case in the document ("again" beside a sentence-initial
/// "Again"), and how often it is capitalised where no sentence starts (a name written
/// in lower case too, "Bill" and "bill", is capitalised mid-sentence as well). Words
/// never written in lower case get no evidence: in a long text every name is
/// capitalised mid-sentence, and that says nothing of its type.
///
/// `word_ids` gives each token's word (an index into `infos`), `lower_ids` each word's
/// lower-case form as a small id (equal ids, equal forms), `sentences` the token range
/// of each sentence. Sets [`WordInfo::case_doc`] of a capitalised word whose form is
/// written in lower case `lower` times to `1 + 3 * (lower - 1) + mid`, each count
/// capped at 2 (1..=6); of other words to 0.
pub fn mark_case(
    word_ids: &[u32],
    lower_ids: &[u32],
    sentences: &[std::ops::Range<usize>],
    infos: &mut [WordInfo],
) {
    let distinct = lower_ids.iter().max().map_or(0, |&m| m as usize + 1);
    let mut counts = vec![[0u8; 2]; distinct];
    for range in sentences {
        let wid = &word_ids[range.clone()];
        let Some(&first) = wid.first() else {
            continue;
        };
        let first = infos[first as usize].class;
        for (i, &w) in wid.iter().enumerate() {
            let c = &mut counts[lower_ids[w as usize] as usize];
            match infos[w as usize].class {
                0 => c[0] = (c[0] + 1).min(2),
                1 if !opens(i, first) => c[1] = (c[1] + 1).min(2),
                _ => {}
            }
        }
    }
    for (info, &l) in infos.iter_mut().zip(lower_ids) {
        let [lower, mid] = counts[l as usize];
        info.case_doc = if matches!(info.class, 1 | 2) && lower > 0 {
            1 + 3 * (lower - 1) + mid
        } else {
            0
        };
    }
}

/// Position-dependent features of word `i` of a sentence. `doc` is the second pass's
/// view of how the same word was tagged elsewhere in the document (0: no view).
pub fn context_features(
    i: usize,
    infos: &[&WordInfo],
    sent: SentenceInfo,
    gaz: &[u8],
    doc: u8,
    out: &mut Vec<u64>,
) {
    let n = infos.len();
    let me = infos[i];
    if at_start(i, infos) {
        out.push(hash(T_START, 0, &[me.class]));
        out.push(mix(T_START, me.lower_hash, 1));
        if me.case_doc != 0 {
            out.push(hash(T_CASE, 9, &[me.case_doc]));
        }
    }
    if sent.headline {
        out.push(hash(T_HEADLINE, 0, &[me.class]));
        out.push(mix(T_HEADLINE, me.lower_hash, 1));
    }
    if sent.table {
        out.push(hash(T_TABLE, 0, &[me.class]));
    }
    for o in -1i8..=1 {
        let j = i as isize + o as isize;
        if j >= 0 && (j as usize) < n && gaz[j as usize] != 0 {
            out.push(hash(T_GAZ, o, &[gaz[j as usize]]));
        }
    }
    let cls = |j: isize| -> u8 {
        if j < 0 || j as usize >= n {
            9
        } else {
            infos[j as usize].class
        }
    };
    let ii = i as isize;
    out.push(hash(T_CLASS3, 0, &[cls(ii - 1), me.class, cls(ii + 1)]));
    if i > 0 {
        out.push(mix(T_PAIR, infos[i - 1].lower_hash, me.lower_hash));
    }
    if i + 1 < n {
        out.push(mix(T_PAIR + 100, me.lower_hash, infos[i + 1].lower_hash));
    }
    doc_features(doc, me.class, out);
}

/// The second pass's features of a word of shape class `class` whose document view is
/// `doc` ([`doc_votes`]); the last of [`context_features`], so that the tagger can add
/// them to the rest's scores on their own.
pub fn doc_features(doc: u8, class: u8, out: &mut Vec<u64>) {
    if doc != 0 {
        out.push(hash(T_DOC, 0, &[doc]));
        out.push(hash(T_DOC, 1, &[doc, class]));
    }
}

/// All features of word `i` of a sentence (what training reads; tagging gets the same
/// sums through cached word scores).
pub fn token_features(
    words: &[&str],
    i: usize,
    infos: &[&WordInfo],
    sent: SentenceInfo,
    gaz: &[u8],
    doc: u8,
    out: &mut Vec<u64>,
) {
    for o in -2i8..=2 {
        let j = i as isize + o as isize;
        let w =
            (j >= 0 && (j as usize) < words.len()).then(|| (words[j as usize], infos[j as usize]));
        word_features(w, o, out);
    }
    context_features(i, infos, sent, gaz, doc, out);
}

/// The second pass's view of a word: how the first pass tagged the same word (lower
/// case, capitalised occurrences only) across the document. `caps` lists the
/// capitalised tokens in order, each with its lower-case form as a small id (equal ids,
/// equal forms); `tags` has a tag per token. 0 when it occurs once, else 1 + the
/// majority of its first-pass roles: 0 outside names, 1–4 a one-word name of label
/// PER/ORG/LOC/MISC, 5–8 a word inside a longer name of that label (ties to the earlier
/// role). A view per token, 0 for the tokens `caps` leaves out.
pub fn doc_votes(caps: &[(u32, u32)], tags: &[u8]) -> Vec<u8> {
    let n = tags.len();
    let role = |k: usize| -> usize {
        let t = tags[k] as usize;
        if t == 0 {
            return 0;
        }
        let label = t.div_ceil(2);
        let continued = k + 1 < n && tags[k + 1] != 0 && tags[k + 1].is_multiple_of(2);
        if t % 2 == 1 && !continued {
            label
        } else {
            4 + label
        }
    };
    let distinct = caps.iter().map(|c| c.1).max().map_or(0, |m| m as usize + 1);
    let mut counts = vec![[0u32; 9]; distinct];
    for &(k, lower) in caps {
        counts[lower as usize][role(k as usize)] += 1;
    }
    let mut out = vec![0; n];
    for &(k, lower) in caps {
        let v = counts[lower as usize];
        if v.iter().sum::<u32>() < 2 {
            continue;
        }
        let best = (0..9)
            .max_by_key(|&r| (v[r], std::cmp::Reverse(r)))
            .unwrap_or(0);
        out[k as usize] = 1 + best as u8;
    }
    out
}
