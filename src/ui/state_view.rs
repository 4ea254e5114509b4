//! Editing while only one state of the journey is shown (View ▸ Current
//! state or Future state).
//!
//! The canvas, the keyboard moves and paste work on the map as it is seen
//! ([`JourneyMap::seen_in`]), where the cards the view hides are left out.
//! Their edits name places among the cards seen; [`onto_whole_map`] turns
//! them into edits of the whole map, in this one place, so that a card
//! dropped between two seen cards lands between them and not among hidden
//! ones, a card added while the future is shown is the future's, and
//! dragging a face in the future state sets its future score.

use std::borrow::Cow;
use std::sync::Arc;

use crate::edit::{CardMove, Edit, StateId};
use crate::model::{
    Card, CardId, JourneyMap, JourneyState, LaneId, StageId, StateView, index_among_all,
};

/// The edit of the whole `map` that `edit`, made on the map as `view`
/// shows it, stands for.
pub fn onto_whole_map(edit: Edit, map: &JourneyMap, view: StateView) -> Edit {
    if view == StateView::Both || (view == StateView::Current && !map.has_future_state()) {
        return edit;
    }
    let state = (view == StateView::Future).then_some(JourneyState::Future);
    match edit {
        Edit::AddCard {
            stage,
            lane,
            index,
            text,
            state: None,
        } => Edit::AddCard {
            index: whole_index(map, view, (&stage, &lane), index, None),
            stage,
            lane,
            text,
            state,
        },
        Edit::MoveCard {
            card,
            stage,
            lane,
            index,
        } => Edit::MoveCard {
            index: whole_index(map, view, (&stage, &lane), index, Some(&card)),
            card,
            stage,
            lane,
        },
        Edit::MoveCards(moves) => Edit::MoveCards(whole_moves(map, view, moves)),
        Edit::InsertCards(cards) => Edit::InsertCards(whole_inserts(map, view, cards, state)),
        Edit::SetScore(point, score) if view == StateView::Future => {
            Edit::SetFutureScore(point, Some(score))
        }
        other => other,
    }
}

/// Where the seen place `index` of the cell (`stage`, `lane`) is among
/// all its cards, not counting `moving` (a move counts without the card
/// itself).
fn whole_index(
    map: &JourneyMap,
    view: StateView,
    (stage, lane): (&StageId, &LaneId),
    index: usize,
    moving: Option<&CardId>,
) -> usize {
    let Some(stage) = map.stage(stage) else {
        return index;
    };
    let cell: Vec<&Card> = stage
        .cards_in(lane)
        .filter(|card| Some(&card.id) != moving)
        .collect();
    index_among_all(&cell, view, index)
}

/// Each move of several, placed on the map as the moves before it left it.
fn whole_moves(map: &JourneyMap, view: StateView, moves: Vec<CardMove>) -> Vec<CardMove> {
    let mut scratch = map.clone();
    let mut whole = Vec::with_capacity(moves.len());
    for step in moves {
        let index = whole_index(
            &scratch,
            view,
            (&step.stage, &step.lane),
            step.index,
            Some(&step.card),
        );
        // A move that fails here fails alike when applied, as one step.
        scratch
            .move_card(&step.card, &step.stage, &step.lane, index)
            .ok();
        whole.push(CardMove { index, ..step });
    }
    whole
}

/// Each card put in as the cards before it left the map; a card in both
/// states pasted while one state is shown becomes that state's (`state`).
fn whole_inserts(
    map: &JourneyMap,
    view: StateView,
    cards: Vec<(StageId, usize, Card)>,
    state: Option<JourneyState>,
) -> Vec<(StageId, usize, Card)> {
    let mut scratch = map.clone();
    let mut whole = Vec::with_capacity(cards.len());
    for (stage, index, mut card) in cards {
        let index = whole_index(&scratch, view, (&stage, &card.lane), index, None);
        if card.state.is_none() {
            card.state = state;
        }
        scratch.insert_card(&stage, index, card.clone()).ok();
        whole.push((stage, index, card));
    }
    whole
}

/// The map as the view shows it, kept while the map and the view stay the
/// same: making it copies the stages whose cards it leaves out, and even
/// finding that the map has no future state reads every card, which is too
/// slow to do every frame of a big map.
#[derive(Default)]
pub struct SeenMap {
    /// The map's version and the view last asked for, and what they gave.
    kept: Option<(StateId, StateView, Option<Arc<JourneyMap>>)>,
}

impl SeenMap {
    /// `map` (whose version is `state`) as `view` shows it, or `None`
    /// when that is `map` itself (the view shows everything, or the map
    /// has no future state).
    pub fn get(
        &mut self,
        map: &JourneyMap,
        state: StateId,
        view: StateView,
    ) -> Option<Arc<JourneyMap>> {
        if view == StateView::Both {
            return None;
        }
        if let Some((kept_state, kept_view, seen)) = &self.kept
            && *kept_state == state
            && *kept_view == view
        {
            return seen.clone();
        }
        let seen = match map.seen_in(view) {
            Cow::Borrowed(_) => None,
            Cow::Owned(seen) => Some(Arc::new(seen)),
        };
        self.kept = Some((state, view, seen.clone()));
        seen
    }
}
