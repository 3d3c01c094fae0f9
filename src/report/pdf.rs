//! A PDF's text layer, read with poppler's `pdftotext` where it is installed (see the README
//! for why not a Rust crate), and a scanned PDF (pictures of pages, no text) recognised.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why a PDF's text could not be had, in plain words (`Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfProblem {
    /// The PDF holds no text: a scan.
    Scanned,
    /// `pdftotext` is not installed.
    NoReader,
    /// `pdftotext` failed or took too long.
    Failed(String),
}

impl std::fmt::Display for PdfProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfProblem::Scanned => write!(
                f,
                "This PDF has no text in it: it is a scan (pictures of the pages), and I cannot read pictures. Please type the results, or paste the report's text, into `her2prep read-report -`."
            ),
            PdfProblem::NoReader => write!(
                f,
                "To read a PDF I use the pdftotext program (from poppler-utils), which is not installed. Install poppler-utils, or open the PDF, select all its text, copy it, and paste it into `her2prep read-report -`."
            ),
            PdfProblem::Failed(why) => write!(
                f,
                "I could not read the text of this PDF ({why}). Open it, select all its text, copy it, and paste it into `her2prep read-report -`."
            ),
        }
    }
}

impl std::error::Error for PdfProblem {}

/// True when the bytes are a PDF (they start with `%PDF-`, perhaps after a little junk).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// True when the PDF's bytes show no font at all: such a PDF can hold no text. (Fonts inside
/// compressed object streams are not visible this way, so the answer is only "no" when sure.)
fn surely_no_fonts(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    !has(b"/Font") && !has(b"/ObjStm")
}

/// The longest a PDF's text may take to extract.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The most text taken from a PDF (a report is a few pages).
const MAX_TEXT: u64 = 4 * 1024 * 1024;

/// The text of a PDF, page by page (pages are separated by form feeds).
pub fn text_from_pdf(bytes: &[u8]) -> Result<String, PdfProblem> {
    if surely_no_fonts(bytes) {
        return Err(PdfProblem::Scanned);
    }
    let text = pdftotext(bytes)?;
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(PdfProblem::Scanned);
    }
    Ok(text)
}

fn pdftotext(bytes: &[u8]) -> Result<String, PdfProblem> {
    // -layout keeps a table's row on one line ("Estrogen receptor   Positive   95%").
    let child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PdfProblem::NoReader),
        Err(e) => return Err(PdfProblem::Failed(e.to_string())),
    };
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
        drop(stdin);
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.take(MAX_TEXT + 1).read_to_end(&mut out);
        }
        out
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfProblem::Failed("it took too long".into()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(PdfProblem::Failed(e.to_string())),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(PdfProblem::Failed("it may be damaged or protected".into()));
    }
    if out.len() as u64 > MAX_TEXT {
        return Err(PdfProblem::Failed(
            "it holds far more text than a report".into(),
        ));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_with_no_fonts_is_a_scan() {
        let scan = b"%PDF-1.4\n1 0 obj << /Type /XObject /Subtype /Image >> endobj\n%%EOF";
        assert!(looks_like_pdf(scan));
        assert_eq!(text_from_pdf(scan), Err(PdfProblem::Scanned));
        assert!(!looks_like_pdf(b"ER: positive"));
    }
}
