//! The printed list as people take it to the appointment: the PDF the program writes (pages,
//! text, fonts, page breaks), the one-page copy for the doctor, export names that never replace
//! an earlier export, and the printing command shown and run.
//!
//! Page counts come from the PDF itself (its page objects). Text checks use poppler's
//! `pdftotext` where it is installed and say so when it is not.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use her2prep::bank::Bank;
use her2prep::checklist::{Checklist, Options, build};
use her2prep::export::files;
use her2prep::export::pdf::{self, Paper, PdfOptions};
use her2prep::export::{Document, doctor};
use her2prep::profile::Profile;
use her2prep::state::State;

const DAY: jiff::civil::Date = jiff::civil::date(2026, 12, 1);

fn scenarios() -> Vec<(String, Profile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut out: Vec<(String, Profile)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some(OsStr::new("yaml")))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, Profile::from_yaml(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 3, "example profiles in {}", dir.display());
    out
}

fn bank() -> Bank {
    Bank::builtin().unwrap()
}

fn list(bank: &Bank, p: &Profile, s: &State, top: Option<usize>) -> Checklist {
    build(
        bank,
        p,
        s,
        &Options {
            top,
            ..Options::default()
        },
    )
}

fn make(
    bank: &Bank,
    p: &Profile,
    l: &Checklist,
    large: bool,
    paper: Paper,
    doctor: bool,
) -> Vec<u8> {
    let doc = Document::new(bank, p, l, DAY, large, false);
    pdf::render(&doc, &PdfOptions { paper, doctor }).unwrap()
}

/// Page objects in the file (`/Type /Page`, not `/Pages`): no PDF library needed.
fn pages(pdf: &[u8]) -> usize {
    let pat = b"/Type/Page";
    let squeezed: Vec<u8> = pdf.iter().copied().filter(|b| *b != b' ').collect();
    squeezed
        .windows(pat.len() + 1)
        .filter(|w| &w[..pat.len()] == pat && w[pat.len()] != b's')
        .count()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn has(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

/// The text of page `page` (1-based), or of all pages, by `pdftotext`; `None` without poppler.
fn text_of(pdf: &[u8], page: Option<usize>) -> Option<String> {
    if !has("pdftotext") {
        // CI installs poppler (.ci/run): there a missing tool is a broken set-up, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but pdftotext (poppler-utils) is missing: the PDF text checks cannot run"
        );
        eprintln!("note: pdftotext is not installed (poppler-utils): text checks skipped");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, pdf).unwrap();
    let mut c = Command::new("pdftotext");
    if let Some(n) = page {
        c.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let out = c.arg(&f).arg("-").output().unwrap();
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Whitespace collapsed, so wrapped lines read as one.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_question_is_printed_whole_on_one_page_and_the_first_page_holds_the_first() {
    let bank = bank();
    for (name, p) in scenarios() {
        for large in [false, true] {
            let l = list(&bank, &p, &State::default(), None);
            let pdf = make(&bank, &p, &l, large, Paper::A4, false);
            let n = pages(&pdf);
            assert!(n >= 1, "{name}");
            let Some(all) = text_of(&pdf, None) else {
                return;
            };
            assert!(
                all.contains(&format!("Page {n} of {n}")),
                "{name}: the last page is numbered"
            );
            let page_texts: Vec<String> = (1..=n)
                .map(|i| squeeze(&text_of(&pdf, Some(i)).unwrap()))
                .collect();
            for (k, item) in l.items.iter().enumerate() {
                let q = squeeze(&format!("{}. {}", k + 1, item.text));
                let on: Vec<usize> = (0..n).filter(|i| page_texts[*i].contains(&q)).collect();
                assert_eq!(
                    on.len(),
                    1,
                    "{name} (large {large}): question {} whole on one page: {q}",
                    k + 1
                );
                if k == 0 {
                    assert_eq!(on, [0], "{name}: the first question is on the first page");
                }
            }
            for (i, t) in page_texts.iter().enumerate() {
                let name_shown = p.display_name().unwrap_or("my care team");
                assert!(
                    t.contains(&format!("Page {} of {n}", i + 1)),
                    "{name}: page number on page {}",
                    i + 1
                );
                assert!(
                    t.contains(name_shown),
                    "{name}: the patient's name on page {}",
                    i + 1
                );
            }
        }
    }
}

/// The text printed last on a page, above the running footer.
fn last_line(page: &str) -> String {
    page.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("her2prep ·") && !l.starts_with("Page "))
        .unwrap_or("")
        .to_string()
}

#[test]
fn no_heading_or_glossary_term_is_left_at_the_foot_of_a_page() {
    let bank = bank();
    for (name, p) in scenarios() {
        for (large, top) in [
            (false, None),
            (true, None),
            (false, Some(6)),
            (true, Some(6)),
        ] {
            let l = list(&bank, &p, &State::default(), top);
            let doc = Document::new(&bank, &p, &l, DAY, large, top.is_some());
            let pdf = pdf::render(&doc, &PdfOptions::default()).unwrap();
            let mut headings: Vec<String> =
                l.groups().iter().map(|g| g.title.to_string()).collect();
            headings.extend(
                [
                    "My results at a glance",
                    "My questions",
                    "My top questions",
                    "What my results usually mean",
                    "Words used in this list",
                ]
                .map(String::from),
            );
            // ("More questions and notes" is drawn as one block with its ruled lines, which
            // extract as no text, so it is not in this list.)
            let terms: Vec<String> = doc.terms.iter().map(|t| t.term.clone()).collect();
            for i in 1..=pages(&pdf) {
                let Some(t) = text_of(&pdf, Some(i)) else {
                    return;
                };
                let last = last_line(&t);
                assert!(
                    !headings.contains(&last),
                    "{name} (large {large}, top {top:?}): page {i} ends with the heading {last:?}"
                );
                assert!(
                    !terms.contains(&last),
                    "{name}: page {i} ends with the glossary term {last:?}"
                );
            }
        }
    }
}

#[test]
fn accents_quotes_and_ticks_survive_text_extraction_and_the_font_is_embedded() {
    let bank = bank();
    let (_, p) = scenarios().remove(0);
    let mut s = State::default();
    let own = s
        .add_own("Can my daughter Zoë come to the “chemo” café visits?", "")
        .unwrap();
    s.update_item(&own, |i| i.asked = true);
    let l = list(&bank, &p, &s, None);
    let pdf = make(&bank, &p, &l, false, Paper::Letter, false);
    assert!(
        contains(&pdf, b"/FontFile2"),
        "the TrueType font is embedded"
    );
    assert!(contains(&pdf, b"/ToUnicode"), "glyphs map back to text");
    assert!(contains(&pdf, b"/MediaBox[0 0 612 792]"), "Letter paper");
    assert!(
        contains(&pdf, b"/StructTreeRoot"),
        "tagged: a structure tree for screen readers"
    );
    assert!(contains(&pdf, b"/Lang"), "the language is declared");
    let Some(text) = text_of(&pdf, None) else {
        return;
    };
    assert!(
        squeeze(&text).contains("Can my daughter Zoë come to the “chemo” café visits?"),
        "{text}"
    );
    assert!(text.contains('✓'), "the asked question's box is ticked");
    if has("pdffonts") {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.pdf");
        std::fs::write(&f, &pdf).unwrap();
        let out =
            String::from_utf8(Command::new("pdffonts").arg(&f).output().unwrap().stdout).unwrap();
        let fonts: Vec<&str> = out.lines().skip(2).collect();
        assert_eq!(fonts.len(), 1, "one font: {out}");
        let cols: Vec<&str> = fonts[0].split_whitespace().collect();
        // name, type..., encoding, emb, sub, uni, object, id
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, with a Unicode map: {out}"
        );
    }
}

#[test]
fn the_glossary_holds_only_terms_the_printed_questions_use() {
    let bank = bank();
    for (name, p) in scenarios() {
        let l = list(&bank, &p, &State::default(), Some(6));
        let doc = Document::new(&bank, &p, &l, DAY, false, true);
        let pdf = pdf::render(&doc, &PdfOptions::default()).unwrap();
        let Some(text) = text_of(&pdf, None) else {
            return;
        };
        let text = squeeze(&text);
        for t in &bank.glossary.terms {
            let used = doc.terms.iter().any(|d| d.term == t.term);
            let printed = text.contains(&squeeze(&t.definition));
            assert_eq!(
                printed, used,
                "{name}: {} printed {printed}, used {used}",
                t.term
            );
        }
        assert!(
            !text.contains(".txt"),
            "{name}: sources by title, not file name"
        );
    }
}

#[test]
fn large_print_is_larger_and_takes_more_pages() {
    let bank = bank();
    for (name, p) in scenarios() {
        let l = list(&bank, &p, &State::default(), None);
        let normal = pages(&make(&bank, &p, &l, false, Paper::A4, false));
        let large = pages(&make(&bank, &p, &l, true, Paper::A4, false));
        assert!(
            large > normal,
            "{name}: {large} large-print pages, {normal} normal"
        );
    }
}

#[test]
fn the_doctor_copy_is_one_page_for_every_profile_paper_and_print_size() {
    let bank = bank();
    for (name, p) in scenarios() {
        for large in [false, true] {
            for paper in [Paper::A4, Paper::Letter] {
                let l = list(&bank, &p, &State::default(), None);
                let pdf = make(&bank, &p, &l, large, paper, true);
                assert_eq!(pages(&pdf), 1, "{name}, large {large}, {paper:?}");
                let doc = Document::new(&bank, &p, &l, DAY, large, false);
                let c = doctor::copy(&doc);
                let most = if large {
                    doctor::MOST_LARGE
                } else {
                    doctor::MOST
                };
                assert!(
                    !c.questions.is_empty() && c.questions.len() <= most,
                    "{name}: {}",
                    c.questions.len()
                );
                if c.questions.len() < c.open {
                    assert!(
                        c.left_out_note().is_some(),
                        "{name}: says that questions were left out"
                    );
                }
                if let Some(t) = text_of(&pdf, None) {
                    let t = squeeze(&t);
                    assert!(t.contains(&squeeze(&c.questions[0])), "{name}: {t}");
                    assert!(t.contains("Appointment:") && t.contains("Results at a glance"));
                    if let Some(n) = p.display_name() {
                        assert!(t.contains(n));
                    }
                }
            }
        }
    }
}

#[test]
fn the_doctor_copy_stays_one_page_with_many_long_starred_questions() {
    let bank = bank();
    let (_, p) = scenarios().remove(0);
    let mut s = State::default();
    let long = "Could you explain, in words I can repeat to my family afterwards, ".repeat(7);
    for i in 0..20 {
        let id = s.add_own(&format!("{i} {long}"), "").unwrap();
        s.update_item(&id, |it| it.starred = true);
    }
    for large in [false, true] {
        let l = list(&bank, &p, &s, None);
        for paper in [Paper::A4, Paper::Letter] {
            assert_eq!(
                pages(&make(&bank, &p, &l, large, paper, true)),
                1,
                "large {large} {paper:?}"
            );
        }
        let doc = Document::new(&bank, &p, &l, DAY, large, false);
        let c = doctor::copy(&doc);
        assert!(
            c.questions[0].starts_with("0 Could you"),
            "starred questions come first"
        );
        assert!(
            c.questions[0].ends_with("(in full on the list)"),
            "a long question is shortened, and says so"
        );
        assert!(c.left_out_note().unwrap().contains("more open question"));
    }
}

#[test]
fn paper_follows_the_locale() {
    let f = Paper::from_locale_vars;
    assert_eq!(f(None, None, Some("en_US.UTF-8")), Paper::Letter);
    assert_eq!(
        f(None, Some("fr_CA.UTF-8"), Some("en_GB.UTF-8")),
        Paper::Letter
    );
    assert_eq!(
        f(Some("de_DE.UTF-8"), Some("en_US"), None),
        Paper::A4,
        "LC_ALL wins"
    );
    assert_eq!(f(None, None, Some("en_GB.UTF-8")), Paper::A4);
    assert_eq!(f(None, None, Some("C.UTF-8")), Paper::A4);
    assert_eq!(f(Some(""), None, None), Paper::A4);
}

#[test]
fn a_second_export_gets_a_new_name_and_the_first_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let stem = files::stem(DAY, false);
    let a = files::write_new(dir.path(), &stem, "pdf", b"first").unwrap();
    let b = files::write_new(dir.path(), &stem, "pdf", b"second").unwrap();
    assert_eq!(a.file_name().unwrap(), "her2prep-2026-12-01.pdf");
    assert_eq!(b.file_name().unwrap(), "her2prep-2026-12-01-2.pdf");
    assert_eq!(std::fs::read(&a).unwrap(), b"first");
    assert_eq!(std::fs::read(&b).unwrap(), b"second");
    assert_eq!(
        files::fresh_path(dir.path(), &stem, "pdf")
            .file_name()
            .unwrap(),
        "her2prep-2026-12-01-3.pdf"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&b).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Nothing but the two exports is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

fn her2prep(home: &Path, path_var: &OsStr) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_her2prep"));
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("PATH", path_var)
        .env_remove("LC_ALL")
        .env_remove("LC_PAPER")
        .env("LANG", "en_US.UTF-8");
    c
}

fn profile_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios/metastatic-hr-positive-caregiver.yaml")
}

fn exports(home: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(home.join("config/her2prep/exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn exporting_twice_the_same_day_keeps_both_files_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    let day = her2prep::today();
    for format in ["html", "text", "markdown", "json", "pdf"] {
        for _ in 0..2 {
            let out = her2prep(home.path(), OsStr::new("/usr/bin:/bin"))
                .args(["export", "--format", format, "--profile"])
                .arg(profile_file())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let mut want = Vec::new();
    for ext in ["html", "txt", "md", "json", "pdf"] {
        want.push(format!("her2prep-{day}-2.{ext}"));
        want.push(format!("her2prep-{day}.{ext}"));
    }
    want.sort();
    assert_eq!(exports(home.path()), want);
}

/// A folder with a fake `lp` that writes the file it was given to `lp-got` beside it.
fn fake_lp(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let lp = bin.join("lp");
    std::fs::write(
        &lp,
        format!("#!/bin/sh\n[ \"$1\" = -- ] && shift\nprintf '%s' \"$1\" > '{}'\necho 'request id is fake-1 (1 file(s))'\n", dir.join("lp-got").display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn the_shown_print_command_keeps_a_folder_named_like_a_command_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("$(id) and `id` it's");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("her2prep-2026-12-01.pdf");
    let cmd = files::print_command(&file).unwrap();
    assert!(cmd.starts_with("lp '"), "{cmd}");
    // Pasted into a shell, the command hands `lp` the path as it is; nothing in it runs.
    let bin = fake_lp(dir.path());
    let status = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .stdout(std::process::Stdio::null())
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lp-got")).unwrap(),
        file.to_str().unwrap()
    );
}

#[test]
fn print_sends_the_pdf_to_lp_where_it_exists() {
    let home = tempfile::tempdir().unwrap();
    let bin = fake_lp(home.path());
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let out = her2prep(home.path(), OsStr::new(&path))
        .args(["print", "--profile"])
        .arg(profile_file())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Sent it to the default printer"),
        "{stdout}"
    );
    let got = std::fs::read_to_string(home.path().join("lp-got")).unwrap();
    let pdf = std::fs::read(&got).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "lp was given the PDF: {got}");
    assert!(
        contains(&pdf, b"/MediaBox[0 0 612 792]"),
        "Letter paper from LANG=en_US"
    );
}

#[test]
fn print_without_lp_says_where_the_file_is_and_how_to_print_it() {
    let home = tempfile::tempdir().unwrap();
    // A PATH without lp (the machine running the tests may have one in /usr/bin).
    let empty = home.path().join("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    let out = her2prep(home.path(), empty.as_os_str())
        .args(["print", "--doctor", "--profile"])
        .arg(profile_file())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "nothing was printed");
    assert!(stderr.contains("no printing command (lp)"), "{stderr}");
    let names = exports(home.path());
    assert_eq!(names.len(), 1);
    assert!(names[0].starts_with("her2prep-doctor-") && names[0].ends_with(".pdf"));
    assert!(
        stderr.contains(&names[0]),
        "says where the file is: {stderr}"
    );
    assert!(stderr.contains("choose Print"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("lp '"),
        "no lp command offered where there is no lp: {stdout}"
    );
}
