//! The bank validator reports every problem, each with file, line and question id.

use her2prep::bank::{Bank, Problem};

const SOURCES: &str = "documents:\n  - file: 004_28a1607a55575c80.txt\n    title: A guide\n";

fn good_question(id: &str) -> String {
    format!(
        "  - id: {id}\n    text: What is the goal of my treatment?\n    priority: essential\n    clinicians: [medical-oncologist]\n    why: It shapes every choice.\n    source:\n      document: 004_28a1607a55575c80.txt\n      section: Practical Questions\n"
    )
}

fn topic(body: &str) -> String {
    format!("topic: treatment\ntitle: My treatment\nquestions:\n{body}")
}

fn problems(topic_file: &str) -> Vec<Problem> {
    let files = vec![
        ("sources.yaml".to_string(), SOURCES.to_string()),
        ("10-treatment.yaml".to_string(), topic_file.to_string()),
    ];
    match Bank::from_files(files) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems,
    }
}

fn one_problem(topic_file: &str) -> Problem {
    let p = problems(topic_file);
    assert_eq!(p.len(), 1, "expected one problem, got {p:#?}");
    p.into_iter().next().unwrap()
}

#[test]
fn a_good_bank_loads() {
    let files = vec![
        ("sources.yaml".to_string(), SOURCES.to_string()),
        (
            "10-treatment.yaml".to_string(),
            topic(&good_question("goal")),
        ),
    ];
    let bank = Bank::from_files(files).unwrap();
    assert_eq!(bank.questions.len(), 1);
    assert_eq!(bank.topics[0].title, "My treatment");
}

#[test]
fn unknown_question_field_is_reported_with_its_line() {
    let p = one_problem(&topic(&format!(
        "{}    colour: blue\n",
        good_question("goal")
    )));
    assert_eq!(
        (p.file.as_str(), p.line, p.id.as_deref()),
        ("10-treatment.yaml", Some(12), Some("goal"))
    );
    assert!(
        p.message.contains("unknown field \"colour\""),
        "{}",
        p.message
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    let p = one_problem(&topic(&format!(
        "{}{}",
        good_question("goal"),
        good_question("goal")
    )));
    assert_eq!((p.line, p.id.as_deref()), (Some(12), Some("goal")));
    assert!(
        p.message.contains("already used at 10-treatment.yaml:4"),
        "{}",
        p.message
    );
}

#[test]
fn unknown_condition_name_is_reported() {
    let q = good_question("goal").replace(
        "    priority:",
        "    when:\n      tumour_size: big\n    priority:",
    );
    let p = one_problem(&topic(&q));
    assert_eq!((p.line, p.id.as_deref()), (Some(7), Some("goal")));
    assert!(
        p.message.contains("unknown condition \"tumour_size\""),
        "{}",
        p.message
    );
}

#[test]
fn unknown_condition_value_is_reported_with_the_allowed_values() {
    let q = good_question("goal").replace(
        "    priority:",
        "    when:\n      stage: [II, V]\n    priority:",
    );
    let p = one_problem(&topic(&q));
    assert_eq!((p.line, p.id.as_deref()), (Some(7), Some("goal")));
    assert!(
        p.message
            .contains("\"V\" is not a value of condition `stage`"),
        "{}",
        p.message
    );
    assert!(p.message.contains("0, I, II, III, IV"), "{}", p.message);
}

#[test]
fn empty_text_is_reported() {
    let q = good_question("goal").replace("What is the goal of my treatment?", "\"\"");
    let p = one_problem(&topic(&q));
    assert_eq!((p.line, p.id.as_deref()), (Some(5), Some("goal")));
    assert!(p.message.contains("`text` is empty"), "{}", p.message);
}

#[test]
fn bad_priority_is_reported() {
    let q = good_question("goal").replace("priority: essential", "priority: urgent");
    let p = one_problem(&topic(&q));
    assert_eq!((p.line, p.id.as_deref()), (Some(6), Some("goal")));
    assert!(
        p.message.contains("essential, important, optional"),
        "{}",
        p.message
    );
}

#[test]
fn unknown_clinician_and_missing_source_document_are_reported() {
    let q = good_question("goal")
        .replace("[medical-oncologist]", "[dentist]")
        .replace("004_28a1607a55575c80.txt", "999_missing.txt");
    let p = problems(&topic(&q));
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(p[0].message.contains("\"dentist\" is not a clinician") && p[0].line == Some(7));
    assert!(p[1].message.contains("not listed in sources.yaml") && p[1].line == Some(9));
}

#[test]
fn missing_fields_are_reported() {
    let p = problems(&topic("  - id: bare\n    text: Is this enough?\n"));
    let messages: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(p.len(), 4, "{messages:#?}");
    for want in [
        "`why` is missing",
        "`priority` is missing",
        "`clinicians` is missing",
        "`source` is missing",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(want)),
            "{want}: {messages:#?}"
        );
    }
    assert!(
        p.iter()
            .all(|p| p.id.as_deref() == Some("bare") && p.line == Some(4))
    );
}

#[test]
fn every_problem_in_every_file_is_reported_at_once() {
    let bad = topic(&format!(
        "{}{}",
        good_question("first").replace("priority: essential", "priority: high"),
        good_question("Second Id")
            .replace("    priority:", "    when: {sex: robot}\n    priority:")
    ));
    let files = vec![
        ("sources.yaml".to_string(), SOURCES.to_string()),
        ("10-a.yaml".to_string(), bad),
        (
            "20-b.yaml".to_string(),
            "topic: b\ntitle: B\nquestions: [\n".to_string(),
        ),
    ];
    let e = Bank::from_files(files).unwrap_err();
    let shown = e.to_string();
    assert_eq!(e.problems.len(), 4, "{shown}");
    assert!(
        shown.contains("10-a.yaml:6 [first]: priority \"high\""),
        "{shown}"
    );
    assert!(
        shown.contains("10-a.yaml:12 [Second Id]: the id must use lowercase"),
        "{shown}"
    );
    assert!(
        shown.contains("[Second Id]: \"robot\" is not a value of condition `sex`"),
        "{shown}"
    );
    assert!(shown.contains("20-b.yaml:"), "{shown}");
    assert!(shown.contains("not valid YAML"), "{shown}");
}

#[test]
fn check_bank_command_exits_non_zero_and_lists_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sources.yaml"), SOURCES).unwrap();
    std::fs::write(
        dir.path().join("10-treatment.yaml"),
        topic(&good_question("goal").replace("essential", "vital")),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_her2prep"))
        .arg("check-bank")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("10-treatment.yaml:6 [goal]: priority \"vital\""),
        "{err}"
    );

    std::fs::write(
        dir.path().join("10-treatment.yaml"),
        topic(&good_question("goal")),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_her2prep"))
        .arg("check-bank")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
