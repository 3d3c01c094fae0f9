//! Issue 11, hardening second round: each case as a person (or an attacker planting files)
//! meets it, with the real binary, real FIFOs, real symbolic links, a real `ulimit -f` (no
//! `trap '' XFSZ` first) and a real pseudo-terminal. Test names start with the item number.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;
use pty::{BIN, ENTER, Session, data};

const PROFILE: &str = "name: Rosa\ner: positive\npr: positive\nher2: {ihc: \"1+\"}\nstage: II\n";

fn saved_profile(config: &Path) {
    fs::create_dir_all(data(config)).unwrap();
    fs::set_permissions(data(config), fs::Permissions::from_mode(0o700)).unwrap();
    fs::write(data(config).join("profile.yaml"), PROFILE).unwrap();
}

/// Runs the binary with its data under `config`, in a shell that first limits the memory to
/// 2 GB (as the issue's reproduction did), killing it if it runs past 60 s.
fn run_in(config: &Path, cwd: &Path, args: &[&str]) -> Output {
    let child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2000000; exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .current_dir(cwd)
        .env("XDG_CONFIG_HOME", config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the output while it runs (a full pipe would stall it), and stop a hang.
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out,
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("her2prep {args:?} still runs after 60 s (a hang)");
        }
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn words(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fixture bank copied into `dir`, with `extra` added as one more file.
fn bank_with(dir: &Path, extra: &str, text: &[u8]) -> PathBuf {
    let bank = dir.join("bank");
    fs::create_dir_all(&bank).unwrap();
    for e in
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank")).unwrap()
    {
        let e = e.unwrap();
        fs::copy(e.path(), bank.join(e.file_name())).unwrap();
    }
    fs::write(bank.join(extra), text).unwrap();
    bank
}

fn alias_bomb() -> String {
    let a = vec!["x"; 1000].join(", ");
    let b = vec!["*a"; 1000].join(", ");
    let c = vec!["*b"; 100].join(", ");
    format!("a: &a [{a}]\nb: &b [{b}]\nc: [{c}]\n")
}

#[test]
fn item01_an_alias_bomb_is_refused_in_a_profile_a_bank_and_a_saved_profile() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    let bomb = alias_bomb();
    assert!(bomb.len() < 8000, "a file of a few KB");
    fs::write(d.path().join("bomb.yaml"), &bomb).unwrap();
    let o = run_in(
        &config,
        d.path(),
        &["export", "--profile", "bomb.yaml", "-o", "-"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        words(&stderr(&o))
            .contains("aliases (*name) repeat parts of it into more than 100000 values"),
        "{}",
        stderr(&o)
    );

    // In a bank: check-bank and --questions.
    let bank = bank_with(
        d.path(),
        "bomb.yaml",
        format!("questions: []\n{bomb}").as_bytes(),
    );
    let o = run_in(&config, d.path(), &["check-bank", bank.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "bomb.yaml: the file's aliases (*name) repeat parts of it into more than 1000000 values"
        ),
        "{}",
        stderr(&o)
    );

    // Saved as the profile: an export says so and a start of the app moves it aside.
    saved_profile(&config);
    fs::write(data(&config).join("profile.yaml"), &bomb).unwrap();
    let o = run_in(&config, d.path(), &["export", "-o", "-"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("more than 100000 values"),
        "{}",
        stderr(&o)
    );
    let mut s = Session::start(&config);
    s.wait_for_words("Your answers file could not be read");
    s.wait_for_words("more than 100000 values");
    s.keys("q");
    s.keys("q");
    let _ = s.exit_code();
    let kept: Vec<_> = fs::read_dir(data(&config))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("profile.yaml.unreadable-"))
        .collect();
    assert_eq!(kept.len(), 1, "the bomb is kept aside, not deleted");
}

#[test]
fn item02_deep_nesting_is_refused_at_32_levels_in_a_profile_and_a_bank() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    let cases = [
        (
            "flow.yaml",
            format!("er: {}x{}", "[".repeat(16000), "]".repeat(16000)),
        ),
        (
            "maps.yaml",
            format!("er: {}x{}", "{a: ".repeat(16000), "}".repeat(16000)),
        ),
        ("compact.yaml", format!("er:\n  {}x\n", "- ".repeat(16000))),
        (
            "big.yaml",
            format!("er: {}x{}", "[".repeat(400_000), "]".repeat(400_000)),
        ),
    ];
    for (name, text) in &cases {
        fs::write(d.path().join(name), text).unwrap();
        let o = run_in(&config, d.path(), &["export", "--profile", name, "-o", "-"]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(
            words(&stderr(&o)).contains("nested more than 32 levels deep, the most her2prep reads"),
            "{name}: {}",
            stderr(&o)
        );
    }
    let bank = bank_with(
        d.path(),
        "deep.yaml",
        format!("questions: {}{}", "[".repeat(32000), "]".repeat(32000)).as_bytes(),
    );
    let o = run_in(&config, d.path(), &["check-bank", bank.to_str().unwrap()]);
    assert!(
        stderr(&o).contains(
            "deep.yaml:1: the file's lists and groups are nested more than 32 levels deep"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn item03_pseudo_files_are_limited_by_the_bytes_actually_read() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    assert_eq!(
        fs::metadata("/proc/self/pagemap").unwrap().len(),
        0,
        "reports size 0"
    );
    let o = run_in(
        &config,
        d.path(),
        &["export", "--profile", "/proc/self/pagemap", "-o", "-"],
    );
    assert!(
        stderr(&o).contains("larger than 1 MB, the most her2prep reads"),
        "{}",
        stderr(&o)
    );
    // A bank entry linked to it.
    let bank = bank_with(d.path(), "x.yaml", b"");
    fs::remove_file(bank.join("x.yaml")).unwrap();
    symlink("/proc/self/pagemap", bank.join("x.yaml")).unwrap();
    let o = run_in(&config, d.path(), &["check-bank", bank.to_str().unwrap()]);
    assert!(
        stderr(&o).contains(
            "x.yaml: the file can't be read: it is larger than 8 MB, the most her2prep reads."
        ),
        "{}",
        stderr(&o)
    );
    // checklist.json linked to it: never followed at all now (the data folder's own files are
    // not read through links), so the export goes on without the notes, and says why.
    saved_profile(&config);
    symlink("/proc/self/pagemap", data(&config).join("checklist.json")).unwrap();
    let o = run_in(&config, d.path(), &["export", "-o", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        words(&stderr(&o))
            .contains("checklist.json because it is a symbolic link (to /proc/self/pagemap)"),
        "{}",
        stderr(&o)
    );
}

fn fifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn item04_export_without_profile_checks_the_saved_profile_and_the_export_name() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let profile = data(&config).join("profile.yaml");
    fs::remove_file(&profile).unwrap();
    fifo(&profile);
    let o = run_in(&config, d.path(), &["export", "-o", "-"]);
    assert!(
        stderr(&o).contains("could not be read: it is a pipe, not an ordinary file"),
        "{}",
        stderr(&o)
    );
    fs::remove_file(&profile).unwrap();
    // A link to /dev/zero: not even opened now (the data folder's files are never read
    // through a link); before, it grew to 528 MB.
    symlink("/dev/zero", &profile).unwrap();
    let o = run_in(&config, d.path(), &["export", "-o", "-"]);
    assert!(
        words(&stderr(&o)).contains("profile.yaml because it is a symbolic link (to /dev/zero)"),
        "{}",
        stderr(&o)
    );
    fs::remove_file(&profile).unwrap();
    fs::write(&profile, PROFILE).unwrap();
    // A pipe named like today's export.
    let exports = data(&config).join("exports");
    fs::create_dir(&exports).unwrap();
    let today = her2prep::today();
    let named = exports.join(format!("her2prep-{today}.html"));
    fifo(&named);
    // It is left alone (never opened, never replaced) and the export takes a fresh name.
    let o = run_in(&config, d.path(), &["export"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(exports.join(format!("her2prep-{today}-2.html")).is_file());
    assert!(
        fs::symlink_metadata(&named)
            .unwrap()
            .file_type()
            .is_fifo_like()
    );
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}
impl FifoLike for fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

/// Closes the program's terminal as a terminal emulator does when its window closes.
fn close_terminal(mut s: Session) -> Box<dyn portable_pty::Child + Send + Sync> {
    s.stop.store(true, Ordering::SeqCst);
    s.keys("!");
    std::thread::sleep(Duration::from_millis(200));
    let Session {
        writer,
        child,
        master,
        ..
    } = s;
    drop(writer);
    drop(master);
    child
}

#[test]
fn item05_a_lock_file_planted_as_a_symlink_is_never_written_or_deleted() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let victim = d.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    symlink(&victim, data(&config).join("her2prep.lock")).unwrap();
    let mut s = Session::start(&config);
    s.wait_for_words("it is a symbolic link, which her2prep never writes through");
    assert_eq!(s.exit_code(), 1);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    // forget takes the lock too: the link is removed as a link, and said so.
    let o = run_in(&config, d.path(), &["forget", "--yes"]);
    assert!(
        words(&stderr(&o)).contains("her2prep.lock was a link to"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn item06_a_symlinked_exports_or_data_folder_is_refused_and_never_rechmodded() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let shared = d.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    symlink(&shared, data(&config).join("exports")).unwrap();
    let o = run_in(&config, d.path(), &["export"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("exports because it is a symbolic link"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::metadata(&shared).unwrap().mode() & 0o7777, 0o1777);
    assert_eq!(fs::read_dir(&shared).unwrap().count(), 0);

    // The data folder itself a link: the app and an export refuse it, the target keeps its mode.
    let config2 = d.path().join("config2");
    fs::create_dir(&config2).unwrap();
    fs::write(shared.join("profile.yaml"), PROFILE).unwrap();
    symlink(&shared, data(&config2)).unwrap();
    let o = run_in(&config2, d.path(), &["export"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("her2prep because it is a symbolic link"),
        "{}",
        stderr(&o)
    );
    let mut s = Session::start(&config2);
    s.wait_for_words("because it is a symbolic link");
    assert_eq!(s.exit_code(), 1);
    assert_eq!(fs::metadata(&shared).unwrap().mode() & 0o7777, 0o1777);
}

#[test]
fn item07_forget_through_symlinks_says_exactly_what_it_did_not_remove() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    fs::create_dir(&config).unwrap();
    let real = d.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("checklist.json"), "{}").unwrap();
    symlink(&real, data(&config)).unwrap();
    let o = run_in(&config, d.path(), &["forget", "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    let said = words(&stderr(&o));
    assert!(
        said.contains("I deleted nothing") && said.contains("is a symbolic link to"),
        "{said}"
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Deleted everything"));
    assert!(real.join("checklist.json").exists());

    // A symlinked exports folder inside a real data folder.
    fs::remove_file(data(&config)).unwrap();
    saved_profile(&config);
    let elsewhere = d.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("her2prep-2026-01-01.html"), "old").unwrap();
    symlink(&elsewhere, data(&config).join("exports")).unwrap();
    let o = run_in(&config, d.path(), &["forget", "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    let said = words(&stderr(&o));
    assert!(
        said.contains("exports was a link to") && said.contains("did not touch what it points to"),
        "{said}"
    );
    assert!(!data(&config).exists(), "the real data is deleted");
    assert!(elsewhere.join("her2prep-2026-01-01.html").exists());
}

#[test]
fn item08_a_lock_that_cannot_be_opened_stops_the_app_before_any_save() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let lock = data(&config).join("her2prep.lock");
    fs::create_dir(&lock).unwrap();
    let mut s = Session::start(&config);
    s.wait_for_words("I have not started, because without the lock two her2prep windows");
    assert!(!s.text().contains("Welcome back"));
    assert_eq!(s.exit_code(), 1);
    fs::remove_dir(&lock).unwrap();
    // Another user's lock file (root can make one: chown it to nobody).
    fs::write(&lock, "pid=1\nstarted=2026-01-01T00:00:00Z\n").unwrap();
    if std::os::unix::fs::chown(&lock, Some(65534), Some(65534)).is_ok() {
        let mut s = Session::start(&config);
        s.wait_for_words("it belongs to another user");
        assert_eq!(s.exit_code(), 1);
    }
    assert_eq!(
        fs::read_to_string(data(&config).join("profile.yaml")).unwrap(),
        PROFILE
    );
}

/// Leftover temporary files beside `dir`'s files.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".her2prep-"))
        .collect()
}

#[test]
fn item09_a_file_size_limit_fails_in_plain_words_and_leaves_nothing() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    fs::write(d.path().join("me.yaml"), PROFILE).unwrap();
    // The real limit and the real signal: no `trap '' XFSZ`.
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1; exec \"$0\" export --profile me.yaml -o out.html")
        .arg(BIN)
        .current_dir(d.path())
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        stderr(&o).contains("out.html because the file would be larger than this system allows."),
        "{}",
        stderr(&o)
    );
    assert!(leftovers(d.path()).is_empty(), "{:?}", leftovers(d.path()));
    assert!(!d.path().join("out.html").exists());
}

#[test]
fn item11_the_app_saves_and_ends_when_its_terminal_goes_away_without_a_hangup() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    // setsid: no controlling terminal, so no SIGHUP when it closes (as in the issue).
    let mut s = Session::spawn(pty::command(&config, ["setsid", "-w", BIN]), 24, 80);
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys("typed before the window went");
    s.wait_for("typed before the window went");
    let lock = data(&config).join("her2prep.lock");
    assert!(lock.exists());
    // setsid ends with the terminal; her2prep itself lets go of its lock when it ends.
    let _wrapper = close_terminal(s);
    wait_until("her2prep ends after its terminal went away", || {
        !lock.exists()
    });
    let saved = fs::read_to_string(data(&config).join("checklist.json")).unwrap();
    assert!(saved.contains("typed before the window went"), "{saved}");
    assert!(
        !data(&config).join("her2prep.lock").exists(),
        "the lock is let go"
    );
}

fn raw(s: &Session) -> bool {
    use nix::sys::termios::LocalFlags;
    let t = s.master.get_termios().expect("the terminal's mode");
    !t.local_flags.contains(LocalFlags::ICANON) && !t.local_flags.contains(LocalFlags::ECHO)
}

fn typed_in_an_answer(config: &Path, text: &str) -> Session {
    saved_profile(config);
    let mut s = Session::start(config);
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys(text);
    s.wait_for(text);
    s
}

#[test]
fn item12_quit_user_and_alarm_signals_save_the_last_typing_and_restore_the_terminal() {
    for (sig, n) in [("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14)] {
        let d = tempfile::tempdir().unwrap();
        let config = d.path().join("config");
        let typed = format!("typed before {sig}");
        let mut s = typed_in_an_answer(&config, &typed);
        // At once, well within the 400 ms pause that would have saved it anyway.
        s.signal(sig);
        assert_eq!(s.exit_code(), 128 + n, "{sig}");
        let saved = fs::read_to_string(data(&config).join("checklist.json")).unwrap();
        assert!(saved.contains(&typed), "{sig}: {saved}");
        assert!(!raw(&s), "{sig}: the terminal is back in line mode");
        // The last bytes reach the screen just after: wait for them.
        wait_until("back on the normal screen", || {
            !s.screen.lock().unwrap().screen().alternate_screen()
        });
    }
}

fn stopped(s: &Session) -> bool {
    let pid = s.child.process_id().unwrap();
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(')')
        .is_some_and(|(_, rest)| rest.trim_start().starts_with('T'))
}

/// Waits for `f`; 30 s without it is a hang (a guard against hanging, not a timing: the
/// test binary runs many of these sessions at once, on a machine that may be busy).
fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(30), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn item12_ctrl_z_and_sigtstp_suspend_cleanly_and_fg_redraws() {
    for how in ["ctrl-z", "TSTP"] {
        let d = tempfile::tempdir().unwrap();
        let config = d.path().join("config");
        let typed = format!("typed before {how}");
        let mut s = typed_in_an_answer(&config, &typed);
        if how == "ctrl-z" {
            s.keys("\x1a");
        } else {
            s.signal("TSTP");
        }
        wait_until("the program stops", || stopped(&s));
        assert!(!raw(&s), "{how}: line mode while suspended");
        // The last bytes reach the screen just after: wait for them.
        wait_until("back on the normal screen", || {
            !s.screen.lock().unwrap().screen().alternate_screen()
        });
        let saved = fs::read_to_string(data(&config).join("checklist.json")).unwrap();
        assert!(
            saved.contains(&typed),
            "{how}: saved before stopping: {saved}"
        );
        s.signal("CONT");
        wait_until("raw mode again", || raw(&s));
        wait_until("the alternate screen again", || {
            s.screen.lock().unwrap().screen().alternate_screen()
        });
        // Redrawn: the alternate screen was blank after coming back.
        s.wait_for(&typed);
        s.wait_for("The answer, or notes");
        s.keys(" and after");
        s.wait_for("and after");
        s.signal("TERM");
        assert_eq!(s.exit_code(), 143);
    }
}

#[test]
fn item13_output_never_replaces_the_profile_the_data_or_a_foreign_file() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    fs::write(d.path().join("me.yaml"), PROFILE).unwrap();
    let o = run_in(
        &config,
        d.path(),
        &["export", "--profile", "me.yaml", "-o", "me.yaml"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is the profile being read"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(d.path().join("me.yaml")).unwrap(),
        PROFILE
    );
    let state = data(&config).join("checklist.json");
    fs::write(&state, "{\"version\": 1}").unwrap();
    for target in [
        state.clone(),
        data(&config).join("profile.yaml"),
        data(&config).join("new.html"),
    ] {
        let o = run_in(
            &config,
            d.path(),
            &[
                "export",
                "--profile",
                "me.yaml",
                "-o",
                target.to_str().unwrap(),
                "--force",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{target:?}");
        assert!(
            stderr(&o).contains("is in her2prep's data folder"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(fs::read_to_string(&state).unwrap(), "{\"version\": 1}");
    // A file her2prep did not write needs --force; its own export is replaced.
    fs::write(d.path().join("letter.txt"), "Dear doctor").unwrap();
    let o = run_in(
        &config,
        d.path(),
        &["export", "--profile", "me.yaml", "-o", "letter.txt"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("was not written by her2prep; I don't replace it. Add --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(d.path().join("letter.txt")).unwrap(),
        "Dear doctor"
    );
    for _ in 0..2 {
        let o = run_in(
            &config,
            d.path(),
            &["export", "--profile", "me.yaml", "-o", "list.html"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = run_in(
        &config,
        d.path(),
        &[
            "export",
            "--profile",
            "me.yaml",
            "-o",
            "letter.txt",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::read_to_string(d.path().join("letter.txt"))
            .unwrap()
            .contains("<html")
    );
}

#[test]
fn item14_a_checklist_without_next_own_never_gives_an_id_twice() {
    let mut state: her2prep::state::State = serde_json::from_str(
        r#"{"version": 1, "own": [{"id": "own-1", "text": "First?", "topic": "treatment"}],
            "items": {"own-1": {"starred": true, "answer": "the first answer"}}}"#,
    )
    .unwrap();
    let id = state.add_own("Second?", "treatment").unwrap();
    assert_ne!(id, "own-1");
    assert!(
        !state.items.contains_key(&id),
        "the new question inherits nothing"
    );
}

#[test]
fn item15_leftover_temporary_files_are_removed_from_exports_and_beside_output() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let exports = data(&config).join("exports");
    fs::create_dir(&exports).unwrap();
    let out_dir = d.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    // As a kill during the flush to disk leaves them, an hour ago.
    for dir in [&exports, &out_dir] {
        let f = dir.join(".her2prep-AbC123.tmp");
        fs::write(&f, "half").unwrap();
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    // One being written right now by another export is left alone.
    fs::write(out_dir.join(".her2prep-Fresh1.tmp"), "in progress").unwrap();
    let o = run_in(&config, d.path(), &["export", "-o", "out/list.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(leftovers(&out_dir), [".her2prep-Fresh1.tmp"]);
    // The app's start (it holds the lock) cleans the exports folder.
    let mut s = Session::start(&config);
    s.wait_for("Your questions");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    assert!(leftovers(&exports).is_empty(), "{:?}", leftovers(&exports));
}

#[test]
fn item16_a_newline_in_a_folder_name_cannot_forge_a_check_bank_line() {
    let d = tempfile::tempdir().unwrap();
    let evil = d.path().join("x\nThe bank is valid: 999 questions");
    fs::create_dir(&evil).unwrap();
    let o = run_in(d.path(), d.path(), &["check-bank", evil.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        !all.lines().any(|l| l.starts_with("The bank is valid")),
        "{all}"
    );
}

#[test]
fn item16_a_huge_version_number_is_named_as_such_not_as_bad_yaml() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("v.yaml"), "version: 18446744073709551616\n").unwrap();
    let o = run_in(
        d.path(),
        d.path(),
        &["export", "--profile", "v.yaml", "-o", "-"],
    );
    let e = stderr(&o);
    assert!(
        !e.contains("not valid YAML") && e.contains("a number too large to be read on line 1"),
        "{e}"
    );
}

#[test]
fn item16_a_folder_moved_aside_stays_enterable_and_no_os_error_leaks() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let state = data(&config).join("checklist.json");
    fs::create_dir(&state).unwrap();
    fs::write(state.join("note.txt"), "mine").unwrap();
    let mut s = Session::start(&config);
    s.wait_for("Your questions");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    let aside = fs::read_dir(data(&config))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("checklist.json.unreadable-"))
        .expect("moved aside");
    assert_eq!(fs::metadata(&aside).unwrap().mode() & 0o777, 0o700);
    assert_eq!(fs::read_to_string(aside.join("note.txt")).unwrap(), "mine");
    let o = run_in(
        &config,
        d.path(),
        &["export", "--profile", "missing.yaml", "-o", "-"],
    );
    assert!(!stderr(&o).contains("os error"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("missing.yaml: it does not exist."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn item16_invisible_characters_and_whole_escape_sequences_are_removed_from_exports() {
    let d = tempfile::tempdir().unwrap();
    // YAML escapes: a zero-width space, U+061C, two TAG characters, and colour sequences.
    let name = r"Ro\u200Bsa\u061C\U000E0041\U000E0042 \e[31mLee\e[0m";
    fs::write(
        d.path().join("me.yaml"),
        PROFILE.replace("name: Rosa", &format!("name: \"{name}\"")),
    )
    .unwrap();
    let o = run_in(
        d.path(),
        d.path(),
        &[
            "export",
            "--profile",
            "me.yaml",
            "--format",
            "text",
            "-o",
            "-",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("Rosa Lee"), "{out}");
    assert!(!out.contains("[31m") && !out.contains("[0m"), "{out}");
    assert!(
        !out.chars()
            .any(|c| matches!(c, '\u{200B}' | '\u{061C}' | '\u{E0000}'..='\u{E007F}'))
    );
}

#[test]
fn item16_json_writes_terminal_controls_as_escapes() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    // A hand-edited checklist: the answer holds the characters as JSON escapes.
    let mut state = her2prep::state::State::default();
    state.set_answer("goal-of-treatment", "MARKER").unwrap();
    let text = serde_json::to_string(&state)
        .unwrap()
        .replace("MARKER", r"a\u202eb\u0085c\u009bd\u007fe");
    fs::write(data(&config).join("checklist.json"), text).unwrap();
    let o = run_in(
        &config,
        d.path(),
        &["export", "--all", "--format", "json", "-o", "-"],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.chars()
            .any(|c| matches!(c, '\u{202E}' | '\u{85}' | '\u{9b}' | '\u{7f}')),
        "raw controls in the JSON"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let answers: Vec<_> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["answer"].as_str())
        .filter(|a| a.starts_with('a') && a.ends_with('e'))
        .collect();
    assert_eq!(answers.len(), 1, "the answer is exported");
}

#[test]
fn item16_markdown_escapes_bare_links_and_addresses_in_user_text() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("me.yaml"),
        PROFILE.replace(
            "name: Rosa",
            "name: \"Rosa https://evil.example www.evil.example rosa@evil.example\"",
        ),
    )
    .unwrap();
    let o = run_in(
        d.path(),
        d.path(),
        &[
            "export",
            "--profile",
            "me.yaml",
            "--format",
            "markdown",
            "-o",
            "-",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("https\\://evil.example"), "{out}");
    assert!(out.contains("www\\.evil.example"), "{out}");
    assert!(out.contains("rosa\\@evil.example"), "{out}");
    assert!(!out.contains("https://evil"), "{out}");
}

// What the closing note of the second round left open: links planted as the data folder's
// own files, every signal that ends a program, and the "written by her2prep" marker.

/// A file an attacker would like her2prep to write YAML into.
fn victim_file(dir: &Path) -> PathBuf {
    let v = dir.join("bashrc");
    fs::write(&v, "alias ll='ls -l'\n").unwrap();
    v
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn links_planted_as_the_profile_or_checklist_are_never_written_or_read_through_the_library() {
    use her2prep::storage::Paths;
    let d = tempfile::tempdir().unwrap();
    let paths = Paths::at(d.path().join("data"));
    paths.ensure_dir(&paths.dir).unwrap();
    let victim = victim_file(d.path());
    for file in [paths.profile(), paths.state()] {
        symlink(&victim, &file).unwrap();
        let saved = if file == paths.profile() {
            paths.save_profile(&her2prep::profile::Profile::from_yaml(PROFILE).unwrap())
        } else {
            paths.save_state(&her2prep::state::State::default())
        };
        let said = saved.unwrap_err().to_string();
        assert!(
            said.contains("because it is a symbolic link (to ")
                && said.contains("I have not touched the file it points to")
                && said.contains(&format!("rm {}", file.display())),
            "{said}"
        );
        let loaded = if file == paths.profile() {
            paths.load_profile().map(|_| ()).unwrap_err().to_string()
        } else {
            paths.load_state().map(|_| ()).unwrap_err().to_string()
        };
        assert!(loaded.contains("is a symbolic link"), "{loaded}");
        assert!(
            fs::symlink_metadata(&file)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // Nothing moved aside, no temporary file left, the victim as it was.
        assert_eq!(names_in(&paths.dir).len(), 1, "{:?}", names_in(&paths.dir));
        assert_eq!(fs::read_to_string(&victim).unwrap(), "alias ll='ls -l'\n");
        fs::remove_file(&file).unwrap();
    }
    // A pipe planted where the checklist is saved: refused at once, nothing written into it.
    fifo(&paths.state());
    let said = paths
        .save_state(&her2prep::state::State::default())
        .unwrap_err()
        .to_string();
    assert!(
        said.contains("a pipe is there instead of an ordinary file"),
        "{said}"
    );
    // The refusals change nothing: with the link gone, saving works as before.
    fs::remove_file(paths.state()).unwrap();
    paths
        .save_state(&her2prep::state::State::default())
        .unwrap();
    assert!(fs::symlink_metadata(paths.state()).unwrap().is_file());
}

#[test]
fn links_planted_as_the_profile_or_checklist_are_refused_by_export_and_the_app() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    saved_profile(&config);
    let profile = data(&config).join("profile.yaml");
    // The link points at a valid profile, so following it would have "worked".
    let elsewhere = d.path().join("elsewhere.yaml");
    fs::write(&elsewhere, PROFILE).unwrap();
    fs::remove_file(&profile).unwrap();
    symlink(&elsewhere, &profile).unwrap();
    let o = run_in(&config, d.path(), &["export", "-o", "out.html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        words(&stderr(&o)).contains("profile.yaml because it is a symbolic link (to "),
        "{}",
        stderr(&o)
    );
    assert!(!d.path().join("out.html").exists());

    // The app: it says so, saves nothing (not even on SIGTERM), and leaves link and file alone.
    let mut s = Session::sized(&config, 30, 250);
    s.wait_for_words("is a symbolic link");
    s.wait_for_words("nothing will be saved this time");
    s.signal("TERM");
    assert_eq!(s.exit_code(), 143);
    assert!(
        fs::symlink_metadata(&profile)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), PROFILE);
    // Only the lock (stale once the process is gone) was added.
    assert_eq!(names_in(&data(&config)), ["her2prep.lock", "profile.yaml"]);

    // checklist.json linked to a shell start-up file: the app starts with the profile, types
    // an answer and is ended; the start-up file gets no JSON.
    fs::remove_file(&profile).unwrap();
    fs::write(&profile, PROFILE).unwrap();
    let victim = victim_file(d.path());
    symlink(&victim, data(&config).join("checklist.json")).unwrap();
    let mut s = Session::sized(&config, 30, 250);
    s.wait_for_words("nothing will be saved this time");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys("typed into a linked checklist");
    s.wait_for("typed into a linked checklist");
    std::thread::sleep(Duration::from_millis(800)); // past the pause that saves
    s.signal("TERM");
    assert_eq!(s.exit_code(), 143);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "alias ll='ls -l'\n");
    assert!(
        fs::symlink_metadata(data(&config).join("checklist.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// The app with an answer being typed is sent `sig`; it must exit 128 + `n` with the typing
/// saved and the terminal back in line mode on the normal screen.
fn ends_saved(sig: &str, n: i32) {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    let typed = format!("typed before {sig}");
    let mut s = typed_in_an_answer(&config, &typed);
    s.signal(sig);
    assert_eq!(s.exit_code() as i32, 128 + n, "{sig}");
    let saved = fs::read_to_string(data(&config).join("checklist.json")).unwrap();
    assert!(saved.contains(&typed), "{sig}: {saved}");
    assert!(!raw(&s), "{sig}: the terminal is back in line mode");
    wait_until("back on the normal screen", || {
        !s.screen.lock().unwrap().screen().alternate_screen()
    });
}

#[test]
fn item12_every_other_signal_that_ends_a_program_saves_and_restores_too() {
    // `man 7 signal`: every signal whose default is to end the process (Term or Core) that a
    // program may catch, beyond SIGTERM/HUP/INT (tests/ui_pty.rs) and QUIT/USR1/USR2/ALRM
    // above. SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT are faults of the program itself and
    // SIGKILL and SIGSTOP cannot be caught (docs/reliability.md).
    let mut cases: Vec<(String, i32)> = [
        ("VTALRM", libc::SIGVTALRM),
        ("PROF", libc::SIGPROF),
        ("XCPU", libc::SIGXCPU),
        ("SYS", libc::SIGSYS),
        ("TRAP", libc::SIGTRAP),
        ("STKFLT", libc::SIGSTKFLT),
        ("PWR", libc::SIGPWR),
        ("IO", libc::SIGIO),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), *v))
    .collect();
    // Real-time signals, given by number (kill knows them as RTMIN+n).
    for rt in [libc::SIGRTMIN(), libc::SIGRTMIN() + 5, libc::SIGRTMAX()] {
        cases.push((rt.to_string(), rt));
    }
    for (sig, n) in &cases {
        ends_saved(sig, *n);
    }
}

#[test]
fn item12_sigpipe_and_sigxfsz_sent_to_the_app_change_nothing() {
    // Both are ignored (a write then fails and is said): the app keeps running and typing.
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    let mut s = typed_in_an_answer(&config, "before");
    s.signal("PIPE");
    s.signal("XFSZ");
    s.keys(" and after");
    s.wait_for("before and after");
    assert!(s.running());
    assert!(raw(&s));
    s.signal("TERM");
    assert_eq!(s.exit_code(), 143);
    let saved = fs::read_to_string(data(&config).join("checklist.json")).unwrap();
    assert!(saved.contains("before and after"), "{saved}");
}

/// `export --profile me.yaml -o NAME` in `dir`.
fn export_to(config: &Path, dir: &Path, name: &str) -> Output {
    run_in(config, dir, &["export", "--profile", "me.yaml", "-o", name])
}

#[test]
fn item13_a_forged_marker_never_gets_a_file_replaced_without_force() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    fs::write(d.path().join("me.yaml"), PROFILE).unwrap();
    let forged =
        "my own notes\nMade with her2prep on 2026-01-01. Everything stays on this computer.\n";
    let refused = |name: &str, why: &str| {
        let o = export_to(&config, d.path(), name);
        assert_eq!(o.status.code(), Some(1), "{why}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("was not written by her2prep; I don't replace it. Add --force"),
            "{why}: {}",
            stderr(&o)
        );
    };
    // A link (say planted in a shared folder) to a file of the person's that ends with the
    // marker line: the link is not the person's export, whatever it points to.
    let victim = d.path().join("notes.txt");
    fs::write(&victim, forged).unwrap();
    symlink(&victim, d.path().join("list.html")).unwrap();
    refused("list.html", "a link");
    assert_eq!(fs::read_to_string(&victim).unwrap(), forged);
    // The marker anywhere but where her2prep puts it (a mail quoting an export's last line).
    let mail = "From: someone\nMade with her2prep on 2026-01-01. Everything stays on this computer.\nMore text after it.\n";
    fs::write(d.path().join("mail.txt"), mail).unwrap();
    refused("mail.txt", "the marker in the middle");
    assert_eq!(fs::read_to_string(d.path().join("mail.txt")).unwrap(), mail);
    // A second name (hard link) of an export: replacing it would change the other file too.
    assert!(export_to(&config, d.path(), "mine.html").status.success());
    fs::hard_link(d.path().join("mine.html"), d.path().join("other.html")).unwrap();
    refused("other.html", "a hard link");
    // Another user's file ending with the marker (as root, where a file can be given away).
    let theirs = d.path().join("theirs.txt");
    fs::write(&theirs, forged).unwrap();
    if Command::new("chown")
        .args(["65534", theirs.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success())
    {
        refused("theirs.txt", "another user's file");
        assert_eq!(fs::read_to_string(&theirs).unwrap(), forged);
    }
    // Its own exports, in every format, are still replaced without --force.
    for format in ["html", "markdown", "text", "json"] {
        let name = format!("own.{format}");
        for _ in 0..2 {
            let o = run_in(
                &config,
                d.path(),
                &[
                    "export",
                    "--profile",
                    "me.yaml",
                    "--format",
                    format,
                    "-o",
                    &name,
                ],
            );
            assert!(o.status.success(), "{format}: {}", stderr(&o));
        }
    }
    // And --force still replaces what the person names (through the link: the file it
    // points to, the link kept).
    let o = run_in(
        &config,
        d.path(),
        &[
            "export",
            "--profile",
            "me.yaml",
            "-o",
            "list.html",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(&victim).unwrap().contains("<html"));
}
