//! The emotion curve: the zero line, the smooth curve through the points,
//! and a face for each point.

use egui::epaint::{CubicBezierShape, QuadraticBezierShape};
use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::{View, hairline};
use crate::render::layout::{Layout, PointLayout};
use crate::render::theme::Theme;

/// The zero line, the curve and the faces of one emotion lane, as far as
/// they are in view.
pub(super) fn emotion_lane(
    layout: &Layout,
    theme: &Theme,
    lane: usize,
    view: &View,
    selected: impl Fn(&PointLayout) -> bool,
    shapes: &mut Vec<Shape>,
) {
    let grid = layout.grid();
    if let Some(zero) = layout.score_y(lane, 0) {
        let (dash, gap) = (6.0 * layout.scale, 5.0 * layout.scale);
        let (left, right) = (
            grid.min.x + 6.0 * layout.scale,
            grid.max.x - 6.0 * layout.scale,
        );
        // Only the dashes in view, starting on the dash pattern so that
        // they do not crawl while the map is panned.
        let skipped = ((view.visible.min.x - left) / (dash + gap))
            .floor()
            .max(0.0);
        let from = left + skipped * (dash + gap);
        let to = right.min(view.visible.max.x + dash + gap);
        if from < to && view.visible.y_range().contains(zero) {
            shapes.extend(Shape::dashed_line(
                &[pos2(from, zero), pos2(to, zero)],
                hairline(layout, theme.grid.lerp_to_gamma(theme.muted, 0.4)),
                dash,
                gap,
            ));
        }
    }
    let points: Vec<&PointLayout> = layout.points.iter().filter(|p| p.lane == lane).collect();
    let centres: Vec<Pos2> = points.iter().map(|p| p.center).collect();
    shapes.extend(smooth_curve(
        &centres,
        Stroke::new(2.5 * layout.scale, theme.curve),
        view.visible,
    ));
    let reach = layout.face_radius() * 4.0;
    for point in points {
        if view.visible.intersects(Rect::from_center_size(
            point.center,
            vec2(reach, reach) * 2.0,
        )) {
            face(layout, theme, point, selected(point), shapes);
        }
    }
}

/// A Catmull-Rom spline through `points`, as cubic Bézier segments; the
/// segments wholly outside `visible` are left out.
fn smooth_curve(points: &[Pos2], stroke: Stroke, visible: Rect) -> Vec<Shape> {
    let at = |i: isize| {
        let last = points.len().saturating_sub(1);
        points[usize::try_from(i).unwrap_or(0).min(last)]
    };
    (0..points.len().saturating_sub(1))
        .filter_map(|i| {
            let i = isize::try_from(i).unwrap_or(0);
            let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
            let c1 = p1 + (p2 - p0) / 6.0;
            let c2 = p2 - (p3 - p1) / 6.0;
            let bounds = Rect::from_points(&[p1, c1, c2, p2]).expand(stroke.width);
            visible.intersects(bounds).then(|| {
                Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                    [p1, c1, c2, p2],
                    false,
                    Color32::TRANSPARENT,
                    stroke,
                ))
            })
        })
        .collect()
}

/// A face whose colour and mouth show the score, with its label.
fn face(
    layout: &Layout,
    theme: &Theme,
    point: &PointLayout,
    selected: bool,
    shapes: &mut Vec<Shape>,
) {
    let r = layout.face_radius();
    let c = point.center;
    face_shapes(theme, c, r, point.score, layout.scale, shapes);
    if selected {
        shapes.push(Shape::circle_stroke(
            c,
            r + 3.0 * layout.scale,
            Stroke::new(2.5 * layout.scale, theme.selection),
        ));
    }
    shapes.push(Shape::galley(
        point.label_pos,
        point.label.clone(),
        theme.muted,
    ));
}

/// A face of radius `r` at `c` whose colour and mouth show `score`.
pub(in crate::render) fn face_shapes(
    theme: &Theme,
    c: Pos2,
    r: f32,
    score: i8,
    scale: f32,
    shapes: &mut Vec<Shape>,
) {
    let fill = theme.emotion(score);
    let ink = Theme::text_on(fill);
    shapes.push(Shape::circle_filled(c, r, fill));
    shapes.push(Shape::circle_stroke(
        c,
        r,
        Stroke::new(1.5 * scale, theme.curve),
    ));
    for dx in [-0.36, 0.36] {
        shapes.push(Shape::circle_filled(
            c + vec2(dx * r, -0.22 * r),
            0.13 * r,
            ink,
        ));
    }
    let bend = f32::from(score) / 3.0;
    let mouth_y = 0.3 * r - bend * 0.12 * r;
    shapes.push(Shape::QuadraticBezier(
        QuadraticBezierShape::from_points_stroke(
            [
                c + vec2(-0.45 * r, mouth_y),
                c + vec2(0.0, mouth_y + bend * 0.55 * r),
                c + vec2(0.45 * r, mouth_y),
            ],
            false,
            Color32::TRANSPARENT,
            Stroke::new(0.14 * r, ink),
        ),
    ));
}
