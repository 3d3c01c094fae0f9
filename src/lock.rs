//! One her2prep at a time on the same data: a lock file in the data folder.
//!
//! `her2prep.lock` is locked with the system's file lock (`flock`), which the system lets go of
//! when the owner ends in any way (quit, crash, kill, restart). That is the stale-lock rule: a
//! lock file left behind by a process that is gone is not locked any more, and the next start
//! takes it over. Two starts racing for it cannot both win, because taking the system lock is
//! a single step. The file also holds the owner's process id and start time, to tell the person
//! which window has their checklist.
//!
//! On a file system that cannot lock files the process id alone decides: the lock is stale when
//! that process is gone (or, without `/proc`, after a day). Two starts racing on such a file
//! system could both win; nothing better is possible there.
//!
//! ```no_run
//! # use her2prep::storage::Paths;
//! let paths = Paths::standard()?;
//! let _lock = match paths.lock() {
//!     Ok(lock) => lock, // keep it alive for as long as the app runs; dropping it unlocks
//!     Err(e) => { eprintln!("her2prep: {e}"); std::process::exit(1) }
//! };
//! # Ok::<(), her2prep::storage::StorageError>(())
//! ```

use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::storage::{Paths, StorageError};

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "her2prep.lock";

/// Without the system's file lock and without a way to tell whether the owner still runs (no
/// `/proc`), a lock this old is stale.
pub const STALE_AFTER_HOURS: i64 = 24;

/// Held while this process owns the data folder; dropping it removes the lock file and lets go.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    /// The open lock file: the system lock lasts as long as it stays open.
    file: File,
    token: String,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True while the lock file is still the one this lock opened and still names this process.
    fn still_ours(&self) -> bool {
        is_same_file(&self.file, &self.path)
            && read_lock_file(&self.path).is_some_and(|t| t == self.token)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so that a start waiting on this file finds it gone and
        // makes a new one; closing the file then lets go of the system lock.
        if self.still_ours() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Why the data folder could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another her2prep is using the data.
    Held {
        /// The lock file.
        path: PathBuf,
        /// The other program's process id, when the lock file says it.
        pid: Option<u32>,
        /// When it started, as written in the lock file.
        since: Option<String>,
        /// True when only the process id was checked (a file system without file locks), so
        /// the lock might be a leftover.
        by_process_id_only: bool,
    },
    /// The folder or the lock file could not be made.
    Storage(StorageError),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held {
                path,
                pid,
                since,
                by_process_id_only,
            } => {
                write!(
                    f,
                    "Another her2prep window is already open with your checklist"
                )?;
                match (pid, since) {
                    (Some(pid), Some(since)) => write!(
                        f,
                        " (process {pid}, started {})",
                        crate::text::clean_line(since)
                    )?,
                    (Some(pid), None) => write!(f, " (process {pid})")?,
                    _ => {}
                }
                write!(
                    f,
                    ". Close that window first, so neither overwrites the other's notes."
                )?;
                if *by_process_id_only {
                    write!(
                        f,
                        " If no other her2prep is open, delete {} and try again.",
                        crate::text::clean_line(&path.display().to_string())
                    )?;
                }
                Ok(())
            }
            LockError::Storage(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LockError {}

/// What a lock file says.
#[derive(Debug, Default, PartialEq, Eq)]
struct Owner {
    pid: u32,
    started: String,
    start_tick: Option<u64>,
    boot_id: Option<String>,
}

impl Owner {
    fn me() -> Owner {
        let pid = std::process::id();
        Owner {
            pid,
            started: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string()),
            start_tick: start_tick(pid),
            boot_id: boot_id(),
        }
    }

    fn to_text(&self) -> String {
        let mut s = format!("pid={}\nstarted={}\n", self.pid, self.started);
        if let Some(t) = self.start_tick {
            s.push_str(&format!("start_tick={t}\n"));
        }
        if let Some(b) = &self.boot_id {
            s.push_str(&format!("boot_id={b}\n"));
        }
        s
    }

    /// Reads a whole lock file; a half-written one (no final newline, no start time) is `None`.
    fn parse(text: &str) -> Option<Owner> {
        if !text.ends_with('\n') {
            return None;
        }
        let mut o = Owner::default();
        for line in text.lines() {
            let (k, v) = line.split_once('=')?;
            match k {
                "pid" => o.pid = v.parse().ok()?,
                "started" => o.started = v.to_string(),
                "start_tick" => o.start_tick = Some(v.parse().ok()?),
                "boot_id" => o.boot_id = Some(v.to_string()),
                _ => {}
            }
        }
        (o.pid != 0 && !o.started.is_empty()).then_some(o)
    }

    /// True when the process that wrote this lock is gone (or the lock can't be trusted). Only
    /// used where the system's file lock is not available.
    fn is_stale(&self) -> bool {
        if let (Some(theirs), Some(now)) = (&self.boot_id, boot_id())
            && *theirs != now
        {
            return true; // written before the last restart
        }
        if Path::new("/proc/self").exists() {
            if !Path::new(&format!("/proc/{}", self.pid)).exists() {
                return true;
            }
            // The pid was reused by another process since.
            return match (self.start_tick, start_tick(self.pid)) {
                (Some(then), Some(now)) => then != now,
                _ => false,
            };
        }
        // No way to ask: trust the lock for a day unless it names this very process.
        let age_hours = self
            .started
            .parse::<jiff::Timestamp>()
            .map(|t| jiff::Timestamp::now().duration_since(t).as_hours())
            .unwrap_or(i64::MAX);
        self.pid != std::process::id() && age_hours >= STALE_AFTER_HOURS
    }
}

/// The process's start time in clock ticks since boot (field 22 of `/proc/PID/stat`).
fn start_tick(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

fn boot_id() -> Option<String> {
    fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The largest lock file read (a real one is under 200 bytes).
const MAX_LOCK_BYTES: u64 = 4096;

/// The lock file's text: never through a symbolic link, never more than `MAX_LOCK_BYTES`.
fn read_lock_file(path: &Path) -> Option<String> {
    crate::storage::read_limited_nofollow(path, MAX_LOCK_BYTES)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
}

/// True when `path` names the very file `file` has open (not a new one made in its place).
fn is_same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// What the lock file says about its owner. The owner writes it just after locking, so a
/// start that finds the lock taken may read it before it is written: wait a moment for it.
fn read_owner(path: &Path) -> Option<Owner> {
    for _ in 0..20 {
        if let Some(owner) = read_lock_file(path).as_deref().and_then(Owner::parse) {
            return Some(owner);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    None
}

fn storage(doing: &str, path: &Path, source: io::Error) -> LockError {
    LockError::Storage(StorageError::Io {
        doing: doing.to_string(),
        path: path.to_path_buf(),
        source,
    })
}

impl Paths {
    /// The lock file.
    pub fn lock_file(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }

    /// Claims the data folder for this process (creating the folder if needed). A lock left
    /// by a process that is gone is taken over. Leftover temporary files from an interrupted
    /// save are removed once the lock is ours. Keep the `Lock` for as long as the app runs.
    pub fn lock(&self) -> Result<Lock, LockError> {
        self.lock_with(File::try_lock)
    }

    /// `lock`, with the system's lock call given (a test stands in a file system without locks).
    fn lock_with(
        &self,
        try_lock: impl Fn(&File) -> Result<(), TryLockError>,
    ) -> Result<Lock, LockError> {
        self.ensure_dir(&self.dir).map_err(LockError::Storage)?;
        let path = self.lock_file();
        let token = Owner::me().to_text();
        for _ in 0..5 {
            let mut file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                // A planted link is never followed (it would have us overwrite and delete the
                // file it points to), and a pipe put there never makes us wait.
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
                .open(&path)
                .map_err(|e| match e.raw_os_error() {
                    Some(libc::ELOOP) => storage(
                        "use the lock file",
                        &path,
                        io::Error::other(
                            "it is a symbolic link, which her2prep never writes through; remove it and start again",
                        ),
                    ),
                    _ => storage("open the lock file", &path, e),
                })?;
            let meta = file
                .metadata()
                .map_err(|e| storage("check the lock file", &path, e))?;
            if !meta.is_file() {
                return Err(storage(
                    "use the lock file",
                    &path,
                    io::Error::other("it is not an ordinary file; remove it and start again"),
                ));
            }
            // SAFETY: geteuid cannot fail.
            if meta.uid() != unsafe { libc::geteuid() } {
                return Err(storage(
                    "use the lock file",
                    &path,
                    io::Error::other(format!(
                        "it belongs to another user (user id {}); remove it and start again",
                        meta.uid()
                    )),
                ));
            }
            let held = |owner: Option<Owner>, by_process_id_only| LockError::Held {
                path: path.clone(),
                pid: owner.as_ref().map(|o| o.pid),
                since: owner.map(|o| o.started),
                by_process_id_only,
            };
            match try_lock(&file) {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(held(read_owner(&path), false)),
                // No file locks here: the process id in the file decides.
                Err(TryLockError::Error(_)) => {
                    let text = read_lock_file(&path).unwrap_or_default();
                    if let Some(owner) = Owner::parse(&text).filter(|o| !o.is_stale()) {
                        return Err(held(Some(owner), true));
                    }
                }
            }
            // Its owner may have removed the file between our opening and locking it.
            if !is_same_file(&file, &path) {
                continue;
            }
            file.set_len(0)
                .and_then(|()| file.write_all(token.as_bytes()))
                .and_then(|()| file.sync_all())
                .map_err(|e| storage("write the lock file", &path, e))?;
            self.remove_leftover_temp_files();
            return Ok(Lock { path, file, token });
        }
        Err(storage(
            "create the lock file",
            &path,
            io::Error::other("it kept changing"),
        ))
    }

    /// Removes the temporary files a killed save (`.her2prep-*.tmp`) left behind, in the data
    /// folder and the exports folder. Only call while locked.
    fn remove_leftover_temp_files(&self) {
        crate::storage::remove_leftover_temp_files(&self.dir, true);
        // Exports are written without the lock (an export runs beside the app): only old ones.
        if fs::symlink_metadata(self.exports()).is_ok_and(|m| m.is_dir()) {
            crate::storage::remove_leftover_temp_files(&self.exports(), false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_text_round_trips() {
        let me = Owner::me();
        assert_eq!(Owner::parse(&me.to_text()), Some(me));
        assert_eq!(Owner::parse("garbage"), None);
        assert_eq!(Owner::parse(""), None);
        assert_eq!(Owner::parse("pid=12"), None, "half written");
        assert_eq!(Owner::parse("pid=12\n"), None, "no start time yet");
    }

    #[test]
    fn this_process_is_alive_and_a_dead_one_is_stale() {
        assert!(!Owner::me().is_stale());
        let mut dead = Owner::me();
        dead.pid = u32::MAX - 1;
        assert!(dead.is_stale());
        let mut reused = Owner::me();
        reused.start_tick = reused.start_tick.map(|t| t + 1);
        assert_eq!(reused.is_stale(), reused.start_tick.is_some());
        let mut rebooted = Owner::me();
        rebooted.boot_id = Some("another-boot".into());
        assert!(rebooted.is_stale() || boot_id().is_none());
    }

    /// A file system whose lock call fails (as a network share mounted without locks does).
    fn no_file_locks(_: &File) -> Result<(), TryLockError> {
        Err(TryLockError::Error(io::Error::from(
            io::ErrorKind::Unsupported,
        )))
    }

    #[test]
    fn without_file_locks_the_process_id_decides() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::at(dir.path().join("her2prep"));
        let first = paths
            .lock_with(no_file_locks)
            .expect("a free folder is locked");
        assert!(
            fs::read_to_string(first.path())
                .unwrap()
                .starts_with("pid=")
        );

        // A live owner (this process) keeps it, and the message says the lock may be a leftover.
        let err = paths.lock_with(no_file_locks).unwrap_err();
        let LockError::Held {
            pid,
            by_process_id_only,
            ..
        } = &err
        else {
            panic!("{err}")
        };
        assert_eq!(
            (*pid, *by_process_id_only),
            (Some(std::process::id()), true)
        );
        let msg = err.to_string();
        assert!(
            msg.contains("Close that window first")
                && msg.contains(&format!("delete {}", paths.lock_file().display())),
            "{msg}"
        );
        drop(first);
        assert!(!paths.lock_file().exists(), "released on drop");

        // A dead owner's lock, a damaged one and one from before a restart are taken over.
        for text in [
            "pid=4194303\nstarted=2026-11-20T10:00:00Z\n".to_string(),
            "\u{0}garbage".to_string(),
            format!(
                "pid={}\nstarted=2026-11-20T10:00:00Z\nboot_id=an-earlier-boot\n",
                std::process::id()
            ),
        ] {
            if text.contains("boot_id") && boot_id().is_none() {
                continue;
            }
            fs::write(paths.lock_file(), &text).unwrap();
            let lock = paths
                .lock_with(no_file_locks)
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(fs::read_to_string(lock.path()).unwrap(), lock.token);
        }
    }

    #[test]
    fn a_lock_held_by_the_system_lock_gives_no_advice_to_delete_it() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::at(dir.path().join("her2prep"));
        let _first = paths.lock().unwrap();
        let msg = paths.lock().unwrap_err().to_string();
        assert!(!msg.contains("delete"), "{msg}");
    }
}
