//! The emotion lane on a split set of slides: the company's curve and the
//! future curve run on to each slide's edges as the customer's does, and
//! faces in a crowded stage keep apart.

#![expect(
    clippy::expect_used,
    reason = "test helpers fail the test with a message"
)]

use egui::epaint::ColorMode;
use egui::{Color32, Pos2, Rect, Shape};
use journeymap::export::{self, Drawing, ExportOptions, Page};
use journeymap::model::{JourneyMap, LaneKind, MAX_SCORE, MIN_SCORE};
use journeymap::render::{Layout, Theme};
use journeymap::samples;

/// The team-gear sample with the company's belief and a future score at
/// every point, each apart from the customer's score.
fn every_point_rated() -> JourneyMap {
    let mut map = samples::find("team-gear")
        .and_then(|s| s.map().ok())
        .expect("sample");
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
            point.future = Some(apart(2));
        }
    }
    map
}

/// Two slides: the team-gear journey's first four stages, then the rest.
fn two_slides(map: &JourneyMap) -> (ExportOptions, Vec<Page<'_>>) {
    let options = ExportOptions {
        split: export::Split::every(4),
        // No key: it draws the curves' colours too.
        legend: false,
        ..ExportOptions::default()
    };
    let pages = export::pages(map, &options);
    assert_eq!(pages.len(), 2);
    (options, pages)
}

fn drawing(page: &Page<'_>, options: &ExportOptions) -> Drawing {
    journeymap::render::fonts::headless_context(options.dark, 1.0)
        .fonts_mut(|fonts| page.draw(fonts, options))
        .expect("drawn")
}

/// The stage columns on the slide, in slide pixels.
fn grid(drawn: &Drawing) -> Rect {
    drawn.layout.grid().translate(drawn.map_origin)
}

/// How far left and right the strokes of `colour` reach, from the line
/// segments (dashes) and Bézier curves drawn in it.
fn reach(drawn: &Drawing, colour: Color32) -> (f32, f32) {
    let points: Vec<Pos2> = drawn
        .shapes
        .iter()
        .flat_map(|shape| match shape {
            Shape::LineSegment { points, stroke } if stroke.color == colour => points.to_vec(),
            Shape::CubicBezier(curve) if curve.stroke.color == ColorMode::Solid(colour) => {
                curve.points.to_vec()
            }
            _ => Vec::new(),
        })
        .collect();
    assert!(!points.is_empty(), "nothing drawn in {colour:?}");
    (
        points.iter().map(|p| p.x).fold(f32::INFINITY, f32::min),
        points.iter().map(|p| p.x).fold(f32::NEG_INFINITY, f32::max),
    )
}

#[test]
fn the_company_and_future_curves_run_on_to_the_edges_of_split_slides() {
    let map = every_point_rated();
    let (options, pages) = two_slides(&map);
    let theme = Theme::light();
    let first = drawing(&pages[0], &options);
    let second = drawing(&pages[1], &options);
    // A dash may end a gap short of the edge; the last face is a quarter
    // of a column or more from it.
    let dash_gap = 4.0 * first.layout.scale + 1.0;
    for (colour, name, slack) in [
        (theme.company, "company", dash_gap),
        (theme.future, "future", 0.5),
    ] {
        let (_, right) = reach(&first, colour);
        let edge = grid(&first).max.x;
        assert!(
            right > edge - slack && right < edge + 0.5,
            "slide 1: the {name} curve ends at {right}, the edge is at {edge}"
        );
        let (left, _) = reach(&second, colour);
        let edge = grid(&second).min.x;
        assert!(
            (left - edge).abs() < 0.5,
            "slide 2: the {name} curve starts at {left}, the edge is at {edge}"
        );
    }
}

#[test]
fn the_gap_between_the_curves_is_shaded_up_to_the_edges_of_split_slides() {
    let map = every_point_rated();
    let (options, pages) = two_slides(&map);
    let lane = map
        .lanes
        .iter()
        .position(|lane| lane.kind == LaneKind::Emotion)
        .expect("an emotion lane");
    let fill = Theme::light().gap_fill(lane % 2 == 1);
    for (i, page) in pages.iter().enumerate() {
        let drawn = drawing(page, &options);
        let xs: Vec<f32> = drawn
            .shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Path(path) if path.fill == fill => Some(path.points.clone()),
                _ => None,
            })
            .flatten()
            .map(|p| p.x)
            .collect();
        assert!(!xs.is_empty(), "slide {} has no gap", i + 1);
        let edges = grid(&drawn).x_range();
        let (left, right) = (
            xs.iter().copied().fold(f32::INFINITY, f32::min),
            xs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        );
        // The slices reach a little into the next (under a point).
        let overlap = drawn.layout.scale;
        if i == 0 {
            assert!(
                (right - edges.max).abs() < overlap,
                "slide 1 ends at {right}"
            );
        } else {
            assert!((left - edges.min).abs() < 0.5, "slide 2 starts at {left}");
            assert!(right < edges.max, "slide 2 ends at {right}");
        }
    }
}

/// A map of five stages whose third holds `crowd` emotion points.
fn crowded_map(crowd: usize) -> JourneyMap {
    let mut map = JourneyMap::default();
    map.add_lane(0, "Doing", LaneKind::Text);
    let lane = map.add_lane(1, "Feeling", LaneKind::Emotion);
    for stage_index in 0..5 {
        let stage = map.add_stage(stage_index, format!("Stage {stage_index}"));
        let count = if stage_index == 2 { crowd } else { 2 };
        for i in 0..count {
            // Side by side at one score, as a stage's faces touch first.
            #[expect(clippy::cast_possible_truncation, reason = "i % 7 < 7")]
            let score = if count > 2 { 0 } else { (i % 7) as i8 - 3 };
            map.add_point(&stage, &lane, i, score, format!("feel {i}"))
                .expect("a valid score");
        }
    }
    map
}

#[test]
fn faces_of_a_crowded_stage_keep_apart_on_every_slide() {
    for (crowd, split) in [
        (10, export::Split::Automatic),
        (10, export::Split::every(5)),
        (16, export::Split::Automatic),
    ] {
        let map = crowded_map(crowd);
        let options = ExportOptions {
            split,
            ..ExportOptions::default()
        };
        for page in &export::pages(&map, &options) {
            let drawn = drawing(page, &options);
            let (layout, r) = (&drawn.layout, drawn.layout.face_radius());
            for (i, a) in layout.points.iter().enumerate() {
                for b in &layout.points[i + 1..] {
                    let apart = a.center.distance(b.center) - 2.0 * r;
                    assert!(
                        apart > layout.scale,
                        "{crowd} points, {split:?}: faces of radius {r} {apart} apart"
                    );
                }
            }
            if split == export::Split::Automatic && !layout.points.is_empty() {
                assert!(
                    r >= Layout::MIN_FACE_RADIUS * layout.scale - 1e-3,
                    "{crowd} points: faces of radius {r} at scale {}",
                    layout.scale
                );
            }
        }
    }
}
