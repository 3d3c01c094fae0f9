//! Rules about which questions a list shows and how they are counted, stated once for every
//! front end: the search, "only the tick changed", what is still open.

use crate::checklist::{Checklist, Item};
use crate::state::{ItemState, State};

/// Keeps the questions whose text, answer or topic contains `query` (any case); an empty
/// query keeps everything.
pub fn search(list: &mut Checklist, query: &str) {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return;
    }
    // The visit list stays the first items: it shrinks by the questions left out of it.
    let visit = list.visit;
    let mut index = 0;
    let mut kept_in_visit = 0;
    list.items.retain(|i| {
        let keep = i.text.to_lowercase().contains(&q)
            || i.state.answer.to_lowercase().contains(&q)
            || i.topic_title.to_lowercase().contains(&q);
        if keep && index < visit {
            kept_in_visit += 1;
        }
        index += 1;
        keep
    });
    list.visit = kept_in_visit;
}

/// Questions still open: neither ticked as asked nor answered.
pub fn open_count(items: &[Item]) -> usize {
    items
        .iter()
        .filter(|i| !i.state.asked && i.state.is_open())
        .count()
}

/// A visit's counts over its questions: (ticked as asked, with an answer written, still open).
pub fn visit_counts(items: &[Item]) -> (usize, usize, usize) {
    let asked = items.iter().filter(|i| i.state.asked).count();
    let answered = items.iter().filter(|i| !i.state.is_open()).count();
    (asked, answered, open_count(items))
}

/// "1 question" / "3 questions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The ids whose tick is all that differs between two states, if nothing else differs. A
/// tick can't change a question's text, nor the order of a list without a visit list; in a
/// visit list it can pull a question in or let one go (see [`Item::pulled_in`]), so a list
/// built from `old` only needs those ticks set when it has no visit list or when
/// [`tick_keeps_the_list`] says so. (Every
/// field is named, so a new one can't be overlooked here.)
pub fn ticked_only<'s>(old: &'s State, new: &'s State) -> Option<Vec<&'s str>> {
    let State {
        version,
        items,
        own,
        order,
        visits,
        visit_started,
        next_own,
        visit_size,
    } = old;
    if *version != new.version
        || *own != new.own
        || *order != new.order
        || *visits != new.visits
        || *visit_started != new.visit_started
        || *next_own != new.next_own
        || *visit_size != new.visit_size
    {
        return None;
    }
    let same_but_tick = |a: &ItemState, b: &ItemState| {
        let ItemState {
            asked: _,
            answer,
            starred,
            hidden,
            answered_on,
        } = a;
        *answer == b.answer
            && *starred == b.starred
            && *hidden == b.hidden
            && *answered_on == b.answered_on
    };
    let blank = ItemState::default();
    let mut ticked = Vec::new();
    // Blank states are not stored: an id may be in one map only.
    for (id, a) in items {
        let b = new.items.get(id).unwrap_or(&blank);
        if !same_but_tick(a, b) {
            return None;
        }
        if a.asked != b.asked {
            ticked.push(id.as_str());
        }
    }
    for (id, b) in &new.items {
        if !items.contains_key(id) {
            if !same_but_tick(&blank, b) {
                return None;
            }
            if b.asked {
                ticked.push(id.as_str());
            }
        }
    }
    Some(ticked)
}

/// True when each of the questions `ticked` is on the visit list of `list` on its own (by rank,
/// star or as the person's own), not pulled in by a tick or an answer: ticking or unticking
/// them then leaves a list with a visit list as it is but for the ticks.
pub fn tick_keeps_the_list(list: &Checklist, ticked: &[&str]) -> bool {
    ticked.iter().all(|id| {
        list.visit_items()
            .iter()
            .any(|i| i.id == *id && !i.pulled_in)
    })
}
