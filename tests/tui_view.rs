//! Views on a `TestBackend`: highlight styles on buffer cells (claims, the selected
//! claim, actors, dates, search), with colours and with NO_COLOR, and narrow screens.

use lede::analysis::{
    Actor, ActorId, Analysis, Claim, ClaimKind, Label, Mention, TimeExpr, TimexType,
};
use lede::document::plain;
use lede::tui::action::Action;
use lede::tui::layout::display_width;
use lede::tui::state::State;
use lede::tui::theme::Theme;
use lede::tui::update::update;
use lede::tui::view;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use ratatui::Terminal;

const TEXT: &str = "Plain words open the piece.\n\nAlice said prices rose in 2020 by ten percent.\n\nMore plain words here.\n\nBob said they fell.";

fn state(w: u16, h: u16, theme: Theme) -> State {
    let doc = plain::parse("t.txt", TEXT);
    let at = |s: &str| {
        let i = doc.text.find(s).expect("in text");
        i..i + s.len()
    };
    let mentions = vec![
        Mention {
            span: at("Alice"),
            label: Label::Person,
            actor: Some(ActorId(0)),
        },
        Mention {
            span: at("Bob"),
            label: Label::Person,
            actor: Some(ActorId(1)),
        },
    ];
    let actors = vec![
        Actor {
            id: ActorId(0),
            name: "Alice".into(),
            kind: Label::Person,
            aliases: vec![],
            roles: vec![],
            mentions: vec![0],
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
    let timexes = vec![TimeExpr {
        span: at("2020"),
        kind: TimexType::Date,
        value: "2020".into(),
    }];
    let claim = |s: &str, who: u32| Claim {
        span: at(s),
        kind: ClaimKind::Statistic,
        claimer: None,
        claimer_span: None,
        hedged: false,
        actors: vec![ActorId(who)],
        score: 1.0,
        checkworthy: true,
        attribution: None,
    };
    let claims = vec![
        claim("prices rose in 2020 by ten percent", 0),
        claim("they fell", 1),
    ];
    let a = Analysis {
        mentions,
        actors,
        timexes,
        claims,
        ..Analysis::default()
    };
    let mut s = State::new(doc, w, h);
    s.theme = theme;
    s.set_analysis(a);
    s.relayout();
    s
}

fn draw(s: &State) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(s.area.width, s.area.height)).expect("terminal");
    t.draw(|f| view::draw(f, s)).expect("draw");
    t.backend().buffer().clone()
}

/// The cell showing byte `offset` of the text.
fn cell(s: &State, offset: usize) -> (u16, u16) {
    let (row, r) = s.locate(offset).expect("on screen");
    let tr = s.text_rect();
    let before = display_width(&s.doc.text[r.span.start..offset]);
    (
        tr.x + r.indent + r.prefix.width() as u16 + before as u16,
        tr.y + row as u16,
    )
}

/// The style of the cell showing byte `offset` of the text.
fn style_at(s: &State, buf: &Buffer, offset: usize) -> Style {
    buf[cell(s, offset)].style()
}

fn off(s: &State, w: &str) -> usize {
    s.doc.text.find(w).expect("word")
}

#[test]
fn highlights_are_styled_apart_in_colour() {
    let mut s = state(120, 40, Theme::color());
    update(&mut s, Action::NextClaim);
    let b = draw(&s);
    let plain = style_at(&s, &b, off(&s, "Plain"));
    let claim = style_at(&s, &b, off(&s, "fell"));
    let selected = style_at(&s, &b, off(&s, "prices"));
    let actor = style_at(&s, &b, off(&s, "Bob"));
    let date = style_at(&s, &b, off(&s, "2020"));
    assert_eq!(buf_symbol(&s, &b, off(&s, "fell")), "f");
    let all = [plain, claim, selected, actor, date];
    for (i, x) in all.iter().enumerate() {
        for y in &all[i + 1..] {
            assert_ne!(x, y, "{all:?}");
        }
    }
}

#[test]
fn no_color_uses_only_modifiers_and_tells_roles_apart() {
    let mut s = state(80, 24, Theme::no_color());
    update(&mut s, Action::NextClaim);
    let b = draw(&s);
    for c in b.content() {
        assert_eq!(
            c.fg,
            ratatui::style::Color::Reset,
            "no colour at {:?}",
            c.symbol()
        );
        assert_eq!(c.bg, ratatui::style::Color::Reset);
    }
    let m = |w: &str| style_at(&s, &b, off(&s, w)).add_modifier;
    assert_eq!(m("Plain"), Modifier::empty());
    assert!(m("fell").contains(Modifier::UNDERLINED), "claim underlined");
    assert!(
        m("prices").contains(Modifier::REVERSED),
        "selected claim reversed"
    );
    assert!(!m("fell").contains(Modifier::REVERSED));
    assert!(m("Bob").contains(Modifier::BOLD), "actor bold");
    assert_ne!(m("Bob"), m("fell"));
    // The date sits inside the selected claim: still marked beyond it.
    assert_ne!(m("2020"), m("prices"));
}

#[test]
fn selected_actor_mentions_stand_out_and_search_matches_show() {
    let mut s = state(120, 40, Theme::color());
    update(&mut s, Action::FocusActors);
    update(&mut s, Action::Search);
    for c in "plain".chars() {
        update(&mut s, Action::SearchInput(c));
    }
    update(&mut s, Action::SearchSubmit);
    let b = draw(&s);
    assert_ne!(
        style_at(&s, &b, off(&s, "Alice")),
        style_at(&s, &b, off(&s, "Bob")),
        "selected actor"
    );
    let first = style_at(&s, &b, off(&s, "Plain"));
    let second = style_at(&s, &b, off(&s, "plain words here"));
    assert_ne!(first, Style::default());
    assert_ne!(first, second, "current match stronger");
}

fn buf_symbol(s: &State, b: &Buffer, offset: usize) -> String {
    b[cell(s, offset)].symbol().to_string()
}

#[test]
fn wide_characters_stay_in_their_cells() {
    let doc = plain::parse("t.txt", "漢字と絵文字👩‍🔬の行。 e\u{301}t\u{e9} 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀");
    for (w, h) in [(60, 20), (23, 8)] {
        let s = State::new(doc.clone(), w, h);
        let b = draw(&s);
        let tr = s.text_rect();
        for (k, r) in s.shown_rows().enumerate() {
            let mut shown = String::new();
            let mut x = tr.x;
            while x < tr.right() {
                let sym = b[(x, tr.y + k as u16)].symbol();
                shown.push_str(sym);
                x += display_width(sym).max(1) as u16;
            }
            let want: String = s.doc.text[r.span.clone()]
                .chars()
                .filter(|c| *c != '\u{301}')
                .collect();
            assert!(
                shown
                    .replace('\u{301}', "")
                    .trim_end()
                    .starts_with(want.trim_end()),
                "{shown:?} vs {want:?}"
            );
            // The right border is intact.
            assert_eq!(
                b[(s.panes.article.right() - 1, tr.y + k as u16)].symbol(),
                "┃"
            );
        }
    }
}

#[test]
fn tiny_screens_do_not_panic() {
    for (w, h) in [(1, 1), (10, 3), (20, 5), (30, 8), (60, 20), (59, 19)] {
        let mut s = state(w, h, Theme::color());
        for a in [
            Action::FocusNext,
            Action::NextClaim,
            Action::FocusNext,
            Action::Help,
        ] {
            update(&mut s, a);
            draw(&s);
        }
    }
}

#[test]
fn claimers_are_shortened_by_kind() {
    let text = "Leonid Volkov said prices rose. The Associated Press said it rained.";
    let a = lede::analysis::analyze(text, None);
    use lede::tui::view::claims::short_claimer;
    assert_eq!(short_claimer("Leonid Volkov", &a), "Volkov");
    assert_eq!(
        short_claimer("the Associated Press", &a),
        "Associated Press"
    );
    assert_eq!(short_claimer("economist Leonid Volkov", &a), "Volkov");
}

#[test]
fn images_show_as_their_alt_text_on_a_marked_line() {
    let doc = lede::document::markdown::parse(
        "m.md",
        "# Title\n\nSome text.\n\n![A map of the region](map.png)\n\nMore text.",
    );
    let s = State::new(doc, 80, 24);
    let buf = draw(&s);
    let screen: String = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(screen.contains("▣ A map of the region"), "{screen}");
}

/// Every `.rs` file under `src/<dir>`, with its text.
fn sources(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(dir)];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("source dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source file");
                out.push((p, text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

#[test]
fn the_reader_and_the_writers_never_import_the_batch_commands() {
    for dir in ["tui", "export"] {
        for (path, text) in sources(dir) {
            assert!(
                !text.contains("crate::cli") && !text.contains("lede::cli"),
                "{} imports the cli module",
                path.display()
            );
        }
    }
}

#[test]
fn views_never_write_state_while_drawing() {
    // Interior mutability is the only way a view holding `&State` could change it.
    for (path, text) in sources("tui/view").into_iter().chain(sources("tui/state")) {
        for banned in ["Cell<", "RefCell", "Mutex", "AtomicU", "AtomicBool"] {
            assert!(
                !text.contains(banned),
                "{} uses {banned} in a view",
                path.display()
            );
        }
    }
}

#[test]
fn the_claims_title_says_when_the_article_reads_as_a_report() {
    let screen = |s: &State| {
        let b = draw(s);
        let w = b.area.width as usize;
        let cells: Vec<&str> = b.content().iter().map(|c| c.symbol()).collect();
        cells
            .chunks(w)
            .map(|r| r.concat())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut s = state(120, 40, Theme::color());
    assert!(!screen(&s).contains("· report"));
    if let Some(a) = s.analysis.as_mut() {
        a.genre = lede::analysis::Genre::Report;
    }
    assert!(screen(&s).contains("Claims 2 · report"), "{}", screen(&s));
}

#[test]
fn a_claim_of_a_source_the_text_does_not_name_is_the_sources() {
    let doc = plain::parse(
        "t.txt",
        "The ferry will stop running in May, I was told.\n\nThe port spent ten million on cranes.",
    );
    let at = |s: &str| {
        let i = doc.text.find(s).expect("in text");
        i..i + s.len()
    };
    let claim = |s: &str, kind, attribution| Claim {
        span: at(s),
        kind,
        claimer: None,
        claimer_span: None,
        hedged: false,
        actors: vec![],
        score: 1.0,
        checkworthy: true,
        attribution,
    };
    let a = Analysis {
        claims: vec![
            claim(
                "The ferry will stop running in May",
                ClaimKind::Attributed,
                Some(0),
            ),
            claim(
                "The port spent ten million on cranes",
                ClaimKind::Statistic,
                None,
            ),
        ],
        attributions: vec![lede::analysis::Attribution {
            span: at("The ferry will stop running in May"),
            cue: Some(at("told")),
            ..Default::default()
        }],
        ..Analysis::default()
    };
    let mut s = State::new(doc, 120, 40);
    s.set_analysis(a);
    s.relayout();
    let b = draw(&s);
    let rows: Vec<String> = (0..b.area.height)
        .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
        .collect();
    let row = |what: &str| {
        rows.iter()
            .find(|r| r.contains(what))
            .unwrap_or_else(|| panic!("a row with {what:?}:\n{}", rows.join("\n")))
            .clone()
    };
    assert!(
        row("The ferry will").contains("source says:"),
        "{}",
        row("The ferry will")
    );
    assert!(
        row("The port spent").contains("author figure:"),
        "{}",
        row("The port spent")
    );
}
