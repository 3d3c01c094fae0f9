//! `cargo bench --bench hostile`: how long reading a hostile YAML file takes at 10 KB, 100 KB and
//! 1 MB, with the limits a bank file gets (the largest). Linear cost shows as times growing ten
//! times per step, not a hundred. Each is refused (or read) by `her2prep::yaml::parse`.

use divan::black_box;
use her2prep::yaml::{BANK_LIMITS, parse};

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// `er: [[[[…x…]]]]`: refused at 32 levels (the parser alone was quadratic in the depth).
fn flow_nesting(n: usize) -> String {
    let half = (n - 5) / 2;
    format!("er: {}x{}", "[".repeat(half), "]".repeat(half))
}

/// `er: {a: {a: …`: refused at 32 levels.
fn map_nesting(n: usize) -> String {
    let k = (n - 5) / 5;
    format!("er: {}x{}", "{a: ".repeat(k), "}".repeat(k))
}

/// `- - - - x`: block entries nested on one line.
fn compact_nesting(n: usize) -> String {
    format!("{}x\n", "- ".repeat(n / 2))
}

/// `a: &a [x ×100]`, then `*a` as often as fits: refused once the expansion passes the limit.
fn alias_flood(n: usize) -> String {
    let a = vec!["x"; 100].join(", ");
    let refs = (n.saturating_sub(320)) / 4;
    format!("a: &a [{a}]\nb: [{}]\n", vec!["*a"; refs].join(", "))
}

/// Shallow, long and valid: `- [x, x, …]` rows (read in full: the ordinary cost).
fn ordinary(n: usize) -> String {
    let row = format!("- [{}]\n", vec!["word"; 20].join(", "));
    row.repeat(n / row.len())
}

#[divan::bench(args = SIZES)]
fn flow(b: divan::Bencher, n: usize) {
    let text = flow_nesting(n);
    b.bench(|| parse(black_box(&text), BANK_LIMITS).is_err());
}

#[divan::bench(args = SIZES)]
fn maps(b: divan::Bencher, n: usize) {
    let text = map_nesting(n);
    b.bench(|| parse(black_box(&text), BANK_LIMITS).is_err());
}

#[divan::bench(args = SIZES)]
fn compact(b: divan::Bencher, n: usize) {
    let text = compact_nesting(n);
    b.bench(|| parse(black_box(&text), BANK_LIMITS).is_err());
}

#[divan::bench(args = SIZES)]
fn aliases(b: divan::Bencher, n: usize) {
    let text = alias_flood(n);
    b.bench(|| parse(black_box(&text), BANK_LIMITS).is_err());
}

#[divan::bench(args = SIZES)]
fn plain(b: divan::Bencher, n: usize) {
    let text = ordinary(n);
    b.bench(|| parse(black_box(&text), BANK_LIMITS).is_ok());
}
