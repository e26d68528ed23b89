//! Several documents in the app: the document bar over the reader, switching (each
//! document keeps its place), and the coverage view with Enter showing a claim in its
//! document. `TestBackend` snapshots at 120×40 and 80×24.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use lede::analysis::analyze;
use lede::tui::app::App;
use lede::tui::event::Msg;
use lede::tui::state::State;
use lede::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

const ONE: &str = "Library roof leaks again\n\nRain came through the roof of the Kessel town \
library on Sunday, the librarian Aino Vey said. About 200 books were damaged, \
according to the council. Repairs will start in May.\n";
const TWO: &str = "Books soaked at Kessel library\n\nThe council said some two hundred books \
were damaged when rain came through the library roof. Vey said volunteers dried the rest \
over the weekend.\n";
const THREE: &str = "Kessel asks for repair money\n\nThe town will ask the region for money \
to mend the library roof, a council spokesman said. Repairs will start in May.\n";

/// An app on `texts`, each analysed, and where its coverage worker reports.
fn app_on(texts: &[(&str, &str)], width: u16, height: u16) -> (App, Receiver<Msg>) {
    let mut docs = Vec::new();
    let mut txs = Vec::new();
    for &(name, text) in texts {
        let doc = lede::document::plain::parse(name, text);
        let mut s = State::new(doc, width, height);
        s.top_band = 1;
        s.documents = texts.len();
        s.theme = Theme::no_color();
        s.resize(width, height);
        s.set_analysis(analyze(text, None));
        docs.push(s);
        txs.push(mpsc::channel().0);
    }
    let (tx, rx) = mpsc::channel();
    (App::new(docs, txs, tx), rx)
}

/// The coverage worker's report, handed to the app as the event loop does.
fn wait_for_coverage(app: &mut App, rx: &Receiver<Msg>) {
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Msg::Coverage(r)) => app.coverage_done(r),
        other => panic!("expected the coverage, got {other:?}"),
    }
}

/// The three library articles, their coverage lined up.
fn app(width: u16, height: u16) -> App {
    let texts = [("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE)];
    let (mut app, rx) = app_on(&texts, width, height);
    app.refresh_coverage();
    wait_for_coverage(&mut app, &rx);
    app
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    term.draw(|f| app.draw(f)).expect("draw");
    format!("{}", term.backend())
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    let ev = Event::Key(KeyEvent::new(code, mods));
    if app.input(&ev).is_none() {
        let cur = app.current;
        if let Some(a) = lede::tui::event::to_action(&ev, &app.docs[cur]) {
            lede::tui::update::update(&mut app.docs[cur], a);
        }
    }
}

fn ch(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::NONE);
}

#[test]
fn the_bar_over_the_reader_at_120x40() {
    let mut a = app(120, 40);
    ch(&mut a, 'g');
    ch(&mut a, 't');
    insta::assert_snapshot!(screen(&a, 120, 40));
}

#[test]
fn the_bar_over_the_reader_at_80x24() {
    let a = app(80, 24);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn the_coverage_view_at_120x40() {
    let mut a = app(120, 40);
    ch(&mut a, 'C');
    insta::assert_snapshot!(screen(&a, 120, 40));
}

#[test]
fn the_coverage_view_at_80x24() {
    let mut a = app(80, 24);
    ch(&mut a, 'C');
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn switching_keeps_each_documents_place_and_gt_undoes_the_g() {
    let mut a = app(80, 24);
    ch(&mut a, ']');
    let sel = a.docs[0].claims.selected;
    assert!(sel.is_some(), "a claim is selected in the first document");
    ch(&mut a, 'g');
    ch(&mut a, 't');
    assert_eq!(a.current, 1);
    assert_eq!(
        a.docs[0].claims.selected, sel,
        "gt leaves the first as it was"
    );
    ch(&mut a, 'g');
    ch(&mut a, 'T');
    assert_eq!(a.current, 0);
    key(&mut a, KeyCode::Char('3'), KeyModifiers::ALT);
    assert_eq!(a.current, 2);
    key(&mut a, KeyCode::Char('9'), KeyModifiers::ALT);
    assert_eq!(a.current, 2, "no ninth document");
    ch(&mut a, 'g');
    ch(&mut a, 'T');
    ch(&mut a, 'g');
    ch(&mut a, 'T');
    assert_eq!(a.current, 0, "gT wraps back through the second");
    assert_eq!(a.docs[0].claims.selected, sel);
}

#[test]
fn enter_in_the_coverage_view_shows_the_claim_in_its_document() {
    let mut a = app(120, 40);
    ch(&mut a, 'C');
    assert!(a.coverage.open);
    let rows = a
        .coverage
        .rows
        .clone()
        .expect("all analysed: the coverage is here");
    // The last claim row: a claim of a document other than the first, if any.
    let k = rows
        .rows
        .iter()
        .rposition(|r| r.target.is_some_and(|t| rows.docs[t.doc] != 0))
        .expect("a claim of another document");
    let target = rows.rows[k].target.expect("a claim row");
    while a.coverage.selected < k {
        ch(&mut a, 'j');
    }
    key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!a.coverage.open, "Enter leaves the view");
    let doc = rows.docs[target.doc];
    assert_eq!(a.current, doc);
    assert_eq!(
        a.docs[doc].selected_claim(),
        Some(target.claim.0 as usize),
        "the claim is selected in its document"
    );
}

#[test]
fn twenty_documents_are_lined_up_on_a_worker_while_the_reader_goes_on() {
    // Twenty articles, each a variation on the library story.
    let texts: Vec<(String, String)> = (1..=20)
        .map(|i| {
            let text = format!(
                "Kessel library, part {i}\n\n{ONE}{}Volunteer number {i} said \
                 {} boxes of books were moved to the school hall.\n",
                if i % 2 == 0 { TWO } else { THREE },
                i * 3
            );
            (format!("part{i}.txt"), text)
        })
        .collect();
    let named: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (mut a, rx) = app_on(&named, 120, 40);
    ch(&mut a, 'C');
    // `C` starts the worker and returns: the rows are not here yet, and the view says
    // what it is doing.
    assert!(a.coverage.open && a.coverage.computing);
    assert!(a.coverage.rows.is_none());
    assert!(a.busy(), "the loop ticks while the worker runs");
    let s = screen(&a, 120, 40);
    assert!(s.contains("lining up 20 documents"), "{s}");
    // Keys still work meanwhile: leave the view, switch documents, come back.
    ch(&mut a, 'C');
    assert!(!a.coverage.open);
    ch(&mut a, 'g');
    ch(&mut a, 't');
    assert_eq!(a.current, 1);
    ch(&mut a, 'C');
    assert!(a.coverage.computing, "one worker, not a second");
    wait_for_coverage(&mut a, &rx);
    assert!(!a.coverage.computing && !a.busy());
    let rows = a.coverage.rows.as_ref().expect("the rows");
    assert_eq!(rows.docs.len(), 20);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Shared claims"), "{s}");
    assert!(
        rx.try_recv().is_err(),
        "the coverage is computed once, not once per `C`"
    );
}

#[test]
fn a_document_that_failed_is_one_clean_line_in_the_bar() {
    let (mut a, _rx) = app_on(&[("one.txt", ONE), ("two.txt", TWO)], 120, 40);
    let path = "/tmp/nowhere/gone.txt";
    let mut gone = State::loading(path, 120, 40);
    gone.top_band = 1;
    gone.theme = Theme::no_color();
    let err = format!("{path}: no such file");
    lede::tui::update::update(
        &mut gone,
        lede::tui::action::Action::Loaded(Box::new(Err(err))),
    );
    a.docs.push(gone);
    a.txs.push(mpsc::channel().0);
    a.after_doc(2);
    let s = screen(&a, 120, 40);
    let bar = s.lines().next().expect("the bar");
    assert!(bar.contains("3 ✗ gone.txt: no such file"), "{bar}");
    assert_eq!(bar.matches("gone.txt").count(), 1, "the name once: {bar}");
    assert!(!bar.contains("/tmp/nowhere"), "{bar}");
}

#[test]
fn enter_on_an_actor_or_a_source_shows_it_in_a_document() {
    let mut a = app(120, 40);
    ch(&mut a, 'C');
    let rows = a.coverage.rows.clone().expect("the coverage");
    // Open the view (if it is not), select row `k`, press Enter.
    let go = |a: &mut App, k: usize| {
        if !a.coverage.open {
            ch(a, 'C');
        }
        ch(a, 'g');
        for _ in 0..k {
            ch(a, 'j');
        }
        key(a, KeyCode::Enter, KeyModifiers::NONE);
    };
    // An actor named in several documents: shown in the first that names it.
    let k = rows
        .rows
        .iter()
        .position(|r| r.actor.is_some())
        .expect("an actor row");
    let (doc, actor) = rows.rows[k].actor.expect("its document");
    go(&mut a, k);
    assert!(!a.coverage.open, "Enter leaves the view");
    assert_eq!(a.current, rows.docs[doc]);
    assert_eq!(a.docs[a.current].actors.selected, Some(actor.0 as usize));
    assert_eq!(a.docs[a.current].focus, lede::tui::state::Focus::Actors);
    assert_eq!(
        a.docs[a.current].panel,
        lede::tui::layout::Panel::Actors,
        "the actors panel shows, also where panels are stacked"
    );
    // A source: its first claim, in its document.
    let k = rows
        .rows
        .iter()
        .position(|r| r.kind == lede::tui::view::coverage::RowKind::Source)
        .expect("a source row");
    let target = rows.rows[k].target.expect("a source has a claim");
    go(&mut a, k);
    assert_eq!(a.current, rows.docs[target.doc]);
    assert_eq!(
        a.docs[a.current].selected_claim(),
        Some(target.claim.0 as usize)
    );
}

#[test]
fn claims_found_but_none_check_worthy_say_how_to_see_them() {
    let text = "Dam opens\n\nThe new dam on the river opened on Monday, the mayor said.\n";
    let mut s = State::new(lede::document::plain::parse("dam.txt", text), 80, 24);
    s.theme = Theme::no_color();
    s.resize(80, 24);
    let mut a = analyze(text, None);
    assert!(!a.claims.is_empty(), "the mayor's statement is a claim");
    for c in &mut a.claims {
        c.checkworthy = false;
    }
    let n = a.claims.len();
    s.set_analysis(a);
    let app = App::new(vec![s], vec![mpsc::channel().0], mpsc::channel().0);
    let screen = screen(&app, 80, 24);
    assert!(
        screen.contains(&format!("none check-worthy · c shows all {n}")),
        "{screen}"
    );
    assert!(!screen.contains("none found"), "{screen}");
}
