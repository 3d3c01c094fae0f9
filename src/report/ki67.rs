//! Ki-67 (the share of dividing cells): a percent, or unclear when only words are given.

use super::receptors::{Reading, percent};

/// Reads a Ki-67 span: the value is the percent (a range's upper end).
pub fn read(span: &str) -> (Reading, Option<u8>) {
    super::count(span);
    let s = span.trim();
    if s.is_empty() {
        return (Reading::Nothing, None);
    }
    if s.contains("not performed") || s.contains("not done") || s.contains("not requested") {
        return (Reading::NotDone, None);
    }
    match percent(span) {
        Some(p) => match p.shown {
            Some(v) => (Reading::Value("percent", Some(v)), Some(v)),
            None => (Reading::Unclear, None),
        },
        None if [
            "high",
            "low",
            "intermediate",
            "see",
            "pending",
            "follow",
            "positive",
        ]
        .iter()
        .any(|w| s.contains(w)) =>
        {
            (Reading::Unclear, None)
        }
        None => (Reading::Nothing, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ki67_is_a_percent() {
        assert_eq!(read(": 20%").1, Some(20));
        assert_eq!(read(" proliferation index 10-20%").1, Some(20));
        assert_eq!(read(": high").0, Reading::Unclear);
        assert_eq!(read(" staining was performed").0, Reading::Nothing);
    }
}
