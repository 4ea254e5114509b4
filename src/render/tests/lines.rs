//! A service blueprint's lines: laid out in a band of their own between
//! two lanes, labelled in the label column clear of every card, and
//! painted in every part of the map that shows them.

use egui::Shape;

use super::{sample, with_fonts};
use crate::model::BlueprintLine;
use crate::render::{Layout, Marks, Proportions, Theme, View, paint};

#[test]
fn each_line_runs_between_its_lane_and_the_next_clear_of_every_card() {
    let map = sample("service-blueprint");
    for (scale, proportions) in [
        (1.0, Proportions::EDITOR),
        (1.0, Proportions::slide(1800.0, map.stages.len())),
    ] {
        let layout = with_fonts(|fonts| Layout::shaped(&map, &map, fonts, scale, proportions));
        let drawn: Vec<BlueprintLine> = layout.lines.iter().map(|l| l.line).collect();
        assert_eq!(drawn, BlueprintLine::ALL);
        for line in &layout.lines {
            let above = &layout.lanes[line.lane];
            let below = &layout.lanes[line.lane + 1];
            assert!(above.row.max <= line.band.min && line.band.max <= below.row.min);
            assert!(line.band.min < line.y && line.y < line.band.max);
            let label = line.label_rect();
            assert!(line.band.contains(label.min.y) && line.band.contains(label.max.y));
            assert!(layout.label_column.contains(label.min.x));
            assert!(label.max.x <= layout.label_column.max, "{label:?}");
            for card in &layout.cards {
                assert!(
                    !card.rect.intersects(label),
                    "{:?} under the label",
                    card.id
                );
                assert!(
                    !card.rect.y_range().contains(line.y),
                    "{:?} on the line",
                    card.id
                );
            }
            for lane in &layout.lanes {
                assert!(!lane.label.intersects(label), "{} under the label", lane.id);
            }
        }
        assert!(layout.grid().max.y <= layout.size.y);
    }
}

#[test]
fn a_map_without_lines_keeps_its_lanes_touching() {
    let map = sample("grocery-trip");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    assert!(layout.lines.is_empty());
    for pair in layout.lanes.windows(2) {
        assert!((pair[0].row.max - pair[1].row.min).abs() < 0.01);
    }
}

#[test]
fn the_labels_are_text_beside_the_lane_labels_and_the_lines_cross_the_body() {
    let map = sample("service-blueprint");
    let layout = with_fonts(|fonts| Layout::new(&map, fonts, 1.0));
    let theme = Theme::light();
    let texts: Vec<String> = paint::lane_labels(&layout, &theme)
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text(text) => Some(text.galley.text().replace('\n', " ")),
            _ => None,
        })
        .collect();
    for label in [
        "LINE OF INTERACTION",
        "LINE OF VISIBILITY",
        "LINE OF INTERNAL INTERACTION",
    ] {
        assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
    }
    // Each line reaches the right edge of the grid in the body.
    let body = paint::body(&layout, &theme, &Marks::default(), &View::ALL);
    let right = layout.grid().max.x;
    for line in &layout.lines {
        let reaches = body.iter().any(|shape| {
            let rect = shape.visual_bounding_rect();
            rect.max.x >= right - 12.0 && rect.y_range().contains(line.y)
        });
        assert!(reaches, "{:?} does not reach the right edge", line.line);
    }
}
