//! The menu bar: File, Edit and View. Each entry queues a [`Command`]
//! (with its shortcut, where it has one); settings are checkboxes.

use super::JourneyApp;
use super::command::Command;
use crate::model::LaneKind;
use crate::samples::{SAMPLES, SampleKind};
use crate::ui::{UiCommand, lane_kind_name};

impl JourneyApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let mut chosen = None;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                pick(ui, UiCommand::New, &mut chosen);
                ui.menu_button("New from template", |ui| {
                    sample_buttons(ui, SampleKind::Template, &mut chosen);
                });
                pick(ui, UiCommand::Open, &mut chosen);
                ui.menu_button("Open sample", |ui| {
                    sample_buttons(ui, SampleKind::Map, &mut chosen);
                });
                ui.add_enabled_ui(!self.prefs.recent.is_empty(), |ui| {
                    ui.menu_button("Open recent", |ui| {
                        for path in self.prefs.recent.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                chosen = Some(Command::OpenFile(path));
                            }
                        }
                    });
                });
                pick(ui, UiCommand::Import, &mut chosen);
                pick(ui, UiCommand::CompareWith, &mut chosen);
                ui.add_enabled_ui(self.compare.is_some(), |ui| {
                    pick(ui, UiCommand::EndComparison, &mut chosen);
                });
                ui.separator();
                pick(ui, UiCommand::Save, &mut chosen);
                pick(ui, UiCommand::SaveAs, &mut chosen);
                ui.checkbox(&mut self.prefs.backup, "Keep a backup (.bak) when saving")
                    .on_hover_text(
                        "Saving keeps the version it replaces beside the map as FILE.ron.bak.",
                    );
                ui.checkbox(
                    &mut self.prefs.own_file_dialog,
                    "Use journeymap's own file dialog",
                )
                .on_hover_text(
                    "Instead of the desktop's. journeymap uses its own anyway when the desktop \
                     has no file dialog to show (no XDG portal and no zenity).",
                );
                ui.separator();
                pick(ui, UiCommand::ExportImage, &mut chosen);
                ui.separator();
                pick(ui, UiCommand::ShareOnNetwork, &mut chosen);
                pick(ui, UiCommand::JoinShared, &mut chosen);
                if ui.button("Your name and colour…").clicked() {
                    chosen = Some(Command::AskName);
                }
                ui.separator();
                pick(ui, UiCommand::Quit, &mut chosen);
            });
            ui.menu_button("Edit", |ui| self.edit_menu(ui, &mut chosen));
            ui.menu_button("View", |ui| self.view_menu(ui, &mut chosen));
            ui.menu_button("Help", |ui| {
                for command in [
                    UiCommand::ShowShortcuts,
                    UiCommand::GettingStarted,
                    UiCommand::About,
                ] {
                    pick(ui, command, &mut chosen);
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(format!("{:.0} %", self.canvas.zoom * 100.0));
                if let Some(status) = self.export_status() {
                    ui.weak(status);
                }
                if self.is_busy() {
                    ui.spinner();
                }
            });
        });
        if let Some(command) = chosen {
            self.queue(command);
        }
    }

    fn view_menu(&self, ui: &mut egui::Ui, chosen: &mut Option<Command>) {
        for command in [
            UiCommand::FitToWindow,
            UiCommand::ActualSize,
            UiCommand::ZoomIn,
            UiCommand::ZoomOut,
        ] {
            if command.menu_button(ui) {
                *chosen = Some(command.into());
            }
        }
        ui.separator();
        let mut insights = self.prefs.insights;
        if ui
            .checkbox(&mut insights, UiCommand::ToggleInsights.label())
            .clicked()
        {
            *chosen = Some(UiCommand::ToggleInsights.into());
        }
        ui.separator();
        for command in [
            UiCommand::ShowCurrentState,
            UiCommand::ShowFutureState,
            UiCommand::ShowBothStates,
        ] {
            let shown = command.state_view() == Some(self.canvas.view);
            if ui.radio(shown, command.label()).clicked() {
                *chosen = Some(command.into());
            }
        }
        ui.separator();
        let mut dark = self.prefs.dark;
        if ui
            .checkbox(&mut dark, UiCommand::ToggleTheme.label())
            .clicked()
        {
            *chosen = Some(UiCommand::ToggleTheme.into());
        }
        ui.separator();
        if UiCommand::Present.menu_button(ui) {
            *chosen = Some(UiCommand::Present.into());
        }
    }

    fn edit_menu(&self, ui: &mut egui::Ui, chosen: &mut Option<Command>) {
        let history = self.document.history();
        let undo = history.undo_label().map(|label| format!("Undo {label}"));
        let redo = history.redo_label().map(|label| format!("Redo {label}"));
        ui.add_enabled_ui(undo.is_some(), |ui| {
            if UiCommand::Undo.menu_button_labelled(ui, undo.as_deref().unwrap_or("Undo")) {
                *chosen = Some(UiCommand::Undo.into());
            }
        });
        ui.add_enabled_ui(redo.is_some(), |ui| {
            if UiCommand::Redo.menu_button_labelled(ui, redo.as_deref().unwrap_or("Redo")) {
                *chosen = Some(UiCommand::Redo.into());
            }
        });
        ui.separator();
        for command in [
            UiCommand::Cut,
            UiCommand::Copy,
            UiCommand::Paste,
            UiCommand::Duplicate,
            UiCommand::Delete,
        ] {
            pick(ui, command, chosen);
        }
        ui.menu_button("Move card", |ui| {
            for command in [
                UiCommand::MoveCardLeft,
                UiCommand::MoveCardRight,
                UiCommand::MoveCardUp,
                UiCommand::MoveCardDown,
            ] {
                pick(ui, command, chosen);
            }
        });
        ui.separator();
        pick(ui, UiCommand::EditInPlace, chosen);
        pick(ui, UiCommand::NewCard, chosen);
        pick(ui, UiCommand::SelectAll, chosen);
        pick(ui, UiCommand::SelectNone, chosen);
        ui.separator();
        pick(ui, UiCommand::AddStage, chosen);
        ui.menu_button("Add lane", |ui| {
            for kind in LaneKind::ALL {
                if ui.button(lane_kind_name(kind)).clicked() {
                    *chosen = Some(Command::AddLane(kind));
                }
            }
        });
    }
}

/// A menu entry for `command`; remembers it in `chosen` when clicked.
fn pick(ui: &mut egui::Ui, command: UiCommand, chosen: &mut Option<Command>) {
    if command.menu_button(ui) {
        *chosen = Some(command.into());
    }
}

/// An entry for each bundled map of `kind`, by its title.
fn sample_buttons(ui: &mut egui::Ui, kind: SampleKind, chosen: &mut Option<Command>) {
    for sample in SAMPLES.iter().filter(|s| s.kind == kind) {
        if ui.button(sample.label).on_hover_text(sample.name).clicked() {
            *chosen = Some(Command::OpenSample(sample.name));
        }
    }
}
