//! Turns a [`Layout`] into epaint shapes: the one painter for the canvas
//! and for exported images.
//!
//! Each part (persona strip, body, stage headers, lane labels) is painted
//! on its own, in map coordinates, so that the canvas can keep headers and
//! labels in view while panning; an export paints them all in place.

use std::collections::HashSet;

use egui::epaint::{CubicBezierShape, QuadraticBezierShape, RectShape};
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::layout::{CardLayout, Layout, PointLayout, TextRole};
use super::theme::Theme;
use crate::model::{CardId, LaneKind, PointId, Severity};

/// What the editor marks on top of the map: selection and drop targets.
/// An export uses none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Selected cards.
    pub cards: HashSet<CardId>,
    /// Selected emotion points.
    pub points: HashSet<PointId>,
    /// Where a dragged card would land: a line across the cell.
    pub drop_line: Option<[Pos2; 2]>,
}

/// The whole map in place: background, persona strip, body, headers and labels.
pub fn whole_map(layout: &Layout, theme: &Theme, marks: &Marks) -> Vec<Shape> {
    let mut shapes = vec![Shape::rect_filled(
        Rect::from_min_size(Pos2::ZERO, layout.size),
        CornerRadius::ZERO,
        theme.background,
    )];
    shapes.extend(persona(layout, theme));
    shapes.extend(body(layout, theme, marks));
    shapes.extend(stage_headers(layout, theme));
    shapes.extend(lane_labels(layout, theme));
    shapes
}

fn radius(layout: &Layout, points: f32) -> CornerRadius {
    CornerRadius::from(points * layout.scale)
}

fn hairline(layout: &Layout, colour: Color32) -> Stroke {
    Stroke::new(layout.scale.max(1.0), colour)
}

fn role_colour(theme: &Theme, role: TextRole) -> Color32 {
    match role {
        TextRole::Main => theme.text,
        TextRole::Muted => theme.muted,
    }
}

/// The persona and scenario strip.
pub fn persona(layout: &Layout, theme: &Theme) -> Vec<Shape> {
    let strip = &layout.persona;
    let mut shapes = vec![Shape::rect_filled(
        strip.rect,
        radius(layout, 10.0),
        theme.panel_fill,
    )];
    for (pos, galley, role) in &strip.texts {
        shapes.push(Shape::galley(
            *pos,
            galley.clone(),
            role_colour(theme, *role),
        ));
    }
    shapes
}

/// Stage headers: a colour band, the name and the details, on a tint of the
/// stage's colour.
pub fn stage_headers(layout: &Layout, theme: &Theme) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let pad = 10.0 * layout.scale;
    let band = 8.0 * layout.scale;
    for stage in &layout.stages {
        let colour = theme.stage(stage.colour);
        let rect = stage.header.shrink2(vec2(1.0 * layout.scale, 0.0));
        let tint = theme
            .background
            .lerp_to_gamma(colour, if theme.dark { 0.22 } else { 0.14 });
        shapes.push(Shape::rect_filled(rect, radius(layout, 6.0), tint));
        let band_rect = Rect::from_min_size(rect.min, vec2(rect.width(), band));
        let top_corners = CornerRadius {
            nw: radius(layout, 6.0).nw,
            ne: radius(layout, 6.0).ne,
            sw: 0,
            se: 0,
        };
        shapes.push(Shape::rect_filled(band_rect, top_corners, colour));
        let name_pos = pos2(rect.min.x + pad, rect.min.y + band + pad);
        shapes.push(Shape::galley(name_pos, stage.name.clone(), theme.text));
        if let Some(details) = &stage.details {
            let pos = pos2(
                name_pos.x,
                name_pos.y + stage.name.size().y + 4.0 * layout.scale,
            );
            shapes.push(Shape::galley(pos, details.clone(), theme.muted));
        }
    }
    shapes
}

/// Lane labels down the left.
pub fn lane_labels(layout: &Layout, theme: &Theme) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let pad = 10.0 * layout.scale;
    for lane in &layout.lanes {
        let rect = lane.label.shrink2(vec2(0.0, 1.0 * layout.scale));
        shapes.push(Shape::rect_filled(
            rect,
            radius(layout, 6.0),
            theme.panel_fill,
        ));
        if let Some(colour) = lane.colour {
            let accent = Rect::from_min_size(rect.min, vec2(4.0 * layout.scale, rect.height()));
            shapes.push(Shape::rect_filled(
                accent,
                CornerRadius::ZERO,
                theme.stage(Some(colour)),
            ));
        }
        shapes.push(Shape::galley(
            rect.min + vec2(pad, pad),
            lane.name.clone(),
            theme.text,
        ));
    }
    shapes
}

/// Rows, grid lines, cards and emotion curves.
pub fn body(layout: &Layout, theme: &Theme, marks: &Marks) -> Vec<Shape> {
    let grid = layout.grid();
    let mut shapes = Vec::new();
    for (i, lane) in layout.lanes.iter().enumerate() {
        if i % 2 == 1 {
            shapes.push(Shape::rect_filled(
                Rect::from_x_y_ranges(grid.x_range(), lane.row),
                CornerRadius::ZERO,
                theme.row_stripe,
            ));
        }
    }
    let line = hairline(layout, theme.grid);
    for stage in layout.stages.iter().skip(1) {
        shapes.push(Shape::vline(stage.column.min, grid.y_range(), line));
    }
    for lane in layout.lanes.iter().skip(1) {
        shapes.push(Shape::hline(grid.x_range(), lane.row.min, line));
    }
    for (index, lane) in layout.lanes.iter().enumerate() {
        if lane.kind == LaneKind::Emotion {
            emotion_lane(layout, theme, index, marks, &mut shapes);
        }
    }
    for card in &layout.cards {
        card_shapes(
            layout,
            theme,
            card,
            marks.cards.contains(&card.id),
            &mut shapes,
        );
    }
    if let Some(points) = marks.drop_line {
        shapes.push(Shape::line_segment(
            points,
            Stroke::new(3.0 * layout.scale, theme.selection),
        ));
    }
    shapes
}

/// One card's shapes, e.g. for the ghost of a card being dragged.
pub fn card(layout: &Layout, theme: &Theme, card: &CardLayout, selected: bool) -> Vec<Shape> {
    let mut shapes = Vec::new();
    card_shapes(layout, theme, card, selected, &mut shapes);
    shapes
}

fn card_shapes(
    layout: &Layout,
    theme: &Theme,
    card: &CardLayout,
    selected: bool,
    shapes: &mut Vec<Shape>,
) {
    let corner = radius(layout, 6.0);
    let (outline, width) = if card.moment_of_truth {
        (theme.moment_of_truth, 2.0 * layout.scale)
    } else {
        (theme.card_stroke, layout.scale.max(1.0))
    };
    shapes.push(Shape::Rect(RectShape::new(
        card.rect,
        corner,
        theme.card_fill,
        Stroke::new(width, outline),
        StrokeKind::Inside,
    )));
    if let Some(severity) = card.severity {
        let stripe =
            Rect::from_min_size(card.rect.min, vec2(5.0 * layout.scale, card.rect.height()));
        let left_corners = CornerRadius {
            nw: corner.nw,
            sw: corner.sw,
            ne: 0,
            se: 0,
        };
        shapes.push(Shape::rect_filled(
            stripe,
            left_corners,
            theme.severity(severity),
        ));
    }
    if let Some((centre, galley, _)) = &card.icon {
        shapes.push(Shape::galley(
            *centre - galley.size() * 0.5,
            galley.clone(),
            theme.muted,
        ));
    }
    shapes.push(Shape::galley(card.text_pos, card.text.clone(), theme.text));
    if let Some((pos, galley)) = &card.footer {
        shapes.push(Shape::galley(*pos, galley.clone(), theme.muted));
        if let Some(severity) = card.severity {
            severity_dots(
                layout.scale,
                theme,
                severity,
                *pos + vec2(0.0, galley.size().y / 2.0),
                shapes,
            );
        }
    }
    if card.moment_of_truth {
        let r = 6.5 * layout.scale;
        let centre = pos2(
            card.rect.max.x - r - 5.0 * layout.scale,
            card.rect.min.y + r + 5.0 * layout.scale,
        );
        shapes.extend(star(centre, r, theme.moment_of_truth));
    }
    if selected {
        shapes.push(Shape::Rect(RectShape::stroke(
            card.rect.expand(2.0 * layout.scale),
            radius(layout, 8.0),
            Stroke::new(2.5 * layout.scale, theme.selection),
            StrokeKind::Outside,
        )));
    }
}

/// One dot per severity level, filled up to `severity`, ending just left of `end`.
pub(super) fn severity_dots(
    scale: f32,
    theme: &Theme,
    severity: Severity,
    end: Pos2,
    shapes: &mut Vec<Shape>,
) {
    let r = 3.2 * scale;
    let step = 8.0 * scale;
    let level = Severity::ALL
        .iter()
        .position(|s| *s == severity)
        .unwrap_or(0);
    let colour = theme.severity(severity);
    for i in 0..Severity::ALL.len() {
        #[expect(clippy::cast_precision_loss, reason = "four dots")]
        let centre = end
            - vec2(
                crate::render::SEVERITY_DOTS_WIDTH * scale - r - step * i as f32,
                0.0,
            );
        if i <= level {
            shapes.push(Shape::circle_filled(centre, r, colour));
        } else {
            shapes.push(Shape::circle_stroke(
                centre,
                r - 0.5 * scale,
                Stroke::new(scale, colour),
            ));
        }
    }
}

/// A five-pointed star as convex pieces (a pentagon and five tips), since
/// epaint fills convex polygons only.
pub(super) fn star(centre: Pos2, outer: f32, fill: Color32) -> Vec<Shape> {
    let inner = outer * 0.42;
    let at = |i: usize, r: f32| {
        #[expect(clippy::cast_precision_loss, reason = "i < 10")]
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
        centre + vec2(angle.cos(), angle.sin()) * r
    };
    let pentagon: Vec<Pos2> = (0..5).map(|i| at(2 * i + 1, inner)).collect();
    let mut shapes = vec![Shape::convex_polygon(pentagon, fill, Stroke::NONE)];
    for i in 0..5 {
        let tip = vec![at(2 * i + 9, inner), at(2 * i, outer), at(2 * i + 1, inner)];
        shapes.push(Shape::convex_polygon(tip, fill, Stroke::NONE));
    }
    shapes
}

/// The zero line, the smooth curve through the points, and their faces.
fn emotion_lane(
    layout: &Layout,
    theme: &Theme,
    lane: usize,
    marks: &Marks,
    shapes: &mut Vec<Shape>,
) {
    let grid = layout.grid();
    if let Some(zero) = layout.score_y(lane, 0) {
        let path = [
            pos2(grid.min.x + 6.0 * layout.scale, zero),
            pos2(grid.max.x - 6.0 * layout.scale, zero),
        ];
        shapes.extend(Shape::dashed_line(
            &path,
            hairline(layout, theme.grid.lerp_to_gamma(theme.muted, 0.4)),
            6.0 * layout.scale,
            5.0 * layout.scale,
        ));
    }
    let points: Vec<&PointLayout> = layout.points.iter().filter(|p| p.lane == lane).collect();
    let centres: Vec<Pos2> = points.iter().map(|p| p.center).collect();
    shapes.extend(smooth_curve(
        &centres,
        Stroke::new(2.5 * layout.scale, theme.curve),
    ));
    for point in points {
        face(
            layout,
            theme,
            point,
            marks.points.contains(&point.id),
            shapes,
        );
    }
}

/// A Catmull-Rom spline through `points`, as cubic Bézier segments.
fn smooth_curve(points: &[Pos2], stroke: Stroke) -> Vec<Shape> {
    let at = |i: isize| {
        let last = points.len().saturating_sub(1);
        points[usize::try_from(i).unwrap_or(0).min(last)]
    };
    (0..points.len().saturating_sub(1))
        .map(|i| {
            let i = isize::try_from(i).unwrap_or(0);
            let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
            let c1 = p1 + (p2 - p0) / 6.0;
            let c2 = p2 - (p3 - p1) / 6.0;
            Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                [p1, c1, c2, p2],
                false,
                Color32::TRANSPARENT,
                stroke,
            ))
        })
        .collect()
}

/// A face whose colour and mouth show the score, with its label below.
fn face(
    layout: &Layout,
    theme: &Theme,
    point: &PointLayout,
    selected: bool,
    shapes: &mut Vec<Shape>,
) {
    let r = layout.face_radius();
    let c = point.center;
    face_shapes(theme, c, r, point.score, layout.scale, shapes);
    if selected {
        shapes.push(Shape::circle_stroke(
            c,
            r + 3.0 * layout.scale,
            Stroke::new(2.5 * layout.scale, theme.selection),
        ));
    }
    let label = &point.label;
    let pos = pos2(c.x - label.size().x / 2.0, c.y + r + 3.0 * layout.scale);
    shapes.push(Shape::galley(pos, label.clone(), theme.muted));
}

/// A face of radius `r` at `c` whose colour and mouth show `score`.
pub(super) fn face_shapes(
    theme: &Theme,
    c: Pos2,
    r: f32,
    score: i8,
    scale: f32,
    shapes: &mut Vec<Shape>,
) {
    let fill = theme.emotion(score);
    let ink = Theme::text_on(fill);
    shapes.push(Shape::circle_filled(c, r, fill));
    shapes.push(Shape::circle_stroke(
        c,
        r,
        Stroke::new(1.5 * scale, theme.curve),
    ));
    for dx in [-0.36, 0.36] {
        shapes.push(Shape::circle_filled(
            c + vec2(dx * r, -0.22 * r),
            0.13 * r,
            ink,
        ));
    }
    let bend = f32::from(score) / 3.0;
    let mouth_y = 0.3 * r - bend * 0.12 * r;
    shapes.push(Shape::QuadraticBezier(
        QuadraticBezierShape::from_points_stroke(
            [
                c + vec2(-0.45 * r, mouth_y),
                c + vec2(0.0, mouth_y + bend * 0.55 * r),
                c + vec2(0.45 * r, mouth_y),
            ],
            false,
            Color32::TRANSPARENT,
            Stroke::new(0.14 * r, ink),
        ),
    ));
}
