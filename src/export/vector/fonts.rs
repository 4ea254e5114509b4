//! What an SVG needs of journeymap's fonts beyond the glyph each
//! character is drawn with (`render::fonts`): a CSS family to name, and
//! the outlines of the symbols few machines have fonts for.

use std::fmt::Write as _;

use skrifa::GlyphId;
use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};

use crate::render::fonts::Face;

/// A font as an SVG writes with it.
pub trait SvgFace {
    /// The family an SVG names for this font, with fallbacks for a
    /// designer's machine that lacks it.
    fn css_family(&self) -> String;

    /// Whether this is a font of the text itself (regular or the headers'
    /// bold), rather than one of the fonts of symbols and emoji, which few
    /// machines have.
    fn is_text_font(&self) -> bool;

    /// The CSS weight of this font: 300 for Ubuntu Light, 700 for bold.
    fn css_weight(&self) -> u16;

    /// SVG path data of `glyph` at `size` pixels, its baseline's start at
    /// (0, 0); `None` if the font cannot draw it.
    fn outline(&self, glyph: u32, size: f32) -> Option<String>;
}

impl SvgFace for Face {
    fn css_family(&self) -> String {
        match self.name.as_str() {
            "Ubuntu-Light" => "'Ubuntu Light', Ubuntu, 'DejaVu Sans', sans-serif".to_owned(),
            "NotoSans-Bold" => "'Noto Sans', 'DejaVu Sans', sans-serif".to_owned(),
            name => format!("'{}', sans-serif", name.replace('-', " ")),
        }
    }

    fn is_text_font(&self) -> bool {
        matches!(self.name.as_str(), "Ubuntu-Light" | "NotoSans-Bold")
    }

    fn css_weight(&self) -> u16 {
        if self.name.ends_with("-Bold") {
            700
        } else {
            300
        }
    }

    fn outline(&self, glyph: u32, size: f32) -> Option<String> {
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
