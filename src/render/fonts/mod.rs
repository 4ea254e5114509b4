//! The fonts journeymap draws with, on screen and in every export: egui's
//! own (Ubuntu Light, its emoji and icon fonts), and after them two
//! OFL-licensed fallbacks bundled in `assets/fonts` (Noto Sans Symbols 2
//! and Noto Sans Math, subset to their symbol blocks), so that the arrows,
//! check marks and symbols a workshop types (→ ⇒ ✓ ✗ ★ …) draw as
//! themselves rather than as boxes. Headers (the title, stage and lane
//! names, the persona's name) are set in the [`BOLD`] family: Noto Sans
//! Bold, subset to Latin, then the same fonts as the rest.

mod chain;
mod system;

use std::sync::Arc;

use egui::FontFamily;
use egui::epaint::text::{FontData, FontDefinitions};

pub use chain::{Face, FontChain};

/// The fallbacks, by the name egui knows them by, in order.
const FALLBACKS: [(&str, &[u8]); 2] = [
    (
        "NotoSansSymbols2",
        include_bytes!("../../../assets/fonts/NotoSansSymbols2-subset.ttf"),
    ),
    (
        "NotoSansMath",
        include_bytes!("../../../assets/fonts/NotoSansMath-subset.ttf"),
    ),
];

/// The name of the family headers are set in.
pub const BOLD: &str = "bold";

/// The bold face of [`BOLD`], by the name egui knows it by.
const BOLD_FACE: (&str, &[u8]) = (
    "NotoSans-Bold",
    include_bytes!("../../../assets/fonts/NotoSans-Bold-subset.ttf"),
);

/// The family headers are set in.
pub fn bold() -> FontFamily {
    FontFamily::Name(BOLD.into())
}

/// egui's fonts with journeymap's fallbacks after them, for both families,
/// and the [`BOLD`] family: the bold face, then the proportional fonts
/// for what it lacks.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let bundled = FALLBACKS
        .into_iter()
        .map(|(name, bytes)| (name, Arc::new(FontData::from_static(bytes))));
    // After the bundled ones, the machine's CJK font: Chinese, Japanese and
    // Korean text draws with it rather than as boxes.
    let system = system::cjk().map(|cjk| (system::CJK, cjk));
    for (name, data) in bundled.chain(system) {
        fonts.font_data.insert(name.to_owned(), data);
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    let (name, bytes) = BOLD_FACE;
    fonts
        .font_data
        .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    let regular = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let bold = std::iter::once(name.to_owned()).chain(regular).collect();
    fonts.families.insert(self::bold(), bold);
    fonts
}

/// Makes `ctx` draw with [`definitions`] from its next pass on (or its
/// first, before it has run one).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// An egui context with no window, for laying out and painting maps
/// (exports, tests): journeymap's fonts, the visuals of the light or `dark`
/// theme (glyph weighting differs between them), text placed on a grid of
/// `pixels_per_point` steps a point, and its first pass run, so that its
/// fonts can be used at once.
pub fn headless_context(dark: bool, pixels_per_point: f32) -> egui::Context {
    let ctx = egui::Context::default();
    install(&ctx);
    ctx.set_visuals(super::Theme::for_dark(dark).visuals());
    ctx.set_pixels_per_point(pixels_per_point);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    // The font atlas, which nothing here draws with a GPU.
    output.textures_delta.clear();
    ctx
}

/// [`headless_context`] for text that is written out as outlines (PDF,
/// SVG): its glyphs are rasterised only because egui lays text out that
/// way, and never shown, so they are neither hinted nor rasterised at
/// each quarter pixel (most of a vector page's time went into hinting
/// glyphs at eight times their size). Neither changes where text wraps.
pub fn outline_context(dark: bool, pixels_per_point: f32) -> egui::Context {
    let ctx = headless_context(dark, pixels_per_point);
    let mut visuals = super::Theme::for_dark(dark).visuals();
    visuals.text_options.font_hinting = false;
    visuals.text_options.subpixel_binning = false;
    ctx.set_visuals(visuals);
    // The fonts take the options at the start of a pass.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

thread_local! {
    static FONTS: std::cell::RefCell<FontChain> = std::cell::RefCell::new(FontChain::proportional());
}

/// The characters of `text` that no font draws, each once, in order: what
/// the editor marks under a field, as they would show as boxes.
pub fn undrawn(text: &str) -> Vec<char> {
    FONTS.with_borrow_mut(|fonts| {
        let mut found: Vec<char> = Vec::new();
        for chr in text.chars() {
            if !fonts.covers(chr) && !found.contains(&chr) {
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
    fn undrawn_names_each_missing_character_once() {
        // 日 draws with the machine's CJK font when it has one.
        let mut expected = vec!['\u{E000}'];
        if system::cjk().is_none() {
            expected.push('日');
        }
        assert_eq!(undrawn("a \u{E000} → \u{E000} 日"), expected);
        assert!(undrawn("Pays ½ price → ✓").is_empty());
    }
}
