//! The bank loader and validator: the input is split into files at `\0` (first file
//! sources.yaml, second glossary.yaml, the rest topic files). It never panics, and every
//! problem names one of the files.
#![no_main]

use her2prep::bank::Bank;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = Vec::new();
    for (i, part) in text.split('\0').enumerate().take(8) {
        let name = match i {
            0 => "sources.yaml".to_string(),
            1 => "glossary.yaml".to_string(),
            n => format!("{n:02}-topic.yaml"),
        };
        files.push((name, part.to_string()));
    }
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    match Bank::from_files(files) {
        Ok(bank) => assert!(!bank.questions.is_empty()),
        Err(e) => {
            assert!(!e.problems.is_empty());
            for p in &e.problems {
                assert!(
                    names.contains(&p.file) || p.file == "sources.yaml" || p.file == "(bank)",
                    "problem names no file: {p}"
                );
                assert!(
                    !p.to_string().chars().any(her2prep::text::is_unsafe),
                    "control characters in {p}"
                );
            }
        }
    }
});
