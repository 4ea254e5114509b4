//! The emotion curve: the zero line, the smooth curve through the points,
//! and a face for each point; the company's curve and the perception gap
//! (see [`super::gap`]) beneath them.

use egui::epaint::{CubicBezierShape, QuadraticBezierShape};
use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::edges::Course;
use super::{View, future, gap, hairline};
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
    let points: Vec<&PointLayout> = layout.points.iter().filter(|p| p.lane == lane).collect();
    // On a slide of a split set, the curves run on to the slide's edges,
    // towards the points on the slides before and after.
    let ends = layout.curve_ends.iter().find(|ends| ends.lane == lane);
    let edges = grid.x_range();
    let customer = Course::new(points.iter().map(|point| Some(point.center)), ends, |end| {
        Some(end.customer)
    });
    let segments = customer.segments(edges);
    let company = gap::company_course(layout, &points, ends);
    let company_segments = company.segments(edges);
    let curves = gap::Curves {
        customer: &customer,
        segments: &segments,
        company: &company,
        company_segments: &company_segments,
    };
    gap::shading(layout, theme, lane, &curves, view, shapes);
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
    gap::company_curve(layout, theme, &curves, view, shapes);
    future::future_curve(layout, theme, &points, ends, edges, view, shapes);
    shapes.extend(curve_shapes(
        segments.iter().map(|(_, segment)| *segment),
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

/// A smooth curve through `points` (left to right) that never overshoots
/// them: between two points it stays between their heights, so a dip
/// between two equal scores is never drawn. Monotone cubic segments
/// (Fritsch–Butland slopes), as Bézier control points.
pub(in crate::render) fn monotone_segments(points: &[Pos2]) -> Vec<[Pos2; 4]> {
    let slopes = monotone_slopes(points);
    points
        .windows(2)
        .zip(slopes.windows(2))
        .map(|(pair, slope)| {
            let (p1, p2) = (pair[0], pair[1]);
            let third = (p2.x - p1.x) / 3.0;
            [
                p1,
                p1 + vec2(third, slope[0] * third),
                p2 - vec2(third, slope[1] * third),
                p2,
            ]
        })
        .collect()
}

/// The segments as shapes, leaving out those wholly outside `visible`.
fn curve_shapes(
    segments: impl Iterator<Item = [Pos2; 4]>,
    stroke: Stroke,
    visible: Rect,
) -> Vec<Shape> {
    segments
        .filter(|segment| visible.intersects(Rect::from_points(segment).expand(stroke.width)))
        .map(|segment| {
            Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                segment,
                false,
                Color32::TRANSPARENT,
                stroke,
            ))
        })
        .collect()
}

/// [`monotone_segments`] as shapes (for tests).
#[cfg(test)]
fn smooth_curve(points: &[Pos2], stroke: Stroke, visible: Rect) -> Vec<Shape> {
    curve_shapes(monotone_segments(points).into_iter(), stroke, visible)
}

/// The slope (dy/dx) of the curve at each point: zero at a peak, a trough
/// or a flat step, and otherwise a weighted harmonic mean of the slopes on
/// either side, which keeps each segment between its two points' heights.
fn monotone_slopes(points: &[Pos2]) -> Vec<f32> {
    let secant = |a: Pos2, b: Pos2| {
        let dx = b.x - a.x;
        if dx.abs() < f32::EPSILON {
            0.0
        } else {
            (b.y - a.y) / dx
        }
    };
    (0..points.len())
        .map(|i| {
            let before = i.checked_sub(1).map(|j| (points[j], points[i]));
            let after = points.get(i + 1).map(|next| (points[i], *next));
            match (before, after) {
                (Some(left), Some(right)) => {
                    let (into, out_of) = (secant(left.0, left.1), secant(right.0, right.1));
                    if into * out_of <= 0.0 {
                        return 0.0;
                    }
                    let (h0, h1) = (left.1.x - left.0.x, right.1.x - right.0.x);
                    let (w0, w1) = (2.0 * h1 + h0, h1 + 2.0 * h0);
                    (w0 + w1) / (w0 / into + w1 / out_of)
                }
                (Some(side), None) | (None, Some(side)) => secant(side.0, side.1),
                (None, None) => 0.0,
            }
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

/// A face of radius `r` at `c` whose colour and features show `score`.
/// Each score has its own shape, so that the faces read without colour (on
/// a grey projector, or to a colour-blind eye): a grin at +3, a smile at +2,
/// a small smile at +1, a straight mouth at 0, a small frown at −1, a frown
/// at −2, and a frown under knitted brows at −3.
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
    let line = Stroke::new(0.14 * r, ink);
    // A mouth `half` as wide as the face's radius, its middle `bend` below
    // (a smile) or above (a frown) its corners.
    let mouth = |half: f32, bend: f32| {
        let y = 0.33 * r - 0.5 * bend;
        Shape::QuadraticBezier(QuadraticBezierShape::from_points_stroke(
            [
                c + vec2(-half * r, y),
                c + vec2(0.0, y + 2.0 * bend),
                c + vec2(half * r, y),
            ],
            false,
            Color32::TRANSPARENT,
            line,
        ))
    };
    match score.clamp(-3, 3) {
        3 => {
            // An open grin: a filled half disc.
            let top = c.y + 0.12 * r;
            let rim: Vec<Pos2> = (0..=12_u8)
                .map(|i| {
                    let angle = std::f32::consts::PI * f32::from(i) / 12.0;
                    pos2(c.x + 0.5 * r * angle.cos(), top + 0.42 * r * angle.sin())
                })
                .collect();
            shapes.push(Shape::convex_polygon(rim, ink, Stroke::NONE));
        }
        2 => shapes.push(mouth(0.45, 0.22 * r)),
        1 => shapes.push(mouth(0.28, 0.1 * r)),
        0 => shapes.push(Shape::line_segment(
            [c + vec2(-0.38 * r, 0.33 * r), c + vec2(0.38 * r, 0.33 * r)],
            line,
        )),
        -1 => shapes.push(mouth(0.28, -0.1 * r)),
        -2 => shapes.push(mouth(0.45, -0.22 * r)),
        _ => {
            shapes.push(mouth(0.45, -0.24 * r));
            // Brows knitted down towards the nose.
            for side in [-1.0, 1.0] {
                shapes.push(Shape::line_segment(
                    [
                        c + vec2(side * 0.62 * r, -0.62 * r),
                        c + vec2(side * 0.16 * r, -0.42 * r),
                    ],
                    Stroke::new(0.12 * r, ink),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_never_overshoots_its_points() {
        // Scores as a stage's faces sit: up to +3, twice, then a fall and
        // a flat run, the kind of run a Catmull-Rom spline bulged over.
        let ys = [40.0, 10.0, 10.0, 90.0, 85.0, 85.0, 20.0, 60.0];
        let points: Vec<Pos2> = ys
            .iter()
            .enumerate()
            .map(|(i, &y)| {
                #[expect(clippy::cast_precision_loss, reason = "a handful of points")]
                let x = 30.0 * i as f32 + if i % 3 == 0 { 7.0 } else { 0.0 };
                pos2(x, y)
            })
            .collect();
        let shapes = smooth_curve(&points, Stroke::new(1.0, Color32::BLACK), Rect::EVERYTHING);
        assert_eq!(shapes.len(), points.len() - 1);
        for (shape, pair) in shapes.iter().zip(points.windows(2)) {
            let Shape::CubicBezier(curve) = shape else {
                panic!("a Bézier segment");
            };
            let (low, high) = (pair[0].y.min(pair[1].y), pair[0].y.max(pair[1].y));
            for p in curve.flatten(Some(0.01)) {
                assert!(
                    p.y >= low - 0.01 && p.y <= high + 0.01,
                    "{p:?} leaves {low}..{high} between {:?} and {:?}",
                    pair[0],
                    pair[1]
                );
                assert!(p.x >= pair[0].x - 0.01 && p.x <= pair[1].x + 0.01);
            }
        }
    }

    /// What a face looks like at a glance, without colour: the kind of each
    /// feature, how wide the mouth is (to a tenth of the radius) and which
    /// way it bends. Two scores that differ only in how far the mouth bends
    /// look alike from the back of a room.
    fn features(score: i8) -> String {
        let mut shapes = Vec::new();
        face_shapes(&Theme::light(), Pos2::ZERO, 10.0, score, 1.0, &mut shapes);
        shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Circle(_) => None,
                Shape::QuadraticBezier(q) => {
                    let width = (q.points[2].x - q.points[0].x).round();
                    let bend = if q.points[1].y > q.points[0].y {
                        "smile"
                    } else {
                        "frown"
                    };
                    Some(format!("{bend} {width}"))
                }
                Shape::LineSegment { points, .. } => {
                    let level = (points[0].y - points[1].y).abs() < 0.01;
                    Some(if level { "level line" } else { "slanted line" }.to_owned())
                }
                Shape::Path(path) if path.fill != Color32::TRANSPARENT => Some("filled".to_owned()),
                other => Some(format!("{other:?}")),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[test]
    fn each_score_has_a_face_of_its_own_shape() {
        let looks: Vec<(i8, String)> = (-3..=3).map(|score| (score, features(score))).collect();
        for (i, (score, look)) in looks.iter().enumerate() {
            for (other, other_look) in &looks[i + 1..] {
                assert_ne!(look, other_look, "{score} and {other} look alike in grey");
            }
        }
    }

    #[test]
    fn a_flat_run_of_equal_scores_is_a_straight_line() {
        let points = [
            pos2(0.0, 50.0),
            pos2(40.0, 50.0),
            pos2(80.0, 50.0),
            pos2(120.0, 10.0),
        ];
        let shapes = smooth_curve(&points, Stroke::new(1.0, Color32::BLACK), Rect::EVERYTHING);
        let Some(Shape::CubicBezier(first)) = shapes.first() else {
            panic!("a Bézier segment");
        };
        assert!(first.points.iter().all(|p| (p.y - 50.0).abs() < 1e-4));
    }
}
