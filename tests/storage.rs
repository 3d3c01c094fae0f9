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
