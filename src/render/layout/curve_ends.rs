//! Where the emotion lane's curves go beyond the stages laid out. On a
//! slide of a split set, the customer's curve, the company's and the
//! future's run on past the slide's edges, towards the points of the
//! stages on the slides before and after, so that a set of slides reads as
//! one journey.

use egui::{Pos2, Rangef, pos2};

use super::grid::point_x;
use super::score_y;
use crate::model::{EmotionPoint, JourneyMap};

/// How many points beyond each edge the curves need: the nearest, which
/// the curve runs towards, and the one after it, which shapes the curve's
/// bend at the nearest (as it does on the whole map).
const BEYOND: usize = 2;

/// The curves of one emotion lane beyond the stages laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveEnds {
    /// The lane (index into [`super::Layout::lanes`]).
    pub lane: usize,
    /// The points before the first stage shown, nearest first (at most
    /// two), placed where they would be if their stages were drawn to the
    /// left of the first one.
    pub before: Vec<CurveEnd>,
    /// The points after the last stage shown, nearest first, placed
    /// likewise to the right.
    pub after: Vec<CurveEnd>,
}

/// One point of an emotion lane beyond the stages laid out, on each curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveEnd {
    /// On the customer's curve.
    pub customer: Pos2,
    /// On the company's curve, where the point records the company's belief.
    pub company: Option<Pos2>,
    /// On the future curve, where the lane has one: at the future score,
    /// or today's where none is recorded.
    pub future: Option<Pos2>,
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
    // The future curve is drawn through the whole lane where any of its
    // points records a future score, on every slide.
    let future = whole
        .stages
        .iter()
        .any(|stage| stage.points_in(lane).any(|point| point.future.is_some()));
    let y = |score: i8| score_y(row, scale, text_scale, score);
    let place = |column_min: f32, index: usize, count: usize, point: &EmotionPoint| {
        let x = point_x(Rangef::new(column_min, column_min + width), index, count);
        CurveEnd {
            customer: pos2(x, y(point.score)),
            company: point.company.map(|score| pos2(x, y(score))),
            future: future.then(|| pos2(x, y(point.future.unwrap_or(point.score)))),
        }
    };
    let before: Vec<CurveEnd> = whole.stages[..start]
        .iter()
        .enumerate()
        .rev()
        .flat_map(|(i, stage)| {
            let points: Vec<&EmotionPoint> = stage.points_in(lane).collect();
            #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
            let column_min = left - (start - i) as f32 * width;
            let count = points.len();
            points
                .into_iter()
                .enumerate()
                .rev()
                .map(move |(index, point)| place(column_min, index, count, point))
        })
        .take(BEYOND)
        .collect();
    let after: Vec<CurveEnd> = whole
        .stages
        .get(end + 1..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .flat_map(|(i, stage)| {
            let points: Vec<&EmotionPoint> = stage.points_in(lane).collect();
            #[expect(clippy::cast_precision_loss, reason = "stage counts are small")]
            let column_min = right + i as f32 * width;
            let count = points.len();
            points
                .into_iter()
                .enumerate()
                .map(move |(index, point)| place(column_min, index, count, point))
        })
        .take(BEYOND)
        .collect();
    (!before.is_empty() || !after.is_empty()).then_some(CurveEnds {
        lane: lane_index,
        before,
        after,
    })
}
