//! The walk-through: one question per screen, the choices as a list, and beside or under it
//! the glossary's plain words about the term.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::App;
use super::steps::Step;
use super::view::{areas, heading, quiet, selected, wrapped};
use crate::text::clean_line;

/// (question area, glossary panel).
fn parts(app: &App, body: Rect) -> (Rect, Rect) {
    let inner = body.inner(Margin::new(1, 0));
    if inner.width >= 110 {
        let [q, g] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(inner);
        let gh = (glossary(app, g.width.saturating_sub(4)).len() as u16 + 2).min(g.height);
        return (q, Rect::new(g.x, g.y, g.width, gh));
    }
    let below = if app.step == Step::Date {
        3 + 3
    } else {
        app.step.choices().len() as u16 + 1
    };
    let need = head(app, inner.width).len() as u16 + below;
    // Every choice is shown first (a hidden "Just diagnosed" was picked past); the
    // plain-words panel takes the rest, scrolling with PgDn.
    let room = inner.height.saturating_sub(need).max(3);
    let gh = (glossary(app, inner.width.saturating_sub(4)).len() as u16 + 2).clamp(3, room);
    if need + gh <= inner.height {
        let [q, g, _] = Layout::vertical([
            Constraint::Length(need),
            Constraint::Length(gh),
            Constraint::Min(0),
        ])
        .areas(inner);
        (q, g)
    } else {
        let [q, g] = Layout::vertical([Constraint::Min(4), Constraint::Length(gh)]).areas(inner);
        (q, g)
    }
}

/// The lines above the choices: progress, question, note.
fn head(app: &App, width: u16) -> Vec<Line<'static>> {
    let (n, total) = app.progress();
    let mut lines = vec![Line::from(Span::styled(
        format!("Step {n} of {total}"),
        quiet(),
    ))];
    lines.extend(wrapped(
        app.step.question(app.profile.role),
        width,
        "",
        heading(),
    ));
    lines.extend(wrapped(app.step.note(), width, "", Style::default()));
    lines.push(Line::default());
    lines
}

/// The first row of the choices, and how many are scrolled past.
fn choices_top(app: &App, area: Rect) -> (u16, usize) {
    let h = head(app, area.width).len() as u16;
    let top = area.y + h;
    let room = usize::from(area.bottom().saturating_sub(top)).max(1);
    let skip = (app.cursor + 1).saturating_sub(room);
    (top, skip)
}

/// Which choice a click at this row chose.
pub fn choice_at(app: &App, _col: u16, row: u16) -> Option<usize> {
    let (q, _) = parts(app, areas(app, app.size).body);
    let (top, skip) = choices_top(app, q);
    if row < top || row >= q.bottom() {
        return None;
    }
    let i = usize::from(row - top) + skip;
    (i < app.step.choices().len()).then_some(i)
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let (q, g) = parts(app, body);
    let mut lines = head(app, q.width);
    if app.step == Step::Date {
        let h = lines.len() as u16;
        frame.render_widget(Paragraph::new(lines), q);
        let field = Rect::new(q.x, q.y + h, q.width.min(30), 3);
        let mut t = app.date.clone();
        t.set_block(Block::bordered().title(" date "));
        t.set_cursor_style(selected());
        if field.bottom() <= q.bottom() {
            frame.render_widget(&t, field);
            super::view::field_cursor(frame, field, &app.date, true);
        }
        if let Some(e) = &app.date_error {
            let r = Rect::new(q.x, q.y + h + 3, q.width, q.height.saturating_sub(h + 3));
            frame.render_widget(Paragraph::new(wrapped(e, r.width, "! ", heading())), r);
        }
    } else {
        let (_, skip) = choices_top(app, q);
        for (i, c) in app.step.choices().iter().enumerate().skip(skip) {
            let mark = if app.step.is_multiple() {
                if app.step.ticked(&app.profile, i) {
                    "[x]"
                } else {
                    "[ ]"
                }
            } else if i == app.cursor {
                // The mark follows the cursor, as on the welcome screen: Enter keeps it.
                "(•)"
            } else {
                "( )"
            };
            let pointer = if i == app.cursor { ">" } else { " " };
            if i == app.cursor {
                let y = q.y + lines.len() as u16;
                super::view::place_cursor(frame, q, q.x, y);
            }
            let style = if i == app.cursor {
                selected()
            } else {
                Style::default()
            };
            lines.push(Line::from(Span::styled(
                format!("{pointer} {mark} {c} "),
                style,
            )));
        }
        frame.render_widget(Paragraph::new(lines), q);
    }
    draw_glossary(app, frame, g);
}

fn draw_glossary(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(Span::styled(" In plain words ", heading()));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = glossary(app, inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = app.glossary_scroll.min(max);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    if scroll < max {
        let more = " more: PgDn ";
        let w = more.len() as u16;
        if area.width > w + 4 {
            frame.render_widget(
                Span::styled(more, quiet()),
                Rect::new(area.right() - w - 2, area.bottom() - 1, w, 1),
            );
        }
    }
}

/// The glossary panel's lines: each term of the step the bank's glossary explains.
fn glossary(app: &App, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for name in app.step.terms() {
        let Some(t) = app.bank.glossary.find(name) else {
            continue;
        };
        let prefix = format!("{}: ", clean_line(&t.term));
        let text = format!("{prefix}{}", clean_line(&t.definition));
        for (i, l) in super::view::wrap(&text, width).into_iter().enumerate() {
            match l.strip_prefix(prefix.as_str()) {
                Some(rest) if i == 0 => lines.push(Line::from(vec![
                    Span::styled(prefix.clone(), heading()),
                    Span::raw(rest.to_string()),
                ])),
                _ => lines.push(Line::from(l)),
            }
        }
        if let Some(r) = &t.on_report {
            lines.extend(wrapped(
                &format!("On the report: {}", clean_line(r)),
                width,
                "",
                quiet(),
            ));
        }
    }
    if lines.is_empty() {
        let text = match app.step {
            Step::Date => {
                "The date goes on your printed list, so the questions are ready for that day."
            }
            Step::Sex => "Men are not asked about menopause; a few questions differ for men.",
            _ => {
                "Choose the answer that matches the report or what your team told you. \"I don't know / not yet\" is always fine: unknown results become questions to ask."
            }
        };
        lines.extend(wrapped(text, width, "", Style::default()));
    }
    lines
}
