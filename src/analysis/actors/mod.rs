//! Actors: named people, organisations and places, with aliases merged.
//!
//! Two steps. [`ner`] finds names (CoNLL-style spans: no determiner, no title) and types
//! them PER/ORG/LOC/MISC from embedded lexicons ([`lex`]), word shape and context. Then
//! mentions of the same referent are grouped into actors: same name, a known alias
//! ("U.S." -> "United States"), a person's surname or given name alone ("Putin"), an
//! acronym of an organisation's name. Titles before a name and appositions after it
//! ("Alexei Navalny, the opposition leader,") become roles.
//!
//! Pure: no I/O. Spans are byte ranges into the document text.

mod lex;
mod ner;
mod tokens;

use super::{Actor, ActorId, Label, Mention, Sentence};
use lex::{FastMap, LEX};

/// Find name mentions and group them into actors, ordered by prominence (mention count,
/// then first appearance); `Mention::actor` is the index into the returned actors.
pub fn extract(text: &str, sentences: &[Sentence]) -> (Vec<Mention>, Vec<Actor>) {
    let found = ner::find(text, sentences);
    let mut mentions: Vec<Mention> = found
        .iter()
        .map(|f| Mention {
            span: f.span.clone(),
            label: f.label,
            actor: None,
        })
        .collect();
    let groups = group(text, &found);
    let mut actors: Vec<Actor> = groups
        .into_iter()
        .map(|(kind, members)| make_actor(text, &found, kind, members))
        .collect();
    actors.sort_by_key(|a| (std::cmp::Reverse(a.mentions.len()), a.mentions[0]));
    for (id, a) in actors.iter_mut().enumerate() {
        a.id = ActorId(id as u32);
        for &m in &a.mentions {
            mentions[m].actor = Some(a.id);
        }
    }
    (mentions, actors)
}

/// A name reduced for matching: lower case, words only, aliases resolved.
fn key(name: &str) -> String {
    let l: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    match LEX.alias.get(&l) {
        Some(c) => c.to_lowercase(),
        None => l,
    }
}

/// Initials of the significant words ("International Monetary Fund" -> "imf").
fn initials(key: &str) -> String {
    key.split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "and" | "the" | "for" | "&" | "de"))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Group mention indices (MISC left out) into actors of one kind each.
///
/// Longest names come first, so that "Putin" finds "Vladimir Putin" wherever it stands.
/// Lookups go through indexes (name, person-name suffix, given name, organisation
/// initials and prefix), so grouping stays linear on a book.
fn group(text: &str, found: &[ner::Found]) -> Vec<(Label, Vec<usize>)> {
    let mut order: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].label != Label::Misc)
        .collect();
    let keys: Vec<String> = found.iter().map(|f| key(&text[f.span.clone()])).collect();
    let words = |i: usize| keys[i].split(' ').count();
    order.sort_by_key(|&i| (std::cmp::Reverse(words(i)), i));
    let mut groups: Vec<(Label, Vec<usize>)> = Vec::new();
    let mut by_key: FastMap<(&str, Label), usize> = FastMap::default();
    // Partial names that may stand for a longer one already seen, by label.
    let mut partial: FastMap<(String, Label), Vec<usize>> = FastMap::default();
    for i in order {
        let label = found[i].label;
        let k = keys[i].as_str();
        let g = by_key.get(&(k, label)).copied().or_else(|| {
            let compact: String = k.chars().filter(|c| c.is_alphanumeric()).collect();
            let lookup = if label != Label::Person && !k.contains(' ') {
                compact
            } else {
                k.to_string()
            };
            partial.get(&(lookup, label)).and_then(|gs| {
                gs.iter()
                    .copied()
                    .max_by_key(|&g| (groups[g].1.len(), std::cmp::Reverse(g)))
            })
        });
        let g = g.unwrap_or_else(|| {
            groups.push((label, Vec::new()));
            let g = groups.len() - 1;
            let parts: Vec<&str> = k.split(' ').collect();
            let mut register = |p: String| {
                let e = partial.entry((p, label)).or_default();
                if !e.contains(&g) {
                    e.push(g);
                }
            };
            if parts.len() > 1 {
                match label {
                    Label::Person => {
                        for a in 1..parts.len() {
                            register(parts[a..].join(" "));
                        }
                        register(parts[0].to_string());
                    }
                    _ => {
                        let ini = initials(k);
                        if ini.chars().count() >= 2 {
                            register(ini);
                        }
                        if label == Label::Org {
                            for b in 1..parts.len() {
                                let p = parts[..b].join(" ");
                                let compact: String =
                                    p.chars().filter(|c| c.is_alphanumeric()).collect();
                                register(if b == 1 { compact } else { p });
                            }
                        }
                    }
                }
            }
            g
        });
        groups[g].1.push(i);
        by_key.entry((k, label)).or_insert(g);
    }
    for (_, m) in groups.iter_mut() {
        m.sort_unstable();
    }
    groups
}

fn is_upper_name(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

fn make_actor(text: &str, found: &[ner::Found], kind: Label, members: Vec<usize>) -> Actor {
    // Names as written, with line breaks and runs of spaces made single spaces.
    let spelled: Vec<String> = members
        .iter()
        .map(|&i| {
            let name = &text[found[i].span.clone()];
            name.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    let names: Vec<&str> = spelled.iter().map(String::as_str).collect();
    // The fullest name, preferring the one written in ordinary case and a known canonical form.
    let name = names
        .iter()
        .copied()
        .max_by_key(|n| {
            (
                !is_upper_name(n) || n.len() <= 4,
                n.split_whitespace().count(),
                n.len(),
            )
        })
        .unwrap_or_default();
    let name = match LEX.alias.get(&name.to_lowercase()) {
        Some(c) if !names.iter().any(|n| n.split_whitespace().count() > 1) => c.to_string(),
        _ => name.to_string(),
    };
    let mut aliases: Vec<String> = Vec::new();
    for n in &names {
        if *n != name && !aliases.iter().any(|a| a == n) {
            aliases.push(n.to_string());
        }
    }
    let mut roles: Vec<String> = Vec::new();
    for &i in &members {
        let f = &found[i];
        let mut add = |r: String| {
            if !roles.iter().any(|x| x.eq_ignore_ascii_case(&r)) {
                roles.push(r);
            }
        };
        if let Some(t) = &f.title {
            if kind == Label::Person && !f.headline {
                add(t.clone());
            }
        }
        if let Some(r) = apposition(text, f.span.end) {
            add(r);
        }
    }
    Actor {
        id: ActorId(0),
        name,
        kind,
        aliases,
        roles,
        mentions: members,
    }
}

/// A role in apposition after a name: ", the opposition leader," or ", 45, a lawyer."
fn apposition(text: &str, end: usize) -> Option<String> {
    let rest = text.get(end..)?;
    let rest = rest.strip_prefix(", ")?;
    // Skip an age: ", 45, a lawyer".
    let rest = match rest.find(", ") {
        Some(p) if p <= 3 && rest[..p].chars().all(|c| c.is_ascii_digit()) => &rest[p + 2..],
        _ => rest,
    };
    let stop = rest
        .find([',', '.', ';', ':', '(', ')', '"', '\n'])
        .unwrap_or(rest.len());
    let phrase = rest[..stop].trim();
    let mut words: Vec<&str> = phrase.split(' ').collect();
    // Only "the/a/an ... role": "nodding his head" or "your father" are no roles.
    if words.len() < 2 || words.len() > 6 || !matches!(words[0], "the" | "a" | "an") {
        return None;
    }
    words.remove(0);
    let last = words.last()?.to_lowercase();
    if words.len() > 4 || !LEX.titles.contains(last.as_str()) {
        return None;
    }
    let plain = |w: &&str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '-');
    let stop_word = |w: &&str| {
        matches!(
            *w,
            "and" | "or" | "who" | "which" | "said" | "his" | "her" | "their" | "whose" | "its"
        )
    };
    if !words.iter().all(plain) || words.iter().any(stop_word) {
        return None;
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::sentences;

    fn run(text: &str) -> (Vec<(String, &'static str)>, Vec<Actor>) {
        let sents = sentences(text);
        let (m, a) = extract(text, &sents);
        (
            m.iter()
                .map(|m| (text[m.span.clone()].to_string(), m.label.as_str()))
                .collect(),
            a,
        )
    }

    fn has(ms: &[(String, &'static str)], name: &str, label: &str) -> bool {
        ms.iter().any(|(n, l)| n == name && *l == label)
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let (ms, _) = run("However, the talks failed. The minister left Moscow on Friday.");
        assert!(
            !ms.iter()
                .any(|(n, _)| n == "However" || n == "The" || n == "Friday"),
            "{ms:?}"
        );
        assert!(has(&ms, "Moscow", "LOC"), "{ms:?}");
    }

    #[test]
    fn products_and_indices_are_not_actors() {
        let (ms, _) = run("Ryanair ordered 40 Boeing 737s from the maker. \
             The Russell 2000 Index fell while the Nikkei index rose. \
             Air Canada and Toyota signed a deal.");
        assert!(has(&ms, "Boeing 737s", "MISC"), "{ms:?}");
        assert!(has(&ms, "Russell 2000", "MISC"), "{ms:?}");
        assert!(has(&ms, "Nikkei", "MISC"), "{ms:?}");
        assert!(has(&ms, "Air Canada", "ORG"), "{ms:?}");
        assert!(has(&ms, "Toyota", "ORG"), "{ms:?}");
        assert!(!ms.iter().any(|(n, _)| n == "Canada"), "{ms:?}");
    }

    #[test]
    fn a_makers_name_before_a_model_name_is_a_product() {
        let (ms, _) = run("Dealers said the Toyota Prius sold well. \
             Douglas Aircraft built it, and Apple Corps sued.");
        assert!(has(&ms, "Toyota Prius", "MISC"), "{ms:?}");
        assert!(has(&ms, "Douglas Aircraft", "ORG"), "{ms:?}");
        assert!(has(&ms, "Apple Corps", "ORG"), "{ms:?}");
        let (ms, _) =
            run("Ford said the Ford Fusion sold well, but the Senate Majority Leader objected.");
        assert!(has(&ms, "Ford Fusion", "MISC"), "{ms:?}");
        assert!(
            !ms.iter()
                .any(|(n, l)| n.starts_with("Senate") && *l == "MISC"),
            "{ms:?}"
        );
    }

    #[test]
    fn a_centre_is_a_place_where_things_happen_and_an_organisation_that_speaks() {
        let (ms, _) = run("Jobs spoke at Moscone Center on Monday. \
             The Tax Policy Center said the plan would cost more.");
        assert!(has(&ms, "Moscone Center", "LOC"), "{ms:?}");
        assert!(has(&ms, "Tax Policy Center", "ORG"), "{ms:?}");
    }

    #[test]
    fn an_acronym_in_parentheses_takes_the_kind_of_its_long_form() {
        let (ms, _) =
            run("Jobs spoke at the World Wide Developers Conference (WWDC) on Monday. WWDC ends.");
        assert!(has(&ms, "WWDC", "MISC"), "{ms:?}");
        assert!(!has(&ms, "WWDC", "ORG"), "{ms:?}");
    }

    #[test]
    fn organisations_keep_their_kind_beside_roles_and_indices() {
        let (ms, _) = run(
            "The statement was carried by the official Iraqi News Agency (INA). \
             The American Stock Exchange index rose.",
        );
        assert!(has(&ms, "Iraqi News Agency", "ORG"), "{ms:?}");
        assert!(has(&ms, "INA", "ORG"), "{ms:?}");
        assert!(has(&ms, "American Stock Exchange", "ORG"), "{ms:?}");
    }

    #[test]
    fn brands_and_a_leading_country_of_several_words() {
        let (ms, _) = run("The new iPod Nano went on sale at the United Kingdom iTunes store.");
        assert!(has(&ms, "iPod Nano", "MISC"), "{ms:?}");
        assert!(has(&ms, "United Kingdom", "LOC"), "{ms:?}");
        assert!(has(&ms, "iTunes", "MISC"), "{ms:?}");
    }

    #[test]
    fn titles_and_possessives_are_cut_off() {
        let (ms, actors) = run("President Vladimir Putin spoke. Putin's critics were jailed.");
        assert!(has(&ms, "Vladimir Putin", "PER"), "{ms:?}");
        assert!(has(&ms, "Putin", "PER"), "{ms:?}");
        assert_eq!(actors[0].name, "Vladimir Putin");
        assert_eq!(actors[0].mentions.len(), 2);
        assert_eq!(actors[0].roles, ["President"]);
    }

    #[test]
    fn aliases_merge() {
        let (ms, actors) =
            run("The United States imposed sanctions. Officials in the U.S. said the International Monetary Fund agreed. The IMF did not comment.");
        assert!(has(&ms, "United States", "LOC"), "{ms:?}");
        assert!(has(&ms, "U.S.", "LOC"), "{ms:?}");
        let us = actors.iter().find(|a| a.name == "United States").unwrap();
        assert_eq!(us.mentions.len(), 2);
        let imf = actors
            .iter()
            .find(|a| a.name == "International Monetary Fund")
            .unwrap();
        assert_eq!(imf.kind, Label::Org);
        assert_eq!(imf.mentions.len(), 2);
    }

    #[test]
    fn appositions_give_roles() {
        let (_, actors) =
            run("Alexei Navalny, the opposition leader, died in prison. Navalny was 47.");
        let a = &actors[0];
        assert_eq!(a.name, "Alexei Navalny");
        assert_eq!(a.kind, Label::Person);
        assert_eq!(a.roles, ["opposition leader"]);
    }

    #[test]
    fn kinds_from_cues() {
        let (ms, actors) = run(
            "Shares of Acme Corp rose after the Bank of England cut rates, a Russian official in Chechnya said.",
        );
        assert!(has(&ms, "Acme Corp", "ORG"), "{ms:?}");
        assert!(has(&ms, "Bank of England", "ORG"), "{ms:?}");
        assert!(has(&ms, "Russian", "MISC"), "{ms:?}");
        assert!(has(&ms, "Chechnya", "LOC"), "{ms:?}");
        assert!(actors.iter().all(|a| a.kind != Label::Misc));
        let (ms, _) =
            run("SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN.\nAlan Shearer was named captain.");
        assert!(has(&ms, "SHEARER", "PER"), "{ms:?}");
        assert!(has(&ms, "ENGLAND", "LOC"), "{ms:?}");
        assert!(
            !ms.iter().any(|(n, _)| n == "NAMED" || n == "CAPTAIN"),
            "{ms:?}"
        );
    }

    #[test]
    fn ids_follow_prominence() {
        let (_, actors) =
            run("Paris is big. Kofi Annan visited Berlin. Berlin welcomed Annan. Berlin is old.");
        assert_eq!(actors[0].name, "Berlin");
        assert_eq!(actors[1].name, "Kofi Annan");
        for (i, a) in actors.iter().enumerate() {
            assert_eq!(a.id, ActorId(i as u32));
        }
    }

    #[test]
    fn compounds_products_and_teams() {
        let (ms, _) =
            run("Russia-U.S. relations worsened. Airlines ordered 60 Boeing 787 Dreamliner jets.");
        assert!(has(&ms, "Russia", "LOC"), "{ms:?}");
        assert!(has(&ms, "U.S.", "LOC"), "{ms:?}");
        assert!(has(&ms, "Boeing 787 Dreamliner", "MISC"), "{ms:?}");
        let (ms, _) = run("Leeds 2 Chelsea 1\nLeeds beat Chelsea on Saturday in London.");
        assert!(has(&ms, "Chelsea", "ORG"), "{ms:?}");
        assert!(has(&ms, "London", "LOC"), "{ms:?}");
    }

    #[test]
    fn listed_names_share_a_kind_and_headlines_need_support() {
        let (ms, _) = run("The deal was opposed by Chrysler, Ford and General Motors.");
        for n in ["Chrysler", "Ford", "General Motors"] {
            assert!(has(&ms, n, "ORG"), "{n}: {ms:?}");
        }
        let (ms, _) =
            run("Shares Surge After Strong Earnings Report\n\nShares rose on Monday in Tokyo.");
        assert!(
            !ms.iter()
                .any(|(n, _)| n.contains("Shares") || n.contains("Surge")),
            "{ms:?}"
        );
        assert!(has(&ms, "Tokyo", "LOC"), "{ms:?}");
    }

    #[test]
    fn pronouns_and_function_words_are_never_names() {
        let (ms, _) = run("He said it was late. In Paris, They waited. “We are here,” She said.");
        assert_eq!(ms, [("Paris".to_string(), "LOC")]);
    }

    #[test]
    fn place_run_ons_split_but_names_that_look_like_places_do_not() {
        let (ms, _) = run("From Vienna Kutuzov wrote to him. Vladimir Putin replied from Moscow.");
        assert!(has(&ms, "Vienna", "LOC"), "{ms:?}");
        assert!(
            has(&ms, "Kutuzov", "PER") || has(&ms, "Kutuzov", "ORG"),
            "{ms:?}"
        );
        assert!(has(&ms, "Vladimir Putin", "PER"), "{ms:?}");
        let (ms, _) = run("Pakistan 185 (Ijaz Ahmed 79; A. Hollioake 4-23)");
        assert!(has(&ms, "Ijaz Ahmed", "PER"), "{ms:?}");
        assert!(has(&ms, "A. Hollioake", "PER"), "{ms:?}");
    }

    #[test]
    fn names_with_runs_of_spaces_are_spelled_with_one() {
        let (_, actors) = run("Yesterday Konstantin  Levin arrived. Levin smiled.");
        assert_eq!(actors[0].name, "Konstantin Levin");
        assert_eq!(actors[0].mentions.len(), 2);
    }
}
