//! The headless command line: a thin layer over the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use her2prep::bank::Bank;
use her2prep::checklist::{self, Options};
use her2prep::choice::Choice;
use her2prep::export::files::{self, Printed};
use her2prep::export::pdf::{self, Paper, PdfOptions};
use her2prep::export::{Document, Format};
use her2prep::profile::{Clinician, Profile};
use her2prep::storage::{Paths, ReadProblem, write_atomic};
use her2prep::text::clean_line;

/// A private, offline helper that turns HER2-negative breast cancer results into a personalised
/// list of questions for your care team. Not medical advice. Everything stays on this computer.
#[derive(Debug, Parser)]
#[command(name = "her2prep", version, about, long_about = None)]
pub struct Cli {
    /// Use the question bank in this folder instead of the built-in one.
    #[arg(long, value_name = "DIR", global = true)]
    questions: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write your checklist to a file for printing (PDF, HTML, text, Markdown or JSON).
    Export(ExportArgs),
    /// Write your checklist as a PDF and send it to the default printer (with `lp`).
    Print(PrintArgs),
    /// Check a question bank folder and list every problem with file, line and question id.
    CheckBank {
        /// The folder holding the bank's .yaml files.
        dir: PathBuf,
    },
    /// Show where your profile, checklist and exports are kept.
    Paths,
    /// Delete everything her2prep has saved on this computer.
    Forget {
        /// Don't ask for confirmation (for scripts).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Pdf,
    Text,
    Markdown,
    Html,
    Json,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// Your profile (YAML). Without it, the profile saved by the app is used.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// The file format.
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,
    /// Only the N most important questions (a short list for a short visit).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "6")]
    top: Option<usize>,
    /// Only the questions for this clinician: medical-oncologist, surgeon, radiation-oncologist,
    /// genetic-counselor, nurse, primary-care, other.
    #[arg(long = "for", value_name = "CLINICIAN")]
    for_clinician: Option<String>,
    /// Large print (HTML and PDF).
    #[arg(long)]
    large_print: bool,
    /// Paper size for PDF. Default: Letter where the locale is US or Canadian, else A4.
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// The one-page copy for the doctor (HTML and PDF): the few questions most wanted today,
    /// with room for the clinician to write.
    #[arg(long)]
    doctor: bool,
    /// Where to write; `-` for the screen, or a folder. Default: the exports folder, named by
    /// date; an earlier export is never replaced (a second one the same day gets `-2`).
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, clap::Args)]
struct PrintArgs {
    /// Your profile (YAML). Without it, the profile saved by the app is used.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// Only the N most important questions (a short list for a short visit).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "6")]
    top: Option<usize>,
    /// Only the questions for this clinician (as for `export`).
    #[arg(long = "for", value_name = "CLINICIAN")]
    for_clinician: Option<String>,
    /// Large print.
    #[arg(long)]
    large_print: bool,
    /// Paper size. Default: Letter where the locale is US or Canadian, else A4.
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// Print the one-page copy for the doctor.
    #[arg(long)]
    doctor: bool,
}

/// Runs the program and returns the exit status.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        None => {
            if io::stdout().is_terminal() {
                load_bank(cli.questions.as_deref()).and_then(crate::ui::run)
            } else {
                Err("The interactive app needs a terminal. To write your checklist to a file, use `her2prep export`.".to_string())
            }
        }
        Some(Command::Export(args)) => {
            export(cli.questions.as_deref(), args, standard_paths()).map(|_| ())
        }
        Some(Command::Print(args)) => print(cli.questions.as_deref(), args, standard_paths()),
        Some(Command::CheckBank { dir }) => return check_bank(&dir),
        Some(Command::Paths) => paths(),
        Some(Command::Forget { yes }) => forget(yes),
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            // Never panic here: stderr may be a terminal that was just closed.
            let _ = writeln!(
                io::stderr(),
                "her2prep: {}",
                her2prep::text::clean(&message)
            );
            1
        }
    }
}

fn load_bank(dir: Option<&std::path::Path>) -> Result<Bank, String> {
    match dir {
        Some(d) => Bank::from_dir(d).map_err(|e| e.to_string()),
        None => Bank::builtin()
            .map_err(|e| format!("the built-in question bank is broken (please report this): {e}")),
    }
}

fn standard_paths() -> Result<Paths, String> {
    Paths::standard().map_err(|e| e.to_string())
}

/// `her2prep export`, saving under `paths` (tests give a folder of their own); the path written,
/// if a file was.
fn export(
    questions: Option<&std::path::Path>,
    args: ExportArgs,
    paths: Result<Paths, String>,
) -> Result<Option<PathBuf>, String> {
    let bank = load_bank(questions)?;
    let profile = match &args.profile {
        Some(file) => {
            let text = read_profile_file(file)?;
            Profile::from_yaml(&text).map_err(|e| {
                format!(
                    "The profile {} has a problem:\n  {}",
                    clean_line(&file.display().to_string()),
                    e.problems.join("\n  ")
                )
            })?
        }
        None => {
            let p = paths.as_ref().map_err(Clone::clone)?;
            let text = std::fs::read_to_string(p.profile()).map_err(|_| {
                "No profile given and none saved yet. Use --profile FILE (see the README for the format), or run her2prep to answer the questions.".to_string()
            })?;
            Profile::from_yaml(&text).map_err(|e| {
                format!(
                    "Your saved profile has a problem:\n  {}",
                    e.problems.join("\n  ")
                )
            })?
        }
    };
    let only_for = match &args.for_clinician {
        None => None,
        Some(c) => Some(
            Clinician::parse(c)
                .filter(|c| *c != Clinician::Unknown)
                .ok_or_else(|| {
                    let mut names = Clinician::names();
                    names.retain(|n| *n != "unknown");
                    format!(
                        "--for: \"{}\" is not one of the clinicians ({}).",
                        clean_line(c),
                        names.join(", ")
                    )
                })?,
        ),
    };
    if args.top == Some(0) {
        return Err("--top: the number of questions must be at least 1.".into());
    }
    // The saved answers and notes ride along; a damaged file is reported, not touched.
    let state = match paths.as_ref().ok().map(|p| p.read_state()) {
        Some(Ok(Some(s))) => s,
        Some(Err(ReadProblem::Unreadable(reason))) => {
            eprintln!(
                "her2prep: note: your saved checklist could not be read ({reason}); exporting without your notes."
            );
            Default::default()
        }
        Some(Err(ReadProblem::Storage(e))) => {
            eprintln!("her2prep: note: {e} Exporting without your notes.");
            Default::default()
        }
        _ => Default::default(),
    };
    let format = match args.format {
        FormatArg::Pdf => None,
        FormatArg::Text => Some(Format::Text),
        FormatArg::Markdown => Some(Format::Markdown),
        FormatArg::Html => Some(Format::Html),
        FormatArg::Json => Some(Format::Json),
    };
    if args.doctor && !matches!(format, None | Some(Format::Html)) {
        return Err("--doctor: the one-page copy for the doctor is made as PDF or HTML; add --format pdf or --format html.".into());
    }
    let options = Options {
        top: args.top,
        only_for,
        show_hidden: false,
    };
    let list = checklist::build(&bank, &profile, &state, &options);
    let today = her2prep::today();
    let doc = Document::new(
        &bank,
        &profile,
        &list,
        today,
        args.large_print,
        args.top.is_some(),
    );
    let paper = match args.paper {
        Some(PaperArg::A4) => Paper::A4,
        Some(PaperArg::Letter) => Paper::Letter,
        None => Paper::from_locale(),
    };
    let (bytes, extension) = match format {
        None => (
            pdf::render(
                &doc,
                &PdfOptions {
                    paper,
                    doctor: args.doctor,
                },
            )?,
            "pdf",
        ),
        Some(Format::Html) if args.doctor => (doc.render_doctor_html().into_bytes(), "html"),
        Some(f) => (doc.render(f).into_bytes(), f.extension()),
    };
    let stem = files::stem(today, args.doctor);
    let path = match args.output {
        Some(p) if p.as_os_str() == "-" => {
            let mut out = io::stdout().lock();
            return match out.write_all(&bytes).and_then(|_| out.flush()) {
                Ok(()) => Ok(None),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(None),
                Err(e) => Err(format!("I could not write to the screen: {e}.")),
            };
        }
        // A folder: a fresh name inside it, as in the exports folder.
        Some(p) if p.is_dir() => files::write_new(&p, &stem, extension, &bytes).map_err(|e| {
            format!(
                "I could not save your checklist in {}: {e}.",
                clean_line(&p.display().to_string())
            )
        })?,
        // A file the person named: they chose that name, so it is written (atomically).
        Some(p) => {
            write_atomic(&p, &bytes).map_err(|e| e.to_string())?;
            p
        }
        None => {
            let p = paths?;
            let dir = p.exports();
            p.ensure_dir(&dir)
                .map_err(|e| format!("{e} Use --output to choose another place."))?;
            files::write_new(&dir, &stem, extension, &bytes).map_err(|e| {
                format!(
                    "I could not save your checklist in {}: {e}. Use --output to choose another place.",
                    clean_line(&dir.display().to_string())
                )
            })?
        }
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    println!(
        "Saved your checklist to {}",
        clean_line(&path.display().to_string())
    );
    if extension == "html" {
        println!("To print it, open that file in a web browser and choose Print.");
    } else if matches!(extension, "pdf" | "txt") && !show_lp_command(&path) {
        println!(
            "To print it, open that file (double-click it in your file manager) and choose Print."
        );
    }
    Ok(Some(path))
}

/// Shows the `lp` command to paste when `lp` exists; false when it was not shown.
fn show_lp_command(path: &std::path::Path) -> bool {
    if files::find_lp().is_none() {
        return false;
    }
    match files::print_command(path) {
        Some(cmd) => {
            println!("To print it, type in a terminal: {cmd}");
            true
        }
        None => false,
    }
}

/// `her2prep print`: the PDF export, then `lp`.
fn print(
    questions: Option<&std::path::Path>,
    args: PrintArgs,
    paths: Result<Paths, String>,
) -> Result<(), String> {
    let export_args = ExportArgs {
        profile: args.profile,
        format: FormatArg::Pdf,
        top: args.top,
        for_clinician: args.for_clinician,
        large_print: args.large_print,
        paper: args.paper,
        doctor: args.doctor,
        output: None,
    };
    let Some(path) = export(questions, export_args, paths)? else {
        return Ok(());
    };
    let shown = clean_line(&path.display().to_string());
    match files::send_to_printer(&path) {
        Printed::Sent(msg) => {
            println!("Sent it to the default printer.");
            if !msg.is_empty() {
                println!("  {}", clean_line(&msg));
            }
            Ok(())
        }
        Printed::NoPrinter => Err(format!(
            "This computer has no printing command (lp), so nothing was printed. Your list is saved at {shown}: open that file (double-click it in your file manager) and choose Print, or copy it to a computer with a printer."
        )),
        Printed::Refused(msg) => Err(format!(
            "The printer did not take it ({}). Your list is saved at {shown}: open that file and choose Print, or try again with: {}",
            clean_line(&msg),
            files::print_command(&path).unwrap_or_else(|| "lp FILE".into())
        )),
    }
}

/// A profile is a few hundred bytes; anything past this is not one.
const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// Reads a profile file given on the command line, refusing what is not an ordinary file
/// (`/dev/zero` would never end) or far too large to be a profile.
fn read_profile_file(file: &std::path::Path) -> Result<String, String> {
    let shown = clean_line(&file.display().to_string());
    let meta = std::fs::metadata(file)
        .map_err(|e| format!("I could not read the profile {shown}: {e}."))?;
    if meta.is_dir() {
        return Err(format!(
            "{shown} is a folder; give the profile file inside it."
        ));
    }
    if !meta.is_file() {
        return Err(format!("The profile {shown} is not an ordinary file."));
    }
    if meta.len() > MAX_PROFILE_BYTES {
        return Err(format!(
            "The profile {shown} is larger than 1 MB; a profile is a short list of answers."
        ));
    }
    std::fs::read_to_string(file).map_err(|e| format!("I could not read the profile {shown}: {e}."))
}

fn check_bank(dir: &std::path::Path) -> i32 {
    match Bank::from_dir(dir) {
        Ok(bank) => {
            println!(
                "The bank is valid: {} questions in {} topics, {} glossary terms, {} source documents.",
                bank.questions.len(),
                bank.topics.len(),
                bank.glossary.terms.len(),
                bank.documents.len()
            );
            0
        }
        Err(e) => {
            eprint!("{}", her2prep::text::clean(&e.to_string()));
            1
        }
    }
}

fn paths() -> Result<(), String> {
    let p = standard_paths()?;
    let show = |p: PathBuf| clean_line(&p.display().to_string());
    println!("Everything her2prep saves is in {}", show(p.dir.clone()));
    println!("  your answers (profile):   {}", show(p.profile()));
    println!("  your checklist and notes: {}", show(p.state()));
    println!("  your exports:             {}", show(p.exports()));
    println!("Nothing is sent anywhere. `her2prep forget` deletes all of it.");
    Ok(())
}

fn forget(yes: bool) -> Result<(), String> {
    let p = standard_paths()?;
    let where_ = clean_line(&p.dir.display().to_string());
    if !p.dir.exists() {
        println!("Nothing to delete: {where_} does not exist.");
        return Ok(());
    }
    if !yes {
        if !io::stdin().is_terminal() {
            return Err(
                "To delete everything without being asked, use `her2prep forget --yes`.".into(),
            );
        }
        print!(
            "This deletes your answers, checklist, notes and exports in {where_}. Type yes to delete: "
        );
        let _ = io::stdout().flush();
        let mut line = String::new();
        io::stdin()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        if line.trim().to_lowercase() != "yes" {
            println!("Nothing was deleted.");
            return Ok(());
        }
    }
    p.forget().map_err(|e| e.to_string())?;
    println!("Deleted everything in {where_}.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A count, not a timing: an export reads the built-in bank once, as data (no YAML is
    /// parsed for it), and the profile is the only YAML read.
    #[test]
    fn an_export_reads_the_built_in_bank_once_and_parses_none_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("list.html");
        let profile = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/scenarios/metastatic-hr-positive-caregiver.yaml");
        let cli = Cli::try_parse_from([
            "her2prep".as_ref(),
            "export".as_ref(),
            "--profile".as_ref(),
            profile.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
        ])
        .unwrap();
        let Some(Command::Export(args)) = cli.command else {
            panic!("not an export")
        };
        let before = her2prep::bank::counts();
        export(None, args, Ok(Paths::at(dir.path()))).unwrap();
        let after = her2prep::bank::counts();
        assert_eq!(after.builtin - before.builtin, 1, "built-in bank reads");
        assert_eq!(after.yaml_files, before.yaml_files, "bank files parsed");
        assert!(std::fs::read_to_string(&out).unwrap().contains("<html"));
    }
}
