//! Name recognition: capitalised runs found by a hand-written scan, cut into CoNLL-style
//! names (no determiner, no title), then typed PER/ORG/LOC/MISC from lexicons, word shape
//! and context, and finally made consistent across the document.
//!
//! Headlines (sentences mostly in capitals) are read after the body, so that a capitalised
//! common word there ("SHEARER") counts as a name only if the body uses it as one.

use super::lex::{FastMap as HashMap, FastSet as HashSet};
use super::lex::{Known, LEX};
use super::tokens::{tokenize_with, Kind, Tok};
use crate::analysis::{Label, Sentence, Span};
use std::borrow::Cow;

/// How sure the typing is; weaker labels defer to what the rest of the document says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// A capitalised common word, kept only if the document names it elsewhere.
    Tentative,
    /// Guessed from word shape alone.
    Weak,
    /// From a context cue ("in X", "X said").
    Cue,
    /// From a lexicon or a clear cue in the name itself.
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
    /// Whether it was typed as a sports team from a score or a match verb.
    pub team: bool,
    /// A capitalised common word at the start of a sentence: kept only if the document
    /// uses the same name elsewhere.
    pub tentative: bool,
}

impl Found {
    fn doubtful(&self) -> bool {
        self.tentative || self.strength == Strength::Tentative
    }
}

const CONNECTORS: &[&str] = &[
    "of", "de", "du", "da", "der", "den", "van", "von", "la", "le", "bin", "ibn", "al", "&", "y",
    "del", "di", "dos", "das", "ter", "op",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
];
/// Function words: never part of a name, wherever they stand ("He", "In", "Himself").
/// All-caps forms such as "US" or "IT" are still read as names.
const FUNCTION: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "for",
    "of",
    "in",
    "on",
    "at",
    "to",
    "by",
    "from",
    "with",
    "without",
    "into",
    "onto",
    "upon",
    "about",
    "above",
    "after",
    "against",
    "along",
    "among",
    "around",
    "as",
    "before",
    "behind",
    "below",
    "beside",
    "between",
    "beyond",
    "during",
    "except",
    "inside",
    "near",
    "off",
    "out",
    "over",
    "past",
    "since",
    "than",
    "through",
    "till",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "via",
    "within",
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "thou",
    "thee",
    "thy",
    "this",
    "that",
    "these",
    "those",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "not",
    "only",
    "same",
    "too",
    "very",
    "can",
    "will",
    "just",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "might",
    "must",
    "shall",
    "should",
    "would",
    "could",
    "if",
    "then",
    "else",
    "also",
    "here",
    "there",
    "yes",
    "oh",
    "ah",
    "well",
    "now",
    "why",
    "whether",
    "while",
    "although",
    "though",
    "because",
    "however",
    "perhaps",
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
    "may",
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
    "gmt",
    "est",
    "edt",
    "bst",
    "utc",
    "christmas",
    "easter",
    "ramadan",
    "thanksgiving",
    "halloween",
    "ceo",
    "lcd",
    "vip",
    "vips",
    "usb",
    "gps",
    "dvd",
    "dvds",
    "hdtv",
    "suv",
    "suvs",
    "atm",
    "atms",
    "ipo",
    "gdp",
    "mp3",
    "usd",
    "eur",
    "gbp",
    "jpy",
    "chf",
    "cny",
    "rmb",
    "cfo",
    "coo",
    "cto",
    "mp",
    "mps",
    "phd",
    "vs",
    "v",
    "no",
    "oh",
    "yes",
    "ah",
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
    "Day",
    "Revolution",
    "Index",
    "Average",
    "Prize",
    "Act",
    "Treaty",
    "Accord",
    "Accords",
    "Agreement",
    "Conference",
    "Summit",
    "Show",
    "Expo",
    "Olympiad",
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
    "River",
    "Valley",
    "Sultanate",
    "Duchy",
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
    "Park",
    "Stadium",
    "Arena",
    "Bridge",
    "Strait",
    "Canal",
    "Desert",
    "Hills",
    "Mountain",
    "Oblast",
    "Krai",
];
const PER_CUES_AFTER: &[&str] = &[
    "spoke",
    "admitted",
    "recalled",
    "testified",
    "smiled",
    "laughed",
    "nodded",
    "whispered",
    "shouted",
    "answered",
    "muttered",
    "said",
    "says",
    "told",
    "added",
    "asked",
    "replied",
    "wrote",
    "thinks",
    "believes",
    "explained",
    "stated",
    "argued",
    "insisted",
    "noted",
    "claimed",
    "denied",
];
const PER_CUES_BEFORE: &[&str] = &["said", "says", "according", "told", "mr", "mrs", "ms", "dr"];
const LOC_CUES_BEFORE: &[&str] = &[
    "in", "near", "outside", "across", "into", "towards", "via", "northern", "southern", "eastern",
    "western", "central", "capital",
];
/// Prepositions that take places as often as organisations: only a weak hint.
const LOC_HINTS_BEFORE: &[&str] = &["from", "at", "to"];
const ORG_CUES_BEFORE: &[&str] = &[
    "company",
    "firm",
    "automaker",
    "carmaker",
    "maker",
    "manufacturer",
    "airline",
    "carrier",
    "bank",
    "retailer",
    "giant",
    "group",
    "rival",
    "insurer",
    "airframer",
    "supplier",
    "conglomerate",
    "brokerage",
    "newspaper",
    "magazine",
    "agency",
    "broadcaster",
    "network",
    "club",
    "party",
    "subsidiary",
    "unit",
    "parent",
    "owner",
    "operator",
    "startup",
    "chain",
    "publisher",
    "automakers",
    "companies",
    "firms",
    "airlines",
    "banks",
    "daily",
    "weekly",
    "lender",
    "developer",
    "producer",
    "partner",
    "vendor",
    "distributor",
    "exporter",
    "importer",
];
const ORG_CUES_AFTER: &[&str] = &[
    "shares",
    "stock",
    "stocks",
    "executives",
    "executive",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "ceo",
    "chief",
    "boss",
    "employees",
    "workers",
    "board",
    "shareholders",
    "announced",
    "reported",
    "unveiled",
    "launched",
    "posted",
    "plant",
    "plants",
    "factory",
    "factories",
    "headquarters",
    "dealers",
    "customers",
    "subsidiary",
    "officials",
    "management",
    "president",
    "director",
];
const TEAM_VERBS: &[&str] = &[
    "beat", "beats", "drew", "draw", "v", "vs", "lost", "defeated", "won", "halted", "thrashed",
    "edged",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        Some(_) if brand_word(w) => true,
        Some(_) if !w.as_bytes().iter().take(4).any(|&b| b == b'-') => false,
        // "al-Qaida", "el-Sisi", "bin-Laden": a lower-case particle before a capital.
        Some(_) => ["al-", "el-", "bin-", "ad-", "as-", "ash-", "an-"]
            .iter()
            .any(|p| {
                w.starts_with(p) && w[p.len()..].chars().next().is_some_and(char::is_uppercase)
            }),
        None => false,
    }
}

/// "iPod", "iOS", "eBay": a brand spelled with a lower-case "i" or "e" before a capital.
fn brand_word(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && matches!(b[0], b'i' | b'e')
        && b[1].is_ascii_uppercase()
        && b.iter().all(u8::is_ascii_alphabetic)
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

/// "NEW" -> "New" (to look headline words up in case-sensitive lists).
fn title_case(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| {
            f.to_uppercase()
                .chain(c.flat_map(char::to_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a lower-cased word is an ordinary English word.
fn common(l: &str) -> bool {
    LEX.common.contains(l) || NEVER.contains(&l)
}

fn known(l: &str) -> Option<Known> {
    LEX.known.get(l).copied().or_else(|| {
        LEX.alias
            .get(l)
            .and_then(|c| LEX.known.get(&c.to_lowercase()).copied())
    })
}

struct Sent<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    headline: bool,
    /// Lower-cased words of the names found in the ordinary sentences (for headlines).
    doc_names: &'a HashSet<String>,
    /// Tokens forced into names by a multi-word gazetteer match ("NEW YORK", "South Africa").
    forced: Vec<bool>,
    /// Each token in lower case (borrowed when it already is).
    low: Vec<Cow<'a, str>>,
}

impl<'a> Sent<'a> {
    fn new(text: &'a str, toks: Vec<Tok>, headline: bool, doc_names: &'a HashSet<String>) -> Self {
        let low = toks
            .iter()
            .map(|t| {
                let w = &text[t.start..t.end];
                if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80)
                    && w.chars().any(char::is_uppercase)
                {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect();
        let mut sent = Sent {
            text,
            forced: vec![false; toks.len()],
            toks,
            headline,
            doc_names,
            low,
        };
        force_known(&mut sent);
        sent
    }
}

impl Sent<'_> {
    fn w(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }
    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }
    fn lw(&self, i: usize) -> &str {
        &self.low[i]
    }
    /// The list spelling of token `i`: as written, or title-cased in a headline.
    fn cw(&self, i: usize) -> String {
        if self.headline {
            title_case(self.w(i))
        } else {
            self.w(i).to_string()
        }
    }
    /// Whether token `i` starts a sentence or a quoted clause, where capitals mean nothing.
    fn initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let p = self.w(i - 1);
        matches!(
            p,
            "\"" | "\u{201c}"
                | "\u{2018}"
                | ":"
                | "("
                | "-"
                | "\u{2014}"
                | "\u{2013}"
                | "'"
                | "["
                | "*"
                | "\u{2022}"
        ) || self.toks[i - 1].kind == Kind::Num && i == 1
            || (i == 1 && self.toks[0].kind == Kind::Punct)
            || (i == 2 && self.toks[0].kind == Kind::Num && self.w(1) == ".")
    }
    /// Whether token `i` is an initial such as "C." in "C. Lewis".
    fn initial_letter(&self, i: usize) -> bool {
        self.is_word(i)
            && self.w(i).chars().count() == 1
            && self.w(i).chars().all(char::is_uppercase)
            && i + 2 < self.toks.len()
            && self.w(i + 1) == "."
            && self.is_word(i + 2)
            && is_cap(self.w(i + 2))
            && !FUNCTION.contains(&self.lw(i + 2))
    }
    /// Whether token `i` can be part of a name, and how sure that is.
    fn name_word(&self, i: usize) -> Option<Strength> {
        if !self.is_word(i) {
            return None;
        }
        if self.forced[i] {
            return Some(Strength::Strong);
        }
        let w = self.w(i);
        if !is_cap(w) {
            return None;
        }
        let l = self.lw(i);
        if w.chars().count() == 1 {
            // "A. Hollioake": an initial, even when it spells a function word.
            return self.initial_letter(i).then_some(Strength::Weak);
        }
        if i + 1 < self.toks.len()
            && self.toks[i + 1].start == self.toks[i].end
            && matches!(self.w(i + 1), "$" | "\u{20ac}" | "\u{a3}")
        {
            return None;
        }
        if NEVER.contains(&l) || DETERMINERS.contains(&l) {
            return None;
        }
        if FUNCTION.contains(&l)
            && !(is_all_caps(w) && w.len() >= 2 && (!self.headline || LEX.known.contains_key(l)))
        {
            return None;
        }
        if LEX.known.contains_key(l) {
            return Some(Strength::Strong);
        }
        if self.headline {
            return (!common(l) || w.contains('.') || self.doc_names.contains(l))
                .then_some(Strength::Weak);
        }
        // "Additionally, ...": a sentence adverb, whether or not the word list knows it.
        if self.initial(i)
            && l.ends_with("ly")
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| &self.text[t.start..t.end] == ",")
        {
            return None;
        }
        if self.initial(i) && common(l) {
            // "Will Smith" at the start of a sentence is still a name.
            let named = LEX.first.contains(l)
                && self.is_word(i + 1)
                && is_cap(self.w(i + 1))
                && !common(self.lw(i + 1));
            return named
                .then_some(Strength::Weak)
                .or(Some(Strength::Tentative));
        }
        Some(Strength::Weak)
    }
}

/// Whether most words of a sentence are in capitals (a headline or a table heading).
fn headline(text: &str, toks: &[Tok]) -> bool {
    // Fast exit: ordinary sentences have many words starting in lower case.
    let (mut lower_start, mut all) = (0, 0);
    for t in toks.iter().filter(|t| t.kind == Kind::Word) {
        all += 1;
        if text.as_bytes()[t.start].is_ascii_lowercase() {
            lower_start += 1;
        }
    }
    if lower_start * 10 > all * 3 + 10 {
        return false;
    }
    let (mut caps, mut words, mut title) = (0, 0, 0);
    for t in toks.iter().filter(|t| t.kind == Kind::Word) {
        let w = &text[t.start..t.end];
        if t.end - t.start < 2 || w.chars().nth(1).is_none() {
            continue;
        }
        words += 1;
        if is_all_caps(w) {
            caps += 1;
        } else if w.chars().next().is_some_and(char::is_uppercase) {
            title += 1;
        }
    }
    if words >= 2 && caps * 10 >= words * 7 {
        return true;
    }
    if words < 3 || (caps + title) * 10 < words * 8 {
        return false;
    }
    // Title case counts when it capitalises ordinary words ("Shares Surge").
    let title_common = toks
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| &text[t.start..t.end])
        .filter(|w| !is_all_caps(w) && w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| {
            let l = lower(w);
            common(&l)
                && !LEX.known.contains_key(&l)
                && !LEX.first.contains(&l)
                && !LEX.last.contains(&l)
        })
        .count();
    title_common >= 2
}

/// Mark multi-word gazetteer names whose words are all capitalised.
fn force_known(s: &mut Sent) {
    let n = s.toks.len();
    let mut i = 0;
    while i < n {
        let mut hit = 0;
        if s.is_word(i) && is_cap(s.w(i)) {
            let mut name = s.lw(i).to_string();
            let mut k = i + 1;
            while k < n && k < i + 6 && s.is_word(k) {
                let w = s.w(k);
                let l = lower(w);
                if !is_cap(w) && !matches!(l.as_str(), "and" | "of" | "the" | "de") {
                    break;
                }
                name.push(' ');
                name.push_str(&l);
                k += 1;
                if is_cap(w) && LEX.known.contains_key(&name) {
                    hit = k;
                }
            }
        }
        if hit > 0 {
            for f in &mut s.forced[i..hit] {
                *f = true;
            }
            i = hit;
        } else {
            i += 1;
        }
    }
}

/// Find and type the names of `text`.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Found> {
    let mut out = Vec::new();
    let empty = HashSet::default();
    let mut headlines = Vec::new();
    let mut scratch = Vec::new();
    for s in sentences {
        let toks = tokenize_with(&text[s.span.clone()], s.span.start, &mut scratch);
        if headline(text, &toks) {
            headlines.push(toks);
            continue;
        }
        scan(&Sent::new(text, toks, false, &empty), &mut out);
    }
    if !headlines.is_empty() {
        // Headlines are read last, knowing which words are names in the body.
        let doc_names: HashSet<String> = out
            .iter()
            .filter(|f| !f.doubtful())
            .flat_map(|f| {
                let name = &text[f.span.clone()];
                let keep_all = f.label == Label::Person || !name.contains(' ');
                name.split(' ')
                    .map(lower)
                    .filter(move |w| keep_all || !common(w))
            })
            .collect();
        for toks in headlines {
            scan(&Sent::new(text, toks, true, &doc_names), &mut out);
        }
        out.sort_by_key(|f| f.span.start);
    }
    acronyms(text, &mut out);
    harmonise(text, &mut out);
    out.retain(|f| !f.doubtful());
    out
}

fn scan(s: &Sent, out: &mut Vec<Found>) {
    let n = s.toks.len();
    let nums = s.toks.iter().filter(|t| t.kind == Kind::Num).count();
    let from = out.len();
    let mut i = 0;
    while i < n {
        let Some(first) = s.name_word(i) else {
            i += 1;
            continue;
        };
        // Extend the run over name words, initials and inner connectors ("Bank of England").
        let mut j = i + 1;
        let mut tentative = first == Strength::Tentative;
        let mut head_common = false;
        loop {
            if j < n && s.w(j) == "." && s.initial_letter(j - 1) {
                j += 1;
                continue;
            }
            if let Some(st) = s.name_word(j) {
                if tentative && st > Strength::Tentative {
                    // A common word starting a sentence before a name ("Police Chief...",
                    // "General Motors"): split_run decides whether it belongs.
                    head_common = !s.forced[i] && j == i + 1 && !LEX.first.contains(s.lw(i));
                    tentative = false;
                }
                j += 1;
                continue;
            }
            if j < n && (s.is_word(j) && CONNECTORS.contains(&s.lw(j)) || s.w(j) == "&") {
                let mut k = j + 1;
                while k < j + 3
                    && s.is_word(k)
                    && (CONNECTORS.contains(&s.lw(k)) || s.lw(k) == "the")
                {
                    k += 1;
                }
                if s.name_word(k).is_some() && connector_ok(s, i, j) {
                    j = k + 1;
                    continue;
                }
            }
            break;
        }
        if j == i + 1 && split_compound(s, i, out) {
            i = j;
            continue;
        }
        if let Some(end) = product_end(s, j) {
            // "Boeing 787 Dreamliner", "Rolls-Royce Trent 900 engines": a product.
            push(s, i, end, Label::Misc, Strength::Strong, None, false, out);
            i = end;
            continue;
        }
        // "the Nikkei index", "the Russell 2000 Index": a market index.
        let index_word =
            |k: usize| s.is_word(k) && matches!(s.lw(k), "index" | "indices" | "composite");
        // Places and organisations keep their kind: "the UK index", "the Stock Exchange index".
        let place = || {
            matches!(
                known(&join_lower(s, i, j)),
                Some(Known::Country | Known::Place | Known::Org)
            ) || LEX.org_suffix.contains(s.cw(j - 1).as_str())
        };
        if j < n && index_word(j) && !place() {
            push(s, i, j, Label::Misc, Strength::Strong, None, false, out);
            i = j;
            continue;
        }
        if j + 1 < n && s.toks[j].kind == Kind::Num && index_word(j + 1) && !place() {
            push(s, i, j + 1, Label::Misc, Strength::Strong, None, false, out);
            i = j + 2;
            continue;
        }
        if j < n && j == i + 1 && model_number(s, j) && known(s.lw(i)) == Some(Known::Org) {
            // "Boeing 737s", "the Airbus 380": a maker's name with a model number is the
            // product, not the maker.
            push(s, i, j + 1, Label::Misc, Strength::Strong, None, false, out);
            i = j + 1;
            continue;
        }
        let start = if head_common && !org_like(s, i, j) {
            i + 1
        } else {
            i
        };
        split_run(s, start, j, nums, tentative, out);
        i = j;
    }
    coordinate(s.text, &mut out[from..]);
}

/// Names listed together ("Chrysler, Ford and General Motors") are of one kind: guesses
/// take the label of a sure member of the list.
fn coordinate(text: &str, found: &mut [Found]) {
    let mut a = 0;
    while a < found.len() {
        let mut b = a + 1;
        while b < found.len() {
            let gap = text[found[b - 1].span.end..found[b].span.start].trim();
            if !matches!(gap, "," | "and" | ", and" | "or" | ", or" | "&") {
                break;
            }
            b += 1;
        }
        if b - a >= 2 {
            let sure = found[a..b]
                .iter()
                .filter(|f| f.strength >= Strength::Cue && f.label != Label::Misc && !f.doubtful())
                .max_by_key(|f| f.strength)
                .map(|f| f.label);
            if let Some(label) = sure {
                for f in &mut found[a..b] {
                    if f.strength < Strength::Cue
                        && (f.label != Label::Misc || f.strength == Strength::Tentative)
                    {
                        f.label = label;
                        f.strength = Strength::Cue;
                        f.tentative = false;
                    }
                }
            }
        }
        a = b;
    }
}

/// "Russia-U.S. relations", "Franco-German": a hyphenated word made of known names gives
/// one name per part.
fn split_compound(s: &Sent, i: usize, out: &mut Vec<Found>) -> bool {
    let w = s.w(i);
    if !w.contains('-') {
        return false;
    }
    let mut parts: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for p in w.split('-') {
        parts.push((at, p));
        at += p.len() + 1;
    }
    let kinds: Vec<Option<Known>> = parts.iter().map(|(_, p)| known(&lower(p))).collect();
    if parts.len() < 2
        || kinds
            .iter()
            .any(|k| !matches!(k, Some(Known::Country | Known::Place)))
    {
        return false;
    }
    let base = s.toks[i].start;
    for (at, p) in parts {
        out.push(Found {
            span: base + at..base + at + p.len(),
            label: Label::Place,
            strength: Strength::Strong,
            title: None,
            headline: s.headline,
            team: false,
            tentative: false,
        });
    }
    true
}

/// Where a product name ends when a model number follows a name at `j` ("Boeing 787
/// Dreamliner", "Trent 900 engines"); years and scores are not model numbers.
fn product_end(s: &Sent, j: usize) -> Option<usize> {
    let num = s.toks.get(j).filter(|t| t.kind == Kind::Num)?;
    let digits = &s.text[num.start..num.end];
    if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut end = j + 1;
    while s.is_word(end) && is_cap(s.w(end)) && !FUNCTION.contains(&s.lw(end)) {
        end += 1;
    }
    let noun = s.is_word(end)
        && matches!(
            s.lw(end),
            "aircraft"
                | "airliner"
                | "airliners"
                | "jet"
                | "jets"
                | "jetliner"
                | "jetliners"
                | "plane"
                | "planes"
                | "engine"
                | "engines"
                | "model"
                | "models"
                | "series"
                | "phone"
                | "phones"
                | "car"
                | "cars"
        );
    (end > j + 1 || noun).then_some(end)
}

/// Whether token `j` is a model number: three digits, maybe a plural or a variant
/// ("737", "737s", "737-800").
fn model_number(s: &Sent, j: usize) -> bool {
    let t = &s.toks[j];
    if t.kind != Kind::Num {
        return false;
    }
    let w = &s.text[t.start..t.end];
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &w[digits..];
    digits == 3
        && (rest.is_empty()
            || rest == "s"
            || rest
                .strip_prefix('-')
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric())))
}

/// Whether tokens `i..j` read as an organisation or event name as a whole ("General
/// Motors Corp", "Red Cross"), so that a common first word belongs to it.
fn org_like(s: &Sent, i: usize, j: usize) -> bool {
    let last = s.cw(j - 1);
    airline(s, i, j)
        || LEX.org_suffix.contains(last.as_str())
        || EVENT_SUFFIX.contains(&last.as_str())
        || known(&join_lower(s, i, j)).is_some()
}

/// "Air France", "Air India": "Air" before a place names an airline.
fn airline(s: &Sent, i: usize, j: usize) -> bool {
    j >= i + 2
        && s.w(i) == "Air"
        && matches!(
            known(&join_lower(s, i + 1, j)),
            Some(Known::Country | Known::Place)
        )
}

/// "of" joins only after a word that heads organisation or place names; particles such
/// as "de", "van", "bin" join inside names.
fn connector_ok(s: &Sent, i: usize, j: usize) -> bool {
    let c = s.lw(j);
    if c != "of" && c != "&" {
        return true;
    }
    let p = s.cw(j - 1);
    c == "&" && j > i
        || LEX.org_head.contains(p.as_str())
        || LEX.org_suffix.contains(p.as_str())
        || PLACE_HEAD.contains(&p.as_str())
}

/// Cut a capitalised run into names: leading titles and determiners go, a leading
/// nationality or country word becomes its own name, a title inside the run splits it
/// ("Apple CEO Steve Jobs"), the rest is typed.
fn split_run(s: &Sent, mut i: usize, j: usize, nums: usize, tentative: bool, out: &mut Vec<Found>) {
    let mut title: Option<String> = title_before(s, i);
    let whole_known = known(&join_lower(s, i, j)).is_some();
    while i < j && !whole_known {
        // Titles: "President", "Prime Minister", "Gen."
        if let Some(k) = title_at(s, i, j) {
            let rest_is_org = LEX.org_suffix.contains(s.cw(j - 1).as_str())
                || known(&join_lower(s, k, j)) == Some(Known::Org);
            // "Major League Baseball": a title only before something name-like.
            let name_like =
                (k..j).any(|m| s.is_word(m) && (!common(s.lw(m)) || LEX.first.contains(s.lw(m))));
            if k < j && !rest_is_org && s.lw(k) != "of" && name_like {
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
            if k == j {
                // A run of title words alone ("Prime Minister") is no name.
                return;
            }
        }
        // "United Kingdom iTunes", "United States Senate": a country of several words first.
        if let Some(k) = (i + 2..j.min(i + 4)).rev().find(|&k| {
            known(&join_lower(s, i, k)) == Some(Known::Country)
                && (brand_word(s.w(k)) || known(&join_lower(s, k, j)).is_some())
        }) {
            push(s, i, k, Label::Place, Strength::Strong, None, false, out);
            i = k;
            continue;
        }
        if j - i >= 2 {
            let head = known(s.lw(i));
            let last = s.cw(j - 1);
            let rest = join_lower(s, i + 1, j);
            let rest_personal = LEX.first.contains(s.lw(i + 1)) || title_at(s, i + 1, j).is_some();
            let acronyms = (i + 1..j).all(|k| !s.is_word(k) || is_all_caps(s.w(k))) && !s.headline;
            let split = match head {
                Some(Known::Misc) => {
                    !LEX.org_suffix.contains(last.as_str())
                        && !EVENT_SUFFIX.contains(&last.as_str())
                        || rest_personal
                }
                Some(Known::Country) => {
                    rest_personal || acronyms || known(&rest).is_some() || brand_word(s.w(i + 1))
                }
                // "From Vienna Kutuzov wrote": a place, then a name beginning a clause.
                Some(Known::Place) if !s.headline => {
                    let proper = (i + 1..j)
                        .all(|k| !s.is_word(k) || !common(s.lw(k)) && !is_all_caps(s.w(k)));
                    let suffix = LEX.org_suffix.contains(last.as_str())
                        || PLACE_SUFFIX.contains(&last.as_str())
                        || EVENT_SUFFIX.contains(&last.as_str());
                    let named = LEX.first.contains(s.lw(i)) || LEX.last.contains(s.lw(i));
                    let prep = i > 0
                        && s.is_word(i - 1)
                        && matches!(
                            s.lw(i - 1),
                            "in" | "from" | "of" | "to" | "at" | "near" | "into" | "via"
                        );
                    prep && !named && (rest_personal || proper && !suffix && j - i <= 3)
                }
                _ => false,
            };
            if split {
                let label = if head == Some(Known::Misc) {
                    Label::Misc
                } else {
                    Label::Place
                };
                push(s, i, i + 1, label, Strength::Strong, None, false, out);
                i += 1;
                continue;
            }
        }
        break;
    }
    if i >= j {
        return;
    }
    // A company suffix inside the run before a given name: "Chrysler LLC Jim Press".
    if !s.headline {
        if let Some(k) = (i + 1..j.saturating_sub(1)).find(|&k| {
            s.is_word(k)
                && LEX.org_suffix.contains(s.w(k))
                && !common(s.lw(k))
                && LEX.first.contains(s.lw(k + 1))
        }) {
            push(s, i, k + 1, Label::Org, Strength::Strong, None, false, out);
            if let Some((label, strength, team)) = classify(s, k + 1, j, false, nums, false) {
                push(s, k + 1, j, label, strength, None, team, out);
            }
            return;
        }
    }
    // A title inside the run: "Apple CEO Steve Jobs", "Ryanair chief ..." -> two names.
    if !s.headline && j - i >= 3 {
        for k in i + 1..j - 1 {
            if let Some(e) = title_at(s, k, j) {
                if e < j && LEX.first.contains(s.lw(e)) && !(k..e).any(|m| s.lw(m) == "of") {
                    if let Some((label, strength, team)) = classify(s, i, k, false, nums, tentative)
                    {
                        push(s, i, k, label, strength, None, team, out);
                    }
                    let t = s.text[s.toks[k].start..s.toks[e - 1].end].to_string();
                    push(
                        s,
                        e,
                        j,
                        Label::Person,
                        Strength::Strong,
                        Some(t),
                        false,
                        out,
                    );
                    return;
                }
            }
        }
    }
    // A trailing title word is a role, not part of the name ("Ryanair CEO").
    let mut j = j;
    if !s.headline {
        if let Some(k) =
            (i + 1..j).find(|&k| title_at(s, k, j) == Some(j) && title_at(s, i, k).is_none())
        {
            let rest_is_org = LEX.org_suffix.contains(s.w(j - 1));
            if !rest_is_org {
                j = k;
            }
        }
    }
    if let Some((label, strength, team)) = classify(s, i, j, title.is_some(), nums, tentative) {
        push(s, i, j, label, strength, title, team, out);
        if let Some(f) = out.last_mut() {
            f.tentative = tentative && strength < Strength::Strong;
        }
    }
}

fn title_at(s: &Sent, i: usize, j: usize) -> Option<usize> {
    for len in (1..=3).rev() {
        if i + len > j {
            continue;
        }
        let t = join_lower(s, i, i + len);
        if LEX.titles.contains(t.trim_end_matches('.')) {
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
        if k > i && s.toks[k].kind == Kind::Word && s.w(k - 1) != "-" {
            out.push(' ');
        }
        out.push_str(s.lw(k));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    s: &Sent,
    i: usize,
    j: usize,
    label: Label,
    strength: Strength,
    title: Option<String>,
    team: bool,
    out: &mut Vec<Found>,
) {
    out.push(Found {
        span: s.toks[i].start..s.toks[j - 1].end,
        label,
        strength,
        title,
        headline: s.headline,
        team,
        tentative: false,
    });
}

/// Type the name made of tokens `i..j`: `(label, strength, typed as a team)`.
fn classify(
    s: &Sent,
    i: usize,
    j: usize,
    titled: bool,
    nums: usize,
    tentative: bool,
) -> Option<(Label, Strength, bool)> {
    let _ = tentative;
    classify_inner(s, i, j, titled, nums)
}

fn classify_inner(
    s: &Sent,
    i: usize,
    j: usize,
    titled: bool,
    nums: usize,
) -> Option<(Label, Strength, bool)> {
    use Strength::*;
    let n = (i..j).filter(|&k| s.is_word(k)).count();
    let whole = join_lower(s, i, j);
    let first = s.w(i);
    let last = s.w(j - 1);
    let fl = lower(first);
    let next_num = j < s.toks.len() && s.toks[j].kind == Kind::Num;
    let prev = if i > 0 && s.is_word(i - 1) {
        s.lw(i - 1)
    } else {
        ""
    };
    let next = if s.is_word(j) { s.lw(j) } else { "" };
    let team_cue = nums >= 2 && next_num
        || TEAM_VERBS.contains(&next) && (nums >= 1 || next != "won" && next != "lost")
        || matches!(prev, "v" | "vs" | "beat" | "against") && nums >= 1;
    let kn = known(&whole);
    // "the official Iraqi News Agency": a role word before an organisation's name.
    let org_named = n >= 2 && {
        let last_c = s.cw(j - 1);
        LEX.org_suffix.contains(last_c.as_str()) && !LEX.last.contains(&lower(s.w(j - 1)))
    };
    if titled && !org_named && !matches!(kn, Some(Known::Country)) {
        return Some((Label::Person, Strong, false));
    }
    match kn {
        Some(Known::Country) => return Some((Label::Place, Strong, false)),
        Some(Known::Place) => {
            // A city or county with a score or a match verb next to it is a team.
            if team_cue {
                return Some((Label::Org, Strong, true));
            }
            if n == 1 && LEX.first.contains(&fl) && s.is_word(j) && is_cap(s.w(j)) {
                return Some((Label::Person, Weak, false));
            }
            return Some((Label::Place, Strong, false));
        }
        Some(Known::Org) => return Some((Label::Org, Strong, false)),
        Some(Known::Misc) => return Some((Label::Misc, Strong, false)),
        None => {}
    }
    if airline(s, i, j) {
        return Some((Label::Org, Strong, false));
    }
    let last_c = s.cw(j - 1);
    // "iPhone", "iLife": an unknown brand-spelled name is a product.
    if brand_word(first) {
        return Some((Label::Misc, Weak, false));
    }
    // "at Moscone Center": a centre where something happens is a place; elsewhere
    // ("the Tax Policy Center said") an organisation.
    if n >= 2 && matches!(last_c.as_str(), "Center" | "Centre") {
        let before = if prev == "the" && i > 1 && s.is_word(i - 2) {
            s.lw(i - 2)
        } else {
            prev
        };
        if matches!(before, "at" | "in" | "near" | "outside" | "inside") {
            return Some((Label::Place, Strong, false));
        }
    }
    // "Toyota Prius", "Apple Macintosh": a company's name before a model name.
    if n == 2 && j == i + 2 && LEX.companies.contains(&fl) && !s.headline {
        let model = s.lw(i + 1);
        let plain = LEX.org_suffix.contains(last_c.as_str())
            || PLACE_SUFFIX.contains(&last_c.as_str())
            || EVENT_SUFFIX.contains(&last_c.as_str())
            || LEX.titles.contains(model)
            || LEX.first.contains(model)
            || matches!(known(model), Some(Known::Org | Known::Country));
        if !plain {
            return Some((Label::Misc, Strong, false));
        }
    }
    // Model numbers make products: "Airbus A380", "Boeing 787" is left to context.
    if n >= 2 && last.chars().any(|c| c.is_ascii_digit()) && last.chars().any(char::is_alphabetic) {
        return Some((Label::Misc, Strong, false));
    }
    if n >= 2 && EVENT_SUFFIX.contains(&last_c.as_str()) {
        return Some((Label::Misc, Strong, false));
    }
    // "Jim Press": a given name before a suffix that is also a plain word is a person.
    let plain_suffix = common(&lower(last))
        && !matches!(
            last_c.as_str(),
            "Group" | "Bank" | "Company" | "Corporation"
        )
        && (!LEX.org_suffix.contains(last_c.as_str()) || LEX.last.contains(&lower(last)));
    if n == 2
        && plain_suffix
        && LEX.first.contains(&fl)
        && !common(&fl)
        && !LEX.known.contains_key(&fl)
    {
        return Some((Label::Person, Cue, false));
    }
    if n >= 2 && LEX.org_suffix.contains(last_c.as_str()) || (i..j).any(|k| s.w(k) == "&") {
        return Some((Label::Org, Strong, false));
    }
    if j < s.toks.len() && LEX.org_suffix.contains(s.w(j)) && s.w(j).ends_with('.') {
        return Some((Label::Org, Strong, false));
    }
    if n >= 3 && whole.contains(" of ") {
        let f = s.cw(i);
        if LEX.org_head.contains(f.as_str()) {
            return Some((Label::Org, Strong, false));
        }
        if PLACE_HEAD.contains(&f.as_str()) {
            return Some((Label::Place, Strong, false));
        }
    }
    if n >= 2 && PLACE_SUFFIX.contains(&last_c.as_str()) {
        return Some((Label::Place, Strong, false));
    }
    // "Tim Henman 6-3", "J. Russell 50": a person's name before a score is still a person.
    if n >= 2
        && (s.initial_letter(i)
            || LEX.first.contains(&fl) && !LEX.known.contains_key(&fl) && !common(&fl))
    {
        return Some((Label::Person, Strong, false));
    }
    let proper = (i..j).all(|k| {
        !s.is_word(k)
            || CONNECTORS.contains(&s.lw(k))
            || !common(s.lw(k)) && !is_all_caps(s.w(k)) && !LEX.known.contains_key(s.lw(k))
    });
    if team_cue && n >= 2 && proper && !s.headline {
        return Some((Label::Person, Cue, false));
    }
    if team_cue {
        return Some((Label::Org, Cue, true));
    }
    if n == 1 && last.chars().any(|c| c.is_ascii_digit()) {
        return Some((Label::Misc, Weak, false));
    }
    let after = if j < s.toks.len() && matches!(s.w(j), "'s" | "\u{2019}s") && s.is_word(j + 1) {
        s.lw(j + 1)
    } else {
        next
    };
    let prev2 = if i > 1 && s.is_word(i - 2) {
        s.lw(i - 2)
    } else {
        ""
    };
    // "a stake in X", "chief economist at X": organisations, whatever the preposition.
    let stake = matches!(prev, "in" | "at" | "of")
        && matches!(
            prev2,
            "stake"
                | "stakes"
                | "shares"
                | "share"
                | "holding"
                | "investment"
                | "interest"
                | "jobs"
                | "executives"
                | "executive"
                | "chairman"
                | "employees"
                | "workers"
                | "owner"
                | "analyst"
                | "economist"
                | "spokesman"
                | "spokeswoman"
                | "president"
                | "director"
                | "ceo"
                | "officials"
        );
    let org_cue = stake || ORG_CUES_BEFORE.contains(&prev) || ORG_CUES_AFTER.contains(&after);
    // "London-based": the capitalised part of a hyphenated word.
    if n == 1 {
        if let Some((head, tail)) = last.split_once('-') {
            if is_cap(head)
                && tail.chars().next().is_some_and(char::is_lowercase)
                && !head.contains('-')
            {
                let cue_tail = matches!(
                    tail,
                    "based"
                        | "born"
                        | "led"
                        | "backed"
                        | "owned"
                        | "made"
                        | "funded"
                        | "run"
                        | "controlled"
                        | "registered"
                        | "listed"
                        | "bound"
                        | "area"
                        | "style"
                        | "era"
                        | "held"
                        | "allied"
                );
                return Some(match known(&lower(head)) {
                    Some(Known::Misc) => (Label::Misc, Strong, false),
                    Some(Known::Org) => (Label::Org, Strong, false),
                    Some(_) => (Label::Place, Strong, false),
                    // "EADS-led": an acronym leads organisations.
                    None if cue_tail && is_all_caps(head) && head.len() >= 2 => {
                        (Label::Org, Weak, false)
                    }
                    None if cue_tail => (Label::Place, Weak, false),
                    None => (Label::Misc, Tentative, false),
                });
            }
        }
    }
    let age = j + 2 < s.toks.len()
        && s.w(j) == ","
        && s.toks[j + 1].kind == Kind::Num
        && s.w(j + 2) == ",";
    // "Japan's prime minister, Taro Aso": a name in apposition to a role.
    let after_role = i >= 2
        && s.w(i - 1) == ","
        && s.is_word(i - 2)
        && !is_cap(s.w(i - 2))
        && LEX.titles.contains(s.lw(i - 2));
    let person_cue =
        PER_CUES_AFTER.contains(&next) || PER_CUES_BEFORE.contains(&prev) || age || after_role;
    let first_name = LEX.first.contains(&fl) && !LEX.known.contains_key(&fl);
    if org_cue && !person_cue && !(n >= 2 && first_name) {
        return Some((Label::Org, Cue, false));
    }
    if n >= 2 {
        let initial = s.initial_letter(i);
        if first_name || initial {
            return Some((Label::Person, Strong, false));
        }
        let any_common =
            (i..j).any(|k| s.is_word(k) && common(s.lw(k)) && !CONNECTORS.contains(&s.lw(k)));
        let acronym = (i..j)
            .any(|k| s.is_word(k) && is_all_caps(s.w(k)) && s.w(k).chars().count() > 1)
            && !s.headline;
        if LEX.last.contains(&lower(last)) && !common(&fl) && !acronym {
            return Some((Label::Person, if any_common { Weak } else { Strong }, false));
        }
        if person_cue && n <= 3 && !acronym {
            return Some((Label::Person, Cue, false));
        }
        // "London Heathrow", "Moscow Domodedovo": a place name heading an unknown name.
        if n == 2
            && matches!(known(&fl), Some(Known::Place | Known::Country))
            && !LEX.first.contains(&fl)
        {
            return Some((Label::Place, Weak, false));
        }
        if !any_common && n <= 3 && !s.headline && !acronym {
            return Some((Label::Person, Weak, false));
        }
        return Some((Label::Org, Weak, false));
    }
    // One word.
    if is_all_caps(first) && !s.headline && first.chars().count() <= 5 {
        return Some((Label::Org, Weak, false));
    }
    if person_cue {
        return Some((Label::Person, Cue, false));
    }
    // "O'Brien", "McCain", "MacLeod": Irish and Scottish surnames.
    let gaelic = |p: &str| {
        first
            .strip_prefix(p)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
    };
    if gaelic("O'") || gaelic("O\u{2019}") || gaelic("Mc") || gaelic("Mac") {
        return Some((Label::Person, Weak, false));
    }
    if LOC_CUES_BEFORE.contains(&prev) && !LEX.first.contains(&fl) {
        return Some((Label::Place, Cue, false));
    }
    if LOC_HINTS_BEFORE.contains(&prev) && !LEX.first.contains(&fl) && !LEX.last.contains(&fl) {
        return Some((Label::Place, Weak, false));
    }
    if common(&fl) && !s.headline {
        return Some((Label::Misc, Tentative, false));
    }
    if LEX.first.contains(&fl) || LEX.last.contains(&fl) {
        return Some((Label::Person, Weak, false));
    }
    Some((Label::Org, Weak, false))
}

/// "World Wide Developers Conference (WWDC)": an acronym spelled out right before it in
/// parentheses is of the same kind as its long form.
fn acronyms(text: &str, found: &mut [Found]) {
    for k in 1..found.len() {
        let (long, short) = (&found[k - 1], &found[k]);
        let acr = &text[short.span.clone()];
        let between = &text[long.span.end..short.span.start];
        if !matches!(between, " (" | "(")
            || !text[short.span.end..].starts_with(')')
            || acr.chars().count() < 2
            || !acr.chars().all(|c| c.is_ascii_uppercase())
        {
            continue;
        }
        let words: Vec<&str> = text[long.span.clone()]
            .split([' ', '-'])
            .filter(|w| !matches!(lower(w).as_str(), "of" | "and" | "the" | "for" | "&" | "de"))
            .collect();
        let initials = |ws: &[&str]| -> String {
            ws.iter()
                .filter_map(|w| w.chars().next())
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        if initials(&words) == acr || words.len() > 2 && initials(&words[1..]) == acr {
            let (label, strength) = (long.label, long.strength.max(Strength::Cue));
            let f = &mut found[k];
            f.label = label;
            f.strength = f.strength.max(strength);
            f.tentative = false;
        }
    }
}

/// Make labels agree across the document: each name takes the label of its surest
/// mention; a lone part of a known person's name is that person; a place that plays
/// as a team somewhere is a team throughout.
fn harmonise(text: &str, found: &mut [Found]) {
    let mut votes: HashMap<String, Vec<(Strength, Label)>> = HashMap::default();
    let mut person_parts: HashSet<String> = HashSet::default();
    // First words of organisation names with a suffix ("Ford" of "Ford Motor Company").
    let mut org_heads: HashSet<String> = HashSet::default();
    let mut teams: HashSet<String> = HashSet::default();
    let mut confirmed: HashSet<String> = HashSet::default();
    for f in found.iter() {
        let name = lower(&text[f.span.clone()]);
        if f.label == Label::Person && f.strength >= Strength::Cue && name.contains(' ') {
            for part in name.split([' ', '-']) {
                if part.chars().count() > 1 && !CONNECTORS.contains(&part) {
                    person_parts.insert(part.to_string());
                }
            }
        }
        if f.label == Label::Org && f.strength == Strength::Strong && name.contains(' ') {
            if let Some(head) = name.split(' ').next() {
                if !common(head) || LEX.last.contains(head) || LEX.first.contains(head) {
                    org_heads.insert(head.to_string());
                }
            }
        }
        if f.team {
            teams.insert(name.clone());
        }
        if !f.headline && (f.strength >= Strength::Cue || !f.doubtful()) {
            votes
                .entry(name.clone())
                .or_default()
                .push((f.strength, f.label));
        }
        if !f.doubtful() {
            confirmed.insert(name);
        }
    }
    // The surest strength wins; among equals, the most frequent label (first seen on ties).
    let best: HashMap<String, (Strength, Label)> = votes
        .into_iter()
        .map(|(name, v)| {
            let top = v.iter().map(|x| x.0).max().unwrap_or(Strength::Weak);
            let labels: Vec<Label> = v.iter().filter(|x| x.0 == top).map(|x| x.1).collect();
            let label = labels
                .iter()
                .copied()
                .max_by_key(|l| {
                    (
                        labels.iter().filter(|m| *m == l).count(),
                        std::cmp::Reverse(labels.iter().position(|m| m == l)),
                    )
                })
                .unwrap_or(Label::Person);
            (name, (top, label))
        })
        .collect();
    for f in found.iter_mut() {
        let name = lower(&text[f.span.clone()]);
        let kn = known(&name);
        if !name.contains(' ')
            && person_parts.contains(&name)
            && !matches!(kn, Some(Known::Country | Known::Org | Known::Misc))
        {
            f.label = Label::Person;
            f.strength = f.strength.max(Strength::Cue);
            f.tentative = false;
            continue;
        }
        if !name.contains(' ')
            && org_heads.contains(&name)
            && !person_parts.contains(&name)
            && kn.is_none()
            && f.strength < Strength::Strong
        {
            f.label = Label::Org;
            f.strength = f.strength.max(Strength::Cue);
            f.tentative = false;
            continue;
        }
        let resolved = f.doubtful();
        if resolved {
            if !confirmed.contains(&name) {
                continue;
            }
            f.tentative = false;
        }
        if f.label == Label::Place
            && !f.headline
            && teams.contains(&name)
            && kn != Some(Known::Country)
        {
            f.label = Label::Org;
        } else if let Some(&(st, l)) = best.get(&name) {
            if st > f.strength || f.headline && st >= f.strength || resolved {
                f.label = l;
            }
        }
        f.strength = f.strength.max(Strength::Weak);
    }
}
