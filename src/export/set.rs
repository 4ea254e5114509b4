//! A set of images drawn in one egui frame: the slides are planned with the
//! fonts they are then drawn with, so that each text is laid out once (the
//! planning's last layouts are the pages' own), and the font atlas is made
//! once for the whole set rather than once an image.

use egui::epaint::{ClippedShape, FontsView};
use egui::{Pos2, Rect, Shape, Vec2};
use image::RgbaImage;

use super::compose::pages_with;
use super::{Drawing, ExportError, ExportOptions, InsightsSlide, insights_slides, raster};
use crate::model::JourneyMap;
use crate::render::{self, Theme};

/// An egui context with journeymap's fonts and the theme's visuals, and
/// the input of a frame to draw images in: at one pixel per point (each
/// layout is at its image's scale, so text is rasterised at its final
/// size), on a screen as large as any image.
pub(super) fn drawing_context(options: &ExportOptions) -> (egui::Context, egui::RawInput) {
    let ctx = egui::Context::default();
    render::fonts::install(&ctx);
    // Glyph weighting differs between egui's light and dark visuals: use
    // the ones the editor shows this theme with.
    ctx.set_visuals(Theme::for_dark(options.dark).visuals());
    let side = f32::from(u16::MAX);
    let input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::splat(side))),
        max_texture_side: Some(8192),
        ..egui::RawInput::default()
    };
    (ctx, input)
}

/// What becomes one image: its size in pixels and its shapes.
pub(super) struct Sheet {
    size: [u32; 2],
    shapes: Vec<Shape>,
}

impl From<Drawing> for Sheet {
    fn from(drawing: Drawing) -> Self {
        Self {
            size: drawing.size,
            shapes: drawing.shapes,
        }
    }
}

impl From<InsightsSlide> for Sheet {
    fn from(slide: InsightsSlide) -> Self {
        Self {
            size: slide.size,
            shapes: slide.shapes,
        }
    }
}

/// Renders the images of `map`'s export (the map's slides, then any
/// insights slides), or only the first of them.
pub fn rasterize_set(
    map: &JourneyMap,
    options: &ExportOptions,
    first_only: bool,
) -> Result<Vec<RgbaImage>, ExportError> {
    let map = &*super::seen(map, options.state);
    rasterize_in_one_frame(options, |fonts| {
        let pages = pages_with(fonts, map, options);
        let count = if first_only { 1 } else { pages.len() };
        let mut sheets: Vec<Result<Sheet, ExportError>> = pages
            .iter()
            .take(count)
            .map(|page| page.draw(fonts, options).map(Sheet::from))
            .collect();
        if !first_only {
            let insights = insights_slides(fonts, map, options);
            sheets.extend(insights.into_iter().map(|slide| Ok(slide.into())));
        }
        sheets
    })
}

/// Renders the drawings `draw` makes with the fonts of one egui frame, an
/// image each.
pub(super) fn rasterize_in_one_frame(
    options: &ExportOptions,
    draw: impl FnOnce(&mut FontsView<'_>) -> Vec<Result<Sheet, ExportError>>,
) -> Result<Vec<RgbaImage>, ExportError> {
    let (ctx, input) = drawing_context(options);
    let mut draw = Some(draw);
    let mut drawings = Vec::new();
    let mut output = ctx.run_ui(input, |ui| {
        if let Some(draw) = draw.take() {
            drawings = ui.ctx().fonts_mut(draw);
        }
    });
    // The font atlas arrives as a texture update, which epaint insists is
    // handled even when a page turns out too large to draw.
    let mut delta = std::mem::take(&mut output.textures_delta);
    let mut textures = raster::Textures::new();
    let applied = textures.apply(&mut delta);
    delta.clear();
    applied?;
    if drawings.is_empty() {
        return Err(ExportError::NothingDrawn);
    }
    drawings
        .into_iter()
        .map(|drawing| {
            let drawing: Sheet = drawing?;
            let shapes = drawing
                .shapes
                .into_iter()
                .map(|shape| ClippedShape {
                    clip_rect: Rect::EVERYTHING,
                    shape,
                    transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
                })
                .collect();
            let primitives = ctx.tessellate(shapes, 1.0);
            Ok(raster::rasterize(
                &primitives,
                &textures,
                drawing.size,
                1.0,
                super::background(options),
            )?)
        })
        .collect()
}
