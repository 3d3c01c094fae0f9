//! The HTML export and the doctor copy as others' tools see them: the W3C Nu checker (when
//! java and vnu.jar are here: set VNU_JAR, or `npm install vnu-jar` in the checkout), landmarks
//! for screen readers (axe-core's landmark-one-main and region rules), and a ticked question
//! that says so in words.

use std::path::{Path, PathBuf};
use std::process::Command;

use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::Profile;
use her2prep::state::State;

const DAY: jiff::civil::Date = jiff::civil::date(2026, 12, 1);

fn pages() -> Vec<(String, String)> {
    let bank = Bank::builtin().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue; // the folder's README
        }
        let p = Profile::from_yaml(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut s = State::default();
        let l0 = build(&bank, &p, &s, &Options::default());
        s.update_item(&l0.items[0].id, |i| i.asked = true);
        let l = build(&bank, &p, &s, &Options::default());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for large in [false, true] {
            let doc = Document::new(&bank, &p, &l, DAY, large, false);
            out.push((format!("{name}-{large}.html"), doc.render(Format::Html)));
            out.push((
                format!("{name}-{large}-doctor.html"),
                doc.render_doctor_html(),
            ));
        }
    }
    out
}

/// The top-level elements of `<body>`, by tag name.
fn body_children(html: &str) -> Vec<String> {
    let body = &html[html.find("<body").unwrap()..html.rfind("</body>").unwrap()];
    let body = &body[body.find('>').unwrap() + 1..];
    let mut depth = 0usize;
    let mut tops = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let void = matches!(name.as_str(), "br" | "meta" | "img" | "input" | "hr");
        if tag.starts_with('/') {
            depth -= 1;
        } else if !void {
            if depth == 0 {
                tops.push(name);
            }
            depth += 1;
        }
        rest = &rest[end + 1..];
    }
    tops
}

#[test]
fn every_page_has_one_main_and_nothing_outside_landmarks() {
    for (name, html) in pages() {
        assert_eq!(html.matches("<main>").count(), 1, "{name}: one <main>");
        assert_eq!(body_children(&html), ["header", "main", "footer"], "{name}");
    }
}

#[test]
fn a_screen_reader_hears_whether_a_question_was_asked() {
    for (name, html) in pages().into_iter().filter(|(n, _)| !n.contains("doctor")) {
        assert_eq!(
            html.matches("<span class=\"vh\">Asked. </span>").count(),
            1,
            "{name}"
        );
        assert!(
            html.contains("<span class=\"vh\">Not asked yet. </span>"),
            "{name}"
        );
        assert!(
            html.contains(".vh {"),
            "{name}: the hidden text is not shown"
        );
    }
}

fn vnu() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VNU_JAR").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/vnu-jar/build/dist/vnu.jar")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

#[test]
fn the_w3c_nu_checker_finds_no_errors() {
    let Some(jar) = vnu() else {
        eprintln!(
            "note: vnu.jar not found (set VNU_JAR or `npm install vnu-jar`): Nu checker skipped"
        );
        return;
    };
    if Command::new("java").arg("-version").output().is_err() {
        eprintln!("note: java is not installed: Nu checker skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, html) in pages() {
        let f = dir.path().join(name);
        std::fs::write(&f, html).unwrap();
        files.push(f);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Nu checker errors:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
