//! The grid: stage headers, lane rows, cards and emotion points.

use egui::{Rangef, Rect, pos2, vec2};

use std::sync::Arc;

use egui::Galley;

use super::cells::{self, PainTexts, Setting, StageCells};
use super::curve_ends::{CurveEnds, curve_ends};
use super::emotion_labels;
use super::faces;
use super::placing::{Placer, Recycled};
use super::{
    ANSWERS_ARROW, CardLayout, LaneLayout, LineLayout, PointLayout, Proportions,
    SEVERITY_DOTS_WIDTH, StageLayout, Texts, channel_glyph, score_y, size,
};
use crate::model::{BlueprintLine, Card, JourneyMap, LaneId, LaneKind};

/// The lanes with their cards and points, and where the last row ends.
pub(super) struct Rows {
    pub lanes: Vec<LaneLayout>,
    pub lines: Vec<LineLayout>,
    pub cards: Recycled,
    pub points: Vec<PointLayout>,
    pub curve_ends: Vec<CurveEnds>,
    pub bottom: f32,
}

/// Stage headers (colour band, name, details), all as tall as the tallest,
/// starting at `top`; and the header row's vertical range.
pub(super) fn stage_headers(
    map: &JourneyMap,
    texts: &mut Texts<'_, '_>,
    scale: f32,
    columns: &[Rangef],
    top: f32,
) -> (Vec<StageLayout>, Rangef) {
    let s = |points: f32| points * scale;
    let column_width = columns.first().map_or(s(size::COLUMN_WIDTH), |c| c.span());
    let inner = column_width - s(2.0 * size::CELL_PAD);
    let laid: Vec<_> = map
        .stages
        .iter()
        .map(|stage| {
            let name = texts.bold(&stage.name, s(size::STAGE_NAME), inner);
            let details: Vec<&str> = [
                stage.description.as_str(),
                stage.owner.as_str(),
                stage.metrics.as_str(),
            ]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
            let details = (!details.is_empty())
                .then(|| texts.text(&details.join("\n"), s(size::SMALL), inner));
            (name, details)
        })
        .collect();
    let height = laid
        .iter()
        .map(|(name, details)| {
            s(size::BAND + 2.0 * size::CELL_PAD)
                + name.size().y
                + details.as_ref().map_or(0.0, |d| d.size().y + s(4.0))
        })
        .fold(s(56.0), f32::max);
    let row = Rangef::new(top, top + height);
    let stages = map
        .stages
        .iter()
        .zip(laid)
        .zip(columns)
        .map(|((stage, (name, details)), column)| StageLayout {
            id: stage.id.clone(),
            header: Rect::from_x_y_ranges(*column, row),
            column: *column,
            name,
            details,
            colour: stage.colour,
        })
        .collect();
    (stages, row)
}

/// Every lane from `top` down, each row as tall as its fullest cell (and
/// at least the `proportions`' least height) and their `row_extra` more.
#[expect(clippy::too_many_arguments, reason = "one layout pass's inputs")]
pub(super) fn lane_rows(
    map: &JourneyMap,
    links: &JourneyMap,
    texts: &mut Texts<'_, '_>,
    scale: f32,
    columns: &[Rangef],
    label_column: Rangef,
    top: f32,
    proportions: &Proportions,
) -> Rows {
    let s = |points: f32| points * scale;
    let column_width = columns.first().map_or(s(size::COLUMN_WIDTH), |c| c.span());
    let widths = (column_width, proportions.card_width);
    let mut lanes_laid = Vec::new();
    let mut blueprint_lines = Vec::new();
    let mut points = Vec::new();
    let mut ends = Vec::new();
    let mut bottom = top;
    // Found once, not by a search per card: a 20,000-card map would
    // otherwise compare ids hundreds of millions of times.
    let pain_texts: PainTexts<'_> = links
        .pain_points()
        .map(|card| (&card.id, card.text.as_str()))
        .collect();
    let lanes: Vec<(LaneId, LaneKind)> = map.lanes.iter().map(|l| (l.id.clone(), l.kind)).collect();
    // Each stage's cells, kept from the last layout where they are the same.
    let fresh: Vec<StageCells>;
    let mut kept = texts.take_cells();
    let recycled = kept.as_mut().and_then(|(cache, _)| cache.take_recycled());
    let cells: Vec<&StageCells> = if let Some((cache, generation)) = &mut kept {
        cache.begin(Setting {
            lanes: lanes.clone(),
            scale: scale.to_bits(),
            column_width: column_width.to_bits(),
            text: texts.factor().to_bits(),
            card_width: proportions.card_width.to_bits(),
        });
        cache.update(texts, &map.stages, &pain_texts, scale, *generation);
        map.stages
            .iter()
            .filter_map(|stage| cache.get(&stage.id))
            .collect()
    } else {
        fresh = map
            .stages
            .iter()
            .map(|stage| cells::lay_out(texts, stage, &lanes, &pain_texts, scale, widths))
            .collect();
        fresh.iter().collect()
    };
    let mut placer = Placer::new(recycled, map.card_count());
    for (lane_index, lane) in map.lanes.iter().enumerate() {
        let top = bottom;
        let name = texts.bold(
            &lane.name,
            s(size::LANE_NAME),
            s(size::LABEL_WIDTH - 2.0 * size::CELL_PAD),
        );
        let mut height = s(proportions.min_row).max(name.size().y + s(2.0 * size::CELL_PAD));
        if lane.kind == LaneKind::Emotion {
            // More lines for labels when a stage's points are crowded.
            let label_rows = label_lines(map, texts, scale, columns, lane_index);
            #[expect(clippy::cast_precision_loss, reason = "a few lines")]
            let more = 2.0 * (label_rows - 1) as f32 * size::SMALL * 1.4 * scale * texts.factor();
            height = height.max(s(proportions.emotion_row) + more);
        }
        if lane.kind.holds_cards() {
            for (stage_index, stage_cells) in cells.iter().enumerate() {
                let by = vec2(columns[stage_index].min, top);
                placer.place(lane_index, stage_index, stage_cells, by);
                let cell = &stage_cells.lanes[lane_index];
                height = height.max(cells::content_height(cell, scale));
            }
        }
        let mut extra = s(proportions.row_extra);
        if lane.kind == LaneKind::Emotion {
            extra += s(proportions.emotion_extra);
        }
        let row = Rangef::new(top, top + height + extra);
        if lane.kind == LaneKind::Emotion {
            emotion_points(map, texts, scale, columns, lane_index, row, &mut points);
            let text_scale = scale * texts.factor();
            ends.extend(curve_ends(
                map, links, lane_index, columns, row, scale, text_scale,
            ));
        }
        lanes_laid.push(LaneLayout {
            id: lane.id.clone(),
            kind: lane.kind,
            label: Rect::from_x_y_ranges(label_column, row),
            row,
            name,
            colour: lane.colour,
        });
        bottom = row.max;
        if let Some(line) = lane.line_below {
            let laid = line_layout(texts, scale, label_column, line, lane_index, bottom);
            bottom = laid.band.max;
            blueprint_lines.push(laid);
        }
    }
    if let Some((cache, _)) = kept {
        texts.put_cells(cache);
    }
    Rows {
        lanes: lanes_laid,
        lines: blueprint_lines,
        cards: placer.finish(),
        points,
        curve_ends: ends,
        bottom,
    }
}

/// A blueprint line under the lane `lane_index`, in a band from `top`: as
/// tall as its label (in the lane label column, wrapped to it) and a
/// little room.
fn line_layout(
    texts: &mut Texts<'_, '_>,
    scale: f32,
    label_column: Rangef,
    line: BlueprintLine,
    lane_index: usize,
    top: f32,
) -> LineLayout {
    let s = |points: f32| points * scale;
    let wrap = s(size::LABEL_WIDTH - 2.0 * size::CELL_PAD);
    let label = texts.text(&line.label().to_uppercase(), s(size::SMALL), wrap);
    let band = Rangef::new(top, top + label.size().y + s(2.0 * size::LINE_PAD));
    let label_pos = pos2(
        label_column.min + s(size::CELL_PAD),
        top + s(size::LINE_PAD),
    );
    // Through the label's last line, which it runs on from: a label that
    // wraps ("LINE OF INTERNAL / INTERACTION ·····") reads as one name.
    let last = label
        .rows
        .last()
        .map_or(label.size().y / 2.0, |row| row.rect().center().y);
    let y = label_pos.y + last;
    LineLayout {
        line,
        lane: lane_index,
        band,
        y,
        label,
        label_pos,
    }
}

/// The x of the `index`th of a stage's `count` points in an emotion lane:
/// they are spread evenly across the stage's `column`.
pub(super) fn point_x(column: Rangef, index: usize, count: usize) -> f32 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a stage holds a handful of points"
    )]
    let share = (index as f32 + 1.0) / (count as f32 + 1.0);
    column.min + column.span() * share
}

/// An emotion point's label.
fn point_label(texts: &mut Texts<'_, '_>, label: &str, scale: f32, column: Rangef) -> Arc<Galley> {
    texts.text(label, size::SMALL * scale, column.span() * 0.5)
}

/// How many lines of labels the emotion lane `lane_index` needs on each
/// side of its faces (see [`emotion_labels::tiers`]).
fn label_lines(
    map: &JourneyMap,
    texts: &mut Texts<'_, '_>,
    scale: f32,
    columns: &[Rangef],
    lane_index: usize,
) -> usize {
    let lane = &map.lanes[lane_index].id;
    let stages: Vec<(f32, f32)> = map
        .stages
        .iter()
        .zip(columns)
        .map(|(stage, column)| {
            let points: Vec<_> = stage.points_in(lane).collect();
            #[expect(clippy::cast_precision_loss, reason = "a stage's points are few")]
            let spacing = column.span() / (points.len() as f32 + 1.0);
            let widest = points
                .iter()
                .map(|point| point_label(texts, &point.label, scale, *column).size().x)
                .fold(0.0, f32::max);
            (spacing, widest)
        })
        .collect();
    emotion_labels::tiers(stages.into_iter())
}

/// The points of one emotion lane, spread evenly across each stage's
/// column, as faces of the radius that keeps the most crowded stage's
/// apart ([`faces::scaled_radius`]).
fn emotion_points(
    map: &JourneyMap,
    texts: &mut Texts<'_, '_>,
    scale: f32,
    columns: &[Rangef],
    lane_index: usize,
    row: Rangef,
    points: &mut Vec<PointLayout>,
) {
    let lane = &map.lanes[lane_index].id;
    let first = points.len();
    let column_width = columns.first().map_or(0.0, |c| c.span());
    let radius = faces::scaled_radius(&map.stages, column_width, scale);
    for (stage_index, stage) in map.stages.iter().enumerate() {
        let column = columns[stage_index];
        let in_stage: Vec<_> = stage.points_in(lane).collect();
        let count = in_stage.len();
        for (i, point) in in_stage.into_iter().enumerate() {
            let y = score_y(row, scale, scale * texts.factor(), point.score);
            let center = pos2(point_x(column, i, count), y);
            let label = point_label(texts, &point.label, scale, column);
            // Above a face the customer is happy at, below the others: the
            // zero line between +1 and 0 never runs through a label.
            let gap = radius + size::FACE_LABEL_GAP * scale;
            let label_y = if point.score > 0 {
                center.y - gap - label.size().y
            } else {
                center.y + gap
            };
            let label_pos = pos2(center.x - label.size().x / 2.0, label_y);
            points.push(PointLayout {
                id: point.id.clone(),
                stage: stage_index,
                lane: lane_index,
                center,
                score: point.score,
                company: point.company,
                future: point.future,
                label,
                label_pos,
            });
        }
    }
    let zero = score_y(row, scale, scale * texts.factor(), 0);
    let gap = size::FACE_LABEL_GAP * scale;
    let y = |score| score_y(row, scale, scale * texts.factor(), score);
    emotion_labels::place(&mut points[first..], row, zero, radius, gap, y);
}

/// One card's box and text, with its top at `top` in `column`.
pub(super) fn card_layout(
    texts: &mut Texts<'_, '_>,
    scale: f32,
    card: &Card,
    kind: LaneKind,
    answered: Option<&str>,
    column: Rangef,
    top: f32,
) -> CardLayout {
    let s = |points: f32| points * scale;
    let left = column.min + s(size::CELL_PAD);
    let right = column.max - s(size::CELL_PAD);
    let mut inset_left = s(size::CARD_PAD);
    let inset_right = s(size::CARD_PAD)
        + if card.moment_of_truth {
            s(size::STAR_WIDTH)
        } else {
            0.0
        };
    let channel = card.channel.filter(|_| kind == LaneKind::Touchpoints);
    let severity = card.severity.filter(|_| kind == LaneKind::PainPoints);
    // The icon and star are set with the text.
    let text_scale = scale * texts.factor();
    let t = move |points: f32| points * text_scale;
    if channel.is_some() {
        inset_left += t(size::ICON_WIDTH);
    }
    if kind == LaneKind::PainPoints {
        inset_left += s(size::STRIPE);
    }
    let wrap = (right - left - inset_left - inset_right).max(s(20.0));
    let body = texts.text(&card.text, s(size::TEXT), wrap);
    let text_pos = pos2(left + inset_left, top + s(size::CARD_PAD));
    let mut bottom = text_pos.y + body.size().y;
    let footer_text = match (kind, answered, severity) {
        (LaneKind::Opportunities, Some(pain), _) => {
            Some(format!("{ANSWERS_ARROW} answers: {pain}"))
        }
        (LaneKind::PainPoints, _, Some(severity)) => Some(format!("{} severity", severity.label())),
        _ => None,
    };
    // Severity dots are painted before the footer text.
    let dots = if severity.is_some() {
        s(SEVERITY_DOTS_WIDTH)
    } else {
        0.0
    };
    let footer = footer_text.map(|footer| {
        let galley = texts.italic(&footer, s(size::SMALL), wrap - dots);
        let pos = pos2(text_pos.x + dots, bottom + s(4.0));
        bottom = pos.y + galley.size().y;
        (pos, galley)
    });
    let height = (bottom + s(size::CARD_PAD) - top).max(s(size::CARD_MIN_HEIGHT));
    let rect = Rect::from_min_max(pos2(left, top), pos2(right, top + height));
    let icon = channel.map(|channel| {
        let galley = texts.text(channel_glyph(channel), s(size::ICON), f32::INFINITY);
        let centre = pos2(
            left + s(size::CARD_PAD) + t(size::ICON_WIDTH * 0.5 - 2.0),
            text_pos.y + t(size::TEXT * 0.65),
        );
        (centre, galley, channel)
    });
    CardLayout {
        id: card.id.clone(),
        stage: 0,
        lane: 0,
        index_in_cell: 0,
        rect,
        text: body,
        text_pos,
        footer,
        icon,
        severity,
        moment_of_truth: card.moment_of_truth,
        state: card.state,
    }
}
