//! Stage: only an overall stage that is written ("Stage IIA", "prognostic stage group IB").
//! pTNM categories alone are not a stage; they are noted so that the person can ask.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::receptors::Reading;

static STAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bstage(?: group(?:ing)?)?(?:\s*\([^)]{0,40}\))?\s*(?:[:=]|is)?\s*(?:stage\s*)?(iv|iii|ii|i|0|[1-4])([abc])?\b").unwrap()
});
static TNM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\by?pt(?:is|[0-4x])(?:mi|[a-d])?\b").unwrap());

/// Reads a written stage from a clause.
pub fn read(clause: &str) -> Reading {
    super::count(clause);
    let mut seen: Vec<&'static str> = Vec::new();
    for c in STAGE.captures_iter(clause) {
        let Some(m) = c.get(1) else { continue };
        let after = &clause[m.end()..];
        if after.starts_with(['.', '%', '/']) && !after.starts_with(". ") && after != "." {
            continue;
        }
        let v = match m.as_str() {
            "0" => "0",
            "i" | "1" => "I",
            "ii" | "2" => "II",
            "iii" | "3" => "III",
            _ => "IV",
        };
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    Reading::of_distinct(&seen)
}

/// True when the clause gives pT (pathologic TNM) categories.
pub fn has_tnm(clause: &str) -> bool {
    super::count(clause);
    TNM.is_match(clause)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_written_stage_is_a_stage() {
        assert_eq!(
            read("ajcc prognostic stage group: iia"),
            Reading::Value("II", None)
        );
        assert_eq!(read("stage iv (metastatic)"), Reading::Value("IV", None));
        assert_eq!(read("stage 0"), Reading::Value("0", None));
        assert_eq!(
            read("pathologic stage classification (ptnm, ajcc 8th edition)"),
            Reading::Nothing
        );
        assert_eq!(read("stage: pt2 pn1a"), Reading::Nothing);
        assert!(has_tnm("pt2 pn1a"));
        assert!(!has_tnm("t3 p3 m2"));
    }
}
