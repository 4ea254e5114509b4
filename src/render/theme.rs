//! Colours and sizes of a drawn map, for the screen and for export alike.

use egui::Color32;

use crate::model::{Colour, MAX_SCORE, MIN_SCORE, Severity};

/// Everything that decides how a map looks, apart from its content.
///
/// The emotion and severity scales use Paul Tol's colour-blind-safe
/// palettes, and neither relies on colour alone: emotion points carry faces,
/// severities carry a count of dots.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Behind everything.
    pub background: Color32,
    /// Alternate lane rows.
    pub row_stripe: Color32,
    /// Grid lines between cells.
    pub grid: Color32,
    /// Main text.
    pub text: Color32,
    /// Secondary text: descriptions, owners, labels.
    pub muted: Color32,
    /// Card background.
    pub card_fill: Color32,
    /// Card outline.
    pub card_stroke: Color32,
    /// Behind the persona strip and the lane labels.
    pub panel_fill: Color32,
    /// A stage header without a colour of its own.
    pub default_stage: Color32,
    /// The moment-of-truth star and outline.
    pub moment_of_truth: Color32,
    /// The emotion curve.
    pub curve: Color32,
    /// Selection outline.
    pub selection: Color32,
}

impl Theme {
    /// The dark theme if `dark`, else the light one: the one place where a
    /// theme is chosen, for the editor and for export.
    pub fn for_dark(dark: bool) -> Self {
        if dark { Self::dark() } else { Self::light() }
    }

    /// The egui visuals that go with this theme: the window's widgets on
    /// screen, and the glyph weighting of text drawn for export, so that
    /// both look alike.
    pub fn visuals(&self) -> egui::Visuals {
        if self.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        }
    }

    /// Dark text on white: slides and daylight projectors.
    pub fn light() -> Self {
        Self {
            dark: false,
            background: Color32::from_rgb(0xfc, 0xfc, 0xfb),
            row_stripe: Color32::from_rgb(0xf3, 0xf4, 0xf6),
            grid: Color32::from_rgb(0xdd, 0xdf, 0xe3),
            text: Color32::from_rgb(0x1d, 0x21, 0x27),
            muted: Color32::from_rgb(0x5b, 0x62, 0x6d),
            card_fill: Color32::WHITE,
            card_stroke: Color32::from_rgb(0xc4, 0xc8, 0xce),
            panel_fill: Color32::from_rgb(0xee, 0xf0, 0xf3),
            default_stage: Color32::from_rgb(0x77, 0x77, 0x77),
            moment_of_truth: Color32::from_rgb(0xc2, 0x8a, 0x00),
            curve: Color32::from_rgb(0x33, 0x3a, 0x44),
            selection: Color32::from_rgb(0x1f, 0x6f, 0xeb),
        }
    }

    /// Light text on near-black: dim rooms and dark-mode desktops.
    pub fn dark() -> Self {
        Self {
            dark: true,
            background: Color32::from_rgb(0x1b, 0x1d, 0x21),
            row_stripe: Color32::from_rgb(0x22, 0x25, 0x2a),
            grid: Color32::from_rgb(0x36, 0x3a, 0x41),
            text: Color32::from_rgb(0xec, 0xee, 0xf1),
            muted: Color32::from_rgb(0xa3, 0xa9, 0xb3),
            card_fill: Color32::from_rgb(0x2b, 0x2f, 0x36),
            card_stroke: Color32::from_rgb(0x45, 0x4b, 0x55),
            panel_fill: Color32::from_rgb(0x25, 0x28, 0x2e),
            default_stage: Color32::from_rgb(0x88, 0x88, 0x88),
            moment_of_truth: Color32::from_rgb(0xf0, 0xc0, 0x40),
            curve: Color32::from_rgb(0xd5, 0xd9, 0xe0),
            selection: Color32::from_rgb(0x58, 0xa6, 0xff),
        }
    }

    /// The colour of an emotion score, from red-orange (−3) through pale
    /// neutral (0) to blue (+3): Paul Tol's colour-blind-safe `BuRd` scale.
    pub fn emotion(&self, score: i8) -> Color32 {
        const SCALE: [Color32; 7] = [
            Color32::from_rgb(0xb2, 0x18, 0x2b),
            Color32::from_rgb(0xd6, 0x60, 0x4d),
            Color32::from_rgb(0xf4, 0xa5, 0x82),
            Color32::from_rgb(0xdd, 0xdd, 0xdd),
            Color32::from_rgb(0x92, 0xc5, 0xde),
            Color32::from_rgb(0x43, 0x93, 0xc3),
            Color32::from_rgb(0x21, 0x66, 0xac),
        ];
        let index = score.clamp(MIN_SCORE, MAX_SCORE) - MIN_SCORE;
        SCALE[usize::from(index.unsigned_abs())]
    }

    /// The colour of a pain point's severity, pale to deep (Tol `YlOrBr`).
    pub fn severity(&self, severity: Severity) -> Color32 {
        match severity {
            Severity::Low => Color32::from_rgb(0xfe, 0xc4, 0x4f),
            Severity::Medium => Color32::from_rgb(0xfb, 0x9a, 0x29),
            Severity::High => Color32::from_rgb(0xcc, 0x4c, 0x02),
            Severity::Critical => Color32::from_rgb(0x8c, 0x2d, 0x04),
        }
    }

    /// A stage's header colour, or the theme's default.
    pub fn stage(&self, colour: Option<Colour>) -> Color32 {
        colour.map_or(self.default_stage, |c| Color32::from_rgb(c.r, c.g, c.b))
    }

    /// Text that reads on top of `fill`: black on light colours, white on dark.
    pub fn text_on(fill: Color32) -> Color32 {
        let [r, g, b, _] = fill.to_array();
        let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
        if luma > 150.0 {
            Color32::from_rgb(0x11, 0x11, 0x11)
        } else {
            Color32::WHITE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_emotion_scale_runs_from_red_through_neutral_to_blue() {
        let theme = Theme::light();
        let [r, _, b, _] = theme.emotion(-3).to_array();
        assert!(r > b, "−3 is warm");
        let [r, _, b, _] = theme.emotion(3).to_array();
        assert!(b > r, "+3 is cool");
        assert_eq!(
            theme.emotion(99),
            theme.emotion(3),
            "out-of-range scores are clamped"
        );
    }

    #[test]
    fn text_on_a_colour_is_readable() {
        assert_eq!(
            Theme::text_on(Color32::from_rgb(0x44, 0x77, 0xaa)),
            Color32::WHITE
        );
        assert_ne!(
            Theme::text_on(Color32::from_rgb(0xcc, 0xbb, 0x44)),
            Color32::WHITE
        );
    }
}
