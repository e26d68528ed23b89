//! Recognition: one regular expression, built once, that finds candidate time expressions,
//! plus the checks on their surroundings that a regex cannot express.
//!
//! Spans follow the TimeML (TempEval-3) conventions: determiners and modifiers are part of
//! the expression ("the past five years", "early next year", "about two years ago"),
//! prepositions are not ("in 2024" -> "2024"). Alternatives that can start at the same
//! position are ordered most specific first, since the regex is leftmost-first.
//!
//! Only ASCII word boundaries (`(?-u:\b)`) are used so that the DFA stays fast on
//! non-ASCII text.

use regex::Regex;
use std::sync::LazyLock;

use super::lexicon;

/// Capitalised month names and their abbreviations (case-sensitive: "may", "march" are
/// verbs). An abbreviation keeps its period.
const MONTH: &str = r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?-u:\b)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?-u:\b)))";

const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?-u:\b)";

const DAY_NUM: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?-u:\b)";

const YEAR: &str = r"(?:1[6-9][0-9][0-9]|20[0-9][0-9])(?-u:\b)";

const UNIT: &str = r"(?:second|minute|hour|day|night|weekend|week|month|quarter|year|decade|century|centurie)s?(?-u:\b)";

const NUM_WORD: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|a\s+hundred|a\s+dozen|dozen)(?-u:\b)";

/// Named holidays whose date can be computed (see `normalise::holiday`).
const HOLIDAY: &str = r"(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Election\s+Day|Independence\s+Day|Valentine's\s+Day|Halloween|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Labor\s+Day|Memorial\s+Day|Boxing\s+Day|Veterans\s+Day|Mother's\s+Day|Father's\s+Day)(?-u:\b)";

const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)(?-u:\b)";

const PART_OF_DAY: &str = r"(?:morning|afternoon|evening|night)(?-u:\b)";

const ZONE: &str = r"(?:\s*\(?(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|MSK|ET|PT|local\s+time)(?:\s*[+-]\s*[0-9]{1,2})?\)?)";

/// A number of units: digits, number words, or vague quantities ("several", "a few").
fn number() -> String {
    format!(
        r"(?:[0-9]+(?:\.[0-9]+)?|{NUM_WORD}|an?|several|a\s+few|few|many|some|a\s+couple\s+of|a\s+couple|couple\s+of)(?:\s+and\s+a\s+half|\s+1/2)?"
    )
}

/// Words that can precede an expression and belong to it ("about two years ago").
const APPROX: &str = r"(?:(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|just|only|barely|well\s+over|just\s+over|just\s+under)\s+)";

/// Position modifiers ("early", "the end of") that TimeML keeps inside the expression.
const POSITION: &str = r"(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|mid|late|later|end\s+of|beginning\s+of|start\s+of|middle\s+of|turn\s+of|first\s+half\s+of|second\s+half\s+of)(?:\s+|-))";

fn build() -> String {
    let num = number();
    let lex = lexicon::alternation();
    let relword = r"(?:this\s+past|this\s+coming|this|last|next|coming|past|previous|current|same|following|that|prior|upcoming)";
    let anchor_day = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?-u:\b)|today|yesterday|tomorrow|tonight)";
    let month_day = format!(
        r"(?:{MONTH}\s*{DAY_NUM}(?:,?\s*{YEAR})?|{DAY_NUM}(?:\s+of)?\s+{MONTH}(?:,?\s*{YEAR})?)"
    );
    let clock = r"(?:[0-9]{1,2}(?::[0-5][0-9])?\s*(?:[ap]\.\s?m\.?|[ap]m(?-u:\b))|[0-9]{1,2}(?::[0-5][0-9])?\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening)(?-u:\b)|[0-9]{1,2}\s+o'clock(?-u:\b)|[0-9]{1,2}:[0-5][0-9](?-u:\b)|noon(?-u:\b)|midday(?-u:\b)|midnight(?-u:\b))";
    let time = format!(
        r"(?:(?:about|around|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?{clock}{ZONE}?(?:\s+(?:on\s+)?(?:{anchor_day}|{month_day}))?"
    );
    let date = format!(
        r"(?:{WEEKDAY},?\s+)?{month_day}|[0-9]{{4}}-[01][0-9]-[0-3][0-9](?-u:\b)|[01]?[0-9]/[0-3]?[0-9]/(?:[0-9]{{4}}|[0-9]{{2}})(?-u:\b)"
    );
    let quarter_word = format!(
        r"(?:fiscal|calendar|year-ago|year-earlier|comparable|latest|current|same|previous|past|last|final|recent|most\s+recent|{YEAR}|first|second|third|fourth|1st|2nd|3rd|4th)"
    );
    let of_year = format!(
        r"(?:\s+of\s+(?:fiscal\s+)?(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year|the\s+same\s+year|the\s+previous\s+year))"
    );
    let quarter = format!(
        r"(?:(?:the|its|this\s+year's|last\s+year's|next\s+year's|that|this)\s+)?(?:{quarter_word}[\s-]+)+quarters?(?-u:\b){of_year}?|(?:the|this|that)\s+quarter(?-u:\b)|(?:the\s+)?(?:first|second|latter)\s+half{of_year}?(?-u:\b)"
    );
    let set = format!(
        r"(?:every|each)\s+(?:other\s+)?(?:{num}\s+)?(?:{UNIT}|{WEEKDAY}|{MONTH}|{PART_OF_DAY}|{SEASON})|{WEEKDAY}\s+nights(?-u:\b)"
    );
    let ago = format!(
        r"{APPROX}?{num}[\s-]+(?:more\s+)?{UNIT}(?:\s+or\s+so)?\s+(?:ago|earlier|later|from\s+now|hence)(?-u:\b)"
    );
    let duration = format!(
        r"{APPROX}?(?:the\s+)?(?:(?:past|last|next|first|previous|coming|final|remaining|following|latest|initial|same)\s+)?{num}[\s-]+(?:more\s+|straight\s+|consecutive\s+|full\s+|long\s+)?{UNIT}(?:\s+and\s+a\s+half|-long)?"
    );
    let vague_plural = r"(?:the\s+)?(?:past|last|next|coming|recent|previous|following|ensuing)\s+(?:few\s+|several\s+|many\s+)?(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?-u:\b)|the\s+(?:weeks|months|years|days)\s+ahead(?-u:\b)";
    let relative = format!(
        r"the\s+same\s+(?:period|quarter|time|month|week|day)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+the\s+(?:last|previous)\s+year)(?-u:\b)|(?:the\s+|that\s+)?{relword}\s+(?:{UNIT}|{MONTH}|{WEEKDAY}|{SEASON}|{PART_OF_DAY})|(?:today|yesterday|tomorrow|{WEEKDAY})(?:\s+{PART_OF_DAY})?|tonight(?-u:\b)|overnight(?-u:\b)|(?:the\s+)?{SEASON}\s+of\s+{YEAR}|the\s+{SEASON}|(?:the\s+)?(?:comparable\s+)?year[\s-](?:ago|earlier)(?:\s+(?:period|quarter|level))?(?-u:\b)|the\s+(?:(?:full|fiscal|current|calendar|entire|whole)\s+)*(?:year|month|week|weekend|day)(?-u:\b)|(?:early|earlier|late|later)\s+in\s+the\s+(?:day|week|month|year)(?-u:\b)|year[\s-]end(?-u:\b)|(?:early|late|mid)[\s-]+{PART_OF_DAY}|(?:the\s+)?(?:early|late|mid)[\s-]+{SEASON}"
    );
    let decade = r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[6-9][0-9]0|20[0-9]0)'?s(?-u:\b)|(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?'[0-9]0s(?-u:\b)|(?:the\s+)?(?:[0-9]{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?-u:\b)";
    let year = format!(r"(?:fiscal(?:\s+year)?\s+)?{YEAR}");
    let month_year = format!(
        r"{MONTH},?\s+(?:of\s+)?{YEAR}|{MONTH}\s+(?:of\s+)?(?:last|next|this)\s+year(?-u:\b)|{MONTH}"
    );
    let holiday = format!(r"(?:(?:last|next|this)\s+)?{HOLIDAY}(?:,?\s+{YEAR})?");
    let positioned =
        format!(r"{POSITION}?(?:{date}|{holiday}|{relative}|{month_year}|{decade}|{year})");
    let bare_plural = r"(?:decades|years|months|weeks|days|hours|minutes)(?-u:\b)";
    format!(
        r"(?i-u)\b(?:{time}|{quarter}|{set}|{ago}|{duration}|{vague_plural}|{positioned}|{lex}|{bare_plural})"
    )
}

/// The candidate recogniser.
pub static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    // A roomier lazy-DFA cache: the grammar is large and the default cache thrashes.
    regex::RegexBuilder::new(&build())
        .dfa_size_limit(32 << 20)
        .build()
        .expect("valid timex grammar")
});

const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "of",
    "since",
    "until",
    "till",
    "by",
    "before",
    "after",
    "during",
    "from",
    "to",
    "through",
    "throughout",
    "within",
    "for",
    "over",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "around",
    "between",
    "and",
    "or",
    "past",
];

/// The word just before `start`, lower-cased, if any (ASCII letters only).
pub fn word_before(text: &str, start: usize) -> String {
    let head = text[..start].trim_end();
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.to_ascii_lowercase()
}

/// The word just after `end`, lower-cased, if any (ASCII letters only).
fn word_after(text: &str, end: usize) -> String {
    let tail = text[end..].trim_start();
    let n = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
    tail[..n].to_ascii_lowercase()
}

/// Where an expression used as a premodifier really starts: in "the third-quarter loss"
/// or "its two-year plan" the determiner belongs to the noun, not to the time expression.
pub fn adjectival_start(text: &str, start: usize, end: usize) -> usize {
    let s = &text[start..end];
    let hyphenated = s
        .rsplit_once('-')
        .is_some_and(|(_, last)| last.bytes().all(|b| b.is_ascii_alphabetic()) && !last.is_empty());
    let noun_follows = text[end..]
        .strip_prefix(' ')
        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_lowercase()));
    if !(hyphenated && noun_follows) {
        return start;
    }
    match s.split_once(char::is_whitespace) {
        Some((det, rest))
            if matches!(
                det.to_ascii_lowercase().as_str(),
                "the" | "its" | "their" | "his" | "her" | "our" | "that" | "this" | "a" | "an"
            ) && !rest.contains(char::is_whitespace) =>
        {
            end - rest.len()
        }
        _ => start,
    }
}

/// Whether a candidate match is a plausible time expression in its context.
pub fn accept(text: &str, start: usize, end: usize) -> bool {
    let s = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // Glued to other word or number characters: part of a code, a URL, an amount.
    if before.is_some_and(|c| c.is_alphanumeric() || c == '$' || c == '#' || c == '£' || c == '€')
    {
        return false;
    }
    if after.is_some_and(|c| c.is_alphanumeric() || c == '%') {
        return false;
    }
    // Ages ("a 6-year-old") are not time expressions in TimeML.
    let tail = text[end..].get(..4).unwrap_or("").to_ascii_lowercase();
    if tail == "-old" || tail == " old" {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return accept_year(text, start, end);
    }
    // A month name alone: "May" and abbreviations need a preposition-like word before.
    if is_bare_month(s) {
        let w = word_before(text, start);
        let ambiguous =
            matches!(s.trim_end_matches('.'), "May" | "MAY" | "March" | "MARCH") || s.len() <= 4;
        if ambiguous && !PREPOSITIONS.contains(&w.as_str()) {
            return false;
        }
    }
    // "a second", "a quarter" are not durations.
    if matches!(
        lower.as_str(),
        "a second" | "a quarter" | "an hour" | "one day" | "a night"
    ) {
        return lower == "an hour";
    }
    // Fractions: "about a quarter of", "three-quarters".
    let of_follows = text[end..].trim_start().starts_with("of ");
    if lower.ends_with("a quarter")
        || (lower.ends_with("three-quarters") || lower.ends_with("three quarters")) && of_follows
    {
        return false;
    }
    if lower == "the past" || lower == "the future" {
        // "the past five years" is caught earlier; here exclude "the past president".
        return true;
    }
    if is_bare_plural(&lower) {
        // Only where a length of time is plainly meant: "for years", "took hours",
        // "just hours after".
        let w = word_before(text, start);
        let next = word_after(text, end);
        return matches!(
            w.as_str(),
            "for"
                | "within"
                | "over"
                | "took"
                | "take"
                | "takes"
                | "lasted"
                | "last"
                | "spent"
                | "just"
                | "only"
                | "mere"
        ) || matches!(
            next.as_str(),
            "after" | "before" | "later" | "earlier" | "ago"
        );
    }
    true
}

fn accept_year(text: &str, start: usize, end: usize) -> bool {
    // "1,990", "2020.90", "No. 2004" are amounts or numbers, not years.
    let head = text[..start].trim_end();
    if head.ends_with(',') && head[..head.len() - 1].ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut tail = text[end..].chars();
    if matches!(tail.next(), Some('.' | ',')) && tail.next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let w = word_before(text, start);
    if matches!(
        w.as_str(),
        "no" | "number" | "nos" | "page" | "pages" | "flight" | "route"
    ) {
        return false;
    }
    // Inside a name ("the Russell 2000 Index"): capitalised words on both sides, the one
    // before not opening the sentence and not a month. ("WWDC 2005" names an event in
    // 2005 and stays.)
    let prev = head
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let before_prev = head[..head.len() - prev.len()].trim_end();
    let opens_sentence =
        before_prev.is_empty() || before_prev.ends_with(['.', '!', '?', '"', '“', '\n']);
    // A capitalised preposition ("In 2019 Anna …") introduces the year, not a name.
    let preposition = matches!(
        prev.to_ascii_lowercase().as_str(),
        "in" | "since" | "by" | "from" | "until" | "till" | "during" | "before" | "after" | "of"
    );
    let capitalised = prev.starts_with(|c: char| c.is_ascii_uppercase()) && !preposition;
    let name_follows = text[end..]
        .strip_prefix(' ')
        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_uppercase()));
    !(capitalised
        && name_follows
        && !opens_sentence
        && super::normalise::month_of(prev.trim_end_matches('.')).is_none()
        && !head.ends_with(','))
}

fn is_bare_month(s: &str) -> bool {
    let t = s.trim_end_matches('.');
    t.len() >= 3
        && t.bytes().all(|b| b.is_ascii_alphabetic())
        && super::normalise::month_of(t).is_some()
}

fn is_bare_plural(lower: &str) -> bool {
    matches!(
        lower,
        "decades" | "years" | "months" | "weeks" | "days" | "hours" | "minutes"
    )
}
