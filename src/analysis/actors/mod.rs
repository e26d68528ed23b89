//! Actors: named people, organisations and places, with aliases merged.
//!
//! Two steps. The learned [`tagger`] finds and types names (CoNLL-style spans: no
//! determiner, no title; PER/ORG/LOC/MISC) from the document's token stream, and a
//! document-level vote gives each name one kind. Then mentions of the same referent are
//! grouped into actors: same name, a known alias
//! ("U.S." -> "United States"), a person's surname or given name alone ("Putin"), an
//! acronym of an organisation's name. Titles before a name and appositions after it
//! ("Alexei Navalny, the opposition leader,") become roles.
//!
//! Pure: no I/O. Spans are byte ranges into the document text.

pub mod features;
pub(crate) mod lex;
pub mod tagger;

use super::lexicon;
use super::model::Model;
use super::tokens::{Kind, Tokens};
use super::{Actor, ActorId, Label, Mention, Span};
use lex::{FastMap, FastSet, LEX};

/// A typed name found in the text, before actors are built.
#[derive(Debug, Clone)]
struct Found {
    /// Byte span of the name.
    span: Span,
    /// Its label.
    label: Label,
    /// Title or role words standing right before it ("President", "opposition leader").
    title: Option<String>,
    /// Whether its sentence is mostly in capitals (a headline).
    headline: bool,
    /// Its grouping key ([`key`]).
    key: String,
}

/// Whether a lower-case word names a nationality or group ("german", "russians"): the
/// lexicons' MISC words.
pub fn is_nationality(lower: &str) -> bool {
    LEX.known.get(lower) == Some(&lex::Known::Misc)
}

/// The names `models` find (after the document-level vote), for training and evaluation.
pub fn names_with(text: &str, tokens: &Tokens, models: &[Model]) -> Vec<(Span, Label)> {
    let tagged = tagger::spans(tokens, &tagger::tag_with(text, tokens, models));
    find(text, tokens, tagged)
        .into_iter()
        .map(|f| (f.span, f.label))
        .collect()
}

/// Tagged names, with their titles, after the document-level post-passes:
/// [`title_case_lines`] and [`vote`].
fn find(text: &str, tokens: &Tokens, tagged: Vec<tagger::Tagged>) -> Vec<Found> {
    let mut lines: FastMap<usize, (bool, bool)> = FastMap::default();
    // Keys by name as written: names repeat.
    let mut keys: FastMap<&str, String> = FastMap::default();
    let mut found: Vec<Found> = tagged
        .iter()
        .map(|t| {
            let (headline, title_case) = *lines
                .entry(t.sentence)
                .or_insert_with(|| line_case(text, tokens, t.sentence));
            let mut label = t.label;
            // A hyphenated adjective ("Texas-based", "Paris-born") names no actor.
            let name = &text[t.span.clone()];
            if !name.contains(' ')
                && name
                    .rsplit('-')
                    .next()
                    .is_some_and(|w| name.contains('-') && w.chars().all(char::is_lowercase))
            {
                label = Label::Misc;
            }
            // Titles are not part of a person's name ("President Ann Lee" is "Ann Lee").
            let mut first = t.first_token;
            let mut span = t.span.clone();
            if label == Label::Person {
                while tokens
                    .toks
                    .get(first + 1)
                    .is_some_and(|n| n.end() <= span.end)
                {
                    let w = &text[tokens.toks[first].range()];
                    let l = w.trim_end_matches('.').to_lowercase();
                    if !(LEX.titles.contains(l.as_str()) || lexicon::is_title_abbrev(w)) {
                        break;
                    }
                    first += 1;
                    span.start = tokens.toks[first].start();
                }
            }
            let title = if first > t.first_token {
                Some(text[t.span.start..tokens.toks[first - 1].end()].to_string())
            } else {
                title_before(text, tokens, first, t.sentence)
            };
            let name = &text[span.clone()];
            Found {
                key: keys.entry(name).or_insert_with(|| key(name)).clone(),
                span,
                label,
                title,
                headline: headline || title_case,
            }
        })
        .collect();
    let mut title_case: Vec<bool> = tagged
        .iter()
        .map(|t| lines.get(&t.sentence).is_some_and(|l| l.1))
        .collect();
    let common = common_openers(text, tokens, &tagged);
    if common.contains(&true) {
        let mut k = 0;
        found.retain(|_| {
            k += 1;
            !common[k - 1]
        });
        let mut k = 0;
        title_case.retain(|_| {
            k += 1;
            !common[k - 1]
        });
    }
    title_case_lines(text, &mut found, &title_case);
    vote(&mut found);
    date_words(text, tokens, &mut found);
    known_prefixes(text, &mut found);
    whole_organisations(text, tokens, &mut found);
    known_places(&mut found);
    known_organisations(&mut found);
    found
}

/// Byte ranges of the words of `span` (split at whitespace).
fn word_ranges(text: &str, span: &Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[span.clone()].char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(span.start + s..span.start + i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(span.start + s..span.end);
    }
    out
}

/// A person's name that opens with a month or day name the document also writes
/// outside names is the date's and the name's ("the fourth of October Kutuzov signed"):
/// the date word is cut off. A person named like a month ("April Lee") keeps the name
/// when the document writes the word nowhere else.
fn date_words(text: &str, tokens: &Tokens, found: &mut [Found]) {
    let is_date = |w: &str| {
        let l = w.to_lowercase();
        (l.len() > 3 && super::temporal::month_of(&l).is_some())
            || super::temporal::weekday_of(&l).is_some_and(|(_, plural)| !plural)
    };
    let mut cands: FastMap<&str, usize> = FastMap::default();
    // Whether a first word is a date word, by word: names repeat.
    let mut seen: FastMap<&str, bool> = FastMap::default();
    for f in found.iter() {
        if f.label == Label::Person {
            if let Some(w) = text[f.span.clone()].split_whitespace().next() {
                if *seen.entry(w).or_insert_with(|| is_date(w)) {
                    *cands.entry(w).or_default() += 1;
                }
            }
        }
    }
    if cands.is_empty() {
        return;
    }
    // How often each candidate is written at all, counted by distinct word.
    let mut written: FastMap<&str, usize> = FastMap::default();
    let mut count = vec![0usize; tokens.firsts.len()];
    for &w in &tokens.words {
        count[w as usize] += 1;
    }
    for (w, &n) in count.iter().enumerate() {
        let word = tokens.word(text, w as u32);
        if cands.contains_key(word) {
            written.insert(word, n);
        }
    }
    for f in found.iter_mut() {
        if f.label != Label::Person {
            continue;
        }
        let mut words = text[f.span.clone()].split_whitespace();
        let (Some(w), Some(second)) = (words.next(), words.next()) else {
            continue;
        };
        if cands
            .get(w)
            .is_some_and(|&n| written.get(w).is_some_and(|&k| k > n))
        {
            f.span.start = second.as_ptr() as usize - text.as_ptr() as usize;
            f.key = key(&text[f.span.clone()]);
            f.title = None;
        }
    }
}

/// A person's name that goes on past a full name the document gives on its own
/// elsewhere ("Ada Lovelace Barbie" beside "Ada Lovelace") is that name and, after it,
/// a name of another kind (MISC: a product, a title).
fn known_prefixes(text: &str, found: &mut Vec<Found>) {
    let full: FastSet<String> = found
        .iter()
        .filter(|f| f.label == Label::Person && f.key.contains(' '))
        .map(|f| f.key.clone())
        .collect();
    if full.is_empty() {
        return;
    }
    let mut rest = Vec::new();
    for (i, f) in found.iter_mut().enumerate() {
        if f.label != Label::Person || f.key.matches(' ').count() < 2 {
            continue;
        }
        let words = word_ranges(text, &f.span);
        let cut = (2..words.len())
            .rev()
            .find(|&k| full.contains(&key(&text[f.span.start..words[k - 1].end])));
        if let Some(k) = cut {
            let tail = words[k].start..f.span.end;
            rest.push((
                i + 1,
                Found {
                    key: key(&text[tail.clone()]),
                    span: tail,
                    label: Label::Misc,
                    title: None,
                    headline: f.headline,
                },
            ));
            f.span.end = words[k - 1].end;
            f.key = key(&text[f.span.clone()]);
        }
    }
    if rest.is_empty() {
        return;
    }
    let mut rest = rest.into_iter().peekable();
    let mut out = Vec::with_capacity(found.len() + rest.len());
    for (i, f) in std::mem::take(found).into_iter().enumerate() {
        out.push(f);
        if rest.peek().is_some_and(|(at, _)| *at == i + 1) {
            out.extend(rest.next().map(|(_, f)| f));
        }
    }
    *found = out;
}

/// A name that the words right after it complete into an organisation of the
/// hand-written list (`orgs.txt`) becomes that organisation: the tagger may take the
/// first word of "the Islamic State group" for an adjective and leave "State" out.
fn whole_organisations(text: &str, tokens: &Tokens, found: &mut Vec<Found>) {
    let mut drop_to = 0;
    let mut keep = vec![true; found.len()];
    for i in 0..found.len() {
        if found[i].span.start < drop_to {
            keep[i] = false;
            continue;
        }
        let next = tokens
            .toks
            .partition_point(|t| t.start() < found[i].span.end);
        let mut best = None;
        for k in next..tokens.toks.len().min(next + 3) {
            let t = tokens.toks[k];
            let w = &text[t.range()];
            let glue = &text[tokens.toks[k - 1].end()..t.start()];
            if t.kind() != Kind::Word || glue.contains('\n') || !w.starts_with(char::is_uppercase) {
                break;
            }
            let name = &text[found[i].span.start..t.end()];
            if LEX.orgs.contains(&key(name)) {
                best = Some(t.end());
            }
        }
        if let Some(end) = best {
            let f = &mut found[i];
            f.span.end = end;
            f.key = key(&text[f.span.clone()]);
            f.label = Label::Org;
            f.title = None;
            drop_to = end;
        }
    }
    if keep.contains(&false) {
        let mut k = 0;
        found.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }
}

/// Which one-word names are a sentence's capitalised first word that the document
/// otherwise writes in lower case and never capitalises inside a sentence: the common
/// word ("Harbour closes after the storm" beside "the harbour at ..."). A name is
/// capitalised wherever it stands; a common word only where a sentence or headline
/// starts.
fn common_openers(text: &str, tokens: &Tokens, tagged: &[tagger::Tagged]) -> Vec<bool> {
    let opens = |k: usize, s: usize| {
        let start = tokens.sentences[s].start;
        k == start || (k == start + 1 && tokens.toks[start].kind() == Kind::Punct)
    };
    let mut out = vec![false; tagged.len()];
    // The candidates' words, lower-cased.
    let mut lower: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, t) in tagged.iter().enumerate() {
        let k = t.first_token;
        let one = tokens.toks[k].range() == t.span;
        let w = &text[t.span.clone()];
        if one && opens(k, t.sentence) && w.chars().skip(1).all(char::is_lowercase) {
            lower.entry(w.to_lowercase()).or_default().push(i);
        }
    }
    if lower.is_empty() {
        return out;
    }
    // Those written in lower case somewhere, by the id of their capitalised word.
    let mut cands: FastMap<u32, Vec<usize>> = FastMap::default();
    let mut in_lower = FastSet::default();
    for w in 0..tokens.firsts.len() as u32 {
        if lower.contains_key(tokens.word(text, w)) {
            in_lower.insert(tokens.word(text, w));
        }
    }
    for (l, names) in &lower {
        if in_lower.contains(l.as_str()) {
            for &i in names {
                cands
                    .entry(tokens.words[tagged[i].first_token])
                    .or_default()
                    .push(i);
            }
        }
    }
    if cands.is_empty() {
        return out;
    }
    // Dropped unless also capitalised inside a sentence.
    let mut cand = vec![false; tokens.firsts.len()];
    for &w in cands.keys() {
        cand[w as usize] = true;
    }
    let mut mid = vec![false; tokens.firsts.len()];
    for (s, range) in tokens.sentences.iter().enumerate() {
        for k in range.clone() {
            let w = tokens.words[k] as usize;
            if cand[w] && !opens(k, s) {
                mid[w] = true;
            }
        }
    }
    for (w, names) in cands {
        if !mid[w as usize] {
            for i in names {
                out[i] = true;
            }
        }
    }
    out
}

/// A person's name of two or more words that the place lexicons list whole is that place
/// ("San Diego" wrapped across a line, where the tagger sees no place).
fn known_places(found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.label == Label::Person
            && f.key.contains(' ')
            && matches!(
                LEX.known.get(f.key.as_str()),
                Some(lex::Known::Place | lex::Known::Country)
            )
        {
            f.label = Label::Place;
        }
    }
}

/// A name the organisations lexicon lists is an organisation, whatever the tagger says:
/// the training corpora tag a seat of power standing for its government ("the Kremlin
/// said", "the Pentagon denied") as a place, but in the actors panel it is who acts.
fn known_organisations(found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.label == Label::Place && LEX.orgs.contains(&f.key) {
            f.label = Label::Org;
        }
    }
}

/// Whether sentence `i` is mostly in capitals, and whether it is a title-case line
/// (three or more words, most capitalised, no final period, as in headlines).
fn line_case(text: &str, tokens: &Tokens, i: usize) -> (bool, bool) {
    let toks = tokens.sentence(i);
    let period = toks.last().is_some_and(|t| &text[t.range()] == ".");
    let (mut words, mut caps, mut initial) = (0, 0, 0);
    for t in toks.iter().filter(|k| k.kind() == Kind::Word) {
        let w = &text[t.range()];
        words += 1;
        let mut chars = w.chars();
        if chars.next().is_some_and(char::is_uppercase) {
            initial += 1;
            if chars.next().is_some() && !w.chars().any(char::is_lowercase) {
                caps += 1;
            }
        }
    }
    let headline = words >= 2 && caps * 2 > words;
    (
        headline,
        !headline && !period && words >= 3 && initial * 4 >= words * 3,
    )
}

/// In a title-case line every word is capitalised, so a capitalised common word there
/// is no evidence of a name: a name made only of common words is kept only when the
/// rest of the document names it too.
fn title_case_lines(text: &str, found: &mut Vec<Found>, title_case: &[bool]) {
    if !title_case.contains(&true) {
        return;
    }
    let body: FastSet<String> = found
        .iter()
        .zip(title_case)
        .filter(|(_, &t)| !t)
        .map(|(f, _)| f.key.clone())
        .collect();
    let mut k = 0;
    found.retain(|f| {
        let keep = !title_case[k] || {
            let name = &text[f.span.clone()];
            body.contains(&f.key)
                || !name
                    .split([' ', '-'])
                    .all(|w| LEX.common.contains(w.to_lowercase().as_str()))
        };
        k += 1;
        keep
    });
}

/// One kind per name: every mention of a name (same words, any case) takes the label
/// most of its mentions have (on a tie, its first mention's). A one-word name that is the
/// last word of a person's name elsewhere in the document is that person's surname.
fn vote(found: &mut [Found]) {
    let keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
    let mut counts: FastMap<&str, ([u32; 4], usize)> = FastMap::default();
    let slot = |l: Label| l as usize;
    for (k, f) in keys.iter().zip(found.iter()) {
        let e = counts.entry(k).or_insert(([0; 4], slot(f.label)));
        e.0[slot(f.label)] += 1;
    }
    const LABELS: [Label; 4] = [Label::Person, Label::Org, Label::Place, Label::Misc];
    let best = |k: &str| {
        let (c, first) = counts[k];
        (0..4)
            .max_by_key(|&i| (c[i], i == first))
            .map_or(Label::Misc, |i| LABELS[i])
    };
    let surnames: FastSet<&str> = keys
        .iter()
        .filter(|k| k.contains(' ') && best(k) == Label::Person)
        .filter_map(|k| k.rsplit(' ').next())
        .collect();
    let labels: Vec<Label> = keys
        .iter()
        .map(|k| {
            if !k.contains(' ') && surnames.contains(k) {
                Label::Person
            } else {
                best(k)
            }
        })
        .collect();
    for (f, l) in found.iter_mut().zip(labels) {
        f.label = l;
    }
}

/// Role words right before the name that starts at token `first` ("President",
/// "opposition leader"), as written; title abbreviations ("Mr.") are no roles.
fn title_before(text: &str, tokens: &Tokens, first: usize, sentence: usize) -> Option<String> {
    let start = tokens.sentences[sentence].start;
    let mut key = String::new();
    // Every role tried ends with the word right before the name: most words end none.
    if first <= start || tokens.toks[first - 1].kind() != Kind::Word {
        return None;
    }
    lower_into(&text[tokens.toks[first - 1].range()], &mut key);
    if !LEX.title_ends.contains(key.as_str()) {
        return None;
    }
    for len in (1..=3).rev() {
        if first < start + len {
            continue;
        }
        let toks = &tokens.toks[first - len..first];
        if toks.iter().any(|t| t.kind() != Kind::Word) {
            continue;
        }
        key.clear();
        for (k, t) in toks.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            lower_into(&text[t.range()], &mut key);
        }
        if LEX.titles.contains(key.as_str()) {
            let words: Vec<&str> = toks.iter().map(|t| &text[t.range()]).collect();
            return Some(words.join(" "));
        }
    }
    None
}

/// Append `w` lower-cased, character by character, to `key`.
fn lower_into(w: &str, key: &mut String) {
    if w.is_ascii() {
        let from = key.len();
        key.push_str(w);
        key[from..].make_ascii_lowercase();
    } else {
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// Find name mentions and group them into actors, ordered by prominence (mention count,
/// then first appearance); `Mention::actor` is the index into the returned actors.
pub fn extract(text: &str, tokens: &Tokens) -> (Vec<Mention>, Vec<Actor>) {
    let found = find(text, tokens, tagger::tag(text, tokens));
    let mut mentions: Vec<Mention> = found
        .iter()
        .map(|f| Mention {
            span: f.span.clone(),
            label: f.label,
            actor: None,
        })
        .collect();
    let groups = group(&found);
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
    let l: String = if single_spaced(name) {
        name.to_lowercase()
    } else {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    match LEX.alias.get(&l) {
        Some(c) => c.to_lowercase(),
        None => l,
    }
}

/// Whether `name`'s words stand one space apart, with no other whitespace: what
/// splitting it at whitespace and joining the words with spaces gives back unchanged.
fn single_spaced(name: &str) -> bool {
    !name.contains("  ")
        && !name.contains(|c: char| c.is_whitespace() && c != ' ')
        && !name.starts_with(' ')
        && !name.ends_with(' ')
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
fn group(found: &[Found]) -> Vec<(Label, Vec<usize>)> {
    let mut order: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].label != Label::Misc)
        .collect();
    let keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
    // Word counts once per mention, not once per comparison.
    order.sort_by_cached_key(|&i| (std::cmp::Reverse(keys[i].split(' ').count()), i));
    let mut groups: Vec<(Label, Vec<usize>)> = Vec::new();
    let mut by_key: FastMap<(&str, Label), usize> = FastMap::default();
    // Partial names that may stand for a longer one already seen, by label.
    let mut partial: FastMap<(String, Label), Vec<usize>> = FastMap::default();
    for i in order {
        let label = found[i].label;
        let k = keys[i];
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

fn make_actor(text: &str, found: &[Found], kind: Label, members: Vec<usize>) -> Actor {
    // Names as written, with line breaks and runs of spaces made single spaces.
    let spelled: Vec<std::borrow::Cow<str>> = members
        .iter()
        .map(|&i| {
            let name = &text[found[i].span.clone()];
            if single_spaced(name) {
                name.into()
            } else {
                name.split_whitespace().collect::<Vec<_>>().join(" ").into()
            }
        })
        .collect();
    let names: Vec<&str> = spelled.iter().map(|n| n.as_ref()).collect();
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
        let (m, a) = extract(text, &Tokens::new(text, &sents));
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
    fn pronouns_and_function_words_are_never_names() {
        let (ms, _) = run("He said it was late. In Paris, They waited. “We are here,” She said.");
        assert_eq!(ms, [("Paris".to_string(), "LOC")]);
    }

    #[test]
    fn names_with_runs_of_spaces_are_spelled_with_one() {
        let (_, actors) = run("Yesterday Konstantin  Levin arrived. Levin smiled.");
        assert_eq!(actors[0].name, "Konstantin Levin");
        assert_eq!(actors[0].mentions.len(), 2);
    }
}
