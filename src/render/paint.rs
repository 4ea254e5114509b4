//! Turns a [`Layout`] into epaint shapes: the one painter for the canvas
//! and for exported images.
//!
//! Each part (persona strip, body, stage headers, lane labels) is painted
//! on its own, in map coordinates, so that the canvas can keep headers and
//! labels in view while panning; an export paints them all in place.
//!
//! The body is painted for a [`View`]: the canvas leaves out what is not in
//! view, so a frame costs what is seen, not what the map holds, and draws
//! card text too small to read as bars; an export paints everything.

mod edges;
mod emotion;
mod future;
mod gap;

pub use future::state_card_key;
mod health;
mod lines;
mod moved;

pub use moved::moved;

pub(in crate::render) use emotion::monotone_segments;

use std::collections::HashSet;

use egui::epaint::{Mesh, RectShape};
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

pub(super) use emotion::face_shapes;
pub(super) use gap::diamond;

use super::layout::{CardLayout, Layout, TextRole, size};
use super::theme::Theme;
use crate::model::{CardId, LaneKind, PointId, Severity};

/// Card text drawn smaller than this, in pixels, cannot be read: below it,
/// the canvas draws each line as a bar (a lower level of detail).
pub const MIN_READABLE_TEXT_PIXELS: f32 = 5.0;

/// What part of the map to paint, and how finely.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// The part of the map that is seen, in map coordinates: what lies
    /// wholly outside is not painted.
    pub visible: Rect,
    /// Draw card text as bars, one per line, instead of glyphs.
    pub text_as_bars: bool,
}

impl View {
    /// Everything, in full detail: what an export paints.
    pub const ALL: Self = Self {
        visible: Rect::EVERYTHING,
        text_as_bars: false,
    };

    /// What a screen shows of a layout: the `visible` part (map
    /// coordinates), with card text as bars when it would be drawn smaller
    /// than [`MIN_READABLE_TEXT_PIXELS`] at `pixels_per_point`.
    pub fn on_screen(layout: &Layout, visible: Rect, pixels_per_point: f32) -> Self {
        Self {
            visible,
            text_as_bars: size::TEXT * layout.text_scale() * pixels_per_point
                < MIN_READABLE_TEXT_PIXELS,
        }
    }
}

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

fn radius(layout: &Layout, points: f32) -> CornerRadius {
    CornerRadius::from(points * layout.scale)
}

pub(super) fn hairline(layout: &Layout, colour: Color32) -> Stroke {
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
        let tint = theme.stage_tint(stage.colour);
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

/// Lane labels down the left, with the labels of a service blueprint's lines.
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
    lines::labels(layout, theme, &mut shapes);
    shapes
}

/// Rows, grid lines, cards and emotion curves, as far as they are in `view`.
pub fn body(layout: &Layout, theme: &Theme, marks: &Marks, view: &View) -> Vec<Shape> {
    let grid = layout.grid();
    let seen = grid.intersect(view.visible);
    let mut shapes = Vec::new();
    health::strip(layout, theme, view, &mut shapes);
    for (i, lane) in layout.lanes.iter().enumerate() {
        if i % 2 == 1 && lane.row.intersects(seen.y_range()) {
            shapes.push(Shape::rect_filled(
                Rect::from_x_y_ranges(seen.x_range(), lane.row),
                CornerRadius::ZERO,
                theme.row_stripe,
            ));
        }
    }
    let line = hairline(layout, theme.grid);
    for stage in layout.stages.iter().skip(1) {
        if seen.x_range().contains(stage.column.min) {
            shapes.push(Shape::vline(stage.column.min, seen.y_range(), line));
        }
    }
    for (index, lane) in layout.lanes.iter().enumerate().skip(1) {
        // A blueprint line divides a lane from the one above it instead.
        let under_line = layout.lines.iter().any(|l| l.lane + 1 == index);
        if !under_line && seen.y_range().contains(lane.row.min) {
            shapes.push(Shape::hline(seen.x_range(), lane.row.min, line));
        }
    }
    lines::across(layout, theme, seen, &mut shapes);
    for (index, lane) in layout.lanes.iter().enumerate() {
        if lane.kind == LaneKind::Emotion && lane.row.intersects(seen.y_range()) {
            let selected = |point: &super::PointLayout| marks.points.contains(&point.id);
            emotion::emotion_lane(layout, theme, index, view, selected, &mut shapes);
        }
    }
    // The selection outline reaches a little outside the card.
    let reach = 4.0 * layout.scale;
    let in_view = layout
        .cards_near(view.visible.expand(reach))
        .map(|(_, card)| card)
        .filter(|card| view.visible.intersects(card.rect.expand(reach)));
    if view.text_as_bars {
        // One mesh for all cards: thousands of cards are in view at this
        // zoom, and a shape each would cost more to tessellate than to draw.
        let mut mesh = Mesh::default();
        let mut on_top = Vec::new();
        for card in in_view {
            card_in_outline(layout, theme, card, &mut mesh);
            card_marks(
                layout,
                theme,
                card,
                marks.cards.contains(&card.id),
                &mut on_top,
            );
        }
        shapes.push(Shape::mesh(mesh));
        shapes.extend(on_top);
    } else {
        for card in in_view {
            card_shapes(
                layout,
                theme,
                card,
                marks.cards.contains(&card.id),
                &mut shapes,
            );
        }
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
    card_box(layout, theme, card, shapes);
    future::state_outline(layout, theme, card, shapes);
    if let Some((centre, galley, _)) = &card.icon {
        shapes.push(Shape::galley(
            *centre - galley.size() * 0.5,
            galley.clone(),
            theme.muted,
        ));
    }
    let ink = if card.state == Some(crate::model::JourneyState::Current) {
        theme.muted
    } else {
        theme.text
    };
    shapes.push(Shape::galley(card.text_pos, card.text.clone(), ink));
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
    card_marks(layout, theme, card, selected, shapes);
}

/// A card at a lower level of detail, too small to read, as plain
/// rectangles: its outline, its fill, a pain point's severity stripe and a
/// bar for each line of text. Its marks go on top separately.
fn card_in_outline(layout: &Layout, theme: &Theme, card: &CardLayout, mesh: &mut Mesh) {
    let (outline, width) = if card.moment_of_truth {
        (theme.moment_of_truth, 2.0 * layout.scale)
    } else {
        (theme.card_stroke, layout.scale)
    };
    // At least a pixel (one point at this zoom), or the outline would flicker.
    mesh.add_colored_rect(card.rect, outline);
    mesh.add_colored_rect(card.rect.shrink(width.max(1.0)), theme.card_fill);
    if let Some(severity) = card.severity {
        let stripe =
            Rect::from_min_size(card.rect.min, vec2(5.0 * layout.scale, card.rect.height()));
        mesh.add_colored_rect(stripe, theme.severity(severity));
    }
    let ink = theme.card_fill.lerp_to_gamma(theme.text, 0.45);
    let muted = theme.card_fill.lerp_to_gamma(theme.muted, 0.45);
    let texts = std::iter::once((card.text_pos, &card.text, ink)).chain(
        card.footer
            .iter()
            .map(|(pos, galley)| (*pos, galley, muted)),
    );
    for (pos, galley, colour) in texts {
        for row in &galley.rows {
            let line = row.rect().translate(pos.to_vec2());
            let middle = line.center().y;
            let half = line.height() * 0.3;
            if line.width() > 0.0 {
                mesh.add_colored_rect(
                    Rect::from_x_y_ranges(line.x_range(), middle - half..=middle + half),
                    colour,
                );
            }
        }
    }
}

/// A card's box: fill, outline (thicker for a moment of truth) and a pain
/// point's severity stripe.
fn card_box(layout: &Layout, theme: &Theme, card: &CardLayout, shapes: &mut Vec<Shape>) {
    let corner = radius(layout, 6.0);
    let (outline, width) = if card.moment_of_truth {
        (theme.moment_of_truth, 2.0 * layout.scale)
    } else {
        (theme.card_stroke, layout.scale.max(1.0))
    };
    shapes.push(Shape::Rect(RectShape::new(
        card.rect,
        corner,
        future::state_fill(theme, card.state),
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
}

/// What goes on top of a card: the moment-of-truth star and the selection.
fn card_marks(
    layout: &Layout,
    theme: &Theme,
    card: &CardLayout,
    selected: bool,
    shapes: &mut Vec<Shape>,
) {
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
