//! Crash during save: a child process saves the checklist and the profile over and over and is
//! killed with SIGKILL at random moments until 500 kills have landed while it was saving. After
//! every kill both files must load and hold exactly the state before or after the interrupted
//! save: never a mix, never empty.
//!
//! The moment of each kill is chosen in the child's own progress, not in wall-clock time, so a
//! slow or loaded machine gets the same kills: after it reports that it started (and 0-3 whole
//! rounds of saves), then a random part of the time one round of saves has been taking.
//!
//! The child is this same test binary, re-run with `--exact save_loop_child` and
//! `HER2PREP_SAVE_LOOP` pointing at the data folder (no extra binary to build).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use her2prep::profile::Profile;
use her2prep::state::State;
use her2prep::storage::{Loaded, Paths};

/// Kills that must land while the child saves.
const KILLS: usize = 500;
/// The most children started (one in ten is killed during its start-up instead).
const MAX_ATTEMPTS: usize = 2000;

/// The state the child writes as its `k`-th save: sizes vary from a few bytes to ~200 KB so
/// a kill can land anywhere in a write.
fn state_for(k: u64) -> State {
    let mut s = State::default();
    s.set_answer("serial", &k.to_string()).unwrap();
    let len = (k.wrapping_mul(7919) % 200_000) as usize;
    let letter = (b'a' + (k % 26) as u8) as char;
    s.set_answer(&format!("q-{}", k % 7), &letter.to_string().repeat(len))
        .unwrap();
    for i in 0..(k % 40) {
        s.add_own(&format!("Question {i} of save {k}?"), "")
            .unwrap();
    }
    s
}

/// The profile saved right after state `k`.
fn profile_for(k: u64) -> Profile {
    let stage = ["0", "I", "II", "III", "IV"][(k % 5) as usize];
    Profile::from_yaml(&format!("name: Save{k}\nstage: {stage}\ner: positive\n")).unwrap()
}

fn profile_serial(p: &Profile) -> Option<u64> {
    p.name.as_deref()?.strip_prefix("Save")?.parse().ok()
}

fn serial(s: &State) -> Option<u64> {
    s.items.get("serial")?.answer.parse().ok()
}

/// The child: continue from what is on disk, then save k+1, k+2, ... until killed.
#[test]
fn save_loop_child() {
    let Some(dir) = std::env::var_os("HER2PREP_SAVE_LOOP") else {
        return; // only runs as the child of `sigkill_during_saves_never_loses_or_mixes`
    };
    let paths = Paths::at(dir);
    let _lock = paths
        .lock()
        .expect("lock (a killed child's lock must be stale)");
    let mut k = match paths.load_state().unwrap() {
        Loaded::Missing => 0,
        Loaded::Found(s) => serial(&s).expect("serial"),
        Loaded::MovedAside { reason, .. } => panic!("state was damaged: {reason}"),
    };
    let mut out = std::io::stdout();
    writeln!(out, "start {k}").unwrap();
    loop {
        k += 1;
        paths.save_state(&state_for(k)).unwrap();
        paths.save_profile(&profile_for(k)).unwrap();
        writeln!(out, "saved {k}").unwrap();
        out.flush().unwrap();
    }
}

/// A small deterministic random source (the seed is printed so a failure can be replayed).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sigkill_during_saves_never_loses_or_mixes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("her2prep");
    let paths = Paths::at(&data);
    let seed = std::env::var("HER2PREP_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("seed {seed} (set HER2PREP_CRASH_SEED to replay)");
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let (mut saves, mut mid_save, mut leftovers, mut no_progress) = (0u64, 0usize, 0usize, 0usize);
    // Kills after the child said it started (it saves from then on), of which after at least
    // one whole round of this run; kills during start-up (loading, locking); children started.
    let (mut while_saving, mut after_a_round, mut in_startup, mut attempts) = (0, 0, 0, 0);
    // How long one round (checklist then profile) takes here, as last seen: kills are timed
    // as a part of it.
    let mut round = Duration::from_millis(5);
    let mut last_profile = 0u64;
    // Once a profile was on disk it never vanishes (before that, every kill may have landed
    // between a round's checklist save and its profile save).
    let mut profile_seen = false;
    let mut expected: Option<u64> = None; // the serial on disk after the previous run
    while while_saving < KILLS {
        assert!(
            attempts < MAX_ATTEMPTS,
            "only {while_saving} of {KILLS} kills landed while saving in {MAX_ATTEMPTS} runs"
        );
        let kill = attempts;
        attempts += 1;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "save_loop_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("HER2PREP_SAVE_LOOP", &data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a random moment: one time in ten during start-up (loading, locking), else
        // once it has started and finished 0-3 whole rounds, then a random part of a round.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut out = String::new();
        if rng.next().is_multiple_of(10) {
            std::thread::sleep(Duration::from_micros(rng.next() % 30_000));
        } else {
            let rounds = rng.next() % 4;
            let mut seen = 0;
            let mut since = Instant::now();
            while seen < rounds || !out.contains("start ") {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap() == 0 {
                    break;
                }
                if line.starts_with("saved ") {
                    seen += 1;
                    round = since.elapsed();
                }
                since = Instant::now();
                out.push_str(&line);
            }
            let part = round.as_micros() as u64 * (rng.next() % 1000) / 1000;
            std::thread::sleep(Duration::from_micros(part));
        }
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        stdout.read_to_string(&mut out).unwrap();
        assert!(
            !out.contains("panicked"),
            "kill {kill}: the child failed before it was killed: {out}"
        );
        assert!(
            status.code().is_none(),
            "kill {kill}: child exited by itself: {out}"
        );

        let start = out
            .lines()
            .find_map(|l| l.split_once("start ").map(|(_, n)| n))
            .map(|n| n.parse::<u64>().unwrap());
        let last_saved = out
            .lines()
            .filter_map(|l| l.strip_prefix("saved "))
            .map(|n| n.parse::<u64>().unwrap())
            .next_back();
        if let (Some(start), Some(expected)) = (start, expected) {
            assert_eq!(
                start, expected,
                "kill {kill}: the child resumed from another save"
            );
        }
        // The last save known to have finished, or what was there before this run.
        let before = last_saved.or(start).or(expected).filter(|b| *b > 0);

        // The file never disappears once written, is never empty, and is exactly one state.
        let on_disk = match paths.read_state() {
            Ok(Some(s)) => Some(s),
            Ok(None) => None,
            Err(e) => panic!("kill {kill}: the checklist could not be read: {e:?}"),
        };
        let on_disk_serial = match (&on_disk, before) {
            (None, None) => None,
            (None, Some(b)) => panic!("kill {kill}: the file vanished after save {b}"),
            (Some(s), _) => {
                let k = serial(s).expect("serial");
                assert_eq!(*s, state_for(k), "kill {kill}: the file is a mix of saves");
                Some(k)
            }
        };
        // The profile, saved after the checklist each time: whole and in order.
        if let Some(k) = on_disk_serial {
            match paths.load_profile() {
                Ok(Loaded::Found(p)) => {
                    let pk = profile_serial(&p).expect("profile serial");
                    assert_eq!(p, profile_for(pk), "kill {kill}: the profile is a mix");
                    // Never older than the last finished round, never ahead of the checklist,
                    // never going back.
                    assert!(
                        pk <= k && pk >= last_saved.unwrap_or(0) && pk >= last_profile,
                        "kill {kill}: profile {pk}, checklist {k}, last finished {last_saved:?}"
                    );
                    last_profile = pk;
                    profile_seen = true;
                }
                Ok(Loaded::Missing) => assert!(!profile_seen, "kill {kill}: the profile vanished"),
                other => panic!("kill {kill}: the profile could not be read: {other:?}"),
            }
        }
        match (before, on_disk_serial) {
            (Some(b), Some(k)) => {
                assert!(
                    k == b || k == b + 1,
                    "kill {kill}: on disk is save {k}, but the last finished save was {b}"
                );
                if k == b + 1 && last_saved.is_some() {
                    mid_save += 1; // the interrupted save had already landed
                }
            }
            (None, Some(k)) => assert_eq!(k, 1, "kill {kill}: first save"),
            _ => {}
        }
        if last_saved.is_none() {
            no_progress += 1;
        }
        if start.is_some() {
            while_saving += 1;
            if last_saved.is_some() {
                after_a_round += 1;
            }
        } else {
            in_startup += 1;
        }
        saves += last_saved.unwrap_or(0).saturating_sub(start.unwrap_or(0));
        leftovers += std::fs::read_dir(&data)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                    .count()
            })
            .unwrap_or(0);
        expected = on_disk_serial.or(expected);
    }
    // A later start (taking the lock) clears the temporary files killed saves left behind.
    let lock = paths.lock().unwrap();
    let names: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    drop(lock);
    assert_eq!(
        names.len(),
        3,
        "only the checklist, the profile and the lock: {names:?}"
    );
    println!(
        "{attempts} kills in {:.1}s: {while_saving} while saving ({after_a_round} after a whole round of that run), {in_startup} during start-up; {saves} rounds (checklist then profile) finished, {mid_save} kills after the checklist save landed but before the round was reported, {no_progress} kills before the run's first round finished, {leftovers} leftover temp files seen (all removed at the next start)",
        started.elapsed().as_secs_f64()
    );
    // Three kills in four wait for a finished round first, however slow the machine is.
    assert!(
        after_a_round >= KILLS / 2,
        "only {after_a_round} of {while_saving} kills came after a finished round"
    );
    // Kills spread over the round: some land between the checklist's rename and the report.
    assert!(
        mid_save > 0,
        "no kill landed after a checklist save was on disk but before its round was reported"
    );
}
