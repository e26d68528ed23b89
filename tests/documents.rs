//! Markdown as people write it, seen on screen: front matter kept out of the text, the
//! title shown once, and GFM tables readable at 60 and 120 columns.

use lede::document::markdown;
use lede::tui::state::State;
use lede::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(md: &str, w: u16, h: u16) -> String {
    let s = State::new(markdown::parse("t.md", md), w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| view::draw(f, &s)).expect("draw");
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

const NARROW: &str = "Spending by department:\n\n\
| Department | 2023 | 2024 |\n|:--|--:|--:|\n| Schools | $1.0bn | $1.2bn |\n| Roads | $0.4bn | $0.35bn |\n\n\
The council publishes these figures every spring.\n";

const WIDE: &str = "Population by region:\n\n\
| Region | Population in 2020 | Population in 2024 | Change since 2020 |\n|---|---|---|---|\n\
| North coast district | 120,000 | 131,500 | +9.6% |\n| Inland valleys and hills | 88,000 | 86,150 | -2.1% |\n\n\
The census office counts every four years.\n";

#[test]
fn a_narrow_table_shows_as_aligned_rows_at_60_and_120_columns() {
    for (w, h) in [(60, 20), (120, 40)] {
        let s = screen(NARROW, w, h);
        assert!(s.contains("Department    2023     2024"), "{w}:\n{s}");
        assert!(s.contains("Schools     $1.0bn   $1.2bn"), "{w}:\n{s}");
        assert!(s.contains("Roads       $0.4bn  $0.35bn"), "{w}:\n{s}");
        assert!(!s.contains("Department2023"), "{w}:\n{s}");
    }
}

#[test]
fn a_wide_table_shows_as_a_list_of_named_cells_at_60_and_120_columns() {
    for (w, h) in [(60, 24), (120, 40)] {
        let s = screen(WIDE, w, h);
        // The pane's text alone, its rows joined: borders are box-drawing characters.
        let text: String = s
            .chars()
            .filter(|c| !('\u{2500}'..='\u{257f}').contains(c))
            .collect();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("North coast district — Population in 2020: 120,000;"),
            "{w}:\n{s}"
        );
        assert!(flat.contains("Change since 2020: -2.1%"), "{w}:\n{s}");
        assert!(
            !flat.contains("Region Population in 2020 Population"),
            "{w}:\n{s}"
        );
        // Every screen row of the table fits the pane: no cell is cut mid-word.
        assert!(!s.contains("Populati\n"), "{w}:\n{s}");
    }
}

#[test]
fn front_matter_never_shows_and_the_title_shows_once() {
    let md = "---\ntitle: Night buses return\ndate: 2024-02-11\nauthor: Sam Idowu\n---\n\
# Night buses return\n\nThree routes run again after midnight.\n";
    let s = screen(md, 80, 24);
    assert_eq!(s.matches("Night buses return").count(), 1, "{s}");
    assert!(!s.contains("author:") && !s.contains("---"), "{s}");
    assert!(s.contains("Three routes run again after midnight."), "{s}");
}

/// `tests/fixtures/markdown/report.md` (also a seed of the Markdown fuzz targets): front
/// matter, a repeated title, a footnote, a task list, a table, a definition list, links.
#[test]
fn the_markdown_fixture_gives_its_metadata_text_and_links() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown/report.md");
    let md = std::fs::read_to_string(path).unwrap();
    let doc = markdown::parse("report.md", &md);
    assert_eq!(doc.title.as_deref(), Some("Harbour works: the second year"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-02")
    );
    assert_eq!(doc.tags, ["harbour", "budget"]);
    assert!(!doc.text.contains("title:"), "front matter stays out");
    assert!(
        !doc.text.starts_with("Harbour works"),
        "the title is shown once"
    );
    for part in [
        "repairs cost $4.2 million",
        "one in April",
        "The figure excludes dredging.",
        "A definition written under it.",
    ] {
        assert!(doc.text.contains(part), "{part}:\n{}", doc.text);
    }
    let targets: Vec<&str> = doc.links.iter().map(|l| l.target.as_str()).collect();
    assert!(targets.contains(&"https://example.org/a"), "{targets:?}");
}
