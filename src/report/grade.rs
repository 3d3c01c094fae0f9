//! Nottingham (histologic) grade in its spellings: 2, II, G2, "SBR 3", "6/9", "(3+3+2)",
//! "Grade 3 (T3 P3 M2)", "poorly differentiated". Nuclear grade (of DCIS) is not it.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::receptors::Reading;

static SKIP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bnuclear grade\b|\bdcis\b|\bin[- ]situ\b").unwrap());
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bgrade\b|\bsbr\b|\bnottingham\b|\bbloom\b|\belston\b|\bdifferentiated\b").unwrap()
});
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:grade|sbr|nottingham|elston[- ]ellis|bloom[- ]richardson)\b(?:\s*\([^)]{0,60}\))?(?:\s*(?:grade|score))?\s*(?:[:=-]|is)?\s*(?:g\s?)?(iii|ii|i|[1-3])\b").unwrap()
});
static NINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([3-9])\s*(?:/|of|out of)\s*9\b|\b(?:total|combined|overall|nottingham|sbr) score\s*(?:of\s*)?[:=]?\s*([3-9])\b|\bscores? of ([3-9])\b").unwrap()
});
static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bt\s*[:=]?\s*([1-3])\s*[,;]?\s*p\s*[:=]?\s*([1-3])\s*[,;]?\s*m\s*[:=]?\s*([1-3])\b|\(\s*([1-3])\s*\+\s*([1-3])\s*\+\s*([1-3])\s*(?:=\s*[3-9]\s*)?\)").unwrap()
});
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(well|moderately|poorly)[- ]differentiated\b").unwrap());
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:high|low|intermediate)[- ]grade\b|\bgrade\s*[:=]?\s*(?:cannot|not assessable|indeterminate)").unwrap()
});
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bgrade\s*[:=]?\s*(?:[1-3]\s*(?:-|to|or)\s*[1-3]|i+\s*(?:-|to|or)\s*i+)\b")
        .unwrap()
});

fn from_score(total: u32) -> Option<&'static str> {
    match total {
        3..=5 => Some("1"),
        6 | 7 => Some("2"),
        8 | 9 => Some("3"),
        _ => None,
    }
}

/// Reads the grade from a clause.
pub fn read(clause: &str) -> Reading {
    super::count(clause);
    // DCIS is graded by its nuclei: not the invasive cancer's grade (unless the clause is
    // about the invasive cancer too).
    let in_situ =
        SKIP.is_match(clause) && (clause.contains("nuclear grade") || !clause.contains("invasive"));
    if in_situ || !TRIGGER.is_match(clause) {
        return Reading::Nothing;
    }
    let mut seen: Vec<&'static str> = Vec::new();
    let mut add = |g: Option<&'static str>| {
        if let Some(g) = g
            && !seen.contains(&g)
        {
            seen.push(g);
        }
    };
    for c in GRADE.captures_iter(clause) {
        let Some(m) = c.get(1) else { continue };
        // "grade 2/3" is grade 2 of 3; "grade 2-3" is not one grade (VAGUE catches it).
        add(match m.as_str() {
            "1" | "i" => Some("1"),
            "2" | "ii" => Some("2"),
            _ => Some("3"),
        });
    }
    for c in NINE.captures_iter(clause) {
        let n = c.get(1).or(c.get(2)).or(c.get(3));
        add(n.and_then(|m| m.as_str().parse().ok()).and_then(from_score));
    }
    for c in PARTS.captures_iter(clause) {
        let parts: Vec<u32> = (1..=6)
            .filter_map(|i| c.get(i))
            .filter_map(|m| m.as_str().parse().ok())
            .collect();
        add(from_score(parts.iter().sum()));
    }
    for c in WORDS.captures_iter(clause) {
        add(match c.get(1).map(|m| m.as_str()) {
            Some("well") => Some("1"),
            Some("moderately") => Some("2"),
            _ => Some("3"),
        });
    }
    if RANGE.is_match(clause) || (VAGUE.is_match(clause) && seen.is_empty()) {
        return Reading::Unclear;
    }
    Reading::of_distinct(&seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_spellings() {
        for (c, want) in [
            ("histologic grade: 2", "2"),
            ("nottingham grade ii", "2"),
            ("sbr 3", "3"),
            ("grade 3 (t3 p3 m2)", "3"),
            ("nottingham score 6/9", "2"),
            ("invasive ductal carcinoma, poorly differentiated", "3"),
            ("overall grade: grade 1 (scores of 3, 4 or 5)", "1"),
            ("histologic grade (nottingham): g3", "3"),
            ("grade: 2/3", "2"),
        ] {
            assert_eq!(read(c), Reading::Value(want, None), "{c}");
        }
        assert_eq!(read("dcis, nuclear grade 3"), Reading::Nothing);
        assert_eq!(read("high grade invasive carcinoma"), Reading::Unclear);
        assert_eq!(read("grade 2-3"), Reading::Unclear);
        assert_eq!(read("nuclear pleomorphism: score 3"), Reading::Nothing);
    }
}
