//! Where the emotion curve goes beyond the stages laid out. On a slide of a
//! split set, the curve runs on past the slide's edges, towards the points
//! of the stages on the slides before and after, so that a set of slides
//! reads as one journey.

use egui::{Pos2, Rangef, pos2};

use super::grid::point_x;
use super::score_y;
use crate::model::JourneyMap;

/// The curve of one emotion lane beyond the stages laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveEnds {
    /// The lane (index into [`super::Layout::lanes`]).
    pub lane: usize,
    /// The nearest point before the first stage shown, placed where it
    /// would be if its stage were drawn to the left of the first one.
    pub before: Option<Pos2>,
    /// The nearest point after the last stage shown, placed likewise to
    /// the right.
    pub after: Option<Pos2>,
}

/// The curve ends of the emotion lane `lane_index` of `part`, a run of
/// `whole`'s stages laid out in `columns` with the lane in `row`; `None`
/// when no stage outside `part` has a point in the lane.
pub(super) fn curve_ends(
    part: &JourneyMap,
    whole: &JourneyMap,
    lane_index: usize,
    columns: &[Rangef],
    row: Rangef,
    scale: f32,
    text_scale: f32,
) -> Option<CurveEnds> {
    let lane = &part.lanes.get(lane_index)?.id;
    let (first, last) = (&part.stages.first()?.id, &part.stages.last()?.id);
    let start = whole.stages.iter().position(|stage| &stage.id == first)?;
    let end = whole.stages.iter().position(|stage| &stage.id == last)?;
    let width = columns.first()?.span();
    let (left, right) = (columns.first()?.min, columns.last()?.max);
    let place = |column_min: f32, index: usize, count: usize, score: i8| {
        let column = Rangef::new(column_min, column_min + width);
        pos2(
            point_x(column, index, count),
            score_y(row, scale, text_scale, score),
        )
    };
    let before = whole.stages[..start]
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, stage)| {
            let points: Vec<_> = stage.points_in(lane).collect();
            let last = points.last()?;
            #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
            let column_min = left - (start - i) as f32 * width;
            Some(place(
                column_min,
                points.len() - 1,
                points.len(),
                last.score,
            ))
        });
    let after = whole
        .stages
        .get(end + 1..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .find_map(|(i, stage)| {
            let points: Vec<_> = stage.points_in(lane).collect();
            let first = points.first()?;
            #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
            let column_min = right + i as f32 * width;
            Some(place(column_min, 0, points.len(), first.score))
        });
    (before.is_some() || after.is_some()).then_some(CurveEnds {
        lane: lane_index,
        before,
        after,
    })
}
