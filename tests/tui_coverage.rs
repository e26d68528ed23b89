//! The document bar and the coverage view on a `TestBackend`, at 120×40 and 80×24.

use lede::analysis::coverage::{compare, Input, Params};
use lede::analysis::{analyze, Analysis};
use lede::tui::theme::Theme;
use lede::tui::view::coverage::{rows, CoverageView, RowKind};
use lede::tui::view::docbar::{DocBar, Tab, TabState};
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

const A: &str = "Harbour closes after storm\n\nThe storm closed the harbour at Wexley for \
three days, the port authority said. Fishermen in Wexley lost about 2 million euros, \
according to the fishing cooperative Sea Harvest. Mayor Oona Brisk visited the quay on \
Monday.\n";
const B: &str = "Wexley counts storm losses\n\nAccording to Sea Harvest, the fishing \
cooperative, local fishermen lost some two million euros because of the storm. A school \
roof in Wexley was torn off on Tuesday. Brisk said the town would ask the government for \
help.\n";
const C: &str = "Storm: the harbour reopens\n\nThe harbour at Wexley reopened on Thursday \
after being closed for three days by the storm. Mayor Oona Brisk said the town would ask \
the government for help.\n";

fn screen(width: u16, height: u16, current: usize, selected: Option<usize>) -> String {
    let texts = [A, B, C];
    let analyses: Vec<Analysis> = texts.iter().map(|t| analyze(t, None)).collect();
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .zip(&analyses)
        .map(|(t, a)| Input {
            text: t,
            analysis: a,
        })
        .collect();
    let cov = compare(&inputs, &Params::default());
    let rows = rows(&cov, &inputs);
    let theme = Theme::no_color();
    let tabs = [
        Tab {
            title: "Harbour closes after storm",
            state: TabState::Ready,
        },
        Tab {
            title: "Wexley counts storm losses",
            state: TabState::Ready,
        },
        Tab {
            title: "Storm: the harbour reopens",
            state: TabState::Ready,
        },
        Tab {
            title: "missing.txt",
            state: TabState::Failed("no such file"),
        },
    ];
    let sel = selected.map(|k| {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RowKind::Member)
            .nth(k)
            .map(|(i, _)| i)
            .expect("a shared claim row")
    });
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    term.draw(|f| {
        let area = f.area();
        f.render_widget(
            DocBar {
                tabs: &tabs,
                current,
                theme: &theme,
            },
            Rect::new(0, 0, area.width, 1),
        );
        f.render_widget(
            CoverageView {
                rows: &rows,
                docs: texts.len(),
                selected: sel,
                top: 0,
                theme: &theme,
            },
            Rect::new(0, 1, area.width, area.height - 1),
        );
    })
    .expect("draw");
    format!("{}", term.backend())
}

#[test]
fn coverage_at_120x40() {
    insta::assert_snapshot!(screen(120, 40, 1, Some(0)));
}

#[test]
fn coverage_at_80x24() {
    insta::assert_snapshot!(screen(80, 24, 3, Some(1)));
}

#[test]
fn the_document_bar_keeps_the_current_tab_in_sight() {
    let theme = Theme::no_color();
    let names: Vec<String> = (1..=20).map(|i| format!("Article number {i}")).collect();
    let tabs: Vec<Tab<'_>> = names
        .iter()
        .map(|n| Tab {
            title: n,
            state: TabState::Ready,
        })
        .collect();
    let mut term = Terminal::new(TestBackend::new(80, 1)).expect("terminal");
    term.draw(|f| {
        f.render_widget(
            DocBar {
                tabs: &tabs,
                current: 16,
                theme: &theme,
            },
            f.area(),
        )
    })
    .expect("draw");
    let line = format!("{}", term.backend());
    assert!(line.contains("17 Articl"), "{line}");
    assert!(line.contains('‹') && line.contains('›'), "{line}");
}
