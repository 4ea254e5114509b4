//! Triangle coverage, shading, texture sampling and blending.

use egui::epaint::Vertex;
use egui::epaint::textures::TextureFilter;

use super::sample::Sampler;
use super::{Job, PxRect};

/// Sub-pixel precision of vertex positions (8 bits, as on most GPUs).
const SUB: i64 = 256;
/// Triangles reaching further than this (in pixels) are clipped first, so the
/// fixed-point edge functions below cannot overflow `i64`.
const GUARD: f32 = 1_048_576.0;
/// Multiplying is faster than dividing by 255 in the per-pixel code.
const INV_255: f32 = 1.0 / 255.0;

/// Draws every job into `rows`: the image rows from `y0` on, `width` pixels each.
pub(super) fn render_band(jobs: &[Job<'_>], ppp: f32, rows: &mut [[u8; 4]], width: usize, y0: i64) {
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
                continue; // out-of-range index: skip the triangle
            };
            let ys = [a.pos.y, b.pos.y, c.pos.y].map(|y| y * ppp);
            if ys.iter().all(|&y| y < top) || ys.iter().all(|&y| y > bottom) {
                continue; // cheap reject for other bands (NaN falls through to `draw`)
            }
            let t = [a, b, c].map(|v| Pv::new(v, ppp, job.tex.size));
            draw(&mut band, job.clip, clip, t, &job.tex);
        }
    }
}

struct Band<'a> {
    rows: &'a mut [[u8; 4]],
    width: usize,
    y0: i64,
    memo: Memo,
}

/// A vertex in pixels: premultiplied colour (0..=255) then texel coordinates.
#[derive(Clone, Copy)]
struct Pv {
    x: f32,
    y: f32,
    a: [f32; 6],
}

impl Pv {
    fn new(vertex: &Vertex, ppp: f32, [tex_w, tex_h]: [f32; 2]) -> Self {
        let [red, green, blue, alpha] = vertex.color.to_array().map(f32::from);
        let (uv, pos) = (vertex.uv, vertex.pos);
        let a = [red, green, blue, alpha, uv.x * tex_w, uv.y * tex_h];
        Self {
            x: pos.x * ppp,
            y: pos.y * ppp,
            a,
        }
    }

    /// The point `t` of the way to `o`, in `f64`: the ends may be far off-screen.
    fn lerp(self, o: Self, t: f64) -> Self {
        let l = |a: f32, b: f32| narrow(f64::from(a) + (f64::from(b) - f64::from(a)) * t);
        let a = std::array::from_fn(|k| l(self.a[k], o.a[k]));
        Self {
            x: l(self.x, o.x),
            y: l(self.y, o.y),
            a,
        }
    }
}

/// `guard` is the job's whole clip rect and `clip` its part in this band.
fn draw(band: &mut Band<'_>, guard: PxRect, clip: PxRect, t: [Pv; 3], tex: &Sampler<'_>) {
    if !t.iter().all(|v| v.x.is_finite() && v.y.is_finite()) {
        return;
    }
    if t.iter().all(|v| v.x.abs() <= GUARD && v.y.abs() <= GUARD) {
        fill(band, clip, t, tex);
        return;
    }
    // Clip huge triangles (Sutherland–Hodgman) to just outside the clip rect,
    // not the band, so every band gets the same pieces, then fan them.
    let (x0, y0) = (wide(guard.x0) - 1.0, wide(guard.y0) - 1.0);
    let (x1, y1) = (wide(guard.x1) + 1.0, wide(guard.y1) + 1.0);
    let planes = [
        (false, 1.0, x0),
        (false, -1.0, x1),
        (true, 1.0, y0),
        (true, -1.0, y1),
    ];
    let mut poly = t.to_vec();
    for (vertical, sign, at) in planes {
        let dist = |v: &Pv| sign * (f64::from(if vertical { v.y } else { v.x }) - at);
        let mut out = Vec::with_capacity(poly.len() + 1);
        for (i, &a) in poly.iter().enumerate() {
            let b = poly[(i + 1) % poly.len()];
            let (da, db) = (dist(&a), dist(&b));
            if da >= 0.0 {
                out.push(a);
            }
            if (da >= 0.0) != (db >= 0.0) {
                // Step from the end nearer the plane (precise), chosen the same way
                // for both triangles sharing the edge, so they still meet exactly.
                if (da.abs(), a.x, a.y) < (db.abs(), b.x, b.y) {
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

/// One triangle edge `a → b`, in fixed point; pixels where `E(p) + bias >= 0` are inside.
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
        // edges go right; only they own the pixel centres lying exactly on them.
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
        // E = r + s·x at the centre x·SUB + SUB/2 of pixel x. Solving per row
        // instead of testing every pixel keeps long diagonal slivers cheap.
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
    let cross = |p: &[[i64; 2]; 3]| {
        (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[1][1] - p[0][1]) * (p[2][0] - p[0][0])
    };
    match cross(&p) {
        0 => return, // degenerate
        area if area < 0 => {
            p.swap(1, 2); // egui uses both windings
            t.swap(1, 2);
        }
        _ => {}
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
            shader.span(&mut band.rows[start + index(lo)..start + index(hi)], lo, y);
        }
    }
}

/// The last constant texel looked up: texture coordinates' bits and filter, and the texel.
type Memo = Option<(([u32; 2], TextureFilter), [f32; 4])>;

/// Attribute `k` at pixel `(x, y)` is `at[k] + gx[k]·(x − x0) + gy[k]·(y − y0)`.
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
    /// The premultiplied source colour when nothing varies.
    flat: Option<[f32; 4]>,
}

impl<'a> Shader<'a> {
    fn new(t: &[Pv; 3], p: [[i64; 2]; 3], tex: &'a Sampler<'a>, memo: &mut Memo) -> Self {
        let bits = |v: &Pv, k: usize| v.a[k].to_bits();
        let uniform =
            |k: usize| bits(&t[1], k) == bits(&t[0], k) && bits(&t[2], k) == bits(&t[0], k);
        // The snapped positions, so attributes agree with the coverage test.
        let [[x0, y0], [x1, y1], [x2, y2]] = p.map(|q| q.map(|v| wide(v) / wide(SUB)));
        let inv_det = 1.0 / ((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0));
        let (mut gx, mut gy) = ([0.0; 6], [0.0; 6]);
        for k in (0..6).filter(|&k| !uniform(k)) {
            let d1 = f64::from(t[1].a[k]) - f64::from(t[0].a[k]);
            let d2 = f64::from(t[2].a[k]) - f64::from(t[0].a[k]);
            gx[k] = (d1 * (y2 - y0) - d2 * (y1 - y0)) * inv_det;
            gy[k] = (d2 * (x1 - x0) - d1 * (x2 - x0)) * inv_det;
        }
        // GL uses the minification filter when a pixel spans more than one texel.
        let rho2 = (gx[4] * gx[4] + gx[5] * gx[5]).max(gy[4] * gy[4] + gy[5] * gy[5]);
        let options = tex.options;
        let filter = if rho2 > 1.0 {
            options.minification
        } else {
            options.magnification
        };
        let texel = (uniform(4) && uniform(5)).then(|| {
            // Most triangles sample one spot, epaint's WHITE_UV: remember it.
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
        let at = t[0].a.map(f64::from);
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
                for d in row {
                    blend(d, src);
                }
            }
            return;
        }
        // Evaluate in f64 at the span start, then step in f32 from there.
        let (cx, cy) = (wide(lo) + 0.5 - self.x0, wide(y) + 0.5 - self.y0);
        let start: [f32; 6] =
            std::array::from_fn(|k| narrow(self.at[k] + self.gx[k] * cx + self.gy[k] * cy));
        let step = self.gx.map(narrow);
        if self.texel.is_none() && self.copy_texels(row, start, step) {
            return;
        }
        self.shade(row, start, step);
    }

    /// Shades every pixel of a span whose attributes are `start` at its
    /// first pixel and change by `step` a pixel.
    fn shade(&self, row: &mut [[u8; 4]], start: [f32; 6], step: [f32; 6]) {
        for (i, d) in (0_i64..).zip(row) {
            let a: [f32; 6] = std::array::from_fn(|k| start[k] + step[k] * px_f32(i));
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

impl Shader<'_> {
    /// A glyph's span: one colour, and a texel a pixel, each pixel on a
    /// texel's centre, along a row of the texture. The general loop would
    /// sample exactly these texels, without filtering, one by one; this
    /// reads them in a run. Returns whether the span was such a one (and
    /// drawn).
    #[expect(
        clippy::float_cmp,
        reason = "exactly: only then are the texels read those shading would read"
    )]
    fn copy_texels(&self, row: &mut [[u8; 4]], start: [f32; 6], step: [f32; 6]) -> bool {
        let on_centre = |v: f32| v >= 0.0 && v.fract() == 0.5;
        let one_colour = step[..4].iter().all(|&g| g == 0.0);
        if !(one_colour && step[4] == 1.0 && step[5] == 0.0) {
            return false;
        }
        if !(on_centre(start[4]) && on_centre(start[5])) {
            return false;
        }
        let Some(texels) = self.tex.row(start[4], start[5], row.len()) else {
            return false;
        };
        for (d, texel) in row.iter_mut().zip(texels) {
            let texel = texel.to_array().map(f32::from);
            let src: [f32; 4] = std::array::from_fn(|k| start[k] * texel[k] * INV_255);
            if src.iter().any(|&c| c > 0.0) {
                blend(d, src);
            }
        }
        true
    }
}

/// `egui_glow`'s blend, `ONE, ONE_MINUS_SRC_ALPHA` for colour and
/// `ONE_MINUS_DST_ALPHA, ONE` for alpha, in 0..=255 units into 8 bits.
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

// Numeric conversions, each in one place with its reason. Float→int `as`
// saturates and maps NaN to 0, which is what odd input needs.

#[expect(clippy::cast_possible_truncation, reason = "saturating, NaN → 0")]
#[expect(clippy::cast_precision_loss, reason = "only compared with the input")]
fn to_fixed(v: f32) -> i64 {
    let v = f64::from(v) * 256.0 + 0.5;
    let t = v as i64;
    t - i64::from((t as f64) > v) // round half up without a libm call
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating, like egui_glow's `as i32`"
)]
pub(super) fn round_i64(v: f32) -> i64 {
    v.round() as i64
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "saturating to 0..=255"
)]
fn quantize(v: f32) -> u8 {
    (v + 0.5) as u8
}

#[expect(
    clippy::cast_precision_loss,
    reason = "pixel and texel coordinates are below 2^24"
)]
pub(super) fn px_f32(v: i64) -> f32 {
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

/// A non-negative index; callers pass values already clamped to the image or texture.
pub(super) fn index(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// Image and texture sizes are far below `i64::MAX`.
pub(super) fn signed(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use egui::epaint::Color32;
    use egui::epaint::textures::{TextureFilter, TextureOptions};

    use super::super::Texture;
    use super::{Sampler, Shader};

    #[test]
    fn a_glyph_span_read_in_a_run_is_what_shading_pixel_by_pixel_gives() {
        let texels: Vec<Color32> = (0..64_u8)
            .map(|i| Color32::from_white_alpha(i.wrapping_mul(37)))
            .collect();
        for filter in [TextureFilter::Linear, TextureFilter::Nearest] {
            let texture = Texture {
                size: [16, 4],
                pixels: texels.clone(),
                options: TextureOptions {
                    magnification: filter,
                    minification: filter,
                    ..TextureOptions::LINEAR
                },
            };
            let sampler = Sampler::new(&texture);
            let shader = Shader {
                x0: 0.0,
                y0: 0.0,
                at: [0.0; 6],
                gx: [0.0; 6],
                gy: [0.0; 6],
                tex: &sampler,
                filter,
                texel: None,
                flat: None,
            };
            let colour = [200.0, 40.0, 90.0, 230.0];
            for (u, v, len) in [(0.5, 0.5, 16), (3.5, 2.5, 9), (15.5, 3.5, 1)] {
                let start = [colour[0], colour[1], colour[2], colour[3], u, v];
                let step = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0];
                let background = [[12, 200, 99, 255]; 16];
                let mut fast = background;
                let mut slow = background;
                assert!(shader.copy_texels(&mut fast[..len], start, step));
                shader.shade(&mut slow[..len], start, step);
                assert_eq!(fast, slow, "{filter:?} from ({u}, {v})");
            }
            // Off a texel's centre, or past the texture's edge: not a run.
            let mut row = [[0_u8; 4]; 4];
            let step = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0];
            assert!(!shader.copy_texels(&mut row, [1.0, 1.0, 1.0, 1.0, 0.25, 0.5], step));
            assert!(!shader.copy_texels(&mut row, [1.0, 1.0, 1.0, 1.0, 14.5, 0.5], step));
        }
    }
}
