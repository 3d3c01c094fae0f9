//! Which signals end the app, so that what is typed is saved and the terminal put back first.
//!
//! Every signal whose default action ends the process is listed here except those that cannot
//! or should not be caught: SIGKILL and SIGSTOP (the system never lets a program catch them),
//! SIGSEGV, SIGBUS, SIGILL and SIGFPE (a fault in the program itself; Rust uses SIGSEGV and
//! SIGBUS to report a stack overflow), and SIGABRT (the program aborting itself, when running
//! more code is not safe). SIGPIPE and SIGXFSZ are ignored instead (a write then fails and is
//! reported); SIGTSTP suspends. See `docs/reliability.md`.

/// The signals that make the app save, restore the terminal and exit with 128 + the number.
pub fn ending() -> Vec<i32> {
    let mut all = vec![
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGXCPU,
        libc::SIGSYS,
        libc::SIGTRAP,
        libc::SIGIO,
        libc::SIGPWR,
        #[cfg(any(target_os = "linux", target_os = "android"))]
        libc::SIGSTKFLT,
    ];
    // The real-time signals, whose default is to end the process too.
    all.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ending_signals_leave_out_what_cannot_or_must_not_be_caught() {
        let all = ending();
        for never in [
            libc::SIGKILL,
            libc::SIGSTOP,
            libc::SIGSEGV,
            libc::SIGBUS,
            libc::SIGILL,
            libc::SIGFPE,
            libc::SIGABRT,
            libc::SIGPIPE,
            libc::SIGXFSZ,
            libc::SIGTSTP,
            libc::SIGCHLD,
            libc::SIGWINCH,
            libc::SIGCONT,
        ] {
            assert!(!all.contains(&never), "{never}");
        }
        assert!(all.contains(&libc::SIGRTMAX()) && all.contains(&libc::SIGVTALRM));
        // Exit statuses stay within a byte.
        assert!(all.iter().all(|s| 128 + s <= 255));
    }
}
