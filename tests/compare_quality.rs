//! How well lede lines documents up: shared-claim matching and actor merging, scored on
//! the hand-labelled invented articles of `tests/fixtures/compare/` (format in its
//! README). The matcher's threshold is chosen on the groups marked `split = "train"` and
//! measured on those marked `split = "test"`.
//!
//! Run with the figures printed: `cargo test --test compare_quality -- --nocapture`.

use lede::analysis::coverage::{self, Input, Linkage, Params, Unit};
use lede::analysis::{analyze, Analysis};
use std::collections::BTreeMap;
use std::ops::Range;

/// One invented event and its articles.
struct Group {
    name: String,
    train: bool,
    /// The articles.
    docs: Vec<Doc>,
    /// Gold actors: for each, the names per document id.
    actors: Vec<BTreeMap<String, Vec<String>>>,
}

/// One article: its id, its text (markup removed) and its labelled claims.
struct Doc {
    id: String,
    text: String,
    claims: Vec<(String, Range<usize>)>,
}

/// Remove `{label|text}` markup, returning the text and each claim's label and span.
fn strip(marked: &str) -> (String, Vec<(String, Range<usize>)>) {
    let mut text = String::new();
    let mut claims = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let bar = after.find('|').expect("a claim needs {label|text}");
        let close = after.find('}').expect("a claim needs its closing brace");
        assert!(bar < close, "bad claim markup near {after:.40}");
        let label = after[..bar].to_string();
        let start = text.len();
        text.push_str(&after[bar + 1..close]);
        claims.push((label, start..text.len()));
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    (text.trim().to_string(), {
        // Offsets after trimming the leading newline.
        let lead = text.len() - text.trim_start().len();
        claims
            .into_iter()
            .map(|(l, r)| (l, r.start - lead..r.end - lead))
            .collect()
    })
}

fn load() -> Vec<Group> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let v: toml::Value =
                toml::from_str(&std::fs::read_to_string(p).expect("read")).expect("toml");
            let docs = v["docs"]
                .as_table()
                .expect("[docs]")
                .iter()
                .map(|(id, t)| {
                    let (text, claims) = strip(t.as_str().expect("text"));
                    Doc {
                        id: id.clone(),
                        text,
                        claims,
                    }
                })
                .collect();
            let actors = v
                .get("actor")
                .and_then(|a| a.as_array())
                .map(|a| {
                    a.iter()
                        .map(|t| {
                            t.as_table()
                                .expect("[[actor]]")
                                .iter()
                                .map(|(d, names)| {
                                    let names = names
                                        .as_array()
                                        .expect("names")
                                        .iter()
                                        .map(|n| n.as_str().expect("name").to_string())
                                        .collect();
                                    (d.clone(), names)
                                })
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            Group {
                name: p.file_stem().unwrap().to_string_lossy().into_owned(),
                train: v["split"].as_str() == Some("train"),
                docs,
                actors,
            }
        })
        .collect()
}

/// Counts of true positives, false positives and false negatives over pairs.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn p(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn r(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// A group analysed, with its hand-labelled claims as units and their pair similarities.
struct Prepared {
    analyses: Vec<Analysis>,
    units: Vec<Unit>,
    labels: Vec<String>,
}

fn prepare(g: &Group) -> Prepared {
    let analyses: Vec<Analysis> = g.docs.iter().map(|d| analyze(&d.text, None)).collect();
    let mut units = Vec::new();
    let mut labels = Vec::new();
    for (i, Doc { text, claims, .. }) in g.docs.iter().enumerate() {
        let input = Input {
            text,
            analysis: &analyses[i],
        };
        for (label, span) in claims {
            units.push(Unit::from_span(i, &input, span.clone()));
            labels.push(label.clone());
        }
    }
    Prepared {
        analyses,
        units,
        labels,
    }
}

fn inputs<'a>(g: &'a Group, p: &'a Prepared) -> Vec<Input<'a>> {
    g.docs
        .iter()
        .zip(&p.analyses)
        .map(|(d, a)| Input {
            text: &d.text,
            analysis: a,
        })
        .collect()
}

/// A matching problem: documents, their hand-labelled claims as units, and the labels
/// (prefixed with the group's name, so that groups pooled together never share one).
struct Set<'a> {
    inputs: Vec<Input<'a>>,
    units: Vec<Unit>,
    labels: Vec<String>,
}

/// The documents of `groups` compared together: one group alone, or several pooled (a
/// reader who opens articles on several stories at once). Pairs across groups are all
/// different claims.
fn set<'a>(groups: &[(&'a Group, &'a Prepared)]) -> Set<'a> {
    let mut out = Set {
        inputs: Vec::new(),
        units: Vec::new(),
        labels: Vec::new(),
    };
    for (g, p) in groups {
        let base = out.inputs.len();
        out.inputs.extend(inputs(g, p));
        for (u, l) in p.units.iter().zip(&p.labels) {
            out.units.push(Unit {
                doc: u.doc + base,
                ..u.clone()
            });
            out.labels.push(format!("{}/{l}", g.name));
        }
    }
    out
}

/// Similarities of every pair of units of `s` under `params`.
fn pairs_of(s: &Set<'_>, params: &Params) -> Vec<(usize, usize, f32)> {
    let table = coverage::merge_actors(&s.inputs);
    coverage::similarities(&s.inputs, &table, &s.units, params)
}

/// Pair counts of the matcher on the labelled claims of `s`, with the `pairs` it found.
fn score_claims(
    s: &Set<'_>,
    pairs: &[(usize, usize, f32)],
    params: &Params,
    misses: &mut Vec<String>,
) -> Counts {
    let groups = coverage::group(&s.units, pairs, params);
    let mut same = vec![usize::MAX; s.units.len()];
    for (k, g) in groups.iter().enumerate() {
        for &m in &g.members {
            same[m] = k;
        }
    }
    let mut c = Counts::default();
    for i in 0..s.units.len() {
        for j in i + 1..s.units.len() {
            if s.units[i].doc == s.units[j].doc {
                continue;
            }
            let gold = s.labels[i] == s.labels[j];
            let got = same[i] == same[j];
            match (gold, got) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    misses.push(format!("wrongly matched {} ~ {}", s.labels[i], s.labels[j]));
                }
                (true, false) => {
                    c.fn_ += 1;
                    misses.push(format!(
                        "missed {} (docs {} and {})",
                        s.labels[i], s.units[i].doc, s.units[j].doc
                    ));
                }
                (false, false) => {}
            }
        }
    }
    c
}

/// The sets a split is scored on: each of its groups alone, and all of them pooled.
fn sets_of<'a>(prepared: &'a [(&'a Group, Prepared)], train: bool) -> (Vec<Set<'a>>, Set<'a>) {
    let half: Vec<(&Group, &Prepared)> = prepared
        .iter()
        .filter(|(g, _)| g.train == train)
        .map(|(g, p)| (*g, p))
        .collect();
    let alone = half.iter().map(|&gp| set(&[gp])).collect();
    (alone, set(&half))
}

/// Counts over `sets` (with their `pairs`) under `params`; misses are collected.
fn score_sets(
    sets: &[&Set<'_>],
    pairs: &[Vec<(usize, usize, f32)>],
    params: &Params,
    misses: &mut Vec<String>,
) -> Counts {
    let mut c = Counts::default();
    for (s, p) in sets.iter().zip(pairs) {
        c.add(score_claims(s, p, params, misses));
    }
    c
}

/// The thresholds giving the best F1 on `sets` for the weights `pairs` were made with
/// and `linkage`: (best F1, the range of thresholds reaching it, the mean F1 over all
/// thresholds: how little the choice of threshold matters).
fn best_thresholds(
    sets: &[&Set<'_>],
    pairs: &[Vec<(usize, usize, f32)>],
    params: &Params,
) -> (f64, Vec<f32>, f64) {
    let scored: Vec<(f32, f64)> = thresholds()
        .map(|t| {
            let p = Params {
                threshold: t,
                ..*params
            };
            (t, score_sets(sets, pairs, &p, &mut Vec::new()).f1())
        })
        .collect();
    let best = scored.iter().map(|s| s.1).fold(0.0, f64::max);
    let top = scored
        .iter()
        .filter(|s| s.1 >= best - 1e-9)
        .map(|s| s.0)
        .collect();
    let mean = scored.iter().map(|s| s.1).sum::<f64>() / scored.len() as f64;
    (best, top, mean)
}

/// Pair counts of actor merging: two labelled actors found in two documents are a pair;
/// found means the analysis of that document has an actor with one of the labelled names
/// as its name or alias (an actor the analysis missed is no pair; `hits` counts them).
/// Returns the counts and how many (document, gold actor) lede found at all.
fn score_actors(g: &Group, p: &Prepared) -> (Counts, usize, usize) {
    let docs = inputs(g, p);
    let table = coverage::merge_actors(&docs);
    let key = |s: &str| s.to_lowercase();
    // (gold actor, doc) -> merged row, when lede found the actor in that document.
    let mut found: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for (k, actor) in g.actors.iter().enumerate() {
        for (doc_id, names) in actor {
            let d = g.docs.iter().position(|x| &x.id == doc_id).expect("doc id");
            let row = p.analyses[d]
                .actors
                .iter()
                .find(|a| {
                    std::iter::once(&a.name)
                        .chain(&a.aliases)
                        .any(|n| names.iter().any(|g| key(g) == key(n)))
                })
                .and_then(|a| table.get(d, a.id));
            if row.is_none() {
                println!("  {}: {doc_id} has no actor named {names:?}", g.name);
            }
            found.push((k, d, row));
        }
    }
    let mut c = Counts::default();
    for i in 0..found.len() {
        for j in i + 1..found.len() {
            let (a, b) = (found[i], found[j]);
            if a.1 == b.1 {
                continue;
            }
            if a.2.is_none() || b.2.is_none() {
                // Not found by the analysis: counted in `hits`, not against merging.
                continue;
            }
            let gold = a.0 == b.0;
            let got = a.2 == b.2;
            match (gold, got) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    println!(
                        "  {}: merged two actors: {:?} and {:?}",
                        g.name, g.actors[a.0], g.actors[b.0]
                    );
                }
                (true, false) => {
                    c.fn_ += 1;
                    println!("  {}: not merged: {:?}", g.name, g.actors[a.0]);
                }
                (false, false) => {}
            }
        }
    }
    let hits = found.iter().filter(|f| f.2.is_some()).count();
    (c, hits, found.len())
}

fn thresholds() -> impl Iterator<Item = f32> {
    (5..=90).map(|t| t as f32 / 100.0)
}

#[test]
fn the_test_set_is_big_enough() {
    let groups = load();
    assert!(groups.len() >= 10, "{} groups", groups.len());
    for g in &groups {
        assert!((2..=4).contains(&g.docs.len()), "{}", g.name);
        let shared = g
            .docs
            .iter()
            .flat_map(|d| d.claims.iter().map(|c| &c.0))
            .fold(BTreeMap::<&String, usize>::new(), |mut m, l| {
                *m.entry(l).or_default() += 1;
                m
            });
        assert!(
            shared.values().any(|&n| n > 1),
            "{}: no shared claim",
            g.name
        );
        assert!(
            shared.values().any(|&n| n == 1),
            "{}: no unique claim",
            g.name
        );
    }
    assert!(groups.iter().any(|g| g.train) && groups.iter().any(|g| !g.train));
}

fn print_counts(name: &str, c: Counts) {
    println!(
        "shared claims, {name}: P {:.3} R {:.3} F1 {:.3} ({} pairs right, {} wrong, {} missed)",
        c.p(),
        c.r(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    );
}

/// The matcher's parameters are those [`fit`] picks on the training half; the held-out
/// half, each group compared alone as a reader would open it, is matched with precision
/// and recall of at least 0.8. All the held-out groups compared at once (unrelated
/// articles side by side) are scored too.
#[test]
fn shared_claims_are_found_on_held_out_groups() {
    let groups = load();
    let prepared: Vec<(&Group, Prepared)> = groups.iter().map(|g| (g, prepare(g))).collect();
    let params = Params::default();
    let (train_alone, train_pool) = sets_of(&prepared, true);
    let train: Vec<&Set<'_>> = train_alone.iter().chain([&train_pool]).collect();
    let train_pairs: Vec<_> = train.iter().map(|s| pairs_of(s, &params)).collect();
    // The threshold is the middle of the range that scores best on the training half.
    let (best, top, _) = best_thresholds(&train, &train_pairs, &params);
    let chosen = top[top.len() / 2];
    println!(
        "threshold: best F1 {best:.3} on train for {:.2}..={:.2}; shipped {:.2}",
        top[0],
        top[top.len() - 1],
        coverage::THRESHOLD
    );
    print_counts(
        "train (each group, and pooled)",
        score_sets(&train, &train_pairs, &params, &mut Vec::new()),
    );
    let (test_alone, test_pool) = sets_of(&prepared, false);
    let alone: Vec<&Set<'_>> = test_alone.iter().collect();
    let alone_pairs: Vec<_> = alone.iter().map(|s| pairs_of(s, &params)).collect();
    let mut misses = Vec::new();
    let test = score_sets(&alone, &alone_pairs, &params, &mut misses);
    print_counts("test (held out), each group alone", test);
    let mut pool_misses = Vec::new();
    let pooled = score_claims(
        &test_pool,
        &pairs_of(&test_pool, &params),
        &params,
        &mut pool_misses,
    );
    print_counts(
        &format!("test (held out), all {} groups at once", test_alone.len()),
        pooled,
    );
    for m in &misses {
        println!("  {m}");
    }
    println!("  pooled:");
    for m in pool_misses.iter().filter(|m| !misses.contains(m)) {
        println!("  {m}");
    }
    assert!(
        (chosen - coverage::THRESHOLD).abs() < 0.005,
        "the training half now picks {chosen:.2} (range {:?}), not the shipped {:.2}",
        (top[0], top[top.len() - 1]),
        coverage::THRESHOLD
    );
    assert!(test.p() >= 0.8, "held-out precision {:.3}", test.p());
    assert!(test.r() >= 0.8, "held-out recall {:.3}", test.r());
    assert!(
        pooled.p() >= 0.8,
        "held-out pooled precision {:.3}",
        pooled.p()
    );
}

/// Fit the matcher on the training half: every combination of feature weights and
/// linkage on a small grid (the claimer's weight is not fitted: hand-marked claims
/// have no claimer), each at every threshold, scored by F1 over the training
/// groups alone and pooled; the best F1 wins (on a tie, the best mean F1 over all
/// thresholds, the one least sensitive to the threshold), at the middle of its best
/// range. Prints the choice, to
/// be written into `Params::default`:
/// `cargo test --release --test compare_quality -- --ignored --nocapture fit`.
#[test]
#[ignore]
fn fit() {
    let groups = load();
    let prepared: Vec<(&Group, Prepared)> = groups.iter().map(|g| (g, prepare(g))).collect();
    let (train_alone, train_pool) = sets_of(&prepared, true);
    let train: Vec<&Set<'_>> = train_alone.iter().chain([&train_pool]).collect();
    let mut best: Option<(f64, f64, Params)> = None;
    for number_weight in [1.0, 1.5, 2.0, 3.0] {
        for actor_weight in [1.0, 1.5, 2.0] {
            for spread_weight in [0.0, 0.5, 1.0, 2.0] {
                let base = Params {
                    number_weight,
                    actor_weight,
                    spread_weight,
                    ..Params::default()
                };
                let pairs: Vec<_> = train.iter().map(|s| pairs_of(s, &base)).collect();
                for linkage in [Linkage::Single, Linkage::Average, Linkage::Complete] {
                    let p = Params { linkage, ..base };
                    let (f1, top, mean) = best_thresholds(&train, &pairs, &p);
                    let p = Params {
                        threshold: top[top.len() / 2],
                        ..p
                    };
                    println!(
                        "numbers {number_weight} actors {actor_weight} spread {spread_weight} \
                         {linkage:?}: F1 {f1:.3} at {:.2}..={:.2}, mean {mean:.3}",
                        top[0],
                        top[top.len() - 1]
                    );
                    let better = match &best {
                        None => true,
                        Some((bf, bm, _)) => f1 > bf + 1e-9 || (f1 > bf - 1e-9 && mean > *bm),
                    };
                    if better {
                        best = Some((f1, mean, p));
                    }
                }
            }
        }
    }
    let (f1, _, p) = best.expect("a grid");
    println!("best: F1 {f1:.3} with {p:?}");
}

#[test]
fn actors_merge_across_documents() {
    let groups = load();
    let mut all = Counts::default();
    let (mut hits, mut total) = (0, 0);
    for g in &groups {
        let p = prepare(g);
        let (c, h, t) = score_actors(g, &p);
        all.add(c);
        hits += h;
        total += t;
    }
    println!(
        "actor merging: P {:.3} R {:.3} ({} pairs right, {} wrong, {} missed), over the \
         {hits} of {total} labelled (document, actor) the analysis found",
        all.p(),
        all.r(),
        all.tp,
        all.fp,
        all.fn_
    );
    assert!(
        hits * 10 >= total * 8,
        "the analysis found {hits} of {total}"
    );
    assert!(all.p() >= 0.9, "actor merging precision {:.3}", all.p());
    assert!(all.r() >= 0.8, "actor merging recall {:.3}", all.r());
}

/// End to end: the claims lede itself finds, matched by `compare`. A labelled pair is
/// found when lede's claims covering both are in one shared group.
#[test]
fn compare_end_to_end_on_labelled_pairs() {
    let groups = load();
    let mut c = Counts::default();
    for g in &groups {
        let p = prepare(g);
        let docs = inputs(g, &p);
        let cov = coverage::compare(&docs, &Params::default());
        // For each labelled unit, the shared group of a lede claim overlapping it.
        let group_of = |u: &Unit| -> Vec<usize> {
            cov.shared
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.members.iter().any(|m| {
                        m.doc == u.doc && {
                            let span = &p.analyses[u.doc].statement(m.claim).span;
                            span.start < u.span.end && span.end > u.span.start
                        }
                    })
                })
                .map(|(k, _)| k)
                .collect()
        };
        let groups_of: Vec<Vec<usize>> = p.units.iter().map(group_of).collect();
        for i in 0..p.units.len() {
            for j in i + 1..p.units.len() {
                if p.units[i].doc == p.units[j].doc {
                    continue;
                }
                let gold = p.labels[i] == p.labels[j];
                let got = groups_of[i].iter().any(|k| groups_of[j].contains(k));
                match (gold, got) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, false) => {}
                }
            }
        }
    }
    println!(
        "end to end (lede's own claims): P {:.3} R {:.3} ({} right, {} wrong, {} missed)",
        c.p(),
        c.r(),
        c.tp,
        c.fp,
        c.fn_
    );
    assert!(c.p() >= 0.7 && c.r() >= 0.5, "{c:?}");
}
