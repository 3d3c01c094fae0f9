//! Visit mode's extra pieces: ending a visit, and past visits opened read-only. (The visit's
//! list itself is the checklist screen with counts and answers shown.)

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::export::clinician_words;
use crate::text::clean_line;

use super::app::App;
use super::view::{heading, popup_box, quiet, selected, wrap, wrapped};

/// The "End this visit?" window, with the whole list's counts.
pub fn draw_end((asked, answered, open): (usize, usize, usize), frame: &mut Frame, area: Rect) {
    let inner = popup_box(frame, area, 64, 10, "End this visit?");
    let mut lines = wrapped(
        &format!(
            "This keeps today's {asked} asked and {answered} answered questions under the visit's date. The {open} questions still open will be ready for the next visit."
        ),
        inner.width,
        "",
        Style::default(),
    );
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("Enter", heading()),
        Span::raw(" end the visit    "),
        Span::styled("Esc", heading()),
        Span::raw(" keep going"),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_past(app: &App, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    if app.state.visits.is_empty() {
        frame.render_widget(
            Paragraph::new(wrapped(
                "No visits saved yet. Press v on your list when the appointment starts, tick and write as you go, and press v again at the end: the visit is kept here under its date.",
                inner.width,
                "",
                Style::default(),
            )),
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
            let style = if i == app.past_cursor {
                selected()
            } else {
                Style::default()
            };
            let pointer = if i == app.past_cursor { ">" } else { " " };
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
    let Some(v) = app.state.visits.get(app.past_cursor) else {
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
    frame.render_widget(Paragraph::new(out).scroll((app.past_scroll.min(max), 0)), d);
}
