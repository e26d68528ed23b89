//! The learned name tagger: an averaged-perceptron model over BIO tags
//! (`assets/models/actors.bin`, trained by `scripts/train-actors`), decoded per sentence
//! with Viterbi, in two passes: the second sees how the first tagged each word
//! elsewhere in the document.
//!
//! Speed: the scores of a word's own features at each offset are computed once per
//! distinct word of the document and cached, so a token costs five cached vector sums,
//! a handful of context lookups and the Viterbi step.

use super::features::{self as f, WordInfo, NTAGS};
use crate::analysis::model::{viterbi_into, Model, Steps};
use crate::analysis::tokens::Tokens;
use crate::analysis::{Label, Span};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The embedded models: the first pass, then the second (document-aware) pass.
static MODELS: LazyLock<Vec<Model>> = LazyLock::new(|| {
    let mut bytes: &'static [u8] = include_bytes!("../../../assets/models/actors.bin");
    let mut out = Vec::new();
    while !bytes.is_empty() {
        // Read in place: the weights are not copied out of the binary.
        match Model::read_static(bytes) {
            Ok((m, rest)) => {
                out.push(m);
                bytes = rest;
            }
            // The file is built by the repository's own trainer and checked by a test;
            // a damaged one leaves the tagger without models rather than panicking.
            Err(_) => break,
        }
    }
    out
});

/// Per model, a word's feature scores at offsets −2..=2.
type Scores = [[f32; NTAGS]; 5];

/// A name found by the tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// Byte span of the name.
    pub span: Span,
    /// Its label.
    pub label: Label,
    /// Index of its first token in the document's token stream.
    pub first_token: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

/// Tag every sentence of a document with the embedded models; the names in text order.
pub fn tag(text: &str, tokens: &Tokens) -> Vec<Tagged> {
    let mut out = Vec::new();
    if MODELS.is_empty() {
        return out;
    }
    let table = Table::new(text, tokens, &MODELS);
    let tags = table.tags();
    // Names are within stretches: outside them every tag is O.
    for (si, range) in tokens.sentences.iter().enumerate() {
        for seg in &table.segs[table.sent_segs[si].clone()] {
            let at = range.start;
            names_in(tokens, &tags, si, at + seg.start..at + seg.end, &mut out);
        }
    }
    out
}

/// One tag per token under `models` (the first pass, then an optional second).
pub fn tag_with(text: &str, tokens: &Tokens, models: &[Model]) -> Vec<u8> {
    if models.is_empty() {
        return vec![0; tokens.toks.len()];
    }
    Table::new(text, tokens, models).tags()
}

/// The second pass's document view ([`f::doc_votes`]) after a first pass with `model`.
pub fn votes(text: &str, tokens: &Tokens, model: &Model) -> Vec<u8> {
    let table = Table::new(text, tokens, std::slice::from_ref(model));
    table.votes(&table.first_pass().0)
}

/// A document's distinct words, each described once and, where a name may be near,
/// scored once per model.
struct Table<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    models: &'a [Model],
    /// Per distinct word, what it is.
    infos: Vec<WordInfo>,
    /// Per distinct word, an id of its lower-case form.
    lower_ids: Vec<u32>,
    /// Per distinct word that a stretch reaches, its slot in `scores`; `u32::MAX` for
    /// the others.
    slots: Vec<u32>,
    /// Per slot and model (`slot * models.len() + m`), the word's scores.
    scores: Vec<Scores>,
    /// Per token, its distinct word ([`Tokens::words`]).
    word_ids: &'a [u32],
    /// Per sentence, its stretches that may hold names ([`segments`]), as a range of
    /// `segs`; the stretches are token ranges within the sentence.
    sent_segs: Vec<std::ops::Range<usize>>,
    segs: Vec<std::ops::Range<usize>>,
    /// Per model, the scores of the padding beyond a sentence's edge.
    pads: Vec<Scores>,
}

impl<'a> Table<'a> {
    fn new(text: &'a str, tokens: &'a Tokens, models: &'a [Model]) -> Self {
        // The stream's distinct words ([`Tokens::words`]), each described once.
        let word_ids = &tokens.words[..];
        let words: Vec<&str> = (0..tokens.firsts.len() as u32)
            .map(|w| tokens.word(text, w))
            .collect();
        let mut infos: Vec<WordInfo> = words.iter().map(|w| WordInfo::plain(w)).collect();
        let lower_ids: Vec<u32> = {
            let mut lowers: FxHashMap<&str, u32> = FxHashMap::default();
            infos
                .iter()
                .map(|i| {
                    let next = lowers.len() as u32;
                    *lowers.entry(i.lower.as_str()).or_insert(next)
                })
                .collect()
        };
        f::mark_case(word_ids, &lower_ids, &tokens.sentences, &mut infos);
        // The stretches, and at which offsets from a stretch's words each word stands
        // (bit `o` for offset `o - 2`): only those scores are read.
        let mut segs = Vec::new();
        let mut sent_segs = Vec::with_capacity(tokens.sentences.len());
        let mut offsets = vec![0u8; infos.len()];
        let mut these = Vec::new();
        for range in &tokens.sentences {
            let wid = &word_ids[range.clone()];
            segments_of(wid.iter().map(|&w| infos[w as usize].marked), &mut these);
            let first = segs.len();
            for seg in &these {
                for i in seg.clone() {
                    for o in 0..5 {
                        if let Some(&w) = (i + o).checked_sub(2).and_then(|j| wid.get(j)) {
                            offsets[w as usize] |= 1 << o;
                        }
                    }
                }
            }
            segs.append(&mut these);
            sent_segs.push(first..segs.len());
        }
        let mut feats = Vec::with_capacity(64);
        let mut score = |w: Option<(&str, &WordInfo)>, at: u8, out: &mut [Scores]| {
            for (o, off) in (-2i8..=2).enumerate() {
                if at & (1 << o) == 0 {
                    continue;
                }
                feats.clear();
                f::word_features(w, off, &mut feats);
                for (m, model) in models.iter().enumerate() {
                    for &h in feats.iter() {
                        model.add(h, &mut out[m][o]);
                    }
                }
            }
        };
        let nm = models.len();
        let mut slots = vec![u32::MAX; infos.len()];
        let mut used = 0;
        for (slot, &at) in slots.iter_mut().zip(&offsets) {
            if at != 0 {
                *slot = used;
                used += 1;
            }
        }
        let mut scores = vec![[[0f32; NTAGS]; 5]; used as usize * nm];
        for (i, info) in infos.iter_mut().enumerate() {
            let k = slots[i] as usize;
            if k != u32::MAX as usize {
                info.describe(words[i]);
                score(
                    Some((words[i], info)),
                    offsets[i],
                    &mut scores[k * nm..(k + 1) * nm],
                );
            }
        }
        drop(offsets);
        let mut pads = vec![[[0f32; NTAGS]; 5]; nm];
        score(None, 0b1_1111, &mut pads);
        Table {
            text,
            tokens,
            models,
            infos,
            lower_ids,
            slots,
            scores,
            word_ids,
            sent_segs,
            segs,
            pads,
        }
    }

    /// One tag per token (the first pass, then an optional second).
    fn tags(&self) -> Vec<u8> {
        let (tags, mut later) = self.first_pass();
        if self.models.len() > 1 {
            let votes = self.votes(&tags);
            // A tag a token: the first pass's go before the second's are made.
            drop(tags);
            return self.second_pass(&mut later, &votes);
        }
        tags
    }

    /// Decode every sentence with the first model. With a second model, also its scores
    /// of every stretch word but for the document features, which need this pass's
    /// tags: the rest of the context is the same in both passes, so it is read once.
    /// The rows are in text order, stretch by stretch.
    fn first_pass(&self) -> (Vec<u8>, Vec<[f32; NTAGS]>) {
        let steps = Steps::new(&self.models[0].trans, f::allowed);
        let second = self.models.len() > 1;
        let mut tags = vec![0u8; self.tokens.toks.len()];
        // One row a stretch word, reserved at its number: grown by doubling, a book's
        // rows would take up to twice their size.
        let rows = if second {
            self.segs.iter().map(|s| s.len()).sum()
        } else {
            0
        };
        let mut later = Vec::with_capacity(rows);
        let mut ctx = Vec::with_capacity(16);
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        // Buffers reused from sentence to sentence.
        let (mut infos, mut gaz, mut back) = (Vec::new(), Vec::new(), Vec::new());
        for (si, range) in self.tokens.sentences.iter().enumerate() {
            // Only stretches around capitalised words and numbers can hold a name: each
            // is decoded on its own, the words between them are outside any name.
            let segs = &self.segs[self.sent_segs[si].clone()];
            if segs.is_empty() {
                continue;
            }
            let toks = self.tokens.sentence(si);
            let wid = &self.word_ids[range.clone()];
            infos.clear();
            infos.extend(wid.iter().map(|&i| &self.infos[i as usize]));
            let sent = f::SentenceInfo::new(toks, &infos);
            f::gazetteer(self.text, toks, &infos, &mut gaz);
            for seg in segs.iter().cloned() {
                em.clear();
                for i in seg.clone() {
                    ctx.clear();
                    f::context_features(i, &infos, sent, &gaz, 0, &mut ctx);
                    em.push(self.emission(0, wid, i, &ctx));
                    if second {
                        later.push(self.emission(1, wid, i, &ctx));
                    }
                }
                Self::decode(&steps, range.start, seg, &em, &mut back, &mut tags);
            }
        }
        (tags, later)
    }

    /// Model `m`'s scores of word `i` of a sentence (`wid`, its words) with context
    /// features `ctx`.
    fn emission(&self, m: usize, wid: &[u32], i: usize, ctx: &[u64]) -> [f32; NTAGS] {
        let nm = self.models.len();
        let mut s = [0f32; NTAGS];
        for (o, off) in (-2isize..=2).enumerate() {
            let j = i as isize + off;
            let v = if j >= 0 && (j as usize) < wid.len() {
                let k = self.slots[wid[j as usize] as usize] as usize;
                &self.scores[k * nm + m][o]
            } else {
                &self.pads[m][o]
            };
            for (a, b) in s.iter_mut().zip(v) {
                *a += b;
            }
        }
        for &h in ctx {
            self.models[m].add(h, &mut s);
        }
        s
    }

    /// Decode with the second model, given its scores from [`Table::first_pass`] and the
    /// document view `votes`, whose features it adds to them.
    fn second_pass(&self, em: &mut [[f32; NTAGS]], votes: &[u8]) -> Vec<u8> {
        let model = &self.models[1];
        let steps = Steps::new(&model.trans, f::allowed);
        let mut tags = vec![0u8; self.tokens.toks.len()];
        let mut back = Vec::new();
        // The document features' weights, per view and class (a handful of each).
        let mut doc = Vec::with_capacity(2);
        let weights: Vec<[Vec<usize>; 6]> = (0..=9u8)
            .map(|view| {
                std::array::from_fn(|class| {
                    doc.clear();
                    f::doc_features(view, class as u8, &mut doc);
                    doc.iter().filter_map(|&h| model.row(h)).collect()
                })
            })
            .collect();
        let mut rows = em;
        for (si, range) in self.tokens.sentences.iter().enumerate() {
            for seg in self.segs[self.sent_segs[si].clone()].iter().cloned() {
                let (these, rest) = rows.split_at_mut(seg.len());
                rows = rest;
                for (row, t) in these.iter_mut().zip(seg.start + range.start..) {
                    let class = self.infos[self.word_ids[t] as usize].class;
                    for &w in &weights[votes[t] as usize][class as usize] {
                        model.add_row(w, row);
                    }
                }
                Self::decode(&steps, range.start, seg, these, &mut back, &mut tags);
            }
        }
        tags
    }

    /// Viterbi over the stretch `seg` of the sentence that starts at token `start`, with
    /// a model's `steps`, into `tags`.
    fn decode(
        steps: &Steps,
        start: usize,
        seg: std::ops::Range<usize>,
        em: &[[f32; NTAGS]],
        back: &mut Vec<[u8; NTAGS]>,
        tags: &mut [u8],
    ) {
        // A stretch inside a sentence follows an outside word.
        let from = if seg.start == 0 { 0 } else { 1 };
        let at = start + seg.start;
        viterbi_into(em, steps, from, back, &mut tags[at..at + seg.len()]);
    }

    /// The document view ([`f::doc_votes`]) after a first pass that gave `tags`.
    fn votes(&self, tags: &[u8]) -> Vec<u8> {
        // A capitalised word is marked, so all of them are in stretches.
        let mut caps = Vec::new();
        for (si, range) in self.tokens.sentences.iter().enumerate() {
            for seg in &self.segs[self.sent_segs[si].clone()] {
                for t in range.start + seg.start..range.start + seg.end {
                    let w = self.word_ids[t] as usize;
                    if self.infos[w].cap {
                        caps.push((t as u32, self.lower_ids[w]));
                    }
                }
            }
        }
        f::doc_votes(&caps, tags)
    }
}

/// The stretches of a sentence that may hold names: runs of words with a capital or a
/// digit, merged when at most two other words stand between them ("Bank of the West").
pub fn segments(infos: &[&WordInfo], out: &mut Vec<std::ops::Range<usize>>) {
    segments_of(infos.iter().map(|i| i.marked), out);
}

/// [`segments`] of a sentence given whether each word is marked ([`WordInfo::marked`]).
fn segments_of(marked: impl Iterator<Item = bool>, out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    for (i, marked) in marked.enumerate() {
        if !marked {
            continue;
        }
        match out.last_mut() {
            Some(last) if i <= last.end + 2 => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
}

/// Names from BIO tags: a B- tag opens a name, I- tags of its label continue it.
pub fn spans(tokens: &Tokens, tags: &[u8]) -> Vec<Tagged> {
    let mut out = Vec::new();
    for (si, range) in tokens.sentences.iter().enumerate() {
        names_in(tokens, tags, si, range.clone(), &mut out);
    }
    out
}

/// The names of tokens `range` of sentence `si` ([`spans`]), into `out`.
fn names_in(
    tokens: &Tokens,
    tags: &[u8],
    si: usize,
    range: std::ops::Range<usize>,
    out: &mut Vec<Tagged>,
) {
    let mut open: Option<(usize, Label)> = None;
    let close = |open: &mut Option<(usize, Label)>, end: usize, out: &mut Vec<Tagged>| {
        if let Some((a, label)) = open.take() {
            out.push(Tagged {
                span: tokens.toks[a].start()..tokens.toks[end - 1].end(),
                label,
                first_token: a,
                sentence: si,
            });
        }
    };
    for k in range.clone() {
        let t = tags[k] as usize;
        match f::tag_label(t) {
            Some(l) if t.is_multiple_of(2) && open.is_some_and(|(_, ol)| ol == l) => {}
            Some(l) => {
                close(&mut open, k, out);
                open = Some((k, l));
            }
            None => close(&mut open, k, out),
        }
    }
    close(&mut open, range.end, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::sentences;

    #[test]
    fn the_embedded_models_load() {
        assert_eq!(MODELS.len(), 2);
        assert!(MODELS.iter().all(|m| m.tags == NTAGS && m.len() > 10_000));
    }

    #[test]
    fn tags_become_spans_per_sentence() {
        let text = "Ann Lee met Bob.";
        let toks = Tokens::new(text, &sentences(text));
        let got = spans(&toks, &[1, 2, 0, 1, 0]);
        let names: Vec<&str> = got.iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(names, ["Ann Lee", "Bob"]);
        // An I- tag of another label opens a new name.
        let got = spans(&toks, &[1, 4, 0, 0, 0]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].label, Label::Org);
    }
}
