//! One curve of an emotion lane (the customer's, the company's or the
//! future's) along the lane's points and, on a slide of a split set, on
//! past the slide's edges towards the points beyond them, trimmed exactly
//! at the edges: each slide shows the stretch of the curve that the whole
//! map shows over its stages.

use std::ops::Range;

use egui::{Pos2, Rangef};

use super::emotion::monotone_segments;
use crate::render::layout::{CurveEnd, CurveEnds};

/// Where one curve runs in a lane: a position for each point (`None` where
/// the point is not on this curve, which breaks it there), the points
/// before the slide first, then the slide's (`shown`), then those after.
pub(super) struct Course {
    /// Left to right.
    pub positions: Vec<Option<Pos2>>,
    /// The slide's own points in `positions`.
    pub shown: Range<usize>,
}

/// A segment of a curve, from the point at `start` (in
/// [`Course::positions`]) to the next, as Bézier control points.
pub(super) type Segment = (usize, [Pos2; 4]);

impl Course {
    /// The course through the slide's points, `on_slide`, and the points of
    /// `ends` beyond the slide's edges, where `at` puts them on this curve.
    pub fn new(
        on_slide: impl Iterator<Item = Option<Pos2>>,
        ends: Option<&CurveEnds>,
        at: impl Fn(&CurveEnd) -> Option<Pos2>,
    ) -> Self {
        let before = ends.map_or(&[][..], |ends| ends.before.as_slice());
        let after = ends.map_or(&[][..], |ends| ends.after.as_slice());
        let mut positions: Vec<Option<Pos2>> = before.iter().rev().map(&at).collect();
        let first = positions.len();
        positions.extend(on_slide);
        let shown = first..positions.len();
        positions.extend(after.iter().map(&at));
        Self { positions, shown }
    }

    /// The runs of neighbouring points on the curve: where each starts in
    /// `positions`, and its points.
    pub fn runs(&self) -> Vec<(usize, Vec<Pos2>)> {
        let mut runs = Vec::new();
        let mut current: Option<(usize, Vec<Pos2>)> = None;
        for (i, position) in self.positions.iter().enumerate() {
            match (position, &mut current) {
                (Some(at), Some((_, run))) => run.push(*at),
                (Some(at), None) => current = Some((i, vec![*at])),
                (None, _) => runs.extend(current.take()),
            }
        }
        runs.extend(current);
        runs
    }

    /// The segments of the run of `points` from `start` that reach the
    /// slide, smoothed as on the whole map and trimmed at its `edges`.
    fn run_segments(&self, start: usize, points: &[Pos2], edges: Rangef) -> Vec<Segment> {
        monotone_segments(points)
            .into_iter()
            .enumerate()
            .map(|(k, segment)| (start + k, segment))
            .filter(|(i, _)| i + 1 >= self.shown.start && *i < self.shown.end)
            .map(|(i, mut segment)| {
                if i < self.shown.start {
                    segment = from_x(segment, edges.min);
                }
                if i + 1 >= self.shown.end {
                    segment = to_x(segment, edges.max);
                }
                (i, segment)
            })
            .collect()
    }

    /// Every segment of the curve that reaches the slide, trimmed at its
    /// `edges`, left to right.
    pub fn segments(&self, edges: Rangef) -> Vec<Segment> {
        self.runs()
            .iter()
            .flat_map(|(start, points)| self.run_segments(*start, points, edges))
            .collect()
    }
}

/// The parameter at which a segment whose x grows along it (as the
/// curve's do: its control points lie a third and two thirds across)
/// reaches `x`, by halving.
fn t_at_x(segment: [Pos2; 4], x: f32) -> f32 {
    let [p0, p1, p2, p3] = segment;
    let x_at = |t: f32| {
        let u = 1.0 - t;
        u * u * u * p0.x + 3.0 * u * u * t * p1.x + 3.0 * u * t * t * p2.x + t * t * t * p3.x
    };
    let (mut low, mut high) = (0.0_f32, 1.0_f32);
    for _ in 0..32 {
        let middle = f32::midpoint(low, high);
        if x_at(middle) < x {
            low = middle;
        } else {
            high = middle;
        }
    }
    f32::midpoint(low, high)
}

/// The segment split at `t` (de Casteljau): the parts before and after.
fn split(segment: [Pos2; 4], at: f32) -> ([Pos2; 4], [Pos2; 4]) {
    let [start, c1, c2, end] = segment;
    let (ab, bc, cd) = (start.lerp(c1, at), c1.lerp(c2, at), c2.lerp(end, at));
    let (abc, bcd) = (ab.lerp(bc, at), bc.lerp(cd, at));
    let middle = abc.lerp(bcd, at);
    ([start, ab, abc, middle], [middle, bcd, cd, end])
}

/// The part of a segment from `x` on (all of it when it starts there or later).
fn from_x(segment: [Pos2; 4], x: f32) -> [Pos2; 4] {
    if segment[0].x >= x || segment[3].x <= x {
        return segment;
    }
    split(segment, t_at_x(segment, x)).1
}

/// The part of a segment up to `x`.
fn to_x(segment: [Pos2; 4], x: f32) -> [Pos2; 4] {
    if segment[3].x <= x || segment[0].x >= x {
        return segment;
    }
    split(segment, t_at_x(segment, x)).0
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;

    fn end(x: f32, company: Option<f32>) -> CurveEnd {
        CurveEnd {
            customer: pos2(x, 0.0),
            company: company.map(|y| pos2(x, y)),
            future: None,
        }
    }

    #[test]
    fn a_curve_runs_on_to_the_edges_and_no_further() {
        let ends = CurveEnds {
            lane: 0,
            before: vec![end(-20.0, Some(5.0)), end(-60.0, Some(9.0))],
            after: vec![end(120.0, Some(5.0)), end(160.0, None)],
        };
        let on_slide = [20.0, 50.0, 80.0].map(|x| Some(pos2(x, 10.0)));
        let course = Course::new(on_slide.into_iter(), Some(&ends), |end| end.company);
        assert_eq!(course.shown, 2..5);
        let segments = course.segments(Rangef::new(0.0, 100.0));
        let starts: Vec<usize> = segments.iter().map(|(i, _)| *i).collect();
        assert_eq!(
            starts,
            [1, 2, 3, 4],
            "from the point before to the one after"
        );
        assert!(segments[0].1[0].x.abs() < 1e-3, "{:?}", segments[0]);
        assert!(
            (segments[3].1[3].x - 100.0).abs() < 1e-3,
            "{:?}",
            segments[3]
        );
    }

    #[test]
    fn a_curve_that_breaks_beyond_an_edge_stops_at_its_last_point() {
        let ends = CurveEnds {
            lane: 0,
            before: vec![end(-20.0, None)],
            after: vec![],
        };
        let on_slide = [Some(pos2(20.0, 1.0)), Some(pos2(50.0, 2.0)), None];
        let course = Course::new(on_slide.into_iter(), Some(&ends), |end| end.company);
        let segments = course.segments(Rangef::new(0.0, 100.0));
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].1[0], pos2(20.0, 1.0));
    }
}
