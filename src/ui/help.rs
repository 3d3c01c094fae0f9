//! The keys: the footer line of the current context, and the help window (`?`) listing every
//! key of the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Kind, Screen};
use super::export::export_row;
use super::popup::Popup;
use super::steps::Step;
use super::view::{Hint, heading, popup_box};
use super::welcome::WelcomeFocus;

/// Every key of the current screen (or popup), with what it does.
pub fn keys(app: &App) -> Vec<Hint> {
    match &app.popup {
        Some(Popup::Help) => return vec![("Esc", "close this help"), ("q", "quit")],
        Some(Popup::Answer { .. }) => {
            return vec![
                ("type", "the answer (saved as you type)"),
                ("Enter", "new line"),
                ("arrows", "move in the text"),
                ("Ctrl+U", "undo"),
                ("Esc", "done"),
            ];
        }
        Some(Popup::AddOwn { .. }) => {
            return vec![
                ("type", "your question"),
                ("Tab", "question / topic"),
                ("Up/Down", "choose the topic"),
                ("Enter", "add it"),
                ("Esc", "cancel"),
            ];
        }
        Some(Popup::Filter { .. }) => {
            return vec![("Up/Down", "choose"), ("Enter", "show"), ("Esc", "cancel")];
        }
        Some(Popup::EndVisit { .. }) => {
            return vec![("Enter", "end the visit"), ("Esc", "keep going")];
        }
        None => {}
    }
    if app.screen.list_state().is_some_and(|s| s.search.is_some()) {
        return vec![
            ("type", "a word to look for"),
            ("Enter", "keep the search"),
            ("Esc", "clear it"),
        ];
    }
    match &app.screen {
        Screen::Welcome(s) if s.focus == WelcomeFocus::Name => vec![
            ("type", "a first name, or nothing"),
            ("Enter", "start"),
            ("Esc", "back"),
        ],
        Screen::Welcome(_) => vec![
            ("Up/Down", "choose"),
            ("Enter", "next"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Walk(s) if s.step == Step::Date => {
            vec![("type", "the date"), ("Enter", "next"), ("Esc", "back")]
        }
        Screen::Walk(s) if s.step.is_multiple() => vec![
            ("Up/Down", "move"),
            ("Space", "tick or untick"),
            ("Enter", "next"),
            ("Esc", "back"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Walk(_) => vec![
            ("Up/Down", "choose"),
            ("Enter", "next"),
            ("Esc", "back (answers are kept)"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Results(_) => vec![
            ("Enter", "see my questions"),
            ("Up/Down", "scroll"),
            ("Esc", "back to the answers"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Checklist(_) | Screen::Visit(_) => {
            let visit = app.screen.kind() == Kind::Visit;
            vec![
                ("Up/Down", "move"),
                ("Space", "tick"),
                ("Enter", "answer"),
                ("a", "add"),
                ("s", "star"),
                ("h", "hide"),
                ("K/J", "move item"),
                ("t", "top"),
                ("f", "for whom"),
                ("/", "search"),
                ("v", if visit { "end visit" } else { "visit" }),
                ("e", "print"),
                ("w", "answers"),
                ("r", "results"),
                ("p", "past visits"),
                ("H", "show hidden"),
                ("Tab", "panel"),
                ("?", "all keys"),
                ("q", "quit"),
            ]
        }
        Screen::Past(_) => vec![
            ("Up/Down", "choose a visit"),
            ("PgUp/PgDn", "scroll"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
        Screen::Export(s) if s.form.row == export_row::FOLDER => vec![
            ("type", "the folder to save in"),
            ("Up/Down", "choose a line"),
            ("Enter", "save the file"),
            ("Esc", "back"),
        ],
        Screen::Export(_) => vec![
            ("Up/Down", "choose a line"),
            ("Left/Right/Space", "change"),
            ("Enter", "save the file"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
    }
}

/// The footer: the keys of the current context (the checklist's most used ones).
pub fn footer(app: &App) -> Vec<Hint> {
    let mut k = keys(app);
    if app.popup.is_none() && app.screen.list_state().is_some_and(|s| s.search.is_none()) {
        k.retain(|(key, _)| !matches!(*key, "Up/Down" | "p" | "H" | "Tab" | "r"));
    }
    k
}

/// Longer descriptions of the list keys for the help window.
const LIST_EXTRA: &[Hint] = &[
    ("Shift+↑/↓", "also move an item"),
    ("Esc", "clear search and cuts"),
    ("mouse", "click; wheel scrolls"),
];

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let mut all = screen_only(app);
    if app.screen.list_state().is_some() {
        all.extend_from_slice(LIST_EXTRA);
    }
    all.push(("Ctrl+C", "quit (all is saved)"));
    let two = all.len() as u16 + 4 > area.height;
    let rows = if two {
        all.len().div_ceil(2)
    } else {
        all.len()
    };
    let width = if two { 78 } else { 64 };
    let inner = popup_box(frame, area, width, rows as u16 + 4, "Keys on this screen");
    let col_w = if two { inner.width / 2 } else { inner.width };
    for (c, chunk) in all.chunks(rows.max(1)).enumerate() {
        let w = chunk
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            + 2;
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(k, what)| {
                Line::from(vec![
                    Span::styled(format!("{k:<w$}"), heading()),
                    Span::raw(*what),
                ])
            })
            .collect();
        let r = Rect::new(inner.x + col_w * c as u16, inner.y, col_w, rows as u16);
        frame.render_widget(Paragraph::new(lines), r);
    }
    frame.render_widget(
        Paragraph::new("Everything is saved as you go. Press Esc to close."),
        Rect::new(inner.x, inner.y + rows as u16 + 1, inner.width, 1),
    );
}

/// The keys of the current screen, ignoring any popup.
pub fn screen_only(app: &App) -> Vec<Hint> {
    let list = [
        ("Up/Down j/k", "move"),
        ("Space", "tick as asked"),
        ("Enter", "write the answer"),
        ("a", "add my own question"),
        ("s", "star"),
        ("h / H", "hide / show hidden"),
        ("K/J", "move item up/down in its topic"),
        ("T", "move item to the top of its topic"),
        ("t", "top questions or all"),
        ("f", "for one clinician"),
        ("/", "search"),
        ("v", "start / end a visit"),
        ("e", "print or export"),
        ("w", "change my answers"),
        ("r", "results, plain words"),
        ("p", "past visits"),
        ("Tab", "list or panel"),
        ("?", "this help"),
        ("q", "quit"),
    ];
    match app.screen.kind() {
        Kind::Checklist | Kind::Visit => list.to_vec(),
        Kind::Welcome => vec![
            ("Up/Down", "choose patient or caregiver"),
            ("Enter", "next; in the name field, start"),
            ("Tab/Esc", "between the choice and the name"),
            ("q", "quit (not while typing the name)"),
        ],
        Kind::Walk => vec![
            ("Up/Down, j/k", "choose an answer"),
            ("Enter", "keep it and go on"),
            ("Space", "tick (where several can be ticked)"),
            ("Esc", "back to the previous question (answers are kept)"),
            ("PgUp/PgDn", "scroll the plain-words panel"),
            ("mouse", "click an answer"),
            ("q", "quit (answers are saved)"),
        ],
        Kind::Results => vec![
            ("Enter", "see my questions"),
            ("Up/Down", "scroll"),
            ("Esc", "back to the answers"),
            ("q", "quit"),
        ],
        Kind::Past => vec![
            ("Up/Down", "choose a visit"),
            ("PgUp/PgDn", "scroll"),
            ("Esc", "back"),
            ("q", "quit"),
        ],
        Kind::Export => vec![
            ("Up/Down, Tab", "choose a line"),
            ("Left/Right, Space", "change it"),
            ("type", "on the Save in line: the folder"),
            ("type", "on the Save in line: replaces the folder shown"),
            ("Enter", "save the file"),
            ("Esc", "back to the list"),
            ("q", "quit"),
        ],
    }
}
