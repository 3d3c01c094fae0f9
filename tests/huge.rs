//! Huge input: a 1 MB answer, 10,000 own questions, a 50 MB bank file, an oversized
//! checklist file. Each is handled or refused with a clear limit, quickly.

use std::fs;
use std::time::{Duration, Instant};

use her2prep::bank::{Bank, MAX_FILE_BYTES};
use her2prep::checklist::{Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::Profile;
use her2prep::state::{EditError, MAX_ANSWER_BYTES, MAX_OWN_QUESTIONS, State};
use her2prep::storage::{Loaded, MAX_DATA_BYTES, Paths};

fn fixture() -> Bank {
    Bank::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank"))
        .unwrap()
}

/// Generous bounds: a debug build on a slow CI machine; real figures are printed.
const SLOW: Duration = Duration::from_secs(10);

#[test]
fn a_one_megabyte_answer_is_refused_with_the_limit_and_the_largest_allowed_round_trips() {
    let mut s = State::default();
    let err = s.set_answer("goal", &"a".repeat(1024 * 1024)).unwrap_err();
    assert_eq!(err, EditError::TooLong(MAX_ANSWER_BYTES));
    assert_eq!(
        err.to_string(),
        format!("That is too long to keep; the limit is {MAX_ANSWER_BYTES} characters.")
    );
    assert!(s.items.is_empty(), "nothing half-kept");
    let t = Instant::now();
    let longest = "word ".repeat(MAX_ANSWER_BYTES / 5);
    s.set_answer("results-her2-unknown", &longest).unwrap();
    let d = tempfile::tempdir().unwrap();
    let paths = Paths::at(d.path());
    paths.save_state(&s).unwrap();
    assert!(matches!(paths.load_state().unwrap(), Loaded::Found(l) if l == s));
    let p = Profile::default();
    let bank = fixture();
    let list = build(&bank, &p, &s, &Options::default());
    let doc = Document::new(&bank, &p, &list, her2prep::today(), false, false);
    for f in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
        assert!(doc.render(f).len() > MAX_ANSWER_BYTES / 2);
    }
    println!(
        "256 KB answer: set, saved, loaded, exported 4 ways in {:?}",
        t.elapsed()
    );
    assert!(t.elapsed() < SLOW);
}

#[test]
fn ten_thousand_own_questions_are_kept_and_the_next_one_refused() {
    let t = Instant::now();
    let mut s = State::default();
    for i in 0..MAX_OWN_QUESTIONS {
        s.add_own(
            &format!("My own question number {i}, about something that worries me?"),
            "",
        )
        .unwrap();
    }
    assert_eq!(s.add_own("One more?", ""), Err(EditError::TooMany));
    assert!(EditError::TooMany.to_string().contains("10000"));
    let added = t.elapsed();
    let d = tempfile::tempdir().unwrap();
    let paths = Paths::at(d.path());
    paths.save_state(&s).unwrap();
    let size = fs::metadata(paths.state()).unwrap().len();
    assert!(matches!(paths.load_state().unwrap(), Loaded::Found(l) if l == s));
    let bank = fixture();
    let p = Profile::default();
    let list = build(&bank, &p, &s, &Options::default());
    let doc = Document::new(&bank, &p, &list, her2prep::today(), false, false);
    let text = doc.render(Format::Text);
    assert!(text.contains("My own question number 9999"));
    println!(
        "10,000 own questions: added in {added:?}, state file {} KB, all (save, load, build, export) in {:?}",
        size / 1024,
        t.elapsed()
    );
    assert!(t.elapsed() < SLOW);
}

#[test]
fn a_fifty_megabyte_bank_file_is_refused_with_the_limit() {
    let d = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    for e in fs::read_dir(fixture).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), d.path().join(e.file_name())).unwrap();
    }
    // 50 MB of real, valid-looking questions.
    let one = "  - id: q-N\n    text: A question?\n    priority: optional\n    clinicians: [nurse]\n    why: Because.\n    source: {document: general, section: x}\n";
    let mut big = String::from("topic: huge\ntitle: Huge\nquestions:\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(one);
    }
    fs::write(d.path().join("99-huge.yaml"), &big).unwrap();
    let t = Instant::now();
    let err = Bank::from_dir(d.path()).unwrap_err().to_string();
    let took = t.elapsed();
    assert!(
        err.contains("99-huge.yaml: the file can't be read: it is larger than 8 MB"),
        "{err}"
    );
    // Handed over as text (not from a folder), the same limit applies before any parsing.
    let t2 = Instant::now();
    let err = Bank::from_files(vec![("99-huge.yaml".into(), big)])
        .unwrap_err()
        .to_string();
    assert!(err.contains("larger than 8 MB"), "{err}");
    println!(
        "50 MB bank file refused in {took:?} (folder) and {:?} (text)",
        t2.elapsed()
    );
    assert!(took < Duration::from_secs(2));
}

#[test]
fn a_bank_file_just_under_the_limit_is_validated_in_reasonable_time() {
    // ~8 MB of questions with one mistake at the end: the validator must not go quadratic.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    let mut files: Vec<(String, String)> = fs::read_dir(fixture)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    let mut big = String::from("topic: huge\ntitle: Huge\nquestions:\n");
    let mut n = 0;
    let limit = std::env::var("HUGE_BANK_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MAX_FILE_BYTES - 4096);
    while big.len() < limit {
        big.push_str(&format!("  - id: q-{n}\n    text: A question?\n    priority: optional\n    clinicians: [nurse]\n    why: Because.\n    source: {{document: general, section: x}}\n"));
        n += 1;
    }
    big.push_str("  - id: last\n    text: Bad?\n    priority: whenever\n    clinicians: [nurse]\n    why: Because.\n    source: {document: general, section: x}\n");
    files.push(("99-huge.yaml".into(), big));
    files.sort();
    let t = Instant::now();
    let err = Bank::from_files(files).unwrap_err();
    let took = t.elapsed();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].id.as_deref(), Some("last"));
    assert!(err.problems[0].line.is_some());
    println!("{n} questions in an 8 MB bank file validated in {took:?}");
    assert!(took < Duration::from_secs(60), "{took:?}");
}

#[test]
fn an_oversized_checklist_file_is_moved_aside_not_read() {
    let d = tempfile::tempdir().unwrap();
    let paths = Paths::at(d.path());
    let f = fs::File::create(paths.state()).unwrap();
    f.set_len(MAX_DATA_BYTES + 1).unwrap(); // sparse: no real 64 MB written
    drop(f);
    let t = Instant::now();
    let loaded = paths.load_state().unwrap();
    let notice = loaded.notice("checklist").unwrap();
    assert!(notice.contains("it is larger than 64 MB"), "{notice}");
    assert!(t.elapsed() < Duration::from_secs(1));
}

#[test]
fn a_pipe_or_device_in_a_bank_folder_is_reported_not_read() {
    let d = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    for e in fs::read_dir(fixture).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), d.path().join(e.file_name())).unwrap();
    }
    std::os::unix::fs::symlink("/dev/zero", d.path().join("30-zero.yaml")).unwrap();
    let t = Instant::now();
    let err = Bank::from_dir(d.path()).unwrap_err().to_string();
    assert!(
        err.contains("30-zero.yaml: the file can't be read: it is a device, not an ordinary file."),
        "{err}"
    );
    assert!(t.elapsed() < Duration::from_secs(2));
}
