//! Sex, only where the report states it ("Sex: M", "a 67-year-old man", "male breast").

use std::sync::LazyLock;

use regex_lite::Regex;

use super::receptors::Reading;

static SEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:sex|gender)\s*[:=/]?\s*(female|male|f|m|woman|man)\b|\b\d{1,3}[- ]?(?:years?|yrs?|y)[- ]?old[- ](woman|female|man|male|lady|gentleman)\b|\b\d{1,3}\s*(?:y/o|yo|yr|yrs)\s*(f|m|female|male|woman|man)\b|\b(male|female) patient\b|\b(male) breast\b|^\W*\d{1,3}\s?(f|m)\b").unwrap()
});
static FAMILY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:mother|sister|daughter|aunt|father|brother|son|cousin|family|grand\w*|niece|nephew|husband|wife|partner)\b").unwrap()
});

/// Reads the patient's sex from a clause.
pub fn read(clause: &str) -> Reading {
    super::count(clause);
    if FAMILY.is_match(clause) {
        return Reading::Nothing;
    }
    let mut seen: Vec<&'static str> = Vec::new();
    for c in SEX.captures_iter(clause) {
        let Some(m) = (1..=6).find_map(|i| c.get(i)) else {
            continue;
        };
        let v = match m.as_str() {
            "female" | "f" | "woman" | "lady" => "female",
            _ => "male",
        };
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    Reading::of_distinct(&seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_where_stated() {
        assert_eq!(read("sex: m"), Reading::Value("male", None));
        assert_eq!(
            read("67-year-old man with a left breast mass"),
            Reading::Value("male", None)
        );
        assert_eq!(read("54 yo f"), Reading::Value("female", None));
        assert_eq!(read("mother with breast cancer at 50"), Reading::Nothing);
        assert_eq!(read("female breast tissue"), Reading::Nothing);
    }
}
