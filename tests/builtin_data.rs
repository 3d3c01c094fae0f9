//! The program carries `questions/` and `assets/results.yaml` as Rust source written by the
//! library (`src/bank/builtin.rs`, `src/results/texts.rs`), so it starts without parsing YAML.
//! This is where those copies are made: the bank is read and validated by the one real reader
//! (a broken `questions/` fails here with every problem's file, line and id), and a committed
//! copy that differs from what the reader makes of today's files fails the test.
//!
//! After editing `questions/` or `assets/results.yaml`:
//! `HER2PREP_BLESS=1 cargo test --test builtin_data` writes the copies, then `cargo test`.

use std::path::{Path, PathBuf};

use her2prep::bank::Bank;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares the committed `file` with `wanted`; with `HER2PREP_BLESS=1` writes it instead.
fn check_current(file: &Path, wanted: &str, from: &str) {
    let committed = std::fs::read_to_string(file).unwrap_or_default();
    if committed == wanted {
        return;
    }
    if std::env::var_os("HER2PREP_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(file, wanted).unwrap();
        eprintln!("wrote {}", file.display());
        return;
    }
    let first_difference = committed
        .lines()
        .zip(wanted.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| committed.lines().count().min(wanted.lines().count()));
    panic!(
        "{} is stale: it is not what {from} reads as today (first difference at line {}).\n\
         Run `HER2PREP_BLESS=1 cargo test --test builtin_data` to write it again, then look at \
         the diff.",
        file.display(),
        first_difference + 1
    );
}

/// The bank of `dir` as the real reader reads it, or its problems in the reader's words.
fn read_bank(dir: &Path) -> Result<Bank, String> {
    Bank::from_dir(dir).map_err(|e| format!("{} is not a valid bank:\n{e}", dir.display()))
}

#[test]
fn the_built_in_bank_is_the_validated_questions_folder() {
    let bank = read_bank(&root().join("questions")).unwrap_or_else(|e| panic!("{e}"));
    check_current(
        &root().join("src/bank/builtin.rs"),
        &her2prep::bank::generate::rust_source(&bank),
        "questions/",
    );
    if std::env::var_os("HER2PREP_BLESS").is_none() {
        // The compiled copy builds exactly the bank the reader made (and reads no YAML).
        let before = her2prep::bank::counts();
        let builtin = Bank::builtin().unwrap();
        assert_eq!(her2prep::bank::counts().yaml_files, before.yaml_files);
        assert!(builtin == bank, "the compiled bank differs from questions/");
    }
}

#[test]
fn the_built_in_results_text_is_assets_results_yaml() {
    let yaml = std::fs::read_to_string(root().join("assets/results.yaml")).unwrap();
    let source = her2prep::results::texts_source(&yaml).unwrap_or_else(|e| panic!("{e}"));
    check_current(
        &root().join("src/results/texts.rs"),
        &source,
        "assets/results.yaml",
    );
}

/// What a person editing the bank sees when an edit breaks it: this test's failure names the
/// file, the line and the question, in the reader's words (nothing reaches the program).
#[test]
fn a_broken_questions_folder_fails_with_file_line_and_id() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("questions")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let file = dir.path().join("30-surgery.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let first = text.find("priority:").expect("a priority line");
    let line = text[..first].matches('\n').count() + 1;
    let broken = format!(
        "{}priority: urgent{}",
        &text[..first],
        &text[first + "priority: ".len()..]
            .split_once('\n')
            .map(|(_, rest)| format!("\n{rest}"))
            .unwrap()
    );
    std::fs::write(&file, broken).unwrap();
    let message = read_bank(dir.path()).expect_err("a bank with an unknown priority");
    let id = text[..first]
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("- id:"))
        .unwrap()
        .trim();
    assert!(
        message.contains(&format!("30-surgery.yaml:{line} [{id}]")) && message.contains("urgent"),
        "{message}"
    );
}
