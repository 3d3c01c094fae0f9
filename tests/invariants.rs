//! Rules that must hold for every profile, checked over the whole grid of answers that the
//! rules depend on (sex, ER, PR, HER2 IHC x ISH, stage, menopause, phase), with every other
//! field (nodes, grade, BRCA, age, PD-L1, mutations, role, appointment...) cycling through all
//! its values along the way.

use her2prep::bank::{Bank, Priority};
use her2prep::checklist::{Checklist, DEFAULT_TOP, Options, build};
use her2prep::choice::Choice;
use her2prep::classify::{Hr, Setting, Subtype};
use her2prep::profile::*;
use her2prep::state::State;

/// Every profile of the grid.
fn grid() -> Vec<Profile> {
    let mut out = Vec::new();
    let mut n = 0usize;
    let her2: Vec<(Ihc, Ish)> = Ihc::ALL
        .iter()
        .flat_map(|(ihc, _, _)| {
            let ish: Vec<Ish> = if matches!(ihc, Ihc::Two | Ihc::Unknown) {
                Ish::ALL.iter().map(|i| i.0).collect()
            } else {
                vec![Ish::Unknown]
            };
            ish.into_iter().map(move |i| (*ihc, i))
        })
        .collect();
    for &(sex, _, _) in Sex::ALL {
        for &(er, _, _) in Er::ALL {
            for &(pr, _, _) in Pr::ALL {
                for &(ihc, ish) in &her2 {
                    for &(stage, _, _) in Stage::ALL {
                        for &(menopause, _, _) in Menopause::ALL {
                            for &(phase, _, _) in Phase::ALL {
                                n += 1;
                                let pick = |len: usize, salt: usize| (n / (salt + 1) + salt) % len;
                                let mutations: std::collections::BTreeSet<Mutation> = Mutation::ALL
                                    .iter()
                                    .map(|m| m.0)
                                    .filter(|m| (n >> (*m as usize)) & 1 == 1)
                                    .take(pick(3, 7))
                                    .collect();
                                out.push(Profile {
                                    role: Role::ALL[pick(2, 1)].0,
                                    name: None,
                                    sex,
                                    er,
                                    pr,
                                    her2: Her2Tests { ihc, ish },
                                    stage,
                                    nodes: Nodes::ALL[pick(3, 2)].0,
                                    grade: Grade::ALL[pick(4, 3)].0,
                                    menopause: if sex == Sex::Male {
                                        Menopause::Unknown
                                    } else {
                                        menopause
                                    },
                                    brca: Brca::ALL[pick(Brca::ALL.len(), 4)].0,
                                    age: AgeBand::ALL[pick(AgeBand::ALL.len(), 9)].0,
                                    age_years: None,
                                    pd_l1: PdL1::ALL[pick(PdL1::ALL.len(), 10)].0,
                                    tumor_testing: TumorTesting::ALL[pick(4, 5)].0,
                                    tumor_mutations: mutations,
                                    // A plan on about one profile in three: none, chemotherapy,
                                    // immunotherapy, both.
                                    planned: match pick(9, 11) {
                                        0 | 1 => [Treatment::Chemotherapy].into(),
                                        2 => [Treatment::Immunotherapy].into(),
                                        3 => [Treatment::Chemotherapy, Treatment::Immunotherapy]
                                            .into(),
                                        _ => Default::default(),
                                    },
                                    phase,
                                    appointment: Appointment {
                                        with: Clinician::ALL[pick(8, 6)].0,
                                        date: None,
                                    },
                                    include_sensitive: pick(2, 8) == 1,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn matches_any(text: &str, words: &[&str]) -> Option<String> {
    let t = text.to_lowercase();
    words
        .iter()
        .find(|w| t.contains(&w.to_lowercase()))
        .map(|w| w.to_string())
}

/// Written for women: never on a man's list.
const MENOPAUSE_OVARY_PREGNANCY: &[&str] = &[
    "menopaus",
    "ovar",
    "pregnan",
    "fertility",
    "egg",
    "embryo",
    "period",
    "fallopian",
    "womb",
    "uterus",
    "dryness",
    "reconstruction",
    "brachytherapy",
];
/// The practical side of chemotherapy: only where it is likely.
const CHEMO_LOGISTICS: &[&str] = &[
    "cold cap",
    "scalp cooling",
    "a port",
    "infusions",
    "chemo brain",
    "chemotherapy days",
    "blood counts",
    "which chemotherapy drugs",
    "while i am having chemotherapy",
];
const BEFORE_SURGERY: &[&str] = &[
    "before surgery",
    "before my surgery",
    "before my operation",
    "before the first operation",
];
const IMMUNE_SIDE_EFFECTS: &[&str] = &["immune side effect"];
/// Claims about what others find, which say nothing about this person.
const CROWD_CLAIMS: &[&str] = &["most people", "most patients", "everyone finds"];
const ENDOCRINE: &[&str] = &[
    "hormone therapy",
    "endocrine",
    "tamoxifen",
    "aromatase",
    "letrozole",
    "anastrozole",
    "exemestane",
    "cdk4/6",
    "palbociclib",
    "ribociclib",
    "abemaciclib",
    "fulvestrant",
    "elacestrant",
    "ovarian suppression",
    "ovarian function suppression",
];
const AFTER_MENOPAUSE: &[&str] = &[
    "fertility",
    "pregnan",
    "ovarian suppression",
    "ovarian function suppression",
    "egg",
    "embryo",
];
const METASTATIC_ONLY: &[&str] = &[
    "metastatic site",
    "metastasis",
    "re-biopsy",
    "rebiopsy",
    "pik3ca",
    "esr1",
    "akt1",
    "pten",
    "alpelisib",
    "capivasertib",
    "inavolisib",
    "everolimus",
    "elacestrant",
    "sacituzumab",
    "trastuzumab deruxtecan",
    "datopotamab",
    "talazoparib",
    "lines of treatment",
    "line of treatment",
    "next treatment if",
];
const SURGERY_CHOICE: &[&str] = &[
    "lumpectomy or mastectomy",
    "mastectomy or lumpectomy",
    "sentinel",
    "lumpectomy or a mastectomy",
    "which surgery",
    "kind of surgery",
    "reconstruction be",
];

const AFTER_SURGERY: &[Phase] = &[
    Phase::AfterSurgery,
    Phase::EndocrineTherapy,
    Phase::Survivorship,
];

/// The most essential questions one profile may get: a visit has room for about six, and the
/// unknown results each add one.
const MAX_ESSENTIALS: usize = 14;

/// Triple-negative or ER-low: the cancers treated with immunotherapy.
fn tnbc_like(list: &Checklist) -> bool {
    matches!(list.class.subtype, Subtype::TripleNegative | Subtype::ErLow)
}

/// Immunotherapy is part of the plan, judged here from the facts a clinician would use (not
/// from the program's own derivation): stage II-III triple-negative or ER-low cancer around
/// surgery, or spread triple-negative or ER-low cancer with a positive PD-L1 test.
fn immunotherapy_in_plan(p: &Profile, list: &Checklist) -> bool {
    p.planned.contains(&Treatment::Immunotherapy)
        || tnbc_like(list)
            && match list.class.setting {
                Setting::Metastatic => p.pd_l1 == PdL1::Positive,
                Setting::Dcis => false,
                _ => {
                    matches!(p.stage, Stage::II | Stage::III)
                        && !matches!(p.phase, Phase::EndocrineTherapy | Phase::Survivorship)
                }
            }
}

/// Chemotherapy is not expected (unless the care team has proposed it): DCIS, active treatment over (or hormone therapy only) before
/// any spread, or a stage I, node-negative, grade 1-2 HR+ cancer not treated before surgery.
fn chemo_not_expected(p: &Profile, list: &Checklist) -> bool {
    if p.planned.contains(&Treatment::Chemotherapy) {
        return false;
    }
    match list.class.setting {
        Setting::Dcis => true,
        Setting::Metastatic => false,
        _ if matches!(p.phase, Phase::EndocrineTherapy | Phase::Survivorship) => true,
        _ => {
            list.class.subtype == Subtype::HrPositive
                && p.stage == Stage::I
                && p.nodes == Nodes::Negative
                && matches!(p.grade, Grade::G1 | Grade::G2)
                && p.phase != Phase::Neoadjuvant
        }
    }
}

fn violations(p: &Profile, list: &Checklist) -> Vec<String> {
    let mut v = Vec::new();
    let texts = || list.items.iter().map(|i| (i.id.as_str(), i.text.as_str()));
    if list.items.is_empty() {
        v.push("empty list".into());
    }
    let essentials = list
        .items
        .iter()
        .filter(|i| i.priority == Priority::Essential)
        .count();
    if essentials == 0 {
        v.push("no essential question".into());
    }
    if essentials > MAX_ESSENTIALS {
        v.push(format!(
            "{essentials} essential questions (more than {MAX_ESSENTIALS})"
        ));
    }
    for (id, text) in texts() {
        let mut rule = |name: &str, applies: bool, words: &[&str]| {
            if applies && let Some(w) = matches_any(text, words) {
                v.push(format!("{name}: {id} mentions \"{w}\": {text}"));
            }
        };
        rule("man", p.sex == Sex::Male, MENOPAUSE_OVARY_PREGNANCY);
        rule(
            "triple-negative",
            list.class.subtype == Subtype::TripleNegative,
            ENDOCRINE,
        );
        rule(
            "after menopause",
            p.menopause == Menopause::Post,
            AFTER_MENOPAUSE,
        );
        rule(
            "not metastatic",
            matches!(
                list.class.setting,
                Setting::Dcis | Setting::Early | Setting::LocallyAdvanced
            ),
            METASTATIC_ONLY,
        );
        rule(
            "after surgery",
            AFTER_SURGERY.contains(&p.phase) || list.class.setting == Setting::Metastatic,
            SURGERY_CHOICE,
        );
        rule(
            "HER2-positive (out of scope)",
            list.class.subtype == Subtype::Her2Positive,
            ENDOCRINE,
        );
        rule(
            "chemotherapy not expected",
            chemo_not_expected(p, list),
            CHEMO_LOGISTICS,
        );
        rule(
            "surgery is behind (or not part of the plan)",
            AFTER_SURGERY.contains(&p.phase) || list.class.setting == Setting::Metastatic,
            BEFORE_SURGERY,
        );
        rule(
            "no immunotherapy in the plan",
            !immunotherapy_in_plan(p, list),
            IMMUNE_SIDE_EFFECTS,
        );
        rule("a claim about others", true, CROWD_CLAIMS);
        // Adjuvant olaparib is for higher-risk early cancer, and starts after the main
        // treatment: never for stage I node-negative HR+ cancer, never years later. Cancer
        // left after chemotherapy before surgery is one of those higher risks whatever the
        // first stage (CLINICAL-NOTES, "Inherited BRCA1/2"), so the residual-disease question
        // may name it wherever chemotherapy is planned.
        rule(
            "olaparib after surgery for a lower-risk or finished case",
            id != "tnbc-residual"
                && list.class.setting != Setting::Metastatic
                && ((list.class.subtype == Subtype::HrPositive
                    && matches!(p.stage, Stage::S0 | Stage::I | Stage::Unknown))
                    || p.stage == Stage::I && p.nodes == Nodes::Negative
                    || p.phase == Phase::Survivorship),
            &["olaparib"],
        );
        // A person already tested is not asked about "before the test".
        rule(
            "already tested",
            matches!(
                p.brca,
                Brca::Positive | Brca::Negative | Brca::Pending | Brca::Uncertain
            ),
            &["before the test", "before i decide to have it"],
        );
        rule(
            "PD-L1 result known",
            matches!(p.pd_l1, PdL1::Positive | PdL1::Negative),
            &["been tested for pd-l1"],
        );
    }
    for i in &list.items {
        if let Some(w) = matches_any(&i.why, CROWD_CLAIMS) {
            v.push(format!("{}: its why claims \"{w}\": {}", i.id, i.why));
        }
    }
    let any = |words: &[&str]| {
        list.items
            .iter()
            .any(|i| matches_any(&i.text, words).is_some())
    };
    let mut must = |name: &str, applies: bool, words: &[&str]| {
        if applies && !any(words) {
            v.push(format!("{name}: no question mentions any of {words:?}"));
        }
    };
    let woman = p.sex == Sex::Female;
    let in_scope = list.class.subtype != Subtype::Her2Positive;
    must(
        "a woman past menopause with HR+ cancer (aromatase inhibitor)",
        woman && p.menopause == Menopause::Post && list.class.hr == Hr::Positive && in_scope,
        &["bone"],
    );
    must(
        "a woman with a BRCA change",
        woman && p.brca == Brca::Positive && list.class.setting != Setting::Metastatic,
        &["ovaries and fallopian tubes"],
    );
    must(
        "a woman with a BRCA change",
        woman && p.brca == Brca::Positive && list.class.setting != Setting::Metastatic,
        &["breast mri"],
    );
    must(
        "a man with a BRCA change",
        p.sex == Sex::Male && p.brca == Brca::Positive,
        &["prostate"],
    );
    must(
        "a negative BRCA test",
        p.brca == Brca::Negative,
        &["other genes"],
    );
    must(
        "spread triple-negative or ER-low cancer",
        tnbc_like(list) && list.class.setting == Setting::Metastatic,
        &["pd-l1"],
    );
    must(
        "spread triple-negative or ER-low cancer",
        tnbc_like(list) && list.class.setting == Setting::Metastatic,
        &["antibody-drug conjugate", "sacituzumab"],
    );
    must(
        "spread cancer with a BRCA change",
        list.class.setting == Setting::Metastatic && p.brca == Brca::Positive && in_scope,
        &["parp inhibitor"],
    );
    must(
        "an ESR1 change in spread HR+ cancer",
        list.class.setting == Setting::Metastatic
            && list.class.hr == Hr::Positive
            && in_scope
            && p.tumor_mutations.contains(&Mutation::Esr1),
        &["imlunestrant"],
    );
    must(
        "chemotherapy proposed, and treatment still to come",
        p.planned.contains(&Treatment::Chemotherapy)
            && in_scope
            && list.class.setting != Setting::Dcis
            && !matches!(p.phase, Phase::EndocrineTherapy | Phase::Survivorship),
        &["which chemotherapy drugs"],
    );
    must(
        "immunotherapy proposed, and treatment still to come",
        p.planned.contains(&Treatment::Immunotherapy)
            && in_scope
            && !matches!(p.phase, Phase::EndocrineTherapy | Phase::Survivorship),
        IMMUNE_SIDE_EFFECTS,
    );
    must(
        "a man likely to have chemotherapy before it starts",
        p.sex == Sex::Male
            && p.age != AgeBand::Over65
            && tnbc_like(list)
            && matches!(p.stage, Stage::II | Stage::III)
            && matches!(p.phase, Phase::NewDiagnosis | Phase::BeforeSurgery),
        &["sperm"],
    );
    for i in &list.items {
        if i.sensitive && !p.include_sensitive {
            v.push(format!("sensitive question {} without opt-in", i.id));
        }
        if i.why.trim().is_empty() || i.source.is_none() {
            v.push(format!("{} has no why or source", i.id));
        }
    }
    if list.class.subtype == Subtype::Her2Positive
        && !list.items.iter().any(|i| {
            i.reasons
                .iter()
                .any(|r| r.contains("HER2 result is positive"))
        })
    {
        v.push("HER2-positive without the HER2-targeted therapy question".into());
    }
    v
}

#[test]
fn every_profile_gets_a_safe_usable_list() {
    let bank = Bank::builtin().unwrap();
    let profiles = grid();
    assert!(
        profiles.len() > 100_000,
        "the grid has {} profiles",
        profiles.len()
    );
    let state = State::default();
    let top = Options {
        top: Some(DEFAULT_TOP),
        ..Default::default()
    };
    let failures: Vec<String> = std::thread::scope(|s| {
        let chunks: Vec<_> = profiles
            .chunks(profiles.len().div_ceil(4))
            .map(|chunk| {
                let bank = &bank;
                let state = &state;
                let top = &top;
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for p in chunk {
                        let list = build(bank, p, state, &Options::default());
                        let mut v = violations(p, &list);
                        let cut = build(bank, p, state, top);
                        if cut.items.is_empty() || cut.items.len() > DEFAULT_TOP {
                            v.push(format!("top cut has {} questions", cut.items.len()));
                        }
                        if !v.is_empty() && bad.len() < 20 {
                            bad.push(format!(
                                "{}\n  {}",
                                p.to_yaml().replace('\n', " "),
                                v.join("\n  ")
                            ));
                        }
                    }
                    bad
                })
            })
            .collect();
        chunks.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(
        failures.is_empty(),
        "{} failing profiles (capped), first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_know_nothing_profile_gets_questions_about_its_unknowns() {
    let bank = Bank::builtin().unwrap();
    let list = build(
        &bank,
        &Profile::default(),
        &State::default(),
        &Options::default(),
    );
    assert!(violations(&Profile::default(), &list).is_empty());
    assert!(list.items.iter().any(|i| {
        i.reasons
            .iter()
            .any(|r| r.contains("HER2 result is not known yet"))
    }));
}
