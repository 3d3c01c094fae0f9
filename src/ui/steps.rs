//! The walk-through's questions: which steps there are, which apply to a profile, their choices
//! in plain words, and how a choice reads from and writes to the profile.

use crate::profile::*;

/// One screen of the walk-through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Er,
    Pr,
    Ihc,
    Ish,
    Stage,
    Nodes,
    Grade,
    Sex,
    Menopause,
    Brca,
    Age,
    TumorTesting,
    Mutations,
    PdL1,
    Phase,
    Planned,
    Sensitive,
    With,
    Date,
}

/// Every step in order (some are skipped for some profiles).
pub const ALL: [Step; 19] = [
    Step::Er,
    Step::Pr,
    Step::Ihc,
    Step::Ish,
    Step::Stage,
    Step::Nodes,
    Step::Grade,
    Step::Sex,
    Step::Menopause,
    Step::Brca,
    Step::Age,
    Step::TumorTesting,
    Step::Mutations,
    Step::PdL1,
    Step::Phase,
    Step::Planned,
    Step::Sensitive,
    Step::With,
    Step::Date,
];

/// The label of the "I don't know" choice, always last.
pub const DONT_KNOW: &str = "I don't know / not yet";

impl Step {
    /// True when this step is asked of this profile (the rules are the library's, in
    /// `crate::walk`).
    pub fn applies(self, p: &Profile) -> bool {
        match self {
            Step::Ish => crate::walk::asks_ish(p),
            Step::Menopause => crate::walk::asks_menopause(p),
            Step::TumorTesting => crate::walk::asks_tumor_testing(p),
            Step::Mutations => crate::walk::asks_mutations(p),
            Step::Age => crate::walk::asks_age(p),
            Step::PdL1 => crate::walk::asks_pd_l1(p),
            Step::Planned => crate::walk::asks_planned(p),
            _ => true,
        }
    }

    /// The step whose answer decides whether this one is asked, if any.
    pub fn decided_by(self) -> Option<Step> {
        match self {
            Step::Ish => Some(Step::Ihc),
            Step::Menopause => Some(Step::Sex),
            Step::TumorTesting => Some(Step::Stage),
            Step::Mutations => Some(Step::TumorTesting),
            Step::Age => Some(Step::Brca),
            Step::PdL1 => Some(Step::Stage),
            Step::Planned => Some(Step::Phase),
            _ => None,
        }
    }

    /// True for the choices of a multiple choice that tick nothing ("none found", "not sure").
    pub fn clears(self, i: usize) -> bool {
        match self {
            Step::Mutations => i >= MUTATIONS.len(),
            Step::Planned => i >= PLANNED.len(),
            _ => false,
        }
    }

    /// The steps asked of this profile, in order.
    pub fn sequence(p: &Profile) -> Vec<Step> {
        ALL.iter().copied().filter(|s| s.applies(p)).collect()
    }

    /// The next applicable step, if any.
    pub fn next(self, p: &Profile) -> Option<Step> {
        let pos = ALL.iter().position(|s| *s == self)?;
        ALL[pos + 1..].iter().copied().find(|s| s.applies(p))
    }

    /// The previous applicable step, if any.
    pub fn previous(self, p: &Profile) -> Option<Step> {
        let pos = ALL.iter().position(|s| *s == self)?;
        ALL[..pos].iter().rev().copied().find(|s| s.applies(p))
    }

    /// The question, in plain words, addressed to the patient or to the caregiver.
    pub fn question(self, role: Role) -> &'static str {
        let caregiver = role == Role::Caregiver;
        match self {
            Step::Sex if !caregiver => "Are you a woman or a man?",
            Step::Menopause if !caregiver => "Where are you in relation to menopause?",
            Step::Phase if caregiver => {
                "Where is the person you are helping in treatment right now?"
            }
            Step::Er => "What is the ER (estrogen receptor) status?",
            Step::Pr => "What is the PR (progesterone receptor) status?",
            Step::Ihc => "What is the HER2 score from the IHC test?",
            Step::Ish => "Was an ISH (or FISH) test done on the HER2 result?",
            Step::Stage => "What stage is the cancer?",
            Step::Nodes => "Were cancer cells found in the lymph nodes?",
            Step::Grade => "What grade is the cancer?",
            Step::Sex => "Is the person you are helping a woman or a man?",
            Step::Menopause => "Where is the person you are helping in relation to menopause?",
            Step::Brca => "Has there been a blood or saliva test for inherited BRCA1/2 changes?",
            Step::TumorTesting => {
                "Has the tumor been tested for changes (mutations) that can guide treatment?"
            }
            Step::Mutations => "Which changes did the tumor testing find?",
            Step::Age if !caregiver => "How old were you when the cancer was found?",
            Step::Age => "How old was the person you are helping when the cancer was found?",
            Step::PdL1 => "What did the PD-L1 test of the tumor show?",
            Step::Phase => "Where are you in treatment right now?",
            Step::Planned => "Has the care team proposed any of these treatments yet?",
            Step::Sensitive => {
                "Would you like questions about the outlook (prognosis) and end-of-life care?"
            }
            Step::With => "Who is the next appointment with?",
            Step::Date => "When is the next appointment?",
        }
    }

    /// The question as this reader sees it: a caregiver who gave the patient's name reads it
    /// ("Is Ana a woman or a man?"), not "the person you are helping".
    pub fn question_for(self, profile: &Profile) -> String {
        let text = self.question(profile.role);
        let voice = crate::voice::Voice::of(profile);
        if voice.is_caregiver() {
            text.replace(crate::voice::UNNAMED, voice.patient_subject())
        } else {
            text.to_string()
        }
    }

    /// A short plain-words note shown with the question.
    pub fn note(self) -> &'static str {
        match self {
            Step::Er => {
                "Choose what your pathology report says. If you are not sure, choose \"I don't know / not yet\": it becomes a question for your team."
            }
            Step::Pr => {
                "Like ER, the report gives PR as positive or negative, often with a percentage."
            }
            Step::Ihc => {
                "HER2 is scored 0, 1+, 2+ or 3+. Some reports add that a 0 showed faint staining (\"ultralow\")."
            }
            Step::Ish => {
                "ISH settles a borderline (2+) HER2 result. It is often still pending when the first report comes."
            }
            Step::Stage => {
                "The stage describes how far the cancer has spread, from 0 (non-invasive) to IV (spread to other parts of the body)."
            }
            Step::Nodes => {
                "The lymph nodes under the arm are often checked during surgery or with a needle biopsy."
            }
            Step::Grade => {
                "The grade says how different the cancer cells look from normal cells, from 1 (slow-growing) to 3 (faster-growing)."
            }
            Step::Sex => {
                "Breast cancer in men is treated much the same way; a few questions differ."
            }
            Step::Menopause => "Some treatments depend on whether the ovaries are still active.",
            Step::Brca => {
                "This is a different test from the tumor tests: it looks for changes a person is born with."
            }
            Step::TumorTesting => {
                "For cancer that has spread, tests on the tumor or the blood can look for changes such as PIK3CA or ESR1."
            }
            Step::Mutations => {
                "Tick each change that was found. If none was found, or you are not sure, choose that."
            }
            Step::Age => {
                "Age changes a few questions: genetic testing, fertility, and whether radiation can be left out for some older women."
            }
            Step::PdL1 => {
                "For triple-negative cancer that has spread, the PD-L1 result (often a \"CPS\" number; 10 or more counts as positive) decides whether immunotherapy is added."
            }
            Step::Phase => "This helps put the questions for where you are now first.",
            Step::Planned => {
                "Tick each one that was proposed. If nothing has been decided yet, or you are not sure, choose that."
            }
            Step::Sensitive => {
                "Many people want to ask these; others don't, or not yet. You can change this later."
            }
            Step::With => "Questions that suit this person come first.",
            Step::Date => {
                "Type the date as year-month-day, for example 2026-12-03. Leave it empty if you don't know yet."
            }
        }
    }

    /// The glossary terms explained beside this step.
    pub fn terms(self) -> &'static [&'static str] {
        match self {
            Step::Er => &["ER", "ER-low"],
            Step::Pr => &["PR", "hormone receptor"],
            Step::Ihc => &["HER2", "IHC", "HER2-ultralow", "HER2-low"],
            Step::Ish => &["ISH", "borderline"],
            Step::Stage => &["stage", "DCIS", "metastatic"],
            Step::Nodes => &["lymph node", "sentinel node"],
            Step::Grade => &["grade"],
            Step::Sex => &[],
            Step::Menopause => &["menopause", "ovarian suppression"],
            Step::Brca => &["BRCA", "genetic testing"],
            Step::TumorTesting => &["tumor testing"],
            Step::Mutations => &["PIK3CA", "ESR1", "AKT1", "PTEN"],
            Step::Age => &["genetic testing"],
            Step::PdL1 => &["PD-L1", "immunotherapy"],
            Step::Phase => &["neoadjuvant", "adjuvant", "hormone therapy"],
            Step::Planned => &["chemotherapy", "immunotherapy"],
            Step::Sensitive => &["outlook", "palliative care"],
            Step::With => &["genetic counselor", "second opinion"],
            Step::Date => &[],
        }
    }

    /// The choices, in order. The last is always the "don't know" one (except for the list of
    /// mutations, a multiple choice, and the date, a text field).
    pub fn choices(self) -> &'static [&'static str] {
        match self {
            Step::Er => &["Positive", "Low (1-10 % of cells)", "Negative", DONT_KNOW],
            Step::Pr => &["Positive", "Negative", DONT_KNOW],
            Step::Ihc => &[
                "0",
                "0 with faint staining (\"ultralow\")",
                "1+",
                "2+ (borderline)",
                "3+",
                DONT_KNOW,
            ],
            Step::Ish => &[
                "Not amplified (negative)",
                "Amplified (positive)",
                "Still waiting for the result",
                "Not done",
                DONT_KNOW,
            ],
            Step::Stage => &[
                "Stage 0 (non-invasive, DCIS)",
                "Stage I",
                "Stage II",
                "Stage III",
                "Stage IV (spread to other parts of the body)",
                DONT_KNOW,
            ],
            Step::Nodes => &[
                "Yes, cancer in the nodes",
                "No, the nodes were clear",
                DONT_KNOW,
            ],
            Step::Grade => &["Grade 1", "Grade 2", "Grade 3", DONT_KNOW],
            Step::Sex => &["A woman", "A man", "I'd rather not say"],
            Step::Menopause => &[
                "Before menopause (still having periods)",
                "Around menopause (periods changing)",
                "After menopause",
                DONT_KNOW,
            ],
            Step::Brca => &[
                "Yes: a BRCA change was found",
                "Yes: no BRCA change was found",
                "Yes, still waiting for the result",
                "No, not tested",
                "Yes: a change of uncertain meaning (VUS)",
                DONT_KNOW,
            ],
            Step::TumorTesting => &[
                "Yes, the results are back",
                "Yes, still waiting for the results",
                "No, not yet",
                DONT_KNOW,
            ],
            Step::Mutations => &[
                "PIK3CA",
                "ESR1",
                "AKT1",
                "PTEN",
                "None of these was found",
                "Not sure",
            ],
            Step::Age => &["Under 40", "40 to 49", "50 to 65", "Over 65", DONT_KNOW],
            Step::PdL1 => &[
                "Positive",
                "Negative",
                "Still waiting for the result",
                "Not tested",
                DONT_KNOW,
            ],
            Step::Phase => &[
                "Just diagnosed",
                "Before surgery",
                "Treatment before surgery (neoadjuvant)",
                "After surgery",
                "Taking hormone (endocrine) therapy",
                "Living with cancer that has spread",
                "The cancer has grown or changed on treatment",
                "Finished treatment, in follow-up",
                DONT_KNOW,
            ],
            Step::Planned => &[
                "Chemotherapy",
                "Immunotherapy, such as pembrolizumab (Keytruda)",
                "Nothing has been decided yet",
                "Not sure",
            ],
            Step::Sensitive => &["Not now", "Yes, include them"],
            Step::With => &[
                "Medical oncologist",
                "Surgeon",
                "Radiation oncologist",
                "Genetic counselor",
                "Nurse",
                "Family doctor (GP)",
                "Someone else",
                DONT_KNOW,
            ],
            Step::Date => &[],
        }
    }

    /// The index of the profile's current answer among the choices.
    pub fn current(self, p: &Profile) -> usize {
        fn idx<T: PartialEq>(values: &[T], v: &T, default: usize) -> usize {
            values.iter().position(|x| x == v).unwrap_or(default)
        }
        match self {
            Step::Er => idx(&ER, &p.er, 3),
            Step::Pr => idx(&PR, &p.pr, 2),
            Step::Ihc => idx(&IHC, &p.her2.ihc, 5),
            Step::Ish => idx(&ISH, &p.her2.ish, 4),
            Step::Stage => idx(&STAGE, &p.stage, 5),
            Step::Nodes => idx(&NODES, &p.nodes, 2),
            Step::Grade => idx(&GRADE, &p.grade, 3),
            Step::Sex => idx(&SEX, &p.sex, 2),
            Step::Menopause => idx(&MENOPAUSE, &p.menopause, 3),
            Step::Brca => idx(&BRCA, &p.brca, 5),
            Step::Age => idx(&AGE, &p.age, 4),
            Step::PdL1 => idx(&PD_L1, &p.pd_l1, 4),
            Step::TumorTesting => idx(&TUMOR, &p.tumor_testing, 3),
            Step::Mutations | Step::Planned => 0,
            Step::Phase => idx(&PHASE, &p.phase, 8),
            Step::Sensitive => usize::from(p.include_sensitive),
            Step::With => idx(&WITH, &p.appointment.with, 7),
            Step::Date => 0,
        }
    }

    /// Records choice `i` in the profile.
    pub fn choose(self, p: &mut Profile, i: usize) {
        fn pick<T: Copy + Default>(values: &[T], i: usize) -> T {
            values.get(i).copied().unwrap_or_default()
        }
        match self {
            Step::Er => p.er = pick(&ER, i),
            Step::Pr => p.pr = pick(&PR, i),
            Step::Ihc => p.her2.ihc = pick(&IHC, i),
            Step::Ish => p.her2.ish = pick(&ISH, i),
            Step::Stage => p.stage = pick(&STAGE, i),
            Step::Nodes => p.nodes = pick(&NODES, i),
            Step::Grade => p.grade = pick(&GRADE, i),
            Step::Sex => p.sex = pick(&SEX, i),
            Step::Menopause => p.menopause = pick(&MENOPAUSE, i),
            Step::Brca => p.brca = pick(&BRCA, i),
            Step::Age => {
                let band = pick(&AGE, i);
                // An exact age from a profile file stays while it agrees with the band.
                if p.age_years.map(AgeBand::of_years) != Some(band) {
                    p.age_years = None;
                }
                p.age = band;
            }
            Step::PdL1 => p.pd_l1 = pick(&PD_L1, i),
            Step::TumorTesting => p.tumor_testing = pick(&TUMOR, i),
            // The choices after the list ("none found", "nothing decided", "not sure") tick
            // nothing.
            Step::Mutations => toggle(&mut p.tumor_mutations, &MUTATIONS, i),
            Step::Planned => toggle(&mut p.planned, &PLANNED, i),
            Step::Phase => p.phase = pick(&PHASE, i),
            Step::Sensitive => p.include_sensitive = i == 1,
            Step::With => p.appointment.with = pick(&WITH, i),
            Step::Date => {}
        }
    }

    /// True for a multiple choice (Space ticks, Enter goes on).
    pub fn is_multiple(self) -> bool {
        matches!(self, Step::Mutations | Step::Planned)
    }

    /// True when choice `i` is ticked (multiple choice only).
    pub fn ticked(self, p: &Profile, i: usize) -> bool {
        match self {
            Step::Mutations => MUTATIONS
                .get(i)
                .is_some_and(|m| p.tumor_mutations.contains(m)),
            Step::Planned => PLANNED.get(i).is_some_and(|t| p.planned.contains(t)),
            _ => false,
        }
    }
}

/// Ticks or unticks choice `i` of a multiple choice; a choice past `values` clears them all.
fn toggle<T: Ord + Copy>(set: &mut std::collections::BTreeSet<T>, values: &[T], i: usize) {
    match values.get(i) {
        Some(v) => {
            if !set.remove(v) {
                set.insert(*v);
            }
        }
        None => set.clear(),
    }
}

const ER: [Er; 4] = [Er::Positive, Er::Low, Er::Negative, Er::Unknown];
const PR: [Pr; 3] = [Pr::Positive, Pr::Negative, Pr::Unknown];
const IHC: [Ihc; 6] = [
    Ihc::Zero,
    Ihc::Ultralow,
    Ihc::One,
    Ihc::Two,
    Ihc::Three,
    Ihc::Unknown,
];
const ISH: [Ish; 5] = [
    Ish::NotAmplified,
    Ish::Amplified,
    Ish::Pending,
    Ish::NotDone,
    Ish::Unknown,
];
const STAGE: [Stage; 6] = [
    Stage::S0,
    Stage::I,
    Stage::II,
    Stage::III,
    Stage::IV,
    Stage::Unknown,
];
const NODES: [Nodes; 3] = [Nodes::Positive, Nodes::Negative, Nodes::Unknown];
const GRADE: [Grade; 4] = [Grade::G1, Grade::G2, Grade::G3, Grade::Unknown];
const SEX: [Sex; 3] = [Sex::Female, Sex::Male, Sex::Unknown];
const MENOPAUSE: [Menopause; 4] = [
    Menopause::Pre,
    Menopause::Peri,
    Menopause::Post,
    Menopause::Unknown,
];
const BRCA: [Brca; 6] = [
    Brca::Positive,
    Brca::Negative,
    Brca::Pending,
    Brca::NotTested,
    Brca::Uncertain,
    Brca::Unknown,
];
const AGE: [AgeBand; 5] = [
    AgeBand::Under40,
    AgeBand::From40,
    AgeBand::From50,
    AgeBand::Over65,
    AgeBand::Unknown,
];
const PD_L1: [PdL1; 5] = [
    PdL1::Positive,
    PdL1::Negative,
    PdL1::Pending,
    PdL1::NotTested,
    PdL1::Unknown,
];
const TUMOR: [TumorTesting; 4] = [
    TumorTesting::Done,
    TumorTesting::Pending,
    TumorTesting::NotDone,
    TumorTesting::Unknown,
];
const MUTATIONS: [Mutation; 4] = [
    Mutation::Pik3ca,
    Mutation::Esr1,
    Mutation::Akt1,
    Mutation::Pten,
];
const PLANNED: [Treatment; 2] = [Treatment::Chemotherapy, Treatment::Immunotherapy];
const PHASE: [Phase; 9] = [
    Phase::NewDiagnosis,
    Phase::BeforeSurgery,
    Phase::Neoadjuvant,
    Phase::AfterSurgery,
    Phase::EndocrineTherapy,
    Phase::Metastatic,
    Phase::Progression,
    Phase::Survivorship,
    Phase::Unknown,
];
const WITH: [Clinician; 8] = [
    Clinician::MedicalOncologist,
    Clinician::Surgeon,
    Clinician::RadiationOncologist,
    Clinician::GeneticCounselor,
    Clinician::Nurse,
    Clinician::PrimaryCare,
    Clinician::Other,
    Clinician::Unknown,
];

/// The clinicians a list can be filtered to, with their labels.
pub fn clinicians() -> Vec<(Clinician, &'static str)> {
    WITH[..7]
        .iter()
        .copied()
        .zip(Step::With.choices().iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_through_the_profile() {
        for step in ALL {
            if step.is_multiple() || step == Step::Date {
                continue;
            }
            for i in 0..step.choices().len() {
                let mut p = Profile::default();
                step.choose(&mut p, i);
                assert_eq!(step.current(&p), i, "{step:?} choice {i}");
            }
        }
    }

    #[test]
    fn what_is_planned_is_asked_only_where_the_results_leave_it_open() {
        let p = |text: &str| Profile::from_yaml(text).unwrap();
        // Stage I HR+ node-negative: a high genomic score can still bring chemotherapy.
        let hr = p(
            "er: positive\npr: positive\nher2: {ihc: '0'}\nstage: I\nnodes: negative\ngrade: 2\nphase: after-surgery",
        );
        assert!(Step::Planned.applies(&hr));
        // Stage II triple-negative: chemotherapy with immunotherapy is already expected.
        let tnbc =
            p("er: negative\npr: negative\nher2: {ihc: '0'}\nstage: II\nphase: new-diagnosis");
        assert!(!Step::Planned.applies(&tnbc));
        for done in [
            "phase: survivorship",
            "phase: endocrine-therapy",
            "stage: '0'",
        ] {
            let mut q = hr.clone();
            let extra = p(done);
            q.phase = extra.phase;
            if done.starts_with("stage") {
                q.stage = extra.stage;
            }
            assert!(!Step::Planned.applies(&q), "{done}");
        }
        // Ticking chemotherapy brings in its practical questions, and keeps the step asked.
        let bank = crate::bank::Bank::builtin().unwrap();
        let ids = |p: &Profile| -> Vec<String> {
            crate::checklist::build(
                &bank,
                p,
                &crate::state::State::default(),
                &Default::default(),
            )
            .items
            .into_iter()
            .map(|i| i.id)
            .collect()
        };
        assert!(!ids(&hr).contains(&"chemo-port".to_string()));
        let mut planned = hr.clone();
        Step::Planned.choose(&mut planned, 0);
        assert!(Step::Planned.ticked(&planned, 0));
        assert!(ids(&planned).contains(&"chemo-port".to_string()));
        assert!(Step::Planned.applies(&planned));
        // "Nothing decided yet" clears what was ticked.
        Step::Planned.choose(&mut planned, 2);
        assert!(planned.planned.is_empty());
    }

    #[test]
    fn a_caregiver_who_named_the_patient_reads_the_name_in_every_question() {
        let mut p = Profile {
            role: Role::Caregiver,
            ..Profile::default()
        };
        assert_eq!(
            Step::Sex.question_for(&p),
            "Is the person you are helping a woman or a man?"
        );
        p.name = Some("Ana".into());
        for step in ALL {
            let q = step.question_for(&p);
            assert!(!q.contains("the person you are helping"), "{step:?}: {q}");
        }
        assert_eq!(
            Step::Age.question_for(&p),
            "How old was Ana when the cancer was found?"
        );
        assert_eq!(Step::Sex.question_for(&p), "Is Ana a woman or a man?");
        p.role = Role::Patient;
        assert_eq!(Step::Sex.question_for(&p), "Are you a woman or a man?");
    }

    #[test]
    fn a_plain_profile_has_fourteen_or_fifteen_steps() {
        let mut p = Profile::default();
        p.her2.ihc = Ihc::One;
        p.sex = Sex::Male;
        assert_eq!(Step::sequence(&p).len(), 14);
        p.sex = Sex::Female;
        assert_eq!(Step::sequence(&p).len(), 15);
    }

    #[test]
    fn pd_l1_is_asked_only_for_spread_triple_negative_or_er_low_cancer() {
        let mut p = Profile {
            er: Er::Negative,
            pr: Pr::Negative,
            stage: Stage::IV,
            ..Profile::default()
        };
        assert!(Step::PdL1.applies(&p));
        p.er = Er::Low;
        assert!(Step::PdL1.applies(&p));
        p.er = Er::Positive;
        assert!(!Step::PdL1.applies(&p), "HR+");
        p.er = Er::Negative;
        p.stage = Stage::II;
        assert!(!Step::PdL1.applies(&p), "early");
    }

    #[test]
    fn age_is_not_asked_once_it_changes_nothing() {
        let mut p = Profile {
            stage: Stage::IV,
            brca: Brca::Negative,
            ..Profile::default()
        };
        assert!(!Step::Age.applies(&p));
        p.brca = Brca::NotTested;
        assert!(Step::Age.applies(&p));
        p.stage = Stage::II;
        p.brca = Brca::Negative;
        assert!(Step::Age.applies(&p));
    }

    #[test]
    fn choosing_an_age_band_keeps_an_exact_age_that_agrees() {
        let mut p = Profile::from_yaml("age: 58").unwrap();
        Step::Age.choose(&mut p, 2);
        assert_eq!((p.age, p.age_years), (AgeBand::From50, Some(58)));
        Step::Age.choose(&mut p, 3);
        assert_eq!((p.age, p.age_years), (AgeBand::Over65, None));
    }
}
