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
    let mut images = Vec::new();
    rasterize_set_into(map, options, first_only, |image, _| {
        images.push(image);
        Ok(None)
    })?;
    Ok(images)
}

/// What takes each image of a set as it is drawn, with the number of
/// images in the set, and may give back an image it is done with, whose
/// memory the next is drawn into.
pub(super) trait Sink:
    FnMut(RgbaImage, usize) -> Result<Option<RgbaImage>, ExportError>
{
}

impl<F: FnMut(RgbaImage, usize) -> Result<Option<RgbaImage>, ExportError>> Sink for F {}

/// Renders the images of `map`'s export one at a time, handing each to
/// `sink` as soon as it is drawn, so that it can be encoded and written
/// while the next is drawn and no more than a few are held at once (a
/// large map has dozens of slides of 8 MB each at 1080p). Stops at the
/// first error, the sink's included.
pub(super) fn rasterize_set_into(
    map: &JourneyMap,
    options: &ExportOptions,
    first_only: bool,
    sink: impl Sink,
) -> Result<(), ExportError> {
    let map = &*super::seen(map, options.state);
    let draw = |fonts: &mut FontsView<'_>| {
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
    };
    rasterize_in_one_frame(options, draw, sink)
}

/// Renders the drawings `draw` makes with the fonts of one egui frame, an
/// image each, handing them to `sink` in order with their count.
pub(super) fn rasterize_in_one_frame(
    options: &ExportOptions,
    draw: impl FnOnce(&mut FontsView<'_>) -> Vec<Result<Sheet, ExportError>>,
    mut sink: impl Sink,
) -> Result<(), ExportError> {
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
    let count = drawings.len();
    let mut spare = None;
    for drawing in drawings {
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
        let image = raster::rasterize_reusing(
            &primitives,
            &textures,
            drawing.size,
            1.0,
            super::background(options),
            spare.take(),
        )?;
        spare = sink(image, count)?;
    }
    Ok(())
}
