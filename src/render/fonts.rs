//! The fonts journeymap draws with, on screen and in every export: egui's
//! own (Ubuntu Light, its emoji and icon fonts), and after them two
//! OFL-licensed fallbacks bundled in `assets/fonts` (Noto Sans Symbols 2
//! and Noto Sans Math, subset to their symbol blocks), so that the arrows,
//! check marks and symbols a workshop types (→ ⇒ ✓ ✗ ★ …) draw as
//! themselves rather than as boxes.

use std::collections::HashMap;
use std::sync::Arc;

use egui::FontFamily;
use egui::epaint::text::{FontData, FontDefinitions};
use skrifa::MetadataProvider as _;

/// The fallbacks, by the name egui knows them by, in order.
const FALLBACKS: [(&str, &[u8]); 2] = [
    (
        "NotoSansSymbols2",
        include_bytes!("../../assets/fonts/NotoSansSymbols2-subset.ttf"),
    ),
    (
        "NotoSansMath",
        include_bytes!("../../assets/fonts/NotoSansMath-subset.ttf"),
    ),
];

/// egui's fonts with journeymap's fallbacks after them, for both families.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    for (name, bytes) in FALLBACKS {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    fonts
}

/// Makes `ctx` draw with [`definitions`] from its next pass on (or its
/// first, before it has run one).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// An egui context with no window, for laying out and painting maps
/// (exports, tests): journeymap's fonts, the visuals of the light or `dark`
/// theme (glyph weighting differs between them), and its first pass run,
/// so that its fonts can be used at once.
pub fn headless_context(dark: bool) -> egui::Context {
    let ctx = egui::Context::default();
    install(&ctx);
    ctx.set_visuals(super::Theme::for_dark(dark).visuals());
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    // The font atlas, which nothing here draws with a GPU.
    output.textures_delta.clear();
    ctx
}

/// Which characters journeymap's fonts can draw.
pub struct Coverage {
    fonts: Vec<Arc<FontData>>,
    known: HashMap<char, bool>,
}

impl Default for Coverage {
    fn default() -> Self {
        Self::new()
    }
}

impl Coverage {
    /// The coverage of [`definitions`].
    pub fn new() -> Self {
        Self {
            fonts: definitions().font_data.into_values().collect(),
            known: HashMap::new(),
        }
    }

    /// Whether some font draws `chr` (spacing and control characters
    /// draw nothing, and count as drawn).
    pub fn covers(&mut self, chr: char) -> bool {
        if chr.is_whitespace() || chr.is_control() {
            return true;
        }
        let fonts = &self.fonts;
        *self.known.entry(chr).or_insert_with(|| {
            fonts.iter().any(|font| {
                skrifa::FontRef::from_index((*font.font).as_ref(), font.index)
                    .ok()
                    .and_then(|face| face.charmap().map(chr))
                    .is_some_and(|glyph| glyph.to_u32() != 0)
            })
        })
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

thread_local! {
    static COVERAGE: std::cell::RefCell<Coverage> = std::cell::RefCell::new(Coverage::new());
}

/// The characters of `text` that no font draws, each once, in order: what
/// the editor marks under a field, as they would show as boxes.
pub fn undrawn(text: &str) -> Vec<char> {
    COVERAGE.with_borrow_mut(|coverage| {
        let mut found: Vec<char> = Vec::new();
        for chr in text.chars() {
            if !coverage.covers(chr) && !found.contains(&chr) {
                found.push(chr);
            }
        }
        found
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_a_workshop_types_are_covered_and_private_use_is_not() {
        let mut coverage = Coverage::new();
        for c in "→←↑↓⇒✓✗★•…±½™©éß€".chars() {
            assert!(coverage.covers(c), "{c}");
        }
        assert!(!coverage.covers('\u{E000}'));
    }

    #[test]
    fn undrawn_names_each_missing_character_once() {
        assert_eq!(undrawn("a \u{E000} → \u{E000} 日"), ['\u{E000}', '日']);
        assert!(undrawn("Pays ½ price → ✓").is_empty());
    }

    #[test]
    fn only_characters_in_strings_are_looked_at() {
        let mut coverage = Coverage::new();
        let text =
            "// \u{E001} in a comment\n(title: \"A \\\"\u{E000}\\\" b\", /* \u{E002} */ x: \"ok\")";
        let found = coverage.undrawn_in_file(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, '\u{E000}');
        assert_eq!(&text[found[0].0..found[0].0 + 3], "\u{E000}");
    }
}
