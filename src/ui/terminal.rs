//! The real terminal: setting it up and always putting it back (normal exit, error, panic,
//! Ctrl+C, SIGTERM, SIGHUP), and the synchronous event loop.

use std::io::stdout;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::bank::Bank;
use crate::lock::LockError;
use crate::storage::Paths;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::app::{App, Snapshot, Status};
use super::runtime::{dispatch, flush};
use super::{keys, view};

/// Held while drawing, and by the signal thread while it saves and restores, so the two never
/// write to the terminal at once.
static TERMINAL: Mutex<()> = Mutex::new(());

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Puts the terminal back as it was. Quietly: when the window was closed there is nowhere to
/// report a failure (and printing to a closed terminal would panic).
fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = execute!(stdout(), crossterm::cursor::Show);
}

/// Raw mode and the alternate screen, without ratatui's panic hook (ours restores quietly).
fn init() -> std::io::Result<ratatui::DefaultTerminal> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), crossterm::terminal::EnterAlternateScreen)?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout()))
}

/// Saves what the snapshot holds (the signal thread's last act).
fn save_snapshot(snapshot: &Snapshot) {
    if let Some((paths, profile, state)) = lock(snapshot).clone() {
        let _ = paths.save_profile(&profile);
        let _ = paths.save_state(&state);
    }
}

/// Runs the app until the person quits. `Err` holds a message for the person.
pub fn run(bank: Bank) -> Result<(), String> {
    let paths = Paths::standard().ok();
    // One window at a time on the same data: a second one would overwrite the first one's
    // notes. The lock is held until `run` returns (a lock left by a killed process is stale
    // and taken over at the next start).
    let mut lock_problem = None;
    let _lock = match paths.as_ref().map(Paths::lock) {
        Some(Ok(lock)) => Some(lock),
        Some(Err(e @ LockError::Held { .. })) => return Err(e.to_string()),
        Some(Err(e)) => {
            lock_problem = Some(e.to_string());
            None
        }
        None => None,
    };
    let mut app = App::load(bank, paths, crate::today());
    if app.status.is_none() {
        app.status = lock_problem.map(Status::Note);
    }
    let snapshot: Snapshot = Arc::new(Mutex::new(app.snapshot()));

    // A closed terminal window sends SIGHUP; crossterm's poll would then spin forever, so this
    // thread saves, restores the terminal and exits instead of relying on the loop.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])
        .map_err(|e| format!("could not watch for signals: {e}"))?;
    let for_signals = Arc::clone(&snapshot);
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _guard = lock(&TERMINAL);
            save_snapshot(&for_signals);
            restore();
            std::process::exit(128 + sig);
        }
    });

    // A crash keeps what is on screen too: save the last snapshot (never waiting for a lock a
    // panicking thread might hold), put the terminal back, then report the panic as usual.
    let hook = std::panic::take_hook();
    let for_panic = Arc::clone(&snapshot);
    let data_dir = app.data_dir.clone();
    std::panic::set_hook(Box::new(move |info| {
        let mut saved = false;
        if let Ok(guard) = for_panic.try_lock()
            && let Some((paths, profile, state)) = guard.clone()
        {
            saved = paths.save_profile(&profile).is_ok() && paths.save_state(&state).is_ok();
        }
        restore();
        hook(info);
        // Written without panicking: the terminal may be gone.
        let where_ = data_dir
            .as_ref()
            .map(|d| crate::text::clean_line(&d.display().to_string()))
            .unwrap_or_else(|| "nowhere (no folder could be found)".into());
        let said = if saved {
            format!(
                "her2prep stopped because of a fault in the program. Your answers and checklist were saved in {where_}. Please report this fault."
            )
        } else {
            format!(
                "her2prep stopped because of a fault in the program. Your data is kept in {where_}. Please report this fault."
            )
        };
        let _ = writeln!(std::io::stderr(), "{said}");
    }));
    let mut terminal = init().map_err(|e| {
        restore();
        format!("could not set up the terminal: {e}")
    })?;
    let _ = execute!(stdout(), EnableMouseCapture);
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }

    let result = event_loop(&mut app, &mut terminal, &snapshot);
    if result.is_err() {
        // The terminal failing usually means its window closed: the hang-up signal is on its
        // way, and the signal thread ends the program with the right status.
        std::thread::sleep(Duration::from_millis(200));
    }
    flush(&mut app);
    *lock(&snapshot) = app.snapshot();
    {
        let _guard = lock(&TERMINAL);
        restore();
    }
    use std::io::Write;
    if let Some(e) = &app.save_error {
        let _ = writeln!(
            std::io::stderr(),
            "her2prep: your last changes were not saved. {}",
            crate::text::clean_line(e)
        );
    } else if let (Some(p), Ok(())) = (&app.paths, &result) {
        let _ = writeln!(
            stdout(),
            "Everything is saved in {}. Type her2prep to come back to your list.",
            crate::text::clean_line(&p.dir.display().to_string())
        );
    }
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    snapshot: &Snapshot,
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("the terminal stopped working: {e}");
    loop {
        {
            let _guard = lock(&TERMINAL);
            terminal.draw(|f| view::view(app, f)).map_err(io)?;
        }
        if app.quit {
            return Ok(());
        }
        // Typing is saved when the keys pause; everything else is saved at once by `update`.
        let wait = if app.dirty {
            Duration::from_millis(400)
        } else {
            Duration::from_secs(60)
        };
        if event::poll(wait).map_err(io)? {
            // Handle every key already waiting (a fast typist, a paste) before drawing again.
            let mut handled = 0;
            loop {
                let ev = event::read().map_err(io)?;
                #[cfg(debug_assertions)]
                crash_if_a_test_asks(&ev);
                if let Some(msg) = keys::message(app, &ev) {
                    dispatch(app, msg);
                }
                handled += 1;
                if app.quit || handled >= 512 || !event::poll(Duration::ZERO).map_err(io)? {
                    break;
                }
            }
            *lock(snapshot) = app.snapshot();
        } else {
            flush(app);
        }
    }
}

/// Debug builds only (what `cargo test` builds; a release build has no such switch): with
/// `HER2PREP_TEST_CRASH` set, F12 makes the program fail on purpose, so that a test can check
/// that a crash still saves, puts the terminal back and says where the data is.
#[cfg(debug_assertions)]
fn crash_if_a_test_asks(ev: &event::Event) {
    if let event::Event::Key(k) = ev
        && k.code == event::KeyCode::F(12)
        && std::env::var_os("HER2PREP_TEST_CRASH").is_some()
    {
        panic!("a crash asked for by a test (HER2PREP_TEST_CRASH)");
    }
}
