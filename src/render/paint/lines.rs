//! A service blueprint's lines between lanes: the line of interaction
//! solid, the line of visibility dashed, the line of internal interaction
//! dotted, as blueprints conventionally draw them, so they tell apart in
//! print and in black and white too.

use egui::{Rangef, Rect, Shape, Stroke, pos2};

use super::super::layout::{Layout, LineLayout};
use super::super::theme::Theme;
use crate::model::BlueprintLine;

/// The width of a line, at scale 1.
const WIDTH: f32 = 2.0;
/// A dash of the line of visibility and the gap after it, at scale 1:
/// longer than the dashes of the emotion curve's zero line, so the two do
/// not look alike.
const DASH: (f32, f32) = (12.0, 6.0);
/// From one dot of the line of internal interaction to the next, at scale 1.
const DOT_SPACING: f32 = 6.0;

/// The lines across the grid, as far as `seen` (part of the grid) shows
/// them.
pub(super) fn across(layout: &Layout, theme: &Theme, seen: Rect, shapes: &mut Vec<Shape>) {
    let grid = layout.grid().x_range();
    let reach = WIDTH * layout.scale;
    for line in &layout.lines {
        if seen.y_range().expand(reach).contains(line.y) {
            let run = seen.x_range();
            line_shapes(layout, theme, line.line, grid.min, run, line.y, shapes);
        }
    }
}

/// Each line's label, in the lane label column, and the line from the
/// label to the grid.
pub(super) fn labels(layout: &Layout, theme: &Theme, shapes: &mut Vec<Shape>) {
    let column = layout.label_column;
    for line in &layout.lines {
        shapes.push(Shape::galley(
            line.label_pos,
            line.label.clone(),
            theme.text,
        ));
        let start = lead_start(layout, line);
        if start < column.max {
            let run = Rangef::new(start, column.max);
            line_shapes(layout, theme, line.line, start, run, line.y, shapes);
        }
    }
}

/// Where the line starts in the label column: a little right of the
/// label's last line.
fn lead_start(layout: &Layout, line: &LineLayout) -> f32 {
    let last = line.label.rows.last().map_or(0.0, |row| row.rect().max.x);
    line.label_pos.x + last + 8.0 * layout.scale
}

/// One line's shapes from `seen.min` to `seen.max`, its dashes or dots
/// counted from `from`, so that they stay put when `seen` moves.
fn line_shapes(
    layout: &Layout,
    theme: &Theme,
    line: BlueprintLine,
    from: f32,
    seen: Rangef,
    y: f32,
    shapes: &mut Vec<Shape>,
) {
    let scale = layout.scale;
    let colour = theme.muted;
    let stroke = Stroke::new(WIDTH * scale, colour);
    let period = match line {
        BlueprintLine::Interaction => 0.0,
        BlueprintLine::Visibility => (DASH.0 + DASH.1) * scale,
        BlueprintLine::InternalInteraction => DOT_SPACING * scale,
    };
    // Start on the pattern, at or before the first point seen.
    let start = if period > 0.0 && seen.min > from {
        from + ((seen.min - from) / period).floor() * period
    } else {
        seen.min
    };
    if seen.max <= start {
        return;
    }
    let path = [pos2(start, y), pos2(seen.max, y)];
    match line {
        BlueprintLine::Interaction => shapes.push(Shape::line_segment(path, stroke)),
        BlueprintLine::Visibility => {
            shapes.extend(Shape::dashed_line(
                &path,
                stroke,
                DASH.0 * scale,
                DASH.1 * scale,
            ));
        }
        BlueprintLine::InternalInteraction => {
            shapes.extend(Shape::dotted_line(
                &path,
                colour,
                DOT_SPACING * scale,
                WIDTH * scale * 0.75,
            ));
        }
    }
}
