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
use crate::yaml::{as_text, describe, get};

// The built-in bank: `questions/` as the real reader read it, written out as Rust by
// `generate::rust_source` (see tests/builtin_data.rs).
mod builtin;
#[doc(hidden)]
pub mod generate;

thread_local! {
    static COUNTS: std::cell::Cell<Counts> = const { std::cell::Cell::new(Counts { builtin: 0, yaml_files: 0 }) };
}

/// How often this thread has done the costly things tests want done once (the tests in
/// `src/cli.rs`, `src/ui/tests.rs` and `tests/bank_validation.rs` count them). Counting is a
/// thread-local addition: nothing next to what is counted.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Calls of `Bank::builtin`.
    pub builtin: usize,
    /// Bank files parsed from YAML.
    pub yaml_files: usize,
}

/// The counts so far on this thread.
#[doc(hidden)]
pub fn counts() -> Counts {
    COUNTS.with(std::cell::Cell::get)
}

fn count(f: impl FnOnce(&mut Counts)) {
    COUNTS.with(|c| {
        let mut n = c.get();
        f(&mut n);
        c.set(n);
    });
}

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
///
/// Kept as (key, mask of its listed values) pairs in the order written, each packed in a `u32`
/// (key above, mask below), a mask having one bit per value of the key ([`Key::bit`]): a key
/// holds when its mask and the profile's ([`Facts::mask`]) share a bit. The first three pairs
/// (every set in the built-in bank) are kept in the question itself, so deciding which of a
/// bank's questions apply compares a few bytes of each instead of following pointers to lists
/// of names: that took 20 times longer for 10,000 questions (more than the cache) than for 1,000.
#[derive(Clone, PartialEq, Eq)]
pub struct Conditions {
    /// The first pairs; `EMPTY` where there is none.
    head: [u32; HEAD],
    /// Any further pairs.
    rest: Box<[u32]>,
}

/// How many (key, mask) pairs a question holds in place.
const HEAD: usize = 3;
/// No pair.
const EMPTY: u32 = u32::MAX;

impl Default for Conditions {
    fn default() -> Self {
        Conditions {
            head: [EMPTY; HEAD],
            rest: Box::default(),
        }
    }
}

impl std::fmt::Debug for Conditions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(k, _)| (k.name(), self.values(k))))
            .finish()
    }
}

impl Conditions {
    /// Adds a condition on `key` holding for any of `values` (canonical names of the key's
    /// values; others are ignored). A key added again gains the values (a bank file can't
    /// test a key twice in one block: YAML refuses duplicate keys).
    pub fn add(&mut self, key: Key, values: &[&str]) {
        let mask = values
            .iter()
            .filter_map(|v| key.bit(v))
            .fold(0, |m, b| m | b);
        let pair = ((key as u32) << 16) | u32::from(mask);
        let same = |p: &u32| *p != EMPTY && (*p >> 16) == key as u32;
        if let Some(p) = self
            .head
            .iter_mut()
            .chain(self.rest.iter_mut())
            .find(|p| same(p))
        {
            *p |= u32::from(mask);
        } else if let Some(p) = self.head.iter_mut().find(|p| **p == EMPTY) {
            *p = pair;
        } else {
            let mut rest = std::mem::take(&mut self.rest).into_vec();
            rest.push(pair);
            self.rest = rest.into_boxed_slice();
        }
    }

    /// The (key, mask) pairs, in the order written.
    fn iter(&self) -> impl Iterator<Item = (Key, u16)> + '_ {
        self.head
            .iter()
            .take_while(|p| **p != EMPTY)
            .chain(self.rest.iter())
            .map(|p| (Key::ALL[(*p >> 16) as usize], *p as u16))
    }

    /// The keys tested, in the order written.
    pub fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The canonical values listed for `key` (in the key's order), empty when it is not tested.
    pub fn values(&self, key: Key) -> Vec<&'static str> {
        let mask = self.iter().find(|(k, _)| *k == key).map_or(0, |(_, m)| m);
        key.values()
            .into_iter()
            .filter(|v| key.bit(v).is_some_and(|b| mask & b != 0))
            .collect()
    }

    /// True when every key holds (an empty set always holds).
    pub fn all_hold(&self, facts: &Facts) -> bool {
        self.iter().all(|(k, mask)| facts.mask(k) & mask != 0)
    }

    /// True when at least one key holds (an empty set never holds).
    pub fn any_holds(&self, facts: &Facts) -> bool {
        self.iter().any(|(k, mask)| facts.mask(k) & mask != 0)
    }

    /// The profile values that made each key hold, as plain reasons in the reader's voice.
    pub fn reasons(&self, facts: &Facts) -> Vec<String> {
        let voice = crate::voice::Voice::of(facts.profile);
        let mut out = Vec::new();
        for (k, mask) in self.iter() {
            for v in facts.values(k) {
                if k.bit(v).is_some_and(|b| mask & b != 0) {
                    out.push(crate::facts::reason_phrase_in(&voice, k, v));
                }
            }
        }
        out
    }

    /// The (key, mask of listed values) pairs, in the order written: what ranking weighs.
    pub fn pairs(&self) -> impl Iterator<Item = (Key, u16)> + '_ {
        self.iter()
    }

    /// True when a key is tested.
    pub fn tests(&self, key: Key) -> bool {
        self.keys().any(|k| k == key)
    }

    /// True when `key` is tested and `value` is among its listed values.
    pub fn asks_for(&self, key: Key, value: &str) -> bool {
        let Some(bit) = key.bit(value) else {
            return false;
        };
        self.iter().any(|(k, mask)| k == key && mask & bit != 0)
    }
}

/// Conditions from (key, canonical values) pairs, as the generated built-in bank writes them.
fn conditions(pairs: &[(Key, &[&str])]) -> Conditions {
    let mut out = Conditions::default();
    for (key, values) in pairs {
        out.add(*key, values);
    }
    out
}

/// Where a question's content comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// The clinicians for whom it is a core question: at a visit with one of them it ranks
    /// at the top of the list (docs/question-bank.md, "How the list is ranked").
    pub core_for: Vec<Clinician>,
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
#[derive(Debug, Clone, Default, PartialEq)]
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
        // A newline in a folder name must not start a line of its own (it could forge one).
        write!(f, "{}", clean_line(&self.file))?;
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
    "core_for",
    "why",
    "source",
    "sensitive",
];

/// Finds lines in a file's text so problems can point at them.
struct Lines<'t> {
    lines: Vec<&'t str>,
    /// First lines (1-based) of the `questions:` entries, found once: looking them up per
    /// question would make validation quadratic in the size of a file.
    questions: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            lines: text.lines().collect(),
            questions: std::cell::OnceCell::new(),
        }
    }

    fn key_of(line: &str) -> Option<(&str, &str)> {
        let t = line.trim_start().trim_start_matches("- ").trim_start();
        let (k, v) = t.split_once(':')?;
        Some((k.trim(), v.trim().trim_matches(|c| c == '"' || c == '\'')))
    }

    /// The line of `key:` within the question whose entry starts at line `start` (1-based),
    /// looking no further than the next question.
    fn key_in_question(&self, start: usize, key: &str) -> Option<usize> {
        let entries = self.entries_of_questions();
        let end = entries
            .get(entries.partition_point(|&e| e <= start))
            .map_or(self.lines.len(), |&next| next - 1);
        (start - 1..end)
            .find(|&i| Self::key_of(self.lines[i]).is_some_and(|(k, _)| k == key))
            .map(|i| i + 1)
    }

    fn entries_of_questions(&self) -> &[usize] {
        self.questions.get_or_init(|| self.entries("questions"))
    }

    /// The first lines (1-based) of the entries of the top-level list `list`: the lines
    /// starting with "- " at the indentation of the list's first entry.
    fn entries(&self, list: &str) -> Vec<usize> {
        let Some(start) = self.top_key(list) else {
            return Vec::new();
        };
        let indent = |l: &str| l.len() - l.trim_start().len();
        let is_entry = |l: &str| l.trim_start().starts_with("- ") || l.trim() == "-";
        let Some(level) = self
            .lines
            .iter()
            .skip(start)
            .find(|l| is_entry(l))
            .map(|l| indent(l))
        else {
            return Vec::new();
        };
        (start..self.lines.len())
            .filter(|&i| is_entry(self.lines[i]) && indent(self.lines[i]) == level)
            .map(|i| i + 1)
            .collect()
    }

    /// The first line of the n-th (0-based) question.
    fn nth_question(&self, n: usize) -> Option<usize> {
        self.entries_of_questions().get(n).copied()
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
    lines: &'a Lines<'a>,
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

/// Parses YAML within the bank's limits, turning a problem into one with its line.
fn parse_yaml(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Value> {
    count(|c| c.yaml_files += 1);
    match crate::yaml::parse(text, crate::yaml::BANK_LIMITS) {
        Ok(v) => Some(v),
        Err(e) => {
            let message = e.to_string();
            let message = if let Some(m) = message.strip_prefix("it is ") {
                format!("the file is {m}")
            } else if let Some(m) = message.strip_prefix("its ") {
                format!("the file's {m}")
            } else {
                message
            };
            problems.push(Problem {
                file: file.into(),
                line: e.line(),
                id: None,
                message: format!("{message}."),
            });
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
    let lines = c.lines;
    let line = || {
        qline
            .and_then(|l| lines.key_in_question(l, block))
            .or(qline)
    };
    let mut out = Conditions::default();
    let map = match value {
        Value::Null => return out,
        Value::Mapping(m) => m,
        other => {
            c.report(
                line(),
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
        let kline = || {
            qline
                .and_then(|l| lines.key_in_question(l, name))
                .or_else(line)
        };
        let Some(key) = Key::from_name(name) else {
            let known: Vec<_> = Key::ALL.iter().map(|k| k.name()).collect();
            c.report(
                kline(),
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
                kline(),
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
                    kline(),
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
            out.add(key, &vals);
        }
    }
    out
}

/// Reads `core_for`: optional, a clinician or a list of them, each among the question's
/// `clinicians` (a core question for someone it does not suit would be a contradiction).
fn read_core_for(
    c: &mut Checker,
    q: &Mapping,
    qline: Option<usize>,
    id: &str,
    clinicians: &[Clinician],
) -> Vec<Clinician> {
    let lines = c.lines;
    let line = || {
        qline
            .and_then(|l| lines.key_in_question(l, "core_for"))
            .or(qline)
    };
    let list: Vec<&Value> = match get(q, "core_for") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(s)) => s.iter().collect(),
        Some(other) => vec![other],
    };
    let mut out = Vec::new();
    for item in list {
        match as_text(item)
            .and_then(|t| Clinician::parse(&t))
            .filter(|c| *c != Clinician::Unknown)
        {
            Some(cl) if !clinicians.is_empty() && !clinicians.contains(&cl) => c.report(
                line(),
                Some(id),
                format!(
                    "`core_for` names {} but `clinicians` does not: a question can only be core for a clinician it suits.",
                    cl.name()
                ),
            ),
            Some(cl) => out.push(cl),
            None => {
                let mut names = Clinician::names();
                names.retain(|n| *n != "unknown");
                c.report(
                    line(),
                    Some(id),
                    format!(
                        "`core_for`: {} is not a clinician; use {}.",
                        describe(item),
                        names.join(", ")
                    ),
                );
            }
        }
    }
    out
}

/// Required text field of a question.
fn required_text(
    c: &mut Checker,
    q: &Mapping,
    qline: Option<usize>,
    id: &str,
    key: &str,
) -> String {
    let lines = c.lines;
    let line = || qline.and_then(|l| lines.key_in_question(l, key)).or(qline);
    match get(q, key) {
        None => {
            c.report(qline, Some(id), format!("`{key}` is missing."));
            String::new()
        }
        Some(v) => match as_text(v).map(|t| clean_line(&t)) {
            Some(t) if !t.is_empty() => t,
            _ => {
                c.report(line(), Some(id), format!("`{key}` is empty."));
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
    /// The bank compiled into the program: `questions/` as validated by this reader when the
    /// program was built (tests/builtin_data.rs fails when the compiled copy is stale), so
    /// nothing is parsed or validated at start.
    pub fn builtin() -> Result<Bank, BankError> {
        count(|c| c.builtin += 1);
        Ok(builtin::bank())
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
        let entries = std::fs::read_dir(dir).map_err(|e| {
            fail(format!(
                "the folder can't be read: {}.",
                crate::storage::plain_reason(&e)
            ))
        })?;
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
            // Bytes actually read are counted (a /proc file reports size 0), and what is not a
            // regular file once opened (a pipe, a device) is refused without waiting on it.
            match crate::storage::read_limited(&path, MAX_FILE_BYTES as u64) {
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
        let parsed = files
            .into_iter()
            .map(|(name, text)| {
                let value = parse_yaml(&name, &text, &mut problems);
                (name, text, value)
            })
            .collect();
        Bank::assemble(parsed, problems)
    }

    /// Reads parsed files (name, text for line numbers, value; `None` when unparsable).
    fn assemble(
        files: Vec<(String, String, Option<Value>)>,
        mut problems: Vec<Problem>,
    ) -> Result<Bank, BankError> {
        let mut bank = Bank::default();
        // Sources and the glossary first: questions refer to them.
        if let Some((_, text, value)) = files.iter().find(|(n, _, _)| n == SOURCES_FILE) {
            if let Some(value) = value {
                bank.documents = read_sources(text, value, &mut problems);
            }
        } else {
            problems.push(Problem {
                file: SOURCES_FILE.into(),
                line: None,
                id: None,
                message: "the bank has no sources.yaml listing the documents questions cite."
                    .into(),
            });
        }
        if let Some((_, text, Some(value))) = files.iter().find(|(n, _, _)| n == GLOSSARY_FILE) {
            bank.glossary = Glossary::from_value(GLOSSARY_FILE, text, value, &mut problems);
        }
        let mut seen: HashMap<String, (String, Option<usize>)> = HashMap::new();
        let mut topic_files: BTreeMap<String, String> = BTreeMap::new();
        for (file, text, value) in &files {
            let Some(value) = value else { continue };
            if file == SOURCES_FILE || file == GLOSSARY_FILE {
                continue;
            }
            read_topic_file(
                &mut bank,
                file,
                text,
                value,
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
            // Laid out again in one go: its strings were allocated among the parser's and the
            // checker's, spread over a heap several times its size, and building a checklist
            // from it was twice as slow for that (`cargo bench --bench speed -- checklist`).
            Ok(bank.clone())
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

fn read_sources(text: &str, value: &Value, problems: &mut Vec<Problem>) -> Vec<Document> {
    let lines = Lines::new(text);
    let mut c = Checker {
        file: SOURCES_FILE,
        lines: &lines,
        problems,
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
    let entries = c.lines.entries("documents");
    for (i, d) in docs.iter().enumerate() {
        let line = entries.get(i).copied();
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
    value: &Value,
    problems: &mut Vec<Problem>,
    seen: &mut HashMap<String, (String, Option<usize>)>,
    topic_files: &mut BTreeMap<String, String>,
) {
    let lines = Lines::new(text);
    let mut c = Checker {
        file,
        lines: &lines,
        problems,
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
            let line = c.lines.nth_question(n);
            c.report(
                line,
                None,
                format!("question {} is not a group of fields.", n + 1),
            );
            continue;
        };
        let id = clean_line(&get(q, "id").and_then(as_text).unwrap_or_default());
        let qline = c.lines.nth_question(n);
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
                let lines = c.lines;
                let line = || qline.and_then(|l| lines.key_in_question(l, name)).or(qline);
                c.report(
                    line(),
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
        let lines = c.lines;
        let cline = || {
            qline
                .and_then(|l| lines.key_in_question(l, "clinicians"))
                .or(qline)
        };
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
                                cline(),
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
                        cline(),
                        Some(&shown_id),
                        "`clinicians` is empty: say who the question suits.".into(),
                    );
                }
            }
        }
        let core_for = read_core_for(&mut c, q, qline, &shown_id, &clinicians);
        let lines = c.lines;
        let sline = || {
            qline
                .and_then(|l| lines.key_in_question(l, "source"))
                .or(qline)
        };
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
                            sline(),
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
                        sline(),
                        Some(&shown_id),
                        "`source` needs both `document` and `section`.".into(),
                    );
                } else if document != GENERAL_SOURCE && bank.document(&document).is_none() {
                    let known: Vec<_> = bank.documents.iter().map(|d| d.file.as_str()).collect();
                    c.report(
                        sline(),
                        Some(&shown_id),
                        format!("source document \"{document}\" is not listed in sources.yaml (listed: {}; or `general`).", known.join(", ")),
                    );
                }
                Some(Source { document, section })
            }
            Some(other) => {
                c.report(
                    sline(),
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
            core_for,
            why,
            source: source.unwrap_or(Source {
                document: String::new(),
                section: String::new(),
            }),
            sensitive,
        });
    }
}
