//! Storage: atomic private writes, unreadable files moved aside (never overwritten), newer
//! versions refused untouched, and `forget`.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use her2prep::profile::Profile;
use her2prep::state::State;
use her2prep::storage::{Loaded, Paths, StorageError};

fn mode(p: &std::path::Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn temp() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::at(dir.path().join("her2prep"));
    (dir, paths)
}

#[test]
fn saved_files_are_private_and_round_trip() {
    let (_d, paths) = temp();
    let profile = Profile::from_yaml("name: Rosa\ner: positive\nstage: II").unwrap();
    let mut state = State::default();
    state.set_answer("goal", "Cure").unwrap();
    paths.save_profile(&profile).unwrap();
    paths.save_state(&state).unwrap();
    assert_eq!(mode(&paths.dir), 0o700);
    assert_eq!(mode(&paths.profile()), 0o600);
    assert_eq!(mode(&paths.state()), 0o600);
    assert!(matches!(paths.load_profile().unwrap(), Loaded::Found(p) if p == profile));
    assert!(matches!(paths.load_state().unwrap(), Loaded::Found(s) if s == state));
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(&paths.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_loosened_folder_is_made_private_again() {
    let (_d, paths) = temp();
    fs::create_dir_all(&paths.dir).unwrap();
    fs::set_permissions(&paths.dir, fs::Permissions::from_mode(0o755)).unwrap();
    paths.save_state(&State::default()).unwrap();
    assert_eq!(mode(&paths.dir), 0o700);
}

#[test]
fn a_save_replaces_the_file_whole_and_keeps_it_private() {
    let (_d, paths) = temp();
    let mut state = State::default();
    for i in 0..50 {
        state.set_answer("q", &"x".repeat(i * 100)).unwrap();
        paths.save_state(&state).unwrap();
        assert!(matches!(paths.load_state().unwrap(), Loaded::Found(s) if s == state));
    }
    // A file the user's umask made readable by others is replaced by a private one.
    fs::set_permissions(paths.state(), fs::Permissions::from_mode(0o644)).unwrap();
    paths.save_state(&state).unwrap();
    assert_eq!(mode(&paths.state()), 0o600);
}

#[test]
fn corrupt_truncated_empty_and_versionless_state_files_are_moved_aside() {
    for (what, content) in [
        ("corrupt", "{not json"),
        (
            "truncated",
            "{\"version\": 1, \"items\": {\"goal\": {\"answer\": \"Cu",
        ),
        ("empty", ""),
        ("no version", "{\"items\": {}}"),
        ("wrong shape", "[1, 2, 3]"),
        ("binary", "\u{0}\u{1}\u{2}"),
    ] {
        let (_d, paths) = temp();
        fs::create_dir_all(&paths.dir).unwrap();
        fs::write(paths.state(), content).unwrap();
        let loaded = paths.load_state().unwrap();
        let notice = loaded
            .notice("checklist")
            .unwrap_or_else(|| panic!("{what}: not moved aside"));
        let Loaded::MovedAside { to, .. } = loaded else {
            unreachable!()
        };
        assert!(!paths.state().exists(), "{what}");
        assert_eq!(
            fs::read_to_string(&to).unwrap(),
            content,
            "{what}: kept byte for byte"
        );
        assert!(
            notice.contains(&to.display().to_string()),
            "{what}: says where: {notice}"
        );
        // Saving afterwards writes a fresh file and leaves the moved one alone.
        paths.save_state(&State::default()).unwrap();
        assert_eq!(fs::read_to_string(&to).unwrap(), content);
    }
}

#[test]
fn a_hand_edited_profile_with_a_bad_value_is_moved_aside() {
    let (_d, paths) = temp();
    fs::create_dir_all(&paths.dir).unwrap();
    fs::write(paths.profile(), "er: maybe\n").unwrap();
    let loaded = paths.load_profile().unwrap();
    let notice = loaded.notice("profile").unwrap();
    assert!(notice.contains("er: \"maybe\""), "{notice}");
    assert!(!paths.profile().exists());
}

#[test]
fn a_newer_version_is_refused_and_left_untouched() {
    let (_d, paths) = temp();
    fs::create_dir_all(&paths.dir).unwrap();
    let newer = "{\"version\": 99, \"items\": {}, \"future\": true}";
    fs::write(paths.state(), newer).unwrap();
    let err = paths.load_state().unwrap_err();
    assert!(matches!(err, StorageError::TooNew { version: 99, .. }));
    assert!(
        err.to_string().contains("newer version of her2prep"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(paths.state()).unwrap(), newer);
    fs::write(paths.profile(), "version: 7\ner: positive\n").unwrap();
    assert!(matches!(
        paths.load_profile().unwrap_err(),
        StorageError::TooNew { version: 7, .. }
    ));
    assert!(paths.profile().exists());
}

#[test]
fn forget_removes_everything() {
    let (_d, paths) = temp();
    paths.save_profile(&Profile::default()).unwrap();
    paths.save_state(&State::default()).unwrap();
    paths.ensure_dir(&paths.exports()).unwrap();
    fs::write(paths.exports().join("her2prep-2026-12-01.txt"), "x").unwrap();
    assert!(paths.forget().unwrap());
    assert!(!paths.dir.exists());
    assert!(!paths.forget().unwrap(), "nothing left to delete");
}

#[test]
fn a_write_into_a_missing_or_read_only_place_fails_in_plain_words() {
    let (_d, paths) = temp();
    let missing = paths.dir.join("no/such/folder/file.txt");
    let err = her2prep::storage::write_atomic(&missing, b"x").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("I could not write to the folder"),
        "{err}"
    );
    if nix_is_root() {
        return; // root ignores permissions
    }
    fs::create_dir_all(&paths.dir).unwrap();
    fs::set_permissions(&paths.dir, fs::Permissions::from_mode(0o500)).unwrap();
    let err = paths.save_state(&State::default()).unwrap_err();
    assert!(err.to_string().contains("permission was denied"), "{err}");
}

/// Root ignores file permissions, so the read-only case can't be shown as root.
fn nix_is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(true)
}

#[test]
fn damaged_and_hand_edited_profiles_are_moved_aside_byte_for_byte() {
    for (what, content) in [
        ("truncated", b"name: Rosa\nher2: {ihc: \"2".to_vec()),
        ("not text", vec![0xff, 0xfe, b'e', b'r', 0x80]),
        ("not a map", b"- er\n- positive\n".to_vec()),
        ("nested bad value", b"her2: {ihc: \"4+\"}\n".to_vec()),
        (
            "unknown field",
            b"er: positive\nfavourite_colour: blue\n".to_vec(),
        ),
        ("tabs and junk", b"er:\tpositive\n\t- [\n".to_vec()),
    ] {
        let (_d, paths) = temp();
        fs::create_dir_all(&paths.dir).unwrap();
        fs::write(paths.profile(), &content).unwrap();
        fs::set_permissions(paths.profile(), fs::Permissions::from_mode(0o644)).unwrap();
        let loaded = paths.load_profile().unwrap();
        let notice = loaded
            .notice("profile")
            .unwrap_or_else(|| panic!("{what}: not moved aside"));
        let Loaded::MovedAside { to, .. } = loaded else {
            unreachable!()
        };
        assert_eq!(
            fs::read(&to).unwrap(),
            content,
            "{what}: kept byte for byte"
        );
        assert_eq!(mode(&to), 0o600, "{what}: the kept copy is private");
        assert!(
            notice.contains(&to.display().to_string()),
            "{what}: {notice}"
        );
        assert!(
            matches!(paths.load_profile().unwrap(), Loaded::Missing),
            "{what}: a clean start"
        );
    }
}

#[test]
fn hand_edited_state_files_are_moved_aside_and_never_overwritten() {
    for (what, content) in [
        ("not UTF-8", vec![b'{', 0xff, 0xfe, b'}']),
        ("version as text", br#"{"version": "one", "items": {}}"#.to_vec()),
        (
            "unknown clinician in a visit",
            br#"{"version": 1, "visits": [{"date": "2026-11-01", "with": "wizard", "entries": []}]}"#
                .to_vec(),
        ),
        ("bad date", br#"{"version": 1, "visit_started": "next tuesday"}"#.to_vec()),
        ("answer not text", br#"{"version": 1, "items": {"goal": {"answer": 42}}}"#.to_vec()),
        ("negative counter", br#"{"version": 1, "next_own": -1}"#.to_vec()),
        ("just whitespace", b" \n\t\n".to_vec()),
    ] {
        let (_d, paths) = temp();
        fs::create_dir_all(&paths.dir).unwrap();
        fs::write(paths.state(), &content).unwrap();
        let loaded = paths.load_state().unwrap();
        let Loaded::MovedAside { to, reason } = loaded else {
            panic!("{what}: not moved aside")
        };
        assert_eq!(fs::read(&to).unwrap(), content, "{what}");
        assert!(!reason.is_empty(), "{what}");
        paths.save_state(&State::default()).unwrap();
        assert_eq!(fs::read(&to).unwrap(), content, "{what}: untouched by the next save");
    }
}

#[test]
fn files_moved_aside_in_the_same_second_keep_distinct_names() {
    let (_d, paths) = temp();
    fs::create_dir_all(&paths.dir).unwrap();
    let mut kept = Vec::new();
    for i in 0..5 {
        fs::write(paths.state(), format!("damaged {i}")).unwrap();
        let Loaded::MovedAside { to, .. } = paths.load_state().unwrap() else {
            panic!("not moved aside")
        };
        kept.push(to);
    }
    for (i, to) in kept.iter().enumerate() {
        assert_eq!(fs::read_to_string(to).unwrap(), format!("damaged {i}"));
    }
}

#[test]
fn a_newer_state_is_refused_by_read_state_too_and_saving_is_left_to_the_caller() {
    // The export command reads without moving anything; a newer file is reported, untouched.
    let (_d, paths) = temp();
    fs::create_dir_all(&paths.dir).unwrap();
    let newer = "{\"version\": 2, \"items\": {}}";
    fs::write(paths.state(), newer).unwrap();
    assert!(matches!(
        paths.read_state(),
        Err(her2prep::storage::ReadProblem::Storage(
            StorageError::TooNew { version: 2, .. }
        ))
    ));
    assert_eq!(fs::read_to_string(paths.state()).unwrap(), newer);
    assert_eq!(
        fs::read_dir(&paths.dir).unwrap().count(),
        1,
        "nothing moved aside"
    );
}

/// Found by fuzzing (state_load): serde reads a JSON list as the fields in order, so `[3333]`
/// loaded as a state of format 3333, which then could not be read back once saved.
#[test]
fn a_list_instead_of_a_checklist_is_moved_aside_and_a_newer_format_inside_is_refused() {
    for content in ["[3333]", "[1]", " [1, {}, []]"] {
        let (_d, paths) = temp();
        fs::create_dir_all(&paths.dir).unwrap();
        fs::write(paths.state(), content).unwrap();
        let Loaded::MovedAside { reason, to } = paths.load_state().unwrap() else {
            panic!("{content}: not moved aside")
        };
        assert_eq!(reason, "it is not a checklist file");
        assert_eq!(fs::read_to_string(to).unwrap(), content);
    }
    // A duplicate version key: the last one counts, and a newer one is refused untouched.
    let (_d, paths) = temp();
    fs::create_dir_all(&paths.dir).unwrap();
    let tricky = "{\"version\": 1, \"items\": {}, \"version\": 3333}";
    fs::write(paths.state(), tricky).unwrap();
    assert!(matches!(
        paths.load_state(),
        Err(StorageError::TooNew { version: 3333, .. })
    ));
    assert_eq!(
        fs::read_to_string(paths.state()).unwrap(),
        tricky,
        "untouched"
    );
}

#[test]
fn a_folder_pipe_or_device_in_place_of_a_file_is_moved_aside_without_hanging() {
    for what in ["folder", "pipe", "device"] {
        let (_d, paths) = temp();
        fs::create_dir_all(&paths.dir).unwrap();
        match what {
            "folder" => fs::create_dir(paths.state()).unwrap(),
            "pipe" => {
                let ok = std::process::Command::new("mkfifo")
                    .arg(paths.state())
                    .status()
                    .is_ok_and(|s| s.success());
                if !ok {
                    continue;
                }
            }
            // A device node itself (a link to one is refused, never followed: see
            // tests/hardening.rs); making one needs root.
            _ => {
                let ok = std::process::Command::new("mknod")
                    .args([paths.state().to_str().unwrap(), "c", "1", "5"])
                    .stderr(std::process::Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success());
                if !ok {
                    continue;
                }
            }
        }
        let Loaded::MovedAside { reason, to } = paths.load_state().unwrap() else {
            panic!("{what}: not moved aside")
        };
        let kind = match what {
            "folder" => "a folder",
            "pipe" => "a pipe",
            _ => "a device",
        };
        assert_eq!(
            reason,
            format!("it is {kind}, not an ordinary file"),
            "{what}"
        );
        assert!(fs::symlink_metadata(&to).is_ok(), "{what}: kept");
        assert!(!paths.state().exists());
    }
}

#[test]
fn the_one_bounded_reader_counts_bytes_and_refuses_what_it_was_not_asked_to_read() {
    use her2prep::storage::{Bounded, ReadError, Source};
    let d = tempfile::tempdir().unwrap();
    // Counted, not trusted: /proc/self/pagemap says it is empty and never ends.
    assert!(matches!(
        Bounded::new(1024 * 1024).read(Source::Path(std::path::Path::new("/proc/self/pagemap"))),
        Err(ReadError::TooLarge { limit: 1_048_576 })
    ));
    // Exactly the limit is read; one byte more is refused.
    let f = d.path().join("ten.txt");
    fs::write(&f, "0123456789").unwrap();
    assert_eq!(
        Bounded::new(10).read(Source::Path(&f)).unwrap(),
        b"0123456789"
    );
    assert!(matches!(
        Bounded::new(9).read(Source::Path(&f)),
        Err(ReadError::TooLarge { limit: 9 })
    ));
    // A pipe: refused at once by default (no writer, and it would not be waited on); read
    // to its end when pipes are asked for.
    let pipe = d.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    assert!(matches!(
        Bounded::new(100).read(Source::Path(&pipe)),
        Err(ReadError::NotRegular("a pipe"))
    ));
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || fs::write(pipe, "through the pipe").unwrap())
    };
    assert_eq!(
        Bounded::new(100).pipes().read(Source::Path(&pipe)).unwrap(),
        b"through the pipe"
    );
    writer.join().unwrap();
    // A link: followed unless refused; a device: refused.
    let link = d.path().join("link");
    std::os::unix::fs::symlink(&f, &link).unwrap();
    assert_eq!(
        Bounded::new(100).read(Source::Path(&link)).unwrap(),
        b"0123456789"
    );
    assert!(matches!(
        Bounded::new(100).no_links().read(Source::Path(&link)),
        Err(ReadError::NotRegular("a symbolic link"))
    ));
    assert!(matches!(
        Bounded::new(100).read(Source::Path(std::path::Path::new("/dev/zero"))),
        Err(ReadError::NotRegular("a device"))
    ));
    assert!(matches!(
        Bounded::new(100).read(Source::Path(&d.path().join("none"))),
        Err(ReadError::Missing)
    ));
}
