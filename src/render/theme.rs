//! Colours and sizes of a drawn map, for the screen and for export alike.

use egui::Color32;

use crate::model::{Colour, MAX_SCORE, MIN_SCORE, Severity};

/// Everything that decides how a map looks, apart from its content.
///
/// The emotion and severity scales follow Paul Tol's colour-blind-safe
/// palettes and neither relies on colour alone: emotion points carry faces,
/// severities carry a count of dots. Every mark and every text stands out
/// at least 3:1 (WCAG) from what it is drawn on, in both themes.
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
    /// The company's curve: what it believes the customer feels.
    pub company: Color32,
    /// The future state: the curve of what the customer should feel, and
    /// the outline of cards only the future has.
    pub future: Color32,
    /// A KPI that meets its target.
    pub met: Color32,
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
            // Paul Tol's bright purple: apart from the red-blue emotion scale.
            company: Color32::from_rgb(0xaa, 0x33, 0x77),
            future: Color32::from_rgb(0x0b, 0x7a, 0x6c),
            // Paul Tol's bright green, darkened to 3:1 on white.
            met: Color32::from_rgb(0x1e, 0x7a, 0x31),
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
            company: Color32::from_rgb(0xee, 0x99, 0xcc),
            future: Color32::from_rgb(0x5f, 0xd4, 0xc0),
            met: Color32::from_rgb(0x66, 0xcc, 0x88),
            selection: Color32::from_rgb(0x58, 0xa6, 0xff),
        }
    }

    /// The shading of a perception gap: the company's colour, faint, on the
    /// lane's own background (`striped` for the alternate rows), opaque.
    pub fn gap_fill(&self, striped: bool) -> Color32 {
        let under = if striped {
            self.row_stripe
        } else {
            self.background
        };
        under.lerp_to_gamma(self.company, 0.22)
    }

    /// The colour of an emotion score, from red (−3) through neutral grey
    /// (0) to blue (+3).
    ///
    /// Every face stands out at least 3:1 from the lane it is drawn on.
    /// On white, that is the deep half of Paul Tol's colour-blind-safe
    /// `BuRd` scale with a mid grey for neutral (its pale middle would
    /// vanish); on near-black, lighter tints of the same hues, because the
    /// deep red and blue would vanish there instead.
    pub fn emotion(&self, score: i8) -> Color32 {
        const LIGHT: [Color32; 7] = [
            Color32::from_rgb(0x67, 0x00, 0x1f),
            Color32::from_rgb(0xb2, 0x18, 0x2b),
            Color32::from_rgb(0xd6, 0x60, 0x4d),
            Color32::from_rgb(0x88, 0x88, 0x88),
            Color32::from_rgb(0x43, 0x93, 0xc3),
            Color32::from_rgb(0x21, 0x66, 0xac),
            Color32::from_rgb(0x05, 0x30, 0x61),
        ];
        const DARK: [Color32; 7] = [
            Color32::from_rgb(0xee, 0x3b, 0x47),
            Color32::from_rgb(0xe8, 0x77, 0x5f),
            Color32::from_rgb(0xf4, 0xa5, 0x82),
            Color32::from_rgb(0xdd, 0xdd, 0xdd),
            Color32::from_rgb(0x92, 0xc5, 0xde),
            Color32::from_rgb(0x63, 0xae, 0xe0),
            Color32::from_rgb(0x3b, 0x7d, 0xdb),
        ];
        let index = score.clamp(MIN_SCORE, MAX_SCORE) - MIN_SCORE;
        let scale = if self.dark { &DARK } else { &LIGHT };
        scale[usize::from(index.unsigned_abs())]
    }

    /// The colour of a pain point's severity, from amber (low) to red
    /// (critical), at least 3:1 against the card and the page.
    ///
    /// On white, worse is also darker (after Tol's `YlOrBr`); on near-black
    /// darker would be fainter, so worse is redder and critical is the
    /// brightest red. The count of dots tells them apart without colour.
    pub fn severity(&self, severity: Severity) -> Color32 {
        match (self.dark, severity) {
            (false, Severity::Low) => Color32::from_rgb(0xb8, 0x86, 0x0b),
            (false, Severity::Medium) => Color32::from_rgb(0xd9, 0x65, 0x0b),
            (false, Severity::High) => Color32::from_rgb(0xb5, 0x39, 0x0b),
            (false, Severity::Critical) => Color32::from_rgb(0x7f, 0x1d, 0x0b),
            (true, Severity::Low) => Color32::from_rgb(0xd4, 0xb1, 0x3f),
            (true, Severity::Medium) => Color32::from_rgb(0xf0, 0x94, 0x3a),
            (true, Severity::High) => Color32::from_rgb(0xf5, 0x6b, 0x2e),
            (true, Severity::Critical) => Color32::from_rgb(0xff, 0x45, 0x45),
        }
    }

    /// A stage's header colour, or the theme's default.
    pub fn stage(&self, colour: Option<Colour>) -> Color32 {
        colour.map_or(self.default_stage, |c| Color32::from_rgb(c.r, c.g, c.b))
    }

    /// The background of a stage's header: the page tinted with the stage's
    /// colour (or the theme's default), light enough to read text on.
    pub fn stage_tint(&self, colour: Option<Colour>) -> Color32 {
        let amount = if self.dark { 0.22 } else { 0.14 };
        self.background.lerp_to_gamma(self.stage(colour), amount)
    }

    /// Text that reads on top of `fill`: near-black or white, whichever
    /// contrasts more with it.
    pub fn text_on(fill: Color32) -> Color32 {
        const DARK_INK: Color32 = Color32::from_rgb(0x11, 0x11, 0x11);
        if contrast(DARK_INK, fill) > contrast(Color32::WHITE, fill) {
            DARK_INK
        } else {
            Color32::WHITE
        }
    }
}

/// The WCAG 2 contrast ratio of two opaque colours, from 1 (the same
/// luminance) to 21 (black on white). Marks and large text need 3, body
/// text 4.5.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2's relative luminance of an sRGB colour: 0 for black, 1 for white.
fn relative_luminance(colour: Color32) -> f32 {
    let linear = |channel: u8| {
        let c = f32::from(channel) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b, _] = colour.to_array();
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Colour;
    use crate::model::PALETTE;

    /// WCAG 2's minimum contrast for marks and large text (success criteria
    /// 1.4.11 and 1.4.3); the small text of a map needs it at the least.
    const MIN_CONTRAST: f32 = 3.0;

    fn themes() -> [(&'static str, Theme); 2] {
        [("light", Theme::light()), ("dark", Theme::dark())]
    }

    /// What falls short of [`MIN_CONTRAST`], one line each, to show them all at once.
    fn too_faint(pairs: impl IntoIterator<Item = (String, Color32, Color32)>) -> String {
        let lines: Vec<String> = pairs
            .into_iter()
            .filter_map(|(what, ink, ground)| {
                let ratio = contrast(ink, ground);
                (ratio < MIN_CONTRAST).then(|| format!("{what}: {ratio:.2}:1"))
            })
            .collect();
        lines.join("\n")
    }

    #[test]
    fn contrast_follows_the_wcag_formula() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        let grey = Color32::from_rgb(0x76, 0x76, 0x76);
        assert!((contrast(grey, Color32::WHITE) - 4.54).abs() < 0.01);
        assert!((contrast(grey, Color32::WHITE) - contrast(Color32::WHITE, grey)).abs() < 1e-6);
    }

    #[test]
    fn every_severity_stands_out_from_the_card_and_the_page_in_both_themes() {
        // The stripe and dots of a pain-point card, and the legend's dots on the page.
        let faint = too_faint(themes().into_iter().flat_map(|(name, theme)| {
            Severity::ALL.into_iter().flat_map(move |severity| {
                let ink = theme.severity(severity);
                [
                    (
                        format!("{name}: {} on a card", severity.label()),
                        ink,
                        theme.card_fill,
                    ),
                    (
                        format!("{name}: {} on the page", severity.label()),
                        ink,
                        theme.background,
                    ),
                ]
            })
        }));
        assert!(faint.is_empty(), "too faint:\n{faint}");
    }

    #[test]
    fn every_emotion_face_stands_out_from_its_lane_and_its_features_from_the_face() {
        // Faces sit on the emotion lane, which may be a striped row, and on
        // the legend's page; eyes and mouth are drawn on the face.
        let faint = too_faint(themes().into_iter().flat_map(|(name, theme)| {
            (MIN_SCORE..=MAX_SCORE).flat_map(move |score| {
                let face = theme.emotion(score);
                [
                    (
                        format!("{name}: face {score:+} on a row"),
                        face,
                        theme.background,
                    ),
                    (
                        format!("{name}: face {score:+} on a striped row"),
                        face,
                        theme.row_stripe,
                    ),
                    (
                        format!("{name}: eyes of face {score:+}"),
                        Theme::text_on(face),
                        face,
                    ),
                ]
            })
        }));
        assert!(faint.is_empty(), "too faint:\n{faint}");
    }

    #[test]
    fn text_is_readable_on_every_surface_it_is_drawn_on() {
        let faint = too_faint(themes().into_iter().flat_map(|(name, theme)| {
            // Every lane's cards share one fill: text, footer and channel icon.
            let mut pairs = vec![
                (format!("{name}: card text"), theme.text, theme.card_fill),
                (format!("{name}: card footer"), theme.muted, theme.card_fill),
                (
                    format!("{name}: moment-of-truth star"),
                    theme.moment_of_truth,
                    theme.card_fill,
                ),
                (
                    format!("{name}: emotion label"),
                    theme.muted,
                    theme.background,
                ),
                (
                    format!("{name}: emotion label on a stripe"),
                    theme.muted,
                    theme.row_stripe,
                ),
                (format!("{name}: lane name"), theme.text, theme.panel_fill),
                (
                    format!("{name}: persona details"),
                    theme.muted,
                    theme.panel_fill,
                ),
                (
                    format!("{name}: emotion curve"),
                    theme.curve,
                    theme.row_stripe,
                ),
            ];
            // Stage names and details on the tint of each stage colour.
            for colour in PALETTE.into_iter().map(Some).chain([None]) {
                let tint = theme.stage_tint(colour);
                let hex = colour.map_or("no colour".to_owned(), Colour::to_hex);
                pairs.push((format!("{name}: stage name on {hex}"), theme.text, tint));
                pairs.push((format!("{name}: stage details on {hex}"), theme.muted, tint));
            }
            pairs
        }));
        assert!(faint.is_empty(), "too faint:\n{faint}");
    }

    #[test]
    fn severities_grow_more_alarming_from_low_to_critical() {
        for (name, theme) in themes() {
            let hues: Vec<f32> = Severity::ALL
                .into_iter()
                .map(|s| hue(theme.severity(s)))
                .collect();
            assert!(
                hues.windows(2).all(|pair| pair[1] < pair[0]),
                "{name}: hues {hues:?} should turn from yellow towards red"
            );
        }
        // On white, worse is darker.
        let light = Theme::light();
        let ratios: Vec<f32> = Severity::ALL
            .into_iter()
            .map(|s| contrast(light.severity(s), light.card_fill))
            .collect();
        assert!(
            ratios.windows(2).all(|pair| pair[1] > pair[0]),
            "light: each severity darker than the last, {ratios:?}"
        );
        // On near-black, darker would be fainter: worse is clearly redder,
        // and critical is red.
        let dark = Theme::dark();
        let hues: Vec<f32> = Severity::ALL
            .into_iter()
            .map(|s| hue(dark.severity(s)))
            .collect();
        assert!(
            hues.windows(2).all(|pair| pair[1] < pair[0] - 8.0) && hues[3] < 10.0,
            "dark: hues {hues:?}"
        );
    }

    /// The hue of a colour in degrees, 0 for red, 60 for yellow.
    fn hue(colour: Color32) -> f32 {
        let [r, g, b, _] = colour.to_array();
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let delta = f32::from(max - min);
        let [rf, gf, bf] = [r, g, b].map(f32::from);
        if max == min {
            0.0
        } else if max == r {
            60.0 * ((gf - bf) / delta).rem_euclid(6.0)
        } else if max == g {
            60.0 * ((bf - rf) / delta + 2.0)
        } else {
            60.0 * ((rf - gf) / delta + 4.0)
        }
    }

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
