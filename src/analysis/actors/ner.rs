//! Name recognition: capitalised runs found by a hand-written scan, cut into CoNLL-style
//! names (no determiner, no title), then typed PER/ORG/LOC/MISC from lexicons, word shape
//! and context, and finally made consistent across the document.

use super::lex::{Known, LEX};
use super::tokens::{tokenize, Kind, Tok};
use crate::analysis::{Label, Sentence, Span};
use std::collections::{HashMap, HashSet};

/// How sure the typing is; weak labels defer to what the rest of the document says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Guessed from word shape alone.
    Weak,
    /// From a lexicon or a clear cue.
    Strong,
}

/// A typed name found in the text, before actors are built.
#[derive(Debug, Clone)]
pub struct Found {
    /// Byte span of the name.
    pub span: Span,
    /// Its label.
    pub label: Label,
    /// How sure the label is.
    pub strength: Strength,
    /// Title or role words standing right before it ("President").
    pub title: Option<String>,
    /// Whether its sentence is an all-caps headline.
    pub headline: bool,
}

const CONNECTORS: &[&str] = &[
    "of", "de", "du", "da", "der", "den", "van", "von", "la", "le", "bin", "ibn", "al", "&", "y",
    "del", "di",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
];
const NEVER: &[&str] = &[
    "i",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "god",
    "ok",
    "tv",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
];
const EVENT_SUFFIX: &[&str] = &[
    "Cup",
    "Open",
    "Championship",
    "Championships",
    "Games",
    "Prix",
    "Olympics",
    "Trophy",
    "Series",
    "War",
    "Award",
    "Awards",
    "Festival",
    "Classic",
    "Masters",
    "Marathon",
    "Tour",
    "Rally",
    "Grammy",
    "Oscar",
];
const PLACE_HEAD: &[&str] = &[
    "Republic",
    "Kingdom",
    "Gulf",
    "Sea",
    "Bay",
    "Isle",
    "Island",
    "Islands",
    "Strait",
    "Cape",
    "Lake",
    "Mount",
    "Province",
    "State",
    "Emirate",
    "Principality",
    "Port",
    "Lake",
    "River",
    "Valley",
];
const PLACE_SUFFIX: &[&str] = &[
    "Street",
    "Square",
    "Avenue",
    "Road",
    "River",
    "Valley",
    "Island",
    "Islands",
    "Mountains",
    "Province",
    "Region",
    "County",
    "District",
    "Bay",
    "Beach",
    "Lake",
    "Sea",
    "Ocean",
    "Airport",
    "Coast",
    "Peninsula",
    "Heights",
];
const PER_CUES_AFTER: &[&str] = &[
    "said", "says", "told", "added", "asked", "replied", "wrote", "thinks", "believes",
];
const LOC_CUES_BEFORE: &[&str] = &[
    "in", "near", "from", "to", "outside", "across", "into", "towards", "via",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Qaida", "el-Sisi", "bin-Laden": a lower-case particle before a capital.
        Some(_) => ["al-", "el-", "bin-", "ad-", "as-", "ash-", "an-"]
            .iter()
            .any(|p| {
                w.starts_with(p) && w[p.len()..].chars().next().is_some_and(char::is_uppercase)
            }),
        None => false,
    }
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 1
}

/// Whether a lower-cased word is an ordinary English word.
fn common(l: &str) -> bool {
    LEX.common.contains(l) || NEVER.contains(&l)
}

struct Sent<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    headline: bool,
    /// Lower-cased words of the names found in the ordinary sentences (for headlines).
    doc_names: &'a HashSet<String>,
}

impl Sent<'_> {
    fn w(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }
    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }
    fn lw(&self, i: usize) -> String {
        lower(self.w(i))
    }
    /// Whether token `i` starts a sentence or a quoted clause, where capitals mean nothing.
    fn initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let p = self.w(i - 1);
        matches!(
            p,
            "\"" | "\u{201c}" | "\u{2018}" | ":" | "(" | "-" | "\u{2014}" | "\u{2013}" | "'" | "["
        ) || self.toks[i - 1].kind == Kind::Num && i == 1
            || (i == 1 && self.toks[0].kind == Kind::Punct)
    }
    /// Whether token `i` can be part of a name.
    fn name_word(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.w(i);
        if !is_cap(w) {
            return false;
        }
        let l = lower(w);
        if NEVER.contains(&l.as_str()) || DETERMINERS.contains(&l.as_str()) && !self.headline {
            return false;
        }
        if LEX.known.contains_key(&l) {
            return true;
        }
        if self.headline {
            return !common(&l) || w.contains('.') || self.doc_names.contains(&l);
        }
        if self.initial(i) && common(&l) {
            // "Will Smith" at the start of a sentence is still a name.
            return LEX.first.contains(&l)
                && self.is_word(i + 1)
                && is_cap(self.w(i + 1))
                && !common(&self.lw(i + 1));
        }
        true
    }
}

/// Whether most words of a sentence are in capitals (a headline or a table heading).
fn headline(text: &str, toks: &[Tok]) -> bool {
    let (mut caps, mut words) = (0, 0);
    for t in toks.iter().filter(|t| t.kind == Kind::Word) {
        let w = &text[t.start..t.end];
        if w.chars().count() < 2 {
            continue;
        }
        words += 1;
        if is_all_caps(w) {
            caps += 1;
        }
    }
    words >= 2 && caps * 10 >= words * 7
}

/// Find and type the names of `text`.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Found> {
    let mut out = Vec::new();
    let empty = HashSet::new();
    let mut headlines = Vec::new();
    for s in sentences {
        let toks = tokenize(&text[s.span.clone()], s.span.start);
        if headline(text, &toks) {
            headlines.push(toks);
            continue;
        }
        let sent = Sent {
            text,
            toks,
            headline: false,
            doc_names: &empty,
        };
        scan(&sent, &mut out);
    }
    if !headlines.is_empty() {
        // Headlines are read last, knowing which words are names in the body.
        let doc_names: HashSet<String> = out
            .iter()
            .flat_map(|f| text[f.span.clone()].split(' '))
            .map(lower)
            .collect();
        for toks in headlines {
            let sent = Sent {
                text,
                toks,
                headline: true,
                doc_names: &doc_names,
            };
            scan(&sent, &mut out);
        }
        out.sort_by_key(|f| f.span.start);
    }
    harmonise(text, &mut out);
    out
}

fn scan(s: &Sent, out: &mut Vec<Found>) {
    let n = s.toks.len();
    let nums = s.toks.iter().filter(|t| t.kind == Kind::Num).count();
    let mut i = 0;
    while i < n {
        if !s.name_word(i) {
            i += 1;
            continue;
        }
        // Extend the run over name words and inner connectors ("Bank of England").
        let mut j = i + 1;
        loop {
            if s.name_word(j) {
                j += 1;
                continue;
            }
            if j < n && s.is_word(j) && CONNECTORS.contains(&s.lw(j).as_str())
                || j < n && s.w(j) == "&"
            {
                let mut k = j + 1;
                if s.is_word(k) && s.lw(k) == "the" {
                    k += 1;
                }
                if s.name_word(k) && connector_ok(s, i, j) {
                    j = k + 1;
                    continue;
                }
            }
            break;
        }
        split_run(s, i, j, nums, out);
        i = j;
    }
}

/// "of" joins only after a word that heads organisation or place names; particles such
/// as "de", "van", "bin" join inside names.
fn connector_ok(s: &Sent, i: usize, j: usize) -> bool {
    let c = s.lw(j);
    if c != "of" && c != "&" {
        return true;
    }
    let prev = s.w(j - 1);
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next().map(|f| {
            f.to_uppercase()
                .chain(c.flat_map(char::to_lowercase))
                .collect::<String>()
        })
    };
    let p = if s.headline {
        cap(prev).unwrap_or_default()
    } else {
        prev.to_string()
    };
    c == "&" && j > i
        || LEX.org_head.contains(p.as_str())
        || LEX.org_suffix.contains(p.as_str())
        || PLACE_HEAD.contains(&p.as_str())
}

/// Cut a capitalised run into names: leading titles and determiners go, a leading
/// nationality word becomes its own MISC name, the rest is typed.
fn split_run(s: &Sent, mut i: usize, j: usize, nums: usize, out: &mut Vec<Found>) {
    let mut title: Option<String> = title_before(s, i);
    while i < j {
        // Titles: "President", "Prime Minister", "Gen."
        if let Some(k) = title_at(s, i, j) {
            if k < j {
                let t = s.text[s.toks[i].start..s.toks[k - 1].end].to_string();
                title = Some(match title {
                    Some(prev) if !s.headline => format!("{prev} {t}"),
                    _ => t,
                });
                i = k;
                if i < j && s.w(i) == "." {
                    i += 1;
                }
                continue;
            }
        }
        if j - i >= 2 && LEX.known.get(&s.lw(i)) == Some(&Known::Misc) {
            let whole = join_lower(s, i, j);
            let last = s.w(j - 1);
            if !LEX.known.contains_key(&whole)
                && !LEX.org_suffix.contains(last)
                && !EVENT_SUFFIX.contains(&last)
            {
                push(s, i, i + 1, Label::Misc, Strength::Strong, None, out);
                i += 1;
                continue;
            }
        }
        break;
    }
    if i >= j {
        return;
    }
    // A gazetteer name followed by more capitals in a table or headline: split it off.
    if let Some((label, strength)) = classify(s, i, j, title.is_some(), nums) {
        push(s, i, j, label, strength, title, out);
    }
}

fn title_at(s: &Sent, i: usize, j: usize) -> Option<usize> {
    for len in (1..=3).rev() {
        if i + len > j {
            continue;
        }
        let t = join_lower(s, i, i + len);
        if LEX.titles.contains(t.trim_end_matches('.')) {
            // "General Motors", "Prince Charles": a title only before a name.
            return Some(i + len);
        }
    }
    None
}

/// A lower-case role right before a name ("opposition leader Alexei Navalny").
fn title_before(s: &Sent, i: usize) -> Option<String> {
    for len in (1..=2).rev() {
        if i < len {
            continue;
        }
        let a = i - len;
        if (a..i).any(|k| !s.is_word(k)) {
            continue;
        }
        let t = join_lower(s, a, i);
        if LEX.titles.contains(t.as_str()) {
            return Some(s.text[s.toks[a].start..s.toks[i - 1].end].to_string());
        }
    }
    None
}

fn join_lower(s: &Sent, i: usize, j: usize) -> String {
    let mut out = String::new();
    for k in i..j {
        if k > i && s.toks[k].kind == Kind::Word {
            out.push(' ');
        }
        out.push_str(&s.lw(k));
    }
    out
}

fn push(
    s: &Sent,
    i: usize,
    j: usize,
    label: Label,
    strength: Strength,
    title: Option<String>,
    out: &mut Vec<Found>,
) {
    let (mut a, b) = (s.toks[i].start, s.toks[j - 1].end);
    // "al-Qaida" keeps its particle; nothing else to trim here.
    if a > b {
        a = b;
    }
    out.push(Found {
        span: a..b,
        label,
        strength,
        title,
        headline: s.headline,
    });
}

fn classify(s: &Sent, i: usize, j: usize, titled: bool, nums: usize) -> Option<(Label, Strength)> {
    classify_inner(s, i, j, titled, nums)
}

fn classify_inner(
    s: &Sent,
    i: usize,
    j: usize,
    titled: bool,
    nums: usize,
) -> Option<(Label, Strength)> {
    use Strength::*;
    let n = j - i;
    let whole = join_lower(s, i, j);
    let first = s.w(i);
    let last = s.w(j - 1);
    let fl = lower(first);
    let next_num = j < s.toks.len() && s.toks[j].kind == Kind::Num;
    let scores = nums >= 2 && next_num;
    let capf = |w: &str| -> String {
        if s.headline {
            let mut c = w.chars();
            c.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            w.to_string()
        }
    };
    let known = LEX.known.get(&whole).copied().or_else(|| {
        LEX.alias
            .get(&whole)
            .and_then(|c| LEX.known.get(&c.to_lowercase()).copied())
    });
    if titled && !matches!(known, Some(Known::Country)) {
        return Some((Label::Person, Strong));
    }
    match known {
        Some(Known::Country) => return Some((Label::Place, Strong)),
        Some(Known::Place) => {
            // A city with a score after it is a team.
            if scores {
                return Some((Label::Org, Strong));
            }
            if n == 1 && LEX.first.contains(&fl) && s.is_word(j) && is_cap(s.w(j)) {
                return Some((Label::Person, Weak));
            }
            return Some((Label::Place, Strong));
        }
        Some(Known::Org) => return Some((Label::Org, Strong)),
        Some(Known::Misc) => return Some((Label::Misc, Strong)),
        None => {}
    }
    let last_c = capf(last);
    if n >= 2 && EVENT_SUFFIX.contains(&last_c.as_str()) {
        return Some((Label::Misc, Strong));
    }
    if n >= 2 && (LEX.org_suffix.contains(last_c.as_str()) || LEX.org_suffix.contains(last)) {
        return Some((Label::Org, Strong));
    }
    if j < s.toks.len() && LEX.org_suffix.contains(s.w(j)) && s.w(j).ends_with('.') {
        return Some((Label::Org, Strong));
    }
    if n >= 3 && whole.contains(" of ") {
        if LEX.org_head.contains(capf(first).as_str()) {
            return Some((Label::Org, Strong));
        }
        if PLACE_HEAD.contains(&capf(first).as_str()) {
            return Some((Label::Place, Strong));
        }
    }
    if n >= 2 && PLACE_SUFFIX.contains(&last_c.as_str()) {
        return Some((Label::Place, Strong));
    }
    if scores {
        return Some((Label::Org, Weak));
    }
    // "London-based": the capitalised part of a hyphenated word.
    if n == 1 {
        if let Some((head, tail)) = last.split_once('-') {
            if is_cap(head) && !is_cap(tail) {
                return Some(match LEX.known.get(&lower(head)) {
                    Some(Known::Misc) => (Label::Misc, Strong),
                    Some(Known::Org) => (Label::Org, Strong),
                    _ => (Label::Place, Weak),
                });
            }
        }
    }
    let prev = if i > 0 && s.is_word(i - 1) {
        s.lw(i - 1)
    } else {
        String::new()
    };
    let next = if s.is_word(j) { s.lw(j) } else { String::new() };
    let person_cue = PER_CUES_AFTER.contains(&next.as_str())
        || PER_CUES_AFTER.contains(&prev.as_str())
        || (j + 2 < s.toks.len()
            && s.w(j) == ","
            && s.toks[j + 1].kind == Kind::Num
            && s.w(j + 2) == ",");
    if n >= 2 {
        let first_name = LEX.first.contains(&fl) && !LEX.known.contains_key(&fl);
        let initial =
            first.len() <= 2 && first.ends_with('.') || s.is_word(i + 1) && s.w(i + 1) == ".";
        if first_name || initial {
            return Some((Label::Person, Strong));
        }
        let words: Vec<String> = (i..j).filter(|&k| s.is_word(k)).map(|k| s.lw(k)).collect();
        let any_common = words.iter().any(|w| common(w));
        if LEX.last.contains(&lower(last)) && !common(&fl) {
            return Some((Label::Person, if any_common { Weak } else { Strong }));
        }
        if person_cue && n <= 3 {
            return Some((Label::Person, Weak));
        }
        if !any_common && n <= 3 && !s.headline {
            return Some((Label::Person, Weak));
        }
        if prev == "the" {
            return Some((Label::Org, Weak));
        }
        return Some((Label::Org, Weak));
    }
    // One word.
    if is_all_caps(first) && !s.headline && first.chars().count() <= 5 {
        return Some((Label::Org, Weak));
    }
    if person_cue || LEX.first.contains(&fl) || LEX.last.contains(&fl) && !common(&fl) {
        return Some((Label::Person, Weak));
    }
    if LOC_CUES_BEFORE.contains(&prev.as_str()) {
        return Some((Label::Place, Weak));
    }
    if prev == "the" {
        return Some((Label::Org, Weak));
    }
    if common(&fl) && !s.headline {
        return None;
    }
    Some((Label::Person, Weak))
}

/// Make labels agree across the document: a weak guess takes the label that a sure
/// mention of the same name has; a lone surname of a known person is a person.
fn harmonise(text: &str, found: &mut [Found]) {
    let mut strong: HashMap<String, Label> = HashMap::new();
    let mut person_parts: HashMap<String, usize> = HashMap::new();
    for f in found.iter() {
        let name = lower(&text[f.span.clone()]);
        if f.label == Label::Person && name.contains(' ') {
            for part in name.split(' ') {
                if part.len() > 1 && !CONNECTORS.contains(&part) {
                    *person_parts.entry(part.to_string()).or_default() += 1;
                }
            }
        }
        if f.strength == Strength::Strong && !f.headline {
            strong.entry(name).or_insert(f.label);
        }
    }
    for f in found.iter_mut() {
        let name = lower(&text[f.span.clone()]);
        if !name.contains(' ')
            && person_parts.contains_key(&name)
            && LEX.known.get(&name) != Some(&Known::Country)
        {
            f.label = Label::Person;
            continue;
        }
        if f.strength == Strength::Weak || f.headline {
            if let Some(&l) = strong.get(&name) {
                f.label = l;
            }
        }
    }
}
