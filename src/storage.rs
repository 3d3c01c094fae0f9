//! Where the person's data lives and how it is written: atomically, privately (0700 folder,
//! 0600 files), and never over a file that could not be read.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::profile::Profile;
use crate::state::{STATE_VERSION, State};

/// The files of one person's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The data folder (`$XDG_CONFIG_HOME/her2prep`, else `~/.config/her2prep`).
    pub dir: PathBuf,
}

/// The largest state or profile file read (far beyond any real checklist).
pub const MAX_DATA_BYTES: u64 = 64 * 1024 * 1024;

/// Something went wrong with the person's files, in plain words.
#[derive(Debug)]
pub enum StorageError {
    /// No home or config folder could be found.
    NoConfigDir,
    /// A file or folder could not be read or written.
    Io {
        /// What we were doing, in plain words.
        doing: String,
        /// Which file.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
    /// A newer her2prep wrote the file: it is left untouched.
    TooNew {
        /// Which file.
        path: PathBuf,
        /// Its format version.
        version: u64,
    },
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::NoConfigDir => write!(
                f,
                "I could not find a folder to keep your checklist in (no home folder is set). Set HOME or XDG_CONFIG_HOME, or export to a file with --output."
            ),
            StorageError::Io {
                doing,
                path,
                source,
            } => {
                let why = match source.kind() {
                    io::ErrorKind::PermissionDenied => "permission was denied".to_string(),
                    io::ErrorKind::StorageFull => "the disk is full".to_string(),
                    io::ErrorKind::QuotaExceeded => "your disk quota is used up".to_string(),
                    io::ErrorKind::FileTooLarge => {
                        "the file would be larger than this system allows".to_string()
                    }
                    io::ErrorKind::NotADirectory => {
                        "part of that path is a file, not a folder".to_string()
                    }
                    io::ErrorKind::AlreadyExists => {
                        "something else with that name is already there".to_string()
                    }
                    io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
                    io::ErrorKind::NotFound => "it does not exist".to_string(),
                    _ => source.to_string(),
                };
                write!(
                    f,
                    "I could not {doing} {} because {why}.",
                    crate::text::clean_line(&path.display().to_string())
                )
            }
            StorageError::TooNew { path, version } => write!(
                f,
                "{} was written by a newer version of her2prep (format {version}). I have left it untouched; please use the newer version.",
                crate::text::clean_line(&path.display().to_string())
            ),
        }
    }
}

impl std::error::Error for StorageError {}

fn io_err(doing: &str, path: &Path) -> impl FnOnce(io::Error) -> StorageError {
    let doing = doing.to_string();
    let path = path.to_path_buf();
    move |source| StorageError::Io {
        doing,
        path,
        source,
    }
}

/// Why a file could not be used.
#[derive(Debug)]
pub enum ReadProblem {
    /// The folder or file could not be accessed, or a newer version wrote it.
    Storage(StorageError),
    /// The file is there but damaged: the reason in plain words.
    Unreadable(String),
}

/// What came of reading one file.
#[derive(Debug)]
pub enum Loaded<T> {
    /// No file yet.
    Missing,
    /// Read fine.
    Found(T),
    /// The file could not be read; it was moved aside (never deleted) and we start clean.
    MovedAside {
        /// Where the unreadable file now is.
        to: PathBuf,
        /// Why it could not be read, in plain words.
        reason: String,
    },
}

impl<T> Loaded<T> {
    /// The value, or the default when missing or moved aside.
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        match self {
            Loaded::Found(v) => v,
            _ => T::default(),
        }
    }

    /// The message for the person when the file was moved aside.
    pub fn notice(&self, what: &str) -> Option<String> {
        match self {
            Loaded::MovedAside { to, reason } => Some(format!(
                "Your {what} file could not be read ({reason}). I kept it, renamed, at {} and started fresh.",
                crate::text::clean_line(&to.display().to_string())
            )),
            _ => None,
        }
    }
}

impl Paths {
    /// The standard place: `$XDG_CONFIG_HOME/her2prep` or `~/.config/her2prep` on Linux.
    pub fn standard() -> Result<Paths, StorageError> {
        let dirs =
            directories::ProjectDirs::from("", "", "her2prep").ok_or(StorageError::NoConfigDir)?;
        Ok(Paths {
            dir: dirs.config_dir().to_path_buf(),
        })
    }

    /// A specific folder (tests, `--data-dir`).
    pub fn at(dir: impl Into<PathBuf>) -> Paths {
        Paths { dir: dir.into() }
    }

    /// The saved profile.
    pub fn profile(&self) -> PathBuf {
        self.dir.join("profile.yaml")
    }

    /// The checklist state.
    pub fn state(&self) -> PathBuf {
        self.dir.join("checklist.json")
    }

    /// The exports folder.
    pub fn exports(&self) -> PathBuf {
        self.dir.join("exports")
    }

    /// Creates the folder (0700), and tightens it if someone's umask loosened it.
    pub fn ensure_dir(&self, dir: &Path) -> Result<(), StorageError> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io_err("create the folder", dir))?;
        let meta = fs::metadata(dir).map_err(io_err("check the folder", dir))?;
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                .map_err(io_err("make private the folder", dir))?;
        }
        Ok(())
    }

    /// Reads the saved profile; an unreadable one is moved aside.
    pub fn load_profile(&self) -> Result<Loaded<Profile>, StorageError> {
        let path = self.profile();
        let Some(text) = read_text(&path)? else {
            return Ok(Loaded::Missing);
        };
        let text = match text {
            Ok(t) => t,
            Err(reason) => return move_aside(&path, reason),
        };
        if let Some(v) = newer_version(&text, crate::profile::PROFILE_VERSION, |t| {
            serde_yaml::from_str::<serde_yaml::Value>(t)
                .ok()?
                .get("version")?
                .as_u64()
        }) {
            return Err(StorageError::TooNew { path, version: v });
        }
        match Profile::from_yaml(&text) {
            Ok(p) => Ok(Loaded::Found(p)),
            Err(e) => move_aside(&path, format!("it has a problem: {}", e.problems.join(" "))),
        }
    }

    /// Saves the profile atomically.
    pub fn save_profile(&self, profile: &Profile) -> Result<(), StorageError> {
        self.ensure_dir(&self.dir)?;
        write_atomic(&self.profile(), profile.to_yaml().as_bytes())
    }

    /// Reads the checklist state without changing anything: `Ok(None)` when there is none,
    /// `Err(reason)` when it can't be read (for read-only uses such as exports).
    pub fn read_state(&self) -> Result<Option<State>, ReadProblem> {
        let path = self.state();
        let text = match read_text(&path).map_err(ReadProblem::Storage)? {
            None => return Ok(None),
            Some(Ok(t)) => t,
            Some(Err(reason)) => return Err(ReadProblem::Unreadable(reason)),
        };
        if let Some(v) = newer_version(&text, STATE_VERSION as u64, |t| {
            serde_json::from_str::<serde_json::Value>(t)
                .ok()?
                .get("version")?
                .as_u64()
        }) {
            return Err(ReadProblem::Storage(StorageError::TooNew {
                path,
                version: v,
            }));
        }
        if text.trim().is_empty() {
            return Err(ReadProblem::Unreadable("it is empty".into()));
        }
        if !text.trim_start().starts_with('{') {
            // serde would read a list such as `[3333]` as the fields in order: not our format.
            return Err(ReadProblem::Unreadable("it is not a checklist file".into()));
        }
        match serde_json::from_str::<State>(&text) {
            Ok(s) if s.version == 0 => {
                Err(ReadProblem::Unreadable("it has no format version".into()))
            }
            Ok(s) if u64::from(s.version) > STATE_VERSION as u64 => {
                Err(ReadProblem::Storage(StorageError::TooNew {
                    path,
                    version: s.version.into(),
                }))
            }
            Ok(s) => Ok(Some(s)),
            Err(e) => Err(ReadProblem::Unreadable(format!(
                "it is damaged or incomplete ({})",
                crate::text::clean_line(&e.to_string())
            ))),
        }
    }

    /// Reads the checklist state; an unreadable one is moved aside and we start clean.
    pub fn load_state(&self) -> Result<Loaded<State>, StorageError> {
        match self.read_state() {
            Ok(None) => Ok(Loaded::Missing),
            Ok(Some(s)) => Ok(Loaded::Found(s)),
            Err(ReadProblem::Storage(e)) => Err(e),
            Err(ReadProblem::Unreadable(reason)) => move_aside(&self.state(), reason),
        }
    }

    /// Saves the checklist state atomically.
    pub fn save_state(&self, state: &State) -> Result<(), StorageError> {
        self.ensure_dir(&self.dir)?;
        let json = serde_json::to_string_pretty(state).expect("state always serialises");
        write_atomic(&self.state(), json.as_bytes())
    }

    /// Deletes every file this program wrote (the whole data folder). Refused while another
    /// her2prep holds the folder's lock: it would save the person's data again.
    pub fn forget(&self) -> Result<bool, StorageError> {
        if fs::symlink_metadata(&self.dir).is_err() {
            return Ok(false);
        }
        let _lock = match self.lock() {
            Err(crate::lock::LockError::Held { pid, .. }) if pid != Some(std::process::id()) => {
                return Err(StorageError::Io {
                    doing: "delete everything in".into(),
                    path: self.dir.clone(),
                    source: io::Error::other(
                        "another her2prep window is open with it (close that window first, or it would save your checklist again)",
                    ),
                });
            }
            lock => lock.ok(),
        };
        match fs::remove_dir_all(&self.dir) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_err("delete", &self.dir)(e)),
        }
    }
}

/// `None` when missing; `Some(Err(reason))` when present but not readable text.
fn read_text(path: &Path) -> Result<Option<Result<String, String>>, StorageError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("read", path)(e)),
    };
    if !meta.is_file() {
        // A folder, a pipe or a device (reading `/dev/zero` would never end): not ours.
        return Ok(Some(Err("it is not a regular file".into())));
    }
    if meta.len() > MAX_DATA_BYTES {
        return Ok(Some(Err(format!(
            "it is larger than {} MB",
            MAX_DATA_BYTES / (1024 * 1024)
        ))));
    }
    let bytes = fs::read(path).map_err(io_err("read", path))?;
    Ok(Some(
        String::from_utf8(bytes).map_err(|_| "it is not text".to_string()),
    ))
}

/// The file's version when it is newer than `ours`.
fn newer_version(text: &str, ours: u64, read: impl Fn(&str) -> Option<u64>) -> Option<u64> {
    read(text).filter(|v| *v > ours)
}

/// Renames an unreadable file to `NAME.unreadable-YYYYMMDD-HHMMSS` beside it.
fn move_aside<T>(path: &Path, reason: String) -> Result<Loaded<T>, StorageError> {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut to = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = path.with_file_name(format!("{name}.unreadable-{stamp}-{n}"));
    }
    fs::rename(path, &to).map_err(io_err("move aside", path))?;
    // The kept copy is as private as the rest, whatever mode the file had.
    let _ = fs::set_permissions(&to, fs::Permissions::from_mode(0o600));
    Ok(Loaded::MovedAside { to, reason })
}

/// Writes a file atomically and privately: a 0600 temporary file in the same folder, flushed
/// to disk, renamed over the target, and the folder flushed so the rename survives a crash.
///
/// A symbolic link is followed (the file it points to is replaced, the link kept); a target
/// that exists but is not a regular file (a device such as `/dev/stdout`, a pipe) is written
/// to directly rather than replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let resolved;
    let path = match fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io_err("write", path))?;
            return f
                .write_all(bytes)
                .and_then(|_| f.flush())
                .map_err(io_err("write", path));
        }
        Ok(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            resolved = fs::canonicalize(path).map_err(io_err("write", path))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".her2prep-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err("write to the folder", dir))?;
    tmp.write_all(bytes).map_err(io_err("write", path))?;
    tmp.as_file().sync_all().map_err(io_err("write", path))?;
    tmp.persist(path)
        .map_err(|e| io_err("save", path)(e.error))?;
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err("save", path))?;
    Ok(())
}
