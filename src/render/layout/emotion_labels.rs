//! Where the labels of an emotion lane go: beside their faces, clear of the
//! curves (the customer's, the company's and the future's), the zero line,
//! the faces, the other curves' marks and each other.
//!
//! A label prefers the side of its face away from the zero line (above a
//! happy face, below the others). When that place is taken, it moves a
//! line further out, then to the other side; a stage with many points
//! gives its lane more lines for this (see [`tiers`]).

use egui::{Pos2, Rangef, Rect, pos2, vec2};

use super::PointLayout;
use crate::render::paint::monotone_segments;

/// How far out a label may move, in label lines, before the least bad
/// place is taken.
const MOST_TIERS: usize = 4;

/// How many lines of labels a lane needs on each side of its faces: one,
/// or more when a stage's labels are wider than the room between its
/// points (`spacing`, per stage, with the widest label of the stage).
pub(super) fn tiers(stages: impl Iterator<Item = (f32, f32)>) -> usize {
    stages
        .map(|(spacing, widest)| {
            if spacing <= 0.0 {
                return 1;
            }
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a small positive ratio, capped"
            )]
            let lines = (widest / spacing).ceil() as usize;
            lines.clamp(1, MOST_TIERS)
        })
        .max()
        .unwrap_or(1)
}

/// Places the labels of one lane's `points` (in curve order) in `row`:
/// faces of `radius`, labels `gap` from their face, the zero line at
/// `zero`, and a score `s` on the company's or the future curve at `y(s)`.
pub(super) fn place(
    points: &mut [PointLayout],
    row: Rangef,
    zero: f32,
    radius: f32,
    gap: f32,
    y: impl Fn(i8) -> f32,
) {
    let centres: Vec<Pos2> = points.iter().map(|p| p.center).collect();
    let mut curves = vec![sampled_curve(&centres)];
    let mut faces: Vec<Rect> = centres
        .iter()
        .map(|&c| Rect::from_center_size(c, vec2(radius, radius) * 2.0))
        .collect();
    // The company's curve runs through each run of points that record its
    // belief, a diamond at each; the future curve, as it is painted, through
    // every point of a lane where any has a future score (today's score
    // where none is recorded), a ring where the score changes. Their marks
    // are smaller than a face.
    let mark = |c: Pos2| Rect::from_center_size(c, vec2(radius, radius));
    for run in points.chunk_by(|a, b| a.company.is_some() == b.company.is_some()) {
        let on_curve: Vec<Pos2> = (run.iter())
            .filter_map(|p| Some(pos2(p.center.x, y(p.company?))))
            .collect();
        faces.extend(on_curve.iter().copied().map(mark));
        curves.push(sampled_curve(&on_curve));
    }
    if points.iter().any(|p| p.future.is_some()) {
        let future = |p: &PointLayout| pos2(p.center.x, y(p.future.unwrap_or(p.score)));
        let on_curve: Vec<Pos2> = points.iter().map(future).collect();
        curves.push(sampled_curve(&on_curve));
        let changed = (points.iter()).filter(|p| p.future.is_some_and(|f| f != p.score));
        faces.extend(changed.map(|p| mark(future(p))));
    }
    faces.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
    let mut placed: Vec<Rect> = Vec::with_capacity(points.len());
    let mut widest: f32 = 0.0;
    for point in points.iter_mut() {
        let size = point.label.size();
        if size.x <= 0.0 || size.y <= 0.0 {
            continue;
        }
        let above_first = point.score > 0;
        let mut best: Option<(f32, Rect)> = None;
        'search: for above in [above_first, !above_first] {
            for tier in 0..=MOST_TIERS {
                #[expect(clippy::cast_precision_loss, reason = "a few tiers")]
                let out = gap + size.y * tier as f32;
                let top = if above {
                    point.center.y - radius - out - size.y
                } else {
                    point.center.y + radius + out
                };
                let rect = Rect::from_min_size(pos2(point.center.x - size.x / 2.0, top), size);
                if rect.min.y < row.min || rect.max.y > row.max {
                    continue;
                }
                let near = Near {
                    placed: &placed,
                    widest,
                    faces: &faces,
                    radius,
                    curves: &curves,
                };
                #[expect(clippy::cast_precision_loss, reason = "a few tiers")]
                let cost = near.clash(rect, zero) + tier as f32 * 0.01;
                if best.is_none_or(|(least, _)| cost < least) {
                    best = Some((cost, rect));
                }
                if cost < 1.0 {
                    break 'search;
                }
            }
        }
        if let Some((_, rect)) = best {
            point.label_pos = rect.min;
            widest = widest.max(rect.width());
            placed.push(rect);
        }
    }
}

/// What a label may clash with, each in the order of the curve (left to
/// right), so that only what is near a label is looked at: a lane of
/// hundreds of points would otherwise compare every pair.
struct Near<'a> {
    /// Labels already placed, and the widest of them.
    placed: &'a [Rect],
    widest: f32,
    /// Every face and mark, by their left edge; none is wider than a face
    /// of `radius`.
    faces: &'a [Rect],
    radius: f32,
    /// The curves, each as short pieces from left to right.
    curves: &'a [Vec<Pos2>],
}

impl Near<'_> {
    /// How badly a label at `rect` clashes: the area it shares with labels
    /// already placed and with faces, and a large cost for crossing the
    /// curve or the zero line at `zero`; 0 when it is clear.
    fn clash(&self, rect: Rect, zero: f32) -> f32 {
        let shared = |other: &Rect| {
            let both = rect.intersect(*other);
            if both.is_positive() { both.area() } else { 0.0 }
        };
        // Placed labels start left of this one's centre: those that end
        // before it are at most the widest label further left.
        let labels: f32 = self
            .placed
            .iter()
            .rev()
            .take_while(|other| other.center().x + self.widest >= rect.min.x)
            .map(shared)
            .sum();
        let first_face =
            (self.faces).partition_point(|face| face.min.x + 2.0 * self.radius < rect.min.x);
        let faces: f32 = self.faces[first_face..]
            .iter()
            .take_while(|face| face.min.x <= rect.max.x)
            .map(shared)
            .sum();
        let mut cost = labels + faces;
        if rect.y_range().contains(zero) {
            cost += rect.area() * 0.5;
        }
        for curve in self.curves {
            let from = curve
                .partition_point(|point| point.x < rect.min.x)
                .saturating_sub(1);
            let to = curve
                .partition_point(|point| point.x <= rect.max.x)
                .saturating_add(1)
                .min(curve.len());
            if crosses(rect, curve.get(from..to).unwrap_or_default()) {
                cost += rect.area();
            }
        }
        cost
    }
}

/// The smooth curve through `centres`, as short straight pieces.
fn sampled_curve(centres: &[Pos2]) -> Vec<Pos2> {
    const STEPS: u8 = 8;
    let mut line = Vec::new();
    for [a, b, c, d] in monotone_segments(centres) {
        for step in 0..=STEPS {
            let t = f32::from(step) / f32::from(STEPS);
            let u = 1.0 - t;
            let point = a.to_vec2() * (u * u * u)
                + b.to_vec2() * (3.0 * u * u * t)
                + c.to_vec2() * (3.0 * u * t * t)
                + d.to_vec2() * (t * t * t);
            line.push(point.to_pos2());
        }
    }
    line
}

/// Whether the line through `points` passes through `rect`.
fn crosses(rect: Rect, points: &[Pos2]) -> bool {
    points.windows(2).any(|pair| {
        let (a, b) = (pair[0], pair[1]);
        if rect.contains(a) || rect.contains(b) {
            return true;
        }
        // The line is made of short pieces: one that enters the box from
        // outside and leaves again crosses its middle, in x or in y.
        let x_span = Rangef::new(a.x.min(b.x), a.x.max(b.x));
        let y_span = Rangef::new(a.y.min(b.y), a.y.max(b.y));
        x_span.intersects(rect.x_range())
            && y_span.intersects(rect.y_range())
            && segment_hits(a, b, rect)
    })
}

/// Whether the segment from `a` to `b` meets `rect` (clipped in x, then
/// compared in y).
fn segment_hits(a: Pos2, b: Pos2, rect: Rect) -> bool {
    let (a, b) = if a.x <= b.x { (a, b) } else { (b, a) };
    let dx = b.x - a.x;
    if dx.abs() < f32::EPSILON {
        return rect.x_range().contains(a.x)
            && Rangef::new(a.y.min(b.y), a.y.max(b.y)).intersects(rect.y_range());
    }
    let y_at = |x: f32| a.y + (b.y - a.y) * (x - a.x) / dx;
    let (from, to) = (a.x.max(rect.min.x), b.x.min(rect.max.x));
    if from > to {
        return false;
    }
    let (y0, y1) = (y_at(from), y_at(to));
    Rangef::new(y0.min(y1), y0.max(y1)).intersects(rect.y_range())
}

#[cfg(test)]
mod tests {
    use super::{crosses, tiers};
    use egui::{Rect, pos2};

    #[test]
    fn a_stage_whose_labels_are_wider_than_its_spacing_needs_more_lines() {
        assert_eq!(tiers([(100.0, 60.0)].into_iter()), 1);
        assert_eq!(tiers([(100.0, 60.0), (20.0, 50.0)].into_iter()), 3);
        assert_eq!(tiers([(5.0, 500.0)].into_iter()), 4, "capped");
        assert_eq!(tiers(std::iter::empty()), 1);
    }

    #[test]
    fn a_line_through_a_box_crosses_it_and_one_beside_it_does_not() {
        let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(20.0, 20.0));
        assert!(crosses(rect, &[pos2(0.0, 0.0), pos2(30.0, 30.0)]));
        assert!(crosses(rect, &[pos2(0.0, 15.0), pos2(30.0, 15.0)]));
        assert!(!crosses(rect, &[pos2(0.0, 25.0), pos2(30.0, 25.0)]));
        assert!(!crosses(rect, &[pos2(0.0, 0.0), pos2(30.0, 5.0)]));
    }
}
