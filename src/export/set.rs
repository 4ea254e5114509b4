//! A set of images drawn with one egui context: the slides are planned with
//! the fonts they are then drawn with, in the same frame, so that each text
//! is laid out once (the planning's last layouts are the pages' own), and
//! the font atlas is made once for the whole set rather than once an image.
//! A large map's slides are drawn over several frames, so that the text of
//! only some of them is held at a time.

use egui::epaint::{ClippedShape, FontsView};
use egui::{Pos2, Rect, Shape, Vec2};
use image::RgbaImage;

use super::compose::{Page, pages_with};
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
    let mut visuals = Theme::for_dark(options.dark).visuals();
    visuals.text_options.font_hinting = hinted(options.size);
    ctx.set_visuals(visuals);
    let side = f32::from(u16::MAX);
    let input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::splat(side))),
        max_texture_side: Some(8192),
        ..egui::RawInput::default()
    };
    (ctx, input)
}

/// Whether text is hinted in an image of `size`: not at twice a 1080p
/// slide's scale or more (a 4K slide, the whole map at 2× or 3×, where the
/// smallest text is 23 px or larger): hinting changes nothing a reader can
/// see there, and hinting every glyph at that size was a third of a 4K
/// export's time.
fn hinted(size: super::Size) -> bool {
    let unit = match size {
        super::Size::Slide { height, .. } => f64::from(height) / f64::from(super::SLIDE_1080P[1]),
        super::Size::Full { scale } => f64::from(scale),
    };
    unit < 2.0
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

/// The most cards whose drawings one frame holds: a large map's slides are
/// drawn a batch at a time, each batch rasterised before the next is laid
/// out, so that the text of every slide is never held at once. (Most of a
/// large export's memory was the planner's tries: see `slides::Trials`.)
/// A set of ordinary size is drawn in the frame that planned it, where its
/// text is already laid out.
const CARDS_A_FRAME: usize = 2_000;

/// Renders the images of `map`'s export one at a time, handing each to
/// `sink` as soon as it is drawn, so that it can be encoded and written
/// while the next is drawn and no more than a few are held at once (a
/// large map has dozens of slides of 8 MB each at 1080p). Stops at the
/// first error, the sink's included.
pub(super) fn rasterize_set_into(
    map: &JourneyMap,
    options: &ExportOptions,
    first_only: bool,
    mut sink: impl Sink,
) -> Result<(), ExportError> {
    let map = &*super::seen(map, options.state);
    let mut frames = Frames::new(options);
    // The first frame plans the set and draws the insights slides (small,
    // and how many there are decides the file names) and the first batch.
    let mut pages = Vec::new();
    let mut insights = Vec::new();
    let mut batch = frames.draw(|fonts| {
        pages = pages_with(fonts, map, options);
        if first_only {
            pages.truncate(1);
        } else {
            insights = insights_slides(fonts, map, options);
        }
        draw_batch(fonts, &pages[..batch_end(&pages, 0)], options)
    })?;
    let count = pages.len() + insights.len();
    let mut spare = None;
    let mut drawn = 0;
    loop {
        drawn += batch.len();
        for sheet in batch {
            let image = frames.rasterize(sheet?, spare.take())?;
            spare = sink(image, count)?;
        }
        if drawn >= pages.len() {
            break;
        }
        let next = &pages[drawn..batch_end(&pages, drawn)];
        batch = frames.draw(|fonts| draw_batch(fonts, next, options))?;
    }
    for slide in insights {
        let image = frames.rasterize(slide.into(), spare.take())?;
        spare = sink(image, count)?;
    }
    Ok(())
}

/// Where the batch of pages from `start` ends: as many as hold
/// [`CARDS_A_FRAME`] cards, and at least one.
fn batch_end(pages: &[Page<'_>], start: usize) -> usize {
    let mut cards = 0;
    let mut end = start;
    while let Some(page) = pages.get(end) {
        cards += page.part.card_count();
        if end > start && cards > CARDS_A_FRAME {
            break;
        }
        end += 1;
    }
    end
}

fn draw_batch(
    fonts: &mut FontsView<'_>,
    pages: &[Page<'_>],
    options: &ExportOptions,
) -> Vec<Result<Sheet, ExportError>> {
    pages
        .iter()
        .map(|page| page.draw(fonts, options).map(Sheet::from))
        .collect()
}

/// Renders the drawings `draw` makes with the fonts of one egui frame, an
/// image each, handing them to `sink` in order with their count.
pub(super) fn rasterize_in_one_frame(
    options: &ExportOptions,
    draw: impl FnOnce(&mut FontsView<'_>) -> Vec<Result<Sheet, ExportError>>,
    mut sink: impl Sink,
) -> Result<(), ExportError> {
    let mut frames = Frames::new(options);
    let sheets = frames.draw(draw)?;
    let count = sheets.len();
    let mut spare = None;
    for sheet in sheets {
        let image = frames.rasterize(sheet?, spare.take())?;
        spare = sink(image, count)?;
    }
    Ok(())
}

/// egui frames to draw in, one after another, and the font atlas they
/// have filled so far. A glyph laid out in one frame stays in the atlas
/// for the next.
struct Frames<'o> {
    ctx: egui::Context,
    input: egui::RawInput,
    textures: raster::Textures,
    options: &'o ExportOptions,
}

impl<'o> Frames<'o> {
    fn new(options: &'o ExportOptions) -> Self {
        let (ctx, input) = drawing_context(options);
        Self {
            ctx,
            input,
            textures: raster::Textures::new(),
            options,
        }
    }

    /// Runs a frame in which `draw` lays out and paints with its fonts,
    /// and takes the glyphs it added to the atlas.
    fn draw<T>(
        &mut self,
        draw: impl FnOnce(&mut FontsView<'_>) -> Vec<T>,
    ) -> Result<Vec<T>, ExportError> {
        let mut draw = Some(draw);
        let mut drawings = Vec::new();
        let mut output = self.ctx.run_ui(self.input.clone(), |ui| {
            if let Some(draw) = draw.take() {
                drawings = ui.ctx().fonts_mut(draw);
            }
        });
        // The font atlas arrives as a texture update, which epaint insists
        // is handled even when a page turns out too large to draw.
        let mut delta = std::mem::take(&mut output.textures_delta);
        let applied = self.textures.apply(&mut delta);
        delta.clear();
        applied?;
        if drawings.is_empty() {
            return Err(ExportError::NothingDrawn);
        }
        Ok(drawings)
    }

    /// The image of `sheet`, drawn into the memory of `spare` if given.
    fn rasterize(&self, sheet: Sheet, spare: Option<RgbaImage>) -> Result<RgbaImage, ExportError> {
        let shapes = sheet
            .shapes
            .into_iter()
            .map(|shape| ClippedShape {
                clip_rect: Rect::EVERYTHING,
                shape,
                transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
            })
            .collect();
        let primitives = self.ctx.tessellate(shapes, 1.0);
        Ok(raster::rasterize_reusing(
            &primitives,
            &self.textures,
            sheet.size,
            1.0,
            super::background(self.options),
            spare,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::hinted;
    use crate::export::{Preset, Size};

    #[test]
    fn text_is_hinted_where_it_is_small_enough_for_hinting_to_show() {
        assert!(hinted(Preset::Slide1080p.size(1.0)));
        assert!(hinted(Size::Full { scale: 1.0 }));
        assert!(!hinted(Preset::Slide4k.size(1.0)));
        assert!(!hinted(Size::Full { scale: 3.0 }));
    }
}
