//! The glossary: plain-words definitions of the terms the walk-through and questions use, and
//! finding which terms a text uses.

use serde_yaml::Value;

use crate::bank::Problem;
use crate::text::clean_line;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    /// The term as written in questions.
    pub term: String,
    /// Other spellings that count as a use.
    pub aliases: Vec<String>,
    /// One or two plain sentences.
    pub definition: String,
    /// Where it appears on a pathology report, if it does.
    pub on_report: Option<String>,
}

/// All terms, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    /// The entries.
    pub terms: Vec<Term>,
}

/// True when `needle` occurs in `hay` as a whole word. Spellings with a capital letter are
/// matched exactly (ER is not "er"); lowercase ones ignore case.
fn contains_word(hay: &Text, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    // A spelling with a capital is matched exactly; one without is already lower case and is
    // matched against the lower-cased text.
    let exact = needle.chars().any(char::is_uppercase);
    let (h, n, words) = if exact {
        (hay.original, needle, &hay.words)
    } else {
        (hay.lower.as_str(), needle, &hay.lower_words)
    };
    // A match starts at a word boundary, so the needle's first word is a whole word of the
    // text: when it is not, there is nothing to search for.
    if let Some(first) = first_word(n)
        && words.binary_search(&word_hash(first)).is_err()
    {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = h[from..].find(n) {
        let start = from + pos;
        let end = start + n.len();
        let before = h[..start].chars().next_back();
        let after = h[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = start + h[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The run of letters and digits a text starts with, if it starts with one.
fn first_word(text: &str) -> Option<&str> {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| i);
    (end > 0).then(|| &text[..end])
}

/// FNV-1a: a quick, fixed hash for the word sets (a collision only costs a search).
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hashes of every whole word (run of letters and digits) of a text, sorted.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A text to look for terms in, lower-cased once (a list is searched for every term).
pub struct Text<'a> {
    original: &'a str,
    lower: String,
    /// The words of `original` and of `lower` (see `contains_word`): most terms of a glossary
    /// are ruled out by looking their first word up, without searching the text.
    words: Vec<u64>,
    lower_words: Vec<u64>,
}

impl<'a> Text<'a> {
    /// Prepares a text for searching.
    pub fn new(original: &'a str) -> Text<'a> {
        let lower = original.to_lowercase();
        Text {
            original,
            words: word_hashes(original),
            lower_words: word_hashes(&lower),
            lower,
        }
    }
}

impl Term {
    /// True when the text uses this term or one of its aliases.
    pub fn used_in(&self, text: &str) -> bool {
        self.used_in_text(&Text::new(text))
    }

    /// The same, for a text prepared once for many terms.
    pub fn used_in_text(&self, text: &Text) -> bool {
        contains_word(text, &self.term) || self.aliases.iter().any(|a| contains_word(text, a))
    }
}

impl Glossary {
    /// Reads the parsed `glossary.yaml` (its text gives line numbers), reporting problems.
    pub fn from_value(
        file: &str,
        text: &str,
        value: &Value,
        problems: &mut Vec<Problem>,
    ) -> Glossary {
        let mut report = |line: Option<usize>, message: String| {
            problems.push(Problem {
                file: file.into(),
                line,
                id: None,
                message,
            })
        };
        let Some(list) = value.get("terms").and_then(Value::as_sequence) else {
            report(Some(1), "expected a `terms:` list.".into());
            return Glossary::default();
        };
        let line_of = |term: &str| {
            text.lines()
                .position(|l| {
                    let t = l.trim_start().trim_start_matches("- ").trim();
                    t.strip_prefix("term:")
                        .is_some_and(|v| v.trim().trim_matches('"') == term)
                })
                .map(|i| i + 1)
        };
        let mut terms: Vec<Term> = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let s = |k: &str| {
                entry
                    .get(k)
                    .and_then(Value::as_str)
                    .map(clean_line)
                    .filter(|t| !t.is_empty())
            };
            let Some(term) = s("term") else {
                report(None, format!("glossary entry {} has no `term`.", i + 1));
                continue;
            };
            let line = line_of(&term);
            if let Some(m) = entry.as_mapping() {
                for k in m.keys() {
                    let k = k.as_str().unwrap_or("");
                    if !["term", "aliases", "definition", "on_report"].contains(&k) {
                        report(
                            line,
                            format!(
                                "term \"{term}\": unknown field `{k}`; the fields are term, aliases, definition, on_report."
                            ),
                        );
                    }
                }
            }
            let Some(definition) = s("definition") else {
                report(line, format!("term \"{term}\" has no definition."));
                continue;
            };
            if terms.iter().any(|t| t.term == term) {
                report(line, format!("term \"{term}\" is defined twice."));
                continue;
            }
            let aliases = entry
                .get("aliases")
                .and_then(Value::as_sequence)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(clean_line)
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            terms.push(Term {
                term,
                aliases,
                definition,
                on_report: s("on_report"),
            });
        }
        Glossary { terms }
    }

    /// The terms a text uses, in glossary order.
    pub fn used_in<'g>(&'g self, text: &str) -> impl Iterator<Item = &'g Term> {
        let text = Text::new(text);
        self.terms.iter().filter(move |t| t.used_in_text(&text))
    }

    /// Looks a term up by its name or an alias (ignoring case).
    pub fn find(&self, name: &str) -> Option<&Term> {
        let n = name.to_lowercase();
        self.terms
            .iter()
            .find(|t| t.term.to_lowercase() == n || t.aliases.iter().any(|a| a.to_lowercase() == n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_match_exactly_and_words_ignore_case() {
        assert!(contains_word(&Text::new("What is my ER status?"), "ER"));
        assert!(!contains_word(&Text::new("What is my other option?"), "ER"));
        assert!(!contains_word(&Text::new("Should I ERase it?"), "ER"));
        assert!(contains_word(&Text::new("What Stage is it?"), "stage"));
        assert!(!contains_word(&Text::new("backstage"), "stage"));
        assert!(contains_word(&Text::new("Is it HER2-low?"), "HER2-low"));
    }

    /// The word look-up only rules out what the search would not find.
    #[test]
    fn the_word_look_up_agrees_with_searching() {
        let plain = |hay: &str, needle: &str| {
            let exact = needle.chars().any(char::is_uppercase);
            let lower = hay.to_lowercase();
            let h = if exact { hay } else { lower.as_str() };
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            !needle.is_empty()
                && h.match_indices(needle).any(|(i, _)| {
                    boundary(h[..i].chars().next_back())
                        && boundary(h[i + needle.len()..].chars().next())
                })
        };
        let texts = [
            "Is my cancer HR+ or HR-positive? What about HER2-low and İstanbul?",
            "(ki-67) and +ER, stage IIIA; T1c N0 - 2+ stain",
            "over-treatment, 2nd opinion: BRCA1/BRCA2",
            "",
        ];
        let needles = [
            "HR+",
            "HR-positive",
            "her2-low",
            "HER2-low",
            "ki-67",
            "(ki-67)",
            "+ER",
            "ER",
            "stage",
            "stage IIIA",
            "iiia",
            "2+",
            "+",
            "-",
            "treatment",
            "over",
            "brca1",
            "BRCA1",
            "BRCA",
            "opinion",
            "2nd opinion",
            "istanbul",
            "i̇stanbul",
            "t1c",
            "T1c N0",
        ];
        for t in texts {
            let text = Text::new(t);
            for n in needles {
                assert_eq!(contains_word(&text, n), plain(t, n), "{n:?} in {t:?}");
            }
        }
    }
}
