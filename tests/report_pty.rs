//! "Paste from my report" in the real program, in a pseudo-terminal: a corpus report pasted
//! with bracketed paste, read, used, confirmed step by step, and the list built; the report's
//! text is in no file of the data folder afterwards, nor after SIGTERM with the text on screen.

use std::path::{Path, PathBuf};

#[path = "support/pty.rs"]
mod pty;
use pty::{ENTER, Session, data};

/// Strings of the report that no saved file may contain.
const DISTINCTIVE: [&str; 3] = ["S26-00101", "SYNTHETIC, TEST A", "Nuclear Positivity"];

fn report() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/reports/01-cap-synoptic-hr-positive.txt"),
    )
    .unwrap()
}

/// As a terminal sends a paste with bracketed paste on: wrapped in ESC[200~ ... ESC[201~,
/// each line break a carriage return.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{}\x1b[201~", text.replace('\n', "\r"))
}

fn assert_nothing_of_the_report_in(dir: &Path) {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            continue;
        }
        n += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        for s in DISTINCTIVE {
            assert!(!text.contains(s), "{} holds {s:?}", p.display());
        }
    }
    assert!(n >= 2, "the profile and the checklist were saved");
}

/// Starts the program on the walk-through's first step and opens the report box.
fn on_the_box(config: &Path) -> Session {
    let mut s = Session::start(config);
    s.wait_for("Who is using this?");
    s.keys(ENTER);
    s.wait_for("Your first name");
    s.keys(ENTER);
    s.wait_for("Step 1 of");
    s.wait_for("p paste from my report");
    s.keys("p");
    s.wait_for("your report");
    s
}

#[test]
fn a_report_pasted_into_the_real_program_fills_the_walk_through_and_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = on_the_box(dir.path());
    s.keys(&bracketed(&report()));
    s.wait_for("41 lines in the box");
    s.keys("\t");
    s.keys(ENTER);
    s.wait_for("What I found in the pasted text");
    s.wait_for("line 33: \"Percentage of Cells with Nuclear Positivity: 91-100%\"");
    s.keys(ENTER);
    s.wait_for("From your report: line 33");
    s.wait_for("> (•) Positive");
    // Confirm every step as it was filled in, up to the date.
    s.enter_to_the_date(1);
    s.keys(ENTER);
    s.wait_for("Your results in plain words");
    s.keys(ENTER);
    s.wait_for("Your questions");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    let profile = std::fs::read_to_string(data(dir.path()).join("profile.yaml")).unwrap();
    for answer in ["er: positive", "pr: positive", "grade: '2'", "sex: female"] {
        let plain = answer.replace('\'', "");
        assert!(
            profile.contains(answer) || profile.contains(&plain),
            "{answer} not in {profile}"
        );
    }
    assert_nothing_of_the_report_in(&data(dir.path()));
}

#[test]
fn sigterm_with_a_report_in_the_box_saves_nothing_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = on_the_box(dir.path());
    s.keys(&bracketed(&report()));
    s.wait_for("41 lines in the box");
    s.signal("TERM");
    assert_eq!(s.exit_code(), 143);
    assert_nothing_of_the_report_in(&data(dir.path()));
}
