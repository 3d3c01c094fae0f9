//! ER and PR: the words (positive, low positive, negative), the percent of cells staining,
//! and the Allred or H-score, read from a label's span and checked against each other.
//! Where they disagree, or a score cannot tell ER-low from positive, the result is unclear.

use std::sync::LazyLock;

use regex_lite::Regex;

/// What a span says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A value in the profile's spelling, with the percent when one is written.
    Value(&'static str, Option<u8>),
    /// The span gives a result that cannot be read safely.
    Unclear,
    /// The span says the test was not done (nothing to report).
    NotDone,
    /// The span holds no result at all (a mention).
    Nothing,
}

impl Reading {
    /// What the distinct values read in a span come to: none is nothing, one is that value,
    /// more than one (the span disagrees with itself) is unclear.
    pub fn of_distinct(seen: &[&'static str]) -> Reading {
        match seen {
            [] => Reading::Nothing,
            [one] => Reading::Value(one, None),
            _ => Reading::Unclear,
        }
    }
}

/// A percent written in a span: the interval it allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percent {
    /// The lowest value it allows.
    pub low: f32,
    /// The highest value it allows.
    pub high: f32,
    /// True for "more than": the lowest value itself is excluded.
    pub low_open: bool,
    /// True for "less than": the highest value itself is excluded.
    pub high_open: bool,
    /// The number to report: the value, or a range's upper end; none for a bound ("<1%").
    pub shown: Option<u8>,
}

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(<=|>=|<|>|less than|greater than|more than|fewer than|under|over|up to|at least)?\s*(\d{1,3}(?:\.\d+)?)\s*(?:(?:-|to)\s*(\d{1,3}(?:\.\d+)?)\s*)?(?:%|percent\b)").unwrap()
});
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnot (?:performed|done|tested|requested|indicated|applicable|assessed|evaluated|repeated|submitted)\b|\bn/a\b|\bdeferred\b").unwrap()
});
static UNCLEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:see (?:comment|note|addendum|below|above|report|separate)|to follow|pending|in progress|will be (?:reported|issued|performed)|awaited|sent|equivocal|indeterminate|borderline|cannot|can't|could not|not interpretable|uninterpretable|insufficient|inconclusive|suboptimal|unsatisfactory|failed|unknown|variable|heterogeneous|focal)\b").unwrap()
});
static LOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\blow[- ]?positive\b|\bpositive[, (]*low\b|^\W*-?low\b|\blow (?:level|expression)\b|\ber[- ]low\b").unwrap()
});
static WEAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bweak(?:ly)?[- ]?positive\b").unwrap());
static NEGATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bnegative\b|\bneg\b|-ve\b|^\s*-(?:\s|$|[,/)(:])").unwrap());
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bpositive\b|\bpos\b|\+ve\b|^\s*\+(?:\s|$|[,/)(:])|\bpositivity\b").unwrap()
});
static ALLRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:allred|quick)(?: score)?\s*(?:[:=]|of|is)?\s*(\d)\b(?:\s*/\s*8)?|\b(\d)\s*/\s*8\b|\b(?:total score|ts)\s*[:=]?\s*(\d)\b").unwrap()
});
static PROPORTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:ps|proportion score)\s*[:=]?\s*(\d)\b").unwrap());
static HSCORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bh-?\s?score\s*(?:[:=]|of|is)?\s*(\d{1,3})\b").unwrap());

/// The first percent written in the text.
pub fn percent(text: &str) -> Option<Percent> {
    super::count(text);
    let c = PERCENT.captures(text)?;
    let a: f32 = c.get(2)?.as_str().parse().ok()?;
    let b: Option<f32> = c.get(3).and_then(|m| m.as_str().parse().ok());
    if a > 100.0 || b.is_some_and(|b| b > 100.0 || b < a) {
        return None;
    }
    let cmp = c.get(1).map(|m| m.as_str());
    let p = match (cmp, b) {
        (Some("<" | "less than" | "fewer than" | "under"), _) => (0.0, a, false, true, None),
        (Some("<=" | "up to"), _) => (0.0, a, false, false, None),
        (Some(">" | "greater than" | "more than" | "over"), _) => (a, 100.0, true, false, None),
        (Some(_), _) => (a, 100.0, false, false, None),
        (None, Some(b)) => (a, b, false, false, Some(b.round() as u8)),
        (None, None) => (a, a, false, false, Some(a.round() as u8)),
    };
    Some(Percent {
        low: p.0,
        high: p.1,
        low_open: p.2,
        high_open: p.3,
        shown: p.4,
    })
}

/// ER classes from a percent: negative below 1 %, low 1–10 %, positive above 10 %; an
/// interval across a boundary is no one class.
fn class_of(p: Percent) -> Option<&'static str> {
    if p.high < 1.0 || (p.high == 1.0 && p.high_open) {
        Some("negative")
    } else if p.low >= 1.0 && p.high <= 10.0 {
        Some("low")
    } else if p.low > 10.0 || (p.low == 10.0 && p.low_open) {
        Some("positive")
    } else {
        None
    }
}

/// Reads an ER (`low_allowed`) or PR span.
pub fn read(span: &str, er: bool) -> Reading {
    super::count(span);
    if span.trim().is_empty() {
        return Reading::Nothing;
    }
    if NOT_DONE.is_match(span) {
        return Reading::NotDone;
    }
    let pct = percent(span);
    let word = if LOW.is_match(span) {
        Some("low")
    } else if WEAK.is_match(span) {
        Some("weak")
    } else {
        let neg = NEGATIVE.is_match(span);
        let pos = POSITIVE.is_match(span);
        match (neg, pos) {
            (true, true) => return Reading::Unclear,
            (true, false) => Some("negative"),
            (false, true) => Some("positive"),
            (false, false) => None,
        }
    };
    let allred = ALLRED.captures(span).and_then(|c| {
        c.get(1)
            .or(c.get(2))
            .or(c.get(3))
            .and_then(|m| m.as_str().parse::<u8>().ok())
    });
    let ps = PROPORTION
        .captures(span)
        .and_then(|c| c.get(1)?.as_str().parse::<u8>().ok());
    let hscore = HSCORE
        .captures(span)
        .and_then(|c| c.get(1)?.as_str().parse::<u16>().ok());
    if UNCLEAR.is_match(span) {
        return Reading::Unclear;
    }
    if word.is_none() && pct.is_none() && allred.is_none() && hscore.is_none() && ps.is_none() {
        return Reading::Nothing;
    }
    if allred.is_some_and(|a| a > 8) || ps.is_some_and(|p| p > 5) || hscore.is_some_and(|h| h > 300)
    {
        return Reading::Unclear;
    }
    // Each source of evidence gives a class, or "not sure" (None inside Some).
    let mut classes: Vec<Option<&'static str>> = Vec::new();
    if let Some(p) = pct {
        classes.push(class_of(p));
    }
    if let Some(ps) = ps {
        classes.push(Some(match ps {
            0 | 1 => "negative",
            2 => "low",
            _ => "positive",
        }));
    } else if let Some(a) = allred {
        // Allred = proportion (0-5) + intensity (0-3): 0-2 is negative; 6 or more needs a
        // proportion over 10 %; 3-5 can be ER-low or not.
        classes.push(match a {
            0..=2 => Some("negative"),
            6.. => Some("positive"),
            _ if !er && a >= 5 => Some("positive"),
            _ => None,
        });
    }
    if let Some(h) = hscore {
        // H-score = sum of intensity (1-3) x percent: over 30 needs more than 10 % of cells.
        classes.push(match h {
            0 => Some("negative"),
            31.. => Some("positive"),
            3.. if !er => Some("positive"),
            _ => None,
        });
    }
    let measured: Option<&'static str> = if classes.is_empty() {
        None
    } else if classes.iter().any(|c| c.is_none()) {
        // A score that cannot tell the class: the words alone may not be trusted either.
        if pct.is_some_and(|p| class_of(p).is_some()) {
            pct.and_then(class_of)
        } else {
            return Reading::Unclear;
        }
    } else {
        let first = classes[0];
        if classes.iter().any(|c| *c != first) {
            return Reading::Unclear;
        }
        first
    };
    let value = match (word, measured) {
        (None, Some(m)) => m,
        (Some("weak"), None) => {
            if er {
                return Reading::Unclear;
            }
            "positive"
        }
        (Some("weak"), Some(m)) => m,
        (Some(w), None) => w,
        (Some(w), Some(m)) if w == m => m,
        (Some("positive"), Some("low")) => "low",
        (Some("low"), Some("low")) => "low",
        _ => return Reading::Unclear,
    };
    let value = if !er && value == "low" {
        "positive"
    } else {
        value
    };
    Reading::Value(value, pct.and_then(|p| p.shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn er(s: &str) -> Reading {
        read(s, true)
    }

    #[test]
    fn words_percent_and_scores_agree_or_the_result_is_unclear() {
        assert_eq!(er(": positive (95%)"), Reading::Value("positive", Some(95)));
        assert_eq!(er(": positive (5%)"), Reading::Value("low", Some(5)));
        assert_eq!(er(" low positive, 1-10%"), Reading::Value("low", Some(10)));
        assert_eq!(er(": negative (<1%)"), Reading::Value("negative", None));
        assert_eq!(er(" negative (40%)"), Reading::Unclear);
        assert_eq!(
            er(" positive, allred 8/8"),
            Reading::Value("positive", None)
        );
        assert_eq!(er(" positive, allred 4/8"), Reading::Unclear);
        assert_eq!(
            er(" positive, allred 4/8 (ps 2, is 2)"),
            Reading::Value("low", None)
        );
        assert_eq!(er(" h-score 240"), Reading::Value("positive", None));
        assert_eq!(er(" h-score 20"), Reading::Unclear);
        assert_eq!(er(": see comment"), Reading::Unclear);
        assert_eq!(er(": not performed"), Reading::NotDone);
        assert_eq!(er(", "), Reading::Nothing);
        assert_eq!(er("+ "), Reading::Value("positive", None));
        assert_eq!(er("-positive"), Reading::Value("positive", None));
        assert_eq!(er("-low"), Reading::Value("low", None));
        assert_eq!(
            er(": positive (greater than 10% of cells)"),
            Reading::Value("positive", None)
        );
        assert_eq!(er(": 91-100%"), Reading::Value("positive", Some(100)));
    }

    #[test]
    fn pr_has_no_low_class() {
        assert_eq!(
            read(": positive (5%)", false),
            Reading::Value("positive", Some(5))
        );
        assert_eq!(
            read(" weakly positive", false),
            Reading::Value("positive", None)
        );
    }
}
