//! Screens drawn into ratatui's TestBackend and compared with committed snapshots, driven by
//! key events through the same `keys::message` and `update` the real terminal uses; and
//! property tests with random keys at random sizes.

use std::path::PathBuf;

use crate::bank::Bank;
use crate::profile::Profile;
use crate::storage::Paths;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Effect, Kind, Message, Screen, Status, folder_path, update};
use super::checklist::ListState;
use super::export::{ExportState, export_row};
use super::keys;
use super::popup::Popup;
use super::results::ResultsState;
use super::runtime::{dispatch, flush};
use super::steps::Step;
use super::view::view;
use super::visit::PastState;
use super::walk::WalkState;

/// The date every test runs on.
const TODAY: Date = date(2026, 11, 21);
/// The data folder shown on screen in snapshots.
const SHOWN_DIR: &str = "/home/you/.config/her2prep";

fn new_app() -> App {
    let mut app = App::new(Bank::builtin().expect("built-in bank"), None, TODAY);
    app.data_dir = Some(PathBuf::from(SHOWN_DIR));
    // Without a data folder exports would go to the current folder (the checkout): point them
    // at a folder that does not exist, so random keys that reach "Save" write nothing.
    app.export_dir = Some(PathBuf::from(NO_FOLDER));
    app
}

/// A folder that does not exist, for exports that must not be written.
const NO_FOLDER: &str = "/nonexistent-her2prep-test/exports";

/// The walk-through's state (the test fails when another screen is shown).
fn walk(app: &App) -> &WalkState {
    match &app.screen {
        Screen::Walk(s) => s,
        other => panic!("not on the walk-through but {:?}", other.kind()),
    }
}

fn walk_mut(app: &mut App) -> &mut WalkState {
    match &mut app.screen {
        Screen::Walk(s) => s,
        other => panic!("not on the walk-through but {:?}", other.kind()),
    }
}

/// The list screen's state.
fn list(app: &App) -> &ListState {
    app.screen.list_state().expect("on a list screen")
}

/// The export screen's state.
fn export(app: &App) -> &ExportState {
    match &app.screen {
        Screen::Export(s) => s,
        other => panic!("not on the export screen but {:?}", other.kind()),
    }
}

fn send(app: &mut App, event: Event) {
    if let Some(m) = keys::message(app, &event) {
        dispatch(app, m);
    }
}

fn key_mod(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    send(app, Event::Key(KeyEvent::new(code, modifiers)));
}

fn key(app: &mut App, code: KeyCode) {
    send(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn shift(app: &mut App, code: KeyCode) {
    send(app, Event::Key(KeyEvent::new(code, KeyModifiers::SHIFT)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    update(app, Message::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t.backend().to_string()
}

fn scenario(name: &str) -> Profile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios")
        .join(format!("{name}.yaml"));
    Profile::from_yaml(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const SCENARIOS: [&str; 3] = [
    "early-hr-positive-postmenopausal",
    "early-triple-negative-premenopausal",
    "metastatic-hr-positive-caregiver",
];

/// Answers the welcome screen and every walk-through step with keys, as a person would, so
/// that the app ends with `target`; returns each step's screen at 80x24.
fn walk_to(app: &mut App, target: &Profile) -> String {
    let mut shots = String::new();
    if target.role == crate::profile::Role::Caregiver {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
    typed(app, target.name.as_deref().unwrap_or(""));
    shots.push_str(&screen(app, 80, 24));
    key(app, KeyCode::Enter);
    let mut guard = 0;
    while app.screen.kind() == Kind::Walk {
        guard += 1;
        assert!(guard < 40, "the walk-through does not end");
        let step = walk(app).step;
        if step == Step::Date {
            typed(
                app,
                &target
                    .appointment
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            );
        } else if step.is_multiple() {
            for i in 0..step.choices().len() {
                if step.ticked(target, i) != step.ticked(&app.profile, i) {
                    while walk(app).cursor < i {
                        key(app, KeyCode::Down);
                    }
                    while walk(app).cursor > i {
                        key(app, KeyCode::Up);
                    }
                    key(app, KeyCode::Char(' '));
                }
            }
        } else {
            let want = step.current(target);
            while walk(app).cursor < want {
                key(app, KeyCode::Down);
            }
            while walk(app).cursor > want {
                key(app, KeyCode::Char('k'));
            }
        }
        shots.push_str(&format!("\n── {step:?} ──\n"));
        shots.push_str(&screen(app, 80, 24));
        key(app, KeyCode::Enter);
    }
    shots
}

#[test]
fn scenario_walk_throughs() {
    for name in SCENARIOS {
        let target = scenario(name);
        let mut app = new_app();
        let shots = walk_to(&mut app, &target);
        assert_eq!(app.profile, target, "{name}: the answers differ");
        assert_eq!(app.screen.kind(), Kind::Results);
        insta::assert_snapshot!(format!("walk_{name}"), shots);
        insta::assert_snapshot!(format!("results_{name}_80x24"), screen(&mut app, 80, 24));
        insta::assert_snapshot!(format!("results_{name}_120x40"), screen(&mut app, 120, 40));
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.screen.kind(), Kind::Checklist);
        insta::assert_snapshot!(format!("checklist_{name}_80x24"), screen(&mut app, 80, 24));
        insta::assert_snapshot!(
            format!("checklist_{name}_120x40"),
            screen(&mut app, 120, 40)
        );
    }
}

/// An app on the checklist of the caregiver scenario.
fn on_checklist() -> App {
    let mut app = new_app();
    app.profile = scenario("metastatic-hr-positive-caregiver");
    app.screen = Screen::checklist();
    app
}

fn both_sizes(name: &str, app: &mut App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

#[test]
fn welcome_screens() {
    let mut app = new_app();
    both_sizes("welcome", &mut app);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Zoë");
    both_sizes("welcome_name", &mut app);
    assert_eq!(app.profile.name.as_deref(), Some("Zoë"));
    // q is a letter while typing a name.
    typed(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(app.profile.name.as_deref(), Some("Zoëq"));
}

#[test]
fn walk_through_keeps_answers_when_going_back_and_skips_what_does_not_apply() {
    let mut app = new_app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(walk(&app).step, Step::Er);
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Enter); // ER positive
    assert_eq!(walk(&app).step, Step::Pr);
    key(&mut app, KeyCode::Esc);
    assert_eq!(walk(&app).step, Step::Er);
    assert_eq!(walk(&app).cursor, 0, "the answer is kept");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Enter); // PR positive
    assert_eq!(walk(&app).step, Step::Ihc);
    both_sizes("walk_ihc", &mut app);
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down); // 1+
    key(&mut app, KeyCode::Enter);
    assert_eq!(walk(&app).step, Step::Stage, "ISH is skipped for 1+");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down); // 2+
    key(&mut app, KeyCode::Enter);
    assert_eq!(walk(&app).step, Step::Ish, "ISH is asked for 2+");
    // Steps decided by a later answer (menopause by sex, age by BRCA, PD-L1 by stage...) are
    // not counted until it is given: the total only grows.
    assert_eq!(walk(&app).progress(&app.profile), (4, 13));
}

#[test]
fn the_date_field_explains_what_it_wants() {
    let mut app = new_app();
    app.screen = app.walk(None);
    let profile = app.profile.clone();
    walk_mut(&mut app).enter(&profile, Step::With);
    key(&mut app, KeyCode::Enter);
    assert_eq!(walk(&app).step, Step::Date);
    typed(&mut app, "next tuesday");
    key(&mut app, KeyCode::Enter);
    assert_eq!(walk(&app).step, Step::Date);
    both_sizes("walk_date_error", &mut app);
    for _ in 0..12 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-11-01");
    key(&mut app, KeyCode::Enter);
    assert!(walk(&app).date_error.as_deref().unwrap().contains("passed"));
    for _ in 0..10 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-12-10");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.profile.appointment.date, Some(date(2026, 12, 10)));
    assert_eq!(app.screen.kind(), Kind::Results);
}

#[test]
fn checklist_keys() {
    let mut app = on_checklist();
    both_sizes("checklist", &mut app);
    let first = app.checklist().items[0].id.clone();
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('s'));
    assert!(app.state.item(&first).asked && app.state.item(&first).starred);
    // Move a question down and back up within its topic (in all my questions, where topics
    // hold several).
    key(&mut app, KeyCode::Char('A'));
    let items = app.checklist().items.clone();
    let at = (0..items.len() - 1)
        .find(|&i| items[i].topic == items[i + 1].topic)
        .unwrap();
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    let moving = items[at].id.clone();
    key(&mut app, KeyCode::Char('J'));
    assert_eq!(app.checklist().items[at + 1].id, moving);
    assert_eq!(list(&app).selected, at + 1);
    shift(&mut app, KeyCode::Up);
    assert_eq!(app.checklist().items[at].id, moving);
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Home);
    // Hide, show hidden.
    key(&mut app, KeyCode::Char('h'));
    assert!(app.checklist().item(&first).is_none());
    key(&mut app, KeyCode::Char('H'));
    assert!(app.checklist().item(&first).is_some());
    key(&mut app, KeyCode::Char('H'));
    // The visit list's size: 10, then 15, 6 and 10 again.
    for size in [15, 6] {
        key(&mut app, KeyCode::Char('t'));
        assert_eq!(app.state.visit_size, size);
        assert_eq!(app.checklist().items.len(), size);
    }
    both_sizes("checklist_top", &mut app);
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(app.checklist().items.len(), 10);
    // Filter by clinician.
    key(&mut app, KeyCode::Char('f'));
    both_sizes("filter_popup", &mut app);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        list(&app).options.only_for,
        Some(crate::profile::Clinician::Surgeon)
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(list(&app).options.only_for, None);
    // Search.
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "trial");
    both_sizes("search", &mut app);
    key(&mut app, KeyCode::Enter);
    assert!(app.checklist().items.iter().all(|i| {
        let t = format!("{} {}", i.text, i.topic_title).to_lowercase();
        t.contains("trial")
    }));
    key(&mut app, KeyCode::Esc);
    assert!(list(&app).query.is_empty());
    // Detail panel focus.
    key(&mut app, KeyCode::Tab);
    both_sizes("checklist_panel_focus", &mut app);
    key(&mut app, KeyCode::Tab);
    // Help.
    key(&mut app, KeyCode::Char('?'));
    both_sizes("help_checklist", &mut app);
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
}

#[test]
fn writing_an_answer_and_adding_a_question() {
    let mut app = on_checklist();
    let first = app.checklist().items[0].id.clone();
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Dr Lee: in 2 weeks.");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Bring the scan. 王芳 🌸 ok");
    both_sizes("answer_editor", &mut app);
    // Letters are text here, not commands.
    assert!(!app.quit);
    assert_eq!(
        app.state.item(&first).answer,
        "Dr Lee: in 2 weeks.\nBring the scan. 王芳 🌸 ok"
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "Can I keep gardening?");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::End);
    both_sizes("add_own", &mut app);
    key(&mut app, KeyCode::Enter);
    let list = app.checklist();
    let own = list
        .items
        .iter()
        .find(|i| i.own)
        .expect("own question added");
    assert_eq!(own.text, "Can I keep gardening?");
    let selected = self::list(&app).selected;
    assert_eq!(list.items[selected].id, own.id);
}

#[test]
fn visit_mode_and_past_visits() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('v'));
    assert_eq!(app.screen.kind(), Kind::Visit);
    assert_eq!(app.state.visit_started, Some(TODAY));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Yes, every 3 months.");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    both_sizes("visit", &mut app);
    let (asked, answered, _) = app.checklist().counts();
    assert_eq!((asked, answered), (2, 1));
    key(&mut app, KeyCode::Char('v'));
    both_sizes("visit_end", &mut app);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.kind(), Kind::Checklist);
    assert_eq!(app.state.visits.len(), 1);
    assert_eq!(app.state.visits[0].entries.len(), 2);
    // Ticks are cleared for the next visit; the answered question is no longer open.
    assert_eq!(app.checklist().counts().0, 0);
    key(&mut app, KeyCode::Char('p'));
    assert_eq!(app.screen.kind(), Kind::Past);
    both_sizes("past_visits", &mut app);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.kind(), Kind::Checklist);
}

#[test]
fn export_writes_the_file_and_shows_where() {
    let dir = tempfile::Builder::new().prefix("h2ui").tempdir().unwrap();
    let mut app = on_checklist();
    app.data_dir = Some(dir.path().to_path_buf());
    app.export_dir = Some(dir.path().join("exports"));
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(app.screen.kind(), Kind::Export);
    let shown = dir.path().display().to_string();
    let placeholder = format!("{:_<w$}", "/tmp/DATA", w = shown.len());
    insta::assert_snapshot!(
        "export_80x24",
        screen(&mut app, 80, 24).replace(&shown, &placeholder)
    );
    for _ in 0..3 {
        key(&mut app, KeyCode::Right); // HTML -> PDF -> one page for the doctor -> JSON
    }
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' ')); // top 6
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let written = export(&app).form.written.clone().expect("written");
    assert_eq!(written, dir.path().join("exports/her2prep-2026-11-21.json"));
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("Rosa"));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("export_written_{w}x{h}"),
            screen(&mut app, w, h).replace(&shown, &placeholder)
        );
    }
}

#[test]
fn export_goes_to_a_folder_the_person_types() {
    let dir = tempfile::Builder::new().prefix("h2ui").tempdir().unwrap();
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stick, std::fs::Permissions::from_mode(0o755)).unwrap();
    // No data folder at all (no home folder): the form offers the current folder.
    let mut app = App::load(Bank::builtin().unwrap(), None, TODAY);
    app.profile = scenario("early-hr-positive-postmenopausal");
    app.screen = Screen::checklist();
    assert_eq!(app.export_dir, Some(std::env::current_dir().unwrap()));
    key(&mut app, KeyCode::Char('e'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(export(&app).form.row, export_row::FOLDER);
    assert!(app.typing(), "the folder line takes typing");
    // Clear the line and type a folder that does not exist: refused in plain words.
    key(&mut app, KeyCode::Home);
    key_mod(&mut app, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(folder_path(&export(&app).form.folder_text(), None), None);
    for c in dir.path().join("nowhere").display().to_string().chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let err = export(&app).form.error.clone().expect("an error");
    assert!(
        err.starts_with("There is no folder ") && err.contains("Type a folder that exists"),
        "{err}"
    );
    assert!(!dir.path().join("nowhere").exists(), "no folder is made");
    // A file where the folder should be.
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    for _ in "nowhere".chars() {
        key(&mut app, KeyCode::Backspace);
    }
    for c in "a-file".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let err = export(&app).form.error.clone().expect("an error");
    assert!(err.contains("a-file is a file, not a folder."), "{err}");
    for _ in "a-file".chars() {
        key(&mut app, KeyCode::Backspace);
    }
    for c in "nowhere".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    // The right folder: the file is written there, privately, and the screen says where.
    for _ in "nowhere".chars() {
        key(&mut app, KeyCode::Backspace);
    }
    for c in "stick".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    // Letters are text here, not commands.
    assert_eq!(app.screen.kind(), Kind::Export);
    key(&mut app, KeyCode::Enter);
    let written = export(&app).form.written.clone().expect("written");
    assert_eq!(written, stick.join("her2prep-2026-11-21.html"));
    let mode = std::fs::metadata(&written).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir_mode = std::fs::metadata(&stick).unwrap().permissions().mode();
    assert_eq!(
        dir_mode & 0o777,
        0o755,
        "the person's own folder is left as it was"
    );
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("her2prep-2026-11-21.html"), "{shown}");
    // Up and Down still move between lines from the field.
    key(&mut app, KeyCode::Up);
    assert_eq!(export(&app).form.row, export_row::LARGE);
    assert!(!app.typing());
}

#[test]
fn too_small_is_polite() {
    let mut app = on_checklist();
    insta::assert_snapshot!("too_small", screen(&mut app, 60, 15));
}

#[test]
fn returning_person_lands_on_the_checklist_and_a_damaged_file_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::at(dir.path().join("her2prep"));
    let mut app = App::new(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
    app.profile = scenario("early-hr-positive-postmenopausal");
    app.dirty = true;
    flush(&mut app);
    std::fs::write(paths.state(), "{ not json").unwrap();
    let mut app = App::load(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
    assert_eq!(app.screen.kind(), Kind::Checklist);
    assert_eq!(app.notices.len(), 1);
    assert!(app.notices[0].contains("could not be read"));
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Please note"), "{shown}");
    key(&mut app, KeyCode::Esc);
    assert!(app.notices.is_empty(), "Esc closes the note");
    insta::assert_snapshot!("returning_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_storage_problem_is_shown_and_work_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let mut app = App::new(Bank::builtin().unwrap(), Some(Paths::at(&file)), TODAY);
    app.profile = scenario("early-hr-positive-postmenopausal");
    app.screen = Screen::checklist();
    key(&mut app, KeyCode::Char(' '));
    assert!(matches!(app.status, Some(Status::SaveFailed(_))));
    assert!(app.status.as_ref().unwrap().text().starts_with("Not saved"));
    assert_eq!(app.checklist().counts().0, 1, "the tick stays on screen");

    // Closing would lose the tick: the first q says so and stays; a second q in a row closes.
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "a first q with unsaved changes does not close");
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("Not saved: I could not") && shown.contains("Press q again to close"),
        "{shown}"
    );
    // The whole message fits at the smallest size (with a path that is the same everywhere).
    app.paths = Some(Paths::at("/dev/null/her2prep"));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    insta::assert_snapshot!("close_unsaved_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "another key in between asks again");
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "two in a row close");

    // Once saving works again, q closes at once, and the work is saved.
    let mut app = App::new(Bank::builtin().unwrap(), Some(Paths::at(&file)), TODAY);
    app.profile = scenario("early-hr-positive-postmenopausal");
    app.screen = Screen::checklist();
    key(&mut app, KeyCode::Char(' '));
    assert!(app.save_failed());
    let good = Paths::at(dir.path().join("her2prep"));
    app.paths = Some(good.clone());
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit && !app.save_failed());
    assert_eq!(good.load_state().unwrap().unwrap_or_default(), app.state);
}

fn arb_event() -> impl Strategy<Value = Event> {
    let keys = prop_oneof![
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageDown),
        "[jkJKsaAhHtfvewrp?/ xé王🌸\u{202e}\u{1b}]"
            .prop_map(|s| KeyCode::Char(s.chars().next().unwrap())),
    ];
    prop_oneof![
        8 => (keys, any::<bool>()).prop_map(|(k, shift)| Event::Key(KeyEvent::new(
            k,
            if shift { KeyModifiers::SHIFT } else { KeyModifiers::NONE }
        ))),
        1 => (0u16..200, 0u16..60).prop_map(|(c, r)| Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: c,
            row: r,
            modifiers: KeyModifiers::NONE,
        })),
        1 => (1u16..200, 1u16..60).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_panic_and_saved_state_round_trips(
        events in proptest::collection::vec(arb_event(), 1..80),
        start_on_list in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::at(dir.path().join("her2prep"));
        let mut app = App::new(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
        if start_on_list {
            app.profile = scenario("metastatic-hr-positive-caregiver");
            app.screen = Screen::checklist();
        }
        let mut size = (80u16, 24u16);
        for ev in events {
            if let Event::Resize(w, h) = ev {
                size = (w, h);
            }
            // Quitting ends a real session; keep going here to reach more states.
            app.quit = false;
            send(&mut app, ev);
            let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            t.draw(|f| view(&app, f)).unwrap();
        }
        flush(&mut app);
        if app.save_failed() {
            return Err(TestCaseError::fail(app.status.clone().unwrap().text().to_string()));
        }
        if paths.profile().exists() {
            let saved = paths.load_profile().unwrap().unwrap_or_default();
            prop_assert_eq!(saved, app.profile.clone());
        }
        if paths.state().exists() {
            let saved = paths.load_state().unwrap().unwrap_or_default();
            prop_assert_eq!(saved, app.state.clone());
        }
    }
}

fn click(app: &mut App, col: u16, row: u16) {
    send(
        app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: col,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

#[test]
fn mouse_clicks_choose_and_select() {
    let mut app = new_app();
    app.screen = app.walk(None);
    let text = screen(&mut app, 80, 24);
    let row = text
        .lines()
        .position(|l| l.contains("Negative"))
        .expect("the choice is shown") as u16;
    click(&mut app, 6, row);
    assert_eq!(walk(&app).cursor, 2, "clicking a choice moves to it");

    let mut app = on_checklist();
    let text = screen(&mut app, 80, 24);
    let second = app.checklist().items[1].text.clone();
    let start: String = second.chars().take(20).collect();
    let row = text
        .lines()
        .position(|l| l.contains(&start))
        .expect("the second question is shown") as u16;
    click(&mut app, 10, row);
    assert_eq!(list(&app).selected, 1);
    send(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 10,
            row: 5,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(list(&app).selected, 2, "the wheel scrolls the list");
}

#[test]
fn changing_answers_from_the_checklist_and_coming_back() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('w'));
    assert_eq!(app.screen.kind(), Kind::Walk);
    assert_eq!(walk(&app).step, Step::Er);
    assert_eq!(
        walk(&app).cursor,
        0,
        "the saved answer (positive) is selected"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.kind(), Kind::Checklist);
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen.kind(), Kind::Results);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.kind(), Kind::Checklist);
}

#[test]
fn hostile_text_never_reaches_the_screen() {
    let mut app = on_checklist();
    app.profile.name = Some("Ro\u{202e}sa".into());
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "a\u{1b}[2Jb\u{2066}c");
    key(&mut app, KeyCode::Esc);
    let id = app.checklist().items[0].id.clone();
    assert_eq!(app.state.item(&id).answer, "a[2Jbc");
    let text = screen(&mut app, 80, 24);
    assert!(!text.chars().any(crate::text::is_unsafe), "{text}");
}

#[test]
fn wide_characters_wrap_within_the_width() {
    let text = "王芳的问题是关于治疗的时间表和副作用 🌸🌸🌸 José Müller-Lüdenscheidt";
    for width in [6u16, 10, 17, 33] {
        for line in super::view::wrap(text, width) {
            let w = unicode_width::UnicodeWidthStr::width(line.as_str());
            assert!(w <= usize::from(width), "{line:?} is {w} wide for {width}");
        }
    }
    let mut app = on_checklist();
    key(&mut app, KeyCode::Enter);
    typed(&mut app, text);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('v'));
    insta::assert_snapshot!("visit_wide_text_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_line_feed_in_the_answer_is_a_new_line_not_a_deletion() {
    let mut app = on_checklist();
    let id = app.checklist().items[0].id.clone();
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "keep this");
    send(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL)),
    );
    typed(&mut app, "and this");
    assert_eq!(app.state.item(&id).answer, "keep this\nand this");
}

#[test]
fn clicks_in_windows() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('f'));
    let text = screen(&mut app, 80, 24);
    let row = text
        .lines()
        .position(|l| l.contains("Surgeon"))
        .expect("the filter window lists the surgeon") as u16;
    click(&mut app, 40, row);
    assert!(app.popup.is_none());
    assert_eq!(
        list(&app).options.only_for,
        Some(crate::profile::Clinician::Surgeon)
    );
    key(&mut app, KeyCode::Char('?'));
    click(&mut app, 1, 1);
    assert!(app.popup.is_none(), "a click closes the help");
    // Export: how many questions cycles through all, top 6, top 10, top 3.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Down);
    let mut seen = Vec::new();
    for _ in 0..6 {
        seen.push(export(&app).form.top);
        key(&mut app, KeyCode::Right);
    }
    assert_eq!(
        seen,
        vec![Some(10), Some(15), None, Some(3), Some(6), Some(10)],
        "from the visit list on screen"
    );
    key(&mut app, KeyCode::Esc);

    // Adding my own question: a click chooses a topic, another goes back to the text.
    for (w, h) in [(80, 24), (120, 40)] {
        key(&mut app, KeyCode::Char('a'));
        typed(&mut app, "Can I still travel?");
        let text = screen(&mut app, w, h);
        let (row, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("( ) ") && !l.contains("(•)"))
            .expect("a topic that is not chosen");
        let col = line.find("( )").unwrap() as u16 + 2;
        let title = line
            .split("( ) ")
            .nth(1)
            .unwrap()
            // The window's right edge; the list behind it may show past the edge.
            .split('│')
            .next()
            .unwrap()
            .trim_end_matches([' ', '│', '"']);
        click(&mut app, col, row as u16);
        let Some(Popup::AddOwn {
            topic, on_topic, ..
        }) = &app.popup
        else {
            panic!("the window stays open")
        };
        assert!(*on_topic, "the click moved to the topics");
        assert_eq!(app.topics()[*topic].1, title, "{w}x{h}");
        let box_row = text
            .lines()
            .position(|l| l.contains("Can I still travel?"))
            .unwrap();
        click(&mut app, col, box_row as u16);
        let Some(Popup::AddOwn { on_topic, .. }) = &app.popup else {
            panic!("the window stays open")
        };
        assert!(!*on_topic, "a click in the text box goes back to typing");
        key(&mut app, KeyCode::Enter);
        assert!(app.popup.is_none());
        let list = app.checklist();
        let added = list.items.iter().find(|i| i.own).expect("added");
        assert_eq!(added.topic_title, title);
        app.state.remove_own(&added.id.clone());
    }
}

#[test]
fn help_on_every_screen() {
    let mut app = new_app();
    key(&mut app, KeyCode::Char('?'));
    both_sizes("help_welcome", &mut app);
    key(&mut app, KeyCode::Esc);
    app.screen = app.walk(None);
    key(&mut app, KeyCode::Char('?'));
    both_sizes("help_walk", &mut app);
    key(&mut app, KeyCode::Esc);
    for name in ["help_results", "help_past", "help_export"] {
        app.screen = match name {
            "help_results" => Screen::Results(ResultsState::new(None)),
            "help_past" => Screen::Past(PastState::new(&app, ListState::new(false))),
            _ => Screen::Export(ExportState::new(&app, ListState::new(false), 0)),
        };
        key(&mut app, KeyCode::Char('?'));
        insta::assert_snapshot!(format!("{name}_80x24"), screen(&mut app, 80, 24));
        key(&mut app, KeyCode::Esc);
        assert!(app.popup.is_none());
    }
}

// Counts, not timings (timings are in `cargo bench`): the costly steps happen once per change.

fn draw(app: &App, t: &mut Terminal<TestBackend>) -> String {
    t.draw(|f| view(app, f)).unwrap();
    t.backend().to_string()
}

/// (checklists built, texts wrapped) so far.
fn costs(app: &App) -> (usize, usize) {
    (list(app).builds, list(app).wraps)
}

#[test]
fn starting_reads_the_bank_once_and_moving_builds_and_wraps_nothing() {
    let before = crate::bank::counts();
    let mut app = on_checklist();
    // All my questions, so that moving goes a long way.
    app.screen.list_state_mut().unwrap().options.all = true;
    update(&mut app, Message::Resize(120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&app, &mut t);
    let after = crate::bank::counts();
    assert_eq!(after.builtin - before.builtin, 1, "built-in bank reads");
    assert_eq!(after.yaml_files, before.yaml_files, "bank files parsed");
    let n = app.checklist().items.len();
    assert!(n > 20);
    assert_eq!(costs(&app), (1, n), "one build, each question wrapped once");
    for code in [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::End,
        KeyCode::Up,
        KeyCode::Home,
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Tab,
    ] {
        key(&mut app, code);
        draw(&app, &mut t);
    }
    assert_eq!(
        costs(&app),
        (1, n),
        "moving and redrawing cost no build or wrap"
    );
    let s = list(&app);
    assert_eq!(s.fresh_panels.get(), 0, "every frame drew the kept panel");
    // Once at the start, once per question moved to (Tab and back select none).
    assert_eq!(
        s.panels, 7,
        "the panel is laid out once per question selected"
    );
}

#[test]
fn a_tick_neither_builds_the_list_nor_wraps_a_row() {
    let mut app = on_checklist();
    update(&mut app, Message::Resize(120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    key(&mut app, KeyCode::Down);
    let id = app.checklist().items[1].id.clone();
    assert!(draw(&app, &mut t).contains("> [ ]"));
    let start = costs(&app);
    key(&mut app, KeyCode::Char(' '));
    assert!(draw(&app, &mut t).contains("> [x]"));
    assert!(app.state.item(&id).asked);
    assert!(app.checklist().items[1].state.asked);
    key(&mut app, KeyCode::Char(' '));
    assert!(draw(&app, &mut t).contains("> [ ]"));
    assert!(!app.checklist().items[1].state.asked);
    assert_eq!(costs(&app), start, "ticks patch the list in place");
    let s = list(&app);
    assert_eq!(
        (s.panels, s.fresh_panels.get()),
        (2, 0),
        "the panel, which shows no tick, is laid out once for each question selected, and kept"
    );
}

#[test]
fn an_answer_or_a_star_wraps_only_that_question() {
    let mut app = on_checklist();
    update(&mut app, Message::Resize(120, 40));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&app, &mut t);
    let (builds, wraps) = costs(&app);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Yes");
    key(&mut app, KeyCode::Esc);
    assert!(draw(&app, &mut t).contains("✎"));
    // `update` keeps the list up to date: one build per change (each letter of "Yes"), and
    // the answered question wrapped once (its ✎ mark), however many letters.
    assert_eq!(
        costs(&app),
        (builds + 3, wraps + 1),
        "the answered question"
    );
    key(&mut app, KeyCode::Char('s'));
    draw(&app, &mut t);
    assert_eq!(
        costs(&app),
        (builds + 4, wraps + 1),
        "a star is drawn, not wrapped"
    );
    // The narrow layout wraps everything again, once.
    let n = app.checklist().items.len();
    let mut narrow = Terminal::new(TestBackend::new(80, 24)).unwrap();
    update(&mut app, Message::Resize(80, 24));
    draw(&app, &mut narrow);
    assert_eq!(costs(&app), (builds + 4, wraps + 1 + n));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The kept list and rows never show anything a frame made from scratch would not.
    #[test]
    fn caches_draw_what_a_fresh_frame_draws(
        events in proptest::collection::vec(arb_event(), 1..60),
        visit in any::<bool>(),
    ) {
        let mut app = on_checklist();
        if visit {
            key(&mut app, KeyCode::Char('v'));
        }
        let mut size = (120u16, 40u16);
        update(&mut app, Message::Resize(size.0, size.1));
        for ev in events {
            if let Event::Resize(w, h) = ev {
                size = (w, h);
            }
            app.quit = false;
            send(&mut app, ev);
            let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            let cached = draw(&app, &mut t);
            let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            let kept = app.screen.list_state_mut().map(ListState::take_caches);
            let fresh = draw(&app, &mut t);
            if let (Some(s), Some(kept)) = (app.screen.list_state_mut(), kept) {
                s.put_caches(kept);
            }
            prop_assert_eq!(cached, fresh);
        }
    }
}

#[test]
fn update_asks_for_saving_and_writing_and_does_neither_itself() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::at(dir.path().join("her2prep"));
    let mut app = App::new(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
    app.profile = scenario("early-hr-positive-postmenopausal");
    app.screen = Screen::checklist();
    assert_eq!(update(&mut app, Message::Toggle), vec![Effect::Save]);
    assert!(!paths.state().exists(), "update wrote nothing");
    assert_eq!(update(&mut app, Message::Export), vec![]);
    let fx = update(&mut app, Message::Enter);
    let [
        Effect::WriteExport {
            folder,
            stem,
            extension,
            bytes,
            ..
        },
    ] = fx.as_slice()
    else {
        panic!("{fx:?}")
    };
    assert_eq!(*folder, paths.exports().display().to_string());
    let text = String::from_utf8_lossy(bytes);
    assert!(extension == "html" && text.contains("<html"), "{stem}");
    assert!(!paths.exports().exists(), "update wrote nothing");
    // The answer comes back as a message; a quit waits for its save.
    update(
        &mut app,
        Message::ExportWritten(paths.exports().join(format!("{stem}.html")), None),
    );
    assert!(export(&app).form.written.is_some());
    app.dirty = true;
    assert_eq!(update(&mut app, Message::Quit), vec![Effect::Save]);
    assert_eq!(update(&mut app, Message::Saved), vec![Effect::Quit]);
}

// ---- Faults found by patients and caregivers (issue 13), one test each.

/// The rows of the screen as drawn at 80x24 (backend text is one quoted row per line).
fn rows_of(app: &mut App) -> Vec<String> {
    screen(app, 80, 24).lines().map(str::to_string).collect()
}

#[test]
fn fault1_export_keeps_the_cut_on_screen_and_says_which() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('t'));
    let shown = app.checklist().items.len();
    assert_eq!(shown, 15);
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(
        export(&app).form.top,
        Some(shown),
        "the export opens with the cut shown"
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("the {shown} for this visit, as on your list")),
        "{text}"
    );
    key(&mut app, KeyCode::Esc);
    // With a clinician chosen, "all" is that clinician's questions, as on screen.
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(list(&app).options.only_for.is_some());
    let n = app.checklist().items.len();
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(export(&app).form.top, None);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("< all {n}, this visit's first, as on your list >")),
        "{text}"
    );
}

#[test]
fn fault2_every_treatment_phase_choice_is_visible_at_80x24() {
    let mut app = new_app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    while walk(&app).step != Step::Phase {
        key(&mut app, KeyCode::Enter);
    }
    let text = screen(&mut app, 80, 24);
    for c in Step::Phase.choices() {
        assert!(text.contains(c), "{c} is not visible:\n{text}");
    }
}

#[test]
fn fault4_too_small_never_types_into_a_hidden_answer() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.popup, Some(Popup::Answer { .. })));
    let text = screen(&mut app, 60, 20);
    assert!(text.contains("Press q to quit"), "{text}");
    typed(&mut app, "xy");
    let id = app.checklist().items[0].id.clone();
    assert_eq!(
        app.state.item(&id).answer,
        "",
        "nothing typed into the hidden answer"
    );
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit, "q quits, as the screen says");
    assert_eq!(app.state.item(&id).answer, "");
}

#[test]
fn fault5_visit_shows_its_filter_one_esc_clears_all_and_end_counts_this_visits_questions() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("for: Surgeon"), "{text}");
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "what");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert!(
        list(&app).query.is_empty() && list(&app).options.only_for.is_none(),
        "one Esc"
    );
    let all = app.checklist().items.len();
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.checklist().items.len() < all);
    let shown_open = crate::filter::open_count(app.checklist().visit_items());
    key(&mut app, KeyCode::Char('v'));
    let Some(Popup::EndVisit { open, of, .. }) = app.popup else {
        panic!("no end-visit window")
    };
    // This visit's questions are its list, whatever clinician the screen shows.
    let visit = crate::checklist::build(
        &app.bank,
        &app.profile,
        &app.state,
        &crate::checklist::Options::visit(crate::checklist::VISIT_SIZE),
    );
    assert_eq!((open, of), (visit.items.len(), visit.items.len()));
    assert_ne!(open, shown_open, "not the filtered part");
    let text = screen(&mut app, 80, 24);
    assert!(
        window_words(&text, "End this visit?").contains(&format!(
            "Of the {of} questions for this visit, {open} are still open"
        )),
        "{text}"
    );
}

/// The words inside the window titled `title` on a drawn screen, its lines joined by spaces.
fn window_words(screen: &str, title: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = format!("┌ {title}");
    let Some((r0, c0)) = rows.iter().enumerate().find_map(|(r, row)| {
        let line: String = row.iter().collect();
        line.find(&top).map(|b| (r, line[..b].chars().count()))
    }) else {
        return String::new();
    };
    let c1 = (c0 + 1..rows[r0].len())
        .find(|&c| rows[r0][c] == '┐')
        .unwrap_or(rows[r0].len());
    let mut words = Vec::new();
    for row in &rows[r0 + 1..] {
        if row.get(c0) == Some(&'└') {
            break;
        }
        words.push(row[c0 + 1..c1.min(row.len())].iter().collect::<String>());
    }
    words
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn fault6_moves_stay_in_the_topic_move_to_top_and_help_says_k_up_j_down() {
    let mut app = on_checklist();
    let groups = |app: &App| app.checklist().groups().len();
    let before = groups(&app);
    // The first question of the second topic: K would take it into the first topic.
    let first_len = app.checklist().groups()[0].items.len();
    for _ in 0..first_len {
        key(&mut app, KeyCode::Down);
    }
    let id = app.checklist().items[list(&app).selected].id.clone();
    key(&mut app, KeyCode::Char('K'));
    assert_eq!(groups(&app), before, "no topic is split");
    assert_eq!(app.checklist().items[first_len].id, id);
    // T takes the last question of a topic to the top of that topic.
    let second = app.checklist().groups()[1].items.len();
    for _ in 1..second {
        key(&mut app, KeyCode::Down);
    }
    let id = app.checklist().items[list(&app).selected].id.clone();
    key(&mut app, KeyCode::Char('T'));
    assert_eq!(app.checklist().items[first_len].id, id);
    assert_eq!(
        app.checklist().items[list(&app).selected].id,
        id,
        "it stays selected"
    );
    assert_eq!(groups(&app), before);
    key(&mut app, KeyCode::Char('?'));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("K/J") && !text.contains("J/K"), "{text}");
}

#[test]
fn fault7_counts_agree() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('h'));
    key(&mut app, KeyCode::Char('A'));
    let all = app.checklist().items.len();
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("All my questions: {all}, this visit's 10 first")),
        "a hidden one is not counted: {text}"
    );
    key(&mut app, KeyCode::Char('A'));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("Questions for this visit: 10 of {all}")),
        "a hidden one is not counted: {text}"
    );
    // "still open" drops when a question is ticked.
    key(&mut app, KeyCode::Char('v'));
    let open = |app: &mut App| {
        let text = screen(app, 80, 24);
        let at = text.find("still open ").expect("counts shown");
        text[at + 11..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    let before = open(&mut app);
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(open(&mut app), before - 1);
    key(&mut app, KeyCode::Char('v'));
    key(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().unwrap().text().to_string();
    assert!(status.contains("(1 question noted)"), "{status}");
    assert!(
        status.contains("Sat 21 Nov 2026"),
        "one date format: {status}"
    );
    // The step count never goes down as the walk-through goes on.
    let mut app = new_app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let mut last = walk(&app).progress(&app.profile);
    let mut grew = 0;
    while app.screen.kind() == Kind::Walk {
        if walk(&app).step == Step::Ihc {
            key(&mut app, KeyCode::Home); // 0: no ISH step
        }
        key(&mut app, KeyCode::Enter);
        if app.screen.kind() != Kind::Walk {
            break;
        }
        let now = walk(&app).progress(&app.profile);
        assert_eq!(now.0, last.0 + 1);
        assert!(now.1 >= last.1, "{last:?} then {now:?}");
        // When an answer makes the walk-through longer, the step says so (and only then).
        let words = walk(&app).progress_words(&app.profile);
        let head = screen(&mut app, 80, 24);
        assert!(head.contains(&words), "{head}");
        if now.1 > last.1 {
            grew += 1;
            assert!(
                words.contains("your last answer added"),
                "{last:?} then {words}"
            );
        } else {
            assert_eq!(words, format!("Step {} of {}", now.0, now.1));
        }
        last = now;
    }
    assert!(grew > 0, "no answer added a step: the note was not tried");
}

#[test]
fn fault8_the_mark_follows_the_cursor_none_found_and_a_click_on_the_box_ticks() {
    let mut app = new_app();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Home);
    let rows = rows_of(&mut app);
    assert!(
        rows.iter().any(|r| r.contains("> (•) Positive")),
        "{rows:#?}"
    );
    assert!(!rows.iter().any(|r| r.contains("(•) I don't know")));
    assert!(
        Step::Mutations
            .choices()
            .contains(&"None of these was found")
    );
    assert!(Step::Mutations.choices().contains(&"Not sure"));
    // A click on a [ ] box in the list ticks it.
    let mut app = on_checklist();
    let rows = rows_of(&mut app);
    let (row, col) = rows
        .iter()
        .enumerate()
        .skip(4)
        .find_map(|(i, r)| r.find("[ ]").map(|c| (i, c)))
        .unwrap();
    let col = r_col(&rows[row], col);
    click(&mut app, col, row as u16);
    assert_eq!(app.checklist().counts().0, 1, "ticked by the click");
}

/// The screen column of byte offset `byte` in a backend row (which starts with a quote).
fn r_col(row: &str, byte: usize) -> u16 {
    (unicode_width::UnicodeWidthStr::width(&row[..byte]) as u16).saturating_sub(1)
}

#[test]
fn fault10_no_fixed_colour_anywhere() {
    let mut app = new_app();
    let mut shots = Vec::new();
    let mut draw_one = |app: &mut App| {
        update(app, Message::Resize(80, 24));
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view(app, f)).unwrap();
        shots.push(t.backend().buffer().clone());
    };
    draw_one(&mut app);
    key(&mut app, KeyCode::Enter);
    draw_one(&mut app);
    key(&mut app, KeyCode::Enter);
    draw_one(&mut app);
    let mut app = on_checklist();
    draw_one(&mut app);
    for b in shots {
        for c in &b.content {
            assert_eq!(c.fg, ratatui::style::Color::Reset, "{c:?}");
            assert_eq!(c.bg, ratatui::style::Color::Reset, "{c:?}");
        }
    }
}

#[test]
fn fault11_typing_replaces_the_export_folder() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('e'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(export(&app).form.row, export_row::FOLDER);
    typed(&mut app, "/media/usb");
    assert_eq!(export(&app).form.folder_text(), "/media/usb");
    typed(&mut app, "2");
    assert_eq!(
        export(&app).form.folder_text(),
        "/media/usb2",
        "then typing adds"
    );
}

#[test]
fn the_terminal_cursor_sits_on_the_focused_row_or_field() {
    let row_of_cursor = |app: &mut App| {
        update(app, Message::Resize(80, 24));
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view(app, f)).unwrap();
        let pos = t.get_cursor_position().unwrap();
        let rows: Vec<String> = t
            .backend()
            .to_string()
            .lines()
            .map(str::to_string)
            .collect();
        (pos, rows[usize::from(pos.y)].clone())
    };
    let mut app = new_app();
    key(&mut app, KeyCode::Down);
    let (_, row) = row_of_cursor(&mut app);
    assert!(row.contains("> (•) I am helping"), "{row}");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Ana");
    let (pos, row) = row_of_cursor(&mut app);
    assert!(row.contains("Ana"), "{row}");
    assert_eq!(
        usize::from(pos.x),
        r_col(&row, row.find("Ana").unwrap()) as usize + 3
    );
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Down);
    let (_, row) = row_of_cursor(&mut app);
    assert!(row.contains("> (•) Low"), "{row}");
    let mut app = on_checklist();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let (_, row) = row_of_cursor(&mut app);
    let text = crate::text::clean_line(&app.checklist().items[2].text);
    assert!(row.starts_with("\" > [ ]"), "{row}");
    assert!(row.contains(&text[..20]), "{row} / {text}");
}

#[test]
fn fault9_a_cut_answer_preview_ends_with_an_ellipsis() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('v'));
    let id = app.checklist().items[0].id.clone();
    let long =
        "The doctor said the scan next month will show whether the treatment works. ".repeat(4);
    app.state.set_answer(&id, &long).unwrap();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("works. …") || text.contains(" …"), "{text}");
    app.state.set_answer(&id, "Short answer.").unwrap();
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('…'), "{text}");
}

// ---- The one key table.

/// An app in each context of the key table, each reached with keys as a person would.
fn apps_in_every_context() -> Vec<App> {
    let mut out = Vec::new();
    out.push(new_app()); // the role choice
    let mut name = new_app();
    key(&mut name, KeyCode::Enter);
    out.push(name); // the name field
    for step in [Step::Er, Step::Mutations, Step::Date] {
        let mut app = new_app();
        app.screen = app.walk(None);
        let profile = app.profile.clone();
        walk_mut(&mut app).enter(&profile, step);
        out.push(app);
    }
    // Paste from my report: the box, its buttons, what was found.
    for keys in [
        &[][..],
        &[KeyCode::Tab][..],
        &[KeyCode::Tab, KeyCode::Enter][..],
    ] {
        let mut app = new_app();
        app.screen = app.walk(None);
        key(&mut app, KeyCode::Char('p'));
        send(&mut app, Event::Paste("ER: positive (95%)".into()));
        for c in keys {
            key(&mut app, *c);
        }
        out.push(app);
    }
    let mut results = new_app();
    results.screen = Screen::Results(ResultsState::new(None));
    out.push(results);
    let list_with = |codes: &[KeyCode]| {
        let mut app = on_checklist();
        for c in codes {
            key(&mut app, *c);
        }
        app
    };
    out.push(list_with(&[]));
    out.push(list_with(&[KeyCode::Char('v')]));
    out.push(list_with(&[KeyCode::Char('/')]));
    out.push(list_with(&[KeyCode::Char('p')]));
    out.push(list_with(&[KeyCode::Char('e')]));
    out.push(list_with(&[
        KeyCode::Char('e'),
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Down,
    ]));
    out.push(list_with(&[KeyCode::Char('?')]));
    out.push(list_with(&[KeyCode::Enter]));
    out.push(list_with(&[KeyCode::Char('a')]));
    out.push(list_with(&[KeyCode::Char('a'), KeyCode::Tab]));
    out.push(list_with(&[KeyCode::Char('f')]));
    out.push(list_with(&[KeyCode::Char('v'), KeyCode::Char('v')]));
    // The window made too small while an answer is open.
    let mut small = list_with(&[KeyCode::Enter]);
    update(&mut small, Message::Resize(40, 10));
    out.push(small);
    out
}

#[test]
fn every_key_the_table_shows_dispatches_its_message() {
    use super::keys::{self, Ctx};
    let mut seen: Vec<Ctx> = Vec::new();
    for app in apps_in_every_context() {
        let ctxs = keys::contexts(&app);
        seen.extend(&ctxs);
        for row in keys::rows(&ctxs).filter(|r| !r.shown.is_empty()) {
            for chord in row.keys {
                let got = keys::message(&app, &Event::Key(chord.event()));
                assert_eq!(
                    got.as_ref(),
                    Some(&row.message),
                    "{chord:?} in {ctxs:?} is shown as {:?} {:?}",
                    row.shown,
                    row.label
                );
            }
        }
    }
    // Every context of the table was reached (so every shown row was tried).
    for row in keys::TABLE {
        assert!(seen.contains(&row.ctx), "{:?} never reached", row.ctx);
    }
}

#[test]
fn the_footer_and_the_help_say_only_what_the_table_says() {
    use super::keys;
    for mut app in apps_in_every_context() {
        let ctxs = keys::contexts(&app);
        let footer = super::help::footer(&app);
        assert!(!footer.is_empty(), "{ctxs:?} has a footer");
        for hint in &footer {
            assert!(
                keys::rows(&ctxs).any(|r| (r.shown, r.short) == *hint),
                "{hint:?} in the footer of {ctxs:?} is not in the table"
            );
        }
        let mut screen_ctxs = keys::screen_contexts(&app);
        screen_ctxs.push(keys::Ctx::Always);
        for hint in super::help::screen_only(&app) {
            assert!(
                keys::rows(&screen_ctxs).any(|r| (r.shown, r.label) == hint),
                "{hint:?} in the help of {screen_ctxs:?} is not in the table"
            );
        }
        if keys::too_small(&app) {
            // The "too small" note draws no footer (drawing at 120x40 would leave it).
            continue;
        }
        // What the footer shows on screen is those entries, in that order.
        let text = screen(&mut app, 120, 40);
        let bottom = text.lines().last().unwrap().to_string();
        let (k, what) = footer.last().unwrap();
        let shown_last = format!("{k} {what}");
        let all_bottom: String = text.lines().rev().take(3).collect();
        assert!(
            all_bottom.contains(&shown_last),
            "{shown_last:?} not at the foot: {bottom}"
        );
    }
}

#[test]
fn fault2_lists_that_do_not_fit_say_more_above_or_below() {
    let mut app = on_checklist();
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("↓ more below") && !text.contains("↑ more above"),
        "{text}"
    );
    key(&mut app, KeyCode::End);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("↑ more above") && !text.contains("↓ more below"),
        "{text}"
    );
    // Every walk-through step: a choice out of sight is said to be there.
    for step in super::steps::ALL {
        if step == Step::Date {
            continue;
        }
        let mut app = new_app();
        app.screen = app.walk(None);
        let profile = app.profile.clone();
        walk_mut(&mut app).enter(&profile, step);
        let text = screen(&mut app, 80, 24);
        let hidden = step.choices().iter().any(|c| !text.contains(c));
        assert_eq!(
            hidden,
            text.contains("more below") || text.contains("more above"),
            "{step:?}:\n{text}"
        );
    }
}

#[test]
fn exports_never_replace_an_earlier_one_and_offer_pdf_and_the_doctor_copy() {
    let dir = tempfile::Builder::new().prefix("h2ui").tempdir().unwrap();
    let mut app = on_checklist();
    app.data_dir = Some(dir.path().to_path_buf());
    app.export_dir = Some(dir.path().join("exports"));
    let save = |app: &mut App| {
        for _ in 0..4 {
            key(app, KeyCode::Down);
        }
        key(app, KeyCode::Enter);
        let path = export(app).form.written.clone().expect("written");
        key(app, KeyCode::Esc);
        path
    };
    key(&mut app, KeyCode::Char('e'));
    let first = save(&mut app);
    key(&mut app, KeyCode::Char('e'));
    let second = save(&mut app);
    assert_eq!(first, dir.path().join("exports/her2prep-2026-11-21.html"));
    assert_eq!(
        second,
        dir.path().join("exports/her2prep-2026-11-21-2.html")
    );
    assert!(first.exists() && second.exists(), "the first is kept");
    // PDF, and the one page for the doctor: real PDFs, named as such.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Right);
    assert!(screen(&mut app, 80, 24).contains("< PDF, ready to print >"));
    let pdf = save(&mut app);
    assert_eq!(pdf, dir.path().join("exports/her2prep-2026-11-21.pdf"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    let doctor = save(&mut app);
    assert_eq!(
        doctor,
        dir.path().join("exports/her2prep-doctor-2026-11-21.pdf")
    );
    assert!(std::fs::read(&doctor).unwrap().starts_with(b"%PDF"));
    // The print command is shown only when the runtime found one, as it gave it.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Right);
    update(&mut app, Message::ExportWritten(pdf.clone(), None));
    let text = screen(&mut app, 120, 40);
    assert!(
        !text.contains("type in a terminal") && text.contains("choose Print"),
        "{text}"
    );
    update(
        &mut app,
        Message::ExportWritten(pdf, Some("lp '/tmp/a $(id).pdf'".into())),
    );
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("lp '/tmp/a $(id).pdf'"), "{text}");
}

#[test]
fn the_export_suggests_folders_a_person_can_find() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("Documents")).unwrap();
    let found = super::app::easy_folders(Some(home.path().as_os_str().to_owned()));
    assert_eq!(
        found,
        vec![home.path().join("Documents")],
        "no Desktop here"
    );
    let mut app = on_checklist();
    app.easy_folders = found;
    key(&mut app, KeyCode::Char('e'));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Folders easy to find:"), "{text}");
}

// ---- The visit list (issue 10): the app opens on it, A shows all my questions, t sets its
// size (kept with the person's data), visit mode works on it, and exports follow the screen.

/// The keys' message for `code`, handled by `update` alone: the effects it asks for.
fn effects_of(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let event = Event::Key(Chord::Key(code).event());
    let m = keys::message(app, &event).expect("the key means something here");
    update(app, m)
}

use super::keys::Chord;

/// The question texts on screen, in order, and how many form the visit list.
fn shown_texts(app: &App) -> (Vec<String>, usize) {
    let list = app.checklist();
    (
        list.items.iter().map(|i| i.text.clone()).collect(),
        list.visit_items().len(),
    )
}

/// Exports what the export screen offers first (as JSON, through the keys) and goes back to
/// the list: the question texts in the file, in order, and how many form its visit list.
fn exported_texts(app: &mut App) -> (Vec<String>, usize) {
    key(app, KeyCode::Char('e'));
    for _ in 0..3 {
        key(app, KeyCode::Right); // HTML -> PDF -> one page for the doctor -> JSON
    }
    let fx = effects_of(app, KeyCode::Enter);
    let [
        Effect::WriteExport {
            extension, bytes, ..
        },
    ] = fx.as_slice()
    else {
        panic!("{fx:?}")
    };
    assert_eq!(extension, "json");
    key(app, KeyCode::Esc);
    assert!(app.screen.list_state().is_some(), "back on the list");
    let doc: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let texts = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    (texts, doc["visit_list"].as_u64().unwrap() as usize)
}

/// How many questions apply to the profile (none hidden), without a visit list.
fn whole_list(app: &App) -> usize {
    crate::checklist::build(
        &app.bank,
        &app.profile,
        &app.state,
        &crate::checklist::Options::default(),
    )
    .items
    .len()
}

#[test]
fn the_checklist_opens_on_the_visit_list_and_a_shows_all_my_questions_and_back() {
    let mut app = on_checklist();
    let total = whole_list(&app);
    assert!(total > 40, "a profile with many questions: {total}");
    let (texts, visit) = shown_texts(&app);
    assert_eq!((texts.len(), visit), (10, 10), "the visit list, of 10");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("Questions for this visit: 10 of {total} (A: all)")),
        "{text}"
    );
    assert!(text.contains("THE QUESTIONS FOR THIS VISIT"), "{text}");
    assert!(
        text.contains("t top  A all"),
        "the footer shows the key: {text}"
    );
    assert_eq!(
        exported_texts(&mut app),
        (texts.clone(), 10),
        "exported as shown"
    );

    // All my questions: the visit list, then every other question by topic.
    key(&mut app, KeyCode::Char('A'));
    assert_eq!(app.screen.kind(), Kind::Checklist);
    let (all, visit) = shown_texts(&app);
    assert_eq!((all.len(), visit), (total, 10));
    assert_eq!(all[..10], texts[..], "the visit list comes first");
    let list = app.checklist();
    let groups = list.groups();
    let visit_groups = groups.iter().take_while(|g| g.in_visit).count();
    assert!(visit_groups >= 1 && groups[visit_groups..].iter().all(|g| !g.in_visit));
    assert_eq!(
        groups[..visit_groups]
            .iter()
            .map(|g| g.items.len())
            .sum::<usize>(),
        10
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("All my questions: {total}, this visit's 10 first")),
        "{text}"
    );
    both_sizes("checklist_all", &mut app);
    assert_eq!(
        exported_texts(&mut app),
        (all, 10),
        "all exported, as shown"
    );

    // The same key goes back, the selected question kept when it is on both.
    key(&mut app, KeyCode::Down);
    let selected = app.checklist().items[1].id.clone();
    key(&mut app, KeyCode::Char('A'));
    assert_eq!(shown_texts(&app), (texts.clone(), 10));
    assert_eq!(app.checklist().items[list_selected(&app)].id, selected);
    assert_eq!(exported_texts(&mut app), (texts, 10));

    // The help says it too.
    key(&mut app, KeyCode::Char('?'));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("A              all / this visit's"), "{text}");
}

fn list_selected(app: &App) -> usize {
    list(app).selected
}

#[test]
fn t_changes_the_visit_list_size_saves_it_and_it_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::at(dir.path().join("her2prep"));
    let mut app = App::new(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
    app.profile = scenario("metastatic-hr-positive-caregiver");
    app.screen = Screen::checklist();
    update(&mut app, Message::Resize(80, 24));
    assert_eq!(shown_texts(&app).1, 10);
    // t asks the runtime to save; update itself writes nothing.
    assert_eq!(effects_of(&mut app, KeyCode::Char('t')), vec![Effect::Save]);
    assert!(!paths.state().exists());
    assert_eq!(app.state.visit_size, 15);
    let (texts, visit) = shown_texts(&app);
    assert_eq!((texts.len(), visit), (15, 15));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Questions for this visit: 15 of"), "{text}");
    assert_eq!(exported_texts(&mut app), (texts, 15), "exported as shown");
    // Through the runtime this time: saved to disk.
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(app.state.visit_size, 6);
    let (six, _) = shown_texts(&app);
    assert_eq!(six.len(), 6);
    assert_eq!(
        paths.load_state().unwrap().unwrap_or_default().visit_size,
        6
    );

    // Back another day: the checklist opens on the visit list of 6.
    let mut again = App::load(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
    assert_eq!(again.screen.kind(), Kind::Checklist);
    assert_eq!(shown_texts(&again), (six.clone(), 6));
    assert_eq!(exported_texts(&mut again), (six, 6));
    // And the headless export follows it too (the same saved checklist).
    let list = crate::checklist::build(
        &again.bank,
        &again.profile,
        &again.state,
        &crate::checklist::Options::visit(again.state.visit_len()),
    );
    assert_eq!(list.items.len(), 6);

    // A file from before the visit size was kept reads as 10; a hand-edited 0 as 10 too.
    for text in [r#"{"version": 1}"#, r#"{"version": 1, "visit_size": 0}"#] {
        std::fs::write(paths.state(), text).unwrap();
        let app = App::load(Bank::builtin().unwrap(), Some(paths.clone()), TODAY);
        assert!(app.notices.is_empty(), "{text}: {:?}", app.notices);
        assert_eq!(shown_texts(&app).1, 10, "{text}");
    }
}

#[test]
fn visit_mode_works_on_the_visit_list_and_what_the_person_pulls_in_stays() {
    let mut app = on_checklist();
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('v'));
    assert_eq!(app.screen.kind(), Kind::Visit);
    let (texts, visit) = shown_texts(&app);
    assert_eq!(
        (texts.len(), visit),
        (10, 10),
        "the visit is the visit list"
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("asked 0 · answered 0 · still open 10"),
        "{text}"
    );

    // A question from the rest, ticked: it joins the visit and stays selected.
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::End);
    let ticked = app.checklist().items[list_selected(&app)].clone();
    assert!(ticked.rank >= 10 && !ticked.pulled_in);
    key(&mut app, KeyCode::Char(' '));
    let list = app.checklist();
    let at = list_selected(&app);
    assert_eq!(list.items[at].id, ticked.id, "the cursor follows it");
    assert!(at < list.visit_items().len() && list.items[at].pulled_in);
    // Another, answered.
    key(&mut app, KeyCode::End);
    let answered = app.checklist().items[list_selected(&app)].id.clone();
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "Yes, next month.");
    key(&mut app, KeyCode::Esc);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("asked 2 · answered 1 · still open 10"),
        "{text}"
    );
    // Back to the visit's own list: both are on it, after the ten.
    key(&mut app, KeyCode::Char('A'));
    let (texts, visit) = shown_texts(&app);
    assert_eq!((texts.len(), visit), (12, 12));
    let list = app.checklist();
    for id in [&ticked.id, &answered] {
        let item = list.item(id).expect("on the visit list");
        assert!(item.pulled_in, "{id}");
    }
    assert_eq!(list.items.iter().filter(|i| i.pulled_in).count(), 2);
    both_sizes("visit_pulled_in", &mut app);
    // Exported as shown, and the export from the command line agrees.
    assert_eq!(exported_texts(&mut app), (texts.clone(), 12));
    let headless = crate::checklist::build(
        &app.bank,
        &app.profile,
        &app.state,
        &crate::checklist::Options::visit(crate::checklist::VISIT_SIZE),
    );
    assert_eq!(
        headless
            .items
            .iter()
            .map(|i| i.text.clone())
            .collect::<Vec<_>>(),
        texts
    );

    // Unticking lets an unanswered question go back; the answered one stays.
    key(&mut app, KeyCode::Char('A'));
    let at = app
        .checklist()
        .items
        .iter()
        .position(|i| i.id == ticked.id)
        .unwrap();
    key(&mut app, KeyCode::Home);
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('A'));
    assert_eq!(shown_texts(&app).1, 11);
    assert!(app.checklist().item(&ticked.id).is_none());

    // "End this visit?" counts this visit's questions.
    key(&mut app, KeyCode::Char('v'));
    let Some(Popup::EndVisit {
        asked,
        answered: done,
        open,
        of,
    }) = app.popup
    else {
        panic!("no end-visit window")
    };
    assert_eq!((asked, done, open, of), (1, 1, 10, 11));
    let text = screen(&mut app, 80, 24);
    assert!(
        window_words(&text, "End this visit?")
            .contains("Of the 11 questions for this visit, 10 are still open"),
        "{text}"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.kind(), Kind::Checklist);
    // The answered question is kept under the visit; the next visit list is ten open ones.
    let list = app.checklist();
    assert_eq!(list.items.len(), 10);
    assert!(list.items.iter().all(|i| i.state.is_open() && !i.pulled_in));
    let status = app.status.as_ref().unwrap().text().to_string();
    assert!(status.contains("10 open questions are ready"), "{status}");
}

#[test]
fn a_search_looks_through_all_my_questions_and_the_visit_list_stays_first() {
    let mut app = on_checklist();
    let total = whole_list(&app);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "treatment");
    key(&mut app, KeyCode::Enter);
    let list = app.checklist();
    let matches = |i: &crate::checklist::Item| {
        [&i.text, &i.topic_title, &i.state.answer]
            .iter()
            .any(|t| t.to_lowercase().contains("treatment"))
    };
    assert!(list.items.iter().all(matches));
    let visit = list.visit_items();
    assert!(
        visit.len() < 10 && list.items.len() > visit.len(),
        "beyond the visit list"
    );
    // The visit's questions that match come first.
    assert!(visit.iter().all(|i| i.rank < 10 && !i.pulled_in));
    assert!(list.rest_items().iter().all(|i| i.rank >= 10));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!(
            "{} of my {total} questions match \"treatment\" ({} for this visit)",
            list.items.len(),
            visit.len()
        )),
        "{text}"
    );
    screen(&mut app, 120, 40);
    // Esc: back to the visit list.
    key(&mut app, KeyCode::Esc);
    assert_eq!(shown_texts(&app).0.len(), 10);
}
