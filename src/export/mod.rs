//! PNG images of a map for slides, rendered headless on the CPU with the
//! same painter as the screen: [`compose`] lays the map out at the image's
//! own pixel size (so text is crisp, never upscaled) and turns it into
//! epaint shapes; egui tessellates them exactly as for the screen; and
//! [`raster`] fills the pixels. PDF decks and SVG files take the same
//! shapes as vector outlines and real text (`vector`).

mod compose;
pub mod insights;
pub mod raster;
mod set;
pub mod slides;
mod vector;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use egui::Color32;
use image::RgbaImage;
use thiserror::Error;

pub use compose::{Drawing, Page, pages, pages_with};
pub use insights::{InsightsKind, InsightsSlide, insights_slides};
pub use slides::Split;
pub use vector::{pdf, svgs};

use crate::io::{self, Overwrite, SaveError};
use crate::model::{JourneyMap, StateView};

/// The width and height of a 1080p slide.
pub const SLIDE_1080P: [u32; 2] = [1920, 1080];
/// The width and height of a 4K slide.
pub const SLIDE_4K: [u32; 2] = [3840, 2160];

/// The image sizes offered by the command line and the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// 1920×1080: the map fitted into a full-HD slide.
    Slide1080p,
    /// 3840×2160: the map fitted into a 4K slide.
    Slide4k,
    /// The whole map at a scale, however large.
    Full,
}

impl Preset {
    /// The image size of this preset; `scale` is used by [`Preset::Full`].
    pub fn size(self, scale: f32) -> Size {
        let slide = |[width, height]: [u32; 2]| Size::Slide { width, height };
        match self {
            Self::Slide1080p => slide(SLIDE_1080P),
            Self::Slide4k => slide(SLIDE_4K),
            Self::Full => Size::Full { scale },
        }
    }
}

/// How large the image is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
    /// A slide: the map fits inside with margins, keeping its proportions.
    Slide {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The whole map at `scale` pixels per point (1 is what the editor
    /// shows at 100 %), as large as that makes it.
    Full {
        /// Pixels per map point: 1, 2 or 3 for ordinary, Retina and print.
        scale: f32,
    },
}

/// The kind of file an export writes, from the output's extension.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FileFormat {
    /// PNG images, one per slide.
    #[default]
    Png,
    /// One PDF, a page per slide: vector, with text to select and search.
    Pdf,
    /// SVG files, one per slide, with text as `<text>` to edit.
    Svg,
}

impl FileFormat {
    /// Every format, in the order the editor offers them.
    pub const ALL: [Self; 3] = [Self::Png, Self::Pdf, Self::Svg];

    /// The format an output path asks for by its extension (any case), if
    /// it names one of these.
    pub fn of(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|format| format.extension() == extension)
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Pdf => "pdf",
            Self::Svg => "svg",
        }
    }

    /// What a file dialog calls it.
    pub fn description(self) -> &'static str {
        match self {
            Self::Png => "PNG image",
            Self::Pdf => "PDF document",
            Self::Svg => "SVG drawing",
        }
    }
}

/// Everything that decides an export, apart from the map.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent yes-or-no choices, as the command line's flags are"
)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportOptions {
    /// The image size.
    pub size: Size,
    /// Light text on dark instead of dark on white.
    pub dark: bool,
    /// A transparent background instead of the theme's page colour.
    pub transparent: bool,
    /// Draw the key to faces, severities, channels and stars.
    pub legend: bool,
    /// How the map is split over slides (or images of the whole map).
    pub split: Split,
    /// Which state of the journey the slides show: today's, the
    /// improved one, or both (the default).
    pub state: StateView,
    /// Add the insights slides after the map's: the health table, the
    /// biggest gaps, the top pain points and opportunities, and the
    /// opportunity matrix when opportunities are rated ([`insights`]).
    pub insights: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            size: Size::Slide {
                width: SLIDE_1080P[0],
                height: SLIDE_1080P[1],
            },
            dark: false,
            transparent: false,
            legend: true,
            split: Split::Automatic,
            state: StateView::Both,
            insights: false,
        }
    }
}

/// `map` as an export with `state` shows it ([`JourneyMap::seen_in`]).
/// The title says which state a slide shows, when the map records a
/// future state and the slide shows only one.
pub fn seen(map: &JourneyMap, state: StateView) -> Cow<'_, JourneyMap> {
    let mut seen = map.seen_in(state);
    let which = match state {
        StateView::Current => "current state",
        StateView::Future => "future state",
        StateView::Both => return seen,
    };
    if let Cow::Owned(seen) = &mut seen {
        seen.title = format!("{} — {which}", seen.title);
    }
    seen
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The image would be too large to hold in memory sensibly.
    #[error(
        "the image would be {width}×{height} pixels, more than journeymap draws \
         ({} pixels a side, {} megapixels); choose a smaller --scale or --split the map",
        raster::MAX_SIDE,
        raster::MAX_PIXELS / 1_000_000
    )]
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A scale that is not a positive number.
    #[error("the scale must be a number above 0 and at most 8, not {0}")]
    BadScale(f32),
    /// egui ran no frame to draw the map in (not expected to happen).
    #[error("the map was not drawn")]
    NothingDrawn,
    /// The rasteriser refused the frame.
    #[error("the image could not be drawn: {0}")]
    Raster(#[from] raster::RasterError),
    /// The PDF could not be made.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    /// PNG encoding failed.
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] SaveError),
    /// The map is larger than journeymap draws.
    #[error(transparent)]
    MapTooLarge(#[from] crate::model::limits::TooLarge),
}

/// Renders the map as one image, or one per group of stages with `split`,
/// and the insights slides after them when `options` asks for them.
pub fn render(map: &JourneyMap, options: &ExportOptions) -> Result<Vec<RgbaImage>, ExportError> {
    check_scale(options)?;
    set::rasterize_set(map, options, false)
}

fn check_scale(options: &ExportOptions) -> Result<(), ExportError> {
    match options.size {
        Size::Full { scale } if !(scale > 0.0 && scale <= 8.0) => Err(ExportError::BadScale(scale)),
        _ => Ok(()),
    }
}

/// The page colour behind the map: the theme's, or none.
fn background(options: &ExportOptions) -> Color32 {
    if options.transparent {
        Color32::TRANSPARENT
    } else if options.dark {
        crate::render::Theme::dark().background
    } else {
        Color32::WHITE
    }
}

/// Encodes an image as PNG. `Fast` compression: at 4K it takes a fraction of
/// `Default`'s time for files a little larger (figures in the README).
pub fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, ExportError> {
    use image::ImageEncoder as _;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|error| ExportError::Encode(error.to_string()))?;
    Ok(bytes)
}

/// The files an export of `count` images to `out` writes: `out` itself for
/// one image; `out-1.png`, `out-2.png`, … (with `out`'s own extension) for
/// several.
pub fn output_paths(out: &Path, count: usize) -> Vec<PathBuf> {
    if count == 1 {
        return vec![out.to_owned()];
    }
    let stem = out.file_stem().map_or_else(
        || "journey-map".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let extension = out
        .extension()
        .map_or_else(|| "png".to_owned(), |e| e.to_string_lossy().into_owned());
    (1..=count)
        .map(|i| out.with_file_name(format!("{stem}-{i}.{extension}")))
        .collect()
}

/// Renders, encodes and writes the export (each file atomically) in the
/// format `out`'s extension names (PNG when it names none of them),
/// returning the paths written.
pub fn export(
    map: &JourneyMap,
    options: &ExportOptions,
    out: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    export_with_progress(map, options, out, |_, _| {})
}

/// [`export`], calling `progress(done, total)` after each image is written.
pub fn export_with_progress(
    map: &JourneyMap,
    options: &ExportOptions,
    out: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<PathBuf>, ExportError> {
    crate::model::limits::check(map)?;
    match FileFormat::of(out).unwrap_or_default() {
        FileFormat::Png => {}
        FileFormat::Pdf => {
            let bytes = pdf(map, options)?;
            io::write_atomically(out, &bytes, Overwrite::Allow)?;
            progress(1, 1);
            return Ok(vec![out.to_owned()]);
        }
        FileFormat::Svg => {
            let documents = svgs(map, options)?;
            let paths = output_paths(out, documents.len());
            for (done, (svg, path)) in documents.iter().zip(&paths).enumerate() {
                io::write_atomically(path, svg.as_bytes(), Overwrite::Allow)?;
                progress(done + 1, documents.len());
            }
            return Ok(paths);
        }
    }
    check_scale(options)?;
    write_pngs(map, options, out, progress)
}

/// Renders the PNG images of the export and writes them, each encoded and
/// written on a second thread while the next is drawn.
fn write_pngs(
    map: &JourneyMap,
    options: &ExportOptions,
    out: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<PathBuf>, ExportError> {
    // An image is handed over once the last is written: two are held, and
    // each written one comes back to be drawn into again.
    let (images, drawn) = std::sync::mpsc::sync_channel::<(RgbaImage, usize)>(0);
    let (written, report) = std::sync::mpsc::channel::<(usize, usize, RgbaImage)>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<Vec<PathBuf>, ExportError> {
            let mut paths = Vec::new();
            for (i, (image, count)) in drawn.into_iter().enumerate() {
                if paths.is_empty() {
                    paths = output_paths(out, count);
                }
                let path = paths.get(i).ok_or(ExportError::NothingDrawn)?;
                io::write_atomically(path, &encode_png(&image)?, Overwrite::Allow)?;
                // The drawing side may have stopped; nothing to tell then.
                let _ = written.send((i + 1, count, image));
            }
            Ok(paths)
        });
        let drawing = set::rasterize_set_into(map, options, false, |image, count| {
            // A closed channel: the writer stopped on an error, which is
            // the one to report.
            images
                .send((image, count))
                .map_err(|_| ExportError::NothingDrawn)?;
            // The writer takes an image only when it has written (and
            // given back) the one before.
            let mut spare = None;
            for (done, total, image) in report.try_iter() {
                progress(done, total);
                spare = Some(image);
            }
            Ok(spare)
        });
        drop(images);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(ExportError::Encode("the PNG writer stopped".to_owned())));
        for (done, total, _) in report.try_iter() {
            progress(done, total);
        }
        let paths = written?;
        drawing?;
        Ok(paths)
    })
}

/// The first image of an export, e.g. for a preview.
pub fn render_first(map: &JourneyMap, options: &ExportOptions) -> Result<RgbaImage, ExportError> {
    check_scale(options)?;
    set::rasterize_set(map, options, true)?
        .into_iter()
        .next()
        .ok_or(ExportError::NothingDrawn)
}
