//! What the plain mode says for each screen: plain lines, read from the screens' own state and
//! the library (the step's question and choices, the checklist's groups, the export form), no
//! escape codes, no colour, nothing that assumes a cursor position.

use ratatui::text::Line;

use super::super::app::{App, Screen, filter_words, long_date};
use super::super::export::{ExportState, Output};
use super::super::popup::Popup;
use super::super::{results, view, welcome};
use super::words::{Where, where_};
use crate::bank::Priority;
use crate::checklist::{Checklist, Item};
use crate::export::clinician_words;
use crate::text::clean_line;

/// Wide enough that the app's own wrapping never cuts a paragraph: the terminal (or the
/// screen reader) wraps the line.
const WIDE: u16 = 10_000;

/// A drawn line as plain text: its spans joined, runs of spaces made one.
pub fn flat(line: &Line) -> String {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first line: the screen's title, and whose list it is.
fn title(app: &App) -> String {
    let who = match app.profile.display_name() {
        Some(n) => format!(", for {}", clean_line(n)),
        None => String::new(),
    };
    format!("{}{who}.", view::title(app.screen.kind()))
}

/// Numbered choices, with the marked one said in words.
fn numbered(choices: &[String], mark: impl Fn(usize) -> Option<&'static str>) -> Vec<String> {
    choices
        .iter()
        .enumerate()
        .map(|(i, c)| match mark(i) {
            Some(m) => format!("{}. {} ({m})", i + 1, clean_line(c)),
            None => format!("{}. {}", i + 1, clean_line(c)),
        })
        .collect()
}

/// Everything the screen shows now, as lines.
pub fn screen(app: &App) -> Vec<String> {
    let at = where_(app);
    let choices = super::words::choices(app);
    let mut out = Vec::new();
    match (at, &app.screen, &app.popup) {
        (_, _, Some(Popup::Answer { id, field })) => {
            let list = app.checklist();
            let question = list
                .item(id)
                .map(|i| clean_line(&i.text))
                .unwrap_or_default();
            out.push("The answer, or notes.".into());
            out.push(question);
            let now = field.lines().join(" / ");
            if !now.trim().is_empty() {
                out.push(format!("Written so far: {}", clean_line(&now)));
            }
            out.push(
                "Type the answer on one line; it is added after what is written. Enter alone leaves it as it is."
                    .into(),
            );
        }
        (_, _, Some(Popup::AddOwn { .. })) if at == Where::AddOwn => {
            out.push("Add my own question.".into());
            out.push("Type your question on one line. Enter alone adds nothing.".into());
        }
        (_, _, Some(Popup::AddOwn { topic, .. })) => {
            out.push("Under which topic?".into());
            out.extend(numbered(&choices, |i| (i == *topic).then_some("chosen")));
        }
        (
            _,
            _,
            Some(Popup::EndVisit {
                asked,
                answered,
                open,
                of,
            }),
        ) => {
            out.push(format!(
                "End this visit? {}",
                super::super::popup::end_visit_words((*asked, *answered, *open, *of))
            ));
            out.push("Type yes to end the visit, or no to keep going.".into());
        }
        (_, _, Some(Popup::Filter { cursor })) => {
            out.push("Show the questions for whom?".into());
            out.extend(numbered(&choices, |i| (i == *cursor).then_some("chosen")));
            out.push("Type a number, or back to keep the list as it is.".into());
        }
        (_, Screen::Welcome(s), _) => {
            if s.typing() {
                out.push(welcome::name_label(s.role_cursor).to_string());
                if let Some(n) = app.profile.display_name() {
                    out.push(format!(
                        "Now: {}. Type another, or Enter alone to keep it.",
                        clean_line(n)
                    ));
                } else {
                    out.push("Type it, or Enter alone to leave it out.".into());
                }
            } else {
                out.push(format!("her2prep. {}", title(app)));
                out.extend(welcome::intro(app));
                out.push("Who is using this?".into());
                out.extend(numbered(&choices, |i| {
                    (i == s.role_cursor).then_some("chosen")
                }));
            }
        }
        (_, Screen::Walk(s), _) => {
            out.push(format!("{}.", s.progress_words(&app.profile)));
            out.push(s.step.question_for(&app.profile));
            out.push(s.step.note().to_string());
            if s.step.is_multiple() {
                out.push(
                    "Type the numbers of the ones that apply to tick them, for example 1 2, then Enter alone to go on. If none does, or you are not sure, type that choice's number."
                        .into(),
                );
            }
            if let Some((_, said)) = s.from_report.iter().find(|(step, _)| *step == s.step) {
                out.push(format!("From your report: {}", clean_line(said)));
            } else if s.step == super::super::steps::ALL[0] && s.from_report.is_empty() {
                out.push(super::super::walk::report_hint(app));
            }
            for name in s.step.terms() {
                if let Some(r) = app
                    .bank
                    .glossary
                    .find(name)
                    .and_then(|t| t.on_report.as_ref())
                {
                    out.push(format!("On the report: {}", clean_line(r)));
                }
            }
            if s.typing() {
                if let Some(d) = app.profile.appointment.date {
                    out.push(format!("Now: {d}. Enter alone keeps it; none removes it."));
                }
                if let Some(e) = &s.date_error {
                    out.push(e.clone());
                }
            } else if s.step.is_multiple() {
                out.extend(numbered(&choices, |i| {
                    s.step.ticked(&app.profile, i).then_some("ticked")
                }));
            } else {
                out.extend(numbered(&choices, |i| (i == s.cursor).then_some("chosen")));
            }
        }
        (_, Screen::Results(_), _) => {
            out.push(title(app));
            let mut last_empty = true;
            for l in results::lines(app, WIDE) {
                let t = flat(&l);
                if t.is_empty() && last_empty {
                    continue;
                }
                last_empty = t.is_empty();
                out.push(t);
            }
            out.push("Type next for your list of questions, or back to change an answer.".into());
        }
        (_, Screen::Checklist(s) | Screen::Visit(s), _) => {
            out.extend(list_head(app));
            let list = app.checklist();
            if list.items.is_empty() {
                out.push(super::super::checklist::empty_words(app, s));
            } else {
                out.extend(list_lines(&list));
            }
            out.push("Type help to hear what you can do with the list.".into());
        }
        (_, Screen::Export(s), _) => out.extend(export(app, s)),
        (_, Screen::Past(_), _) => out.extend(past(app)),
        (_, Screen::Report(s), _) => {
            out.push(title(app));
            if let Some(r) = &s.found {
                let mut last_empty = true;
                for l in super::super::report::found_lines(app, r, WIDE) {
                    let t = flat(&l);
                    if t.is_empty() && last_empty {
                        continue;
                    }
                    last_empty = t.is_empty();
                    out.push(t);
                }
                if !r.findings.is_empty() {
                    out.push(
                        "Type use to use these answers (then each step asks you to check it), or back to use nothing."
                            .into(),
                    );
                }
            }
        }
    }
    out
}

/// The list's title and what it holds: the facts of the full-screen header (this visit's
/// questions of how many, or all of them, a search, the clinician, hidden ones shown, the
/// date or the visit's counts), in words.
pub fn list_head(app: &App) -> Vec<String> {
    let mut out = vec![title(app)];
    let Some(s) = app.screen.list_state() else {
        return out;
    };
    let list = app.checklist();
    // This visit's questions: the visit list, with those pulled in by a tick or an answer.
    let visit = list.visit_items();
    let n = visit.len();
    let mut how = Vec::new();
    if s.visit {
        let started = app.state.visit_started.unwrap_or(app.today);
        how.push(format!(
            "Visit of {} with {}",
            long_date(started),
            clinician_words(app.profile.appointment.with)
        ));
    }
    // The header's words, begun in lower case: the line is capitalised once joined.
    let shown = super::super::checklist::shown_words(s, &list, None);
    let mut chars = shown.chars();
    how.push(match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => shown,
    });
    if s.options.only_for.is_some() {
        how.push(format!("for {}", filter_words(s.options.only_for)));
    }
    if s.options.show_hidden {
        how.push("hidden ones shown".into());
    }
    if s.visit {
        let (asked, answered, open) = crate::filter::visit_counts(visit);
        how.push(format!(
            "asked {asked}, answered {answered}, still open {open}"
        ));
    } else if let Some(d) = app.profile.appointment.date {
        how.push(format!("next visit {}", long_date(d)));
    }
    let mut head = how.join(", ");
    if let Some(c) = head.get(0..1) {
        head.replace_range(0..1, &c.to_uppercase());
    }
    out.push(format!("{head}."));
    if s.query.is_empty() && !s.options.all && n < list.total {
        out.push("Type all to hear all of them.".into());
    } else if s.query.is_empty() && s.options.all {
        out.push("Type all to hear only this visit's again.".into());
    }
    out
}

/// The past visits: each one's date and clinician, and what was asked and answered.
fn past(app: &App) -> Vec<String> {
    let mut out = vec![title(app)];
    if app.state.visits.is_empty() {
        out.push(super::super::visit::none_yet(app));
    }
    for v in &app.state.visits {
        out.push(format!(
            "Visit of {}, with {}: {}.",
            long_date(v.date),
            clinician_words(v.with),
            crate::filter::count(v.entries.len(), "question noted", "questions noted")
        ));
        if v.entries.is_empty() {
            out.push("Nothing was ticked or written during this visit.".into());
        }
        for e in &v.entries {
            let asked = if e.asked {
                "Asked"
            } else {
                "Not ticked as asked"
            };
            let answer: Vec<&str> = e.answer.lines().filter(|l| !l.trim().is_empty()).collect();
            let answer = if answer.is_empty() {
                "no answer written".to_string()
            } else {
                format!("answer: {}", clean_line(&answer.join(" / ")))
            };
            out.push(format!("{asked}: {} ({answer})", clean_line(&e.text)));
        }
    }
    out.push("Type back to return to your list.".into());
    out
}

/// The checklist, topic by topic, each question numbered (1 is the first of the list).
pub fn list_lines(list: &Checklist) -> Vec<String> {
    let mut out = Vec::new();
    let mut number = 0;
    for g in list.groups() {
        out.push(format!("{}:", clean_line(g.title)));
        for item in g.items {
            number += 1;
            out.push(item_line(item, number));
        }
    }
    if list.items.is_empty() {
        out.push("There are no questions to show. Type add to add your own.".into());
    }
    out
}

/// One question: its number, its words, and its marks said in words.
pub fn item_line(item: &Item, number: usize) -> String {
    let s = &item.state;
    let mut marks = Vec::new();
    if item.own {
        marks.push("your own question".to_string());
    } else if item.priority == Priority::Essential {
        marks.push("most important".into());
    }
    if s.starred {
        marks.push("starred".into());
    }
    if s.asked {
        marks.push("ticked as asked".into());
    }
    if s.hidden {
        marks.push("hidden".into());
    }
    if !s.answer.trim().is_empty() {
        let answer: Vec<&str> = s.answer.lines().filter(|l| !l.trim().is_empty()).collect();
        marks.push(format!("answer: {}", clean_line(&answer.join(" / "))));
    }
    if marks.is_empty() {
        format!("{number}. {}", clean_line(&item.text))
    } else {
        format!(
            "{number}. {} ({})",
            clean_line(&item.text),
            marks.join("; ")
        )
    }
}

/// All about question `i` (0-based) of the list: the full-screen app's panel, as lines.
pub fn about(app: &App, i: usize) -> Vec<String> {
    let list = app.checklist();
    let Some(item) = list.items.get(i) else {
        return Vec::new();
    };
    let mut out = vec![item_line(item, i + 1)];
    out.extend(
        super::super::checklist::detail_lines(app, item, WIDE)
            .iter()
            .skip(1)
            .map(flat)
            .filter(|l| !l.is_empty()),
    );
    out
}

/// The plain words for the step's terms.
pub fn explain(app: &App) -> Vec<String> {
    let Screen::Walk(s) = &app.screen else {
        return Vec::new();
    };
    let out: Vec<String> = s
        .step
        .terms()
        .iter()
        .filter_map(|name| app.bank.glossary.find(name))
        .map(|t| format!("{}: {}", clean_line(&t.term), clean_line(&t.definition)))
        .collect();
    if out.is_empty() {
        vec!["There are no words to explain on this step.".into()]
    } else {
        out
    }
}

/// The export screen: the formats numbered, the other lines of the form, what was written.
fn export(app: &App, s: &ExportState) -> Vec<String> {
    let f = &s.form;
    let mut out = vec![
        title(app),
        format!(
            "Questions for {}. Choose the format by its number, then type save.",
            filter_words(s.back.options.only_for)
        ),
        "Format:".into(),
    ];
    let labels: Vec<String> = Output::ALL.iter().map(|o| o.label().to_string()).collect();
    out.extend(numbered(&labels, |i| {
        (Output::ALL[i] == f.output).then_some("chosen")
    }));
    out.push(match f.top {
        Some(n) => format!("Questions: only the top {n} (questions to change)."),
        None => format!("Questions: all {} (questions to change).", f.all),
    });
    out.push(format!(
        "Large print: {} (large to change).",
        if f.large { "on" } else { "off" }
    ));
    out.push(format!(
        "Save in: {} (folder and a path to change).",
        clean_line(&f.folder_text())
    ));
    out.extend(written(s));
    out
}

/// What the last save of the export came to, if anything.
pub fn written(s: &ExportState) -> Vec<String> {
    let f = &s.form;
    let mut out = Vec::new();
    if let Some(p) = &f.written {
        out.push(format!(
            "Saved. The file is here: {}",
            clean_line(&p.display().to_string())
        ));
        if let Some(cmd) = &f.print {
            out.push(format!(
                "To print it, type in a terminal: {}",
                clean_line(cmd)
            ));
        }
    }
    if let Some(e) = &f.error {
        out.push(format!("Not saved: {}", clean_line(e)));
    }
    out
}
