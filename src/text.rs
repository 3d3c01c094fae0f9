//! Cleaning text from files and from the user before it reaches a terminal or an export.

/// True for characters that can change how a terminal or a text viewer shows what follows:
/// C0 and C1 controls (escape sequences start with these) and the bidirectional overrides
/// and isolates (which can make text read backwards).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Removes unsafe characters and keeps line breaks (tabs become spaces).
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !is_unsafe(*c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Removes unsafe characters and folds the text onto one line.
pub fn clean_line(text: &str) -> String {
    // Most text is already clean: one pass to check, no rebuilding.
    let tidy = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text
            .chars()
            .any(|c| c.is_whitespace() && c != ' ' || is_unsafe(c));
    if tidy {
        return text.to_string();
    }
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !is_unsafe(*c))
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_removed() {
        let hostile = "Rosa\u{1b}[2J\u{7}\u{9b}31m \u{202E}evil\u{2066}";
        let out = clean(hostile);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert_eq!(out, "Rosa[2J31m evil");
    }

    #[test]
    fn clean_keeps_line_breaks_and_clean_line_folds_them() {
        assert_eq!(clean("a\nb\tc\r"), "a\nb c");
        assert_eq!(clean_line("  a\n b\r\n\tc "), "a b c");
    }

    #[test]
    fn unicode_text_is_kept() {
        assert_eq!(clean_line("José 王芳 🌸"), "José 王芳 🌸");
    }
}
