//! The map canvas: pans and zooms, keeps stage headers and lane labels in
//! view, paints the map through [`crate::render`], and turns clicks, drags
//! and keys into [`Edit`]s. It never changes the map itself.

mod access;
mod cache;
mod draw;
mod follow;
mod input;

use std::sync::Arc;

use egui::{PointerButton, Pos2, Rect, Sense, Vec2, vec2};

use super::UiCommand;
use super::gesture::{self, Gesture};
use super::inline_edit::{InlineEdit, Outcome, Target};
use super::placement::Placement;
use super::selection::Selection;
use crate::edit::{Edit, StateId};
use crate::model::{JourneyMap, StateView};
use crate::render::{Hit, Layout, Marks, Theme};

/// The smallest zoom: a wide map still fits a laptop screen.
pub const MIN_ZOOM: f32 = 0.15;
/// The largest zoom: one card fills a projector.
pub const MAX_ZOOM: f32 = 4.0;
/// How much one zoom step (Ctrl + / Ctrl −) changes the zoom.
pub const ZOOM_STEP: f32 = 1.25;
/// How much one notch of the mouse wheel with Ctrl changes the zoom: 15 %.
pub const WHEEL_NOTCH_ZOOM: f32 = 1.15;

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
    /// Which state of the journey the map it is given shows (View ▸
    /// Current state, Future state, Current and future).
    pub view: StateView,
    /// The drag in progress.
    gesture: Gesture,
    /// Fit the map to the window on the next frame (after opening a map).
    fit_pending: bool,
    /// The size of the map as drawn in the last frame.
    last_map_size: Option<Vec2>,
    /// The placement of the last frame, for tests and hit-testing.
    last_placement: Option<Placement>,
    /// Start typing on the next frame: into the selection (F2, Enter) or
    /// a new card after it (N).
    typing_pending: Option<Typing>,
    /// Scroll the selection into view on the next frame (arrow keys).
    reveal_pending: bool,
    /// The open right-click menu: what was clicked, and where on the map.
    menu: Option<(Option<Hit>, Pos2)>,
    /// Commands chosen in the right-click menu, for the app to run.
    commands: Vec<UiCommand>,
    /// The layout of the last frame, kept while the map and zoom stay the same.
    layout_cache: cache::LayoutCache,
    /// Whether the user panned, zoomed or clicked since it was last asked
    /// (see [`Canvas::take_moved_by_user`]).
    moved_by_user: bool,
    /// What the other people in a shared map selected and type in, drawn
    /// on top in their colours.
    others: Vec<crate::ui::presence::Other>,
    /// While the map is compared with another file: what changed, marked
    /// on top.
    changes: Option<Arc<crate::ui::compare::Changes>>,
}

/// What typing was asked for, to start once the layout is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Typing {
    /// The selection's own text or name.
    Selection,
    /// A new card after the selection.
    NewCard,
}

/// One frame's map, its layout and where it is on screen.
#[derive(Clone, Copy)]
struct Frame<'a> {
    layout: &'a Layout,
    placement: &'a Placement,
    map: &'a JourneyMap,
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
            view: StateView::default(),
            typing_pending: None,
            reveal_pending: false,
            menu: None,
            commands: Vec::new(),
            layout_cache: cache::LayoutCache::default(),
            moved_by_user: false,
            others: Vec::new(),
            changes: None,
        }
    }
}

/// What the canvas did this frame.
pub struct CanvasOutput {
    /// The edits the user made this frame, in order.
    pub edits: Vec<Edit>,
    /// Commands chosen in the right-click menu, to run on the selection.
    pub commands: Vec<UiCommand>,
}

/// The zoom factor of this frame's Ctrl + wheel events: [`WHEEL_NOTCH_ZOOM`]
/// a notch. A wheel that scrolls by lines zooms at most one notch a frame:
/// winit on X11 reports each notch twice in the same frame (measured under
/// Xvfb: two `Line` events of 1.0 per click), and a wheel is not turned
/// faster than a notch a frame. A trackpad scrolls in points, 40 to a notch,
/// so it zooms smoothly.
fn wheel_zoom(events: &[egui::Event]) -> f32 {
    let (mut lines, mut points) = (0.0_f32, 0.0_f32);
    for event in events {
        if let egui::Event::MouseWheel {
            unit,
            delta,
            modifiers,
            ..
        } = event
            && (modifiers.command || modifiers.ctrl)
        {
            match unit {
                egui::MouseWheelUnit::Point => points += delta.x + delta.y,
                egui::MouseWheelUnit::Line | egui::MouseWheelUnit::Page => {
                    lines += delta.x + delta.y;
                }
            }
        }
    }
    WHEEL_NOTCH_ZOOM.powf(lines.clamp(-1.0, 1.0) + points / 40.0)
}

/// The room a map fitted to the window `rect` may take: all but a margin.
fn fit_room(rect: Rect) -> Vec2 {
    (rect.size() - Vec2::splat(2.0 * 16.0)).max(Vec2::splat(1.0))
}

impl Canvas {
    /// Fits the map to the window on the next frame.
    pub fn fit_to_window(&mut self) {
        self.fit_pending = true;
        self.moved_by_user = true;
    }

    /// Shows the map at a remembered zoom and scroll position instead of
    /// fitting it to the window. Values from storage are kept in range.
    pub fn restore(&mut self, zoom: f32, pan: Vec2) {
        if zoom.is_finite() && pan.x.is_finite() && pan.y.is_finite() {
            self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
            self.pan = pan;
            self.fit_pending = false;
        }
    }

    /// Starts typing into the selection on the next frame: its text or
    /// name, or a new card in a selected empty cell.
    pub fn start_typing(&mut self) {
        self.typing_pending = Some(Typing::Selection);
    }

    /// Starts typing a new card on the next frame: after the selected card,
    /// or at the end of the selected cell.
    pub fn start_new_card(&mut self) {
        self.typing_pending = Some(Typing::NewCard);
    }

    /// Scrolls the selection into view on the next frame, e.g. a stage or
    /// lane just added, whose name is typed next.
    pub fn reveal_selection(&mut self) {
        self.reveal_pending = true;
    }

    /// Whether text is being typed on the canvas, or is about to be (F2 was
    /// Marks `changes` on the map from the next frame on (none: marks
    /// nothing), for File ▸ Compare with….
    pub fn mark_changes(&mut self, changes: Option<Arc<crate::ui::compare::Changes>>) {
        self.changes = changes;
    }

    /// The changes marked on the map, while it is compared with a file.
    pub fn marked_changes(&self) -> Option<&crate::ui::compare::Changes> {
        self.changes.as_deref()
    }

    /// pressed and the field appears this frame): the keys are text then.
    pub fn wants_keyboard(&self) -> bool {
        self.inline.is_some() || self.typing_pending.is_some()
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
        self.moved_by_user = true;
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
    ///
    /// `state` names the map's version ([`crate::edit::History::state`]):
    /// the canvas keeps the map's layout while the state, the zoom and the
    /// fonts stay the same, so a changed map must come with a new state.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        map: &JourneyMap,
        state: StateId,
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
        access::keep_keyboard_on_the_map(ui, &response);
        if self.fit_pending {
            self.fit_pending = false;
            // The map's width at any zoom is known without laying it out:
            // lay it out at the zoom that fills the width, and again (below)
            // only if its height does not fit. A wide map is laid out once.
            let width = Layout::natural_width(map);
            self.zoom = (fit_room(rect).x / width).clamp(MIN_ZOOM, MAX_ZOOM);
            let height = self.layout(ui, map, state).size.y / self.zoom;
            self.fit(rect, vec2(width, height));
        }
        self.scroll_and_zoom(ui, &response);
        let layout = self.layout(ui, map, state);
        if std::mem::take(&mut self.reveal_pending) {
            self.reveal(rect, &layout, map, selection);
        }
        self.keep_in_view(rect, layout.size);
        self.last_map_size = Some(layout.size);
        let placement = Placement::new(rect, self.pan, &layout);
        self.last_placement = Some(placement);
        match self.typing_pending.take() {
            Some(Typing::Selection) => {
                self.inline = gesture::inline_for_selection(selection, &layout, map);
            }
            Some(Typing::NewCard) => {
                self.inline = gesture::new_card_for_selection(selection, &layout, map);
            }
            None => {}
        }

        let frame = Frame {
            layout: &layout,
            placement: &placement,
            map,
        };
        let mut edits = Vec::new();
        self.pointer(ui, &response, &frame, selection, &mut edits);
        if response.clicked() || response.drag_started() || response.secondary_clicked() {
            self.moved_by_user = true;
        }
        self.context_menu(&response, &frame, selection, &mut edits);
        if !UiCommand::keys_go_elsewhere(ui.ctx(), self.inline.is_some()) {
            self.arrow_keys(ui, &frame, selection);
        }
        if self.reveal_pending {
            ui.ctx().request_repaint();
        }

        let pointer = Self::drag_pointer(&response, &frame);
        let marks = Marks {
            cards: selection.cards.iter().cloned().collect(),
            points: selection.points.iter().cloned().collect(),
            drop_line: pointer.and_then(|at| self.gesture.drop_line(&layout, at)),
        };
        draw::placed(ui, &placement, &layout, theme, &marks);
        draw::selected_header(ui, &placement, &layout, theme, selection);
        if let Some(changes) = &self.changes {
            crate::ui::compare::outline_changes(ui, &placement, &layout, changes);
        }
        crate::ui::presence::outline_others(ui, &placement, &layout, &self.others);
        self.paint_drag(ui, pointer, &layout, &placement, theme);
        self.show_inline(ui, &layout, &placement, map, &mut edits);
        if map.card_count() == 0 && self.inline.is_none() {
            crate::ui::help::getting_started_over(ui, rect);
        }
        access::describe(ui, &response, &frame, selection, &self.others);
        Self::hint_on_hover(&response, &frame);
        CanvasOutput {
            edits,
            commands: std::mem::take(&mut self.commands),
        }
    }

    /// Pans so that the selection is in view, clear of the frozen headers
    /// and labels.
    fn reveal(&mut self, rect: Rect, layout: &Layout, map: &JourneyMap, selection: &Selection) {
        let cell = |stage: usize, lane: usize| {
            Some(Rect::from_x_y_ranges(
                layout.stages.get(stage)?.column,
                layout.lanes.get(lane)?.row,
            ))
        };
        let target = if let Some(id) = selection.cards.last() {
            layout.cards.iter().find(|c| &c.id == id).map(|c| c.rect)
        } else if let Some(id) = selection.points.last() {
            let radius = Vec2::splat(layout.face_radius() * 2.0);
            layout
                .points
                .iter()
                .find(|p| &p.id == id)
                .map(|p| Rect::from_center_size(p.center, radius))
        } else if let Some((stage, lane)) = &selection.cell {
            cell(
                map.stage_index(stage).unwrap_or(0),
                map.lane_index(lane).unwrap_or(0),
            )
        } else if let Some(stage) = &selection.stage {
            let i = map.stage_index(stage).unwrap_or(0);
            layout
                .stages
                .get(i)
                .map(|s| Rect::from_x_y_ranges(s.column, layout.header_row))
        } else if let Some(lane) = &selection.lane {
            let i = map.lane_index(lane).unwrap_or(0);
            layout
                .lanes
                .get(i)
                .map(|l| Rect::from_x_y_ranges(layout.label_column, l.row))
        } else {
            None
        };
        let Some(target) = target else { return };
        // Clear of the headers and labels, as large as they are drawn when
        // kept in view.
        let visible = Rect::from_min_max(
            rect.min + crate::ui::placement::frozen_extent(rect, layout),
            rect.max,
        );
        let on_screen = target.translate(rect.min.to_vec2() + self.pan);
        let nudge = |low: f32, high: f32, min: f32, max: f32| {
            if high > max {
                (max - high).max(min - low)
            } else if low < min {
                min - low
            } else {
                0.0
            }
        };
        self.pan.x += nudge(
            on_screen.min.x,
            on_screen.max.x,
            visible.min.x,
            visible.max.x,
        );
        self.pan.y += nudge(
            on_screen.min.y,
            on_screen.max.y,
            visible.min.y,
            visible.max.y,
        );
    }

    /// The layout of `map` (or of its preview while an emotion point is
    /// dragged) at the current zoom: the last one while nothing changed.
    fn layout(&mut self, ui: &egui::Ui, map: &JourneyMap, state: StateId) -> Arc<Layout> {
        let key = cache::Key {
            state,
            view: self.view,
            preview: self.gesture.preview_key(),
            zoom: self.zoom,
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        let (gesture, zoom, ppp) = (&self.gesture, self.zoom, key.pixels_per_point);
        self.layout_cache.get(ui.ctx(), key, |fonts, texts| {
            let preview = gesture.preview(map);
            let shown = preview.as_ref().unwrap_or(map);
            Layout::with_cache(shown, fonts, zoom, texts, ppp)
        })
    }

    fn fit(&mut self, rect: Rect, natural: Vec2) {
        let room = fit_room(rect);
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
        // The wheel's zoom is worked out here, per notch (below); egui's own
        // (exp of the points scrolled) is turned off. Pinching still comes
        // through egui's zoom delta.
        if ui.ctx().options(|o| o.input_options.scroll_zoom_speed) != 0.0 {
            ui.ctx()
                .options_mut(|o| o.input_options.scroll_zoom_speed = 0.0);
        }
        if response.hovered() {
            let (scroll, pinch, pointer) =
                ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
            let zoom = pinch * ui.input(|i| wheel_zoom(&i.events));
            if (zoom - 1.0).abs() > f32::EPSILON {
                self.zoom_to(self.zoom * zoom, pointer);
            } else if scroll != Vec2::ZERO {
                self.pan += scroll;
                self.moved_by_user = true;
            }
        }
        if response.dragged_by(PointerButton::Middle) {
            self.pan += response.drag_delta();
            self.moved_by_user = true;
        }
    }

    /// Never lets the map leave the window entirely: at least a corner stays.
    fn keep_in_view(&mut self, rect: Rect, size: Vec2) {
        let keep = 80.0_f32.min(size.x).min(size.y);
        self.pan.x = self.pan.x.clamp(keep - size.x, rect.width() - keep);
        self.pan.y = self.pan.y.clamp(keep - size.y, rect.height() - keep);
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

    /// Over an empty part of a cell, says how to add something there.
    fn hint_on_hover(response: &egui::Response, frame: &Frame<'_>) {
        let Some(at) = response.hover_pos() else {
            return;
        };
        if let Some(Hit::Cell { lane, .. }) = frame.placement.hit(at, frame.layout) {
            let kind = frame.layout.lanes.get(lane).map(|l| l.kind);
            let hint = match kind {
                Some(crate::model::LaneKind::Emotion) => {
                    "Double-click to add a point at this height"
                }
                Some(_) => "Double-click to add a card",
                None => return,
            };
            response.clone().on_hover_text_at_pointer(hint);
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
