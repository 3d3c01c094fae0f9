//! The findings in plain words, each with its quoted line, for the command line (and any
//! text view): what was found, what disagrees, what is unclear, what the report does not
//! say, and the questions it leaves.

use crate::text::clean_line;

use super::questions::{name, note, value_words};
use super::{Field, Findings, Key, Note, Status};

/// The longest quote shown (a long line is cut, with "...").
const MAX_QUOTE: usize = 160;

/// A line quoted for showing: cleaned of control characters, a long one cut with "...".
pub fn quote(q: &str) -> String {
    let q = clean_line(q);
    if q.chars().count() > MAX_QUOTE {
        let cut: String = q.chars().take(MAX_QUOTE).collect();
        format!("\"{cut}...\"")
    } else {
        format!("\"{q}\"")
    }
}

/// A finding's value in plain words, with its percent and any ISH numbers.
pub fn value_line(key: Key, f: &Field) -> String {
    let v = f
        .value
        .as_deref()
        .map(|v| value_words(key, v))
        .unwrap_or_default();
    let mut s = v;
    if let Some(p) = f.percent
        && key != Key::Ki67
    {
        s.push_str(&format!(", {p} %"));
    }
    if let Some(d) = &f.detail
        && key != Key::Stage
    {
        s.push_str(&format!(" ({d})"));
    }
    s
}

/// The findings as plain text; `source` names the report.
pub fn render(f: &Findings, source: &str) -> String {
    let mut out = String::new();
    if f.is_empty() {
        out.push_str(&format!(
            "I found none of ER, PR, HER2, grade, lymph nodes, Ki-67, stage or sex in {}. Is it a pathology report? (A scan must be typed or pasted as text.)\n",
            clean_line(source)
        ));
        return out;
    }
    out.push_str(&format!(
        "What I found in {} (check each against your report):\n\n",
        clean_line(source)
    ));
    for (key, field) in &f.fields {
        match field.status {
            Status::Found => {
                out.push_str(&format!("  {}: {}\n", name(*key), value_line(*key, field)));
                out.push_str(&format!(
                    "      line {}: {}\n",
                    field.line,
                    quote(&field.quote)
                ));
            }
            Status::Conflict => {
                out.push_str(&format!(
                    "  {}: CONFLICT. {}\n",
                    name(*key),
                    note("conflict", &[])
                ));
                for c in &field.candidates {
                    let v = c
                        .value
                        .as_deref()
                        .map(|v| value_words(*key, v))
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "      {v} ({}), line {}: {}\n",
                        c.specimen,
                        c.line,
                        quote(&c.quote)
                    ));
                }
            }
            Status::Unclear => {
                let tnm = f.notes.iter().find_map(|n| match n {
                    Note::TnmOnly { tnm, .. } if *key == Key::Stage => Some(tnm.clone()),
                    _ => None,
                });
                match tnm {
                    Some(t) => out.push_str(&format!(
                        "  {}: NOT WRITTEN. {}\n",
                        name(*key),
                        note("tnm_only", &[("tnm", &t)])
                    )),
                    None => out.push_str(&format!(
                        "  {}: NOT CLEAR. {}\n",
                        name(*key),
                        note("unclear", &[])
                    )),
                }
                out.push_str(&format!(
                    "      line {}: {}\n",
                    field.line,
                    quote(&field.quote)
                ));
            }
        }
    }
    let missing: Vec<&str> = f.not_stated().into_iter().map(name).collect();
    if !missing.is_empty() {
        out.push_str(&format!(
            "\nNot stated in the report: {}.\n",
            missing.join(", ")
        ));
    }
    let qs = f.questions();
    if !qs.is_empty() {
        out.push_str("\nQuestions this report leaves for your care team:\n");
        for q in qs {
            out.push_str(&format!("  - {q}\n"));
        }
    }
    out
}
