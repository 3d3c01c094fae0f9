//! Privacy: every file private (0600) and every folder 0700 even under a careless umask;
//! no network calls at all (strace); `forget` leaves nothing behind.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use her2prep::profile::Profile;
use her2prep::state::State;
use her2prep::storage::{Paths, write_atomic};

const BIN: &str = env!("CARGO_BIN_EXE_her2prep");

fn mode(p: &Path) -> u32 {
    fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every file and folder under `dir`, with its mode.
fn walk(dir: &Path, out: &mut Vec<(std::path::PathBuf, u32)>) {
    out.push((dir.to_path_buf(), mode(dir)));
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push((p.clone(), mode(&p)));
        }
    }
}

/// The child: writes everything the program writes with umask 000 in force.
#[test]
fn umask_child() {
    let Some(dir) = std::env::var_os("HER2PREP_UMASK_CHILD") else {
        return;
    };
    let paths = Paths::at(dir);
    let _lock = paths.lock().unwrap();
    paths
        .save_profile(&Profile::from_yaml("er: positive").unwrap())
        .unwrap();
    paths.save_state(&State::default()).unwrap();
    paths.ensure_dir(&paths.exports()).unwrap();
    write_atomic(
        &paths.exports().join("her2prep-2026-12-01.html"),
        b"<p>x</p>",
    )
    .unwrap();
    // A damaged file someone made world-readable is kept, moved aside, made private.
    fs::write(paths.profile(), "er: [").unwrap();
    fs::set_permissions(paths.profile(), fs::Permissions::from_mode(0o666)).unwrap();
    assert!(paths.load_profile().unwrap().notice("profile").is_some());
    println!("WROTE");
}

#[test]
fn files_are_0600_and_folders_0700_even_with_umask_000() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("her2prep");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" --exact umask_child --nocapture")
        .arg(std::env::current_exe().unwrap())
        .env("HER2PREP_UMASK_CHILD", &dir)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("WROTE"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut all = Vec::new();
    walk(&dir, &mut all);
    assert!(all.len() >= 5, "{all:?}");
    for (p, m) in &all {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*m, want, "{} is {m:o}", p.display());
    }
    // The export command, under umask 000, with the default place.
    let cfg = d.path().join("config");
    let profile = d.path().join("p.yaml");
    fs::write(&profile, "er: positive\n").unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" export --profile \"$1\" --format text")
        .arg(BIN)
        .arg(&profile)
        .env("XDG_CONFIG_HOME", &cfg)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut all = Vec::new();
    walk(&cfg.join("her2prep"), &mut all);
    assert_eq!(all.len(), 3, "folder, exports folder, export: {all:?}");
    for (p, m) in &all {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*m, want, "{} is {m:o}", p.display());
    }
}

#[test]
fn the_program_makes_no_network_calls() {
    let d = tempfile::tempdir().unwrap();
    let profile = d.path().join("p.yaml");
    fs::write(&profile, "name: Rosa\ner: positive\nstage: II\n").unwrap();
    let p = profile.to_str().unwrap();
    let out_file = d.path().join("out.html");
    let bank = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");
    // The report reader on a pasted-text report and on a PDF (its text layer is read here).
    let report_txt = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reports/01-cap-synoptic-hr-positive.txt"
    );
    let report_pdf = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reports/10-biopsy-vs-excision.pdf"
    );
    let pdf_path = d.path().join("out.pdf");
    let pdf_out = pdf_path.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec![
            "export",
            "--profile",
            p,
            "--output",
            out_file.to_str().unwrap(),
        ],
        vec![
            "export",
            "--profile",
            p,
            "--format",
            "json",
            "--output",
            "-",
        ],
        vec!["export", "--profile", p, "--format", "text"],
        vec![
            "export",
            "--profile",
            p,
            "--format",
            "pdf",
            "--output",
            pdf_out,
        ],
        vec!["export", "--profile", p, "--doctor", "--output", "-"],
        vec!["read-report", report_txt],
        vec!["read-report", report_pdf, "--format", "json"],
        vec!["check-bank", bank],
        vec!["paths"],
        vec!["--help"],
        vec!["forget", "--yes"],
    ];
    let cfg = d.path().join("config");
    let has_strace = Command::new("strace").arg("-V").output().is_ok();
    let can_unshare = Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_strace && !can_unshare {
        println!("skipped: neither strace nor unshare -n is available (.ci/run installs strace)");
        return;
    }
    for args in &runs {
        if has_strace {
            let log = d.path().join("strace.log");
            let out = Command::new("strace")
                .args(["-f", "-qq", "-e", "trace=network", "-o"])
                .arg(&log)
                .arg(BIN)
                .args(args)
                .env("XDG_CONFIG_HOME", &cfg)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let calls = fs::read_to_string(&log).unwrap();
            let calls: Vec<&str> = calls
                .lines()
                // Exits and signals (a child such as pdftotext ending) are not network calls.
                .filter(|l| !l.contains("+++ exited with") && !l.contains(" --- SIG"))
                .collect();
            assert!(calls.is_empty(), "{args:?} made network calls: {calls:#?}");
        }
        if can_unshare {
            // In a network namespace with no interfaces at all, everything still works.
            let out = Command::new("unshare")
                .arg("-n")
                .arg(BIN)
                .args(args)
                .env("XDG_CONFIG_HOME", &cfg)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?} under unshare -n");
        }
    }
    println!(
        "{} commands traced (strace: {has_strace}, unshare -n: {can_unshare}): no network calls",
        runs.len()
    );
}

#[test]
fn forget_removes_every_file_the_program_wrote() {
    let d = tempfile::tempdir().unwrap();
    let cfg = d.path().join("config");
    let paths = Paths::at(cfg.join("her2prep"));
    let profile = d.path().join("p.yaml");
    fs::write(&profile, "er: positive\n").unwrap();
    // Everything there can be: profile, checklist, two exports, moved-aside files, a lock,
    // leftovers of a killed save.
    paths
        .save_profile(&Profile::from_yaml("er: positive").unwrap())
        .unwrap();
    for format in ["text", "html"] {
        let out = Command::new(BIN)
            .args([
                "export",
                "--profile",
                profile.to_str().unwrap(),
                "--format",
                format,
            ])
            .env("XDG_CONFIG_HOME", &cfg)
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    fs::write(paths.state(), "{damaged").unwrap();
    assert!(paths.load_state().unwrap().notice("checklist").is_some());
    paths.save_state(&State::default()).unwrap();
    // The lock of a program that was killed (its process is gone).
    fs::write(
        paths.lock_file(),
        "pid=4194303\nstarted=2026-11-20T10:00:00Z\n",
    )
    .unwrap();
    fs::write(paths.dir.join(".her2prep-x1y2z3.tmp"), "half a save").unwrap();
    let mut all = Vec::new();
    walk(&paths.dir, &mut all);
    assert!(all.len() >= 8, "{all:?}");

    let out = Command::new(BIN)
        .args(["forget", "--yes"])
        .env("XDG_CONFIG_HOME", &cfg)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Deleted everything in "));
    assert!(!paths.dir.exists(), "nothing left");
    assert_eq!(
        fs::read_dir(&cfg).unwrap().count(),
        0,
        "nothing beside it either"
    );
    println!("forget removed {} files and folders", all.len());
}
