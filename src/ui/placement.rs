//! Where the parts of a laid-out map go on screen, with the stage headers
//! kept at the top and the lane labels at the left once they would scroll
//! out of view. Painting and hit-testing both use it.

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::render::{Hit, Layout};

/// The most of the canvas's height the stage headers take while they are
/// kept at the top, and of its width the lane labels take at the left: at a
/// high zoom they would otherwise hide much of the map.
pub const MAX_FROZEN_SHARE: f32 = 0.2;

/// The width of the lane labels and the height of the stage headers while
/// they are kept in view in the canvas `rect`: their own, at most
/// [`MAX_FROZEN_SHARE`] of the canvas.
pub fn frozen_extent(rect: Rect, layout: &Layout) -> Vec2 {
    vec2(
        layout
            .label_column
            .span()
            .min(MAX_FROZEN_SHARE * rect.width()),
        layout
            .header_row
            .span()
            .min(MAX_FROZEN_SHARE * rect.height()),
    )
}

/// The screen offsets and clip areas of one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// The canvas area.
    pub rect: Rect,
    /// Added to map coordinates of the body and persona strip.
    pub origin: Vec2,
    /// Added to map coordinates of stage headers.
    pub header_offset: Vec2,
    /// Added to map coordinates of lane labels.
    pub label_offset: Vec2,
    /// Where cells may be drawn: below the headers, right of the labels.
    pub body_clip: Rect,
    /// Where headers may be drawn: right of the labels.
    pub header_clip: Rect,
    /// Where labels may be drawn: below the headers.
    pub label_clip: Rect,
    /// The header row on screen, across the whole canvas.
    pub header_strip: Rect,
    /// The label column on screen, below the headers.
    pub label_strip: Rect,
}

impl Placement {
    /// The placement of `layout` in `rect` with the map's origin at `pan`.
    pub fn new(rect: Rect, pan: Vec2, layout: &Layout) -> Self {
        let origin = rect.min.to_vec2() + pan;
        let header_y = (origin.y + layout.header_row.min).max(rect.min.y) - layout.header_row.min;
        let label_x =
            (origin.x + layout.label_column.min).max(rect.min.x) - layout.label_column.min;
        // Kept in view (the map scrolled past them): at most a share of the
        // canvas, showing their top and left, where the names are.
        let frozen = frozen_extent(rect, layout);
        let mut headers_bottom = header_y + layout.header_row.max;
        if origin.y + layout.header_row.min < rect.min.y {
            headers_bottom = headers_bottom.min(rect.min.y + frozen.y);
        }
        let mut labels_right = label_x + layout.label_column.max;
        if origin.x + layout.label_column.min < rect.min.x {
            labels_right = labels_right.min(rect.min.x + frozen.x);
        }
        Self {
            rect,
            origin,
            header_offset: vec2(origin.x, header_y),
            label_offset: vec2(label_x, origin.y),
            body_clip: Rect::from_min_max(pos2(labels_right, headers_bottom), rect.max)
                .intersect(rect),
            header_clip: Rect::from_min_max(
                pos2(labels_right, rect.min.y),
                pos2(rect.max.x, headers_bottom),
            )
            .intersect(rect),
            label_clip: Rect::from_min_max(
                pos2(rect.min.x, headers_bottom),
                pos2(labels_right, rect.max.y),
            )
            .intersect(rect),
            header_strip: Rect::from_x_y_ranges(
                rect.x_range(),
                (header_y + layout.header_row.min)..=headers_bottom,
            ),
            label_strip: Rect::from_x_y_ranges(
                rect.min.x..=labels_right,
                headers_bottom..=rect.max.y,
            ),
        }
    }

    /// The body's map coordinates of a screen position.
    pub fn to_map(&self, screen: Pos2) -> Pos2 {
        screen - self.origin
    }

    /// A body rectangle (cells, cards, points) on screen.
    pub fn body_to_screen(&self, rect: Rect) -> Rect {
        rect.translate(self.origin)
    }

    /// What is under a screen position, as drawn: headers and labels where
    /// they are kept in view, the body elsewhere.
    pub fn hit(&self, screen: Pos2, layout: &Layout) -> Option<Hit> {
        if !self.rect.contains(screen) {
            return None;
        }
        if self.header_strip.contains(screen) {
            return match layout.hit(screen - self.header_offset) {
                hit @ Some(Hit::StageHeader(_)) if self.header_clip.contains(screen) => hit,
                _ => None,
            };
        }
        if self.label_strip.contains(screen) {
            return match layout.hit(screen - self.label_offset) {
                hit @ Some(Hit::LaneLabel(_)) if self.label_clip.contains(screen) => hit,
                _ => None,
            };
        }
        layout.hit(self.to_map(screen))
    }
}
