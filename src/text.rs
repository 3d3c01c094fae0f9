//! Cleaning text from files and from the user before it reaches a terminal or an export.

/// True for characters that can change how a terminal or a text viewer shows what follows, or
/// that hide text: C0 and C1 controls (escape sequences start with these), the bidirectional
/// overrides, isolates and marks (which can make text read backwards, U+061C included),
/// zero-width and invisible characters (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+180E), the
/// line and paragraph separators, and TAG characters (U+E0000-U+E007F, invisible text).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}' | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}')
}

/// Removes whole escape sequences (not only their first byte, which would leave `[31m`
/// behind): CSI (`ESC [` or U+009B, up to the final byte), OSC, DCS, SOS, PM and APC strings
/// (up to BEL, the string terminator or the end of the line), and two-byte `ESC x`.
fn strip_sequences(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains([
        '\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}',
    ]) {
        return std::borrow::Cow::Borrowed(text);
    }
    #[derive(PartialEq)]
    enum In {
        Text,
        Esc,
        Csi,
        Str,
    }
    let mut out = String::with_capacity(text.len());
    let mut state = In::Text;
    for c in text.chars() {
        state = match state {
            In::Text => match c {
                '\u{1b}' => In::Esc,
                '\u{9b}' => In::Csi,
                '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => In::Str,
                _ => {
                    out.push(c);
                    In::Text
                }
            },
            In::Esc => match c {
                '[' => In::Csi,
                ']' | 'P' | 'X' | '^' | '_' => In::Str,
                // Intermediate bytes: the sequence goes on.
                ' '..='/' => In::Esc,
                '\u{1b}' => In::Esc,
                '\n' => {
                    out.push(c);
                    In::Text
                }
                _ => In::Text,
            },
            In::Csi => match c {
                '0'..='?' | ' '..='/' => In::Csi,
                '\n' => {
                    out.push(c);
                    In::Text
                }
                _ => In::Text,
            },
            In::Str => match c {
                '\u{7}' | '\u{9c}' => In::Text,
                '\u{1b}' => In::Esc,
                '\n' => {
                    out.push(c);
                    In::Text
                }
                _ => In::Str,
            },
        };
    }
    std::borrow::Cow::Owned(out)
}

/// Removes escape sequences and unsafe characters and keeps line breaks (tabs become spaces).
pub fn clean(text: &str) -> String {
    strip_sequences(text)
        .chars()
        .filter(|c| !is_unsafe(*c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Removes escape sequences and unsafe characters and folds the text onto one line.
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
    let cleaned: String = strip_sequences(text)
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
        assert_eq!(out, "Rosa evil");
    }

    #[test]
    fn whole_sequences_and_invisible_characters_are_removed() {
        assert_eq!(clean_line("\u{1b}[31mRed\u{1b}[0m"), "Red");
        assert_eq!(clean_line("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(
            clean_line("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "alink"
        );
        assert_eq!(
            clean_line("Ro\u{200B}sa\u{061C}\u{E0041}\u{E0042} \u{FEFF}Lee"),
            "Rosa Lee"
        );
        assert_eq!(clean("keep\nlines\u{1b}(B"), "keep\nlines");
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
