//! "Paste from my report", driven as a person would: key and paste events through the same
//! `keys::message` and `runtime::dispatch` the real terminal uses, screens drawn into
//! ratatui's TestBackend and compared with committed snapshots (80x24 and 120x40).

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Kind, Message, Screen, update};
use super::keys;
use super::report::{ReportState, as_path};
use super::runtime::dispatch;
use super::steps::Step;
use super::view::view;
use super::walk::WalkState;
use crate::bank::Bank;
use crate::profile::{Er, Grade, Ihc, Ish, Nodes, Pr, Profile, Sex, Stage};
use crate::storage::Paths;

const TODAY: Date = date(2026, 11, 21);

/// Strings of the first corpus report that no saved file may contain.
const DISTINCTIVE: [&str; 3] = ["S26-00101", "SYNTHETIC, TEST A", "Nuclear Positivity"];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
}

fn corpus(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// An app saving into `dir`, on the walk-through's first step (as after the welcome screen).
fn app_in(dir: &Path) -> App {
    let mut app = App::new(
        Bank::builtin().expect("built-in bank"),
        Some(Paths::at(dir.join("her2prep"))),
        TODAY,
    );
    app.export_dir = Some(PathBuf::from("/nonexistent-her2prep-test/exports"));
    key(&mut app, KeyCode::Enter); // patient
    key(&mut app, KeyCode::Enter); // no name: the walk-through
    assert_eq!(app.screen.kind(), Kind::Walk);
    app
}

fn send(app: &mut App, event: Event) {
    if let Some(m) = keys::message(app, &event) {
        dispatch(app, m);
    }
}

fn key(app: &mut App, code: KeyCode) {
    send(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn paste(app: &mut App, text: &str) {
    send(app, Event::Paste(text.to_string()));
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    update(app, Message::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t.backend().to_string()
}

fn report(app: &App) -> &ReportState {
    match &app.screen {
        Screen::Report(s) => s,
        other => panic!("not on the report screen but {:?}", other.kind()),
    }
}

fn walk(app: &App) -> &WalkState {
    match &app.screen {
        Screen::Walk(s) => s,
        other => panic!("not on the walk-through but {:?}", other.kind()),
    }
}

/// The whole checklist for the app's answers (not cut to a visit).
fn full_list(app: &App) -> crate::checklist::Checklist {
    crate::checklist::build(
        &app.bank,
        &app.profile,
        &app.state,
        &crate::checklist::Options::default(),
    )
}

/// "Read it": Tab to the button, Enter.
fn read_it(app: &mut App) {
    key(app, KeyCode::Tab);
    key(app, KeyCode::Enter);
}

/// Every file under `dir`, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out
}

fn assert_nothing_of_the_report_in(dir: &Path) {
    let all = files(dir);
    assert!(!all.is_empty(), "nothing was saved in {}", dir.display());
    for (p, bytes) in all {
        let text = String::from_utf8_lossy(&bytes);
        for s in DISTINCTIVE {
            assert!(
                !text.contains(s),
                "{} holds {s:?} from the report",
                p.display()
            );
        }
    }
}

#[test]
fn a_pasted_report_is_shown_line_by_line_then_fills_the_walk_through_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    let first = screen(&mut app, 80, 24);
    assert!(first.contains("p paste from my report"), "{first}");
    insta::assert_snapshot!("report_walk_first_step_80x24", first);
    key(&mut app, KeyCode::Char('p'));
    assert_eq!(app.screen.kind(), Kind::Report);
    assert!(app.typing(), "the paste box takes typing");
    insta::assert_snapshot!("report_box_empty_80x24", screen(&mut app, 80, 24));
    let text = corpus("01-cap-synoptic-hr-positive.txt");
    paste(&mut app, &text);
    // The paste arrives whole, every line kept.
    assert_eq!(report(&app).text().trim_end(), text.trim_end());
    insta::assert_snapshot!("report_box_pasted_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("report_box_pasted_120x40", screen(&mut app, 120, 40));

    // Being stopped now (the signal thread's snapshot) saves nothing of the report.
    let (_, profile, state) = app.snapshot().expect("a snapshot");
    let elsewhere = tempfile::tempdir().unwrap();
    let paths = Paths::at(elsewhere.path().join("her2prep"));
    paths.save_profile(&profile).unwrap();
    paths.save_state(&state).unwrap();
    assert_nothing_of_the_report_in(elsewhere.path());

    read_it(&mut app);
    let found = report(&app).found.as_ref().expect("read");
    assert_eq!(found.source, "the pasted text");
    // Nothing is used yet.
    assert_eq!(app.profile, Profile::default());
    let shown = screen(&mut app, 120, 40);
    for line in [
        "ER (estrogen receptor): positive, 100 % (found)",
        "line 33: \"Percentage of Cells with Nuclear Positivity: 91-100%\"",
        "HER2 IHC score: 1+ (found)",
        "line 37: \"HER2 (ERBB2) by Immunohistochemistry: Negative (Score 1+)\"",
        "grade: 2 (found)",
        "line 22: \"Overall Grade: Grade 2 (scores of 6 or 7)\"",
        "lymph nodes: negative (found)",
        "Not stated in the report: HER2 ISH/FISH.",
    ] {
        assert!(shown.contains(line), "{line:?} not shown:\n{shown}");
    }
    insta::assert_snapshot!("report_found_120x40", shown);
    insta::assert_snapshot!("report_found_80x24", screen(&mut app, 80, 24));
    // The rest of the findings scroll into view at 80x24.
    for _ in 0..20 {
        key(&mut app, KeyCode::Down);
    }
    let end = screen(&mut app, 80, 24);
    assert!(end.contains("line 2: \"Patient: SYNTHETIC"), "{end}");

    key(&mut app, KeyCode::Enter); // use these answers
    assert_eq!(app.screen.kind(), Kind::Walk);
    assert_eq!(walk(&app).step, Step::Er);
    let p = &app.profile;
    assert_eq!(
        (p.er, p.pr, p.her2.ihc, p.her2.ish),
        (Er::Positive, Pr::Positive, Ihc::One, Ish::Unknown)
    );
    assert_eq!(
        (p.grade, p.nodes, p.stage, p.sex),
        (Grade::G2, Nodes::Negative, Stage::I, Sex::Female)
    );
    let er = screen(&mut app, 80, 24);
    assert!(er.contains("From your report: line 33"), "{er}");
    assert!(er.contains("7 answers filled in from your report"), "{er}");
    insta::assert_snapshot!("report_walk_prefilled_er_80x24", er);
    insta::assert_snapshot!("report_walk_prefilled_er_120x40", screen(&mut app, 120, 40));

    // The person confirms each step with Enter; the grade step says where it came from.
    let mut guard = 0;
    while app.screen.kind() == Kind::Walk {
        guard += 1;
        assert!(guard < 30, "the walk-through does not end");
        if walk(&app).step == Step::Grade {
            let g = screen(&mut app, 80, 24);
            assert!(g.contains("line 22"), "{g}");
            assert!(g.contains("> (•) Grade 2"), "{g}");
        }
        key(&mut app, KeyCode::Enter);
    }
    assert_eq!(app.screen.kind(), Kind::Results);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.kind(), Kind::Checklist);
    let list = full_list(&app);
    assert!(!list.items.is_empty(), "an empty list");
    // ER and PR are known: the question asking what they were is not on the list, and the
    // report (which leaves nothing open) added no question of its own.
    assert!(list.item("results-er-pr-values").is_none());
    assert!(app.state.own.is_empty(), "{:?}", app.state.own);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    assert_nothing_of_the_report_in(dir.path());
}

#[test]
fn a_conflict_shows_both_samples_is_not_filled_in_and_becomes_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    paste(&mut app, &corpus("10-biopsy-vs-excision.txt"));
    read_it(&mut app);
    let shown = screen(&mut app, 120, 40);
    for line in [
        "PR (progesterone receptor): the biopsy and the surgery sample disagree, so it is not filled in",
        "positive (biopsy), line 6: \"PR: positive (30%)\"",
        "negative (surgery sample), line 13: \"PR: negative (<1%)\"",
    ] {
        assert!(shown.contains(line), "{line:?} not shown:\n{shown}");
    }
    insta::assert_snapshot!("report_conflict_120x40", shown);
    insta::assert_snapshot!("report_conflict_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.profile.pr, Pr::Unknown, "a conflict is never filled in");
    assert_eq!(app.profile.er, Er::Positive);
    // The same question as the command line prints, on the list under the results topic.
    let q = crate::report::read(&corpus("10-biopsy-vs-excision.txt")).questions();
    assert_eq!(q.len(), 1);
    assert_eq!(app.state.own.len(), 1);
    assert_eq!(app.state.own[0].text, q[0]);
    assert_eq!(app.state.own[0].topic, "results");
    key(&mut app, KeyCode::Enter); // ER confirmed
    assert_eq!(walk(&app).step, Step::Pr);
    let pr = screen(&mut app, 80, 24);
    assert!(
        pr.contains("disagree") && pr.contains("nothing is filled in"),
        "{pr}"
    );
    assert!(pr.contains("> (•) I don't know / not yet"), "{pr}");
    insta::assert_snapshot!("report_conflict_walk_pr_80x24", pr);
    // Pasting the same report again adds the question once only.
    while walk(&app).step != Step::Er {
        key(&mut app, KeyCode::Esc);
    }
    key(&mut app, KeyCode::Char('p'));
    paste(&mut app, &corpus("10-biopsy-vs-excision.txt"));
    read_it(&mut app);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.state.own.len(), 1);
    // The question is on the list.
    assert!(full_list(&app).item(&app.state.own[0].id).is_some());
}

#[test]
fn a_file_path_is_read_by_the_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("my report.txt");
    std::fs::copy(fixture("28-her2-2plus-amplified-addendum.txt"), &copy).unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    // Dropped on a terminal, a path with a space comes quoted.
    typed(&mut app, &format!("'{}'", copy.display()));
    read_it(&mut app);
    let found = report(&app).found.as_ref().expect("read from the file");
    assert_eq!(found.source, copy.display().to_string());
    let f = &found.findings;
    assert_eq!(
        f.get(crate::report::Key::Her2Ish).unwrap().value.as_deref(),
        Some("amplified")
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.profile.her2.ihc, Ihc::Two);
    assert_eq!(app.profile.her2.ish, Ish::Amplified);
}

#[test]
fn a_pdf_is_read_through_its_text_layer_and_a_scan_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    let pdf = fixture("14-male-patient.pdf");
    typed(&mut app, &pdf.display().to_string());
    read_it(&mut app);
    let has_poppler = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if has_poppler {
        let found = report(&app).found.as_ref().expect("read from the PDF");
        let sex = found.findings.get(crate::report::Key::Sex).unwrap();
        assert_eq!(sex.value.as_deref(), Some("male"));
        key(&mut app, KeyCode::Esc); // back to the box, its path kept
    } else {
        let e = report(&app).error.clone().expect("said why");
        assert!(e.contains("pdftotext"), "{e}");
    }
    assert_eq!(report(&app).text(), pdf.display().to_string());
    // A scan: plain words, pointing at this screen's box, and the path typed is kept.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('p'));
    let scan = fixture("scanned.pdf");
    typed(&mut app, &scan.display().to_string());
    read_it(&mut app);
    let e = report(&app).error.clone().expect("a scan is said");
    if has_poppler {
        assert!(e.contains("it is a scan"), "{e}");
    }
    assert!(e.contains("the box on this screen"), "{e}");
    assert!(!e.contains("read-report"), "{e}");
    assert!(report(&app).found.is_none());
    assert_eq!(report(&app).text(), scan.display().to_string());
}

#[test]
fn a_missing_file_is_said_plainly_and_what_was_typed_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    typed(&mut app, "/no/such/folder/pathology.pdf");
    read_it(&mut app);
    let s = report(&app);
    assert!(s.found.is_none());
    let e = s.error.clone().expect("an error");
    assert!(e.contains("does not exist"), "{e}");
    assert_eq!(s.text(), "/no/such/folder/pathology.pdf");
    insta::assert_snapshot!("report_missing_file_80x24", screen(&mut app, 80, 24));
    // Typing again clears the message; an empty box is said too.
    key(&mut app, KeyCode::Char('x'));
    assert!(report(&app).error.is_none());
    assert_eq!(app.profile, Profile::default());
    let mut empty = app_in(dir.path());
    key(&mut empty, KeyCode::Char('p'));
    read_it(&mut empty);
    assert!(report(&empty).error.as_deref().unwrap().contains("empty"));
}

#[test]
fn esc_discards_everything_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    paste(&mut app, &corpus("10-biopsy-vs-excision.txt"));
    read_it(&mut app);
    assert!(report(&app).found.is_some());
    key(&mut app, KeyCode::Esc); // back to the box: the findings are dropped
    assert!(report(&app).found.is_none());
    assert!(report(&app).text().contains("PR: negative"));
    key(&mut app, KeyCode::Esc); // back to the walk-through: the text is dropped
    assert_eq!(app.screen.kind(), Kind::Walk);
    assert_eq!(walk(&app).step, Step::Er);
    assert!(walk(&app).from_report.is_empty());
    assert_eq!(app.profile, Profile::default());
    assert!(app.state.own.is_empty());
    key(&mut app, KeyCode::Char('p'));
    assert_eq!(report(&app).text(), "", "a new box is empty");
    // "Back" on its button does the same.
    paste(&mut app, "ER: positive (95%)");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.kind(), Kind::Walk);
    assert_eq!(app.profile, Profile::default());
}

#[test]
fn the_box_is_text_throughout_so_letters_never_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    key(&mut app, KeyCode::Tab); // on "Read it"
    typed(&mut app, "q?");
    assert!(!app.quit);
    assert_eq!(report(&app).text(), "q?");
    // Enter in the box is a new line (a report typed by hand).
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "ER positive");
    assert_eq!(report(&app).text(), "q?\nER positive");
    // Nothing found: said, and nothing to use.
    let mut other = app_in(dir.path());
    key(&mut other, KeyCode::Char('p'));
    paste(
        &mut other,
        "Dear patient,\nyour appointment is on Tuesday.\n",
    );
    read_it(&mut other);
    let s = screen(&mut other, 80, 24);
    assert!(s.contains("I found none of ER"), "{s}");
    key(&mut other, KeyCode::Enter);
    assert_eq!(other.screen.kind(), Kind::Report);
    assert_eq!(other.profile, Profile::default());
}

#[test]
fn a_paste_too_large_is_refused_and_the_box_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    key(&mut app, KeyCode::Char('p'));
    paste(&mut app, "ER: positive");
    paste(&mut app, &"x".repeat(super::report::MAX_PASTE_BYTES));
    assert_eq!(report(&app).text(), "ER: positive");
    let said = app.status.as_ref().expect("said").text().to_string();
    assert!(said.contains("larger than 1 MB"), "{said}");
}

#[test]
fn a_path_is_told_from_a_report() {
    assert_eq!(
        as_path("~/Downloads/path.pdf").as_deref(),
        Some("~/Downloads/path.pdf")
    );
    assert_eq!(as_path("  report.TXT \n").as_deref(), Some("report.TXT"));
    assert_eq!(
        as_path("'/home/a/My Report.pdf'").as_deref(),
        Some("/home/a/My Report.pdf")
    );
    assert_eq!(
        as_path("/home/a/My\\ Report.pdf").as_deref(),
        Some("/home/a/My Report.pdf")
    );
    assert_eq!(
        as_path("file:///home/a/My%20Report.pdf").as_deref(),
        Some("/home/a/My Report.pdf")
    );
    assert_eq!(as_path("ER: positive (95%)"), None);
    assert_eq!(as_path("HER2/neu: 3+"), None);
    assert_eq!(as_path("/a.pdf\nER: positive"), None);
    assert_eq!(as_path(""), None);
}

#[test]
fn an_answer_the_report_changes_is_said_before_it_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    app.profile.er = Er::Negative;
    app.profile.sex = Sex::Female;
    key(&mut app, KeyCode::Char('p'));
    paste(&mut app, "Sex: F\nER: positive (95%)\n");
    read_it(&mut app);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("This replaces your answer \"Negative\"."), "{s}");
    // The same answer is not said to be replaced.
    assert_eq!(s.matches("replaces").count(), 1, "{s}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.profile.er, Er::Positive);
}

/// A corpus truth file: each key's value, and whether it is found (not a conflict or unclear).
fn truth(path: &Path) -> Vec<(String, Option<String>, bool)> {
    use serde_yaml::Value;
    let v: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut out = Vec::new();
    for (k, v) in v.as_mapping().unwrap() {
        let key = k.as_str().unwrap().to_string();
        match v {
            Value::Mapping(m) => {
                let value = m.get("value").and_then(scalar);
                let found = m.get("status").is_none();
                out.push((key, value, found));
            }
            other => out.push((key, scalar(other), true)),
        }
    }
    out
}

#[test]
fn no_corpus_report_pasted_in_the_app_fills_in_a_wrong_answer() {
    use crate::choice::Choice;
    let dir = tempfile::tempdir().unwrap();
    let mut reports: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    reports.sort();
    assert!(
        reports.len() >= 30,
        "the corpus is smaller than it should be"
    );
    let (mut filled, mut stated) = (0, 0);
    for path in &reports {
        let truth = truth(&path.with_extension("truth.yaml"));
        let mut app = app_in(dir.path());
        key(&mut app, KeyCode::Char('p'));
        paste(&mut app, &std::fs::read_to_string(path).unwrap());
        read_it(&mut app);
        key(&mut app, KeyCode::Enter);
        let p = &app.profile;
        let answers = [
            ("er", p.er.name()),
            ("pr", p.pr.name()),
            ("her2_ihc", p.her2.ihc.name()),
            ("her2_ish", p.her2.ish.name()),
            ("grade", p.grade.name()),
            ("nodes", p.nodes.name()),
            ("stage", p.stage.name()),
            ("sex", p.sex.name()),
        ];
        for (k, given) in answers {
            let t = truth.iter().find(|(key, ..)| key == k);
            if t.is_some_and(|(_, _, found)| *found) {
                stated += 1;
            }
            if given == "unknown" {
                continue;
            }
            filled += 1;
            match t {
                Some((_, Some(v), true)) if v == given => {}
                _ => panic!(
                    "{}: the app filled in {k} = {given}, the report's truth is {t:?}",
                    path.display()
                ),
            }
        }
    }
    // Most of what the reports state is filled in (the rest is missed, never wrong).
    assert!(filled * 10 >= stated * 8, "{filled} of {stated} filled in");
}
