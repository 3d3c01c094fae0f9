//! Past visits, opened read-only. (The visit's list itself is the checklist screen with counts
//! and answers shown; ending a visit is a popup, see popup.rs.)

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::export::clinician_words;
use crate::text::clean_line;

use super::app::{App, Message, Screen};
use super::checklist::ListState;
use super::view::{heading, quiet, selected, wrap, wrapped};

/// The past visits screen's state.
#[derive(Debug)]
pub struct PastState {
    pub cursor: usize,
    pub scroll: u16,
    /// The list to go back to.
    pub back: Box<ListState>,
}

impl PastState {
    /// On the last visit.
    pub fn new(app: &App, back: ListState) -> PastState {
        PastState {
            cursor: app.state.visits.len().saturating_sub(1),
            scroll: 0,
            back: Box::new(back),
        }
    }
}

/// What the screen says when no visit is saved yet.
pub fn none_yet(app: &App) -> String {
    let visit = app.press_lower(&Message::Visit);
    format!(
        "No visits saved yet. {} on your list when the appointment starts, tick and write as you go, and {visit} again at the end: the visit is kept here under its date.",
        app.press(&Message::Visit)
    )
}

pub fn draw_past(app: &App, s: &PastState, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    if app.state.visits.is_empty() {
        frame.render_widget(
            Paragraph::new(wrapped(&none_yet(app), inner.width, "", Style::default())),
            inner,
        );
        return;
    }
    let [list, detail] =
        Layout::horizontal([Constraint::Length(32), Constraint::Min(20)]).areas(inner);
    let lines: Vec<Line> = app
        .state
        .visits
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let style = if i == s.cursor {
                selected()
            } else {
                Style::default()
            };
            let pointer = if i == s.cursor { ">" } else { " " };
            Line::from(Span::styled(
                format!(
                    "{pointer} {} ({} noted) ",
                    v.date.strftime("%a %-d %b %Y"),
                    v.entries.len()
                ),
                style,
            ))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Visits ")),
        list,
    );
    let Some(v) = app.state.visits.get(s.cursor) else {
        return;
    };
    let block = Block::bordered().title(Span::styled(
        format!(
            " {}, {} ",
            v.date.strftime("%a %-d %b %Y"),
            clinician_words(v.with)
        ),
        heading(),
    ));
    let d = block.inner(detail);
    frame.render_widget(block, detail);
    let mut out = Vec::new();
    for e in &v.entries {
        let mark = if e.asked { "[x] " } else { "[ ] " };
        out.extend(wrapped(&clean_line(&e.text), d.width, mark, heading()));
        if e.answer.trim().is_empty() {
            out.push(Line::from(Span::styled("    (no answer written)", quiet())));
        } else {
            for l in wrap(&crate::text::clean(&e.answer), d.width.saturating_sub(4)) {
                out.push(Line::from(format!("    {l}")));
            }
        }
        out.push(Line::default());
    }
    if v.entries.is_empty() {
        out.push(Line::from(
            "Nothing was ticked or written during this visit.",
        ));
    }
    let max = (out.len() as u16).saturating_sub(d.height);
    frame.render_widget(Paragraph::new(out).scroll((s.scroll.min(max), 0)), d);
}

/// The past visits' keys; gives back the screen to show.
pub fn update(app: &mut App, mut s: PastState, msg: Message) -> Screen {
    let n = app.state.visits.len();
    match msg {
        Message::Up | Message::ScrollUp => {
            s.cursor = s.cursor.saturating_sub(1);
            s.scroll = 0;
        }
        Message::Down | Message::ScrollDown => {
            s.cursor = (s.cursor + 1).min(n.saturating_sub(1));
            s.scroll = 0;
        }
        Message::PageDown => s.scroll = s.scroll.saturating_add(5).min(500),
        Message::PageUp => s.scroll = s.scroll.saturating_sub(5),
        Message::Back | Message::PastVisits | Message::Enter => return Screen::list(*s.back),
        _ => {}
    }
    Screen::Past(s)
}
