//! Writes a validated bank out as Rust source (`src/bank/builtin.rs`), so that the program
//! starts without parsing YAML. Only the real reader produces a `Bank`, so the built-in copy is
//! always what `check-bank` accepted: `tests/builtin_data.rs` rebuilds this source from
//! `questions/` and fails when the committed copy differs.

use std::fmt::Write as _;

use super::{Bank, Conditions};

/// The first line of every generated file, saying how to make it again.
pub const HEADER: &str = "// @generated from questions/ by tests/builtin_data.rs: do not edit.\n\
// After editing questions/, run `HER2PREP_BLESS=1 cargo test --test builtin_data`.\n";

/// A Rust string literal for `s` (`Debug` escapes exactly what a literal needs).
fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn conditions(c: &Conditions) -> String {
    let pairs: Vec<String> = c
        .keys()
        .map(|k| {
            let values: Vec<String> = c.values(k).iter().map(|v| lit(v)).collect();
            format!("(Key::{k:?}, &[{}])", values.join(", "))
        })
        .collect();
    format!("conditions(&[{}])", pairs.join(", "))
}

/// The Rust source of `src/bank/builtin.rs` for `bank`: one function building it.
pub fn rust_source(bank: &Bank) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "\nuse super::*;\nuse crate::facts::Key;\nuse crate::glossary::{Glossary, Term};\n\n\
         /// The bank of `questions/`, as the validating reader read it.\n\
         #[rustfmt::skip]\n#[allow(clippy::needless_update)]\npub(super) fn bank() -> Bank {\n    Bank {\n",
    );
    out.push_str("        topics: vec![\n");
    for t in &bank.topics {
        writeln!(
            out,
            "            Topic {{ id: {}.into(), title: {}.into() }},",
            lit(&t.id),
            lit(&t.title)
        )
        .unwrap();
    }
    out.push_str("        ],\n        questions: vec![\n");
    for q in &bank.questions {
        let clinicians = |list: &[crate::profile::Clinician]| -> String {
            let names: Vec<String> = list.iter().map(|c| format!("Clinician::{c:?}")).collect();
            names.join(", ")
        };
        writeln!(
            out,
            "            Question {{\n                id: {}.into(),\n                text: {}.into(),\n                topic: {},\n                priority: Priority::{:?},\n                when: {},\n                not: {},\n                clinicians: vec![{}],\n                core_for: vec![{}],\n                why: {}.into(),\n                source: Source {{ document: {}.into(), section: {}.into() }},\n                sensitive: {},\n                ..Question::default()\n            }},",
            lit(&q.id),
            lit(&q.text),
            q.topic,
            q.priority,
            conditions(&q.when),
            conditions(&q.not),
            clinicians(&q.clinicians),
            clinicians(&q.core_for),
            lit(&q.why),
            lit(&q.source.document),
            lit(&q.source.section),
            q.sensitive,
        )
        .unwrap();
    }
    out.push_str("        ],\n        glossary: Glossary { terms: vec![\n");
    for t in &bank.glossary.terms {
        let aliases: Vec<String> = t
            .aliases
            .iter()
            .map(|a| format!("{}.into()", lit(a)))
            .collect();
        let on_report = match &t.on_report {
            Some(r) => format!("Some({}.into())", lit(r)),
            None => "None".into(),
        };
        writeln!(
            out,
            "            Term {{ term: {}.into(), aliases: vec![{}], definition: {}.into(), on_report: {on_report} }},",
            lit(&t.term),
            aliases.join(", "),
            lit(&t.definition),
        )
        .unwrap();
    }
    out.push_str("        ] },\n        documents: vec![\n");
    for d in &bank.documents {
        writeln!(
            out,
            "            Document {{ file: {}.into(), title: {}.into() }},",
            lit(&d.file),
            lit(&d.title)
        )
        .unwrap();
    }
    out.push_str("        ],\n    }\n}\n");
    out
}
