//! The pathology report reader: finds ER, PR, HER2 (IHC and ISH), grade, lymph nodes,
//! Ki-67, stage and sex in a pasted or opened report, each with the line it came from.
//!
//! Careful before clever: a line that only mentions a test (a clinical question, a history,
//! a quoted prior report, a control or a margin) gives no result; specimens that disagree are
//! a conflict with every candidate shown; anything that cannot be read safely is unclear and
//! becomes a question, never a guess. Deterministic rules, no model, no network; the report
//! text is never saved.
//!
//! ```
//! let f = her2prep::report::read("ER: Positive (95%)\nHER2 (IHC): 1+\n");
//! let er = f.get(her2prep::report::Key::Er).unwrap();
//! assert_eq!(er.value.as_deref(), Some("positive"));
//! assert_eq!((er.line, er.percent), (1, Some(95)));
//! ```

mod grade;
mod her2;
pub mod input;
pub mod json;
mod ki67;
mod labels;
pub mod lines;
mod mentions;
mod nodes;
pub mod pdf;
pub mod plain;
pub mod profile_out;
pub mod questions;
mod receptors;
mod sex;
pub mod specimens;
mod stage;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex_lite::Regex;

use crate::choice::Choice;
use crate::profile::{Er, Grade, Ihc, Ish, Nodes, Pr, Profile, Sex, Stage};
use labels::Label;
use receptors::Reading;
use specimens::{Context, Kind, Specimen};

pub use pdf::{PdfProblem, looks_like_pdf, text_from_pdf};

/// What a finding is about (the JSON contract's keys, in its order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// Estrogen receptor: positive, low, negative.
    Er,
    /// Progesterone receptor: positive, negative.
    Pr,
    /// HER2 IHC: 0, ultralow, 1+, 2+, 3+.
    Her2Ihc,
    /// HER2 ISH: not-amplified, amplified, pending.
    Her2Ish,
    /// Grade: 1, 2, 3.
    Grade,
    /// Lymph nodes: positive, negative.
    Nodes,
    /// Ki-67: the percent.
    Ki67,
    /// Stage: 0, I, II, III, IV.
    Stage,
    /// Sex: female, male.
    Sex,
}

impl Key {
    /// Every key, in the contract's order.
    pub const ALL: [Key; 9] = [
        Key::Er,
        Key::Pr,
        Key::Her2Ihc,
        Key::Her2Ish,
        Key::Grade,
        Key::Nodes,
        Key::Ki67,
        Key::Stage,
        Key::Sex,
    ];

    /// The contract's name for it (`er`, `her2_ihc`...).
    pub fn name(self) -> &'static str {
        match self {
            Key::Er => "er",
            Key::Pr => "pr",
            Key::Her2Ihc => "her2_ihc",
            Key::Her2Ish => "her2_ish",
            Key::Grade => "grade",
            Key::Nodes => "nodes",
            Key::Ki67 => "ki67",
            Key::Stage => "stage",
            Key::Sex => "sex",
        }
    }

    /// The key with this contract name.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// How sure a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// One value, stated (perhaps several times, always the same).
    Found,
    /// Specimens (or a report and its addendum) give different values: all are listed, and
    /// `value` is the most recent one's. Never to be taken without asking.
    Conflict,
    /// A result is written but cannot be read safely: no value.
    Unclear,
}

impl Status {
    /// The contract's name: found, conflict, unclear.
    pub fn name(self) -> &'static str {
        match self {
            Status::Found => "found",
            Status::Conflict => "conflict",
            Status::Unclear => "unclear",
        }
    }
}

/// One place a value was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The value (none for an unreadable one).
    pub value: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// The line as written (trimmed).
    pub quote: String,
    /// The percent written there, if any.
    pub percent: Option<u8>,
    /// What the specimen is, in plain words ("biopsy", "surgery sample", "addendum"...).
    pub specimen: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The value in the profile's spelling; none when unclear.
    pub value: Option<String>,
    /// Found, conflict or unclear.
    pub status: Status,
    /// 1-based line it came from.
    pub line: usize,
    /// That line as written.
    pub quote: String,
    /// The percent written on that line, if any.
    pub percent: Option<u8>,
    /// Every place it was read (for a conflict, each disagreeing one).
    pub candidates: Vec<Candidate>,
    /// Extra numbers shown with it (HER2/CEP17 ratio, copy number).
    pub detail: Option<String>,
}

/// A note about the report as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// pT/pN categories are written but no stage: the categories, and their line.
    TnmOnly {
        /// The categories as written (e.g. `pT2 pN1a`).
        tnm: String,
        /// 1-based line.
        line: usize,
    },
}

/// Everything read from one report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// Each key the report states, and what it says.
    pub fields: BTreeMap<Key, Field>,
    /// Notes about the report as a whole.
    pub notes: Vec<Note>,
    /// How many lines were read.
    pub lines: usize,
}

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Adds the length of a text a rule is about to scan to this thread's work counter.
fn count(text: &str) {
    WORK.with(|w| w.set(w.get() + text.len() as u64 + 1));
}

/// Bytes the rules have scanned on this thread so far (for tests that show the reader's work
/// grows linearly with its input; the rules are regular expressions that run in linear time).
pub fn work_done() -> u64 {
    WORK.with(|w| w.get())
}

/// Antibody clone names such as "(4B5)", "(SP1)", "clone 6F11": their digits are not scores.
static CLONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:dcis|invasive(?: carcinoma| tumou?r)?|in situ|invasive component)\)|\((?:clone\s*)?(?:[a-z]{1,4}-?\d{1,4}[a-z]*\d*|\d[a-z]\d{1,2}|mib-1|ventana|dako)\)|\bclone\s*[a-z0-9-]+|\b(?:4b5|sp1|sp3|1e2|6f11|cb11|ep1|pgr ?636|a0485|hercep ?test)\b").unwrap()
});

/// Lines that carry a value for the receptor named just before ("Percentage of cells with
/// nuclear positivity: 91-100%", "Allred score: 8").
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:percent(?:age)?|% of|proportion|intensity|average intensity|allred|quick score|h-?score|total score|result|interpretation|score|status)\b").unwrap()
});

/// The bank topic the questions a report leaves go under ("Understanding my results").
pub const QUESTIONS_TOPIC: &str = "results";

/// The most places listed for one finding (a real report has a handful).
const MAX_CANDIDATES: usize = 50;

/// One reading before the findings are put together.
#[derive(Debug, Clone)]
struct Reading1 {
    key: Key,
    value: Option<&'static str>,
    percent: Option<u8>,
    line: usize,
    ctx: Context,
    category: bool,
    detail: Option<String>,
}

/// Reads a report. Never fails: a text with nothing in it gives no findings.
pub fn read(text: &str) -> Findings {
    let lines = lines::split(text);
    let (ctx, specimens) = specimens::contexts(&lines);
    let mut found: Vec<Reading1> = Vec::new();
    let mut tnm: Option<(String, usize)> = None;
    // The receptor label the last lines were about, for attribute lines: (label, line index).
    let mut last: Option<(Label, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.norm.is_empty() {
            continue;
        }
        count(&line.norm);
        let c = ctx[i];
        let joined;
        let norm = match previous_word(&lines, i) {
            // A narrative wrapped as "...and progesterone / receptor positive (70%)".
            Some(w) if line.norm.starts_with("receptor") => {
                joined = format!("{w} {}", line.norm);
                joined.as_str()
            }
            _ => line.norm.as_str(),
        };
        let cleaned = CLONE.replace_all(norm, " ");
        // The next line's value, looked for once per line however many labels ask.
        let mut next: Option<Option<(usize, &str)>> = None;
        for clause in lines::clauses(&cleaned) {
            let mut push = |key: Key,
                            r: Reading,
                            percent: Option<u8>,
                            category: bool,
                            detail: Option<String>,
                            at: usize| {
                let value = match r {
                    Reading::Value(v, _) => Some(v),
                    Reading::Unclear => None,
                    Reading::NotDone | Reading::Nothing => return,
                };
                found.push(Reading1 {
                    key,
                    value,
                    percent,
                    line: at,
                    ctx: c,
                    category,
                    detail,
                });
            };
            // Sex is stated in the history as often as anywhere.
            if c.kind != Kind::Gross {
                push(Key::Sex, sex::read(clause), None, false, None, i);
            }
            if matches!(c.kind, Kind::History | Kind::Gross) || mentions::is_mention(clause) {
                continue;
            }
            let labelled = labels::find(clause);
            let mut spans: Vec<(Label, String, String)> = labelled
                .iter()
                .map(|f| (f.label, f.span.to_string(), f.text.to_string()))
                .collect();
            if spans.is_empty()
                && let Some((label, at)) = last
                && i - at <= 3
                && ATTRIBUTE.is_match(clause)
            {
                spans.push((label, clause.to_string(), clause.to_string()));
            }
            for (label, span, text) in &spans {
                let (span, text, at) = if is_bare(span) {
                    // A label alone on its line (a table split into lines by a PDF): the
                    // value is on the next line, which is what is quoted.
                    match *next.get_or_insert_with(|| continuation(&lines, i)) {
                        Some((j, v)) => (v.to_string(), format!("{text} {v}"), j),
                        None => (span.clone(), text.clone(), i),
                    }
                } else {
                    (span.clone(), text.clone(), i)
                };
                match label {
                    Label::Er | Label::Pr => {
                        let r = receptors::read(&span, *label == Label::Er);
                        let pct = match r {
                            Reading::Value(_, p) => p,
                            _ => None,
                        };
                        let key = if *label == Label::Er {
                            Key::Er
                        } else {
                            Key::Pr
                        };
                        push(key, r, pct, false, None, at);
                    }
                    Label::Her2 => push(Key::Her2Ihc, her2::read_ihc(&span), None, false, None, at),
                    Label::Ish => {
                        let ish = her2::read_ish(&text);
                        let detail = match (ish.ratio, ish.copies) {
                            (Some(r), Some(c)) => {
                                Some(format!("HER2/CEP17 ratio {r}, HER2 copy number {c}"))
                            }
                            (Some(r), None) => Some(format!("HER2/CEP17 ratio {r}")),
                            (None, Some(c)) => Some(format!("HER2 copy number {c}")),
                            (None, None) => None,
                        };
                        push(Key::Her2Ish, ish.reading, None, false, detail, at);
                    }
                    Label::Ki67 => {
                        let (r, p) = ki67::read(&span);
                        push(Key::Ki67, r, p, false, None, at);
                    }
                }
                if *label != Label::Ki67 {
                    last = Some((*label, i));
                }
            }
            let mut g = grade::read(clause);
            let mut at = i;
            if g == Reading::Nothing
                && clause
                    .rfind("grade")
                    .is_some_and(|at| is_bare(&clause[at + 5..]))
                && let Some((j, v)) = *next.get_or_insert_with(|| continuation(&lines, i))
            {
                g = grade::read(&format!("grade {v}"));
                at = j;
            }
            push(Key::Grade, g, None, false, None, at);
            let (n, source) = nodes::read(clause);
            push(
                Key::Nodes,
                n,
                None,
                source == nodes::Source::Category,
                None,
                i,
            );
            push(Key::Stage, stage::read(clause), None, false, None, i);
            if tnm.is_none() && stage::has_tnm(clause) {
                tnm = Some((tnm_text(line.raw), i));
            }
        }
    }
    let mut findings = Findings {
        fields: BTreeMap::new(),
        notes: Vec::new(),
        lines: lines.iter().map(|l| l.no).max().unwrap_or(0),
    };
    for key in Key::ALL {
        let mine: Vec<&Reading1> = found.iter().filter(|r| r.key == key).collect();
        if let Some(f) = combine(key, &mine, &lines, &specimens) {
            findings.fields.insert(key, f);
        }
    }
    if !findings.fields.contains_key(&Key::Stage)
        && let Some((t, i)) = tnm
    {
        findings.fields.insert(
            Key::Stage,
            Field {
                value: None,
                status: Status::Unclear,
                line: lines[i].no,
                quote: lines[i].raw.to_string(),
                percent: None,
                candidates: Vec::new(),
                detail: Some(format!("{t}: categories, not a stage")),
            },
        );
        findings.notes.push(Note::TnmOnly {
            tnm: t,
            line: lines[i].no,
        });
    }
    findings
}

/// The value on the next line or two when a label stands alone (a PDF table's cells often
/// come out one per line): a short line with no label and no colon.
fn continuation<'a>(lines: &'a [lines::Line<'a>], i: usize) -> Option<(usize, &'a str)> {
    lines
        .iter()
        .enumerate()
        .skip(i + 1)
        .filter(|(_, l)| !l.norm.is_empty())
        .take(1)
        .find(|(_, l)| {
            l.norm.split_whitespace().count() <= 8
                && !l.norm.contains(':')
                && !labels::any_label(&l.norm)
                && !ATTRIBUTE.is_match(&l.norm)
        })
        .map(|(j, l)| (j, l.norm.as_str()))
}

/// "estrogen" or "progesterone" when the line before ends with it.
fn previous_word(lines: &[lines::Line<'_>], i: usize) -> Option<&'static str> {
    let prev = lines[..i].iter().rev().find(|l| !l.norm.is_empty())?;
    ["estrogen", "oestrogen", "progesterone"]
        .into_iter()
        .find(|w| prev.norm.ends_with(w))
}

/// True when a label's words hold no value: nothing, punctuation, or only a bracketed note
/// such as "(IHC)" or a word such as "status".
fn is_bare(span: &str) -> bool {
    let mut depth = 0u32;
    let mut outside = String::new();
    for c in span.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "status" | "result" | "results" | "ihc" | "by" | "immunohistochemistry"
            )
        })
}

/// The pT/pN categories of a line, as written.
fn tnm_text(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| {
            let l = w.to_lowercase();
            let l = l.trim_start_matches('(');
            ["pt", "ypt", "pn", "ypn", "pm", "cm", "n", "m"]
                .iter()
                .any(|p| {
                    l.starts_with(p)
                        && l[p.len()..]
                            .starts_with(|c: char| c.is_ascii_digit() || c == 'x' || c == 'i')
                })
                && l.len() <= 16
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn where_(specimens: &[Specimen], r: &Reading1) -> String {
    if r.ctx.kind == Kind::Addendum {
        return "addendum".into();
    }
    specimens
        .get(r.ctx.specimen)
        .map(|s| s.what.clone())
        .unwrap_or_else(|| "report".into())
}

fn combine(
    key: Key,
    all: &[&Reading1],
    lines: &[lines::Line<'_>],
    specimens: &[Specimen],
) -> Option<Field> {
    let first = all.first()?;
    let candidate = |r: &Reading1| Candidate {
        value: r.value.map(|v| display_value(key, v, r.percent)),
        line: lines[r.line].no,
        quote: lines[r.line].raw.to_string(),
        percent: r.percent,
        specimen: where_(specimens, r),
    };
    let mut readable: Vec<&Reading1> = all.iter().copied().filter(|r| r.value.is_some()).collect();
    if readable.is_empty() {
        return Some(Field {
            value: None,
            status: Status::Unclear,
            line: lines[first.line].no,
            quote: lines[first.line].raw.to_string(),
            percent: None,
            candidates: all
                .iter()
                .take(MAX_CANDIDATES)
                .map(|r| candidate(r))
                .collect(),
            detail: None,
        });
    }
    if key == Key::Her2Ish {
        // A pending ISH followed by its result (an addendum) is that result.
        let last_final = readable.iter().rposition(|r| r.value != Some("pending"));
        if let Some(lf) = last_final {
            let keep: Vec<&Reading1> = readable
                .iter()
                .enumerate()
                .filter(|(i, r)| r.value != Some("pending") || *i > lf)
                .map(|(_, r)| *r)
                .collect();
            readable = keep;
        }
    }
    if key == Key::Nodes && readable.iter().any(|r| r.category) {
        let cats: Vec<&Reading1> = readable.iter().copied().filter(|r| r.category).collect();
        if cats.iter().all(|r| r.value == cats[0].value) {
            readable = cats;
        }
    }
    let mut values: Vec<&str> = Vec::new();
    for r in &readable {
        let v = r.value.unwrap_or("");
        if !values.contains(&v) {
            values.push(v);
        }
    }
    if key == Key::Nodes && values.len() > 1 && !readable.iter().any(|r| r.category) {
        // Different lymph node samples: any node with cancer makes the nodes positive.
        let node_samples = readable.iter().all(|r| {
            r.ctx.kind != Kind::Addendum
                && specimens
                    .get(r.ctx.specimen)
                    .is_some_and(|s| s.what == "lymph node sample")
        });
        let mut by_sample: BTreeMap<usize, Option<&str>> = BTreeMap::new();
        let per_sample_agree = readable
            .iter()
            .all(|r| *by_sample.entry(r.ctx.specimen).or_insert(r.value) == r.value);
        if node_samples && per_sample_agree {
            readable.retain(|r| r.value == Some("positive"));
            values = vec!["positive"];
        }
    }
    let mut cands: Vec<Candidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &readable {
        if cands.len() >= MAX_CANDIDATES {
            break;
        }
        if seen.insert((r.line, r.value)) {
            cands.push(candidate(r));
        }
    }
    if values.len() == 1 {
        let rep = readable
            .iter()
            .find(|r| r.percent.is_some() || r.detail.is_some())
            .unwrap_or(&readable[0]);
        return Some(Field {
            value: rep.value.map(|v| display_value(key, v, rep.percent)),
            status: Status::Found,
            line: lines[rep.line].no,
            quote: lines[rep.line].raw.to_string(),
            percent: rep.percent,
            candidates: cands,
            detail: rep.detail.clone(),
        });
    }
    let last = readable.last()?;
    Some(Field {
        value: last.value.map(|v| display_value(key, v, last.percent)),
        status: Status::Conflict,
        line: lines[last.line].no,
        quote: lines[last.line].raw.to_string(),
        percent: last.percent,
        candidates: cands,
        detail: last.detail.clone(),
    })
}

/// The value as the contract spells it (Ki-67 is its percent).
fn display_value(key: Key, v: &str, percent: Option<u8>) -> String {
    if key == Key::Ki67 {
        return percent.map(|p| p.to_string()).unwrap_or_default();
    }
    v.to_string()
}

impl Findings {
    /// The finding for a key, if the report states it.
    pub fn get(&self, key: Key) -> Option<&Field> {
        self.fields.get(&key)
    }

    /// The keys the report does not state, in their usual order.
    pub fn not_stated(&self) -> Vec<Key> {
        Key::ALL
            .iter()
            .copied()
            .filter(|k| !self.fields.contains_key(k))
            .collect()
    }

    /// True when nothing at all was found.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Pre-fills a profile with every value found (status `found` only: conflicts and
    /// unclear results are left for the person). Returns the keys it filled.
    pub fn apply_to(&self, profile: &mut Profile) -> Vec<Key> {
        let mut done = Vec::new();
        for (key, f) in &self.fields {
            if f.status != Status::Found {
                continue;
            }
            let Some(v) = f.value.as_deref() else {
                continue;
            };
            let ok = match key {
                Key::Er => Er::parse(v).map(|x| profile.er = x).is_some(),
                Key::Pr => Pr::parse(v).map(|x| profile.pr = x).is_some(),
                Key::Her2Ihc => Ihc::parse(v).map(|x| profile.her2.ihc = x).is_some(),
                Key::Her2Ish => Ish::parse(v).map(|x| profile.her2.ish = x).is_some(),
                Key::Grade => Grade::parse(v).map(|x| profile.grade = x).is_some(),
                Key::Nodes => Nodes::parse(v).map(|x| profile.nodes = x).is_some(),
                Key::Stage => Stage::parse(v).map(|x| profile.stage = x).is_some(),
                Key::Sex => Sex::parse(v).map(|x| profile.sex = x).is_some(),
                // The profile has no Ki-67 answer.
                Key::Ki67 => false,
            };
            if ok {
                done.push(*key);
            }
        }
        done
    }

    /// The questions the report leaves open, in the patient's first person: one per conflict,
    /// per unclear result, for pT/pN without a stage, and for an ISH still to come.
    pub fn questions(&self) -> Vec<String> {
        questions::for_findings(self)
    }

    /// Puts [`Findings::questions`] on the person's list as their own questions, under the
    /// bank's results topic ([`QUESTIONS_TOPIC`]), each once: one already on the list is not
    /// added again (a report pasted twice). The app's half of "a question added"; the command
    /// line prints the same questions. Returns how many were added.
    pub fn add_questions(&self, state: &mut crate::state::State) -> usize {
        let mut added = 0;
        for q in self.questions() {
            let text = crate::text::clean_line(&q);
            if state.own.iter().any(|o| o.text == text) {
                continue;
            }
            if state.add_own(&text, QUESTIONS_TOPIC).is_ok() {
                added += 1;
            }
        }
        added
    }

    /// The JSON contract: `{"fields": {KEY: {...}}}`.
    pub fn to_json(&self) -> String {
        json::to_json(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_value_carries_its_line() {
        let f =
            read("Diagnosis:\n\nER: Positive (95%)\nPR: negative\nHER2 (4B5): 2+, FISH to follow");
        let er = f.get(Key::Er).unwrap();
        assert_eq!((er.line, er.quote.as_str()), (3, "ER: Positive (95%)"));
        assert_eq!(f.get(Key::Pr).unwrap().value.as_deref(), Some("negative"));
        assert_eq!(f.get(Key::Her2Ihc).unwrap().value.as_deref(), Some("2+"));
        assert_eq!(
            f.get(Key::Her2Ish).unwrap().value.as_deref(),
            Some("pending")
        );
    }

    #[test]
    fn a_table_split_by_a_pdf_is_read_across_lines() {
        let f = read("Estrogen receptor\nPositive\nProgesterone receptor\nNegative\n");
        assert_eq!(f.get(Key::Er).unwrap().value.as_deref(), Some("positive"));
        assert_eq!(f.get(Key::Er).unwrap().line, 2);
        assert_eq!(f.get(Key::Pr).unwrap().value.as_deref(), Some("negative"));
    }

    #[test]
    fn ptnm_alone_is_not_a_stage() {
        let f = read("pT2 pN1a (2/14)\n");
        let s = f.get(Key::Stage).unwrap();
        assert_eq!((s.status, s.value.as_deref()), (Status::Unclear, None));
        assert!(
            f.questions().iter().any(|q| q.contains("pT2 pN1a")),
            "{:?}",
            f.questions()
        );
        assert_eq!(
            f.get(Key::Nodes).unwrap().value.as_deref(),
            Some("positive")
        );
    }

    #[test]
    fn a_conflict_becomes_one_own_question_on_the_list() {
        let f = read(
            "A. Left breast, core biopsy:\nPR: positive (60%)\nB. Left breast, excision:\nPR: negative (<1%)\n",
        );
        let mut state = crate::state::State::default();
        assert_eq!(f.add_questions(&mut state), 1);
        assert_eq!(state.own.len(), 1);
        assert_eq!(state.own[0].text, f.questions()[0]);
        assert!(state.own[0].text.contains("PR positive"), "{:?}", state.own);
        assert_eq!(state.own[0].topic, QUESTIONS_TOPIC);
        // The same report again adds nothing.
        assert_eq!(f.add_questions(&mut state), 0);
        assert_eq!(state.own.len(), 1);
        // A report with nothing open adds nothing.
        assert_eq!(read("ER: positive (95%)\n").add_questions(&mut state), 0);
    }

    #[test]
    fn apply_fills_only_found_values() {
        let f = read(
            "A. Left breast, core biopsy:\nPR: positive (60%)\nER: positive (90%)\nB. Left breast, excision:\nPR: negative (<1%)\nER: positive (95%)\n",
        );
        assert_eq!(f.get(Key::Pr).unwrap().status, Status::Conflict);
        let mut p = Profile::default();
        let keys = f.apply_to(&mut p);
        assert_eq!(keys, vec![Key::Er]);
        assert_eq!(p.er, Er::Positive);
        assert_eq!(p.pr, Pr::Unknown);
    }
}
