//! Spans and values of typical expressions against a fixed creation date.

use super::*;
use crate::analysis::text;

fn dct() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 3, 25)
}

/// (matched text, type, value) of every expression found in `s`.
fn found(s: &str, dct: Option<NaiveDate>) -> Vec<(String, &'static str, String)> {
    let sentences = text::sentences(s);
    extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct,
    )
    .into_iter()
    .map(|t| (s[t.span].to_string(), t.kind.as_str(), t.value))
    .collect()
}

fn one(s: &str, dct: Option<NaiveDate>) -> (String, &'static str, String) {
    let f = found(s, dct);
    assert_eq!(f.len(), 1, "{s:?} gave {f:?}");
    f.into_iter().next().unwrap()
}

fn check(s: &str, span: &str, kind: &str, value: &str) {
    let (t, k, v) = one(s, dct());
    assert_eq!((t.as_str(), k, v.as_str()), (span, kind, value), "in {s:?}");
}

#[test]
fn calendar_dates() {
    check(
        "The attack happened on 22 March 2024.",
        "22 March 2024",
        "DATE",
        "2024-03-22",
    );
    check(
        "It opened on March 22, 2024 in Moscow.",
        "March 22, 2024",
        "DATE",
        "2024-03-22",
    );
    check(
        "It opened on March 22 in Moscow.",
        "March 22",
        "DATE",
        "2024-03-22",
    );
    check("Sales fell in 2023.", "2023", "DATE", "2023");
    check("He left in March 2019.", "March 2019", "DATE", "2019-03");
    check("Prices soared in the 1990s.", "the 1990s", "DATE", "199X");
    check(
        "The deal closed on Sept. 30.",
        "Sept. 30",
        "DATE",
        "2023-09-30",
    );
}

#[test]
fn without_dct_unknown_parts_stay_x() {
    assert_eq!(one("It opened on March 22.", None).2, "XXXX-03-22");
    assert_eq!(one("He resigned last week.", None).2, "XXXX-WXX");
    assert_eq!(one("He resigned yesterday.", None).2, "XXXX-XX-XX");
    assert_eq!(one("He resigned on Monday.", None).2, "XXXX-WXX-1");
    assert_eq!(one("He resigned last year.", None).2, "XXXX");
    assert_eq!(one("It rose in the third quarter.", None).2, "XXXX-Q3");
}

#[test]
fn relative_dates() {
    check("He resigned last week.", "last week", "DATE", "2024-W12");
    check("He resigned yesterday.", "yesterday", "DATE", "2024-03-24");
    check(
        "It rained over the weekend.",
        "the weekend",
        "DATE",
        "2024-W12-WE",
    );
    check(
        "It may rain this weekend.",
        "this weekend",
        "DATE",
        "2024-W13-WE",
    );
    check("Profits rose this year.", "this year", "DATE", "2024");
    check("Profits rose last year.", "last year", "DATE", "2023");
    check(
        "Sales beat the same period last year.",
        "the same period last year",
        "DATE",
        "2023",
    );
    check("It rained on Friday.", "Friday", "DATE", "2024-03-22");
    check("They will meet on Friday.", "Friday", "DATE", "2024-03-29");
    check(
        "Earlier this month, he quit.",
        "Earlier this month",
        "DATE",
        "2024-03",
    );
    check(
        "Costs rose in recent years.",
        "recent years",
        "DATE",
        "PAST_REF",
    );
    check("He is now in charge.", "now", "DATE", "PRESENT_REF");
    check(
        "She is currently abroad.",
        "currently",
        "DATE",
        "PRESENT_REF",
    );
    check(
        "Profits fell in the third quarter.",
        "the third quarter",
        "DATE",
        "2023-Q3",
    );
    check(
        "Two weeks ago, the mill closed.",
        "Two weeks ago",
        "DATE",
        "2024-W11",
    );
}

#[test]
fn holidays() {
    check(
        "They met on Thanksgiving Day.",
        "Thanksgiving Day",
        "DATE",
        "2023-11-23",
    );
    check(
        "We meet at Easter 2024.",
        "Easter 2024",
        "DATE",
        "2024-03-31",
    );
    check(
        "It snowed last Christmas.",
        "last Christmas",
        "DATE",
        "2023-12-25",
    );
    assert_eq!(one("It snowed on Christmas Day.", None).2, "XXXX-12-25");
}

#[test]
fn times() {
    check(
        "The shooting began at 3 p.m. sharp.",
        "3 p.m.",
        "TIME",
        "2024-03-25T15:00",
    );
    check(
        "He spoke this morning.",
        "this morning",
        "TIME",
        "2024-03-25TMO",
    );
    check("They meet tonight.", "tonight", "TIME", "2024-03-25TNI");
    check(
        "He left at 4 in the afternoon.",
        "4 in the afternoon",
        "TIME",
        "2024-03-25T16:00",
    );
    check(
        "The vote was held on Tuesday night.",
        "Tuesday night",
        "TIME",
        "2024-03-19TNI",
    );
    check(
        "At 9:30 a.m. ET Monday, trading halted.",
        "9:30 a.m. ET Monday",
        "TIME",
        "2024-03-25T09:30",
    );
}

#[test]
fn durations() {
    check(
        "Putin has ruled for 24 years.",
        "24 years",
        "DURATION",
        "P24Y",
    );
    check("It took five hours.", "five hours", "DURATION", "PT5H");
    check(
        "Crime fell over the past five years.",
        "the past five years",
        "DURATION",
        "P5Y",
    );
    check(
        "The siege lasted several months.",
        "several months",
        "DURATION",
        "PXM",
    );
    check("It is a two-year deal.", "two-year", "DURATION", "P2Y");
    check(
        "It posted the third-quarter loss.",
        "third-quarter",
        "DATE",
        "2023-Q3",
    );
    check(
        "It came just hours after the law.",
        "hours",
        "DURATION",
        "PTXH",
    );
    assert!(found("The years of his rule.", dct()).is_empty());
}

#[test]
fn sets() {
    check("They meet every year.", "every year", "SET", "P1Y");
    check(
        "Dividends are paid every quarter.",
        "every quarter",
        "SET",
        "P1Q",
    );
    check("The paper appears weekly.", "weekly", "SET", "P1W");
    check("Rents are reviewed annually.", "annually", "SET", "P1Y");
    check(
        "He calls each Thursday.",
        "each Thursday",
        "SET",
        "XXXX-WXX-4",
    );
}

#[test]
fn not_time_expressions() {
    assert!(found("You may go. He will march on.", dct()).is_empty());
    assert!(found("It cost $2024 and 1,999 votes.", dct()).is_empty());
    assert!(found("The Russell 2000 Index rose to 2020.90 points.", dct()).is_empty());
    assert!(found("It lost about a quarter of its value.", dct()).is_empty());
    assert_eq!(found("In 2004, Airbus sold more.", dct()).len(), 1);
    assert!(found("He came a second time.", dct()).is_empty());
}

#[test]
fn timeline_orders_by_time_and_covers_the_sentence() {
    let s = "The vote is next year. The war began in 2022. Prices rose yesterday.";
    let sentences = text::sentences(s);
    let tx = extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct(),
    );
    let tl = timeline(s, &sentences, &tx);
    let values: Vec<_> = tl.iter().map(|e| e.value.clone().unwrap()).collect();
    assert_eq!(values, ["2022", "2024-03-24", "2025"]);
    assert_eq!(&s[tl[0].span.clone()], "The war began in 2022.");
    assert_eq!(tl.iter().map(|e| e.order).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn dateline_anchors_the_lead() {
    let s = "Plant closes\n\nMarch 21, 2024\n\nThe plant closed. Workers left.";
    let sentences = text::sentences(s);
    let tx = extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct(),
    );
    let tl = timeline(s, &sentences, &tx);
    assert_eq!(tl.len(), 1);
    assert_eq!(tl[0].text, "Plant closes");
    assert!(tl[0].span.end >= s.find("Workers left").unwrap());
}

#[test]
fn entry_carries_over_undated_sentences() {
    let s =
        "The plant closed in 2019. Workers left. Shops shut. Stores failed. It reopened in 2023.";
    let sentences = text::sentences(s);
    let tx = extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct(),
    );
    let tl = timeline(s, &sentences, &tx);
    assert_eq!(tl.len(), 2);
    assert_eq!(
        &s[tl[0].span.clone()],
        "The plant closed in 2019. Workers left. Shops shut."
    );
    assert_eq!(&s[tl[1].span.clone()], "It reopened in 2023.");
}

#[test]
fn after_sentences_follow_their_anchor() {
    let s = "The war began in 2022. Subsequently, talks failed. The plan dates from 2020.";
    let sentences = text::sentences(s);
    let tx = extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct(),
    );
    let tl = timeline(s, &sentences, &tx);
    let got: Vec<_> = tl
        .iter()
        .map(|e| (e.order, e.value.as_deref(), e.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (0, Some("2020"), "The plan dates from 2020."),
            (1, Some("2022"), "The war began in 2022."),
            (2, None, "Subsequently, talks failed."),
        ]
    );
}

#[test]
fn absurd_numbers_do_not_panic() {
    let s = "It was 99999999999999999999 days ago, 9999999999 weeks ago, 99999 years later.";
    let f = found(s, dct());
    assert_eq!(f.len(), 3);
    assert_eq!(f[0].2, "PAST_REF");
}

#[test]
fn non_ascii_text_keeps_char_boundaries() {
    let s = "Он приехал 22 March 2024 — 東京 🎉 yesterday… «la semaine dernière» now—then 3 p.m.";
    let f = found(s, dct());
    let spans: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(spans, ["22 March 2024", "yesterday", "now", "3 p.m."]);
    let sentences = text::sentences(s);
    let tx = extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct(),
    );
    for e in timeline(s, &sentences, &tx) {
        assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
        assert!(e.text.chars().count() <= 80);
    }
    assert!(found("", dct()).is_empty());
}

#[test]
fn later_counts_from_the_date_last_named() {
    let f = found(
        "The court met on March 1. Three days later it ruled.",
        dct(),
    );
    assert_eq!(f[1].0, "Three days later");
    assert_eq!(f[1].2, "2024-03-04");
    let f = found("The court met on March 1. It ruled three days ago.", dct());
    assert_eq!(f[1].2, "2024-03-22");
}

#[test]
fn capitalised_preposition_before_a_year_and_a_name() {
    let t = found("Ж😀 In 2019 Anna Petrova said prices rose.", dct());
    assert_eq!(t.len(), 1, "{t:?}");
}

#[test]
fn event_text_does_not_break_numbers_at_their_commas() {
    let s = "The ministry said orders for new tractors rose 12,500 last week to 310,000, the most since the spring.";
    let sentences = text::sentences(s);
    let tx = extract(
        s,
        &crate::analysis::tokens::Tokens::new(s, &sentences),
        &sentences,
        dct(),
    );
    let tl = timeline(s, &sentences, &tx);
    let e = tl
        .iter()
        .find(|e| e.value.as_deref() == Some("2024-W12"))
        .expect("last week");
    assert!(e.text.contains("rose 12,500"), "{}", e.text);
    assert!(!e.text.starts_with("500"), "{}", e.text);
}
