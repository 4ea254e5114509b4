//! The map canvas: pans, zooms, keeps stage headers and lane labels in view,
//! and paints the map through [`crate::render`].

use egui::{Pos2, Rect, Sense, Shape, Vec2, pos2, vec2};

use crate::model::JourneyMap;
use crate::render::{Layout, Marks, Theme, paint};

/// The smallest zoom: a wide map still fits a laptop screen.
pub const MIN_ZOOM: f32 = 0.15;
/// The largest zoom: one card fills a projector.
pub const MAX_ZOOM: f32 = 4.0;
/// How much one zoom step (Ctrl + / Ctrl −) changes the zoom.
pub const ZOOM_STEP: f32 = 1.25;

/// How the map is shown: zoom and pan. This is view state, never saved in
/// the map file.
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    /// Points per map unit: 1 is 100 %.
    pub zoom: f32,
    /// Where the map's origin is, relative to the canvas's top-left corner.
    pub pan: Vec2,
    /// Fit the map to the window on the next frame (after opening a map).
    fit_pending: bool,
    /// The canvas area on screen in the last frame.
    last_rect: Option<Rect>,
    /// The size of the map as drawn in the last frame.
    last_map_size: Option<Vec2>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
            fit_pending: true,
            last_rect: None,
            last_map_size: None,
        }
    }
}

/// What the canvas drew this frame, for the app and for tests.
pub struct CanvasOutput {
    /// The canvas's area on screen.
    pub rect: Rect,
    /// The layout it painted, in map coordinates at the current zoom.
    pub layout: Layout,
    /// The canvas's response (hover, clicks, drags).
    pub response: egui::Response,
}

impl Canvas {
    /// Fits the map to the window on the next frame.
    pub fn fit_to_window(&mut self) {
        self.fit_pending = true;
    }

    /// Sets the zoom, keeping the map point under `anchor` (a screen
    /// position; the canvas centre if `None`) where it is.
    pub fn zoom_to(&mut self, zoom: f32, anchor: Option<Pos2>) {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let Some(rect) = self.last_rect else {
            self.zoom = zoom;
            return;
        };
        let anchor = anchor.unwrap_or_else(|| rect.center()) - rect.min;
        let factor = zoom / self.zoom;
        self.pan = anchor - (anchor - self.pan) * factor;
        self.zoom = zoom;
    }

    /// The canvas's area on screen, as of the last frame.
    pub fn rect(&self) -> Option<Rect> {
        self.last_rect
    }

    /// The map's size on screen at the current zoom, as of the last frame.
    pub fn map_size(&self) -> Option<Vec2> {
        self.last_map_size
    }

    /// The map position (at the current zoom) under a screen position.
    pub fn to_map(&self, screen: Pos2) -> Option<Pos2> {
        let rect = self.last_rect?;
        Some(screen - rect.min.to_vec2() - self.pan)
    }

    /// Shows the map in all the space left in `ui`.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        map: &JourneyMap,
        theme: &Theme,
        marks: &Marks,
    ) -> CanvasOutput {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                format!("Journey map: {}", map.title),
            )
        });
        self.last_rect = Some(rect);
        if self.fit_pending {
            self.fit_pending = false;
            let natural = ui
                .ctx()
                .fonts_mut(|fonts| Layout::new(map, fonts, 1.0))
                .size;
            self.fit(rect, natural);
        }
        self.handle_input(ui, &response);
        let layout = ui
            .ctx()
            .fonts_mut(|fonts| Layout::new(map, fonts, self.zoom));
        self.keep_in_view(rect, layout.size);
        self.last_map_size = Some(layout.size);
        self.paint(ui, rect, &layout, theme, marks);
        CanvasOutput {
            rect,
            layout,
            response,
        }
    }

    fn fit(&mut self, rect: Rect, natural: Vec2) {
        let margin = 16.0;
        let room = (rect.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        self.zoom = (room.x / natural.x)
            .min(room.y / natural.y)
            .clamp(MIN_ZOOM, MAX_ZOOM);
        let shown = natural * self.zoom;
        self.pan = vec2(
            ((rect.width() - shown.x) / 2.0).max(0.0),
            ((rect.height() - shown.y) / 2.0).max(0.0),
        );
    }

    fn handle_input(&mut self, ui: &egui::Ui, response: &egui::Response) {
        if response.hovered() {
            let (scroll, zoom, pointer) =
                ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
            if (zoom - 1.0).abs() > f32::EPSILON {
                self.zoom_to(self.zoom * zoom, pointer);
            } else {
                self.pan += scroll;
            }
        }
        if response.dragged_by(egui::PointerButton::Primary)
            || response.dragged_by(egui::PointerButton::Middle)
        {
            self.pan += response.drag_delta();
        }
    }

    /// Never lets the map leave the window entirely: at least a corner stays.
    fn keep_in_view(&mut self, rect: Rect, size: Vec2) {
        let keep = 80.0_f32.min(size.x).min(size.y);
        self.pan.x = self.pan.x.clamp(keep - size.x, rect.width() - keep);
        self.pan.y = self.pan.y.clamp(keep - size.y, rect.height() - keep);
    }

    /// Paints the map with headers kept at the top and labels at the left
    /// once they would scroll out of view.
    fn paint(&self, ui: &egui::Ui, rect: Rect, layout: &Layout, theme: &Theme, marks: &Marks) {
        let origin = rect.min + self.pan;
        // Headers stick to the top edge, labels to the left edge.
        let header_y = (origin.y + layout.header_row.min).max(rect.min.y) - layout.header_row.min;
        let label_x =
            (origin.x + layout.label_column.min).max(rect.min.x) - layout.label_column.min;
        let headers_bottom = header_y + layout.header_row.max;
        let labels_right = label_x + layout.label_column.max;

        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, theme.background);
        let place = |shapes: Vec<Shape>, offset: Vec2| -> Vec<Shape> {
            shapes
                .into_iter()
                .map(|mut shape| {
                    shape.translate(offset);
                    shape
                })
                .collect()
        };
        painter.extend(place(paint::persona(layout, theme), origin.to_vec2()));

        let body_clip =
            Rect::from_min_max(pos2(labels_right, headers_bottom), rect.max).intersect(rect);
        painter
            .with_clip_rect(body_clip)
            .extend(place(paint::body(layout, theme, marks), origin.to_vec2()));

        let header_strip = Rect::from_x_y_ranges(
            rect.x_range(),
            (header_y + layout.header_row.min)..=headers_bottom,
        );
        painter.rect_filled(header_strip, 0.0, theme.background);
        let header_clip =
            Rect::from_min_max(pos2(labels_right, rect.min.y), rect.max).intersect(rect);
        painter.with_clip_rect(header_clip).extend(place(
            paint::stage_headers(layout, theme),
            vec2(origin.x, header_y),
        ));

        let label_strip =
            Rect::from_x_y_ranges(rect.min.x..=labels_right, headers_bottom..=rect.max.y);
        painter.rect_filled(label_strip, 0.0, theme.background);
        let label_clip =
            Rect::from_min_max(pos2(rect.min.x, headers_bottom), rect.max).intersect(rect);
        painter.with_clip_rect(label_clip).extend(place(
            paint::lane_labels(layout, theme),
            vec2(label_x, origin.y),
        ));
    }
}
