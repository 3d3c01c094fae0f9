//! The headless command line: a thin layer over the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use her2prep::bank::Bank;
use her2prep::checklist::{self, Options};
use her2prep::choice::Choice;
use her2prep::export::{Document, Format, file_name};
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
    /// Write your checklist to a file for printing (text, Markdown, HTML or JSON).
    Export(ExportArgs),
    /// Check a question bank folder and list every problem with file, line and question id.
    CheckBank {
        /// The folder holding the bank's .yaml files.
        dir: PathBuf,
    },
    /// Read your pathology report (a text file or PDF; `-` to paste it) and show what it says
    /// about ER, PR, HER2, grade, nodes, Ki-67, stage and sex, each with the line it came from.
    /// The report itself is never saved.
    ReadReport(ReadReportArgs),
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
    Text,
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormatArg {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
struct ReadReportArgs {
    /// The report: a text file or a PDF; `-` reads pasted text (end it with Ctrl-D).
    file: PathBuf,
    /// `text` (plain words) or `json` (for scripts).
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormatArg,
    /// Also write a profile with what was found (each answer above its source line), for
    /// `her2prep export --profile FILE`. Conflicting and unclear results are left out.
    #[arg(long, value_name = "FILE")]
    profile_out: Option<PathBuf>,
    /// Replace the --profile-out file if it already exists.
    #[arg(long)]
    force: bool,
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
    /// Large print (HTML).
    #[arg(long)]
    large_print: bool,
    /// Where to write; `-` for the screen. Default: the exports folder, named by date.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
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
        Some(Command::Export(args)) => export(cli.questions.as_deref(), args, standard_paths()),
        Some(Command::CheckBank { dir }) => return check_bank(&dir),
        Some(Command::ReadReport(args)) => read_report(args),
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

/// `her2prep export`, saving under `paths` (tests give a folder of their own).
fn export(
    questions: Option<&std::path::Path>,
    args: ExportArgs,
    paths: Result<Paths, String>,
) -> Result<(), String> {
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
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Json => Format::Json,
    };
    let rendered = doc.render(format);
    match args.output {
        Some(p) if p.as_os_str() == "-" => {
            let mut out = io::stdout().lock();
            match out.write_all(rendered.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("I could not write to the screen: {e}.")),
            }
        }
        Some(p) => {
            write_atomic(&p, rendered.as_bytes()).map_err(|e| e.to_string())?;
            println!(
                "Saved your checklist to {}",
                clean_line(&p.display().to_string())
            );
            Ok(())
        }
        None => {
            let p = paths?;
            let dir = p.exports();
            p.ensure_dir(&dir)
                .map_err(|e| format!("{e} Use --output to choose another place."))?;
            let path = dir.join(file_name(today, format));
            write_atomic(&path, rendered.as_bytes())
                .map_err(|e| format!("{e} Use --output to choose another place."))?;
            println!(
                "Saved your checklist to {}",
                clean_line(&path.display().to_string())
            );
            if format == Format::Html {
                println!("To print it, open that file in a web browser and choose Print.");
            } else if format == Format::Text {
                println!(
                    "To print it: lp \"{}\"",
                    clean_line(&path.display().to_string())
                );
            }
            Ok(())
        }
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

/// `her2prep read-report`: the report's text is read, shown back and dropped, never saved.
fn read_report(args: ReadReportArgs) -> Result<(), String> {
    use her2prep::report::{self, input};
    let stdin = args.file.as_os_str() == "-";
    let shown = if stdin {
        "the pasted report".to_string()
    } else {
        clean_line(&args.file.display().to_string())
    };
    // Refuse early, before the paste, if the profile would not be written.
    if let Some(out) = &args.profile_out
        && !args.force
        && std::fs::symlink_metadata(out).is_ok()
    {
        return Err(format!(
            "{} already exists; I did not read the report. Choose another name, or add --force to replace it.",
            clean_line(&out.display().to_string())
        ));
    }
    let bytes = if stdin {
        if io::stdin().is_terminal() {
            eprintln!("Paste your report, then press Ctrl-D on an empty line.");
        }
        input::read_stdin()?
    } else {
        input::read_file(&args.file)?
    };
    let text = input::text_of(&bytes, &shown)?;
    let findings = report::read(&text);
    let rendered = match args.format {
        ReportFormatArg::Json => findings.to_json(),
        ReportFormatArg::Text => report::plain::render(&findings, &shown),
    };
    let mut out = io::stdout().lock();
    match out.write_all(rendered.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(e) => return Err(format!("I could not write to the screen: {e}.")),
    }
    if let Some(path) = &args.profile_out {
        let mut profile = Profile::default();
        let filled = findings.apply_to(&mut profile);
        let yaml = report::profile_out::profile_yaml(&findings, &profile, &shown);
        // What is written must read back as the same answers.
        if Profile::from_yaml(&yaml).ok().as_ref() != Some(&profile) {
            return Err("the profile could not be written correctly (please report this).".into());
        }
        write_atomic(path, yaml.as_bytes()).map_err(|e| e.to_string())?;
        let where_ = clean_line(&path.display().to_string());
        // Messages go to stderr so that `--format json` output stays clean.
        eprintln!(
            "Wrote {} answer{} to {where_}. Check them, then: her2prep export --profile {where_}",
            filled.len(),
            if filled.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
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
