//! The checklist (and, with counts and answers shown, visit mode): its state, its update and
//! its drawing. Questions grouped by topic, the selected one's "why", source and words in a
//! side or bottom panel. The list and its wrapped rows are kept in the state, brought up to
//! date by `update` (see [`ListState::refresh`]), so drawing builds and wraps nothing.

use std::collections::HashMap;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};

use crate::bank::{Bank, Priority};
use crate::checklist::{self, Checklist, Item, Options};
use crate::export::clinician_words;
use crate::profile::Profile;
use crate::state::State;
use crate::text::{clean, clean_line};

use super::app::{App, Message, Screen, Status, filter_words, multi_line, single_line};
use super::popup::Popup;
use super::steps;
use super::view::{areas, draw_lines, heading, labelled, quiet, selected, wrap, wrapped};

/// The list screens' state (the checklist, and visit mode when `visit`).
#[derive(Debug)]
pub struct ListState {
    /// Visit mode: counts and answers shown.
    pub visit: bool,
    /// The cuts in force: the visit list (its size is the person's, kept in `State` and
    /// copied into `top` whenever the list is brought up to date), all my questions after it
    /// (`all`), the clinician, hidden shown.
    pub options: Options,
    pub selected: usize,
    /// The side panel has the keys (Up/Down scroll it).
    pub detail_focus: bool,
    pub detail_scroll: u16,
    /// The search kept, and the search field while it is being typed.
    pub query: String,
    pub search: Option<TextArea<'static>>,
    /// The last list built, with what it was built from.
    cache: Option<ListCache>,
    /// The list's wrapped rows, kept between frames.
    rows: RowCache,
    /// The panel about the selected question, laid out, kept between frames.
    detail: DetailCache,
    /// How many times the list was built (tests check it is once per change).
    pub builds: usize,
    /// How many texts of the list were wrapped (tests check only changed ones are).
    pub wraps: usize,
    /// How many times the panel about the selected question was laid out to be kept, and
    /// how many times a frame had to lay it out itself (tests check: never, once `update`
    /// has brought the state up to date).
    pub panels: usize,
    pub fresh_panels: std::cell::Cell<usize>,
}

/// The kept list, rows and panel, taken away for a test.
#[cfg(test)]
pub struct Caches(Option<ListCache>, RowCache, DetailCache);

/// The lines of the panel about the selected question, for the question and width they were
/// laid out for. Wrapping the panel's texts was half of what a frame cost in a 1,000-item
/// list; the panel changes only when the selection, the question's state or the width does.
#[derive(Debug, Default)]
struct DetailCache {
    key: Option<DetailKey>,
    lines: Rc<Vec<Line<'static>>>,
}

/// What the panel's lines depend on: the list (its build number), the question (its place
/// and what the person did with it, but for its tick, which the panel does not show) and the
/// panel's inner width.
#[derive(Debug, PartialEq)]
struct DetailKey {
    list: usize,
    selected: usize,
    state: crate::state::ItemState,
    width: u16,
}

impl DetailKey {
    fn new(list: usize, selected: usize, item: &Item, width: u16) -> DetailKey {
        DetailKey {
            list,
            selected,
            state: crate::state::ItemState {
                asked: false,
                ..item.state.clone()
            },
            width,
        }
    }
}

/// The last checklist built, what it was built from, and its number.
#[derive(Debug)]
struct ListCache {
    key: ListKey,
    list: Rc<Checklist>,
    /// Counts builds: what is drawn from the list (its wrapped rows) is kept until it changes.
    /// A tick patches the list in place and keeps the number.
    number: usize,
}

/// Everything the shown checklist depends on besides the bank.
#[derive(Debug, PartialEq)]
struct ListKey {
    profile: Profile,
    state: State,
    options: Options,
    query: String,
}

impl ListKey {
    fn matches(&self, profile: &Profile, options: &Options, query: &str) -> bool {
        self.profile == *profile && self.options == *options && self.query == query
    }
}

/// The list as shown with these options and search: "the top 6 of N" counts what the list
/// shows without the cut (hidden ones left out).
fn build(
    bank: &Bank,
    profile: &Profile,
    state: &State,
    options: &Options,
    query: &str,
) -> Checklist {
    let mut list = checklist::build(bank, profile, state, options);
    list.total = match options.top {
        Some(_) if !options.all => {
            let uncut = Options {
                top: None,
                ..options.clone()
            };
            checklist::build(bank, profile, state, &uncut).items.len()
        }
        _ => list.items.len(),
    };
    crate::filter::search(&mut list, query);
    list
}

/// The widths of the list's column and of the text inside the panel about a question, for
/// a terminal of this size.
pub fn widths(size: (u16, u16)) -> (u16, u16) {
    let (_, list, detail) = parts(Rect::new(
        0,
        0,
        size.0,
        size.1.max(crate::ui::app::MIN_HEIGHT),
    ));
    (list.width, detail_inner(detail).width)
}

/// The text area inside the panel about a question.
fn detail_inner(area: Rect) -> Rect {
    Block::bordered().inner(area).inner(Margin::new(1, 0))
}

impl ListState {
    /// The questions for this visit, most relevant first (the size is the person's, from
    /// `State`, set when the list is brought up to date).
    pub fn new(visit: bool) -> ListState {
        ListState {
            visit,
            options: Options::visit(checklist::VISIT_SIZE),
            selected: 0,
            detail_focus: false,
            detail_scroll: 0,
            query: String::new(),
            search: None,
            cache: None,
            rows: RowCache::default(),
            detail: DetailCache::default(),
            builds: 0,
            wraps: 0,
            panels: 0,
            fresh_panels: std::cell::Cell::new(0),
        }
    }

    /// The options the list is built with: the ones in force, with the person's visit list
    /// size; a search looks through all my questions (to find one to pull in).
    pub fn options_for(&self, state: &State) -> Options {
        Options {
            top: Some(state.visit_len()),
            all: self.options.all || !self.query.is_empty(),
            ..self.options.clone()
        }
    }

    /// The list as it is now: the kept one when it is up to date, else one built afresh (and
    /// not kept: only `update` changes the state).
    pub fn list_for(&self, app: &App) -> Rc<Checklist> {
        let options = self.options_for(&app.state);
        match &self.cache {
            Some(c)
                if c.key.matches(&app.profile, &options, &self.query)
                    && c.key.state == app.state =>
            {
                Rc::clone(&c.list)
            }
            _ => Rc::new(build(
                &app.bank,
                &app.profile,
                &app.state,
                &options,
                &self.query,
            )),
        }
    }

    /// The kept list, built again only when the answers, the person's state, the options or
    /// the search changed. Ticking questions changes nothing but their tick, so the list is
    /// then patched in place instead.
    pub fn sync(&mut self, bank: &Bank, profile: &Profile, state: &State) -> Rc<Checklist> {
        self.options.top = Some(state.visit_len());
        let options = self.options_for(state);
        // The question selected before a change of the person's state (a star, an answer, a
        // tick that pulls it into the visit list) stays selected wherever it goes.
        let mut follow = None;
        if let Some(cache) = self.cache.as_mut()
            && cache.key.matches(profile, &options, &self.query)
        {
            if cache.key.state == *state {
                return Rc::clone(&cache.list);
            }
            follow = cache.list.items.get(self.selected).map(|i| i.id.clone());
            if let Some(ticked) = crate::filter::ticked_only(&cache.key.state, state)
                && crate::filter::tick_keeps_the_list(&cache.list, &ticked)
            {
                let ticked: Vec<String> = ticked.into_iter().map(str::to_string).collect();
                let list = Rc::make_mut(&mut cache.list);
                for item in &mut list.items {
                    if ticked.contains(&item.id) {
                        item.state.asked = state.item(&item.id).asked;
                    }
                }
                cache.key.state = state.clone();
                return Rc::clone(&cache.list);
            }
        }
        self.builds += 1;
        let list = Rc::new(build(bank, profile, state, &options, &self.query));
        self.cache = Some(ListCache {
            key: ListKey {
                profile: profile.clone(),
                state: state.clone(),
                options,
                query: self.query.clone(),
            },
            list: Rc::clone(&list),
            number: self.builds,
        });
        if let Some(i) = follow.and_then(|id| list.items.iter().position(|i| i.id == id)) {
            self.selected = i;
        }
        list
    }

    /// Brings the list, its rows (for a list column `widths.0` wide) and the panel about the
    /// selected question (`widths.1` wide inside; `enter` is how to say "press Enter") up to
    /// date, and keeps the selection on the list.
    pub fn refresh(
        &mut self,
        bank: &Bank,
        profile: &Profile,
        state: &State,
        widths: (u16, u16),
        enter: &str,
    ) {
        let (width, detail_width) = widths;
        let list = self.sync(bank, profile, state);
        let n = list.items.len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        let number = self.cache.as_ref().map_or(0, |c| c.number);
        if self.rows.laid_out != Some((number, width, self.visit)) {
            self.rows.lay_out(&list, width, self.visit, &mut self.wraps);
            self.rows.laid_out = Some((number, width, self.visit));
        }
        match list.items.get(self.selected) {
            Some(item) => {
                let key = DetailKey::new(number, self.selected, item, detail_width);
                if self.detail.key.as_ref() != Some(&key) {
                    self.detail.lines = Rc::new(detail_lines_with(bank, enter, item, detail_width));
                    self.detail.key = Some(key);
                    self.panels += 1;
                }
            }
            None => self.detail = DetailCache::default(),
        }
    }

    /// The panel's lines for `item` (the selected one of `list`), `width` wide: the kept ones
    /// when they are for this, else laid out afresh.
    fn detail_for(
        &self,
        app: &App,
        list: &Rc<Checklist>,
        item: &Item,
        width: u16,
    ) -> Rc<Vec<Line<'static>>> {
        let current = self
            .cache
            .as_ref()
            .filter(|c| Rc::ptr_eq(&c.list, list))
            .map(|c| c.number);
        match (current, &self.detail.key) {
            (Some(n), Some(key)) if *key == DetailKey::new(n, self.selected, item, width) => {
                Rc::clone(&self.detail.lines)
            }
            _ => {
                self.fresh_panels.set(self.fresh_panels.get() + 1);
                Rc::new(detail_lines(app, item, width))
            }
        }
    }

    /// The rows to draw for a list column `width` wide: the kept ones, or (when the state was
    /// not brought up to date for this list and width) laid out afresh.
    fn rows_for(&self, list: &Rc<Checklist>, width: u16) -> Rc<Vec<Row>> {
        let current = self
            .cache
            .as_ref()
            .filter(|c| Rc::ptr_eq(&c.list, list))
            .map(|c| c.number);
        match (current, self.rows.laid_out) {
            (Some(n), Some(laid)) if laid == (n, width, self.visit) => Rc::clone(&self.rows.rows),
            _ => {
                let mut fresh = RowCache::default();
                let mut wraps = 0;
                fresh.lay_out(list, width, self.visit, &mut wraps);
                fresh.rows
            }
        }
    }

    /// Takes the kept list and rows away (a frame is then drawn from scratch), for tests that
    /// compare what the caches draw with what a fresh frame draws.
    #[cfg(test)]
    pub fn take_caches(&mut self) -> Caches {
        Caches(
            self.cache.take(),
            std::mem::take(&mut self.rows),
            std::mem::take(&mut self.detail),
        )
    }

    /// Puts back what `take_caches` took.
    #[cfg(test)]
    pub fn put_caches(&mut self, c: Caches) {
        self.cache = c.0;
        self.rows = c.1;
        self.detail = c.2;
    }

    fn select(&mut self, app: &App, to: usize) {
        let n = self.sync(&app.bank, &app.profile, &app.state).items.len();
        self.selected = to.min(n.saturating_sub(1));
        self.detail_scroll = 0;
    }

    fn clamp(&mut self, app: &App) {
        let n = self.sync(&app.bank, &app.profile, &app.state).items.len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        self.detail_scroll = 0;
    }

    /// Selects the question `id` if it is shown.
    pub fn select_id(&mut self, bank: &Bank, profile: &Profile, state: &State, id: &str) {
        if let Some(i) = self
            .sync(bank, profile, state)
            .items
            .iter()
            .position(|i| i.id == id)
        {
            self.selected = i;
        }
    }
}

/// Selects `id` on the list screen shown (after a popup changed the list).
pub fn select_id(app: &mut App, id: &str) {
    if let Some(s) = app.screen.list_state_mut() {
        s.select_id(&app.bank, &app.profile, &app.state, id);
    }
}

/// Ends the visit in progress, keeping what was asked and answered under its date; back to
/// the checklist.
pub fn end_visit(app: &mut App) {
    let all = checklist::build(
        &app.bank,
        &app.profile,
        &app.state,
        &Options {
            show_hidden: true,
            ..Options::default()
        },
    );
    let texts: Vec<(String, String)> = all
        .items
        .iter()
        .map(|i| (i.id.clone(), i.text.clone()))
        .collect();
    let visit = app
        .state
        .end_visit(app.today, app.profile.appointment.with, &texts);
    app.save();
    let mut s = match std::mem::take(&mut app.screen) {
        Screen::Checklist(s) | Screen::Visit(s) => s,
        _ => ListState::new(false),
    };
    s.visit = false;
    s.clamp(app);
    let open = crate::filter::open_count(&s.sync(&app.bank, &app.profile, &app.state).items);
    app.screen = Screen::Checklist(s);
    app.status = Some(Status::Note(format!(
        "The visit of {} is saved ({}). {} ready for the next visit.",
        super::app::long_date(visit.date),
        crate::filter::count(visit.entries.len(), "question noted", "questions noted"),
        crate::filter::count(open, "open question is", "open questions are"),
    )));
}

/// The list screens' keys.
pub fn update(app: &mut App, mut s: ListState, msg: Message) -> Screen {
    if s.search.is_some() {
        update_search(app, &mut s, msg);
        return Screen::list(s);
    }

    let list = s.sync(&app.bank, &app.profile, &app.state);
    let n = list.items.len();
    let current = list.items.get(s.selected).map(|i| i.id.clone());
    match msg {
        Message::Tab | Message::BackTab => s.detail_focus = !s.detail_focus,
        Message::Up if s.detail_focus => s.detail_scroll = s.detail_scroll.saturating_sub(1),
        Message::Down if s.detail_focus => {
            s.detail_scroll = s.detail_scroll.saturating_add(1).min(500)
        }
        Message::Up | Message::ScrollUp => s.select(app, s.selected.saturating_sub(1)),
        Message::Down | Message::ScrollDown => s.select(app, s.selected + 1),
        Message::PageUp => s.select(app, s.selected.saturating_sub(8)),
        Message::PageDown => s.select(app, s.selected + 8),
        Message::Home => s.select(app, 0),
        Message::End => s.select(app, n.saturating_sub(1)),
        Message::Click(col, row) => {
            if let Some((i, on_box)) = item_at(app, &s, col, row) {
                s.select(app, i);
                s.detail_focus = false;
                if on_box && let Some(item) = list.items.get(i) {
                    // A click on the [ ] box ticks, as Space does.
                    app.state.update_item(&item.id, |s| s.asked = !s.asked);
                    app.save();
                }
            }
        }
        Message::Toggle => {
            if let Some(id) = current {
                app.state.update_item(&id, |s| s.asked = !s.asked);
                app.save();
            }
        }
        Message::Enter => {
            if let Some(item) = list.items.get(s.selected) {
                app.popup = Some(Popup::Answer {
                    id: item.id.clone(),
                    field: multi_line(&item.state.answer),
                });
            }
        }
        Message::Star => {
            if let Some(id) = current {
                app.state.update_item(&id, |s| s.starred = !s.starred);
                app.save();
            }
        }
        Message::Hide => {
            if let Some(id) = current {
                let hidden = !app.state.item(&id).hidden;
                app.state.update_item(&id, |s| s.hidden = hidden);
                app.save();
                app.status = Some(Status::Note(if hidden {
                    format!(
                        "Hidden. {} to show hidden questions again.",
                        app.press(&Message::ShowHidden)
                    )
                } else {
                    "Shown again.".into()
                }));
                s.clamp(app);
            }
        }
        Message::ShowHidden => {
            s.options.show_hidden = !s.options.show_hidden;
            if let Some(id) = current {
                s.select_id(&app.bank, &app.profile, &app.state, &id);
            }
            s.clamp(app);
        }
        Message::MoveUp | Message::MoveDown | Message::MoveTop => {
            if let Some(id) = current {
                // A question moves within its topic: moving it past the topic's edge would
                // split the topic in two (its heading twice, on screen and on paper).
                let topic = list.items.get(s.selected).map(|i| i.topic.clone());
                let siblings: Vec<String> = list
                    .items
                    .iter()
                    .filter(|i| Some(&i.topic) == topic.as_ref())
                    .map(|i| i.id.clone())
                    .collect();
                let pos = siblings.iter().position(|x| *x == id).unwrap_or(0);
                let target = match msg {
                    Message::MoveTop => Some(0),
                    Message::MoveUp => pos.checked_sub(1),
                    _ => Some(pos + 1).filter(|t| *t < siblings.len()),
                };
                if let Some(t) = target.filter(|t| *t != pos) {
                    // Only a move needs every id shown (not each key: 1,000 copies a press).
                    let visible: Vec<String> = list.items.iter().map(|i| i.id.clone()).collect();
                    let mut order = siblings;
                    let moving = order.remove(pos);
                    order.insert(t, moving);
                    let mut all: Vec<String> = Vec::with_capacity(visible.len());
                    let mut placed = false;
                    for v in &visible {
                        if order.contains(v) {
                            if !placed {
                                all.extend(order.iter().cloned());
                                placed = true;
                            }
                        } else {
                            all.push(v.clone());
                        }
                    }
                    // Remembered places of questions not shown now (hidden, filtered) stay after.
                    let shown: std::collections::HashSet<&String> = visible.iter().collect();
                    all.extend(
                        app.state
                            .order
                            .iter()
                            .filter(|o| !shown.contains(o))
                            .cloned(),
                    );
                    app.state.order = all;
                    app.save();
                    s.select_id(&app.bank, &app.profile, &app.state, &id);
                }
            }
        }
        Message::Add => {
            let topics = app.topics();
            let topic = list
                .items
                .get(s.selected)
                .and_then(|i| topics.iter().position(|(t, _)| *t == i.topic))
                .unwrap_or(topics.len() - 1);
            let mut field = single_line("", "Type your question");
            field.set_wrap_mode(WrapMode::WordOrGlyph);
            app.popup = Some(Popup::AddOwn {
                field,
                topic,
                on_topic: false,
                error: None,
            });
        }
        Message::Top => {
            // The person's visit list size (6, 10, 15, then 6 again), kept with their data.
            app.state.visit_size = app.state.next_visit_size();
            app.save();
            s.select(app, 0);
            app.status = Some(Status::Note(format!(
                "The visit list now holds your {} best questions ({} changes it; starred and your own are always on it).",
                app.state.visit_len(),
                app.key_name(&Message::Top)
            )));
        }
        Message::AllQuestions => {
            // The question selected stays selected when it is shown both ways.
            s.options.all = !s.options.all;
            let list = s.sync(&app.bank, &app.profile, &app.state);
            s.selected = current
                .and_then(|id| list.items.iter().position(|i| i.id == id))
                .unwrap_or(0);
        }
        Message::Filter => {
            let cursor = s
                .options
                .only_for
                .and_then(|c| steps::clinicians().iter().position(|(x, _)| *x == c))
                .map_or(0, |i| i + 1);
            app.popup = Some(Popup::Filter { cursor });
        }
        Message::Search => {
            let mut field = single_line(&s.query, "type a word");
            field.move_cursor(ratatui_textarea::CursorMove::End);
            s.search = Some(field);
        }
        Message::Visit => {
            if s.visit {
                // This visit's questions: its list, which holds every question ticked or
                // answered today, whatever clinician or search the screen shows (fault 5).
                let options = Options::visit(app.state.visit_len());
                let visit = checklist::build(&app.bank, &app.profile, &app.state, &options);
                let (asked, answered, _) = visit.counts();
                app.popup = Some(Popup::EndVisit {
                    asked,
                    answered,
                    open: crate::filter::open_count(&visit.items),
                    of: visit.items.len(),
                });
            } else {
                if app.state.visit_started.is_none() {
                    app.state.start_visit(app.today);
                    app.save();
                }
                // The visit works on the visit list (A still shows everything).
                s.visit = true;
                s.options.all = false;
                s.clamp(app);
            }
        }
        Message::Export => {
            // What is exported is what is on screen: the same cut and clinician.
            let total = list.total;
            return Screen::Export(super::export::ExportState::new(app, s, total));
        }
        Message::Walk => return app.walk(Some(s)),
        Message::Results => return Screen::Results(super::results::ResultsState::new(Some(s))),
        Message::PastVisits => {
            return Screen::Past(super::visit::PastState::new(app, s));
        }
        // One Esc clears the search and the clinician together (the visit list, or all my
        // questions, stays as chosen).
        Message::Back if !s.query.is_empty() || s.options.only_for.is_some() => {
            s.query.clear();
            s.options.only_for = None;
            s.clamp(app);
        }
        _ => {}
    }
    Screen::list(s)
}

/// The search field's keys.
fn update_search(app: &mut App, s: &mut ListState, msg: Message) {
    let Some(field) = s.search.as_mut() else {
        return;
    };
    match msg {
        Message::Enter => s.search = None,
        Message::Back => {
            s.search = None;
            s.query.clear();
        }
        Message::Input(input) => {
            field.input(input);
            s.query = clean_line(&field.lines().join(" "));
            s.select(app, 0);
        }
        _ => {}
    }
    s.clamp(app);
}

/// (header, list, detail panel).
fn parts(body: Rect) -> (Rect, Rect, Rect) {
    let inner = body.inner(Margin::new(1, 0));
    let [header, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(inner);
    if inner.width >= 110 {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(rest);
        (header, list, detail)
    } else {
        let [list, detail] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length((rest.height / 3).clamp(9, 14)),
        ])
        .areas(rest);
        (header, list, detail)
    }
}

/// What one display row of the list shows, before selection and styling.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// A topic heading.
    Heading,
    /// The first line of a question (its tick box and marks go before it).
    First,
    /// A further line of a question.
    More,
    /// A line of the answer shown under a question in visit mode (`true` for the first).
    Answer(bool),
}

/// One display row: its text, and the index of the item it belongs to.
#[derive(Debug, Clone)]
pub struct Row {
    kind: RowKind,
    /// Shared with the cache of wrapped lines, so laying the list out again copies no text.
    text: Rc<str>,
    item: Option<usize>,
}

/// A question's marks that are part of its wrapped text: (answer written, answered at a
/// visit, hidden). The tick box and star are drawn in front, not wrapped: whether a question
/// was asked must not be part of the rows (a tick keeps them, see `RowCache::laid_out`).
type Marks = (bool, bool, bool);

/// Wrapped lines of one text.
type Lines = Rc<[Rc<str>]>;

/// The list's rows, kept between frames, and every question's and answer's wrapped lines
/// by content: moving the selection or redrawing reuses the rows; a change to the list (a
/// tick, an answer, a search) lays the rows out again but wraps only the texts that changed.
#[derive(Debug, Default)]
pub struct RowCache {
    /// The list (its build number), width and screen `rows` are laid out for. Rows don't show whether a question was asked (its tick box is drawn each frame),
    /// so a list patched with new ticks keeps its number and its rows.
    laid_out: Option<(usize, u16, bool)>,
    rows: Rc<Vec<Row>>,
    /// The width the wrapped lines below are for.
    width: u16,
    /// Question text -> its wrapped lines, for each set of marks seen.
    questions: HashMap<String, Vec<(Marks, Lines)>>,
    /// Answer text -> its first two wrapped lines (visit mode).
    answers: HashMap<String, Lines>,
}

/// Wraps a text for the list, counting it (tests check that only changed texts are wrapped).
fn wrap_counted(text: &str, width: u16, wraps: &mut usize) -> Vec<Rc<str>> {
    *wraps += 1;
    wrap(text, width).into_iter().map(Rc::from).collect()
}

/// Lays out every heading, question and (in visit mode) answer, taking wrapped lines from the
/// cache. Only what this list shows is kept in the cache afterwards, so it can't grow with
/// every answer typed.
impl RowCache {
    /// Lays the rows out for `list` at `width`, wrapping only texts not wrapped before at
    /// that width.
    fn lay_out(&mut self, list: &Checklist, width: u16, visit: bool, wraps: &mut usize) {
        if self.width != width {
            self.questions.clear();
            self.answers.clear();
            self.width = width;
        }
        self.rows = Rc::new(layout(self, list, visit, wraps));
    }
}

fn layout(cache: &mut RowCache, list: &Checklist, visit: bool, wraps: &mut usize) -> Vec<Row> {
    let width = cache.width;
    let mut old_questions = std::mem::take(&mut cache.questions);
    let mut old_answers = std::mem::take(&mut cache.answers);
    let mut out = Vec::new();
    let mut index = 0;
    for g in list.groups() {
        out.push(Row {
            kind: RowKind::Heading,
            text: clean_line(g.title).to_uppercase().into(),
            item: None,
        });
        for item in g.items {
            let s = &item.state;
            let marks = (
                !s.answer.trim().is_empty() && !visit,
                s.answered_on.is_some(),
                s.hidden,
            );
            if !cache.questions.contains_key(&item.text) {
                let (text, seen) = old_questions
                    .remove_entry(&item.text)
                    .unwrap_or_else(|| (item.text.clone(), Vec::new()));
                cache.questions.insert(text, seen);
            }
            let seen = cache.questions.get_mut(&item.text).expect("just inserted");
            let lines = match seen.iter().find(|(m, _)| *m == marks) {
                Some((_, lines)) => Rc::clone(lines),
                None => {
                    let mut text = clean_line(&item.text);
                    if marks.0 {
                        text.push_str(" ✎");
                    }
                    if marks.1 {
                        text.push_str(" (answered)");
                    }
                    if marks.2 {
                        text.push_str(" (hidden)");
                    }
                    let lines: Lines = wrap_counted(&text, width.saturating_sub(9), wraps).into();
                    seen.push((marks, Rc::clone(&lines)));
                    lines
                }
            };
            for (i, l) in lines.iter().enumerate() {
                out.push(Row {
                    kind: if i == 0 {
                        RowKind::First
                    } else {
                        RowKind::More
                    },
                    text: Rc::clone(l),
                    item: Some(index),
                });
            }
            if visit && !s.answer.trim().is_empty() {
                if !cache.answers.contains_key(&s.answer) {
                    let (answer, lines) =
                        old_answers.remove_entry(&s.answer).unwrap_or_else(|| {
                            let mut lines = wrap_counted(
                                &clean_line(&s.answer),
                                width.saturating_sub(11),
                                wraps,
                            );
                            if lines.len() > 2 {
                                // Cut after two lines, and say so.
                                lines.truncate(2);
                                let max = usize::from(width.saturating_sub(11));
                                let mut last = lines[1].trim_end().to_string();
                                while unicode_width::UnicodeWidthStr::width(last.as_str()) + 2 > max
                                    && let Some(i) = last.rfind(' ')
                                {
                                    last.truncate(i);
                                }
                                lines[1] = format!("{last} …").into();
                            }
                            (s.answer.clone(), lines.into())
                        });
                    cache.answers.insert(answer, lines);
                }
                for (i, l) in cache.answers[&s.answer].iter().enumerate() {
                    out.push(Row {
                        kind: RowKind::Answer(i == 0),
                        text: Rc::clone(l),
                        item: Some(index),
                    });
                }
            }
            index += 1;
        }
    }
    out
}

/// Styles the shown rows: the selected question's marks and highlight bar are added here.
fn styled(s: &ListState, list: &Checklist, rows: &[Row], width: u16) -> Vec<Line<'static>> {
    rows.iter()
        .map(|row| {
            let is_sel = row.item == Some(s.selected);
            let style = if is_sel { selected() } else { Style::default() };
            match (&row.kind, row.item.and_then(|i| list.items.get(i))) {
                (RowKind::Heading, _) | (_, None) => Line::from(Span::styled(
                    row.text.to_string(),
                    heading().add_modifier(Modifier::UNDERLINED),
                )),
                (RowKind::Answer(first), Some(_)) => {
                    let pre = if *first { "        → " } else { "          " };
                    Line::from(vec![
                        Span::raw(pre),
                        Span::styled(row.text.to_string(), quiet()),
                    ])
                }
                (kind, Some(item)) => {
                    let s = &item.state;
                    let pre = if *kind == RowKind::First {
                        format!(
                            "{} {}{}{} ",
                            if is_sel { ">" } else { " " },
                            if s.asked { "[x]" } else { "[ ]" },
                            if s.starred { "★" } else { " " },
                            if item.priority == Priority::Essential && !item.own {
                                "!"
                            } else {
                                " "
                            },
                        )
                    } else {
                        " ".repeat(8)
                    };
                    let content = if is_sel {
                        // Pad the selected row so the highlight reads as a bar.
                        let w = unicode_width::UnicodeWidthStr::width(&*row.text);
                        format!(
                            "{}{}",
                            row.text,
                            " ".repeat(usize::from(width.saturating_sub(9)).saturating_sub(w))
                        )
                    } else {
                        row.text.to_string()
                    };
                    Line::from(vec![Span::styled(pre, style), Span::styled(content, style)])
                }
            }
        })
        .collect()
}

/// The first shown row: keeps the selected question in view, a third of the way down.
fn offset(rows: &[Row], selected: usize, height: u16) -> usize {
    let height = usize::from(height);
    let start = rows
        .iter()
        .position(|r| r.item == Some(selected))
        .unwrap_or(0);
    let end = rows
        .iter()
        .rposition(|r| r.item == Some(selected))
        .unwrap_or(0);
    // Show the topic heading just above a first question too.
    let start = if start > 0 && rows[start - 1].item.is_none() {
        start - 1
    } else {
        start
    };
    let max = rows.len().saturating_sub(height);
    let mut off = start.saturating_sub(height / 3).min(max);
    if end >= off + height {
        off = end + 1 - height;
    }
    off
}

/// Which question a click at (col, row) chose, and whether it landed on its `[ ]` box.
pub fn item_at(app: &App, s: &ListState, col: u16, row: u16) -> Option<(usize, bool)> {
    let (_, list_area, _) = parts(areas(app, app.size).body);
    if row < list_area.y
        || row >= list_area.bottom()
        || col < list_area.x
        || col >= list_area.right()
    {
        return None;
    }
    let list = s.list_for(app);
    let r = s.rows_for(&list, list_area.width);
    let off = offset(&r, s.selected, list_area.height);
    let hit = r.get(off + usize::from(row - list_area.y))?;
    // The box is drawn at columns 2-4 of a question's first line ("> [ ]★! ").
    let on_box = hit.kind == RowKind::First && (2..5).contains(&(col - list_area.x));
    hit.item.map(|i| (i, on_box))
}

/// What the list shows, in words: "Questions for this visit: 10 of 62" or "All my
/// questions: 62, this visit's 10 first" (short enough for the date beside it at 80 columns). Counts leave hidden questions out unless they
/// are shown, and are of the list with the clinician in force (before a search). With
/// `all_key`, the visit list's words end with the key that shows all.
pub fn shown_words(s: &ListState, list: &Checklist, all_key: Option<&str>) -> String {
    let visit = list.visit_items().len();
    if !s.query.is_empty() {
        format!(
            "{} of my {} questions match \"{}\" ({visit} for this visit)",
            list.items.len(),
            list.total,
            clean_line(&s.query)
        )
    } else if s.options.all {
        format!(
            "All my questions: {}, this visit's {visit} first",
            list.total
        )
    } else {
        let key = all_key.map(|k| format!(" ({k}: all)")).unwrap_or_default();
        format!("Questions for this visit: {visit} of {}{key}", list.total)
    }
}

fn header(app: &App, s: &ListState, list: &Checklist) -> Vec<Line<'static>> {
    let mut first = Vec::new();
    // A cut in force is said, so the counts are understood (Esc clears it).
    let mut cut = Vec::new();
    if s.options.only_for.is_some() {
        cut.push(format!("for: {}", filter_words(s.options.only_for)));
    }
    if s.options.show_hidden {
        cut.push("hidden ones shown".into());
    }
    if s.visit && !s.query.is_empty() {
        cut.push(format!("matching \"{}\"", clean_line(&s.query)));
    }
    if s.visit {
        // This visit's questions: the visit list, with what the person pulled in.
        let (asked, answered, open) = crate::filter::visit_counts(list.visit_items());
        let started = app.state.visit_started.unwrap_or(app.today);
        first.push(Span::styled(
            format!(
                "Visit of {} with {}",
                started.strftime("%a %-d %b %Y"),
                clinician_words(app.profile.appointment.with)
            ),
            heading(),
        ));
        if s.options.all {
            first.push(Span::raw(format!(
                " · all my questions ({}: this visit's)",
                app.key_name(&Message::AllQuestions)
            )));
        }
        if !cut.is_empty() {
            first.push(Span::raw(format!(
                " · {} ({}: clear)",
                cut.join(", "),
                app.key_name(&Message::Back)
            )));
        }
        return vec![
            Line::from(first),
            Line::from(vec![
                Span::styled(
                    format!("asked {asked} · answered {answered} · still open {open}"),
                    heading(),
                ),
                Span::styled("   [x] asked  ★ starred  ! most important", quiet()),
            ]),
        ];
    }
    let all_key = app.key_name(&Message::AllQuestions);
    first.push(Span::styled(
        shown_words(s, list, Some(&all_key)),
        heading(),
    ));
    if !cut.is_empty() {
        first.push(Span::raw(format!(" · {}", cut.join(", "))));
    }
    if let Some(d) = app.profile.appointment.date {
        first.push(Span::raw(format!(
            " · next visit {}",
            d.strftime("%a %-d %b %Y")
        )));
    }
    vec![
        Line::from(first),
        Line::from(Span::styled(
            "[x] asked   ★ starred   ! most important   ✎ answer written",
            quiet(),
        )),
    ]
}

pub fn draw(app: &App, s: &ListState, frame: &mut Frame, body: Rect) {
    let (head, list_area, detail) = parts(body);
    let list = s.list_for(app);
    frame.render_widget(Paragraph::new(header(app, s, &list)), head);
    if list.items.is_empty() {
        let why = empty_words(app, s);
        frame.render_widget(
            Paragraph::new(wrapped(&why, list_area.width, "", Style::default())),
            list_area,
        );
    } else {
        let r = s.rows_for(&list, list_area.width);
        let off = offset(&r, s.selected, list_area.height);
        let end = (off + usize::from(list_area.height)).min(r.len());
        let lines = styled(s, &list, &r[off..end], list_area.width);
        draw_lines(frame, list_area, &lines);
        super::view::more_marks(frame, list_area, off > 0, end < r.len());
        if !s.detail_focus
            && let Some(i) = r[off..end]
                .iter()
                .position(|row| row.item == Some(s.selected) && row.kind == RowKind::First)
        {
            super::view::place_cursor(frame, list_area, list_area.x, list_area.y + i as u16);
        }
    }
    draw_detail(app, s, &list, frame, detail);
}

/// Why the list shows no question, and what to press (or type) about it.
pub fn empty_words(app: &App, s: &ListState) -> String {
    if !s.query.is_empty() {
        format!(
            "No question matches your search. {} to clear it.",
            app.press(&Message::Back)
        )
    } else if s.options.only_for.is_some() {
        format!(
            "No question is marked for this clinician. {} to choose someone else, or {} to show all.",
            app.press(&Message::Filter),
            app.key_name(&Message::Back)
        )
    } else {
        format!(
            "There are no questions to show. {} to add your own, or {} to show hidden ones.",
            app.press(&Message::Add),
            app.key_name(&Message::ShowHidden)
        )
    }
}

/// The lines of the panel about one question.
pub fn detail_lines(app: &App, item: &Item, width: u16) -> Vec<Line<'static>> {
    detail_lines_with(&app.bank, &app.press_lower(&Message::Enter), item, width)
}

/// [`detail_lines`] from the bank (for the source's title and the words explained) and how
/// to say "press Enter" where the app is.
fn detail_lines_with(bank: &Bank, enter: &str, item: &Item, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    lines.extend(wrapped(&clean_line(&item.text), width, "", heading()));
    let priority = if item.own {
        "your own question".to_string()
    } else {
        match item.priority {
            Priority::Essential => "most important".into(),
            Priority::Important => "important".into(),
            Priority::Optional => "worth asking if there is time".into(),
        }
    };
    lines.extend(wrapped(
        &format!("{} · {}", priority, clean_line(&item.topic_title)),
        width,
        "",
        quiet(),
    ));
    let answer = clean(&item.state.answer);
    if answer.trim().is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Answer: none yet ({enter} to write it)"),
            quiet(),
        )));
    } else {
        lines.push(Line::from(Span::styled("Answer:", heading())));
        for l in wrap(&answer, width.saturating_sub(2)) {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    if let Some(d) = item.state.answered_on {
        lines.push(Line::from(format!("Answered at the visit of {d}.")));
    }
    lines.extend(labelled(
        "Why it is on my list",
        &clean_line(&item.because()),
        width,
        Style::default(),
    ));
    if !item.own && !item.why.is_empty() {
        lines.extend(labelled(
            "Why ask",
            &clean_line(&item.why),
            width,
            Style::default(),
        ));
    }
    if let Some(s) = &item.source {
        let doc = bank
            .document(&s.document)
            .map(|d| d.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                if s.document == crate::bank::GENERAL_SOURCE {
                    "well-established clinical fact".into()
                } else {
                    s.document.clone()
                }
            });
        let src = if s.section.is_empty() {
            doc
        } else {
            format!("{doc}: {}", s.section)
        };
        lines.extend(labelled("Source", &clean_line(&src), width, quiet()));
    }
    for t in bank.glossary.used_in(&item.text) {
        lines.extend(labelled(
            &clean_line(&t.term),
            &clean_line(&t.definition),
            width,
            Style::default(),
        ));
    }
    lines
}

fn draw_detail(app: &App, s: &ListState, list: &Rc<Checklist>, frame: &mut Frame, area: Rect) {
    let tab = app.key_name(&Message::Tab);
    let title = if s.detail_focus {
        format!(" About this question ({tab}: back to the list) ")
    } else {
        " About this question ".to_string()
    };
    let mut block = Block::bordered().title(Span::styled(title, heading()));
    if s.detail_focus {
        block = block.border_style(Style::default().add_modifier(Modifier::BOLD));
    }
    frame.render_widget(block, area);
    let Some(item) = list.items.get(s.selected) else {
        return;
    };
    let inner = detail_inner(area);
    let lines = s.detail_for(app, list, item, inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = s.detail_scroll.min(max);
    if scroll < max {
        let scroll_keys = app.key_name(&Message::Up);
        let more = &if s.detail_focus {
            format!(" more below: {scroll_keys} ")
        } else {
            format!(" more: {tab}, then {scroll_keys} ")
        };
        let w = more.len() as u16;
        if area.width > w + 4 {
            frame.render_widget(
                Span::styled(more, quiet()),
                Rect::new(area.right() - w - 2, area.bottom() - 1, w, 1),
            );
        }
    }
    draw_lines(frame, inner, &lines[usize::from(scroll).min(lines.len())..]);
}
