//! The words the reader shows and the questions it adds, from assets/report.yaml.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{Findings, Key, Note, Status};

/// The reader's words (assets/report.yaml).
#[derive(Debug, Deserialize)]
pub struct Words {
    /// What each finding is called when shown.
    pub names: BTreeMap<String, String>,
    /// Short names used in questions.
    pub short: BTreeMap<String, String>,
    /// How some values read in a sentence.
    pub values: BTreeMap<String, String>,
    /// Question templates.
    pub questions: BTreeMap<String, String>,
    /// Note templates.
    pub notes: BTreeMap<String, String>,
}

/// The reader's words, read once from the file built into the program.
pub static WORDS: LazyLock<Words> = LazyLock::new(|| {
    serde_yaml::from_str(include_str!("../../assets/report.yaml"))
        .expect("assets/report.yaml is checked by the report tests")
});

/// What a finding is called ("ER (estrogen receptor)").
pub fn name(key: Key) -> &'static str {
    WORDS
        .names
        .get(key.name())
        .map(String::as_str)
        .unwrap_or(key.name())
}

fn short(key: Key) -> &'static str {
    WORDS
        .short
        .get(key.name())
        .map(String::as_str)
        .unwrap_or(key.name())
}

/// How a value reads in a sentence.
pub fn value_words(key: Key, v: &str) -> String {
    if key == Key::Ki67 {
        return format!("{v} %");
    }
    WORDS
        .values
        .get(v)
        .cloned()
        .unwrap_or_else(|| v.to_string())
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A note template filled in.
pub fn note(name: &str, pairs: &[(&str, &str)]) -> String {
    WORDS
        .notes
        .get(name)
        .map(|t| fill(t, pairs))
        .unwrap_or_default()
}

/// The questions for a set of findings.
pub fn for_findings(f: &Findings) -> Vec<String> {
    let q = |name: &str, pairs: &[(&str, &str)]| {
        WORDS
            .questions
            .get(name)
            .map(|t| fill(t, pairs))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (key, field) in &f.fields {
        match field.status {
            Status::Conflict => {
                let (Some(a), Some(b)) = (field.candidates.first(), field.candidates.last()) else {
                    continue;
                };
                let (fa, fb) = (
                    a.value.clone().unwrap_or_default(),
                    b.value.clone().unwrap_or_default(),
                );
                let (wa, wb) = if a.specimen == b.specimen {
                    (
                        format!("report (line {})", a.line),
                        format!("report (line {})", b.line),
                    )
                } else {
                    (a.specimen.clone(), b.specimen.clone())
                };
                out.push(q(
                    "conflict",
                    &[
                        ("first_where", &wa),
                        ("last_where", &wb),
                        ("field", short(*key)),
                        ("first", &value_words(*key, &fa)),
                        ("last", &value_words(*key, &fb)),
                    ],
                ));
            }
            Status::Unclear if *key == Key::Stage && field.detail.is_some() => {}
            Status::Unclear => out.push(q("unclear", &[("field", short(*key))])),
            Status::Found => {
                if *key == Key::Her2Ish && field.value.as_deref() == Some("pending") {
                    out.push(q("ish_pending", &[]));
                }
            }
        }
    }
    for n in &f.notes {
        match n {
            Note::TnmOnly { tnm, .. } => out.push(q("tnm_only", &[("tnm", tnm)])),
        }
    }
    out
}
