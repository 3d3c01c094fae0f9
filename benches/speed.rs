//! `cargo bench`: how long loading a bank, building a checklist and each export take, for the
//! built-in bank and for generated banks of 1,000 and 10,000 questions.

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::Profile;
use her2prep::state::State;

mod generate;
use generate::generated;

fn main() {
    divan::main();
}

/// Sizes measured: 0 means the built-in bank.
const SIZES: [usize; 3] = [0, 1_000, 10_000];

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

/// Reading the built-in bank (written out as Rust data at build time: what start-up does).
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
