//! Getting a report's text from a file or from standard input: bounded reads (a device or a
//! pipe that never ends is refused or cut short, not read forever), PDFs through their text
//! layer, and plain words for everything that is not a report.

use std::path::Path;

use crate::storage::{Bounded, ReadError, Source};
use crate::text::clean_line;

/// The most bytes read from a report file or a paste (a portal PDF with images is a few MB).
pub const MAX_REPORT_BYTES: u64 = 32 * 1024 * 1024;

/// The storage's bounded reader (bytes actually read are counted; a folder, a pipe or a
/// device such as `/dev/zero` is refused once opened, never waited on).
fn bounded(from: Source<'_>, what: &str) -> Result<Vec<u8>, String> {
    Bounded::new(MAX_REPORT_BYTES)
        .read(from)
        .map_err(|e| match e {
            ReadError::Missing => format!("I could not read {what}: it does not exist."),
            ReadError::NotRegular("a folder") => {
                format!("{what} is a folder; give the report file inside it.")
            }
            ReadError::NotRegular(_) => format!(
                "{what} is not an ordinary file. To paste a report, use `her2prep read-report -`."
            ),
            ReadError::TooLarge { .. } => format!(
                "{what} is larger than {} MB; a pathology report is a few pages.",
                MAX_REPORT_BYTES / (1024 * 1024)
            ),
            ReadError::Io(e) => format!("I could not read {what}: {}.", reason(&e)),
        })
}

/// Where the command line's messages tell a person to paste a report.
const CLI_PASTE: &str = "`her2prep read-report -`";

/// A message of this module (or of [`super::PdfProblem`]) for the app, whose paste box is on
/// the screen: "paste it into the box on this screen" instead of the command.
pub fn in_app(message: &str) -> String {
    message.replace(CLI_PASTE, "the box on this screen")
}

/// The bytes of a report file: an ordinary file only.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    bounded(Source::Path(path), &clean_line(&path.display().to_string()))
}

/// The bytes pasted or piped on standard input.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    bounded(Source::Stdin, "the pasted report")
}

fn reason(e: &std::io::Error) -> String {
    crate::storage::plain_reason(e)
}

/// The text of a report from its bytes: a PDF's text layer, or the text itself.
pub fn text_of(bytes: &[u8], shown: &str) -> Result<String, String> {
    if super::pdf::looks_like_pdf(bytes) {
        return super::pdf::text_from_pdf(bytes).map_err(|e| e.to_string());
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        return Err(format!(
            "{shown} looks like a Word or other office document. Save it as PDF or plain text, or copy its text and paste it into `her2prep read-report -`."
        ));
    }
    if bytes.contains(&0) {
        return Err(format!(
            "{shown} is not text or a PDF (it may be a picture). If it is a scan, please type the results or paste the report's text into `her2prep read-report -`."
        ));
    }
    // Text saved in an older Windows encoding still reads: unknown bytes become U+FFFD.
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_binaries_are_refused_in_plain_words() {
        assert!(
            read_file(Path::new("/dev/zero"))
                .unwrap_err()
                .contains("not an ordinary file")
        );
        assert!(
            read_file(Path::new("/"))
                .unwrap_err()
                .contains("is a folder")
        );
        assert!(
            read_file(Path::new("/no/such/report.txt"))
                .unwrap_err()
                .contains("does not exist")
        );
        assert!(
            text_of(b"\x89PNG\r\n\x1a\n\0\0", "scan.png")
                .unwrap_err()
                .contains("not text")
        );
        assert!(
            text_of(b"PK\x03\x04rest", "r.docx")
                .unwrap_err()
                .contains("Word")
        );
        assert_eq!(text_of(b"ER: positive", "r").unwrap(), "ER: positive");
    }

    #[test]
    fn the_app_says_its_own_box_not_the_command() {
        let scan = in_app(&super::super::PdfProblem::Scanned.to_string());
        assert!(scan.contains("scan"), "{scan}");
        assert!(scan.contains("into the box on this screen"), "{scan}");
        assert!(!scan.contains("read-report"), "{scan}");
        let word = in_app(&text_of(b"PK\x03\x04rest", "r.docx").unwrap_err());
        assert!(
            !word.contains("read-report") && word.contains("Word"),
            "{word}"
        );
    }
}
