//! The plain mode's one table of words (where each works, what it does), and the translation
//! of a typed line into the messages the full-screen keys send: choosing answer 3 is Home,
//! Down, Down, Enter, as the arrow keys would do it. Help is made from the same table.

use ratatui_textarea::{Input, Key};

use super::super::app::{App, Message, Screen};
use super::super::export::{Output, export_row};
use super::super::popup::Popup;
use super::super::welcome::ROLES;

/// What the app is waiting for, in the plain mode's terms (from the screen and the popup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// The welcome screen: patient or caregiver.
    Role,
    /// The welcome screen's name field.
    Name,
    /// A walk-through step with one answer.
    WalkOne,
    /// A walk-through step where several can be ticked.
    WalkMany,
    /// The walk-through's date.
    WalkDate,
    Results,
    /// The checklist, or visit mode.
    List,
    Past,
    Export,
    /// The answer to a question, being written.
    Answer,
    /// An own question, being written.
    AddOwn,
    /// The topic of an own question.
    AddOwnTopic,
    /// "End this visit?"
    EndVisit,
    /// Whose questions to show: the clinician filter's choices.
    Filter,
    /// What was read from a report, before it is used.
    ReportFound,
    /// A popup or screen the plain mode does not use (help, the report's paste box): closed
    /// first.
    OtherPopup,
}

/// What the app is waiting for now.
pub fn where_(app: &App) -> Where {
    match &app.popup {
        Some(Popup::Answer { .. }) => Where::Answer,
        Some(Popup::AddOwn {
            on_topic: false, ..
        }) => Where::AddOwn,
        Some(Popup::AddOwn { .. }) => Where::AddOwnTopic,
        Some(Popup::EndVisit { .. }) => Where::EndVisit,
        Some(Popup::Filter { .. }) => Where::Filter,
        Some(_) => Where::OtherPopup,
        None => match &app.screen {
            Screen::Welcome(s) if s.typing() => Where::Name,
            Screen::Welcome(_) => Where::Role,
            Screen::Walk(s) if s.typing() => Where::WalkDate,
            Screen::Walk(s) if s.step.is_multiple() => Where::WalkMany,
            Screen::Walk(_) => Where::WalkOne,
            Screen::Results(_) => Where::Results,
            Screen::Checklist(_) | Screen::Visit(_) => Where::List,
            Screen::Past(_) => Where::Past,
            Screen::Export(_) => Where::Export,
            Screen::Report(s) if s.found.is_some() => Where::ReportFound,
            // The paste box: `report PATH` fills it and reads it at once, so it is shown only
            // when the file could not be read; the loop then goes back to the walk-through.
            Screen::Report(_) => Where::OtherPopup,
        },
    }
}

/// What a line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    /// A number or the words of a choice (no word of its own).
    Choose,
    /// Text for the field (no word of its own).
    Text,
    /// Enter: keep what is chosen and go on.
    Next,
    Back,
    Help,
    Quit,
    /// Say the screen again.
    Again,
    /// The plain words for the step's terms.
    Explain,
    Tick,
    Star,
    Answer,
    /// Empty an answer, or the date.
    Clear,
    About,
    Add,
    Export,
    Results,
    Walk,
    /// The visit list's size: 6, 10, 15.
    Size,
    /// All my questions, or this visit's again.
    All,
    Hide,
    /// Show hidden questions too, or not.
    Hidden,
    /// Move a question up, down or to the top of its topic.
    Move,
    /// Only the questions for one clinician.
    For,
    /// Look for words.
    Find,
    Past,
    /// Read the report's file.
    Report,
    /// Use what was read from the report.
    Use,
    Visit,
    Large,
    HowMany,
    Folder,
    Save,
    Yes,
    No,
}

/// One row of the table: where it works, the words that say it (the first is shown), what
/// to type and what it does.
#[derive(Debug)]
pub struct Word {
    pub at: &'static [Where],
    pub words: &'static [&'static str],
    pub cmd: Cmd,
    pub usage: &'static str,
    pub does: &'static str,
}

use Where::*;

const fn w(
    at: &'static [Where],
    words: &'static [&'static str],
    cmd: Cmd,
    usage: &'static str,
    does: &'static str,
) -> Word {
    Word {
        at,
        words,
        cmd,
        usage,
        does,
    }
}

/// Every place a line can be typed.
const EVERYWHERE: &[Where] = &[
    Role,
    Name,
    WalkOne,
    WalkMany,
    WalkDate,
    Results,
    List,
    Past,
    Export,
    Answer,
    AddOwn,
    AddOwnTopic,
    EndVisit,
    Filter,
    ReportFound,
];

/// The table. A line's first word is looked up in the rows of where the app is, in this
/// order; help lists those rows.
pub static TABLE: &[Word] = &[
    w(
        &[Role],
        &[],
        Cmd::Choose,
        "1 or 2, or patient or caregiver",
        "who is using this",
    ),
    w(
        &[Role],
        &["next", "ok"],
        Cmd::Next,
        "Enter, or next",
        "keep the one chosen and go on",
    ),
    w(
        &[Name],
        &[],
        Cmd::Text,
        "a first name",
        "shown on the printed list",
    ),
    w(
        &[Name],
        &["next"],
        Cmd::Next,
        "Enter alone",
        "keep the name as it is and go on",
    ),
    w(
        &[WalkOne],
        &[],
        Cmd::Choose,
        "a number, or words of an answer",
        "choose that answer and go on",
    ),
    w(
        &[WalkMany],
        &[],
        Cmd::Choose,
        "numbers, for example 1 3",
        "tick or untick those; a \"none\" or \"not sure\" choice goes on",
    ),
    w(
        &[WalkOne, WalkMany, Results],
        &["next", "ok"],
        Cmd::Next,
        "Enter, or next",
        "keep what is chosen and go on",
    ),
    w(
        &[WalkDate],
        &[],
        Cmd::Text,
        "a date, for example 2026-12-03",
        "the date of the next appointment",
    ),
    w(
        &[WalkDate],
        &["next"],
        Cmd::Next,
        "Enter alone",
        "keep the date as it is and go on",
    ),
    w(&[WalkDate], &["none"], Cmd::Clear, "none", "no date yet"),
    w(
        &[WalkOne],
        &["report"],
        Cmd::Report,
        "report and the file's path",
        "on the first step: read your pathology report's file (PDF or text) to fill in the answers",
    ),
    w(
        &[WalkOne, WalkMany],
        &["explain", "words"],
        Cmd::Explain,
        "explain",
        "the plain words for this step's terms",
    ),
    w(
        &[Name, WalkOne, WalkMany, WalkDate, Results, Past, Export],
        &["back"],
        Cmd::Back,
        "back",
        "the step before",
    ),
    w(
        &[List],
        &["answer", "write"],
        Cmd::Answer,
        "answer N, or answer N and the words",
        "write down the answer to question N",
    ),
    w(
        &[List],
        &["tick", "asked"],
        Cmd::Tick,
        "tick N",
        "tick question N as asked (again: untick)",
    ),
    w(
        &[List],
        &["star"],
        Cmd::Star,
        "star N",
        "star question N (again: unstar)",
    ),
    w(
        &[List],
        &["about", "read"],
        Cmd::About,
        "about N, or N alone",
        "question N: its answer, why it is on the list, its source",
    ),
    w(
        &[List],
        &["clear"],
        Cmd::Clear,
        "clear N",
        "remove what is written as the answer to question N",
    ),
    w(
        &[List],
        &["add"],
        Cmd::Add,
        "add, or add and the question",
        "add your own question",
    ),
    w(
        &[List],
        &["hide"],
        Cmd::Hide,
        "hide N",
        "hide question N from the list (again, while hidden ones are shown: show it)",
    ),
    w(
        &[List],
        &["hidden"],
        Cmd::Hidden,
        "hidden",
        "show the hidden questions too, or stop showing them",
    ),
    w(
        &[List],
        &["move"],
        Cmd::Move,
        "move N up, move N down, or move N top",
        "move question N within its topic",
    ),
    w(
        &[List],
        &["size", "top"],
        Cmd::Size,
        "size",
        "how many questions are for this visit: 6, 10 or 15, one after the other",
    ),
    w(
        &[List],
        &["all"],
        Cmd::All,
        "all",
        "all my questions, or only this visit's again",
    ),
    w(
        &[List],
        &["for"],
        Cmd::For,
        "for, for N, for a clinician (for surgeon), or for everyone",
        "only the questions for one clinician; for alone lists them",
    ),
    w(
        &[List],
        &["find", "search"],
        Cmd::Find,
        "find and words, or find alone",
        "only the questions with those words; find alone shows all again",
    ),
    w(
        &[List],
        &["back"],
        Cmd::Back,
        "back",
        "stop finding words and showing one clinician's questions",
    ),
    w(
        &[List],
        &["past"],
        Cmd::Past,
        "past",
        "your past visits: what was asked and answered",
    ),
    w(
        &[List],
        &["export", "print", "save"],
        Cmd::Export,
        "export, or export html, pdf or text",
        "save the list to a file to print",
    ),
    w(
        &[List],
        &["visit"],
        Cmd::Visit,
        "visit",
        "start visit mode at the appointment, or end the visit",
    ),
    w(
        &[List],
        &["results"],
        Cmd::Results,
        "results",
        "your results in plain words",
    ),
    w(
        &[List, Results],
        &["walk", "change"],
        Cmd::Walk,
        "walk",
        "the questions about the report again",
    ),
    w(
        &[Export],
        &[],
        Cmd::Choose,
        "a format's number or name",
        "choose the format",
    ),
    w(
        &[Export],
        &["save", "next"],
        Cmd::Save,
        "save",
        "write the file",
    ),
    w(
        &[Export],
        &["large"],
        Cmd::Large,
        "large",
        "large print on or off",
    ),
    w(
        &[Export],
        &["questions", "how"],
        Cmd::HowMany,
        "questions",
        "all the questions, or only the top ones",
    ),
    w(
        &[Export],
        &["folder"],
        Cmd::Folder,
        "folder and a folder's path",
        "save in another folder",
    ),
    w(
        &[Answer],
        &[],
        Cmd::Text,
        "the answer on one line",
        "added after what is already written",
    ),
    w(
        &[Answer],
        &["back", "next"],
        Cmd::Back,
        "Enter alone, or back",
        "leave the answer as it is",
    ),
    w(
        &[AddOwn],
        &[],
        Cmd::Text,
        "your question on one line",
        "then you choose its topic",
    ),
    w(
        &[AddOwn, AddOwnTopic],
        &["back"],
        Cmd::Back,
        "Enter alone, or back",
        "add nothing",
    ),
    w(
        &[AddOwnTopic],
        &[],
        Cmd::Choose,
        "a topic's number",
        "put the question under that topic",
    ),
    w(
        &[AddOwnTopic],
        &["next"],
        Cmd::Next,
        "Enter alone",
        "keep the topic chosen",
    ),
    w(
        &[EndVisit],
        &["yes"],
        Cmd::Yes,
        "yes",
        "end the visit, keeping what was asked and answered",
    ),
    w(&[EndVisit], &["no", "back"], Cmd::No, "no", "keep going"),
    w(
        &[Filter],
        &[],
        Cmd::Choose,
        "a number, or a clinician's name",
        "show the questions for that clinician",
    ),
    w(
        &[Filter],
        &["back"],
        Cmd::Back,
        "back",
        "keep the list as it is",
    ),
    w(
        &[ReportFound],
        &["use", "yes"],
        Cmd::Use,
        "use",
        "use these answers, then check each step",
    ),
    w(
        &[ReportFound],
        &["back", "no"],
        Cmd::Back,
        "back",
        "use nothing and go back to the questions",
    ),
    w(
        EVERYWHERE,
        &["again", "list", "repeat"],
        Cmd::Again,
        "again",
        "say this again",
    ),
    w(
        EVERYWHERE,
        &["help", "?"],
        Cmd::Help,
        "help",
        "what you can type here",
    ),
    w(
        EVERYWHERE,
        &["quit", "exit", "bye"],
        Cmd::Quit,
        "quit",
        "stop; everything is saved",
    ),
];

/// The rows that work here, in the table's order.
pub fn rows(at: Where) -> impl Iterator<Item = &'static Word> {
    TABLE.iter().filter(move |r| r.at.contains(&at))
}

/// The help for where the app is: one line per row.
pub fn help(at: Where) -> Vec<String> {
    let mut out = vec!["You can type:".to_string()];
    out.extend(rows(at).map(|r| format!("{}: {}.", r.usage, r.does)));
    out
}

/// What to say or show after the messages are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// What changed: the new screen if it changed, and the app's status.
    Screen,
    /// The screen again.
    Again,
    /// The help.
    Help,
    /// The plain words for the step.
    Explain,
    /// What saving the export came to.
    Written,
    /// These questions' lines as they are now: (id, the number it had, 0-based).
    Items(Vec<(String, usize)>),
    /// Questions hidden (or shown again): (id, the number it had, 0-based, its words).
    Hid(Vec<(String, usize, String)>),
    /// A question moved: (id, the number it had, 0-based, which way).
    Moved(String, usize, Message),
    /// The list's title and what it holds, not its questions.
    Head,
    /// What was read from the report, or why nothing was.
    Report,
    /// All about this question (by id).
    About(String),
    /// The answer chosen.
    Chose(String),
    /// Say this (nothing was sent).
    Say(String),
}

/// One thing to do for a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// Send this message.
    Send(Message),
    /// Select this question on the list: Home, then Down to where it is when this is done
    /// (a star moves a question up, so "star 1 3" finds the third question by its id).
    Select(String),
}

/// A line translated: what to do, then what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub acts: Vec<Act>,
    pub then: Then,
}

impl Plan {
    fn send(messages: Vec<Message>, then: Then) -> Plan {
        Plan {
            acts: messages.into_iter().map(Act::Send).collect(),
            then,
        }
    }

    fn say(text: impl Into<String>) -> Plan {
        Plan {
            acts: Vec::new(),
            then: Then::Say(text.into()),
        }
    }

    /// The messages this plan sends, with each selection made on `app`'s list as it is now
    /// (for tests, and for a plan that selects nothing).
    pub fn messages(&self, app: &App) -> Vec<Message> {
        self.acts
            .iter()
            .flat_map(|a| match a {
                Act::Send(m) => vec![m.clone()],
                Act::Select(id) => select_id(app, id),
            })
            .collect()
    }
}

/// The messages that select question `id` on the list shown (nothing when it is not there).
pub fn select_id(app: &App, id: &str) -> Vec<Message> {
    match app.checklist().items.iter().position(|i| i.id == id) {
        Some(i) => select(i),
        None => Vec::new(),
    }
}

/// A key for the field being edited.
pub(super) fn key(k: Key) -> Message {
    Message::Input(Input {
        key: k,
        ctrl: false,
        alt: false,
        shift: false,
    })
}

fn repeat(msg: Message, n: usize) -> impl Iterator<Item = Message> {
    std::iter::repeat_n(msg, n)
}

/// Replaces what a one-line field holds with `text`: End, Backspace for each character, then
/// the text as a paste.
fn replace_field(now: &str, text: &str) -> Vec<Message> {
    let mut m = vec![key(Key::End)];
    m.extend(repeat(key(Key::Backspace), now.chars().count()));
    if !text.is_empty() {
        m.push(Message::Paste(text.to_string()));
    }
    m
}

/// The choices offered where the app is, in order (empty where there are none).
pub fn choices(app: &App) -> Vec<String> {
    match (where_(app), &app.screen) {
        (Role, _) => ROLES.iter().map(|s| s.to_string()).collect(),
        (WalkOne | WalkMany, Screen::Walk(s)) => {
            s.step.choices().iter().map(|s| s.to_string()).collect()
        }
        (AddOwnTopic, _) => app.topics().into_iter().map(|(_, t)| t).collect(),
        (Export, _) => Output::ALL.iter().map(|o| o.label().to_string()).collect(),
        (Filter, _) => super::super::popup::filter_choices()
            .into_iter()
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The words of a text, for matching: lower case, apostrophes dropped, split at anything but
/// letters, digits and `+` (so "2+" and "1+" stay themselves).
fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '’'], "")
        .split(|c: char| !(c.is_alphanumeric() || c == '+'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Which choice a typed line means: its number (1 is the first), or words found in exactly
/// one choice (a choice that is exactly the words wins).
pub fn pick(choices: &[String], typed: &str) -> Result<usize, String> {
    let n = choices.len();
    let range = format!("a number from 1 to {n}");
    let number = typed.trim().parse::<usize>().ok();
    if let Some(k) = number.filter(|k| (1..=n).contains(k)) {
        return Ok(k - 1);
    }
    let want = tokens(typed);
    if want.is_empty() {
        return Err(format!("Type {range}."));
    }
    if let Some(i) = choices.iter().position(|c| tokens(c) == want) {
        return Ok(i);
    }
    let fits: Vec<usize> = (0..n)
        .filter(|i| {
            let have = tokens(&choices[*i]);
            want.iter().all(|t| have.contains(t))
        })
        .collect();
    let shown = crate::text::clean_line(typed.trim());
    // Of several, the one that starts with the words typed ("pdf": "PDF, ready to print").
    let leading: Vec<usize> = fits
        .iter()
        .copied()
        .filter(|i| tokens(&choices[*i]).starts_with(&want))
        .collect();
    match (&fits[..], &leading[..]) {
        ([i], _) | (_, [i]) => Ok(*i),
        // A number that is no choice's number nor in any choice's words ("50" is in "50 to 65").
        ([], _) if number.is_some() => Err(format!(
            "There is no choice {}. Type {range}.",
            number.unwrap_or_default()
        )),
        ([], _) => Err(format!(
            "\"{shown}\" is not one of the choices. Type {range}, or help."
        )),
        _ => {
            let numbers: Vec<String> = fits.iter().map(|i| (i + 1).to_string()).collect();
            Err(format!(
                "\"{shown}\" fits more than one choice ({}). Type the number.",
                numbers.join(", ")
            ))
        }
    }
}

/// The numbers after a command (question numbers, 1 is the first), checked against a list of
/// `n`; returned 0-based.
fn numbers(args: &str, n: usize, what: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for a in args.split([' ', ',']).filter(|a| !a.is_empty()) {
        match a.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => out.push(k - 1),
            Ok(k) => {
                return Err(format!(
                    "There is no question {k}: the list has {n}. Type {what} and a number from 1 to {n}."
                ));
            }
            Err(_) => {
                return Err(format!(
                    "\"{}\" is not a question's number. Type {what} and a number, for example {what} 1.",
                    crate::text::clean_line(a)
                ));
            }
        }
    }
    if out.is_empty() {
        return Err(format!(
            "Which question? Type {what} and its number, for example {what} 1."
        ));
    }
    Ok(out)
}

/// Selects the list's question `i` (0-based): Home, then Down `i` times.
fn select(i: usize) -> Vec<Message> {
    let mut m = vec![Message::Home];
    m.extend(repeat(Message::Down, i));
    m
}

/// The messages for choice `i` where the app is.
fn choose(app: &App, i: usize) -> Plan {
    let label = choices(app).get(i).cloned().unwrap_or_default();
    match (where_(app), &app.screen, &app.popup) {
        (Role, ..) => Plan::send(
            vec![
                if i == 0 { Message::Up } else { Message::Down },
                Message::Enter,
            ],
            Then::Chose(label),
        ),
        (WalkOne, ..) => {
            let mut m = select(i);
            m.push(Message::Enter);
            Plan::send(m, Then::Chose(label))
        }
        (AddOwnTopic, _, Some(Popup::AddOwn { topic, .. })) => {
            let mut m: Vec<Message> = repeat(Message::Up, *topic).collect();
            m.extend(repeat(Message::Down, i));
            m.push(Message::Enter);
            Plan::send(m, Then::Screen)
        }
        (Export, Screen::Export(s), _) => Plan::send(format(s, i), Then::Chose(label)),
        (Filter, ..) => Plan::send(filter_choice(i), Then::Again),
        _ => Plan::say("There is nothing to choose here."),
    }
}

/// In the clinician filter: choice `i` (0 is everyone), from the first (Up past any
/// cursor), then Enter.
fn filter_choice(i: usize) -> Vec<Message> {
    let n = super::super::popup::filter_choices().len();
    let mut m: Vec<Message> = repeat(Message::Up, n).collect();
    m.extend(repeat(Message::Down, i));
    m.push(Message::Enter);
    m
}

/// Which of the clinician filter's choices a typed line means ("all" and "everyone" are
/// the first).
fn filter_pick(typed: &str) -> Result<usize, String> {
    let t = typed.trim().to_lowercase();
    if ["all", "everyone", "everybody", "anyone"].contains(&t.as_str()) {
        return Ok(0);
    }
    let labels: Vec<String> = super::super::popup::filter_choices()
        .into_iter()
        .map(str::to_string)
        .collect();
    pick(&labels, typed).map_err(|e| format!("{e} Type for alone to hear the choices."))
}

/// On the export screen: the format `i` of `Output::ALL` (to the first line, then Right).
fn format(s: &super::super::export::ExportState, i: usize) -> Vec<Message> {
    let n = Output::ALL.len();
    let now = Output::ALL
        .iter()
        .position(|o| *o == s.form.output)
        .unwrap_or(0);
    let mut m: Vec<Message> = repeat(Message::Up, s.form.row).collect();
    m.extend(repeat(Message::Right, (i + n - now) % n));
    m
}

/// On the export screen: to line `row` of the form.
fn to_row(s: &super::super::export::ExportState, row: usize) -> Vec<Message> {
    let mut m: Vec<Message> = repeat(Message::Up, s.form.row).collect();
    m.extend(repeat(Message::Down, row));
    m
}

/// The text typed into the field where the app is.
fn text(app: &App, line: &str) -> Plan {
    let typed = super::super::keys::pasted(line.trim());
    match (&app.screen, &app.popup) {
        (_, Some(Popup::Answer { field, .. })) => {
            if typed.is_empty() {
                return Plan::send(vec![Message::Back], Then::Screen);
            }
            let mut m = Vec::new();
            if !field.lines().join("").trim().is_empty() {
                // After what is written, on a line of its own.
                m.push(Message::Enter);
            }
            m.push(Message::Paste(typed));
            m.push(Message::Back);
            Plan::send(m, Then::Screen)
        }
        (_, Some(Popup::AddOwn { field, .. })) => {
            if typed.is_empty() {
                return Plan::send(vec![Message::Back], Then::Say("Nothing added.".into()));
            }
            let mut m = replace_field(&field.lines().join(""), &typed);
            m.push(Message::Tab);
            Plan::send(m, Then::Screen)
        }
        (Screen::Welcome(s), None) => {
            let mut m = if typed.is_empty() {
                Vec::new()
            } else {
                replace_field(&s.name.lines().join(""), &typed)
            };
            m.push(Message::Enter);
            Plan::send(m, Then::Screen)
        }
        (Screen::Walk(s), None) => {
            // Enter alone keeps the saved date (not a wrong one typed before).
            let typed = if typed.is_empty() {
                app.profile
                    .appointment
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            } else {
                typed
            };
            let mut m = replace_field(&s.date.lines().join(""), &typed);
            m.push(Message::Enter);
            Plan::send(m, Then::Screen)
        }
        _ => Plan::say("There is nothing to type here."),
    }
}

/// Translates one typed line into messages for where the app is.
pub fn translate(app: &App, line: &str) -> Plan {
    let at = where_(app);
    let line = line.trim();
    let (first, rest) = match line.split_once(char::is_whitespace) {
        Some((f, r)) => (f, r.trim()),
        None => (line, ""),
    };
    let first = first.to_lowercase();
    let row = rows(at).find(|r| r.words.contains(&first.as_str()));
    // In a text field only a command alone is a command ("back", "help"): anything longer is
    // the text.
    let texting = rows(at).any(|r| r.cmd == Cmd::Text);
    let row = row.filter(|_| !texting || rest.is_empty());
    let Some(row) = row else {
        if texting {
            return text(app, line);
        }
        if line.is_empty() {
            return match rows(at).find(|r| r.cmd == Cmd::Next) {
                Some(_) => plan(app, Cmd::Next, ""),
                None => Plan::say(""),
            };
        }
        if at == List && line.parse::<usize>().is_ok() {
            return plan(app, Cmd::About, line);
        }
        if rows(at).any(|r| r.cmd == Cmd::Choose) {
            return if at == WalkMany {
                plan(app, Cmd::Choose, line)
            } else {
                match pick(&choices(app), line) {
                    Ok(i) => choose(app, i),
                    Err(e) => Plan::say(e),
                }
            };
        }
        return Plan::say(format!(
            "I did not understand \"{}\". Type help to hear what you can type here.",
            crate::text::clean_line(line)
        ));
    };
    plan(app, row.cmd, rest)
}

/// The messages for a command with what followed it.
fn plan(app: &App, cmd: Cmd, args: &str) -> Plan {
    let at = where_(app);
    let list = || app.checklist();
    match cmd {
        Cmd::Help => Plan::send(Vec::new(), Then::Help),
        Cmd::Again => Plan::send(Vec::new(), Then::Again),
        Cmd::Explain => Plan::send(Vec::new(), Then::Explain),
        Cmd::Quit => Plan::send(vec![Message::Quit], Then::Screen),
        // Back from what was read: past the paste box (the plain mode has none) to the
        // walk-through.
        Cmd::Back if at == ReportFound => {
            Plan::send(vec![Message::Back, Message::Back], Then::Screen)
        }
        Cmd::Back if at == List => Plan::send(vec![Message::Back], Then::Again),
        Cmd::Back | Cmd::No => Plan::send(vec![Message::Back], Then::Screen),
        Cmd::Yes => Plan::send(vec![Message::Enter], Then::Screen),
        Cmd::Save => Plan::send(vec![Message::Enter], Then::Written),
        Cmd::Next => match (at, &app.screen) {
            (Name | WalkDate | Answer | AddOwn, _) => text(app, ""),
            (WalkOne, Screen::Walk(s)) => {
                let label = choices(app).get(s.cursor).cloned().unwrap_or_default();
                Plan::send(vec![Message::Enter], Then::Chose(label))
            }
            _ => Plan::send(vec![Message::Enter], Then::Screen),
        },
        Cmd::Text => text(app, args),
        Cmd::Choose if at == WalkMany => {
            let Screen::Walk(s) = &app.screen else {
                return Plan::say("There is nothing to tick here.");
            };
            let all = choices(app);
            let mut m = Vec::new();
            for part in args.split([' ', ',']).filter(|p| !p.is_empty()) {
                let i = match pick(&all, part) {
                    Ok(i) => i,
                    Err(e) => return Plan::say(e),
                };
                m.extend(select(i));
                if s.step.clears(i) {
                    // "None of these" or "not sure": chosen with Enter, which goes on.
                    m.push(Message::Enter);
                    return Plan::send(m, Then::Chose(all[i].clone()));
                }
                m.push(Message::Toggle);
            }
            Plan::send(m, Then::Again)
        }
        Cmd::Choose => match pick(&choices(app), args) {
            Ok(i) => choose(app, i),
            Err(e) => Plan::say(e),
        },
        Cmd::Clear if at == WalkDate => {
            let Screen::Walk(s) = &app.screen else {
                return Plan::say("");
            };
            let mut m = replace_field(&s.date.lines().join(""), "");
            m.push(Message::Enter);
            Plan::send(m, Then::Screen)
        }
        Cmd::Tick | Cmd::Star | Cmd::About | Cmd::Answer | Cmd::Clear => {
            let list = list();
            let word = rows(at)
                .find(|r| r.cmd == cmd)
                .and_then(|r| r.words.first())
                .copied()
                .unwrap_or("about");
            let (nums, words) = match cmd {
                // The answer's words may follow its number.
                Cmd::Answer => match args.split_once(char::is_whitespace) {
                    Some((n, t)) => (n, t.trim()),
                    None => (args, ""),
                },
                _ => (args, ""),
            };
            let picked = match numbers(nums, list.items.len(), word) {
                Ok(p) => p,
                Err(e) => return Plan::say(e),
            };
            let ids: Vec<String> = picked.iter().map(|i| list.items[*i].id.clone()).collect();
            let mut acts = Vec::new();
            let send = |acts: &mut Vec<Act>, m: Message| acts.push(Act::Send(m));
            let id = ids[0].clone();
            let then = match cmd {
                Cmd::Tick | Cmd::Star => {
                    for id in &ids {
                        acts.push(Act::Select(id.clone()));
                        send(
                            &mut acts,
                            if cmd == Cmd::Tick {
                                Message::Toggle
                            } else {
                                Message::Star
                            },
                        );
                    }
                    Then::Items(ids.into_iter().zip(picked).collect())
                }
                Cmd::About => {
                    acts.push(Act::Select(id.clone()));
                    Then::About(id)
                }
                Cmd::Clear => {
                    let answer = &list.items[picked[0]].state.answer;
                    acts.push(Act::Select(id.clone()));
                    send(&mut acts, Message::Enter);
                    // The answer window opens with the cursor after the last character.
                    for _ in 0..answer.chars().count() {
                        send(&mut acts, key(Key::Backspace));
                    }
                    send(&mut acts, Message::Back);
                    Then::Items(vec![(id, picked[0])])
                }
                _ => {
                    acts.push(Act::Select(id.clone()));
                    send(&mut acts, Message::Enter);
                    let typed = super::super::keys::pasted(words);
                    if typed.is_empty() {
                        Then::Screen
                    } else {
                        if !list.items[picked[0]].state.answer.trim().is_empty() {
                            send(&mut acts, Message::Enter);
                        }
                        send(&mut acts, Message::Paste(typed));
                        send(&mut acts, Message::Back);
                        Then::Items(vec![(id, picked[0])])
                    }
                }
            };
            Plan { acts, then }
        }
        Cmd::Add => {
            let mut m = vec![Message::Add];
            let typed = super::super::keys::pasted(args);
            if !typed.is_empty() {
                m.push(Message::Paste(typed));
                m.push(Message::Tab);
            }
            Plan::send(m, Then::Screen)
        }
        Cmd::Export => {
            let mut m = vec![Message::Export];
            if !args.is_empty() {
                let labels: Vec<String> = Output::ALL
                    .iter()
                    .map(|o| format!("{} {}", o.label(), o.extension()))
                    .collect();
                let i = match pick(&labels, args) {
                    Ok(i) => i,
                    Err(e) => return Plan::say(e),
                };
                // The form opens on its first line, the format, showing the web page.
                let s = super::super::export::ExportForm::new(None);
                let now = Output::ALL.iter().position(|o| *o == s.output).unwrap_or(0);
                let n = Output::ALL.len();
                m.extend(repeat(Message::Right, (i + n - now) % n));
                m.push(Message::Enter);
            }
            Plan::send(m, Then::Screen)
        }
        Cmd::Large | Cmd::HowMany | Cmd::Folder => {
            let Screen::Export(s) = &app.screen else {
                return Plan::say("");
            };
            let mut m = match cmd {
                Cmd::Large => to_row(s, export_row::LARGE),
                Cmd::HowMany => to_row(s, export_row::HOW_MANY),
                _ => to_row(s, export_row::FOLDER),
            };
            match cmd {
                Cmd::Large => m.push(Message::Toggle),
                Cmd::HowMany => m.push(Message::Right),
                _ => {
                    let typed = super::super::keys::pasted(args);
                    if typed.is_empty() {
                        return Plan::say(
                            "Type folder and the folder's path, for example folder /media/usb.",
                        );
                    }
                    m.extend(replace_field(&s.form.folder_text(), &typed));
                    m.push(Message::Down);
                }
            }
            Plan::send(m, Then::Again)
        }
        Cmd::Size => Plan::send(vec![Message::Top], Then::Head),
        Cmd::All => Plan::send(vec![Message::AllQuestions], Then::Head),
        Cmd::Hidden => Plan::send(vec![Message::ShowHidden], Then::Head),
        Cmd::Past => Plan::send(vec![Message::PastVisits], Then::Screen),
        Cmd::For if args.is_empty() => Plan::send(vec![Message::Filter], Then::Screen),
        Cmd::For => match filter_pick(args) {
            Ok(i) => {
                let mut m = vec![Message::Filter];
                m.extend(filter_choice(i));
                Plan::send(m, Then::Again)
            }
            Err(e) => Plan::say(e),
        },
        Cmd::Find => {
            let typed = super::super::keys::pasted(args);
            let mut m = vec![Message::Search];
            if typed.trim().is_empty() {
                // Esc in the search field clears the search.
                m.push(Message::Back);
            } else {
                let now = app.screen.list_state().map_or("", |s| s.query.as_str());
                m.extend(replace_field(now, &typed));
                m.push(Message::Enter);
            }
            Plan::send(m, Then::Again)
        }
        Cmd::Hide | Cmd::Move => {
            let list = list();
            let word = if cmd == Cmd::Hide { "hide" } else { "move" };
            let mut way = None;
            let mut nums = Vec::new();
            for part in args.split([' ', ',']).filter(|p| !p.is_empty()) {
                match part.to_lowercase().as_str() {
                    "up" | "higher" => way = Some(Message::MoveUp),
                    "down" | "lower" => way = Some(Message::MoveDown),
                    "top" | "first" => way = Some(Message::MoveTop),
                    _ => nums.push(part),
                }
            }
            let picked = numbers(&nums.join(" "), list.items.len(), word);
            if cmd == Cmd::Move {
                let (Some(way), Ok([i])) = (way, picked.as_deref()) else {
                    let why = match &picked {
                        Err(e) if !nums.is_empty() => format!("{e} "),
                        _ => String::new(),
                    };
                    return Plan::say(format!(
                        "{why}Type move, one question's number and up, down or top, for example move 3 up."
                    ));
                };
                let id = list.items[*i].id.clone();
                return Plan {
                    acts: vec![Act::Select(id.clone()), Act::Send(way.clone())],
                    then: Then::Moved(id, *i, way),
                };
            }
            let picked = match picked {
                Ok(p) => p,
                Err(e) => return Plan::say(e),
            };
            let mut acts = Vec::new();
            let mut hid = Vec::new();
            for i in picked {
                let item = &list.items[i];
                acts.push(Act::Select(item.id.clone()));
                acts.push(Act::Send(Message::Hide));
                hid.push((item.id.clone(), i, item.text.clone()));
            }
            Plan {
                acts,
                then: Then::Hid(hid),
            }
        }
        Cmd::Report => {
            let first = matches!(&app.screen, Screen::Walk(s) if s.step == super::super::steps::ALL[0]);
            if !first {
                return Plan::say(
                    "The report is read on the first step of these questions. Type back until Step 1, then report and the file's path.",
                );
            }
            let typed = super::super::keys::pasted(args);
            if typed.trim().is_empty() {
                return Plan::say(
                    "Type report and the path of the report's file, for example report ~/Downloads/report.pdf.",
                );
            }
            // The box reads a line as a file's path when it looks like one; a bare name is
            // made one, so that it is never read as the report's own text.
            let path = match super::super::report::as_path(&typed) {
                Some(_) => typed,
                None => format!("./{}", typed.trim()),
            };
            // The box, the path pasted into it, then its Read it button.
            Plan::send(
                vec![
                    Message::FromReport,
                    Message::Paste(path),
                    Message::Tab,
                    Message::Enter,
                ],
                Then::Report,
            )
        }
        Cmd::Use => match &app.screen {
            Screen::Report(s) if s.found.as_ref().is_some_and(|r| r.findings.is_empty()) => {
                Plan::send(
                    vec![Message::Back, Message::Back],
                    Then::Say(
                        "Nothing was found to use. Type report and another file's path to try again, or answer the questions one by one.".into(),
                    ),
                )
            }
            _ => Plan::send(vec![Message::Enter], Then::Screen),
        },
        Cmd::Visit => Plan::send(vec![Message::Visit], Then::Screen),
        Cmd::Results => Plan::send(vec![Message::Results], Then::Screen),
        Cmd::Walk => Plan::send(vec![Message::Walk], Then::Screen),
    }
}

/// The word that does what `msg` does (the plain mode's name for a key, for what the app
/// says: "Type visit"), from the table; a word that needs a question's number says so.
pub fn word_for(app: &App, msg: &Message) -> String {
    let at = where_(app);
    let cmd = match msg {
        Message::Visit => Cmd::Visit,
        Message::Walk => Cmd::Walk,
        Message::Export | Message::Print => Cmd::Export,
        Message::Results => Cmd::Results,
        Message::Help => Cmd::Help,
        Message::Quit => Cmd::Quit,
        Message::Add => Cmd::Add,
        Message::Toggle => Cmd::Tick,
        Message::Star => Cmd::Star,
        Message::Hide => Cmd::Hide,
        Message::ShowHidden => Cmd::Hidden,
        Message::MoveUp | Message::MoveDown | Message::MoveTop => Cmd::Move,
        Message::Top => Cmd::Size,
        Message::AllQuestions => Cmd::All,
        Message::Filter => Cmd::For,
        Message::Search => Cmd::Find,
        Message::PastVisits => Cmd::Past,
        Message::FromReport => Cmd::Report,
        Message::Enter => match at {
            ReportFound => Cmd::Use,
            EndVisit => Cmd::Yes,
            // On the list (and while a screen's update runs: the app then holds a
            // placeholder, and only the list's own notes name Enter) it writes the answer.
            _ => Cmd::Answer,
        },
        _ => Cmd::Back,
    };
    let row = rows(at)
        .find(|r| r.cmd == cmd)
        .or_else(|| TABLE.iter().find(|r| r.cmd == cmd));
    let word = row.and_then(|r| r.words.first()).copied().unwrap_or("help");
    match cmd {
        Cmd::Tick | Cmd::Star | Cmd::Answer | Cmd::Hide | Cmd::Move => {
            format!("{word} and the question's number")
        }
        Cmd::Report => format!("{word} and the file's path"),
        _ => word.to_string(),
    }
}
