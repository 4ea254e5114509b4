//! What is selected on the canvas: view state, never saved in the map.

use crate::model::{CardId, LaneId, PointId, StageId};

/// The selected items. Cards and points can be selected together; a stage,
/// a lane or an empty cell is selected alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected cards, in the order they were selected.
    pub cards: Vec<CardId>,
    /// Selected emotion points.
    pub points: Vec<PointId>,
    /// A selected stage header.
    pub stage: Option<StageId>,
    /// A selected lane label.
    pub lane: Option<LaneId>,
    /// A selected empty cell, where Enter or N adds a card.
    pub cell: Option<(StageId, LaneId)>,
}

impl Selection {
    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Selects only this card.
    pub fn only_card(card: CardId) -> Self {
        Self {
            cards: vec![card],
            ..Self::default()
        }
    }

    /// Selects only this point.
    pub fn only_point(point: PointId) -> Self {
        Self {
            points: vec![point],
            ..Self::default()
        }
    }

    /// Adds a card to the selection, or removes it if it is selected
    /// (Shift- or Ctrl-click).
    pub fn toggle_card(&mut self, card: CardId) {
        self.stage = None;
        self.lane = None;
        self.cell = None;
        if let Some(at) = self.cards.iter().position(|c| *c == card) {
            self.cards.remove(at);
        } else {
            self.cards.push(card);
        }
    }

    /// Adds a point to the selection, or removes it if it is selected.
    pub fn toggle_point(&mut self, point: PointId) {
        self.stage = None;
        self.lane = None;
        self.cell = None;
        if let Some(at) = self.points.iter().position(|p| *p == point) {
            self.points.remove(at);
        } else {
            self.points.push(point);
        }
    }
}
