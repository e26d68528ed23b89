//! Learned weights: a linear model over hashed features with one weight per tag, and a
//! tag-transition matrix for Viterbi decoding. Loading and scoring only; training lives
//! in `examples/train_actors.rs` (run by `scripts/train-actors`).
//!
//! File format (little endian): the magic `LEDELIN1`, then `u32` tags, `u32` features,
//! `f32` scale; `(tags + 1) × tags` `f32` transition scores (row 0: from the sentence
//! start; row `a + 1`: from tag `a`); the feature hashes as sorted `u64`; then per
//! feature `tags` weights as `i16`, each multiplied by `scale` when read.

use std::borrow::Cow;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file does not start with the magic bytes.
    #[error("not a lede model file")]
    Magic,
    /// The file ends before the sizes it declares.
    #[error("model file truncated")]
    Truncated,
    /// The feature hashes are not in ascending order.
    #[error("model file's features are not sorted")]
    Unsorted,
}

/// A linear tagging model.
///
/// The feature hashes and weights stay as they are in the file (the embedded model is
/// read in place, not decoded into the heap): a lookup finds the hash among the sorted
/// keys through a table of where each run of keys with the same top bits starts, and
/// scales the weights as it adds them.
#[derive(Debug, Clone)]
pub struct Model {
    /// Number of tags.
    pub tags: usize,
    /// Transition scores: `trans[0]` from the start, `trans[a + 1]` from tag `a`.
    pub trans: Vec<Vec<f32>>,
    /// Number of features.
    n: usize,
    /// What each `i16` weight is multiplied by.
    scale: f32,
    /// The sorted feature hashes (`n` little-endian `u64`), then their weights (`tags`
    /// little-endian `i16` per feature).
    data: Cow<'static, [u8]>,
    /// `first[b]` is the index of the first key whose top bits are `b` or more
    /// (`1 << bits` runs, and one more entry: `n`).
    first: Vec<u32>,
    /// How far a key is shifted right to leave its top bits.
    shift: u32,
}

/// The magic bytes that open a model file.
pub const MAGIC: &[u8; 8] = b"LEDELIN1";

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let all: &'a [u8] = self.0;
        if all.len() < n {
            return Err(ModelError::Truncated);
        }
        let (a, b) = all.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
}

impl Model {
    /// Read one model from the front of `bytes` (copying its weights); returns it and the
    /// bytes after it.
    pub fn read(bytes: &[u8]) -> Result<(Model, &[u8]), ModelError> {
        let (head, data, rest) = Self::split(bytes)?;
        Ok((head.with_data(Cow::Owned(data.to_vec()))?, rest))
    }

    /// [`Model::read`] of a model embedded in the binary: its weights are read in place.
    pub fn read_static(bytes: &'static [u8]) -> Result<(Model, &'static [u8]), ModelError> {
        let (head, data, rest) = Self::split(bytes)?;
        Ok((head.with_data(Cow::Borrowed(data))?, rest))
    }

    /// The header of the model at the front of `bytes`, its keys and weights, and the
    /// bytes after it.
    fn split(bytes: &[u8]) -> Result<(Header, &[u8], &[u8]), ModelError> {
        let mut r = Reader(bytes);
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let tags = r.u32()? as usize;
        let n = r.u32()? as usize;
        let scale = r.f32()?;
        let mut trans = Vec::with_capacity(tags + 1);
        for _ in 0..=tags {
            let mut row = Vec::with_capacity(tags);
            for _ in 0..tags {
                row.push(r.f32()?);
            }
            trans.push(row);
        }
        let keys = n.checked_mul(8).ok_or(ModelError::Truncated)?;
        let ws = n
            .checked_mul(tags * 2)
            .and_then(|w| w.checked_add(keys))
            .ok_or(ModelError::Truncated)?;
        let data = r.take(ws)?;
        let head = Header {
            tags,
            trans,
            n,
            scale,
        };
        Ok((head, data, r.0))
    }

    /// The `i`-th feature hash.
    #[inline]
    fn key(&self, i: usize) -> u64 {
        let b = &self.data[i * 8..i * 8 + 8];
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    }

    /// The index of feature `f`, if the model has weights for it.
    #[inline]
    fn find(&self, f: u64) -> Option<usize> {
        let b = (f >> self.shift) as usize;
        let (lo, hi) = (self.first[b] as usize, self.first[b + 1] as usize);
        let want = f.to_le_bytes();
        self.data[lo * 8..hi * 8]
            .chunks_exact(8)
            .position(|k| k == want)
            .map(|p| lo + p)
    }

    /// Write a model: `features` are (hash, weights per tag) pairs.
    pub fn write(trans: &[Vec<f32>], features: &[(u64, Vec<f32>)], out: &mut Vec<u8>) {
        let tags = trans.first().map_or(0, Vec::len);
        let mut features: Vec<&(u64, Vec<f32>)> = features.iter().collect();
        features.sort_by_key(|f| f.0);
        let max = features
            .iter()
            .flat_map(|f| f.1.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(tags as u32).to_le_bytes());
        out.extend_from_slice(&(features.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for row in trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for f in &features {
            out.extend_from_slice(&f.0.to_le_bytes());
        }
        for f in &features {
            for w in &f.1 {
                out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
            }
        }
    }

    /// Add the weights of feature `f` to `scores` (one per tag); unknown features add nothing.
    #[inline(always)]
    pub fn add(&self, f: u64, scores: &mut [f32]) {
        if let Some(i) = self.find(f) {
            self.add_row(i, scores);
        }
    }

    /// Where the model keeps the weights of feature `f`, if it has any: for
    /// [`Model::add_row`], when a feature's weights are added many times.
    pub fn row(&self, f: u64) -> Option<usize> {
        self.find(f)
    }

    /// Add the weights at `row` ([`Model::row`]) to `scores` (one per tag).
    #[inline(always)]
    pub fn add_row(&self, i: usize, scores: &mut [f32]) {
        let at = self.n * 8 + i * self.tags * 2;
        let ws = &self.data[at..at + self.tags * 2];
        let scale = self.scale;
        // The tagger's nine tags, at a size known here, in one go.
        if let (Ok(s), Ok(w)) = (
            <&mut [f32; 9]>::try_from(&mut *scores),
            <&[u8; 18]>::try_from(ws),
        ) {
            // The weights read first and scaled after, lane by lane: the same
            // products and sums, in a form the compiler turns into vector code.
            let ws: [i16; 9] =
                std::array::from_fn(|t| i16::from_le_bytes([w[2 * t], w[2 * t + 1]]));
            for (s, w) in s.iter_mut().zip(ws) {
                *s += f32::from(w) * scale;
            }
            return;
        }
        for (s, w) in scores.iter_mut().zip(ws.chunks_exact(2)) {
            *s += f32::from(i16::from_le_bytes([w[0], w[1]])) * scale;
        }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// What a model file says before its keys and weights.
struct Header {
    tags: usize,
    trans: Vec<Vec<f32>>,
    n: usize,
    scale: f32,
}

impl Header {
    /// The model of this header over `data` (its keys, then its weights).
    fn with_data(self, data: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        // About one key a run: the table costs four bytes a feature, a lookup reads
        // one or two keys.
        let bits = self.n.max(1).next_power_of_two().trailing_zeros().max(1);
        let shift = 64 - bits;
        let mut model = Model {
            tags: self.tags,
            trans: self.trans,
            n: self.n,
            scale: self.scale,
            data,
            first: Vec::new(),
            shift,
        };
        if (1..model.n).any(|i| model.key(i - 1) > model.key(i)) {
            return Err(ModelError::Unsorted);
        }
        let runs = 1usize << bits;
        let mut first = Vec::with_capacity(runs + 1);
        let mut i = 0;
        for b in 0..runs as u64 {
            while i < model.n && model.key(i) >> shift < b {
                i += 1;
            }
            first.push(i as u32);
        }
        first.push(model.n as u32);
        model.first = first;
        Ok(model)
    }
}

/// The best tag sequence under `emissions` (one row of nine tag scores per position) and the
/// model's transitions, with `allowed(prev, next)` ruling out transitions (`prev` is
/// `None` at the start). `from` is the transition row the sequence starts from: 0 for the
/// start of a sentence, `t + 1` when it follows tag `t`.
pub fn viterbi(
    emissions: &[[f32; 9]],
    trans: &[Vec<f32>],
    from: usize,
    allowed: impl Fn(Option<usize>, usize) -> bool,
) -> Vec<usize> {
    let mut out = vec![0; emissions.len()];
    let steps = Steps::new(trans, allowed);
    viterbi_into(emissions, &steps, from, &mut Vec::new(), &mut out);
    out.into_iter().map(usize::from).collect()
}

/// Which transitions of a model [`viterbi`] may take under a rule of allowed ones,
/// worked out once for all the sequences a model decodes.
#[derive(Debug, Clone)]
pub struct Steps {
    /// Per transition row a sequence starts from, the score of opening with each tag
    /// (minus infinity for the tags it may not open with).
    starts: Vec<[f32; 9]>,
    /// For each tag, the tags that may precede it, with their transition scores.
    preds: [[(u8, f32); 9]; 9],
    /// For each tag, how many of `preds` hold.
    npreds: [usize; 9],
}

impl Steps {
    /// The steps of transitions `trans` under `allowed(prev, next)`.
    pub fn new(trans: &[Vec<f32>], allowed: impl Fn(Option<usize>, usize) -> bool) -> Self {
        let starts = (0..trans.len())
            .map(|from| {
                std::array::from_fn(|t| {
                    if allowed(from.checked_sub(1), t) {
                        trans[from][t]
                    } else {
                        f32::NEG_INFINITY
                    }
                })
            })
            .collect();
        let mut preds = [[(0u8, 0f32); 9]; 9];
        let mut npreds = [0usize; 9];
        for b in 0..9 {
            for a in 0..9 {
                if allowed(Some(a), b) {
                    preds[b][npreds[b]] = (a as u8, trans[a + 1][b]);
                    npreds[b] += 1;
                }
            }
        }
        Steps {
            starts,
            preds,
            npreds,
        }
    }
}

/// [`viterbi`] into `out` (one tag per emission row), with the `steps` of a model's
/// transitions and `back` a buffer reused between calls.
pub fn viterbi_into(
    emissions: &[[f32; 9]],
    steps: &Steps,
    from: usize,
    back: &mut Vec<[u8; 9]>,
    out: &mut [u8],
) {
    let n = emissions.len();
    debug_assert_eq!(out.len(), n);
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let tags = 9;
    // Minus infinity plus a score stays minus infinity.
    let mut score = steps.starts[from];
    for (s, e) in score.iter_mut().zip(&emissions[0]) {
        *s += e;
    }
    if n > 1 {
        let (preds, npreds) = (&steps.preds, &steps.npreds);
        back.clear();
        back.resize(n, [0u8; 9]);
        for i in 1..n {
            let mut next = [NEG; 9];
            for b in 0..tags {
                let mut best = NEG;
                let mut arg = 0;
                for &(a, t) in &preds[b][..npreds[b]] {
                    let a = a as usize;
                    let s = score[a] + t;
                    if s > best {
                        best = s;
                        arg = a;
                    }
                }
                if best > NEG {
                    next[b] = best + emissions[i][b];
                    back[i][b] = arg as u8;
                }
            }
            score = next;
        }
    }
    // The best last tag (the later one on a tie).
    let mut t = 0;
    for k in 1..tags {
        if score[k].total_cmp(&score[t]).is_ge() {
            t = k;
        }
    }
    for i in (0..n).rev() {
        out[i] = t as u8;
        if i > 0 {
            t = back[i][t] as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_reads_back_with_its_weights() {
        let trans = vec![vec![0.5, -0.5]; 3];
        let feats = vec![(42u64, vec![1.0, -2.0]), (7u64, vec![0.25, 0.0])];
        let mut bytes = Vec::new();
        Model::write(&trans, &feats, &mut bytes);
        let (m, rest) = Model::read(&bytes).expect("reads");
        assert!(rest.is_empty());
        assert_eq!(m.len(), 2);
        let mut s = [0f32; 2];
        m.add(42, &mut s);
        assert!(
            (s[0] - 1.0).abs() < 1e-3 && (s[1] + 2.0).abs() < 1e-3,
            "{s:?}"
        );
        m.add(99, &mut s);
        assert!((s[0] - 1.0).abs() < 1e-3);
        assert_eq!(m.trans[2], vec![0.5, -0.5]);
        assert!(matches!(Model::read(b"nope"), Err(ModelError::Truncated)));
        assert!(matches!(
            Model::read(b"NOTAMODEL..."),
            Err(ModelError::Magic)
        ));
        assert!(matches!(
            Model::read(&bytes[..bytes.len() - 1]),
            Err(ModelError::Truncated)
        ));
    }

    #[test]
    fn every_feature_of_a_large_model_is_found_in_place_and_no_other() {
        let trans = vec![vec![0.0; 3]; 4];
        // Hashes spread over the whole range, as the feature hashes are, and some
        // sharing their top bits.
        let feats: Vec<(u64, Vec<f32>)> = (0..5000u64)
            .map(|i| {
                let h = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (i & 7);
                (h, vec![i as f32, -(i as f32), 0.5])
            })
            .collect();
        let mut bytes = Vec::new();
        Model::write(&trans, &feats, &mut bytes);
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let (owned, _) = Model::read(bytes).expect("reads");
        let (borrowed, rest) = Model::read_static(bytes).expect("reads in place");
        assert!(rest.is_empty());
        for (h, w) in &feats {
            for m in [&owned, &borrowed] {
                let mut s = [0f32; 3];
                m.add(*h, &mut s);
                // Weights are kept in 16 bits: within one step (4999 / 32767) of their value.
                assert!((s[0] - w[0]).abs() < 0.16, "{h}: {s:?}");
                assert!((s[1] - w[1]).abs() < 0.16, "{h}: {s:?}");
                assert!((s[2] - 0.5).abs() < 0.16);
            }
        }
        // Hashes next to the known ones are not features.
        for (h, _) in feats.iter().take(500) {
            let mut s = [0f32; 3];
            owned.add(h.wrapping_add(1), &mut s);
            borrowed.add(h.wrapping_sub(1), &mut s);
            assert_eq!(s, [0.0; 3]);
        }
    }

    #[test]
    fn a_model_whose_features_are_out_of_order_is_refused() {
        let trans = vec![vec![0.0; 1]; 2];
        let mut bytes = Vec::new();
        Model::write(&trans, &[(5, vec![1.0]), (9, vec![2.0])], &mut bytes);
        // Swap the two keys, which follow the header (20 bytes) and transitions (8).
        let keys = 8 + 12 + 8;
        let (a, b) = bytes[keys..keys + 16].split_at(8);
        let swapped: Vec<u8> = b.iter().chain(a).copied().collect();
        bytes[keys..keys + 16].copy_from_slice(&swapped);
        assert!(matches!(Model::read(&bytes), Err(ModelError::Unsorted)));
    }

    #[test]
    fn viterbi_respects_forbidden_transitions() {
        let trans = vec![vec![0.0; 9]; 10];
        // Position 1 prefers I-PER (2), but position 0 prefers B-ORG (3): I-PER may not
        // follow B-ORG, so the decoder must choose another path.
        let mut e = [[0f32; 9]; 2];
        e[0][3] = 2.0;
        e[1][2] = 3.0;
        e[1][4] = 0.5;
        let allowed = |a: Option<usize>, b: usize| {
            b == 0 || b % 2 == 1 || matches!(a, Some(a) if a != 0 && a.div_ceil(2) == b / 2)
        };
        let path = viterbi(&e, &trans, 0, allowed);
        // O I-PER is forbidden; B-PER I-PER (3) beats B-ORG I-ORG (2.5) and B-ORG O (2).
        assert_eq!(path, vec![1, 2]);
    }
}
