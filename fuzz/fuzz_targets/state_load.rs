//! The state loader: whatever bytes are in checklist.json, loading either reads a state
//! (which then saves and reloads unchanged), moves the file aside byte for byte, or refuses a
//! newer version leaving the file untouched. Also the serde path on its own.
#![no_main]

use her2prep::state::State;
use her2prep::storage::{Loaded, Paths, StorageError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = serde_json::from_str::<State>(text);
    }
    // One folder for the whole run, on a RAM disk when there is one (fsync costs nothing).
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        tempfile::tempdir_in("/dev/shm").unwrap_or_else(|_| tempfile::tempdir().unwrap())
    });
    for e in std::fs::read_dir(dir.path()).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let paths = Paths::at(dir.path());
    std::fs::write(paths.state(), data).unwrap();
    match paths.load_state() {
        Ok(Loaded::Found(s)) => {
            paths.save_state(&s).unwrap();
            match paths.load_state() {
                Ok(Loaded::Found(again)) => assert_eq!(again, s, "round trip"),
                other => panic!("a saved state did not read back: {other:?}"),
            }
        }
        Ok(Loaded::MovedAside { to, reason }) => {
            assert!(!paths.state().exists());
            assert_eq!(std::fs::read(&to).unwrap(), data, "kept byte for byte");
            assert!(!reason.chars().any(her2prep::text::is_unsafe), "{reason:?}");
        }
        Ok(Loaded::Missing) => panic!("the file was there"),
        Err(StorageError::TooNew { .. }) => {
            assert_eq!(std::fs::read(paths.state()).unwrap(), data, "untouched");
        }
        Err(e) => panic!("unexpected error: {e}"),
    }
});
