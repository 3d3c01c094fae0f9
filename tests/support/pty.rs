//! The real program in a pseudo-terminal (portable-pty), its screen read back through a
//! terminal emulator (vt100). Shared by the end-to-end tests.

#![allow(dead_code)] // each test file uses its own part

use std::io::{Read, Write};
use std::num::NonZero;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_her2prep");

/// The program running in a pseudo-terminal.
pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Tells the reading thread to let go of the terminal after its next read.
    pub stop: Arc<AtomicBool>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// The program at 80x24, its data kept under `config`.
    pub fn start(config: &Path) -> Session {
        Session::sized(config, 24, 80)
    }

    /// The program at the given size, its data kept under `config`.
    pub fn sized(config: &Path, rows: u16, cols: u16) -> Session {
        Session::spawn(program(config), rows, cols)
    }

    /// Runs `cmd` in a new pseudo-terminal.
    pub fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZero::new(rows).unwrap(),
            NonZero::new(cols).unwrap(),
            0,
        )));
        let feed = Arc::clone(&screen);
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stopping.load(Ordering::SeqCst) {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            screen,
            stop,
            writer,
            child,
            master: pair.master,
        }
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `what`.
    pub fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed {what:?}; it shows:\n{}",
            self.text()
        );
    }

    /// Waits until the screen shows `what`, however its words are wrapped.
    pub fn wait_for_words(&self, what: &str) {
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let want = words(what);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if words(&self.text()).contains(&want) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed {what:?}; it shows:\n{}",
            self.text()
        );
    }

    /// True while the program runs.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the program draw before the next key.
        std::thread::sleep(Duration::from_millis(40));
    }

    /// Waits for the program to end and returns its exit code.
    pub fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not end; screen:\n{}", self.text());
    }

    /// Presses Enter on each walk-through step, from step `from` on, each time waiting for the
    /// next one to show, until the date step is on screen.
    pub fn enter_to_the_date(&mut self, from: usize) {
        let mut step = from;
        while !self.text().contains("When is the next appointment?") {
            assert!(step < 30, "stuck:\n{}", self.text());
            self.keys(ENTER);
            step += 1;
            self.wait_for(&format!("Step {step} of"));
        }
    }

    /// Sends the signal named like `kill -NAME`.
    pub fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("a pid");
        let ok = std::process::Command::new("kill")
            .args([format!("-{sig}"), pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} {pid}");
    }
}

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const DOWN: &str = "\x1b[B";

/// The data folder of a program started with [`program`] under `config`.
pub fn data(config: &Path) -> std::path::PathBuf {
    config.join("her2prep")
}

/// The program with its data kept under `config`, without colours.
pub fn program(config: &Path) -> CommandBuilder {
    command(config, [BIN])
}

/// `argv` (which runs the program in some way) with the program's data kept under `config`,
/// without colours.
pub fn command<S: AsRef<std::ffi::OsStr>>(
    config: &Path,
    argv: impl IntoIterator<Item = S>,
) -> CommandBuilder {
    let mut argv = argv.into_iter();
    let mut cmd = CommandBuilder::new(argv.next().expect("a program"));
    cmd.args(argv);
    cmd.env("XDG_CONFIG_HOME", config);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    cmd
}
