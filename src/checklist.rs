//! Building the personalised checklist from a profile, a bank and the person's state.

use crate::bank::{Bank, Priority, Source};
use crate::classify::Classification;
use crate::facts::{Facts, Key};
use crate::profile::{Clinician, Profile};
use crate::state::{ItemState, State};

/// How many questions the "top questions" cut keeps by default: people invited to ask
/// typically ask about six.
pub const DEFAULT_TOP: usize = 6;

/// The topic id and heading for the person's own questions that have no bank topic.
pub const OWN_TOPIC: (&str, &str) = ("own", "My own questions");

/// Keys that make a question specific to receptor results; for a HER2-positive result
/// (outside this tool's scope) only questions testing none of them are kept.
const RECEPTOR_KEYS: &[Key] = &[
    Key::Er,
    Key::Pr,
    Key::Hr,
    Key::Her2,
    Key::Her2Ihc,
    Key::Her2Ish,
    Key::Subtype,
    Key::TumorMutations,
    Key::TumorTesting,
];

/// Choices that shape the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep only the N most important questions (starred first).
    pub top: Option<usize>,
    /// Keep only questions that suit this clinician (own questions are always kept).
    pub only_for: Option<Clinician>,
    /// Include hidden questions.
    pub show_hidden: bool,
}

/// One question on the person's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Question id (`own-N` for the person's own).
    pub id: String,
    /// The question.
    pub text: String,
    /// Topic id.
    pub topic: String,
    /// Topic heading.
    pub topic_title: String,
    /// Priority (own questions count as essential: the person wrote them).
    pub priority: Priority,
    /// Why it is on this person's list, derived from the conditions that matched.
    pub reasons: Vec<String>,
    /// Why it matters (from the bank).
    pub why: String,
    /// What it rests on (none for own questions).
    pub source: Option<Source>,
    /// Who it suits.
    pub clinicians: Vec<Clinician>,
    /// Opt-in prognosis / end-of-life question.
    pub sensitive: bool,
    /// Written by the person.
    pub own: bool,
    /// What the person did with it.
    pub state: ItemState,
}

impl Item {
    /// "because your ER is positive and you are past menopause".
    pub fn because(&self) -> String {
        match self.reasons.as_slice() {
            [] if self.own => "you added this question".into(),
            [] => "most people with breast cancer find this worth asking".into(),
            [one] => format!("because {one}"),
            [rest @ .., last] => format!("because {} and {last}", rest.join(", ")),
        }
    }
}

/// The personalised list, in display order.
#[derive(Debug, Clone)]
pub struct Checklist {
    /// Items in order: essentials first, then by topic (or the person's own order).
    pub items: Vec<Item>,
    /// What the profile adds up to.
    pub class: Classification,
    /// How many questions applied before the top-N / clinician cut.
    pub total: usize,
}

/// A topic and its items, for grouped display.
#[derive(Debug, Clone, Copy)]
pub struct Group<'c> {
    /// Topic id.
    pub topic: &'c str,
    /// Heading.
    pub title: &'c str,
    /// Items of the topic, in list order.
    pub items: &'c [Item],
}

/// True when a bank question applies to this profile.
pub fn applies(q: &crate::bank::Question, facts: &Facts) -> bool {
    if q.sensitive && !facts.profile.include_sensitive {
        return false;
    }
    if !q.when.all_hold(facts) || q.not.any_holds(facts) {
        return false;
    }
    if facts.class.out_of_scope() {
        let explicit = q.when.asks_for(Key::Her2, "positive")
            || q.when.asks_for(Key::Subtype, "her2-positive");
        let general = !RECEPTOR_KEYS.iter().any(|k| q.when.tests(*k));
        return explicit || general;
    }
    true
}

/// Where an item comes from: a bank question or one of the person's own (by index).
#[derive(Debug, Clone, Copy)]
enum Origin {
    Bank(usize),
    Own(usize),
}

/// An item before it is made: what the ordering needs, a few words instead of a whole item.
#[derive(Debug, Clone, Copy)]
struct Entry {
    origin: Origin,
    /// Index of its bank topic (`None`: "My own questions").
    topic: Option<usize>,
}

/// Builds the checklist.
pub fn build(bank: &Bank, profile: &Profile, state: &State, options: &Options) -> Checklist {
    let facts = Facts::of(profile);
    let preferred = profile.appointment.with;
    // The order is worked out on small entries and each item, a few hundred bytes, is made
    // once, in its place: moving and sorting whole items made the cost grow faster than the
    // list.
    // Order: priority, then this appointment's clinician first, then topic and bank order.
    // The bank is already in topic and bank order, so one bucket per (priority, clinician)
    // keeps the cost linear; only own questions need placing among the bank's.
    let mut buckets: [Vec<((usize, usize), Entry)>; 6] = Default::default();
    let bucket =
        |priority: Priority, for_them: bool| priority as usize * 2 + usize::from(!for_them);
    for (n, q) in bank.questions.iter().enumerate() {
        if !applies(q, &facts) {
            continue;
        }
        let for_them = preferred != Clinician::Unknown && q.clinicians.contains(&preferred);
        let entry = Entry {
            origin: Origin::Bank(n),
            topic: Some(q.topic),
        };
        buckets[bucket(q.priority, for_them)].push(((q.topic, n), entry));
    }
    for (n, own) in state.own.iter().enumerate() {
        let topic = bank.topic_index(&own.topic);
        // Own questions without a bank topic come after every bank topic.
        let key = (topic.unwrap_or(usize::MAX), bank.questions.len() + n);
        let entry = Entry {
            origin: Origin::Own(n),
            topic,
        };
        buckets[bucket(Priority::Essential, true)].push((key, entry));
    }
    if !state.own.is_empty() {
        buckets[bucket(Priority::Essential, true)].sort_by_key(|(k, _)| *k);
    }
    let ranked = buckets.into_iter().flatten().map(|(_, e)| e);
    let mut entries = group_by_topic(bank, ranked);
    apply_user_order(
        &mut entries,
        |e| match e.origin {
            Origin::Bank(n) => bank.questions[n].id.as_str(),
            Origin::Own(n) => state.own[n].id.as_str(),
        },
        &state.order,
    );
    let mut items: Vec<Item> = entries
        .iter()
        .map(|e| make_item(bank, state, &facts, e))
        .collect();
    let total = items.len();
    if !options.show_hidden {
        items.retain(|i| !i.state.hidden);
    }
    if let Some(c) = options.only_for {
        items.retain(|i| i.own || i.clinicians.contains(&c));
    }
    if let Some(n) = options.top {
        items = top(items, n);
    }
    Checklist {
        items,
        class: facts.class,
        total,
    }
}

/// The item for an entry.
fn make_item(bank: &Bank, state: &State, facts: &Facts, entry: &Entry) -> Item {
    let (topic, topic_title) = match entry.topic {
        Some(i) => (bank.topics[i].id.clone(), bank.topics[i].title.clone()),
        None => (OWN_TOPIC.0.to_string(), OWN_TOPIC.1.to_string()),
    };
    match entry.origin {
        Origin::Bank(n) => {
            let q = &bank.questions[n];
            Item {
                id: q.id.clone(),
                text: q.text.clone(),
                topic,
                topic_title,
                priority: q.priority,
                reasons: q.when.reasons(facts),
                why: q.why.clone(),
                source: Some(q.source.clone()),
                clinicians: q.clinicians.clone(),
                sensitive: q.sensitive,
                own: false,
                state: state.item(&q.id),
            }
        }
        Origin::Own(n) => {
            let own = &state.own[n];
            Item {
                id: own.id.clone(),
                text: own.text.clone(),
                topic,
                topic_title,
                priority: Priority::Essential,
                reasons: Vec::new(),
                why: "You added this question.".into(),
                source: None,
                clinicians: Vec::new(),
                sensitive: false,
                own: true,
                state: state.item(&own.id),
            }
        }
    }
}

/// Gathers entries under their topics; topics come in the order of their most important
/// entry, and entries keep their order inside a topic. One pass to rank the topics and one to
/// place each entry (a counting sort): sorting made this the part of building that grew faster
/// than the list, and a list per topic cost allocations for every one of a large bank's topics.
fn group_by_topic(bank: &Bank, entries: impl Iterator<Item = Entry>) -> Vec<Entry> {
    // Topics are told apart by id, as shown; each topic index (the last slot: own questions
    // without a bank topic) is looked up by id once.
    let mut rank_of_slot: Vec<Option<usize>> = vec![None; bank.topics.len() + 1];
    let mut rank_of_id: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // How many entries each topic rank has, then where its first entry goes.
    let mut start: Vec<usize> = Vec::new();
    let ranked: Vec<(usize, Entry)> = entries
        .map(|e| {
            let slot = e.topic.unwrap_or(bank.topics.len());
            let rank = *rank_of_slot[slot].get_or_insert_with(|| {
                let id = e.topic.map_or(OWN_TOPIC.0, |i| bank.topics[i].id.as_str());
                let next = rank_of_id.len();
                *rank_of_id.entry(id).or_insert(next)
            });
            if rank == start.len() {
                start.push(0);
            }
            start[rank] += 1;
            (rank, e)
        })
        .collect();
    let mut next = 0;
    for s in &mut start {
        (*s, next) = (next, next + *s);
    }
    let Some(&(_, first)) = ranked.first() else {
        return Vec::new();
    };
    let mut out = vec![first; ranked.len()];
    for (rank, e) in ranked {
        out[start[rank]] = e;
        start[rank] += 1;
    }
    out
}

/// Puts the items the person ordered in their order, in the slots those items occupy; items
/// they never ordered (new questions) stay where the default order puts them.
fn apply_user_order<'a, T: Copy>(items: &mut [T], id: impl Fn(&T) -> &'a str, order: &[String]) {
    if order.is_empty() {
        return;
    }
    let positions: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let rank = |item: &T| positions.get(id(item)).copied();
    let slots: Vec<usize> = (0..items.len())
        .filter(|&i| rank(&items[i]).is_some())
        .collect();
    let mut ordered: Vec<T> = slots.iter().map(|&i| items[i]).collect();
    ordered.sort_by_key(|i| rank(i));
    for (slot, item) in slots.into_iter().zip(ordered) {
        items[slot] = item;
    }
}

/// The `n` most important open items, kept in list order: starred first, then by priority;
/// questions answered at an earlier visit come last.
fn top(items: Vec<Item>, n: usize) -> Vec<Item> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&i| {
        let it = &items[i];
        (
            it.state.answered_on.is_some(),
            !it.state.starred,
            it.priority as u8,
            i,
        )
    });
    let mut keep: Vec<usize> = idx.into_iter().take(n).collect();
    keep.sort_unstable();
    let mut out = Vec::with_capacity(keep.len());
    let mut items: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    for i in keep {
        if let Some(it) = items[i].take() {
            out.push(it);
        }
    }
    out
}

impl Checklist {
    /// Runs of consecutive items with the same topic (the list is built grouped; a person's own
    /// reordering across topics can split a topic into two runs).
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut groups = Vec::new();
        let mut start = 0;
        while start < self.items.len() {
            let topic = &self.items[start].topic;
            let mut end = start + 1;
            while end < self.items.len() && &self.items[end].topic == topic {
                end += 1;
            }
            groups.push(Group {
                topic,
                title: &self.items[start].topic_title,
                items: &self.items[start..end],
            });
            start = end;
        }
        groups
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Counts of (asked, answered, still open) items.
    pub fn counts(&self) -> (usize, usize, usize) {
        let asked = self.items.iter().filter(|i| i.state.asked).count();
        let answered = self.items.iter().filter(|i| !i.state.is_open()).count();
        (asked, answered, self.items.len() - answered)
    }

    /// True when the results are outside this tool's scope (HER2-positive).
    pub fn out_of_scope(&self) -> bool {
        self.class.out_of_scope()
    }
}
