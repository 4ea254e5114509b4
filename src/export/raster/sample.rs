//! Texture sampling as GL does it: nearest or bilinear, with the wrap modes.

use egui::epaint::Color32;
use egui::epaint::textures::{TextureFilter, TextureOptions, TextureWrapMode};

use super::Texture;
use super::fill::{index, px_f32, signed};

/// A texture as the shader samples it.
pub(super) struct Sampler<'a> {
    texels: &'a [Color32],
    w: i64,
    h: i64,
    pub(super) size: [f32; 2],
    pub(super) options: TextureOptions,
}

impl<'a> Sampler<'a> {
    pub(super) fn new(t: &'a Texture) -> Self {
        let (w, h) = (signed(t.size[0]), signed(t.size[1]));
        let size = [px_f32(w), px_f32(h)];
        Self {
            texels: &t.pixels,
            w,
            h,
            size,
            options: t.options,
        }
    }

    #[inline]
    fn texel(&self, x: i64, y: i64) -> [u32; 4] {
        let mode = self.options.wrap_mode;
        let i = wrap(y, self.h, mode) * self.w + wrap(x, self.w, mode);
        let c = self.texels.get(index(i)).copied().unwrap_or_default();
        c.to_array().map(u32::from)
    }

    /// The `len` texels from the one whose centre is `(u, v)` along its
    /// row, if they are all inside the texture.
    pub(super) fn row(&self, u: f32, v: f32, len: usize) -> Option<&'a [Color32]> {
        let (x, y) = (floor_i64(u), floor_i64(v));
        let end = x.checked_add(signed(len))?;
        if x < 0 || y < 0 || y >= self.h || end > self.w {
            return None;
        }
        let start = index(y * self.w + x);
        self.texels.get(start..start + len)
    }

    /// The texel colour (0..=255) at texel coordinates `(u, v)`, like GL's `texture2D`.
    #[inline]
    pub(super) fn sample(&self, u: f32, v: f32, filter: TextureFilter) -> [f32; 4] {
        if filter == TextureFilter::Nearest {
            return self.texel(floor_i64(u), floor_i64(v)).map(exact_f32);
        }
        // Bilinear with 8-bit weights like GPU texture units: exact on flat regions.
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

// Numeric conversions, each in one place with its reason.

#[expect(clippy::cast_possible_truncation, reason = "saturating, NaN → 0")]
#[expect(clippy::cast_precision_loss, reason = "only compared with the input")]
fn floor_i64(v: f32) -> i64 {
    let t = v as i64;
    t - i64::from((t as f32) > v) // floor without a libm call
}

#[expect(
    clippy::cast_precision_loss,
    reason = "bilinear sums are below 2^24, so exact"
)]
fn exact_f32(v: u32) -> f32 {
    v as f32
}

/// The low 8 bits: a bilinear weight out of 256.
fn weight(v: i64) -> u32 {
    u32::try_from(v & 255).unwrap_or(0)
}
