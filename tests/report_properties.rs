//! Properties of the report reader on arbitrary pasted text: it never panics, every quote
//! it gives is the input line it names, and its work grows linearly with the input (counted,
//! not timed).

use her2prep::report::{self, Status};
use proptest::prelude::*;

/// Words reports use, so that generated text reaches the rules, mixed with anything at all.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "ER", "PR", "HER2", "FISH", "ISH", "Ki-67", "Grade", "grade", "pT2", "pN1a", "pN0(i+)",
            "ypT1", "Stage", "IIA", "IV", "Allred", "8/8", "H-score", "positive", "negative",
            "low", "ultralow", "faint", "incomplete", "2+", "3+", "0", "1+", "95%", "<1%", "1-10%",
            "ratio", "1.8", "copy number", "4.2", "amplified", "not amplified", "pending",
            "to follow", "ADDENDUM", "Clinical history:", "Specimen:", "A.", "B.", "core biopsy",
            "excision", "liver", "lymph nodes", "2/14", "0/3", "sentinel", "(", ")", ":", ";", ".",
            ",", "?", "Sex:", "M", "F", "man", "woman", "year-old", "controls", "margins",
            "previously", "DCIS", "nuclear grade", "SBR", "6/9", "T3 P3 M2", "poorly differentiated",
        ]).prop_map(str::to_string),
        1 => "[^\n\r\u{c}]{0,12}",
    ]
}

fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(token(), 0..14), 0..30).prop_map(|lines| {
        lines
            .iter()
            .map(|l| l.join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn never_panics_and_every_quote_is_the_line_it_names(text in report_text()) {
        let f = report::read(&text);
        let lines: Vec<&str> = text.split('\n').collect();
        for (key, field) in &f.fields {
            prop_assert!(field.line >= 1 && field.line <= lines.len(), "{key:?} line {}", field.line);
            prop_assert_eq!(lines[field.line - 1].trim(), field.quote.as_str());
            for c in &field.candidates {
                prop_assert_eq!(lines[c.line - 1].trim(), c.quote.as_str());
            }
            match field.status {
                Status::Found => prop_assert!(field.value.is_some()),
                Status::Unclear => prop_assert!(field.value.is_none()),
                Status::Conflict => prop_assert!(field.candidates.len() >= 2),
            }
        }
        // The JSON is always valid.
        let v: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
        prop_assert!(v["fields"].is_object());
        let _ = f.questions();
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        let _ = report::read(&text);
    }
}

/// A text of a given shape, `n` times over.
type Shape = Box<dyn Fn(usize) -> String>;

/// The bytes the rules scan for a text, on this thread.
fn work(text: &str) -> u64 {
    let before = report::work_done();
    let _ = report::read(text);
    report::work_done() - before
}

#[test]
fn work_grows_linearly_with_the_input() {
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reports/01-cap-synoptic-hr-positive.txt"
    ))
    .unwrap();
    // Ordinary reports pasted many times, and hostile shapes: one huge line of labels, labels
    // standing alone above a long line, thousands of parentheses and counts.
    let shapes: Vec<(&str, Shape)> = vec![
        ("report", Box::new(move |n| base.repeat(n))),
        ("labels", Box::new(|n| "ER PR HER2 FISH ".repeat(200 * n))),
        (
            "bare labels",
            Box::new(|n| {
                format!("{}\n{}\n", "ER: ".repeat(900), "positive ".repeat(400)).repeat(n)
            }),
        ),
        ("parentheses", Box::new(|n| "((((grade ".repeat(300 * n))),
        (
            "counts",
            Box::new(|n| "lymph nodes 1/2 0/3 pN1 ".repeat(150 * n)),
        ),
        (
            "empty lines",
            Box::new(|n| format!("ER:{}positive\n", "\n".repeat(500)).repeat(n)),
        ),
    ];
    for (name, make) in shapes {
        let small = work(&make(2));
        let large = work(&make(8));
        let ratio = large as f64 / small as f64;
        println!("{name}: {small} -> {large} bytes scanned (x{ratio:.2} for x4 input)");
        assert!(ratio < 4.6, "{name}: work grew x{ratio:.2} for x4 input");
    }
}
