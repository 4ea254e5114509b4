//! What clicks and drags on the canvas mean, in terms of the layout: which
//! item a gesture grabs, where a dragged card would land, which text field
//! a double-click opens. Everything here is pure: it reads the layout and
//! the map and returns edits or view state.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use super::inline_edit::{InlineEdit, Target};
use super::placement::Placement;
use super::reorder;
use super::selection::Selection;
use crate::edit::Edit;
use crate::model::{CardId, JourneyMap, PointId};
use crate::render::{Hit, Layout};

/// A drag in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    /// No drag.
    #[default]
    Idle,
    /// Dragging the background: panning.
    Panning,
    /// Dragging a card; `grab` is where it was grabbed, from its top-left.
    Card {
        /// The card.
        id: CardId,
        /// The grab point relative to the card's top-left, in map units.
        grab: Vec2,
    },
    /// Dragging a stage header along the header row.
    Stage {
        /// Its index in the layout.
        index: usize,
    },
    /// Dragging a lane label along the label column.
    Lane {
        /// Its index in the layout.
        index: usize,
    },
    /// Shift-dragging a selection rectangle.
    Band {
        /// Where the drag started, in map coordinates.
        origin: Pos2,
    },
    /// Dragging an emotion point up or down.
    Point {
        /// The point.
        id: PointId,
        /// Its lane's index in the layout.
        lane: usize,
        /// The score under the pointer, snapped to −3..=+3.
        score: i8,
    },
}

impl Gesture {
    /// The gesture that a drag starting on `hit` at `at` (map coordinates)
    /// begins; with Shift held, a drag from empty space draws a selection
    /// rectangle instead of panning.
    pub fn start(hit: Option<Hit>, layout: &Layout, at: Pos2, shift: bool) -> Self {
        match hit {
            Some(Hit::StageHeader(index)) => Self::Stage { index },
            Some(Hit::LaneLabel(index)) => Self::Lane { index },
            Some(Hit::Card(i)) => {
                let card = &layout.cards[i];
                Self::Card {
                    id: card.id.clone(),
                    grab: at - card.rect.min,
                }
            }
            Some(Hit::Point(i)) => {
                let point = &layout.points[i];
                Self::Point {
                    id: point.id.clone(),
                    lane: point.lane,
                    score: point.score,
                }
            }
            _ if shift => Self::Band { origin: at },
            _ => Self::Panning,
        }
    }

    /// The map as it would look if the drag ended now, where that differs
    /// from the map itself (an emotion point at its new score).
    pub fn preview(&self, map: &JourneyMap) -> Option<JourneyMap> {
        match self {
            Self::Point { id, score, .. } => Edit::SetScore(id.clone(), *score).preview(map).ok(),
            _ => None,
        }
    }

    /// What [`Self::preview`] changes: the emotion point and its new score.
    pub fn preview_key(&self) -> Option<(PointId, i8)> {
        match self {
            Self::Point { id, score, .. } => Some((id.clone(), *score)),
            _ => None,
        }
    }

    /// The drop indicator for the drag with the pointer at `at` (map
    /// coordinates): where a card, stage or lane would land.
    pub fn drop_line(&self, layout: &Layout, at: Pos2) -> Option<[Pos2; 2]> {
        match self {
            Self::Card { id, .. } => card_drop(layout, at, id).map(|drop| drop.line),
            Self::Stage { index } => Some(reorder::stage_slot(layout, *index, at.x).line),
            Self::Lane { index } => Some(reorder::lane_slot(layout, *index, at.y).line),
            _ => None,
        }
    }

    /// The edit a drag makes when released at `at` (map coordinates): one
    /// step for the whole drag.
    pub fn finish(self, layout: &Layout, map: &JourneyMap, at: Option<Pos2>) -> Option<Edit> {
        match self {
            Self::Card { id, .. } => {
                let drop = card_drop(layout, at?, &id)?;
                Some(Edit::MoveCard {
                    card: id,
                    stage: layout.stages[drop.stage].id.clone(),
                    lane: layout.lanes[drop.lane].id.clone(),
                    index: drop.index,
                })
            }
            Self::Point { id, score, .. } => {
                let (_, point) = map.point(&id)?;
                (point.score != score).then_some(Edit::SetScore(id, score))
            }
            Self::Stage { index } => {
                let slot = reorder::stage_slot(layout, index, at?.x);
                let id = layout.stages.get(index)?.id.clone();
                (slot.index != index).then_some(Edit::MoveStage(id, slot.index))
            }
            Self::Lane { index } => {
                let slot = reorder::lane_slot(layout, index, at?.y);
                let id = layout.lanes.get(index)?.id.clone();
                (slot.index != index).then_some(Edit::MoveLane(id, slot.index))
            }
            Self::Idle | Self::Panning | Self::Band { .. } => None,
        }
    }
}

/// Where a dragged card would land.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardDrop {
    /// Index into the layout's stages.
    pub stage: usize,
    /// Index into the layout's lanes.
    pub lane: usize,
    /// Position within the cell, not counting the dragged card.
    pub index: usize,
    /// The drop indicator: a line across the cell, in map coordinates.
    pub line: [Pos2; 2],
}

/// Where `card` would land if dropped at `at` (map coordinates): the cell
/// under the pointer, before the first card whose middle is below it.
pub fn card_drop(layout: &Layout, at: Pos2, card: &CardId) -> Option<CardDrop> {
    let stage = layout.stages.iter().position(|s| s.column.contains(at.x))?;
    let lane = layout.lanes.iter().position(|l| l.row.contains(at.y))?;
    if !layout.lanes[lane].kind.holds_cards() {
        return None;
    }
    let others: Vec<Rect> = layout
        .cards
        .iter()
        .filter(|c| c.stage == stage && c.lane == lane && &c.id != card)
        .map(|c| c.rect)
        .collect();
    let index = others.iter().filter(|r| r.center().y < at.y).count();
    let gap = 4.0 * layout.scale;
    let y = match (others.get(index), others.last()) {
        (Some(next), _) => next.min.y - gap,
        (None, Some(last)) => last.max.y + gap,
        (None, None) => layout.lanes[lane].row.min + 2.0 * gap,
    };
    let column = layout.stages[stage].column;
    let inset = 10.0 * layout.scale;
    Some(CardDrop {
        stage,
        lane,
        index,
        line: [pos2(column.min + inset, y), pos2(column.max - inset, y)],
    })
}

/// The point a click at `at` in an emotion cell adds: the score under the
/// pointer, placed among the stage's points by its x.
pub fn add_point(
    layout: &Layout,
    map: &JourneyMap,
    stage: usize,
    lane: usize,
    at: Pos2,
) -> Option<Edit> {
    let score = layout.score_at(lane, at.y)?;
    let index = layout
        .points
        .iter()
        .filter(|p| p.stage == stage && p.lane == lane && p.center.x < at.x)
        .count();
    let stage = map.stages.get(stage)?.id.clone();
    let lane = map.lanes.get(lane)?.id.clone();
    Some(Edit::AddPoint {
        stage,
        lane,
        index,
        score,
        label: String::new(),
    })
}

/// Updates the selection for a click on `hit`; `additive` is Shift or Ctrl.
pub fn select(hit: Option<Hit>, layout: &Layout, additive: bool, selection: &mut Selection) {
    match hit {
        Some(Hit::Card(i)) if additive => selection.toggle_card(layout.cards[i].id.clone()),
        Some(Hit::Card(i)) => *selection = Selection::only_card(layout.cards[i].id.clone()),
        Some(Hit::Point(i)) if additive => selection.toggle_point(layout.points[i].id.clone()),
        Some(Hit::Point(i)) => *selection = Selection::only_point(layout.points[i].id.clone()),
        Some(Hit::StageHeader(i)) => {
            *selection = Selection {
                stage: Some(layout.stages[i].id.clone()),
                ..Selection::default()
            };
        }
        Some(Hit::LaneLabel(i)) => {
            *selection = Selection {
                lane: Some(layout.lanes[i].id.clone()),
                ..Selection::default()
            };
        }
        Some(Hit::Cell { stage, lane }) => {
            let cell = (
                layout.stages[stage].id.clone(),
                layout.lanes[lane].id.clone(),
            );
            *selection = Selection {
                cell: Some(cell),
                ..Selection::default()
            };
        }
        Some(Hit::Persona) | None => *selection = Selection::default(),
    }
}

/// The text field a double-click on `hit` opens: a card's text, a new card
/// in an empty part of a cell, a point's label, a stage or lane name.
pub fn inline_for(hit: Option<Hit>, layout: &Layout, map: &JourneyMap) -> Option<InlineEdit> {
    match hit? {
        Hit::Card(i) => {
            let id = &layout.cards[i].id;
            let (_, card) = map.card(id)?;
            Some(InlineEdit::new(Target::Card(id.clone()), card.text.clone()))
        }
        Hit::Cell { stage, lane } => new_card(layout, stage, lane),
        Hit::Point(i) => {
            let id = &layout.points[i].id;
            let (_, point) = map.point(id)?;
            Some(InlineEdit::new(
                Target::PointLabel(id.clone()),
                point.label.clone(),
            ))
        }
        Hit::StageHeader(i) => {
            let stage = map.stages.get(i)?;
            Some(InlineEdit::new(
                Target::StageName(stage.id.clone()),
                stage.name.clone(),
            ))
        }
        Hit::LaneLabel(i) => {
            let lane = map.lanes.get(i)?;
            Some(InlineEdit::new(
                Target::LaneName(lane.id.clone()),
                lane.name.clone(),
            ))
        }
        Hit::Persona => None,
    }
}

/// F2, Enter or N: type into the selected card, point, stage or lane, or a
/// new card in the selected cell.
pub fn inline_for_selection(
    selection: &Selection,
    layout: &Layout,
    map: &JourneyMap,
) -> Option<InlineEdit> {
    if let Some((stage, lane)) = &selection.cell {
        let stage = map.stage_index(stage)?;
        let lane = map.lane_index(lane)?;
        return new_card(layout, stage, lane);
    }
    let hit = if let Some(card) = selection.cards.first() {
        Hit::Card(layout.cards.iter().position(|c| &c.id == card)?)
    } else if let Some(point) = selection.points.first() {
        Hit::Point(layout.points.iter().position(|p| &p.id == point)?)
    } else if let Some(stage) = &selection.stage {
        Hit::StageHeader(map.stage_index(stage)?)
    } else {
        Hit::LaneLabel(map.lane_index(selection.lane.as_ref()?)?)
    };
    inline_for(Some(hit), layout, map)
}

/// A new card right after the selected card (N), or at the end of the
/// selected cell.
pub fn new_card_for_selection(
    selection: &Selection,
    layout: &Layout,
    map: &JourneyMap,
) -> Option<InlineEdit> {
    if let Some(card) = selection.cards.last() {
        let at = layout.cards.iter().position(|c| &c.id == card)?;
        let (stage, lane) = (layout.cards[at].stage, layout.cards[at].lane);
        let index = layout.cards[..=at]
            .iter()
            .filter(|c| c.stage == stage && c.lane == lane)
            .count();
        let target = Target::NewCard {
            stage: layout.stages.get(stage)?.id.clone(),
            lane: layout.lanes.get(lane)?.id.clone(),
            index,
        };
        return Some(InlineEdit::new(target, ""));
    }
    let (stage, lane) = selection.cell.as_ref()?;
    new_card(layout, map.stage_index(stage)?, map.lane_index(lane)?)
}

/// A new card at the end of a cell of a lane that holds cards.
fn new_card(layout: &Layout, stage: usize, lane: usize) -> Option<InlineEdit> {
    if !layout.lanes.get(lane)?.kind.holds_cards() {
        return None;
    }
    let index = layout
        .cards
        .iter()
        .filter(|c| c.stage == stage && c.lane == lane)
        .count();
    let target = Target::NewCard {
        stage: layout.stages.get(stage)?.id.clone(),
        lane: layout.lanes[lane].id.clone(),
        index,
    };
    Some(InlineEdit::new(target, ""))
}

/// Where the text field for `target` goes on screen.
pub fn inline_rect(
    target: &Target,
    layout: &Layout,
    placement: &Placement,
    map: &JourneyMap,
) -> Option<Rect> {
    let s = layout.scale;
    let rect = match target {
        Target::Card(id) => {
            let card = layout.cards.iter().find(|c| &c.id == id)?;
            let rect = card.rect;
            placement.body_to_screen(Rect::from_min_size(
                rect.min,
                vec2(rect.width(), rect.height().max(56.0 * s)),
            ))
        }
        Target::NewCard { stage, lane, .. } => {
            let (stage, lane) = (map.stage_index(stage)?, map.lane_index(lane)?);
            let column = layout.stages.get(stage)?.column;
            let top = layout
                .cards
                .iter()
                .filter(|c| c.stage == stage && c.lane == lane)
                .map(|c| c.rect.max.y + 8.0 * s)
                .fold(layout.lanes.get(lane)?.row.min + 10.0 * s, f32::max);
            let rect = Rect::from_min_size(
                pos2(column.min + 10.0 * s, top),
                vec2(column.span() - 20.0 * s, 56.0 * s),
            );
            placement.body_to_screen(rect)
        }
        Target::PointLabel(id) => {
            let point = layout.points.iter().find(|p| &p.id == id)?;
            let centre = point.center + vec2(0.0, layout.face_radius() + 16.0 * s);
            placement.body_to_screen(Rect::from_center_size(centre, vec2(130.0 * s, 30.0 * s)))
        }
        Target::StageName(id) => {
            let stage = layout.stages.iter().find(|st| &st.id == id)?;
            let top = stage.header.min + vec2(0.0, 8.0 * s);
            Rect::from_min_size(top, vec2(stage.header.width(), 34.0 * s))
                .translate(placement.header_offset)
        }
        Target::LaneName(id) => {
            let lane = layout.lanes.iter().find(|l| &l.id == id)?;
            Rect::from_min_size(lane.label.min, vec2(lane.label.width(), 34.0 * s))
                .translate(placement.label_offset)
        }
    };
    Some(rect)
}

/// Adds what a selection rectangle (map coordinates) touches to the
/// selection: cards it overlaps and points whose centre it holds.
pub fn band_select(layout: &Layout, band: Rect, selection: &mut Selection) {
    let touched = layout.cards_near(band).map(|(_, card)| card);
    for card in touched.filter(|c| c.rect.intersects(band)) {
        if !selection.cards.contains(&card.id) {
            selection.toggle_card(card.id.clone());
        }
    }
    for point in layout.points.iter().filter(|p| band.contains(p.center)) {
        if !selection.points.contains(&point.id) {
            selection.toggle_point(point.id.clone());
        }
    }
}

/// Ctrl+D: a copy of each selected card right after it, as one step.
pub fn duplicate(cards: &[CardId], map: &JourneyMap) -> Option<Edit> {
    let copies: Vec<_> = cards
        .iter()
        .filter_map(|id| {
            let (stage, card) = map.card(id)?;
            let index = stage.cards_in(&card.lane).position(|c| &c.id == id)? + 1;
            Some((stage.id.clone(), index, card.clone()))
        })
        .collect();
    (!copies.is_empty()).then_some(Edit::InsertCards(copies))
}
