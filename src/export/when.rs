//! Dates for readers: TIMEX3 values ("2024-03-22", "1959-SU", "196X", "2019-W46",
//! "PAST_REF", "P24Y") and publication-date sources in words, for the reader's timeline
//! and every export. Pure; the JSON keeps the values themselves.

use crate::analysis::NaiveDate;
use crate::document::DateSource;
use chrono::Datelike;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(m: &str) -> Option<&'static str> {
    let m: usize = m.parse().ok()?;
    MONTHS.get(m.checked_sub(1)?).copied()
}

fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A date as words: "22 March 2024".
pub fn date_words(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A TIMEX3 value in words, for a reader:
///
/// ```
/// use lede::export::when::timex_words;
/// assert_eq!(timex_words("2024-03-22"), "22 March 2024");
/// assert_eq!(timex_words("1959-SU"), "summer 1959");
/// assert_eq!(timex_words("196X"), "the 1960s");
/// assert_eq!(timex_words("2019-W46"), "week of 11 Nov 2019");
/// assert_eq!(timex_words("PAST_REF"), "in the past");
/// assert_eq!(timex_words("XXXX-03"), "a date in March, year unknown");
/// assert_eq!(timex_words("P24Y"), "24 years");
/// ```
///
/// A value it does not know is returned as it is.
pub fn timex_words(v: &str) -> String {
    words(v).unwrap_or_else(|| v.to_string())
}

fn words(v: &str) -> Option<String> {
    match v {
        "PAST_REF" => return Some("in the past".into()),
        "PRESENT_REF" => return Some("now".into()),
        "FUTURE_REF" => return Some("in the future".into()),
        _ => {}
    }
    if let Some(d) = v.strip_prefix('P') {
        return duration(d);
    }
    // A time of day: the date, then the time as written.
    if let Some((date, time)) = v.split_once('T') {
        let day = words(date)?;
        let time = match time {
            "MO" => "morning",
            "AF" => "afternoon",
            "EV" => "evening",
            "NI" => "night",
            t => return Some(format!("{day}, {t}")),
        };
        return Some(format!("{day}, {time}"));
    }
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        [y] => year(y),
        [y, rest] => {
            let y_words = year(y);
            if let Some(m) = month(rest).filter(|_| rest.len() == 2) {
                return Some(match y_words {
                    Some(yw) if *y != "XXXX" => format!("{m} {yw}"),
                    _ => format!("a date in {m}, year unknown"),
                });
            }
            let yw = y_words.unwrap_or_else(|| "an unknown year".into());
            let season = match *rest {
                "SP" => Some("spring"),
                "SU" => Some("summer"),
                "FA" => Some("autumn"),
                "WI" => Some("winter"),
                _ => None,
            };
            if let Some(s) = season {
                return Some(format!("{s} {yw}"));
            }
            if let Some(q) = rest.strip_prefix('Q').and_then(number) {
                let nth = ["first", "second", "third", "fourth"].get(q.checked_sub(1)? as usize)?;
                return Some(format!("the {nth} quarter of {yw}"));
            }
            if let Some(h) = rest.strip_prefix('H').and_then(number) {
                let nth = ["first", "second"].get(h.checked_sub(1)? as usize)?;
                return Some(format!("the {nth} half of {yw}"));
            }
            if let Some(w) = rest.strip_prefix('W').and_then(number) {
                let y: i32 = number(y)? as i32;
                let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
                let short = &MONTHS[monday.month0() as usize][..3];
                return Some(format!(
                    "week of {} {short} {}",
                    monday.day(),
                    monday.year()
                ));
            }
            None
        }
        [y, w, d] if w.starts_with('W') => {
            let day = match *d {
                "WE" => None,
                d => Some(
                    chrono::Weekday::try_from(u8::try_from(number(d)?).ok()?.checked_sub(1)?)
                        .ok()?,
                ),
            };
            let day_name = day.map_or("weekend", weekday_name);
            match (number(y), w.strip_prefix('W').and_then(number)) {
                (Some(y), Some(w)) => {
                    let on = NaiveDate::from_isoywd_opt(
                        y as i32,
                        w,
                        day.unwrap_or(chrono::Weekday::Sat),
                    )?;
                    let short = &MONTHS[on.month0() as usize][..3];
                    Some(match day {
                        Some(_) => format!("{day_name} {} {short} {}", on.day(), on.year()),
                        None => format!("the weekend of {} {short} {}", on.day(), on.year()),
                    })
                }
                _ => Some(format!("a {day_name}, date unknown")),
            }
        }
        [y, m, d] => {
            let m_name = month(m)?;
            let day = number(d).filter(|d| (1..=31).contains(d));
            if *y == "XXXX" {
                return Some(match day {
                    Some(d) => format!("{d} {m_name}, year unknown"),
                    None => format!("a date in {m_name}, year unknown"),
                });
            }
            let yw = year(y)?;
            Some(match day {
                Some(d) => format!("{d} {m_name} {yw}"),
                None => format!("a day in {m_name} {yw}"),
            })
        }
        _ => None,
    }
}

fn weekday_name(d: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match d {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

/// A year value: "2024", "196X" (the 1960s), "19XX" (the 1900s), "XXXX" (unknown: None).
fn year(y: &str) -> Option<String> {
    if let Some(n) = number(y) {
        return Some(n.to_string());
    }
    let digits = y.trim_end_matches('X');
    let xs = y.len() - digits.len();
    if digits.is_empty() || number(digits).is_none() || y.len() != 4 {
        return None;
    }
    match xs {
        1 => Some(format!("the {digits}0s")),
        2 => Some(format!("the {digits}00s")),
        _ => None,
    }
}

/// A duration's body (after `P`) in words: "P24Y" "24 years", "P1Y6M" "1 year 6 months",
/// "PT1H30M" "1 hour 30 minutes", "PXDE" "decades"; `None` for what it cannot read.
fn duration(d: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut time = false;
    let mut rest = d;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('T') {
            time = true;
            rest = r;
            continue;
        }
        let n_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X'))
            .unwrap_or(rest.len());
        let (n, r) = rest.split_at(n_len);
        let (unit, r) = [
            "DE", "CE", "WE", "Y", "M", "W", "D", "Q", "E", "C", "H", "S",
        ]
        .iter()
        .find_map(|u| r.strip_prefix(u).map(|r| (*u, r)))?;
        let (one, many) = match (time, unit) {
            (false, "Y") => ("year", "years"),
            (false, "M") => ("month", "months"),
            (false, "W") => ("week", "weeks"),
            (false, "D") => ("day", "days"),
            (false, "Q") => ("quarter", "quarters"),
            (false, "WE") => ("weekend", "weekends"),
            (false, "E" | "DE") => ("decade", "decades"),
            (false, "C" | "CE") => ("century", "centuries"),
            (true, "H") => ("hour", "hours"),
            (true, "M") => ("minute", "minutes"),
            (true, "S") => ("second", "seconds"),
            _ => return None,
        };
        parts.push(match n {
            "X" => many.to_string(),
            _ => {
                let k: f64 = n.parse().ok()?;
                format!("{n} {}", if k == 1.0 { one } else { many })
            }
        });
        rest = r;
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Where a publication date came from, in words ("the page's metadata", "--date").
pub fn source_words(s: DateSource) -> &'static str {
    match s {
        DateSource::JsonLd | DateSource::Meta => "the page's metadata",
        DateSource::TimeElement => "the page's <time>",
        DateSource::Url => "the URL",
        DateSource::FrontMatter => "the front matter",
        DateSource::Dateline => "the dateline",
        DateSource::Flag => "--date",
        DateSource::Input => "the input",
    }
}

/// The publication date that anchors the timeline, and where it came from, in words:
/// "published 22 March 2024 (the page's metadata)", or that there is none.
pub fn publication_words(date: Option<NaiveDate>, source: Option<DateSource>) -> String {
    match (date, source) {
        (Some(d), Some(s)) => format!("published {} ({})", date_words(d), source_words(s)),
        (Some(d), None) => format!("published {}", date_words(d)),
        (None, _) => "no publication date (--date sets one)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_words() {
        for (v, w) in [
            ("2024-03-22", "22 March 2024"),
            ("2024-03", "March 2024"),
            ("2024", "2024"),
            ("1959-SU", "summer 1959"),
            ("2020-WI", "winter 2020"),
            ("196X", "the 1960s"),
            ("19XX", "the 1900s"),
            ("2019-W46", "week of 11 Nov 2019"),
            ("2024-Q1", "the first quarter of 2024"),
            ("PAST_REF", "in the past"),
            ("PRESENT_REF", "now"),
            ("FUTURE_REF", "in the future"),
            ("XXXX-03", "a date in March, year unknown"),
            ("XXXX-03-22", "22 March, year unknown"),
            ("2024-03-22TEV", "22 March 2024, evening"),
            ("2024-03-22T14:30", "22 March 2024, 14:30"),
            ("P24Y", "24 years"),
            ("P1D", "1 day"),
            ("PT5H", "5 hours"),
            ("PXY", "years"),
            ("P2E", "2 decades"),
            ("PXDE", "decades"),
            ("P3Q", "3 quarters"),
            ("P1Y6M", "1 year 6 months"),
            ("PT1H30M", "1 hour 30 minutes"),
            ("P1WE", "1 weekend"),
            ("XXXX-WXX-7", "a Sunday, date unknown"),
            ("XXXX-WXX-1TNI", "a Monday, date unknown, night"),
            ("2024-W12-3", "Wednesday 20 Mar 2024"),
            ("2024-W12-WE", "the weekend of 23 Mar 2024"),
        ] {
            assert_eq!(timex_words(v), w, "{v}");
        }
        // What it does not know stays as it is, never a panic.
        for v in [
            "",
            "X",
            "P",
            "PT",
            "2024-13",
            "2024-W99",
            "XXXX",
            "20-03-x",
            "Pé",
            "T",
            "XXXX-WXX-0",
            "XXXX-WXX-9",
            "2024-W60-1",
            "P1",
            "PT1Y",
            "P1DX",
        ] {
            let _ = timex_words(v);
        }
        assert_eq!(timex_words("2024-13"), "2024-13");
    }

    #[test]
    fn the_publication_date_says_where_it_came_from() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 22);
        assert_eq!(
            publication_words(d, Some(DateSource::Url)),
            "published 22 March 2024 (the URL)"
        );
        assert!(publication_words(None, None).starts_with("no publication date"));
    }
}
