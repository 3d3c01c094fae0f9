//! Carries out the effects `update` asks for (saving, writing an export, quitting) and answers
//! with messages, so `update` stays free of I/O. The terminal loop, the plain mode and the tests
//! all send messages through [`dispatch`].

use std::collections::VecDeque;

use super::app::{App, Effect, Message, folder_path, step};
use crate::storage::Paths;
use crate::text::clean_line;

/// Applies a message and carries out every effect it leads to, answers included; then what the
/// screen draws is brought up to date.
pub fn dispatch(app: &mut App, msg: Message) {
    dispatch_deferred(app, msg);
    app.refresh();
}

/// [`dispatch`] leaving the list as it was: the terminal loop handles every key already
/// waiting this way (a fast typist, a paste) and refreshes once before it draws.
pub fn dispatch_deferred(app: &mut App, msg: Message) {
    let mut queue: VecDeque<Effect> = step(app, msg).into();
    while let Some(effect) = queue.pop_front() {
        if let Some(answer) = perform(app, effect) {
            queue.extend(step(app, answer));
        }
    }
}

/// Saves typing not yet saved (when the keys pause, and before closing).
pub fn flush(app: &mut App) {
    dispatch(app, Message::Pause);
}

fn perform(app: &mut App, effect: Effect) -> Option<Message> {
    match effect {
        Effect::Save => {
            let Some(paths) = &app.paths else {
                return Some(Message::Saved);
            };
            let result = paths
                .save_profile(&app.profile)
                .and_then(|_| paths.save_state(&app.state));
            Some(match result {
                Ok(()) => Message::Saved,
                Err(e) => Message::SaveFailed(e.to_string()),
            })
        }
        Effect::WriteExport {
            folder,
            data_dir,
            stem,
            extension,
            bytes,
        } => Some(
            match write_export_file(
                &folder,
                data_dir.as_deref(),
                std::env::var_os("HOME"),
                (&stem, &extension),
                &bytes,
            ) {
                Ok(path) => {
                    // A command to print it only where one is installed (quoted for pasting).
                    let print = crate::export::files::find_lp()
                        .and_then(|_| crate::export::files::print_command(&path));
                    Message::ExportWritten(path, print)
                }
                Err(e) => Message::ExportFailed(e),
            },
        ),
        Effect::Print(path) => Some(Message::Printed(printed(&path))),
        Effect::ReadReport(typed) => {
            Some(super::report::read_path(&typed, std::env::var_os("HOME")))
        }
        Effect::Quit => {
            app.quit = true;
            None
        }
    }
}

/// Sends a written file to the printer and says how it went, in plain words.
fn printed(path: &std::path::Path) -> String {
    use crate::export::files::{Printed, send_to_printer};
    let shown = clean_line(&path.display().to_string());
    match send_to_printer(path) {
        Printed::Sent(said) if said.is_empty() => {
            "Sent to the printer. The file stays where it was saved.".to_string()
        }
        Printed::Sent(said) => format!(
            "Sent to the printer ({}). The file stays where it was saved.",
            clean_line(&said)
        ),
        Printed::NoPrinter => format!(
            "There is no printing command (lp) on this computer: open {shown} and choose Print."
        ),
        Printed::Refused(why) => format!(
            "The printer did not take it ({}). The file is saved: open {shown} and choose Print.",
            clean_line(&why)
        ),
    }
}

/// Writes an export into the folder typed (`~` is `home`); returns the file's full path. The
/// runtime's half of `Effect::WriteExport`.
fn write_export_file(
    typed: &str,
    data_dir: Option<&std::path::Path>,
    home: Option<std::ffi::OsString>,
    (stem, extension): (&str, &str),
    bytes: &[u8],
) -> Result<std::path::PathBuf, String> {
    let Some(folder) = folder_path(typed, home) else {
        return Err("Type the folder to save the file in.".into());
    };
    let ours = data_dir.map(|d| Paths::at(d.to_path_buf()));
    if let Some(paths) = ours.as_ref().filter(|p| p.exports() == folder) {
        // Our own exports folder is made when needed, private like the rest of the data.
        paths.ensure_dir(&folder).map_err(|e| {
            format!("{e} Type another folder above (a memory stick, or your home folder).")
        })?;
    } else if !folder.is_dir() {
        let shown = clean_line(&folder.display().to_string());
        let what = if folder.exists() {
            format!("{shown} is a file, not a folder.")
        } else {
            format!("There is no folder {shown}.")
        };
        return Err(format!(
            "{what} Type a folder that exists, for example your home folder or a memory stick."
        ));
    }
    let folder = std::path::absolute(folder).map_err(|e| e.to_string())?;
    // A new name when one is taken: an earlier export is never replaced.
    crate::export::files::write_new(&folder, stem, extension, bytes).map_err(|e| e.to_string())
}
