//! CPU rasteriser for epaint's tessellated output, for headless PNG export.
//!
//! It reproduces egui_glow 0.37's pipeline (`painter.rs`, `shader/*.glsl`):
//! vertex colour × texel in gamma space (textures are sRGB-unaware, the
//! framebuffer has no sRGB conversion), premultiplied-alpha blending with
//! `ONE, ONE_MINUS_SRC_ALPHA` for colour and `ONE_MINUS_DST_ALPHA, ONE` for
//! alpha into an 8-bit target, and the scissor rect rounded like
//! `set_clip_rect`. Dithering (optional in egui_glow) is left out.

use std::collections::HashMap;
use std::sync::Mutex;

use egui::epaint::textures::{TextureFilter, TextureOptions, TextureWrapMode, TexturesDelta};
use egui::epaint::{ClippedPrimitive, Color32, ColorImage, ImageData, ImageDelta, Primitive, Rect};
use egui::epaint::{TextureId, Vertex};
use image::RgbaImage;

/// Largest accepted image side, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest accepted image area, in pixels (100 megapixels).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Largest accepted texture side, in texels.
pub const MAX_TEXTURE_SIDE: usize = 65_536;

/// Sub-pixel precision of vertex positions (8 bits, as on most GPUs).
const SUB: i64 = 256;
/// Triangles reaching further than this (in pixels) are clipped first, so the
/// fixed-point edge functions below cannot overflow `i64`.
const GUARD: f32 = 1_048_576.0;
/// Multiplying is faster than dividing by 255 in the per-pixel code.
const INV_255: f32 = 1.0 / 255.0;
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
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a texture sampled with [`TextureOptions::LINEAR`] (what the font atlas uses).
    pub fn insert(&mut self, id: TextureId, image: ColorImage) -> Result<(), RasterError> {
        self.insert_with_options(id, image, TextureOptions::LINEAR)
    }

    /// Sets a texture with explicit filtering and wrapping.
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
    /// after rasterising, as egui_glow frees textures only after painting.
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
pub fn rasterize(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    size: [u32; 2],
    pixels_per_point: f32,
    background: Color32,
) -> Result<RgbaImage, RasterError> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    rasterize_on(
        primitives,
        textures,
        size,
        pixels_per_point,
        background,
        threads,
    )
}

fn rasterize_on(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    size: [u32; 2],
    ppp: f32,
    background: Color32,
    threads: usize,
) -> Result<RgbaImage, RasterError> {
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

    let mut fb = vec![background.to_array(); w * h];
    let threads = if w * h >= PARALLEL_MIN_PIXELS {
        threads.clamp(1, 16)
    } else {
        1
    };
    if threads == 1 {
        render_band(&jobs, ppp, &mut fb, w, 0);
    } else {
        // More bands than threads, handed out on demand, balances uneven scenes.
        let band_rows = h.div_ceil(threads * 4);
        let bands = Mutex::new(fb.chunks_mut(band_rows * w).enumerate());
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    while let Some((i, rows)) = bands.lock().ok().and_then(|mut b| b.next()) {
                        render_band(&jobs, ppp, rows, w, signed(i * band_rows));
                    }
                });
            }
        });
    }

    let bytes = fb
        .iter()
        .flat_map(|&[r, g, b, a]| {
            Color32::from_rgba_premultiplied(r, g, b, a).to_srgba_unmultiplied()
        })
        .collect();
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

/// egui_glow's `set_clip_rect`: scale, round to whole pixels, clamp to the image.
fn scissor(rect: Rect, ppp: f32, [w, h]: [i64; 2]) -> PxRect {
    let px = |v: f32| round_i64(v * ppp);
    let (x0, y0) = (px(rect.min.x).clamp(0, w), px(rect.min.y).clamp(0, h));
    let (x1, y1) = (px(rect.max.x).clamp(x0, w), px(rect.max.y).clamp(y0, h));
    PxRect { x0, y0, x1, y1 }
}

/// Draws every job into `rows`, the image rows `y0..` of an image `width` wide.
fn render_band(jobs: &[Job<'_>], ppp: f32, rows: &mut [[u8; 4]], width: usize, y0: i64) {
    let y1 = y0 + signed(rows.len() / width.max(1));
    let mut band = Band {
        rows,
        width,
        y0,
        memo: None,
    };
    for job in jobs {
        band.memo = None;
        let clip = PxRect {
            y0: job.clip.y0.max(y0),
            y1: job.clip.y1.min(y1),
            ..job.clip
        };
        if clip.y0 >= clip.y1 {
            continue;
        }
        let (top, bottom) = (px_f32(clip.y0) - 1.0, px_f32(clip.y1) + 1.0);
        for tri in job.indices.chunks_exact(3) {
            let vertex = |i: u32| job.vertices.get(index(i.into()));
            let (Some(a), Some(b), Some(c)) = (vertex(tri[0]), vertex(tri[1]), vertex(tri[2]))
            else {
                continue; // out-of-range index: skip, like a forgiving driver
            };
            let ys = [a.pos.y, b.pos.y, c.pos.y].map(|y| y * ppp);
            if ys.iter().all(|&y| y < top) || ys.iter().all(|&y| y > bottom) {
                continue; // cheap reject for other bands (NaN falls through to `draw`)
            }
            let t = [a, b, c].map(|v| Pv::new(v, ppp, job.tex.size));
            draw(&mut band, clip, t, &job.tex);
        }
    }
}

struct Band<'a> {
    rows: &'a mut [[u8; 4]],
    width: usize,
    y0: i64,
    memo: Memo,
}

/// A vertex in pixel space: premultiplied colour (0..=255), then texel coordinates.
#[derive(Clone, Copy)]
struct Pv {
    x: f32,
    y: f32,
    a: [f32; 6],
}

impl Pv {
    fn new(v: &Vertex, ppp: f32, [tw, th]: [f32; 2]) -> Self {
        let [r, g, b, al] = v.color.to_array().map(f32::from);
        let a = [r, g, b, al, v.uv.x * tw, v.uv.y * th];
        Self {
            x: v.pos.x * ppp,
            y: v.pos.y * ppp,
            a,
        }
    }

    /// The point a fraction `t` of the way to `o`, computed in `f64` since the
    /// endpoints may be millions of pixels away.
    fn lerp(self, o: Self, t: f64) -> Self {
        let l = |a: f32, b: f32| narrow(f64::from(a) + (f64::from(b) - f64::from(a)) * t);
        Self {
            x: l(self.x, o.x),
            y: l(self.y, o.y),
            a: std::array::from_fn(|k| l(self.a[k], o.a[k])),
        }
    }
}

fn draw(band: &mut Band<'_>, clip: PxRect, t: [Pv; 3], tex: &Sampler<'_>) {
    if !t.iter().all(|v| v.x.is_finite() && v.y.is_finite()) {
        return;
    }
    if t.iter().all(|v| v.x.abs() <= GUARD && v.y.abs() <= GUARD) {
        fill(band, clip, t, tex);
        return;
    }
    // Clip huge triangles to a box just outside the clip rect (Sutherland–Hodgman), then fan.
    let (x0, y0) = (wide(clip.x0) - 1.0, wide(clip.y0) - 1.0);
    let (x1, y1) = (wide(clip.x1) + 1.0, wide(clip.y1) + 1.0);
    let (x, y) = (|v: &Pv| f64::from(v.x), |v: &Pv| f64::from(v.y));
    let planes: [&dyn Fn(&Pv) -> f64; 4] = [&|v| x(v) - x0, &|v| x1 - x(v), &|v| y(v) - y0, &|v| {
        y1 - y(v)
    }];
    let mut poly = t.to_vec();
    for dist in planes {
        let mut out = Vec::with_capacity(poly.len() + 1);
        for (i, &a) in poly.iter().enumerate() {
            let b = poly[(i + 1) % poly.len()];
            let (da, db) = (dist(&a), dist(&b));
            if da >= 0.0 {
                out.push(a);
            }
            if (da >= 0.0) != (db >= 0.0) {
                // Same direction for an edge shared by two triangles, so they meet exactly.
                if (a.x, a.y) < (b.x, b.y) {
                    out.push(a.lerp(b, da / (da - db)));
                } else {
                    out.push(b.lerp(a, db / (db - da)));
                }
            }
        }
        poly = out;
    }
    for i in 2..poly.len() {
        fill(band, clip, [poly[0], poly[i - 1], poly[i]], tex);
    }
}

/// One triangle edge `a → b`; pixels with `E(p) + bias >= 0` are inside.
struct Edge {
    ax: i64,
    ay: i64,
    dx: i64,
    dy: i64,
    bias: i64,
}

impl Edge {
    fn new([ax, ay]: [i64; 2], [bx, by]: [i64; 2]) -> Self {
        let (dx, dy) = (bx - ax, by - ay);
        // Top-left rule (y down, interior on the right): left edges go up, top
        // edges go right; only they own pixel centres lying exactly on them.
        let bias = if dy < 0 || (dy == 0 && dx > 0) { 0 } else { -1 };
        Self {
            ax,
            ay,
            dx,
            dy,
            bias,
        }
    }

    /// Narrows `lo..hi` to the pixels of the row with centre `cy` inside this edge.
    fn clamp_span(&self, cy: i64, lo: &mut i64, hi: &mut i64) {
        // E(x) = r + s·x for the pixel centre x·SUB + SUB/2.
        let r = self.dx * (cy - self.ay) - self.dy * (SUB / 2 - self.ax) + self.bias;
        let s = -self.dy * SUB;
        if s > 0 {
            *lo = (*lo).max(-r.div_euclid(s));
        } else if s < 0 {
            *hi = (*hi).min(r.div_euclid(-s) + 1);
        } else if r < 0 {
            *hi = *lo;
        }
    }
}

fn fill(band: &mut Band<'_>, clip: PxRect, mut t: [Pv; 3], tex: &Sampler<'_>) {
    let mut p = t.map(|v| [to_fixed(v.x), to_fixed(v.y)]);
    let area =
        (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[1][1] - p[0][1]) * (p[2][0] - p[0][0]);
    if area == 0 {
        return;
    }
    if area < 0 {
        p.swap(1, 2);
        t.swap(1, 2);
    }
    let cell = |v: i64| (v - SUB / 2).div_euclid(SUB); // last pixel whose centre is <= v
    let (xs, ys) = (p.map(|q| q[0]), p.map(|q| q[1]));
    let min = |a: [i64; 3]| a[0].min(a[1]).min(a[2]);
    let max = |a: [i64; 3]| a[0].max(a[1]).max(a[2]);
    let (col0, col1) = (clip.x0.max(cell(min(xs))), clip.x1.min(cell(max(xs)) + 1));
    let (row0, row1) = (clip.y0.max(cell(min(ys))), clip.y1.min(cell(max(ys)) + 1));
    if col0 >= col1 || row0 >= row1 {
        return;
    }
    let edges = [
        Edge::new(p[0], p[1]),
        Edge::new(p[1], p[2]),
        Edge::new(p[2], p[0]),
    ];
    let shader = Shader::new(&t, p, tex, &mut band.memo);
    for y in row0..row1 {
        let (mut lo, mut hi) = (col0, col1);
        for e in &edges {
            e.clamp_span(y * SUB + SUB / 2, &mut lo, &mut hi);
        }
        if lo < hi {
            let start = index(y - band.y0) * band.width;
            let row = &mut band.rows[start + index(lo)..start + index(hi)];
            shader.span(row, lo, y);
        }
    }
}

/// Attribute `k` at pixel `(x, y)` is `at[k] + gx[k]·(x − x0) + gy[k]·(y − y0)`.
/// The last constant texel looked up: texture coordinates' bits and filter, and the texel.
type Memo = Option<(([u32; 2], TextureFilter), [f32; 4])>;

struct Shader<'a> {
    x0: f64,
    y0: f64,
    at: [f64; 6],
    gx: [f64; 6],
    gy: [f64; 6],
    tex: &'a Sampler<'a>,
    filter: TextureFilter,
    /// The texel when the texture coordinates do not vary.
    texel: Option<[f32; 4]>,
    /// The premultiplied colour when no attribute varies.
    flat: Option<[f32; 4]>,
}

impl<'a> Shader<'a> {
    fn new(t: &[Pv; 3], p: [[i64; 2]; 3], tex: &'a Sampler<'a>, memo: &mut Memo) -> Self {
        let bits = |v: &Pv, k: usize| v.a[k].to_bits();
        let uniform =
            |k: usize| bits(&t[1], k) == bits(&t[0], k) && bits(&t[2], k) == bits(&t[0], k);
        // Use the snapped positions so attributes agree with the coverage test.
        let [[x0, y0], [x1, y1], [x2, y2]] = p.map(|q| q.map(|v| wide(v) / wide(SUB)));
        let inv_det = 1.0 / ((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0));
        let (mut gx, mut gy) = ([0.0; 6], [0.0; 6]);
        for k in (0..6).filter(|&k| !uniform(k)) {
            let d1 = f64::from(t[1].a[k]) - f64::from(t[0].a[k]);
            let d2 = f64::from(t[2].a[k]) - f64::from(t[0].a[k]);
            gx[k] = (d1 * (y2 - y0) - d2 * (y1 - y0)) * inv_det;
            gy[k] = (d2 * (x1 - x0) - d1 * (x2 - x0)) * inv_det;
        }
        // GL picks the minification filter when one pixel spans more than one texel.
        let rho2 = (gx[4] * gx[4] + gx[5] * gx[5]).max(gy[4] * gy[4] + gy[5] * gy[5]);
        let filter = if rho2 > 1.0 {
            tex.options.minification
        } else {
            tex.options.magnification
        };
        let at = t[0].a.map(f64::from);
        let texel = (uniform(4) && uniform(5)).then(|| {
            // Most triangles sample one spot (epaint's WHITE_UV): remember the last one.
            let key = ([bits(&t[0], 4), bits(&t[0], 5)], filter);
            match *memo {
                Some((k, texel)) if k == key => texel,
                _ => {
                    let texel = tex.sample(t[0].a[4], t[0].a[5], filter);
                    *memo = Some((key, texel));
                    texel
                }
            }
        });
        let flat = texel
            .filter(|_| (0..4).all(uniform))
            .map(|texel| std::array::from_fn(|k| t[0].a[k] * texel[k] * INV_255));
        Self {
            x0,
            y0,
            at,
            gx,
            gy,
            tex,
            filter,
            texel,
            flat,
        }
    }

    /// Shades and blends the pixels `lo..lo + row.len()` of image row `y`.
    fn span(&self, row: &mut [[u8; 4]], lo: i64, y: i64) {
        if let Some(src) = self.flat {
            if src[3] >= 255.0 {
                row.fill(src.map(quantize)); // opaque: blending would give `src` exactly
            } else if src.iter().any(|&c| c > 0.0) {
                row.iter_mut().for_each(|d| blend(d, src));
            }
            return;
        }
        let (cx, cy) = (wide(lo) + 0.5 - self.x0, wide(y) + 0.5 - self.y0);
        let start: [f32; 6] =
            std::array::from_fn(|k| narrow(self.at[k] + self.gx[k] * cx + self.gy[k] * cy));
        let step = self.gx.map(narrow);
        for (i, d) in (0_i64..).zip(row.iter_mut()) {
            let fi = px_f32(i);
            let a: [f32; 6] = std::array::from_fn(|k| start[k] + step[k] * fi);
            let texel = self
                .texel
                .unwrap_or_else(|| self.tex.sample(a[4], a[5], self.filter));
            let src: [f32; 4] = std::array::from_fn(|k| a[k] * texel[k] * INV_255);
            if src.iter().any(|&c| c > 0.0) {
                blend(d, src); // skipping zero is exact: it would leave `d` as it is
            }
        }
    }
}

/// `dst = src + dst·(1 − src.a)` for colour, `dst.a = src.a·(1 − dst.a) + dst.a`, in 0..=255 units.
#[inline]
fn blend(dst: &mut [u8; 4], src: [f32; 4]) {
    let [r, g, b, a] = dst.map(f32::from);
    let inv = 1.0 - src[3] * INV_255;
    *dst = [
        quantize(src[0] + r * inv),
        quantize(src[1] + g * inv),
        quantize(src[2] + b * inv),
        quantize(src[3] * (1.0 - a * INV_255) + a),
    ];
}

struct Sampler<'a> {
    texels: &'a [Color32],
    w: i64,
    h: i64,
    size: [f32; 2],
    options: TextureOptions,
}

impl<'a> Sampler<'a> {
    fn new(t: &'a Texture) -> Self {
        let (w, h) = (signed(t.size[0]), signed(t.size[1]));
        Self {
            texels: &t.pixels,
            w,
            h,
            size: [px_f32(w), px_f32(h)],
            options: t.options,
        }
    }

    #[inline]
    fn texel(&self, x: i64, y: i64) -> [u32; 4] {
        let (x, y) = (
            wrap(x, self.w, self.options.wrap_mode),
            wrap(y, self.h, self.options.wrap_mode),
        );
        let c = self
            .texels
            .get(index(y * self.w + x))
            .copied()
            .unwrap_or_default();
        c.to_array().map(u32::from)
    }

    /// The texel colour (0..=255) at texel coordinates `(u, v)` (0..size across the texture).
    #[inline]
    fn sample(&self, u: f32, v: f32, filter: TextureFilter) -> [f32; 4] {
        if filter == TextureFilter::Nearest {
            return self.texel(floor_i64(u), floor_i64(v)).map(exact_f32);
        }
        // Bilinear with 8-bit weights like GPU texture units; exact for flat regions.
        let (fx, fy) = (floor_i64(u * 256.0 - 128.0), floor_i64(v * 256.0 - 128.0));
        let (x, y, wx, wy) = (fx >> 8, fy >> 8, weight(fx), weight(fy));
        if wx == 0 && wy == 0 {
            return self.texel(x, y).map(exact_f32); // on a texel centre, as glyphs usually are
        }
        let [t00, t10, t01, t11] =
            [(x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1)].map(|(x, y)| self.texel(x, y));
        std::array::from_fn(|k| {
            let top = t00[k] * (256 - wx) + t10[k] * wx;
            let bottom = t01[k] * (256 - wx) + t11[k] * wx;
            exact_f32(top * (256 - wy) + bottom * wy) / 65_536.0
        })
    }
}

#[inline]
fn wrap(i: i64, n: i64, mode: TextureWrapMode) -> i64 {
    match mode {
        TextureWrapMode::ClampToEdge => i.clamp(0, n - 1),
        TextureWrapMode::Repeat => i.rem_euclid(n),
        TextureWrapMode::MirroredRepeat => {
            let m = i.rem_euclid(2 * n);
            if m < n { m } else { 2 * n - 1 - m }
        }
    }
}

// Casts, each in one place with its reason.

#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating float→int, NaN→0, is what we want"
)]
fn to_fixed(v: f32) -> i64 {
    let v = f64::from(v) * 256.0 + 0.5;
    let t = v as i64;
    t - i64::from((t as f64) > v) // floor without a libm call
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating float→int, NaN→0, is what we want"
)]
#[expect(clippy::cast_precision_loss, reason = "only compared with the input")]
fn floor_i64(v: f32) -> i64 {
    let t = v as i64;
    t - i64::from((t as f32) > v) // floor without a libm call
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating float→int, like egui_glow's `as i32`"
)]
fn round_i64(v: f32) -> i64 {
    v.round() as i64
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "saturates to 0..=255, NaN→0"
)]
fn quantize(v: f32) -> u8 {
    (v + 0.5) as u8
}

#[expect(
    clippy::cast_precision_loss,
    reason = "pixel and texel coordinates are far below 2^24"
)]
fn px_f32(v: i64) -> f32 {
    v as f32
}

#[expect(
    clippy::cast_precision_loss,
    reason = "bilinear sums stay below 2^24, so exact"
)]
fn exact_f32(v: u32) -> f32 {
    v as f32
}

#[expect(
    clippy::cast_precision_loss,
    reason = "exact below 2^53; ours are below 2^40"
)]
fn wide(v: i64) -> f64 {
    v as f64
}

#[expect(clippy::cast_possible_truncation, reason = "attribute values fit f32")]
fn narrow(v: f64) -> f32 {
    v as f32
}

/// The low 8 bits: a bilinear weight out of 256.
fn weight(v: i64) -> u32 {
    u32::try_from(v & 255).unwrap_or(0)
}

/// A non-negative index; callers only pass values already clamped to the image.
fn index(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// Sizes and pixel counts here are below 2^31.
fn signed(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests;
