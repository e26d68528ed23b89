//! Several documents open at once (`lede a.html b.html …`): one [`State`] per document,
//! each with its own position, selection, notes and worker, and the index of the one
//! shown. The document bar above the reader names them; `gt`/`gT` and `Alt-1`…`Alt-9`
//! switch ([`Section::Documents`], [`Section::AfterG`]); `C` opens the coverage view,
//! computed with [`crate::analysis::coverage::compare`] on a worker once every document
//! that loaded is analysed: the reader stays responsive while twenty documents are lined
//! up, and the view says it is working meanwhile.
//!
//! With one document there is no bar and every event goes to its state as it always
//! did. The coverage view only draws the rows the worker made; it never analyses or loads.

use super::action::Action;
use super::event::Msg;
use super::keymap::{Key, Section};
use super::layout::Pos;
use super::state::{JumpList, ListState, Mode, State};
use super::view::coverage::{self as cov_view, CoverageView, RowKind};
use super::view::docbar::{DocBar, Tab, TabState};
use crate::analysis::coverage::{compare, Input, Params};
use crate::analysis::Analysis;
use crossterm::event::{Event, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};
use std::sync::mpsc::Sender;

/// What `g` changed in the document shown, kept until the next key: when it is `t` or
/// `T` (`gt`, `gT`), the `g` is undone before switching.
#[derive(Debug, Clone)]
struct Held {
    top: Pos,
    jumps: JumpList,
    lists: [ListState; 3],
}

impl Held {
    fn of(s: &State) -> Held {
        Held {
            top: s.top,
            jumps: s.jumps.clone(),
            lists: [s.claims, s.actors, s.timeline],
        }
    }

    fn restore(self, s: &mut State) {
        s.top = self.top;
        s.jumps = self.jumps;
        [s.claims, s.actors, s.timeline] = self.lists;
        s.status = None;
        s.clamp_top();
    }
}

/// The coverage of the documents, as display rows.
#[derive(Debug, Clone)]
pub struct CoverageRows {
    /// The rows ([`cov_view::rows`]), labelled with the documents' numbers in the bar.
    pub rows: Vec<cov_view::Row>,
    /// For each document compared, its index in [`App::docs`].
    pub docs: Vec<usize>,
}

/// The coverage view: its rows once computed, the selected row and whether it is open.
#[derive(Debug, Clone, Default)]
pub struct CoverageState {
    /// The rows, once every document that loaded is analysed and the worker is done.
    pub rows: Option<CoverageRows>,
    /// Whether the worker is lining the documents up.
    pub computing: bool,
    /// Whether the view is shown (instead of the current document).
    pub open: bool,
    /// The selected row.
    pub selected: usize,
    /// The first row shown.
    pub top: usize,
}

/// The documents open, and which is shown.
pub struct App {
    /// One reader state per document, in the order given.
    pub docs: Vec<State>,
    /// Where each document's workers report (its index is added on the way).
    pub txs: Vec<Sender<Msg>>,
    /// Where the coverage worker reports ([`Msg::Coverage`]).
    pub tx: Sender<Msg>,
    /// The document shown.
    pub current: usize,
    /// The coverage view.
    pub coverage: CoverageState,
    held: Option<Held>,
}

/// A short name for a document in the bar: its title, else the site of a URL or the file
/// name of a path.
pub fn tab_title(s: &State) -> &str {
    if let Some(t) = s.doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t;
    }
    let src = s.loading.as_deref().unwrap_or(&s.doc.source);
    if let Some(rest) = src
        .strip_prefix("https://")
        .or_else(|| src.strip_prefix("http://"))
    {
        return rest.split('/').next().unwrap_or(rest);
    }
    src.rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or(src)
}

fn tab_state(s: &State) -> TabState<'_> {
    match &s.error {
        Some(e) => TabState::Failed(failure_reason(s, e)),
        None if s.loading.is_some() || s.analyzing || s.partial => TabState::Loading,
        None => TabState::Ready,
    }
}

/// Why a document failed to load, without the name it was given by: the bar shows
/// that name already ("gone.txt: no such file" is "no such file" after "gone.txt").
fn failure_reason<'a>(s: &State, e: &'a str) -> &'a str {
    let src = s.loading.as_deref().unwrap_or(&s.doc.source);
    [src, tab_title(s)]
        .into_iter()
        .find_map(|name| e.strip_prefix(name)?.strip_prefix(": "))
        .unwrap_or(e)
}

impl App {
    /// An app on `docs`, each reporting on its sender in `txs`; the coverage worker
    /// reports on `tx`.
    pub fn new(docs: Vec<State>, txs: Vec<Sender<Msg>>, tx: Sender<Msg>) -> App {
        App {
            docs,
            txs,
            tx,
            current: 0,
            coverage: CoverageState::default(),
            held: None,
        }
    }

    /// Whether several documents are open (the bar shows).
    pub fn multi(&self) -> bool {
        self.docs.len() > 1
    }

    /// The document shown.
    pub fn state(&self) -> &State {
        &self.docs[self.current]
    }

    /// Whether every document is done: quit, or failed to load.
    pub fn quitting(&self) -> bool {
        self.docs[self.current].quit && self.docs.iter().all(|d| d.quit || d.error.is_some())
    }

    /// Whether some worker runs (the loop ticks meanwhile).
    pub fn busy(&self) -> bool {
        self.coverage.computing
            || self
                .docs
                .iter()
                .any(|s| s.analyzing || s.loading.is_some() || s.partial || s.saving.is_some())
    }

    /// How many documents are analysed, and how many are to be (those that loaded).
    pub fn analysed(&self) -> (usize, usize) {
        let live = self.docs.iter().filter(|d| d.error.is_none());
        let all = live.clone().count();
        (live.filter(|d| d.analysis.is_some()).count(), all)
    }

    /// After a message of document `i`: a document that failed to load stays in the bar
    /// (the others go on; when it was the one shown, the next that did not fail shows),
    /// and the coverage is computed once all are analysed.
    pub fn after_doc(&mut self, i: usize) {
        if !self.multi() {
            return;
        }
        if self.docs[i].error.is_some() && self.docs[i].quit && !self.docs[self.current].quit {
            self.docs[i].quit = false;
            if i == self.current {
                let n = self.docs.len();
                if let Some(j) = (1..n)
                    .map(|k| (i + k) % n)
                    .find(|&j| self.docs[j].error.is_none())
                {
                    self.current = j;
                }
            }
        }
        self.refresh_coverage();
    }

    /// Once every document that loaded is analysed (at least two), line them up on a
    /// worker, which reports on [`App::tx`] ([`App::coverage_done`] takes the result).
    /// The worker gets its own copy of the texts and analyses: the reader goes on
    /// meanwhile.
    pub fn refresh_coverage(&mut self) {
        let (done, all) = self.analysed();
        if self.coverage.rows.is_some() || self.coverage.computing || done < all || done < 2 {
            return;
        }
        let mut docs = Vec::new();
        let mut owned = Vec::new();
        for (i, d) in self.docs.iter().enumerate() {
            if let (Some(a), None) = (&d.analysis, &d.error) {
                docs.push(i);
                owned.push((d.doc.text.clone(), a.clone()));
            }
        }
        self.coverage.computing = true;
        super::event::spawn_worker(self.tx.clone(), Msg::Coverage, move || {
            Ok(Box::new(coverage_rows(&owned, docs)))
        });
    }

    /// The coverage worker is done: its rows, or why it failed (in the status line).
    pub fn coverage_done(&mut self, result: Result<Box<CoverageRows>, String>) {
        self.coverage.computing = false;
        match result {
            Ok(rows) => {
                // Start at the top, on the first claim if it is on the first page
                // (Enter shows it); with many actors above it, on the first row, so
                // the view opens at its headings.
                let first = rows.rows.iter().position(|r| r.target.is_some());
                self.coverage.selected = first.filter(|&k| k < self.coverage_page()).unwrap_or(0);
                self.coverage.top = 0;
                self.coverage.rows = Some(*rows);
            }
            Err(e) => {
                let cur = &mut self.docs[self.current];
                cur.say(format!("coverage failed: {e}"), true);
            }
        }
    }

    /// Show document `i` (closing the coverage view).
    pub fn switch(&mut self, i: usize) {
        if i < self.docs.len() {
            self.current = i;
            self.coverage.open = false;
        }
    }

    /// A terminal event with several documents open: the keys of the bar, the coverage
    /// view and resizes are taken here; `None` hands it to the document shown.
    pub fn input(&mut self, ev: &Event) -> Option<bool> {
        if !self.multi() {
            return None;
        }
        if let Event::Resize(w, h) = ev {
            for d in &mut self.docs {
                d.resize(*w, *h);
            }
            return Some(true);
        }
        let cur = &self.docs[self.current];
        let normal = cur.mode == Mode::Normal;
        if let Event::Key(k) = ev {
            if k.kind != KeyEventKind::Press {
                return Some(false);
            }
            let key = Key::from_event(k);
            if self.coverage.open && normal {
                if let Some(a) = cur.keymap.lookup(Section::Coverage, key).cloned() {
                    self.coverage_action(a);
                }
                return Some(true);
            }
            if normal {
                if let Some(held) = self.held.take() {
                    if let Some(a) = cur.keymap.lookup(Section::AfterG, key).cloned() {
                        held.restore(&mut self.docs[self.current]);
                        self.doc_action(a);
                        return Some(true);
                    }
                }
                if let Some(a) = cur.keymap.lookup(Section::Documents, key).cloned() {
                    self.doc_action(a);
                    return Some(true);
                }
                let top = cur.keymap.lookup(cur.focus.section(), key).is_none()
                    && cur.keymap.lookup(Section::Global, key) == Some(&Action::Top);
                if top {
                    self.held = Some(Held::of(cur));
                }
            }
        }
        if self.coverage.open && normal && matches!(ev, Event::Mouse(_)) {
            return Some(false);
        }
        None
    }

    /// With several documents, a quit of the one shown quits them all (each saving its
    /// notes first, as one does alone).
    pub fn quit_others(&mut self) {
        if !self.multi() || !self.docs[self.current].quit {
            return;
        }
        for i in 0..self.docs.len() {
            let d = &mut self.docs[i];
            if i == self.current || d.quit || d.error.is_some() {
                continue;
            }
            d.quit = true;
            super::settle_quit(d, &self.txs[i]);
        }
    }

    fn doc_action(&mut self, a: Action) {
        let n = self.docs.len();
        match a {
            Action::NextDocument => self.switch((self.current + 1) % n),
            Action::PrevDocument => self.switch((self.current + n - 1) % n),
            Action::Document(k) if (k as usize) <= n => self.switch(k as usize - 1),
            Action::Document(k) => {
                let cur = &mut self.docs[self.current];
                cur.say(format!("no document {k}: {n} are open"), false);
            }
            Action::Coverage => {
                self.refresh_coverage();
                self.coverage.open = true;
            }
            _ => {}
        }
    }

    /// Rows of the coverage list on screen.
    fn coverage_page(&self) -> usize {
        (self.state().area.height as usize).saturating_sub(3).max(1)
    }

    fn coverage_action(&mut self, a: Action) {
        let len = self.coverage.rows.as_ref().map_or(0, |r| r.rows.len());
        let page = self.coverage_page() as isize;
        let by = match a {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Jump => {
                self.jump();
                return;
            }
            Action::Coverage => {
                self.coverage.open = false;
                return;
            }
            Action::Help => {
                self.docs[self.current].mode = Mode::Help { scroll: 0 };
                return;
            }
            Action::Quit => {
                self.docs[self.current].quit = true;
                let tx = self.txs[self.current].clone();
                super::settle_quit(&mut self.docs[self.current], &tx);
                self.quit_others();
                return;
            }
            _ => return,
        };
        if len == 0 {
            return;
        }
        let sel = (self.coverage.selected as isize).saturating_add(by);
        self.coverage.selected = sel.clamp(0, len as isize - 1) as usize;
        let page = page as usize;
        let c = &mut self.coverage;
        if c.selected < c.top {
            c.top = c.selected;
        } else if c.selected >= c.top + page {
            c.top = c.selected + 1 - page;
        }
    }

    /// Enter on a row: show its claim in its document, or its actor in the first
    /// document that names it.
    fn jump(&mut self) {
        let Some(rows) = &self.coverage.rows else {
            return;
        };
        let row = rows.rows.get(self.coverage.selected);
        if let Some((doc, actor)) = row.and_then(|r| r.actor) {
            let i = rows.docs[doc];
            self.switch(i);
            super::update::show_actor(&mut self.docs[i], actor.0 as usize);
            return;
        }
        let Some(target) = row.and_then(|r| r.target) else {
            let cur = &mut self.docs[self.current];
            cur.say(
                "Enter shows a claim, a source or an actor: choose one",
                false,
            );
            return;
        };
        let i = rows.docs[target.doc];
        self.switch(i);
        super::update::show_claim(&mut self.docs[i], target.claim.0 as usize);
    }

    /// Draw the bar and the document shown, or the coverage view.
    pub fn draw(&self, frame: &mut ratatui::Frame<'_>) {
        if !self.multi() {
            super::view::draw(frame, self.state());
            return;
        }
        let area = frame.area();
        let s = self.state();
        let tabs: Vec<Tab<'_>> = self
            .docs
            .iter()
            .map(|d| Tab {
                title: tab_title(d),
                state: tab_state(d),
            })
            .collect();
        let bar = Rect { height: 1, ..area };
        frame.render_widget(
            DocBar {
                tabs: &tabs,
                current: self.current,
                theme: &s.theme,
            },
            bar,
        );
        let below = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        if self.coverage.open {
            frame.render_widget(CoverageScreen { app: self }, below);
        } else {
            super::view::draw_in(frame, s, below);
        }
    }
}

/// The coverage view with its status line (and the help over it when open).
struct CoverageScreen<'a> {
    app: &'a App,
}

impl Widget for CoverageScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let s = app.state();
        let t = &s.theme;
        if area.height < 3 {
            return;
        }
        let body = Rect {
            height: area.height - 1,
            ..area
        };
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        match &app.coverage.rows {
            Some(rows) => CoverageView {
                rows: &rows.rows,
                docs: rows.docs.len(),
                selected: Some(app.coverage.selected),
                top: app.coverage.top,
                theme: t,
            }
            .render(body, buf),
            None => {
                let block: Block<'_> = t.block(true).title(" Coverage ");
                let inner = block.inner(body);
                block.render(body, buf);
                let (done, all) = app.analysed();
                let msg = if all < 2 {
                    "coverage needs two documents that load".to_string()
                } else if app.coverage.computing {
                    format!(
                        "{} lining up {all} documents…",
                        super::view::spinner(s.tick)
                    )
                } else {
                    format!(
                        "{} loading {done} of {all} documents: the coverage shows once all are analysed",
                        super::view::spinner(s.tick)
                    )
                };
                super::view::put_trunc(
                    buf,
                    inner.x + 1,
                    inner.y,
                    &msg,
                    inner.width as usize - 1,
                    t.dim,
                );
            }
        }
        buf.set_style(status, t.status);
        let hints: Vec<String> = s
            .keymap
            .hints(Section::Coverage)
            .iter()
            .map(|(k, d)| format!("{k} {d}"))
            .collect();
        let text = match &s.status {
            Some(st) => st.text.clone(),
            None => hints.join(" · "),
        };
        super::view::put_trunc(
            buf,
            status.x + 1,
            status.y,
            &text,
            status.width as usize - 1,
            t.status,
        );
        if let Mode::Help { scroll } = s.mode {
            super::view::help::HelpView { state: s, scroll }.render(area, buf);
        }
    }
}

/// The coverage rows of the documents `texts` (text and analysis), which are documents
/// `docs` of the bar.
fn coverage_rows(texts: &[(std::sync::Arc<str>, Analysis)], docs: Vec<usize>) -> CoverageRows {
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .map(|(text, analysis)| Input { text, analysis })
        .collect();
    let cov = compare(&inputs, &Params::default());
    let mut rows = cov_view::rows(&cov, &inputs);
    relabel(&mut rows, &docs);
    CoverageRows { rows, docs }
}

/// Number the documents in `rows` as the bar does (`D3` is the third document given,
/// also when an earlier one failed to load and was left out of the comparison).
fn relabel(rows: &mut [cov_view::Row], docs: &[usize]) {
    if docs.iter().enumerate().all(|(k, &i)| k == i) {
        return;
    }
    let map = |w: &str| -> String {
        w.strip_prefix('D')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| docs.get(n.wrapping_sub(1)))
            .map_or_else(|| w.to_string(), |i| format!("D{}", i + 1))
    };
    for r in rows {
        if matches!(r.kind, RowKind::Heading | RowKind::Member | RowKind::Unique) {
            for c in &mut r.cells {
                *c = map(c);
            }
        }
        if r.kind == RowKind::Shared {
            r.text = r.text.split(' ').map(map).collect::<Vec<_>>().join(" ");
        }
    }
}
