//! PDF: one page per slide, vector shapes and real text, through krilla,
//! which embeds each font as a subset of the glyphs used.

use egui::Color32;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::items::{Item, Line, TextRun};
use super::{Segment, ellipse, rounded_rect};
use crate::render::fonts::FontChain;

/// How far italic text leans: egui moves a glyph's top right by a quarter
/// of its height.
const ITALIC_SLANT: f32 = 0.25;

/// One page to write: its size in pixels, its background and what is on it.
pub struct PdfPage<'a> {
    /// Width and height in pixels.
    pub size: [u32; 2],
    /// The page colour, or transparent.
    pub background: Color32,
    /// What is drawn, in order.
    pub items: &'a [Item],
}

/// The PDF of `pages`, each `points_per_pixel` points per pixel, titled `title`.
pub fn write(
    pages: &[PdfPage<'_>],
    fonts: &FontChain,
    points_per_pixel: f32,
    title: &str,
) -> Result<Vec<u8>, String> {
    let faces: Vec<Option<Font>> = fonts
        .faces()
        .iter()
        .map(|face| Font::new(face.data.font.clone().into(), face.data.index))
        .collect();
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .creator("journeymap".to_owned()),
    );
    for page in pages {
        #[expect(clippy::cast_precision_loss, reason = "page sizes are far below 2^24")]
        let [width, height] = page.size.map(|side| side as f32 * points_per_pixel);
        let settings = PageSettings::from_wh(width, height)
            .ok_or_else(|| format!("a page cannot be {width}×{height} points"))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        surface.push_transform(&Transform::from_scale(points_per_pixel, points_per_pixel));
        if page.background.a() > 0 {
            #[expect(clippy::cast_precision_loss, reason = "page sizes are far below 2^24")]
            let [w, h] = page.size.map(|side| side as f32);
            fill_and_stroke(
                &mut surface,
                &rounded_rect(
                    egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h)),
                    [0.0; 4],
                ),
                page.background,
                None,
            );
        }
        for item in page.items {
            draw(&mut surface, item, fonts, &faces);
        }
        surface.pop();
        surface.finish();
        pdf_page.finish();
    }
    document.finish().map_err(|error| format!("{error:?}"))
}

fn draw(surface: &mut Surface<'_>, item: &Item, fonts: &FontChain, faces: &[Option<Font>]) {
    match item {
        Item::Rect {
            rect,
            radii,
            fill,
            stroke,
        } => fill_and_stroke(surface, &rounded_rect(*rect, *radii), *fill, *stroke),
        Item::Ellipse {
            center,
            radius,
            fill,
            stroke,
        } => fill_and_stroke(surface, &ellipse(*center, *radius), *fill, *stroke),
        Item::Path {
            points,
            closed,
            fill,
            stroke,
        } => {
            let mut segments: Vec<Segment> = points
                .iter()
                .enumerate()
                .map(|(i, &point)| {
                    if i == 0 {
                        Segment::Move(point)
                    } else {
                        Segment::Line(point)
                    }
                })
                .collect();
            let fill = if *closed {
                segments.push(Segment::Close);
                *fill
            } else {
                Color32::TRANSPARENT
            };
            fill_and_stroke(surface, &segments, fill, *stroke);
        }
        Item::Text(run) => text(surface, run, fonts, faces),
    }
}

fn fill_and_stroke(
    surface: &mut Surface<'_>,
    segments: &[Segment],
    fill: Color32,
    stroke: Option<Line>,
) {
    if fill.a() == 0 && stroke.is_none() {
        return;
    }
    let mut builder = PathBuilder::new();
    for segment in segments {
        match *segment {
            Segment::Move(p) => builder.move_to(p.x, p.y),
            Segment::Line(p) => builder.line_to(p.x, p.y),
            Segment::Cubic(a, b, p) => builder.cubic_to(a.x, a.y, b.x, b.y, p.x, p.y),
            Segment::Close => builder.close(),
        }
    }
    let Some(path) = builder.finish() else {
        return;
    };
    surface.set_fill((fill.a() > 0).then(|| solid_fill(fill)));
    surface.set_stroke(stroke.map(|line| {
        let (paint, opacity) = paint(line.color);
        Stroke {
            paint: paint.into(),
            width: line.width,
            opacity,
            ..Stroke::default()
        }
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

fn solid_fill(color: Color32) -> Fill {
    let (paint, opacity) = paint(color);
    Fill {
        paint: paint.into(),
        opacity,
        rule: FillRule::NonZero,
    }
}

fn paint(color: Color32) -> (rgb::Color, NormalizedF32) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    (
        rgb::Color::new(r, g, b),
        NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
    )
}

/// A run's glyphs at the places egui gave them, so that the PDF's text
/// sits exactly where the PNG's does, and reads as the run's characters.
fn text(surface: &mut Surface<'_>, run: &TextRun, fonts: &FontChain, faces: &[Option<Font>]) {
    let (Some(face), Some(Some(font))) = (fonts.faces().get(run.face), faces.get(run.face)) else {
        return;
    };
    let size = run.size * face.scale();
    if size <= 0.0 {
        return;
    }
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, glyph)| {
            let next = run
                .glyphs
                .get(i + 1)
                .map_or(glyph.x + glyph.advance, |next| next.x);
            KrillaGlyph {
                glyph_id: GlyphId::new(glyph.id),
                text_range: glyph.bytes.0..glyph.bytes.1,
                x_advance: (next - glyph.x) / size,
                x_offset: 0.0,
                y_offset: 0.0,
                y_advance: 0.0,
                location: None,
            }
        })
        .collect();
    let start = Point::from_xy(
        run.origin.x + run.glyphs.first().map_or(0.0, |g| g.x),
        run.origin.y + face.y_offset(run.size),
    );
    if run.italic {
        // Slanted about the baseline's start.
        surface.push_transform(&Transform::from_row(
            1.0,
            0.0,
            -ITALIC_SLANT,
            1.0,
            ITALIC_SLANT * start.y,
            0.0,
        ));
    }
    surface.set_fill(Some(solid_fill(run.color)));
    surface.draw_glyphs(start, &glyphs, font.clone(), &run.text, size, false);
    if run.italic {
        surface.pop();
    }
}
