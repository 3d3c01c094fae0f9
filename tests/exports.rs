//! Every export format: what it must hold, snapshots of the whole output, and escaping of
//! everything the person wrote.

use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::Profile;
use her2prep::state::State;
use unicode_width::UnicodeWidthStr;

fn fixture() -> Bank {
    Bank::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank"))
        .unwrap()
}

const DAY: jiff::civil::Date = jiff::civil::date(2026, 11, 21);

fn caregiver() -> (Profile, State) {
    let p = Profile::from_yaml(
        "role: caregiver\nname: Rosa\nsex: female\ner: positive\npr: negative\nher2: {ihc: \"2+\", ish: pending}\nstage: IV\nmenopause: pre\nphase: metastatic\nappointment: {with: medical-oncologist, date: 2026-12-10}",
    )
    .unwrap();
    let mut s = State::default();
    s.set_answer(
        "goal-of-treatment",
        "Control, and keeping her well.\nAsk again in March.",
    )
    .unwrap();
    s.update_item("caregiver-watch", |i| i.starred = true);
    s.add_own("Can she keep working part-time?", "").unwrap();
    (p, s)
}

fn render(p: &Profile, s: &State, format: Format, options: &Options, large: bool) -> String {
    let bank = fixture();
    let list = build(&bank, p, s, options);
    Document::new(&bank, p, &list, DAY, large, options.top.is_some()).render(format)
}

#[test]
fn text_export() {
    let (p, s) = caregiver();
    let out = render(&p, &s, Format::Text, &Options::default(), false);
    for line in out.lines() {
        assert!(line.width() <= 80, "wider than 80 columns: {line:?}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn markdown_export() {
    let (p, s) = caregiver();
    insta::assert_snapshot!(render(&p, &s, Format::Markdown, &Options::default(), false));
}

#[test]
fn html_export() {
    let (p, s) = caregiver();
    let out = render(&p, &s, Format::Html, &Options::default(), false);
    insta::assert_snapshot!(out.replace("><", ">\n<"));
}

#[test]
fn json_export() {
    let (p, s) = caregiver();
    let out = render(&p, &s, Format::Json, &Options::default(), false);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let q = &v["questions"][0];
    for field in [
        "id",
        "text",
        "topic",
        "topic_title",
        "priority",
        "reasons",
        "because",
        "why",
        "source",
        "clinicians",
        "asked",
        "answer",
        "starred",
    ] {
        assert!(!q[field].is_null(), "questions[0].{field} missing");
    }
    assert_eq!(v["classification"]["her2"], "equivocal");
    assert_eq!(v["name"], "Rosa");
    insta::assert_snapshot!(out);
}

#[test]
fn every_format_holds_the_essentials() {
    let (p, s) = caregiver();
    for format in Format::ALL {
        let out = render(&p, &s, format, &Options::default(), false);
        let out_plain = out.replace('\\', "");
        let name = format!("{format:?}");
        assert!(
            out_plain.contains("Prepared by a caregiver for Rosa"),
            "{name}: whose list"
        );
        assert!(
            out_plain.contains("10 December 2026") || out_plain.contains("2026-12-10"),
            "{name}: appointment"
        );
        assert!(
            out_plain.contains("not final"),
            "{name}: HER2 2+ pending notice"
        );
        assert!(
            out_plain.contains("What is the goal of my treatment?"),
            "{name}: a question"
        );
        assert!(
            out_plain.contains("Control, and keeping her well."),
            "{name}: an answer"
        );
        assert!(
            out_plain.contains("Can she keep working part-time?"),
            "{name}: own question"
        );
        assert!(out_plain.contains("not medical advice"), "{name}: footer");
        assert!(out_plain.contains("2026-11-21"), "{name}: date");
        // Sources by their titles, for people; file names are for the bank's maintainers.
        assert!(
            out_plain.contains("HER2-Negative Breast Cancer treatment guide")
                && (format == Format::Json || !out_plain.contains("004_28a1607a55575c80.txt")),
            "{name}: sources"
        );
    }
}

#[test]
fn her2_positive_exports_say_so_at_the_top() {
    let p = Profile::from_yaml("er: positive\nher2: {ihc: 3+}").unwrap();
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let out = render(&p, &State::default(), format, &Options::default(), false);
        let notice = out
            .find("made for HER2-negative breast cancer")
            .unwrap_or_else(|| panic!("{format:?}: no notice"));
        let first_question = out.find("My HER2 result is positive").unwrap();
        assert!(
            notice < first_question,
            "{format:?}: the notice comes before the questions"
        );
    }
}

#[test]
fn large_print_and_top_cut() {
    let (p, s) = caregiver();
    let out = render(
        &p,
        &s,
        Format::Html,
        &Options {
            top: Some(2),
            ..Default::default()
        },
        true,
    );
    assert!(out.contains("<body class=\"large\">"));
    assert!(out.contains("The questions for this visit"));
    // The starred and own questions fill the two places; the answered one is pulled in.
    assert_eq!(out.matches("<li class=\"q\">").count(), 3);
    assert!(out.contains("Ask again in March."));
    assert!(out.contains("@page"), "print stylesheet is inline");
    assert!(
        !out.contains("<link") && !out.contains("<script"),
        "self-contained, no scripts"
    );
}

#[test]
fn user_text_cannot_inject_markup_or_terminal_codes() {
    let p =
        Profile::from_yaml("role: caregiver\nname: \"<script>alert(1)</script>\\\" onload=\\\"x\"")
            .unwrap();
    let mut s = State::default();
    s.set_answer(
        "goal-of-treatment",
        "<img src=x onerror=alert(1)> \"quoted\" 'single' & \u{1b}[2J\u{202e}",
    )
    .unwrap();
    s.add_own("# Heading? [link](http://x) | pipe\n- list", "")
        .unwrap();
    let html = render(&p, &s, Format::Html, &Options::default(), false);
    assert!(
        !html.contains("<script>") && !html.contains("<img"),
        "HTML is escaped"
    );
    assert!(html.contains("&lt;script&gt;") && html.contains("&lt;img src=x"));
    assert!(
        html.contains("&quot;quoted&quot;") || html.contains("\"quoted\""),
        "quotes are text"
    );
    assert!(!html.contains("\" onload=\""), "no attribute breaking");
    let md = render(&p, &s, Format::Markdown, &Options::default(), false);
    assert!(
        md.contains("\\# Heading? \\[link\\](http\\://x) \\| pipe - list"),
        "{md}"
    );
    assert!(md.contains("\\<script\\>"));
    for format in Format::ALL {
        let out = render(&p, &s, format, &Options::default(), false);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{format:?} lets control characters through"
        );
    }
}

#[test]
fn export_command_writes_into_the_exports_folder_and_prints_the_path() {
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join("p.yaml");
    std::fs::write(
        &profile,
        "er: negative\npr: negative\nher2: {ihc: 0}\nstage: II",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_her2prep"))
        .env("XDG_CONFIG_HOME", home.path())
        .args(["export", "--format", "markdown", "--profile"])
        .arg(&profile)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    let path = said
        .lines()
        .next()
        .unwrap()
        .strip_prefix("Saved your checklist to ")
        .unwrap();
    assert!(
        path.starts_with(&home.path().join("her2prep/exports").display().to_string()),
        "{path}"
    );
    assert!(path.ends_with(".md"));
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .contains("triple\\-negative")
            || std::fs::read_to_string(path)
                .unwrap()
                .contains("triple-negative")
    );
}

#[test]
fn export_command_explains_bad_input() {
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join("p.yaml");
    std::fs::write(&profile, "stage: V\n").unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_her2prep"))
            .env("XDG_CONFIG_HOME", home.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let p = profile.to_str().unwrap();
    let (code, err) = run(&["export", "--profile", p, "--output", "-"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("stage: 5 is not one of the allowed values")
            || err.contains("stage: \"V\" is not one of the allowed values"),
        "{err}"
    );
    let (code, err) = run(&["export", "--profile", "/no/such/file.yaml"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("I could not read the profile /no/such/file.yaml"),
        "{err}"
    );
    std::fs::write(&profile, "{}").unwrap();
    // A wrong value on the command line is a usage error (status 2) that lists the values.
    let (code, err) = run(&["export", "--profile", p, "--for", "dentist"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("invalid value 'dentist' for '--for <CLINICIAN>'")
            && err.contains("medical-oncologist, surgeon"),
        "{err}"
    );
    let (code, err) = run(&["export", "--profile", p, "--top", "0"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("at least 1"), "{err}");
    let (code, err) = run(&["export", "--profile", "/dev/zero"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("/dev/zero: it is a device, not an ordinary file"),
        "{err}"
    );
    let (code, err) = run(&["export", "--profile", "/tmp"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("/tmp is a folder"), "{err}");
    let (code, err) = run(&["export"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("No profile given and none saved yet"), "{err}");
}

/// The headless export's visit list has the size the person chose in the app (`t`, kept in the
/// saved checklist) unless `--top` says otherwise.
#[test]
fn export_command_uses_the_visit_size_chosen_in_the_app() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("her2prep");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    let saved = data.join("checklist.json");
    std::fs::write(&saved, r#"{"version": 1, "visit_size": 6}"#).unwrap();
    std::fs::set_permissions(&saved, std::fs::Permissions::from_mode(0o600)).unwrap();
    let profile = home.path().join("p.yaml");
    std::fs::write(&profile, "er: positive\nher2: {ihc: 0}\nstage: IV").unwrap();
    let visit_list = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_her2prep"))
            .env("XDG_CONFIG_HOME", home.path())
            .args(["export", "--format", "json", "-o", "-", "--profile"])
            .arg(&profile)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            doc["visit_list"].as_u64().unwrap(),
            doc["questions"].as_array().unwrap().len(),
        )
    };
    assert_eq!(visit_list(&[]), (6, 6));
    assert_eq!(visit_list(&["--top", "3"]), (3, 3));
    let (visit, all) = visit_list(&["--all"]);
    assert!(visit == 6 && all > 20, "{visit} {all}");
}
