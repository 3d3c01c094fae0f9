//! Lymph nodes: the pN category (pN0(i+) — isolated tumor cells only — is node-negative;
//! pN1mi is positive), counts such as 2/14 or "0 of 3", and plain words.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::receptors::Reading;

/// How a node reading was written: a pN category outranks counts and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Words or counts.
    Plain,
    /// A pN / ypN category.
    Category,
}

static PN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:y?p)t(?:is|[0-4x])(?:mi|[a-d])?(?:\s*\(\w{1,3}\))?\s*,?\s*(?:y?p)?n([0-3x])(mi)?[a-c]?|\by?pn([0-3x])(mi)?[a-c]?").unwrap()
});
static CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:lymph ?nodes?|nodes?|ln|lns|sentinel|axilla|axillary|nodal)\b").unwrap()
});
static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\s*(/|of|out of)\s*(\d{1,2})\b").unwrap());
static INVOLVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:nodes?|lns?)\s*(?:\([^)]*\)\s*)?(?:positive|involved|with (?:metastatic )?(?:carcinoma|tumou?r|metastas[ie]s|metastatic disease|macrometastas[ie]s|micrometastas[ie]s))\b\s*(?:\([^)]*\))?\s*[:=]?\s*(\d{1,2})\b").unwrap()
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnegative\b|\bno (?:evidence of |residual )?(?:metastatic|metastas[ie]s|tumou?r|carcinoma|malignancy|malignant)|\bfree of\b|\bbenign\b|\bisolated tumou?r cells\b|\bitcs?\b|\bnot involved\b").unwrap()
});
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bpositive\b|\bmetastatic (?:carcinoma|adenocarcinoma|disease|ductal|lobular|tumou?r)\b|\bmacrometastas[ie]s\b|\bmicrometastas[ie]s\b|\binvolved\b|\bmetastas[ie]s (?:present|identified|seen)\b").unwrap()
});
static NEGATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bno\b|\bnot\b|\bnegative\b|\bwithout\b|\babsent\b|\bnone\b|\bfree\b").unwrap()
});

/// Reads node status from a clause.
pub fn read(clause: &str) -> (Reading, Source) {
    super::count(clause);
    let mut cat: Vec<&'static str> = Vec::new();
    for c in PN.captures_iter(clause) {
        let n = c.get(1).or(c.get(3)).map(|m| m.as_str());
        let mi = c.get(2).or(c.get(4)).is_some();
        let v = match n {
            Some("0") if !mi => "negative",
            Some("x") | None => continue,
            _ => "positive",
        };
        if !cat.contains(&v) {
            cat.push(v);
        }
    }
    match cat.as_slice() {
        [one] => return (Reading::Value(one, None), Source::Category),
        [_, _, ..] => return (Reading::Unclear, Source::Category),
        [] => {}
    }
    if !CONTEXT.is_match(clause) {
        return (Reading::Nothing, Source::Plain);
    }
    let mut seen: Vec<&'static str> = Vec::new();
    fn add(seen: &mut Vec<&'static str>, v: &'static str) {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    for c in COUNT.captures_iter(clause) {
        let (Some(a), Some(b), Some(whole)) = (c.get(1), c.get(3), c.get(0)) else {
            continue;
        };
        // A date (12/03/2025), a decimal or a size is not a count.
        let before = clause[..whole.start()].chars().next_back();
        let after = clause[whole.end()..].chars().next();
        if before.is_some_and(|c| c == '/' || c == '.' || c.is_ascii_digit())
            || after.is_some_and(|c| c == '/' || c == '.' || c.is_ascii_digit())
        {
            continue;
        }
        let rest = clause[whole.end()..].trim_start();
        if rest.starts_with("cm") || rest.starts_with("mm") || rest.starts_with("core") {
            continue;
        }
        let (a, b): (u32, u32) = match (a.as_str().parse(), b.as_str().parse()) {
            (Ok(a), Ok(b)) => (a, b),
            _ => continue,
        };
        if b == 0 || a > b {
            continue;
        }
        add(&mut seen, if a > 0 { "positive" } else { "negative" });
    }
    let mut counted = false;
    for c in INVOLVED.captures_iter(clause) {
        counted = true;
        let Some(n) = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok()) else {
            continue;
        };
        let phrase = c.get(0).map(|m| m.as_str()).unwrap_or("");
        // "with macrometastases: 0" alone does not make the nodes negative (there may be
        // micrometastases): only a count of involved nodes does.
        if n > 0 {
            add(&mut seen, "positive");
        } else if !phrase.contains("macro") && !phrase.contains("micro") {
            add(&mut seen, "negative");
        }
    }
    if seen.is_empty() && !counted {
        let itc_only = clause.contains("isolated tumor cells")
            || clause.contains("isolated tumour cells")
            || clause.contains("itc");
        let positive = POSITIVE.find_iter(clause).any(|m| {
            let mut from = m.start().saturating_sub(40);
            while !clause.is_char_boundary(from) {
                from -= 1;
            }
            let before = &clause[from..m.start()];
            !(NEGATOR.is_match(before) || itc_only && m.as_str().contains("metasta"))
        });
        let negative = NEGATIVE.is_match(clause);
        match (positive, negative) {
            (true, false) => add(&mut seen, "positive"),
            (false, true) => add(&mut seen, "negative"),
            (true, true) => return (Reading::Unclear, Source::Plain),
            (false, false) => {}
        }
    }
    (Reading::of_distinct(&seen), Source::Plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(c: &str) -> Reading {
        read(c).0
    }

    #[test]
    fn node_spellings() {
        for (c, want) in [
            ("pt2 pn1a (2/14)", "positive"),
            ("pt1c pn0(i+)", "negative"),
            ("ypt1a ypn0", "negative"),
            ("pt1b(m) pn1mi", "positive"),
            ("pt2n1a", "positive"),
            ("lymph nodes: 0/3", "negative"),
            ("sentinel lymph nodes: 1 of 2 positive", "positive"),
            (
                "two sentinel lymph nodes, negative for metastatic carcinoma (0/2)",
                "negative",
            ),
            ("number of lymph nodes with macrometastases: 2", "positive"),
            (
                "one sentinel lymph node with isolated tumor cells",
                "negative",
            ),
            (
                "metastatic carcinoma in one of three axillary lymph nodes",
                "positive",
            ),
        ] {
            assert_eq!(v(c), Reading::Value(want, None), "{c}");
        }
        assert_eq!(
            v("number of lymph nodes with macrometastases: 0"),
            Reading::Nothing
        );
        assert_eq!(v("sentinel node biopsy 12/03/2025"), Reading::Nothing);
        assert_eq!(v("margins negative"), Reading::Nothing);
        assert_eq!(
            v("lymphovascular invasion: not identified"),
            Reading::Nothing
        );
        assert_eq!(v("pt2 pnx"), Reading::Nothing);
    }
}
