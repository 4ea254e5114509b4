//! Everyone else's selection on the canvas: an outline in their colour
//! around each card, point, stage header and lane label they selected, a
//! tag with their name, and "Ana is typing…" where they type.

use std::collections::HashSet;

use egui::{FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2, vec2};

use super::{Other, text_on};
use crate::model::{CardId, PointId};
use crate::net::Typing;
use crate::render::Layout;
use crate::ui::placement::Placement;

/// How many of someone's selected cards get a name tag: more would hide
/// the map.
const MAX_TAGS: usize = 3;

/// Outlines what the others selected and type in, where it is drawn.
pub fn outline_others(ui: &egui::Ui, placement: &Placement, layout: &Layout, others: &[Other]) {
    let body = ui.painter_at(placement.body_clip);
    let headers = ui.painter_at(placement.header_clip);
    let labels = ui.painter_at(placement.label_clip);
    for (nth, other) in others.iter().enumerate() {
        // Two people on one card: the second outline goes around the first.
        #[expect(clippy::cast_precision_loss, reason = "a handful of people")]
        let gap = 3.0 + 4.0 * (nth % 4) as f32;
        let stroke = Stroke::new(3.0, other.colour);
        let typing = typing_rect(other, layout, placement);
        let cards: HashSet<&CardId> = other.selected.cards.iter().collect();
        let mut tags = 0;
        for card in layout.cards.iter().filter(|c| cards.contains(&c.id)) {
            let rect = placement.body_to_screen(card.rect).expand(gap);
            body.rect_stroke(rect, 6.0, stroke, StrokeKind::Outside);
            if tags < MAX_TAGS && !other.is_typing_in(&card.id) {
                tag(&body, rect, &other.name, other);
                tags += 1;
            }
        }
        let points: HashSet<&PointId> = other.selected.points.iter().collect();
        let radius = layout.face_radius() + gap + 2.0;
        for point in layout.points.iter().filter(|p| points.contains(&p.id)) {
            let centre = point.center + placement.origin;
            body.circle_stroke(centre, radius, stroke);
            if tags < MAX_TAGS {
                let rect = Rect::from_center_size(centre, Vec2::splat(2.0 * radius));
                tag(&body, rect, &other.name, other);
                tags += 1;
            }
        }
        if let Some(stage) =
            (layout.stages.iter()).find(|s| other.selected.stage.as_ref() == Some(&s.id))
        {
            let rect = stage.header.translate(placement.header_offset).shrink(2.0);
            headers.rect_stroke(rect, 4.0, stroke, StrokeKind::Inside);
            tag(&headers, rect.shrink(2.0), &other.name, other);
        }
        if let Some(lane) =
            (layout.lanes.iter()).find(|l| other.selected.lane.as_ref() == Some(&l.id))
        {
            let rect = lane.label.translate(placement.label_offset).shrink(2.0);
            labels.rect_stroke(rect, 4.0, stroke, StrokeKind::Inside);
            tag(&labels, rect.shrink(2.0), &other.name, other);
        }
        if let Some((painter, rect)) = typing.map(|(which, rect)| match which {
            Strip::Body => (&body, rect.expand(gap)),
            Strip::Headers => (&headers, rect.shrink(2.0)),
            Strip::Labels => (&labels, rect.shrink(2.0)),
        }) {
            painter.rect_stroke(rect, 6.0, stroke, StrokeKind::Outside);
            tag(painter, rect, &format!("{} is typing…", other.name), other);
        }
    }
}

/// Where something is drawn: the body scrolls, the headers and labels are
/// kept in view.
enum Strip {
    Body,
    Headers,
    Labels,
}

/// Where `other` types, on screen.
fn typing_rect(other: &Other, layout: &Layout, placement: &Placement) -> Option<(Strip, Rect)> {
    let stage_column = |id| layout.stages.iter().find(|s| &s.id == id);
    let lane_row = |id| layout.lanes.iter().find(|l| &l.id == id);
    Some(match other.typing.as_ref()? {
        Typing::Card(id) => {
            let card = layout.cards.iter().find(|c| &c.id == id)?;
            (Strip::Body, placement.body_to_screen(card.rect))
        }
        Typing::NewCard { stage, lane } => {
            let cell = Rect::from_x_y_ranges(stage_column(stage)?.column, lane_row(lane)?.row);
            (Strip::Body, placement.body_to_screen(cell.shrink(4.0)))
        }
        Typing::Point(id) => {
            let point = layout.points.iter().find(|p| &p.id == id)?;
            let size = Vec2::splat(2.0 * layout.face_radius());
            let face = Rect::from_center_size(point.center, size);
            (Strip::Body, placement.body_to_screen(face))
        }
        Typing::Stage(id) => (
            Strip::Headers,
            stage_column(id)?.header.translate(placement.header_offset),
        ),
        Typing::Lane(id) => (
            Strip::Labels,
            lane_row(id)?.label.translate(placement.label_offset),
        ),
    })
}

/// A small tag with `text` in `other`'s colour, just above `outlined`'s
/// top-left corner (inside it, where there is no room above), kept in
/// view at the left.
fn tag(painter: &Painter, outlined: Rect, text: &str, other: &Other) {
    let ink = text_on(other.colour);
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(13.0), ink);
    let size = galley.size() + vec2(10.0, 4.0);
    let mut min = Pos2::new(outlined.min.x, outlined.min.y - size.y);
    let clip = painter.clip_rect();
    if min.y < clip.min.y {
        min.y = outlined.min.y;
    }
    // Not hidden under the lane labels when the card is at the left edge.
    min.x = min.x.max(clip.min.x);
    let pill = Rect::from_min_size(min, size);
    painter.rect_filled(pill, 4.0, other.colour);
    painter.galley(pill.min + vec2(5.0, 2.0), galley, ink);
}
