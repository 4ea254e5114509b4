//! The map canvas: pans and zooms, keeps stage headers and lane labels in
//! view, paints the map through [`crate::render`], and turns clicks, drags
//! and keys into [`Edit`]s. It never changes the map itself.

use egui::{Key, Modifiers, PointerButton, Pos2, Rect, Sense, Shape, Vec2, vec2};

use super::gesture::{self, Gesture};
use super::inline_edit::{InlineEdit, Outcome, Target};
use super::placement::Placement;
use super::selection::Selection;
use crate::edit::Edit;
use crate::model::{JourneyMap, LaneKind};
use crate::render::{Hit, Layout, Marks, Theme, paint};

/// The smallest zoom: a wide map still fits a laptop screen.
pub const MIN_ZOOM: f32 = 0.15;
/// The largest zoom: one card fills a projector.
pub const MAX_ZOOM: f32 = 4.0;
/// How much one zoom step (Ctrl + / Ctrl −) changes the zoom.
pub const ZOOM_STEP: f32 = 1.25;

/// How the map is shown and what is being done to it: zoom, pan, the
/// gesture in progress and text being typed. View state, never saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    /// Points per map unit: 1 is 100 %.
    pub zoom: f32,
    /// Where the map's origin is, relative to the canvas's top-left corner.
    pub pan: Vec2,
    /// Text being typed on the canvas, if any.
    pub inline: Option<InlineEdit>,
    /// The drag in progress.
    gesture: Gesture,
    /// Fit the map to the window on the next frame (after opening a map).
    fit_pending: bool,
    /// The size of the map as drawn in the last frame.
    last_map_size: Option<Vec2>,
    /// The placement of the last frame, for tests and hit-testing.
    last_placement: Option<Placement>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
            inline: None,
            gesture: Gesture::Idle,
            fit_pending: true,
            last_map_size: None,
            last_placement: None,
        }
    }
}

/// What the canvas did this frame.
pub struct CanvasOutput {
    /// The layout it painted, in map coordinates at the current zoom.
    pub layout: Layout,
    /// The edits the user made this frame, in order.
    pub edits: Vec<Edit>,
}

impl Canvas {
    /// Fits the map to the window on the next frame.
    pub fn fit_to_window(&mut self) {
        self.fit_pending = true;
    }

    /// Forgets gestures and typing, e.g. when another map is opened.
    pub fn reset(&mut self) {
        self.gesture = Gesture::Idle;
        self.inline = None;
        self.fit_pending = true;
    }

    /// Sets the zoom, keeping the map point under `anchor` (a screen
    /// position; the canvas centre if `None`) where it is.
    pub fn zoom_to(&mut self, zoom: f32, anchor: Option<Pos2>) {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let Some(rect) = self.rect() else {
            self.zoom = zoom;
            return;
        };
        let anchor = anchor.unwrap_or_else(|| rect.center()) - rect.min;
        self.pan = anchor - (anchor - self.pan) * (zoom / self.zoom);
        self.zoom = zoom;
    }

    /// The canvas's area on screen, as of the last frame.
    pub fn rect(&self) -> Option<Rect> {
        self.last_placement.map(|placement| placement.rect)
    }

    /// The map's size on screen at the current zoom, as of the last frame.
    pub fn map_size(&self) -> Option<Vec2> {
        self.last_map_size
    }

    /// Where the parts of the map were on screen in the last frame.
    pub fn placement(&self) -> Option<Placement> {
        self.last_placement
    }

    /// The map position (at the current zoom) under a screen position.
    pub fn to_map(&self, screen: Pos2) -> Option<Pos2> {
        Some(self.last_placement?.to_map(screen))
    }

    /// Shows `map` in all the space left in `ui` and returns the edits the
    /// user made. `selection` is updated directly: it is view state.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        map: &JourneyMap,
        theme: &Theme,
        selection: &mut Selection,
    ) -> CanvasOutput {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                format!("Journey map: {}", map.title),
            )
        });
        if self.fit_pending {
            self.fit_pending = false;
            let natural = ui
                .ctx()
                .fonts_mut(|fonts| Layout::new(map, fonts, 1.0))
                .size;
            self.fit(rect, natural);
        }
        self.scroll_and_zoom(ui, &response);

        // While an emotion point is dragged, show the map as it would be.
        let preview = self.gesture.preview(map);
        let shown = preview.as_ref().unwrap_or(map);
        let layout = ui
            .ctx()
            .fonts_mut(|fonts| Layout::new(shown, fonts, self.zoom));
        self.keep_in_view(rect, layout.size);
        self.last_map_size = Some(layout.size);
        let placement = Placement::new(rect, self.pan, &layout);
        self.last_placement = Some(placement);

        let mut edits = Vec::new();
        self.pointer(
            ui, &response, &layout, &placement, map, selection, &mut edits,
        );
        if self.inline.is_none() && !ui.ctx().egui_wants_keyboard_input() {
            self.keys(ui, &layout, map, selection, &mut edits);
        }

        let mut marks = Marks {
            cards: selection.cards.iter().cloned().collect(),
            points: selection.points.iter().cloned().collect(),
            drop_line: None,
        };
        if let Gesture::Card { id, .. } = &self.gesture
            && let Some(pointer) = response.interact_pointer_pos()
        {
            marks.drop_line =
                gesture::card_drop(&layout, placement.to_map(pointer), id).map(|drop| drop.line);
        }
        paint_placed(ui, &placement, &layout, theme, &marks);
        self.paint_ghost(ui, &response, &layout, &placement, theme);
        self.show_inline(ui, &layout, &placement, map, &mut edits);
        CanvasOutput { layout, edits }
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

    fn scroll_and_zoom(&mut self, ui: &egui::Ui, response: &egui::Response) {
        if response.hovered() {
            let (scroll, zoom, pointer) =
                ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
            if (zoom - 1.0).abs() > f32::EPSILON {
                self.zoom_to(self.zoom * zoom, pointer);
            } else {
                self.pan += scroll;
            }
        }
        if response.dragged_by(PointerButton::Middle) {
            self.pan += response.drag_delta();
        }
    }

    /// Never lets the map leave the window entirely: at least a corner stays.
    fn keep_in_view(&mut self, rect: Rect, size: Vec2) {
        let keep = 80.0_f32.min(size.x).min(size.y);
        self.pan.x = self.pan.x.clamp(keep - size.x, rect.width() - keep);
        self.pan.y = self.pan.y.clamp(keep - size.y, rect.height() - keep);
    }

    /// Clicks, double-clicks and drags.
    #[expect(
        clippy::too_many_arguments,
        reason = "one frame's view of the map, passed down once"
    )]
    fn pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        layout: &Layout,
        placement: &Placement,
        map: &JourneyMap,
        selection: &mut Selection,
        edits: &mut Vec<Edit>,
    ) {
        if response.drag_started_by(PointerButton::Primary) {
            let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or_default();
            self.gesture = Gesture::start(
                placement.hit(origin, layout),
                layout,
                placement.to_map(origin),
            );
            if let Gesture::Card { id, .. } = &self.gesture
                && !selection.cards.contains(id)
            {
                *selection = Selection::only_card(id.clone());
            }
        }
        let pointer = response.interact_pointer_pos();
        if response.dragged_by(PointerButton::Primary) {
            match &mut self.gesture {
                Gesture::Panning => self.pan += response.drag_delta(),
                Gesture::Point { lane, score, .. } => {
                    if let Some(new) =
                        pointer.and_then(|p| layout.score_at(*lane, placement.to_map(p).y))
                    {
                        *score = new;
                    }
                }
                Gesture::Idle | Gesture::Card { .. } => {}
            }
        }
        if response.drag_stopped() {
            let gesture = std::mem::take(&mut self.gesture);
            let at = pointer.map(|p| placement.to_map(p));
            edits.extend(gesture.finish(layout, map, at));
        }
        let Some(at) = pointer else { return };
        if response.double_clicked() {
            self.inline = gesture::inline_for(placement.hit(at, layout), layout, map);
        } else if response.clicked() {
            let additive = ui.input(|i| i.modifiers.shift || i.modifiers.command);
            let hit = placement.hit(at, layout);
            if let Some(Hit::Cell { stage, lane }) = hit
                && layout.lanes[lane].kind == LaneKind::Emotion
            {
                edits.extend(gesture::add_point(
                    layout,
                    map,
                    stage,
                    lane,
                    placement.to_map(at),
                ));
            } else {
                gesture::select(hit, layout, additive, selection);
            }
        }
    }

    /// Keys that act on the selection.
    fn keys(
        &mut self,
        ui: &egui::Ui,
        layout: &Layout,
        map: &JourneyMap,
        selection: &mut Selection,
        edits: &mut Vec<Edit>,
    ) {
        let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Delete) || pressed(Key::Backspace) {
            if !selection.cards.is_empty() || !selection.points.is_empty() {
                edits.push(Edit::Remove {
                    cards: selection.cards.clone(),
                    points: selection.points.clone(),
                });
                *selection = Selection::default();
            }
        } else if pressed(Key::F2) || pressed(Key::Enter) || pressed(Key::N) {
            self.inline = gesture::inline_for_selection(selection, layout, map);
        } else if pressed(Key::Escape) {
            *selection = Selection::default();
        } else if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::D)) {
            edits.extend(gesture::duplicate(&selection.cards, map));
        }
    }

    fn paint_ghost(
        &self,
        ui: &egui::Ui,
        response: &egui::Response,
        layout: &Layout,
        placement: &Placement,
        theme: &Theme,
    ) {
        let Gesture::Card { id, grab } = &self.gesture else {
            return;
        };
        let (Some(pointer), Some(card)) = (
            response.interact_pointer_pos(),
            layout.cards.iter().find(|c| &c.id == id),
        ) else {
            return;
        };
        let offset = placement.to_map(pointer) - *grab - card.rect.min + placement.origin;
        let mut ghost = ui.painter_at(placement.rect);
        ghost.set_opacity(0.85);
        ghost.extend(
            paint::card(layout, theme, card, true)
                .into_iter()
                .map(|mut shape| {
                    shape.translate(offset);
                    shape
                }),
        );
    }

    /// Shows the text field being typed into, and turns a commit into an edit.
    fn show_inline(
        &mut self,
        ui: &mut egui::Ui,
        layout: &Layout,
        placement: &Placement,
        map: &JourneyMap,
        edits: &mut Vec<Edit>,
    ) {
        let Some(inline) = &mut self.inline else {
            return;
        };
        let Some(rect) = gesture::inline_rect(&inline.target, layout, placement, map) else {
            // What was being edited is gone (e.g. undone).
            self.inline = None;
            return;
        };
        let font = 13.5 * self.zoom;
        match inline.show(ui, rect, font) {
            Outcome::Typing => {}
            Outcome::Cancel => self.inline = None,
            Outcome::Commit(edit) => {
                edits.extend(edit);
                self.inline = None;
            }
        }
    }

    /// Whether the text being typed targets a new card (for tests and menus).
    pub fn is_typing_new_card(&self) -> bool {
        matches!(
            self.inline.as_ref().map(|i| &i.target),
            Some(Target::NewCard { .. })
        )
    }
}

/// Paints the map with headers kept at the top and labels at the left.
fn paint_placed(
    ui: &egui::Ui,
    placement: &Placement,
    layout: &Layout,
    theme: &Theme,
    marks: &Marks,
) {
    let place = |shapes: Vec<Shape>, offset: Vec2| -> Vec<Shape> {
        shapes
            .into_iter()
            .map(|mut shape| {
                shape.translate(offset);
                shape
            })
            .collect()
    };
    let painter = ui.painter_at(placement.rect);
    painter.rect_filled(placement.rect, 0.0, theme.background);
    painter.extend(place(paint::persona(layout, theme), placement.origin));
    painter
        .with_clip_rect(placement.body_clip)
        .extend(place(paint::body(layout, theme, marks), placement.origin));
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
