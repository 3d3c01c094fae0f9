//! The question bank's content: coverage of the reference documents and topics, sources that
//! exist, nothing copied, every term explained, drug names written properly, questions not
//! advice, and plain words.

use std::collections::HashSet;
use std::path::PathBuf;

use her2prep::bank::{Bank, GENERAL_SOURCE};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> PathBuf {
    root().join("tests/fixtures/seeds")
}

fn bank() -> Bank {
    Bank::builtin().unwrap()
}

/// Lower-case words, with typographic quotes and dashes made plain.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '+' || c == '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_coverage_table_names_only_real_questions_and_no_row_is_empty() {
    let table = std::fs::read_to_string(root().join("docs/coverage.md")).unwrap();
    let bank = bank();
    let ids: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    let mut section = "";
    let mut rows = [0usize; 2];
    for line in table.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h;
            continue;
        }
        if !line.starts_with("| ") || line.starts_with("| ---") || line.contains("| bank ids |") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').collect();
        let label = cells[1].trim();
        let named: Vec<&str> = cells[2].split('`').skip(1).step_by(2).collect();
        assert!(
            !named.is_empty(),
            "{section} · {label}: no question covers it"
        );
        for id in named {
            assert!(
                ids.contains(id),
                "{section} · {label}: `{id}` is not in the bank"
            );
        }
        match section {
            "Seed questions" => rows[0] += 1,
            "Topics" => rows[1] += 1,
            other => panic!("unexpected section {other}"),
        }
    }
    assert!(rows[0] >= 20, "seed questions covered: {}", rows[0]);
    assert!(rows[1] >= 30, "topics covered: {}", rows[1]);
}

#[test]
fn every_source_names_a_real_section_of_a_reference_document() {
    let bank = bank();
    for q in &bank.questions {
        if q.source.document == GENERAL_SOURCE {
            continue;
        }
        let doc = std::fs::read_to_string(seeds().join(&q.source.document))
            .unwrap_or_else(|_| panic!("{}: no such document {}", q.id, q.source.document));
        let wanted = words(&q.source.section).join(" ");
        assert!(
            words(&doc).join(" ").contains(&wanted),
            "{}: section {:?} is not in {}",
            q.id,
            q.source.section,
            q.source.document
        );
    }
}

#[test]
fn no_sentence_is_copied_from_the_reference_documents() {
    const RUN: usize = 8;
    let bank = bank();
    let mut seed_runs: HashSet<String> = HashSet::new();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let w = words(&text);
        for run in w.windows(RUN) {
            seed_runs.insert(run.join(" "));
        }
    }
    let mut ours: Vec<(String, String)> = Vec::new();
    for q in &bank.questions {
        ours.push((q.id.clone(), q.text.clone()));
        ours.push((format!("{} (why)", q.id), q.why.clone()));
    }
    for t in &bank.glossary.terms {
        ours.push((format!("glossary {}", t.term), t.definition.clone()));
    }
    let mut bad = Vec::new();
    for (what, text) in ours {
        for run in words(&text).windows(RUN) {
            let run = run.join(" ");
            if seed_runs.contains(&run) {
                bad.push(format!("{what} copies {RUN} words from a seed: {run:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_glossary_explains_every_term_the_product_relies_on() {
    let bank = bank();
    for term in [
        "ER",
        "PR",
        "hormone receptor",
        "HER2",
        "IHC",
        "ISH",
        "FISH",
        "HER2-low",
        "HER2-ultralow",
        "ER-low",
        "triple-negative",
        "TNBC",
        "stage",
        "grade",
        "sentinel node",
        "neoadjuvant",
        "adjuvant",
        "pathologic complete response",
        "hormone therapy",
        "aromatase inhibitor",
        "ovarian suppression",
        "CDK4/6 inhibitor",
        "PARP inhibitor",
        "antibody-drug conjugate",
        "SERD",
        "PIK3CA",
        "ESR1",
        "AKT1",
        "PTEN",
        "BRCA",
        "palliative care",
        "DCIS",
        "lymph node",
        "menopause",
        "biopsy",
    ] {
        assert!(
            bank.glossary.find(term).is_some(),
            "the glossary does not explain {term:?}"
        );
    }
}

#[test]
fn every_abbreviation_in_a_question_is_in_the_glossary() {
    let bank = bank();
    // Words in capitals are the jargon a frightened reader trips on; brand names and ordinary
    // capitalised words are not abbreviations.
    // Roman numerals are stages ("stage III"), which the glossary explains under "stage".
    let allowed: HashSet<&str> = ["I", "II", "III", "IV", "DX", "A"].into_iter().collect();
    let mut bad = Vec::new();
    for q in &bank.questions {
        for token in q
            .text
            .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-'))
        {
            let letters: String = token.chars().filter(|c| c.is_alphabetic()).collect();
            let is_abbreviation = letters.len() >= 2 && letters.chars().all(|c| c.is_uppercase());
            if !is_abbreviation || allowed.contains(token) {
                continue;
            }
            let known = bank
                .glossary
                .terms
                .iter()
                .any(|t| t.used_in(token) || token.starts_with(&t.term));
            if !known {
                bad.push(format!(
                    "{}: {token:?} is not in the glossary: {}",
                    q.id, q.text
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Brand names of drugs the bank may name: each must follow its generic name, in brackets.
const BRANDS: &[&str] = &[
    "Verzenio", "Kisqali", "Ibrance", "Lynparza", "Talzenna", "Keytruda", "Enhertu", "Trodelvy",
    "Datroway", "Orserdu", "Piqray", "Truqap", "Itovebi", "Afinitor", "Faslodex", "Aromasin",
    "Xeloda", "Nolvadex", "Arimidex", "Femara", "Xgeva", "Prolia", "Zometa",
];

#[test]
fn drug_names_are_generic_first_with_the_brand_in_brackets() {
    for q in &bank().questions {
        for brand in BRANDS {
            let mut from = 0;
            while let Some(pos) = q.text[from..].find(brand) {
                let at = from + pos;
                let before = q.text[..at].trim_end_matches([' ', ',']);
                let opened = before
                    .rfind('(')
                    .is_some_and(|o| before.rfind(')').is_none_or(|c| c < o));
                assert!(
                    opened && before.rfind('(').is_some_and(|o| o > 0),
                    "{}: brand {brand} is not in brackets after a generic name: {}",
                    q.id,
                    q.text
                );
                from = at + brand.len();
            }
        }
    }
}

#[test]
fn questions_are_questions_not_advice_and_carry_no_doses() {
    let dose = |t: &str| {
        let w = words(t);
        w.windows(2).any(|p| {
            p[0].chars().all(|c| c.is_ascii_digit())
                && ["mg", "milligrams", "ml", "mcg", "units", "tablets"].contains(&p[1].as_str())
        })
    };
    let mut bad = Vec::new();
    for q in &bank().questions {
        let t = q.text.trim();
        assert!(t.ends_with('?'), "{}: not a question: {t}", q.id);
        let first = t.split_whitespace().next().unwrap_or("");
        assert!(
            ![
                "Take", "Start", "Stop", "Avoid", "Use", "Ask", "Get", "Insist", "Demand", "Refuse"
            ]
            .contains(&first),
            "{}: reads as advice: {t}",
            q.id
        );
        assert!(!dose(t), "{}: mentions a dose: {t}", q.id);
        if !words(t)
            .iter()
            .any(|w| ["i", "my", "me", "i'm", "we", "our", "us", "mine"].contains(&w.as_str()))
        {
            bad.push(format!("{}: not in the first person: {t}", q.id));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Syllables by vowel groups, the usual estimate for English.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    if w.len() > 2 && w.ends_with(&['e']) && !w.ends_with(&['l', 'e']) && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Flesch reading ease of one text (higher is easier; 60-70 is plain English).
pub fn flesch(text: &str) -> f64 {
    let sentences = text
        .split(['.', '?', '!'])
        .filter(|s| !s.trim().is_empty())
        .count()
        .max(1) as f64;
    let ws: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let n = ws.len().max(1) as f64;
    let syl: usize = ws.iter().map(|w| syllables(w)).sum();
    206.835 - 1.015 * (n / sentences) - 84.6 * (syl as f64 / n)
}

#[test]
fn question_text_is_plain_english() {
    let bank = bank();
    let mut scores: Vec<f64> = bank.questions.iter().map(|q| flesch(&q.text)).collect();
    scores.sort_by(f64::total_cmp);
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let median = scores[scores.len() / 2];
    // Figures reported in the README; drug names pull the hardest questions down.
    assert!(mean >= 55.0, "mean Flesch reading ease {mean:.1}");
    assert!(median >= 60.0, "median Flesch reading ease {median:.1}");
    let hard: Vec<String> = bank
        .questions
        .iter()
        .filter(|q| flesch(&q.text) < 0.0)
        .map(|q| format!("{} ({:.0}): {}", q.id, flesch(&q.text), q.text))
        .collect();
    assert!(hard.is_empty(), "too hard to read:\n{}", hard.join("\n"));
    let why_mean =
        bank.questions.iter().map(|q| flesch(&q.why)).sum::<f64>() / bank.questions.len() as f64;
    assert!(
        why_mean >= 50.0,
        "mean Flesch reading ease of the `why` lines {why_mean:.1}"
    );
}

#[test]
fn reading_ease_figures() {
    // Not an assertion of quality (the test above is): prints the figures the README reports
    // when run with `cargo test --test content reading_ease_figures -- --nocapture`.
    let bank = bank();
    let mut scores: Vec<f64> = bank.questions.iter().map(|q| flesch(&q.text)).collect();
    scores.sort_by(f64::total_cmp);
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    println!(
        "questions: {}, Flesch mean {mean:.1}, median {:.1}, lowest {:.1}, highest {:.1}",
        scores.len(),
        scores[scores.len() / 2],
        scores[0],
        scores[scores.len() - 1]
    );
    assert!(syllables("the") == 1 && syllables("chemotherapy") == 5 && syllables("table") == 2);
}

/// "Why it is on my list" is built from the conditions a question matched: every phrase for
/// every condition a bank may use reads as plain words (no field names, abbreviations in
/// capitals, "an" before a vowel sound), not only the ones today's bank happens to use.
#[test]
fn every_reason_phrase_reads_as_plain_words() {
    use her2prep::facts::{Key, reason_phrase};
    let lowercase_abbreviations = ["er", "pr", "hr", "her2", "ihc", "ish", "brca", "dcis"];
    let mut seen = HashSet::new();
    for key in Key::ALL {
        for value in key.values() {
            let p = reason_phrase(*key, value);
            let problem = if p.contains('_') {
                Some("a field name")
            } else if p
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| lowercase_abbreviations.contains(&w))
            {
                Some("an abbreviation in small letters")
            } else if p.split(' ').collect::<Vec<_>>().windows(2).any(|w| {
                w[0] == "a"
                    && (w[1].starts_with(|c: char| "aeiouAEIOU".contains(c))
                        || ["ESR1", "AKT1", "HR", "ER", "FISH"].contains(&w[1]))
            }) {
                Some("\"a\" before a vowel sound")
            } else if p.contains("tumor") {
                Some("\"tumor\" where the rest of the text says \"tumour\"")
            } else {
                None
            };
            assert!(
                problem.is_none(),
                "{}: {value} -> {p:?}: {}",
                key.name(),
                problem.unwrap()
            );
            seen.insert(p);
        }
    }
    assert!(seen.len() > 80, "phrases differ: {}", seen.len());
}
