//! Undo and redo, and which state of the map is the saved one.
//!
//! Each undo step keeps the whole map as it was before the edit. That makes
//! undo exact by construction, including the links a removal dropped, and a
//! workshop map is tens of kilobytes; a memory budget drops the oldest steps
//! of very large maps.

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
        }
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
                    let bytes = approximate_size(&before);
                    self.undo.push(Step {
                        map: before,
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
    fn swap(&mut self, map: &mut JourneyMap, step: Step) -> Step {
        let Step {
            map: stored,
            state,
            label,
            ..
        } = step;
        let previous = std::mem::replace(map, stored);
        let previous_state = std::mem::replace(&mut self.current, state);
        Step {
            bytes: approximate_size(&previous),
            map: previous,
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

/// Roughly how much memory a copy of `map` takes.
fn approximate_size(map: &JourneyMap) -> usize {
    const PER_ITEM: usize = 160;
    let texts: usize = map
        .stages
        .iter()
        .flat_map(|stage| stage.cards.iter())
        .map(|card| card.text.len() + card.notes.len() + card.id.as_str().len())
        .sum();
    let items = map.card_count() + map.point_count() + map.stages.len() + map.lanes.len();
    texts + items * PER_ITEM + map.scenario.len() + map.title.len()
}
