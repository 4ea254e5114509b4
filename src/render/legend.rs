//! The key to a map's symbols for slides: the emotion faces, the pain-point
//! severities, the channel icons and the moment-of-truth star that the map
//! uses (and no others), drawn with the same shapes as the map itself.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use egui::epaint::FontsView;
use egui::{Galley, Pos2, Rect, Shape, Vec2, pos2, vec2};

use super::layout::{channel_glyph, size, text};
use super::paint;
use super::theme::Theme;
use crate::model::{
    Channel, JourneyMap, JourneyState, LaneId, LaneKind, MAX_SCORE, MIN_SCORE, Severity,
};

/// A piece of the legend laid out at its own origin: a group's heading, or
/// one symbol with its caption.
struct Piece {
    size: Vec2,
    shapes: Vec<Shape>,
    /// A heading stays on the same row as the piece after it.
    heading: bool,
}

/// The symbols a map shows, which its legend explains.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Used {
    /// The scores of its emotion points.
    pub scores: BTreeSet<i8>,
    /// The severities its pain points show.
    pub severities: BTreeSet<Severity>,
    /// The channels its touchpoints show.
    pub channels: BTreeSet<Channel>,
    /// Whether a card is a moment of truth.
    pub moment_of_truth: bool,
    /// Whether an emotion point records what the company believes.
    pub company: bool,
    /// Whether an emotion point shows a future score.
    pub future_curve: bool,
    /// The states of the cards of one state only that it shows.
    pub card_states: BTreeSet<JourneyState>,
}

impl Used {
    /// What `map` shows: a severity only on a card in a pain points lane
    /// and a channel only on one in a touchpoints lane, as the map draws
    /// them.
    pub fn by(map: &JourneyMap) -> Self {
        let kinds: HashMap<&LaneId, LaneKind> =
            map.lanes.iter().map(|lane| (&lane.id, lane.kind)).collect();
        let mut used = Self::default();
        for stage in &map.stages {
            used.scores
                .extend(stage.points.iter().map(|point| point.score));
            used.company |= stage.points.iter().any(|point| point.company.is_some());
            used.future_curve |= stage.points.iter().any(|point| point.future.is_some());
            for card in &stage.cards {
                used.card_states.extend(card.state);
                let kind = kinds.get(&card.lane).copied();
                if let Some(severity) = card.severity.filter(|_| kind == Some(LaneKind::PainPoints))
                {
                    used.severities.insert(severity);
                }
                if let Some(channel) = card.channel.filter(|_| kind == Some(LaneKind::Touchpoints))
                {
                    used.channels.insert(channel);
                }
                used.moment_of_truth |= card.moment_of_truth;
            }
        }
        used
    }
}

/// The key to the symbols `map` uses (and no others), laid out in rows no
/// wider than `max_width`, at `scale` pixels per map unit: its size and its
/// shapes, with its top-left at the origin. `None` when the map uses none.
pub fn legend(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    max_width: f32,
    map: &JourneyMap,
) -> Option<(Vec2, Vec<Shape>)> {
    let used = Used::by(map);
    let mut pieces = feelings(fonts, theme, scale, &used.scores);
    if used.company {
        pieces.extend(company_belief(fonts, theme, scale));
    }
    pieces.extend(future_state(fonts, theme, scale, &used));
    pieces.extend(severities(fonts, theme, scale, &used.severities));
    pieces.extend(channels(fonts, theme, scale, &used.channels));
    if used.moment_of_truth {
        pieces.extend(moment_of_truth(fonts, theme, scale));
    }
    if pieces.is_empty() {
        return None;
    }
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
    Some((vec2(width, at.y + line), shapes))
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
    if items.is_empty() {
        return pieces;
    }
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

fn feelings(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    scores: &BTreeSet<i8>,
) -> Vec<Piece> {
    let items: Vec<(i8, String)> = scores
        .iter()
        .map(|score| score.clamp(&MIN_SCORE, &MAX_SCORE))
        .map(|&score| (score, format!("{score:+}").replace('-', "−")))
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

fn severities(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    used: &BTreeSet<Severity>,
) -> Vec<Piece> {
    let items: Vec<(Severity, String)> = used.iter().map(|s| (*s, s.label().to_owned())).collect();
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

fn channels(
    fonts: &mut FontsView<'_>,
    theme: &Theme,
    scale: f32,
    used: &BTreeSet<Channel>,
) -> Vec<Piece> {
    let items: Vec<(Channel, String)> = used.iter().map(|c| (*c, c.label().to_owned())).collect();
    let icon = size::TEXT * scale * 1.3;
    let glyphs: Vec<(Channel, Arc<Galley>)> = used
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

/// The company's dashed curve through a diamond, and the shaded gap.
fn company_belief(fonts: &mut FontsView<'_>, theme: &Theme, scale: f32) -> Vec<Piece> {
    let items = [((), "company believes (shaded: the gap)".to_owned())];
    let width = 30.0 * scale;
    group(
        fonts,
        theme,
        scale,
        "",
        &items,
        width,
        |(), centre, shapes| {
            let (left, right) = (
                centre - vec2(width / 2.0, 0.0),
                centre + vec2(width / 2.0, 0.0),
            );
            shapes.push(Shape::rect_filled(
                Rect::from_min_max(
                    left + vec2(0.0, 1.0 * scale),
                    right + vec2(0.0, 7.0 * scale),
                ),
                0.0,
                theme.gap_fill(false),
            ));
            let stroke = egui::Stroke::new(2.0 * scale, theme.company);
            shapes.extend(Shape::dashed_line(
                &[left, right],
                stroke,
                7.0 * scale,
                4.0 * scale,
            ));
            shapes.push(paint::diamond(
                centre,
                9.0 * 0.42 * scale * 1.6,
                theme,
                scale,
            ));
        },
    )
}

/// What shows the future state beside today's: the future curve, and the
/// outlines of cards of one state only.
fn future_state(fonts: &mut FontsView<'_>, theme: &Theme, scale: f32, used: &Used) -> Vec<Piece> {
    #[derive(Clone, Copy)]
    enum Key {
        Curve,
        Card(JourneyState),
    }
    let curve = used
        .future_curve
        .then(|| (Key::Curve, "future feeling".to_owned()));
    let cards = used.card_states.iter().map(|&state| {
        let words = match state {
            JourneyState::Future => "future only",
            JourneyState::Current => "today only",
        };
        (Key::Card(state), words.to_owned())
    });
    let items: Vec<(Key, String)> = curve.into_iter().chain(cards).collect();
    let width = 30.0 * scale;
    group(
        fonts,
        theme,
        scale,
        "",
        &items,
        width,
        |key, centre, shapes| {
            let half = vec2(width / 2.0, 0.0);
            match key {
                Key::Curve => {
                    let stroke = egui::Stroke::new(3.0 * scale, theme.future);
                    shapes.push(Shape::line_segment([centre - half, centre + half], stroke));
                    shapes.push(Shape::circle_filled(centre, 5.0 * scale, theme.future));
                    shapes.push(Shape::circle_filled(centre, 2.3 * scale, theme.background));
                }
                Key::Card(state) => {
                    let rect = Rect::from_center_size(centre, vec2(width, 16.0 * scale));
                    let card = paint::state_card_key(theme, state, rect, scale);
                    shapes.extend(card);
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::with_fonts;

    /// Every text the legend draws.
    fn words(map: &JourneyMap) -> Option<Vec<String>> {
        let (_, shapes) = with_fonts(|fonts| legend(fonts, &Theme::light(), 1.0, 2000.0, map))?;
        Some(
            shapes
                .iter()
                .filter_map(|shape| match shape {
                    Shape::Text(text) => Some(text.galley.text().to_owned()),
                    _ => None,
                })
                .collect(),
        )
    }

    fn grocery_trip() -> JourneyMap {
        crate::samples::find("grocery-trip")
            .and_then(|sample| sample.map().ok())
            .unwrap_or_default()
    }

    #[test]
    fn the_legend_lists_only_the_symbols_the_map_uses() {
        let mut map = grocery_trip();
        for stage in &mut map.stages {
            for card in stage.cards.to_mut() {
                card.channel = card.channel.map(|_| Channel::Web);
                card.severity = card.severity.map(|_| Severity::High);
                card.moment_of_truth = false;
            }
            for point in &mut stage.points {
                point.score = if point.score < 0 { -2 } else { 1 };
            }
        }
        let words = words(&map).unwrap_or_default();
        for shown in [
            "Feeling",
            "−2",
            "+1",
            "Pain severity",
            "high",
            "Channels",
            "web",
        ] {
            assert!(words.iter().any(|w| w == shown), "{shown} in {words:?}");
        }
        for left_out in ["+3", "−3", "low", "critical", "phone", "moment of truth"] {
            assert!(
                !words.iter().any(|w| w == left_out),
                "{left_out} in {words:?}"
            );
        }
    }

    #[test]
    fn the_company_curve_is_in_the_legend_only_when_a_point_records_it() {
        const KEY: &str = "company believes (shaded: the gap)";
        let mut map = grocery_trip();
        let listed = |map: &JourneyMap| words(map).unwrap_or_default().iter().any(|w| w == KEY);
        assert!(!listed(&map));
        if let Some(point) = map
            .stages
            .iter_mut()
            .flat_map(|s| s.points.iter_mut())
            .next()
        {
            point.company = Some(2);
        }
        assert!(listed(&map));
    }

    #[test]
    fn a_channel_off_a_touchpoints_lane_is_not_in_the_legend() {
        // A card keeps its channel when moved out of a touchpoints lane,
        // but the map no longer draws it, so neither does the legend.
        let mut map = grocery_trip();
        let text_lane = map
            .lanes
            .iter()
            .find(|lane| lane.kind == LaneKind::Text)
            .map(|lane| lane.id.clone())
            .unwrap_or_default();
        for stage in &mut map.stages {
            for card in stage.cards.to_mut() {
                card.lane = text_lane.clone();
            }
        }
        let used = Used::by(&map);
        assert!(used.channels.is_empty());
        assert!(used.severities.is_empty());
    }

    #[test]
    fn a_map_without_symbols_has_no_legend() {
        let blank = crate::samples::find("blank")
            .and_then(|sample| sample.map().ok())
            .unwrap_or_default();
        assert_eq!(words(&blank), None);
    }
}
