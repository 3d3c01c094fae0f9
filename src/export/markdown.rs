//! Markdown: task-list boxes under topic headings. Everything from the person or the bank is
//! escaped so it cannot change the document's structure.

use std::fmt::Write;

use super::{Document, NOT_ADVICE, priority_label};
use crate::text::{clean, clean_line};

/// Escapes inline Markdown: characters that start emphasis, code, links, HTML, tables or
/// entities are backslash-escaped (a backslash before ASCII punctuation always means the
/// character itself). Parentheses need no escape once `[` and `]` are escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // GitHub-flavoured Markdown (and markdown-it with linkify) turn a bare address into a live
    // link: `https://…`, `www.…` and `user@host` (its @ is escaped above). An escape breaks the
    // pattern and shows the same text.
    if out.contains("://") {
        out = out.replace("://", "\\://");
    }
    if out.to_ascii_lowercase().contains("www.") {
        let lower = out.to_ascii_lowercase();
        let mut fixed = String::with_capacity(out.len() + 4);
        let mut last = 0;
        for (at, _) in lower.match_indices("www.") {
            fixed.push_str(&out[last..at + 3]);
            fixed.push('\\');
            last = at + 3;
        }
        fixed.push_str(&out[last..]);
        out = fixed;
    }
    // A line that starts like a list item, heading rule or numbered item must not become one.
    if let Some(first) = out.chars().next() {
        if matches!(first, '-' | '+' | '=') {
            out.insert(0, '\\');
        } else if first.is_ascii_digit() {
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if matches!(out[digits..].chars().next(), Some('.' | ')')) {
                out.insert(digits, '\\');
            }
        }
    }
    out
}

/// Renders the Markdown export.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&doc.title()));
    let _ = writeln!(out, "{}  ", escape(&doc.whose()));
    let _ = writeln!(out, "**{}**  ", escape(&doc.for_whom()));
    let _ = writeln!(out, "**Made on:** {}\n", doc.today);
    for n in &doc.summary.notices {
        let _ = writeln!(out, "> **Please note:** {}\n", escape(n));
    }
    let _ = writeln!(out, "## {}\n", escape(&doc.voice().results_heading()));
    let _ = writeln!(out, "| | |\n|---|---|");
    for l in &doc.summary.lines {
        let _ = writeln!(out, "| {} | {} |", escape(l.label), escape(&l.value));
    }
    out.push('\n');
    for m in &doc.summary.meaning {
        let _ = writeln!(out, "{}\n", escape(m));
    }
    let (asked, answered, open) = doc.checklist.counts();
    let _ = writeln!(out, "## {}\n", escape(&doc.questions_heading()));
    let _ = writeln!(
        out,
        "{} questions: {asked} asked, {answered} answered, {open} open.\n",
        doc.checklist.items.len()
    );
    let why = doc.voice().why_label();
    let mut rest_started = false;
    for g in doc.checklist.groups() {
        if !g.in_visit && doc.checklist.visit > 0 && !rest_started {
            rest_started = true;
            let _ = writeln!(out, "## {}\n", escape(&doc.rest_heading()));
        }
        let _ = writeln!(out, "### {}\n", escape(g.title));
        for item in g.items {
            let tick = if item.state.asked { "x" } else { " " };
            let star = if item.state.starred { " ★" } else { "" };
            let _ = writeln!(out, "- [{tick}] **{}**{star}  ", escape(&item.text));
            let _ = writeln!(
                out,
                "  *{}. {why}: {}.*",
                priority_label(item),
                escape(&item.because())
            );
            if item.state.answer.trim().is_empty() {
                let _ = writeln!(
                    out,
                    "\n  Answer: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n"
                );
            } else {
                out.push('\n');
                // Each quoted line but the last ends in a hard break (a backslash), so a
                // multi-line answer keeps its lines in every CommonMark renderer.
                let answer = clean(&item.state.answer);
                let lines: Vec<&str> = answer.lines().collect();
                for (i, line) in lines.iter().enumerate() {
                    let brk = if i + 1 < lines.len() { "\\" } else { "" };
                    let _ = writeln!(out, "  > {}{brk}", escape(line));
                }
                out.push('\n');
            }
        }
    }
    if let Some(more) = doc.more_line() {
        let _ = writeln!(out, "{}\n", escape(&more));
    }
    let _ = writeln!(out, "## More questions and notes");
    let _ = writeln!(
        out,
        "\n\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n"
    );
    if !doc.terms.is_empty() {
        let _ = writeln!(out, "## Words used in this list\n");
        for t in &doc.terms {
            let _ = writeln!(out, "- **{}**: {}", escape(&t.term), escape(&t.definition));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "---\n");
    let _ = writeln!(out, "{}  ", escape(NOT_ADVICE));
    let _ = writeln!(out, "Sources: {}  ", escape(&doc.sources_line()));
    let _ = writeln!(
        out,
        "Made with her2prep on {}. Everything stays on this computer.",
        doc.today
    );
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn structure_characters_are_escaped() {
        assert_eq!(escape("# heading"), "\\# heading");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. one"), "1\\. one");
        assert_eq!(
            escape("a *b* [c](d) <e> | f & g"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\| f \\& g"
        );
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("HER2-low"), "HER2-low");
        assert_eq!(escape("see https://x.org"), "see https\\://x.org");
        assert_eq!(escape("WWW.x.org and www.y"), "WWW\\.x.org and www\\.y");
        assert_eq!(escape("mail rosa@x.org"), "mail rosa\\@x.org");
    }
}
