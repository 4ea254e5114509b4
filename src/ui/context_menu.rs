//! The right-click menu of the canvas: the commands that apply to what was
//! clicked, with the same labels and shortcuts as the menu bar, plus the
//! quick settings a workshop reaches for (channel, severity, feeling).

use egui::Pos2;

use super::UiCommand;
use super::gesture;
use super::inline_edit::InlineEdit;
use crate::edit::Edit;
use crate::model::{Channel, JourneyMap, LaneKind, MAX_SCORE, MIN_SCORE, Severity};
use crate::render::{Hit, Layout};

/// What the user chose in the menu.
#[derive(Debug, Default)]
pub struct MenuChoice {
    /// Edits to apply.
    pub edits: Vec<Edit>,
    /// Commands to run on the selection (which the right-click set).
    pub commands: Vec<UiCommand>,
    /// Text to start typing.
    pub inline: Option<InlineEdit>,
}

/// The menu's entries for a right-click on `hit` at `at` (map coordinates).
pub fn contents(
    ui: &mut egui::Ui,
    hit: Option<Hit>,
    at: Pos2,
    layout: &Layout,
    map: &JourneyMap,
) -> MenuChoice {
    let mut choice = MenuChoice::default();
    match hit {
        Some(Hit::Card(i)) => card_entries(ui, i, layout, map, &mut choice),
        Some(Hit::Point(i)) => point_entries(ui, i, layout, map, &mut choice),
        Some(Hit::Cell { stage, lane }) => {
            cell_entries(ui, (stage, lane), at, layout, map, &mut choice);
        }
        Some(Hit::StageHeader(i)) => stage_entries(ui, i, map, &mut choice),
        Some(Hit::LaneLabel(i)) => lane_entries(ui, i, map, &mut choice),
        Some(Hit::Persona) | None => {
            command(ui, UiCommand::AddStage, &mut choice);
            command(ui, UiCommand::SelectAll, &mut choice);
            command(ui, UiCommand::FitToWindow, &mut choice);
        }
    }
    choice
}

fn command(ui: &mut egui::Ui, command: UiCommand, choice: &mut MenuChoice) {
    if command.menu_button(ui) {
        choice.commands.push(command);
    }
}

fn labelled(ui: &mut egui::Ui, command: UiCommand, label: &str, choice: &mut MenuChoice) {
    if command.menu_button_labelled(ui, label) {
        choice.commands.push(command);
    }
}

fn edit_button(ui: &mut egui::Ui, enabled: bool, label: &str, edit: Edit, choice: &mut MenuChoice) {
    if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
        choice.edits.push(edit);
    }
}

fn card_entries(
    ui: &mut egui::Ui,
    i: usize,
    layout: &Layout,
    map: &JourneyMap,
    choice: &mut MenuChoice,
) {
    let Some((_, card)) = layout.cards.get(i).and_then(|c| map.card(&c.id)) else {
        return;
    };
    let kind = map.lane(&card.lane).map(|lane| lane.kind);
    command(ui, UiCommand::EditInPlace, choice);
    command(ui, UiCommand::NewCard, choice);
    ui.separator();
    for each in [
        UiCommand::Cut,
        UiCommand::Copy,
        UiCommand::Paste,
        UiCommand::Duplicate,
    ] {
        command(ui, each, choice);
    }
    ui.separator();
    if kind == Some(LaneKind::Touchpoints) {
        ui.menu_button("Channel", |ui| {
            for option in std::iter::once(None).chain(Channel::ALL.map(Some)) {
                let label = option.map_or("none", Channel::label);
                if ui.radio(card.channel == option, label).clicked() {
                    choice.edits.push(Edit::SetChannel(card.id.clone(), option));
                }
            }
        });
    }
    if kind == Some(LaneKind::PainPoints) {
        ui.menu_button("Severity", |ui| {
            for option in std::iter::once(None).chain(Severity::ALL.map(Some)) {
                let label = option.map_or("none", Severity::label);
                if ui.radio(card.severity == option, label).clicked() {
                    choice
                        .edits
                        .push(Edit::SetSeverity(card.id.clone(), option));
                }
            }
        });
    }
    if ui
        .checkbox(&mut card.moment_of_truth.clone(), "Moment of truth")
        .clicked()
    {
        choice.edits.push(Edit::SetMomentOfTruth(
            card.id.clone(),
            !card.moment_of_truth,
        ));
    }
    ui.separator();
    command(ui, UiCommand::Delete, choice);
}

fn point_entries(
    ui: &mut egui::Ui,
    i: usize,
    layout: &Layout,
    map: &JourneyMap,
    choice: &mut MenuChoice,
) {
    let Some((_, point)) = layout.points.get(i).and_then(|p| map.point(&p.id)) else {
        return;
    };
    labelled(ui, UiCommand::EditInPlace, "Edit label", choice);
    ui.menu_button("Feeling", |ui| {
        for score in (MIN_SCORE..=MAX_SCORE).rev() {
            if ui
                .radio(point.score == score, format!("{score:+}"))
                .clicked()
            {
                choice.edits.push(Edit::SetScore(point.id.clone(), score));
            }
        }
    });
    ui.separator();
    command(ui, UiCommand::Delete, choice);
}

fn cell_entries(
    ui: &mut egui::Ui,
    (stage, lane): (usize, usize),
    at: Pos2,
    layout: &Layout,
    map: &JourneyMap,
    choice: &mut MenuChoice,
) {
    let Some(kind) = layout.lanes.get(lane).map(|l| l.kind) else {
        return;
    };
    if kind == LaneKind::Emotion {
        if ui.button("Add emotion point here").clicked() {
            choice
                .edits
                .extend(gesture::add_point(layout, map, stage, lane, at));
        }
    } else {
        if UiCommand::EditInPlace.menu_button_labelled(ui, "Add card here") {
            choice.inline = gesture::inline_for(Some(Hit::Cell { stage, lane }), layout, map);
        }
        command(ui, UiCommand::Paste, choice);
    }
}

fn stage_entries(ui: &mut egui::Ui, i: usize, map: &JourneyMap, choice: &mut MenuChoice) {
    let Some(stage) = map.stages.get(i) else {
        return;
    };
    labelled(ui, UiCommand::EditInPlace, "Rename", choice);
    ui.separator();
    let add = |index| Edit::AddStage {
        index,
        name: "New stage".into(),
    };
    edit_button(ui, true, "Add stage before", add(i), choice);
    edit_button(ui, true, "Add stage after", add(i + 1), choice);
    ui.separator();
    let id = &stage.id;
    let moves = ["Move left", "Move right", "Delete stage"];
    reorder_and_delete(
        ui,
        i,
        map.stages.len(),
        moves,
        choice,
        |index| match index {
            Some(index) => Edit::MoveStage(id.clone(), index),
            None => Edit::RemoveStage(id.clone()),
        },
    );
}

fn lane_entries(ui: &mut egui::Ui, i: usize, map: &JourneyMap, choice: &mut MenuChoice) {
    let Some(lane) = map.lanes.get(i) else {
        return;
    };
    labelled(ui, UiCommand::EditInPlace, "Rename", choice);
    ui.separator();
    ui.menu_button("Add lane below", |ui| {
        for kind in LaneKind::ALL {
            let name = super::default_lane_name(kind).to_owned();
            let edit = Edit::AddLane {
                index: i + 1,
                name,
                kind,
            };
            edit_button(ui, true, super::lane_kind_name(kind), edit, choice);
        }
    });
    ui.separator();
    let id = &lane.id;
    let moves = ["Move up", "Move down", "Delete lane"];
    reorder_and_delete(ui, i, map.lanes.len(), moves, choice, |index| match index {
        Some(index) => Edit::MoveLane(id.clone(), index),
        None => Edit::RemoveLane(id.clone()),
    });
}

/// "Move back", "Move on" (each where there is room) and "Delete" for item
/// `i` of `count`; `edit(Some(index))` moves it, `edit(None)` deletes it.
fn reorder_and_delete(
    ui: &mut egui::Ui,
    i: usize,
    count: usize,
    [back, on, delete]: [&str; 3],
    choice: &mut MenuChoice,
    edit: impl Fn(Option<usize>) -> Edit,
) {
    edit_button(ui, i > 0, back, edit(Some(i.saturating_sub(1))), choice);
    edit_button(ui, i + 1 < count, on, edit(Some(i + 1)), choice);
    ui.separator();
    edit_button(ui, true, delete, edit(None), choice);
}
