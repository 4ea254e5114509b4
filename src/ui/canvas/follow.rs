//! Where the canvas looks, as others see it in a shared map, and looking
//! where someone else looks (following them).

use egui::{Pos2, Vec2};

use super::{Canvas, MAX_ZOOM, MIN_ZOOM};
use crate::ui::presence::Other;

impl Canvas {
    /// The zoom and the map point (in points at 100 %) at the centre of
    /// the canvas, as of the last frame; `None` before it was drawn.
    pub fn viewpoint(&self) -> Option<(f32, Pos2)> {
        let rect = self.rect()?;
        let centre = (rect.size() / 2.0 - self.pan) / self.zoom;
        Some((self.zoom, centre.to_pos2()))
    }

    /// Shows the map at `zoom` with the map point `centre` (in points at
    /// 100 %) at the centre of the canvas: where someone being followed
    /// looks. Not a move of the user's own.
    pub fn look_at(&mut self, zoom: f32, centre: Pos2) {
        if !zoom.is_finite() || !centre.x.is_finite() || !centre.y.is_finite() {
            return;
        }
        self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self.fit_pending = false;
        if let Some(rect) = self.rect() {
            self.pan = rect.size() / 2.0 - centre.to_vec2() * self.zoom;
        } else {
            self.pan = Vec2::ZERO;
        }
    }

    /// Whether the user panned, zoomed or clicked on the map since the last
    /// call: someone following another person stops then.
    pub fn take_moved_by_user(&mut self) -> bool {
        std::mem::take(&mut self.moved_by_user)
    }

    /// What the other people in a shared map selected and type in, to
    /// outline in their colours from the next frame on.
    pub fn set_others(&mut self, others: Vec<Other>) {
        self.others = others;
    }

    /// The other people's selections being drawn.
    pub fn others(&self) -> &[Other] {
        &self.others
    }
}
