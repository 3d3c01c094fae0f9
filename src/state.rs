//! The person's own checklist state: what was asked, answers and notes, stars, hidden items,
//! their own questions, their ordering and past visits. Keyed by question id so that a rebuilt
//! checklist (new answers, a new bank) keeps all of it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::checklist::VISIT_SIZE;
use crate::profile::Clinician;

/// The visit list sizes the app's `t` key goes through, in order (then back to the first).
pub const VISIT_SIZES: [usize; 3] = [6, 10, 15];

/// The state file format version this program writes.
pub const STATE_VERSION: u32 = 1;
/// The longest answer kept (1 MB of text is far more than any appointment note).
pub const MAX_ANSWER_BYTES: usize = 256 * 1024;
/// The most own questions kept.
pub const MAX_OWN_QUESTIONS: usize = 10_000;
/// The longest own question.
pub const MAX_OWN_QUESTION_CHARS: usize = 500;

/// What the person did with one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemState {
    /// Ticked as asked.
    pub asked: bool,
    /// The answer or notes written down.
    pub answer: String,
    /// Starred as important to the person.
    pub starred: bool,
    /// Hidden from the list.
    pub hidden: bool,
    /// Answered at an earlier visit (then it is no longer "open").
    pub answered_on: Option<Date>,
}

impl ItemState {
    /// True when nothing was done with the question (no need to store it).
    pub fn is_blank(&self) -> bool {
        *self == ItemState::default()
    }

    /// Still open: not answered now, nor at an earlier visit.
    pub fn is_open(&self) -> bool {
        self.answer.trim().is_empty() && self.answered_on.is_none()
    }
}

/// A question the person wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnQuestion {
    /// Stable id, `own-N`.
    pub id: String,
    /// The question.
    pub text: String,
    /// The bank topic it belongs to, or empty for "My own questions".
    #[serde(default)]
    pub topic: String,
}

/// One entry of a finished visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitEntry {
    /// Question id.
    pub id: String,
    /// The question as it read then.
    pub text: String,
    /// Asked during the visit.
    pub asked: bool,
    /// What was written down.
    pub answer: String,
}

/// A finished appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// When it took place.
    pub date: Date,
    /// With whom.
    #[serde(default, with = "clinician_name")]
    pub with: Clinician,
    /// Questions asked or answered.
    pub entries: Vec<VisitEntry>,
}

/// Everything the person did with their checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// File format version (a file without one is not ours: it reads as 0 and is refused).
    #[serde(default)]
    pub version: u32,
    /// Per-question state, by id. Only non-blank entries are kept.
    pub items: BTreeMap<String, ItemState>,
    /// The person's own questions.
    pub own: Vec<OwnQuestion>,
    /// The person's ordering (ids); empty means the default order.
    pub order: Vec<String>,
    /// Finished visits, oldest first.
    pub visits: Vec<Visit>,
    /// The date of the visit in progress, if visit mode is on.
    pub visit_started: Option<Date>,
    /// Next number for an own question id.
    pub next_own: u32,
    /// How many questions the person wants on the visit list (the app's `t` key; an older
    /// file without it reads as [`VISIT_SIZE`]). Read it with [`State::visit_len`].
    pub visit_size: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: STATE_VERSION,
            items: BTreeMap::new(),
            own: Vec::new(),
            order: Vec::new(),
            visits: Vec::new(),
            visit_started: None,
            next_own: 1,
            visit_size: VISIT_SIZE,
        }
    }
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text is empty.
    Empty,
    /// The text is longer than allowed.
    TooLong(usize),
    /// There are already too many own questions.
    TooMany,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Empty => write!(f, "The question is empty; type a few words first."),
            EditError::TooLong(n) => {
                write!(f, "That is too long to keep; the limit is {n} characters.")
            }
            EditError::TooMany => write!(
                f,
                "You already have {MAX_OWN_QUESTIONS} of your own questions; remove some first."
            ),
        }
    }
}

impl State {
    /// The state of one question (blank if never touched).
    pub fn item(&self, id: &str) -> ItemState {
        self.items.get(id).cloned().unwrap_or_default()
    }

    /// Changes one question's state, dropping it again if it becomes blank.
    pub fn update_item(&mut self, id: &str, change: impl FnOnce(&mut ItemState)) {
        let mut s = self.item(id);
        change(&mut s);
        if s.is_blank() {
            self.items.remove(id);
        } else {
            self.items.insert(id.to_string(), s);
        }
    }

    /// Sets the answer, refusing text longer than the limit (the person keeps what they typed).
    pub fn set_answer(&mut self, id: &str, answer: &str) -> Result<(), EditError> {
        if answer.len() > MAX_ANSWER_BYTES {
            return Err(EditError::TooLong(MAX_ANSWER_BYTES));
        }
        let answer = crate::text::clean(answer);
        self.update_item(id, |s| {
            s.answer = answer;
            if !s.answer.trim().is_empty() {
                s.asked = true;
            }
        });
        Ok(())
    }

    /// Adds an own question and returns its id.
    pub fn add_own(&mut self, text: &str, topic: &str) -> Result<String, EditError> {
        let text = crate::text::clean_line(text);
        if text.is_empty() {
            return Err(EditError::Empty);
        }
        if text.chars().count() > MAX_OWN_QUESTION_CHARS {
            return Err(EditError::TooLong(MAX_OWN_QUESTION_CHARS));
        }
        if self.own.len() >= MAX_OWN_QUESTIONS {
            return Err(EditError::TooMany);
        }
        // A hand-edited or older file may lack `next_own` (it then reads as 1): a number is
        // never given twice, so the next one is past every `own-N` already in the file (a new
        // question must not inherit an old one's star or answer).
        let used = self
            .own
            .iter()
            .map(|q| q.id.as_str())
            .chain(self.items.keys().map(String::as_str))
            .chain(self.order.iter().map(String::as_str))
            .filter_map(|id| id.strip_prefix("own-")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let n = self.next_own.max(used.saturating_add(1));
        let id = format!("own-{n}");
        self.next_own = n.saturating_add(1);
        self.own.push(OwnQuestion {
            id: id.clone(),
            text,
            topic: topic.to_string(),
        });
        Ok(id)
    }

    /// Removes an own question and its state.
    pub fn remove_own(&mut self, id: &str) {
        self.own.retain(|q| q.id != id);
        self.items.remove(id);
        self.order.retain(|o| o != id);
    }

    /// Moves `id` one place up (`-1`) or down (`+1`) within `visible`, the ids in shown order.
    /// The new order is remembered for every visible id.
    pub fn move_item(&mut self, visible: &[String], id: &str, delta: isize) -> bool {
        let Some(pos) = visible.iter().position(|v| v == id) else {
            return false;
        };
        let target = pos as isize + delta;
        if target < 0 || target as usize >= visible.len() {
            return false;
        }
        let mut ids = visible.to_vec();
        ids.swap(pos, target as usize);
        // Keep remembered positions of items not shown now (hidden, filtered) after the shown ones.
        let shown: std::collections::HashSet<&String> = visible.iter().collect();
        let rest: Vec<String> = self
            .order
            .iter()
            .filter(|o| !shown.contains(o))
            .cloned()
            .collect();
        ids.extend(rest);
        self.order = ids;
        true
    }

    /// The size of the visit list: the stored one, or [`VISIT_SIZE`] when a hand-edited file
    /// says 0 (a visit list of nothing would hide every question).
    pub fn visit_len(&self) -> usize {
        if self.visit_size == 0 {
            VISIT_SIZE
        } else {
            self.visit_size
        }
    }

    /// The next visit list size of [`VISIT_SIZES`] after the one in force (the first size
    /// larger than it, else the smallest): what the app's `t` key sets.
    pub fn next_visit_size(&self) -> usize {
        let now = self.visit_len();
        VISIT_SIZES
            .iter()
            .copied()
            .find(|n| *n > now)
            .unwrap_or(VISIT_SIZES[0])
    }

    /// Starts visit mode today.
    pub fn start_visit(&mut self, today: Date) {
        self.visit_started = Some(today);
    }

    /// Ends the visit: records what was asked and answered (with the question text as it read),
    /// marks answered questions as done, and clears the ticks so the next visit starts with the
    /// open questions. `texts` gives the current text of each question by id.
    pub fn end_visit(&mut self, today: Date, with: Clinician, texts: &[(String, String)]) -> Visit {
        let date = self.visit_started.take().unwrap_or(today);
        let mut entries = Vec::new();
        for (id, text) in texts {
            let s = self.item(id);
            if s.answered_on.is_some() {
                continue;
            }
            if s.asked || !s.answer.trim().is_empty() {
                entries.push(VisitEntry {
                    id: id.clone(),
                    text: text.clone(),
                    asked: s.asked,
                    answer: s.answer.clone(),
                });
            }
        }
        for e in &entries {
            self.update_item(&e.id, |s| {
                s.asked = false;
                if !s.answer.trim().is_empty() {
                    s.answered_on = Some(date);
                }
            });
        }
        let visit = Visit {
            date,
            with,
            entries,
        };
        self.visits.push(visit.clone());
        visit
    }
}

/// Stores a clinician by its canonical name.
mod clinician_name {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::choice::Choice;
    use crate::profile::Clinician;

    pub fn serialize<S: Serializer>(c: &Clinician, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(c.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Clinician, D::Error> {
        let text = String::deserialize(d)?;
        Clinician::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown clinician {text:?}")))
    }
}
