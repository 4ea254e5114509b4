//! File ▸ Compare with…: what changed from another map file to the map
//! open, from [`crate::model::diff`]. Added, changed and moved items are
//! outlined on the canvas in their colour, with a tag; what the other file
//! has and this map does not is listed in the comparison panel as ghost
//! cards, under a legend with the counts, and a button to end comparing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Color32, FontId, Painter, Rect, RichText, Stroke, StrokeKind, Vec2, vec2};

use crate::edit::StateId;
use crate::model::{Change, Difference, JourneyMap, Subject, diff};
use crate::render::Layout;
use crate::ui::placement::Placement;

/// The colour that marks an item the open map added.
pub const ADDED: Color32 = Color32::from_rgb(0x2e, 0x9d, 0x57);
/// The colour that marks an item whose fields changed.
pub const CHANGED: Color32 = Color32::from_rgb(0xd9, 0x8e, 0x04);
/// The colour that marks an item that moved.
pub const MOVED: Color32 = Color32::from_rgb(0x3b, 0x7d, 0xd8);
/// The colour of a ghost: an item only the other file has.
pub const REMOVED: Color32 = Color32::from_rgb(0xd6, 0x45, 0x45);

/// The most ghost cards the panel shows: a frame draws them all, and a
/// list of thousands helps nobody.
const MAX_GHOSTS: usize = 200;

/// The map open compared with the map in another file.
pub struct Comparison {
    /// The file compared with.
    path: PathBuf,
    /// The map in it.
    other: JourneyMap,
    /// What changed from it to the open map, for the state in `made_for`.
    changes: Arc<Changes>,
    made_for: Option<StateId>,
}

/// What changed from the other file to the open map, sorted for drawing.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Items only the open map has.
    pub added: HashSet<Subject>,
    /// Items whose fields changed.
    pub changed: HashSet<Subject>,
    /// Items that moved to another place.
    pub moved: HashSet<Subject>,
    /// Items only the other file has, as lines to show as ghosts.
    pub removed: Vec<Difference>,
    /// Changes to the map's own fields (title, scenario, persona), which
    /// have no card to mark.
    pub map_fields: Vec<Difference>,
}

impl Changes {
    /// The changes from `other` to `map`.
    pub fn between(other: &JourneyMap, map: &JourneyMap) -> Self {
        let mut changes = Self::default();
        for difference in diff(other, map) {
            if difference.subject == Subject::Map {
                changes.map_fields.push(difference);
                continue;
            }
            match difference.change {
                Change::Added => {
                    changes.added.insert(difference.subject);
                }
                Change::Changed => {
                    changes.changed.insert(difference.subject);
                }
                Change::Moved => {
                    changes.moved.insert(difference.subject);
                }
                Change::Removed => changes.removed.push(difference),
            }
        }
        changes
    }

    /// Whether the two maps mean the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.moved.is_empty()
            && self.removed.is_empty()
            && self.map_fields.is_empty()
    }

    /// How `subject` is marked, if it is: its colour and its tag. An item
    /// that was changed and moved is marked changed.
    pub fn mark(&self, subject: &Subject) -> Option<(Color32, &'static str)> {
        if self.added.contains(subject) {
            Some((ADDED, "new"))
        } else if self.changed.contains(subject) {
            Some((CHANGED, "changed"))
        } else if self.moved.contains(subject) {
            Some((MOVED, "moved"))
        } else {
            None
        }
    }

    /// Every marked item with its mark, as [`Self::mark`] gives it.
    pub fn marked(&self) -> impl Iterator<Item = (&Subject, (Color32, &'static str))> {
        let all = self.added.iter().chain(&self.changed).chain(&self.moved);
        all.filter_map(|subject| Some((subject, self.mark(subject)?)))
    }

    /// The status line: `3 added · 1 changed · 0 moved · 2 removed`.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "The maps mean the same: no differences.".to_owned();
        }
        format!(
            "{} added · {} changed · {} moved · {} removed",
            self.added.len(),
            self.changed.len() + self.map_fields.len(),
            self.moved.len(),
            self.removed.len()
        )
    }
}

/// What the comparison panel asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelAction {
    /// Nothing.
    None,
    /// End comparing.
    Close,
}

impl Comparison {
    /// A comparison of the open map with `other`, read from `path`.
    pub fn new(path: PathBuf, other: JourneyMap) -> Self {
        Self {
            path,
            other,
            changes: Arc::default(),
            made_for: None,
        }
    }

    /// The file compared with.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What changed from the other file to `map`, in `state`; worked out
    /// again only when the state changes.
    pub fn changes(&mut self, map: &JourneyMap, state: StateId) -> Arc<Changes> {
        if self.made_for != Some(state) {
            self.changes = Arc::new(Changes::between(&self.other, map));
            self.made_for = Some(state);
        }
        Arc::clone(&self.changes)
    }

    /// The comparison panel: the file, the legend with counts, the ghosts
    /// of what only the other file has, the map's own fields that changed,
    /// and the button that ends comparing.
    pub fn panel(&mut self, ui: &mut egui::Ui, map: &JourneyMap, state: StateId) -> PanelAction {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let changes = self.changes(map, state);
        let mut action = PanelAction::None;
        ui.heading(format!("Compared with {name}"));
        ui.label(changes.summary());
        ui.horizontal_wrapped(|ui| {
            for (colour, label) in [
                (ADDED, "new here"),
                (CHANGED, "changed"),
                (MOVED, "moved"),
                (REMOVED, "only in the other file"),
            ] {
                swatch(ui, colour);
                ui.label(label);
            }
        });
        if ui
            .button("End comparison")
            .on_hover_text("Stop marking the differences")
            .clicked()
        {
            action = PanelAction::Close;
        }
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            if !changes.map_fields.is_empty() {
                ui.strong("The map itself");
                for difference in &changes.map_fields {
                    ui.label(RichText::new(difference.to_string()).color(CHANGED));
                }
                ui.add_space(8.0);
            }
            if !changes.removed.is_empty() {
                ui.strong(format!("Only in {name}"));
                for difference in changes.removed.iter().take(MAX_GHOSTS) {
                    ghost(ui, difference);
                }
                let more = changes.removed.len().saturating_sub(MAX_GHOSTS);
                if more > 0 {
                    ui.label(format!(
                        "… and {more} more (journeymap diff lists them all)"
                    ));
                }
            }
        });
        action
    }
}

/// A small square of `colour`, for the legend.
fn swatch(ui: &mut egui::Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

/// An item only the other file has, as a ghost card: its line, struck
/// through, in a frame outlined in [`REMOVED`].
fn ghost(ui: &mut egui::Ui, difference: &Difference) {
    egui::Frame::new()
        .stroke(Stroke::new(1.5, REMOVED))
        .corner_radius(6.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(&difference.item)
                    .strikethrough()
                    .color(REMOVED),
            );
            if !difference.detail.is_empty() {
                ui.small(&difference.detail);
            }
        });
}

/// Outlines the added, changed and moved cards, points, stage headers and
/// lane labels where the canvas draws them, each with a small tag.
pub fn outline_changes(ui: &egui::Ui, placement: &Placement, layout: &Layout, changes: &Changes) {
    let body = ui.painter_at(placement.body_clip);
    let headers = ui.painter_at(placement.header_clip);
    let labels = ui.painter_at(placement.label_clip);
    // The few marked items by id, so that the many drawn ones are looked
    // up without copying an id each.
    let (mut cards, mut points, mut stages, mut lanes) = (
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
    );
    for (subject, mark) in changes.marked() {
        match subject {
            Subject::Card(id) => cards.insert(id, mark),
            Subject::Point(id) => points.insert(id, mark),
            Subject::Stage(id) => stages.insert(id, mark),
            Subject::Lane(id) => lanes.insert(id, mark),
            Subject::Map => None,
        };
    }
    let stroke = |colour| Stroke::new(3.0, colour);
    for card in layout.cards.iter().filter(|_| !cards.is_empty()) {
        if let Some(&(colour, text)) = cards.get(&card.id) {
            let rect = placement.body_to_screen(card.rect).expand(2.0);
            body.rect_stroke(rect, 6.0, stroke(colour), StrokeKind::Outside);
            tag(&body, rect, text, colour);
        }
    }
    let radius = layout.face_radius() + 4.0;
    for point in layout.points.iter().filter(|_| !points.is_empty()) {
        if let Some(&(colour, text)) = points.get(&point.id) {
            let centre = point.center + placement.origin;
            body.circle_stroke(centre, radius, stroke(colour));
            let rect = Rect::from_center_size(centre, Vec2::splat(2.0 * radius));
            tag(&body, rect, text, colour);
        }
    }
    for stage in &layout.stages {
        if let Some(&(colour, text)) = stages.get(&stage.id) {
            let rect = stage.header.translate(placement.header_offset).shrink(2.0);
            headers.rect_stroke(rect, 4.0, stroke(colour), StrokeKind::Inside);
            tag(&headers, rect.shrink(2.0), text, colour);
        }
    }
    for lane in &layout.lanes {
        if let Some(&(colour, text)) = lanes.get(&lane.id) {
            let rect = lane.label.translate(placement.label_offset).shrink(2.0);
            labels.rect_stroke(rect, 4.0, stroke(colour), StrokeKind::Inside);
            tag(&labels, rect.shrink(2.0), text, colour);
        }
    }
}

/// A small tag with `text` in `colour` at the top-right corner of `marked`.
fn tag(painter: &Painter, marked: Rect, text: &str, colour: Color32) {
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(11.0), Color32::WHITE);
    let size = galley.size() + vec2(8.0, 2.0);
    let rect = Rect::from_min_size(marked.right_top() - vec2(size.x + 4.0, size.y / 2.0), size);
    painter.rect_filled(rect, 3.0, colour);
    painter.galley(rect.min + vec2(4.0, 1.0), galley, Color32::WHITE);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardId, LaneId, StageId};

    fn grocery() -> JourneyMap {
        crate::samples::find("grocery-trip")
            .and_then(|s| s.map().ok())
            .expect("sample")
    }

    #[test]
    fn each_item_is_marked_by_how_it_changed_and_removed_ones_are_listed() {
        let older = grocery();
        let mut now = older.clone();
        now.set_card_text(&CardId::new("c1"), "Edited")
            .expect("text");
        now.move_card(
            &CardId::new("c2"),
            &StageId::new("shop"),
            &LaneId::new("doing"),
            0,
        )
        .expect("move");
        now.remove_card(&CardId::new("c3")).expect("remove");
        let added = now
            .add_card(&StageId::new("plan"), &LaneId::new("doing"), 0, "New")
            .expect("add");
        now.rename_stage(&StageId::new("plan"), "Plan")
            .expect("rename");

        let changes = Changes::between(&older, &now);
        let mark = |subject| changes.mark(&subject).map(|(_, tag)| tag);
        assert_eq!(mark(Subject::Card(added)), Some("new"));
        assert_eq!(mark(Subject::Card(CardId::new("c1"))), Some("changed"));
        assert_eq!(mark(Subject::Card(CardId::new("c2"))), Some("moved"));
        assert_eq!(mark(Subject::Stage(StageId::new("plan"))), Some("changed"));
        assert_eq!(mark(Subject::Card(CardId::new("c4"))), None);
        let removed: Vec<&Subject> = changes.removed.iter().map(|d| &d.subject).collect();
        assert_eq!(removed, [&Subject::Card(CardId::new("c3"))]);
        assert_eq!(
            changes.summary(),
            "1 added · 2 changed · 1 moved · 1 removed"
        );
    }

    #[test]
    fn the_same_map_has_nothing_to_mark() {
        let changes = Changes::between(&grocery(), &grocery());
        assert!(changes.is_empty());
        assert_eq!(changes.summary(), "The maps mean the same: no differences.");
    }
}
