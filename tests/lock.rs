//! Two instances at once: the data-folder lock refuses a second owner in plain words, is
//! released on drop, takes over a lock whose owner is gone, and of many starts racing for a
//! stale lock exactly one wins.

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use her2prep::lock::LockError;
use her2prep::storage::Paths;

fn temp() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::at(dir.path().join("her2prep"));
    (dir, paths)
}

#[test]
fn a_second_lock_is_refused_while_the_first_is_held() {
    let (_d, paths) = temp();
    let first = paths.lock().unwrap();
    assert_eq!(
        fs::metadata(first.path()).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        fs::metadata(&paths.dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let err = paths.lock().unwrap_err();
    let LockError::Held { pid, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*pid, Some(std::process::id()));
    let msg = err.to_string();
    assert!(
        msg.contains("Another her2prep window is already open")
            && msg.contains(&format!("(process {}, started ", std::process::id()))
            && msg.contains("Close that window first"),
        "{msg}"
    );
    drop(first);
    assert!(!paths.lock_file().exists(), "released on drop");
    let again = paths.lock().unwrap();
    drop(again);
}

/// The child: takes the lock, says so, and waits to be killed.
#[test]
fn lock_holder_child() {
    let Some(dir) = std::env::var_os("HER2PREP_LOCK_CHILD") else {
        return;
    };
    let _lock = Paths::at(dir).lock().unwrap();
    println!("locked");
    std::thread::sleep(std::time::Duration::from_secs(60));
}

/// Starts `lock_holder_child` on the folder and waits until it holds the lock.
fn lock_holder(paths: &Paths) -> std::process::Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "lock_holder_child", "--nocapture"])
        .env("HER2PREP_LOCK_CHILD", &paths.dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("locked") {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "child ended");
    }
    child
}

#[test]
fn another_process_holding_the_lock_is_refused_and_its_stale_lock_taken_over() {
    let (_d, paths) = temp();
    let mut child = lock_holder(&paths);
    match paths.lock() {
        Err(LockError::Held { pid, .. }) => assert_eq!(pid, Some(child.id())),
        other => panic!("expected the child's lock to hold: {other:?}"),
    }
    // The holder is killed (no chance to clean up): its lock is stale and taken over.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(paths.lock_file().exists(), "the killed child left its lock");
    let lock = paths.lock().expect("a dead process's lock is taken over");
    assert!(
        fs::read_to_string(lock.path())
            .unwrap()
            .starts_with(&format!("pid={}\n", std::process::id()))
    );
}

#[test]
fn stale_damaged_and_rebooted_locks_are_taken_over() {
    let (_d, paths) = temp();
    paths.ensure_dir(&paths.dir).unwrap();
    for (what, text) in [
        (
            "dead process",
            "pid=4194303\nstarted=2026-11-20T10:00:00Z\n".to_string(),
        ),
        ("empty", String::new()),
        // The system lock decides, not the process id: a running process (init) that does not
        // hold the lock does not own the data.
        (
            "unlocked, naming a running process",
            "pid=1\nstarted=2026-11-20T10:00:00Z\n".to_string(),
        ),
        ("garbage", "\u{0}\u{1}not a lock".to_string()),
        (
            "before a restart",
            format!(
                "pid={}\nstarted=2026-11-20T10:00:00Z\nboot_id=some-earlier-boot\n",
                std::process::id()
            ),
        ),
    ] {
        if what == "before a restart"
            && !std::path::Path::new("/proc/sys/kernel/random/boot_id").exists()
        {
            continue;
        }
        fs::write(paths.lock_file(), &text).unwrap();
        let lock = paths.lock().unwrap_or_else(|e| panic!("{what}: {e}"));
        drop(lock);
        assert!(!paths.lock_file().exists(), "{what}");
    }
}

#[test]
fn a_lock_someone_else_took_over_is_not_removed_by_the_old_owner() {
    let (_d, paths) = temp();
    let lock = paths.lock().unwrap();
    let theirs = "pid=1\nstarted=2026-11-20T10:00:00Z\n";
    fs::write(paths.lock_file(), theirs).unwrap();
    drop(lock);
    assert_eq!(fs::read_to_string(paths.lock_file()).unwrap(), theirs);

    // Replaced by another file (same words, another file): not ours either.
    let lock = paths.lock().unwrap();
    let ours = fs::read_to_string(lock.path()).unwrap();
    let other = paths.dir.join("other");
    fs::write(&other, &ours).unwrap();
    fs::rename(&other, paths.lock_file()).unwrap();
    drop(lock);
    assert_eq!(fs::read_to_string(paths.lock_file()).unwrap(), ours);
}

/// The racing child: waits for the start signal, tries the lock, says how it went, and keeps
/// what it won until its input closes.
#[test]
fn lock_racer_child() {
    let Some(dir) = std::env::var_os("HER2PREP_LOCK_RACER") else {
        return;
    };
    let paths = Paths::at(dir);
    let go = paths.dir.join("go");
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let lock = paths.lock();
    match &lock {
        Ok(_) => println!("won"),
        Err(LockError::Held { .. }) => println!("refused"),
        Err(e) => println!("failed: {e}"),
    }
    let mut rest = String::new();
    let _ = std::io::stdin().read_line(&mut rest);
    drop(lock);
}

#[test]
fn of_several_starts_racing_for_a_stale_lock_exactly_one_wins() {
    const ROUNDS: usize = 25;
    const RACERS: usize = 6;
    let (_d, paths) = temp();
    paths.ensure_dir(&paths.dir).unwrap();
    for round in 0..ROUNDS {
        // Left by a process that is gone.
        fs::write(
            paths.lock_file(),
            "pid=4194303\nstarted=2026-11-20T10:00:00Z\n",
        )
        .unwrap();
        let _ = fs::remove_file(paths.dir.join("go"));
        let mut racers: Vec<_> = (0..RACERS)
            .map(|_| {
                Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", "lock_racer_child", "--nocapture"])
                    .env("HER2PREP_LOCK_RACER", &paths.dir)
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        fs::write(paths.dir.join("go"), "").unwrap();
        let mut said = Vec::new();
        // Kept open until the racers end: they still print when they finish.
        let mut outs = Vec::new();
        for racer in &mut racers {
            outs.push(BufReader::new(racer.stdout.take().unwrap()));
            let out = outs.last_mut().unwrap();
            let mut line = String::new();
            while !["won", "refused", "failed"]
                .iter()
                .any(|w| line.starts_with(w))
            {
                line.clear();
                assert!(out.read_line(&mut line).unwrap() > 0, "a racer ended");
            }
            said.push(line.trim().to_string());
        }
        let winners = said.iter().filter(|s| *s == "won").count();
        assert_eq!(winners, 1, "round {round}: {said:?}");
        assert!(
            said.iter().all(|s| s == "won" || s == "refused"),
            "{said:?}"
        );
        for mut racer in racers {
            drop(racer.stdin.take());
            assert!(racer.wait().unwrap().success());
        }
        assert!(
            !paths.lock_file().exists(),
            "the winner released it: {:?}",
            fs::read_to_string(paths.lock_file())
        );
    }
}

#[test]
fn taking_the_lock_clears_what_killed_saves_left_behind() {
    let (_d, paths) = temp();
    paths.ensure_dir(&paths.dir).unwrap();
    fs::write(paths.dir.join(".her2prep-abc123.tmp"), "half a save").unwrap();
    fs::write(paths.dir.join("notes.txt"), "not ours: kept").unwrap();
    let _lock = paths.lock().unwrap();
    let mut names: Vec<String> = fs::read_dir(&paths.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["her2prep.lock", "notes.txt"]);
}

#[test]
fn a_folder_that_cannot_be_made_is_explained() {
    let (d, _) = temp();
    let file = d.path().join("a-file");
    fs::write(&file, "").unwrap();
    let paths = Paths::at(file.join("her2prep"));
    let msg = paths.lock().unwrap_err().to_string();
    assert!(
        msg.starts_with("I could not create the folder") && msg.contains("not a folder"),
        "{msg}"
    );
}

#[test]
fn forget_is_refused_while_another_window_holds_the_lock() {
    let (_d, paths) = temp();
    paths
        .save_state(&her2prep::state::State::default())
        .unwrap();
    let mut child = lock_holder(&paths);
    let msg = paths.forget().unwrap_err().to_string();
    assert!(
        msg.starts_with("I could not delete everything in")
            && msg.contains("another her2prep window is open"),
        "{msg}"
    );
    assert!(paths.state().exists(), "nothing deleted");
    // The command says the same.
    let cfg = paths.dir.parent().unwrap();
    let cli = Command::new(env!("CARGO_BIN_EXE_her2prep"))
        .args(["forget", "--yes"])
        .env("XDG_CONFIG_HOME", cfg)
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&cli.stderr).contains("another her2prep window is open"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        paths.forget().unwrap(),
        "once it is closed (or gone), forget works"
    );
    assert!(!paths.dir.exists());
}

#[test]
fn forget_works_while_this_process_holds_the_lock() {
    let (_d, paths) = temp();
    let lock = paths.lock().unwrap();
    assert!(paths.forget().unwrap());
    assert!(!paths.dir.exists());
    drop(lock); // the file is already gone: nothing to do, no panic
    assert!(!paths.forget().unwrap());
}
