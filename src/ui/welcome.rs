//! The welcome screen: what this does, that it is not advice, where things are kept, and who
//! is using it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::{App, WelcomeFocus};
use super::view::{areas, heading, selected, wrapped};

const ROLES: [&str; 2] = ["I am the patient", "I am helping someone (a caregiver)"];

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

pub fn draw(app: &App, frame: &mut Frame, body: Rect) {
    let [intro, roles, name] = parts(body);
    let place = app
        .data_dir
        .as_ref()
        .map(|d| crate::text::clean_line(&d.display().to_string()))
        .unwrap_or_else(|| "(no folder found: nothing will be saved)".into());
    let w = intro.width;
    let mut lines = Vec::new();
    lines.extend(wrapped(
        "This helps you get ready for your next appointment about HER2-negative breast cancer. You answer a few short questions about the pathology report, and you get a list of questions to ask your care team, the most important first. In the appointment you can tick them off and write down the answers.",
        w,
        "",
        Style::default(),
    ));
    lines.push(Line::default());
    lines.extend(wrapped(
        "This is not medical advice. Your care team knows your situation best.",
        w,
        "",
        heading(),
    ));
    lines.extend(wrapped(
        &format!("Everything stays on this computer, in {place}. Nothing is sent anywhere."),
        w,
        "",
        Style::default(),
    ));
    frame.render_widget(Paragraph::new(lines), intro);

    let on_role = app.welcome_focus == WelcomeFocus::Role;
    let mut role_lines = vec![Line::from(Span::styled("Who is using this?", heading()))];
    for (i, r) in ROLES.iter().enumerate() {
        let mark = if i == app.role_cursor { "(•)" } else { "( )" };
        let text = format!(
            " {} {mark} {r} ",
            if i == app.role_cursor { ">" } else { " " }
        );
        let style = if i == app.role_cursor && on_role {
            selected()
        } else {
            Style::default()
        };
        role_lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(role_lines), roles);
    if on_role {
        let y = roles.y + 1 + app.role_cursor as u16;
        super::view::place_cursor(frame, roles, roles.x + 1, y);
    }

    let label = if app.role_cursor == 1 {
        "The patient's first name (optional, shown on the printed list):"
    } else {
        "Your first name (optional, shown on the printed list):"
    };
    let [l, field] = Layout::vertical([Constraint::Length(1), Constraint::Length(3)]).areas(name);
    frame.render_widget(Paragraph::new(Span::styled(label, heading())), l);
    let field_area = Rect::new(field.x, field.y, field.width.min(50), 3);
    let mut t = app.name.clone();
    let title = if on_role { "" } else { " typing " };
    t.set_block(Block::bordered().title(title));
    if on_role {
        t.set_cursor_style(Style::default());
    } else {
        t.set_cursor_style(selected());
    }
    frame.render_widget(&t, field_area);
    if !on_role {
        super::view::field_cursor(frame, field_area, &app.name, true);
    }
}
