//! Property tests: arbitrary profile files and arbitrary banks never panic, and every error
//! names the field (profiles) or the file (banks) it is about, in clean text.

use std::fs;

use her2prep::bank::Bank;
use her2prep::profile::{FIELDS, Profile};
use her2prep::text::is_unsafe;
use proptest::prelude::*;

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("positive".to_string()),
        Just("negative".to_string()),
        Just("low".to_string()),
        Just("unknown".to_string()),
        Just("\"2+\"".to_string()),
        Just("IV".to_string()),
        Just("[pik3ca, esr1]".to_string()),
        Just("{ihc: \"1+\", ish: amplified}".to_string()),
        Just("{with: surgeon, date: 2026-12-10}".to_string()),
        Just("{date: not-a-date}".to_string()),
        Just("true".to_string()),
        Just("~".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("[[[".to_string()),
        Just("\"\\e[2J\\u202e\"".to_string()),
        "[a-z0-9 :,-]{0,12}",
        any::<String>(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FIELDS).prop_map(str::to_string),
        1 => "[a-z_]{1,10}",
        1 => any::<String>(),
    ]
}

/// YAML-ish text: mostly `field: value` lines, some junk lines and indentation.
fn profile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            6 => (key(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
            1 => any::<String>(),
            1 => (key(), value()).prop_map(|(k, v)| format!("  {k}: {v}")),
            1 => value().prop_map(|v| format!("- {v}")),
        ],
        0..12,
    )
    .prop_map(|lines| lines.join("\n"))
}

fn names_a_field(problem: &str) -> bool {
    problem.starts_with("The profile is not valid YAML")
        || problem.starts_with("The profile could not be read")
        || problem.starts_with("profile:")
        || FIELDS.iter().any(|f| {
            problem
                .strip_prefix(f)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('.'))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_profile_text_parses_or_names_the_field(text in profile_text()) {
        match Profile::from_yaml(&text) {
            Ok(p) => prop_assert_eq!(Profile::from_yaml(&p.to_yaml()).unwrap(), p),
            Err(e) => {
                prop_assert!(!e.problems.is_empty());
                for problem in &e.problems {
                    prop_assert!(names_a_field(problem), "names no field: {:?}", problem);
                    prop_assert!(!problem.chars().any(is_unsafe), "{:?}", problem);
                }
            }
        }
    }
}

fn fixture_files() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// One change to a bank file's lines.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Replace(usize, String),
    Insert(usize, String),
    SetValue(usize, String),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let line = prop_oneof![
        value(),
        (key(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
        Just("  - id: dup".to_string()),
        Just("    when: {er: [purple]}".to_string()),
        Just("    priority: whenever".to_string()),
        Just("    source: {document: nowhere.txt, section: x}".to_string()),
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), line.clone()).prop_map(|(i, l)| Edit::Replace(i, l)),
        (any::<usize>(), line).prop_map(|(i, l)| Edit::Insert(i, l)),
        (any::<usize>(), value()).prop_map(|(i, v)| Edit::SetValue(i, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        let n = lines.len().max(1);
        match e {
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Replace(i, l) if !lines.is_empty() => lines[i % n] = l.clone(),
            Edit::Insert(i, l) => lines.insert(i % (lines.len() + 1), l.clone()),
            Edit::SetValue(i, v) if !lines.is_empty() => {
                let l = &mut lines[i % n];
                if let Some((k, _)) = l.split_once(':') {
                    *l = format!("{k}: {v}");
                }
            }
            Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_edited_bank_loads_or_names_the_file(
        which in proptest::collection::vec(any::<usize>(), 1..4),
        edits in proptest::collection::vec(proptest::collection::vec(edit(), 1..6), 1..4),
        drop_file in proptest::option::weighted(0.1, any::<usize>()),
    ) {
        let mut files = fixture_files();
        for (w, e) in which.iter().zip(&edits) {
            let i = w % files.len();
            files[i].1 = apply(&files[i].1, e);
        }
        if let Some(d) = drop_file {
            files.remove(d % files.len());
        }
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        match Bank::from_files(files) {
            Ok(bank) => prop_assert!(!bank.questions.is_empty()),
            Err(e) => {
                prop_assert!(!e.problems.is_empty());
                let shown = e.to_string();
                prop_assert!(!shown.chars().any(is_unsafe), "{}", shown);
                for p in &e.problems {
                    prop_assert!(
                        names.contains(&p.file) || p.file == "sources.yaml" || p.file == "(bank)",
                        "names no file: {}", p
                    );
                    let line = format!("  {}", p);
                    prop_assert!(shown.contains(&line));
                }
            }
        }
    }
}

fn date() -> impl Strategy<Value = jiff::civil::Date> {
    (1900i16..2200, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

fn any_state() -> impl Strategy<Value = her2prep::state::State> {
    use her2prep::state::{ItemState, OwnQuestion, State, Visit, VisitEntry};
    let item = (
        any::<bool>(),
        any::<String>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(date()),
    )
        .prop_map(|(asked, answer, starred, hidden, answered_on)| ItemState {
            asked,
            answer,
            starred,
            hidden,
            answered_on,
        });
    let own = (any::<String>(), any::<String>(), any::<String>())
        .prop_map(|(id, text, topic)| OwnQuestion { id, text, topic });
    let entry = (
        any::<String>(),
        any::<String>(),
        any::<bool>(),
        any::<String>(),
    )
        .prop_map(|(id, text, asked, answer)| VisitEntry {
            id,
            text,
            asked,
            answer,
        });
    let visit = (
        date(),
        proptest::sample::select(
            <her2prep::profile::Clinician as her2prep::choice::Choice>::names(),
        ),
        proptest::collection::vec(entry, 0..4),
    )
        .prop_map(|(date, with, entries)| Visit {
            date,
            with: <her2prep::profile::Clinician as her2prep::choice::Choice>::parse(with).unwrap(),
            entries,
        });
    (
        proptest::collection::btree_map(any::<String>(), item, 0..6),
        proptest::collection::vec(own, 0..4),
        proptest::collection::vec(any::<String>(), 0..4),
        proptest::collection::vec(visit, 0..3),
        proptest::option::of(date()),
        any::<u32>(),
        any::<usize>(),
    )
        .prop_map(
            |(items, own, order, visits, visit_started, next_own, visit_size)| State {
                version: her2prep::state::STATE_VERSION,
                items,
                own,
                order,
                visits,
                visit_started,
                next_own,
                visit_size,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever a checklist holds (any text, including control characters), it saves and
    /// loads back exactly.
    #[test]
    fn any_state_saves_and_loads_back_exactly(state in any_state()) {
        let base = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "/tmp" };
        let d = tempfile::tempdir_in(base).unwrap();
        let paths = her2prep::storage::Paths::at(d.path());
        paths.save_state(&state).unwrap();
        match paths.load_state().unwrap() {
            her2prep::storage::Loaded::Found(back) => prop_assert_eq!(back, state),
            other => prop_assert!(false, "not read back: {:?}", other),
        }
    }
}
