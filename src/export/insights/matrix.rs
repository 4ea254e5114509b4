//! The opportunity-matrix slide: the editor's matrix
//! ([`crate::render::matrix`]) as large as the slide's height allows, and
//! beside it the numbered list of the opportunities on it, in one column
//! or two, at the largest text that fits.

use egui::{Color32, FontId, Shape, pos2, vec2};

use super::{Block, Frame, Ink, secondary, text_sizes, translated};
use crate::render::Theme;
use crate::render::matrix::{Rated, opportunity_matrix, quadrant, rated};

/// The matrix's scale on a 1080p slide: its tick labels about 18 pixels
/// high and the numbers in its dots about 17.
const MATRIX_SCALE: f32 = 1.6;

/// The slide's body, from its top-left corner; `None` when no opportunity
/// is rated for both impact and effort.
pub(super) fn body(
    ink: &mut Ink<'_, '_>,
    frame: &Frame,
    map: &crate::model::JourneyMap,
) -> Option<Vec<Shape>> {
    let rated = rated(map);
    if rated.is_empty() {
        return None;
    }
    let room = frame.room();
    let scale = MATRIX_SCALE * frame.unit;
    // What the matrix needs besides its plot: the tick labels and the axis.
    let probe_side = 100.0;
    let (probe, _) = opportunity_matrix(ink.fonts, ink.theme, scale, probe_side, map)?;
    let around = probe - vec2(probe_side, probe_side) * scale;
    let plot_side = ((room.y - around.y) / scale).min((0.5 * room.x - around.x) / scale);
    let (size, mut shapes) = opportunity_matrix(ink.fonts, ink.theme, scale, plot_side, map)?;
    let left = size.x + ink.px(64.0);
    let width = room.x - left;
    let legend = legend(ink, &rated, width, room.y);
    shapes.extend(translated(legend.shapes, vec2(left, 0.0)));
    Some(shapes)
}

/// The numbered list at the largest text that fits `height`: in one
/// column, else two; at the least size, what fits and how many more.
fn legend(ink: &mut Ink<'_, '_>, rated: &[Rated<'_>], width: f32, height: f32) -> Block {
    let sizes = text_sizes(ink.unit);
    for columns in [1, 2] {
        for &size in &sizes {
            if let Some(block) = flow(ink, rated, size, width, height, columns, false) {
                return block;
            }
        }
    }
    let least = sizes.last().copied().unwrap_or(ink.unit * 16.0);
    flow(ink, rated, least, width, height, 2, true).unwrap_or(Block {
        size: vec2(0.0, 0.0),
        shapes: Vec::new(),
    })
}

/// The entries at `size` flowed down `columns` columns of `height`: `None`
/// when they do not all fit, unless `cut`, which lists what fits and says
/// how many more there are.
fn flow(
    ink: &mut Ink<'_, '_>,
    rated: &[Rated<'_>],
    size: f32,
    width: f32,
    height: f32,
    columns: u8,
    cut: bool,
) -> Option<Block> {
    let gap = ink.px(40.0);
    let column_width = (width - gap * f32::from(columns - 1)) / f32::from(columns);
    let more_line = if cut { size * 1.6 } else { 0.0 };
    let room = height - more_line;
    // Each entry is at least a row of text and one of detail high, and
    // entries in a column are apart: when even that cannot fit, the
    // entries need not be laid out to know it (a map with hundreds of
    // rated opportunities tries every size).
    #[expect(clippy::cast_precision_loss, reason = "a count of cards")]
    let count = rated.len() as f32;
    let columns_f = f32::from(columns);
    let least = count * (size + secondary(size, ink.unit)) + (count - columns_f) * size * 0.6;
    if !cut && least > columns_f * room {
        return None;
    }
    let mut shapes = Vec::new();
    let (mut column, mut y, mut listed) = (0_u8, 0.0_f32, 0);
    for item in rated {
        let entry = entry(ink, item, size, column_width);
        if y + entry.size.y > room && y > 0.0 {
            column += 1;
            y = 0.0;
        }
        if column >= columns || entry.size.y > room {
            if cut {
                break;
            }
            return None;
        }
        let left = f32::from(column) * (column_width + gap);
        shapes.extend(translated(entry.shapes, vec2(left, y)));
        y += entry.size.y + size * 0.6;
        listed += 1;
    }
    if listed < rated.len() {
        let more = format!("and {} more on the map", rated.len() - listed);
        let galley = ink.text(&more, size, column_width, 1);
        let left = f32::from(columns - 1) * (column_width + gap);
        shapes.push(Shape::galley(pos2(left, room), galley, ink.theme.muted));
    }
    Some(Block {
        size: vec2(width, height),
        shapes,
    })
}

/// One opportunity: its numbered dot, as on the matrix, its text, and its
/// stage, ratings and quadrant.
fn entry(ink: &mut Ink<'_, '_>, item: &Rated<'_>, size: f32, width: f32) -> Block {
    let radius = size * 0.7;
    let indent = 2.0 * radius + size * 0.5;
    let text = ink.text(&item.card.text, size, width - indent, 2);
    let detail = format!(
        "{} · impact {}, effort {} · {}",
        item.stage.name,
        item.impact,
        item.effort,
        quadrant(item.impact, item.effort)
    );
    let detail = ink.text(&detail, secondary(size, ink.unit), width - indent, 2);
    let first_row = text.rows.first().map_or(size, |row| row.height());
    let centre = pos2(radius, first_row / 2.0);
    let number = ink.fonts.layout_no_wrap(
        item.number.to_string(),
        FontId::proportional(size * 0.8),
        Color32::PLACEHOLDER,
    );
    let number_at = centre - number.size() / 2.0;
    let text_height = text.size().y;
    let detail_top = text_height + size * 0.1;
    let height = detail_top + detail.size().y;
    let shapes = vec![
        Shape::circle_filled(centre, radius, ink.theme.company),
        Shape::galley(number_at, number, Theme::text_on(ink.theme.company)),
        Shape::galley(pos2(indent, 0.0), text, ink.theme.text),
        Shape::galley(pos2(indent, detail_top), detail, ink.theme.muted),
    ];
    Block {
        size: vec2(width, height),
        shapes,
    }
}
