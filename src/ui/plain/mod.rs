//! The plain mode (`her2prep --plain`, and when `TERM=dumb` or the input or output is not a
//! terminal): the same walk-through and checklist as numbered prompts on plain lines, for a
//! screen reader or a limited terminal. No full-screen drawing, no colour, one question at a
//! time, answers by number or word.
//!
//! Each line typed is translated (`words`) into the messages the full-screen keys send, and
//! those go through the same [`dispatch`] (the same `update`, the same saving and exporting);
//! what the screen shows is said as plain lines (`say`). Nothing here changes the data or
//! writes a file itself. The end of the input (Ctrl+D, a pipe that closes) quits, saved.

pub mod say;
pub mod words;

use std::io::{BufRead, IsTerminal, Write};

use crate::bank::Bank;

use super::app::{App, Kind, Message, Screen};
use super::popup::Popup;
use super::runtime::{dispatch, flush};
use super::terminal::{Mode, Started, farewell, keep, start};
use words::{Then, Where, where_};

/// True when the app should run in plain mode: asked for, a terminal that says it can't draw
/// (`TERM=dumb`, as Emacs' shell sets it), or input or output that is not a terminal (a pipe,
/// a file): the full-screen app can't run there and lines can.
pub fn wanted(
    flag: bool,
    term: Option<&std::ffi::OsStr>,
    stdin_tty: bool,
    stdout_tty: bool,
) -> bool {
    flag || term.is_some_and(|t| t == "dumb") || !stdin_tty || !stdout_tty
}

/// Whether this run should be plain, from the flag and the environment.
pub fn wanted_here(flag: bool) -> bool {
    wanted(
        flag,
        std::env::var_os("TERM").as_deref(),
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    )
}

/// Runs the plain mode on stdin and stdout until the person quits or the input ends. Takes
/// the data folder's lock and saves on an ending signal, as the full-screen app does.
pub fn run(bank: Bank) -> Result<(), String> {
    // Held until the end: the lock is let go when `started` is dropped.
    let mut started: Started = start(bank, Mode::Plain)?;
    let snapshot = std::sync::Arc::clone(&started.snapshot);
    let app = &mut started.app;
    let stdin = std::io::stdin();
    // Typed at a terminal, the Enter that ends a line is echoed; from a pipe it is not, so a
    // line break is written after each line read to keep every prompt on its own line.
    let echo = !stdin.is_terminal();
    session(app, stdin.lock(), std::io::stdout().lock(), echo, |app| {
        keep(&snapshot, app)
    });
    flush(app);
    keep(&snapshot, app);
    farewell(app, true);
    Ok(())
}

/// Where the app is, for noticing what changed: the screen, the step, the popup.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    at: Where,
    kind: Kind,
    step: Option<super::steps::Step>,
}

impl Place {
    fn of(app: &App) -> Place {
        Place {
            at: where_(app),
            kind: app.screen.kind(),
            step: match &app.screen {
                Screen::Walk(s) => Some(s.step),
                _ => None,
            },
        }
    }
}

/// The status line's words, to say it when this line changed it.
fn status_text(app: &App) -> Option<String> {
    app.status.as_ref().map(|s| s.text().to_string())
}

/// The prompt: what is asked, ending in "> ".
fn prompt(app: &App) -> String {
    let n = words::choices(app).len();
    let ask = match where_(app) {
        Where::Role => "1 or 2".to_string(),
        Where::Name => "Name".into(),
        Where::WalkOne => format!("Answer 1 to {n}"),
        Where::WalkMany => "Numbers to tick".into(),
        Where::WalkDate => "Date".into(),
        Where::Results => "next or back".into(),
        Where::List => "List".into(),
        Where::Past => "Past visits".into(),
        Where::Export => "Export".into(),
        Where::Answer => "Answer".into(),
        Where::AddOwn => "Your question".into(),
        Where::AddOwnTopic => format!("Topic 1 to {n}"),
        Where::EndVisit => "yes or no".into(),
        Where::Filter => format!("For whom, 1 to {n}"),
        Where::ReportFound => "use or back".into(),
        Where::OtherPopup => "Enter".into(),
    };
    format!("{ask}> ")
}

/// Writes lines; false when the output is gone (its reader stopped).
fn say<W: Write>(out: &mut W, lines: &[String]) -> bool {
    for l in lines {
        if writeln!(out, "{l}").is_err() {
            return false;
        }
    }
    out.flush().is_ok()
}

/// The plain mode's conversation on `input` and `out`, until the person quits or the input
/// ends (then it quits, saved). `echo` writes a line break after each line read (for input
/// that is not echoed by a terminal); `keep` is told of every change (the signal thread's
/// copy).
pub fn session<R: BufRead, W: Write>(
    app: &mut App,
    mut input: R,
    mut out: W,
    echo: bool,
    mut keep: impl FnMut(&App),
) {
    app.plain = true;
    let mut opening = vec![
        "her2prep, plain mode. Type help at any prompt to hear what you can type there, and quit to stop. Everything is saved as you go."
            .to_string(),
    ];
    opening.extend(app.notices.iter().map(|n| crate::text::clean_line(n)));
    if !app.notices.is_empty() {
        // Said once here; Esc dismisses them in the full-screen app.
        dispatch(app, Message::Back);
    }
    if let Some(s) = &app.status {
        opening.push(crate::text::clean_line(s.text()));
    }
    opening.extend(say::screen(app));
    if !say(&mut out, &opening) {
        return end(app, &mut keep);
    }
    let mut buf = Vec::new();
    while !app.quit {
        if where_(app) == Where::OtherPopup {
            dispatch(app, Message::Back);
            continue;
        }
        if write!(out, "{}", prompt(app)).is_err() || out.flush().is_err() {
            return end(app, &mut keep);
        }
        buf.clear();
        let read = input.read_until(b'\n', &mut buf);
        if echo || !matches!(read, Ok(n) if n > 0) {
            let _ = writeln!(out);
        }
        if !matches!(read, Ok(n) if n > 0) {
            // Ctrl+D, or the pipe closed (or could not be read): quit, everything saved.
            return end(app, &mut keep);
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        let lines = answer(app, line);
        keep(app);
        if !say(&mut out, &lines) {
            return end(app, &mut keep);
        }
    }
}

/// Quits (saved); a second request closes even if the save failed, as there is no more
/// input to ask.
fn end(app: &mut App, keep: &mut impl FnMut(&App)) {
    if !app.quit {
        dispatch(app, Message::Quit);
    }
    if !app.quit {
        dispatch(app, Message::Quit);
    }
    keep(app);
}

/// Handles one typed line: its messages sent, then what to say about it.
pub fn answer(app: &mut App, line: &str) -> Vec<String> {
    let before = Place::of(app);
    let status_before = status_text(app);
    let plan = words::translate(app, line);
    let sent = !plan.acts.is_empty();
    for act in &plan.acts {
        let messages = match act {
            words::Act::Send(m) => vec![m.clone()],
            words::Act::Select(id) => words::select_id(app, id),
        };
        for m in messages {
            dispatch(app, m);
            if app.quit {
                return Vec::new();
            }
        }
    }
    // Typing is saved at once (the full-screen app waits for a pause in the keys).
    flush(app);
    if app.quit {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Then::Chose(label) = &plan.then {
        out.push(format!("Chosen: {}.", crate::text::clean_line(label)));
    }
    let now = Place::of(app);
    // An error is cleared by any key typed into its field, so one shown now is this line's.
    if sent
        && let Some(Popup::AddOwn {
            error: Some(e),
            on_topic,
            ..
        }) = &app.popup
    {
        out.push(crate::text::clean_line(e));
        // Back to the question's words, to type them again.
        if *on_topic {
            dispatch(app, Message::Tab);
        }
        return out;
    }
    let from_popup = matches!(
        before.at,
        Where::Answer | Where::AddOwn | Where::AddOwnTopic | Where::EndVisit
    );
    match &plan.then {
        Then::Help => out.extend(words::help(now.at)),
        Then::Again => out.extend(say::screen(app)),
        Then::Explain => out.extend(say::explain(app)),
        Then::Written => {
            if let Screen::Export(s) = &app.screen {
                out.extend(say::written(s));
            }
        }
        Then::Items(ids) => {
            let list = app.checklist();
            for (id, was) in ids {
                if let Some(i) = list.items.iter().position(|x| x.id == *id) {
                    let line = say::item_line(&list.items[i], i + 1);
                    if i == *was {
                        out.push(line);
                    } else {
                        // A star moves a question up: say where it went.
                        out.push(format!("Question {} is now number {line}", was + 1));
                    }
                }
            }
        }
        Then::Hid(hid) => {
            let list = app.checklist();
            let mut gone = 0;
            for (id, was, text) in hid {
                match list.items.iter().position(|x| x.id == *id) {
                    // Hidden ones are shown: it is still there, marked (or shown again).
                    Some(i) => out.push(say::item_line(&list.items[i], i + 1)),
                    None => {
                        gone += 1;
                        out.push(format!(
                            "Question {} is hidden: {}",
                            was + 1,
                            crate::text::clean_line(text)
                        ));
                    }
                }
            }
            match gone {
                0 => {}
                1 => out.push("The questions after it now have numbers one lower.".into()),
                _ => out.push("The questions after them now have lower numbers.".into()),
            }
        }
        Then::Moved(id, was, way) => {
            let list = app.checklist();
            if let Some(i) = list.items.iter().position(|x| x.id == *id) {
                let line = say::item_line(&list.items[i], i + 1);
                if i == *was {
                    let edge = if *way == Message::MoveDown {
                        "last"
                    } else {
                        "first"
                    };
                    out.push(format!(
                        "Question {} stays where it is: it is already the {edge} of its topic, {}, and a question moves only within its topic.",
                        was + 1,
                        crate::text::clean_line(&list.items[i].topic_title)
                    ));
                } else {
                    out.push(format!("Question {} is now number {line}", was + 1));
                }
            }
        }
        Then::Head => {
            out.extend(say::list_head(app));
            out.push("Type list to hear the questions.".into());
        }
        Then::Report => match &app.screen {
            Screen::Report(s) if s.found.is_some() => out.extend(say::screen(app)),
            Screen::Report(s) => {
                // Not read (no such file, not a report's text): said, and the loop goes back
                // to the walk-through's question.
                if let Some(e) = &s.error {
                    out.push(crate::text::clean_line(e));
                }
                out.push(
                    "Type report and the file's path to try again, or answer the question.".into(),
                );
            }
            _ => out.extend(say::screen(app)),
        },
        Then::About(id) => {
            let list = app.checklist();
            if let Some(i) = list.items.iter().position(|x| x.id == *id) {
                out.extend(say::about(app, i));
            }
        }
        Then::Say(s) => {
            if !s.is_empty() {
                out.push(s.clone());
            }
        }
        Then::Screen | Then::Chose(_) => {
            if now == before {
            } else if from_popup && now.at == Where::List && now.kind == before.kind {
                // Back on the list from writing: the question it was about, not the whole list.
                if let Some(s) = app.screen.list_state() {
                    let list = app.checklist();
                    if let Some(item) = list.items.get(s.selected) {
                        out.push(say::item_line(item, s.selected + 1));
                    }
                }
            } else if now.at == Where::List && matches!(before.kind, Kind::Export | Kind::Past) {
                // Back from saving a copy: the list is as it was, so not read out again.
                out.extend(say::list_head(app));
                out.push("Type list to hear the questions again.".into());
            } else {
                out.extend(say::screen(app));
            }
        }
    }
    if sent
        && now == before
        && let Screen::Walk(w) = &app.screen
        && let Some(e) = &w.date_error
    {
        out.push(crate::text::clean_line(e));
    }
    if let Some(status) = &app.status {
        let text = crate::text::clean_line(status.text());
        // A passing note was set by this line (any key clears it first).
        let new = if status.is_passing() {
            sent
        } else {
            status_text(app) != status_before
        };
        if new {
            out.push(text);
        }
    }
    out
}

#[cfg(test)]
mod tests;
