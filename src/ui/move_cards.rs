//! Alt+arrows move the selected cards on the grid, the way plain arrows
//! move the selection, so that every place a card can be dragged to can be
//! reached from the keyboard too:
//!
//! - **Alt+Left / Alt+Right**: to the previous / next stage, in the same
//!   lane, at the same place in the cell (or at its end, if it holds fewer
//!   cards), as the plain arrows keep the card's height.
//! - **Alt+Up / Alt+Down**: one place up / down within the cell; from the
//!   top (bottom) of the cell on to the end (start) of the cell in the lane
//!   above (below), passing over emotion lanes, which hold no cards. Lanes
//!   are rows: as in a spreadsheet, a card that goes past the last of its
//!   row lands in the next one, rather than stopping.
//!
//! Several selected cards move together, like lines moved in a text
//! editor: each takes one step, and if one of them cannot (it is at the
//! edge of the map), none moves. Every press is one edit, so one undo step.
//! Everything here reads the map only.

use std::cmp::Reverse;

use super::navigate::Direction;
use crate::edit::{CardMove, Edit};
use crate::model::{CardId, JourneyMap};

/// The edit that moves `cards` one step in `direction`, or `None` if there
/// is nothing to move or one of them is at the edge of the map.
pub fn move_cards(map: &JourneyMap, cards: &[CardId], direction: Direction) -> Option<Edit> {
    let mut order: Vec<(usize, usize, usize, CardId)> = cards
        .iter()
        .filter_map(|id| {
            let (stage, card) = map.card(id)?;
            let s = map.stage_index(&stage.id)?;
            let l = map.lane_index(&card.lane)?;
            let k = stage.cards_in(&card.lane).position(|c| &c.id == id)?;
            Some((s, l, k, id.clone()))
        })
        .collect();
    // The card furthest in `direction` moves first, so that the ones
    // behind it follow into the places it leaves; across stages, the cards
    // of a cell go in their order from the top, to stay in that order.
    order.sort();
    order.dedup();
    match direction {
        Direction::Up | Direction::Left => {}
        Direction::Down => order.reverse(),
        Direction::Right => order.sort_by_key(|&(s, l, k, _)| (Reverse(s), l, k)),
    }
    // Each move is worked out on the map as the moves before it leave it,
    // exactly as the edit will be applied.
    let mut scratch = map.clone();
    let mut moves = Vec::with_capacity(order.len());
    for (_, _, k, id) in order {
        let step = one_step(&scratch, &id, direction, k)?;
        scratch
            .move_card(&step.card, &step.stage, &step.lane, step.index)
            .ok()?;
        moves.push(step);
    }
    match moves.len() {
        0 => None,
        1 => moves.pop().map(|m| Edit::MoveCard {
            card: m.card,
            stage: m.stage,
            lane: m.lane,
            index: m.index,
        }),
        _ => Some(Edit::MoveCards(moves)),
    }
}

/// Where one card goes one step in `direction`, or `None` at the edge.
/// `was_at` is its place in its cell before any card moved: into the next
/// stage it keeps that place, as the cards of its cell that went before it
/// did theirs.
fn one_step(
    map: &JourneyMap,
    id: &CardId,
    direction: Direction,
    was_at: usize,
) -> Option<CardMove> {
    let (stage, card) = map.card(id)?;
    let s = map.stage_index(&stage.id)?;
    let cell_len = stage.cards_in(&card.lane).count();
    let k = stage.cards_in(&card.lane).position(|c| &c.id == id)?;
    let to = |s: usize, lane: &crate::model::LaneId, index: usize| {
        Some(CardMove {
            card: id.clone(),
            stage: map.stages.get(s)?.id.clone(),
            lane: lane.clone(),
            index,
        })
    };
    match direction {
        Direction::Left | Direction::Right => {
            let s = if direction == Direction::Left {
                s.checked_sub(1)?
            } else {
                s + 1
            };
            let there = map.stages.get(s)?.cards_in(&card.lane).count();
            to(s, &card.lane, was_at.min(there))
        }
        Direction::Up if k > 0 => to(s, &card.lane, k - 1),
        Direction::Down if k + 1 < cell_len => to(s, &card.lane, k + 1),
        Direction::Up | Direction::Down => {
            let lane = neighbouring_card_lane(map, &card.lane, direction)?;
            let index = if direction == Direction::Up {
                stage.cards_in(&lane).count()
            } else {
                0
            };
            to(s, &lane, index)
        }
    }
}

/// The nearest lane above (`Up`) or below (`Down`) `lane` that holds cards.
fn neighbouring_card_lane(
    map: &JourneyMap,
    lane: &crate::model::LaneId,
    direction: Direction,
) -> Option<crate::model::LaneId> {
    let l = map.lane_index(lane)?;
    let holds = |i: &usize| map.lanes[*i].kind.holds_cards();
    let found = if direction == Direction::Up {
        (0..l).rev().find(holds)
    } else {
        (l + 1..map.lanes.len()).find(holds)
    };
    Some(map.lanes[found?].id.clone())
}

#[cfg(test)]
mod tests {
    use super::Direction::{Down, Left, Right, Up};
    use super::*;
    use crate::edit::History;
    use crate::model::{LaneId, LaneKind, StageId};

    /// Stages A, B, C; lanes Doing, Feeling (emotion), Pains.
    /// A/Doing: a1, a2, a3; B/Doing: b1; A/Pains: p1.
    struct Grid {
        map: JourneyMap,
        stages: [StageId; 3],
        doing: LaneId,
        pains: LaneId,
        a: [CardId; 3],
        b1: CardId,
        p1: CardId,
    }

    fn grid() -> Grid {
        let mut map = JourneyMap::default();
        let stages = ["A", "B", "C"]
            .into_iter()
            .enumerate()
            .map(|(i, name)| map.add_stage(i, name))
            .collect::<Vec<_>>()
            .try_into()
            .expect("three stages");
        let [a, b, _]: &[StageId; 3] = &stages;
        let doing = map.add_lane(0, "Doing", LaneKind::Text);
        map.add_lane(1, "Feeling", LaneKind::Emotion);
        let pains = map.add_lane(2, "Pains", LaneKind::PainPoints);
        let a1 = map.add_card(a, &doing, 0, "a1").expect("card");
        let a2 = map.add_card(a, &doing, 1, "a2").expect("card");
        let a3 = map.add_card(a, &doing, 2, "a3").expect("card");
        let b1 = map.add_card(b, &doing, 0, "b1").expect("card");
        let p1 = map.add_card(a, &pains, 0, "p1").expect("card");
        Grid {
            map,
            stages,
            doing,
            pains,
            a: [a1, a2, a3],
            b1,
            p1,
        }
    }

    /// The map after moving `cards` in `direction`, as one undo step.
    fn moved(map: &JourneyMap, cards: &[CardId], direction: Direction) -> JourneyMap {
        let edit = move_cards(map, cards, direction).expect("a move");
        let mut after = map.clone();
        let mut history = History::default();
        history.apply(&mut after, edit).expect("applies");
        assert_eq!(history.undo_depth(), 1, "one undo step");
        after
    }

    /// The texts of a cell, top to bottom.
    fn cell(map: &JourneyMap, stage: &StageId, lane: &LaneId) -> Vec<String> {
        map.stage(stage)
            .expect("stage")
            .cards_in(lane)
            .map(|c| c.text.clone())
            .collect()
    }

    #[test]
    fn alt_right_moves_a_card_to_the_next_stage_at_the_same_place() {
        let g = grid();
        let [a, b, _] = &g.stages;
        let after = moved(&g.map, std::slice::from_ref(&g.a[1]), Right);
        assert_eq!(cell(&after, a, &g.doing), ["a1", "a3"]);
        // B holds one card: the second card lands after it.
        assert_eq!(cell(&after, b, &g.doing), ["b1", "a2"]);
        let back = moved(&after, std::slice::from_ref(&g.a[1]), Left);
        assert_eq!(cell(&back, a, &g.doing), ["a1", "a2", "a3"]);
    }

    #[test]
    fn alt_up_and_down_move_within_the_cell_then_on_to_the_next_card_lane() {
        let g = grid();
        let [a, ..] = &g.stages;
        let after = moved(&g.map, std::slice::from_ref(&g.a[0]), Down);
        assert_eq!(cell(&after, a, &g.doing), ["a2", "a1", "a3"]);
        // The last card of Doing goes past the emotion lane into Pains, first.
        let after = moved(&g.map, std::slice::from_ref(&g.a[2]), Down);
        assert_eq!(cell(&after, a, &g.doing), ["a1", "a2"]);
        assert_eq!(cell(&after, a, &g.pains), ["a3", "p1"]);
        // And the first of Pains up to the end of Doing.
        let after = moved(&g.map, std::slice::from_ref(&g.p1), Up);
        assert_eq!(cell(&after, a, &g.doing), ["a1", "a2", "a3", "p1"]);
        assert!(cell(&after, a, &g.pains).is_empty());
    }

    #[test]
    fn at_the_edge_of_the_map_nothing_moves() {
        let g = grid();
        assert_eq!(move_cards(&g.map, std::slice::from_ref(&g.a[0]), Up), None);
        assert_eq!(
            move_cards(&g.map, std::slice::from_ref(&g.a[0]), Left),
            None
        );
        assert_eq!(move_cards(&g.map, std::slice::from_ref(&g.p1), Down), None);
        assert_eq!(move_cards(&g.map, &[], Down), None);
    }

    #[test]
    fn selected_cards_move_together_and_stop_together() {
        let g = grid();
        let [a, b, c] = &g.stages;
        let two = [g.a[0].clone(), g.a[1].clone()];
        let after = moved(&g.map, &two, Down);
        assert_eq!(cell(&after, a, &g.doing), ["a3", "a1", "a2"]);
        let after = moved(&g.map, &two, Right);
        assert_eq!(cell(&after, a, &g.doing), ["a3"]);
        assert_eq!(cell(&after, b, &g.doing), ["a1", "a2", "b1"]);
        // Cards in neighbouring stages both move on.
        let after = moved(&g.map, &[g.a[0].clone(), g.b1.clone()], Right);
        assert_eq!(cell(&after, b, &g.doing), ["a1"]);
        assert_eq!(cell(&after, c, &g.doing), ["b1"]);
        // p1 is at the bottom of the map: a3 does not move without it.
        assert_eq!(
            move_cards(&g.map, &[g.a[2].clone(), g.p1.clone()], Down),
            None
        );
    }
}
