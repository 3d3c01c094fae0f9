//! Drawing: the frame every screen shares (title, status line, key footer), the "window too
//! small" message, popups, and small helpers. `view` only reads the app.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Kind, MIN_HEIGHT, MIN_WIDTH, Message, Screen};
use super::popup::Popup;

/// The parts of the screen.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub title: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// How many lines the status line needs (none when there is nothing to say).
pub fn status_height(app: &App, width: u16) -> u16 {
    if searching(app).is_some() {
        return 1;
    }
    match &app.status {
        None => 0,
        Some(s) => (wrap(&crate::text::clean_line(s.text()), width.saturating_sub(2)).len() as u16)
            .clamp(1, 3),
    }
}

/// The search shown on the status line, if the list has one: (the words, being typed).
fn searching(app: &App) -> Option<(String, bool)> {
    let s = app.screen.list_state()?;
    match &s.search {
        Some(f) => Some((f.lines().join(" "), true)),
        None if !s.query.is_empty() => Some((s.query.clone(), false)),
        None => None,
    }
}

/// Where each part goes for a terminal of this size.
pub fn areas(app: &App, size: (u16, u16)) -> Areas {
    let area = Rect::new(0, 0, size.0, size.1);
    let footer = hint_lines(&super::help::footer(app), size.0).len() as u16;
    let [title, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(status_height(app, size.0)),
        Constraint::Length(footer.max(1)),
    ])
    .areas(area);
    Areas {
        title,
        body,
        status,
        footer,
    }
}

/// The style of the selected row: reversed and bold, so it shows without colour.
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// Headings.
pub fn heading() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// Quieter text: the terminal's own colour, dimmed, so it reads on light and dark
/// backgrounds and under NO_COLOR (a fixed grey was near-invisible on light terminals).
pub fn quiet() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

/// Wraps text to a width, never returning an empty list for non-empty text. Words are
/// measured as the terminal draws them (see [`fit_by_graphemes`]).
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(4));
    let options = textwrap::Options::new(width)
        .wrap_algorithm(textwrap::WrapAlgorithm::Custom(fit_by_graphemes));
    let mut out = Vec::new();
    for para in text.split('\n') {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        for l in textwrap::wrap(para, &options) {
            out.push(l.into_owned());
        }
    }
    out
}

/// A word as the terminal draws it: textwrap adds up its characters' widths, so "☎️" (a
/// telephone and a variation selector, two columns on screen) counts as one and a line
/// holding it would run a column past its box.
#[derive(Debug)]
struct Drawn {
    width: f64,
    whitespace: f64,
    penalty: f64,
}

impl textwrap::core::Fragment for Drawn {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace
    }
    fn penalty_width(&self) -> f64 {
        self.penalty
    }
}

/// textwrap's own line breaking (optimal fit, as `textwrap::wrap` does by default) with each
/// word measured grapheme by grapheme; the lines are the same words, cut at the same places.
fn fit_by_graphemes<'b, 'a>(
    words: &'b [textwrap::core::Word<'a>],
    line_widths: &'b [usize],
) -> Vec<&'b [textwrap::core::Word<'a>]> {
    let drawn: Vec<Drawn> = words
        .iter()
        .map(|w| Drawn {
            width: super::field::width(w.word) as f64,
            whitespace: super::field::width(w.whitespace) as f64,
            penalty: super::field::width(w.penalty) as f64,
        })
        .collect();
    let widths: Vec<f64> = line_widths.iter().map(|w| *w as f64).collect();
    let lines = textwrap::wrap_algorithms::wrap_optimal_fit(
        &drawn,
        &widths,
        &textwrap::wrap_algorithms::Penalties::new(),
    )
    .unwrap_or_else(|_| textwrap::wrap_algorithms::wrap_first_fit(&drawn, &widths));
    // The same runs of fragments, as runs of the words they measure.
    let mut at = 0;
    lines
        .into_iter()
        .map(|line| {
            let run = &words[at..at + line.len()];
            at += line.len();
            run
        })
        .collect()
}

/// Wrapped lines of one style, each prefixed (the first with `first`, the rest with spaces of
/// the same width).
pub fn wrapped<'a>(text: &str, width: u16, first: &str, style: Style) -> Vec<Line<'a>> {
    let indent = unicode_width::UnicodeWidthStr::width(first) as u16;
    wrap(text, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let pre = if i == 0 {
                first.to_string()
            } else {
                " ".repeat(usize::from(indent))
            };
            Line::from(vec![Span::raw(pre), Span::styled(l, style)])
        })
        .collect()
}

/// One footer entry: key and what it does.
pub type Hint = (&'static str, &'static str);

/// Lays hints out on lines no wider than `width`.
pub fn hint_lines(hints: &[Hint], width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = vec![Span::raw(" ")];
    let mut used = 1usize;
    for (key, what) in hints {
        let w = key.chars().count() + what.chars().count() + 3;
        if used + w > usize::from(width) && used > 1 {
            lines.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(" "));
            used = 1;
        }
        spans.push(Span::styled(*key, heading()));
        spans.push(Span::raw(format!(" {what}  ")));
        used += w;
    }
    if used > 1 {
        lines.push(Line::from(spans));
    }
    lines
}

/// Draws `lines` one per row from the top of `area`, each cut at its width: what a
/// `Paragraph` of them draws, without first composing every line grapheme by grapheme (a
/// third of a frame of the checklist went there). For lines already wrapped to fit.
pub fn draw_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// Says, at the right edge of `area`'s first and last rows, that a list goes on above or
/// below what is shown.
pub fn more_marks(frame: &mut Frame, area: Rect, above: bool, below: bool) {
    if area.height == 0 || area.width < 20 {
        return;
    }
    for (on, text, y) in [
        (above, " ↑ more above ", area.y),
        (below, " ↓ more below ", area.bottom() - 1),
    ] {
        if on {
            let w = unicode_width::UnicodeWidthStr::width(text) as u16;
            frame.render_widget(
                Span::styled(text, heading()),
                Rect::new(area.right() - w, y, w, 1),
            );
        }
    }
}

/// Puts the terminal's cursor at (x, y) if it is inside `area`: screen readers and magnifiers
/// follow the cursor, so it goes on the focused row or field.
pub fn place_cursor(frame: &mut Frame, area: Rect, x: u16, y: u16) {
    if x >= area.x && x < area.right() && y >= area.y && y < area.bottom() {
        frame.set_cursor_position((x, y));
    }
}

/// Places the cursor in a text field drawn at `area` (inside a border when `bordered`).
pub fn field_cursor(
    frame: &mut Frame,
    area: Rect,
    field: &ratatui_textarea::TextArea<'_>,
    bordered: bool,
) {
    let inner = if bordered {
        area.inner(ratatui::layout::Margin::new(1, 1))
    } else {
        area
    };
    let c = field.screen_cursor();
    let row = (c.row as u16).min(inner.height.saturating_sub(1));
    let col = (c.col as u16).min(inner.width.saturating_sub(1));
    place_cursor(frame, inner, inner.x + col, inner.y + row);
}

/// The screen's title (the full-screen app's top line, the plain mode's first line).
pub fn title(kind: Kind) -> &'static str {
    match kind {
        Kind::Welcome => "Welcome",
        Kind::Walk => "About the pathology report",
        Kind::Results => "Your results in plain words",
        Kind::Checklist => "Your questions",
        Kind::Visit => "Visit in progress",
        Kind::Past => "Past visits (read only)",
        Kind::Export => "Save a copy to print",
        Kind::Report => "Paste from my report",
    }
}

/// Draws the whole app.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    let a = areas(app, (area.width, area.height));
    let title = title(app.screen.kind());
    let who = match app.profile.display_name() {
        Some(n) => format!("  ·  for {}", crate::text::clean_line(n)),
        None => String::new(),
    };
    let title_line = Line::from(vec![
        Span::styled(" her2prep", heading()),
        Span::raw(format!("  ·  {title}{who}")),
    ]);
    frame.render_widget(
        Paragraph::new(title_line)
            .block(Block::default().borders(ratatui::widgets::Borders::BOTTOM)),
        a.title,
    );
    match &app.screen {
        Screen::Welcome(s) => super::welcome::draw(app, s, frame, a.body),
        Screen::Walk(s) => super::walk::draw(app, s, frame, a.body),
        Screen::Results(s) => super::results::draw(app, s, frame, a.body),
        Screen::Checklist(s) | Screen::Visit(s) => super::checklist::draw(app, s, frame, a.body),
        Screen::Past(s) => super::visit::draw_past(app, s, frame, a.body),
        Screen::Export(s) => super::export::draw(app, s, frame, a.body),
        Screen::Report(s) => super::report::draw(app, s, frame, a.body),
    }
    draw_status(app, frame, a.status);
    let hints = super::help::footer(app);
    frame.render_widget(Paragraph::new(hint_lines(&hints, a.footer.width)), a.footer);
    match &app.popup {
        Some(Popup::Help) => super::help::draw(app, frame, area),
        Some(p @ (Popup::Answer { .. } | Popup::AddOwn { .. })) => {
            super::popup::draw_editor(app, p, frame, area)
        }
        Some(Popup::Filter { cursor }) => super::popup::draw_filter(*cursor, frame, area),
        Some(Popup::EndVisit {
            asked,
            answered,
            open,
            of,
        }) => super::popup::draw_end(app, (*asked, *answered, *open, *of), frame, area),
        None => {}
    }
    if !app.notices.is_empty() && app.popup.is_none() {
        draw_notices(app, frame, area);
    }
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let text = match (&app.status, searching(app)) {
        (_, Some((q, typing))) => {
            let mut spans = vec![
                Span::styled(" Search: ", heading()),
                Span::raw(crate::text::clean_line(&q)),
            ];
            if typing {
                spans.push(Span::styled("▏", heading()));
            }
            Text::from(Line::from(spans))
        }
        (Some(s), None) => Text::from(wrapped(
            &crate::text::clean_line(s.text()),
            area.width.saturating_sub(1),
            " ",
            Style::default(),
        )),
        (None, None) => Text::default(),
    };
    frame.render_widget(Paragraph::new(text), area);
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = format!(
        "Please make this window a little bigger.\n\nher2prep needs at least {MIN_WIDTH} columns and {MIN_HEIGHT} rows; this window has {} and {}.\n\nNothing is lost: your answers are saved. {} to quit.",
        area.width,
        area.height,
        app.press(&Message::Quit)
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Where a centred box of at most `w` x `h` goes (border included).
pub fn popup_rect(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A centred box of at most `w` x `h`, cleared, with a titled border; returns the inside.
pub fn popup_box(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let r = popup_rect(area, w, h);
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), heading()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

fn draw_notices(app: &App, frame: &mut Frame, area: Rect) {
    let inner = popup_box(frame, area, 70, 12, "Please note");
    let mut lines = Vec::new();
    for n in &app.notices {
        lines.extend(wrapped(
            &crate::text::clean(n),
            inner.width,
            "",
            Style::default(),
        ));
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        format!("{} to close this note.", app.press(&Message::Back)),
        heading(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "Label: text" wrapped as one paragraph, the label in bold.
pub fn labelled(label: &str, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let prefix = format!("{label}: ");
    wrap(&format!("{prefix}{text}"), width)
        .into_iter()
        .enumerate()
        .map(|(i, l)| match l.strip_prefix(prefix.as_str()) {
            Some(rest) if i == 0 => Line::from(vec![
                Span::styled(prefix.clone(), heading()),
                Span::styled(rest.to_string(), style),
            ]),
            _ => Line::from(Span::styled(l, style)),
        })
        .collect()
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn a_line_never_runs_past_its_width_as_drawn() {
        let text =
            "Call Dr. Øberg ☎️☎️ tomorrow ☎️ about the ☎️ scan results ☎️ and the 乳がん plan";
        for width in 8..40u16 {
            for line in wrap(text, width) {
                assert!(
                    crate::ui::field::width(&line) <= usize::from(width),
                    "{line:?} is wider than {width}"
                );
            }
        }
    }

    #[test]
    fn text_without_such_letters_wraps_as_textwrap_wraps_it() {
        let bank = crate::bank::Bank::builtin().unwrap();
        let texts = bank
            .questions
            .iter()
            .flat_map(|q| [q.text.clone(), q.why.clone()])
            .chain(bank.glossary.terms.iter().map(|t| t.definition.clone()));
        for text in texts {
            for width in [12u16, 20, 33, 47, 60, 80] {
                let theirs: Vec<String> = textwrap::wrap(&text, usize::from(width))
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect();
                assert_eq!(wrap(&text, width), theirs, "{text:?} at {width}");
            }
        }
    }
}

#[cfg(test)]
mod draw_lines_tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;

    /// Lines of every kind the screens draw: styled spans, a styled line, wide letters and an
    /// emoji with a variation selector, a line longer than the area, empty lines.
    fn lines() -> Vec<Line<'static>> {
        vec![
            Line::from(vec![
                Span::raw("> [x]★! "),
                Span::styled("Would a CDK4/6 inhibitor", selected()),
            ]),
            Line::from(Span::styled(
                "TREATMENT",
                heading().add_modifier(Modifier::UNDERLINED),
            )),
            Line::from(""),
            Line::from("Call Dr. Øberg ☎️ at 乳がん センター before the visit").style(quiet()),
            Line::from("x".repeat(200)),
            Line::from(vec![
                Span::styled("Source: ", heading()),
                Span::styled(
                    "well-established clinical fact",
                    Style::new().fg(Color::Red),
                ),
            ]),
            Line::default(),
            Line::from("the last line, below the area's end"),
        ]
    }

    #[test]
    fn lines_draw_as_a_paragraph_of_them_draws() {
        for (w, h) in [(40, 6), (17, 8), (120, 10), (3, 2)] {
            let area = Rect::new(2, 1, w, h);
            let mut by_lines = Terminal::new(TestBackend::new(w + 4, h + 2)).unwrap();
            by_lines.draw(|f| draw_lines(f, area, &lines())).unwrap();
            let mut by_paragraph = Terminal::new(TestBackend::new(w + 4, h + 2)).unwrap();
            by_paragraph
                .draw(|f| f.render_widget(Paragraph::new(lines()), area))
                .unwrap();
            // Buffers compare symbols and styles, cell by cell.
            assert_eq!(
                by_lines.backend().buffer(),
                by_paragraph.backend().buffer(),
                "{w}x{h}"
            );
        }
    }
}
