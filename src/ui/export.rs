//! Export / print: the format, all or the top questions, large print; then the full path of
//! the file and how to print it.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::checklist::DEFAULT_TOP;
use crate::export::Format;
use crate::text::clean_line;

use super::app::{App, export_row, filter_words};
use super::view::{areas, heading, quiet, selected, wrapped};

/// The first row of the form (rows are two lines apart).
const FORM_TOP: u16 = 3;
/// Where the folder field starts on its line (after the pointer and the label).
const FIELD_LEFT: u16 = 16;

/// Which form row a click on this screen row chose.
pub fn row_at(app: &App, row: u16) -> Option<usize> {
    let inner = areas(app, app.size).body.inner(Margin::new(1, 0));
    let first = inner.y + FORM_TOP;
    (row >= first
        && (row - first).is_multiple_of(2)
        && usize::from((row - first) / 2) <= export_row::SAVE)
        .then(|| usize::from((row - first) / 2))
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    let f = &app.export;
    let total = f.all;
    let mut lines = wrapped(
        &format!(
            "Choose how to save your list (questions for {}). Up and Down choose a line; Left, Right or Space change it.",
            filter_words(app.options.only_for)
        ),
        inner.width,
        "",
        Style::default(),
    );
    while lines.len() < usize::from(FORM_TOP) {
        lines.push(Line::default());
    }
    lines.truncate(usize::from(FORM_TOP));
    let rows = [
        format!("Format:       < {} >", f.format.label()),
        format!(
            "Questions:    < {} >",
            match f.top {
                Some(n) if Some(n) == app.options.top =>
                    format!("only the top {n}, as on your list"),
                Some(n) if n == DEFAULT_TOP => format!("only the top {n} (good for a short visit)"),
                Some(n) => format!("only the top {n}"),
                None => format!("all {total}"),
            }
        ),
        format!(
            "Large print:  {} {}",
            if f.large { "[x]" } else { "[ ]" },
            if f.format == Format::Html {
                "bigger letters on paper"
            } else {
                "(for the web page format)"
            }
        ),
        // The field itself is drawn over this line when it has the focus.
        format!("Save in:      {}", clean_line(&f.folder.lines().join(""))),
        "[ Save the file ]".to_string(),
    ];
    for (i, r) in rows.iter().enumerate() {
        let style = if i == f.row {
            selected()
        } else {
            Style::default()
        };
        let pointer = if i == f.row { "> " } else { "  " };
        lines.push(Line::from(Span::styled(format!("{pointer}{r} "), style)));
        lines.push(Line::default());
    }
    if let Some(p) = &f.written {
        let path = clean_line(&p.display().to_string());
        lines.extend(wrapped(
            "Saved. The file is here:",
            inner.width,
            "",
            heading(),
        ));
        lines.extend(wrapped(&path, inner.width, "  ", Style::default()));
        let how = match f.format {
            Format::Html => "To print it, open that file in a web browser (double-click it in your file manager) and choose Print.".to_string(),
            Format::Text => format!("To print it, type in a terminal: lp \"{path}\""),
            Format::Markdown => "Markdown is plain text with headings; open it in any text editor, or choose the web page format to print.".into(),
            Format::Json => "JSON is for other programs; choose the web page format to print.".into(),
        };
        lines.push(Line::default());
        lines.extend(wrapped(&how, inner.width, "", Style::default()));
    }
    if let Some(e) = &f.error {
        lines.extend(wrapped(
            &clean_line(e),
            inner.width,
            "Not saved: ",
            heading(),
        ));
    }
    if f.written.is_none() && f.error.is_none() {
        lines.extend(wrapped(
            "The file is named by today's date. To save it somewhere else (a memory stick, say), type that folder on the \"Save in\" line.",
            inner.width,
            "",
            quiet(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let row_y = inner.y + FORM_TOP + 2 * f.row as u16;
    super::view::place_cursor(frame, inner, inner.x, row_y);
    if f.row == export_row::FOLDER {
        let y = inner.y + FORM_TOP + 2 * export_row::FOLDER as u16;
        let x = inner.x + FIELD_LEFT;
        if y < inner.bottom() && x < inner.right() {
            let field = Rect::new(x, y, inner.right() - x, 1);
            frame.render_widget(Clear, field);
            let mut t = f.folder.clone();
            t.set_style(selected());
            t.set_cursor_style(selected().add_modifier(Modifier::REVERSED));
            frame.render_widget(&t, field);
            super::view::field_cursor(frame, field, &f.folder, false);
        }
    }
}
