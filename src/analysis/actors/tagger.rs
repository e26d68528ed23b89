//! The learned name tagger: an averaged-perceptron model over BIO tags
//! (`assets/models/actors.bin`, trained by `scripts/train-actors`), decoded per sentence
//! with Viterbi, in two passes: the second sees how the first tagged each word
//! elsewhere in the document.
//!
//! Speed: the scores of a word's own features at each offset are computed once per
//! distinct word of the document and cached, so a token costs five cached vector sums,
//! a handful of context lookups and the Viterbi step.

use super::features::{self as f, WordInfo, NTAGS};
use crate::analysis::model::{viterbi, Model};
use crate::analysis::tokens::Tokens;
use crate::analysis::{Label, Span};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The embedded models: the first pass, then the second (document-aware) pass.
static MODELS: LazyLock<Vec<Model>> = LazyLock::new(|| {
    let mut bytes: &[u8] = include_bytes!("../../../assets/models/actors.bin");
    let mut out = Vec::new();
    while !bytes.is_empty() {
        match Model::read(bytes) {
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

/// Per distinct word: what it is and, per model, its feature scores at offsets −2..=2.
struct WordEntry {
    info: WordInfo,
    scores: Vec<[[f32; NTAGS]; 5]>,
}

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
    spans(tokens, &tag_with(text, tokens, &MODELS))
}

/// One tag per token under `models` (the first pass, then an optional second).
pub fn tag_with(text: &str, tokens: &Tokens, models: &[Model]) -> Vec<usize> {
    if models.is_empty() {
        return vec![0; tokens.toks.len()];
    }
    let table = Table::new(text, tokens, models);
    let mut tags = table.run(0, None);
    if models.len() > 1 {
        let votes = table.votes(&tags);
        tags = table.run(1, Some(&votes));
    }
    tags
}

/// The second pass's document view ([`f::doc_votes`]) after a first pass with `model`.
pub fn votes(text: &str, tokens: &Tokens, model: &Model) -> Vec<u8> {
    let table = Table::new(text, tokens, std::slice::from_ref(model));
    table.votes(&table.run(0, None))
}

/// A document's words, each scored once per model.
struct Table<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    models: &'a [Model],
    entries: Vec<WordEntry>,
    word_ids: Vec<u32>,
    pads: Vec<[[f32; NTAGS]; 5]>,
}

impl<'a> Table<'a> {
    fn new(text: &'a str, tokens: &'a Tokens, models: &'a [Model]) -> Self {
        let mut ids: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(tokens.toks.len() / 8 + 16, Default::default());
        let mut entries: Vec<WordEntry> = Vec::new();
        let mut feats = Vec::with_capacity(64);
        let score =
            |w: Option<(&str, &WordInfo)>, feats: &mut Vec<u64>| -> Vec<[[f32; NTAGS]; 5]> {
                let mut out = vec![[[0f32; NTAGS]; 5]; models.len()];
                for (o, off) in (-2i8..=2).enumerate() {
                    feats.clear();
                    f::word_features(w, off, feats);
                    for (m, model) in models.iter().enumerate() {
                        for &h in feats.iter() {
                            model.add(h, &mut out[m][o]);
                        }
                    }
                }
                out
            };
        let word_ids = tokens
            .toks
            .iter()
            .map(|t| {
                let w = &text[t.start..t.end];
                *ids.entry(w).or_insert_with(|| {
                    let info = WordInfo::new(w);
                    let scores = score(Some((w, &info)), &mut feats);
                    entries.push(WordEntry { info, scores });
                    (entries.len() - 1) as u32
                })
            })
            .collect();
        let pads = score(None, &mut feats);
        Table {
            text,
            tokens,
            models,
            entries,
            word_ids,
            pads,
        }
    }

    fn info(&self, token: usize) -> &WordInfo {
        &self.entries[self.word_ids[token] as usize].info
    }

    /// Decode every sentence with model `m`.
    fn run(&self, m: usize, votes: Option<&[u8]>) -> Vec<usize> {
        let model = &self.models[m];
        let mut tags = vec![0usize; self.tokens.toks.len()];
        let mut ctx = Vec::with_capacity(16);
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        // Buffers reused from sentence to sentence.
        let (mut infos, mut gaz, mut segs) = (Vec::new(), Vec::new(), Vec::new());
        for (si, range) in self.tokens.sentences.iter().enumerate() {
            let toks = self.tokens.sentence(si);
            let wid = &self.word_ids[range.clone()];
            infos.clear();
            infos.extend(wid.iter().map(|&i| &self.entries[i as usize].info));
            // Only stretches around capitalised words and numbers can hold a name: each
            // is decoded on its own, the words between them are outside any name.
            segments(&infos, &mut segs);
            if segs.is_empty() {
                continue;
            }
            let sent = f::SentenceInfo::new(toks, &infos);
            f::gazetteer(self.text, toks, &infos, &mut gaz);
            for seg in segs.iter().cloned() {
                em.clear();
                for i in seg.clone() {
                    let mut s = [0f32; NTAGS];
                    for (o, off) in (-2isize..=2).enumerate() {
                        let j = i as isize + off;
                        let v = if j >= 0 && (j as usize) < toks.len() {
                            &self.entries[wid[j as usize] as usize].scores[m][o]
                        } else {
                            &self.pads[m][o]
                        };
                        for (a, b) in s.iter_mut().zip(v) {
                            *a += b;
                        }
                    }
                    ctx.clear();
                    let doc = votes.map_or(0, |v| v[range.start + i]);
                    f::context_features(i, &infos, sent, &gaz, doc, &mut ctx);
                    for &h in &ctx {
                        model.add(h, &mut s);
                    }
                    em.push(s);
                }
                // A stretch inside a sentence follows an outside word.
                let from = if seg.start == 0 { 0 } else { 1 };
                let path = viterbi(&em, &model.trans, from, f::allowed);
                let at = range.start + seg.start;
                tags[at..at + path.len()].copy_from_slice(&path);
            }
        }
        tags
    }

    fn votes(&self, tags: &[usize]) -> Vec<u8> {
        let n = self.tokens.toks.len();
        let lowers: Vec<&str> = (0..n).map(|k| self.info(k).lower.as_str()).collect();
        let caps: Vec<bool> = (0..n).map(|k| self.info(k).cap).collect();
        f::doc_votes(&lowers, &caps, tags)
    }
}

/// The stretches of a sentence that may hold names: runs of words with a capital or a
/// digit, merged when at most two other words stand between them ("Bank of the West").
pub fn segments(infos: &[&WordInfo], out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    for (i, info) in infos.iter().enumerate() {
        if !info.marked {
            continue;
        }
        match out.last_mut() {
            Some(last) if i <= last.end + 2 => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
}

/// Names from BIO tags: a B- tag opens a name, I- tags of its label continue it.
pub fn spans(tokens: &Tokens, tags: &[usize]) -> Vec<Tagged> {
    let mut out = Vec::new();
    for (si, range) in tokens.sentences.iter().enumerate() {
        let mut open: Option<(usize, Label)> = None;
        let close = |open: &mut Option<(usize, Label)>, end: usize, out: &mut Vec<Tagged>| {
            if let Some((a, label)) = open.take() {
                out.push(Tagged {
                    span: tokens.toks[a].start..tokens.toks[end - 1].end,
                    label,
                    first_token: a,
                    sentence: si,
                });
            }
        };
        for k in range.clone() {
            let t = tags[k];
            match f::tag_label(t) {
                Some(l) if t.is_multiple_of(2) && open.is_some_and(|(_, ol)| ol == l) => {}
                Some(l) => {
                    close(&mut open, k, &mut out);
                    open = Some((k, l));
                }
                None => close(&mut open, k, &mut out),
            }
        }
        close(&mut open, range.end, &mut out);
    }
    out
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
