//! `cargo bench`: how long loading a bank, building a checklist and each export take, for the
//! built-in bank and for generated banks of 1,000 and 10,000 questions.

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::Profile;
use her2prep::state::State;
use serde_yaml::Value;

fn main() {
    divan::main();
}

/// Sizes measured: 0 means the built-in bank.
const SIZES: [usize; 3] = [0, 1_000, 10_000];

/// A bank of `n` questions made from copies of the built-in topic files (same conditions,
/// texts and sources; new ids and topic ids), as YAML text, plus the glossary and sources.
fn generated(n: usize) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let mut builtin: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    builtin.sort();
    if n == 0 {
        return builtin;
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut topics: Vec<(String, Value)> = Vec::new();
    for (name, text) in builtin {
        if name == "glossary.yaml" || name == "sources.yaml" {
            out.push((name, text));
        } else {
            topics.push((name, serde_yaml::from_str(&text).unwrap()));
        }
    }
    let mut made = 0;
    let mut copy = 0;
    while made < n {
        for (name, topic) in &topics {
            if made >= n {
                break;
            }
            let mut t = topic.clone();
            let id = format!("{}-c{copy}", t["topic"].as_str().unwrap());
            t["topic"] = Value::String(id);
            let qs = t["questions"].as_sequence_mut().unwrap();
            qs.truncate(n - made);
            for q in qs.iter_mut() {
                let id = format!("{}-c{copy}", q["id"].as_str().unwrap());
                q["id"] = Value::String(id);
            }
            made += qs.len();
            out.push((
                format!("c{copy:04}-{name}"),
                serde_yaml::to_string(&t).unwrap(),
            ));
        }
        copy += 1;
    }
    out
}

fn files(n: usize) -> &'static Vec<(String, String)> {
    static CACHE: OnceLock<Vec<Vec<(String, String)>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| SIZES.iter().map(|&n| generated(n)).collect());
    &all[SIZES.iter().position(|&s| s == n).unwrap()]
}

fn bank(n: usize) -> &'static Bank {
    static CACHE: OnceLock<Vec<Bank>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| Bank::from_files(files(n).clone()).unwrap())
            .collect()
    });
    &all[SIZES.iter().position(|&s| s == n).unwrap()]
}

fn profile() -> Profile {
    Profile::from_yaml(
        "role: caregiver\nname: Rosa\nsex: female\ner: positive\npr: negative\nher2: {ihc: 0}\nstage: IV\nmenopause: post\nbrca: not-tested\ntumor_testing: not-done\nphase: metastatic\nappointment: {with: medical-oncologist, date: 2026-12-10}",
    )
    .unwrap()
}

/// Parsing and validating a bank from YAML (what `check-bank` and `--questions` do).
#[divan::bench(args = SIZES)]
fn bank_load_and_validate(bencher: Bencher, n: usize) {
    let files = files(n);
    bencher.bench(|| Bank::from_files(black_box(files.clone())).unwrap());
}

/// Reading the built-in bank (embedded as JSON at build time: what start-up does).
#[divan::bench]
fn bank_builtin() -> Bank {
    Bank::builtin().unwrap()
}

/// Building the personalised checklist from a loaded bank.
#[divan::bench(args = SIZES)]
fn checklist_build(bencher: Bencher, n: usize) {
    let bank = bank(n);
    let p = profile();
    let state = State::default();
    bencher.bench(|| build(black_box(bank), &p, &state, &Options::default()));
}

fn export(bencher: Bencher, n: usize, format: Format) {
    let bank = bank(n);
    let p = profile();
    let list = build(bank, &p, &State::default(), &Options::default());
    let today = jiff::civil::date(2026, 11, 21);
    bencher.bench(|| Document::new(bank, &p, &list, today, false, false).render(black_box(format)));
}

/// Rendering the plain-text export (wrapped at 80 columns).
#[divan::bench(args = SIZES)]
fn export_text(bencher: Bencher, n: usize) {
    export(bencher, n, Format::Text);
}

/// Rendering the Markdown export.
#[divan::bench(args = SIZES)]
fn export_markdown(bencher: Bencher, n: usize) {
    export(bencher, n, Format::Markdown);
}

/// Rendering the HTML export.
#[divan::bench(args = SIZES)]
fn export_html(bencher: Bencher, n: usize) {
    export(bencher, n, Format::Html);
}

/// Rendering the JSON export.
#[divan::bench(args = SIZES)]
fn export_json(bencher: Bencher, n: usize) {
    export(bencher, n, Format::Json);
}
