//! `cargo bench --bench report`: how long reading a pathology report takes — each report of the
//! test corpus, and pastes of 10 KB, 100 KB and 1 MB made by repeating the corpus, which show
//! whether the cost grows in line with the text (a paste is bounded at 1 MB by the reader).

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use her2prep::report;

fn main() {
    divan::main();
}

/// Every `.txt` report of the test corpus, concatenated once.
fn corpus() -> &'static Vec<String> {
    static CACHE: OnceLock<Vec<String>> = OnceLock::new();
    CACHE.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reports");
        let mut texts: Vec<(String, String)> = std::fs::read_dir(dir)
            .expect("tests/fixtures/reports")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        texts.sort();
        texts.into_iter().map(|(_, t)| t).collect()
    })
}

/// The whole corpus, one report after another: the time per typical report is this divided by
/// the number of reports.
#[divan::bench]
fn corpus_each_report(bencher: Bencher) {
    let texts = corpus();
    bencher
        .counter(divan::counter::ItemsCount::new(texts.len()))
        .bench(|| {
            for t in texts {
                black_box(report::read(black_box(t)));
            }
        });
}

/// One paste of about `kb` kilobytes, made of corpus reports end to end.
#[divan::bench(args = [10, 100, 1000], sample_count = 10, sample_size = 1)]
fn paste_of_kb(bencher: Bencher, kb: usize) {
    let mut text = String::new();
    'fill: loop {
        for t in corpus() {
            if text.len() >= kb * 1000 {
                break 'fill;
            }
            text.push_str(t);
            text.push('\n');
        }
    }
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| report::read(black_box(&text)));
}
