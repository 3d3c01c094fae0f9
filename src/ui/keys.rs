//! The one key table: rows of (context, keys, message, label). It turns terminal events into
//! messages, and the footer and the help window are made from it (help.rs), so the three can't
//! disagree. While a text field has the keyboard, keys not in its rows are text.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Message, Screen};
use super::popup::Popup;
use super::welcome::WelcomeFocus;

/// Where a row of the table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere, even while typing.
    Always,
    /// Help and quit, shown on every screen where letters are commands.
    Nav,
    /// Hidden fallbacks wherever letters are commands, popups included (arrows, j/k, Esc...).
    Keys,
    /// Hidden fallbacks of every text field (Enter, Esc, Tab; Ctrl+J and Ctrl+M are Enter).
    Text,
    WelcomeRole,
    WelcomeName,
    /// The walk-through's steps with one answer.
    WalkOne,
    /// The walk-through's steps where several can be ticked.
    WalkMany,
    /// Both kinds of step.
    Walk,
    WalkDate,
    /// The walk-through's first step: it can start from the report.
    WalkFirst,
    /// The report's paste box, being typed in.
    ReportBox,
    /// A button under the paste box ("Read it", "Back"); typing goes back to the box.
    ReportButton,
    /// What was read from the report, before it is used.
    ReportFound,
    Results,
    /// The checklist and visit mode alike.
    List,
    /// The checklist only (not a visit).
    Checklist,
    /// Visit mode only.
    Visit,
    Search,
    Past,
    Export,
    ExportFolder,
    Help,
    Answer,
    AddOwn,
    AddOwnTopic,
    Filter,
    EndVisit,
    /// The "window too small" screen: nothing is shown to type into.
    TooSmall,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chord {
    /// The key alone (a capital letter is its own key).
    Key(KeyCode),
    /// With Shift (arrows).
    Shift(KeyCode),
    /// With Ctrl.
    Ctrl(char),
}

impl Chord {
    /// True when the key pressed is this one.
    pub fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match self {
            Chord::Ctrl(c) => {
                ctrl && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Chord::Shift(code) => shift && !ctrl && key.code == code,
            Chord::Key(code) => {
                !ctrl
                    && key.code == code
                    && (matches!(code, KeyCode::Char(_) | KeyCode::BackTab) || !shift)
            }
        }
    }

    /// The key event this chord is (for tests, and to show it).
    pub fn event(self) -> KeyEvent {
        match self {
            Chord::Key(code @ KeyCode::Char(c)) if c.is_ascii_uppercase() => {
                KeyEvent::new(code, KeyModifiers::SHIFT)
            }
            Chord::Key(code @ KeyCode::BackTab) => KeyEvent::new(code, KeyModifiers::SHIFT),
            Chord::Key(code) => KeyEvent::new(code, KeyModifiers::NONE),
            Chord::Shift(code) => KeyEvent::new(code, KeyModifiers::SHIFT),
            Chord::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        }
    }
}

/// One row of the key table.
#[derive(Debug)]
pub struct Binding {
    pub ctx: Ctx,
    /// The keys (none for a row that only explains, such as "type" or "mouse").
    pub keys: &'static [Chord],
    pub message: Message,
    /// The keys as shown; empty for a row not shown (its partner row shows both keys).
    pub shown: &'static str,
    /// What the help window says it does.
    pub label: &'static str,
    /// What the footer says; empty when the row is in the help window only.
    pub short: &'static str,
}

use Chord::{Ctrl, Key as K, Shift};
use KeyCode::*;

const fn b(
    ctx: Ctx,
    keys: &'static [Chord],
    message: Message,
    shown: &'static str,
    label: &'static str,
    short: &'static str,
) -> Binding {
    Binding {
        ctx,
        keys,
        message,
        shown,
        label,
        short,
    }
}

/// A hidden row: a key that works without being shown.
const fn hidden(ctx: Ctx, keys: &'static [Chord], message: Message) -> Binding {
    b(ctx, keys, message, "", "", "")
}

/// The message of a row that only explains (it has no key).
const EXPLAINS: Message = Message::Pause;

/// The table. Keys are looked up in the current contexts, most particular first (see
/// [`contexts`]); the footer and the help show the rows of those contexts in this order.
pub static TABLE: &[Binding] = &[
    // The welcome screen.
    b(
        Ctx::WelcomeRole,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "choose patient or caregiver",
        "choose",
    ),
    hidden(Ctx::WelcomeRole, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::WelcomeRole,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "next: the name",
        "next",
    ),
    b(
        Ctx::WelcomeRole,
        &[K(Tab)],
        Message::Tab,
        "Tab",
        "to the name field",
        "",
    ),
    b(
        Ctx::WelcomeName,
        &[],
        EXPLAINS,
        "type",
        "a first name, or nothing",
        "a first name, or nothing",
    ),
    b(
        Ctx::WelcomeName,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "start",
        "start",
    ),
    b(
        Ctx::WelcomeName,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "back to the choice",
        "back",
    ),
    // The walk-through.
    b(
        Ctx::WalkOne,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "choose an answer",
        "choose",
    ),
    hidden(Ctx::WalkOne, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::WalkMany,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "move",
        "move",
    ),
    hidden(Ctx::WalkMany, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::WalkMany,
        &[K(Char(' '))],
        Message::Toggle,
        "Space",
        "tick or untick",
        "tick or untick",
    ),
    b(
        Ctx::Walk,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "keep it and go on",
        "next",
    ),
    b(
        Ctx::Walk,
        &[K(Esc), K(Backspace)],
        Message::Back,
        "Esc",
        "back to the previous question (answers are kept)",
        "back (answers are kept)",
    ),
    b(
        Ctx::Walk,
        &[K(PageDown)],
        Message::PageDown,
        "PgUp/PgDn",
        "scroll the plain-words panel",
        "",
    ),
    hidden(Ctx::Walk, &[K(PageUp)], Message::PageUp),
    b(Ctx::Walk, &[], EXPLAINS, "mouse", "click an answer", ""),
    b(
        Ctx::WalkDate,
        &[],
        EXPLAINS,
        "type",
        "the date, year-month-day",
        "the date",
    ),
    b(
        Ctx::WalkDate,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "next",
        "next",
    ),
    b(
        Ctx::WalkDate,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "back",
        "back",
    ),
    // Paste from my report.
    b(
        Ctx::WalkFirst,
        &[K(Char('p'))],
        Message::FromReport,
        "p",
        "paste from my report (or open its file)",
        "paste from my report",
    ),
    b(
        Ctx::ReportBox,
        &[],
        EXPLAINS,
        "paste",
        "the report's text, or type the path of its file",
        "the report, or its file's path",
    ),
    b(
        Ctx::ReportBox,
        &[K(Tab)],
        Message::Tab,
        "Tab",
        "to the Read it button",
        "to Read it",
    ),
    b(
        Ctx::ReportBox,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "new line",
        "new line",
    ),
    b(
        Ctx::ReportButton,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "press the button",
        "press it",
    ),
    b(
        Ctx::ReportButton,
        &[K(Tab), K(Right)],
        Message::Tab,
        "Tab",
        "next button, then the box",
        "next",
    ),
    hidden(Ctx::ReportButton, &[K(BackTab), K(Left)], Message::BackTab),
    b(
        Ctx::ReportBox,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "back to the walk-through (nothing is kept)",
        "back (nothing is kept)",
    ),
    b(
        Ctx::ReportButton,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "back to the walk-through (nothing is kept)",
        "back (nothing is kept)",
    ),
    b(
        Ctx::ReportFound,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "use these answers, then check each one",
        "use these answers",
    ),
    b(
        Ctx::ReportFound,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "scroll (PgUp/PgDn too)",
        "scroll",
    ),
    hidden(Ctx::ReportFound, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::ReportFound,
        &[K(Esc), K(Backspace)],
        Message::Back,
        "Esc",
        "back to the box (nothing is used)",
        "back",
    ),
    // The results.
    b(
        Ctx::Results,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "see my questions",
        "see my questions",
    ),
    b(
        Ctx::Results,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "scroll",
        "scroll",
    ),
    hidden(Ctx::Results, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::Results,
        &[K(Esc), K(Backspace)],
        Message::Back,
        "Esc",
        "back to the answers",
        "back to the answers",
    ),
    hidden(Ctx::Results, &[K(Char('w'))], Message::Walk),
    // The checklist and visit mode.
    b(
        Ctx::List,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "move (j/k too)",
        "",
    ),
    hidden(Ctx::List, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::List,
        &[K(Char(' '))],
        Message::Toggle,
        "Space",
        "tick as asked",
        "tick",
    ),
    b(
        Ctx::List,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "write the answer",
        "answer",
    ),
    b(
        Ctx::List,
        &[K(Char('a'))],
        Message::Add,
        "a",
        "add my own question",
        "add",
    ),
    b(
        Ctx::List,
        &[K(Char('s'))],
        Message::Star,
        "s",
        "star",
        "star",
    ),
    b(
        Ctx::List,
        &[K(Char('h'))],
        Message::Hide,
        "h",
        "hide",
        "hide",
    ),
    b(
        Ctx::List,
        &[K(Char('H'))],
        Message::ShowHidden,
        "H",
        "show hidden ones",
        "",
    ),
    b(
        Ctx::List,
        &[K(Char('K'))],
        Message::MoveUp,
        "K/J",
        "move up/down in topic",
        "move item",
    ),
    hidden(Ctx::List, &[K(Char('J'))], Message::MoveDown),
    b(
        Ctx::List,
        &[Shift(Up)],
        Message::MoveUp,
        "Shift+Up/Down",
        "also move an item",
        "",
    ),
    hidden(Ctx::List, &[Shift(Down)], Message::MoveDown),
    b(
        Ctx::List,
        &[K(Char('T'))],
        Message::MoveTop,
        "T",
        "move to top of topic",
        "",
    ),
    b(
        Ctx::List,
        &[K(Char('t'))],
        Message::Top,
        "t",
        "visit list: 6, 10, 15",
        "top",
    ),
    b(
        Ctx::List,
        &[K(Char('A'))],
        Message::AllQuestions,
        "A",
        "all / this visit's",
        "all",
    ),
    b(
        Ctx::List,
        &[K(Char('f'))],
        Message::Filter,
        "f",
        "for one clinician",
        "for whom",
    ),
    b(
        Ctx::List,
        &[K(Char('/'))],
        Message::Search,
        "/",
        "search",
        "search",
    ),
    b(
        Ctx::Checklist,
        &[K(Char('v'))],
        Message::Visit,
        "v",
        "start a visit",
        "visit",
    ),
    b(
        Ctx::Visit,
        &[K(Char('v'))],
        Message::Visit,
        "v",
        "end the visit",
        "end visit",
    ),
    b(
        Ctx::List,
        &[K(Char('e'))],
        Message::Export,
        "e",
        "print or export",
        "print",
    ),
    b(
        Ctx::List,
        &[K(Char('w'))],
        Message::Walk,
        "w",
        "change my answers",
        "answers",
    ),
    b(
        Ctx::List,
        &[K(Char('r'))],
        Message::Results,
        "r",
        "results, plain words",
        "",
    ),
    b(
        Ctx::List,
        &[K(Char('p'))],
        Message::PastVisits,
        "p",
        "past visits",
        "",
    ),
    b(
        Ctx::List,
        &[K(Tab)],
        Message::Tab,
        "Tab",
        "list or panel",
        "",
    ),
    b(
        Ctx::List,
        &[K(Esc), K(Backspace)],
        Message::Back,
        "Esc",
        "clear search, clinician",
        "",
    ),
    b(
        Ctx::List,
        &[],
        EXPLAINS,
        "mouse",
        "click; wheel scrolls",
        "",
    ),
    b(
        Ctx::Search,
        &[],
        EXPLAINS,
        "type",
        "a word to look for",
        "a word to look for",
    ),
    b(
        Ctx::Search,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "keep the search",
        "keep the search",
    ),
    b(
        Ctx::Search,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "clear it",
        "clear it",
    ),
    // Past visits.
    b(
        Ctx::Past,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "choose a visit",
        "choose a visit",
    ),
    hidden(Ctx::Past, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::Past,
        &[K(PageDown)],
        Message::PageDown,
        "PgUp/PgDn",
        "scroll",
        "scroll",
    ),
    hidden(Ctx::Past, &[K(PageUp)], Message::PageUp),
    b(
        Ctx::Past,
        &[K(Esc), K(Backspace)],
        Message::Back,
        "Esc",
        "back",
        "back",
    ),
    hidden(Ctx::Past, &[K(Char('p'))], Message::PastVisits),
    // Export.
    b(
        Ctx::Export,
        &[K(Up), K(Char('k')), K(BackTab)],
        Message::Up,
        "Up/Down",
        "choose a line (Tab too)",
        "choose a line",
    ),
    hidden(Ctx::Export, &[K(Down), K(Char('j')), K(Tab)], Message::Down),
    b(
        Ctx::Export,
        &[K(Right), K(Char('l'))],
        Message::Right,
        "Left/Right/Space",
        "change the line",
        "change",
    ),
    hidden(Ctx::Export, &[K(Left)], Message::Left),
    hidden(Ctx::Export, &[K(Char(' '))], Message::Toggle),
    b(
        Ctx::Export,
        &[],
        EXPLAINS,
        "type",
        "replaces the folder on the Save in line",
        "",
    ),
    b(
        Ctx::ExportFolder,
        &[],
        EXPLAINS,
        "type",
        "the folder to save in (replaces the one shown)",
        "the folder to save in",
    ),
    b(
        Ctx::ExportFolder,
        &[K(Up), K(BackTab)],
        Message::Up,
        "Up/Down",
        "choose a line",
        "choose a line",
    ),
    hidden(Ctx::ExportFolder, &[K(Down), K(Tab)], Message::Down),
    b(
        Ctx::Export,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "save the file",
        "save the file",
    ),
    b(
        Ctx::ExportFolder,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "save the file",
        "save the file",
    ),
    b(
        Ctx::Export,
        &[K(Char('p'))],
        Message::Print,
        "p",
        "print the PDF just saved (needs lp)",
        "print",
    ),
    b(
        Ctx::Export,
        &[K(Esc), K(Backspace)],
        Message::Back,
        "Esc",
        "back to the list",
        "back",
    ),
    b(
        Ctx::ExportFolder,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "back to the list",
        "back",
    ),
    // Popups.
    b(
        Ctx::Help,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "close this help",
        "close this help",
    ),
    b(
        Ctx::Answer,
        &[],
        EXPLAINS,
        "type",
        "the answer (saved as you type)",
        "the answer (saved as you type)",
    ),
    b(
        Ctx::Answer,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "new line",
        "new line",
    ),
    b(
        Ctx::Answer,
        &[],
        EXPLAINS,
        "arrows",
        "move in the text",
        "move in the text",
    ),
    b(Ctx::Answer, &[], EXPLAINS, "Ctrl+U", "undo", "undo"),
    b(Ctx::Answer, &[K(Esc)], Message::Back, "Esc", "done", "done"),
    b(
        Ctx::AddOwn,
        &[],
        EXPLAINS,
        "type",
        "your question",
        "your question",
    ),
    b(
        Ctx::AddOwn,
        &[K(Tab)],
        Message::Tab,
        "Tab",
        "question / topic",
        "question / topic",
    ),
    b(
        Ctx::AddOwnTopic,
        &[K(Tab)],
        Message::Tab,
        "Tab",
        "question / topic",
        "question / topic",
    ),
    b(
        Ctx::AddOwnTopic,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "choose the topic",
        "choose the topic",
    ),
    hidden(Ctx::AddOwnTopic, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::AddOwn,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "add it",
        "add it",
    ),
    b(
        Ctx::AddOwnTopic,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "add it",
        "add it",
    ),
    b(
        Ctx::AddOwn,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "cancel",
        "cancel",
    ),
    b(
        Ctx::AddOwnTopic,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "cancel",
        "cancel",
    ),
    b(
        Ctx::Filter,
        &[K(Up), K(Char('k'))],
        Message::Up,
        "Up/Down",
        "choose",
        "choose",
    ),
    hidden(Ctx::Filter, &[K(Down), K(Char('j'))], Message::Down),
    b(
        Ctx::Filter,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "show",
        "show",
    ),
    b(
        Ctx::Filter,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "cancel",
        "cancel",
    ),
    b(
        Ctx::EndVisit,
        &[K(Enter)],
        Message::Enter,
        "Enter",
        "end the visit",
        "end the visit",
    ),
    b(
        Ctx::EndVisit,
        &[K(Esc)],
        Message::Back,
        "Esc",
        "keep going",
        "keep going",
    ),
    // Every screen where letters are commands: help and quit, then hidden fallbacks.
    b(
        Ctx::Nav,
        &[K(Char('?')), K(F(1))],
        Message::Help,
        "?",
        "this help",
        "help",
    ),
    b(
        Ctx::Nav,
        &[K(Char('q'))],
        Message::Quit,
        "q",
        "quit (everything is saved)",
        "quit",
    ),
    b(
        Ctx::Help,
        &[K(Char('q'))],
        Message::Quit,
        "q",
        "quit",
        "quit",
    ),
    hidden(Ctx::Keys, &[K(Char('?')), K(F(1))], Message::Help),
    hidden(Ctx::Keys, &[K(Char('q'))], Message::Quit),
    hidden(Ctx::Keys, &[K(Up), K(Char('k'))], Message::Up),
    hidden(Ctx::Keys, &[K(Down), K(Char('j'))], Message::Down),
    hidden(Ctx::Keys, &[K(Left)], Message::Left),
    hidden(Ctx::Keys, &[K(Right), K(Char('l'))], Message::Right),
    hidden(Ctx::Keys, &[K(PageUp)], Message::PageUp),
    hidden(Ctx::Keys, &[K(PageDown)], Message::PageDown),
    hidden(Ctx::Keys, &[K(Home), K(Char('g'))], Message::Home),
    hidden(Ctx::Keys, &[K(End), K(Char('G'))], Message::End),
    hidden(Ctx::Keys, &[K(Enter)], Message::Enter),
    hidden(Ctx::Keys, &[K(Esc), K(Backspace)], Message::Back),
    hidden(Ctx::Keys, &[K(Tab)], Message::Tab),
    hidden(Ctx::Keys, &[K(BackTab)], Message::BackTab),
    hidden(Ctx::Keys, &[K(Char(' '))], Message::Toggle),
    // Every text field.
    hidden(Ctx::Text, &[K(Enter), Ctrl('j'), Ctrl('m')], Message::Enter),
    hidden(Ctx::Text, &[K(Esc)], Message::Back),
    hidden(Ctx::Text, &[K(Tab)], Message::Tab),
    hidden(Ctx::Text, &[K(BackTab)], Message::BackTab),
    // The "window too small" screen: only quitting, so nothing goes into a hidden answer.
    b(
        Ctx::TooSmall,
        &[K(Char('q'))],
        Message::Quit,
        "q",
        "quit",
        "quit",
    ),
    // Always.
    b(
        Ctx::Always,
        &[Ctrl('c'), Ctrl('q')],
        Message::Quit,
        "Ctrl+C",
        "quit (all is saved)",
        "",
    ),
];

/// The contexts in force for the screen alone (ignoring any popup), most particular first.
pub fn screen_contexts(app: &App) -> Vec<Ctx> {
    match &app.screen {
        Screen::Welcome(s) if s.focus == WelcomeFocus::Name => vec![Ctx::WelcomeName, Ctx::Text],
        Screen::Welcome(_) => vec![Ctx::WelcomeRole, Ctx::Nav, Ctx::Keys],
        Screen::Walk(s) if s.typing() => vec![Ctx::WalkDate, Ctx::Text],
        Screen::Walk(s) if s.step.is_multiple() => {
            vec![Ctx::WalkMany, Ctx::Walk, Ctx::Nav, Ctx::Keys]
        }
        Screen::Walk(s) if s.step == super::steps::ALL[0] => {
            vec![Ctx::WalkFirst, Ctx::WalkOne, Ctx::Walk, Ctx::Nav, Ctx::Keys]
        }
        Screen::Walk(_) => vec![Ctx::WalkOne, Ctx::Walk, Ctx::Nav, Ctx::Keys],
        Screen::Results(_) => vec![Ctx::Results, Ctx::Nav, Ctx::Keys],
        Screen::Checklist(s) | Screen::Visit(s) if s.search.is_some() => {
            vec![Ctx::Search, Ctx::Text]
        }
        Screen::Checklist(_) => vec![Ctx::Checklist, Ctx::List, Ctx::Nav, Ctx::Keys],
        Screen::Visit(_) => vec![Ctx::Visit, Ctx::List, Ctx::Nav, Ctx::Keys],
        Screen::Past(_) => vec![Ctx::Past, Ctx::Nav, Ctx::Keys],
        Screen::Export(s) if s.typing() => vec![Ctx::ExportFolder, Ctx::Text],
        Screen::Export(_) => vec![Ctx::Export, Ctx::Nav, Ctx::Keys],
        Screen::Report(s) if s.found.is_some() => vec![Ctx::ReportFound, Ctx::Nav, Ctx::Keys],
        Screen::Report(s) if s.on_button() => vec![Ctx::ReportButton, Ctx::Text],
        Screen::Report(_) => vec![Ctx::ReportBox, Ctx::Text],
    }
}

/// True while the window is too small to draw the app (a note asks for a bigger one).
pub fn too_small(app: &App) -> bool {
    app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT
}

/// The contexts in force now, most particular first (a popup's own, else the screen's), with
/// `Always` last.
pub fn contexts(app: &App) -> Vec<Ctx> {
    if too_small(app) {
        return vec![Ctx::TooSmall, Ctx::Always];
    }
    let mut c = match &app.popup {
        Some(Popup::Help) => vec![Ctx::Help, Ctx::Keys],
        Some(Popup::Answer { .. }) => vec![Ctx::Answer, Ctx::Text],
        Some(Popup::AddOwn {
            on_topic: false, ..
        }) => vec![Ctx::AddOwn, Ctx::Text],
        Some(Popup::AddOwn { .. }) => vec![Ctx::AddOwnTopic, Ctx::Keys],
        Some(Popup::Filter { .. }) => vec![Ctx::Filter, Ctx::Keys],
        Some(Popup::EndVisit { .. }) => vec![Ctx::EndVisit, Ctx::Keys],
        None => screen_contexts(app),
    };
    c.push(Ctx::Always);
    c
}

/// The key shown for `msg` where the app is (the first row of its contexts that sends it),
/// else anywhere in the table: for what the app says ("Press v"), so no text names a key by
/// hand.
pub fn shown_for(app: &App, msg: &Message) -> &'static str {
    let here = contexts(app);
    rows(&here)
        .chain(TABLE.iter())
        .find(|r| r.shows(msg))
        .map_or("?", |r| r.shown)
}

impl Binding {
    /// True for a shown row whose keys send `msg`.
    fn shows(&self, msg: &Message) -> bool {
        self.message == *msg && !self.shown.is_empty() && !self.keys.is_empty()
    }
}

/// A window's own line of hints, "Enter: add it.  Esc: cancel.", for the keys that send
/// `msgs` where the app is, with the footer's words from the table.
pub fn hints(app: &App, msgs: &[Message]) -> String {
    hint_line(&hint_pairs(app, msgs))
}

/// [`hints`] for the screen under any window: a form's own instructions stay while the help
/// is open over it.
pub fn screen_hints(app: &App, msgs: &[Message]) -> String {
    hint_line(&pairs_in(&screen_contexts(app), msgs))
}

fn hint_line(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(key, what)| format!("{key}: {what}."))
        .collect::<Vec<_>>()
        .join("  ")
}

/// (keys as shown, the footer's words) for the keys that send `msgs` where the app is.
pub fn hint_pairs(app: &App, msgs: &[Message]) -> Vec<(&'static str, &'static str)> {
    pairs_in(&contexts(app), msgs)
}

fn pairs_in(here: &[Ctx], msgs: &[Message]) -> Vec<(&'static str, &'static str)> {
    msgs.iter()
        .filter_map(|m| rows(here).find(|r| r.shows(m)))
        .map(|r| (r.shown, r.short))
        .collect()
}

/// The rows in force for these contexts, in the table's order.
pub fn rows(ctxs: &[Ctx]) -> impl Iterator<Item = &'static Binding> + '_ {
    TABLE.iter().filter(move |r| ctxs.contains(&r.ctx))
}

/// The row a key chooses in these contexts: the first context that knows it wins.
pub fn lookup(ctxs: &[Ctx], key: &KeyEvent) -> Option<&'static Binding> {
    ctxs.iter().find_map(|ctx| {
        TABLE
            .iter()
            .find(|r| r.ctx == *ctx && r.keys.iter().any(|k| k.matches(key)))
    })
}

/// The message for a terminal event, if it means anything here.
pub fn message(app: &App, event: &Event) -> Option<Message> {
    match event {
        Event::Key(key) => key_message(app, key),
        Event::Mouse(m) => mouse_message(m),
        Event::Resize(w, h) => Some(Message::Resize(*w, *h)),
        Event::Paste(text) => paste_message(app, text),
        _ => None,
    }
}

fn key_message(app: &App, key: &KeyEvent) -> Option<Message> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(row) = lookup(&[Ctx::Always], key) {
        return Some(row.message.clone());
    }
    // On the "too small" screen no field is shown: nothing typed goes into a hidden one.
    let typing = app.typing() && !too_small(app);
    if typing
        && let KeyCode::Char(c) = key.code
        && crate::text::is_unsafe(c)
        && !key.modifiers.contains(KeyModifiers::CONTROL)
    {
        // Nothing typed may steer the terminal (bidi overrides, control characters).
        return None;
    }
    match lookup(&contexts(app), key) {
        Some(row) => Some(row.message.clone()),
        None if typing => Some(Message::Input((*key).into())),
        None => None,
    }
}

/// A bracketed paste: text for the field being edited, its line breaks as `\n` and nothing
/// in it that may steer the terminal. Outside a text field (or on the "too small" screen, where
/// no field is shown) a paste means nothing.
fn paste_message(app: &App, text: &str) -> Option<Message> {
    if too_small(app) || !app.typing() {
        return None;
    }
    let text = pasted(text);
    (!text.is_empty()).then_some(Message::Paste(text))
}

/// Text as a field takes it (a paste, a plain-mode line): line breaks as `\n`, tabs as
/// spaces, and nothing that may steer the terminal.
pub fn pasted(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !crate::text::is_unsafe(*c))
        .collect()
}

fn mouse_message(m: &MouseEvent) -> Option<Message> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Message::Click(m.column, m.row)),
        MouseEventKind::ScrollUp => Some(Message::ScrollUp),
        MouseEventKind::ScrollDown => Some(Message::ScrollDown),
        _ => None,
    }
}
