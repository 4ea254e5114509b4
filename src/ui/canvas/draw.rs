//! Painting the canvas: the map through [`crate::render::paint`] with the
//! headers and labels kept in view, and what only the editor shows on top:
//! the card being dragged, the selection rectangle, selected headers.

use egui::{Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use super::Canvas;
use crate::render::{Layout, Marks, Theme, View, paint};
use crate::ui::gesture::Gesture;
use crate::ui::placement::Placement;
use crate::ui::selection::Selection;

/// Moves shapes from map coordinates to the screen.
fn place(shapes: Vec<Shape>, offset: Vec2) -> Vec<Shape> {
    shapes
        .into_iter()
        .map(|shape| paint::moved(shape, offset))
        .collect()
}

/// Paints the map with headers kept at the top and labels at the left.
pub(super) fn placed(
    ui: &egui::Ui,
    placement: &Placement,
    layout: &Layout,
    theme: &Theme,
    marks: &Marks,
) {
    let painter = ui.painter_at(placement.rect);
    painter.rect_filled(placement.rect, 0.0, theme.background);
    painter.extend(place(paint::persona(layout, theme), placement.origin));
    let visible = placement.body_clip.translate(-placement.origin);
    let view = View::on_screen(layout, visible, ui.ctx().pixels_per_point());
    painter.with_clip_rect(placement.body_clip).extend(place(
        paint::body(layout, theme, marks, &view),
        placement.origin,
    ));
    painter.rect_filled(placement.header_strip, 0.0, theme.background);
    painter.with_clip_rect(placement.header_clip).extend(place(
        paint::stage_headers(layout, theme),
        placement.header_offset,
    ));
    painter.rect_filled(placement.label_strip, 0.0, theme.background);
    painter.with_clip_rect(placement.label_clip).extend(place(
        paint::lane_labels(layout, theme),
        placement.label_offset,
    ));
}

/// Outlines a selected stage header or lane label where it is drawn.
pub(super) fn selected_header(
    ui: &egui::Ui,
    placement: &Placement,
    layout: &Layout,
    theme: &Theme,
    selection: &Selection,
) {
    let stroke = Stroke::new(2.5, theme.selection);
    if let Some(stage) = layout
        .stages
        .iter()
        .find(|s| selection.stage.as_ref() == Some(&s.id))
    {
        ui.painter_at(placement.header_clip).rect_stroke(
            stage.header.translate(placement.header_offset),
            4.0,
            stroke,
            StrokeKind::Inside,
        );
    }
    if let Some(lane) = layout
        .lanes
        .iter()
        .find(|l| selection.lane.as_ref() == Some(&l.id))
    {
        ui.painter_at(placement.label_clip).rect_stroke(
            lane.label.translate(placement.label_offset),
            4.0,
            stroke,
            StrokeKind::Inside,
        );
    }
}

impl Canvas {
    /// The card being dragged, under the pointer; the selection rectangle.
    pub(super) fn paint_drag(
        &self,
        ui: &egui::Ui,
        pointer: Option<Pos2>,
        layout: &Layout,
        placement: &Placement,
        theme: &Theme,
    ) {
        let Some(pointer) = pointer else { return };
        match &self.gesture {
            Gesture::Card { id, grab } => {
                let Some(card) = layout.cards.iter().find(|c| &c.id == id) else {
                    return;
                };
                let offset = pointer - *grab - card.rect.min + placement.origin;
                let mut ghost = ui.painter_at(placement.rect);
                ghost.set_opacity(0.85);
                ghost.extend(place(paint::card(layout, theme, card, true), offset));
            }
            Gesture::Band { origin } => {
                let band = Rect::from_two_pos(*origin, pointer).translate(placement.origin);
                ui.painter_at(placement.body_clip).rect(
                    band,
                    2.0,
                    theme.selection.gamma_multiply(0.12),
                    Stroke::new(1.5, theme.selection),
                    StrokeKind::Inside,
                );
            }
            _ => {}
        }
    }
}
