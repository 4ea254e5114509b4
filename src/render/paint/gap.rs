//! The perception gap in an emotion lane: the company's curve (what it
//! believes the customer feels) dashed beside the customer's, a diamond at
//! each of its points, and the area between the two curves shaded.
//!
//! The company's curve runs through each run of neighbouring points that
//! record the company's belief, with the same smoothing as the customer's
//! curve. Both curves' segments between two points start and end at the
//! same x and put their control points a third and two thirds across, so
//! they share x at every parameter: the shading pairs them parameter by
//! parameter into a strip of triangles.

use egui::epaint::{CubicBezierShape, Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::View;
use crate::render::layout::{Layout, PointLayout};
use crate::render::theme::Theme;

/// Steps per segment of the shaded strip: smooth at any zoom the map is
/// drawn at, and a few hundred vertices for a whole lane.
const STEPS: u8 = 16;

/// The customer curve's segments in one lane: `points[i]` to
/// `points[i + 1]` is `segments[i + offset]` (a slide of a split set puts
/// a segment from its left edge first).
pub(super) struct Customer<'a> {
    /// The segments.
    pub segments: &'a [[Pos2; 4]],
    /// Where the first point's segment is.
    pub offset: usize,
}

/// The shading between the curves, under everything else in the lane
/// (`lane`, whose `points` these are).
pub(super) fn shading(
    layout: &Layout,
    theme: &Theme,
    lane: usize,
    points: &[&PointLayout],
    customer: &Customer<'_>,
    view: &View,
    shapes: &mut Vec<Shape>,
) {
    // Opaque, so that the triangles of a vector export meet without seams.
    let fill = theme.gap_fill(lane % 2 == 1);
    for run in runs(layout, points) {
        if let [single] = run.as_slice() {
            let (point, company) = *single;
            let width = layout.face_radius() * 0.9;
            let rect = Rect::from_x_y_ranges(
                (point.center.x - width)..=(point.center.x + width),
                point.center.y.min(company.y)..=point.center.y.max(company.y),
            );
            if view.visible.intersects(rect) {
                shapes.push(Shape::rect_filled(rect, 0.0, fill));
            }
            continue;
        }
        let company: Vec<Pos2> = run.iter().map(|(_, c)| *c).collect();
        let company_segments = super::emotion::monotone_segments(&company);
        let first = points
            .iter()
            .position(|p| std::ptr::eq(*p, run[0].0))
            .unwrap_or(0);
        let mut mesh = Mesh::default();
        for (k, theirs) in company_segments.iter().enumerate() {
            let Some(ours) = customer.segments.get(first + k + customer.offset) else {
                continue;
            };
            let bounds = Rect::from_points(ours).union(Rect::from_points(theirs));
            if view.visible.intersects(bounds) {
                strip(ours, theirs, fill, &mut mesh);
            }
        }
        if !mesh.is_empty() {
            shapes.push(Shape::mesh(mesh));
        }
    }
}

/// The company's dashed curve and a diamond at each of its points, over
/// the shading and under the customer's curve and faces.
pub(super) fn company_curve(
    layout: &Layout,
    theme: &Theme,
    points: &[&PointLayout],
    view: &View,
    shapes: &mut Vec<Shape>,
) {
    let stroke = Stroke::new(2.0 * layout.scale, theme.company);
    let (dash, gap) = (7.0 * layout.scale, 4.0 * layout.scale);
    for run in runs(layout, points) {
        let company: Vec<Pos2> = run.iter().map(|(_, c)| *c).collect();
        for segment in super::emotion::monotone_segments(&company) {
            if !view.visible.intersects(Rect::from_points(&segment)) {
                continue;
            }
            let line =
                CubicBezierShape::from_points_stroke(segment, false, Color32::TRANSPARENT, stroke)
                    .flatten(Some(0.25 * layout.scale));
            shapes.extend(Shape::dashed_line(&line, stroke, dash, gap));
        }
        let r = layout.face_radius() * 0.42;
        for &(_, at) in &run {
            if view.visible.contains(at) {
                shapes.push(diamond(at, r, theme, layout.scale));
            }
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

/// Runs of neighbouring points (in one lane, left to right) that record the
/// company's belief, each point with the company's position.
fn runs<'a>(layout: &Layout, points: &[&'a PointLayout]) -> Vec<Vec<(&'a PointLayout, Pos2)>> {
    let mut runs: Vec<Vec<(&PointLayout, Pos2)>> = Vec::new();
    let mut current = Vec::new();
    for &point in points {
        let position = point
            .company
            .and_then(|score| layout.score_y(point.lane, score))
            .map(|y| pos2(point.center.x, y));
        match position {
            Some(at) => current.push((point, at)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Triangles between two segments that share x at every parameter.
fn strip(ours: &[Pos2; 4], theirs: &[Pos2; 4], fill: Color32, mesh: &mut Mesh) {
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
    let vertex = |pos| Vertex {
        pos,
        uv: WHITE_UV,
        color: fill,
    };
    let base = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for step in 0..=STEPS {
        let t = f32::from(step) / f32::from(STEPS);
        mesh.vertices.push(vertex(at(ours, t)));
        mesh.vertices.push(vertex(at(theirs, t)));
    }
    for step in 0..u32::from(STEPS) {
        let i = base + 2 * step;
        mesh.add_triangle(i, i + 1, i + 2);
        mesh.add_triangle(i + 1, i + 3, i + 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strip_between_two_curves_fills_exactly_the_space_between_them() {
        let ours = [
            pos2(0.0, 10.0),
            pos2(10.0, 10.0),
            pos2(20.0, 10.0),
            pos2(30.0, 10.0),
        ];
        let theirs = [
            pos2(0.0, 40.0),
            pos2(10.0, 40.0),
            pos2(20.0, 40.0),
            pos2(30.0, 40.0),
        ];
        let mut mesh = Mesh::default();
        strip(&ours, &theirs, Color32::RED, &mut mesh);
        assert_eq!(mesh.vertices.len(), 2 * (usize::from(STEPS) + 1));
        assert_eq!(mesh.indices.len(), 6 * usize::from(STEPS));
        let bounds = mesh.calc_bounds();
        assert_eq!(
            bounds,
            Rect::from_min_max(pos2(0.0, 10.0), pos2(30.0, 40.0))
        );
        // Paired vertices share x: the strip has no slanted seams.
        for pair in mesh.vertices.chunks_exact(2) {
            assert!((pair[0].pos.x - pair[1].pos.x).abs() < 1e-4);
        }
    }
}
