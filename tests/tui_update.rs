//! `update` on a `State`, without a terminal: claims walk, focus, search, jump, filter,
//! resize, mouse.

use lede::analysis::{
    Actor, ActorId, Analysis, Claim, ClaimKind, Label, Mention, TimeExpr, TimelineEntry, TimexType,
};
use lede::document::{plain, Document};
use lede::tui::action::Action;
use lede::tui::state::{Focus, Mode, State};
use lede::tui::update::{update, Command};

/// Forty paragraphs; claims in paragraphs 5, 15 and 25; Alice in 5 and 25, Bob in 15.
fn fixture() -> (Document, Analysis) {
    let paras: Vec<String> = (0..40)
        .map(|i| format!("Paragraph {i} is here. Alice met Bob in 2020 and they talked at length about many things, some of them important."))
        .collect();
    let doc = plain::parse("fixture.txt", &paras.join("\n\n"));
    let span_of = |i: usize| doc.blocks[i].span.clone();
    let find = |i: usize, w: &str| {
        let s = span_of(i);
        let at = s.start + doc.text[s.clone()].find(w).expect("word");
        at..at + w.len()
    };
    let mut a = Analysis::default();
    for (k, who) in [(5, "Alice"), (15, "Bob"), (25, "Alice")] {
        a.mentions.push(Mention {
            span: find(k, who),
            label: Label::Person,
            actor: Some(ActorId(u32::from(who == "Bob"))),
        });
    }
    a.actors = vec![
        Actor {
            id: ActorId(0),
            name: "Alice".into(),
            kind: Label::Person,
            aliases: vec![],
            roles: vec!["engineer".into()],
            mentions: vec![0, 2],
        },
        Actor {
            id: ActorId(1),
            name: "Bob".into(),
            kind: Label::Person,
            aliases: vec![],
            roles: vec![],
            mentions: vec![1],
        },
    ];
    a.claims = [(5, 0), (15, 1), (25, 0)]
        .iter()
        .map(|&(k, who)| Claim {
            span: span_of(k),
            kind: ClaimKind::Factual,
            claimer: None,
            claimer_span: None,
            hedged: false,
            actors: vec![ActorId(who)],
            score: 0.9,
            checkworthy: true,
            attribution: None,
        })
        .collect();
    a.timexes.push(TimeExpr {
        span: find(30, "2020"),
        kind: TimexType::Date,
        value: "2020".into(),
    });
    a.timeline.push(TimelineEntry {
        order: 0,
        value: Some("2020".into()),
        timex: Some(0),
        span: span_of(30),
        text: "Alice met Bob".into(),
    });
    (doc, a)
}

fn state(w: u16, h: u16) -> State {
    let (doc, a) = fixture();
    let mut s = State::new(doc, w, h);
    s.set_analysis(a);
    s.relayout();
    s
}

fn visible(s: &State, span: std::ops::Range<usize>) -> bool {
    s.locate(span.start).is_some() && s.locate(span.end - 1).is_some()
}

fn claim_span(s: &State, i: usize) -> std::ops::Range<usize> {
    s.analysis.as_ref().expect("analysis").claims[i]
        .span
        .clone()
}

#[test]
fn next_claim_walks_in_order_and_scrolls_to_each() {
    let mut s = state(80, 24);
    assert_eq!(s.claims.selected, None);
    for i in 0..3 {
        update(&mut s, Action::NextClaim);
        assert_eq!(s.selected_claim(), Some(i));
        assert!(visible(&s, claim_span(&s, i)), "claim {i} on screen");
    }
    update(&mut s, Action::NextClaim);
    assert_eq!(s.selected_claim(), Some(0), "wraps to the first");
    assert_eq!(
        s.status.as_ref().map(|m| m.text.as_str()),
        Some("wrapped to the first claim")
    );
    update(&mut s, Action::PrevClaim);
    assert_eq!(s.selected_claim(), Some(2), "and back to the last");
    assert_eq!(
        s.status.as_ref().map(|m| m.text.as_str()),
        Some("wrapped to the last claim")
    );
    update(&mut s, Action::PrevClaim);
    assert_eq!(s.selected_claim(), Some(1));
    assert!(visible(&s, claim_span(&s, 1)));
    assert_eq!(s.status, None, "no notice without a wrap");
    assert_eq!(s.focus, Focus::Article, "] does not move focus");
}

/// Regression: after G, ] went back to the claim after the selected one near the top.
#[test]
fn claims_and_matches_walk_from_the_screen_not_the_selection() {
    let mut s = state(80, 24);
    update(&mut s, Action::NextClaim);
    assert_eq!(s.selected_claim(), Some(0));
    // Scroll past claim 1: the next claim is the one after the screen's top.
    let past = claim_span(&s, 1).end + 1;
    s.scroll_to_offset(past);
    update(&mut s, Action::NextClaim);
    assert_eq!(s.selected_claim(), Some(2));
    // From the end, [ goes to the last claim before the top, ] wraps to the first.
    update(&mut s, Action::Bottom);
    update(&mut s, Action::PrevClaim);
    assert_eq!(s.selected_claim(), Some(2));
    update(&mut s, Action::Bottom);
    update(&mut s, Action::NextClaim);
    assert_eq!(s.selected_claim(), Some(0));
    assert!(s
        .status
        .as_ref()
        .is_some_and(|m| m.text.contains("wrapped")));
    // n after G: the first match after the top, not the one after the last current.
    update(&mut s, Action::Top);
    update(&mut s, Action::Search);
    for c in "paragraph 3".chars() {
        update(&mut s, Action::SearchInput(c));
    }
    update(&mut s, Action::SearchSubmit);
    // "Paragraph 3", then 30..39.
    assert_eq!(s.search.matches.len(), 11);
    assert_eq!(s.search.current, Some(0));
    let mid = s.search.matches[5].start;
    s.scroll_to_offset(mid);
    update(&mut s, Action::SearchNext);
    assert_eq!(
        s.search.current,
        Some(5),
        "the match at the top of the screen"
    );
    update(&mut s, Action::SearchNext);
    assert_eq!(s.search.current, Some(6), "then on from the current one");
    // From the end: the first match on the last screen, then on until it wraps.
    update(&mut s, Action::Bottom);
    update(&mut s, Action::SearchNext);
    let i = s.search.current.expect("a match");
    assert!(i > 6 && s.search.matches[i].start >= s.top_offset(), "{i}");
    for _ in i..11 {
        assert!(s.status.is_none());
        update(&mut s, Action::SearchNext);
    }
    assert_eq!(s.search.current, Some(0));
    assert_eq!(
        s.status.as_ref().map(|m| m.text.as_str()),
        Some("search wrapped to the top")
    );
}

#[test]
fn the_jump_list_returns_to_where_the_reader_was() {
    let mut s = state(80, 24);
    let start = s.top_offset();
    update(&mut s, Action::Bottom);
    let end = s.top_offset();
    assert_ne!(start, end);
    update(&mut s, Action::JumpBack);
    assert_eq!(s.top_offset(), start, "C-o: back before G");
    update(&mut s, Action::JumpForward);
    assert_eq!(s.top_offset(), end, "C-i: forward again");
    // A claim jump, then '' twice toggles between the two places.
    update(&mut s, Action::NextClaim);
    let claim = s.top_offset();
    assert_ne!(claim, end);
    update(&mut s, Action::LastPlace);
    assert_eq!(s.top_offset(), claim, "one ' waits for the second");
    update(&mut s, Action::LastPlace);
    assert_eq!(s.top_offset(), end);
    update(&mut s, Action::LastPlace);
    update(&mut s, Action::LastPlace);
    assert_eq!(s.top_offset(), claim);
    // A ' then another key is no jump.
    update(&mut s, Action::LastPlace);
    update(&mut s, Action::Down);
    let here = s.top_offset();
    update(&mut s, Action::LastPlace);
    assert_eq!(s.top_offset(), here);
    // Scrolling is not a jump; an empty list says so.
    let mut s = state(80, 24);
    update(&mut s, Action::PageDown);
    update(&mut s, Action::JumpBack);
    assert!(s.status.as_ref().is_some_and(|m| m.text.contains("empty")));
}

#[test]
fn next_claim_starts_from_the_reading_position() {
    let mut s = state(80, 24);
    let at = claim_span(&s, 1).start - 10;
    s.top = s.layout.pos_of(&s.doc, at);
    update(&mut s, Action::NextClaim);
    assert_eq!(s.selected_claim(), Some(1));
    let mut s = state(80, 24);
    let at = claim_span(&s, 1).start;
    let p = s.layout.pos_of(&s.doc, at);
    s.top = s.layout.advance(&s.doc, p, 1).0;
    update(&mut s, Action::NextClaim);
    assert_eq!(s.selected_claim(), Some(2));
}

#[test]
fn focus_cycles_both_ways_and_by_number() {
    let mut s = state(120, 40);
    let mut seen = vec![];
    for _ in 0..4 {
        update(&mut s, Action::FocusNext);
        seen.push(s.focus);
    }
    assert_eq!(
        seen,
        [
            Focus::Claims,
            Focus::Actors,
            Focus::Timeline,
            Focus::Article
        ]
    );
    update(&mut s, Action::FocusPrev);
    assert_eq!(s.focus, Focus::Timeline);
    update(&mut s, Action::FocusActors);
    assert_eq!(s.focus, Focus::Actors);
    update(&mut s, Action::FocusArticle);
    assert_eq!(s.focus, Focus::Article);
}

#[test]
fn search_counts_matches_and_cycles_with_n() {
    let mut s = state(80, 24);
    update(&mut s, Action::Search);
    assert!(matches!(s.mode, Mode::Search { .. }));
    for c in "alice".chars() {
        update(&mut s, Action::SearchInput(c));
    }
    update(&mut s, Action::SearchSubmit);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.search.matches.len(), 40, "case-insensitive");
    assert_eq!(s.search.current, Some(0));
    update(&mut s, Action::SearchNext);
    assert_eq!(s.search.current, Some(1));
    update(&mut s, Action::SearchPrev);
    update(&mut s, Action::SearchPrev);
    assert_eq!(s.search.current, Some(39), "wraps");
    let m = s.search.matches[39].clone();
    assert!(visible(&s, m));
    // A capital makes it case-sensitive.
    update(&mut s, Action::Search);
    for c in "ALICE".chars() {
        update(&mut s, Action::SearchInput(c));
    }
    update(&mut s, Action::SearchSubmit);
    assert!(s.search.matches.is_empty());
}

#[test]
fn enter_jumps_the_article_to_the_timeline_event() {
    let mut s = state(120, 40);
    update(&mut s, Action::FocusTimeline);
    assert_eq!(s.timeline.selected, Some(0));
    let span = s.analysis.as_ref().expect("analysis").timeline[0]
        .span
        .clone();
    assert!(!visible(&s, span.clone()));
    update(&mut s, Action::Jump);
    assert!(visible(&s, span));
}

#[test]
fn enter_on_an_actor_walks_its_mentions() {
    let mut s = state(120, 40);
    update(&mut s, Action::FocusActors);
    let a = s.analysis.clone().expect("analysis");
    update(&mut s, Action::Jump);
    assert!(visible(&s, a.mentions[0].span.clone()));
    update(&mut s, Action::Jump);
    assert!(visible(&s, a.mentions[2].span.clone()));
    assert_eq!(s.highlighted_actor(), Some(ActorId(0)));
}

#[test]
fn filtering_by_actor_limits_the_claims_and_the_walk() {
    let mut s = state(120, 40);
    update(&mut s, Action::FocusActors);
    update(&mut s, Action::FilterActor);
    assert_eq!(s.visible_claims, vec![0, 2]);
    assert_eq!(s.claim_filter, Some(ActorId(0)));
    assert_eq!(s.focus, Focus::Claims, "the filtered claims are shown");
    assert_eq!(
        s.highlighted_actor(),
        Some(ActorId(0)),
        "and the actor's mentions"
    );
    assert_eq!(s.selected_claim(), Some(0));
    update(&mut s, Action::NextClaim);
    assert_eq!(
        s.selected_claim(),
        Some(2),
        "the next of the actor's claims"
    );
    update(&mut s, Action::Cancel);
    assert_eq!(s.visible_claims, vec![0, 1, 2]);
    assert_eq!(s.selected_claim(), Some(2), "selection kept");
    // Bob's filter.
    update(&mut s, Action::FocusActors);
    update(&mut s, Action::Down);
    update(&mut s, Action::FilterActor);
    assert_eq!(s.visible_claims, vec![1]);
    update(&mut s, Action::FilterActor);
    assert_eq!(s.visible_claims.len(), 3, "f again shows all");
    update(&mut s, Action::FocusArticle);
    update(&mut s, Action::FilterActor);
    assert_eq!(
        s.claim_filter, None,
        "filtering needs an actor selected in its panel"
    );
}

#[test]
fn resize_keeps_the_reading_position_and_clamps() {
    let mut s = state(120, 40);
    update(&mut s, Action::PageDown);
    update(&mut s, Action::PageDown);
    let at = s.top_offset();
    update(&mut s, Action::Resize(60, 20));
    assert!(
        s.top_offset() <= at && at - s.top_offset() < 200,
        "same place"
    );
    update(&mut s, Action::Bottom);
    let end = s.layout.end(&s.doc);
    assert_eq!(
        s.layout.advance(&s.doc, s.top, s.page() as isize - 1).0,
        end,
        "last row at the bottom"
    );
    update(&mut s, Action::Resize(200, 60));
    assert!(
        s.shown_rows().count() == s.page(),
        "no empty space after growing"
    );
    assert_eq!(s.percent(), 100);
    update(&mut s, Action::Resize(10, 3));
    update(&mut s, Action::Down);
    update(&mut s, Action::Resize(0, 0));
    update(&mut s, Action::NextClaim);
    update(&mut s, Action::Resize(80, 24));
    assert!(s.layout.row(s.top).is_some());
}

#[test]
fn paging_and_ends() {
    let mut s = state(80, 24);
    update(&mut s, Action::Top);
    assert_eq!(s.top, Default::default());
    update(&mut s, Action::Up);
    assert_eq!(s.top, Default::default());
    update(&mut s, Action::PageDown);
    assert_eq!(
        s.layout
            .rows()
            .position(|r| r.span == s.layout.row(s.top).expect("row").span),
        Some(s.page() - 2)
    );
    update(&mut s, Action::Bottom);
    assert_eq!(s.percent(), 100);
    update(&mut s, Action::Down);
    let end = s.layout.end(&s.doc);
    assert_eq!(
        s.layout.advance(&s.doc, s.top, s.page() as isize - 1).0,
        end
    );
}

#[test]
fn mouse_click_focuses_and_selects_and_wheel_scrolls() {
    let mut s = state(120, 40);
    let r = s.panes.claims;
    // Claims take two rows each: row 3 is the second claim's first.
    update(&mut s, Action::ClickAt(r.x + 3, r.y + 3));
    assert_eq!(s.focus, Focus::Claims);
    assert_eq!(s.claims.selected, Some(1));
    let a = s.panes.article;
    let top = s.top;
    update(&mut s, Action::ScrollAt(a.x + 3, a.y + 3, 1));
    assert_eq!((s.top, 3), s.layout.advance(&s.doc, top, 3));
    update(&mut s, Action::ClickAt(a.x + 3, a.y + 3));
    assert_eq!(s.focus, Focus::Article);
}

#[test]
fn clicking_a_tab_shows_its_panel_on_narrow_screens() {
    let mut s = state(60, 20);
    let r = s.panes.claims;
    assert!(s.panes.tabbed());
    // " Claims 3 │ Actors 2 │ Timeline 1 ": "Actors" starts 11 columns after "Claims".
    update(&mut s, Action::ClickAt(r.x + 2 + 11 + 2, r.y));
    assert_eq!(s.focus, Focus::Actors);
    assert!(!s.panes.actors.is_empty() && s.panes.claims.is_empty());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = state(80, 24);
    update(&mut s, Action::Help);
    assert_eq!(s.mode, Mode::Help { scroll: 0 });
    let scroll = |s: &State| match s.mode {
        Mode::Help { scroll } => scroll,
        _ => panic!("the help closed"),
    };
    update(&mut s, Action::Down);
    assert_eq!(scroll(&s), 1);
    for _ in 0..100 {
        update(&mut s, Action::PageDown);
    }
    let max = scroll(&s);
    assert!(
        max > 1 && max < 200,
        "clamped at the end, not 100 pages down"
    );
    update(&mut s, Action::Up);
    assert_eq!(scroll(&s), max - 1, "one key back up");
    update(&mut s, Action::NextClaim);
    assert_eq!(s.claims.selected, None, "keys do not leak under the help");
    update(&mut s, Action::Help);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn zoom_hides_the_panels() {
    let mut s = state(120, 40);
    update(&mut s, Action::ToggleZoom);
    assert!(s.panes.claims.is_empty() && s.panes.actors.is_empty());
    assert_eq!(s.panes.article.width, 120);
    update(&mut s, Action::ToggleZoom);
    assert!(!s.panes.claims.is_empty());
}

#[test]
fn export_waits_for_the_analysis_and_loading_starts_it() {
    let (doc, _) = fixture();
    let mut s = State::loading("https://example.org/a", 80, 24);
    assert_eq!(update(&mut s, Action::Export), None);
    assert_eq!(
        update(&mut s, Action::Loaded(Box::new(Ok(doc)))),
        Some(Command::Analyze)
    );
    assert!(s.loading.is_none() && s.analyzing);
    assert!(s.shown_rows().count() > 0);
    let mut s = State::loading("https://example.org/b", 80, 24);
    assert_eq!(
        update(&mut s, Action::Loaded(Box::new(Err("no route".into())))),
        None
    );
    assert_eq!(s.error.as_deref(), Some("no route"));
    assert!(s.quit, "a page that cannot be loaded ends the reader");
    let mut s = state(80, 24);
    assert_eq!(
        update(&mut s, Action::Export),
        Some(Command::Export { overwrite: false })
    );
}

#[test]
fn a_second_e_confirms_replacing_the_export_and_any_other_key_cancels() {
    use lede::tui::state::Confirm;
    let mut s = state(80, 24);
    // What the loop does when the file exists: it asks.
    s.confirm = Some(Confirm::OverwriteExport);
    assert_eq!(
        update(&mut s, Action::Export),
        Some(Command::Export { overwrite: true })
    );
    s.confirm = Some(Confirm::OverwriteExport);
    update(&mut s, Action::Down);
    assert_eq!(s.confirm, None);
    assert_eq!(
        update(&mut s, Action::Export),
        Some(Command::Export { overwrite: false })
    );
    // A resize or the analysis arriving does not cancel it.
    s.confirm = Some(Confirm::OverwriteExport);
    update(&mut s, Action::Resize(100, 30));
    assert_eq!(s.confirm, Some(Confirm::OverwriteExport));
}

#[test]
fn less_keys_work_where_they_do_not_clash() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let s = state(80, 24);
    let act = |c: char| {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        lede::tui::event::to_action(&ev, &s)
    };
    assert_eq!(act('b'), Some(Action::PageUp));
    assert_eq!(act(' '), Some(Action::PageDown));
    assert_eq!(act('h'), Some(Action::Help));
    assert_eq!(act('<'), Some(Action::Top));
    assert_eq!(act('>'), Some(Action::Bottom));
    let ctrl_o = Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    assert_eq!(
        lede::tui::event::to_action(&ctrl_o, &s),
        Some(Action::JumpBack)
    );
}

#[test]
fn c_shows_every_claim_and_again_only_the_check_worthy() {
    let (doc, mut a) = fixture();
    a.claims[1].checkworthy = false;
    let mut s = State::new(doc, 120, 40);
    s.set_analysis(a);
    s.relayout();
    assert_eq!(s.visible_claims, vec![0, 2], "not check-worthy: not listed");
    update(&mut s, Action::ToggleAllClaims);
    assert_eq!(s.visible_claims, vec![0, 1, 2]);
    assert_eq!(
        s.status.as_ref().map(|m| m.text.as_str()),
        Some("all 3 claims found")
    );
    update(&mut s, Action::ToggleAllClaims);
    assert_eq!(s.visible_claims, vec![0, 2]);
}

#[test]
fn plus_and_minus_move_the_check_worthiness_threshold() {
    let (doc, mut a) = fixture();
    a.claims[0].score = 0.7;
    a.claims[1].score = 0.2;
    a.claims[1].checkworthy = false;
    a.claims[2].score = 0.0; // a question: never check-worthy
    a.claims[2].checkworthy = false;
    let mut s = State::new(doc, 120, 40);
    s.set_analysis(a);
    s.relayout();
    assert_eq!(s.visible_claims, vec![0]);
    update(&mut s, Action::MoreClaims);
    assert_eq!(s.visible_claims, vec![0, 1], "the next best claim joins");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|m| m.text.starts_with("2 claims of 3")),
        "{:?}",
        s.status
    );
    update(&mut s, Action::MoreClaims);
    assert_eq!(s.visible_claims, vec![0, 1], "a score of 0 never does");
    update(&mut s, Action::FewerClaims);
    update(&mut s, Action::FewerClaims);
    assert_eq!(s.visible_claims, vec![0], "at least one stays");
    update(&mut s, Action::ToggleAllClaims);
    assert_eq!(s.visible_claims, vec![0, 1, 2]);
    update(&mut s, Action::ToggleAllClaims);
    assert_eq!(s.visible_claims, vec![0], "c goes back to the check-worthy");
}

#[test]
fn claims_take_two_rows_and_clicks_land_on_the_right_one() {
    let mut s = state(120, 40);
    assert_eq!(s.item_rows(lede::tui::layout::Panel::Claims), 2);
    assert_eq!(s.item_rows(lede::tui::layout::Panel::Actors), 1);
    let r = s.panes.claims;
    // The second row of the second entry.
    update(&mut s, Action::ClickAt(r.x + 3, r.y + 4));
    assert_eq!(s.focus, Focus::Claims);
    assert_eq!(s.claims.selected, Some(1));
    // The focused panel shows its selected item whole under the list.
    assert!(s.detail_rows(lede::tui::layout::Panel::Claims) >= 2);
    assert_eq!(s.detail_rows(lede::tui::layout::Panel::Actors), 0);
}

/// A large file shows its start at once; the whole replaces it in place, and a G
/// pressed meanwhile lands at the very end.
#[test]
fn the_start_of_a_large_file_is_replaced_by_the_whole_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.txt");
    let mut text = String::from("A big book\n\n");
    let mut i = 0;
    while text.len() < (lede::io::LARGE_FILE as usize) + 1000 {
        text.push_str(&format!(
            "Paragraph {i} goes on for a while to fill the file up.\n\n"
        ));
        i += 1;
    }
    text.push_str("The end of the big book.\n");
    std::fs::write(&path, &text).expect("write");
    let source = path.to_str().expect("path");
    let first = lede::io::open_start(source).expect("a quick start");
    let whole = lede::io::open(source).expect("open");
    assert!(first.text.len() < 70_000);
    assert!(
        whole.text.starts_with(&*first.text),
        "the start is the whole's start"
    );
    assert!(lede::io::open_start(dir.path().join("none").to_str().expect("p")).is_none());

    let mut s = State::new(first.clone(), 80, 24);
    s.partial = true;
    update(&mut s, Action::PageDown);
    let top = s.top_offset();
    assert!(top > 0);
    assert_eq!(
        update(&mut s, Action::Loaded(Box::new(Ok(whole.clone())))),
        Some(Command::Analyze)
    );
    assert!(!s.partial);
    assert_eq!(s.top_offset(), top, "the same place in the whole");
    assert_eq!(s.doc.text.len(), whole.text.len());

    let mut s = State::new(first, 80, 24);
    s.partial = true;
    update(&mut s, Action::Bottom);
    update(&mut s, Action::Loaded(Box::new(Ok(whole))));
    assert_eq!(
        s.percent(),
        100,
        "G pressed while loading: the end of the whole"
    );
    let last = s.shown_rows().last().map(|r| r.span.clone()).expect("rows");
    assert!(s.doc.text[..last.end].ends_with("The end of the big book."));
}
