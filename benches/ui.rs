//! `cargo bench --bench ui`: one keypress in the checklist (handle + full redraw at 120x40
//! through ratatui's TestBackend) with a 1,000-item checklist, and the first frame at start-up.
//! The UI is the library's `ui` module (cargo feature `tui`, on by default).

mod generate;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use her2prep::bank::Bank;
use her2prep::profile::Profile;
use her2prep::ui;
use her2prep::ui::app::{App, Message, Screen, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// Enough generated questions for the example profile to get about 1,000 on its list.
const QUESTIONS: usize = 3_550;

fn app_with_big_list() -> App {
    let bank = Bank::from_files(generate::generated(QUESTIONS)).unwrap();
    let mut app = App::new(bank, None, jiff::civil::date(2026, 11, 21));
    app.profile = Profile::from_yaml(
        "role: caregiver\nname: Rosa\nsex: female\ner: positive\npr: negative\nher2: {ihc: 0}\nstage: IV\nmenopause: post\nphase: metastatic",
    )
    .unwrap();
    app.screen = Screen::checklist();
    // All my questions (A): the visit list alone would be 10.
    app.screen.list_state_mut().unwrap().options.all = true;
    update(&mut app, Message::Resize(120, 40));
    let n = app.checklist().items.len();
    assert!((900..=1_300).contains(&n), "the list has {n} items");
    app
}

fn press(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(m) = ui::keys::message(app, &event) {
        ui::runtime::dispatch(app, m);
    }
}

fn keypress(bencher: Bencher, code: KeyCode) {
    let mut app = app_with_big_list();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| ui::view::view(&app, f)).unwrap();
    bencher.bench_local(|| {
        press(&mut app, code);
        terminal.draw(|f| ui::view::view(&app, f)).unwrap();
    });
}

/// Moving down the list: handle the key and redraw everything.
#[divan::bench]
fn checklist_down_key(bencher: Bencher) {
    keypress(bencher, KeyCode::Down);
}

/// Ticking a question as asked (changes the saved state): handle and redraw.
#[divan::bench]
fn checklist_tick_key(bencher: Bencher) {
    keypress(bencher, KeyCode::Char(' '));
}

/// Start-up to the first drawn frame for a returning person with the built-in bank: read the
/// bank, build the checklist, draw at 120x40 (no terminal or disk involved).
#[divan::bench]
fn first_frame_builtin() {
    let mut app = App::new(
        Bank::builtin().unwrap(),
        None,
        jiff::civil::date(2026, 11, 21),
    );
    app.profile = Profile::from_yaml("er: positive\nher2: {ihc: 0}\nstage: II").unwrap();
    app.screen = Screen::checklist();
    update(&mut app, Message::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| ui::view::view(&app, f)).unwrap();
}
