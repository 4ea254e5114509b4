//! CPU rasteriser for epaint's tessellated output, for headless PNG export.
//!
//! It reproduces `egui_glow` 0.37's pipeline (`painter.rs`, `shader/*.glsl`):
//! vertex colour × texel in gamma space (textures are sRGB-unaware, the
//! framebuffer has no sRGB conversion), premultiplied-alpha blending with
//! `ONE, ONE_MINUS_SRC_ALPHA` for colour and `ONE_MINUS_DST_ALPHA, ONE` for
//! alpha into an 8-bit target, and the scissor rect rounded like
//! `set_clip_rect`. Dithering (optional in `egui_glow`) is left out.
//!
//! Text must be laid out at the export's `pixels_per_point`, and the font
//! atlas read only after layout, since layout is what adds glyphs to it:
//!
//! ```
//! use egui::epaint::text::{FontDefinitions, TextOptions};
//! use egui::epaint::{ClippedShape, Color32, FontId, Fonts, Rect, Shape, TessellationOptions};
//! use egui::epaint::{Tessellator, TextureId, pos2};
//! use journeymap::export::raster::{Textures, rasterize};
//!
//! let ppp = 2.0;
//! let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default());
//! let galley = fonts.with_pixels_per_point(ppp).layout_no_wrap(
//!     "Checkout".to_owned(), FontId::proportional(14.0), Color32::BLACK);
//! let text = Shape::galley(pos2(8.0, 8.0), galley, Color32::BLACK);
//! let shapes = vec![ClippedShape::new(Rect::EVERYTHING, text)];
//! let atlas = fonts.texture_atlas();
//! let mut tessellator =
//!     Tessellator::new(ppp, TessellationOptions::default(), atlas.size(), atlas.prepared_discs());
//! let primitives = tessellator.tessellate_shapes(shapes);
//! let mut textures = Textures::new();
//! textures.insert(TextureId::default(), fonts.image())?;
//! let png = rasterize(&primitives, &textures, [200, 60], ppp, Color32::WHITE)?;
//! assert_eq!(png.dimensions(), (200, 60));
//! # Ok::<(), journeymap::export::raster::RasterError>(())
//! ```

use std::collections::HashMap;
use std::sync::Mutex;

use egui::epaint::textures::{TextureOptions, TexturesDelta};
use egui::epaint::{ClippedPrimitive, Color32, ColorImage, ImageData, ImageDelta, Primitive, Rect};
use egui::epaint::{TextureId, Vertex};
use image::RgbaImage;

use fill::{index, render_band, round_i64, signed};
use sample::Sampler;

mod fill;
mod sample;

/// Largest accepted image side, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest accepted image area, in pixels (100 megapixels).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Largest accepted texture side, in texels.
pub const MAX_TEXTURE_SIDE: usize = 65_536;

/// Images at least this large are rendered on several threads.
const PARALLEL_MIN_PIXELS: usize = 1 << 20;

/// Why a frame or texture could not be rasterised.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RasterError {
    /// A mesh samples a texture that was never given to [`Textures`].
    #[error("a mesh uses texture {0:?}, which the rasteriser was not given")]
    UnknownTexture(TextureId),
    /// Paint callbacks draw with a GPU API and cannot be rasterised here.
    #[error("paint callbacks cannot be rasterised on the CPU")]
    CallbackUnsupported,
    /// The image is empty or larger than [`MAX_SIDE`] / [`MAX_PIXELS`].
    #[error(
        "image size {width}×{height} is zero or above the limit ({MAX_SIDE} per side, {MAX_PIXELS} pixels)"
    )]
    InvalidSize {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
    },
    /// `pixels_per_point` must be finite and positive.
    #[error("pixels_per_point must be finite and positive, not {0}")]
    InvalidPixelsPerPoint(f32),
    /// A texture or texture update is malformed.
    #[error("texture {id:?}: {reason}")]
    InvalidTexture {
        /// The texture concerned.
        id: TextureId,
        /// What is wrong with it.
        reason: &'static str,
    },
}

#[derive(Clone)]
struct Texture {
    size: [usize; 2],
    pixels: Vec<Color32>,
    options: TextureOptions,
}

/// Textures the meshes may sample, by id (the font atlas is `TextureId::default()`).
#[derive(Clone, Default)]
pub struct Textures {
    map: HashMap<TextureId, Texture>,
}

impl Textures {
    /// No textures.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a texture sampled with [`TextureOptions::LINEAR`] (what the font atlas uses).
    ///
    /// # Errors
    /// [`RasterError::InvalidTexture`] if the image is empty, too large or inconsistent.
    pub fn insert(&mut self, id: TextureId, image: ColorImage) -> Result<(), RasterError> {
        self.insert_with_options(id, image, TextureOptions::LINEAR)
    }

    /// Sets a texture with explicit filtering and wrapping.
    ///
    /// # Errors
    /// As [`Self::insert`].
    pub fn insert_with_options(
        &mut self,
        id: TextureId,
        image: ColorImage,
        options: TextureOptions,
    ) -> Result<(), RasterError> {
        check_image(id, &image)?;
        let size = image.size;
        let pixels = image.pixels;
        self.map.insert(
            id,
            Texture {
                size,
                pixels,
                options,
            },
        );
        Ok(())
    }

    /// Applies one whole or partial update, as `egui_glow::Painter::set_texture` does.
    ///
    /// # Errors
    /// [`RasterError::InvalidTexture`] for a bad image, or a partial update of a
    /// missing texture or reaching outside it.
    pub fn set(&mut self, id: TextureId, delta: &ImageDelta) -> Result<(), RasterError> {
        let ImageData::Color(image) = &delta.image;
        let Some(pos) = delta.pos else {
            return self.insert_with_options(id, (**image).clone(), delta.options);
        };
        check_image(id, image)?;
        let bad = |reason| RasterError::InvalidTexture { id, reason };
        let tex = self
            .map
            .get_mut(&id)
            .ok_or(bad("partial update of a missing texture"))?;
        let [w, h] = image.size;
        if pos[0].saturating_add(w) > tex.size[0] || pos[1].saturating_add(h) > tex.size[1] {
            return Err(bad("partial update outside the texture"));
        }
        for (y, src) in image.pixels.chunks_exact(w).enumerate() {
            let start = (pos[1] + y) * tex.size[0] + pos[0];
            tex.pixels[start..start + w].copy_from_slice(src);
        }
        tex.options = delta.options;
        Ok(())
    }

    /// Applies (and drains) `delta.set`. Leave `delta.free` for [`Self::free`]
    /// after rasterising, as `egui_glow` frees textures only after painting.
    ///
    /// # Errors
    /// As [`Self::set`]; updates before the failing one stay applied.
    pub fn apply(&mut self, delta: &mut TexturesDelta) -> Result<(), RasterError> {
        let mut sets: Vec<_> = delta.set.drain().collect();
        sets.sort_by_key(|(id, _)| *id); // a stable order makes errors reproducible
        for (id, deltas) in sets {
            for d in &deltas {
                self.set(id, d)?;
            }
        }
        Ok(())
    }

    /// Removes (and drains) the textures listed in `delta.free`.
    pub fn free(&mut self, delta: &mut TexturesDelta) {
        for id in delta.free.drain() {
            self.map.remove(&id);
        }
    }

    /// Removes one texture; returns whether it was there.
    pub fn remove(&mut self, id: TextureId) -> bool {
        self.map.remove(&id).is_some()
    }

    /// Whether a texture with this id is set.
    #[must_use]
    pub fn contains(&self, id: TextureId) -> bool {
        self.map.contains_key(&id)
    }
}

fn check_image(id: TextureId, image: &ColorImage) -> Result<(), RasterError> {
    let [w, h] = image.size;
    let reason = if w == 0 || h == 0 {
        "empty image"
    } else if w > MAX_TEXTURE_SIDE || h > MAX_TEXTURE_SIDE {
        "image larger than MAX_TEXTURE_SIDE"
    } else if w * h != image.pixels.len() {
        "pixel count does not match the size"
    } else {
        return Ok(());
    };
    Err(RasterError::InvalidTexture { id, reason })
}

/// Renders `primitives` into a `size[0]`×`size[1]` image with straight (not premultiplied) alpha.
///
/// Positions and clip rects are in points and scaled by `pixels_per_point`.
/// `background` (premultiplied, like every `Color32`) fills the image first;
/// [`Color32::TRANSPARENT`] gives a transparent PNG. The output does not depend on threading.
///
/// # Errors
/// [`RasterError::CallbackUnsupported`], [`RasterError::UnknownTexture`],
/// [`RasterError::InvalidSize`] or [`RasterError::InvalidPixelsPerPoint`].
pub fn rasterize(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    size: [u32; 2],
    pixels_per_point: f32,
    background: Color32,
) -> Result<RgbaImage, RasterError> {
    rasterize_reusing(
        primitives,
        textures,
        size,
        pixels_per_point,
        background,
        None,
    )
}

/// [`rasterize`] into the memory of `spare`, an image drawn before and no
/// longer needed, when there is one. Every pixel is drawn again; reusing
/// the memory saves the operating system mapping and clearing 8 MB of
/// fresh pages for each 1080p slide, which took more than drawing it.
///
/// # Errors
/// As [`rasterize`].
pub fn rasterize_reusing(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    size: [u32; 2],
    pixels_per_point: f32,
    background: Color32,
    spare: Option<RgbaImage>,
) -> Result<RgbaImage, RasterError> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let target = Target {
        size,
        ppp: pixels_per_point,
        background,
        threads,
    };
    rasterize_on(
        primitives,
        textures,
        &target,
        spare.map(RgbaImage::into_raw),
    )
}

/// What [`rasterize_on`] draws into.
struct Target {
    size: [u32; 2],
    ppp: f32,
    background: Color32,
    threads: usize,
}

fn rasterize_on(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    target: &Target,
    spare: Option<Vec<u8>>,
) -> Result<RgbaImage, RasterError> {
    let Target {
        size,
        ppp,
        background,
        threads,
    } = *target;
    let [width, height] = size;
    let invalid = RasterError::InvalidSize { width, height };
    if width == 0 || height == 0 || width.max(height) > MAX_SIDE {
        return Err(invalid);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(invalid);
    }
    if !(ppp.is_finite() && ppp > 0.0) {
        return Err(RasterError::InvalidPixelsPerPoint(ppp));
    }
    let (w, h) = (index(width.into()), index(height.into()));
    let jobs = prepare(primitives, textures, [width.into(), height.into()], ppp)?;

    // Each band is filled, drawn and turned into straight alpha in place,
    // in the image's own buffer: no second copy of a 33 MB 4K frame.
    let mut bytes = spare.unwrap_or_default();
    // No need to clear it: every band is filled with the background first.
    bytes.resize(w * h * 4, 0);
    let (pixels, _) = bytes.as_chunks_mut::<4>();
    let draw_band = |rows: &mut [[u8; 4]], y0: i64| {
        rows.fill(background.to_array());
        render_band(&jobs, ppp, rows, w, y0);
        for pixel in rows {
            let [red, green, blue, alpha] = *pixel;
            *pixel =
                Color32::from_rgba_premultiplied(red, green, blue, alpha).to_srgba_unmultiplied();
        }
    };
    let threads = if w * h >= PARALLEL_MIN_PIXELS {
        threads.clamp(1, 16)
    } else {
        1
    };
    if threads == 1 {
        draw_band(pixels, 0);
    } else {
        // More bands than threads, handed out on demand, balances uneven scenes.
        let band_rows = h.div_ceil(threads * 4);
        let bands = Mutex::new(pixels.chunks_mut(band_rows * w).enumerate());
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    while let Some((i, rows)) = bands.lock().ok().and_then(|mut b| b.next()) {
                        draw_band(rows, signed(i * band_rows));
                    }
                });
            }
        });
    }
    RgbaImage::from_raw(width, height, bytes).ok_or(invalid)
}

/// A pixel rectangle, `min` inclusive and `max` exclusive.
#[derive(Clone, Copy)]
struct PxRect {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

struct Job<'a> {
    clip: PxRect,
    indices: &'a [u32],
    vertices: &'a [Vertex],
    tex: Sampler<'a>,
}

fn prepare<'a>(
    primitives: &'a [ClippedPrimitive],
    textures: &'a Textures,
    [w, h]: [i64; 2],
    ppp: f32,
) -> Result<Vec<Job<'a>>, RasterError> {
    let mut jobs = Vec::with_capacity(primitives.len());
    for prim in primitives {
        let mesh = match &prim.primitive {
            Primitive::Mesh(mesh) => mesh,
            Primitive::Callback(_) => return Err(RasterError::CallbackUnsupported),
        };
        let tex = textures.map.get(&mesh.texture_id);
        let tex = tex.ok_or(RasterError::UnknownTexture(mesh.texture_id))?;
        let clip = scissor(prim.clip_rect, ppp, [w, h]);
        if clip.x0 < clip.x1 && clip.y0 < clip.y1 && !mesh.indices.is_empty() {
            let tex = Sampler::new(tex);
            jobs.push(Job {
                clip,
                indices: &mesh.indices,
                vertices: &mesh.vertices,
                tex,
            });
        }
    }
    Ok(jobs)
}

/// `egui_glow`'s `set_clip_rect`: scale, round to whole pixels, clamp to the image.
fn scissor(rect: Rect, ppp: f32, [w, h]: [i64; 2]) -> PxRect {
    let px = |v: f32| round_i64(v * ppp);
    let (x0, y0) = (px(rect.min.x).clamp(0, w), px(rect.min.y).clamp(0, h));
    let (x1, y1) = (px(rect.max.x).clamp(x0, w), px(rect.max.y).clamp(y0, h));
    PxRect { x0, y0, x1, y1 }
}

#[cfg(test)]
mod tests;
