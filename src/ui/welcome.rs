//! The welcome screen: what this does, that it is not advice, where things are kept, and who
//! is using it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use ratatui_textarea::TextArea;

use super::app::{App, Message, Screen, is_enter, single_line};
use super::view::{areas, heading, selected, wrapped};
use crate::profile::{MAX_NAME_CHARS, Role};
use crate::text::clean_line;

/// Which field of the welcome screen has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeFocus {
    Role,
    Name,
}

/// The welcome screen's state.
#[derive(Debug)]
pub struct WelcomeState {
    pub focus: WelcomeFocus,
    /// 0 the patient, 1 a caregiver.
    pub role_cursor: usize,
    pub name: TextArea<'static>,
}

impl WelcomeState {
    /// The screen with the role and name given so far.
    pub fn new(role: Role, name: Option<&str>) -> WelcomeState {
        WelcomeState {
            focus: WelcomeFocus::Role,
            role_cursor: usize::from(role == Role::Caregiver),
            name: single_line(name.unwrap_or(""), "(optional)"),
        }
    }

    /// True while the name field has the keyboard.
    pub fn typing(&self) -> bool {
        self.focus == WelcomeFocus::Name
    }
}

/// The two answers to "Who is using this?", in order.
pub const ROLES: [&str; 2] = ["I am the patient", "I am helping someone (a caregiver)"];

fn parts(body: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Min(6),
        Constraint::Length(4),
        Constraint::Length(4),
    ])
    .areas(body.inner(ratatui::layout::Margin::new(1, 0)))
}

/// Which role a click on this row chose.
pub fn role_at(app: &App, row: u16) -> Option<usize> {
    let [_, roles, _] = parts(areas(app, app.size).body);
    let first = roles.y + 1;
    (row >= first && row < first + 2).then(|| usize::from(row - first))
}

/// What the screen says before the choice (the full-screen app and the plain mode): what
/// this does, that it is not advice (the second), and where things are kept.
pub fn intro(app: &App) -> [String; 3] {
    let place = app
        .data_dir
        .as_ref()
        .map(|d| crate::text::clean_line(&d.display().to_string()))
        .unwrap_or_else(|| "(no folder found: nothing will be saved)".into());
    [
        "This helps you get ready for your next appointment about HER2-negative breast cancer. You answer a few short questions about the pathology report, and you get a list of questions to ask your care team, the most important first. In the appointment you can tick them off and write down the answers.".into(),
        "This is not medical advice. Your care team knows your situation best.".into(),
        format!("Everything stays on this computer, in {place}. Nothing is sent anywhere."),
    ]
}

/// The label of the name field, for the role chosen.
pub fn name_label(role_cursor: usize) -> &'static str {
    if role_cursor == 1 {
        "The patient's first name (optional, shown on the printed list):"
    } else {
        "Your first name (optional, shown on the printed list):"
    }
}

pub fn draw(app: &App, s: &WelcomeState, frame: &mut Frame, body: Rect) {
    let [intro_area, roles, name] = parts(body);
    let [what, advice, place] = intro(app);
    let w = intro_area.width;
    let mut lines = Vec::new();
    lines.extend(wrapped(&what, w, "", Style::default()));
    lines.push(Line::default());
    lines.extend(wrapped(&advice, w, "", heading()));
    lines.extend(wrapped(&place, w, "", Style::default()));
    frame.render_widget(Paragraph::new(lines), intro_area);

    let on_role = s.focus == WelcomeFocus::Role;
    let mut role_lines = vec![Line::from(Span::styled("Who is using this?", heading()))];
    for (i, r) in ROLES.iter().enumerate() {
        let mark = if i == s.role_cursor { "(•)" } else { "( )" };
        let text = format!(
            " {} {mark} {r} ",
            if i == s.role_cursor { ">" } else { " " }
        );
        let style = if i == s.role_cursor && on_role {
            selected()
        } else {
            Style::default()
        };
        role_lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(role_lines), roles);
    if on_role {
        let y = roles.y + 1 + s.role_cursor as u16;
        super::view::place_cursor(frame, roles, roles.x + 1, y);
    }

    let label = name_label(s.role_cursor);
    let [l, field] = Layout::vertical([Constraint::Length(1), Constraint::Length(3)]).areas(name);
    frame.render_widget(Paragraph::new(Span::styled(label, heading())), l);
    let field_area = Rect::new(field.x, field.y, field.width.min(50), 3);
    let mut t = s.name.clone();
    let title = if on_role { "" } else { " typing " };
    t.set_block(Block::bordered().title(title));
    if on_role {
        t.set_cursor_style(Style::default());
    } else {
        t.set_cursor_style(selected());
    }
    frame.render_widget(&t, field_area);
    if !on_role {
        super::view::field_cursor(frame, field_area, &s.name, true);
    }
}

/// The welcome screen's keys; gives back the screen to show.
pub fn update(app: &mut App, mut s: WelcomeState, msg: Message) -> Screen {
    match (s.focus, msg) {
        (WelcomeFocus::Role, Message::Up | Message::ScrollUp) => s.role_cursor = 0,
        (WelcomeFocus::Role, Message::Down | Message::ScrollDown) => s.role_cursor = 1,
        (WelcomeFocus::Role, Message::Click(_, row)) => {
            if let Some(i) = role_at(app, row) {
                s.role_cursor = i;
            }
        }
        (WelcomeFocus::Role, Message::Enter | Message::Tab | Message::Toggle) => {
            app.profile.role = if s.role_cursor == 1 {
                Role::Caregiver
            } else {
                Role::Patient
            };
            s.focus = WelcomeFocus::Name;
            app.save();
        }
        (WelcomeFocus::Name, Message::Back | Message::BackTab | Message::Tab) => {
            s.focus = WelcomeFocus::Role;
        }
        (WelcomeFocus::Name, Message::Enter) => {
            app.save();
            return app.walk(None);
        }
        (WelcomeFocus::Name, Message::Input(input)) => {
            if is_enter(&input) {
                return Screen::Welcome(s);
            }
            let before = s.name.lines().join("");
            s.name.input(input);
            let text = clean_line(&s.name.lines().join(" "));
            if text.chars().count() > MAX_NAME_CHARS {
                s.name = single_line(&before, "(optional)");
                s.name.move_cursor(ratatui_textarea::CursorMove::End);
                return Screen::Welcome(s);
            }
            let name = (!text.is_empty()).then_some(text);
            if name != app.profile.name {
                app.profile.name = name;
                app.dirty = true;
            }
        }
        _ => {}
    }
    Screen::Welcome(s)
}
