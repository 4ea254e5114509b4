//! The painter's shapes as what a vector format draws: filled and stroked
//! outlines, and runs of text in one font each, placed glyph by glyph
//! where egui placed them.

use egui::epaint::text::Glyph;
use egui::epaint::{ColorMode, Mesh, PathStroke, RectShape, TextShape};
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2};

use crate::render::fonts::FontChain;

/// How closely curves are followed when they are turned into lines, in pixels.
const CURVE_TOLERANCE: f32 = 0.1;

/// A line's width and colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Width in pixels.
    pub width: f32,
    /// Colour.
    pub color: Color32,
}

/// Something to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A rectangle with rounded corners (radii: top-left, top-right,
    /// bottom-right, bottom-left).
    Rect {
        /// The outline's rectangle.
        rect: Rect,
        /// Corner radii, clockwise from the top left.
        radii: [f32; 4],
        /// Fill, or transparent.
        fill: Color32,
        /// Outline, if any.
        stroke: Option<Line>,
    },
    /// An ellipse (a circle when both radii are equal).
    Ellipse {
        /// Centre.
        center: Pos2,
        /// Horizontal and vertical radius.
        radius: Vec2,
        /// Fill, or transparent.
        fill: Color32,
        /// Outline, if any.
        stroke: Option<Line>,
    },
    /// Straight segments through points, closed or not.
    Path {
        /// The points.
        points: Vec<Pos2>,
        /// Whether the last point joins the first.
        closed: bool,
        /// Fill (of a closed path), or transparent.
        fill: Color32,
        /// Outline, if any.
        stroke: Option<Line>,
    },
    /// Text in one font, size and colour.
    Text(TextRun),
}

/// Text in one font, size and colour, on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// The font: an index into the chain's faces.
    pub face: usize,
    /// The text's size in pixels (before the font's own scale).
    pub size: f32,
    /// Its colour.
    pub color: Color32,
    /// Whether it is slanted.
    pub italic: bool,
    /// Where the baseline starts.
    pub origin: Pos2,
    /// The characters, as drawn.
    pub text: String,
    /// Each character's glyph, from `origin`.
    pub glyphs: Vec<RunGlyph>,
}

impl TextRun {
    /// From the first glyph's start to the last's end.
    pub fn width(&self) -> f32 {
        self.glyphs.last().map_or(0.0, |last| last.x + last.advance)
    }
}

/// One character of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunGlyph {
    /// The glyph in the run's font.
    pub id: u32,
    /// Where it starts, from the run's origin.
    pub x: f32,
    /// How far egui moved on after it.
    pub advance: f32,
    /// Its bytes in the run's text.
    pub bytes: (usize, usize),
}

/// Everything `shapes` draw, in order.
pub fn items(shapes: &[Shape], fonts: &mut FontChain) -> Vec<Item> {
    let mut out = Vec::new();
    for shape in shapes {
        add(shape, fonts, &mut out);
    }
    out
}

fn line(stroke: Stroke) -> Option<Line> {
    (stroke.width > 0.0 && stroke.color.a() > 0).then_some(Line {
        width: stroke.width,
        color: stroke.color,
    })
}

fn path_line(stroke: &PathStroke) -> Option<Line> {
    match stroke.color {
        ColorMode::Solid(color) => line(Stroke::new(stroke.width, color)),
        ColorMode::UV(_) => None,
    }
}

fn add(shape: &Shape, fonts: &mut FontChain, out: &mut Vec<Item>) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|shape| add(shape, fonts, out)),
        Shape::Rect(rect) => out.push(rect_item(rect)),
        Shape::Circle(circle) => out.push(Item::Ellipse {
            center: circle.center,
            radius: Vec2::splat(circle.radius),
            fill: circle.fill,
            stroke: line(circle.stroke),
        }),
        Shape::Ellipse(ellipse) => out.push(Item::Ellipse {
            center: ellipse.center,
            radius: ellipse.radius,
            fill: ellipse.fill,
            stroke: line(ellipse.stroke),
        }),
        Shape::LineSegment { points, stroke } => out.push(Item::Path {
            points: points.to_vec(),
            closed: false,
            fill: Color32::TRANSPARENT,
            stroke: line(*stroke),
        }),
        Shape::Path(path) => out.push(Item::Path {
            points: path.points.clone(),
            closed: path.closed,
            fill: path.fill,
            stroke: path_line(&path.stroke),
        }),
        Shape::QuadraticBezier(curve) => out.push(Item::Path {
            points: curve.flatten(Some(CURVE_TOLERANCE)),
            closed: curve.closed,
            fill: curve.fill,
            stroke: path_line(&curve.stroke),
        }),
        Shape::CubicBezier(curve) => out.push(Item::Path {
            points: curve.flatten(Some(CURVE_TOLERANCE)),
            closed: curve.closed,
            fill: curve.fill,
            stroke: path_line(&curve.stroke),
        }),
        Shape::Mesh(mesh) => mesh_items(mesh, out),
        Shape::Text(text) => text_runs(text, fonts, out),
        Shape::Noop | Shape::Band(_) | Shape::Callback(_) => {}
    }
}

fn rect_item(shape: &RectShape) -> Item {
    let stroke = line(shape.stroke);
    // The outline's centre line, as egui strokes it.
    let rect = match (stroke, shape.stroke_kind) {
        (Some(stroke), StrokeKind::Inside) => shape.rect.shrink(stroke.width / 2.0),
        (Some(stroke), StrokeKind::Outside) => shape.rect.expand(stroke.width / 2.0),
        _ => shape.rect,
    };
    let corner = shape.corner_radius;
    let limit = rect.width().min(rect.height()) / 2.0;
    let radii = [corner.nw, corner.ne, corner.se, corner.sw].map(|r| f32::from(r).min(limit));
    Item::Rect {
        rect,
        radii,
        fill: shape.fill,
        stroke,
    }
}

/// Each triangle of a mesh in its first corner's colour (the painter's
/// meshes are flat-coloured quads).
fn mesh_items(mesh: &Mesh, out: &mut Vec<Item>) {
    for triangle in mesh.indices.chunks_exact(3) {
        let corners: Option<Vec<_>> = triangle
            .iter()
            .map(|&index| mesh.vertices.get(usize::try_from(index).ok()?))
            .collect();
        let Some(corners) = corners else { continue };
        out.push(Item::Path {
            points: corners.iter().map(|vertex| vertex.pos).collect(),
            closed: true,
            fill: corners[0].color,
            stroke: None,
        });
    }
}

/// A text shape's rows as runs, split where the font changes.
fn text_runs(shape: &TextShape, fonts: &mut FontChain, out: &mut Vec<Item>) {
    let galley = &shape.galley;
    let Some(format) = galley.job.sections.first().map(|section| &section.format) else {
        return;
    };
    let mut color = if format.color == Color32::PLACEHOLDER {
        shape.fallback_color
    } else {
        format.color
    };
    if let Some(forced) = shape.override_text_color {
        color = forced;
    }
    let color = color.gamma_multiply(shape.opacity_factor);
    let bold = format.font_id.family == crate::render::fonts::bold();
    for placed in &galley.rows {
        let row_origin = shape.pos + placed.pos.to_vec2();
        let mut run: Option<TextRun> = None;
        for Unligated {
            chr,
            baseline,
            advance,
            face,
            id,
        } in unligated(&placed.row.glyphs, bold, fonts)
        {
            let at = row_origin + baseline.to_vec2();
            if run.as_ref().is_some_and(|run| run.face != face) {
                push_run(run.take(), out);
            }
            let run = run.get_or_insert_with(|| TextRun {
                face,
                size: format.font_id.size,
                color,
                italic: format.italics,
                origin: at,
                text: String::new(),
                glyphs: Vec::new(),
            });
            let start = run.text.len();
            run.text.push(chr);
            run.glyphs.push(RunGlyph {
                id,
                x: at.x - run.origin.x,
                advance,
                bytes: (start, run.text.len()),
            });
        }
        push_run(run, out);
    }
}

/// One character of a row, drawn with its own glyph.
struct Unligated {
    chr: char,
    /// Where its baseline starts, in the row.
    baseline: Pos2,
    /// How far it goes.
    advance: f32,
    /// The font that draws it (an index into the chain's faces) and its glyph.
    face: usize,
    id: u32,
}

/// Each character of a row, with where it goes and the glyph it is drawn with.
///
/// egui shapes text with the font's ligatures: "ff" or "fi" is one glyph,
/// on the first character, and the others of the cluster follow with no
/// width. egui does not say which glyph that is, so each character is
/// drawn with its own glyph instead, the cluster's width shared among
/// them as the font's own widths share it: the same look, and a PDF's text
/// reads as the characters typed.
fn unligated(glyphs: &[Glyph], bold: bool, fonts: &mut FontChain) -> Vec<Unligated> {
    let mut out = Vec::with_capacity(glyphs.len());
    let mut i = 0;
    while let Some(first) = glyphs.get(i) {
        let cluster_len = 1 + glyphs[i + 1..]
            .iter()
            .take_while(|glyph| glyph.advance_width == 0.0)
            .count();
        let cluster = &glyphs[i..i + cluster_len];
        let found: Vec<(usize, u32, f32)> = cluster
            .iter()
            .map(|glyph| fonts.glyph_in(glyph.chr, bold))
            .collect();
        let total: f32 = found.iter().map(|&(_, _, width)| width).sum();
        let mut x = first.pos.x;
        for (glyph, (face, id, width)) in cluster.iter().zip(found) {
            let advance = if cluster_len == 1 {
                first.advance_width
            } else if total > 0.0 {
                first.advance_width * width / total
            } else {
                0.0
            };
            out.push(Unligated {
                chr: glyph.chr,
                baseline: pos2(x, first.pos.y),
                advance,
                face,
                id,
            });
            x += advance;
        }
        i += cluster_len;
    }
    out
}

/// Keeps a run unless it is only blank.
fn push_run(run: Option<TextRun>, out: &mut Vec<Item>) {
    if let Some(run) = run.filter(|run| !run.text.trim().is_empty()) {
        out.push(Item::Text(run));
    }
}
