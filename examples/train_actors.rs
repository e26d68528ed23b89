//! Trains lede's name tagger (`assets/models/actors.bin`): an averaged perceptron over
//! BIO tags with Viterbi decoding, in two passes (the second sees how the first tagged
//! each word elsewhere in the document; it is trained on first-pass tags predicted by
//! models that never saw the document, five folds).
//!
//! Run through `scripts/train-actors`. Deterministic: a fixed seed, ordered inputs.
//!
//! ```text
//! cargo run --release --example train_actors -- [--epochs N] [--min-count N]
//!     [--dev DEV.jsonl]... --out assets/models/actors.bin TRAIN.jsonl...
//! ```

use lede::analysis::actors::features::{self as f, WordInfo, NTAGS};
use lede::analysis::actors::tagger;
use lede::analysis::model::{viterbi, Model};
use lede::analysis::text::sentences;
use lede::analysis::tokens::Tokens;
use rustc_hash::FxHashMap;
use std::io::BufRead;

struct Doc {
    id: String,
    text: String,
    /// Per sentence: whether it is annotated (MEANTIME annotates only the start).
    annotated: Vec<bool>,
    tokens: Tokens,
    gold: Vec<usize>,
    /// Gold names (byte spans, label) for evaluation.
    names: Vec<(usize, usize, usize)>,
}

/// Load a JSONL set. `meantime` converts MEANTIME's annotation to CoNLL's conventions:
/// only its scored region is annotated; its spans may hold determiners, descriptions and
/// nested names, so each name becomes its runs of capitalised words (innermost names
/// first); nationality words, LOC there, are MISC as in CoNLL.
fn load(path: &str, meantime: bool, mismatches: &mut usize) -> Vec<Doc> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read");
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let sents = sentences(&text);
        let tokens = Tokens::new(&text, &sents);
        let mut gold = vec![0; tokens.toks.len()];
        let mut names = Vec::new();
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let region = v["scored_region"]
            .as_array()
            .map(|r| {
                let at = |k: usize| byte_of[r[k].as_u64().unwrap_or(0) as usize];
                at(0)..at(1)
            })
            .unwrap_or(0..text.len());
        let annotated: Vec<bool> = sents
            .iter()
            .map(|s| region.contains(&s.span.start))
            .collect();
        if meantime {
            meantime_tags(&text, &tokens, &v, &byte_of, &mut gold);
        }
        for e in v["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|_| !meantime)
        {
            let (s, t) = (
                e["start"].as_u64().unwrap_or(0),
                e["end"].as_u64().unwrap_or(0),
            );
            let (s, t) = (byte_of[s as usize], byte_of[t as usize]);
            let label = label_of(e["label"].as_str());
            let b = f::begin_tag(label);
            names.push((s, t, b));
            let inside: Vec<usize> = (0..tokens.toks.len())
                .filter(|&k| tokens.toks[k].start() >= s && tokens.toks[k].end() <= t)
                .collect();
            match (inside.first(), inside.last()) {
                (Some(&a), Some(&z)) => {
                    if tokens.toks[a].start() != s || tokens.toks[z].end() != t {
                        *mismatches += 1;
                    }
                    gold[a] = b;
                    for &k in &inside[1..] {
                        gold[k] = b + 1;
                    }
                }
                _ => *mismatches += 1,
            }
        }
        out.push(Doc {
            id,
            text,
            annotated,
            tokens,
            gold,
            names,
        });
    }
    out
}

fn label_of(s: Option<&str>) -> lede::analysis::Label {
    match s {
        Some("PER") => lede::analysis::Label::Person,
        Some("ORG") => lede::analysis::Label::Org,
        Some("LOC") => lede::analysis::Label::Place,
        _ => lede::analysis::Label::Misc,
    }
}

fn meantime_tags(
    text: &str,
    tokens: &Tokens,
    v: &serde_json::Value,
    byte_of: &[usize],
    gold: &mut [usize],
) {
    let mut ents: Vec<(usize, usize, lede::analysis::Label)> = v["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let at = |k: &str| byte_of[e[k].as_u64().unwrap_or(0) as usize];
            (at("start"), at("end"), label_of(e["label"].as_str()))
        })
        .collect();
    ents.sort_by_key(|e| (e.1 - e.0, e.0));
    let n = tokens.toks.len();
    let word = |k: usize| &text[tokens.toks[k].range()];
    let capital = |k: usize| {
        word(k)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || word(k).chars().skip(1).any(char::is_uppercase)
    };
    let mut taken = vec![false; n];
    for (s, t, label) in ents {
        let inside: Vec<usize> = (0..n)
            .filter(|&k| tokens.toks[k].start() >= s && tokens.toks[k].end() <= t && !taken[k])
            .collect();
        // Runs of capitalised words, joined by connectors ("Bank of England").
        let mut k = 0;
        while k < inside.len() {
            if !capital(inside[k]) {
                k += 1;
                continue;
            }
            let mut z = k;
            while z + 1 < inside.len() && inside[z + 1] == inside[z] + 1 {
                let next = inside[z + 1];
                let conn = matches!(word(next), "of" | "and" | "&" | "de" | "-");
                if capital(next) {
                    z += 1;
                } else if conn && z + 2 < inside.len() && capital(inside[z + 2]) {
                    z += 2;
                } else {
                    break;
                }
            }
            let run = &inside[k..=z];
            let single_demonym = label == lede::analysis::Label::Place
                && run.len() == 1
                && lede::analysis::actors::is_nationality(&word(run[0]).to_lowercase());
            let label = if single_demonym {
                lede::analysis::Label::Misc
            } else {
                label
            };
            let b = f::begin_tag(label);
            for (j, &tok) in run.iter().enumerate() {
                gold[tok] = if j == 0 { b } else { b + 1 };
                taken[tok] = true;
            }
            k = z + 1;
        }
    }
}

/// One training sequence: features per token, gold tags.
struct Seq {
    feats: Vec<Vec<u64>>,
    gold: Vec<usize>,
    /// The transition row it starts from (0 at a sentence start, else after O).
    from: usize,
}

fn sequences(doc: &Doc, votes: Option<&[u8]>, out: &mut Vec<Seq>) {
    let mut infos_all: Vec<WordInfo> = doc
        .tokens
        .toks
        .iter()
        .map(|t| WordInfo::new(&doc.text[t.range()]))
        .collect();
    // The tagger's document evidence, with one word per token.
    let mut lowers: FxHashMap<&str, u32> = FxHashMap::default();
    let lower_ids: Vec<u32> = infos_all
        .iter()
        .map(|i| {
            let next = lowers.len() as u32;
            *lowers.entry(i.lower.as_str()).or_insert(next)
        })
        .collect();
    let word_ids: Vec<u32> = (0..infos_all.len() as u32).collect();
    f::mark_case(&word_ids, &lower_ids, &doc.tokens.sentences, &mut infos_all);
    for (si, range) in doc.tokens.sentences.iter().enumerate() {
        let toks = doc.tokens.sentence(si);
        if toks.is_empty() || !doc.annotated[si] {
            continue;
        }
        let words: Vec<&str> = toks.iter().map(|t| &doc.text[t.range()]).collect();
        let infos: Vec<&WordInfo> = infos_all[range.clone()].iter().collect();
        let sent = f::SentenceInfo::new(toks, &infos);
        let mut gaz = Vec::new();
        f::gazetteer(&doc.text, toks, &infos, &mut gaz);
        // The same stretches as the tagger decodes.
        let mut segs = Vec::new();
        tagger::segments(&infos, &mut segs);
        for seg in segs {
            let mut feats = Vec::with_capacity(seg.len());
            for i in seg.clone() {
                let mut v = Vec::with_capacity(48);
                let d = votes.map_or(0, |v| v[range.start + i]);
                f::token_features(&words, i, &infos, sent, &gaz, d, &mut v);
                feats.push(v);
            }
            let from = if seg.start == 0 { 0 } else { 1 };
            let mut gold = doc.gold[range.start + seg.start..range.start + seg.end].to_vec();
            // An inside tag cannot open a stretch.
            if from == 1 && gold.first().is_some_and(|&t| t != 0 && t % 2 == 0) {
                gold[0] -= 1;
            }
            out.push(Seq { feats, gold, from });
        }
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Train one model; returns its file bytes and the model read back from them.
fn train(seqs: &[Seq], epochs: usize, min_count: u32, seed: u64) -> (Vec<u8>, Model) {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for s in seqs {
        for v in &s.feats {
            for &h in v {
                *counts.entry(h).or_default() += 1;
            }
        }
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let index: FxHashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let idx: Vec<Vec<Vec<u32>>> = seqs
        .iter()
        .map(|s| {
            s.feats
                .iter()
                .map(|v| v.iter().filter_map(|h| index.get(h).copied()).collect())
                .collect()
        })
        .collect();
    let n = keys.len();
    let mut w = vec![[0f32; NTAGS]; n];
    let mut acc = vec![[0f32; NTAGS]; n];
    let mut tr = vec![vec![0f32; NTAGS]; NTAGS + 1];
    let mut tr_acc = vec![vec![0f32; NTAGS]; NTAGS + 1];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = Rng(seed);
    let mut em: Vec<[f32; NTAGS]> = Vec::new();
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let (s, fi) = (&seqs[k], &idx[k]);
            em.clear();
            for v in fi {
                let mut e = [0f32; NTAGS];
                for &x in v {
                    for (a, b) in e.iter_mut().zip(&w[x as usize]) {
                        *a += b;
                    }
                }
                em.push(e);
            }
            let pred = viterbi(&em, &tr, s.from, f::allowed);
            if pred != s.gold {
                for (i, v) in fi.iter().enumerate() {
                    let (g, p) = (s.gold[i], pred[i]);
                    if g != p {
                        for &x in v {
                            let x = x as usize;
                            w[x][g] += 1.0;
                            w[x][p] -= 1.0;
                            acc[x][g] += c;
                            acc[x][p] -= c;
                        }
                    }
                    let (pg, pp) = if i == 0 {
                        (s.from, s.from)
                    } else {
                        (s.gold[i - 1] + 1, pred[i - 1] + 1)
                    };
                    if (pg, g) != (pp, p) {
                        tr[pg][g] += 1.0;
                        tr[pp][p] -= 1.0;
                        tr_acc[pg][g] += c;
                        tr_acc[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    let feats: Vec<(u64, Vec<f32>)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, &k)| {
            let v: Vec<f32> = (0..NTAGS).map(|t| w[i][t] - acc[i][t] / c).collect();
            v.iter().any(|x| x.abs() > 1e-3).then_some((k, v))
        })
        .collect();
    let trans: Vec<Vec<f32>> = (0..=NTAGS)
        .map(|a| (0..NTAGS).map(|b| tr[a][b] - tr_acc[a][b] / c).collect())
        .collect();
    let mut bytes = Vec::new();
    Model::write(&trans, &feats, &mut bytes);
    let model = Model::read(&bytes).expect("model round trip").0;
    (bytes, model)
}

/// Strict F1 over PER/ORG/LOC names (byte spans) of `docs` tagged by `models`.
fn evaluate(docs: &[Doc], models: &[Model]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for d in docs {
        let tags = tagger::tag_with(&d.text, &d.tokens, models);
        let pred: Vec<(usize, usize, usize)> = tagger::spans(&d.tokens, &tags)
            .iter()
            .map(|t| (t.span.start, t.span.end, f::begin_tag(t.label)))
            .filter(|p| p.2 != 7)
            .collect();
        let gold: Vec<&(usize, usize, usize)> = d.names.iter().filter(|g| g.2 != 7).collect();
        np += pred.len();
        ng += gold.len();
        tp += pred.iter().filter(|p| gold.contains(p)).count();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

/// Train both passes on `docs`: returns the model files and the models.
fn fit(docs: &[&Doc], o: &Opts, verbose: bool) -> (Vec<Vec<u8>>, Vec<Model>) {
    let seed = 0x5eed_1ede;
    let mut seqs = Vec::new();
    for d in docs {
        sequences(d, None, &mut seqs);
    }
    let (first_bytes, first) = train(&seqs, o.epochs, o.min_count, seed);
    if verbose {
        eprintln!("pass 1: {} features", first.len());
    }
    let mut files = vec![first_bytes];
    let mut models = vec![first];
    if o.folds > 1 {
        // First-pass tags for every training document from a model that never saw it.
        // Folds go by document id, so that the copies of a document share one.
        let fold = |d: &Doc| (f::hash(0, 0, d.id.as_bytes()) % o.folds as u64) as usize;
        let mut votes: Vec<Vec<u8>> = vec![Vec::new(); docs.len()];
        for k in 0..o.folds {
            let mut s = Vec::new();
            for d in docs.iter().filter(|d| fold(d) != k) {
                sequences(d, None, &mut s);
            }
            let (_, m) = train(&s, o.epochs, o.min_count, seed + k as u64 + 1);
            for (i, d) in docs.iter().enumerate() {
                if fold(d) == k {
                    votes[i] = tagger::votes(&d.text, &d.tokens, &m);
                }
            }
        }
        let mut seqs = Vec::new();
        for (d, v) in docs.iter().zip(&votes) {
            sequences(d, Some(v), &mut seqs);
        }
        let (second_bytes, second) = train(&seqs, o.epochs, o.min_count, seed);
        if verbose {
            eprintln!("pass 2: {} features", second.len());
        }
        files.push(second_bytes);
        models.push(second);
    }
    (files, models)
}

/// Predictions in the JSONL shape the scorers read (code-point offsets).
fn predict(d: &Doc, models: &[Model], out: &mut String) {
    let names = lede::analysis::actors::names_with(&d.text, &d.tokens, models);
    let index = lede::analysis::text::CharIndex::new(&d.text);
    let ents: Vec<serde_json::Value> = names
        .iter()
        .map(|(s, l)| {
            serde_json::json!({"start": index.to_char(s.start), "end": index.to_char(s.end), "label": l.as_str()})
        })
        .collect();
    out.push_str(&serde_json::json!({"id": d.id, "entities": ents}).to_string());
    out.push('\n');
}

struct Opts {
    epochs: usize,
    min_count: u32,
    folds: usize,
    /// How many times each MEANTIME document counts in training.
    copies: usize,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut o = Opts {
        epochs: 12,
        min_count: 2,
        folds: 5,
        copies: 1,
    };
    let (mut out, mut dev, mut train_files, mut meantime, mut cv_out) =
        (None, Vec::new(), Vec::new(), Vec::new(), None);
    while let Some(a) = args.next() {
        let mut num = || {
            args.next()
                .and_then(|s| s.parse::<usize>().ok())
                .expect("a number")
        };
        match a.as_str() {
            "--epochs" => o.epochs = num(),
            "--min-count" => o.min_count = num() as u32,
            "--folds" => o.folds = num(),
            "--out" => out = args.next(),
            "--dev" => dev.push(args.next().expect("--dev FILE")),
            "--meantime" => meantime.push(args.next().expect("--meantime FILE")),
            "--cv-out" => cv_out = args.next(),
            "--meantime-copies" => o.copies = num(),
            _ => train_files.push(a),
        }
    }
    let mut mism = 0;
    let docs: Vec<Doc> = train_files
        .iter()
        .flat_map(|p| load(p, false, &mut mism))
        .collect();
    let extra: Vec<Doc> = meantime
        .iter()
        .flat_map(|p| load(p, true, &mut mism))
        .collect();
    let ntok: usize = docs.iter().map(|d| d.tokens.toks.len()).sum();
    eprintln!(
        "train: {} documents, {ntok} tokens, {mism} names not on token boundaries; {} MEANTIME documents",
        docs.len(),
        extra.len()
    );
    let mut dmism = 0;
    let dev_docs: Vec<Vec<Doc>> = dev.iter().map(|p| load(p, false, &mut dmism)).collect();
    if let Some(cv_out) = &cv_out {
        // MEANTIME documents, five folds: each is tagged by a model trained without it.
        let mut preds = String::new();
        for k in 0..5 {
            let train: Vec<&Doc> = docs
                .iter()
                .chain(
                    extra
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % 5 != k)
                        .flat_map(|(_, d)| std::iter::repeat_n(d, o.copies)),
                )
                .collect();
            let (_, models) = fit(&train, &o, false);
            for d in extra
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 5 == k)
                .map(|(_, d)| d)
            {
                predict(d, &models, &mut preds);
            }
            eprintln!("fold {k} done");
        }
        std::fs::write(cv_out, preds).unwrap_or_else(|e| panic!("{cv_out}: {e}"));
    }
    let all: Vec<&Doc> = docs
        .iter()
        .chain(extra.iter().flat_map(|d| std::iter::repeat_n(d, o.copies)))
        .collect();
    let (files, models) = fit(&all, &o, true);
    for (p, d) in dev.iter().zip(&dev_docs) {
        let (pp, r, f1) = evaluate(d, &models);
        eprintln!("  {p}: P {pp:.3} R {r:.3} F1 {f1:.3} (strict, PER/ORG/LOC, two passes)");
        let mut preds = String::new();
        for doc in d {
            predict(doc, &models, &mut preds);
        }
        let path = format!("{}.pred.jsonl", p.rsplit('/').nth(1).unwrap_or("dev"));
        std::fs::write(std::env::temp_dir().join(&path), preds).ok();
    }
    if let Some(out) = out {
        let bytes = files.concat();
        std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
        eprintln!("wrote {out} ({} bytes)", bytes.len());
    }
}
