//! The example profiles in tests/fixtures/scenarios/: what each list must contain and leave out,
//! checked through every export format.

use std::path::PathBuf;

use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::export::{Document, Format};
use her2prep::profile::Profile;
use her2prep::state::State;

struct Expect {
    file: &'static str,
    /// Question ids that must be on the list.
    contains: &'static [&'static str],
    /// Words no question on the list may contain (case-insensitive).
    leaves_out: &'static [&'static str],
    /// Text every export must show.
    shows: &'static [&'static str],
}

const SCENARIOS: &[Expect] = &[
    Expect {
        file: "early-hr-positive-postmenopausal.yaml",
        contains: &[
            "endocrine-duration",
            "endocrine-side-effects",
            "endocrine-ai-joints-bones",
            "radiation-after-surgery",
            "after-follow-up-plan",
        ],
        leaves_out: &[
            "ovarian suppression",
            "ovaries",
            "fertility",
            "immunotherapy",
            "pembrolizumab",
            "biopsy",
            "spread to",
        ],
        shows: &["Prepared by the patient"],
    },
    Expect {
        file: "early-triple-negative-premenopausal.yaml",
        contains: &[
            "chemo-timing",
            "chemo-neoadjuvant-why",
            "tnbc-immunotherapy-early",
            "tnbc-pcr",
            "tnbc-residual",
            "genetics-pending",
            "fertility-preservation",
        ],
        leaves_out: &[
            "hormone therapy",
            "endocrine",
            "aromatase",
            "tamoxifen",
            "cdk4/6",
            "ovarian suppression",
        ],
        shows: &["triple-negative"],
    },
    Expect {
        file: "metastatic-hr-positive-caregiver.yaml",
        contains: &[
            "goal-metastatic",
            "targeted-cdk46-metastatic",
            "genetics-tumor-testing",
            "met-rebiopsy",
            "trials-fit",
            "caregiver-watch-at-home",
        ],
        leaves_out: &[
            "lumpectomy",
            "mastectomy",
            "fertility",
            "ovarian suppression",
            "pregnan",
            "cure the cancer",
        ],
        shows: &["Prepared by a caregiver for Rosa"],
    },
];

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios")
}

#[test]
fn every_scenario_file_has_expectations() {
    let mut files: Vec<String> = std::fs::read_dir(scenario_dir())
        .expect("tests/fixtures/scenarios is in the repository")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut known: Vec<String> = SCENARIOS.iter().map(|s| s.file.to_string()).collect();
    known.sort();
    assert_eq!(
        files, known,
        "a scenario was added or renamed: add its expectations here"
    );
}

#[test]
fn scenarios_contain_and_leave_out_what_they_must() {
    let bank = Bank::builtin().unwrap();
    let today = jiff::civil::date(2026, 11, 21);
    for s in SCENARIOS {
        let text = std::fs::read_to_string(scenario_dir().join(s.file)).unwrap();
        let profile = Profile::from_yaml(&text).unwrap_or_else(|e| panic!("{}: {e}", s.file));
        let list = build(&bank, &profile, &State::default(), &Options::default());
        let ids: Vec<&str> = list.items.iter().map(|i| i.id.as_str()).collect();
        for want in s.contains {
            assert!(
                ids.contains(want),
                "{}: {want} missing from {ids:?}",
                s.file
            );
        }
        for item in &list.items {
            let lower = item.text.to_lowercase();
            for word in s.leaves_out {
                assert!(
                    !lower.contains(word),
                    "{}: {} mentions {word:?}: {}",
                    s.file,
                    item.id,
                    item.text
                );
            }
        }
        for format in Format::ALL {
            let out = Document::new(&bank, &profile, &list, today, false, false).render(format);
            let plain = out.replace('\\', "");
            for want in s.shows {
                assert!(
                    plain.contains(want),
                    "{} {format:?}: {want:?} not shown",
                    s.file
                );
            }
            for want in s.contains {
                let text = &list.item(want).unwrap().text;
                let shown = match format {
                    Format::Json => {
                        serde_json::from_str::<serde_json::Value>(&out).unwrap()["questions"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|q| q["id"] == *want)
                    }
                    Format::Html => out.contains(&maud::html! { (text) }.into_string()),
                    Format::Markdown => plain.contains(text.as_str()),
                    // The text export wraps lines: compare with spacing folded.
                    Format::Text => plain
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .contains(text.as_str()),
                };
                assert!(
                    shown,
                    "{} {format:?}: question {want} not in the export",
                    s.file
                );
            }
        }
        // The short cut for a short visit keeps essentials from the must-have list.
        let top = build(
            &bank,
            &profile,
            &State::default(),
            &Options {
                top: Some(6),
                ..Default::default()
            },
        );
        assert!(!top.items.is_empty() && top.items.len() <= 6, "{}", s.file);
    }
}
