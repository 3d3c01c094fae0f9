//! Exports for printing and for other programs: plain text, Markdown, print-ready HTML, JSON,
//! and a PDF the program writes itself ([`pdf`]); the one-page copy for the doctor
//! ([`doctor`]); file names that never replace an earlier export and the printing command
//! ([`files`]). Every format holds the same things, gathered once in [`Document`].

pub mod doctor;
pub mod files;
mod html;
mod json;
mod markdown;
pub mod pdf;
mod text;

use jiff::civil::Date;

use crate::bank::Bank;
use crate::checklist::{Checklist, Item};
use crate::choice::Choice;
use crate::glossary::{Term, Text};
use crate::profile::{Clinician, Profile, Role};
use crate::results::{Summary, summarise};
use crate::voice::Voice;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, wrapped at 80 columns.
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML file with a print stylesheet.
    Html,
    /// JSON with every field.
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Json];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "web page for printing (HTML)",
            Format::Json => "JSON (for other programs)",
        }
    }
}

/// Everything an export shows, gathered from the profile, checklist and bank.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// Who the list is for.
    pub profile: &'a Profile,
    /// The questions.
    pub checklist: &'a Checklist,
    /// Results in plain words.
    pub summary: Summary,
    /// Glossary terms the listed questions use.
    pub terms: Vec<&'a Term>,
    /// Reference documents cited by the listed questions: (file, title).
    pub sources: Vec<(String, String)>,
    /// True when some question rests on `general` facts.
    pub cites_general: bool,
    /// The date the export was made.
    pub today: Date,
    /// Large print (HTML).
    pub large_print: bool,
    /// True when only the visit list is shown (no `--all`).
    pub top_cut: bool,
}

/// The footer's first line, in every format.
pub const NOT_ADVICE: &str = "This list is not medical advice. It is a set of questions to ask your own care team, who know your situation.";

impl<'a> Document<'a> {
    /// Gathers an export.
    pub fn new(
        bank: &'a Bank,
        profile: &'a Profile,
        checklist: &'a Checklist,
        today: Date,
        large_print: bool,
        top_cut: bool,
    ) -> Document<'a> {
        let mut terms = Vec::new();
        // One text holding every question (line breaks keep words apart): each term is then
        // looked for once, not once per question.
        let joined: String = checklist
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let all = Text::new(&joined);
        for t in &bank.glossary.terms {
            if t.used_in_text(&all) {
                terms.push(t);
            }
        }
        // A visit list is printed to fit a few pages: it explains the words of its first
        // questions, half as many words as questions (the full list with `--all` has them all).
        if top_cut && checklist.visit > 0 {
            let texts: Vec<Text> = checklist.items.iter().map(|i| Text::new(&i.text)).collect();
            let first_use = |t: &Term| texts.iter().position(|x| t.used_in_text(x));
            terms.sort_by_key(|t| first_use(t));
            terms.truncate(checklist.visit.div_ceil(2));
            terms.sort_by_key(|t| bank.glossary.terms.iter().position(|g| std::ptr::eq(g, *t)));
        }
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut cites_general = false;
        for i in &checklist.items {
            let Some(s) = &i.source else { continue };
            if s.document == crate::bank::GENERAL_SOURCE {
                cites_general = true;
            } else if !sources.iter().any(|(f, _)| *f == s.document) {
                let title = bank
                    .document(&s.document)
                    .map(|d| d.title.clone())
                    .unwrap_or_default();
                sources.push((s.document.clone(), title));
            }
        }
        sources.sort();
        // The summary's words speak to the reader: for a caregiver, they name the patient.
        let voice = Voice::of(profile);
        let mut summary = summarise(profile);
        for text in summary.meaning.iter_mut().chain(summary.notices.iter_mut()) {
            *text = voice.phrase(text);
        }
        Document {
            profile,
            checklist,
            summary,
            terms,
            sources,
            cites_general,
            today,
            large_print,
            top_cut,
        }
    }

    /// "Questions for Rosa's appointment" style title.
    pub fn title(&self) -> String {
        match (self.profile.role, self.profile.display_name()) {
            (_, Some(name)) => format!("Questions for {name}'s care team"),
            _ => "Questions for my care team".into(),
        }
    }

    /// Whose list it is.
    pub fn whose(&self) -> String {
        match (self.profile.role, self.profile.display_name()) {
            (Role::Caregiver, Some(name)) => format!("Prepared by a caregiver for {name}"),
            (Role::Caregiver, None) => "Prepared by a caregiver for the patient".into(),
            (Role::Patient, Some(name)) => format!("Prepared by {name}, the patient"),
            (Role::Patient, None) => "Prepared by the patient".into(),
        }
    }

    /// The appointment line.
    pub fn appointment(&self) -> String {
        let a = &self.profile.appointment;
        let with = clinician_words(a.with);
        match a.date {
            Some(d) => format!("With {with} on {}", long_date(d)),
            None => format!("With {with} (date not set)"),
        }
    }

    /// Whom and which visit the list is for: "For the visit with the surgeon on Thursday 10
    /// December 2026"; with `--for` another clinician than the appointment's, both.
    pub fn for_whom(&self) -> String {
        let a = &self.profile.appointment;
        let date = a.date.map_or(" (date not set)".to_string(), |d| {
            format!(" on {}", long_date(d))
        });
        let ranked_for = self.checklist.clinician;
        if ranked_for == a.with || ranked_for == Clinician::Unknown {
            format!("For the visit with {}{date}", clinician_words(a.with))
        } else if a.with == Clinician::Unknown {
            format!("For a visit with {}{date}", clinician_words(ranked_for))
        } else {
            format!(
                "For a visit with {} (the next appointment is with {}{date})",
                clinician_words(ranked_for),
                clinician_words(a.with)
            )
        }
    }

    /// The reader's voice for the program's own words.
    pub fn voice(&self) -> Voice<'a> {
        Voice::of(self.profile)
    }

    /// The heading over the questions: "My questions", "Ana's questions".
    pub fn questions_heading(&self) -> String {
        match (self.profile.role, self.profile.display_name()) {
            (Role::Caregiver, Some(name)) => format!("{name}'s questions"),
            (Role::Caregiver, None) => "The questions".into(),
            (Role::Patient, _) => "My questions".into(),
        }
    }

    /// The heading of what the results usually mean, in the reader's voice.
    pub fn meaning_heading(&self) -> String {
        match (self.profile.role, self.profile.display_name()) {
            (Role::Caregiver, Some(name)) => format!("What {name}'s results usually mean"),
            (Role::Caregiver, None) => "What the results usually mean".into(),
            (Role::Patient, _) => "What my results usually mean".into(),
        }
    }

    /// The heading of the questions after the visit list (`--all`).
    pub fn rest_heading(&self) -> String {
        match (self.profile.role, self.profile.display_name()) {
            (Role::Caregiver, Some(name)) => format!("The rest of {name}'s questions"),
            (Role::Caregiver, None) => "The rest of the questions".into(),
            (Role::Patient, _) => "The rest of my questions".into(),
        }
    }

    /// When only the visit list is shown: how many more questions the full list holds.
    pub fn more_line(&self) -> Option<String> {
        let shown = self.checklist.items.len();
        let more = self.checklist.total.saturating_sub(shown);
        (self.checklist.visit == shown && more > 0).then(|| {
            format!(
                "{more} more question{} in the full list (export with --all to include them).",
                if more == 1 { " is" } else { "s are" }
            )
        })
    }

    /// The footer's source line: the documents' titles (a file name only for a document the
    /// bank gives no title), for people rather than programs.
    pub fn sources_line(&self) -> String {
        let mut parts: Vec<String> = self
            .sources
            .iter()
            .map(|(f, t)| if t.is_empty() { f.clone() } else { t.clone() })
            .collect();
        if self.cites_general {
            parts.push("well-established clinical facts (marked \"general\")".into());
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join("; ")
        }
    }

    /// Renders in one format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => text::render(self),
            Format::Markdown => markdown::render(self),
            Format::Html => html::render(self),
            Format::Json => json::render(self),
        }
    }

    /// Renders the one-page copy for the doctor as HTML (the PDF one is
    /// [`pdf::render`] with [`pdf::PdfOptions::doctor`]).
    pub fn render_doctor_html(&self) -> String {
        html::render_doctor(self, &doctor::copy(self))
    }
}

/// "medical oncologist" etc.
pub fn clinician_words(c: Clinician) -> &'static str {
    match c {
        Clinician::MedicalOncologist => "the medical oncologist",
        Clinician::Surgeon => "the surgeon",
        Clinician::RadiationOncologist => "the radiation oncologist",
        Clinician::GeneticCounselor => "the genetic counselor",
        Clinician::Nurse => "the nurse",
        Clinician::PrimaryCare => "the family doctor",
        Clinician::Other | Clinician::Unknown => "the care team",
    }
}

/// "Thursday 10 December 2026".
pub fn long_date(d: Date) -> String {
    d.strftime("%A %-d %B %Y").to_string()
}

/// The short label of a priority.
pub fn priority_label(item: &Item) -> &'static str {
    if item.own {
        "my question"
    } else {
        item.priority.name()
    }
}

/// The default file name for an export made on `today`.
pub fn file_name(today: Date, format: Format) -> String {
    format!("her2prep-{today}.{}", format.extension())
}
