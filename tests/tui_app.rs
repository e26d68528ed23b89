//! Several documents in the app: the document bar over the reader, switching (each
//! document keeps its place), and the coverage view with Enter showing a claim in its
//! document. `TestBackend` snapshots at 120×40 and 80×24.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use lede::analysis::analyze;
use lede::tui::app::App;
use lede::tui::state::State;
use lede::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const ONE: &str = "Library roof leaks again\n\nRain came through the roof of the Kessel town \
library on Sunday, the librarian Aino Vey said. About two hundred books were damaged, \
according to the council. Repairs will start in May.\n";
const TWO: &str = "Books soaked at Kessel library\n\nThe council said some two hundred books \
were damaged when rain came through the library roof. Vey said volunteers dried the rest \
over the weekend.\n";
const THREE: &str = "Kessel asks for repair money\n\nThe town will ask the region for money \
to mend the library roof, a council spokesman said. Repairs will start in May.\n";

fn app(width: u16, height: u16) -> App {
    let texts = [("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE)];
    let mut docs = Vec::new();
    let mut txs = Vec::new();
    for (name, text) in texts {
        let doc = lede::document::plain::parse(name, text);
        let mut s = State::new(doc, width, height);
        s.top_band = 1;
        s.documents = texts.len();
        s.theme = Theme::no_color();
        s.resize(width, height);
        s.set_analysis(analyze(text, None));
        docs.push(s);
        txs.push(std::sync::mpsc::channel().0);
    }
    let mut app = App::new(docs, txs);
    app.refresh_coverage();
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
