//! The perception gap in an emotion lane: the company's curve (what it
//! believes the customer feels) dashed beside the customer's, a diamond at
//! each of its points, and the area between the two curves shaded.
//!
//! The company's curve runs through each run of neighbouring points that
//! record the company's belief, with the same smoothing as the customer's
//! curve. Both curves' segments between two points start and end at the
//! same x and put their control points a third and two thirds across, so
//! they share x at every parameter: the shading pairs them parameter by
//! parameter into a strip of triangles. On a slide of a split set, both
//! curves and the shading run on to the slide's edges, each trimmed at the
//! same x there (see [`super::edges`]).

use egui::epaint::CubicBezierShape;
use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::View;
use super::edges::{Course, Segment};
use crate::render::layout::{CurveEnds, Layout, PointLayout};
use crate::render::theme::Theme;

/// Steps per segment of the shaded strip: smooth at any zoom the map is
/// drawn at, and a few hundred vertices for a whole lane.
const STEPS: u8 = 16;

/// The curves of one emotion lane that the gap lies between.
pub(super) struct Curves<'a> {
    /// Where the customer's curve runs.
    pub customer: &'a Course,
    /// The customer's curve, by the point each segment starts at.
    pub segments: &'a [Segment],
    /// Where the company's curve runs.
    pub company: &'a Course,
    /// The company's curve, by the point each segment starts at, trimmed
    /// at the slide's edges as the customer's is.
    pub company_segments: &'a [Segment],
}

/// Where the company's curve runs through the lane's `points` (and the
/// points beyond a slide's edges, `ends`): through each run of
/// neighbouring points that record the company's belief.
pub(super) fn company_course(
    layout: &Layout,
    points: &[&PointLayout],
    ends: Option<&CurveEnds>,
) -> Course {
    let on_slide = points.iter().map(|point| {
        point
            .company
            .and_then(|score| layout.score_y(point.lane, score))
            .map(|y| pos2(point.center.x, y))
    });
    Course::new(on_slide, ends, |end| end.company)
}

/// The shading between the curves, under everything else in the lane
/// (`lane`).
pub(super) fn shading(
    layout: &Layout,
    theme: &Theme,
    lane: usize,
    curves: &Curves<'_>,
    view: &View,
    shapes: &mut Vec<Shape>,
) {
    // Opaque, so that the triangles of a vector export meet without seams.
    let fill = theme.gap_fill(lane % 2 == 1);
    let company = curves.company;
    // A point alone on the company's curve: a bar from face to diamond.
    for (start, run) in company.runs() {
        let [single] = run.as_slice() else {
            continue;
        };
        let customer = curves.customer.positions.get(start).copied().flatten();
        let Some(point) = customer.filter(|_| company.shown.contains(&start)) else {
            continue;
        };
        let width = layout.face_radius() * 0.9;
        let rect = Rect::from_x_y_ranges(
            (point.x - width)..=(point.x + width),
            point.y.min(single.y)..=point.y.max(single.y),
        );
        if view.visible.intersects(rect) {
            shapes.push(Shape::rect_filled(rect, 0.0, fill));
        }
    }
    for (i, theirs) in curves.company_segments {
        let Ok(found) = curves.segments.binary_search_by_key(i, |(j, _)| *j) else {
            continue;
        };
        let ours = &curves.segments[found].1;
        let bounds = Rect::from_points(ours).union(Rect::from_points(theirs));
        if view.visible.intersects(bounds) {
            strip(ours, theirs, fill, layout.scale, shapes);
        }
    }
}

/// The company's dashed curve and a diamond at each of its points, over
/// the shading and under the customer's curve and faces.
pub(super) fn company_curve(
    layout: &Layout,
    theme: &Theme,
    curves: &Curves<'_>,
    view: &View,
    shapes: &mut Vec<Shape>,
) {
    let stroke = Stroke::new(2.0 * layout.scale, theme.company);
    let (dash, gap) = (7.0 * layout.scale, 4.0 * layout.scale);
    let company = curves.company;
    for (_, segment) in curves.company_segments {
        if !view.visible.intersects(Rect::from_points(segment)) {
            continue;
        }
        let line =
            CubicBezierShape::from_points_stroke(*segment, false, Color32::TRANSPARENT, stroke)
                .flatten(Some(0.25 * layout.scale));
        shapes.extend(Shape::dashed_line(&line, stroke, dash, gap));
    }
    let r = layout.face_radius() * 0.42;
    let shown = company
        .positions
        .get(company.shown.clone())
        .unwrap_or_default();
    for at in shown.iter().flatten() {
        if view.visible.contains(*at) {
            shapes.push(diamond(*at, r, theme, layout.scale));
        }
    }
}

/// A diamond of half-width `r` at `c`: filled with the background, outlined
/// in the company's colour, so that it reads apart from the faces.
pub(in crate::render) fn diamond(c: Pos2, r: f32, theme: &Theme, scale: f32) -> Shape {
    Shape::convex_polygon(
        vec![
            c + vec2(0.0, -r),
            c + vec2(r, 0.0),
            c + vec2(0.0, r),
            c + vec2(-r, 0.0),
        ],
        theme.background,
        Stroke::new(2.0 * scale, theme.company),
    )
}

/// The space between two segments that share x at every parameter, as
/// convex slices (a trapezoid per step, or two triangles where the curves
/// cross). Each slice reaches a little into the next: the fill is opaque,
/// so the overlap cannot show, and a PDF viewer draws no hairline seams
/// between slices as it would between the triangles of a mesh.
fn strip(ours: &[Pos2; 4], theirs: &[Pos2; 4], fill: Color32, scale: f32, shapes: &mut Vec<Shape>) {
    // The Bernstein weights of a cubic at `t`.
    let at = |segment: &[Pos2; 4], t: f32| {
        let rest = 1.0 - t;
        let weights = [
            rest * rest * rest,
            3.0 * rest * rest * t,
            3.0 * rest * t * t,
            t * t * t,
        ];
        let mut sum = Pos2::ZERO;
        for (weight, point) in weights.iter().zip(segment) {
            sum += point.to_vec2() * *weight;
        }
        sum
    };
    let overlap = 0.6 * scale;
    let samples: Vec<(Pos2, Pos2)> = (0..=STEPS)
        .map(|step| {
            let t = f32::from(step) / f32::from(STEPS);
            (at(ours, t), at(theirs, t))
        })
        .collect();
    for pair in samples.windows(2) {
        let [(ours_then, theirs_then), (ours_next, theirs_next)] = [pair[0], pair[1]];
        let (before, after) = (ours_then.y - theirs_then.y, ours_next.y - theirs_next.y);
        let reach = vec2(overlap, 0.0);
        let slice = if before * after < 0.0 {
            // The curves cross in this step: a triangle on either side.
            let cross = ours_then.lerp(ours_next, before / (before - after));
            shapes.push(polygon(vec![ours_then, cross, theirs_then], fill));
            vec![cross, ours_next + reach, theirs_next + reach]
        } else {
            vec![
                ours_then,
                ours_next + reach,
                theirs_next + reach,
                theirs_then,
            ]
        };
        shapes.push(polygon(slice, fill));
    }
}

fn polygon(points: Vec<Pos2>, fill: Color32) -> Shape {
    Shape::convex_polygon(points, fill, Stroke::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strip_between_two_curves_fills_the_space_between_them_in_convex_slices() {
        let line = |y0: f32, y1: f32| {
            [
                pos2(0.0, y0),
                pos2(10.0, y0 + (y1 - y0) / 3.0),
                pos2(20.0, y0 + 2.0 * (y1 - y0) / 3.0),
                pos2(30.0, y1),
            ]
        };
        let mut shapes = Vec::new();
        strip(
            &line(10.0, 10.0),
            &line(40.0, 40.0),
            Color32::RED,
            1.0,
            &mut shapes,
        );
        assert_eq!(shapes.len(), usize::from(STEPS));
        let bounds = shapes
            .iter()
            .map(Shape::visual_bounding_rect)
            .fold(Rect::NOTHING, Rect::union);
        assert!((bounds.min - pos2(0.0, 10.0)).length() < 1e-3, "{bounds:?}");
        assert!(bounds.max.y <= 40.0 + 1e-3 && bounds.max.x <= 30.6 + 1e-3);

        // Crossing curves: the step where they cross is two triangles.
        let mut crossing = Vec::new();
        strip(
            &line(10.0, 40.0),
            &line(45.0, 10.0),
            Color32::RED,
            1.0,
            &mut crossing,
        );
        assert_eq!(crossing.len(), usize::from(STEPS) + 1);
        assert!(
            crossing
                .iter()
                .all(|shape| matches!(shape, Shape::Path(path) if path.points.len() <= 4))
        );
    }
}
