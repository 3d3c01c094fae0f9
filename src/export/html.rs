//! One self-contained HTML page with the print stylesheet from `assets/print.css`. maud escapes
//! every interpolated string, so nothing the person or a bank wrote can become markup.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::doctor::{ANSWER_LINES, DoctorCopy, NOTE_LINES};
use super::{Document, NOT_ADVICE, priority_label};
use crate::text::{clean, clean_line};

/// The print stylesheet, compiled in so the page is self-contained.
pub const STYLESHEET: &str = include_str!("../../assets/print.css");

fn question(n: usize, item: &crate::checklist::Item, large: bool, why: &str) -> Markup {
    let lines = if large { 3 } else { 2 };
    html! {
        li.q {
            span.box aria-hidden="true" { @if item.state.asked { "✓" } }
            // A screen reader hears the state the box shows.
            span.vh { @if item.state.asked { "Asked. " } @else { "Not asked yet. " } }
            span.text { (n) ". " (clean_line(&item.text)) }
            @if item.state.starred { span.tag { "★ starred" } }
            span.tag { (priority_label(item)) }
            p.why { (why) ": " (clean_line(&item.because())) "." }
            @if item.state.answer.trim().is_empty() {
                @for _ in 0..lines { div.write {} }
            } @else {
                div.answer { (clean(&item.state.answer)) }
            }
            @if let Some(d) = item.state.answered_on { p.why { "Answered at the visit of " (d.to_string()) "." } }
        }
    }
}

/// Renders the HTML export.
pub fn render(doc: &Document) -> String {
    let (asked, answered, open) = doc.checklist.counts();
    let mut n = 0;
    let why = doc.voice().why_label();
    let groups = doc.checklist.groups();
    // The heading "the rest of my questions" goes before the first group after the visit list.
    let first_rest = groups
        .iter()
        .position(|g| !g.in_visit)
        .filter(|_| doc.checklist.visit > 0);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (clean_line(&doc.title())) }
                style { (PreEscaped(STYLESHEET)) }
            }
            body class=(if doc.large_print { "large" } else { "normal" }) {
                header {
                    h1 { (clean_line(&doc.title())) }
                    div.meta {
                        p { (clean_line(&doc.whose())) }
                        p { (clean_line(&doc.for_whom())) }
                        p { "Made on " (doc.today.to_string()) }
                    }
                }
                main {
                @for notice in &doc.summary.notices {
                    div.notice role="note" { "Please note: " (notice) }
                }
                section.glance aria-labelledby="glance" {
                    h2 #glance { (doc.voice().results_heading()) }
                    // Label and value side by side, several to a line: the first page keeps room
                    // for the first questions, in large print too.
                    dl.glance {
                        @for l in &doc.summary.lines { div { dt { (l.label) } dd { (l.value) } } }
                    }
                }
                section aria-labelledby="questions" {
                    div.keep {
                        h2 #questions { (doc.questions_heading()) }
                        // A fresh list needs no count (the numbers show it); after a visit it tells
                        // what is left.
                        @if asked + answered > 0 {
                            p.why { (doc.checklist.items.len()) " questions: " (asked) " asked, " (answered) " answered, " (open) " open." }
                        }
                    }
                    @for (k, g) in groups.iter().enumerate() {
                        @if Some(k) == first_rest {
                            h2 { (doc.rest_heading()) }
                        }
                        section.topic {
                            h3 { (clean_line(g.title)) }
                            ol.questions {
                                @for item in g.items {
                                    ({ n += 1; question(n, item, doc.large_print, &why) })
                                }
                            }
                        }
                    }
                }
                @if let Some(more) = doc.more_line() { p.why { (more) } }
                section.own aria-labelledby="own" {
                    h2 #own { "More questions and notes" }
                    @for _ in 0..4 { div.write {} }
                }
                @if !doc.summary.meaning.is_empty() {
                    section.meaning aria-labelledby="meaning" {
                        h2 #meaning { (doc.meaning_heading()) }
                        @for m in &doc.summary.meaning { p { (m) } }
                    }
                }
                @if !doc.terms.is_empty() {
                    section aria-labelledby="terms" {
                        h2 #terms { "Words used in this list" }
                        dl.terms {
                            // Each term with its definition, so a page never ends between them.
                            @for t in &doc.terms { div.term { dt { (t.term) } dd { (t.definition) } } }
                        }
                    }
                }
                }
                footer {
                    p { strong { (NOT_ADVICE) } }
                    p { "Sources: " (doc.sources_line()) ". Made with her2prep on " (doc.today.to_string()) "; everything stays on this computer." }
                }
            }
        }
    };
    page.into_string()
}

/// Renders the one-page copy for the doctor.
pub fn render_doctor(doc: &Document, copy: &DoctorCopy) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (copy.title) }
                style { (PreEscaped(STYLESHEET)) }
            }
            body class=(if doc.large_print { "doctor large" } else { "doctor normal" }) {
                header {
                    h1 { (copy.title) }
                    div.meta {
                        p { (copy.who) }
                        p { "Appointment: " (copy.appointment) }
                    }
                }
                main {
                    section aria-labelledby="glance" {
                        h2 #glance { "Results at a glance" }
                        @for l in &copy.glance { p.line { (l) } }
                    }
                    section aria-labelledby="questions" {
                        h2 #questions { (copy.questions_heading()) }
                        ol.questions {
                            @for (i, q) in copy.questions.iter().enumerate() {
                                li.q {
                                    span.box aria-hidden="true" {}
                                    span.vh { "Not discussed yet. " }
                                    span.text { (i + 1) ". " (q) }
                                    p.why { "Clinician's answer or next step:" }
                                    @for _ in 0..ANSWER_LINES { div.write {} }
                                }
                            }
                        }
                        @if let Some(note) = copy.left_out_note() { p.why { (note) } }
                    }
                    section aria-labelledby="notes" {
                        h2 #notes { "Notes from the care team" }
                        @for _ in 0..NOTE_LINES { div.write {} }
                    }
                }
                footer { p { (NOT_ADVICE) } }
            }
        }
    };
    page.into_string()
}
