//! `her2prep read-report` as a person or a script meets it: the JSON contract, pasted text,
//! the profile it writes (private, never over an existing file), files that are not reports,
//! scanned PDFs, and nothing of the report saved.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use her2prep::profile::{Er, Ihc, Ish, Pr, Profile};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_her2prep");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
}

/// Runs the program with its data folder in `home`, `stdin` as its input.
fn run(home: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn json_follows_the_contract() {
    let home = tempfile::tempdir().unwrap();
    let file = fixture("10-biopsy-vs-excision.txt");
    let v = json(&run(
        home.path(),
        &["read-report", file.to_str().unwrap(), "--format", "json"],
        b"",
    ));
    let fields = v["fields"].as_object().unwrap();
    assert_eq!(v.as_object().unwrap().len(), 1, "only `fields` at the top");
    let allowed: &[(&str, &[&str])] = &[
        ("er", &["positive", "low", "negative"]),
        ("pr", &["positive", "negative"]),
        ("her2_ihc", &["0", "ultralow", "1+", "2+", "3+"]),
        ("her2_ish", &["not-amplified", "amplified", "pending"]),
        ("grade", &["1", "2", "3"]),
        ("nodes", &["positive", "negative"]),
        ("stage", &["0", "I", "II", "III", "IV"]),
        ("sex", &["female", "male"]),
    ];
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for (key, f) in fields {
        let status = f["status"].as_str().unwrap();
        assert!(
            ["found", "conflict", "unclear"].contains(&status),
            "{key}: {status}"
        );
        if let Some((_, ok)) = allowed.iter().find(|(k, _)| k == key)
            && let Some(val) = f["value"].as_str()
        {
            assert!(ok.contains(&val), "{key}: {val}");
        }
        let line = f["line"].as_u64().unwrap() as usize;
        assert_eq!(
            lines[line - 1].trim(),
            f["quote"].as_str().unwrap(),
            "{key}"
        );
        for c in f["candidates"].as_array().unwrap() {
            let l = c["line"].as_u64().unwrap() as usize;
            assert_eq!(lines[l - 1].trim(), c["quote"].as_str().unwrap());
        }
    }
    // The biopsy said PR positive, the excision negative: a conflict, the latest value, both listed.
    let pr = &fields["pr"];
    assert_eq!(pr["status"], "conflict");
    assert_eq!(pr["value"], "negative");
    let values: Vec<&str> = pr["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, vec!["positive", "negative"]);
    assert_eq!(fields["er"]["status"], "found");
    assert_eq!(fields["er"]["percent"], 90);
    // percent only where written; keys not stated are absent.
    assert!(fields["her2_ihc"].get("percent").is_none());
    for absent in ["ki67", "stage", "sex", "nodes", "her2_ish"] {
        assert!(!fields.contains_key(absent), "{absent}");
    }
}

#[test]
fn pasted_text_reads_as_the_file_does_and_plain_words_quote_lines() {
    let home = tempfile::tempdir().unwrap();
    let file = fixture("03-us-narrative-addendum-fish.txt");
    let text = std::fs::read(&file).unwrap();
    let a = run(
        home.path(),
        &["read-report", "-", "--format", "json"],
        &text,
    );
    let b = run(
        home.path(),
        &["read-report", file.to_str().unwrap(), "--format", "json"],
        b"",
    );
    assert_eq!(json(&a), json(&b));
    let plain = run(home.path(), &["read-report", "-"], &text);
    let out = String::from_utf8(plain.stdout).unwrap();
    assert!(out.contains("HER2 ISH/FISH: not amplified"), "{out}");
    assert!(
        out.contains("line 22: \"Interpretation: NOT AMPLIFIED (ASCO/CAP 2018, group 5).\""),
        "{out}"
    );
}

#[test]
fn the_profile_written_is_private_reads_back_and_never_replaces_a_file_unasked() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("from-report.yaml");
    let file = fixture("20-controls-margins-cellularity.txt");
    let args = [
        "read-report",
        file.to_str().unwrap(),
        "--profile-out",
        out.to_str().unwrap(),
    ];
    let r = run(home.path(), &args, b"");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let p = Profile::from_yaml(&yaml).unwrap();
    assert_eq!(
        (p.er, p.pr, p.her2.ihc, p.her2.ish),
        (Er::Negative, Pr::Negative, Ihc::Two, Ish::NotAmplified)
    );
    assert!(
        yaml.contains("# from line 13: HER2: 2+ (equivocal)\n  ihc: \"2+\""),
        "{yaml}"
    );
    // A second run without --force leaves the file as it was, and says so.
    std::fs::write(&out, "er: positive\n").unwrap();
    let again = run(home.path(), &args, b"");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "er: positive\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(run(home.path(), &forced, b"").status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), yaml);
}

#[test]
fn conflicts_are_not_written_into_the_profile() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("p.yaml");
    let file = fixture("18-primary-vs-metastasis.txt");
    let r = run(
        home.path(),
        &[
            "read-report",
            file.to_str().unwrap(),
            "--profile-out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(r.status.success());
    let p = Profile::from_yaml(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        (p.er, p.pr, p.her2.ihc),
        (Er::Unknown, Pr::Unknown, Ihc::One)
    );
    let plain =
        String::from_utf8(run(home.path(), &["read-report", file.to_str().unwrap()], b"").stdout)
            .unwrap();
    assert!(
        plain.contains("My biopsy said ER positive and my liver biopsy said ER negative"),
        "{plain}"
    );
}

#[test]
fn what_is_not_a_report_gets_a_plain_message() {
    let home = tempfile::tempdir().unwrap();
    for (args, want) in [
        (vec!["read-report", "/dev/zero"], "not an ordinary file"),
        (vec!["read-report", "/"], "is a folder"),
        (vec!["read-report", "/no/such/report.pdf"], "does not exist"),
    ] {
        let r = run(home.path(), &args, b"");
        assert_eq!(r.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let scan = fixture("scanned.pdf");
    let r = run(home.path(), &["read-report", scan.to_str().unwrap()], b"");
    assert_eq!(r.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("it is a scan"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let r = run(
        home.path(),
        &["read-report", "-"],
        b"Dear patient, your appointment is on Monday.\n",
    );
    assert!(r.status.success());
    assert!(String::from_utf8_lossy(&r.stdout).contains("Is it a pathology report?"));
}

#[test]
fn the_report_text_is_never_saved() {
    let home = tempfile::tempdir().unwrap();
    let file = fixture("01-cap-synoptic-hr-positive.txt");
    assert!(
        run(home.path(), &["read-report", file.to_str().unwrap()], b"")
            .status
            .success()
    );
    assert!(
        run(
            home.path(),
            &["read-report", "-", "--format", "json"],
            &std::fs::read(&file).unwrap()
        )
        .status
        .success()
    );
    let left: Vec<_> = walk(home.path());
    assert!(left.is_empty(), "files written: {left:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_pdf_reads_as_its_text_where_pdftotext_is_installed() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext is not installed: the no-reader message is checked instead");
        let home = tempfile::tempdir().unwrap();
        let r = run(
            home.path(),
            &[
                "read-report",
                fixture("10-biopsy-vs-excision.pdf").to_str().unwrap(),
            ],
            b"",
        );
        assert!(String::from_utf8_lossy(&r.stderr).contains("pdftotext"));
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let v = json(&run(
        home.path(),
        &[
            "read-report",
            fixture("35-portal-table.pdf").to_str().unwrap(),
            "--format",
            "json",
        ],
        b"",
    ));
    assert_eq!(v["fields"]["er"]["value"], "positive");
    assert_eq!(v["fields"]["her2_ish"]["value"], "not-amplified");
}
