//! Whole-screen snapshots of the reader on the bundled sample at 120×40, 80×24, 60×20
//! and 200×50. The analysis is still improving, so these are expected to change: read
//! each changed one (a failing run leaves `*.snap.new` beside it, ignored by git; `diff`
//! it with the `.snap`, or `cargo insta review`) and accept only what is right. Styles
//! are asserted in `tui_view.rs`, not here.

use lede::tui::action::Action;
use lede::tui::state::State;
use lede::tui::update::update;
use lede::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SAMPLE: &str = include_str!("../assets/sample.txt");

fn sample(w: u16, h: u16) -> State {
    let doc = lede::document::plain::parse("sample.txt", SAMPLE);
    let a = lede::analysis::analyze(&doc.text, doc.date);
    let mut s = State::new(doc, w, h);
    s.set_analysis(a);
    s.relayout();
    s
}

fn screen(s: &State) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(s.area.width, s.area.height)).expect("terminal");
    t.draw(|f| view::draw(f, s)).expect("draw");
    t
}

fn run(s: &mut State, actions: &[Action]) {
    for a in actions {
        update(s, a.clone());
    }
}

#[test]
fn opening() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let s = sample(w, h);
        insta::assert_snapshot!(format!("opening_{w}x{h}"), screen(&s).backend());
    }
}

#[test]
fn walking_claims() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut s = sample(w, h);
        run(&mut s, &[Action::NextClaim, Action::NextClaim]);
        insta::assert_snapshot!(format!("second_claim_{w}x{h}"), screen(&s).backend());
    }
}

#[test]
fn panels_focused() {
    for (w, h) in [(80, 24), (60, 20)] {
        let mut s = sample(w, h);
        run(&mut s, &[Action::FocusActors, Action::Down]);
        insta::assert_snapshot!(format!("actors_{w}x{h}"), screen(&s).backend());
        run(&mut s, &[Action::FocusTimeline]);
        insta::assert_snapshot!(format!("timeline_{w}x{h}"), screen(&s).backend());
    }
}

/// Two-line claim entries with their claimers, the detail box of the selected claim, and
/// the legend at the end of the help, at every size.
#[test]
fn claims_detail_and_legend_at_four_sizes() {
    for (w, h) in [(120, 40), (80, 24), (60, 20), (200, 50)] {
        let mut s = sample(w, h);
        run(&mut s, &[Action::FocusClaims, Action::Down, Action::Down]);
        insta::assert_snapshot!(format!("claims_focused_{w}x{h}"), screen(&s).backend());
        run(&mut s, &[Action::FocusArticle, Action::Help]);
        for _ in 0..20 {
            run(&mut s, &[Action::PageDown]);
        }
        insta::assert_snapshot!(format!("legend_{w}x{h}"), screen(&s).backend());
    }
}

/// With a publication date (as `--date` gives it): the article's frame says which date
/// anchors the timeline and where it came from; the timeline reads in words.
#[test]
fn the_date_and_its_source_at_four_sizes() {
    for (w, h) in [(120, 40), (80, 24), (60, 20), (200, 50)] {
        let mut doc = lede::document::plain::parse("sample.txt", SAMPLE);
        let d = lede::analysis::NaiveDate::from_ymd_opt(2024, 3, 25).expect("date");
        doc.set_date(d, lede::document::DateSource::Flag);
        let a = lede::analysis::analyze(&doc.text, doc.date);
        let mut s = State::new(doc, w, h);
        s.set_analysis(a);
        run(&mut s, &[Action::FocusTimeline, Action::Down, Action::Down]);
        let t = screen(&s);
        let shown = format!("{}", t.backend());
        assert!(
            shown.contains("published 25 March 2024 (--date)"),
            "{shown}"
        );
        insta::assert_snapshot!(format!("dated_{w}x{h}"), t.backend());
    }
}

#[test]
fn help_and_search() {
    let mut s = sample(80, 24);
    run(&mut s, &[Action::Help]);
    insta::assert_snapshot!("help_80x24", screen(&s).backend());
    let mut s = sample(60, 20);
    run(
        &mut s,
        &[
            Action::Search,
            Action::SearchInput('P'),
            Action::SearchInput('u'),
        ],
    );
    insta::assert_snapshot!("search_typing_60x20", screen(&s).backend());
    run(&mut s, &[Action::SearchSubmit, Action::SearchNext]);
    insta::assert_snapshot!("search_60x20", screen(&s).backend());
}

#[test]
fn zoomed() {
    let mut s = sample(120, 40);
    run(&mut s, &[Action::ToggleZoom, Action::PageDown]);
    insta::assert_snapshot!("zoom_120x40", screen(&s).backend());
}

#[test]
fn while_analysing() {
    let doc = lede::document::plain::parse("sample.txt", SAMPLE);
    let mut s = State::new(doc, 80, 24);
    s.analyzing = true;
    insta::assert_snapshot!("analysing_80x24", screen(&s).backend());
}

/// The sample with the first claim marked and noted, a highlight, and the second claim marked.
fn with_notes(w: u16, h: u16) -> State {
    let mut s = sample(w, h);
    s.notes.set_id_seed(7);
    run(
        &mut s,
        &[Action::NextClaim, Action::MarkClaim, Action::MarkClaim],
    );
    run(&mut s, &[Action::AddNote]);
    for c in "Two sources agree on the toll.".chars() {
        update(
            &mut s,
            Action::Edit(lede::tui::state::editor::EditorInput::Char(c)),
        );
    }
    run(
        &mut s,
        &[Action::NoteSave, Action::NextClaim, Action::MarkClaim],
    );
    run(&mut s, &[Action::Visual, Action::Down, Action::Highlight]);
    s.status = None;
    s
}

#[test]
fn note_editor_over_the_reader() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut s = with_notes(w, h);
        run(&mut s, &[Action::PrevClaim, Action::AddNote]);
        for c in " Check the ministry.".chars() {
            update(
                &mut s,
                Action::Edit(lede::tui::state::editor::EditorInput::Char(c)),
            );
        }
        let mut t = screen(&s);
        // The cursor is in the editor.
        let p = t.get_cursor_position().expect("cursor");
        assert!(p.y > 0 && p.y < h - 1, "{p:?}");
        insta::assert_snapshot!(format!("note_editor_{w}x{h}"), t.backend());
    }
}

#[test]
fn notes_list_and_marks() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut s = with_notes(w, h);
        run(&mut s, &[Action::Top]);
        insta::assert_snapshot!(format!("marks_{w}x{h}"), screen(&s).backend());
        run(&mut s, &[Action::NotesView, Action::Down]);
        insta::assert_snapshot!(format!("notes_view_{w}x{h}"), screen(&s).backend());
    }
}
