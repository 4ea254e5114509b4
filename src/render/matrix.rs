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
    // Dots, several in a cell side by side.
    let radius = s(9.0);
    let mut in_cell: Vec<((u8, u8), usize)> = Vec::new();
    for item in &rated {
        let key = (item.impact, item.effort);
        let count = if let Some((_, count)) = in_cell.iter_mut().find(|(k, _)| *k == key) {
            *count += 1;
            *count - 1
        } else {
            in_cell.push((key, 1));
            0
        };
        let centre = pos2(
            plot.min.x + (f32::from(item.effort) - 0.5) * cell,
            plot.max.y - (f32::from(item.impact) - 0.5) * cell,
        ) + spread(count, radius);
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

/// Where the `n`th dot of a cell goes from the cell's centre: the first in
/// the middle, then around it.
fn spread(n: usize, radius: f32) -> Vec2 {
    const AROUND: [(f32, f32); 7] = [
        (0.0, 0.0),
        (-1.1, -1.1),
        (1.1, -1.1),
        (-1.1, 1.1),
        (1.1, 1.1),
        (0.0, -1.6),
        (0.0, 1.6),
    ];
    let (x, y) = AROUND[n % AROUND.len()];
    vec2(x, y) * radius
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
