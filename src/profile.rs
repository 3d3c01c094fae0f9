//! The patient profile: the answers from the walk-through or a profile YAML file.
//!
//! Every field is optional; a missing field, an empty value or `unknown` means "I don't know
//! yet". Values are forgiving about spelling (`IV` or `4`, `1+`, any case) but anything else is
//! an error naming the field, the value and what is allowed.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde_yaml::{Mapping, Value};

use crate::choice::{Choice, choice};
use crate::text::clean_line;
use crate::yaml::{describe, get};

choice!(
    /// Who is using the program.
    Role { Patient = "patient" ["unknown", "me", "self"], Caregiver = "caregiver" ["carer", "care-giver"] }
);
choice!(
    /// The patient's sex (men are never asked about menopause, pregnancy or ovaries).
    Sex { Unknown = "unknown" [], Female = "female" ["f", "woman"], Male = "male" ["m", "man"] }
);
choice!(
    /// Estrogen receptor status; `low` is ER 1–10 %.
    Er { Unknown = "unknown" [], Positive = "positive" ["pos", "+", "er+"], Low = "low" ["er-low", "weak", "weakly-positive", "low-positive"], Negative = "negative" ["neg", "-", "er-"] }
);
choice!(
    /// Progesterone receptor status.
    Pr { Unknown = "unknown" [], Positive = "positive" ["pos", "+", "pr+"], Negative = "negative" ["neg", "-", "pr-"] }
);
choice!(
    /// HER2 immunohistochemistry (IHC) score.
    Ihc { Unknown = "unknown" [], Zero = "0" ["0+", "zero", "ihc-0"], Ultralow = "ultralow" ["ultra-low", "0-ultralow", "0-faint"], One = "1+" ["1", "ihc-1+"], Two = "2+" ["2", "ihc-2+"], Three = "3+" ["3", "ihc-3+"] }
);
choice!(
    /// HER2 in situ hybridisation (ISH / FISH) result.
    Ish { Unknown = "unknown" [], NotAmplified = "not-amplified" ["negative", "non-amplified", "neg"], Amplified = "amplified" ["positive", "pos"], Pending = "pending" ["waiting"], NotDone = "not-done" ["not-tested", "none"] }
);
choice!(
    /// Stage, 0 to IV.
    Stage { Unknown = "unknown" [], S0 = "0" ["stage-0", "dcis"], I = "I" ["1", "stage-i", "stage-1"], II = "II" ["2", "stage-ii", "stage-2"], III = "III" ["3", "stage-iii", "stage-3"], IV = "IV" ["4", "stage-iv", "stage-4"] }
);
choice!(
    /// Lymph node status.
    Nodes { Unknown = "unknown" [], Positive = "positive" ["pos", "yes"], Negative = "negative" ["neg", "no"] }
);
choice!(
    /// Tumor grade, 1 to 3.
    Grade { Unknown = "unknown" [], G1 = "1" ["g1", "grade-1"], G2 = "2" ["g2", "grade-2"], G3 = "3" ["g3", "grade-3"] }
);
choice!(
    /// Menopausal status (never asked of men).
    Menopause { Unknown = "unknown" [], Pre = "pre" ["premenopausal", "pre-menopausal"], Peri = "peri" ["perimenopausal", "peri-menopausal"], Post = "post" ["postmenopausal", "post-menopausal"] }
);
choice!(
    /// Inherited BRCA1/2 testing (`uncertain`: a variant of uncertain significance, VUS).
    Brca { Unknown = "unknown" [], Positive = "positive" ["pos", "mutation"], Negative = "negative" ["neg"], Pending = "pending" ["waiting"], NotTested = "not-tested" ["not-done", "none"], Uncertain = "uncertain" ["vus", "variant-of-uncertain-significance"] }
);
choice!(
    /// Age at diagnosis, as a band: the cut-offs are where questions change (genetic testing
    /// is offered to almost everyone diagnosed at 65 or younger; leaving out radiation is a
    /// question for older women; fertility before 50).
    AgeBand { Unknown = "unknown" [], Under40 = "under-40" ["<40", "below-40", "under40"], From40 = "40-49" ["40s", "40-to-49"], From50 = "50-65" ["50-to-65"], Over65 = "over-65" [">65", "66+", "66-plus", "over65", "older-than-65"] }
);
choice!(
    /// PD-L1 test of the tumor (decides immunotherapy for metastatic triple-negative cancer).
    PdL1 { Unknown = "unknown" [], Positive = "positive" ["pos", "+", "cps-10+", "cps-10-or-more"], Negative = "negative" ["neg", "-", "cps-under-10"], Pending = "pending" ["waiting"], NotTested = "not-tested" ["not-done", "none", "no"] }
);
choice!(
    /// Tumor mutation testing (metastatic disease).
    TumorTesting { Unknown = "unknown" [], Done = "done" ["yes"], Pending = "pending" ["waiting"], NotDone = "not-done" ["not-tested", "no", "none"] }
);
choice!(
    /// A change found by tumor mutation testing.
    Mutation { Pik3ca = "pik3ca" [], Esr1 = "esr1" [], Akt1 = "akt1" [], Pten = "pten" [] }
);
choice!(
    /// A treatment the care team has proposed (those that change which practical questions
    /// are asked: the cold cap and the port, immune side effects).
    Treatment { Chemotherapy = "chemotherapy" ["chemo"], Immunotherapy = "immunotherapy" ["pembrolizumab", "keytruda"] }
);
choice!(
    /// Where the person is in treatment.
    Phase { Unknown = "unknown" [], NewDiagnosis = "new-diagnosis" ["new", "newly-diagnosed"], BeforeSurgery = "before-surgery" [], Neoadjuvant = "neoadjuvant" [], AfterSurgery = "after-surgery" ["adjuvant"], EndocrineTherapy = "endocrine-therapy" ["hormone-therapy"], Metastatic = "metastatic" [], Progression = "progression" [], Survivorship = "survivorship" ["after-treatment"] }
);
choice!(
    /// The clinician a question suits, or whom the next appointment is with.
    Clinician { Unknown = "unknown" [], MedicalOncologist = "medical-oncologist" ["oncologist"], Surgeon = "surgeon" ["breast-surgeon"], RadiationOncologist = "radiation-oncologist" ["radiotherapist"], GeneticCounselor = "genetic-counselor" ["genetic-counsellor", "geneticist"], Nurse = "nurse" ["nurse-navigator", "breast-nurse"], PrimaryCare = "primary-care" ["gp", "family-doctor"], Other = "other" [] }
);

impl AgeBand {
    /// The band an age in years falls in.
    pub fn of_years(years: u8) -> AgeBand {
        match years {
            0..=39 => AgeBand::Under40,
            40..=49 => AgeBand::From40,
            50..=65 => AgeBand::From50,
            _ => AgeBand::Over65,
        }
    }
}

/// The oldest age a profile accepts; anything above is a typing mistake.
pub const MAX_AGE: u8 = 120;

/// The next appointment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Appointment {
    /// Whom the appointment is with.
    pub with: Clinician,
    /// When it is, if known.
    pub date: Option<Date>,
}

/// HER2 test results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Her2Tests {
    /// IHC score.
    pub ihc: Ihc,
    /// ISH / FISH result.
    pub ish: Ish,
}

/// Everything the person told us. `Default` is the "I know nothing yet" profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Patient or caregiver.
    pub role: Role,
    /// The patient's first name, if given.
    pub name: Option<String>,
    /// Sex.
    pub sex: Sex,
    /// ER status.
    pub er: Er,
    /// PR status.
    pub pr: Pr,
    /// HER2 IHC and ISH.
    pub her2: Her2Tests,
    /// Stage.
    pub stage: Stage,
    /// Lymph nodes.
    pub nodes: Nodes,
    /// Grade.
    pub grade: Grade,
    /// Menopausal status.
    pub menopause: Menopause,
    /// Inherited BRCA1/2 testing.
    pub brca: Brca,
    /// Age band at diagnosis (from `age_years` when a number was given).
    pub age: AgeBand,
    /// Age in years, when given as a number (kept so that a profile file round-trips).
    pub age_years: Option<u8>,
    /// PD-L1 test of the tumor.
    pub pd_l1: PdL1,
    /// Tumor mutation testing.
    pub tumor_testing: TumorTesting,
    /// Changes found in the tumor.
    pub tumor_mutations: BTreeSet<Mutation>,
    /// Treatments the care team has proposed so far (empty: none yet, or not known).
    pub planned: BTreeSet<Treatment>,
    /// Where the person is in treatment.
    pub phase: Phase,
    /// The next appointment.
    pub appointment: Appointment,
    /// Whether prognosis and end-of-life questions are wanted.
    pub include_sensitive: bool,
}

/// The longest name we keep; a first name never needs more.
pub const MAX_NAME_CHARS: usize = 60;

/// Top-level keys of a profile file.
pub const FIELDS: &[&str] = &[
    "version",
    "role",
    "name",
    "sex",
    "er",
    "pr",
    "her2",
    "stage",
    "nodes",
    "grade",
    "menopause",
    "brca",
    "age",
    "pd_l1",
    "tumor_testing",
    "tumor_mutations",
    "planned",
    "phase",
    "appointment",
    "include_sensitive",
];

/// The profile file format version this program writes.
pub const PROFILE_VERSION: u64 = 1;

/// Why a profile could not be read: every problem found, each naming its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// One plain sentence per problem.
    pub problems: Vec<String>,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ProfileError {}

/// The text of a scalar, or `None` for an empty value.
fn scalar(value: &Value) -> Result<Option<String>, ()> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        _ => Err(()),
    }
}

fn allowed<C: Choice>() -> String {
    C::names().join(", ")
}

struct Reader {
    problems: Vec<String>,
}

impl Reader {
    fn choice<C: Choice + Default>(&mut self, field: &str, value: &Value) -> C {
        let parsed = match scalar(value) {
            Ok(None) => Some(C::default()),
            Ok(Some(text)) => C::parse(&text),
            Err(()) => None,
        };
        parsed.unwrap_or_else(|| {
            self.problems.push(format!(
                "{field}: {} is not one of the allowed values ({}).",
                describe(value),
                allowed::<C>()
            ));
            C::default()
        })
    }

    fn mapping<'v>(&mut self, field: &str, value: &'v Value, keys: &[&str]) -> Option<&'v Mapping> {
        match value {
            Value::Null => None,
            Value::Mapping(map) => {
                for key in map.keys() {
                    let name = key.as_str().unwrap_or("");
                    if !keys.contains(&name) {
                        self.problems.push(format!(
                            "{field}: unknown field {}; the fields are {}.",
                            describe(key),
                            keys.join(", ")
                        ));
                    }
                }
                Some(map)
            }
            other => {
                self.problems.push(format!(
                    "{field}: expected fields ({}) but found {}.",
                    keys.join(", "),
                    describe(other)
                ));
                None
            }
        }
    }
}

impl Reader {
    /// `age`: a whole number of years (`58`, `58 years`) or a band (`50-65`, `over 65`).
    fn age(&mut self, p: &mut Profile, value: &Value) {
        let bad = |v: &Value| {
            format!(
                "age: {} is not an age; write the age in whole years, for example 58, or one of the bands ({}).",
                describe(v),
                allowed::<AgeBand>()
            )
        };
        let text = match scalar(value) {
            Ok(None) => return,
            Ok(Some(t)) => t,
            Err(()) => return self.problems.push(bad(value)),
        };
        let trimmed = text.trim().to_lowercase();
        let number = trimmed
            .strip_suffix("years old")
            .or_else(|| trimmed.strip_suffix("years"))
            .or_else(|| trimmed.strip_suffix("yrs"))
            .or_else(|| trimmed.strip_suffix("y"))
            .unwrap_or(&trimmed)
            .trim();
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            match number.parse::<u8>() {
                Ok(n) if (1..=MAX_AGE).contains(&n) => {
                    p.age_years = Some(n);
                    p.age = AgeBand::of_years(n);
                }
                _ => self.problems.push(format!(
                    "age: {} is not an age between 1 and {MAX_AGE}.",
                    describe(value)
                )),
            }
        } else if let Some(band) = AgeBand::parse(&text) {
            p.age = band;
        } else {
            self.problems.push(bad(value));
        }
    }

    /// `tumor_mutations`: a list of changes found, or `[none]` / `none` when none was.
    fn mutations(&mut self, p: &mut Profile, value: &Value) {
        p.tumor_mutations = self.set(
            "tumor_mutations",
            "[pik3ca, esr1]",
            "changes that were found",
            value,
        );
    }

    /// A list of choices (`tumor_mutations`, `planned`), or `[none]` / `none` for none.
    fn set<C: Choice + Ord>(
        &mut self,
        field: &str,
        example: &str,
        listed: &str,
        value: &Value,
    ) -> BTreeSet<C> {
        let mut set = BTreeSet::new();
        let is_none = |t: &str| crate::choice::normalise(t) == "none";
        let items: Vec<&Value> = match value {
            Value::Null => return set,
            Value::Sequence(items) => items.iter().collect(),
            other if scalar(other).ok().flatten().is_some() => vec![other],
            other => {
                self.problems.push(format!(
                    "{field}: expected a list such as {example} but found {} (allowed: {}, none).",
                    describe(other),
                    allowed::<C>()
                ));
                return set;
            }
        };
        let mut none = false;
        for item in items {
            let text = scalar(item).ok().flatten();
            if text.as_deref().is_some_and(is_none) {
                none = true;
                continue;
            }
            match text.as_deref().and_then(C::parse) {
                Some(m) => {
                    set.insert(m);
                }
                None => self.problems.push(format!(
                    "{field}: {} is not one of the allowed values ({}, none).",
                    describe(item),
                    allowed::<C>()
                )),
            }
        }
        if none && !set.is_empty() {
            self.problems.push(format!(
                "{field}: `none` cannot be listed together with {listed}."
            ));
        }
        set
    }
}

impl Profile {
    /// Reads a profile from YAML text. An empty text or `{}` is the empty profile.
    pub fn from_yaml(text: &str) -> Result<Profile, ProfileError> {
        let value: Value = match crate::yaml::parse(text, crate::yaml::PROFILE_LIMITS) {
            Ok(v) => v,
            Err(crate::yaml::YamlError::Syntax(e)) => {
                return Err(ProfileError {
                    problems: vec![format!(
                        "The profile is not valid YAML: {}",
                        clean_line(&e.to_string())
                    )],
                });
            }
            Err(e) => {
                return Err(ProfileError {
                    problems: vec![format!("The profile could not be read: {e}.")],
                });
            }
        };
        // A file of 60,000 unknown fields would print 60,000 lines: the first ones say enough.
        const SHOWN: usize = 20;
        Profile::from_value(&value).map_err(|mut e| {
            if e.problems.len() > SHOWN {
                let more = e.problems.len() - SHOWN;
                e.problems.truncate(SHOWN);
                e.problems.push(format!(
                    "profile: and {more} more problems not listed here."
                ));
            }
            e
        })
    }

    /// Reads a profile from an already parsed YAML value.
    pub fn from_value(value: &Value) -> Result<Profile, ProfileError> {
        let mut r = Reader {
            problems: Vec::new(),
        };
        let mut p = Profile::default();
        let Some(map) = r.mapping("profile", value, FIELDS) else {
            return if r.problems.is_empty() {
                Ok(p)
            } else {
                Err(ProfileError {
                    problems: r.problems,
                })
            };
        };
        if let Some(v) = get(map, "version") {
            match v.as_u64() {
                Some(n) if n <= PROFILE_VERSION => {}
                Some(n) => r.problems.push(format!(
                    "version: this profile was written by a newer her2prep (format {n}); this one reads format {PROFILE_VERSION}."
                )),
                None => r.problems.push(format!("version: {} is not a whole number.", describe(v))),
            }
        }
        if let Some(v) = get(map, "role") {
            p.role = r.choice("role", v);
        }
        if let Some(v) = get(map, "name") {
            match scalar(v) {
                Ok(name) => {
                    let name = name.map(|n| clean_line(&n)).filter(|n| !n.is_empty());
                    if name
                        .as_ref()
                        .is_some_and(|n| n.chars().count() > MAX_NAME_CHARS)
                    {
                        r.problems.push(format!(
                            "name: the name is longer than {MAX_NAME_CHARS} characters; a first name is enough."
                        ));
                    } else {
                        p.name = name;
                    }
                }
                Err(()) => r.problems.push(format!(
                    "name: expected a first name but found {}.",
                    describe(v)
                )),
            }
        }
        if let Some(v) = get(map, "sex") {
            p.sex = r.choice("sex", v);
        }
        if let Some(v) = get(map, "er") {
            p.er = r.choice("er", v);
        }
        if let Some(v) = get(map, "pr") {
            p.pr = r.choice("pr", v);
        }
        if let Some(v) = get(map, "her2")
            && let Some(h) = r.mapping("her2", v, &["ihc", "ish"])
        {
            if let Some(v) = get(h, "ihc") {
                p.her2.ihc = r.choice("her2.ihc", v);
            }
            if let Some(v) = get(h, "ish") {
                p.her2.ish = r.choice("her2.ish", v);
            }
        }
        if let Some(v) = get(map, "stage") {
            p.stage = r.choice("stage", v);
        }
        if let Some(v) = get(map, "nodes") {
            p.nodes = r.choice("nodes", v);
        }
        if let Some(v) = get(map, "grade") {
            p.grade = r.choice("grade", v);
        }
        if let Some(v) = get(map, "menopause") {
            p.menopause = r.choice("menopause", v);
        }
        if let Some(v) = get(map, "brca") {
            p.brca = r.choice("brca", v);
        }
        if let Some(v) = get(map, "age") {
            r.age(&mut p, v);
        }
        if let Some(v) = get(map, "pd_l1") {
            p.pd_l1 = r.choice("pd_l1", v);
        }
        if let Some(v) = get(map, "tumor_testing") {
            p.tumor_testing = r.choice("tumor_testing", v);
        }
        if let Some(v) = get(map, "tumor_mutations") {
            r.mutations(&mut p, v);
        }
        if let Some(v) = get(map, "planned") {
            p.planned = r.set(
                "planned",
                "[chemotherapy, immunotherapy]",
                "proposed treatments",
                v,
            );
        }
        if let Some(v) = get(map, "phase") {
            p.phase = r.choice("phase", v);
        }
        if let Some(v) = get(map, "appointment")
            && let Some(a) = r.mapping("appointment", v, &["with", "date"])
        {
            if let Some(v) = get(a, "with") {
                p.appointment.with = r.choice("appointment.with", v);
            }
            if let Some(v) = get(a, "date") {
                match scalar(v) {
                        Ok(None) => {}
                        Ok(Some(t)) => match parse_date(&t) {
                            Some(d) => p.appointment.date = Some(d),
                            None => r.problems.push(format!(
                                "appointment.date: {} is not a date; write it as year-month-day, for example 2026-12-10.",
                                describe(v)
                            )),
                        },
                        Err(()) => r.problems.push(format!(
                            "appointment.date: {} is not a date; write it as year-month-day, for example 2026-12-10.",
                            describe(v)
                        )),
                    }
            }
        }
        if let Some(v) = get(map, "include_sensitive") {
            match v {
                Value::Null => {}
                Value::Bool(b) => p.include_sensitive = *b,
                Value::String(s) if matches!(s.trim().to_lowercase().as_str(), "yes" | "true") => {
                    p.include_sensitive = true
                }
                Value::String(s) if matches!(s.trim().to_lowercase().as_str(), "no" | "false") => {
                    p.include_sensitive = false
                }
                other => r.problems.push(format!(
                    "include_sensitive: {} is not one of the allowed values (true, false).",
                    describe(other)
                )),
            }
        }
        if r.problems.is_empty() {
            Ok(p)
        } else {
            Err(ProfileError {
                problems: r.problems,
            })
        }
    }

    /// Writes the profile in the documented YAML format, leaving out what is unknown.
    pub fn to_yaml(&self) -> String {
        let mut map = Mapping::new();
        let mut put = |k: &str, v: Value| {
            map.insert(Value::String(k.into()), v);
        };
        put("version", Value::Number(PROFILE_VERSION.into()));
        put("role", self.role.name().into());
        if let Some(n) = &self.name {
            put("name", n.as_str().into());
        }
        fn known<C: Choice>(c: C) -> Option<Value> {
            (c.name() != "unknown").then(|| Value::String(c.name().into()))
        }
        for (k, v) in [
            ("sex", known(self.sex)),
            ("er", known(self.er)),
            ("pr", known(self.pr)),
        ] {
            if let Some(v) = v {
                put(k, v);
            }
        }
        let mut her2 = Mapping::new();
        if let Some(v) = known(self.her2.ihc) {
            her2.insert("ihc".into(), v);
        }
        if let Some(v) = known(self.her2.ish) {
            her2.insert("ish".into(), v);
        }
        if !her2.is_empty() {
            put("her2", Value::Mapping(her2));
        }
        for (k, v) in [
            ("stage", known(self.stage)),
            ("nodes", known(self.nodes)),
            ("grade", known(self.grade)),
            ("menopause", known(self.menopause)),
            ("brca", known(self.brca)),
            (
                "age",
                match self.age_years {
                    Some(n) => Some(Value::Number(n.into())),
                    None => known(self.age),
                },
            ),
            ("pd_l1", known(self.pd_l1)),
            ("tumor_testing", known(self.tumor_testing)),
        ] {
            if let Some(v) = v {
                put(k, v);
            }
        }
        if !self.tumor_mutations.is_empty() {
            put(
                "tumor_mutations",
                Value::Sequence(
                    self.tumor_mutations
                        .iter()
                        .map(|m| m.name().into())
                        .collect(),
                ),
            );
        }
        if !self.planned.is_empty() {
            put(
                "planned",
                Value::Sequence(self.planned.iter().map(|t| t.name().into()).collect()),
            );
        }
        if let Some(v) = known(self.phase) {
            put("phase", v);
        }
        let mut appt = Mapping::new();
        if let Some(v) = known(self.appointment.with) {
            appt.insert("with".into(), v);
        }
        if let Some(d) = self.appointment.date {
            appt.insert("date".into(), d.to_string().into());
        }
        if !appt.is_empty() {
            put("appointment", Value::Mapping(appt));
        }
        put("include_sensitive", Value::Bool(self.include_sensitive));
        serde_yaml::to_string(&Value::Mapping(map)).unwrap_or_default()
    }

    /// The patient's name for headings: the given name, or a neutral phrase.
    pub fn display_name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

/// Parses a calendar date written as year-month-day.
pub fn parse_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_and_empty_map_are_the_know_nothing_profile() {
        assert_eq!(Profile::from_yaml("").unwrap(), Profile::default());
        assert_eq!(Profile::from_yaml("{}").unwrap(), Profile::default());
        assert_eq!(
            Profile::from_yaml("# only a comment\n").unwrap(),
            Profile::default()
        );
    }

    #[test]
    fn obvious_spellings_are_accepted() {
        let p = Profile::from_yaml(
            "stage: 4\ngrade: 2\nher2: {ihc: 0}\ner: Positive\npr: NEG\nmenopause: postmenopausal\nphase: new diagnosis\nappointment: {with: Oncologist}",
        )
        .unwrap();
        assert_eq!(p.stage, Stage::IV);
        assert_eq!(p.grade, Grade::G2);
        assert_eq!(p.her2.ihc, Ihc::Zero);
        assert_eq!(p.er, Er::Positive);
        assert_eq!(p.pr, Pr::Negative);
        assert_eq!(p.menopause, Menopause::Post);
        assert_eq!(p.phase, Phase::NewDiagnosis);
        assert_eq!(p.appointment.with, Clinician::MedicalOncologist);
        for (text, want) in [
            ("IV", Stage::IV),
            ("iv", Stage::IV),
            ("\"0\"", Stage::S0),
            ("0", Stage::S0),
            ("II", Stage::II),
        ] {
            assert_eq!(
                Profile::from_yaml(&format!("stage: {text}")).unwrap().stage,
                want,
                "{text}"
            );
        }
        for (text, want) in [
            ("\"1+\"", Ihc::One),
            ("2+", Ihc::Two),
            ("3", Ihc::Three),
            ("ultralow", Ihc::Ultralow),
        ] {
            assert_eq!(
                Profile::from_yaml(&format!("her2: {{ihc: {text}}}"))
                    .unwrap()
                    .her2
                    .ihc,
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn unknown_and_empty_values_mean_not_known_yet() {
        let p = Profile::from_yaml("er: unknown\npr:\nstage: ''\nher2: {ihc: unknown}").unwrap();
        assert_eq!(p, Profile::default());
    }

    #[test]
    fn a_bad_value_names_the_field_the_value_and_the_allowed_values() {
        let e = Profile::from_yaml("er: maybe").unwrap_err();
        assert_eq!(e.problems, vec!["er: \"maybe\" is not one of the allowed values (unknown, positive, low, negative).".to_string()]);
        let e = Profile::from_yaml("stage: 5").unwrap_err();
        assert!(
            e.problems[0].starts_with(
                "stage: 5 is not one of the allowed values (unknown, 0, I, II, III, IV)"
            ),
            "{e}"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let e = Profile::from_yaml("er: maybe\nsex: other\ncolour: blue\nher2: {ihc: 4+, fish: yes}\nappointment: {date: 2026-13-40}\ntumor_mutations: [brca]").unwrap_err();
        let all = e.to_string();
        for field in [
            "er:",
            "sex:",
            "colour",
            "her2.ihc:",
            "fish",
            "appointment.date:",
            "tumor_mutations:",
        ] {
            assert!(all.contains(field), "{field} missing from:\n{all}");
        }
        assert_eq!(e.problems.len(), 7, "{all}");
    }

    #[test]
    fn age_is_a_number_or_a_band() {
        let age = |t: &str| Profile::from_yaml(&format!("age: {t}"));
        let p = age("58").unwrap();
        assert_eq!((p.age, p.age_years), (AgeBand::From50, Some(58)));
        assert_eq!(age("\"71 years\"").unwrap().age, AgeBand::Over65);
        assert_eq!(age("65").unwrap().age, AgeBand::From50);
        assert_eq!(age("66").unwrap().age, AgeBand::Over65);
        assert_eq!(age("39").unwrap().age, AgeBand::Under40);
        let p = age("over 65").unwrap();
        assert_eq!((p.age, p.age_years), (AgeBand::Over65, None));
        assert_eq!(age("40-49").unwrap().age, AgeBand::From40);
        assert_eq!(age("").unwrap().age, AgeBand::Unknown);
        for bad in ["0", "130", "-3", "fifty", "[50]", "58.5"] {
            let e = age(bad).unwrap_err().to_string();
            assert!(e.starts_with("age: "), "{bad}: {e}");
        }
        // A number is written back as the number, a band as the band.
        assert!(age("58").unwrap().to_yaml().contains("age: 58"));
        assert!(age("over-65").unwrap().to_yaml().contains("age: over-65"));
    }

    #[test]
    fn pd_l1_reads_forgiving_spellings() {
        for (t, want) in [
            ("positive", PdL1::Positive),
            ("NEG", PdL1::Negative),
            ("not tested", PdL1::NotTested),
            ("waiting", PdL1::Pending),
            ("unknown", PdL1::Unknown),
        ] {
            assert_eq!(
                Profile::from_yaml(&format!("pd_l1: {t}")).unwrap().pd_l1,
                want,
                "{t}"
            );
        }
        let e = Profile::from_yaml("pd_l1: 15").unwrap_err().to_string();
        assert!(
            e.contains("pd_l1: 15 is not one of the allowed values"),
            "{e}"
        );
    }

    #[test]
    fn planned_treatments_are_read_and_a_wrong_one_is_named() {
        let p = Profile::from_yaml("planned: [chemo, Keytruda]").unwrap();
        assert_eq!(
            p.planned,
            [Treatment::Chemotherapy, Treatment::Immunotherapy].into()
        );
        assert!(
            Profile::from_yaml("planned: none")
                .unwrap()
                .planned
                .is_empty()
        );
        let e = Profile::from_yaml("planned: [radiotherapy]").unwrap_err();
        assert!(
            e.problems[0].starts_with("planned: \"radiotherapy\" is not one of the allowed values"),
            "{e}"
        );
        let e = Profile::from_yaml("planned: [none, chemotherapy]").unwrap_err();
        assert!(e.problems[0].contains("`none` cannot"), "{e}");
    }

    #[test]
    fn tumor_mutations_none_means_none_was_found() {
        for t in ["[none]", "none", "[None]"] {
            let p = Profile::from_yaml(&format!("tumor_mutations: {t}")).unwrap();
            assert!(p.tumor_mutations.is_empty(), "{t}");
        }
        let e = Profile::from_yaml("tumor_mutations: [none, esr1]").unwrap_err();
        assert!(e.to_string().contains("cannot be listed together"), "{e}");
        let e = Profile::from_yaml("tumor_mutations: [brca]").unwrap_err();
        assert!(
            e.to_string().contains("pik3ca, esr1, akt1, pten, none"),
            "{e}"
        );
    }

    #[test]
    fn not_yaml_or_not_a_map_is_a_clear_error() {
        assert!(
            Profile::from_yaml("er: [unclosed")
                .unwrap_err()
                .to_string()
                .starts_with("The profile is not valid YAML")
        );
        assert!(
            Profile::from_yaml("- a\n- b")
                .unwrap_err()
                .to_string()
                .contains("expected fields")
        );
    }

    #[test]
    fn newer_profile_version_is_refused() {
        let e = Profile::from_yaml("version: 99").unwrap_err();
        assert!(e.to_string().contains("newer her2prep"), "{e}");
    }

    #[test]
    fn control_characters_in_the_name_are_removed() {
        let p = Profile::from_yaml("name: \"Ro\\u001b[31msa\\u202e\"").unwrap();
        assert_eq!(p.name.as_deref(), Some("Rosa"));
    }

    #[test]
    fn yaml_round_trip_keeps_every_answer() {
        let text = "role: caregiver\nname: Rosa\nsex: female\ner: low\npr: negative\nher2: {ihc: 2+, ish: pending}\nstage: III\nnodes: positive\ngrade: 3\nmenopause: peri\nbrca: pending\nage: 47\npd_l1: negative\ntumor_testing: done\ntumor_mutations: [esr1, pik3ca]\nplanned: [chemotherapy, immunotherapy]\nphase: neoadjuvant\nappointment: {with: surgeon, date: 2026-12-10}\ninclude_sensitive: true\n";
        let p = Profile::from_yaml(text).unwrap();
        assert_eq!(Profile::from_yaml(&p.to_yaml()).unwrap(), p);
        assert_eq!(
            Profile::from_yaml(&Profile::default().to_yaml()).unwrap(),
            Profile::default()
        );
    }
}
