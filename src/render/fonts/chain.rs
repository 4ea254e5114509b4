//! Which of journeymap's fonts draws each character: the proportional
//! family's fonts, in the order egui falls back through them. The vector
//! exports write each glyph with the font the screen draws it with, and
//! `check` and the inspector name the characters none of them has.

use std::collections::HashMap;
use std::sync::Arc;

use egui::FontFamily;
use egui::epaint::text::FontData;
use skrifa::MetadataProvider as _;
use skrifa::instance::{LocationRef, Size};
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
    /// The headers' bold face, after the chain's own faces (an index into
    /// `faces`), if the fonts have one.
    bold: Option<usize>,
    found_bold: HashMap<char, Option<(usize, u32, f32)>>,
}

impl FontChain {
    /// The fonts egui lays out proportional text with, and after them the
    /// bold face headers are set in ([`super::BOLD`]).
    pub fn proportional() -> Self {
        let mut definitions = super::definitions();
        let names = definitions
            .families
            .remove(&FontFamily::Proportional)
            .unwrap_or_default();
        let face = |name: String| {
            let data = definitions.font_data.get(&name)?.clone();
            Some(Face { name, data })
        };
        let mut faces: Vec<Face> = names.into_iter().filter_map(face).collect();
        let bold = definitions
            .families
            .get(&super::bold())
            .and_then(|family| family.first())
            .and_then(|name| face(name.clone()))
            .map(|bold| {
                faces.push(bold);
                faces.len() - 1
            });
        Self {
            faces,
            found: HashMap::new(),
            bold,
            found_bold: HashMap::new(),
        }
    }

    /// As [`Self::glyph`], for text set in the bold family: its bold face
    /// when it has the character, else the chain's.
    pub fn glyph_in(&mut self, chr: char, bold: bool) -> (usize, u32, f32) {
        let Some(index) = self.bold.filter(|_| bold) else {
            return self.glyph(chr);
        };
        let found = *self.found_bold.entry(chr).or_insert_with(|| {
            let face = self.faces.get(index)?;
            let (glyph, width) = glyph_of(face, chr)?;
            Some((index, glyph, width))
        });
        found.unwrap_or_else(|| self.glyph(chr))
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
        let regular = self.bold.unwrap_or(self.faces.len());
        let found = self.faces[..regular]
            .iter()
            .enumerate()
            .find_map(|(index, face)| {
                let (glyph, width) = glyph_of(face, chr)?;
                Some((index, glyph, width))
            })
            .unwrap_or((0, 0, 0.0));
        self.found.insert(chr, found);
        found
    }

    /// Whether some font draws `chr` (spacing and control characters
    /// draw nothing, and count as drawn).
    pub fn covers(&mut self, chr: char) -> bool {
        chr.is_whitespace() || chr.is_control() || self.glyph(chr).1 != 0
    }

    /// Each character inside the strings of a map file's `text` that no
    /// font draws (it would show as a box), with its byte offset. Comments
    /// and the file's syntax are not text anyone sees.
    pub fn undrawn_in_file(&mut self, text: &str) -> Vec<(usize, char)> {
        let mut found = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            match c {
                '"' => {
                    while let Some((at, c)) = chars.next() {
                        match c {
                            '\\' => {
                                chars.next();
                            }
                            '"' => break,
                            c if !self.covers(c) => found.push((at, c)),
                            _ => {}
                        }
                    }
                }
                '/' if chars.peek().is_some_and(|&(_, next)| next == '/') => {
                    for (_, c) in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '/' if chars.peek().is_some_and(|&(_, next)| next == '*') => {
                    chars.next();
                    let mut last = ' ';
                    for (_, c) in chars.by_ref() {
                        if last == '*' && c == '/' {
                            break;
                        }
                        last = c;
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// The glyph `face` draws `chr` with, and its width in em, if it has one.
fn glyph_of(face: &Face, chr: char) -> Option<(u32, f32)> {
    let font = skrifa::FontRef::from_index(face.bytes(), face.data.index).ok()?;
    let glyph = font.charmap().map(chr)?;
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let em = f32::from(font.head().ok()?.units_per_em()).max(1.0);
    let width = metrics.advance_width(glyph).unwrap_or(0.0) / em;
    (glyph.to_u32() != 0).then_some((glyph.to_u32(), width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_a_workshop_types_are_covered_and_private_use_is_not() {
        let mut fonts = FontChain::proportional();
        for c in "→←↑↓⇒✓✗★•…±½™©éß€".chars() {
            assert!(fonts.covers(c), "{c}");
        }
        assert!(!fonts.covers('\u{E000}'));
    }

    #[test]
    fn bold_text_takes_the_bold_face_and_falls_back_for_what_it_lacks() {
        let mut fonts = FontChain::proportional();
        let (bold, _, _) = fonts.glyph_in('A', true);
        let (regular, _, _) = fonts.glyph_in('A', false);
        assert_ne!(bold, regular);
        assert_eq!(fonts.faces()[bold].name, "NotoSans-Bold");
        // No bold arrow: the chain's symbol font draws it.
        let (face, glyph, _) = fonts.glyph_in('⇒', true);
        assert_ne!(glyph, 0);
        assert_eq!(face, fonts.glyph('⇒').0);
    }

    #[test]
    fn only_characters_in_strings_are_looked_at() {
        let mut fonts = FontChain::proportional();
        let text =
            "// \u{E001} in a comment\n(title: \"A \\\"\u{E000}\\\" b\", /* \u{E002} */ x: \"ok\")";
        let found = fonts.undrawn_in_file(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, '\u{E000}');
        assert_eq!(&text[found[0].0..found[0].0 + 3], "\u{E000}");
    }
}
