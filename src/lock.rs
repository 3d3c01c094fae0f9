//! One her2prep at a time on the same data: a lock file in the data folder.
//!
//! `her2prep.lock` holds the owner's process id, when it started, and (on Linux) the process's
//! start tick and the boot id, so a lock left by a crash or a reboot is recognised as stale and
//! taken over, while a window left open for days keeps its lock.
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

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::storage::{Paths, StorageError};

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "her2prep.lock";

/// Without a way to tell whether the owner still runs (no `/proc`), a lock this old is stale.
pub const STALE_AFTER_HOURS: i64 = 24;

/// Held while this process owns the data folder; the lock file is removed when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    token: String,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only remove the file if it is still ours.
        if fs::read_to_string(&self.path).is_ok_and(|t| t == self.token) {
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
        /// The other program's process id.
        pid: u32,
        /// When it started, as written in the lock file.
        since: String,
    },
    /// The folder or the lock file could not be made.
    Storage(StorageError),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { path, pid, since } => write!(
                f,
                "Another her2prep window is already open with your checklist (process {pid}, started {}). Close that window first, so neither overwrites the other's notes. If no other her2prep is open, delete {} and try again.",
                crate::text::clean_line(since),
                crate::text::clean_line(&path.display().to_string())
            ),
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

    fn parse(text: &str) -> Option<Owner> {
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
        (o.pid != 0).then_some(o)
    }

    /// True when the process that wrote this lock is gone (or the lock can't be trusted).
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
        self.ensure_dir(&self.dir).map_err(LockError::Storage)?;
        let path = self.lock_file();
        let token = Owner::me().to_text();
        for _ in 0..5 {
            match create_new(&path, &token) {
                Ok(()) => {
                    self.remove_leftover_temp_files();
                    return Ok(Lock { path, token });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(storage("create the lock file", &path, e)),
            }
            let text = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue, // just released
                Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
                Err(e) => return Err(storage("read the lock file", &path, e)),
            };
            match Owner::parse(&text) {
                Some(owner) if !owner.is_stale() => {
                    return Err(LockError::Held {
                        path,
                        pid: owner.pid,
                        since: owner.started,
                    });
                }
                // Stale, or not a lock we could have written (lock files appear whole, see
                // `create_new`): take it over.
                _ => match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(storage("remove the old lock file", &path, e)),
                },
            }
        }
        Err(storage(
            "create the lock file",
            &path,
            io::Error::other("it kept changing"),
        ))
    }

    /// Removes the temporary files a killed save (`.her2prep-*.tmp`) or a killed start
    /// (`.her2prep.lock.PID` of a process that is gone) left behind. Only call while locked.
    fn remove_leftover_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let half_made_lock = name
                .strip_prefix(".her2prep.lock.")
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| {
                    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
                });
            if (name.starts_with(".her2prep-") && name.ends_with(".tmp")) || half_made_lock {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Creates `path` holding `text`, failing with `AlreadyExists` if it exists. The text is written
/// to a private temporary file first and hard-linked into place, so a lock file is never seen
/// half-written.
fn create_new(path: &Path, text: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".her2prep.lock.{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::hard_link(&tmp, path)
    })();
    let _ = fs::remove_file(&tmp);
    match result {
        // A file system without hard links (a FAT memory stick): create the lock in place.
        Err(e)
            if e.kind() != io::ErrorKind::AlreadyExists && e.kind() != io::ErrorKind::NotFound =>
        {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()
        }
        other => other,
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
}
