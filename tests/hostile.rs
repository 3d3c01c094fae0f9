//! Hostile text: escape sequences, control characters and bidi overrides in file paths, bank
//! text, profile values and a hand-edited checklist file never reach the terminal (stdout,
//! stderr) or a text export. (Answers, own questions and names typed in the app: tests/exports.rs.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use her2prep::text::is_unsafe;

const BIN: &str = env!("CARGO_BIN_EXE_her2prep");
/// Clear screen, set the window title, a CSI (C1) colour, BEL, a bidi override, a carriage return.
const EVIL: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202E}\r";

fn run(args: &[&std::ffi::OsStr], config: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .unwrap()
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text.chars().filter(|c| is_unsafe(*c)).collect();
        assert!(bad.is_empty(), "{what}: {stream} holds {bad:?}: {text}");
    }
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// The fixture bank with escape sequences written into question text, a why and a topic title.
fn hostile_bank(dir: &Path) -> std::path::PathBuf {
    let bank = dir.join("bank");
    fs::create_dir_all(&bank).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    for e in fs::read_dir(fixture).unwrap() {
        let e = e.unwrap();
        let text = fs::read_to_string(e.path()).unwrap();
        let evil_yaml = "\\e[2J\\e]0;pwned\\a\\u009b31m\\u202E\\r";
        let text = text
            .lines()
            .map(
                |l| match l.strip_prefix("    text: What was my HER2 result") {
                    Some(rest) => format!(
                        "    text: \"{evil_yaml}What was my HER2 result{rest}\"\n    x-was: 1\n"
                    ),
                    None => format!("{l}\n"),
                },
            )
            .collect::<String>()
            .replacen(
                "title: ",
                &format!("title: \"{evil_yaml}Hostile title\" #"),
                1,
            )
            .replace(
                "    why: HER2 decides",
                &format!("    why: \"{evil_yaml}HER2 decides\" #"),
            );
        fs::write(bank.join(e.file_name()), text).unwrap();
    }
    bank
}

#[test]
fn bank_text_with_escape_sequences_never_reaches_the_terminal_or_an_export() {
    let d = tempfile::tempdir().unwrap();
    let bank = hostile_bank(d.path());
    // The x-was key makes the file invalid: the validator's message is printed cleaned.
    let out = run(&[os("check-bank"), bank.as_os_str()], d.path());
    assert_clean("check-bank", &out);
    assert_eq!(out.status.code(), Some(1));
    // Without the unknown key the bank is valid, and its hostile text is exported clean.
    for e in fs::read_dir(&bank).unwrap() {
        let p = e.unwrap().path();
        let t = fs::read_to_string(&p)
            .unwrap()
            .replace("\n    x-was: 1", "");
        fs::write(&p, t).unwrap();
    }
    let out = run(&[os("check-bank"), bank.as_os_str()], d.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile = d.path().join("p.yaml");
    fs::write(&profile, "er: positive\n").unwrap();
    for format in ["text", "markdown", "html", "json"] {
        let out = run(
            &[
                os("--questions"),
                bank.as_os_str(),
                os("export"),
                os("--profile"),
                profile.as_os_str(),
                os("--format"),
                os(format),
                os("--output"),
                os("-"),
            ],
            d.path(),
        );
        assert!(out.status.success(), "{format}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("What was my HER2 result"),
            "{format}: the question is still there"
        );
        if format != "json" {
            // JSON escapes control characters as \u001b: harmless text, kept for programs.
            assert_clean(format, &out);
        }
    }
}

#[test]
fn hostile_file_paths_and_arguments_are_cleaned_in_messages() {
    let d = tempfile::tempdir().unwrap();
    let evil_dir = d.path().join(format!("evil{EVIL}dir"));
    fs::create_dir_all(&evil_dir).unwrap();
    let missing = evil_dir.join(format!("no{EVIL}such.yaml"));
    let profile = evil_dir.join(format!("p{EVIL}.yaml"));
    fs::write(
        &profile,
        format!("name: \"x\\e[2J\"\ner: \"{}\"\n", "\\e]0;t\\a"),
    )
    .unwrap();
    let good = evil_dir.join("good.yaml");
    fs::write(&good, "er: positive\n").unwrap();
    let bad_bank = evil_dir.join("bank");
    fs::create_dir_all(&bad_bank).unwrap();
    fs::write(
        bad_bank.join(format!("t{EVIL}.yaml")),
        format!("topic: [{EVIL}\n"),
    )
    .unwrap();
    let output = evil_dir.join(format!("out{EVIL}.txt"));
    let cases: Vec<(&str, Vec<&std::ffi::OsStr>)> = vec![
        (
            "missing profile",
            vec![os("export"), os("--profile"), missing.as_os_str()],
        ),
        (
            "bad profile",
            vec![os("export"), os("--profile"), profile.as_os_str()],
        ),
        (
            "bad --for",
            vec![
                os("export"),
                os("--profile"),
                good.as_os_str(),
                os("--for"),
                os(EVIL),
            ],
        ),
        ("check-bank", vec![os("check-bank"), bad_bank.as_os_str()]),
        ("missing bank", vec![os("check-bank"), missing.as_os_str()]),
        (
            "export to a hostile path",
            vec![
                os("export"),
                os("--profile"),
                good.as_os_str(),
                os("--format"),
                os("text"),
                os("--output"),
                output.as_os_str(),
            ],
        ),
        (
            "export into a hostile config folder",
            vec![
                os("export"),
                os("--profile"),
                good.as_os_str(),
                os("--format"),
                os("text"),
            ],
        ),
        ("paths", vec![os("paths")]),
        ("forget", vec![os("forget"), os("--yes")]),
    ];
    for (what, args) in cases {
        let out = run(&args, &evil_dir);
        assert_clean(what, &out);
        assert!(
            !out.stdout.is_empty() || !out.stderr.is_empty(),
            "{what}: says something"
        );
    }
    assert!(output.exists());
}

#[test]
fn a_hand_edited_checklist_with_escape_sequences_exports_clean() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("her2prep");
    fs::create_dir_all(&data).unwrap();
    let e = "\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u202e\\r";
    fs::write(
        data.join("checklist.json"),
        format!(
            r#"{{"version":1,"items":{{"results-her2-unknown":{{"asked":true,"answer":"{e}<script>alert(1)</script>\" onload=\"x"}},"own-1":{{"answer":"{e}mine"}}}},"own":[{{"id":"own-1","text":"{e}Can I <b>work</b>?","topic":""}}],"next_own":2}}"#
        ),
    )
    .unwrap();
    let profile = d.path().join("p.yaml");
    fs::write(&profile, "name: Rosa\nrole: caregiver\n").unwrap();
    for format in ["text", "markdown", "html"] {
        let out = run(
            &[
                os("export"),
                os("--profile"),
                profile.as_os_str(),
                os("--format"),
                os(format),
                os("--output"),
                os("-"),
            ],
            d.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(format, &out);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("mine") && text.contains("work"),
            "{format}: the notes are kept"
        );
        if format == "html" {
            assert!(
                !text.contains("<script>") && !text.contains("<b>"),
                "{text}"
            );
            assert!(
                !text.contains("\" onload"),
                "attribute-breaking quote escaped"
            );
        }
    }
}
