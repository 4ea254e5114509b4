//! The fonts a vector export writes text in: journeymap's (egui's own and
//! the bundled fallbacks), in the order egui falls back through them, so
//! that each character is drawn with the font the screen and the PNG draw
//! it with.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use egui::FontFamily;
use egui::epaint::text::FontData;
use skrifa::GlyphId;
use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::TableProvider as _;

/// One font of the chain.
#[derive(Clone, Debug)]
pub struct Face {
    /// egui's name for it, e.g. `Ubuntu-Light`.
    pub name: String,
    /// The font file and egui's tweaks of it.
    pub data: Arc<FontData>,
}

impl Face {
    /// The font file's bytes.
    pub fn bytes(&self) -> &[u8] {
        (*self.data.font).as_ref()
    }

    /// The family an SVG names for this font, with fallbacks for a
    /// designer's machine that lacks it.
    pub fn css_family(&self) -> String {
        let own = self.name.replace('-', " ");
        if own == "Ubuntu Light" {
            "'Ubuntu Light', Ubuntu, 'DejaVu Sans', sans-serif".to_owned()
        } else {
            format!("'{own}', sans-serif")
        }
    }

    /// Whether this is the font of the text itself, rather than one of
    /// egui's fonts of symbols and emoji, which few machines have.
    pub fn is_text_font(&self) -> bool {
        self.name == "Ubuntu-Light"
    }

    /// SVG path data of `glyph` at `size` pixels, its baseline's start at
    /// (0, 0); `None` if the font cannot draw it.
    pub fn outline(&self, glyph: u32, size: f32) -> Option<String> {
        let font = skrifa::FontRef::from_index(self.bytes(), self.data.index).ok()?;
        let outline = font.outline_glyphs().get(GlyphId::new(glyph))?;
        let mut pen = SvgPen(String::new());
        outline
            .draw(
                DrawSettings::unhinted(Size::new(size), LocationRef::default()),
                &mut pen,
            )
            .ok()?;
        Some(pen.0)
    }

    /// How much larger or smaller egui draws this font's glyphs than the
    /// text's size.
    pub fn scale(&self) -> f32 {
        self.data.tweak.scale
    }

    /// How far down egui moves this font's glyphs at `size`.
    pub fn y_offset(&self, size: f32) -> f32 {
        self.data.tweak.y_offset_factor * size + self.data.tweak.y_offset
    }
}

/// egui's proportional fonts, and which of them draws each character.
#[derive(Debug)]
pub struct FontChain {
    faces: Vec<Face>,
    found: HashMap<char, (usize, u32, f32)>,
}

impl FontChain {
    /// The fonts egui lays out proportional text with.
    pub fn proportional() -> Self {
        let mut definitions = crate::render::fonts::definitions();
        let names = definitions
            .families
            .remove(&FontFamily::Proportional)
            .unwrap_or_default();
        let faces = names
            .into_iter()
            .filter_map(|name| {
                let data = definitions.font_data.get(&name)?.clone();
                Some(Face { name, data })
            })
            .collect();
        Self {
            faces,
            found: HashMap::new(),
        }
    }

    /// The fonts, in fallback order.
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    /// The font that draws `chr` (its index in [`Self::faces`]), the
    /// glyph it draws it with, and the glyph's width in em: the first font
    /// that has it, as in egui. A character no font has gets the first
    /// font's missing-glyph box.
    pub fn glyph(&mut self, chr: char) -> (usize, u32, f32) {
        if let Some(&found) = self.found.get(&chr) {
            return found;
        }
        let found = self
            .faces
            .iter()
            .enumerate()
            .find_map(|(index, face)| {
                let font = skrifa::FontRef::from_index(face.bytes(), face.data.index).ok()?;
                let glyph = font.charmap().map(chr)?;
                let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
                let em = f32::from(font.head().ok()?.units_per_em()).max(1.0);
                let width = metrics.advance_width(glyph).unwrap_or(0.0) / em;
                (glyph.to_u32() != 0).then_some((index, glyph.to_u32(), width))
            })
            .unwrap_or((0, 0, 0.0));
        self.found.insert(chr, found);
        found
    }
}

/// Writes a glyph's outline as SVG path data, y pointing down.
struct SvgPen(String);

impl OutlinePen for SvgPen {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x:.2} {:.2}", -y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x:.2} {:.2}", -y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{cx0:.2} {:.2} {x:.2} {:.2}", -cy0, -y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let _ = write!(
            self.0,
            "C{cx0:.2} {:.2} {cx1:.2} {:.2} {x:.2} {:.2}",
            -cy0, -cy1, -y
        );
    }

    fn close(&mut self) {
        self.0.push('Z');
    }
}
