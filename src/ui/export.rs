//! Export / print: the format, all or the top questions, large print; then the full path of
//! the file and how to print it.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::export::Format;
use crate::text::clean_line;

use ratatui_textarea::{Key, TextArea};

use crate::checklist::{self, Options};
use crate::export::{Document, files, pdf};

use super::app::{App, Effect, Message, Screen, filter_words, single_line};
use super::checklist::ListState;
use super::view::{areas, heading, quiet, selected, wrapped};

/// The export form.
#[derive(Debug, Clone)]
pub struct ExportForm {
    /// Row with the focus: 0 format, 1 how many, 2 large print, 3 folder, 4 write.
    pub row: usize,
    pub output: Output,
    /// The visit list of N questions (`Some(N)`), or all my questions: the visit list of the
    /// screen's size, then the rest by topic (`None`).
    pub top: Option<usize>,
    /// The visit list size on screen (what "all" puts first, and the choice "as on your list").
    pub visit_size: usize,
    pub large: bool,
    /// The folder to save in: the exports folder beside the data unless the person types
    /// another (a memory stick, or anywhere when the data folder cannot be written).
    pub folder: TextArea<'static>,
    /// The file written, if any.
    pub written: Option<std::path::PathBuf>,
    /// The command that prints it, quoted for pasting, when a printing command is installed.
    pub print: Option<String>,
    pub error: Option<String>,
    /// How many questions "all" is (for the clinician chosen, without the cut).
    pub all: usize,
    /// True until the folder line is edited: the first letter typed replaces the default.
    pub fresh_folder: bool,
}

/// The export form's rows.
pub mod export_row {
    /// Format.
    pub const FORMAT: usize = 0;
    /// How many questions.
    pub const HOW_MANY: usize = 1;
    /// Large print.
    pub const LARGE: usize = 2;
    /// The folder to save in (a text field).
    pub const FOLDER: usize = 3;
    /// The save button.
    pub const SAVE: usize = 4;
}

impl ExportForm {
    /// The form, saving into `folder` unless the person types another.
    pub fn new(folder: Option<&std::path::Path>) -> Self {
        let text = folder.map(|f| f.display().to_string()).unwrap_or_default();
        ExportForm {
            row: 0,
            output: Output::Doc(Format::Html),
            top: Some(checklist::VISIT_SIZE),
            visit_size: checklist::VISIT_SIZE,
            large: false,
            folder: {
                let mut t = single_line(&text, "type a folder, for example /media/usb");
                t.move_cursor(ratatui_textarea::CursorMove::End);
                t
            },
            written: None,
            print: None,
            error: None,
            all: 0,
            fresh_folder: true,
        }
    }

    /// The folder line as typed.
    pub fn folder_text(&self) -> String {
        self.folder.lines().join("")
    }
}

/// What the export writes: a document format, a PDF, or the one-page copy for the doctor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Doc(Format),
    /// The whole list as a PDF, ready to print.
    Pdf,
    /// One page for the doctor (PDF).
    Doctor,
}

impl Output {
    /// Every choice, in the order Left and Right go through them.
    pub const ALL: [Output; 6] = [
        Output::Doc(Format::Text),
        Output::Doc(Format::Markdown),
        Output::Doc(Format::Html),
        Output::Pdf,
        Output::Doctor,
        Output::Doc(Format::Json),
    ];

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Output::Doc(f) => f.label(),
            Output::Pdf => "PDF, ready to print",
            Output::Doctor => "one page for the doctor (PDF)",
        }
    }

    /// The file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Output::Doc(f) => f.extension(),
            Output::Pdf | Output::Doctor => "pdf",
        }
    }
}

/// The export screen's state: the form, and the list it exports (and goes back to).
#[derive(Debug)]
pub struct ExportState {
    pub form: ExportForm,
    pub back: Box<ListState>,
}

impl ExportState {
    /// The form for the list on screen: the visit list of its size, or all my questions when
    /// they are shown (`all` of them).
    pub fn new(app: &App, back: ListState, all: usize) -> ExportState {
        let mut form = ExportForm::new(app.export_dir.as_deref());
        form.visit_size = back
            .options_for(&app.state)
            .top
            .unwrap_or(checklist::VISIT_SIZE);
        form.top = (!back.options.all).then_some(form.visit_size);
        form.all = all;
        ExportState {
            form,
            back: Box::new(back),
        }
    }

    /// True on the folder line (a text field).
    pub fn typing(&self) -> bool {
        self.form.row == export_row::FOLDER
    }

    /// The runtime's answer to writing the file.
    pub fn answered(&mut self, msg: Message) {
        match msg {
            Message::ExportWritten(path, print) => {
                self.form.written = Some(path);
                self.form.print = print;
                self.form.error = None;
            }
            Message::ExportFailed(e) => {
                self.form.error = Some(e);
                self.form.written = None;
            }
            _ => {}
        }
    }
}

/// Asks the runtime to write the export chosen in the form.
/// Writes the export chosen in the form.
fn write_export(app: &mut App, s: &ExportState) {
    let form = &s.form;
    // As on screen: the visit list, or all my questions after the visit list (`--all`).
    let options = Options {
        top: Some(form.top.unwrap_or(form.visit_size)),
        all: form.top.is_none(),
        only_for: s.back.options.only_for,
        show_hidden: false,
    };
    let list = checklist::build(&app.bank, &app.profile, &app.state, &options);
    let doc = Document::new(
        &app.bank,
        &app.profile,
        &list,
        app.today,
        form.large,
        form.top.is_some(),
    );
    let doctor = form.output == Output::Doctor;
    let bytes = match form.output {
        Output::Doc(f) => Ok(doc.render(f).into_bytes()),
        Output::Pdf | Output::Doctor => pdf::render(
            &doc,
            &pdf::PdfOptions {
                paper: app.paper,
                doctor,
            },
        ),
    };
    match bytes {
        Ok(bytes) => app.ask(Effect::WriteExport {
            folder: form.folder_text(),
            data_dir: app.data_dir.clone(),
            stem: files::stem(app.today, doctor),
            extension: form.output.extension().to_string(),
            bytes,
        }),
        Err(e) => s_error(app, e),
    }
}

/// A PDF that could not be made: said where the file would be.
fn s_error(app: &mut App, e: String) {
    app.status = Some(super::app::Status::Note(format!(
        "The PDF could not be made: {e} Choose another format."
    )));
}

/// The export screen's keys; gives back the screen to show.
pub fn update(app: &mut App, mut s: ExportState, msg: Message) -> Screen {
    let f = &mut s.form;
    let cycle = |f: &mut ExportForm, forward: bool| {
        let i = Output::ALL.iter().position(|x| *x == f.output).unwrap_or(0);
        let n = Output::ALL.len();
        f.output = Output::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    };
    use export_row::{FOLDER, FORMAT, HOW_MANY, LARGE, SAVE};
    let up = |f: &mut ExportForm| f.row = f.row.saturating_sub(1);
    let down = |f: &mut ExportForm| f.row = (f.row + 1).min(SAVE);
    match msg {
        Message::Up | Message::BackTab | Message::ScrollUp => up(f),
        Message::Down | Message::Tab | Message::ScrollDown => down(f),
        Message::Click(_, row) => {
            if let Some(r) = row_at(app, row) {
                f.row = r;
            }
        }
        // Enter saves from any line, as the footer says; Space and arrows change a line.
        Message::Enter => write_export(app, &s),
        // The folder line is a text field: Up and Down still move between lines.
        Message::Input(input) => match input.key {
            Key::Up => up(f),
            Key::Down => down(f),
            _ if f.row == FOLDER => {
                let printable = matches!(input.key, Key::Char(_)) && !input.ctrl && !input.alt;
                if std::mem::take(&mut f.fresh_folder) && printable {
                    // The default path is a suggestion: typing replaces it, as in a browser.
                    f.folder = single_line("", "type a folder, for example /media/usb");
                }
                if f.folder.input(input) {
                    f.written = None;
                    f.error = None;
                }
            }
            _ => {}
        },
        Message::Left | Message::Right | Message::Toggle => {
            let forward = msg != Message::Left;
            match f.row {
                FORMAT => cycle(f, forward),
                HOW_MANY => f.top = next_top(f.top, f.visit_size, forward),
                LARGE => f.large = !f.large,
                _ => {
                    if msg == Message::Toggle {
                        write_export(app, &s);
                        return Screen::Export(s);
                    }
                }
            }
            if f.row < FOLDER {
                f.written = None;
            }
        }
        Message::Print => match (&f.written, f.output) {
            (Some(path), Output::Pdf | Output::Doctor) if f.print.is_some() => {
                app.ask(Effect::Print(path.clone()));
            }
            (Some(_), Output::Pdf | Output::Doctor) => {
                app.status = Some(super::app::Status::Note(
                    "There is no printing command (lp) on this computer: open the file and choose Print.".into(),
                ));
            }
            _ => {
                app.status = Some(super::app::Status::Note(format!(
                    "To print from here, save the list as a PDF first (Format: PDF), then {}.",
                    app.press_lower(&Message::Print)
                )));
            }
        },
        Message::Back => return Screen::list(*s.back),
        _ => {}
    }
    Screen::Export(s)
}

/// The choices for "how many questions" in the export, in order (besides the visit list size
/// on screen, which takes its place among them): visit lists of 3, 6, 10 or 15, then all.
pub const TOP_CHOICES: [Option<usize>; 5] = [Some(3), Some(6), Some(10), Some(15), None];

/// The choice after (or before) `now`, with the screen's visit list size among the choices.
fn next_top(now: Option<usize>, visit_size: usize, forward: bool) -> Option<usize> {
    let mut choices: Vec<Option<usize>> = TOP_CHOICES.to_vec();
    if !choices.contains(&Some(visit_size)) {
        choices.push(Some(visit_size));
        // Sizes in order, "all" last.
        choices.sort_by_key(|c| c.unwrap_or(usize::MAX));
    }
    let n = choices.len();
    let i = choices.iter().position(|t| *t == now).unwrap_or(0);
    choices[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// The first row of the form (rows are two lines apart).
const FORM_TOP: u16 = 3;
/// Where the folder field starts on its line (after the pointer and the label).
const FIELD_LEFT: u16 = 16;

/// Which form row a click on this screen row chose.
pub fn row_at(app: &App, row: u16) -> Option<usize> {
    let inner = areas(app, app.size).body.inner(Margin::new(1, 0));
    let first = inner.y + FORM_TOP;
    (row >= first
        && (row - first).is_multiple_of(2)
        && usize::from((row - first) / 2) <= export_row::SAVE)
        .then(|| usize::from((row - first) / 2))
}

pub fn draw(app: &App, s: &ExportState, frame: &mut Frame, body: Rect) {
    let inner = body.inner(Margin::new(1, 0));
    let f = &s.form;
    let total = f.all;
    let mut lines = wrapped(
        &format!(
            "Choose how to save your list (questions for {}). {}",
            filter_words(s.back.options.only_for),
            super::keys::screen_hints(app, &[Message::Up, Message::Right])
        ),
        inner.width,
        "",
        Style::default(),
    );
    while lines.len() < usize::from(FORM_TOP) {
        lines.push(Line::default());
    }
    lines.truncate(usize::from(FORM_TOP));
    let rows = [
        format!("Format:       < {} >", f.output.label()),
        format!(
            "Questions:    < {} >",
            match f.top {
                Some(n) if !s.back.options.all && n == f.visit_size =>
                    format!("the {n} for this visit, as on your list"),
                Some(n) => format!("the {n} best for this visit"),
                None if s.back.options.all =>
                    format!("all {total}, this visit's first, as on your list"),
                None => format!("all {total}, this visit's first"),
            }
        ),
        format!(
            "Large print:  {} {}",
            if f.large { "[x]" } else { "[ ]" },
            if matches!(
                f.output,
                Output::Doc(Format::Html) | Output::Pdf | Output::Doctor
            ) {
                "bigger letters on paper"
            } else {
                "(for the web page and PDF formats)"
            }
        ),
        // The field itself is drawn over this line when it has the focus.
        format!("Save in:      {}", clean_line(&f.folder.lines().join(""))),
        "[ Save the file ]".to_string(),
    ];
    for (i, r) in rows.iter().enumerate() {
        let style = if i == f.row {
            selected()
        } else {
            Style::default()
        };
        let pointer = if i == f.row { "> " } else { "  " };
        lines.push(Line::from(Span::styled(format!("{pointer}{r} "), style)));
        lines.push(Line::default());
    }
    if let Some(p) = &f.written {
        let path = clean_line(&p.display().to_string());
        lines.extend(wrapped(
            "Saved. The file is here:",
            inner.width,
            "",
            heading(),
        ));
        lines.extend(wrapped(&path, inner.width, "  ", Style::default()));
        let how = match (f.output, &f.print) {
            (Output::Doc(Format::Html), _) => "To print it, open that file in a web browser (double-click it in your file manager) and choose Print.".to_string(),
            (Output::Doc(Format::Text) | Output::Pdf | Output::Doctor, Some(cmd)) => {
                format!("To print it, type in a terminal: {}", clean_line(cmd))
            }
            (Output::Pdf | Output::Doctor, None) => "To print it, open that file (double-click it in your file manager) and choose Print.".into(),
            (Output::Doc(Format::Text), None) => "To print it, open that file in a text editor and choose Print.".into(),
            (Output::Doc(Format::Markdown), _) => "Markdown is plain text with headings; open it in any text editor, or choose the web page or PDF format to print.".into(),
            (Output::Doc(Format::Json), _) => "JSON is for other programs; choose the web page or PDF format to print.".into(),
        };
        lines.push(Line::default());
        lines.extend(wrapped(&how, inner.width, "", Style::default()));
    }
    if let Some(e) = &f.error {
        lines.extend(wrapped(
            &clean_line(e),
            inner.width,
            "Not saved: ",
            heading(),
        ));
    }
    if f.written.is_none() && f.error.is_none() {
        let mut hint = "The file is named by today's date and never replaces an earlier one. To save it somewhere else, type that folder on the \"Save in\" line (typing replaces the folder shown).".to_string();
        let easy: Vec<String> = app
            .easy_folders
            .iter()
            .map(|d| clean_line(&d.display().to_string()))
            .collect();
        if !easy.is_empty() {
            hint.push_str(&format!(" Folders easy to find: {}.", easy.join(", ")));
        }
        lines.extend(wrapped(&hint, inner.width, "", quiet()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let row_y = inner.y + FORM_TOP + 2 * f.row as u16;
    super::view::place_cursor(frame, inner, inner.x, row_y);
    if f.row == export_row::FOLDER {
        let y = inner.y + FORM_TOP + 2 * export_row::FOLDER as u16;
        let x = inner.x + FIELD_LEFT;
        if y < inner.bottom() && x < inner.right() {
            let field = Rect::new(x, y, inner.right() - x, 1);
            frame.render_widget(Clear, field);
            let mut t = f.folder.clone();
            t.set_style(selected());
            t.set_cursor_style(selected().add_modifier(Modifier::REVERSED));
            frame.render_widget(&t, field);
            super::view::field_cursor(frame, field, &f.folder, false);
        }
    }
}
