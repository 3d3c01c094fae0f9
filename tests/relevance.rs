//! Relevance ranking and the visit list: for each example profile the top 6 holds what a
//! clinician would name first (expectations in tests/fixtures/profiles/expectations.yaml), and
//! over a grid of profiles the rules a reader relies on hold: few generic questions, starred
//! and own questions always on the visit list, no claim about "most people", and a caregiver's
//! reasons naming the patient.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use her2prep::bank::Bank;
use her2prep::checklist::{Checklist, GENERIC_CAP, Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::{Clinician, Profile};
use her2prep::state::State;

#[derive(serde::Deserialize)]
struct Expect {
    top6: Vec<String>,
    not_top6: Vec<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn expectations() -> BTreeMap<String, Expect> {
    let text = std::fs::read_to_string(fixtures().join("profiles/expectations.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The example profile files: `profiles/NAME.yaml` as `NAME.yaml`, scenarios as
/// `scenarios/NAME.yaml`.
fn example_files() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for (dir, prefix) in [("profiles", ""), ("scenarios", "scenarios/")] {
        for e in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".yaml") && name != "expectations.yaml" {
                out.push((format!("{prefix}{name}"), path));
            }
        }
    }
    out.sort();
    out
}

fn ids(list: &Checklist) -> Vec<&str> {
    list.items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn every_example_profile_has_the_top_six_a_clinician_would_name_first() {
    let bank = Bank::builtin().unwrap();
    let expect = expectations();
    let files = example_files();
    assert!(files.len() >= 15, "{} example profiles", files.len());
    let mut problems = Vec::new();
    for (name, path) in &files {
        let Some(e) = expect.get(name) else {
            problems.push(format!("{name}: no expectations in expectations.yaml"));
            continue;
        };
        let p = Profile::from_yaml(&std::fs::read_to_string(path).unwrap()).unwrap();
        let top = build(&bank, &p, &State::default(), &Options::visit(6));
        let got = ids(&top);
        assert_eq!(got.len(), 6, "{name}");
        for id in e.top6.iter().chain(&e.not_top6) {
            if bank.question(id).is_none() {
                problems.push(format!(
                    "{name}: {id} is not in the bank (renamed or merged?)"
                ));
            }
        }
        for id in &e.top6 {
            if !got.contains(&id.as_str()) {
                problems.push(format!("{name}: {id} missing from the top 6 {got:?}"));
            }
        }
        for id in &e.not_top6 {
            if got.contains(&id.as_str()) {
                problems.push(format!("{name}: {id} should not be in the top 6 {got:?}"));
            }
        }
        let generic: Vec<&str> = top
            .items
            .iter()
            .filter(|i| i.generic())
            .map(|i| i.id.as_str())
            .collect();
        if generic.len() > GENERIC_CAP {
            problems.push(format!(
                "{name}: generic questions in the top 6: {generic:?}"
            ));
        }
    }
    for name in expect.keys() {
        if !files.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "expectations.yaml names {name}, which is not a fixture"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Many profiles, each combination of the answers that shape a list.
fn grid() -> Vec<Profile> {
    let mut out = Vec::new();
    let receptors = [
        "er: positive\npr: positive\nher2: {ihc: '0'}",
        "er: negative\npr: negative\nher2: {ihc: 1+}",
        "er: low\npr: negative\nher2: {ihc: '0'}",
        "er: positive\npr: negative\nher2: {ihc: 2+, ish: pending}",
        "",
    ];
    let stages = [
        "stage: '0'",
        "stage: I\nnodes: negative",
        "stage: III\nnodes: positive",
        "stage: IV",
        "",
    ];
    let phases = [
        "new-diagnosis",
        "neoadjuvant",
        "after-surgery",
        "metastatic",
        "survivorship",
        "unknown",
    ];
    let people = [
        "role: patient\nsex: female\nmenopause: pre",
        "role: patient\nsex: male",
        "role: caregiver\nname: Ana\nsex: female\nmenopause: post",
        "role: caregiver\nsex: female\nmenopause: post",
    ];
    let brca = ["positive", "pending", "not-tested", "negative"];
    let with = [
        "surgeon",
        "medical-oncologist",
        "radiation-oncologist",
        "genetic-counselor",
        "nurse",
        "primary-care",
        "unknown",
    ];
    for r in receptors {
        for s in stages {
            for ph in phases {
                for who in people {
                    for (k, b) in brca.iter().enumerate() {
                        // Every clinician for each combination, spread over the BRCA answers.
                        for w in with.iter().skip(k % 2).step_by(2) {
                            let yaml = format!(
                                "{who}\n{r}\n{s}\nbrca: {b}\nphase: {ph}\nappointment: {{with: {w}}}\n"
                            );
                            out.push(Profile::from_yaml(&yaml).unwrap());
                        }
                    }
                }
            }
        }
    }
    out
}

/// Words the program says to the patient that a caregiver must not read as about themselves.
fn speaks_to_the_patient(reason: &str) -> bool {
    let allowed = [
        "you are helping",
        "you haven't",
        "you don't",
        "you added",
        "you could",
        "you can",
    ];
    let mut rest = reason.to_string();
    for a in allowed {
        rest = rest.replace(a, "");
    }
    rest.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| matches!(w, "you" | "your" | "You" | "Your"))
}

#[test]
fn the_ranking_rules_hold_over_many_profiles() {
    let bank = Bank::builtin().unwrap();
    let profiles = grid();
    assert!(profiles.len() > 4000, "{} profiles", profiles.len());
    let mut problems = Vec::new();
    for (n, p) in profiles.iter().enumerate() {
        // Some people star a question far down their list and add their own.
        let full = build(&bank, p, &State::default(), &Options::default());
        let mut state = State::default();
        if n % 3 == 0 && full.items.len() > 20 {
            let last = full.items.iter().max_by_key(|i| i.rank).unwrap();
            state.update_item(&last.id, |s| s.starred = true);
            state.add_own("Can I keep working?", "").unwrap();
        }
        let full = build(&bank, p, &state, &Options::default());
        let name = p.to_yaml().replace('\n', " ");
        for size in [6, 10] {
            let visit = build(&bank, p, &state, &Options::visit(size));
            let must = full
                .items
                .iter()
                .filter(|i| i.state.starred || i.own)
                .count();
            if visit.items.len() != size.max(must).min(full.items.len())
                || visit.visit != visit.items.len()
            {
                problems.push(format!(
                    "{name}: visit list of {} for {size}",
                    visit.items.len()
                ));
            }
            for i in full.items.iter().filter(|i| i.state.starred || i.own) {
                if visit.item(&i.id).is_none() {
                    problems.push(format!(
                        "{name}: {} (starred or own) not on the visit list",
                        i.id
                    ));
                }
            }
            // Generic questions take at most two places (the person's stars aside), unless too
            // few others apply.
            let generic = visit
                .items
                .iter()
                .filter(|i| i.generic() && !i.state.starred)
                .count();
            let specific_available = full.items.iter().filter(|i| !i.generic()).count();
            if generic > GENERIC_CAP && specific_available >= size {
                problems.push(format!(
                    "{name}: {generic} generic questions in the top {size}"
                ));
            }
            // The visit list holds the best-ranked questions.
            let worst_in = visit.items.iter().map(|i| i.rank).max().unwrap_or(0);
            if visit
                .items
                .iter()
                .map(|i| i.rank)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                != visit.items.len()
                || worst_in + 1 != visit.items.len()
            {
                problems.push(format!(
                    "{name}: the visit list is not the top {size} of the ranking"
                ));
            }
        }
        for i in &full.items {
            let because = i.because();
            if because.contains("most people") {
                problems.push(format!("{name}: {} claims what most people find", i.id));
            }
            if i.generic() && i.reasons.is_empty() && !because.contains("everyone") {
                problems.push(format!(
                    "{name}: generic {} does not say it is for everyone: {because}",
                    i.id
                ));
            }
            if p.role == her2prep::profile::Role::Caregiver {
                if speaks_to_the_patient(&because) {
                    problems.push(format!("{name}: {} speaks to the patient: {because}", i.id));
                }
                if p.name.is_none() && because.contains("Ana") {
                    problems.push(format!("{name}: a name nobody gave"));
                }
            }
        }
        if p.name.as_deref() == Some("Ana")
            && !full.items.iter().any(|i| i.because().contains("Ana"))
        {
            problems.push(format!("{name}: no reason names Ana"));
        }
        if problems.len() > 20 {
            break;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn profile(yaml: &str) -> Profile {
    Profile::from_yaml(yaml).unwrap()
}

fn export(p: &Profile, options: &Options, format: Format) -> String {
    let bank = Bank::builtin().unwrap();
    let list = build(&bank, p, &State::default(), options);
    Document::new(
        &bank,
        p,
        &list,
        jiff::civil::date(2026, 12, 1),
        false,
        !options.all,
    )
    .render(format)
}

#[test]
fn a_surgeon_visit_puts_the_surgeons_core_questions_first_and_every_export_says_so() {
    let p = profile(
        "er: positive\npr: positive\nher2: {ihc: '0'}\nstage: I\nnodes: negative\nmenopause: post\nbrca: negative\nphase: new-diagnosis\nappointment: {with: surgeon, date: 2026-12-04}",
    );
    let bank = Bank::builtin().unwrap();
    let list = build(&bank, &p, &State::default(), &Options::visit(10));
    assert_eq!(list.clinician, Clinician::Surgeon);
    let first_two: Vec<&str> = list.items[..2].iter().map(|i| i.id.as_str()).collect();
    assert!(first_two.contains(&"surgery-choice"), "{first_two:?}");
    assert!(list.items[0].relevance.core && list.items[1].relevance.core);
    for format in Format::ALL {
        let out = export(&p, &Options::visit(10), format);
        assert!(
            out.contains("For the visit with the surgeon on Friday 4 December 2026"),
            "{format:?}"
        );
    }
    // `--for` another clinician: the list is ranked and filtered for them, and says both.
    let nurse = Options {
        only_for: Some(Clinician::Nurse),
        ..Options::visit(10)
    };
    let list = build(&bank, &p, &State::default(), &nurse);
    assert_eq!(
        list.items[0].id, "se-who-to-call",
        "the nurse's core question first"
    );
    assert!(
        list.items
            .iter()
            .all(|i| i.clinicians.contains(&Clinician::Nurse))
    );
    let text = export(&p, &nurse, Format::Text);
    assert!(text.contains("For a visit with the nurse (the next appointment is with the surgeon"));
}

#[test]
fn exports_lead_with_the_visit_list_and_the_rest_comes_only_with_all() {
    let p = profile(
        "er: negative\npr: negative\nher2: {ihc: '0'}\nstage: IV\nbrca: positive\nphase: metastatic",
    );
    let visit = export(&p, &Options::visit(10), Format::Text);
    assert!(visit.contains("THE QUESTIONS FOR THIS VISIT"));
    assert!(!visit.contains("THE REST OF MY QUESTIONS"));
    assert_eq!(visit.matches("Answer:").count(), 10, "room for each answer");
    assert!(visit.contains("more questions are in the full list (export with --all"));
    let all = export(
        &p,
        &Options {
            all: true,
            ..Options::visit(10)
        },
        Format::Text,
    );
    let (head, rest) = all
        .split_once("THE REST OF MY QUESTIONS")
        .expect("the rest follows");
    assert!(head.contains("THE QUESTIONS FOR THIS VISIT"));
    assert!(rest.matches("Answer:").count() > 20);
    assert!(!all.contains("more questions are in the full list"));
}

#[test]
fn a_caregivers_export_names_the_patient_and_keeps_their_own_questions_apart() {
    let ana = profile(
        "role: caregiver\nname: Ana\ner: negative\npr: negative\nher2: {ihc: 1+}\nstage: IV\nmenopause: post\nphase: metastatic\nappointment: {with: medical-oncologist}",
    );
    let text = export(&ana, &Options::visit(10), Format::Text);
    assert!(text.contains("ANA'S RESULTS AT A GLANCE"), "{text}");
    assert!(!text.contains("MY RESULTS"));
    assert!(text.contains("Why it is on Ana's list: because Ana's cancer"));
    assert!(
        !text
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("because your")
    );
    let (patient, carer) = text
        .split_once("MY OWN QUESTIONS AS ANA'S CAREGIVER")
        .expect("the caregiver's questions have their own heading");
    assert!(patient.contains("THE QUESTIONS FOR THIS VISIT"));
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(carer).contains("because you are helping Ana as a caregiver"));
    assert!(!words(patient).contains("because you are helping"));
    let someone = profile("role: caregiver\nstage: IV\nphase: metastatic\ner: positive");
    let html = export(&someone, &Options::visit(10), Format::Html);
    assert!(html.contains("Results at a glance for the person you are helping"));
    assert!(!html.contains("My results at a glance"));
}

#[test]
fn core_for_is_checked_with_file_line_and_id() {
    let sources = "documents:\n  - file: a.txt\n    title: A\n".to_string();
    let topic = "topic: t\ntitle: T\nquestions:\n  - id: q-one\n    text: What is my plan?\n    priority: essential\n    clinicians: [surgeon]\n    core_for: [nurse, dentist]\n    why: It matters.\n    source: {document: general, section: plan}\n";
    let err = Bank::from_files(vec![
        ("sources.yaml".into(), sources),
        ("glossary.yaml".into(), "terms: []\n".into()),
        ("10-t.yaml".into(), topic.into()),
    ])
    .unwrap_err();
    let shown: Vec<String> = err.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        shown.iter().any(|p| p.starts_with("10-t.yaml:8 [q-one]")
            && p.contains("nurse")
            && p.contains("`clinicians` does not")),
        "{shown:#?}"
    );
    assert!(
        shown.iter().any(|p| p.starts_with("10-t.yaml:8 [q-one]")
            && p.contains("\"dentist\" is not a clinician")),
        "{shown:#?}"
    );
    // The built-in bank carries the field.
    let bank = Bank::builtin().unwrap();
    assert!(
        bank.question("surgery-choice")
            .unwrap()
            .core_for
            .contains(&Clinician::Surgeon)
    );
}
