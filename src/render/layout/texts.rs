//! Laying out the text of a map, optionally through a [`TextCache`] that
//! keeps laid-out text from one layout to the next.
//!
//! egui keeps a galley only while it is asked for every frame; the canvas
//! keeps its layout between frames instead, so after an edit egui would
//! have forgotten every card's text, and laying out the text of thousands
//! of cards again took a tenth of a second at 5,000 cards. With the cache,
//! a layout after an edit lays out only the text that changed.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::Galley;
use egui::epaint::FontsView;

use super::cells::CellCache;

/// Text laid out by earlier layouts at one pixels-per-point, by content.
#[derive(Clone, Default)]
pub struct TextCache {
    galleys: HashMap<u64, Entry>,
    /// The most texts one layout has used: the cache keeps up to twice as
    /// many, so that the text of stages whose cells are kept (and so not
    /// looked up) is still here when they change.
    peak: usize,
    /// Each stage's cards laid out, kept while they stay the same.
    cells: CellCache,
    /// The layout being made (or the last one), counted from 1.
    generation: u64,
    pixels_per_point: f32,
}

#[derive(Clone)]
struct Entry {
    galley: Arc<Galley>,
    size: f32,
    wrap: f32,
    style: Style,
    /// The last layout that used it.
    used: u64,
}

/// How a text is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Style {
    Regular,
    Italic,
    /// Headers: the bold family.
    Bold,
}

impl TextCache {
    /// Forgets everything, e.g. because the glyphs the text points at are gone.
    pub fn clear(&mut self) {
        self.galleys.clear();
        self.cells.clear();
    }

    /// Keeps a layout's placed cards for the next layout (see
    /// [`super::Layout::recycle`]).
    pub(super) fn recycle(&mut self, cards: super::placing::Recycled) {
        self.cells.recycle(cards);
    }

    /// How many laid-out texts are kept.
    pub fn len(&self) -> usize {
        self.galleys.len()
    }

    /// Whether no laid-out text is kept.
    pub fn is_empty(&self) -> bool {
        self.galleys.is_empty()
    }

    /// Starts a layout for `pixels_per_point`; text laid out for another is dropped.
    fn begin(&mut self, pixels_per_point: f32) {
        if self.pixels_per_point.to_bits() != pixels_per_point.to_bits() {
            self.clear();
            self.pixels_per_point = pixels_per_point;
        }
        self.generation += 1;
    }

    /// Ends a layout. Cells of stages it did not show are dropped; so is
    /// text it did not use once the cache holds twice what the fullest
    /// layout used, so that it stays the size of about one layout of the
    /// map.
    fn end(&mut self) {
        let generation = self.generation;
        self.cells.end(generation);
        let used = self
            .galleys
            .values()
            .filter(|entry| entry.used == generation)
            .count();
        self.peak = self.peak.max(used);
        if self.galleys.len() > 2 * self.peak {
            self.galleys.retain(|_, entry| entry.used == generation);
        }
    }
}

/// Lays out the text of one layout, through a [`TextCache`] if it has one.
pub(in crate::render) struct Texts<'a, 'f> {
    fonts: &'a mut FontsView<'f>,
    cache: Option<&'a mut TextCache>,
    /// How much larger than the layout's scale text is set (a slide's
    /// text is larger against its padding than the editor's).
    factor: f32,
}

impl<'a, 'f> Texts<'a, 'f> {
    /// Text laid out afresh (egui still reuses what it laid out last frame).
    pub fn new(fonts: &'a mut FontsView<'f>) -> Self {
        Self {
            fonts,
            cache: None,
            factor: 1.0,
        }
    }

    /// Sets text `factor` times larger than the sizes asked for.
    pub fn set_factor(&mut self, factor: f32) {
        self.factor = factor;
    }

    /// How much larger than the sizes asked for text is set.
    pub fn factor(&self) -> f32 {
        self.factor
    }

    /// Text kept in `cache` from the last layout where it is the same;
    /// `fonts` lay text out for `pixels_per_point`.
    pub fn cached(
        fonts: &'a mut FontsView<'f>,
        cache: &'a mut TextCache,
        pixels_per_point: f32,
    ) -> Self {
        cache.begin(pixels_per_point);
        Self {
            fonts,
            cache: Some(cache),
            factor: 1.0,
        }
    }

    /// The cache's stage cells and the layout's number, taken out while
    /// the cells are laid out (text goes on being looked up meanwhile);
    /// `None` without a cache.
    pub(super) fn take_cells(&mut self) -> Option<(CellCache, u64)> {
        let cache = self.cache.as_deref_mut()?;
        Some((std::mem::take(&mut cache.cells), cache.generation))
    }

    /// Puts back the stage cells taken by [`Self::take_cells`].
    pub(super) fn put_cells(&mut self, cells: CellCache) {
        if let Some(cache) = self.cache.as_deref_mut() {
            cache.cells = cells;
        }
    }

    /// Ends the layout (see [`TextCache::end`]).
    pub fn finish(self) {
        if let Some(cache) = self.cache {
            cache.end();
        }
    }

    /// Text in the placeholder colour, so the painter picks the theme's.
    pub fn text(&mut self, text: &str, size: f32, wrap: f32) -> Arc<Galley> {
        self.get(text, size, wrap, Style::Regular)
    }

    /// Italic text in the placeholder colour.
    pub fn italic(&mut self, text: &str, size: f32, wrap: f32) -> Arc<Galley> {
        self.get(text, size, wrap, Style::Italic)
    }

    /// A header in the bold family, in the placeholder colour.
    pub fn bold(&mut self, text: &str, size: f32, wrap: f32) -> Arc<Galley> {
        self.get(text, size, wrap, Style::Bold)
    }

    fn get(&mut self, text: &str, size: f32, wrap: f32, style: Style) -> Arc<Galley> {
        // What one text may cost is bounded: a very long one is cut.
        let text = &*crate::model::limits::drawn(text);
        let size = size * self.factor;
        let lay_out = |fonts: &mut FontsView<'_>| match style {
            Style::Regular => super::text(fonts, text, size, wrap),
            Style::Italic => super::italic(fonts, text, size, wrap),
            Style::Bold => super::bold(fonts, text, size, wrap),
        };
        let Some(cache) = self.cache.as_deref_mut() else {
            return lay_out(self.fonts);
        };
        let key = key(text, size, wrap, style);
        let generation = cache.generation;
        if let Some(entry) = cache.galleys.get_mut(&key)
            && entry.galley.job.text == text
            && entry.size.to_bits() == size.to_bits()
            && entry.wrap.to_bits() == wrap.to_bits()
            && entry.style == style
        {
            entry.used = generation;
            return Arc::clone(&entry.galley);
        }
        let galley = lay_out(self.fonts);
        let entry = Entry {
            galley: Arc::clone(&galley),
            size,
            wrap,
            style,
            used: generation,
        };
        cache.galleys.insert(key, entry);
        galley
    }
}

/// A fast hash of what a text is laid out from (`FxHash`'s mixing: the map
/// hashes thousands of card texts per layout, and entries are checked on
/// use, so a collision only costs a layout).
fn key(text: &str, size: f32, wrap: f32, style: Style) -> u64 {
    let mut hasher = FxHasher(0);
    text.hash(&mut hasher);
    hasher.write_u32(size.to_bits());
    hasher.write_u32(wrap.to_bits());
    style.hash(&mut hasher);
    hasher.finish()
}

struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }
}
