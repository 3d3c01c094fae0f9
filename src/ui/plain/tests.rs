//! The plain mode's translation of typed lines into the full-screen keys' messages, and its
//! conversation, in process.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::{Date, date};
use ratatui_textarea::Key;

use super::words::{Act, Cmd, TABLE, Then, Where, help, key, pick, rows, translate, where_};
use super::{answer, session, wanted};
use crate::bank::Bank;
use crate::profile::{Er, Mutation, Role};
use crate::ui::app::{App, Message, Screen};
use crate::ui::keys;
use crate::ui::runtime::dispatch;
use crate::ui::steps::Step;
use crate::ui::walk::WalkState;

const TODAY: Date = date(2026, 11, 21);

fn new_app() -> App {
    let mut app = App::new(Bank::builtin().expect("built-in bank"), None, TODAY);
    app.export_dir = Some("/nonexistent-her2prep-test/exports".into());
    app
}

/// The app on walk-through step `step`.
fn at_step(step: Step) -> App {
    let mut app = new_app();
    let mut w = WalkState::start(&app.profile, None);
    w.enter(&app.profile, step);
    app.screen = Screen::Walk(w);
    app
}

/// The messages a typed line sends, selections made on the app as it is.
fn sent(app: &App, line: &str) -> Vec<Message> {
    translate(app, line).messages(app)
}

/// What the full-screen key table makes of these keys on this app.
fn keys_of(app: &App, codes: &[KeyCode]) -> Vec<Message> {
    codes
        .iter()
        .map(|c| keys::message(app, &Event::Key(KeyEvent::new(*c, KeyModifiers::NONE))).unwrap())
        .collect()
}

#[test]
fn a_choice_by_number_or_word_is_the_keys_that_choose_it() {
    let app = at_step(Step::Er);
    let by_keys = keys_of(
        &app,
        &[KeyCode::Home, KeyCode::Down, KeyCode::Down, KeyCode::Enter],
    );
    assert_eq!(sent(&app, "3"), by_keys);
    assert_eq!(sent(&app, "negative"), by_keys);
    assert_eq!(sent(&app, "  Negative "), by_keys);
    let mut app = app;
    let plan = translate(&app, "3");
    assert_eq!(plan.then, Then::Chose("Negative".into()));
    for m in plan.messages(&app) {
        dispatch(&mut app, m);
    }
    assert_eq!(app.profile.er, Er::Negative);
    assert!(matches!(&app.screen, Screen::Walk(w) if w.step == Step::Pr));
}

#[test]
fn the_welcome_choice_takes_the_words_of_the_role() {
    let app = new_app();
    assert_eq!(sent(&app, "caregiver"), [Message::Down, Message::Enter]);
    assert_eq!(sent(&app, "2"), [Message::Down, Message::Enter]);
    assert_eq!(sent(&app, "patient"), [Message::Up, Message::Enter]);
    assert_eq!(sent(&app, ""), [Message::Enter]);
    let mut app = app;
    for m in sent(&app, "caregiver") {
        dispatch(&mut app, m);
    }
    assert_eq!(app.profile.role, Role::Caregiver);
    assert_eq!(where_(&app), Where::Name);
    // The name replaces what the field holds.
    let m = sent(&app, "Rosa");
    assert_eq!(
        m,
        [key(Key::End), Message::Paste("Rosa".into()), Message::Enter]
    );
}

#[test]
fn words_that_fit_several_choices_ask_for_the_number() {
    let app = at_step(Step::Brca);
    let plan = translate(&app, "yes");
    assert!(plan.acts.is_empty());
    assert_eq!(
        plan.then,
        Then::Say("\"yes\" fits more than one choice (1, 2, 3, 5). Type the number.".into())
    );
    // A number that is no choice's is looked for in the words: "50" is "50 to 65".
    let app = at_step(Step::Age);
    assert_eq!(
        sent(&app, "50")[..3],
        [Message::Home, Message::Down, Message::Down]
    );
    let choices: Vec<String> = ["0", "1+", "2+ (borderline)"].map(String::from).into();
    assert_eq!(pick(&choices, "2+"), Ok(2));
    assert_eq!(
        pick(&choices, "2"),
        Ok(1),
        "a number is the choice's number"
    );
    assert!(
        pick(&choices, "7")
            .unwrap_err()
            .contains("There is no choice 7")
    );
    let formats: Vec<String> = crate::ui::export::Output::ALL
        .iter()
        .map(|o| o.label().to_string())
        .collect();
    assert_eq!(
        formats[pick(&formats, "pdf").unwrap()],
        "PDF, ready to print",
        "the one that starts with the word"
    );
}

#[test]
fn several_changes_are_ticked_and_none_found_goes_on() {
    let mut app = at_step(Step::Mutations);
    assert_eq!(
        sent(&app, "1 3"),
        [
            Message::Home,
            Message::Toggle,
            Message::Home,
            Message::Down,
            Message::Down,
            Message::Toggle
        ]
    );
    for m in sent(&app, "1 3") {
        dispatch(&mut app, m);
    }
    assert!(app.profile.tumor_mutations.contains(&Mutation::Pik3ca));
    assert!(app.profile.tumor_mutations.contains(&Mutation::Akt1));
    assert!(matches!(&app.screen, Screen::Walk(w) if w.step == Step::Mutations));
    for m in sent(&app, "5") {
        dispatch(&mut app, m);
    }
    assert!(app.profile.tumor_mutations.is_empty(), "none found");
    assert!(!matches!(&app.screen, Screen::Walk(w) if w.step == Step::Mutations));
}

#[test]
fn a_wrong_date_is_said_and_enter_alone_keeps_the_saved_one() {
    let mut app = at_step(Step::Date);
    let out = answer(&mut app, "next tuesday");
    assert!(
        out.iter().any(|l| l.contains("is not a date I can read")),
        "{out:?}"
    );
    assert!(matches!(&app.screen, Screen::Walk(w) if w.step == Step::Date));
    // Enter alone: the wrong text is taken out, the (empty) saved date kept.
    let m = sent(&app, "");
    assert_eq!(m[0], key(Key::End));
    assert_eq!(m.len(), 1 + "next tuesday".len() + 1);
    assert_eq!(m.last(), Some(&Message::Enter));
    answer(&mut app, "");
    assert!(matches!(app.screen, Screen::Results(_)));
    assert_eq!(app.profile.appointment.date, None);
}

/// The app on the checklist of an HR+ profile.
fn on_list() -> App {
    let mut app = new_app();
    app.profile.er = Er::Positive;
    app.screen = Screen::checklist();
    app.refresh();
    app
}

#[test]
fn list_commands_select_the_question_by_its_number() {
    let mut app = on_list();
    let list = app.checklist();
    let second = list.items[1].id.clone();
    let plan = translate(&app, "tick 2");
    assert_eq!(
        plan.acts,
        [Act::Select(second.clone()), Act::Send(Message::Toggle)]
    );
    assert_eq!(
        plan.messages(&app),
        keys_of(&app, &[KeyCode::Home, KeyCode::Down, KeyCode::Char(' ')])
    );
    let out = answer(&mut app, "tick 2");
    assert!(app.state.item(&second).asked);
    assert_eq!(out.len(), 1);
    assert!(
        out[0].contains("(ticked as asked") || out[0].contains("; ticked as asked"),
        "{out:?}"
    );
    answer(&mut app, "answer 2 In two weeks.");
    assert_eq!(app.state.item(&second).answer, "In two weeks.");
    // A second answer goes on a line of its own after the first.
    answer(&mut app, "answer 2");
    assert_eq!(where_(&app), Where::Answer);
    // In a text field a command alone is a command; a longer line is the text.
    assert_eq!(translate(&app, "back to work on Monday").then, Then::Screen);
    answer(&mut app, "back to work on Monday");
    assert_eq!(
        app.state.item(&second).answer,
        "In two weeks.\nback to work on Monday"
    );
    assert_eq!(where_(&app), Where::List);
    answer(&mut app, "clear 2");
    assert_eq!(app.state.item(&second).answer, "");
    for bad in ["tick", "tick 0", "tick 9999", "star x"] {
        let plan = translate(&app, bad);
        assert!(plan.acts.is_empty(), "{bad}");
        assert!(
            matches!(plan.then, Then::Say(ref s) if !s.is_empty()),
            "{bad}"
        );
    }
}

#[test]
fn an_own_question_is_typed_then_put_under_a_topic() {
    let mut app = on_list();
    answer(&mut app, "add Can my sister come with me?");
    assert_eq!(where_(&app), Where::AddOwnTopic);
    let topics = app.topics().len();
    let out = answer(&mut app, &topics.to_string());
    assert_eq!(where_(&app), Where::List);
    assert!(
        out.iter()
            .any(|l| l.contains("Can my sister come with me? (your own question")),
        "{out:?}"
    );
    assert_eq!(app.state.own.len(), 1);
    assert_eq!(app.state.own[0].topic, "");
}

#[test]
fn help_comes_from_the_one_table_and_no_word_means_two_things() {
    for at in [
        Where::Role,
        Where::Name,
        Where::WalkOne,
        Where::WalkMany,
        Where::WalkDate,
        Where::Results,
        Where::List,
        Where::Export,
        Where::Answer,
        Where::AddOwn,
        Where::AddOwnTopic,
        Where::EndVisit,
        Where::Past,
        Where::Filter,
        Where::ReportFound,
    ] {
        let h = help(at);
        assert_eq!(h.len(), rows(at).count() + 1, "{at:?}");
        let mut seen = std::collections::HashSet::new();
        for r in rows(at) {
            assert!(
                h.iter().any(|l| l.starts_with(r.usage)),
                "{at:?}: {}",
                r.usage
            );
            for w in r.words {
                assert!(seen.insert(*w), "{at:?}: {w} twice");
            }
        }
        assert!(rows(at).any(|r| r.cmd == Cmd::Quit), "{at:?}: quit");
        assert!(rows(at).any(|r| r.cmd == Cmd::Help), "{at:?}: help");
    }
    assert!(
        TABLE
            .iter()
            .all(|r| !r.usage.is_empty() && !r.does.is_empty())
    );
}

#[test]
fn a_conversation_is_plain_lines_and_the_end_of_input_quits() {
    let mut app = new_app();
    let input = "2\nRosa\npositive\nwhat\n";
    let mut out = Vec::new();
    let mut kept = 0;
    session(&mut app, input.as_bytes(), &mut out, true, |_| kept += 1);
    let out = String::from_utf8(out).unwrap();
    assert!(app.quit, "the end of the input quits");
    assert!(kept >= 4);
    assert!(!out.contains('\u{1b}'), "{out}");
    assert_eq!(app.profile.name.as_deref(), Some("Rosa"));
    assert_eq!(app.profile.er, Er::Positive);
    assert!(out.contains("\nName> \n"), "{out}");
    assert!(out.contains("\"what\" is not one of the choices"), "{out}");
    for l in out.lines() {
        if let Some(i) = l.find("> ") {
            assert_eq!(i + 2, l.len(), "{l:?}");
        }
    }
}

#[test]
fn plain_mode_is_chosen_by_the_flag_a_dumb_terminal_or_no_terminal() {
    let xterm = Some(std::ffi::OsStr::new("xterm-256color"));
    let dumb = Some(std::ffi::OsStr::new("dumb"));
    assert!(!wanted(false, xterm, true, true));
    assert!(!wanted(false, None, true, true));
    assert!(wanted(true, xterm, true, true));
    assert!(wanted(false, dumb, true, true));
    assert!(wanted(false, xterm, false, true), "input from a pipe");
    assert!(wanted(false, xterm, true, false), "output to a pipe");
}

/// `answer`, with the app said to be in plain mode (as `session` sets it).
fn plain(app: &mut App, line: &str) -> Vec<String> {
    app.plain = true;
    answer(app, line)
}

/// Whether a line names a full-screen key: "Press v", "press Enter", "Esc", "Space ticks".
fn names_a_key(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "esc")
        || lower.contains("space ticks")
        || lower.split("press ").skip(1).any(|after| {
            let key = after.split([' ', ',', '.', ')']).next().unwrap_or("");
            key.chars().count() == 1 || ["enter", "tab", "space", "esc"].contains(&key)
        })
}

#[test]
fn hide_and_hidden_are_the_keys_h_and_shift_h_and_say_what_happened() {
    let mut app = on_list();
    let list = app.checklist();
    let (second, text) = (list.items[1].id.clone(), list.items[1].text.clone());
    assert_eq!(
        translate(&app, "hide 2").messages(&app),
        keys_of(&app, &[KeyCode::Home, KeyCode::Down, KeyCode::Char('h')])
    );
    let out = plain(&mut app, "hide 2");
    assert!(app.state.item(&second).hidden);
    assert!(!app.checklist().items.iter().any(|i| i.id == second));
    assert_eq!(out[0], format!("Question 2 is hidden: {text}"), "{out:?}");
    assert!(
        out.iter()
            .any(|l| l == "Hidden. Type hidden to show hidden questions again."),
        "{out:?}"
    );
    assert_eq!(sent(&app, "hidden"), [Message::ShowHidden]);
    let out = plain(&mut app, "hidden");
    assert!(
        out.iter().any(|l| l.contains("hidden ones shown")),
        "{out:?}"
    );
    assert!(app.checklist().items.iter().any(|i| i.id == second));
    for bad in ["hide", "hide 0", "hide x"] {
        assert!(translate(&app, bad).acts.is_empty(), "{bad}");
    }
}

#[test]
fn move_n_up_down_or_top_is_the_move_keys_and_says_where_it_went() {
    let mut app = on_list();
    plain(&mut app, "all");
    let list = app.checklist();
    // A question with another of its topic just before it.
    let j = (1..list.items.len())
        .find(|j| list.items[*j].topic == list.items[j - 1].topic)
        .expect("two questions of one topic side by side");
    let id = list.items[j].id.clone();
    let line = format!("move {} up", j + 1);
    let mut keys = vec![KeyCode::Home];
    keys.extend(std::iter::repeat_n(KeyCode::Down, j));
    keys.push(KeyCode::Char('K'));
    assert_eq!(translate(&app, &line).messages(&app), keys_of(&app, &keys));
    assert_eq!(
        sent(&app, &format!("move {} top", j + 1)).last(),
        Some(&Message::MoveTop)
    );
    assert_eq!(
        sent(&app, &format!("move {} down", j + 1)).last(),
        Some(&Message::MoveDown)
    );
    let out = plain(&mut app, &line);
    assert_eq!(app.checklist().items[j - 1].id, id, "{out:?}");
    assert!(
        out[0].starts_with(&format!("Question {} is now number {}. ", j + 1, j)),
        "{out:?}"
    );
    assert!(!app.state.order.is_empty(), "the new order is kept");
    for bad in ["move", "move 2", "move up", "move 1 2 up"] {
        let plan = translate(&app, bad);
        assert!(plan.acts.is_empty(), "{bad}");
        assert!(
            matches!(plan.then, Then::Say(ref s) if s.contains("move 3 up")),
            "{bad}"
        );
    }
}

#[test]
fn size_and_all_say_the_visit_list_as_the_header_does() {
    let mut app = on_list();
    let out = plain(&mut app, "list");
    let total = app.checklist().total;
    let n = app.checklist().visit_items().len();
    assert!(
        out[1].starts_with(&format!("Questions for this visit: {n} of {total}")),
        "{out:?}"
    );
    let before = app.state.visit_len();
    assert_eq!(sent(&app, "size"), [Message::Top]);
    assert_eq!(sent(&app, "top"), [Message::Top]);
    let out = plain(&mut app, "size");
    assert_ne!(app.state.visit_len(), before);
    assert!(
        out.iter().any(|l| l.contains(&format!(
            "The visit list now holds your {} best questions (size changes it;",
            app.state.visit_len()
        ))),
        "{out:?}"
    );
    assert_eq!(sent(&app, "all"), [Message::AllQuestions]);
    let out = plain(&mut app, "all");
    assert!(
        out[1].starts_with(&format!("All my questions: {total}, this visit's")),
        "{out:?}"
    );
    assert!(app.screen.list_state().unwrap().options.all);
}

#[test]
fn for_lists_the_clinicians_and_for_a_name_or_number_picks_one() {
    use crate::profile::Clinician;
    let mut app = on_list();
    let only_for = |app: &App| app.screen.list_state().unwrap().options.only_for;
    let out = plain(&mut app, "for");
    assert_eq!(where_(&app), Where::Filter);
    assert!(out.iter().any(|l| l.starts_with("1. Everyone")), "{out:?}");
    assert!(out.iter().any(|l| l.contains("Surgeon")), "{out:?}");
    let surgeon = out
        .iter()
        .find_map(|l| l.strip_suffix(". Surgeon"))
        .expect("the surgeon numbered")
        .to_string();
    plain(&mut app, &surgeon);
    assert_eq!(where_(&app), Where::List);
    assert_eq!(only_for(&app), Some(Clinician::Surgeon));
    plain(&mut app, "for everyone");
    assert_eq!(only_for(&app), None);
    let out = plain(&mut app, "for surgeon");
    assert_eq!(only_for(&app), Some(Clinician::Surgeon));
    assert!(out[1].contains(", for Surgeon"), "{out:?}");
    plain(&mut app, "for all");
    assert_eq!(only_for(&app), None);
    plain(&mut app, &format!("for {surgeon}"));
    assert_eq!(only_for(&app), Some(Clinician::Surgeon));
    // Back clears it, as Esc does.
    plain(&mut app, "back");
    assert_eq!(only_for(&app), None);
    assert!(translate(&app, "for nobody-at-all").acts.is_empty());
}

#[test]
fn find_words_searches_and_find_alone_clears_it() {
    let mut app = on_list();
    let query = |app: &App| app.screen.list_state().unwrap().query.clone();
    let out = plain(&mut app, "find chemotherapy");
    assert_eq!(query(&app), "chemotherapy");
    assert_eq!(
        where_(&app),
        Where::List,
        "the search field is closed again"
    );
    assert!(out[1].contains("match \"chemotherapy\""), "{out:?}");
    plain(&mut app, "find radiotherapy");
    assert_eq!(query(&app), "radiotherapy");
    plain(&mut app, "find");
    assert_eq!(query(&app), "");
    let out = plain(&mut app, "find zzzxqy");
    assert!(
        out.iter()
            .any(|l| l == "No question matches your search. Type back to clear it."),
        "{out:?}"
    );
    plain(&mut app, "back");
    assert_eq!(query(&app), "");
}

#[test]
fn past_says_each_visit_and_what_was_asked_and_answered() {
    let mut app = on_list();
    let out = plain(&mut app, "past");
    assert_eq!(where_(&app), Where::Past);
    assert!(
        out.iter().any(|l| l.starts_with(
            "No visits saved yet. Type visit on your list when the appointment starts"
        )),
        "{out:?}"
    );
    plain(&mut app, "back");
    plain(&mut app, "visit");
    let first = app.checklist().items[0].text.clone();
    plain(&mut app, "tick 1");
    plain(&mut app, "answer 1 Yes, in May.");
    plain(&mut app, "visit");
    plain(&mut app, "yes");
    assert_eq!(app.state.visits.len(), 1);
    let out = plain(&mut app, "past");
    assert!(
        out.iter()
            .any(|l| l.starts_with("Visit of Sat 21 Nov 2026, with ")
                && l.ends_with(": 1 question noted.")),
        "{out:?}"
    );
    assert!(
        out.contains(&format!("Asked: {first} (answer: Yes, in May.)")),
        "{out:?}"
    );
}

/// A report on file, from the test reports.
fn report_file() -> String {
    format!(
        "{}/tests/fixtures/reports/01-cap-synoptic-hr-positive.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn report_reads_a_file_says_each_finding_and_use_applies_them() {
    let mut app = at_step(Step::Er);
    let out = plain(&mut app, "again");
    assert!(
        out.iter()
            .any(|l| l.starts_with("Have the report as a file? Type report")),
        "{out:?}"
    );
    let out = plain(&mut app, &format!("report {}", report_file()));
    assert_eq!(where_(&app), Where::ReportFound, "{out:?}");
    assert!(
        out.iter().any(|l| l.starts_with("What I found in")),
        "{out:?}"
    );
    assert!(out.iter().any(|l| l.contains("(found)")), "{out:?}");
    assert!(out.iter().all(|l| !names_a_key(l)), "{out:?}");
    // Back uses nothing.
    plain(&mut app, "back");
    assert!(matches!(&app.screen, Screen::Walk(w) if w.step == Step::Er));
    assert_eq!(app.profile.er, Er::Unknown);
    plain(&mut app, &format!("report {}", report_file()));
    let out = plain(&mut app, "use");
    assert!(matches!(&app.screen, Screen::Walk(_)), "{out:?}");
    assert_eq!(app.profile.er, Er::Positive);
    assert!(
        out.iter().any(|l| l.contains("filled in from your report")),
        "{out:?}"
    );
    assert!(
        out.iter().any(|l| l.starts_with("From your report: line ")),
        "{out:?}"
    );
}

#[test]
fn a_report_file_that_cannot_be_read_is_said_and_the_question_stays() {
    let mut app = new_app();
    let mut w = WalkState::start(&app.profile, None);
    w.enter(&app.profile, Step::Er);
    app.screen = Screen::Walk(w);
    let input = "report /nonexistent-her2prep/report.pdf\n";
    let mut out = Vec::new();
    session(&mut app, input.as_bytes(), &mut out, true, |_| ());
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("Type report and the file's path to try again"),
        "{out}"
    );
    assert!(!out.contains("What I found"), "{out}");
    assert_eq!(app.profile.er, Er::Unknown);
    assert!(matches!(app.screen, Screen::Walk(_)));
}

#[test]
fn no_status_or_hint_of_a_plain_session_names_a_full_screen_key() {
    let mut app = new_app();
    let mut w = WalkState::start(&app.profile, None);
    w.enter(&app.profile, Step::Er);
    app.screen = Screen::Walk(w);
    let steps = format!("report {}\nuse\n{}", report_file(), "\n".repeat(40));
    let list = [
        "list",
        "about 1",
        "tick 1",
        "star 2",
        "hide 3",
        "hidden",
        "hide 1",
        "hidden",
        "move 2 top",
        "size",
        "all",
        "all",
        "for",
        "2",
        "for everyone",
        "find zzzxqy",
        "back",
        "find",
        "past",
        "back",
        "add",
        "back",
        "visit",
        "answer 1 Fine.",
        "visit",
        "yes",
        "past",
        "back",
        "export",
        "back",
        "results",
        "next",
    ];
    let input = format!("{steps}{}\n", list.join("\n"));
    let mut out = Vec::new();
    session(&mut app, input.as_bytes(), &mut out, true, |_| ());
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Your questions for this visit."), "{out}");
    assert!(out.contains("Question 3 is hidden"), "{out}");
    assert!(out.contains("Visit of "), "{out}");
    assert!(out.contains("The visit list now holds your"), "{out}");
    let keyed: Vec<&str> = out.lines().filter(|l| names_a_key(l)).collect();
    assert!(keyed.is_empty(), "key names in: {keyed:#?}");
}

#[test]
fn the_welcome_back_names_the_words_in_plain_mode_and_the_keys_full_screen() {
    let dir = tempfile::tempdir().unwrap();
    let paths = crate::storage::Paths::at(dir.path().to_path_buf());
    let profile = crate::profile::Profile {
        er: Er::Positive,
        ..Default::default()
    };
    paths.save_profile(&profile).unwrap();
    let bank = || Bank::builtin().unwrap();
    let full = App::load_as(bank(), Some(paths.clone()), TODAY, false);
    assert_eq!(
        full.status.as_ref().unwrap().text(),
        "Welcome back. Press v when the appointment starts, w to change your answers, e to print. ? shows every key."
    );
    let plain = App::load_as(bank(), Some(paths), TODAY, true);
    assert_eq!(
        plain.status.as_ref().unwrap().text(),
        "Welcome back. Type visit when the appointment starts, walk to change your answers, export to print. help shows every word."
    );
}

#[test]
fn the_full_screen_app_keeps_naming_its_keys() {
    let mut app = on_list();
    assert!(!app.plain);
    dispatch(&mut app, Message::Hide);
    assert_eq!(
        app.status.as_ref().unwrap().text(),
        "Hidden. Press H to show hidden questions again."
    );
    dispatch(&mut app, Message::Top);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text()
            .contains("best questions (t changes it; starred"),
        "{:?}",
        app.status
    );
    assert!(crate::ui::visit::none_yet(&app).starts_with(
        "No visits saved yet. Press v on your list when the appointment starts, tick and write as you go, and press v again at the end"
    ));
    let list = app.checklist();
    let panel: Vec<String> = crate::ui::checklist::detail_lines(&app, &list.items[0], 200)
        .iter()
        .map(super::say::flat)
        .collect();
    assert!(
        panel.contains(&"Answer: none yet (press Enter to write it)".to_string()),
        "{panel:?}"
    );
    dispatch(&mut app, Message::Search);
    dispatch(&mut app, Message::Paste("zzzxqy".into()));
    dispatch(&mut app, Message::Enter);
    let s = app.screen.list_state().unwrap();
    assert_eq!(
        crate::ui::checklist::empty_words(&app, s),
        "No question matches your search. Press Esc to clear it."
    );
    let mut walk = at_step(Step::Er);
    assert_eq!(
        crate::ui::walk::report_hint(&walk),
        "Have the report? Press p to paste it, or to open its file."
    );
    walk.plain = true;
    assert!(!names_a_key(&crate::ui::walk::report_hint(&walk)));
}
