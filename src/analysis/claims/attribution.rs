//! Attribution: who says what in one sentence.
//!
//! Finds reporting cues ("said", "told", "according to", see `attribution_cues.txt`),
//! then the source (the noun phrase before the cue, or after it when inverted: "…, said
//! Jane Doe") and the content (the clause after the cue, or the stretch before a comma
//! or closing quote that precedes the source). Content spans follow the usual
//! annotation habit: they keep a leading "that" and quotation marks, and drop the final
//! period that closes the sentence.

use super::lex::Tok;
use super::lex::{CueClass, ATTRIBUTION};
use crate::analysis::{lexicon, Span};

/// One attribution found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Attribution {
    /// What the source says.
    pub content: Span,
    /// The source as written, if found.
    pub source: Option<Span>,
    /// The cue itself.
    pub cue: Span,
    /// Whether the cue itself hedges ("according to", "claimed").
    pub hedged: bool,
    /// The pieces of the content when its frame interrupts it ("“A,” she said, “B.”"),
    /// else empty (the content is one piece).
    pub fragments: Vec<Span>,
}

/// Words skipped between a source and its cue ("has", "also", "repeatedly").
fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "then"
            | "again"
            | "once"
            | "previously"
            | "recently"
            | "repeatedly"
            | "already"
            | "still"
            | "just"
            | "even"
            | "further"
            | "too"
            | "often"
            | "never"
            | "not"
            | "would"
            | "will"
            | "could"
            | "may"
            | "might"
            | "did"
            | "does"
            | "do"
            | "reportedly"
            | "allegedly"
            | "first"
            | "long"
            | "since"
            | "ever"
            | "always"
            | "has also"
            | "had also"
            | "recently also"
            | "all"
            | "both"
    ) || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "family" | "italy" | "ally" | "rally"))
}

/// Words that cannot be part of a source noun phrase: they open or join clauses.
fn is_np_stop(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "because"
            | "if"
            | "when"
            | "while"
            | "as"
            | "after"
            | "before"
            | "since"
            | "though"
            | "although"
            | "so"
            | "than"
            | "where"
            | "whether"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "into"
            | "during"
            | "about"
            | "against"
            | "over"
            | "under"
            | "not"
            | "no"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "what"
            | "how"
            | "why"
            | "until"
            | "unless"
            | "yet"
            | "also"
            | "then"
            | "there"
            | "here"
            | "this"
            | "these"
            | "those"
            | "it's"
            | "would"
            | "will"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "today"
            | "yesterday"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "now"
            | "tonight"
            | "recently"
            | "later"
            | "earlier"
            | "week"
            | "month"
            | "year"
            | "ago"
            | "said"
            | "says"
            | "say"
            | "told"
            | "thinks"
            | "however"
            | "instead"
            | "like"
            | "just"
            | "even"
            | "only"
            | "once"
            | "up"
            | "out"
            | "off"
            | "all"
            | "for"
            | "via"
            | "through"
            | "per"
            | "without"
            | "within"
            | "between"
            | "including"
            | "having"
            | "isn't"
            | "wasn't"
            | "aren't"
            | "weren't"
            | "doesn't"
            | "don't"
            | "didn't"
            | "hasn't"
            | "haven't"
            | "won't"
            | "wouldn't"
            | "maybe"
            | "perhaps"
            | "course"
            | "can't"
            | "cannot"
    )
}

/// Subject pronouns and other one-word sources.
fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "we" | "i" | "it" | "you" | "who")
}

/// Object pronouns and common hearers after "told".
fn is_hearer(w: &str) -> bool {
    matches!(
        w,
        "him"
            | "her"
            | "them"
            | "us"
            | "me"
            | "you"
            | "reporters"
            | "journalists"
            | "supporters"
            | "lawmakers"
            | "congress"
            | "voters"
            | "the"
            | "a"
            | "an"
            | "his"
            | "their"
            | "our"
            | "my"
            | "its"
            | "investigators"
            | "police"
            | "viewers"
            | "listeners"
            | "audiences"
            | "crowds"
            | "students"
    )
}

/// Time words skipped after a cue ("said Monday", "said last week").
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "today"
            | "yesterday"
            | "tonight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "earlier"
            | "later"
            | "recently"
            | "previously"
            | "again"
            | "also"
            | "repeatedly"
            | "this"
            | "last"
            | "week"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "month"
            | "year"
            | "publicly"
            | "privately"
            | "flatly"
            | "bluntly"
            | "simply"
            | "openly"
            | "frankly"
            | "candidly"
            | "then"
            | "once"
    )
}

fn is_open_quote(t: &Tok) -> bool {
    t.is('“') || t.is('«') || t.is('‘')
}

fn is_close_quote(t: &Tok) -> bool {
    t.is('”') || t.is('»') || t.is('’')
}

/// Whether token `i` is a straight quote that closes a quotation (it follows a word or
/// punctuation with no space before it).
fn closes(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if is_close_quote(t) {
        return true;
    }
    if !(t.is('"') || t.is('\'')) || i == 0 {
        return false;
    }
    toks[i - 1].end == t.start
        && !text[..t.start].ends_with(|c: char| c.is_whitespace() || "([{—–―:".contains(c))
}

/// Whether token `i` opens a quotation.
fn opens(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if is_open_quote(t) {
        return true;
    }
    (t.is('"') || t.is('\'')) && !closes(text, toks, i)
}

/// Find the attributions of one sentence, given its tokens (non-empty).
///
/// Cues inside `quoted` byte ranges belong to the quoted speaker's own words ("I think")
/// and are skipped.
///
/// Linear in the sentence: what every cue reads of the whole sentence is computed once
/// ([`Scan`]), and a cue inside the content an earlier cue found is skipped before any
/// work unless it may open a clause of its own, so that a content is walked once.
/// `is_name`: whether a lower-case word is part of a person's or an organisation's name
/// found in the document outside this sentence.
pub(crate) fn find(
    text: &str,
    toks: &[Tok],
    quoted: &[Span],
    is_name: &dyn Fn(&str) -> bool,
) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    if let Some(a) = speaker(text, toks, is_name).or_else(|| signed_quote(text, toks)) {
        out.push(a);
        return out;
    }
    let scan = Scan::new(toks);
    let mut i = 0;
    while i < toks.len() {
        let Some((len, class)) = ATTRIBUTION.at(toks, i) else {
            i += 1;
            continue;
        };
        let q = quoted.partition_point(|q| q.start <= toks[i].start);
        if q > 0 && toks[i].end <= quoted[q - 1].end {
            i += len;
            continue;
        }
        if let Some(prev) = out.last() {
            let inside = prev.content.start <= toks[i].start && toks[i].end <= prev.content.end;
            let k = source_before(toks, i, scan.first_comma).map_or(i, |(a, _)| a);
            if inside
                && !opens_clause(toks, k)
                && !trailing_participle(toks, i)
                && coordinated(toks, i, class, prev).is_none()
            {
                i += len;
                continue;
            }
        }
        // "The mayor praised X and said …": a cue coordinated with the one before reports
        // its subject.
        let coordinate = out.last().and_then(|p| {
            coordinated(toks, i, class, p)?;
            let s = p.source.as_ref()?;
            let a = toks.partition_point(|t| t.start < s.start);
            Some((a, toks.partition_point(|t| t.start < s.end)))
        });
        // "“…,” she said, adding that …": a participle right after a frame reports the
        // frame's source, when the sentence's subject is none or part of what it said.
        let frame = out
            .last()
            .filter(|p| {
                trailing_participle(toks, i)
                    && sentence_subject(toks).is_none_or(|(a, _)| {
                        p.content.start <= toks[a].start && toks[a].start < p.content.end
                    })
            })
            .and_then(|p| {
                let s = p.source.as_ref()?;
                let end = p.cue.end.max(s.end);
                let next = toks.partition_point(|t| t.start < end);
                (next == i - 1).then(|| {
                    let a = toks.partition_point(|t| t.start < s.start);
                    (a, toks.partition_point(|t| t.start < s.end))
                })
            });
        let frame = coordinate.or(frame);
        if let Some(a) = attribution_at(text, toks, &scan, i, len, class, frame) {
            // A cue inside an earlier content is nested speech, reported as part of the
            // outer claim, unless it opens a second clause of its own
            // ("…, though she acknowledged it was unlikely").
            if let Some(prev) = out.last_mut() {
                if prev.content.start <= a.cue.start && a.cue.end <= prev.content.end {
                    let src_start = a.source.as_ref().map_or(a.cue.start, |s| s.start);
                    let k = toks.partition_point(|t| t.start < src_start);
                    let split = opens_clause(toks, k) && a.content.start >= a.cue.end;
                    // "…,” she said, adding that …": a participle after the frame reports
                    // a second statement of the same source.
                    let second = a.content.start >= a.cue.end && prev.fragments.is_empty();
                    let cut = if split {
                        Some(k - 2)
                    } else if trailing_participle(toks, i) && second {
                        Some(i - 1)
                    } else {
                        // "The mayor praised X and said …": a second statement of the
                        // same subject.
                        coordinated(toks, i, class, prev).filter(|_| second)
                    };
                    if let Some(c) = cut.filter(|&c| c > 0 && toks[c].start > prev.content.start) {
                        prev.content.end = toks[c - 1].end;
                        out.push(a);
                    }
                    i += len;
                    continue;
                }
            }
            out.push(a);
        }
        i += len;
    }
    out
}

/// Whether the cue at token `i` is a participle after a comma that follows a frame
/// ("…, she said, adding that …", "…, he wrote, citing …").
fn trailing_participle(toks: &[Tok], i: usize) -> bool {
    i >= 3 && toks[i - 1].is(',') && toks[i].lower.len() > 5 && toks[i].lower.ends_with("ing")
}

/// Where "and" stands when the cue at token `i` is coordinated with the verb of the
/// attribution before it, whose source is its subject ("The mayor praised X and said …",
/// "… said X and later warned …"): the cue's source is that subject too. Only for the
/// listed reporting verbs.
fn coordinated(toks: &[Tok], i: usize, class: CueClass, prev: &Attribution) -> Option<usize> {
    // A learned cue is often an ordinary verb ("… were angry and wanted answers").
    if !matches!(class, CueClass::Say | CueClass::Tell) {
        return None;
    }
    let k = skip_adverbials(toks, i);
    let subject_first = prev
        .source
        .as_ref()
        .is_some_and(|s| s.end <= prev.cue.start);
    (subject_first && k >= 2 && toks[k - 1].lower == "and" && toks[k - 2].word).then(|| k - 1)
}

/// Whether a source starting at token `k` opens a clause of its own (", but she said").
fn opens_clause(toks: &[Tok], k: usize) -> bool {
    k >= 2
        && toks[k - 1].word
        && matches!(
            toks[k - 1].lw(),
            "but" | "though" | "although" | "while" | "and"
        )
        && (toks[k - 2].is(',') || toks[k - 2].is(';'))
}

/// What the cues of one sentence read of all of it, computed once.
struct Scan {
    /// Byte end of the sentence content ([`content_end`]).
    end: usize,
    /// `words[k]`: how many word tokens precede token `k`.
    words: Vec<u32>,
    /// The first comma of the sentence.
    first_comma: Option<usize>,
}

impl Scan {
    fn new(toks: &[Tok]) -> Self {
        let mut words = Vec::with_capacity(toks.len() + 1);
        let mut n = 0;
        words.push(0);
        for t in toks {
            n += u32::from(t.word);
            words.push(n);
        }
        Scan {
            end: content_end(toks),
            words,
            first_comma: toks.iter().position(|t| t.is(',')),
        }
    }

    /// Word tokens among tokens `a..b`.
    fn words(&self, a: usize, b: usize) -> usize {
        let n = self.words.len() - 1;
        (self.words[b.min(n)] - self.words[a.min(b).min(n)]) as usize
    }
}

/// Whether a sentence is in title case: of its words of four letters or more (function
/// words under four may stay lower case), at least three, and all but one in ten,
/// start with a capital.
fn is_title_case(toks: &[Tok]) -> bool {
    let (mut long, mut cap) = (0, 0);
    for t in toks
        .iter()
        .filter(|t| t.word && !t.digit && t.lower.chars().count() >= 4)
    {
        long += 1;
        cap += usize::from(t.cap);
    }
    long >= 3 && cap * 10 >= long * 9
}

/// "BAKER: The bridge will reopen …", "Mr. Smith: …": a short name and a colon
/// opening the sentence (a transcript turn, a headline quote), after the opening
/// quotation mark of a transcript quoted whole ("“SMITH: …").
pub(crate) fn speaker(
    text: &str,
    toks: &[Tok],
    is_name: &dyn Fn(&str) -> bool,
) -> Option<Attribution> {
    let (q, k) = speaker_label(text, toks, is_name)?;
    let end = content_end(toks);
    if k + 2 >= toks.len() || toks[k + 1].start >= end {
        return None;
    }
    Some(Attribution {
        content: toks[k + 1].start..end,
        source: Some(toks[q].start..toks[k - 1].end),
        cue: toks[k].start..toks[k].end,
        hedged: false,
        fragments: Vec::new(),
    })
}

/// The speaker's name when the sentence opens with a transcript label ("SPEAKER:"),
/// whatever follows it (a turn may open with a sentence of its own, or an ellipsis).
pub(crate) fn turn_speaker(
    text: &str,
    toks: &[Tok],
    is_name: &dyn Fn(&str) -> bool,
) -> Option<Span> {
    let (q, k) = speaker_label(text, toks, is_name)?;
    Some(toks[q].start..toks[k - 1].end)
}

/// The tokens of a speaker label: the name's first token and the colon's. `is_name` as
/// for [`find`].
fn speaker_label(
    text: &str,
    toks: &[Tok],
    is_name: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let q = usize::from(toks.len() > 1 && opens(text, toks, 0));
    let k = toks.iter().take(6 + q).position(|t| t.is(':'))?;
    let name = toks.get(q..k)?;
    // Transcripts write speakers in capitals ("WALLACE", "MR. ROMNEY"); a capitalised
    // word before a colon is too often a label ("Correction:") or a headline.
    let is_name_like =
        !name.is_empty() && name.last().is_some_and(|t| t.word && t.end - t.start >= 2);
    let capitals = name.iter().all(|t| {
        t.is('.') || t.word && t.cap && !text[t.start..t.end].chars().any(char::is_lowercase)
    });
    // Or a full name in title case ("Donald Trump:"), without function words.
    let words = name.iter().filter(|t| t.word).count();
    let name_word = |t: &Tok| {
        t.word && t.cap && !is_np_stop(t.lw()) && !matches!(t.lw(), "the" | "a" | "an" | "of")
    };
    let full_name = (2..=3).contains(&words) && name.iter().all(|t| t.is('.') || name_word(t));
    // Or a name the document gives elsewhere ("Smith: …" where the text names Jane
    // Smith), one to three capitalised words.
    let named = (1..=3).contains(&words)
        && name
            .iter()
            .all(|t| t.is('.') || name_word(t) && is_name(t.lw()));
    (is_name_like && (capitals || full_name || named)).then_some((q, k))
}

/// How many tokens come before the sentence's closing run of periods, commas,
/// semicolons and colons.
pub(crate) fn before_final_punct(toks: &[Tok]) -> usize {
    let mut n = toks.len();
    while n > 0 && ['.', ',', ';', ':'].iter().any(|&c| toks[n - 1].is(c)) {
        n -= 1;
    }
    n
}

/// Byte end of the sentence content, without a final period (or other closing
/// punctuation that is not part of a quotation).
fn content_end(toks: &[Tok]) -> usize {
    let n = before_final_punct(toks);
    if n == 0 {
        return toks[0].start;
    }
    toks[n - 1].end
}

fn attribution_at(
    text: &str,
    toks: &[Tok],
    scan: &Scan,
    i: usize,
    len: usize,
    class: CueClass,
    frame: Option<(usize, usize)>,
) -> Option<Attribution> {
    let cue = toks[i].start..toks[i + len - 1].end;
    let after = i + len;
    if class == CueClass::Prep {
        return prep_attribution(toks, scan, i, after, cue);
    }
    let prev = i.checked_sub(1).map(|k| toks[k].lw());
    // Passives ("was told", "is expected") have no source in subject position; a
    // progressive ("is saying", "was also telling") has.
    let progressive = is_progressive(toks, i);
    if !progressive
        && matches!(
            prev,
            Some("was" | "were" | "is" | "are" | "be" | "been" | "being" | "the" | "to")
        )
    {
        return None;
    }
    // A capitalised cue inside a sentence is part of a name ("United States"), unless
    // the sentence capitalises its words, as a headline does.
    if i > 0 && toks[i].cap && !is_title_case(toks) {
        return None;
    }
    // "X spoke on Tuesday about Y, arguing that …": a participle after a comma reports
    // the sentence's subject, not the phrase before the comma.
    let participle = toks[i].lower.ends_with("ing") && i >= 3 && toks[i - 1].is(',');
    let mut left = frame
        .or_else(|| participle.then(|| sentence_subject(toks)).flatten())
        .or_else(|| source_before(toks, i, scan.first_comma));
    // "The court overruled and said …": a cue coordinated with the sentence's first verb
    // reports its subject.
    let k = skip_adverbials(toks, i);
    if left.is_none() && k >= 2 && toks[k - 1].lower == "and" {
        left = sentence_subject(toks).filter(|&(_, b)| b < k - 1);
    }
    // "I know", "we believe": the author's own view, not an attribution.
    if let Some((a, b)) = left {
        if b - a == 1 && matches!(toks[a].lw(), "i" | "we") {
            return None;
        }
    }
    if class == CueClass::Weak {
        let that_next = toks.get(after).is_some_and(|t| t.lower == "that");
        let clear_subject = left.as_ref().is_some_and(|&(a, b)| {
            let last = &toks[b - 1];
            is_pronoun(last.lower)
                || (last.cap && a > 0)
                || b - a >= 2 && last.cap
                // One capitalised word opening the sentence is a name when it is no
                // common word ("Smith called", not "Reports showed").
                || last.cap && !crate::analysis::actors::lex::LEX.common.contains(last.lower)
                || super::claimers::is_agent_noun(last.lw())
        });
        if !(that_next || clear_subject) {
            return None;
        }
    }
    // A cue learned from data is often an ordinary verb: it needs a plain subject.
    let learned = matches!(class, CueClass::Verb | CueClass::Object);
    if learned && left.is_some_and(|l| !clear_subject(toks, l)) {
        return None;
    }
    if class == CueClass::Object {
        return object_attribution(toks, scan, after, cue, left);
    }
    let hedged = matches!(
        toks[i].lw(),
        "claimed"
            | "claims"
            | "claim"
            | "claiming"
            | "alleged"
            | "alleges"
            | "alleging"
            | "suggested"
            | "suggests"
            | "speculated"
            | "believes"
            | "believe"
            | "believed"
            | "thinks"
            | "think"
            | "thought"
            | "estimated"
            | "estimates"
            | "expects"
            | "expected"
            | "predicted"
            | "predicts"
    );
    let boundary = left.as_ref().map_or(i, |&(a, _)| a);
    let end = scan.end;
    // Content before: "…, X said." / "“…,” said X."
    // Content before the cue ("…, she said"); a learned verb or a participle after a
    // comma is never inverted ("…, highlighting X", "…, saying X" is no "…, said X").
    if boundary >= 2 && !((learned || participle) && left.is_none()) {
        let p = &toks[boundary - 1];
        let quote_before = closes(text, toks, boundary - 1);
        let mid = p.is(',') || quote_before || p.is('—') || p.is('―') || p.is('–');
        let rest_start = after;
        let rest: &[Tok] = &toks[rest_start.min(toks.len())..];
        let rest_words = scan.words(rest_start, toks.len());
        let that_next = rest.first().is_some_and(|t| t.lower == "that");
        let colon_next = rest.first().is_some_and(|t| t.is(':'));
        let before_words = scan.words(0, boundary - 1);
        let substantial = quote_before || before_words >= 4 && before_words + 2 >= rest_words;
        // "The museum, Mr. Obama said, would …": a parenthetical cue inside its content.
        if p.is(',')
            && left.is_some()
            && rest.first().is_some_and(|t| t.is(','))
            && !(rest.len() > 1 && opens(text, rest, 1))
            && rest_words >= 3
        {
            return Some(Attribution {
                content: toks[0].start..end,
                source: left.map(|(a, b)| toks[a].start..toks[b - 1].end),
                cue,
                hedged,
                fragments: Vec::new(),
            });
        }
        if mid && substantial && !that_next && !colon_next {
            // "“A,” he said, “B.”": one quotation interrupted by its cue, also when more
            // of the frame comes first ("…,” he said in an interview on Monday, “B.”",
            // "…,” she wrote, and “B.”").
            let resumes = if quote_before {
                resumed_quote(text, rest)
            } else {
                None
            };
            let inverted = left.is_none();
            let source = if inverted {
                source_after(toks, after)
            } else {
                left
            };
            if let Some(q) = resumes {
                return Some(Attribution {
                    content: toks[0].start..end,
                    source: source.map(|(a, b)| toks[a].start..toks[b - 1].end),
                    cue,
                    hedged,
                    fragments: vec![toks[0].start..p.end, rest[q].start..end],
                });
            }
            // Words after the cue (and an inverted source) up to the next comma: a
            // short tail ("in a statement") leaves the content before the cue.
            let tail_start = match &source {
                Some((_, b)) if inverted => *b,
                _ => after,
            };
            let tail = toks[tail_start.min(toks.len())..]
                .iter()
                .take_while(|t| !t.is(','))
                .filter(|t| t.word)
                .count();
            if tail <= 10 {
                // Content ends at the closing quote, or before the comma or dash.
                let mut k = boundary - 1;
                let content_end = if quote_before {
                    p.end
                } else {
                    while k > 0
                        && (toks[k].is(',')
                            || toks[k].is('—')
                            || toks[k].is('―')
                            || toks[k].is('–'))
                    {
                        k -= 1;
                    }
                    toks[k].end
                };
                if content_end > toks[0].start {
                    return Some(Attribution {
                        content: toks[0].start..content_end,
                        source: source.map(|(a, b)| toks[a].start..toks[b - 1].end),
                        cue,
                        hedged,
                        fragments: Vec::new(),
                    });
                }
            }
        }
    }
    // Content after: "X said (that) …".
    let (a, b) = left?;
    let start = skip_after_cue(toks, after, class);
    if start >= toks.len() || toks[start].start >= end {
        return None;
    }
    if learned && no_content_start(&toks[start]) {
        return None;
    }
    // "the notice urging X to …": a participle without a comma before it is a reduced
    // clause, whose content is its object.
    let reduced = toks[i].lower.ends_with("ing") && i > 0 && toks[i - 1].word && !progressive;
    let end = if reduced {
        let e = object_end(toks, scan, start);
        if e == start {
            return None;
        }
        toks[e - 1].end
    } else {
        clause_end(toks, start).min(end)
    };
    Some(Attribution {
        content: toks[start].start..end,
        source: Some(toks[a].start..toks[b - 1].end),
        cue,
        hedged,
        fragments: Vec::new(),
    })
}

/// Where a quotation interrupted by its frame resumes in `rest` (the tokens after the
/// cue): the first opening quotation mark, after a comma of the frame and within a dozen
/// words, right after a comma or a joining word ("and", "but", "adding"); no other
/// quotation mark before it.
fn resumed_quote(text: &str, rest: &[Tok]) -> Option<usize> {
    let mut comma = false;
    let mut words = 0;
    for (k, t) in rest.iter().enumerate() {
        if opens(text, rest, k) {
            let joined = k > 0
                && (rest[k - 1].is(',')
                    || matches!(rest[k - 1].lw(), "and" | "but" | "adding" | "then"));
            return (comma && joined).then_some(k);
        }
        if t.is('"') || t.is('\'') || is_close_quote(t) || t.is('.') || t.is(';') {
            return None;
        }
        comma |= t.is(',');
        words += usize::from(t.word);
        if words > 12 {
            return None;
        }
    }
    None
}

/// Whether a learned verb followed by `t` is used without content: an adverbial
/// ("declined in recent years", "described above", "referred to as").
fn no_content_start(t: &Tok) -> bool {
    t.word
        && t.lw() != "to"
        && (super::claimers::is_phrase_opener(t.lw())
            || matches!(
                t.lw(),
                "above" | "below" | "here" | "there" | "back" | "away" | "down"
            ))
}

/// Whether the source phrase `toks[a..b]` is plainly someone who can speak: a personal
/// pronoun, a name, or a phrase whose head is a role, an organisation or a group of
/// people ("the nominee", "officials"); "the events of the past months" is not.
fn clear_subject(toks: &[Tok], (a, b): (usize, usize)) -> bool {
    let last = &toks[b - 1];
    (is_pronoun(last.lw()) && last.lw() != "it")
        || last.cap && !(a == 0 && is_np_stop(last.lw()))
        || super::claimers::is_agent_noun(last.lw())
}

/// "X endorsed Y on Monday": the content is the object of the cue, up to a comma or the
/// first adverbial phrase after it; the source is the cue's subject.
fn object_attribution(
    toks: &[Tok],
    scan: &Scan,
    after: usize,
    cue: Span,
    left: Option<(usize, usize)>,
) -> Option<Attribution> {
    let (a, b) = left?;
    let mut start = after;
    while start < toks.len() && toks[start].word && is_time_word(toks[start].lower) {
        start += 1;
    }
    // "declined in recent decades", "described above": no object, no attribution.
    if toks.get(start).is_some_and(|t| no_content_start(t)) {
        return None;
    }
    let end = object_end(toks, scan, start);
    if end == start || scan.words(start, end) == 0 {
        return None;
    }
    Some(Attribution {
        content: toks[start].start..toks[end - 1].end,
        source: Some(toks[a].start..toks[b - 1].end),
        cue,
        hedged: false,
        fragments: Vec::new(),
    })
}

/// Words that open an adverbial phrase or a new clause, before which an object content
/// ends ("endorsed X on Monday", "X after the vote").
pub(crate) fn opens_adverbial(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "during"
            | "after"
            | "before"
            | "while"
            | "because"
            | "when"
            | "since"
            | "but"
            | "than"
            | "if"
            | "despite"
            | "amid"
            | "saying"
    )
}

/// Token index where the object starting at token `start` ends: before a comma or other
/// clause punctuation, an adverbial phrase ("on Monday", "after the vote") or a new clause.
fn object_end(toks: &[Tok], scan: &Scan, start: usize) -> usize {
    let mut end = start;
    while end < toks.len() && toks[end].start < scan.end {
        let t = &toks[end];
        let stop = if t.word {
            end > start
                && opens_adverbial(t.lw())
                // "and" ends it only before a new clause ("and he said", "and praised").
                || end > start
                    && t.lw() == "and"
                    && toks.get(end + 1).is_some_and(|n| {
                        is_pronoun(n.lw()) || ATTRIBUTION.at(toks, end + 1).is_some()
                    })
        } else {
            t.is_clause_punct() || t.is('.') || t.is('?') || t.is('!')
        };
        if stop {
            break;
        }
        end += 1;
    }
    end
}

/// Where reported content that starts at token `start` ends: at a semicolon or dash
/// opening a new clause, or before a coordinated reporting verb ("… and warned", "…,
/// but noted", "…, saying").
fn clause_end(toks: &[Tok], start: usize) -> usize {
    let n = toks.len();
    let mut depth = 0i32;
    for k in start + 1..n {
        let t = &toks[k];
        if t.is('“') || t.is('(') {
            depth += 1;
        } else if t.is('”') || t.is(')') {
            depth -= 1;
        }
        if depth > 0 {
            continue;
        }
        let dash = t.is('—') || t.is('―');
        if t.is(';') || dash && k + 1 < n && toks[k + 1].word && !toks[k + 1].cap {
            return toks[k - 1].end;
        }
        if t.word && matches!(t.lw(), "and" | "but") && k + 1 < n {
            let mut j = k + 1;
            // An optional short subject: "and he noted", "but Democrats said".
            let w = toks[j].lw();
            if toks[j].word
                && (toks[j].cap || matches!(w, "he" | "she" | "they" | "it" | "we" | "i"))
            {
                j += 1;
            }
            while j < n && toks[j].word && !toks[j].cap && is_aux(toks[j].lower) {
                j += 1;
            }
            if j < n
                && ATTRIBUTION
                    .at(toks, j)
                    .is_some_and(|(_, c)| c != CueClass::Prep)
            {
                let mut e = k;
                while e > start + 1 && toks[e - 1].is_clause_punct() {
                    e -= 1;
                }
                return toks[e - 1].end;
            }
        }
        // "…, saying", "…, referring to": a participle after a comma opens a frame of
        // its own.
        if t.is(',')
            && k + 1 < n
            && toks[k + 1].word
            && !toks[k + 1].cap
            && toks[k + 1].lower.len() > 5
            && toks[k + 1].lower.ends_with("ing")
        {
            return toks[k - 1].end;
        }
    }
    toks[n - 1].end
}

/// "According to X, …" / "…, according to X."
fn prep_attribution(
    toks: &[Tok],
    scan: &Scan,
    i: usize,
    after: usize,
    cue: Span,
) -> Option<Attribution> {
    let src = source_after(toks, after);
    let source = src.map(|(a, b)| toks[a].start..toks[b - 1].end);
    let end = scan.end;
    // Sentence-initial (after an optional conjunction): content follows the source.
    let initial =
        i == 0 || (i == 1 && toks[0].word && !toks[0].cap) || (i == 1 && toks[0].lower == "but");
    if initial {
        let mut k = src.map_or(after, |(_, b)| b);
        while k < toks.len() && !toks[k].is(',') {
            k += 1;
        }
        k += 1;
        if k >= toks.len() || toks[k].start >= end {
            return None;
        }
        return Some(Attribution {
            content: toks[k].start..end,
            source,
            cue,
            hedged: true,
            fragments: Vec::new(),
        });
    }
    // Otherwise the content is what precedes the cue (minus a comma).
    let mut k = i;
    while k > 0 && toks[k - 1].is_clause_punct() {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    // Also "…, according to X, and …": in PolNeAR's training compartment seven of ten
    // such contents end before the cue, one in thirteen spans it.
    Some(Attribution {
        content: toks[0].start..toks[k - 1].end,
        source,
        cue,
        hedged: true,
        fragments: Vec::new(),
    })
}

/// "“…” ― Jane Doe": a quotation signed with a dash and a name.
fn signed_quote(text: &str, toks: &[Tok]) -> Option<Attribution> {
    let n = toks.len();
    let mut a = n;
    while a > 0 && (toks[a - 1].word && toks[a - 1].cap || toks[a - 1].is('.')) && n - a < 5 {
        a -= 1;
    }
    if a == n || a < 3 || !matches!(toks[a - 1].lw(), "―" | "—" | "–") || !closes(text, toks, a - 2)
    {
        return None;
    }
    Some(Attribution {
        content: toks[0].start..toks[a - 2].end,
        source: Some(toks[a].start..toks[n - 1].end),
        cue: toks[a - 1].start..toks[a - 1].end,
        hedged: false,
        fragments: Vec::new(),
    })
}

/// Token range `[a, b)` of the source noun phrase ending just before the cue at `i`.
fn source_before(toks: &[Tok], i: usize, first_comma: Option<usize>) -> Option<(usize, usize)> {
    let k = skip_adverbials(toks, i);
    // A parenthesis right before the cue ("Mike Pence (R-IN) said") belongs to the source.
    let mut b = k;
    if k > 0 && toks[k - 1].is(')') {
        let mut j = k - 1;
        while j > 0 && !toks[j].is('(') {
            j -= 1;
        }
        if toks[j].is('(') && k - 1 - j <= 6 {
            b = j;
        }
    }
    // An appositive between the source and its cue ("Trump, speaking to veterans,
    // said"): the source is the short phrase opening the sentence before it.
    if b > 0 && toks[b - 1].is(',') {
        let first_comma = first_comma.filter(|&c| c < b - 1);
        if let Some(c) = first_comma {
            let np = &toks[..c];
            if (1..=6).contains(&c)
                && c + 1 < b - 1
                && !super::claimers::is_phrase_opener(np[0].lw())
                && np
                    .iter()
                    .all(|t| t.is('.') || t.word && (t.cap || matches!(t.lw(), "the" | "a" | "an")))
                && np.last().is_some_and(|t| t.cap)
            {
                let a = usize::from(c > 1 && is_conjunction(np[0].lw()));
                return Some((a, c));
            }
        }
        // "A lawyer for the outlets, David Schulz, said": the name between commas.
        let mut a = b - 1;
        while a > 0 && (toks[a - 1].word && toks[a - 1].cap || toks[a - 1].is('.')) && b - 1 - a < 5
        {
            a -= 1;
        }
        if a < b - 1 && a > 0 && toks[a - 1].is(',') && toks[a].word {
            return Some((a, b - 1));
        }
        // "Jane Doe, a lawyer for the city, said", "Officials, who asked not to be named,
        // said": the noun phrase before an appositive or a relative clause.
        if let Some(np) = before_appositive(toks, b - 1) {
            return Some(np);
        }
    }
    np_before(toks, b)
}

/// Words that join a sentence to the one before and belong to no source ("But", "Even").
fn is_conjunction(w: &str) -> bool {
    matches!(
        w,
        "but" | "and" | "so" | "even" | "yet" | "meanwhile" | "still" | "now" | "then" | "also"
    )
}

/// Forms of "be" that make a progressive of the participle after them.
fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "am"
            | "be"
            | "been"
            | "isn't"
            | "aren't"
            | "wasn't"
            | "weren't"
    )
}

/// Whether the cue at token `i` is a progressive ("is saying", "was also telling",
/// "has been arguing"): a participle after a form of "be" and any auxiliaries.
fn is_progressive(toks: &[Tok], i: usize) -> bool {
    if !toks[i].lower.ends_with("ing") {
        return false;
    }
    let mut k = i;
    while k > 0 && toks[k - 1].word && !toks[k - 1].cap && is_aux(toks[k - 1].lower) {
        k -= 1;
    }
    k > 0 && toks[k - 1].word && is_be(toks[k - 1].lower)
}

/// Token index where a source ending before token `i` (a cue) ends: before auxiliaries
/// ("has also"), the "be" of a progressive ("is saying"), sentence adverbs ("however",
/// ", however,") and time phrases ("on Tuesday", "last week", "in 2010", "Tuesday")
/// written between a source and its cue.
fn skip_adverbials(toks: &[Tok], i: usize) -> usize {
    let progressive = is_progressive(toks, i);
    let mut k = i;
    loop {
        let before = k;
        while k > 0
            && toks[k - 1].word
            && !toks[k - 1].cap
            && (is_aux(toks[k - 1].lower) || progressive && is_be(toks[k - 1].lower))
        {
            k -= 1;
        }
        if k >= 3
            && toks[k - 1].is(',')
            && toks[k - 3].is(',')
            && matches!(toks[k - 2].lw(), "however" | "meanwhile" | "too" | "though")
        {
            k -= 3;
        } else if k >= 1 && matches!(toks[k - 1].lower, "however" | "meanwhile") {
            k -= 1;
        } else if let Some(n) = time_phrase_before(toks, k) {
            k -= n;
        }
        if k == before {
            return k;
        }
    }
}

/// How many tokens before token `k` form a short time phrase ("on Tuesday", "last
/// week", "in 2010", "Tuesday"), if they do; never the whole of what precedes.
fn time_phrase_before(toks: &[Tok], k: usize) -> Option<usize> {
    let last = toks.get(k.checked_sub(1)?)?;
    let year = last.digit && last.lower.len() == 4 && last.lower.starts_with(['1', '2']);
    let day = matches!(
        last.lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    );
    let unit = matches!(
        last.lower,
        "week" | "month" | "year" | "morning" | "afternoon" | "evening" | "night" | "weekend"
    ) && !last.cap;
    if !(year || day || unit) {
        return None;
    }
    let opener = |t: &Tok| {
        t.word
            && !t.cap
            && matches!(
                t.lower,
                "on" | "in" | "last" | "this" | "next" | "early" | "late" | "earlier" | "later"
            )
    };
    let n = if k >= 2 && opener(&toks[k - 2]) {
        // "on Tuesday", "in 2010", "last week", and "on Tuesday morning" below.
        if k >= 3 && opener(&toks[k - 3]) {
            3
        } else {
            2
        }
    } else if k >= 3 && day && opener(&toks[k - 3]) {
        3
    } else if day || unit && k >= 2 && toks[k - 2].lower == "this" {
        1
    } else {
        return None;
    };
    // Something must be left for the source.
    (n < k).then_some(n)
}

/// The source before an appositive or relative clause that ends with the comma at token
/// `c`: "Jane Doe, 47, said", "Mr. Reid, the minority leader, said", "Executives, who
/// asked not to be named, said". The appositive opens at an earlier comma of the same
/// clause (no quotation mark, colon or semicolon between) and starts with a determiner,
/// a relative pronoun, a figure or a capitalised word; the source before it must plainly
/// be someone who can speak.
fn before_appositive(toks: &[Tok], c: usize) -> Option<(usize, usize)> {
    let lo = c.saturating_sub(30);
    let mut j = c;
    while j > lo {
        j -= 1;
        let t = &toks[j];
        if t.is(',') {
            break;
        }
        let inner = t.word || t.is('.') || t.is('-') || t.is('(') || t.is(')');
        if !(inner || t.is('\'') || t.is('’')) {
            return None;
        }
    }
    if !toks[j].is(',') || j + 1 >= c {
        return None;
    }
    let first = &toks[j + 1];
    let opens = first.digit
        || first.cap
        || matches!(
            first.lw(),
            "a" | "an"
                | "the"
                | "who"
                | "which"
                | "whose"
                | "whom"
                | "his"
                | "her"
                | "its"
                | "their"
                | "one"
                | "now"
                | "then"
                | "himself"
                | "herself"
                | "both"
                | "all"
                | "each"
        );
    if !opens {
        return None;
    }
    let np = np_before(toks, j)?;
    clear_subject(toks, np).then_some(np)
}

/// Token range `[a, end)` of the noun phrase ending just before token `end`; a relative
/// pronoun right before it is the source ("the architect, who said …"), resolved to
/// the actor before it with the other pronouns.
fn np_before(toks: &[Tok], end: usize) -> Option<(usize, usize)> {
    if end > 1 && matches!(toks[end - 1].lower, "who" | "which") {
        return Some((end - 1, end));
    }
    let mut a = end;
    while a > 0 && end - a < 9 {
        let t = &toks[a - 1];
        if t.word {
            if is_np_stop(t.lower) && !(t.cap && a - 1 > 0)
                || ATTRIBUTION.at(toks, a - 1).is_some() && a != end
            {
                break;
            }
            if !t.cap
                && !t.digit
                && (t.lower.ends_with("ed") && a != end || t.lower.ends_with("ing"))
            {
                // The phrase is the object of a verb ("the manhunt that followed the
                // attack underscored"), not the subject of the cue.
                if a != end {
                    return None;
                }
                break;
            }
            a -= 1;
        } else if t.is('-')
            || t.is('&')
            || t.is('%') && a >= 2 && toks[a - 2].digit
            || t.is('.')
                && a >= 2
                && toks[a - 2].word
                && lexicon::is_title_abbrev(&text_of_prev(toks, a - 2))
        {
            a -= 1;
        } else {
            break;
        }
    }
    if a == end {
        return None;
    }
    // A pronoun source is a single word.
    if is_pronoun(toks[end - 1].lower) {
        a = end - 1;
    }
    // Leading lowercase words that are not determiners or nouns ("then", "also") go,
    // and a joining word opening the sentence ("But Mary Smith", "Even China").
    while a < end && !toks[a].cap && is_aux(toks[a].lower) {
        a += 1;
    }
    if a + 1 < end && is_conjunction(toks[a].lw()) {
        a += 1;
    }
    if a == end {
        return None;
    }
    Some((a, end))
}

/// The subject at the start of a sentence, when it is plainly one: a pronoun or a run
/// of capitalised words (after an optional "But"/"And").
fn sentence_subject(toks: &[Tok]) -> Option<(usize, usize)> {
    let mut a = 0;
    while a < toks.len() && (!toks[a].word || matches!(toks[a].lw(), "but" | "and" | "so")) {
        a += 1;
    }
    // "Meanwhile, it …", "Still, Smith …": an opening adverb and its comma.
    if toks.get(a + 1).is_some_and(|t| t.is(','))
        && (is_conjunction(toks[a].lw()) || matches!(toks[a].lw(), "however" | "instead"))
    {
        a += 2;
    }
    let first = toks.get(a)?;
    if is_pronoun(first.lw()) {
        return Some((a, a + 1));
    }
    let mut b = a;
    while b < toks.len() && (toks[b].word && toks[b].cap || toks[b].is('.') && b > a) {
        b += 1;
    }
    // "The appeals court …", "The Trump campaign …": lower-case words up to a noun
    // that names someone who can speak.
    let head = (b..(b + 3).min(toks.len()))
        .take_while(|&j| toks[j].word && !toks[j].cap && !is_np_stop(toks[j].lower))
        .filter(|&j| super::claimers::is_agent_noun(toks[j].lw()))
        .last();
    if let Some(j) = head.filter(|_| b > a) {
        b = j + 1;
    } else if b == a + 1 && matches!(first.lw(), "the" | "a" | "an" | "this") {
        return None;
    }
    (b > a && toks.get(b).is_some_and(|t| t.word && !t.cap)).then_some((a, b))
}

/// The title abbreviation check wants the word as written; tokens keep only the lower
/// case, so rebuild a capitalised form.
fn text_of_prev(toks: &[Tok], k: usize) -> String {
    let w = &toks[k].lower;
    let mut c = w.chars();
    match c.next() {
        Some(f) if toks[k].cap => f.to_uppercase().chain(c).collect(),
        _ => w.to_string(),
    }
}

/// Token range of a source noun phrase starting at `k` (after "according to" or an
/// inverted cue): up to a comma, closing punctuation or clause word.
fn source_after(toks: &[Tok], k: usize) -> Option<(usize, usize)> {
    let mut b = k;
    while b < toks.len() && b - k < 10 {
        let t = &toks[b];
        if t.word {
            if b > k && is_np_stop(t.lower) && !t.cap && t.lower != "of" {
                break;
            }
        } else if !(t.is('-')
            || t.is('&')
            || t.is('.') && b > k && lexicon::is_title_abbrev(&text_of_prev(toks, b - 1)))
        {
            break;
        }
        b += 1;
    }
    (b > k).then_some((k, b))
}

/// The first token of the content after a cue ending before token `k`.
fn skip_after_cue(toks: &[Tok], mut k: usize, class: CueClass) -> usize {
    let n = toks.len();
    // "told reporters (on Monday) that …", "said in a statement that …", "said Tuesday that …"
    let look = (k + 9).min(n);
    if let Some(t) = (k..look).find(|&j| toks[j].lower == "that") {
        let clean = toks[k..t].iter().all(|x| x.word || x.is('.') || x.is('\''));
        if clean
            && (class == CueClass::Tell
                || toks[k..t].iter().all(|x| {
                    !x.word
                        || is_time_word(x.lower)
                        || x.cap
                        || matches!(
                            x.lw(),
                            "in" | "on"
                                | "at"
                                | "a"
                                | "an"
                                | "the"
                                | "to"
                                | "during"
                                | "statement"
                                | "interview"
                                | "speech"
                                | "tweet"
                                | "post"
                                | "last"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                                | "news"
                                | "conference"
                                | "briefing"
                                | "letter"
                                | "report"
                                | "earlier"
                                | "reporters"
                                | "him"
                                | "me"
                                | "us"
                                | "them"
                        )
                }))
        {
            return t;
        }
    }
    if class == CueClass::Tell && k < n && toks[k].word {
        // Skip the hearer: a pronoun, or a short noun phrase.
        if toks[k].cap || is_hearer(toks[k].lower) {
            let cap = toks[k].cap;
            k += 1;
            while k < n
                && toks[k].word
                && (cap && toks[k].cap || !cap && !is_np_stop(toks[k].lower))
            {
                k += 1;
                if !cap {
                    break;
                }
            }
        }
    }
    // Time words and a comma or colon.
    while k < n && toks[k].word && is_time_word(toks[k].lower) {
        k += 1;
    }
    // "said in a statement, …" / "said on Twitter: …"
    if k < n && matches!(toks[k].lw(), "in" | "on" | "at" | "during" | "to" | "via") {
        if let Some(c) = (k..(k + 7).min(n)).find(|&j| toks[j].is(',') || toks[j].is(':')) {
            if toks[k..c].iter().all(|x| x.word) {
                k = c;
            }
        }
    }
    while k < n && (toks[k].is(',') || toks[k].is(':')) {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::find;
    use crate::analysis::claims::lex::words_of;

    /// The attributions of a one-sentence text, as (content, source, cue) strings.
    fn attributions(text: &str) -> Vec<(String, Option<String>, String)> {
        let words = words_of(text);
        let toks = words.sentence(0);
        find(text, &toks, &[], &|_| false)
            .into_iter()
            .map(|a| {
                (
                    text[a.content].to_string(),
                    a.source.map(|s| text[s].to_string()),
                    text[a.cue].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_cue_coordinated_with_the_one_before_is_a_second_statement_of_its_subject() {
        let a = attributions(
            "The auditor said the budget was balanced and warned that costs would rise.",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[0].0, "the budget was balanced");
        assert_eq!(a[1].0, "that costs would rise");
        assert_eq!(a[1].1.as_deref(), Some("The auditor"));
    }

    #[test]
    fn a_transcript_quoted_whole_keeps_its_speaker() {
        let a = attributions("\"BAKER: The bridge will reopen in the spring.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, "The bridge will reopen in the spring");
        assert_eq!(a[0].1.as_deref(), Some("BAKER"));
        // A quoted label that is no name is still no speaker.
        assert!(attributions("\"note: the bridge will reopen in the spring.").is_empty());
    }

    #[test]
    fn a_participle_after_a_frame_is_a_second_statement_of_its_source() {
        let a = attributions(
            "“The levy will ruin the quay,” she said, adding that the vote came too late.",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[0].0, "“The levy will ruin the quay,”");
        assert_eq!(a[1].0, "that the vote came too late");
        assert_eq!(a[1].1.as_deref(), Some("she"));
        assert_eq!(a[1].2, "adding");
        // The frame's source, not the sentence's subject.
        let a = attributions(
            "Buying cranes is key to the plan, Ruiz said, offering the port as proof.",
        );
        assert_eq!(a.last().and_then(|x| x.1.as_deref()), Some("Ruiz"), "{a:?}");
    }

    #[test]
    fn a_headline_in_title_case_still_has_its_cue() {
        let a = attributions("Harbour Mayor Says Ferry Fares Will Rise In Spring.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, "Ferry Fares Will Rise In Spring");
        assert_eq!(a[0].1.as_deref(), Some("Harbour Mayor"));
        assert_eq!(a[0].2, "Says");
        // In a sentence that is not in title case, a capitalised cue is part of a name.
        assert!(attributions("The band Simon Says played two sets at the fair.").is_empty());
    }

    #[test]
    fn every_inflection_of_a_learned_cue_is_a_cue() {
        // The learned list holds a verb's forms when their inflections together head
        // attributions often enough, though one form alone may be rare.
        for cue in ["laments", "lamenting", "lamented"] {
            let text = format!("Dana Okafor {cue} that the new field is far too small.");
            let a = attributions(&text);
            assert_eq!(a.len(), 1, "{text}: {a:?}");
            assert_eq!(a[0].0, "that the new field is far too small");
            assert_eq!(a[0].1.as_deref(), Some("Dana Okafor"));
        }
    }
}
