//! Building the checklist: conditions, reasons, order, top-N, clinician filter, carry-over.

use her2prep::bank::Bank;
use her2prep::checklist::{Options, build};
use her2prep::profile::{Clinician, Profile};
use her2prep::state::State;

fn fixture() -> Bank {
    Bank::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank"))
        .unwrap()
}

fn profile(yaml: &str) -> Profile {
    Profile::from_yaml(yaml).unwrap()
}

fn ids(bank: &Bank, p: &Profile, state: &State, options: &Options) -> Vec<String> {
    build(bank, p, state, options)
        .items
        .into_iter()
        .map(|i| i.id)
        .collect()
}

#[test]
fn only_questions_whose_conditions_hold_are_listed() {
    let bank = fixture();
    let hr_pre = profile("er: positive\nmenopause: pre\nsex: female\nher2: {ihc: 0}");
    let list = ids(&bank, &hr_pre, &State::default(), &Options::default());
    assert!(list.contains(&"endocrine-how-long".to_string()));
    assert!(list.contains(&"ovarian-suppression".to_string()));
    assert!(
        !list.contains(&"results-her2-unknown".to_string()),
        "HER2 is known"
    );
    assert!(
        !list.contains(&"caregiver-watch".to_string()),
        "not a caregiver"
    );

    let man = profile("er: positive\nsex: male\nher2: {ihc: 0}");
    assert!(
        !ids(&bank, &man, &State::default(), &Options::default())
            .contains(&"ovarian-suppression".to_string()),
        "`not: sex: male`"
    );

    let tn = profile("er: negative\npr: negative\nher2: {ihc: 1+}");
    assert!(
        !ids(&bank, &tn, &State::default(), &Options::default())
            .contains(&"endocrine-how-long".to_string())
    );
}

#[test]
fn unknown_results_become_questions() {
    let bank = fixture();
    let list = ids(
        &bank,
        &Profile::default(),
        &State::default(),
        &Options::default(),
    );
    assert!(list.contains(&"results-her2-unknown".to_string()));
    let equivocal = profile("her2: {ihc: 2+, ish: pending}");
    assert!(
        ids(&bank, &equivocal, &State::default(), &Options::default())
            .contains(&"results-ish-pending".to_string())
    );
}

#[test]
fn reasons_come_from_the_conditions_that_matched() {
    let bank = fixture();
    let p = profile("er: positive\nmenopause: pre\nsex: female");
    let list = build(&bank, &p, &State::default(), &Options::default());
    let item = list.item("ovarian-suppression").unwrap();
    assert_eq!(
        item.because(),
        "because your cancer is hormone receptor-positive and you have not been through menopause"
    );
    let goal = list.item("goal-of-treatment").unwrap();
    // No answer put it there, and the reason says so instead of claiming what people find.
    assert_eq!(
        goal.because(),
        "a question for everyone, whatever the results"
    );
    assert!(goal.generic());
}

#[test]
fn the_whole_list_is_grouped_by_topic_in_relevance_order() {
    let bank = fixture();
    let p = profile("role: caregiver\ner: positive\nmenopause: pre");
    let list = build(&bank, &p, &State::default(), &Options::default());
    assert_eq!(list.visit, 0, "no visit list without a size");
    // The most relevant question's topic comes first, led by that question.
    assert_eq!(list.items[0].rank, 0);
    // Within a topic, the relevance rank only goes up.
    for g in list.groups() {
        let r: Vec<usize> = g.items.iter().map(|i| i.rank).collect();
        assert!(r.windows(2).all(|w| w[0] < w[1]), "{}: {r:?}", g.topic);
    }
    // Each topic appears once, in the order of its best-ranked question.
    let topics: Vec<&str> = list.groups().iter().map(|g| g.topic).collect();
    let mut dedup = topics.clone();
    dedup.dedup();
    assert_eq!(topics, dedup);
    let best: Vec<usize> = list.groups().iter().map(|g| g.items[0].rank).collect();
    assert!(best.windows(2).all(|w| w[0] < w[1]), "{best:?}");
}

#[test]
fn her2_positive_keeps_general_questions_and_adds_the_targeted_therapy_question() {
    let bank = fixture();
    let p = profile("er: positive\nher2: {ihc: 3+}\nmenopause: pre");
    let list = build(&bank, &p, &State::default(), &Options::default());
    assert!(list.out_of_scope());
    let got: Vec<&str> = list.items.iter().map(|i| i.id.as_str()).collect();
    assert!(got.contains(&"results-her2-positive"));
    assert!(got.contains(&"goal-of-treatment"));
    assert!(
        !got.contains(&"endocrine-how-long"),
        "receptor-specific questions are left out: {got:?}"
    );
}

#[test]
fn sensitive_questions_are_opt_in() {
    let bank = fixture();
    let p = profile("stage: IV");
    assert!(
        !ids(&bank, &p, &State::default(), &Options::default())
            .contains(&"end-of-life-wishes".to_string())
    );
    let p = profile("stage: IV\ninclude_sensitive: true");
    assert!(
        ids(&bank, &p, &State::default(), &Options::default())
            .contains(&"end-of-life-wishes".to_string())
    );
}

#[test]
fn top_n_keeps_the_most_important_and_starred_first() {
    let bank = fixture();
    let p = profile("role: caregiver\ner: positive\nmenopause: pre\nsex: female");
    let mut state = State::default();
    let top2 = build(
        &bank,
        &p,
        &state,
        &Options {
            top: Some(2),
            ..Default::default()
        },
    );
    assert_eq!(top2.items.len(), 2);
    assert_eq!(top2.visit, 2);
    let mut ranks: Vec<usize> = top2.items.iter().map(|i| i.rank).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, [0, 1], "the two best-ranked questions");
    state.update_item("ovarian-suppression", |s| s.starred = true);
    let top2 = build(
        &bank,
        &p,
        &state,
        &Options {
            top: Some(2),
            ..Default::default()
        },
    );
    assert!(
        top2.items.iter().any(|i| i.id == "ovarian-suppression"),
        "a starred question makes the cut"
    );
}

#[test]
fn clinician_filter_and_appointment_preference() {
    let bank = fixture();
    let p = profile("role: caregiver\nappointment: {with: nurse}");
    let list = ids(&bank, &p, &State::default(), &Options::default());
    let all = list.len();
    // The nurse's question comes before other important questions, without dropping any.
    assert!(list.iter().position(|i| i == "caregiver-watch").unwrap() < all);
    let only = ids(
        &bank,
        &p,
        &State::default(),
        &Options {
            only_for: Some(Clinician::Nurse),
            ..Default::default()
        },
    );
    assert_eq!(only, vec!["caregiver-watch".to_string()]);
}

#[test]
fn the_persons_state_survives_a_rebuild_with_a_changed_profile() {
    let bank = fixture();
    let before = profile("er: positive\nmenopause: pre");
    let mut state = State::default();
    state
        .set_answer("goal-of-treatment", "Cure is the aim.")
        .unwrap();
    state.update_item("endocrine-how-long", |s| s.starred = true);
    state.update_item("ovarian-suppression", |s| s.hidden = true);
    let own = state.add_own("Can I still run my marathon?", "").unwrap();
    let first = build(&bank, &before, &state, &Options::default());
    assert!(first.item("ovarian-suppression").is_none(), "hidden");
    // The person learns their HER2 result and goes through menopause.
    let after = profile("er: positive\nmenopause: post\nher2: {ihc: 1+}");
    let list = build(&bank, &after, &state, &Options::default());
    assert_eq!(
        list.item("goal-of-treatment").unwrap().state.answer,
        "Cure is the aim."
    );
    assert!(list.item("goal-of-treatment").unwrap().state.asked);
    assert!(list.item("endocrine-how-long").unwrap().state.starred);
    assert_eq!(
        list.item(&own).unwrap().text,
        "Can I still run my marathon?"
    );
    // Back to premenopausal: the hidden question stays hidden, and shows with show_hidden.
    let again = build(
        &bank,
        &before,
        &state,
        &Options {
            show_hidden: true,
            ..Default::default()
        },
    );
    assert!(again.item("ovarian-suppression").unwrap().state.hidden);
}

#[test]
fn the_persons_order_is_kept_and_new_questions_keep_their_place() {
    let bank = fixture();
    let p = profile("role: caregiver\ner: positive");
    let mut state = State::default();
    let list = ids(&bank, &p, &state, &Options::default());
    let last = list.last().unwrap().clone();
    // Move the last item to the top, one step at a time.
    for _ in 0..list.len() {
        let shown = ids(&bank, &p, &state, &Options::default());
        state.move_item(&shown, &last, -1);
    }
    let moved = ids(&bank, &p, &state, &Options::default());
    assert_eq!(moved[0], last);
    assert_eq!(moved.len(), list.len());
    // A profile change brings a new essential question: it takes its default place (first),
    // and the person's order of everything else is kept.
    let p2 = profile("role: caregiver\ner: positive\nher2: {ihc: 2+}");
    let after = ids(&bank, &p2, &state, &Options::default());
    assert_eq!(after[0], "results-ish-pending");
    let kept: Vec<&String> = after.iter().filter(|i| moved.contains(i)).collect();
    let still: Vec<&String> = moved.iter().filter(|i| after.contains(i)).collect();
    assert_eq!(kept, still);
    assert_eq!(kept[0], &last);
}

#[test]
fn ending_a_visit_carries_open_questions_over() {
    let bank = fixture();
    let p = profile("role: caregiver");
    let mut state = State::default();
    let day = jiff::civil::date(2026, 12, 10);
    state.start_visit(day);
    state
        .set_answer("goal-of-treatment", "To cure it.")
        .unwrap();
    state.update_item("caregiver-watch", |s| s.asked = true);
    let list = build(&bank, &p, &state, &Options::default());
    let texts: Vec<(String, String)> = list
        .items
        .iter()
        .map(|i| (i.id.clone(), i.text.clone()))
        .collect();
    let visit = state.end_visit(day, Clinician::MedicalOncologist, &texts);
    assert_eq!(visit.entries.len(), 2);
    assert_eq!(state.visits.len(), 1);
    let next = build(&bank, &p, &state, &Options::default());
    let goal = next.item("goal-of-treatment").unwrap();
    assert_eq!(goal.state.answered_on, Some(day));
    assert!(!goal.state.is_open());
    let watch = next.item("caregiver-watch").unwrap();
    assert!(
        watch.state.is_open() && !watch.state.asked,
        "asked but unanswered: open again"
    );
    let top = build(
        &bank,
        &p,
        &state,
        &Options {
            top: Some(1),
            ..Default::default()
        },
    );
    assert_ne!(
        top.items[0].id, "goal-of-treatment",
        "answered questions leave the top cut"
    );
}

/// A question ticked as asked, or answered, at this visit joins the visit list (after its
/// best-ranked questions, which stay), and leaves it again when unticked without an answer;
/// an answer kept from an earlier visit does not pull a question in.
#[test]
fn ticked_and_answered_questions_join_the_visit_list() {
    let bank = Bank::builtin().unwrap();
    let p = profile("er: positive\npr: positive\nher2: {ihc: 0}\nstage: IV\nphase: metastatic");
    let mut state = State::default();
    let visit = Options::visit(3);
    let all = Options {
        all: true,
        ..Options::visit(3)
    };
    let before = build(&bank, &p, &state, &all);
    assert!(before.items.len() > 8);
    let best: Vec<String> = before.visit_items().iter().map(|i| i.id.clone()).collect();
    let (ticked, answered, old) = (
        before.items[6].id.clone(),
        before.items[7].id.clone(),
        before.items[8].id.clone(),
    );
    state.update_item(&ticked, |s| s.asked = true);
    state.set_answer(&answered, "Yes").unwrap();
    state.update_item(&old, |s| {
        s.answer = "Said last time".into();
        s.answered_on = Some(jiff::civil::date(2026, 10, 1));
    });
    let list = build(&bank, &p, &state, &visit);
    let shown: Vec<String> = list.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(shown[..3], best[..], "the best-ranked stay first");
    assert_eq!(shown[3..], [ticked.clone(), answered.clone()]);
    assert_eq!(list.visit, 5);
    assert!(list.items[3].pulled_in && list.items[4].pulled_in && !list.items[0].pulled_in);
    // With the rest: they are not repeated there.
    let with_rest = build(&bank, &p, &state, &all);
    assert_eq!(with_rest.items.len(), before.items.len());
    assert_eq!(with_rest.visit, 5);
    assert!(
        !with_rest
            .rest_items()
            .iter()
            .any(|i| i.id == ticked || i.id == answered)
    );
    // Unticked: it goes back.
    state.update_item(&ticked, |s| s.asked = false);
    let list = build(&bank, &p, &state, &visit);
    assert_eq!(list.visit, 4);
    assert!(list.item(&ticked).is_none());
}
