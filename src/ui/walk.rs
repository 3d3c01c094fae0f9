//! The walk-through: one question per screen, the choices as a list, and beside or under it
//! the glossary's plain words about the term.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use ratatui_textarea::TextArea;

use super::app::{App, Message, Screen, single_line};
use super::checklist::ListState;
use super::results::ResultsState;
use super::steps::{self, Step};
use super::view::{areas, heading, quiet, selected, wrapped};
use super::welcome::{WelcomeFocus, WelcomeState};
use crate::profile::{Profile, parse_date};
use crate::text::clean_line;

/// The walk-through's state: the step shown and where its cursor is.
#[derive(Debug)]
pub struct WalkState {
    pub step: Step,
    pub cursor: usize,
    /// The date field (the last step).
    pub date: TextArea<'static>,
    pub date_error: Option<String>,
    /// How far the plain-words panel is scrolled.
    pub glossary_scroll: u16,
    /// The list to go back to, when the walk-through was opened from it ("change my answers").
    pub back: Option<Box<ListState>>,
    /// What the report pasted said about each step (the line it came from, or why nothing
    /// was filled in), shown with that step; in memory only, never saved.
    pub from_report: Vec<(Step, String)>,
    /// Steps the last answer brought into the walk-through (the total grew by these), said
    /// with the step so the count's change is explained.
    pub added: usize,
}

impl WalkState {
    /// The first step, its cursor on the answer given.
    pub fn start(profile: &Profile, back: Option<ListState>) -> WalkState {
        let mut s = WalkState {
            step: Step::Er,
            cursor: 0,
            date: single_line("", "year-month-day"),
            date_error: None,
            glossary_scroll: 0,
            back: back.map(Box::new),
            from_report: Vec::new(),
            added: 0,
        };
        s.enter(profile, Step::Er);
        s
    }

    /// Goes to `step`, its cursor on the answer given.
    pub fn enter(&mut self, profile: &Profile, step: Step) {
        self.step = step;
        self.added = 0;
        self.cursor = step.current(profile);
        self.date_error = None;
        self.glossary_scroll = 0;
        if step == Step::Date {
            let text = profile
                .appointment
                .date
                .map(|d| d.to_string())
                .unwrap_or_default();
            self.date = single_line(&text, "year-month-day");
            self.date.move_cursor(ratatui_textarea::CursorMove::End);
        }
    }

    /// The next step, or the results after the last.
    fn next(mut self, profile: &Profile) -> Screen {
        let before = self.progress(profile).1;
        match self.step.next(profile) {
            Some(step) => {
                self.enter(profile, step);
                self.added = self.progress(profile).1.saturating_sub(before);
                Screen::Walk(self)
            }
            None => Screen::Results(ResultsState::new(self.back.map(|b| *b))),
        }
    }

    /// True on the date step (a text field).
    pub fn typing(&self) -> bool {
        self.step == Step::Date
    }

    /// "step 4 of 12": the total counts a step that depends on an answer only once that
    /// answer is given, so it never drops while the person moves on.
    pub fn progress(&self, profile: &Profile) -> (usize, usize) {
        let seq = Step::sequence(profile);
        let n = seq.iter().position(|s| *s == self.step).unwrap_or(0) + 1;
        let here = steps::ALL.iter().position(|s| *s == self.step).unwrap_or(0);
        let total = seq
            .iter()
            .filter(|s| match s.decided_by() {
                Some(by) => steps::ALL.iter().position(|x| *x == by).unwrap_or(0) < here,
                None => true,
            })
            .count();
        (n, total.max(n))
    }

    /// "Step 4 of 12", and when the last answer made the walk-through longer, by how much.
    pub fn progress_words(&self, profile: &Profile) -> String {
        let (n, total) = self.progress(profile);
        match self.added {
            0 => format!("Step {n} of {total}"),
            1 => format!("Step {n} of {total} (your last answer added a step)"),
            k => format!("Step {n} of {total} (your last answer added {k} steps)"),
        }
    }
}

/// (question area, glossary panel).
fn parts(app: &App, s: &WalkState, body: Rect) -> (Rect, Rect) {
    let inner = body.inner(Margin::new(1, 0));
    if inner.width >= 110 {
        let [q, g] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(inner);
        let gh = (glossary(app, s, g.width.saturating_sub(4)).len() as u16 + 2).min(g.height);
        return (q, Rect::new(g.x, g.y, g.width, gh));
    }
    let below = if s.step == Step::Date {
        3 + 3
    } else {
        s.step.choices().len() as u16 + 1
    };
    let need = head(app, s, inner.width).len() as u16 + below;
    // Every choice is shown first (a hidden "Just diagnosed" was picked past); the
    // plain-words panel takes the rest, scrolling with PgDn.
    let room = inner.height.saturating_sub(need).max(3);
    let gh = (glossary(app, s, inner.width.saturating_sub(4)).len() as u16 + 2).clamp(3, room);
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
fn head(app: &App, s: &WalkState, width: u16) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        s.progress_words(&app.profile),
        quiet(),
    ))];
    lines.extend(wrapped(
        &s.step.question_for(&app.profile),
        width,
        "",
        heading(),
    ));
    lines.extend(wrapped(s.step.note(), width, "", Style::default()));
    if s.step.is_multiple() {
        // The keys from the table, so the note can't name other keys than the ones that work.
        lines.extend(wrapped(
            &format!(
                "{} ticks or unticks the one marked >, then {} goes on.",
                app.key_name(&Message::Toggle),
                app.key_name(&Message::Enter)
            ),
            width,
            "",
            Style::default(),
        ));
    }
    if let Some((_, said)) = s.from_report.iter().find(|(step, _)| *step == s.step) {
        lines.extend(super::view::labelled(
            "From your report",
            said,
            width,
            Style::default(),
        ));
    } else if s.step == steps::ALL[0] && s.from_report.is_empty() {
        lines.extend(wrapped(&report_hint(app), width, "", quiet()));
    }
    lines.push(Line::default());
    lines
}

/// The first row of the choices, and how many are scrolled past.
fn choices_top(app: &App, s: &WalkState, area: Rect) -> (u16, usize) {
    let h = head(app, s, area.width).len() as u16;
    let top = area.y + h;
    let room = usize::from(area.bottom().saturating_sub(top)).max(1);
    let skip = (s.cursor + 1).saturating_sub(room);
    (top, skip)
}

/// Which choice a click at this row chose.
pub fn choice_at(app: &App, s: &WalkState, _col: u16, row: u16) -> Option<usize> {
    let (q, _) = parts(app, s, areas(app, app.size).body);
    let (top, skip) = choices_top(app, s, q);
    if row < top || row >= q.bottom() {
        return None;
    }
    let i = usize::from(row - top) + skip;
    (i < s.step.choices().len()).then_some(i)
}

pub fn draw(app: &App, s: &WalkState, frame: &mut Frame, body: Rect) {
    let (q, g) = parts(app, s, body);
    let mut lines = head(app, s, q.width);
    if s.step == Step::Date {
        let h = lines.len() as u16;
        frame.render_widget(Paragraph::new(lines), q);
        let field = Rect::new(q.x, q.y + h, q.width.min(30), 3);
        let mut t = s.date.clone();
        t.set_block(Block::bordered().title(" date "));
        t.set_cursor_style(selected());
        if field.bottom() <= q.bottom() {
            frame.render_widget(&t, field);
            super::view::field_cursor(frame, field, &s.date, true);
        }
        if let Some(e) = &s.date_error {
            let r = Rect::new(q.x, q.y + h + 3, q.width, q.height.saturating_sub(h + 3));
            frame.render_widget(Paragraph::new(wrapped(e, r.width, "! ", heading())), r);
        }
    } else {
        let (top, skip) = choices_top(app, s, q);
        let n = s.step.choices().len();
        for (i, c) in s.step.choices().iter().enumerate().skip(skip) {
            let mark = if s.step.is_multiple() {
                if s.step.ticked(&app.profile, i) {
                    "[x]"
                } else {
                    "[ ]"
                }
            } else if i == s.cursor {
                // The mark follows the cursor, as on the welcome screen: Enter keeps it.
                "(•)"
            } else {
                "( )"
            };
            let pointer = if i == s.cursor { ">" } else { " " };
            if i == s.cursor {
                let y = q.y + lines.len() as u16;
                super::view::place_cursor(frame, q, q.x, y);
            }
            let style = if i == s.cursor {
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
        // Choices that don't fit are said to be there, above or below.
        let shown = usize::from(q.bottom().saturating_sub(top));
        super::view::more_marks(
            frame,
            Rect::new(q.x, top, q.width, q.bottom().saturating_sub(top)),
            skip > 0,
            skip + shown < n,
        );
    }
    draw_glossary(app, s, frame, g);
}

fn draw_glossary(app: &App, s: &WalkState, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(Span::styled(" In plain words ", heading()));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let lines = glossary(app, s, inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = s.glossary_scroll.min(max);
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
fn glossary(app: &App, s: &WalkState, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for name in s.step.terms() {
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
        let text = match s.step {
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

/// The walk-through's keys; gives back the screen to show.
pub fn update(app: &mut App, mut s: WalkState, msg: Message) -> Screen {
    let step = s.step;
    if step == Step::Date {
        match msg {
            Message::Enter => {
                let text = s.date.lines().join("");
                let text = text.trim();
                if text.is_empty() {
                    app.profile.appointment.date = None;
                } else {
                    match parse_date(text) {
                        Some(d) if d < app.today => {
                            s.date_error = Some(format!(
                                "{d} has already passed. Type the date of the next appointment, or leave it empty."
                            ));
                            return Screen::Walk(s);
                        }
                        Some(d) => app.profile.appointment.date = Some(d),
                        None => {
                            s.date_error = Some(format!(
                                "\"{}\" is not a date I can read. Please type year-month-day, for example {}.",
                                clean_line(text),
                                app.today
                            ));
                            return Screen::Walk(s);
                        }
                    }
                }
                app.save();
                return s.next(&app.profile);
            }
            Message::Back | Message::BackTab => {
                if let Some(prev) = step.previous(&app.profile) {
                    s.enter(&app.profile, prev);
                }
            }
            Message::Input(input) => {
                s.date.input(input);
                s.date_error = None;
            }
            _ => {}
        }
        return Screen::Walk(s);
    }
    let n = step.choices().len();
    match msg {
        Message::Up | Message::ScrollUp => s.cursor = s.cursor.saturating_sub(1),
        Message::Down | Message::ScrollDown => s.cursor = (s.cursor + 1).min(n - 1),
        Message::Home => s.cursor = 0,
        Message::End => s.cursor = n - 1,
        Message::PageDown => s.glossary_scroll = s.glossary_scroll.saturating_add(3).min(60),
        Message::PageUp => s.glossary_scroll = s.glossary_scroll.saturating_sub(3),
        Message::Click(col, row) => {
            if let Some(i) = choice_at(app, &s, col, row) {
                s.cursor = i;
                if step.is_multiple() {
                    step.choose(&mut app.profile, i);
                    app.save();
                }
            }
        }
        Message::Toggle if step.is_multiple() => {
            step.choose(&mut app.profile, s.cursor);
            app.save();
        }
        Message::Enter if step.is_multiple() && step.clears(s.cursor) => {
            // "None of these was found" / "not sure" on Enter: no change is ticked.
            step.choose(&mut app.profile, s.cursor);
            app.save();
            return s.next(&app.profile);
        }
        Message::Enter | Message::Toggle => {
            if !step.is_multiple() {
                step.choose(&mut app.profile, s.cursor);
                app.save();
            }
            return s.next(&app.profile);
        }
        Message::FromReport if step == steps::ALL[0] => {
            return Screen::Report(super::report::ReportState::new(s));
        }
        Message::Back | Message::BackTab | Message::Left => match step.previous(&app.profile) {
            Some(prev) => s.enter(&app.profile, prev),
            None if s.back.is_some() => return app.open_list(s.back.map(|b| *b)),
            None => {
                let mut w = WelcomeState::new(app.profile.role, app.profile.name.as_deref());
                w.focus = WelcomeFocus::Name;
                return Screen::Welcome(w);
            }
        },
        _ => {}
    }
    Screen::Walk(s)
}

/// The first step's hint that the answers can come from the report.
pub fn report_hint(app: &App) -> String {
    if app.plain {
        // The plain mode reads a file only: a paste can't be typed on one line.
        format!(
            "Have the report as a file? Type {}, for example report ~/Downloads/report.pdf.",
            app.key_name(&Message::FromReport)
        )
    } else {
        format!(
            "Have the report? {} to paste it, or to open its file.",
            app.press(&Message::FromReport)
        )
    }
}
