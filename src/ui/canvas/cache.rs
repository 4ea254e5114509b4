//! The canvas keeps the map's layout from frame to frame: laying out every
//! card's text each frame made a frame cost what the whole map holds (a
//! third of a second at 20,000 cards). The layout is made again only when
//! the map, its preview, the zoom or the fonts change, and then its text is
//! laid out again only where it changed.

use std::sync::Arc;

use egui::epaint::FontsView;

use crate::edit::StateId;
use crate::model::PointId;
use crate::render::{Layout, TextCache};

/// What a layout was made from, apart from the fonts' glyph atlas.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Key {
    /// The map's state: the same state is the same map.
    pub state: StateId,
    /// The emotion point being dragged and its score, shown as a preview.
    pub preview: Option<(PointId, i8)>,
    /// The zoom.
    pub zoom: f32,
    /// The screen's pixels per point, which text is laid out for.
    pub pixels_per_point: f32,
}

/// The last layout and what it was made from.
#[derive(Clone, Default)]
pub(super) struct LayoutCache {
    last: Option<(Key, Arc<Layout>)>,
    /// The text of the last layout, for the next one.
    texts: TextCache,
    /// How full the glyph atlas was after the last frame. egui empties a
    /// full atlas, which leaves the glyphs of kept text pointing at
    /// nothing: a lower figure means that happened.
    atlas_fill: f32,
}

impl LayoutCache {
    /// The layout for `key`: the last one if it was made from the same,
    /// else a new one from `make`, given the fonts and the kept text.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        key: Key,
        make: impl FnOnce(&mut FontsView<'_>, &mut TextCache) -> Layout,
    ) -> Arc<Layout> {
        let fill = atlas_fill(ctx);
        if fill < self.atlas_fill {
            self.last = None;
            self.texts.clear();
        }
        let layout = match &self.last {
            Some((last, layout)) if *last == key => Arc::clone(layout),
            _ => {
                let texts = &mut self.texts;
                let layout = Arc::new(ctx.fonts_mut(|fonts| make(fonts, texts)));
                self.last = Some((key, Arc::clone(&layout)));
                layout
            }
        };
        self.atlas_fill = atlas_fill(ctx);
        layout
    }
}

#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method path is not general enough over the fonts' lifetime"
)]
fn atlas_fill(ctx: &egui::Context) -> f32 {
    ctx.fonts(|fonts| fonts.font_atlas_fill_ratio())
}

impl std::fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LayoutCache")
            .field("key", &self.last.as_ref().map(|(key, _)| key))
            .field("texts", &self.texts.len())
            .finish_non_exhaustive()
    }
}

/// A cache is not part of what the canvas shows: any two are equal.
impl PartialEq for LayoutCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
