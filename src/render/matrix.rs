//! The opportunity matrix: every opportunity rated for impact and effort,
//! as a numbered dot on a 5 × 5 grid (impact up, effort across), with the
//! four quadrants named. Drawn at its own origin, like the legend, so that
//! the editor's insights panel and an export can place it.

use std::sync::Arc;

use egui::epaint::FontsView;
use egui::{Align2, Color32, FontId, Galley, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

use super::layout::{size, text};
use super::theme::Theme;
use crate::model::{Card, JourneyMap, LaneKind, MAX_RATING, MIN_RATING, Stage};

/// A rated opportunity on the matrix.
#[derive(Clone, Copy, Debug)]
pub struct Rated<'a> {
    /// Its number on the matrix, from 1, in map order.
    pub number: usize,
    /// Its stage.
    pub stage: &'a Stage,
    /// The opportunity.
    pub card: &'a Card,
    /// Its impact, 1..=5.
    pub impact: u8,
    /// Its effort, 1..=5.
    pub effort: u8,
}

/// Every opportunity with both an impact and an effort, numbered in map order.
pub fn rated(map: &JourneyMap) -> Vec<Rated<'_>> {
    let is_opportunity = |card: &Card| {
        map.lane(&card.lane)
            .is_some_and(|lane| lane.kind == LaneKind::Opportunities)
    };
    map.stages
        .iter()
        .flat_map(|stage| stage.cards.iter().map(move |card| (stage, card)))
        .filter(|(_, card)| is_opportunity(card))
        .filter_map(|(stage, card)| Some((stage, card, card.impact?, card.effort?)))
        .enumerate()
        .map(|(i, (stage, card, impact, effort))| Rated {
            number: i + 1,
            stage,
            card,
            impact,
            effort,
        })
        .collect()
}

/// The quadrants, as (high impact, low effort) → name.
pub fn quadrant(impact: u8, effort: u8) -> &'static str {
    match (impact >= 3, effort <= 3) {
        (true, true) => "Quick wins",
        (true, false) => "Big bets",
        (false, true) => "Fill-ins",
        (false, false) => "Money pits",
    }
}

/// The matrix of `map`'s rated opportunities at `scale`, its plot `side`
/// points square at scale 1: its size and shapes, top-left at the origin.
/// `None` when no opportunity is rated.
pub fn opportunity_matrix(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    side: f32,
    map: &JourneyMap,
) -> Option<(Vec2, Vec<Shape>)> {
    let rated = rated(map);
    if rated.is_empty() {
        return None;
    }
    let s = |points: f32| points * scale;
    let small = |fonts: &mut FontsView<'_>, words: &str| -> Arc<Galley> {
        text(fonts, words, s(size::SMALL), f32::INFINITY)
    };
    let axis = small(fonts, "impact ↑   effort →");
    let left = s(24.0);
    let plot = Rect::from_min_size(pos2(left, 0.0), Vec2::splat(s(side)));
    let mut shapes = vec![Shape::rect_filled(plot, 0.0, theme.panel_fill)];
    let line = Stroke::new(s(1.0), theme.grid);
    let cell = plot.width() / f32::from(MAX_RATING);
    for i in 1..MAX_RATING {
        let at = f32::from(i) * cell;
        shapes.push(Shape::vline(plot.min.x + at, plot.y_range(), line));
        shapes.push(Shape::hline(plot.x_range(), plot.min.y + at, line));
    }
    let strong = Stroke::new(s(1.5), theme.muted);
    shapes.push(Shape::vline(
        plot.min.x + 3.0 * cell,
        plot.y_range(),
        strong,
    ));
    shapes.push(Shape::hline(
        plot.x_range(),
        plot.max.y - 2.0 * cell,
        strong,
    ));
    for (impact, effort, anchor) in [
        (5, 1, Align2::LEFT_TOP),
        (5, 5, Align2::RIGHT_TOP),
        (1, 1, Align2::LEFT_BOTTOM),
        (1, 5, Align2::RIGHT_BOTTOM),
    ] {
        let name = small(fonts, quadrant(impact, effort));
        let corner = anchor.pos_in_rect(&plot.shrink(s(4.0)));
        let at = anchor.anchor_size(corner, name.size()).min;
        shapes.push(Shape::galley(at, name, theme.muted));
    }
    // Ticks: 1..5 under the plot and left of it.
    for r in MIN_RATING..=MAX_RATING {
        let offset = (f32::from(r) - 0.5) * cell;
        let tick = small(fonts, &r.to_string());
        let below = pos2(
            plot.min.x + offset - tick.size().x / 2.0,
            plot.max.y + s(2.0),
        );
        let beside = pos2(
            plot.min.x - s(4.0) - tick.size().x,
            plot.max.y - offset - tick.size().y / 2.0,
        );
        shapes.push(Shape::galley(below, tick.clone(), theme.muted));
        shapes.push(Shape::galley(beside, tick, theme.muted));
    }
    let axis_at = pos2(plot.min.x, plot.max.y + s(4.0) + s(size::SMALL) * 1.3);
    shapes.push(Shape::galley(axis_at, axis.clone(), theme.muted));
    // Dots, several in a cell side by side in rows, each clear of the
    // others while the cell has room for them.
    let radius = s(9.0);
    let mut in_cell: Vec<((u8, u8), usize)> = Vec::new();
    for item in &rated {
        let key = (item.impact, item.effort);
        match in_cell.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += 1,
            None => in_cell.push((key, 1)),
        }
    }
    let mut placed: Vec<((u8, u8), usize)> = Vec::new();
    for item in &rated {
        let key = (item.impact, item.effort);
        let n = if let Some((_, n)) = placed.iter_mut().find(|(k, _)| *k == key) {
            *n += 1;
            *n - 1
        } else {
            placed.push((key, 1));
            0
        };
        let count = (in_cell.iter())
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, count)| *count);
        let centre = pos2(
            plot.min.x + (f32::from(item.effort) - 0.5) * cell,
            plot.max.y - (f32::from(item.impact) - 0.5) * cell,
        ) + spread(n, count, radius, cell);
        dot(
            fonts,
            theme,
            centre,
            radius,
            item.number,
            scale,
            &mut shapes,
        );
    }
    let height = axis_at.y + axis.size().y;
    Some((vec2(plot.max.x, height), shapes))
}

/// Where the `n`th of `count` dots of a cell `cell` wide goes from the
/// cell's centre: in rows of as many as fit side by side, the rows
/// centred; closer together (overlapping) only when the cell is full.
fn spread(n: usize, count: usize, radius: f32, cell: f32) -> Vec2 {
    if count <= 1 {
        return Vec2::ZERO;
    }
    let pitch = radius * 2.2;
    let fit = ((cell - 2.0 * radius) / pitch).floor().max(0.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small whole number of dots, at least 0"
    )]
    let per_row = (fit as usize + 1).min(count);
    let rows = count.div_ceil(per_row);
    let (row, column) = (n / per_row, n % per_row);
    let in_row = if row + 1 == rows {
        count - row * per_row
    } else {
        per_row
    };
    #[expect(clippy::cast_precision_loss, reason = "a few dots")]
    let [column, in_row, row, rows] = [column, in_row, row, rows].map(|n| n as f32);
    // As far apart as the cell allows vertically too.
    let step_y = pitch.min((cell - 2.0 * radius) / (rows - 1.0).max(1.0));
    vec2(
        (column - (in_row - 1.0) / 2.0) * pitch,
        (row - (rows - 1.0) / 2.0) * step_y,
    )
}

/// A numbered dot.
fn dot(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    centre: Pos2,
    radius: f32,
    number: usize,
    scale: f32,
    shapes: &mut Vec<Shape>,
) {
    shapes.push(Shape::circle_filled(centre, radius, theme.company));
    let label = fonts.layout_no_wrap(
        number.to_string(),
        FontId::proportional(size::CAPTION * scale),
        Color32::PLACEHOLDER,
    );
    let at = centre - label.size() / 2.0;
    shapes.push(Shape::galley(at, label, Theme::text_on(theme.company)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_sharing_a_cell_stand_clear_of_each_other_inside_it() {
        let (radius, cell) = (14.4, 160.0);
        for count in 1..=6 {
            let at: Vec<Vec2> = (0..count).map(|n| spread(n, count, radius, cell)).collect();
            for (i, a) in at.iter().enumerate() {
                assert!(a.x.abs() + radius <= cell / 2.0, "{count} dots: {a:?}");
                assert!(a.y.abs() + radius <= cell / 2.0, "{count} dots: {a:?}");
                for b in &at[i + 1..] {
                    assert!((*a - *b).length() >= 2.0 * radius, "{count} dots overlap");
                }
            }
        }
        assert_eq!(
            spread(0, 1, radius, cell),
            Vec2::ZERO,
            "one dot in the middle"
        );
    }

    #[test]
    fn quadrants_split_at_the_middle_of_each_scale() {
        assert_eq!(quadrant(5, 1), "Quick wins");
        assert_eq!(quadrant(3, 3), "Quick wins");
        assert_eq!(quadrant(4, 4), "Big bets");
        assert_eq!(quadrant(2, 2), "Fill-ins");
        assert_eq!(quadrant(1, 5), "Money pits");
    }

    #[test]
    fn only_opportunities_rated_for_both_are_on_the_matrix_numbered_in_map_order() {
        let mut map = crate::samples::find("grocery-trip")
            .and_then(|s| s.map().ok())
            .unwrap_or_default();
        let ideas: Vec<_> = map
            .cards()
            .filter(|c| {
                map.lane(&c.lane)
                    .is_some_and(|l| l.kind == LaneKind::Opportunities)
            })
            .map(|c| c.id.clone())
            .take(3)
            .collect();
        assert_eq!(ideas.len(), 3, "the sample has opportunities");
        for (id, (impact, effort)) in
            ideas
                .iter()
                .zip([(Some(5), Some(1)), (Some(2), None), (Some(4), Some(4))])
        {
            if let Some(card) = map.card_mut(id) {
                card.impact = impact;
                card.effort = effort;
            }
        }
        let numbered: Vec<(usize, &str)> = rated(&map)
            .iter()
            .map(|r| (r.number, r.card.id.as_str()))
            .collect();
        assert_eq!(numbered, [(1, ideas[0].as_str()), (2, ideas[2].as_str())]);
    }
}
