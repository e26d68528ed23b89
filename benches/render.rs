//! Reader performance on a book: laying out the whole text; the first screen; `G`; and
//! drawing one 200×50 frame in the middle of the book with the analysis' highlights.
//! Reads `$LEDE_BENCH_BOOK`, else `/work/shared/bench-data/book-5mb.txt`; skips when
//! the file is missing.

use criterion::{criterion_group, criterion_main, Criterion};
use lede::tui::layout::{Settings, WrappedLayout};
use lede::tui::state::State;
use lede::tui::{action::Action, update::update, view};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn book() -> Option<lede::document::Document> {
    let path = std::env::var("LEDE_BENCH_BOOK")
        .unwrap_or_else(|_| "/work/shared/bench-data/book-5mb.txt".into());
    let text = std::fs::read_to_string(&path).ok()?;
    Some(lede::document::plain::parse("book-5mb.txt", &text))
}

fn benches(c: &mut Criterion) {
    let Some(doc) = book() else {
        eprintln!("bench: book not found, skipping");
        return;
    };
    let mut g = c.benchmark_group("book");
    g.sample_size(10);
    g.bench_function("layout_full_width_80", |b| {
        b.iter(|| {
            WrappedLayout::full(&doc, 80, Settings::default())
                .rows()
                .count()
        })
    });
    // Two fresh layouts at new widths: what opening and each resize cost.
    let mut s = State::new(doc.clone(), 200, 50);
    g.bench_function("relayout_first_screen_200x50", |b| {
        b.iter(|| {
            // 80 columns put the panels below: the text column narrows, the layout is new.
            s.resize(80, 50);
            s.resize(200, 50);
            s.shown_rows().count()
        })
    });
    g.bench_function("fresh_layout_then_G_200x50", |b| {
        b.iter(|| {
            s.resize(80, 50);
            s.resize(200, 50);
            update(&mut s, Action::Top);
            update(&mut s, Action::Bottom);
            s.percent()
        })
    });
    g.finish();

    let analysis = lede::analysis::analyze(&doc.text, doc.date);
    let mut s = State::new(doc, 200, 50);
    s.set_analysis(analysis);
    s.relayout();
    let middle = s.doc.text.len() / 2;
    s.top = s.layout.pos_of(&s.doc, middle);
    s.clamp_top();
    update(&mut s, Action::NextClaim);
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function("frame_200x50_book_middle", |b| {
        b.iter(|| {
            term.draw(|f| view::draw(f, &s)).expect("draw");
        })
    });
}

criterion_group!(render, benches);
criterion_main!(render);
