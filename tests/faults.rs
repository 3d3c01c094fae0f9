//! Faults: a full disk (a tiny tmpfs when we may mount one, a file-size limit in a child
//! process, /dev/full), a read-only or unusable config folder, and no home folder. Each fails
//! in plain words, keeps the previous file whole and leaves no temporary file behind. In the
//! interactive app, a full disk leaves the app running with the edit still on screen.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use her2prep::state::State;
use her2prep::storage::{Loaded, Paths};

#[path = "support/pty.rs"]
mod pty;
use pty::{BIN, ENTER, ESC, Session};

const PROFILE: &str = "name: Rosa\ner: positive\npr: positive\nher2: {ihc: \"1+\"}\nstage: II\n";

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);
impl Mount {
    fn tmpfs(at: &Path, options: &str) -> Option<Mount> {
        fs::create_dir_all(at).unwrap();
        let ok = is_root()
            && Command::new("mount")
                .args(["-t", "tmpfs", "-o", options, "tmpfs"])
                .arg(at)
                .output()
                .is_ok_and(|o| o.status.success());
        ok.then(|| Mount(at.to_path_buf()))
    }
}
impl Drop for Mount {
    fn drop(&mut self) {
        // Lazily: a failed test may have left a program running in it.
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

fn big_state() -> State {
    let mut s = State::default();
    s.set_answer(
        "goal",
        &"The answer I typed in the appointment. ".repeat(5_000),
    )
    .unwrap();
    s
}

fn small_state() -> State {
    let mut s = State::default();
    s.set_answer("goal", "Cure, and keep working.").unwrap();
    s
}

/// Saving into a full disk: the error says so, the previous file is whole, no temp file
/// is left, the unsaved edit is still in memory, and once there is room again it saves.
fn check_full_disk_save(paths: &Paths) -> String {
    paths.save_state(&small_state()).unwrap();
    let edited = big_state();
    let err = paths.save_state(&edited).unwrap_err().to_string();
    assert!(
        matches!(paths.load_state().unwrap(), Loaded::Found(s) if s == small_state()),
        "the previous file is intact"
    );
    assert_eq!(names(&paths.dir), ["checklist.json"], "no temp file left");
    assert_eq!(edited, big_state(), "the edit is still there to retry");
    err
}

#[test]
fn a_full_tmpfs_fails_in_plain_words_and_keeps_the_previous_file() {
    let d = tempfile::tempdir().unwrap();
    let Some(_m) = Mount::tmpfs(&d.path().join("disk"), "size=64k,mode=0700") else {
        println!(
            "skipped: cannot mount a tmpfs here (needs root); the file-size-limit variant still runs"
        );
        return;
    };
    let paths = Paths::at(d.path().join("disk/her2prep"));
    let err = check_full_disk_save(&paths);
    assert!(err.contains("because the disk is full"), "{err}");
    assert!(err.contains("checklist.json"), "says which file: {err}");
    println!("full tmpfs: {err}");

    // The export command on the same full disk: clear message, exit 1, nothing left behind.
    let profile = d.path().join("profile.yaml");
    fs::write(&profile, PROFILE).unwrap();
    // Fill what is left of the disk (the write stops at the last byte).
    fs::write(paths.dir.join("filler"), vec![0u8; 64 * 1024]).ok();
    let out_file = d.path().join("disk/checklist.html");
    let out = Command::new(BIN)
        .args(["export", "--profile"])
        .arg(&profile)
        .arg("--output")
        .arg(&out_file)
        .env("XDG_CONFIG_HOME", d.path().join("config"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("because the disk is full"), "{stderr}");
    assert!(!out_file.exists());
    assert_eq!(names(&d.path().join("disk")), ["her2prep"]);

    // The default place (the exports folder) on the full disk: the message offers --output.
    let out = Command::new(BIN)
        .args(["export", "--profile"])
        .arg(&profile)
        .env("XDG_CONFIG_HOME", d.path().join("disk"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("because the disk is full. Use --output to choose another place."),
        "{stderr}"
    );
    let exports = paths.exports();
    assert!(
        !exports.exists() || names(&exports).is_empty(),
        "no partial export"
    );
    assert!(
        matches!(paths.load_state().unwrap(), Loaded::Found(s) if s == small_state()),
        "the checklist is still intact"
    );
}

/// Run in a child with a 64-block file-size limit, ignoring SIGXFSZ as the program does at its
/// start (`storage::ignore_file_size_signal`), so a big write fails with EFBIG half-way.
#[test]
fn file_size_limit_child() {
    let Some(dir) = std::env::var_os("HER2PREP_FSIZE_CHILD") else {
        return;
    };
    her2prep::storage::ignore_file_size_signal();
    let err = check_full_disk_save(&Paths::at(dir));
    println!("MESSAGE {err}");
}

#[test]
fn a_write_cut_short_by_a_file_size_limit_keeps_the_previous_file() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("her2prep");
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 64 && exec \"$0\" --exact file_size_limit_child --nocapture")
        .arg(std::env::current_exe().unwrap())
        .env("HER2PREP_FSIZE_CHILD", &dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = stdout
        .lines()
        .find_map(|l| l.split_once("MESSAGE ").map(|(_, m)| m))
        .expect("message");
    assert!(
        msg.starts_with("I could not write ")
            && msg.contains("checklist.json")
            && msg.ends_with("because the file would be larger than this system allows."),
        "{msg}"
    );
}

fn run(args: &[&str], env: &[(&str, &Path)], clear_home: bool) -> Output {
    let mut c = Command::new(BIN);
    c.args(args);
    if clear_home {
        c.env_remove("HOME").env_remove("XDG_CONFIG_HOME");
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn dev_full_export_fails_in_plain_words_and_leaves_the_device_alone() {
    let d = tempfile::tempdir().unwrap();
    let profile = d.path().join("p.yaml");
    fs::write(&profile, PROFILE).unwrap();
    let p = profile.to_str().unwrap();
    let cfg = d.path().join("config");
    let out = run(
        &[
            "export",
            "--profile",
            p,
            "--format",
            "text",
            "--output",
            "/dev/full",
        ],
        &[("XDG_CONFIG_HOME", &cfg)],
        false,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr.trim(),
        "her2prep: I could not write /dev/full because the disk is full."
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device(),
        "/dev/full was not replaced by a file"
    );
    // Writing to a device works too (it is written to, not replaced). (Skipped when something
    // else on this machine has already replaced /dev/null with a file.)
    if !fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device()
    {
        println!("skipped the /dev/null part: /dev/null is not a device on this machine");
        return;
    }
    let out = run(
        &[
            "export",
            "--profile",
            p,
            "--format",
            "text",
            "--output",
            "/dev/null",
        ],
        &[("XDG_CONFIG_HOME", &cfg)],
        false,
    );
    assert!(out.status.success());
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn an_unusable_config_folder_is_explained_and_export_to_a_path_still_works() {
    let d = tempfile::tempdir().unwrap();
    let profile = d.path().join("p.yaml");
    fs::write(&profile, PROFILE).unwrap();
    let p = profile.to_str().unwrap();
    // A config "folder" that is a file: nothing can be created in it (works as root too).
    let blocked = d.path().join("not-a-folder");
    fs::write(&blocked, "").unwrap();
    let env = [("XDG_CONFIG_HOME", blocked.as_path())];
    let out = run(&["export", "--profile", p], &env, false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("I could not create the folder")
            && stderr.contains("part of that path is a file, not a folder")
            && stderr.contains("Use --output to choose another place."),
        "{stderr}"
    );
    let target = d.path().join("out.md");
    let out = run(
        &[
            "export",
            "--profile",
            p,
            "--format",
            "markdown",
            "--output",
            target.to_str().unwrap(),
        ],
        &env,
        false,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::read_to_string(&target).unwrap().contains("Rosa"));
    assert_eq!(
        fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // A read-only config folder (a read-only tmpfs, when we may mount one).
    let ro = d.path().join("ro");
    match Mount::tmpfs(&ro, "ro,size=16k") {
        None => println!("skipped read-only mount variant: cannot mount a tmpfs here"),
        Some(_m) => {
            let env = [("XDG_CONFIG_HOME", ro.as_path())];
            let out = run(&["export", "--profile", p], &env, false);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1));
            assert!(
                stderr.contains("because the disk is read-only.")
                    && stderr.contains("Use --output to choose another place."),
                "{stderr}"
            );
            let msg = Paths::at(ro.join("her2prep"))
                .lock()
                .unwrap_err()
                .to_string();
            assert!(msg.contains("because the disk is read-only"), "{msg}");
            let out = run(
                &[
                    "export",
                    "--profile",
                    p,
                    "--output",
                    target.to_str().unwrap(),
                ],
                &env,
                false,
            );
            assert!(out.status.success());
        }
    }
}

#[test]
fn no_home_folder_is_explained_and_export_to_a_path_still_works() {
    // Without HOME, the home folder comes from the user database; a user with no entry
    // there (a container's numeric user) has none at all. Needs root to switch user.
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        println!("skipped: needs root and setpriv to run as a user with no home");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let profile = d.path().join("p.yaml");
    fs::write(&profile, PROFILE).unwrap();
    fs::set_permissions(&profile, fs::Permissions::from_mode(0o644)).unwrap();
    // A copy of the program the other user can surely reach (the build folder may not be).
    let bin = d.path().join("her2prep");
    fs::copy(BIN, &bin).unwrap();
    fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
    let as_nobody = |args: &[&str], xdg: Option<&str>| {
        let mut c = Command::new("setpriv");
        c.args(["--reuid", "54321", "--regid", "54321", "--clear-groups"])
            .arg(&bin)
            .args(args)
            .env_remove("HOME")
            .env_remove("XDG_CONFIG_HOME")
            .current_dir(d.path());
        if let Some(x) = xdg {
            c.env("XDG_CONFIG_HOME", x);
        }
        c.output().unwrap()
    };
    let p = profile.to_str().unwrap();
    for xdg in [None, Some("relative/config")] {
        for args in [
            vec!["paths"],
            vec!["export", "--profile", p],
            vec!["forget", "--yes"],
        ] {
            let out = as_nobody(&args, xdg);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert_eq!(
                stderr.trim(),
                "her2prep: I could not find a folder to keep your checklist in (no home folder is set). Set HOME or XDG_CONFIG_HOME, or export to a file with --output.",
                "{args:?} {xdg:?}"
            );
        }
        let target = d.path().join("out.txt");
        let out = as_nobody(
            &[
                "export",
                "--profile",
                p,
                "--format",
                "text",
                "--output",
                target.to_str().unwrap(),
            ],
            xdg,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(fs::read_to_string(&target).unwrap().contains("Rosa"));
        fs::remove_file(&target).unwrap();
    }
}

/// `write_atomic` is what `--output FILE` uses: a link the person names is followed (with
/// `--force` when it is not their own export). The data folder's own files are never written
/// through a link (`Paths::save_state` and `save_profile` refuse one): see
/// `links_planted_as_the_profile_or_checklist_…` in tests/hardening.rs.
#[test]
fn a_save_through_a_symbolic_link_replaces_the_file_it_points_to_and_keeps_the_link() {
    let d = tempfile::tempdir().unwrap();
    let real = d.path().join("real.txt");
    fs::write(&real, "old").unwrap();
    let link = d.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    her2prep::storage::write_atomic(&link, b"new").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    assert_eq!(names(d.path()), ["link.txt", "real.txt"]);
}

/// Puts a saved profile and a checklist with a long answer (4 KB) in `data`, and returns the
/// checklist file's bytes.
fn saved_data(data: &Path) -> Vec<u8> {
    let paths = Paths::at(data);
    paths.ensure_dir(data).unwrap();
    fs::write(paths.profile(), PROFILE).unwrap();
    let mut state = State::default();
    state
        .set_answer(
            "goal-of-treatment",
            &"The answer written at the last visit. ".repeat(100),
        )
        .unwrap();
    paths.save_state(&state).unwrap();
    fs::read(paths.state()).unwrap()
}

/// Opens the first question's answer and types into it; the save after the pause fails with
/// `why`. The app keeps running with the edit on screen, the saved file is untouched, and a
/// first q does not close.
fn edit_on_a_full_disk(s: &mut Session, data: &Path, before: &[u8], why: &str) {
    s.wait_for("Your questions");
    s.keys(ENTER);
    s.wait_for("The answer, or notes");
    s.keys(" FullDiskNote");
    s.wait_for_words(&format!("Not saved: I could not write {}", data.display()));
    s.wait_for_words(why);
    s.wait_for_words("Your work is still on screen");
    s.wait_for_words("FullDiskNote");
    assert_eq!(fs::read(data.join("checklist.json")).unwrap(), before);
    // Still working: back to the list.
    s.keys(ESC);
    s.wait_for("About this question");
    s.keys("q");
    s.wait_for_words("Press q again to close and lose your last changes");
    assert!(s.running(), "a first q does not lose the edit");
    assert_eq!(fs::read(data.join("checklist.json")).unwrap(), before);
}

#[test]
fn the_app_on_a_full_tmpfs_keeps_running_and_saves_once_there_is_room() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    let data = config.join("her2prep");
    let Some(_m) = Mount::tmpfs(&data, "size=64k,mode=0700") else {
        println!(
            "skipped: cannot mount a tmpfs here (needs root); the file-size-limit variant still runs"
        );
        return;
    };
    let before = saved_data(&data);
    let mut s = Session::sized(&config, 40, 120);
    s.wait_for("Your questions");
    // Fill the disk to the last byte.
    let filler = data.join("filler");
    assert!(fs::write(&filler, vec![b'x'; 128 * 1024]).is_err());
    edit_on_a_full_disk(&mut s, &data, &before, "because the disk is full.");
    // Room again: the next change saves everything, and says so.
    fs::remove_file(&filler).unwrap();
    s.keys(" ");
    s.wait_for("Saved again.");
    let saved = fs::read_to_string(data.join("checklist.json")).unwrap();
    assert!(saved.contains("FullDiskNote"), "{saved}");
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.wait_for_words("Everything is saved in");
}

#[test]
fn the_app_past_a_file_size_limit_keeps_running_and_closes_only_when_asked_twice() {
    let d = tempfile::tempdir().unwrap();
    let config = d.path().join("config");
    let data = config.join("her2prep");
    let before = saved_data(&data);
    // The checklist file is bigger than the limit, so every save of it fails half-way (the
    // profile and the lock file are smaller, and still save).
    let cmd = pty::command(
        &config,
        // The real signal: no `trap '' XFSZ` (the program ignores it itself).
        ["sh", "-c", "ulimit -f 2 && exec \"$0\"", BIN],
    );
    let mut s = Session::spawn(cmd, 40, 120);
    edit_on_a_full_disk(
        &mut s,
        &data,
        &before,
        "because the file would be larger than this system allows.",
    );
    s.keys("q");
    assert_eq!(s.exit_code(), 0);
    s.wait_for_words("her2prep: your last changes were not saved. I could not write");
    assert_eq!(fs::read(data.join("checklist.json")).unwrap(), before);
    let mut left = names(&data);
    left.retain(|n| n.starts_with('.'));
    assert!(left.is_empty(), "no temporary file left behind: {left:?}");
}
