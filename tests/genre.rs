//! What a document reads as, and what that changes: in a news report the reporter's own
//! statements are claims only when check-worthy (the rest is narration, which
//! `lede compare` still lines up); in an opinion piece the author's checkable statements
//! stay claims. Every sentence here was written for these tests.

use lede::analysis::{analyze, Analysis, ClaimId, ClaimKind, Genre};

/// A short news report: officials and a director quoted, a few figures, and the
/// reporter's account of a visit.
const REPORT: &str = r#"Bridge opening pushed back to March

City officials said on Tuesday that the new river bridge will open in March, two months later than planned.

The delay follows a dispute between the contractor and the state over the price of steel, according to documents seen by reporters.

"We are doing everything we can to open it safely," said Maria Lopez, the city's transport director.

The bridge, which cost $240 million, is expected to carry about 40,000 vehicles a day. Work on it began in 2021 after years of planning.

The contractor, Harlow Construction, did not respond to a request for comment on Tuesday.

Residents of the east side have complained about traffic on the old crossing for months, a neighbourhood group said in a statement.

The mayor visited the site on Monday with members of the council. She walked across the unfinished deck and spoke with workers.

Traffic on the old crossing was slow again on Tuesday morning."#;

/// A short opinion column: first person, "should" and "must", a question.
const OPINION: &str = r#"Our city deserves better than this bridge fiasco

I have lived in this city for twenty years, and I have never seen a public project handled as badly as the new river bridge.

We were promised it would be finished last year. It should have been. Instead we are told, again, to wait.

The council must stop pretending that every delay is someone else's fault. Our leaders owe us an honest account, and they owe it to us now.

Why should anyone believe the next deadline? I certainly do not.

If we do not demand better, we will get more of the same, and we will deserve it."#;

fn run(text: &str) -> Analysis {
    analyze(text, None)
}

#[test]
fn a_report_lists_the_reporters_statements_only_when_check_worthy() {
    let a = run(REPORT);
    assert_eq!(a.genre, Genre::Report);
    assert!(!a.claims.is_empty());
    for c in &a.claims {
        assert!(
            c.attribution.is_some() || c.checkworthy,
            "an unremarkable statement of the reporter's is listed: {:?}",
            &REPORT[c.span.clone()]
        );
    }
    // The visit is the reporter's account, with nothing in it to check.
    let visit: Vec<&str> = a
        .narration
        .iter()
        .map(|c| &REPORT[c.span.clone()])
        .collect();
    assert!(
        visit
            .iter()
            .any(|t| t.starts_with("The mayor visited the site")),
        "{visit:?}"
    );
    for c in &a.narration {
        assert!(c.attribution.is_none() && !c.checkworthy && c.kind != ClaimKind::Attributed);
    }
    // Who says what is untouched: every attribution's content is still a claim.
    for (i, at) in a.attributions.iter().enumerate() {
        assert!(
            a.claims
                .iter()
                .any(|c| c.attribution == Some(i) && c.span == at.span),
            "attribution {i} lost its claim"
        );
    }
    // The figures stay claims, and highlighted.
    assert!(a
        .claims
        .iter()
        .any(|c| c.checkworthy && REPORT[c.span.clone()].contains("$240 million")));
}

#[test]
fn an_opinion_piece_keeps_the_authors_claims() {
    let a = run(OPINION);
    assert_eq!(a.genre, Genre::Opinion);
    assert!(a.narration.is_empty());
    assert!(
        a.claims
            .iter()
            .any(|c| c.attribution.is_none() && !c.checkworthy),
        "the author's checkable statements are claims, highlighted or not: {:?}",
        a.claims
    );
}

#[test]
fn claim_ids_name_the_claims_then_the_narration() {
    let a = run(REPORT);
    let all: Vec<(ClaimId, _)> = a.statements().collect();
    assert_eq!(all.len(), a.claims.len() + a.narration.len());
    for (id, c) in &all {
        assert_eq!(a.statement(*id), *c);
    }
    let first_narration = ClaimId(a.claims.len() as u32);
    assert_eq!(a.statement(first_narration), &a.narration[0]);
}

#[test]
fn a_few_sentences_keep_every_claim() {
    // Too little to tell a report by: a lone figure stays a claim.
    let t = "The new river bridge cost $240 million and opened in 2021.";
    let a = run(t);
    assert_eq!(a.genre, Genre::Opinion);
    assert_eq!(a.claims.len(), 1, "{:?}", a.claims);
    assert!(a.narration.is_empty());
}
