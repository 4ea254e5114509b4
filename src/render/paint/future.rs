//! The future state where both states are shown: the future curve (what
//! the customer should feel once the change is made) beside today's, and
//! the outlines that tell a card only the future has from one only today
//! has.
//!
//! The future curve runs through every point of the lane, at its future
//! score where one is recorded and at today's elsewhere (the future keeps
//! what the team does not change), and only in a lane where some point
//! records one. A small ring marks each point whose score changes.

use egui::epaint::CubicBezierShape;
use egui::{Color32, Rangef, Rect, Shape, Stroke, pos2};

use super::View;
use super::edges::Course;
use crate::model::JourneyState;
use crate::render::layout::{CardLayout, CurveEnds, Layout, PointLayout};
use crate::render::theme::Theme;

/// The future curve of one lane, under today's curve and faces: through
/// the lane's `points` and, on a slide of a split set, on to its `edges`
/// towards the points beyond them (`ends`).
pub(super) fn future_curve(
    layout: &Layout,
    theme: &Theme,
    points: &[&PointLayout],
    ends: Option<&CurveEnds>,
    edges: Rangef,
    view: &View,
    shapes: &mut Vec<Shape>,
) {
    let beyond = ends.is_some_and(|ends| {
        (ends.before.iter().chain(&ends.after)).any(|end| end.future.is_some())
    });
    if !beyond && points.iter().all(|point| point.future.is_none()) {
        return;
    }
    let at = |point: &PointLayout| {
        let score = point.future.unwrap_or(point.score);
        layout
            .score_y(point.lane, score)
            .map_or(point.center, |y| pos2(point.center.x, y))
    };
    let course = Course::new(points.iter().map(|point| Some(at(point))), ends, |end| {
        end.future
    });
    let stroke = Stroke::new(3.0 * layout.scale, theme.future);
    for (_, segment) in course.segments(edges) {
        if view.visible.intersects(Rect::from_points(&segment)) {
            shapes.push(
                CubicBezierShape::from_points_stroke(segment, false, Color32::TRANSPARENT, stroke)
                    .into(),
            );
        }
    }
    let r = layout.face_radius() * 0.45;
    let shown = course
        .positions
        .get(course.shown.clone())
        .unwrap_or_default();
    for (point, position) in points.iter().zip(shown) {
        let Some(position) = *position else { continue };
        if point.future.is_some_and(|f| f != point.score) && view.visible.contains(position) {
            shapes.push(Shape::circle_filled(position, r, theme.future));
            shapes.push(Shape::circle_filled(position, r * 0.45, theme.background));
        }
    }
}

/// The outline of a card of one state only: dashed in the future's colour
/// for a card the change brings, dashed grey for one it takes away.
pub(super) fn state_outline(
    layout: &Layout,
    theme: &Theme,
    card: &CardLayout,
    shapes: &mut Vec<Shape>,
) {
    if let Some(state) = card.state {
        dashed_outline(
            theme,
            state,
            card.rect.shrink(layout.scale),
            layout.scale,
            shapes,
        );
    }
}

fn dashed_outline(
    theme: &Theme,
    state: JourneyState,
    rect: Rect,
    scale: f32,
    shapes: &mut Vec<Shape>,
) {
    let colour = match state {
        JourneyState::Future => theme.future,
        JourneyState::Current => theme.muted,
    };
    let stroke = Stroke::new(2.0 * scale, colour);
    let outline = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    let (dash, gap) = (6.0 * scale, 4.0 * scale);
    shapes.extend(Shape::dashed_line(&outline, stroke, dash, gap));
}

/// A small card of one state only, filled and outlined as on the map, for
/// the legend.
pub fn state_card_key(theme: &Theme, state: JourneyState, rect: Rect, scale: f32) -> Vec<Shape> {
    let mut shapes = vec![Shape::rect_filled(
        rect,
        0.0,
        state_fill(theme, Some(state)),
    )];
    dashed_outline(theme, state, rect, scale, &mut shapes);
    shapes
}

/// The fill of a card of one state only: tinted towards the future's
/// colour, or faded for a card the change takes away.
pub(super) fn state_fill(theme: &Theme, state: Option<JourneyState>) -> Color32 {
    match state {
        None => theme.card_fill,
        Some(JourneyState::Future) => theme.card_fill.lerp_to_gamma(theme.future, 0.12),
        Some(JourneyState::Current) => theme.card_fill.lerp_to_gamma(theme.background, 0.6),
    }
}
