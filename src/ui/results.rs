//! "Your results in plain words": notices first, then each result, then what it usually means
//! as things to ask about.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Message, Screen, Status};
use super::checklist::ListState;
use super::steps::Step;
use super::view::{heading, wrapped};
use super::walk::WalkState;
use crate::text::clean_line;

/// Every line of the screen for this width.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let s = crate::results::summarise(&app.profile);
    let mut lines = Vec::new();
    for n in &s.notices {
        lines.extend(wrapped(&clean_line(n), width, "Please note: ", heading()));
        lines.push(Line::default());
    }
    let label_w = s
        .lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    for l in &s.lines {
        let first = format!("{:<label_w$}", format!("{}:", l.label));
        let mut w = wrapped(&clean_line(&l.value), width, &first, Style::default());
        if let Some(line) = w.first_mut()
            && let Some(span) = line.spans.first_mut()
        {
            *span = Span::styled(first.clone(), heading());
        }
        lines.extend(w);
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "What this usually means, as things to ask about",
        heading(),
    )));
    for m in &s.meaning {
        lines.extend(wrapped(&clean_line(m), width, "• ", Style::default()));
    }
    lines.push(Line::default());
    lines.extend(wrapped(
        "This is not medical advice: it is what such results usually mean, to help you ask. Your care team knows your situation.",
        width,
        "",
        Style::default(),
    ));
    lines
}

/// The results screen's state.
#[derive(Debug)]
pub struct ResultsState {
    pub scroll: u16,
    /// The list to go back to, when the person came from it.
    pub back: Option<Box<ListState>>,
}

impl ResultsState {
    /// From the top.
    pub fn new(back: Option<ListState>) -> ResultsState {
        ResultsState {
            scroll: 0,
            back: back.map(Box::new),
        }
    }
}

pub fn draw(app: &App, s: &ResultsState, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    let all = lines(app, inner.width);
    let max = (all.len() as u16).saturating_sub(inner.height);
    let scroll = s.scroll.min(max);
    frame.render_widget(Paragraph::new(all).scroll((scroll, 0)), inner);
    if scroll < max && inner.width > 30 {
        let more = &format!(" more below: {} ", app.key_name(&Message::Up));
        let w = more.len() as u16;
        frame.render_widget(
            Span::styled(more, super::view::selected()),
            Rect::new(inner.right() - w, inner.bottom() - 1, w, 1),
        );
    }
}

/// The results screen's keys; gives back the screen to show.
pub fn update(app: &mut App, mut s: ResultsState, msg: Message) -> Screen {
    match msg {
        Message::Up | Message::ScrollUp => s.scroll = s.scroll.saturating_sub(1),
        Message::Down | Message::ScrollDown => s.scroll = s.scroll.saturating_add(1).min(200),
        Message::PageUp => s.scroll = s.scroll.saturating_sub(10),
        Message::PageDown => s.scroll = s.scroll.saturating_add(10).min(200),
        Message::Home => s.scroll = 0,
        Message::Enter | Message::Right => {
            let mut list = s.back.map(|b| *b).unwrap_or_else(|| ListState::new(false));
            list.selected = 0;
            app.status = Some(Status::Note(if app.plain {
                // A word that takes a question's number reads badly as the sentence's subject.
                format!(
                    "Your questions for this visit. Type {} when a question is asked, {} to write its answer, {} to print. {} says every word.",
                    app.key_name(&Message::Toggle),
                    app.key_name(&Message::Enter),
                    app.key_name(&Message::Export),
                    app.key_name(&Message::Help),
                )
            } else {
                // Short enough for one line at 120 columns; the header and footer say the rest.
                format!(
                    "Your questions for this visit. {} ticks one as asked, {} writes its answer, {} prints. {} shows every key.",
                    app.key_name(&Message::Toggle),
                    app.key_name(&Message::Enter),
                    app.key_name(&Message::Export),
                    app.key_name(&Message::Help),
                )
            }));
            return app.open_list(Some(list));
        }
        Message::Back | Message::Walk | Message::Left => {
            let mut w = WalkState::start(&app.profile, s.back.map(|b| *b));
            let last = *Step::sequence(&app.profile).last().unwrap_or(&Step::Date);
            w.enter(&app.profile, last);
            return Screen::Walk(w);
        }
        _ => {}
    }
    Screen::Results(s)
}
