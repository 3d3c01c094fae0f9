//! Export / print: the format, all or the top questions, large print; then the full path of
//! the file and how to print it.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use her2prep::checklist::DEFAULT_TOP;
use her2prep::export::Format;
use her2prep::text::clean_line;

use super::app::{App, filter_words};
use super::view::{areas, heading, quiet, selected, wrapped};

/// The first row of the form (rows are two lines apart).
const FORM_TOP: u16 = 3;

/// Which form row a click on this screen row chose.
pub fn row_at(app: &App, row: u16) -> Option<usize> {
    let inner = areas(app, app.size).body.inner(Margin::new(1, 0));
    let first = inner.y + FORM_TOP;
    (row >= first && (row - first).is_multiple_of(2) && (row - first) / 2 < 4)
        .then(|| usize::from((row - first) / 2))
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    let f = &app.export;
    let total = app.checklist().items.len();
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
            "Files go to the exports folder beside your saved answers, named by today's date.",
            inner.width,
            "",
            quiet(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
