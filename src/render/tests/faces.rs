//! Emotion faces in a crowded stage: drawn smaller so that they never
//! touch, never smaller than the least radius in the editor, and their
//! labels placed round the faces as drawn.

use egui::{Rect, Vec2};

use super::with_fonts;
use crate::model::{JourneyMap, LaneKind};
use crate::render::{Layout, Proportions};

/// A map of four stages whose second holds `crowd` emotion points and the
/// others two.
fn crowded_map(crowd: usize) -> JourneyMap {
    let mut map = JourneyMap::default();
    map.add_lane(0, "Doing", LaneKind::Text);
    let lane = map.add_lane(1, "Feeling", LaneKind::Emotion);
    for stage_index in 0..4 {
        let stage = map.add_stage(stage_index, format!("Stage {stage_index}"));
        let count = if stage_index == 1 { crowd } else { 2 };
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

/// Every two faces of a lane are apart: their circles do not touch.
fn assert_faces_apart(layout: &Layout, what: &str) {
    let r = layout.face_radius();
    for (i, a) in layout.points.iter().enumerate() {
        for b in layout.points[i + 1..].iter().filter(|b| b.lane == a.lane) {
            let apart = a.center.distance(b.center) - 2.0 * r;
            assert!(
                apart >= 2.0 * layout.scale,
                "{what}: faces {:?} and {:?} of radius {r} are {apart} apart",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn faces_in_a_stage_of_ten_points_keep_apart() {
    let map = crowded_map(10);
    for scale in [1.0, 2.0] {
        let layout = with_fonts(|fonts| Layout::new(&map, fonts, scale));
        assert_faces_apart(&layout, &format!("the editor at {scale}"));
        assert!(layout.face_radius() >= Layout::MIN_FACE_RADIUS * scale);
    }
    let slide = Proportions::slide(1400.0, map.stages.len());
    let layout = with_fonts(|fonts| Layout::shaped(&map, &map, fonts, 1.0, slide));
    assert_faces_apart(&layout, "a slide");
}

#[test]
fn a_stage_of_few_points_keeps_faces_at_their_full_size() {
    let map = crowded_map(3);
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.5));
    assert!((layout.face_radius() - 12.0 * 1.5).abs() < 1e-3);
}

#[test]
fn the_editor_widens_its_columns_for_a_stage_too_crowded_for_the_least_faces() {
    let map = crowded_map(20);
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    assert_faces_apart(&layout, "the editor");
    assert!(
        (layout.face_radius() - Layout::MIN_FACE_RADIUS).abs() < 1e-3,
        "{}",
        layout.face_radius()
    );
    assert!((layout.size.x - Layout::natural_width(&map)).abs() < 0.5);
}

#[test]
fn the_labels_of_a_crowded_stage_keep_off_their_faces_as_drawn() {
    let map = crowded_map(10);
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let r = layout.face_radius();
    for point in &layout.points {
        let face = Rect::from_center_size(point.center, Vec2::splat(2.0 * r));
        let label = point.label_rect();
        assert!(!label.intersects(face), "{:?}'s label covers it", point.id);
        // Placed by the face as drawn: as near as the gap allows, not
        // where a face of the full size would reach.
        let apart = (label.min.y - face.max.y).max(face.min.y - label.max.y);
        let near = !(3.01..=10.0).contains(&apart);
        assert!(near, "{:?}'s label is {apart} from its face", point.id);
    }
}
