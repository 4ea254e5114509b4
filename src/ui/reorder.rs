//! Where a stage header or lane label dragged along its row or column would
//! land, and the line that shows it across the whole grid.

use egui::{Pos2, Rangef, pos2};

use crate::render::Layout;

/// Where a dragged stage or lane would land.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    /// The index it would have after the move.
    pub index: usize,
    /// The drop indicator across the grid, in map coordinates.
    pub line: [Pos2; 2],
}

/// The slot for stage `dragged` (an index into the layout's stages) with the
/// pointer at `x` (map coordinates): before the first other stage whose
/// middle is right of the pointer.
pub fn stage_slot(layout: &Layout, dragged: usize, x: f32) -> Slot {
    let columns: Vec<Rangef> = layout.stages.iter().map(|s| s.column).collect();
    let (index, line_x) = place_among(&columns, dragged, x);
    let top = layout.header_row.min;
    let bottom = layout.lanes.last().map_or(layout.size.y, |l| l.row.max);
    Slot {
        index,
        line: [pos2(line_x, top), pos2(line_x, bottom)],
    }
}

/// The slot for lane `dragged` with the pointer at `y` (map coordinates).
pub fn lane_slot(layout: &Layout, dragged: usize, y: f32) -> Slot {
    let rows: Vec<Rangef> = layout.lanes.iter().map(|l| l.row).collect();
    let (index, line_y) = place_among(&rows, dragged, y);
    let left = layout.label_column.min;
    let right = layout.stages.last().map_or(layout.size.x, |s| s.column.max);
    Slot {
        index,
        line: [pos2(left, line_y), pos2(right, line_y)],
    }
}

/// Where item `dragged` of a row of `spans` lands with the pointer at `at`:
/// its index after the move, and where the drop line goes along the row.
fn place_among(spans: &[Rangef], dragged: usize, at: f32) -> (usize, f32) {
    let others: Vec<Rangef> = (0..spans.len())
        .filter(|&i| i != dragged)
        .map(|i| spans[i])
        .collect();
    let index = others.iter().filter(|span| span.center() < at).count();
    let line = gap(
        others.get(index.wrapping_sub(1)).map(|span| span.max),
        others.get(index).map(|span| span.min),
        spans.get(dragged).map(|span| span.center()),
    );
    (index, line)
}

/// The middle of the gap between the end of one item and the start of the
/// next; at either end of the row, that end; alone, where the item is.
fn gap(before: Option<f32>, after: Option<f32>, alone: Option<f32>) -> f32 {
    match (before, after) {
        (Some(end), Some(start)) => f32::midpoint(end, start),
        (Some(end), None) => end,
        (None, Some(start)) => start,
        (None, None) => alone.unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{JourneyMap, LaneKind};

    fn layout() -> Layout {
        let mut map = JourneyMap::default();
        for (i, name) in ["A", "B", "C"].iter().enumerate() {
            map.add_stage(i, *name);
        }
        map.add_lane(0, "Doing", LaneKind::Text);
        map.add_lane(1, "Feeling", LaneKind::Emotion);
        crate::render::tests::with_fonts(|fonts| Layout::new(&map, fonts, 1.0))
    }

    #[test]
    fn a_stage_dragged_past_the_middle_of_the_next_lands_after_it() {
        let layout = layout();
        let b = layout.stages[1].column;
        let c = layout.stages[2].column;
        assert_eq!(stage_slot(&layout, 0, b.center() - 1.0).index, 0);
        assert_eq!(stage_slot(&layout, 0, b.center() + 1.0).index, 1);
        let to_end = stage_slot(&layout, 0, c.max + 50.0);
        assert_eq!(to_end.index, 2);
        assert!(
            (to_end.line[0].x - c.max).abs() < 0.01,
            "line at the right end"
        );
        let to_front = stage_slot(&layout, 2, 0.0);
        assert_eq!(to_front.index, 0);
        assert!((to_front.line[0].x - layout.stages[0].column.min).abs() < 0.01);
    }

    #[test]
    fn a_lane_dragged_below_the_next_lands_after_it() {
        let layout = layout();
        let feeling = layout.lanes[1].row;
        assert_eq!(lane_slot(&layout, 0, feeling.center() + 1.0).index, 1);
        let slot = lane_slot(&layout, 1, 0.0);
        assert_eq!(slot.index, 0);
        assert!(slot.line[0].y <= layout.lanes[0].row.min + 0.01);
    }
}
