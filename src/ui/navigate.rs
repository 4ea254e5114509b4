//! Arrow keys move the selection around the grid, as in a spreadsheet:
//! through the cards of a cell, then on to the neighbouring cell; along the
//! stage headers and the lane labels. Everything here reads the map only.

use super::selection::Selection;
use crate::model::{JourneyMap, LaneKind};

/// An arrow key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the top lane.
    Up,
    /// Towards the bottom lane.
    Down,
    /// Towards the first stage.
    Left,
    /// Towards the last stage.
    Right,
}

/// The selection one step from `selection` in `direction`, or `None` at the
/// edge of the map. With nothing selected, the first cell is entered.
pub fn step(map: &JourneyMap, selection: &Selection, direction: Direction) -> Option<Selection> {
    use Direction::{Down, Left, Right, Up};
    if let Some(card) = selection.cards.last() {
        let (stage, card) = map.card(card)?;
        let (s, l) = (map.stage_index(&stage.id)?, map.lane_index(&card.lane)?);
        let cell: Vec<_> = stage.cards_in(&card.lane).collect();
        let k = cell.iter().position(|c| c.id == card.id)?;
        return match direction {
            Up if k > 0 => Some(Selection::only_card(cell[k - 1].id.clone())),
            Down if k + 1 < cell.len() => Some(Selection::only_card(cell[k + 1].id.clone())),
            _ => neighbour(map, s, l, direction, k),
        };
    }
    if let Some(point) = selection.points.last() {
        let (stage, point) = map.point(point)?;
        let (s, l) = (map.stage_index(&stage.id)?, map.lane_index(&point.lane)?);
        let row: Vec<_> = stage.points_in(&point.lane).collect();
        let k = row.iter().position(|p| p.id == point.id)?;
        return match direction {
            Left if k > 0 => Some(Selection::only_point(row[k - 1].id.clone())),
            Right if k + 1 < row.len() => Some(Selection::only_point(row[k + 1].id.clone())),
            _ => neighbour(map, s, l, direction, 0),
        };
    }
    if let Some((stage, lane)) = &selection.cell {
        let (s, l) = (map.stage_index(stage)?, map.lane_index(lane)?);
        return neighbour(map, s, l, direction, 0);
    }
    if let Some(stage) = &selection.stage {
        let s = map.stage_index(stage)?;
        return match direction {
            Left => header(map, s.checked_sub(1)?),
            Right => header(map, s + 1),
            Down => enter(map, s, 0, Down, 0),
            Up => None,
        };
    }
    if let Some(lane) = &selection.lane {
        let l = map.lane_index(lane)?;
        return match direction {
            Up => label(map, l.checked_sub(1)?),
            Down => label(map, l + 1),
            Right => enter(map, 0, l, Right, 0),
            Left => None,
        };
    }
    enter(map, 0, 0, direction, 0)
}

/// Shift+arrows: the selection extended one step in `direction`, as a
/// Shift+click extends it. From the card selected last, the card a plain
/// arrow would go to is added and becomes the last; stepping back onto the
/// card selected just before it takes the last one off again, so that
/// Shift+Down then Shift+Up ends where it started, as in a list. Points
/// extend the same way when only points are selected. `None` where a plain
/// arrow would leave the cards (or the points): an empty cell, the other
/// kind, the edge of the map. With no card or point selected, it is a
/// plain step.
pub fn extend(map: &JourneyMap, selection: &Selection, direction: Direction) -> Option<Selection> {
    if selection.cards.is_empty() && selection.points.is_empty() {
        return step(map, selection, direction);
    }
    let next = step(map, selection, direction)?;
    let mut extended = selection.clone();
    if selection.cards.is_empty() {
        let [point] = next.points.as_slice() else {
            return None;
        };
        walk(&mut extended.points, point);
    } else {
        let [card] = next.cards.as_slice() else {
            return None;
        };
        walk(&mut extended.cards, card);
    }
    Some(extended)
}

/// Moves the end of a Shift+arrow selection onto `item`: back over the
/// item before the end, which drops the end; onto an item already selected,
/// which becomes the end; or on to a new one, which is added.
fn walk<T: PartialEq + Clone>(items: &mut Vec<T>, item: &T) {
    if items.len() >= 2 && &items[items.len() - 2] == item {
        items.pop();
    } else {
        items.retain(|i| i != item);
        items.push(item.clone());
    }
}

/// The cell next to stage `s`, lane `l`, entered from `direction`; `k` is
/// the position of the card being left, kept when moving sideways.
fn neighbour(
    map: &JourneyMap,
    s: usize,
    l: usize,
    direction: Direction,
    k: usize,
) -> Option<Selection> {
    let (s, l) = match direction {
        Direction::Up => (s, l.checked_sub(1)?),
        Direction::Down => (s, l + 1),
        Direction::Left => (s.checked_sub(1)?, l),
        Direction::Right => (s + 1, l),
    };
    enter(map, s, l, direction, k)
}

/// What to select on entering a cell: its first card coming from above,
/// its last from below, the card at `k` from the side; a point in an
/// emotion lane; the cell itself when it is empty.
fn enter(
    map: &JourneyMap,
    s: usize,
    l: usize,
    direction: Direction,
    k: usize,
) -> Option<Selection> {
    let stage = map.stages.get(s)?;
    let lane = map.lanes.get(l)?;
    if lane.kind == LaneKind::Emotion {
        let points: Vec<_> = stage.points_in(&lane.id).collect();
        let point = match direction {
            Direction::Left => points.last(),
            _ => points.first(),
        };
        if let Some(point) = point {
            return Some(Selection::only_point(point.id.clone()));
        }
    } else {
        let cards: Vec<_> = stage.cards_in(&lane.id).collect();
        let card = match direction {
            Direction::Up => cards.last(),
            Direction::Down => cards.first(),
            Direction::Left | Direction::Right => cards.get(k).or(cards.last()),
        };
        if let Some(card) = card {
            return Some(Selection::only_card(card.id.clone()));
        }
    }
    Some(Selection {
        cell: Some((stage.id.clone(), lane.id.clone())),
        ..Selection::default()
    })
}

fn header(map: &JourneyMap, s: usize) -> Option<Selection> {
    Some(Selection {
        stage: Some(map.stages.get(s)?.id.clone()),
        ..Selection::default()
    })
}

fn label(map: &JourneyMap, l: usize) -> Option<Selection> {
    Some(Selection {
        lane: Some(map.lanes.get(l)?.id.clone()),
        ..Selection::default()
    })
}

#[cfg(test)]
mod tests {
    use super::Direction::{Down, Left, Right, Up};
    use super::*;
    use crate::model::{CardId, LaneId, StageId};

    /// Stages A, B; lanes Doing (text) and Feeling (emotion).
    /// A/Doing holds cards a1, a2; B/Doing holds b1; A/Feeling one point.
    fn map() -> (JourneyMap, [StageId; 2], [LaneId; 2], [CardId; 3]) {
        let mut map = JourneyMap::default();
        let a = map.add_stage(0, "A");
        let b = map.add_stage(1, "B");
        let doing = map.add_lane(0, "Doing", LaneKind::Text);
        let feeling = map.add_lane(1, "Feeling", LaneKind::Emotion);
        let a1 = map.add_card(&a, &doing, 0, "a1").expect("card");
        let a2 = map.add_card(&a, &doing, 1, "a2").expect("card");
        let b1 = map.add_card(&b, &doing, 0, "b1").expect("card");
        map.add_point(&a, &feeling, 0, 1, "ok").expect("point");
        (map, [a, b], [doing, feeling], [a1, a2, b1])
    }

    fn card(selection: Option<Selection>) -> CardId {
        selection.expect("moved").cards[0].clone()
    }

    #[test]
    fn arrows_walk_through_a_cell_then_on_to_the_next() {
        let (map, [_, b], [_, feeling], [a1, a2, b1]) = map();
        let on_a1 = Selection::only_card(a1.clone());
        assert_eq!(card(step(&map, &on_a1, Down)), a2);
        assert_eq!(card(step(&map, &on_a1, Right)), b1);
        assert_eq!(step(&map, &on_a1, Up), None, "top edge");
        assert_eq!(step(&map, &on_a1, Left), None, "left edge");

        let on_a2 = Selection::only_card(a2);
        assert_eq!(card(step(&map, &on_a2, Up)), a1);
        let below = step(&map, &on_a2, Down).expect("moved");
        assert_eq!(below.points.len(), 1, "the emotion point below");

        // B/Feeling has no point: the empty cell is selected.
        let last_of_b = Selection::only_card(b1);
        let empty = step(&map, &last_of_b, Down).expect("moved");
        assert_eq!(empty.cell, Some((b, feeling)));
    }

    #[test]
    fn from_the_side_the_card_at_the_same_height_is_entered() {
        let (map, _, _, [_, a2, b1]) = map();
        // B has one card: moving right from the second card lands on it.
        assert_eq!(
            card(step(&map, &Selection::only_card(a2.clone()), Right)),
            b1
        );
        let back = step(&map, &Selection::only_card(b1), Left);
        assert_eq!(card(back), map.stages[0].cards[0].id);
    }

    #[test]
    fn headers_and_labels_move_along_their_row_and_column() {
        let (map, [a, b], [doing, feeling], [a1, ..]) = map();
        let on_a = Selection {
            stage: Some(a.clone()),
            ..Selection::default()
        };
        assert_eq!(step(&map, &on_a, Right).and_then(|s| s.stage), Some(b));
        assert_eq!(card(step(&map, &on_a, Down)), a1);
        let on_doing = Selection {
            lane: Some(doing),
            ..Selection::default()
        };
        assert_eq!(
            step(&map, &on_doing, Down).and_then(|s| s.lane),
            Some(feeling)
        );
    }

    #[test]
    fn shift_arrows_extend_the_selection_and_step_back_over_it() {
        let (map, _, _, [a1, a2, b1]) = map();
        let on_a1 = Selection::only_card(a1.clone());
        let down = extend(&map, &on_a1, Down).expect("extended");
        assert_eq!(down.cards, [a1.clone(), a2.clone()]);
        let right = extend(&map, &down, Right).expect("extended");
        assert_eq!(right.cards, [a1.clone(), a2.clone(), b1], "B's only card");
        let back = extend(&map, &down, Up).expect("extended");
        assert_eq!(back.cards, [a1], "Shift+Up undoes Shift+Down");
        // Below a2 is the emotion lane: a point, not a card.
        assert_eq!(extend(&map, &down, Down), None);
        assert_eq!(extend(&map, &on_a1, Up), None, "top edge");
    }

    #[test]
    fn with_nothing_selected_an_arrow_enters_the_first_cell() {
        let (map, _, _, [a1, ..]) = map();
        assert_eq!(card(step(&map, &Selection::default(), Right)), a1);
    }
}
