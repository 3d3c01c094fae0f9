//! The real terminal: setting it up and always putting it back (normal exit, error, panic,
//! Ctrl+C, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1/2, SIGALRM...), suspending on Ctrl+Z or SIGTSTP
//! and coming back on `fg`, noticing a terminal that went away, and the synchronous event loop.

use std::io::{Write, stdout};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use crate::bank::Bank;
use crate::lock::LockError;
use crate::storage::Paths;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use signal_hook::consts::{SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use super::app::{App, Snapshot};
use super::runtime::{dispatch, dispatch_deferred, flush};
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
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let _ = execute!(stdout(), crossterm::cursor::Show);
}

/// Raw mode and the alternate screen, without ratatui's panic hook (ours restores quietly).
fn init() -> std::io::Result<ratatui::DefaultTerminal> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), crossterm::terminal::EnterAlternateScreen)?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout()))
}

/// Set when the screen must be drawn afresh (after coming back from a suspend).
static REDRAW: AtomicBool = AtomicBool::new(false);

/// Written to wake the event loop (a resize, a return from suspend).
static WAKE: OnceLock<UnixStream> = OnceLock::new();

/// Leaves the terminal as the shell expects it, stops until `fg` (SIGCONT), then takes the
/// terminal back and has the screen redrawn. What the person typed is saved first.
fn suspend(snapshot: &Snapshot) {
    let _guard = lock(&TERMINAL);
    save_snapshot(snapshot);
    restore();
    // Stops the whole process here (as SIGTSTP would without our handler) until SIGCONT.
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = execute!(
        stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    );
    REDRAW.store(true, Ordering::SeqCst);
    if let Some(mut w) = WAKE.get() {
        let _ = std::io::Write::write(&mut w, b"c");
    }
}

/// Saves what the snapshot holds (the signal thread's last act).
fn save_snapshot(snapshot: &Snapshot) {
    if let Some((paths, profile, state)) = lock(snapshot).clone() {
        let _ = paths.save_profile(&profile);
        let _ = paths.save_state(&state);
    }
}

/// How the app is shown: decides what the signal thread and the panic hook put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The full-screen app (raw mode, the alternate screen, the mouse).
    FullScreen,
    /// The plain mode: lines on stdin and stdout, nothing to put back.
    Plain,
}

/// What both modes run with: the app loaded from the data folder, what the signal thread
/// saves, and the data folder's lock (held until this is dropped).
pub struct Started {
    pub app: App,
    pub snapshot: Snapshot,
    _lock: Option<crate::lock::Lock>,
}

/// Takes the data folder's lock, loads the app, and has an ending signal or a crash save what
/// the snapshot holds (and, full screen, put the terminal back). `Err` holds a message for the
/// person.
pub fn start(bank: Bank, mode: Mode) -> Result<Started, String> {
    let paths = Paths::standard().ok();
    // One window at a time on the same data: a second one would overwrite the first one's
    // notes. The lock is held until `run` returns (a lock left by a killed process is stale
    // and taken over at the next start).
    // A lock that can't be taken for any reason (held, a folder or another user's file in its
    // place, a read-only folder) means not starting: running unlocked would let two windows
    // overwrite each other's notes while both say everything is saved.
    let held = match paths.as_ref().map(Paths::lock) {
        Some(Ok(lock)) => Some(lock),
        Some(Err(e @ LockError::Held { .. })) => return Err(e.to_string()),
        Some(Err(e)) => {
            return Err(format!(
                "{e} I have not started, because without the lock two her2prep windows could overwrite each other's notes."
            ));
        }
        None => None,
    };
    let app = App::load_as(bank, paths, crate::today(), mode == Mode::Plain);
    let snapshot: Snapshot = Arc::new(Mutex::new(app.snapshot()));
    let screen = mode == Mode::FullScreen;

    // A closed terminal window sends SIGHUP; crossterm's poll would then spin forever, so this
    // thread saves, restores the terminal and exits instead of relying on the loop.
    // Signals that end the program: what is typed is saved and the terminal put back first.
    // (The plain mode leaves Ctrl+Z to the terminal: its lines need nothing put back.)
    let mut watched = crate::signals::ending();
    if screen {
        watched.push(SIGTSTP);
    }
    let mut signals =
        Signals::new(watched).map_err(|e| format!("could not watch for signals: {e}"))?;
    let for_signals = Arc::clone(&snapshot);
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGTSTP {
                suspend(&for_signals);
                continue;
            }
            let _guard = lock(&TERMINAL);
            save_snapshot(&for_signals);
            if screen {
                restore();
            }
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
        if screen {
            restore();
        }
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
    Ok(Started {
        app,
        snapshot,
        _lock: held,
    })
}

/// Keeps the signal thread's copy up to date.
pub fn keep(snapshot: &Snapshot, app: &App) {
    *lock(snapshot) = app.snapshot();
}

/// The last words after the app closed: that a save failed, or where everything is kept.
pub fn farewell(app: &App, closed_well: bool) {
    if let Some(e) = &app.save_error {
        let _ = writeln!(
            std::io::stderr(),
            "her2prep: your last changes were not saved. {}",
            crate::text::clean_line(e)
        );
    } else if let (Some(p), true) = (&app.paths, closed_well) {
        let _ = writeln!(
            stdout(),
            "Everything is saved in {}. Type her2prep to come back to your list.",
            crate::text::clean_line(&p.dir.display().to_string())
        );
    }
}

/// Runs the full-screen app until the person quits. `Err` holds a message for the person.
pub fn run(bank: Bank) -> Result<(), String> {
    let Started {
        mut app,
        snapshot,
        _lock,
    } = start(bank, Mode::FullScreen)?;
    // A resize wakes the wait for input (crossterm notices the resize itself once asked).
    if let Ok((wake_rx, wake_tx)) = UnixStream::pair() {
        let _ = wake_rx.set_nonblocking(true);
        let _ = wake_tx.set_nonblocking(true);
        if let Ok(tx) = wake_tx.try_clone() {
            let _ = signal_hook::low_level::pipe::register(SIGWINCH, tx);
        }
        let _ = WAKE.set(wake_tx);
        WAKE_RX.get_or_init(|| wake_rx);
    }

    let mut terminal = init().map_err(|e| {
        restore();
        format!("could not set up the terminal: {e}")
    })?;
    // Bracketed paste: a pasted line break is text, not Enter (which would add a question
    // half pasted).
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    if let Ok(size) = terminal.size() {
        dispatch(
            &mut app,
            super::app::Message::Resize(size.width, size.height),
        );
    }

    let result = event_loop(&mut app, &mut terminal, &snapshot);
    if matches!(&result, Err(e) if !e.starts_with(GONE)) {
        // The terminal failing usually means its window closed: the hang-up signal is on its
        // way, and the signal thread ends the program with the right status.
        std::thread::sleep(Duration::from_millis(200));
    }
    flush(&mut app);
    keep(&snapshot, &app);
    {
        let _guard = lock(&TERMINAL);
        restore();
    }
    farewell(&app, result.is_ok());
    result
}

/// True when an event is waiting. crossterm's own reader (with the `use-dev-tty` feature, see
/// Cargo.toml) waits with the terminal's level-triggered `poll`, and answers "nothing" to a
/// zero wait even with events read and parsed: so it is asked with the shortest wait. (Its
/// default reader, mio's edge-triggered epoll, read the first 1,024 bytes of a paste and left
/// the rest unseen until the next key.)
fn pending() -> std::io::Result<bool> {
    event::poll(Duration::from_millis(1))
}

/// The start of the error the event loop gives when the terminal went away.
const GONE: &str = "the terminal went away";

/// The other end of `WAKE`.
static WAKE_RX: OnceLock<UnixStream> = OnceLock::new();

/// What waiting for the terminal came to.
enum Wait {
    /// Something to read, or a wake-up.
    Ready,
    /// Nothing within the time.
    Timeout,
    /// The terminal is gone (hung up, closed, or at its end).
    Gone,
}

/// The terminal the keys come from, to wait on it directly: crossterm's own wait spins
/// without end on a terminal that was closed, and never says so.
fn input_fd() -> Option<RawFd> {
    static TTY: OnceLock<Option<std::fs::File>> = OnceLock::new();
    // SAFETY: isatty only looks at the descriptor.
    if unsafe { libc::isatty(0) } == 1 {
        return Some(0);
    }
    TTY.get_or_init(|| std::fs::File::open("/dev/tty").ok())
        .as_ref()
        .map(|f| f.as_raw_fd())
}

/// Waits for a key, a wake-up or the time to pass, and notices a terminal that went away.
fn wait_for_terminal(fd: RawFd, wait: Duration) -> Wait {
    let wake = WAKE_RX.get().map_or(-1, |w| w.as_raw_fd());
    let mut fds = [
        libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: wake,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: `fds` is a valid array of two pollfd for the length given.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
    if n < 0 {
        // Interrupted by a signal (the signal thread deals with it): look again.
        return Wait::Ready;
    }
    if n == 0 {
        return Wait::Timeout;
    }
    if fds[1].revents & libc::POLLIN != 0
        && let Some(mut w) = WAKE_RX.get()
    {
        let mut buf = [0u8; 64];
        while matches!(std::io::Read::read(&mut w, &mut buf), Ok(n) if n > 0) {}
    }
    let tty = fds[0].revents;
    if tty & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Wait::Gone;
    }
    if tty & libc::POLLIN != 0 {
        let mut waiting: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int.
        let ok = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut waiting) } == 0;
        if ok && waiting == 0 {
            // Readable with nothing to read: the end of the terminal's input.
            return Wait::Gone;
        }
    }
    Wait::Ready
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    snapshot: &Snapshot,
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("the terminal stopped working: {e}");
    let fd = input_fd();
    loop {
        {
            let _guard = lock(&TERMINAL);
            if REDRAW.swap(false, Ordering::SeqCst) {
                // Back from a suspend on a blank screen: draw everything again. (Not
                // `terminal.clear()`: it asks the terminal where the cursor is and fails when
                // no answer comes.) An empty frame first makes the next one complete.
                terminal.draw(|_| {}).map_err(io)?;
                execute!(
                    stdout(),
                    crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
                )
                .map_err(io)?;
            }
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
        let ready = match fd {
            // Events crossterm already read stay with it: ask it first, then wait ourselves.
            Some(fd) if !pending().map_err(io)? => match wait_for_terminal(fd, wait) {
                Wait::Gone => {
                    return Err(format!("{GONE}; your work was saved."));
                }
                Wait::Timeout => false,
                Wait::Ready => pending().map_err(io)?,
            },
            Some(_) => true,
            None => event::poll(wait).map_err(io)?,
        };
        if ready {
            // Handle every key already waiting (a fast typist, a paste) before drawing again.
            let mut handled = 0;
            loop {
                let ev = event::read().map_err(io)?;
                #[cfg(debug_assertions)]
                crash_if_a_test_asks(&ev);
                if is_ctrl_z(&ev) {
                    flush(app);
                    *lock(snapshot) = app.snapshot();
                    suspend(snapshot);
                    break;
                }
                if let Some(msg) = keys::message(app, &ev) {
                    dispatch_deferred(app, msg);
                }
                handled += 1;
                if app.quit || handled >= 512 || !pending().map_err(io)? {
                    break;
                }
            }
            // The list is brought up to date once for the whole batch, before drawing.
            app.refresh();
            *lock(snapshot) = app.snapshot();
        } else if !REDRAW.load(Ordering::SeqCst) {
            flush(app);
        }
    }
}

/// Ctrl+Z: in raw mode the terminal sends it as a key instead of suspending the program.
fn is_ctrl_z(ev: &event::Event) -> bool {
    matches!(ev, event::Event::Key(k)
        if k.kind == event::KeyEventKind::Press
            && k.modifiers.contains(event::KeyModifiers::CONTROL)
            && matches!(k.code, event::KeyCode::Char('z') | event::KeyCode::Char('Z')))
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
