//! The key to a map's symbols for slides: the emotion faces, the pain-point
//! severities, the channel icons and the moment-of-truth star, drawn with
//! the same shapes as the map itself.

use std::sync::Arc;

use egui::epaint::FontsView;
use egui::{Galley, Pos2, Rect, Shape, Vec2, pos2, vec2};

use super::layout::{channel_glyph, size, text};
use super::paint;
use super::theme::Theme;
use crate::model::{Channel, MAX_SCORE, MIN_SCORE, Severity};

/// A piece of the legend laid out at its own origin: a group's heading, or
/// one symbol with its caption.
struct Piece {
    size: Vec2,
    shapes: Vec<Shape>,
    /// A heading stays on the same row as the piece after it.
    heading: bool,
}

/// A legend laid out in rows no wider than `max_width`, at `scale` pixels
/// per map unit. Returns its size and its shapes, with its top-left at the
/// origin.
pub fn legend(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    max_width: f32,
) -> (Vec2, Vec<Shape>) {
    let mut pieces = feelings(fonts, theme, scale);
    pieces.extend(severities(fonts, theme, scale));
    pieces.extend(channels(fonts, theme, scale));
    pieces.extend(moment_of_truth(fonts, theme, scale));
    let (item_gap, group_gap, row_gap) = (12.0 * scale, 28.0 * scale, 8.0 * scale);
    // One line height for every piece, so that symbols and captions of all
    // groups sit on the same centre line.
    let line = pieces.iter().map(|p| p.size.y).fold(0.0, f32::max);
    let mut shapes = Vec::new();
    let mut at = Pos2::ZERO;
    let mut width = 0.0_f32;
    for (i, piece) in pieces.iter().enumerate() {
        let gap = if piece.heading { group_gap } else { item_gap };
        let x = if at.x > 0.0 { at.x + gap } else { 0.0 };
        // A heading needs room for its first item too.
        let needs = piece.size.x
            + pieces
                .get(i + 1)
                .filter(|_| piece.heading)
                .map_or(0.0, |next| item_gap + next.size.x);
        let x = if x > 0.0 && x + needs > max_width {
            at = pos2(0.0, at.y + line + row_gap);
            0.0
        } else {
            x
        };
        let offset = vec2(x, at.y + (line - piece.size.y) / 2.0);
        shapes.extend(piece.shapes.iter().cloned().map(|mut shape| {
            shape.translate(offset);
            shape
        }));
        at.x = x + piece.size.x;
        width = width.max(at.x);
    }
    (vec2(width, at.y + line), shapes)
}

fn caption(fonts: &mut FontsView<'_>, words: &str, scale: f32) -> Arc<Galley> {
    text(fonts, words, size::SMALL * scale, f32::INFINITY)
}

/// A group: its heading, then one piece per item, each an icon of `icon`
/// width drawn by `draw` at its centre, followed by its caption.
fn group<T: Copy>(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    heading: &str,
    items: &[(T, String)],
    icon: f32,
    mut draw: impl FnMut(T, Pos2, &mut Vec<Shape>),
) -> Vec<Piece> {
    let line = caption(fonts, "Ag", scale).size().y.max(icon);
    let mut pieces = Vec::new();
    if !heading.is_empty() {
        let heading = caption(fonts, heading, scale);
        pieces.push(Piece {
            size: vec2(heading.size().x, line),
            shapes: vec![Shape::galley(
                pos2(0.0, (line - heading.size().y) / 2.0),
                heading.clone(),
                theme.muted,
            )],
            heading: true,
        });
    }
    for (item, words) in items {
        let mut shapes = Vec::new();
        draw(*item, pos2(icon / 2.0, line / 2.0), &mut shapes);
        let label = caption(fonts, words, scale);
        let x = icon + 4.0 * scale;
        shapes.push(Shape::galley(
            pos2(x, (line - label.size().y) / 2.0),
            label.clone(),
            theme.text,
        ));
        pieces.push(Piece {
            size: vec2(x + label.size().x, line),
            shapes,
            heading: heading.is_empty() && pieces.is_empty(),
        });
    }
    pieces
}

fn feelings(fonts: &mut FontsView<'_>, theme: &Theme, scale: f32) -> Vec<Piece> {
    let items: Vec<(i8, String)> = (MIN_SCORE..=MAX_SCORE)
        .map(|score| (score, format!("{score:+}").replace('-', "−")))
        .collect();
    let r = 9.0 * scale;
    group(
        fonts,
        theme,
        scale,
        "Feeling",
        &items,
        2.0 * r,
        |score, centre, shapes| paint::face_shapes(theme, centre, r, score, scale, shapes),
    )
}

fn severities(fonts: &mut FontsView<'_>, theme: &Theme, scale: f32) -> Vec<Piece> {
    let items: Vec<(Severity, String)> = Severity::ALL
        .iter()
        .map(|s| (*s, s.label().to_owned()))
        .collect();
    let dots = super::SEVERITY_DOTS_WIDTH * scale;
    group(
        fonts,
        theme,
        scale,
        "Pain severity",
        &items,
        dots,
        |severity, centre, shapes| {
            let end = centre + vec2(dots / 2.0, 0.0);
            paint::severity_dots(scale, theme, severity, end, shapes);
        },
    )
}

fn channels(fonts: &mut FontsView<'_>, theme: &Theme, scale: f32) -> Vec<Piece> {
    let items: Vec<(Channel, String)> = Channel::ALL
        .iter()
        .map(|c| (*c, c.label().to_owned()))
        .collect();
    let icon = size::TEXT * scale * 1.3;
    let glyphs: Vec<(Channel, Arc<Galley>)> = Channel::ALL
        .iter()
        .map(|c| {
            (
                *c,
                text(fonts, channel_glyph(*c), size::TEXT * scale, f32::INFINITY),
            )
        })
        .collect();
    group(
        fonts,
        theme,
        scale,
        "Channels",
        &items,
        icon,
        |channel, centre, shapes| {
            if let Some((_, galley)) = glyphs.iter().find(|(c, _)| *c == channel) {
                let at = Rect::from_center_size(centre, galley.size()).min;
                shapes.push(Shape::galley(at, galley.clone(), theme.muted));
            }
        },
    )
}

fn moment_of_truth(fonts: &mut FontsView<'_>, theme: &Theme, scale: f32) -> Vec<Piece> {
    let items = [((), "moment of truth".to_owned())];
    group(
        fonts,
        theme,
        scale,
        "",
        &items,
        14.0 * scale,
        |(), centre, shapes| shapes.extend(paint::star(centre, 6.5 * scale, theme.moment_of_truth)),
    )
}
