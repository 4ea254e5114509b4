//! Undo and redo, and which state of the map is the saved one.
//!
//! Each undo step keeps the whole map as it was before the edit. That makes
//! undo exact by construction, including the links a removal dropped. The
//! copy is cheap: copies of a map share each stage's cards until one changes
//! them ([`crate::model::Cards`]), so a step holds its own copy of only the
//! stages its edit changed. A memory budget drops the oldest steps of very
//! large maps.
//!
//! On a shared map, undo is per person: a step also keeps the map as the
//! edit left it, and undo takes back only what that edit changed
//! ([`super::revert`]), keeping what teammates did since. Their edits are
//! never steps here.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{Created, Edit};
use crate::model::{EditError, JourneyMap};

/// The memory undo steps may use before the oldest are dropped.
pub const UNDO_BUDGET_BYTES: usize = 256 * 1024 * 1024;

/// Identifies one state of the map: the saved state and the current one are
/// the same exactly when there is nothing unsaved, even after undo and redo.
///
/// States are numbered across all histories, so two documents never share
/// one: a state names one version of one map, and the canvas keeps the
/// map's layout (and autosave its recovery copy) for as long as the state
/// stays the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StateId(u64);

impl StateId {
    /// A state no history has used yet.
    fn fresh() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

struct Step {
    map: JourneyMap,
    /// The map just after the edit, kept on shared maps only.
    after: Option<JourneyMap>,
    state: StateId,
    label: &'static str,
    bytes: usize,
}

/// The undo and redo stacks of one document.
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    current: StateId,
    budget: usize,
    shared: bool,
}

impl Default for History {
    fn default() -> Self {
        Self::with_budget(UNDO_BUDGET_BYTES)
    }
}

impl History {
    /// A history whose undo steps may use up to `budget` bytes (at least one
    /// step is always kept).
    pub fn with_budget(budget: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            current: StateId::fresh(),
            budget,
            shared: false,
        }
    }

    /// Makes undo per person from now on, for `map` as it is being shared:
    /// undo takes back only what this editor's own edits changed. The edits
    /// made before sharing can still be undone, the same way.
    pub fn share(&mut self, map: &JourneyMap) {
        if self.shared {
            return;
        }
        self.shared = true;
        self.redo.clear();
        // Alone, each edit left the map as the next one found it.
        let mut next = map.clone();
        for step in self.undo.iter_mut().rev() {
            step.after = Some(std::mem::replace(&mut next, step.map.clone()));
            step.bytes *= 2;
        }
    }

    /// Whether undo is per person.
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// Notes that the map was changed by someone else: it is a new state,
    /// and no undo step.
    pub fn changed_elsewhere(&mut self) {
        self.current = StateId::fresh();
    }

    /// The current state of the map.
    pub fn state(&self) -> StateId {
        self.current
    }

    /// Applies `edit` to `map` as one undo step. An edit that fails leaves
    /// the map as it was; an edit that changes nothing adds no step.
    pub fn apply(&mut self, map: &mut JourneyMap, edit: Edit) -> Result<Created, EditError> {
        let label = edit.label();
        let before = map.clone();
        match edit.apply_in_place(map) {
            Err(error) => {
                *map = before;
                Err(error)
            }
            Ok(created) => {
                if *map != before {
                    let after = self.shared.then(|| map.clone());
                    let bytes = own_size(&before, map) * if self.shared { 2 } else { 1 };
                    self.undo.push(Step {
                        map: before,
                        after,
                        state: self.current,
                        label,
                        bytes,
                    });
                    self.redo.clear();
                    self.current = StateId::fresh();
                    self.keep_within_budget();
                }
                Ok(created)
            }
        }
    }

    /// Reverts the last edit. Returns its label, or `None` if there is none.
    pub fn undo(&mut self, map: &mut JourneyMap) -> Option<&'static str> {
        let step = self.undo.pop()?;
        let label = step.label;
        let redo = self.swap(map, step);
        self.redo.push(redo);
        Some(label)
    }

    /// Applies the last undone edit again. Returns its label, or `None`.
    pub fn redo(&mut self, map: &mut JourneyMap) -> Option<&'static str> {
        let step = self.redo.pop()?;
        let label = step.label;
        let undo = self.swap(map, step);
        self.undo.push(undo);
        Some(label)
    }

    /// The map as it was before the last edit that can be undone: right
    /// after [`Self::apply`] made a step, the map the edit started from.
    pub fn last_before(&self) -> Option<&JourneyMap> {
        self.undo.last().map(|step| &step.map)
    }

    /// What Undo would revert.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|step| step.label)
    }

    /// What Redo would apply.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|step| step.label)
    }

    /// How many edits can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Puts `step`'s map in place and returns a step holding what was there.
    /// On a shared map, that is only what the step's edit changed, and the
    /// returned step is the same edit the other way round.
    fn swap(&mut self, map: &mut JourneyMap, step: Step) -> Step {
        if let Some(after) = step.after {
            super::revert(map, &after, &step.map);
            self.current = StateId::fresh();
            return Step {
                map: after,
                after: Some(step.map),
                ..step
            };
        }
        let Step {
            map: stored,
            state,
            label,
            ..
        } = step;
        let previous = std::mem::replace(map, stored);
        let previous_state = std::mem::replace(&mut self.current, state);
        Step {
            bytes: own_size(&previous, map),
            map: previous,
            after: None,
            state: previous_state,
            label,
        }
    }

    fn keep_within_budget(&mut self) {
        let mut used: usize = self.undo.iter().map(|s| s.bytes).sum();
        while used > self.budget && self.undo.len() > 1 {
            used -= self.undo.remove(0).bytes;
        }
    }
}

/// Roughly how much memory a copy `kept` of the map takes beside `current`:
/// the cards of the stages it does not share with it, and the rest.
fn own_size(kept: &JourneyMap, current: &JourneyMap) -> usize {
    const PER_ITEM: usize = 160;
    let own_cards = kept.stages.iter().filter(|stage| {
        current
            .stage(&stage.id)
            .is_none_or(|now| !now.cards.shares_with(&stage.cards))
    });
    let cards: usize = own_cards
        .flat_map(|stage| stage.cards.iter())
        .map(|card| PER_ITEM + card.text.len() + card.notes.len() + card.id.as_str().len())
        .sum();
    let items = kept.point_count() + kept.stages.len() + kept.lanes.len();
    cards + items * PER_ITEM + kept.scenario.len() + kept.title.len()
}
