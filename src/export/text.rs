//! Plain text, wrapped at 80 columns, with tick boxes and room to write.

use std::fmt::Write;

use textwrap::{Options, WordSplitter, wrap};

use super::{Document, NOT_ADVICE, priority_label};
use crate::text::{clean, clean_line};

/// The width the text export wraps at.
pub const WIDTH: usize = 80;

fn para(out: &mut String, text: &str, first: &str, rest: &str) {
    wrapped(out, &clean_line(text), first, rest);
}

/// Wraps text that is already clean (keeps its inner spacing). Words are never split at their
/// hyphens: "HER2-" at a line end and "negative" on the next would read as two words.
fn wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    let opts = Options::new(WIDTH)
        .word_splitter(WordSplitter::NoHyphenation)
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in wrap(text, opts) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn rule(out: &mut String, c: char) {
    let _ = writeln!(out, "{}", c.to_string().repeat(WIDTH));
}

/// Renders the text export.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    // Blank lines to write an answer on, indented under the question.
    let answer_line = format!("       {}", "_".repeat(WIDTH - 7));
    let note_line = format!("  {}", "_".repeat(WIDTH - 2));
    para(&mut out, &doc.title().to_uppercase(), "", "");
    para(&mut out, &doc.whose(), "", "");
    para(&mut out, &doc.for_whom(), "", "");
    para(&mut out, &format!("Made on {}", doc.today), "", "");
    rule(&mut out, '=');
    for n in &doc.summary.notices {
        para(&mut out, &format!("PLEASE NOTE: {n}"), "", "  ");
        out.push('\n');
    }
    let _ = writeln!(out, "{}", doc.voice().results_heading().to_uppercase());
    let width = doc
        .summary
        .lines
        .iter()
        .map(|l| l.label.len() + 2)
        .max()
        .unwrap_or(0);
    for l in &doc.summary.lines {
        let label = format!("{}:", l.label);
        wrapped(
            &mut out,
            &format!("{label:<width$}{}", clean_line(&l.value)),
            "  ",
            &" ".repeat(width + 2),
        );
    }
    out.push('\n');
    for m in &doc.summary.meaning {
        para(&mut out, m, "  ", "  ");
    }
    out.push('\n');
    let (asked, answered, open) = doc.checklist.counts();
    let _ = writeln!(
        out,
        "{} ({} questions; {asked} asked, {answered} answered, {open} open)",
        doc.questions_heading().to_uppercase(),
        doc.checklist.items.len()
    );
    let why = doc.voice().why_label();
    let mut n = 0;
    let mut rest_started = false;
    for g in doc.checklist.groups() {
        if !g.in_visit && doc.checklist.visit > 0 && !rest_started {
            rest_started = true;
            out.push('\n');
            rule(&mut out, '=');
            para(&mut out, &doc.rest_heading().to_uppercase(), "", "");
            rule(&mut out, '=');
        }
        out.push('\n');
        rule(&mut out, '-');
        para(&mut out, &g.title.to_uppercase(), "", "");
        rule(&mut out, '-');
        for item in g.items {
            n += 1;
            let tick = if item.state.asked { "[x]" } else { "[ ]" };
            let star = if item.state.starred { " (starred)" } else { "" };
            out.push('\n');
            para(
                &mut out,
                &format!("{tick} {n}. {}{star}", item.text),
                "",
                "       ",
            );
            para(
                &mut out,
                &format!("({}) {why}: {}.", priority_label(item), item.because()),
                "       ",
                "       ",
            );
            if item.state.answer.trim().is_empty() {
                let _ = writeln!(out, "       Answer:");
                let _ = writeln!(out, "{answer_line}\n{answer_line}");
            } else {
                let _ = writeln!(out, "       Answer:");
                for line in clean(&item.state.answer).lines() {
                    para(&mut out, line, "         ", "         ");
                }
            }
            if let Some(d) = item.state.answered_on {
                let _ = writeln!(out, "       (answered at the visit of {d})");
            }
        }
    }
    if let Some(more) = doc.more_line() {
        out.push('\n');
        para(&mut out, &more, "", "");
    }
    if doc.checklist.items.is_empty() {
        let _ = writeln!(out, "\n  (No questions match these choices.)");
    }
    out.push('\n');
    rule(&mut out, '-');
    let _ = writeln!(out, "MORE QUESTIONS AND NOTES");
    rule(&mut out, '-');
    for _ in 0..4 {
        let _ = writeln!(out, "{note_line}");
    }
    if !doc.terms.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "WORDS USED IN THIS LIST");
        for t in &doc.terms {
            para(
                &mut out,
                &format!("{}: {}", t.term, t.definition),
                "  ",
                "      ",
            );
        }
    }
    out.push('\n');
    rule(&mut out, '=');
    para(&mut out, NOT_ADVICE, "", "");
    para(
        &mut out,
        &format!("Sources: {}", doc.sources_line()),
        "",
        "",
    );
    para(
        &mut out,
        &format!(
            "Made with her2prep on {}. Everything stays on this computer.",
            doc.today
        ),
        "",
        "",
    );
    out
}
