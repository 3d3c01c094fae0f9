//! Drawing a text field of several lines (the answer, an own question): wrapped only at
//! spaces, and measured grapheme by grapheme as the terminal draws it.
//!
//! The text area widget wraps at every word boundary of Unicode's rules, so a line could break
//! between "Dr" and ". Øberg"; and it measures characters one by one, so "☎️" (a telephone and
//! a variation selector, two columns on screen) counts as one and the line runs a column past
//! the box. The widget still holds the text and edits it; this module only draws it.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::view::{place_cursor, selected};

/// One row on screen: a part of one line of the text (byte range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Which line of the text.
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// The columns a piece of text takes on screen (graphemes, as ratatui and terminals draw them).
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The rows `lines` take in `width` columns: a line breaks after a space; a word longer than
/// the row breaks between graphemes. Spaces at a break stay at the end of the row above.
pub fn rows(lines: &[String], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for (n, text) in lines.iter().enumerate() {
        let mut start = 0;
        let mut used = 0;
        // Where the row can break: just after the last space seen, and the width before it.
        let mut after_space: Option<(usize, usize)> = None;
        for (at, g) in text.grapheme_indices(true) {
            let w = g.width();
            let space = g.chars().all(char::is_whitespace);
            if used + w > width && !space && at > start {
                let (cut, cut_used) = after_space.unwrap_or((at, used));
                rows.push(Row {
                    line: n,
                    start,
                    end: cut,
                });
                start = cut;
                used -= cut_used;
                after_space = None;
            }
            used += w;
            if space {
                after_space = Some((at + g.len(), used));
            }
        }
        rows.push(Row {
            line: n,
            start,
            end: text.len(),
        });
    }
    rows
}

/// The row and column on screen of the field's cursor.
pub fn cursor(lines: &[String], rows: &[Row], (line, col): (usize, usize)) -> (usize, usize) {
    let Some(text) = lines.get(line) else {
        return (rows.len().saturating_sub(1), 0);
    };
    // The cursor's column counts characters; the rows count bytes.
    let byte = text.char_indices().nth(col).map_or(text.len(), |(b, _)| b);
    // Rows of a line follow on from each other: the cursor is in the last one starting at or
    // before it (at a break, that is the row below).
    let found = rows
        .iter()
        .enumerate()
        .rfind(|(_, row)| row.line == line && row.start <= byte);
    match found {
        Some((r, row)) => (r, width(&text[row.start..byte.max(row.start)])),
        None => (0, 0),
    }
}

/// Draws the field in `area` (inside `block`, a bordered one, when given), scrolled so the
/// cursor shows; with `focused`, the cursor is drawn and the terminal's cursor put there.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    field: &TextArea<'_>,
    block: Option<Block<'_>>,
    focused: bool,
) {
    let inner = match block {
        Some(block) => {
            frame.render_widget(block, area);
            area.inner(Margin::new(1, 1))
        }
        None => area,
    };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let lines = field.lines();
    if lines.iter().all(String::is_empty) && !field.placeholder_text().is_empty() {
        // An empty field shows what to type (the cursor on its first letter).
        let hint = super::view::wrapped(
            field.placeholder_text(),
            inner.width,
            "",
            field.placeholder_style().unwrap_or_default(),
        );
        frame.render_widget(Paragraph::new(hint), inner);
        if focused {
            place_cursor(frame, inner, inner.x, inner.y);
        }
        return;
    }
    let rows = rows(lines, usize::from(inner.width));
    let at = field.cursor();
    let (cur_row, cur_col) = cursor(lines, &rows, (at.0, at.1));
    let height = usize::from(inner.height);
    let top = (cur_row + 1).saturating_sub(height);
    let shown: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(r, row)| {
            let text = &lines[row.line][row.start..row.end];
            if !focused || r != cur_row {
                return Line::raw(text.to_string());
            }
            // The cursor's cell in reverse: the grapheme under it, or a space at the end.
            let at = row.start + cursor_byte(text, cur_col);
            let (before, rest) = lines[row.line][row.start..row.end].split_at(at - row.start);
            let mut graphemes = rest.graphemes(true);
            let under = graphemes.next().unwrap_or(" ");
            Line::from(vec![
                Span::raw(before.to_string()),
                Span::styled(under.to_string(), selected()),
                Span::raw(graphemes.as_str().to_string()),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if focused {
        let col = (cur_col as u16).min(inner.width - 1);
        place_cursor(
            frame,
            inner,
            inner.x + col,
            inner.y + (cur_row - top) as u16,
        );
    }
}

/// The byte in a row's text where a cursor `col` columns in sits.
fn cursor_byte(text: &str, col: usize) -> usize {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        if used >= col {
            return at;
        }
        used += g.width();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn shown(lines: &[&str], width: usize) -> Vec<String> {
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        rows(&lines, width)
            .iter()
            .map(|r| lines[r.line][r.start..r.end].to_string())
            .collect()
    }

    #[test]
    fn a_line_breaks_only_after_a_space() {
        // The text area widget broke this as "…ask Dr" / ". Øberg…" at this width.
        let text = "Call on Monday and ask Dr. Øberg about it";
        for w in 5..text.len() {
            for row in shown(&[text], w) {
                assert!(width(row.trim_end()) <= w, "{row:?} at {w}");
                assert!(!row.starts_with('.'), "{row:?} at {w}");
                assert!(!row.ends_with("Dr"), "{row:?} at {w}");
            }
        }
        assert_eq!(
            shown(&[text], 25),
            ["Call on Monday and ask ", "Dr. Øberg about it"]
        );
    }

    #[test]
    fn a_word_longer_than_the_row_breaks_between_graphemes() {
        assert_eq!(shown(&["abcdefgh ij"], 3), ["abc", "def", "gh ", "ij"]);
        assert_eq!(shown(&["王芳王芳王"], 4), ["王芳", "王芳", "王"]);
    }

    #[test]
    fn an_emoji_with_a_variation_selector_takes_two_columns() {
        assert_eq!(width("☎️"), 2);
        assert_eq!(shown(&["ab ☎️☎️ c"], 5), ["ab ", "☎️☎️ ", "c"]);
        for row in shown(&["☎️ ring ☎️☎️☎️ me ☎️"], 6) {
            assert!(width(row.trim_end()) <= 6, "{row:?}");
        }
    }

    #[test]
    fn the_cursor_is_where_the_next_letter_goes() {
        let lines: Vec<String> = vec!["ask Dr. Øberg".into(), "☎️ x".into()];
        let rows = rows(&lines, 8);
        assert_eq!(cursor(&lines, &rows, (0, 0)), (0, 0));
        // "ask Dr. " fills the first row; "Øberg" starts the second.
        assert_eq!(cursor(&lines, &rows, (0, 4)), (0, 4));
        assert_eq!(cursor(&lines, &rows, (0, 8)), (1, 0));
        assert_eq!(cursor(&lines, &rows, (0, 13)), (1, 5));
        // After "☎️" (two characters, two columns) comes the space.
        assert_eq!(cursor(&lines, &rows, (1, 2)), (2, 2));
        assert_eq!(cursor(&lines, &rows, (1, 4)), (2, 4));
    }

    #[test]
    fn the_box_keeps_its_border_and_follows_the_cursor() {
        let mut field = TextArea::new(vec![
            "Call the nurse on Monday and ask Dr. Øberg ☎️ about ☎️☎️ the scan".into(),
        ]);
        field.move_cursor(ratatui_textarea::CursorMove::End);
        let mut t = Terminal::new(TestBackend::new(20, 4)).unwrap();
        t.draw(|f| draw(f, f.area(), &field, Some(Block::bordered()), true))
            .unwrap();
        let buffer = t.backend().buffer().clone();
        // Every row's right border is in the last column.
        for y in 0..4 {
            let right = buffer[(19, y)].symbol();
            assert!(["┐", "│", "┘"].contains(&right), "row {y}: {right:?}");
        }
        let text = t.backend().to_string();
        assert!(text.contains("the scan"), "{text}");
        // The cursor sits just after the last letter.
        let p = t.get_cursor_position().unwrap();
        assert_eq!(buffer[(p.x - 1, p.y)].symbol(), "n", "{text}");
        assert_eq!(buffer[(p.x - 4, p.y)].symbol(), "s", "{text}");
    }
}
