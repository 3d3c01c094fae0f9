//! The facts a question's conditions can test: the profile's answers plus what is derived
//! from them (classification and which results are still unknown).

use crate::choice::{Choice, choice};
use crate::classify::{Classification, Her2, Hr, Setting, Subtype};
use crate::profile::*;

choice!(
    /// How likely a treatment is to be part of the plan: `likely` when the care team has
    /// proposed it (`planned`), else as far as the results and the phase show.
    Likelihood { Unknown = "unknown" [], Likely = "likely" [], Possible = "possible" [], Unlikely = "unlikely" [] }
);

/// How likely chemotherapy is, from the subtype, stage, nodes, grade and phase: `likely` for
/// treatment before surgery, stage III, early triple-negative or ER-low past stage I, and
/// triple-negative or ER-low cancer that has spread; `unlikely` for DCIS, for finished or
/// hormone-only phases and for small low-grade node-negative HR+ cancer; `possible` where a
/// test or the surgery result decides (early HR+, stage I triple-negative, spread HR+).
/// Chemotherapy the care team has proposed (`planned`) is `likely` whatever the results.
pub fn chemo_likelihood(p: &Profile, class: &Classification) -> Likelihood {
    if p.planned.contains(&Treatment::Chemotherapy) {
        return Likelihood::Likely;
    }
    chemo_expected(p, class)
}

/// How likely chemotherapy is from the results and the phase alone (what is planned aside).
pub fn chemo_expected(p: &Profile, class: &Classification) -> Likelihood {
    use Likelihood::*;
    let tnbc_like = matches!(class.subtype, Subtype::TripleNegative | Subtype::ErLow);
    match class.setting {
        Setting::Dcis => return Unlikely,
        Setting::Metastatic if tnbc_like => return Likely,
        Setting::Metastatic => return Possible,
        _ => {}
    }
    match p.phase {
        Phase::Survivorship | Phase::EndocrineTherapy => return Unlikely,
        Phase::Neoadjuvant if class.subtype == Subtype::HrPositive => return Possible,
        Phase::Neoadjuvant => return Likely,
        _ => {}
    }
    match (class.subtype, p.stage) {
        (_, Stage::III) => Likely,
        (Subtype::TripleNegative | Subtype::ErLow, Stage::II) => Likely,
        (Subtype::TripleNegative | Subtype::ErLow, _) => Possible,
        (Subtype::HrPositive, Stage::I)
            if p.nodes == Nodes::Negative && matches!(p.grade, Grade::G1 | Grade::G2) =>
        {
            Unlikely
        }
        (Subtype::HrPositive, Stage::I | Stage::II) => Possible,
        _ => Unknown,
    }
}

/// How likely immunotherapy (pembrolizumab) is: `likely` for stage II-III triple-negative or
/// ER-low cancer around surgery and for spread triple-negative or ER-low cancer with a positive
/// PD-L1 test; `possible` while that test or the stage is not known; otherwise `unlikely`.
/// Immunotherapy the care team has proposed (`planned`) is `likely` whatever the results.
pub fn immunotherapy_likelihood(p: &Profile, class: &Classification) -> Likelihood {
    if p.planned.contains(&Treatment::Immunotherapy) {
        return Likelihood::Likely;
    }
    immunotherapy_expected(p, class)
}

/// How likely immunotherapy is from the results and the phase alone (what is planned aside).
pub fn immunotherapy_expected(p: &Profile, class: &Classification) -> Likelihood {
    use Likelihood::*;
    if !matches!(class.subtype, Subtype::TripleNegative | Subtype::ErLow) {
        return Unlikely;
    }
    match class.setting {
        Setting::Metastatic => match p.pd_l1 {
            PdL1::Positive => Likely,
            PdL1::Negative => Unlikely,
            _ => Possible,
        },
        Setting::Early | Setting::LocallyAdvanced | Setting::Unknown => match p.phase {
            Phase::Survivorship | Phase::EndocrineTherapy => Unlikely,
            _ if matches!(p.stage, Stage::II | Stage::III) => Likely,
            _ if matches!(p.stage, Stage::I | Stage::Unknown) => Possible,
            _ => Unlikely,
        },
        Setting::Dcis => Unlikely,
    }
}

/// A key a question's `when` (or `not`) block may test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// `role`: patient | caregiver
    Role,
    /// `sex`
    Sex,
    /// `er`
    Er,
    /// `pr`
    Pr,
    /// `her2_ihc`: the raw IHC score
    Her2Ihc,
    /// `her2_ish`: the raw ISH result
    Her2Ish,
    /// `stage`
    Stage,
    /// `nodes`
    Nodes,
    /// `grade`
    Grade,
    /// `menopause`
    Menopause,
    /// `brca`
    Brca,
    /// `age`: age band at diagnosis
    Age,
    /// `pd_l1`: PD-L1 test of the tumor
    PdL1,
    /// `tumor_testing`
    TumorTesting,
    /// `tumor_mutations`: holds when any listed change was found (or `none`)
    TumorMutations,
    /// `phase`
    Phase,
    /// `appointment`: whom the next appointment is with
    Appointment,
    /// `hr`: derived hormone receptor status
    Hr,
    /// `her2`: derived HER2 category
    Her2,
    /// `subtype`: derived subtype
    Subtype,
    /// `setting`: derived setting
    Setting,
    /// `chemo`: derived, how likely chemotherapy is to be part of the plan
    Chemo,
    /// `immunotherapy`: derived, how likely immunotherapy is to be part of the plan
    Immunotherapy,
    /// `unknown`: which results are not known yet
    Unknown,
}

/// Results that can be "not known yet", as written after `unknown:`.
pub const UNKNOWN_RESULTS: &[&str] = &[
    "sex",
    "er",
    "pr",
    "her2",
    "stage",
    "nodes",
    "grade",
    "menopause",
    "brca",
    "pd_l1",
    "tumor_testing",
    "phase",
];

impl Key {
    /// Every key, in documentation order.
    pub const ALL: &'static [Key] = &[
        Key::Role,
        Key::Sex,
        Key::Er,
        Key::Pr,
        Key::Her2Ihc,
        Key::Her2Ish,
        Key::Stage,
        Key::Nodes,
        Key::Grade,
        Key::Menopause,
        Key::Brca,
        Key::Age,
        Key::PdL1,
        Key::TumorTesting,
        Key::TumorMutations,
        Key::Phase,
        Key::Appointment,
        Key::Hr,
        Key::Her2,
        Key::Subtype,
        Key::Setting,
        Key::Chemo,
        Key::Immunotherapy,
        Key::Unknown,
    ];

    /// The name written in bank files.
    pub fn name(self) -> &'static str {
        match self {
            Key::Role => "role",
            Key::Sex => "sex",
            Key::Er => "er",
            Key::Pr => "pr",
            Key::Her2Ihc => "her2_ihc",
            Key::Her2Ish => "her2_ish",
            Key::Stage => "stage",
            Key::Nodes => "nodes",
            Key::Grade => "grade",
            Key::Menopause => "menopause",
            Key::Brca => "brca",
            Key::Age => "age",
            Key::PdL1 => "pd_l1",
            Key::TumorTesting => "tumor_testing",
            Key::TumorMutations => "tumor_mutations",
            Key::Phase => "phase",
            Key::Appointment => "appointment",
            Key::Hr => "hr",
            Key::Her2 => "her2",
            Key::Subtype => "subtype",
            Key::Setting => "setting",
            Key::Chemo => "chemo",
            Key::Immunotherapy => "immunotherapy",
            Key::Unknown => "unknown",
        }
    }

    /// How many keys there are.
    pub const COUNT: usize = Key::ALL.len();

    /// The bit standing for a canonical value among this key's values (`1 << n` for the n-th
    /// of [`Key::values`]); `None` for a value the key does not have. Every key has at most 16
    /// values (a test checks), so a condition's values fit in one `u16` mask.
    pub fn bit(self, value: &str) -> Option<u16> {
        fn place<C: Choice>(value: &str) -> Option<usize> {
            C::ALL.iter().position(|(_, n, _)| *n == value)
        }
        let n = match self {
            Key::Role => place::<Role>(value),
            Key::Sex => place::<Sex>(value),
            Key::Er => place::<Er>(value),
            Key::Pr => place::<Pr>(value),
            Key::Her2Ihc => place::<Ihc>(value),
            Key::Her2Ish => place::<Ish>(value),
            Key::Stage => place::<Stage>(value),
            Key::Nodes => place::<Nodes>(value),
            Key::Grade => place::<Grade>(value),
            Key::Menopause => place::<Menopause>(value),
            Key::Brca => place::<Brca>(value),
            Key::Age => place::<AgeBand>(value),
            Key::PdL1 => place::<PdL1>(value),
            Key::TumorTesting => place::<TumorTesting>(value),
            Key::TumorMutations if value == "none" => Some(Mutation::ALL.len()),
            Key::TumorMutations => place::<Mutation>(value),
            Key::Phase => place::<Phase>(value),
            Key::Appointment => place::<Clinician>(value),
            Key::Hr => place::<Hr>(value),
            Key::Her2 => place::<Her2>(value),
            Key::Subtype => place::<Subtype>(value),
            Key::Setting => place::<Setting>(value),
            Key::Chemo | Key::Immunotherapy => place::<Likelihood>(value),
            Key::Unknown => UNKNOWN_RESULTS.iter().position(|u| *u == value),
        }?;
        u16::try_from(n)
            .ok()
            .and_then(|n| 1u16.checked_shl(n.into()))
    }

    /// Finds a key by its bank name.
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The values this key accepts in a bank, canonical names only.
    pub fn values(self) -> Vec<&'static str> {
        match self {
            Key::Role => Role::names(),
            Key::Sex => Sex::names(),
            Key::Er => Er::names(),
            Key::Pr => Pr::names(),
            Key::Her2Ihc => Ihc::names(),
            Key::Her2Ish => Ish::names(),
            Key::Stage => Stage::names(),
            Key::Nodes => Nodes::names(),
            Key::Grade => Grade::names(),
            Key::Menopause => Menopause::names(),
            Key::Brca => Brca::names(),
            Key::Age => AgeBand::names(),
            Key::PdL1 => PdL1::names(),
            Key::TumorTesting => TumorTesting::names(),
            Key::TumorMutations => {
                let mut v = Mutation::names();
                v.push("none");
                v
            }
            Key::Phase => Phase::names(),
            Key::Appointment => Clinician::names(),
            Key::Hr => Hr::names(),
            Key::Her2 => Her2::names(),
            Key::Subtype => Subtype::names(),
            Key::Setting => Setting::names(),
            Key::Chemo | Key::Immunotherapy => Likelihood::names(),
            Key::Unknown => UNKNOWN_RESULTS.to_vec(),
        }
    }

    /// Canonicalises a value written in a bank (`IV` → `IV`, `4` → `IV`, `TNBC` → `triple-negative`).
    pub fn canonical(self, written: &str) -> Option<&'static str> {
        fn c<C: Choice>(w: &str) -> Option<&'static str> {
            C::parse(w).map(C::name)
        }
        match self {
            Key::Role => c::<Role>(written),
            Key::Sex => c::<Sex>(written),
            Key::Er => c::<Er>(written),
            Key::Pr => c::<Pr>(written),
            Key::Her2Ihc => c::<Ihc>(written),
            Key::Her2Ish => c::<Ish>(written),
            Key::Stage => c::<Stage>(written),
            Key::Nodes => c::<Nodes>(written),
            Key::Grade => c::<Grade>(written),
            Key::Menopause => c::<Menopause>(written),
            Key::Brca => c::<Brca>(written),
            Key::Age => c::<AgeBand>(written),
            Key::PdL1 => c::<PdL1>(written),
            Key::TumorTesting => c::<TumorTesting>(written),
            Key::TumorMutations => {
                if crate::choice::normalise(written) == "none" {
                    Some("none")
                } else {
                    c::<Mutation>(written)
                }
            }
            Key::Phase => c::<Phase>(written),
            Key::Appointment => c::<Clinician>(written),
            Key::Hr => c::<Hr>(written),
            Key::Her2 => c::<Her2>(written),
            Key::Subtype => c::<Subtype>(written),
            Key::Setting => c::<Setting>(written),
            Key::Chemo | Key::Immunotherapy => c::<Likelihood>(written),
            Key::Unknown => {
                let w = crate::choice::normalise(written).replace('-', "_");
                UNKNOWN_RESULTS.iter().copied().find(|u| *u == w)
            }
        }
    }
}

/// A profile together with its classification: everything a condition can look at.
#[derive(Debug, Clone)]
pub struct Facts<'p> {
    /// The answers.
    pub profile: &'p Profile,
    /// What they add up to.
    pub class: Classification,
    /// The current values of every key, indexed by `Key as usize`, worked out once so that
    /// testing a question's conditions allocates nothing.
    values: Vec<Vec<&'static str>>,
    /// The same values as one mask per key ([`Key::bit`]), so that a condition holds when its
    /// mask and the profile's share a bit: testing a bank's questions compares a few bytes each.
    masks: [u16; Key::COUNT],
}

impl<'p> Facts<'p> {
    /// Derives the facts of a profile.
    pub fn of(profile: &'p Profile) -> Facts<'p> {
        let class = Classification::of(profile);
        let p = profile;
        let values = Key::ALL
            .iter()
            .map(|key| match key {
                Key::Role => vec![p.role.name()],
                Key::Sex => vec![p.sex.name()],
                Key::Er => vec![p.er.name()],
                Key::Pr => vec![p.pr.name()],
                Key::Her2Ihc => vec![p.her2.ihc.name()],
                Key::Her2Ish => vec![p.her2.ish.name()],
                Key::Stage => vec![p.stage.name()],
                Key::Nodes => vec![p.nodes.name()],
                Key::Grade => vec![p.grade.name()],
                // A man is not asked about menopause: it is not "unknown", it has no value.
                Key::Menopause if !crate::walk::asks_menopause(p) => Vec::new(),
                Key::Menopause => vec![p.menopause.name()],
                Key::Brca => vec![p.brca.name()],
                Key::Age => vec![p.age.name()],
                Key::PdL1 => vec![p.pd_l1.name()],
                Key::TumorTesting => vec![p.tumor_testing.name()],
                Key::TumorMutations if p.tumor_mutations.is_empty() => vec!["none"],
                Key::TumorMutations => p.tumor_mutations.iter().map(|m| m.name()).collect(),
                Key::Phase => vec![p.phase.name()],
                Key::Appointment => vec![p.appointment.with.name()],
                Key::Hr => vec![class.hr.name()],
                Key::Her2 => vec![class.her2.name()],
                Key::Subtype => vec![class.subtype.name()],
                Key::Setting => vec![class.setting.name()],
                Key::Chemo => vec![chemo_likelihood(p, &class).name()],
                Key::Immunotherapy => vec![immunotherapy_likelihood(p, &class).name()],
                Key::Unknown => unknown_results(p, &class),
            })
            .collect::<Vec<Vec<&'static str>>>();
        let mut masks = [0; Key::COUNT];
        for (key, mask) in Key::ALL.iter().zip(&mut masks) {
            *mask = values[*key as usize]
                .iter()
                .filter_map(|v| key.bit(v))
                .fold(0, |m, b| m | b);
        }
        Facts {
            profile,
            class,
            values,
            masks,
        }
    }

    /// The profile's current values for a key (several for `tumor_mutations` and `unknown`).
    pub fn values(&self, key: Key) -> &[&'static str] {
        &self.values[key as usize]
    }

    /// The profile's current values for a key as a mask of [`Key::bit`]s.
    pub fn mask(&self, key: Key) -> u16 {
        self.masks[key as usize]
    }

    /// Which results are still unknown.
    pub fn unknown_results(&self) -> &[&'static str] {
        self.values(Key::Unknown)
    }
}

/// Which results are still unknown. Menopause is never "unknown" for a man: it isn't asked;
/// PD-L1 only counts where it decides treatment.
fn unknown_results(p: &Profile, class: &Classification) -> Vec<&'static str> {
    [
        ("sex", p.sex == Sex::Unknown),
        ("er", p.er == Er::Unknown),
        ("pr", p.pr == Pr::Unknown),
        ("her2", class.her2 == Her2::Unknown),
        ("stage", p.stage == Stage::Unknown),
        ("nodes", p.nodes == Nodes::Unknown),
        ("grade", p.grade == Grade::Unknown),
        (
            "menopause",
            p.menopause == Menopause::Unknown && crate::walk::asks_menopause(p),
        ),
        ("brca", p.brca == Brca::Unknown),
        // PD-L1 decides only for triple-negative (or ER-low) cancer that has spread.
        (
            "pd_l1",
            p.pd_l1 == PdL1::Unknown
                && class.setting == Setting::Metastatic
                && matches!(class.subtype, Subtype::TripleNegative | Subtype::ErLow),
        ),
        ("tumor_testing", p.tumor_testing == TumorTesting::Unknown),
        ("phase", p.phase == Phase::Unknown),
    ]
    .into_iter()
    .filter_map(|(name, unknown)| unknown.then_some(name))
    .collect()
}

/// What a result that is not known yet means for the list, by the key's name.
fn not_known_phrase(name: &str) -> String {
    match name {
        "sex" => "you haven't said whether you are a woman or a man".into(),
        "er" => "your ER result is not known yet".into(),
        "pr" => "your PR result is not known yet".into(),
        "her2" => "your HER2 result is not known yet".into(),
        "her2_ihc" => "your HER2 IHC score is not known yet".into(),
        "her2_ish" => "your HER2 ISH (FISH) result is not known yet".into(),
        "stage" | "setting" => "your stage is not known yet".into(),
        "nodes" => "it is not known yet whether the cancer has reached your lymph nodes".into(),
        "grade" => "your tumor's grade is not known yet".into(),
        "menopause" => "you don't know your menopause status yet".into(),
        "brca" => "you don't know yet about inherited BRCA testing".into(),
        "age" => "you haven't said your age".into(),
        "pd_l1" => "your PD-L1 result is not known yet".into(),
        "chemo" => "it is not clear yet whether chemotherapy is part of your plan".into(),
        "immunotherapy" => "it is not clear yet whether immunotherapy is part of your plan".into(),
        "tumor_testing" | "tumor_mutations" => {
            "you don't know yet about tumor mutation testing".into()
        }
        "phase" => "you haven't said where you are in treatment".into(),
        "appointment" => "you haven't said who your next appointment is with".into(),
        "hr" => "your hormone receptor results are not known yet".into(),
        "subtype" => "your receptor results are not all known yet".into(),
        // A key added later without its own words.
        other => format!("your {} is not known yet", other.replace('_', " ")),
    }
}

/// "your ER is positive", "you are past menopause": the words behind "why is this on my list",
/// said to the patient ([`reason_phrase_in`] says them to any reader).
pub fn reason_phrase(key: Key, value: &str) -> String {
    patient_phrase(key, value)
}

/// The reason for `key` = `value` in the reader's voice: "because Ana's cancer has spread".
pub fn reason_phrase_in(voice: &crate::voice::Voice, key: Key, value: &str) -> String {
    voice.phrase(&patient_phrase(key, value))
}

/// The reason as said to the patient; every phrase is written so that [`crate::voice::Voice`]
/// can say it to a caregiver.
fn patient_phrase(key: Key, value: &str) -> String {
    let plain = value.replace('-', " ");
    // `unknown: stage` and `stage: unknown` say the same thing.
    if key == Key::Unknown {
        return not_known_phrase(value);
    }
    if value == "unknown" {
        return not_known_phrase(key.name());
    }
    match (key, value) {
        (Key::Role, "caregiver") => "you are helping as a caregiver".into(),
        (Key::Role, _) => "you are the patient".into(),
        (Key::Sex, "female") => "you are a woman".into(),
        (Key::Sex, "male") => "you are a man".into(),
        (Key::Menopause, "pre") => "you have not been through menopause".into(),
        (Key::Menopause, "peri") => "you are going through menopause".into(),
        (Key::Menopause, "post") => "you are past menopause".into(),
        (Key::Er, "low") => "your ER is low (1-10 %)".into(),
        (Key::Er, v) => format!("your ER is {v}"),
        (Key::Pr, v) => format!("your PR is {v}"),
        (Key::Her2Ihc, v) => format!("your HER2 IHC score is {v}"),
        (Key::Her2Ish, "pending") => "your HER2 ISH (FISH) result is still pending".into(),
        (Key::Her2Ish, "not-done") => "no HER2 ISH (FISH) test has been done".into(),
        (Key::Her2Ish, _) => format!("your HER2 ISH (FISH) result is {plain}"),
        (Key::Stage, v) => format!("your cancer is stage {v}"),
        (Key::Nodes, "positive") => "cancer was found in your lymph nodes".into(),
        (Key::Nodes, "negative") => "no cancer was found in your lymph nodes".into(),
        (Key::Grade, v) => format!("your tumor is grade {v}"),
        (Key::Brca, "positive") => "you carry an inherited BRCA change".into(),
        (Key::Brca, "negative") => "your inherited BRCA test was negative".into(),
        (Key::Brca, "pending") => "your inherited BRCA result is pending".into(),
        (Key::Brca, "not-tested") => "you have not had an inherited BRCA test".into(),
        (Key::Brca, "uncertain") => {
            "your inherited gene test found a change of uncertain meaning".into()
        }
        (Key::Age, "under-40") => "you are under 40".into(),
        (Key::Age, "40-49") => "you are in your forties".into(),
        (Key::Age, "50-65") => "you are between 50 and 65".into(),
        (Key::Age, "over-65") => "you are over 65".into(),
        (Key::PdL1, "positive") => "your PD-L1 test is positive".into(),
        (Key::PdL1, "negative") => "your PD-L1 test is negative".into(),
        (Key::PdL1, "pending") => "your PD-L1 result is pending".into(),
        (Key::PdL1, "not-tested") => "your tumor has not had a PD-L1 test".into(),
        (Key::Chemo, "likely") => "chemotherapy is likely to be part of your plan".into(),
        (Key::Chemo, "possible") => "chemotherapy may be part of your plan".into(),
        (Key::Chemo, _) => "chemotherapy is not expected in your plan".into(),
        (Key::Immunotherapy, "likely") => "immunotherapy is likely to be part of your plan".into(),
        (Key::Immunotherapy, "possible") => "immunotherapy may be part of your plan".into(),
        (Key::Immunotherapy, _) => "immunotherapy is not expected in your plan".into(),
        (Key::TumorTesting, "done") => "your tumor has been tested for mutations".into(),
        (Key::TumorTesting, "pending") => "your tumor mutation test is pending".into(),
        (Key::TumorTesting, "not-done") => "your tumor has not been tested for mutations".into(),
        (Key::TumorMutations, "none") => "no tumor mutation has been reported".into(),
        (Key::TumorMutations, v) => {
            // Said letter by letter: "an ESR1", "an AKT1", "a PTEN".
            let article = if matches!(v, "esr1" | "akt1") {
                "an"
            } else {
                "a"
            };
            format!("your tumor has {article} {} change", v.to_uppercase())
        }
        (Key::Phase, "new-diagnosis") => "you have just been diagnosed".into(),
        (Key::Phase, "before-surgery") => "you are waiting for surgery".into(),
        (Key::Phase, "neoadjuvant") => "you are having treatment before surgery".into(),
        (Key::Phase, "after-surgery") => "you have had surgery".into(),
        (Key::Phase, "endocrine-therapy") => "you are on hormone therapy".into(),
        (Key::Phase, "metastatic") => "you are being treated for metastatic cancer".into(),
        (Key::Phase, "progression") => "your cancer has grown on treatment".into(),
        (Key::Phase, "survivorship") => "you have finished active treatment".into(),
        (Key::Appointment, "primary-care") => {
            "your next appointment is with your family doctor (primary care)".into()
        }
        (Key::Appointment, "other") => {
            "your next appointment is with someone else in your care team".into()
        }
        (Key::Appointment, _) => format!("your next appointment is with a {plain}"),
        (Key::Hr, "positive") => "your cancer is hormone receptor-positive".into(),
        (Key::Hr, "low") => "your ER is low".into(),
        (Key::Hr, "negative") => "your cancer is hormone receptor-negative".into(),
        (Key::Her2, "zero") => "your HER2 score is 0".into(),
        (Key::Her2, "ultralow") => "your HER2 is ultralow".into(),
        (Key::Her2, "low") => "your HER2 is low".into(),
        (Key::Her2, "equivocal") => "your HER2 result is borderline (2+) and not final".into(),
        (Key::Her2, "positive") => "your HER2 result is positive".into(),
        (Key::Subtype, "hr-positive") => {
            "your cancer is hormone receptor-positive and HER2-negative".into()
        }
        (Key::Subtype, "er-low") => "your ER is low and your cancer is HER2-negative".into(),
        (Key::Subtype, "triple-negative") => "your cancer is triple-negative".into(),
        (Key::Subtype, "her2-positive") => "your HER2 result is positive".into(),
        (Key::Setting, "dcis") => "your cancer is stage 0 (DCIS)".into(),
        (Key::Setting, "early") => "your cancer is early stage (I or II)".into(),
        (Key::Setting, "locally-advanced") => "your cancer is locally advanced (stage III)".into(),
        (Key::Setting, "metastatic") => "your cancer has spread (metastatic)".into(),
        (_, v) => format!(
            "your {} is {}",
            key.name().replace('_', " "),
            v.replace('-', " ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn likely(yaml: &str) -> (Likelihood, Likelihood) {
        let p = Profile::from_yaml(yaml).unwrap();
        let c = Classification::of(&p);
        (chemo_likelihood(&p, &c), immunotherapy_likelihood(&p, &c))
    }

    #[test]
    fn chemotherapy_and_immunotherapy_are_expected_where_a_clinician_would_expect_them() {
        use Likelihood::*;
        let tnbc = "er: negative\npr: negative\nher2: {ihc: 0}\n";
        assert_eq!(likely(&format!("{tnbc}stage: II")), (Likely, Likely));
        assert_eq!(
            likely(&format!("{tnbc}stage: II\nphase: survivorship")),
            (Unlikely, Unlikely)
        );
        assert_eq!(
            likely(&format!("{tnbc}stage: IV\npd_l1: negative")),
            (Likely, Unlikely)
        );
        assert_eq!(
            likely(&format!("{tnbc}stage: IV\npd_l1: positive")).1,
            Likely
        );
        assert_eq!(likely(&format!("{tnbc}stage: IV")).1, Possible);
        let hr = "er: positive\nher2: {ihc: 1+}\n";
        assert_eq!(
            likely(&format!(
                "{hr}stage: I\nnodes: negative\ngrade: 1\nphase: after-surgery"
            )),
            (Unlikely, Unlikely)
        );
        assert_eq!(
            likely(&format!("{hr}stage: II\nnodes: positive")).0,
            Possible
        );
        assert_eq!(likely(&format!("{hr}stage: III")).0, Likely);
        assert_eq!(likely("stage: 0\ner: positive").0, Unlikely);
        assert_eq!(likely("").0, Unknown);
    }

    /// A condition's values are kept as a `u16` mask: every key's values need a bit each.
    #[test]
    fn every_value_of_every_key_has_its_own_bit() {
        for key in Key::ALL {
            let values = key.values();
            assert!(
                values.len() <= 16,
                "{} has {} values",
                key.name(),
                values.len()
            );
            for (n, v) in values.iter().enumerate() {
                assert_eq!(key.bit(v), Some(1 << n), "{} {v}", key.name());
            }
            assert_eq!(key.bit("no-such-value"), None);
        }
    }
}
