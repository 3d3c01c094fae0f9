//! The reader's voice: the program's own words (headings, reasons) speak to whoever reads
//! them. Questions stay in the patient's first person; for a caregiver the program names the
//! patient ("because Ana's cancer has spread"), or says "the person you are helping".

use crate::profile::{Profile, Role};

/// Whom the program's own words speak to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voice<'a> {
    caregiver: bool,
    name: Option<&'a str>,
}

/// What a caregiver's words call the patient when no name was given.
pub const UNNAMED: &str = "the person you are helping";

impl<'a> Voice<'a> {
    /// The voice for this profile's reader.
    pub fn of(profile: &'a Profile) -> Voice<'a> {
        Voice {
            caregiver: profile.role == Role::Caregiver,
            name: profile.display_name(),
        }
    }

    /// The patient reading about themselves.
    pub fn patient() -> Voice<'static> {
        Voice {
            caregiver: false,
            name: None,
        }
    }

    /// True when a caregiver reads.
    pub fn is_caregiver(&self) -> bool {
        self.caregiver
    }

    /// The patient as the subject of a sentence: "you", "Ana", "the person you are helping".
    pub fn patient_subject(&self) -> &str {
        match (self.caregiver, self.name) {
            (false, _) => "you",
            (true, Some(n)) => n,
            (true, None) => UNNAMED,
        }
    }

    /// Before a noun: "your", "Ana's"; for an unnamed patient "the" (the caregiver's list is
    /// about one person: "the cancer has spread" reads plainly where "their" would not).
    fn possessive(&self) -> String {
        match (self.caregiver, self.name) {
            (false, _) => "your".into(),
            (true, Some(n)) => format!("{n}'s"),
            (true, None) => "the".into(),
        }
    }

    /// A phrase written to the patient ("your cancer has spread", "you are past
    /// menopause") said to this reader. For a caregiver: "your" becomes the patient's,
    /// "you are / you have / you carry" the patient's verbs; what the reader did or said stays
    /// theirs ("you haven't said", "you don't know", "you are helping", "you added").
    pub fn phrase(&self, to_patient: &str) -> String {
        if !self.caregiver {
            return to_patient.to_string();
        }
        if to_patient == "you are helping as a caregiver" {
            return match self.name {
                Some(n) => format!("you are helping {n} as a caregiver"),
                None => to_patient.to_string(),
            };
        }
        let subject = self.patient_subject();
        let possessive = self.possessive();
        // (patient's words, caregiver's words); the reader's own words are listed to be kept.
        let swaps: [(&str, String); 14] = [
            ("you are helping", "you are helping".into()),
            ("you haven't", "you haven't".into()),
            ("you don't", "you don't".into()),
            ("you added", "you added".into()),
            ("you could", "you could".into()),
            ("you can", "you can".into()),
            ("you may", "you may".into()),
            ("you might", "you might".into()),
            ("you want", "you want".into()),
            ("you are", format!("{subject} is")),
            ("you have", format!("{subject} has")),
            ("you carry", format!("{subject} carries")),
            ("your", possessive),
            ("you", subject.to_string()),
        ];
        let mut out = String::with_capacity(to_patient.len() + 16);
        let mut rest = to_patient;
        let mut at_word_start = true;
        'outer: while let Some(c) = rest.chars().next() {
            if at_word_start {
                // "Your" at the start of a sentence is "your" capitalised, and so is its swap.
                let capital = rest.starts_with('Y');
                let lowered;
                let probe = if capital {
                    lowered = format!("y{}", &rest[1..]);
                    lowered.as_str()
                } else {
                    rest
                };
                for (from, to) in &swaps {
                    if let Some(after) = probe.strip_prefix(from)
                        && !after.starts_with(|c: char| c.is_alphanumeric() || c == '\'')
                    {
                        if capital {
                            let mut cs = to.chars();
                            out.extend(cs.next().map(|c| c.to_ascii_uppercase()));
                            out.extend(cs);
                        } else {
                            out.push_str(to);
                        }
                        rest = &rest[from.len()..];
                        at_word_start = false;
                        continue 'outer;
                    }
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
            at_word_start = !c.is_alphanumeric() && c != '\'';
        }
        out
    }

    /// The heading of the results summary.
    pub fn results_heading(&self) -> String {
        match (self.caregiver, self.name) {
            (false, _) => "My results at a glance".into(),
            (true, Some(n)) => format!("{n}'s results at a glance"),
            (true, None) => format!("Results at a glance for {UNNAMED}"),
        }
    }

    /// The label before a question's reasons.
    pub fn why_label(&self) -> String {
        match (self.caregiver, self.name) {
            (false, _) => "Why it is on my list".into(),
            (true, Some(n)) => format!("Why it is on {n}'s list"),
            (true, None) => "Why it is on the list".into(),
        }
    }

    /// The heading of the caregiver-only questions, in the caregiver's own first person.
    pub fn caregiver_heading(&self) -> String {
        match self.name {
            Some(n) => format!("My own questions as {n}'s caregiver"),
            None => "My own questions as a caregiver".into(),
        }
    }
}

/// What a question no answer put on the list says about itself: nothing it can't back.
pub const FOR_EVERYONE: &str = "a question for everyone, whatever the results";

#[cfg(test)]
mod tests {
    use super::*;

    fn caregiver(name: Option<&str>) -> Voice<'_> {
        Voice {
            caregiver: true,
            name,
        }
    }

    #[test]
    fn a_caregiver_reads_the_patient_named() {
        let ana = caregiver(Some("Ana"));
        assert_eq!(
            ana.phrase("your cancer has spread (metastatic)"),
            "Ana's cancer has spread (metastatic)"
        );
        assert_eq!(
            ana.phrase("you are past menopause"),
            "Ana is past menopause"
        );
        assert_eq!(
            ana.phrase("you haven't said where you are in treatment"),
            "you haven't said where Ana is in treatment"
        );
        assert_eq!(
            ana.phrase("you carry an inherited BRCA change"),
            "Ana carries an inherited BRCA change"
        );
        assert_eq!(
            ana.phrase("you are helping as a caregiver"),
            "you are helping Ana as a caregiver"
        );
        let someone = caregiver(None);
        assert_eq!(
            someone.phrase("you have just been diagnosed"),
            "the person you are helping has just been diagnosed"
        );
        assert_eq!(
            someone.phrase("cancer was found in your lymph nodes"),
            "cancer was found in the lymph nodes"
        );
        assert_eq!(
            ana.phrase("Your cancer looks triple-negative. You could ask whether it spread."),
            "Ana's cancer looks triple-negative. You could ask whether it spread."
        );
        assert_eq!(
            someone.phrase("Your cancer looks triple-negative."),
            "The cancer looks triple-negative."
        );
        // Words inside other words are left alone.
        assert_eq!(ana.phrase("young yourself"), "young yourself");
        assert_eq!(
            Voice::patient().phrase("your cancer has spread"),
            "your cancer has spread"
        );
    }
}
