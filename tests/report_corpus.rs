//! The report reader against a corpus of synthetic pathology reports
//! (tests/fixtures/reports/NAME.txt, and NAME.pdf made from some of them), each with a
//! truth file NAME.truth.yaml: the fields the report states, as `key: value`, or
//! `key: {value: V, status: conflict|unclear, percent: P}`. A key the report does not state
//! is absent. Prints the figures the README quotes; fails on any field found WRONG with
//! status `found` (a silently wrong value, the one unacceptable kind).

use std::path::{Path, PathBuf};

use her2prep::report::{self, Key, Status};
use serde_yaml::Value;

#[derive(Debug, Clone, PartialEq)]
struct Truth {
    value: Option<String>,
    status: &'static str,
    percent: Option<u8>,
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn truth(path: &Path) -> Vec<(Key, Truth)> {
    let text = std::fs::read_to_string(path).unwrap();
    let v: Value = serde_yaml::from_str(&text).unwrap();
    let map = v.as_mapping().expect("a truth file is a mapping");
    let mut out = Vec::new();
    for (k, v) in map {
        let key = Key::from_name(k.as_str().unwrap())
            .unwrap_or_else(|| panic!("{}: unknown key {k:?}", path.display()));
        let t = match v {
            Value::Mapping(m) => Truth {
                value: m.get("value").and_then(scalar),
                status: match m.get("status").and_then(Value::as_str) {
                    None | Some("found") => "found",
                    Some("conflict") => "conflict",
                    Some("unclear") => "unclear",
                    Some(other) => panic!("{}: bad status {other}", path.display()),
                },
                percent: m.get("percent").and_then(Value::as_u64).map(|p| p as u8),
            },
            other => Truth {
                value: scalar(other),
                status: "found",
                percent: None,
            },
        };
        out.push((key, t));
    }
    out
}

/// Each report of the corpus: (name, its text, its truth file).
fn corpus() -> Vec<(String, String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "pdf")))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        let truth = dir.join(format!("{stem}.truth.yaml"));
        if !truth.exists() {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let text = if report::looks_like_pdf(&bytes) {
            match report::text_from_pdf(&bytes) {
                Ok(t) => t,
                Err(report::PdfProblem::NoReader) => {
                    eprintln!("{stem}.pdf skipped: pdftotext is not installed");
                    continue;
                }
                Err(e) => panic!("{stem}.pdf: {e}"),
            }
        } else {
            String::from_utf8(bytes).unwrap()
        };
        let ext = p.extension().unwrap().to_str().unwrap();
        out.push((format!("{stem}.{ext}"), text, truth));
    }
    out
}

#[derive(Default, Debug)]
struct Tally {
    correct: usize,
    missed: usize,
    wrong_found: usize,
    extra_asked: usize,
}

#[test]
fn corpus_figures_and_no_silently_wrong_value() {
    let mut t = Tally::default();
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    let mut reports = 0;
    for (name, text, truth_path) in corpus() {
        reports += 1;
        let f = report::read(&text);
        let truth = truth(&truth_path);
        for key in Key::ALL {
            let want = truth.iter().find(|(k, _)| *k == key).map(|(_, t)| t);
            let got = f.get(key);
            match (want, got) {
                (None, None) => {}
                (None, Some(g)) if g.status == Status::Found => {
                    t.wrong_found += 1;
                    wrong.push(format!(
                        "{name}: {} found {:?} (line {}: {}) but the report does not state it",
                        key.name(),
                        g.value,
                        g.line,
                        g.quote
                    ));
                }
                (None, Some(_)) => t.extra_asked += 1,
                (Some(w), None) => {
                    t.missed += 1;
                    missed.push(format!(
                        "{name}: {} missed (want {:?})",
                        key.name(),
                        w.value
                    ));
                }
                (Some(w), Some(g)) => {
                    let value_ok = w.status == "unclear" || w.value == g.value;
                    // A percent read wrong is a wrong value; a percent not read is a miss.
                    let percent_wrong =
                        w.percent.is_some() && g.percent.is_some() && w.percent != g.percent;
                    let percent_ok = w.percent.is_none() || w.percent == g.percent;
                    if g.status.name() == w.status && value_ok && percent_ok {
                        t.correct += 1;
                    } else if g.status == Status::Found
                        && (percent_wrong || !value_ok || g.status.name() != w.status)
                    {
                        t.wrong_found += 1;
                        wrong.push(format!(
                            "{name}: {} found {:?} {:?}% (line {}: {}) but truth is {:?}",
                            key.name(),
                            g.value,
                            g.percent,
                            g.line,
                            g.quote,
                            w
                        ));
                    } else {
                        t.missed += 1;
                        missed.push(format!(
                            "{name}: {} {} {:?} but truth is {:?}",
                            key.name(),
                            g.status.name(),
                            g.value,
                            w
                        ));
                    }
                }
            }
        }
    }
    let total = t.correct + t.missed + t.wrong_found;
    println!("report corpus: {reports} reports, {total} stated fields");
    println!("  found correctly:            {}", t.correct);
    println!(
        "  missed (absent or not as stated, never a wrong `found`): {}",
        t.missed
    );
    println!("  found WRONG with status found: {}", t.wrong_found);
    println!(
        "  extra conflict/unclear on fields the truth leaves out: {}",
        t.extra_asked
    );
    for m in &missed {
        println!("  missed: {m}");
    }
    assert!(reports >= 30, "the corpus has {reports} reports");
    assert!(
        wrong.is_empty(),
        "silently wrong values:\n{}",
        wrong.join("\n")
    );
    // Most of what the corpus states is read (a floor, so a rule that stops working fails).
    assert!(
        t.correct * 100 >= total * 90,
        "only {} of {total} fields found correctly",
        t.correct
    );
}
