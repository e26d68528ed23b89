//! How well lede lines documents up: shared-claim matching and actor merging, scored on
//! the hand-labelled invented articles of `tests/fixtures/compare/` (format in its
//! README). The matcher's threshold is chosen on the groups marked `split = "train"` and
//! measured on those marked `split = "test"`.
//!
//! Run with the figures printed: `cargo test --test compare_quality -- --nocapture`.

use lede::analysis::coverage::{self, Input, Params, Unit};
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

/// Pair counts of the matcher on the labelled claims at `threshold`.
fn score_claims(
    p: &Prepared,
    pairs: &[(usize, usize, f32)],
    threshold: f32,
    misses: &mut Vec<String>,
) -> Counts {
    let groups = coverage::group(&p.units, pairs, threshold);
    let mut same = vec![usize::MAX; p.units.len()];
    for (k, g) in groups.iter().enumerate() {
        for &m in &g.members {
            same[m] = k;
        }
    }
    let mut c = Counts::default();
    for i in 0..p.units.len() {
        for j in i + 1..p.units.len() {
            if p.units[i].doc == p.units[j].doc {
                continue;
            }
            let gold = p.labels[i] == p.labels[j];
            let got = same[i] == same[j];
            match (gold, got) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    misses.push(format!("wrongly matched {} ~ {}", p.labels[i], p.labels[j]));
                }
                (true, false) => {
                    c.fn_ += 1;
                    misses.push(format!(
                        "missed {} (docs {} and {})",
                        p.labels[i], p.units[i].doc, p.units[j].doc
                    ));
                }
                (false, false) => {}
            }
        }
    }
    c
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

#[test]
fn shared_claims_are_found_on_held_out_groups() {
    let groups = load();
    let prepared: Vec<(&Group, Prepared)> = groups.iter().map(|g| (g, prepare(g))).collect();
    let params = Params::default();
    let pairs: Vec<Vec<(usize, usize, f32)>> = prepared
        .iter()
        .map(|(g, p)| {
            let docs = inputs(g, p);
            let table = coverage::merge_actors(&docs);
            coverage::similarities(&docs, &table, &p.units, &params)
        })
        .collect();
    let at = |train: bool, t: f32, misses: &mut Vec<String>| {
        let mut c = Counts::default();
        for ((g, p), pairs) in prepared.iter().zip(&pairs) {
            if g.train == train {
                let mut m = Vec::new();
                c.add(score_claims(p, pairs, t, &mut m));
                misses.extend(m.into_iter().map(|x| format!("{}: {x}", g.name)));
            }
        }
        c
    };
    // The threshold is the middle of the range that scores best on the training half.
    let scored: Vec<(f32, f64)> = thresholds()
        .map(|t| (t, at(true, t, &mut Vec::new()).f1()))
        .collect();
    let best = scored.iter().map(|s| s.1).fold(0.0, f64::max);
    let top: Vec<f32> = scored
        .iter()
        .filter(|s| s.1 >= best - 1e-9)
        .map(|s| s.0)
        .collect();
    let chosen = top[top.len() / 2];
    let train = at(true, coverage::THRESHOLD, &mut Vec::new());
    let mut misses = Vec::new();
    let test = at(false, coverage::THRESHOLD, &mut misses);
    println!(
        "threshold: best F1 {best:.3} on train for {:.2}..={:.2}; shipped {:.2}",
        top[0],
        top[top.len() - 1],
        coverage::THRESHOLD
    );
    for (name, c) in [("train", train), ("test (held out)", test)] {
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
    for m in &misses {
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
                            let span = &p.analyses[u.doc].claims[m.claim.0 as usize].span;
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
