//! The classification of PRODUCT.md as pure functions: hormone receptors, HER2 category,
//! subtype and setting.

use crate::choice::choice;
use crate::profile::{Er, Ihc, Ish, Phase, Pr, Profile, Stage};

choice!(
    /// Hormone receptor status derived from ER and PR.
    Hr { Unknown = "unknown" [], Positive = "positive" [], Low = "low" ["er-low"], Negative = "negative" [] }
);
choice!(
    /// HER2 category derived from IHC and ISH.
    Her2 { Unknown = "unknown" [], Zero = "zero" ["0", "her2-0"], Ultralow = "ultralow" ["her2-ultralow"], Low = "low" ["her2-low"], Equivocal = "equivocal" ["borderline"], Positive = "positive" ["her2-positive"] }
);
choice!(
    /// Breast cancer subtype as this tool uses it.
    Subtype { Unknown = "unknown" [], HrPositive = "hr-positive" ["hr+/her2-", "luminal"], ErLow = "er-low" [], TripleNegative = "triple-negative" ["tnbc"], Her2Positive = "her2-positive" [] }
);
choice!(
    /// The disease setting derived from stage (and from the treatment phase when stage is unknown).
    Setting { Unknown = "unknown" [], Dcis = "dcis" ["stage-0", "non-invasive"], Early = "early" [], LocallyAdvanced = "locally-advanced" [], Metastatic = "metastatic" ["advanced"] }
);

/// HR-positive when ER or PR is positive; ER-low (with PR not positive) is its own case;
/// negative only when both are known to be negative.
pub fn hormone_receptors(er: Er, pr: Pr) -> Hr {
    match (er, pr) {
        (Er::Positive, _) | (_, Pr::Positive) => Hr::Positive,
        (Er::Low, _) => Hr::Low,
        (Er::Negative, Pr::Negative) => Hr::Negative,
        _ => Hr::Unknown,
    }
}

/// The HER2 category from the IHC score and, for 2+ (or an unknown score), the ISH result.
pub fn her2_category(ihc: Ihc, ish: Ish) -> Her2 {
    match (ihc, ish) {
        (Ihc::Zero, _) => Her2::Zero,
        (Ihc::Ultralow, _) => Her2::Ultralow,
        (Ihc::One, _) => Her2::Low,
        (Ihc::Two, Ish::NotAmplified) => Her2::Low,
        (Ihc::Two, Ish::Amplified) => Her2::Positive,
        (Ihc::Two, _) => Her2::Equivocal,
        (Ihc::Three, _) => Her2::Positive,
        // Without an IHC score an amplified ISH still means HER2-positive; a non-amplified
        // ISH says HER2-negative but not whether it is 0, ultralow or low: still unknown here.
        (Ihc::Unknown, Ish::Amplified) => Her2::Positive,
        (Ihc::Unknown, _) => Her2::Unknown,
    }
}

impl Her2 {
    /// HER2-0, ultralow and low are all HER2-negative.
    pub fn is_negative(self) -> bool {
        matches!(self, Her2::Zero | Her2::Ultralow | Her2::Low)
    }
}

/// The subtype from hormone receptors and HER2.
pub fn subtype(hr: Hr, her2: Her2) -> Subtype {
    if her2 == Her2::Positive {
        return Subtype::Her2Positive;
    }
    if !her2.is_negative() {
        return Subtype::Unknown;
    }
    match hr {
        Hr::Positive => Subtype::HrPositive,
        Hr::Low => Subtype::ErLow,
        Hr::Negative => Subtype::TripleNegative,
        Hr::Unknown => Subtype::Unknown,
    }
}

/// The setting from the stage at diagnosis, except that a person being treated for metastatic
/// cancer (phase `metastatic` or `progression`) is in the metastatic setting whatever the stage
/// was at diagnosis: an early cancer that later spread is metastatic now.
pub fn setting(stage: Stage, phase: Phase) -> Setting {
    if matches!(phase, Phase::Metastatic | Phase::Progression) {
        return Setting::Metastatic;
    }
    match stage {
        Stage::S0 => Setting::Dcis,
        Stage::I | Stage::II => Setting::Early,
        Stage::III => Setting::LocallyAdvanced,
        Stage::IV => Setting::Metastatic,
        Stage::Unknown => Setting::Unknown,
    }
}

/// The classification of one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classification {
    /// Hormone receptor status.
    pub hr: Hr,
    /// HER2 category.
    pub her2: Her2,
    /// Subtype.
    pub subtype: Subtype,
    /// Setting.
    pub setting: Setting,
}

impl Classification {
    /// Classifies a profile.
    pub fn of(profile: &Profile) -> Classification {
        let hr = hormone_receptors(profile.er, profile.pr);
        let her2 = her2_category(profile.her2.ihc, profile.her2.ish);
        Classification {
            hr,
            her2,
            subtype: subtype(hr, her2),
            setting: setting(profile.stage, profile.phase),
        }
    }

    /// True when the result is outside this tool's scope (HER2-positive).
    pub fn out_of_scope(&self) -> bool {
        self.subtype == Subtype::Her2Positive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test per row of the classification table in PRODUCT.md.

    #[test]
    fn hr_positive_when_er_positive() {
        assert_eq!(hormone_receptors(Er::Positive, Pr::Negative), Hr::Positive);
        assert_eq!(hormone_receptors(Er::Positive, Pr::Unknown), Hr::Positive);
    }

    #[test]
    fn hr_positive_when_pr_positive() {
        assert_eq!(hormone_receptors(Er::Negative, Pr::Positive), Hr::Positive);
        assert_eq!(hormone_receptors(Er::Low, Pr::Positive), Hr::Positive);
    }

    #[test]
    fn er_low_is_its_own_case() {
        assert_eq!(hormone_receptors(Er::Low, Pr::Negative), Hr::Low);
        assert_eq!(hormone_receptors(Er::Low, Pr::Unknown), Hr::Low);
        assert_eq!(subtype(Hr::Low, Her2::Zero), Subtype::ErLow);
    }

    #[test]
    fn hr_negative_only_when_both_negative() {
        assert_eq!(hormone_receptors(Er::Negative, Pr::Negative), Hr::Negative);
        assert_eq!(hormone_receptors(Er::Negative, Pr::Unknown), Hr::Unknown);
        assert_eq!(hormone_receptors(Er::Unknown, Pr::Negative), Hr::Unknown);
    }

    #[test]
    fn ihc_0_is_her2_zero() {
        for ish in [Ish::Unknown, Ish::NotDone, Ish::NotAmplified] {
            assert_eq!(her2_category(Ihc::Zero, ish), Her2::Zero);
        }
    }

    #[test]
    fn ihc_0_with_faint_staining_is_ultralow() {
        assert_eq!(her2_category(Ihc::Ultralow, Ish::Unknown), Her2::Ultralow);
    }

    #[test]
    fn ihc_1_plus_is_her2_low() {
        assert_eq!(her2_category(Ihc::One, Ish::Unknown), Her2::Low);
    }

    #[test]
    fn ihc_2_plus_not_amplified_is_her2_low() {
        assert_eq!(her2_category(Ihc::Two, Ish::NotAmplified), Her2::Low);
    }

    #[test]
    fn ihc_2_plus_without_final_ish_is_equivocal() {
        for ish in [Ish::Pending, Ish::NotDone, Ish::Unknown] {
            assert_eq!(her2_category(Ihc::Two, ish), Her2::Equivocal, "{ish:?}");
        }
    }

    #[test]
    fn ihc_2_plus_amplified_or_3_plus_is_her2_positive() {
        assert_eq!(her2_category(Ihc::Two, Ish::Amplified), Her2::Positive);
        assert_eq!(her2_category(Ihc::Three, Ish::Unknown), Her2::Positive);
        assert_eq!(her2_category(Ihc::Unknown, Ish::Amplified), Her2::Positive);
    }

    #[test]
    fn zero_ultralow_and_low_are_her2_negative() {
        assert!(
            Her2::Zero.is_negative() && Her2::Ultralow.is_negative() && Her2::Low.is_negative()
        );
        assert!(
            !Her2::Equivocal.is_negative()
                && !Her2::Positive.is_negative()
                && !Her2::Unknown.is_negative()
        );
    }

    #[test]
    fn subtype_hr_positive_her2_negative() {
        assert_eq!(subtype(Hr::Positive, Her2::Low), Subtype::HrPositive);
    }

    #[test]
    fn subtype_triple_negative() {
        for h in [Her2::Zero, Her2::Ultralow, Her2::Low] {
            assert_eq!(subtype(Hr::Negative, h), Subtype::TripleNegative);
        }
    }

    #[test]
    fn subtype_her2_positive_whatever_the_hormone_receptors() {
        for hr in [Hr::Positive, Hr::Negative, Hr::Low, Hr::Unknown] {
            assert_eq!(subtype(hr, Her2::Positive), Subtype::Her2Positive);
        }
    }

    #[test]
    fn subtype_not_yet_known() {
        assert_eq!(subtype(Hr::Unknown, Her2::Zero), Subtype::Unknown);
        assert_eq!(subtype(Hr::Positive, Her2::Equivocal), Subtype::Unknown);
        assert_eq!(subtype(Hr::Negative, Her2::Unknown), Subtype::Unknown);
    }

    #[test]
    fn setting_from_stage() {
        assert_eq!(setting(Stage::S0, Phase::Unknown), Setting::Dcis);
        assert_eq!(setting(Stage::I, Phase::Unknown), Setting::Early);
        assert_eq!(setting(Stage::II, Phase::Unknown), Setting::Early);
        assert_eq!(
            setting(Stage::III, Phase::Unknown),
            Setting::LocallyAdvanced
        );
        assert_eq!(setting(Stage::IV, Phase::Unknown), Setting::Metastatic);
        assert_eq!(setting(Stage::Unknown, Phase::Unknown), Setting::Unknown);
    }

    #[test]
    fn unknown_stage_with_metastatic_phase_is_metastatic() {
        assert_eq!(
            setting(Stage::Unknown, Phase::Progression),
            Setting::Metastatic
        );
        assert_eq!(
            setting(Stage::Unknown, Phase::AfterSurgery),
            Setting::Unknown
        );
    }
}
