//! The canvas keeps the map's layout from frame to frame: laying out every
//! card's text each frame made a frame cost what the whole map holds (a
//! third of a second at 20,000 cards). The layout is made again only when
//! the map, its preview, the zoom or the fonts change, and then its text is
//! laid out again only where it changed.

use std::sync::Arc;

use egui::epaint::FontsView;
use egui::epaint::text::TextOptions;

use crate::edit::StateId;
use crate::model::{PointId, StateView};
use crate::render::{Layout, TextCache};

/// What a layout was made from, apart from the fonts' glyph atlas.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Key {
    /// The map's state: the same state is the same map.
    pub state: StateId,
    /// Which state of the journey is shown: the map the canvas is given
    /// differs with it while its state stays the same.
    pub view: StateView,
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
    /// The text options the fonts were made with. egui makes a new atlas
    /// when they change — the light and dark visuals weigh glyphs
    /// differently, and the painter reports its largest texture after the
    /// first frame — which also leaves kept text pointing at nothing.
    options: Option<TextOptions>,
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
        let options = ctx.fonts(|fonts| *fonts.options());
        if fill < self.atlas_fill || self.options != Some(options) {
            self.last = None;
            self.texts.clear();
        }
        self.options = Some(options);
        let layout = match &self.last {
            Some((last, layout)) if *last == key => Arc::clone(layout),
            _ => {
                // Nobody else holds the last layout once its frame is
                // over: its cards go to the next layout.
                if let Some((_, last)) = self.last.take()
                    && let Ok(last) = Arc::try_unwrap(last)
                {
                    last.recycle(&mut self.texts);
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    /// Text kept from a layout made before egui made a new glyph atlas
    /// pointed at nothing: the editor showed boxes without any text in a
    /// real window, where the light visuals replace the default dark ones
    /// after the first frame.
    #[test]
    fn a_layout_is_made_again_when_the_fonts_get_a_new_atlas() {
        let map = samples::find("grocery-trip")
            .and_then(|s| s.map().ok())
            .unwrap_or_default();
        let ctx = egui::Context::default();
        let mut cache = LayoutCache::default();
        let key = Key {
            state: crate::edit::History::default().state(),
            view: StateView::Both,
            preview: None,
            zoom: 1.0,
            pixels_per_point: 1.0,
        };
        let mut made = 0;
        let frame = |ctx: &egui::Context, cache: &mut LayoutCache, made: &mut usize| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                // The rest of the window lays its text out first, filling
                // a new atlas as full as the old one was.
                ui.ctx().fonts_mut(|fonts| Layout::new(&map, fonts, 1.0));
                cache.get(ui.ctx(), key.clone(), |fonts, _| {
                    *made += 1;
                    Layout::new(&map, fonts, 1.0)
                });
            });
            output.textures_delta.clear();
        };
        ctx.set_visuals(egui::Visuals::dark());
        frame(&ctx, &mut cache, &mut made);
        frame(&ctx, &mut cache, &mut made);
        assert_eq!(made, 1, "the same map at the same zoom is laid out once");
        ctx.set_visuals(egui::Visuals::light());
        frame(&ctx, &mut cache, &mut made);
        assert_eq!(made, 2, "the light visuals' glyphs are in a new atlas");
    }
}
