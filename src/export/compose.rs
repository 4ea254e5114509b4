//! One exported image: the map laid out at the image's pixel size with the
//! editor's painter, a legend under it, on the page colour.

use std::ops::Range;

use egui::epaint::FontsView;
use egui::{Rect, Shape, Vec2, vec2};
use image::RgbaImage;

use super::slides::{self, Fit, Split};
use super::{ExportError, ExportOptions, Size, raster};
use crate::model::JourneyMap;
use crate::render::{self, Layout, Marks, Proportions, Theme, View, paint};

/// One image to draw: its map part (all stages, or one group of a split).
#[derive(Clone, Debug)]
pub struct Page<'a> {
    /// The stages this image shows, with everything else of the map.
    pub part: JourneyMap,
    /// The whole map, for links to pain points on other images.
    pub whole: &'a JourneyMap,
    /// How a slide is laid out: the set's one scale, and columns and rows
    /// that fill it. `None` for an image of the whole map at its own size.
    pub fit: Option<Fit>,
}

/// The images an export makes. A slide preset splits the map over as few
/// slides as keep its text readable, unless `split` says otherwise (1: one
/// slide; N: N stages a slide); a whole-map image is one image, or one per
/// `split` stages. Each image of a split has the persona strip (the first)
/// or the title (the others) saying which part it is.
pub fn pages<'a>(map: &'a JourneyMap, options: &ExportOptions) -> Vec<Page<'a>> {
    match options.size {
        Size::Slide { .. } => render::fonts::headless_context(options.dark, 1.0)
            .fonts_mut(|fonts| pages_with(fonts, map, options)),
        Size::Full { .. } => pages_planned(map, options, None),
    }
}

/// [`pages`], planning the slides with `fonts`: the fonts the pages are
/// then drawn with, so that their text is laid out once.
pub fn pages_with<'a>(
    fonts: &mut FontsView<'_>,
    map: &'a JourneyMap,
    options: &ExportOptions,
) -> Vec<Page<'a>> {
    let plan = matches!(options.size, Size::Slide { .. }).then(|| {
        let (room, unit) = slide_room(fonts, options, map);
        slides::plan(fonts, map, room, unit, options.split)
    });
    pages_planned(map, options, plan)
}

/// The pages of a slide `plan`, or of a whole-map image without one.
fn pages_planned<'a>(
    map: &'a JourneyMap,
    options: &ExportOptions,
    plan: Option<slides::Plan>,
) -> Vec<Page<'a>> {
    let split = options.split;
    let stages = &map.stages;
    // The persona and scenario's own slide, when they have one.
    let title = plan.as_ref().and_then(|plan| plan.title).map(|fit| Page {
        part: slides::title_part(map),
        whole: map,
        fit: Some(fit),
    });
    let (groups, fits): (Vec<Range<usize>>, Vec<Option<Fit>>) = if let Some(plan) = plan {
        (plan.groups, plan.fits.into_iter().map(Some).collect())
    } else {
        let per_image = match split {
            Split::Every(n) => n.get(),
            Split::Automatic | Split::One => stages.len().max(1),
        };
        let groups: Vec<_> = (0..stages.len().max(1))
            .step_by(per_image)
            .map(|start| start..(start + per_image).min(stages.len()))
            .collect();
        let fits = vec![None; groups.len()];
        (groups, fits)
    };
    let count = groups.len();
    let map_pages = groups
        .into_iter()
        .zip(fits)
        .enumerate()
        .map(|(i, (group, fit))| {
            let mut part = map.clone();
            if count > 1 {
                let shown = stages.get(group).unwrap_or_default();
                part.stages = shown.to_vec();
                part.title = format!("{} ({}/{count}: {})", map.title, i + 1, stage_range(shown));
            }
            Page {
                part,
                whole: map,
                fit,
            }
        });
    title.into_iter().chain(map_pages).collect()
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

/// A slide's frame, in pixels: the slide size, its margin and the gap
/// above the legend, and how many times 1080 pixels high it is.
struct SlideFrame {
    size: Vec2,
    margin: f32,
    gap: f32,
    unit: f32,
}

impl SlideFrame {
    /// The frame of `options`' slide size; `None` for a whole-map image.
    fn of(options: &ExportOptions) -> Option<Self> {
        let Size::Slide { width, height } = options.size else {
            return None;
        };
        #[expect(clippy::cast_precision_loss, reason = "slide sizes are small")]
        let size = vec2(width as f32, height as f32);
        let unit = size.y / 1080.0;
        Some(Self {
            size,
            // The layout keeps a margin of its own inside this one.
            margin: 12.0 * unit,
            gap: 12.0 * unit,
            unit,
        })
    }
}

/// The legend's scale on a page `unit` times 1080 pixels high.
fn legend_scale(unit: f32) -> f32 {
    1.15 * unit
}

/// The room a slide leaves for the map (without margins and legend), and
/// how many times 1080 pixels high the slide is.
fn slide_room(
    fonts: &mut FontsView<'_>,
    options: &ExportOptions,
    whole: &JourneyMap,
) -> (Vec2, f32) {
    let Some(frame) = SlideFrame::of(options) else {
        return (Vec2::ZERO, 1.0);
    };
    let theme = Theme::for_dark(options.dark);
    let width = frame.size.x - 2.0 * frame.margin;
    let legend_height = options
        .legend
        .then(|| render::legend(fonts, &theme, legend_scale(frame.unit), width, whole))
        .flatten()
        .map_or(0.0, |(size, _)| size.y + frame.gap);
    let room = vec2(width, frame.size.y - 2.0 * frame.margin - legend_height);
    (room, frame.unit)
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
        let mut image = None;
        super::set::rasterize_in_one_frame(
            options,
            |fonts| vec![self.draw(fonts, options).map(Into::into)],
            |drawn, _| {
                image = Some(drawn);
                Ok(None)
            },
        )?;
        image.ok_or(ExportError::NothingDrawn)
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

    /// Whether this is a title slide: the persona and scenario alone.
    pub fn is_title(&self) -> bool {
        self.fit.is_some() && slides::is_title_part(&self.part)
    }

    /// Where everything of the page goes: the page's size, the map laid
    /// out for it, and the legend.
    fn place(&self, fonts: &mut FontsView<'_>, options: &ExportOptions) -> Placed {
        let theme = Theme::for_dark(options.dark);
        let frame = SlideFrame::of(options);
        let unit = match (&frame, options.size) {
            (Some(frame), _) => frame.unit,
            (None, Size::Full { scale }) => scale,
            (None, Size::Slide { .. }) => 1.0,
        };
        let (margin, gap) = frame
            .as_ref()
            .map_or((36.0 * unit, 20.0 * unit), |f| (f.margin, f.gap));
        let layout = match (&frame, self.fit) {
            (Some(_), Some(fit)) => {
                Layout::shaped(&self.part, self.whole, fonts, fit.scale, fit.proportions)
            }
            (Some(_), None) => {
                // A slide page made by hand rather than by `pages`: plan
                // it alone.
                let (room, unit) = slide_room(fonts, options, self.whole);
                let plan = slides::plan(fonts, &self.part, room, unit, Split::One);
                let fit = plan.fits.first().copied().unwrap_or(Fit {
                    scale: unit,
                    proportions: Proportions::EDITOR,
                });
                Layout::shaped(&self.part, self.whole, fonts, fit.scale, fit.proportions)
            }
            (None, _) => Layout::with_links_from(&self.part, self.whole, fonts, unit),
        };
        let room_width = frame
            .as_ref()
            .map_or(layout.size.x, |f| f.size.x - 2.0 * f.margin);
        // The key to what the whole map uses, so that every slide of a
        // set has the same one.
        // A title slide has nothing for a key to explain.
        let legend = (options.legend && !self.is_title())
            .then(|| render::legend(fonts, &theme, legend_scale(unit), room_width, self.whole))
            .flatten();
        let legend_height = legend.as_ref().map_or(0.0, |(size, _)| size.y + gap);
        let page = frame.as_ref().map_or_else(
            || layout.size + vec2(0.0, legend_height + margin),
            |f| f.size,
        );
        Placed {
            slide: frame.is_some(),
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
            let size = if self.is_title() {
                vec2(layout.size.x, slides::title_height(&layout))
            } else {
                layout.size
            };
            ((room - size) / 2.0).max(Vec2::splat(margin))
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
