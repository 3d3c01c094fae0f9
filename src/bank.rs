//! The question bank: loading, validating (every problem, with file, line and id) and the
//! conditions that decide which questions apply to a profile.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::choice::{Choice, choice};
use crate::facts::{Facts, Key};
use crate::glossary::Glossary;
use crate::profile::Clinician;
use crate::text::clean_line;

include!(concat!(env!("OUT_DIR"), "/builtin_bank.rs"));

choice!(
    /// How important a question is.
    Priority { Essential = "essential" [], Important = "important" [], Optional = "optional" [] }
);

/// The file holding the glossary.
pub const GLOSSARY_FILE: &str = "glossary.yaml";
/// The file listing the reference documents.
pub const SOURCES_FILE: &str = "sources.yaml";
/// The source name for well-established facts beyond the reference documents.
pub const GENERAL_SOURCE: &str = "general";
/// Bank files larger than this are refused (a bank is text; this is hundreds of thousands of questions).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// A set of conditions: every key must hold; each key holds if the profile has any listed value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions(pub Vec<(Key, Vec<&'static str>)>);

impl Conditions {
    /// True when every key holds (an empty set always holds).
    pub fn all_hold(&self, facts: &Facts) -> bool {
        self.0
            .iter()
            .all(|(k, vals)| Self::key_holds(facts, *k, vals))
    }

    /// True when at least one key holds (an empty set never holds).
    pub fn any_holds(&self, facts: &Facts) -> bool {
        self.0
            .iter()
            .any(|(k, vals)| Self::key_holds(facts, *k, vals))
    }

    fn key_holds(facts: &Facts, key: Key, wanted: &[&'static str]) -> bool {
        facts.values(key).iter().any(|v| wanted.contains(v))
    }

    /// The profile values that made each key hold, as plain reasons.
    pub fn reasons(&self, facts: &Facts) -> Vec<String> {
        let mut out = Vec::new();
        for (k, vals) in &self.0 {
            for v in facts.values(*k) {
                if vals.contains(v) {
                    out.push(crate::facts::reason_phrase(*k, v));
                }
            }
        }
        out
    }

    /// True when a key is tested.
    pub fn tests(&self, key: Key) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }

    /// True when `key` is tested for exactly and only `value`-including lists.
    pub fn asks_for(&self, key: Key, value: &str) -> bool {
        self.0.iter().any(|(k, v)| *k == key && v.contains(&value))
    }
}

/// Where a question's content comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// A file in the reference documents, or `general`.
    pub document: String,
    /// The section of that document (or, for `general`, the fact relied on).
    pub section: String,
}

/// A topic: one bank file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Stable id.
    pub id: String,
    /// Heading.
    pub title: String,
}

/// One question of the bank.
#[derive(Debug, Clone)]
pub struct Question {
    /// Stable id.
    pub id: String,
    /// The question, first person.
    pub text: String,
    /// Index into `Bank::topics`.
    pub topic: usize,
    /// How important.
    pub priority: Priority,
    /// Conditions that must all hold.
    pub when: Conditions,
    /// Conditions of which none may hold.
    pub not: Conditions,
    /// Who it suits.
    pub clinicians: Vec<Clinician>,
    /// Why it matters, one line.
    pub why: String,
    /// What it rests on.
    pub source: Source,
    /// Prognosis / end-of-life: opt-in.
    pub sensitive: bool,
}

/// A reference document questions may cite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// File name.
    pub file: String,
    /// Title.
    pub title: String,
}

/// A whole bank: topics in order, questions in order, glossary and sources.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    /// Topics in file-name order.
    pub topics: Vec<Topic>,
    /// Questions in file then file order.
    pub questions: Vec<Question>,
    /// Plain-words definitions.
    pub glossary: Glossary,
    /// Reference documents.
    pub documents: Vec<Document>,
}

/// One thing wrong with a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (name only).
    pub file: String,
    /// 1-based line, when it could be found.
    pub line: Option<usize>,
    /// The question it concerns, if any.
    pub id: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " [{id}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a bank could not be used: every problem found.
#[derive(Debug, Clone)]
pub struct BankError {
    /// Each problem, in file order.
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for BankError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "The question bank has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BankError {}

const QUESTION_KEYS: &[&str] = &[
    "id",
    "text",
    "priority",
    "when",
    "not",
    "clinicians",
    "why",
    "source",
    "sensitive",
];

/// Finds lines in a file's text so problems can point at them.
struct Lines<'t> {
    lines: Vec<&'t str>,
    /// The entry lines of each top-level list, found once (a large bank stays linear).
    entries: std::cell::RefCell<HashMap<String, Vec<usize>>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            lines: text.lines().collect(),
            entries: Default::default(),
        }
    }

    fn key_of(line: &str) -> Option<(&str, &str)> {
        let t = line.trim_start().trim_start_matches("- ").trim_start();
        let (k, v) = t.split_once(':')?;
        Some((k.trim(), v.trim().trim_matches(|c| c == '"' || c == '\'')))
    }

    /// The line of `key:` within the question starting at `start` (1-based).
    fn key_in_question(&self, start: usize, key: &str) -> Option<usize> {
        let indent = |l: &str| l.len() - l.trim_start().len();
        let level = indent(self.lines.get(start - 1)?);
        for (i, l) in self.lines.iter().enumerate().skip(start - 1) {
            if i >= start
                && l.trim_start().starts_with("- ")
                && Self::key_of(l).is_some_and(|(k, _)| k == "id")
            {
                break;
            }
            // The next entry of the same list, or a key outside it: the question has ended.
            let t = l.trim_start();
            if i >= start && !t.is_empty() && !t.starts_with('#') && indent(l) <= level {
                break;
            }
            if Self::key_of(l).is_some_and(|(k, _)| k == key) {
                return Some(i + 1);
            }
        }
        None
    }

    /// The first line of the n-th (0-based) entry of the top-level list `list`: entries are the
    /// lines starting with "- " at the indentation of the list's first entry.
    fn nth_entry_in(&self, list: &str, n: usize) -> Option<usize> {
        if let Some(found) = self.entries.borrow().get(list) {
            return found.get(n).copied();
        }
        let all = self.all_entries_in(list).unwrap_or_default();
        let line = all.get(n).copied();
        self.entries.borrow_mut().insert(list.to_string(), all);
        line
    }

    fn all_entries_in(&self, list: &str) -> Option<Vec<usize>> {
        let start = self.top_key(list)?;
        let indent = |l: &str| l.len() - l.trim_start().len();
        let is_entry = |l: &str| l.trim_start().starts_with("- ") || l.trim() == "-";
        let first = self.lines.iter().skip(start).find(|l| is_entry(l))?;
        let level = indent(first);
        self.lines
            .iter()
            .enumerate()
            .skip(start)
            .filter(|(_, l)| is_entry(l) && indent(l) == level)
            .map(|(i, _)| i + 1)
            .collect::<Vec<_>>()
            .into()
    }

    fn top_key(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map(|i| i + 1)
    }
}

struct Checker<'a> {
    file: &'a str,
    lines: Lines<'a>,
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, line: Option<usize>, id: Option<&str>, message: String) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            line,
            id: id.map(str::to_string),
            message,
        });
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{}\"", clean_line(s)),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "nothing".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a group of fields".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn get<'m>(map: &'m Mapping, key: &str) -> Option<&'m Value> {
    map.get(Value::String(key.to_string()))
}

/// Parses YAML, turning a syntax error into a problem with its line.
fn parse_yaml(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Value> {
    if text.len() > MAX_FILE_BYTES {
        problems.push(Problem {
            file: file.into(),
            line: None,
            id: None,
            message: format!(
                "the file is {} MB; bank files are limited to {} MB.",
                text.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
        return None;
    }
    match serde_yaml::from_str::<Value>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut message = clean_line(&e.to_string());
            if let Some(loc) = e.location() {
                // The location is already in our prefix; keep the message short.
                if let Some(cut) = message.find(" at line ") {
                    message.truncate(cut);
                }
                problems.push(Problem {
                    file: file.into(),
                    line: Some(loc.line()),
                    id: None,
                    message: format!("this is not valid YAML: {message}"),
                });
            } else {
                problems.push(Problem {
                    file: file.into(),
                    line: None,
                    id: None,
                    message: format!("this is not valid YAML: {message}"),
                });
            }
            None
        }
    }
}

/// Reads `when` / `not` blocks.
fn read_conditions(
    c: &mut Checker,
    qline: Option<usize>,
    id: &str,
    block: &str,
    value: &Value,
) -> Conditions {
    let line = qline
        .and_then(|l| c.lines.key_in_question(l, block))
        .or(qline);
    let mut out = Vec::new();
    let map = match value {
        Value::Null => return Conditions::default(),
        Value::Mapping(m) => m,
        other => {
            c.report(
                line,
                Some(id),
                format!(
                    "`{block}` must be a group of conditions, not {}.",
                    describe(other)
                ),
            );
            return Conditions::default();
        }
    };
    for (k, v) in map {
        let name = k.as_str().unwrap_or("");
        let kline = qline
            .and_then(|l| c.lines.key_in_question(l, name))
            .or(line);
        let Some(key) = Key::from_name(name) else {
            let known: Vec<_> = Key::ALL.iter().map(|k| k.name()).collect();
            c.report(
                kline,
                Some(id),
                format!(
                    "unknown condition {} in `{block}`; the conditions are: {}.",
                    describe(k),
                    known.join(", ")
                ),
            );
            continue;
        };
        let written: Vec<&Value> = match v {
            Value::Sequence(items) => items.iter().collect(),
            other => vec![other],
        };
        if written.is_empty() {
            c.report(
                kline,
                Some(id),
                format!("condition `{name}` lists no values."),
            );
            continue;
        }
        let mut vals = Vec::new();
        for w in written {
            match as_text(w).and_then(|t| key.canonical(&t)) {
                Some(canon) => vals.push(canon),
                None => c.report(
                    kline,
                    Some(id),
                    format!(
                        "{} is not a value of condition `{name}`; the values are: {}.",
                        describe(w),
                        key.values().join(", ")
                    ),
                ),
            }
        }
        if !vals.is_empty() {
            out.push((key, vals));
        }
    }
    Conditions(out)
}

/// Required text field of a question.
fn required_text(
    c: &mut Checker,
    q: &Mapping,
    qline: Option<usize>,
    id: &str,
    key: &str,
) -> String {
    let line = qline
        .and_then(|l| c.lines.key_in_question(l, key))
        .or(qline);
    match get(q, key) {
        None => {
            c.report(qline, Some(id), format!("`{key}` is missing."));
            String::new()
        }
        Some(v) => match as_text(v).map(|t| clean_line(&t)) {
            Some(t) if !t.is_empty() => t,
            _ => {
                c.report(line, Some(id), format!("`{key}` is empty."));
                String::new()
            }
        },
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Bank {
    /// The bank compiled into the program.
    pub fn builtin() -> Result<Bank, BankError> {
        Bank::from_files(
            BUILTIN_FILES
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// Loads a bank from a folder of YAML files.
    pub fn from_dir(dir: &Path) -> Result<Bank, BankError> {
        let fail = |message: String| BankError {
            problems: vec![Problem {
                file: dir.display().to_string(),
                line: None,
                id: None,
                message,
            }],
        };
        let entries =
            std::fs::read_dir(dir).map_err(|e| fail(format!("the folder can't be read: {e}.")))?;
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            match std::fs::metadata(&path) {
                Ok(m) if m.len() as usize > MAX_FILE_BYTES => {
                    problems.push(Problem {
                        file: name,
                        line: None,
                        id: None,
                        message: format!(
                            "the file is {} MB; bank files are limited to {} MB.",
                            m.len() / (1024 * 1024),
                            MAX_FILE_BYTES / (1024 * 1024)
                        ),
                    });
                    continue;
                }
                _ => {}
            }
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push((name, text)),
                    Err(_) => problems.push(Problem {
                        file: name,
                        line: None,
                        id: None,
                        message: "the file is not UTF-8 text.".into(),
                    }),
                },
                Err(e) => problems.push(Problem {
                    file: name,
                    line: None,
                    id: None,
                    message: format!("the file can't be read: {e}."),
                }),
            }
        }
        if files.is_empty() && problems.is_empty() {
            return Err(fail("the folder holds no .yaml question files.".into()));
        }
        files.sort();
        match Bank::from_files(files) {
            Ok(b) if problems.is_empty() => Ok(b),
            Ok(_) => Err(BankError { problems }),
            Err(mut e) => {
                problems.append(&mut e.problems);
                Err(BankError { problems })
            }
        }
    }

    /// Loads and validates a bank from (file name, text) pairs, in the given order.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Bank, BankError> {
        let mut problems = Vec::new();
        let mut bank = Bank::default();
        // Sources and the glossary first: questions refer to them.
        if let Some((_, text)) = files.iter().find(|(n, _)| n == SOURCES_FILE) {
            bank.documents = read_sources(text, &mut problems);
        } else {
            problems.push(Problem {
                file: SOURCES_FILE.into(),
                line: None,
                id: None,
                message: "the bank has no sources.yaml listing the documents questions cite."
                    .into(),
            });
        }
        if let Some((_, text)) = files.iter().find(|(n, _)| n == GLOSSARY_FILE) {
            bank.glossary = Glossary::from_yaml(GLOSSARY_FILE, text, &mut problems);
        }
        let mut seen: HashMap<String, (String, Option<usize>)> = HashMap::new();
        let mut topic_files: BTreeMap<String, String> = BTreeMap::new();
        for (file, text) in &files {
            if file == SOURCES_FILE || file == GLOSSARY_FILE {
                continue;
            }
            read_topic_file(
                &mut bank,
                file,
                text,
                &mut problems,
                &mut seen,
                &mut topic_files,
            );
        }
        if bank.questions.is_empty() && problems.is_empty() {
            problems.push(Problem {
                file: "(bank)".into(),
                line: None,
                id: None,
                message: "the bank holds no questions.".into(),
            });
        }
        if problems.is_empty() {
            Ok(bank)
        } else {
            Err(BankError { problems })
        }
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The topic with this id.
    pub fn topic_index(&self, id: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.id == id)
    }

    /// The document with this file name.
    pub fn document(&self, file: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.file == file)
    }
}

fn read_sources(text: &str, problems: &mut Vec<Problem>) -> Vec<Document> {
    let mut c = Checker {
        file: SOURCES_FILE,
        lines: Lines::new(text),
        problems,
    };
    let Some(value) = parse_yaml(SOURCES_FILE, text, c.problems) else {
        return Vec::new();
    };
    let docs = value
        .as_mapping()
        .and_then(|m| get(m, "documents"))
        .and_then(Value::as_sequence);
    let Some(docs) = docs else {
        c.report(
            Some(1),
            None,
            "expected a `documents:` list of files with titles.".into(),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let line = c.lines.nth_entry_in("documents", i);
        let file = d
            .as_mapping()
            .and_then(|m| get(m, "file"))
            .and_then(as_text);
        let title = d
            .as_mapping()
            .and_then(|m| get(m, "title"))
            .and_then(as_text);
        match (file, title) {
            (Some(file), Some(title)) if !file.trim().is_empty() && !title.trim().is_empty() => out
                .push(Document {
                    file: clean_line(&file),
                    title: clean_line(&title),
                }),
            _ => c.report(
                line,
                None,
                "each document needs a `file` and a `title`.".into(),
            ),
        }
    }
    out
}

fn read_topic_file(
    bank: &mut Bank,
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
    seen: &mut HashMap<String, (String, Option<usize>)>,
    topic_files: &mut BTreeMap<String, String>,
) {
    let mut c = Checker {
        file,
        lines: Lines::new(text),
        problems,
    };
    let Some(value) = parse_yaml(file, text, c.problems) else {
        return;
    };
    let Some(map) = value.as_mapping() else {
        c.report(
            Some(1),
            None,
            "a topic file needs `topic`, `title` and `questions`.".into(),
        );
        return;
    };
    for k in map.keys() {
        let name = k.as_str().unwrap_or("");
        if !["topic", "title", "questions"].contains(&name) {
            let line = c.lines.top_key(name);
            c.report(
                line,
                None,
                format!(
                    "unknown field {}; a topic file has `topic`, `title` and `questions`.",
                    describe(k)
                ),
            );
        }
    }
    let topic_id = get(map, "topic")
        .and_then(as_text)
        .map(|t| clean_line(&t))
        .unwrap_or_default();
    if !valid_id(&topic_id) {
        let line = c.lines.top_key("topic");
        c.report(
            line.or(Some(1)),
            None,
            "`topic` must be a short id in lowercase letters, digits and hyphens.".into(),
        );
    } else if let Some(other) = topic_files.insert(topic_id.clone(), file.to_string()) {
        let line = c.lines.top_key("topic");
        c.report(
            line,
            None,
            format!("topic `{topic_id}` is also used by {other}; each topic has one file."),
        );
    }
    let title = get(map, "title")
        .and_then(as_text)
        .map(|t| clean_line(&t))
        .unwrap_or_default();
    if title.is_empty() {
        let line = c.lines.top_key("title");
        c.report(
            line.or(Some(1)),
            None,
            "`title` is missing or empty.".into(),
        );
    }
    let topic = bank.topics.len();
    bank.topics.push(Topic {
        id: topic_id,
        title,
    });
    let Some(questions) = get(map, "questions").and_then(Value::as_sequence) else {
        let line = c.lines.top_key("questions");
        c.report(
            line.or(Some(1)),
            None,
            "`questions` must be a list of questions.".into(),
        );
        return;
    };
    for (n, q) in questions.iter().enumerate() {
        let Some(q) = q.as_mapping() else {
            let line = c.lines.nth_entry_in("questions", n);
            c.report(
                line,
                None,
                format!("question {} is not a group of fields.", n + 1),
            );
            continue;
        };
        let id = clean_line(&get(q, "id").and_then(as_text).unwrap_or_default());
        let qline = c.lines.nth_entry_in("questions", n);
        let shown_id = if id.is_empty() {
            format!("question {}", n + 1)
        } else {
            id.clone()
        };
        if id.is_empty() {
            c.report(qline, None, format!("question {} has no `id`.", n + 1));
        } else if !valid_id(&id) {
            c.report(
                qline,
                Some(&id),
                "the id must use lowercase letters, digits and hyphens only (at most 80).".into(),
            );
        } else if let Some((other_file, other_line)) = seen.get(&id) {
            let at = other_line
                .map(|l| format!("{other_file}:{l}"))
                .unwrap_or(other_file.clone());
            c.report(
                qline,
                Some(&id),
                format!("duplicate id: already used at {at}."),
            );
        } else {
            seen.insert(id.clone(), (file.to_string(), qline));
        }
        for k in q.keys() {
            let name = k.as_str().unwrap_or("");
            if !QUESTION_KEYS.contains(&name) {
                let line = qline
                    .and_then(|l| c.lines.key_in_question(l, name))
                    .or(qline);
                c.report(
                    line,
                    Some(&shown_id),
                    format!(
                        "unknown field {}; the fields are {}.",
                        describe(k),
                        QUESTION_KEYS.join(", ")
                    ),
                );
            }
        }
        let text = required_text(&mut c, q, qline, &shown_id, "text");
        let why = required_text(&mut c, q, qline, &shown_id, "why");
        let priority = match get(q, "priority") {
            None => {
                c.report(
                    qline,
                    Some(&shown_id),
                    format!(
                        "`priority` is missing; use one of {}.",
                        Priority::names().join(", ")
                    ),
                );
                Priority::Optional
            }
            Some(v) => match as_text(v).and_then(|t| Priority::parse(&t)) {
                Some(p) => p,
                None => {
                    let line = qline.and_then(|l| c.lines.key_in_question(l, "priority"));
                    c.report(
                        line,
                        Some(&shown_id),
                        format!(
                            "priority {} is not one of {}.",
                            describe(v),
                            Priority::names().join(", ")
                        ),
                    );
                    Priority::Optional
                }
            },
        };
        let when = get(q, "when")
            .map(|v| read_conditions(&mut c, qline, &shown_id, "when", v))
            .unwrap_or_default();
        let not = get(q, "not")
            .map(|v| read_conditions(&mut c, qline, &shown_id, "not", v))
            .unwrap_or_default();
        let cline = qline
            .and_then(|l| c.lines.key_in_question(l, "clinicians"))
            .or(qline);
        let mut clinicians = Vec::new();
        match get(q, "clinicians") {
            None => c.report(
                qline,
                Some(&shown_id),
                "`clinicians` is missing: say who the question suits.".into(),
            ),
            Some(v) => {
                let list: Vec<&Value> = match v {
                    Value::Sequence(s) => s.iter().collect(),
                    other => vec![other],
                };
                for item in list {
                    match as_text(item)
                        .and_then(|t| Clinician::parse(&t))
                        .filter(|c| *c != Clinician::Unknown)
                    {
                        Some(cl) => clinicians.push(cl),
                        None => {
                            let mut names = Clinician::names();
                            names.retain(|n| *n != "unknown");
                            c.report(
                                cline,
                                Some(&shown_id),
                                format!(
                                    "{} is not a clinician; use {}.",
                                    describe(item),
                                    names.join(", ")
                                ),
                            )
                        }
                    }
                }
                if clinicians.is_empty() && matches!(v, Value::Sequence(s) if s.is_empty()) {
                    c.report(
                        cline,
                        Some(&shown_id),
                        "`clinicians` is empty: say who the question suits.".into(),
                    );
                }
            }
        }
        let sline = qline
            .and_then(|l| c.lines.key_in_question(l, "source"))
            .or(qline);
        let source = match get(q, "source") {
            None => {
                c.report(
                    qline,
                    Some(&shown_id),
                    "`source` is missing: name the document and section.".into(),
                );
                None
            }
            Some(Value::Mapping(m)) => {
                let document = get(m, "document")
                    .and_then(as_text)
                    .map(|t| clean_line(&t))
                    .unwrap_or_default();
                let section = get(m, "section")
                    .and_then(as_text)
                    .map(|t| clean_line(&t))
                    .unwrap_or_default();
                for k in m.keys() {
                    if !["document", "section"].contains(&k.as_str().unwrap_or("")) {
                        c.report(
                            sline,
                            Some(&shown_id),
                            format!(
                                "unknown field {} in `source`; use `document` and `section`.",
                                describe(k)
                            ),
                        );
                    }
                }
                if document.is_empty() || section.is_empty() {
                    c.report(
                        sline,
                        Some(&shown_id),
                        "`source` needs both `document` and `section`.".into(),
                    );
                } else if document != GENERAL_SOURCE && bank.document(&document).is_none() {
                    let known: Vec<_> = bank.documents.iter().map(|d| d.file.as_str()).collect();
                    c.report(
                        sline,
                        Some(&shown_id),
                        format!("source document \"{document}\" is not listed in sources.yaml (listed: {}; or `general`).", known.join(", ")),
                    );
                }
                Some(Source { document, section })
            }
            Some(other) => {
                c.report(
                    sline,
                    Some(&shown_id),
                    format!(
                        "`source` must have `document` and `section`, not {}.",
                        describe(other)
                    ),
                );
                None
            }
        };
        let sensitive = match get(q, "sensitive") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let line = qline.and_then(|l| c.lines.key_in_question(l, "sensitive"));
                c.report(
                    line,
                    Some(&shown_id),
                    format!(
                        "`sensitive` must be true or false, not {}.",
                        describe(other)
                    ),
                );
                false
            }
        };
        bank.questions.push(Question {
            id,
            text,
            topic,
            priority,
            when,
            not,
            clinicians,
            why,
            source: source.unwrap_or(Source {
                document: String::new(),
                section: String::new(),
            }),
            sensitive,
        });
    }
}
