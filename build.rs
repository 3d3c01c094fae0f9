//! Embeds the question bank (every `questions/*.yaml`) and the plain-words results text
//! (`assets/results.yaml`) into the binary as Rust data, so that `her2prep` runs from any
//! directory and start-up reads nothing: parsing the bank at run time (even as JSON) took about
//! two thirds of a whole export's instructions.
//!
//! The bank is written out as plain, cleaned text (`bank::Data`); turning condition, priority
//! and clinician names into the program's types is left to run time, which knows them. The
//! built-in bank is validated by the test suite (`tests/bank_validation.rs` checks that it
//! equals the validated `questions/`), not at every start. A file without the expected shape
//! can't be written out: then the YAML files are read and validated at run time instead, so
//! their problems are reported with file and line, as for any other bank.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use serde_yaml::Value;

// The same cleaning as at run time, applied here once.
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
// Scalars are read as text the same way as at run time.
#[allow(dead_code)]
#[path = "src/yaml.rs"]
mod yaml;
use text::clean_line;
use yaml::as_text;

const SOURCES_FILE: &str = "sources.yaml";
const GLOSSARY_FILE: &str = "glossary.yaml";

fn main() {
    let out_dir = env::var("OUT_DIR").unwrap();
    println!("cargo:rerun-if-changed=questions");
    println!("cargo:rerun-if-changed=assets/results.yaml");
    let dir = Path::new("questions");
    let mut paths: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let mut files = Vec::new();
    for p in &paths {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        files.push((name, fs::read_to_string(p).unwrap_or_default()));
    }
    let mut out = String::new();
    let data = bank_data(&files).unwrap_or_else(|| "None".into());
    writeln!(
        out,
        "/// The built-in bank written out by build.rs (`None` when it could not be).\nstatic BUILTIN_DATA: Option<Data> = {data};"
    )
    .unwrap();
    // The YAML stays in the binary for the rare fallback; unused, it is never paged in.
    out.push_str(
        "/// The built-in bank files as YAML: (file name, contents), in name order.\nstatic BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    for p in &paths {
        let name = p.file_name().unwrap().to_string_lossy();
        let full = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        writeln!(out, "    ({name:?}, include_str!({:?})),", full.display()).unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&out_dir).join("builtin_bank.rs"), out).unwrap();
    fs::write(
        Path::new(&out_dir).join("results_text.rs"),
        results_text(Path::new("assets/results.yaml")),
    )
    .unwrap();
}

/// `assets/results.yaml` as a static table of (section, [(key, text)]), sorted.
fn results_text(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("assets/results.yaml can be read");
    let parsed: BTreeMap<String, BTreeMap<String, String>> = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("assets/results.yaml is not sections of texts: {e}"));
    let mut out = String::from(
        "/// `assets/results.yaml`: (section, [(key, text)]), sorted.\nstatic TEXTS: &[(&str, &[(&str, &str)])] = &[\n",
    );
    for (section, entries) in &parsed {
        write!(out, "    ({section:?}, &[").unwrap();
        for (k, v) in entries {
            write!(out, "({k:?}, {v:?}), ").unwrap();
        }
        out.push_str("]),\n");
    }
    out.push_str("];\n");
    out
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("&[{}]", items.join(", "))
}

/// The bank as a Rust `Some(Data { .. })` expression, or `None` when a file does not have the
/// shape `bank.rs` reads without reporting a problem.
fn bank_data(files: &[(String, String)]) -> Option<String> {
    let mut parsed = Vec::new();
    for (name, text) in files {
        parsed.push((name.as_str(), serde_yaml::from_str::<Value>(text).ok()?));
    }
    let value_of = |name: &str| parsed.iter().find(|(n, _)| *n == name).map(|(_, v)| v);

    let mut documents = Vec::new();
    for d in value_of(SOURCES_FILE)?.get("documents")?.as_sequence()? {
        let file = d.get("file").and_then(as_text)?;
        let title = d.get("title").and_then(as_text)?;
        if file.trim().is_empty() || title.trim().is_empty() {
            return None;
        }
        documents.push(format!(
            "({}, {})",
            lit(&clean_line(&file)),
            lit(&clean_line(&title))
        ));
    }

    let mut terms = Vec::new();
    if let Some(glossary) = value_of(GLOSSARY_FILE) {
        for entry in glossary.get("terms")?.as_sequence()? {
            let s = |k: &str| {
                entry
                    .get(k)
                    .and_then(Value::as_str)
                    .map(clean_line)
                    .filter(|t| !t.is_empty())
            };
            let aliases = entry
                .get("aliases")
                .and_then(Value::as_sequence)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(clean_line)
                        .filter(|a| !a.is_empty())
                        .map(|a| lit(&a))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            let on_report = match s("on_report") {
                Some(r) => format!("Some({})", lit(&r)),
                None => "None".into(),
            };
            terms.push(format!(
                "Term0 {{ term: {}, aliases: {}, definition: {}, on_report: {on_report} }}",
                lit(&s("term")?),
                list(aliases),
                lit(&s("definition")?),
            ));
        }
    }

    let mut topics = Vec::new();
    let mut questions = Vec::new();
    for (name, value) in &parsed {
        if *name == SOURCES_FILE || *name == GLOSSARY_FILE {
            continue;
        }
        let map = value.as_mapping()?;
        let text_of = |v: Option<&Value>| v.and_then(as_text).map(|t| clean_line(&t));
        let topic = topics.len();
        topics.push(format!(
            "({}, {})",
            lit(&text_of(map.get("topic"))?),
            lit(&text_of(map.get("title"))?)
        ));
        for q in map.get("questions")?.as_sequence()? {
            let q = q.as_mapping()?;
            let text = |k: &str| text_of(q.get(k)).map(|t| lit(&t));
            let conditions = |k: &str| -> Option<String> {
                let mut out = Vec::new();
                match q.get(k) {
                    None | Some(Value::Null) => {}
                    Some(Value::Mapping(m)) => {
                        for (key, v) in m {
                            let written: Vec<&Value> = match v {
                                Value::Sequence(items) => items.iter().collect(),
                                other => vec![other],
                            };
                            if written.is_empty() {
                                return None;
                            }
                            let vals: Option<Vec<String>> = written
                                .iter()
                                .map(|w| as_text(w).map(|t| lit(&t)))
                                .collect();
                            out.push(format!(
                                "({}, {})",
                                lit(key.as_str().unwrap_or("")),
                                list(vals?)
                            ));
                        }
                    }
                    Some(_) => return None,
                }
                Some(list(out))
            };
            let clinicians: Vec<String> = match q.get("clinicians")? {
                Value::Sequence(s) if s.is_empty() => return None,
                Value::Sequence(s) => s
                    .iter()
                    .map(|c| as_text(c).map(|t| lit(&t)))
                    .collect::<Option<_>>()?,
                other => vec![lit(&as_text(other)?)],
            };
            // `core_for` (ranking: the clinicians for whom it is a core question); optional.
            let core_for: Vec<String> = match q.get("core_for") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Sequence(s)) => s
                    .iter()
                    .map(|c| as_text(c).map(|t| lit(&t)))
                    .collect::<Option<_>>()?,
                Some(other) => vec![lit(&as_text(other)?)],
            };
            let source = q.get("source")?.as_mapping()?;
            let sensitive = match q.get("sensitive") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => return None,
            };
            questions.push(format!(
                "Question0 {{ id: {}, text: {}, topic: {topic}, priority: {}, when: {}, not: {}, clinicians: {}, core_for: {}, why: {}, source: ({}, {}), sensitive: {sensitive} }}",
                text("id")?,
                text("text")?,
                lit(&as_text(q.get("priority")?)?),
                conditions("when")?,
                conditions("not")?,
                list(clinicians),
                list(core_for),
                text("why")?,
                lit(&text_of(source.get("document"))?),
                lit(&text_of(source.get("section"))?),
            ));
        }
    }
    Some(format!(
        "Some(Data {{\n    documents: {},\n    terms: &[\n        {}\n    ],\n    topics: {},\n    questions: &[\n        {}\n    ],\n}})",
        list(documents),
        terms.join(",\n        "),
        list(topics),
        questions.join(",\n        "),
    ))
}
