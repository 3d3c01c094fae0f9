//! What every screen shares, the messages that change the app, and `update`.
//!
//! The Elm Architecture: keys become [`Message`]s (keys.rs, from the one key table), [`update`]
//! changes the [`App`] and returns the [`Effect`]s to carry out (saving, writing an export,
//! quitting), and the view only draws. Each screen is a module with its own state (carried by
//! its [`Screen`] variant), its `update` and its `draw`; popups likewise (popup.rs). `App` keeps
//! only what is shared: the person's data, where it is saved, the status, the size, routing.
//! Nothing here touches the terminal, the disk or the environment: `runtime.rs` carries out the
//! effects and answers with messages (`Saved`, `SaveFailed`...).

use std::rc::Rc;
use std::sync::{Arc, Mutex};

use crate::bank::Bank;
use crate::checklist::{self, Checklist};
use crate::profile::{Clinician, Profile, Role, parse_date};
use crate::state::State;
use crate::storage::{Loaded, Paths};
use jiff::civil::Date;
use ratatui_textarea::{Input, Key, TextArea, WrapMode};

use super::checklist::ListState;
use super::export::ExportState;
use super::popup::Popup;
use super::report::ReportState;
use super::results::ResultsState;
use super::steps::{self, Step};
use super::visit::PastState;
use super::walk::WalkState;
use super::welcome::WelcomeState;

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
    /// The visit list's size: the next of 6, 10, 15.
    Top,
    /// All my questions (the visit list, then the rest by topic), or back to the visit list.
    AllQuestions,
    Filter,
    Search,
    Visit,
    Export,
    Walk,
    Results,
    PastVisits,
    /// A key for the text field being edited.
    Input(Input),
    /// Text pasted into the field being edited (line breaks as `\n`, nothing unsafe).
    Paste(String),
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
    /// The runtime wrote the export: its full path, and the command that prints it (quoted
    /// for pasting) when a printing command is installed.
    ExportWritten(std::path::PathBuf, Option<String>),
    /// The runtime could not write the export: why, in plain words.
    ExportFailed(String),
    /// `p` on the export screen: send the file just written to the printer.
    Print,
    /// The runtime's answer to printing: what to tell the person, in plain words.
    Printed(String),
    /// `p` on the walk-through's first step: paste the report (or open its file).
    FromReport,
    /// The runtime read the report file asked for: its text (kept in memory only).
    ReportRead(String),
    /// The runtime could not read the report file: why, in plain words.
    ReportFailed(String),
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
                | Message::ExportWritten(..)
                | Message::ExportFailed(_)
                | Message::Printed(_)
                | Message::ReportRead(_)
                | Message::ReportFailed(_)
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
        /// The file's name without extension; a name already taken gets -2, -3...
        stem: String,
        /// The file's extension.
        extension: String,
        /// What goes in the file.
        bytes: Vec<u8>,
    },
    /// Send a written PDF to the default printer (answered by `Printed`).
    Print(std::path::PathBuf),
    /// Read a report file, the path as typed (answered by `ReportRead` or `ReportFailed`).
    ReadReport(String),
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

/// The screens, each carrying its own state.
#[derive(Debug)]
pub enum Screen {
    Welcome(WelcomeState),
    Walk(WalkState),
    Results(ResultsState),
    Checklist(ListState),
    Visit(ListState),
    Past(PastState),
    Export(ExportState),
    Report(ReportState),
}

/// Which screen, without its state: for titles, the key table and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Welcome,
    Walk,
    Results,
    Checklist,
    Visit,
    Past,
    Export,
    Report,
}

impl Screen {
    /// Which screen this is.
    pub fn kind(&self) -> Kind {
        match self {
            Screen::Welcome(_) => Kind::Welcome,
            Screen::Walk(_) => Kind::Walk,
            Screen::Results(_) => Kind::Results,
            Screen::Checklist(_) => Kind::Checklist,
            Screen::Visit(_) => Kind::Visit,
            Screen::Past(_) => Kind::Past,
            Screen::Export(_) => Kind::Export,
            Screen::Report(_) => Kind::Report,
        }
    }

    /// The list screen for this list state (visit mode or not, as the state says).
    pub fn list(s: ListState) -> Screen {
        if s.visit {
            Screen::Visit(s)
        } else {
            Screen::Checklist(s)
        }
    }

    /// A fresh checklist screen.
    pub fn checklist() -> Screen {
        Screen::Checklist(ListState::new(false))
    }

    /// The list state when a list screen is shown.
    pub fn list_state(&self) -> Option<&ListState> {
        match self {
            Screen::Checklist(s) | Screen::Visit(s) => Some(s),
            _ => None,
        }
    }

    /// The list state to change, when a list screen is shown.
    pub fn list_state_mut(&mut self) -> Option<&mut ListState> {
        match self {
            Screen::Checklist(s) | Screen::Visit(s) => Some(s),
            _ => None,
        }
    }
}

impl Default for Screen {
    fn default() -> Self {
        Screen::Welcome(WelcomeState::new(Role::Patient, None))
    }
}

/// What the signal thread saves if the program is stopped.
pub type Snapshot = Arc<Mutex<Option<(Paths, Profile, State)>>>;

/// What every screen shares, and the screen shown.
pub struct App {
    pub bank: Bank,
    /// Where to save; `None` when there is nowhere (or saving is blocked to protect a file).
    pub paths: Option<Paths>,
    /// The data folder shown to the person, even when saving is blocked.
    pub data_dir: Option<std::path::PathBuf>,
    /// Where exports go unless the person types another folder (found at start, so that
    /// `update` never asks the environment).
    pub export_dir: Option<std::path::PathBuf>,
    /// Folders a person can find without help (Documents, Desktop), where they exist.
    pub easy_folders: Vec<std::path::PathBuf>,
    /// The paper size for PDFs (from the locale, found at start).
    pub paper: crate::export::pdf::Paper,
    pub today: Date,
    pub profile: Profile,
    pub state: State,
    /// The screen shown, with its state.
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// Messages for the person: storage problems, what was saved.
    pub status: Option<Status>,
    /// Notices about files moved aside, shown until dismissed.
    pub notices: Vec<String>,
    pub quit: bool,
    /// The terminal size.
    pub size: (u16, u16),
    /// Unsaved changes (typing is saved when the keys pause).
    pub dirty: bool,
    /// Why the last save failed, while it stays failed.
    pub save_error: Option<String>,
    /// The person asked to close while changes could not be saved, and was told; asking again
    /// closes.
    pub close_unsaved_warned: bool,
    /// The plain mode runs this app: what it says names the plain mode's words, not keys.
    pub plain: bool,
    /// The person asked to close and a save is under way: close when it is done.
    quitting: bool,
    /// Effects asked for by the message being handled (returned by `update`).
    pending: Vec<Effect>,
}

/// Where exports go unless the person types another folder: beside the data, or the current
/// folder when there is no data folder.
pub fn export_folder(paths: Option<&Paths>) -> Option<std::path::PathBuf> {
    match paths {
        Some(p) => Some(p.exports()),
        None => std::env::current_dir().ok(),
    }
}

/// Documents and Desktop in the home folder, where they exist: places a person finds in their
/// file manager.
pub fn easy_folders(home: Option<std::ffi::OsString>) -> Vec<std::path::PathBuf> {
    let Some(home) = home.filter(|h| !h.is_empty()) else {
        return Vec::new();
    };
    ["Documents", "Desktop"]
        .iter()
        .map(|d| std::path::PathBuf::from(&home).join(d))
        .filter(|d| d.is_dir())
        .collect()
}

/// A one-line text field.
pub fn single_line(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.set_placeholder_text(placeholder);
    t.set_placeholder_style(super::view::quiet());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

/// A text field of several lines, wrapped at word boundaries, the cursor at its end.
pub fn multi_line(text: &str) -> TextArea<'static> {
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
        App {
            bank,
            data_dir: paths.as_ref().map(|p| p.dir.clone()),
            export_dir: paths.as_ref().map(Paths::exports),
            easy_folders: Vec::new(),
            paper: crate::export::pdf::Paper::default(),
            paths,
            today,
            profile: Profile::default(),
            state: State::default(),
            screen: Screen::default(),
            popup: None,
            status: None,
            notices: Vec::new(),
            quit: false,
            size: (MIN_WIDTH, MIN_HEIGHT),
            dirty: false,
            save_error: None,
            close_unsaved_warned: false,
            plain: false,
            quitting: false,
            pending: Vec::new(),
        }
    }

    /// Starts from what is saved: a returning person lands on their checklist (or their visit).
    pub fn load(bank: Bank, paths: Option<Paths>, today: Date) -> App {
        App::load_as(bank, paths, today, false)
    }

    /// [`App::load`] for the full-screen app or (`plain`) the plain mode: the welcome back
    /// names the keys, or the words, of the one that runs.
    pub fn load_as(bank: Bank, paths: Option<Paths>, today: Date, plain: bool) -> App {
        let mut app = App::new(bank, None, today);
        app.plain = plain;
        app.paper = crate::export::pdf::Paper::from_locale();
        app.easy_folders = easy_folders(std::env::var_os("HOME"));
        let Some(paths) = paths else {
            app.export_dir = export_folder(None);
            app.status = Some(Status::NotSaving(
                "I could not find a folder to save in, so nothing will be kept after you quit. Export your list before quitting."
                    .into(),
            ));
            return app;
        };
        app.data_dir = Some(paths.dir.clone());
        app.export_dir = export_folder(Some(&paths));
        let mut blocked = None;
        let mut found = false;
        match paths.load_profile() {
            Ok(loaded) => {
                if let Some(n) = loaded.notice("answers") {
                    app.notices.push(n);
                }
                if let Loaded::Found(p) = loaded {
                    app.profile = p;
                    found = true;
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
        app.screen = if found {
            Screen::list(ListState::new(app.state.visit_started.is_some()))
        } else {
            Screen::Welcome(WelcomeState::new(
                app.profile.role,
                app.profile.name.as_deref(),
            ))
        };
        if app.status.is_none() {
            app.status = match app.screen.kind() {
                Kind::Checklist => Some(Status::Note(format!(
                    "Welcome back. {} when the appointment starts, {} to change your answers, {} to print. {} shows every {}.",
                    app.press(&Message::Visit),
                    app.key_name(&Message::Walk),
                    app.key_name(&Message::Export),
                    app.key_name(&Message::Help),
                    app.keys_word(),
                ))),
                // A word that takes a question's number reads badly as the sentence's subject.
                Kind::Visit if app.plain => Some(Status::Note(format!(
                    "Welcome back to your visit. Type {} to tick a question as asked, {} to write its answer, {} to end the visit.",
                    app.key_name(&Message::Toggle),
                    app.key_name(&Message::Enter),
                    app.key_name(&Message::Visit),
                ))),
                Kind::Visit => Some(Status::Note(format!(
                    "Welcome back to your visit. {} ticks, {} writes the answer, {} ends the visit.",
                    app.key_name(&Message::Toggle),
                    app.key_name(&Message::Enter),
                    app.key_name(&Message::Visit),
                ))),
                _ => None,
            };
        }
        app.refresh();
        app
    }

    /// The checklist as shown now (with the search applied): the list screen's own, kept up
    /// to date by `update`; on another screen, the whole list built afresh.
    pub fn checklist(&self) -> Rc<Checklist> {
        match self.screen.list_state() {
            Some(s) => s.list_for(self),
            None => Rc::new(checklist::build(
                &self.bank,
                &self.profile,
                &self.state,
                &checklist::Options::default(),
            )),
        }
    }

    /// Brings what the shown screen draws from up to date (the list screen's list and its
    /// wrapped rows). Called at the end of every `update`, so that the view only draws.
    pub fn refresh(&mut self) {
        let widths = super::checklist::widths(self.size);
        if self.screen.list_state().is_none() {
            return;
        }
        let enter = self.press_lower(&Message::Enter);
        if let Screen::Checklist(s) | Screen::Visit(s) = &mut self.screen {
            s.refresh(&self.bank, &self.profile, &self.state, widths, &enter);
        }
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
        if let Screen::Walk(w) = &self.screen
            && w.step == Step::Date
            && let Some(d) = parse_date(&w.date.lines().join(""))
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

    /// Asks the runtime to carry out an effect.
    pub fn ask(&mut self, effect: Effect) {
        self.pending.push(effect);
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
                    "Not saved: {} {} again to close and lose your last changes, or {} to save a copy elsewhere.",
                    self.save_error.as_deref().unwrap_or_default(),
                    self.press(&Message::Quit),
                    self.key_name(&Message::Export),
                )));
            }
        }
    }

    /// The walk-through, at its first question; `back` is the list to return to when the
    /// person came from it to change answers.
    pub fn walk(&self, back: Option<ListState>) -> Screen {
        Screen::Walk(WalkState::start(&self.profile, back))
    }

    /// The list screen after the walk-through or the results (visit mode if a visit is under
    /// way), from `back` when the person came from it.
    pub fn open_list(&self, back: Option<ListState>) -> Screen {
        let mut s = back.unwrap_or_else(|| ListState::new(false));
        s.visit = self.state.visit_started.is_some();
        Screen::list(s)
    }

    /// The key (full screen, from the key table) or the word (plain mode, from its word
    /// table) that sends `msg` where the app is: everything the app says about what to press
    /// names it with this, so neither mode hears of the other's keys.
    pub fn key_name(&self, msg: &Message) -> String {
        if self.plain {
            super::plain::words::word_for(self, msg)
        } else {
            super::keys::shown_for(self, msg).to_string()
        }
    }

    /// "Press v" (full screen) or "Type visit" (plain mode), to start a sentence.
    pub fn press(&self, msg: &Message) -> String {
        let verb = if self.plain { "Type" } else { "Press" };
        format!("{verb} {}", self.key_name(msg))
    }

    /// "press v" or "type visit", inside a sentence.
    pub fn press_lower(&self, msg: &Message) -> String {
        let mut said = self.press(msg);
        said[..1].make_ascii_lowercase();
        said
    }

    /// What the person presses or types: "key" or "word".
    pub fn keys_word(&self) -> &'static str {
        if self.plain { "word" } else { "key" }
    }

    /// True when a text field has the keyboard (then letters are text, not commands).
    pub fn typing(&self) -> bool {
        match &self.popup {
            Some(p) => p.typing(),
            None => match &self.screen {
                Screen::Welcome(s) => s.typing(),
                Screen::Walk(s) => s.typing(),
                Screen::Checklist(s) | Screen::Visit(s) => s.search.is_some(),
                Screen::Export(s) => s.typing(),
                Screen::Report(s) => s.typing(),
                Screen::Results(_) | Screen::Past(_) => false,
            },
        }
    }
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

/// Applies one message and brings what the screen draws from up to date; returns what the
/// runtime must do. No I/O here.
pub fn update(app: &mut App, msg: Message) -> Vec<Effect> {
    let fx = step(app, msg);
    app.refresh();
    fx
}

/// [`update`] without bringing the list up to date: for a batch of keys (a paste typed key by
/// key), the runtime calls [`App::refresh`] once before drawing.
pub fn step(app: &mut App, msg: Message) -> Vec<Effect> {
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
        Message::Printed(said) => {
            app.status = Some(Status::Note(said));
            return;
        }
        Message::ReportRead(_) | Message::ReportFailed(_) => {
            // Dropped when the person has left the screen meanwhile.
            if let Screen::Report(s) = &mut app.screen {
                s.answered(msg);
            }
            return;
        }
        Message::ExportWritten(..) | Message::ExportFailed(_) => {
            if let Screen::Export(s) = &mut app.screen {
                s.answered(msg);
            }
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
    if let Message::Paste(text) = msg {
        return paste(app, &text);
    }
    if app.popup.is_some() {
        super::popup::update(app, msg);
        return;
    }
    let searching = app.screen.list_state().is_some_and(|s| s.search.is_some());
    if msg == Message::Help && !searching {
        app.popup = Some(Popup::Help);
        return;
    }
    if !app.notices.is_empty() && msg == Message::Back && !searching {
        app.notices.clear();
        return;
    }
    // The screen's state is taken out for its update, which gives back the screen to show.
    app.screen = match std::mem::take(&mut app.screen) {
        Screen::Welcome(s) => super::welcome::update(app, s, msg),
        Screen::Walk(s) => super::walk::update(app, s, msg),
        Screen::Results(s) => super::results::update(app, s, msg),
        Screen::Checklist(s) | Screen::Visit(s) => super::checklist::update(app, s, msg),
        Screen::Past(s) => super::visit::update(app, s, msg),
        Screen::Export(s) => super::export::update(app, s, msg),
        Screen::Report(s) => super::report::update(app, s, msg),
    };
}

/// A paste: into an answer all at once (its line breaks kept); into a one-line field as if
/// typed, each line break a space (so the field's own rules, such as the name's length, hold).
fn paste(app: &mut App, text: &str) {
    if let Some(Popup::Answer { id, field }) = app.popup.as_mut() {
        field.insert_str(text);
        let answer = field.lines().join("\n");
        match app.state.set_answer(id, &answer) {
            Ok(()) => app.dirty = true,
            Err(e) => {
                // Too long: the paste is taken back, and the person told why.
                field.undo();
                app.status = Some(Status::Note(e.to_string()));
            }
        }
        return;
    }
    if app.popup.is_none() && matches!(app.screen, Screen::Report(_)) {
        // The report's paste box takes the whole paste at once, its lines kept.
        return super::report::paste(app, text);
    }
    for c in text.chars() {
        let c = if c == '\n' { ' ' } else { c };
        apply(
            app,
            Message::Input(Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                shift: false,
            }),
        );
    }
}

/// True for the Enter key as a text field sees it.
pub fn is_enter(input: &Input) -> bool {
    input.key == Key::Enter
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
