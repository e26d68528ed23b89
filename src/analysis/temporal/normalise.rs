//! Normalisation: the TIMEX3 type and value of a recognised expression.
//!
//! The expression is read as a bag of features (month, day, year, weekday, number, unit,
//! "last"/"next", "ago", part of day…) and its value computed against the document
//! creation time (`dct`), TimeML / TempEval-3 style. Without a `dct`, the parts that
//! depend on it stay unknown (`XXXX-03-22`, `XXXX-WXX`).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon;
use crate::analysis::TimexType;

/// What the surroundings of an expression tell the normaliser.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The document creation time.
    pub dct: Option<NaiveDate>,
    /// The sentence speaks of the future ("will", "expects"): unanchored names of days
    /// and months then point forward.
    pub future: bool,
    /// A past-tense verb governs the expression ("fell in the third quarter").
    pub past: bool,
    /// The sentence speaks of fiscal quarters: "a year ago" then means the same quarter
    /// a year earlier.
    pub quarterly: bool,
    /// The last fully resolved date before this expression ("the same day", "the next day").
    pub reference: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Night,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rel {
    This,
    Last,
    Next,
    Same,
}

#[derive(Debug, Default)]
struct Features {
    month: Option<u32>,
    day: Option<u32>,
    year: Option<i32>,
    weekday: Option<Weekday>,
    plural_weekday: bool,
    clock: Option<(u32, Option<u32>)>,
    pm: Option<bool>,
    utc: bool,
    number: Option<Option<f64>>,
    unit: Option<Unit>,
    plural_unit: bool,
    rel: Option<Rel>,
    ago: Option<i32>,
    /// "earlier"/"later" count from the time last named, "ago" from now.
    from_reference: bool,
    part: Option<&'static str>,
    ordinal: Option<u32>,
    quarter: bool,
    half: bool,
    year_ago: bool,
    season: Option<&'static str>,
    decade: Option<String>,
    century: Option<u32>,
    every: bool,
    deictic: Option<i64>,
    tonight: bool,
    span_word: bool,
    vague: bool,
}

/// The month number of a month name or abbreviation (any case, no final period).
pub fn month_of(word: &str) -> Option<u32> {
    // Lower-cased on the stack: no month name is longer than nine bytes.
    let mut buf = [0u8; 9];
    let w = buf.get_mut(..word.len())?;
    w.copy_from_slice(word.as_bytes());
    w.make_ascii_lowercase();
    let m = match &*w {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sept" | b"sep" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// The weekday of a lower-case day name ("friday", "fridays"), and whether it is plural.
pub(crate) fn weekday_of(word: &str) -> Option<(Weekday, bool)> {
    let plural = word.ends_with('s') && word != "days";
    let w = if plural {
        &word[..word.len() - 1]
    } else {
        word
    };
    let d = match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some((d, plural))
}

fn unit_of(word: &str) -> Option<(Unit, bool)> {
    let (w, plural) = match word.strip_suffix('s') {
        Some(w) => (w, true),
        None => (word, false),
    };
    let pick = |w: &str| -> Option<Unit> {
        Some(match w {
            "second" => Unit::Second,
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "night" => Unit::Night,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" | "centurie" => Unit::Century,
            _ => return None,
        })
    };
    pick(word)
        .map(|u| (u, false))
        .or_else(|| pick(w).map(|u| (u, plural)))
}

fn number_of(word: &str) -> Option<Option<f64>> {
    if let Ok(n) = word.parse::<f64>() {
        return Some(Some(n));
    }
    let n = match word {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "several" | "few" | "many" | "some" | "couple" => return Some(None),
        _ => return None,
    };
    Some(Some(n))
}

fn ordinal_of(word: &str) -> Option<u32> {
    Some(match word {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

fn season_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

fn part_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "nights" => "NI",
        _ => return None,
    })
}

/// The words of `lower` (an expression, lower-cased), as slices of it.
fn tokens(lower: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for raw in lower.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')')) {
        if raw.is_empty() {
            continue;
        }
        // "a.m." and "p.m." stay whole; other periods are abbreviation marks.
        if raw.starts_with("a.m") {
            out.push("am");
            continue;
        }
        if raw.starts_with("p.m") {
            out.push("pm");
            continue;
        }
        for part in raw.split('-') {
            let t = part.trim_end_matches('.').trim_matches('\'');
            if !t.is_empty() {
                out.push(t);
            }
        }
    }
    // Join "a.\s?m." split by a space.
    out
}

fn features(s: &str) -> Features {
    let lower = s.to_ascii_lowercase();
    let toks = tokens(&lower);
    let mut f = Features::default();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let next = toks.get(i + 1).copied();
        if let Some(m) = month_of(t) {
            f.month = Some(m);
        } else if let Some((d, plural)) = weekday_of(t) {
            f.weekday = Some(d);
            f.plural_weekday = plural;
        } else if t.contains(':') {
            let mut it = t.split(':');
            let h = it.next().and_then(|h| h.parse().ok());
            let m = it.next().and_then(|m| m.parse().ok());
            if let Some(h) = h {
                f.clock = Some((h, m));
            }
        } else if t == "am" || t == "pm" {
            f.pm = Some(t == "pm");
        } else if t == "a" && next == Some("m") || t == "p" && next == Some("m") {
            f.pm = Some(t == "p");
            i += 1;
        } else if t == "noon" || t == "midday" {
            f.clock = Some((12, Some(0)));
        } else if t == "midnight" {
            f.clock = Some((24, None));
        } else if matches!(t, "utc" | "gmt") {
            f.utc = true;
        } else if let Some(d) = t
            .strip_suffix("0s")
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        {
            f.decade = Some(match d.len() {
                3 => d.to_string(),
                1 => format!("19{d}"),
                _ => String::new(),
            });
        } else if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
            let n: u32 = t.parse().unwrap_or(0);
            let clock_follows = matches!(next, Some("am" | "pm" | "a" | "p" | "in" | "o'clock"));
            if clock_follows {
                f.clock = Some((n, None));
            } else if t.len() == 4 && (1600..2100).contains(&n) {
                f.year = Some(n as i32);
            } else if (1..=31).contains(&n)
                && (f.month.is_some() && f.day.is_none() && !unit_next(next)
                    || next.and_then(month_of).is_some())
            {
                f.day = Some(n);
            } else {
                f.number = Some(t.parse::<f64>().ok());
            }
        } else if let Some(n) = day_ordinal(t).filter(|_| {
            f.month.is_some() || next.and_then(month_of).is_some() || next == Some("of")
        }) {
            f.day = Some(n);
        } else if let Some(c) = century_ordinal(t).filter(|_| next == Some("century")) {
            f.century = Some(c);
            i += 1;
        } else if let Some(q) =
            ordinal_of(t).filter(|_| matches!(next, Some("quarter" | "quarters" | "half")))
        {
            f.ordinal = Some(q);
        } else if t == "quarter" || t == "quarters" {
            f.quarter = true;
            f.unit = Some(Unit::Quarter);
            f.plural_unit = t.ends_with('s');
        } else if t == "half" {
            if f.ordinal.is_some() || next == Some("of") {
                f.half = true;
            } else if let Some(Some(n)) = f.number {
                f.number = Some(Some(n + 0.5));
            } else {
                f.number = Some(Some(0.5));
            }
        } else if t == "ago" || t == "earlier" && f.number.is_some() {
            f.ago = Some(-1);
            f.from_reference = t == "earlier";
        } else if (t == "later" || t == "hence") && f.number.is_some() {
            f.ago = Some(1);
            f.from_reference = t == "later";
        } else if t == "from" && next == Some("now") {
            f.ago = Some(1);
            i += 1;
        } else if t == "year"
            && matches!(next, Some("ago" | "earlier"))
            && f.number.is_none()
            && (i + 2 < toks.len() || i == 0)
        {
            f.year_ago = true;
            i += 1;
        } else if (t == "night" || t == "nights") && (f.weekday.is_some() || f.deictic.is_some()) {
            f.part = Some("NI");
            // "Tuesday nights" recur.
            f.plural_weekday |= t == "nights";
        } else if let Some((u, plural)) = unit_of(t) {
            f.unit = Some(u);
            f.plural_unit = plural;
        } else if t == "1/2" {
            f.number = Some(f.number.flatten().map(|n| n + 0.5));
        } else if let Some(n) = number_of(t) {
            // "a" before a unit is one; "a few" is vague; "twenty four" is 24.
            match (f.number, n) {
                (Some(Some(1.0)), None) => f.number = Some(None),
                (Some(Some(tens)), Some(unit))
                    if tens >= 20.0 && tens % 10.0 == 0.0 && unit < 10.0 =>
                {
                    f.number = Some(Some(tens + unit))
                }
                (Some(_), _) if t == "a" => {}
                _ => f.number = Some(n),
            }
            if n.is_none() {
                f.vague = true;
            }
        } else if let Some(s) = season_of(t) {
            f.season = Some(s);
        } else if let Some(p) = part_of(t) {
            f.part = Some(p);
        } else {
            match t {
                "this" | "current" | "present" => f.rel = f.rel.or(Some(Rel::This)),
                // "this past", "the same period last year": the past wins.
                "last" | "past" | "previous" | "prior" | "latest" | "recent" | "final"
                    if f.rel != Some(Rel::Next) =>
                {
                    f.rel = Some(Rel::Last)
                }
                "next" | "coming" | "following" | "upcoming" => f.rel = Some(Rel::Next),
                "same" | "that" => f.rel = Some(Rel::Same),
                "every" | "each" | "per" => f.every = true,
                "today" => f.deictic = Some(0),
                "yesterday" => f.deictic = Some(-1),
                "tomorrow" => f.deictic = Some(1),
                "tonight" => {
                    f.deictic = Some(0);
                    f.tonight = true;
                }
                "overnight" => {
                    f.deictic = Some(0);
                    f.part = Some("NI");
                }
                "ahead" => f.rel = Some(Rel::Next),
                "long" | "old" | "straight" | "consecutive" | "full" | "more" => f.span_word = true,
                _ => {}
            }
        }
        i += 1;
    }
    if toks.iter().any(|&t| t == "year" || t == "years")
        && toks.iter().any(|&t| t == "ago" || t == "earlier")
        && f.number.is_none()
    {
        f.year_ago = true;
    }
    f
}

fn unit_next(next: Option<&str>) -> bool {
    next.is_some_and(|n| unit_of(n).is_some())
}

fn day_ordinal(t: &str) -> Option<u32> {
    let digits = t
        .strip_suffix("st")
        .or_else(|| t.strip_suffix("nd"))
        .or_else(|| t.strip_suffix("rd"))
        .or_else(|| t.strip_suffix("th"))?;
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn century_ordinal(t: &str) -> Option<u32> {
    if let Some(n) = day_ordinal(t) {
        return Some(n);
    }
    const WORDS: [&str; 21] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "twenty",
    ];
    WORDS.iter().position(|w| *w == t).map(|i| i as u32 + 1)
}

fn unit_code(u: Unit) -> (&'static str, &'static str, f64) {
    // (prefix after P, unit letter, multiplier)
    match u {
        Unit::Second => ("T", "S", 1.0),
        Unit::Minute => ("T", "M", 1.0),
        Unit::Hour => ("T", "H", 1.0),
        Unit::Day | Unit::Night => ("", "D", 1.0),
        Unit::Week => ("", "W", 1.0),
        Unit::Weekend => ("", "WE", 1.0),
        Unit::Month => ("", "M", 1.0),
        Unit::Quarter => ("", "Q", 1.0),
        Unit::Year => ("", "Y", 1.0),
        Unit::Decade => ("", "Y", 10.0),
        Unit::Century => ("", "Y", 100.0),
    }
}

fn duration_value(n: Option<f64>, u: Unit) -> String {
    let (t, letter, mult) = unit_code(u);
    match n {
        Some(n) => {
            let v = n * mult;
            let whole = v.trunc() as i64;
            if v.fract() == 0.0 {
                format!("P{t}{whole}{letter}")
            } else if v.fract() == 0.5
                && matches!(u, Unit::Year | Unit::Hour | Unit::Minute | Unit::Day)
            {
                match u {
                    Unit::Year => format!("P{whole}Y6M"),
                    Unit::Day => format!("P{whole}DT12H"),
                    Unit::Hour => format!("PT{whole}H30M"),
                    _ => format!("PT{whole}M30S"),
                }
            } else {
                format!("P{t}{v}{letter}")
            }
        }
        None => {
            let letter = match u {
                Unit::Decade => "DE",
                Unit::Century => "CE",
                _ => letter,
            };
            format!("P{t}X{letter}")
        }
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year * 12 + month as i32 - 1 + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

/// The year a month (and day) without a year most likely belongs to.
fn year_for(month: u32, day: Option<u32>, ctx: &Context) -> Option<i32> {
    let dct = ctx.dct?;
    let here = (dct.month(), dct.day());
    let there = (month, day.unwrap_or(if ctx.future { 31 } else { 1 }));
    // News mostly reports the past: a month well after the creation date is last year's;
    // under a future verb, a month well before it is next year's. (A past verb is no
    // better a cue here: the nearest one is often "said".)
    let diff = month as i32 - dct.month() as i32;
    Some(if ctx.future && there < here && diff < -2 {
        dct.year() + 1
    } else if !ctx.future && there > here && diff > 2 {
        dct.year() - 1
    } else {
        dct.year()
    })
}

fn weekday_date(wd: Weekday, ctx: &Context) -> Option<NaiveDate> {
    let dct = ctx.dct?;
    let diff = wd.num_days_from_monday() as i64 - dct.weekday().num_days_from_monday() as i64;
    Some(if ctx.future {
        dct + Duration::days(if diff >= 0 { diff } else { diff + 7 })
    } else {
        dct + Duration::days(if diff <= 0 { diff } else { diff - 7 })
    })
}

fn or_x<T: std::fmt::Display>(v: Option<T>, x: &str) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| x.to_string())
}

fn last_quarter(dct: NaiveDate) -> (i32, u32) {
    let q = quarter_of(dct);
    if q == 1 {
        (dct.year() - 1, 4)
    } else {
        (dct.year(), q - 1)
    }
}

/// The TIMEX3 type and value of `s` in its context, or `None` to drop it.
pub fn normalise(s: &str, ctx: &Context) -> Option<(TimexType, String)> {
    let flat = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    if let Some((k, v)) = lexicon::lookup(&flat) {
        return Some((k, v.to_string()));
    }
    if let Some(v) = numeric_date(&flat) {
        return Some((TimexType::Date, v));
    }
    if let Some(v) = holiday_value(&flat, ctx) {
        return Some((TimexType::Date, v));
    }
    let f = features(s);
    let dct = ctx.dct;
    let year_s = |y: Option<i32>| or_x(y.map(|y| format!("{y:04}")), "XXXX");

    // Recurrences.
    if f.every || f.plural_weekday {
        let v = if let Some(wd) = f.weekday {
            let mut v = format!("XXXX-WXX-{}", wd.number_from_monday());
            if let Some(p) = f.part {
                v += &format!("T{p}");
            }
            v
        } else if let Some(m) = f.month {
            format!("XXXX-{m:02}")
        } else if let Some(s) = f.season {
            format!("XXXX-{s}")
        } else if let Some(u) = f.unit {
            duration_value(Some(f.number.flatten().unwrap_or(1.0)), u)
        } else if let Some(p) = f.part {
            format!("XXXX-XX-XXT{p}")
        } else {
            return None;
        };
        return Some((TimexType::Set, v));
    }

    // Clock times.
    if let Some((h, m)) = f.clock {
        let h = match (f.pm, f.part) {
            (Some(true), _) if h < 12 => h + 12,
            (Some(false), _) if h == 12 => 0,
            (None, Some("AF" | "EV")) if h < 12 => h + 12,
            _ => h,
        };
        if h > 24 {
            return None;
        }
        let date = if let Some(d) = f.deictic {
            dct.map(|x| ymd(x + Duration::days(d)))
        } else if let Some(wd) = f.weekday {
            weekday_date(wd, ctx).map(ymd)
        } else if let Some(mo) = f.month {
            f.day.map(|d| {
                format!(
                    "{}-{mo:02}-{d:02}",
                    year_s(f.year.or(year_for(mo, Some(d), ctx)))
                )
            })
        } else {
            dct.map(ymd)
        }
        .unwrap_or_else(|| "XXXX-XX-XX".to_string());
        let mut v = match m {
            Some(m) => format!("{date}T{h:02}:{m:02}"),
            None => format!("{date}T{h:02}:00"),
        };
        if f.utc {
            v.push('Z');
        }
        return Some((TimexType::Time, v));
    }

    // "two weeks ago", "a year earlier", "three days later".
    if let (Some(sign), Some(u)) = (f.ago, f.unit) {
        let n = match f.number {
            // Absurd counts ("99999999 days ago") are read as vague, not computed.
            Some(Some(n)) if n <= 10_000.0 => n,
            _ => {
                return Some((
                    TimexType::Date,
                    if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
                ))
            }
        };
        let k = (n.round() as i64) * sign as i64;
        let Some(d) = dct else {
            return Some((
                TimexType::Date,
                match u {
                    Unit::Day => "XXXX-XX-XX",
                    Unit::Week => "XXXX-WXX",
                    Unit::Month => "XXXX-XX",
                    _ => "XXXX",
                }
                .into(),
            ));
        };
        let v = match u {
            Unit::Day | Unit::Night => {
                let base = if f.from_reference {
                    ctx.reference.unwrap_or(d)
                } else {
                    d
                };
                ymd(base + Duration::days(k))
            }
            Unit::Week => iso_week(d + Duration::weeks(k)),
            Unit::Month => {
                let (y, m) = add_months(d.year(), d.month(), k as i32);
                format!("{y:04}-{m:02}")
            }
            Unit::Quarter => {
                let (y, m) = add_months(d.year(), d.month(), 3 * k as i32);
                format!("{y:04}-Q{}", (m - 1) / 3 + 1)
            }
            Unit::Year if ctx.quarterly && k == -1 => {
                let (y, q) = last_quarter(d);
                format!("{:04}-Q{q}", y - 1)
            }
            Unit::Year => format!("{:04}", d.year() as i64 + k),
            Unit::Decade => format!("{:04}", d.year() as i64 + 10 * k),
            Unit::Century => format!("{:04}", d.year() as i64 + 100 * k),
            Unit::Hour | Unit::Minute | Unit::Second | Unit::Weekend => ymd(d),
        };
        return Some((TimexType::Date, v));
    }

    // Fiscal quarters and halves.
    if (f.quarter && f.number.is_none()) || f.half {
        let explicit_year = f.year;
        let (mut y, q) = match (f.ordinal, dct) {
            (Some(q), Some(d)) => {
                // A later quarter than the current one is last year's when spoken of in
                // the past, or early in a year (results just reported).
                let mut y = d.year();
                if !ctx.future && (q >= quarter_of(d) + 3 || ctx.past && q > quarter_of(d)) {
                    y -= 1;
                }
                if f.rel == Some(Rel::Next) {
                    y = d.year() + 1;
                }
                (Some(y), Some(q))
            }
            (Some(q), None) => (None, Some(q)),
            (None, Some(d)) => match f.rel {
                Some(Rel::This) => (Some(d.year()), Some(quarter_of(d))),
                Some(Rel::Next) => {
                    let (y, m) = add_months(d.year(), d.month(), 3);
                    (Some(y), Some((m - 1) / 3 + 1))
                }
                _ => {
                    let (y, q) = last_quarter(d);
                    (Some(y), Some(q))
                }
            },
            (None, None) => (None, None),
        };
        if f.year_ago || s.to_ascii_lowercase().contains("last year") {
            y = y.map(|y| y - 1);
        }
        if s.to_ascii_lowercase().contains("next year") {
            y = dct.map(|d| d.year() + 1);
        }
        let y = explicit_year.or(y);
        let v = if f.half {
            format!("{}-H{}", year_s(y), or_x(f.ordinal.map(|o| o.min(2)), "X"))
        } else {
            format!("{}-Q{}", year_s(y), or_x(q, "X"))
        };
        return Some((TimexType::Date, v));
    }

    // "year-ago", "year-earlier" alone.
    if f.year_ago && f.unit.is_none() && f.number.is_none() {
        let v = match dct {
            Some(d) if ctx.quarterly => {
                let (y, q) = last_quarter(d);
                format!("{:04}-Q{q}", y - 1)
            }
            Some(d) => format!("{:04}", d.year() - 1),
            None => "XXXX".into(),
        };
        return Some((TimexType::Date, v));
    }

    // Durations: "24 years", "the past five years", "several months", "two-year".
    if let (Some(n), Some(u)) = (f.number, f.unit) {
        return Some((TimexType::Duration, duration_value(n, u)));
    }
    if let Some(u) = f.unit.filter(|_| f.plural_unit && f.month.is_none()) {
        if f.rel == Some(Rel::Last) && s.to_ascii_lowercase().contains("recent") && u == Unit::Year
        {
            return Some((TimexType::Date, "PAST_REF".into()));
        }
        return Some((TimexType::Duration, duration_value(None, u)));
    }

    // Calendar dates.
    if f.year.is_some() || f.month.is_some() {
        if let Some(m) = f.month {
            let lower = s.to_ascii_lowercase();
            let shift = if lower.ends_with("last year") {
                Some(-1)
            } else if lower.ends_with("next year") {
                Some(1)
            } else if lower.ends_with("this year") {
                Some(0)
            } else {
                None
            };
            let y = f
                .year
                .or_else(|| shift.and_then(|k| dct.map(|d| d.year() + k)))
                .or_else(|| year_for(m, f.day, ctx));
            let v = match f.day {
                Some(d) => format!("{}-{m:02}-{d:02}", year_s(y)),
                None if shift.is_some() || f.year.is_some() => format!("{}-{m:02}", year_s(y)),
                None => match f.rel {
                    Some(Rel::Last) => format!("{}-{m:02}", year_s(last_of_month(m, ctx))),
                    Some(Rel::Next) => format!("{}-{m:02}", year_s(next_of_month(m, ctx))),
                    Some(Rel::This) => format!("{}-{m:02}", year_s(dct.map(|d| d.year()))),
                    _ => format!("{}-{m:02}", year_s(y)),
                },
            };
            return Some((TimexType::Date, v));
        }
        let y = f.year?;
        if let Some(s) = f.season {
            return Some((TimexType::Date, format!("{y:04}-{s}")));
        }
        if s.to_ascii_lowercase().starts_with("mid") {
            return Some((TimexType::Date, format!("{y:04}")));
        }
        return Some((TimexType::Date, format!("{y:04}")));
    }
    if let Some(d) = &f.decade {
        if d.is_empty() {
            return None;
        }
        return Some((TimexType::Date, format!("{d}X")));
    }
    if let Some(c) = f.century {
        return Some((TimexType::Date, format!("{:02}", c.saturating_sub(1))));
    }

    // Days named by their relation to today.
    if let Some(k) = f.deictic {
        let date = dct
            .map(|d| ymd(d + Duration::days(k)))
            .unwrap_or_else(|| "XXXX-XX-XX".into());
        if f.tonight {
            return Some((TimexType::Time, format!("{date}TNI")));
        }
        if let Some(p) = f.part {
            return Some((TimexType::Time, format!("{date}T{p}")));
        }
        return Some((TimexType::Date, date));
    }

    // Seasons.
    if let Some(season) = f.season {
        let y = dct.map(|d| match f.rel {
            Some(Rel::Last) => d.year() - 1,
            Some(Rel::Next) => d.year() + 1,
            _ => d.year(),
        });
        return Some((TimexType::Date, format!("{}-{season}", year_s(y))));
    }

    // Named days of the week: "Friday", "last Friday", "Friday morning".
    if let Some(wd) = f.weekday {
        let mut c = *ctx;
        match f.rel {
            Some(Rel::Last) => c.future = false,
            Some(Rel::Next) => c.future = true,
            _ => {}
        }
        let mut date = match (weekday_date(wd, &c), f.rel) {
            (Some(d), Some(Rel::Last)) if Some(d) == dct => ymd(d - Duration::days(7)),
            (Some(d), _) => ymd(d),
            (None, _) => format!("XXXX-WXX-{}", wd.number_from_monday()),
        };
        if let Some(p) = f.part {
            date += &format!("T{p}");
            return Some((TimexType::Time, date));
        }
        return Some((TimexType::Date, date));
    }

    // "this week", "last month", "the next day", "this morning", "the same day".
    if let Some(u) = f.unit {
        let rel = f.rel;
        let shift: i64 = match rel {
            Some(Rel::Last) => -1,
            Some(Rel::Next) => 1,
            _ => 0,
        };
        let Some(d) = dct else {
            let v = match u {
                Unit::Day | Unit::Night => "XXXX-XX-XX",
                Unit::Week | Unit::Weekend => "XXXX-WXX",
                Unit::Month => "XXXX-XX",
                Unit::Quarter => "XXXX-QX",
                Unit::Decade => "XXX",
                Unit::Century => "XX",
                _ => "XXXX",
            };
            return Some((TimexType::Date, v.into()));
        };
        let v = match u {
            Unit::Night => {
                let base = if rel == Some(Rel::This) {
                    d
                } else {
                    ctx.reference.unwrap_or(d)
                };
                let base = if rel == Some(Rel::Last) { d } else { base };
                return Some((
                    TimexType::Time,
                    format!("{}TNI", ymd(base + Duration::days(shift))),
                ));
            }
            Unit::Day => ymd(ctx.reference.unwrap_or(d) + Duration::days(shift)),
            Unit::Week => iso_week(d + Duration::weeks(shift)),
            Unit::Weekend => {
                let mut w = d + Duration::weeks(shift);
                // "The weekend" early in a week is the one just past; "this weekend" is
                // the coming one.
                if rel.is_none() && !ctx.future && d.weekday().num_days_from_monday() < 4 {
                    w -= Duration::weeks(1);
                }
                format!("{}-WE", iso_week(w))
            }
            Unit::Month => {
                let (y, m) = add_months(d.year(), d.month(), shift as i32);
                format!("{y:04}-{m:02}")
            }
            Unit::Quarter => {
                let (y, m) = add_months(d.year(), d.month(), 3 * shift as i32);
                format!("{y:04}-Q{}", (m - 1) / 3 + 1)
            }
            Unit::Year => format!("{:04}", d.year() as i64 + shift),
            Unit::Decade => {
                if shift < 0
                    && f.rel == Some(Rel::Last)
                    && !s.to_ascii_lowercase().starts_with("last")
                {
                    return Some((TimexType::Duration, "P10Y".into()));
                }
                format!("{}", (d.year() as i64 / 10) + shift)
            }
            Unit::Century => format!("{:02}", d.year() as i64 / 100 + shift),
            Unit::Hour | Unit::Minute | Unit::Second => return None,
        };
        return Some((TimexType::Date, v));
    }
    if let Some(p) = f.part {
        let date = dct.map(|d| {
            if rel_is(&f, Rel::Last) && p == "NI" {
                ymd(d - Duration::days(1))
            } else {
                ymd(d)
            }
        });
        let date = date.unwrap_or_else(|| "XXXX-XX-XX".into());
        return Some((TimexType::Time, format!("{date}T{p}")));
    }
    None
}

fn rel_is(f: &Features, r: Rel) -> bool {
    f.rel == Some(r)
}

fn last_of_month(m: u32, ctx: &Context) -> Option<i32> {
    let d = ctx.dct?;
    Some(if m < d.month() {
        d.year()
    } else {
        d.year() - 1
    })
}

fn next_of_month(m: u32, ctx: &Context) -> Option<i32> {
    let d = ctx.dct?;
    Some(if m > d.month() {
        d.year()
    } else {
        d.year() + 1
    })
}

/// The date of a named holiday (lower case, without a final "day") in `year`.
fn holiday(name: &str, year: i32) -> Option<NaiveDate> {
    let nth =
        |month: u32, wd: Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(year, month, wd, n);
    let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    match name.trim_end_matches(" day") {
        "christmas" => fixed(12, 25),
        "christmas eve" => fixed(12, 24),
        "new year's" => fixed(1, 1),
        "new year's eve" => fixed(12, 31),
        "thanksgiving" => nth(11, Weekday::Thu, 4),
        "election" => nth(11, Weekday::Mon, 1).map(|d| d + Duration::days(1)),
        "independence" => fixed(7, 4),
        "valentine's" => fixed(2, 14),
        "halloween" => fixed(10, 31),
        "easter" | "easter sunday" => easter(year),
        "easter monday" => easter(year).map(|d| d + Duration::days(1)),
        "good friday" => easter(year).map(|d| d - Duration::days(2)),
        "labor" => nth(9, Weekday::Mon, 1),
        "memorial" => {
            let d = fixed(5, 31)?;
            Some(d - Duration::days(d.weekday().num_days_from_monday() as i64))
        }
        "boxing" => fixed(12, 26),
        "veterans" => fixed(11, 11),
        "mother's" => nth(5, Weekday::Sun, 2),
        "father's" => nth(6, Weekday::Sun, 3),
        _ => None,
    }
}

/// Whether a holiday falls on the same month and day every year.
fn fixed_holiday(name: &str) -> bool {
    holiday(name, 2001).map(|d| (d.month(), d.day()))
        == holiday(name, 2002).map(|d| (d.month(), d.day()))
}

/// Easter Sunday (Gregorian calendar), by the anonymous Gregorian algorithm.
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// The value of "Thanksgiving", "last Christmas", "Easter 2024"…, if `flat` (lower case)
/// names a holiday.
fn holiday_value(flat: &str, ctx: &Context) -> Option<String> {
    let (rel, rest) = match flat.split_once(' ') {
        Some((r @ ("last" | "next" | "this"), rest)) => (Some(r), rest),
        _ => (None, flat),
    };
    let (name, year) = match rest.rsplit_once(' ') {
        Some((n, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            (n.trim_end_matches(','), y.parse().ok())
        }
        _ => (rest, None),
    };
    holiday(name, 2000)?;
    let date = match (year, ctx.dct) {
        (Some(y), _) => holiday(name, y),
        (None, Some(dct)) => {
            let here = holiday(name, dct.year())?;
            let back = match rel {
                Some("last") => here >= dct,
                Some(_) => false,
                None => !ctx.future && here > dct + Duration::days(7),
            };
            let ahead = match rel {
                Some("next") => here <= dct,
                _ => ctx.future && here < dct,
            };
            if back {
                holiday(name, dct.year() - 1)
            } else if ahead {
                holiday(name, dct.year() + 1)
            } else {
                Some(here)
            }
        }
        (None, None) => {
            let d = holiday(name, 2001)?;
            return Some(if fixed_holiday(name) {
                format!("XXXX-{:02}-{:02}", d.month(), d.day())
            } else {
                "XXXX-XX-XX".into()
            });
        }
    };
    date.map(ymd)
}

/// "2013-03-15" and US-style "3/15/2013" or "3/15/13".
fn numeric_date(flat: &str) -> Option<String> {
    let parts: Vec<&str> = if flat.contains('/') {
        flat.split('/').collect()
    } else {
        flat.split('-').collect()
    };
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if parts[0].len() == 4 {
        (n(parts[0])? as i32, n(parts[1])?, n(parts[2])?)
    } else {
        let y = n(parts[2])? as i32;
        let y = match parts[2].len() {
            2 if y < 50 => 2000 + y,
            2 => 1900 + y,
            _ => y,
        };
        (y, n(parts[0])?, n(parts[1])?)
    };
    NaiveDate::from_ymd_opt(y, m, d).map(ymd)
}
