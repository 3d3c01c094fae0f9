//! The keys shown: the footer line of the current context, and the help window (`?`) listing
//! every key of the current screen. Both are made from the one key table (keys.rs).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Message};
use super::keys::{self, Ctx};
use super::view::{Hint, heading, popup_box};

/// The footer: the keys of the current context (its rows of the table that have a footer
/// word).
pub fn footer(app: &App) -> Vec<Hint> {
    keys::rows(&keys::contexts(app))
        .filter(|r| !r.shown.is_empty() && !r.short.is_empty())
        .map(|r| (r.shown, r.short))
        .collect()
}

/// The help window: every shown row of the current screen (ignoring any popup), with `Always`.
pub fn screen_only(app: &App) -> Vec<Hint> {
    let mut ctxs = keys::screen_contexts(app);
    ctxs.push(Ctx::Always);
    keys::rows(&ctxs)
        .filter(|r| !r.shown.is_empty())
        .map(|r| (r.shown, r.label))
        .collect()
}

/// Draws the help window.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let all = screen_only(app);
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
        Paragraph::new(format!(
            "Everything is saved as you go. {} to close.",
            app.press(&Message::Back)
        )),
        Rect::new(inner.x, inner.y + rows as u16 + 1, inner.width, 1),
    );
}
