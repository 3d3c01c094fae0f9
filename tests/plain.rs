//! The plain mode end to end, through a pipe: the real program, answers written to its stdin
//! one prompt at a time, what it wrote read back, and what it saved and exported read from
//! its data folder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use her2prep::profile::{
    AgeBand, Brca, Clinician, Er, Ihc, Menopause, Nodes, Phase, Pr, Profile, Sex, Stage,
};

#[path = "support/pty.rs"]
mod pty;

const BIN: &str = env!("CARGO_BIN_EXE_her2prep");

fn data(home: &Path) -> PathBuf {
    home.join("config").join("her2prep")
}

/// The program with its data under `home`, in a colour terminal's environment (so that
/// nothing but the plain mode itself keeps colour and drawing out).
fn her2prep(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .current_dir(home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// A conversation with the program: answers are written one prompt at a time.
struct Talk {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Receiver<Vec<u8>>,
    /// Everything written so far.
    all: Vec<u8>,
    /// Where the text since the last answer starts.
    mark: usize,
    /// How many lines were written to the program.
    answered: usize,
}

impl Talk {
    fn start(home: &Path, args: &[&str]) -> Talk {
        let mut child = her2prep(home, args).spawn().unwrap();
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let (tx, out) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Talk {
            child,
            stdin,
            out,
            all: Vec::new(),
            mark: 0,
            answered: 0,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.all).into_owned()
    }

    /// Waits for the next prompt (a line ending in "> " with nothing after it) and returns
    /// what was said since the last answer.
    fn prompt(&mut self) -> String {
        let start = Instant::now();
        loop {
            let since = String::from_utf8_lossy(&self.all[self.mark..]).into_owned();
            if since.ends_with("> ") {
                return since;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no prompt came; the program wrote:\n{}",
                self.text()
            );
            if let Ok(chunk) = self.out.recv_timeout(Duration::from_millis(50)) {
                self.all.extend(chunk);
            }
        }
    }

    /// Writes one line (after the prompt it answers).
    fn say(&mut self, line: &str) {
        self.mark = self.all.len();
        self.answered += 1;
        let stdin = self.stdin.as_mut().expect("input still open");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for a prompt, checks what was said contains `expect`, and answers `line`.
    fn ask(&mut self, expect: &str, line: &str) -> String {
        let said = self.prompt();
        assert!(said.contains(expect), "expected {expect:?}, got:\n{said}");
        self.say(line);
        said
    }

    /// Closes the input and waits for the end: (exit code, everything written, stderr).
    fn finish(mut self) -> (i32, String, String) {
        drop(self.stdin.take());
        self.ended()
    }

    /// Waits for the program to end with its input still open (as a signal ends it: closing
    /// the input first would race the signal with the end of input), then the same as
    /// [`Talk::finish`].
    fn ended(mut self) -> (i32, String, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the program did not end; it wrote:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        while let Ok(chunk) = self.out.recv_timeout(Duration::from_millis(200)) {
            self.all.extend(chunk);
        }
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (status.code().unwrap_or(-1), self.text(), err)
    }
}

/// The answer for each walk-through question of an early HR+ profile: (words of the
/// question, what is typed), by number or by word.
const EARLY_HR_POSITIVE: &[(&str, &str)] = &[
    ("ER (estrogen receptor)", "positive"),
    ("PR (progesterone receptor)", "1"),
    ("HER2 score from the IHC", "1+"),
    ("What stage", "stage ii"),
    ("lymph nodes", "no"),
    ("What grade", "2"),
    ("a woman or a man", "woman"),
    ("menopause", "after"),
    ("BRCA1/2", "no, not tested"),
    ("How old", "50"),
    ("in treatment right now", "just diagnosed"),
    ("proposed any of these treatments", "3"),
    ("outlook (prognosis)", "not now"),
    ("Who is the next appointment with", "surgeon"),
    ("When is the next appointment", "2099-03-04"),
];

/// Answers the walk-through's questions, whatever their order, until the results.
fn walk(t: &mut Talk, answers: &[(&str, &str)]) {
    for _ in 0..30 {
        let said = t.prompt();
        if said.contains("Your results in plain words") {
            return;
        }
        // The question is the line after "Step N of M."
        let question = said
            .lines()
            .skip_while(|l| !l.starts_with("Step "))
            .nth(1)
            .unwrap_or_else(|| panic!("no step in:\n{said}"));
        let (_, line) = answers
            .iter()
            .find(|(q, _)| question.contains(q))
            .unwrap_or_else(|| panic!("a question this test does not know:\n{said}"));
        t.say(line);
    }
    panic!("the walk-through did not end:\n{}", t.text());
}

/// The saved profile.
fn profile(home: &Path) -> Profile {
    Profile::from_yaml(&std::fs::read_to_string(data(home).join("profile.yaml")).unwrap()).unwrap()
}

/// The text of question `n` as the list said it ("n. text (marks)").
fn question(said: &str, n: usize) -> String {
    let line = said
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{n}. ")))
        .unwrap_or_else(|| panic!("no question {n} in:\n{said}"));
    match line.rfind(" (") {
        Some(i) if line.ends_with(')') => line[..i].to_string(),
        _ => line.to_string(),
    }
}

/// No escape byte, and every prompt alone at the start of its line (one per line written).
fn assert_plain(out: &str, answered: usize) {
    assert!(!out.contains('\u{1b}'), "an escape byte in:\n{out}");
    let prompts = out.lines().filter(|l| l.ends_with("> ")).count();
    assert_eq!(
        prompts, answered,
        "one prompt per answer, each on its own line:\n{out}"
    );
    for l in out.lines() {
        if let Some(i) = l.find("> ") {
            assert_eq!(i + 2, l.len(), "text after a prompt on its line: {l:?}");
        }
    }
}

#[test]
fn plain_mode_walks_a_profile_to_a_saved_exported_list() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Talk::start(home.path(), &["--plain"]);
    t.ask("Who is using this?", "patient");
    t.ask("Your first name", "Ana");
    walk(&mut t, EARLY_HR_POSITIVE);
    let results = t.ask("Your results in plain words", "next");
    assert!(results.contains("ER: positive"), "{results}");
    let list = t.ask(
        "Your questions, for Ana.",
        "answer 1 The surgeon said a lumpectomy is possible.",
    );
    let first = question(&list, 1);
    let second = question(&list, 2);
    let said = t.ask("1. ", "star 2");
    assert!(
        said.contains(&first)
            && said.contains("answer: The surgeon said a lumpectomy is possible."),
        "{said}"
    );
    let said = t.ask("starred", "export text");
    assert!(said.contains(&second), "{said}");
    let said = t.ask("Saved. The file is here: ", "quit");
    let answered = t.answered;
    let (code, out, err) = t.finish();
    assert_eq!(code, 0, "{err}");
    assert_plain(&out, answered);
    assert!(
        out.ends_with("Type her2prep to come back to your list.\n"),
        "{out}"
    );

    let p = profile(home.path());
    assert_eq!(p.name.as_deref(), Some("Ana"));
    assert_eq!(
        (p.er, p.pr, p.her2.ihc),
        (Er::Positive, Pr::Positive, Ihc::One)
    );
    assert_eq!((p.stage, p.nodes), (Stage::II, Nodes::Negative));
    assert_eq!(
        (p.sex, p.menopause, p.brca),
        (Sex::Female, Menopause::Post, Brca::NotTested)
    );
    assert_eq!((p.age, p.phase), (AgeBand::From50, Phase::NewDiagnosis));
    assert_eq!(p.appointment.with, Clinician::Surgeon);
    assert_eq!(
        p.appointment.date.map(|d| d.to_string()).as_deref(),
        Some("2099-03-04")
    );
    let state = std::fs::read_to_string(data(home.path()).join("checklist.json")).unwrap();
    assert!(
        state.contains("The surgeon said a lumpectomy is possible."),
        "{state}"
    );
    assert_eq!(state.matches("\"starred\": true").count(), 1, "{state}");

    let path = said
        .lines()
        .find_map(|l| l.strip_prefix("Saved. The file is here: "))
        .unwrap();
    assert!(
        path.starts_with(&data(home.path()).join("exports").display().to_string()),
        "{path}"
    );
    // The text export wraps its lines: compared word for word.
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let exported = words(&std::fs::read_to_string(path).unwrap());
    assert!(exported.contains(&first), "{exported}");
    assert!(
        exported.contains("The surgeon said a lumpectomy is possible."),
        "{exported}"
    );
    assert!(exported.contains("Ana"), "{exported}");
}

#[test]
fn the_end_of_the_input_mid_walk_keeps_what_was_chosen() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Talk::start(home.path(), &["--plain"]);
    t.ask("Who is using this?", "2");
    t.ask("The patient's first name", "Rosa");
    t.ask("ER (estrogen receptor)", "negative");
    t.ask("PR (progesterone receptor)", "negative");
    t.prompt();
    let (code, out, err) = t.finish();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Everything is saved in"), "{out}");
    let p = profile(home.path());
    assert_eq!(p.name.as_deref(), Some("Rosa"));
    assert_eq!((p.er, p.pr), (Er::Negative, Pr::Negative));
    assert_eq!(p.role, her2prep::profile::Role::Caregiver);
}

#[test]
fn nonsense_gets_a_plain_message_and_loses_nothing() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Talk::start(home.path(), &["--plain"]);
    t.ask("Who is using this?", "1");
    t.ask("Your first name", "");
    t.ask("ER (estrogen receptor)", "positive");
    let said = t.ask("PR (progesterone receptor)", "purple");
    assert!(said.contains("1. Positive"), "{said}");
    let said = t.ask(
        "\"purple\" is not one of the choices. Type a number from 1 to 3",
        "9",
    );
    assert!(
        said.ends_with("Answer 1 to 3> "),
        "the same question again: {said}"
    );
    let said = t.ask("There is no choice 9. Type a number from 1 to 3.", "back");
    assert!(said.ends_with("Answer 1 to 3> "), "{said}");
    // Back at the first step, its answer kept.
    t.ask("1. Positive (chosen)", "");
    t.ask("Chosen: Positive.", "negative");
    t.prompt();
    // The last prompt is answered by the end of the input.
    let answered = t.answered + 1;
    let (code, out, err) = t.finish();
    assert_eq!(code, 0, "{err}");
    assert_plain(&out, answered);
    let p = profile(home.path());
    assert_eq!((p.er, p.pr), (Er::Positive, Pr::Negative));
}

#[test]
fn nonsense_on_the_list_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let d = data(home.path());
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("profile.yaml"),
        "role: patient\ner: negative\npr: negative\nher2:\n  ihc: \"1+\"\nstage: \"II\"\n",
    )
    .unwrap();
    let mut t = Talk::start(home.path(), &["--plain"]);
    t.ask("Your questions.", "tick 1");
    t.ask("ticked as asked", "frobnicate");
    t.ask("I did not understand \"frobnicate\". Type help", "tick 999");
    t.ask("There is no question 999: the list has", "tick x");
    t.ask("\"x\" is not a question's number", "help");
    let said = t.ask("tick N: tick question N as asked", "quit");
    assert!(
        said.contains("export, or export html, pdf or text"),
        "{said}"
    );
    let (code, _, err) = t.finish();
    assert_eq!(code, 0, "{err}");
    let state = std::fs::read_to_string(d.join("checklist.json")).unwrap();
    assert_eq!(
        state.matches("\"asked\": true").count(),
        1,
        "one question ticked: {state}"
    );
}

#[test]
fn plain_mode_takes_the_data_folder_lock() {
    let home = tempfile::tempdir().unwrap();
    let mut first = Talk::start(home.path(), &["--plain"]);
    first.prompt();
    let mut second = Talk::start(home.path(), &["--plain"]);
    second.stdin.take();
    let (code, _, err) = second.finish();
    assert_eq!(code, 1);
    assert!(
        err.contains("Another her2prep window is already open"),
        "{err}"
    );
    first.say("quit");
    assert_eq!(first.finish().0, 0);
}

#[test]
fn sigterm_in_plain_mode_saves_and_exits() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Talk::start(home.path(), &["--plain"]);
    t.ask("Who is using this?", "1");
    t.ask("Your first name", "Ana");
    t.ask("ER (estrogen receptor)", "low");
    t.prompt();
    let pid = t.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let (code, _, _) = t.ended();
    assert_eq!(code, 143);
    assert_eq!(profile(home.path()).er, Er::Low);
}

/// With TERM=dumb the program in a real terminal talks in plain lines, without --plain.
#[test]
fn term_dumb_picks_the_plain_mode() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = pty::program(&home.path().join("config"));
    cmd.env("TERM", "dumb");
    let mut s = pty::Session::spawn(cmd, 24, 80);
    s.wait_for("her2prep, plain mode.");
    s.wait_for("1 or 2> ");
    s.keys("2\r");
    s.wait_for("Name> ");
    s.keys("quit\r");
    assert_eq!(s.exit_code(), 0);
    let p = Profile::from_yaml(
        &std::fs::read_to_string(home.path().join("config/her2prep/profile.yaml")).unwrap(),
    )
    .unwrap();
    assert_eq!(p.role, her2prep::profile::Role::Caregiver);
}

/// The question numbered `n` and the topic heading it is under, as the list said them.
fn numbered_with_topics(said: &str) -> Vec<(usize, String, String)> {
    let mut topic = String::new();
    let mut out = Vec::new();
    for l in said.lines() {
        if let Some(t) = l.strip_suffix(':').filter(|t| !t.contains(". ")) {
            topic = t.to_string();
        } else if let Some((n, text)) = l.split_once(". ")
            && let Ok(n) = n.parse::<usize>()
        {
            out.push((n, topic.clone(), text.to_string()));
        }
    }
    out
}

#[test]
fn plain_mode_finds_filters_hides_moves_and_says_past_visits_without_key_names() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Talk::start(home.path(), &["--plain"]);
    t.ask("Who is using this?", "patient");
    t.ask("Your first name", "");
    walk(&mut t, EARLY_HR_POSITIVE);
    t.ask("Your results in plain words", "next");
    let list = t.prompt();
    assert!(list.contains("Questions for this visit: "), "{list}");
    // A word of the first question, to find it again.
    let first = question(&list, 1);
    let word = first
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap()
        .to_string();
    t.say(&format!("find {word}"));
    let said = t.ask(&format!("match \"{word}\""), "find");
    assert!(said.contains(&first), "{said}");
    let said = t.ask("Questions for this visit: ", "for surgeon");
    assert!(
        !said.contains("match \""),
        "find alone clears the search: {said}"
    );
    t.ask(", for Surgeon", "all");
    let said = t.ask("All my questions: ", "list");
    assert!(
        said.contains("Type all to hear only this visit's again."),
        "{said}"
    );
    let listed = t.ask("All my questions: ", "hide 2");
    let second = question(&listed, 2);
    let said = t.prompt();
    assert!(
        said.contains(&format!("Question 2 is hidden: {second}")),
        "{said}"
    );
    assert!(
        said.contains("Hidden. Type hidden to show hidden questions again."),
        "{said}"
    );
    t.say("list");
    let said = t.prompt();
    assert!(!said.contains(&second), "{said}");
    // A question with another of its topic just before it, moved to its topic's top.
    // Not in the visit list (the first group), whose questions are of many topics.
    let rows = numbered_with_topics(&said);
    let (n, _, _) = rows
        .windows(2)
        .find(|w| w[0].1 == w[1].1 && w[1].1 != rows[0].1)
        .map(|w| w[1].clone())
        .expect("two questions of one topic");
    t.say(&format!("move {n} top"));
    let said = t.ask(&format!("Question {n} is now number "), "past");
    let said2 = t.ask("Past visits", "back");
    assert!(
        said2.contains("No visits saved yet. Type visit on your list"),
        "{said2}"
    );
    t.ask("Type list to hear the questions again.", "export text");
    let saved = t.ask("Saved. The file is here: ", "quit");
    let answered = t.answered;
    let (code, out, err) = t.finish();
    assert_eq!(code, 0, "{err}");
    assert_plain(&out, answered);
    for l in out.lines() {
        let lower = l.to_lowercase();
        assert!(
            !lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "esc"),
            "a key named: {l}"
        );
        for after in lower.split("press ").skip(1) {
            let key = after.split([' ', ',', '.']).next().unwrap_or("");
            assert!(
                key.chars().count() > 1 && key != "enter",
                "a key named: {l}"
            );
        }
    }
    let _ = said;

    let state = std::fs::read_to_string(data(home.path()).join("checklist.json")).unwrap();
    assert_eq!(state.matches("\"hidden\": true").count(), 1, "{state}");
    assert!(
        state.contains("\"order\": [") && !state.contains("\"order\": []"),
        "the new order is saved: {state}"
    );
    let path = saved
        .lines()
        .find_map(|l| l.strip_prefix("Saved. The file is here: "))
        .unwrap();
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let exported = words(&std::fs::read_to_string(path).unwrap());
    assert!(
        !exported.contains(&second),
        "hidden, so not printed: {exported}"
    );
}
