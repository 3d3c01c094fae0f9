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
