//! The command line as a person types it: the real binary, its output and its exit status.
//!
//! - Every example of the README's "Headless use" section runs as written (a `sh` command line
//!   in a scratch folder holding `me.yaml` and `questions/`) and must print what the README
//!   shows, where `[..]` stands for any text on a line and `...` for any lines.
//! - `--help` of the program and of each command is a snapshot (`tests/snapshots/cli__*`). A
//!   new command gets one on its first run; after a deliberate change regenerate them with
//!   `INSTA_UPDATE=always cargo test --test cli help` and read the diff.
//! - Usage errors end with status 2; a closed pipe with status 0 and nothing on stderr; a full
//!   output (`> /dev/full`) with status 1 and a plain message, for every command that prints.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_her2prep");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn caregiver() -> PathBuf {
    root().join("tests/fixtures/scenarios/metastatic-hr-positive-caregiver.yaml")
}

/// The program with its data kept under `home` (no colour, 80 columns).
fn her2prep(home: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .current_dir(home)
        .stdin(Stdio::null());
    c
}

fn run(home: &Path, args: &[&str]) -> Output {
    her2prep(home).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The scratch folder the README's examples run in.
fn readme_folder() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::copy(caregiver(), d.path().join("me.yaml")).unwrap();
    fs::create_dir(d.path().join("questions")).unwrap();
    for entry in fs::read_dir(root().join("questions")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            d.path().join("questions").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    d
}

/// One `$ command` of a README example with the status and output it shows.
#[derive(Debug)]
struct Example {
    line: usize,
    command: String,
    status: i32,
    output: String,
}

/// The ```console blocks of the README's "Headless use" section.
fn readme_examples() -> Vec<Example> {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("\n## Headless use\n")
        .expect("the README has a \"Headless use\" section");
    // The section ends at the next heading (its "### Shell completions" part is not run).
    let section_end = readme[start + 1..]
        .find("\n#")
        .map_or(readme.len(), |i| start + 1 + i);
    let first_line = readme[..start].lines().count() + 1;
    let mut examples: Vec<Example> = Vec::new();
    let mut in_block = false;
    for (n, line) in readme[start..section_end].lines().enumerate() {
        let line_no = first_line + n;
        if let Some(info) = line.strip_prefix("```") {
            if !in_block {
                assert_eq!(
                    info, "console",
                    "README.md:{line_no}: examples in \"Headless use\" are ```console blocks, so that they are tested"
                );
            }
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            examples.push(Example {
                line: line_no,
                command: command.to_string(),
                status: 0,
                output: String::new(),
            });
        } else if let Some(status) = line.strip_prefix("? ") {
            examples.last_mut().unwrap().status = status.parse().unwrap();
        } else if let Some(last) = examples.last_mut() {
            last.output.push_str(line);
            last.output.push('\n');
        }
    }
    examples
}

#[test]
fn every_headless_example_in_the_readme_works_as_shown() {
    let examples = readme_examples();
    assert!(examples.len() >= 8, "{examples:#?}");
    let d = readme_folder();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for ex in &examples {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("{} 2>&1", ex.command))
            .env("PATH", &path)
            .env("XDG_CONFIG_HOME", d.path().join("config"))
            .env("HOME", d.path())
            .env("NO_COLOR", "1")
            .current_dir(d.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(ex.status),
            "README.md:{}: `{}` ended with {:?}:\n{}",
            ex.line,
            ex.command,
            out.status,
            text(&out.stdout)
        );
        let shown = ex.output.trim_end().to_string() + "\n";
        let got = text(&out.stdout).trim_end().to_string() + "\n";
        if let Err(e) = snapbox::Assert::new().try_eq(
            Some(&format!("README.md:{} `{}`", ex.line, ex.command)),
            got.into(),
            shown.into(),
        ) {
            panic!("{e}");
        }
    }
}

/// The commands listed by `her2prep --help`, so that a new one gets a help snapshot too.
fn commands() -> Vec<String> {
    let d = tempfile::tempdir().unwrap();
    let help = text(&run(d.path(), &["--help"]).stdout);
    help.split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        // A name starts at column 3; wrapped descriptions further right.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_of_the_program_and_of_each_command_reads_well_at_80_columns() {
    let d = tempfile::tempdir().unwrap();
    let mut pages = vec![vec!["--help".to_string()]];
    for c in commands() {
        pages.push(vec![c, "--help".to_string()]);
    }
    assert!(pages.len() >= 7, "{pages:?}");
    for args in &pages {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(d.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
        let help = text(&out.stdout);
        for line in help.lines() {
            assert!(
                unicode_width(line) <= 80,
                "{args:?}: a line longer than 80 columns: {line}"
            );
        }
        let name = format!("help_{}", args[..args.len() - 1].join("_"))
            .trim_end_matches('_')
            .to_string();
        insta::assert_snapshot!(name, help);
    }
    let main = text(&run(d.path(), &["--help"]).stdout);
    let main = main.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(main.contains("This is not medical advice"), "{main}");
    assert!(main.contains("Everything stays on this computer"), "{main}");
    let short = text(&run(d.path(), &["-h"]).stdout);
    assert!(short.contains("not medical advice"), "{short}");
    // Closed sets are listed, aliases work but are not shown.
    let export = text(&run(d.path(), &["export", "--help"]).stdout);
    assert!(export.contains("medical-oncologist, surgeon"), "{export}");
    assert!(!export.contains("breast-surgeon"), "{export}");
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn usage_errors_end_with_status_2_and_a_useful_tip() {
    let d = tempfile::tempdir().unwrap();
    let p = caregiver();
    let p = p.to_str().unwrap();
    for (args, says) in [
        (vec!["--bogus"], "unexpected argument '--bogus'"),
        (vec!["exprot"], "'export'"),
        (
            vec!["export", "--quite"],
            "a similar argument exists: '--quiet'",
        ),
        (
            vec!["export", "--porfile", p],
            "a similar argument exists: '--profile'",
        ),
        (vec!["--profile", p], "'her2prep export --profile'"),
        (vec!["--output=x.html"], "'her2prep export --output'"),
        (
            vec!["export", "--format", "pdff"],
            "[possible values: pdf, text, markdown, html, json",
        ),
        (
            vec!["export", "--for", "dentist"],
            "invalid value 'dentist' for '--for <CLINICIAN>'",
        ),
        (
            vec!["export", "--for", "surgen"],
            "a similar value exists: 'surgeon'",
        ),
        (
            vec!["export", "--top", "0"],
            "the number of questions must be at least 1",
        ),
        (vec!["export", "--top", "six"], "give a number of questions"),
        (
            vec!["check-bank"],
            "the following required arguments were not provided",
        ),
        (
            vec!["completions", "tcsh"],
            "[possible values: bash, elvish, fish, powershell, zsh]",
        ),
        (
            vec!["man", "nosuch"],
            "there is no command 'nosuch'; the pages are: export",
        ),
        (vec!["paths", "extra"], "unexpected argument 'extra'"),
    ] {
        let out = run(d.path(), &args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: wanted {says:?} in\n{err}");
    }
    // Aliases and spellings the profile format accepts are accepted here too.
    for value in [
        "oncologist",
        "Medical Oncologist",
        "breast_surgeon",
        "GP",
        "SURGEON",
    ] {
        let out = run(
            d.path(),
            &["export", "--profile", p, "-o", "-", "--for", value],
        );
        assert_eq!(out.status.code(), Some(0), "{value}: {}", text(&out.stderr));
    }
    for value in ["txt", "md", "HTML", "htm"] {
        let out = run(
            d.path(),
            &["export", "--profile", p, "-o", "-", "--format", value],
        );
        assert_eq!(out.status.code(), Some(0), "{value}: {}", text(&out.stderr));
    }
}

/// Every command that prints, in a data folder that has something to print and forget.
fn printing_commands(home: &Path) -> Vec<(&'static str, Vec<String>)> {
    let p = caregiver().to_str().unwrap().to_string();
    let file = home.join("list.html").to_str().unwrap().to_string();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        ("paths", s(&["paths"])),
        ("paths --json", s(&["paths", "--json"])),
        (
            "check-bank",
            s(&["check-bank", root().join("questions").to_str().unwrap()]),
        ),
        (
            "export -o FILE",
            s(&["export", "--profile", &p, "-o", &file]),
        ),
        ("export (exports folder)", s(&["export", "--profile", &p])),
        (
            "export -o -",
            s(&["export", "--profile", &p, "-o", "-", "--format", "text"]),
        ),
        ("forget --yes", s(&["forget", "--yes"])),
        ("completions", s(&["completions", "bash"])),
        ("man", s(&["man"])),
        ("--help", s(&["--help"])),
        ("export --help", s(&["export", "--help"])),
        ("--version", s(&["--version"])),
    ]
}

/// A pipe whose reading end is already closed, as `| head -c1` leaves it.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    for (what, _) in printing_commands(tempfile::tempdir().unwrap().path()) {
        let home = tempfile::tempdir().unwrap();
        fs::create_dir_all(home.path().join("config/her2prep")).unwrap();
        // The same command line as listed, in this folder.
        let args: Vec<String> = printing_commands(home.path())
            .into_iter()
            .find(|(w, _)| *w == what)
            .unwrap()
            .1;
        let out = her2prep(home.path())
            .args(&args)
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{what}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{what}: {}", text(&out.stderr));
        if what == "export -o FILE" {
            // The file was written before the message that could not be.
            assert!(home.path().join("list.html").exists());
        }
    }
}

#[test]
fn a_full_output_is_a_plain_message_with_status_1() {
    for (what, _) in printing_commands(tempfile::tempdir().unwrap().path()) {
        let home = tempfile::tempdir().unwrap();
        fs::create_dir_all(home.path().join("config/her2prep")).unwrap();
        let args = printing_commands(home.path())
            .into_iter()
            .find(|(w, _)| *w == what)
            .unwrap()
            .1;
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = her2prep(home.path())
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(
            text(&out.stderr),
            "her2prep: I could not write to the standard output because the disk is full.\n",
            "{what}"
        );
        assert_eq!(out.status.code(), Some(1), "{what}");
    }
}

#[test]
fn a_profile_is_read_from_standard_input_with_dash() {
    let home = tempfile::tempdir().unwrap();
    let from_file = run(
        home.path(),
        &[
            "export",
            "--profile",
            caregiver().to_str().unwrap(),
            "-o",
            "-",
            "--format",
            "text",
        ],
    );
    assert_eq!(from_file.status.code(), Some(0));
    let piped = |stdin: Vec<u8>, args: &[&str]| {
        let mut child = her2prep(home.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        // The program may stop reading early (a profile that is too large): that is fine.
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(&stdin);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        out
    };
    let profile = fs::read(caregiver()).unwrap();
    for name in ["-", "/dev/stdin"] {
        let out = piped(
            profile.clone(),
            &["export", "--profile", name, "-o", "-", "--format", "text"],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        assert_eq!(out.stdout, from_file.stdout, "{name}");
        assert!(text(&out.stdout).contains("Prepared by a caregiver for Rosa"));
    }
    let out = piped(
        b"stage: V\n".to_vec(),
        &["export", "--profile", "-", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .starts_with("her2prep: The profile from standard input has a problem:\n  stage: "),
        "{}",
        text(&out.stderr)
    );
    // Bounded like a file: 2 MB of comments is refused after 1 MB, not read to the end.
    let big = "# a comment line of the kind no profile needs\n".repeat(50_000);
    let out = piped(big.into_bytes(), &["export", "--profile", "-", "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "her2prep: The profile from standard input is larger than 1 MB; a profile is a short list of answers.\n"
    );
    let out = piped(
        vec![0xff, 0xfe, b'\n'],
        &["export", "--profile", "-", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not text"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_output_folder_gets_the_file_named_as_in_the_exports_folder() {
    let home = tempfile::tempdir().unwrap();
    let p = caregiver();
    let p = p.to_str().unwrap();
    let today = {
        // The name the exports folder would get, read back from an export there.
        let out = run(
            home.path(),
            &["export", "--profile", p, "--format", "markdown"],
        );
        let said = text(&out.stdout);
        let path = said
            .lines()
            .next()
            .unwrap()
            .strip_prefix("Saved your checklist to ")
            .unwrap();
        Path::new(path)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    assert!(
        today.starts_with("her2prep-") && today.ends_with(".md"),
        "{today}"
    );
    for (i, spelled) in ["{}", "{}/"].iter().enumerate() {
        let dir = home.path().join(format!("stick{i}"));
        fs::create_dir(&dir).unwrap();
        let arg = spelled.replace("{}", dir.to_str().unwrap());
        let out = run(
            home.path(),
            &["export", "--profile", p, "--format", "md", "-o", &arg],
        );
        assert_eq!(out.status.code(), Some(0), "{arg}: {}", text(&out.stderr));
        let file = dir.join(&today);
        assert!(fs::read_to_string(&file).unwrap().contains("Rosa"));
        let said = text(&out.stdout);
        assert!(said.starts_with("Saved your checklist to "), "{said}");
        assert!(said.trim_end().ends_with(&today), "{said}");
    }
    // A folder that does not exist is not made; a file is not a folder.
    let missing = home.path().join("no-such-folder/");
    let out = run(
        home.path(),
        &["export", "--profile", p, "-o", missing.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("does not exist. Make it first"),
        "{}",
        text(&out.stderr)
    );
    assert!(!home.path().join("no-such-folder").exists());
    let file = home.path().join("a-file");
    fs::write(&file, "mine").unwrap();
    let out = run(
        home.path(),
        &[
            "export",
            "--profile",
            p,
            "-o",
            &format!("{}/", file.display()),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a-file/ is not a folder."),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let home = tempfile::tempdir().unwrap();
    let p = caregiver();
    let p = p.to_str().unwrap();
    let file = home.path().join("list.txt");
    for args in [
        vec![
            "export",
            "--profile",
            p,
            "--quiet",
            "--format",
            "text",
            "-o",
            file.to_str().unwrap(),
        ],
        vec!["-q", "export", "--profile", p],
        vec![
            "check-bank",
            "-q",
            root().join("questions").to_str().unwrap(),
        ],
        vec!["forget", "--yes", "-q"],
        vec!["forget", "--yes", "-q"],
    ] {
        let out = run(home.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
    assert!(fs::read_to_string(&file).unwrap().contains("Rosa"));
    // Errors still come, on stderr; what was asked for still comes, on stdout.
    let out = run(home.path(), &["export", "-q", "--profile", "/no/such.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("I could not read the profile /no/such.yaml"));
    let out = run(home.path(), &["-q", "paths", "--json"]);
    assert!(text(&out.stdout).starts_with("{\"checklist\":"));
}

#[test]
fn paths_as_json_name_the_same_places_as_the_text() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["paths", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let data = home.path().join("config/her2prep");
    assert_eq!(v["data_dir"], data.to_str().unwrap());
    assert_eq!(v["profile"], data.join("profile.yaml").to_str().unwrap());
    assert_eq!(
        v["checklist"],
        data.join("checklist.json").to_str().unwrap()
    );
    assert_eq!(v["exports"], data.join("exports").to_str().unwrap());
    let shown = text(&run(home.path(), &["paths"]).stdout);
    for key in ["data_dir", "profile", "checklist", "exports"] {
        assert!(shown.contains(v[key].as_str().unwrap()), "{key}: {shown}");
    }
    // A folder name that could steer a terminal is escaped, and reads back the same.
    let odd = home.path().join("a\u{1b}[31m\u{202e}b");
    let out = her2prep(home.path())
        .env("XDG_CONFIG_HOME", &odd)
        .args(["paths", "--json"])
        .output()
        .unwrap();
    let raw = text(&out.stdout);
    assert!(
        !raw.contains('\u{1b}') && !raw.contains('\u{202e}'),
        "{raw}"
    );
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["data_dir"], odd.join("her2prep").to_str().unwrap());
}

#[test]
fn completions_load_in_bash_and_offer_the_closed_sets() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(home.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for word in ["export", "check-bank", "profile"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
        if matches!(shell, "bash" | "zsh" | "fish") {
            // clap_complete's elvish and powershell scripts complete names, not values.
            assert!(
                script.contains("medical-oncologist"),
                "{shell}: --for values"
            );
        }
    }
    let script = home.path().join("her2prep.bash");
    fs::write(&script, run(home.path(), &["completions", "bash"]).stdout).unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; complete -p her2prep; COMP_WORDS=(her2prep export --for s); COMP_CWORD=3; _her2prep her2prep s --for; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("-F _her2prep her2prep"), "{said}");
    assert!(said.contains("surgeon"), "{said}");
}

#[test]
fn the_manual_renders_with_man() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    let roff = text(&out.stdout);
    assert!(roff.contains(".TH her2prep 1"), "{roff}");
    assert!(roff.contains("This is not medical advice"));
    let out = run(home.path(), &["man", "export"]);
    let page = text(&out.stdout);
    assert!(page.contains(".TH her2prep-export 1"), "{page}");
    assert!(page.contains("medical\\-oncologist"), "{page}");
    // `man` itself reads it (as installed by the README's steps).
    let file = home.path().join("her2prep.1");
    fs::write(&file, roff).unwrap();
    let shown = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output();
    if let Ok(shown) = shown
        && shown.status.success()
    {
        let shown = text(&shown.stdout);
        assert!(shown.contains("SUBCOMMANDS"), "{shown}");
        assert!(shown.contains("her2prep-export(1)"), "{shown}");
    }
}

/// Raw bytes of the program run in a pseudo-terminal (so that clap would colour its message).
fn in_a_terminal(args: &[&str], no_color: bool) -> Vec<u8> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let reading = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    child.wait().unwrap();
    drop(pair.master);
    reading.join().unwrap()
}

#[test]
fn no_color_is_honoured_in_a_terminal() {
    let coloured = in_a_terminal(&["--bogus"], false);
    assert!(
        coloured.contains(&0x1b),
        "clap colours errors in a terminal"
    );
    let plain = in_a_terminal(&["--bogus"], true);
    assert!(!plain.contains(&0x1b), "{}", text(&plain));
    assert!(text(&plain).contains("unexpected argument '--bogus'"));
}

/// Exporting again to the same `-o` file replaces what her2prep wrote before, whatever the
/// format (a PDF is binary: it is recognised by its metadata), and still refuses another file.
#[test]
fn exporting_again_to_the_same_file_replaces_our_own_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    let profile = caregiver();
    for (format, name) in [
        ("pdf", "list.pdf"),
        ("html", "list.html"),
        ("text", "list.txt"),
        ("markdown", "list.md"),
        ("json", "list.json"),
    ] {
        let out = home.path().join(name);
        for attempt in 1..=2 {
            let o = run(
                home.path(),
                &[
                    "export",
                    "--profile",
                    profile.to_str().unwrap(),
                    "--format",
                    format,
                    "-o",
                    out.to_str().unwrap(),
                ],
            );
            assert!(
                o.status.success(),
                "{format}, export {attempt}: {}",
                text(&o.stderr)
            );
        }
    }
    // A PDF that is not ours is still left alone.
    let foreign = home.path().join("scan.pdf");
    fs::write(&foreign, b"%PDF-1.7\n% someone else's scan\n").unwrap();
    let o = run(
        home.path(),
        &[
            "export",
            "--profile",
            profile.to_str().unwrap(),
            "--format",
            "pdf",
            "-o",
            foreign.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        fs::read(&foreign).unwrap(),
        b"%PDF-1.7\n% someone else's scan\n"
    );
}
