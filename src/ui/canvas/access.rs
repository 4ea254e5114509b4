//! The map for screen readers, and the keyboard left with the map.
//!
//! The canvas paints the map as shapes, which a screen reader cannot read.
//! So each card, stage header, lane label and emotion point **in view**
//! also becomes a node of the accessibility tree, inside the canvas's node:
//! a hover-only widget over the item (it takes no clicks or drags from the
//! canvas) with a role, its text, what kind of item it is, where it is, and
//! whether it is selected:
//!
//! | item | role | label | role description; description |
//! |---|---|---|---|
//! | card | list item | its text | "pain point"; "severity high, moment of truth, stage Buy, lane Pains" |
//! | stage header | column header | "Stage: Buy" | its description, owner and metrics |
//! | lane label | row header | "Lane: Doing" | the lane's kind, and the blueprint line below it |
//! | emotion point | list item | "Feeling +2: relieved" | "emotion point"; "stage Buy" |
//!
//! While the map has the keyboard (no widget has egui's focus), the
//! selected item in view is the window's *active descendant*: a screen
//! reader announces it as the focus, so the arrow keys are heard moving
//! from card to card.
//!
//! Cost: nothing unless the accessibility tree is built, which egui does
//! only while a screen reader listens (and in tests). Then one widget and
//! one node per item in view, found by a pass over the layout's items
//! without laying anything out: the same work as painting them, which
//! already does this pass.

use egui::{Id, Rect, Role, Sense, UiBuilder, Vec2, accesskit};

use super::Frame;
use crate::model::{Card, JourneyMap, LaneKind, Stage};
use crate::render::{ANSWERS_ARROW, CardLayout};
use crate::ui::presence::Other;
use crate::ui::selection::Selection;

/// The canvas never keeps egui's keyboard focus: the map has the keyboard
/// when no widget has it (egui would otherwise move the focus on with the
/// arrow keys, and the map's shortcuts would be off). egui gives the
/// canvas the focus for Tab past the inspector's last widget.
pub(super) fn keep_keyboard_on_the_map(ui: &egui::Ui, canvas: &egui::Response) {
    if canvas.has_focus() {
        ui.memory_mut(|m| m.surrender_focus(canvas.id));
    }
}

/// One node per card, header, label and point in view, inside `canvas`'s
/// node, when the accessibility tree is being built.
pub(super) fn describe(
    ui: &mut egui::Ui,
    canvas: &egui::Response,
    frame: &Frame<'_>,
    selection: &Selection,
    others: &[Other],
) {
    if !ui.ctx().has_accesskit_node(canvas.id) {
        return;
    }
    let mut items = ui.new_child(
        UiBuilder::new()
            .id_salt("map items")
            .max_rect(frame.placement.rect)
            .accessibility_parent(canvas.id),
    );
    headers_and_labels(&mut items, canvas.id, frame, selection);
    cards_and_points(&mut items, canvas.id, frame, selection, others);
    announce_selection(ui.ctx(), canvas.id, selection);
}

/// The node of one item: a hover-only widget over `rect` (screen
/// coordinates, clipped to `items`), which puts the node inside the
/// canvas's, named and described by `words`. The node is written in one
/// go rather than through [`egui::Response::widget_info`], which would
/// take egui's lock once more per item for no more than the bounds.
fn node(items: &egui::Ui, id: Id, rect: Rect, words: Words) {
    items.interact(rect, id, Sense::hover());
    items.ctx().accesskit_node_builder(id, |node| {
        node.set_role(words.role);
        node.set_label(words.label);
        node.set_bounds(accesskit::Rect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
        if let Some(kind) = words.kind {
            node.set_role_description(kind);
        }
        if !words.description.is_empty() {
            node.set_description(words.description);
        }
        if words.selected {
            node.set_selected(true);
        }
    });
}

/// The stage headers and lane labels in view, where they are drawn (kept
/// at the top and the left).
fn headers_and_labels(items: &mut egui::Ui, canvas: Id, frame: &Frame<'_>, selection: &Selection) {
    let Frame {
        layout,
        placement,
        map,
    } = *frame;
    items.set_clip_rect(placement.header_clip);
    for (stage, shown) in map.stages.iter().zip(&layout.stages) {
        let rect = shown.header.translate(placement.header_offset);
        if rect.intersects(placement.header_clip) {
            let words = stage_words(stage, selection);
            node(items, canvas.with(("stage", &stage.id)), rect, words);
        }
    }
    items.set_clip_rect(placement.label_clip);
    for (lane, shown) in map.lanes.iter().zip(&layout.lanes) {
        let rect = shown.label.translate(placement.label_offset);
        if rect.intersects(placement.label_clip) {
            let words = Words {
                role: Role::RowHeader,
                label: format!("Lane: {}", lane.name),
                kind: None,
                description: lane_description(lane),
                selected: selection.lane.as_ref() == Some(&lane.id),
            };
            node(items, canvas.with(("lane", &lane.id)), rect, words);
        }
    }
}

/// What a lane label says after its name: the lane's kind, and the
/// blueprint line under it, which the screen shows as a line of its own.
fn lane_description(lane: &crate::model::Lane) -> String {
    let kind = crate::ui::lane_kind_name(lane.kind);
    match lane.line_below {
        Some(below) => format!("{kind}; {} below", below.label().to_lowercase()),
        None => kind.to_owned(),
    }
}

/// The cards and emotion points in view.
fn cards_and_points(
    items: &mut egui::Ui,
    canvas: Id,
    frame: &Frame<'_>,
    selection: &Selection,
    others: &[Other],
) {
    let Frame {
        layout,
        placement,
        map,
    } = *frame;
    items.set_clip_rect(placement.body_clip);
    for shown in &layout.cards {
        let rect = placement.body_to_screen(shown.rect);
        if !rect.intersects(placement.body_clip) {
            continue;
        }
        let Some(stage) = map.stages.get(shown.stage) else {
            continue;
        };
        if let Some(card) = stage.cards.iter().find(|c| c.id == shown.id) {
            let mut words = card_words(map, stage, card, shown, selection);
            // What the others in a shared map do with it.
            for about in crate::ui::presence::about_card(others, &card.id) {
                if !words.description.is_empty() {
                    words.description.push_str(", ");
                }
                words.description.push_str(&about);
            }
            node(items, canvas.with(("card", &card.id)), rect, words);
        }
    }
    let face = Vec2::splat(2.0 * layout.face_radius());
    for shown in &layout.points {
        let rect = placement.body_to_screen(Rect::from_center_size(shown.center, face));
        if !rect.intersects(placement.body_clip) {
            continue;
        }
        let Some(stage) = map.stages.get(shown.stage) else {
            continue;
        };
        if let Some(point) = stage.points.iter().find(|p| p.id == shown.id) {
            let words = Words {
                role: Role::ListItem,
                label: point_label(point.score, &point.label),
                kind: Some("emotion point"),
                description: format!("stage {}", stage.name),
                selected: selection.points.contains(&point.id),
            };
            node(items, canvas.with(("point", &point.id)), rect, words);
        }
    }
}

/// While the map has the keyboard, makes the item the arrow keys move from
/// (the card or point selected last, or the selected header or label) the
/// window's active descendant, if it is in view: the screen reader's focus.
fn announce_selection(ctx: &egui::Context, canvas: Id, selection: &Selection) {
    let active = if let Some(card) = selection.cards.last() {
        canvas.with(("card", card))
    } else if let Some(point) = selection.points.last() {
        canvas.with(("point", point))
    } else if let Some(stage) = &selection.stage {
        canvas.with(("stage", stage))
    } else if let Some(lane) = &selection.lane {
        canvas.with(("lane", lane))
    } else {
        return;
    };
    if ctx.has_accesskit_node(active) && ctx.memory(egui::Memory::focused).is_none() {
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |root| {
            root.set_active_descendant(active.accesskit_id());
        });
    }
}

/// What a screen reader says about one item.
struct Words {
    /// What it is to the platform: a list item, a column header…
    role: Role,
    /// Its name: the card's text, "Stage: Buy".
    label: String,
    /// What kind of item it is, said instead of the role's name.
    kind: Option<&'static str>,
    /// The rest: its details and where it is.
    description: String,
    /// Whether it is selected.
    selected: bool,
}

fn stage_words(stage: &Stage, selection: &Selection) -> Words {
    let details: Vec<&str> = [&stage.description, &stage.owner, &stage.metrics]
        .into_iter()
        .map(String::as_str)
        .filter(|text| !text.is_empty())
        .collect();
    Words {
        role: Role::ColumnHeader,
        label: format!("Stage: {}", stage.name),
        kind: None,
        description: details.join(", "),
        selected: selection.stage.as_ref() == Some(&stage.id),
    }
}

/// A card: its text, what kind of card it is, its details and its cell.
fn card_words(
    map: &JourneyMap,
    stage: &Stage,
    card: &Card,
    shown: &CardLayout,
    selection: &Selection,
) -> Words {
    let lane = map.lanes.get(shown.lane);
    let kind = lane.map_or(LaneKind::Text, |l| l.kind);
    let mut details = Vec::new();
    match kind {
        LaneKind::Touchpoints => {
            if let Some(channel) = card.channel {
                details.push(format!("channel {}", channel.label()));
            }
        }
        LaneKind::PainPoints => {
            if let Some(severity) = shown.severity {
                details.push(format!("severity {}", severity.label()));
            }
        }
        LaneKind::Opportunities => {
            // The layout found the pain point's text for the card's footer,
            // "↪ answers: …": a search of the map per card would cost more
            // than all the rest.
            if let Some((_, footer)) = &shown.footer {
                let footer = footer.text().trim_start_matches(ANSWERS_ARROW).trim();
                let pain = footer.strip_prefix("answers:").unwrap_or(footer).trim();
                details.push(format!("answers {pain}"));
            }
        }
        LaneKind::Text | LaneKind::Emotion => {}
    }
    if card.moment_of_truth {
        details.push("moment of truth".to_owned());
    }
    details.push(format!("stage {}", stage.name));
    if let Some(lane) = lane {
        details.push(format!("lane {}", lane.name));
    }
    let label = if card.text.trim().is_empty() {
        "Empty card".to_owned()
    } else {
        card.text.clone()
    };
    Words {
        role: Role::ListItem,
        label,
        kind: Some(match kind {
            LaneKind::Touchpoints => "touchpoint",
            LaneKind::PainPoints => "pain point",
            LaneKind::Opportunities => "opportunity",
            LaneKind::Text | LaneKind::Emotion => "card",
        }),
        description: details.join(", "),
        selected: selection.cards.contains(&card.id),
    }
}

/// "Feeling +2: relieved", "Feeling 0", "Feeling -3: furious".
fn point_label(score: i8, label: &str) -> String {
    let score = if score > 0 {
        format!("+{score}")
    } else {
        score.to_string()
    };
    if label.trim().is_empty() {
        format!("Feeling {score}")
    } else {
        format!("Feeling {score}: {label}")
    }
}

#[cfg(test)]
mod tests {
    use super::point_label;

    #[test]
    fn a_point_says_its_score_with_a_sign_and_its_label() {
        assert_eq!(point_label(2, "relieved"), "Feeling +2: relieved");
        assert_eq!(point_label(0, ""), "Feeling 0");
        assert_eq!(point_label(-3, "furious"), "Feeling -3: furious");
    }
}
