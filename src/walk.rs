//! Which walk-through questions are asked of a person, stated once for every front end.

use crate::classify::{Classification, Setting};
use crate::facts::{Likelihood, chemo_expected, immunotherapy_expected};
use crate::profile::{Brca, Er, Ihc, Phase, Pr, Profile, Sex, Stage, TumorTesting};

/// ISH/FISH is asked only when the HER2 IHC score is 2+ or not known.
pub fn asks_ish(p: &Profile) -> bool {
    matches!(p.her2.ihc, Ihc::Two | Ihc::Unknown)
}

/// Menopause is not asked of men (the one place this rule lives).
pub fn asks_menopause(p: &Profile) -> bool {
    p.sex != Sex::Male
}

/// Tumor testing for changes that guide treatment is asked at stage IV.
pub fn asks_tumor_testing(p: &Profile) -> bool {
    p.stage == Stage::IV
}

/// Which changes were found is asked once tumor testing is back.
pub fn asks_mutations(p: &Profile) -> bool {
    asks_tumor_testing(p) && p.tumor_testing == TumorTesting::Done
}

/// Age changes questions about genetic testing, fertility and leaving out radiation: none of
/// them apply once cancer has spread and the BRCA result is known.
pub fn asks_age(p: &Profile) -> bool {
    p.stage != Stage::IV || matches!(p.brca, Brca::Unknown | Brca::NotTested)
}

/// PD-L1 decides immunotherapy only for triple-negative or ER-low cancer that has spread (not
/// hormone receptor-positive; HER2 negative or not known).
pub fn asks_pd_l1(p: &Profile) -> bool {
    p.stage == Stage::IV
        && matches!(p.er, Er::Low | Er::Negative)
        && p.pr != Pr::Positive
        && !matches!(p.her2.ihc, Ihc::Three)
}

/// What the care team has proposed is asked where the results leave chemotherapy or
/// immunotherapy open (it decides the cold cap, port and immune side-effect questions): not for
/// DCIS, not once treatment is over or hormone therapy alone goes on, and not where the results
/// already make both clear.
pub fn asks_planned(p: &Profile) -> bool {
    let class = Classification::of(p);
    if class.setting == Setting::Dcis
        || matches!(p.phase, Phase::Survivorship | Phase::EndocrineTherapy)
    {
        return false;
    }
    let open = |l: Likelihood| matches!(l, Likelihood::Possible | Likelihood::Unknown);
    // Chemotherapy "unlikely" from the results can still be proposed (a high genomic score).
    chemo_expected(p, &class) != Likelihood::Likely || open(immunotherapy_expected(p, &class))
}
