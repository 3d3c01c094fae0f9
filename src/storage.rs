//! Where the person's data lives and how it is written: atomically, privately (0700 folder,
//! 0600 files), and never over a file that could not be read.

use std::fs;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
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
    /// Only part of what was asked could be done: exactly what, in plain words.
    Partly(String),
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
                let why = plain_reason(source);
                write!(
                    f,
                    "I could not {doing} {} because {why}.",
                    crate::text::clean_line(&path.display().to_string())
                )
            }
            StorageError::Partly(what) => write!(f, "{what}"),
            StorageError::TooNew { path, version } => write!(
                f,
                "{} was written by a newer version of her2prep (format {version}). I have left it untouched; please use the newer version.",
                crate::text::clean_line(&path.display().to_string())
            ),
        }
    }
}

impl std::error::Error for StorageError {}

/// The system's reason in plain words, without the "(os error N)" a person can't use.
pub fn plain_reason(source: &io::Error) -> String {
    match source.kind() {
        io::ErrorKind::PermissionDenied => "permission was denied".to_string(),
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::QuotaExceeded => "your disk quota is used up".to_string(),
        io::ErrorKind::FileTooLarge => {
            "the file would be larger than this system allows".to_string()
        }
        io::ErrorKind::NotADirectory => "part of that path is a file, not a folder".to_string(),
        io::ErrorKind::IsADirectory => "it is a folder".to_string(),
        io::ErrorKind::AlreadyExists => {
            "something else with that name is already there".to_string()
        }
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        io::ErrorKind::NotFound => "it does not exist".to_string(),
        _ if source.raw_os_error() == Some(libc::ENXIO) => {
            "it is a pipe that nothing is reading from".to_string()
        }
        _ if source.raw_os_error() == Some(libc::ELOOP) => {
            "it is a symbolic link, and I don't follow links there".to_string()
        }
        _ => {
            let text = source.to_string();
            match text.find(" (os error ") {
                Some(cut) => text[..cut].to_lowercase(),
                None => text,
            }
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// There is no such file.
    Missing,
    /// It is not an ordinary file once opened: "a folder", "a pipe", "a device"...
    NotRegular(&'static str),
    /// More bytes than the limit were there to read.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The system refused.
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => write!(f, "it does not exist"),
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not an ordinary file"),
            ReadError::TooLarge { limit } => {
                if *limit >= 1024 * 1024 {
                    write!(
                        f,
                        "it is larger than {} MB, the most her2prep reads",
                        limit / (1024 * 1024)
                    )
                } else {
                    write!(
                        f,
                        "it is larger than {} KB, the most her2prep reads",
                        limit / 1024
                    )
                }
            }
            ReadError::Io(e) => write!(f, "{}", plain_reason(e)),
        }
    }
}

impl std::error::Error for ReadError {}

fn kind_of(t: fs::FileType) -> &'static str {
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Where a bounded read takes its bytes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A file by name.
    Path(&'a Path),
    /// Standard input (`--profile -`, a pasted report).
    Stdin,
}

/// The one bounded reader every file a person, a clinic or an attacker can supply goes
/// through (profile, bank files, glossary, checklist, lock, report). It counts the bytes
/// actually read (a `/proc` file reports size 0), and checks the type on the opened file,
/// which is opened without waiting, so a pipe or a device is refused, never read forever.
#[derive(Debug, Clone, Copy)]
pub struct Bounded {
    /// The most bytes read; one more is `TooLarge`.
    pub limit: u64,
    /// Read a named pipe (`--profile <(…)`): waits for its writer, as `cat` would.
    pub pipes: bool,
    /// Follow a symbolic link at the last part of the name (never for the data folder's own
    /// files: see `docs/reliability.md`).
    pub links: bool,
}

impl Bounded {
    /// Regular files only, links followed, at most `limit` bytes.
    pub const fn new(limit: u64) -> Bounded {
        Bounded {
            limit,
            pipes: false,
            links: true,
        }
    }

    /// Also reads named pipes.
    pub const fn pipes(self) -> Bounded {
        Bounded {
            pipes: true,
            ..self
        }
    }

    /// Refuses a symbolic link as the last part of the name.
    pub const fn no_links(self) -> Bounded {
        Bounded {
            links: false,
            ..self
        }
    }

    /// Reads `from` within these bounds.
    pub fn read(self, from: Source<'_>) -> Result<Vec<u8>, ReadError> {
        let path = match from {
            Source::Stdin => return read_counted(io::stdin().lock(), self.limit),
            Source::Path(p) => p,
        };
        // A pipe the person named is waited on (its writer may start after us); anything
        // else is opened without waiting, so a pipe planted in its place never blocks.
        let wait = self.pipes && fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo());
        let mut flags = libc::O_NOCTTY;
        if !wait {
            flags |= libc::O_NONBLOCK;
        }
        if !self.links {
            flags |= libc::O_NOFOLLOW;
        }
        let file = fs::OpenOptions::new()
            .read(true)
            .custom_flags(flags)
            .open(path)
            .map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => ReadError::Missing,
                _ if e.raw_os_error() == Some(libc::ELOOP) => {
                    ReadError::NotRegular("a symbolic link")
                }
                _ => ReadError::Io(e),
            })?;
        let meta = file.metadata().map_err(ReadError::Io)?;
        if self.pipes && meta.file_type().is_fifo() {
            // SAFETY: plain fcntl calls on a descriptor we own.
            unsafe {
                let fd = file.as_raw_fd();
                let fl = libc::fcntl(fd, libc::F_GETFL);
                if fl >= 0 {
                    libc::fcntl(fd, libc::F_SETFL, fl & !libc::O_NONBLOCK);
                }
            }
        } else if !meta.is_file() {
            return Err(ReadError::NotRegular(kind_of(meta.file_type())));
        }
        read_counted(file, self.limit)
    }
}

/// Reads to the end in whole 64 KB blocks (some /proc files refuse reads of odd sizes),
/// counting: more than `limit` bytes is `TooLarge`, however the source reports its size.
fn read_counted(mut from: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let mut block = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut block) {
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                if (bytes.len() + n) as u64 > limit {
                    return Err(ReadError::TooLarge { limit });
                }
                bytes.extend_from_slice(&block[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ReadError::Io(e)),
        }
    }
}

/// Reads at most `limit` bytes of a regular file (links followed): `Bounded::new(limit)`.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    Bounded::new(limit).read(Source::Path(path))
}

/// `read_limited`, refusing a symbolic link (for files this program writes itself).
pub fn read_limited_nofollow(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    Bounded::new(limit).no_links().read(Source::Path(path))
}

/// Makes a write past `ulimit -f` fail with an error (said in plain words, the file before
/// kept) instead of the system ending the program at once (SIGXFSZ). Call once at start.
pub fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to "ignore" has no preconditions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn euid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// A temporary file left by a save that was killed is removed once it is this old: a save
/// running at the same time (another export into the same folder) takes far less.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes `.her2prep-*.tmp` files in `dir` that a killed save left (ours, regular, and
/// older than a save could take; `any_age` when the data folder's lock is held).
pub fn remove_leftover_temp_files(dir: &Path, any_age: bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".her2prep-") && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(e.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= LEFTOVER_AGE);
        if meta.is_file() && meta.uid() == euid() && (any_age || old) {
            let _ = fs::remove_file(e.path());
        }
    }
}

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

    /// Creates the folder (0700), and tightens it if someone's umask loosened it. A folder
    /// that is a symbolic link or belongs to another user is refused, never re-permissioned:
    /// it is not ours (a link could point at a shared folder such as /tmp).
    pub fn ensure_dir(&self, dir: &Path) -> Result<(), StorageError> {
        // A folder inside the data folder (exports) is only as safe as the data folder.
        if dir != self.dir && dir.starts_with(&self.dir) {
            self.ensure_dir(&self.dir)?;
        }
        let refuse = |why: String| StorageError::Io {
            doing: "use the folder".into(),
            path: dir.to_path_buf(),
            source: io::Error::other(why),
        };
        let link = || {
            refuse(format!(
                "it is a symbolic link (to {}); I keep your data only in a real folder of its own. Remove the link, or move the real folder there",
                fs::read_link(dir)
                    .map(|t| crate::text::clean_line(&t.display().to_string()))
                    .unwrap_or_else(|_| "somewhere else".into())
            ))
        };
        match fs::symlink_metadata(dir) {
            Ok(m) if m.file_type().is_symlink() => return Err(link()),
            // Not there (or a file is in the way, which creating it names best).
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .map_err(io_err("create the folder", dir))?;
            }
            Err(e) => return Err(io_err("check the folder", dir)(e)),
            Ok(_) => {}
        }
        // Checked on the opened folder, not the name, so nothing can be swapped in between.
        let folder = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
            .open(dir)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => link(),
                Some(libc::ENOTDIR) => io_err("use the folder", dir)(e),
                _ => io_err("check the folder", dir)(e),
            })?;
        let meta = folder.metadata().map_err(io_err("check the folder", dir))?;
        if meta.uid() != euid() {
            return Err(refuse(format!(
                "it belongs to another user (user id {}); I only keep your data in a folder of yours",
                meta.uid()
            )));
        }
        if meta.permissions().mode() & 0o077 != 0 {
            folder
                .set_permissions(fs::Permissions::from_mode(0o700))
                .map_err(io_err("make private the folder", dir))?;
        }
        Ok(())
    }

    /// Reads the saved profile; an unreadable one is moved aside.
    pub fn load_profile(&self) -> Result<Loaded<Profile>, StorageError> {
        let path = self.profile();
        let text = match read_text(&path, crate::yaml::PROFILE_LIMITS.max_bytes as u64)? {
            None => return Ok(Loaded::Missing),
            Some(Ok(t)) => t,
            Some(Err(reason)) => return move_aside(&path, reason),
        };
        let value = match crate::yaml::parse(&text, crate::yaml::PROFILE_LIMITS) {
            Ok(v) => v,
            Err(e) => return move_aside(&path, e.to_string()),
        };
        if let Some(v) = value
            .get("version")
            .and_then(serde_yaml::Value::as_u64)
            .filter(|v| *v > crate::profile::PROFILE_VERSION)
        {
            return Err(StorageError::TooNew { path, version: v });
        }
        match Profile::from_value(&value) {
            Ok(p) => Ok(Loaded::Found(p)),
            Err(e) => move_aside(&path, format!("it has a problem: {}", e.problems.join(" "))),
        }
    }

    /// Reads the saved profile for a read-only use (an export): the same limits as
    /// `load_profile`, nothing moved. `Ok(None)` when there is none.
    pub fn read_profile(&self) -> Result<Option<Profile>, String> {
        let path = self.profile();
        let shown = crate::text::clean_line(&path.display().to_string());
        let bytes = match read_limited_nofollow(&path, crate::yaml::PROFILE_LIMITS.max_bytes as u64)
        {
            Ok(b) => b,
            Err(ReadError::Missing) => return Ok(None),
            Err(ReadError::NotRegular("a symbolic link")) => {
                return Err(link_refused(&path).to_string());
            }
            Err(e) => {
                return Err(format!(
                    "Your saved profile {shown} could not be read: {e}."
                ));
            }
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            format!("Your saved profile {shown} could not be read: it is not text.")
        })?;
        Profile::from_yaml(&text).map(Some).map_err(|e| {
            format!(
                "Your saved profile has a problem:\n  {}",
                e.problems.join("\n  ")
            )
        })
    }

    /// Saves the profile atomically.
    pub fn save_profile(&self, profile: &Profile) -> Result<(), StorageError> {
        self.ensure_dir(&self.dir)?;
        write_own(&self.profile(), profile.to_yaml().as_bytes())
    }

    /// Reads the checklist state without changing anything: `Ok(None)` when there is none,
    /// `Err(reason)` when it can't be read (for read-only uses such as exports).
    pub fn read_state(&self) -> Result<Option<State>, ReadProblem> {
        let path = self.state();
        let text = match read_text(&path, MAX_DATA_BYTES).map_err(ReadProblem::Storage)? {
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
        if json_too_deep(&text, MAX_JSON_DEPTH) {
            return Err(ReadProblem::Unreadable(format!(
                "it is nested more than {MAX_JSON_DEPTH} levels deep, the most her2prep reads"
            )));
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
        write_own(&self.state(), json.as_bytes())
    }

    /// Deletes every file this program wrote (the whole data folder). Refused while another
    /// her2prep holds the folder's lock: it would save the person's data again. A data folder
    /// that is a symbolic link is refused (deleting the link would leave the data where it
    /// is); a link inside it is removed, and the message says what it pointed to was left.
    pub fn forget(&self) -> Result<bool, StorageError> {
        let Ok(meta) = fs::symlink_metadata(&self.dir) else {
            return Ok(false);
        };
        let shown = |p: &Path| crate::text::clean_line(&p.display().to_string());
        if meta.file_type().is_symlink() {
            let target = fs::read_link(&self.dir).unwrap_or_default();
            return Err(StorageError::Partly(format!(
                "I deleted nothing: {} is a symbolic link to {}, not a folder of its own. If your her2prep data is there, delete that folder yourself; remove the link with: rm {}",
                shown(&self.dir),
                shown(&target),
                shown(&self.dir)
            )));
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
        // Links are deleted as links (never followed): say where they pointed.
        let mut links = Vec::new();
        for dir in [self.dir.clone(), self.exports()] {
            for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
                if e.file_type().is_ok_and(|t| t.is_symlink()) {
                    links.push((e.path(), fs::read_link(e.path()).unwrap_or_default()));
                }
            }
        }
        match fs::remove_dir_all(&self.dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(io_err("delete", &self.dir)(e)),
        }
        if links.is_empty() {
            return Ok(true);
        }
        let said: Vec<String> = links
            .iter()
            .map(|(l, t)| format!("{} was a link to {}", shown(l), shown(t)))
            .collect();
        Err(StorageError::Partly(format!(
            "I deleted {}, but {}: I removed the link{} and did not touch what {} to. Delete that yourself if it holds her2prep data.",
            shown(&self.dir),
            said.join(", and "),
            if links.len() == 1 { "" } else { "s" },
            if links.len() == 1 {
                "it points"
            } else {
                "they point"
            },
        )))
    }
}

/// The deepest checklist file read (a real one nests 4 levels).
pub const MAX_JSON_DEPTH: usize = 32;

/// True when JSON brackets (outside strings) nest deeper than `max`: a linear scan.
fn json_too_deep(text: &str, max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// `None` when missing; `Some(Err(reason))` when present but not readable text (too large,
/// not a regular file once opened, not UTF-8).
fn read_text(path: &Path, limit: u64) -> Result<Option<Result<String, String>>, StorageError> {
    let bytes = match read_limited_nofollow(path, limit) {
        Ok(b) => b,
        Err(ReadError::Missing) => return Ok(None),
        Err(ReadError::NotRegular("a symbolic link")) => return Err(link_refused(path)),
        Err(ReadError::Io(e)) => return Err(io_err("read", path)(e)),
        Err(e) => return Ok(Some(Err(e.to_string()))),
    };
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
    // The kept copy is as private as the rest, whatever mode it had: a file 0600, a folder
    // 0700 (it must stay enterable); a link is left as it is (changing it would change what
    // it points to).
    match fs::symlink_metadata(&to) {
        Ok(m) if m.is_file() => {
            let _ = fs::set_permissions(&to, fs::Permissions::from_mode(0o600));
        }
        Ok(m) if m.is_dir() => {
            let _ = fs::set_permissions(&to, fs::Permissions::from_mode(0o700));
        }
        _ => {}
    }
    Ok(Loaded::MovedAside { to, reason })
}

/// Why a file of the data folder that is a symbolic link is neither read nor written: the link
/// could point anywhere (`~/.bashrc`), and writing through it would put her2prep's data there.
/// The link and what it points to are left exactly as they are.
fn link_refused(path: &Path) -> StorageError {
    let shown = |p: &Path| crate::text::clean_line(&p.display().to_string());
    let target = fs::read_link(path)
        .map(|t| shown(&t))
        .unwrap_or_else(|_| "somewhere else".into());
    StorageError::Io {
        doing: "use".into(),
        path: path.to_path_buf(),
        source: io::Error::other(format!(
            "it is a symbolic link (to {target}); her2prep keeps your data only in ordinary files of its own folder and never reads or writes through a link there, so I have not touched the file it points to. If you made the link on purpose, put a copy of the file itself in its place; if you did not, remove the link: rm {}",
            shown(path)
        )),
    }
}

/// Saves one of the data folder's own files: atomically and privately, replacing only an
/// ordinary file. A symbolic link or anything else in its place (a pipe, a device, a folder)
/// is refused and left untouched; a link planted after this check is replaced by the rename
/// itself, never written through.
fn write_own(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(link_refused(path)),
        Ok(m) if !m.is_file() => {
            return Err(StorageError::Io {
                doing: "save".into(),
                path: path.to_path_buf(),
                source: io::Error::other(format!(
                    "{} is there instead of an ordinary file; move it away and I will save again",
                    kind_of(m.file_type())
                )),
            });
        }
        _ => {}
    }
    replace_file(path, bytes)
}

/// Writes a file atomically and privately: a 0600 temporary file in the same folder, flushed
/// to disk, renamed over the target, and the folder flushed so the rename survives a crash.
///
/// This is for files the person names (`--output`): a symbolic link is followed (the file it
/// points to is replaced, the link kept). The data folder's own files go through `write_own`,
/// which never writes through a link. A target that exists but is not a regular file (a
/// device such as `/dev/stdout`, a pipe) is written to directly rather than replaced. A pipe
/// nobody reads from is an error, never a wait.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let resolved;
    let path = match fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => return write_direct(path, bytes),
        Ok(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            resolved = fs::canonicalize(path).map_err(io_err("write", path))?;
            resolved.as_path()
        }
        _ => path,
    };
    replace_file(path, bytes)
}

/// The atomic replace itself: temporary file, flush, rename over `path` (never following a
/// link there: the rename replaces the name), flush the folder.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
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

/// Writes into a device or a pipe. Opened without waiting (a pipe with no reader fails at once
/// instead of hanging), then made blocking again for the write itself.
fn write_direct(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(io_err("write", path))?;
    // SAFETY: plain fcntl calls on a descriptor we own.
    unsafe {
        let fd = f.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    f.write_all(bytes)
        .and_then(|_| f.flush())
        .map_err(io_err("write", path))
}

/// True for a file that a her2prep export wrote and that may be replaced by the next one
/// without `--force`. The marker can be forged by anyone who can put text in a file, so the
/// file must also be the person's own: an ordinary file (not a link, which could point at
/// any file of theirs), owned by them, with no other names (a hard link), carrying the marker
/// where her2prep puts it: the JSON export's `"format"` at the top, the others' "Made with
/// her2prep on DATE." line at the very end, a PDF's creator in its metadata.
pub fn written_by_her2prep(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.uid() != euid() || meta.nlink() != 1 {
        return false;
    }
    let Ok(bytes) = read_limited_nofollow(path, 64 * 1024 * 1024) else {
        return false;
    };
    // A PDF is binary and compressed; ours names us in its XMP metadata, kept uncompressed.
    const PDF_MARK: &[u8] = b"<xmp:CreatorTool>her2prep</xmp:CreatorTool>";
    if bytes.starts_with(b"%PDF-") {
        return bytes.windows(PDF_MARK.len()).any(|w| w == PDF_MARK);
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return false;
    };
    if text.starts_with("{\n  \"format\": \"her2prep-checklist\",\n") {
        return true;
    }
    // The last line (HTML: its last paragraph, then the closing tags).
    let last = text.trim_end().rsplit('\n').next().unwrap_or("");
    // HTML: the footer's last paragraph, which ends with the marker after the sources.
    let html = last
        .strip_suffix("</p></footer></body></html>")
        .and_then(|l| l.rsplit_once("<p>").map(|(_, p)| p));
    let rest = match html {
        Some(p) => p.rsplit_once("Made with her2prep on ").map(|(_, r)| r),
        None => last.strip_prefix("Made with her2prep on "),
    };
    rest.and_then(|rest| {
        rest.split_once(". Everything stays on this computer.")
            .or_else(|| rest.split_once("; everything stays on this computer."))
    })
    .is_some_and(|(date, after)| {
        after.trim().is_empty() && date.parse::<jiff::civil::Date>().is_ok()
    })
}
