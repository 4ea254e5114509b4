//! SVG: one file per slide, with every piece of text a real `<text>`
//! element that a designer can select and edit.

use std::fmt::Write as _;

use egui::{Color32, Pos2};

use super::fonts::SvgFace as _;
use super::items::{Item, Line, TextRun};
use crate::render::fonts::FontChain;

/// How far italic text leans, in degrees: egui moves a glyph's top right
/// by a quarter of its height.
const ITALIC_SKEW: f32 = -14.04;

/// The SVG of one page of `size` pixels: `items` on `background`.
pub fn write(size: [u32; 2], background: Color32, items: &[Item], fonts: &FontChain) -> String {
    let [width, height] = size;
    let mut svg = String::with_capacity(64 * items.len() + 512);
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\">"
    );
    if background.a() > 0 {
        let _ = writeln!(
            svg,
            "<rect width=\"100%\" height=\"100%\"{}/>",
            paint("fill", background)
        );
    }
    for item in items {
        match item {
            Item::Rect {
                rect,
                radii,
                fill,
                stroke,
            } => {
                let style = style(*fill, *stroke);
                if radii.iter().all(|r| (r - radii[0]).abs() < 0.01) {
                    let _ = writeln!(
                        svg,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"{style}/>",
                        n(rect.min.x),
                        n(rect.min.y),
                        n(rect.width()),
                        n(rect.height()),
                        n(radii[0]),
                    );
                } else {
                    let d = super::rounded_rect_path(*rect, *radii);
                    let _ = writeln!(svg, "<path d=\"{d}\"{style}/>");
                }
            }
            Item::Ellipse {
                center,
                radius,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    svg,
                    "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"{}/>",
                    n(center.x),
                    n(center.y),
                    n(radius.x),
                    n(radius.y),
                    style(*fill, *stroke)
                );
            }
            Item::Path {
                points,
                closed,
                fill,
                stroke,
            } => {
                let fill = if *closed { *fill } else { Color32::TRANSPARENT };
                let _ = writeln!(
                    svg,
                    "<path d=\"{}\"{}/>",
                    path_data(points, *closed),
                    style(fill, *stroke)
                );
            }
            Item::Text(run) => text(&mut svg, run, fonts),
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn text(svg: &mut String, run: &TextRun, fonts: &FontChain) {
    let Some(face) = fonts.faces().get(run.face) else {
        return;
    };
    let size = run.size * face.scale();
    let y = run.origin.y + face.y_offset(run.size);
    if !face.is_text_font() {
        // Channel icons and other symbols: drawn as shapes, so that they
        // show on machines without egui's symbol fonts.
        for glyph in &run.glyphs {
            if let Some(d) = face.outline(glyph.id, size) {
                let _ = writeln!(
                    svg,
                    "<path transform=\"translate({} {})\" d=\"{d}\"{}/>",
                    n(run.origin.x + glyph.x),
                    n(y),
                    paint("fill", run.color)
                );
            }
        }
        return;
    }
    let slant = if run.italic {
        format!(
            " transform=\"translate({} {}) skewX({ITALIC_SKEW}) translate({} {})\"",
            n(run.origin.x),
            n(y),
            n(-run.origin.x),
            n(-y)
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" font-family=\"{}\" font-weight=\"{}\" font-size=\"{}\" \
         textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\"{}{slant}>{}</text>",
        n(run.origin.x),
        n(y),
        face.css_family(),
        face.css_weight(),
        n(size),
        n(run.width()),
        paint("fill", run.color),
        escape(&run.text)
    );
}

/// SVG path data through `points`.
fn path_data(points: &[Pos2], closed: bool) -> String {
    let mut d = String::with_capacity(points.len() * 16);
    for (i, point) in points.iter().enumerate() {
        let command = if i == 0 { 'M' } else { 'L' };
        let _ = write!(d, "{command}{} {}", n(point.x), n(point.y));
    }
    if closed {
        d.push('Z');
    }
    d
}

fn style(fill: Color32, stroke: Option<Line>) -> String {
    let mut style = if fill.a() > 0 {
        paint("fill", fill)
    } else {
        " fill=\"none\"".to_owned()
    };
    if let Some(stroke) = stroke {
        style.push_str(&paint("stroke", stroke.color));
        let _ = write!(style, " stroke-width=\"{}\"", n(stroke.width));
    }
    style
}

/// ` fill="#rrggbb"`, with its opacity where it is not opaque.
fn paint(attribute: &str, color: Color32) -> String {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let mut paint = format!(" {attribute}=\"#{r:02x}{g:02x}{b:02x}\"");
    if a < u8::MAX {
        let _ = write!(
            paint,
            " {attribute}-opacity=\"{:.3}\"",
            f32::from(a) / 255.0
        );
    }
    paint
}

/// A number with at most two decimals, without trailing zeros.
fn n(value: f32) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Text made safe inside an XML element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(1.239), "1.24");
    }

    #[test]
    fn markup_and_control_characters_in_text_are_escaped() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(escape("bell\u{7}"), "bell\u{FFFD}");
    }
}
