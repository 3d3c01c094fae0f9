//! Telling a mention from a result: a clinical question ("HER2-negative?"), a quoted prior
//! report, a history, a request or a condition ("FISH will be done if...") names a test
//! without giving this report's result.

use std::sync::LazyLock;

use regex_lite::Regex;

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(previous|previously|prior|outside|earlier|original report|history of|hx of|h/o|known|comparison|compared|referring|referral|reportedly|was reported|were reported|reported elsewhere|per report|pre-?treatment|pre-?neoadjuvant|not repeated|clinical question|query|queried|rule out|r/o|to exclude|if|whether|recommend|recommended|recommends|suggest|suggested|consider|should|would|may be|please|family|mother|sister|father)\b").unwrap()
});

/// True when a clause only mentions a test (no result of this report can be read from it).
pub fn is_mention(clause: &str) -> bool {
    super::count(clause);
    clause.contains('?') || MENTION.is_match(clause)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_histories_and_conditions_are_mentions() {
        for c in [
            "clinical question: her2-negative?",
            "history of brca2 mutation",
            "previously reported as er positive",
            "fish will be performed if her2 is 2+",
            "recommend her2 fish",
        ] {
            assert!(is_mention(c), "{c}");
        }
        for c in [
            "er: positive (95%)",
            "her2 fish has been requested; to follow",
        ] {
            assert!(!is_mention(c), "{c}");
        }
    }
}
