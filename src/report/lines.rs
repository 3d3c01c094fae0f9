//! Splitting a report into numbered lines, and each line into a normalised form the rules
//! read (lower case, one kind of dash, plus and space), keeping the original for quoting.

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number in the input.
    pub no: usize,
    /// The line as written, trimmed: what a finding quotes.
    pub raw: &'a str,
    /// Lower case, dashes, pluses, comparison signs and spaces made plain, whitespace folded.
    pub norm: String,
}

/// The longest line the rules read (a pasted report with no line breaks is still read, in
/// pieces of this size, so no rule ever sees more than this at once).
pub const MAX_LINE_CHARS: usize = 4000;

/// Splits text into lines (`\n`, `\r\n` or a lone `\r` end a line).
pub fn split(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // Old Mac line ends, and form feeds between PDF pages, also end a line; the line
        // number is still the `\n` line, which is what an editor shows.
        for piece in raw.split(['\r', '\u{c}']) {
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                out.push(Line {
                    no: i + 1,
                    raw: trimmed,
                    norm: String::new(),
                });
                continue;
            }
            let mut rest = trimmed;
            while !rest.is_empty() {
                let cut = cut_point(rest, MAX_LINE_CHARS);
                let (head, tail) = rest.split_at(cut);
                out.push(Line {
                    no: i + 1,
                    raw: head,
                    norm: normalise(head),
                });
                rest = tail;
            }
        }
    }
    out
}

/// A byte index at most `max` characters in, on a character boundary.
fn cut_point(s: &str, max: usize) -> usize {
    s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len())
}

/// Lower case with the typographic variants reports use turned into plain ASCII ones.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let mapped: &str = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => "-",
            '\u{207a}' | '\u{ff0b}' => "+",
            '\u{2264}' => "<=",
            '\u{2265}' => ">=",
            '\u{ff05}' => "%",
            '\u{2018}' | '\u{2019}' => "'",
            '\u{201c}' | '\u{201d}' => "\"",
            '\u{00b7}' | '\u{2022}' => " ",
            _ => "",
        };
        if !mapped.is_empty() {
            if mapped == " " {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(mapped);
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

/// Splits a normalised line into clauses: at `;` and at a full stop that ends a sentence
/// (not a decimal point such as `1.8`). Each clause is read on its own, so a sentence about
/// controls or margins never lends its words to the next one.
pub fn clauses(norm: &str) -> Vec<&str> {
    let bytes = norm.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = match b {
            b';' => true,
            b'.' => {
                let before = i.checked_sub(1).map(|j| bytes[j]);
                let after = bytes.get(i + 1).copied();
                let decimal = before.is_some_and(|c| c.is_ascii_digit())
                    && after.is_some_and(|c| c.is_ascii_digit());
                // "A." or "1." opening a line is a list label, not a sentence.
                let label = i <= 2;
                !decimal && !label && after.is_none_or(|c| c == b' ')
            }
            _ => false,
        };
        if end_here {
            if i > start {
                out.push(&norm[start..i]);
            }
            start = i + 1;
        }
    }
    if start < norm.len() {
        out.push(&norm[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_as_an_editor_numbers_them() {
        let l = split("a\r\nb\n\n  c  ");
        let got: Vec<_> = l.iter().map(|l| (l.no, l.raw)).collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, ""), (4, "c")]);
    }

    #[test]
    fn typographic_variants_become_plain() {
        assert_eq!(
            normalise("HER2 \u{2013} 2\u{207a}  ≤10 %"),
            "her2 - 2+ <=10 %"
        );
        assert_eq!(normalise("ER\u{00a0}Positive"), "er positive");
    }

    #[test]
    fn clauses_split_at_sentences_not_decimals_or_labels() {
        assert_eq!(
            clauses("a. ratio 1.8. controls fine; er positive"),
            vec!["a. ratio 1.8", " controls fine", " er positive"]
        );
    }

    #[test]
    fn a_line_with_no_breaks_is_read_in_pieces() {
        let long = "x".repeat(MAX_LINE_CHARS * 2 + 5);
        let l = split(&long);
        assert_eq!(l.len(), 3);
        assert!(l.iter().all(|l| l.no == 1));
    }
}
