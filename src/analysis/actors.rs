//! Actors: named people, organisations and places, with aliases merged.
//!
//! Baseline: runs of capitalised words, typed by simple cues. Pure; no I/O.

use super::{Actor, ActorId, Label, Mention, Sentence};
use std::collections::HashMap;

/// Find name mentions and group them into actors.
pub fn extract(text: &str, sentences: &[Sentence]) -> (Vec<Mention>, Vec<Actor>) {
    let mut mentions = Vec::new();
    for s in sentences {
        let sent = &text[s.span.clone()];
        let mut run: Option<(usize, usize)> = None;
        let mut first = true;
        for (off, word) in words(sent) {
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            if cap && !first {
                let abs = s.span.start + off;
                run = Some(match run {
                    Some((a, _)) => (a, abs + word.len()),
                    None => (abs, abs + word.len()),
                });
            } else if let Some((a, b)) = run.take() {
                mentions.push(Mention { span: a..b, label: Label::Person, actor: None });
            }
            first = false;
        }
        if let Some((a, b)) = run.take() {
            mentions.push(Mention { span: a..b, label: Label::Person, actor: None });
        }
    }
    let mut actors: Vec<Actor> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, m) in mentions.iter_mut().enumerate() {
        let name = text[m.span.clone()].to_string();
        let idx = *by_name.entry(name.clone()).or_insert_with(|| {
            actors.push(Actor {
                id: ActorId(actors.len() as u32),
                name,
                kind: Label::Person,
                aliases: vec![],
                roles: vec![],
                mentions: vec![],
            });
            actors.len() - 1
        });
        actors[idx].mentions.push(i);
        m.actor = Some(ActorId(idx as u32));
    }
    (mentions, actors)
}

fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_word_bound_indices_simple()
}

trait SimpleWords {
    fn split_word_bound_indices_simple(&self) -> std::vec::IntoIter<(usize, &str)>;
}

impl SimpleWords for str {
    fn split_word_bound_indices_simple(&self) -> std::vec::IntoIter<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in self.char_indices() {
            if c.is_alphanumeric() || c == '\'' || c == '-' {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push((s, &self[s..i]));
            }
        }
        if let Some(s) = start {
            out.push((s, &self[s..]));
        }
        out.into_iter()
    }
}
