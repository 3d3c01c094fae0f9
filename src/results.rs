//! "Your results in plain words": the person's answers and their classification, explained
//! with the text in `assets/results.yaml`.

use crate::choice::Choice;
use crate::classify::{Classification, Her2, Hr, Subtype};
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
    let her2 = match class.her2 {
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
        Her2::Unknown => "not known yet".into(),
    };
    add("HER2", her2);
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
        known(profile.brca, |b| b.name().replace('-', " ")),
    );
    if class.setting == crate::classify::Setting::Metastatic
        || profile.tumor_testing != TumorTesting::Unknown
    {
        let mut t = known(profile.tumor_testing, |t| t.name().replace('-', " "));
        if !profile.tumor_mutations.is_empty() {
            let found: Vec<String> = profile
                .tumor_mutations
                .iter()
                .map(|m| m.name().to_uppercase())
                .collect();
            t.push_str(&format!(" (found: {})", found.join(", ")));
        }
        add("Tumour mutation testing", t);
    }
    let mut meaning = Vec::new();
    for (section, key) in [
        ("subtype", class.subtype.name()),
        ("her2", class.her2.name()),
        ("setting", class.setting.name()),
    ] {
        let t = explain(section, key);
        if !t.is_empty() && !meaning.iter().any(|m: &String| m == t) {
            meaning.push(t.to_string());
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
