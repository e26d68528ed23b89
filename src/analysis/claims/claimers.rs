//! Claimers: which source phrases can be one, and who a pronoun or a phrase like "the
//! spokesman" refers to.
//!
//! A claimer is a noun phrase outside the quotation it introduces: never a time phrase
//! ("On Monday"), a prepositional phrase, a bare verb or a word from inside the quote
//! ([`plausible`]). After the actors are known, [`resolve_claimers`] links each source
//! to the actor it names, or, for "he", "she", "it", "who" and role phrases, to the last
//! compatible named actor before it (persons for "he" and "the spokesman", organisations
//! for "it" and "the ministry"), preferring one that the text gave that role.

use super::lex::Tok;
use crate::analysis::{Actor, Attribution, Label, Mention, Sentence, Span};

/// Words that open a time or prepositional phrase, never a source.
pub(crate) fn is_phrase_opener(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "during"
            | "after"
            | "before"
            | "since"
            | "until"
            | "with"
            | "by"
            | "from"
            | "for"
            | "of"
            | "to"
            | "into"
            | "about"
            | "over"
            | "under"
            | "last"
            | "next"
            | "this"
            | "today"
            | "yesterday"
            | "tonight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "earlier"
            | "later"
            | "when"
            | "then"
            | "now"
    )
}

/// Whether the tokens `src` (inside one sentence) can be a claimer: not a time or
/// prepositional phrase, not a lone verb or adverb, not inside a `quoted` range.
pub(crate) fn plausible(text: &str, src: &[Tok], quoted: &[Span]) -> bool {
    let Some(first) = src.iter().find(|t| t.word) else {
        return false;
    };
    if is_phrase_opener(first.lw()) {
        return false;
    }
    let (a, b) = (src[0].start, src[src.len() - 1].end);
    if quoted.iter().any(|q| q.start < a && b <= q.end) {
        return false;
    }
    let words: Vec<&Tok> = src.iter().filter(|t| t.word).collect();
    // No name ends with an article, a preposition or a conjunction ("make an").
    if words.last().is_some_and(|w| {
        matches!(
            w.lw(),
            "a" | "an" | "the" | "of" | "to" | "and" | "or" | "for" | "with" | "by" | "from"
        )
    }) {
        return false;
    }
    if let [w] = words[..] {
        let l = w.lw();
        let verb_like = !w.cap
            && !w.digit
            && (l.ends_with("ed") || l.ends_with("ing") || l.ends_with("ly"))
            && !matches!(l, "red" | "bed" | "ted" | "officialdom");
        if verb_like || matches!(l, "made" | "did" | "done" | "says" | "said" | "told") {
            return false;
        }
    }
    !text[a..b].trim().is_empty()
}

/// What a source phrase can refer to, when it does not name an actor itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refers {
    /// "he", "she", "who", "the spokesman": a person; `Some(role)` when a role noun.
    Person(Option<&'static str>),
    /// "it", "the ministry": an organisation.
    Org,
    /// "they", "we": an organisation named just before (same or previous sentence).
    Group,
}

/// Role nouns that stand for a person already named ("the spokesman said").
const PERSON_ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "senator",
    "candidate",
    "nominee",
    "minister",
    "official",
    "governor",
    "mayor",
    "lawyer",
    "attorney",
    "chairman",
    "chairwoman",
    "director",
    "secretary",
    "congressman",
    "congresswoman",
    "representative",
    "leader",
    "chief",
    "ambassador",
    "judge",
    "prosecutor",
    "businessman",
    "businesswoman",
    "billionaire",
    "author",
    "professor",
    "economist",
    "analyst",
    "adviser",
    "advisor",
    "aide",
    "manager",
    "strategist",
    "commissioner",
    "general",
    "officer",
    "founder",
    "executive",
    "woman",
    "man",
];

/// Organisation nouns that stand for an organisation already named.
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "agency",
    "ministry",
    "department",
    "government",
    "administration",
    "campaign",
    "committee",
    "party",
    "group",
    "organization",
    "organisation",
    "bank",
    "court",
    "network",
    "newspaper",
    "paper",
    "council",
    "board",
    "union",
    "office",
    "team",
    "commission",
    "embassy",
];

/// Whether `w` (lower case) names a kind of person or organisation that can speak: a role
/// ("spokesman", "officials"), an organisation noun ("ministry"), or a group of people.
pub(crate) fn is_agent_noun(w: &str) -> bool {
    let one = w.strip_suffix('s').unwrap_or(w);
    PERSON_ROLES.contains(&w)
        || PERSON_ROLES.contains(&one)
        || ORG_NOUNS.contains(&w)
        || ORG_NOUNS.contains(&one)
        || matches!(
            one,
            "critic"
                | "supporter"
                | "voter"
                | "expert"
                | "lawmaker"
                | "democrat"
                | "republican"
                | "protester"
                | "activist"
                | "resident"
                | "investigator"
                | "police"
                | "people"
                | "men"
                | "women"
                | "source"
                | "scientist"
                | "researcher"
                | "witness"
                | "observer"
                | "opponent"
                | "ally"
                | "allie"
                | "member"
                | "user"
                | "delegate"
                | "donor"
                | "conservative"
                | "liberal"
                | "progressive"
                | "citizen"
                | "worker"
                | "employee"
                | "parent"
                | "student"
                | "teacher"
                | "doctor"
                | "reporter"
                | "journalist"
                | "columnist"
                | "editor"
                | "writer"
                | "pollster"
                | "poll"
                | "survey"
                | "study"
                | "report"
                | "statement"
        )
}

fn refers(phrase: &str) -> Option<Refers> {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words[..] {
        ["he" | "she" | "who" | "him" | "her"] => return Some(Refers::Person(None)),
        ["it" | "which"] => return Some(Refers::Org),
        ["they" | "we"] => return Some(Refers::Group),
        _ => {}
    }
    let (det, rest) = words.split_first()?;
    if !matches!(
        *det,
        "the" | "this" | "that" | "his" | "her" | "its" | "their"
    ) || rest.is_empty()
    {
        return None;
    }
    let head = *rest.last()?;
    if let Some(r) = PERSON_ROLES.iter().find(|r| **r == head) {
        return Some(Refers::Person(Some(r)));
    }
    ORG_NOUNS
        .contains(&head)
        .then_some(Refers::Org)
        .filter(|_| rest.len() <= 3)
}

/// Link each attribution's source to an actor: the one it names, else the one it refers
/// to ([`Refers`]). Linear in the attributions and the mentions they look back over
/// (a look-back stops at the first compatible mention, or after 200 mentions).
pub(crate) fn resolve_claimers(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    actors: &[Actor],
    attributions: &mut [Attribution],
) {
    let kind = |m: &Mention| {
        m.actor
            .and_then(|id| actors.get(id.0 as usize))
            .map(|a| a.kind)
    };
    for at in attributions {
        let Some(cs) = at.claimer_span.clone() else {
            continue;
        };
        // The source names an actor: its last name inside the span ("Navalny's aide
        // Leonid Volkov" is Volkov).
        let a = mentions.partition_point(|m| m.span.end <= cs.start);
        let named = mentions[a..]
            .iter()
            .take_while(|m| m.span.start < cs.end)
            .filter(|m| m.span.end <= cs.end && kind(m).is_some_and(|k| k != Label::Place))
            .last();
        if let Some(m) = named {
            at.claimer_actor = m.actor;
            continue;
        }
        let Some(r) = refers(&text[cs.clone()]) else {
            continue;
        };
        // A relative pronoun refers to the phrase right before it ("Ann Lee, who said",
        // "Ann Lee, a lawyer, who said"), or to nobody named.
        if matches!(&text[cs.clone()], "who" | "Who" | "which" | "Which") {
            at.claimer_actor = mentions[..a]
                .last()
                .filter(|m| kind(m).is_some_and(|k| k != Label::Place))
                .filter(|m| is_antecedent_gap(&text[m.span.end..cs.start]))
                .and_then(|m| m.actor);
            continue;
        }
        // The sentence before the source's starts here: a group pronoun looks no further.
        let s = sentences.partition_point(|x| x.span.end <= cs.start);
        let near = sentences
            .get(s.saturating_sub(1))
            .map_or(0, |x| x.span.start);
        let before = &mentions[..a];
        // A byline names the writer, not someone the text goes on to quote.
        let in_byline = |m: &Mention| {
            let i = sentences.partition_point(|x| x.span.end <= m.span.start);
            sentences.get(i).is_some_and(|x| {
                super::is_byline(&text[x.span.clone()]) && super::is_heading(text, sentences, i)
            })
        };
        let compatible = |m: &&Mention| match (r, kind(m)) {
            _ if in_byline(m) => false,
            (Refers::Person(_), Some(Label::Person)) => true,
            (Refers::Org, Some(Label::Org)) => true,
            (Refers::Group, Some(Label::Org)) => m.span.start >= near,
            _ => false,
        };
        let mut candidates = before.iter().rev().take(200).filter(compatible);
        let found = match r {
            // Prefer the last person the text gave this role ("the senator").
            Refers::Person(Some(role)) => before
                .iter()
                .rev()
                .take(200)
                .filter(compatible)
                .find(|m| {
                    m.actor
                        .and_then(|id| actors.get(id.0 as usize))
                        .is_some_and(|x| x.roles.iter().any(|ro| ro.to_lowercase().contains(role)))
                })
                .or_else(|| candidates.next()),
            _ => candidates.next(),
        };
        at.claimer_actor = found.and_then(|m| m.actor);
    }
}

/// Whether `gap`, the text between a name and a relative pronoun, leaves the name its
/// antecedent: nothing but a comma, one appositive between commas (", a lawyer,"), or
/// an appositive the pronoun qualifies (", a lawyer who"), which is the name too.
fn is_antecedent_gap(gap: &str) -> bool {
    let g = gap.trim();
    let appositive = |g: &str| {
        g.len() <= 60 && g.starts_with(',') && !g.contains(['.', ';', ':', '“', '”', '"'])
    };
    let article = |g: &str| {
        let first = g[1..].split_whitespace().next().unwrap_or("");
        matches!(first, "a" | "an" | "the")
    };
    g.is_empty()
        || g == ","
        || appositive(g) && g.ends_with(',') && g.matches(',').count() == 2
        || appositive(g) && g.matches(',').count() == 1 && article(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_ending_in_an_article_or_preposition_is_no_claimer() {
        let ok = |t: &str| {
            plausible(
                t,
                &crate::analysis::claims::lex::words_of(t).sentence(0),
                &[],
            )
        };
        assert!(ok("the harbour council"));
        assert!(ok("Ana Ruiz"));
        assert!(!ok("make an"));
        assert!(!ok("the members of"));
    }

    #[test]
    fn phrases_that_refer() {
        assert_eq!(refers("He"), Some(Refers::Person(None)));
        assert_eq!(
            refers("the spokesman"),
            Some(Refers::Person(Some("spokesman")))
        );
        assert_eq!(refers("the ministry"), Some(Refers::Org));
        assert_eq!(refers("Mary Smith"), None);
        assert_eq!(refers("the"), None);
    }
}
