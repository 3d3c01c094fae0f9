//! Windows drawn over a screen: their state (in [`Popup`]), their keys and their drawing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

use crate::checklist;
use crate::profile::Clinician;
use crate::text::clean_line;

use super::app::{App, Message, Status};
use super::steps;
use super::view::{heading, popup_box, quiet, selected, wrapped};

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
    /// Confirming the end of a visit, with the counts of this visit's questions (its list,
    /// not a filtered view of it): asked, answered, still open, of how many.
    EndVisit {
        asked: usize,
        answered: usize,
        open: usize,
        of: usize,
    },
}

impl Popup {
    /// True when the popup's text field has the keyboard.
    pub fn typing(&self) -> bool {
        match self {
            Popup::Answer { .. } => true,
            Popup::AddOwn { on_topic, .. } => !on_topic,
            _ => false,
        }
    }
}

/// Shows the questions for one clinician (or everyone) on the list screen.
fn choose_for(app: &mut App, only_for: Option<Clinician>) {
    if let Some(s) = app.screen.list_state_mut() {
        s.options.only_for = only_for;
        s.selected = 0;
        s.detail_scroll = 0;
    }
}

/// The keys of the popup shown.
pub fn update(app: &mut App, msg: Message) {
    let topics = app.topics();
    // Where a click landed is worked out from the layout before the popup is borrowed to change.
    let add_own_click = match (&app.popup, &msg) {
        (Some(Popup::AddOwn { topic, .. }), Message::Click(col, row)) => {
            add_own_at(app, *topic, *col, *row)
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
                super::checklist::end_visit(app);
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
                    if let Some(i) = filter_at(app, col, row) {
                        app.popup = None;
                        choose_for(app, (i > 0).then(|| options[i - 1].0));
                    }
                }
                Message::Enter | Message::Toggle => {
                    let only_for = match *cursor {
                        0 => None,
                        i => Some(options[i - 1].0),
                    };
                    app.popup = None;
                    choose_for(app, only_for);
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
                super::checklist::select_id(app, &id);
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
                Message::Input(input) if !super::app::is_enter(&input) => {
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
                            // Own questions are always on the visit list: only a search could
                            // keep it out of sight.
                            if let Some(s) = app.screen.list_state_mut() {
                                s.query.clear();
                            }
                            app.save();
                            super::checklist::select_id(app, &id);
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

/// The answer editor and the "add my own question" window.
pub fn draw_editor(app: &App, popup: &Popup, frame: &mut Frame, area: Rect) {
    match popup {
        Popup::Answer { id, field } => {
            let list = app.checklist();
            let question = list
                .item(id)
                .map(|i| clean_line(&i.text))
                .unwrap_or_default();
            let inner = popup_box(frame, area, 76, 16, "The answer, or notes");
            let q = wrapped(&question, inner.width, "", heading());
            let qh = (q.len() as u16).min(4);
            frame.render_widget(
                Paragraph::new(q),
                Rect::new(inner.x, inner.y, inner.width, qh),
            );
            let field_area = Rect::new(
                inner.x,
                inner.y + qh,
                inner.width,
                inner.height.saturating_sub(qh + 1),
            );
            super::field::draw(frame, field_area, field, Some(Block::bordered()), true);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "Saved as you type. {}",
                        super::keys::hints(app, &[Message::Enter, Message::Back])
                    ),
                    quiet(),
                )),
                Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1),
            );
        }
        Popup::AddOwn {
            field,
            topic,
            on_topic,
            error,
        } => {
            let inner = popup_box(
                frame,
                area,
                ADD_OWN_SIZE.0,
                ADD_OWN_SIZE.1,
                "Add my own question",
            );
            frame.render_widget(
                Paragraph::new(Span::styled("Your question:", heading())),
                Rect::new(inner.x, inner.y, inner.width, 1),
            );
            let field_area = Rect::new(inner.x, inner.y + 1, inner.width, 4);
            let block = Block::bordered().title(if *on_topic { "" } else { " typing " });
            super::field::draw(frame, field_area, field, Some(block), !*on_topic);
            if *on_topic {
                let y = inner.y + 6 + (*topic - topic_window(inner, *topic).1) as u16;
                super::view::place_cursor(frame, inner, inner.x + 1, y);
            }
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "Under which topic ({} to choose):",
                        app.key_name(&Message::Tab)
                    ),
                    heading(),
                )),
                Rect::new(inner.x, inner.y + 5, inner.width, 1),
            );
            let topics = app.topics();
            let (room, skip) = topic_window(inner, *topic);
            let lines: Vec<Line> = topics
                .iter()
                .enumerate()
                .skip(skip)
                .take(room)
                .map(|(i, (_, title))| {
                    let mark = if i == *topic { "(•)" } else { "( )" };
                    let style = if i == *topic && *on_topic {
                        selected()
                    } else {
                        Style::default()
                    };
                    Line::from(Span::styled(
                        format!(" {mark} {} ", clean_line(title)),
                        style,
                    ))
                })
                .collect();
            frame.render_widget(
                Paragraph::new(lines),
                Rect::new(inner.x, inner.y + 6, inner.width, room as u16),
            );
            let mut foot = Vec::new();
            if let Some(e) = error {
                foot.extend(wrapped(e, inner.width, "! ", heading()));
            }
            foot.push(Line::from(Span::styled(
                super::keys::hints(app, &[Message::Enter, Message::Tab, Message::Back]),
                quiet(),
            )));
            let h = foot.len() as u16;
            frame.render_widget(
                Paragraph::new(foot),
                Rect::new(inner.x, inner.bottom().saturating_sub(h), inner.width, h),
            );
        }
        _ => {}
    }
}

/// The "add my own question" window's size.
const ADD_OWN_SIZE: (u16, u16) = (76, 18);

/// How many topics the "add my own question" window shows, and how many are scrolled past to
/// keep the chosen one in view.
fn topic_window(inner: Rect, topic: usize) -> (usize, usize) {
    let room = usize::from(inner.height.saturating_sub(9)).max(1);
    (room, (topic + 1).saturating_sub(room))
}

/// Where a click in the "add my own question" window landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOwnClick {
    /// In the question's text box.
    Question,
    /// On a topic (its index into `App::topics`).
    Topic(usize),
}

/// What a click at (col, row) chose in the "add my own question" window, with `topic` chosen.
pub fn add_own_at(app: &App, topic: usize, col: u16, row: u16) -> Option<AddOwnClick> {
    let r = super::view::popup_rect(
        Rect::new(0, 0, app.size.0, app.size.1),
        ADD_OWN_SIZE.0,
        ADD_OWN_SIZE.1,
    );
    let inner = Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    );
    if col < inner.x || col >= inner.right() || row < inner.y {
        return None;
    }
    let (room, skip) = topic_window(inner, topic);
    match row - inner.y {
        1..=4 => Some(AddOwnClick::Question),
        line @ 6.. if usize::from(line - 6) < room => {
            let i = skip + usize::from(line - 6);
            (i < app.topics().len()).then_some(AddOwnClick::Topic(i))
        }
        _ => None,
    }
}

/// The clinician filter window's size.
pub const FILTER_SIZE: (u16, u16) = (50, 13);

/// Which line of the clinician filter a click chose.
pub fn filter_at(app: &App, col: u16, row: u16) -> Option<usize> {
    let r = super::view::popup_rect(
        Rect::new(0, 0, app.size.0, app.size.1),
        FILTER_SIZE.0,
        FILTER_SIZE.1,
    );
    let inside = col > r.x && col + 1 < r.right() && row > r.y && row + 1 < r.bottom();
    let i = usize::from(row.saturating_sub(r.y + 1));
    (inside && i <= steps::clinicians().len()).then_some(i)
}

/// The clinician filter.
/// The clinician filter's choices, in order: everyone, then each clinician.
pub fn filter_choices() -> Vec<&'static str> {
    let mut options = vec!["Everyone (all questions)"];
    options.extend(steps::clinicians().iter().map(|(_, l)| *l));
    options
}

pub fn draw_filter(cursor: usize, frame: &mut Frame, area: Rect) {
    let inner = popup_box(
        frame,
        area,
        FILTER_SIZE.0,
        FILTER_SIZE.1,
        "Show the questions for",
    );
    let options = filter_choices();
    let lines: Vec<Line> = options
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let style = if i == cursor {
                selected()
            } else {
                Style::default()
            };
            let pointer = if i == cursor { ">" } else { " " };
            Line::from(Span::styled(format!("{pointer} {l} "), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    super::view::place_cursor(frame, inner, inner.x, inner.y + cursor as u16);
}

/// What ending the visit keeps, in words (the window's and the plain mode's).
pub fn end_visit_words((asked, answered, open, of): (usize, usize, usize, usize)) -> String {
    let of = crate::filter::count(of, "question", "questions");
    let open = match open {
        0 => format!("Every one of the {of} for this visit was asked or answered."),
        1 => format!(
            "Of the {of} for this visit, 1 is still open: it will be ready for the next visit."
        ),
        n => format!(
            "Of the {of} for this visit, {n} are still open: they will be ready for the next visit."
        ),
    };
    format!(
        "This keeps what was asked ({asked}) and answered ({answered}) today under the visit's date. {open}"
    )
}

/// The "End this visit?" window, with the counts of this visit's questions.
pub fn draw_end(
    app: &App,
    (asked, answered, open, of): (usize, usize, usize, usize),
    frame: &mut Frame,
    area: Rect,
) {
    let inner = popup_box(frame, area, 64, 10, "End this visit?");
    let mut lines = wrapped(
        &end_visit_words((asked, answered, open, of)),
        inner.width,
        "",
        Style::default(),
    );
    lines.push(Line::default());
    let mut keys = Vec::new();
    for (key, what) in super::keys::hint_pairs(app, &[Message::Enter, Message::Back]) {
        if !keys.is_empty() {
            keys.push(Span::raw("    "));
        }
        keys.push(Span::styled(key, heading()));
        keys.push(Span::raw(format!(" {what}")));
    }
    lines.push(Line::from(keys));
    frame.render_widget(Paragraph::new(lines), inner);
}
