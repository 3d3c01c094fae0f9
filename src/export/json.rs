//! JSON with every field a program would want: ids, topics, priorities, reasons, sources, state.

use serde::Serialize;

use super::Document;
use crate::choice::Choice;

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u32,
    made_on: String,
    title: String,
    prepared_by: String,
    role: &'static str,
    name: Option<&'a str>,
    appointment: Appointment,
    /// Whom and which visit the list is for.
    list_for: String,
    /// The clinician the list was ranked for.
    ranked_for: &'static str,
    /// How many questions, from the first, form the visit list.
    visit_list: usize,
    classification: Classification,
    summary: &'a crate::results::Summary,
    top_cut: bool,
    questions: Vec<Question<'a>>,
    glossary: Vec<&'a crate::glossary::Term>,
    sources: Vec<Source<'a>>,
    not_medical_advice: &'static str,
}

#[derive(Serialize)]
struct Appointment {
    with: &'static str,
    date: Option<String>,
}

#[derive(Serialize)]
struct Classification {
    hormone_receptors: &'static str,
    her2: &'static str,
    subtype: &'static str,
    setting: &'static str,
    out_of_scope: bool,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    text: &'a str,
    topic: &'a str,
    topic_title: &'a str,
    priority: &'static str,
    own: bool,
    sensitive: bool,
    rank: usize,
    generic: bool,
    reasons: &'a [String],
    because: String,
    why: &'a str,
    source: Option<&'a crate::bank::Source>,
    clinicians: Vec<&'static str>,
    asked: bool,
    answer: &'a str,
    starred: bool,
    hidden: bool,
    answered_on: Option<String>,
}

#[derive(Serialize)]
struct Source<'a> {
    document: &'a str,
    title: &'a str,
}

/// Renders the JSON export.
pub fn render(doc: &Document) -> String {
    let c = &doc.checklist.class;
    let out = Out {
        format: "her2prep-checklist",
        version: 1,
        made_on: doc.today.to_string(),
        title: doc.title(),
        prepared_by: doc.whose(),
        role: doc.profile.role.name(),
        name: doc.profile.display_name(),
        appointment: Appointment {
            with: doc.profile.appointment.with.name(),
            date: doc.profile.appointment.date.map(|d| d.to_string()),
        },
        list_for: doc.for_whom(),
        ranked_for: doc.checklist.clinician.name(),
        visit_list: doc.checklist.visit,
        classification: Classification {
            hormone_receptors: c.hr.name(),
            her2: c.her2.name(),
            subtype: c.subtype.name(),
            setting: c.setting.name(),
            out_of_scope: c.out_of_scope(),
        },
        summary: &doc.summary,
        top_cut: doc.top_cut,
        questions: doc
            .checklist
            .items
            .iter()
            .map(|i| Question {
                id: &i.id,
                text: &i.text,
                topic: &i.topic,
                topic_title: &i.topic_title,
                priority: if i.own { "own" } else { i.priority.name() },
                own: i.own,
                sensitive: i.sensitive,
                rank: i.rank,
                generic: i.generic(),
                reasons: &i.reasons,
                because: i.because(),
                why: &i.why,
                source: i.source.as_ref(),
                clinicians: i.clinicians.iter().map(|c| c.name()).collect(),
                asked: i.state.asked,
                answer: &i.state.answer,
                starred: i.state.starred,
                hidden: i.state.hidden,
                answered_on: i.state.answered_on.map(|d| d.to_string()),
            })
            .collect(),
        glossary: doc.terms.clone(),
        sources: doc
            .sources
            .iter()
            .map(|(f, t)| Source {
                document: f,
                title: t,
            })
            .collect(),
        not_medical_advice: super::NOT_ADVICE,
    };
    let mut s = ascii_controls_escaped(
        &serde_json::to_string_pretty(&out).expect("export always serialises"),
    );
    s.push('\n');
    s
}

/// Writes characters that a terminal or viewer acts on (DEL, C1 controls such as U+0085 and
/// U+009B, bidi overrides such as U+202E, invisible characters) as `\u` escapes, so that
/// `jq -r` or `cat` never sends them raw. JSON's structure is ASCII, so such characters can
/// only be inside strings, where an escape means the same character.
fn ascii_controls_escaped(json: &str) -> String {
    let risky =
        |c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || crate::text::is_unsafe(c);
    if !json.chars().any(risky) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if risky(c) && c != '\n' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    out
}
