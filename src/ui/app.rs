//! The app's state in one place, the messages that change it, and `update`.
//!
//! The Elm Architecture: keys become [`Message`]s (keys.rs), [`update`] changes the [`App`]
//! and returns the [`Effect`]s to carry out (saving, writing an export, quitting), and the view
//! (view.rs) only draws it. Nothing here touches the terminal, the disk or the environment:
//! `runtime.rs` carries out the effects and answers with messages (`Saved`, `SaveFailed`...).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use crate::bank::Bank;
use crate::checklist::{self, Checklist, Options};
use crate::export::{Document, Format, file_name};
use crate::profile::{Clinician, MAX_NAME_CHARS, Profile, Role, parse_date};
use crate::state::State;
use crate::storage::{Loaded, Paths, write_atomic};
use crate::text::clean_line;
use jiff::civil::Date;
use ratatui_textarea::{Input, Key, TextArea, WrapMode};

use super::checklist::AddOwnClick;
use super::steps::{self, Step};

/// Smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 80;
/// Smallest terminal height.
pub const MIN_HEIGHT: u16 = 24;

/// What the person does, in the app's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: choose, go on.
    Enter,
    /// Esc: close the popup, or go back.
    Back,
    /// Tab: next panel or field.
    Tab,
    /// Shift+Tab.
    BackTab,
    Help,
    Quit,
    /// Space.
    Toggle,
    Star,
    Hide,
    ShowHidden,
    MoveUp,
    MoveDown,
    /// Move the selected question to the top of its topic.
    MoveTop,
    Add,
    Top,
    Filter,
    Search,
    Visit,
    Export,
    Walk,
    Results,
    PastVisits,
    /// A key for the text field being edited.
    Input(Input),
    /// A mouse click at (column, row).
    Click(u16, u16),
    ScrollUp,
    ScrollDown,
    /// The terminal's new size.
    Resize(u16, u16),
    /// The keys paused: typing not yet saved is saved now.
    Pause,
    /// The runtime saved the profile and the checklist.
    Saved,
    /// The runtime could not save: why, in plain words.
    SaveFailed(String),
    /// The runtime wrote the export: its full path.
    ExportWritten(std::path::PathBuf),
    /// The runtime could not write the export: why, in plain words.
    ExportFailed(String),
}

impl Message {
    /// True for what the person did (a key, a click), false for what the runtime reports.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Message::Resize(..)
                | Message::Pause
                | Message::Saved
                | Message::SaveFailed(_)
                | Message::ExportWritten(_)
                | Message::ExportFailed(_)
        )
    }
}

/// What `update` asks the runtime to do; the runtime answers with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the profile and the checklist (answered by `Saved` or `SaveFailed`).
    Save,
    /// Write an export (answered by `ExportWritten` or `ExportFailed`).
    WriteExport {
        /// The folder as the person typed it (a leading `~` is the home folder).
        folder: String,
        /// The data folder, whose own exports folder is made when needed.
        data_dir: Option<std::path::PathBuf>,
        /// The file's name in that folder.
        name: String,
        /// What goes in the file.
        text: String,
    },
    /// Close the app.
    Quit,
}

/// The status line: what it says, and how long it stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// A passing message: gone at the next key.
    Note(String),
    /// The last save failed: stays until a save works.
    SaveFailed(String),
    /// Nothing is saved this time (no folder, or blocked to protect a file): stays.
    NotSaving(String),
    /// Closing now would lose changes: stays until the next key.
    CloseUnsaved(String),
}

impl Status {
    /// The words shown.
    pub fn text(&self) -> &str {
        match self {
            Status::Note(s) | Status::SaveFailed(s) | Status::NotSaving(s) => s,
            Status::CloseUnsaved(s) => s,
        }
    }

    /// True when the next key clears it.
    pub fn is_passing(&self) -> bool {
        matches!(self, Status::Note(_) | Status::CloseUnsaved(_))
    }
}

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    Walk,
    Results,
    Checklist,
    Visit,
    Past,
    Export,
}

/// Windows drawn over a screen.
#[derive(Debug)]
pub enum Popup {
    /// The keys of the current screen.
    Help,
    /// Writing the answer to a question.
    Answer {
        id: String,
        field: TextArea<'static>,
    },
    /// Adding an own question: its text and the topic (index into `topics()`).
    AddOwn {
        field: TextArea<'static>,
        topic: usize,
        on_topic: bool,
        error: Option<String>,
    },
    /// Choosing whose questions to show.
    Filter { cursor: usize },
    /// Confirming the end of a visit, with the counts of the whole list (not the filtered
    /// one): asked, answered, still open.
    EndVisit {
        asked: usize,
        answered: usize,
        open: usize,
    },
}

/// Which field of the welcome screen has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeFocus {
    Role,
    Name,
}

/// The export form.
#[derive(Debug, Clone)]
pub struct ExportForm {
    /// Row with the focus: 0 format, 1 how many, 2 large print, 3 folder, 4 write.
    pub row: usize,
    pub format: Format,
    /// Only the N most important questions, or all (`None`).
    pub top: Option<usize>,
    pub large: bool,
    /// The folder to save in: the exports folder beside the data unless the person types
    /// another (a memory stick, or anywhere when the data folder cannot be written).
    pub folder: TextArea<'static>,
    /// The file written, if any.
    pub written: Option<std::path::PathBuf>,
    pub error: Option<String>,
    /// How many questions "all" is (for the clinician chosen, without the cut).
    pub all: usize,
    /// True until the folder line is edited: the first letter typed replaces the default.
    pub fresh_folder: bool,
}

/// The export form's rows.
pub mod export_row {
    /// Format.
    pub const FORMAT: usize = 0;
    /// How many questions.
    pub const HOW_MANY: usize = 1;
    /// Large print.
    pub const LARGE: usize = 2;
    /// The folder to save in (a text field).
    pub const FOLDER: usize = 3;
    /// The save button.
    pub const SAVE: usize = 4;
}

impl ExportForm {
    /// The form, saving into `folder` unless the person types another.
    pub fn new(folder: Option<&std::path::Path>) -> Self {
        let text = folder.map(|f| f.display().to_string()).unwrap_or_default();
        ExportForm {
            row: 0,
            format: Format::Html,
            top: None,
            large: false,
            folder: {
                let mut t = single_line(&text, "type a folder, for example /media/usb");
                t.move_cursor(ratatui_textarea::CursorMove::End);
                t
            },
            written: None,
            error: None,
            all: 0,
            fresh_folder: true,
        }
    }

    /// The folder line as typed.
    pub fn folder_text(&self) -> String {
        self.folder.lines().join("")
    }
}

/// What the signal thread saves if the program is stopped.
pub type Snapshot = Arc<Mutex<Option<(Paths, Profile, State)>>>;

/// Everything the app knows.
pub struct App {
    pub bank: Bank,
    /// Where to save; `None` when there is nowhere (or saving is blocked to protect a file).
    pub paths: Option<Paths>,
    /// The data folder shown to the person, even when saving is blocked.
    pub data_dir: Option<std::path::PathBuf>,
    pub today: Date,
    pub profile: Profile,
    pub state: State,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// Messages for the person: storage problems, what was saved.
    pub status: Option<Status>,
    /// Notices about files moved aside, shown until dismissed.
    pub notices: Vec<String>,
    pub quit: bool,
    /// The terminal size.
    pub size: (u16, u16),
    // Welcome.
    pub welcome_focus: WelcomeFocus,
    pub role_cursor: usize,
    pub name: TextArea<'static>,
    // Walk-through.
    pub step: Step,
    pub cursor: usize,
    pub date: TextArea<'static>,
    pub date_error: Option<String>,
    /// How far the walk-through's plain-words panel is scrolled.
    pub glossary_scroll: u16,
    /// True when the walk-through was opened from the checklist ("change my answers").
    pub changing: bool,
    // Results.
    pub results_scroll: u16,
    // Checklist and visit.
    pub options: Options,
    pub selected: usize,
    pub detail_focus: bool,
    pub detail_scroll: u16,
    pub query: String,
    pub search: Option<TextArea<'static>>,
    // Past visits.
    pub past_cursor: usize,
    pub past_scroll: u16,
    // Export.
    pub export: ExportForm,
    /// The screen to return to from export or past visits.
    pub return_to: Screen,
    /// Unsaved changes (typing is saved when the keys pause).
    pub dirty: bool,
    /// Why the last save failed, while it stays failed.
    pub save_error: Option<String>,
    /// The person asked to close while changes could not be saved, and was told; asking again
    /// closes.
    pub close_unsaved_warned: bool,
    /// The person asked to close and a save is under way: close when it is done.
    quitting: bool,
    /// Effects asked for by the message being handled (returned by `update`).
    pending: Vec<Effect>,
    /// The last checklist built, with what it was built from.
    list_cache: RefCell<Option<ListCache>>,
    /// The checklist's wrapped rows, kept between frames (see `checklist::rows`).
    pub row_cache: RefCell<Option<super::checklist::RowCache>>,
    /// How many times the checklist was built (tests check it is once per change).
    pub builds: Cell<usize>,
    /// How many texts of the list were wrapped (tests check only changed ones are).
    pub wraps: Cell<usize>,
}

/// The last checklist built, what it was built from, and its number.
struct ListCache {
    key: ListKey,
    list: Rc<Checklist>,
    /// Counts builds: what is drawn from the list (its wrapped rows) is kept until it changes.
    /// A tick patches the list in place and keeps the number (see `App::checklist`).
    number: usize,
}

/// Everything the shown checklist depends on besides the bank.
#[derive(PartialEq)]
struct ListKey {
    profile: Profile,
    state: State,
    options: Options,
    query: String,
}

/// Where exports go unless the person types another folder: beside the data, or the current
/// folder when there is no data folder.
fn export_folder(paths: Option<&Paths>) -> Option<std::path::PathBuf> {
    match paths {
        Some(p) => Some(p.exports()),
        None => std::env::current_dir().ok(),
    }
}

fn single_line(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.set_placeholder_text(placeholder);
    t.set_placeholder_style(super::view::quiet());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

fn multi_line(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl App {
    /// A new app with nothing saved yet.
    pub fn new(bank: Bank, paths: Option<Paths>, today: Date) -> App {
        let export = ExportForm::new(export_folder(paths.as_ref()).as_deref());
        App {
            bank,
            data_dir: paths.as_ref().map(|p| p.dir.clone()),
            paths,
            today,
            profile: Profile::default(),
            state: State::default(),
            screen: Screen::Welcome,
            popup: None,
            status: None,
            notices: Vec::new(),
            quit: false,
            size: (MIN_WIDTH, MIN_HEIGHT),
            welcome_focus: WelcomeFocus::Role,
            role_cursor: 0,
            name: single_line("", "(optional)"),
            step: Step::Er,
            cursor: Step::Er.current(&Profile::default()),
            date: single_line("", "year-month-day"),
            date_error: None,
            glossary_scroll: 0,
            changing: false,
            results_scroll: 0,
            options: Options::default(),
            selected: 0,
            detail_focus: false,
            detail_scroll: 0,
            query: String::new(),
            search: None,
            past_cursor: 0,
            past_scroll: 0,
            export,
            return_to: Screen::Checklist,
            dirty: false,
            save_error: None,
            close_unsaved_warned: false,
            quitting: false,
            pending: Vec::new(),
            list_cache: RefCell::new(None),
            row_cache: RefCell::new(None),
            builds: Cell::new(0),
            wraps: Cell::new(0),
        }
    }

    /// Starts from what is saved: a returning person lands on their checklist (or their visit).
    pub fn load(bank: Bank, paths: Option<Paths>, today: Date) -> App {
        let mut app = App::new(bank, None, today);
        let Some(paths) = paths else {
            app.status = Some(Status::NotSaving(
                "I could not find a folder to save in, so nothing will be kept after you quit. Export your list before quitting."
                    .into(),
            ));
            return app;
        };
        app.data_dir = Some(paths.dir.clone());
        app.export = ExportForm::new(export_folder(Some(&paths)).as_deref());
        let mut blocked = None;
        match paths.load_profile() {
            Ok(loaded) => {
                if let Some(n) = loaded.notice("answers") {
                    app.notices.push(n);
                }
                if let Loaded::Found(p) = loaded {
                    app.profile = p;
                    app.screen = Screen::Checklist;
                }
            }
            Err(e) => blocked = Some(e.to_string()),
        }
        match paths.load_state() {
            Ok(loaded) => {
                if let Some(n) = loaded.notice("checklist") {
                    app.notices.push(n);
                }
                if let Loaded::Found(s) = loaded {
                    app.state = s;
                }
            }
            Err(e) => blocked = Some(e.to_string()),
        }
        match blocked {
            Some(reason) => {
                app.status = Some(Status::NotSaving(format!(
                    "{reason} To keep your files safe, nothing will be saved this time."
                )));
            }
            None => app.paths = Some(paths),
        }
        if app.screen == Screen::Checklist && app.state.visit_started.is_some() {
            app.screen = Screen::Visit;
        }
        if app.status.is_none() {
            app.status = match app.screen {
                Screen::Checklist => Some(Status::Note(
                    "Welcome back. Press v when the appointment starts, w to change your answers, e to print. ? shows every key."
                        .into(),
                )),
                Screen::Visit => Some(Status::Note(
                    "Welcome back to your visit. Space ticks, Enter writes the answer, v ends the visit."
                        .into(),
                )),
                _ => None,
            };
        }
        app.role_cursor = usize::from(app.profile.role == Role::Caregiver);
        app.name = single_line(app.profile.name.as_deref().unwrap_or(""), "(optional)");
        app
    }

    /// The options in force on the list screens (top cut, clinician, hidden).
    pub fn list_options(&self) -> Options {
        self.options.clone()
    }

    /// The checklist as shown now (with the search applied). Built once and reused until the
    /// answers, the person's state, the options or the search change: one keypress used to
    /// rebuild it several times. Ticking questions as asked changes nothing but their tick,
    /// so the list is then patched in place instead of built again.
    pub fn checklist(&self) -> Rc<Checklist> {
        if let Some(cache) = self.list_cache.borrow_mut().as_mut() {
            // Compared in place, cloning nothing: this runs several times per key.
            let key = &cache.key;
            if key.profile == self.profile
                && key.options == self.list_options()
                && key.query == self.query
            {
                if key.state == self.state {
                    return Rc::clone(&cache.list);
                }
                if let (Some(ticked), Some(list)) = (
                    crate::filter::ticked_only(&key.state, &self.state),
                    Rc::get_mut(&mut cache.list),
                ) {
                    for item in &mut list.items {
                        if ticked.contains(&item.id.as_str()) {
                            item.state.asked = self.state.item(&item.id).asked;
                        }
                    }
                    cache.key.state = self.state.clone();
                    return Rc::clone(&cache.list);
                }
            }
        }
        self.builds.set(self.builds.get() + 1);
        let key = ListKey {
            profile: self.profile.clone(),
            state: self.state.clone(),
            options: self.list_options(),
            query: self.query.clone(),
        };
        let mut list =
            checklist::build(&self.bank, &self.profile, &self.state, &self.list_options());
        // "the top 6 of N": N is what the list shows without the cut (hidden ones left out).
        list.total = match self.options.top {
            Some(_) => {
                let uncut = Options {
                    top: None,
                    ..self.list_options()
                };
                checklist::build(&self.bank, &self.profile, &self.state, &uncut)
                    .items
                    .len()
            }
            None => list.items.len(),
        };
        crate::filter::search(&mut list, &self.query);
        let list = Rc::new(list);
        *self.list_cache.borrow_mut() = Some(ListCache {
            key,
            list: Rc::clone(&list),
            number: self.builds.get(),
        });
        list
    }

    /// Runs `f` with the cached list and rows set aside (and the counts kept), so that what it
    /// draws is made from scratch: tests compare it with what the caches give.
    #[cfg(test)]
    pub fn without_caches<R>(&self, f: impl FnOnce() -> R) -> R {
        let list = self.list_cache.take();
        let rows = self.row_cache.take();
        let counts = (self.builds.get(), self.wraps.get());
        let out = f();
        *self.list_cache.borrow_mut() = list;
        *self.row_cache.borrow_mut() = rows;
        self.builds.set(counts.0);
        self.wraps.set(counts.1);
        out
    }

    /// The number of the list `checklist` returns now: it changes when the list is built again.
    pub fn list_number(&self) -> usize {
        self.list_cache.borrow().as_ref().map_or(0, |c| c.number)
    }

    /// The topics an own question can go under: (id, title); the last is "My own questions".
    pub fn topics(&self) -> Vec<(String, String)> {
        let mut t: Vec<(String, String)> = self
            .bank
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.title.clone()))
            .collect();
        t.push((
            checklist::OWN_TOPIC.0.to_string(),
            checklist::OWN_TOPIC.1.to_string(),
        ));
        t
    }

    /// A copy of what must be saved, for the signal thread.
    /// Text being typed that is not yet part of the data (a question being added, a date being
    /// typed) is included, so that being stopped mid-edit loses nothing.
    pub fn snapshot(&self) -> Option<(Paths, Profile, State)> {
        let paths = self.paths.clone()?;
        let mut profile = self.profile.clone();
        let mut state = self.state.clone();
        if let Some(Popup::AddOwn { field, topic, .. }) = &self.popup {
            let text = field.lines().join(" ");
            if !text.trim().is_empty() {
                let topic = self
                    .topics()
                    .get(*topic)
                    .map(|(t, _)| t.clone())
                    .filter(|t| t != checklist::OWN_TOPIC.0)
                    .unwrap_or_default();
                let _ = state.add_own(&text, &topic);
            }
        }
        if self.screen == Screen::Walk
            && self.step == Step::Date
            && let Some(d) = parse_date(&self.date.lines().join(""))
        {
            profile.appointment.date = Some(d);
        }
        Some((paths, profile, state))
    }

    /// True while the last save failed.
    pub fn save_failed(&self) -> bool {
        self.save_error.is_some()
    }

    /// Asks the runtime to save the profile and the checklist (once per message).
    pub fn save(&mut self) {
        self.dirty = false;
        if self.paths.is_some() && !self.pending.contains(&Effect::Save) {
            self.pending.push(Effect::Save);
        }
    }

    fn saved(&mut self) {
        self.close_unsaved_warned = false;
        if self.save_error.take().is_some() {
            self.status = Some(Status::Note("Saved again.".into()));
        }
        if std::mem::take(&mut self.quitting) {
            self.pending.push(Effect::Quit);
        }
    }

    fn save_failed_with(&mut self, e: String) {
        self.status = Some(Status::SaveFailed(format!(
            "Not saved: {e} Your work is still on screen; I will try again at the next change."
        )));
        self.save_error = Some(e);
        if std::mem::take(&mut self.quitting) {
            if self.close_unsaved_warned {
                self.pending.push(Effect::Quit);
            } else {
                // Closing now would lose what is on screen: say so once, and let a second
                // request close.
                self.close_unsaved_warned = true;
                self.status = Some(Status::CloseUnsaved(format!(
                    "Not saved: {} Press q again to close and lose your last changes, or e to save a copy elsewhere.",
                    self.save_error.as_deref().unwrap_or_default()
                )));
            }
        }
    }

    fn enter_step(&mut self, step: Step) {
        self.step = step;
        self.cursor = step.current(&self.profile);
        self.date_error = None;
        self.glossary_scroll = 0;
        if step == Step::Date {
            let text = self
                .profile
                .appointment
                .date
                .map(|d| d.to_string())
                .unwrap_or_default();
            self.date = single_line(&text, "year-month-day");
            self.date.move_cursor(ratatui_textarea::CursorMove::End);
        }
    }

    /// Starts the walk-through at its first question.
    pub fn start_walk(&mut self, changing: bool) {
        self.changing = changing;
        self.screen = Screen::Walk;
        self.enter_step(Step::Er);
    }

    /// "step 4 of 12": the total counts a step that depends on an answer only once that
    /// answer is given, so it never drops while the person moves on.
    pub fn progress(&self) -> (usize, usize) {
        let seq = Step::sequence(&self.profile);
        let n = seq.iter().position(|s| *s == self.step).unwrap_or(0) + 1;
        let here = steps::ALL.iter().position(|s| *s == self.step).unwrap_or(0);
        let total = seq
            .iter()
            .filter(|s| match s.decided_by() {
                Some(by) => steps::ALL.iter().position(|x| *x == by).unwrap_or(0) < here,
                None => true,
            })
            .count();
        (n, total.max(n))
    }

    fn next_step(&mut self) {
        match self.step.next(&self.profile) {
            Some(s) => self.enter_step(s),
            None => {
                self.screen = Screen::Results;
                self.results_scroll = 0;
            }
        }
    }

    fn open_list(&mut self) {
        self.screen = if self.state.visit_started.is_some() {
            Screen::Visit
        } else {
            Screen::Checklist
        };
        self.popup = None;
        self.clamp_selection();
    }

    fn clamp_selection(&mut self) {
        let n = self.checklist().items.len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        self.detail_scroll = 0;
    }

    fn select(&mut self, to: usize) {
        let n = self.checklist().items.len();
        self.selected = to.min(n.saturating_sub(1));
        self.detail_scroll = 0;
    }

    fn select_id(&mut self, id: &str) {
        if let Some(i) = self.checklist().items.iter().position(|i| i.id == id) {
            self.selected = i;
        }
    }

    /// True when a text field has the keyboard (then letters are text, not commands).
    pub fn typing(&self) -> bool {
        match &self.popup {
            Some(Popup::Answer { .. }) => true,
            Some(Popup::AddOwn { on_topic, .. }) => !on_topic,
            Some(_) => false,
            None => {
                self.search.is_some()
                    || (self.screen == Screen::Welcome && self.welcome_focus == WelcomeFocus::Name)
                    || (self.screen == Screen::Walk && self.step == Step::Date)
                    || (self.screen == Screen::Export && self.export.row == export_row::FOLDER)
            }
        }
    }

    /// Ends the visit in progress, keeping what was asked and answered under its date.
    fn end_visit(&mut self) {
        let all = checklist::build(
            &self.bank,
            &self.profile,
            &self.state,
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
        let visit = self
            .state
            .end_visit(self.today, self.profile.appointment.with, &texts);
        self.save();
        let open = crate::filter::open_count(&self.checklist().items);
        self.status = Some(Status::Note(format!(
            "The visit of {} is saved ({}). {} ready for the next visit.",
            long_date(visit.date),
            crate::filter::count(visit.entries.len(), "question noted", "questions noted"),
            crate::filter::count(open, "open question is", "open questions are"),
        )));
        self.screen = Screen::Checklist;
        self.clamp_selection();
    }

    /// Writes the export chosen in the form.
    fn write_export(&mut self) {
        let form = &self.export;
        let options = Options {
            top: form.top,
            all: false,
            only_for: self.options.only_for,
            show_hidden: false,
        };
        let list = checklist::build(&self.bank, &self.profile, &self.state, &options);
        let doc = Document::new(
            &self.bank,
            &self.profile,
            &list,
            self.today,
            form.large,
            form.top.is_some(),
        );
        let text = doc.render(form.format);
        self.pending.push(Effect::WriteExport {
            folder: form.folder_text(),
            data_dir: self.data_dir.clone(),
            name: file_name(self.today, form.format),
            text,
        });
    }
}

/// Writes an export into the folder typed (`~` is `home`); returns the file's full path. The
/// runtime's half of `Effect::WriteExport`.
pub fn write_export_file(
    typed: &str,
    data_dir: Option<&std::path::Path>,
    home: Option<std::ffi::OsString>,
    name: &str,
    text: &str,
) -> Result<std::path::PathBuf, String> {
    let Some(folder) = folder_path(typed, home) else {
        return Err("Type the folder to save the file in.".into());
    };
    let ours = data_dir.map(|d| Paths::at(d.to_path_buf()));
    if let Some(paths) = ours.as_ref().filter(|p| p.exports() == folder) {
        // Our own exports folder is made when needed, private like the rest of the data.
        paths.ensure_dir(&folder).map_err(|e| {
            format!("{e} Type another folder above (a memory stick, or your home folder).")
        })?;
    } else if !folder.is_dir() {
        let shown = clean_line(&folder.display().to_string());
        let what = if folder.exists() {
            format!("{shown} is a file, not a folder.")
        } else {
            format!("There is no folder {shown}.")
        };
        return Err(format!(
            "{what} Type a folder that exists, for example your home folder or a memory stick."
        ));
    }
    let path = std::path::absolute(folder.join(name)).map_err(|e| e.to_string())?;
    write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The folder as typed, with a leading `~` for the home folder; `None` when nothing is typed.
pub fn folder_path(typed: &str, home: Option<std::ffi::OsString>) -> Option<std::path::PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if let Some(rest) = typed.strip_prefix('~')
        && (rest.is_empty() || rest.starts_with('/'))
        && let Some(home) = home.filter(|h| !h.is_empty())
    {
        return Some(std::path::PathBuf::from(home).join(rest.trim_start_matches('/')));
    }
    Some(std::path::PathBuf::from(typed))
}

/// Applies one message; returns what the runtime must do. No I/O here.
pub fn update(app: &mut App, msg: Message) -> Vec<Effect> {
    app.pending.clear();
    apply(app, msg);
    std::mem::take(&mut app.pending)
}

fn apply(app: &mut App, msg: Message) {
    match msg {
        Message::Resize(w, h) => {
            app.size = (w, h);
            return;
        }
        Message::Pause => {
            if app.dirty {
                app.save();
            }
            return;
        }
        Message::Saved => return app.saved(),
        Message::SaveFailed(e) => return app.save_failed_with(e),
        Message::ExportWritten(path) => {
            app.export.written = Some(path);
            app.export.error = None;
            return;
        }
        Message::ExportFailed(e) => {
            app.export.error = Some(e);
            app.export.written = None;
            return;
        }
        Message::Quit => {
            // One more try if the last save failed (space may have been freed since); the
            // answer (`Saved` or `SaveFailed`) closes, or warns once.
            if app.paths.is_some() && (app.dirty || app.save_failed()) {
                app.quitting = true;
                app.save();
            } else {
                app.pending.push(Effect::Quit);
            }
            return;
        }
        // Closing without saving needs two requests in a row.
        _ => app.close_unsaved_warned = false,
    }
    // A passing message lasts until the next key; a saving problem stays until it is solved.
    if app.status.as_ref().is_some_and(Status::is_passing) {
        app.status = None;
    }
    if app.popup.is_some() {
        update_popup(app, msg);
        return;
    }
    if app.search.is_some() {
        update_search(app, msg);
        return;
    }
    if msg == Message::Help {
        app.popup = Some(Popup::Help);
        return;
    }
    if !app.notices.is_empty() && msg == Message::Back {
        app.notices.clear();
        return;
    }
    match app.screen {
        Screen::Welcome => update_welcome(app, msg),
        Screen::Walk => update_walk(app, msg),
        Screen::Results => update_results(app, msg),
        Screen::Checklist | Screen::Visit => update_list(app, msg),
        Screen::Past => update_past(app, msg),
        Screen::Export => update_export(app, msg),
    }
}

fn is_enter(input: &Input) -> bool {
    input.key == Key::Enter
}

fn update_welcome(app: &mut App, msg: Message) {
    match (app.welcome_focus, msg) {
        (WelcomeFocus::Role, Message::Up | Message::ScrollUp) => app.role_cursor = 0,
        (WelcomeFocus::Role, Message::Down | Message::ScrollDown) => app.role_cursor = 1,
        (WelcomeFocus::Role, Message::Click(_, row)) => {
            if let Some(i) = super::welcome::role_at(app, row) {
                app.role_cursor = i;
            }
        }
        (WelcomeFocus::Role, Message::Enter | Message::Tab | Message::Toggle) => {
            app.profile.role = if app.role_cursor == 1 {
                Role::Caregiver
            } else {
                Role::Patient
            };
            app.welcome_focus = WelcomeFocus::Name;
            app.save();
        }
        (WelcomeFocus::Name, Message::Back | Message::BackTab | Message::Tab) => {
            app.welcome_focus = WelcomeFocus::Role;
        }
        (WelcomeFocus::Name, Message::Enter) => {
            app.save();
            app.start_walk(false);
        }
        (WelcomeFocus::Name, Message::Input(input)) => {
            if is_enter(&input) {
                return;
            }
            let before = app.name.lines().join("");
            app.name.input(input);
            let text = clean_line(&app.name.lines().join(" "));
            if text.chars().count() > MAX_NAME_CHARS {
                app.name = single_line(&before, "(optional)");
                app.name.move_cursor(ratatui_textarea::CursorMove::End);
                return;
            }
            let name = (!text.is_empty()).then_some(text);
            if name != app.profile.name {
                app.profile.name = name;
                app.dirty = true;
            }
        }
        _ => {}
    }
}

fn update_walk(app: &mut App, msg: Message) {
    let step = app.step;
    if step == Step::Date {
        match msg {
            Message::Enter => {
                let text = app.date.lines().join("");
                let text = text.trim();
                if text.is_empty() {
                    app.profile.appointment.date = None;
                } else {
                    match parse_date(text) {
                        Some(d) if d < app.today => {
                            app.date_error = Some(format!(
                                "{d} has already passed. Type the date of the next appointment, or leave it empty."
                            ));
                            return;
                        }
                        Some(d) => app.profile.appointment.date = Some(d),
                        None => {
                            app.date_error = Some(format!(
                                "\"{}\" is not a date I can read. Please type year-month-day, for example {}.",
                                clean_line(text),
                                app.today
                            ));
                            return;
                        }
                    }
                }
                app.save();
                app.next_step();
            }
            Message::Back | Message::BackTab => {
                if let Some(prev) = step.previous(&app.profile) {
                    app.enter_step(prev);
                }
            }
            Message::Input(input) => {
                app.date.input(input);
                app.date_error = None;
            }
            _ => {}
        }
        return;
    }
    let n = step.choices().len();
    match msg {
        Message::Up | Message::ScrollUp => app.cursor = app.cursor.saturating_sub(1),
        Message::Down | Message::ScrollDown => app.cursor = (app.cursor + 1).min(n - 1),
        Message::Home => app.cursor = 0,
        Message::End => app.cursor = n - 1,
        Message::PageDown => app.glossary_scroll = app.glossary_scroll.saturating_add(3).min(60),
        Message::PageUp => app.glossary_scroll = app.glossary_scroll.saturating_sub(3),
        Message::Click(col, row) => {
            if let Some(i) = super::walk::choice_at(app, col, row) {
                app.cursor = i;
                if step.is_multiple() {
                    step.choose(&mut app.profile, i);
                    app.save();
                }
            }
        }
        Message::Toggle if step.is_multiple() => {
            step.choose(&mut app.profile, app.cursor);
            app.save();
        }
        Message::Enter if step.is_multiple() && step.clears(app.cursor) => {
            // "None of these was found" / "not sure" on Enter: no change is ticked.
            step.choose(&mut app.profile, app.cursor);
            app.save();
            app.next_step();
        }
        Message::Enter | Message::Toggle => {
            if !step.is_multiple() {
                step.choose(&mut app.profile, app.cursor);
                app.save();
            }
            app.next_step();
        }
        Message::Back | Message::BackTab | Message::Left => match step.previous(&app.profile) {
            Some(prev) => app.enter_step(prev),
            None if app.changing => app.open_list(),
            None => {
                app.screen = Screen::Welcome;
                app.welcome_focus = WelcomeFocus::Name;
            }
        },
        _ => {}
    }
}

fn update_results(app: &mut App, msg: Message) {
    match msg {
        Message::Up | Message::ScrollUp => {
            app.results_scroll = app.results_scroll.saturating_sub(1)
        }
        Message::Down | Message::ScrollDown => {
            app.results_scroll = app.results_scroll.saturating_add(1).min(200)
        }
        Message::PageUp => app.results_scroll = app.results_scroll.saturating_sub(10),
        Message::PageDown => app.results_scroll = app.results_scroll.saturating_add(10).min(200),
        Message::Home => app.results_scroll = 0,
        Message::Enter | Message::Right => {
            app.changing = false;
            app.open_list();
            app.selected = 0;
            app.status = Some(Status::Note(format!(
                "Your list, most important first. Space ticks a question as asked, Enter writes its answer, t keeps the top {}, e prints. ? shows every key.",
                checklist::DEFAULT_TOP
            )));
        }
        Message::Back | Message::Walk | Message::Left => {
            app.screen = Screen::Walk;
            let last = *Step::sequence(&app.profile).last().unwrap_or(&Step::Date);
            app.enter_step(last);
        }
        _ => {}
    }
}

fn update_list(app: &mut App, msg: Message) {
    let list = app.checklist();
    let n = list.items.len();
    let current = list.items.get(app.selected).map(|i| i.id.clone());
    let visible: Vec<String> = list.items.iter().map(|i| i.id.clone()).collect();
    match msg {
        Message::Tab | Message::BackTab => app.detail_focus = !app.detail_focus,
        Message::Up if app.detail_focus => app.detail_scroll = app.detail_scroll.saturating_sub(1),
        Message::Down if app.detail_focus => {
            app.detail_scroll = app.detail_scroll.saturating_add(1).min(500)
        }
        Message::Up | Message::ScrollUp => app.select(app.selected.saturating_sub(1)),
        Message::Down | Message::ScrollDown => app.select(app.selected + 1),
        Message::PageUp => app.select(app.selected.saturating_sub(8)),
        Message::PageDown => app.select(app.selected + 8),
        Message::Home => app.select(0),
        Message::End => app.select(n.saturating_sub(1)),
        Message::Click(col, row) => {
            if let Some((i, on_box)) = super::checklist::item_at(app, col, row) {
                app.select(i);
                app.detail_focus = false;
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
            if let Some(item) = list.items.get(app.selected) {
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
                    "Hidden. Press H to show hidden questions again.".into()
                } else {
                    "Shown again.".into()
                }));
                app.clamp_selection();
            }
        }
        Message::ShowHidden => {
            app.options.show_hidden = !app.options.show_hidden;
            if let Some(id) = current {
                app.select_id(&id);
            }
            app.clamp_selection();
        }
        Message::MoveUp | Message::MoveDown | Message::MoveTop => {
            if let Some(id) = current {
                // A question moves within its topic: moving it past the topic's edge would
                // split the topic in two (its heading twice, on screen and on paper).
                let topic = list.items.get(app.selected).map(|i| i.topic.clone());
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
                    app.select_id(&id);
                }
            }
        }
        Message::Add => {
            let topics = app.topics();
            let topic = list
                .items
                .get(app.selected)
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
            app.options.top = match app.options.top {
                Some(_) => None,
                None => Some(checklist::DEFAULT_TOP),
            };
            app.select(0);
        }
        Message::Filter => {
            let cursor = app
                .options
                .only_for
                .and_then(|c| steps::clinicians().iter().position(|(x, _)| *x == c))
                .map_or(0, |i| i + 1);
            app.popup = Some(Popup::Filter { cursor });
        }
        Message::Search => {
            let mut field = single_line(&app.query, "type a word");
            field.move_cursor(ratatui_textarea::CursorMove::End);
            app.search = Some(field);
        }
        Message::Visit => {
            if app.screen == Screen::Visit {
                let all =
                    checklist::build(&app.bank, &app.profile, &app.state, &Options::default());
                let (asked, answered, _) = all.counts();
                app.popup = Some(Popup::EndVisit {
                    asked,
                    answered,
                    open: crate::filter::open_count(&all.items),
                });
            } else {
                if app.state.visit_started.is_none() {
                    app.state.start_visit(app.today);
                    app.save();
                }
                app.screen = Screen::Visit;
                app.options.top = None;
                app.clamp_selection();
            }
        }
        Message::Export => {
            app.return_to = app.screen;
            app.export.written = None;
            app.export.error = None;
            // What is exported is what is on screen: the same cut (and clinician, below).
            app.export.top = app.options.top;
            app.export.all = list.total;
            app.export.fresh_folder = true;
            app.screen = Screen::Export;
        }
        Message::Walk => app.start_walk(true),
        Message::Results => {
            app.results_scroll = 0;
            app.screen = Screen::Results;
        }
        Message::PastVisits => {
            app.return_to = app.screen;
            app.past_cursor = app.state.visits.len().saturating_sub(1);
            app.past_scroll = 0;
            app.screen = Screen::Past;
        }
        // One Esc clears the search and the cuts together: back to the whole list.
        Message::Back
            if !app.query.is_empty()
                || app.options.top.is_some()
                || app.options.only_for.is_some() =>
        {
            app.query.clear();
            app.options.top = None;
            app.options.only_for = None;
            app.clamp_selection();
        }
        _ => {}
    }
}

fn update_search(app: &mut App, msg: Message) {
    let Some(field) = app.search.as_mut() else {
        return;
    };
    match msg {
        Message::Enter => app.search = None,
        Message::Back => {
            app.search = None;
            app.query.clear();
        }
        Message::Input(input) => {
            field.input(input);
            app.query = clean_line(&field.lines().join(" "));
            app.select(0);
        }
        _ => {}
    }
    app.clamp_selection();
}

fn update_past(app: &mut App, msg: Message) {
    let n = app.state.visits.len();
    match msg {
        Message::Up | Message::ScrollUp => {
            app.past_cursor = app.past_cursor.saturating_sub(1);
            app.past_scroll = 0;
        }
        Message::Down | Message::ScrollDown => {
            app.past_cursor = (app.past_cursor + 1).min(n.saturating_sub(1));
            app.past_scroll = 0;
        }
        Message::PageDown => app.past_scroll = app.past_scroll.saturating_add(5).min(500),
        Message::PageUp => app.past_scroll = app.past_scroll.saturating_sub(5),
        Message::Back | Message::PastVisits | Message::Enter => {
            app.screen = app.return_to;
        }
        _ => {}
    }
}

fn update_export(app: &mut App, msg: Message) {
    let f = &mut app.export;
    let cycle = |f: &mut ExportForm, forward: bool| {
        let i = Format::ALL.iter().position(|x| *x == f.format).unwrap_or(0);
        let n = Format::ALL.len();
        f.format = Format::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    };
    use export_row::{FOLDER, FORMAT, HOW_MANY, LARGE, SAVE};
    let up = |f: &mut ExportForm| f.row = f.row.saturating_sub(1);
    let down = |f: &mut ExportForm| f.row = (f.row + 1).min(SAVE);
    match msg {
        Message::Up | Message::BackTab | Message::ScrollUp => up(f),
        Message::Down | Message::Tab | Message::ScrollDown => down(f),
        Message::Click(_, row) => {
            if let Some(r) = super::export::row_at(app, row) {
                app.export.row = r;
            }
        }
        // Enter saves from any line, as the footer says; Space and arrows change a line.
        Message::Enter => app.write_export(),
        // The folder line is a text field: Up and Down still move between lines.
        Message::Input(input) => match input.key {
            Key::Up => up(f),
            Key::Down => down(f),
            _ if f.row == FOLDER => {
                let printable = matches!(input.key, Key::Char(_)) && !input.ctrl && !input.alt;
                if std::mem::take(&mut f.fresh_folder) && printable {
                    // The default path is a suggestion: typing replaces it, as in a browser.
                    f.folder = single_line("", "type a folder, for example /media/usb");
                }
                if f.folder.input(input) {
                    f.written = None;
                    f.error = None;
                }
            }
            _ => {}
        },
        Message::Left | Message::Right | Message::Toggle => {
            let forward = msg != Message::Left;
            match f.row {
                FORMAT => cycle(f, forward),
                HOW_MANY => f.top = next_top(f.top, forward),
                LARGE => f.large = !f.large,
                _ => {
                    if msg == Message::Toggle {
                        app.write_export();
                    }
                }
            }
            if app.export.row < FOLDER {
                app.export.written = None;
            }
        }
        Message::Back => app.screen = app.return_to,
        _ => {}
    }
}

/// The choices for "how many questions" in the export, in order.
pub const TOP_CHOICES: [Option<usize>; 4] = [None, Some(checklist::DEFAULT_TOP), Some(10), Some(3)];

fn next_top(now: Option<usize>, forward: bool) -> Option<usize> {
    let n = TOP_CHOICES.len();
    let i = TOP_CHOICES.iter().position(|t| *t == now).unwrap_or(0);
    TOP_CHOICES[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

fn update_popup(app: &mut App, msg: Message) {
    let topics = app.topics();
    // Where a click landed is worked out from the layout before the popup is borrowed to change.
    let add_own_click = match (&app.popup, &msg) {
        (Some(Popup::AddOwn { topic, .. }), Message::Click(col, row)) => {
            super::checklist::add_own_at(app, *topic, *col, *row)
        }
        _ => None,
    };
    let Some(popup) = app.popup.as_mut() else {
        return;
    };
    match popup {
        Popup::Help => {
            if matches!(
                msg,
                Message::Back | Message::Help | Message::Enter | Message::Click(..)
            ) {
                app.popup = None;
            }
        }
        Popup::EndVisit { .. } => match msg {
            Message::Enter => {
                app.popup = None;
                app.end_visit();
            }
            Message::Back => app.popup = None,
            _ => {}
        },
        Popup::Filter { cursor } => {
            let options = steps::clinicians();
            match msg {
                Message::Up | Message::ScrollUp => *cursor = cursor.saturating_sub(1),
                Message::Down | Message::ScrollDown => *cursor = (*cursor + 1).min(options.len()),
                Message::Click(col, row) => {
                    if let Some(i) = super::checklist::filter_at(app, col, row) {
                        app.options.only_for = (i > 0).then(|| options[i - 1].0);
                        app.popup = None;
                        app.select(0);
                    }
                }
                Message::Enter | Message::Toggle => {
                    app.options.only_for = match *cursor {
                        0 => None,
                        i => Some(options[i - 1].0),
                    };
                    app.popup = None;
                    app.select(0);
                }
                Message::Back => app.popup = None,
                _ => {}
            }
        }
        Popup::Answer { id, field } => match msg {
            Message::Back => {
                let id = id.clone();
                app.popup = None;
                app.save();
                app.select_id(&id);
            }
            Message::Input(input) => {
                field.input(input);
                let text = field.lines().join("\n");
                let id = id.clone();
                match app.state.set_answer(&id, &text) {
                    Ok(()) => app.dirty = true,
                    Err(e) => app.status = Some(Status::Note(e.to_string())),
                }
            }
            Message::Enter => {
                field.insert_newline();
                let text = field.lines().join("\n");
                let id = id.clone();
                if app.state.set_answer(&id, &text).is_ok() {
                    app.dirty = true;
                }
            }
            _ => {}
        },
        Popup::AddOwn {
            field,
            topic,
            on_topic,
            error,
        } => {
            let n = app.bank.topics.len() + 1;
            match msg {
                Message::Tab | Message::BackTab => *on_topic = !*on_topic,
                Message::Up | Message::ScrollUp if *on_topic => *topic = topic.saturating_sub(1),
                Message::Down | Message::ScrollDown if *on_topic => {
                    *topic = (*topic + 1).min(n - 1)
                }
                Message::Input(input) if !is_enter(&input) => {
                    field.input(input);
                    *error = None;
                }
                Message::Click(..) => match add_own_click {
                    Some(AddOwnClick::Question) => *on_topic = false,
                    Some(AddOwnClick::Topic(i)) => {
                        *topic = i;
                        *on_topic = true;
                    }
                    None => {}
                },
                Message::Enter => {
                    let text = field.lines().join(" ");
                    let topic_id = topics
                        .get(*topic)
                        .map(|(t, _)| t.clone())
                        .unwrap_or_default();
                    let topic_id = if topic_id == checklist::OWN_TOPIC.0 {
                        String::new()
                    } else {
                        topic_id
                    };
                    match app.state.add_own(&text, &topic_id) {
                        Ok(id) => {
                            app.popup = None;
                            app.query.clear();
                            app.options.top = None;
                            app.save();
                            app.select_id(&id);
                            app.status = Some(Status::Note("Your question is on the list.".into()));
                        }
                        Err(e) => *error = Some(e.to_string()),
                    }
                }
                Message::Back => app.popup = None,
                _ => {}
            }
        }
    }
}

/// A date as every screen shows it: "Tue 8 Dec 2026".
pub fn long_date(d: Date) -> String {
    d.strftime("%a %-d %b %Y").to_string()
}

/// The clinician currently filtered to, in words.
pub fn filter_words(c: Option<Clinician>) -> &'static str {
    match c {
        None => "everyone",
        Some(c) => steps::clinicians()
            .into_iter()
            .find(|(x, _)| *x == c)
            .map_or("everyone", |(_, l)| l),
    }
}
