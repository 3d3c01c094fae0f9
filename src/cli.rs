//! The headless command line: a thin layer over the library.
//!
//! Laid out so that a new subcommand or flag is a local change: the argument types first
//! (`Cli`, `Command`, one `…Args` struct per subcommand), then `main` and `run` (one line per
//! subcommand), one function per subcommand, and last the output helpers every command prints
//! through (`Out`): a closed pipe (`her2prep paths | head -1`) ends quietly with status 0, as
//! ripgrep does, and any other write error (`> /dev/full`) is a plain message with status 1.

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use her2prep::bank::Bank;
use her2prep::checklist::{self, Options};
use her2prep::choice::Choice;
use her2prep::export::files::{self, Printed};
use her2prep::export::pdf::{self, Paper, PdfOptions};
use her2prep::export::{Document, Format};
use her2prep::profile::{Clinician, Profile};
use her2prep::storage::{Paths, ReadError, ReadProblem, StorageError, write_atomic};
use her2prep::text::clean_line;

/// Get ready for an appointment about HER2-negative breast cancer: answer a few questions about
/// the pathology report and get a list of questions to ask your care team, most important first.
#[derive(Debug, Parser)]
#[command(
    name = "her2prep",
    version,
    long_about = None,
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    /// Use the question bank in this folder instead of the built-in one.
    #[arg(long, value_name = "DIR", global = true)]
    questions: Option<PathBuf>,
    /// Print nothing but errors (to stderr); the exit status says how it went. What you ask
    /// for (`-o -`, `paths`, `completions`, `man`) is still printed.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Start the app as plain numbered prompts, one question at a time (for a screen reader
    /// or a simple terminal). Also when TERM=dumb, or when input or output is not a terminal.
    #[arg(long)]
    plain: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Shown under every `--help` of the program.
const AFTER_HELP: &str = "\
With no command, her2prep starts the app in this terminal.

This is not medical advice: your care team knows your situation best. Everything stays on this \
computer; nothing is sent anywhere. `her2prep paths` shows where it is kept, `her2prep forget` \
deletes it.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Write your checklist to a file for printing (PDF, HTML, text, Markdown or JSON).
    Export(ExportArgs),
    /// Write your checklist as a PDF and send it to the default printer (with `lp`).
    Print(ListArgs),
    /// Read your pathology report (a text file or PDF; `-` to paste it) and show what it says
    /// about ER, PR, HER2, grade, nodes, Ki-67, stage and sex, each with the line it came from.
    /// The report itself is never saved.
    ReadReport(ReadReportArgs),
    /// Check a question bank folder and list every problem with file, line and question id.
    CheckBank(CheckBankArgs),
    /// Show where your profile, checklist and exports are kept.
    Paths(PathsArgs),
    /// Delete everything her2prep has saved on this computer.
    Forget(ForgetArgs),
    /// Print a completion script for your shell (see the README to install it).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`.
    Man(ManArgs),
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    #[command(flatten)]
    list: ListArgs,
    /// The file format.
    #[arg(long, value_enum, ignore_case = true, default_value = "html")]
    format: FormatArg,
    /// Where to write: a file, a folder (the file is named as in the exports folder), or `-`
    /// for the screen. Default: the exports folder, named by date; an earlier export is never
    /// replaced (a second one the same day gets `-2`).
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace the --output file even though her2prep did not write it.
    #[arg(long)]
    force: bool,
}

/// What goes on the list and how it is laid out: the options `export` and `print` share.
#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Your profile (YAML); `-` reads it from standard input. Without it, the profile saved by
    /// the app is used.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// How many questions the visit list holds (default: the size chosen in the app, else 10;
    /// `--top` alone: 6). Starred, ticked, answered and your own questions are always on it.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "6",
          value_parser = at_least_one)]
    top: Option<usize>,
    /// After the visit list, every other question too, by topic.
    #[arg(long)]
    all: bool,
    /// A list for this clinician: ranked for a visit with them, their core questions first,
    /// only questions that suit them (and your own questions).
    #[arg(long = "for", value_name = "CLINICIAN", value_parser = ClinicianParser)]
    for_clinician: Option<ClinicianArg>,
    /// Large print (HTML and PDF).
    #[arg(long)]
    large_print: bool,
    /// Paper size for PDF. Default: Letter where the locale is US or Canadian, else A4.
    #[arg(long, value_enum, ignore_case = true)]
    paper: Option<PaperArg>,
    /// The one-page copy for the doctor (HTML and PDF): the few questions most wanted today,
    /// with room for the clinician to write.
    #[arg(long)]
    doctor: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// A PDF made by her2prep, ready to print (A4 or Letter).
    Pdf,
    /// Plain text, wrapped at 80 columns.
    #[value(alias = "txt")]
    Text,
    /// Markdown.
    #[value(alias = "md")]
    Markdown,
    /// A web page to print from a browser.
    #[value(alias = "htm")]
    Html,
    /// JSON, for programs.
    Json,
}

impl FormatArg {
    /// The export format; `None` for the PDF, which is made apart from the others.
    fn format(self) -> Option<Format> {
        match self {
            FormatArg::Pdf => None,
            FormatArg::Text => Some(Format::Text),
            FormatArg::Markdown => Some(Format::Markdown),
            FormatArg::Html => Some(Format::Html),
            FormatArg::Json => Some(Format::Json),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormatArg {
    /// Plain words, each finding with the line it came from.
    Text,
    /// JSON, for scripts (see the README for its keys).
    Json,
}

#[derive(Debug, clap::Args)]
struct ReadReportArgs {
    /// The report: a text file or a PDF; `-` reads pasted text (end it with Ctrl-D).
    file: PathBuf,
    /// `text` (plain words) or `json` (for scripts).
    #[arg(long, value_enum, ignore_case = true, default_value = "text")]
    format: ReportFormatArg,
    /// Also write a profile with what was found (each answer above its source line), for
    /// `her2prep export --profile FILE`. Conflicting and unclear results are left out.
    #[arg(long, value_name = "FILE")]
    profile_out: Option<PathBuf>,
    /// Replace the --profile-out file if it already exists.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PaperArg {
    /// A4 (210 x 297 mm).
    A4,
    /// US Letter (8.5 x 11 in).
    Letter,
}

#[derive(Debug, clap::Args)]
struct CheckBankArgs {
    /// The folder holding the bank's .yaml files.
    dir: PathBuf,
}

#[derive(Debug, clap::Args)]
struct PathsArgs {
    /// As JSON, for programs: {"data_dir", "profile", "checklist", "exports"}.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct ForgetArgs {
    /// Don't ask for confirmation (for scripts).
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, clap::Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, ignore_case = true)]
    shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
struct ManArgs {
    /// A command's own page (her2prep-export, …) instead of the main one.
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

/// `--for`: the clinicians of the profile format but "unknown", with its aliases (`oncologist`
/// …), so that help, errors and completions list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ClinicianArg(Clinician);

impl ValueEnum for ClinicianArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: LazyLock<Vec<ClinicianArg>> = LazyLock::new(|| {
            Clinician::ALL
                .iter()
                .filter(|(c, _, _)| *c != Clinician::Unknown)
                .map(|(c, _, _)| ClinicianArg(*c))
                .collect()
        });
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (_, name, aliases) = Clinician::ALL.iter().find(|(c, _, _)| *c == self.0)?;
        Some(PossibleValue::new(*name).aliases(aliases.iter().copied()))
    }
}

/// Reads `--for` as the profile format does (any case, spaces or underscores for hyphens);
/// anything else gets clap's error with the values and the nearest one.
#[derive(Debug, Clone, Copy)]
struct ClinicianParser;

impl TypedValueParser for ClinicianParser {
    type Value = ClinicianArg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<ClinicianArg, clap::Error> {
        match value.to_str().and_then(Clinician::parse) {
            Some(c) if c != Clinician::Unknown => Ok(ClinicianArg(c)),
            _ => EnumValueParser::<ClinicianArg>::new().parse_ref(cmd, arg, value),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            ClinicianArg::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("the number of questions must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("give a number of questions, such as 6".into()),
    }
}

/// How a command ended when it did not succeed.
#[derive(Debug)]
enum Failure {
    /// A plain message for stderr (shown after "her2prep: "): status 1.
    Message(String),
    /// A report already laid out (check-bank's list of problems), shown as it is: status 1.
    Report(String),
    /// A usage error found after parsing: clap's message, status 2.
    Usage(Box<clap::Error>),
    /// Whoever read our output stopped reading (`| head`): stop quietly, status 0.
    Closed,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Message(message.to_string())
    }
}

/// Runs the program and returns the exit status: 0 done (or the reader closed the pipe), 1
/// something went wrong (a plain message on stderr), 2 the command line is wrong.
pub fn main() -> i32 {
    // Past `ulimit -f`, a write fails and is reported instead of killing the program.
    her2prep::storage::ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return parse_error(e),
    };
    let out = Out { quiet: cli.quiet };
    match run(cli, &out) {
        Ok(()) | Err(Failure::Closed) => 0,
        Err(Failure::Message(message)) => {
            // Never panic here: stderr may be a terminal that was just closed.
            let _ = writeln!(
                io::stderr(),
                "her2prep: {}",
                her2prep::text::clean(&message)
            );
            1
        }
        Err(Failure::Report(report)) => {
            let _ = write!(io::stderr(), "{}", her2prep::text::clean(&report));
            1
        }
        Err(Failure::Usage(e)) => print_usage_error(&e),
    }
}

/// clap's message for a usage error, on stderr, with status 2. It repeats what was typed: text
/// that could steer the terminal is removed first (and then clap's colours go with it).
fn print_usage_error(e: &clap::Error) -> i32 {
    let plain = e.render().to_string();
    if plain.chars().any(her2prep::text::is_unsafe) {
        let _ = write!(io::stderr(), "{}", her2prep::text::clean(&plain));
    } else {
        let _ = e.print();
    }
    e.exit_code()
}

fn run(cli: Cli, out: &Out) -> Result<(), Failure> {
    let questions = cli.questions.as_deref();
    match cli.command {
        None => app(questions, cli.plain),
        Some(Command::Export(args)) => export(questions, args, standard_paths(), out).map(|_| ()),
        Some(Command::Print(args)) => print(questions, args, standard_paths(), out),
        Some(Command::ReadReport(args)) => read_report(args, out),
        Some(Command::CheckBank(args)) => check_bank(&args.dir, out),
        Some(Command::Paths(args)) => paths(args, out),
        Some(Command::Forget(args)) => forget(args, out),
        Some(Command::Completions(args)) => completions(args, out),
        Some(Command::Man(args)) => man(args, out),
    }
}

/// `--help` and `--version` go through `Out` like any output; usage errors get clap's
/// message (with a tip when the option belongs to a subcommand) and status 2.
fn parse_error(mut e: clap::Error) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            if io::stdout().is_terminal() {
                // clap colours it (NO_COLOR is honoured) and a terminal takes it whole.
                let _ = e.print();
                return 0;
            }
            let out = Out { quiet: false };
            match out.data(e.render().to_string()) {
                Ok(()) | Err(Failure::Closed) => 0,
                Err(Failure::Message(m)) => {
                    let _ = writeln!(io::stderr(), "her2prep: {m}");
                    1
                }
                Err(_) => 1,
            }
        }
        _ => {
            if e.kind() == ErrorKind::UnknownArgument {
                suggest_subcommand(&mut e);
            }
            print_usage_error(&e)
        }
    }
}

/// `her2prep --profile me.yaml` (no subcommand): clap has no suggestion, as `--profile` is
/// `export`'s. Say which command has it.
fn suggest_subcommand(e: &mut clap::Error) {
    let given_subcommand = std::env::args_os()
        .skip(1)
        .any(|a| Cli::command().find_subcommand(&a).is_some());
    if given_subcommand || e.get(ContextKind::SuggestedArg).is_some() {
        return;
    }
    let Some(ContextValue::String(flag)) = e.get(ContextKind::InvalidArg) else {
        return;
    };
    let Some(long) = flag.strip_prefix("--") else {
        return;
    };
    let long = long.split('=').next().unwrap_or(long);
    let owners: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|s| s.get_arguments().any(|a| a.get_long() == Some(long)))
        .map(|s| format!("'her2prep {} --{long}'", s.get_name()))
        .collect();
    if !owners.is_empty() {
        e.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![
                format!("--{long} belongs to a command: {}", owners.join(" or ")).into(),
            ]),
        );
    }
}

fn app(questions: Option<&Path>, plain: bool) -> Result<(), Failure> {
    let bank = load_bank(questions)?;
    if her2prep::ui::plain::wanted_here(plain) {
        return Ok(her2prep::ui::plain::run(bank)?);
    }
    Ok(her2prep::ui::run(bank)?)
}

fn load_bank(dir: Option<&Path>) -> Result<Bank, String> {
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
    questions: Option<&Path>,
    args: ExportArgs,
    paths: Result<Paths, String>,
    out: &Out,
) -> Result<Option<PathBuf>, Failure> {
    let format = args.format.format();
    if args.list.doctor && !matches!(format, None | Some(Format::Html)) {
        return Err("--doctor: the one-page copy for the doctor is made as PDF or HTML; add --format pdf or --format html.".into());
    }
    let bank = load_bank(questions)?;
    let profile = match &args.list.profile {
        Some(file) => {
            let (text, shown) = if file.as_os_str() == "-" {
                (read_profile_stdin()?, "from standard input".to_string())
            } else {
                (
                    read_profile_file(file)?,
                    clean_line(&file.display().to_string()),
                )
            };
            Profile::from_yaml(&text).map_err(|e| {
                format!(
                    "The profile {shown} has a problem:\n  {}",
                    e.problems.join("\n  ")
                )
            })?
        }
        None => {
            let p = paths.as_ref().map_err(Clone::clone)?;
            p.read_profile()?.ok_or_else(|| {
                "No profile given and none saved yet. Use --profile FILE (see the README for the format), or run her2prep to answer the questions.".to_string()
            })?
        }
    };
    // The saved answers and notes ride along; a damaged file is reported, not touched.
    let state = match paths.as_ref().ok().map(|p| p.read_state()) {
        Some(Ok(Some(s))) => s,
        Some(Err(ReadProblem::Unreadable(reason))) => {
            out.warn(&format!(
                "note: your saved checklist could not be read ({reason}); exporting without your notes."
            ));
            Default::default()
        }
        Some(Err(ReadProblem::Storage(e))) => {
            out.warn(&format!("note: {e} Exporting without your notes."));
            Default::default()
        }
        _ => Default::default(),
    };
    let options = Options {
        // The person's visit list size from the app (10 unless they changed it with t).
        top: Some(args.list.top.unwrap_or(state.visit_len())),
        all: args.list.all,
        only_for: args.list.for_clinician.map(|c| c.0),
        show_hidden: false,
    };
    let list = checklist::build(&bank, &profile, &state, &options);
    let today = her2prep::today();
    let doc = Document::new(
        &bank,
        &profile,
        &list,
        today,
        args.list.large_print,
        !args.list.all,
    );
    let paper = match args.list.paper {
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
                    doctor: args.list.doctor,
                },
            )?,
            "pdf",
        ),
        Some(Format::Html) if args.list.doctor => (doc.render_doctor_html().into_bytes(), "html"),
        Some(f) => (doc.render(f).into_bytes(), f.extension()),
    };
    let stem = files::stem(today, args.list.doctor);
    let named = format!("{stem}.{extension}");
    let path = match args.output {
        Some(p) if p.as_os_str() == "-" => return out.data(bytes).map(|()| None),
        Some(p) => {
            let target = output_path(p, &named)?;
            if target.is_dir() {
                // A folder: a fresh name inside it, as in the exports folder.
                files::write_new(&target, &stem, extension, &bytes)
                    .map_err(|e| save_error(&target, e).to_string())?
            } else {
                // A file the person named: that name, written atomically.
                check_output(
                    &target,
                    args.list.profile.as_deref(),
                    paths.as_ref().ok(),
                    args.force,
                )?;
                write_atomic(&target, &bytes).map_err(|e| e.to_string())?;
                // A save killed here before left its temporary file beside the target.
                let dir = target
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                her2prep::storage::remove_leftover_temp_files(dir, false);
                target
            }
        }
        None => {
            let p = paths?;
            let dir = p.exports();
            p.ensure_dir(&dir)
                .map_err(|e| format!("{e} Use --output to choose another place."))?;
            // Never replaces anything: an earlier export, or a pipe planted under its name.
            files::write_new(&dir, &stem, extension, &bytes).map_err(|e| {
                format!(
                    "{} Use --output to choose another place.",
                    save_error(&dir, e)
                )
            })?
        }
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    let shown = clean_line(&path.display().to_string());
    out.say(&format!("Saved your checklist to {shown}"))?;
    if extension == "html" {
        out.say("To print it, open that file in a web browser and choose Print.")?;
    } else if matches!(extension, "pdf" | "txt") {
        match files::find_lp().and(files::print_command(&path)) {
            Some(cmd) => out.say(&format!("To print it, type in a terminal: {cmd}"))?,
            None => out.say(
                "To print it, open that file (double-click it in your file manager) and choose Print.",
            )?,
        }
    }
    Ok(Some(path))
}

/// Saving an export into `dir` failed: the reason in plain words ("because the disk is full").
fn save_error(dir: &Path, source: io::Error) -> StorageError {
    StorageError::Io {
        doing: "save your checklist in".into(),
        path: dir.to_path_buf(),
        source,
    }
}

/// `her2prep read-report`: the report's text is read, shown back and dropped, never saved.
fn read_report(args: ReadReportArgs, out: &Out) -> Result<(), Failure> {
    use her2prep::report::{self, input};
    let stdin = args.file.as_os_str() == "-";
    let shown = if stdin {
        "the pasted report".to_string()
    } else {
        clean_line(&args.file.display().to_string())
    };
    // Refuse early, before the paste, if the profile would not be written.
    if let Some(path) = &args.profile_out
        && !args.force
        && std::fs::symlink_metadata(path).is_ok()
    {
        return Err(format!(
            "{} already exists; I did not read the report. Choose another name, or add --force to replace it.",
            clean_line(&path.display().to_string())
        )
        .into());
    }
    let bytes = if stdin {
        if io::stdin().is_terminal() {
            out.warn("Paste your report, then press Ctrl-D on an empty line.");
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
    out.data(rendered)?;
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
        out.warn(&format!(
            "Wrote {} answer{} to {where_}. Check them, then: her2prep export --profile {where_}",
            filled.len(),
            if filled.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(())
}

/// `her2prep print`: the PDF export, then `lp`.
fn print(
    questions: Option<&Path>,
    list: ListArgs,
    paths: Result<Paths, String>,
    out: &Out,
) -> Result<(), Failure> {
    let export_args = ExportArgs {
        list,
        format: FormatArg::Pdf,
        output: None,
        force: false,
    };
    let Some(path) = export(questions, export_args, paths, out)? else {
        return Ok(());
    };
    let shown = clean_line(&path.display().to_string());
    match files::send_to_printer(&path) {
        Printed::Sent(msg) => {
            out.say("Sent it to the default printer.")?;
            if !msg.is_empty() {
                out.say(&format!("  {}", clean_line(&msg)))?;
            }
            Ok(())
        }
        Printed::NoPrinter => Err(format!(
            "This computer has no printing command (lp), so nothing was printed. Your list is saved at {shown}: open that file (double-click it in your file manager) and choose Print, or copy it to a computer with a printer."
        )
        .into()),
        Printed::Refused(msg) => Err(format!(
            "The printer did not take it ({}). Your list is saved at {shown}: open that file and choose Print, or try again with: {}",
            clean_line(&msg),
            files::print_command(&path).unwrap_or_else(|| "lp FILE".into())
        )
        .into()),
    }
}

/// The file `-o PATH` means: PATH itself, or, for a folder (`-o DIR`, `-o DIR/`), the file
/// named as in the exports folder inside it. A folder that does not exist is not made.
fn output_path(path: PathBuf, named: &str) -> Result<PathBuf, String> {
    let shown = clean_line(&path.display().to_string());
    let says_folder = path
        .to_string_lossy()
        .chars()
        .last()
        .is_some_and(std::path::is_separator);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => Ok(path.join(named)),
        Err(e) if says_folder && e.kind() == io::ErrorKind::NotFound => Err(format!(
            "The folder {shown} does not exist. Make it first, or choose another place."
        )),
        _ if says_folder => Err(format!("{shown} is not a folder.")),
        _ => Ok(path),
    }
}

/// Refuses an `--output` that would destroy the person's data: the profile being read, a file
/// of the data folder other than an export, or an existing file her2prep did not write (unless
/// `--force`). Devices and pipes (`/dev/stdout`) are written to, never replaced.
fn check_output(
    out: &std::path::Path,
    profile: Option<&std::path::Path>,
    paths: Option<&Paths>,
    force: bool,
) -> Result<(), String> {
    let shown = clean_line(&out.display().to_string());
    let resolve = |p: &std::path::Path| -> Option<PathBuf> {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        // Not there yet: its folder, resolved, and its name.
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
    };
    let target = resolve(out);
    if let (Some(t), Some(pr)) = (&target, profile.and_then(|p| std::fs::canonicalize(p).ok()))
        && *t == pr
    {
        return Err(format!(
            "--output {shown} is the profile being read; writing the checklist there would replace your answers. Choose another file."
        ));
    }
    if let (Some(t), Some(data)) = (
        &target,
        paths.and_then(|p| std::fs::canonicalize(&p.dir).ok()),
    ) {
        let exports = data.join("exports");
        if t.starts_with(&data) && !t.starts_with(&exports) {
            return Err(format!(
                "--output {shown} is in her2prep's data folder, where your answers and notes are kept; I write exports only into its exports folder. Choose another place."
            ));
        }
    }
    match std::fs::metadata(out) {
        Ok(m) if m.is_file() && !force && !written_by_her2prep(out) => Err(format!(
            "{shown} already exists and was not written by her2prep; I don't replace it. Add --force to replace it, or choose another name."
        )),
        _ => Ok(()),
    }
}

/// True for a file a her2prep export wrote (each format carries a line saying so).
fn written_by_her2prep(path: &std::path::Path) -> bool {
    her2prep::storage::written_by_her2prep(path)
}

/// A profile is a few hundred bytes; anything past this is not one.
const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// Reads a profile file given on the command line. Ordinary files and pipes (`--profile
/// <(…)`, `/dev/stdin`) are read, counting the bytes actually read (a file in /proc says it
/// is empty); folders and devices (`/dev/zero` would never end) are refused.
fn read_profile_file(file: &Path) -> Result<String, String> {
    let shown = clean_line(&file.display().to_string());
    let bytes = match her2prep::storage::Bounded::new(MAX_PROFILE_BYTES)
        .pipes()
        .read(her2prep::storage::Source::Path(file))
    {
        Ok(b) => b,
        Err(ReadError::NotRegular("a folder")) => {
            return Err(format!(
                "{shown} is a folder; give the profile file inside it."
            ));
        }
        Err(e @ ReadError::TooLarge { .. }) => {
            return Err(format!(
                "The profile {shown} could not be read: {e}; a profile is a short list of answers."
            ));
        }
        Err(e) => return Err(format!("I could not read the profile {shown}: {e}.")),
    };
    String::from_utf8(bytes).map_err(|_| format!("The profile {shown} is not text (not UTF-8)."))
}

/// `--profile -`: the profile from standard input, bounded like a file.
fn read_profile_stdin() -> Result<String, String> {
    if io::stdin().is_terminal() {
        return Err("--profile - reads the profile from standard input, which is this terminal. Pipe the file in (her2prep export --profile - < me.yaml), or give its name.".into());
    }
    let what = "The profile from standard input";
    let bytes = match her2prep::storage::Bounded::new(MAX_PROFILE_BYTES)
        .read(her2prep::storage::Source::Stdin)
    {
        Ok(b) => b,
        Err(ReadError::TooLarge { .. }) => {
            return Err(format!(
                "{what} is larger than 1 MB; a profile is a short list of answers."
            ));
        }
        Err(e) => return Err(format!("I could not read {}: {e}.", what.to_lowercase())),
    };
    String::from_utf8(bytes).map_err(|_| format!("{what} is not text (not UTF-8)."))
}

fn check_bank(dir: &Path, out: &Out) -> Result<(), Failure> {
    match Bank::from_dir(dir) {
        Ok(bank) => out.say(&format!(
            "The bank is valid: {} questions in {} topics, {} glossary terms, {} source documents.",
            bank.questions.len(),
            bank.topics.len(),
            bank.glossary.terms.len(),
            bank.documents.len()
        )),
        Err(e) => Err(Failure::Report(e.to_string())),
    }
}

fn paths(args: PathsArgs, out: &Out) -> Result<(), Failure> {
    let p = standard_paths()?;
    if args.json {
        let text = |path: &Path| {
            path.to_str().map(str::to_string).ok_or_else(|| {
                format!(
                    "{} is not valid text (UTF-8), so it cannot be written as JSON; `her2prep paths` shows it.",
                    clean_line(&path.display().to_string())
                )
            })
        };
        let json = serde_json::json!({
            "data_dir": text(&p.dir)?,
            "profile": text(&p.profile())?,
            "checklist": text(&p.state())?,
            "exports": text(&p.exports())?,
        });
        return out.data(format!("{}\n", terminal_safe_json(&json.to_string())));
    }
    let show = |p: PathBuf| clean_line(&p.display().to_string());
    out.data(format!(
        "Everything her2prep saves is in {}\n  your answers (profile):   {}\n  your checklist and notes: {}\n  your exports:             {}\nNothing is sent anywhere. `her2prep forget` deletes all of it.\n",
        show(p.dir.clone()),
        show(p.profile()),
        show(p.state()),
        show(p.exports()),
    ))
}

/// JSON with every character that could steer a terminal (controls, bidi marks, zero-width
/// and tag characters) written as a `\u` escape, so `cat` of it is safe; programs read the same.
fn terminal_safe_json(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        let steers = her2prep::text::is_unsafe(c)
            || matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}');
        if steers && c != '\n' && c != '\t' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                safe.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            safe.push(c);
        }
    }
    safe
}

fn forget(args: ForgetArgs, out: &Out) -> Result<(), Failure> {
    let p = standard_paths()?;
    let where_ = clean_line(&p.dir.display().to_string());
    if !p.dir.exists() {
        return out.say(&format!("Nothing to delete: {where_} does not exist."));
    }
    if !args.yes {
        if !io::stdin().is_terminal() {
            return Err(
                "To delete everything without being asked, use `her2prep forget --yes`.".into(),
            );
        }
        out.data(format!(
            "This deletes your answers, checklist, notes and exports in {where_}. Type yes to delete: "
        ))?;
        let mut line = String::new();
        io::stdin().read_line(&mut line).map_err(|e| plain_io(&e))?;
        if line.trim().to_lowercase() != "yes" {
            return out.say("Nothing was deleted.");
        }
    }
    p.forget().map_err(|e| e.to_string())?;
    out.say(&format!("Deleted everything in {where_}."))
}

fn completions(args: CompletionsArgs, out: &Out) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "her2prep", &mut script);
    out.data(script)
}

fn man(args: ManArgs, out: &Out) -> Result<(), Failure> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let name = name.strip_prefix("her2prep-").unwrap_or(name);
            match cmd.find_subcommand(name) {
                Some(sub) if name != "help" => sub.clone(),
                _ => {
                    let names: Vec<&str> = cmd
                        .get_subcommands()
                        .map(clap::Command::get_name)
                        .filter(|n| *n != "help")
                        .collect();
                    let e = cmd.error(
                        ErrorKind::InvalidValue,
                        format!(
                            "there is no command '{}'; the pages are: {}",
                            clean_line(name),
                            names.join(", ")
                        ),
                    );
                    return Err(Failure::Usage(Box::new(e)));
                }
            }
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(|e| plain_io(&e))?;
    out.data(roff)
}

/// Every word a command prints goes through here.
struct Out {
    /// `--quiet`: no lines saying what was done.
    quiet: bool,
}

impl Out {
    /// What the person asked to see (`-o -`, `paths`, a completion script, the manual):
    /// always written.
    fn data(&self, bytes: impl AsRef<[u8]>) -> Result<(), Failure> {
        let mut stdout = io::stdout().lock();
        match stdout
            .write_all(bytes.as_ref())
            .and_then(|()| stdout.flush())
        {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Failure::Closed),
            Err(e) => Err(Failure::Message(
                StorageError::Io {
                    doing: "write to".into(),
                    path: "the standard output".into(),
                    source: e,
                }
                .to_string(),
            )),
        }
    }

    /// A line saying what was done ("Saved your checklist to …"); left out with `--quiet`.
    fn say(&self, line: &str) -> Result<(), Failure> {
        if self.quiet {
            return Ok(());
        }
        self.data(format!("{line}\n"))
    }

    /// A warning about the person's data (an export without their notes) on stderr: kept with
    /// `--quiet`, since the result is not what they expect.
    fn warn(&self, line: &str) {
        let _ = writeln!(io::stderr(), "her2prep: {}", her2prep::text::clean(line));
    }
}

/// The system's reason in plain words, without "(os error N)".
fn plain_io(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
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
            .join("tests/fixtures/scenarios/metastatic-hr-positive-caregiver.yaml");
        let cli = Cli::try_parse_from([
            "her2prep".as_ref(),
            "export".as_ref(),
            "--profile".as_ref(),
            profile.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
            "--quiet".as_ref(),
        ])
        .unwrap();
        let Some(Command::Export(args)) = cli.command else {
            panic!("not an export")
        };
        let before = her2prep::bank::counts();
        export(
            None,
            args,
            Ok(Paths::at(dir.path().join("data"))),
            &Out { quiet: true },
        )
        .unwrap();
        let after = her2prep::bank::counts();
        assert_eq!(after.builtin - before.builtin, 1, "built-in bank reads");
        assert_eq!(after.yaml_files, before.yaml_files, "bank files parsed");
        assert!(std::fs::read_to_string(&out).unwrap().contains("<html"));
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_clinician_but_unknown_is_a_for_value_with_its_aliases() {
        let values: Vec<PossibleValue> = ClinicianArg::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .collect();
        assert_eq!(values.len(), Clinician::ALL.len() - 1);
        for (c, name, aliases) in Clinician::ALL {
            let found = values.iter().find(|v| v.get_name() == *name);
            assert_eq!(found.is_some(), *c != Clinician::Unknown, "{name}");
            for alias in *aliases {
                assert!(found.unwrap().matches(alias, false), "{name}: {alias}");
            }
        }
    }

    #[test]
    fn terminal_steering_characters_are_escaped_in_json() {
        let json = serde_json::json!({"p": "/a\u{202E}b\u{85}c\u{9b}d\u{7f}e\u{1b}f\u{E0041}é"})
            .to_string();
        let safe = terminal_safe_json(&json);
        assert_eq!(
            safe,
            r#"{"p":"/a\u202eb\u0085c\u009bd\u007fe\u001bf\udb40\udc41é"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            back
        );
    }
}
