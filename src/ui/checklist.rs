//! The checklist (and, with counts and answers shown, visit mode): questions grouped by topic,
//! the selected one's "why", source and words in a side or bottom panel; the answer editor,
//! the "add my own question" window and the clinician filter.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::bank::Priority;
use crate::checklist::{Checklist, Item};
use crate::export::clinician_words;
use crate::text::{clean, clean_line};

use super::app::{App, Popup, Screen, filter_words};
use super::steps;
use super::view::{areas, heading, labelled, popup_box, quiet, selected, wrap, wrapped};

/// (header, list, detail panel).
fn parts(body: Rect) -> (Rect, Rect, Rect) {
    let inner = body.inner(Margin::new(1, 0));
    let [header, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(inner);
    if inner.width >= 110 {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(rest);
        (header, list, detail)
    } else {
        let [list, detail] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length((rest.height / 3).clamp(9, 14)),
        ])
        .areas(rest);
        (header, list, detail)
    }
}

/// What one display row of the list shows, before selection and styling.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// A topic heading.
    Heading,
    /// The first line of a question (its tick box and marks go before it).
    First,
    /// A further line of a question.
    More,
    /// A line of the answer shown under a question in visit mode (`true` for the first).
    Answer(bool),
}

/// One display row: its text, and the index of the item it belongs to.
#[derive(Debug, Clone)]
pub struct Row {
    kind: RowKind,
    /// Shared with the cache of wrapped lines, so laying the list out again copies no text.
    text: Rc<str>,
    item: Option<usize>,
}

/// A question's marks that are part of its wrapped text: (answer written, answered at a
/// visit, hidden). The tick box and star are drawn in front, not wrapped: whether a question
/// was asked must not be part of the rows (a tick keeps them, see `RowCache::laid_out`).
type Marks = (bool, bool, bool);

/// Wrapped lines of one text.
type Lines = Rc<[Rc<str>]>;

/// The list's rows, kept between frames, and every question's and answer's wrapped lines
/// by content: moving the selection or redrawing reuses the rows; a change to the list (a
/// tick, an answer, a search) lays the rows out again but wraps only the texts that changed.
#[derive(Default)]
pub struct RowCache {
    /// The list (its number, see `App::list_number`), width and screen `rows` are laid out
    /// for. Rows don't show whether a question was asked (its tick box is drawn each frame),
    /// so a list patched with new ticks keeps its number and its rows.
    laid_out: Option<(usize, u16, bool)>,
    rows: Rc<Vec<Row>>,
    /// The width the wrapped lines below are for.
    width: u16,
    /// Question text -> its wrapped lines, for each set of marks seen.
    questions: HashMap<String, Vec<(Marks, Lines)>>,
    /// Answer text -> its first two wrapped lines (visit mode).
    answers: HashMap<String, Lines>,
}

/// The list's rows, laid out once per checklist, width and screen.
fn rows(app: &App, list: &Rc<Checklist>, width: u16) -> Rc<Vec<Row>> {
    let visit = app.screen == Screen::Visit;
    let number = app.list_number();
    let mut guard = app.row_cache.borrow_mut();
    let cache = guard.get_or_insert_with(RowCache::default);
    if cache.laid_out == Some((number, width, visit)) {
        return Rc::clone(&cache.rows);
    }
    if cache.width != width {
        cache.questions.clear();
        cache.answers.clear();
        cache.width = width;
    }
    let rows = Rc::new(layout(cache, list, visit, &app.wraps));
    cache.rows = Rc::clone(&rows);
    cache.laid_out = Some((number, width, visit));
    rows
}

/// Wraps a text for the list, counting it (tests check that only changed texts are wrapped).
fn wrap_counted(text: &str, width: u16, wraps: &Cell<usize>) -> Vec<Rc<str>> {
    wraps.set(wraps.get() + 1);
    wrap(text, width).into_iter().map(Rc::from).collect()
}

/// Lays out every heading, question and (in visit mode) answer, taking wrapped lines from the
/// cache. Only what this list shows is kept in the cache afterwards, so it can't grow with
/// every answer typed.
fn layout(cache: &mut RowCache, list: &Checklist, visit: bool, wraps: &Cell<usize>) -> Vec<Row> {
    let width = cache.width;
    let mut old_questions = std::mem::take(&mut cache.questions);
    let mut old_answers = std::mem::take(&mut cache.answers);
    let mut out = Vec::new();
    let mut index = 0;
    for g in list.groups() {
        out.push(Row {
            kind: RowKind::Heading,
            text: clean_line(g.title).to_uppercase().into(),
            item: None,
        });
        for item in g.items {
            let s = &item.state;
            let marks = (
                !s.answer.trim().is_empty() && !visit,
                s.answered_on.is_some(),
                s.hidden,
            );
            if !cache.questions.contains_key(&item.text) {
                let (text, seen) = old_questions
                    .remove_entry(&item.text)
                    .unwrap_or_else(|| (item.text.clone(), Vec::new()));
                cache.questions.insert(text, seen);
            }
            let seen = cache.questions.get_mut(&item.text).expect("just inserted");
            let lines = match seen.iter().find(|(m, _)| *m == marks) {
                Some((_, lines)) => Rc::clone(lines),
                None => {
                    let mut text = clean_line(&item.text);
                    if marks.0 {
                        text.push_str(" ✎");
                    }
                    if marks.1 {
                        text.push_str(" (answered)");
                    }
                    if marks.2 {
                        text.push_str(" (hidden)");
                    }
                    let lines: Lines = wrap_counted(&text, width.saturating_sub(9), wraps).into();
                    seen.push((marks, Rc::clone(&lines)));
                    lines
                }
            };
            for (i, l) in lines.iter().enumerate() {
                out.push(Row {
                    kind: if i == 0 {
                        RowKind::First
                    } else {
                        RowKind::More
                    },
                    text: Rc::clone(l),
                    item: Some(index),
                });
            }
            if visit && !s.answer.trim().is_empty() {
                if !cache.answers.contains_key(&s.answer) {
                    let (answer, lines) =
                        old_answers.remove_entry(&s.answer).unwrap_or_else(|| {
                            let mut lines = wrap_counted(
                                &clean_line(&s.answer),
                                width.saturating_sub(11),
                                wraps,
                            );
                            if lines.len() > 2 {
                                // Cut after two lines, and say so.
                                lines.truncate(2);
                                let max = usize::from(width.saturating_sub(11));
                                let mut last = lines[1].trim_end().to_string();
                                while unicode_width::UnicodeWidthStr::width(last.as_str()) + 2 > max
                                    && let Some(i) = last.rfind(' ')
                                {
                                    last.truncate(i);
                                }
                                lines[1] = format!("{last} …").into();
                            }
                            (s.answer.clone(), lines.into())
                        });
                    cache.answers.insert(answer, lines);
                }
                for (i, l) in cache.answers[&s.answer].iter().enumerate() {
                    out.push(Row {
                        kind: RowKind::Answer(i == 0),
                        text: Rc::clone(l),
                        item: Some(index),
                    });
                }
            }
            index += 1;
        }
    }
    out
}

/// Styles the shown rows: the selected question's marks and highlight bar are added here.
fn styled(app: &App, list: &Checklist, rows: &[Row], width: u16) -> Vec<Line<'static>> {
    rows.iter()
        .map(|row| {
            let is_sel = row.item == Some(app.selected);
            let style = if is_sel { selected() } else { Style::default() };
            match (&row.kind, row.item.and_then(|i| list.items.get(i))) {
                (RowKind::Heading, _) | (_, None) => Line::from(Span::styled(
                    row.text.to_string(),
                    heading().add_modifier(Modifier::UNDERLINED),
                )),
                (RowKind::Answer(first), Some(_)) => {
                    let pre = if *first { "        → " } else { "          " };
                    Line::from(vec![
                        Span::raw(pre),
                        Span::styled(row.text.to_string(), quiet()),
                    ])
                }
                (kind, Some(item)) => {
                    let s = &item.state;
                    let pre = if *kind == RowKind::First {
                        format!(
                            "{} {}{}{} ",
                            if is_sel { ">" } else { " " },
                            if s.asked { "[x]" } else { "[ ]" },
                            if s.starred { "★" } else { " " },
                            if item.priority == Priority::Essential && !item.own {
                                "!"
                            } else {
                                " "
                            },
                        )
                    } else {
                        " ".repeat(8)
                    };
                    let content = if is_sel {
                        // Pad the selected row so the highlight reads as a bar.
                        let w = unicode_width::UnicodeWidthStr::width(&*row.text);
                        format!(
                            "{}{}",
                            row.text,
                            " ".repeat(usize::from(width.saturating_sub(9)).saturating_sub(w))
                        )
                    } else {
                        row.text.to_string()
                    };
                    Line::from(vec![Span::styled(pre, style), Span::styled(content, style)])
                }
            }
        })
        .collect()
}

/// The first shown row: keeps the selected question in view, a third of the way down.
fn offset(rows: &[Row], selected: usize, height: u16) -> usize {
    let height = usize::from(height);
    let start = rows
        .iter()
        .position(|r| r.item == Some(selected))
        .unwrap_or(0);
    let end = rows
        .iter()
        .rposition(|r| r.item == Some(selected))
        .unwrap_or(0);
    // Show the topic heading just above a first question too.
    let start = if start > 0 && rows[start - 1].item.is_none() {
        start - 1
    } else {
        start
    };
    let max = rows.len().saturating_sub(height);
    let mut off = start.saturating_sub(height / 3).min(max);
    if end >= off + height {
        off = end + 1 - height;
    }
    off
}

/// Which question a click at (col, row) chose, and whether it landed on its `[ ]` box.
pub fn item_at(app: &App, col: u16, row: u16) -> Option<(usize, bool)> {
    let (_, list_area, _) = parts(areas(app, app.size).body);
    if row < list_area.y
        || row >= list_area.bottom()
        || col < list_area.x
        || col >= list_area.right()
    {
        return None;
    }
    let list = app.checklist();
    let r = rows(app, &list, list_area.width);
    let off = offset(&r, app.selected, list_area.height);
    let hit = r.get(off + usize::from(row - list_area.y))?;
    // The box is drawn at columns 2-4 of a question's first line ("> [ ]★! ").
    let on_box = hit.kind == RowKind::First && (2..5).contains(&(col - list_area.x));
    hit.item.map(|i| (i, on_box))
}

fn header(app: &App, list: &Checklist) -> Vec<Line<'static>> {
    let mut first = Vec::new();
    if app.screen == Screen::Visit {
        let (asked, answered, _) = list.counts();
        let open = crate::filter::open_count(&list.items);
        let started = app.state.visit_started.unwrap_or(app.today);
        first.push(Span::styled(
            format!(
                "Visit of {} with {}",
                started.strftime("%a %-d %b %Y"),
                clinician_words(app.profile.appointment.with)
            ),
            heading(),
        ));
        // A cut in force is said, so the counts below are understood (Esc shows all).
        let mut cut = Vec::new();
        if app.options.only_for.is_some() {
            cut.push(format!("for: {}", filter_words(app.options.only_for)));
        }
        if !app.query.is_empty() {
            cut.push(format!("matching \"{}\"", clean_line(&app.query)));
        }
        if !cut.is_empty() {
            first.push(Span::raw(format!(" · {} (Esc: all)", cut.join(", "))));
        }
        return vec![
            Line::from(first),
            Line::from(vec![
                Span::styled(
                    format!("asked {asked} · answered {answered} · still open {open}"),
                    heading(),
                ),
                Span::styled("   [x] asked  ★ starred  ! most important", quiet()),
            ]),
        ];
    } else {
        let n = list.items.len();
        first.push(Span::styled(
            format!("{n} question{}", if n == 1 { "" } else { "s" }),
            heading(),
        ));
        let mut how = Vec::new();
        if app.options.top.is_some() {
            how.push(format!("the top {} of {}", n, list.total));
        }
        if app.options.only_for.is_some() {
            how.push(format!("for: {}", filter_words(app.options.only_for)));
        }
        if app.options.show_hidden {
            how.push("hidden ones shown".into());
        }
        if !app.query.is_empty() {
            how.push(format!("matching \"{}\"", clean_line(&app.query)));
        }
        if how.is_empty() {
            how.push(format!(
                "most important first (t: top {})",
                crate::checklist::DEFAULT_TOP
            ));
        }
        first.push(Span::raw(format!(" · {}", how.join(", "))));
        if let Some(d) = app.profile.appointment.date {
            first.push(Span::raw(format!(
                " · next visit {}",
                d.strftime("%a %-d %b %Y")
            )));
        }
    }
    vec![
        Line::from(first),
        Line::from(Span::styled(
            "[x] asked   ★ starred   ! most important   ✎ answer written",
            quiet(),
        )),
    ]
}

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let (head, list_area, detail) = parts(body);
    let list = app.checklist();
    frame.render_widget(Paragraph::new(header(app, &list)), head);
    if list.items.is_empty() {
        let why = if !app.query.is_empty() {
            "No question matches your search. Press Esc to clear it."
        } else if app.options.only_for.is_some() {
            "No question is marked for this clinician. Press f to choose someone else, or Esc to show all."
        } else {
            "There are no questions to show. Press a to add your own, or H to show hidden ones."
        };
        frame.render_widget(
            Paragraph::new(wrapped(why, list_area.width, "", Style::default())),
            list_area,
        );
    } else {
        let r = rows(app, &list, list_area.width);
        let off = offset(&r, app.selected, list_area.height);
        let end = (off + usize::from(list_area.height)).min(r.len());
        let lines = styled(app, &list, &r[off..end], list_area.width);
        frame.render_widget(Paragraph::new(lines), list_area);
        if !app.detail_focus
            && let Some(i) = r[off..end]
                .iter()
                .position(|row| row.item == Some(app.selected) && row.kind == RowKind::First)
        {
            super::view::place_cursor(frame, list_area, list_area.x, list_area.y + i as u16);
        }
    }
    draw_detail(app, list.items.get(app.selected), frame, detail);
}

/// The lines of the panel about one question.
pub fn detail_lines(app: &App, item: &Item, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    lines.extend(wrapped(&clean_line(&item.text), width, "", heading()));
    let priority = if item.own {
        "your own question".to_string()
    } else {
        match item.priority {
            Priority::Essential => "most important".into(),
            Priority::Important => "important".into(),
            Priority::Optional => "worth asking if there is time".into(),
        }
    };
    lines.extend(wrapped(
        &format!("{} · {}", priority, clean_line(&item.topic_title)),
        width,
        "",
        quiet(),
    ));
    let answer = clean(&item.state.answer);
    if answer.trim().is_empty() {
        lines.push(Line::from(Span::styled(
            "Answer: none yet (press Enter to write it)",
            quiet(),
        )));
    } else {
        lines.push(Line::from(Span::styled("Answer:", heading())));
        for l in wrap(&answer, width.saturating_sub(2)) {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    if let Some(d) = item.state.answered_on {
        lines.push(Line::from(format!("Answered at the visit of {d}.")));
    }
    lines.extend(labelled(
        "Why it is on my list",
        &clean_line(&item.because()),
        width,
        Style::default(),
    ));
    if !item.own && !item.why.is_empty() {
        lines.extend(labelled(
            "Why ask",
            &clean_line(&item.why),
            width,
            Style::default(),
        ));
    }
    if let Some(s) = &item.source {
        let doc = app
            .bank
            .document(&s.document)
            .map(|d| d.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                if s.document == crate::bank::GENERAL_SOURCE {
                    "well-established clinical fact".into()
                } else {
                    s.document.clone()
                }
            });
        let src = if s.section.is_empty() {
            doc
        } else {
            format!("{doc}: {}", s.section)
        };
        lines.extend(labelled("Source", &clean_line(&src), width, quiet()));
    }
    for t in app.bank.glossary.used_in(&item.text) {
        lines.extend(labelled(
            &clean_line(&t.term),
            &clean_line(&t.definition),
            width,
            Style::default(),
        ));
    }
    lines
}

fn draw_detail(app: &App, item: Option<&Item>, frame: &mut Frame, area: Rect) {
    let title = if app.detail_focus {
        " About this question (Tab: back to the list) "
    } else {
        " About this question "
    };
    let mut block = Block::bordered().title(Span::styled(title, heading()));
    if app.detail_focus {
        block = block.border_style(Style::default().add_modifier(Modifier::BOLD));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(item) = item else { return };
    let inner = inner.inner(Margin::new(1, 0));
    let lines = detail_lines(app, item, inner.width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = app.detail_scroll.min(max);
    if scroll < max {
        let more = if app.detail_focus {
            " more below: Down "
        } else {
            " more: Tab, then Down "
        };
        let w = more.len() as u16;
        if area.width > w + 4 {
            frame.render_widget(
                Span::styled(more, quiet()),
                Rect::new(area.right() - w - 2, area.bottom() - 1, w, 1),
            );
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

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
            let mut t = field.clone();
            t.set_block(Block::bordered());
            t.set_cursor_style(selected());
            frame.render_widget(&t, field_area);
            super::view::field_cursor(frame, field_area, field, true);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "Saved as you type. Enter: new line. Esc: done.",
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
            let mut t = field.clone();
            t.set_block(Block::bordered().title(if *on_topic { "" } else { " typing " }));
            t.set_cursor_style(if *on_topic {
                Style::default()
            } else {
                selected()
            });
            let field_area = Rect::new(inner.x, inner.y + 1, inner.width, 4);
            frame.render_widget(&t, field_area);
            if !*on_topic {
                super::view::field_cursor(frame, field_area, field, true);
            } else {
                let y = inner.y + 6 + (*topic - topic_window(inner, *topic).1) as u16;
                super::view::place_cursor(frame, inner, inner.x + 1, y);
            }
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "Under which topic (Tab to choose):",
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
                "Enter: add it.  Tab: question / topic.  Esc: cancel.",
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

pub fn draw_filter(cursor: usize, frame: &mut Frame, area: Rect) {
    let inner = popup_box(
        frame,
        area,
        FILTER_SIZE.0,
        FILTER_SIZE.1,
        "Show the questions for",
    );
    let mut options = vec!["Everyone (all questions)"];
    options.extend(steps::clinicians().iter().map(|(_, l)| *l));
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
