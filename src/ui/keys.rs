//! Terminal events to messages. While a text field has the keyboard, keys are text (except
//! Enter, Esc, Tab and Ctrl+C); otherwise letters are commands.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Message};

/// The message for a terminal event, if it means anything here.
pub fn message(app: &App, event: &Event) -> Option<Message> {
    match event {
        Event::Key(key) => key_message(app, key),
        Event::Mouse(m) => mouse_message(m),
        Event::Resize(w, h) => Some(Message::Resize(*w, *h)),
        Event::Paste(text) => paste_message(app, text),
        _ => None,
    }
}

fn key_message(app: &App, key: &KeyEvent) -> Option<Message> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q')) {
        return Some(Message::Quit);
    }
    if app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT {
        // The "window too small" screen: nothing is shown to type into, so only its own key
        // (q to quit) works; nothing goes into a hidden answer.
        return matches!(key.code, KeyCode::Char('q')).then_some(Message::Quit);
    }
    if app.typing() {
        // A line feed (Ctrl+J, what some terminals send for Enter) and Ctrl+M are Enter, not
        // the text field's "delete to the start of the line".
        if ctrl && matches!(key.code, KeyCode::Char('j') | KeyCode::Char('m')) {
            return Some(Message::Enter);
        }
        if let KeyCode::Char(c) = key.code {
            // Nothing typed may steer the terminal (bidi overrides, control characters).
            if crate::text::is_unsafe(c) {
                return None;
            }
        }
        return Some(match key.code {
            KeyCode::Enter => Message::Enter,
            KeyCode::Esc => Message::Back,
            KeyCode::Tab => Message::Tab,
            KeyCode::BackTab => Message::BackTab,
            _ => Message::Input((*key).into()),
        });
    }
    Some(match key.code {
        KeyCode::Up if shift => Message::MoveUp,
        KeyCode::Down if shift => Message::MoveDown,
        KeyCode::Up | KeyCode::Char('k') => Message::Up,
        KeyCode::Down | KeyCode::Char('j') => Message::Down,
        KeyCode::Left => Message::Left,
        KeyCode::Right | KeyCode::Char('l') => Message::Right,
        KeyCode::PageUp => Message::PageUp,
        KeyCode::PageDown => Message::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Message::Home,
        KeyCode::End | KeyCode::Char('G') => Message::End,
        KeyCode::Enter => Message::Enter,
        KeyCode::Esc | KeyCode::Backspace => Message::Back,
        KeyCode::Tab => Message::Tab,
        KeyCode::BackTab => Message::BackTab,
        KeyCode::Char('?') | KeyCode::F(1) => Message::Help,
        KeyCode::Char('q') => Message::Quit,
        KeyCode::Char(' ') => Message::Toggle,
        KeyCode::Char('s') => Message::Star,
        KeyCode::Char('h') => Message::Hide,
        KeyCode::Char('H') => Message::ShowHidden,
        KeyCode::Char('K') => Message::MoveUp,
        KeyCode::Char('J') => Message::MoveDown,
        KeyCode::Char('T') => Message::MoveTop,
        KeyCode::Char('a') => Message::Add,
        KeyCode::Char('t') => Message::Top,
        KeyCode::Char('f') => Message::Filter,
        KeyCode::Char('/') => Message::Search,
        KeyCode::Char('v') => Message::Visit,
        KeyCode::Char('e') => Message::Export,
        KeyCode::Char('w') => Message::Walk,
        KeyCode::Char('r') => Message::Results,
        KeyCode::Char('p') => Message::PastVisits,
        _ => return None,
    })
}

/// A bracketed paste: text for the field being edited, its line breaks as `\n` and nothing
/// in it that may steer the terminal. Outside a text field (or on the "too small" screen, where
/// no field is shown) a paste means nothing.
fn paste_message(app: &App, text: &str) -> Option<Message> {
    if app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT || !app.typing() {
        return None;
    }
    let text: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !crate::text::is_unsafe(*c))
        .collect();
    (!text.is_empty()).then_some(Message::Paste(text))
}

fn mouse_message(m: &MouseEvent) -> Option<Message> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Message::Click(m.column, m.row)),
        MouseEventKind::ScrollUp => Some(Message::ScrollUp),
        MouseEventKind::ScrollDown => Some(Message::ScrollDown),
        _ => None,
    }
}
