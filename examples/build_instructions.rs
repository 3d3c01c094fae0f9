//! Loads a generated bank of N questions and builds its checklist three times, for counting the
//! instructions each takes (more stable than time on a busy machine):
//!
//! ```sh
//! cargo build --release --example build_instructions
//! valgrind --tool=callgrind --toggle-collect='her2prep::checklist::build*' \
//!     target/release/examples/build_instructions 10000
//! ```
//!
//! `--toggle-collect='her2prep::bank::Bank::from_files*'` counts loading and validating instead.

#[path = "../benches/generate/mod.rs"]
mod generate;

use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::profile::Profile;
use her2prep::state::State;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .expect("usage: build_instructions N (0: the built-in bank's files)");
    let bank = Bank::from_files(generate::generated(n)).unwrap();
    // The benchmarks' profile (benches/speed.rs).
    let profile = Profile::from_yaml(
        "role: caregiver\nname: Rosa\nsex: female\ner: positive\npr: negative\nher2: {ihc: 0}\nstage: IV\nmenopause: post\nbrca: not-tested\ntumor_testing: not-done\nphase: metastatic\nappointment: {with: medical-oncologist, date: 2026-12-10}",
    )
    .unwrap();
    for _ in 0..3 {
        let list = build(&bank, &profile, &State::default(), &Options::default());
        std::hint::black_box(list);
    }
}
