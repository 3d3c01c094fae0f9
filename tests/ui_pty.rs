//! End-to-end tests of the real program in a pseudo-terminal (portable-pty), its screen read
//! back through a terminal emulator (vt100): walk through with keys, export, quit and restart,
//! and SIGTERM / SIGHUP in the middle of typing an answer.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;
use pty::{BIN, DOWN, ENTER, ESC, Session, data};

#[test]
fn walk_through_export_quit_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Who is using this?");
    s.keys(DOWN); // caregiver
    s.keys(ENTER);
    s.keys("Rosa");
    s.wait_for("Rosa");
    s.keys(ENTER);
    s.wait_for("Step 1 of");
    // ER positive (Home), then accept every other default ("I don't know"), and leave the
    // date empty.
    s.keys("g");
    s.keys(ENTER);
    s.wait_for("PR (progesterone receptor)");
    // One Enter per step, each time waiting for the next step to show, up to the date.
    s.enter_to_the_date(2);
    s.keys(ENTER);
    s.wait_for("Your results in plain words");
    s.wait_for("positive");
    s.keys(ENTER);
    s.wait_for("questions");
    // Tick the first question.
    s.keys(" ");
    s.wait_for("> [x]");
    // Export the top questions as plain text.
    s.keys("e");
    s.wait_for("Save a copy to print");
    s.keys("\x1b[D"); // HTML -> Markdown
    s.keys("\x1b[D"); // Markdown -> plain text
    s.wait_for("plain text");
    s.keys(DOWN);
    s.keys(" ");
    s.keys(DOWN);
    s.keys(DOWN);
    s.keys(ENTER);
    s.wait_for("The file is here");
    // The print command only where `lp` is installed; otherwise how to print it by hand.
    s.wait_for("To print it");
    let exports: Vec<PathBuf> = std::fs::read_dir(data(dir.path()).join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    assert!(exports[0].extension().is_some_and(|e| e == "txt"));
    let text = std::fs::read_to_string(&exports[0]).unwrap();
    assert!(text.contains("Rosa"), "{text}");
    assert!(text.contains("not medical advice"), "{text}");
    s.keys(ESC);
    s.wait_for("> [x]");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);

    // Starting again lands on the checklist as it was left.
    let mut again = Session::start(dir.path());
    again.wait_for("Your questions");
    again.wait_for("> [x]");
    again.wait_for("for Rosa");
    again.keys("q");
    assert_eq!(again.exit_code(), 0);
}

fn saved_profile(config: &Path) {
    let d = data(config);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("profile.yaml"),
        "role: patient\ner: negative\npr: negative\nher2:\n  ihc: \"1+\"\nstage: \"II\"\n",
    )
    .unwrap();
}

fn stopped_mid_edit(sig: &str, code: u32) {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys("Half-typed note é");
    s.wait_for("Half-typed note é");
    s.signal(sig);
    assert_eq!(s.exit_code(), code, "exit status after SIG{sig}");
    let saved = std::fs::read_to_string(data(dir.path()).join("checklist.json")).unwrap();
    assert!(saved.contains("Half-typed note é"), "{saved}");
}

#[test]
fn sigterm_mid_edit_saves_the_edit_and_exits() {
    stopped_mid_edit("TERM", 143);
}

#[test]
fn sighup_mid_edit_saves_the_edit_and_exits() {
    stopped_mid_edit("HUP", 129);
}

/// Without a terminal (input closed, output a pipe) the full-screen app can't run: the plain
/// mode does, and the closed input ends it with status 0 (tests/plain.rs tests it in full).
#[test]
fn without_a_terminal_it_talks_in_plain_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(BIN)
        .env("XDG_CONFIG_HOME", dir.path())
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "no escape codes: {text:?}");
    assert!(text.contains("her2prep, plain mode."), "{text}");
    assert!(
        text.contains("Who is using this?\n1. I am the patient (chosen)\n"),
        "{text}"
    );
}

#[test]
fn a_small_window_gets_a_polite_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::sized(dir.path(), 12, 50);
    s.wait_for("bigger");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn sigint_mid_edit_saves_the_edit_and_exits() {
    stopped_mid_edit("INT", 130);
}

#[test]
fn ctrl_c_quits_and_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys("typed then Ctrl-C");
    s.wait_for("typed then Ctrl-C");
    s.keys("\x03");
    assert_eq!(s.exit_code(), 0);
    let saved = std::fs::read_to_string(data(dir.path()).join("checklist.json")).unwrap();
    assert!(saved.contains("typed then Ctrl-C"), "{saved}");
}

#[test]
fn sigterm_while_adding_a_question_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys("a");
    s.wait_for("Add my own question");
    s.keys("Can I keep swimming?");
    s.wait_for("Can I keep swimming?");
    s.signal("TERM");
    assert_eq!(s.exit_code(), 143);
    let saved = std::fs::read_to_string(data(dir.path()).join("checklist.json")).unwrap();
    assert!(saved.contains("Can I keep swimming?"), "{saved}");
}

#[test]
fn closing_the_terminal_window_saves_and_ends_the_program() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys("window closed");
    s.wait_for("window closed");
    // Close our side of the terminal, as a terminal emulator does when its window closes: the
    // reading thread lets go after the redraw of one more key, then every handle is dropped.
    s.stop.store(true, Ordering::SeqCst);
    s.keys("!");
    std::thread::sleep(Duration::from_millis(200));
    let Session {
        writer,
        mut child,
        master,
        ..
    } = s;
    drop(writer);
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the program is still running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.exit_code(), 129, "ended by the hang-up: {status:?}");
    let saved = std::fs::read_to_string(data(dir.path()).join("checklist.json")).unwrap();
    // What was on screen is saved (the last key may or may not have been read before the
    // hang-up).
    // (Closing the writer sends a line feed and an end-of-file character, as Ctrl+J and
    // Ctrl+D: neither may wipe the answer.)
    assert!(saved.contains("window closed"), "{saved}");
}

#[test]
fn a_second_window_on_the_same_data_says_so_and_the_first_keeps_working() {
    let config = tempfile::tempdir().unwrap();
    let mut first = Session::start(config.path());
    first.wait_for("Who is using this?");
    let mut second = Session::start(config.path());
    second.wait_for("Another her2prep window is already open");
    assert_eq!(second.exit_code(), 1, "the second window stops");
    first.keys("q");
    assert_eq!(first.exit_code(), 0);
    assert!(
        !config.path().join("her2prep/her2prep.lock").exists(),
        "the lock is released at exit"
    );
    // Now a new window can start.
    let mut third = Session::start(config.path());
    third.wait_for("Who is using this?");
    third.keys("q");
    assert_eq!(third.exit_code(), 0);
}

#[test]
fn a_crash_saves_puts_the_terminal_back_and_says_where_the_data_is() {
    use nix::sys::termios::LocalFlags;
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut cmd = pty::program(dir.path());
    // Debug builds only: F12 then makes the program fail on purpose.
    cmd.env("HER2PREP_TEST_CRASH", "1");
    let mut s = Session::spawn(cmd, 24, 80);
    s.wait_for("Your questions");
    let raw = |s: &Session| {
        let t = s.master.get_termios().expect("the terminal's mode");
        !t.local_flags.contains(LocalFlags::ICANON) && !t.local_flags.contains(LocalFlags::ECHO)
    };
    assert!(raw(&s), "the app runs the terminal in raw mode");
    assert!(s.screen.lock().unwrap().screen().alternate_screen());
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys("Typed just before the crash");
    s.wait_for("Typed just before the crash");
    s.keys("\x1b[24~"); // F12
    assert_eq!(s.exit_code(), 101, "a panic's exit status");
    // The last words reach the screen after the exit: wait for them.
    s.wait_for("Please report this fault.");
    let d = data(dir.path());
    let said = format!(
        "her2prep stopped because of a fault in the program. Your answers and checklist were saved in {}.",
        d.display()
    );
    let shown = s.text().replace('\n', "");
    assert!(shown.contains(&said), "{shown}");
    {
        let screen = s.screen.lock().unwrap();
        let screen = screen.screen();
        assert!(!screen.alternate_screen(), "back on the normal screen");
        assert!(!screen.hide_cursor(), "the cursor shows again");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "the mouse is given back"
        );
    }
    assert!(!raw(&s), "typing echoes again, line by line");
    let saved = std::fs::read_to_string(d.join("checklist.json")).unwrap();
    assert!(saved.contains("Typed just before the crash"), "{saved}");
}

/// Waits until `file` in the data folder contains `what` (the app saves when the keys pause).
fn wait_for_saved(config: &Path, file: &str, what: &str) -> String {
    let start = Instant::now();
    loop {
        let saved = std::fs::read_to_string(data(config).join(file)).unwrap_or_default();
        if saved.contains(what) {
            return saved;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{file} never held {what:?}: {saved}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A paste of a few thousand characters, as one write and no key after it.
fn long_paste() -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 5000 {
        text.push_str(&format!("word{n} "));
        n += 1;
    }
    text.push_str("END-OF-PASTE");
    text
}

#[test]
fn a_long_paste_arrives_whole_without_another_key() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    let text = long_paste();
    s.keys(&text);
    // No key after the paste: all of it is shown and saved.
    s.wait_for("END-OF-PASTE");
    let saved = wait_for_saved(dir.path(), "checklist.json", "END-OF-PASTE");
    assert!(saved.contains(&text), "the whole paste is kept: {saved}");
}

#[test]
fn a_long_bracketed_paste_arrives_whole_with_its_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    // A terminal with bracketed paste on wraps the paste in ESC[200~ ... ESC[201~.
    let text = long_paste();
    s.keys(&format!("\x1b[200~first line\r{text}\x1b[201~"));
    s.wait_for("END-OF-PASTE");
    let saved = wait_for_saved(dir.path(), "checklist.json", "END-OF-PASTE");
    assert!(saved.contains(&format!("first line\\n{text}")), "{saved}");
}

#[test]
fn a_pasted_line_break_does_not_add_a_half_pasted_question() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let mut s = Session::start(dir.path());
    s.wait_for("Your questions");
    s.keys("a");
    s.wait_for("Add my own question");
    // Enter adds the question; a line break inside a paste is only a space.
    s.keys("\x1b[200~Can I swim\rafter surgery?\x1b[201~");
    s.wait_for("Can I swim after surgery?");
    assert!(s.text().contains("Add my own question"), "{}", s.text());
    s.keys(ENTER);
    wait_for_saved(dir.path(), "checklist.json", "Can I swim after surgery?");
}

/// On the export screen, `p` sends the PDF just saved to the printer with `lp` (a stand-in
/// that notes the file it was given), and says so; the file stays where it was saved.
#[test]
fn p_on_the_export_screen_sends_the_saved_pdf_to_the_printer() {
    let dir = tempfile::tempdir().unwrap();
    saved_profile(dir.path());
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let got = dir.path().join("lp-got");
    std::fs::write(
        bin.join("lp"),
        format!(
            "#!/bin/sh\n[ \"$1\" = -- ] && shift\nprintf '%s' \"$1\" > '{}'\necho 'request id is fake-1 (1 file(s))'\n",
            got.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(bin.join("lp"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = pty::program(dir.path());
    cmd.env("PATH", format!("{}:/usr/bin:/bin", bin.display()));
    let mut s = Session::spawn(cmd, 24, 80);
    s.wait_for("Your questions");
    // Before anything is saved, p says what to do first.
    s.keys("e");
    s.wait_for("Save a copy to print");
    s.keys("p");
    s.wait_for("save the list as a PDF first");
    s.keys("\x1b[C"); // web page -> PDF
    s.wait_for("PDF, ready to print");
    s.keys(ENTER);
    s.wait_for("The file is here");
    s.wait_for("type in a terminal: lp");
    assert!(!got.exists(), "nothing is printed before p");
    s.keys("p");
    s.wait_for("Sent to the printer");
    let sent = std::fs::read_to_string(&got).unwrap();
    assert!(
        sent.starts_with(data(dir.path()).join("exports").to_str().unwrap())
            && sent.ends_with(".pdf"),
        "{sent}"
    );
    assert!(std::path::Path::new(&sent).exists(), "the file stays");
    s.keys(ESC);
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
}
