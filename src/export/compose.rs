//! One exported image: the map laid out at the image's pixel size with the
//! editor's painter, a legend under it, on the page colour.

use std::num::NonZeroUsize;

use egui::epaint::FontsView;
use egui::{Pos2, Rect, Shape, Vec2, vec2};
use image::RgbaImage;

use super::{ExportError, ExportOptions, Size, raster};
use crate::model::JourneyMap;
use crate::render::{self, Layout, Marks, Theme, View, paint};

/// How much larger than its room a slide's map may come out (by rounding
/// in the layout) without being laid out again: a pixel in 4,000 or so,
/// which the margins take.
const FIT_TOLERANCE: f32 = 2e-4;

/// One image to draw: its map part (all stages, or one group of a split).
#[derive(Clone, Debug)]
pub struct Page<'a> {
    /// The stages this image shows, with everything else of the map.
    pub part: JourneyMap,
    /// The whole map, for links to pain points on other images.
    pub whole: &'a JourneyMap,
    /// The scale to draw the map at instead of fitting this page on its
    /// own: the one scale of every slide of a split set, so that a card is
    /// the same size on each.
    pub scale: Option<f32>,
}

/// The images an export makes: one, or one per `split` stages, each with
/// the persona strip and lane labels and a title saying which part it is.
pub fn pages<'a>(map: &'a JourneyMap, options: &ExportOptions) -> Vec<Page<'a>> {
    let per_page = options
        .split
        .map_or(map.stages.len().max(1), NonZeroUsize::get);
    if map.stages.len() <= per_page {
        return vec![Page {
            part: map.clone(),
            whole: map,
            scale: None,
        }];
    }
    let chunks: Vec<_> = map.stages.chunks(per_page).collect();
    let count = chunks.len();
    let mut pages: Vec<Page<'a>> = chunks
        .into_iter()
        .enumerate()
        .map(|(i, stages)| {
            let mut part = map.clone();
            part.stages = stages.to_vec();
            part.title = format!("{} ({}/{count}: {})", map.title, i + 1, stage_range(stages));
            Page {
                part,
                whole: map,
                scale: None,
            }
        })
        .collect();
    if matches!(options.size, Size::Slide { .. }) {
        let scale = common_scale(&pages, options);
        for page in &mut pages {
            page.scale = scale;
        }
    }
    pages
}

/// The stages a slide shows: "Order", "Order – Wait" or "Order … Unbox".
fn stage_range(stages: &[crate::model::Stage]) -> String {
    match stages {
        [] => String::new(),
        [one] => one.name.clone(),
        [first, last] => format!("{} – {}", first.name, last.name),
        [first, .., last] => format!("{} … {}", first.name, last.name),
    }
}

/// The largest scale at which every page of a set fits its slide: the
/// smallest of the scales each would be fitted at alone.
fn common_scale(pages: &[Page<'_>], options: &ExportOptions) -> Option<f32> {
    let ctx = render::fonts::headless_context(options.dark, 1.0);
    ctx.fonts_mut(|fonts| {
        pages
            .iter()
            .map(|page| page.place(fonts, options).layout.scale)
            .reduce(f32::min)
    })
}

/// What the page is drawn for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail {
    /// Pixels: text too small to read becomes bars.
    Pixels,
    /// A vector format: all text is text.
    Vector,
}

/// A page laid out and painted: shapes in image pixels.
pub struct Drawing {
    /// The image size in pixels.
    pub size: [u32; 2],
    /// Everything to draw, in order.
    pub shapes: Vec<Shape>,
    /// The map's layout, at the image's scale.
    pub layout: Layout,
    /// Where the layout's origin is in the image.
    pub map_origin: Vec2,
}

impl Page<'_> {
    /// Draws the page into an image.
    pub fn rasterize(&self, options: &ExportOptions) -> Result<RgbaImage, ExportError> {
        let ctx = egui::Context::default();
        render::fonts::install(&ctx);
        // Glyph weighting differs between egui's light and dark visuals:
        // use the ones the editor shows this theme with.
        ctx.set_visuals(Theme::for_dark(options.dark).visuals());
        // The whole drawing in one frame, at one pixel per point: the
        // layout is already at the image's scale, so text is rasterised at
        // its final size.
        let side = f32::from(u16::MAX);
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::splat(side))),
            max_texture_side: Some(8192),
            ..egui::RawInput::default()
        };
        let mut drawing = None;
        let mut output = ctx.run_ui(input, |ui| {
            let drawn = ui.ctx().fonts_mut(|fonts| self.draw(fonts, options));
            if let Ok(drawn) = &drawn {
                ui.painter().extend(drawn.shapes.clone());
            }
            drawing = Some(drawn);
        });
        // The font atlas arrives as a texture update, which epaint insists
        // is handled even when the page turns out too large to draw.
        let mut delta = std::mem::take(&mut output.textures_delta);
        let result = drawing
            .unwrap_or(Err(ExportError::NothingDrawn))
            .and_then(|drawing| {
                let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), 1.0);
                let mut textures = raster::Textures::new();
                textures.apply(&mut delta)?;
                Ok(raster::rasterize(
                    &primitives,
                    &textures,
                    drawing.size,
                    1.0,
                    super::background(options),
                )?)
            });
        delta.clear();
        result
    }

    /// Lays the page out and paints it for an image, after checking its
    /// size: card text too small to read is drawn as bars.
    pub fn draw(
        &self,
        fonts: &mut FontsView<'_>,
        options: &ExportOptions,
    ) -> Result<Drawing, ExportError> {
        self.draw_in(fonts, options, Detail::Pixels)
    }

    /// Lays the page out and paints it for a vector format, where a reader
    /// can zoom in on any text: all of it is drawn as text.
    pub fn draw_vector(
        &self,
        fonts: &mut FontsView<'_>,
        options: &ExportOptions,
    ) -> Result<Drawing, ExportError> {
        self.draw_in(fonts, options, Detail::Vector)
    }

    /// Where everything of the page goes: the page's size, the map laid
    /// out to fit it (or at the set's scale), and the legend.
    fn place(&self, fonts: &mut FontsView<'_>, options: &ExportOptions) -> Placed {
        let theme = Theme::for_dark(options.dark);
        let layout_at = |fonts: &mut FontsView<'_>, scale| {
            Layout::with_links_from(&self.part, self.whole, fonts, scale)
        };
        let (size, unit) = match options.size {
            Size::Slide { width, height } => {
                #[expect(clippy::cast_precision_loss, reason = "slide sizes are small")]
                let size = vec2(width as f32, height as f32);
                (Some(size), size.y / 1080.0)
            }
            Size::Full { scale } => (None, scale),
        };
        let margin = 36.0 * unit;
        let gap = 20.0 * unit;
        let legend_scale = 1.15 * unit;

        // The legend first: on a slide, the map gets the room that is left.
        let natural_width = Layout::natural_width(&self.part);
        let room_width = size.map_or(natural_width * unit, |s| s.x - 2.0 * margin);
        // The key to what the whole map uses, so that every slide of a
        // set has the same one.
        let legend = options
            .legend
            .then(|| render::legend(fonts, &theme, legend_scale, room_width, self.whole))
            .flatten();

        let legend_height = legend.as_ref().map_or(0.0, |(size, _)| size.y + gap);

        let (layout, page) = if let Some(page) = size {
            let room = vec2(page.x, page.y - legend_height) - Vec2::splat(2.0 * margin);
            let layout = match self.scale {
                Some(scale) => layout_at(fonts, scale),
                None => fit(room, natural_width, |scale| layout_at(fonts, scale)),
            };
            (layout, page)
        } else {
            let layout = layout_at(fonts, unit);
            let page = layout.size + vec2(0.0, legend_height + margin);
            (layout, page)
        };
        Placed {
            slide: size.is_some(),
            margin,
            legend,
            legend_height,
            layout,
            page,
        }
    }

    fn draw_in(
        &self,
        fonts: &mut FontsView<'_>,
        options: &ExportOptions,
        detail: Detail,
    ) -> Result<Drawing, ExportError> {
        let theme = Theme::for_dark(options.dark);
        let Placed {
            slide,
            margin,
            legend,
            legend_height,
            layout,
            page,
        } = self.place(fonts, options);
        let pixels = [page.x.ceil(), page.y.ceil()];
        let too_large = || ExportError::TooLarge {
            width: saturating_u32(pixels[0]),
            height: saturating_u32(pixels[1]),
        };
        let [width, height] = [saturating_u32(pixels[0]), saturating_u32(pixels[1])];
        if width == 0
            || height == 0
            || width > raster::MAX_SIDE
            || height > raster::MAX_SIDE
            || u64::from(width) * u64::from(height) > raster::MAX_PIXELS
        {
            return Err(too_large());
        }

        let map_origin = if slide {
            let room = vec2(page.x, page.y - legend_height);
            ((room - layout.size) / 2.0).max(Vec2::splat(margin))
        } else {
            Vec2::ZERO
        };
        // No page rectangle: the rasteriser starts from the page colour.
        let mut shapes = Vec::new();
        // Card text too small to read is drawn as bars, as on the canvas.
        let view = match detail {
            Detail::Pixels => View::on_screen(&layout, Rect::EVERYTHING, 1.0),
            Detail::Vector => View::ALL,
        };
        let marks = Marks::default();
        for part in [
            paint::persona(&layout, &theme),
            paint::body(&layout, &theme, &marks, &view),
            paint::stage_headers(&layout, &theme),
            paint::lane_labels(&layout, &theme),
        ] {
            shapes.extend(translated(part, map_origin));
        }
        if let Some((legend_size, legend_shapes)) = legend {
            // Centred under the map on a slide; under the lane labels on a
            // whole-map image, which has no margin to centre in.
            let (left, top) = if slide {
                (
                    ((page.x - legend_size.x) / 2.0).max(margin),
                    page.y - margin - legend_size.y,
                )
            } else {
                (layout.label_column.min, layout.size.y)
            };
            shapes.extend(translated(legend_shapes, vec2(left, top)));
        }
        Ok(Drawing {
            size: [width, height],
            shapes,
            layout,
            map_origin,
        })
    }
}

/// A page's parts placed, before painting.
struct Placed {
    /// Whether the page is a slide of a fixed size (else the whole map).
    slide: bool,
    margin: f32,
    legend: Option<(Vec2, Vec<Shape>)>,
    /// The legend's height and the gap above it.
    legend_height: f32,
    layout: Layout,
    /// The page's size in pixels.
    page: Vec2,
}

/// The map laid out by `layout_at` at the scale that fills `room`'s width
/// (exact: the width does not depend on text), then smaller if the height
/// does not fit, aiming a little low since text does not scale exactly
/// linearly, and once more if it still came out too large. A wide map
/// takes one layout, a tall one two.
fn fit(room: Vec2, natural_width: f32, mut layout_at: impl FnMut(f32) -> Layout) -> Layout {
    let over = |layout: &Layout| (layout.size.x / room.x).max(layout.size.y / room.y);
    let mut scale = (room.x / natural_width).max(0.01);
    let mut layout = layout_at(scale);
    for aim in [0.995, 1.0] {
        if over(&layout) <= 1.0 + FIT_TOLERANCE {
            break;
        }
        scale = scale / over(&layout) * aim;
        layout = layout_at(scale);
    }
    layout
}

fn translated(shapes: Vec<Shape>, offset: Vec2) -> impl Iterator<Item = Shape> {
    shapes.into_iter().map(move |mut shape| {
        shape.translate(offset);
        shape
    })
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped to u32's range first; NaN becomes 0"
)]
fn saturating_u32(pixels: f32) -> u32 {
    pixels.clamp(0.0, 4_294_967_040.0) as u32
}
