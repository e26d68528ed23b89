//! Web-page furniture: the lines Readability keeps that are not article text, found by
//! general rules over each finished block (never by naming a site).
//!
//! Dropped, when short (the limits are in words): datelines ("Updated 11:05, Tue, Nov 19,
//! 2019", "Published Monday …", a date with a clock time), bylines, photo credits and
//! captions that end in a credit ("… (Image: Getty)", "(AP Photo/…)"), share bars (a line of
//! network names), slideshow counters, prompts ("Read more", "Subscribe …", newsletter
//! offers), copyright lines, rows of teasers tagged `[VIDEO]` `[INSIGHT]`, link lines in
//! capitals, and a caption-like line (no sentence end) repeated from earlier on the page.
//! Link-only lines and list items inside the article stay; a run of them that closes the
//! article goes ([`trailing_link_list`]).
//! After a "Related" / "More from" line, the list that follows goes too. A press release's
//! closing "About <organisation>" section is dropped afterwards by
//! [`about_section_start`]. Preformatted text and images are never furniture.

use super::BlockKind;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Short lines opening with one of these (case-insensitive, followed by a non-letter) are
/// furniture: datelines, photo credits, slideshow controls, prompts.
const LEFTOVER_STARTS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "first published",
    "image copyright",
    "image caption",
    "image source",
    "image:",
    "images:",
    "photo:",
    "photos:",
    "photograph:",
    "picture:",
    "pictures:",
    "credit:",
    "caption",
    "close",
    "advert",
    "media playback",
    "continue reading",
    "click here",
    "read more",
    "read next",
    "related",
    "report error",
    "order reprints",
    "print article",
    "text size",
    "share this",
    "share on",
    "follow us",
    "sign up",
    "subscribe",
    "tags",
    "comments",
    "this slideshow",
    "you may also like",
    "more from",
    "more news",
    "more articles",
    "more stories",
    "don't miss",
    "don’t miss",
    "top stories",
    "most read",
    "most popular",
    "recommended",
    "get the",
    "©",
    "join the conversation",
    "tell us what",
];

/// A short line that introduces a list of other stories ("Related", "More Great Harbour
/// Stories", "You may also like"): the list after it goes with it.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:related|read more|read next|more (?:[\w'’]+ ){0,3}(?:stories|news|articles|reading|videos|reads)|more from|you (?:may|might) also like|top stories|most read|most popular|recommended|don[’']t miss|trending)(?-u:\b)",
    )
});

/// Words of a share bar.
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "whatsapp",
    "pinterest",
    "pint",
    "linkedin",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "share",
    "tweet",
    "messenger",
    "telegram",
    "print",
    "flipboard",
    "copy",
    "link",
    "sms",
    "tumblr",
    "x",
];

fn re(p: &str) -> Regex {
    Regex::new(p).expect("valid pattern")
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)(?:19|20)\d\d(?-u:\b)"));
static CLOCK: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)\d{1,2}(?::\d\d|\.\d\d(?-u:\b))"));
static DATE_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:published|updated|posted)(?-u:\b)"));
/// A closing parenthetical that credits a picture: "(Image: Getty)", "(AP Photo/X)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\([^()]{0,60}(?-u:\b)(?:image|photo|picture|pic|credit|photograph|getty|afp|reuters|shutterstock|istock)s?(?-u:\b)[^()]{0,60}\)\s*(?:less|more)?\s*$",
    )
});
static TEASER_TAG: LazyLock<Regex> = LazyLock::new(|| re(r"\[\p{Lu}[\p{Lu} ]{2,}\]"));
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:©|(?-u:\b)copyright(?-u:\b)|\(c\))\s*(?:19|20)\d\d|all rights reserved")
});
/// An offer: a sentence opening with "Subscribe" / "Sign up" / "Register", or a newsletter.
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[.!?:]\s+)(?:Subscribe|SUBSCRIBE|Sign up|Sign-up|SIGN UP|Register)(?-u:\b)|(?i)(?-u:\b)newsletters?(?-u:\b)",
    )
});
/// A list of tags or topics ("Tags: a, b, c").
static TAGS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:tags|tagged|tagged with|topics)(?-u:\b)"));
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r#"[.!?…]["'”’»)]*\s*$"#));

/// The per-page state of the rules: what was seen, what was just dropped.
#[derive(Default)]
pub struct Furniture {
    /// Normalised text of the caption-like blocks kept so far.
    seen: HashSet<String>,
    /// A line introducing other stories was dropped: the list after it goes too.
    after_related: bool,
}

impl Furniture {
    /// Whether a finished block is furniture to drop. `link_bytes` counts the bytes of
    /// `content` inside links.
    pub fn is_furniture(&mut self, content: &str, link_bytes: usize, kind: BlockKind) -> bool {
        if matches!(kind, BlockKind::Code | BlockKind::Image) {
            self.after_related = false;
            return false;
        }
        let is_item = matches!(kind, BlockKind::ListItem { .. });
        if self.after_related && is_item {
            return true;
        }
        self.after_related = false;
        if content.split_whitespace().count() <= 8 && RELATED.is_match(content.trim()) {
            self.after_related = true;
            return true;
        }
        if is_leftover(content, link_bytes, kind) {
            return true;
        }
        // A caption-like line met again (slideshows repeat their captions).
        let words = content.split_whitespace();
        let alpha = words.filter(|w| w.chars().any(char::is_alphabetic)).count();
        if alpha >= 4 && !SENTENCE_END.is_match(content) {
            let key = super::normalize_words(content);
            if !self.seen.insert(key) {
                return true;
            }
        }
        false
    }
}

/// Whether a finished block is a stateless leftover (see the module documentation).
fn is_leftover(content: &str, link_bytes: usize, kind: BlockKind) -> bool {
    let words = content.split_whitespace().count();
    if words > 60 {
        return false;
    }
    let heading = matches!(kind, BlockKind::Heading(_));
    let is_item = matches!(kind, BlockKind::ListItem { .. });
    let sentence = SENTENCE_END.is_match(content);
    if TEASER_TAG.find_iter(content).take(2).count() == 2 || (TAGS.is_match(content) && !sentence) {
        return true;
    }
    if words > 40 {
        return false;
    }
    if CREDIT.is_match(content) || PROMO.is_match(content) {
        return true;
    }
    if !heading && COPYRIGHT.is_match(content) {
        return true;
    }
    if words > 30 {
        return false;
    }
    let lower = content.to_lowercase();
    if words <= 15 && !sentence && DATE_WORD.is_match(&lower) && YEAR.is_match(content) {
        return true;
    }
    if words <= 12 {
        let opening = lower.trim_start_matches(['|', '•', '·', '-', '–', '—', ' ']);
        let starts = LEFTOVER_STARTS.iter().any(|p| {
            opening
                .strip_prefix(p)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        });
        if starts || slideshow_counter(&lower) || is_byline(content, words) {
            return true;
        }
        if is_share_bar(&lower) {
            return true;
        }
    }
    // A date with a clock time and nothing else ("19.11.2019, 08:57").
    if words <= 10 && !sentence && YEAR.is_match(content) && CLOCK.is_match(content) {
        return true;
    }
    let letters = content.chars().filter(|c| c.is_alphanumeric()).count();
    // Link-only lines inside the article stay (a post's list of sources, a contents list,
    // "Learn more about …"); a run of them closing the article goes, by
    // [`trailing_link_list`]. A link in capitals is a teaser shouting for a click.
    let shouting =
        content.chars().any(char::is_uppercase) && !content.chars().any(char::is_lowercase);
    link_heavy(content, link_bytes) && letters > 0 && !heading && !is_item && shouting
}

/// Whether at least 80% of `content`'s bytes are link text.
fn link_heavy(content: &str, link_bytes: usize) -> bool {
    link_bytes * 10 >= content.len() * 8
}

/// Where a list of links that closes the article starts (other stories, "see also"): the
/// trailing run of list items and lines that are almost all link text, with the short
/// headings over them. `blocks` gives each block's kind, text and link bytes.
pub fn trailing_link_list(blocks: &[(BlockKind, &str, usize)]) -> Option<usize> {
    let mut start = None;
    let mut links = false;
    for (i, (kind, text, bytes)) in blocks.iter().enumerate().rev() {
        let linked = link_heavy(text, *bytes)
            && matches!(kind, BlockKind::ListItem { .. } | BlockKind::Paragraph);
        if linked {
            links = true;
            start = Some(i);
        } else if matches!(kind, BlockKind::Heading(_))
            && links
            && text.split_whitespace().count() <= 8
        {
            // A heading over the list ("Elsewhere") goes with it.
            start = Some(i);
        } else {
            break;
        }
    }
    // A page that is nothing but links keeps them: only a run after the article goes.
    start.filter(|&s| s > 0)
}

/// A line that is mostly the names of networks to share on ("Whatsapp Facebook Pint").
fn is_share_bar(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let social = words.iter().filter(|w| SOCIAL.contains(w)).count();
    social >= 2 && social * 3 >= words.len() * 2
}

/// A short "By Name" line: "By", then capitalised words, no sentence end.
fn is_byline(content: &str, words: usize) -> bool {
    let Some(rest) = content.strip_prefix("By ") else {
        return false;
    };
    words <= 10 && rest.starts_with(char::is_uppercase) && !content.ends_with('.')
}

/// Whether `s` opens with a slideshow counter: digits, optional "image", "of", digits.
fn slideshow_counter(s: &str) -> bool {
    let s = s.strip_prefix("image").unwrap_or(s).trim_start();
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    s[digits..].trim_start().starts_with("of")
}

/// Whether an image's alt text is a file name ("harbour-view-2.jpg"), not a description.
pub fn is_file_name(alt: &str) -> bool {
    let lower = alt.to_ascii_lowercase();
    !alt.contains(' ')
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// Where a closing "About <organisation>" section starts, if the page ends with one: a
/// short heading or line "About Name" (capitalised, no sentence end) in the last third of
/// the text, followed only by paragraphs and list items to the end or the next heading.
/// Returns the index of its first block and of the block after it.
pub fn about_section_start(blocks: &[(BlockKind, &str)]) -> Option<(usize, usize)> {
    let total: usize = blocks.iter().map(|(_, t)| t.len()).sum();
    let mut before = 0;
    for (i, (kind, text)) in blocks.iter().enumerate() {
        let late = before * 3 >= total * 2;
        before += text.len();
        if !late || !matches!(kind, BlockKind::Heading(_) | BlockKind::Paragraph) {
            continue;
        }
        let Some(name) = text.strip_prefix("About ") else {
            continue;
        };
        let words = name.split_whitespace().count();
        let named = name.starts_with(|c: char| c.is_uppercase());
        if !(1..=6).contains(&words) || !named || SENTENCE_END.is_match(text) {
            continue;
        }
        let end = blocks[i + 1..]
            .iter()
            .position(|(k, _)| matches!(k, BlockKind::Heading(_)))
            .map_or(blocks.len(), |p| i + 1 + p);
        return Some((i, end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(lines: &[(BlockKind, &str)]) -> Vec<bool> {
        let mut f = Furniture::default();
        lines
            .iter()
            .map(|(k, t)| f.is_furniture(t, 0, *k))
            .collect()
    }

    const P: BlockKind = BlockKind::Paragraph;
    const LI: BlockKind = BlockKind::ListItem {
        depth: 0,
        number: None,
    };

    #[test]
    fn datelines_go() {
        for line in [
            "| UPDATED: 11:05, Tue, Nov 19, 2019",
            "The Wire Service Published Monday, March 4, 2024 8:22AM EST",
            "19.11.2019, 08:57",
            "March 4, 2024 | 4:10pm",
            "sexta-feira, 3 de maio de 2024 às 20:13",
            "First Published: Friday, May 3, 2024 08:38 AM",
        ] {
            assert_eq!(dropped(&[(P, line)]), [true], "{line}");
        }
        assert_eq!(
            dropped(&[(
                P,
                "The vote was published on 4 May 2024 and passed at 10:30."
            )]),
            [false]
        );
    }

    #[test]
    fn credits_and_captions_with_credits_go() {
        for line in [
            "Crowds gathered at the quay before dawn (Image: GETTY )",
            "A ferry leaves the harbour in a storm. (AP Photo/Jo Lind, File)",
            "(Picture: Harbour Trust)",
            "The last ferry of the season. (AP Photo/Jo Lind) less",
            "Image: Harbour Trust",
        ] {
            assert_eq!(dropped(&[(P, line)]), [true], "{line}");
        }
        // A parenthesis in prose is not a credit.
        assert_eq!(
            dropped(&[(P, "The ferry (the oldest in the fleet) sailed at noon.")]),
            [false]
        );
    }

    #[test]
    fn share_bars_promos_teasers_and_copyright_go() {
        for line in [
            "Whatsapp Facebook Pint Twitter",
            "Share on Facebook | Email",
            "Get the morning briefing: Sign up for our newsletter.",
            "Tags harbour, ferries, tunnel, council budget, port authority, night buses",
            "Ferry fares rise again [INSIGHT] | Harbour tunnel plan revealed [VIDEO]",
            "The contents of this site are ©2024 Harbour Media Ltd.",
            "Copyright 2023 Harbour Media. All rights reserved.",
        ] {
            assert_eq!(dropped(&[(P, line)]), [true], "{line}");
        }
        for line in [
            "The ferry, the council said, will share its berth with the tug.",
            "Fishing boats and a tug were moored by the quay overnight.",
            "Viewers who subscribe to the service pay a little more each month.",
        ] {
            assert_eq!(dropped(&[(P, line)]), [false], "{line}");
        }
    }

    #[test]
    fn repeated_captions_go_but_repeated_sentences_stay() {
        let cap = "Harbour Festival 2024 opening night on the quay";
        let sentence = "He did not answer the question.";
        assert_eq!(
            dropped(&[
                (P, cap),
                (P, "Text."),
                (P, cap),
                (P, sentence),
                (P, sentence)
            ]),
            [false, false, true, false, false]
        );
    }

    #[test]
    fn the_list_after_a_related_line_goes() {
        let out = dropped(&[
            (P, "The ferry returns on Monday."),
            (BlockKind::Heading(3), "More Great Harbour Stories"),
            (
                LI,
                "Tunnel plans are back on the table after years of delay",
            ),
            (LI, "Harbour fees to rise in spring for every operator"),
            (P, "A last paragraph of the article."),
            (LI, "A list item in the article itself"),
        ]);
        assert_eq!(out, [false, true, true, true, false, false]);
    }

    #[test]
    fn about_sections_at_the_end_are_found() {
        let body = "The harbour trust opened the new quay today after two years of works. ";
        let long = body.repeat(6);
        let blocks = [
            (P, long.as_str()),
            (P, "More of the release text follows here."),
            (BlockKind::Heading(2), "About Harbour Trust"),
            (P, "Harbour Trust runs the port and its ferries."),
            (P, "Media contact: press office."),
        ];
        assert_eq!(about_section_start(&blocks), Some((2, 5)));
        // Early in the text, "About" is a section of the article.
        let early = [
            (BlockKind::Heading(2), "About Harbour Trust"),
            (P, long.as_str()),
        ];
        assert_eq!(about_section_start(&early), None);
    }

    #[test]
    fn link_lists_stay_inside_the_article_but_not_at_its_end() {
        let item = "A guide to tide tables";
        let n = item.len();
        let mut f = Furniture::default();
        assert!(!f.is_furniture(item, n, LI));
        assert!(!f.is_furniture("Learn more about tide tables", 28, P));
        let shout = "FERRY FARES RISE AGAIN THIS WINTER";
        assert!(f.is_furniture(shout, shout.len(), P));
        let blocks = [
            (P, "Sources I used:", 0),
            (LI, item, n),
            (LI, item, n),
            (
                P,
                "With those, the rest of the post explains the method.",
                0,
            ),
            (BlockKind::Heading(3), "Elsewhere", 0),
            (LI, item, n),
            (LI, "Ferry times", 11),
        ];
        assert_eq!(trailing_link_list(&blocks), Some(4));
        assert_eq!(trailing_link_list(&blocks[..4]), None);
        // Link lines closing the article go as well; a lone heading is not a list.
        let lines = [(P, "Text of the article.", 0), (P, item, n), (P, item, n)];
        assert_eq!(trailing_link_list(&lines), Some(1));
        let heading = [
            (P, "Text of the article.", 0),
            (BlockKind::Heading(2), "End", 0),
        ];
        assert_eq!(trailing_link_list(&heading), None);
    }

    #[test]
    fn file_name_alt_texts_are_not_descriptions() {
        assert!(is_file_name("harbour-view-2.JPG"));
        assert!(!is_file_name("The harbour at dawn"));
    }
}
