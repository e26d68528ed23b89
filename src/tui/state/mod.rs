//! The reader's state: the document, its analysis when ready, the wrapped layout, focus,
//! mode, selections, search. Plain data; [`super::update`] changes it, views read it.

use super::keymap::{Keymap, Section};
use super::layout::{Panel, Panes, Pos, Row, Settings, WrappedLayout};
use super::theme::Theme;
use crate::analysis::{ActorId, Analysis, Span};
use crate::document::{Document, Format};
use crate::io::notes_store::NotesStore;
use crate::notes::{DocKey, NoteId, NoteSet, Target};
use ratatui::layout::Rect;

pub mod editor;
pub mod notes_list;
pub mod selection;
pub mod status_menu;

use editor::NoteEditor;
use notes_list::NotesListState;
use selection::SentenceSelection;
use status_menu::StatusMenu;

/// Which pane has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The article.
    Article,
    /// The claims panel.
    Claims,
    /// The actors panel.
    Actors,
    /// The timeline panel.
    Timeline,
}

impl Focus {
    /// Focus order for Tab.
    pub const CYCLE: [Focus; 4] = [
        Focus::Article,
        Focus::Claims,
        Focus::Actors,
        Focus::Timeline,
    ];

    /// The panel this focus is on, if any.
    pub fn panel(self) -> Option<Panel> {
        match self {
            Focus::Article => None,
            Focus::Claims => Some(Panel::Claims),
            Focus::Actors => Some(Panel::Actors),
            Focus::Timeline => Some(Panel::Timeline),
        }
    }

    /// The key-map section of this focus.
    pub fn section(self) -> Section {
        match self {
            Focus::Article => Section::Article,
            Focus::Claims => Section::Claims,
            Focus::Actors => Section::Actors,
            Focus::Timeline => Section::Timeline,
        }
    }
}

/// What keys do right now, with what that mode works on. A mode's data lives only as
/// long as the mode: a status menu without its claim, a note editor outside the note
/// mode or a selection outside the visual mode cannot be represented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Reading.
    #[default]
    Normal,
    /// The help overlay is open, scrolled to its line `scroll`.
    Help {
        /// The first help line shown.
        scroll: usize,
    },
    /// A search is being typed.
    Search {
        /// The query typed so far.
        input: String,
    },
    /// A note is being written.
    Note(Box<NoteEdit>),
    /// The status menu is open on a claim.
    StatusMenu {
        /// The menu.
        menu: StatusMenu,
        /// The claim it marks (index into `analysis.claims`).
        claim: usize,
    },
    /// A passage is being selected sentence by sentence.
    Visual(SentenceSelection),
    /// The list of notes is open ([`State::notes_list`] keeps its selection between
    /// openings).
    Notes,
}

impl Mode {
    /// The note being written, in [`Mode::Note`].
    pub fn editor(&self) -> Option<&NoteEdit> {
        match self {
            Mode::Note(edit) => Some(edit),
            _ => None,
        }
    }

    /// The passage being selected, in [`Mode::Visual`].
    pub fn visual(&self) -> Option<SentenceSelection> {
        match self {
            Mode::Visual(sel) => Some(*sel),
            _ => None,
        }
    }
}

/// What a note being written will be saved on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A claim or passage, whose entry is made if it does not exist yet.
    New(Target),
    /// An existing entry (from the notes list; orphans too).
    Entry(NoteId),
}

/// A note being written: the editor, where it goes, and how the popup is labelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    /// The text and cursor.
    pub editor: NoteEditor,
    /// Where the note is saved.
    pub target: NoteTarget,
    /// The popup's title ("Note on claim 3").
    pub title: String,
    /// The passage annotated, shown above the text.
    pub quote: String,
    /// Whether it was opened from the notes list, which the editor returns to when it
    /// closes (else to reading).
    pub from_list: bool,
    /// Set by a first Esc on a changed note: a second one discards it.
    pub confirm_discard: bool,
}

/// A key that waits for the same key again to act: a step that loses something, or the
/// first half of `''`. Any other key cancels it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Delete this note (from the notes list).
    DeleteNote(NoteId),
    /// Overwrite the export file that exists.
    OverwriteExport,
    /// Return to the place before the last jump (`''`).
    LastPlace,
}

/// Where the reader was before its jumps, as byte offsets of the top of the screen: back
/// (`Ctrl-o`) and forward (`Ctrl-i`), like a browser's history or vim's jump list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    /// Older places, the latest last.
    pub back: Vec<usize>,
    /// Places left by going back, the nearest last.
    pub forward: Vec<usize>,
}

impl JumpList {
    /// How many places each side keeps.
    pub const MAX: usize = 100;

    /// A jump leaves `from`: remember it (forward history ends here, as in a browser).
    pub fn record(&mut self, from: usize) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > Self::MAX {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }
}

/// Selection and scroll of one panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    /// The selected item, if any.
    pub selected: Option<usize>,
    /// The first item shown.
    pub offset: usize,
}

/// The search: what is typed, what was searched, and where it matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The last query run.
    pub query: String,
    /// Its matches, in text order.
    pub matches: Vec<Span>,
    /// The current match.
    pub current: Option<usize>,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it is a warning or an error.
    pub warning: bool,
}

/// Everything the reader shows.
#[derive(Debug)]
pub struct State {
    /// The document (empty while loading).
    pub doc: Document,
    /// What is being loaded, while it is.
    pub loading: Option<String>,
    /// Only the start of the document is here; the whole is being read.
    pub partial: bool,
    /// `G` was pressed while [`State::partial`]: go to the end when the rest is here.
    pub wants_end: bool,
    /// Why loading failed, if it did.
    pub error: Option<String>,
    /// The analysis, once done.
    pub analysis: Option<Analysis>,
    /// Whether an analysis is running.
    pub analyzing: bool,
    /// The article wrapped to the current width.
    pub layout: WrappedLayout,
    /// Layout settings.
    pub settings: Settings,
    /// The screen size.
    pub area: Rect,
    /// Where the panes are.
    pub panes: Panes,
    /// Which pane has focus.
    pub focus: Focus,
    /// The panel shown when only one fits (the last focused).
    pub panel: Panel,
    /// The mode, with its data.
    pub mode: Mode,
    /// Article only.
    pub zoom: bool,
    /// The first article row shown.
    pub top: Pos,
    /// The claims panel (indices into `visible_claims`).
    pub claims: ListState,
    /// The actors panel.
    pub actors: ListState,
    /// The timeline panel.
    pub timeline: ListState,
    /// Show only claims involving this actor.
    pub claim_filter: Option<ActorId>,
    /// List every claim found, not only the check-worthy ones.
    pub all_claims: bool,
    /// The lowest claim score listed, once the reader moved the threshold (`+`, `-`);
    /// `None` lists the claims the analysis marks check-worthy.
    pub claims_cut: Option<f32>,
    /// The claims listed (indices into `analysis.claims`), after the filter.
    pub visible_claims: Vec<usize>,
    /// The search.
    pub search: Search,
    /// A message for the status line.
    pub status: Option<Status>,
    /// The key map.
    pub keymap: Keymap,
    /// The styles.
    pub theme: Theme,
    /// Counts ticks while work runs (animates the progress mark).
    pub tick: usize,
    /// Set when the user quits.
    pub quit: bool,
    /// Byte offset of the last actor mention jumped to (Enter walks on from it).
    pub last_mention: Option<usize>,
    /// The notes and marks on this document.
    pub notes: NoteSet,
    /// Where the notes are saved (`None`: not saved, e.g. in tests or without a data directory).
    pub notes_store: Option<NotesStore>,
    /// Whether the notes in memory are newer than on disk (a save is under way, or
    /// the last one failed).
    pub notes_unsaved: bool,
    /// When the save running on a worker started, if one is.
    pub saving: Option<std::time::Instant>,
    /// The notes changed while a save ran: save again when it is done.
    pub save_again: bool,
    /// A quit waits for the running save: leave when it succeeds.
    pub quit_after_save: bool,
    /// Set when a quit was held back because notes are unsaved: the next quit goes.
    pub quit_warned: bool,
    /// The notes list's selection.
    pub notes_list: NotesListState,
    /// A key pressed once, waiting for itself again.
    pub confirm: Option<Confirm>,
    /// The places before jumps.
    pub jumps: JumpList,
    /// Where reading places are kept (`None`: not kept, e.g. in tests).
    pub places: Option<crate::io::places::PlaceStore>,
    /// The claim (its start offset) to select once the analysis is here: the one
    /// selected when the document was last left.
    pub pending_claim: Option<usize>,
}

impl State {
    /// A reader on `doc`, analysis pending, for a screen of `width`×`height`.
    pub fn new(doc: Document, width: u16, height: u16) -> State {
        let status = doc.warnings.first().map(|w| Status {
            text: if doc.warnings.len() > 1 {
                format!("{w} (+{} more)", doc.warnings.len() - 1)
            } else {
                w.clone()
            },
            warning: true,
        });
        let settings = Settings::default();
        let mut s = State {
            doc,
            loading: None,
            partial: false,
            wants_end: false,
            error: None,
            analysis: None,
            analyzing: false,
            layout: WrappedLayout::new(1, settings),
            settings,
            area: Rect::default(),
            panes: Panes::default(),
            focus: Focus::Article,
            panel: Panel::Claims,
            mode: Mode::Normal,
            zoom: false,
            top: Pos::default(),
            claims: ListState::default(),
            actors: ListState::default(),
            timeline: ListState::default(),
            claim_filter: None,
            all_claims: false,
            claims_cut: None,
            visible_claims: Vec::new(),
            search: Search::default(),
            status,
            keymap: Keymap::default_map(),
            theme: Theme::color(),
            tick: 0,
            quit: false,
            last_mention: None,
            notes: NoteSet::new(DocKey::new("", "")),
            notes_store: None,
            notes_unsaved: false,
            saving: None,
            save_again: false,
            quit_after_save: false,
            quit_warned: false,
            notes_list: NotesListState::default(),
            confirm: None,
            jumps: JumpList::default(),
            places: None,
            pending_claim: None,
        };
        s.notes = NoteSet::new(DocKey::new(s.doc.source.clone(), &s.doc.text));
        s.resize(width, height);
        s
    }

    /// A reader waiting for `name` to load.
    pub fn loading(name: &str, width: u16, height: u16) -> State {
        let mut s = State::new(
            Document::new(name, Format::Plain, String::new(), Vec::new()),
            width,
            height,
        );
        s.loading = Some(name.to_string());
        s
    }

    /// Set the analysis (panels fill in; notes are linked to their claims).
    pub fn set_analysis(&mut self, analysis: Analysis) {
        let spans: Vec<Span> = analysis.claims.iter().map(|c| c.span.clone()).collect();
        self.notes.link_claims(&spans);
        self.analysis = Some(analysis);
        self.analyzing = false;
        self.refilter();
        if let (Some(start), Some(a)) = (self.pending_claim.take(), &self.analysis) {
            self.claims.selected = self
                .visible_claims
                .iter()
                .position(|&c| a.claims[c].span.start == start);
        }
        if self.actors.selected.is_none() && self.actor_count() > 0 {
            self.actors.selected = Some(0);
        }
        if self.timeline.selected.is_none() && self.timeline_len() > 0 {
            self.timeline.selected = Some(0);
        }
        self.fit_lists();
    }

    /// Recompute the panes and the layout for a new screen size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.relayout();
    }

    /// Recompute the panes (after a resize, a zoom or a focus change) and fit everything.
    pub fn relayout(&mut self) {
        self.panes = Panes::compute(
            self.area,
            self.zoom,
            self.panel,
            self.focus != Focus::Article,
            self.settings.measure,
        );
        self.sync_layout();
        self.fit_lists();
    }

    /// The rect the article text is drawn in: inside the border, a two-column margin on
    /// the left and one column on the right,
    /// at most the measure wide, centred.
    pub fn text_rect(&self) -> Rect {
        let a = self.panes.article;
        if a.width < 3 || a.height < 3 {
            return Rect::default();
        }
        let inner = Rect::new(a.x + 1, a.y + 1, a.width - 2, a.height - 2);
        // Two columns on the left for the margin marks (notes, statuses), one on the right.
        let room = inner.width.saturating_sub(3).max(1);
        let w = room.min(self.settings.measure);
        let x = inner.x + 2.min(inner.width - w) + (inner.width.saturating_sub(w + 3)) / 2;
        Rect {
            x,
            width: w,
            ..inner
        }
    }

    /// Rows of article text on screen.
    pub fn page(&self) -> usize {
        self.text_rect().height as usize
    }

    /// Rebuild the layout if the width or settings changed (keeping the reading position),
    /// lay out what the screen needs, and clamp the scroll.
    pub fn sync_layout(&mut self) {
        let w = self.text_rect().width.max(1);
        if self.layout.width != w || self.layout.settings != self.settings {
            let anchor = self.layout.row(self.top).map(|r| r.span.start);
            self.layout = WrappedLayout::new(w, self.settings);
            self.top = match anchor {
                Some(a) if a > 0 => self.layout.pos_of(&self.doc, a),
                _ => Pos::default(),
            };
        }
        self.clamp_top();
    }

    /// Keep the screen full: no scrolling past the last row (laying out what is shown).
    pub fn clamp_top(&mut self) {
        let page = self.page().max(1) as isize;
        let (_, moved) = self.layout.advance(&self.doc, self.top, page - 1);
        if (moved as isize) < page - 1 {
            let end = self.layout.end(&self.doc);
            self.top = self.layout.advance(&self.doc, end, -(page - 1)).0;
        }
    }

    /// The byte offset at the top of the article pane.
    pub fn top_offset(&self) -> usize {
        self.layout.row(self.top).map_or(0, |r| r.span.start)
    }

    /// The bytes on screen: from the start of the top row to the end of the last.
    pub fn visible_range(&self) -> (usize, usize) {
        let start = self.top_offset();
        let end = self.shown_rows().last().map_or(start, |r| r.span.end);
        (start, end)
    }

    /// The rows on screen, top to bottom.
    pub fn shown_rows(&self) -> impl Iterator<Item = &Row> {
        self.layout.rows_from(self.top).take(self.page())
    }

    /// The screen row (from the top of the text) showing byte `offset`, if on screen.
    pub fn locate(&self, offset: usize) -> Option<(usize, &Row)> {
        let mut found = None;
        for (i, r) in self.shown_rows().enumerate() {
            if r.span.start > offset {
                break;
            }
            if !r.span.is_empty() || found.is_none() {
                found = Some((i, r));
            }
        }
        // A position past the last row shown is not on screen.
        found.filter(|(_, r)| offset <= r.span.end)
    }

    /// How far through the document the bottom of the screen is, in percent.
    pub fn percent(&self) -> usize {
        let len = self.doc.text.len();
        let end = self.shown_rows().last().map_or(0, |r| r.span.end);
        if len == 0 || end >= self.doc.blocks.last().map_or(0, |b| b.span.end) {
            return 100;
        }
        (end * 100 / len).min(100)
    }

    /// Show byte range `span` in the article: scroll only if it is not all on screen,
    /// then put its start a quarter down the page.
    pub fn show_span(&mut self, span: Span) {
        let page = self.page().max(1);
        let first = self.layout.pos_of(&self.doc, span.start);
        let last = self
            .layout
            .pos_of(&self.doc, span.end.saturating_sub(1).max(span.start));
        let (bottom, _) = self.layout.advance(&self.doc, self.top, page as isize - 1);
        if first >= self.top && last <= bottom {
            return;
        }
        self.top = self
            .layout
            .advance(&self.doc, first, -((page / 4) as isize))
            .0;
        self.clamp_top();
    }

    /// Where the reader is: the top of the screen and the selected claim, to keep.
    pub fn place(&self) -> crate::io::places::Place {
        let claim = self
            .selected_claim()
            .and_then(|i| self.analysis.as_ref()?.claims.get(i))
            .map(|c| c.span.start);
        crate::io::places::Place {
            offset: self.top_offset(),
            claim,
            text_len: self.doc.text.len(),
        }
    }

    /// Return to `place` (as kept when the document was last left) and say so.
    pub fn restore_place(&mut self, place: crate::io::places::Place) {
        self.scroll_to_offset(place.offset);
        self.pending_claim = place.claim;
        if self.analysis.is_some() {
            if let Some(a) = self.analysis.take() {
                self.set_analysis(a);
            }
        }
        if self.top_offset() > 0 {
            self.say(
                format!(
                    "back where you left it, at {}% · g: the start",
                    self.percent()
                ),
                false,
            );
        }
    }

    /// Put byte `offset`'s row at the top of the screen (as far as the end allows).
    pub fn scroll_to_offset(&mut self, offset: usize) {
        self.top = self.layout.pos_of(&self.doc, offset);
        self.clamp_top();
    }

    /// The claim selected in the panel (index into `analysis.claims`).
    pub fn selected_claim(&self) -> Option<usize> {
        self.claims
            .selected
            .and_then(|i| self.visible_claims.get(i).copied())
    }

    /// The actor whose mentions stand out: the selected one while the actors panel has
    /// focus, else the filter's.
    pub fn highlighted_actor(&self) -> Option<ActorId> {
        if self.focus == Focus::Actors {
            let a = self.analysis.as_ref()?;
            return self
                .actors
                .selected
                .and_then(|i| a.actors.get(i))
                .map(|x| x.id);
        }
        self.claim_filter
    }

    /// Whether `claim` is listed and highlighted: check-worthy, or all claims are shown.
    pub fn claim_shown(&self, claim: &crate::analysis::Claim) -> bool {
        self.all_claims
            || match self.claims_cut {
                Some(cut) => claim.score > 0.0 && claim.score >= cut,
                None => claim.checkworthy,
            }
    }

    /// Recompute the listed claims after the filter changed, keeping the selection on the
    /// same claim when it is still listed.
    pub fn refilter(&mut self) {
        let before = self.selected_claim();
        self.visible_claims = match &self.analysis {
            None => Vec::new(),
            Some(a) => (0..a.claims.len())
                .filter(|&i| {
                    self.claim_shown(&a.claims[i])
                        && self
                            .claim_filter
                            .is_none_or(|id| a.claims[i].actors.contains(&id))
                })
                .collect(),
        };
        self.claims.selected =
            before.and_then(|c| self.visible_claims.iter().position(|&i| i == c));
        self.claims.offset = 0;
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.analysis.as_ref().map_or(0, |a| a.actors.len())
    }

    /// Number of timeline entries.
    pub fn timeline_len(&self) -> usize {
        self.analysis.as_ref().map_or(0, |a| a.timeline.len())
    }

    /// Number of items in `panel`.
    pub fn panel_len(&self, panel: Panel) -> usize {
        match panel {
            Panel::Claims => self.visible_claims.len(),
            Panel::Actors => self.actor_count(),
            Panel::Timeline => self.timeline_len(),
        }
    }

    /// The list state of `panel`.
    pub fn list(&self, panel: Panel) -> &ListState {
        match panel {
            Panel::Claims => &self.claims,
            Panel::Actors => &self.actors,
            Panel::Timeline => &self.timeline,
        }
    }

    /// The list state of `panel`, mutably.
    pub fn list_mut(&mut self, panel: Panel) -> &mut ListState {
        match panel {
            Panel::Claims => &mut self.claims,
            Panel::Actors => &mut self.actors,
            Panel::Timeline => &mut self.timeline,
        }
    }

    /// Rows inside the panel's border.
    fn panel_inner(&self, panel: Panel) -> usize {
        (self.panes.panel(panel).height as usize).saturating_sub(2)
    }

    /// Rows of the detail box under the list of `panel` (its separator included): the
    /// selected item shown whole, while the panel has focus; 0 when there is none.
    pub fn detail_rows(&self, panel: Panel) -> usize {
        let inner = self.panel_inner(panel);
        if self.focus.panel() != Some(panel) || inner < 10 {
            return 0;
        }
        let width = (self.panes.panel(panel).width as usize).saturating_sub(4);
        let lines = super::view::detail::lines(self, panel, width).len();
        if lines == 0 {
            return 0;
        }
        lines.min(inner / 2 - 1) + 1
    }

    /// Rows of the list in `panel` (inside the border, above the detail box): whole
    /// items only, the detail box takes what is left.
    pub fn list_rows(&self, panel: Panel) -> usize {
        let raw = self.panel_inner(panel) - self.detail_rows(panel);
        let detail = self.detail_rows(panel) > 0;
        if detail {
            raw - raw % Self::rows_per_item(panel, raw)
        } else {
            raw
        }
    }

    /// Rows each item of `panel` takes: a claim two when there is room, else one.
    pub fn item_rows(&self, panel: Panel) -> usize {
        let raw = self.panel_inner(panel) - self.detail_rows(panel);
        Self::rows_per_item(panel, raw)
    }

    fn rows_per_item(panel: Panel, rows: usize) -> usize {
        if panel == Panel::Claims && rows >= 4 {
            2
        } else {
            1
        }
    }

    /// Rows the selected item of `panel` takes when it opens in place: in a focused
    /// panel too low for a detail box (80×24, 60×20), the selected item is shown whole
    /// where it is listed (as many rows as it needs, at most the panel's) and the others
    /// keep theirs. 0 when it does not open.
    pub fn open_rows(&self, panel: Panel) -> usize {
        if self.focus.panel() != Some(panel)
            || self.list(panel).selected.is_none()
            || self.detail_rows(panel) > 0
        {
            return 0;
        }
        let width = (self.panes.panel(panel).width as usize).saturating_sub(4);
        let lines = super::view::detail::lines(self, panel, width).len();
        if lines == 0 {
            return 0;
        }
        lines
            .max(self.item_rows(panel))
            .min(self.list_rows(panel).max(1))
    }

    /// Rows item `i` of `panel` takes in the list.
    pub fn rows_of(&self, panel: Panel, i: usize) -> usize {
        match self.open_rows(panel) {
            0 => self.item_rows(panel),
            open if self.list(panel).selected == Some(i) => open,
            _ => self.item_rows(panel),
        }
    }

    /// The item of `panel` drawn at `row` of its list (0 is the first row inside the
    /// border), if any.
    pub fn item_at_row(&self, panel: Panel, row: usize) -> Option<usize> {
        let (rows, len) = (self.list_rows(panel), self.panel_len(panel));
        let mut y = 0;
        for i in self.list(panel).offset..len {
            let h = self.rows_of(panel, i);
            if y + h > rows {
                return None;
            }
            if row < y + h {
                return Some(i);
            }
            y += h;
        }
        None
    }

    /// Items the panel shows at once (its selected item open, if it opens).
    pub fn panel_page(&self, panel: Panel) -> usize {
        let (rows, ih) = (self.list_rows(panel), self.item_rows(panel));
        match self.open_rows(panel) {
            0 => rows / ih,
            open => 1 + rows.saturating_sub(open) / ih,
        }
    }

    /// Scroll every panel so its selection is visible and no space is wasted.
    pub fn fit_lists(&mut self) {
        for p in Panel::ALL {
            let len = self.panel_len(p);
            let l = self.list_mut(p);
            if let Some(s) = l.selected {
                l.selected = (len > 0).then(|| s.min(len - 1));
            }
            // The page depends on the selection (its detail box).
            let page = self.panel_page(p).max(1);
            let l = self.list_mut(p);
            if let Some(s) = l.selected {
                if s < l.offset {
                    l.offset = s;
                } else if s >= l.offset + page {
                    l.offset = s + 1 - page;
                }
            }
            l.offset = l.offset.min(len.saturating_sub(page));
        }
    }

    /// Show a message in the status line.
    pub fn say(&mut self, text: impl Into<String>, warning: bool) {
        self.status = Some(Status {
            text: text.into(),
            warning,
        });
    }
}
