//! Vector exports: PDF decks and SVG files of a map, painted by the same
//! painter as the screen and the PNG. The painter's shapes become outlines
//! and runs of text ([`items`]), each glyph where egui placed it, so a PDF
//! or SVG shows what the PNG shows, and its text can be selected, searched
//! and edited.

mod fonts;
mod items;
mod pdf;
mod svg;

use egui::{Pos2, Rect, Vec2, pos2};

use super::{ExportError, ExportOptions, Page, Size, background, insights_slides, pages};
use crate::model::JourneyMap;
use crate::render::fonts::FontChain;
use items::Item;

/// How a Bézier quarter circle's control points sit: 4/3·(√2 − 1).
const KAPPA: f32 = 0.552_284_8;

/// How many steps a pixel has for placing glyphs in a vector export.
const TEXT_GRID: f32 = 8.0;

/// A piece of an outline.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Segment {
    Move(Pos2),
    Line(Pos2),
    Cubic(Pos2, Pos2, Pos2),
    Close,
}

/// A rectangle with rounded corners (radii clockwise from the top left).
fn rounded_rect(rect: Rect, radii: [f32; 4]) -> Vec<Segment> {
    let [nw, ne, se, sw] = radii;
    let (left, top, right, bottom) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    // How far a corner's control points sit from the corner.
    let near = 1.0 - KAPPA;
    let mut out = vec![
        Segment::Move(pos2(left + nw, top)),
        Segment::Line(pos2(right - ne, top)),
    ];
    if ne > 0.0 {
        out.push(Segment::Cubic(
            pos2(right - ne * near, top),
            pos2(right, top + ne * near),
            pos2(right, top + ne),
        ));
    }
    out.push(Segment::Line(pos2(right, bottom - se)));
    if se > 0.0 {
        out.push(Segment::Cubic(
            pos2(right, bottom - se * near),
            pos2(right - se * near, bottom),
            pos2(right - se, bottom),
        ));
    }
    out.push(Segment::Line(pos2(left + sw, bottom)));
    if sw > 0.0 {
        out.push(Segment::Cubic(
            pos2(left + sw * near, bottom),
            pos2(left, bottom - sw * near),
            pos2(left, bottom - sw),
        ));
    }
    out.push(Segment::Line(pos2(left, top + nw)));
    if nw > 0.0 {
        out.push(Segment::Cubic(
            pos2(left, top + nw * near),
            pos2(left + nw * near, top),
            pos2(left + nw, top),
        ));
    }
    out.push(Segment::Close);
    out
}

/// An ellipse as four Bézier quarters.
fn ellipse(center: Pos2, radius: Vec2) -> Vec<Segment> {
    let (x, y) = (center.x, center.y);
    let (rx, ry) = (radius.x, radius.y);
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    vec![
        Segment::Move(pos2(x + rx, y)),
        Segment::Cubic(pos2(x + rx, y + ky), pos2(x + kx, y + ry), pos2(x, y + ry)),
        Segment::Cubic(pos2(x - kx, y + ry), pos2(x - rx, y + ky), pos2(x - rx, y)),
        Segment::Cubic(pos2(x - rx, y - ky), pos2(x - kx, y - ry), pos2(x, y - ry)),
        Segment::Cubic(pos2(x + kx, y - ry), pos2(x + rx, y - ky), pos2(x + rx, y)),
        Segment::Close,
    ]
}

/// SVG path data of a rounded rectangle.
fn rounded_rect_path(rect: Rect, radii: [f32; 4]) -> String {
    use std::fmt::Write as _;
    let mut d = String::new();
    for segment in rounded_rect(rect, radii) {
        let _ = match segment {
            Segment::Move(p) => write!(d, "M{} {}", p.x, p.y),
            Segment::Line(p) => write!(d, "L{} {}", p.x, p.y),
            Segment::Cubic(a, b, p) => {
                write!(d, "C{} {} {} {} {} {}", a.x, a.y, b.x, b.y, p.x, p.y)
            }
            Segment::Close => write!(d, "Z"),
        };
    }
    d
}

/// One page of an export, drawn as vector items.
struct VectorPage {
    size: [u32; 2],
    items: Vec<Item>,
}

/// Lays out and paints every page, in one font context.
fn vector_pages(
    map: &JourneyMap,
    options: &ExportOptions,
    fonts: &mut FontChain,
) -> Result<Vec<VectorPage>, ExportError> {
    let map = &*super::seen(map, options.state);
    // egui places glyphs on whole pixels; a vector page is zoomed into, where
    // that shows as uneven letter spacing. Laid out for a screen of this many
    // pixels per point, glyphs sit on a finer grid.
    let ctx = crate::render::fonts::outline_context(options.dark, TEXT_GRID);
    let pages: Vec<Page<'_>> = pages(map, options);
    let (drawings, insights) = ctx.fonts_mut(|egui_fonts| {
        let drawings = pages
            .iter()
            .map(|page| page.draw_vector(egui_fonts, options))
            .collect::<Result<Vec<_>, _>>();
        (drawings, insights_slides(egui_fonts, map, options))
    });
    let drawings = drawings?.into_iter().map(|d| (d.size, d.shapes));
    let insights = insights.into_iter().map(|s| (s.size, s.shapes));
    Ok(drawings
        .chain(insights)
        .map(|(size, shapes)| VectorPage {
            size,
            items: items::items(&shapes, fonts),
        })
        .collect())
}

/// The map as a PDF: one page per slide of the export (one, or one per
/// `split` stages, then any insights slides), with text a reader can
/// select and search.
pub fn pdf(map: &JourneyMap, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    super::check_scale(options)?;
    let mut fonts = FontChain::proportional();
    let pages = vector_pages(map, options, &mut fonts)?;
    // A slide is 13.33 × 7.5 inches, as presentation programs make them; a
    // whole map is at 96 pixels to the inch.
    let points_per_pixel = match options.size {
        Size::Slide { height, .. } => {
            #[expect(clippy::cast_precision_loss, reason = "slide heights are small")]
            let per = 540.0 / height.max(1) as f32;
            per
        }
        Size::Full { .. } => 0.75,
    };
    let pdf_pages: Vec<pdf::PdfPage<'_>> = pages
        .iter()
        .map(|page| pdf::PdfPage {
            size: page.size,
            background: background(options),
            items: &page.items,
        })
        .collect();
    pdf::write(&pdf_pages, &fonts, points_per_pixel, &map.title).map_err(ExportError::Pdf)
}

/// The map as SVG: one document per slide of the export, insights
/// slides included.
pub fn svgs(map: &JourneyMap, options: &ExportOptions) -> Result<Vec<String>, ExportError> {
    super::check_scale(options)?;
    let mut fonts = FontChain::proportional();
    let pages = vector_pages(map, options, &mut fonts)?;
    Ok(pages
        .iter()
        .map(|page| svg::write(page.size, background(options), &page.items, &fonts))
        .collect())
}
