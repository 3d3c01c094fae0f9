//! "Paste from my report", opened from the walk-through's first step: a large box for the
//! report's text (or the path of a .txt or .pdf file, which the runtime reads for it:
//! `Effect::ReadReport`), then each finding with the line it came from, and only then, when
//! the person asks, the answers used: the walk-through starts again pre-filled, each step
//! saying what the report said, for the person to confirm or change. A conflict or an unclear
//! result is never filled in: it becomes a question on the list.
//!
//! The report's text lives in this screen's state only. It is never saved: the profile, the
//! checklist and the snapshot the signal thread saves hold none of it, and leaving the screen
//! drops it.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

use super::app::{App, Effect, Message, Screen, Status, multi_line};
use super::steps::Step;
use super::view::{heading, labelled, quiet, selected, wrapped};
use super::walk::WalkState;
use crate::report::plain::{quote, value_line};
use crate::report::questions::{name, note, value_words};
use crate::report::{self, Field, Findings, Key, Note, Status as Said};
use crate::text::clean_line;

/// The most text the box takes: a report is a few pages, so a paste larger than this is
/// refused in plain words (and what the box held is kept).
pub const MAX_PASTE_BYTES: usize = 1024 * 1024;

/// How a pasted report is named on screen.
const PASTED: &str = "the pasted text";

/// What has the keyboard while the box is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The paste box.
    Box,
    /// The "Read it" button.
    Read,
    /// The "Back" button.
    Back,
}

/// What was read, before it is used.
#[derive(Debug)]
pub struct Reading {
    pub findings: Findings,
    /// The report as named on screen: the pasted text, or the file's path.
    pub source: String,
}

/// The screen's state.
#[derive(Debug)]
pub struct ReportState {
    /// The paste box (or the path typed).
    pub field: TextArea<'static>,
    pub focus: Focus,
    /// Why the last "Read it" read nothing, in plain words.
    pub error: Option<String>,
    /// The file asked of the runtime, as shown, while it is read.
    pub reading: Option<String>,
    /// What was found, once read: shown until it is used or put back.
    pub found: Option<Reading>,
    /// How far the findings are scrolled.
    pub scroll: u16,
    /// The walk-through to go back to.
    walk: Box<WalkState>,
}

impl ReportState {
    /// An empty box, over the walk-through `walk` (given back unchanged by Esc).
    pub fn new(walk: WalkState) -> ReportState {
        let mut field = multi_line("");
        field.set_placeholder_text(
            "Paste the report here, or type its file's path (~/Downloads/report.pdf)",
        );
        field.set_placeholder_style(quiet());
        ReportState {
            field,
            focus: Focus::Box,
            error: None,
            reading: None,
            found: None,
            scroll: 0,
            walk: Box::new(walk),
        }
    }

    /// True while the box is shown: letters are text (the whole screen, buttons included, so
    /// a stray `q` never closes the app over a paste).
    pub fn typing(&self) -> bool {
        self.found.is_none()
    }

    /// True when a button, not the box, has the keyboard.
    pub fn on_button(&self) -> bool {
        self.focus != Focus::Box
    }

    /// The text in the box.
    pub fn text(&self) -> String {
        self.field.lines().join("\n")
    }

    /// The runtime's answer to `Effect::ReadReport`.
    pub fn answered(&mut self, msg: Message) {
        let source = self.reading.take().unwrap_or_else(|| PASTED.into());
        match msg {
            Message::ReportRead(text) => {
                self.found = Some(Reading {
                    findings: report::read(&text),
                    source,
                });
                self.scroll = 0;
            }
            Message::ReportFailed(why) => {
                // Back in the box, what was typed kept, to correct it.
                self.error = Some(why);
                self.focus = Focus::Box;
            }
            _ => {}
        }
    }
}

/// The step of the walk-through a finding answers (Ki-67 has none).
pub fn step_of(key: Key) -> Option<Step> {
    Some(match key {
        Key::Er => Step::Er,
        Key::Pr => Step::Pr,
        Key::Her2Ihc => Step::Ihc,
        Key::Her2Ish => Step::Ish,
        Key::Grade => Step::Grade,
        Key::Nodes => Step::Nodes,
        Key::Stage => Step::Stage,
        Key::Sex => Step::Sex,
        Key::Ki67 => return None,
    })
}

/// The box's text as a file path, when it is one: a single line that starts like a path
/// (`/`, `~/`, `./`) or ends in .pdf or .txt. A path dropped on the terminal may come quoted,
/// with escaped spaces, or as a `file://` address.
pub fn as_path(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.contains('\n') {
        return None;
    }
    let t = ['\'', '"']
        .iter()
        .find_map(|q| t.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(t);
    let t = t
        .strip_prefix("file://")
        .map_or_else(|| t.replace("\\ ", " "), |rest| rest.replace("%20", " "));
    let lower = t.to_ascii_lowercase();
    let pathy = ["/", "~/", "./", "../"].iter().any(|p| t.starts_with(p))
        || [".pdf", ".txt"].iter().any(|e| lower.ends_with(e));
    pathy.then_some(t)
}

/// The runtime's half of `Effect::ReadReport`: the file's text (a PDF's text layer), or why
/// not in plain words. `home` is for a leading `~`.
pub fn read_path(typed: &str, home: Option<std::ffi::OsString>) -> Message {
    let Some(path) = super::app::folder_path(typed, home) else {
        return Message::ReportFailed("Type the path of the report's file.".into());
    };
    let shown = clean_line(&path.display().to_string());
    match report::input::read_file(&path).and_then(|b| report::input::text_of(&b, &shown)) {
        Ok(text) => Message::ReportRead(text),
        Err(e) => Message::ReportFailed(report::input::in_app(&e)),
    }
}

/// A paste: into the box all at once, its line breaks kept.
pub fn paste(app: &mut App, text: &str) {
    let Screen::Report(s) = &mut app.screen else {
        return;
    };
    if !s.typing() {
        return;
    }
    let held: usize = s.field.lines().iter().map(|l| l.len() + 1).sum();
    if held + text.len() > MAX_PASTE_BYTES {
        app.status = Some(Status::Note(format!(
            "That paste is larger than {} MB, and a pathology report is a few pages, so I did not take it. Paste only the report, or save it as a file and type its path.",
            MAX_PASTE_BYTES / (1024 * 1024)
        )));
        return;
    }
    s.focus = Focus::Box;
    s.error = None;
    s.field.insert_str(text);
}

/// The screen's keys; gives back the screen to show.
pub fn update(app: &mut App, mut s: ReportState, msg: Message) -> Screen {
    if s.found.is_some() {
        match msg {
            Message::Up | Message::ScrollUp => s.scroll = s.scroll.saturating_sub(1),
            Message::Down | Message::ScrollDown => s.scroll = s.scroll.saturating_add(1).min(500),
            Message::PageUp => s.scroll = s.scroll.saturating_sub(10),
            Message::PageDown => s.scroll = s.scroll.saturating_add(10).min(500),
            Message::Home => s.scroll = 0,
            Message::Enter => return use_answers(app, s),
            Message::Back | Message::Left => {
                // Back to the box, the text still in it; nothing read is kept.
                s.found = None;
                s.scroll = 0;
                s.focus = Focus::Box;
            }
            _ => {}
        }
        return Screen::Report(s);
    }
    match msg {
        Message::Back => return Screen::Walk(*s.walk),
        Message::Tab => {
            s.focus = match s.focus {
                Focus::Box => Focus::Read,
                Focus::Read => Focus::Back,
                Focus::Back => Focus::Box,
            }
        }
        Message::BackTab => {
            s.focus = match s.focus {
                Focus::Box => Focus::Back,
                Focus::Read => Focus::Box,
                Focus::Back => Focus::Read,
            }
        }
        Message::Enter => match s.focus {
            Focus::Box => {
                s.field.insert_newline();
            }
            Focus::Read => read_it(app, &mut s),
            Focus::Back => return Screen::Walk(*s.walk),
        },
        Message::Input(input) => {
            // Typing on a button goes to the box.
            s.focus = Focus::Box;
            s.error = None;
            s.field.input(input);
        }
        _ => {}
    }
    Screen::Report(s)
}

/// "Read it": the text in the box, or the file whose path it holds (read by the runtime).
fn read_it(app: &mut App, s: &mut ReportState) {
    let text = s.text();
    s.error = None;
    if text.trim().is_empty() {
        s.error = Some(
            "The box is empty. Paste the report's text into it, or type the path of its file."
                .into(),
        );
        s.focus = Focus::Box;
        return;
    }
    if let Some(path) = as_path(&text) {
        s.reading = Some(clean_line(&path));
        app.ask(Effect::ReadReport(path));
        return;
    }
    s.found = Some(Reading {
        findings: report::read(&text),
        source: PASTED.into(),
    });
    s.scroll = 0;
}

/// "Use these answers": the values found go into the profile, the questions the report leaves
/// onto the list, and the walk-through starts again, pre-filled, for the person to check.
fn use_answers(app: &mut App, mut s: ReportState) -> Screen {
    let Some(read) = s.found.take() else {
        return Screen::Report(s);
    };
    if read.findings.is_empty() {
        // Nothing to use: back to the box to paste something else.
        s.focus = Focus::Box;
        return Screen::Report(s);
    }
    let applied = read.findings.apply_to(&mut app.profile);
    let added = read.findings.add_questions(&mut app.state);
    app.save();
    let back = s.walk.back.take().map(|b| *b);
    let mut w = WalkState::start(&app.profile, back);
    w.from_report = walk_notes(&read.findings, &applied);
    let filled = applied.iter().filter(|k| step_of(**k).is_some()).count();
    let mut said = format!(
        "{filled} answer{} filled in from your report. Check each step: Enter keeps it, or choose another answer.",
        if filled == 1 { "" } else { "s" }
    );
    if added > 0 {
        said.push_str(&format!(
            " {added} question{} about what it leaves open {} on your list.",
            if added == 1 { "" } else { "s" },
            if added == 1 { "is" } else { "are" }
        ));
    }
    app.status = Some(Status::Note(said));
    Screen::Walk(w)
}

/// Who disagrees, in plain words: "the biopsy and the surgery sample", or "the report's
/// lines" when one specimen gives two results.
fn who_disagrees(f: &Field) -> String {
    let mut wheres: Vec<&str> = Vec::new();
    for c in &f.candidates {
        if !wheres.contains(&c.specimen.as_str()) {
            wheres.push(&c.specimen);
        }
    }
    match wheres.as_slice() {
        [a, b] => format!("the {a} and the {b} disagree"),
        [_, _, ..] => "the samples disagree".into(),
        _ => "the report gives different results".into(),
    }
}

/// What each step of the walk-through says about the report: the line a value came from, or
/// why nothing was filled in.
pub fn walk_notes(f: &Findings, applied: &[Key]) -> Vec<(Step, String)> {
    let mut out = Vec::new();
    for (key, field) in &f.fields {
        let Some(step) = step_of(*key) else {
            continue;
        };
        let said = match field.status {
            Said::Found if applied.contains(key) => {
                format!("line {}, {}", field.line, quote(&field.quote))
            }
            Said::Found => continue,
            Said::Conflict => {
                let each: Vec<String> = field
                    .candidates
                    .iter()
                    .map(|c| {
                        let v = c.value.as_deref().map(|v| value_words(*key, v));
                        format!("{} on line {}", v.unwrap_or_default(), c.line)
                    })
                    .collect();
                format!(
                    "{} ({}), so nothing is filled in. A question about it is on your list.",
                    who_disagrees(field),
                    each.join(", ")
                )
            }
            Said::Unclear => match tnm_only(f, *key) {
                Some(t) => format!(
                    "it gives {t} (line {}) but no stage, so nothing is filled in. A question about it is on your list.",
                    field.line
                ),
                None => format!(
                    "line {}, {}, cannot be read safely, so nothing is filled in. A question about it is on your list.",
                    field.line,
                    quote(&field.quote)
                ),
            },
        };
        out.push((step, said));
    }
    out
}

/// The pT/pN categories written instead of a stage, for the stage.
fn tnm_only(f: &Findings, key: Key) -> Option<String> {
    f.notes.iter().find_map(|n| match n {
        Note::TnmOnly { tnm, .. } if key == Key::Stage => Some(clean_line(tnm)),
        _ => None,
    })
}

/// The answer the walk-through has now for a step, when one is given (not the step's
/// "I don't know" or "I'd rather not say").
fn answer_now(app: &App, step: Step) -> Option<&'static str> {
    let i = step.current(&app.profile);
    if i == step.current(&crate::profile::Profile::default()) {
        return None;
    }
    step.choices().get(i).copied()
}

/// Every line of the findings, for this width.
pub fn found_lines(app: &App, r: &Reading, width: u16) -> Vec<Line<'static>> {
    let f = &r.findings;
    let source = clean_line(&r.source);
    let mut lines = Vec::new();
    if f.is_empty() {
        lines.extend(wrapped(
            &format!(
                "I found none of ER, PR, HER2, grade, lymph nodes, Ki-67, stage or sex in {source}. Is it a pathology report? (A scan must be typed or pasted as text.) {} to go back {}.",
                app.press(&Message::Back),
                // The plain mode has no box: back is the walk-through.
                if app.plain { "to the questions" } else { "to the box" }
            ),
            width,
            "",
            heading(),
        ));
        return lines;
    }
    lines.extend(wrapped(
        &format!(
            "What I found in {source}. Check each against your report: nothing is used until you {}.",
            app.press_lower(&Message::Enter)
        ),
        width,
        "",
        heading(),
    ));
    let mut after = app.profile.clone();
    f.apply_to(&mut after);
    let open = "A question about it goes on your list.";
    for (key, field) in &f.fields {
        lines.push(Line::default());
        let title = clean_line(name(*key));
        match field.status {
            Said::Found => {
                lines.extend(labelled(
                    &title,
                    &format!("{} (found)", clean_line(&value_line(*key, field))),
                    width,
                    Style::default(),
                ));
                lines.extend(quoted(field.line, &field.quote, width));
                match step_of(*key) {
                    None => lines.extend(wrapped(
                        "The walk-through does not ask about this one; it is shown for you.",
                        width,
                        "    ",
                        quiet(),
                    )),
                    Some(step) => {
                        if let Some(was) = answer_now(app, step)
                            && step.current(&after) != step.current(&app.profile)
                        {
                            lines.extend(wrapped(
                                &format!("This replaces your answer \"{was}\"."),
                                width,
                                "    ",
                                heading(),
                            ));
                        }
                    }
                }
            }
            Said::Conflict => {
                lines.extend(labelled(
                    &title,
                    &format!("{}, so it is not filled in", who_disagrees(field)),
                    width,
                    Style::default(),
                ));
                for c in &field.candidates {
                    let v = c.value.as_deref().map(|v| value_words(*key, v));
                    lines.extend(wrapped(
                        &format!(
                            "{} ({}), line {}: {}",
                            v.unwrap_or_default(),
                            clean_line(&c.specimen),
                            c.line,
                            quote(&c.quote)
                        ),
                        width,
                        "    ",
                        Style::default(),
                    ));
                }
                lines.extend(wrapped(
                    &format!("{} {open}", note("conflict", &[])),
                    width,
                    "    ",
                    quiet(),
                ));
            }
            Said::Unclear => {
                let (said, why) = match tnm_only(f, *key) {
                    Some(t) => (
                        "not written as a stage, so it is not filled in".to_string(),
                        note("tnm_only", &[("tnm", &t)]),
                    ),
                    None => (
                        "could not be read safely, so it is not filled in".to_string(),
                        note("unclear", &[]),
                    ),
                };
                lines.extend(labelled(&title, &said, width, Style::default()));
                lines.extend(quoted(field.line, &field.quote, width));
                lines.extend(wrapped(&format!("{why} {open}"), width, "    ", quiet()));
            }
        }
    }
    let missing: Vec<&str> = f.not_stated().into_iter().map(name).collect();
    if !missing.is_empty() {
        lines.push(Line::default());
        lines.extend(wrapped(
            &format!(
                "Not stated in the report: {}. Those steps stay as they are.",
                missing.join(", ")
            ),
            width,
            "",
            Style::default(),
        ));
    }
    let qs = f.questions();
    if !qs.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "These questions go on your list:",
            heading(),
        )));
        for q in qs {
            lines.extend(wrapped(&clean_line(&q), width, "• ", Style::default()));
        }
    }
    lines
}

fn quoted(line: usize, q: &str, width: u16) -> Vec<Line<'static>> {
    wrapped(
        &format!("line {line}: {}", quote(q)),
        width,
        "    ",
        quiet(),
    )
}

/// A row of buttons, the focused one marked.
fn buttons(labels: &[(&str, bool)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (label, on) in labels {
        let style = if *on { selected() } else { heading() };
        spans.push(Span::styled(format!("[ {label} ]"), style));
        spans.push(Span::raw("   "));
    }
    Line::from(spans)
}

pub fn draw(app: &App, s: &ReportState, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    if let Some(r) = &s.found {
        let h = inner.height.saturating_sub(2);
        let area = Rect::new(inner.x, inner.y, inner.width, h);
        let all = found_lines(app, r, area.width);
        let max = (all.len() as u16).saturating_sub(area.height);
        let scroll = s.scroll.min(max);
        frame.render_widget(Paragraph::new(all).scroll((scroll, 0)), area);
        if scroll < max && area.width > 30 {
            let more = &format!(" more below: {} ", app.key_name(&Message::Up));
            let w = more.len() as u16;
            frame.render_widget(
                Span::styled(more, selected()),
                Rect::new(area.right() - w, area.bottom() - 1, w, 1),
            );
        }
        let (enter, back) = (app.key_name(&Message::Enter), app.key_name(&Message::Back));
        let row = if r.findings.is_empty() {
            buttons(&[(&format!("Back to the box: {back}"), true)])
        } else {
            buttons(&[
                (&format!("Use these answers: {enter}"), true),
                (&format!("Back: {back}"), false),
            ])
        };
        frame.render_widget(
            Paragraph::new(row),
            Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1),
        );
        return;
    }
    let intro = wrapped(
        "Paste the text of your pathology report into the box (in most terminals: Ctrl+Shift+V, or right-click and Paste), or type the path of a file saved from your patient portal (.txt or .pdf). You see everything I find before anything is used, and the report itself is never saved.",
        inner.width,
        "",
        Style::default(),
    );
    let ih = intro.len() as u16;
    frame.render_widget(
        Paragraph::new(intro),
        Rect::new(inner.x, inner.y, inner.width, ih),
    );
    let error = s
        .error
        .as_deref()
        .map(|e| wrapped(&clean_line(e), inner.width, "! ", heading()))
        .unwrap_or_default();
    let eh = (error.len() as u16).min(3);
    let box_h = inner.height.saturating_sub(ih + 2 + eh).max(3);
    let field_area = Rect::new(inner.x, inner.y + ih + 1, inner.width, box_h);
    super::field::draw(
        frame,
        field_area,
        &s.field,
        Some(Block::bordered().title(" your report ")),
        s.focus == Focus::Box,
    );
    let y = field_area.bottom();
    let n = s.field.lines().len();
    let mut row = buttons(&[
        ("Read it", s.focus == Focus::Read),
        ("Back", s.focus == Focus::Back),
    ]);
    if !s.text().trim().is_empty() {
        row.spans.push(Span::styled(
            format!("{n} line{} in the box", if n == 1 { "" } else { "s" }),
            quiet(),
        ));
    }
    if y < inner.bottom() {
        frame.render_widget(Paragraph::new(row), Rect::new(inner.x, y, inner.width, 1));
    }
    if eh > 0 && y + 1 < inner.bottom() {
        let h = eh.min(inner.bottom() - y - 1);
        frame.render_widget(
            Paragraph::new(error),
            Rect::new(inner.x, y + 1, inner.width, h),
        );
    }
}
