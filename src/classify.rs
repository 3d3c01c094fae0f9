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

/// The setting from the stage; with no stage, a metastatic treatment phase still says metastatic.
pub fn setting(stage: Stage, phase: Phase) -> Setting {
    match stage {
        Stage::S0 => Setting::Dcis,
        Stage::I | Stage::II => Setting::Early,
        Stage::III => Setting::LocallyAdvanced,
        Stage::IV => Setting::Metastatic,
        Stage::Unknown if matches!(phase, Phase::Metastatic | Phase::Progression) => {
            Setting::Metastatic
        }
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
