//! The curves of an emotion lane on the slides of a split set: each slide
//! shows the stretch of the customer's, the company's and the future curve
//! that the whole map shows over its stages, up to its edges.

use egui::epaint::ColorMode;
use egui::{Color32, Pos2, Rangef, Shape, pos2};

use super::{sample, with_fonts};
use crate::model::{JourneyMap, LaneKind, MAX_SCORE, MIN_SCORE};
use crate::render::{Layout, Marks, Proportions, Theme, View, paint};

/// The team-gear sample with the company's belief and a future score at
/// every point, each apart from the customer's.
fn every_point_rated() -> JourneyMap {
    let mut map = sample("team-gear");
    for stage in &mut map.stages {
        for point in &mut stage.points {
            let apart = |by: i8| {
                let score = point.score + by;
                if (MIN_SCORE..=MAX_SCORE).contains(&score) {
                    score
                } else {
                    point.score - by
                }
            };
            point.company = Some(apart(1));
            point.future = Some(apart(-2));
        }
    }
    map
}

/// The index of `map`'s emotion lane.
fn emotion_lane(map: &JourneyMap) -> usize {
    (map.lanes.iter())
        .position(|l| l.kind == LaneKind::Emotion)
        .expect("an emotion lane")
}

/// The points the strokes of `colour` pass through in `lane`'s row, left
/// to right: the ends of line segments (dashes) and of the small pieces
/// of Bézier curves.
fn stroked(layout: &Layout, lane: usize, colour: Color32) -> Vec<Pos2> {
    let row = layout.lanes[lane].row;
    let body = paint::body(layout, &Theme::light(), &Marks::default(), &View::ALL);
    let mut points: Vec<Pos2> = body
        .iter()
        .flat_map(|shape| match shape {
            Shape::LineSegment { points, stroke } if stroke.color == colour => points.to_vec(),
            Shape::CubicBezier(curve) if curve.stroke.color == ColorMode::Solid(colour) => {
                curve.flatten(Some(0.02))
            }
            _ => Vec::new(),
        })
        .filter(|p| row.contains(p.y))
        .collect();
    points.sort_by(|a, b| a.x.total_cmp(&b.x));
    points
}

/// The y of the polyline through `points` (sorted by x) at `x`.
fn y_at(points: &[Pos2], x: f32) -> Option<f32> {
    let after = points.iter().position(|p| p.x >= x)?;
    if points[after].x - x < 1e-3 {
        return Some(points[after].y);
    }
    let (a, b) = (points[after.checked_sub(1)?], points[after]);
    let t = if b.x - a.x > f32::EPSILON {
        (x - a.x) / (b.x - a.x)
    } else {
        0.0
    };
    Some(a.y + (b.y - a.y) * t)
}

#[test]
fn each_slide_shows_the_stretch_of_every_curve_the_whole_map_shows() {
    let map = every_point_rated();
    let lane = emotion_lane(&map);
    let proportions = Proportions {
        persona: false,
        ..Proportions::slide(1600.0, 4)
    };
    let whole = with_fonts(|fonts| Layout::shaped(&map, &map, fonts, 1.0, proportions));
    let theme = Theme::light();
    for group in [0..4, 4..7, 2..5] {
        let mut part = map.clone();
        part.stages = map.stages[group.clone()].to_vec();
        let slide = with_fonts(|fonts| Layout::shaped(&part, &map, fonts, 1.0, proportions));
        // The slide's stages are the whole map's, moved left, in a row
        // that may be taller: the same scores, moved and stretched.
        let dx = whole.stages[group.start].column.min - slide.stages[0].column.min;
        let score = |layout: &Layout, s| layout.score_y(lane, s).expect("an emotion lane");
        let (top, bottom) = (score(&whole, MAX_SCORE), score(&whole, MIN_SCORE));
        let onto = Rangef::new(score(&slide, MAX_SCORE), score(&slide, MIN_SCORE));
        let moved = |p: Pos2| {
            let y = onto.min + (p.y - top) / (bottom - top) * onto.span();
            pos2(p.x - dx, y)
        };
        let edges = slide.grid().x_range();
        // The company's dashes follow its curve cut into pieces a quarter
        // of a point off it.
        for (colour, name, tolerance) in [
            (theme.curve, "customer's", 0.1),
            (theme.company, "company's", 0.6),
            (theme.future, "future", 0.1),
        ] {
            let expected: Vec<Pos2> = stroked(&whole, lane, colour)
                .into_iter()
                .map(moved)
                .collect();
            let drawn = stroked(&slide, lane, colour);
            let reach = drawn.iter().map(|p| p.x).fold(f32::NEG_INFINITY, f32::max);
            if group.end < map.stages.len() {
                assert!(
                    reach > edges.max - 5.0,
                    "{name} curve of {group:?} ends at {reach}"
                );
            }
            for p in drawn {
                assert!(
                    edges.expand(0.5).contains(p.x),
                    "{name} curve leaves the slide at {p:?}"
                );
                // A dash may stop short of the curve's end on one and not
                // on the other.
                let ends = (expected.first(), expected.last());
                if let (Some(first), Some(last)) = ends
                    && (p.x < first.x || p.x > last.x)
                    && (p.x > first.x - 5.0 && p.x < last.x + 5.0)
                {
                    continue;
                }
                let Some(y) = y_at(&expected, p.x) else {
                    panic!("{name} curve of {group:?} at {p:?}, where the whole map has none");
                };
                assert!(
                    (p.y - y).abs() < tolerance,
                    "{name} curve of {group:?} at x {}: y {} on the slide, {y} on the whole map",
                    p.x,
                    p.y
                );
            }
        }
    }
}

/// Whether the polyline through `points` (left to right) passes through
/// `rect`. Points 12 or more apart are not joined: the curve breaks there.
fn passes_through(points: &[Pos2], rect: egui::Rect) -> bool {
    points
        .windows(2)
        .filter(|pair| pair[1].x - pair[0].x < 12.0)
        .any(|pair| {
            (0..=8_u8).any(|step| {
                let t = f32::from(step) / 8.0;
                rect.contains(pair[0] + (pair[1] - pair[0]) * t)
            })
        })
}

#[test]
fn labels_keep_off_the_company_and_future_curves() {
    // Rated at every point; and at the first half of the points only, where
    // the future curve runs on through the rest at today's scores.
    let mut half_rated = every_point_rated();
    let total = half_rated.point_count();
    let rest = (half_rated.stages.iter_mut())
        .flat_map(|stage| stage.points.iter_mut())
        .skip(total / 2);
    for point in rest {
        point.company = None;
        point.future = None;
    }
    let theme = Theme::light();
    for (map, scale, proportions) in [every_point_rated(), half_rated]
        .into_iter()
        .flat_map(|map| {
            let slide = Proportions {
                persona: false,
                ..Proportions::slide(1600.0, map.stages.len())
            };
            [(map.clone(), 1.0, Proportions::EDITOR), (map, 1.0, slide)]
        })
    {
        let lane = emotion_lane(&map);
        let layout = with_fonts(|fonts| Layout::shaped(&map, &map, fonts, scale, proportions));
        for (colour, name) in [(theme.company, "company's"), (theme.future, "future")] {
            let curve = stroked(&layout, lane, colour);
            assert!(curve.len() > 10, "the {name} curve is drawn");
            for point in layout.points.iter().filter(|p| p.lane == lane) {
                let label = point.label_rect().shrink(1.0);
                assert!(
                    !passes_through(&curve, label),
                    "the {name} curve runs through the label at {:?}",
                    point.label_rect()
                );
            }
        }
    }
}
