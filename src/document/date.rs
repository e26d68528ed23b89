//! Publication dates: where a document's date comes from and whether it can be one.
//!
//! [`DateSource`] records the provenance; [`plausible_date`] refuses placeholders and
//! impossible dates; [`parse_date_text`], [`date_from_url`] and [`dateline`] read the date
//! forms found in metadata, URLs and the first line of a text. Pure: the caller passes
//! today's date where it matters.

use crate::analysis::NaiveDate;
use chrono::Datelike;

/// Where a document's publication date came from (shown by the reader beside the date,
/// written as `dct_source` in the JSON). [`DateSource::as_str`] gives the stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// An HTML page's JSON-LD (`datePublished`; `dateModified` when nothing else exists).
    JsonLd,
    /// An HTML `<meta>` tag (`article:published_time` and the like).
    Meta,
    /// An HTML `<time datetime>` element.
    TimeElement,
    /// A date in the page's URL path (`/2019/11/18/`).
    Url,
    /// Markdown front matter (`date:`).
    FrontMatter,
    /// A dateline at the top of the text ("March 25, 2024 —").
    Dateline,
    /// The user's `--date`.
    Flag,
    /// The `dct` of a JSON-lines input record.
    Input,
}

impl DateSource {
    /// The stable name used in the JSON and on screen: `jsonld`, `meta`, `time`, `url`,
    /// `front-matter`, `dateline`, `flag` or `input`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::JsonLd => "jsonld",
            DateSource::Meta => "meta",
            DateSource::TimeElement => "time",
            DateSource::Url => "url",
            DateSource::FrontMatter => "front-matter",
            DateSource::Dateline => "dateline",
            DateSource::Flag => "flag",
            DateSource::Input => "input",
        }
    }
}

/// Whether `date` can be a publication date: not before 1900, not more than a year after
/// `today`, and not a placeholder (`0001-01-01`, the Unix epoch `1970-01-01`).
pub fn plausible_date(date: NaiveDate, today: NaiveDate) -> bool {
    date.year() >= 1900
        && NaiveDate::from_ymd_opt(1970, 1, 1) != Some(date)
        && date <= today + chrono::Days::new(366)
}

/// Today's date (UTC), the reference for [`plausible_date`].
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A date from a metadata string: ISO 8601 (`2019-11-18`, `2019-11-18T10:00:00Z`),
/// `2019/11/18`, `20191118`, RFC 2822 (`Mon, 18 Nov 2019 10:00:00 GMT`) or
/// `18 Nov 2019` / `November 18, 2019`. Not checked for plausibility.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                return Some(d);
            }
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| words_date(w[0], w[1], w[2]))
}

/// `18 Nov 2019`, `November 18 2019`, `Nov. 18 2019` (commas already split off).
fn words_date(a: &str, b: &str, c: &str) -> Option<NaiveDate> {
    let joined = format!(
        "{} {} {}",
        a.trim_end_matches('.'),
        b.trim_end_matches('.'),
        c
    );
    ["%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"]
        .iter()
        .find_map(|fmt| NaiveDate::parse_from_str(&joined, fmt).ok())
}

/// A date in a URL path: `/2019/11/18/` or `/2019-11-18`.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    let path = url.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let y: i32 = y.parse().ok()?;
        if !(1990..=2100).contains(&y) {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
    })
}

/// A dateline opening a text: a date as the first thing on the first line, ended by a dash,
/// a colon or the end of the line ("March 25, 2024 —", "25 March 2024:", "2024-03-25").
/// Returns the date and the byte length of the dateline (through its dash or colon).
/// A place before the date ("MOSCOW, March 25, 2024 —") is allowed when it is in capitals.
pub fn dateline(text: &str) -> Option<(NaiveDate, usize)> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    // Where the date part ends: the first dash or colon, else the end of a short line.
    let (head, cut) = match line.find([':', '—', '–']).or_else(|| line.find(" - ")) {
        Some(at) => {
            let mark = line[at..].chars().next().map_or(1, char::len_utf8);
            let mark = if line[at..].starts_with(" - ") {
                3
            } else {
                mark
            };
            (&line[..at], at + mark)
        }
        None if line.split_whitespace().count() <= 5 => (line, line.len()),
        None => return None,
    };
    let words: Vec<&str> = head
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 7 {
        return None;
    }
    // The date must end the head; what comes before it may only be a place in capitals.
    let (date, used) = if let Some(d) = words.last().and_then(|w| iso_word(w)) {
        (d, 1)
    } else if words.len() >= 3 {
        let n = words.len();
        (words_date(words[n - 3], words[n - 2], words[n - 1])?, 3)
    } else {
        return None;
    };
    let place = &words[..words.len() - used];
    if !place
        .iter()
        .all(|w| w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_alphabetic))
    {
        return None;
    }
    Some((date, cut))
}

fn iso_word(w: &str) -> Option<NaiveDate> {
    (w.len() == 10)
        .then(|| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn metadata_date_forms() {
        assert_eq!(parse_date_text("2019-11-18T10:00:00Z"), d("2019-11-18"));
        assert_eq!(parse_date_text("2019/11/18"), d("2019-11-18"));
        assert_eq!(parse_date_text("20191118"), d("2019-11-18"));
        assert_eq!(
            parse_date_text("Mon, 18 Nov 2019 10:00:00 GMT"),
            d("2019-11-18")
        );
        assert_eq!(parse_date_text("November 18, 2019"), d("2019-11-18"));
        assert_eq!(parse_date_text("Nov. 18, 2019 5:03 p.m."), d("2019-11-18"));
        assert_eq!(parse_date_text("soon"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.com/2019/11/18/story/"),
            d("2019-11-18")
        );
        assert_eq!(
            date_from_url("https://x.com/news/2021-03-04-a-b"),
            d("2021-03-04")
        );
        assert_eq!(date_from_url("https://x.com/story-123456/"), None);
        assert_eq!(date_from_url("https://x.com/1066/10/14/"), None);
    }

    #[test]
    fn placeholders_and_far_dates_are_not_plausible() {
        let today = d("2026-12-01").unwrap();
        for bad in [
            "0001-01-01",
            "1970-01-01",
            "1899-12-31",
            "2028-06-01",
            "9999-12-31",
        ] {
            assert!(!plausible_date(d(bad).unwrap(), today), "{bad}");
        }
        for good in ["1900-01-01", "1971-05-02", "2019-11-18", "2027-11-30"] {
            assert!(plausible_date(d(good).unwrap(), today), "{good}");
        }
    }

    #[test]
    fn datelines() {
        let text = "March 25, 2024 — The council met on Monday.\n\nMore.";
        let (date, len) = dateline(text).unwrap();
        assert_eq!(Some(date), d("2024-03-25"));
        assert_eq!(&text[len..], " The council met on Monday.\n\nMore.");
        assert_eq!(
            dateline("LISBON, 4 June 2023: Trams ran late.").map(|x| x.0),
            d("2023-06-04")
        );
        assert_eq!(dateline("2022-01-09\n\nText").map(|x| x.0), d("2022-01-09"));
        // A sentence that mentions a date is not a dateline.
        assert_eq!(
            dateline("On March 25, 2024 — the day after — it rained."),
            None
        );
        assert_eq!(dateline("The plan of March 25, 2024: a review."), None);
        assert_eq!(
            dateline("Nothing here at all, just a long first line of text."),
            None
        );
    }
}
