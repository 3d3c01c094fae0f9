//! Building the personalised checklist from a profile, a bank and the person's state.

use crate::bank::{Bank, Priority, Source};
use crate::classify::Classification;
use crate::facts::{Facts, Key};
use crate::profile::{Clinician, Profile};
use crate::state::{ItemState, State};

/// How many questions the short "top questions" cut keeps (`--top` without a number): people
/// invited to ask typically ask about six.
pub const DEFAULT_TOP: usize = 6;

/// How many questions the visit list holds by default: the list people take to the visit.
pub const VISIT_SIZE: usize = 10;

/// Generic questions (no answer of the person put them there) take at most this many places
/// among the best-ranked questions.
pub const GENERIC_CAP: usize = 2;

/// One topic takes at most this many places among the best-ranked questions (apart from
/// starred, own, core and blocking ones), so that the visit list covers more than one subject.
pub const TOPIC_CAP: usize = 3;

/// Caregiver-only questions take at most this many of those places: the visit is about the
/// patient.
pub const CAREGIVER_CAP: usize = 2;

/// The heading of the visit list.
pub const VISIT_TITLE: &str = "The questions for this visit";

/// The group id of the visit list, and of its caregiver-only part.
pub const VISIT_GROUP: (&str, &str) = ("visit", "visit-caregiver");

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

/// Results whose being unknown, or not final, holds up decisions: a question that asks about
/// them comes before the rest (after the starred, own and core questions).
const BLOCKING: &[Key] = &[
    Key::Er,
    Key::Pr,
    Key::Hr,
    Key::Her2,
    Key::Her2Ihc,
    Key::Her2Ish,
    Key::Subtype,
    Key::Stage,
    Key::Setting,
    Key::Nodes,
    Key::Brca,
    Key::TumorTesting,
];

/// Choices that shape the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The size of the visit list: the N best-ranked questions, plus every starred and own
    /// question (N = [`VISIT_SIZE`] for a visit), then any other the person ticked or answered
    /// (pulled in). `None`: no visit list, every question grouped by topic.
    pub top: Option<usize>,
    /// With `top`: the rest of the questions follow the visit list, grouped by topic.
    pub all: bool,
    /// Keep only questions that suit this clinician (own questions are always kept), and rank
    /// for a visit with them, whoever the appointment is with.
    pub only_for: Option<Clinician>,
    /// Include hidden questions.
    pub show_hidden: bool,
}

impl Options {
    /// The visit list of `n` questions (and nothing else).
    pub fn visit(n: usize) -> Options {
        Options {
            top: Some(n),
            ..Options::default()
        }
    }
}

/// What puts a question where it is in the ranking (docs/question-bank.md, "How the list is
/// ranked").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relevance {
    /// A core question for the clinician of this visit (`core_for`).
    pub core: bool,
    /// It asks about a result that is unknown or not final and holds up decisions.
    pub blocking: bool,
    /// How specific to this person, in levels: 0 nothing about them put it there; each
    /// matched condition adds by how much it narrows (docs/question-bank.md).
    pub specificity: u8,
    /// It suits the clinician of this visit.
    pub for_clinician: bool,
}

impl Relevance {
    /// True when no answer of the person (nor the visit's clinician) put it on the list.
    pub fn generic(&self) -> bool {
        !self.core && !self.blocking && self.specificity == 0
    }
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
    /// Why it is on this person's list, derived from the conditions that matched, in the
    /// reader's voice.
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
    /// Only for a caregiver (its conditions ask for `role: caregiver`): shown under its own
    /// heading in the visit list.
    pub for_caregiver: bool,
    /// On the visit list only because the person ticked it or wrote an answer to it (it was
    /// not among the visit list's best-ranked questions): pulled in, it follows them.
    pub pulled_in: bool,
    /// Its place in the relevance ranking of the whole list (0: most relevant).
    pub rank: usize,
    /// What its rank rests on.
    pub relevance: Relevance,
    /// What the person did with it.
    pub state: ItemState,
}

impl Item {
    /// "because your ER is positive and you are past menopause".
    pub fn because(&self) -> String {
        match self.reasons.as_slice() {
            [] if self.own => "you added this question".into(),
            [] => crate::voice::FOR_EVERYONE.into(),
            [one] => format!("because {one}"),
            [rest @ .., last] => format!("because {} and {last}", rest.join(", ")),
        }
    }

    /// True when no answer of the person put it on the list (own questions never are).
    pub fn generic(&self) -> bool {
        !self.own && self.relevance.generic()
    }
}

/// The personalised list, in display order.
#[derive(Debug, Clone)]
pub struct Checklist {
    /// Items in order: the visit list first (most relevant first, the caregiver's own
    /// questions last), then the rest by topic.
    pub items: Vec<Item>,
    /// How many of `items`, from the first, form the visit list (0: no visit list).
    pub visit: usize,
    /// The clinician the list was ranked for (`--for`, or the appointment's).
    pub clinician: Clinician,
    /// The heading of the caregiver-only questions of the visit list.
    pub caregiver_heading: String,
    /// What the profile adds up to.
    pub class: Classification,
    /// How many questions applied before the top-N / clinician cut.
    pub total: usize,
}

/// A topic (or the visit list) and its items, for grouped display.
#[derive(Debug, Clone, Copy)]
pub struct Group<'c> {
    /// Topic id ([`VISIT_GROUP`] for the visit list).
    pub topic: &'c str,
    /// Heading.
    pub title: &'c str,
    /// Items of the group, in list order.
    pub items: &'c [Item],
    /// True for the visit list's groups.
    pub in_visit: bool,
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

/// How much a matched condition on `key` says about this person, per value excluded: a
/// condition on the subtype or a mutation says more than one on the phase of treatment.
fn weight(key: Key, value: &str) -> u32 {
    match key {
        Key::TumorMutations if value == "none" => 0,
        Key::TumorMutations => 8,
        Key::Subtype | Key::Hr | Key::Er | Key::Her2 | Key::Brca => 9,
        Key::Sex if value == "male" => 8,
        Key::Role if value == "caregiver" => 12,
        Key::Sex | Key::Role | Key::Unknown => 0,
        Key::Grade | Key::Appointment => 2,
        _ => 4,
    }
}

/// Points (in halves) per level of specificity.
const STEP: u32 = 3;

/// The relevance of a bank question that applies, for a visit with `clinician`.
pub fn relevance(q: &crate::bank::Question, facts: &Facts, clinician: Clinician) -> Relevance {
    let mut blocking = false;
    // Points: weight × the share of the key's known values the condition leaves
    // out (listing three phases of eight says less than listing one).
    let mut points = 0u32;
    for (key, mask) in q.when.pairs() {
        let values = key.values();
        let unknown_bit = key.bit("unknown").unwrap_or(0);
        let known = values.len() as u32 - u32::from(unknown_bit != 0);
        let listed = (mask & !unknown_bit).count_ones();
        for v in facts.values(key) {
            let Some(bit) = key.bit(v) else { continue };
            if mask & bit == 0 {
                continue;
            }
            if key == Key::Unknown {
                blocking |= BLOCKING.iter().any(|k| k.name() == *v);
                continue;
            }
            let not_final = matches!(
                (key, *v),
                (Key::Her2, "equivocal")
                    | (Key::Her2Ish, "pending")
                    | (Key::Brca, "pending")
                    | (Key::TumorTesting, "pending")
            );
            if *v == "unknown" {
                // Only a question about the unknown itself: one listing `unknown` beside
                // other values merely keeps it for people who don't know yet.
                blocking |= listed == 0 && BLOCKING.contains(&key);
                continue;
            }
            // A pending result is asked about by a question that lists little else.
            blocking |= not_final && listed * 2 <= known && BLOCKING.contains(&key);
            points += (weight(key, v) * known.saturating_sub(listed))
                .checked_div(known)
                .unwrap_or(0);
        }
    }
    let known_clinician = clinician != Clinician::Unknown;
    Relevance {
        core: known_clinician && q.core_for.contains(&clinician),
        blocking,
        specificity: if points == 0 {
            0
        } else {
            // One level per point and a half; an optional question a level lower (the bank
            // says it can wait), but never down to "nothing about them".
            let level = (points / STEP).saturating_sub(u32::from(q.priority == Priority::Optional));
            u8::try_from(level.max(1)).unwrap_or(u8::MAX)
        },
        for_clinician: known_clinician && q.clinicians.contains(&clinician),
    }
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
    relevance: Relevance,
    /// Starred by the person.
    starred: bool,
    /// Answered at an earlier visit (and not starred again): it makes way for open questions.
    answered_before: bool,
    /// Ticked as asked, or answered and not yet at an earlier visit: it belongs to this
    /// visit's list.
    pulled: bool,
    /// Set on the visit list's items that are there only because of `pulled`.
    pulled_in: bool,
    /// Asks for `role: caregiver`.
    for_caregiver: bool,
    priority: Priority,
}

impl Entry {
    fn own(&self) -> bool {
        matches!(self.origin, Origin::Own(_))
    }

    fn generic(&self) -> bool {
        !self.own() && !self.starred && self.relevance.generic()
    }

    /// The ranking, smallest first; the documented order (docs/question-bank.md).
    fn key(&self, n: usize) -> impl Ord + use<> {
        let r = &self.relevance;
        (
            self.answered_before,
            !self.starred,
            !self.own(),
            !r.core,
            !r.blocking,
            std::cmp::Reverse(r.specificity),
            !r.for_clinician,
            self.priority as u8,
            n,
        )
    }
}

/// True when the person ticked a question as asked, or wrote an answer not yet kept from an
/// earlier visit: the question belongs to this visit's list.
fn pulled(s: &ItemState) -> bool {
    s.asked || (!s.answer.trim().is_empty() && s.answered_on.is_none())
}

/// Builds the checklist.
pub fn build(bank: &Bank, profile: &Profile, state: &State, options: &Options) -> Checklist {
    let facts = Facts::of(profile);
    let clinician = options.only_for.unwrap_or(profile.appointment.with);
    let mut entries: Vec<Entry> = Vec::new();
    for (n, q) in bank.questions.iter().enumerate() {
        if !applies(q, &facts) {
            continue;
        }
        let st = state.items.get(&q.id);
        entries.push(Entry {
            origin: Origin::Bank(n),
            topic: Some(q.topic),
            relevance: relevance(q, &facts, clinician),
            starred: st.is_some_and(|s| s.starred),
            answered_before: st.is_some_and(|s| s.answered_on.is_some() && !s.starred),
            pulled: st.is_some_and(pulled),
            pulled_in: false,
            for_caregiver: q.when.asks_for(Key::Role, "caregiver"),
            priority: q.priority,
        });
    }
    for (n, own) in state.own.iter().enumerate() {
        entries.push(Entry {
            origin: Origin::Own(n),
            topic: bank.topic_index(&own.topic),
            relevance: Relevance::default(),
            starred: state.items.get(&own.id).is_some_and(|s| s.starred),
            answered_before: false,
            pulled: state.items.get(&own.id).is_some_and(pulled),
            pulled_in: false,
            for_caregiver: false,
            priority: Priority::Essential,
        });
    }
    let total = entries.len();
    let id_of = |e: &Entry| match e.origin {
        Origin::Bank(n) => bank.questions[n].id.as_str(),
        Origin::Own(n) => state.own[n].id.as_str(),
    };
    if !options.show_hidden {
        entries.retain(|e| !state.items.get(id_of(e)).is_some_and(|s| s.hidden));
    }
    if let Some(c) = options.only_for {
        entries.retain(|e| match e.origin {
            Origin::Bank(n) => bank.questions[n].clinicians.contains(&c),
            Origin::Own(_) => true,
        });
    }
    let ranked = rank(entries);
    let (visit_len, mut ordered) = match options.top {
        None => (0, group_by_topic(bank, ranked.iter().copied())),
        Some(n) => {
            let must = ranked.iter().filter(|e| e.starred || e.own()).count();
            let best = n.max(must).min(ranked.len());
            // Questions the person ticked or answered from the rest join the visit list after
            // the best-ranked ones (in rank order), so that what was asked at this visit is on
            // its list, on screen and on paper.
            let (pulled, rest): (Vec<Entry>, Vec<Entry>) =
                ranked[best..].iter().partition(|e| e.pulled);
            let visit_len = best + pulled.len();
            let chosen = ranked[..best]
                .iter()
                .copied()
                .chain(pulled.into_iter().map(|e| Entry {
                    pulled_in: true,
                    ..e
                }));
            // The patient's questions, then the caregiver's own.
            let (mut visit, carer): (Vec<Entry>, Vec<Entry>) =
                chosen.partition(|e| !e.for_caregiver);
            let split = visit.len();
            visit.extend(carer);
            let order = |part: &mut [Entry]| apply_user_order(part, id_of, &state.order);
            order(&mut visit[..split]);
            order(&mut visit[split..]);
            if options.all {
                let mut rest = group_by_topic(bank, rest.into_iter());
                order(&mut rest);
                visit.extend(rest);
            }
            (visit_len, visit)
        }
    };
    if visit_len == 0 {
        apply_user_order(&mut ordered, id_of, &state.order);
    }
    let rank_of: std::collections::HashMap<&str, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, e)| (id_of(e), i))
        .collect();
    let items: Vec<Item> = ordered
        .iter()
        .map(|e| make_item(bank, state, &facts, e, rank_of[id_of(e)]))
        .collect();
    Checklist {
        items,
        visit: visit_len,
        clinician,
        caregiver_heading: crate::voice::Voice::of(profile).caregiver_heading(),
        class: facts.class,
        total,
    }
}

/// Sorts by the documented order, then lets no more than [`GENERIC_CAP`] generic questions,
/// nor [`TOPIC_CAP`] of one topic, stand before the others: those over a cap follow, in their
/// order (over a topic's cap first, generic last).
fn rank(entries: Vec<Entry>) -> Vec<Entry> {
    let mut keyed: Vec<(usize, Entry)> = entries.into_iter().enumerate().collect();
    keyed.sort_by_cached_key(|(n, e)| e.key(*n));
    // Questions answered at an earlier visit sort last; the caps hold among the open ones.
    let mut out = Vec::with_capacity(keyed.len());
    let mut over_topic = Vec::new();
    let mut over_generic = Vec::new();
    let mut answered = Vec::new();
    let mut generic = 0;
    // Caregiver-only questions count as one group whatever their topic.
    let group = |e: &Entry| (e.for_caregiver, e.topic);
    let group = |e: &Entry| {
        if e.for_caregiver {
            (true, None)
        } else {
            group(e)
        }
    };
    let cap = |e: &Entry| {
        if e.for_caregiver {
            CAREGIVER_CAP
        } else {
            TOPIC_CAP
        }
    };
    let mut per_topic: std::collections::HashMap<(bool, Option<usize>), usize> =
        std::collections::HashMap::new();
    for (_, e) in keyed {
        let chosen = e.starred || e.own() || e.relevance.core || e.relevance.blocking;
        if e.answered_before {
            answered.push(e);
        } else if e.generic() && generic >= GENERIC_CAP {
            over_generic.push(e);
        } else if !chosen && per_topic.get(&group(&e)).copied().unwrap_or(0) >= cap(&e) {
            over_topic.push(e);
        } else {
            generic += usize::from(e.generic());
            if !chosen {
                *per_topic.entry(group(&e)).or_default() += 1;
            }
            out.push(e);
        }
    }
    out.extend(over_topic);
    out.extend(over_generic);
    out.extend(answered);
    out
}

/// The item for an entry.
fn make_item(bank: &Bank, state: &State, facts: &Facts, entry: &Entry, rank: usize) -> Item {
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
                for_caregiver: entry.for_caregiver,
                pulled_in: entry.pulled_in,
                rank,
                relevance: entry.relevance,
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
                for_caregiver: false,
                pulled_in: entry.pulled_in,
                rank,
                relevance: entry.relevance,
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

impl Checklist {
    /// The visit list (its patient part, then the caregiver's own questions), then runs of
    /// consecutive items with the same topic (the rest is built grouped; a person's own
    /// reordering across topics can split a topic into two runs).
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut groups = Vec::new();
        let visit = &self.items[..self.visit];
        let split = visit.iter().take_while(|i| !i.for_caregiver).count();
        for (id, title, items) in [
            (VISIT_GROUP.0, VISIT_TITLE, &visit[..split]),
            (
                VISIT_GROUP.1,
                self.caregiver_heading.as_str(),
                &visit[split..],
            ),
        ] {
            if !items.is_empty() {
                groups.push(Group {
                    topic: id,
                    title,
                    items,
                    in_visit: true,
                });
            }
        }
        let mut start = self.visit;
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
                in_visit: false,
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

    /// The visit list.
    pub fn visit_items(&self) -> &[Item] {
        &self.items[..self.visit]
    }

    /// The questions after the visit list (all of them when there is no visit list).
    pub fn rest_items(&self) -> &[Item] {
        &self.items[self.visit..]
    }

    /// True when the results are outside this tool's scope (HER2-positive).
    pub fn out_of_scope(&self) -> bool {
        self.class.out_of_scope()
    }
}
