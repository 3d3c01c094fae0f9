//! The one-page copy for the doctor: who, the appointment, the results in three lines, the few
//! questions most wanted today and room for the clinician to write. The same selection is
//! printed by the PDF and the HTML export; it is cut until it fits one page of A4 and of
//! Letter, whatever the list holds.

use super::Document;
use super::pdf::{self, Paper};
use crate::checklist::Item;
use crate::text::clean_line;

/// At most this many questions in normal print.
pub const MOST: usize = 5;
/// At most this many in large print.
pub const MOST_LARGE: usize = 3;
/// Ruled lines under each question for the clinician.
pub const ANSWER_LINES: usize = 2;
/// Ruled lines for the care team's notes at the foot of the page in HTML (the PDF fills the
/// rest of the page, and at least [`MIN_NOTE_LINES`]).
pub const NOTE_LINES: usize = 3;
/// The fewest ruled lines for the care team's notes.
pub const MIN_NOTE_LINES: usize = 2;
/// A question longer than this (in characters) is shortened on this page; the full list has it.
const LONGEST: usize = 280;

/// What the doctor copy shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorCopy {
    /// "Rosa's questions for today's visit".
    pub title: String,
    /// Who prepared it and for whom.
    pub who: String,
    /// With whom and when.
    pub appointment: String,
    /// The results in three lines.
    pub glance: [String; 3],
    /// The questions, in the order they are asked.
    pub questions: Vec<String>,
    /// Open questions on the person's list (the full list may hold more than shown here).
    pub open: usize,
    /// Large print.
    pub large_print: bool,
    name: Option<String>,
}

impl DoctorCopy {
    /// The heading over the questions.
    pub fn questions_heading(&self) -> String {
        match self.questions.len() {
            0 => "No open questions on the list".into(),
            1 => "The question most wanted today".into(),
            n => format!("The {n} questions most wanted today"),
        }
    }

    /// Says how many open questions this page leaves to the full list, and why, if any.
    pub fn left_out_note(&self) -> Option<String> {
        let rest = self.open.saturating_sub(self.questions.len());
        if rest == 0 {
            return None;
        }
        let why = if self.large_print {
            "large print leaves room for fewer on one page"
        } else {
            "one page holds only the most wanted"
        };
        Some(format!(
            "{rest} more open question{} on the full list ({why}).",
            if rest == 1 { "" } else { "s" }
        ))
    }

    /// The patient's name for the running header, or "the patient".
    pub fn whose_short(&self) -> String {
        self.name.clone().unwrap_or_else(|| "the patient".into())
    }
}

/// The value of a summary line, or "not known yet".
fn value<'d>(doc: &'d Document, label: &str) -> Option<&'d str> {
    doc.summary
        .lines
        .iter()
        .find(|l| l.label == label)
        .map(|l| l.value.as_str())
}

fn glance(doc: &Document) -> [String; 3] {
    let v = |l| value(doc, l).unwrap_or("not known yet");
    let first = format!("ER {} · PR {} · HER2 {}", v("ER"), v("PR"), v("HER2"));
    let second = format!(
        "Stage {} · lymph nodes {} · grade {}",
        v("Stage"),
        v("Lymph nodes"),
        v("Grade")
    );
    let mut third = Vec::new();
    if let Some(m) = value(doc, "Menopause") {
        third.push(m.to_string());
    }
    third.push(format!("BRCA test: {}", v("Inherited BRCA test")));
    for l in &doc.summary.lines {
        if l.label.starts_with("Tumo") {
            third.push(format!("tumor testing: {}", l.value));
        }
    }
    let mut third = third.join(" · ");
    if let Some(c) = third.get(..1) {
        third = c.to_uppercase() + &third[1..];
    }
    [first, second, third].map(|s| clean_line(&s))
}

/// Shortens a question to `LONGEST` characters at a word boundary, ending with "…".
fn shorten(text: &str) -> String {
    let text = clean_line(text);
    if text.chars().count() <= LONGEST {
        return text;
    }
    let cut: String = text.chars().take(LONGEST).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} … (in full on the list)")
}

/// The order questions are offered: open ones only, starred first, then the list's own order
/// (most relevant first).
fn wanted(items: &[Item]) -> Vec<&Item> {
    let mut open: Vec<&Item> = items.iter().filter(|i| i.state.is_open()).collect();
    open.sort_by_key(|i| !i.state.starred);
    open
}

/// Picks what the doctor copy shows for this list.
pub fn copy(doc: &Document) -> DoctorCopy {
    let open = wanted(&doc.checklist.items);
    let most = if doc.large_print { MOST_LARGE } else { MOST };
    let name = doc.profile.display_name().map(clean_line);
    let mut c = DoctorCopy {
        title: match &name {
            Some(n) => format!("{n}'s questions for today's visit"),
            None => "My questions for today's visit".into(),
        },
        who: clean_line(&doc.whose()),
        appointment: clean_line(&doc.appointment()),
        glance: glance(doc),
        questions: open.iter().take(most).map(|i| shorten(&i.text)).collect(),
        open: open.len(),
        large_print: doc.large_print,
        name,
    };
    // Fewer questions until the page fits both paper sizes (each question is at most
    // `LONGEST` characters, so one always fits).
    while c.questions.len() > 1
        && !(pdf::doctor_fits(&c, Paper::A4) && pdf::doctor_fits(&c, Paper::Letter))
    {
        c.questions.pop();
    }
    c
}
