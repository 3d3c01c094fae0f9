//! Where an export goes: a fresh name that never replaces an earlier export, and the printing
//! command shown or run for it.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

/// The first name tried for an export made on `today`: `her2prep-2026-12-01` or, for the
/// one-page copy for the doctor, `her2prep-doctor-2026-12-01` (without extension).
pub fn stem(today: Date, doctor: bool) -> String {
    if doctor {
        format!("her2prep-doctor-{today}")
    } else {
        format!("her2prep-{today}")
    }
}

/// The `n`th candidate name: `stem.ext`, then `stem-2.ext`, `stem-3.ext`...
fn candidate(stem: &str, extension: &str, n: u32) -> String {
    if n <= 1 {
        format!("{stem}.{extension}")
    } else {
        format!("{stem}-{n}.{extension}")
    }
}

/// The first name in `dir` not taken yet: `stem.ext`, else `stem-2.ext`, `stem-3.ext`... For
/// showing in advance; [`write_new`] is what guarantees nothing is replaced.
pub fn fresh_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    (1..)
        .map(|n| dir.join(candidate(stem, extension, n)))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("an unbounded range always finds a free name")
}

/// Writes `bytes` to a new file in `dir` named from `stem` as [`fresh_path`] does, and returns
/// its path. The file is complete or absent (written to a private temporary file, synced, then
/// linked in place with no-replace semantics), readable by the owner only, and an existing file
/// of that name is never replaced, even by an export made at the same moment.
pub fn write_new(dir: &Path, stem: &str, extension: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".her2prep-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Far more than anyone makes in a day; past it something is wrong (a full folder of names).
    for n in 1..=10_000 {
        let path = dir.join(candidate(stem, extension, n));
        match tmp.persist_noclobber(&path) {
            Ok(_) => {
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
                return Ok(path);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::other(format!(
        "there are already 10,000 files named {stem}-N.{extension}"
    )))
}

/// The printing command, if one is installed: the first `lp` on `PATH`.
pub fn find_lp() -> Option<PathBuf> {
    find_in_path(OsStr::new("lp"), std::env::var_os("PATH").as_deref())
}

/// The first executable file called `name` in the folders of `path` (a `PATH`-style list).
pub fn find_in_path(name: &OsStr, path: Option<&OsStr>) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::split_paths(path?)
        .filter(|d| d.is_absolute())
        .map(|d| d.join(name))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// A command for the person to copy and paste, e.g. `lp '/home/me/her2prep-2026-12-01.pdf'`:
/// every word is quoted for a POSIX shell, so a folder named `$(id)` stays a name. `None` when
/// a word cannot be quoted safely (a NUL byte, or a name that is not UTF-8); say where the file
/// is instead.
pub fn shell_command(words: &[&OsStr]) -> Option<String> {
    let mut parts = Vec::with_capacity(words.len());
    for w in words {
        let w = w.to_str()?;
        // Control characters (a newline in a folder name) would make the pasted line run early
        // or hide part of it: show no command rather than a misleading one.
        if w.chars().any(char::is_control) {
            return None;
        }
        parts.push(shlex::try_quote(w).ok()?.into_owned());
    }
    Some(parts.join(" "))
}

/// `lp FILE`, quoted for pasting (see [`shell_command`]).
pub fn print_command(file: &Path) -> Option<String> {
    shell_command(&[OsStr::new("lp"), file.as_os_str()])
}

/// How printing went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// `lp` accepted the file; its message (such as the request id), if any.
    Sent(String),
    /// No `lp` on this computer.
    NoPrinter,
    /// `lp` ran and refused (no default printer, printer off...): its message.
    Refused(String),
}

/// Sends `file` to the default printer with `lp`, where it exists.
pub fn send_to_printer(file: &Path) -> Printed {
    let Some(lp) = find_lp() else {
        return Printed::NoPrinter;
    };
    match std::process::Command::new(lp)
        .arg("--")
        .arg(file)
        .stdin(std::process::Stdio::null())
        .output()
    {
        Ok(out) if out.status.success() => {
            Printed::Sent(String::from_utf8_lossy(&out.stdout).trim().to_string())
        }
        Ok(out) => {
            let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
            Printed::Refused(if msg.is_empty() {
                format!("lp ended with {}", out.status)
            } else {
                msg
            })
        }
        Err(e) => Printed::Refused(format!("lp could not be started: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_count_up_from_the_plain_name() {
        assert_eq!(
            candidate("her2prep-2026-12-01", "pdf", 1),
            "her2prep-2026-12-01.pdf"
        );
        assert_eq!(
            candidate("her2prep-2026-12-01", "pdf", 2),
            "her2prep-2026-12-01-2.pdf"
        );
    }

    #[test]
    fn a_command_with_control_characters_is_not_offered() {
        assert_eq!(shell_command(&[OsStr::new("lp"), OsStr::new("a\nb")]), None);
        assert_eq!(
            shell_command(&[OsStr::new("lp"), OsStr::new("it's")]).as_deref(),
            Some("lp \"it's\"")
        );
    }
}
