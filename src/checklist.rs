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

/// Builds the checklist.
pub fn build(bank: &Bank, profile: &Profile, state: &State, options: &Options) -> Checklist {
    let facts = Facts::of(profile);
    let preferred = profile.appointment.with;
    // Order: priority, then this appointment's clinician first, then topic and bank order.
    // The bank is already in topic and bank order, so one bucket per (priority, clinician)
    // keeps the cost linear; only own questions need placing among the bank's.
    let mut buckets: [Vec<((usize, usize), Item)>; 6] = Default::default();
    let bucket =
        |priority: Priority, for_them: bool| priority as usize * 2 + usize::from(!for_them);
    for (n, q) in bank.questions.iter().enumerate() {
        if !applies(q, &facts) {
            continue;
        }
        let topic = &bank.topics[q.topic];
        let item = Item {
            id: q.id.clone(),
            text: q.text.clone(),
            topic: topic.id.clone(),
            topic_title: topic.title.clone(),
            priority: q.priority,
            reasons: q.when.reasons(&facts),
            why: q.why.clone(),
            source: Some(q.source.clone()),
            clinicians: q.clinicians.clone(),
            sensitive: q.sensitive,
            own: false,
            state: state.item(&q.id),
        };
        let for_them = preferred != Clinician::Unknown && q.clinicians.contains(&preferred);
        buckets[bucket(q.priority, for_them)].push(((q.topic, n), item));
    }
    for (n, own) in state.own.iter().enumerate() {
        let topic_index = bank.topic_index(&own.topic);
        let (topic, title) = match topic_index {
            Some(i) => (bank.topics[i].id.clone(), bank.topics[i].title.clone()),
            None => (OWN_TOPIC.0.to_string(), OWN_TOPIC.1.to_string()),
        };
        let item = Item {
            id: own.id.clone(),
            text: own.text.clone(),
            topic,
            topic_title: title,
            priority: Priority::Essential,
            reasons: Vec::new(),
            why: "You added this question.".into(),
            source: None,
            clinicians: Vec::new(),
            sensitive: false,
            own: true,
            state: state.item(&own.id),
        };
        // Own questions without a bank topic come after every bank topic.
        let key = (topic_index.unwrap_or(usize::MAX), bank.questions.len() + n);
        buckets[bucket(Priority::Essential, true)].push((key, item));
    }
    if !state.own.is_empty() {
        buckets[bucket(Priority::Essential, true)].sort_by_key(|(k, _)| *k);
    }
    let ranked = buckets.into_iter().flatten().map(|(_, i)| i).collect();
    let mut items = group_by_topic(ranked);
    apply_user_order(&mut items, &state.order);
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

/// Gathers items under their topics; topics come in the order of their most important item,
/// and items keep their order inside a topic.
fn group_by_topic(items: Vec<Item>) -> Vec<Item> {
    let mut first_seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let rank: Vec<usize> = items
        .iter()
        .map(|i| {
            let next = first_seen.len();
            *first_seen.entry(i.topic.as_str()).or_insert(next)
        })
        .collect();
    let mut indexed: Vec<(usize, Item)> = rank.into_iter().zip(items).collect();
    indexed.sort_by_key(|(r, _)| *r);
    indexed.into_iter().map(|(_, i)| i).collect()
}

/// Puts the items the person ordered in their order, in the slots those items occupy; items
/// they never ordered (new questions) stay where the default order puts them.
fn apply_user_order(items: &mut [Item], order: &[String]) {
    if order.is_empty() {
        return;
    }
    let positions: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let rank = |id: &str| positions.get(id).copied();
    let slots: Vec<usize> = (0..items.len())
        .filter(|&i| rank(&items[i].id).is_some())
        .collect();
    let mut ordered: Vec<Item> = slots.iter().map(|&i| items[i].clone()).collect();
    ordered.sort_by_key(|i| rank(&i.id));
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
