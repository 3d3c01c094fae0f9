//! "Your results in plain words": the person's answers and their classification, explained
//! with the text in `assets/results.yaml`.

use crate::choice::Choice;
use crate::classify::{Classification, Her2, Hr, Setting, Subtype};
use crate::profile::*;

// The plain-words text of `assets/results.yaml`, written out as a table (`TEXTS`) by
// `texts_source` (tests/builtin_data.rs keeps it current): parsing it at run time cost about a
// twentieth of an export.
mod texts;
use texts::TEXTS;

/// The Rust source of `src/results/texts.rs` for the text of `assets/results.yaml`: sections of
/// (key, text) pairs, sorted. Fails, saying why, when the YAML is not sections of texts.
#[doc(hidden)]
pub fn texts_source(yaml: &str) -> Result<String, String> {
    use std::collections::BTreeMap;
    let parsed: BTreeMap<String, BTreeMap<String, String>> = serde_yaml::from_str(yaml)
        .map_err(|e| format!("assets/results.yaml is not sections of texts: {e}"))?;
    let mut out = crate::bank::generate::HEADER.replace("questions/", "assets/results.yaml");
    out.push_str(
        "\n/// `assets/results.yaml`: (section, [(key, text)]), sorted.\n#[rustfmt::skip]\npub(super) static TEXTS: &[(&str, &[(&str, &str)])] = &[\n",
    );
    for (section, entries) in &parsed {
        out.push_str(&format!("    ({section:?}, &[\n"));
        for (k, v) in entries {
            out.push_str(&format!("        ({k:?}, {v:?}),\n"));
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    Ok(out)
}

/// The text for `section` / `key`, or an empty string when the asset lacks it (a test checks
/// that it never does).
pub fn explain(section: &str, key: &str) -> &'static str {
    TEXTS
        .iter()
        .find(|(s, _)| *s == section)
        .and_then(|(_, entries)| entries.iter().find(|(k, _)| *k == key))
        .map_or("", |(_, text)| text)
}

/// One line of "my results at a glance".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    /// What (ER, HER2, stage...).
    pub label: &'static str,
    /// The answer in plain words.
    pub value: String,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Each result in plain words.
    pub lines: Vec<Line>,
    /// What the results usually mean, as things to ask about.
    pub meaning: Vec<String>,
    /// Notices that must come first (HER2-positive scope, HER2 not final, ER-low).
    pub notices: Vec<String>,
}

fn known<C: Choice>(c: C, words: impl FnOnce(C) -> String) -> String {
    if c.name() == "unknown" {
        "not known yet".into()
    } else {
        words(c)
    }
}

/// Builds the summary for a profile.
pub fn summarise(profile: &Profile) -> Summary {
    let class = Classification::of(profile);
    let mut lines = Vec::new();
    let mut add = |label, value: String| lines.push(Line { label, value });
    add(
        "ER",
        known(profile.er, |e| match e {
            Er::Low => "low (1-10 %)".into(),
            other => other.name().into(),
        }),
    );
    add("PR", known(profile.pr, |p| p.name().into()));
    let her2_line = match class.her2 {
        Her2::Zero => "0 (HER2-0, HER2-negative)".to_string(),
        Her2::Ultralow => "ultralow (HER2-negative)".into(),
        Her2::Low => format!(
            "low (IHC {}{}, HER2-negative)",
            profile.her2.ihc.name(),
            match profile.her2.ish {
                Ish::NotAmplified => ", ISH not amplified",
                _ => "",
            }
        ),
        Her2::Equivocal => format!(
            "2+, borderline: not final until ISH (ISH {})",
            profile.her2.ish.name().replace('-', " ")
        ),
        Her2::Positive => "positive".into(),
        Her2::Unknown if class.setting == Setting::Dcis => "not usually tested for DCIS".into(),
        Her2::Unknown => "not known yet".into(),
    };
    add("HER2", her2_line);
    add(
        "Hormone receptors",
        match class.hr {
            Hr::Positive => "positive".into(),
            Hr::Low => "ER-low".into(),
            Hr::Negative => "negative".into(),
            Hr::Unknown => "not known yet".into(),
        },
    );
    add(
        "Type",
        match class.subtype {
            Subtype::HrPositive => "hormone receptor-positive, HER2-negative (HR+/HER2-)".into(),
            Subtype::ErLow => "ER-low, HER2-negative".into(),
            Subtype::TripleNegative => "triple-negative".into(),
            Subtype::Her2Positive => "HER2-positive".into(),
            Subtype::Unknown if class.setting == Setting::Dcis => "DCIS (non-invasive)".into(),
            Subtype::Unknown => "not clear yet".into(),
        },
    );
    add("Stage", known(profile.stage, |s| s.name().into()));
    add("Lymph nodes", known(profile.nodes, |n| n.name().into()));
    add("Grade", known(profile.grade, |g| g.name().into()));
    if profile.sex != Sex::Male {
        add(
            "Menopause",
            known(profile.menopause, |m| match m {
                Menopause::Pre => "before menopause".into(),
                Menopause::Peri => "around menopause".into(),
                _ => "after menopause".into(),
            }),
        );
    }
    add(
        "Inherited BRCA test",
        known(profile.brca, |b| match b {
            Brca::Uncertain => "a change of uncertain meaning (VUS)".into(),
            other => other.name().replace('-', " "),
        }),
    );
    if profile.age != AgeBand::Unknown {
        add(
            "Age",
            match profile.age_years {
                Some(n) => n.to_string(),
                // The band in words ("50 to 65", not the file's "50-65").
                None => match profile.age {
                    AgeBand::Under40 => "under 40".into(),
                    AgeBand::From40 => "40 to 49".into(),
                    AgeBand::From50 => "50 to 65".into(),
                    AgeBand::Over65 => "over 65".into(),
                    AgeBand::Unknown => String::new(),
                },
            },
        );
    }
    if class.setting == Setting::Metastatic || profile.tumor_testing != TumorTesting::Unknown {
        let mut t = known(profile.tumor_testing, |t| t.name().replace('-', " "));
        if !profile.tumor_mutations.is_empty() {
            let found: Vec<String> = profile
                .tumor_mutations
                .iter()
                .map(|m| m.name().to_uppercase())
                .collect();
            t.push_str(&format!(" (found: {})", found.join(", ")));
        }
        add("Tumor mutation testing", t);
    }
    if profile.pd_l1 != PdL1::Unknown
        || (class.setting == Setting::Metastatic
            && matches!(class.subtype, Subtype::TripleNegative | Subtype::ErLow))
    {
        add(
            "PD-L1",
            known(profile.pd_l1, |p| p.name().replace('-', " ")),
        );
    }
    let mut meaning = Vec::new();
    let metastatic = class.setting == Setting::Metastatic;
    let dcis = class.setting == Setting::Dcis;
    // The subtype and HER2 texts speak of the setting they are read in: treatment before
    // surgery means nothing once the cancer has spread, and HER2 is not routinely tested for
    // DCIS, so a missing HER2 result there is no gap to chase.
    let subtype = match class.subtype {
        // DCIS is not treated by subtype: chemotherapy and HER2 drugs play no part.
        s if dcis && s != Subtype::Her2Positive => "dcis".to_string(),
        s if metastatic => format!("{}-metastatic", s.name()),
        s => s.name().to_string(),
    };
    let her2 = match class.her2 {
        Her2::Unknown if dcis => None,
        h if metastatic => Some(format!("{}-metastatic", h.name())),
        h => Some(h.name().to_string()),
    };
    let pick = |section: &str, key: &str| -> &'static str {
        let t = explain(section, key);
        if t.is_empty() {
            // The plain entry when there is no setting-specific one.
            explain(section, key.trim_end_matches("-metastatic"))
        } else {
            t
        }
    };
    for (section, key) in [
        ("subtype", Some(subtype)),
        ("her2", her2),
        ("setting", Some(class.setting.name().to_string())),
    ] {
        let Some(key) = key else { continue };
        let t = pick(section, &key);
        if !t.is_empty() && !meaning.iter().any(|m: &String| m == t) {
            meaning.push(t.to_string());
        }
    }
    // Genetic testing is worth asking about for triple-negative cancer only while the inherited
    // result is not known; a carrier hears what the result changes instead.
    if class.subtype == Subtype::TripleNegative && !dcis {
        let key = match profile.brca {
            Brca::Positive => Some("triple-negative-positive"),
            Brca::Unknown | Brca::NotTested => Some("triple-negative-untested"),
            Brca::Pending => Some("triple-negative-pending"),
            Brca::Negative | Brca::Uncertain => None,
        };
        if let Some(key) = key {
            meaning.push(explain("brca", key).to_string());
        }
    }
    let mut notices = Vec::new();
    if class.out_of_scope() {
        notices.push(explain("notice", "her2-positive").to_string());
    }
    if class.her2 == Her2::Equivocal {
        notices.push(explain("notice", "equivocal").to_string());
    }
    if class.hr == Hr::Low {
        notices.push(explain("notice", "er-low").to_string());
    }
    Summary {
        lines,
        meaning,
        notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meaning(yaml: &str) -> String {
        summarise(&Profile::from_yaml(yaml).unwrap())
            .meaning
            .join("\n")
    }

    #[test]
    fn every_entry_the_summary_can_pick_exists() {
        use crate::choice::Choice;
        for (s, _, _) in Subtype::ALL {
            assert!(!explain("subtype", s.name()).is_empty(), "{s}");
        }
        for (h, _, _) in Her2::ALL {
            assert!(!explain("her2", h.name()).is_empty(), "{h}");
        }
        assert!(!explain("subtype", "dcis").is_empty());
        for key in [
            "triple-negative-untested",
            "triple-negative-pending",
            "triple-negative-positive",
        ] {
            assert!(!explain("brca", key).is_empty(), "{key}");
        }
    }

    #[test]
    fn a_known_brca_carrier_is_not_told_to_ask_about_genetic_testing() {
        for stage in ["II", "IV"] {
            let base = format!("er: negative\npr: negative\nher2: {{ihc: 0}}\nstage: {stage}");
            let carrier = meaning(&format!("{base}\nbrca: positive"));
            assert!(!carrier.contains("genetic testing"), "{carrier}");
            assert!(carrier.contains("PARP inhibitor"), "{carrier}");
            let untested = meaning(&format!("{base}\nbrca: not-tested"));
            assert!(
                untested.contains("genetic testing is advised"),
                "{untested}"
            );
            let pending = meaning(&format!("{base}\nbrca: pending"));
            assert!(
                pending.contains("on its way") && !pending.contains("genetic testing"),
                "{pending}"
            );
            let negative = meaning(&format!("{base}\nbrca: negative"));
            assert!(!negative.contains("genetic testing"), "{negative}");
        }
    }

    #[test]
    fn triple_negative_that_has_spread_is_not_told_about_surgery() {
        let m = meaning("er: negative\npr: negative\nher2: {ihc: 1+}\nstage: IV");
        assert!(!m.contains("before surgery"), "{m}");
        assert!(!m.contains("HER2 drugs do not help"), "{m}");
        assert!(m.contains("PD-L1"), "{m}");
        let early = meaning("er: negative\npr: negative\nher2: {ihc: 0}\nstage: II");
        assert!(early.contains("before surgery"), "{early}");
    }

    #[test]
    fn dcis_is_not_sent_after_a_her2_result() {
        let s = summarise(&Profile::from_yaml("stage: 0\ner: positive").unwrap());
        let m = s.meaning.join("\n");
        assert!(!m.contains("IHC score"), "{m}");
        assert!(!m.contains("not clear yet"), "{m}");
        assert!(m.contains("HER2 is not usually tested for DCIS"), "{m}");
        let her2 = s.lines.iter().find(|l| l.label == "HER2").unwrap();
        assert_eq!(her2.value, "not usually tested for DCIS");
    }

    #[test]
    fn an_age_band_reads_as_words() {
        for (band, words) in [
            ("under-40", "under 40"),
            ("40-49", "40 to 49"),
            ("50-65", "50 to 65"),
            ("over-65", "over 65"),
            ("58", "58"),
        ] {
            let s = summarise(&Profile::from_yaml(&format!("age: {band}")).unwrap());
            let age = s.lines.iter().find(|l| l.label == "Age").unwrap();
            assert_eq!(age.value, words);
        }
    }
}
