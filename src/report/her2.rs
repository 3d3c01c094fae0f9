//! HER2: the IHC score (0, ultralow, 1+, 2+, 3+) and the ISH/FISH result (amplified, not
//! amplified, pending), with the ratio and copy number where they are given.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::receptors::Reading;

static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnot (?:performed|done|tested|requested|indicated|applicable|assessed|evaluated|repeated|required|necessary)\b|\bn/a\b").unwrap()
});
static POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:see (?:comment|note|addendum|below|above|report|separate)|to follow|will follow|pending|in progress|will be (?:reported|issued|performed|sent)|awaited|sent (?:out|for|to)|has been (?:ordered|requested|sent)|have been (?:ordered|requested|sent)|requested|ordered|submitted for|reflex(?:ed)? to)\b").unwrap()
});
static UNREADABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:indeterminate|cannot|can't|could not|not interpretable|uninterpretable|insufficient|inconclusive|suboptimal|unsatisfactory|failed|unknown|heterogeneous|variable)\b").unwrap()
});
static ULTRALOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bultra[- ]?low\b|\b(?:faint|barely perceptible|weak)\b.{0,60}\bincomplete\b|\bincomplete\b.{0,60}\b(?:faint|barely perceptible)\b").unwrap()
});
static SCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-3])\s?\+|\bscore\s*(?:of\s*)?[:=]?\s*([0-3])\b|^\W*(?:\([a-z ]{0,30}\)\W*)?([0-3])(?:\W|$)|\bihc\)?\s*[:=]?\s*([0-3])\b|\b(null|zero)\b").unwrap()
});
static POSITIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bpositive\b|\bover-?expressed\b|\bover-?expression\b").unwrap());
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bnegative\b|\blow\b").unwrap());
static EQUIVOCAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bequivocal\b|\bborderline\b").unwrap());

/// Reads a HER2 (IHC) span.
pub fn read_ihc(span: &str) -> Reading {
    super::count(span);
    if span.trim().is_empty() {
        return Reading::Nothing;
    }
    if NOT_DONE.is_match(span) {
        return Reading::NotDone;
    }
    let mut scores: Vec<&'static str> = Vec::new();
    for c in SCORE.captures_iter(span) {
        let Some(m) = c.get(1).or(c.get(2)).or(c.get(3)).or(c.get(4)).or(c.get(5)) else {
            continue;
        };
        // "2.5 cm", "0.8", "1/3", "3%" are not scores.
        let after = &span[m.end()..];
        let after_t = after.trim_start();
        if after_t.starts_with('%')
            || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit())
            || after_t.starts_with('/')
            || after_t.starts_with("mm")
            || after_t.starts_with("cm")
        {
            continue;
        }
        let s = match m.as_str() {
            "0" | "null" | "zero" => "0",
            "1" => "1+",
            "2" => "2+",
            _ => "3+",
        };
        if !scores.contains(&s) {
            scores.push(s);
        }
    }
    let ultralow = ULTRALOW.is_match(span);
    let pos = POSITIVE.is_match(span);
    let neg = NEGATIVE.is_match(span);
    let equivocal = EQUIVOCAL.is_match(span);
    if scores.len() > 1 {
        return Reading::Unclear;
    }
    let score = scores.first().copied();
    let value = match score {
        Some("0") if ultralow => "ultralow",
        Some(s) => s,
        None if span.contains("ultralow")
            || span.contains("ultra-low")
            || span.contains("ultra low") =>
        {
            "ultralow"
        }
        None if equivocal && !pos && !neg => "2+",
        None if POINTER.is_match(span) || UNREADABLE.is_match(span) || pos || neg || equivocal => {
            // "HER2: negative" with no score says the status, not which score: ask.
            return Reading::Unclear;
        }
        None => return Reading::Nothing,
    };
    if UNREADABLE.is_match(span) {
        return Reading::Unclear;
    }
    // The words must not contradict the score.
    let contradicts = match value {
        "3+" => neg || equivocal,
        "2+" => pos,
        _ => pos || equivocal,
    };
    if contradicts || (ultralow && value != "ultralow") {
        return Reading::Unclear;
    }
    Reading::Value(value, None)
}

static NOT_AMPLIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnot[- ]amplified\b|\bnon[- ]?amplified\b|\bunamplified\b|\bno (?:evidence of )?(?:her2 )?(?:gene )?amplification\b|\bwithout amplification\b|\bnegative\b|\bnot (?:show|demonstrate)\w* amplification\b").unwrap()
});
static AMPLIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bamplified\b|\bamplification (?:is |was )?(?:present|detected|seen|identified|observed)\b|\bpositive\b|\bshows? amplification\b").unwrap()
});
static ISH_UNCLEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bequivocal\b|\bgroup [2-4]\b|\bborderline\b|\bpolysomy\b").unwrap()
});
static RATIO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bratio\b\D{0,12}?(\d{1,2}(?:\.\d{1,2})?)").unwrap());
static COPIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:copy number|copies|her2 signals|signals? per (?:cell|nucleus)|signals?/(?:cell|nucleus)|mean her2|average her2)\D{0,40}?(\d{1,2}(?:\.\d{1,2})?)").unwrap()
});

/// An ISH reading, with the numbers given.
#[derive(Debug, Clone, PartialEq)]
pub struct Ish {
    /// The reading.
    pub reading: Reading,
    /// The HER2/CEP17 ratio, if written.
    pub ratio: Option<f32>,
    /// The average HER2 copy number per cell, if written.
    pub copies: Option<f32>,
}

/// Reads an ISH span.
pub fn read_ish(span: &str) -> Ish {
    super::count(span);
    let ratio = RATIO
        .captures(span)
        .and_then(|c| c.get(1)?.as_str().parse::<f32>().ok());
    let copies = COPIES
        .captures(span)
        .and_then(|c| c.get(1)?.as_str().parse::<f32>().ok());
    let done = |reading| Ish {
        reading,
        ratio,
        copies,
    };
    if span.trim().is_empty() {
        return done(Reading::Nothing);
    }
    if NOT_DONE.is_match(span) {
        return done(Reading::NotDone);
    }
    if ISH_UNCLEAR.is_match(span) || UNREADABLE.is_match(span) {
        return done(Reading::Unclear);
    }
    let not_amp = NOT_AMPLIFIED.is_match(span);
    // "not amplified" holds the word "amplified": look for it outside the negated phrases.
    let rest = NOT_AMPLIFIED.replace_all(span, " ");
    let amp = AMPLIFIED.is_match(&rest);
    let pending = POINTER.is_match(span);
    let by_numbers = match (ratio, copies) {
        (Some(r), Some(c)) if r >= 2.0 && c >= 4.0 => Some("amplified"),
        (Some(r), Some(c)) if r < 2.0 && c < 4.0 => Some("not-amplified"),
        _ => None,
    };
    let reading = match (not_amp, amp, pending) {
        (true, true, _) => Reading::Unclear,
        (true, false, _) if by_numbers == Some("amplified") => Reading::Unclear,
        (true, false, _) => Reading::Value("not-amplified", None),
        (false, true, _) if by_numbers == Some("not-amplified") => Reading::Unclear,
        (false, true, _) => Reading::Value("amplified", None),
        (false, false, true) => Reading::Value("pending", None),
        (false, false, false) => match (by_numbers, ratio.or(copies)) {
            (Some(v), _) => Reading::Value(v, None),
            // A ratio alone (or a copy number alone) does not decide the result.
            (None, Some(_)) => Reading::Unclear,
            (None, None) => Reading::Nothing,
        },
    };
    done(reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ihc_scores_in_their_spellings() {
        for (span, want) in [
            (": 2+ (equivocal)", "2+"),
            (" (ihc): negative (score 1+)", "1+"),
            (" ihc: 0", "0"),
            (
                ": score 0, faint incomplete membrane staining in <=10% of cells",
                "ultralow",
            ),
            (": 0 (ultralow)", "ultralow"),
            (" 3+ positive", "3+"),
            (": equivocal", "2+"),
            (" 0+", "0"),
        ] {
            assert_eq!(read_ihc(span), Reading::Value(want, None), "{span}");
        }
        assert_eq!(read_ihc(": negative"), Reading::Unclear);
        assert_eq!(read_ihc(": 1+ to 2+"), Reading::Unclear);
        assert_eq!(read_ihc(": 3+ negative"), Reading::Unclear);
        assert_eq!(read_ihc(" testing not performed"), Reading::NotDone);
        assert_eq!(read_ihc(" tumor size 2.5 cm"), Reading::Nothing);
    }

    #[test]
    fn ish_results_and_numbers() {
        assert_eq!(
            read_ish(": not amplified").reading,
            Reading::Value("not-amplified", None)
        );
        assert_eq!(
            read_ish(": amplified").reading,
            Reading::Value("amplified", None)
        );
        assert_eq!(
            read_ish(" to follow").reading,
            Reading::Value("pending", None)
        );
        let i = read_ish(" ratio 1.3, average her2 copy number 2.4 signals/cell");
        assert_eq!(i.reading, Reading::Value("not-amplified", None));
        assert_eq!((i.ratio, i.copies), (Some(1.3), Some(2.4)));
        assert_eq!(read_ish(" ratio: 2.4").reading, Reading::Unclear);
        assert_eq!(read_ish(": equivocal (group 4)").reading, Reading::Unclear);
    }
}
